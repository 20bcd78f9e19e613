//! The backlog's in-memory model: loaded before a started server answers, and never locked
//! across a database round trip (while one caller's refresh waits on the database, the model
//! still answers; PostgreSQL only, where a table lock held by another session stops the refresh
//! at a known statement, which SQLite's readers, never blocked by a writer in WAL mode, cannot).

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, TransactionTrait};
use sift::domain::account::TierThresholds;
use sift::domain::scoring::ScoringProfile;
use sift::service::backlog::{SharedBacklog, score_time};
use sift::store::Store;

use crate::harness::{Backend, backends, fresh_database};

#[tokio::test]
async fn a_refresh_waiting_on_the_database_does_not_hold_the_model() {
    for backend in backends() {
        if backend != Backend::Postgres {
            continue;
        }
        let (url, cleanup) = fresh_database(backend).await;
        let Blocked {
            store: _store,
            model,
            _other,
            locker,
            refreshing,
        } = a_refresh_blocked_on_the_log(&url).await;
        assert!(
            !refreshing.is_finished(),
            "the refresh waits on the database"
        );

        // The model answers now, not after the other caller's refresh.
        {
            let mut m = model
                .try_lock()
                .expect("the model is not locked while a refresh waits on the database");
            let profile = ScoringProfile::default();
            let (page, total) = m.ranked_page("k", &profile, score_time(chrono::Utc::now()), 0, 10);
            assert!(page.is_empty() && total == 0, "an empty backlog answers");
        }

        locker.rollback().await.expect("unlock");
        tokio::time::timeout(Duration::from_secs(20), refreshing)
            .await
            .expect("the refresh ends once the lock is gone")
            .expect("task")
            .expect("refresh");
        cleanup.run().await;
    }
}

/// A refresh runs for one caller at a time and the others wait for it; when that caller goes
/// away mid-refresh (its client hung up), the next caller refreshes instead of waiting for a
/// refresh nobody runs any more. PostgreSQL only, as above.
#[tokio::test]
async fn a_caller_gone_mid_refresh_leaves_the_next_free_to_refresh() {
    for backend in backends() {
        if backend != Backend::Postgres {
            continue;
        }
        let (url, cleanup) = fresh_database(backend).await;
        let Blocked {
            store,
            model,
            _other,
            locker,
            refreshing,
        } = a_refresh_blocked_on_the_log(&url).await;
        // A second caller waits for the refresh under way.
        let waiting = {
            let model = model.clone();
            let store = store.clone();
            tokio::spawn(async move { model.refresh_since(store.db(), Instant::now()).await })
        };
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(
            !waiting.is_finished(),
            "the second caller waits for the first's refresh"
        );

        // The first caller goes away; the lock stays until the end.
        refreshing.abort();
        let _ = refreshing.await;
        locker.rollback().await.expect("unlock");
        tokio::time::timeout(Duration::from_secs(20), waiting)
            .await
            .expect("the waiting caller refreshes once the first is gone")
            .expect("task")
            .expect("refresh");
        tokio::time::timeout(
            Duration::from_secs(20),
            model.refresh_since(store.db(), Instant::now()),
        )
        .await
        .expect("a later caller refreshes too")
        .expect("refresh");
        cleanup.run().await;
    }
}

/// A loaded model on a fresh database whose clustering log another session holds locked, and a
/// refresh spawned that PostgreSQL shows waiting on that lock.
struct Blocked {
    store: Store,
    model: Arc<SharedBacklog>,
    _other: sea_orm::DatabaseConnection,
    locker: sea_orm::DatabaseTransaction,
    refreshing: tokio::task::JoinHandle<Result<(), sift::error::AppError>>,
}

async fn a_refresh_blocked_on_the_log(url: &str) -> Blocked {
    let store = Store::connect(url, 4).await.expect("store");
    store.migrate().await.expect("migrate");
    let model = Arc::new(SharedBacklog::new(
        TierThresholds::default(),
        sift::service::clock::Clock::system(),
    ));
    model
        .refresh_since(store.db(), Instant::now())
        .await
        .expect("first load");

    // Another session locks the clustering log: the next refresh's first read waits on it.
    let other = Database::connect(url).await.expect("other session");
    let locker = other.begin().await.expect("begin");
    locker
        .execute_unprepared("LOCK TABLE cluster_events IN ACCESS EXCLUSIVE MODE")
        .await
        .expect("lock");

    let refreshing = {
        let model = model.clone();
        let store = store.clone();
        tokio::spawn(async move { model.refresh_since(store.db(), Instant::now()).await })
    };
    // Until PostgreSQL shows the refresh waiting for the lock.
    let watcher = Database::connect(url).await.expect("watcher");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let row = watcher
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT COUNT(*) FROM pg_locks WHERE NOT granted \
                 AND relation = 'cluster_events'::regclass",
            ))
            .await
            .expect("pg_locks")
            .expect("row");
        let waiting: i64 = row.try_get_by_index(0).expect("count");
        if waiting > 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the refresh never reached the lock"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Blocked {
        store,
        model,
        _other: other,
        locker,
        refreshing,
    }
}

/// The statement that loads every request's evidence (the backlog model's first refresh reads
/// the table in ranges, packed).
fn is_full_load(sql: &str) -> bool {
    sql.contains("AS packed FROM feedback WHERE request_id IS NOT NULL")
}

/// The score inputs are loaded while the app is built, beside the clustering index, before the
/// port answers: from the end of the build on, neither the start nor the first backlog call
/// loads them again, and that call ranks every request.

#[tokio::test]
async fn the_backlog_is_loaded_before_health_answers_after_a_start() {
    use crate::fixtures::{account, feedback};
    use sift::pb;

    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        {
            let (app, server) = crate::harness::TestApp::start(backend, &url, |_| {}).await;
            let mut accounts = app.accounts.clone();
            accounts
                .upsert_accounts(pb::UpsertAccountsRequest {
                    accounts: vec![account("warm-a", 50_000)],
                })
                .await
                .expect("accounts");
            let mut fb = app.feedback.clone();
            for (i, text) in [
                "Export the invoice list to Excel",
                "Dark mode for the editor",
            ]
            .iter()
            .enumerate()
            {
                fb.submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(feedback(&format!("warm-{i}"), "warm-a", text)),
                })
                .await
                .expect("submit");
            }
            server.stop().await;
        }

        // A restart, watching every statement from the first.
        let recorded: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
        let mut app = sift::App::build(sift::Config::for_database(url.clone()))
            .await
            .expect("app builds");
        let sink = recorded.clone();
        app.observe_statements(move |stmt| {
            sink.lock().expect("recorder").push(stmt.sql.clone());
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
        let health = tonic_health::pb::health_client::HealthClient::new(channel.clone())
            .check(tonic_health::pb::HealthCheckRequest::default())
            .await
            .expect("health")
            .into_inner();
        assert_eq!(
            health.status,
            tonic_health::pb::health_check_response::ServingStatus::Serving as i32
        );
        let before_health: Vec<String> = std::mem::take(&mut *recorded.lock().expect("recorder"));
        assert!(
            !before_health.iter().any(|s| is_full_load(s)),
            "{backend:?}: the score inputs were loaded at build, not after: {before_health:#?}"
        );
        let page = pb::prioritization_service_client::PrioritizationServiceClient::new(channel)
            .get_ranked_backlog(pb::GetRankedBacklogRequest::default())
            .await
            .expect("backlog")
            .into_inner();
        assert_eq!(page.rows.len(), 2, "{backend:?}: both requests ranked");
        let during_call = recorded.lock().expect("recorder").clone();
        assert!(
            !during_call.iter().any(|s| is_full_load(s)),
            "{backend:?}: the first backlog call after the start loads nothing again"
        );
        let _ = stop.send(());
        server.await.expect("server task");
        // And `is_full_load` knows the full load when one runs.
        let loads: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
        let mut store = Store::connect(&url, 2).await.expect("store");
        let sink = loads.clone();
        store.observe_statements(move |stmt| {
            sink.lock().expect("recorder").push(stmt.sql.clone());
        });
        SharedBacklog::new(
            TierThresholds::default(),
            sift::service::clock::Clock::system(),
        )
        .refresh_since(store.db(), Instant::now())
        .await
        .expect("a first load");
        assert!(
            loads
                .lock()
                .expect("recorder")
                .iter()
                .any(|s| is_full_load(s)),
            "{backend:?}: a first load reads the evidence in ranges"
        );
        cleanup.run().await;
    }
}

/// What a refresh costs the database: with nothing new, one statement (every version stamp at
/// once); after three separate commits of ingest, the same statement (which brings the new
/// events) and one read of the new evidence, not one per commit. (The accounts are re-read while their latest change is under
/// two seconds old, by design: those reads are not counted.)
#[tokio::test]
async fn a_refresh_reads_its_stamps_and_new_events_in_one_statement_and_new_ingest_in_one_more() {
    use crate::fixtures::feedback;
    use sift::pb;

    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = crate::harness::TestApp::start(backend, &url, |_| {}).await;
        let recorded: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
        let mut store = Store::connect(&url, 2).await.expect("store");
        let sink = recorded.clone();
        store.observe_statements(move |stmt| {
            if !stmt.sql.contains("FROM accounts WHERE updated_at >") {
                sink.lock().expect("recorder").push(stmt.sql.clone());
            }
        });
        let model = SharedBacklog::new(
            TierThresholds::default(),
            sift::service::clock::Clock::system(),
        );
        model
            .refresh_since(store.db(), Instant::now())
            .await
            .expect("first load");
        let take = || std::mem::take(&mut *recorded.lock().expect("recorder"));
        take();

        model
            .refresh_since(store.db(), Instant::now())
            .await
            .expect("refresh");
        let nothing_new = take();
        assert_eq!(
            nothing_new.len(),
            1,
            "{backend:?}: a refresh with nothing new is one statement: {nothing_new:#?}"
        );

        let mut fb = app.feedback.clone();
        for (i, text) in [
            "Export the invoice list to Excel",
            "Dark mode for the editor",
            "Single sign-on with Okta",
        ]
        .iter()
        .enumerate()
        {
            fb.submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(feedback(&format!("stamps-{i}"), "stamps-a", text)),
            })
            .await
            .expect("submit");
        }
        model
            .refresh_since(store.db(), Instant::now())
            .await
            .expect("refresh after ingest");
        let after_ingest = take();
        let evidence_reads = after_ingest
            .iter()
            .filter(|s| s.contains("FROM feedback WHERE request_id IS NOT NULL"))
            .count();
        assert_eq!(
            (after_ingest.len(), evidence_reads),
            (2, 1),
            "{backend:?}: stamps with the new events, and one evidence read for three commits: \
             {after_ingest:#?}"
        );
        let evidence: usize = model
            .lock()
            .requests
            .values()
            .map(|r| r.evidence.len())
            .sum();
        assert_eq!(evidence, 3, "{backend:?}: all three items are evidence");
        server.stop().await;
        cleanup.run().await;
    }
}

/// The first load reads evidence packed by the database into one text per range of ids: it
/// gives exactly the rows the row-by-row read gives (every importance and none, ids, accounts
/// and times to the microsecond), on both databases, for the whole table and for a part of it.
#[tokio::test]
async fn the_packed_evidence_read_gives_the_rows_the_plain_read_gives() {
    use crate::fixtures::feedback;
    use sift::pb;
    use sift::store::backlog::{evidence_in_range, evidence_packed_in_range};

    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = crate::harness::TestApp::start(backend, &url, |_| {}).await;
        let mut fb = app.feedback.clone();
        let importances = [
            pb::Importance::Unspecified,
            pb::Importance::NiceToHave,
            pb::Importance::Important,
            pb::Importance::Critical,
        ];
        let texts = [
            "Export the invoice list to Excel",
            "Dark mode for the editor",
            "Single sign-on with Okta",
            "Export invoices as a spreadsheet",
            "Let us sign in with Okta SSO",
            "A dark theme, please",
        ];
        for (i, text) in texts.iter().enumerate() {
            let mut item = feedback(
                &format!("packed-{i}"),
                &format!("packed-acct-{}", i % 3),
                text,
            );
            item.importance = importances[i % importances.len()] as i32;
            item.occurred_at = Some(prost_types::Timestamp {
                seconds: 1_760_000_000 + i as i64 * 86_400,
                nanos: 123_456_000,
            });
            fb.submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(item),
            })
            .await
            .expect("submit");
        }
        let store = Store::connect(&url, 2).await.expect("store");
        let db = store.db();
        let plain = evidence_in_range(db, 1, i64::MAX)
            .await
            .expect("plain read");
        assert_eq!(
            plain.len(),
            texts.len(),
            "{backend:?}: every item is evidence"
        );
        assert!(
            plain.iter().any(|(_, e)| e.importance.is_none())
                && plain.iter().any(|(_, e)| e.importance.is_some()),
            "{backend:?}: items with and without an importance: {plain:?}"
        );
        let packed = evidence_packed_in_range(db, 1, i64::MAX)
            .await
            .expect("packed read");
        assert_eq!(packed, plain, "{backend:?}: the whole table");
        let (first, last) = (plain[1].1.feedback_id, plain[3].1.feedback_id);
        assert_eq!(
            evidence_packed_in_range(db, first, last)
                .await
                .expect("packed part"),
            evidence_in_range(db, first, last)
                .await
                .expect("plain part"),
            "{backend:?}: ids {first}..={last}"
        );
        assert_eq!(
            evidence_packed_in_range(db, i64::MAX - 1, i64::MAX)
                .await
                .expect("empty range"),
            Vec::new(),
            "{backend:?}: a range with no feedback"
        );
        server.stop().await;
        cleanup.run().await;
    }
}
