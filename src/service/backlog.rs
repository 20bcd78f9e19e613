//! The score inputs of every request, held in memory per instance so a ranked backlog over tens
//! of thousands of requests answers in milliseconds, and scores cached per profile.
//!
//! Kept current without touching the ingest path: before answering, the model compares a few
//! version stamps with the database (the clustering event log, the accounts' latest update,
//! the plan and telemetry counters) and reads only what changed. So ingest pays nothing, and
//! every instance on a shared database converges on the same inputs.

use std::collections::{HashMap, HashSet};
use std::sync::PoisonError;

use chrono::{DateTime, Timelike, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tracing::debug;

use super::Spawned;
use crate::domain::account::{TierThresholds, effective_tier};
use crate::domain::cluster_log::{LogEvent, LogKind};
use crate::domain::roadmap::RequestStatus;
use crate::domain::scoring::{
    self, AccountFacts, CustomerBase, Evidence, RequestInputs, Score, ScoringProfile, ThemeFit,
};
use crate::error::AppError;
use crate::store::backlog::{self, AccountScoreRow, RequestState, ViewStamps};
use crate::store::{plan, requests};

pub const PLAN_VERSION: &str = "plan_version";
pub const TELEMETRY_VERSION: &str = "telemetry_version";

/// An account as scoring sees it.
#[derive(Debug, Clone)]
pub struct AccountInfo {
    pub facts: AccountFacts,
    pub segment: String,
}

/// Everything a request's score depends on.
#[derive(Debug, Clone)]
pub struct RequestInputsOwned {
    pub status: RequestStatus,
    pub evidence: Vec<Evidence>,
    pub effort: Option<f64>,
    /// (theme, alignment)
    pub themes: Vec<(i64, f64)>,
    pub telemetry_users: i64,
    /// A telemetry signal is placed in the request.
    pub signal: bool,
}

impl RequestInputsOwned {
    /// In the open backlog: an open status and some evidence left (feedback or a signal). A
    /// request emptied by moves leaves it, and comes back when evidence returns.
    pub fn in_open_backlog(&self) -> bool {
        self.status.is_open()
            && (!self.evidence.is_empty() || self.signal || self.telemetry_users > 0)
    }
}

struct ScoreCache {
    hour: DateTime<Utc>,
    scores: HashMap<i64, Score>,
    /// Every request has a score in `scores`.
    complete: bool,
    /// Open requests in rank order, up to the requests in `dirty`.
    order: Option<Vec<(f64, i64)>>,
    /// Requests whose inputs changed since `scores` was complete: rescored on the next use and
    /// moved to their new place in `order`, instead of rescoring and sorting everything.
    dirty: HashSet<i64>,
}

/// The backlog in memory: every request's score inputs, the accounts and themes they are scored
/// against, and cached scores per profile.
pub struct Backlog {
    loaded: bool,
    /// Every clustering event up to this one is applied (none between it and the newest the
    /// last refresh read).
    last_event: i64,
    accounts_seen: i64,
    plan_version: i64,
    telemetry_version: i64,
    /// [`crate::store::VIEWS_VERSION`] as the last refresh read it.
    views_version: i64,
    pub accounts: HashMap<i64, AccountInfo>,
    pub base: CustomerBase,
    pub requests: HashMap<i64, RequestInputsOwned>,
    feedback_request: HashMap<i64, i64>,
    pub themes: HashMap<i64, crate::domain::scoring::Theme>,
    caches: HashMap<String, ScoreCache>,
    tiers: TierThresholds,
}

/// Scores are computed as of the start of the current hour, so cached scores and explanations
/// agree; decay and renewal windows move in hourly steps.
pub fn score_time(now: DateTime<Utc>) -> DateTime<Utc> {
    now.with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now)
}

impl Backlog {
    /// Where the last refresh found the clustering log (applied up to this event) and the views
    /// version: after a refresh, at least as far as they were when its caller began.
    pub fn read_at(&self) -> ViewStamps {
        ViewStamps {
            latest_event: self.last_event,
            views_version: self.views_version,
        }
    }

    /// (feedback, accounts) behind each of `ids` that has evidence, as the score inputs hold
    /// them ([`crate::store::requests::counts`] without the database).
    pub fn counts(&self, ids: &[i64]) -> HashMap<i64, (i64, i64)> {
        ids.iter()
            .filter_map(|id| {
                let r = self.requests.get(id).filter(|r| !r.evidence.is_empty())?;
                let accounts: HashSet<i64> = r.evidence.iter().map(|e| e.account_id).collect();
                Some((*id, (r.evidence.len() as i64, accounts.len() as i64)))
            })
            .collect()
    }

    pub fn new(tiers: TierThresholds) -> Self {
        Self {
            loaded: false,
            last_event: 0,
            accounts_seen: i64::MIN,
            plan_version: -1,
            telemetry_version: -1,
            views_version: 0,
            accounts: HashMap::new(),
            base: CustomerBase {
                total_arr: 0,
                total_accounts: 0,
                total_seats: 0,
            },
            requests: HashMap::new(),
            feedback_request: HashMap::new(),
            themes: HashMap::new(),
            caches: HashMap::new(),
            tiers,
        }
    }

    fn invalidate(&mut self, request: i64) {
        for cache in self.caches.values_mut() {
            cache.scores.remove(&request);
            if cache.complete {
                cache.dirty.insert(request);
            }
        }
    }

    fn add_evidence(&mut self, request: i64, e: Evidence) {
        if let Some(old) = self.feedback_request.insert(e.feedback_id, request) {
            if old == request {
                return;
            }
            if let Some(r) = self.requests.get_mut(&old) {
                r.evidence.retain(|x| x.feedback_id != e.feedback_id);
            }
            self.invalidate(old);
        }
        self.requests
            .entry(request)
            .or_insert_with(new_request)
            .evidence
            .push(e);
        self.invalidate(request);
    }

    fn apply_statuses(&mut self, rows: Vec<RequestState>) {
        for RequestState { id, status, effort } in rows {
            let r = self.requests.entry(id).or_insert_with(new_request);
            r.status = status;
            r.effort = effort;
            self.invalidate(id);
        }
    }

    /// Replaces the evidence of `ids` with `rows`, as the database has it now.
    fn reload_evidence(&mut self, ids: &[i64], rows: Vec<(i64, Evidence)>) {
        for id in ids {
            if let Some(r) = self.requests.get_mut(id) {
                r.evidence.clear();
            }
        }
        for (request, ev) in rows {
            self.feedback_request.insert(ev.feedback_id, request);
            self.requests
                .entry(request)
                .or_insert_with(new_request)
                .evidence
                .push(ev);
        }
    }

    fn apply_accounts(&mut self, rows: Vec<AccountScoreRow>) {
        let mut changed = false;
        for row in rows {
            let AccountScoreRow {
                id,
                arr,
                tier,
                seats,
                renewal_date: renewal,
                health,
                segment,
                updated_at: updated,
            } = row;
            let explicit = tier
                .as_deref()
                .and_then(crate::domain::account::Tier::parse);
            let facts = AccountFacts {
                account_id: id,
                arr: arr.unwrap_or(0).max(0),
                tier: effective_tier(explicit, arr, self.tiers).map(|(t, _)| t),
                seats: i64::from(seats.unwrap_or(0).max(0)),
                renewal_date: renewal
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                health,
            };
            self.accounts_seen = self.accounts_seen.max(updated);
            if self
                .accounts
                .get(&id)
                .is_some_and(|a| a.facts == facts && a.segment == segment)
            {
                continue;
            }
            changed = true;
            if let Some(old) = self.accounts.insert(id, AccountInfo { facts, segment }) {
                self.base.total_arr -= old.facts.arr;
                self.base.total_seats -= old.facts.seats;
                self.base.total_accounts -= 1;
            }
            self.base.total_arr += facts.arr;
            self.base.total_seats += facts.seats;
            self.base.total_accounts += 1;
        }
        if changed {
            // The customer base moved: every share did.
            self.caches.clear();
        }
    }

    fn apply_plan(&mut self, plan: PlanRows) {
        self.themes = plan.themes.into_iter().map(|t| (t.id, t)).collect();
        for r in self.requests.values_mut() {
            r.themes.clear();
            r.effort = None;
        }
        for (request, theme, alignment) in plan.alignments {
            self.requests
                .entry(request)
                .or_insert_with(new_request)
                .themes
                .push((theme, alignment));
        }
        for (request, effort) in plan.efforts {
            self.requests
                .entry(request)
                .or_insert_with(new_request)
                .effort = Some(effort);
        }
        self.apply_statuses(plan.statuses);
        self.caches.clear();
    }

    fn apply_telemetry(&mut self, users: Vec<(i64, i64)>, signal_requests: Vec<i64>) {
        for r in self.requests.values_mut() {
            r.telemetry_users = 0;
            r.signal = false;
        }
        for request in signal_requests {
            self.requests
                .entry(request)
                .or_insert_with(new_request)
                .signal = true;
        }
        for (request, users) in users {
            self.requests
                .entry(request)
                .or_insert_with(new_request)
                .telemetry_users = users;
        }
        self.caches.clear();
    }

    /// A request's theme fits, with the themes' current weights.
    pub(crate) fn theme_fits(&self, r: &RequestInputsOwned) -> Vec<ThemeFit> {
        r.themes
            .iter()
            .filter_map(|&(theme, alignment)| {
                self.themes.get(&theme).map(|t| ThemeFit {
                    theme_id: theme,
                    weight: t.weight,
                    alignment,
                    active: t.active,
                })
            })
            .collect()
    }

    /// The score of one request over `evidence` (all of it, or a time window of it).
    pub fn score_one(
        &self,
        r: &RequestInputsOwned,
        evidence: &[Evidence],
        profile: &ScoringProfile,
        at: DateTime<Utc>,
    ) -> Score {
        let fits = self.theme_fits(r);
        let lookup = |id: i64| self.accounts.get(&id).map(|a| a.facts);
        let inputs = RequestInputs {
            evidence,
            accounts: &lookup,
            telemetry_users: r.telemetry_users,
            themes: &fits,
            effort: r.effort,
        };
        scoring::score(&inputs, &self.base, profile, at)
    }

    pub fn explain(
        &self,
        request: i64,
        profile: &ScoringProfile,
        at: DateTime<Utc>,
    ) -> Option<scoring::Explanation> {
        let r = self.requests.get(&request)?;
        let fits = self.theme_fits(r);
        let lookup = |id: i64| self.accounts.get(&id).map(|a| a.facts);
        let inputs = RequestInputs {
            evidence: &r.evidence,
            accounts: &lookup,
            telemetry_users: r.telemetry_users,
            themes: &fits,
            effort: r.effort,
        };
        Some(scoring::explain(&inputs, &self.base, profile, at, 5))
    }

    /// Scores of every request under `profile` at hour `at`, from the cache where still valid.
    pub fn scores(
        &mut self,
        key: &str,
        profile: &ScoringProfile,
        at: DateTime<Utc>,
    ) -> &HashMap<i64, Score> {
        if self.caches.len() > 16 && !self.caches.contains_key(key) {
            self.caches.clear();
        }
        let stale = self.caches.get(key).is_none_or(|c| c.hour != at);
        if stale {
            let cache = ScoreCache {
                hour: at,
                scores: HashMap::new(),
                complete: false,
                order: None,
                dirty: HashSet::new(),
            };
            self.caches.insert(key.to_owned(), cache);
        }
        let missing: Vec<i64> = {
            let cache = &self.caches[key];
            if cache.complete {
                // Only what changed since.
                cache
                    .dirty
                    .iter()
                    .filter(|id| !cache.scores.contains_key(id))
                    .copied()
                    .collect()
            } else {
                self.requests
                    .keys()
                    .filter(|id| !cache.scores.contains_key(id))
                    .copied()
                    .collect()
            }
        };
        if !missing.is_empty() || !self.caches[key].complete {
            let computed: Vec<(i64, Score)> = missing
                .into_iter()
                .filter_map(|id| {
                    self.requests
                        .get(&id)
                        .map(|r| (id, self.score_one(r, &r.evidence, profile, at)))
                })
                .collect();
            if let Some(cache) = self.caches.get_mut(key) {
                cache.scores.extend(computed);
                cache.complete = true;
            }
        }
        &self.caches[key].scores
    }

    /// One page of the unfiltered backlog (open requests) in rank order, and how many
    /// requests it has: served from the cached order while nothing changed.
    pub fn ranked_page(
        &mut self,
        key: &str,
        profile: &ScoringProfile,
        at: DateTime<Utc>,
        offset: usize,
        size: usize,
    ) -> (Vec<(i64, Score, Option<f64>)>, usize) {
        self.scores(key, profile, at);
        let dirty: Vec<i64> = self
            .caches
            .get_mut(key)
            .map(|c| c.dirty.drain().collect())
            .unwrap_or_default();
        if let Some(cache) = self.caches.get_mut(key)
            && let Some(order) = cache.order.as_mut()
            && !dirty.is_empty()
        {
            // Move only what changed: out of the order, then back in at its new rank.
            let changed: HashSet<i64> = dirty.iter().copied().collect();
            order.retain(|(_, id)| !changed.contains(id));
            for id in dirty {
                let open = self
                    .requests
                    .get(&id)
                    .is_some_and(RequestInputsOwned::in_open_backlog);
                if let (true, Some(s)) = (open, cache.scores.get(&id)) {
                    let entry = (s.score, id);
                    let at = order.partition_point(|x| {
                        scoring::rank_cmp((x.0, x.1), entry) == std::cmp::Ordering::Less
                    });
                    order.insert(at, entry);
                }
            }
        }
        if self.caches[key].order.is_none() {
            let scores = &self.caches[key].scores;
            let mut order: Vec<(f64, i64)> = self
                .requests
                .iter()
                .filter(|(_, r)| r.in_open_backlog())
                .filter_map(|(id, _)| scores.get(id).map(|s| (s.score, *id)))
                .collect();
            order.sort_unstable_by(|a, b| scoring::rank_cmp((a.0, a.1), (b.0, b.1)));
            if let Some(cache) = self.caches.get_mut(key) {
                cache.order = Some(order);
            }
        }
        let cache = &self.caches[key];
        let order = cache.order.as_deref().unwrap_or_default();
        let page = order
            .iter()
            .skip(offset)
            .take(size)
            .filter_map(|(_, id)| {
                let effort = self.requests.get(id).and_then(|r| r.effort);
                cache.scores.get(id).map(|s| (*id, *s, effort))
            })
            .collect();
        (page, order.len())
    }
}

/// Ids per range the first load reads, and how many ranges it reads ahead of the one it
/// applies.
const EVIDENCE_RANGE: i64 = 50_000;
/// Clustering events a refresh reads at a time.
const EVENTS_PER_READ: u64 = 500;
const READ_AHEAD: usize = 3;

/// The backlog shared by the calls of one instance. Refreshing reads the database with no lock
/// on the model: the model's lock is taken only to apply what was read (in memory, between round
/// trips) and to answer from it, so a call never waits on the model while another caller's
/// refresh talks to the database. Refreshes run one at a time (`refreshing`): a caller that
/// arrives during one waits at most for it to end, then shares it or runs its own.
pub struct SharedBacklog {
    model: std::sync::Mutex<Backlog>,
    refreshing: std::sync::Mutex<Refreshing>,
    /// Bumped when a refresh ends, done or failed: wakes every caller waiting for it at once
    /// (a queue on a lock would wake them one after another, each waiting for a core).
    ended: tokio::sync::watch::Sender<u64>,
    /// Replaced when a server is given another clock after the backlog was loaded.
    clock: std::sync::RwLock<super::clock::Clock>,
}

/// The refresh under way, and when the last one that succeeded began.
#[derive(Default)]
struct Refreshing {
    running: bool,
    /// A call that began before then sees everything committed before it began, so it need
    /// not refresh again.
    refreshed_at: Option<std::time::Instant>,
}

/// The caller running a refresh; when it ends (done, failed, or the caller went away), the
/// next may start and every waiting caller looks again.
struct Leading<'a>(&'a SharedBacklog);

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        self.0.refreshing().running = false;
        self.0.ended.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// What a plan change reloads.
struct PlanRows {
    themes: Vec<crate::domain::scoring::Theme>,
    alignments: Vec<(i64, i64, f64)>,
    efforts: Vec<(i64, f64)>,
    statuses: Vec<RequestState>,
}

impl SharedBacklog {
    pub fn new(tiers: TierThresholds, clock: super::clock::Clock) -> Self {
        Self {
            model: std::sync::Mutex::new(Backlog::new(tiers)),
            refreshing: Default::default(),
            ended: tokio::sync::watch::Sender::new(0),
            clock: std::sync::RwLock::new(clock),
        }
    }

    /// Reads `clock` from now on (a server given another clock after its start).
    pub fn set_clock(&self, clock: super::clock::Clock) {
        *self.clock.write().unwrap_or_else(|e| e.into_inner()) = clock;
    }

    /// The model, to answer from. In memory only: the guard cannot be held across an await.
    /// A blocking lock on purpose: every backlog and FindSimilar call takes it two or three times
    /// for well under a millisecond, and an async lock handed them the model one by one, each
    /// waiting to be woken and scheduled (the refresh among them), which made the calls' tail.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Backlog> {
        self.model.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn refreshing(&self) -> std::sync::MutexGuard<'_, Refreshing> {
        self.refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The model if no one holds it now (tests: a refresh in progress must not hold it).
    pub fn try_lock(&self) -> Option<std::sync::MutexGuard<'_, Backlog>> {
        self.model.try_lock().ok()
    }

    /// Brings the inputs up to date with everything committed before `since` (the moment the
    /// caller began): callers queued behind one refresh share it instead of each repeating it.
    pub async fn refresh_since(
        &self,
        db: &DatabaseConnection,
        since: std::time::Instant,
    ) -> Result<(), AppError> {
        loop {
            // Before looking: a refresh that ends after the look still wakes this caller.
            let mut ended = self.ended.subscribe();
            {
                let mut state = self.refreshing();
                if state.refreshed_at.is_some_and(|t| t >= since) {
                    return Ok(());
                }
                if !state.running {
                    state.running = true;
                    break;
                }
            }
            // One is under way: when it ends, it either began after this caller did or this
            // caller (or another that waited with it) starts the next.
            let _ = ended.changed().await;
        }
        let _leading = Leading(self);
        let started = std::time::Instant::now();
        let views_version = self.refresh(db).await?;
        {
            let mut m = self.lock();
            m.views_version = m.views_version.max(views_version);
        }
        self.refreshing().refreshed_at = Some(started);
        Ok(())
    }

    /// Brings the inputs up to date with the database; returns the views version it read.
    /// Called by the one caller leading a refresh ([`Leading`]): the version stamps read here cannot
    /// move under it.
    async fn refresh(&self, db: &DatabaseConnection) -> Result<i64, AppError> {
        let (loaded, last_event, accounts_seen, plan_version, telemetry_version) = {
            let m = self.lock();
            (
                m.loaded,
                m.last_event,
                m.accounts_seen,
                m.plan_version,
                m.telemetry_version,
            )
        };
        // Every version stamp and the first new events in one round trip: a refresh with
        // nothing new is one statement.
        let (stamps, first_events) = backlog::stamps(
            db,
            PLAN_VERSION,
            TELEMETRY_VERSION,
            loaded.then_some((last_event, EVENTS_PER_READ)),
        )
        .await?;
        // Evidence and accounts are independent: read at once (at a start, both are whole
        // tables).
        let evidence = async {
            if !loaded {
                self.load_all_feedback(db).await
            } else {
                self.apply_events(db, stamps.last_event, (last_event, first_events))
                    .await
            }
        };
        let now = self.clock.read().unwrap_or_else(|e| e.into_inner()).now();
        let accounts = async {
            if let Some(rows) =
                backlog::changed_accounts(db, accounts_seen, stamps.accounts_latest, now).await?
            {
                self.lock().apply_accounts(rows);
            }
            Ok::<_, AppError>(())
        };
        let (evidence, accounts) = tokio::join!(evidence, accounts);
        evidence?;
        accounts?;
        let version = stamps.plan_version;
        if version != plan_version {
            let rows = PlanRows {
                themes: plan::themes(db).await?,
                alignments: plan::alignments(db).await?,
                efforts: plan::efforts(db).await?,
                statuses: backlog::request_states(db, None).await?,
            };
            let mut m = self.lock();
            m.apply_plan(rows);
            m.plan_version = version;
        }
        let version = stamps.telemetry_version;
        if version != telemetry_version {
            let users = plan::telemetry_users_by_request(db, i32::MIN, i32::MAX).await?;
            let signals: Vec<i64> = plan::signals(db)
                .await?
                .into_iter()
                .filter_map(|s| s.request_id)
                .collect();
            let mut m = self.lock();
            m.apply_telemetry(users, signals);
            m.telemetry_version = version;
        }
        Ok(stamps.views_version)
    }

    /// Loads the evidence of all placed feedback. Ranges of ids are read ahead on tasks of
    /// their own (each on its own pooled connection, decoding rows on another core) while the
    /// range before them is applied, in id order.
    async fn load_all_feedback(&self, db: &DatabaseConnection) -> Result<(), AppError> {
        // Events first: feedback stored after this point is replayed, not missed.
        let last_event = requests::max_event_id(db).await?;
        // Every write committed before the events were read has an id up to this one (anything
        // later is in the events after `last_event`, applied by the next refresh).
        let top = crate::store::max_id(db, "feedback").await?;
        let started = std::time::Instant::now();
        let mut loaded = 0usize;
        // A range still being read stops when an earlier one fails (dropped unread).
        let mut ahead = std::collections::VecDeque::new();
        let mut next = 0i64;
        loop {
            while ahead.len() < READ_AHEAD && next < top {
                let (first, last) = (next + 1, next.saturating_add(EVIDENCE_RANGE).min(top));
                next = last;
                let db = db.clone();
                ahead.push_back(Spawned::new(async move {
                    backlog::evidence_packed_in_range(&db, first, last).await
                }));
            }
            let Some(reading) = ahead.pop_front() else {
                break;
            };
            let rows = reading.join().await??;
            loaded += rows.len();
            let mut m = self.lock();
            for (request, e) in rows {
                m.add_evidence(request, e);
            }
        }
        let rows = backlog::request_states(db, None).await?;
        let mut m = self.lock();
        m.apply_statuses(rows);
        m.last_event = last_event;
        m.loaded = true;
        debug!(
            feedback = loaded,
            seconds = started.elapsed().as_secs_f64(),
            "backlog evidence loaded"
        );
        Ok(())
    }

    /// Applies the events up to `upto` (the newest when the refresh began: never chase a busy
    /// writer's tail), starting with `first`: the events already read after an event (with the
    /// stamps: the first [`EVENTS_PER_READ`] after the model's last).
    async fn apply_events<C: ConnectionTrait>(
        &self,
        db: &C,
        upto: i64,
        first: (i64, Vec<LogEvent>),
    ) -> Result<(), AppError> {
        let mut last_event = self.lock().last_event;
        let mut first = Some(first);
        while last_event < upto {
            let mut events = match first.take() {
                Some((after, events)) if after == last_event => events,
                _ => requests::events_after(db, last_event, EVENTS_PER_READ).await?,
            };
            events.retain(|e| e.id <= upto);
            let Some(last) = events.last().map(|e| e.id) else {
                return Ok(());
            };
            // Read everything this batch needs, then apply it under one short lock.
            let mut touched: HashSet<i64> = HashSet::new();
            let mut moved: Vec<i64> = Vec::new();
            // The ingested ids of the whole batch in one read: ids ascend in commit order, so
            // the ranges of its INGEST events lie between the first's start and the last's end
            // (an id between them that no INGEST event names is read as it stands now, which
            // is what applying it later would read too).
            let mut ingest_range: Option<(i64, i64)> = None;
            for e in &events {
                match e.kind {
                    Some(LogKind::Ingest) => {
                        ingest_range = Some(match ingest_range {
                            None => (e.a, e.b),
                            Some((a, b)) => (a.min(e.a), b.max(e.b)),
                        });
                    }
                    Some(LogKind::Merge | LogKind::Unmerge) => {
                        touched.insert(e.a);
                        touched.insert(e.b);
                    }
                    Some(LogKind::Move) => {
                        touched.insert(e.b);
                        moved.push(e.a);
                    }
                    _ => {}
                }
            }
            // New requests start as NEW; a status is only read when it changes.
            let ingested: Vec<(i64, Evidence)> = match ingest_range {
                Some((first, last)) => backlog::evidence_in_range(db, first, last).await?,
                None => Vec::new(),
            };
            if !moved.is_empty() {
                // Where moved feedback was: in this batch's ingest, else in the model.
                let here: HashMap<i64, i64> =
                    ingested.iter().map(|(r, e)| (e.feedback_id, *r)).collect();
                let m = self.lock();
                for f in &moved {
                    if let Some(from) = here.get(f).or_else(|| m.feedback_request.get(f)) {
                        touched.insert(*from);
                    }
                }
            }
            // Reload the touched requests' evidence as it stands now (merges moved it).
            let ids: Vec<i64> = touched.into_iter().collect();
            let mut reloads = Vec::new();
            for chunk in ids.chunks(1_000) {
                let rows = backlog::evidence_of_requests(db, chunk).await?;
                reloads.push((chunk, rows, backlog::request_states(db, Some(chunk)).await?));
            }
            let mut m = self.lock();
            for (request, e) in ingested {
                m.add_evidence(request, e);
            }
            for (chunk, rows, statuses) in reloads {
                m.reload_evidence(chunk, rows);
                m.apply_statuses(statuses);
            }
            m.last_event = last;
            last_event = last;
        }
        Ok(())
    }
}

fn new_request() -> RequestInputsOwned {
    RequestInputsOwned {
        status: RequestStatus::New,
        evidence: Vec::new(),
        effort: None,
        themes: Vec::new(),
        telemetry_users: 0,
        signal: false,
    }
}
