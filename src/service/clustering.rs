//! The in-memory clustering index of this instance and how it stays in step with the database.
//!
//! Every change to the clustering is appended to `cluster_events` in the transaction that makes
//! it, under the ingest lock. Before deciding anything, a writer replays the events it has not
//! seen (another instance's ingest or a PM's merge), so every instance decides on the same state
//! and near-identical feedback sent to two instances at once ends in one request. A restart
//! replays the whole log.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use sea_orm::ConnectionTrait;
use tracing::info;

use crate::domain::cluster::{ClusterConfig, Clusterer};
use crate::domain::cluster_log::{LogEvent, LogKind, listed_ids};
use crate::domain::semantic::SemanticIndex;
use crate::error::AppError;
use crate::store::{embeddings, requests};

/// Removes a doc's words from the index: it stays in its request (counts do not move) as an
/// empty document, and its sentence vector is dropped.
pub fn erase_doc(s: &mut State, id: i64) {
    let State {
        engine, semantic, ..
    } = s;
    if let Some(request) = engine.request_of(id as u64) {
        engine.add_existing(id as u64, request, "");
        semantic.erase(id as u64, request, engine.members(request));
    }
}

/// Signals live in the index beside feedback, under ids no feedback reaches.
pub const SIGNAL_DOC_BASE: u64 = 1 << 60;

/// The text a feedback item is clustered by.
pub fn cluster_text(title: &str, body: &str) -> String {
    if title.is_empty() {
        body.to_owned()
    } else {
        format!("{title}\n{body}")
    }
}

/// Dimension of the sentence vectors (multilingual-e5-small).
pub const VECTOR_DIM: usize = 384;

pub struct State {
    pub engine: Clusterer,
    /// Sentence vectors of feedback placed by the embedding model (empty when it is off).
    pub semantic: SemanticIndex,
    /// The last event applied to `engine`.
    pub last_event: i64,
    /// The engine holds decisions that were not committed: rebuild before the next use.
    pub dirty: bool,
    /// Words this engine held were erased since it was loaded: traces of them (vocabulary,
    /// recurring-sentence counts, idf) remain, so it is never written as a snapshot.
    pub erased_live: bool,
    /// Bumped whenever `engine` is replaced (a rebuild, a snapshot load): with the engine's
    /// `furniture_learned`, it tells what one engine learned from what another did, so a title
    /// made from one is never taken for the other's.
    pub generation: u64,
}

/// What a read does while a change of this instance is in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhileChanging {
    /// Answers from the state as it is: the change catches up itself (titles on every page,
    /// which must not queue behind a long consolidation).
    Skip,
    /// Waits for the change, then catches up (FindSimilar, which must count every change).
    Wait,
}

#[derive(Clone)]
pub struct Clustering {
    state: Arc<RwLock<State>>,
    /// Held by whoever changes the clustering in this instance (the ingest writer, a PM's
    /// action) from catch-up to commit, so the engine and the log move together.
    changes: Arc<tokio::sync::Mutex<()>>,
    /// Callers waiting for `changes` now: a background run of consolidation rests between its
    /// steps while anyone waits.
    waiting: Arc<AtomicUsize>,
    config: ClusterConfig,
    /// Set when the embedding model places new feedback (`service::placement`): the ingest
    /// writer queues items instead of placing them, and wakes the placer.
    placer: Option<Arc<tokio::sync::Notify>>,
    /// The embedding model (for FindSimilar and the placer), when it is on.
    #[cfg(feature = "embeddings")]
    model: Option<Arc<crate::embedding::Embedder>>,
    /// The model's prior mean vector per script (see `SemanticIndex::with_prior_means`).
    prior_means: Arc<Vec<Vec<f32>>>,
}

impl Clustering {
    pub fn new(config: ClusterConfig) -> Self {
        let state = State {
            engine: Clusterer::new(config.clone()),
            semantic: SemanticIndex::centered(VECTOR_DIM),
            last_event: 0,
            dirty: false,
            erased_live: false,
            generation: 0,
        };
        Self {
            state: Arc::new(RwLock::new(state)),
            changes: Arc::new(tokio::sync::Mutex::new(())),
            waiting: Arc::default(),
            config,
            placer: None,
            #[cfg(feature = "embeddings")]
            model: None,
            prior_means: Arc::default(),
        }
    }

    fn fresh_index(&self) -> SemanticIndex {
        SemanticIndex::centered(VECTOR_DIM).with_prior_means(&self.prior_means)
    }

    /// Turns on placement by the embedding model.
    #[cfg(feature = "embeddings")]
    pub fn with_model(
        mut self,
        model: Arc<crate::embedding::Embedder>,
    ) -> Result<Self, crate::embedding::EmbeddingError> {
        self.prior_means = Arc::new(model.prior_means()?);
        self.write().semantic = self.fresh_index();
        self.model = Some(model);
        Ok(self.with_placer())
    }

    #[cfg(feature = "embeddings")]
    pub fn model(&self) -> Option<Arc<crate::embedding::Embedder>> {
        self.model.clone()
    }

    /// What the embedding model reads of each text: its need, without what this index has
    /// learned is furniture so far (`semantic::model_text_without`). Placement and FindSimilar
    /// both embed this, so the two read alike.
    #[cfg(feature = "embeddings")]
    pub fn model_texts<S: AsRef<str>>(&self, texts: &[S]) -> Vec<String> {
        let state = self.read();
        let lexical = state.engine.representation();
        let furniture = |s: &str| lexical.is_furniture(s);
        texts
            .iter()
            .map(|t| crate::domain::semantic::model_text_without(t.as_ref(), &furniture))
            .collect()
    }

    /// New feedback waits for the embedding model's placer, woken through the returned handle.
    pub fn with_placer(mut self) -> Self {
        self.placer = Some(Arc::new(tokio::sync::Notify::new()));
        self
    }

    /// The lexical engine's configuration (its analyzer prepares texts for it).
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    pub fn placer(&self) -> Option<Arc<tokio::sync::Notify>> {
        self.placer.clone()
    }

    /// Serialises changes to the clustering within this instance (the database's ingest lock
    /// does so across instances).
    pub async fn lock_changes(&self) -> tokio::sync::OwnedMutexGuard<()> {
        /// Counts its caller as waiting until it has the lock or gives up (a dropped call).
        struct Waiting<'a>(&'a AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        self.waiting.fetch_add(1, Ordering::Relaxed);
        let _waiting = Waiting(&self.waiting);
        self.changes.clone().lock_owned().await
    }

    /// Whether another caller is waiting to change the clustering now.
    pub fn changes_waiting(&self) -> bool {
        self.waiting.load(Ordering::Relaxed) > 0
    }

    pub fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The engine's changes are committed: it matches the log up to `event` (when the change
    /// appended one). Until then a failed commit leaves it dirty, to be rebuilt before use.
    pub fn committed(&self, event: Option<i64>) {
        let mut s = self.write();
        s.dirty = false;
        if let Some(event) = event {
            s.last_event = event;
        }
    }

    /// Before a read: applies the events other instances appended since this one last wrote
    /// (ingest, merges, erasures), so every instance on a database answers from the same state:
    /// the same titles (a request's representative item), the same FindSimilar. Events are
    /// appended under the ingest lock, so their ids ascend in commit order and a read outside
    /// the lock sees a prefix of the log; catching up needs only this instance's change lock.
    /// `latest`: the log's newest event, when the caller read it after it began (else it is
    /// read here). `while_changing` says what to do while a change of this instance holds that
    /// lock. Returns `latest`, so that later reads of the same call need not read it again.
    pub async fn catch_up_for_read<C: ConnectionTrait>(
        &self,
        db: &C,
        latest: Option<i64>,
        while_changing: WhileChanging,
    ) -> Result<i64, AppError> {
        let latest = match latest {
            Some(latest) => latest,
            None => requests::max_event_id(db).await?,
        };
        if self.applied_to(latest) {
            return Ok(latest);
        }
        let _changes = match while_changing {
            WhileChanging::Skip => match self.changes.clone().try_lock_owned() {
                Ok(guard) => guard,
                Err(_) => return Ok(latest),
            },
            WhileChanging::Wait => self.lock_changes().await,
        };
        // The change this read waited for has usually brought the engine up to `latest`
        // itself: then there is nothing to read, and holding the lock over a round trip
        // would only keep the next change (the ingest writer) waiting.
        self.catch_up_to(db, latest).await?;
        Ok(latest)
    }

    /// Applies every event up to the log's newest, `latest` (read in the caller's transaction,
    /// under the ingest lock); no round trip when the engine holds them all already.
    pub async fn catch_up_to<C: ConnectionTrait>(
        &self,
        db: &C,
        latest: i64,
    ) -> Result<(), AppError> {
        if self.applied_to(latest) {
            return Ok(());
        }
        self.catch_up(db).await
    }

    /// Whether the engine holds every event up to `latest` and nothing uncommitted.
    fn applied_to(&self, latest: i64) -> bool {
        let s = self.read();
        latest <= s.last_event && !s.dirty
    }

    /// Applies every event after the last one seen. Call inside a transaction that holds the
    /// ingest lock, so nothing is appended meanwhile.
    pub async fn catch_up<C: ConnectionTrait>(&self, db: &C) -> Result<(), AppError> {
        let mut after = {
            let mut s = self.write();
            if s.dirty {
                s.engine = Clusterer::new(self.config.clone());
                s.generation += 1;
                s.semantic = self.fresh_index();
                s.last_event = 0;
                s.dirty = false;
            }
            s.last_event
        };
        let started = Instant::now();
        let mut replayed = 0usize;
        loop {
            let events = requests::events_after(db, after, 50).await?;
            let Some(last) = events.last().map(|e| e.id) else {
                break;
            };
            let ingest: Vec<&LogEvent> = events
                .iter()
                .filter(|e| e.kind == Some(LogKind::Ingest))
                .collect();
            let rows = match (ingest.first(), ingest.last()) {
                (Some(first), Some(last)) => {
                    requests::feedback_for_replay(db, first.a, last.b).await?
                }
                _ => Vec::new(),
            };
            let placed: Vec<i64> = events
                .iter()
                .filter(|e| e.kind == Some(LogKind::Place))
                .flat_map(|e| place_ids(&e.payload))
                .collect();
            let refreshed: Vec<i64> = events
                .iter()
                .filter(|e| e.kind == Some(LogKind::Refresh))
                .flat_map(|e| place_ids(&e.payload))
                .collect();
            let refreshed: std::collections::HashMap<i64, String> = if refreshed.is_empty() {
                Default::default()
            } else {
                requests::feedback_for_replay_ids(db, &refreshed)
                    .await?
                    .into_iter()
                    .map(|(id, _, title, body)| (id, cluster_text(&title, &body)))
                    .collect()
            };
            let (placed_rows, placed_vectors) = if placed.is_empty() {
                (Vec::new(), Default::default())
            } else {
                (
                    requests::feedback_for_replay_ids(db, &placed).await?,
                    embeddings::vectors(db, &placed).await?,
                )
            };
            let placed_rows: std::collections::HashMap<i64, (Option<i64>, String)> = placed_rows
                .into_iter()
                .map(|(id, r, title, body)| (id, (r, cluster_text(&title, &body))))
                .collect();
            let mut s = self.write();
            let mut rows = rows.iter().peekable();
            for e in &events {
                let Some(kind) = e.kind else { continue };
                match kind {
                    LogKind::Ingest => {
                        while let Some((id, assigned, title, body)) = rows.next_if(|r| r.0 <= e.b) {
                            if *id >= e.a
                                && let Some(request) = assigned
                            {
                                s.engine.add_existing(
                                    *id as u64,
                                    *request as u64,
                                    &cluster_text(title, body),
                                );
                                replayed += 1;
                            }
                        }
                    }
                    LogKind::Merge => {
                        s.engine.merge(e.a as u64, e.b as u64);
                    }
                    LogKind::Unmerge => {
                        let docs: Vec<u64> = e
                            .payload
                            .split(',')
                            .filter_map(|x| x.parse().ok())
                            .collect();
                        s.engine.unmerge(e.a as u64, &docs);
                    }
                    LogKind::Move => {
                        s.engine.move_doc(e.a as u64, e.b as u64);
                    }
                    LogKind::Forbid => s.engine.forbid_pair(e.a as u64, e.b as u64),
                    LogKind::Place => {
                        for id in place_ids(&e.payload) {
                            if let Some((Some(request), text)) = placed_rows.get(&id) {
                                let State {
                                    engine, semantic, ..
                                } = &mut *s;
                                engine.add_existing(id as u64, *request as u64, text);
                                if let Some(v) = placed_vectors.get(&id) {
                                    let members = engine.members(*request as u64).len();
                                    let script = crate::domain::semantic::script_of(text);
                                    semantic.add(id as u64, *request as u64, v, script, members);
                                }
                                replayed += 1;
                            }
                        }
                    }
                    LogKind::Erase => {
                        s.erased_live = true;
                        for id in place_ids(&e.payload) {
                            erase_doc(&mut s, id);
                        }
                    }
                    LogKind::Refresh => {
                        for id in place_ids(&e.payload) {
                            if let Some(text) = refreshed.get(&id) {
                                s.engine.refresh_doc(id as u64, text);
                            }
                        }
                    }
                    LogKind::Signal => {
                        s.engine
                            .add_existing(SIGNAL_DOC_BASE + e.a as u64, e.b as u64, &e.payload)
                    }
                }
            }
            s.last_event = last;
            after = last;
        }
        if replayed > 10_000 {
            info!(
                replayed,
                seconds = started.elapsed().as_secs_f64(),
                "clustering index rebuilt"
            );
        }
        Ok(())
    }
}

/// Records in the clustering log a batch of feedback placed at ingest (ids `first..=last`);
/// returns the event's id. Called under the ingest lock.
pub async fn record_ingest<C: ConnectionTrait>(
    db: &C,
    first: i64,
    last: i64,
    now: i64,
) -> Result<i64, AppError> {
    requests::append_event(db, LogKind::Ingest, first, last, String::new(), now).await
}

/// The feedback ids of a PLACE event's payload.
pub fn place_ids(payload: &str) -> impl Iterator<Item = i64> + '_ {
    listed_ids(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_caller_counts_as_waiting_for_changes_until_it_has_the_lock_or_gives_up() {
        let clustering = Clustering::new(ClusterConfig::default());
        assert!(!clustering.changes_waiting());
        let held = clustering.lock_changes().await;
        // Having the lock is not waiting for it.
        assert!(!clustering.changes_waiting());
        let other = clustering.clone();
        let waiter = tokio::spawn(async move {
            let _guard = other.lock_changes().await;
        });
        while !clustering.changes_waiting() {
            tokio::task::yield_now().await;
        }
        drop(held);
        waiter.await.expect("the waiter gets the lock");
        assert!(!clustering.changes_waiting());
        // A caller that gives up while waiting stops counting.
        let held = clustering.lock_changes().await;
        let gave_up =
            tokio::time::timeout(Duration::from_millis(20), clustering.lock_changes()).await;
        assert!(gave_up.is_err());
        assert!(!clustering.changes_waiting());
        drop(held);
    }
}
