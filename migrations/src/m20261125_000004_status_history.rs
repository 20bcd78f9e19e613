//! Every status change of a request: when, who, why.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE request_status_history (
    id {ID},
    request_id BIGINT NOT NULL,
    from_status VARCHAR(16) NOT NULL,
    to_status VARCHAR(16) NOT NULL,
    actor VARCHAR(200) NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX request_status_history_request ON request_status_history (request_id, id);
"#;

sql_migration!(UP, "DROP TABLE request_status_history");
