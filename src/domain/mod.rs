//! Pure domain logic: no gRPC, database or async runtime types. Time and configuration are
//! parameters, so everything here is tested directly.

pub mod access;
pub mod account;
pub mod backtest;
pub mod boilerplate;
pub mod cluster;
pub mod cluster_log;
pub mod consolidate;
pub mod evaluation;
pub mod feedback;
pub mod neutralise;
pub mod notify;
pub mod outcome;
pub mod recurring;
pub mod roadmap;
pub mod scoring;
pub mod semantic;
pub mod suggestion;
pub mod text;
pub mod time;
pub mod title;
pub mod validation;

pub use validation::{Violation, Violations};
