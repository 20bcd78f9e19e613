//! Feedback storage: the batch statements of the ingest writer, and reads.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use super::entity::feedback;
use super::{Sql, sql::MAX_PARAMS};
use crate::domain::feedback::{
    ContactOwner, ContactRef, Feedback, Importance, Source, by_contact_keys,
};
use crate::error::AppError;

#[derive(FromQueryResult)]
struct KeyRow {
    id: i64,
    source: String,
    source_ref: String,
    request_id: Option<i64>,
}

/// A feedback item's words.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Words {
    pub title: String,
    pub body: String,
}

/// (id, current request) already stored for these (source, source_ref) keys.
pub async fn existing_keys<C: ConnectionTrait>(
    db: &C,
    keys: &[(&str, &str)],
) -> Result<HashMap<(String, String), (i64, Option<i64>)>, AppError> {
    let mut out = HashMap::new();
    for chunk in keys.chunks(MAX_PARAMS / 2) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "SELECT id, source, source_ref, request_id FROM feedback WHERE (source, source_ref) IN (VALUES ",
        );
        for (i, (source, source_ref)) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(source.to_string())
                .push(", ")
                .bind(source_ref.to_string())
                .push(")");
        }
        q.push(")");
        for r in KeyRow::find_by_statement(q.build()).all(db).await? {
            out.insert((r.source, r.source_ref), (r.id, r.request_id));
        }
    }
    Ok(out)
}

/// The highest ids stored (0 when none), as the ingest writer reads them at a batch's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HighestIds {
    pub feedback: i64,
    pub request: i64,
    /// The clustering log's newest event: whether the engine must catch up first.
    pub event: i64,
}

/// The highest feedback, request and clustering-event ids, in one round trip. Called under the
/// ingest lock, so the ids the writer hands out next are unique and ascending in commit order.
pub async fn max_ids<C: ConnectionTrait>(db: &C) -> Result<HighestIds, AppError> {
    let stmt = Statement::from_string(
        db.get_database_backend(),
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM feedback) AS feedback, \
         (SELECT COALESCE(MAX(id), 0) FROM requests) AS requests, \
         (SELECT COALESCE(MAX(id), 0) FROM cluster_events) AS events",
    );
    let row = db
        .query_one_raw(stmt)
        .await?
        .ok_or_else(|| AppError::Internal("no highest ids".into()))?;
    Ok(HighestIds {
        feedback: row.try_get("", "feedback")?,
        request: row.try_get("", "requests")?,
        event: row.try_get("", "events")?,
    })
}

/// A contact reference resolved against an account.
pub struct ContactKey<'a> {
    pub account_id: i64,
    pub contact: &'a ContactRef,
}

/// Stored contacts found by their keys, each with its account.
#[derive(Debug, Default)]
pub struct KnownContacts {
    by_ext: HashMap<String, ContactOwner>,
    by_email: HashMap<String, ContactOwner>,
}

impl KnownContacts {
    /// The stored contact a reference names: by external id first, then by e-mail.
    pub fn resolve(&self, r: &ContactRef) -> Option<&ContactOwner> {
        by_contact_keys(&self.by_ext, &self.by_email, r)
    }
}

/// Contact ids for each reference (in order), creating placeholder contacts of the given
/// account for people not known yet (`known`: the contacts already read for these references).
pub async fn ensure_contacts<C: ConnectionTrait>(
    db: &C,
    refs: &[ContactKey<'_>],
    known: &KnownContacts,
    now_us: i64,
) -> Result<Vec<i64>, AppError> {
    let mut missing: Vec<&ContactKey<'_>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in refs {
        if known.resolve(r.contact).is_none()
            && seen.insert((&r.contact.external_id, &r.contact.email))
        {
            missing.push(r);
        }
    }
    // Placeholders inserted now, by key (the insert returns them: no second read).
    let mut by_ext: HashMap<String, i64> = HashMap::new();
    let mut by_email: HashMap<String, i64> = HashMap::new();
    for chunk in missing.chunks(MAX_PARAMS / 8) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO contacts (account_id, external_id, email, name, locale, opted_out, \
             placeholder, created_at, updated_at) VALUES ",
        );
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(").bind(r.account_id).push(", ");
            q.bind(r.contact.external_id.clone()).push(", ");
            q.bind(r.contact.email.clone()).push(", ");
            q.bind(r.contact.name.clone()).push(", '', FALSE, TRUE, ");
            q.bind(now_us).push(", ").bind(now_us).push(")");
        }
        q.push(" ON CONFLICT DO NOTHING RETURNING id, external_id, email");
        for row in CreatedContact::find_by_statement(q.build()).all(db).await? {
            if let Some(e) = row.external_id {
                by_ext.insert(e, row.id);
            }
            if let Some(e) = row.email {
                by_email.insert(e, row.id);
            }
        }
    }
    // A key stored meanwhile by another writer (a CRM sync) returned nothing: read those.
    let unresolved: Vec<&ContactRef> = missing
        .iter()
        .map(|r| r.contact)
        .filter(|c| by_contact_keys(&by_ext, &by_email, c).is_none())
        .collect();
    let read = known_contacts(db, &unresolved).await?;
    refs.iter()
        .map(|r| {
            known
                .resolve(r.contact)
                .map(|o| o.contact_id)
                .or_else(|| by_contact_keys(&by_ext, &by_email, r.contact).copied())
                .or_else(|| read.resolve(r.contact).map(|o| o.contact_id))
                .ok_or_else(|| AppError::Internal("placeholder contact not created".into()))
        })
        .collect()
}

/// A placeholder contact as its insert returns it.
#[derive(FromQueryResult)]
struct CreatedContact {
    id: i64,
    external_id: Option<String>,
    email: Option<String>,
}

/// A contact found by one of its keys (external id or email), with its account.
#[derive(FromQueryResult)]
struct OwnerRow {
    contact_id: i64,
    matched: String,
    account_external_id: String,
}

/// The stored contacts among `refs`, each with its account: by external id first, then by
/// e-mail only for the references the first read did not find (a known person's tickets are
/// found by the first). A statement per [`MAX_PARAMS`] keys; none when no reference has a key.
pub async fn known_contacts<C: ConnectionTrait>(
    db: &C,
    refs: &[&ContactRef],
) -> Result<KnownContacts, AppError> {
    let mut known = KnownContacts::default();
    let ext: Vec<&str> = refs
        .iter()
        .filter_map(|r| r.external_id.as_deref())
        .collect();
    read_owners(db, "external_id", ext, &mut known.by_ext).await?;
    let email: Vec<&str> = refs
        .iter()
        .filter(|r| known.resolve(r).is_none())
        .filter_map(|r| r.email.as_deref())
        .collect();
    read_owners(db, "email", email, &mut known.by_email).await?;
    Ok(known)
}

/// The contacts whose `column` is one of `keys`, with their accounts, into `found` by key.
async fn read_owners<C: ConnectionTrait>(
    db: &C,
    column: &str,
    mut keys: Vec<&str>,
    found: &mut HashMap<String, ContactOwner>,
) -> Result<(), AppError> {
    keys.sort_unstable();
    keys.dedup();
    for chunk in keys.chunks(MAX_PARAMS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(&format!(
            "SELECT c.id AS contact_id, c.{column} AS matched, \
             a.external_id AS account_external_id FROM contacts c \
             JOIN accounts a ON a.id = c.account_id WHERE c.{column} IN "
        ))
        .bind_list(chunk.iter().map(|k| (*k).to_owned()));
        for row in OwnerRow::find_by_statement(q.build()).all(db).await? {
            found.insert(
                row.matched,
                ContactOwner {
                    contact_id: row.contact_id,
                    account_external_id: row.account_external_id,
                },
            );
        }
    }
    Ok(())
}

const FEEDBACK_COLUMNS: usize = 13;

/// A stored item as the domain sees it: the one conversion of a feedback row.
pub(super) fn to_feedback(f: feedback::Model) -> Result<Feedback, AppError> {
    Ok(Feedback {
        source: Source::parse(&f.source).ok_or_else(|| {
            AppError::Internal(format!("feedback {} has source {:?}", f.id, f.source))
        })?,
        importance: match f.importance.as_deref() {
            None => None,
            Some(i) => Some(Importance::parse(i).ok_or_else(|| {
                AppError::Internal(format!("feedback {} has importance {i:?}", f.id))
            })?),
        },
        occurred_at: super::from_micros(f.occurred_at),
        received_at: super::from_micros(f.received_at),
        id: f.id,
        source_ref: f.source_ref,
        account_id: f.account_id,
        contact_id: f.contact_id,
        title: f.title,
        body: f.body,
        request_id: f.request_id,
        home_request_id: f.home_request_id,
        assigned_request_id: f.assigned_request_id,
        moved_by_pm: f.moved_by_pm,
    })
}

pub(super) fn to_feedbacks(rows: Vec<feedback::Model>) -> Result<Vec<Feedback>, AppError> {
    rows.into_iter().map(to_feedback).collect()
}

/// Inserts new feedback rows (ids already assigned) with multi-row statements.
pub async fn insert_many<C: ConnectionTrait>(db: &C, rows: &[Feedback]) -> Result<(), AppError> {
    for chunk in rows.chunks(MAX_PARAMS / FEEDBACK_COLUMNS) {
        let mut q = Sql::new(db.get_database_backend());
        q.push(
            "INSERT INTO feedback (id, source, source_ref, account_id, contact_id, title, body, \
             importance, occurred_at, received_at, request_id, home_request_id, \
             assigned_request_id) VALUES ",
        );
        for (i, f) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(").bind(f.id).push(", ");
            q.bind(f.source.as_str()).push(", ");
            q.bind(f.source_ref.clone()).push(", ");
            q.bind(f.account_id).push(", ");
            q.bind(f.contact_id).push(", ");
            q.bind(f.title.clone()).push(", ");
            q.bind(f.body.clone()).push(", ");
            q.bind(f.importance.map(|i| i.as_str().to_owned()))
                .push(", ");
            q.bind(super::to_micros(f.occurred_at)).push(", ");
            q.bind(super::to_micros(f.received_at)).push(", ");
            q.bind(f.request_id).push(", ");
            q.bind(f.home_request_id).push(", ");
            q.bind(f.assigned_request_id).push(")");
        }
        db.execute_raw(q.build()).await?;
    }
    Ok(())
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Feedback>, AppError> {
    feedback::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_feedback)
        .transpose()
}

/// Filters of `ListFeedback`.
#[derive(Debug, Default, Clone)]
pub struct FeedbackFilter {
    pub account_id: Option<i64>,
    pub source: Option<String>,
    /// Inclusive, microseconds.
    pub occurred_after: Option<i64>,
    /// Exclusive, microseconds.
    pub occurred_before: Option<i64>,
}

/// One page in (occurred_at, id) order after the keyset position `after`.
pub async fn list_page<C: ConnectionTrait>(
    db: &C,
    filter: &FeedbackFilter,
    after: Option<(i64, i64)>,
    limit: u64,
) -> Result<Vec<Feedback>, AppError> {
    let mut q = feedback::Entity::find();
    if let Some(account_id) = filter.account_id {
        q = q.filter(feedback::Column::AccountId.eq(account_id));
    }
    if let Some(source) = &filter.source {
        q = q.filter(feedback::Column::Source.eq(source.as_str()));
    }
    if let Some(t) = filter.occurred_after {
        q = q.filter(feedback::Column::OccurredAt.gte(t));
    }
    if let Some(t) = filter.occurred_before {
        q = q.filter(feedback::Column::OccurredAt.lt(t));
    }
    if let Some((t, id)) = after {
        q = q.filter(
            Condition::any()
                .add(feedback::Column::OccurredAt.gt(t))
                .add(
                    Condition::all()
                        .add(feedback::Column::OccurredAt.eq(t))
                        .add(feedback::Column::Id.gt(id)),
                ),
        );
    }
    to_feedbacks(
        q.order_by_asc(feedback::Column::OccurredAt)
            .order_by_asc(feedback::Column::Id)
            .limit(limit)
            .all(db)
            .await?,
    )
}
