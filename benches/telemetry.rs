//! `RecordTelemetry` throughput: N events over a realistic key space (signals x accounts x
//! users, many events per user and day) streamed by a few clients into an in-process Sift on a
//! fresh SQLite file.
//!
//! cargo bench --bench telemetry -- [--events 2000000] [--streams 2] [--users 20000] [--keep-db]

mod common;

use std::time::Instant;

use sift::pb::{self, telemetry_service_client::TelemetryServiceClient};

#[tokio::main]
async fn main() {
    let (mut events, mut streams, mut users) = (2_000_000usize, 2usize, 20_000usize);
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--events" => events = value.parse().unwrap_or(events),
            "--streams" => streams = value.parse().unwrap_or(streams),
            "--users" => users = value.parse().unwrap_or(users),
            _ => {}
        }
    }
    let database = common::fresh_database("telemetry", None).await;
    let addr = common::spawn_sift(database.url()).await;
    let channel = common::channel(addr).await;
    let mut client = TelemetryServiceClient::new(channel.clone());
    let signals: Vec<String> = (0..20).map(|i| format!("feature.{i}.failed")).collect();
    for key in &signals {
        client
            .define_signal(pb::DefineSignalRequest {
                key: key.clone(),
                description: format!("user hit limitation number {key} in the editor"),
            })
            .await
            .expect("signal");
    }
    let now = chrono::Utc::now().timestamp();
    let per_stream = events / streams.max(1);
    println!(
        "sift telemetry benchmark: SQLite, {events} events, {streams} streams, {users} users, 20 signals"
    );
    let start = Instant::now();
    let mut tasks = Vec::new();
    for s in 0..streams.max(1) {
        let mut client = TelemetryServiceClient::new(channel.clone());
        let signals = signals.clone();
        tasks.push(tokio::spawn(async move {
            let mut x: u64 = 0x9E37_79B9 + s as u64;
            let stream = tokio_stream::iter((0..per_stream).map(move |i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let r = (x >> 33) as usize;
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
                }
            }));
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
    let secs = start.elapsed().as_secs_f64();
    println!(
        "RecordTelemetry  {:.0} events/s ({accepted} events in {secs:.1} s)",
        accepted as f64 / secs
    );
}
