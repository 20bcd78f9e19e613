//! The backlog's in-memory model is never locked across a database round trip: while one
//! caller's refresh waits on the database, the model still answers. PostgreSQL only: a table
//! lock held by another session stops the refresh at a known statement, which SQLite's readers
//! (never blocked by a writer in WAL mode) cannot do.

use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, TransactionTrait};
use sift::domain::account::TierThresholds;
use sift::domain::scoring::ScoringProfile;
use sift::service::backlog::{SharedModel, score_time};
use sift::store::Store;

use crate::harness::{Backend, backends, fresh_database};

#[tokio::test]
async fn a_refresh_waiting_on_the_database_does_not_hold_the_model() {
    for backend in backends() {
        if backend != Backend::Postgres {
            continue;
        }
        let (url, cleanup) = fresh_database(backend).await;
        let store = Store::connect(&url, 4).await.expect("store");
        store.migrate().await.expect("migrate");
        let model = Arc::new(SharedModel::new(TierThresholds::default()));
        model
            .refresh_since(store.db(), Instant::now())
            .await
            .expect("first load");

        // Another session locks the clustering log: the next refresh's first read waits on it.
        let other = Database::connect(url.as_str()).await.expect("other session");
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
        let watcher = Database::connect(url.as_str()).await.expect("watcher");
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
            assert!(Instant::now() < deadline, "the refresh never reached the lock");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(!refreshing.is_finished(), "the refresh waits on the database");

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
