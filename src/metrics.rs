//! Prometheus metrics: counters and histograms kept in memory, served as text on a separate
//! HTTP port (`GET /metrics`). Small enough to need no metrics crate.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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
            out
        });
        match crate::store::roadmap::outbox_depth(store.db()).await {
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

/// Serves `GET /metrics` on `listener` until the process ends.
pub async fn serve(listener: TcpListener, metrics: Metrics, store: Store) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            continue;
        };
        let (metrics, store) = (metrics.clone(), store.clone());
        tokio::spawn(async move {
            let mut buf = vec![0u8; 4096];
            let mut len = 0;
            while len < buf.len() {
                match socket.read(&mut buf[len..]).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => len += n,
                }
                if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            let head = String::from_utf8_lossy(&buf[..len]);
            let (status, body) = if head.starts_with("GET /metrics ") {
                ("200 OK", metrics.render(&store).await)
            } else {
                ("404 Not Found", "GET /metrics\n".to_owned())
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: text/plain; version=0.0.4\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        });
    }
}
