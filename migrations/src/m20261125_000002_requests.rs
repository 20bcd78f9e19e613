//! Requests (clusters of feedback), merge suggestions, and the clustering event log that keeps
//! every instance's in-memory index in step.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE requests (
    id {KEY},
    title TEXT NOT NULL DEFAULT '',
    pm_title TEXT NULL,
    status VARCHAR(16) NOT NULL,
    status_before_merge VARCHAR(16) NULL,
    merged_into BIGINT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX requests_merged_into ON requests (merged_into);

ALTER TABLE feedback ADD COLUMN request_id BIGINT NULL;
ALTER TABLE feedback ADD COLUMN home_request_id BIGINT NULL;
ALTER TABLE feedback ADD COLUMN assigned_request_id BIGINT NULL;
ALTER TABLE feedback ADD COLUMN moved_by_pm {BOOL} NOT NULL DEFAULT FALSE;
CREATE INDEX feedback_request ON feedback (request_id, account_id);

CREATE TABLE merge_suggestions (
    id {ID},
    request_id BIGINT NOT NULL,
    target_request_id BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE INDEX merge_suggestions_status ON merge_suggestions (status, id);

CREATE TABLE cluster_events (
    id {KEY},
    kind VARCHAR(16) NOT NULL,
    a BIGINT NOT NULL,
    b BIGINT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
"#;

sql_migration!(
    UP,
    "DROP TABLE cluster_events; DROP TABLE merge_suggestions; DROP INDEX feedback_request; \
             ALTER TABLE feedback DROP COLUMN moved_by_pm; \
             ALTER TABLE feedback DROP COLUMN assigned_request_id; \
             ALTER TABLE feedback DROP COLUMN home_request_id; \
             ALTER TABLE feedback DROP COLUMN request_id; DROP TABLE requests"
);
