//! Tokens with an end: an optional expiry, the last time each was used (written at most once a
//! minute per token), and the secrets a rotation retired, each valid until its grace period ends
//! (so clients move to the new secret without downtime). The current secret stays in
//! `tokens.secret_hash`; a rotation moves the old one here.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE tokens ADD COLUMN expires_at BIGINT NULL;
ALTER TABLE tokens ADD COLUMN last_used_at BIGINT NULL;

CREATE TABLE retiring_secrets (
    secret_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    token_id BIGINT NOT NULL REFERENCES tokens (id),
    valid_until BIGINT NOT NULL
);
CREATE INDEX retiring_secrets_token ON retiring_secrets (token_id, valid_until)
"#;

sql_migration!(
    UP,
    "DROP TABLE retiring_secrets; \
     ALTER TABLE tokens DROP COLUMN last_used_at; \
     ALTER TABLE tokens DROP COLUMN expires_at"
);
