//! The embedding model's tests (feature `embeddings`), with the real multilingual-e5-small.
//!
//! They live in their own small test binary, not in `it`, because CI runs them optimised
//! (`cargo test --release --features embeddings --test model`): the model is too slow
//! unoptimised, and compiling all of `it` in release only to run these cost CI most of its time.
//! They share `it`'s harness and fixtures, of which they use a part.

#![cfg(feature = "embeddings")]

#[path = "it/embedding.rs"]
mod embedding;
#[allow(dead_code)]
#[path = "it/fixtures.rs"]
mod fixtures;
#[allow(dead_code)]
#[path = "it/harness.rs"]
mod harness;
