//! What the in-memory backlog reads: request statuses and efforts, accounts by update stamp,
//! and feedback as scoring evidence. Named rows, read by column name.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::{Sql, from_micros, to_micros};
use crate::domain::cluster_log::{LogEvent, LogKind};
use crate::domain::feedback::Importance;
use crate::domain::roadmap::RequestStatus;
use crate::domain::scoring::Evidence;
use crate::error::AppError;

/// A request's status and effort as the backlog scores them.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestState {
    pub id: i64,
    pub status: RequestStatus,
    pub effort: Option<f64>,
}

#[derive(FromQueryResult)]
struct RequestStateRow {
    id: i64,
    status: String,
    effort: Option<f64>,
}

/// An account as the backlog reads it, with its update stamp (microseconds).
#[derive(Debug, Clone, FromQueryResult)]
pub struct AccountScoreRow {
    pub id: i64,
    pub arr: Option<i64>,
    pub tier: Option<String>,
    pub seats: Option<i32>,
    pub renewal_date: Option<String>,
    pub health: Option<i32>,
    pub segment: String,
    pub updated_at: i64,
}

#[derive(FromQueryResult)]
struct EvidenceRow {
    id: i64,
    account_id: i64,
    importance: Option<String>,
    occurred_at: i64,
    request_id: i64,
}

/// Statuses and efforts of the given requests (all when `None`).
pub async fn request_states<C: ConnectionTrait>(
    db: &C,
    ids: Option<&[i64]>,
) -> Result<Vec<RequestState>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id, status, effort FROM requests");
    if let Some(ids) = ids {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        q.push(" WHERE ").any_id("id", ids);
    }
    RequestStateRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(RequestState {
                id: r.id,
                status: super::requests::stored_status(&r.status)?,
                effort: r.effort,
            })
        })
        .collect()
}

/// What the backlog compares with its own before reading anything else, read in one round
/// trip: the newest clustering event, the latest account update (an index-only look: the
/// account range query is then planned with a known bound) and the named plan and telemetry
/// versions (0 when unset).
#[derive(Debug, Clone, Copy, PartialEq, FromQueryResult)]
pub struct Stamps {
    pub last_event: i64,
    pub accounts_latest: Option<i64>,
    pub plan_version: i64,
    pub telemetry_version: i64,
    /// [`super::VIEWS_VERSION`] (0 when unset).
    pub views_version: i64,
}

/// Where a read of requests' views stands: the clustering log's newest event and
/// [`super::VIEWS_VERSION`], as a refresh read them in its [`Stamps`], before the rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewStamps {
    pub latest_event: i64,
    pub views_version: i64,
}

#[derive(FromQueryResult)]
struct StampsRow {
    #[sea_orm(nested)]
    stamps: Stamps,
    e_id: Option<i64>,
    e_kind: Option<String>,
    e_a: Option<i64>,
    e_b: Option<i64>,
    e_payload: Option<String>,
}

/// The [`Stamps`], and with them, when `events` is `Some((after, limit))`, the first `limit`
/// clustering events after `after` (none past the stamp's newest: one statement reads both from
/// one snapshot). A refresh with anything new then needs no round trip to start on it.
pub async fn stamps<C: ConnectionTrait>(
    db: &C,
    plan_setting: &str,
    telemetry_setting: &str,
    events: Option<(i64, u64)>,
) -> Result<(Stamps, Vec<LogEvent>), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT s.last_event, s.accounts_latest, s.plan_version, s.telemetry_version, s.views_version, \
         e.id AS e_id, e.kind AS e_kind, e.a AS e_a, e.b AS e_b, e.payload AS e_payload FROM \
         (SELECT (SELECT COALESCE(MAX(id), 0) FROM cluster_events) AS last_event, \
         (SELECT MAX(updated_at) FROM accounts) AS accounts_latest, \
         COALESCE((SELECT value FROM settings WHERE name = ",
    )
    .bind(plan_setting.to_owned())
    .push("), 0) AS plan_version, COALESCE((SELECT value FROM settings WHERE name = ")
    .bind(telemetry_setting.to_owned())
    .push("), 0) AS telemetry_version, COALESCE((SELECT value FROM settings WHERE name = ")
    .bind(super::VIEWS_VERSION.to_owned())
    .push("), 0) AS views_version) s LEFT JOIN ");
    match events {
        Some((after, limit)) => {
            q.push("(SELECT id, kind, a, b, payload FROM cluster_events WHERE id > ")
                .bind(after)
                .push(" ORDER BY id LIMIT ")
                .bind(limit as i64)
                .push(") e ON e.id <= s.last_event ORDER BY e.id");
        }
        // No event row: the join keeps the one row of stamps.
        None => {
            q.push("(SELECT id, kind, a, b, payload FROM cluster_events WHERE 1 = 0) e ON 1 = 1");
        }
    }
    let rows = StampsRow::find_by_statement(q.build()).all(db).await?;
    let stamps = rows
        .first()
        .map(|r| r.stamps)
        .ok_or_else(|| AppError::Internal("no version stamps".into()))?;
    let events = rows
        .into_iter()
        .filter_map(|r| {
            Some(LogEvent {
                id: r.e_id?,
                kind: LogKind::parse(r.e_kind.as_deref()?),
                a: r.e_a?,
                b: r.e_b?,
                payload: r.e_payload.unwrap_or_default(),
            })
        })
        .collect();
    Ok((stamps, events))
}

/// Accounts updated since `seen` (microseconds), or `None` when nothing can have changed.
/// `latest` is the latest update stamp (see [`stamps`]); `now` bounds how far back an
/// in-flight upsert may be stamped.
pub async fn changed_accounts<C: ConnectionTrait>(
    db: &C,
    seen: i64,
    latest: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<Vec<AccountScoreRow>>, AppError> {
    let recent = to_micros(now) - 2_000_000;
    let Some(latest) = latest else {
        return Ok(None);
    };
    if latest <= seen && seen < recent {
        return Ok(None);
    }
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT id, arr, tier, seats, renewal_date, health, segment, updated_at FROM accounts \
         WHERE updated_at > ",
    );
    // An upsert stamped just before our last read may commit just after it: while the last
    // change seen is under two seconds old, re-read those two seconds (unchanged rows are
    // skipped when applied). Bounded above by the latest stamp just read, so even without
    // statistics PostgreSQL estimates a narrow range and probes the index rather than reading
    // every account; anything stamped later is read by the next refresh.
    q.bind(seen.min(recent))
        .push(" AND updated_at <= ")
        .bind(latest)
        .push(" ORDER BY updated_at");
    Ok(Some(
        AccountScoreRow::find_by_statement(q.build())
            .all(db)
            .await?,
    ))
}

/// (request, evidence) of placed feedback with ids from `first` to `last`.
pub async fn evidence_in_range<C: ConnectionTrait>(
    db: &C,
    first: i64,
    last: i64,
) -> Result<Vec<(i64, Evidence)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("id >= ").bind(first).push(" AND id <= ").bind(last);
    evidence_where(db, q).await
}

/// The same rows as [`evidence_in_range`], packed by the database into one text value, for
/// the first load of the whole table. Row by row, the SQLite driver hands each row from its
/// worker thread to the caller's task and wakes it: at 1M rows that was about 200,000 context
/// switches and three seconds of a start, against 0.3 s for SQLite to read them. Packed, a
/// range is one row; the database formats the numbers and [`unpack_evidence`] parses them.
pub async fn evidence_packed_in_range<C: ConnectionTrait>(
    db: &C,
    first: i64,
    last: i64,
) -> Result<Vec<(i64, Evidence)>, AppError> {
    let backend = db.get_database_backend();
    let aggregate = match backend {
        sea_orm::DbBackend::Postgres => {
            "string_agg(concat_ws(',', id, request_id, account_id, COALESCE(importance, ''), \
             occurred_at), ';')"
        }
        _ => {
            "group_concat(printf('%d,%d,%d,%s,%d', id, request_id, account_id, \
             COALESCE(importance, ''), occurred_at), ';')"
        }
    };
    let mut q = Sql::new(backend);
    q.push(&format!(
        "SELECT {aggregate} AS packed FROM feedback WHERE request_id IS NOT NULL AND id >= "
    ))
    .bind(first)
    .push(" AND id <= ")
    .bind(last);
    let packed: Option<String> = super::scalar::<Option<String>, _>(db, q.build(), "packed")
        .await?
        .flatten();
    unpack_evidence(packed.as_deref().unwrap_or(""))
        .map_err(|e| AppError::Internal(format!("feedback {first}..={last} as evidence: {e}")))
}

/// Parses what [`evidence_packed_in_range`] packs: rows `id,request,account,importance,
/// occurred_at` (importance empty when unset) joined by `;`, into (request, evidence) in id
/// order.
pub fn unpack_evidence(packed: &str) -> Result<Vec<(i64, Evidence)>, String> {
    let mut out = Vec::with_capacity(packed.len() / 40);
    if packed.is_empty() {
        return Ok(out);
    }
    for row in packed.split(';') {
        let mut f = row.split(',');
        let (Some(id), Some(request), Some(account), Some(importance), Some(occurred_at), None) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return Err(format!("row {row:?}: not five fields"));
        };
        let int = |name: &str, x: &str| {
            x.parse::<i64>()
                .map_err(|_| format!("row {row:?}: {name} {x:?}"))
        };
        let (id, request, account) = (
            int("id", id)?,
            int("request", request)?,
            int("account", account)?,
        );
        let importance = Importance::parse(importance);
        let occurred_at = int("occurred_at", occurred_at)?;
        out.push((
            request,
            Evidence {
                feedback_id: id,
                account_id: account,
                importance,
                occurred_at: from_micros(occurred_at),
            },
        ));
    }
    // The aggregate's order is the database's to choose.
    out.sort_unstable_by_key(|(_, e)| e.feedback_id);
    Ok(out)
}

/// (request, evidence) of the feedback in the given requests.
pub async fn evidence_of_requests<C: ConnectionTrait>(
    db: &C,
    requests: &[i64],
) -> Result<Vec<(i64, Evidence)>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.any_id("request_id", requests);
    evidence_where(db, q).await
}

/// (request, evidence) of the feedback matching the condition already in `cond`.
async fn evidence_where<C: ConnectionTrait>(
    db: &C,
    cond: Sql,
) -> Result<Vec<(i64, Evidence)>, AppError> {
    let stmt = cond.build();
    let sql = format!(
        "SELECT id, account_id, importance, occurred_at, request_id FROM feedback \
         WHERE request_id IS NOT NULL AND {}",
        stmt.sql
    );
    let stmt = sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        stmt.values.map(|v| v.0).unwrap_or_default(),
    );
    Ok(EvidenceRow::find_by_statement(stmt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.request_id,
                Evidence {
                    feedback_id: r.id,
                    account_id: r.account_id,
                    importance: r.importance.as_deref().and_then(Importance::parse),
                    occurred_at: from_micros(r.occurred_at),
                },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_evidence_parses_in_id_order_with_or_without_an_importance() {
        let rows = unpack_evidence(
            "12,4,7,CRITICAL,1775737321000001;3,4,9,,1782670548000000;5,8,7,NICE_TO_HAVE,-5",
        )
        .expect("parses");
        let ids: Vec<(i64, i64, i64)> = rows
            .iter()
            .map(|(r, e)| (e.feedback_id, *r, e.account_id))
            .collect();
        assert_eq!(ids, vec![(3, 4, 9), (5, 8, 7), (12, 4, 7)]);
        assert_eq!(rows[0].1.importance, None);
        assert_eq!(rows[1].1.importance, Some(Importance::NiceToHave));
        assert_eq!(rows[2].1.importance, Some(Importance::Critical));
        assert_eq!(rows[2].1.occurred_at, from_micros(1_775_737_321_000_001));
        assert_eq!(rows[1].1.occurred_at, from_micros(-5));
        assert_eq!(unpack_evidence(""), Ok(Vec::new()));
    }

    #[test]
    fn packed_evidence_that_is_not_five_fields_a_row_is_an_error() {
        for bad in [
            "1,2,3,,",
            "1,2,3",
            "1,2,x,,5",
            "1,2,3,,5,6",
            "1,2,3,,5;;",
            "1,2,3,,5 ",
        ] {
            assert!(unpack_evidence(bad).is_err(), "{bad:?} parsed");
        }
    }
}
