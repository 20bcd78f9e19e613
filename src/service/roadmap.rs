//! The roadmap: releases, planning requests into them or into lanes, release notes, the
//! preview of who will be told what, and shipping with its transactional outbox.

use std::collections::HashMap;

use tracing::instrument;

use super::access::{attributed, audit};
use super::outbox::{self, About, Gathered};
use super::prioritization::Prioritization;
use super::requests::{RequestView, Requests};
use super::{Ctx, backlog::PLAN_VERSION};
use crate::domain::Violations;
use crate::domain::notify::{Planned, Trigger, has_shippable_words, notification_title};
use crate::domain::roadmap::{Lane, NewRelease, Release, Request, RequestStatus, can_plan};
use crate::error::AppError;
use crate::store::outbox as outbox_store;
use crate::store::roadmap as store;
use crate::store::{GlobalLock, plan, requests, to_micros};
use serde_json::json;

#[derive(Clone)]
pub struct Roadmap {
    ctx: Ctx,
    requests: Requests,
    prioritization: Prioritization,
}

/// Where a PM puts a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanTarget {
    Release(i64),
    Lane(Lane),
    Unplanned,
}

/// A request as the roadmap shows it.
pub struct ItemView {
    pub view: RequestView,
    pub note: String,
    pub score: f64,
}

/// An unshipped release and what is planned into it.
pub struct ReleasePlan {
    pub release: Release,
    pub items: Vec<ItemView>,
}

/// A lane of unscheduled requests.
pub struct LanePlan {
    pub lane: Lane,
    pub items: Vec<ItemView>,
}

pub struct RoadmapView {
    pub releases: Vec<ReleasePlan>,
    pub lanes: Vec<LanePlan>,
}

/// A request in a release preview: who will be told (or was told, once shipped).
pub struct RequestPreview {
    pub item: ItemView,
    pub planned: Vec<Planned>,
    /// Neither a PM title nor a release note: shipping it needs the generated title accepted.
    pub needs_title: bool,
}

pub struct Preview {
    pub release: Release,
    pub requests: Vec<RequestPreview>,
}

pub struct Shipment {
    pub release: Release,
    pub created: u64,
    pub notifications: i64,
    pub suppressed: i64,
    pub request_ids: Vec<i64>,
    pub first_cursor: i64,
    pub last_cursor: i64,
}

fn check_actor(v: &mut Violations, actor: &str) {
    if actor.chars().count() > 200 {
        v.push("actor", "is longer than 200 characters");
    }
    crate::domain::validation::no_nul(v, "actor", actor);
}

impl Roadmap {
    pub fn new(ctx: Ctx, requests: Requests, prioritization: Prioritization) -> Self {
        Self {
            ctx,
            requests,
            prioritization,
        }
    }

    pub async fn create_release(&self, r: NewRelease) -> Result<Release, AppError> {
        let tx = self.ctx.store.begin_write(None).await?;
        let now = to_micros(self.ctx.clock.now());
        let id = store::insert_release(&*tx, &r, now)
            .await?
            .ok_or_else(|| AppError::AlreadyExists(format!("release {}", r.version)))?;
        let row = store::get_release(&*tx, id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("release {id} vanished")))?;
        audit(
            &*tx,
            "",
            "release.create",
            format!("release:{id}"),
            serde_json::Value::Null,
            json!({
                "version": row.version,
                "kind": row.kind.map(|k| k.as_str()),
                "planned_date": row.planned_date,
            }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn release(&self, id: i64) -> Result<Release, AppError> {
        store::get_release(self.ctx.store.db(), id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("release {id}")))
    }

    /// Request rows as roadmap items, with titles, notes and scores.
    async fn items(
        &self,
        rows: Vec<Request>,
        notes: &HashMap<(i64, i64), String>,
    ) -> Result<Vec<ItemView>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let scores = self.prioritization.current_scores(&ids).await?;
        let views = self.requests.views(self.ctx.store.db(), rows).await?;
        let mut items: Vec<ItemView> = views
            .into_iter()
            .map(|view| {
                let note = view
                    .request
                    .release_id
                    .and_then(|r| notes.get(&(r, view.request.id)))
                    .cloned()
                    .unwrap_or_default();
                let score = scores.get(&view.request.id).copied().unwrap_or(0.0);
                ItemView { view, note, score }
            })
            .collect();
        items.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.view.request.id.cmp(&b.view.request.id))
        });
        Ok(items)
    }

    async fn item(&self, request_id: i64) -> Result<ItemView, AppError> {
        let db = self.ctx.store.db();
        let row = requests::get(db, request_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
        let notes = match row.release_id {
            Some(r) => store::notes(db, &[r]).await?,
            None => HashMap::new(),
        };
        let mut items = self.items(vec![row], &notes).await?;
        items
            .pop()
            .ok_or_else(|| AppError::Internal(format!("request {request_id} vanished")))
    }

    #[instrument(skip_all, fields(request_id))]
    pub async fn plan(
        &self,
        request_id: i64,
        target: PlanTarget,
        actor: &str,
    ) -> Result<ItemView, AppError> {
        let mut v = Violations::default();
        check_actor(&mut v, actor);
        v.into_result(())?;
        let actor = attributed(actor);
        let actor = actor.as_str();
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        let row = requests::get(&*tx, request_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
        let status = row.status;
        if target != PlanTarget::Unplanned && !can_plan(status) {
            return Err(AppError::FailedPrecondition(format!(
                "request {request_id} is {}; only open requests can be planned",
                status.as_str()
            )));
        }
        let now = to_micros(self.ctx.clock.now());
        let mut notified = 0;
        match target {
            PlanTarget::Release(release_id) => {
                let release = store::get_release(&*tx, release_id)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("release {release_id}")))?;
                if release.shipped_at.is_some() {
                    return Err(AppError::FailedPrecondition(format!(
                        "release {} has shipped; plan into an unshipped release",
                        release.version
                    )));
                }
                store::set_plan(&*tx, request_id, Some(release_id), None, now).await?;
                if matches!(status, RequestStatus::New | RequestStatus::UnderReview) {
                    let planned = Request {
                        release_id: Some(release_id),
                        lane: None,
                        ..row.clone()
                    };
                    let reason = format!("planned into release {}", release.version);
                    notified = self
                        .requests
                        .change_status(
                            &tx,
                            planned,
                            RequestStatus::Planned,
                            actor.trim(),
                            &reason,
                            now,
                        )
                        .await?;
                }
            }
            PlanTarget::Lane(lane) => {
                store::set_plan(&*tx, request_id, None, Some(lane), now).await?;
            }
            PlanTarget::Unplanned => {
                store::set_plan(&*tx, request_id, None, None, now).await?;
                // PLANNED means "in a release": off the roadmap, the request goes back to
                // where planning found it.
                if status == RequestStatus::Planned {
                    let before = status_before_planning(&*tx, request_id).await?;
                    let unplanned = Request {
                        release_id: None,
                        lane: None,
                        ..row.clone()
                    };
                    let reason = match row.release_id {
                        Some(r) => match store::get_release(&*tx, r).await? {
                            Some(release) => {
                                format!(
                                    "taken off the roadmap (was in release {})",
                                    release.version
                                )
                            }
                            None => "taken off the roadmap".to_owned(),
                        },
                        None => "taken off the roadmap".to_owned(),
                    };
                    self.requests
                        .change_status(&tx, unplanned, before, actor.trim(), &reason, now)
                        .await?;
                }
            }
        }
        audit(
            &*tx,
            actor,
            "request.plan",
            format!("request:{request_id}"),
            json!({ "release": row.release_id, "lane": row.lane.map(Lane::as_str) }),
            match target {
                PlanTarget::Release(r) => json!({ "release": r }),
                PlanTarget::Lane(l) => json!({ "lane": l.as_str() }),
                PlanTarget::Unplanned => json!({}),
            },
            now,
        )
        .await?;
        plan::bump(&*tx, PLAN_VERSION).await?;
        tx.commit().await?;
        if notified > 0 {
            self.ctx.outbox.notify_waiters();
        }
        self.item(request_id).await
    }

    pub async fn set_note(
        &self,
        request_id: i64,
        release_id: i64,
        text: &str,
    ) -> Result<ItemView, AppError> {
        let text = text.trim();
        if text.chars().count() > 5_000 {
            return Err(AppError::invalid("text", "is longer than 5000 characters"));
        }
        if text.contains('\0') {
            return Err(AppError::invalid("text", "contains a NUL character"));
        }
        let tx = self.ctx.store.begin_write(None).await?;
        let row = requests::get(&*tx, request_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
        let release = store::get_release(&*tx, release_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("release {release_id}")))?;
        if row.release_id != Some(release_id) {
            return Err(AppError::FailedPrecondition(format!(
                "request {request_id} is not planned into release {}",
                release.version
            )));
        }
        store::set_note(
            &*tx,
            release_id,
            request_id,
            text,
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        audit(
            &*tx,
            "",
            "release.note",
            format!("request:{request_id}"),
            serde_json::Value::Null,
            json!({ "release": release_id, "note": text }),
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        tx.commit().await?;
        self.item(request_id).await
    }

    pub async fn roadmap(&self, include_shipped: bool) -> Result<RoadmapView, AppError> {
        let db = self.ctx.store.db();
        let releases = store::releases(db, include_shipped).await?;
        let ids: Vec<i64> = releases.iter().map(|r| r.id).collect();
        let notes = store::notes(db, &ids).await?;
        let mut rows = store::requests_in(db, &ids).await?;
        // Only what is still open belongs in a lane.
        rows.extend(
            store::requests_in_lanes(db)
                .await?
                .into_iter()
                .filter(|row| row.status.is_open() && row.lane.is_some()),
        );
        // One pass for titles and scores; items come ranked, and grouping keeps that order.
        let mut by_release: HashMap<i64, Vec<ItemView>> = HashMap::new();
        let mut by_lane: HashMap<Lane, Vec<ItemView>> = HashMap::new();
        for item in self.items(rows, &notes).await? {
            let request = &item.view.request;
            match (request.release_id, request.lane) {
                (Some(r), _) => by_release.entry(r).or_default().push(item),
                (None, Some(lane)) => by_lane.entry(lane).or_default().push(item),
                (None, None) => {}
            }
        }
        let out = releases
            .into_iter()
            .map(|release| ReleasePlan {
                items: by_release.remove(&release.id).unwrap_or_default(),
                release,
            })
            .collect();
        let lanes = Lane::ALL
            .into_iter()
            .map(|lane| LanePlan {
                lane,
                items: by_lane.remove(&lane).unwrap_or_default(),
            })
            .collect();
        Ok(RoadmapView {
            releases: out,
            lanes,
        })
    }

    /// The requests a release ships: those planned into it that are still open.
    fn shippable(rows: Vec<Request>) -> Vec<Request> {
        rows.into_iter().filter(|r| r.status.is_open()).collect()
    }

    pub async fn preview(&self, release_id: i64) -> Result<Preview, AppError> {
        let release = self.release(release_id).await?;
        let db = self.ctx.store.db();
        let notes = store::notes(db, &[release_id]).await?;
        let rows = store::requests_in(db, &[release_id]).await?;
        if release.shipped_at.is_some() {
            // Shipped: who was told is what the outbox holds (the release's own notifications
            // and the "already available" ones since), exactly as ShipRelease answers.
            let written = outbox_store::of_release(db, release_id).await?;
            let mut ids: Vec<i64> = written.iter().map(|n| n.request_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let rows = requests::get_many(db, &ids).await?.into_values().collect();
            let items = self.items(rows, &notes).await?;
            let requests = items
                .into_iter()
                .map(|item| {
                    let planned = written
                        .iter()
                        .filter(|n| n.request_id == item.view.request.id)
                        .map(outbox::planned_of)
                        .collect();
                    RequestPreview {
                        item,
                        planned,
                        needs_title: false,
                    }
                })
                .collect();
            return Ok(Preview { release, requests });
        }
        let rows = Self::shippable(rows);
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let gathered = outbox::gather(db, &self.ctx, &ids).await?;
        let items = self.items(rows, &notes).await?;
        let requests = items
            .into_iter()
            .map(|item| {
                let planned = gathered.of(item.view.request.id).cloned().collect();
                let needs_title =
                    !has_shippable_words(item.view.request.pm_title.as_deref(), &item.note);
                RequestPreview {
                    item,
                    planned,
                    needs_title,
                }
            })
            .collect();
        Ok(Preview { release, requests })
    }

    /// Ships a release: its open requests become SHIPPED and their notifications are written,
    /// all in one transaction. Shipping a shipped release answers with what exists.
    #[instrument(skip_all, fields(release_id))]
    pub async fn ship(
        &self,
        release_id: i64,
        actor: &str,
        accept_generated_titles: bool,
    ) -> Result<Shipment, AppError> {
        let mut v = Violations::default();
        check_actor(&mut v, actor);
        v.into_result(())?;
        // shipped_by and the status history name the token (the caller's name beside it).
        let actor = attributed(actor);
        let actor = actor.as_str();
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        let release = store::get_release(&*tx, release_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("release {release_id}")))?;
        let rows = store::requests_in(&*tx, &[release_id]).await?;
        if release.shipped_at.is_some() {
            drop(tx);
            let request_ids = rows
                .iter()
                .filter(|r| r.status == RequestStatus::Shipped)
                .map(|r| r.id)
                .collect();
            return self.shipment(release, 0, request_ids).await;
        }
        let rows = Self::shippable(rows);
        let now = to_micros(self.ctx.clock.now());
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let notes: HashMap<i64, String> = store::notes(&*tx, &[release_id])
            .await?
            .into_iter()
            .map(|((_, q), n)| (q, n))
            .collect();
        // A generated title is made of some customer's words: it goes to the others only when
        // the caller says so.
        let untitled: Vec<i64> = rows
            .iter()
            .filter(|r| {
                let note = notes.get(&r.id).map(String::as_str).unwrap_or("");
                !has_shippable_words(r.pm_title.as_deref(), note)
            })
            .map(|r| r.id)
            .collect();
        if !untitled.is_empty() && !accept_generated_titles {
            return Err(AppError::FailedPrecondition(format!(
                "release {}: requests {} have neither a PM title nor a release note; rename \
                 them or set a release note, or ship with accept_generated_titles",
                release.version,
                untitled
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let titles: HashMap<i64, String> = self
            .requests
            // Titles only: no feedback counts needed.
            .views_counted(&*tx, rows.clone(), &HashMap::new(), None)
            .await?
            .into_iter()
            .map(|v| {
                // A note speaks for a request without a PM title; the generated title goes
                // only where there is neither, and only when accepted.
                let noted = notes
                    .get(&v.request.id)
                    .is_some_and(|n| !n.trim().is_empty());
                let title = notification_title(
                    v.request.pm_title.as_deref(),
                    &v.title,
                    accept_generated_titles && !noted,
                );
                (v.request.id, title)
            })
            .collect();
        let reason = format!("shipped in release {}", release.version);
        for row in rows {
            self.requests
                .change_status(&tx, row, RequestStatus::Shipped, actor, &reason, now)
                .await?;
        }
        let gathered: Gathered = outbox::gather(&*tx, &self.ctx, &ids).await?;
        let about = About {
            trigger: Trigger::Shipped,
            release: Some(&release),
            titles: &titles,
            notes: &notes,
        };
        let created = outbox::write(&*tx, &about, &gathered, now).await?;
        store::mark_shipped(&*tx, release_id, actor, now).await?;
        audit(
            &*tx,
            actor,
            "release.ship",
            format!("release:{release_id}"),
            json!({ "shipped": false }),
            json!({ "shipped": true, "requests": ids, "notifications": created }),
            now,
        )
        .await?;
        plan::bump(&*tx, PLAN_VERSION).await?;
        tx.commit().await?;
        self.ctx.outbox.notify_waiters();
        let release = self.release(release_id).await?;
        self.shipment(release, created, ids).await
    }

    async fn shipment(
        &self,
        release: Release,
        created: u64,
        request_ids: Vec<i64>,
    ) -> Result<Shipment, AppError> {
        let outbox_store::ReleaseTotals {
            notifications,
            suppressed,
            first_id: first_cursor,
            last_id: last_cursor,
        } = outbox_store::release_totals(self.ctx.store.db(), release.id).await?;
        Ok(Shipment {
            release,
            created,
            notifications,
            suppressed,
            request_ids,
            first_cursor,
            last_cursor,
        })
    }
}

/// The status a request had when it was last planned: NEW or UNDER_REVIEW (NEW when the history
/// does not say, e.g. PLANNED set by hand from a status planning would not have left).
async fn status_before_planning<C: sea_orm::ConnectionTrait>(
    db: &C,
    request_id: i64,
) -> Result<RequestStatus, AppError> {
    let history = requests::status_history(db, request_id).await?;
    let before = history
        .iter()
        .rev()
        .find(|c| c.to == RequestStatus::Planned)
        .map(|c| c.from);
    Ok(match before {
        Some(s @ (RequestStatus::New | RequestStatus::UnderReview)) => s,
        _ => RequestStatus::New,
    })
}
