//! `sift.v1.RequestService`.

use tonic::{Request, Response};

use super::RpcResult;
use super::convert::{
    feedback_to_pb, move_suggestion_to_pb, request_status_from_pb, request_status_to_pb,
    request_to_pb, suggestion_status_from_pb, suggestion_to_pb, timestamp,
};
use crate::domain::suggestion::SuggestionKind;
use crate::error::AppError;
use crate::pb::{self, request_service_server::RequestService};
use crate::service::feedback::FeedbackView;
use crate::service::requests::Requests;

pub struct RequestApi {
    pub requests: Requests,
}

#[tonic::async_trait]
impl RequestService for RequestApi {
    async fn get_request(
        &self,
        request: Request<pb::GetRequestRequest>,
    ) -> RpcResult<pb::GetRequestResponse> {
        let pb::GetRequestRequest { id, evidence_limit } = request.into_inner();
        let detail = self.requests.get(id, evidence_limit).await?;
        let externals: std::collections::HashMap<i64, String> = detail
            .accounts
            .iter()
            .map(|a| (a.account.id, a.account.external_id.clone()))
            .collect();
        Ok(Response::new(pb::GetRequestResponse {
            request: Some(request_to_pb(detail.view)),
            feedback: detail
                .feedback
                .into_iter()
                .map(|f| {
                    let account_external_id =
                        externals.get(&f.account_id).cloned().unwrap_or_default();
                    feedback_to_pb(FeedbackView {
                        feedback: f,
                        account_external_id,
                    })
                })
                .collect(),
            accounts: detail
                .accounts
                .into_iter()
                .map(|a| pb::RequestAccount {
                    account_id: a.account.id,
                    external_id: a.account.external_id,
                    name: a.account.name,
                    feedback_count: a.feedback_count,
                })
                .collect(),
        }))
    }

    async fn list_requests(
        &self,
        request: Request<pb::ListRequestsRequest>,
    ) -> RpcResult<pb::ListRequestsResponse> {
        let pb::ListRequestsRequest {
            page_size,
            page_token,
            include_merged,
            min_feedback,
        } = request.into_inner();
        let (rows, next) = self
            .requests
            .list(page_size, &page_token, include_merged, min_feedback)
            .await?;
        Ok(Response::new(pb::ListRequestsResponse {
            requests: rows.into_iter().map(request_to_pb).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }

    async fn find_similar(
        &self,
        request: Request<pb::FindSimilarRequest>,
    ) -> RpcResult<pb::FindSimilarResponse> {
        let pb::FindSimilarRequest { text, limit } = request.into_inner();
        let hits = self.requests.find_similar(&text, limit).await?;
        Ok(Response::new(pb::FindSimilarResponse {
            requests: hits
                .into_iter()
                .map(|s| pb::SimilarRequest {
                    request: Some(request_to_pb(s.view)),
                    similarity: s.similarity,
                })
                .collect(),
        }))
    }

    async fn consolidate_requests(
        &self,
        request: Request<pb::ConsolidateRequestsRequest>,
    ) -> RpcResult<pb::ConsolidateRequestsResponse> {
        let pb::ConsolidateRequestsRequest {} = request.into_inner();
        let r = self.requests.consolidate().await?;
        Ok(Response::new(pb::ConsolidateRequestsResponse {
            requests_merged: r.requests_merged as i64,
            feedback_moved: r.feedback_moved as i64,
            merge_suggestions: r.merge_suggestions as i64,
            move_candidates: r.move_candidates as i64,
            requests_examined: r.requests_examined as i64,
            feedback_examined: r.feedback_examined as i64,
            seconds: r.seconds,
            feedback_refreshed: r.feedback_refreshed as i64,
        }))
    }

    async fn merge_requests(
        &self,
        request: Request<pb::MergeRequestsRequest>,
    ) -> RpcResult<pb::Request> {
        let pb::MergeRequestsRequest {
            source_id,
            target_id,
        } = request.into_inner();
        Ok(Response::new(request_to_pb(
            self.requests.merge(source_id, target_id).await?,
        )))
    }

    async fn unmerge_request(
        &self,
        request: Request<pb::UnmergeRequestRequest>,
    ) -> RpcResult<pb::Request> {
        let id = request.into_inner().id;
        Ok(Response::new(request_to_pb(
            self.requests.unmerge(id).await?,
        )))
    }

    async fn move_feedback(
        &self,
        request: Request<pb::MoveFeedbackRequest>,
    ) -> RpcResult<pb::MoveFeedbackResponse> {
        let pb::MoveFeedbackRequest {
            feedback_id,
            destination,
        } = request.into_inner();
        let target = match destination {
            Some(pb::move_feedback_request::Destination::TargetRequestId(id)) => Some(id),
            Some(pb::move_feedback_request::Destination::NewRequest(true)) => None,
            _ => {
                return Err(AppError::invalid(
                    "destination",
                    "target_request_id or new_request = true is required",
                )
                .into());
            }
        };
        let (from, to) = self.requests.move_feedback(feedback_id, target).await?;
        Ok(Response::new(pb::MoveFeedbackResponse {
            feedback_id,
            from_request_id: from,
            to_request_id: to,
        }))
    }

    async fn rename_request(
        &self,
        request: Request<pb::RenameRequestRequest>,
    ) -> RpcResult<pb::Request> {
        let pb::RenameRequestRequest { id, title } = request.into_inner();
        Ok(Response::new(request_to_pb(
            self.requests.rename(id, &title).await?,
        )))
    }

    async fn update_request_status(
        &self,
        request: Request<pb::UpdateRequestStatusRequest>,
    ) -> RpcResult<pb::Request> {
        update_request_status(&self.requests, request.into_inner()).await
    }

    async fn list_status_history(
        &self,
        request: Request<pb::ListStatusHistoryRequest>,
    ) -> RpcResult<pb::ListStatusHistoryResponse> {
        let changes = self
            .requests
            .status_history(request.into_inner().id)
            .await?;
        Ok(Response::new(pb::ListStatusHistoryResponse {
            changes: changes
                .into_iter()
                .map(|c| pb::StatusChange {
                    from: request_status_to_pb(c.from) as i32,
                    to: request_status_to_pb(c.to) as i32,
                    actor: c.actor,
                    reason: c.reason,
                    at: Some(timestamp(c.at)),
                })
                .collect(),
        }))
    }

    async fn list_merge_suggestions(
        &self,
        request: Request<pb::ListMergeSuggestionsRequest>,
    ) -> RpcResult<pb::ListMergeSuggestionsResponse> {
        let pb::ListMergeSuggestionsRequest {
            status,
            page_size,
            page_token,
        } = request.into_inner();
        let status = suggestion_status_from_pb(status)?;
        let (rows, next) = self
            .requests
            .suggestions(SuggestionKind::Merge, status, page_size, &page_token)
            .await?;
        Ok(Response::new(pb::ListMergeSuggestionsResponse {
            suggestions: rows.into_iter().map(suggestion_to_pb).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }

    async fn accept_merge_suggestion(
        &self,
        request: Request<pb::DecideMergeSuggestionRequest>,
    ) -> RpcResult<pb::MergeSuggestion> {
        let id = request.into_inner().id;
        Ok(Response::new(suggestion_to_pb(
            self.requests
                .decide(SuggestionKind::Merge, id, true)
                .await?,
        )))
    }

    async fn list_move_suggestions(
        &self,
        request: Request<pb::ListMoveSuggestionsRequest>,
    ) -> RpcResult<pb::ListMoveSuggestionsResponse> {
        let pb::ListMoveSuggestionsRequest {
            status,
            page_size,
            page_token,
        } = request.into_inner();
        let status = suggestion_status_from_pb(status)?;
        let (rows, next) = self
            .requests
            .suggestions(SuggestionKind::Move, status, page_size, &page_token)
            .await?;
        Ok(Response::new(pb::ListMoveSuggestionsResponse {
            suggestions: rows.into_iter().map(move_suggestion_to_pb).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }

    async fn accept_move_suggestion(
        &self,
        request: Request<pb::DecideMoveSuggestionRequest>,
    ) -> RpcResult<pb::MoveSuggestion> {
        let id = request.into_inner().id;
        Ok(Response::new(move_suggestion_to_pb(
            self.requests.decide(SuggestionKind::Move, id, true).await?,
        )))
    }

    async fn reject_move_suggestion(
        &self,
        request: Request<pb::DecideMoveSuggestionRequest>,
    ) -> RpcResult<pb::MoveSuggestion> {
        let id = request.into_inner().id;
        Ok(Response::new(move_suggestion_to_pb(
            self.requests
                .decide(SuggestionKind::Move, id, false)
                .await?,
        )))
    }

    async fn reject_merge_suggestion(
        &self,
        request: Request<pb::DecideMergeSuggestionRequest>,
    ) -> RpcResult<pb::MergeSuggestion> {
        let id = request.into_inner().id;
        Ok(Response::new(suggestion_to_pb(
            self.requests
                .decide(SuggestionKind::Merge, id, false)
                .await?,
        )))
    }
}

/// `UpdateRequestStatus`, served by RequestService and RoadmapService alike.
pub async fn update_request_status(
    requests: &Requests,
    request: pb::UpdateRequestStatusRequest,
) -> RpcResult<pb::Request> {
    let pb::UpdateRequestStatusRequest {
        id,
        status,
        actor,
        reason,
    } = request;
    let to = request_status_from_pb(status)
        .ok_or_else(|| AppError::invalid("status", format!("unknown status {status}")))?;
    let view = requests.update_status(id, to, &actor, &reason).await?;
    Ok(Response::new(request_to_pb(view)))
}
