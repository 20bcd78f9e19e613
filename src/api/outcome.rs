//! `sift.v1.OutcomeService`.

use std::collections::HashMap;

use tonic::{Request, Response};

use super::RpcResult;
use super::convert::{tier_to_pb, timestamp, timestamp_us};
use crate::domain::account::Account;
use crate::domain::outcome::{AccountLoss, Renewal, RenewalDraft, RenewalOutcome};
use crate::error::AppError;
use crate::pb::{self, outcome_service_server::OutcomeService};
use crate::service::accounts::AccountKey;
use crate::service::outcomes::{ImpactAccount, Outcomes};

pub struct OutcomeApi {
    pub outcomes: Outcomes,
}

fn outcome_to_pb(o: RenewalOutcome) -> pb::RenewalOutcome {
    match o {
        RenewalOutcome::Renewed => pb::RenewalOutcome::Renewed,
        RenewalOutcome::Expanded => pb::RenewalOutcome::Expanded,
        RenewalOutcome::Contracted => pb::RenewalOutcome::Contracted,
        RenewalOutcome::Churned => pb::RenewalOutcome::Churned,
    }
}

fn renewal_to_pb(r: Renewal) -> pb::Renewal {
    pb::Renewal {
        id: r.id,
        reference: r.renewal.reference,
        account_id: r.account_id,
        account_external_id: r.renewal.account_external_id,
        renewed_on: r.renewal.renewed_on.to_string(),
        outcome: outcome_to_pb(r.renewal.outcome) as i32,
        arr_before: r.renewal.arr_before,
        arr_after: r.renewal.arr_after,
    }
}

fn loss_to_pb(l: &AccountLoss, accounts: &HashMap<i64, Account>) -> pb::AccountLoss {
    let a = accounts.get(&l.account_id);
    pb::AccountLoss {
        account_id: l.account_id,
        account_external_id: a.map(|a| a.external_id.clone()).unwrap_or_default(),
        account_name: a.map(|a| a.name.clone()).unwrap_or_default(),
        renewal_reference: l.reference.clone(),
        renewed_on: l.renewed_on.to_string(),
        outcome: outcome_to_pb(l.outcome) as i32,
        arr_before: l.arr_before,
        arr_after: l.arr_after,
        arr_lost: l.arr_lost,
    }
}

fn title_status(
    requests: &HashMap<i64, crate::domain::roadmap::Request>,
    id: i64,
) -> (String, String) {
    requests.get(&id).map_or_else(Default::default, |r| {
        (
            r.pm_title.clone().unwrap_or_else(|| r.title.clone()),
            r.status.as_str().to_owned(),
        )
    })
}

fn summary_to_pb(s: &crate::domain::outcome::RenewalSummary) -> pb::RenewalSummary {
    pb::RenewalSummary {
        accounts: s.accounts,
        arr_at_risk: s.arr_at_risk,
        renewed: s.renewed,
        expanded: s.expanded,
        contracted: s.contracted,
        churned: s.churned,
        no_renewal_yet: s.no_renewal_yet,
        arr_before: s.arr_before,
        arr_after: s.arr_after,
    }
}

fn window_to_pb(w: &crate::domain::outcome::AdoptionWindow) -> pb::AdoptionWindow {
    pb::AdoptionWindow {
        days: w.days,
        accounts: w.accounts,
        users: w.users,
    }
}

fn day_string(day: Option<i32>) -> String {
    day.map(|d| crate::domain::outcome::day_of(d).to_string())
        .unwrap_or_default()
}

fn impact_account_to_pb(a: ImpactAccount, accounts: &HashMap<i64, Account>) -> pb::ImpactAccount {
    let row = accounts.get(&a.account_id);
    pb::ImpactAccount {
        account_id: a.account_id,
        account_external_id: row.map(|r| r.external_id.clone()).unwrap_or_default(),
        account_name: row.map(|r| r.name.clone()).unwrap_or_default(),
        arr_at_ship: a.state_at_ship.and_then(|s| s.arr),
        health_at_ship: a.state_at_ship.and_then(|s| s.health),
        renewing: a.renewing,
        unhealthy: a.unhealthy,
        contacts_notified: a.contacts_notified,
        contacts_delivered: a.contacts_delivered,
        first_used_on: day_string(a.first_used_day),
        users_90: a.users_90,
        next_renewal: a.next_renewal.map(renewal_to_pb),
    }
}

#[tonic::async_trait]
impl OutcomeService for OutcomeApi {
    async fn record_renewal(
        &self,
        request: Request<pb::RecordRenewalRequest>,
    ) -> RpcResult<pb::RecordRenewalResponse> {
        let pb::RecordRenewalRequest {
            reference,
            account_external_id,
            renewed_on,
            outcome,
            arr_before,
            arr_after,
        } = request.into_inner();
        let outcome = match pb::RenewalOutcome::try_from(outcome) {
            Ok(pb::RenewalOutcome::Renewed) => Some(RenewalOutcome::Renewed),
            Ok(pb::RenewalOutcome::Expanded) => Some(RenewalOutcome::Expanded),
            Ok(pb::RenewalOutcome::Contracted) => Some(RenewalOutcome::Contracted),
            Ok(pb::RenewalOutcome::Churned) => Some(RenewalOutcome::Churned),
            Ok(pb::RenewalOutcome::Unspecified) => None,
            Err(_) => {
                return Err(
                    AppError::invalid("outcome", format!("unknown outcome {outcome}")).into(),
                );
            }
        };
        let recorded = self
            .outcomes
            .record_renewal(RenewalDraft {
                reference,
                // Compared in the form account ids are stored in.
                account_external_id: crate::domain::validation::identifier_form(
                    &account_external_id,
                ),
                renewed_on,
                outcome,
                arr_before,
                arr_after,
            })
            .await?;
        Ok(Response::new(pb::RecordRenewalResponse {
            renewal: Some(renewal_to_pb(recorded.renewal)),
            created: recorded.created,
        }))
    }

    async fn get_account_history(
        &self,
        request: Request<pb::GetAccountHistoryRequest>,
    ) -> RpcResult<pb::GetAccountHistoryResponse> {
        let key = match request.into_inner().key {
            Some(pb::get_account_history_request::Key::Id(id)) => AccountKey::Id(id),
            Some(pb::get_account_history_request::Key::ExternalId(ext))
                if !ext.trim().is_empty() =>
            {
                AccountKey::External(crate::domain::validation::identifier_form(&ext))
            }
            _ => return Err(AppError::invalid("key", "id or external_id is required").into()),
        };
        let (account_id, history) = self.outcomes.account_history(key).await?;
        let tier = |t: Option<crate::domain::account::Tier>| {
            t.map_or(pb::Tier::Unspecified, tier_to_pb) as i32
        };
        Ok(Response::new(pb::GetAccountHistoryResponse {
            account_id,
            changes: history
                .into_iter()
                .map(|(c, recorded_at)| pb::AccountChange {
                    effective_at: Some(timestamp(c.effective_at)),
                    arr_before: c.before.arr,
                    arr_after: c.after.arr,
                    tier_before: tier(c.before.tier),
                    tier_after: tier(c.after.tier),
                    health_before: c.before.health,
                    health_after: c.after.health,
                    cause: c.cause.as_str().to_owned(),
                    recorded_at: Some(timestamp_us(recorded_at)),
                })
                .collect(),
        }))
    }

    async fn get_churn_exposure(
        &self,
        request: Request<pb::GetChurnExposureRequest>,
    ) -> RpcResult<pb::ChurnExposure> {
        let pb::GetChurnExposureRequest {
            from,
            to,
            renewal_window_days,
        } = request.into_inner();
        let view = self
            .outcomes
            .churn_exposure(
                &from,
                &to,
                renewal_window_days,
                self.outcomes.ctx().clock.now(),
            )
            .await?;
        let accounts = &view.accounts;
        let e = view.exposure;
        Ok(Response::new(pb::ChurnExposure {
            currency: self.outcomes.ctx().config.currency.clone(),
            arr_churned: e.arr_churned,
            arr_contracted: e.arr_contracted,
            losses: e.losses.iter().map(|l| loss_to_pb(l, accounts)).collect(),
            requests: e
                .requests
                .iter()
                .map(|r| {
                    let (title, status) = title_status(&view.requests, r.request_id);
                    pb::RequestLoss {
                        request_id: r.request_id,
                        title,
                        status,
                        arr_lost: r.arr_lost,
                        accounts: r.accounts.iter().map(|l| loss_to_pb(l, accounts)).collect(),
                    }
                })
                .collect(),
            arr_lost_waiting_on_nothing: e.arr_lost_waiting_on_nothing,
            at_risk: view
                .at_risk
                .iter()
                .map(|r| {
                    let (title, status) = title_status(&view.requests, r.request_id);
                    pb::RequestRisk {
                        request_id: r.request_id,
                        title,
                        status,
                        arr_at_risk: r.arr_at_risk,
                        accounts: r
                            .accounts
                            .iter()
                            .map(|a| {
                                let row = accounts.get(&a.facts.account_id);
                                pb::AccountRisk {
                                    account_id: a.facts.account_id,
                                    account_external_id: row
                                        .map(|r| r.external_id.clone())
                                        .unwrap_or_default(),
                                    account_name: row.map(|r| r.name.clone()).unwrap_or_default(),
                                    arr: a.facts.arr,
                                    renewal_date: a
                                        .facts
                                        .renewal_date
                                        .map(|d| d.to_string())
                                        .unwrap_or_default(),
                                    health: a.facts.health,
                                    renewing: a.renewing,
                                    unhealthy: a.unhealthy,
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
            renewal_window_days: view.renewal_window_days,
            health_threshold: view.health_threshold,
            profile: view.profile,
        }))
    }

    async fn set_adoption_signals(
        &self,
        request: Request<pb::SetAdoptionSignalsRequest>,
    ) -> RpcResult<pb::AdoptionSignals> {
        let pb::SetAdoptionSignalsRequest {
            request_id,
            signal_keys,
        } = request.into_inner();
        let signal_keys = self
            .outcomes
            .set_adoption_signals(request_id, &signal_keys)
            .await?;
        Ok(Response::new(pb::AdoptionSignals {
            request_id,
            signal_keys,
        }))
    }

    async fn get_adoption(
        &self,
        request: Request<pb::GetAdoptionRequest>,
    ) -> RpcResult<pb::Adoption> {
        let pb::GetAdoptionRequest { request_id, days } = request.into_inner();
        let v = self
            .outcomes
            .adoption(request_id, days, self.outcomes.ctx().clock.now())
            .await?;
        let rows = &v.accounts_by_id;
        Ok(Response::new(pb::Adoption {
            request_id: v.request.id,
            title: v
                .request
                .pm_title
                .clone()
                .unwrap_or(v.request.title.clone()),
            signal_keys: v.signal_keys,
            shipped_at: Some(timestamp(v.shipped_at)),
            requesting_accounts: v.accounts.len() as i64,
            days: v
                .days
                .iter()
                .map(|d| pb::AdoptionDay {
                    day: day_string(Some(d.day)),
                    requesting_accounts: d.requesting_accounts,
                    requesting_users: d.requesting_users,
                    other_accounts: d.other_accounts,
                    other_users: d.other_users,
                })
                .collect(),
            windows: v.windows.iter().map(window_to_pb).collect(),
            accounts: v
                .accounts
                .iter()
                .map(|a| {
                    let row = rows.get(&a.account_id);
                    pb::AccountAdoption {
                        account_id: a.account_id,
                        account_external_id: row.map(|r| r.external_id.clone()).unwrap_or_default(),
                        account_name: row.map(|r| r.name.clone()).unwrap_or_default(),
                        first_used_on: day_string(a.first_day),
                        users: a.users,
                    }
                })
                .collect(),
        }))
    }

    async fn get_release_impact(
        &self,
        request: Request<pb::GetReleaseImpactRequest>,
    ) -> RpcResult<pb::ReleaseImpact> {
        let pb::GetReleaseImpactRequest {
            release_id,
            renewal_window_days,
        } = request.into_inner();
        let v = self
            .outcomes
            .release_impact(release_id, renewal_window_days)
            .await?;
        let rows = &v.accounts_by_id;
        Ok(Response::new(pb::ReleaseImpact {
            release_id: v.release.id,
            version: v.release.version.clone(),
            shipped_at: Some(timestamp(v.shipped_at)),
            currency: self.outcomes.ctx().config.currency.clone(),
            requests: v
                .requests
                .into_iter()
                .map(|r| pb::RequestImpact {
                    request_id: r.request.id,
                    title: r
                        .request
                        .pm_title
                        .clone()
                        .unwrap_or(r.request.title.clone()),
                    signal_keys: r.signal_keys,
                    requesting_accounts: r.accounts.len() as i64,
                    notifications: r.notifications,
                    suppressed: r.suppressed,
                    contacts_notified: r.contacts_notified,
                    contacts_delivered: r.contacts_delivered,
                    adoption: r.adoption.iter().map(window_to_pb).collect(),
                    at_risk: Some(summary_to_pb(&r.at_risk)),
                    accounts: r
                        .accounts
                        .into_iter()
                        .map(|a| impact_account_to_pb(a, rows))
                        .collect(),
                })
                .collect(),
            comparison: Some(summary_to_pb(&v.comparison)),
            comparison_accounts: v
                .comparison_accounts
                .into_iter()
                .map(|a| impact_account_to_pb(a, rows))
                .collect(),
            renewal_window_days: v.renewal_window_days,
            health_threshold: v.health_threshold,
            profile: v.profile,
        }))
    }

    async fn backtest_profile(
        &self,
        request: Request<pb::BacktestProfileRequest>,
    ) -> RpcResult<pb::Backtest> {
        let pb::BacktestProfileRequest {
            profile,
            as_of,
            horizon_days,
            against_profile,
        } = request.into_inner();
        let v = self
            .outcomes
            .backtest(
                &profile,
                &as_of,
                horizon_days,
                &against_profile,
                self.outcomes.ctx().clock.now(),
            )
            .await?;
        let total: i64 = v
            .losses
            .iter()
            .map(|r| (r.renewal.arr_before - r.renewal.arr_after).max(0))
            .sum();
        let ranking = |r: &crate::service::outcomes::BacktestRankingView| pb::BacktestRanking {
            name: r.name.clone(),
            top: r
                .ranked
                .iter()
                .take(crate::service::outcomes::BACKTEST_SHOWN)
                .enumerate()
                .map(|(i, x)| pb::BacktestRow {
                    rank: i as i32 + 1,
                    request_id: x.request_id,
                    title: title_status(&v.requests, x.request_id).0,
                    score: x.score,
                    votes: x.votes,
                    accounts: x.accounts,
                })
                .collect(),
            captures: r
                .captures
                .iter()
                .map(|c| pb::BacktestCapture {
                    top: c.top as i32,
                    arr_lost: c.arr_lost,
                    share: if total > 0 {
                        c.arr_lost as f64 / total as f64
                    } else {
                        0.0
                    },
                    accounts: c
                        .accounts
                        .iter()
                        .map(|a| {
                            let row = v.accounts_by_id.get(&a.account_id);
                            pb::BacktestAccount {
                                account_id: a.account_id,
                                account_external_id: row
                                    .map(|r| r.external_id.clone())
                                    .unwrap_or_default(),
                                account_name: row.map(|r| r.name.clone()).unwrap_or_default(),
                                arr_lost: a.arr_lost,
                                request_id: a.request_id,
                                rank: a.rank as i32,
                            }
                        })
                        .collect(),
                })
                .collect(),
        };
        let losses = v
            .losses
            .iter()
            .map(|r| {
                loss_to_pb(
                    &AccountLoss {
                        renewal_id: r.id,
                        account_id: r.account_id,
                        reference: r.renewal.reference.clone(),
                        renewed_on: r.renewal.renewed_on,
                        outcome: r.renewal.outcome,
                        arr_before: r.renewal.arr_before,
                        arr_after: r.renewal.arr_after,
                        arr_lost: (r.renewal.arr_before - r.renewal.arr_after).max(0),
                    },
                    &v.accounts_by_id,
                )
            })
            .collect();
        Ok(Response::new(pb::Backtest {
            as_of: v.as_of.to_string(),
            horizon_days: v.horizon_days,
            currency: self.outcomes.ctx().config.currency.clone(),
            open_requests: v.open_requests,
            accounts: v.accounts,
            arr_lost: total,
            losses,
            ranking: Some(ranking(&v.ranking)),
            against: Some(ranking(&v.against)),
        }))
    }
}
