//! The fresh database a load generator runs on, removed when the run ends: at the end, when it
//! fails or panics (the guard's `Drop`), and on Ctrl-C. `--keep-db` keeps it for inspection and
//! prints its URL. (No allocator or server here: `tests/it/bench_db.rs` includes this file.)

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database};

/// The flag that keeps the database of a run.
pub const KEEP_FLAG: &str = "--keep-db";

/// Whether the command line asks to keep the database.
pub fn keep_requested() -> bool {
    std::env::args().any(|a| a == KEEP_FLAG)
}

/// The command line without the program, `--keep-db` and cargo's `--bench`, for the
/// benchmarks' own `--flag value` parsers.
pub fn bench_args() -> impl Iterator<Item = String> {
    std::env::args()
        .skip(1)
        .filter(|a| a != KEEP_FLAG && a != "--bench")
}

/// A new database, dropped with this guard unless kept.
#[must_use = "the database is dropped with this guard"]
pub struct FreshDatabase {
    url: String,
    place: Place,
    keep: bool,
    on_ctrl_c: Option<tokio::task::JoinHandle<()>>,
}

#[derive(Clone)]
enum Place {
    Postgres { base: String, name: String },
    SqliteDir(PathBuf),
}

/// The URL of database `name` on the server `base` (a URL without a database, perhaps with
/// options such as `?host=/var/run/postgresql` for the Unix socket).
fn on_server(base: &str, name: &str) -> String {
    let (server, options) = base.split_once('?').unwrap_or((base, ""));
    let server = server.trim_end_matches('/');
    match options {
        "" => format!("{server}/{name}"),
        o => format!("{server}/{name}?{o}"),
    }
}

impl FreshDatabase {
    /// A new PostgreSQL database `sift_{tag}_bench_{pid}` on the server `postgres` (a URL
    /// without a database), else a new SQLite file in a temporary directory.
    pub async fn create(tag: &str, postgres: Option<&str>, keep: bool) -> Self {
        let name = format!("sift_{tag}_bench_{}", std::process::id());
        let (url, place) = match postgres {
            Some(base) => {
                let base = base.to_owned();
                let admin = Database::connect(on_server(&base, "postgres"))
                    .await
                    .expect("postgres");
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .expect("drop");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create");
                (on_server(&base, &name), Place::Postgres { base, name })
            }
            None => {
                let dir = std::env::temp_dir().join(name);
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).expect("dir");
                let url = format!("sqlite://{}", dir.join("bench.db").display());
                (url, Place::SqliteDir(dir))
            }
        };
        Self {
            url,
            place,
            keep,
            on_ctrl_c: None,
        }
    }

    /// Ctrl-C ends the process without unwinding: remove the database first, then exit. (Once
    /// asked for, the runtime keeps SIGINT: call it in benchmarks, not in a test process.)
    pub fn removed_on_ctrl_c(mut self) -> Self {
        if !self.keep {
            let place = self.place.clone();
            self.on_ctrl_c = Some(tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    eprintln!("interrupted: removing the benchmark database");
                    remove(place);
                    std::process::exit(130);
                }
            }));
        }
        self
    }

    pub fn url(&self) -> String {
        self.url.clone()
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if let Some(task) = self.on_ctrl_c.take() {
            task.abort();
        }
        if self.keep {
            eprintln!("kept the benchmark database ({KEEP_FLAG}): {}", self.url);
        } else {
            remove(self.place.clone());
        }
    }
}

/// Removes the database; never panics (it runs while a panic unwinds, too).
fn remove(place: Place) {
    match place {
        Place::SqliteDir(dir) => {
            let _ = std::fs::remove_dir_all(dir);
        }
        Place::Postgres { base, name } => {
            // Drop may run inside the benchmark's runtime, which cannot block on a future:
            // a thread of its own with a runtime of its own does the dropping.
            let dropped = std::thread::spawn(move || -> Result<(), String> {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| e.to_string())?;
                runtime.block_on(async {
                    let admin = Database::connect(on_server(&base, "postgres"))
                        .await
                        .map_err(|e| e.to_string())?;
                    // FORCE: the in-process server may still hold connections to it.
                    admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await
                        .map_err(|e| e.to_string())?;
                    admin.close().await.map_err(|e| e.to_string())
                })
            })
            .join();
            match dropped {
                Ok(Ok(())) => {}
                Ok(Err(e)) => eprintln!("could not drop the benchmark database: {e}"),
                Err(_) => eprintln!("could not drop the benchmark database: the dropper panicked"),
            }
        }
    }
}
