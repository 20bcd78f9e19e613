//! Storage on SQLite or PostgreSQL through sea-orm: connection, migrations, entities, queries.

pub mod access;
pub mod accounts;
pub mod adoption;
pub mod backlog;
pub mod embeddings;
pub mod entity;
pub mod event_ids;
pub mod feedback;
pub mod outbox;
pub mod outcomes;
pub mod plan;
pub mod requests;
pub mod roadmap;
pub mod snapshot;
mod sql;

use std::sync::Arc;
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait, TryGetable,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use sql::Sql;

/// Advisory-lock keys that serialise one kind of write across every instance on PostgreSQL.
#[derive(Debug, Clone, Copy)]
pub enum GlobalLock {
    /// Feedback ingest and request assignment.
    Ingest = 0x5157_0001,
    /// Schema migrations (instances starting together migrate one at a time).
    Migrate = 0x5157_0002,
}

/// The database, with the write discipline each backend needs.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// The connection write transactions run on where it is not `db`: a SQLite file's one
    /// writer, or the ingest writer's own PostgreSQL connection ([`Store::with_own_writer`]).
    writer: Option<DatabaseConnection>,
    /// A SQLite file's connections for reading whole tables at a start ([`Store::bulk_db`]).
    bulk: Option<DatabaseConnection>,
    /// As configured, for the health probe's own connections.
    url: Arc<str>,
    /// SQLite allows one writer: writers in this process queue here rather than fail with
    /// SQLITE_BUSY when a deferred transaction upgrades its lock.
    sqlite_writer: Arc<Mutex<()>>,
    /// Feedback rows stored since the planner statistics were last refreshed (PostgreSQL).
    stored_since_analyze: Arc<std::sync::atomic::AtomicU64>,
    /// A refresh of the statistics is running (at most one at a time).
    analyzing: Arc<std::sync::atomic::AtomicBool>,
    /// A SQLite file's background checkpoints.
    checkpoints: Option<Arc<Checkpoints>>,
    /// What [`Store::observe_statement_times`] set, for a connection opened later.
    observer: Option<StatementObserver>,
}

type StatementObserver = Arc<dyn Fn(&sea_orm::Statement, Duration) + Send + Sync>;

/// Hands every statement `conn` runs, with its time, to `observer`.
fn observe(conn: &mut DatabaseConnection, observer: &StatementObserver) {
    let observer = observer.clone();
    conn.set_metric_callback(move |info| observer(info.statement, info.elapsed));
}

/// Tables whose statistics the hot paths' plans depend on (row counts, key ranges).
const ANALYZED_TABLES: &str = "feedback, requests, cluster_events, accounts, contacts";

/// Feedback rows stored before the statistics are refreshed, at most: enough to change the
/// plans of a small database, few enough that a growing one is re-analysed long before
/// autovacuum's 10%-of-the-table threshold would on a million rows.
pub const ANALYZE_AFTER_ROWS: u64 = 50_000;
/// ... and at least: a young database is re-analysed each time it has doubled from here on.
pub const ANALYZE_FIRST_ROWS: u64 = 1_000;

/// The settings counter bumped, in the writing transaction, by every write to what a request's
/// view is made from: a request's row, its feedback's words, the names of accounts and
/// contacts, and the scoring profiles. Rows read after reading it may be kept while it stays
/// where it was (`service::requests`, `service::prioritization`).
pub const VIEWS_VERSION: &str = "views_version";

/// Marks a change to what views are made from (see [`VIEWS_VERSION`]).
pub async fn views_changed<C: ConnectionTrait>(db: &C) -> Result<(), crate::error::AppError> {
    plan::bump(db, VIEWS_VERSION).await
}

/// A write transaction, holding whatever lock its backend needs until commit or drop.
pub struct WriteTx {
    pub tx: DatabaseTransaction,
    /// This process's SQLite writer lock, released at commit or drop.
    writer_lock: Option<OwnedMutexGuard<()>>,
    checkpoints: Option<Arc<Checkpoints>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await?;
        drop(self.writer_lock);
        if let Some(checkpoints) = self.checkpoints {
            checkpoints.after_commit();
        }
        Ok(())
    }
}

/// Least time between two background checkpoints of a SQLite file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Copies a SQLite file's write-ahead log back into the database in the background, on a
/// pooled connection (so on another thread than the writer's): after a commit, at most once
/// per [`CHECKPOINT_EVERY`], and once more after the last commit of a burst. A passive
/// checkpoint neither waits for nor blocks the writer. Left to the writer's own connection,
/// the copying ran inside its commits, one after the other with its inserts. The writer's
/// automatic checkpoint stays as the backstop: it restarts the log once it is long, and finds
/// most of it copied already.
struct Checkpoints {
    db: DatabaseConnection,
    state: std::sync::Mutex<CheckpointState>,
}

#[derive(Default)]
struct CheckpointState {
    /// A task is checkpointing or waiting to.
    running: bool,
    /// A commit arrived since that task's checkpoint began.
    pending: bool,
    /// When the last checkpoint began.
    last: Option<std::time::Instant>,
}

impl Checkpoints {
    fn state(&self) -> std::sync::MutexGuard<'_, CheckpointState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn after_commit(self: Arc<Self>) {
        {
            let mut state = self.state();
            if state.running {
                state.pending = true;
                return;
            }
            state.running = true;
        }
        tokio::spawn(async move {
            loop {
                let last = self.state().last;
                if let Some(wait) = last.and_then(|t| CHECKPOINT_EVERY.checked_sub(t.elapsed())) {
                    tokio::time::sleep(wait).await;
                }
                {
                    let mut state = self.state();
                    state.pending = false;
                    state.last = Some(std::time::Instant::now());
                }
                if let Err(e) = self
                    .db
                    .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                    .await
                {
                    tracing::debug!(error = %e, "background checkpoint failed");
                }
                let mut state = self.state();
                if !state.pending {
                    state.running = false;
                    return;
                }
            }
        });
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

/// Turns `sqlite://x.db` into a URL sqlx accepts with the file created when missing.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// What every pool of the store shares: `max` and `min` connections, 5 s to connect and to
/// wait for one, no statement logging.
fn pool_options(url: String, max: u32, min: u32) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url);
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // A connection in use within the last seconds is handed out as it is: a ping on every
        // checkout (sqlx's default) was a round trip more before every call's first statement.
        // One idle longer (the server or a proxy may have dropped it) is pinged first.
        .test_before_acquire_if_idle_for(Duration::from_secs(5))
        .max_connections(max)
        .min_connections(min);
    opts
}

impl Store {
    /// Connects (SQLite: WAL, busy timeout, foreign keys) without migrating.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        let configured: Arc<str> = url.into();
        let is_sqlite = url.starts_with("sqlite:");
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let url = if is_sqlite {
            sqlite_url(url)
        } else {
            url.to_owned()
        };
        // `mapped`: reads through a memory map. Worth it for a connection that reads much
        // between writes (the writer's own, whose pages stay valid across its commits; the
        // start's whole-table reads). Not for the call-serving pool: a connection whose next
        // read follows another connection's commit drops its map and maps the file again
        // (munmap, mmap, page faults, and a TLB shootdown on every core): SubmitFeedback ran
        // 1.16x without it (docs/benchmarks.md).
        let options = |max: u32, min: u32, mapped: bool| {
            let mut opts = pool_options(url.clone(), max, min);
            if is_sqlite {
                if memory {
                    opts.idle_timeout(Duration::from_secs(u32::MAX.into()))
                        .max_lifetime(Duration::from_secs(u32::MAX.into()));
                }
                opts.map_sqlx_sqlite_opts(move |o| {
                    // At a million feedback rows the indexes outgrow SQLite's defaults and every
                    // insert into them reads and writes pages through system calls. So: 64 MiB
                    // of page cache per connection (default 2 MiB), reads through a memory map
                    // of up to 4 GiB where `mapped` (no copy per page read), and the writer's
                    // own checkpoint only every 100,000 WAL pages (400 MB; default 1,000): the
                    // log is copied back in the background (`Checkpoints`), and the writer's
                    // checkpoint only restarts it once long. Statement journals (a multi-row
                    // INSERT inside a transaction keeps one) stay in memory instead of a
                    // temporary file.
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Full)
                        .busy_timeout(Duration::from_secs(5))
                        .foreign_keys(true)
                        .pragma("cache_size", "-65536")
                        .pragma("mmap_size", if mapped { "4294967296" } else { "0" })
                        .pragma("wal_autocheckpoint", "100000")
                        .pragma("temp_store", "memory")
                });
            }
            opts
        };
        let (db, writer, bulk) = if !is_sqlite {
            // At least two: migrations hold a lock on one connection while using another.
            (
                Database::connect(options(max_connections.max(2), 0, true)).await?,
                None,
                None,
            )
        } else if memory {
            // An in-memory database exists per connection: exactly one, never reaped.
            (Database::connect(options(1, 1, true)).await?, None, None)
        } else {
            // Write transactions have a connection of their own. SQLite drops a connection's
            // page cache whenever another connection has written since its last transaction;
            // on a pooled connection every write would start by reading its pages again (from
            // the write-ahead log, by system call), while the one writer's cache stays warm
            // across its own commits.
            let db = Database::connect(options(max_connections.max(1), 0, false)).await?;
            let writer = Database::connect(options(1, 1, true)).await?;
            // Opened when first used, closed when idle a while: a start's reads.
            let mut bulk = options(max_connections.max(1), 0, true);
            bulk.idle_timeout(Duration::from_secs(30))
                .connect_lazy(true);
            (db, Some(writer), Some(Database::connect(bulk).await?))
        };
        let checkpoints = writer.as_ref().map(|_| {
            Arc::new(Checkpoints {
                db: db.clone(),
                state: Default::default(),
            })
        });
        Ok(Self {
            db,
            writer,
            bulk,
            checkpoints,
            url: configured,
            sqlite_writer: Arc::new(Mutex::new(())),
            stored_since_analyze: Arc::default(),
            analyzing: Arc::default(),
            observer: None,
        })
    }

    /// This store, with write transactions on a PostgreSQL connection of their own (one,
    /// opened when first used): the ingest writer's. Its dozen round trips per batch no longer
    /// wait for a pooled connection behind the calls' reads, nor for the ping of one idle a
    /// while. Other backends: the store as it is (a SQLite file's writer has its own already).
    pub async fn with_own_writer(&self) -> Result<Self, DbErr> {
        if self.backend() != DbBackend::Postgres {
            return Ok(self.clone());
        }
        let mut opts = pool_options(self.url.to_string(), 1, 0);
        opts.connect_lazy(true);
        let mut writer = Database::connect(opts).await?;
        if let Some(observer) = &self.observer {
            observe(&mut writer, observer);
        }
        Ok(Self {
            writer: Some(writer),
            ..self.clone()
        })
    }

    /// Applies pending migrations. On PostgreSQL an advisory lock, held by a transaction on
    /// another pooled connection, lets instances that start together migrate one at a time.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        if self.backend() != DbBackend::Postgres {
            return Migrator::up(&self.db, None).await;
        }
        let guard = self.db.begin().await?;
        let mut q = Sql::new(DbBackend::Postgres);
        q.push("SELECT pg_advisory_xact_lock(")
            .bind(GlobalLock::Migrate as i64)
            .push(")");
        guard.execute_raw(q.build()).await?;
        let pending = Migrator::get_pending_migrations(&self.db).await?.len();
        let result = Migrator::up(&self.db, None).await;
        guard.commit().await?;
        result?;
        if pending > 0 {
            // New tables and indexes start without statistics: give the planner real ones now
            // rather than whenever autovacuum gets round to it.
            self.analyze().await?;
        }
        Ok(())
    }

    /// Refreshes the planner statistics of the hot tables (PostgreSQL; SQLite plans by its
    /// indexes without them). Takes a sample, so it stays around a second at millions of rows.
    pub async fn analyze(&self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Postgres {
            self.db
                .execute_unprepared(&format!("ANALYZE {ANALYZED_TABLES}"))
                .await?;
        }
        Ok(())
    }

    /// Counts `rows` feedback rows just stored, of `total` now stored (PostgreSQL). Once the
    /// rows stored since the last refresh reach what was stored then (between
    /// [`ANALYZE_FIRST_ROWS`] and [`ANALYZE_AFTER_ROWS`]), refreshes the statistics in the
    /// background; the writer does not wait for it.
    ///
    /// A young database needs it most. A plan cached while a table was a page or two reads the
    /// whole table for as long as the plan lives, and it lives as long as the connection: the
    /// foreign-key checks of every feedback insert, planned once per connection, scanned all of
    /// `accounts` per row, and the writer's duplicate-key read all of `feedback` per batch,
    /// until autovacuum's first ANALYZE of them a minute or more later. A refresh of the
    /// statistics invalidates those plans.
    pub fn stored(&self, rows: u64, total: u64) {
        use std::sync::atomic::Ordering;
        if self.backend() != DbBackend::Postgres || rows == 0 {
            return;
        }
        let since = self.stored_since_analyze.fetch_add(rows, Ordering::Relaxed) + rows;
        let due = total
            .saturating_sub(since)
            .clamp(ANALYZE_FIRST_ROWS, ANALYZE_AFTER_ROWS);
        if since < due || self.analyzing.swap(true, Ordering::AcqRel) {
            return;
        }
        self.stored_since_analyze.store(0, Ordering::Relaxed);
        let store = self.clone();
        tokio::spawn(async move {
            if let Err(e) = store.analyze().await {
                tracing::warn!(error = %e, "ANALYZE of a growing database failed");
            }
            store.analyzing.store(false, Ordering::Release);
        });
    }

    /// Calls `observer` with every statement run through this store's pool from now on (the
    /// plan test EXPLAINs what a backlog call runs). Set before the store is shared.
    pub fn observe_statements(
        &mut self,
        observer: impl Fn(&sea_orm::Statement) + Send + Sync + 'static,
    ) {
        self.observe_statement_times(move |statement, _| observer(statement));
    }

    /// Like [`Self::observe_statements`], with how long each statement took on its connection
    /// (the load generators count where a call's database time goes).
    pub fn observe_statement_times(
        &mut self,
        observer: impl Fn(&sea_orm::Statement, std::time::Duration) + Send + Sync + 'static,
    ) {
        let observer: StatementObserver = Arc::new(observer);
        observe(&mut self.db, &observer);
        if let Some(writer) = &mut self.writer {
            observe(writer, &observer);
        }
        self.observer = Some(observer);
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// For reading whole tables (a start's load of the backlog's inputs): on a SQLite file,
    /// connections that read through a memory map; elsewhere [`Store::db`].
    pub fn bulk_db(&self) -> &DatabaseConnection {
        self.bulk.as_ref().unwrap_or(&self.db)
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// Begins a write transaction. `lock` additionally serialises this kind of write across
    /// every Sift instance sharing a PostgreSQL database.
    pub async fn begin_write(&self, lock: Option<GlobalLock>) -> Result<WriteTx, DbErr> {
        let writer = match self.backend() {
            DbBackend::Sqlite => Some(self.sqlite_writer.clone().lock_owned().await),
            _ => None,
        };
        let conn = self.writer.as_ref().unwrap_or(&self.db);
        let tx = match self.backend() {
            // Take the write lock at BEGIN: a deferred transaction that reads and then writes
            // cannot wait for another process's writer (SQLite answers SQLITE_BUSY at once).
            DbBackend::Sqlite => {
                conn.begin_with_options(TransactionOptions {
                    isolation_level: None,
                    access_mode: None,
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                })
                .await?
            }
            _ => conn.begin().await?,
        };
        if let (Some(lock), DbBackend::Postgres) = (lock, self.backend()) {
            let mut q = Sql::new(DbBackend::Postgres);
            q.push("SELECT pg_advisory_xact_lock(")
                .bind(lock as i64)
                .push(")");
            tx.execute_raw(q.build()).await?;
        }
        Ok(WriteTx {
            tx,
            writer_lock: writer,
            checkpoints: self.checkpoints.clone(),
        })
    }

    /// Cheap liveness probe.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.db.ping().await
    }

    /// Whether the database can be reached now, on a connection of its own (so a busy pool is
    /// not mistaken for an outage): PostgreSQL takes a new connection and answers a query;
    /// SQLite opens the file read-only (never creating it) and reads its schema. An in-memory
    /// SQLite database is always there.
    pub async fn probe(&self) -> Result<(), DbErr> {
        use sea_orm::sqlx::{ConnectOptions as _, Connection as _};
        use std::str::FromStr as _;

        let url: &str = &self.url;
        let failed =
            |e: sea_orm::sqlx::Error| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into()));
        match self.backend() {
            DbBackend::Sqlite if url.contains(":memory:") || url.contains("mode=memory") => Ok(()),
            DbBackend::Sqlite => {
                let options = sea_orm::sqlx::sqlite::SqliteConnectOptions::from_str(url)
                    .map_err(failed)?
                    .create_if_missing(false)
                    .read_only(true);
                let mut conn = options.connect().await.map_err(failed)?;
                let read = sea_orm::sqlx::query("SELECT count(*) FROM sqlite_master")
                    .execute(&mut conn)
                    .await
                    .map(|_| ())
                    .map_err(failed);
                let _ = conn.close().await;
                read
            }
            _ => {
                let mut conn = sea_orm::sqlx::postgres::PgConnection::connect(url)
                    .await
                    .map_err(failed)?;
                let ping = conn.ping().await.map_err(failed);
                let _ = conn.close().await;
                ping
            }
        }
    }
}

/// The file behind a `sqlite:` URL (`sqlite://sift.db`, `sqlite:///var/lib/sift/sift.db`,
/// `sqlite:sift.db?mode=rwc`); none for PostgreSQL and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    if rest.contains(":memory:") || rest.contains("mode=memory") {
        return None;
    }
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty()).then(|| std::path::PathBuf::from(path))
}

/// Where a database URL points, for people: a SQLite file's absolute path, or a PostgreSQL
/// URL without its password.
pub fn describe_database(url: &str) -> String {
    if let Some(file) = sqlite_file(url) {
        let absolute = std::path::absolute(&file).unwrap_or(file);
        return format!("sqlite://{}", absolute.display());
    }
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if scheme < at => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _password)) => {
                    format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl Store {
    /// Connects to a database that must already exist and hold Sift's schema (made by `sift
    /// serve` or `sift migrate`), never creating one: for the operator's commands (`sift
    /// token`, `sift backup`), where a typo in the path must not yield a new empty database.
    pub async fn connect_existing(url: &str) -> Result<Self, String> {
        let shown = describe_database(url);
        let url = match sqlite_file(url) {
            Some(file) => {
                if !file.is_file() {
                    return Err(format!(
                        "no database at {shown}: this command never creates one. Run it where \
                         `sift serve` keeps its database, or name that database with \
                         --database-url (or SIFT_DATABASE_URL)"
                    ));
                }
                // Open read-write without the create flag, whatever the URL asked for.
                let base = url.split('?').next().unwrap_or(url);
                format!("{base}?mode=rw")
            }
            None => url.to_owned(),
        };
        let store = Self::connect(&url, 2)
            .await
            .map_err(|e| format!("cannot open the database at {shown}: {e}"))?;
        let mut q = Sql::new(store.backend());
        match store.backend() {
            DbBackend::Sqlite => q.push(
                "SELECT count(*) AS n FROM sqlite_master \
                 WHERE type = 'table' AND name = 'seaql_migrations'",
            ),
            _ => q.push(
                "SELECT count(*) AS n FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = 'seaql_migrations'",
            ),
        };
        let tables = match store.db.query_one_raw(q.build()).await {
            Ok(Some(row)) => row.try_get::<i64>("", "n").unwrap_or(0),
            Ok(None) => 0,
            Err(e) => return Err(format!("cannot read the database at {shown}: {e}")),
        };
        if tables == 0 {
            return Err(format!(
                "the database at {shown} has no Sift tables: start `sift serve` on it (or run \
                 `sift migrate`) first"
            ));
        }
        Ok(store)
    }

    /// Writes a consistent copy of a SQLite database, WAL included, into a new file
    /// (`VACUUM INTO`): readers and writers go on meanwhile.
    pub async fn backup_into(&self, to: &std::path::Path) -> Result<(), DbErr> {
        let path = to
            .to_str()
            .ok_or_else(|| DbErr::Custom(format!("{}: not a UTF-8 path", to.display())))?;
        let mut q = Sql::new(self.backend());
        q.push("VACUUM INTO ").bind(path.to_owned());
        self.db.execute_raw(q.build()).await.map(|_| ())
    }

    /// Whether any access token exists (revoked and expired ones included).
    pub async fn has_tokens(&self) -> Result<bool, DbErr> {
        let mut q = Sql::new(self.backend());
        q.push("SELECT count(*) AS n FROM tokens");
        Ok(scalar::<i64, _>(&self.db, q.build(), "n")
            .await?
            .is_some_and(|n| n > 0))
    }
}

/// The highest id in `table` (0 when empty); with the ingest lock held, the next ids handed out
/// are unique and ascending in commit order.
pub async fn max_id<C: ConnectionTrait>(db: &C, table: &str) -> Result<i64, DbErr> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT COALESCE(MAX(id), 0) AS id FROM ")
        .push(table);
    Ok(scalar(db, q.build(), "id").await?.unwrap_or(0))
}

/// The named column of a statement's first row; `None` when it answers no row.
pub(crate) async fn scalar<T: TryGetable, C: ConnectionTrait>(
    db: &C,
    stmt: Statement,
    column: &str,
) -> Result<Option<T>, DbErr> {
    match db.query_one_raw(stmt).await? {
        Some(row) => Ok(Some(row.try_get("", column)?)),
        None => Ok(None),
    }
}

/// The named column of every row a statement answers, in order.
pub(crate) async fn column<T: TryGetable, C: ConnectionTrait>(
    db: &C,
    stmt: Statement,
    column: &str,
) -> Result<Vec<T>, DbErr> {
    db.query_all_raw(stmt)
        .await?
        .iter()
        .map(|row| row.try_get("", column))
        .collect()
}

pub use crate::domain::time::{from_micros, to_micros};
