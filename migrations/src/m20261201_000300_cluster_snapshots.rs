//! Snapshots of the in-memory clustering index (issue 19): a start loads the newest one whose
//! format and configuration match and replays only the clustering log after `position`.
//! `cluster_snapshots` describes each snapshot; its bytes are split over
//! `cluster_snapshot_chunks` (a few MiB a row, well inside both backends' value limits). Both
//! are written in one transaction, so a snapshot that can be read is complete.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE cluster_snapshots (
    id {ID},
    position BIGINT NOT NULL,
    format INTEGER NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    size_bytes BIGINT NOT NULL,
    chunks INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cluster_snapshots_position ON cluster_snapshots (position, id);

CREATE TABLE cluster_snapshot_chunks (
    snapshot_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    data {BYTES} NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
)
"#;

sql_migration!(
    UP,
    "DROP TABLE cluster_snapshot_chunks; DROP TABLE cluster_snapshots"
);
