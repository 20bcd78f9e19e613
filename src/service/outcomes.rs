//! Outcomes from the CRM: renewals, account history, churn exposure.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use tracing::instrument;

use super::Ctx;
use super::accounts::AccountKey;
use super::prioritization::{Prioritization, ProfileChoice};
use crate::domain::Violations;
use crate::domain::account::{Tier, effective_tier};
use crate::domain::outcome::{
    self, AccountChange, AccountState, ChangeCause, ChurnExposure, Renewal, RenewalDraft,
    RenewalOutcome, RequestRisk,
};
use crate::domain::roadmap::RequestStatus;
use crate::domain::scoring::AccountFacts;
use crate::error::AppError;
use crate::store::entity::{account, request};
use crate::store::{accounts, outcomes, requests, to_micros};

/// What RecordRenewal did.
pub struct RenewalRecorded {
    pub renewal: Renewal,
    /// False when the same renewal was already recorded under this reference.
    pub created: bool,
}

/// The churn exposure of a period, with the accounts and requests it names.
pub struct ExposureView {
    pub exposure: ChurnExposure,
    pub at_risk: Vec<RequestRisk>,
    pub accounts: HashMap<i64, account::Model>,
    pub requests: HashMap<i64, request::Model>,
    pub profile: String,
    pub renewal_window_days: i64,
    pub health_threshold: i32,
}

#[derive(Clone)]
pub struct Outcomes {
    ctx: Ctx,
    prioritization: Prioritization,
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

fn date_field(v: &mut Violations, field: &str, value: &str) -> Option<NaiveDate> {
    match value.trim() {
        "" => {
            v.push(field, "is required");
            None
        }
        s => {
            let d = crate::domain::validation::date(s);
            if d.is_none() {
                v.push(field, "must be a date as YYYY-MM-DD");
            }
            d
        }
    }
}

impl Outcomes {
    pub fn new(ctx: Ctx, prioritization: Prioritization) -> Self {
        Self {
            ctx,
            prioritization,
        }
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// Records a renewal once per CRM reference (see the RPC's documentation).
    #[instrument(skip_all)]
    pub async fn record_renewal(&self, draft: RenewalDraft) -> Result<RenewalRecorded, AppError> {
        let r = draft.validate()?;
        let now = Utc::now();
        if midnight(r.renewed_on) > now + self.ctx.config.limits.max_future_skew {
            return Err(AppError::invalid(
                "renewed_on",
                "is in the future: record a renewal once it has happened",
            ));
        }
        let tx = self.ctx.store.begin_write(None).await?;
        let same_or_conflict = |existing: Renewal| match r.differs_from(&existing.renewal) {
            None => Ok(RenewalRecorded {
                renewal: existing,
                created: false,
            }),
            Some((field, recorded, sent)) => Err(AppError::AlreadyExists(format!(
                "renewal {:?} (recorded with {field} {recorded}; this call sends {field} {sent})",
                r.reference
            ))),
        };
        if let Some(existing) = outcomes::renewal_by_reference(&*tx, &r.reference).await? {
            return same_or_conflict(existing);
        }
        let account = accounts::get_by_external_id(&*tx, &r.account_external_id)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "account_external_id: account {:?}",
                    r.account_external_id
                ))
            })?;
        let renewed_on = midnight(r.renewed_on);
        let Some(id) =
            outcomes::insert_renewal(&*tx, &r, account.id, to_micros(renewed_on), to_micros(now))
                .await?
        else {
            // Another call recorded this reference between our read and our insert.
            let existing = outcomes::renewal_by_reference(&*tx, &r.reference)
                .await?
                .ok_or_else(|| AppError::Internal("renewal conflict without a row".into()))?;
            return same_or_conflict(existing);
        };
        if r.outcome == RenewalOutcome::Churned {
            let latest = outcomes::latest_change_at(&*tx, account.id).await?;
            let current = outcomes::state_of(&account);
            let change = AccountChange {
                account_id: account.id,
                effective_at: renewed_on,
                before: AccountState {
                    arr: Some(r.arr_before),
                    ..current
                },
                after: AccountState {
                    arr: Some(r.arr_after),
                    ..current
                },
                cause: ChangeCause::Renewal,
            };
            outcomes::insert_changes(&*tx, &[change], to_micros(now)).await?;
            // The newest fact wins: a churn backfilled from long ago does not overwrite the
            // ARR of a change dated after it.
            if latest.is_none_or(|l| l <= to_micros(renewed_on)) {
                outcomes::set_arr(&*tx, account.id, r.arr_after, to_micros(now)).await?;
            }
        }
        tx.commit().await?;
        Ok(RenewalRecorded {
            renewal: Renewal {
                id,
                account_id: account.id,
                renewal: r,
            },
            created: true,
        })
    }

    pub async fn account_history(
        &self,
        key: AccountKey,
    ) -> Result<(i64, Vec<(AccountChange, i64)>), AppError> {
        let db = self.ctx.store.db();
        let found = match &key {
            AccountKey::Id(id) => accounts::get_by_id(db, *id).await?,
            AccountKey::External(ext) if ext.contains('\0') => None,
            AccountKey::External(ext) => accounts::get_by_external_id(db, ext).await?,
        };
        let account = found.ok_or_else(|| match key {
            AccountKey::Id(id) => AppError::NotFound(format!("account {id}")),
            AccountKey::External(ext) => AppError::NotFound(format!("account {ext:?}")),
        })?;
        Ok((account.id, outcomes::history_of(db, account.id).await?))
    }

    /// ARR lost in `[from, to]` (days, both included) by the requests the accounts were
    /// waiting on, and the ARR at risk at `now` by open request.
    #[instrument(skip_all)]
    pub async fn churn_exposure(
        &self,
        from: &str,
        to: &str,
        renewal_window_days: i32,
        now: DateTime<Utc>,
    ) -> Result<ExposureView, AppError> {
        let mut v = Violations::default();
        let from = date_field(&mut v, "from", from);
        let to = date_field(&mut v, "to", to);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            v.push("to", "is before from");
        }
        if !(0..=3660).contains(&renewal_window_days) {
            v.push("renewal_window_days", "must be between 0 and 3660");
        }
        v.into_result(())?;
        let (Some(from), Some(to)) = (from, to) else {
            return Err(AppError::Internal("dates validated".into()));
        };
        let db = self.ctx.store.db();

        let renewals = outcomes::renewals_between(
            db,
            to_micros(midnight(from)),
            to_micros(outcome::end_of_day(to)),
        )
        .await?;
        let losing: Vec<i64> = renewals
            .iter()
            .filter(|r| r.renewal.outcome.lost_arr())
            .map(|r| r.account_id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let asks = outcomes::asks(db, &losing).await?;
        let asked: Vec<i64> = asks
            .iter()
            .map(|a| a.1)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut request_rows = requests::get_many(db, &asked).await?;
        let changes = outcomes::status_changes(db, &asked).await?;
        let open_at = |request: i64, at: DateTime<Utc>| {
            let Some(now_status) = request_rows
                .get(&request)
                .and_then(|r| RequestStatus::parse(&r.status))
            else {
                return false;
            };
            let changes = changes.get(&request).map_or(&[][..], Vec::as_slice);
            outcome::status_at(now_status, changes, at).is_open()
        };
        let exposure = outcome::churn_exposure(&renewals, &asks, &open_at);

        let mut profile = self.prioritization.resolve(ProfileChoice::Active).await?;
        if renewal_window_days > 0 {
            profile.profile.renewal_window_days = i64::from(renewal_window_days);
        }
        let open = outcomes::open_request_accounts(db).await?;
        let mut account_ids: BTreeSet<i64> =
            open.iter().flat_map(|(_, a)| a.iter().copied()).collect();
        account_ids.extend(losing.iter().copied());
        let account_ids: Vec<i64> = account_ids.into_iter().collect();
        let account_rows: HashMap<i64, account::Model> = accounts::by_ids(db, &account_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let tiers = self.ctx.config.tiers;
        let facts = |id: i64| {
            account_rows.get(&id).map(|a| AccountFacts {
                account_id: a.id,
                arr: a.arr.unwrap_or(0).max(0),
                tier: effective_tier(a.tier.as_deref().and_then(Tier::parse), a.arr, tiers)
                    .map(|(t, _)| t),
                seats: i64::from(a.seats.unwrap_or(0).max(0)),
                renewal_date: a
                    .renewal_date
                    .as_deref()
                    .and_then(crate::domain::validation::date),
                health: a.health,
            })
        };
        let at_risk = outcome::at_risk_by_request(&open, &facts, &profile.profile, now);

        let risky: Vec<i64> = at_risk
            .iter()
            .map(|r| r.request_id)
            .filter(|id| !request_rows.contains_key(id))
            .collect();
        request_rows.extend(requests::get_many(db, &risky).await?);
        Ok(ExposureView {
            exposure,
            at_risk,
            accounts: account_rows,
            requests: request_rows,
            profile: profile.name,
            renewal_window_days: profile.profile.renewal_window_days,
            health_threshold: profile.profile.health_threshold,
        })
    }
}
