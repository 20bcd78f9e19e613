//! Semantic similarity (the optional embedding model): each placed feedback item's sentence
//! vector, so a restart or another instance rebuilds the index without running the model again,
//! and the queue of items awaiting placement by the model, so the queue lives in the database
//! (durable, unbounded on disk) while each instance holds only one small batch in memory.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE feedback_embeddings (
    feedback_id {KEY},
    model VARCHAR(64) NOT NULL,
    vector {BYTES} NOT NULL
);

CREATE TABLE placement_queue (
    feedback_id {KEY}
)
"#;

sql_migration!(
    UP,
    "DROP TABLE placement_queue; DROP TABLE feedback_embeddings"
);
