//! Semantic similarity, measured in-process on the labelled files (feature `embeddings`):
//! model load time, embedding items/s (batches of 32 on 2 worker threads), resident memory with
//! the model loaded, and pairwise F1 of the lexical engine alone and of the hybrid decision
//! (the same `domain::semantic::assign` the placer runs) with one configuration for all files.
//! Vectors are cached in the temp dir per file so re-runs with other settings are quick.
//!
//! Then consolidation (`domain::consolidate`, as the service runs it) over each: by the terms
//! alone for the lexical engine, by terms and vectors for the hybrid one; F1 before -> after.
//!
//! cargo bench --features embeddings --bench semantic -- [--model DIR] [--noise SEED]
//!     [--shuffle SEED[,SEED...]] [FILE.jsonl ...]
//! Environment: SIFT_SEMANTIC="join,suggest,lexical_weight,floor,span" to try other settings;
//! SIFT_CONSOLIDATE="merge_auto,merge_suggest,move_fit,move_margin" for consolidation with the
//! model; SIFT_CENTER=0 compares raw (uncentred) vectors.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use sift::domain::cluster::{ClusterConfig, Clusterer, Lexical};
use sift::domain::consolidate::{
    self, ConsolidationConfig, Fix, Judge, NothingFixed, Terms, WithModel,
};
use sift::domain::evaluation as metrics;
use sift::domain::semantic::{self, SemanticConfig, SemanticIndex};
use sift::embedding::Embedder;

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
    noise: Option<u64>,
    texts: &[String],
) -> Vec<Vec<f32>> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let noise = noise.map_or_else(String::new, |n| format!("-noise{n}"));
    let cache = std::env::temp_dir().join(format!(
        "sift-semantic-{name}{noise}-{}-need.f32",
        texts.len()
    ));
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
            common::rss_mb(),
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
        common::peak_rss_mb()
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
    let mut noise = None;
    let mut shuffles: Vec<Option<u64>> = vec![None];
    while let Some(a) = args.next() {
        if a == "--model" {
            model_dir = args.next().map(PathBuf::from);
        } else if a == "--noise" {
            noise = args.next().and_then(|v| v.parse().ok());
        } else if a == "--shuffle" {
            shuffles = args
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|v| v.parse().ok())
                .collect();
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
    let mut consolidation = ConsolidationConfig::default();
    if let Ok(s) = std::env::var("SIFT_CONSOLIDATE") {
        let v: Vec<f32> = s.split(',').filter_map(|x| x.parse().ok()).collect();
        if v.len() == 4 {
            consolidation.with_model.merge_auto = v[0];
            consolidation.with_model.merge_suggest = v[1];
            consolidation.with_model.move_fit = v[2];
            consolidation.with_model.move_margin = v[3];
        }
    }
    println!("config          {config:?}");
    println!("consolidation   {consolidation:?}");
    let started = Instant::now();
    let mut model = Some(Embedder::load(&model_dir).expect("model"));
    println!(
        "model load      {:.2} s, RSS {:.0} MB (weights {:.0} MB)",
        started.elapsed().as_secs_f64(),
        common::rss_mb(),
        model.as_ref().map_or(0, Embedder::weight_bytes) as f64 / 1e6
    );
    let priors = model
        .as_ref()
        .map(|m| m.prior_means().expect("priors"))
        .unwrap_or_default();
    for file in &files {
        // Vectors are embedded (or read from the cache) in file order; each shuffle then
        // reorders texts, labels and vectors alike.
        let in_file_order = sift::eval::read_lines(file, noise, None).expect("data file");
        // The model reads each item's need, as the placer does (`semantic::model_text`).
        let texts: Vec<String> = in_file_order
            .iter()
            .map(|(t, _)| semantic::model_text(t))
            .collect();
        println!("file            {} noise {noise:?}", file.display());
        let vectors = cached(&mut model, &model_dir, file, noise, &texts);
        for &shuffle in &shuffles {
            let mut rows: Vec<(String, String, Vec<f32>)> = in_file_order
                .iter()
                .zip(&vectors)
                .map(|((t, l), v)| (t.clone(), l.clone(), v.clone()))
                .collect();
            if let Some(seed) = shuffle {
                sift::eval::shuffle_in_place(&mut rows, seed);
            }
            println!(
                "order           {}",
                shuffle.map_or("file".into(), |s| format!("shuffle {s}"))
            );
            run(&rows, &config, &consolidation, &priors);
        }
    }
}

fn consolidate_all(
    engine: &mut Clusterer,
    judge: &mut impl Judge<Lexical>,
    rows: &[(String, String, Vec<f32>)],
    config: &ConsolidationConfig,
) -> (usize, usize) {
    for d in engine.stale_docs() {
        engine.refresh_doc(d, &rows[d as usize].0);
    }
    let (mut merged, mut moved) = (0, 0);
    for _ in 0..config.rounds.max(1) {
        let before = (merged, moved);
        let requests = engine.request_ids();
        for f in consolidate::merge_pass(engine, judge, &requests, &NothingFixed, config) {
            merged += usize::from(matches!(f, Fix::Merge { .. }));
        }
        let docs: Vec<u64> = engine.assignments().into_iter().map(|(d, _)| d).collect();
        for f in consolidate::move_pass(engine, judge, &docs, &NothingFixed, config) {
            moved += usize::from(matches!(f, Fix::Move { .. }));
        }
        if (merged, moved) == before {
            break;
        }
    }
    (merged, moved)
}

fn run(
    rows: &[(String, String, Vec<f32>)],
    config: &SemanticConfig,
    consolidation: &ConsolidationConfig,
    priors: &[Vec<f32>],
) {
    let score = |engine: &Clusterer| {
        let pairs: Vec<(&str, i64)> = rows
            .iter()
            .enumerate()
            .map(|(i, (_, l, _))| (l.as_str(), engine.request_of(i as u64).unwrap_or(0) as i64))
            .collect();
        metrics::score(&pairs)
    };
    let line = |name: &str, engine: &Clusterer, secs: f64| {
        let m = score(engine);
        println!(
            "{name:<15} F1 {:.3} (P {:.3} R {:.3}), {} requests, {:.0} items/s",
            m.pairwise_f1,
            m.pairwise_precision,
            m.pairwise_recall,
            m.n_clusters,
            rows.len() as f64 / secs
        );
    };

    let started = Instant::now();
    let mut lexical = Clusterer::new(ClusterConfig::default());
    for (i, (t, _, _)) in rows.iter().enumerate() {
        lexical.assign(i as u64, t, (1_000_000 + i) as u64);
    }
    line("lexical", &lexical, started.elapsed().as_secs_f64());
    let started = Instant::now();
    let (merged, moved) = consolidate_all(&mut lexical, &mut Terms, rows, consolidation);
    line("  consolidated", &lexical, started.elapsed().as_secs_f64());
    println!("                ({merged} merged, {moved} moved)");

    let started = Instant::now();
    let mut engine = Clusterer::new(ClusterConfig::default());
    let mut index = if std::env::var("SIFT_CENTER").as_deref() == Ok("0") {
        SemanticIndex::new(384)
    } else {
        SemanticIndex::centered(384).with_prior_means(priors)
    };
    for (i, (t, _, v)) in rows.iter().enumerate() {
        semantic::assign(
            &mut engine,
            &mut index,
            config,
            i as u64,
            t,
            v,
            (1_000_000 + i) as u64,
        );
    }
    line("hybrid", &engine, started.elapsed().as_secs_f64());
    let started = Instant::now();
    let mut judge = WithModel {
        index: &mut index,
        config,
    };
    let (merged, moved) = consolidate_all(&mut engine, &mut judge, rows, consolidation);
    line("  consolidated", &engine, started.elapsed().as_secs_f64());
    println!("                ({merged} merged, {moved} moved)");
}
