//! Load shedding and deadlines around every RPC (a tower layer).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::sync::Semaphore;
use tower::{Layer, Service};

use crate::server::prometheus::Metrics;

/// Load shedding and deadlines: at most `max` calls run at once (more get RESOURCE_EXHAUSTED at
/// once rather than a queue), and a call whose response has not started within `timeout` gets
/// DEADLINE_EXCEEDED. Health checks and reflection are exempt.
#[derive(Clone)]
pub struct LimitLayer {
    permits: Arc<Semaphore>,
    max: usize,
    timeout: Duration,
    metrics: Metrics,
}

impl LimitLayer {
    pub fn new(max: usize, timeout: Duration, metrics: Metrics) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max)),
            max,
            timeout,
            metrics,
        }
    }
}

impl<S> Layer<S> for LimitLayer {
    type Service = Limit<S>;

    fn layer(&self, inner: S) -> Limit<S> {
        Limit {
            inner,
            layer: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Limit<S> {
    inner: S,
    layer: LimitLayer,
}

impl<S, B, RB> Service<http::Request<B>> for Limit<S>
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
        if crate::api::methods::required(request.uri().path())
            == crate::domain::access::Access::Open
        {
            return Box::pin(inner.call(request));
        }
        let Ok(permit) = self.layer.permits.clone().try_acquire_owned() else {
            self.layer.metrics.shed();
            let status = tonic::Status::resource_exhausted(format!(
                "server busy: {} calls in flight; retry with backoff",
                self.layer.max
            ));
            return Box::pin(async move { Ok(status.into_http()) });
        };
        let timeout = self.layer.timeout;
        let future = inner.call(request);
        Box::pin(async move {
            let out = match tokio::time::timeout(timeout, future).await {
                Ok(result) => result,
                Err(_) => Ok(tonic::Status::deadline_exceeded(format!(
                    "the call took longer than the server's {} s limit",
                    timeout.as_secs()
                ))
                .into_http()),
            };
            drop(permit);
            out
        })
    }
}
