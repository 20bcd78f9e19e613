//! The model's placer: with the embedding model on, new feedback is stored unplaced and queued in the
//! database (`placement_queue`); this task takes the oldest queued items in small batches,
//! embeds them outside any lock, then places them under the ingest lock with the hybrid
//! decision (`domain::semantic::assign`), in id order, and appends one PLACE event to the
//! clustering log, so every instance replays the same decisions (from the stored vectors: the
//! model never runs twice for an item). Several instances may run placers: whoever commits
//! first places an item; the other sees it gone from the queue and skips it.
//!
//! Memory stays bounded whatever the backlog: only one batch is held; the rest waits on disk.
//! Ingest never waits for the model. A caller sees ASSIGNMENT_PENDING and request_id 0 at first;
//! GetFeedback shows the request once placed, and requests and the backlog count the item from
//! then on.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;
use tracing::{debug, warn};

use super::auto_title;
use crate::domain::cluster::Outcome;
use crate::domain::cluster_log::LogKind;
use crate::domain::semantic::{self, SemanticConfig};
use crate::embedding::Embedder;
use crate::error::AppError;
use crate::service::Ctx;
use crate::service::clustering::{Clustering, cluster_text};
use crate::store::{GlobalLock, Store, embeddings, requests, to_micros};

/// Items embedded and placed together (two workers of 32 each).
pub const BATCH: usize = 64;
/// Name stored beside each vector.
pub const MODEL_NAME: &str = "multilingual-e5-small-q4";

/// Embeds `texts` on two threads (the model runs best single-threaded per worker).
pub fn embed_parallel(model: &Embedder, texts: &[String]) -> Result<Vec<Vec<f32>>, AppError> {
    let half = texts.len().div_ceil(2).max(1);
    let run = |chunk: &[String]| {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        model
            .embed(&refs)
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    let mut parts = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(half)
            .map(|chunk| s.spawn(move || run(chunk)))
            .collect();
        for h in handles {
            parts.push(
                h.join().unwrap_or_else(|_| {
                    Err(AppError::Internal("embedding worker panicked".into()))
                }),
            );
        }
    });
    let mut out = Vec::with_capacity(texts.len());
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

#[derive(Clone)]
pub struct Placer {
    store: Store,
    /// For "already available" notifications of items placed into a shipped request.
    ctx: Ctx,
    clustering: Clustering,
    model: Arc<Embedder>,
    config: SemanticConfig,
}

impl Placer {
    pub fn new(ctx: Ctx, clustering: Clustering, model: Arc<Embedder>) -> Self {
        Self {
            store: ctx.store.clone(),
            ctx,
            clustering,
            model,
            config: SemanticConfig::default(),
        }
    }

    /// Runs until aborted. Woken by this instance's ingest; polls for other instances' items.
    pub fn start(self) -> JoinHandle<()> {
        tokio::spawn(async move {
            let Some(wake) = self.clustering.placer() else {
                return;
            };
            loop {
                match self.place_batch().await {
                    Ok(0) => {
                        let _ = tokio::time::timeout(Duration::from_secs(1), wake.notified()).await;
                    }
                    Ok(n) => debug!(placed = n, "placed feedback with the embedding model"),
                    Err(err) => {
                        warn!(error = %err, "placement failed; retrying");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            }
        })
    }

    /// Embeds and places the oldest queued items; returns how many it placed.
    pub async fn place_batch(&self) -> Result<usize, AppError> {
        let batch = embeddings::queued(self.store.db(), BATCH).await?;
        if batch.is_empty() {
            return Ok(0);
        }
        let ids: Vec<i64> = batch.iter().map(|b| b.id).collect();
        let texts: Vec<String> = batch
            .iter()
            .map(|b| cluster_text(&b.title, &b.body))
            .collect();
        let model = self.model.clone();
        // The model reads the need without what the corpus has learned is furniture so far (the
        // vector is stored, so every instance replays this decision as it was made).
        let to_embed = self.clustering.model_texts(&texts);
        let vectors = tokio::task::spawn_blocking(move || embed_parallel(&model, &to_embed))
            .await
            .map_err(|e| AppError::Internal(format!("embedding task: {e}")))??;

        let now = to_micros(self.ctx.clock.now());
        let _changes = self.clustering.lock_changes().await;
        let tx = self.store.begin_write(Some(GlobalLock::Ingest)).await?;
        self.clustering.catch_up(&*tx).await?;
        let still: std::collections::HashSet<i64> = embeddings::still_queued(&*tx, &ids)
            .await?
            .into_iter()
            .collect();
        let mut next_request = requests::max_request_id(&*tx).await?;
        let mut new_requests = Vec::new();
        let mut suggestions = Vec::new();
        let mut placed = Vec::new();
        {
            let mut state = self.clustering.write();
            state.dirty = true;
            let state = &mut *state;
            for (embeddings::Queued { id, title, body }, (text, vector)) in
                batch.iter().zip(texts.iter().zip(&vectors))
            {
                if !still.contains(id) {
                    continue;
                }
                let a = semantic::assign(
                    &mut state.engine,
                    &mut state.semantic,
                    &self.config,
                    *id as u64,
                    text,
                    vector,
                    (next_request + 1) as u64,
                );
                let request = a.request_id as i64;
                if request == next_request + 1 {
                    next_request += 1;
                    new_requests.push(requests::new_request(request, auto_title(title, body), now));
                }
                if let Outcome::NewWithSuggestion { target, similarity } = a.outcome {
                    suggestions.push((request, target as i64, f64::from(similarity.min(1.0))));
                }
                placed.push((*id, request, vector.as_slice()));
            }
        }
        requests::insert_requests(&*tx, &new_requests).await?;
        for &(id, request, _) in &placed {
            embeddings::place(&*tx, id, request).await?;
        }
        requests::insert_suggestions(&*tx, &suggestions, now).await?;
        let rows: Vec<(i64, &[f32])> = placed.iter().map(|&(id, _, v)| (id, v)).collect();
        embeddings::insert_vectors(&*tx, MODEL_NAME, &rows).await?;
        embeddings::dequeue(&*tx, &ids).await?;
        // Items placed into a request already shipped: their requesters hear it is available.
        let into: Vec<i64> = placed.iter().map(|&(_, r, _)| r).collect();
        let announced = if self.ctx.config.notify.already_available && !into.is_empty() {
            let shipped = requests::shipped_among(&*tx, &into).await?;
            crate::service::outbox::announce_available(&*tx, &self.ctx, &shipped, now).await?
        } else {
            0
        };
        let event = match (placed.first(), placed.last()) {
            (Some(first), Some(last)) => {
                let payload = placed
                    .iter()
                    .map(|p| p.0.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                Some(
                    requests::append_event(&*tx, LogKind::Place, first.0, last.0, payload, now)
                        .await?,
                )
            }
            _ => None,
        };
        tx.commit().await?;
        self.clustering.committed(event);
        if announced > 0 {
            self.ctx.outbox.notify_waiters();
        }
        Ok(placed.len())
    }
}
