//! Outcomes from the CRM: how accounts changed over time, what their renewals did, what the
//! backlog's inputs looked like at a past date, and which unbuilt requests the accounts that
//! churned or contracted had asked for.
//!
//! Everything here is a function of its arguments: the store hands in history, renewals and
//! feedback; the clock is a parameter.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::account::{Tier, TierThresholds, effective_tier};
use super::roadmap::RequestStatus;
use super::scoring::{AccountFacts, ScoringProfile, at_risk};
use super::validation::{self, Violations, required_id};

/// The facts of an account whose changes are kept with their dates. All `None`: nothing known
/// (the account did not exist yet, or was a placeholder created by feedback).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountState {
    /// Minor units.
    pub arr: Option<i64>,
    /// The explicit tier; `None` derives it from ARR.
    pub tier: Option<Tier>,
    pub health: Option<i32>,
}

impl AccountState {
    pub fn is_unknown(&self) -> bool {
        *self == AccountState::default()
    }
}

/// Why a change was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeCause {
    /// The CRM sync's UpsertAccounts.
    Upsert,
    /// A CHURNED renewal (RecordRenewal).
    Renewal,
}

impl ChangeCause {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeCause::Upsert => "UPSERT",
            ChangeCause::Renewal => "RENEWAL",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "UPSERT" => Some(ChangeCause::Upsert),
            "RENEWAL" => Some(ChangeCause::Renewal),
            _ => None,
        }
    }
}

/// One recorded change of one account, in the order recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountChange {
    pub account_id: i64,
    /// When the change took effect in the CRM.
    pub effective_at: DateTime<Utc>,
    pub before: AccountState,
    pub after: AccountState,
    pub cause: ChangeCause,
}

/// The change from `old` (`None`: the account is new) to `new`, or `None` when nothing kept
/// in the history changed (a rename or a new CSM is not a change of ARR, tier or health).
pub fn account_change(
    old: Option<AccountState>,
    new: AccountState,
) -> Option<(AccountState, AccountState)> {
    let before = old.unwrap_or_default();
    (before != new).then_some((before, new))
}

/// What a renewal did, as the CRM reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RenewalOutcome {
    Renewed,
    Expanded,
    Contracted,
    Churned,
}

impl RenewalOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RenewalOutcome::Renewed => "RENEWED",
            RenewalOutcome::Expanded => "EXPANDED",
            RenewalOutcome::Contracted => "CONTRACTED",
            RenewalOutcome::Churned => "CHURNED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "RENEWED" => Some(RenewalOutcome::Renewed),
            "EXPANDED" => Some(RenewalOutcome::Expanded),
            "CONTRACTED" => Some(RenewalOutcome::Contracted),
            "CHURNED" => Some(RenewalOutcome::Churned),
            _ => None,
        }
    }

    /// ARR left: the account churned or contracted.
    pub fn lost_arr(self) -> bool {
        matches!(self, RenewalOutcome::Contracted | RenewalOutcome::Churned)
    }
}

/// A renewal as the CRM sync sends it, before validation.
#[derive(Debug, Clone, Default)]
pub struct RenewalDraft {
    pub reference: String,
    pub account_external_id: String,
    pub renewed_on: String,
    pub outcome: Option<RenewalOutcome>,
    pub arr_before: i64,
    pub arr_after: i64,
}

/// A validated renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRenewal {
    pub reference: String,
    pub account_external_id: String,
    pub renewed_on: NaiveDate,
    pub outcome: RenewalOutcome,
    pub arr_before: i64,
    pub arr_after: i64,
}

impl RenewalDraft {
    /// Validates. The outcome must agree with the ARR: RENEWED keeps it, EXPANDED raises it,
    /// CONTRACTED lowers it (above zero), CHURNED ends at zero.
    pub fn validate(self) -> Result<NewRenewal, Violations> {
        let mut v = Violations::default();
        let reference = required_id(&mut v, "reference", &self.reference);
        let account_external_id =
            required_id(&mut v, "account_external_id", &self.account_external_id);
        let renewed_on = match self.renewed_on.trim() {
            "" => {
                v.push("renewed_on", "is required");
                None
            }
            s => {
                let d = validation::date(s);
                if d.is_none() {
                    v.push("renewed_on", "must be a date as YYYY-MM-DD");
                }
                d
            }
        };
        if self.arr_before < 0 {
            v.push("arr_before", "must not be negative");
        }
        if self.arr_after < 0 {
            v.push("arr_after", "must not be negative");
        }
        let (before, after) = (self.arr_before, self.arr_after);
        let consistent = match self.outcome {
            None => {
                v.push(
                    "outcome",
                    "is required: RENEWED, EXPANDED, CONTRACTED or CHURNED",
                );
                true
            }
            Some(RenewalOutcome::Renewed) => after == before,
            Some(RenewalOutcome::Expanded) => after > before,
            Some(RenewalOutcome::Contracted) => after < before && after > 0,
            Some(RenewalOutcome::Churned) => after == 0 && before > 0,
        };
        if !consistent && before >= 0 && after >= 0 {
            let rule = match self.outcome {
                Some(RenewalOutcome::Renewed) => "must equal arr_before for RENEWED",
                Some(RenewalOutcome::Expanded) => "must be above arr_before for EXPANDED",
                Some(RenewalOutcome::Contracted) => {
                    "must be below arr_before and above 0 for CONTRACTED (0 is CHURNED)"
                }
                _ if before == 0 => "cannot churn from an arr_before of 0",
                _ => "must be 0 for CHURNED",
            };
            v.push("arr_after", rule);
        }
        match (renewed_on, self.outcome) {
            (Some(renewed_on), Some(outcome)) => v.into_result(NewRenewal {
                reference,
                account_external_id,
                renewed_on,
                outcome,
                arr_before: before,
                arr_after: after,
            }),
            _ => Err(v),
        }
    }
}

impl NewRenewal {
    /// The first field in which `self` differs from a renewal recorded under the same
    /// reference, as (field, recorded, sent); `None` when it is the same renewal.
    pub fn differs_from(&self, recorded: &NewRenewal) -> Option<(&'static str, String, String)> {
        let pairs = [
            (
                "account_external_id",
                recorded.account_external_id.clone(),
                self.account_external_id.clone(),
            ),
            (
                "renewed_on",
                recorded.renewed_on.to_string(),
                self.renewed_on.to_string(),
            ),
            (
                "outcome",
                recorded.outcome.as_str().to_owned(),
                self.outcome.as_str().to_owned(),
            ),
            (
                "arr_before",
                recorded.arr_before.to_string(),
                self.arr_before.to_string(),
            ),
            (
                "arr_after",
                recorded.arr_after.to_string(),
                self.arr_after.to_string(),
            ),
        ];
        pairs.into_iter().find(|(_, a, b)| a != b)
    }
}

/// A recorded renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub id: i64,
    pub account_id: i64,
    pub renewal: NewRenewal,
}

/// The first moment after `day` (00:00 UTC of the next day): "on or before `day`" is "before
/// this".
pub fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    day.checked_add_days(Days::new(1))
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
}

/// Every account's state at `at`: the state after its latest change effective at or before
/// `at` (ties: the one recorded last); before its first change, the state that change started
/// from; with no change recorded, its state now (`current`: nothing changed since Sift knew
/// it). Accounts with nothing known at `at` (not created yet) are left out.
pub fn states_at(
    history: &[AccountChange],
    current: &BTreeMap<i64, AccountState>,
    at: DateTime<Utc>,
) -> BTreeMap<i64, AccountState> {
    // (effective_at, position) of the latest change at or before `at`, and of the earliest after.
    let mut latest: HashMap<i64, (DateTime<Utc>, usize)> = HashMap::new();
    let mut earliest_after: HashMap<i64, (DateTime<Utc>, usize)> = HashMap::new();
    for (i, c) in history.iter().enumerate() {
        if c.effective_at <= at {
            let e = latest.entry(c.account_id).or_insert((c.effective_at, i));
            if (c.effective_at, i) >= *e {
                *e = (c.effective_at, i);
            }
        } else {
            let e = earliest_after
                .entry(c.account_id)
                .or_insert((c.effective_at, i));
            if (c.effective_at, i) < *e {
                *e = (c.effective_at, i);
            }
        }
    }
    let mut out = current.clone();
    for (&account, &(_, i)) in &earliest_after {
        out.insert(account, history[i].before);
    }
    for (&account, &(_, i)) in &latest {
        out.insert(account, history[i].after);
    }
    out.retain(|_, s| !s.is_unknown());
    out
}

/// One piece of feedback as reconstruction sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackFact {
    pub feedback_id: i64,
    pub account_id: i64,
    pub request_id: Option<i64>,
    pub occurred_at: DateTime<Utc>,
}

/// An account's score inputs at a past date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountAt {
    pub arr: Option<i64>,
    /// The effective tier (explicit, else derived from the ARR of that date).
    pub tier: Option<Tier>,
    pub health: Option<i32>,
}

/// A request's evidence at a past date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestAt {
    /// Feedback that had occurred by then, ascending ids.
    pub feedback: Vec<i64>,
    /// The distinct accounts behind it.
    pub accounts: BTreeSet<i64>,
    /// Their summed ARR at that date (minor units; unknown ARR counts 0).
    pub arr: i64,
}

/// What the backlog's inputs looked like at a past date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconstruction {
    pub accounts: BTreeMap<i64, AccountAt>,
    pub requests: BTreeMap<i64, RequestAt>,
}

/// The score inputs at `at`: each account's ARR, tier and health from its history (see
/// [`states_at`]), and the feedback that had occurred by then (`occurred_at <= at`, whenever
/// it was received), grouped by the request it belongs to now.
pub fn reconstruct(
    history: &[AccountChange],
    current: &BTreeMap<i64, AccountState>,
    feedback: &[FeedbackFact],
    at: DateTime<Utc>,
    tiers: TierThresholds,
) -> Reconstruction {
    let accounts: BTreeMap<i64, AccountAt> = states_at(history, current, at)
        .into_iter()
        .map(|(id, s)| {
            let tier = effective_tier(s.tier, s.arr, tiers).map(|(t, _)| t);
            (
                id,
                AccountAt {
                    arr: s.arr,
                    tier,
                    health: s.health,
                },
            )
        })
        .collect();
    let mut requests: BTreeMap<i64, RequestAt> = BTreeMap::new();
    for f in feedback.iter().filter(|f| f.occurred_at <= at) {
        if let Some(request) = f.request_id {
            let r = requests.entry(request).or_default();
            r.feedback.push(f.feedback_id);
            r.accounts.insert(f.account_id);
        }
    }
    for r in requests.values_mut() {
        r.feedback.sort_unstable();
        r.arr = r
            .accounts
            .iter()
            .filter_map(|a| accounts.get(a).and_then(|s| s.arr))
            .map(|arr| arr.max(0))
            .fold(0_i64, i64::saturating_add);
    }
    Reconstruction { accounts, requests }
}

/// A request's status at `at`, from its status now and its changes `(from, to, at)` oldest
/// first: the `to` of the last change at or before `at`, else the `from` of the first change
/// (the status it was created with), else its status now.
pub fn status_at(
    now: RequestStatus,
    changes: &[(RequestStatus, RequestStatus, DateTime<Utc>)],
    at: DateTime<Utc>,
) -> RequestStatus {
    match changes.iter().rev().find(|c| c.2 <= at) {
        Some(c) => c.1,
        None => changes.first().map_or(now, |c| c.0),
    }
}

/// One account's loss at one renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLoss {
    pub renewal_id: i64,
    pub account_id: i64,
    pub reference: String,
    pub renewed_on: NaiveDate,
    pub outcome: RenewalOutcome,
    pub arr_before: i64,
    pub arr_after: i64,
    /// `arr_before - arr_after`.
    pub arr_lost: i64,
}

/// The ARR lost by accounts that had asked for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLoss {
    pub request_id: i64,
    pub arr_lost: i64,
    /// Account id order.
    pub accounts: Vec<AccountLoss>,
}

/// ARR that churned or contracted in a period, by the requests those accounts were waiting on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChurnExposure {
    pub arr_churned: i64,
    pub arr_contracted: i64,
    /// Every CHURNED or CONTRACTED renewal of the period, date order.
    pub losses: Vec<AccountLoss>,
    /// Largest loss first, ties by request id. An account waiting on several requests counts
    /// in each, so these do not add up to the total.
    pub requests: Vec<RequestLoss>,
    /// Lost by accounts that were waiting on no open request.
    pub arr_lost_waiting_on_nothing: i64,
}

/// Breaks the lost ARR of `renewals` (those CHURNED or CONTRACTED count) down by the requests
/// the account had asked for on or before the renewal date (`asks`: account, request, first
/// feedback) and that were not shipped, declined or merged at the end of that day
/// (`open_at(request, moment)`).
pub fn churn_exposure(
    renewals: &[Renewal],
    asks: &[(i64, i64, DateTime<Utc>)],
    open_at: &dyn Fn(i64, DateTime<Utc>) -> bool,
) -> ChurnExposure {
    let mut by_account: HashMap<i64, Vec<(i64, DateTime<Utc>)>> = HashMap::new();
    for &(account, request, first) in asks {
        by_account
            .entry(account)
            .or_default()
            .push((request, first));
    }
    let mut out = ChurnExposure::default();
    let mut requests: BTreeMap<i64, RequestLoss> = BTreeMap::new();
    let mut losing: Vec<&Renewal> = renewals
        .iter()
        .filter(|r| r.renewal.outcome.lost_arr())
        .collect();
    losing.sort_by_key(|r| (r.renewal.renewed_on, r.id));
    for r in losing {
        let n = &r.renewal;
        let lost = n.arr_before.saturating_sub(n.arr_after).max(0);
        match n.outcome {
            RenewalOutcome::Churned => out.arr_churned = out.arr_churned.saturating_add(lost),
            _ => out.arr_contracted = out.arr_contracted.saturating_add(lost),
        }
        let loss = AccountLoss {
            renewal_id: r.id,
            account_id: r.account_id,
            reference: n.reference.clone(),
            renewed_on: n.renewed_on,
            outcome: n.outcome,
            arr_before: n.arr_before,
            arr_after: n.arr_after,
            arr_lost: lost,
        };
        let cutoff = end_of_day(n.renewed_on);
        let mut waiting: Vec<i64> = by_account
            .get(&r.account_id)
            .into_iter()
            .flatten()
            .filter(|(request, first)| *first < cutoff && open_at(*request, cutoff))
            .map(|(request, _)| *request)
            .collect();
        waiting.sort_unstable();
        waiting.dedup();
        if waiting.is_empty() {
            out.arr_lost_waiting_on_nothing = out.arr_lost_waiting_on_nothing.saturating_add(lost);
        }
        for request in waiting {
            let e = requests.entry(request).or_insert_with(|| RequestLoss {
                request_id: request,
                arr_lost: 0,
                accounts: Vec::new(),
            });
            e.arr_lost = e.arr_lost.saturating_add(lost);
            e.accounts.push(loss.clone());
        }
        out.losses.push(loss);
    }
    out.requests = requests.into_values().collect();
    for r in &mut out.requests {
        r.accounts
            .sort_by_key(|a| (a.account_id, a.renewed_on, a.renewal_id));
    }
    out.requests.sort_by(|a, b| {
        b.arr_lost
            .cmp(&a.arr_lost)
            .then(a.request_id.cmp(&b.request_id))
    });
    out
}

/// An account at risk now and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountRisk {
    pub facts: AccountFacts,
    /// Renewal date within the profile's renewal window.
    pub renewing: bool,
    /// Health below the profile's threshold.
    pub unhealthy: bool,
}

/// The ARR at risk now behind one open request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRisk {
    pub request_id: i64,
    pub arr_at_risk: i64,
    /// Account id order.
    pub accounts: Vec<AccountRisk>,
}

/// For each open request (`requests`: request and its requesting accounts), the requesting
/// accounts at risk at `now` by the scoring profile's rule (renewal within the window, or
/// health below the threshold: the same rule as the urgency part of the score). Largest ARR
/// first, ties by request id; requests with no account at risk are left out.
pub fn at_risk_by_request(
    requests: &[(i64, Vec<i64>)],
    accounts: &dyn Fn(i64) -> Option<AccountFacts>,
    profile: &ScoringProfile,
    now: DateTime<Utc>,
) -> Vec<RequestRisk> {
    let today = now.date_naive();
    let mut out: Vec<RequestRisk> = requests
        .iter()
        .filter_map(|(request, ids)| {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            let risky: Vec<AccountRisk> = ids
                .into_iter()
                .filter_map(accounts)
                .filter_map(|facts| {
                    let (renewing, unhealthy) = at_risk(&facts, profile, today);
                    (renewing || unhealthy).then_some(AccountRisk {
                        facts,
                        renewing,
                        unhealthy,
                    })
                })
                .collect();
            (!risky.is_empty()).then(|| RequestRisk {
                request_id: *request,
                arr_at_risk: risky
                    .iter()
                    .map(|a| a.facts.arr.max(0))
                    .fold(0, i64::saturating_add),
                accounts: risky,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.arr_at_risk
            .cmp(&a.arr_at_risk)
            .then(a.request_id.cmp(&b.request_id))
    });
    out
}

// ---- Adoption and release impact ----

/// Days since 1970-01-01 (UTC), the unit telemetry is aggregated in.
pub fn epoch_day(day: NaiveDate) -> i32 {
    (day.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp()
        .div_euclid(86_400)) as i32
}

/// The date of an [`epoch_day`].
pub fn day_of(epoch_day: i32) -> NaiveDate {
    DateTime::<Utc>::from_timestamp(i64::from(epoch_day) * 86_400, 0)
        .unwrap_or_default()
        .date_naive()
}

/// Distinct users of one account that used an adoption signal on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyUse {
    pub day: i32,
    pub account_id: i64,
    pub users: i64,
}

/// One user's first use of an adoption signal in the counted days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstUse {
    pub account_id: i64,
    pub day: i32,
}

/// One day of an adoption curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AdoptionDay {
    pub day: i32,
    pub requesting_accounts: i64,
    pub requesting_users: i64,
    pub other_accounts: i64,
    pub other_users: i64,
}

/// The adoption curve for days `first..=last`, one entry per day (zeros included): distinct
/// accounts and users that used a signal, among `requesting` and among the rest.
pub fn adoption_days(
    uses: &[DailyUse],
    requesting: &BTreeSet<i64>,
    first: i32,
    last: i32,
) -> Vec<AdoptionDay> {
    let mut days: BTreeMap<i32, AdoptionDay> = (first..=last)
        .map(|day| {
            (
                day,
                AdoptionDay {
                    day,
                    ..AdoptionDay::default()
                },
            )
        })
        .collect();
    for u in uses {
        let Some(d) = days.get_mut(&u.day) else {
            continue;
        };
        if requesting.contains(&u.account_id) {
            d.requesting_accounts += 1;
            d.requesting_users += u.users;
        } else {
            d.other_accounts += 1;
            d.other_users += u.users;
        }
    }
    days.into_values().collect()
}

/// Requesting accounts and their users that adopted within a number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdoptionWindow {
    pub days: i32,
    pub accounts: i64,
    pub users: i64,
}

/// The windows every adoption figure is given for.
pub const ADOPTION_WINDOWS: [i32; 3] = [7, 30, 90];

/// For each window of `windows` days (the ship day is day 1), the requesting accounts and
/// users whose first use falls within it. `firsts` holds one entry per (account, user).
pub fn adoption_windows(
    firsts: &[FirstUse],
    requesting: &BTreeSet<i64>,
    ship_day: i32,
    windows: &[i32],
) -> Vec<AdoptionWindow> {
    windows
        .iter()
        .map(|&days| {
            let within: Vec<&FirstUse> = firsts
                .iter()
                .filter(|f| {
                    requesting.contains(&f.account_id)
                        && f.day >= ship_day
                        && f.day < ship_day + days
                })
                .collect();
            AdoptionWindow {
                days,
                accounts: within
                    .iter()
                    .map(|f| f.account_id)
                    .collect::<BTreeSet<_>>()
                    .len() as i64,
                users: within.len() as i64,
            }
        })
        .collect()
}

/// Each account's first day of use and distinct users, from one entry per (account, user).
pub fn first_use_by_account(firsts: &[FirstUse]) -> BTreeMap<i64, (i32, i64)> {
    let mut out: BTreeMap<i64, (i32, i64)> = BTreeMap::new();
    for f in firsts {
        let e = out.entry(f.account_id).or_insert((f.day, 0));
        e.0 = e.0.min(f.day);
        e.1 += 1;
    }
    out
}

/// Whether an account was at risk on `ship_day` by a profile's rule: a renewal due within
/// `window_days` after it (a renewal recorded then, or the renewal date the CRM gives now), or
/// health then below `health_threshold`.
pub fn at_risk_on(
    ship_day: NaiveDate,
    health_then: Option<i32>,
    renewal_dates: &[NaiveDate],
    window_days: i64,
    health_threshold: i32,
) -> (bool, bool) {
    let renewing = renewal_dates.iter().any(|d| {
        let days = d.signed_duration_since(ship_day).num_days();
        (0..=window_days).contains(&days)
    });
    (renewing, health_then.is_some_and(|h| h < health_threshold))
}

/// What the next renewals of a group of accounts did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenewalSummary {
    pub accounts: i64,
    pub arr_at_risk: i64,
    pub renewed: i64,
    pub expanded: i64,
    pub contracted: i64,
    pub churned: i64,
    pub no_renewal_yet: i64,
    pub arr_before: i64,
    pub arr_after: i64,
}

/// Sums a group: each account's ARR at ship time and its next renewal, if any.
pub fn renewal_summary<'a>(
    group: impl IntoIterator<Item = (i64, Option<&'a NewRenewal>)>,
) -> RenewalSummary {
    let mut s = RenewalSummary::default();
    for (arr, next) in group {
        s.accounts += 1;
        s.arr_at_risk = s.arr_at_risk.saturating_add(arr.max(0));
        match next {
            None => s.no_renewal_yet += 1,
            Some(r) => {
                match r.outcome {
                    RenewalOutcome::Renewed => s.renewed += 1,
                    RenewalOutcome::Expanded => s.expanded += 1,
                    RenewalOutcome::Contracted => s.contracted += 1,
                    RenewalOutcome::Churned => s.churned += 1,
                }
                s.arr_before = s.arr_before.saturating_add(r.arr_before);
                s.arr_after = s.arr_after.saturating_add(r.arr_after);
            }
        }
    }
    s
}

/// The first of an account's renewals (any order) dated on or after `day`.
pub fn next_renewal<'a>(renewals: &[&'a Renewal], day: NaiveDate) -> Option<&'a Renewal> {
    renewals
        .iter()
        .copied()
        .filter(|r| r.renewal.renewed_on >= day)
        .min_by_key(|r| (r.renewal.renewed_on, r.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("date")
    }

    fn state(arr: i64, tier: Option<Tier>, health: Option<i32>) -> AccountState {
        AccountState {
            arr: Some(arr),
            tier,
            health,
        }
    }

    fn change(
        account_id: i64,
        at: DateTime<Utc>,
        before: AccountState,
        after: AccountState,
    ) -> AccountChange {
        AccountChange {
            account_id,
            effective_at: at,
            before,
            after,
            cause: ChangeCause::Upsert,
        }
    }

    #[test]
    fn a_change_is_recorded_only_when_arr_tier_or_health_moves() {
        let s = state(100, None, Some(80));
        assert_eq!(account_change(Some(s), s), None);
        assert_eq!(
            account_change(None, s),
            Some((AccountState::default(), s)),
            "a new account is a change from nothing"
        );
        let healthier = state(100, None, Some(90));
        assert_eq!(account_change(Some(s), healthier), Some((s, healthier)));
        let keyed = state(100, Some(Tier::Key), Some(80));
        assert_eq!(account_change(Some(s), keyed), Some((s, keyed)));
        assert_eq!(
            account_change(Some(AccountState::default()), AccountState::default()),
            None,
            "a placeholder described as nothing is no change"
        );
    }

    /// "What the backlog's inputs looked like on 1 March", worked by hand.
    ///
    /// Accounts (thresholds: KEY from 1,000, IMPORTANT from 500):
    /// - 1: created 10 Jan at 600 (IMPORTANT, health 70); 20 Feb ARR 1,200 (KEY by ARR);
    ///   15 Mar health 30. On 1 Mar: ARR 1,200, KEY, health 70.
    /// - 2: created 5 Jan at 300 (STANDARD, health 90); 1 Mar 18:00 health 40 (after noon,
    ///   so not yet); churned 10 Mar to 0. On 1 Mar: ARR 300, STANDARD, health 90.
    /// - 3: created 2 Mar: absent on 1 Mar.
    /// - 4: no history (known before history was kept): its state now, 50 and explicit KEY.
    ///
    /// Feedback (occurred): f1 acct 1 req 10 on 15 Feb; f2 acct 2 req 10 on 1 Mar 09:00;
    /// f3 acct 2 req 11 on 5 Mar (not yet); f4 acct 4 req 11 on 28 Feb; f5 acct 1 with no
    /// request. So on 1 Mar: request 10 = {f1, f2}, accounts {1, 2}, ARR 1,200 + 300 = 1,500;
    /// request 11 = {f4}, account {4}, ARR 50.
    #[test]
    fn reconstructs_the_inputs_of_1_march_by_hand() {
        let tiers = TierThresholds {
            key_arr: 1000,
            important_arr: 500,
        };
        let none = AccountState::default();
        let history = vec![
            change(2, day(2026, 1, 5), none, state(300, None, Some(90))),
            change(1, day(2026, 1, 10), none, state(600, None, Some(70))),
            change(
                1,
                day(2026, 2, 20),
                state(600, None, Some(70)),
                state(1200, None, Some(70)),
            ),
            change(
                1,
                day(2026, 3, 15),
                state(1200, None, Some(70)),
                state(1200, None, Some(30)),
            ),
            change(
                2,
                Utc.with_ymd_and_hms(2026, 3, 1, 18, 0, 0)
                    .single()
                    .expect("t"),
                state(300, None, Some(90)),
                state(300, None, Some(40)),
            ),
            change(
                2,
                day(2026, 3, 10),
                state(300, None, Some(40)),
                state(0, None, Some(40)),
            ),
            change(3, day(2026, 3, 2), none, state(5000, None, None)),
        ];
        let current: BTreeMap<i64, AccountState> = [
            (1, state(1200, None, Some(30))),
            (2, state(0, None, Some(40))),
            (3, state(5000, None, None)),
            (4, state(50, Some(Tier::Key), None)),
        ]
        .into();
        let fb = |id, account, request, at| FeedbackFact {
            feedback_id: id,
            account_id: account,
            request_id: request,
            occurred_at: at,
        };
        let feedback = vec![
            fb(1, 1, Some(10), day(2026, 2, 15)),
            fb(
                2,
                2,
                Some(10),
                Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                    .single()
                    .expect("t"),
            ),
            fb(3, 2, Some(11), day(2026, 3, 5)),
            fb(4, 4, Some(11), day(2026, 2, 28)),
            fb(5, 1, None, day(2026, 2, 1)),
        ];
        let march_1 = day(2026, 3, 1);
        let got = reconstruct(&history, &current, &feedback, march_1, tiers);
        let expected_accounts: BTreeMap<i64, AccountAt> = [
            (
                1,
                AccountAt {
                    arr: Some(1200),
                    tier: Some(Tier::Key),
                    health: Some(70),
                },
            ),
            (
                2,
                AccountAt {
                    arr: Some(300),
                    tier: Some(Tier::Standard),
                    health: Some(90),
                },
            ),
            (
                4,
                AccountAt {
                    arr: Some(50),
                    tier: Some(Tier::Key),
                    health: None,
                },
            ),
        ]
        .into();
        assert_eq!(got.accounts, expected_accounts);
        let expected_requests: BTreeMap<i64, RequestAt> = [
            (
                10,
                RequestAt {
                    feedback: vec![1, 2],
                    accounts: [1, 2].into(),
                    arr: 1500,
                },
            ),
            (
                11,
                RequestAt {
                    feedback: vec![4],
                    accounts: [4].into(),
                    arr: 50,
                },
            ),
        ]
        .into();
        assert_eq!(got.requests, expected_requests);

        // Before anything: account 1 and 2 did not exist yet; 4 was as it is now.
        let new_year = reconstruct(&history, &current, &feedback, day(2026, 1, 1), tiers);
        assert_eq!(new_year.accounts.keys().copied().collect::<Vec<_>>(), [4]);
        assert!(new_year.requests.is_empty());
        // Today: the latest of everything.
        let later = reconstruct(&history, &current, &feedback, day(2026, 4, 1), tiers);
        assert_eq!(later.accounts[&1].health, Some(30));
        assert_eq!(later.accounts[&2].arr, Some(0));
        assert_eq!(
            later.requests[&11].arr, 50,
            "account 2 churned to 0 by then"
        );
    }

    #[test]
    fn a_change_recorded_late_with_an_earlier_date_sorts_by_its_date() {
        let none = AccountState::default();
        let history = vec![
            change(1, day(2026, 1, 1), none, state(100, None, None)),
            change(
                1,
                day(2026, 3, 1),
                state(100, None, None),
                state(300, None, None),
            ),
            // Backfilled afterwards: the February change.
            change(
                1,
                day(2026, 2, 1),
                state(100, None, None),
                state(200, None, None),
            ),
        ];
        let at = |d| states_at(&history, &BTreeMap::new(), d)[&1].arr;
        assert_eq!(at(day(2026, 1, 15)), Some(100));
        assert_eq!(at(day(2026, 2, 15)), Some(200));
        assert_eq!(at(day(2026, 3, 15)), Some(300));
    }

    #[test]
    fn a_request_status_at_a_past_moment() {
        use RequestStatus::*;
        let changes = [
            (New, Planned, day(2026, 2, 1)),
            (Planned, Shipped, day(2026, 3, 1)),
        ];
        assert_eq!(status_at(Shipped, &changes, day(2026, 1, 1)), New);
        assert_eq!(status_at(Shipped, &changes, day(2026, 2, 10)), Planned);
        assert_eq!(status_at(Shipped, &changes, day(2026, 3, 1)), Shipped);
        assert_eq!(status_at(InProgress, &[], day(2026, 1, 1)), InProgress);
    }

    fn renewal(
        id: i64,
        account_id: i64,
        on: (i32, u32, u32),
        outcome: RenewalOutcome,
        before: i64,
        after: i64,
    ) -> Renewal {
        Renewal {
            id,
            account_id,
            renewal: NewRenewal {
                reference: format!("R-{id}"),
                account_external_id: format!("a{account_id}"),
                renewed_on: NaiveDate::from_ymd_opt(on.0, on.1, on.2).expect("date"),
                outcome,
                arr_before: before,
                arr_after: after,
            },
        }
    }

    /// Account 1 churned 84,000 on 10 Mar waiting on SSO (request 7, asked 1 Feb) and audit
    /// logs (8, asked 11 Mar: after churning, so not counted). Account 2 contracted 50,000 ->
    /// 30,000 on 20 Mar waiting on SSO (asked 1 Jan) and PDF (9, shipped 15 Mar: not
    /// waiting). Account 3 renewed (no loss). Account 4 churned 10,000 asking for nothing.
    /// SSO: 84,000 + 20,000 = 104,000 from accounts 1 and 2; nothing for 8 or 9.
    #[test]
    fn churn_exposure_by_request_by_hand() {
        use RenewalOutcome::*;
        let renewals = [
            renewal(1, 1, (2026, 3, 10), Churned, 84_000, 0),
            renewal(2, 2, (2026, 3, 20), Contracted, 50_000, 30_000),
            renewal(3, 3, (2026, 3, 5), Renewed, 10_000, 10_000),
            renewal(4, 4, (2026, 3, 25), Churned, 10_000, 0),
        ];
        let asks = [
            (1, 7, day(2026, 2, 1)),
            (1, 8, day(2026, 3, 11)),
            (2, 7, day(2026, 1, 1)),
            (2, 9, day(2026, 1, 1)),
            (3, 7, day(2026, 1, 1)),
        ];
        let pdf_shipped = day(2026, 3, 15);
        let open_at = |request: i64, at: DateTime<Utc>| !(request == 9 && at >= pdf_shipped);
        let got = churn_exposure(&renewals, &asks, &open_at);
        assert_eq!(got.arr_churned, 94_000);
        assert_eq!(got.arr_contracted, 20_000);
        assert_eq!(got.arr_lost_waiting_on_nothing, 10_000);
        assert_eq!(
            got.losses.iter().map(|l| l.renewal_id).collect::<Vec<_>>(),
            [1, 2, 4]
        );
        assert_eq!(got.requests.len(), 1, "{:?}", got.requests);
        let sso = &got.requests[0];
        assert_eq!((sso.request_id, sso.arr_lost), (7, 104_000));
        assert_eq!(
            sso.accounts
                .iter()
                .map(|a| (a.account_id, a.arr_lost))
                .collect::<Vec<_>>(),
            [(1, 84_000), (2, 20_000)]
        );
    }

    #[test]
    fn at_risk_by_request_uses_the_scoring_rule() {
        let profile = ScoringProfile::default(); // 90-day window, health below 50
        let now = day(2026, 3, 1);
        let facts = |id, arr, renewal: Option<(i32, u32, u32)>, health| AccountFacts {
            account_id: id,
            arr,
            tier: None,
            seats: 0,
            renewal_date: renewal.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            health,
        };
        let accounts: HashMap<i64, AccountFacts> = [
            (1, facts(1, 1000, Some((2026, 5, 1)), Some(80))), // renewing in 61 days
            (2, facts(2, 500, Some((2026, 12, 1)), Some(30))), // unhealthy
            (3, facts(3, 700, Some((2026, 12, 1)), Some(50))), // neither (50 is not below 50)
            (4, facts(4, 900, Some((2026, 2, 1)), None)),      // renewal passed
        ]
        .into();
        let lookup = |id: i64| accounts.get(&id).copied();
        let got = at_risk_by_request(
            &[(5, vec![1, 2, 3]), (6, vec![3, 4]), (7, vec![2, 2])],
            &lookup,
            &profile,
            now,
        );
        type Row = (i64, i64, Vec<(i64, bool, bool)>);
        let summary: Vec<Row> = got
            .iter()
            .map(|r| {
                (
                    r.request_id,
                    r.arr_at_risk,
                    r.accounts
                        .iter()
                        .map(|a| (a.facts.account_id, a.renewing, a.unhealthy))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (5, 1500, vec![(1, true, false), (2, false, true)]),
                (7, 500, vec![(2, false, true)]),
            ]
        );
    }

    #[test]
    fn a_renewal_must_agree_with_its_arr() {
        let ok = |outcome, before, after| RenewalDraft {
            reference: "R-1".into(),
            account_external_id: "acme".into(),
            renewed_on: "2026-03-10".into(),
            outcome: Some(outcome),
            arr_before: before,
            arr_after: after,
        };
        use RenewalOutcome::*;
        for (outcome, before, after) in [
            (Renewed, 100, 100),
            (Expanded, 100, 150),
            (Contracted, 100, 50),
            (Churned, 100, 0),
        ] {
            assert!(ok(outcome, before, after).validate().is_ok(), "{outcome:?}");
        }
        for (outcome, before, after) in [
            (Renewed, 100, 120),
            (Expanded, 100, 100),
            (Contracted, 100, 0),
            (Contracted, 100, 120),
            (Churned, 100, 10),
            (Churned, 0, 0),
        ] {
            let err = ok(outcome, before, after).validate().unwrap_err();
            assert_eq!(
                err.0[0].field, "arr_after",
                "{outcome:?} {before} -> {after}"
            );
        }
        let err = RenewalDraft {
            renewed_on: "2026-02-30".into(),
            arr_before: -1,
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "reference",
                "account_external_id",
                "renewed_on",
                "arr_before",
                "outcome"
            ]
        );
    }

    #[test]
    fn an_adoption_curve_splits_requesting_accounts_from_the_rest() {
        let requesting: BTreeSet<i64> = [1, 2].into();
        let uses = [
            DailyUse {
                day: 10,
                account_id: 1,
                users: 3,
            },
            DailyUse {
                day: 10,
                account_id: 3,
                users: 1,
            },
            DailyUse {
                day: 11,
                account_id: 2,
                users: 2,
            },
            DailyUse {
                day: 11,
                account_id: 1,
                users: 1,
            },
            // Outside the days asked for.
            DailyUse {
                day: 13,
                account_id: 1,
                users: 9,
            },
        ];
        let days = adoption_days(&uses, &requesting, 10, 12);
        let got: Vec<_> = days
            .iter()
            .map(|d| {
                (
                    d.day,
                    d.requesting_accounts,
                    d.requesting_users,
                    d.other_accounts,
                    d.other_users,
                )
            })
            .collect();
        assert_eq!(got, [(10, 1, 3, 1, 1), (11, 2, 3, 0, 0), (12, 0, 0, 0, 0)]);
    }

    #[test]
    fn adoption_windows_count_first_use_from_the_ship_day() {
        let requesting: BTreeSet<i64> = [1, 2, 3].into();
        // Ship day 100: account 1 on day 1 (two users) and day 8, account 2 on day 30, account
        // 3 on day 31, account 9 is not a requester.
        let firsts = [
            FirstUse {
                account_id: 1,
                day: 100,
            },
            FirstUse {
                account_id: 1,
                day: 100,
            },
            FirstUse {
                account_id: 1,
                day: 107,
            },
            FirstUse {
                account_id: 2,
                day: 129,
            },
            FirstUse {
                account_id: 3,
                day: 130,
            },
            FirstUse {
                account_id: 9,
                day: 100,
            },
        ];
        let w = adoption_windows(&firsts, &requesting, 100, &ADOPTION_WINDOWS);
        let got: Vec<_> = w.iter().map(|w| (w.days, w.accounts, w.users)).collect();
        assert_eq!(got, [(7, 1, 2), (30, 2, 4), (90, 3, 5)]);
        let by_account = first_use_by_account(&firsts);
        assert_eq!(by_account.get(&1), Some(&(100, 3)));
        assert_eq!(by_account.get(&3), Some(&(130, 1)));
        assert_eq!(
            day_of(epoch_day(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())).to_string(),
            "2026-03-01"
        );
    }

    #[test]
    fn next_renewals_sum_by_outcome() {
        let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
        let renewal = |id, on, outcome, before, after| Renewal {
            id,
            account_id: 1,
            renewal: NewRenewal {
                reference: format!("r{id}"),
                account_external_id: "a".into(),
                renewed_on: on,
                outcome,
                arr_before: before,
                arr_after: after,
            },
        };
        let old = renewal(1, d(1, 1), RenewalOutcome::Renewed, 10, 10);
        let later = renewal(3, d(6, 1), RenewalOutcome::Expanded, 10, 20);
        let next = renewal(2, d(4, 1), RenewalOutcome::Churned, 10, 0);
        let all = [&old, &later, &next];
        assert_eq!(next_renewal(&all, d(3, 1)).map(|r| r.id), Some(2));
        assert_eq!(next_renewal(&all, d(7, 1)), None);
        let s = renewal_summary([
            (10, Some(&next.renewal)),
            (5, None),
            (7, Some(&later.renewal)),
        ]);
        assert_eq!(
            (
                s.accounts,
                s.arr_at_risk,
                s.churned,
                s.expanded,
                s.no_renewal_yet,
                s.arr_before,
                s.arr_after
            ),
            (3, 22, 1, 1, 1, 20, 20)
        );
        assert_eq!(
            at_risk_on(d(3, 1), Some(40), &[d(5, 1)], 90, 50),
            (true, true)
        );
        assert_eq!(
            at_risk_on(d(3, 1), Some(60), &[d(7, 1), d(2, 1)], 90, 50),
            (false, false)
        );
    }
}
