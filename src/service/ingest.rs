//! The ingest writer: one task per instance that commits whatever feedback is queued in one
//! transaction (group commit). Callers are answered only after their items are committed, so an
//! acknowledgement means durable; a bounded queue pushes back on callers instead of growing.
//! Each new item is placed in a request in the same transaction (`service::placement`) and the
//! batch recorded in the clustering log (`service::clustering`).

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tracing::{debug, warn};

use super::Ctx;
use super::clustering::{self, Clustering, cluster_text};
use super::placement;
use super::placement::Placement;
use crate::domain::Violation;
use crate::domain::cluster::{Lexical, Prepared};
use crate::domain::feedback::{ContactRef, Feedback, NewFeedback, foreign_contacts};
use crate::domain::text::AnalyzerOptions;
use crate::error::AppError;
use crate::store::feedback::{self as store_feedback, ContactKey};
use crate::store::{GlobalLock, Store, accounts, requests, to_micros};

/// Items committed in one transaction at most; more queued items wait for the next one.
const MAX_ITEMS_PER_COMMIT: usize = 16_000;
/// Items placed by the lexical engine between two inserts: the inserts of one chunk overlap the
/// placement of the next.
const PLACE_CHUNK: usize = 250;
/// Jobs (calls or import chunks) waiting for the writer at most.
const QUEUE_JOBS: usize = 1_024;
/// Account ids remembered by the writer (external id -> id never changes once stored).
const ACCOUNT_CACHE: usize = 1_000_000;

/// What became of one submitted item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stored {
    pub id: i64,
    /// (source, source_ref) was already stored, or earlier in the same batch.
    pub duplicate: bool,
    /// The request the item is in (0 if it has none).
    pub request_id: i64,
    pub placement: Placement,
}

/// What became of one item: stored (or a duplicate), or refused with why.
pub type Outcome = Result<Stored, Violation>;

type Reply = Result<Vec<Outcome>, AppError>;

struct Job {
    items: Vec<NewFeedback>,
    /// Per item, its text analysed for the lexical engine (empty when the model places).
    prepared: Vec<Prepared>,
    reply: oneshot::Sender<Reply>,
}

/// Handle to the writer task; cheap to clone.
#[derive(Clone)]
pub struct Ingestor {
    queue: mpsc::Sender<Job>,
    /// The lexical engine's analyzer, when it places new items at ingest: each caller analyses
    /// its own items before queueing them, so the one writer does only the part that depends
    /// on the order of arrival.
    analyzer: Option<Arc<AnalyzerOptions>>,
}

/// Items analysed on the caller's task at most; a bigger job (an import chunk) is analysed on
/// a blocking thread, not to hold up the other tasks of the caller's worker thread.
const ANALYSE_INLINE: usize = 16;

/// A pending answer for items handed to the writer.
pub struct Pending(oneshot::Receiver<Reply>);

impl Pending {
    pub async fn wait(self) -> Reply {
        self.0
            .await
            .unwrap_or_else(|_| Err(AppError::Unavailable("ingest writer stopped".into())))
    }
}

impl Ingestor {
    /// Starts the writer. It stops once every `Ingestor` clone is dropped and the queue drained.
    pub fn start(ctx: Ctx, clustering: Clustering) -> (Self, JoinHandle<()>) {
        let (queue, rx) = mpsc::channel(QUEUE_JOBS);
        let analyzer = clustering
            .placer()
            .is_none()
            .then(|| Arc::new(clustering.config().analyzer.clone()));
        let writer = Writer {
            store: ctx.store.clone(),
            ctx,
            clustering,
            accounts: HashMap::new(),
        };
        let handle = if writer.store.backend() == sea_orm::DbBackend::Sqlite {
            own_thread(writer.run(rx))
        } else {
            tokio::spawn(writer.run(rx))
        };
        (Self { queue, analyzer }, handle)
    }

    /// Queues items; the answer arrives once they are committed.
    pub async fn enqueue(&self, items: Vec<NewFeedback>) -> Result<Pending, AppError> {
        let (items, prepared) = match &self.analyzer {
            None => (items, Vec::new()),
            Some(opts) if items.len() <= ANALYSE_INLINE => {
                let prepared = prepare(opts, &items);
                (items, prepared)
            }
            Some(opts) => {
                let opts = opts.clone();
                tokio::task::spawn_blocking(move || {
                    let prepared = prepare(&opts, &items);
                    (items, prepared)
                })
                .await
                .map_err(|e| AppError::Internal(format!("analysing feedback: {e}")))?
            }
        };
        let (reply, rx) = oneshot::channel();
        self.queue
            .send(Job {
                items,
                prepared,
                reply,
            })
            .await
            .map_err(|_| AppError::Unavailable("ingest writer stopped".into()))?;
        Ok(Pending(rx))
    }

    pub async fn submit(&self, items: Vec<NewFeedback>) -> Reply {
        self.enqueue(items).await?.wait().await
    }
}

/// Runs the writer on a thread of its own (SQLite). Each batch awaits the database a dozen
/// times (the lock, the log, the keys, the inserts, the commit), and on the shared runtime every
/// await queued the writer behind the tasks of every open connection: under load the writer
/// waited more than it worked, and batches grew slow instead of large. SQLite's connections
/// run on threads of their own and answer any runtime. PostgreSQL's stay on the shared one: a
/// connection opened here would be driven by this thread's runtime alone. (Tried: the
/// PostgreSQL writer here, with a connection of its own opened on this thread. SubmitFeedback
/// rose a further fifth, but on two cores the third busy thread preempted the calls' workers and
/// the backlog's p99 in the mixed load rose from about 37 to 66 ms: docs/benchmarks.md.)
fn own_thread(run: impl Future<Output = ()> + Send + 'static) -> JoinHandle<()> {
    let (done, finished) = oneshot::channel::<()>();
    let spawned = std::thread::Builder::new()
        .name("sift-ingest".into())
        .spawn(move || {
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime.block_on(run),
                Err(err) => tracing::error!(error = %err, "ingest writer: no runtime of its own"),
            }
            let _ = done.send(());
        });
    if let Err(err) = spawned {
        tracing::error!(error = %err, "ingest writer: no thread of its own");
    }
    tokio::spawn(async move {
        let _ = finished.await;
    })
}

/// The items' texts, analysed for the lexical engine.
fn prepare(opts: &AnalyzerOptions, items: &[NewFeedback]) -> Vec<Prepared> {
    items
        .iter()
        .map(|f| Lexical::prepare(opts, &cluster_text(&f.title, &f.body)))
        .collect()
}

struct Writer {
    store: Store,
    /// For "already available" notifications of items that join a shipped request.
    ctx: Ctx,
    clustering: Clustering,
    accounts: HashMap<String, i64>,
}

impl Writer {
    async fn run(mut self, mut rx: mpsc::Receiver<Job>) {
        // PostgreSQL: a connection of the writer's own, so a batch never waits in the pool
        // behind the calls' reads.
        match self.store.with_own_writer().await {
            Ok(store) => self.store = store,
            Err(err) => warn!(error = %err, "ingest writer: no connection of its own"),
        }
        while let Some(first) = rx.recv().await {
            let mut total = first.items.len();
            let mut jobs = vec![first];
            while total < MAX_ITEMS_PER_COMMIT {
                match rx.try_recv() {
                    Ok(job) => {
                        total += job.items.len();
                        jobs.push(job);
                    }
                    Err(_) => break,
                }
            }
            let items: Vec<&NewFeedback> = jobs.iter().flat_map(|j| &j.items).collect();
            let prepared: Vec<&Prepared> = jobs.iter().flat_map(|j| &j.prepared).collect();
            let started = std::time::Instant::now();
            match self.write(&items, &prepared).await {
                Ok(stored) => {
                    self.ctx.metrics.ingest_commit(started.elapsed(), total);
                    let mut stored = stored.into_iter();
                    for job in jobs {
                        let mine: Vec<Outcome> = stored.by_ref().take(job.items.len()).collect();
                        let _ = job.reply.send(Ok(mine));
                    }
                }
                Err(err) => {
                    warn!(error = %err, items = total, "ingest batch failed");
                    for job in jobs {
                        let _ = job.reply.send(Err(err.clone()));
                    }
                }
            }
        }
        debug!("ingest writer stopped");
    }

    /// Stores the new items of one batch in one transaction; returns one outcome per item.
    /// `prepared` holds each item's analysed text when the lexical engine places them.
    async fn write(
        &mut self,
        items: &[&NewFeedback],
        prepared: &[&Prepared],
    ) -> Result<Vec<Outcome>, AppError> {
        let received_at = self.ctx.clock.now();
        let now = to_micros(received_at);
        let _changes = self.clustering.lock_changes().await;
        let tx = self.store.begin_write(Some(GlobalLock::Ingest)).await?;
        // Ids ascend in commit order: the ingest lock makes this writer the only one.
        let highest = store_feedback::max_ids(&*tx).await?;
        // Decide on the same state as every other instance.
        self.clustering.catch_up_to(&*tx, highest.event).await?;

        let keys: Vec<(&str, &str)> = items
            .iter()
            .map(|f| (f.source.as_str(), f.source_ref.as_str()))
            .collect();
        let stored_keys = store_feedback::existing_keys(&*tx, &keys).await?;
        // Borrowed keys: the per-item lookups below allocate nothing.
        let existing: HashMap<(&str, &str), (i64, Option<i64>)> = stored_keys
            .iter()
            .map(|((a, b), v)| ((a.as_str(), b.as_str()), *v))
            .collect();

        // The contacts the new items name, with their accounts: an item naming another
        // account's contact is refused (and stores nothing); the others' are resolved from here.
        let named: Vec<(usize, &str, &ContactRef)> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| !existing.contains_key(&keys[*i]))
            .filter_map(|(i, f)| {
                f.contact
                    .as_ref()
                    .map(|c| (i, f.account_external_id.as_str(), c))
            })
            .collect();
        let refs: Vec<&ContactRef> = named.iter().map(|n| n.2).collect();
        let known = store_feedback::known_contacts(&*tx, &refs).await?;
        let refused = foreign_contacts(named, |c| known.resolve(c));

        // Decide, in order, which items are new; a key seen earlier in the batch is a duplicate.
        let mut first_in_batch: HashMap<(&str, &str), usize> = HashMap::new();
        let mut fresh: Vec<usize> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let stored = existing.contains_key(key);
            if !stored && !refused.contains_key(&i) && !first_in_batch.contains_key(key) {
                first_in_batch.insert(*key, i);
                fresh.push(i);
            }
        }

        // Accounts (placeholders for unknown ones), then contacts.
        let missing: Vec<&str> = {
            let mut seen = std::collections::HashSet::new();
            fresh
                .iter()
                .map(|&i| items[i].account_external_id.as_str())
                .filter(|ext| !self.accounts.contains_key(*ext) && seen.insert(*ext))
                .collect()
        };
        let new_accounts = if missing.is_empty() {
            HashMap::new()
        } else {
            accounts::ensure_accounts(&*tx, &missing, now).await?
        };
        let account_of = |ext: &str| -> Result<i64, AppError> {
            self.accounts
                .get(ext)
                .or_else(|| new_accounts.get(ext))
                .copied()
                .ok_or_else(|| AppError::Internal(format!("account {ext} not created")))
        };
        let mut contact_refs = Vec::new();
        let mut contact_owner = Vec::new();
        for &i in &fresh {
            if let Some(contact) = &items[i].contact {
                contact_refs.push(ContactKey {
                    account_id: account_of(&items[i].account_external_id)?,
                    contact,
                });
                contact_owner.push(i);
            }
        }
        let contact_ids = store_feedback::ensure_contacts(&*tx, &contact_refs, &known, now).await?;
        let contact_of: HashMap<usize, i64> = contact_owner.into_iter().zip(contact_ids).collect();

        let (mut next_id, last_request) = (highest.feedback, highest.request);
        let first_id = next_id + 1;
        let mut suggestions = Vec::new();
        let mut stored_rows = 0;
        let mut placed: HashMap<usize, (i64, i64, Placement)> = HashMap::with_capacity(fresh.len());
        // The stored row of item `i` (`f`), in `request` (None: the placer decides later).
        let new_row = |id: i64, i: usize, f: &NewFeedback, request: Option<i64>| {
            Ok::<_, AppError>(Feedback {
                id,
                source: f.source,
                source_ref: f.source_ref.clone(),
                account_id: account_of(&f.account_external_id)?,
                contact_id: contact_of.get(&i).copied(),
                title: f.title.clone(),
                body: f.body.clone(),
                importance: f.importance,
                occurred_at: f.occurred_at,
                received_at,
                request_id: request,
                home_request_id: request,
                assigned_request_id: request,
                moved_by_pm: false,
            })
        };
        let placer = self.clustering.placer();
        if placer.is_some() {
            // The embedding model places these later, in the background: store them unplaced.
            let mut rows = Vec::with_capacity(fresh.len());
            for &i in &fresh {
                next_id += 1;
                let f = items[i];
                placed.insert(i, (next_id, 0, Placement::Pending));
                rows.push(new_row(next_id, i, f, None)?);
            }
            store_feedback::insert_many(&*tx, &rows).await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            crate::store::embeddings::enqueue(&*tx, &ids).await?;
            stored_rows = rows.len();
        } else {
            if prepared.len() != items.len() {
                return Err(AppError::Internal(
                    "feedback queued without its analysed text".into(),
                ));
            }
            let batch: Vec<(i64, &NewFeedback, &Prepared)> = fresh
                .iter()
                .map(|&i| {
                    next_id += 1;
                    (next_id, items[i], prepared[i])
                })
                .collect();
            // Placement (this task) and the inserts (the database's thread) overlap: while the
            // database stores one chunk of placed items, the next chunk is placed. Placed one
            // chunk after the other, in order, the decisions are those of the whole batch.
            let mut last_request = last_request;
            let mut storing: Option<(Vec<crate::domain::roadmap::Request>, Vec<Feedback>)> = None;
            let mut chunks = fresh.chunks(PLACE_CHUNK).zip(batch.chunks(PLACE_CHUNK));
            loop {
                let next = chunks.next();
                let place = || {
                    next.map(|(_, chunk)| {
                        placement::place_new(&self.clustering, chunk, last_request, now)
                    })
                };
                let decided = match storing.take() {
                    None => place(),
                    Some((new_requests, rows)) => {
                        let store = async {
                            requests::insert_requests(&*tx, &new_requests).await?;
                            store_feedback::insert_many(&*tx, &rows).await
                        };
                        let (stored, decided) = tokio::join!(store, async { place() });
                        stored?;
                        decided
                    }
                };
                let (Some((indices, chunk)), Some(decided)) = (next, decided) else {
                    break;
                };
                let mut chunk_rows = Vec::with_capacity(chunk.len());
                for ((&i, &(id, f, _)), (request_id, how)) in
                    indices.iter().zip(chunk).zip(decided.placed)
                {
                    placed.insert(i, (id, request_id, how));
                    chunk_rows.push(new_row(id, i, f, Some(request_id))?);
                }
                stored_rows += chunk_rows.len();
                if let Some(last) = decided.new_requests.last() {
                    last_request = last.id;
                }
                suggestions.extend(decided.suggestions);
                storing = Some((decided.new_requests, chunk_rows));
            }
        }
        requests::insert_suggestions(&*tx, &suggestions, now).await?;
        // Items that joined a request already shipped: their requesters hear it is available.
        let joined: Vec<i64> = placed
            .values()
            .filter(|(_, _, p)| matches!(p, Placement::Joined { .. }))
            .map(|&(_, r, _)| r)
            .collect();
        let announced = if joined.is_empty() || !self.ctx.config.notify.already_available {
            0
        } else {
            let shipped = requests::shipped_among(&*tx, &joined).await?;
            super::outbox::announce_available(&*tx, &self.ctx, &shipped, now).await?
        };
        let event = if stored_rows == 0 || placer.is_some() {
            None
        } else {
            Some(clustering::record_ingest(&*tx, first_id, next_id, now).await?)
        };
        tx.commit().await?;
        self.clustering.committed(event);
        self.store.stored(stored_rows as u64, next_id.max(0) as u64);
        if announced > 0 {
            self.ctx.outbox.notify_waiters();
        }
        if let Some(placer) = placer
            && stored_rows > 0
        {
            placer.notify_one();
        }

        if self.accounts.len() + new_accounts.len() > ACCOUNT_CACHE {
            self.accounts.clear();
        }
        self.accounts.extend(new_accounts);

        let mut refused = refused;
        keys.iter()
            .enumerate()
            .map(|(i, key)| {
                if let Some(v) = refused.remove(&i) {
                    return Ok(Err(v));
                }
                if let Some(&(id, request)) = existing.get(key) {
                    return Ok(Ok(Stored {
                        id,
                        duplicate: true,
                        request_id: request.unwrap_or(0),
                        placement: Placement::Duplicate,
                    }));
                }
                let first = first_in_batch[key];
                let &(id, request_id, placement) = placed
                    .get(&first)
                    .ok_or_else(|| AppError::Internal("feedback id missing after insert".into()))?;
                Ok(Ok(if first == i {
                    Stored {
                        id,
                        duplicate: false,
                        request_id,
                        placement,
                    }
                } else {
                    Stored {
                        id,
                        duplicate: true,
                        request_id,
                        placement: Placement::Duplicate,
                    }
                }))
            })
            .collect()
    }
}
