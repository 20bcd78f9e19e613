//! Prometheus metrics: counters and histograms kept in memory, served as text on a separate
//! HTTP port (`GET /metrics`). Small enough to need no metrics crate.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::connections::{Limits, Listener, accept, serve_http1};
use crate::store::Store;

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Default)]
struct Inner {
    calls: BTreeMap<(String, String), u64>,
    latency: BTreeMap<String, Histogram>,
    ingested: BTreeMap<String, u64>,
    assignments: BTreeMap<String, u64>,
    shed: u64,
    /// By listener: connections open now, refused for want of room, failed accepts.
    connections_open: BTreeMap<&'static str, i64>,
    connections_refused: BTreeMap<&'static str, u64>,
    connections_evicted: BTreeMap<&'static str, u64>,
    accept_errors: BTreeMap<&'static str, u64>,
    /// By (listener, reason): connections the server closed for a timeout or an HTTP/2 error.
    connections_timed_out: BTreeMap<(&'static str, &'static str), u64>,
    connections_closed_by_server: BTreeMap<(&'static str, String), u64>,
}

/// The process's metrics; cheap to clone.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Mutex<Inner>>,
}

impl Metrics {
    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    /// One finished call: its method, gRPC code name and latency.
    pub fn call(&self, method: &str, code: &str, latency: Duration) {
        let secs = latency.as_secs_f64();
        self.with(|m| {
            *m.calls
                .entry((method.to_owned(), code.to_owned()))
                .or_default() += 1;
            let h = m.latency.entry(method.to_owned()).or_default();
            for (i, bound) in BUCKETS.iter().enumerate() {
                if secs <= *bound {
                    h.counts[i] += 1;
                }
            }
            h.sum += secs;
            h.count += 1;
        });
    }

    /// One stored feedback item, by source, and how it was assigned.
    pub fn ingested(&self, source: &str, assignment: &str) {
        self.with(|m| {
            *m.ingested.entry(source.to_owned()).or_default() += 1;
            *m.assignments.entry(assignment.to_owned()).or_default() += 1;
        });
    }

    pub fn shed(&self) {
        self.with(|m| m.shed += 1);
    }

    pub fn connection_opened(&self, listener: &'static str) {
        self.with(|m| *m.connections_open.entry(listener).or_default() += 1);
    }

    pub fn connection_closed(&self, listener: &'static str) {
        self.with(|m| *m.connections_open.entry(listener).or_default() -= 1);
    }

    /// A connection closed at accept because its listener was full.
    pub fn connection_refused(&self, listener: &'static str) {
        self.with(|m| *m.connections_refused.entry(listener).or_default() += 1);
    }

    /// An idle connection closed to make room for a new one on a full listener.
    pub fn connection_evicted(&self, listener: &'static str) {
        self.with(|m| *m.connections_evicted.entry(listener).or_default() += 1);
    }

    /// An accept that failed (out of file descriptors, for one).
    pub fn accept_failed(&self, listener: &'static str) {
        self.with(|m| *m.accept_errors.entry(listener).or_default() += 1);
    }

    /// A connection closed for sending no request in time (`header`) or having no calls (`idle`).
    pub fn connection_timed_out(&self, listener: &'static str, reason: &'static str) {
        self.with(|m| {
            *m.connections_timed_out
                .entry((listener, reason))
                .or_default() += 1;
        });
    }

    /// A connection the server ended with an HTTP/2 GOAWAY carrying an error `reason`.
    pub fn connection_closed_by_server(&self, listener: &'static str, reason: &str) {
        self.with(|m| {
            *m.connections_closed_by_server
                .entry((listener, reason.to_owned()))
                .or_default() += 1;
        });
    }

    /// The text exposition, with the outbox's depth and age read from the store.
    pub async fn render(&self, store: &Store) -> String {
        let mut out = self.with(|m| {
            let mut out = String::new();
            out.push_str("# HELP sift_rpc_calls_total Calls by method and gRPC code.\n");
            out.push_str("# TYPE sift_rpc_calls_total counter\n");
            for ((method, code), n) in &m.calls {
                let _ = writeln!(
                    out,
                    "sift_rpc_calls_total{{method=\"{method}\",code=\"{code}\"}} {n}"
                );
            }
            out.push_str("# HELP sift_rpc_latency_seconds Time to the response, by method.\n");
            out.push_str("# TYPE sift_rpc_latency_seconds histogram\n");
            for (method, h) in &m.latency {
                for (bound, n) in BUCKETS.iter().zip(h.counts) {
                    let _ = writeln!(
                        out,
                        "sift_rpc_latency_seconds_bucket{{method=\"{method}\",le=\"{bound}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "sift_rpc_latency_seconds_bucket{{method=\"{method}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "sift_rpc_latency_seconds_sum{{method=\"{method}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "sift_rpc_latency_seconds_count{{method=\"{method}\"}} {}",
                    h.count
                );
            }
            out.push_str("# HELP sift_feedback_ingested_total Feedback stored, by source.\n");
            out.push_str("# TYPE sift_feedback_ingested_total counter\n");
            for (source, n) in &m.ingested {
                let _ = writeln!(
                    out,
                    "sift_feedback_ingested_total{{source=\"{source}\"}} {n}"
                );
            }
            out.push_str(
                "# HELP sift_assignments_total How ingested feedback was assigned to requests.\n",
            );
            out.push_str("# TYPE sift_assignments_total counter\n");
            for (outcome, n) in &m.assignments {
                let _ = writeln!(out, "sift_assignments_total{{outcome=\"{outcome}\"}} {n}");
            }
            out.push_str("# HELP sift_calls_shed_total Calls refused with RESOURCE_EXHAUSTED.\n");
            out.push_str("# TYPE sift_calls_shed_total counter\n");
            let _ = writeln!(out, "sift_calls_shed_total {}", m.shed);
            out.push_str("# HELP sift_connections_open Connections open now, by listener.\n");
            out.push_str("# TYPE sift_connections_open gauge\n");
            for (listener, n) in &m.connections_open {
                let _ = writeln!(out, "sift_connections_open{{listener=\"{listener}\"}} {n}");
            }
            out.push_str(
                "# HELP sift_connections_refused_total Connections closed at accept: the listener \
                 was full of connections with calls in flight.\n",
            );
            out.push_str("# TYPE sift_connections_refused_total counter\n");
            for (listener, n) in &m.connections_refused {
                let _ = writeln!(
                    out,
                    "sift_connections_refused_total{{listener=\"{listener}\"}} {n}"
                );
            }
            out.push_str(
                "# HELP sift_connections_evicted_total Idle connections closed to admit a new one \
                 on a full listener.\n",
            );
            out.push_str("# TYPE sift_connections_evicted_total counter\n");
            for (listener, n) in &m.connections_evicted {
                let _ = writeln!(
                    out,
                    "sift_connections_evicted_total{{listener=\"{listener}\"}} {n}"
                );
            }
            out.push_str("# HELP sift_accept_errors_total Failed accepts (e.g. out of files).\n");
            out.push_str("# TYPE sift_accept_errors_total counter\n");
            for (listener, n) in &m.accept_errors {
                let _ = writeln!(out, "sift_accept_errors_total{{listener=\"{listener}\"}} {n}");
            }
            out.push_str(
                "# HELP sift_connections_timed_out_total Connections closed for sending no request \
                 in time (header) or having no calls (idle).\n",
            );
            out.push_str("# TYPE sift_connections_timed_out_total counter\n");
            for ((listener, reason), n) in &m.connections_timed_out {
                let _ = writeln!(
                    out,
                    "sift_connections_timed_out_total{{listener=\"{listener}\",reason=\"{reason}\"}} {n}"
                );
            }
            out.push_str(
                "# HELP sift_connections_closed_by_server_total Connections the server ended with \
                 an HTTP/2 error, by reason.\n",
            );
            out.push_str("# TYPE sift_connections_closed_by_server_total counter\n");
            for ((listener, reason), n) in &m.connections_closed_by_server {
                let _ = writeln!(
                    out,
                    "sift_connections_closed_by_server_total{{listener=\"{listener}\",reason=\"{reason}\"}} {n}"
                );
            }
            out
        });
        match crate::store::outbox::outbox_depth(store.db()).await {
            Ok((depth, oldest)) => {
                let age = match oldest {
                    Some(us) => (chrono::Utc::now().timestamp_micros() - us).max(0) as f64 / 1e6,
                    None => 0.0,
                };
                out.push_str("# HELP sift_outbox_depth Notifications not yet delivered.\n");
                out.push_str("# TYPE sift_outbox_depth gauge\n");
                let _ = writeln!(out, "sift_outbox_depth {depth}");
                out.push_str(
                    "# HELP sift_outbox_oldest_age_seconds Age of the oldest undelivered one.\n",
                );
                out.push_str("# TYPE sift_outbox_oldest_age_seconds gauge\n");
                let _ = writeln!(out, "sift_outbox_oldest_age_seconds {age}");
            }
            Err(e) => tracing::warn!(error = %e, "metrics: outbox depth unavailable"),
        }
        out
    }
}

/// Serves `GET /metrics` on `listener` until `stop`, within `limits`. With a `token`, only
/// requests that carry it (`authorization: Bearer <token>`) are answered.
pub async fn serve(
    listener: TcpListener,
    metrics: Metrics,
    store: Store,
    token: Option<Secret>,
    limits: Limits,
    stop: watch::Receiver<bool>,
) {
    let exporter = Arc::new((metrics.clone(), store, token));
    accept(
        listener,
        Listener::Metrics,
        limits,
        metrics,
        stop,
        move |socket, conn| {
            let exporter = exporter.clone();
            serve_http1(socket, conn, false, move |request| {
                let exporter = exporter.clone();
                async move {
                    let (metrics, store, token) = &*exporter;
                    answer(&request, metrics, store, token.as_ref()).await
                }
            })
        },
    )
    .await;
}

async fn answer<B>(
    request: &http::Request<B>,
    metrics: &Metrics,
    store: &Store,
    token: Option<&Secret>,
) -> http::Response<Full<Bytes>> {
    let reply = |status: http::StatusCode, body: String| {
        let mut response = http::Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() = status;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/plain; version=0.0.4"),
        );
        response
    };
    if request.method() != http::Method::GET || request.uri().path() != "/metrics" {
        return reply(http::StatusCode::NOT_FOUND, "GET /metrics\n".to_owned());
    }
    if let Some(token) = token {
        let offered = crate::api::auth::bearer_secret(request.headers()).unwrap_or_default();
        if !token.matches(&offered) {
            let mut response = reply(
                http::StatusCode::UNAUTHORIZED,
                "send the metrics token: authorization: Bearer <token>\n".to_owned(),
            );
            response.headers_mut().insert(
                http::header::WWW_AUTHENTICATE,
                http::HeaderValue::from_static("Bearer realm=\"sift metrics\""),
            );
            return response;
        }
    }
    reply(http::StatusCode::OK, metrics.render(store).await)
}

/// A secret given in configuration (the metrics token): never printed, compared in constant
/// time.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    pub fn new(secret: &str) -> Self {
        Self(secret.into())
    }

    /// Whether `offered` is this secret; the time taken does not depend on where they differ.
    pub fn matches(&self, offered: &str) -> bool {
        use sha2::{Digest, Sha256};
        let (a, b) = (
            Sha256::digest(self.0.as_bytes()),
            Sha256::digest(offered.as_bytes()),
        );
        a.iter()
            .zip(b.iter())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_itself_only_and_never_prints() {
        let secret = Secret::new("s3cret-metrics-token");
        assert!(secret.matches("s3cret-metrics-token"));
        assert!(!secret.matches("s3cret-metrics-tokeN"));
        assert!(!secret.matches(""));
        assert_eq!(format!("{secret:?}"), "Secret(..)");
    }
}
