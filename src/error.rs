//! The application error: what went wrong, sorted by what the caller can do about it.

use sea_orm::{DbErr, RuntimeErr, sqlx};

use crate::domain::Violations;

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// The caller sent something we refuse; names each field and reason.
    #[error("invalid argument: {0}")]
    Invalid(Violations),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0} already exists")]
    AlreadyExists(String),
    #[error("{0}")]
    FailedPrecondition(String),
    /// The database (or another dependency) is unreachable or overloaded: retry later.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected state; the cause is logged, the caller sees a short message.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        let mut v = Violations::default();
        v.push(field, reason);
        AppError::Invalid(v)
    }
}

impl From<Violations> for AppError {
    fn from(v: Violations) -> Self {
        AppError::Invalid(v)
    }
}

impl From<DbErr> for AppError {
    #[track_caller]
    fn from(err: DbErr) -> Self {
        if is_outage(&err) {
            AppError::Unavailable(format!("database: {err}"))
        } else {
            let at = std::panic::Location::caller();
            AppError::Internal(format!("database: {err} (at {at})"))
        }
    }
}

/// True when the error says the database could not be reached or was too busy, as opposed to a
/// statement it rejected.
fn is_outage(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sqlx::Error::Io(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed
                | sqlx::Error::Protocol(_)
                | sqlx::Error::Tls(_) => true,
                sqlx::Error::Database(db) => {
                    let code = db.code().unwrap_or_default();
                    // PostgreSQL: connection exceptions (08...), shutdown/cannot connect (57P..),
                    // serialization and deadlock (40...); SQLite: BUSY (5) and LOCKED (6).
                    code.starts_with("08")
                        || code.starts_with("57P")
                        || code.starts_with("40")
                        || code == "5"
                        || code == "6"
                        || code.starts_with("5/")
                }
                _ => false,
            }
        }
        _ => false,
    }
}
