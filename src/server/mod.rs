//! The server process: its configuration, wiring and life (`App`), how its listeners take
//! connections, the logging and the load shedding around every RPC, and its Prometheus metrics.

pub mod app;
pub mod config;
pub mod connections;
pub mod load_shedding;
pub mod logging;
pub mod prometheus;
