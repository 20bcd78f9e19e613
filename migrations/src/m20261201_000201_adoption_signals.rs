//! Adoption signals: the telemetry signals a PM names as showing a request's feature in use
//! (`report.export.pdf` for "PDF export"). Adoption is counted from `telemetry_users` over
//! these signals after the request ships.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE request_adoption_signals (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    signal_id BIGINT NOT NULL REFERENCES signals (id),
    set_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, signal_id)
)
"#;

sql_migration!(UP, "DROP TABLE request_adoption_signals");
