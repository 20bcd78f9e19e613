//! `sift.v1.FeedbackService`.

use std::sync::Arc;

use tonic::{Request, Response, Status, Streaming};

use super::RpcResult;
use super::convert::{
    feedback_draft, feedback_to_pb, from_timestamp, placement_to_pb, source_from_pb,
};
use super::lengths::Lengths;
use crate::domain::Violations;
use crate::pb::{self, feedback_service_server::FeedbackService};
use crate::service::feedback::{Feedback, ListQuery};

pub struct FeedbackApi {
    pub feedback: Feedback,
    /// Items of an import are judged one by one, so their string lengths are checked here.
    pub lengths: Arc<Lengths>,
}

#[tonic::async_trait]
impl FeedbackService for FeedbackApi {
    async fn submit_feedback(
        &self,
        request: Request<pb::SubmitFeedbackRequest>,
    ) -> RpcResult<pb::SubmitFeedbackResponse> {
        let draft = feedback_draft("feedback", request.into_inner().feedback)
            .map_err(crate::error::AppError::from)?;
        let stored = self.feedback.submit(draft).await?;
        let (assignment, similarity) = placement_to_pb(stored.placement);
        Ok(Response::new(pb::SubmitFeedbackResponse {
            id: stored.id,
            duplicate: stored.duplicate,
            request_id: stored.request_id,
            assignment: assignment as i32,
            similarity,
        }))
    }

    async fn import_feedback(
        &self,
        request: Request<Streaming<pb::ImportFeedbackRequest>>,
    ) -> RpcResult<pb::ImportFeedbackResponse> {
        let mut stream = request.into_inner();
        let mut import = self.feedback.import();
        while let Some(message) = stream.message().await? {
            let too_long = self
                .lengths
                .check_item("sift.v1.ImportFeedbackRequest", &message);
            if !too_long.is_empty() {
                import.reject(too_long);
                continue;
            }
            match feedback_draft("feedback", message.feedback) {
                Ok(draft) => import.push(draft).await?,
                Err(violations) => import.reject(violations),
            }
        }
        let report = import.finish().await?;
        let rejected = {
            let mut positions: Vec<i64> = report.rejected.iter().map(|(p, _)| *p).collect();
            positions.dedup();
            positions.len() as i64
        };
        Ok(Response::new(pb::ImportFeedbackResponse {
            accepted: report.accepted,
            duplicates: report.duplicates,
            rejected,
            rejections: report
                .rejected
                .into_iter()
                .map(|(position, v)| pb::Rejection {
                    position,
                    field: v.field,
                    reason: v.reason,
                })
                .collect(),
            items: report
                .stored
                .into_iter()
                .map(|(position, s)| {
                    let (assignment, similarity) = placement_to_pb(s.placement);
                    pb::ImportOutcome {
                        position,
                        id: s.id,
                        duplicate: s.duplicate,
                        request_id: s.request_id,
                        assignment: assignment as i32,
                        similarity,
                    }
                })
                .collect(),
        }))
    }

    async fn get_feedback(
        &self,
        request: Request<pb::GetFeedbackRequest>,
    ) -> RpcResult<pb::Feedback> {
        let view = self.feedback.get(request.into_inner().id).await?;
        Ok(Response::new(feedback_to_pb(view)))
    }

    async fn list_feedback(
        &self,
        request: Request<pb::ListFeedbackRequest>,
    ) -> Result<Response<pb::ListFeedbackResponse>, Status> {
        let pb::ListFeedbackRequest {
            account_external_id,
            source,
            occurred_after,
            occurred_before,
            page_size,
            page_token,
        } = request.into_inner();
        let mut v = Violations::default();
        let query = ListQuery {
            account_external_id: match crate::domain::validation::identifier_form(
                &account_external_id,
            ) {
                s if s.is_empty() => None,
                s => Some(s),
            },
            source: source_from_pb(&mut v, "source", source),
            occurred_after: occurred_after
                .and_then(|t| from_timestamp(&mut v, "occurred_after", &t)),
            occurred_before: occurred_before
                .and_then(|t| from_timestamp(&mut v, "occurred_before", &t)),
            page_size,
            page_token,
        };
        v.into_result(()).map_err(crate::error::AppError::from)?;
        let (rows, next) = self.feedback.list(query).await?;
        Ok(Response::new(pb::ListFeedbackResponse {
            feedback: rows.into_iter().map(feedback_to_pb).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }
}
