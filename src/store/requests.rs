//! Requests, merge suggestions and the clustering event log.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait,
    EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{cluster_event, feedback, merge_suggestion, move_suggestion, request};
use super::{Sql, sql::MAX_PARAMS};
use crate::domain::cluster_log::{LogEvent, LogKind};
use crate::domain::feedback::Feedback;
use crate::domain::roadmap::{Lane, Request, RequestStatus, StatusChange};
use crate::domain::suggestion::{Proposal, Suggestion, SuggestionKind, SuggestionStatus};
use crate::error::AppError;

/// A request status as stored (the enum's own strings); anything else is a broken row.
pub fn stored_status(s: &str) -> Result<RequestStatus, AppError> {
    RequestStatus::parse(s).ok_or_else(|| AppError::Internal(format!("request status {s:?}")))
}

/// A request row as the domain sees it: the one conversion of a stored request.
fn to_request(row: request::Model) -> Result<Request, AppError> {
    Ok(Request {
        status: stored_status(&row.status)?,
        status_before_merge: match row.status_before_merge.as_deref() {
            None => None,
            Some(s) => Some(stored_status(s)?),
        },
        lane: match row.lane.as_deref() {
            None => None,
            Some(l) => Some(
                Lane::parse(l).ok_or_else(|| AppError::Internal(format!("request lane {l:?}")))?,
            ),
        },
        id: row.id,
        title: row.title,
        pm_title: row.pm_title,
        merged_into: row.merged_into,
        release_id: row.release_id,
        created_at: super::from_micros(row.created_at),
        updated_at: super::from_micros(row.updated_at),
    })
}

/// Stored requests as the domain sees them.
pub(super) fn to_requests(rows: Vec<request::Model>) -> Result<Vec<Request>, AppError> {
    rows.into_iter().map(to_request).collect()
}

/// Highest request id (0 when none); called under the ingest lock.
pub async fn max_request_id<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(super::max_id(db, "requests").await?)
}

/// Highest clustering event id (0 when none); called under the ingest lock.
pub async fn max_event_id<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(super::max_id(db, "cluster_events").await?)
}

/// A request that has just been started (by ingest, a signal or a PM's move).
pub fn new_request(id: i64, title: String, now_us: i64) -> Request {
    let now = super::from_micros(now_us);
    Request {
        id,
        title,
        pm_title: None,
        status: RequestStatus::New,
        status_before_merge: None,
        merged_into: None,
        release_id: None,
        lane: None,
        created_at: now,
        updated_at: now,
    }
}

pub async fn insert_requests<C: ConnectionTrait>(db: &C, rows: &[Request]) -> Result<(), AppError> {
    for chunk in rows.chunks(MAX_PARAMS / 5) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("INSERT INTO requests (id, title, status, created_at, updated_at) VALUES ");
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(r.id)
                .push(", ")
                .bind(r.title.clone())
                .push(", ");
            q.bind(r.status.as_str())
                .push(", ")
                .bind(super::to_micros(r.created_at))
                .push(", ");
            q.bind(super::to_micros(r.updated_at)).push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

/// (request, target, similarity) suggestions, PENDING.
pub async fn insert_suggestions<C: ConnectionTrait>(
    db: &C,
    rows: &[(i64, i64, f64)],
    now_us: i64,
) -> Result<(), AppError> {
    let pending = &format!(", '{}', ", SuggestionStatus::Pending.as_str());
    for chunk in rows.chunks(MAX_PARAMS / 4) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO merge_suggestions (request_id, target_request_id, similarity, status, \
             created_at) VALUES ",
        );
        for (i, (r, t, s)) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(").bind(*r).push(", ").bind(*t).push(", ").bind(*s);
            q.push(pending).bind(now_us).push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

/// Appends one clustering event; returns its id. Called under the ingest lock. One round trip:
/// the id is the log's highest plus one, read by the insert itself.
pub async fn append_event<C: ConnectionTrait>(
    db: &C,
    kind: LogKind,
    a: i64,
    b: i64,
    payload: String,
    now_us: i64,
) -> Result<i64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO cluster_events (id, kind, a, b, payload, created_at) \
         SELECT COALESCE(MAX(id), 0) + 1, ",
    );
    q.bind(kind.as_str()).push(", ").bind(a).push(", ").bind(b);
    q.push(", ").bind(payload).push(", ").bind(now_us);
    q.push(" FROM cluster_events RETURNING id");
    super::scalar(db, q.build(), "id")
        .await?
        .ok_or_else(|| AppError::Internal("clustering event not appended".into()))
}

/// (target, payload) of the latest MERGE event of `source`.
pub async fn last_merge_of<C: ConnectionTrait>(
    db: &C,
    source: i64,
) -> Result<Option<(i64, String)>, AppError> {
    Ok(cluster_event::Entity::find()
        .filter(cluster_event::Column::Kind.eq(LogKind::Merge.as_str()))
        .filter(cluster_event::Column::A.eq(source))
        .order_by_desc(cluster_event::Column::Id)
        .one(db)
        .await?
        .map(|e| (e.b, e.payload)))
}

pub async fn events_after<C: ConnectionTrait>(
    db: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<LogEvent>, AppError> {
    Ok(cluster_event::Entity::find()
        .filter(cluster_event::Column::Id.gt(after))
        .order_by_asc(cluster_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|e| LogEvent {
            id: e.id,
            kind: LogKind::parse(&e.kind),
            a: e.a,
            b: e.b,
            payload: e.payload,
        })
        .collect())
}

/// (id, assigned request, title, body): what replaying the clustering log reads of a feedback item.
pub type ReplayRow = (i64, Option<i64>, String, String);

/// The replay columns of feedback matching `filter`, ascending by id.
async fn replay_rows<C: ConnectionTrait>(
    db: &C,
    filter: sea_orm::sea_query::SimpleExpr,
) -> Result<Vec<ReplayRow>, AppError> {
    Ok(feedback::Entity::find()
        .select_only()
        .column(feedback::Column::Id)
        .column(feedback::Column::AssignedRequestId)
        .column(feedback::Column::Title)
        .column(feedback::Column::Body)
        .filter(filter)
        .order_by_asc(feedback::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// Replay rows of feedback with ids in `lo..=hi` (one ingest event's range).
pub async fn feedback_for_replay<C: ConnectionTrait>(
    db: &C,
    lo: i64,
    hi: i64,
) -> Result<Vec<ReplayRow>, AppError> {
    replay_rows(db, feedback::Column::Id.between(lo, hi)).await
}

/// Replay rows of the feedback `ids` (placement events name their items), ascending.
pub async fn feedback_for_replay_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<Vec<ReplayRow>, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_PARAMS) {
        out.extend(replay_rows(db, feedback::Column::Id.is_in(chunk.iter().copied())).await?);
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Request>, AppError> {
    request::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_request)
        .transpose()
}

/// The SHIPPED requests among `ids`.
pub async fn shipped_among<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<Vec<i64>, AppError> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for chunk in ids.chunks(MAX_PARAMS - 1) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT id FROM requests WHERE id IN ")
            .bind_list(chunk.iter().copied())
            .push(" AND status = ")
            .bind(RequestStatus::Shipped.as_str());
        out.extend(super::column::<i64, _>(db, q.build(), "id").await?);
    }
    Ok(out)
}

pub async fn get_many<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Request>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        if chunk.is_empty() {
            continue;
        }
        // By primary key as one array parameter: an index probe per id on any statistics.
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT * FROM requests WHERE ").any_id("id", chunk);
        let rows = request::Entity::find()
            .from_raw_sql(q.build())
            .all(db)
            .await?;
        for r in rows {
            out.insert(r.id, to_request(r)?);
        }
    }
    Ok(out)
}

/// The request `id` ends in after following merges.
pub async fn resolve<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Request>, AppError> {
    let mut current = get(db, id).await?;
    for _ in 0..1_000 {
        match current {
            Some(Request {
                merged_into: Some(next),
                ..
            }) => current = get(db, next).await?,
            other => return Ok(other),
        }
    }
    Err(AppError::Internal(format!(
        "merge chain of request {id} does not end"
    )))
}

/// `id` and every request merged into it, directly or through others.
pub async fn merge_subtree<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<i64>, AppError> {
    let mut all = vec![id];
    let mut frontier = vec![id];
    while !frontier.is_empty() {
        let children: Vec<i64> = request::Entity::find()
            .select_only()
            .column(request::Column::Id)
            .filter(request::Column::MergedInto.is_in(frontier.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        all.extend(&children);
        frontier = children;
    }
    Ok(all)
}

#[derive(FromQueryResult)]
struct CountsRow {
    request_id: i64,
    feedback: i64,
    accounts: i64,
}

/// (feedback count, distinct accounts) per request.
pub async fn counts<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, (i64, i64)>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        if chunk.is_empty() {
            continue;
        }
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT request_id, COUNT(*) AS feedback, COUNT(DISTINCT account_id) AS accounts \
             FROM feedback WHERE ",
        );
        q.any_id("request_id", chunk).push(" GROUP BY request_id");
        for r in CountsRow::find_by_statement(q.build()).all(db).await? {
            out.insert(r.request_id, (r.feedback, r.accounts));
        }
    }
    Ok(out)
}

/// A page of requests in id order after `after`.
pub async fn list_page<C: ConnectionTrait>(
    db: &C,
    after: i64,
    include_merged: bool,
    limit: u64,
) -> Result<Vec<Request>, AppError> {
    let mut q = request::Entity::find().filter(request::Column::Id.gt(after));
    if !include_merged {
        q = q.filter(request::Column::Status.ne(RequestStatus::Merged.as_str()));
    }
    to_requests(
        q.order_by_asc(request::Column::Id)
            .limit(limit)
            .all(db)
            .await?,
    )
}

/// An account behind a request and how many of the request's feedback items are theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromQueryResult)]
pub struct AccountFeedback {
    pub account_id: i64,
    pub items: i64,
}

/// The accounts behind a request, most feedback first.
pub async fn accounts_of<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
) -> Result<Vec<AccountFeedback>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT account_id, COUNT(*) AS items FROM feedback WHERE request_id = ")
        .bind(request_id)
        .push(" GROUP BY account_id ORDER BY items DESC, account_id ASC");
    Ok(AccountFeedback::find_by_statement(q.build())
        .all(db)
        .await?)
}

/// Feedback of a request, newest first.
pub async fn feedback_of<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    limit: u64,
) -> Result<Vec<Feedback>, AppError> {
    super::feedback::to_feedbacks(
        feedback::Entity::find()
            .filter(feedback::Column::RequestId.eq(request_id))
            .order_by_desc(feedback::Column::OccurredAt)
            .order_by_desc(feedback::Column::Id)
            .limit(limit)
            .all(db)
            .await?,
    )
}

#[derive(FromQueryResult)]
struct TitleSourceRow {
    id: i64,
    #[sea_orm(nested)]
    words: super::feedback::Words,
    company: Option<String>,
    /// The account's external id: on an account the CRM has not sent yet, the help desk's
    /// organization ("Tessellate GmbH"), since imports key accounts by it.
    company_ref: Option<String>,
    person: Option<String>,
}

/// What a generated title is made from, for one feedback item: its words, and the names of
/// the customer who wrote them (their account's name and external id, their contact's), which
/// the title leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleSource {
    pub words: super::feedback::Words,
    pub companies: Vec<String>,
    pub person: Option<String>,
}

/// The [`TitleSource`]s of feedback items by id: one round trip for a backlog page's titles.
pub async fn title_sources<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, TitleSource>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        if chunk.is_empty() {
            continue;
        }
        // By primary key as one array parameter, so the plan is an index probe per id however
        // stale the statistics (an unanalysed `feedback` once made this a sequential scan of a
        // million rows per page); accounts and contacts are joined on their primary keys.
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT f.id, f.title, f.body, a.name AS company, a.external_id AS company_ref, \
             c.name AS person \
             FROM feedback f \
             LEFT JOIN accounts a ON a.id = f.account_id \
             LEFT JOIN contacts c ON c.id = f.contact_id WHERE ",
        )
        .any_id("f.id", chunk);
        for r in TitleSourceRow::find_by_statement(q.build()).all(db).await? {
            let source = TitleSource {
                words: r.words,
                companies: [r.company, r.company_ref].into_iter().flatten().collect(),
                person: r.person,
            };
            out.insert(r.id, source);
        }
    }
    Ok(out)
}

/// Records one status change in the history.
pub async fn record_status<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    from: RequestStatus,
    to: RequestStatus,
    actor: &str,
    reason: &str,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO request_status_history (request_id, from_status, to_status, actor, reason, \
         at) VALUES (",
    );
    q.bind(request_id)
        .push(", ")
        .bind(from.as_str())
        .push(", ")
        .bind(to.as_str());
    q.push(", ")
        .bind(actor.to_owned())
        .push(", ")
        .bind(reason.to_owned())
        .push(", ");
    q.bind(now_us).push(")");
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct StatusChangeRow {
    from_status: String,
    to_status: String,
    actor: String,
    reason: String,
    at: i64,
}

/// A request's status changes, oldest first.
pub async fn status_history<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
) -> Result<Vec<StatusChange>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT from_status, to_status, actor, reason, at FROM request_status_history \
         WHERE request_id = ",
    );
    q.bind(request_id).push(" ORDER BY id");
    StatusChangeRow::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(StatusChange {
                from: stored_status(&r.from_status)?,
                to: stored_status(&r.to_status)?,
                actor: r.actor,
                reason: r.reason,
                at: super::from_micros(r.at),
            })
        })
        .collect()
}

pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    status: RequestStatus,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET status = ")
        .bind(status.as_str());
    q.push(", updated_at = ")
        .bind(now_us)
        .push(" WHERE id = ")
        .bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// Marks `request_id` merged into `into`, keeping the status it had for an unmerge.
pub async fn mark_merged<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    into: i64,
    before: RequestStatus,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET status = ")
        .bind(RequestStatus::Merged.as_str())
        .push(", status_before_merge = ")
        .bind(before.as_str());
    q.push(", merged_into = ")
        .bind(into)
        .push(", updated_at = ")
        .bind(now_us);
    q.push(" WHERE id = ").bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// An unmerged request stands on its own again, with `status`.
pub async fn mark_unmerged<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    status: RequestStatus,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET status = ")
        .bind(status.as_str())
        .push(", status_before_merge = NULL, merged_into = NULL, updated_at = ")
        .bind(now_us);
    q.push(" WHERE id = ").bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// A PM's title (`None` gives the generated one back).
pub async fn set_pm_title<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    title: Option<&str>,
    now_us: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET pm_title = ")
        .bind(title.map(str::to_owned))
        .push(", updated_at = ")
        .bind(now_us);
    q.push(" WHERE id = ").bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// Of `ids`, the requests a PM has decided on, which consolidation leaves alone: renamed,
/// out of NEW (planned, in progress, shipped, declined, merged), on a release or a lane,
/// holding an item a PM moved, with a status change by anyone but consolidation, or the
/// target of a PM's merge.
/// `None` asks for all of them.
pub async fn fixed_requests<C: ConnectionTrait>(
    db: &C,
    ids: Option<&[i64]>,
) -> Result<std::collections::HashSet<i64>, AppError> {
    let mut out = std::collections::HashSet::new();
    let chunks: Vec<&[i64]> = match ids {
        Some(ids) => ids.chunks(MAX_PARAMS / 2).collect(),
        None => vec![&[]],
    };
    for chunk in chunks {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT r.id AS id FROM requests r WHERE ");
        if ids.is_some() {
            q.push("r.id IN ")
                .bind_list(chunk.iter().copied())
                .push(" AND ");
        }
        q.push(
            "(r.pm_title IS NOT NULL OR r.status <> 'NEW' OR r.release_id IS NOT NULL \
                 OR r.lane IS NOT NULL \
                 OR EXISTS (SELECT 1 FROM feedback f WHERE f.request_id = r.id \
                   AND f.moved_by_pm) \
                 OR EXISTS (SELECT 1 FROM request_status_history h WHERE h.request_id = r.id \
                   AND h.actor <> ",
        )
        .bind(CONSOLIDATION_ACTOR)
        .push(
            ") OR EXISTS (SELECT 1 FROM requests m JOIN request_status_history h \
                   ON h.request_id = m.id WHERE m.merged_into = r.id AND h.actor <> ",
        )
        .bind(CONSOLIDATION_ACTOR)
        .push("))");
        for row in db.query_all_raw(q.build()).await? {
            out.insert(row.try_get::<i64>("", "id")?);
        }
    }
    Ok(out)
}

/// Who consolidation's changes are recorded as.
pub const CONSOLIDATION_ACTOR: &str = "consolidation";

/// Of `ids`, the feedback a PM placed: moved by hand, or kept where it is by rejecting a move
/// suggestion. Consolidation never moves these.
pub async fn moved_by_pm<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<std::collections::HashSet<i64>, AppError> {
    let mut out = std::collections::HashSet::new();
    for chunk in ids.chunks(MAX_PARAMS / 2) {
        let mut q = Sql::new(db.get_database_backend());
        // A PM's move, or a rejected move suggestion ("it belongs where it is"), pins an item.
        q.push("SELECT id FROM feedback WHERE (moved_by_pm = ")
            .bind(true)
            .push(
                " OR id IN (SELECT feedback_id FROM move_suggestions WHERE status = 'REJECTED')) \
                 AND id IN ",
            )
            .bind_list(chunk.iter().copied());
        for row in db.query_all_raw(q.build()).await? {
            out.insert(row.try_get::<i64>("", "id")?);
        }
    }
    Ok(out)
}

/// Moves all of a request's feedback to another (a merge).
pub async fn reassign_feedback<C: ConnectionTrait>(
    db: &C,
    from: i64,
    to: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET request_id = ").bind(to);
    q.push(" WHERE request_id = ").bind(from);
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct FeedbackId {
    id: i64,
}

/// The feedback now in request `now_in` whose home is one of `homes`, by id (an unmerge's).
pub async fn feedback_homed_in<C: ConnectionTrait>(
    db: &C,
    now_in: i64,
    homes: &[i64],
) -> Result<Vec<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT id FROM feedback WHERE request_id = ")
        .bind(now_in);
    q.push(" AND home_request_id IN ")
        .bind_list(homes.iter().copied());
    q.push(" ORDER BY id");
    Ok(FeedbackId::find_by_statement(q.build())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Moves the feedback in `from` whose home is one of `homes` to `to` (an unmerge).
pub async fn take_back_feedback<C: ConnectionTrait>(
    db: &C,
    from: i64,
    to: i64,
    homes: &[i64],
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET request_id = ").bind(to);
    q.push(" WHERE request_id = ").bind(from);
    q.push(" AND home_request_id IN ")
        .bind_list(homes.iter().copied());
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// A PM's move of one item: its new home, final (`moved_by_pm`).
pub async fn place_feedback_by_pm<C: ConnectionTrait>(
    db: &C,
    feedback_id: i64,
    to: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET request_id = ").bind(to);
    q.push(", home_request_id = ").bind(to);
    q.push(", moved_by_pm = ").bind(true);
    q.push(" WHERE id = ").bind(feedback_id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Moves feedback to another request on Sift's own judgement (not a PM's: `moved_by_pm` stays
/// false, so a later PM decision still wins).
pub async fn move_feedback_to<C: ConnectionTrait>(
    db: &C,
    feedback_id: i64,
    to: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET request_id = ")
        .bind(to)
        .push(", home_request_id = ")
        .bind(to)
        .push(" WHERE id = ")
        .bind(feedback_id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Of the (request, target) pairs, those with a merge suggestion already (in any state, either
/// way round): a pair is proposed once, and a rejected one never again.
pub async fn suggested_pairs<C: ConnectionTrait>(
    db: &C,
    pairs: &[(i64, i64)],
) -> Result<std::collections::HashSet<(i64, i64)>, AppError> {
    let mut out = std::collections::HashSet::new();
    let ids: Vec<i64> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    for chunk in ids.chunks(MAX_PARAMS / 2) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT request_id, target_request_id FROM merge_suggestions WHERE request_id IN ")
            .bind_list(chunk.iter().copied());
        for row in db.query_all_raw(q.build()).await? {
            let a: i64 = row.try_get("", "request_id")?;
            let b: i64 = row.try_get("", "target_request_id")?;
            out.insert((a.min(b), a.max(b)));
        }
    }
    Ok(pairs
        .iter()
        .copied()
        .filter(|&(a, b)| out.contains(&(a.min(b), a.max(b))))
        .collect())
}

/// (item, from request, target, similarity) move suggestions, PENDING: once per (item, target)
/// pair (a pair suggested before, in any state, is left alone, so a rejected one is never
/// proposed again) and never for an item a PM moved. Returns how many were added.
pub async fn insert_move_suggestions<C: ConnectionTrait>(
    db: &C,
    rows: &[(i64, i64, i64, f64)],
    now_us: i64,
) -> Result<u64, AppError> {
    let mut added = 0;
    for chunk in rows.chunks(MAX_PARAMS / 8) {
        let ids: Vec<i64> = chunk.iter().map(|r| r.0).collect();
        let moved: std::collections::HashSet<i64> = feedback::Entity::find()
            .select_only()
            .column(feedback::Column::Id)
            .filter(feedback::Column::Id.is_in(ids))
            .filter(feedback::Column::MovedByPm.eq(true))
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let chunk: Vec<_> = chunk.iter().filter(|r| !moved.contains(&r.0)).collect();
        if chunk.is_empty() {
            continue;
        }
        let pending = &format!(", '{}', ", SuggestionStatus::Pending.as_str());
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO move_suggestions (feedback_id, from_request_id, target_request_id, \
             similarity, status, created_at) VALUES ",
        );
        for (i, (f, from, t, s)) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(*f)
                .push(", ")
                .bind(*from)
                .push(", ")
                .bind(*t);
            q.push(", ").bind(*s).push(pending).bind(now_us).push(")");
        }
        q.push(" ON CONFLICT (feedback_id, target_request_id) DO NOTHING");
        added += db.execute_raw(q.build()).await?.rows_affected();
    }
    Ok(added)
}

fn merge_suggestion_of(row: merge_suggestion::Model) -> Result<Suggestion, AppError> {
    Ok(Suggestion {
        id: row.id,
        proposal: Proposal::Merge {
            request_id: row.request_id,
            target_request_id: row.target_request_id,
        },
        similarity: row.similarity,
        status: stored_suggestion_status(&row.status)?,
        created_at: super::from_micros(row.created_at),
        decided_at: row.decided_at.map(super::from_micros),
    })
}

fn move_suggestion_of(row: move_suggestion::Model) -> Result<Suggestion, AppError> {
    Ok(Suggestion {
        id: row.id,
        proposal: Proposal::Move {
            feedback_id: row.feedback_id,
            from_request_id: row.from_request_id,
            target_request_id: row.target_request_id,
        },
        similarity: row.similarity,
        status: stored_suggestion_status(&row.status)?,
        created_at: super::from_micros(row.created_at),
        decided_at: row.decided_at.map(super::from_micros),
    })
}

fn stored_suggestion_status(s: &str) -> Result<SuggestionStatus, AppError> {
    SuggestionStatus::parse(s).ok_or_else(|| AppError::Internal(format!("suggestion status {s:?}")))
}

/// One suggestion of the given kind.
pub async fn suggestion<C: ConnectionTrait>(
    db: &C,
    kind: SuggestionKind,
    id: i64,
) -> Result<Option<Suggestion>, AppError> {
    match kind {
        SuggestionKind::Merge => merge_suggestion::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(merge_suggestion_of)
            .transpose(),
        SuggestionKind::Move => move_suggestion::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(move_suggestion_of)
            .transpose(),
    }
}

/// Suggestions of one kind in `status`, by id after `after`.
pub async fn suggestions_page<C: ConnectionTrait>(
    db: &C,
    kind: SuggestionKind,
    status: SuggestionStatus,
    after: i64,
    limit: u64,
) -> Result<Vec<Suggestion>, AppError> {
    match kind {
        SuggestionKind::Merge => merge_suggestion::Entity::find()
            .filter(merge_suggestion::Column::Status.eq(status.as_str()))
            .filter(merge_suggestion::Column::Id.gt(after))
            .order_by_asc(merge_suggestion::Column::Id)
            .limit(limit)
            .all(db)
            .await?
            .into_iter()
            .map(merge_suggestion_of)
            .collect(),
        SuggestionKind::Move => move_suggestion::Entity::find()
            .filter(move_suggestion::Column::Status.eq(status.as_str()))
            .filter(move_suggestion::Column::Id.gt(after))
            .order_by_asc(move_suggestion::Column::Id)
            .limit(limit)
            .all(db)
            .await?
            .into_iter()
            .map(move_suggestion_of)
            .collect(),
    }
}

/// Records the decision on a suggestion; returns it as decided.
pub async fn record_decision<C: ConnectionTrait>(
    db: &C,
    suggestion: Suggestion,
    status: SuggestionStatus,
    now_us: i64,
) -> Result<Suggestion, AppError> {
    match suggestion.proposal.kind() {
        SuggestionKind::Merge => {
            let am = merge_suggestion::ActiveModel {
                id: Unchanged(suggestion.id),
                status: Set(status.as_str().to_owned()),
                decided_at: Set(Some(now_us)),
                ..Default::default()
            };
            merge_suggestion_of(am.update(db).await?)
        }
        SuggestionKind::Move => {
            let am = move_suggestion::ActiveModel {
                id: Unchanged(suggestion.id),
                status: Set(status.as_str().to_owned()),
                decided_at: Set(Some(now_us)),
                ..Default::default()
            };
            move_suggestion_of(am.update(db).await?)
        }
    }
}
