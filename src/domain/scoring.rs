//! # Scoring: how Sift ranks feature requests
//!
//! A request (a cluster of customer feedback) gets a **score** built from four
//! parts. Each part is a number between 0 and 1 and each can be explained. The
//! parts are weighted by the active scoring profile and added up. Optionally
//! the sum is divided by the estimated effort.
//!
//! ```text
//! score = w_value * value + w_reach * reach + w_fit * fit + w_urgency * urgency
//! score = score / max(effort, min_effort)        (only if divide_by_effort)
//! ```
//!
//! A request with no effort estimate uses the profile's `default_effort`.
//!
//! Every part **saturates**: it uses the form `1 - exp(-x / scale)`. It does
//! not normalise against the largest request in the backlog. So a request's
//! score depends only on its own evidence, its own themes, its own effort and
//! the size of the customer base. Editing one request never moves the score of
//! an unrelated request. `scale` is the amount of `x` that gives 63% of the
//! maximum (`1 - 1/e`).
//!
//! ## Customer value
//!
//! Each account that asked for the request contributes **once**, however many
//! tickets it filed (fifty tickets from one account are still one account's
//! demand):
//!
//! ```text
//! contribution(account) = arr_share * tier_multiplier * importance_multiplier * decay
//!   arr_share             = account ARR / total ARR of the customer base   (capped at 1)
//!   tier_multiplier       = tier_key | tier_important | tier_standard | tier_unknown
//!   importance_multiplier = the multiplier of the account's strongest feedback:
//!                           imp_critical | imp_important | imp_nice | imp_unspecified
//!   decay                 = 0.5 ^ (age_days / half_life_days)
//!   age_days              = days from the account's most recent feedback to now
//!                           (0 if that feedback is dated in the future)
//! value = 1 - exp(-sum(contributions) / value_scale)
//! ```
//!
//! The "strongest" feedback is the one with the largest importance multiplier.
//! Ties are broken in this order: higher importance, more recent, smaller
//! feedback id. Because tier multipliers are ordered (`tier_key >=
//! tier_important >= tier_standard`), a key account's ARR counts more than the
//! same ARR in a standard account.
//!
//! ## Reach
//!
//! ```text
//! account_share = requesting accounts / total accounts           (capped at 1)
//! user_share    = telemetry distinct users / total seats         (capped at 1)
//! reach = 1 - exp(-(a * account_share + (1 - a) * user_share) / reach_scale)
//!   a = reach_account_blend
//! ```
//!
//! "Requesting accounts" means the distinct accounts with at least one piece of
//! feedback on the request. An account that the lookup does not know still
//! counts here, but it contributes no ARR.
//!
//! ## Strategic fit
//!
//! ```text
//! fit = 1 - product over the request's ACTIVE themes of (1 - weight * alignment)
//! ```
//!
//! Weight and alignment are each clamped to [0, 1]. Inactive themes are
//! ignored. A theme listed twice counts once, with its strongest alignment. An
//! extra aligned theme can only raise the fit.
//!
//! ## Urgency
//!
//! ```text
//! at_risk(account) = renewal date between today and today + renewal_window_days (inclusive)
//!                    OR health < health_threshold
//! revenue_at_risk  = sum of ARR of the requesting accounts that are at risk
//! urgency = 1 - exp(-(revenue_at_risk / total ARR) / urgency_scale)
//! ```
//!
//! "Today" is the UTC date of `now`. A renewal date that has already passed
//! does not count. An account with no health score is not treated as unhealthy.
//!
//! ## Demand profile
//!
//! A request's demand profile is one of three labels. The rules are checked in
//! this order:
//!
//! - **KEY_ACCOUNT** if KEY accounts supply at least `key_share` of the summed
//!   customer-value contributions;
//! - otherwise **BROAD** if at least `broad_min_accounts` accounts asked and
//!   they are at least `broad_min_share` of the customer base
//!   (`accounts / max(total accounts, accounts)`): a widespread need, whatever
//!   the tiers of the accounts;
//! - otherwise **LONG_TAIL**: a niche ask of a few customers (a case for
//!   configuration or plugins).
//!
//! Tiers play no part in BROAD: thirty STANDARD accounts asking are as broad as
//! thirty of mixed tiers. See [`demand_profile`].
//!
//! ## Edge cases
//!
//! If total ARR, total accounts or total seats is 0, the shares that divide by
//! it become 0, so the affected parts are 0 and never NaN. Negative ARR counts
//! as 0. The score is computed as the weighted parts added in the order value,
//! reach, fit, urgency, and then divided by the effort divisor. So an
//! explanation's weighted parts add up to the score exactly. The ranking order
//! is score descending, then request id ascending (see [`rank_cmp`]).
//!
//! This module is pure: it has no I/O and no clock, and `now` and the profile
//! are always passed in as parameters.

use std::cell::RefCell;
use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};

/// Tiers and importances are the account's and the feedback's own: `Option<Tier>::None` is
/// "unknown", `Option<Importance>::None` is "unspecified".
pub use super::account::Tier;
pub use super::feedback::Importance;

/// All the knobs of the scoring formula. See the module documentation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoringProfile {
    pub name: String,
    pub w_value: f64,
    pub w_reach: f64,
    pub w_fit: f64,
    pub w_urgency: f64,
    pub tier_key: f64,
    pub tier_important: f64,
    pub tier_standard: f64,
    pub tier_unknown: f64,
    pub imp_critical: f64,
    pub imp_important: f64,
    pub imp_nice: f64,
    pub imp_unspecified: f64,
    pub half_life_days: f64,
    pub value_scale: f64,
    pub reach_scale: f64,
    pub reach_account_blend: f64,
    pub urgency_scale: f64,
    pub renewal_window_days: i64,
    pub health_threshold: i32,
    pub divide_by_effort: bool,
    pub default_effort: f64,
    pub min_effort: f64,
    pub key_share: f64,
    pub broad_min_accounts: usize,
    /// Stored profiles from before this field keep their meaning of "enough accounts": they
    /// read the shipped default.
    #[serde(default = "default_broad_min_share")]
    pub broad_min_share: f64,
}

fn default_broad_min_share() -> f64 {
    ScoringProfile::default().broad_min_share
}

impl Default for ScoringProfile {
    /// The shipped default profile.
    fn default() -> Self {
        Self {
            name: "default".to_owned(),
            // The weights add up to 1, so without the effort divisor the score is in [0, 1].
            // Customer value (ARR-weighted demand) leads. Reach, strategy and urgency share
            // the rest equally.
            w_value: 0.4,
            w_reach: 0.2,
            w_fit: 0.2,
            w_urgency: 0.2,
            // A key account's dollar counts 3x a standard one's, and an important account's
            // counts 1.5x. Unknown tier gets no premium.
            tier_key: 3.0,
            tier_important: 1.5,
            tier_standard: 1.0,
            tier_unknown: 1.0,
            // "Critical" doubles an account's weight and "nice to have" halves it. A plain
            // ask with no stated importance sits just below an explicit "important".
            imp_critical: 2.0,
            imp_important: 1.0,
            imp_nice: 0.5,
            imp_unspecified: 0.8,
            // Feedback stays relevant for about two quarters: a 6-month-old ask counts half,
            // and a year-old ask counts a quarter.
            half_life_days: 180.0,
            // Weighted demand worth 20% of total ARR gives 63% of full value, and 10% gives
            // 39%. In a 20M base, one 1.5M key account asking "important" gives ~0.68.
            value_scale: 0.2,
            // 10% of all accounts (e.g. 20 of 200), at the blend below, gives ~45% reach.
            reach_scale: 0.1,
            // An explicit ask from an account is a stronger signal than telemetry usage of
            // the area.
            reach_account_blend: 0.6,
            // 5% of total ARR at risk (one large account) gives 63% urgency.
            urgency_scale: 0.05,
            // About one quarter: the usual lead time of a renewal conversation.
            renewal_window_days: 90,
            // Health is on a 0-100 scale, and below half counts as at risk.
            health_threshold: 50,
            // Effort estimates are often missing or rough early on, so the default ranks by
            // value. A "value per effort" profile turns this on.
            divide_by_effort: false,
            // Used only when divide_by_effort is on: a typical small feature takes 2
            // person-weeks. The floor of half a week stops tiny estimates from exploding
            // the score.
            default_effort: 2.0,
            min_effort: 0.5,
            // KEY_ACCOUNT when key accounts carry the majority of the customer value.
            key_share: 0.5,
            // BROAD needs at least 5 accounts, and at least 5% of the customer base: 5 of
            // 100 accounts, 50 of 1,000. Fewer is a niche ask.
            broad_min_accounts: 5,
            broad_min_share: 0.05,
        }
    }
}

fn push_err(errs: &mut Vec<(String, String)>, field: &str, reason: String) {
    errs.push((field.to_owned(), reason));
}

impl ScoringProfile {
    /// Checks every field. Returns all the problems as `(field, reason)` pairs, in
    /// field order.
    pub fn validate(&self) -> Result<(), Vec<(String, String)>> {
        let mut errs = Vec::new();
        if self.name.trim().is_empty() {
            push_err(&mut errs, "name", "must not be empty".to_owned());
        }
        let non_negative = [
            ("w_value", self.w_value),
            ("w_reach", self.w_reach),
            ("w_fit", self.w_fit),
            ("w_urgency", self.w_urgency),
            ("tier_key", self.tier_key),
            ("tier_important", self.tier_important),
            ("tier_standard", self.tier_standard),
            ("tier_unknown", self.tier_unknown),
            ("imp_critical", self.imp_critical),
            ("imp_important", self.imp_important),
            ("imp_nice", self.imp_nice),
            ("imp_unspecified", self.imp_unspecified),
        ];
        for (field, v) in non_negative {
            if !(v.is_finite() && v >= 0.0) {
                push_err(
                    &mut errs,
                    field,
                    format!("must be a finite number >= 0, got {v}"),
                );
            }
        }
        // The issue requires a key account's ARR to count more than a standard account's.
        // The tiers and the importances must therefore be ordered.
        let ordered = [
            (
                "tier_key",
                self.tier_key,
                "tier_important",
                self.tier_important,
            ),
            (
                "tier_important",
                self.tier_important,
                "tier_standard",
                self.tier_standard,
            ),
            (
                "imp_critical",
                self.imp_critical,
                "imp_important",
                self.imp_important,
            ),
            (
                "imp_important",
                self.imp_important,
                "imp_nice",
                self.imp_nice,
            ),
        ];
        for (field, v, other, w) in ordered {
            if v.is_finite() && w.is_finite() && v < w {
                push_err(
                    &mut errs,
                    field,
                    format!("must be >= {other} ({w}), got {v}"),
                );
            }
        }
        let positive = [
            ("half_life_days", self.half_life_days),
            ("value_scale", self.value_scale),
            ("reach_scale", self.reach_scale),
            ("urgency_scale", self.urgency_scale),
            ("default_effort", self.default_effort),
            ("min_effort", self.min_effort),
        ];
        for (field, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                push_err(
                    &mut errs,
                    field,
                    format!("must be a finite number > 0, got {v}"),
                );
            }
        }
        let b = self.reach_account_blend;
        if !(b.is_finite() && (0.0..=1.0).contains(&b)) {
            push_err(
                &mut errs,
                "reach_account_blend",
                format!("must be in [0, 1], got {b}"),
            );
        }
        if !(0..=3660).contains(&self.renewal_window_days) {
            let v = self.renewal_window_days;
            push_err(
                &mut errs,
                "renewal_window_days",
                format!("must be in [0, 3660] days, got {v}"),
            );
        }
        if !(0..=100).contains(&self.health_threshold) {
            let v = self.health_threshold;
            push_err(
                &mut errs,
                "health_threshold",
                format!("must be in [0, 100], got {v}"),
            );
        }
        let k = self.key_share;
        if !(k.is_finite() && k > 0.0 && k <= 1.0) {
            push_err(
                &mut errs,
                "key_share",
                format!("must be in (0, 1], got {k}"),
            );
        }
        if self.broad_min_accounts == 0 {
            push_err(
                &mut errs,
                "broad_min_accounts",
                "must be at least 1".to_owned(),
            );
        }
        let b = self.broad_min_share;
        if !(b.is_finite() && (0.0..=1.0).contains(&b)) {
            push_err(
                &mut errs,
                "broad_min_share",
                format!("must be in [0, 1], got {b}"),
            );
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    fn tier_multiplier(&self, tier: Option<Tier>) -> f64 {
        match tier {
            Some(Tier::Key) => self.tier_key,
            Some(Tier::Important) => self.tier_important,
            Some(Tier::Standard) => self.tier_standard,
            None => self.tier_unknown,
        }
    }

    fn importance_multiplier(&self, importance: Option<Importance>) -> f64 {
        match importance {
            Some(Importance::Critical) => self.imp_critical,
            Some(Importance::Important) => self.imp_important,
            Some(Importance::NiceToHave) => self.imp_nice,
            None => self.imp_unspecified,
        }
    }
}

/// What the scorer needs to know about one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountFacts {
    pub account_id: i64,
    /// Annual recurring revenue in integer minor units (e.g. cents).
    pub arr: i64,
    pub tier: Option<Tier>,
    pub seats: i64,
    pub renewal_date: Option<NaiveDate>,
    /// 0-100, `None` when unknown.
    pub health: Option<i32>,
}

/// One piece of feedback attached to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub feedback_id: i64,
    pub account_id: i64,
    pub importance: Option<Importance>,
    pub occurred_at: DateTime<Utc>,
}

/// Totals over the whole customer base (the denominators of the shares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerBase {
    pub total_arr: i64,
    pub total_accounts: i64,
    pub total_seats: i64,
}

/// A strategic theme a PM weighs requests by.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// 0-1.
    pub weight: f64,
    pub active: bool,
}

/// A strategic theme and how well the request aligns with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThemeFit {
    pub theme_id: i64,
    /// 0-1.
    pub weight: f64,
    /// 0-1.
    pub alignment: f64,
    pub active: bool,
}

/// Everything that is scored about one request. `accounts` looks facts up by account id.
/// It is called once per distinct requesting account. A `HashMap` works, e.g.
/// `&|id| map.get(&id).copied()`.
#[derive(Clone, Copy)]
pub struct RequestInputs<'a> {
    pub evidence: &'a [Evidence],
    pub accounts: &'a dyn Fn(i64) -> Option<AccountFacts>,
    pub telemetry_users: i64,
    pub themes: &'a [ThemeFit],
    /// Person-weeks, `None` when not estimated.
    pub effort: Option<f64>,
}

/// Who is asking for a request. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemandProfile {
    KeyAccount,
    Broad,
    LongTail,
}

/// Who is asking, from the value carried by KEY accounts, the summed value, how many accounts
/// asked and how many accounts the customer base has. Tiers other than KEY play no part.
pub fn demand_profile(
    key_value: f64,
    value_sum: f64,
    accounts: usize,
    total_accounts: i64,
    profile: &ScoringProfile,
) -> DemandProfile {
    // The requesting accounts are part of the base, even when the base's count lags.
    let base = (total_accounts.max(0) as f64).max(accounts as f64);
    let share = if base > 0.0 {
        accounts as f64 / base
    } else {
        0.0
    };
    if value_sum > 0.0 && key_value / value_sum >= profile.key_share {
        DemandProfile::KeyAccount
    } else if accounts >= profile.broad_min_accounts && share >= profile.broad_min_share {
        DemandProfile::Broad
    } else {
        DemandProfile::LongTail
    }
}

/// The four parts, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    pub value: f64,
    pub reach: f64,
    pub fit: f64,
    pub urgency: f64,
}

/// The result of [`score`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub score: f64,
    pub parts: Parts,
    /// Distinct requesting accounts.
    pub accounts: usize,
    /// Summed ARR of the requesting accounts (minor units).
    pub arr: i64,
    /// Summed ARR of the requesting accounts that are at risk (minor units).
    pub revenue_at_risk: i64,
    pub demand: DemandProfile,
}

/// One account's share of the customer value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AccountContribution {
    pub account_id: i64,
    pub arr: i64,
    pub tier: Option<Tier>,
    /// Importance of the account's strongest feedback.
    pub strongest: Option<Importance>,
    /// The account's most recent feedback.
    pub latest: DateTime<Utc>,
    pub feedback_count: usize,
    pub decay: f64,
    pub contribution: f64,
    pub strongest_feedback_id: i64,
}

/// Why a request scored what it scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Identical, bit for bit, to what [`score`] returns for the same arguments.
    pub score: Score,
    /// `(name, weight, part, weight * part)` for value, reach, fit and urgency.
    pub weighted: [(&'static str, f64, f64, f64); 4],
    /// 1 when the profile does not divide by effort.
    pub effort_divisor: f64,
    /// Largest contribution first. Ties go by account id.
    pub contributions: Vec<AccountContribution>,
    pub value_sum: f64,
    pub account_share: f64,
    pub user_share: f64,
    /// Ascending account ids.
    pub at_risk_accounts: Vec<i64>,
    /// The themes that counted towards the fit, strongest (weight * alignment) first.
    /// Ties go by theme id.
    pub themes: Vec<ThemeFit>,
    /// Strongest feedback of the top `top_n` accounts, in contribution order.
    pub top_feedback: Vec<i64>,
    /// Whether `weighted[..].3`, summed in order and divided by `effort_divisor`, equals
    /// `score.score` exactly.
    pub parts_sum_matches: bool,
}

/// Ranking order: score descending, then request id ascending. This is a total order,
/// so sorting with it is deterministic whatever order the input comes in.
pub fn rank_cmp(a: (f64, i64), b: (f64, i64)) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Scores one request. It is pure and cheap: it needs no allocation after a thread's
/// first call, and it calls `inputs.accounts` once per distinct account.
pub fn score(
    inputs: &RequestInputs,
    base: &CustomerBase,
    profile: &ScoringProfile,
    now: DateTime<Utc>,
) -> Score {
    evaluate(inputs, base, profile, now, |_, _| {}).score
}

/// Scores one request and explains the result. `explain(..).score == score(..)`.
pub fn explain(
    inputs: &RequestInputs,
    base: &CustomerBase,
    profile: &ScoringProfile,
    now: DateTime<Utc>,
    top_n: usize,
) -> Explanation {
    let mut contributions = Vec::new();
    let mut at_risk_accounts = Vec::new();
    let ev = evaluate(inputs, base, profile, now, |c, at_risk| {
        contributions.push(*c);
        if at_risk {
            at_risk_accounts.push(c.account_id);
        }
    });
    contributions.sort_by(|a, b| {
        b.contribution
            .total_cmp(&a.contribution)
            .then(a.account_id.cmp(&b.account_id))
    });
    let top_feedback = contributions
        .iter()
        .take(top_n)
        .map(|c| c.strongest_feedback_id)
        .collect();
    let mut themes: Vec<ThemeFit> = (0..inputs.themes.len())
        .filter_map(|i| theme_counted(inputs.themes, i).map(|_| inputs.themes[i]))
        .collect();
    themes.sort_by(|a, b| {
        theme_strength(b)
            .total_cmp(&theme_strength(a))
            .then(a.theme_id.cmp(&b.theme_id))
    });
    let w = &ev.weighted;
    let resummed = (w[0].3 + w[1].3 + w[2].3 + w[3].3) / ev.divisor;
    Explanation {
        score: ev.score,
        weighted: ev.weighted,
        effort_divisor: ev.divisor,
        contributions,
        value_sum: ev.value_sum,
        account_share: ev.account_share,
        user_share: ev.user_share,
        at_risk_accounts,
        themes,
        top_feedback,
        parts_sum_matches: resummed.to_bits() == ev.score.score.to_bits(),
    }
}

const MS_PER_DAY: f64 = 86_400_000.0;
/// Scratch buffers that grew beyond this many entries are not kept, so one huge request
/// does not pin memory.
const MAX_KEPT_SCRATCH: usize = 4096;

thread_local! {
    static SCRATCH: RefCell<Vec<(i64, usize)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with an empty per-thread buffer. The buffer is taken out of the cell, not
/// borrowed, so a re-entrant call (e.g. from the account lookup) simply gets a fresh one.
fn with_scratch<R>(f: impl FnOnce(&mut Vec<(i64, usize)>) -> R) -> R {
    let mut buf = SCRATCH.try_with(RefCell::take).unwrap_or_default();
    buf.clear();
    let out = f(&mut buf);
    if buf.capacity() <= MAX_KEPT_SCRATCH {
        let _ = SCRATCH.try_with(|cell| cell.replace(buf));
    }
    out
}

/// `x` clamped to [0, 1]. NaN becomes 0.
fn unit(x: f64) -> f64 {
    if x > 0.0 { x.min(1.0) } else { 0.0 }
}

/// `numerator / denominator`, capped at 1. It is 0 when either one is not positive.
fn share(numerator: i64, denominator: i64) -> f64 {
    if numerator > 0 && denominator > 0 {
        unit(numerator as f64 / denominator as f64)
    } else {
        0.0
    }
}

/// `1 - exp(-x / scale)`, in [0, 1]. It is 0 for non-positive or NaN `x`.
fn saturate(x: f64, scale: f64) -> f64 {
    if x > 0.0 {
        unit(-(-x / scale).exp_m1())
    } else {
        0.0
    }
}

fn theme_strength(t: &ThemeFit) -> f64 {
    if t.active {
        unit(t.weight) * unit(t.alignment)
    } else {
        0.0
    }
}

/// `Some(weight * alignment)` if theme `i` counts towards the fit. A theme counts if it is
/// active, it has a positive strength, and no other entry with the same id is stronger
/// (or equally strong and listed earlier).
fn theme_counted(themes: &[ThemeFit], i: usize) -> Option<f64> {
    let p = theme_strength(&themes[i]);
    if p <= 0.0 {
        return None;
    }
    let id = themes[i].theme_id;
    let beaten = themes.iter().enumerate().any(|(j, t)| {
        j != i && t.theme_id == id && {
            let q = theme_strength(t);
            q > p || (q == p && j < i)
        }
    });
    if beaten { None } else { Some(p) }
}

/// Is `e` (with multiplier `m`) a stronger piece of feedback than `best` (multiplier `bm`)?
fn stronger(m: f64, e: &Evidence, bm: f64, best: &Evidence) -> bool {
    m.total_cmp(&bm)
        .then(e.importance.cmp(&best.importance))
        .then(e.occurred_at.cmp(&best.occurred_at))
        .then(best.feedback_id.cmp(&e.feedback_id))
        == Ordering::Greater
}

/// Whether an account is at risk at `today` (see Urgency above), as (renewing: renewal date
/// within the renewal window, unhealthy: health below the threshold).
pub fn at_risk(facts: &AccountFacts, profile: &ScoringProfile, today: NaiveDate) -> (bool, bool) {
    let renewing = facts.renewal_date.is_some_and(|d| {
        let days = d.signed_duration_since(today).num_days();
        (0..=profile.renewal_window_days).contains(&days)
    });
    let unhealthy = facts.health.is_some_and(|h| h < profile.health_threshold);
    (renewing, unhealthy)
}

struct Evaluation {
    score: Score,
    weighted: [(&'static str, f64, f64, f64); 4],
    divisor: f64,
    value_sum: f64,
    account_share: f64,
    user_share: f64,
}

/// The single code path behind [`score`] and [`explain`]. `each` sees every requesting
/// account, in ascending id order, with its at-risk flag.
fn evaluate<F: FnMut(&AccountContribution, bool)>(
    inputs: &RequestInputs,
    base: &CustomerBase,
    profile: &ScoringProfile,
    now: DateTime<Utc>,
    mut each: F,
) -> Evaluation {
    let evidence = inputs.evidence;
    let today = now.date_naive();
    let mut value_sum = 0.0_f64;
    let mut key_value = 0.0_f64;
    let mut accounts = 0_usize;
    let mut arr_sum = 0_i64;
    let mut at_risk_arr = 0_i64;

    with_scratch(|buf| {
        buf.extend(evidence.iter().enumerate().map(|(i, e)| (e.account_id, i)));
        buf.sort_unstable();
        let mut start = 0;
        while start < buf.len() {
            let account_id = buf[start].0;
            let mut end = start + 1;
            while end < buf.len() && buf[end].0 == account_id {
                end += 1;
            }
            let group = &buf[start..end];
            start = end;

            let mut best = &evidence[group[0].1];
            let mut best_m = profile.importance_multiplier(best.importance);
            let mut latest = best.occurred_at;
            for &(_, i) in &group[1..] {
                let e = &evidence[i];
                latest = latest.max(e.occurred_at);
                let m = profile.importance_multiplier(e.importance);
                if stronger(m, e, best_m, best) {
                    best = e;
                    best_m = m;
                }
            }

            let facts = (inputs.accounts)(account_id);
            let arr = facts.map_or(0, |f| f.arr.max(0));
            let tier = facts.and_then(|f| f.tier);
            let age_days = ((now - latest).num_milliseconds() as f64 / MS_PER_DAY).max(0.0);
            let decay = unit((-age_days / profile.half_life_days).exp2());
            let raw = share(arr, base.total_arr) * profile.tier_multiplier(tier) * best_m * decay;
            let contribution = if raw > 0.0 && raw.is_finite() {
                raw
            } else {
                0.0
            };

            let at_risk = facts.is_some_and(|f| {
                let (renewing, unhealthy) = at_risk(&f, profile, today);
                renewing || unhealthy
            });

            accounts += 1;
            arr_sum = arr_sum.saturating_add(arr);
            if at_risk {
                at_risk_arr = at_risk_arr.saturating_add(arr);
            }
            value_sum += contribution;
            if tier == Some(Tier::Key) {
                key_value += contribution;
            }
            each(
                &AccountContribution {
                    account_id,
                    arr,
                    tier,
                    strongest: best.importance,
                    latest,
                    feedback_count: group.len(),
                    decay,
                    contribution,
                    strongest_feedback_id: best.feedback_id,
                },
                at_risk,
            );
        }
    });

    let value = saturate(value_sum, profile.value_scale);

    let account_share = share(
        i64::try_from(accounts).unwrap_or(i64::MAX),
        base.total_accounts,
    );
    let user_share = share(inputs.telemetry_users, base.total_seats);
    let a = unit(profile.reach_account_blend);
    let reach = saturate(
        a * account_share + (1.0 - a) * user_share,
        profile.reach_scale,
    );

    let mut unfit = 1.0_f64;
    for i in 0..inputs.themes.len() {
        if let Some(p) = theme_counted(inputs.themes, i) {
            unfit *= 1.0 - p;
        }
    }
    let fit = unit(1.0 - unfit);

    let urgency = saturate(share(at_risk_arr, base.total_arr), profile.urgency_scale);

    let divisor = if profile.divide_by_effort {
        let effort = match inputs.effort {
            Some(e) if e.is_finite() && e >= 0.0 => e,
            _ => profile.default_effort,
        };
        let d = effort.max(profile.min_effort);
        if d > 0.0 && d.is_finite() { d } else { 1.0 }
    } else {
        1.0
    };

    let weighted = [
        ("value", profile.w_value, value, profile.w_value * value),
        ("reach", profile.w_reach, reach, profile.w_reach * reach),
        ("fit", profile.w_fit, fit, profile.w_fit * fit),
        (
            "urgency",
            profile.w_urgency,
            urgency,
            profile.w_urgency * urgency,
        ),
    ];
    let total = (weighted[0].3 + weighted[1].3 + weighted[2].3 + weighted[3].3) / divisor;

    let demand = demand_profile(key_value, value_sum, accounts, base.total_accounts, profile);

    Evaluation {
        score: Score {
            score: total,
            parts: Parts {
                value,
                reach,
                fit,
                urgency,
            },
            accounts,
            arr: arr_sum,
            revenue_at_risk: at_risk_arr,
            demand,
        },
        weighted,
        divisor,
        value_sum,
        account_share,
        user_share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};
    use proptest::prelude::*;
    use proptest::sample::Index;

    const CENTS: i64 = 100;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0)
            .single()
            .expect("valid time")
    }

    fn days_ago(d: i64) -> DateTime<Utc> {
        now() - TimeDelta::days(d)
    }

    fn in_days(d: i64) -> NaiveDate {
        now().date_naive() + TimeDelta::days(d)
    }

    /// 200 accounts, 20M ARR, 10k seats.
    fn realistic_base() -> CustomerBase {
        CustomerBase {
            total_arr: 20_000_000 * CENTS,
            total_accounts: 200,
            total_seats: 10_000,
        }
    }

    fn account(id: i64, arr_units: i64, tier: Option<Tier>) -> AccountFacts {
        AccountFacts {
            account_id: id,
            arr: arr_units * CENTS,
            tier,
            seats: 50,
            renewal_date: None,
            health: None,
        }
    }

    fn ev(
        feedback_id: i64,
        account_id: i64,
        imp: Option<Importance>,
        at: DateTime<Utc>,
    ) -> Evidence {
        Evidence {
            feedback_id,
            account_id,
            importance: imp,
            occurred_at: at,
        }
    }

    fn theme(theme_id: i64, weight: f64, alignment: f64, active: bool) -> ThemeFit {
        ThemeFit {
            theme_id,
            weight,
            alignment,
            active,
        }
    }

    #[derive(Debug, Clone)]
    struct World {
        base: CustomerBase,
        accounts: Vec<AccountFacts>,
    }

    #[derive(Debug, Clone, Default)]
    struct Req {
        evidence: Vec<Evidence>,
        telemetry: i64,
        themes: Vec<ThemeFit>,
        effort: Option<f64>,
    }

    impl Req {
        fn asked_by(evidence: Vec<Evidence>) -> Self {
            Self {
                evidence,
                ..Self::default()
            }
        }
    }

    impl World {
        fn new(base: CustomerBase, accounts: Vec<AccountFacts>) -> Self {
            Self { base, accounts }
        }

        fn lookup(&self, id: i64) -> Option<AccountFacts> {
            self.accounts.iter().find(|a| a.account_id == id).copied()
        }

        fn score(&self, r: &Req, p: &ScoringProfile) -> Score {
            let lookup = |id| self.lookup(id);
            let inputs = RequestInputs {
                evidence: &r.evidence,
                accounts: &lookup,
                telemetry_users: r.telemetry,
                themes: &r.themes,
                effort: r.effort,
            };
            score(&inputs, &self.base, p, now())
        }

        fn explain(&self, r: &Req, p: &ScoringProfile, top_n: usize) -> Explanation {
            let lookup = |id| self.lookup(id);
            let inputs = RequestInputs {
                evidence: &r.evidence,
                accounts: &lookup,
                telemetry_users: r.telemetry,
                themes: &r.themes,
                effort: r.effort,
            };
            explain(&inputs, &self.base, p, now(), top_n)
        }
    }

    // ---------------------------------------------------------------- unit tests

    #[test]
    fn default_profile_is_valid_and_weights_sum_to_one() {
        let p = ScoringProfile::default();
        assert_eq!(p.validate(), Ok(()));
        assert!((p.w_value + p.w_reach + p.w_fit + p.w_urgency - 1.0).abs() < 1e-12);
    }

    /// The rows of the markdown table between `<!-- {marker}:begin` and `<!-- {marker}:end`.
    fn doc_table<'a>(doc: &'a str, marker: &str) -> Vec<Vec<&'a str>> {
        let begin = doc
            .find(&format!("<!-- {marker}:begin"))
            .unwrap_or_else(|| panic!("docs/scoring.md lacks the {marker} table"));
        let end = doc[begin..]
            .find(&format!("<!-- {marker}:end"))
            .map(|at| begin + at)
            .unwrap_or_else(|| panic!("the {marker} table does not end"));
        doc[begin..end]
            .lines()
            .filter(|l| l.starts_with('|'))
            .skip(2) // header and separator
            .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
            .collect()
    }

    #[test]
    fn the_scoring_doc_matches_the_code() {
        let doc = include_str!("../../docs/scoring.md");
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains("(docs/scoring.md)"),
            "the README links the scoring doc"
        );
        let p = ScoringProfile::default();
        let summary = format!(
            "score = ({} * customer value + {} * reach + {} * strategic fit + {} * urgency)",
            p.w_value, p.w_reach, p.w_fit, p.w_urgency
        );
        assert!(readme.contains(&summary), "the README's formula: {summary}");
        for quoted in [
            format!("half-life {} days", p.half_life_days),
            format!("renewing within {} days", p.renewal_window_days),
        ] {
            assert!(readme.contains(&quoted), "the README says {quoted:?}");
        }
        assert!(
            !p.divide_by_effort,
            "the README says the default does not divide by effort"
        );

        // The default profile's table: every parameter, with the value the code ships.
        let serde_json::Value::Object(defaults) =
            serde_json::to_value(ScoringProfile::default()).expect("json")
        else {
            panic!("a profile is a JSON object");
        };
        let mut documented = Vec::new();
        for row in doc_table(doc, "default-profile") {
            let name = row[0].trim_matches('`');
            let code = defaults
                .get(name)
                .unwrap_or_else(|| panic!("docs/scoring.md documents `{name}`, not in the code"));
            let same = match code {
                serde_json::Value::Bool(b) => row[1].parse::<bool>().ok() == Some(*b),
                other => row[1].parse::<f64>().ok() == other.as_f64(),
            };
            assert!(
                same,
                "`{name}`: docs/scoring.md says {}, the code {code}",
                row[1]
            );
            documented.push(name.to_owned());
        }
        let mut in_code: Vec<String> = defaults.keys().filter(|k| *k != "name").cloned().collect();
        in_code.sort();
        documented.sort();
        assert_eq!(
            documented, in_code,
            "docs/scoring.md documents every parameter once"
        );

        // The worked example, scored by the code (its inputs are the doc's prose).
        let mut key = account(1, 1_500_000, Some(Tier::Key));
        key.renewal_date = Some(in_days(60));
        let mut accounts = vec![key];
        accounts.extend((2..=5).map(|id| account(id, 100_000, Some(Tier::Standard))));
        let w = World::new(realistic_base(), accounts);
        let mut evidence = vec![ev(1, 1, Some(Importance::Important), days_ago(30))];
        evidence.extend((2..=5).map(|id| ev(id, id, None, now())));
        let mut r = Req {
            evidence,
            telemetry: 300,
            themes: vec![theme(1, 0.8, 0.5, true)],
            effort: None,
        };
        let e = w.explain(&r, &p, 3);
        assert_eq!(e.score.demand, DemandProfile::KeyAccount);
        let rows = doc_table(doc, "example");
        let three = |x: f64| format!("{x:.3}");
        for (row, (_, weight, part, weighted)) in rows.iter().zip(e.weighted) {
            assert_eq!(
                (row[1], row[2], row[3]),
                (
                    three(part).as_str(),
                    weight.to_string().as_str(),
                    three(weighted).as_str()
                ),
                "example row {row:?}"
            );
        }
        let score = rows
            .get(4)
            .map(|row| row[3].trim_matches('*'))
            .expect("a score row");
        assert_eq!(score, three(e.score.score));
        let key_share = e.contributions[0].contribution / e.value_sum;
        assert!(doc.contains(&format!("carries {:.0}% of the value", key_share * 100.0)));

        let per_effort = ScoringProfile {
            divide_by_effort: true,
            ..ScoringProfile::default()
        };
        r.effort = Some(4.0);
        let divided = w.score(&r, &per_effort).score;
        assert!(
            doc.contains(&format!("{score} / 4 = {}", three(divided))),
            "divided by effort: {divided}"
        );
    }

    #[test]
    fn single_key_account_outranks_several_small_standard_accounts() {
        let p = ScoringProfile::default();
        let mut accounts = vec![account(1, 1_500_000, Some(Tier::Key))];
        accounts.extend((2..=5).map(|id| account(id, 50_000, Some(Tier::Standard))));
        let w = World::new(realistic_base(), accounts);
        let key = Req::asked_by(vec![ev(1, 1, Some(Importance::Important), days_ago(10))]);
        for imp in [Importance::Important, Importance::Critical] {
            let small = Req::asked_by(
                (2..=5)
                    .map(|id| ev(10 + id, id, Some(imp), days_ago(10)))
                    .collect(),
            );
            let (k, s) = (w.score(&key, &p), w.score(&small, &p));
            assert!(k.score > s.score, "key {k:?} vs small {s:?}");
            assert_eq!(rank_cmp((k.score, 2), (s.score, 1)), Ordering::Less);
            assert_eq!((k.accounts, s.accounts), (1, 4));
        }
    }

    #[test]
    fn many_accounts_outrank_a_single_small_one() {
        let p = ScoringProfile::default();
        let accounts = (1..=13)
            .map(|id| account(id, 50_000, Some(Tier::Standard)))
            .collect();
        let w = World::new(realistic_base(), accounts);
        let many = Req::asked_by(
            (1..=12)
                .map(|id| ev(id, id, Some(Importance::NiceToHave), days_ago(30)))
                .collect(),
        );
        let one = Req::asked_by(vec![ev(100, 13, Some(Importance::Critical), days_ago(1))]);
        let (m, o) = (w.score(&many, &p), w.score(&one, &p));
        assert!(m.score > o.score, "many {m:?} vs one {o:?}");
        assert!(m.parts.reach > o.parts.reach);
    }

    #[test]
    fn decay_halves_a_contribution_after_one_half_life() {
        let p = ScoringProfile::default();
        let w = World::new(
            realistic_base(),
            vec![account(1, 400_000, Some(Tier::Important))],
        );
        let at = |days: i64| {
            let r = Req::asked_by(vec![ev(1, 1, Some(Importance::Important), days_ago(days))]);
            w.explain(&r, &p, 1).contributions[0]
        };
        let fresh = at(0);
        let one = at(180);
        let two = at(360);
        assert_eq!(fresh.decay, 1.0);
        assert_eq!(one.decay, 0.5);
        assert_eq!(two.decay, 0.25);
        assert_eq!(one.contribution, fresh.contribution / 2.0);
        assert_eq!(two.contribution, fresh.contribution / 4.0);
        // ARR share 2% x tier 1.5 x importance 1.0.
        assert!((fresh.contribution - 0.03).abs() < 1e-12);
        // Feedback dated in the future does not get a bonus.
        let r = Req::asked_by(vec![ev(1, 1, None, now() + TimeDelta::days(3))]);
        assert_eq!(w.explain(&r, &p, 1).contributions[0].decay, 1.0);
    }

    #[test]
    fn urgency_counts_renewals_within_the_window_and_low_health() {
        let p = ScoringProfile::default();
        let with = |id: i64, renewal: Option<i64>, health: Option<i32>| AccountFacts {
            renewal_date: renewal.map(in_days),
            health,
            ..account(id, 100_000, Some(Tier::Standard))
        };
        let accounts = vec![
            with(1, Some(30), Some(90)),  // renews within the window
            with(2, Some(120), Some(90)), // renews after the window
            with(3, Some(-1), None),      // renewal date already passed
            with(4, None, Some(20)),      // unhealthy
            with(5, None, Some(50)),      // at the threshold, not below it
            with(6, None, None),          // nothing known
            with(7, Some(0), None),       // renews today
            with(8, Some(90), None),      // last day of the window
            with(9, Some(91), Some(49)),  // outside the window but unhealthy
        ];
        let w = World::new(realistic_base(), accounts);
        let r = Req::asked_by((1..=9).map(|id| ev(id, id, None, days_ago(5))).collect());
        let e = w.explain(&r, &p, 0);
        assert_eq!(e.at_risk_accounts, vec![1, 4, 7, 8, 9]);
        assert_eq!(e.score.revenue_at_risk, 5 * 100_000 * CENTS);
        assert_eq!(e.score.arr, 9 * 100_000 * CENTS);
        let expected = 1.0 - (-(500_000.0 / 20_000_000.0) / p.urgency_scale).exp();
        assert!((e.score.parts.urgency - expected).abs() < 1e-12);
        // No at-risk account means no urgency.
        let calm = Req::asked_by(vec![
            ev(1, 2, None, days_ago(1)),
            ev(2, 6, None, days_ago(1)),
        ]);
        assert_eq!(w.score(&calm, &p).parts.urgency, 0.0);
    }

    #[test]
    fn demand_profiles() {
        let p = ScoringProfile::default();
        let accounts = vec![
            account(1, 1_000_000, Some(Tier::Key)),
            account(2, 50_000, Some(Tier::Standard)),
            account(3, 60_000, Some(Tier::Standard)),
            account(4, 70_000, Some(Tier::Important)),
            account(5, 80_000, Some(Tier::Standard)),
            account(6, 90_000, Some(Tier::Standard)),
            account(7, 100_000, None),
            account(8, 2_000_000, Some(Tier::Important)),
            account(9, 2_000_000, Some(Tier::Important)),
        ];
        let w = World::new(realistic_base(), accounts);
        let asked = |ids: &[i64]| {
            let r = Req::asked_by(
                ids.iter()
                    .map(|&id| ev(id, id, None, days_ago(3)))
                    .collect(),
            );
            w.score(&r, &p).demand
        };
        assert_eq!(asked(&[1, 2]), DemandProfile::KeyAccount);
        assert_eq!(asked(&[1, 2, 3, 4, 5, 6]), DemandProfile::KeyAccount);
        // Five of 200 accounts: 2.5% of the base, a niche ask whatever the tiers.
        assert_eq!(asked(&[2, 3, 4, 5, 6]), DemandProfile::LongTail);
        assert_eq!(asked(&[1, 8, 9, 2, 3]), DemandProfile::LongTail);
        assert_eq!(asked(&[]), DemandProfile::LongTail);
        // The same five in a base of 60 (8%): broad, also when all are STANDARD or unknown.
        let small_base = CustomerBase {
            total_accounts: 60,
            ..realistic_base()
        };
        let w = World::new(small_base, w.accounts.clone());
        let asked = |ids: &[i64]| {
            let r = Req::asked_by(
                ids.iter()
                    .map(|&id| ev(id, id, None, days_ago(3)))
                    .collect(),
            );
            w.score(&r, &p).demand
        };
        assert_eq!(asked(&[2, 3, 4, 5, 6]), DemandProfile::Broad);
        assert_eq!(asked(&[2, 3, 5, 6, 7]), DemandProfile::Broad, "one tier");
        assert_eq!(asked(&[1, 8, 9, 2, 3]), DemandProfile::Broad);
        // Four accounts are a few, whatever their share.
        assert_eq!(asked(&[2, 3, 4, 5]), DemandProfile::LongTail);
    }

    /// The issue's case: 30 STANDARD accounts, a third of the base, are BROAD, and moving one
    /// of them to IMPORTANT changes nothing; three small customers stay LONG_TAIL.
    #[test]
    fn broad_follows_how_many_accounts_ask_not_their_tiers() {
        let p = ScoringProfile::default();
        let d = |accounts: usize, total: i64| demand_profile(0.0, 1.0, accounts, total, &p);
        assert_eq!(d(30, 90), DemandProfile::Broad);
        assert_eq!(d(3, 90), DemandProfile::LongTail, "a niche ask of a few");
        assert_eq!(
            d(4, 10),
            DemandProfile::LongTail,
            "a few, even of a tiny base"
        );
        assert_eq!(d(5, 100), DemandProfile::Broad);
        assert_eq!(d(49, 1000), DemandProfile::LongTail);
        assert_eq!(d(50, 1000), DemandProfile::Broad);
        // A base count that lags the accounts asking: they are the base.
        assert_eq!(d(6, 0), DemandProfile::Broad);
        let base = CustomerBase {
            total_arr: 9_000_000 * CENTS,
            total_accounts: 90,
            total_seats: 9_000,
        };
        let standard: Vec<AccountFacts> = (1..=30)
            .map(|id| account(id, 100_000, Some(Tier::Standard)))
            .collect();
        let mut one_important = standard.clone();
        one_important[0].tier = Some(Tier::Important);
        let req = Req::asked_by((1..=30).map(|id| ev(id, id, None, days_ago(3))).collect());
        for accounts in [standard, one_important] {
            let w = World::new(base, accounts);
            assert_eq!(w.score(&req, &p).demand, DemandProfile::Broad);
        }
    }

    proptest! {
        /// Without key accounts carrying the value, the label depends on how many accounts
        /// ask and the size of the base only: any other tiers give the same label, and one
        /// more account asking never makes a broad request long-tail.
        #[test]
        fn demand_ignores_non_key_tiers_and_grows_with_accounts(
            tiers in proptest::collection::vec(0u8..3, 0..40),
            other in proptest::collection::vec(0u8..3, 40),
            total in 0i64..500,
        ) {
            let p = ScoringProfile::default();
            let tier = |t: u8| match t {
                0 => Some(Tier::Important),
                1 => Some(Tier::Standard),
                _ => None,
            };
            let base = CustomerBase { total_arr: 10_000_000 * CENTS, total_accounts: total, total_seats: 1_000 };
            let label = |ts: &[u8]| {
                let accounts: Vec<AccountFacts> = ts.iter().zip(1..)
                    .map(|(&t, id)| account(id, 50_000, tier(t)))
                    .collect();
                let ids: Vec<i64> = accounts.iter().map(|a| a.account_id).collect();
                let w = World::new(base, accounts);
                let r = Req::asked_by(ids.iter().map(|&id| ev(id, id, None, days_ago(3))).collect());
                w.score(&r, &p).demand
            };
            let before = label(&tiers);
            prop_assert_ne!(before, DemandProfile::KeyAccount);
            prop_assert_eq!(before, label(&other[..tiers.len()]));
            let mut more = tiers.clone();
            more.push(1);
            if before == DemandProfile::Broad {
                prop_assert_eq!(label(&more), DemandProfile::Broad);
            }
        }
    }

    #[test]
    fn validation_errors_name_the_field() {
        let p = ScoringProfile {
            name: " ".to_owned(),
            w_value: -1.0,
            w_fit: f64::INFINITY,
            tier_key: 1.0,
            tier_important: 2.0,
            half_life_days: f64::NAN,
            value_scale: 0.0,
            reach_account_blend: 1.5,
            renewal_window_days: -1,
            health_threshold: 101,
            min_effort: -0.5,
            key_share: 0.0,
            broad_min_accounts: 0,
            broad_min_share: 1.5,
            ..ScoringProfile::default()
        };
        let errs = p.validate().expect_err("invalid profile");
        let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "w_value",
                "w_fit",
                "tier_key",
                "half_life_days",
                "value_scale",
                "min_effort",
                "reach_account_blend",
                "renewal_window_days",
                "health_threshold",
                "key_share",
                "broad_min_accounts",
                "broad_min_share"
            ]
        );
        assert!(errs.iter().all(|(_, reason)| !reason.is_empty()));
        assert!(errs[3].1.contains("tier_important"), "{:?}", errs[3]);
    }

    #[test]
    fn zero_totals_give_zero_parts_not_nan() {
        let p = ScoringProfile {
            divide_by_effort: true,
            ..ScoringProfile::default()
        };
        let zero = CustomerBase {
            total_arr: 0,
            total_accounts: 0,
            total_seats: 0,
        };
        let w = World::new(zero, vec![account(1, 1_000, Some(Tier::Key))]);
        let r = Req {
            evidence: vec![ev(1, 1, Some(Importance::Critical), days_ago(1))],
            telemetry: 40,
            ..Req::default()
        };
        let e = w.explain(&r, &p, 5);
        let s = e.score;
        assert_eq!(
            s.parts,
            Parts {
                value: 0.0,
                reach: 0.0,
                fit: 0.0,
                urgency: 0.0
            }
        );
        assert_eq!(s.score, 0.0);
        assert_eq!(
            (e.value_sum, e.account_share, e.user_share),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(s.demand, DemandProfile::LongTail);
        assert!(e.parts_sum_matches);
    }

    #[test]
    fn duplicate_tickets_from_one_account_are_one_accounts_demand() {
        let p = ScoringProfile::default();
        let w = World::new(
            realistic_base(),
            vec![account(1, 300_000, Some(Tier::Standard))],
        );
        let one = Req::asked_by(vec![ev(1, 1, Some(Importance::Important), days_ago(2))]);
        let fifty = Req::asked_by(
            (1..=50)
                .map(|i| ev(i, 1, Some(Importance::Important), days_ago(1 + i)))
                .collect(),
        );
        let (a, b) = (w.explain(&one, &p, 3), w.explain(&fifty, &p, 3));
        assert_eq!(a.score, b.score);
        assert_eq!(b.contributions[0].feedback_count, 50);
        assert_eq!(b.top_feedback, vec![1]);
    }

    #[test]
    fn strongest_feedback_by_multiplier_then_recency_then_id() {
        let p = ScoringProfile::default();
        let w = World::new(
            realistic_base(),
            vec![account(1, 300_000, Some(Tier::Standard))],
        );
        let strongest = |evidence: Vec<Evidence>| {
            let c = w.explain(&Req::asked_by(evidence), &p, 1).contributions[0];
            (c.strongest, c.strongest_feedback_id, c.latest)
        };
        // Old critical beats a new nice-to-have, but "latest" is still the newest.
        assert_eq!(
            strongest(vec![
                ev(5, 1, Some(Importance::NiceToHave), days_ago(1)),
                ev(6, 1, Some(Importance::Critical), days_ago(100)),
                ev(7, 1, None, days_ago(50)),
            ]),
            (Some(Importance::Critical), 6, days_ago(1))
        );
        // Unspecified (0.8) beats nice-to-have (0.5) under the default profile.
        assert_eq!(
            strongest(vec![
                ev(5, 1, Some(Importance::NiceToHave), days_ago(1)),
                ev(7, 1, None, days_ago(50)),
            ]),
            (None, 7, days_ago(1))
        );
        // Same importance: the more recent one, then the smaller id.
        assert_eq!(
            strongest(vec![
                ev(9, 1, Some(Importance::Important), days_ago(10)),
                ev(8, 1, Some(Importance::Important), days_ago(20)),
            ])
            .1,
            9
        );
        assert_eq!(
            strongest(vec![
                ev(9, 1, Some(Importance::Important), days_ago(10)),
                ev(4, 1, Some(Importance::Important), days_ago(10)),
            ])
            .1,
            4
        );
    }

    #[test]
    fn effort_divides_only_when_the_profile_says_so() {
        let plain = ScoringProfile::default();
        let per_effort = ScoringProfile {
            divide_by_effort: true,
            ..ScoringProfile::default()
        };
        let w = World::new(realistic_base(), vec![account(1, 300_000, Some(Tier::Key))]);
        let mut r = Req::asked_by(vec![ev(1, 1, Some(Importance::Important), days_ago(2))]);
        let undivided = w.score(&r, &plain).score;
        for (effort, divisor) in [
            (Some(4.0), 4.0),
            (None, 2.0),
            (Some(0.1), 0.5),
            (Some(0.0), 0.5),
        ] {
            r.effort = effort;
            assert_eq!(w.score(&r, &plain).score, undivided);
            let e = w.explain(&r, &per_effort, 1);
            assert_eq!(e.effort_divisor, divisor);
            assert_eq!(e.score.score, undivided / divisor);
            assert!(e.parts_sum_matches);
        }
    }

    #[test]
    fn fit_combines_active_themes_only_and_counts_a_theme_once() {
        let p = ScoringProfile::default();
        let w = World::new(realistic_base(), vec![]);
        let r = Req {
            themes: vec![
                theme(2, 1.0, 0.5, true),
                theme(1, 0.5, 1.0, true),
                theme(3, 1.0, 1.0, false),
                theme(1, 0.5, 0.2, true),
                theme(4, 0.0, 1.0, true),
            ],
            ..Req::default()
        };
        let e = w.explain(&r, &p, 3);
        assert_eq!(e.score.parts.fit, 1.0 - 0.5 * 0.5);
        let ids: Vec<i64> = e.themes.iter().map(|t| t.theme_id).collect();
        assert_eq!(ids, vec![1, 2]);
        assert_eq!(e.score.score, p.w_fit * 0.75);
    }

    #[test]
    fn no_evidence_scores_only_telemetry_and_themes() {
        let p = ScoringProfile::default();
        let w = World::new(realistic_base(), vec![]);
        let r = Req {
            telemetry: 1_000,
            ..Req::default()
        };
        let e = w.explain(&r, &p, 3);
        assert_eq!(
            (e.score.accounts, e.score.parts.value, e.score.parts.urgency),
            (0, 0.0, 0.0)
        );
        assert_eq!(e.user_share, 0.1);
        let expected = 1.0 - (-(0.4 * 0.1) / p.reach_scale).exp();
        assert!((e.score.parts.reach - expected).abs() < 1e-12);
        assert!(e.contributions.is_empty() && e.top_feedback.is_empty());
    }

    #[test]
    fn explanation_lists_top_feedback_in_contribution_order() {
        let p = ScoringProfile::default();
        let accounts = vec![
            account(1, 100_000, Some(Tier::Standard)),
            account(2, 900_000, Some(Tier::Key)),
            account(3, 400_000, Some(Tier::Important)),
            account(4, 100_000, Some(Tier::Standard)),
        ];
        let w = World::new(realistic_base(), accounts);
        let r = Req::asked_by(vec![
            ev(10, 1, None, days_ago(1)),
            ev(20, 2, Some(Importance::NiceToHave), days_ago(1)),
            ev(21, 2, Some(Importance::Critical), days_ago(9)),
            ev(30, 3, Some(Importance::Important), days_ago(1)),
            ev(40, 4, None, days_ago(1)),
        ]);
        let e = w.explain(&r, &p, 3);
        let order: Vec<i64> = e.contributions.iter().map(|c| c.account_id).collect();
        // Accounts 1 and 4 tie, so the smaller id comes first.
        assert_eq!(order, vec![2, 3, 1, 4]);
        assert_eq!(e.top_feedback, vec![21, 30, 10]);
        assert_eq!(e.score, w.score(&r, &p));
        assert_eq!(
            e.weighted.map(|w| w.0),
            ["value", "reach", "fit", "urgency"]
        );
        assert!(e.parts_sum_matches);
        let sum: f64 = e.contributions.iter().map(|c| c.contribution).sum();
        assert!((sum - e.value_sum).abs() < 1e-12);
    }

    #[test]
    fn rank_cmp_orders_by_score_desc_then_id_asc() {
        let mut v = vec![(0.5, 3), (0.7, 9), (0.5, 1), (0.0, 2)];
        v.sort_by(|a, b| rank_cmp(*a, *b));
        assert_eq!(v, vec![(0.7, 9), (0.5, 1), (0.5, 3), (0.0, 2)]);
    }

    // ---------------------------------------------------------------- property tests

    fn importance() -> impl Strategy<Value = Option<Importance>> {
        prop::option::of(prop_oneof![
            Just(Importance::NiceToHave),
            Just(Importance::Important),
            Just(Importance::Critical),
        ])
    }

    fn tier() -> impl Strategy<Value = Option<Tier>> {
        prop::option::of(prop_oneof![
            Just(Tier::Key),
            Just(Tier::Important),
            Just(Tier::Standard)
        ])
    }

    /// Accounts 1..=n (n < 12). The totals are drawn independently, so they include zero and
    /// inconsistent values (e.g. one account larger than the total).
    fn world() -> impl Strategy<Value = World> {
        let facts = (
            0i64..50_000_000,
            tier(),
            0i64..500,
            prop::option::of(-200i64..400),
            prop::option::of(0i32..=100),
        );
        (
            prop::collection::vec(facts, 0..12),
            0i64..1_000_000_000,
            0i64..400,
            0i64..20_000,
        )
            .prop_map(|(facts, total_arr, total_accounts, total_seats)| World {
                base: CustomerBase {
                    total_arr,
                    total_accounts,
                    total_seats,
                },
                accounts: facts
                    .into_iter()
                    .zip(1..)
                    .map(
                        |((arr, tier, seats, renewal, health), account_id)| AccountFacts {
                            account_id,
                            arr,
                            tier,
                            seats,
                            renewal_date: renewal.map(in_days),
                            health,
                        },
                    )
                    .collect(),
            })
    }

    /// Evidence from accounts 1..=15: some of them are unknown to the world.
    fn request() -> impl Strategy<Value = Req> {
        let evidence = (1i64..=15, importance(), -86_400i64..400 * 86_400);
        let themes = (0.0f64..=1.0, 0.0f64..=1.0, any::<bool>());
        (
            prop::collection::vec(evidence, 0..20),
            0i64..30_000,
            prop::collection::vec(themes, 0..5),
            prop::option::of(0.0f64..30.0),
        )
            .prop_map(|(evidence, telemetry, themes, effort)| Req {
                evidence: evidence
                    .into_iter()
                    .zip(1..)
                    .map(|((account_id, imp, secs), id)| {
                        ev(id, account_id, imp, now() - TimeDelta::seconds(secs))
                    })
                    .collect(),
                telemetry,
                themes: themes
                    .into_iter()
                    .zip(1..)
                    .map(|((weight, alignment, active), id)| theme(id, weight, alignment, active))
                    .collect(),
                effort,
            })
    }

    /// Either the shipped default or any valid profile.
    fn profile() -> impl Strategy<Value = ScoringProfile> {
        let weights = (0.0f64..2.0, 0.0f64..2.0, 0.0f64..2.0, 0.0f64..2.0);
        let tiers = (0.0f64..2.0, 0.0f64..2.0, 0.0f64..3.0, 0.0f64..3.0);
        let imps = (0.0f64..2.0, 0.0f64..2.0, 0.0f64..3.0, 0.0f64..3.0);
        let scales = (
            1.0f64..720.0,
            0.01f64..2.0,
            0.01f64..2.0,
            0.0f64..=1.0,
            0.01f64..2.0,
        );
        let rest = (
            0i64..365,
            0i32..=100,
            any::<bool>(),
            0.1f64..10.0,
            0.1f64..5.0,
            0.05f64..=1.0,
            1usize..10,
            0.0f64..=1.0,
        );
        let random =
            (weights, tiers, imps, scales, rest).prop_map(|(w, t, i, s, r)| ScoringProfile {
                name: "random".to_owned(),
                w_value: w.0,
                w_reach: w.1,
                w_fit: w.2,
                w_urgency: w.3,
                tier_standard: t.0,
                tier_important: t.0 + t.1,
                tier_key: t.0 + t.1 + t.2,
                tier_unknown: t.3,
                imp_nice: i.0,
                imp_important: i.0 + i.1,
                imp_critical: i.0 + i.1 + i.2,
                imp_unspecified: i.3,
                half_life_days: s.0,
                value_scale: s.1,
                reach_scale: s.2,
                reach_account_blend: s.3,
                urgency_scale: s.4,
                renewal_window_days: r.0,
                health_threshold: r.1,
                divide_by_effort: r.2,
                default_effort: r.3,
                min_effort: r.4,
                key_share: r.5,
                broad_min_accounts: r.6,
                broad_min_share: r.7,
            });
        prop_oneof![Just(ScoringProfile::default()), random]
    }

    fn scenario() -> impl Strategy<Value = (World, Req, ScoringProfile)> {
        (world(), request(), profile())
    }

    fn parts(s: &Score) -> [f64; 4] {
        [s.parts.value, s.parts.reach, s.parts.fit, s.parts.urgency]
    }

    /// `after` is at least `before`, in the score and in every part.
    fn not_lower(before: &Score, after: &Score) -> Result<(), TestCaseError> {
        prop_assert!(
            after.score >= before.score,
            "score fell: {before:?} -> {after:?}"
        );
        for (b, a) in parts(before).into_iter().zip(parts(after)) {
            prop_assert!(a >= b, "a part fell: {before:?} -> {after:?}");
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parts_are_in_unit_interval_and_explanation_adds_up((w, r, p) in scenario()) {
            prop_assert_eq!(p.validate(), Ok(()));
            let s = w.score(&r, &p);
            for x in parts(&s) {
                prop_assert!((0.0..=1.0).contains(&x), "{s:?}");
            }
            prop_assert!(s.score.is_finite() && s.score >= 0.0);
            let e = w.explain(&r, &p, 3);
            prop_assert_eq!(e.score, s);
            prop_assert_eq!(e.score.score.to_bits(), s.score.to_bits());
            prop_assert!(e.parts_sum_matches);
            let x = &e.weighted;
            let sum = x[0].3 + x[1].3 + x[2].3 + x[3].3;
            prop_assert_eq!((sum / e.effort_divisor).to_bits(), s.score.to_bits());
            prop_assert_eq!(e.contributions.len(), s.accounts);
            prop_assert!(e.top_feedback.len() <= 3);
            for pair in e.contributions.windows(2) {
                prop_assert!(
                    pair[0].contribution > pair[1].contribution
                        || (pair[0].contribution == pair[1].contribution
                            && pair[0].account_id < pair[1].account_id)
                );
            }
            let feedback = e.contributions.iter().map(|c| c.feedback_count).sum::<usize>();
            prop_assert_eq!(feedback, r.evidence.len());
        }

        #[test]
        fn another_feedback_or_account_never_lowers_the_score(
            (w, r, p) in scenario(),
            account_id in 1i64..=15,
            imp in importance(),
            secs in -86_400i64..400 * 86_400,
        ) {
            let mut more = r.clone();
            more.evidence.push(ev(10_000, account_id, imp, now() - TimeDelta::seconds(secs)));
            not_lower(&w.score(&r, &p), &w.score(&more, &p))?;
        }

        #[test]
        fn a_stronger_importance_never_lowers_the_score(
            (w, r, p) in scenario(),
            idx in any::<Index>(),
            candidate in importance(),
        ) {
            if r.evidence.is_empty() {
                return Ok(());
            }
            let k = idx.index(r.evidence.len());
            let old = r.evidence[k].importance;
            let stronger = if p.importance_multiplier(candidate) >= p.importance_multiplier(old) {
                candidate
            } else {
                old
            };
            let mut more = r.clone();
            more.evidence[k].importance = stronger;
            not_lower(&w.score(&r, &p), &w.score(&more, &p))?;
        }

        #[test]
        fn a_more_recent_time_never_lowers_the_score(
            (w, r, p) in scenario(),
            idx in any::<Index>(),
            secs in 0i64..400 * 86_400,
        ) {
            if r.evidence.is_empty() {
                return Ok(());
            }
            let k = idx.index(r.evidence.len());
            let mut more = r.clone();
            more.evidence[k].occurred_at += TimeDelta::seconds(secs);
            not_lower(&w.score(&r, &p), &w.score(&more, &p))?;
        }

        #[test]
        fn more_telemetry_users_never_lower_the_score(
            (w, r, p) in scenario(),
            extra in 0i64..20_000,
        ) {
            let mut more = r.clone();
            more.telemetry += extra;
            not_lower(&w.score(&r, &p), &w.score(&more, &p))?;
        }

        #[test]
        fn another_aligned_active_theme_never_lowers_the_score(
            (w, r, p) in scenario(),
            weight in 0.0f64..=1.0,
            alignment in 0.0f64..=1.0,
        ) {
            let mut more = r.clone();
            more.themes.push(theme(1_000, weight, alignment, true));
            not_lower(&w.score(&r, &p), &w.score(&more, &p))?;
        }

        #[test]
        fn duplicate_tickets_from_one_account_add_no_value(
            (w, r, p) in scenario(),
            idx in any::<Index>(),
            copies in 1i64..50,
            candidate in importance(),
            older in 0i64..400 * 86_400,
        ) {
            if r.evidence.is_empty() {
                return Ok(());
            }
            let original = r.evidence[idx.index(r.evidence.len())];
            // Same account, no stronger and no newer than a ticket it already filed.
            let weaker = if p.importance_multiplier(candidate) <= p.importance_multiplier(original.importance) {
                candidate
            } else {
                original.importance
            };
            let mut dup = r.clone();
            for c in 0..copies {
                let at = original.occurred_at - TimeDelta::seconds(older * (c % 2));
                let imp = if c % 2 == 0 { original.importance } else { weaker };
                dup.evidence.push(ev(20_000 + c, original.account_id, imp, at));
            }
            let (a, b) = (w.score(&r, &p), w.score(&dup, &p));
            prop_assert_eq!(a.score.to_bits(), b.score.to_bits());
            prop_assert_eq!(a, b);
        }

        #[test]
        fn score_is_a_pure_function_of_its_own_inputs(
            (w, r, p) in scenario(),
            other in request(),
            bump in 1i64..1_000_000,
        ) {
            let first = w.score(&r, &p);
            // Scoring another request in between changes nothing.
            let _ = w.score(&other, &p);
            let _ = w.explain(&other, &p, 5);
            prop_assert_eq!(w.score(&r, &p), first);
            // Neither do the facts of accounts that did not ask for this request.
            let mut changed = w.clone();
            for a in &mut changed.accounts {
                if !r.evidence.iter().any(|e| e.account_id == a.account_id) {
                    a.arr += bump;
                    a.tier = Some(Tier::Key);
                    a.health = Some(0);
                    a.renewal_date = Some(in_days(1));
                }
            }
            let again = changed.score(&r, &p);
            prop_assert_eq!(again, first);
            prop_assert_eq!(again.score.to_bits(), first.score.to_bits());
            // Nor does the order in which the evidence arrives.
            let mut reordered = r.clone();
            reordered.evidence.reverse();
            let n = reordered.evidence.len();
            reordered.evidence.rotate_left(n / 3);
            prop_assert_eq!(w.score(&reordered, &p).score.to_bits(), first.score.to_bits());
        }

        #[test]
        fn ranking_by_score_desc_then_id_is_stable(
            (w, reqs, p, perm) in (world(), prop::collection::vec(request(), 1..8), profile())
                .prop_flat_map(|(w, reqs, p)| {
                    let n = reqs.len() + 1;
                    let perm = Just((0..n).collect::<Vec<usize>>()).prop_shuffle();
                    (Just(w), Just(reqs), Just(p), perm)
                }),
            extra in 1i64..5_000,
        ) {
            // A copy of the first request under another id forces a tie.
            let mut reqs = reqs;
            reqs.push(reqs[0].clone());
            let id = |i: usize| 100 - i64::try_from(i).expect("small");
            let rank = |reqs: &[Req], order: &[usize]| {
                let mut v: Vec<(f64, i64)> =
                    order.iter().map(|&i| (w.score(&reqs[i], &p).score, id(i))).collect();
                v.sort_by(|a, b| rank_cmp(*a, *b));
                v
            };
            let natural: Vec<usize> = (0..reqs.len()).collect();
            let ranked = rank(&reqs, &natural);
            prop_assert_eq!(&rank(&reqs, &perm), &ranked);
            for pair in ranked.windows(2) {
                prop_assert_eq!(rank_cmp(pair[0], pair[1]), Ordering::Less);
            }
            // Changing one request leaves the relative order of all the others alone.
            let changed_i = perm[0];
            let mut changed = reqs.clone();
            changed[changed_i].telemetry += extra;
            changed[changed_i].evidence.clear();
            let others = |v: &[(f64, i64)]| {
                v.iter().map(|x| x.1).filter(|&x| x != id(changed_i)).collect::<Vec<i64>>()
            };
            prop_assert_eq!(others(&rank(&changed, &natural)), others(&ranked));
        }
    }
}
