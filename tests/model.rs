//! The embedding model's tests (feature `embeddings`), with the real multilingual-e5-small.
//!
//! They live in their own small test binary, not in `it`, so that turning the feature on
//! (`cargo test --features embeddings --test model`) builds only them: CI once compiled all of
//! `it` in release to run these eight. They share `it`'s harness and fixtures, of which they
//! use a part.

#![cfg(feature = "embeddings")]

#[path = "it/embedding.rs"]
mod embedding;
#[allow(dead_code)]
#[path = "it/fixtures.rs"]
mod fixtures;
#[allow(dead_code)]
#[path = "it/harness.rs"]
mod harness;
