//! `sift.v1.AdminService`: tokens and the audit log.

use tonic::{Request, Response};

use super::RpcResult;
use super::convert::timestamp_us;
use crate::domain::access::TokenState;
use crate::error::AppError;
use crate::pb::{self, admin_service_server::AdminService};
use crate::service::access::{TokenView, Tokens};

pub struct AdminApi {
    pub tokens: Tokens,
}

/// A token on the wire; `now` (microseconds) judges whether it has expired.
fn token_to_pb(t: TokenView, now: i64) -> pb::Token {
    pb::Token {
        id: t.token.id,
        expired: TokenState::of(None, t.token.expires_at, now) == TokenState::Expired,
        name: t.token.name,
        scopes: t
            .token
            .scopes
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        created_at: Some(timestamp_us(t.token.created_at)),
        revoked: t.token.revoked_at.is_some(),
        revoked_at: t.token.revoked_at.map(timestamp_us),
        expires_at: t.token.expires_at.map(timestamp_us),
        last_used_at: t.token.last_used_at.map(timestamp_us),
        old_secret_valid_until: t.retiring_until.map(timestamp_us),
    }
}

/// Whole seconds of a duration (unset: `None`); a negative one is refused naming `field`.
fn seconds(field: &str, d: Option<prost_types::Duration>) -> Result<Option<i64>, AppError> {
    match d {
        None => Ok(None),
        Some(d) if d.seconds < 0 || d.nanos < 0 => {
            Err(AppError::invalid(field, "must not be negative"))
        }
        Some(d) => Ok(Some(d.seconds)),
    }
}

#[tonic::async_trait]
impl AdminService for AdminApi {
    async fn create_token(
        &self,
        request: Request<pb::CreateTokenRequest>,
    ) -> RpcResult<pb::CreateTokenResponse> {
        let r = request.into_inner();
        let expires_in = seconds("expires_in", r.expires_in)?;
        let (token, secret) = self
            .tokens
            .create_expiring(&r.name, &r.scopes, expires_in)
            .await?;
        Ok(Response::new(pb::CreateTokenResponse {
            token: Some(token_to_pb(token, self.tokens.now())),
            secret,
        }))
    }

    async fn rotate_token(
        &self,
        request: Request<pb::RotateTokenRequest>,
    ) -> RpcResult<pb::CreateTokenResponse> {
        let r = request.into_inner();
        let grace = seconds("grace", r.grace)?.unwrap_or(0);
        let (token, secret) = self.tokens.rotate(&r.name, grace).await?;
        Ok(Response::new(pb::CreateTokenResponse {
            token: Some(token_to_pb(token, self.tokens.now())),
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
            tokens: tokens
                .into_iter()
                .map(|t| token_to_pb(t, self.tokens.now()))
                .collect(),
        }))
    }

    async fn revoke_token(&self, request: Request<pb::RevokeTokenRequest>) -> RpcResult<pb::Token> {
        let token = self.tokens.revoke(&request.into_inner().name).await?;
        Ok(Response::new(token_to_pb(token, self.tokens.now())))
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
