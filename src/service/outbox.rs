//! The notification outbox: the rules of [`crate::domain::notify`] applied to stored facts,
//! written in the caller's transaction (shipping a release, or a status change).

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::domain::account::{Account, Tier, TierThresholds};
use crate::domain::notify::AccountFacts;
use crate::domain::notify::{
    self, Channel, ContactFacts, Delivery, DeliveryStatus, Notification, Planned, Quote, Trigger,
};
use crate::domain::roadmap::Release;
use crate::error::AppError;
use crate::store::outbox as outbox_store;
use crate::store::roadmap as store;

/// What a notification says, stored as JSON beside it: a snapshot taken when it was written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Payload {
    pub release_version: String,
    /// `YYYY-MM-DD`.
    pub release_date: String,
    pub request_title: String,
    pub release_note: String,
    pub account_external_id: String,
    pub contact_name: String,
    pub locale: String,
    pub quotes: Vec<Quote>,
    /// A CSM's task: every request it covers (its quotes name theirs).
    #[serde(default)]
    pub requests: Vec<RequestLine>,
}

/// One request of a CSM's task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    pub request_id: i64,
    pub title: String,
    pub release_note: String,
}

impl Payload {
    pub fn parse(json: &str) -> Payload {
        serde_json::from_str(json).unwrap_or_default()
    }
}

/// A written notification as the preview shows it.
pub fn planned_of(n: &Notification) -> Planned {
    Planned {
        request_id: n.request_id,
        account_id: n.account_id,
        contact_id: n.contact_id,
        channel: n.channel,
        recipient: n.recipient.clone(),
        suppressed: n
            .suppressed
            .filter(|_| n.delivery.status == DeliveryStatus::Suppressed),
        quotes: Payload::parse(&n.payload).quotes,
    }
}

/// What the notification rules need to know of an account: KEY or not, and its CSM.
fn account_facts(a: &Account, thresholds: TierThresholds) -> AccountFacts {
    let tier = a.tier(thresholds);
    AccountFacts {
        key: matches!(tier, Some((Tier::Key, _))),
        csm_email: a.csm_email.clone(),
    }
}

/// Every notification some requests would produce, with the facts to write them.
pub struct Gathered {
    pub planned: Vec<Planned>,
    contacts: HashMap<i64, (ContactFacts, String, String)>,
    accounts: HashMap<i64, Account>,
}

impl Gathered {
    /// Keeps only the planned notifications `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnOnce(Vec<Planned>) -> Vec<Planned>) {
        self.planned = keep(std::mem::take(&mut self.planned));
    }

    /// The planned notifications of one request.
    pub fn of(&self, request_id: i64) -> impl Iterator<Item = &Planned> {
        self.planned
            .iter()
            .filter(move |p| p.request_id == request_id)
    }
}

/// Reads the evidence, contacts and accounts behind `request_ids` and plans their
/// notifications (in request order).
pub async fn gather<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    request_ids: &[i64],
) -> Result<Gathered, AppError> {
    let evidence = store::evidence(db, request_ids).await?;
    let mut contact_ids: Vec<i64> = evidence
        .values()
        .flatten()
        .filter_map(|e| e.contact_id)
        .collect();
    contact_ids.sort_unstable();
    contact_ids.dedup();
    let contacts = store::contact_facts(db, &contact_ids).await?;
    let mut account_ids: Vec<i64> = evidence.values().flatten().map(|e| e.account_id).collect();
    account_ids.extend(contacts.values().map(|(c, _, _)| c.account_id));
    account_ids.sort_unstable();
    account_ids.dedup();
    let accounts: HashMap<i64, Account> = crate::store::accounts::by_ids(db, &account_ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let facts: HashMap<i64, ContactFacts> = contacts
        .iter()
        .map(|(id, (c, _, _))| (*id, c.clone()))
        .collect();
    let account_facts = accounts
        .iter()
        .map(|(id, a)| (*id, account_facts(a, ctx.config.tiers)))
        .collect();
    let mut planned = Vec::new();
    for id in request_ids {
        if let Some(items) = evidence.get(id) {
            planned.extend(notify::plan_request(
                *id,
                items,
                &facts,
                &account_facts,
                ctx.config.notify.excerpt_chars,
            ));
        }
    }
    // A CSM hears once per account for everything planned together (a release).
    let planned = notify::one_csm_task_per_account(planned);
    Ok(Gathered {
        planned,
        contacts,
        accounts,
    })
}

/// What a trigger is about: the release (for SHIPPED, or the one a request is planned into),
/// and per request its title and release note.
pub struct About<'a> {
    pub trigger: Trigger,
    pub release: Option<&'a Release>,
    pub titles: &'a HashMap<i64, String>,
    pub notes: &'a HashMap<i64, String>,
}

/// Writes the gathered notifications; those that exist already (same trigger, scope, request,
/// recipient and channel) are skipped. Ids continue from the highest, so with the ingest lock
/// held they ascend in commit order. Returns how many were written.
pub async fn write<C: ConnectionTrait>(
    db: &C,
    about: &About<'_>,
    gathered: &Gathered,
    now: i64,
) -> Result<u64, AppError> {
    if gathered.planned.is_empty() {
        return Ok(0);
    }
    // A release ships its requests once; a status is announced once per request.
    let scope = match about.trigger {
        Trigger::Shipped => about.release.map_or(0, |r| r.id),
        Trigger::AlreadyAvailable => about.release.map_or(0, |r| r.id),
        Trigger::Planned | Trigger::InProgress => 0,
    };
    let first = crate::store::max_id(db, "notifications").await? + 1;
    let rows: Vec<Notification> = gathered
        .planned
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let contact = p.contact_id.and_then(|c| gathered.contacts.get(&c));
            let payload = Payload {
                release_version: about.release.map(|r| r.version.clone()).unwrap_or_default(),
                release_date: about
                    .release
                    .map(|r| r.planned_date.clone())
                    .unwrap_or_default(),
                request_title: about.titles.get(&p.request_id).cloned().unwrap_or_default(),
                release_note: about.notes.get(&p.request_id).cloned().unwrap_or_default(),
                account_external_id: gathered
                    .accounts
                    .get(&p.account_id)
                    .map(|a| a.external_id.clone())
                    .unwrap_or_default(),
                contact_name: contact.map(|c| c.1.clone()).unwrap_or_default(),
                locale: contact.map(|c| c.2.clone()).unwrap_or_default(),
                quotes: p.quotes.clone(),
                requests: if p.channel == Channel::CsmTask {
                    let mut ids: Vec<i64> = p.quotes.iter().map(|q| q.request_id).collect();
                    ids.push(p.request_id);
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into_iter()
                        .map(|id| RequestLine {
                            request_id: id,
                            title: about.titles.get(&id).cloned().unwrap_or_default(),
                            release_note: about.notes.get(&id).cloned().unwrap_or_default(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            };
            let status = match p.suppressed {
                Some(_) => DeliveryStatus::Suppressed,
                None => DeliveryStatus::Pending,
            };
            Notification {
                id: first + i as i64,
                dedupe_key: p.dedupe_key(about.trigger, scope),
                trigger: about.trigger,
                release_id: about.release.map(|r| r.id),
                request_id: p.request_id,
                account_id: p.account_id,
                contact_id: p.contact_id,
                channel: p.channel,
                recipient: p.recipient.clone(),
                suppressed: p.suppressed,
                delivery: Delivery {
                    status,
                    failures: 0,
                    last_error: String::new(),
                    next_attempt_at: now,
                    lease_until: 0,
                },
                lease_owner: String::new(),
                payload: serde_json::to_string(&payload).unwrap_or_default(),
                created_at: now,
                updated_at: now,
            }
        })
        .collect();
    outbox_store::insert_notifications(db, &rows).await
}

/// "Already available": tells the requesters whose feedback reached a SHIPPED request (joined
/// at ingest, moved or merged) and who were not told about it yet, quoting their own words and
/// the release note. Written in the caller's transaction with a dedupe key per (release,
/// request, recipient, channel), so retries and other instances never write one twice. Off
/// with `--notify-already-available=false`. Returns how many were written.
pub async fn announce_available<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    request_ids: &[i64],
    now: i64,
) -> Result<u64, AppError> {
    if !ctx.config.notify.already_available || request_ids.is_empty() {
        return Ok(0);
    }
    let mut ids = request_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let rows = crate::store::requests::get_many(db, &ids).await?;
    let mut written = 0;
    for id in ids {
        let Some(row) = rows.get(&id) else { continue };
        if row.status != crate::domain::roadmap::RequestStatus::Shipped {
            continue;
        }
        let release = match row.release_id {
            Some(r) => store::get_release(db, r).await?,
            None => None,
        };
        // Whoever was told about this request, or about one merged into it, is not told again.
        let subtree = crate::store::requests::merge_subtree(db, id).await?;
        let told = outbox_store::told(db, &subtree).await?;
        let mut gathered = gather(db, ctx, &[id]).await?;
        gathered.retain(|planned| notify::not_yet_told(planned, &told));
        if gathered.planned.is_empty() {
            continue;
        }
        let notes: HashMap<i64, String> = match &release {
            Some(r) => store::notes(db, &[r.id])
                .await?
                .into_iter()
                .filter(|((_, q), _)| *q == id)
                .map(|((_, q), n)| (q, n))
                .collect(),
            None => HashMap::new(),
        };
        let titles: HashMap<i64, String> = row
            .pm_title
            .iter()
            .map(|t| (id, notify::notification_title(Some(t.as_str()), "", false)))
            .collect();
        let about = About {
            trigger: Trigger::AlreadyAvailable,
            release: release.as_ref(),
            titles: &titles,
            notes: &notes,
        };
        written += write(db, &about, &gathered, now).await?;
    }
    Ok(written)
}
