//! Product telemetry as evidence: signals (assigned to requests like feedback) and events,
//! aggregated to distinct users per signal, account and day as they arrive.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::Ctx;
use super::backlog::TELEMETRY_VERSION;
use super::clustering::{Clustering, EVENT_SIGNAL, SIGNAL_DOC_BASE};
use super::placement::auto_title;
use crate::domain::Violations;
use crate::domain::validation::{identifier_form, invisible};
use crate::error::AppError;
use crate::store::{GlobalLock, accounts, plan, requests, to_micros};

/// Distinct (signal, day, account, user) keys gathered before a flush.
const FLUSH_KEYS: usize = 200_000;

#[derive(Clone)]
pub struct Telemetry {
    ctx: Ctx,
    clustering: Clustering,
}

/// An event as received.
pub struct EventDraft {
    pub signal_key: String,
    pub account_external_id: String,
    pub user_ref: String,
    pub count: i64,
    pub occurred_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct RecordReport {
    pub accepted: i64,
    pub rejected: i64,
    /// (position, field, reason), the first 100.
    pub rejections: Vec<(i64, String, String)>,
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
        Self { ctx, clustering }
    }

    pub async fn signals(&self) -> Result<Vec<plan::SignalRow>, AppError> {
        plan::signals(self.ctx.store.db()).await
    }

    /// Registers a signal, or re-describes it; its description is placed in a request.
    pub async fn define_signal(
        &self,
        key: &str,
        description: &str,
    ) -> Result<plan::SignalRow, AppError> {
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
        let now = to_micros(Utc::now());
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
            EVENT_SIGNAL,
            id,
            request_id,
            description.to_owned(),
            now,
        )
        .await?;
        plan::bump(&*tx, TELEMETRY_VERSION).await?;
        tx.commit().await?;
        self.clustering.committed(Some(event));
        Ok(plan::SignalRow {
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
            report: RecordReport::default(),
            position: 0,
            now: Utc::now(),
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

    fn reject(&mut self, position: i64, field: &str, reason: String) {
        self.report.rejected += 1;
        if self.report.rejections.len() < 100 {
            self.report
                .rejections
                .push((position, field.to_owned(), reason));
        }
    }

    /// Rejects the next event without looking at it further, for the reasons given.
    pub fn reject_item(&mut self, violations: crate::domain::Violations) {
        let position = self.position;
        self.position += 1;
        self.report.rejected += 1;
        for v in violations.0 {
            if self.report.rejections.len() < 100 {
                self.report.rejections.push((position, v.field, v.reason));
            }
        }
    }

    pub async fn push(&mut self, e: EventDraft) -> Result<(), AppError> {
        let position = self.position;
        self.position += 1;
        let Some(&signal) = self.signals.get(e.signal_key.trim()) else {
            self.reject(
                position,
                "signal_key",
                format!("unknown signal {:?}", e.signal_key),
            );
            return Ok(());
        };
        // Identifiers in the form they are stored in (NFKC), nothing invisible in them.
        let account = identifier_form(&e.account_external_id);
        let account = account.as_str();
        if account.is_empty()
            || account.chars().count() > 200
            || account.chars().any(|c| c.is_control() || invisible(c))
        {
            self.reject(
                position,
                "account_external_id",
                "is required, at most 200 characters without control or invisible characters"
                    .into(),
            );
            return Ok(());
        }
        let user = identifier_form(&e.user_ref);
        let user = user.as_str();
        if user.is_empty()
            || user.chars().count() > 200
            || user.chars().any(|c| c.is_control() || invisible(c))
        {
            self.reject(
                position,
                "user_ref",
                "is required, at most 200 characters without control or invisible characters"
                    .into(),
            );
            return Ok(());
        }
        if e.count < 0 {
            self.reject(position, "count", "must not be negative".into());
            return Ok(());
        }
        let skew = self.telemetry.ctx.config.limits.max_future_skew;
        let at = match e.occurred_at {
            None => {
                self.reject(position, "occurred_at", "is required".into());
                return Ok(());
            }
            Some(t) if t > self.now + skew => {
                self.reject(position, "occurred_at", "is too far in the future".into());
                return Ok(());
            }
            Some(t) => t,
        };
        let day = (at.timestamp().div_euclid(86_400)) as i32;
        let (account, user) = (self.intern(account), self.intern(user));
        *self
            .pending
            .entry((signal, day, account, user))
            .or_default() += e.count.max(1);
        self.report.accepted += 1;
        if self.pending.len() >= FLUSH_KEYS {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), AppError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let store = &self.telemetry.ctx.store;
        let tx = store.begin_write(None).await?;
        let name = |n: u32| self.by_number.get(n as usize).map_or("", String::as_str);
        let mut externals: Vec<&str> = pending.keys().map(|k| name(k.2)).collect();
        externals.sort_unstable();
        externals.dedup();
        let ids = accounts::ensure_accounts(&*tx, &externals, to_micros(Utc::now())).await?;
        let mut rows = Vec::with_capacity(pending.len());
        for ((signal, day, account, user), events) in &pending {
            let account = name(*account);
            let account_id = ids
                .get(account)
                .copied()
                .ok_or_else(|| AppError::Internal(format!("account {account} not created")))?;
            rows.push(((*signal, *day, account_id, name(*user).to_owned()), *events));
        }
        plan::add_telemetry(&*tx, &rows).await?;
        plan::bump(&*tx, TELEMETRY_VERSION).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores what is left; answers once it is committed.
    pub async fn finish(mut self) -> Result<RecordReport, AppError> {
        self.flush().await?;
        Ok(self.report)
    }
}
