//! Requests: reading the clusters, and a PM's corrections (merge, unmerge, move, rename,
//! suggestions). Each correction is applied to the database, the clustering event log and this
//! instance's index under the ingest lock, so automatic assignment never works against it.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use tracing::instrument;

use super::access::{attributed, audit};
use super::clustering::{
    Clustering, EVENT_FORBID, EVENT_MERGE, EVENT_MOVE, EVENT_UNMERGE, cluster_text,
};
use super::ingest::auto_title;
use super::outbox;
use super::{Ctx, page, page_size};
use crate::domain::notify::Trigger;
use crate::domain::roadmap::{Request, RequestStatus, StatusChange, can_transition};
use crate::domain::title::{KnownNames, neutral_title, same_need};
use crate::error::AppError;
use crate::store::entity::{account, feedback, merge_suggestion, move_suggestion, request};
use crate::store::{GlobalLock, Sql, WriteTx, requests, to_micros};
use serde_json::json;

/// A request with its counts and current title.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub request: Request,
    pub title: String,
    pub feedback_count: i64,
    pub account_count: i64,
}

pub struct RequestDetail {
    pub view: RequestView,
    pub feedback: Vec<feedback::Model>,
    /// (account, feedback count), most feedback first.
    pub accounts: Vec<(account::Model, i64)>,
}

pub struct SuggestionView {
    pub suggestion: merge_suggestion::Model,
    pub request_title: String,
    pub target_title: String,
}

#[derive(Clone)]
pub struct Requests {
    pub(crate) ctx: Ctx,
    pub(crate) clustering: Clustering,
    /// One consolidation run at a time in this instance (see `service::consolidation`).
    pub(crate) consolidating: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// A move suggestion with the current titles of the requests it names.
#[derive(Debug, Clone)]
pub struct MoveSuggestionView {
    pub suggestion: move_suggestion::Model,
    pub from_title: String,
    pub target_title: String,
}

/// Longest generated title, in characters.
const TITLE_CHARS: usize = 100;

/// A request's generated title: the need of its most central item, without customer names or
/// contact details. It stays the title the request was created with (`stored`, neutralised
/// the same way) while the central item names the same need, so joins of near-duplicates do
/// not rename a request; only when the centre has moved to another need does the title follow.
/// Erased text (a forgotten contact's) leaves the stored title.
fn generated_title(stored: &str, central: Option<String>, names: &KnownNames) -> String {
    let stored = neutral_title(stored, "", names, TITLE_CHARS);
    match central {
        Some(c) if !c.is_empty() && (stored.is_empty() || !same_need(&stored, &c)) => c,
        _ if stored.is_empty() => "untitled request".to_owned(),
        _ => stored,
    }
}

impl Requests {
    pub fn new(ctx: Ctx, clustering: Clustering) -> Self {
        Self {
            ctx,
            clustering,
            consolidating: Default::default(),
        }
    }

    /// Counts and titles for a set of requests.
    pub async fn views<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: Vec<request::Model>,
    ) -> Result<Vec<RequestView>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let counts = requests::counts(db, &ids).await?;
        self.views_counted(db, rows, &counts).await
    }

    /// Like [`Self::views`], with the (feedback, accounts) counts already known.
    pub async fn views_counted<C: ConnectionTrait>(
        &self,
        db: &C,
        rows: Vec<request::Model>,
        counts: &HashMap<i64, (i64, i64)>,
    ) -> Result<Vec<RequestView>, AppError> {
        self.clustering.catch_up_for_read(db).await?;
        let representatives: HashMap<i64, i64> = {
            let state = self.clustering.read();
            rows.iter()
                .filter(|r| r.pm_title.is_none())
                .filter_map(|r| {
                    state
                        .engine
                        .representative(r.id as u64)
                        .map(|d| (r.id, d as i64))
                })
                .collect()
        };
        let docs: Vec<i64> = representatives.values().copied().collect();
        let texts = requests::feedback_texts(db, &docs).await?;
        let names = if rows.iter().any(|r| r.pm_title.is_none()) {
            crate::store::accounts::customer_names(db, &docs).await?
        } else {
            KnownNames::new()
        };
        rows.into_iter()
            .map(|r| {
                let title = match &r.pm_title {
                    // A PM's title is final.
                    Some(t) => t.clone(),
                    None => {
                        let central = representatives
                            .get(&r.id)
                            .and_then(|d| texts.get(d))
                            .map(|(t, b)| neutral_title(t, b, &names, TITLE_CHARS));
                        generated_title(&r.title, central, &names)
                    }
                };
                let (feedback_count, account_count) = counts.get(&r.id).copied().unwrap_or((0, 0));
                Ok(RequestView {
                    request: requests::to_request(r)?,
                    title,
                    feedback_count,
                    account_count,
                })
            })
            .collect()
    }

    async fn view_of<C: ConnectionTrait>(&self, db: &C, id: i64) -> Result<RequestView, AppError> {
        let row = requests::get(db, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        let mut views = self.views(db, vec![row]).await?;
        views
            .pop()
            .ok_or_else(|| AppError::Internal("request view missing".into()))
    }

    pub async fn get(&self, id: i64, evidence_limit: i32) -> Result<RequestDetail, AppError> {
        let limit = match evidence_limit {
            0 => 50,
            1..=1000 => evidence_limit as u64,
            _ => {
                return Err(AppError::invalid(
                    "evidence_limit",
                    "must be between 0 and 1000",
                ));
            }
        };
        let db = self.ctx.store.db();
        let view = self.view_of(db, id).await?;
        let feedback = requests::feedback_of(db, id, limit).await?;
        let per_account = requests::accounts_of(db, id).await?;
        let ids: Vec<i64> = per_account.iter().map(|(a, _)| *a).collect();
        let mut found: HashMap<i64, account::Model> = crate::store::accounts::by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let accounts = per_account
            .into_iter()
            .filter_map(|(a, n)| found.remove(&a).map(|m| (m, n)))
            .collect();
        Ok(RequestDetail {
            view,
            feedback,
            accounts,
        })
    }

    pub async fn list(
        &self,
        size: i32,
        token: &str,
        include_merged: bool,
        min_feedback: i64,
    ) -> Result<(Vec<RequestView>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let mut after = match token {
            "" => 0,
            t => page::decode("requests", t, 1, "page_token")?[0],
        };
        let db = self.ctx.store.db();
        let mut out = Vec::new();
        // Filtering by count happens after the page is read: keep reading until it is full.
        loop {
            let rows = requests::list_page(db, after, include_merged, size + 1).await?;
            let more = rows.len() as u64 > size;
            let rows: Vec<request::Model> = rows.into_iter().take(size as usize).collect();
            if let Some(last) = rows.last() {
                after = last.id;
            }
            for v in self.views(db, rows).await? {
                if v.feedback_count >= min_feedback && (out.len() as u64) < size {
                    out.push(v);
                }
            }
            if !more {
                return Ok((out, None));
            }
            if out.len() as u64 >= size {
                let last = out.last().map_or(after, |v| v.request.id);
                return Ok((out, Some(page::encode("requests", &[last]))));
            }
        }
    }

    /// Requests nearest to a text: by the hybrid similarity when the embedding model is on
    /// (clamped to 0-1), else lexically.
    async fn similar_to(&self, text: &str, limit: usize) -> Result<Vec<(u64, f32)>, AppError> {
        #[cfg(feature = "embeddings")]
        if let Some(model) = self.clustering.model() {
            let query = text.to_owned();
            let vector = tokio::task::spawn_blocking(move || model.embed(&[query.as_str()]))
                .await
                .map_err(|e| AppError::Internal(format!("embedding task: {e}")))?
                .map_err(|e| AppError::Internal(e.to_string()))?
                .pop()
                .ok_or_else(|| AppError::Internal("no embedding".into()))?;
            let config = crate::domain::semantic::SemanticConfig::default();
            let s = self.clustering.read();
            let mut ranked =
                crate::domain::semantic::rank(&s.engine, &s.semantic, &config, text, &vector);
            ranked.truncate(limit);
            return Ok(ranked
                .into_iter()
                .map(|(r, sim)| (r, sim.clamp(0.0, 1.0)))
                .collect());
        }
        Ok(self.clustering.read().engine.find_similar(text, limit))
    }

    pub async fn find_similar(
        &self,
        text: &str,
        limit: i32,
    ) -> Result<Vec<(RequestView, f32)>, AppError> {
        if text.trim().is_empty() {
            return Err(AppError::invalid("text", "is required"));
        }
        if text.chars().count() > self.ctx.config.limits.max_text_chars {
            return Err(AppError::invalid(
                "text",
                format!(
                    "is longer than {} characters",
                    self.ctx.config.limits.max_text_chars
                ),
            ));
        }
        let limit = match limit {
            0 => 10,
            1..=100 => limit as usize,
            _ => return Err(AppError::invalid("limit", "must be between 1 and 100")),
        };
        let db = self.ctx.store.db();
        // Another instance's changes (an erasure among them) count at once.
        self.clustering.refresh(db).await?;
        let hits = self.similar_to(text, limit).await?;
        let ids: Vec<i64> = hits.iter().map(|(r, _)| *r as i64).collect();
        let rows = requests::get_many(db, &ids).await?;
        let ordered: Vec<request::Model> =
            ids.iter().filter_map(|id| rows.get(id).cloned()).collect();
        let views = self.views(db, ordered).await?;
        let sim: HashMap<i64, f32> = hits.iter().map(|(r, s)| (*r as i64, *s)).collect();
        Ok(views
            .into_iter()
            .filter(|v| v.request.status != RequestStatus::Merged)
            .map(|v| {
                let s = sim.get(&v.request.id).copied().unwrap_or(0.0);
                (v, s)
            })
            .collect())
    }

    /// Opens a clustering change: this instance's change lock, a write transaction with the
    /// ingest lock, and the index caught up with the log.
    pub(crate) async fn begin_change(
        &self,
    ) -> Result<(tokio::sync::OwnedMutexGuard<()>, WriteTx), AppError> {
        let guard = self.clustering.lock_changes().await;
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        self.clustering.catch_up(&*tx).await?;
        Ok((guard, tx))
    }

    /// Commits a change already applied to the index; on failure the index is rebuilt from the
    /// log before its next use.
    pub(crate) async fn commit_change(&self, tx: WriteTx, event: i64) -> Result<(), AppError> {
        tx.commit().await?;
        self.clustering.committed(Some(event));
        Ok(())
    }

    #[instrument(skip_all, fields(source, target))]
    pub async fn merge(&self, source: i64, target: i64) -> Result<RequestView, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let (source_row, target_row, payload) = self.merge_in(&tx, source, target).await?;
        if let Some(src) = source_row {
            let now = to_micros(Utc::now());
            let event =
                requests::append_event(&*tx, EVENT_MERGE, src.id, target_row.id, payload, now)
                    .await?;
            {
                let mut s = self.clustering.write();
                s.dirty = true;
                s.engine.merge(src.id as u64, target_row.id as u64);
            }
            audit(
                &*tx,
                "",
                "request.merge",
                format!("request:{}", src.id),
                json!({ "status": src.status }),
                json!({ "status": "MERGED", "merged_into": target_row.id }),
            )
            .await?;
            self.commit_change(tx, event).await?;
            self.ctx.outbox.notify_waiters();
        }
        self.view_of(self.ctx.store.db(), source).await
    }

    /// The database part of a merge; `None` for the source when it was already merged there.
    async fn merge_in(
        &self,
        tx: &WriteTx,
        source: i64,
        target: i64,
    ) -> Result<(Option<request::Model>, request::Model, String), AppError> {
        self.merge_rows(tx, source, target, &attributed("")).await
    }

    /// [`Self::merge_in`] recorded as `actor`'s ("" for a PM, "consolidation" for Sift's own).
    /// Also returns the MERGE event's payload: what of the source's plan the target took
    /// (see [`Carried`]), so an unmerge can give it back.
    pub(crate) async fn merge_rows(
        &self,
        tx: &WriteTx,
        source: i64,
        target: i64,
        actor: &str,
    ) -> Result<(Option<request::Model>, request::Model, String), AppError> {
        let src = requests::get(&**tx, source)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {source}")))?;
        let dst = requests::resolve(&**tx, target)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {target}")))?;
        if src.id == dst.id {
            return Err(AppError::invalid(
                "target_id",
                "is the source request (after merges)",
            ));
        }
        if src.status == requests::STATUS_MERGED {
            let end = requests::resolve(&**tx, source).await?;
            if end.as_ref().is_some_and(|e| e.id == dst.id) {
                return Ok((None, dst, String::new()));
            }
            return Err(AppError::FailedPrecondition(format!(
                "request {source} is already merged into request {}; unmerge it first",
                src.merged_into.unwrap_or_default()
            )));
        }
        let now = to_micros(Utc::now());
        let mut q = Sql::new(tx.get_database_backend());
        q.push("UPDATE feedback SET request_id = ").bind(dst.id);
        q.push(" WHERE request_id = ").bind(src.id);
        tx.execute_raw(q.build()).await?;
        let mut am: request::ActiveModel = src.clone().into();
        am.status_before_merge = Set(Some(src.status.clone()));
        am.status = Set(requests::STATUS_MERGED.to_owned());
        am.merged_into = Set(Some(dst.id));
        am.updated_at = Set(now);
        let src = am.update(&**tx).await?;
        let (carried, plan_note) = self.carry_plan(tx, &src, &dst, actor, now).await?;
        let reason = format!("merged into request {}{plan_note}", dst.id);
        let before = src.status_before_merge.clone().unwrap_or_default();
        requests::record_status(
            &**tx,
            src.id,
            &before,
            requests::STATUS_MERGED,
            actor,
            &reason,
            now,
        )
        .await?;
        // Requesters whose feedback now sits in a shipped request hear it is available.
        outbox::announce_available(&**tx, &self.ctx, &[dst.id], now).await?;
        let payload = if carried.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&carried).unwrap_or_default()
        };
        let dst = requests::get(&**tx, dst.id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("request {} vanished", dst.id)))?;
        Ok((Some(src), dst, payload))
    }

    /// Plans follow a merge. An open target without a release takes the source's release (or
    /// else its lane), its status when further along (PLANNED, IN_PROGRESS), and its release
    /// note; a target planned into another release keeps its own plan (the target's plan wins)
    /// and takes nothing. Returns what was carried and a note for the source's history.
    async fn carry_plan(
        &self,
        tx: &WriteTx,
        src: &request::Model,
        dst: &request::Model,
        actor: &str,
        now: i64,
    ) -> Result<(Carried, String), AppError> {
        let mut carried = Carried::default();
        let from = RequestStatus::parse(src.status_before_merge.as_deref().unwrap_or(""))
            .unwrap_or(RequestStatus::New);
        let to = status_of(dst)?;
        if !from.is_open() || !to.is_open() {
            return Ok((carried, String::new()));
        }
        let db = &**tx;
        let src_release = match src.release_id {
            Some(r) => crate::store::roadmap::get_release(db, r)
                .await?
                .filter(|rel| rel.shipped_at.is_none()),
            None => None,
        };
        let mut note = String::new();
        match (&src_release, dst.release_id) {
            (Some(rel), None) => {
                crate::store::roadmap::set_plan(db, dst.id, Some(rel.id), None, now).await?;
                carried.release = Some(rel.id);
                carried.lane_before = dst.lane.clone();
                note = format!("; its plan (release {}) went with it", rel.version);
            }
            (Some(rel), Some(other)) if other != rel.id => {
                let theirs = crate::store::roadmap::get_release(db, other).await?;
                note = format!(
                    "; the target's plan (release {}) wins over release {}",
                    theirs
                        .map(|t| t.version)
                        .unwrap_or_else(|| other.to_string()),
                    rel.version
                );
            }
            (None, None) if dst.lane.is_none() && src.lane.is_some() => {
                crate::store::roadmap::set_plan(db, dst.id, None, src.lane.as_deref(), now).await?;
                carried.lane = src.lane.clone();
            }
            _ => {}
        }
        // The note follows into the release the target is now in, unless it has its own.
        if let Some(rel) = &src_release
            && (carried.release == Some(rel.id) || dst.release_id == Some(rel.id))
        {
            let notes = crate::store::roadmap::notes(db, &[rel.id]).await?;
            if let Some(text) = notes.get(&(rel.id, src.id))
                && !notes.contains_key(&(rel.id, dst.id))
            {
                crate::store::roadmap::set_note(db, rel.id, dst.id, text, now).await?;
                carried.note_release = Some(rel.id);
            }
        }
        let further = |s: RequestStatus| match s {
            RequestStatus::New | RequestStatus::UnderReview => 0,
            RequestStatus::Planned => 1,
            RequestStatus::InProgress => 2,
            _ => 0,
        };
        if further(from) > further(to) && (carried.release.is_some() || dst.release_id.is_none()) {
            let reason = format!("request {} merged in ({})", src.id, from.as_str());
            requests::set_status(db, dst.id, from.as_str(), now).await?;
            requests::record_status(db, dst.id, to.as_str(), from.as_str(), actor, &reason, now)
                .await?;
            carried.status_before = Some(to.as_str().to_owned());
        }
        if carried.release.is_some() || carried.status_before.is_some() || carried.lane.is_some() {
            crate::store::plan::bump(db, super::backlog::PLAN_VERSION).await?;
        }
        Ok((carried, note))
    }

    /// Gives back what a merge carried to its target (see [`Self::carry_plan`]), when the
    /// target still holds it: the release (and its lane before), the note, the status.
    async fn give_back_plan(
        &self,
        tx: &WriteTx,
        source: i64,
        end: &request::Model,
        now: i64,
    ) -> Result<(), AppError> {
        let db = &**tx;
        let Some((target, payload)) = requests::last_merge_of(db, source).await? else {
            return Ok(());
        };
        if target != end.id || payload.is_empty() {
            return Ok(());
        }
        let Ok(carried) = serde_json::from_str::<Carried>(&payload) else {
            return Ok(());
        };
        let status = status_of(end)?;
        if !status.is_open() {
            // Shipped or declined since: the target's history stands.
            return Ok(());
        }
        if let Some(r) = carried.note_release {
            crate::store::roadmap::set_note(db, r, end.id, "", now).await?;
        }
        if carried.release.is_some() && end.release_id == carried.release {
            crate::store::roadmap::set_plan(db, end.id, None, carried.lane_before.as_deref(), now)
                .await?;
        }
        if carried.lane.is_some() && end.lane == carried.lane && end.release_id.is_none() {
            crate::store::roadmap::set_plan(db, end.id, None, None, now).await?;
        }
        if let Some(before) = carried
            .status_before
            .as_deref()
            .and_then(RequestStatus::parse)
            && before != status
        {
            let reason = format!("request {source} unmerged: its plan went back with it");
            requests::set_status(db, end.id, before.as_str(), now).await?;
            requests::record_status(
                db,
                end.id,
                status.as_str(),
                before.as_str(),
                "",
                &reason,
                now,
            )
            .await?;
        }
        crate::store::plan::bump(db, super::backlog::PLAN_VERSION).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(id))]
    pub async fn unmerge(&self, id: i64) -> Result<RequestView, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let src = requests::get(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        if src.status != requests::STATUS_MERGED {
            return Err(AppError::FailedPrecondition(format!(
                "request {id} is {}, not MERGED",
                src.status
            )));
        }
        let end = requests::resolve(&*tx, id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("merge chain of {id} is broken")))?;
        let subtree = requests::merge_subtree(&*tx, id).await?;
        // Exactly the feedback whose home is the source or a request merged into it.
        let mut q = Sql::new(tx.get_database_backend());
        q.push("SELECT id FROM feedback WHERE request_id = ")
            .bind(end.id);
        q.push(" AND home_request_id IN ")
            .bind_list(subtree.iter().copied());
        q.push(" ORDER BY id");
        let mut restored = Vec::new();
        for row in tx.query_all_raw(q.build()).await? {
            restored.push(row.try_get_by_index::<i64>(0)?);
        }
        let mut q = Sql::new(tx.get_database_backend());
        q.push("UPDATE feedback SET request_id = ").bind(id);
        q.push(" WHERE request_id = ").bind(end.id);
        q.push(" AND home_request_id IN ")
            .bind_list(subtree.iter().copied());
        tx.execute_raw(q.build()).await?;
        let now = to_micros(Utc::now());
        let mut am: request::ActiveModel = src.clone().into();
        am.status = Set(src
            .status_before_merge
            .clone()
            .unwrap_or_else(|| requests::STATUS_NEW.into()));
        am.status_before_merge = Set(None);
        am.merged_into = Set(None);
        am.updated_at = Set(now);
        let restored_row = am.update(&*tx).await?;
        requests::record_status(
            &*tx,
            id,
            requests::STATUS_MERGED,
            &restored_row.status,
            &attributed(""),
            "unmerged",
            now,
        )
        .await?;
        self.give_back_plan(&tx, id, &end, now).await?;
        outbox::announce_available(&*tx, &self.ctx, &[id], now).await?;
        let payload = restored
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let event = requests::append_event(&*tx, EVENT_UNMERGE, id, end.id, payload, now).await?;
        {
            let mut s = self.clustering.write();
            s.dirty = true;
            let docs: Vec<u64> = restored.iter().map(|d| *d as u64).collect();
            s.engine.unmerge(id as u64, &docs);
        }
        audit(
            &*tx,
            "",
            "request.unmerge",
            format!("request:{id}"),
            json!({ "merged_into": end.id }),
            json!({ "restored_feedback": restored }),
        )
        .await?;
        self.commit_change(tx, event).await?;
        self.ctx.outbox.notify_waiters();
        self.view_of(self.ctx.store.db(), id).await
    }

    /// Moves one item to `target` (or a new request when `None`); returns (from, to).
    #[instrument(skip_all, fields(feedback_id))]
    pub async fn move_feedback(
        &self,
        feedback_id: i64,
        target: Option<i64>,
    ) -> Result<(i64, i64), AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let (from, to, event) = self
            .move_in(&tx, feedback_id, target, "feedback.move")
            .await?;
        self.commit_change(tx, event).await?;
        // It may have told a requester that it is already available.
        self.ctx.outbox.notify_waiters();
        Ok((from, to))
    }

    /// A PM's move of one item inside `tx` (under the change lock): the row, the clustering
    /// log and this instance's index. Returns (from, to, event).
    async fn move_in(
        &self,
        tx: &WriteTx,
        feedback_id: i64,
        target: Option<i64>,
        action: &str,
    ) -> Result<(i64, i64, i64), AppError> {
        let item = crate::store::feedback::get(&**tx, feedback_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("feedback {feedback_id}")))?;
        let from = item.request_id.unwrap_or(0);
        let now = to_micros(Utc::now());
        let to = match target {
            Some(t) => {
                requests::resolve(&**tx, t)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("request {t}")))?
                    .id
            }
            None => {
                let id = requests::max_request_id(&**tx).await? + 1;
                requests::insert_requests(
                    &**tx,
                    &[requests::new_request(
                        id,
                        auto_title(&item.title, &item.body),
                        now,
                    )],
                )
                .await?;
                id
            }
        };
        let mut q = Sql::new(tx.get_database_backend());
        q.push("UPDATE feedback SET request_id = ").bind(to);
        q.push(", home_request_id = ").bind(to);
        q.push(", moved_by_pm = ").bind(true);
        q.push(" WHERE id = ").bind(feedback_id);
        tx.execute_raw(q.build()).await?;
        // An item still waiting for the embedding model is placed by the PM instead: the
        // placer must not place it again over the PM's decision.
        crate::store::embeddings::dequeue(&**tx, &[feedback_id]).await?;
        // Moved into a shipped request: its requester hears it is available.
        outbox::announce_available(&**tx, &self.ctx, &[to], now).await?;
        let event =
            requests::append_event(&**tx, EVENT_MOVE, feedback_id, to, String::new(), now).await?;
        {
            let mut s = self.clustering.write();
            s.dirty = true;
            if s.engine.move_doc(feedback_id as u64, to as u64).is_none() {
                // Not in the index (e.g. text erased): index it where the PM put it.
                let text = cluster_text(&item.title, &item.body);
                s.engine.add_existing(feedback_id as u64, to as u64, &text);
            }
        }
        audit(
            &**tx,
            "",
            action,
            format!("feedback:{feedback_id}"),
            json!({ "request": from }),
            json!({ "request": to }),
        )
        .await?;
        Ok((from, to, event))
    }

    pub async fn rename(&self, id: i64, title: &str) -> Result<RequestView, AppError> {
        let title = title.trim();
        if title.chars().count() > 300 {
            return Err(AppError::invalid("title", "is longer than 300 characters"));
        }
        if title.contains('\0') {
            return Err(AppError::invalid("title", "contains a NUL character"));
        }
        let tx = self.ctx.store.begin_write(None).await?;
        let row = requests::get(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        let before = json!({ "pm_title": row.pm_title });
        let mut am: request::ActiveModel = row.into();
        am.pm_title = Set((!title.is_empty()).then(|| title.to_owned()));
        am.updated_at = Set(to_micros(Utc::now()));
        am.update(&*tx).await?;
        audit(
            &*tx,
            "",
            "request.rename",
            format!("request:{id}"),
            before,
            json!({ "pm_title": (!title.is_empty()).then_some(title) }),
        )
        .await?;
        tx.commit().await?;
        self.view_of(self.ctx.store.db(), id).await
    }

    /// Moves a request along its lifecycle and records the change.
    #[instrument(skip_all, fields(id))]
    pub async fn update_status(
        &self,
        id: i64,
        to: RequestStatus,
        actor: &str,
        reason: &str,
    ) -> Result<RequestView, AppError> {
        let mut v = crate::domain::Violations::default();
        if to == RequestStatus::Merged {
            v.push("status", "MERGED is set by MergeRequests");
        }
        if actor.chars().count() > 200 {
            v.push("actor", "is longer than 200 characters");
        }
        if reason.chars().count() > 2_000 {
            v.push("reason", "is longer than 2000 characters");
        }
        crate::domain::validation::no_nul(&mut v, "actor", actor);
        crate::domain::validation::no_nul(&mut v, "reason", reason);
        v.into_result(())?;
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        let row = requests::get(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        let from = status_of(&row)?;
        if !can_transition(from, to) {
            return Err(AppError::FailedPrecondition(format!(
                "request {id} is {}; it cannot become {}",
                from.as_str(),
                to.as_str()
            )));
        }
        // Shipping goes through a release, so its requesters are told exactly once.
        if to == RequestStatus::Shipped {
            let through = match row.release_id {
                Some(r) => match crate::store::roadmap::get_release(&*tx, r).await? {
                    Some(release) => format!(
                        "it is planned into release {}: ship that release with ShipRelease",
                        release.version
                    ),
                    None => "plan it into a release and ship that with ShipRelease".to_owned(),
                },
                None => "plan it into a release and ship that with ShipRelease".to_owned(),
            };
            return Err(AppError::FailedPrecondition(format!(
                "request {id} becomes SHIPPED only when its release ships, so that its \
                 requesters are told: {through}"
            )));
        }
        let now = to_micros(Utc::now());
        let actor = attributed(actor);
        let notified = self
            .change_status(&tx, row, to, &actor, reason.trim(), now)
            .await?;
        crate::store::plan::bump(&*tx, super::backlog::PLAN_VERSION).await?;
        tx.commit().await?;
        if notified > 0 {
            self.ctx.outbox.notify_waiters();
        }
        self.view_of(self.ctx.store.db(), id).await
    }

    /// Sets a request's status inside `tx` and records it in the history; when configured,
    /// PLANNED and IN_PROGRESS notify the requesters. Returns how many notifications it wrote.
    /// The caller checks the transition and bumps the plan version.
    pub async fn change_status(
        &self,
        tx: &WriteTx,
        row: request::Model,
        to: RequestStatus,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<u64, AppError> {
        let from = status_of(&row)?;
        // Who decided: the caller's token name, else the actor the request names (without
        // authentication), never blank: the history answers "by whom".
        let actor = match attributed(actor) {
            a if a.is_empty() => "anonymous".to_owned(),
            a => a,
        };
        let actor = actor.as_str();
        requests::set_status(&**tx, row.id, to.as_str(), now).await?;
        requests::record_status(
            &**tx,
            row.id,
            from.as_str(),
            to.as_str(),
            actor,
            reason,
            now,
        )
        .await?;
        audit(
            &**tx,
            actor,
            "request.status",
            format!("request:{}", row.id),
            json!({ "status": from.as_str() }),
            json!({ "status": to.as_str(), "reason": reason }),
        )
        .await?;
        let trigger = match to {
            RequestStatus::Planned => Trigger::Planned,
            RequestStatus::InProgress => Trigger::InProgress,
            _ => return Ok(0),
        };
        if !self.ctx.config.notify.on_status {
            return Ok(0);
        }
        let release = match row.release_id {
            Some(r) => crate::store::roadmap::get_release(&**tx, r).await?,
            None => None,
        };
        let notes = match &release {
            Some(r) => crate::store::roadmap::notes(&**tx, &[r.id])
                .await?
                .into_iter()
                .filter(|((_, q), _)| *q == row.id)
                .map(|((_, q), n)| (q, n))
                .collect(),
            None => HashMap::new(),
        };
        let id = row.id;
        // The PM's title or none: a generated title is some customer's words.
        let titles: HashMap<i64, String> = row
            .pm_title
            .as_deref()
            .map(|t| {
                (
                    id,
                    crate::domain::notify::notification_title(Some(t), "", false),
                )
            })
            .into_iter()
            .collect();
        let gathered = outbox::gather(&**tx, &self.ctx, &[id]).await?;
        let about = outbox::About {
            trigger,
            release: release.as_ref(),
            titles: &titles,
            notes: &notes,
        };
        outbox::write(&**tx, &about, &gathered, now).await
    }

    pub async fn status_history(&self, id: i64) -> Result<Vec<StatusChange>, AppError> {
        let db = self.ctx.store.db();
        requests::get(db, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        requests::status_history(db, id).await
    }

    pub async fn suggestions(
        &self,
        status: &str,
        size: i32,
        token: &str,
    ) -> Result<(Vec<SuggestionView>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode("suggestions", t, 1, "page_token")?[0],
        };
        let db = self.ctx.store.db();
        let mut rows = requests::suggestions_page(db, status, after, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last().map(|s| page::encode("suggestions", &[s.id]))
        } else {
            None
        };
        Ok((self.suggestion_views(rows).await?, next))
    }

    async fn suggestion_views(
        &self,
        rows: Vec<merge_suggestion::Model>,
    ) -> Result<Vec<SuggestionView>, AppError> {
        let db = self.ctx.store.db();
        let mut ids: Vec<i64> = rows
            .iter()
            .flat_map(|s| [s.request_id, s.target_request_id])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let found = requests::get_many(db, &ids).await?;
        let views = self.views(db, found.into_values().collect()).await?;
        let titles: HashMap<i64, String> =
            views.into_iter().map(|v| (v.request.id, v.title)).collect();
        Ok(rows
            .into_iter()
            .map(|s| SuggestionView {
                request_title: titles.get(&s.request_id).cloned().unwrap_or_default(),
                target_title: titles
                    .get(&s.target_request_id)
                    .cloned()
                    .unwrap_or_default(),
                suggestion: s,
            })
            .collect())
    }

    /// Accepts (merges the suggested request into its target) or rejects (never suggests the
    /// pair again). Deciding again the same way answers with the decision already made.
    pub async fn decide(&self, id: i64, accept: bool) -> Result<SuggestionView, AppError> {
        let wanted = if accept { "ACCEPTED" } else { "REJECTED" };
        let (_guard, tx) = self.begin_change().await?;
        let s = requests::suggestion(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("merge suggestion {id}")))?;
        if s.status == wanted {
            drop(tx);
            return Ok(self.suggestion_views(vec![s]).await?.remove(0));
        }
        if s.status != "PENDING" {
            return Err(AppError::FailedPrecondition(format!(
                "merge suggestion {id} is already {}",
                s.status
            )));
        }
        let now = to_micros(Utc::now());
        let event = if accept {
            let (source, target, payload) = self
                .merge_in(&tx, s.request_id, s.target_request_id)
                .await?;
            match source {
                Some(src) => {
                    let event =
                        requests::append_event(&*tx, EVENT_MERGE, src.id, target.id, payload, now)
                            .await?;
                    let mut st = self.clustering.write();
                    st.dirty = true;
                    st.engine.merge(src.id as u64, target.id as u64);
                    Some(event)
                }
                None => None,
            }
        } else {
            let event = requests::append_event(
                &*tx,
                EVENT_FORBID,
                s.request_id,
                s.target_request_id,
                String::new(),
                now,
            )
            .await?;
            let mut st = self.clustering.write();
            st.dirty = true;
            st.engine
                .forbid_pair(s.request_id as u64, s.target_request_id as u64);
            Some(event)
        };
        let mut am: merge_suggestion::ActiveModel = s.into();
        am.status = Set(wanted.to_owned());
        am.decided_at = Set(Some(now));
        let decided = am.update(&*tx).await?;
        audit(
            &*tx,
            "",
            if accept {
                "suggestion.accept"
            } else {
                "suggestion.reject"
            },
            format!("suggestion:{}", decided.id),
            json!({ "status": "PENDING" }),
            json!({ "status": decided.status }),
        )
        .await?;
        match event {
            Some(event) => self.commit_change(tx, event).await?,
            None => tx.commit().await?,
        }
        Ok(self.suggestion_views(vec![decided]).await?.remove(0))
    }
}

/// What a merge carried from the source's plan to the target, kept in the MERGE event's
/// payload so an unmerge gives it back.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Carried {
    /// The source's release, now the target's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<i64>,
    /// The target's lane before it took the release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane_before: Option<String>,
    /// The source's lane, now the target's (neither had a release).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    /// The release whose note of the source became the target's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_release: Option<i64>,
    /// The target's status before it took the source's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_before: Option<String>,
}

impl Carried {
    fn is_empty(&self) -> bool {
        self.release.is_none()
            && self.lane.is_none()
            && self.note_release.is_none()
            && self.status_before.is_none()
    }
}

impl Requests {
    /// Move suggestions in `status` (PENDING, ACCEPTED or REJECTED), oldest first.
    pub async fn move_suggestions(
        &self,
        status: &str,
        size: i32,
        token: &str,
    ) -> Result<(Vec<MoveSuggestionView>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode("move_suggestions", t, 1, "page_token")?[0],
        };
        let db = self.ctx.store.db();
        let mut rows = requests::move_suggestions_page(db, status, after, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last()
                .map(|s| page::encode("move_suggestions", &[s.id]))
        } else {
            None
        };
        Ok((self.move_suggestion_views(rows).await?, next))
    }

    async fn move_suggestion_views(
        &self,
        rows: Vec<move_suggestion::Model>,
    ) -> Result<Vec<MoveSuggestionView>, AppError> {
        let db = self.ctx.store.db();
        let mut ids: Vec<i64> = rows
            .iter()
            .flat_map(|s| [s.from_request_id, s.target_request_id])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let found = requests::get_many(db, &ids).await?;
        let views = self.views(db, found.into_values().collect()).await?;
        let titles: HashMap<i64, String> =
            views.into_iter().map(|v| (v.request.id, v.title)).collect();
        let title = |id: i64| titles.get(&id).cloned().unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|s| MoveSuggestionView {
                from_title: title(s.from_request_id),
                target_title: title(s.target_request_id),
                suggestion: s,
            })
            .collect())
    }

    /// Accepts (moves the item to the suggested request, as a PM's move: final) or rejects
    /// (the pair is never suggested again). Deciding again the same way answers with the
    /// decision already made.
    #[instrument(skip_all, fields(id, accept))]
    pub async fn decide_move(&self, id: i64, accept: bool) -> Result<MoveSuggestionView, AppError> {
        let wanted = if accept { "ACCEPTED" } else { "REJECTED" };
        let (_guard, tx) = self.begin_change().await?;
        let s = requests::move_suggestion(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("move suggestion {id}")))?;
        if s.status == wanted {
            drop(tx);
            return Ok(self.move_suggestion_views(vec![s]).await?.remove(0));
        }
        if s.status != "PENDING" {
            return Err(AppError::FailedPrecondition(format!(
                "move suggestion {id} is already {}",
                s.status
            )));
        }
        let event = if accept {
            let item = crate::store::feedback::get(&*tx, s.feedback_id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("feedback {}", s.feedback_id)))?;
            if item.moved_by_pm {
                return Err(AppError::FailedPrecondition(format!(
                    "feedback {} was moved by a PM since move suggestion {id} was made",
                    s.feedback_id
                )));
            }
            let (_, _, event) = self
                .move_in(
                    &tx,
                    s.feedback_id,
                    Some(s.target_request_id),
                    "move_suggestion.accept",
                )
                .await?;
            Some(event)
        } else {
            None
        };
        let now = to_micros(Utc::now());
        let mut am: move_suggestion::ActiveModel = s.into();
        am.status = Set(wanted.to_owned());
        am.decided_at = Set(Some(now));
        let decided = am.update(&*tx).await?;
        if !accept {
            audit(
                &*tx,
                "",
                "move_suggestion.reject",
                format!("move_suggestion:{}", decided.id),
                json!({ "status": "PENDING" }),
                json!({ "status": decided.status }),
            )
            .await?;
        }
        match event {
            Some(event) => self.commit_change(tx, event).await?,
            None => tx.commit().await?,
        }
        Ok(self.move_suggestion_views(vec![decided]).await?.remove(0))
    }
}

/// The lifecycle status stored on a request row.
pub fn status_of(row: &request::Model) -> Result<RequestStatus, AppError> {
    RequestStatus::parse(&row.status)
        .ok_or_else(|| AppError::Internal(format!("request {} has status {}", row.id, row.status)))
}
