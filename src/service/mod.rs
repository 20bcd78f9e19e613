//! Use cases: domain rules applied to the store inside transactions.

pub mod access;
pub mod accounts;
pub mod backlog;
pub mod clock;
pub mod clustering;
pub mod consolidation;
pub mod feedback;
pub mod ingest;
pub(crate) mod kept;
pub mod notifications;
pub mod outbox;
pub mod outcomes;
pub mod page;
pub mod past;
pub mod placement;
pub mod prioritization;
pub mod requests;
pub mod roadmap;
pub mod snapshot;
pub mod telemetry;

use std::sync::Arc;

use crate::server::config::Config;
use crate::store::Store;

/// What every use case needs.
#[derive(Clone)]
pub struct Ctx {
    pub store: Store,
    pub config: Arc<Config>,
    /// Woken after every commit that wrote notifications, so streams on this instance send
    /// them at once (streams also poll, for other instances' commits).
    pub outbox: Arc<tokio::sync::Notify>,
    pub metrics: crate::server::prometheus::Metrics,
    /// What "now" is for leases and retries (movable in tests).
    pub clock: clock::Clock,
}

/// Page size from a request: 0 means the default; at most 1,000.
pub fn page_size(requested: i32, field: &str) -> Result<u64, crate::error::AppError> {
    match requested {
        0 => Ok(100),
        1..=1000 => Ok(requested as u64),
        _ => Err(crate::error::AppError::invalid(
            field,
            "must be between 1 and 1000",
        )),
    }
}

/// A spawned task that stops when its handle is dropped before it is awaited: work the caller
/// gave up on (an earlier step failed) does not run on.
pub struct Spawned<T>(tokio::task::JoinHandle<T>);

impl<T: Send + 'static> Spawned<T> {
    pub fn new(task: impl std::future::Future<Output = T> + Send + 'static) -> Self {
        Self(tokio::spawn(task))
    }
}

impl<T> Spawned<T> {
    /// The task's output; a task that panicked is an internal error.
    pub async fn join(mut self) -> Result<T, crate::error::AppError> {
        (&mut self.0)
            .await
            .map_err(|e| crate::error::AppError::Internal(format!("task: {e}")))
    }
}

impl<T> Drop for Spawned<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
