//! Accounts and contacts from the CRM sync.

use std::collections::HashSet;

use tracing::instrument;

use super::{Ctx, page, page_size};
use crate::domain::Violations;
use crate::domain::account::{Account, AccountDraft, Contact, ContactDraft};
use crate::error::AppError;
use crate::store::{accounts, outcomes, to_micros};

/// How a caller names an account.
pub enum AccountKey {
    Id(i64),
    External(String),
}

/// A contact with its account's external id.
pub struct ContactView {
    pub contact: Contact,
    pub account_external_id: String,
}

#[derive(Clone)]
pub struct Accounts {
    ctx: Ctx,
}

impl Accounts {
    pub fn new(ctx: Ctx) -> Self {
        Self { ctx }
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// Validates the whole batch first; any bad account rejects the call with nothing written.
    #[instrument(skip_all, fields(count = drafts.len()))]
    pub async fn upsert_accounts(
        &self,
        drafts: Vec<AccountDraft>,
    ) -> Result<Vec<Account>, AppError> {
        check_batch(drafts.len(), self.ctx.config.limits.max_batch, "accounts")?;
        let mut violations = Violations::default();
        let mut valid = Vec::with_capacity(drafts.len());
        let mut seen = HashSet::new();
        for (i, d) in drafts.into_iter().enumerate() {
            let prefix = format!("accounts[{i}]");
            // Compared in the form it is stored in: `acme` and `ａｃｍｅ` are one account.
            let external_id = crate::domain::validation::identifier_form(&d.external_id);
            if !external_id.is_empty() && !seen.insert(external_id) {
                violations.push(
                    format!("{prefix}.external_id"),
                    "appears more than once in this batch",
                );
            }
            match d.validate(&prefix) {
                Ok(a) => valid.push(a),
                Err(v) => violations.extend(v),
            }
        }
        violations.into_result(())?;
        // Every draft was valid, so `valid[i]` is `accounts[i]`.
        let now = self.ctx.clock.now();
        let latest = now + self.ctx.config.limits.max_future_skew;
        let mut future = Violations::default();
        for (i, a) in valid.iter().enumerate() {
            if a.effective_at.is_some_and(|t| t > latest) {
                future.push(format!("accounts[{i}].effective_at"), "is in the future");
            }
        }
        future.into_result(())?;
        let tx = self.ctx.store.begin_write(None).await?;
        let ext_ids: Vec<&str> = valid.iter().map(|a| a.external_id.as_str()).collect();
        let before = accounts::find_by_external_ids(&*tx, &ext_ids).await?;
        let out = accounts::upsert_accounts(&*tx, &valid, to_micros(now)).await?;
        // ARR, tier and health changes go to the history, in the same transaction.
        let effective: Vec<i64> = valid
            .iter()
            .map(|a| to_micros(a.effective_at.unwrap_or(now)))
            .collect();
        outcomes::record_account_changes(&*tx, &before, &out, &effective, to_micros(now)).await?;
        tx.commit().await?;
        Ok(out)
    }

    pub async fn get_account(&self, key: AccountKey) -> Result<Account, AppError> {
        let db = self.ctx.store.db();
        let found = match &key {
            AccountKey::Id(id) => accounts::get_by_id(db, *id).await?,
            // Stored ids have no control characters, and PostgreSQL refuses NUL in a query.
            AccountKey::External(ext) if ext.contains('\0') => None,
            AccountKey::External(ext) => accounts::get_by_external_id(db, ext).await?,
        };
        found.ok_or_else(|| match key {
            AccountKey::Id(id) => AppError::NotFound(format!("account {id}")),
            AccountKey::External(ext) => AppError::NotFound(format!("account {ext:?}")),
        })
    }

    /// A page of accounts in id order and the token of the next page, if any.
    pub async fn list_accounts(
        &self,
        page_size_requested: i32,
        token: &str,
    ) -> Result<(Vec<Account>, Option<String>), AppError> {
        let size = page_size(page_size_requested, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode("accounts", t, 1, "page_token")?[0],
        };
        let mut rows = accounts::list_page(self.ctx.store.db(), after, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last().map(|a| page::encode("accounts", &[a.id]))
        } else {
            None
        };
        Ok((rows, next))
    }

    /// Validates the whole batch first; unknown accounts are created as placeholders.
    #[instrument(skip_all, fields(count = drafts.len()))]
    pub async fn upsert_contacts(
        &self,
        drafts: Vec<ContactDraft>,
    ) -> Result<Vec<ContactView>, AppError> {
        check_batch(drafts.len(), self.ctx.config.limits.max_batch, "contacts")?;
        let mut violations = Violations::default();
        let mut valid = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            match d.validate(&format!("contacts[{i}]")) {
                Ok(c) => valid.push(c),
                Err(v) => violations.extend(v),
            }
        }
        violations.into_result(())?;
        let now = to_micros(self.ctx.clock.now());
        let tx = self.ctx.store.begin_write(None).await?;
        let ext_ids: Vec<&str> = valid
            .iter()
            .map(|c| c.account_external_id.as_str())
            .collect();
        let account_ids = accounts::ensure_accounts(&*tx, &ext_ids, now).await?;
        let mut out = Vec::with_capacity(valid.len());
        for (i, c) in valid.iter().enumerate() {
            let account_id = account_ids
                .get(&c.account_external_id)
                .copied()
                .ok_or_else(|| {
                    AppError::Internal(format!("account {} not created", c.account_external_id))
                })?;
            let model =
                accounts::upsert_contact(&*tx, &format!("contacts[{i}]"), c, account_id, now)
                    .await?;
            out.push(ContactView {
                contact: model,
                account_external_id: c.account_external_id.clone(),
            });
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// Refuses empty batches and batches over the configured limit.
pub fn check_batch(len: usize, max: usize, field: &str) -> Result<(), AppError> {
    if len == 0 {
        Err(AppError::invalid(field, "must contain at least one item"))
    } else if len > max {
        Err(AppError::invalid(
            field,
            format!("has {len} items, more than the limit of {max}"),
        ))
    } else {
        Ok(())
    }
}
