//! Releases, the roadmap columns of requests, release notes, contacts' preferences and
//! erasure. The notification outbox is `store::outbox`.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
};

use super::Sql;
use super::entity::{contact, release, request};
use super::sql::MAX_PARAMS;
use crate::domain::notify::{Channel, ContactFacts, Evidence};
use crate::domain::roadmap::{Lane, Release, ReleaseKind, Request};
use crate::error::AppError;

pub async fn insert_release<C: ConnectionTrait>(
    db: &C,
    r: &crate::domain::roadmap::NewRelease,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "INSERT INTO releases (version, kind, planned_date, summary, created_at, updated_at) \
         VALUES (",
    )
    .bind(r.version.clone())
    .push(", ")
    .bind(r.kind.as_str())
    .push(", ")
    .bind(r.planned_date.format("%Y-%m-%d").to_string())
    .push(", ")
    .bind(r.summary.clone())
    .push(", ")
    .bind(now)
    .push(", ")
    .bind(now)
    .push(") ON CONFLICT (version) DO NOTHING RETURNING id");
    Ok(super::scalar(db, q.build(), "id").await?)
}

/// A stored release row as the domain's release.
fn release_of(r: release::Model) -> Release {
    let release::Model {
        id,
        version,
        kind,
        planned_date,
        summary,
        shipped_at,
        shipped_by,
        created_at,
        updated_at,
    } = r;
    Release {
        id,
        version,
        kind: ReleaseKind::parse(&kind),
        planned_date,
        summary,
        shipped_at: shipped_at.map(super::from_micros),
        shipped_by,
        created_at: super::from_micros(created_at),
        updated_at: super::from_micros(updated_at),
    }
}

pub async fn get_release<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Release>, AppError> {
    Ok(release::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(release_of))
}

/// Releases by planned date (then id); unshipped ones unless `include_shipped`.
pub async fn releases<C: ConnectionTrait>(
    db: &C,
    include_shipped: bool,
) -> Result<Vec<Release>, AppError> {
    let mut q = release::Entity::find();
    if !include_shipped {
        q = q.filter(release::Column::ShippedAt.is_null());
    }
    Ok(q.order_by_asc(release::Column::PlannedDate)
        .order_by_asc(release::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(release_of)
        .collect())
}

pub async fn mark_shipped<C: ConnectionTrait>(
    db: &C,
    id: i64,
    actor: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE releases SET shipped_at = ")
        .bind(now)
        .push(", shipped_by = ")
        .bind(actor)
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Sets where a request sits on the roadmap: a release, a lane, or neither.
pub async fn set_plan<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    release_id: Option<i64>,
    lane: Option<Lane>,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET release_id = ")
        .bind(release_id)
        .push(", lane = ")
        .bind(lane.map(|l| l.as_str().to_owned()))
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// Requests planned into any of `releases`.
pub async fn requests_in<C: ConnectionTrait>(
    db: &C,
    releases: &[i64],
) -> Result<Vec<Request>, AppError> {
    super::requests::to_requests(
        request::Entity::find()
            .filter(request::Column::ReleaseId.is_in(releases.iter().copied()))
            .order_by_asc(request::Column::Id)
            .all(db)
            .await?,
    )
}

/// Unscheduled requests with a lane.
pub async fn requests_in_lanes<C: ConnectionTrait>(db: &C) -> Result<Vec<Request>, AppError> {
    super::requests::to_requests(
        request::Entity::find()
            .filter(request::Column::Lane.is_not_null())
            .filter(request::Column::ReleaseId.is_null())
            .order_by_asc(request::Column::Id)
            .all(db)
            .await?,
    )
}

pub async fn set_note<C: ConnectionTrait>(
    db: &C,
    release_id: i64,
    request_id: i64,
    note: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    if note.is_empty() {
        q.push("DELETE FROM release_notes WHERE release_id = ")
            .bind(release_id)
            .push(" AND request_id = ")
            .bind(request_id);
    } else {
        q.push("INSERT INTO release_notes (release_id, request_id, note, updated_at) VALUES (")
            .bind(release_id)
            .push(", ")
            .bind(request_id)
            .push(", ")
            .bind(note)
            .push(", ")
            .bind(now)
            .push(
                ") ON CONFLICT (release_id, request_id) DO UPDATE SET note = excluded.note, \
                 updated_at = excluded.updated_at",
            );
    }
    db.execute_raw(q.build()).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct NoteRow {
    release_id: i64,
    request_id: i64,
    note: String,
}

/// Notes by (release, request) for the given releases.
pub async fn notes<C: ConnectionTrait>(
    db: &C,
    releases: &[i64],
) -> Result<HashMap<(i64, i64), String>, AppError> {
    let mut out = HashMap::new();
    for chunk in releases.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT release_id, request_id, note FROM release_notes WHERE release_id IN ")
            .bind_list(chunk.iter().copied());
        for r in NoteRow::find_by_statement(q.build()).all(db).await? {
            out.insert((r.release_id, r.request_id), r.note);
        }
    }
    Ok(out)
}

#[derive(FromQueryResult)]
struct EvidenceRow {
    request_id: i64,
    id: i64,
    account_id: i64,
    contact_id: Option<i64>,
    source: String,
    source_ref: String,
    occurred_at: i64,
    title: String,
    body: String,
}

/// Every feedback item behind the requests, by request.
pub async fn evidence<C: ConnectionTrait>(
    db: &C,
    request_ids: &[i64],
) -> Result<HashMap<i64, Vec<Evidence>>, AppError> {
    let mut out: HashMap<i64, Vec<Evidence>> = HashMap::new();
    for chunk in request_ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT request_id, id, account_id, contact_id, source, source_ref, occurred_at, \
             title, body FROM feedback WHERE request_id IN ",
        )
        .bind_list(chunk.iter().copied());
        for r in EvidenceRow::find_by_statement(q.build()).all(db).await? {
            out.entry(r.request_id).or_default().push(Evidence {
                feedback_id: r.id,
                account_id: r.account_id,
                contact_id: r.contact_id,
                source: r.source,
                source_ref: r.source_ref,
                occurred_at: r.occurred_at,
                title: r.title,
                body: r.body,
            });
        }
    }
    Ok(out)
}

/// What the sender needs to know of each contact, with name and locale for the payload.
pub async fn contact_facts<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, (ContactFacts, String, String)>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        let rows = contact::Entity::find()
            .filter(contact::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for c in rows {
            let facts = ContactFacts {
                account_id: c.account_id,
                email: c.email,
                external_id: c.external_id,
                opted_out: c.opted_out,
                forgotten: c.forgotten,
                channel: c.channel.as_deref().and_then(Channel::parse),
            };
            out.insert(c.id, (facts, c.name, c.locale));
        }
    }
    Ok(out)
}

pub async fn set_preferences<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
    opted_out: Option<bool>,
    channel: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE contacts SET updated_at = ").bind(now);
    if let Some(o) = opted_out {
        q.push(", opted_out = ").bind(o);
    }
    if let Some(c) = channel {
        q.push(", channel = ").bind(c);
    }
    q.push(" WHERE id = ").bind(contact_id);
    db.execute_raw(q.build()).await?;
    Ok(())
}

/// Erases a contact's personal data and the text of their feedback; returns how many feedback
/// items were erased.
pub async fn forget_contact<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
    now: i64,
) -> Result<u64, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "UPDATE contacts SET external_id = NULL, email = NULL, name = '', locale = '', \
         opted_out = ",
    )
    .bind(true)
    .push(", forgotten = ")
    .bind(true)
    .push(", updated_at = ")
    .bind(now)
    .push(" WHERE id = ")
    .bind(contact_id);
    db.execute_raw(q.build()).await?;
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE feedback SET title = '', body = '' WHERE contact_id = ")
        .bind(contact_id);
    let erased = db.execute_raw(q.build()).await?.rows_affected();
    super::views_changed(db).await?;
    Ok(erased)
}

/// One feedback item of a contact about to be erased: its words, and every request it is or
/// was in (current, home, first assigned).
pub struct ErasedItem {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub requests: Vec<i64>,
}

#[derive(FromQueryResult)]
struct ErasedRow {
    id: i64,
    title: String,
    body: String,
    request_id: Option<i64>,
    home_request_id: Option<i64>,
    assigned_request_id: Option<i64>,
}

/// A contact's feedback items with their words, in id order.
pub async fn contact_feedback<C: ConnectionTrait>(
    db: &C,
    contact_id: i64,
) -> Result<Vec<ErasedItem>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push(
        "SELECT id, title, body, request_id, home_request_id, assigned_request_id \
         FROM feedback WHERE contact_id = ",
    )
    .bind(contact_id)
    .push(" ORDER BY id");
    let mut out = Vec::new();
    for row in ErasedRow::find_by_statement(q.build()).all(db).await? {
        let mut requests: Vec<i64> = [row.request_id, row.home_request_id, row.assigned_request_id]
            .into_iter()
            .flatten()
            .collect();
        requests.sort_unstable();
        requests.dedup();
        out.push(ErasedItem {
            id: row.id,
            title: row.title,
            body: row.body,
            requests,
        });
    }
    Ok(out)
}

/// The words of the oldest feedback in a request that still has words.
pub async fn first_words<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
) -> Result<Option<super::feedback::Words>, AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("SELECT title, body FROM feedback WHERE request_id = ")
        .bind(request_id)
        .push(" AND (title <> '' OR body <> '') ORDER BY id LIMIT 1");
    Ok(super::feedback::Words::find_by_statement(q.build())
        .one(db)
        .await?)
}

/// Requests among `ids` whose automatic title is one of `titles`.
pub async fn titled<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
    titles: &std::collections::HashSet<String>,
) -> Result<Vec<i64>, AppError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        let rows = request::Entity::find()
            .filter(request::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .filter(|r| titles.contains(&r.title))
                .map(|r| r.id),
        );
    }
    out.sort_unstable();
    Ok(out)
}

/// Sets a request's automatic title.
pub async fn set_auto_title<C: ConnectionTrait>(
    db: &C,
    request_id: i64,
    title: &str,
    now: i64,
) -> Result<(), AppError> {
    let mut q = Sql::new(db.get_database_backend());
    q.push("UPDATE requests SET title = ")
        .bind(title)
        .push(", updated_at = ")
        .bind(now)
        .push(" WHERE id = ")
        .bind(request_id);
    db.execute_raw(q.build()).await?;
    super::views_changed(db).await?;
    Ok(())
}

/// Drops the sentence vectors of erased feedback.
pub async fn drop_vectors<C: ConnectionTrait>(
    db: &C,
    feedback_ids: &[i64],
) -> Result<(), AppError> {
    for chunk in feedback_ids.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push("DELETE FROM feedback_embeddings WHERE feedback_id IN ")
            .bind_list(chunk.iter().copied());
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}
