//! A PM's corrections of the clusters: merge, unmerge, move, rename; and how plans follow a
//! merge.

use tracing::instrument;

use super::{RequestView, Requests};
use crate::domain::cluster_log::LogKind;
use crate::domain::roadmap::{Lane, Request, RequestStatus};
use crate::error::AppError;
use crate::service::access::{attributed, audit};
use crate::service::clustering::cluster_text;
use crate::service::outbox;
use crate::service::placement::auto_title;
use crate::store::{WriteTx, requests, to_micros};
use serde_json::json;

impl Requests {
    #[instrument(skip_all, fields(source, target))]
    pub async fn merge(&self, source: i64, target: i64) -> Result<RequestView, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let (source_row, target_row, payload) = self.merge_in(&tx, source, target).await?;
        if let Some(src) = source_row {
            let now = to_micros(self.ctx.clock.now());
            let event =
                requests::append_event(&*tx, LogKind::Merge, src.id, target_row.id, payload, now)
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
                json!({ "status": src.status.as_str() }),
                json!({ "status": RequestStatus::Merged.as_str(), "merged_into": target_row.id }),
                now,
            )
            .await?;
            self.commit_change(tx, event).await?;
            self.ctx.outbox.notify_waiters();
        }
        self.view_of(self.ctx.store.db(), source).await
    }

    /// The database part of a merge; `None` for the source when it was already merged there.
    pub(super) async fn merge_in(
        &self,
        tx: &WriteTx,
        source: i64,
        target: i64,
    ) -> Result<(Option<Request>, Request, String), AppError> {
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
    ) -> Result<(Option<Request>, Request, String), AppError> {
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
        if src.status == RequestStatus::Merged {
            let end = requests::resolve(&**tx, source).await?;
            if end.as_ref().is_some_and(|e| e.id == dst.id) {
                return Ok((None, dst, String::new()));
            }
            return Err(AppError::FailedPrecondition(format!(
                "request {source} is already merged into request {}; unmerge it first",
                src.merged_into.unwrap_or_default()
            )));
        }
        let now = to_micros(self.ctx.clock.now());
        requests::reassign_feedback(&**tx, src.id, dst.id).await?;
        requests::mark_merged(&**tx, src.id, dst.id, src.status, now).await?;
        let before = src.status;
        let src = Request {
            status: RequestStatus::Merged,
            status_before_merge: Some(before),
            merged_into: Some(dst.id),
            updated_at: crate::store::from_micros(now),
            ..src
        };
        let (carried, plan_note) = self.carry_plan(tx, &src, &dst, actor, now).await?;
        let reason = format!("merged into request {}{plan_note}", dst.id);
        requests::record_status(
            &**tx,
            src.id,
            before,
            RequestStatus::Merged,
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
        src: &Request,
        dst: &Request,
        actor: &str,
        now: i64,
    ) -> Result<(Carried, String), AppError> {
        let mut carried = Carried::default();
        let from = src.status_before_merge.unwrap_or(RequestStatus::New);
        let to = dst.status;
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
                carried.lane_before = dst.lane.map(|l| l.as_str().to_owned());
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
                crate::store::roadmap::set_plan(db, dst.id, None, src.lane, now).await?;
                carried.lane = src.lane.map(|l| l.as_str().to_owned());
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
            requests::set_status(db, dst.id, from, now).await?;
            requests::record_status(db, dst.id, to, from, actor, &reason, now).await?;
            carried.status_before = Some(to.as_str().to_owned());
        }
        if carried.release.is_some() || carried.status_before.is_some() || carried.lane.is_some() {
            crate::store::plan::bump(db, crate::service::backlog::PLAN_VERSION).await?;
        }
        Ok((carried, note))
    }

    /// Gives back what a merge carried to its target (see [`Self::carry_plan`]), when the
    /// target still holds it: the release (and its lane before), the note, the status.
    async fn give_back_plan(
        &self,
        tx: &WriteTx,
        source: i64,
        end: &Request,
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
        let status = end.status;
        if !status.is_open() {
            // Shipped or declined since: the target's history stands.
            return Ok(());
        }
        if let Some(r) = carried.note_release {
            crate::store::roadmap::set_note(db, r, end.id, "", now).await?;
        }
        if carried.release.is_some() && end.release_id == carried.release {
            let lane_before = carried.lane_before.as_deref().and_then(Lane::parse);
            crate::store::roadmap::set_plan(db, end.id, None, lane_before, now).await?;
        }
        let carried_lane = carried.lane.as_deref().and_then(Lane::parse);
        if carried_lane.is_some() && end.lane == carried_lane && end.release_id.is_none() {
            crate::store::roadmap::set_plan(db, end.id, None, None, now).await?;
        }
        if let Some(before) = carried
            .status_before
            .as_deref()
            .and_then(RequestStatus::parse)
            && before != status
        {
            let reason = format!("request {source} unmerged: its plan went back with it");
            requests::set_status(db, end.id, before, now).await?;
            requests::record_status(db, end.id, status, before, "", &reason, now).await?;
        }
        crate::store::plan::bump(db, crate::service::backlog::PLAN_VERSION).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(id))]
    pub async fn unmerge(&self, id: i64) -> Result<RequestView, AppError> {
        let (_guard, tx) = self.begin_change().await?;
        let src = requests::get(&*tx, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        if src.status != RequestStatus::Merged {
            return Err(AppError::FailedPrecondition(format!(
                "request {id} is {}, not MERGED",
                src.status.as_str()
            )));
        }
        let end = requests::resolve(&*tx, id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("merge chain of {id} is broken")))?;
        let subtree = requests::merge_subtree(&*tx, id).await?;
        // Exactly the feedback whose home is the source or a request merged into it.
        let restored = requests::feedback_homed_in(&*tx, end.id, &subtree).await?;
        requests::take_back_feedback(&*tx, end.id, id, &subtree).await?;
        let now = to_micros(self.ctx.clock.now());
        let restored_status = src.status_before_merge.unwrap_or(RequestStatus::New);
        requests::mark_unmerged(&*tx, id, restored_status, now).await?;
        requests::record_status(
            &*tx,
            id,
            RequestStatus::Merged,
            restored_status,
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
        let event =
            requests::append_event(&*tx, LogKind::Unmerge, id, end.id, payload, now).await?;
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
            now,
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
    pub(super) async fn move_in(
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
        let now = to_micros(self.ctx.clock.now());
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
        requests::place_feedback_by_pm(&**tx, feedback_id, to).await?;
        // An item still waiting for the embedding model is placed by the PM instead: the
        // placer must not place it again over the PM's decision.
        crate::store::embeddings::dequeue(&**tx, &[feedback_id]).await?;
        // Moved into a shipped request: its requester hears it is available.
        outbox::announce_available(&**tx, &self.ctx, &[to], now).await?;
        let event =
            requests::append_event(&**tx, LogKind::Move, feedback_id, to, String::new(), now)
                .await?;
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
            now,
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
        let pm_title = (!title.is_empty()).then_some(title);
        requests::set_pm_title(&*tx, id, pm_title, to_micros(self.ctx.clock.now())).await?;
        audit(
            &*tx,
            "",
            "request.rename",
            format!("request:{id}"),
            before,
            json!({ "pm_title": (!title.is_empty()).then_some(title) }),
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        tx.commit().await?;
        self.view_of(self.ctx.store.db(), id).await
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
