//! Semantic similarity (the optional embedding model): each placed feedback item's sentence
//! vector, so a restart or another instance rebuilds the index without running the model again,
//! and the queue of items awaiting placement by the model, so the queue lives in the database
//! (durable, unbounded on disk) while each instance holds only one small batch in memory.

use sea_orm_migration::prelude::*;

use crate::run_sql;

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(
            manager,
            "DROP TABLE placement_queue; DROP TABLE feedback_embeddings",
        )
        .await
    }
}
