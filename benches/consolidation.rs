//! What consolidation costs (issue 15): on `--preload` realistic tickets (the shared labelled
//! sets wrapped in help-desk boilerplate, `common::realistic`) imported through ImportFeedback,
//! the first ConsolidateRequests call (the whole corpus fresh: wall time and the server
//! process's resident memory before and at its peak), then rounds that alternate `--clients`
//! SubmitFeedback clients (a connection each, auth on) alone with the same clients while
//! ConsolidateRequests runs back to back, and compares SubmitFeedback's p50, p99 and slowest
//! call between the two kinds of round: whether consolidation stalls ingest.
//!
//! cargo bench --bench consolidation -- [--preload 100000] [--clients 16] [--seconds 10]
//!     [--rounds 3] [--postgres postgres://postgres@127.0.0.1:5432] [--keep-db]

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use common::submit::{preload, print_medians, submit_round, summary};
use sift::pb::{self, request_service_client::RequestServiceClient};

async fn consolidate(ch: &sift::cli::client::Ch) -> pb::ConsolidateRequestsResponse {
    RequestServiceClient::new(ch.clone())
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await
        .expect("consolidate")
        .into_inner()
}

#[tokio::main]
async fn main() {
    let (mut preload_n, mut clients, mut seconds, mut rounds) =
        (100_000usize, 16usize, 10u64, 3usize);
    let mut postgres = None::<String>;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        let mut num = |d: usize| args.next().and_then(|v| v.parse().ok()).unwrap_or(d);
        match flag.as_str() {
            "--preload" => preload_n = num(preload_n),
            "--clients" => clients = num(clients),
            "--seconds" => seconds = num(seconds as usize) as u64,
            "--rounds" => rounds = num(rounds),
            "--postgres" => postgres = args.next(),
            _ => {}
        }
    }
    let database = common::fresh_database("consolidation", postgres.as_deref()).await;
    let url = database.url();
    let mut config = sift::Config::for_database(url.clone());
    config.auth = true;
    // The bench runs consolidation itself, in its own rounds.
    config.consolidate_every = None;
    config.snapshot_every = None;
    // A first run over a million items takes longer than a call's default limit (120 s); the
    // background schedule has none.
    config.server.call_timeout = Duration::from_secs(1_800);
    let app = sift::App::build(config).await.expect("sift builds");
    let addr = app.addr();
    tokio::spawn(async move { app.run_until(std::future::pending()).await });
    let secret = common::bench_token(&url).await;
    let setup = common::client(addr, &secret).await;
    // Consolidation on demand is a PM's call (scope `plan`), on its own connection.
    let pm_secret = {
        let store = sift::store::Store::connect(&url, 2).await.expect("store");
        sift::service::access::Tokens::new(store)
            .create("pm", &["plan".into()])
            .await
            .expect("pm token")
            .1
    };
    let pm = common::client(addr, &pm_secret).await;
    let t = Instant::now();
    preload(&setup, preload_n).await;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "consolidation: {backend}, {preload_n} realistic tickets preloaded in {:.1} s; load \
         average {}",
        t.elapsed().as_secs_f64(),
        common::load_average()
    );

    // The first run: every item is fresh.
    let before = common::rss_mb();
    let t = Instant::now();
    let r = consolidate(&pm).await;
    let first = t.elapsed();
    println!(
        "first run: {:.1} s ({:.1} s inside the server) over {} requests and {} items: {} \
         merged, {} moved, {} refreshed, {} merge suggestions, {} move candidates; resident \
         memory {:.0} MiB before, {:.0} MiB after, peak of the process {:.0} MiB; load average {}",
        first.as_secs_f64(),
        r.seconds,
        r.requests_examined,
        r.feedback_examined,
        r.requests_merged,
        r.feedback_moved,
        r.feedback_refreshed,
        r.merge_suggestions,
        r.move_candidates,
        before,
        common::rss_mb(),
        common::peak_rss_mb(),
        common::load_average()
    );

    let texts = common::realistic::ticket_texts(50_000);
    let next = Arc::new(AtomicUsize::new(preload_n));
    let mut channels = Vec::new();
    for _ in 0..clients {
        channels.push(common::client(addr, &secret).await);
    }
    let (mut quiet, mut busy) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut lat = submit_round(&channels, seconds, &texts, &next).await;
        let q = summary(&mut lat, seconds);
        // The same round with consolidation running back to back alongside.
        let runner = {
            let ch = pm.clone();
            tokio::spawn(async move {
                let mut runs = Vec::new();
                let until = Instant::now() + Duration::from_secs(seconds);
                while Instant::now() < until {
                    let t = Instant::now();
                    consolidate(&ch).await;
                    runs.push(t.elapsed());
                }
                runs
            })
        };
        let mut lat = submit_round(&channels, seconds, &texts, &next).await;
        let runs = runner.await.expect("consolidation runner");
        let b = summary(&mut lat, seconds);
        let each: Vec<String> = runs
            .iter()
            .map(|d| format!("{:.1}", d.as_secs_f64()))
            .collect();
        println!(
            "round {}: alone {:.0} calls/s p50 {:.1} ms p99 {:.1} ms max {:.0} ms | during \
             consolidation ({} runs, {} s each) {:.0} calls/s p50 {:.1} ms p99 {:.1} ms max \
             {:.0} ms | p99 ratio {:.2}, max ratio {:.2}; load average {}",
            round + 1,
            q.0,
            q.1,
            q.2,
            q.3,
            runs.len(),
            each.join("/"),
            b.0,
            b.1,
            b.2,
            b.3,
            b.2 / q.2.max(1e-9),
            b.3 / q.3.max(1e-9),
            common::load_average()
        );
        quiet.push(q);
        busy.push(b);
    }
    print_medians("consolidation", &quiet, &busy);
}
