//! Status changes: a PM's, and those a release makes; the history of each request.

use std::collections::HashMap;

use tracing::instrument;

use super::{RequestView, Requests};
use crate::domain::notify::Trigger;
use crate::domain::roadmap::{Request, RequestStatus, StatusChange, can_transition};
use crate::error::AppError;
use crate::service::access::{attributed, audit};
use crate::service::outbox;
use crate::store::{GlobalLock, WriteTx, requests, to_micros};
use serde_json::json;

impl Requests {
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
        let from = row.status;
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
        let now = to_micros(self.ctx.clock.now());
        let actor = attributed(actor);
        let notified = self
            .change_status(&tx, row, to, &actor, reason.trim(), now)
            .await?;
        crate::store::plan::bump(&*tx, crate::service::backlog::PLAN_VERSION).await?;
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
        row: Request,
        to: RequestStatus,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<u64, AppError> {
        let from = row.status;
        // Who decided: the caller's token name, else the actor the request names (without
        // authentication), never blank: the history answers "by whom".
        let actor = match attributed(actor) {
            a if a.is_empty() => "anonymous".to_owned(),
            a => a,
        };
        let actor = actor.as_str();
        requests::set_status(&**tx, row.id, to, now).await?;
        requests::record_status(&**tx, row.id, from, to, actor, reason, now).await?;
        audit(
            &**tx,
            actor,
            "request.status",
            format!("request:{}", row.id),
            json!({ "status": from.as_str() }),
            json!({ "status": to.as_str(), "reason": reason }),
            now,
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
}
