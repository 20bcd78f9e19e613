//! Accounts and contacts.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::entity::{account, contact};
use super::{Sql, sql::MAX_PARAMS};
use crate::domain::account::{Account, Contact, NewAccount, NewContact, Tier};
use crate::error::AppError;

const ACCOUNT_COLUMNS: usize = 12;

/// A stored account row as the domain's account.
pub(super) fn account_of(a: account::Model) -> Account {
    let account::Model {
        id,
        external_id,
        name,
        arr,
        tier,
        segment,
        seats,
        renewal_date,
        health,
        csm_email,
        placeholder,
        created_at,
        updated_at,
    } = a;
    Account {
        id,
        external_id,
        name,
        arr,
        explicit_tier: tier.as_deref().and_then(Tier::parse),
        segment,
        seats,
        renewal_date,
        health,
        csm_email,
        placeholder,
        created_at: super::from_micros(created_at),
        updated_at: super::from_micros(updated_at),
    }
}

/// The account columns an upsert may set, in the order of [`NewAccount::sent`].
const OPTIONAL_COLUMNS: [&str; 8] = [
    "name",
    "arr",
    "tier",
    "segment",
    "seats",
    "renewal_date",
    "health",
    "csm_email",
];

/// Inserts or updates accounts by external id and returns them in the order given. An update
/// sets only the fields the caller sent (a partial update): accounts that sent the same fields
/// share one multi-row statement per chunk. External ids must be distinct within the call.
pub async fn upsert_accounts<C: ConnectionTrait>(
    db: &C,
    accounts: &[NewAccount],
    now_us: i64,
) -> Result<Vec<Account>, AppError> {
    let mut shapes: Vec<([bool; 8], Vec<&NewAccount>)> = Vec::new();
    for a in accounts {
        let sent = a.sent();
        match shapes.iter_mut().find(|(s, _)| *s == sent) {
            Some((_, group)) => group.push(a),
            None => shapes.push((sent, vec![a])),
        }
    }
    for (sent, group) in &shapes {
        for chunk in group.chunks(MAX_PARAMS / ACCOUNT_COLUMNS) {
            let mut q = Sql::new(db.get_database_backend());
            q.push(
                "INSERT INTO accounts (external_id, name, arr, tier, segment, seats, renewal_date, \
                 health, csm_email, placeholder, created_at, updated_at) VALUES ",
            );
            for (i, a) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                // A field not sent starts empty on a new account.
                q.push("(")
                    .bind(a.external_id.clone())
                    .push(", ")
                    .bind(a.name.clone().unwrap_or_default())
                    .push(", ")
                    .bind(a.arr)
                    .push(", ")
                    .bind(a.tier.flatten().map(|t| t.as_str().to_owned()))
                    .push(", ")
                    .bind(a.segment.clone().unwrap_or_default())
                    .push(", ")
                    .bind(a.seats)
                    .push(", ")
                    .bind(
                        a.renewal_date
                            .flatten()
                            .map(|d| d.format("%Y-%m-%d").to_string()),
                    )
                    .push(", ")
                    .bind(a.health)
                    .push(", ")
                    .bind(a.csm_email.clone().unwrap_or_default())
                    .push(", ")
                    .bind(false)
                    .push(", ")
                    .bind(now_us)
                    .push(", ")
                    .bind(now_us)
                    .push(")");
            }
            let mut set = String::from(
                " ON CONFLICT (external_id) DO UPDATE SET placeholder = excluded.placeholder, \
                 updated_at = excluded.updated_at",
            );
            for (column, _) in OPTIONAL_COLUMNS.iter().zip(sent).filter(|(_, s)| **s) {
                set.push_str(&format!(", {column} = excluded.{column}"));
            }
            q.push(&set);
            db.execute_raw(q.build()).await?;
        }
    }
    super::views_changed(db).await?;
    let ids: Vec<&str> = accounts.iter().map(|a| a.external_id.as_str()).collect();
    let by_external = find_by_external_ids(db, &ids).await?;
    accounts
        .iter()
        .map(|a| {
            by_external
                .get(&a.external_id)
                .cloned()
                .ok_or_else(|| AppError::Internal(format!("account {} vanished", a.external_id)))
        })
        .collect()
}

pub async fn find_by_external_ids<C: ConnectionTrait>(
    db: &C,
    external_ids: &[&str],
) -> Result<HashMap<String, Account>, AppError> {
    let mut out = HashMap::with_capacity(external_ids.len());
    for chunk in external_ids.chunks(MAX_PARAMS) {
        let found = account::Entity::find()
            .filter(account::Column::ExternalId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        out.extend(
            found
                .into_iter()
                .map(|a| (a.external_id.clone(), account_of(a))),
        );
    }
    Ok(out)
}

/// Ids of the accounts with these external ids, creating placeholders (no ARR, tier unset) for
/// the ones the CRM sync has not delivered yet.
pub async fn ensure_accounts<C: ConnectionTrait>(
    db: &C,
    external_ids: &[&str],
    now_us: i64,
) -> Result<HashMap<String, i64>, AppError> {
    for chunk in external_ids.chunks(MAX_PARAMS / 3) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO accounts (external_id, placeholder, created_at, updated_at) VALUES ");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(id.to_string())
                .push(", TRUE, ")
                .bind(now_us)
                .push(", ");
            q.bind(now_us).push(")");
        }
        q.push(" ON CONFLICT (external_id) DO NOTHING");
        db.execute_raw(q.build()).await?;
    }
    let mut out = HashMap::with_capacity(external_ids.len());
    for chunk in external_ids.chunks(MAX_PARAMS) {
        let rows: Vec<(i64, String)> = account::Entity::find()
            .select_only()
            .column(account::Column::Id)
            .column(account::Column::ExternalId)
            .filter(account::Column::ExternalId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, ext)| (ext, id)));
    }
    Ok(out)
}

/// The external ids of these accounts, by id.
pub async fn external_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, String>, AppError> {
    let rows: Vec<(i64, String)> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::ExternalId)
        .filter(account::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn get_by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Account>, AppError> {
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(account_of))
}

pub async fn get_by_external_id<C: ConnectionTrait>(
    db: &C,
    external_id: &str,
) -> Result<Option<Account>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::ExternalId.eq(external_id))
        .one(db)
        .await?
        .map(account_of))
}

/// One page of accounts with id greater than `after`, ascending; fetches one extra row so the
/// caller knows whether another page follows.
pub async fn list_page<C: ConnectionTrait>(
    db: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<Account>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.gt(after))
        .order_by_asc(account::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(account_of)
        .collect())
}

/// A stored contact as the domain sees it: the one conversion of a contact row.
fn to_contact(c: contact::Model) -> Contact {
    Contact {
        id: c.id,
        account_id: c.account_id,
        external_id: c.external_id,
        email: c.email,
        name: c.name,
        locale: c.locale,
        opted_out: c.opted_out,
        channel: c
            .channel
            .as_deref()
            .and_then(crate::domain::notify::Channel::parse),
        placeholder: c.placeholder,
        forgotten: c.forgotten,
    }
}

/// One contact by id.
pub async fn contact<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Contact>, AppError> {
    Ok(contact::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_contact))
}

/// Inserts or updates one contact: matched by external id, else by email (adopting a contact
/// known only by email, such as a placeholder created by feedback).
pub async fn upsert_contact<C: ConnectionTrait>(
    db: &C,
    field: &str,
    c: &NewContact,
    account_id: i64,
    now_us: i64,
) -> Result<Contact, AppError> {
    let by_external = match &c.external_id {
        Some(ext) => {
            contact::Entity::find()
                .filter(contact::Column::ExternalId.eq(ext))
                .one(db)
                .await?
        }
        None => None,
    };
    let by_email = match &c.email {
        Some(email) => {
            contact::Entity::find()
                .filter(contact::Column::Email.eq(email))
                .one(db)
                .await?
        }
        None => None,
    };
    let existing = match (by_external, by_email) {
        (Some(a), Some(b)) if a.id != b.id => {
            return Err(AppError::invalid(
                format!("{field}.email"),
                format!("belongs to another contact (id {})", b.id),
            ));
        }
        (Some(a), _) => Some(a),
        (None, Some(b)) => match (&b.external_id, &c.external_id) {
            (Some(theirs), Some(ours)) if theirs != ours => {
                return Err(AppError::invalid(
                    format!("{field}.email"),
                    format!("belongs to the contact with external_id {theirs:?}"),
                ));
            }
            _ => Some(b),
        },
        (None, None) => None,
    };
    let model = match existing {
        Some(found) => {
            let mut am: contact::ActiveModel = found.into();
            if c.external_id.is_some() {
                am.external_id = Set(c.external_id.clone());
            }
            if c.email.is_some() {
                am.email = Set(c.email.clone());
            }
            am.name = Set(c.name.clone());
            am.locale = Set(c.locale.clone());
            am.account_id = Set(account_id);
            am.placeholder = Set(false);
            am.updated_at = Set(now_us);
            am.update(db).await?
        }
        None => {
            contact::ActiveModel {
                account_id: Set(account_id),
                external_id: Set(c.external_id.clone()),
                email: Set(c.email.clone()),
                name: Set(c.name.clone()),
                locale: Set(c.locale.clone()),
                opted_out: Set(false),
                channel: Set(None),
                placeholder: Set(false),
                created_at: Set(now_us),
                updated_at: Set(now_us),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    super::views_changed(db).await?;
    Ok(to_contact(model))
}

pub async fn by_ids<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<Vec<Account>, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_PARAMS) {
        if chunk.is_empty() {
            continue;
        }
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT * FROM accounts WHERE ").any_id("id", chunk);
        out.extend(
            account::Entity::find()
                .from_raw_sql(q.build())
                .all(db)
                .await?
                .into_iter()
                .map(account_of),
        );
    }
    Ok(out)
}
