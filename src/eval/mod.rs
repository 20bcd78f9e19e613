//! `sift eval-clustering FILE.jsonl`: measures clustering through the public API. Every line
//! (`{"text": ..., "label": ...}`) is ingested as feedback into a fresh database by an
//! in-process server, and the requests it lands in are scored against the labels.

use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;
use tonic::transport::Endpoint;

use crate::domain::evaluation::{self as metrics, Scores};
use crate::pb::{
    self, feedback_service_client::FeedbackServiceClient,
    request_service_client::RequestServiceClient,
};
use crate::server::app::StartError;
use crate::{App, Config};

pub mod noise;

#[derive(Deserialize)]
struct Line {
    text: String,
    label: String,
}

/// What one evaluation measured.
pub struct Evaluation {
    /// Where items are after consolidation (when it ran), else where ingest put them.
    pub scores: Scores,
    /// Where ingest put them, when consolidation ran after.
    pub before_consolidation: Option<Scores>,
    pub consolidation: Option<pb::ConsolidateRequestsResponse>,
    pub seconds: f64,
    /// With the embedding model on: seconds until every item was placed (from the first call).
    pub placement_seconds: Option<f64>,
    /// The request each item is in (after consolidation, when it ran), in the order of the
    /// lines evaluated.
    pub request_of: Vec<i64>,
}

impl Evaluation {
    pub fn print(&self, name: &str) {
        let s = &self.scores;
        println!("file            {name}");
        if let (Some(b), Some(c)) = (&self.before_consolidation, &self.consolidation) {
            println!(
                "before consolidation: requests {}, pairwise P/R/F1 {:.3} / {:.3} / {:.3}",
                b.n_clusters, b.pairwise_precision, b.pairwise_recall, b.pairwise_f1
            );
            println!(
                "consolidation   {} merged, {} moved, {} merge suggestions in {:.2} s",
                c.requests_merged, c.feedback_moved, c.merge_suggestions, c.seconds
            );
        }
        println!("items           {}", s.n_items);
        println!("labels          {}", s.n_labels);
        println!("requests        {}", s.n_clusters);
        println!(
            "pairwise P/R/F1 {:.3} / {:.3} / {:.3}",
            s.pairwise_precision, s.pairwise_recall, s.pairwise_f1
        );
        println!("adjusted Rand   {:.3}", s.ari);
        println!(
            "V-measure       {:.3} (homogeneity {:.3}, completeness {:.3})",
            s.v_measure, s.homogeneity, s.completeness
        );
        println!(
            "items/s         {:.0} ({:.2} s through ImportFeedback)",
            s.n_items as f64 / self.seconds.max(1e-9),
            self.seconds
        );
        if let Some(placed) = self.placement_seconds {
            println!(
                "placed/s        {:.0} ({:.2} s until the embedding model placed every item)",
                s.n_items as f64 / placed.max(1e-9),
                placed
            );
        }
    }

    /// Which requests each label's items are in, and which labels each request holds, the
    /// `limit` largest of each (`--spreads`): where recall and precision are lost.
    pub fn print_spreads(&self, lines: &[(String, String)], limit: usize) {
        let pairs = labelled(lines, &self.request_of);
        let metrics::Spreads {
            by_label: labels,
            by_cluster: requests,
        } = metrics::spreads(&pairs);
        println!();
        println!("labels, largest first, with the requests their items are in");
        for s in labels.iter().take(limit) {
            let line = spread_line(s.key.to_string(), s, "requests", |r| format!("#{r}"));
            println!("{line}");
        }
        println!("requests, largest first, with the labels their items have");
        for s in requests.iter().take(limit) {
            let line = spread_line(format!("#{}", s.key), s, "labels", |l| l.to_string());
            println!("{line}");
        }
    }
}

/// One line of [`Evaluation::print_spreads`]: `key`, its items, and its largest parts (each
/// `name`d, with its items), the rest counted.
fn spread_line<K, O>(
    key: String,
    s: &metrics::Spread<K, O>,
    parts_are: &str,
    name: impl Fn(&O) -> String,
) -> String {
    let mut parts: Vec<String> = s
        .parts
        .iter()
        .take(SPREAD_PARTS)
        .map(|(o, n)| format!("{}: {n}", name(o)))
        .collect();
    let more = s.parts.len().saturating_sub(SPREAD_PARTS);
    if more > 0 {
        parts.push(format!("{more} more"));
    }
    format!(
        "  {key:<30} {:>6} items, {:>4} {parts_are}: {}",
        s.items,
        s.parts.len(),
        parts.join(", ")
    )
}

/// Each line's label with the request its item is in (`request_of`, in line order).
fn labelled<'a>(lines: &'a [(String, String)], request_of: &[i64]) -> Vec<(&'a str, i64)> {
    lines
        .iter()
        .map(|(_, label)| label.as_str())
        .zip(request_of.iter().copied())
        .collect()
}

/// Parts listed per label or request by [`Evaluation::print_spreads`]; the rest are counted.
const SPREAD_PARTS: usize = 6;

/// The reproducible shuffle of `--shuffle SEED`: Fisher-Yates with a 64-bit LCG, no
/// dependency. `read_lines` applies it after the noise, so the same seed orders any per-line
/// data (cached vectors, say) the same way.
pub fn shuffle_in_place<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((seed >> 33) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Reads the file; `noise` wraps each text in ticket boilerplate ([`noise::wrap`], seeded by
/// the line's position in the file), then `shuffle` reorders the lines with a fixed seed (to
/// check order effects).
pub fn read_lines(
    path: &Path,
    noise: Option<u64>,
    shuffle: Option<u64>,
) -> Result<Vec<(String, String)>, StartError> {
    let file = std::fs::File::open(path)?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let text = match noise {
            Some(seed) => noise::wrap(&l.text, seed, out.len() as u64),
            None => l.text,
        };
        out.push((text, l.label));
    }
    if let Some(seed) = shuffle {
        shuffle_in_place(&mut out, seed);
    }
    Ok(out)
}

/// Ingests `lines` through a fresh in-process server on `config`'s database and scores the
/// requests each item lands in.
pub async fn evaluate(
    config: Config,
    lines: &[(String, String)],
) -> Result<Evaluation, StartError> {
    evaluate_with(config, lines, true).await
}

/// [`evaluate`], with consolidation after ingest or without.
pub async fn evaluate_with(
    config: Config,
    lines: &[(String, String)],
    consolidate: bool,
) -> Result<Evaluation, StartError> {
    let app = App::build(config).await?;
    let addr = app.addr();
    let store = app.store().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let channel = Endpoint::from_shared(format!("http://{addr}"))?
        .tcp_nodelay(true)
        .connect()
        .await?;
    let mut client =
        FeedbackServiceClient::new(channel.clone()).max_decoding_message_size(64 << 20);
    let now = chrono::Utc::now();
    let occurred_at = Some(prost_types::Timestamp {
        seconds: now.timestamp(),
        nanos: 0,
    });
    let started = Instant::now();
    let mut request_of = Vec::with_capacity(lines.len());
    let mut ids = Vec::with_capacity(lines.len());
    let mut pending = false;
    for (chunk_no, chunk) in lines.chunks(10_000).enumerate() {
        let items: Vec<pb::ImportFeedbackRequest> = chunk
            .iter()
            .enumerate()
            .map(|(i, (text, _))| {
                let n = chunk_no * 10_000 + i;
                pb::ImportFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source: pb::Source::Support as i32,
                        source_ref: format!("eval-{n}"),
                        account_external_id: format!("eval-account-{}", n % 100),
                        contact: None,
                        title: String::new(),
                        body: text.clone(),
                        importance: pb::Importance::Unspecified as i32,
                        occurred_at,
                    }),
                }
            })
            .collect();
        let report = client
            .import_feedback(tokio_stream::iter(items))
            .await?
            .into_inner();
        if let Some(r) = report.rejections.first() {
            return Err(format!("line {} rejected: {}: {}", r.position, r.field, r.reason).into());
        }
        request_of.extend(report.items.iter().map(|o| o.request_id));
        ids.extend(report.items.iter().map(|o| o.id));
        pending |= report
            .items
            .iter()
            .any(|o| o.assignment == pb::Assignment::Pending as i32);
    }
    let ingest_seconds = started.elapsed().as_secs_f64();
    // With the embedding model on, items are placed in the background: wait for the queue to
    // drain, then read where each item landed.
    let mut placement_seconds = None;
    if pending {
        while crate::store::embeddings::queue_len(store.db()).await? > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        placement_seconds = Some(started.elapsed().as_secs_f64());
        let placed = crate::store::embeddings::all_requests(store.db()).await?;
        request_of = ids
            .iter()
            .map(|id| placed.get(id).copied().unwrap_or(0))
            .collect();
    }
    let seconds = ingest_seconds;
    let score = |request_of: &[i64]| metrics::score(&labelled(lines, request_of));
    let mut evaluation = Evaluation {
        scores: score(&request_of),
        before_consolidation: None,
        consolidation: None,
        seconds,
        placement_seconds,
        request_of,
    };
    if consolidate {
        let report = RequestServiceClient::new(channel)
            .consolidate_requests(pb::ConsolidateRequestsRequest {})
            .await?
            .into_inner();
        let now = crate::store::embeddings::all_requests(store.db()).await?;
        let after: Vec<i64> = ids
            .iter()
            .map(|id| now.get(id).copied().unwrap_or(0))
            .collect();
        evaluation.before_consolidation =
            Some(std::mem::replace(&mut evaluation.scores, score(&after)));
        evaluation.consolidation = Some(report);
        evaluation.request_of = after;
    }
    let _ = stop.send(());
    server.await??;
    Ok(evaluation)
}
