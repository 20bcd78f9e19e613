//! Product telemetry as evidence: signals (assigned to requests like feedback) and events,
//! aggregated to distinct users per signal, account and day as they arrive. An event with an
//! id counts once: its id is claimed in the transaction that counts it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

use super::Ctx;
use super::backlog::TELEMETRY_VERSION;
use super::clustering::{Clustering, SIGNAL_DOC_BASE};
use super::placement::auto_title;
use crate::domain::Violations;
use crate::domain::cluster_log::LogKind;
use crate::domain::validation::{identifier_form, invisible};
use crate::error::AppError;
use crate::store::{GlobalLock, accounts, event_ids, plan, requests, to_micros};

/// Distinct (signal, day, account, user) keys gathered before a flush.
const FLUSH_KEYS: usize = 200_000;

/// How often (at most) a flush also forgets event ids older than the retention window.
const PRUNE_EVERY_US: i64 = 60_000_000;

#[derive(Clone)]
pub struct Telemetry {
    ctx: Ctx,
    clustering: Clustering,
    /// When this process last forgot old event ids (microseconds; 0 before the first time).
    last_prune: Arc<AtomicI64>,
}

/// An event as received.
pub struct EventDraft {
    pub signal_key: String,
    pub account_external_id: String,
    pub user_ref: String,
    pub count: i64,
    pub occurred_at: Option<DateTime<Utc>>,
    /// The sender's id of the event: with one, the event counts once however often it comes.
    pub event_id: Option<String>,
}

/// What became of one pushed event (an id already counted in the database is found only when
/// the batch is stored, and shows in [`RecordReport::duplicates`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    Accepted,
    /// Its id came earlier in this batch.
    Duplicate,
    Rejected {
        field: String,
        reason: String,
    },
}

#[derive(Default)]
pub struct RecordReport {
    /// Events counted: new ids and events without one.
    pub accepted: i64,
    pub rejected: i64,
    /// Valid events whose id had been counted already.
    pub duplicates: i64,
    /// (position, what is wrong with it), the first 100.
    pub rejections: Vec<(i64, crate::domain::Violation)>,
}

pub(crate) fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

impl Telemetry {
    pub fn new(ctx: Ctx, clustering: Clustering) -> Self {
        Self {
            ctx,
            clustering,
            last_prune: Arc::default(),
        }
    }

    /// Forgets event ids older than the retention window, at most once a minute per process
    /// (inside the caller's write transaction).
    async fn prune_event_ids_if_due<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        now: i64,
    ) -> Result<(), AppError> {
        let last = self.last_prune.load(Ordering::Relaxed);
        if now - last < PRUNE_EVERY_US {
            return Ok(());
        }
        self.last_prune.store(now, Ordering::Relaxed);
        let retention = self.ctx.config.telemetry.event_id_retention;
        let before = now - i64::try_from(retention.as_micros()).unwrap_or(i64::MAX);
        let forgotten = event_ids::prune(db, before).await?;
        if forgotten > 0 {
            tracing::debug!(
                forgotten,
                "telemetry event ids past their retention forgotten"
            );
        }
        Ok(())
    }

    pub async fn signals(&self) -> Result<Vec<crate::domain::feedback::Signal>, AppError> {
        plan::signals(self.ctx.store.db()).await
    }

    /// Registers a signal, or re-describes it; its description is placed in a request.
    pub async fn define_signal(
        &self,
        key: &str,
        description: &str,
    ) -> Result<crate::domain::feedback::Signal, AppError> {
        let key = key.trim();
        let description = description.trim();
        let mut v = Violations::default();
        if !valid_key(key) {
            v.push("key", "must be 1-200 letters, digits, '.', '_' or '-'");
        }
        if description.is_empty() {
            v.push("description", "is required");
        } else if description.chars().count() > self.ctx.config.limits.max_text_chars {
            v.push("description", "is longer than the text limit");
        }
        crate::domain::validation::no_nul(&mut v, "description", description);
        v.into_result(())?;
        let _changes = self.clustering.lock_changes().await;
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        self.clustering.catch_up(&*tx).await?;
        let existing = plan::signals(&*tx)
            .await?
            .into_iter()
            .find(|s| s.key == key);
        if let Some(s) = &existing
            && s.description == description
        {
            return Ok(s.clone());
        }
        let now = to_micros(self.ctx.clock.now());
        // The id first (the index needs it), then the placement.
        let id = plan::upsert_signal(&*tx, key, description, 0, now).await?;
        let next_request = requests::max_request_id(&*tx).await? + 1;
        let request_id = {
            let mut s = self.clustering.write();
            s.dirty = true;
            let doc = SIGNAL_DOC_BASE + id as u64;
            s.engine.remove_doc(doc);
            s.engine
                .assign(doc, description, next_request as u64)
                .request_id as i64
        };
        if request_id == next_request {
            requests::insert_requests(
                &*tx,
                &[requests::new_request(
                    request_id,
                    auto_title("", description),
                    now,
                )],
            )
            .await?;
        }
        plan::upsert_signal(&*tx, key, description, request_id, now).await?;
        let event = requests::append_event(
            &*tx,
            LogKind::Signal,
            id,
            request_id,
            description.to_owned(),
            now,
        )
        .await?;
        plan::bump(&*tx, TELEMETRY_VERSION).await?;
        tx.commit().await?;
        self.clustering.committed(Some(event));
        Ok(crate::domain::feedback::Signal {
            id,
            key: key.to_owned(),
            description: description.to_owned(),
            request_id: Some(request_id),
        })
    }

    /// Starts recording a stream of events.
    pub async fn recorder(&self) -> Result<Recorder<'_>, AppError> {
        let signals = plan::signals(self.ctx.store.db())
            .await?
            .into_iter()
            .map(|s| (s.key, s.id))
            .collect();
        Ok(Recorder {
            telemetry: self,
            signals,
            names: HashMap::new(),
            by_number: Vec::new(),
            pending: HashMap::new(),
            identified: Vec::new(),
            batch_ids: HashSet::new(),
            report: RecordReport::default(),
            position: 0,
            now: self.ctx.clock.now(),
        })
    }
}

/// (signal, day, account, user), the names interned per stream so the hot path allocates
/// nothing for a key it has seen.
type Key = (i64, i32, u32, u32);

pub struct Recorder<'a> {
    telemetry: &'a Telemetry,
    signals: HashMap<String, i64>,
    names: HashMap<String, u32>,
    by_number: Vec<String>,
    pending: HashMap<Key, i64>,
    /// Events with an id, counted at the flush if their id is new.
    identified: Vec<(String, Key, i64)>,
    /// The ids in `identified`, so a copy within one batch is a duplicate at once.
    batch_ids: HashSet<String>,
    report: RecordReport,
    position: i64,
    now: DateTime<Utc>,
}

impl Recorder<'_> {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.names.get(name) {
            return n;
        }
        let n = self.by_number.len() as u32;
        self.by_number.push(name.to_owned());
        self.names.insert(name.to_owned(), n);
        n
    }

    fn reject(&mut self, position: i64, field: &str, reason: String) -> Pushed {
        self.report.rejected += 1;
        if self.report.rejections.len() < 100 {
            self.report.rejections.push((
                position,
                crate::domain::Violation::new(field, reason.clone()),
            ));
        }
        Pushed::Rejected {
            field: field.to_owned(),
            reason,
        }
    }

    /// Rejects the next event without looking at it further, for the reasons given.
    pub fn reject_item(&mut self, violations: crate::domain::Violations) {
        let position = self.position;
        self.position += 1;
        self.report.rejected += 1;
        for v in violations.0 {
            if self.report.rejections.len() < 100 {
                self.report.rejections.push((position, v));
            }
        }
    }

    /// Takes one event; valid ones are stored by the next flush (at the latest by `finish`).
    pub async fn push(&mut self, e: EventDraft) -> Result<Pushed, AppError> {
        let position = self.position;
        self.position += 1;
        let Some(&signal) = self.signals.get(e.signal_key.trim()) else {
            return Ok(self.reject(
                position,
                "signal_key",
                format!("unknown signal {:?}", e.signal_key),
            ));
        };
        // Identifiers in the form they are stored in (NFKC), nothing invisible in them.
        let account = identifier_form(&e.account_external_id);
        let account = account.as_str();
        if account.is_empty()
            || account.chars().count() > 200
            || account.chars().any(|c| c.is_control() || invisible(c))
        {
            return Ok(self.reject(
                position,
                "account_external_id",
                "is required, at most 200 characters without control or invisible characters"
                    .into(),
            ));
        }
        let user = identifier_form(&e.user_ref);
        let user = user.as_str();
        if user.is_empty()
            || user.chars().count() > 200
            || user.chars().any(|c| c.is_control() || invisible(c))
        {
            return Ok(self.reject(
                position,
                "user_ref",
                "is required, at most 200 characters without control or invisible characters"
                    .into(),
            ));
        }
        if e.count < 0 {
            return Ok(self.reject(position, "count", "must not be negative".into()));
        }
        let skew = self.telemetry.ctx.config.limits.max_future_skew;
        let at = match e.occurred_at {
            None => {
                return Ok(self.reject(position, "occurred_at", "is required".into()));
            }
            Some(t) if t > self.now + skew => {
                return Ok(self.reject(position, "occurred_at", "is too far in the future".into()));
            }
            Some(t) => t,
        };
        let event_id = match e.event_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) if id.chars().count() > 200 || id.chars().any(|c| c.is_control()) => {
                return Ok(self.reject(
                    position,
                    "event_id",
                    "is at most 200 characters without control characters".into(),
                ));
            }
            Some(id) => Some(id.to_owned()),
        };
        let day = (at.timestamp().div_euclid(86_400)) as i32;
        let (account, user) = (self.intern(account), self.intern(user));
        let key = (signal, day, account, user);
        match event_id {
            None => *self.pending.entry(key).or_default() += e.count.max(1),
            Some(id) => {
                if !self.batch_ids.insert(id.clone()) {
                    self.report.duplicates += 1;
                    return Ok(Pushed::Duplicate);
                }
                self.identified.push((id, key, e.count.max(1)));
            }
        }
        self.report.accepted += 1;
        if self.pending.len() + self.identified.len() >= FLUSH_KEYS {
            self.flush().await?;
        }
        Ok(Pushed::Accepted)
    }

    /// Events taken since the last flush (and not rejected or duplicates within the batch).
    pub fn pending_events(&self) -> usize {
        self.pending.len() + self.identified.len()
    }

    /// Stores what was taken since the last flush in one transaction: event ids claimed, the
    /// events whose id is new (and those without one) added to the daily aggregates.
    pub async fn flush(&mut self) -> Result<(), AppError> {
        if self.pending.is_empty() && self.identified.is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.pending);
        let identified = std::mem::take(&mut self.identified);
        self.batch_ids.clear();
        let store = &self.telemetry.ctx.store;
        let tx = store.begin_write(None).await?;
        let now = to_micros(self.telemetry.ctx.clock.now());
        self.telemetry.prune_event_ids_if_due(&*tx, now).await?;
        let mut duplicates = 0;
        if !identified.is_empty() {
            let ids: Vec<&str> = identified.iter().map(|(id, _, _)| id.as_str()).collect();
            let new = event_ids::claim(&*tx, &ids, now).await?;
            for (id, key, events) in &identified {
                if new.contains(id) {
                    *pending.entry(*key).or_default() += events;
                } else {
                    duplicates += 1;
                }
            }
        }
        if pending.is_empty() {
            tx.commit().await?;
            self.report.accepted -= duplicates;
            self.report.duplicates += duplicates;
            return Ok(());
        }
        let name = |n: u32| self.by_number.get(n as usize).map_or("", String::as_str);
        let mut externals: Vec<&str> = pending.keys().map(|k| name(k.2)).collect();
        externals.sort_unstable();
        externals.dedup();
        let ids =
            accounts::ensure_accounts(&*tx, &externals, to_micros(self.telemetry.ctx.clock.now()))
                .await?;
        let mut rows = Vec::with_capacity(pending.len());
        for ((signal, day, account, user), events) in &pending {
            let account = name(*account);
            let account_id = ids
                .get(account)
                .copied()
                .ok_or_else(|| AppError::Internal(format!("account {account} not created")))?;
            rows.push(((*signal, *day, account_id, name(*user).to_owned()), *events));
        }
        // In key order: two instances adding to overlapping keys lock them in the same order.
        rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        plan::add_telemetry(&*tx, &rows).await?;
        plan::bump(&*tx, TELEMETRY_VERSION).await?;
        tx.commit().await?;
        self.report.accepted -= duplicates;
        self.report.duplicates += duplicates;
        Ok(())
    }

    /// Stores what is left; answers once it is committed.
    pub async fn finish(mut self) -> Result<RecordReport, AppError> {
        self.flush().await?;
        Ok(self.report)
    }
}
