//! The suggestion queues: merges of look-alike requests and moves of items that may belong
//! elsewhere. One path lists and decides both; only what accepting does differs by kind.

use std::collections::HashMap;

use tracing::instrument;

use super::Requests;
use crate::domain::cluster_log::LogKind;
use crate::domain::suggestion::{
    Decision, Proposal, Suggestion, SuggestionKind, SuggestionStatus, decide,
};
use crate::error::AppError;
use crate::service::access::audit;
use crate::service::{page, page_size};
use crate::store::{requests, to_micros};
use serde_json::json;

/// A suggestion with the current titles of the requests it names.
#[derive(Debug, Clone)]
pub struct SuggestionView {
    pub suggestion: Suggestion,
    /// The request to merge away, or the one the item is in.
    pub from_title: String,
    pub target_title: String,
}

/// The page token's name for each queue.
fn page_name(kind: SuggestionKind) -> &'static str {
    match kind {
        SuggestionKind::Merge => "suggestions",
        SuggestionKind::Move => "move_suggestions",
    }
}

/// How the audit log names a suggestion of each kind.
fn audit_name(kind: SuggestionKind) -> &'static str {
    match kind {
        SuggestionKind::Merge => "suggestion",
        SuggestionKind::Move => "move_suggestion",
    }
}

impl Requests {
    /// Suggestions of one kind in `status`, oldest first.
    pub async fn suggestions(
        &self,
        kind: SuggestionKind,
        status: SuggestionStatus,
        size: i32,
        token: &str,
    ) -> Result<(Vec<SuggestionView>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode(page_name(kind), t, 1, "page_token")?[0],
        };
        let db = self.ctx.store.db();
        let mut rows = requests::suggestions_page(db, kind, status, after, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last().map(|s| page::encode(page_name(kind), &[s.id]))
        } else {
            None
        };
        Ok((self.suggestion_views(rows).await?, next))
    }

    async fn suggestion_views(
        &self,
        rows: Vec<Suggestion>,
    ) -> Result<Vec<SuggestionView>, AppError> {
        let db = self.ctx.store.db();
        let mut ids: Vec<i64> = rows
            .iter()
            .flat_map(|s| [s.proposal.from_request_id(), s.proposal.target_request_id()])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let found = requests::get_many(db, &ids).await?;
        let views = self.views(db, found.into_values().collect()).await?;
        let titles: HashMap<i64, String> =
            views.into_iter().map(|v| (v.request.id, v.title)).collect();
        let title = |id: i64| titles.get(&id).cloned().unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|s| SuggestionView {
                from_title: title(s.proposal.from_request_id()),
                target_title: title(s.proposal.target_request_id()),
                suggestion: s,
            })
            .collect())
    }

    /// Accepts or rejects a suggestion. Accepting a merge merges the request into its target;
    /// accepting a move moves the item as a PM's move (final). Rejecting means the pair is never
    /// suggested again. Deciding again the same way answers with the decision already made.
    #[instrument(skip_all, fields(?kind, id, accept))]
    pub async fn decide(
        &self,
        kind: SuggestionKind,
        id: i64,
        accept: bool,
    ) -> Result<SuggestionView, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let s = requests::suggestion(&*tx, kind, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("{} {id}", kind.noun())))?;
        let wanted = match decide(s.status, accept) {
            Ok(Decision::Repeat) => {
                drop(tx);
                return Ok(self.suggestion_views(vec![s]).await?.remove(0));
            }
            Ok(Decision::Decide(wanted)) => wanted,
            Err(made) => {
                return Err(AppError::FailedPrecondition(format!(
                    "{} {id} is already {}",
                    kind.noun(),
                    made.as_str()
                )));
            }
        };
        let now = to_micros(self.ctx.clock.now());
        let event = match (s.proposal, accept) {
            (
                Proposal::Merge {
                    request_id,
                    target_request_id,
                },
                true,
            ) => {
                let (source, target, payload) =
                    self.merge_in(&tx, request_id, target_request_id).await?;
                match source {
                    Some(src) => {
                        let event = requests::append_event(
                            &*tx,
                            LogKind::Merge,
                            src.id,
                            target.id,
                            payload,
                            now,
                        )
                        .await?;
                        let mut st = self.clustering.write();
                        st.dirty = true;
                        st.engine.merge(src.id as u64, target.id as u64);
                        Some(event)
                    }
                    None => None,
                }
            }
            (
                Proposal::Merge {
                    request_id,
                    target_request_id,
                },
                false,
            ) => {
                let event = requests::append_event(
                    &*tx,
                    LogKind::Forbid,
                    request_id,
                    target_request_id,
                    String::new(),
                    now,
                )
                .await?;
                let mut st = self.clustering.write();
                st.dirty = true;
                st.engine
                    .forbid_pair(request_id as u64, target_request_id as u64);
                Some(event)
            }
            (
                Proposal::Move {
                    feedback_id,
                    target_request_id,
                    ..
                },
                true,
            ) => {
                let item = crate::store::feedback::get(&*tx, feedback_id)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("feedback {feedback_id}")))?;
                if item.moved_by_pm {
                    return Err(AppError::FailedPrecondition(format!(
                        "feedback {feedback_id} was moved by a PM since move suggestion {id} \
                         was made"
                    )));
                }
                let (_, _, event) = self
                    .move_in(
                        &tx,
                        feedback_id,
                        Some(target_request_id),
                        "move_suggestion.accept",
                    )
                    .await?;
                Some(event)
            }
            // The rejected row itself keeps the pair from being suggested again.
            (Proposal::Move { .. }, false) => None,
        };
        let decided = requests::record_decision(&*tx, s, wanted, now).await?;
        // An accepted move is audited as the move it makes (`move_in`).
        if kind == SuggestionKind::Merge || !accept {
            let name = audit_name(kind);
            audit(
                &*tx,
                "",
                &format!("{name}.{}", if accept { "accept" } else { "reject" }),
                format!("{name}:{}", decided.id),
                json!({ "status": SuggestionStatus::Pending.as_str() }),
                json!({ "status": decided.status.as_str() }),
                now,
            )
            .await?;
        }
        match event {
            Some(event) => self.commit_change(tx, event).await?,
            None => tx.commit().await?,
        }
        Ok(self.suggestion_views(vec![decided]).await?.remove(0))
    }
}
