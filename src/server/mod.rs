//! The server process: its configuration, wiring and life (`App`), how its listeners take
//! connections, the logging and load shedding around every RPC, and its Prometheus metrics.

pub mod app;
pub mod config;
pub mod connections;
pub mod logging;
pub mod prometheus;
