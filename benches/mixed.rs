//! A mixed load under faults: many clients, each on its own connection, looping over ingest
//! (SubmitFeedback), backlog reads (GetRankedBacklog) and similarity queries (FindSimilar), with
//! authentication on, for a fixed time. The text is realistic (the shared sets in ticket
//! boilerplate, `common::realistic`; each ticket names its requester, `common::requester`), and
//! the database is first brought to a long-running state
//! (preloaded, accounts churned, PostgreSQL vacuumed and analysed). The echo ceiling (a bare
//! tonic health check on as many connections) is measured in the same run. Optionally
//! PostgreSQL is stopped and restarted mid-run. At the end every acknowledged write is looked
//! up in the database.
//!
//! cargo bench --bench mixed -- [--clients 64] [--seconds 60] [--preload 50000] [--postgres URL]
//!     [--restart-postgres-at SECS]   (runs pg_ctlcluster stop / start; needs root) [--keep-db]
//!     [--db-connections 16]   (Sift's pool)
//!     [--statements]   (counts the statements Sift runs during the mix, with their time)
//!     [--mix 60,25,15]   (percent SubmitFeedback, GetRankedBacklog, FindSimilar: `--mix 0,100,0`
//!                         measures the backlog alone)

mod common;

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, Statement};
use sift::cli::client::Ch;
use sift::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    request_service_client::RequestServiceClient,
};

#[derive(Default)]
struct Tally {
    latency: BTreeMap<&'static str, Vec<Duration>>,
    codes: BTreeMap<(&'static str, String), u64>,
    acked: Vec<i64>,
}

async fn client_loop(
    ch: Ch,
    id: usize,
    until: Instant,
    texts: Arc<Vec<String>>,
    next_text: Arc<AtomicUsize>,
    mix: [usize; 3],
) -> Tally {
    let mut feedback = FeedbackServiceClient::new(ch.clone());
    let mut backlog = PrioritizationServiceClient::new(ch.clone());
    let mut requests = RequestServiceClient::new(ch);
    let mut rng = common::Lcg(0x5EED + id as u64);
    let mut t = Tally::default();
    let mut n = 0usize;
    while Instant::now() < until {
        let roll = rng.below(mix.iter().sum());
        let start = Instant::now();
        let (kind, result): (&'static str, Result<Option<i64>, tonic::Status>) = if roll < mix[0] {
            n += 1;
            let account = rng.below(500);
            let r = feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source: pb::Source::Support as i32,
                        source_ref: format!("mixed-{id}-{n}"),
                        account_external_id: format!("acct-{account}"),
                        contact: Some(common::requester(account, n + id)),
                        title: String::new(),
                        body: texts[next_text.fetch_add(1, Ordering::Relaxed) % texts.len()]
                            .clone(),
                        importance: 0,
                        occurred_at: Some(prost_types::Timestamp {
                            seconds: chrono::Utc::now().timestamp() - 60,
                            nanos: 0,
                        }),
                    }),
                })
                .await;
            ("SubmitFeedback", r.map(|r| Some(r.into_inner().id)))
        } else if roll < mix[0] + mix[1] {
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
                    text: texts[rng.below(texts.len())].clone(),
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

/// Preloads `n` tickets by ImportFeedback, then churns accounts (two rounds of CRM updates to
/// every account) and, on PostgreSQL, runs VACUUM ANALYZE: the state autovacuum leaves a
/// long-running database in, not a fresh one.
async fn long_running_state(
    ch: &Ch,
    url: &str,
    texts: &[String],
    n: usize,
    postgres: bool,
) -> Duration {
    let started = Instant::now();
    let now = chrono::Utc::now().timestamp();
    common::import_feedback(ch, n, |i| pb::FeedbackInput {
        source: pb::Source::Support as i32,
        source_ref: format!("preload-{i}"),
        account_external_id: format!("acct-{}", i % 500),
        contact: Some(common::requester(i % 500, i)),
        title: String::new(),
        body: texts[i % texts.len()].clone(),
        importance: (i % 4) as i32,
        occurred_at: Some(prost_types::Timestamp {
            seconds: now - (i % (365 * 86_400)) as i64,
            nanos: 0,
        }),
    })
    .await;
    let mut accounts = AccountServiceClient::new(ch.clone());
    for round in 0..2i64 {
        let batch: Vec<pb::AccountInput> = (0..500)
            .map(|a| pb::AccountInput {
                external_id: format!("acct-{a}"),
                name: Some(format!("Account {a}")),
                arr: Some(1_000_000 + (a as i64 * 7_919 + round * 1_000) % 5_000_000),
                tier: None,
                segment: Some(["smb", "mid-market", "enterprise"][a % 3].into()),
                seats: Some(10 + (a % 300) as i32),
                renewal_date: Some("2027-06-30".into()),
                health: Some(50 + (a % 50) as i32),
                csm_email: None,
                effective_at: None,
            })
            .collect();
        accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
            .await
            .expect("accounts");
    }
    if postgres {
        let db = Database::connect(url).await.expect("db");
        db.execute_unprepared("VACUUM ANALYZE")
            .await
            .expect("vacuum analyze");
    }
    started.elapsed()
}

/// A bare tonic unary service (the standard health check) driven by `clients` connections
/// for `seconds`: the ceiling of this machine in this run.
async fn echo_ceiling(clients: usize, seconds: u64) -> (f64, f64, f64) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (reporter, health) = tonic_health::server::health_reporter();
    let server = tokio::spawn(async move {
        let _keep = reporter;
        let incoming =
            tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
        tonic::transport::Server::builder()
            .add_service(health)
            .serve_with_incoming(incoming)
            .await
            .expect("echo serves");
    });
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let ch = common::client(addr, "").await;
        tasks.push(tokio::spawn(async move {
            let mut c = tonic_health::pb::health_client::HealthClient::new(ch);
            let mut lat = Vec::new();
            while Instant::now() < until {
                let t = Instant::now();
                c.check(tonic_health::pb::HealthCheckRequest::default())
                    .await
                    .expect("check");
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let start = Instant::now();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("echo client"));
    }
    server.abort();
    let rate = all.len() as f64 / start.elapsed().as_secs_f64();
    (
        rate,
        common::percentile_ms(&mut all, 0.5),
        common::percentile_ms(&mut all, 0.99),
    )
}

#[tokio::main]
async fn main() {
    let (mut clients, mut seconds, mut preload) = (64usize, 60u64, 50_000usize);
    let (mut postgres, mut restart_at) = (None::<String>, None::<u64>);
    let mut mix = [60usize, 25, 15];
    let mut statements = false;
    let mut pool = 16u32;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--clients" => clients = args.next().and_then(|v| v.parse().ok()).unwrap_or(clients),
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).unwrap_or(seconds),
            "--preload" => preload = args.next().and_then(|v| v.parse().ok()).unwrap_or(preload),
            "--postgres" => postgres = args.next(),
            "--restart-postgres-at" => restart_at = args.next().and_then(|v| v.parse().ok()),
            "--statements" => statements = true,
            "--db-connections" => pool = args.next().and_then(|v| v.parse().ok()).unwrap_or(pool),
            "--mix" => {
                let parts: Vec<usize> = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|v| v.trim().parse().ok())
                    .collect();
                match parts[..] {
                    [s, b, f] if s + b + f > 0 => mix = [s, b, f],
                    _ => panic!(
                        "--mix takes three percentages: SubmitFeedback,GetRankedBacklog,FindSimilar"
                    ),
                }
            }
            _ => {}
        }
    }
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let texts = common::realistic::ticket_texts(preload + 100_000);
    let database = common::fresh_database("mixed", postgres.as_deref()).await;
    let url = database.url();
    let mut config = sift::Config::for_database(url.clone());
    config.auth = true;
    config.db_max_connections = pool;
    let mut app = sift::App::build(config).await.expect("sift builds");
    // Statements by their first words: how many, and their time on the connection.
    type Counts = BTreeMap<String, (u64, Duration)>;
    let counted: Arc<Mutex<Counts>> = Arc::default();
    let counting = Arc::new(AtomicBool::new(false));
    if statements {
        let (counted, counting) = (counted.clone(), counting.clone());
        app.observe_statement_times(move |stmt, took| {
            if counting.load(Ordering::Relaxed) {
                let key: String = stmt.sql.chars().take(64).collect();
                let mut c = counted.lock().unwrap_or_else(|e| e.into_inner());
                let e = c.entry(key).or_default();
                e.0 += 1;
                e.1 += took;
            }
        });
    }
    let addr = app.addr();
    tokio::spawn(async move { app.run_until(std::future::pending()).await });
    let secret = common::bench_token(&url).await;
    let setup = common::client(addr, &secret).await;
    let took = long_running_state(&setup, &url, &texts, preload, postgres.is_some()).await;
    println!(
        "{}; preloaded {preload} tickets, churned 500 accounts twice{} in {:.1} s",
        common::realistic::describe(&texts),
        if postgres.is_some() {
            ", VACUUM ANALYZE"
        } else {
            ""
        },
        took.as_secs_f64()
    );
    let (echo_rps, echo_p50, echo_p99) = echo_ceiling(clients, 10.min(seconds)).await;
    println!(
        "echo (tonic health check), {clients} connections: {echo_rps:.0} calls/s  p50 {echo_p50:.2} ms  \
         p99 {echo_p99:.2} ms; load average {}",
        common::load_average()
    );
    println!(
        "sift mixed load: {backend}, {clients} clients (a connection each), {seconds} s, {}% \
         SubmitFeedback / {}% GetRankedBacklog / {}% FindSimilar, auth on, {pool} pooled \
         connections{}",
        mix[0],
        mix[1],
        mix[2],
        restart_at.map_or(String::new(), |s| format!(
            ", PostgreSQL restarted at {s} s"
        ))
    );
    let mut channels = Vec::new();
    for _ in 0..clients {
        channels.push(common::client(addr, &secret).await);
    }
    let next_text = Arc::new(AtomicUsize::new(preload));
    counting.store(true, Ordering::Relaxed);
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = channels
        .into_iter()
        .enumerate()
        .map(|(i, ch)| {
            tokio::spawn(client_loop(
                ch,
                i,
                until,
                texts.clone(),
                next_text.clone(),
                mix,
            ))
        })
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
        "{:.0} calls/s in all ({total} calls in {elapsed:.1} s; {:.3} of echo); load average {}",
        total as f64 / elapsed,
        total as f64 / elapsed / echo_rps,
        common::load_average()
    );
    for (kind, v) in &mut all.latency {
        let n = v.len();
        let p99 = common::percentile_ms(v, 0.99);
        println!(
            "  {kind:<17} {:>8.0} calls/s  p50 {:>7.2} ms  p99 {:>7.2} ms  (p99 {:.1}x echo's)",
            n as f64 / elapsed,
            common::percentile_ms(v, 0.5),
            p99,
            p99 / echo_p99.max(1e-6)
        );
    }
    counting.store(false, Ordering::Relaxed);
    if statements {
        let c = counted.lock().unwrap_or_else(|e| e.into_inner());
        let mut rows: Vec<_> = c.iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1.1));
        let all: Duration = rows.iter().map(|r| r.1.1).sum();
        println!(
            "statements: {} in all, {:.0}/s, {:.1} s on connections ({:.1} connections busy on average)",
            rows.iter().map(|r| r.1.0).sum::<u64>(),
            rows.iter().map(|r| r.1.0).sum::<u64>() as f64 / elapsed,
            all.as_secs_f64(),
            all.as_secs_f64() / elapsed
        );
        for (sql, (n, took)) in rows.iter().take(20) {
            println!(
                "  {:>7.0}/s  mean {:>6.2} ms  {:>5.1}%  {}",
                *n as f64 / elapsed,
                took.as_secs_f64() * 1e3 / *n as f64,
                took.as_secs_f64() * 100.0 / all.as_secs_f64().max(1e-9),
                sql.replace('\n', " ")
            );
        }
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
