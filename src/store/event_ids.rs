//! Telemetry event ids already counted (`telemetry_event_ids`): claimed in the transaction that
//! counts the events, so an id counts once whichever instance or path it arrives by.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use super::{Sql, sql::MAX_PARAMS};
use crate::error::AppError;

/// Records `ids` as seen at `seen_at` (microseconds) and answers those that were not recorded
/// before: the events to count. Concurrent claims of one id (two instances, a redelivery racing
/// the first delivery) are settled by the primary key: on PostgreSQL the second insert waits for
/// the first transaction and then finds the id taken. Ids are inserted in sorted order, so two
/// transactions claiming overlapping ids lock them in the same order and cannot deadlock.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    ids: &[&str],
    seen_at: i64,
) -> Result<HashSet<String>, AppError> {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut claimed = HashSet::with_capacity(sorted.len());
    for chunk in sorted.chunks(MAX_PARAMS / 2) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO telemetry_event_ids (event_id, seen_at) VALUES ");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(id.to_string())
                .push(", ")
                .bind(seen_at)
                .push(")");
        }
        q.push(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id");
        claimed.extend(super::column::<String, _>(db, q.build(), "event_id").await?);
    }
    Ok(claimed)
}

/// Forgets ids seen before `before` (microseconds); answers how many.
pub async fn prune<C: ConnectionTrait>(db: &C, before: i64) -> Result<u64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("DELETE FROM telemetry_event_ids WHERE seen_at < ")
        .bind(before);
    Ok(db.execute_raw(q.build()).await?.rows_affected())
}
