//! Releases, the roadmap (a request's release or lane), release notes, and the notification
//! outbox that closing the loop writes in the same transaction as shipping.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE releases (
    id {ID},
    version VARCHAR(64) NOT NULL UNIQUE,
    kind VARCHAR(8) NOT NULL,
    planned_date VARCHAR(10) NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    shipped_at BIGINT NULL,
    shipped_by VARCHAR(200) NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

ALTER TABLE requests ADD COLUMN release_id BIGINT NULL;
ALTER TABLE requests ADD COLUMN lane VARCHAR(8) NULL;
CREATE INDEX requests_release ON requests (release_id);

CREATE TABLE release_notes (
    release_id BIGINT NOT NULL,
    request_id BIGINT NOT NULL,
    note TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (release_id, request_id)
);

ALTER TABLE contacts ADD COLUMN forgotten {BOOL} NOT NULL DEFAULT FALSE;

CREATE TABLE notifications (
    id {KEY},
    dedupe_key VARCHAR(200) NOT NULL UNIQUE,
    trigger_kind VARCHAR(16) NOT NULL,
    release_id BIGINT NULL,
    request_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    contact_id BIGINT NULL,
    channel VARCHAR(16) NOT NULL,
    recipient TEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    suppressed_reason VARCHAR(16) NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL DEFAULT 0,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at, id);
CREATE INDEX notifications_contact ON notifications (contact_id);
CREATE INDEX notifications_release ON notifications (release_id, id)
"#;

sql_migration!(
    UP,
    "DROP TABLE notifications; ALTER TABLE contacts DROP COLUMN forgotten; \
             DROP TABLE release_notes; DROP INDEX requests_release; \
             ALTER TABLE requests DROP COLUMN lane; ALTER TABLE requests DROP COLUMN release_id; \
             DROP TABLE releases"
);
