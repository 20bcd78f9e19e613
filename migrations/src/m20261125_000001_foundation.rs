//! Accounts, contacts and feedback.
//!
//! Timestamps are BIGINT microseconds since the Unix epoch, UTC: identical on both backends,
//! cheap to index and to compare. Money is BIGINT minor units. Enumerations are short text.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE accounts (
    id {ID},
    external_id VARCHAR(200) NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    arr BIGINT NULL,
    tier VARCHAR(16) NULL,
    segment TEXT NOT NULL DEFAULT '',
    seats INTEGER NULL,
    renewal_date VARCHAR(10) NULL,
    health INTEGER NULL,
    csm_email TEXT NOT NULL DEFAULT '',
    placeholder {BOOL} NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE contacts (
    id {ID},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    external_id VARCHAR(200) NULL UNIQUE,
    email VARCHAR(320) NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    locale VARCHAR(35) NOT NULL DEFAULT '',
    opted_out {BOOL} NOT NULL DEFAULT FALSE,
    channel VARCHAR(16) NULL,
    placeholder {BOOL} NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE feedback (
    id {KEY},
    source VARCHAR(16) NOT NULL,
    source_ref VARCHAR(200) NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    contact_id BIGINT NULL REFERENCES contacts (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    importance VARCHAR(16) NULL,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (source, source_ref)
);
CREATE INDEX feedback_account_time ON feedback (account_id, occurred_at, id);
CREATE INDEX feedback_time ON feedback (occurred_at, id);
"#;

sql_migration!(
    UP,
    "DROP TABLE feedback; DROP TABLE contacts; DROP TABLE accounts"
);
