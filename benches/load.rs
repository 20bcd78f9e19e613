//! Load generator for ingest: `SubmitFeedback` with N concurrent clients and `ImportFeedback` in
//! streamed batches, against an in-process Sift on SQLite (a fresh temp file) or PostgreSQL
//! (`--postgres URL`, a fresh database), and in the same run a bare tonic unary service (the
//! standard health check) on the same machine as the ceiling.
//!
//! cargo bench --bench load -- [--clients 32] [--seconds 10] [--import-items 200000]
//!     [--import-batch 10000] [--import-streams 2] [--postgres postgres://postgres@127.0.0.1:5432]
//!     [--keep-db]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sift::pb::{self, feedback_service_client::FeedbackServiceClient};
use tonic::transport::Channel;

struct Args {
    clients: usize,
    seconds: u64,
    import_items: usize,
    import_batch: usize,
    import_streams: usize,
    postgres: Option<String>,
}

fn parse_args() -> Args {
    let mut a = Args {
        clients: 32,
        seconds: 10,
        import_items: 200_000,
        import_batch: 10_000,
        import_streams: 2,
        postgres: None,
    };
    let mut it = common::bench_args();
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match flag.as_str() {
            "--clients" => a.clients = value().parse().unwrap_or(a.clients),
            "--seconds" => a.seconds = value().parse().unwrap_or(a.seconds),
            "--import-items" => a.import_items = value().parse().unwrap_or(a.import_items),
            "--import-batch" => a.import_batch = value().parse().unwrap_or(a.import_batch),
            "--import-streams" => a.import_streams = value().parse().unwrap_or(a.import_streams),
            "--postgres" => a.postgres = Some(value()),
            _ => {} // cargo bench passes --bench
        }
    }
    a
}

#[derive(Default)]
struct Latencies(Vec<Duration>);

impl Latencies {
    fn summary(&mut self, elapsed: Duration) -> (f64, f64, f64) {
        self.0.sort_unstable();
        let pct = |p: f64| {
            let i = ((self.0.len() as f64 - 1.0) * p).round() as usize;
            self.0.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
        };
        (
            self.0.len() as f64 / elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.99),
        )
    }
}

/// Runs `clients` loops of `call` for `seconds`; each client has its own connection.
async fn drive<F, Fut>(
    addr: std::net::SocketAddr,
    clients: usize,
    seconds: u64,
    call: F,
) -> (f64, f64, f64)
where
    F: Fn(Channel, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let counter = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let ch = common::channel(addr).await;
        let call = call.clone();
        let counter = counter.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while Instant::now() < deadline {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                call(ch.clone(), n).await;
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = Latencies::default();
    for t in tasks {
        all.0.extend(t.await.expect("client"));
    }
    all.summary(start.elapsed())
}

fn item(n: u64, tag: &str) -> pb::FeedbackInput {
    let now = chrono::Utc::now();
    pb::FeedbackInput {
        source: pb::Source::Support as i32,
        source_ref: format!("{tag}-{n}"),
        account_external_id: format!("acct-{}", n % 5_000),
        contact: None,
        title: "Export".into(),
        body: format!("Please let us export the weekly report as PDF, ticket {n}"),
        importance: pb::Importance::Important as i32,
        occurred_at: Some(prost_types::Timestamp {
            seconds: now.timestamp(),
            nanos: 0,
        }),
    }
}

async fn echo_baseline(args: &Args) -> (f64, f64, f64) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (_reporter, health) = tonic_health::server::health_reporter();
    tokio::spawn(async move {
        let incoming =
            tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
        tonic::transport::Server::builder()
            .add_service(health)
            .serve_with_incoming(incoming)
            .await
            .expect("echo serves");
    });
    drive(addr, args.clients, args.seconds, |ch, _| async move {
        let mut c = tonic_health::pb::health_client::HealthClient::new(ch);
        c.check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("check");
    })
    .await
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let database = common::fresh_database("load", args.postgres.as_deref()).await;
    let backend = if args.postgres.is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    println!(
        "sift ingest benchmark: {backend}, {} clients x {} s, import {} items in streams of {} ({} at once)",
        args.clients, args.seconds, args.import_items, args.import_batch, args.import_streams
    );

    let (echo_rps, echo_p50, echo_p99) = echo_baseline(&args).await;
    println!(
        "echo (tonic health check)   {echo_rps:>9.0} calls/s  p50 {echo_p50:>6.2} ms  p99 {echo_p99:>6.2} ms"
    );

    let addr = common::spawn_sift(database.url()).await;

    let (rps, p50, p99) = drive(addr, args.clients, args.seconds, |ch, n| async move {
        let mut c = FeedbackServiceClient::new(ch);
        let r = c
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(item(n, "submit")),
            })
            .await;
        r.expect("submit");
    })
    .await;
    println!(
        "SubmitFeedback              {rps:>9.0} calls/s  p50 {p50:>6.2} ms  p99 {p99:>6.2} ms  ({:.2} of echo)",
        rps / echo_rps
    );

    // Import: several concurrent streams, each a batch of items.
    let per_stream = args.import_batch.max(1);
    let batches = args.import_items.div_ceil(per_stream);
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.import_streams.max(1) {
        let ch = common::channel(addr).await;
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut client = FeedbackServiceClient::new(ch).max_decoding_message_size(64 << 20);
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed) as usize;
                if b >= batches {
                    return lat;
                }
                let first = (b * per_stream) as u64;
                let items: Vec<pb::ImportFeedbackRequest> = (first..first + per_stream as u64)
                    .map(|n| pb::ImportFeedbackRequest {
                        feedback: Some(item(n, "import")),
                    })
                    .collect();
                let t = Instant::now();
                let r = client
                    .import_feedback(tokio_stream::iter(items))
                    .await
                    .expect("import");
                assert_eq!(r.into_inner().accepted as usize, per_stream);
                lat.push(t.elapsed());
            }
        }));
    }
    let mut lat = Latencies::default();
    for t in tasks {
        lat.0.extend(t.await.expect("stream"));
    }
    let elapsed = start.elapsed();
    let items = (batches * per_stream) as f64;
    let (_, b50, b99) = lat.summary(elapsed);
    println!(
        "ImportFeedback              {:>9.0} items/s  per-stream p50 {b50:>6.1} ms  p99 {b99:>6.1} ms ({} items in {:.1} s)",
        items / elapsed.as_secs_f64(),
        items,
        elapsed.as_secs_f64()
    );
}
