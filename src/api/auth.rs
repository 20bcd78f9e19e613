//! Bearer-token authentication and per-RPC scopes, as a tower layer in front of every service.
//!
//! The scope each RPC needs is declared next to it in the `.proto` files ([`super::methods`]);
//! a call to any other method is refused. A streaming call's token is checked again while the
//! stream is open, so a revocation (on any instance: it is in the database), an expiry or the
//! end of a rotation's grace period ends it with UNAUTHENTICATED.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::Frame;
use tonic::Status;
use tower::{Layer, Service};

use crate::api::methods::required;
use crate::domain::access::{Access, Scope};
use crate::service::access::{Caller, Tokens, as_caller};

/// Checks each call's token against the scope its method needs. With `tokens` unset
/// (`--no-auth`) every call to a declared method passes.
#[derive(Clone)]
pub struct AuthLayer {
    tokens: Option<Tokens>,
    /// A secret known only to this process (its own demo loader), with every scope.
    internal: Arc<str>,
    /// How often an open stream's token is checked again.
    recheck: Duration,
}

impl AuthLayer {
    pub fn new(tokens: Option<Tokens>, internal: Arc<str>, recheck: Duration) -> Self {
        Self {
            tokens,
            internal,
            recheck,
        }
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
    async fn check(&self, scope: Scope, secret: Option<&str>) -> Result<Caller, Status> {
        let caller = self.identify(secret.map(str::to_owned)).await?;
        if caller.scopes.contains(&scope) {
            Ok(caller)
        } else {
            Err(Status::permission_denied(format!(
                "token {:?} lacks the `{}` scope this call needs",
                caller.name,
                scope.as_str()
            )))
        }
    }

    /// Whose token this is and its scopes (every scope without auth).
    pub async fn identify(&self, secret: Option<String>) -> Result<Caller, Status> {
        let Some(tokens) = &self.tokens else {
            return Ok(Caller {
                name: String::new(),
                scopes: Scope::ALL.to_vec(),
                valid_until: None,
            });
        };
        let secret = secret.ok_or_else(|| {
            Status::unauthenticated("missing token: send `authorization: Bearer <secret>`")
        })?;
        let caller = if *secret == *self.internal {
            Caller {
                name: "sift".into(),
                scopes: Scope::ALL.to_vec(),
                valid_until: None,
            }
        } else {
            tokens
                .authenticate(&secret)
                .await
                .map_err(Status::from)?
                .ok_or_else(|| Status::unauthenticated("unknown, revoked or expired token"))?
        };
        Ok(caller)
    }

    /// What ends a streaming call made with `secret`: `None` when nothing can (no
    /// authentication, or the process's own secret).
    fn watch(&self, secret: Option<String>, caller: &Caller) -> Option<TokenEnd> {
        let tokens = self.tokens.clone()?;
        let secret = secret.filter(|s| **s != *self.internal)?;
        Some(Box::pin(until_invalid(
            tokens,
            secret,
            caller.valid_until,
            self.recheck,
        )))
    }
}

/// Resolves, with the status that ends the call, once the secret stops working.
type TokenEnd = Pin<Box<dyn Future<Output = Status> + Send>>;

/// How long to wait before the next check of a secret valid until `valid_until` (both in
/// microseconds): the re-check interval, or less when the secret expires sooner. `None` when
/// it has expired already.
fn next_check(now: i64, valid_until: Option<i64>, every: Duration) -> Option<Duration> {
    match valid_until {
        Some(until) if until <= now => None,
        Some(until) => Some(every.min(Duration::from_micros((until - now).unsigned_abs()))),
        None => Some(every),
    }
}

/// Checks the secret every `every` (and at its expiry) until it no longer authenticates. The
/// check is the same indexed read as a call's; a database error keeps the stream (it serves
/// nothing new without the database either) and is tried again at the next tick.
async fn until_invalid(
    tokens: Tokens,
    secret: String,
    mut valid_until: Option<i64>,
    every: Duration,
) -> Status {
    while let Some(wait) = next_check(tokens.now(), valid_until, every) {
        tokio::time::sleep(wait).await;
        match tokens.authenticate(&secret).await {
            Ok(Some(caller)) => valid_until = caller.valid_until,
            Ok(None) => break,
            Err(e) => tracing::warn!(error = %e, "an open stream's token could not be checked"),
        }
    }
    Status::unauthenticated("the token was revoked or has expired: this stream ends")
}

/// A streaming response body that ends with the status of [`TokenEnd`] (as trailers, after
/// whole messages) once the token stops working.
struct Guarded {
    inner: tonic::body::Body,
    end: TokenEnd,
    done: bool,
}

impl http_body::Body for Guarded {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        if let Poll::Ready(status) = this.end.as_mut().poll(cx) {
            this.done = true;
            let mut trailers = http::HeaderMap::new();
            // Fails only for a message that is no header value; ours is ASCII.
            let _ = status.add_header(&mut trailers);
            return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
        }
        let frame = Pin::new(&mut this.inner).poll_frame(cx);
        match &frame {
            Poll::Ready(None) => this.done = true,
            Poll::Ready(Some(Ok(f))) if f.is_trailers() => this.done = true,
            _ => {}
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }
}

/// The refusal of a call to a method without a declared scope.
fn unknown_method(path: &str) -> Status {
    let path: String = path.chars().take(200).collect();
    Status::permission_denied(format!(
        "{path:?} is not a sift.v1 RPC with a declared scope: refused"
    ))
}

/// RPCs that create a credential.
fn mints_tokens(path: &str) -> bool {
    matches!(
        path,
        "/sift.v1.AdminService/CreateToken" | "/sift.v1.AdminService/RotateToken"
    )
}

impl<S, B> Service<http::Request<B>> for Auth<S>
where
    S: Service<http::Request<B>, Response = http::Response<tonic::body::Body>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
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
        let method = match required(request.uri().path()) {
            Access::Open => return Box::pin(inner.call(request)),
            // Fail closed: a method without a declared scope is refused whatever the token
            // (and with --no-auth), before the database is asked anything.
            Access::Unknown => {
                let status = unknown_method(request.uri().path());
                return Box::pin(async move { Ok(status.into_http()) });
            }
            Access::Needs(method) => method,
        };
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
            let caller = match layer.check(method.scope, secret.as_deref()).await {
                Ok(caller) => caller,
                Err(status) => return Ok(status.into_http()),
            };
            let streams = method.server_streaming || method.client_streaming;
            let Some(mut end) = streams.then(|| layer.watch(secret, &caller)).flatten() else {
                return as_caller(caller.name, inner.call(request)).await;
            };
            // Until the response starts (all of a client stream is read first), the call races
            // the token's end; then a server stream carries it in its body.
            let call = as_caller(caller.name, inner.call(request));
            let response = tokio::select! {
                response = call => response?,
                status = &mut end => return Ok(status.into_http()),
            };
            // Trailers-only (an error) or not a server stream: nothing more is sent.
            if !method.server_streaming || response.headers().contains_key("grpc-status") {
                return Ok(response);
            }
            Ok(response.map(|inner| {
                tonic::body::Body::new(Guarded {
                    inner,
                    end,
                    done: false,
                })
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_checked_every_interval_and_at_its_tokens_expiry() {
        let every = Duration::from_secs(5);
        assert_eq!(next_check(1_000_000, None, every), Some(every));
        // Expires in 2 s: checked then, not 5 s later.
        assert_eq!(
            next_check(1_000_000, Some(3_000_000), every),
            Some(Duration::from_secs(2))
        );
        assert_eq!(next_check(1_000_000, Some(60_000_000), every), Some(every));
        assert_eq!(next_check(3_000_000, Some(3_000_000), every), None);
    }
}
