//! Adoption signals of requests, and the reads behind adoption curves, release impact and
//! backtests.
//! Every read answers in named rows or domain types.

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::outcomes::{
    HISTORY_SELECT, HistoryRow, RENEWAL_SELECT, RenewalRow, STATUS_CHANGE_SELECT, StatusChanges,
    read_status_changes,
};
use super::{Sql, sql::MAX_PARAMS};
use crate::domain::notify::Trigger;
use crate::domain::outcome::{AccountChange, DailyUse, FirstUse, Renewal};
use crate::error::AppError;

/// A request's adoption signal.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct AdoptionSignal {
    pub signal_id: i64,
    pub signal_key: String,
}

/// The adoption signals of a request, by key.
pub async fn signals_of<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
) -> Result<Vec<AdoptionSignal>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT s.id AS signal_id, s.signal_key FROM request_adoption_signals r \
         JOIN signals s ON s.id = r.signal_id WHERE r.request_id = ",
    )
    .bind(request_id)
    .push(" ORDER BY s.signal_key");
    Ok(AdoptionSignal::find_by_statement(q.build()).all(db).await?)
}

/// Replaces the adoption signals of a request.
pub async fn set_signals<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    signal_ids: &[i64],
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("DELETE FROM request_adoption_signals WHERE request_id = ")
        .bind(request_id);
    db.execute_raw(q.build()).await?;
    for chunk in signal_ids.chunks(MAX_PARAMS / 3) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO request_adoption_signals (request_id, signal_id, set_at) VALUES ");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(request_id)
                .push(", ")
                .bind(*id)
                .push(", ")
                .bind(now_us)
                .push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

#[derive(FromQueryResult)]
struct DailyUseRow {
    day: i32,
    account_id: i64,
    users: i64,
}

/// Distinct users per (day, account) that used any of `signals` on days `[from_day, to_day]`.
pub async fn daily_use<C: ConnectionTrait>(
    db: &C,
    signals: &[i64],
    from_day: i32,
    to_day: i32,
) -> Result<Vec<DailyUse>, AppError> {
    if signals.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT day, account_id, COUNT(DISTINCT user_ref) AS users FROM telemetry_users WHERE ")
        .any_id("signal_id", signals)
        .push(" AND day >= ")
        .bind(from_day)
        .push(" AND day <= ")
        .bind(to_day)
        .push(" GROUP BY day, account_id");
    Ok(DailyUseRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| DailyUse {
            day: r.day,
            account_id: r.account_id,
            users: r.users,
        })
        .collect())
}

#[derive(FromQueryResult)]
struct FirstUseRow {
    account_id: i64,
    first_day: i32,
}

/// Each (account, user) of the accounts that asked for `request_id` that used any of
/// `signals` on days `[from_day, to_day]`, with its first such day.
pub async fn first_uses_by_requesters<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    signals: &[i64],
    from_day: i32,
    to_day: i32,
) -> Result<Vec<FirstUse>, AppError> {
    if signals.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT account_id, MIN(day) AS first_day FROM telemetry_users WHERE ")
        .any_id("signal_id", signals)
        .push(" AND day >= ")
        .bind(from_day)
        .push(" AND day <= ")
        .bind(to_day)
        .push(" AND account_id IN (SELECT account_id FROM feedback WHERE request_id = ")
        .bind(request_id)
        .push(") GROUP BY account_id, user_ref");
    Ok(FirstUseRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| FirstUse {
            account_id: r.account_id,
            day: r.first_day,
        })
        .collect())
}

/// An account that asked for a request, and when it first did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromQueryResult)]
pub struct Requester {
    pub account_id: i64,
    pub first_asked_us: i64,
}

/// The accounts that asked for any of `requests`, per request, in account order.
pub async fn requesters<C: ConnectionTrait>(
    db: &C,
    requests: &[i64],
) -> Result<Vec<(i64, Requester)>, AppError> {
    #[derive(FromQueryResult)]
    struct Row {
        request_id: i64,
        account_id: i64,
        first_asked_us: i64,
    }
    let mut out = Vec::new();
    for chunk in requests.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT request_id, account_id, MIN(occurred_at) AS first_asked_us FROM feedback \
             WHERE ",
        )
        .any_id("request_id", chunk)
        .push(" GROUP BY request_id, account_id ORDER BY request_id, account_id");
        out.extend(
            Row::find_by_statement(q.build())
                .all(db)
                .await?
                .into_iter()
                .map(|r| {
                    (
                        r.request_id,
                        Requester {
                            account_id: r.account_id,
                            first_asked_us: r.first_asked_us,
                        },
                    )
                }),
        );
    }
    Ok(out)
}

/// Notifications of one release about one request to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromQueryResult)]
pub struct Told {
    pub request_id: i64,
    pub account_id: i64,
    pub notifications: i64,
    pub suppressed: i64,
    /// Distinct recipients of notifications not suppressed.
    pub contacts_notified: i64,
    /// Distinct recipients of delivered notifications.
    pub contacts_delivered: i64,
}

/// What a release's notifications did, per request and account.
pub async fn told_in_release<C: ConnectionTrait>(
    db: &C,
    release_id: i64,
) -> Result<Vec<Told>, AppError> {
    use crate::domain::notify::DeliveryStatus;
    const DELIVERED: &str = DeliveryStatus::Delivered.as_str();
    const SUPPRESSED: &str = DeliveryStatus::Suppressed.as_str();
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT request_id, account_id, COUNT(*) AS notifications, \
         COUNT(CASE WHEN status = ",
    )
    .bind(SUPPRESSED)
    .push(" THEN 1 END) AS suppressed, COUNT(DISTINCT CASE WHEN status <> ")
    .bind(SUPPRESSED)
    .push(" THEN recipient END) AS contacts_notified, COUNT(DISTINCT CASE WHEN status = ")
    .bind(DELIVERED)
    .push(" THEN recipient END) AS contacts_delivered FROM notifications WHERE release_id = ")
    .bind(release_id)
    .push(" AND trigger_kind IN ")
    .bind_list([
        Trigger::Shipped.as_str(),
        Trigger::AlreadyAvailable.as_str(),
    ])
    .push(" GROUP BY request_id, account_id");
    Ok(Told::find_by_statement(q.build()).all(db).await?)
}

/// The changes of `accounts`, in the order recorded.
pub async fn history_of_accounts<C: ConnectionTrait>(
    db: &C,
    accounts: &[i64],
) -> Result<Vec<AccountChange>, AppError> {
    let mut out = Vec::new();
    for chunk in accounts.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT ")
            .push(HISTORY_SELECT)
            .push(" FROM account_history WHERE ")
            .any_id("account_id", chunk)
            .push(" ORDER BY id");
        for r in HistoryRow::find_by_statement(q.build()).all(db).await? {
            out.push(r.into_change()?.0);
        }
    }
    Ok(out)
}

/// Renewals of `accounts` dated on or after `from_us`.
pub async fn renewals_of_accounts_since<C: ConnectionTrait>(
    db: &C,
    accounts: &[i64],
    from_us: i64,
) -> Result<Vec<Renewal>, AppError> {
    let mut out = Vec::new();
    for chunk in accounts.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(RENEWAL_SELECT)
            .any_id("r.account_id", chunk)
            .push(" AND r.renewed_on >= ")
            .bind(from_us)
            .push(" ORDER BY r.renewed_on, r.id");
        for r in RenewalRow::find_by_statement(q.build()).all(db).await? {
            out.push(r.try_into()?);
        }
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct AccountId {
    id: i64,
}

/// Accounts that may have been at risk on a day: a renewal recorded in `[from_us, to_us)`, a
/// CRM renewal date in `[from_day, to_day]` (YYYY-MM-DD), or health below `threshold` now or in
/// any recorded change. The caller decides with the state at that day.
pub async fn risk_candidates<C: ConnectionTrait>(
    db: &C,
    from_us: i64,
    to_us: i64,
    from_day: &str,
    to_day: &str,
    threshold: i32,
) -> Result<Vec<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT account_id AS id FROM renewals WHERE renewed_on >= ")
        .bind(from_us)
        .push(" AND renewed_on < ")
        .bind(to_us)
        .push(" UNION SELECT id FROM accounts WHERE renewal_date >= ")
        .bind(from_day.to_owned())
        .push(" AND renewal_date <= ")
        .bind(to_day.to_owned())
        .push(" UNION SELECT id FROM accounts WHERE health < ")
        .bind(threshold)
        .push(" UNION SELECT account_id AS id FROM account_history WHERE health_before < ")
        .bind(threshold)
        .push(" OR health_after < ")
        .bind(threshold);
    let mut ids: Vec<i64> = AccountId::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Every account change effective after `after_us`, in the order recorded: with the state now,
/// enough to reconstruct every account at that moment.
pub async fn history_after<C: ConnectionTrait>(
    db: &C,
    after_us: i64,
) -> Result<Vec<AccountChange>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT ")
        .push(HISTORY_SELECT)
        .push(" FROM account_history WHERE effective_at > ")
        .bind(after_us)
        .push(" ORDER BY id");
    HistoryRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| Ok(r.into_change()?.0))
        .collect()
}

/// Every request's status changes, oldest first.
pub async fn all_status_changes<C: ConnectionTrait>(db: &C) -> Result<StatusChanges, AppError> {
    let mut out = StatusChanges::new();
    let mut q = Sql::new(db.get_database_backend());
    q.push(STATUS_CHANGE_SELECT).push(" ORDER BY id");
    read_status_changes(db, q.build(), &mut out).await?;
    Ok(out)
}
