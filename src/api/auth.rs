//! Bearer-token authentication and per-RPC scopes, as a tower layer in front of every service.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tonic::Status;
use tower::{Layer, Service};

use crate::domain::access::{Access, Scope, required};
use crate::service::access::{Caller, Tokens, as_caller};

/// Checks each call's token against the scope its method needs. With `tokens` unset
/// (`--no-auth`) every call passes.
#[derive(Clone)]
pub struct AuthLayer {
    tokens: Option<Tokens>,
    /// A secret known only to this process (its own demo loader), with every scope.
    internal: Arc<str>,
}

impl AuthLayer {
    pub fn new(tokens: Option<Tokens>, internal: Arc<str>) -> Self {
        Self { tokens, internal }
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = Auth<S>;

    fn layer(&self, inner: S) -> Auth<S> {
        Auth {
            inner,
            layer: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Auth<S> {
    inner: S,
    layer: AuthLayer,
}

/// The secret of an `authorization: Bearer <secret>` header.
pub fn bearer_secret(headers: &http::HeaderMap) -> Option<String> {
    let value = headers.get(http::header::AUTHORIZATION)?;
    let value = value.to_str().ok()?.trim();
    let (kind, secret) = value.split_once(' ')?;
    kind.eq_ignore_ascii_case("bearer")
        .then(|| secret.trim().to_owned())
}

impl AuthLayer {
    /// Whether calls need a token (false with `--no-auth`).
    pub fn enabled(&self) -> bool {
        self.tokens.is_some()
    }

    /// The caller, or the status refusing the call.
    async fn check(&self, access: Access, secret: Option<String>) -> Result<Caller, Status> {
        let caller = self.identify(secret).await?;
        match access {
            Access::Needs(scope) if !caller.scopes.contains(&scope) => {
                Err(Status::permission_denied(format!(
                    "token {:?} lacks the `{}` scope this call needs",
                    caller.name,
                    scope.as_str()
                )))
            }
            _ => Ok(caller),
        }
    }

    /// Whose token this is and its scopes (every scope without auth).
    pub async fn identify(&self, secret: Option<String>) -> Result<Caller, Status> {
        let Some(tokens) = &self.tokens else {
            return Ok(Caller {
                name: String::new(),
                scopes: Scope::ALL.to_vec(),
            });
        };
        let secret = secret.ok_or_else(|| {
            Status::unauthenticated("missing token: send `authorization: Bearer <secret>`")
        })?;
        let caller = if *secret == *self.internal {
            Caller {
                name: "sift".into(),
                scopes: Scope::ALL.to_vec(),
            }
        } else {
            tokens
                .authenticate(&secret)
                .await
                .map_err(Status::from)?
                .ok_or_else(|| Status::unauthenticated("unknown or revoked token"))?
        };
        Ok(caller)
    }
}

/// RPCs that create a credential.
fn mints_tokens(path: &str) -> bool {
    path == "/sift.v1.AdminService/CreateToken"
}

impl<S, B, RB> Service<http::Request<B>> for Auth<S>
where
    S: Service<http::Request<B>, Response = http::Response<RB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
    RB: Default,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let access = required(request.uri().path());
        if access == Access::Open {
            return Box::pin(inner.call(request));
        }
        if !self.layer.enabled() && mints_tokens(request.uri().path()) {
            // A token made while nobody is authenticated would outlive --no-auth: whoever
            // reached this port (or the console) would keep admin rights after a restart.
            let status = Status::permission_denied(
                "tokens cannot be created without authentication (--no-auth); \
                 create them with `sift token create` on the server",
            );
            return Box::pin(async move { Ok(status.into_http()) });
        }
        let layer = self.layer.clone();
        let secret = bearer_secret(request.headers());
        Box::pin(async move {
            match layer.check(access, secret).await {
                Ok(caller) => as_caller(caller.name, inner.call(request)).await,
                Err(status) => Ok(status.into_http()),
            }
        })
    }
}
