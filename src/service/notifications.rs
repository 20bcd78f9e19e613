//! Delivery of the outbox to release tooling: a stream in commit order, leased claims for a
//! pool of senders, idempotent acks with retries, contact preferences and erasure.

use std::time::Duration;

use tokio::sync::mpsc;

use std::collections::{HashMap, HashSet};

use super::access::audit;
use super::clustering::{Clustering, erase_doc};
use super::outbox::Payload;
use super::placement::auto_title;
use super::{Ctx, page, page_size};
use crate::domain::account::Contact;
use crate::domain::cluster_log::LogKind;
use crate::domain::notify::{DeliveryStatus, Notification, Outcome, Suppression, apply_ack};
use crate::error::AppError;
use crate::store::outbox as outbox_store;
use crate::store::roadmap as store;
use crate::store::to_micros;
use serde_json::json;

/// How often an idle stream looks for notifications other instances committed.
const POLL: Duration = Duration::from_millis(200);
/// Notifications read (and leased) per round trip of a stream.
const BATCH: u64 = 1_000;
/// How long a named stream consumer counts as connected after its last renewal (shown in
/// `notification_consumers`; a newer connection takes the name over at any time).
const CONNECTED_US: i64 = 30_000_000;
/// How often an open named stream renews its hold on the name, and so finds out at the latest
/// that a newer connection took it over.
const RENEW_EVERY_US: i64 = 10_000_000;

/// A named stream consumer's hold on its name.
struct Named {
    name: String,
    session: String,
}

/// Where a stream is: the lease owner it writes, and the id it has scanned up to.
struct StreamScan {
    owner: String,
    named: Option<Named>,
    position: i64,
    /// A named consumer's first round takes back what it holds.
    resume: bool,
    renewed_at: i64,
}

/// Takes a contact out of the CSM tasks not yet delivered (they opted out, or were forgotten):
/// the CSM no longer approaches them. A task left with nobody's words is suppressed for the
/// same reason.
async fn withdraw_from_csm_tasks<C: sea_orm::ConnectionTrait>(
    db: &C,
    contact_id: i64,
    reason: Suppression,
    now: i64,
) -> Result<(), AppError> {
    for n in outbox_store::open_csm_tasks_quoting(db, contact_id).await? {
        let mut p = Payload::parse(&n.payload);
        let before = p.quotes.len();
        p.quotes.retain(|q| q.contact_id != Some(contact_id));
        if p.quotes.len() == before {
            continue;
        }
        let left: HashSet<i64> = p.quotes.iter().map(|q| q.request_id).collect();
        p.requests.retain(|r| left.contains(&r.request_id));
        let payload = serde_json::to_string(&p).unwrap_or_default();
        outbox_store::rewrite_payload(db, n.id, &payload, now).await?;
        if p.quotes.is_empty() {
            outbox_store::suppress(db, n.id, reason, now).await?;
        }
    }
    Ok(())
}

/// A request's title made from the words left in it (after an erasure), remembered in `made`:
/// the oldest feedback that still has words, else a neutral "Request <id>".
async fn title_without<C: sea_orm::ConnectionTrait>(
    db: &C,
    request_id: i64,
    made: &mut HashMap<i64, String>,
) -> Result<String, AppError> {
    if let Some(t) = made.get(&request_id) {
        return Ok(t.clone());
    }
    let title = match store::first_words(db, request_id).await? {
        Some(w) => auto_title(&w.title, &w.body),
        None => String::new(),
    };
    let title = if title.is_empty() {
        format!("Request {request_id}")
    } else {
        title
    };
    made.insert(request_id, title.clone());
    Ok(title)
}

/// A random id for a stream's session or a claim.
fn session_id() -> Result<String, AppError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("random source: {e}")))?;
    Ok(hex::encode(bytes))
}

#[derive(Clone)]
pub struct Notifications {
    ctx: Ctx,
    clustering: Clustering,
}

/// One acknowledgement from a sender.
/// What an erasure (ForgetContact) emptied: the contact's feedback and their own notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub feedback: u64,
    pub notifications: u64,
}

#[derive(Debug, Clone)]
pub struct AckInput {
    pub id: i64,
    pub outcome: Outcome,
    /// 0: the current attempt.
    pub attempt: u32,
}

impl Notifications {
    pub fn new(ctx: Ctx, clustering: Clustering) -> Self {
        Self { ctx, clustering }
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

    /// Streams, to one consumer, every notification after `after` that no other consumer
    /// holds, in commit order, then new ones as they commit, until the receiver is dropped.
    /// Each one is leased to the consumer before it is sent, in a statement that skips what
    /// another consumer (a stream or a claim, on any instance) holds: a lease is exclusive.
    ///
    /// `consumer` names the stream: reconnecting, a named consumer first gets again what it
    /// holds under lease and has not acked (whatever its cursor). The newest connection with a
    /// name is the consumer; an older one is fenced off (it leases nothing more and ends).
    /// Unnamed, the stream's leases are its own and end with their time.
    pub async fn stream(
        &self,
        after: i64,
        lease_seconds: i32,
        consumer: &str,
    ) -> Result<mpsc::Receiver<Result<Notification, AppError>>, AppError> {
        if after < 0 {
            return Err(AppError::invalid("after_cursor", "must not be negative"));
        }
        let lease = self.lease_us(lease_seconds)?;
        let consumer = consumer.trim();
        if consumer.chars().count() > 200 {
            return Err(AppError::invalid(
                "consumer",
                "is longer than 200 characters",
            ));
        }
        if consumer.contains(':') || consumer.chars().any(char::is_control) {
            return Err(AppError::invalid(
                "consumer",
                "must not contain ':' or control characters",
            ));
        }
        let session = session_id()?;
        let named = (!consumer.is_empty()).then(|| Named {
            name: consumer.to_owned(),
            session: session.clone(),
        });
        let owner = match &named {
            Some(n) => n.name.clone(),
            None => format!("stream:{session}"),
        };
        if let Some(n) = &named {
            // The newest connection is the consumer: one that vanished (a crash, a dropped
            // network) is taken over at once, and leases nothing more (see `next_batch`).
            let now = to_micros(self.ctx.clock.now());
            let tx = self.ctx.store.begin_write(None).await?;
            outbox_store::take_consumer(&*tx, &n.name, &n.session, now + CONNECTED_US).await?;
            tx.commit().await?;
        }
        let (tx, rx) = mpsc::channel(BATCH as usize);
        let this = self.clone();
        tokio::spawn(async move {
            let mut scan = StreamScan {
                owner,
                named,
                position: after,
                resume: true,
                renewed_at: to_micros(this.ctx.clock.now()),
            };
            this.run_stream(&mut scan, lease, &tx).await;
            // Leases stay with a named consumer for its next connection; the name is free.
            if let Some(n) = &scan.named
                && let Ok(db) = this.ctx.store.begin_write(None).await
            {
                let _ = outbox_store::renew_consumer(&*db, &n.name, &n.session, 0).await;
                let _ = db.commit().await;
            }
        });
        Ok(rx)
    }

    async fn run_stream(
        &self,
        scan: &mut StreamScan,
        lease: i64,
        tx: &mpsc::Sender<Result<Notification, AppError>>,
    ) {
        loop {
            let woken = self.ctx.outbox.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let batch = match self.next_batch(scan, lease).await {
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
                if tx.send(Ok(n)).await.is_err() {
                    return;
                }
            }
        }
    }

    /// The next notifications for a stream, leased to it: on a named consumer's first round
    /// what it still holds, then the free ones after its scan position.
    async fn next_batch(
        &self,
        scan: &mut StreamScan,
        lease: i64,
    ) -> Result<Vec<Notification>, AppError> {
        let db = self.ctx.store.db();
        let now = to_micros(self.ctx.clock.now());
        let until = now + lease;
        let last = outbox_store::last_notification_id(db).await?;
        let upto = last.min(scan.position.saturating_add(BATCH as i64));
        let resume = scan.resume && scan.named.is_some();
        let free =
            upto > scan.position && outbox_store::leasable_in(db, scan.position, upto, now).await?;
        let renew = scan.named.is_some() && now - scan.renewed_at >= RENEW_EVERY_US;
        let mut ids = Vec::new();
        if resume || free || renew {
            let tx = self.ctx.store.begin_write(None).await?;
            // Fenced: a connection that lost its name leases nothing more.
            if let Some(n) = &scan.named {
                if !outbox_store::renew_consumer(&*tx, &n.name, &n.session, now + CONNECTED_US)
                    .await?
                {
                    return Err(AppError::FailedPrecondition(format!(
                        "consumer {:?} was taken over by another connection",
                        n.name
                    )));
                }
                scan.renewed_at = now;
            }
            if resume {
                ids.extend(outbox_store::resume_leases(&*tx, &scan.owner, now, until).await?);
            }
            if free {
                ids.extend(
                    outbox_store::lease_range(&*tx, &scan.owner, scan.position, upto, now, until)
                        .await?,
                );
            }
            tx.commit().await?;
        }
        scan.resume = false;
        // What lies behind is delivered, suppressed, not due, or another consumer's: expired
        // leases and due retries are handed out by claims (and resumed by their named owner).
        scan.position = scan.position.max(upto);
        ids.sort_unstable();
        ids.dedup();
        outbox_store::by_ids(db, &ids).await
    }

    /// Claims due notifications for one consumer.
    pub async fn claim(
        &self,
        limit: i32,
        lease_seconds: i32,
    ) -> Result<Vec<Notification>, AppError> {
        let limit = page_size(limit, "limit")?;
        let lease = self.lease_us(lease_seconds)?;
        let now = to_micros(self.ctx.clock.now());
        let owner = format!("claim:{}", session_id()?);
        let tx = self.ctx.store.begin_write(None).await?;
        let rows = outbox_store::claim(&*tx, &owner, now, now + lease, limit).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Applies acks in order; all or nothing. Returns the notifications as they are after.
    pub async fn ack(&self, acks: Vec<AckInput>) -> Result<Vec<Notification>, AppError> {
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
        let mut rows: std::collections::HashMap<i64, Notification> =
            outbox_store::by_ids(&*tx, &ids)
                .await?
                .into_iter()
                .map(|n| (n.id, n))
                .collect();
        if let Some(missing) = ids.iter().find(|id| !rows.contains_key(id)) {
            return Err(AppError::NotFound(format!("notification {missing}")));
        }
        let now = to_micros(self.ctx.clock.now());
        let policy = self.ctx.config.notify.retry;
        for a in &acks {
            let Some(n) = rows.get_mut(&a.id) else {
                continue;
            };
            let outcome = match &a.outcome {
                Outcome::Failed(r) => Outcome::Failed(r.trim().to_owned()),
                o => o.clone(),
            };
            if let Some(d) = apply_ack(&n.delivery, &outcome, a.attempt, &policy, now) {
                outbox_store::set_outcome(&*tx, n.id, &d, now).await?;
                n.delivery = d;
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
    ) -> Result<(Vec<Notification>, Option<String>), AppError> {
        let size = page_size(size, "page_size")?;
        let after = match token {
            "" => 0,
            t => page::decode("notifications", t, 1, "page_token")?[0],
        };
        let release = (release_id > 0).then_some(release_id);
        let mut rows =
            outbox_store::page(self.ctx.store.db(), release, status, after, size + 1).await?;
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

    async fn contact(&self, id: i64) -> Result<Contact, AppError> {
        crate::store::accounts::contact(self.ctx.store.db(), id)
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
    ) -> Result<Contact, AppError> {
        let c = self.contact(contact_id).await?;
        if c.forgotten && opted_out == Some(false) {
            return Err(AppError::FailedPrecondition(format!(
                "contact {contact_id} was forgotten; it cannot opt in again"
            )));
        }
        let now = to_micros(self.ctx.clock.now());
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
            outbox_store::suppress_for_contact(&*tx, contact_id, Suppression::OptedOut, now)
                .await?;
            withdraw_from_csm_tasks(&*tx, contact_id, Suppression::OptedOut, now).await?;
        }
        audit(
            &*tx,
            "",
            "contact.preferences",
            format!("contact:{contact_id}"),
            json!({ "opted_out": c.opted_out, "channel": c.channel.map(|c| c.as_str()) }),
            json!({ "opted_out": opted_out.unwrap_or(c.opted_out),
                    "channel": channel.or(c.channel).map(|c| c.as_str()) }),
            now,
        )
        .await?;
        tx.commit().await?;
        self.contact(contact_id).await
    }

    /// Erases a contact's personal data and their words everywhere at once: the text of their
    /// feedback, their quotes in every notification (theirs, a CSM's task, anyone's), a request
    /// title made from their words (made again from the words left), and the similarity index
    /// of this instance (other instances replay the erasure from the clustering log before
    /// their next FindSimilar). The rows stay, so counts and scores do not move. Returns
    /// how much it erased.
    pub async fn forget(&self, contact_id: i64) -> Result<Erased, AppError> {
        self.contact(contact_id).await?;
        let now = to_micros(self.ctx.clock.now());
        let _changes = self.clustering.lock_changes().await;
        let tx = self
            .ctx
            .store
            .begin_write(Some(crate::store::GlobalLock::Ingest))
            .await?;
        self.clustering.catch_up(&*tx).await?;
        let items = store::contact_feedback(&*tx, contact_id).await?;
        let erased: HashSet<i64> = items.iter().map(|i| i.id).collect();
        let words: HashSet<String> = items
            .iter()
            .map(|i| auto_title(&i.title, &i.body))
            .filter(|t| !t.is_empty())
            .collect();
        let mut touched: Vec<i64> = items.iter().flat_map(|i| i.requests.clone()).collect();
        touched.sort_unstable();
        touched.dedup();
        let feedback = store::forget_contact(&*tx, contact_id, now).await?;
        outbox_store::suppress_for_contact(&*tx, contact_id, Suppression::Forgotten, now).await?;
        let ids: Vec<i64> = erased.iter().copied().collect();
        store::drop_vectors(&*tx, &ids).await?;

        // Titles made from their words, made again from the words left.
        let mut titles: HashMap<i64, String> = HashMap::new();
        let retitled = store::titled(&*tx, &touched, &words).await?;
        for id in &retitled {
            let title = title_without(&*tx, *id, &mut titles).await?;
            store::set_auto_title(&*tx, *id, &title, now).await?;
        }

        let mut rows = outbox_store::quoting_or_about(&*tx, &ids, &touched).await?;
        rows.retain(|n| n.contact_id != Some(contact_id));
        rows.extend(outbox_store::for_contact(&*tx, contact_id).await?);
        let mut own = 0u64;
        for n in &rows {
            let mut p = Payload::parse(&n.payload);
            let mine = n.contact_id == Some(contact_id);
            let before = serde_json::to_string(&p).unwrap_or_default();
            if mine {
                p.contact_name.clear();
                p.locale.clear();
                own += 1;
            }
            for q in &mut p.quotes {
                if erased.contains(&q.feedback_id) {
                    q.excerpt.clear();
                }
            }
            if words.contains(&p.request_title) {
                p.request_title = title_without(&*tx, n.request_id, &mut titles).await?;
            }
            for line in &mut p.requests {
                if words.contains(&line.title) {
                    line.title = title_without(&*tx, line.request_id, &mut titles).await?;
                }
            }
            let payload = serde_json::to_string(&p).unwrap_or_default();
            if mine {
                // A CSM task keeps its address (the CSM's); the contact's own is erased.
                let recipient = if n.channel == crate::domain::notify::Channel::CsmTask {
                    n.recipient.as_str()
                } else {
                    ""
                };
                outbox_store::rewrite(&*tx, n.id, recipient, &payload, now).await?;
            } else if payload != before {
                outbox_store::rewrite_payload(&*tx, n.id, &payload, now).await?;
            }
        }

        withdraw_from_csm_tasks(&*tx, contact_id, Suppression::Forgotten, now).await?;

        // The similarity index: here now, on other instances from the log.
        let event = crate::store::requests::append_event(
            &*tx,
            LogKind::Erase,
            contact_id,
            0,
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","),
            now,
        )
        .await?;
        // Snapshots of the index hold the erased words' traces: none survives the erasure.
        crate::store::snapshot::discard_all(&*tx).await?;
        {
            let mut s = self.clustering.write();
            s.dirty = true;
            s.erased_live = true;
            for id in &ids {
                erase_doc(&mut s, *id);
            }
        }
        audit(
            &*tx,
            "",
            "contact.forget",
            format!("contact:{contact_id}"),
            serde_json::Value::Null,
            json!({ "feedback_erased": feedback, "notifications_erased": own,
                    "titles_remade": retitled.len() }),
            now,
        )
        .await?;
        crate::store::plan::bump(&*tx, super::backlog::PLAN_VERSION).await?;
        tx.commit().await?;
        self.clustering.committed(Some(event));
        Ok(Erased {
            feedback,
            notifications: own,
        })
    }
}
