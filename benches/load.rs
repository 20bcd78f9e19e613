//! Load generator for ingest: `SubmitFeedback` with N concurrent clients (a connection each,
//! auth on) and `ImportFeedback` in streamed batches, against an in-process Sift on SQLite (a
//! fresh temp file) or PostgreSQL (`--postgres URL`, a fresh database). The text is realistic:
//! the shared labelled sets interleaved and wrapped in ticket boilerplate
//! (`common::realistic`), and each ticket names its requester (`common::requester`, 8 people
//! per account). In the same run: the ceilings it is reported against, a bare tonic
//! unary service (the standard health check) in rounds alternating with SubmitFeedback, and
//! the database's own durable-commit and group-commit ceilings (`common::ceiling`).
//!
//! cargo bench --bench load -- [--clients 32] [--seconds 10] [--rounds 3]
//!     [--import-items 200000] [--import-batch 10000] [--import-streams 2]
//!     [--postgres postgres://postgres@127.0.0.1:5432] [--keep-db]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sift::cli::client::Ch;
use sift::pb::{self, feedback_service_client::FeedbackServiceClient};

struct Args {
    clients: usize,
    seconds: u64,
    import_items: usize,
    import_batch: usize,
    import_streams: usize,
    rounds: usize,
    postgres: Option<String>,
}

fn parse_args() -> Args {
    let mut a = Args {
        clients: 32,
        seconds: 10,
        import_items: 200_000,
        import_batch: 10_000,
        import_streams: 2,
        rounds: 3,
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
            "--rounds" => a.rounds = value().parse().unwrap_or(a.rounds).max(1),
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
    secret: &str,
    clients: usize,
    seconds: u64,
    call: F,
) -> (f64, f64, f64)
where
    F: Fn(Ch, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let counter = Arc::new(AtomicU64::new(0));
    let mut channels = Vec::new();
    for _ in 0..clients {
        channels.push(common::client(addr, secret).await);
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for ch in channels {
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

/// The `n`-th item: a ticket from the shared sets, from one of 5,000 accounts.
fn item(texts: &[String], n: u64, tag: &str) -> pb::FeedbackInput {
    let now = chrono::Utc::now();
    pb::FeedbackInput {
        source: pb::Source::Support as i32,
        source_ref: format!("{tag}-{n}"),
        account_external_id: format!("acct-{}", n % 5_000),
        contact: Some(common::requester(n as usize % 5_000, n as usize)),
        title: String::new(),
        body: texts[n as usize % texts.len()].clone(),
        importance: pb::Importance::Important as i32,
        occurred_at: Some(prost_types::Timestamp {
            seconds: now.timestamp(),
            nanos: 0,
        }),
    }
}

/// A bare tonic unary service (the standard health check) on its own port: the ceiling.
async fn echo_server() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (_reporter, health) = tonic_health::server::health_reporter();
    tokio::spawn(async move {
        let _keep = _reporter;
        let incoming =
            tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
        tonic::transport::Server::builder()
            .add_service(health)
            .serve_with_incoming(incoming)
            .await
            .expect("echo serves");
    });
    addr
}

async fn echo(addr: std::net::SocketAddr, args: &Args) -> (f64, f64, f64) {
    drive(addr, "", args.clients, args.seconds, |ch, _| async move {
        let mut c = tonic_health::pb::health_client::HealthClient::new(ch);
        c.check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("check");
    })
    .await
}

/// Median and (min-max) of `v`.
fn spread(v: &[f64]) -> (f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let median = s.get(s.len() / 2).copied().unwrap_or(0.0);
    (
        median,
        s.first().copied().unwrap_or(0.0),
        s.last().copied().unwrap_or(0.0),
    )
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let database = common::fresh_database("load", args.postgres.as_deref()).await;
    let backend = if args.postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "sift ingest benchmark: {backend}, {} clients (a connection each, auth on) x {} s x {} \
         rounds, import {} items in streams of {} ({} at once); load average {}",
        args.clients,
        args.seconds,
        args.rounds,
        args.import_items,
        args.import_batch,
        args.import_streams,
        common::load_average()
    );
    let texts = common::realistic::ticket_texts(args.import_items.max(100_000));
    println!("{}", common::realistic::describe(&texts));

    // What a durable commit costs here, before anything else runs.
    let ceilings = common::ceilings(&database.url(), args.clients, Duration::from_secs(3)).await;
    ceilings.print(backend);

    let mut config = sift::Config::for_database(database.url());
    config.auth = true;
    let addr = common::spawn_sift_with(config).await;
    let secret = common::bench_token(&database.url()).await;
    let echo_addr = echo_server().await;

    // Rounds alternate echo and SubmitFeedback, so each ratio compares neighbours in time.
    let (mut echo_rates, mut submit_rates, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let sent = Arc::new(AtomicU64::new(0));
    for round in 1..=args.rounds {
        let (erps, e50, e99) = echo(echo_addr, &args).await;
        println!(
            "round {round}: echo (tonic health check) {erps:>9.0} calls/s  p50 {e50:>6.2} ms  p99 {e99:>6.2} ms"
        );
        let (texts, sent) = (texts.clone(), sent.clone());
        let (rps, p50, p99) = drive(addr, &secret, args.clients, args.seconds, move |ch, _| {
            let texts = texts.clone();
            let n = sent.fetch_add(1, Ordering::Relaxed);
            async move {
                let mut c = FeedbackServiceClient::new(ch);
                c.submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(item(&texts, n, "submit")),
                })
                .await
                .expect("submit");
            }
        })
        .await;
        println!(
            "round {round}: SubmitFeedback           {rps:>9.0} calls/s  p50 {p50:>6.2} ms  p99 {p99:>6.2} ms  \
             ({:.3} of echo, {:.3} of the group-commit ceiling, {:.3} of one-at-a-time commits)",
            rps / erps,
            rps / ceilings.group_rows_per_second,
            rps / ceilings.single.per_second,
        );
        echo_rates.push(erps);
        submit_rates.push(rps);
        ratios.push(rps / erps);
    }
    let (em, elo, ehi) = spread(&echo_rates);
    let (sm, slo, shi) = spread(&submit_rates);
    let (rm, rlo, rhi) = spread(&ratios);
    println!(
        "median of {} rounds: echo {em:.0} ({elo:.0}-{ehi:.0}) calls/s; SubmitFeedback {sm:.0} \
         ({slo:.0}-{shi:.0}) calls/s; SubmitFeedback/echo {rm:.3} ({rlo:.3}-{rhi:.3}); \
         /group-commit ceiling {:.3}; /one-at-a-time commits {:.2}",
        args.rounds,
        sm / ceilings.group_rows_per_second,
        sm / ceilings.single.per_second
    );

    // Import: several concurrent streams, each a batch of items.
    let per_stream = args.import_batch.max(1);
    let batches = args.import_items.div_ceil(per_stream);
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.import_streams.max(1) {
        let ch = common::client(addr, &secret).await;
        let (next, texts) = (next.clone(), texts.clone());
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
                        feedback: Some(item(&texts, n, "import")),
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
        "ImportFeedback              {:>9.0} items/s  per-stream p50 {b50:>6.1} ms  p99 {b99:>6.1} ms ({} items in {:.1} s; {:.3} of the group-commit ceiling)",
        items / elapsed.as_secs_f64(),
        items,
        elapsed.as_secs_f64(),
        items / elapsed.as_secs_f64() / ceilings.group_rows_per_second,
    );
    println!("load average at the end {}", common::load_average());
}
