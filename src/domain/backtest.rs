//! Backtesting a ranking: the backlog a scoring profile would have ranked at a past date, and
//! how much of the ARR lost (churned or contracted) in the following horizon had asked for its
//! top requests, beside another ranking (another profile, or the vote count every peer ranks
//! by). It shows which ranking put the requests of the accounts that later left near the top:
//! a correlation, not proof that building them would have kept those accounts.
//!
//! Pure: the inputs at the past date are reconstructed by the caller and handed in.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::outcome::{AccountAt, Renewal};
use super::scoring::{
    self, AccountFacts, CustomerBase, Evidence, RequestInputs, ScoringProfile, ThemeFit, rank_cmp,
};

/// The cut-offs every backtest reports.
pub const TOP: [usize; 3] = [10, 25, 50];

/// One request open at the past date, with the evidence it had by then.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub request_id: i64,
    pub evidence: Vec<Evidence>,
    pub themes: Vec<ThemeFit>,
    pub effort: Option<f64>,
}

/// How to rank.
#[derive(Debug, Clone, Copy)]
pub enum Ranker<'a> {
    /// By the real scoring code under this profile.
    Profile(&'a ScoringProfile),
    /// By the number of feedback items (votes), ties by request id: the naive baseline.
    Votes,
}

/// One ranked request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub request_id: i64,
    /// The profile's score, or the vote count.
    pub score: f64,
    pub votes: i64,
    pub accounts: i64,
}

/// The scoring code's inputs for one candidate. Telemetry is not reconstructed (its users
/// count 0).
fn inputs<'a>(
    c: &'a Candidate,
    lookup: &'a dyn Fn(i64) -> Option<AccountFacts>,
) -> RequestInputs<'a> {
    RequestInputs {
        evidence: &c.evidence,
        accounts: lookup,
        telemetry_users: 0,
        themes: &c.themes,
        effort: c.effort,
    }
}

/// Ranks `candidates` at `at`. Telemetry is not reconstructed (its users count 0).
pub fn rank(
    candidates: &[Candidate],
    accounts: &HashMap<i64, AccountFacts>,
    base: &CustomerBase,
    ranker: Ranker,
    at: DateTime<Utc>,
) -> Vec<Ranked> {
    let lookup = |id: i64| accounts.get(&id).copied();
    let mut out: Vec<Ranked> = candidates
        .iter()
        .map(|c| {
            let votes = c.evidence.len() as i64;
            let mut ids: Vec<i64> = c.evidence.iter().map(|e| e.account_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let score = match ranker {
                Ranker::Votes => votes as f64,
                Ranker::Profile(profile) => {
                    scoring::score(&inputs(c, &lookup), base, profile, at).score
                }
            };
            Ranked {
                request_id: c.request_id,
                score,
                votes,
                accounts: ids.len() as i64,
            }
        })
        .collect();
    out.sort_by(|a, b| rank_cmp((a.score, a.request_id), (b.score, b.request_id)));
    out
}

/// Why `candidate` scored what [`rank`] gave it under `profile`, down to the accounts (the
/// same score, bit for bit), with its `top_n` strongest feedback items.
pub fn explain(
    candidate: &Candidate,
    accounts: &HashMap<i64, AccountFacts>,
    base: &CustomerBase,
    profile: &ScoringProfile,
    at: DateTime<Utc>,
    top_n: usize,
) -> scoring::Explanation {
    let lookup = |id: i64| accounts.get(&id).copied();
    scoring::explain(&inputs(candidate, &lookup), base, profile, at, top_n)
}

/// ARR one account lost in the horizon (summed over its renewals there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loss {
    pub account_id: i64,
    pub arr_lost: i64,
}

/// The losses of renewals, per account, largest first (ties by account id).
pub fn losses(renewals: &[Renewal]) -> Vec<Loss> {
    let mut by: BTreeMap<i64, i64> = BTreeMap::new();
    for r in renewals.iter().filter(|r| r.renewal.outcome.lost_arr()) {
        *by.entry(r.account_id).or_default() += (r.renewal.arr_before - r.renewal.arr_after).max(0);
    }
    let mut out: Vec<Loss> = by
        .into_iter()
        .map(|(account_id, arr_lost)| Loss {
            account_id,
            arr_lost,
        })
        .collect();
    out.sort_by_key(|l| (std::cmp::Reverse(l.arr_lost), l.account_id));
    out
}

/// A losing account that had asked for a top request: its best-ranked one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Captured {
    pub account_id: i64,
    pub arr_lost: i64,
    pub request_id: i64,
    /// 1-based.
    pub rank: usize,
}

/// How much lost ARR had asked for the top `top` requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    pub top: usize,
    pub arr_lost: i64,
    /// Largest loss first.
    pub accounts: Vec<Captured>,
}

/// For each cut-off, the losing accounts that had asked (evidence in `candidates`) for a request
/// ranked within it. An account counts once, under its best-ranked request.
pub fn captures(
    ranked: &[Ranked],
    candidates: &[Candidate],
    losses: &[Loss],
    cutoffs: &[usize],
) -> Vec<Capture> {
    let rank_of: HashMap<i64, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| (r.request_id, i + 1))
        .collect();
    let losing: HashMap<i64, i64> = losses.iter().map(|l| (l.account_id, l.arr_lost)).collect();
    // Each losing account's best-ranked request.
    let mut best: HashMap<i64, (usize, i64)> = HashMap::new();
    for c in candidates {
        let Some(&rank) = rank_of.get(&c.request_id) else {
            continue;
        };
        for e in &c.evidence {
            if losing.contains_key(&e.account_id) {
                let b = best.entry(e.account_id).or_insert((rank, c.request_id));
                if rank < b.0 {
                    *b = (rank, c.request_id);
                }
            }
        }
    }
    cutoffs
        .iter()
        .map(|&top| {
            let accounts: Vec<Captured> = losses
                .iter()
                .filter_map(|l| {
                    let &(rank, request_id) = best.get(&l.account_id)?;
                    (rank <= top).then_some(Captured {
                        account_id: l.account_id,
                        arr_lost: l.arr_lost,
                        request_id,
                        rank,
                    })
                })
                .collect();
            Capture {
                top,
                arr_lost: accounts.iter().map(|a| a.arr_lost).sum(),
                accounts,
            }
        })
        .collect()
}

/// An account's facts at a past date: its state then as [`reconstruct`] gives it, with today's
/// seats (not kept in the history) and the renewal date the CRM knew then: the first renewal
/// recorded on or after the date, else today's renewal date if not before it.
///
/// [`reconstruct`]: super::outcome::reconstruct
pub fn facts_then(
    now: &AccountFacts,
    then: &AccountAt,
    next_renewal: Option<NaiveDate>,
    day: NaiveDate,
) -> AccountFacts {
    AccountFacts {
        account_id: now.account_id,
        arr: then.arr.unwrap_or(0).max(0),
        tier: then.tier,
        seats: now.seats,
        renewal_date: next_renewal.or(now.renewal_date.filter(|d| *d >= day)),
        health: then.health,
    }
}

/// The totals the shares divide by, over the accounts known at the date.
pub fn base_of(accounts: &HashMap<i64, AccountFacts>) -> CustomerBase {
    CustomerBase {
        total_arr: accounts
            .values()
            .map(|a| a.arr)
            .fold(0, i64::saturating_add),
        total_accounts: accounts.len() as i64,
        total_seats: accounts
            .values()
            .map(|a| a.seats)
            .fold(0, i64::saturating_add),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outcome::{NewRenewal, RenewalOutcome};
    use chrono::TimeZone;

    fn ev(id: i64, account: i64) -> Evidence {
        Evidence {
            feedback_id: id,
            account_id: account,
            importance: None,
            occurred_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn facts(id: i64, arr: i64) -> AccountFacts {
        AccountFacts {
            account_id: id,
            arr,
            tier: None,
            seats: 10,
            renewal_date: None,
            health: None,
        }
    }

    /// Request 1: five votes from one small account (1); request 2: one vote from a large
    /// account (2), which later churns. Votes rank 1 first; the default profile ranks 2 first.
    #[test]
    fn a_profile_that_values_arr_captures_the_churned_account_votes_do_not() {
        let candidates = vec![
            Candidate {
                request_id: 1,
                evidence: (1..=5).map(|i| ev(i, 1)).collect(),
                themes: vec![],
                effort: None,
            },
            Candidate {
                request_id: 2,
                evidence: vec![ev(10, 2)],
                themes: vec![],
                effort: None,
            },
        ];
        let accounts: HashMap<i64, AccountFacts> =
            [(1, facts(1, 1_000)), (2, facts(2, 5_000_000))].into();
        let base = base_of(&accounts);
        let at = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        let profile = ScoringProfile::default();
        let by_profile = rank(&candidates, &accounts, &base, Ranker::Profile(&profile), at);
        let by_votes = rank(&candidates, &accounts, &base, Ranker::Votes, at);
        assert_eq!(by_profile[0].request_id, 2);
        assert_eq!(by_votes[0].request_id, 1);
        assert_eq!((by_votes[0].votes, by_votes[0].accounts), (5, 1));
        let renewal = Renewal {
            id: 1,
            account_id: 2,
            renewal: NewRenewal {
                reference: "r".into(),
                account_external_id: "big".into(),
                renewed_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                outcome: RenewalOutcome::Churned,
                arr_before: 5_000_000,
                arr_after: 0,
            },
        };
        let lost = losses(&[renewal]);
        assert_eq!(
            lost,
            [Loss {
                account_id: 2,
                arr_lost: 5_000_000
            }]
        );
        let p = captures(&by_profile, &candidates, &lost, &[1, 2]);
        let v = captures(&by_votes, &candidates, &lost, &[1, 2]);
        assert_eq!((p[0].arr_lost, p[1].arr_lost), (5_000_000, 5_000_000));
        assert_eq!((v[0].arr_lost, v[1].arr_lost), (0, 5_000_000));
        assert_eq!(v[1].accounts[0].rank, 2);
    }
}
