//! Telemetry event ids already counted, so a redelivered event (a RecordTelemetry retry, a NATS
//! redelivery) counts once. Written in the transaction that adds the event to
//! `telemetry_users`; ids older than the retention window are deleted (by `seen_at`), which
//! keeps the table bounded.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE telemetry_event_ids (
    event_id VARCHAR(200) NOT NULL PRIMARY KEY,
    seen_at BIGINT NOT NULL
);
CREATE INDEX telemetry_event_ids_seen_at ON telemetry_event_ids (seen_at)
"#;

sql_migration!(
    UP,
    "DROP INDEX telemetry_event_ids_seen_at; DROP TABLE telemetry_event_ids"
);
