//! Ingest with request assignment as the corpus grows: `ImportFeedback` throughput measured on
//! a window of items after the corpus reaches 10,000 and again after 1,000,000 (by default),
//! on a realistic synthetic corpus (hundreds of thousands of distinct requests, each phrased
//! many ways), against an in-process Sift on a fresh SQLite file. Prints per-item time at each
//! size, their ratio, and the peak resident memory.
//!
//! cargo bench --bench cluster -- [--sizes 10000,1000000] [--window 20000] [--requests 300000]
//!     [--keep-db]

mod common;

use std::time::Instant;

use common::Lcg;

use sift::pb::{self, feedback_service_client::FeedbackServiceClient};
use tonic::transport::Channel;

/// The vocabulary: distinct pseudo-words with a digit.
fn vocabulary(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{}{}", common::word(i), i % 10))
        .collect()
}

const FILLER: [&str; 14] = [
    "please", "we", "need", "would", "like", "to", "the", "our", "team", "can", "you", "add", "it",
    "hi",
];

struct Corpus {
    requests: Vec<Vec<usize>>,
    vocab: Vec<String>,
    rng: Lcg,
}

impl Corpus {
    fn new(distinct: usize) -> Self {
        let vocab = vocabulary(40_000);
        let mut rng = Lcg(42);
        let requests = (0..distinct)
            .map(|_| (0..5).map(|_| rng.below(vocab.len())).collect())
            .collect();
        Self {
            requests,
            vocab,
            rng: Lcg(7),
        }
    }

    /// One phrasing of a random request (popular requests more often).
    fn item(&mut self) -> String {
        let r = {
            let a = self.rng.below(self.requests.len());
            let b = self.rng.below(self.requests.len());
            a.min(b) // skewed towards low ids: some requests are asked far more often
        };
        let words = &self.requests[r];
        let mut out: Vec<&str> = Vec::new();
        for _ in 0..3 {
            out.push(FILLER[self.rng.below(FILLER.len())]);
        }
        // Four of the five content words, in a random order.
        let skip = self.rng.below(words.len());
        for (i, &w) in words.iter().enumerate() {
            if i != skip {
                let at = self.rng.below(out.len() + 1);
                out.insert(at, &self.vocab[w]);
            }
        }
        out.join(" ")
    }
}

async fn import(
    client: &mut FeedbackServiceClient<Channel>,
    corpus: &mut Corpus,
    from: usize,
    n: usize,
) {
    let now = chrono::Utc::now();
    let occurred_at = Some(prost_types::Timestamp {
        seconds: now.timestamp(),
        nanos: 0,
    });
    let mut done = 0;
    while done < n {
        let size = (n - done).min(10_000);
        let items: Vec<pb::ImportFeedbackRequest> = (0..size)
            .map(|i| pb::ImportFeedbackRequest {
                feedback: Some(pb::FeedbackInput {
                    source: pb::Source::Telemetry as i32,
                    source_ref: format!("c-{}", from + done + i),
                    account_external_id: format!("acct-{}", (from + done + i) % 10_000),
                    contact: None,
                    title: String::new(),
                    body: corpus.item(),
                    importance: pb::Importance::Unspecified as i32,
                    occurred_at,
                }),
            })
            .collect();
        let report = client
            .import_feedback(tokio_stream::iter(items))
            .await
            .expect("import");
        assert_eq!(report.into_inner().accepted as usize, size);
        done += size;
    }
}

#[tokio::main]
async fn main() {
    let mut sizes = vec![10_000usize, 1_000_000];
    let mut window = 20_000usize;
    let mut distinct = 300_000usize;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--sizes" => sizes = value.split(',').filter_map(|s| s.parse().ok()).collect(),
            "--window" => window = value.parse().unwrap_or(window),
            "--requests" => distinct = value.parse().unwrap_or(distinct),
            _ => {}
        }
    }
    let database = common::fresh_database("cluster", None).await;
    let addr = common::spawn_sift(database.url()).await;
    let channel = common::channel(addr).await;
    let mut client = FeedbackServiceClient::new(channel).max_decoding_message_size(64 << 20);
    let mut corpus = Corpus::new(distinct);
    println!(
        "sift clustering ingest benchmark: SQLite, {distinct} distinct requests, window {window}"
    );
    let mut loaded = 0usize;
    let mut first: Option<f64> = None;
    for size in sizes {
        let t = Instant::now();
        import(&mut client, &mut corpus, loaded, size - loaded.min(size)).await;
        let fill = t.elapsed().as_secs_f64();
        loaded = loaded.max(size);
        let t = Instant::now();
        import(&mut client, &mut corpus, loaded, window).await;
        let secs = t.elapsed().as_secs_f64();
        loaded += window;
        let per_item_us = secs * 1e6 / window as f64;
        let ratio = first.map_or(1.0, |f| per_item_us / f);
        first.get_or_insert(per_item_us);
        println!(
            "corpus {size:>9}: {:>7.0} items/s  {per_item_us:>6.1} us/item  ({ratio:.2}x the first)  fill {fill:.1} s  peak RSS {:.0} MB",
            window as f64 / secs,
            common::peak_rss_mb()
        );
    }
}
