//! Outcomes from the CRM: renewals, account history, churn exposure.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use tracing::instrument;

use super::Ctx;
use super::accounts::AccountKey;
use super::prioritization::{Prioritization, ProfileChoice};
use super::requests::Requests;
use crate::domain::Violations;
use crate::domain::account::Account;
use crate::domain::outcome::{
    self, AccountChange, AccountState, ChangeCause, ChurnExposure, Renewal, RenewalDraft,
    RenewalOutcome, RequestRisk,
};
use crate::domain::roadmap::{Request, RequestStatus};
use crate::domain::scoring::AccountFacts;
use crate::domain::validation::{past_date, required_date};
use crate::error::AppError;
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
    pub accounts: HashMap<i64, Account>,
    pub requests: HashMap<i64, Request>,
    pub profile: String,
    pub renewal_window_days: i64,
    pub health_threshold: i32,
}

#[derive(Clone)]
pub struct Outcomes {
    ctx: Ctx,
    prioritization: Prioritization,
    requests: Requests,
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

impl Outcomes {
    pub fn new(ctx: Ctx, prioritization: Prioritization, requests: Requests) -> Self {
        Self {
            ctx,
            prioritization,
            requests,
        }
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// Records a renewal once per CRM reference (see the RPC's documentation).
    #[instrument(skip_all)]
    pub async fn record_renewal(&self, draft: RenewalDraft) -> Result<RenewalRecorded, AppError> {
        let r = draft.validate()?;
        let now = self.ctx.clock.now();
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
        let from = required_date(&mut v, "from", from);
        let to = required_date(&mut v, "to", to);
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
            let Some(now_status) = request_rows.get(&request).map(|r| r.status) else {
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
        let accounts_by_id: HashMap<i64, Account> = accounts::by_ids(db, &account_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let tiers = self.ctx.config.tiers;
        let facts = |id: i64| {
            accounts_by_id.get(&id).map(|a| AccountFacts {
                account_id: a.id,
                arr: a.arr.unwrap_or(0).max(0),
                tier: a.tier(tiers).map(|(t, _)| t),
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
        self.requests.retitle(db, request_rows.values_mut()).await?;
        Ok(ExposureView {
            exposure,
            at_risk,
            accounts: accounts_by_id,
            requests: request_rows,
            profile: profile.name,
            renewal_window_days: profile.profile.renewal_window_days,
            health_threshold: profile.profile.health_threshold,
        })
    }
}

/// Adoption signals on one request, by key.
pub const MAX_ADOPTION_SIGNALS: usize = 50;

/// A request's adoption since it shipped, with the accounts behind it.
pub struct AdoptionView {
    pub request: Request,
    pub signal_keys: Vec<String>,
    pub shipped_at: DateTime<Utc>,
    pub days: Vec<outcome::AdoptionDay>,
    pub windows: Vec<outcome::AdoptionWindow>,
    /// Every requesting account, adopters first (earliest first), then by id.
    pub accounts: Vec<AccountAdoption>,
    pub accounts_by_id: HashMap<i64, Account>,
}

/// How one requesting account took up a shipped request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountAdoption {
    pub account_id: i64,
    /// The day it first used an adoption signal (days since the epoch), if it did.
    pub first_day: Option<i32>,
    /// Its distinct users of the signals in the counted days.
    pub users: i64,
}

/// One account behind a release-impact figure.
pub struct ImpactAccount {
    pub account_id: i64,
    pub state_at_ship: Option<AccountState>,
    pub renewing: bool,
    pub unhealthy: bool,
    pub contacts_notified: i64,
    pub contacts_delivered: i64,
    pub first_used_day: Option<i32>,
    pub users_90: i64,
    pub next_renewal: Option<Renewal>,
}

impl ImpactAccount {
    fn at_risk(&self) -> bool {
        self.renewing || self.unhealthy
    }
}

pub struct RequestImpact {
    pub request: Request,
    pub signal_keys: Vec<String>,
    pub notifications: i64,
    pub suppressed: i64,
    pub contacts_notified: i64,
    pub contacts_delivered: i64,
    /// Empty when the request has no adoption signals.
    pub adoption: Vec<outcome::AdoptionWindow>,
    pub at_risk: outcome::RenewalSummary,
    pub accounts: Vec<ImpactAccount>,
}

pub struct ImpactView {
    pub release: crate::domain::roadmap::Release,
    pub shipped_at: DateTime<Utc>,
    pub requests: Vec<RequestImpact>,
    pub comparison: outcome::RenewalSummary,
    pub comparison_accounts: Vec<ImpactAccount>,
    pub accounts_by_id: HashMap<i64, Account>,
    pub profile: String,
    pub renewal_window_days: i64,
    pub health_threshold: i32,
}

fn summary_of<'a>(
    accounts: impl IntoIterator<Item = &'a ImpactAccount>,
) -> outcome::RenewalSummary {
    outcome::renewal_summary(accounts.into_iter().filter(|a| a.at_risk()).map(|a| {
        (
            a.state_at_ship.and_then(|s| s.arr).unwrap_or(0),
            a.next_renewal.as_ref().map(|r| &r.renewal),
        )
    }))
}

impl Outcomes {
    async fn request_or_not_found(&self, request_id: i64) -> Result<Request, AppError> {
        if request_id <= 0 {
            return Err(AppError::invalid("request_id", "is required"));
        }
        requests::get(self.ctx.store.db(), request_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))
    }

    /// Names a request's adoption signals (replacing the ones it had); answers their keys.
    #[instrument(skip_all, fields(request_id))]
    pub async fn set_adoption_signals(
        &self,
        request_id: i64,
        keys: &[String],
    ) -> Result<Vec<String>, AppError> {
        let request = self.request_or_not_found(request_id).await?;
        if let Some(into) = request.merged_into {
            return Err(AppError::FailedPrecondition(format!(
                "request {request_id} was merged into request {into}: set its signals there"
            )));
        }
        let defined: HashMap<String, i64> = crate::store::plan::signals(self.ctx.store.db())
            .await?
            .into_iter()
            .map(|s| (s.key, s.id))
            .collect();
        let mut v = Violations::default();
        if keys.len() > MAX_ADOPTION_SIGNALS {
            v.push(
                "signal_keys",
                format!("at most {MAX_ADOPTION_SIGNALS} signals"),
            );
        }
        let mut chosen: std::collections::BTreeMap<&str, i64> = Default::default();
        for (i, key) in keys.iter().enumerate() {
            let field = format!("signal_keys[{i}]");
            let key = key.trim();
            if !super::telemetry::valid_key(key) {
                v.push(field, "must be 1-200 letters, digits, '.', '_' or '-'");
            } else if let Some(&id) = defined.get(key) {
                chosen.insert(key, id);
            } else {
                v.push(
                    field,
                    format!("unknown signal {key:?}: define it with DefineSignal first"),
                );
            }
        }
        v.into_result(())?;
        let ids: Vec<i64> = chosen.values().copied().collect();
        let tx = self.ctx.store.begin_write(None).await?;
        crate::store::adoption::set_signals(
            &*tx,
            request_id,
            &ids,
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        tx.commit().await?;
        Ok(chosen.keys().map(|k| (*k).to_owned()).collect())
    }

    /// When a request shipped: its last change to SHIPPED, else its release's ship time.
    async fn shipped_at(&self, request: &Request) -> Result<DateTime<Utc>, AppError> {
        let db = self.ctx.store.db();
        if request.status != RequestStatus::Shipped {
            return Err(AppError::FailedPrecondition(format!(
                "request {} is {}, not shipped: adoption is counted from the day it ships",
                request.id,
                request.status.as_str()
            )));
        }
        let changes = outcomes::status_changes(db, &[request.id]).await?;
        let from_history = changes
            .get(&request.id)
            .and_then(|c| c.iter().rev().find(|c| c.1 == RequestStatus::Shipped))
            .map(|c| c.2);
        if let Some(at) = from_history {
            return Ok(at);
        }
        if let Some(release) = request.release_id
            && let Some(at) = crate::store::roadmap::get_release(db, release)
                .await?
                .and_then(|r| r.shipped_at)
        {
            return Ok(at);
        }
        Err(AppError::FailedPrecondition(format!(
            "request {} has no recorded ship date",
            request.id
        )))
    }

    /// Adoption of a shipped request over `days` days from its ship day (0: 90).
    #[instrument(skip_all, fields(request_id))]
    pub async fn adoption(
        &self,
        request_id: i64,
        days: i32,
        now: DateTime<Utc>,
    ) -> Result<AdoptionView, AppError> {
        if !(0..=366).contains(&days) {
            return Err(AppError::invalid(
                "days",
                "must be between 1 and 366 (0: 90)",
            ));
        }
        let days = if days == 0 { 90 } else { days };
        let mut request = self.request_or_not_found(request_id).await?;
        let shipped_at = self.shipped_at(&request).await?;
        let db = self.ctx.store.db();
        self.requests.retitle(db, [&mut request]).await?;
        let signals = crate::store::adoption::signals_of(db, request_id).await?;
        let signal_ids: Vec<i64> = signals.iter().map(|s| s.signal_id).collect();
        let ship_day = outcome::epoch_day(shipped_at.date_naive());
        let last = (ship_day + days - 1).min(outcome::epoch_day(now.date_naive()));
        let requesting: BTreeSet<i64> = crate::store::adoption::requesters(db, &[request_id])
            .await?
            .into_iter()
            .map(|(_, r)| r.account_id)
            .collect();
        let uses = crate::store::adoption::daily_use(db, &signal_ids, ship_day, last).await?;
        let firsts = crate::store::adoption::first_uses_by_requesters(
            db,
            request_id,
            &signal_ids,
            ship_day,
            last,
        )
        .await?;
        let curve = outcome::adoption_days(&uses, &requesting, ship_day, last);
        let windows =
            outcome::adoption_windows(&firsts, &requesting, ship_day, &outcome::ADOPTION_WINDOWS);
        let by_account = outcome::first_use_by_account(&firsts);
        let mut accounts: Vec<AccountAdoption> = requesting
            .iter()
            .map(|&account_id| match by_account.get(&account_id) {
                Some(&(day, users)) => AccountAdoption {
                    account_id,
                    first_day: Some(day),
                    users,
                },
                None => AccountAdoption {
                    account_id,
                    first_day: None,
                    users: 0,
                },
            })
            .collect();
        accounts.sort_by_key(|a| (a.first_day.is_none(), a.first_day, a.account_id));
        let ids: Vec<i64> = requesting.iter().copied().collect();
        let accounts_by_id = accounts::by_ids(db, &ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        Ok(AdoptionView {
            request,
            signal_keys: signals.into_iter().map(|s| s.signal_key).collect(),
            shipped_at,
            days: curve,
            windows,
            accounts,
            accounts_by_id,
        })
    }

    /// What followed a shipped release (see the RPC's documentation).
    #[instrument(skip_all, fields(release_id))]
    pub async fn release_impact(
        &self,
        release_id: i64,
        renewal_window_days: i32,
    ) -> Result<ImpactView, AppError> {
        use crate::store::adoption as store;
        if !(0..=3660).contains(&renewal_window_days) {
            return Err(AppError::invalid(
                "renewal_window_days",
                "must be between 0 and 3660",
            ));
        }
        if release_id <= 0 {
            return Err(AppError::invalid("release_id", "is required"));
        }
        let db = self.ctx.store.db();
        let release = crate::store::roadmap::get_release(db, release_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("release {release_id}")))?;
        let Some(shipped_at) = release.shipped_at else {
            return Err(AppError::FailedPrecondition(format!(
                "release {} has not shipped",
                release.version
            )));
        };
        let ship_date = shipped_at.date_naive();
        let ship_day = outcome::epoch_day(ship_date);
        let mut profile = self.prioritization.resolve(ProfileChoice::Active).await?;
        if renewal_window_days > 0 {
            profile.profile.renewal_window_days = i64::from(renewal_window_days);
        }
        let window = profile.profile.renewal_window_days;
        let threshold = profile.profile.health_threshold;
        let window_end = ship_date + chrono::Days::new(window.max(0) as u64);

        let mut shipped_requests = crate::store::roadmap::requests_in(db, &[release_id]).await?;
        self.requests.retitle(db, &mut shipped_requests).await?;
        let request_ids: Vec<i64> = shipped_requests.iter().map(|r| r.id).collect();
        let mut requesters: HashMap<i64, Vec<i64>> = HashMap::new();
        for (request, r) in store::requesters(db, &request_ids).await? {
            requesters.entry(request).or_default().push(r.account_id);
        }
        let release_requesters: BTreeSet<i64> = requesters.values().flatten().copied().collect();
        let candidates = store::risk_candidates(
            db,
            to_micros(midnight(ship_date)),
            to_micros(outcome::end_of_day(window_end)),
            &ship_date.to_string(),
            &window_end.to_string(),
            threshold,
        )
        .await?;

        // The comparison group: at-risk candidates outside the release's requesters that had
        // asked, before it shipped, for a request open then and still not shipped at the end
        // of the window.
        let others: Vec<i64> = candidates
            .iter()
            .copied()
            .filter(|a| !release_requesters.contains(a))
            .collect();
        let asks = outcomes::asks(db, &others).await?;
        let asked: Vec<i64> = asks
            .iter()
            .map(|a| a.1)
            .filter(|r| !request_ids.contains(r))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let asked_rows = requests::get_many(db, &asked).await?;
        let changes = outcomes::status_changes(db, &asked).await?;
        let status_at = |request: i64, at: DateTime<Utc>| {
            let now = asked_rows.get(&request).map(|r| r.status)?;
            let changes = changes.get(&request).map_or(&[][..], Vec::as_slice);
            Some(outcome::status_at(now, changes, at))
        };
        let end_of_window = outcome::end_of_day(window_end);
        let waiting: BTreeSet<i64> = asks
            .iter()
            .filter(|(_, request, first)| {
                *first <= shipped_at
                    && !request_ids.contains(request)
                    && status_at(*request, shipped_at).is_some_and(|s| s.is_open())
                    && status_at(*request, end_of_window)
                        .is_some_and(|s| s != RequestStatus::Shipped)
            })
            .map(|a| a.0)
            .collect();

        let mut involved: BTreeSet<i64> = release_requesters.clone();
        involved.extend(waiting.iter().copied());
        let involved: Vec<i64> = involved.into_iter().collect();
        let accounts_by_id: HashMap<i64, Account> = accounts::by_ids(db, &involved)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let current: std::collections::BTreeMap<i64, AccountState> = accounts_by_id
            .values()
            .map(|a| (a.id, outcomes::state_of(a)))
            .collect();
        let history = store::history_of_accounts(db, &involved).await?;
        let at_ship = outcome::states_at(&history, &current, shipped_at);
        let renewals =
            store::renewals_of_accounts_since(db, &involved, to_micros(midnight(ship_date)))
                .await?;
        let mut renewals_of: HashMap<i64, Vec<&Renewal>> = HashMap::new();
        for r in &renewals {
            renewals_of.entry(r.account_id).or_default().push(r);
        }
        let told = store::told_in_release(db, release_id).await?;
        let told_of: HashMap<(i64, i64), &store::Told> = told
            .iter()
            .map(|t| ((t.request_id, t.account_id), t))
            .collect();
        let impact_account =
            |account_id: i64, request: Option<i64>, first_use: Option<(i32, i64)>| {
                let state = at_ship.get(&account_id).copied();
                let mine = renewals_of.get(&account_id).map_or(&[][..], Vec::as_slice);
                let mut dates: Vec<NaiveDate> = mine.iter().map(|r| r.renewal.renewed_on).collect();
                dates.extend(
                    accounts_by_id
                        .get(&account_id)
                        .and_then(|a| a.renewal_date.as_deref())
                        .and_then(crate::domain::validation::date),
                );
                let (renewing, unhealthy) = outcome::at_risk_on(
                    ship_date,
                    state.and_then(|s| s.health),
                    &dates,
                    window,
                    threshold,
                );
                let t = request.and_then(|r| told_of.get(&(r, account_id)));
                ImpactAccount {
                    account_id,
                    state_at_ship: state,
                    renewing,
                    unhealthy,
                    contacts_notified: t.map_or(0, |t| t.contacts_notified),
                    contacts_delivered: t.map_or(0, |t| t.contacts_delivered),
                    first_used_day: first_use.map(|f| f.0),
                    users_90: first_use.map_or(0, |f| f.1),
                    next_renewal: outcome::next_renewal(mine, ship_date).cloned(),
                }
            };

        let mut out = Vec::with_capacity(shipped_requests.len());
        for request in shipped_requests {
            let ids = requesters.get(&request.id).cloned().unwrap_or_default();
            let requesting: BTreeSet<i64> = ids.iter().copied().collect();
            let signals = store::signals_of(db, request.id).await?;
            let signal_ids: Vec<i64> = signals.iter().map(|s| s.signal_id).collect();
            let firsts = store::first_uses_by_requesters(
                db,
                request.id,
                &signal_ids,
                ship_day,
                ship_day + 89,
            )
            .await?;
            let adoption = if signal_ids.is_empty() {
                Vec::new()
            } else {
                outcome::adoption_windows(
                    &firsts,
                    &requesting,
                    ship_day,
                    &outcome::ADOPTION_WINDOWS,
                )
            };
            let by_account = outcome::first_use_by_account(&firsts);
            let accounts: Vec<ImpactAccount> = ids
                .iter()
                .map(|&a| impact_account(a, Some(request.id), by_account.get(&a).copied()))
                .collect();
            let mine: Vec<&store::Told> =
                told.iter().filter(|t| t.request_id == request.id).collect();
            out.push(RequestImpact {
                signal_keys: signals.into_iter().map(|s| s.signal_key).collect(),
                notifications: mine.iter().map(|t| t.notifications).sum(),
                suppressed: mine.iter().map(|t| t.suppressed).sum(),
                contacts_notified: mine.iter().map(|t| t.contacts_notified).sum(),
                contacts_delivered: mine.iter().map(|t| t.contacts_delivered).sum(),
                adoption,
                at_risk: summary_of(&accounts),
                accounts,
                request,
            });
        }
        let comparison_accounts: Vec<ImpactAccount> = waiting
            .iter()
            .map(|&a| impact_account(a, None, None))
            .filter(ImpactAccount::at_risk)
            .collect();
        Ok(ImpactView {
            release,
            shipped_at,
            requests: out,
            comparison: summary_of(&comparison_accounts),
            comparison_accounts,
            accounts_by_id,
            profile: profile.name,
            renewal_window_days: window,
            health_threshold: threshold,
        })
    }
}

/// A ranking of a backtest, with the titles it names.
pub struct BacktestRankingView {
    pub name: String,
    pub ranked: Vec<crate::domain::backtest::Ranked>,
    pub captures: Vec<crate::domain::backtest::Capture>,
}

pub struct BacktestView {
    pub as_of: NaiveDate,
    pub horizon_days: i32,
    pub open_requests: i64,
    pub accounts: i64,
    pub losses: Vec<Renewal>,
    pub ranking: BacktestRankingView,
    pub against: BacktestRankingView,
    pub requests: HashMap<i64, Request>,
    pub accounts_by_id: HashMap<i64, Account>,
}

/// Rows of a ranking shown, and the deepest cut-off.
pub const BACKTEST_SHOWN: usize = 50;

impl Outcomes {
    /// The backtest of a profile (see the RPC's documentation).
    #[instrument(skip_all)]
    pub async fn backtest(
        &self,
        profile: &str,
        as_of: &str,
        horizon_days: i32,
        against_profile: &str,
        now: DateTime<Utc>,
    ) -> Result<BacktestView, AppError> {
        use crate::domain::backtest::{self, Ranker};
        let mut v = Violations::default();
        let day = past_date(&mut v, "as_of", as_of, now.date_naive());
        if !(0..=730).contains(&horizon_days) {
            v.push("horizon_days", "must be between 1 and 730 (0: 180)");
        }
        v.into_result(())?;
        let Some(day) = day else {
            return Err(AppError::Internal("as_of validated".into()));
        };
        let horizon_days = if horizon_days == 0 { 180 } else { horizon_days };
        let choose = |name: &str| match name.trim() {
            "" => ProfileChoice::Active,
            n => ProfileChoice::Name(n.to_owned()),
        };
        let named = |e: AppError, field: &str| match e {
            AppError::NotFound(what) => AppError::NotFound(format!("{field}: {what}")),
            other => other,
        };
        let main = self
            .prioritization
            .resolve(choose(profile))
            .await
            .map_err(|e| named(e, "profile"))?;
        let other = if against_profile.trim().is_empty() {
            None
        } else {
            Some(
                self.prioritization
                    .resolve(choose(against_profile))
                    .await
                    .map_err(|e| named(e, "against_profile"))?,
            )
        };
        let horizon_end = day + chrono::Days::new(horizon_days as u64);
        let past = super::past::backlog_at(&self.ctx, &self.prioritization, day).await?;
        let lost: Vec<Renewal> = past
            .renewals_after
            .iter()
            .filter(|r| r.renewal.renewed_on <= horizon_end && r.renewal.outcome.lost_arr())
            .cloned()
            .collect();
        let losses = backtest::losses(&lost);
        let super::past::PastBacklog {
            at,
            candidates,
            accounts,
            base,
            ..
        } = past;
        let ranking = |ranker: Ranker, name: String| {
            let ranked = backtest::rank(&candidates, &accounts, &base, ranker, at);
            let captures = backtest::captures(&ranked, &candidates, &losses, &backtest::TOP);
            BacktestRankingView {
                name,
                ranked,
                captures,
            }
        };
        let label = |p: &super::prioritization::ProfileView| format!("{} v{}", p.name, p.version);
        let ranking_main = ranking(Ranker::Profile(&main.profile), label(&main));
        let against = match &other {
            Some(o) => ranking(Ranker::Profile(&o.profile), label(o)),
            None => ranking(Ranker::Votes, "votes".into()),
        };
        let mut request_ids: BTreeSet<i64> = BTreeSet::new();
        let mut account_ids: BTreeSet<i64> = lost.iter().map(|r| r.account_id).collect();
        for r in [&ranking_main, &against] {
            request_ids.extend(r.ranked.iter().take(BACKTEST_SHOWN).map(|x| x.request_id));
            for c in &r.captures {
                account_ids.extend(c.accounts.iter().map(|a| a.account_id));
            }
        }
        let request_ids: Vec<i64> = request_ids.into_iter().collect();
        let account_ids: Vec<i64> = account_ids.into_iter().collect();
        let db = self.ctx.store.db();
        Ok(BacktestView {
            as_of: day,
            horizon_days,
            open_requests: candidates.len() as i64,
            accounts: accounts.len() as i64,
            losses: lost,
            ranking: ranking_main,
            against,
            requests: {
                let mut rows = requests::get_many(db, &request_ids).await?;
                self.requests.retitle(db, rows.values_mut()).await?;
                rows
            },
            accounts_by_id: accounts::by_ids(db, &account_ids)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect(),
        })
    }
}
