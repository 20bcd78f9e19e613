//! Start-up at scale (issue 19): how long a start takes until health answers SERVING and until
//! the first `GetRankedBacklog` answer, from the clustering snapshot and from a full replay of
//! the clustering log, alternated, on one database of `--feedback` realistic tickets (the shared
//! labelled sets wrapped in help-desk boilerplate) over `--accounts` accounts.
//!
//! cargo bench --bench restart -- [--feedback 1000000] [--accounts 100000] [--runs 3]
//!     [--postgres postgres://postgres@127.0.0.1:5432] [--keep-db] [--reuse URL]
//!
//! `--reuse URL` measures an existing database (one kept with `--keep-db`) instead of filling a
//! new one. `--snapshot-only` (with `--reuse`) times only snapshot starts, and keeps the
//! database's snapshot when this build can use it instead of writing a new one. With `RUST_LOG`
//! set (e.g. `RUST_LOG=sift=debug`), the server's log shows where a start's time goes.

mod common;

use std::time::{Duration, Instant};

use sift::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
};
use sift::{App, Config};
use tokio::sync::oneshot;
use tonic::transport::Endpoint;
use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus};

fn config(url: &str, snapshot: bool) -> Config {
    let mut c = Config::for_database(url);
    c.load_snapshot = snapshot;
    // Only the preparing start writes one (at its stop); measured starts write none.
    c.snapshot_every = None;
    c
}

struct Started {
    serving: Duration,
    backlog: Duration,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    from: sift::service::snapshot::StartFrom,
    addr: std::net::SocketAddr,
}

/// Starts a server as `sift serve` does and times it until health SERVING and the first
/// backlog answer.
async fn start(config: Config) -> Started {
    let t = Instant::now();
    let app = App::build(config).await.expect("sift builds");
    let from = app.clustering_start().clone();
    let addr = app.addr();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        app.run_until(async {
            let _ = stopped.await;
        })
        .await
        .expect("sift serves");
    });
    let channel = Endpoint::from_shared(format!("http://{addr}"))
        .expect("endpoint")
        .tcp_nodelay(true)
        .connect_lazy();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
    loop {
        let status = health
            .check(HealthCheckRequest::default())
            .await
            .map(|r| r.into_inner().status);
        if matches!(status, Ok(s) if s == ServingStatus::Serving as i32) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let serving = t.elapsed();
    let _rows = PrioritizationServiceClient::new(channel)
        .get_ranked_backlog(pb::GetRankedBacklogRequest {
            page_size: 50,
            ..Default::default()
        })
        .await
        .expect("backlog")
        .into_inner()
        .rows;
    Started {
        serving,
        backlog: t.elapsed(),
        stop,
        task,
        from,
        addr,
    }
}

async fn stop(s: Started) -> Duration {
    let t = Instant::now();
    let _ = s.stop.send(());
    s.task.await.expect("server task");
    t.elapsed()
}

async fn fill(url: &str, n_feedback: usize, n_accounts: usize) {
    let mut c = config(url, false);
    c.consolidate_every = None;
    let s = start(c).await;
    let channel = common::channel(s.addr).await;
    let mut rng = common::Lcg(19);
    let mut accounts = AccountServiceClient::new(channel.clone());
    for chunk in (0..n_accounts).collect::<Vec<_>>().chunks(1_000) {
        let batch = chunk
            .iter()
            .map(|&i| common::account(i, &mut rng))
            .collect();
        accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
            .await
            .expect("accounts");
    }
    let texts = common::realistic::ticket_texts(n_feedback);
    println!("{}", common::realistic::describe(&texts));
    let mut feedback = FeedbackServiceClient::new(channel);
    let now = chrono::Utc::now().timestamp();
    let t = Instant::now();
    let mut done = 0;
    while done < n_feedback {
        let size = (n_feedback - done).min(10_000);
        let items: Vec<pb::ImportFeedbackRequest> = (done..done + size)
            .map(|i| pb::ImportFeedbackRequest {
                feedback: Some(pb::FeedbackInput {
                    source: [pb::Source::Support, pb::Source::Csm][i % 2] as i32,
                    source_ref: format!("t-{i}"),
                    account_external_id: format!("acct-{}", rng.below(n_accounts)),
                    contact: None,
                    title: String::new(),
                    body: texts[i].clone(),
                    importance: rng.below(4) as i32,
                    occurred_at: Some(prost_types::Timestamp {
                        seconds: now - rng.below(365 * 86_400) as i64,
                        nanos: 0,
                    }),
                }),
            })
            .collect();
        feedback
            .import_feedback(tokio_stream::iter(items))
            .await
            .expect("import");
        done += size;
        if done % 100_000 == 0 {
            println!(
                "  {done} imported, {:.0}/s, load {}",
                done as f64 / t.elapsed().as_secs_f64(),
                common::load_average()
            );
        }
    }
    stop(s).await;
}

fn median_spread(v: &mut [Duration]) -> String {
    v.sort_unstable();
    if v.is_empty() {
        return "not run".into();
    }
    let s = |d: Duration| format!("{:.2}", d.as_secs_f64());
    format!(
        "median {} s (min {}, max {})",
        s(v[v.len() / 2]),
        s(v[0]),
        s(v[v.len() - 1])
    )
}

#[tokio::main]
async fn main() {
    let (mut n_feedback, mut n_accounts, mut runs) = (1_000_000, 100_000, 3);
    let mut postgres: Option<String> = None;
    let mut reuse: Option<String> = None;
    let mut snapshot_only = false;
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .init();
    }
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        if flag == "--snapshot-only" {
            snapshot_only = true;
            continue;
        }
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--feedback" => n_feedback = value.parse().unwrap_or(n_feedback),
            "--accounts" => n_accounts = value.parse().unwrap_or(n_accounts),
            "--runs" => runs = value.parse().unwrap_or(runs),
            "--postgres" => postgres = Some(value),
            "--reuse" => reuse = Some(value),
            _ => {}
        }
    }
    let database = match reuse {
        Some(_) => None,
        None => Some(common::fresh_database("restart", postgres.as_deref()).await),
    };
    let url = reuse
        .clone()
        .unwrap_or_else(|| database.as_ref().map(|d| d.url()).unwrap_or_default());
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "sift restart benchmark: {backend}, load {}",
        common::load_average()
    );
    if reuse.is_none() {
        let t = Instant::now();
        fill(&url, n_feedback, n_accounts).await;
        println!("filled in {:.0} s", t.elapsed().as_secs_f64());
    }
    let store = sift::store::Store::connect(&url, 1).await.expect("store");
    let usable = match sift::store::snapshot::newest(store.db()).await {
        Ok(Some(head)) => {
            head.fingerprint == sift::service::snapshot::fingerprint(&config(&url, true).clustering)
        }
        _ => false,
    };
    snapshot_only &= reuse.is_some();
    let written = if snapshot_only && usable {
        println!("using the database's snapshot");
        Duration::ZERO
    } else {
        // A start that writes the snapshot at its stop (as a rolling restart's old instance
        // does).
        let mut c = config(&url, false);
        c.snapshot_every = Some(Duration::from_secs(3600));
        let s = start(c).await;
        stop(s).await
    };
    let head = sift::store::snapshot::newest(store.db())
        .await
        .expect("newest")
        .expect("a snapshot was written at stop");
    println!(
        "snapshot at log position {}: {:.1} MB, graceful stop with the write {:.2} s",
        head.position,
        head.size_bytes as f64 / 1e6,
        written.as_secs_f64()
    );

    let (mut full_serving, mut full_backlog) = (Vec::new(), Vec::new());
    let (mut snap_serving, mut snap_backlog) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let kinds: &[bool] = if snapshot_only {
            &[true]
        } else {
            &[false, true]
        };
        for &snapshot in kinds {
            let load = common::load_average();
            let s = start(config(&url, snapshot)).await;
            println!(
                "  run {run} {}: SERVING {:.2} s, first backlog {:.2} s, load {load}, {:?}",
                if snapshot {
                    "snapshot   "
                } else {
                    "full replay"
                },
                s.serving.as_secs_f64(),
                s.backlog.as_secs_f64(),
                s.from
            );
            if snapshot {
                assert!(matches!(
                    s.from,
                    sift::service::snapshot::StartFrom::Snapshot { .. }
                ));
                snap_serving.push(s.serving);
                snap_backlog.push(s.backlog);
            } else {
                full_serving.push(s.serving);
                full_backlog.push(s.backlog);
            }
            stop(s).await;
        }
    }
    println!(
        "{backend}, {runs} runs each, load at end {}:",
        common::load_average()
    );
    println!(
        "  full replay: SERVING {}",
        median_spread(&mut full_serving)
    );
    println!(
        "  full replay: first backlog {}",
        median_spread(&mut full_backlog)
    );
    println!(
        "  snapshot:    SERVING {}",
        median_spread(&mut snap_serving)
    );
    println!(
        "  snapshot:    first backlog {}",
        median_spread(&mut snap_backlog)
    );
    if let Some(full) = full_backlog.get(full_backlog.len() / 2) {
        println!(
            "  ratio (full / snapshot, first backlog medians): {:.1}x",
            full.as_secs_f64() / snap_backlog[snap_backlog.len() / 2].as_secs_f64(),
        );
    }
    println!("  peak RSS {:.0} MiB", common::peak_rss_mb());
    drop(database);
}
