//! `sift.v1.PrioritizationService` and `sift.v1.TelemetryService`.

use std::sync::Arc;

use tonic::{Request, Response, Streaming};

use super::RpcResult;
use super::convert::{
    from_timestamp, request_status_from_pb, request_status_to_pb, tier_from_pb, tier_to_pb,
    timestamp, timestamp_us,
};
use super::lengths::Lengths;
use crate::domain::Violations;
use crate::domain::feedback::Signal;
use crate::domain::scoring::Theme;
use crate::domain::scoring::{DemandProfile, ScoringProfile};
use crate::error::AppError;
use crate::pb::{
    self, prioritization_service_server::PrioritizationService,
    telemetry_service_server::TelemetryService,
};
use crate::service::prioritization::{BacklogQuery, Prioritization, ProfileChoice, ProfileView};
use crate::service::telemetry::{EventDraft, Telemetry};

pub struct PrioritizationApi {
    pub prioritization: Prioritization,
    pub currency: String,
}

pub struct TelemetryApi {
    pub telemetry: Telemetry,
    /// Events are judged one by one, so their string lengths are checked here.
    pub lengths: Arc<Lengths>,
}

pub fn params_to_domain(p: pb::ScoringParams) -> ScoringProfile {
    let pb::ScoringParams {
        w_value,
        w_reach,
        w_fit,
        w_urgency,
        tier_key,
        tier_important,
        tier_standard,
        tier_unknown,
        imp_critical,
        imp_important,
        imp_nice,
        imp_unspecified,
        half_life_days,
        value_scale,
        reach_scale,
        reach_account_blend,
        urgency_scale,
        renewal_window_days,
        health_threshold,
        divide_by_effort,
        default_effort,
        min_effort,
        key_share,
        broad_min_accounts,
        broad_min_share,
    } = p;
    ScoringProfile {
        name: "inline".into(),
        w_value,
        w_reach,
        w_fit,
        w_urgency,
        tier_key,
        tier_important,
        tier_standard,
        tier_unknown,
        imp_critical,
        imp_important,
        imp_nice,
        imp_unspecified,
        half_life_days,
        value_scale,
        reach_scale,
        reach_account_blend,
        urgency_scale,
        renewal_window_days,
        health_threshold,
        divide_by_effort,
        default_effort,
        min_effort,
        key_share,
        broad_min_accounts: broad_min_accounts.max(0) as usize,
        broad_min_share,
    }
}

pub fn params_to_pb(p: &ScoringProfile) -> pb::ScoringParams {
    pb::ScoringParams {
        w_value: p.w_value,
        w_reach: p.w_reach,
        w_fit: p.w_fit,
        w_urgency: p.w_urgency,
        tier_key: p.tier_key,
        tier_important: p.tier_important,
        tier_standard: p.tier_standard,
        tier_unknown: p.tier_unknown,
        imp_critical: p.imp_critical,
        imp_important: p.imp_important,
        imp_nice: p.imp_nice,
        imp_unspecified: p.imp_unspecified,
        half_life_days: p.half_life_days,
        value_scale: p.value_scale,
        reach_scale: p.reach_scale,
        reach_account_blend: p.reach_account_blend,
        urgency_scale: p.urgency_scale,
        renewal_window_days: p.renewal_window_days,
        health_threshold: p.health_threshold,
        divide_by_effort: p.divide_by_effort,
        default_effort: p.default_effort,
        min_effort: p.min_effort,
        key_share: p.key_share,
        broad_min_accounts: p.broad_min_accounts as i64,
        broad_min_share: p.broad_min_share,
    }
}

fn profile_to_pb(v: &ProfileView) -> pb::ScoringProfile {
    pb::ScoringProfile {
        id: v.id,
        name: v.name.clone(),
        version: v.version,
        params: Some(params_to_pb(&v.profile)),
        active: v.active,
        created_at: (v.created_at > 0).then(|| timestamp_us(v.created_at)),
    }
}

fn choice(p: Option<pb::ProfileChoice>) -> Option<ProfileChoice> {
    match p.and_then(|p| p.choice) {
        None => None,
        Some(pb::profile_choice::Choice::ProfileId(id)) => Some(ProfileChoice::Id(id)),
        Some(pb::profile_choice::Choice::ProfileName(n)) => Some(ProfileChoice::Name(n)),
        Some(pb::profile_choice::Choice::Inline(p)) => {
            Some(ProfileChoice::Inline(Box::new(params_to_domain(p))))
        }
    }
}

fn demand_to_pb(d: DemandProfile) -> pb::DemandProfile {
    match d {
        DemandProfile::KeyAccount => pb::DemandProfile::KeyAccount,
        DemandProfile::Broad => pb::DemandProfile::Broad,
        DemandProfile::LongTail => pb::DemandProfile::LongTail,
    }
}

fn parts_to_pb(p: &crate::domain::scoring::Parts) -> pb::ScoreParts {
    pb::ScoreParts {
        customer_value: p.value,
        reach: p.reach,
        strategic_fit: p.fit,
        urgency: p.urgency,
    }
}

fn theme_to_pb(t: Theme) -> pb::Theme {
    pb::Theme {
        id: t.id,
        name: t.name,
        description: t.description,
        weight: t.weight,
        active: t.active,
    }
}

fn signal_to_pb(s: Signal) -> pb::Signal {
    pb::Signal {
        id: s.id,
        key: s.key,
        description: s.description,
        request_id: s.request_id.unwrap_or(0),
    }
}

const FORMULA: &str = "score = (w_value*value + w_reach*reach + w_fit*fit + w_urgency*urgency) \
     / effort_divisor; value = 1-exp(-sum(arr_share*tier*importance*decay)/value_scale); \
     reach = 1-exp(-(a*account_share+(1-a)*user_share)/reach_scale); \
     fit = 1-prod(1-weight*alignment); urgency = 1-exp(-(at_risk_arr/total_arr)/urgency_scale)";

#[tonic::async_trait]
impl PrioritizationService for PrioritizationApi {
    async fn get_ranked_backlog(
        &self,
        request: Request<pb::GetRankedBacklogRequest>,
    ) -> RpcResult<pb::GetRankedBacklogResponse> {
        let pb::GetRankedBacklogRequest {
            profile,
            statuses,
            theme_id,
            tier,
            segment,
            demand_profile,
            min_accounts,
            evidence_after,
            evidence_before,
            page_size,
            page_token,
        } = request.into_inner();
        let mut v = Violations::default();
        let mut status_names = Vec::new();
        for (i, s) in statuses.iter().enumerate() {
            match request_status_from_pb(*s) {
                None => v.push(format!("statuses[{i}]"), format!("unknown status {s}")),
                Some(st) => status_names.push(st),
            }
        }
        let demand = match pb::DemandProfile::try_from(demand_profile) {
            Ok(pb::DemandProfile::Unspecified) => None,
            Ok(pb::DemandProfile::KeyAccount) => Some(DemandProfile::KeyAccount),
            Ok(pb::DemandProfile::Broad) => Some(DemandProfile::Broad),
            Ok(pb::DemandProfile::LongTail) => Some(DemandProfile::LongTail),
            Err(_) => {
                v.push(
                    "demand_profile",
                    format!("unknown demand profile {demand_profile}"),
                );
                None
            }
        };
        let query = BacklogQuery {
            profile: choice(profile),
            statuses: status_names,
            theme_id: (theme_id != 0).then_some(theme_id),
            tier: tier_from_pb(&mut v, "tier", tier),
            segment: (!segment.trim().is_empty()).then(|| segment.trim().to_owned()),
            demand,
            min_accounts,
            evidence_after: evidence_after
                .and_then(|t| from_timestamp(&mut v, "evidence_after", &t)),
            evidence_before: evidence_before
                .and_then(|t| from_timestamp(&mut v, "evidence_before", &t)),
            page_size,
            page_token,
        };
        v.into_result(()).map_err(AppError::from)?;
        let page = self.prioritization.backlog(query).await?;
        Ok(Response::new(pb::GetRankedBacklogResponse {
            rows: page
                .rows
                .into_iter()
                .map(|r| pb::BacklogRow {
                    rank: r.rank,
                    request_id: r.view.request.id,
                    title: r.view.title,
                    status: request_status_to_pb(r.view.request.status) as i32,
                    score: r.score.score,
                    parts: Some(parts_to_pb(&r.score.parts)),
                    accounts: r.score.accounts as i64,
                    arr: r.score.arr,
                    revenue_at_risk: r.score.revenue_at_risk,
                    demand_profile: demand_to_pb(r.score.demand) as i32,
                    effort: r.effort,
                })
                .collect(),
            next_page_token: page.next.unwrap_or_default(),
            total: page.total,
            profile: Some(profile_to_pb(&page.profile)),
            currency: self.currency.clone(),
        }))
    }

    async fn explain_score(
        &self,
        request: Request<pb::ExplainScoreRequest>,
    ) -> RpcResult<pb::ScoreExplanation> {
        let pb::ExplainScoreRequest {
            request_id,
            profile,
            as_of,
        } = request.into_inner();
        let x = self
            .prioritization
            .explain(
                request_id,
                choice(profile),
                &as_of,
                self.prioritization.now(),
            )
            .await?;
        let e = &x.explanation;
        let account = |id: i64| x.accounts.iter().find(|a| a.id == id);
        Ok(Response::new(pb::ScoreExplanation {
            request_id,
            score: e.score.score,
            parts: Some(parts_to_pb(&e.score.parts)),
            weighted_parts: e
                .weighted
                .iter()
                .map(|(name, weight, value, weighted)| pb::WeightedPart {
                    name: (*name).to_owned(),
                    weight: *weight,
                    value: *value,
                    weighted: *weighted,
                })
                .collect(),
            effort_divisor: e.effort_divisor,
            accounts: e
                .contributions
                .iter()
                .map(|c| pb::AccountContribution {
                    account_id: c.account_id,
                    external_id: account(c.account_id)
                        .map(|a| a.external_id.clone())
                        .unwrap_or_default(),
                    name: account(c.account_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    tier: c.tier.map_or(pb::Tier::Unspecified, tier_to_pb) as i32,
                    arr: c.arr,
                    feedback_count: c.feedback_count as i64,
                    strongest_importance: c
                        .strongest
                        .map_or("UNSPECIFIED", |i| i.as_str())
                        .to_owned(),
                    latest_evidence: Some(timestamp(c.latest)),
                    decay: c.decay,
                    contribution: c.contribution,
                })
                .collect(),
            value_sum: e.value_sum,
            account_share: e.account_share,
            user_share: e.user_share,
            telemetry_users: x.telemetry_users,
            at_risk_account_ids: e.at_risk_accounts.clone(),
            revenue_at_risk: e.score.revenue_at_risk,
            quotes: x
                .quotes
                .iter()
                .map(|q| (&q.feedback, &q.account_external_id))
                .map(|(f, ext)| pb::Quote {
                    feedback_id: f.id,
                    account_external_id: ext.clone(),
                    source: f.source.as_str().to_owned(),
                    source_ref: f.source_ref.clone(),
                    text: if f.title.is_empty() {
                        f.body.clone()
                    } else {
                        format!("{}: {}", f.title, f.body)
                    },
                    occurred_at: Some(timestamp(f.occurred_at)),
                })
                .collect(),
            demand_profile: demand_to_pb(e.score.demand) as i32,
            parts_sum_to_score: e.parts_sum_matches,
            profile: Some(profile_to_pb(&x.profile)),
            formula: FORMULA.to_owned(),
        }))
    }

    async fn create_scoring_profile(
        &self,
        request: Request<pb::CreateScoringProfileRequest>,
    ) -> RpcResult<pb::ScoringProfile> {
        let pb::CreateScoringProfileRequest { name, params } = request.into_inner();
        let Some(params) = params else {
            return Err(AppError::invalid("params", "is required").into());
        };
        let view = self
            .prioritization
            .create_profile(&name, params_to_domain(params))
            .await?;
        Ok(Response::new(profile_to_pb(&view)))
    }

    async fn list_scoring_profiles(
        &self,
        _request: Request<pb::ListScoringProfilesRequest>,
    ) -> RpcResult<pb::ListScoringProfilesResponse> {
        let views = self.prioritization.list_profiles().await?;
        Ok(Response::new(pb::ListScoringProfilesResponse {
            profiles: views.iter().map(profile_to_pb).collect(),
        }))
    }

    async fn set_active_profile(
        &self,
        request: Request<pb::SetActiveProfileRequest>,
    ) -> RpcResult<pb::ScoringProfile> {
        let view = self
            .prioritization
            .set_active(request.into_inner().profile_id)
            .await?;
        Ok(Response::new(profile_to_pb(&view)))
    }

    async fn create_theme(&self, request: Request<pb::CreateThemeRequest>) -> RpcResult<pb::Theme> {
        let pb::CreateThemeRequest {
            name,
            description,
            weight,
            active,
        } = request.into_inner();
        let t = self
            .prioritization
            .create_theme(&name, &description, weight, active)
            .await?;
        Ok(Response::new(theme_to_pb(t)))
    }

    async fn update_theme(&self, request: Request<pb::UpdateThemeRequest>) -> RpcResult<pb::Theme> {
        let pb::UpdateThemeRequest {
            id,
            name,
            description,
            weight,
            active,
        } = request.into_inner();
        let t = self
            .prioritization
            .update_theme(id, name, description, weight, active)
            .await?;
        Ok(Response::new(theme_to_pb(t)))
    }

    async fn list_themes(
        &self,
        _request: Request<pb::ListThemesRequest>,
    ) -> RpcResult<pb::ListThemesResponse> {
        let themes = self.prioritization.themes().await?;
        Ok(Response::new(pb::ListThemesResponse {
            themes: themes.into_iter().map(theme_to_pb).collect(),
        }))
    }

    async fn align_request(
        &self,
        request: Request<pb::AlignRequestRequest>,
    ) -> RpcResult<pb::AlignRequestResponse> {
        let pb::AlignRequestRequest {
            request_id,
            theme_id,
            alignment,
        } = request.into_inner();
        self.prioritization
            .align(request_id, theme_id, alignment)
            .await?;
        Ok(Response::new(pb::AlignRequestResponse {
            request_id,
            theme_id,
            alignment,
        }))
    }

    async fn set_effort(
        &self,
        request: Request<pb::SetEffortRequest>,
    ) -> RpcResult<pb::SetEffortResponse> {
        let pb::SetEffortRequest { request_id, effort } = request.into_inner();
        let effort = self.prioritization.set_effort(request_id, effort).await?;
        Ok(Response::new(pb::SetEffortResponse { request_id, effort }))
    }
}

#[tonic::async_trait]
impl TelemetryService for TelemetryApi {
    async fn define_signal(
        &self,
        request: Request<pb::DefineSignalRequest>,
    ) -> RpcResult<pb::Signal> {
        let pb::DefineSignalRequest { key, description } = request.into_inner();
        let s = self.telemetry.define_signal(&key, &description).await?;
        Ok(Response::new(signal_to_pb(s)))
    }

    async fn list_signals(
        &self,
        _request: Request<pb::ListSignalsRequest>,
    ) -> RpcResult<pb::ListSignalsResponse> {
        let signals = self.telemetry.signals().await?;
        Ok(Response::new(pb::ListSignalsResponse {
            signals: signals.into_iter().map(signal_to_pb).collect(),
        }))
    }

    async fn record_telemetry(
        &self,
        request: Request<Streaming<pb::TelemetryEvent>>,
    ) -> RpcResult<pb::RecordTelemetryResponse> {
        let mut stream = request.into_inner();
        let mut recorder = self.telemetry.recorder().await?;
        while let Some(e) = stream.message().await? {
            let too_long = self.lengths.check_item("sift.v1.TelemetryEvent", &e);
            if !too_long.is_empty() {
                recorder.reject_item(too_long);
                continue;
            }
            let pb::TelemetryEvent {
                signal_key,
                account_external_id,
                user_ref,
                count,
                occurred_at,
                event_id,
            } = e;
            let mut v = Violations::default();
            let occurred_at = occurred_at.and_then(|t| from_timestamp(&mut v, "occurred_at", &t));
            recorder
                .push(EventDraft {
                    signal_key,
                    account_external_id,
                    user_ref,
                    count,
                    occurred_at,
                    event_id: Some(event_id),
                })
                .await?;
        }
        let report = recorder.finish().await?;
        Ok(Response::new(pb::RecordTelemetryResponse {
            accepted: report.accepted,
            rejected: report.rejected,
            duplicates: report.duplicates,
            rejections: report
                .rejections
                .into_iter()
                .map(|(position, v)| pb::TelemetryRejection {
                    position,
                    field: v.field,
                    reason: v.reason,
                })
                .collect(),
        }))
    }
}
