//! Themes, alignments, effort, scoring profiles, telemetry signals and their aggregates.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE themes (
    id {ID},
    name VARCHAR(200) NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    weight DOUBLE PRECISION NOT NULL,
    active {BOOL} NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE request_themes (
    request_id BIGINT NOT NULL,
    theme_id BIGINT NOT NULL REFERENCES themes (id),
    alignment DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (request_id, theme_id)
);

ALTER TABLE requests ADD COLUMN effort DOUBLE PRECISION NULL;

CREATE TABLE scoring_profiles (
    id {ID},
    name VARCHAR(200) NOT NULL,
    version INTEGER NOT NULL,
    params TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE settings (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE signals (
    id {ID},
    signal_key VARCHAR(200) NOT NULL UNIQUE,
    description TEXT NOT NULL,
    request_id BIGINT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE telemetry_users (
    signal_id BIGINT NOT NULL,
    day INTEGER NOT NULL,
    account_id BIGINT NOT NULL,
    user_ref VARCHAR(200) NOT NULL,
    events BIGINT NOT NULL,
    PRIMARY KEY (signal_id, day, account_id, user_ref)
);

CREATE INDEX accounts_updated ON accounts (updated_at);
"#;

sql_migration!(
    UP,
    "DROP INDEX accounts_updated; DROP TABLE telemetry_users; DROP TABLE signals; \
             DROP TABLE settings; DROP TABLE scoring_profiles; \
             ALTER TABLE requests DROP COLUMN effort; DROP TABLE request_themes; DROP TABLE themes"
);
