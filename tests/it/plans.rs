//! Query plans of the backlog path on a large database whose statistics are stale: every
//! statement a backlog call runs is recorded as the server runs it, then EXPLAINed, and none may
//! read a large table from end to end. On PostgreSQL each statement is planned twice: with its
//! values (a custom plan) and as the generic plan a pooled connection caches for a prepared
//! statement. On SQLite, `EXPLAIN QUERY PLAN` must show no `SCAN` of a large table.

use std::sync::{Arc, Mutex};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use sift::pb;
use sift::store::Store;
use sift::{App, Config};

use crate::fixtures::{account, feedback};
use crate::harness::{Backend, backends, fresh_database};

/// Rows in the grown tables: far past where a sequential scan could be cheaper than a probe.
const FEEDBACK_ROWS: i64 = 200_000;
const REQUEST_ROWS: i64 = 40_000;
const ACCOUNT_ROWS: i64 = 20_000;
const EVENT_ROWS: i64 = 20_000;
const LARGE_TABLES: [&str; 4] = ["feedback", "requests", "accounts", "cluster_events"];

/// Grows the tables behind the server's back, as months of use would, and (PostgreSQL) keeps
/// autovacuum away, so the planner sees the statistics of the empty tables taken at migration.
async fn grow(db: &DatabaseConnection, backend: Backend) {
    let series = |n: i64| match backend {
        Backend::Postgres => format!("SELECT g FROM generate_series(1, {n}) AS s(g)"),
        Backend::Sqlite => format!(
            "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {n}) \
             SELECT g FROM s"
        ),
    };
    if backend == Backend::Postgres {
        for table in LARGE_TABLES {
            db.execute_unprepared(&format!(
                "ALTER TABLE {table} SET (autovacuum_enabled = false)"
            ))
            .await
            .expect("autovacuum off");
        }
    }
    let statements = [
        format!(
            "INSERT INTO accounts (external_id, name, segment, arr, created_at, updated_at) \
             SELECT 'grown-' || g, 'Grown ' || g, 'smb', 1000 * g, 1, 1 FROM ({}) AS t",
            series(ACCOUNT_ROWS)
        ),
        // Shipped long ago: in the database, not on the open backlog.
        format!(
            "INSERT INTO requests (id, title, status, created_at, updated_at) \
             SELECT 1000000 + g, 'Grown request ' || g, 'SHIPPED', 1, 1 FROM ({}) AS t",
            series(REQUEST_ROWS)
        ),
        format!(
            "INSERT INTO feedback (id, source, source_ref, account_id, title, body, \
             occurred_at, received_at, request_id, home_request_id, assigned_request_id) \
             SELECT 1000000 + g, 'SUPPORT', 'grown-' || g, 1 + g % {ACCOUNT_ROWS}, '', \
             'Grown ticket about the reporting export, number ' || g, 1, 1, \
             1000000 + 1 + g % {REQUEST_ROWS}, 1000000 + 1 + g % {REQUEST_ROWS}, \
             1000000 + 1 + g % {REQUEST_ROWS} FROM ({}) AS t",
            series(FEEDBACK_ROWS)
        ),
        // Events of no kind the server acts on: a long log to page through.
        format!(
            "INSERT INTO cluster_events (id, kind, a, b, payload, created_at) \
             SELECT g, 'GROWN', 0, 0, '', 1 FROM ({}) AS t",
            series(EVENT_ROWS)
        ),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await.expect("grow");
    }
}

/// Large tables a PostgreSQL text plan reads sequentially.
fn seq_scans(plan: &[String], out: &mut Vec<String>) {
    for line in plan {
        for table in LARGE_TABLES {
            let node = format!("Seq Scan on {table}");
            if line.contains(&format!("{node} ")) || line.trim_end().ends_with(&node) {
                out.push(format!("{table} ({})", line.trim()));
            }
        }
    }
}

async fn plan_lines(db: &DatabaseConnection, stmt: Statement) -> Vec<String> {
    db.query_all_raw(stmt)
        .await
        .expect("explain")
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("plan line"))
        .collect()
}

/// The large tables `stmt` reads end to end, in its custom and its generic plan.
async fn full_scans(db: &DatabaseConnection, stmt: &Statement) -> Vec<String> {
    let mut found = Vec::new();
    match stmt.db_backend {
        DbBackend::Postgres => {
            let custom = Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("EXPLAIN {}", stmt.sql),
                stmt.values.clone().map(|v| v.0).unwrap_or_default(),
            );
            seq_scans(&plan_lines(db, custom).await, &mut found);

            // The plan a pooled connection keeps once PostgreSQL switches a prepared statement
            // to its generic plan: made without the values, so only indexes can save it.
            let values = stmt.values.clone().map(|v| v.0).unwrap_or_default();
            let args = if values.is_empty() {
                String::new()
            } else {
                let placeholders: Vec<String> =
                    (1..=values.len()).map(|i| format!("${i}")).collect();
                let inlined = Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    placeholders.join(", "),
                    values,
                );
                format!("({inlined})")
            };
            // The parameters' types as the driver sends them (an id list is text cast in
            // the statement), so the generic plan is the one the server really gets.
            let types: Option<Vec<&str>> = stmt
                .values
                .as_ref()
                .and_then(|v| {
                    v.0.iter()
                        .map(|x| match x {
                            sea_orm::Value::String(_) => Some("text"),
                            sea_orm::Value::BigInt(_) => Some("bigint"),
                            sea_orm::Value::Int(_) => Some("integer"),
                            sea_orm::Value::Double(_) => Some("double precision"),
                            sea_orm::Value::Bool(_) => Some("boolean"),
                            _ => None,
                        })
                        .collect()
                })
                .filter(|t: &Vec<&str>| !t.is_empty());
            let typed = types.map_or_else(String::new, |t| format!("({})", t.join(", ")));
            for sql in [
                format!("PREPARE sift_plan{typed} AS {}", stmt.sql),
                "SET plan_cache_mode = force_generic_plan".to_owned(),
            ] {
                db.execute_unprepared(&sql).await.expect("prepare");
            }
            let generic = Statement::from_string(
                DbBackend::Postgres,
                format!("EXPLAIN EXECUTE sift_plan{args}"),
            );
            let generic = plan_lines(db, generic).await;
            seq_scans(&generic, &mut found);
            db.execute_unprepared("RESET plan_cache_mode; DEALLOCATE sift_plan")
                .await
                .expect("reset");
        }
        _ => {
            let explain = Statement::from_sql_and_values(
                stmt.db_backend,
                format!("EXPLAIN QUERY PLAN {}", stmt.sql),
                stmt.values.clone().map(|v| v.0).unwrap_or_default(),
            );
            for row in db.query_all_raw(explain).await.expect("explain") {
                let detail: String = row.try_get_by_index(3).expect("detail");
                for table in LARGE_TABLES {
                    // `SCAN t` reads every row (also `SCAN t USING INDEX`); `SEARCH t` probes.
                    if detail.starts_with(&format!("SCAN {table}")) {
                        found.push(format!("{table} ({detail})"));
                    }
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn backlog_statements_use_indexes_on_a_large_stale_database() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        // Migrated (and analysed, while empty), then grown behind the server's back.
        Store::connect(&url, 2)
            .await
            .expect("store")
            .migrate()
            .await
            .expect("migrate");
        // One connection for the EXPLAINs: PREPARE and SET stay on it.
        let direct = {
            let mut opts = sea_orm::ConnectOptions::new(url.clone());
            opts.max_connections(1).sqlx_logging(false);
            Database::connect(opts).await.expect("direct connection")
        };
        grow(&direct, backend).await;

        let recorded: Arc<Mutex<Option<Vec<Statement>>>> = Arc::default();
        let mut app = App::build(Config::for_database(url.clone()))
            .await
            .expect("app builds");
        let sink = recorded.clone();
        app.observe_statements(move |stmt| {
            if let Some(list) = sink.lock().expect("recorder").as_mut() {
                list.push(stmt.clone());
            }
        });
        let addr = app.addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            app.run_until(async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .expect("endpoint")
            .connect_lazy();
        let mut accounts = pb::account_service_client::AccountServiceClient::new(channel.clone());
        let mut fb = pb::feedback_service_client::FeedbackServiceClient::new(channel.clone());
        let mut backlog =
            pb::prioritization_service_client::PrioritizationServiceClient::new(channel.clone());

        accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("plan-a", 120_000), account("plan-b", 40_000)],
            })
            .await
            .expect("accounts");
        let texts = [
            "Please add single sign-on with Okta for our staff",
            "We need to export the weekly report as PDF",
            "Dark mode for the dashboard would help at night",
            "Bulk edit of tags on many tickets at once",
        ];
        for (i, text) in texts.iter().enumerate() {
            let who = if i % 2 == 0 { "plan-a" } else { "plan-b" };
            fb.submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(feedback(&format!("plan-{i}"), who, text)),
            })
            .await
            .expect("submit");
        }
        // The first backlog call loads every request's evidence once (a full read by design);
        // what follows is the path every later call takes.
        let page = |statuses: Vec<i32>| pb::GetRankedBacklogRequest {
            page_size: 50,
            statuses,
            ..Default::default()
        };
        let first = backlog
            .get_ranked_backlog(page(Vec::new()))
            .await
            .expect("first backlog")
            .into_inner();
        assert!(
            first.rows.len() >= 2,
            "{backend:?}: distinct texts, distinct requests"
        );
        // A merge after the load: the next call reloads the evidence of the requests it touched.
        let mut requests = pb::request_service_client::RequestServiceClient::new(channel.clone());
        requests
            .merge_requests(pb::MergeRequestsRequest {
                source_id: first.rows[first.rows.len() - 1].request_id,
                target_id: first.rows[0].request_id,
            })
            .await
            .expect("merge");

        // Stored after the model loaded: the next call reads it through the event log.
        fb.submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(
                "plan-late",
                "plan-b",
                "Please add single sign-on with Okta for contractors too",
            )),
        })
        .await
        .expect("submit");
        // A CRM update after the load: the next call reads the accounts changed since.
        accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("plan-b", 45_000)],
            })
            .await
            .expect("account update");
        *recorded.lock().expect("recorder") = Some(Vec::new());
        let open = backlog
            .get_ranked_backlog(page(Vec::new()))
            .await
            .expect("backlog")
            .into_inner();
        assert!(
            !open.rows.is_empty(),
            "{backend:?}: the backlog has requests"
        );
        backlog
            .get_ranked_backlog(page(vec![pb::RequestStatus::New as i32]))
            .await
            .expect("filtered backlog");
        let top = open.rows[0].request_id;
        backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: top,
                ..Default::default()
            })
            .await
            .expect("explain");
        let statements = recorded
            .lock()
            .expect("recorder")
            .take()
            .unwrap_or_default();
        let _ = stop.send(());
        server.await.expect("server task");

        let mut seen = std::collections::HashSet::new();
        let mut scans = Vec::new();
        let mut checked = 0;
        let mut selects = Vec::new();
        for stmt in statements {
            let sql = stmt.sql.trim().to_owned();
            let upper = sql.to_ascii_uppercase();
            if !upper.starts_with("SELECT") || !seen.insert(sql.clone()) {
                continue;
            }
            checked += 1;
            for table in full_scans(&direct, &stmt).await {
                scans.push(format!("{table}: {sql}"));
            }
            selects.push(stmt);
        }
        // And once the statistics are current: a generic plan that then prefers a sequential
        // scan must not turn a lookup by many keys into one (`Sql::any_id`'s array was parsed
        // again for every row: 5.9 s for 10,000 accounts).
        if backend == Backend::Postgres {
            direct
                .execute_unprepared("ANALYZE accounts")
                .await
                .expect("analyse");
            for stmt in selects
                .iter()
                .filter(|s| s.sql.contains("FROM accounts WHERE"))
            {
                for table in full_scans(&direct, stmt).await {
                    scans.push(format!("{table} (analysed): {}", stmt.sql.trim()));
                }
            }
        }
        assert!(
            seen.iter()
                .any(|s| s.contains("FROM accounts WHERE updated_at >")),
            "{backend:?}: the changed accounts were read"
        );
        assert!(
            checked >= 5,
            "{backend:?}: only {checked} backlog statements were recorded"
        );
        assert!(
            scans.is_empty(),
            "{backend:?}: the backlog path reads large tables end to end:\n{}",
            scans.join("\n")
        );
        direct.close_by_ref().await.ok();
        cleanup.run().await;
    }
}

/// The one value `sql` answers (PostgreSQL).
async fn value<T: sea_orm::TryGetable>(db: &DatabaseConnection, sql: String) -> T {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql.clone()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no row"));
    row.try_get_by_index(0).expect("a value")
}

/// `pg_class.reltuples` of `table`: -1 until the table is first analysed (PostgreSQL 14+).
async fn reltuples(db: &DatabaseConnection, table: &str) -> f64 {
    value(
        db,
        format!("SELECT reltuples::float8 FROM pg_class WHERE relname = '{table}'"),
    )
    .await
}

/// How many times `table` was analysed by hand (or by Sift), as PostgreSQL's statistics say.
async fn analyses(db: &DatabaseConnection, table: &str) -> i64 {
    value(
        db,
        format!("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = '{table}'"),
    )
    .await
}

/// Waits until `table` has been analysed `count` times; fails after 30 s.
async fn analysed(db: &DatabaseConnection, table: &str, count: i64, why: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while analyses(db, table).await < count {
        assert!(std::time::Instant::now() < deadline, "{why}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The refresh's task lets go of its flag just after the statement.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
}

/// Gives a refresh that should not happen the time to show (statistics are flushed within 1 s).
async fn not_analysed_again(db: &DatabaseConnection, table: &str, count: i64, why: &str) {
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(analyses(db, table).await, count, "{why}");
}

#[tokio::test]
async fn statistics_are_taken_after_migrations_and_each_time_a_young_database_doubles() {
    use sift::store::{ANALYZE_AFTER_ROWS, ANALYZE_FIRST_ROWS};
    for backend in backends() {
        if backend != Backend::Postgres {
            continue;
        }
        let (url, cleanup) = fresh_database(backend).await;
        let store = Store::connect(&url, 2).await.expect("store");
        store.migrate().await.expect("migrate");
        let db = store.db();
        for table in LARGE_TABLES {
            assert_eq!(
                reltuples(db, table).await,
                0.0,
                "{table} analysed (empty) once migrated"
            );
        }
        // Rows arrive behind the server's back; autovacuum stays away, so only Sift refreshes.
        db.execute_unprepared("ALTER TABLE feedback SET (autovacuum_enabled = false)")
            .await
            .expect("autovacuum off");
        grow(db, backend).await;
        let start = analyses(db, "feedback").await;
        // Young: the first refresh once ANALYZE_FIRST_ROWS are stored.
        store.stored(ANALYZE_FIRST_ROWS - 1, ANALYZE_FIRST_ROWS - 1);
        not_analysed_again(db, "feedback", start, "fewer rows than the first threshold").await;
        store.stored(1, ANALYZE_FIRST_ROWS);
        analysed(
            db,
            "feedback",
            start + 1,
            "analysed at the first thousand rows",
        )
        .await;
        assert!(
            reltuples(db, "feedback").await > 0.0,
            "the rows are counted"
        );
        // Then each time it has doubled since.
        store.stored(ANALYZE_FIRST_ROWS - 1, 2 * ANALYZE_FIRST_ROWS - 1);
        not_analysed_again(db, "feedback", start + 1, "not doubled yet").await;
        store.stored(1, 2 * ANALYZE_FIRST_ROWS);
        analysed(db, "feedback", start + 2, "analysed once doubled").await;
        // Large: every ANALYZE_AFTER_ROWS, long before it doubles.
        let large = FEEDBACK_ROWS as u64;
        store.stored(ANALYZE_AFTER_ROWS - 1, large + ANALYZE_AFTER_ROWS - 1);
        not_analysed_again(db, "feedback", start + 2, "fewer than ANALYZE_AFTER_ROWS").await;
        store.stored(1, large + ANALYZE_AFTER_ROWS);
        analysed(
            db,
            "feedback",
            start + 3,
            "analysed after ANALYZE_AFTER_ROWS",
        )
        .await;
        cleanup.run().await;
    }
}

/// Feedback stored through the ingest writer refreshes the statistics of a young database:
/// plans cached while `accounts` and `feedback` were a page each (the foreign-key checks of
/// every insert, the duplicate-key read) read those tables whole until then.
#[tokio::test]
async fn the_ingest_writer_refreshes_the_statistics_of_a_young_database() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    let (mut app, server) = crate::harness::TestApp::start(Backend::Postgres, &url, |_| {}).await;
    let direct = Database::connect(url.as_str()).await.expect("direct");
    for table in ["feedback", "accounts", "contacts"] {
        direct
            .execute_unprepared(&format!(
                "ALTER TABLE {table} SET (autovacuum_enabled = false)"
            ))
            .await
            .expect("autovacuum off");
    }
    let start = analyses(&direct, "accounts").await;
    let contacts_start = analyses(&direct, "contacts").await;
    let rows = sift::store::ANALYZE_FIRST_ROWS as usize + 200;
    for chunk in (0..rows).collect::<Vec<_>>().chunks(300) {
        let items = chunk.iter().map(|i| {
            let mut item = feedback(
                &format!("young-{i}"),
                &format!("young-acct-{}", i % 500),
                &format!("Please let us export report number {i} as a PDF file"),
            );
            // Each account's requesters, as a help desk names them.
            item.contact = Some(sift::pb::ContactRef {
                external_id: format!("young-contact-{}", i % 1_000),
                email: String::new(),
                name: format!("Requester {}", i % 1_000),
            });
            item
        });
        let report = crate::fixtures::import(&mut app.feedback, items).await;
        assert_eq!(report.accepted, chunk.len() as i64);
    }
    analysed(
        &direct,
        "accounts",
        start + 1,
        "the writer refreshed the statistics after the first thousand rows",
    )
    .await;
    assert!(reltuples(&direct, "accounts").await >= 400.0);
    // Contacts too: every ticket's requester is looked up by its keys, and every insert checks
    // its contact's key (a fresh database read the whole table for each).
    analysed(
        &direct,
        "contacts",
        contacts_start + 1,
        "the contacts' statistics were refreshed with the rest",
    )
    .await;
    assert!(reltuples(&direct, "contacts").await >= 800.0);
    server.stop().await;
    cleanup.run().await;
}

/// A lookup by many ids (`Sql::any_id`) turns its list into an array once per execution, even
/// in a generic plan that reads the whole table: the condition compares with an InitPlan's
/// array, never casts the text parameter row by row (that took 5.9 s for 10,000 accounts).
#[tokio::test]
async fn a_lookup_by_many_ids_converts_its_list_once_even_when_the_table_is_read() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    // One connection, so the settings and the prepared statement are where EXPLAIN runs.
    let mut opts = sea_orm::ConnectOptions::new(url.clone());
    opts.max_connections(1).min_connections(1);
    let db = Database::connect(opts).await.expect("connect");
    let ids: Vec<i64> = (1..=50).collect();
    let mut q = sift::store::Sql::new(DbBackend::Postgres);
    q.push("SELECT * FROM lookup WHERE ").any_id("id", &ids);
    let stmt = q.build();
    for sql in [
        "CREATE TABLE lookup (id bigint PRIMARY KEY, name text)".to_owned(),
        format!("PREPARE by_ids(text) AS {}", stmt.sql),
        // The plan that hurt: generic, reading the table.
        "SET plan_cache_mode = force_generic_plan".to_owned(),
        "SET enable_indexscan = off".to_owned(),
        "SET enable_bitmapscan = off".to_owned(),
    ] {
        db.execute_unprepared(&sql).await.expect("setup");
    }
    let plan = plan_lines(
        &db,
        Statement::from_string(
            DbBackend::Postgres,
            "EXPLAIN (VERBOSE) EXECUTE by_ids('{1,2,3}')".to_owned(),
        ),
    )
    .await;
    let filter: Vec<&String> = plan.iter().filter(|l| l.contains("Filter:")).collect();
    assert_eq!(filter.len(), 1, "{plan:#?}");
    assert!(
        !filter[0].contains("::bigint[]"),
        "the list is cast in the per-row condition: {plan:#?}"
    );
    assert!(
        plan.iter().any(|l| l.contains("InitPlan")),
        "the list becomes an array once: {plan:#?}"
    );
    db.close().await.ok();
    cleanup.run().await;
}

/// On a SQLite file, the connections that serve calls read without a memory map (each read that
/// follows another connection's commit would map the file again), while the writer's connection
/// and the start's whole-table reads keep theirs.
#[tokio::test(flavor = "multi_thread")]
async fn sqlite_maps_the_file_only_where_reads_outlast_writes() {
    let (url, _cleanup) = fresh_database(Backend::Sqlite).await;
    let store = Store::connect(&url, 2).await.expect("store");
    store.migrate().await.expect("migrate");
    async fn mapped(db: &impl ConnectionTrait) -> i64 {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA mmap_size",
            ))
            .await
            .expect("pragma")
            .expect("a row");
        row.try_get_by_index::<i64>(0).expect("a size")
    }
    assert_eq!(mapped(store.db()).await, 0, "the call-serving pool");
    assert!(mapped(store.bulk_db()).await > 0, "the start's reads");
    let tx = store.begin_write(None).await.expect("begin");
    assert!(mapped(&*tx).await > 0, "the writer");
    tx.commit().await.expect("commit");
}

/// The ingest writer's transactions run on a connection of their own
/// ([`Store::with_own_writer`]; a SQLite file's writer had one already): a batch never waits for
/// the pool the calls share (docs/benchmarks.md). With every pooled connection held by a
/// transaction, the writer still takes the ingest lock, writes and commits, and the store's
/// observer still sees its statements.
#[tokio::test(flavor = "multi_thread")]
async fn the_ingest_writer_never_waits_for_the_call_pool() {
    use sea_orm::TransactionTrait;
    use sift::store::GlobalLock;
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let mut store = Store::connect(&url, 2).await.expect("store");
        store.migrate().await.expect("migrate");
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = seen.clone();
        store.observe_statements(move |stmt| sink.lock().expect("recorder").push(stmt.sql.clone()));
        // Both of the pool's connections, held.
        let first = store.db().begin().await.expect("first pooled connection");
        let second = store.db().begin().await.expect("second pooled connection");
        let writer = store.with_own_writer().await.expect("the writer's store");
        let tx = tokio::time::timeout(
            std::time::Duration::from_secs(3),
            writer.begin_write(Some(GlobalLock::Ingest)),
        )
        .await
        .unwrap_or_else(|_| panic!("{backend:?}: the writer waited for the call pool"))
        .expect("the writer begins");
        sift::store::accounts::ensure_accounts(&*tx, &["own-writer"], 0)
            .await
            .expect("the writer writes");
        tx.commit().await.expect("the writer commits");
        drop((first, second));
        let stored = store
            .db()
            .query_one_raw(Statement::from_string(
                store.backend(),
                "SELECT COUNT(*) FROM accounts WHERE external_id = 'own-writer'",
            ))
            .await
            .expect("count")
            .expect("a row")
            .try_get_by_index::<i64>(0)
            .expect("a count");
        assert_eq!(stored, 1, "{backend:?}: the writer's row is committed");
        if backend == Backend::Postgres {
            assert!(
                seen.lock()
                    .expect("recorder")
                    .iter()
                    .any(|s| s.contains("pg_advisory_xact_lock")),
                "{backend:?}: the writer's statements reach the observer"
            );
        }
        cleanup.run().await;
    }
}
