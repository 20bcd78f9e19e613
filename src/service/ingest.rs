//! The ingest writer: one task per instance that commits whatever feedback is queued in one
//! transaction (group commit). Callers are answered only after their items are committed, so an
//! acknowledgement means durable; a bounded queue pushes back on callers instead of growing.

use std::collections::HashMap;

use chrono::Utc;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tracing::{debug, warn};

use crate::domain::feedback::NewFeedback;
use crate::error::AppError;
use crate::store::entity::feedback as row;
use crate::store::feedback::{self as store_feedback, ContactKey};
use crate::store::{GlobalLock, Store, accounts, to_micros};

/// Items committed in one transaction at most; more queued items wait for the next one.
const MAX_ITEMS_PER_COMMIT: usize = 4_000;
/// Jobs (calls or import chunks) waiting for the writer at most.
const QUEUE_JOBS: usize = 1_024;
/// Account ids remembered by the writer (external id -> id never changes once stored).
const ACCOUNT_CACHE: usize = 1_000_000;

/// What became of one submitted item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    /// (source, source_ref) was already stored, or earlier in the same batch.
    pub duplicate: bool,
}

type Reply = Result<Vec<Stored>, AppError>;

struct Job {
    items: Vec<NewFeedback>,
    reply: oneshot::Sender<Reply>,
}

/// Handle to the writer task; cheap to clone.
#[derive(Clone)]
pub struct Ingestor {
    queue: mpsc::Sender<Job>,
}

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
    pub fn start(store: Store) -> (Self, JoinHandle<()>) {
        let (queue, rx) = mpsc::channel(QUEUE_JOBS);
        let handle = tokio::spawn(
            Writer {
                store,
                accounts: HashMap::new(),
            }
            .run(rx),
        );
        (Self { queue }, handle)
    }

    /// Queues items; the answer arrives once they are committed.
    pub async fn enqueue(&self, items: Vec<NewFeedback>) -> Result<Pending, AppError> {
        let (reply, rx) = oneshot::channel();
        self.queue
            .send(Job { items, reply })
            .await
            .map_err(|_| AppError::Unavailable("ingest writer stopped".into()))?;
        Ok(Pending(rx))
    }

    pub async fn submit(&self, items: Vec<NewFeedback>) -> Reply {
        self.enqueue(items).await?.wait().await
    }
}

struct Writer {
    store: Store,
    accounts: HashMap<String, i64>,
}

impl Writer {
    async fn run(mut self, mut rx: mpsc::Receiver<Job>) {
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
            match self.write(&items).await {
                Ok(stored) => {
                    let mut stored = stored.into_iter();
                    for job in jobs {
                        let mine: Vec<Stored> = stored.by_ref().take(job.items.len()).collect();
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
    async fn write(&mut self, items: &[&NewFeedback]) -> Result<Vec<Stored>, AppError> {
        let now = to_micros(Utc::now());
        let tx = self.store.begin_write(Some(GlobalLock::Ingest)).await?;

        let keys: Vec<(&str, &str)> = items
            .iter()
            .map(|f| (f.source.as_str(), f.source_ref.as_str()))
            .collect();
        let existing = store_feedback::existing_keys(&*tx, &keys).await?;

        // Decide, in order, which items are new; a key seen earlier in the batch is a duplicate.
        let mut first_in_batch: HashMap<(&str, &str), usize> = HashMap::new();
        let mut fresh: Vec<usize> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let stored = existing.contains_key(&(key.0.to_owned(), key.1.to_owned()));
            if !stored && !first_in_batch.contains_key(key) {
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
        let contact_ids = store_feedback::ensure_contacts(&*tx, &contact_refs, now).await?;
        let contact_of: HashMap<usize, i64> = contact_owner.into_iter().zip(contact_ids).collect();

        // Ids ascend in commit order: the ingest lock makes this writer the only one.
        let mut next_id = store_feedback::max_id(&*tx).await?;
        let mut rows = Vec::with_capacity(fresh.len());
        let mut id_of: HashMap<usize, i64> = HashMap::with_capacity(fresh.len());
        for &i in &fresh {
            next_id += 1;
            let f = items[i];
            id_of.insert(i, next_id);
            rows.push(row::Model {
                id: next_id,
                source: f.source.as_str().to_owned(),
                source_ref: f.source_ref.clone(),
                account_id: account_of(&f.account_external_id)?,
                contact_id: contact_of.get(&i).copied(),
                title: f.title.clone(),
                body: f.body.clone(),
                importance: f.importance.map(|x| x.as_str().to_owned()),
                occurred_at: to_micros(f.occurred_at),
                received_at: now,
            });
        }
        store_feedback::insert_many(&*tx, &rows).await?;
        tx.commit().await?;

        if self.accounts.len() + new_accounts.len() > ACCOUNT_CACHE {
            self.accounts.clear();
        }
        self.accounts.extend(new_accounts);

        keys.iter()
            .enumerate()
            .map(|(i, key)| {
                if let Some(&id) = existing.get(&(key.0.to_owned(), key.1.to_owned())) {
                    return Ok(Stored {
                        id,
                        duplicate: true,
                    });
                }
                let first = first_in_batch[key];
                let id = id_of
                    .get(&first)
                    .copied()
                    .ok_or_else(|| AppError::Internal("feedback id missing after insert".into()))?;
                Ok(Stored {
                    id,
                    duplicate: first != i,
                })
            })
            .collect()
    }
}
