//! Prometheus metrics: counters, gauges and histograms from `prometheus-client`, kept in memory
//! and served in the OpenMetrics text format on a separate HTTP port (`GET /metrics`).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::{encode_eof, encode_registry};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::server::connections::{Limits, Listener, accept, serve_http1};
use crate::store::Store;

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// Upper bounds of the buckets of items per ingest commit (the writer commits 16,000 at most).
const ITEM_BUCKETS: [f64; 13] = [
    1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 16000.0,
];

/// What the exposition says it is (the Prometheus server asks for it by this type).
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Call {
    method: String,
    code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Method {
    method: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Source {
    source: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Assignment {
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ListenerLabel {
    listener: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Timeout {
    listener: &'static str,
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ServerClose {
    listener: &'static str,
    reason: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct NatsOutcome {
    outcome: &'static str,
}

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// The families, each registered once under its name; a counter's samples get `_total`.
struct Inner {
    registry: Registry,
    calls: Family<Call, Counter>,
    latency: Family<Method, Histogram, fn() -> Histogram>,
    ingested: Family<Source, Counter>,
    assignments: Family<Assignment, Counter>,
    shed: Counter,
    /// By listener: connections open now, refused for want of room, evicted, failed accepts.
    connections_open: Family<ListenerLabel, Gauge>,
    connections_refused: Family<ListenerLabel, Counter>,
    connections_evicted: Family<ListenerLabel, Counter>,
    accept_errors: Family<ListenerLabel, Counter>,
    /// By (listener, reason): connections the server closed for a timeout or an HTTP/2 error.
    connections_timed_out: Family<Timeout, Counter>,
    connections_closed_by_server: Family<ServerClose, Counter>,
    /// Telemetry messages taken from NATS, by outcome (counted, duplicate, rejected).
    telemetry_nats: Family<NatsOutcome, Counter>,
    /// The ingest writer's committed transactions (group commits): how long each took, and how
    /// many items each held.
    ingest_commit_seconds: Histogram,
    ingest_commit_items: Histogram,
}

impl Default for Inner {
    fn default() -> Self {
        let calls = Family::default();
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        let ingested = Family::default();
        let assignments = Family::default();
        let shed = Counter::default();
        let connections_open = Family::default();
        let connections_refused = Family::default();
        let connections_evicted = Family::default();
        let accept_errors = Family::default();
        let connections_timed_out = Family::default();
        let connections_closed_by_server = Family::default();
        let telemetry_nats = Family::default();
        let ingest_commit_seconds = latency_histogram();
        let ingest_commit_items = Histogram::new(ITEM_BUCKETS);
        let mut r = Registry::default();
        // Help texts without their final period: the registry adds it.
        r.register(
            "sift_rpc_calls",
            "Calls by method and gRPC code",
            calls.clone(),
        );
        r.register(
            "sift_rpc_latency_seconds",
            "Time to the response, by method",
            latency.clone(),
        );
        r.register(
            "sift_feedback_ingested",
            "Feedback stored, by source",
            ingested.clone(),
        );
        r.register(
            "sift_assignments",
            "How ingested feedback was assigned to requests",
            assignments.clone(),
        );
        r.register(
            "sift_calls_shed",
            "Calls refused with RESOURCE_EXHAUSTED",
            shed.clone(),
        );
        r.register(
            "sift_connections_open",
            "Connections open now, by listener",
            connections_open.clone(),
        );
        r.register(
            "sift_connections_refused",
            "Connections closed at accept: the listener was full of connections with calls in \
             flight",
            connections_refused.clone(),
        );
        r.register(
            "sift_connections_evicted",
            "Idle connections closed to admit a new one on a full listener",
            connections_evicted.clone(),
        );
        r.register(
            "sift_accept_errors",
            "Failed accepts (e.g. out of files)",
            accept_errors.clone(),
        );
        r.register(
            "sift_connections_timed_out",
            "Connections closed for sending no request in time (header) or having no calls \
             (idle)",
            connections_timed_out.clone(),
        );
        r.register(
            "sift_connections_closed_by_server",
            "Connections the server ended with an HTTP/2 error, by reason",
            connections_closed_by_server.clone(),
        );
        r.register(
            "sift_telemetry_nats_messages",
            "Telemetry messages taken from NATS JetStream and acked, by outcome: counted, \
             duplicate (an event id counted before) or rejected (malformed or invalid)",
            telemetry_nats.clone(),
        );
        r.register(
            "sift_ingest_commit_seconds",
            "The ingest writer's transactions, from the wait for the write lock to the commit: \
             its busy share is the sum's rate",
            ingest_commit_seconds.clone(),
        );
        r.register(
            "sift_ingest_commit_items",
            "Items (stored, duplicate or refused) per committed ingest transaction: calls and \
             import chunks that arrived together share one",
            ingest_commit_items.clone(),
        );
        Self {
            registry: r,
            calls,
            latency,
            ingested,
            assignments,
            shed,
            connections_open,
            connections_refused,
            connections_evicted,
            accept_errors,
            connections_timed_out,
            connections_closed_by_server,
            telemetry_nats,
            ingest_commit_seconds,
            ingest_commit_items,
        }
    }
}

/// The process's metrics; cheap to clone.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Inner>,
}

impl Metrics {
    /// `n` telemetry messages from NATS with this outcome (counted, duplicate or rejected).
    pub fn telemetry_nats(&self, outcome: &'static str, n: u64) {
        if n > 0 {
            self.inner
                .telemetry_nats
                .get_or_create(&NatsOutcome { outcome })
                .inc_by(n);
        }
    }

    /// One committed ingest transaction: how long it took and how many items it held.
    pub fn ingest_commit(&self, took: Duration, items: usize) {
        self.inner.ingest_commit_seconds.observe(took.as_secs_f64());
        self.inner.ingest_commit_items.observe(items as f64);
    }

    /// One finished call: its method, gRPC code name and latency.
    pub fn call(&self, method: &str, code: &str, latency: Duration) {
        let m = &self.inner;
        m.calls
            .get_or_create(&Call {
                method: method.to_owned(),
                code: code.to_owned(),
            })
            .inc();
        m.latency
            .get_or_create(&Method {
                method: method.to_owned(),
            })
            .observe(latency.as_secs_f64());
    }

    /// One stored feedback item, by source, and how it was assigned.
    pub fn ingested(&self, source: &str, assignment: &str) {
        let m = &self.inner;
        m.ingested
            .get_or_create(&Source {
                source: source.to_owned(),
            })
            .inc();
        m.assignments
            .get_or_create(&Assignment {
                outcome: assignment.to_owned(),
            })
            .inc();
    }

    pub fn shed(&self) {
        self.inner.shed.inc();
    }

    pub fn connection_opened(&self, listener: &'static str) {
        self.inner
            .connections_open
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    pub fn connection_closed(&self, listener: &'static str) {
        self.inner
            .connections_open
            .get_or_create(&ListenerLabel { listener })
            .dec();
    }

    /// A connection closed at accept because its listener was full.
    pub fn connection_refused(&self, listener: &'static str) {
        self.inner
            .connections_refused
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    /// An idle connection closed to make room for a new one on a full listener.
    pub fn connection_evicted(&self, listener: &'static str) {
        self.inner
            .connections_evicted
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    /// An accept that failed (out of file descriptors, for one).
    pub fn accept_failed(&self, listener: &'static str) {
        self.inner
            .accept_errors
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    /// A connection closed for sending no request in time (`header`) or having no calls (`idle`).
    pub fn connection_timed_out(&self, listener: &'static str, reason: &'static str) {
        self.inner
            .connections_timed_out
            .get_or_create(&Timeout { listener, reason })
            .inc();
    }

    /// A connection the server ended with an HTTP/2 GOAWAY carrying an error `reason`.
    pub fn connection_closed_by_server(&self, listener: &'static str, reason: &str) {
        self.inner
            .connections_closed_by_server
            .get_or_create(&ServerClose {
                listener,
                reason: reason.to_owned(),
            })
            .inc();
    }

    /// The exposition, with the outbox's depth and age read from the store at this scrape
    /// (left out when the store cannot answer).
    pub async fn render(&self, store: &Store) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = encode_registry(&mut out, &self.inner.registry);
        match crate::store::outbox::outbox_depth(store.db()).await {
            Ok(crate::store::outbox::OutboxDepth {
                waiting: depth,
                oldest_created_at: oldest,
            }) => {
                let age = match oldest {
                    Some(us) => (chrono::Utc::now().timestamp_micros() - us).max(0) as f64 / 1e6,
                    None => 0.0,
                };
                let mut outbox = Registry::default();
                let depth_gauge: Gauge = Gauge::default();
                depth_gauge.set(depth);
                outbox.register(
                    "sift_outbox_depth",
                    "Notifications not yet delivered",
                    depth_gauge,
                );
                let age_gauge: Gauge<f64, std::sync::atomic::AtomicU64> = Gauge::default();
                age_gauge.set(age);
                outbox.register(
                    "sift_outbox_oldest_age_seconds",
                    "Age of the oldest undelivered one",
                    age_gauge,
                );
                let _ = encode_registry(&mut out, &outbox);
            }
            Err(e) => tracing::warn!(error = %e, "metrics: outbox depth unavailable"),
        }
        let _ = encode_eof(&mut out);
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
            http::HeaderValue::from_static(CONTENT_TYPE),
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
