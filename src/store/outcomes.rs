//! Account history, renewals, and the reads behind the outcome reports.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Sql, from_micros, sql::MAX_PARAMS};
use crate::domain::account::{Account, Tier};
use crate::domain::outcome::{
    AccountChange, AccountState, ChangeCause, NewRenewal, Renewal, RenewalOutcome, account_change,
};
use crate::domain::roadmap::RequestStatus;
use crate::error::AppError;

const HISTORY_COLUMNS: usize = 10;

/// The kept facts of a stored account.
pub fn state_of(a: &Account) -> AccountState {
    AccountState {
        arr: a.arr,
        tier: a.explicit_tier,
        health: a.health,
    }
}

/// Records, for each account of `new` (as stored after an upsert), the change from its row in
/// `old` (before the upsert, by external id; absent: new), if ARR, tier or health moved.
/// `effective_at_us[i]` is when `new[i]`'s change took effect.
pub async fn record_account_changes<C: ConnectionTrait>(
    db: &C,
    old: &HashMap<String, Account>,
    new: &[Account],
    effective_at_us: &[i64],
    recorded_at_us: i64,
) -> Result<(), AppError> {
    let changes: Vec<AccountChange> = new
        .iter()
        .zip(effective_at_us)
        .filter_map(|(n, &at)| {
            let (before, after) =
                account_change(old.get(&n.external_id).map(state_of), state_of(n))?;
            Some(AccountChange {
                account_id: n.id,
                effective_at: from_micros(at),
                before,
                after,
                cause: ChangeCause::Upsert,
            })
        })
        .collect();
    insert_changes(db, &changes, recorded_at_us).await
}

/// Appends changes to the history (one multi-row statement per chunk).
pub async fn insert_changes<C: ConnectionTrait>(
    db: &C,
    changes: &[AccountChange],
    recorded_at_us: i64,
) -> Result<(), AppError> {
    let tier = |t: Option<Tier>| t.map(|t| t.as_str().to_owned());
    for chunk in changes.chunks(MAX_PARAMS / HISTORY_COLUMNS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO account_history (account_id, effective_at, arr_before, arr_after, \
             tier_before, tier_after, health_before, health_after, cause, recorded_at) VALUES ",
        );
        for (i, c) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(c.account_id)
                .push(", ")
                .bind(c.effective_at.timestamp_micros())
                .push(", ")
                .bind(c.before.arr)
                .push(", ")
                .bind(c.after.arr)
                .push(", ")
                .bind(tier(c.before.tier))
                .push(", ")
                .bind(tier(c.after.tier))
                .push(", ")
                .bind(c.before.health)
                .push(", ")
                .bind(c.after.health)
                .push(", ")
                .bind(c.cause.as_str().to_owned())
                .push(", ")
                .bind(recorded_at_us)
                .push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

/// The columns of an account change, as [`HistoryRow`] reads them.
pub(super) const HISTORY_SELECT: &str = "account_id, effective_at, arr_before, arr_after, \
     tier_before, tier_after, health_before, health_after, cause, recorded_at";

/// A row of `account_history` (select [`HISTORY_SELECT`]).
#[derive(FromQueryResult)]
pub(super) struct HistoryRow {
    account_id: i64,
    effective_at: i64,
    arr_before: Option<i64>,
    arr_after: Option<i64>,
    tier_before: Option<String>,
    tier_after: Option<String>,
    health_before: Option<i32>,
    health_after: Option<i32>,
    cause: String,
    recorded_at: i64,
}

impl HistoryRow {
    /// The change it records, and when it was recorded: the one conversion of a history row.
    pub(super) fn into_change(self) -> Result<(AccountChange, i64), AppError> {
        let tier = |s: Option<String>| s.as_deref().and_then(Tier::parse);
        let cause = ChangeCause::parse(&self.cause)
            .ok_or_else(|| AppError::Internal(format!("history cause {:?}", self.cause)))?;
        let change = AccountChange {
            account_id: self.account_id,
            effective_at: from_micros(self.effective_at),
            before: AccountState {
                arr: self.arr_before,
                tier: tier(self.tier_before),
                health: self.health_before,
            },
            after: AccountState {
                arr: self.arr_after,
                tier: tier(self.tier_after),
                health: self.health_after,
            },
            cause,
        };
        Ok((change, self.recorded_at))
    }
}

/// One account's changes in the order recorded, each with when it was recorded.
pub async fn history_of<C: ConnectionTrait>(
    db: &C,
    account_id: i64,
) -> Result<Vec<(AccountChange, i64)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT ")
        .push(HISTORY_SELECT)
        .push(" FROM account_history WHERE account_id = ");
    q.bind(account_id).push(" ORDER BY id");
    HistoryRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(HistoryRow::into_change)
        .collect()
}

/// The latest effective date in an account's history, if it has any.
pub async fn latest_change_at<C: ConnectionTrait>(
    db: &C,
    account_id: i64,
) -> Result<Option<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT MAX(effective_at) AS latest FROM account_history WHERE account_id = ")
        .bind(account_id);
    Ok(super::scalar::<Option<i64>, _>(db, q.build(), "latest")
        .await?
        .flatten())
}

/// Sets an account's ARR (a churn the CRM reported through a renewal).
pub async fn set_arr<C: ConnectionTrait>(
    db: &C,
    account_id: i64,
    arr: i64,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE accounts SET arr = ")
        .bind(arr)
        .push(", updated_at = ")
        .bind(now_us)
        .push(" WHERE id = ")
        .bind(account_id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(FromQueryResult)]
pub(super) struct RenewalRow {
    id: i64,
    account_id: i64,
    external_id: String,
    reference: String,
    renewed_on: i64,
    outcome: String,
    arr_before: i64,
    arr_after: i64,
}

impl TryFrom<RenewalRow> for Renewal {
    type Error = AppError;

    fn try_from(r: RenewalRow) -> Result<Self, AppError> {
        Ok(Renewal {
            id: r.id,
            account_id: r.account_id,
            renewal: NewRenewal {
                account_external_id: r.external_id,
                reference: r.reference,
                renewed_on: from_micros(r.renewed_on).date_naive(),
                outcome: RenewalOutcome::parse(&r.outcome).ok_or_else(|| {
                    AppError::Internal(format!("renewal outcome {:?}", r.outcome))
                })?,
                arr_before: r.arr_before,
                arr_after: r.arr_after,
            },
        })
    }
}

pub(super) const RENEWAL_SELECT: &str = "SELECT r.id, r.account_id, a.external_id, r.reference, \
     r.renewed_on, r.outcome, r.arr_before, r.arr_after FROM renewals r \
     JOIN accounts a ON a.id = r.account_id WHERE ";

pub async fn renewal_by_reference<C: ConnectionTrait>(
    db: &C,
    reference: &str,
) -> Result<Option<Renewal>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(RENEWAL_SELECT)
        .push("r.reference = ")
        .bind(reference.to_owned());
    RenewalRow::find_by_statement(q.build())
        .one(db)
        .await?
        .map(Renewal::try_from)
        .transpose()
}

/// Stores a renewal and returns its id; `None` when its reference is already recorded.
pub async fn insert_renewal<C: ConnectionTrait>(
    db: &C,
    r: &NewRenewal,
    account_id: i64,
    renewed_on_us: i64,
    now_us: i64,
) -> Result<Option<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO renewals (reference, account_id, renewed_on, outcome, arr_before, \
         arr_after, recorded_at) VALUES (",
    );
    q.bind(r.reference.clone())
        .push(", ")
        .bind(account_id)
        .push(", ")
        .bind(renewed_on_us)
        .push(", ")
        .bind(r.outcome.as_str().to_owned())
        .push(", ")
        .bind(r.arr_before)
        .push(", ")
        .bind(r.arr_after)
        .push(", ")
        .bind(now_us)
        .push(") ON CONFLICT (reference) DO NOTHING RETURNING id");
    Ok(super::scalar(db, q.build(), "id").await?)
}

/// Renewals dated in `[from_us, to_us)`, date order.
pub async fn renewals_between<C: ConnectionTrait>(
    db: &C,
    from_us: i64,
    to_us: i64,
) -> Result<Vec<Renewal>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(RENEWAL_SELECT)
        .push("r.renewed_on >= ")
        .bind(from_us)
        .push(" AND r.renewed_on < ")
        .bind(to_us)
        .push(" ORDER BY r.renewed_on, r.id");
    RenewalRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(Renewal::try_from)
        .collect()
}

#[derive(FromQueryResult)]
struct AskRow {
    account_id: i64,
    request_id: i64,
    first_at: i64,
}

/// What `accounts` asked for: (account, request, its first feedback on it), for feedback that
/// belongs to a request.
pub async fn asks<C: ConnectionTrait>(
    db: &C,
    accounts: &[i64],
) -> Result<Vec<(i64, i64, chrono::DateTime<chrono::Utc>)>, AppError> {
    let mut out = Vec::new();
    for chunk in accounts.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT account_id, request_id, MIN(occurred_at) AS first_at FROM feedback \
             WHERE request_id IS NOT NULL AND account_id IN ",
        )
        .bind_list(chunk.iter().copied())
        .push(" GROUP BY account_id, request_id");
        for r in AskRow::find_by_statement(q.build()).all(db).await? {
            out.push((r.account_id, r.request_id, from_micros(r.first_at)));
        }
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct StatusChangeRow {
    request_id: i64,
    from_status: String,
    to_status: String,
    at: i64,
}

/// Status changes by request, oldest first: (from, to, at).
pub type StatusChanges =
    HashMap<i64, Vec<(RequestStatus, RequestStatus, chrono::DateTime<chrono::Utc>)>>;

/// The columns [`read_status_changes`] reads, before its `WHERE`.
pub(super) const STATUS_CHANGE_SELECT: &str =
    "SELECT request_id, from_status, to_status, at FROM request_status_history";

/// Adds the rows of `stmt` (a [`STATUS_CHANGE_SELECT`] in id order) to `out`.
pub(super) async fn read_status_changes<C: ConnectionTrait>(
    db: &C,
    stmt: sea_orm::Statement,
    out: &mut StatusChanges,
) -> Result<(), AppError> {
    let status = |s: &str| {
        RequestStatus::parse(s).ok_or_else(|| AppError::Internal(format!("status {s:?}")))
    };
    for r in StatusChangeRow::find_by_statement(stmt).all(db).await? {
        out.entry(r.request_id).or_default().push((
            status(&r.from_status)?,
            status(&r.to_status)?,
            from_micros(r.at),
        ));
    }
    Ok(())
}

/// Status changes of `requests`, oldest first.
pub async fn status_changes<C: ConnectionTrait>(
    db: &C,
    requests: &[i64],
) -> Result<StatusChanges, AppError> {
    let mut out = StatusChanges::new();
    for chunk in requests.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(STATUS_CHANGE_SELECT)
            .push(" WHERE request_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY id");
        read_status_changes(db, q.build(), &mut out).await?;
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct AskerRow {
    request_id: i64,
    account_id: i64,
}

/// Every open request (new, under review, planned, in progress) with its requesting accounts.
pub async fn open_request_accounts<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(i64, Vec<i64>)>, AppError> {
    let open: Vec<String> = RequestStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str().to_owned())
        .collect();
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT f.request_id, f.account_id FROM feedback f JOIN requests r ON r.id = f.request_id \
         WHERE r.status IN ",
    )
    .bind_list(open)
    .push(" GROUP BY f.request_id, f.account_id ORDER BY f.request_id, f.account_id");
    let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
    for row in AskerRow::find_by_statement(q.build()).all(db).await? {
        match out.last_mut() {
            Some((r, accounts)) if *r == row.request_id => accounts.push(row.account_id),
            _ => out.push((row.request_id, vec![row.account_id])),
        }
    }
    Ok(out)
}
