//! Tokens and audit events.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::Sql;
use crate::domain::access::AuditEntry;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scopes: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    /// When the token stops working; `None`: never.
    pub expires_at: Option<i64>,
    /// Its last authenticated call (recorded at most once a minute).
    pub last_used_at: Option<i64>,
}

/// Unqualified, so RETURNING takes them too; no other table joined here has these names.
const TOKEN_COLUMNS: &str = "id, name, scopes, created_at, revoked_at, expires_at, last_used_at";

/// A token with its current secret hash.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct TokenSecret {
    #[sea_orm(nested)]
    pub row: TokenRow,
    pub secret_hash: String,
}

/// The token a secret stands for, and when that secret stops working (`None`: never).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretOwner {
    pub row: TokenRow,
    pub valid_until: Option<i64>,
}

/// Inserts a token; `None` when the name is taken.
pub async fn insert_token<C: ConnectionTrait>(
    db: &C,
    name: &str,
    secret_hash: &str,
    scopes: &str,
    now: i64,
    expires_at: Option<i64>,
) -> Result<Option<TokenRow>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO tokens (name, secret_hash, scopes, created_at, expires_at) VALUES (")
        .bind(name)
        .push(", ")
        .bind(secret_hash)
        .push(", ")
        .bind(scopes)
        .push(", ")
        .bind(now)
        .push(", ")
        .bind(expires_at)
        .push(") ON CONFLICT (name) DO NOTHING RETURNING ")
        .push(TOKEN_COLUMNS);
    Ok(TokenRow::find_by_statement(q.build()).one(db).await?)
}

/// A token as listed: its row and, while a rotation's grace period runs, when the last
/// retired secret stops working.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct ListedToken {
    #[sea_orm(nested)]
    pub row: TokenRow,
    pub retiring_until: Option<i64>,
}

/// Tokens by id; without `include_revoked`, only those that still work at `now`.
pub async fn tokens<C: ConnectionTrait>(
    db: &C,
    include_revoked: bool,
    now: i64,
) -> Result<Vec<ListedToken>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT ")
        .push(TOKEN_COLUMNS)
        .push(
            ", (SELECT MAX(r.valid_until) FROM retiring_secrets r \
             WHERE r.token_id = tokens.id AND r.valid_until > ",
        )
        .bind(now)
        .push(") AS retiring_until FROM tokens");
    if !include_revoked {
        q.push(" WHERE tokens.revoked_at IS NULL AND (tokens.expires_at IS NULL OR tokens.expires_at > ")
            .bind(now)
            .push(")");
    }
    q.push(" ORDER BY tokens.id");
    Ok(ListedToken::find_by_statement(q.build()).all(db).await?)
}

/// A secret hash and the token it stands for (one row of [`tokens_by_hashes`]).
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
struct HashOwner {
    #[sea_orm(nested)]
    row: TokenRow,
    retiring_until: Option<i64>,
    matched_hash: String,
}

/// The tokens that secret hashes stand for at `now` (not revoked, not expired), and when each
/// secret stops working: the token's expiry, or sooner for a secret a rotation retired. One
/// statement for any number of hashes; a hash that stands for nothing is absent. The list is
/// padded to a power of two (repeating its last hash), so PostgreSQL caches a handful of
/// statement texts rather than one per length.
pub async fn tokens_by_hashes<C: ConnectionTrait>(
    db: &C,
    hashes: &[String],
    now: i64,
) -> Result<HashMap<String, SecretOwner>, AppError> {
    let Some(last) = hashes.last() else {
        return Ok(HashMap::new());
    };
    let padded = hashes.len().next_power_of_two();
    let list = || {
        hashes
            .iter()
            .chain(std::iter::repeat_n(last, padded - hashes.len()))
            .cloned()
    };
    let mut q = Sql::new(db.get_database_backend());
    // Current secrets (indexed reads), then retired ones within their grace period.
    q.push("SELECT ")
        .push(TOKEN_COLUMNS)
        .push(
            ", CAST(NULL AS BIGINT) AS retiring_until, tokens.secret_hash AS matched_hash \
             FROM tokens WHERE tokens.secret_hash IN ",
        )
        .bind_list(list())
        .push(
            " AND tokens.revoked_at IS NULL AND (tokens.expires_at IS NULL OR tokens.expires_at > ",
        )
        .bind(now)
        .push(") UNION ALL SELECT ")
        .push(TOKEN_COLUMNS)
        .push(
            ", r.valid_until AS retiring_until, r.secret_hash AS matched_hash \
             FROM retiring_secrets r JOIN tokens ON tokens.id = r.token_id WHERE r.secret_hash IN ",
        )
        .bind_list(list())
        .push(" AND r.valid_until > ")
        .bind(now)
        .push(
            " AND tokens.revoked_at IS NULL AND (tokens.expires_at IS NULL OR tokens.expires_at > ",
        )
        .bind(now)
        .push(")");
    let rows = HashOwner::find_by_statement(q.build()).all(db).await?;
    let mut out = HashMap::with_capacity(rows.len());
    for HashOwner {
        row,
        retiring_until,
        matched_hash,
    } in rows
    {
        let valid_until = match (row.expires_at, retiring_until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // A hash is a current secret or a retired one, never both; the current one wins.
        out.entry(matched_hash)
            .or_insert(SecretOwner { row, valid_until });
    }
    Ok(out)
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
    Ok(TokenRow::find_by_statement(q.build()).one(db).await?)
}

/// The named token with its current secret hash, locked for a rotation (PostgreSQL; SQLite's
/// write transaction already excludes other writers).
pub async fn token_for_rotation<C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> Result<Option<TokenSecret>, AppError> {
    let backend = db.get_database_backend();
    let mut q = Sql::new(backend);
    q.push("SELECT ")
        .push(TOKEN_COLUMNS)
        .push(", tokens.secret_hash FROM tokens WHERE tokens.name = ")
        .bind(name);
    if backend == sea_orm::DbBackend::Postgres {
        q.push(" FOR UPDATE");
    }
    Ok(TokenSecret::find_by_statement(q.build()).one(db).await?)
}

/// Gives the token a new current secret; the old one, if `retire_until` is set, stays valid
/// until then. Retired secrets whose grace has ended are dropped.
pub async fn rotate_secret<C: ConnectionTrait>(
    db: &C,
    token_id: i64,
    old_hash: &str,
    new_hash: &str,
    retire_until: Option<i64>,
    now: i64,
) -> Result<TokenRow, AppError> {
    let backend = db.get_database_backend();
    let mut q = Sql::new(backend);
    q.push("DELETE FROM retiring_secrets WHERE valid_until <= ")
        .bind(now);
    db.execute_raw(q.build()).await?;
    if let Some(until) = retire_until {
        let mut q = Sql::new(backend);
        q.push("INSERT INTO retiring_secrets (secret_hash, token_id, valid_until) VALUES (")
            .bind(old_hash)
            .push(", ")
            .bind(token_id)
            .push(", ")
            .bind(until)
            .push(")");
        db.execute_raw(q.build()).await?;
    }
    let mut q = Sql::new(backend);
    q.push("UPDATE tokens SET secret_hash = ")
        .bind(new_hash)
        .push(" WHERE id = ")
        .bind(token_id)
        .push(" RETURNING ")
        .push(TOKEN_COLUMNS);
    TokenRow::find_by_statement(q.build())
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("token {token_id} vanished in a rotation")))
}

/// Records a use of the token at `now` unless one at or after `since` is recorded already.
pub async fn touch_token<C: ConnectionTrait>(
    db: &C,
    token_id: i64,
    now: i64,
    since: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE tokens SET last_used_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(token_id)
        .push(" AND (last_used_at IS NULL OR last_used_at < ")
        .bind(since)
        .push(")");
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    #[sea_orm(alias = "before_state")]
    pub before: String,
    #[sea_orm(alias = "after_state")]
    pub after: String,
}

pub async fn insert_audit<C: ConnectionTrait>(db: &C, e: &AuditEntry) -> Result<(), AppError> {
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
) -> Result<Vec<AuditEntry>, AppError> {
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
    Ok(AuditRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            target: r.target,
            before: r.before,
            after: r.after,
        })
        .collect())
}
