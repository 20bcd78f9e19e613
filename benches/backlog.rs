//! The ranked backlog at scale: 100,000 accounts, 1,000,000 feedback items over about 50,000
//! distinct requests, on a fresh SQLite file (or `--postgres URL`). Measures `GetRankedBacklog`
//! top-50 latency warm (p50/p99 over repeated calls), `ExplainScore`, and whether keeping the
//! score inputs current costs ingest anything: import throughput with and without a client
//! polling the backlog, in the same run. Then `BacktestProfile` over the same data: 2% of the
//! accounts (all known since 400 days ago: backdated history) churn or contract in the last 180
//! days; the default profile at 180 days ago against vote count (median and spread over 5
//! calls).
//!
//! cargo bench --bench backlog -- [--accounts 100000] [--feedback 1000000] [--requests 50000]
//!     [--queries 200] [--postgres postgres://postgres@127.0.0.1:5432] [--keep-db]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Lcg, percentile_ms, word};
use sift::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient, outcome_service_client::OutcomeServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
};
use tonic::transport::Channel;

async fn import(
    client: &mut FeedbackServiceClient<Channel>,
    rng: &mut Lcg,
    vocab: &[String],
    requests: &[[usize; 5]],
    accounts: usize,
    from: usize,
    n: usize,
) -> f64 {
    let now = chrono::Utc::now().timestamp();
    let start = Instant::now();
    let mut done = 0;
    while done < n {
        let size = (n - done).min(10_000);
        let items: Vec<pb::ImportFeedbackRequest> = (0..size)
            .map(|i| {
                let r = &requests[rng.below(requests.len()).min(rng.below(requests.len()))];
                let skip = rng.below(5);
                let body: Vec<&str> = r
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != skip)
                    .map(|(_, &w)| vocab[w].as_str())
                    .collect();
                pb::ImportFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source: [pb::Source::Support, pb::Source::Csm, pb::Source::Telemetry][i % 3]
                            as i32,
                        source_ref: format!("f-{}", from + done + i),
                        account_external_id: format!("acct-{}", rng.below(accounts)),
                        contact: None,
                        title: String::new(),
                        body: format!("please {} thanks", body.join(" ")),
                        importance: (rng.below(4)) as i32,
                        occurred_at: Some(prost_types::Timestamp {
                            seconds: now - rng.below(365 * 86_400) as i64,
                            nanos: 0,
                        }),
                    }),
                }
            })
            .collect();
        let r = client
            .import_feedback(tokio_stream::iter(items))
            .await
            .expect("import");
        assert_eq!(r.into_inner().accepted as usize, size);
        done += size;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let (mut n_accounts, mut n_feedback, mut n_requests, mut n_queries) =
        (100_000, 1_000_000, 50_000, 200);
    let mut postgres: Option<String> = None;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--accounts" => n_accounts = value.parse().unwrap_or(n_accounts),
            "--feedback" => n_feedback = value.parse().unwrap_or(n_feedback),
            "--requests" => n_requests = value.parse().unwrap_or(n_requests),
            "--queries" => n_queries = value.parse().unwrap_or(n_queries),
            "--postgres" => postgres = Some(value),
            _ => {}
        }
    }
    let database = common::fresh_database("backlog", postgres.as_deref()).await;
    let addr = common::spawn_sift(database.url()).await;
    let channel: Channel = common::channel(addr).await;
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "sift backlog benchmark: {backend}, {n_accounts} accounts, {n_feedback} feedback, ~{n_requests} requests"
    );

    let mut rng = Lcg(11);
    let mut accounts = AccountServiceClient::new(channel.clone());
    let t = Instant::now();
    // Customers for more than a year (history backdated), so the backtest at 180 days ago
    // knows every account, as a CRM sync of an established customer base would.
    let known_since = prost_types::Timestamp {
        seconds: (chrono::Utc::now() - chrono::Duration::days(400)).timestamp(),
        nanos: 0,
    };
    for chunk in (0..n_accounts).collect::<Vec<_>>().chunks(1_000) {
        let batch = chunk
            .iter()
            .map(|&i| pb::AccountInput {
                effective_at: Some(known_since),
                ..common::account(i, &mut rng)
            })
            .collect();
        accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
            .await
            .expect("accounts");
    }
    println!(
        "accounts loaded          {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Each distinct request has five words of its own, phrased with four of them.
    let vocab: Vec<String> = (0..5 * n_requests).map(word).collect();
    let requests: Vec<[usize; 5]> = (0..n_requests)
        .map(|r| [5 * r, 5 * r + 1, 5 * r + 2, 5 * r + 3, 5 * r + 4])
        .collect();
    let mut feedback =
        FeedbackServiceClient::new(channel.clone()).max_decoding_message_size(64 << 20);
    let window = 50_000.min(n_feedback / 4);
    let bulk = n_feedback - 2 * window;
    let t = Instant::now();
    let bulk_rate = import(
        &mut feedback,
        &mut rng,
        &vocab,
        &requests,
        n_accounts,
        0,
        bulk,
    )
    .await;
    println!(
        "feedback loaded          {:.1} s ({bulk_rate:.0} items/s)",
        t.elapsed().as_secs_f64()
    );

    let mut backlog = PrioritizationServiceClient::new(channel.clone());
    // Warm: the first call loads the score inputs.
    let t = Instant::now();
    let first = backlog
        .get_ranked_backlog(pb::GetRankedBacklogRequest {
            page_size: 50,
            ..Default::default()
        })
        .await
        .expect("backlog")
        .into_inner();
    println!(
        "first backlog (load)     {:.0} ms, {} requests ranked",
        t.elapsed().as_secs_f64() * 1e3,
        first.total
    );

    let mut lat = Vec::new();
    for _ in 0..n_queries {
        let t = Instant::now();
        let page = backlog
            .get_ranked_backlog(pb::GetRankedBacklogRequest {
                page_size: 50,
                ..Default::default()
            })
            .await
            .expect("backlog")
            .into_inner();
        lat.push(t.elapsed());
        assert_eq!(page.rows.len(), 50.min(page.total as usize));
    }
    println!(
        "GetRankedBacklog top 50  p50 {:.2} ms  p99 {:.2} ms  ({n_queries} calls, warm)",
        percentile_ms(&mut lat, 0.5),
        percentile_ms(&mut lat, 0.99)
    );
    let top = first.rows.first().map_or(1, |r| r.request_id);
    let mut lat = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: top,
                profile: None,
                ..Default::default()
            })
            .await
            .expect("explain");
        lat.push(t.elapsed());
    }
    println!(
        "ExplainScore (top)       p50 {:.2} ms  p99 {:.2} ms",
        percentile_ms(&mut lat, 0.5),
        percentile_ms(&mut lat, 0.99)
    );

    // Ingest with nobody reading the backlog, then with a client polling it.
    let quiet = import(
        &mut feedback,
        &mut rng,
        &vocab,
        &requests,
        n_accounts,
        bulk,
        window,
    )
    .await;
    let stop = Arc::new(AtomicBool::new(false));
    let poller = {
        let stop = stop.clone();
        let mut client = backlog.clone();
        tokio::spawn(async move {
            let mut calls = 0u64;
            while !stop.load(Ordering::Relaxed) {
                client
                    .get_ranked_backlog(pb::GetRankedBacklogRequest {
                        page_size: 50,
                        ..Default::default()
                    })
                    .await
                    .expect("backlog");
                calls += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            calls
        })
    };
    let busy = import(
        &mut feedback,
        &mut rng,
        &vocab,
        &requests,
        n_accounts,
        bulk + window,
        window,
    )
    .await;
    stop.store(true, Ordering::Relaxed);
    let calls = poller.await.expect("poller");
    println!(
        "ingest {window} items        {quiet:.0} items/s alone, {busy:.0} items/s with the backlog polled ({calls} calls): {:.2}x",
        busy / quiet
    );

    // Backtest: renewals of 2% of the accounts in the last 180 days, half churned, half
    // contracted; the default profile ranked 180 days ago against vote count.
    let mut outcomes = OutcomeServiceClient::new(channel.clone());
    let today = chrono::Utc::now().date_naive();
    let losing = n_accounts / 50;
    for i in 0..losing {
        let account = rng.below(n_accounts);
        let before = 1_000_000;
        let (outcome, after) = if i % 2 == 0 {
            (pb::RenewalOutcome::Churned, 0)
        } else {
            (pb::RenewalOutcome::Contracted, 600_000)
        };
        outcomes
            .record_renewal(pb::RecordRenewalRequest {
                reference: format!("bench-{i}"),
                account_external_id: format!("acct-{account}"),
                renewed_on: (today - chrono::Days::new(1 + rng.below(179) as u64)).to_string(),
                outcome: outcome as i32,
                arr_before: before,
                arr_after: after,
            })
            .await
            .expect("renewal");
    }
    let as_of = (today - chrono::Days::new(180)).to_string();
    let mut lat = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t = Instant::now();
        let b = outcomes
            .backtest_profile(pb::BacktestProfileRequest {
                profile: String::new(),
                as_of: as_of.clone(),
                horizon_days: 180,
                against_profile: String::new(),
            })
            .await
            .expect("backtest")
            .into_inner();
        lat.push(t.elapsed());
        last = Some(b);
    }
    let b = last.unwrap_or_default();
    let share = |r: Option<&pb::BacktestRanking>| {
        r.map(|r| {
            r.captures
                .iter()
                .map(|c| format!("top {} {:.0}%", c.top, c.share * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
    };
    lat.sort();
    println!(
        "BacktestProfile          p50 {:.0} ms  min {:.0} ms  max {:.0} ms  (5 calls; {} open requests, {} accounts, {} renewals lost ARR)",
        lat[lat.len() / 2].as_secs_f64() * 1e3,
        lat[0].as_secs_f64() * 1e3,
        lat[lat.len() - 1].as_secs_f64() * 1e3,
        b.open_requests,
        b.accounts,
        b.losses.len()
    );
    println!(
        "  captured: profile {}; votes {}",
        share(b.ranking.as_ref()),
        share(b.against.as_ref())
    );
}
