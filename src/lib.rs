//! Sift: customer feedback in, ranked feature requests out, and every requester told when what
//! they asked for ships.

pub mod api;
pub mod app;
pub mod cli;
pub mod client;
pub mod config;
pub mod connections;
pub mod console;
pub mod demo;
pub mod domain;
#[cfg(feature = "embeddings")]
pub mod embedding;
pub mod error;
pub mod eval;
pub mod import;
pub mod metrics;
pub mod pb;
pub mod service;
pub mod store;
pub mod telemetry;

pub use app::App;
pub use config::Config;
