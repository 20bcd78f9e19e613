//! Snapshots of the clustering index (see `service::snapshot`): a head row describing each and
//! its bytes in chunks, written in one transaction.

use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};

use super::Sql;

/// Bytes per chunk row.
const CHUNK_BYTES: usize = 4 << 20;

/// What a snapshot covers and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct SnapshotHead {
    pub id: i64,
    /// The last clustering-log event the snapshot includes.
    pub position: i64,
    pub format: i32,
    pub fingerprint: String,
    pub size_bytes: i64,
    pub chunks: i32,
    pub created_at: i64,
}

#[derive(FromQueryResult)]
struct Chunk {
    data: Vec<u8>,
}

#[derive(FromQueryResult)]
struct Found {
    found: i64,
}

const HEAD_COLUMNS: &str = "id, position, format, fingerprint, size_bytes, chunks, created_at";

/// The snapshot covering the most of the log (the latest written among equals).
pub async fn newest<C: ConnectionTrait>(db: &C) -> Result<Option<SnapshotHead>, DbErr> {
    let sql = format!(
        "SELECT {HEAD_COLUMNS} FROM cluster_snapshots ORDER BY position DESC, id DESC LIMIT 1"
    );
    SnapshotHead::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await
}

/// A snapshot's bytes, or `None` when its chunks are not all there.
pub async fn bytes<C: ConnectionTrait>(
    db: &C,
    head: &SnapshotHead,
) -> Result<Option<Vec<u8>>, DbErr> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT data FROM cluster_snapshot_chunks WHERE snapshot_id = ")
        .bind(head.id)
        .push(" ORDER BY seq");
    let chunks = Chunk::find_by_statement(q.build()).all(db).await?;
    if chunks.len() != head.chunks as usize {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(head.size_bytes.max(0) as usize);
    for c in chunks {
        out.extend_from_slice(&c.data);
    }
    Ok((out.len() as i64 == head.size_bytes).then_some(out))
}

/// Stores a snapshot covering the log up to `position` and drops those covering no more. Run
/// inside a transaction: readers see the head and all its chunks, or neither. Returns the new
/// head's id, or `None` when a snapshot covering more of the log is already there.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    position: i64,
    format: u32,
    fingerprint: &str,
    bytes: &[u8],
    now_us: i64,
) -> Result<Option<i64>, DbErr> {
    if newest(db).await?.is_some_and(|n| n.position > position) {
        return Ok(None);
    }
    let backend = db.get_database_backend();
    let chunks: Vec<&[u8]> = bytes.chunks(CHUNK_BYTES).collect();
    let mut q = Sql::new(backend);
    q.push(
        "INSERT INTO cluster_snapshots (position, format, fingerprint, size_bytes, chunks, \
         created_at) VALUES ",
    )
    .bind_list([
        sea_orm::Value::from(position),
        (format as i32).into(),
        fingerprint.into(),
        (bytes.len() as i64).into(),
        (chunks.len() as i32).into(),
        now_us.into(),
    ])
    .push(" RETURNING id AS found");
    let id = Found::find_by_statement(q.build())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?
        .found;
    for (seq, chunk) in chunks.into_iter().enumerate() {
        let mut q = Sql::new(backend);
        q.push("INSERT INTO cluster_snapshot_chunks (snapshot_id, seq, data) VALUES ")
            .bind_list([
                sea_orm::Value::from(id),
                (seq as i32).into(),
                chunk.to_vec().into(),
            ]);
        db.execute_raw(q.build()).await?;
    }
    let mut q = Sql::new(backend);
    q.push("DELETE FROM cluster_snapshot_chunks WHERE snapshot_id IN (SELECT id FROM cluster_snapshots WHERE position <= ")
        .bind(position)
        .push(" AND id <> ")
        .bind(id)
        .push(")");
    db.execute_raw(q.build()).await?;
    let mut q = Sql::new(backend);
    q.push("DELETE FROM cluster_snapshots WHERE position <= ")
        .bind(position)
        .push(" AND id <> ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(Some(id))
}

/// Drops every snapshot (after an erasure, or to force the next start to replay the whole log).
pub async fn discard_all<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(
        backend,
        "DELETE FROM cluster_snapshot_chunks",
    ))
    .await?;
    Ok(db
        .execute_raw(Statement::from_string(
            backend,
            "DELETE FROM cluster_snapshots",
        ))
        .await?
        .rows_affected())
}

/// Whether a contact's words were erased after `position` (an `ERASE` event in the log's tail).
pub async fn erased_after<C: ConnectionTrait>(db: &C, position: i64) -> Result<bool, DbErr> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT COUNT(*) AS found FROM cluster_events WHERE id > ")
        .bind(position)
        .push(" AND kind = ")
        .bind("ERASE");
    Ok(Found::find_by_statement(q.build())
        .one(db)
        .await?
        .is_some_and(|f| f.found > 0))
}
