//! Sentence vectors of placed feedback and the queue of feedback awaiting placement by the
//! embedding model (see `service::placement`). Vectors are stored as little-endian f32 bytes.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Sql, sql::MAX_PARAMS};
use crate::error::AppError;

/// Rows per multi-row statement (each row binds at most 3 values).
const CHUNK: usize = MAX_PARAMS / 3;

pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub fn from_bytes(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Queues feedback for placement.
pub async fn enqueue<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<(), AppError> {
    for chunk in ids.chunks(CHUNK) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO placement_queue (feedback_id) VALUES ");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(").bind(*id).push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

/// A feedback item awaiting placement, with its words.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Queued {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// The oldest queued feedback, ascending by id.
pub async fn queued<C: ConnectionTrait>(db: &C, limit: usize) -> Result<Vec<Queued>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT f.id, f.title, f.body FROM placement_queue q JOIN feedback f ON f.id = q.feedback_id \
         ORDER BY q.feedback_id LIMIT ",
    )
    .bind(limit as i64);
    Ok(Queued::find_by_statement(q.build()).all(db).await?)
}

/// Which of `ids` are still queued (another instance may have placed them meanwhile).
pub async fn still_queued<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<Vec<i64>, AppError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT feedback_id FROM placement_queue WHERE feedback_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY feedback_id");
        out.extend(super::column::<i64, _>(db, q.build(), "feedback_id").await?);
    }
    Ok(out)
}

pub async fn dequeue<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<(), AppError> {
    for chunk in ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("DELETE FROM placement_queue WHERE feedback_id IN ")
            .bind_list(chunk.iter().copied());
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

/// Number of items awaiting placement.
pub async fn queue_len<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT COUNT(*) AS n FROM placement_queue");
    Ok(super::scalar::<i64, _>(db, q.build(), "n")
        .await?
        .unwrap_or(0))
}

/// Records where the model placed an item (its automatic assignment).
pub async fn place<C: ConnectionTrait>(db: &C, id: i64, request: i64) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET request_id = ")
        .bind(request)
        .push(", home_request_id = ")
        .bind(request)
        .push(", assigned_request_id = ")
        .bind(request)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Stores vectors (a vector already stored for an id is kept).
pub async fn insert_vectors<C: ConnectionTrait>(
    db: &C,
    model: &str,
    rows: &[(i64, &[f32])],
) -> Result<(), AppError> {
    let existing = vectors(db, &rows.iter().map(|r| r.0).collect::<Vec<_>>()).await?;
    let fresh: Vec<&(i64, &[f32])> = rows
        .iter()
        .filter(|r| !existing.contains_key(&r.0))
        .collect();
    for chunk in fresh.chunks(CHUNK) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO feedback_embeddings (feedback_id, model, vector) VALUES ");
        for (i, (id, v)) in chunk.iter().map(|r| (r.0, r.1)).enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(id)
                .push(", ")
                .bind(model)
                .push(", ")
                .bind(to_bytes(v))
                .push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

#[derive(FromQueryResult)]
struct VectorRow {
    feedback_id: i64,
    vector: Vec<u8>,
}

/// Stored vectors of `ids`.
pub async fn vectors<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<f32>>, AppError> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT feedback_id, vector FROM feedback_embeddings WHERE feedback_id IN ")
            .bind_list(chunk.iter().copied());
        for r in VectorRow::find_by_statement(q.build()).all(db).await? {
            out.insert(r.feedback_id, from_bytes(&r.vector));
        }
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct PlacedRow {
    id: i64,
    request_id: i64,
}

/// Every feedback id and its current request (0 when awaiting placement): for evaluation.
pub async fn all_requests<C: ConnectionTrait>(db: &C) -> Result<HashMap<i64, i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, COALESCE(request_id, 0) AS request_id FROM feedback");
    Ok(PlacedRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.request_id))
        .collect())
}
