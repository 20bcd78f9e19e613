//! Consolidation as a use case: the domain's passes ([`crate::domain::consolidate`]) run over
//! this instance's index in small steps, each under the ingest lock in its own transaction,
//! and every automatic fix is written to the database and the clustering log exactly as a
//! PM's merge or move would be, so every instance replays the same corrections. Between
//! steps ingest goes on (a step holds the lock for a few milliseconds).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use tracing::{debug, info, instrument, warn};

use super::clustering::{SIGNAL_DOC_BASE, State, cluster_text};
use super::requests::Requests;
use crate::domain::cluster_log::LogKind;
use crate::domain::consolidate::{
    self, ConsolidationConfig, Fix, Fixed, StepPacer, Terms, WithModel,
};
use crate::domain::semantic::SemanticConfig;
use crate::error::AppError;
use crate::store::{requests, to_micros};

/// How often the background task looks whether a burst of feedback has settled.
const BURST_POLL: Duration = Duration::from_secs(1);

/// How long a step holds the ingest lock, about: steps are sized by time ([`StepPacer`]).
const STEP_TARGET: Duration = Duration::from_millis(5);
/// Requests compared per step of the merge pass, at the most (their cost varies: the bound
/// keeps one costly chunk from holding the lock long).
const REQUESTS_PER_STEP: usize = 100;
/// Items judged (or encoded again) per step, at the most.
const ITEMS_PER_STEP: usize = 250;
/// The smallest step: what a step costs beyond its items (the lock, the transaction, the
/// commit) stays small beside them.
const LEAST_PER_STEP: usize = 16;

/// What one consolidation run did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ConsolidationReport {
    pub requests_merged: u64,
    pub feedback_moved: u64,
    pub merge_suggestions: u64,
    /// Items that may belong elsewhere, below the bar for moving them automatically.
    pub move_candidates: u64,
    /// Items encoded again because text they counted turned out to be boilerplate.
    pub feedback_refreshed: u64,
    pub requests_examined: u64,
    pub feedback_examined: u64,
    pub seconds: f64,
}

struct PmDecisions {
    requests: HashSet<i64>,
    docs: HashSet<i64>,
}

impl Fixed for PmDecisions {
    fn request(&self, id: u64) -> bool {
        id >= SIGNAL_DOC_BASE || self.requests.contains(&(id as i64))
    }
    fn doc(&self, id: u64) -> bool {
        id >= SIGNAL_DOC_BASE || self.docs.contains(&(id as i64))
    }
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Merge(&'a [u64]),
    Move(&'a [u64]),
}

impl Requests {
    /// One consolidation run over the whole corpus: merge pass, move pass, merge pass.
    #[instrument(skip_all)]
    pub async fn consolidate(&self) -> Result<ConsolidationReport, AppError> {
        let _one_run = self.consolidating.lock().await;
        let started = Instant::now();
        let mut report = ConsolidationReport::default();
        let db = self.ctx.store.db();
        // PM decisions as of now; each step re-reads those of the requests it looks at.
        let fixed = requests::fixed_requests(db, None).await?;
        // Items placed before the corpus had learned that some of their sentences are ticket
        // furniture still count those sentences: encode them again first.
        let stale: Vec<u64> = {
            let (_guard, tx) = self.begin_change().await?;
            drop(tx);
            let s = self.clustering.read();
            s.engine
                .stale_docs()
                .into_iter()
                .filter(|&d| d < SIGNAL_DOC_BASE)
                .collect()
        };
        let mut pacer = StepPacer::new(LEAST_PER_STEP, ITEMS_PER_STEP, STEP_TARGET);
        let mut rest = &stale[..];
        while !rest.is_empty() {
            let (chunk, after) = rest.split_at(pacer.size().min(rest.len()));
            let held = self.refresh_step(chunk, &mut report).await?;
            pacer.took(chunk.len(), held.time);
            rest = after;
            held.rest().await;
        }
        // Rounds of a merge pass then a move pass, until a round changes nothing (a merge
        // changes a centroid, so the next pass can see more).
        let rounds = self.ctx.config.consolidation.rounds.max(1);
        for _ in 0..rounds {
            let changed_before = report.requests_merged + report.feedback_moved;
            for moves in [false, true] {
                let ids: Vec<u64> = {
                    let (_guard, tx) = self.begin_change().await?;
                    drop(tx);
                    let s = self.clustering.read();
                    if moves {
                        s.engine
                            .assignments()
                            .into_iter()
                            .map(|(d, _)| d)
                            .filter(|&d| d < SIGNAL_DOC_BASE)
                            .collect()
                    } else {
                        s.engine.request_ids()
                    }
                };
                let most = if moves {
                    ITEMS_PER_STEP
                } else {
                    REQUESTS_PER_STEP
                };
                let mut pacer = StepPacer::new(LEAST_PER_STEP, most, STEP_TARGET);
                let mut rest = &ids[..];
                while !rest.is_empty() {
                    let (chunk, after) = rest.split_at(pacer.size().min(rest.len()));
                    let step = if moves {
                        Step::Move(chunk)
                    } else {
                        Step::Merge(chunk)
                    };
                    let held = self.consolidation_step(step, &fixed, &mut report).await?;
                    pacer.took(chunk.len(), held.time);
                    rest = after;
                    held.rest().await;
                }
            }
            if report.requests_merged + report.feedback_moved == changed_before {
                break;
            }
        }
        report.seconds = started.elapsed().as_secs_f64();
        // A run that changed nothing (most background runs) is not news.
        let changed = report.requests_merged
            + report.feedback_moved
            + report.feedback_refreshed
            + report.merge_suggestions
            > 0;
        if changed {
            info!(
                merged = report.requests_merged,
                moved = report.feedback_moved,
                refreshed = report.feedback_refreshed,
                suggestions = report.merge_suggestions,
                seconds = report.seconds,
                "consolidation done"
            );
        } else {
            debug!(
                seconds = report.seconds,
                "consolidation done: nothing to change"
            );
        }
        Ok(report)
    }

    /// Encodes `docs` again (those still stale) and records the ones that changed; returns how
    /// long it held the ingest lock and whether another caller was waiting for it ([`Held`]).
    async fn refresh_step(
        &self,
        docs: &[u64],
        report: &mut ConsolidationReport,
    ) -> Result<Held, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let held = Instant::now();
        let ids: Vec<i64> = docs.iter().map(|&d| d as i64).collect();
        let mut rows = requests::feedback_for_replay_ids(&*tx, &ids).await?;
        rows.sort_by_key(|r| r.0);
        let changed: Vec<String> = {
            let mut s = self.clustering.write();
            s.dirty = true;
            rows.iter()
                .filter(|(id, _, title, body)| {
                    s.engine.refresh_doc(*id as u64, &cluster_text(title, body))
                })
                .map(|(id, ..)| id.to_string())
                .collect()
        };
        if changed.is_empty() {
            tx.commit().await?;
            self.clustering.committed(None);
            return Ok(self.held_since(held));
        }
        report.feedback_refreshed += changed.len() as u64;
        let event = requests::append_event(
            &*tx,
            LogKind::Refresh,
            0,
            0,
            changed.join(","),
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        self.commit_change(tx, event).await?;
        Ok(self.held_since(held))
    }

    /// How long a step held the ingest lock, which it still holds, and whether another caller
    /// waits for it.
    fn held_since(&self, since: Instant) -> Held {
        Held {
            time: since.elapsed(),
            contended: self.clustering.changes_waiting(),
        }
    }

    /// One step of a merge or move pass; returns how long it held the ingest lock and whether
    /// another caller was waiting for it ([`Held`]).
    async fn consolidation_step(
        &self,
        step: Step<'_>,
        fixed_at_start: &HashSet<i64>,
        report: &mut ConsolidationReport,
    ) -> Result<Held, AppError> {
        let config = self.ctx.config.consolidation.clone();
        let (_guard, tx) = self.begin_change().await?;
        let held = Instant::now();
        let (request_ids, doc_ids): (Vec<i64>, Vec<i64>) = {
            let s = self.clustering.read();
            match step {
                Step::Merge(ids) => (ids.iter().map(|&r| r as i64).collect(), Vec::new()),
                Step::Move(docs) => (
                    docs.iter()
                        .filter_map(|&d| s.engine.request_of(d))
                        .map(|r| r as i64)
                        .collect(),
                    docs.iter().map(|&d| d as i64).collect(),
                ),
            }
        };
        let mut decided = requests::fixed_requests(&*tx, Some(&request_ids)).await?;
        decided.extend(fixed_at_start);
        let pm = PmDecisions {
            requests: decided,
            docs: requests::moved_by_pm(&*tx, &doc_ids).await?,
        };
        let with_model = self.clustering.placer().is_some();
        let fixes = {
            let mut s = self.clustering.write();
            s.dirty = true;
            match step {
                Step::Merge(ids) => report.requests_examined += ids.len() as u64,
                Step::Move(docs) => report.feedback_examined += docs.len() as u64,
            }
            run_pass(&mut s, step, with_model, &pm, &config)
        };
        let now = to_micros(self.ctx.clock.now());
        let mut last_event = None;
        // A merge the index made but the database had made already (it should not happen):
        // leave the index to be rebuilt from the log.
        let mut diverged = false;
        let mut suggestions = Vec::new();
        for fix in fixes {
            match fix {
                Fix::Merge { source, target, .. } => {
                    let (merged, _, payload) = self
                        .merge_rows(
                            &tx,
                            source as i64,
                            target as i64,
                            requests::CONSOLIDATION_ACTOR,
                        )
                        .await?;
                    if merged.is_some() {
                        let e = requests::append_event(
                            &*tx,
                            LogKind::Merge,
                            source as i64,
                            target as i64,
                            payload,
                            now,
                        )
                        .await?;
                        last_event = Some(e);
                        report.requests_merged += 1;
                    } else {
                        diverged = true;
                    }
                }
                Fix::Move { doc, to, .. } => {
                    requests::move_feedback_to(&*tx, doc as i64, to as i64).await?;
                    super::outbox::announce_available(&*tx, &self.ctx, &[to as i64], now).await?;
                    let e = requests::append_event(
                        &*tx,
                        LogKind::Move,
                        doc as i64,
                        to as i64,
                        String::new(),
                        now,
                    )
                    .await?;
                    last_event = Some(e);
                    report.feedback_moved += 1;
                }
                Fix::SuggestMerge {
                    source,
                    target,
                    similarity,
                } => suggestions.push((source as i64, target as i64, similarity as f64)),
                Fix::SuggestMove {
                    doc,
                    from,
                    to,
                    similarity,
                    ..
                } => {
                    report.move_candidates += 1;
                    // Stored for a PM, once per (item, target) pair; never for an item a PM
                    // moved, and never again once rejected.
                    requests::insert_move_suggestions(
                        &*tx,
                        &[(doc as i64, from as i64, to as i64, f64::from(similarity))],
                        now,
                    )
                    .await?;
                }
            }
        }
        if !suggestions.is_empty() {
            let pairs: Vec<(i64, i64)> = suggestions.iter().map(|&(a, b, _)| (a, b)).collect();
            let known = requests::suggested_pairs(&*tx, &pairs).await?;
            suggestions.retain(|&(a, b, _)| !known.contains(&(a, b)));
            suggestions.sort_by_key(|&(a, b, _)| (a, b));
            suggestions.dedup_by_key(|&mut (a, b, _)| (a, b));
            report.merge_suggestions += suggestions.len() as u64;
            requests::insert_suggestions(&*tx, &suggestions, now).await?;
        }
        match last_event {
            Some(event) if !diverged => self.commit_change(tx, event).await?,
            _ => {
                tx.commit().await?;
                if !diverged {
                    self.clustering.committed(None);
                }
            }
        }
        Ok(self.held_since(held))
    }

    /// Runs consolidation every `every`, and soon after a burst of new feedback has settled
    /// ([`consolidate::Burst`]: a bulk import is consolidated within seconds, not at the next
    /// tick), until the task is dropped; a failed run is logged and retried later.
    pub async fn consolidate_every(self, every: Duration) {
        let mut poll = tokio::time::interval(BURST_POLL);
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let docs = || self.clustering.read().engine.num_docs() as u64;
        let mut burst = consolidate::Burst::new(docs());
        let mut last_run = Instant::now();
        loop {
            poll.tick().await;
            let now = Instant::now();
            let settled = burst.observe(docs(), now);
            if !settled && now.duration_since(last_run) < every {
                continue;
            }
            if let Err(e) = self.consolidate().await {
                warn!(error = %e, "consolidation failed; retrying at the next run");
            }
            last_run = Instant::now();
            burst.ran(docs());
        }
    }
}

/// How long a step held the ingest lock, and whether another caller (the ingest writer, a
/// PM's action) was waiting for it when the step ended.
struct Held {
    time: Duration,
    contended: bool,
}

impl Held {
    /// While others wait for the lock, a run rests after each step as long as the step held
    /// it, so it takes at most about half of the lock and of a core: on two cores, runs back
    /// to back with ingest otherwise doubled SubmitFeedback's median latency, not only its
    /// tail. Alone, a run goes at full speed.
    async fn rest(&self) {
        if self.contended {
            tokio::time::sleep(self.time).await;
        }
    }
}

/// One pass over this instance's index: by the terms alone, or, when the embedding model places
/// feedback, by the terms and the sentence vectors exactly as placement weighs them, so
/// consolidation never undoes the model's placements on the terms' word alone.
fn run_pass(
    s: &mut State,
    step: Step<'_>,
    with_model: bool,
    pm: &PmDecisions,
    config: &ConsolidationConfig,
) -> Vec<Fix> {
    let State {
        engine, semantic, ..
    } = s;
    let semantic_config = SemanticConfig::default();
    let mut model = WithModel {
        index: semantic,
        config: &semantic_config,
    };
    match (step, with_model) {
        (Step::Merge(ids), false) => consolidate::merge_pass(engine, &mut Terms, ids, pm, config),
        (Step::Merge(ids), true) => consolidate::merge_pass(engine, &mut model, ids, pm, config),
        (Step::Move(docs), false) => consolidate::move_pass(engine, &mut Terms, docs, pm, config),
        (Step::Move(docs), true) => consolidate::move_pass(engine, &mut model, docs, pm, config),
    }
}
