//! Clustering quality on the labelled development data, through the API, as a regression
//! guard (the evaluation command prints the full figures; see the README).

use std::path::Path;

use sift::Config;

async fn f1(file: &str) -> f64 {
    // Development data with its sources and licences in tests/data/SOURCES.md.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let lines = sift::eval::read_lines(&path, None, None).expect("data file");
    let (url, cleanup) = crate::harness::fresh_database(crate::harness::Backend::Sqlite).await;
    let result = sift::eval::evaluate(Config::for_database(url), &lines)
        .await
        .expect("evaluate");
    cleanup.run().await;
    assert_eq!(result.scores.n_items, lines.len());
    result.scores.pairwise_f1
}

#[tokio::test]
async fn chinese_dev_set_clusters_well() {
    let f = f1("xsid_zh.jsonl").await;
    assert!(f >= 0.45, "pairwise F1 {f:.3} on xsid_zh");
}

#[tokio::test]
async fn english_dev_set_clusters_well() {
    let f = f1("banking77.jsonl").await;
    assert!(f >= 0.35, "pairwise F1 {f:.3} on banking77");
}
