//! Integration tests: the real server, a real database, the generated client.

mod access;
mod accounts;
mod bad_input;
mod bench_db;
mod cli;
mod connections;
mod console;
mod consolidation;
mod demo;
#[cfg(feature = "embeddings")]
mod embedding;
mod eval;
mod feedback;
mod fixtures;
mod fuzz;
mod harness;
mod kill;
mod prioritization;
mod requests;
mod roadmap;
mod security;
mod server;
