//! `RecordTelemetry` throughput: N events over a realistic key space (signals x accounts x
//! users, many events per user and day) streamed by a few clients into an in-process Sift on a
//! fresh SQLite file.
//!
//! cargo bench --bench telemetry -- [--events 2000000] [--streams 2] [--users 20000] [--keep-db]
//!
//! With `--nats`, the same events with ids three ways, each `--runs` times (default 3) on a
//! fresh database, medians compared in one run: RecordTelemetry without ids (the baseline),
//! RecordTelemetry with ids (the dedupe's cost), and NATS JetStream (published with ids to a
//! stream of a `nats-server -js` the benchmark starts; timed from the first publish until every
//! event is counted in the database).
//!
//! cargo bench --bench telemetry -- --nats [--events 200000] [--runs 3] [--postgres URL]
//!   [--nats-server /usr/sbin/nats-server]

mod common;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, Statement};
use sift::pb::{self, telemetry_service_client::TelemetryServiceClient};
use tonic::transport::Channel;

struct Params {
    events: usize,
    streams: usize,
    users: usize,
}

fn signals() -> Vec<String> {
    (0..20).map(|i| format!("feature.{i}.failed")).collect()
}

/// The `i`th event of stream `s`: the same sequence for every mode.
fn event(
    x: &mut u64,
    s: usize,
    i: usize,
    users: usize,
    signals: &[String],
    now: i64,
    ids: bool,
) -> pb::TelemetryEvent {
    *x = x
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let r = (*x >> 33) as usize;
    let user = r % users;
    pb::TelemetryEvent {
        signal_key: signals[(r / users) % signals.len()].clone(),
        account_external_id: format!("acct-{}", user / 20),
        user_ref: format!("user-{user}"),
        count: 1,
        occurred_at: Some(prost_types::Timestamp {
            seconds: now - ((i % 7) as i64) * 86_400,
            nanos: 0,
        }),
        event_id: if ids {
            format!("evt-{s}-{i}")
        } else {
            String::new()
        },
    }
}

async fn define_signals(channel: Channel) {
    let mut client = TelemetryServiceClient::new(channel);
    for key in signals() {
        client
            .define_signal(pb::DefineSignalRequest {
                key: key.clone(),
                description: format!("user hit limitation number {key} in the editor"),
            })
            .await
            .expect("signal");
    }
}

/// Streams the events over `streams` RecordTelemetry calls; answers (events counted, seconds).
async fn record(channel: Channel, p: &Params, ids: bool) -> (i64, f64) {
    let now = chrono::Utc::now().timestamp();
    let per_stream = p.events / p.streams.max(1);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for s in 0..p.streams.max(1) {
        let mut client = TelemetryServiceClient::new(channel.clone());
        let signals = signals();
        let users = p.users;
        tasks.push(tokio::spawn(async move {
            let mut x: u64 = 0x9E37_79B9 + s as u64;
            let stream = tokio_stream::iter(
                (0..per_stream).map(move |i| event(&mut x, s, i, users, &signals, now, ids)),
            );
            let r = client
                .record_telemetry(stream)
                .await
                .expect("record")
                .into_inner();
            assert_eq!(r.rejected, 0);
            r.accepted
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        accepted += t.await.expect("stream");
    }
    (accepted, start.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() {
    let mut p = Params {
        events: 2_000_000,
        streams: 2,
        users: 20_000,
    };
    let (mut nats, mut runs, mut postgres) = (false, 3usize, None::<String>);
    let mut nats_server = "/usr/sbin/nats-server".to_owned();
    let mut events_given = false;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        if flag == "--nats" {
            nats = true;
            continue;
        }
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--events" => {
                p.events = value.parse().unwrap_or(p.events);
                events_given = true;
            }
            "--streams" => p.streams = value.parse().unwrap_or(p.streams),
            "--users" => p.users = value.parse().unwrap_or(p.users),
            "--runs" => runs = value.parse().unwrap_or(runs).max(1),
            "--postgres" => postgres = Some(value),
            "--nats-server" => nats_server = value,
            _ => {}
        }
    }
    if nats {
        if !events_given {
            p.events = 200_000;
        }
        compare_with_nats(&p, runs, postgres.as_deref(), &nats_server).await;
        return;
    }
    let database = common::fresh_database("telemetry", None).await;
    let addr = common::spawn_sift(database.url()).await;
    let channel = common::channel(addr).await;
    define_signals(channel.clone()).await;
    println!(
        "sift telemetry benchmark: SQLite, {} events, {} streams, {} users, 20 signals",
        p.events, p.streams, p.users
    );
    let (accepted, secs) = record(channel, &p, false).await;
    println!(
        "RecordTelemetry  {:.0} events/s ({accepted} events in {secs:.1} s)",
        accepted as f64 / secs
    );
}

/// A `nats-server -js` of the benchmark's own (free port, temporary store), stopped on drop.
struct NatsServer {
    child: Child,
    port: u16,
    store: std::path::PathBuf,
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.store);
    }
}

impl NatsServer {
    async fn start(binary: &str) -> NatsServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let store = std::env::temp_dir().join(format!("sift_nats_bench_{}", std::process::id()));
        let child = Command::new(binary)
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
            .arg(&store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{binary}: {e} (apt-get install nats-server)"));
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        NatsServer { child, port, store }
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }
}

/// An in-process Sift that stops (its NATS consumer with it) when the sender is dropped.
async fn spawn(config: sift::Config) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let app = sift::App::build(config).await.expect("sift builds");
    let addr = app.addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        app.run_until(async {
            let _ = stopped.await;
        })
        .await
        .expect("sift serves")
    });
    (addr, stop)
}

/// Events counted in the database (the sum of the daily aggregates).
async fn counted(db: &sea_orm::DatabaseConnection) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT CAST(COALESCE(SUM(events), 0) AS BIGINT) FROM telemetry_users",
    ))
    .await
    .expect("sum")
    .and_then(|r| r.try_get_by_index::<i64>(0).ok())
    .unwrap_or(0)
}

/// Publishes the events (with ids) to NATS while Sift consumes them; answers the seconds from
/// the first publish until all are counted, and the seconds publishing took.
async fn through_nats(nats: &NatsServer, run: usize, url: &str, p: &Params) -> (f64, f64) {
    let client = async_nats::connect(nats.url()).await.expect("nats");
    let js = async_nats::jetstream::new(client);
    let subject = format!("bench{run}.events");
    js.create_stream(async_nats::jetstream::stream::Config {
        name: format!("BENCH{run}"),
        subjects: vec![format!("bench{run}.>")],
        ..Default::default()
    })
    .await
    .expect("stream");
    let mut config = sift::Config::for_database(url);
    config.telemetry.nats = Some(sift::server::config::NatsTelemetry {
        url: nats.url(),
        subject: subject.clone(),
        durable: "sift-telemetry".into(),
    });
    let (addr, stop) = spawn(config).await;
    define_signals(common::channel(addr).await).await;
    let db = Database::connect(url).await.expect("db");
    let now = chrono::Utc::now().timestamp();
    let signals = signals();
    let per_stream = p.events / p.streams.max(1);
    let total = (per_stream * p.streams.max(1)) as i64;
    let start = Instant::now();
    let publisher = {
        let js = js.clone();
        let streams = p.streams.max(1);
        let users = p.users;
        tokio::spawn(async move {
            // Acks awaited a window at a time: the publisher keeps the stream fed.
            let mut acks = Vec::with_capacity(1_000);
            for s in 0..streams {
                let mut x: u64 = 0x9E37_79B9 + s as u64;
                for i in 0..per_stream {
                    let e = event(&mut x, s, i, users, &signals, now, true);
                    let at = chrono::DateTime::from_timestamp(
                        e.occurred_at.as_ref().map_or(0, |t| t.seconds),
                        0,
                    )
                    .expect("time");
                    let json = serde_json::json!({
                        "event_id": e.event_id,
                        "signal_key": e.signal_key,
                        "account_external_id": e.account_external_id,
                        "user_ref": e.user_ref,
                        "occurred_at": at.to_rfc3339(),
                    })
                    .to_string();
                    acks.push(
                        js.publish(subject.clone(), json.into())
                            .await
                            .expect("publish"),
                    );
                    if acks.len() == 1_000 {
                        for ack in acks.drain(..) {
                            ack.await.expect("publish ack");
                        }
                    }
                }
            }
            for ack in acks {
                ack.await.expect("publish ack");
            }
            start.elapsed().as_secs_f64()
        })
    };
    while counted(&db).await < total {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let secs = start.elapsed().as_secs_f64();
    let published = publisher.await.expect("publisher");
    assert_eq!(counted(&db).await, total, "every event counted once");
    drop(stop);
    db.close().await.expect("close");
    (secs, published)
}

fn summary(name: &str, events: i64, secs: &mut [f64], baseline: Option<f64>) -> f64 {
    secs.sort_by(f64::total_cmp);
    let rate = |s: f64| events as f64 / s;
    let median = rate(secs[secs.len() / 2]);
    let ratio = baseline.map_or(String::new(), |b| {
        format!(", {:.2}x the baseline", median / b)
    });
    println!(
        "{name:<34} median {:>9.0} events/s (min {:.0}, max {:.0}; {} runs{ratio})",
        median,
        rate(secs[secs.len() - 1]),
        rate(secs[0]),
        secs.len()
    );
    median
}

async fn compare_with_nats(p: &Params, runs: usize, postgres: Option<&str>, binary: &str) {
    let nats = NatsServer::start(binary).await;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "sift telemetry benchmark, gRPC and NATS: {backend}, {} events, {} streams (gRPC calls / \
         publishers in turn), {} users, 20 signals, {runs} runs each",
        p.events, p.streams, p.users
    );
    let (mut plain, mut with_ids, mut from_nats) = (Vec::new(), Vec::new(), Vec::new());
    let mut events = 0;
    for run in 0..runs {
        for ids in [false, true] {
            let database = common::fresh_database(&format!("telemetry_grpc_{run}"), postgres).await;
            let mut config = sift::Config::for_database(database.url());
            config.metrics_listen = None;
            let (addr, stop) = spawn(config).await;
            let channel = common::channel(addr).await;
            define_signals(channel.clone()).await;
            let (accepted, secs) = record(channel, p, ids).await;
            events = accepted;
            let times = if ids { &mut with_ids } else { &mut plain };
            times.push(secs);
            drop(stop);
        }
        let database = common::fresh_database(&format!("telemetry_nats_{run}"), postgres).await;
        let (secs, published) = through_nats(&nats, run, &database.url(), p).await;
        println!(
            "  run {}: NATS {:.2} s to count all (publishing took {published:.2} s)",
            run + 1,
            secs
        );
        from_nats.push(secs);
    }
    let baseline = summary(
        "RecordTelemetry, no ids (baseline)",
        events,
        &mut plain,
        None,
    );
    summary(
        "RecordTelemetry, with ids",
        events,
        &mut with_ids,
        Some(baseline),
    );
    summary(
        "NATS JetStream, with ids",
        events,
        &mut from_nats,
        Some(baseline),
    );
}
