//! What durability costs on this machine, measured in the run that reports against it:
//! - the disk: overwrite 4 KiB of a file and `fdatasync` it, back to back, in the directory the
//!   SQLite database lives in;
//! - one durable commit: a single-row autocommit INSERT from one client, back to back (each
//!   waits for its WAL flush);
//! - the group-commit ceiling: one connection committing transactions of `rows_per_commit`
//!   feedback-sized rows back to back (what Sift's single ingest writer does at best when that
//!   many calls wait), in rows per second. Nothing else of Sift runs meanwhile.

use std::path::Path;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// Durable commits per second and the median commit latency in ms.
pub struct Commits {
    pub per_second: f64,
    pub p50_ms: f64,
}

pub struct Ceilings {
    /// Raw `fdatasync` in the database's directory (SQLite only: PostgreSQL's data directory is
    /// the server's).
    pub fsync: Option<Commits>,
    /// One durable single-row commit at a time.
    pub single: Commits,
    /// Rows per second in commits of `rows_per_commit`.
    pub group_rows_per_second: f64,
    pub rows_per_commit: usize,
}

impl Ceilings {
    pub fn print(&self, backend: &str) {
        if let Some(f) = &self.fsync {
            println!(
                "disk: 4 KiB write + fdatasync       {:>8.0} per s      p50 {:>6.2} ms",
                f.per_second, f.p50_ms
            );
        }
        println!(
            "{backend} durable commit (one at a time) {:>8.0} commits/s  p50 {:>6.2} ms",
            self.single.per_second, self.single.p50_ms
        );
        println!(
            "{backend} group-commit ceiling           {:>8.0} rows/s in commits of {} rows",
            self.group_rows_per_second, self.rows_per_commit
        );
    }
}

/// `fdatasync` of a 4 KiB overwrite in `dir`, back to back for `time`.
pub fn fsync_in(dir: &Path, time: Duration) -> Commits {
    use std::io::{Seek, SeekFrom, Write};
    let path = dir.join("fsync-probe");
    let mut f = std::fs::File::create(&path).expect("probe file");
    let block = [0x5au8; 4096];
    let mut lat = Vec::new();
    let start = Instant::now();
    while start.elapsed() < time {
        let t = Instant::now();
        f.seek(SeekFrom::Start(0)).expect("seek");
        f.write_all(&block).expect("write");
        f.sync_data().expect("fdatasync");
        lat.push(t.elapsed());
    }
    let _ = std::fs::remove_file(&path);
    let n = lat.len();
    Commits {
        per_second: n as f64 / start.elapsed().as_secs_f64(),
        p50_ms: super::percentile_ms(&mut lat, 0.5),
    }
}

const SCRATCH: &str = "durability_probe";

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.expect(sql);
}

fn row_values(backend: DbBackend, first: usize, n: usize) -> Statement {
    // A feedback row's size: a 600-character text and a few numbers.
    let text = "x".repeat(600);
    let mut sql = format!("INSERT INTO {SCRATCH} (id, account_id, body, occurred_at) VALUES ");
    for i in 0..n {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "({}, {}, '{text}', {})",
            first + i,
            i % 500,
            1_700_000_000 + i
        ));
    }
    Statement::from_string(backend, sql)
}

/// Measures `db` (a connection with the settings Sift uses; SQLite: WAL, synchronous FULL) on
/// a scratch table it drops afterwards. `dir`: where an SQLite file lives, for the raw fsync.
pub async fn measure(
    db: &DatabaseConnection,
    rows_per_commit: usize,
    time: Duration,
    dir: Option<&Path>,
) -> Ceilings {
    let backend = db.get_database_backend();
    exec(db, &format!("DROP TABLE IF EXISTS {SCRATCH}")).await;
    exec(
        db,
        &format!(
            "CREATE TABLE {SCRATCH} (id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL, \
             body TEXT NOT NULL, occurred_at BIGINT NOT NULL)"
        ),
    )
    .await;
    let mut next = 0usize;
    let fsync = dir.map(|d| fsync_in(d, time));
    let single = {
        let mut lat = Vec::new();
        let start = Instant::now();
        while start.elapsed() < time {
            let t = Instant::now();
            db.execute_raw(row_values(backend, next, 1))
                .await
                .expect("insert");
            next += 1;
            lat.push(t.elapsed());
        }
        let n = lat.len();
        Commits {
            per_second: n as f64 / start.elapsed().as_secs_f64(),
            p50_ms: super::percentile_ms(&mut lat, 0.5),
        }
    };
    let start = Instant::now();
    let mut rows = 0usize;
    while start.elapsed() < time {
        // Autocommit of one multi-row INSERT: one transaction, one durable commit.
        db.execute_raw(row_values(backend, next, rows_per_commit))
            .await
            .expect("insert batch");
        next += rows_per_commit;
        rows += rows_per_commit;
    }
    let group_rows_per_second = rows as f64 / start.elapsed().as_secs_f64();
    exec(db, &format!("DROP TABLE {SCRATCH}")).await;
    Ceilings {
        fsync,
        single,
        group_rows_per_second,
        rows_per_commit,
    }
}
