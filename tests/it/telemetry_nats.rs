//! Telemetry from NATS JetStream: each test starts its own `nats-server -js` (a free port, a
//! store folder of its own) and checks, on SQLite and PostgreSQL, that every published event is
//! counted exactly once: redeliveries and repeated ids, a NATS restart mid-stream, a Sift
//! SIGKILL mid-stream, malformed messages among good ones. With `CI` set a missing nats-server
//! fails the test; without, it is recorded as skipped.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use sift::pb;
use sift::pb::telemetry_service_client::TelemetryServiceClient;
use sift::server::config::NatsTelemetry;
use tonic::transport::Channel;

use crate::console::http;
use crate::harness::{Backend, TestApp, backends, fresh_database, skipped};

const SUBJECT: &str = "telemetry.events";
const SIGNAL: &str = "report.export.pdf";

/// The nats-server binary, or `None` (recorded as skipped; a failure under CI).
fn nats_server() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/bin".into()])
        .map(|dir| dir.join("nats-server"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but nats-server is missing (apt-get install nats-server)"
        );
        skipped(
            "NATS JetStream",
            "nats-server is not installed (apt-get install nats-server)",
        );
    }
    found
}

fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    listener.local_addr().expect("addr")
}

/// A `nats-server -js` of this test's own, on a fixed port and store folder so it can be
/// restarted with its streams.
struct Nats {
    binary: PathBuf,
    port: u16,
    store: PathBuf,
    child: Option<Child>,
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.store);
        let _ = std::fs::remove_file(self.log());
    }
}

impl Nats {
    async fn start(binary: PathBuf) -> Nats {
        let store = std::env::temp_dir().join(format!(
            "sift_nats_{}_{}",
            std::process::id(),
            free_addr().port()
        ));
        let mut nats = Nats {
            binary,
            port: free_addr().port(),
            store,
            child: None,
        };
        nats.run().await;
        nats
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    async fn run(&mut self) {
        let child = Command::new(&self.binary)
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-sd",
            ])
            .arg(&self.store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn nats-server");
        self.child = Some(child);
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("nats-server did not start on port {}", self.port);
    }

    /// SIGKILL: the server gets no chance to tidy up its store.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Where the `sift` processes of a test log (beside the store, removed with it).
    fn log(&self) -> PathBuf {
        self.store.with_extension("sift.log")
    }

    /// The log's last lines, for a failure's message.
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.log()).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    fn consumer(&self, durable: &str) -> NatsTelemetry {
        NatsTelemetry {
            url: self.url(),
            subject: SUBJECT.into(),
            durable: durable.into(),
        }
    }

    /// A JetStream context and the stream the deployment owns (Sift does not create it).
    async fn stream(&self) -> jetstream::Context {
        let client = async_nats::connect(self.url()).await.expect("nats connect");
        let js = jetstream::new(client);
        js.get_or_create_stream(jetstream::stream::Config {
            name: "TELEMETRY".into(),
            subjects: vec!["telemetry.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
        js
    }
}

/// The `i`th published event: users and days spread so the daily distinct counts mean
/// something.
fn event_json(i: usize, now: i64) -> String {
    serde_json::json!({
        "event_id": format!("evt-{i}"),
        "signal_key": SIGNAL,
        "account_external_id": format!("acct-{}", i % 7),
        "user_ref": format!("user-{}", i % 97),
        "occurred_at": chrono::DateTime::from_timestamp(now - (i % 3) as i64 * 86_400, 0)
            .expect("time")
            .to_rfc3339(),
    })
    .to_string()
}

/// Per day: (distinct users, events), as `event_json(0..n)` should leave them.
fn expected(n: usize, now: i64) -> BTreeMap<i64, (i64, i64)> {
    let mut days: BTreeMap<i64, (std::collections::BTreeSet<(usize, usize)>, i64)> =
        BTreeMap::new();
    for i in 0..n {
        let day = (now - (i % 3) as i64 * 86_400).div_euclid(86_400);
        let e = days.entry(day).or_default();
        e.0.insert((i % 7, i % 97));
        e.1 += 1;
    }
    days.into_iter()
        .map(|(d, (users, events))| (d, (users.len() as i64, events)))
        .collect()
}

/// Per day: (distinct account-users, events) as stored.
async fn counted(db: &DatabaseConnection) -> BTreeMap<i64, (i64, i64)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(day AS BIGINT), CAST(COUNT(*) AS BIGINT), CAST(SUM(events) AS BIGINT) \
             FROM telemetry_users GROUP BY day ORDER BY day",
        ))
        .await
        .expect("telemetry_users");
    rows.iter()
        .map(|r| {
            (
                r.try_get_by_index::<i64>(0).expect("day"),
                (
                    r.try_get_by_index::<i64>(1).expect("users"),
                    r.try_get_by_index::<i64>(2).expect("events"),
                ),
            )
        })
        .collect()
}

fn total(days: &BTreeMap<i64, (i64, i64)>) -> i64 {
    days.values().map(|(_, events)| events).sum()
}

/// Waits until `want` events are counted (or `limit` passes); answers what is counted.
async fn wait_for(
    db: &DatabaseConnection,
    want: i64,
    limit: Duration,
) -> BTreeMap<i64, (i64, i64)> {
    let start = Instant::now();
    loop {
        let now = counted(db).await;
        if total(&now) >= want || start.elapsed() > limit {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The durable consumer's counters, for a failure's message: whether messages still wait for
/// their redelivery (timing) or none is left (lost).
async fn consumer_state(js: &jetstream::Context) -> String {
    let consumer: Result<jetstream::consumer::PullConsumer, _> =
        match js.get_stream("TELEMETRY").await {
            Ok(stream) => stream.get_consumer("sift-telemetry").await,
            Err(e) => return format!("no stream: {e}"),
        };
    match consumer {
        Ok(mut c) => match c.info().await {
            Ok(i) => format!(
                "pending {}, ack pending {}, redelivered {}, waiting pulls {}, ack floor {}",
                i.num_pending,
                i.num_ack_pending,
                i.num_redelivered,
                i.num_waiting,
                i.ack_floor.stream_sequence
            ),
            Err(e) => format!("no info: {e}"),
        },
        Err(e) => format!("no consumer: {e}"),
    }
}

async fn define_signal(channel: Channel) {
    TelemetryServiceClient::new(channel)
        .define_signal(pb::DefineSignalRequest {
            key: SIGNAL.into(),
            description: "a user exported a report as PDF".into(),
        })
        .await
        .expect("signal");
}

/// Publishes with the publish acknowledged by JetStream, retrying through an outage (a retry
/// may store the message twice: its event id makes it count once).
async fn publish(js: &jetstream::Context, payload: String) {
    for _ in 0..600 {
        if let Ok(ack) = js.publish(SUBJECT, payload.clone().into()).await
            && tokio::time::timeout(Duration::from_secs(2), ack)
                .await
                .is_ok_and(|r| r.is_ok())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("could not publish to NATS");
}

async fn metric(addr: SocketAddr, outcome: &str) -> u64 {
    let (_, _, body) = http(addr, "GET", "/metrics", &[], b"").await;
    let body = String::from_utf8(body).expect("utf-8");
    let prefix = format!("sift_telemetry_nats_messages_total{{outcome=\"{outcome}\"}} ");
    body.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map_or(0, |v| v.trim().parse().expect("number"))
}

async fn start_sift(
    backend: Backend,
    url: &str,
    nats: &Nats,
    durable: &str,
) -> (TestApp, crate::harness::Server) {
    let consumer = nats.consumer(durable);
    TestApp::start(backend, url, move |c| {
        c.telemetry.nats = Some(consumer);
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_from_nats_count_once_and_bad_messages_do_not_stop_the_stream() {
    let Some(binary) = nats_server() else { return };
    for backend in backends() {
        let nats = Nats::start(binary.clone()).await;
        let js = nats.stream().await;
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = start_sift(backend, &url, &nats, "sift-telemetry").await;
        define_signal(app.channel.clone()).await;
        let now = chrono::Utc::now().timestamp();
        const N: usize = 300;
        for i in 0..N {
            publish(&js, event_json(i, now)).await;
            if i % 100 == 0 {
                // Among good messages: what a pipeline gets wrong. Each is acked and rejected.
                publish(&js, "{not json".into()).await;
                publish(
                    &js,
                    serde_json::json!({"signal_key": "no.such.signal", "account_external_id": "a",
                        "user_ref": "u", "occurred_at": "2026-11-30T10:00:00Z"})
                    .to_string(),
                )
                .await;
                publish(&js, serde_json::json!({"signal_key": SIGNAL}).to_string()).await;
            }
        }
        // The same events again, as a publisher retrying would send them: counted once.
        for i in 0..50 {
            publish(&js, event_json(i, now)).await;
        }
        let db = Database::connect(&url).await.expect("db");
        let days = wait_for(&db, N as i64, Duration::from_secs(60)).await;
        let metrics = app.metrics_addr.expect("metrics");
        let start = Instant::now();
        while metric(metrics, "counted").await
            + metric(metrics, "duplicate").await
            + metric(metrics, "rejected").await
            < (N + 50 + 9) as u64
            && start.elapsed() < Duration::from_secs(30)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(days, expected(N, now), "{backend:?}");
        assert_eq!(metric(metrics, "counted").await, N as u64, "{backend:?}");
        assert_eq!(metric(metrics, "duplicate").await, 50, "{backend:?}");
        assert_eq!(metric(metrics, "rejected").await, 9, "{backend:?}");

        // The same ids over gRPC (another path, or an instance that counted them and died
        // before its ack): duplicates, nothing counted again. A new id counts.
        let report = app
            .telemetry
            .clone()
            .record_telemetry(tokio_stream::iter((N - 2..=N).map(move |i| {
                let e: serde_json::Value = serde_json::from_str(&event_json(i, now)).expect("json");
                pb::TelemetryEvent {
                    signal_key: SIGNAL.into(),
                    account_external_id: e["account_external_id"].as_str().expect("a").into(),
                    user_ref: e["user_ref"].as_str().expect("u").into(),
                    count: 1,
                    occurred_at: Some(crate::fixtures::at(now - (i % 3) as i64 * 86_400)),
                    event_id: format!("evt-{i}"),
                }
            })))
            .await
            .expect("record")
            .into_inner();
        assert_eq!((report.accepted, report.duplicates), (1, 2), "{backend:?}");
        assert_eq!(counted(&db).await, expected(N + 1, now), "{backend:?}");

        // A second consumer (another durable, another instance on the same database) is
        // delivered the whole stream again, messages without an event id included: the ids
        // (the stream sequence standing in for a missing one) make it count nothing again.
        publish(
            &js,
            serde_json::json!({"signalKey": SIGNAL, "accountExternalId": "acct-x",
                "userRef": "user-x", "occurredAt": chrono::DateTime::from_timestamp(now, 0)
                .expect("time").to_rfc3339(), "count": "2"})
            .to_string(),
        )
        .await;
        let with_anonymous = wait_for(&db, N as i64 + 3, Duration::from_secs(30)).await;
        assert_eq!(total(&with_anonymous), N as i64 + 3, "{backend:?}");
        let (other, other_server) = start_sift(backend, &url, &nats, "sift-replay").await;
        let replay_metrics = other.metrics_addr.expect("metrics");
        let start = Instant::now();
        while metric(replay_metrics, "duplicate").await < (N + 50 + 1) as u64
            && start.elapsed() < Duration::from_secs(60)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(metric(replay_metrics, "counted").await, 0, "{backend:?}");
        assert_eq!(
            metric(replay_metrics, "duplicate").await,
            (N + 50 + 1) as u64,
            "{backend:?}"
        );
        assert_eq!(counted(&db).await, with_anonymous, "{backend:?}");
        other_server.stop().await;
        server.stop().await;
        db.close().await.expect("close");
        cleanup.run().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nats_restart_mid_stream_loses_nothing_and_counts_nothing_twice() {
    let Some(binary) = nats_server() else { return };
    for backend in backends() {
        let mut nats = Nats::start(binary.clone()).await;
        let js = nats.stream().await;
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = start_sift(backend, &url, &nats, "sift-telemetry").await;
        define_signal(app.channel.clone()).await;
        let db = Database::connect(&url).await.expect("db");
        let now = chrono::Utc::now().timestamp();
        const N: usize = 2_000;
        for i in 0..N / 2 {
            publish(&js, event_json(i, now)).await;
        }
        // Part of the stream is counted, then NATS dies (SIGKILL) and comes back on its store.
        let before = wait_for(&db, 1, Duration::from_secs(30)).await;
        assert!(
            total(&before) > 0,
            "{backend:?}: nothing counted before the restart"
        );
        nats.kill();
        tokio::time::sleep(Duration::from_millis(500)).await;
        nats.run().await;
        for i in N / 2..N {
            publish(&js, event_json(i, now)).await;
        }
        let days = wait_for(&db, N as i64, Duration::from_secs(90)).await;
        // Anything late would show now.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(days, expected(N, now), "{backend:?}");
        assert_eq!(counted(&db).await, expected(N, now), "{backend:?}");
        server.stop().await;
        db.close().await.expect("close");
        cleanup.run().await;
    }
}

/// The real `sift` binary, consuming from NATS.
struct Sift(Child);

impl Drop for Sift {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Sift {
    async fn start(url: &str, addr: SocketAddr, nats: &Nats) -> Sift {
        // Both runs log to one file in the NATS store folder, for a failure's message.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(nats.log())
            .expect("sift log");
        let child = Command::new(env!("CARGO_BIN_EXE_sift"))
            .args(["serve", "--no-auth", "--listen", &addr.to_string()])
            .args(["--database-url", url, "--telemetry-nats", &nats.url()])
            .args(["--telemetry-subject", SUBJECT])
            .env("SIFT_METRICS_LISTEN", "")
            .stdout(log.try_clone().expect("sift log"))
            .stderr(log)
            .spawn()
            .expect("spawn sift");
        let sift = Sift(child);
        for _ in 0..600 {
            if tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
                .expect("endpoint")
                .connect()
                .await
                .is_ok()
            {
                return sift;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("sift did not start on {addr}");
    }

    /// SIGKILL: no drain, no acks of the batch in hand.
    fn kill(mut self) {
        self.0.kill().expect("SIGKILL");
        self.0.wait().expect("reap");
    }
}

async fn publish_all(js: jetstream::Context, from: usize, to: usize, now: i64, pace: Duration) {
    for i in from..to {
        publish(&js, event_json(i, now)).await;
        if i % 200 == 199 {
            tokio::time::sleep(pace).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sift_killed_mid_stream_counts_every_event_exactly_once_after_a_restart() {
    let Some(binary) = nats_server() else { return };
    for backend in backends() {
        let nats = Nats::start(binary.clone()).await;
        let js = nats.stream().await;
        let (url, cleanup) = fresh_database(backend).await;
        // Migrated and with the signal defined by a first run.
        let addr = free_addr();
        let sift = Sift::start(&url, addr, &nats).await;
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .expect("endpoint")
            .connect()
            .await
            .expect("connect");
        define_signal(channel).await;
        let db = Database::connect(&url).await.expect("db");
        let now = chrono::Utc::now().timestamp();
        const N: usize = 6_000;
        let publisher = tokio::spawn(publish_all(
            js.clone(),
            0,
            N,
            now,
            Duration::from_millis(20),
        ));
        // Killed while the stream flows: some counted, more on the way.
        let start = Instant::now();
        loop {
            let t = total(&counted(&db).await);
            if t >= 600 || start.elapsed() > Duration::from_secs(60) {
                assert!(
                    t < N as i64,
                    "{backend:?}: all counted before the kill; nothing tested"
                );
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        sift.kill();
        let at_kill = total(&counted(&db).await);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let sift = Sift::start(&url, addr, &nats).await;
        publisher.await.expect("publisher");
        // Unacked messages come back after the ack wait (30 s), those the dead instance's
        // open pulls took after the kill too; the server looks for expired acks once per ack
        // wait, so a message can take two of them, more on a loaded machine.
        let days = wait_for(&db, N as i64, Duration::from_secs(240)).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            at_kill < N as i64,
            "{backend:?}: the kill came after the end"
        );
        assert_eq!(
            days,
            expected(N, now),
            "{backend:?}: after {:?}; the consumer: {}; sift's log ends:\n{}",
            start.elapsed(),
            consumer_state(&js).await,
            nats.log_tail()
        );
        assert_eq!(counted(&db).await, expected(N, now), "{backend:?}");
        drop(sift);
        db.close().await.expect("close");
        cleanup.run().await;
    }
}

/// The dedupe table stays bounded: ids past the retention window are forgotten (and an event
/// sent again after that counts again, as the README says).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_ids_past_their_retention_are_forgotten() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = TestApp::start(backend, &url, |c| {
            c.telemetry.event_id_retention = Duration::from_secs(86_400);
        })
        .await;
        define_signal(app.channel.clone()).await;
        let event = |id: &str| pb::TelemetryEvent {
            signal_key: SIGNAL.into(),
            account_external_id: "acct-1".into(),
            user_ref: "user-1".into(),
            count: 1,
            occurred_at: Some(crate::fixtures::now()),
            event_id: id.into(),
        };
        let send = |events: Vec<pb::TelemetryEvent>| {
            let mut client = app.telemetry.clone();
            async move {
                client
                    .record_telemetry(tokio_stream::iter(events))
                    .await
                    .expect("record")
                    .into_inner()
            }
        };
        let r = send(vec![event("a"), event("a"), event("b"), event("")]).await;
        assert_eq!((r.accepted, r.duplicates), (3, 1), "{backend:?}");
        let r = send(vec![event("a"), event("b")]).await;
        assert_eq!((r.accepted, r.duplicates), (0, 2), "{backend:?}");
        let db = Database::connect(&url).await.expect("db");
        let ids = |db: DatabaseConnection| async move {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM telemetry_event_ids",
                ))
                .await
                .expect("count")
                .expect("row");
            row.try_get_by_index::<i64>(0).expect("n")
        };
        assert_eq!(ids(db.clone()).await, 2, "{backend:?}");
        // Two days on: the next batch forgets them, so "a" counts again.
        app.clock.advance(Duration::from_secs(2 * 86_400));
        let r = send(vec![event("c")]).await;
        assert_eq!((r.accepted, r.duplicates), (1, 0), "{backend:?}");
        assert_eq!(
            ids(db.clone()).await,
            1,
            "{backend:?}: only c is remembered"
        );
        let r = send(vec![event("a")]).await;
        assert_eq!((r.accepted, r.duplicates), (1, 0), "{backend:?}");
        assert_eq!(total(&counted(&db).await), 5, "{backend:?}");
        server.stop().await;
        db.close().await.expect("close");
        cleanup.run().await;
    }
}

/// A subject no stream covers stops the start with an error that names it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subject_without_a_stream_is_refused_at_start_naming_it() {
    let Some(binary) = nats_server() else { return };
    let nats = Nats::start(binary).await;
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let mut config = sift::Config::for_database(url.as_str());
    config.telemetry.nats = Some(NatsTelemetry {
        subject: "nobody.publishes.here".into(),
        ..nats.consumer("sift-telemetry")
    });
    let err = match sift::App::build(config).await {
        Ok(_) => panic!("started without a stream"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("nobody.publishes.here"), "{err}");
    assert!(err.contains("stream"), "{err}");
    cleanup.run().await;
}
