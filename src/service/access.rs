//! Access tokens (create, list, revoke, authenticate) and the audit log of PM actions.
//!
//! The caller of the current RPC (the token's name) is task-local: the auth layer sets it
//! around each call, and every audited use case reads it, so no handler has to pass it along.

use chrono::Utc;
use sha2::{Digest, Sha256};

use super::{page, page_size};
use crate::domain::Violations;
use crate::domain::access::{Scope, format_scopes, parse_scopes, token_name};
use crate::error::AppError;
use crate::store::access::{self as store, AuditRow, TokenRow};
use crate::store::{Store, to_micros};

tokio::task_local! {
    static CALLER: String;
}

/// Runs `f` with `name` as the caller of everything it does.
pub async fn as_caller<F: std::future::Future>(name: String, f: F) -> F::Output {
    CALLER.scope(name, f).await
}

/// The current call's caller: a token's name, or `fallback` (an actor named in the request)
/// when authentication is off.
pub fn caller_or(fallback: &str) -> String {
    CALLER
        .try_with(Clone::clone)
        .ok()
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| {
            let f = fallback.trim();
            if f.is_empty() {
                "anonymous".to_owned()
            } else {
                f.to_owned()
            }
        })
}

/// Records one PM action in the caller's transaction.
pub async fn audit<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    target: String,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), AppError> {
    let json = |v: serde_json::Value| {
        if v.is_null() {
            String::new()
        } else {
            v.to_string()
        }
    };
    store::insert_audit(
        db,
        &AuditRow {
            id: 0,
            at: to_micros(Utc::now()),
            actor: caller_or(actor),
            action: action.to_owned(),
            target,
            before: json(before),
            after: json(after),
        },
    )
    .await
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A new random secret: `sift_` and 64 hex digits from the OS's random source.
pub fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random source: {e}")))?;
    Ok(format!("sift_{}", hex(&bytes)))
}

/// A token as the API shows it.
#[derive(Debug, Clone)]
pub struct TokenView {
    pub row: TokenRow,
    pub scopes: Vec<Scope>,
}

impl From<TokenRow> for TokenView {
    fn from(row: TokenRow) -> Self {
        let scopes = row.scopes.split(',').filter_map(Scope::parse).collect();
        TokenView { row, scopes }
    }
}

/// Who is calling, once authenticated.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub scopes: Vec<Scope>,
}

#[derive(Clone)]
pub struct Tokens {
    store: Store,
}

impl Tokens {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Creates a token; returns it with its secret, which is not stored.
    pub async fn create(
        &self,
        name: &str,
        scopes: &[String],
    ) -> Result<(TokenView, String), AppError> {
        let mut v = Violations::default();
        let name = token_name(&mut v, "name", name);
        let scopes = parse_scopes(&mut v, "scopes", scopes);
        v.into_result(())?;
        let secret = new_secret()?;
        let tx = self.store.begin_write(None).await?;
        let row = store::insert_token(
            &*tx,
            &name,
            &hash(&secret),
            &format_scopes(&scopes),
            to_micros(Utc::now()),
        )
        .await?
        .ok_or_else(|| AppError::AlreadyExists(format!("token {name}")))?;
        audit(
            &*tx,
            "",
            "token.create",
            format!("token:{name}"),
            serde_json::Value::Null,
            serde_json::json!({ "scopes": row.scopes }),
        )
        .await?;
        tx.commit().await?;
        Ok((row.into(), secret))
    }

    pub async fn list(&self, include_revoked: bool) -> Result<Vec<TokenView>, AppError> {
        Ok(store::tokens(self.store.db(), include_revoked)
            .await?
            .into_iter()
            .map(TokenView::from)
            .collect())
    }

    pub async fn revoke(&self, name: &str) -> Result<TokenView, AppError> {
        let tx = self.store.begin_write(None).await?;
        let row = store::revoke_token(&*tx, name.trim(), to_micros(Utc::now()))
            .await?
            .ok_or_else(|| AppError::NotFound(format!("token {}", name.trim())))?;
        audit(
            &*tx,
            "",
            "token.revoke",
            format!("token:{}", row.name),
            serde_json::json!({ "revoked": false }),
            serde_json::json!({ "revoked": true }),
        )
        .await?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// The caller a bearer secret stands for; `None` if unknown or revoked. One indexed read
    /// per call, so a revocation holds from the next call on every instance.
    pub async fn authenticate(&self, secret: &str) -> Result<Option<Caller>, AppError> {
        Ok(store::token_by_hash(self.store.db(), &hash(secret))
            .await?
            .map(|row| {
                let view = TokenView::from(row);
                Caller {
                    name: view.row.name,
                    scopes: view.scopes,
                }
            }))
    }

    pub async fn audit_events(
        &self,
        target: &str,
        size: i32,
        token: &str,
    ) -> Result<(Vec<AuditRow>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let before = match token {
            "" => 0,
            t => page::decode("audit", t, 1, "page_token")?[0],
        };
        let target = Some(target.trim()).filter(|t| !t.is_empty());
        let mut rows = store::audit_page(self.store.db(), target, before, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last().map(|r| page::encode("audit", &[r.id]))
        } else {
            None
        };
        Ok((rows, next))
    }
}
