//! `sift.v1.AdminService`: tokens and the audit log.

use tonic::{Request, Response};

use super::RpcResult;
use super::convert::timestamp_us;
use crate::pb::{self, admin_service_server::AdminService};
use crate::service::access::{TokenView, Tokens};

pub struct AdminApi {
    pub tokens: Tokens,
}

fn token_to_pb(t: TokenView) -> pb::Token {
    pb::Token {
        id: t.row.id,
        name: t.row.name,
        scopes: t.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        created_at: Some(timestamp_us(t.row.created_at)),
        revoked: t.row.revoked_at.is_some(),
        revoked_at: t.row.revoked_at.map(timestamp_us),
    }
}

#[tonic::async_trait]
impl AdminService for AdminApi {
    async fn create_token(
        &self,
        request: Request<pb::CreateTokenRequest>,
    ) -> RpcResult<pb::CreateTokenResponse> {
        let r = request.into_inner();
        let (token, secret) = self.tokens.create(&r.name, &r.scopes).await?;
        Ok(Response::new(pb::CreateTokenResponse {
            token: Some(token_to_pb(token)),
            secret,
        }))
    }

    async fn list_tokens(
        &self,
        request: Request<pb::ListTokensRequest>,
    ) -> RpcResult<pb::ListTokensResponse> {
        let tokens = self
            .tokens
            .list(request.into_inner().include_revoked)
            .await?;
        Ok(Response::new(pb::ListTokensResponse {
            tokens: tokens.into_iter().map(token_to_pb).collect(),
        }))
    }

    async fn revoke_token(&self, request: Request<pb::RevokeTokenRequest>) -> RpcResult<pb::Token> {
        let token = self.tokens.revoke(&request.into_inner().name).await?;
        Ok(Response::new(token_to_pb(token)))
    }

    async fn list_audit_events(
        &self,
        request: Request<pb::ListAuditEventsRequest>,
    ) -> RpcResult<pb::ListAuditEventsResponse> {
        let r = request.into_inner();
        let (rows, next) = self
            .tokens
            .audit_events(&r.target, r.page_size, &r.page_token)
            .await?;
        Ok(Response::new(pb::ListAuditEventsResponse {
            events: rows
                .into_iter()
                .map(|e| pb::AuditEvent {
                    id: e.id,
                    at: Some(timestamp_us(e.at)),
                    actor: e.actor,
                    action: e.action,
                    target: e.target,
                    before: e.before,
                    after: e.after,
                })
                .collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }
}
