//! Access tokens (create, list, revoke, authenticate) and the audit log of PM actions.
//!
//! The caller of the current RPC (the token's name) is task-local: the auth layer sets it
//! around each call, and every audited use case reads it, so no handler has to pass it along.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use sha2::{Digest, Sha256};

use super::{page, page_size};
use crate::domain::Violations;
use crate::domain::access::{
    AuditEntry, LAST_USE_EVERY_SECS, MAX_GRACE_SECS, MAX_LIFETIME_SECS, Scope, Token,
    format_scopes, lifetime, parse_scopes, token_name,
};
use crate::error::AppError;
use crate::store::access::{self as store, ListedToken, TokenRow};
use crate::store::{Store, to_micros};

const MICROS: i64 = 1_000_000;

tokio::task_local! {
    static CALLER: String;
}

/// Runs `f` with `name` as the caller of everything it does.
pub async fn as_caller<F: std::future::Future>(name: String, f: F) -> F::Output {
    CALLER.scope(name, f).await
}

/// The actor a change is recorded as (status history, `shipped_by`, the audit log). With
/// authentication on it is the token's identity, and a name the caller supplied is kept next to
/// it as "<token> (on behalf of <name>)": a caller cannot write someone else's name in as the
/// actor. Without authentication (`--no-auth`) there is no identity: the supplied name, as
/// given. Applying it twice changes nothing.
pub fn attributed(supplied: &str) -> String {
    let supplied = supplied.trim();
    let caller = CALLER.try_with(Clone::clone).ok().filter(|c| !c.is_empty());
    match caller {
        None => supplied.to_owned(),
        Some(caller) if supplied.is_empty() || supplied == caller => caller,
        Some(caller) if supplied.starts_with(&format!("{caller} (on behalf of ")) => {
            supplied.to_owned()
        }
        Some(caller) => format!("{caller} (on behalf of {supplied})"),
    }
}

/// Records one PM action in the caller's transaction.
pub async fn audit<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    target: String,
    before: serde_json::Value,
    after: serde_json::Value,
    now: i64,
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
        &AuditEntry {
            id: 0,
            at: now,
            actor: match attributed(actor) {
                a if a.is_empty() => "anonymous".to_owned(),
                a => a,
            },
            action: action.to_owned(),
            target,
            before: json(before),
            after: json(after),
        },
    )
    .await
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new random secret: `sift_` and 64 hex digits from the OS's random source.
pub fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random source: {e}")))?;
    Ok(format!("sift_{}", hex::encode(bytes)))
}

/// A token as the API shows it.
#[derive(Debug, Clone)]
pub struct TokenView {
    pub token: Token,
    /// While a rotation's grace period runs: when the last retired secret stops working.
    pub retiring_until: Option<i64>,
}

impl From<TokenRow> for TokenView {
    fn from(row: TokenRow) -> Self {
        TokenView {
            token: Token {
                scopes: row.scopes.split(',').filter_map(Scope::parse).collect(),
                id: row.id,
                name: row.name,
                created_at: row.created_at,
                revoked_at: row.revoked_at,
                expires_at: row.expires_at,
                last_used_at: row.last_used_at,
            },
            retiring_until: None,
        }
    }
}

impl From<ListedToken> for TokenView {
    fn from(t: ListedToken) -> Self {
        TokenView {
            retiring_until: t.retiring_until,
            ..TokenView::from(t.row)
        }
    }
}

/// Who is calling, once authenticated.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub scopes: Vec<Scope>,
    /// When the secret it called with stops working (microseconds): the token's expiry, or the
    /// end of a rotation's grace period. `None`: not before it is revoked.
    pub valid_until: Option<i64>,
}

#[derive(Clone)]
pub struct Tokens {
    store: Store,
    /// Token id -> when this instance last recorded its use, so concurrent calls of one token
    /// write once (the database write itself is also conditional, for other instances).
    recorded_use: Arc<Mutex<HashMap<i64, i64>>>,
    clock: super::clock::Clock,
    lookups: Arc<Lookups>,
}

/// What one secret's lookup answers.
type Looked = Result<Option<store::SecretOwner>, AppError>;

/// Secret hashes waiting to be looked up, and the turn to read them. Every call's token is read
/// from the database after the call arrived (so a revocation on any instance holds from the next
/// call), but the calls that arrive while one read runs share the next one: one statement for
/// all of them instead of one each, as the ingest writer's group commit shares one transaction.
#[derive(Default)]
struct Lookups {
    /// Each waiting lookup: its hash and where its answer goes.
    waiting: Mutex<Vec<(String, tokio::sync::oneshot::Sender<Looked>)>>,
    turn: tokio::sync::Mutex<()>,
}

/// Most secrets one statement looks up.
const LOOKUPS_PER_READ: usize = 128;

impl Tokens {
    /// Tokens on the system clock (the command line's `sift token`).
    pub fn new(store: Store) -> Self {
        Self::with_clock(store, super::clock::Clock::system())
    }

    /// Tokens on the server's clock, so expiry and grace periods follow it.
    pub fn with_clock(store: Store, clock: super::clock::Clock) -> Self {
        Self {
            store,
            recorded_use: Arc::default(),
            clock,
            lookups: Arc::default(),
        }
    }

    /// The time tokens are judged at.
    pub fn now(&self) -> i64 {
        to_micros(self.clock.now())
    }

    /// Creates a token that never expires; returns it with its secret, which is not stored.
    pub async fn create(
        &self,
        name: &str,
        scopes: &[String],
    ) -> Result<(TokenView, String), AppError> {
        self.create_expiring(name, scopes, None).await
    }

    /// Creates a token that stops working `expires_in` seconds from now (never with `None`);
    /// returns it with its secret, which is not stored.
    pub async fn create_expiring(
        &self,
        name: &str,
        scopes: &[String],
        expires_in: Option<i64>,
    ) -> Result<(TokenView, String), AppError> {
        let mut v = Violations::default();
        let name = token_name(&mut v, "name", name);
        let scopes = parse_scopes(&mut v, "scopes", scopes);
        if let Some(secs) = expires_in {
            lifetime(&mut v, "expires_in", secs, MAX_LIFETIME_SECS, false);
        }
        v.into_result(())?;
        let secret = new_secret()?;
        let now = self.now();
        let expires_at = expires_in.map(|secs| now + secs * MICROS);
        let tx = self.store.begin_write(None).await?;
        let row = store::insert_token(
            &*tx,
            &name,
            &hash(&secret),
            &format_scopes(&scopes),
            now,
            expires_at,
        )
        .await?
        .ok_or_else(|| AppError::AlreadyExists(format!("token {name}")))?;
        audit(
            &*tx,
            "",
            "token.create",
            format!("token:{name}"),
            serde_json::Value::Null,
            serde_json::json!({ "scopes": row.scopes, "expires_at": row.expires_at }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((row.into(), secret))
    }

    /// A new secret for the named token, printed once; the old secret keeps working for
    /// `grace` seconds (0: stops at once), so clients can move without downtime. Scopes,
    /// expiry and history stay.
    pub async fn rotate(&self, name: &str, grace: i64) -> Result<(TokenView, String), AppError> {
        let name = name.trim();
        let mut v = Violations::default();
        lifetime(&mut v, "grace", grace, MAX_GRACE_SECS, true);
        v.into_result(())?;
        let secret = new_secret()?;
        let now = self.now();
        let tx = self.store.begin_write(None).await?;
        let store::TokenSecret {
            row,
            secret_hash: old_hash,
        } = store::token_for_rotation(&*tx, name)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("token {name}")))?;
        let state = crate::domain::access::TokenState::of(row.revoked_at, row.expires_at, now);
        if state != crate::domain::access::TokenState::Active {
            return Err(AppError::FailedPrecondition(format!(
                "token {name} is {}: create a new one",
                state.as_str()
            )));
        }
        let retire_until = (grace > 0).then(|| now + grace * MICROS);
        let row = store::rotate_secret(&*tx, row.id, &old_hash, &hash(&secret), retire_until, now)
            .await?;
        audit(
            &*tx,
            "",
            "token.rotate",
            format!("token:{name}"),
            serde_json::Value::Null,
            serde_json::json!({ "old_secret_valid_until": retire_until }),
            now,
        )
        .await?;
        tx.commit().await?;
        let mut view = TokenView::from(row);
        view.retiring_until = retire_until;
        Ok((view, secret))
    }

    /// Tokens that work now, or every token with `include_revoked` (revoked and expired too).
    pub async fn list(&self, include_revoked: bool) -> Result<Vec<TokenView>, AppError> {
        let now = self.now();
        Ok(store::tokens(self.store.db(), include_revoked, now)
            .await?
            .into_iter()
            .map(TokenView::from)
            .collect())
    }

    pub async fn revoke(&self, name: &str) -> Result<TokenView, AppError> {
        let tx = self.store.begin_write(None).await?;
        let row = store::revoke_token(&*tx, name.trim(), self.now())
            .await?
            .ok_or_else(|| AppError::NotFound(format!("token {}", name.trim())))?;
        audit(
            &*tx,
            "",
            "token.revoke",
            format!("token:{}", row.name),
            serde_json::json!({ "revoked": false }),
            serde_json::json!({ "revoked": true }),
            to_micros(self.clock.now()),
        )
        .await?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// The caller a bearer secret stands for; `None` if unknown, revoked or expired (or a
    /// rotated-out secret past its grace). Read from the database after the call arrived (in
    /// one statement with the calls that arrived meanwhile), so a revocation holds from the next
    /// call on every instance.
    pub async fn authenticate(&self, secret: &str) -> Result<Option<Caller>, AppError> {
        let Some(store::SecretOwner { row, valid_until }) = self.look_up(hash(secret)).await?
        else {
            return Ok(None);
        };
        self.record_use(row.id, row.last_used_at, self.now());
        let view = TokenView::from(row);
        Ok(Some(Caller {
            name: view.token.name,
            scopes: view.token.scopes,
            valid_until,
        }))
    }

    /// The token `secret_hash` stands for, read after this call: this caller waits its turn
    /// (behind at most the read running now), and whoever takes the turn first reads every
    /// hash waiting by then (one statement per [`LOOKUPS_PER_READ`]) and answers each.
    async fn look_up(&self, secret_hash: String) -> Looked {
        let lookups = &self.lookups;
        let (answer, answered) = tokio::sync::oneshot::channel();
        lookups
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((secret_hash, answer));
        {
            let _turn = lookups.turn.lock().await;
            let waiting = std::mem::take(
                &mut *lookups
                    .waiting
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            );
            // Empty when an earlier turn took (and answered) this caller's hash.
            if !waiting.is_empty() {
                // On a task of its own, so every caller taken is answered even if this one goes
                // away (its client hung up) while the read runs.
                let db = self.store.db().clone();
                let now = self.now();
                let read = tokio::spawn(async move {
                    let mut waiting = waiting.into_iter().peekable();
                    while waiting.peek().is_some() {
                        let batch: Vec<_> = waiting.by_ref().take(LOOKUPS_PER_READ).collect();
                        let hashes: Vec<String> = batch.iter().map(|(h, _)| h.clone()).collect();
                        let found = store::tokens_by_hashes(&db, &hashes, now).await;
                        for (h, answer) in batch {
                            // A caller that went away no longer needs its answer.
                            let _ = answer.send(match &found {
                                Ok(found) => Ok(found.get(&h).cloned()),
                                Err(e) => Err(e.clone()),
                            });
                        }
                    }
                });
                let _ = read.await;
            }
        }
        answered
            .await
            .unwrap_or_else(|_| Err(AppError::Internal("a token lookup was dropped".into())))
    }

    /// Records that the token was used at `now`, at most once a minute, in the background: the
    /// call does not wait for the write, and a failed write only costs the record.
    fn record_use(&self, token_id: i64, last_used_at: Option<i64>, now: i64) {
        let since = now - LAST_USE_EVERY_SECS * MICROS;
        if last_used_at.is_some_and(|t| t >= since) {
            return;
        }
        {
            let mut recorded = self
                .recorded_use
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if recorded.get(&token_id).is_some_and(|&t| t >= since) {
                return;
            }
            recorded.insert(token_id, now);
        }
        let store = self.store.clone();
        tokio::spawn(async move {
            let write = async {
                let tx = store.begin_write(None).await?;
                store::touch_token(&*tx, token_id, now, since).await?;
                tx.commit().await?;
                Ok::<(), AppError>(())
            };
            if let Err(e) = write.await {
                tracing::warn!(token_id, error = %e, "could not record a token's last use");
            }
        });
    }

    pub async fn audit_events(
        &self,
        target: &str,
        size: i32,
        token: &str,
    ) -> Result<(Vec<AuditEntry>, Option<String>), AppError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored token hashes stay valid: lowercase hex of SHA-256 of the secret.
    #[test]
    fn the_stored_hash_is_pinned() {
        assert_eq!(
            hash("sift_example-secret"),
            "00db0a255e9ba8cad3aedb7ba144b8960092f961377f0cd706ee0ac3868c45a4"
        );
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), "sift_".len() + 64);
        assert!(
            secret[5..]
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }
}
