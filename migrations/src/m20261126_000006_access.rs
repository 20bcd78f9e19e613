//! Access tokens (only a hash of each secret is stored) and the audit log of PM actions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE tokens (
    id {ID},
    name VARCHAR(100) NOT NULL UNIQUE,
    secret_hash VARCHAR(64) NOT NULL UNIQUE,
    scopes VARCHAR(200) NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE TABLE audit_events (
    id {ID},
    at BIGINT NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(64) NOT NULL,
    target VARCHAR(200) NOT NULL,
    before_state TEXT NOT NULL DEFAULT '',
    after_state TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_target ON audit_events (target, id)
"#;

sql_migration!(UP, "DROP TABLE audit_events; DROP TABLE tokens");
