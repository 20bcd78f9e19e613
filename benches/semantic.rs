//! Semantic similarity, measured in-process on the labelled files (feature `embeddings`):
//! model load time, embedding items/s (batches of 32 on 2 worker threads), resident memory with
//! the model loaded, and pairwise F1 of the lexical engine alone and of the hybrid decision
//! (the same `domain::semantic::assign` the placer runs) with one configuration for all files.
//! Vectors are cached in the temp dir per file so re-runs with other settings are quick.
//!
//! cargo bench --features embeddings --bench semantic -- [--model DIR] [FILE.jsonl ...]
//! Environment: SIFT_SEMANTIC="join,suggest,lexical_weight,floor,span" to try other settings;
//! SIFT_CENTER=0 compares raw (uncentred) vectors.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sift::domain::cluster::{ClusterConfig, Clusterer};
use sift::domain::evaluation as metrics;
use sift::domain::semantic::{self, SemanticConfig, SemanticIndex};
use sift::embedding::Embedder;

fn rss_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn embed_all(model: &Embedder, texts: &[String]) -> Vec<Vec<f32>> {
    let chunks: Vec<&[String]> = texts.chunks(32).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<Vec<Vec<f32>>>> = vec![None; chunks.len()];
    let results = std::sync::Mutex::new(&mut out);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(chunk) = chunks.get(i) else { break };
                    let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
                    let v = model.embed(&refs).expect("embed");
                    results.lock().expect("lock")[i] = Some(v);
                }
            });
        }
    });
    out.into_iter().flat_map(|v| v.expect("chunk")).collect()
}

fn cached(
    model: &mut Option<Embedder>,
    dir: &Path,
    file: &Path,
    texts: &[String],
) -> Vec<Vec<f32>> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cache = std::env::temp_dir().join(format!("sift-semantic-{name}-{}.f32", texts.len()));
    if let Ok(bytes) = std::fs::read(&cache) {
        let floats: Vec<f32> = bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if floats.len() == texts.len() * 384 {
            println!("vectors         cached in {}", cache.display());
            return floats.chunks(384).map(<[f32]>::to_vec).collect();
        }
    }
    let model = model.get_or_insert_with(|| {
        let started = Instant::now();
        let m = Embedder::load(dir).expect("model");
        println!(
            "model load      {:.2} s, RSS {:.0} MB (weights {:.0} MB)",
            started.elapsed().as_secs_f64(),
            rss_mb("VmRSS:"),
            m.weight_bytes() as f64 / 1e6
        );
        m
    });
    let started = Instant::now();
    let vectors = embed_all(model, texts);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "embedding       {:.0} items/s ({} items, {:.1} s, 2 workers, batches of 32); peak RSS {:.0} MB",
        texts.len() as f64 / secs,
        texts.len(),
        secs,
        rss_mb("VmHWM:")
    );
    let bytes: Vec<u8> = vectors
        .iter()
        .flatten()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let _ = std::fs::write(&cache, bytes);
    vectors
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut model_dir: Option<PathBuf> =
        std::env::var_os("SIFT_EMBEDDING_MODEL").map(PathBuf::from);
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--model" {
            model_dir = args.next().map(PathBuf::from);
        } else {
            files.push(PathBuf::from(a));
        }
    }
    let model_dir = model_dir.unwrap_or_else(|| {
        PathBuf::from(std::env::var("HOME").unwrap_or_default())
            .join(".cache/sift/models/multilingual-e5-small")
    });
    if files.is_empty() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        files = vec![data.join("banking77.jsonl"), data.join("xsid_zh.jsonl")];
    }
    let mut config = SemanticConfig::default();
    if let Ok(s) = std::env::var("SIFT_SEMANTIC") {
        let v: Vec<f32> = s.split(',').filter_map(|x| x.parse().ok()).collect();
        if v.len() == 5 {
            config.join_threshold = v[0];
            config.suggest_threshold = v[1];
            config.lexical_weight = v[2];
            config.cosine_floor = v[3];
            config.cosine_span = v[4];
        }
    }
    println!("config          {config:?}");
    let started = Instant::now();
    let mut model = Some(Embedder::load(&model_dir).expect("model"));
    println!(
        "model load      {:.2} s, RSS {:.0} MB (weights {:.0} MB)",
        started.elapsed().as_secs_f64(),
        rss_mb("VmRSS:"),
        model.as_ref().map_or(0, Embedder::weight_bytes) as f64 / 1e6
    );
    let priors = model
        .as_ref()
        .map(|m| m.prior_means().expect("priors"))
        .unwrap_or_default();
    for file in &files {
        let lines = sift::eval::read_lines(file, None, None).expect("data file");
        let texts: Vec<String> = lines.iter().map(|(t, _)| t.clone()).collect();
        println!("file            {}", file.display());
        let vectors = cached(&mut model, &model_dir, file, &texts);

        let started = Instant::now();
        let mut lexical = Clusterer::new(ClusterConfig::default());
        let lex: Vec<i64> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                lexical
                    .assign(i as u64, t, (1_000_000 + i) as u64)
                    .request_id as i64
            })
            .collect();
        let lex_secs = started.elapsed().as_secs_f64();

        let started = Instant::now();
        let mut engine = Clusterer::new(ClusterConfig::default());
        let mut index = if std::env::var("SIFT_CENTER").as_deref() == Ok("0") {
            SemanticIndex::new(384)
        } else {
            SemanticIndex::centered(384).with_prior_means(&priors)
        };
        let hyb: Vec<i64> = texts
            .iter()
            .zip(&vectors)
            .enumerate()
            .map(|(i, (t, v))| {
                semantic::assign(
                    &mut engine,
                    &mut index,
                    &config,
                    i as u64,
                    t,
                    v,
                    (1_000_000 + i) as u64,
                )
                .request_id as i64
            })
            .collect();
        let hyb_secs = started.elapsed().as_secs_f64();

        let score = |assigned: &[i64]| {
            let pairs: Vec<(&str, i64)> = lines
                .iter()
                .map(|(_, l)| l.as_str())
                .zip(assigned.iter().copied())
                .collect();
            metrics::score(&pairs)
        };
        let (l, h) = (score(&lex), score(&hyb));
        println!(
            "lexical         F1 {:.3} (P {:.3} R {:.3}), {} requests, {:.0} items/s",
            l.pairwise_f1,
            l.pairwise_precision,
            l.pairwise_recall,
            l.n_clusters,
            texts.len() as f64 / lex_secs
        );
        println!(
            "hybrid          F1 {:.3} (P {:.3} R {:.3}), {} requests, {:.0} items/s placing (vectors given)",
            h.pairwise_f1,
            h.pairwise_precision,
            h.pairwise_recall,
            h.n_clusters,
            texts.len() as f64 / hyb_secs
        );
    }
}
