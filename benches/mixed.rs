//! A mixed load under faults: many clients, each looping over ingest (SubmitFeedback), backlog
//! reads (GetRankedBacklog) and similarity queries (FindSimilar), with authentication on, for a
//! fixed time. Optionally PostgreSQL is stopped and restarted mid-run. At the end every
//! acknowledged write is looked up in the database.
//!
//! cargo bench --bench mixed -- [--clients 64] [--seconds 60] [--postgres URL]
//!     [--restart-postgres-at SECS]   (runs pg_ctlcluster stop / start; needs root) [--keep-db]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, Statement};
use sift::client::Ch;
use sift::pb::{
    self, feedback_service_client::FeedbackServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    request_service_client::RequestServiceClient,
};

#[derive(Default)]
struct Tally {
    latency: BTreeMap<&'static str, Vec<Duration>>,
    codes: BTreeMap<(&'static str, String), u64>,
    acked: Vec<i64>,
}

fn text(rng: &mut common::Lcg) -> String {
    let topic = rng.below(2_000);
    let words: Vec<String> = (0..6)
        .map(|k| common::word(topic * 7 + k + rng.below(2)))
        .collect();
    format!("Please add {} for our team", words.join(" "))
}

async fn client_loop(ch: Ch, id: usize, until: Instant) -> Tally {
    let mut feedback = FeedbackServiceClient::new(ch.clone());
    let mut backlog = PrioritizationServiceClient::new(ch.clone());
    let mut requests = RequestServiceClient::new(ch);
    let mut rng = common::Lcg(0x5EED + id as u64);
    let mut t = Tally::default();
    let mut n = 0usize;
    while Instant::now() < until {
        let roll = rng.below(100);
        let start = Instant::now();
        let (kind, result): (&'static str, Result<Option<i64>, tonic::Status>) = if roll < 60 {
            n += 1;
            let r = feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source: pb::Source::Support as i32,
                        source_ref: format!("mixed-{id}-{n}"),
                        account_external_id: format!("acct-{}", rng.below(500)),
                        contact: None,
                        title: String::new(),
                        body: text(&mut rng),
                        importance: 0,
                        occurred_at: Some(prost_types::Timestamp {
                            seconds: chrono::Utc::now().timestamp() - 60,
                            nanos: 0,
                        }),
                    }),
                })
                .await;
            ("SubmitFeedback", r.map(|r| Some(r.into_inner().id)))
        } else if roll < 85 {
            let r = backlog
                .get_ranked_backlog(pb::GetRankedBacklogRequest {
                    page_size: 20,
                    ..Default::default()
                })
                .await;
            ("GetRankedBacklog", r.map(|_| None))
        } else {
            let r = requests
                .find_similar(pb::FindSimilarRequest {
                    text: text(&mut rng),
                    limit: 5,
                })
                .await;
            ("FindSimilar", r.map(|_| None))
        };
        let code = match &result {
            Ok(Some(id)) => {
                t.acked.push(*id);
                "Ok".to_owned()
            }
            Ok(None) => "Ok".to_owned(),
            Err(s) => format!("{:?}", s.code()),
        };
        t.latency.entry(kind).or_default().push(start.elapsed());
        *t.codes.entry((kind, code.clone())).or_default() += 1;
        if code == "Unavailable" || code == "ResourceExhausted" {
            // Back off as a well-behaved client does.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    t
}

fn pg(cmd: &str) {
    let version = std::fs::read_dir("/etc/postgresql")
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .unwrap_or_else(|| "15".into());
    let status = std::process::Command::new("pg_ctlcluster")
        .args(["--skip-systemctl-redirect", &version, "main", cmd])
        .status();
    println!("  pg_ctlcluster {version} main {cmd}: {status:?}");
}

#[tokio::main]
async fn main() {
    let (mut clients, mut seconds) = (64usize, 60u64);
    let (mut postgres, mut restart_at) = (None::<String>, None::<u64>);
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--clients" => clients = args.next().and_then(|v| v.parse().ok()).unwrap_or(clients),
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).unwrap_or(seconds),
            "--postgres" => postgres = args.next(),
            "--restart-postgres-at" => restart_at = args.next().and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let database = common::fresh_database("mixed", postgres.as_deref()).await;
    let url = database.url();
    let mut config = sift::Config::for_database(url.clone());
    config.auth = true;
    config.db_max_connections = 16;
    let app = sift::App::build(config).await.expect("sift builds");
    let addr = app.addr();
    tokio::spawn(async move { app.run_until(std::future::pending()).await });
    let store = sift::store::Store::connect(&url, 2).await.expect("store");
    let (_, secret) = sift::service::access::Tokens::new(store)
        .create("load", &["ingest".into(), "read".into()])
        .await
        .expect("token");
    let ch = sift::client::connect(&addr.to_string(), &secret)
        .await
        .expect("connect");
    println!(
        "sift mixed load: {backend}, {clients} clients, {seconds} s, 60% SubmitFeedback / 25% \
         GetRankedBacklog / 15% FindSimilar, auth on{}",
        restart_at.map_or(String::new(), |s| format!(
            ", PostgreSQL restarted at {s} s"
        ))
    );
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|i| tokio::spawn(client_loop(ch.clone(), i, until)))
        .collect();
    if let Some(at) = restart_at {
        tokio::time::sleep(Duration::from_secs(at)).await;
        pg("stop");
        tokio::time::sleep(Duration::from_secs(5)).await;
        pg("start");
    }
    let mut all = Tally::default();
    for t in tasks {
        let t = t.await.expect("client");
        for (k, v) in t.latency {
            all.latency.entry(k).or_default().extend(v);
        }
        for (k, v) in t.codes {
            *all.codes.entry(k).or_default() += v;
        }
        all.acked.extend(t.acked);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let total: u64 = all.codes.values().sum();
    println!(
        "{:.0} calls/s in all ({total} calls in {elapsed:.1} s)",
        total as f64 / elapsed
    );
    for (kind, v) in &mut all.latency {
        let n = v.len();
        println!(
            "  {kind:<17} {:>8.0} calls/s  p50 {:>7.2} ms  p99 {:>7.2} ms",
            n as f64 / elapsed,
            common::percentile_ms(v, 0.5),
            common::percentile_ms(v, 0.99)
        );
    }
    let mut unexpected = 0;
    for ((kind, code), n) in &all.codes {
        println!("  {kind:<17} {code:<18} {n}");
        let expected = code == "Ok"
            || code == "ResourceExhausted"
            || (restart_at.is_some() && code == "Unavailable");
        if !expected {
            unexpected += n;
        }
    }
    // Every acknowledged write is in the database.
    let db = Database::connect(&url).await.expect("db");
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM feedback",
        ))
        .await
        .expect("ids");
    let stored: HashSet<i64> = rows
        .iter()
        .filter_map(|r| r.try_get_by_index::<i64>(0).ok())
        .collect();
    let lost = all.acked.iter().filter(|id| !stored.contains(id)).count();
    println!(
        "acknowledged writes: {}, lost: {lost}; unexpected errors: {unexpected}",
        all.acked.len()
    );
    assert_eq!(lost, 0, "an acknowledged write was lost");
    assert_eq!(
        unexpected, 0,
        "errors other than shedding (and UNAVAILABLE while PG was down)"
    );
}
