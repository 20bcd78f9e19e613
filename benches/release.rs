//! Closing the loop at scale: a release whose requests have N distinct requesting contacts.
//! Measures ShipRelease (all notifications written in one transaction) against PreviewRelease
//! (the same reads and rules, no writes) in the same run, then one consumer taking every
//! notification through StreamNotifications against paging them with ListNotifications, and
//! GetReleaseImpact of the shipped release (every requester explained down to its account).
//!
//! cargo bench --bench release -- [--contacts 10000] [--accounts 200] [--runs 5]
//!     [--postgres postgres://...] [--keep-db]
//!
//! `--accounts 10000` puts each of 10,000 requesters in an account of its own: the release
//! impact of 10,000 requesting accounts.

mod common;

use std::time::{Duration, Instant};

use sift::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    notification_service_client::NotificationServiceClient,
    outcome_service_client::OutcomeServiceClient, roadmap_service_client::RoadmapServiceClient,
};
use tonic::transport::Channel;

const ASKS: [&str; 5] = [
    "Please add PDF export for the weekly report",
    "Dark mode for the dashboard would be great",
    "Single sign-on with Okta for our whole team",
    "Bulk edit of tags on many tickets at once",
    "Slack notifications when an invoice is overdue",
];

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// N contacts over `n_accounts` accounts (one in 20 KEY), one ask each; returns the request
/// ids.
async fn seed(channel: &Channel, contacts: usize, n_accounts: usize, run: usize) -> Vec<i64> {
    let mut accounts = AccountServiceClient::new(channel.clone());
    for chunk in (0..n_accounts).collect::<Vec<usize>>().chunks(1_000) {
        accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: chunk
                    .iter()
                    .map(|i| pb::AccountInput {
                        external_id: format!("r{run}-acct-{i}"),
                        name: Some(format!("Account {i}")),
                        arr: Some(if i % 20 == 0 { 50_000_000 } else { 1_000_000 }),
                        csm_email: Some("csm@vendor.example".into()),
                        ..Default::default()
                    })
                    .collect(),
            })
            .await
            .expect("accounts");
    }
    let now = chrono::Utc::now().timestamp();
    let items: Vec<pb::ImportFeedbackRequest> = (0..contacts)
        .map(|i| pb::ImportFeedbackRequest {
            feedback: Some(pb::FeedbackInput {
                source: pb::Source::Support as i32,
                source_ref: format!("r{run}-T-{i}"),
                account_external_id: format!("r{run}-acct-{}", i % n_accounts),
                contact: Some(pb::ContactRef {
                    email: format!("r{run}-person{i}@example.com"),
                    ..Default::default()
                }),
                title: String::new(),
                body: format!("{} (run {run})", ASKS[i % ASKS.len()]),
                importance: 0,
                occurred_at: Some(prost_types::Timestamp {
                    seconds: now - 3600,
                    nanos: 0,
                }),
            }),
        })
        .collect();
    let out = FeedbackServiceClient::new(channel.clone())
        .import_feedback(tokio_stream::iter(items))
        .await
        .expect("import")
        .into_inner();
    let mut ids: Vec<i64> = out.items.iter().map(|o| o.request_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

async fn release(roadmap: &mut RoadmapServiceClient<Channel>, run: usize, requests: &[i64]) -> i64 {
    let id = roadmap
        .create_release(pb::CreateReleaseRequest {
            version: format!("bench.{run}"),
            kind: pb::ReleaseKind::Minor as i32,
            planned_date: "2026-11-30".into(),
            summary: String::new(),
        })
        .await
        .expect("release")
        .into_inner()
        .id;
    for r in requests {
        roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: *r,
                target: Some(pb::plan_request_request::Target::ReleaseId(id)),
                actor: String::new(),
            })
            .await
            .expect("plan");
    }
    id
}

#[tokio::main]
async fn main() {
    let (mut contacts, mut runs, mut postgres) = (10_000usize, 5usize, None::<String>);
    let mut n_accounts = 200usize;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--contacts" => contacts = args.next().and_then(|v| v.parse().ok()).unwrap_or(contacts),
            "--accounts" => {
                n_accounts = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(n_accounts)
                    .max(1)
            }
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--postgres" => postgres = args.next(),
            _ => {}
        }
    }
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "sift release benchmark: {backend}, {contacts} requesting contacts in {n_accounts} accounts per release, {runs} runs"
    );

    let (mut preview_s, mut ship_s, mut written) = (Vec::new(), Vec::new(), 0);
    let (mut stream_rate, mut list_rate) = (Vec::new(), Vec::new());
    let mut impact_s = Vec::new();
    for run in 0..runs {
        // A fresh database per run: each release has exactly this run's contacts.
        // Dropped (with the database) at the end of the run.
        let database = common::fresh_database(&format!("release{run}"), postgres.as_deref()).await;
        let channel = common::channel(common::spawn_sift(database.url()).await).await;
        let mut roadmap = RoadmapServiceClient::new(channel.clone());
        let requests = seed(&channel, contacts, n_accounts, run).await;
        let release_id = release(&mut roadmap, run, &requests).await;

        let t = Instant::now();
        let preview = roadmap
            .preview_release(pb::PreviewReleaseRequest { release_id })
            .await
            .expect("preview")
            .into_inner();
        preview_s.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let shipped = roadmap
            .ship_release(pb::ShipReleaseRequest {
                release_id,
                actor: "bench".into(),
                accept_generated_titles: true,
            })
            .await
            .expect("ship")
            .into_inner();
        ship_s.push(t.elapsed().as_secs_f64());
        assert_eq!(shipped.created, preview.notifications);
        written = shipped.created;

        // Baseline: the same rows paged through a unary call.
        let mut client = NotificationServiceClient::new(channel.clone());
        let t = Instant::now();
        let (mut token, mut listed) = (String::new(), 0usize);
        loop {
            let page = client
                .list_notifications(pb::ListNotificationsRequest {
                    release_id,
                    status: 0,
                    page_size: 1000,
                    page_token: token,
                })
                .await
                .expect("list")
                .into_inner();
            listed += page.notifications.len();
            if page.next_page_token.is_empty() {
                break;
            }
            token = page.next_page_token;
        }
        list_rate.push(listed as f64 / t.elapsed().as_secs_f64());

        let deliverable = (shipped.notifications - shipped.suppressed) as usize;
        let t = Instant::now();
        let mut stream = client
            .stream_notifications(pb::StreamNotificationsRequest {
                after_cursor: 0,
                lease_seconds: 0,
                consumer: String::new(),
            })
            .await
            .expect("stream")
            .into_inner();
        let mut got = 0;
        while got < deliverable {
            let n = tokio::time::timeout(Duration::from_secs(30), stream.message())
                .await
                .expect("stream stalled")
                .expect("stream item")
                .expect("stream open");
            assert!(n.id > 0);
            got += 1;
        }
        stream_rate.push(got as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        let impact = OutcomeServiceClient::new(channel.clone())
            .get_release_impact(pb::GetReleaseImpactRequest {
                release_id,
                renewal_window_days: 0,
            })
            .await
            .expect("impact")
            .into_inner();
        impact_s.push(t.elapsed().as_secs_f64());
        let told: i64 = impact.requests.iter().map(|r| r.contacts_notified).sum();
        let requesting: i64 = impact.requests.iter().map(|r| r.requesting_accounts).sum();
        println!(
            "run {run}: GetReleaseImpact {:.3} s ({} requests, {requesting} requesting accounts, {told} contacts told)",
            impact_s[run],
            impact.requests.len()
        );
        println!(
            "run {run}: {} requests, {written} notifications: preview {:.3} s, ship {:.3} s; \
             stream {:.0}/s, list {:.0}/s",
            requests.len(),
            preview_s[run],
            ship_s[run],
            stream_rate[run],
            list_rate[run]
        );
    }
    let (p, s) = (median(&mut preview_s), median(&mut ship_s));
    let (st, li) = (median(&mut stream_rate), median(&mut list_rate));
    let spread = |v: &[f64]| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(0.0, f64::max);
        (lo, hi)
    };
    let (lo, hi) = spread(&impact_s);
    println!(
        "GetReleaseImpact ({contacts} requesting contacts in {n_accounts} accounts): median {:.3} s (min {lo:.3}, max {hi:.3}; target <= 1 s)",
        median(&mut impact_s)
    );
    println!(
        "ShipRelease ({written} notifications): median {s:.3} s (target <= 2 s); PreviewRelease {p:.3} s; ratio ship/preview {:.2}",
        s / p
    );
    println!(
        "StreamNotifications to one consumer: median {st:.0} notifications/s (target >= 20,000); ListNotifications pages {li:.0}/s; ratio {:.2}",
        st / li
    );
}
