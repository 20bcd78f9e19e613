//! `sift.v1.OutcomeService`.

use std::collections::HashMap;

use tonic::{Request, Response};

use super::RpcResult;
use super::convert::{tier_to_pb, timestamp, timestamp_us};
use crate::domain::outcome::{AccountLoss, Renewal, RenewalDraft, RenewalOutcome};
use crate::error::AppError;
use crate::pb::{self, outcome_service_server::OutcomeService};
use crate::service::accounts::AccountKey;
use crate::service::outcomes::Outcomes;
use crate::store::entity::{account, request};

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

fn loss_to_pb(l: &AccountLoss, accounts: &HashMap<i64, account::Model>) -> pb::AccountLoss {
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

fn title_status(requests: &HashMap<i64, request::Model>, id: i64) -> (String, String) {
    requests.get(&id).map_or_else(Default::default, |r| {
        (
            r.pm_title.clone().unwrap_or_else(|| r.title.clone()),
            r.status.clone(),
        )
    })
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
            .churn_exposure(&from, &to, renewal_window_days, chrono::Utc::now())
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
}
