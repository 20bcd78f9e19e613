//! The ranked backlog and its explanation; themes, alignment, effort and scoring profiles.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tracing::instrument;

use super::access::audit;
use super::backlog::{PLAN_VERSION, SharedBacklog, score_time};
use super::requests::{RequestView, Requests};
use super::{Ctx, page};
use crate::domain::Violations;
use crate::domain::account::{Account, Tier};
use crate::domain::roadmap::RequestStatus;
use crate::domain::scoring::{DemandProfile, Explanation, Score, ScoringProfile, rank_cmp};
use crate::error::AppError;
use crate::store::{GlobalLock, plan, requests, to_micros};
use serde_json::json;

pub const ACTIVE_PROFILE: &str = "active_profile";
pub const DEFAULT_PROFILE_NAME: &str = "default";

/// Which profile to score with.
pub enum ProfileChoice {
    Active,
    Id(i64),
    Name(String),
    Inline(Box<ScoringProfile>),
}

/// A stored (or inline) profile and where it came from.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub id: i64,
    pub name: String,
    pub version: i32,
    pub profile: ScoringProfile,
    pub active: bool,
    pub created_at: i64,
}

#[derive(Default)]
pub struct BacklogQuery {
    pub profile: Option<ProfileChoice>,
    pub statuses: Vec<RequestStatus>,
    pub theme_id: Option<i64>,
    pub tier: Option<Tier>,
    pub segment: Option<String>,
    pub demand: Option<DemandProfile>,
    pub min_accounts: i64,
    pub evidence_after: Option<DateTime<Utc>>,
    pub evidence_before: Option<DateTime<Utc>>,
    pub page_size: i32,
    pub page_token: String,
}

pub struct BacklogRow {
    pub rank: i64,
    pub view: RequestView,
    pub score: Score,
    pub effort: Option<f64>,
}

pub struct BacklogPage {
    pub rows: Vec<BacklogRow>,
    pub next: Option<String>,
    pub total: i64,
    pub profile: ProfileView,
}

pub struct ExplainView {
    pub explanation: Explanation,
    pub telemetry_users: i64,
    pub accounts: Vec<Account>,
    pub quotes: Vec<super::feedback::FeedbackView>,
    pub profile: ProfileView,
}

#[derive(Clone)]
pub struct Prioritization {
    ctx: Ctx,
    model: Arc<SharedBacklog>,
    requests: Requests,
    /// The scoring profiles as read since the views version kept with them (every write to
    /// them moves it): a backlog page reads them from memory while it stays.
    profiles: Arc<std::sync::Mutex<super::kept::Kept<Vec<ProfileView>>>>,
}

fn violations(errs: Vec<(String, String)>, prefix: &str) -> AppError {
    let mut v = Violations::default();
    for (field, reason) in errs {
        v.push(format!("{prefix}.{field}"), reason);
    }
    AppError::Invalid(v)
}

impl Prioritization {
    /// The time this service reads (the app's clock).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.ctx.clock.now()
    }

    /// The service over `model`, the backlog's inputs (loaded or not: the first call loads
    /// what is missing).
    pub fn new(ctx: Ctx, requests: Requests, model: Arc<SharedBacklog>) -> Self {
        Self {
            ctx,
            model,
            requests,
            profiles: Default::default(),
        }
    }

    /// Stores the shipped default profile as version 1 of "default" and makes it active, on a
    /// database that has no profile yet.
    pub async fn seed_default_profile(&self) -> Result<(), AppError> {
        // Under the global lock: instances starting together seed it once.
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        if plan::profiles(&*tx).await?.is_empty() {
            let params = serde_json::to_string(&ScoringProfile {
                name: DEFAULT_PROFILE_NAME.into(),
                ..ScoringProfile::default()
            })
            .map_err(|e| AppError::Internal(e.to_string()))?;
            let row = plan::insert_profile(
                &*tx,
                DEFAULT_PROFILE_NAME,
                &params,
                to_micros(self.ctx.clock.now()),
            )
            .await?;
            plan::set_setting(&*tx, ACTIVE_PROFILE, row.id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The backlog's in-memory inputs, brought up to date, handed to `f` (which must not call
    /// the database: the model is locked while it runs).
    pub async fn with_model<R>(
        &self,
        f: impl FnOnce(&super::backlog::Backlog) -> R,
    ) -> Result<R, AppError> {
        self.model
            .refresh_since(self.ctx.store.db(), std::time::Instant::now())
            .await?;
        let model = self.model.lock();
        Ok(f(&model))
    }

    async fn profile_views(&self) -> Result<Vec<ProfileView>, AppError> {
        let db = self.ctx.store.db();
        let plan::ProfilesAndActive { profiles, active } =
            plan::profiles_and_active(db, ACTIVE_PROFILE).await?;
        profiles
            .into_iter()
            .map(|p| {
                let profile: ScoringProfile = serde_json::from_str(&p.params)
                    .map_err(|e| AppError::Internal(format!("profile {}: {e}", p.id)))?;
                Ok(ProfileView {
                    active: p.id == active,
                    id: p.id,
                    name: p.name,
                    version: p.version,
                    profile,
                    created_at: p.created_at,
                })
            })
            .collect()
    }

    pub async fn list_profiles(&self) -> Result<Vec<ProfileView>, AppError> {
        self.profile_views().await
    }

    /// [`Self::profile_views`] for a caller that read the views version as `views_version`
    /// after it began: from memory when read since.
    async fn profile_views_at(&self, views_version: i64) -> Result<Vec<ProfileView>, AppError> {
        // One entry: the whole list.
        let mut kept = super::kept::kept(&self.profiles, Some(views_version), &[0], |_| async {
            Ok([(0, self.profile_views().await?)].into_iter().collect())
        })
        .await?;
        Ok(kept.remove(&0).unwrap_or_default())
    }

    pub async fn resolve(&self, choice: ProfileChoice) -> Result<ProfileView, AppError> {
        Self::resolve_in(self.profile_views().await?, choice)
    }

    /// The profile `choice` names among `views`.
    fn resolve_in(views: Vec<ProfileView>, choice: ProfileChoice) -> Result<ProfileView, AppError> {
        let found = match choice {
            ProfileChoice::Inline(p) => {
                p.validate().map_err(|e| violations(e, "profile.inline"))?;
                return Ok(ProfileView {
                    id: 0,
                    name: p.name.clone(),
                    version: 0,
                    profile: *p,
                    active: false,
                    created_at: 0,
                });
            }
            ProfileChoice::Active => views.into_iter().find(|v| v.active),
            ProfileChoice::Id(id) => {
                return views
                    .into_iter()
                    .find(|v| v.id == id)
                    .ok_or_else(|| AppError::NotFound(format!("scoring profile {id}")));
            }
            ProfileChoice::Name(name) => {
                return views
                    .into_iter()
                    .filter(|v| v.name == name)
                    .max_by_key(|v| v.version)
                    .ok_or_else(|| AppError::NotFound(format!("scoring profile {name:?}")));
            }
        };
        Ok(found.unwrap_or_else(|| ProfileView {
            id: 0,
            name: DEFAULT_PROFILE_NAME.into(),
            version: 0,
            profile: ScoringProfile::default(),
            active: true,
            created_at: 0,
        }))
    }

    pub async fn create_profile(
        &self,
        name: &str,
        mut profile: ScoringProfile,
    ) -> Result<ProfileView, AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::invalid(
                "name",
                "is required, at most 200 characters",
            ));
        }
        if name.contains('\0') {
            return Err(AppError::invalid("name", "contains a NUL character"));
        }
        profile.name = name.to_owned();
        profile.validate().map_err(|e| violations(e, "params"))?;
        let params =
            serde_json::to_string(&profile).map_err(|e| AppError::Internal(e.to_string()))?;
        let tx = self.ctx.store.begin_write(None).await?;
        let row =
            plan::insert_profile(&*tx, name, &params, to_micros(self.ctx.clock.now())).await?;
        audit(
            &*tx,
            "",
            "profile.create",
            format!("profile:{}", row.id),
            serde_json::Value::Null,
            json!({ "name": name, "params": profile }),
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        tx.commit().await?;
        self.resolve(ProfileChoice::Id(row.id)).await
    }

    pub async fn set_active(&self, id: i64) -> Result<ProfileView, AppError> {
        let view = self.resolve(ProfileChoice::Id(id)).await?;
        let tx = self.ctx.store.begin_write(None).await?;
        plan::set_setting(&*tx, ACTIVE_PROFILE, id).await?;
        crate::store::views_changed(&*tx).await?;
        audit(
            &*tx,
            "",
            "profile.activate",
            format!("profile:{id}"),
            serde_json::Value::Null,
            json!({ "active": true }),
            to_micros(self.ctx.clock.now()),
        )
        .await?;
        tx.commit().await?;
        Ok(ProfileView {
            active: true,
            ..view
        })
    }

    #[instrument(skip_all)]
    pub async fn backlog(&self, q: BacklogQuery) -> Result<BacklogPage, AppError> {
        let size = match q.page_size {
            0 => 50,
            1..=500 => q.page_size as usize,
            _ => return Err(AppError::invalid("page_size", "must be between 1 and 500")),
        };
        let offset = match q.page_token.as_str() {
            "" => 0,
            t => page::decode("backlog", t, 1, "page_token")?[0].max(0) as usize,
        };
        if let (Some(a), Some(b)) = (q.evidence_after, q.evidence_before)
            && a >= b
        {
            return Err(AppError::invalid(
                "evidence_before",
                "must be later than evidence_after",
            ));
        }
        // The inputs first: the refresh reads the views version, and the profiles read since
        // are in memory.
        self.model
            .refresh_since(self.ctx.store.db(), std::time::Instant::now())
            .await?;
        let views_version = self.model.lock().read_at().views_version;
        let profile = Self::resolve_in(
            self.profile_views_at(views_version).await?,
            q.profile.unwrap_or(ProfileChoice::Active),
        )?;
        let key = serde_json::to_string(&profile.profile).unwrap_or_default();
        let at = score_time(self.ctx.clock.now());
        let statuses: Vec<RequestStatus> = q.statuses.clone();
        let windowed = q.evidence_after.is_some() || q.evidence_before.is_some();

        let unfiltered = statuses.is_empty()
            && q.theme_id.is_none()
            && q.tier.is_none()
            && q.segment.is_none()
            && q.demand.is_none()
            && q.min_accounts <= 0
            && !windowed;
        if unfiltered {
            let (page_rows, total) = {
                let mut model = self.model.lock();
                model.ranked_page(&key, &profile.profile, at, offset, size)
            };
            return self.page(page_rows, offset, size, total, profile).await;
        }
        let mut ranked: Vec<(i64, Score, Option<f64>)> = {
            let mut model = self.model.lock();
            let wanted = |r: &super::backlog::RequestInputsOwned| {
                if statuses.is_empty() {
                    r.in_open_backlog()
                } else {
                    statuses.contains(&r.status)
                }
            };
            let candidates: Vec<i64> = model
                .requests
                .iter()
                .filter(|(_, r)| wanted(r))
                .filter(|(_, r)| {
                    q.theme_id
                        .is_none_or(|t| r.themes.iter().any(|(x, _)| *x == t))
                })
                .filter(|(_, r)| {
                    q.tier.is_none_or(|tier| {
                        r.evidence.iter().any(|e| {
                            model.accounts.get(&e.account_id).and_then(|a| a.facts.tier)
                                == Some(tier)
                        })
                    })
                })
                .filter(|(_, r)| {
                    q.segment.as_deref().is_none_or(|seg| {
                        r.evidence.iter().any(|e| {
                            model
                                .accounts
                                .get(&e.account_id)
                                .is_some_and(|a| a.segment == seg)
                        })
                    })
                })
                .map(|(id, _)| *id)
                .collect();
            let scored: Vec<(i64, Score, Option<f64>)> = if windowed {
                candidates
                    .iter()
                    .filter_map(|id| {
                        let r = model.requests.get(id)?;
                        let evidence: Vec<_> = r
                            .evidence
                            .iter()
                            .filter(|e| {
                                q.evidence_after.is_none_or(|a| e.occurred_at >= a)
                                    && q.evidence_before.is_none_or(|b| e.occurred_at < b)
                            })
                            .copied()
                            .collect();
                        if evidence.is_empty() {
                            return None;
                        }
                        Some((
                            *id,
                            model.score_one(r, &evidence, &profile.profile, at),
                            r.effort,
                        ))
                    })
                    .collect()
            } else {
                let efforts: Vec<Option<f64>> = candidates
                    .iter()
                    .map(|id| model.requests.get(id).and_then(|r| r.effort))
                    .collect();
                let scores = model.scores(&key, &profile.profile, at);
                candidates
                    .iter()
                    .zip(efforts)
                    .filter_map(|(id, effort)| scores.get(id).map(|s| (*id, *s, effort)))
                    .collect()
            };
            scored
                .into_iter()
                .filter(|(_, s, _)| s.accounts as i64 >= q.min_accounts)
                .filter(|(_, s, _)| q.demand.is_none_or(|d| s.demand == d))
                .collect()
        };
        let total = ranked.len();
        // Only the requested page needs a full order: select, then sort that slice.
        let cmp = |a: &(i64, Score, Option<f64>), b: &(i64, Score, Option<f64>)| {
            rank_cmp((a.1.score, a.0), (b.1.score, b.0))
        };
        let end = (offset + size).min(ranked.len());
        if end < ranked.len() {
            ranked.select_nth_unstable_by(end, cmp);
            ranked.truncate(end);
        }
        ranked.sort_unstable_by(cmp);
        let page_rows: Vec<(i64, Score, Option<f64>)> = ranked.into_iter().skip(offset).collect();
        self.page(page_rows, offset, size, total as usize, profile)
            .await
    }

    /// Titles and counts for one page of ranked rows.
    async fn page(
        &self,
        page_rows: Vec<(i64, Score, Option<f64>)>,
        offset: usize,
        size: usize,
        total: usize,
        profile: ProfileView,
    ) -> Result<BacklogPage, AppError> {
        let ids: Vec<i64> = page_rows.iter().map(|(id, _, _)| *id).collect();
        let db = self.ctx.store.db();
        // Counts from the score inputs: no query over the feedback table. The refresh this call
        // made or shared read the log's end and the views version after the call began: the
        // titles need the clustering no further, and rows read since may come from memory.
        let (counts, read_at): (std::collections::HashMap<i64, (i64, i64)>, _) = {
            let model = self.model.lock();
            let counts = page_rows
                .iter()
                .map(|(id, score, _)| {
                    let n = model
                        .requests
                        .get(id)
                        .map_or(0, |r| r.evidence.len() as i64);
                    (*id, (n, score.accounts as i64))
                })
                .collect();
            (counts, model.read_at())
        };
        let found = self
            .requests
            .requests_by_id(db, &ids, Some(read_at.views_version))
            .await?;
        let ordered: Vec<_> = ids.iter().filter_map(|id| found.get(id).cloned()).collect();
        let views = self
            .requests
            .views_counted(db, ordered, &counts, Some(read_at))
            .await?;
        let rows = views
            .into_iter()
            .zip(page_rows)
            .enumerate()
            .map(|(i, (view, (_, score, effort)))| BacklogRow {
                rank: (offset + i + 1) as i64,
                view,
                score,
                effort,
            })
            .collect();
        let end = offset + size;
        let next = (end < total).then(|| page::encode("backlog", &[end as i64]));
        Ok(BacklogPage {
            rows,
            next,
            total: total as i64,
            profile,
        })
    }

    /// Scores of `ids` under the active profile now (absent: no evidence).
    pub async fn current_scores(
        &self,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, f64>, AppError> {
        let profile = self.resolve(ProfileChoice::Active).await?;
        let key = serde_json::to_string(&profile.profile).unwrap_or_default();
        let at = score_time(self.ctx.clock.now());
        let since = std::time::Instant::now();
        self.model.refresh_since(self.ctx.store.db(), since).await?;
        let mut model = self.model.lock();
        let scores = model.scores(&key, &profile.profile, at);
        Ok(ids
            .iter()
            .filter_map(|id| scores.get(id).map(|s| (*id, s.score)))
            .collect())
    }

    /// Why a request scores what it does: now, or at the end of a past day (`as_of`,
    /// YYYY-MM-DD; empty: now) with the inputs reconstructed as BacktestProfile ranks them.
    pub async fn explain(
        &self,
        request_id: i64,
        choice: Option<ProfileChoice>,
        as_of: &str,
        now: DateTime<Utc>,
    ) -> Result<ExplainView, AppError> {
        let as_of = if as_of.trim().is_empty() {
            None
        } else {
            let mut v = Violations::default();
            let day =
                crate::domain::validation::past_date(&mut v, "as_of", as_of, now.date_naive());
            v.into_result(day)?
        };
        let profile = self
            .resolve(choice.unwrap_or(ProfileChoice::Active))
            .await?;
        let db = self.ctx.store.db();
        let row = requests::get(db, request_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
        let (explanation, telemetry_users) = match as_of {
            Some(day) => {
                let past = super::past::backlog_at(&self.ctx, self, day).await?;
                let candidate = past.candidate(row.id).ok_or_else(|| {
                    AppError::FailedPrecondition(format!(
                        "request {request_id} was not in the backlog at the end of {day}: \
                         not open then, or no feedback by then"
                    ))
                })?;
                let e = crate::domain::backtest::explain(
                    candidate,
                    &past.accounts,
                    &past.base,
                    &profile.profile,
                    past.at,
                    5,
                );
                (e, 0)
            }
            None => {
                let at = score_time(now);
                let since = std::time::Instant::now();
                self.model.refresh_since(db, since).await?;
                let model = self.model.lock();
                let users = model.requests.get(&row.id).map_or(0, |r| r.telemetry_users);
                let e = model.explain(row.id, &profile.profile, at).ok_or_else(|| {
                    AppError::FailedPrecondition(format!("request {request_id} has no evidence"))
                })?;
                (e, users)
            }
        };
        let account_ids: Vec<i64> = explanation
            .contributions
            .iter()
            .map(|c| c.account_id)
            .collect();
        let accounts = crate::store::accounts::by_ids(db, &account_ids).await?;
        let mut quotes = Vec::new();
        for id in &explanation.top_feedback {
            if let Some(f) = crate::store::feedback::get(db, *id).await? {
                let ext = accounts
                    .iter()
                    .find(|a| a.id == f.account_id)
                    .map(|a| a.external_id.clone())
                    .unwrap_or_default();
                quotes.push(super::feedback::FeedbackView {
                    feedback: f,
                    account_external_id: ext,
                });
            }
        }
        Ok(ExplainView {
            explanation,
            telemetry_users,
            accounts,
            quotes,
            profile,
        })
    }

    /// Runs a plan change (themes, alignment, effort) and bumps the plan version in the same
    /// transaction, so every instance's backlog picks it up.
    async fn plan_change<T>(
        &self,
        change: impl AsyncFnOnce(&crate::store::WriteTx) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let tx = self.ctx.store.begin_write(Some(GlobalLock::Ingest)).await?;
        let out = change(&tx).await?;
        plan::bump(&*tx, PLAN_VERSION).await?;
        tx.commit().await?;
        Ok(out)
    }

    pub async fn themes(&self) -> Result<Vec<crate::domain::scoring::Theme>, AppError> {
        plan::themes(self.ctx.store.db()).await
    }

    pub async fn create_theme(
        &self,
        name: &str,
        description: &str,
        weight: f64,
        active: bool,
    ) -> Result<crate::domain::scoring::Theme, AppError> {
        let theme = validate_theme(0, name, description, weight, active)?;
        self.plan_change(async |tx| {
            if plan::theme_by_name(&**tx, &theme.name).await?.is_some() {
                return Err(AppError::invalid("name", "a theme with this name exists"));
            }
            plan::insert_theme(&**tx, &theme, to_micros(self.ctx.clock.now())).await?;
            audit(
                &**tx,
                "",
                "theme.create",
                format!("theme:{}", theme.name),
                serde_json::Value::Null,
                theme_json(&theme),
                to_micros(self.ctx.clock.now()),
            )
            .await?;
            plan::theme_by_name(&**tx, &theme.name)
                .await?
                .ok_or_else(|| AppError::Internal("theme not stored".into()))
        })
        .await
    }

    pub async fn update_theme(
        &self,
        id: i64,
        name: Option<String>,
        description: Option<String>,
        weight: Option<f64>,
        active: Option<bool>,
    ) -> Result<crate::domain::scoring::Theme, AppError> {
        self.plan_change(async |tx| {
            let old = plan::theme(&**tx, id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("theme {id}")))?;
            let theme = validate_theme(
                id,
                name.as_deref().unwrap_or(&old.name),
                description.as_deref().unwrap_or(&old.description),
                weight.unwrap_or(old.weight),
                active.unwrap_or(old.active),
            )?;
            if theme.name != old.name && plan::theme_by_name(&**tx, &theme.name).await?.is_some() {
                return Err(AppError::invalid("name", "a theme with this name exists"));
            }
            plan::update_theme(&**tx, &theme, to_micros(self.ctx.clock.now())).await?;
            audit(
                &**tx,
                "",
                "theme.update",
                format!("theme:{id}"),
                theme_json(&old),
                theme_json(&theme),
                to_micros(self.ctx.clock.now()),
            )
            .await?;
            Ok(theme)
        })
        .await
    }

    pub async fn align(
        &self,
        request_id: i64,
        theme_id: i64,
        alignment: f64,
    ) -> Result<(), AppError> {
        if !(0.0..=1.0).contains(&alignment) {
            return Err(AppError::invalid("alignment", "must be between 0 and 1"));
        }
        self.plan_change(async |tx| {
            requests::get(&**tx, request_id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
            plan::theme(&**tx, theme_id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("theme {theme_id}")))?;
            plan::set_alignment(&**tx, request_id, theme_id, alignment).await?;
            audit(
                &**tx,
                "",
                "request.align",
                format!("request:{request_id}"),
                serde_json::Value::Null,
                json!({ "theme": theme_id, "alignment": alignment }),
                to_micros(self.ctx.clock.now()),
            )
            .await
        })
        .await
    }

    pub async fn set_effort(&self, request_id: i64, effort: f64) -> Result<Option<f64>, AppError> {
        if !effort.is_finite() || !(0.0..=10_000.0).contains(&effort) {
            return Err(AppError::invalid(
                "effort",
                "must be between 0 and 10000 person-weeks",
            ));
        }
        let effort = (effort > 0.0).then_some(effort);
        self.plan_change(async |tx| {
            requests::get(&**tx, request_id)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("request {request_id}")))?;
            plan::set_effort(&**tx, request_id, effort).await?;
            audit(
                &**tx,
                "",
                "request.effort",
                format!("request:{request_id}"),
                serde_json::Value::Null,
                json!({ "effort": effort }),
                to_micros(self.ctx.clock.now()),
            )
            .await
        })
        .await?;
        Ok(effort)
    }
}

fn theme_json(t: &crate::domain::scoring::Theme) -> serde_json::Value {
    json!({ "name": t.name, "description": t.description, "weight": t.weight, "active": t.active })
}

fn validate_theme(
    id: i64,
    name: &str,
    description: &str,
    weight: f64,
    active: bool,
) -> Result<crate::domain::scoring::Theme, AppError> {
    let mut v = Violations::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        v.push("name", "is required, at most 200 characters");
    }
    if description.chars().count() > 2_000 {
        v.push("description", "is longer than 2000 characters");
    }
    crate::domain::validation::no_nul(&mut v, "name", name);
    crate::domain::validation::no_nul(&mut v, "description", description);
    if !weight.is_finite() || !(0.0..=1.0).contains(&weight) {
        v.push("weight", "must be between 0 and 1");
    }
    v.into_result(crate::domain::scoring::Theme {
        id,
        name: name.to_owned(),
        description: description.trim().to_owned(),
        weight,
        active,
    })
    .map_err(AppError::from)
}
