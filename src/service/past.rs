//! The backlog as it stood at a past date: what BacktestProfile ranks and what ExplainScore
//! explains when asked about a past date. One reconstruction, so a backtest's row and its
//! explanation always agree.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::Ctx;
use super::prioritization::Prioritization;
use crate::domain::backtest::{self, Candidate};
use crate::domain::outcome::{self, AccountState, Renewal};
use crate::domain::scoring::{AccountFacts, CustomerBase};
use crate::error::AppError;
use crate::store::{adoption, outcomes, to_micros};

/// The score inputs at the end of a past day.
pub struct PastBacklog {
    pub day: NaiveDate,
    /// The end of `day` (UTC): what counts as "by then".
    pub at: DateTime<Utc>,
    /// Requests open then with feedback by then, from accounts known then.
    pub candidates: Vec<Candidate>,
    /// Accounts known then, with their facts then.
    pub accounts: HashMap<i64, AccountFacts>,
    pub base: CustomerBase,
    /// Every renewal dated after `day`, date order.
    pub renewals_after: Vec<Renewal>,
}

impl PastBacklog {
    pub fn candidate(&self, request_id: i64) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.request_id == request_id)
    }
}

/// Reconstructs the backlog at the end of `day`: each account's ARR, tier and health from its
/// history (`outcome::reconstruct`), its next renewal as recorded, each request's status then,
/// and the feedback that had occurred by then (`occurred_at`, whenever it was received),
/// grouped by the request it belongs to now. Themes and effort are today's (not kept in a
/// history); telemetry is not reconstructed.
pub async fn backlog_at(
    ctx: &Ctx,
    prioritization: &Prioritization,
    day: NaiveDate,
) -> Result<PastBacklog, AppError> {
    let at = outcome::end_of_day(day);
    let db = ctx.store.db();
    // Changes after the date suffice: an account's state then is the "before" of its earliest
    // change after it, or its state now when nothing changed since.
    let history = adoption::history_after(db, to_micros(at)).await?;
    let statuses = adoption::all_status_changes(db).await?;
    let renewals_after = outcomes::renewals_between(db, to_micros(at), i64::MAX).await?;
    let mut next_renewal: HashMap<i64, NaiveDate> = HashMap::new();
    for r in &renewals_after {
        next_renewal
            .entry(r.account_id)
            .and_modify(|d| *d = (*d).min(r.renewal.renewed_on))
            .or_insert(r.renewal.renewed_on);
    }
    let tiers = ctx.config.tiers;
    let (candidates, accounts) = prioritization
        .with_model(|model| {
            let now: BTreeMap<i64, AccountState> = model
                .accounts
                .iter()
                .map(|(&id, info)| {
                    let f = &info.facts;
                    let state = AccountState {
                        arr: Some(f.arr),
                        tier: f.tier,
                        health: f.health,
                    };
                    (id, state)
                })
                .collect();
            let then = outcome::reconstruct(&history, &now, &[], at, tiers);
            let accounts: HashMap<i64, AccountFacts> = then
                .accounts
                .iter()
                .filter_map(|(id, state)| {
                    let info = model.accounts.get(id)?;
                    let facts = backtest::facts_then(
                        &info.facts,
                        state,
                        next_renewal.get(id).copied(),
                        day,
                    );
                    Some((*id, facts))
                })
                .collect();
            let candidates: Vec<Candidate> = model
                .requests
                .iter()
                .filter_map(|(&id, r)| {
                    let changes = statuses.get(&id).map_or(&[][..], Vec::as_slice);
                    if !outcome::status_at(r.status, changes, at).is_open() {
                        return None;
                    }
                    let evidence: Vec<_> = r
                        .evidence
                        .iter()
                        .filter(|e| e.occurred_at <= at && accounts.contains_key(&e.account_id))
                        .copied()
                        .collect();
                    if evidence.is_empty() {
                        return None;
                    }
                    Some(Candidate {
                        request_id: id,
                        evidence,
                        themes: model.theme_fits(r),
                        effort: r.effort,
                    })
                })
                .collect();
            (candidates, accounts)
        })
        .await?;
    let base = backtest::base_of(&accounts);
    Ok(PastBacklog {
        day,
        at,
        candidates,
        accounts,
        base,
        renewals_after,
    })
}
