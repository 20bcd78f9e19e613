//! The notification outbox: notifications written with the change that caused them, leased
//! to streams and claims, acknowledged, suppressed and rewritten on erasure.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::Sql;
use super::entity::notification;
use super::sql::MAX_PARAMS;
use crate::domain::notify::{
    Channel, Delivery, DeliveryStatus, Notification, Suppression, Trigger,
};
use crate::error::AppError;

const PENDING: &str = DeliveryStatus::Pending.as_str();
const FAILED: &str = DeliveryStatus::Failed.as_str();
const SUPPRESSED: &str = DeliveryStatus::Suppressed.as_str();

/// A stored notification as the domain sees it: the one conversion of a notification row.
fn to_notification(n: notification::Model) -> Result<Notification, AppError> {
    let broken = |what: &str, value: &str| {
        AppError::Internal(format!("notification {} has {what} {value:?}", n.id))
    };
    Ok(Notification {
        trigger: Trigger::parse(&n.trigger_kind)
            .ok_or_else(|| broken("trigger", &n.trigger_kind))?,
        channel: Channel::parse(&n.channel).ok_or_else(|| broken("channel", &n.channel))?,
        suppressed: match n.suppressed_reason.as_deref() {
            None => None,
            Some(r) => Some(Suppression::parse(r).ok_or_else(|| broken("suppression", r))?),
        },
        delivery: Delivery {
            status: DeliveryStatus::parse(&n.status).ok_or_else(|| broken("status", &n.status))?,
            failures: n.attempts.max(0) as u32,
            last_error: n.last_error,
            next_attempt_at: n.next_attempt_at,
            lease_until: n.lease_until,
        },
        id: n.id,
        dedupe_key: n.dedupe_key,
        release_id: n.release_id,
        request_id: n.request_id,
        account_id: n.account_id,
        contact_id: n.contact_id,
        recipient: n.recipient,
        lease_owner: n.lease_owner,
        payload: n.payload,
        created_at: n.created_at,
        updated_at: n.updated_at,
    })
}

fn to_notifications(rows: Vec<notification::Model>) -> Result<Vec<Notification>, AppError> {
    rows.into_iter().map(to_notification).collect()
}

/// Writes notifications (ids already assigned), skipping any whose dedupe key exists.
/// Returns how many were written.
pub async fn insert_notifications<C: ConnectionTrait>(
    db: &C,
    rows: &[Notification],
) -> Result<u64, AppError> {
    const COLUMNS: usize = 17;
    let mut written = 0;
    for chunk in rows.chunks(MAX_PARAMS / COLUMNS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO notifications (id, dedupe_key, trigger_kind, release_id, request_id, \
             account_id, contact_id, channel, recipient, status, suppressed_reason, attempts, \
             next_attempt_at, lease_until, payload, created_at, updated_at) VALUES ",
        );
        for (i, n) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(").bind(n.id).push(", ").bind(n.dedupe_key.clone());
            q.push(", ").bind(n.trigger.as_str());
            q.push(", ")
                .bind(n.release_id)
                .push(", ")
                .bind(n.request_id);
            q.push(", ")
                .bind(n.account_id)
                .push(", ")
                .bind(n.contact_id);
            q.push(", ").bind(n.channel.as_str());
            q.push(", ").bind(n.recipient.clone());
            q.push(", ").bind(n.delivery.status.as_str());
            q.push(", ")
                .bind(n.suppressed.map(|s| s.as_str().to_owned()));
            q.push(", ")
                .bind(n.delivery.failures as i32)
                .push(", ")
                .bind(n.delivery.next_attempt_at);
            q.push(", ")
                .bind(n.delivery.lease_until)
                .push(", ")
                .bind(n.payload.clone());
            q.push(", ")
                .bind(n.created_at)
                .push(", ")
                .bind(n.updated_at);
            q.push(")");
        }
        q.push(" ON CONFLICT (dedupe_key) DO NOTHING");
        written += db.execute_raw(q.build()).await?.rows_affected();
    }
    Ok(written)
}

/// The triggers that tell a requester their request is available: the release's own
/// notifications and the "already available" ones written after it shipped.
const TOLD: [&str; 2] = [
    crate::domain::notify::Trigger::Shipped.as_str(),
    crate::domain::notify::Trigger::AlreadyAvailable.as_str(),
];

#[derive(FromQueryResult)]
struct ToldRow {
    contact_id: i64,
    account_id: i64,
}

/// (contact id or 0, account id) of everyone told (SHIPPED or AVAILABLE) about any of
/// `request_ids`.
pub async fn told<C: ConnectionTrait>(
    db: &C,
    request_ids: &[i64],
) -> Result<std::collections::HashSet<(i64, i64)>, AppError> {
    let mut out = std::collections::HashSet::new();
    for chunk in request_ids.chunks(MAX_PARAMS - 2) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT COALESCE(contact_id, 0) AS contact_id, account_id FROM notifications \
             WHERE request_id IN ",
        )
        .bind_list(chunk.iter().copied())
        .push(" AND trigger_kind IN ")
        .bind_list(TOLD);
        for r in ToldRow::find_by_statement(q.build()).all(db).await? {
            out.insert((r.contact_id, r.account_id));
        }
    }
    Ok(out)
}

/// Every notification of a release, in id order.
pub async fn of_release<C: ConnectionTrait>(
    db: &C,
    release_id: i64,
) -> Result<Vec<Notification>, AppError> {
    to_notifications(
        notification::Entity::find()
            .filter(notification::Column::ReleaseId.eq(release_id))
            .filter(notification::Column::TriggerKind.is_in(TOLD))
            .order_by_asc(notification::Column::Id)
            .all(db)
            .await?,
    )
}

/// What a release told: how many notifications, how many of them suppressed, and the lowest and
/// highest of their ids (0 when none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromQueryResult)]
pub struct ReleaseTotals {
    pub notifications: i64,
    pub suppressed: i64,
    pub first_id: i64,
    pub last_id: i64,
}

/// The totals of a release's notifications.
pub async fn release_totals<C: ConnectionTrait>(
    db: &C,
    release_id: i64,
) -> Result<ReleaseTotals, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT COUNT(*) AS notifications, COALESCE(SUM(CASE WHEN status = ")
        .bind(SUPPRESSED)
        .push(
            " THEN 1 ELSE 0 END), 0) AS suppressed, COALESCE(MIN(id), 0) AS first_id, \
             COALESCE(MAX(id), 0) AS last_id FROM notifications WHERE release_id = ",
        )
        .bind(release_id)
        .push(" AND trigger_kind IN ")
        .bind_list(TOLD);
    Ok(ReleaseTotals::find_by_statement(q.build())
        .one(db)
        .await?
        .unwrap_or_default())
}

/// The highest notification id committed (0 when none). Ids are assigned under the ingest
/// lock, so every id up to it is committed too: a stream can scan up to it and move on.
pub async fn last_notification_id<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(super::max_id(db, "notifications").await?)
}

/// Whether any notification in `(after, upto]` is free for a stream to lease: not delivered,
/// due, and leased by nobody.
pub async fn leasable_in<C: ConnectionTrait>(
    db: &C,
    after: i64,
    upto: i64,
    now: i64,
) -> Result<bool, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id FROM notifications WHERE id > ")
        .bind(after)
        .push(" AND id <= ")
        .bind(upto)
        .push(" AND status IN ")
        .bind_list([PENDING, FAILED])
        .push(" AND next_attempt_at <= ")
        .bind(now)
        .push(" AND lease_until <= ")
        .bind(now)
        .push(" LIMIT 1");
    Ok(db.query_one_raw(q.build()).await?.is_some())
}

/// Leases to `owner` until `until` every notification in `(after, upto]` that is not delivered,
/// due, and leased by nobody; returns their ids. The conditions sit in the UPDATE itself, so
/// on PostgreSQL a row another consumer leased meanwhile is re-checked after its lock and left
/// out: a lease is exclusive across streams, claims and instances.
pub async fn lease_range<C: ConnectionTrait>(
    db: &C,
    owner: &str,
    after: i64,
    upto: i64,
    now: i64,
    until: i64,
) -> Result<Vec<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET lease_until = ")
        .bind(until)
        .push(", lease_owner = ")
        .bind(owner)
        .push(" WHERE id > ")
        .bind(after)
        .push(" AND id <= ")
        .bind(upto)
        .push(" AND status IN ")
        .bind_list([PENDING, FAILED])
        .push(" AND next_attempt_at <= ")
        .bind(now)
        .push(" AND lease_until <= ")
        .bind(now)
        .push(" RETURNING id");
    ids_of(db, q).await
}

/// Leases to a named consumer again what it holds or last held and nobody took since, not yet
/// delivered and due (a stream reconnecting resumes its leases); returns their ids.
pub async fn resume_leases<C: ConnectionTrait>(
    db: &C,
    owner: &str,
    now: i64,
    until: i64,
) -> Result<Vec<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET lease_until = ")
        .bind(until)
        .push(" WHERE lease_owner = ")
        .bind(owner)
        .push(" AND status IN ")
        .bind_list([PENDING, FAILED])
        .push(" AND next_attempt_at <= ")
        .bind(now)
        .push(" RETURNING id");
    ids_of(db, q).await
}

/// The `id` column of every row `q` answers, ascending.
async fn ids_of<C: ConnectionTrait>(db: &C, q: Sql) -> Result<Vec<i64>, AppError> {
    let mut ids = super::column::<i64, _>(db, q.build(), "id").await?;
    ids.sort_unstable();
    Ok(ids)
}

/// Gives the name of a stream consumer to `session` (the newest connection), connected until
/// `until`; any older session holding it loses it (see [`renew_consumer`]).
pub async fn take_consumer<C: ConnectionTrait>(
    db: &C,
    name: &str,
    session: &str,
    until: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("INSERT INTO notification_consumers (name, session, connected_until) VALUES (")
        .bind(name)
        .push(", ")
        .bind(session)
        .push(", ")
        .bind(until)
        .push(
            ") ON CONFLICT (name) DO UPDATE SET session = excluded.session, \
             connected_until = excluded.connected_until",
        );
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Extends `session`'s hold on a consumer name; false if another session took it over.
pub async fn renew_consumer<C: ConnectionTrait>(
    db: &C,
    name: &str,
    session: &str,
    until: i64,
) -> Result<bool, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notification_consumers SET connected_until = ")
        .bind(until)
        .push(" WHERE name = ")
        .bind(name)
        .push(" AND session = ")
        .bind(session);
    Ok(db.execute_raw(q.build()).await?.rows_affected() == 1)
}

/// Claims up to `limit` due, unleased notifications for one consumer until `until`, in one
/// statement: on PostgreSQL concurrent claimers skip each other's rows (`FOR UPDATE SKIP
/// LOCKED`); on SQLite the statement takes the write lock at once, so claimers queue.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    owner: &str,
    now: i64,
    until: i64,
    limit: u64,
) -> Result<Vec<Notification>, AppError> {
    let backend = db.get_database_backend();
    let mut q = Sql::new(backend);
    q.push("UPDATE notifications SET lease_until = ")
        .bind(until)
        .push(", lease_owner = ")
        .bind(owner)
        .push(" WHERE id IN (SELECT id FROM notifications WHERE status IN ")
        .bind_list([PENDING, FAILED])
        .push(" AND next_attempt_at <= ")
        .bind(now)
        .push(" AND lease_until <= ")
        .bind(now)
        .push(" ORDER BY id LIMIT ")
        .bind(limit as i64);
    if backend == DbBackend::Postgres {
        q.push(" FOR UPDATE SKIP LOCKED");
    }
    q.push(") RETURNING id");
    let ids = super::column::<i64, _>(db, q.build(), "id").await?;
    by_ids(db, &ids).await
}

/// Notifications by id, in id order.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<Vec<Notification>, AppError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        out.extend(to_notifications(
            notification::Entity::find()
                .filter(notification::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        )?);
    }
    out.sort_by_key(|n| n.id);
    Ok(out)
}

/// Records a delivery outcome on one notification.
pub async fn set_outcome<C: ConnectionTrait>(
    db: &C,
    id: i64,
    d: &Delivery,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET status = ")
        .bind(d.status.as_str())
        .push(", attempts = ")
        .bind(d.failures as i32)
        .push(", last_error = ")
        .bind(d.last_error.clone())
        .push(", next_attempt_at = ")
        .bind(d.next_attempt_at)
        .push(", lease_until = ")
        .bind(d.lease_until)
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// A page of notifications in id order, by release and status.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    release_id: Option<i64>,
    status: Option<DeliveryStatus>,
    after: i64,
    limit: u64,
) -> Result<Vec<Notification>, AppError> {
    let mut q = notification::Entity::find().filter(notification::Column::Id.gt(after));
    if let Some(r) = release_id {
        q = q.filter(notification::Column::ReleaseId.eq(r));
    }
    if let Some(s) = status {
        q = q.filter(notification::Column::Status.eq(s.as_str()));
    }
    to_notifications(
        q.order_by_asc(notification::Column::Id)
            .limit(limit)
            .all(db)
            .await?,
    )
}

/// Suppresses a contact's notifications not yet delivered.
pub async fn suppress_for_contact<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
    reason: Suppression,
    now: i64,
) -> Result<u64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET status = ")
        .bind(SUPPRESSED)
        .push(", suppressed_reason = ")
        .bind(reason.as_str())
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE contact_id = ")
        .bind(contact_id)
        .push(" AND status IN ")
        .bind_list([PENDING, FAILED]);
    Ok(db.execute_raw(q.build()).await?.rows_affected())
}

pub async fn for_contact<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
) -> Result<Vec<Notification>, AppError> {
    to_notifications(
        notification::Entity::find()
            .filter(notification::Column::ContactId.eq(contact_id))
            .order_by_asc(notification::Column::Id)
            .all(db)
            .await?,
    )
}

/// Replaces a notification's recipient and payload (erasure).
pub async fn rewrite<C: ConnectionTrait>(
    db: &C,
    id: i64,
    recipient: &str,
    payload: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET recipient = ")
        .bind(recipient)
        .push(", payload = ")
        .bind(payload)
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Notifications whose quotes include any of `feedback_ids`, or about any of `request_ids`.
pub async fn quoting_or_about<C: ConnectionTrait>(
    db: &C,
    feedback_ids: &[i64],
    request_ids: &[i64],
) -> Result<Vec<Notification>, AppError> {
    let mut ids: Vec<i64> = Vec::new();
    // The payload is JSON written by serde: a quote starts `{"feedback_id":<id>,`.
    for chunk in feedback_ids.chunks(MAX_PARAMS / 2) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT id FROM notifications WHERE ");
        for (i, f) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(" OR ");
            }
            q.push("payload LIKE ")
                .bind(format!("%\"feedback_id\":{f},%"));
        }
        ids.extend(ids_of(db, q).await?);
    }
    for chunk in request_ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT id FROM notifications WHERE request_id IN ")
            .bind_list(chunk.iter().copied());
        ids.extend(ids_of(db, q).await?);
    }
    ids.sort_unstable();
    ids.dedup();
    by_ids(db, &ids).await
}

/// CSM tasks not yet delivered (PENDING or FAILED) that quote a contact.
pub async fn open_csm_tasks_quoting<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
) -> Result<Vec<Notification>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    // A quote is serialised by serde with `contact_id` last: `"contact_id":<id>}`.
    q.push("SELECT id FROM notifications WHERE channel = ")
        .bind(Channel::CsmTask.as_str())
        .push(" AND status IN ")
        .bind_list([PENDING, FAILED])
        .push(" AND payload LIKE ")
        .bind(format!("%\"contact_id\":{contact_id}}}%"));
    let ids = ids_of(db, q).await?;
    by_ids(db, &ids).await
}

/// Suppresses one notification with `reason`.
pub async fn suppress<C: ConnectionTrait>(
    db: &C,
    id: i64,
    reason: Suppression,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET status = ")
        .bind(SUPPRESSED)
        .push(", suppressed_reason = ")
        .bind(reason.as_str())
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Rewrites a notification's payload (erasure).
pub async fn rewrite_payload<C: ConnectionTrait>(
    db: &C,
    id: i64,
    payload: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE notifications SET payload = ")
        .bind(payload)
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Notifications not yet delivered: how many, and when the oldest was created (microseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromQueryResult)]
pub struct OutboxDepth {
    pub waiting: i64,
    pub oldest_created_at: Option<i64>,
}

/// The depth of the outbox.
pub async fn outbox_depth<C: ConnectionTrait>(db: &C) -> Result<OutboxDepth, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest_created_at FROM notifications \
         WHERE status IN ",
    )
    .bind_list([PENDING, FAILED]);
    Ok(OutboxDepth::find_by_statement(q.build())
        .one(db)
        .await?
        .unwrap_or_default())
}
