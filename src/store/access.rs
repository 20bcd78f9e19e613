//! Tokens and audit events.

use sea_orm::ConnectionTrait;

use super::Sql;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scopes: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

const TOKEN_COLUMNS: &str = "id, name, scopes, created_at, revoked_at";

fn token_row(row: &sea_orm::QueryResult) -> Result<TokenRow, AppError> {
    Ok(TokenRow {
        id: row.try_get_by_index(0)?,
        name: row.try_get_by_index(1)?,
        scopes: row.try_get_by_index(2)?,
        created_at: row.try_get_by_index(3)?,
        revoked_at: row.try_get_by_index(4)?,
    })
}

/// Inserts a token; `None` when the name is taken.
pub async fn insert_token<C: ConnectionTrait>(
    db: &C,
    name: &str,
    secret_hash: &str,
    scopes: &str,
    now: i64,
) -> Result<Option<TokenRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO tokens (name, secret_hash, scopes, created_at) VALUES (")
        .bind(name)
        .push(", ")
        .bind(secret_hash)
        .push(", ")
        .bind(scopes)
        .push(", ")
        .bind(now)
        .push(") ON CONFLICT (name) DO NOTHING RETURNING ")
        .push(TOKEN_COLUMNS);
    db.query_one_raw(q.build())
        .await?
        .map(|r| token_row(&r))
        .transpose()
}

pub async fn tokens<C: ConnectionTrait>(
    db: &C,
    include_revoked: bool,
) -> Result<Vec<TokenRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT ").push(TOKEN_COLUMNS).push(" FROM tokens");
    if !include_revoked {
        q.push(" WHERE revoked_at IS NULL");
    }
    q.push(" ORDER BY id");
    db.query_all_raw(q.build())
        .await?
        .iter()
        .map(token_row)
        .collect()
}

/// The live token with this secret hash.
pub async fn token_by_hash<C: ConnectionTrait>(
    db: &C,
    secret_hash: &str,
) -> Result<Option<TokenRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT ")
        .push(TOKEN_COLUMNS)
        .push(" FROM tokens WHERE secret_hash = ")
        .bind(secret_hash)
        .push(" AND revoked_at IS NULL");
    db.query_one_raw(q.build())
        .await?
        .map(|r| token_row(&r))
        .transpose()
}

/// Revokes the named token (already revoked: unchanged); returns it.
pub async fn revoke_token<C: ConnectionTrait>(
    db: &C,
    name: &str,
    now: i64,
) -> Result<Option<TokenRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE tokens SET revoked_at = COALESCE(revoked_at, ")
        .bind(now)
        .push(") WHERE name = ")
        .bind(name)
        .push(" RETURNING ")
        .push(TOKEN_COLUMNS);
    db.query_one_raw(q.build())
        .await?
        .map(|r| token_row(&r))
        .transpose()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub before: String,
    pub after: String,
}

pub async fn insert_audit<C: ConnectionTrait>(db: &C, e: &AuditRow) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO audit_events (at, actor, action, target, before_state, after_state) VALUES (",
    )
    .bind(e.at)
    .push(", ")
    .bind(e.actor.clone())
    .push(", ")
    .bind(e.action.clone())
    .push(", ")
    .bind(e.target.clone())
    .push(", ")
    .bind(e.before.clone())
    .push(", ")
    .bind(e.after.clone())
    .push(")");
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Audit events newest first, below id `before` (0: from the newest).
pub async fn audit_page<C: ConnectionTrait>(
    db: &C,
    target: Option<&str>,
    before: i64,
    limit: u64,
) -> Result<Vec<AuditRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT id, at, actor, action, target, before_state, after_state FROM audit_events \
         WHERE 1 = 1",
    );
    if before > 0 {
        q.push(" AND id < ").bind(before);
    }
    if let Some(t) = target {
        q.push(" AND target = ").bind(t);
    }
    q.push(" ORDER BY id DESC LIMIT ").bind(limit as i64);
    let mut out = Vec::new();
    for row in db.query_all_raw(q.build()).await? {
        out.push(AuditRow {
            id: row.try_get_by_index(0)?,
            at: row.try_get_by_index(1)?,
            actor: row.try_get_by_index(2)?,
            action: row.try_get_by_index(3)?,
            target: row.try_get_by_index(4)?,
            before: row.try_get_by_index(5)?,
            after: row.try_get_by_index(6)?,
        });
    }
    Ok(out)
}
