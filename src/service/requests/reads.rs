//! Reading requests: one with its evidence, a page, the nearest to a text.

use std::collections::HashMap;

use super::{RequestAccount, RequestDetail, RequestView, Requests, Similar};
use crate::domain::roadmap::{Request, RequestStatus};
use crate::error::AppError;
use crate::service::clustering::WhileChanging;
use crate::service::{page, page_size};
use crate::store::requests;

impl Requests {
    pub async fn get(&self, id: i64, evidence_limit: i32) -> Result<RequestDetail, AppError> {
        let limit = match evidence_limit {
            0 => 50,
            1..=1000 => evidence_limit as u64,
            _ => {
                return Err(AppError::invalid(
                    "evidence_limit",
                    "must be between 0 and 1000",
                ));
            }
        };
        let db = self.ctx.store.db();
        let view = self.view_of(db, id).await?;
        let feedback = requests::feedback_of(db, id, limit).await?;
        let per_account = requests::accounts_of(db, id).await?;
        let ids: Vec<i64> = per_account.iter().map(|a| a.account_id).collect();
        let mut found: HashMap<i64, crate::domain::account::Account> =
            crate::store::accounts::by_ids(db, &ids)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
        let accounts = per_account
            .into_iter()
            .filter_map(|a| {
                found.remove(&a.account_id).map(|account| RequestAccount {
                    account,
                    feedback_count: a.items,
                })
            })
            .collect();
        Ok(RequestDetail {
            view,
            feedback,
            accounts,
        })
    }

    pub async fn list(
        &self,
        size: i32,
        token: &str,
        include_merged: bool,
        min_feedback: i64,
    ) -> Result<(Vec<RequestView>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let mut after = match token {
            "" => 0,
            t => page::decode("requests", t, 1, "page_token")?[0],
        };
        let db = self.ctx.store.db();
        let mut out = Vec::new();
        // Filtering by count happens after the page is read: keep reading until it is full.
        loop {
            let rows = requests::list_page(db, after, include_merged, size + 1).await?;
            let more = rows.len() as u64 > size;
            let rows: Vec<Request> = rows.into_iter().take(size as usize).collect();
            if let Some(last) = rows.last() {
                after = last.id;
            }
            for v in self.views(db, rows).await? {
                if v.feedback_count >= min_feedback && (out.len() as u64) < size {
                    out.push(v);
                }
            }
            if !more {
                return Ok((out, None));
            }
            if out.len() as u64 >= size {
                let last = out.last().map_or(after, |v| v.request.id);
                return Ok((out, Some(page::encode("requests", &[last]))));
            }
        }
    }

    /// Requests nearest to a text: by the hybrid similarity when the embedding model is on
    /// (clamped to 0-1), else lexically.
    async fn similar_to(&self, text: &str, limit: usize) -> Result<Vec<(u64, f32)>, AppError> {
        #[cfg(feature = "embeddings")]
        if let Some(model) = self.clustering.model() {
            let query = self
                .clustering
                .model_texts(&[text])
                .pop()
                .unwrap_or_default();
            let vector = tokio::task::spawn_blocking(move || model.embed(&[query.as_str()]))
                .await
                .map_err(|e| AppError::Internal(format!("embedding task: {e}")))?
                .map_err(|e| AppError::Internal(e.to_string()))?
                .pop()
                .ok_or_else(|| AppError::Internal("no embedding".into()))?;
            let config = crate::domain::semantic::SemanticConfig::default();
            let s = self.clustering.read();
            let mut ranked =
                crate::domain::semantic::rank(&s.engine, &s.semantic, &config, text, &vector);
            ranked.truncate(limit);
            return Ok(ranked
                .into_iter()
                .map(|(r, sim)| (r, sim.clamp(0.0, 1.0)))
                .collect());
        }
        Ok(self.clustering.read().engine.find_similar(text, limit))
    }

    pub async fn find_similar(&self, text: &str, limit: i32) -> Result<Vec<Similar>, AppError> {
        if text.trim().is_empty() {
            return Err(AppError::invalid("text", "is required"));
        }
        if text.chars().count() > self.ctx.config.limits.max_text_chars {
            return Err(AppError::invalid(
                "text",
                format!(
                    "is longer than {} characters",
                    self.ctx.config.limits.max_text_chars
                ),
            ));
        }
        let limit = match limit {
            0 => 10,
            1..=100 => limit as usize,
            _ => return Err(AppError::invalid("limit", "must be between 1 and 100")),
        };
        let db = self.ctx.store.db();
        // Another instance's changes (an erasure among them) count at once: the backlog's
        // refresh (made or shared) read where the log and the views stood after the call
        // began, and its score inputs hold the counts.
        self.backlog
            .refresh_since(self.ctx.store.db(), std::time::Instant::now())
            .await?;
        let read_at = self.backlog.lock().read_at();
        self.clustering
            .catch_up_for_read(db, Some(read_at.latest_event), WhileChanging::Wait)
            .await?;
        let hits = self.similar_to(text, limit).await?;
        let ids: Vec<i64> = hits.iter().map(|(r, _)| *r as i64).collect();
        let mut counts = self.backlog.lock().counts(&ids);
        // A request the index holds and the inputs do not yet (made since their refresh).
        let unknown: Vec<i64> = ids
            .iter()
            .filter(|id| !counts.contains_key(id))
            .copied()
            .collect();
        if !unknown.is_empty() {
            counts.extend(requests::counts(db, &unknown).await?);
        }
        let rows = self
            .requests_by_id(db, &ids, Some(read_at.views_version))
            .await?;
        let ordered: Vec<Request> = ids.iter().filter_map(|id| rows.get(id).cloned()).collect();
        let views = self
            .views_counted(db, ordered, &counts, Some(read_at))
            .await?;
        let sim: HashMap<i64, f32> = hits.iter().map(|(r, s)| (*r as i64, *s)).collect();
        Ok(views
            .into_iter()
            .filter(|v| v.request.status != RequestStatus::Merged)
            .map(|view| Similar {
                similarity: sim.get(&view.request.id).copied().unwrap_or(0.0),
                view,
            })
            .collect())
    }
}
