//! Delivery of the outbox to release tooling: a stream in commit order, leased claims for a
//! pool of senders, idempotent acks with retries, contact preferences and erasure.

use std::time::Duration;

use chrono::Utc;
use sea_orm::EntityTrait;
use tokio::sync::mpsc;

use super::access::audit;
use super::outbox::Payload;
use super::{Ctx, page, page_size};
use crate::domain::notify::{Delivery, DeliveryStatus, Outcome, Suppression, apply_ack};
use crate::error::AppError;
use crate::store::entity::{contact, notification};
use crate::store::roadmap as store;
use crate::store::to_micros;
use serde_json::json;

/// How often an idle stream looks for notifications other instances committed.
const POLL: Duration = Duration::from_millis(200);
/// Notifications read (and leased) per round trip of a stream.
const BATCH: u64 = 1_000;

#[derive(Clone)]
pub struct Notifications {
    ctx: Ctx,
}

/// One acknowledgement from a sender.
#[derive(Debug, Clone)]
pub struct AckInput {
    pub id: i64,
    pub outcome: Outcome,
    /// 0: the current attempt.
    pub attempt: u32,
}

fn delivery_of(n: &notification::Model) -> Result<Delivery, AppError> {
    Ok(Delivery {
        status: DeliveryStatus::parse(&n.status).ok_or_else(|| {
            AppError::Internal(format!("notification {} has status {}", n.id, n.status))
        })?,
        failures: n.attempts.max(0) as u32,
        last_error: n.last_error.clone(),
        next_attempt_at: n.next_attempt_at,
        lease_until: n.lease_until,
    })
}

impl Notifications {
    pub fn new(ctx: Ctx) -> Self {
        Self { ctx }
    }

    fn lease_us(&self, lease_seconds: i32) -> Result<i64, AppError> {
        let secs = match lease_seconds {
            0 => i64::from(self.ctx.config.notify.lease_secs),
            1..=86_400 => i64::from(lease_seconds),
            _ => {
                return Err(AppError::invalid(
                    "lease_seconds",
                    "must be between 1 and 86400 (0 for the default)",
                ));
            }
        };
        Ok(secs * 1_000_000)
    }

    /// Streams every deliverable notification after `after`, then new ones as they commit,
    /// until the receiver is dropped. Each batch is leased before it is sent.
    pub fn stream(
        &self,
        after: i64,
        lease_seconds: i32,
    ) -> Result<mpsc::Receiver<Result<notification::Model, AppError>>, AppError> {
        if after < 0 {
            return Err(AppError::invalid("after_cursor", "must not be negative"));
        }
        let lease = self.lease_us(lease_seconds)?;
        let (tx, rx) = mpsc::channel(BATCH as usize);
        let this = self.clone();
        tokio::spawn(async move {
            let mut cursor = after;
            loop {
                let woken = this.ctx.outbox.notified();
                tokio::pin!(woken);
                woken.as_mut().enable();
                let batch = match this.next_batch(cursor, lease).await {
                    Ok(batch) => batch,
                    Err(e) => {
                        let _ = tx.send(Err(e)).await;
                        return;
                    }
                };
                if batch.is_empty() {
                    tokio::select! {
                        () = &mut woken => {}
                        () = tokio::time::sleep(POLL) => {}
                        () = tx.closed() => return,
                    }
                    continue;
                }
                for n in batch {
                    cursor = n.id;
                    if tx.send(Ok(n)).await.is_err() {
                        return;
                    }
                }
            }
        });
        Ok(rx)
    }

    async fn next_batch(
        &self,
        cursor: i64,
        lease: i64,
    ) -> Result<Vec<notification::Model>, AppError> {
        let rows = store::after(self.ctx.store.db(), cursor, BATCH).await?;
        let leasable = rows
            .iter()
            .any(|n| n.status == store::PENDING || n.status == store::FAILED);
        if let (true, Some(last)) = (leasable, rows.last()) {
            let until = to_micros(Utc::now()) + lease;
            let tx = self.ctx.store.begin_write(None).await?;
            store::lease_range(&*tx, cursor, last.id, until).await?;
            tx.commit().await?;
        }
        Ok(rows)
    }

    /// Claims due notifications for one consumer.
    pub async fn claim(
        &self,
        limit: i32,
        lease_seconds: i32,
    ) -> Result<Vec<notification::Model>, AppError> {
        let limit = page_size(limit, "limit")?;
        let lease = self.lease_us(lease_seconds)?;
        let now = to_micros(Utc::now());
        let tx = self.ctx.store.begin_write(None).await?;
        let rows = store::claim(&*tx, now, now + lease, limit).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Applies acks in order; all or nothing. Returns the notifications as they are after.
    pub async fn ack(&self, acks: Vec<AckInput>) -> Result<Vec<notification::Model>, AppError> {
        let mut v = crate::domain::Violations::default();
        if acks.is_empty() {
            v.push("acks", "must not be empty");
        }
        if acks.len() > self.ctx.config.limits.max_batch {
            v.push(
                "acks",
                format!("at most {} per call", self.ctx.config.limits.max_batch),
            );
        }
        for (i, a) in acks.iter().enumerate() {
            if a.id <= 0 {
                v.push(format!("acks[{i}].id"), "is required");
            }
            if let Outcome::Failed(reason) = &a.outcome {
                if reason.trim().is_empty() {
                    v.push(format!("acks[{i}].reason"), "is required for FAILED");
                } else if reason.chars().count() > 2_000 {
                    v.push(
                        format!("acks[{i}].reason"),
                        "is longer than 2000 characters",
                    );
                }
                crate::domain::validation::no_nul(&mut v, &format!("acks[{i}].reason"), reason);
            }
        }
        v.into_result(())?;
        let ids: Vec<i64> = acks.iter().map(|a| a.id).collect();
        let tx = self.ctx.store.begin_write(None).await?;
        let mut rows: std::collections::HashMap<i64, notification::Model> =
            store::by_ids(&*tx, &ids)
                .await?
                .into_iter()
                .map(|n| (n.id, n))
                .collect();
        if let Some(missing) = ids.iter().find(|id| !rows.contains_key(id)) {
            return Err(AppError::NotFound(format!("notification {missing}")));
        }
        let now = to_micros(Utc::now());
        let policy = self.ctx.config.notify.retry;
        for a in &acks {
            let Some(n) = rows.get_mut(&a.id) else {
                continue;
            };
            let outcome = match &a.outcome {
                Outcome::Failed(r) => Outcome::Failed(r.trim().to_owned()),
                o => o.clone(),
            };
            if let Some(d) = apply_ack(&delivery_of(n)?, &outcome, a.attempt, &policy, now) {
                n.status = d.status.as_str().to_owned();
                n.attempts = d.failures as i32;
                n.last_error = d.last_error;
                n.next_attempt_at = d.next_attempt_at;
                n.lease_until = d.lease_until;
                store::set_outcome(&*tx, n, now).await?;
            }
        }
        tx.commit().await?;
        Ok(ids.iter().filter_map(|id| rows.get(id).cloned()).collect())
    }

    pub async fn list(
        &self,
        release_id: i64,
        status: Option<DeliveryStatus>,
        size: i32,
        token: &str,
    ) -> Result<(Vec<notification::Model>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode("notifications", t, 1, "page_token")?[0],
        };
        let release = (release_id > 0).then_some(release_id);
        let mut rows = store::page(
            self.ctx.store.db(),
            release,
            status.map(DeliveryStatus::as_str),
            after,
            size + 1,
        )
        .await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last().map(|n| page::encode("notifications", &[n.id]))
        } else {
            None
        };
        Ok((rows, next))
    }

    pub async fn account_external_id(&self, account_id: i64) -> Result<String, AppError> {
        Ok(
            crate::store::accounts::by_ids(self.ctx.store.db(), &[account_id])
                .await?
                .pop()
                .map(|a| a.external_id)
                .unwrap_or_default(),
        )
    }

    async fn contact(&self, id: i64) -> Result<contact::Model, AppError> {
        contact::Entity::find_by_id(id)
            .one(self.ctx.store.db())
            .await?
            .ok_or_else(|| AppError::NotFound(format!("contact {id}")))
    }

    /// Sets a contact's opt-out and preferred channel; opting out suppresses what is not yet
    /// delivered.
    pub async fn set_preferences(
        &self,
        contact_id: i64,
        opted_out: Option<bool>,
        channel: Option<crate::domain::notify::Channel>,
    ) -> Result<contact::Model, AppError> {
        let c = self.contact(contact_id).await?;
        if c.forgotten && opted_out == Some(false) {
            return Err(AppError::FailedPrecondition(format!(
                "contact {contact_id} was forgotten; it cannot opt in again"
            )));
        }
        let now = to_micros(Utc::now());
        let tx = self.ctx.store.begin_write(None).await?;
        store::set_preferences(
            &*tx,
            contact_id,
            opted_out,
            channel.map(|c| c.as_str()),
            now,
        )
        .await?;
        if opted_out == Some(true) {
            store::suppress_for_contact(&*tx, contact_id, Suppression::OptedOut.as_str(), now)
                .await?;
        }
        audit(
            &*tx,
            "",
            "contact.preferences",
            format!("contact:{contact_id}"),
            json!({ "opted_out": c.opted_out, "channel": c.channel }),
            json!({ "opted_out": opted_out.unwrap_or(c.opted_out),
                    "channel": channel.map(|c| c.as_str()).or(c.channel.as_deref()) }),
        )
        .await?;
        tx.commit().await?;
        self.contact(contact_id).await
    }

    /// Erases a contact's personal data, their feedback's text and their quotes in
    /// notifications; the rows stay, so counts and scores do not move. Returns (feedback
    /// erased, notifications erased).
    pub async fn forget(&self, contact_id: i64) -> Result<(u64, u64), AppError> {
        self.contact(contact_id).await?;
        let now = to_micros(Utc::now());
        let tx = self.ctx.store.begin_write(None).await?;
        let feedback = store::forget_contact(&*tx, contact_id, now).await?;
        store::suppress_for_contact(&*tx, contact_id, Suppression::Forgotten.as_str(), now).await?;
        let rows = store::for_contact(&*tx, contact_id).await?;
        for n in &rows {
            let mut p = Payload::parse(&n.payload);
            p.contact_name.clear();
            p.locale.clear();
            for q in &mut p.quotes {
                q.excerpt.clear();
            }
            let payload = serde_json::to_string(&p).unwrap_or_default();
            // A CSM task keeps its address (the CSM's); the contact's own is erased.
            let recipient = if n.channel == crate::domain::notify::Channel::CsmTask.as_str() {
                n.recipient.as_str()
            } else {
                ""
            };
            store::rewrite(&*tx, n.id, recipient, &payload, now).await?;
        }
        audit(
            &*tx,
            "",
            "contact.forget",
            format!("contact:{contact_id}"),
            serde_json::Value::Null,
            json!({ "feedback_erased": feedback, "notifications_erased": rows.len() }),
        )
        .await?;
        tx.commit().await?;
        Ok((feedback, rows.len() as u64))
    }
}
