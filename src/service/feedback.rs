//! Feedback use cases: submit, bulk import, reads.

use std::collections::{HashMap, VecDeque};

use chrono::Utc;
use tracing::instrument;

use super::ingest::{Ingestor, Pending, Stored};
use super::{Ctx, page, page_size};
use crate::domain::Violation;
use crate::domain::feedback::{FeedbackDraft, NewFeedback, Source};
use crate::error::AppError;
use crate::store::feedback::{self as store_feedback, FeedbackFilter};
use crate::store::{accounts, to_micros};

/// Import items handed to the writer per job.
const IMPORT_CHUNK: usize = 1_000;
/// Import jobs of one stream waiting for their commit at most (bounds memory per stream).
const IMPORT_IN_FLIGHT: usize = 16;

/// A stored item with its account's external id.
pub struct FeedbackView {
    pub feedback: crate::domain::feedback::Feedback,
    pub account_external_id: String,
}

/// `ListFeedback` filters as the caller gave them.
#[derive(Default)]
pub struct ListQuery {
    pub account_external_id: Option<String>,
    pub source: Option<crate::domain::feedback::Source>,
    pub occurred_after: Option<chrono::DateTime<Utc>>,
    pub occurred_before: Option<chrono::DateTime<Utc>>,
    pub page_size: i32,
    pub page_token: String,
}

#[derive(Clone)]
pub struct Feedback {
    ctx: Ctx,
    ingestor: Ingestor,
}

impl Feedback {
    pub fn new(ctx: Ctx, ingestor: Ingestor) -> Self {
        Self { ctx, ingestor }
    }

    fn validate(&self, draft: FeedbackDraft, prefix: &str) -> Result<NewFeedback, AppError> {
        Ok(draft.validate(prefix, &self.ctx.config.limits, self.ctx.clock.now())?)
    }

    /// Stores one item, answering after its commit.
    #[instrument(skip_all)]
    pub async fn submit(&self, draft: FeedbackDraft) -> Result<Stored, AppError> {
        let item = self.validate(draft, "feedback")?;
        let source = item.source;
        // The writer refuses an item naming another account's contact, in its transaction.
        let stored = self
            .ingestor
            .submit(vec![item])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("no outcome for item".into()))?
            .map_err(|v| AppError::invalid(v.field, v.reason))?;
        self.count(source, &stored);
        Ok(stored)
    }

    /// Counts a stored item in the metrics (duplicates were counted when first stored).
    fn count(&self, source: Source, stored: &Stored) {
        use super::placement::Placement;
        let outcome = match stored.placement {
            Placement::Joined { .. } => "JOINED",
            Placement::NewWithSuggestion { .. } => "NEW_WITH_SUGGESTION",
            Placement::New => "NEW",
            Placement::Pending => "PENDING",
            Placement::Duplicate => return,
        };
        if !stored.duplicate {
            self.ctx.metrics.ingested(source.as_str(), outcome);
        }
    }

    /// Starts a bulk import; feed it items in stream order, then `finish`.
    pub fn import(&self) -> Import<'_> {
        Import {
            feedback: self,
            position: 0,
            chunk: Vec::new(),
            in_flight: VecDeque::new(),
            report: ImportReport::default(),
        }
    }

    pub async fn get(&self, id: i64) -> Result<FeedbackView, AppError> {
        let db = self.ctx.store.db();
        let feedback = store_feedback::get(db, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("feedback {id}")))?;
        let account = accounts::get_by_id(db, feedback.account_id).await?;
        Ok(FeedbackView {
            account_external_id: account.map(|a| a.external_id).unwrap_or_default(),
            feedback,
        })
    }

    /// A page in (occurred_at, id) order, and the next page's token.
    pub async fn list(
        &self,
        q: ListQuery,
    ) -> Result<(Vec<FeedbackView>, Option<String>), AppError> {
        let size = page_size(q.page_size, "page_size")?;
        let after = match q.page_token.as_str() {
            "" => None,
            t => {
                let p = page::decode("feedback", t, 2, "page_token")?;
                Some((p[0], p[1]))
            }
        };
        if let (Some(a), Some(b)) = (q.occurred_after, q.occurred_before)
            && a >= b
        {
            return Err(AppError::invalid(
                "occurred_before",
                "must be later than occurred_after",
            ));
        }
        let db = self.ctx.store.db();
        let mut filter = FeedbackFilter {
            source: q.source.map(|s| s.as_str().to_owned()),
            occurred_after: q.occurred_after.map(crate::store::to_micros),
            occurred_before: q.occurred_before.map(crate::store::to_micros),
            ..Default::default()
        };
        if let Some(ext) = &q.account_external_id {
            // Stored ids have no control characters, and PostgreSQL refuses NUL in a query.
            let found = if ext.contains('\0') {
                None
            } else {
                accounts::get_by_external_id(db, ext).await?
            };
            match found {
                Some(a) => filter.account_id = Some(a.id),
                None => return Err(AppError::NotFound(format!("account {ext:?}"))),
            }
        }
        let mut rows = store_feedback::list_page(db, &filter, after, size + 1).await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(size as usize);
            rows.last()
                .map(|f| page::encode("feedback", &[to_micros(f.occurred_at), f.id]))
        } else {
            None
        };
        let mut ids: Vec<i64> = rows.iter().map(|f| f.account_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let externals: HashMap<i64, String> = accounts::external_ids(db, &ids).await?;
        let views = rows
            .into_iter()
            .map(|feedback| FeedbackView {
                account_external_id: externals
                    .get(&feedback.account_id)
                    .cloned()
                    .unwrap_or_default(),
                feedback,
            })
            .collect();
        Ok((views, next))
    }
}

/// The outcome of a bulk import.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub accepted: i64,
    pub duplicates: i64,
    /// (position, violation) of each rejected item.
    pub rejected: Vec<(i64, Violation)>,
    /// (position, outcome) of each stored or duplicate item, in stream order.
    pub stored: Vec<(i64, Stored)>,
}

/// A bulk import in progress: items are validated one by one and handed to the writer in
/// chunks, a few chunks in flight, so a long stream neither waits for each commit nor buffers
/// without bound.
pub struct Import<'a> {
    feedback: &'a Feedback,
    position: i64,
    chunk: Vec<(i64, NewFeedback)>,
    in_flight: VecDeque<(Vec<i64>, Vec<Source>, Pending)>,
    report: ImportReport,
}

impl Import<'_> {
    /// Takes the next item of the stream; a bad item is recorded as rejected, never fatal.
    pub async fn push(&mut self, draft: FeedbackDraft) -> Result<(), AppError> {
        let position = self.position;
        self.position += 1;
        match self.feedback.validate(draft, "feedback") {
            Ok(item) => self.chunk.push((position, item)),
            Err(AppError::Invalid(v)) => {
                for violation in v.0 {
                    self.report.rejected.push((position, violation));
                }
            }
            Err(other) => return Err(other),
        }
        if self.chunk.len() >= IMPORT_CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    /// Records a rejection decided at the edge (e.g. a message that could not be decoded).
    pub fn reject(&mut self, violations: crate::domain::Violations) {
        for violation in violations.0 {
            self.report.rejected.push((self.position, violation));
        }
        self.position += 1;
    }

    async fn flush(&mut self) -> Result<(), AppError> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let (positions, items): (Vec<i64>, Vec<NewFeedback>) =
            std::mem::take(&mut self.chunk).into_iter().unzip();
        let sources = items.iter().map(|i| i.source).collect();
        let pending = self.feedback.ingestor.enqueue(items).await?;
        self.in_flight.push_back((positions, sources, pending));
        while self.in_flight.len() > IMPORT_IN_FLIGHT {
            self.settle_oldest().await?;
        }
        Ok(())
    }

    async fn settle_oldest(&mut self) -> Result<(), AppError> {
        if let Some((positions, sources, pending)) = self.in_flight.pop_front() {
            let outcomes = pending.wait().await?;
            for ((position, outcome), source) in positions.into_iter().zip(outcomes).zip(sources) {
                let s = match outcome {
                    Ok(s) => s,
                    Err(v) => {
                        self.report.rejected.push((position, v));
                        continue;
                    }
                };
                self.feedback.count(source, &s);
                if s.duplicate {
                    self.report.duplicates += 1;
                } else {
                    self.report.accepted += 1;
                }
                self.report.stored.push((position, s));
            }
        }
        Ok(())
    }

    /// Waits for every chunk's commit and returns the report.
    pub async fn finish(mut self) -> Result<ImportReport, AppError> {
        self.flush().await?;
        while !self.in_flight.is_empty() {
            self.settle_oldest().await?;
        }
        // The writer's refusals (contacts) arrive after the validation's: stream order.
        self.report.rejected.sort_by_key(|(position, _)| *position);
        Ok(self.report)
    }
}
