//! Move suggestions: an item that may belong in another request, below the bar for moving it
//! automatically, for a PM to accept or reject. One row per (item, target) pair, so a pair is
//! proposed once and a rejected one never again.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE move_suggestions (
    id {ID},
    feedback_id BIGINT NOT NULL,
    from_request_id BIGINT NOT NULL,
    target_request_id BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE UNIQUE INDEX move_suggestions_pair ON move_suggestions (feedback_id, target_request_id);
CREATE INDEX move_suggestions_status ON move_suggestions (status, id);
"#;

sql_migration!(UP, "DROP TABLE move_suggestions");
