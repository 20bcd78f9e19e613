//! Integration tests: the real server, a real database, the generated client.

mod access;
mod accounts;
mod backlog_lock;
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
mod import;
mod kill;
mod operations;
mod outcomes;
mod outcomes_impact;
mod plans;
mod pm_cli;
mod prioritization;
mod prometheus;
mod readme;
mod release_loop;
mod release_props;
mod requests;
mod roadmap;
mod security;
mod server;
mod snapshot;
mod telemetry_nats;
mod titles;
