//! Logging: the subscriber, and one log line per RPC with its method, code and latency.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tower::{Layer, Service};
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

use crate::server::config::LogFormat;
use crate::server::prometheus::Metrics;

/// Installs the global subscriber; `RUST_LOG` overrides the default `info` level (with the
/// migrator's line per migration at `warn`: `sift serve` says once that the schema is ready).
/// Text logs are coloured only when they go to a terminal, so files and journals get plain text.
pub fn init(format: LogFormat) {
    use std::io::IsTerminal as _;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sea_orm_migration=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stdout().is_terminal())
        .with_target(false);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Wraps every call in an `rpc` span carrying its method and request id (the caller's
/// `x-request-id`, else a new one, echoed in the response), logs its outcome when the response
/// starts, and counts it in the metrics.
#[derive(Clone, Default)]
pub struct RpcLogLayer {
    metrics: Metrics,
    /// `Bearer <secret>` of the server's own in-process callers (the demo loader): their calls
    /// are logged at debug, so a start with `--demo` is summarised in one line.
    internal: Option<Arc<str>>,
}

impl RpcLogLayer {
    pub fn new(metrics: Metrics) -> Self {
        Self {
            metrics,
            internal: None,
        }
    }

    /// Calls made with the process's internal secret log at debug.
    pub fn quiet_for(mut self, internal_secret: &str) -> Self {
        self.internal = Some(format!("Bearer {internal_secret}").into());
        self
    }
}

/// Milliseconds rounded to hundredths (`0.3`, not `0.30032000000000003`).
pub fn rounded_ms(latency: Duration) -> f64 {
    (latency.as_secs_f64() * 1e5).round() / 100.0
}

/// Equal without an early exit, so timing does not tell how much of a secret matched.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl<S> Layer<S> for RpcLogLayer {
    type Service = RpcLog<S>;

    fn layer(&self, inner: S) -> RpcLog<S> {
        RpcLog {
            inner,
            metrics: self.metrics.clone(),
            internal: self.internal.clone(),
        }
    }
}

#[derive(Clone)]
pub struct RpcLog<S> {
    inner: S,
    metrics: Metrics,
    internal: Option<Arc<str>>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A request id unique within this process and unlikely to repeat across processes.
fn new_request_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    let prefix = PREFIX.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        nanos ^ std::process::id().rotate_left(16)
    });
    format!("{prefix:08x}-{:x}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

fn request_id<B>(request: &http::Request<B>) -> String {
    request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 128)
        .map_or_else(new_request_id, str::to_owned)
}

impl<S, B, RB> Service<http::Request<B>> for RpcLog<S>
where
    S: Service<http::Request<B>, Response = http::Response<RB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display,
    B: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let method = request.uri().path().to_owned();
        // Metrics label known methods only: arbitrary paths must not grow the label set.
        let label = match crate::api::methods::required(&method) {
            crate::domain::access::Access::Unknown => "unknown".to_owned(),
            _ => method.clone(),
        };
        let id = request_id(&request);
        let internal = self.internal.as_deref().is_some_and(|secret| {
            request
                .headers()
                .get("authorization")
                .is_some_and(|v| same_secret(v.as_bytes(), secret.as_bytes()))
        });
        let span = tracing::info_span!("rpc", method = %method, request_id = %id);
        let start = Instant::now();
        let metrics = self.metrics.clone();
        // The clone that was polled ready serves this call; the fresh clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let future = {
            let _entered = span.enter();
            inner.call(request)
        };
        Box::pin(
            async move {
                let mut result = future.await;
                let latency = start.elapsed();
                let latency_ms = rounded_ms(latency);
                match &mut result {
                    Ok(response) => {
                        // Errors of unary calls travel as trailers-only responses, so the
                        // status is in the headers; a missing one means OK (sent in trailers).
                        let code = response
                            .headers()
                            .get("grpc-status")
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.parse::<i32>().ok())
                            .map(tonic::Code::from_i32)
                            .unwrap_or(tonic::Code::Ok);
                        if let Ok(value) = http::HeaderValue::from_str(&id) {
                            response.headers_mut().insert("x-request-id", value);
                        }
                        metrics.call(&label, &format!("{code:?}"), latency);
                        if internal {
                            tracing::debug!(code = ?code, latency_ms, "rpc");
                        } else {
                            tracing::info!(code = ?code, latency_ms, "rpc");
                        }
                    }
                    Err(err) => {
                        metrics.call(&label, "Transport", latency);
                        tracing::warn!(error = %err, latency_ms, "rpc transport error");
                    }
                }
                result
            }
            .instrument(span),
        )
    }
}
