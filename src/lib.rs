//! Sift: customer feedback in, ranked feature requests out, and every requester told when what
//! they asked for ships.

pub mod api;
pub mod cli;
pub mod console;
pub mod demo;
pub mod domain;
#[cfg(feature = "embeddings")]
pub mod embedding;
pub mod error;
pub mod eval;
pub mod pb;
pub mod server;
pub mod service;
pub mod store;

pub use server::app::App;
pub use server::config::Config;
