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
                    let dialect = if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                        Dialect::Sqlite
                    } else {
                        Dialect::Postgres
                    };
                    is_outage_code(dialect, &code)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whose error code it is: SQLite's are numbers, PostgreSQL's are SQLSTATE strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Sqlite,
    Postgres,
}

/// True when a driver's error code means "retry later" rather than "this statement is wrong".
///
/// SQLite reports extended result codes (BUSY_SNAPSHOT is 517, LOCKED_SHAREDCACHE 262): the
/// primary code is the low byte. BUSY (5) and LOCKED (6) are contention; IOERR (10), FULL (13)
/// and CANTOPEN (14) are the storage failing under us. PostgreSQL: connection exceptions (08),
/// serialization failures and deadlocks (40), insufficient resources such as too many
/// connections or a full disk (53), lock not available (55P03), and shutdown or "cannot connect
/// now" (57P).
fn is_outage_code(dialect: Dialect, code: &str) -> bool {
    const SQLITE_BUSY: i32 = 5;
    const SQLITE_LOCKED: i32 = 6;
    const SQLITE_IOERR: i32 = 10;
    const SQLITE_FULL: i32 = 13;
    const SQLITE_CANTOPEN: i32 = 14;
    match dialect {
        Dialect::Sqlite => code.trim().parse::<i32>().is_ok_and(|extended| {
            matches!(
                extended & 0xff,
                SQLITE_BUSY | SQLITE_LOCKED | SQLITE_IOERR | SQLITE_FULL | SQLITE_CANTOPEN
            )
        }),
        Dialect::Postgres => {
            code.starts_with("08")
                || code.starts_with("40")
                || code.starts_with("53")
                || code == "55P03"
                || code.starts_with("57P")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_busy_or_locked_sqlite_code_is_an_outage() {
        for (name, code) in [
            ("BUSY", 5),
            ("BUSY_RECOVERY", 261),
            ("BUSY_SNAPSHOT", 517),
            ("BUSY_TIMEOUT", 773),
            ("LOCKED", 6),
            ("LOCKED_SHAREDCACHE", 262),
            ("LOCKED_VTAB", 518),
            ("IOERR_WRITE", 778),
            ("FULL", 13),
            ("CANTOPEN", 14),
        ] {
            assert!(
                is_outage_code(Dialect::Sqlite, &code.to_string()),
                "SQLITE_{name} ({code})"
            );
        }
    }

    #[test]
    fn sqlite_statement_errors_are_not_outages() {
        // ERROR, CONSTRAINT, MISMATCH, NOTADB, and the constraint family's extended codes
        // (CHECK 275, FOREIGNKEY 787, PRIMARYKEY 1555, UNIQUE 2067): the statement is wrong.
        for code in [1, 19, 20, 26, 275, 787, 1555, 2067] {
            assert!(
                !is_outage_code(Dialect::Sqlite, &code.to_string()),
                "SQLite code {code}"
            );
        }
        assert!(!is_outage_code(Dialect::Sqlite, ""));
        assert!(!is_outage_code(Dialect::Sqlite, "5/"));
    }

    #[test]
    fn postgres_outage_classes_are_outages_and_statement_errors_are_not() {
        for code in [
            "08006", "08001", "40001", "40P01", "53300", "53100", "55P03", "57P01",
        ] {
            assert!(is_outage_code(Dialect::Postgres, code), "{code}");
        }
        for code in ["23505", "23503", "42601", "22P02", "55000"] {
            assert!(!is_outage_code(Dialect::Postgres, code), "{code}");
        }
    }

    /// A real BUSY_SNAPSHOT from SQLite (extended code 517): a read transaction that tries to
    /// write after another connection committed. It used to come out as INTERNAL.
    #[tokio::test]
    async fn a_real_sqlite_busy_snapshot_is_unavailable() {
        use sea_orm::{ConnectOptions, ConnectionTrait, Database, TransactionTrait};

        let dir = std::env::temp_dir().join(format!(
            "sift_busy_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.join("busy.db").display());
        let connect = || async {
            let mut opts = ConnectOptions::new(url.clone());
            opts.max_connections(1).sqlx_logging(false);
            Database::connect(opts).await.expect("connect")
        };
        let (a, b) = (connect().await, connect().await);
        a.execute_unprepared("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER)")
            .await
            .expect("schema");
        a.execute_unprepared("INSERT INTO t VALUES (1)")
            .await
            .expect("seed");

        let reader = a.begin().await.expect("begin");
        reader
            .execute_unprepared("SELECT count(*) FROM t")
            .await
            .expect("read snapshot");
        b.execute_unprepared("INSERT INTO t VALUES (2)")
            .await
            .expect("other writer");
        let err = reader
            .execute_unprepared("INSERT INTO t VALUES (3)")
            .await
            .expect_err("stale snapshot cannot write");
        let code = match &err {
            DbErr::Exec(RuntimeErr::SqlxError(e)) => match e.as_ref() {
                sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
                _ => None,
            },
            _ => None,
        };
        assert_eq!(code.as_deref(), Some("517"), "{err:?}");
        assert!(
            matches!(AppError::from(err), AppError::Unavailable(_)),
            "BUSY_SNAPSHOT is retryable"
        );
        drop(reader);
        let _ = std::fs::remove_dir_all(dir);
    }
}
