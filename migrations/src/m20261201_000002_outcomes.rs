//! Outcomes from the CRM: every change of an account's ARR, tier or health with the date it took
//! effect (append-only; the `accounts` row keeps only the latest), and renewal outcomes keyed by
//! the CRM's own reference.
//!
//! A history row holds the values before and after one change (NULL: unknown, or the account
//! did not exist yet). `effective_at` is when the change took effect in the CRM, `recorded_at`
//! when Sift learned of it; reconstruction at a past date reads `effective_at`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE account_history (
    id {ID},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    effective_at BIGINT NOT NULL,
    arr_before BIGINT NULL,
    arr_after BIGINT NULL,
    tier_before VARCHAR(16) NULL,
    tier_after VARCHAR(16) NULL,
    health_before INTEGER NULL,
    health_after INTEGER NULL,
    cause VARCHAR(16) NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX account_history_account ON account_history (account_id, effective_at, id);
CREATE INDEX account_history_time ON account_history (effective_at, id);

CREATE TABLE renewals (
    id {ID},
    reference VARCHAR(200) NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    renewed_on BIGINT NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    arr_before BIGINT NOT NULL,
    arr_after BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX renewals_time ON renewals (renewed_on, id);
CREATE INDEX renewals_account ON renewals (account_id, renewed_on)
"#;

sql_migration!(UP, "DROP TABLE renewals; DROP TABLE account_history");
