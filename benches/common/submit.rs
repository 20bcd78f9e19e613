//! SubmitFeedback under load while something else runs (a snapshot write, consolidation):
//! the preload, the clients' rounds and their summary, shared by the pause benchmarks.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sift::cli::client::Ch;
use sift::pb::{self, feedback_service_client::FeedbackServiceClient};

/// Imports `n` realistic tickets (the shared sets in help-desk boilerplate) over 2,000
/// accounts.
pub async fn preload(ch: &Ch, n: usize) {
    let lines = super::realistic::Lines::load();
    let now = chrono::Utc::now().timestamp();
    super::import_feedback(ch, n, |i| pb::FeedbackInput {
        source: pb::Source::Support as i32,
        source_ref: format!("preload-{i}"),
        account_external_id: format!("acct-{}", i % 2_000),
        contact: None,
        title: String::new(),
        body: lines.ticket(i),
        importance: 0,
        occurred_at: Some(prost_types::Timestamp {
            seconds: now - (i % 86_400) as i64,
            nanos: 0,
        }),
    })
    .await;
}

/// SubmitFeedback from `clients` connections for `seconds`: every call's latency.
pub async fn submit_round(
    channels: &[Ch],
    seconds: u64,
    texts: &Arc<Vec<String>>,
    next: &Arc<AtomicUsize>,
) -> Vec<Duration> {
    let until = Instant::now() + Duration::from_secs(seconds);
    let tasks: Vec<_> = channels
        .iter()
        .map(|ch| {
            let (ch, texts, next) = (ch.clone(), texts.clone(), next.clone());
            tokio::spawn(async move {
                let mut c = FeedbackServiceClient::new(ch);
                let mut lat = Vec::new();
                while Instant::now() < until {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    c.submit_feedback(pb::SubmitFeedbackRequest {
                        feedback: Some(pb::FeedbackInput {
                            source: pb::Source::Support as i32,
                            source_ref: format!("pause-{n}"),
                            account_external_id: format!("acct-{}", n % 2_000),
                            contact: None,
                            title: String::new(),
                            body: texts[n % texts.len()].clone(),
                            importance: 0,
                            occurred_at: Some(prost_types::Timestamp {
                                seconds: chrono::Utc::now().timestamp() - 60,
                                nanos: 0,
                            }),
                        }),
                    })
                    .await
                    .expect("submit");
                    lat.push(t.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    all
}

/// (calls/s, p50 ms, p99 ms, slowest ms) of one round.
pub fn summary(lat: &mut [Duration], seconds: u64) -> (f64, f64, f64, f64) {
    let max = lat.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1e3);
    (
        lat.len() as f64 / seconds as f64,
        super::percentile_ms(lat, 0.5),
        super::percentile_ms(lat, 0.99),
        max,
    )
}

/// The medians over rounds of `quiet` (SubmitFeedback alone) and `busy` (beside `what`): p99
/// and the slowest call, and their ratios.
pub fn print_medians(what: &str, quiet: &[(f64, f64, f64, f64)], busy: &[(f64, f64, f64, f64)]) {
    let med = |v: &[(f64, f64, f64, f64)], f: fn(&(f64, f64, f64, f64)) -> f64| {
        let mut x: Vec<f64> = v.iter().map(f).collect();
        x.sort_by(f64::total_cmp);
        x[x.len() / 2]
    };
    println!(
        "medians of {} rounds: p99 {:.1} ms alone, {:.1} ms with {what} ({:.2}x); slowest call \
         {:.0} ms alone, {:.0} ms with {what} ({:.2}x)",
        quiet.len(),
        med(quiet, |x| x.2),
        med(busy, |x| x.2),
        med(busy, |x| x.2) / med(quiet, |x| x.2).max(1e-9),
        med(quiet, |x| x.3),
        med(busy, |x| x.3),
        med(busy, |x| x.3) / med(quiet, |x| x.3).max(1e-9),
    );
}
