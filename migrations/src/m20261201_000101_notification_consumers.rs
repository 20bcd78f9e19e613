//! Exclusive leases between consumers: every lease names its holder (`lease_owner`: a named
//! stream consumer, or an anonymous stream or claim), so a stream never sends what another
//! consumer holds and a named consumer that reconnects resumes its own leases. A named consumer
//! streams on one connection at a time: `notification_consumers` records which session holds
//! the name and until when it counts as connected.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE notifications ADD COLUMN lease_owner VARCHAR(240) NOT NULL DEFAULT '';
CREATE INDEX notifications_lease_owner ON notifications (lease_owner, id);

CREATE TABLE notification_consumers (
    name VARCHAR(200) NOT NULL PRIMARY KEY,
    session VARCHAR(64) NOT NULL,
    connected_until BIGINT NOT NULL
)
"#;

sql_migration!(
    UP,
    "DROP TABLE notification_consumers; \
     DROP INDEX notifications_lease_owner; \
     ALTER TABLE notifications DROP COLUMN lease_owner"
);
