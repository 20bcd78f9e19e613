//! The load generators' databases are removed after a run, also when it panics, and kept with
//! `--keep-db` (`benches/common/db.rs`, included here as it is).

#[path = "../../benches/common/db.rs"]
#[allow(dead_code)] // the benchmarks' argument helpers are not used here
mod db;

use db::FreshDatabase;
use sea_orm::{ConnectionTrait, Database, Statement};

/// Whether PostgreSQL at `base` has a database named `name`.
async fn postgres_has(base: &str, name: &str) -> bool {
    let admin = Database::connect(format!("{base}/postgres"))
        .await
        .expect("postgres");
    let row = admin
        .query_one_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT count(*) FROM pg_database WHERE datname = $1",
            [name.into()],
        ))
        .await
        .expect("query")
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("count") == 1
}

fn sqlite_dir(url: &str) -> std::path::PathBuf {
    let file = std::path::PathBuf::from(url.trim_start_matches("sqlite://"));
    file.parent().expect("a directory").to_owned()
}

fn postgres_base() -> Option<String> {
    let _ = crate::harness::backends(); // fails under CI without a PostgreSQL URL
    std::env::var("SIFT_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .map(|u| u.trim_end_matches('/').to_owned())
}

fn name_of(url: &str) -> String {
    url.rsplit('/').next().expect("a name").to_owned()
}

#[tokio::test]
async fn a_bench_database_is_dropped_at_the_end_and_kept_with_the_flag() {
    // SQLite: a directory of its own, removed with the guard.
    let database = FreshDatabase::create("it_sqlite", None, false).await;
    let dir = sqlite_dir(&database.url());
    assert!(dir.is_dir());
    drop(database);
    assert!(!dir.exists(), "{dir:?} is left behind");

    let kept = FreshDatabase::create("it_sqlite_kept", None, true).await;
    let dir = sqlite_dir(&kept.url());
    drop(kept);
    assert!(dir.is_dir(), "--keep-db keeps {dir:?}");
    std::fs::remove_dir_all(dir).expect("clean up");

    let Some(base) = postgres_base() else {
        return;
    };
    // PostgreSQL: dropped even while a connection (the in-process server's) is open.
    let database = FreshDatabase::create("it_pg", Some(&base), false).await;
    let name = name_of(&database.url());
    let open = Database::connect(database.url()).await.expect("connect");
    open.execute_unprepared("CREATE TABLE t (x int)")
        .await
        .expect("use it");
    assert!(postgres_has(&base, &name).await);
    drop(database);
    assert!(!postgres_has(&base, &name).await, "{name} is left behind");

    let kept = FreshDatabase::create("it_pg_kept", Some(&base), true).await;
    let name = name_of(&kept.url());
    drop(kept);
    assert!(postgres_has(&base, &name).await, "--keep-db keeps {name}");
    let admin = Database::connect(format!("{base}/postgres"))
        .await
        .expect("postgres");
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .expect("clean up");
}

#[test]
fn a_bench_database_is_dropped_when_the_run_panics() {
    let base = postgres_base();
    // A benchmark's main: a runtime, a fresh database, then a panic half-way.
    let run = |postgres: Option<String>| {
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let database = FreshDatabase::create("it_panic", postgres.as_deref(), false).await;
                let url = database.url();
                // The test learns the URL through the panic's message.
                panic!("run failed half-way on {url}");
            })
        })
        .join()
    };
    let url_of = |panic: Box<dyn std::any::Any + Send>| -> String {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .expect("a formatted panic message");
        message.rsplit(' ').next().expect("the URL").to_owned()
    };
    let url = url_of(run(None).expect_err("the run panics"));
    assert!(!sqlite_dir(&url).exists(), "{url} is left behind");
    if let Some(base) = base {
        let url = url_of(run(Some(base.clone())).expect_err("the run panics"));
        let name = name_of(&url);
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        assert!(
            !runtime.block_on(postgres_has(&base, &name)),
            "{name} is left behind"
        );
    }
}
