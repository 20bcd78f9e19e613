//! Proto <-> domain conversions. Conversions destructure every proto field, so a new field
//! breaks the build until it is handled here.

use chrono::{DateTime, Utc};

use crate::domain::Violations;
use crate::domain::account::{Account, AccountDraft, ContactDraft, Tier};
use crate::domain::feedback::{FeedbackDraft, Importance, Source};
use crate::domain::notify::Channel;
use crate::domain::roadmap::RequestStatus;
use crate::domain::suggestion::{Proposal, SuggestionStatus};
use crate::domain::time::from_micros;
use crate::error::AppError;
use crate::pb;
use crate::server::config::Config;
use crate::service::accounts::ContactView;
use crate::service::feedback::FeedbackView;
use crate::service::placement::Placement;
use crate::service::requests::{RequestView, SuggestionView};

pub fn timestamp(t: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: t.timestamp_subsec_nanos() as i32,
    }
}

pub fn timestamp_us(us: i64) -> prost_types::Timestamp {
    timestamp(from_micros(us))
}

/// A proto timestamp as UTC, or a violation naming `field`.
pub fn from_timestamp(
    v: &mut Violations,
    field: &str,
    t: &prost_types::Timestamp,
) -> Option<DateTime<Utc>> {
    if !(0..1_000_000_000).contains(&t.nanos) {
        v.push(field, "nanos must be between 0 and 999,999,999");
        return None;
    }
    match DateTime::from_timestamp(t.seconds, t.nanos as u32) {
        // Stored as i64 microseconds: keep well inside that range.
        Some(dt) if (-62_135_596_800..=253_402_300_799).contains(&t.seconds) => Some(dt),
        _ => {
            v.push(field, "is outside the years 1 to 9999");
            None
        }
    }
}

pub fn tier_from_pb(v: &mut Violations, field: &str, value: i32) -> Option<Tier> {
    match pb::Tier::try_from(value) {
        Ok(pb::Tier::Unspecified) => None,
        Ok(pb::Tier::Key) => Some(Tier::Key),
        Ok(pb::Tier::Important) => Some(Tier::Important),
        Ok(pb::Tier::Standard) => Some(Tier::Standard),
        Err(_) => {
            v.push(field, format!("unknown tier {value}"));
            None
        }
    }
}

pub fn tier_to_pb(t: Tier) -> pb::Tier {
    match t {
        Tier::Key => pb::Tier::Key,
        Tier::Important => pb::Tier::Important,
        Tier::Standard => pb::Tier::Standard,
    }
}

pub fn source_from_pb(v: &mut Violations, field: &str, value: i32) -> Option<Source> {
    match pb::Source::try_from(value) {
        Ok(pb::Source::Unspecified) => None,
        Ok(pb::Source::Support) => Some(Source::Support),
        Ok(pb::Source::Csm) => Some(Source::Csm),
        Ok(pb::Source::Telemetry) => Some(Source::Telemetry),
        Ok(pb::Source::Sales) => Some(Source::Sales),
        Ok(pb::Source::Research) => Some(Source::Research),
        Err(_) => {
            v.push(field, format!("unknown source {value}"));
            None
        }
    }
}

pub fn source_to_pb(s: Source) -> pb::Source {
    match s {
        Source::Support => pb::Source::Support,
        Source::Csm => pb::Source::Csm,
        Source::Telemetry => pb::Source::Telemetry,
        Source::Sales => pb::Source::Sales,
        Source::Research => pb::Source::Research,
    }
}

fn importance_from_pb(v: &mut Violations, field: &str, value: i32) -> Option<Importance> {
    match pb::Importance::try_from(value) {
        Ok(pb::Importance::Unspecified) => None,
        Ok(pb::Importance::NiceToHave) => Some(Importance::NiceToHave),
        Ok(pb::Importance::Important) => Some(Importance::Important),
        Ok(pb::Importance::Critical) => Some(Importance::Critical),
        Err(_) => {
            v.push(field, format!("unknown importance {value}"));
            None
        }
    }
}

fn importance_to_pb(i: Option<Importance>) -> pb::Importance {
    match i {
        None => pb::Importance::Unspecified,
        Some(Importance::NiceToHave) => pb::Importance::NiceToHave,
        Some(Importance::Important) => pb::Importance::Important,
        Some(Importance::Critical) => pb::Importance::Critical,
    }
}

pub fn account_draft(v: &mut Violations, field: &str, a: pb::AccountInput) -> AccountDraft {
    let pb::AccountInput {
        external_id,
        name,
        arr,
        tier,
        segment,
        seats,
        renewal_date,
        health,
        csm_email,
        effective_at,
    } = a;
    AccountDraft {
        effective_at: effective_at
            .and_then(|t| from_timestamp(v, &format!("{field}.effective_at"), &t)),
        tier: tier.map(|t| tier_from_pb(v, &format!("{field}.tier"), t)),
        external_id,
        name,
        arr,
        segment,
        seats,
        renewal_date,
        health,
        csm_email,
    }
}

pub fn account_to_pb(a: Account, config: &Config) -> pb::Account {
    let effective = a.tier(config.tiers);
    let Account {
        id,
        external_id,
        name,
        arr,
        explicit_tier: _,
        segment,
        seats,
        renewal_date,
        health,
        csm_email,
        placeholder,
        created_at,
        updated_at,
    } = a;
    pb::Account {
        id,
        external_id,
        name,
        arr,
        currency: config.currency.clone(),
        tier: effective.map_or(pb::Tier::Unspecified, |(t, _)| tier_to_pb(t)) as i32,
        tier_derived: effective.is_some_and(|(_, derived)| derived),
        segment,
        seats,
        renewal_date: renewal_date.unwrap_or_default(),
        health,
        csm_email,
        placeholder,
        created_at: Some(timestamp(created_at)),
        updated_at: Some(timestamp(updated_at)),
    }
}

pub fn contact_draft(c: pb::ContactInput) -> ContactDraft {
    let pb::ContactInput {
        external_id,
        email,
        name,
        locale,
        account_external_id,
    } = c;
    ContactDraft {
        external_id,
        email,
        name,
        locale,
        account_external_id,
    }
}

pub fn contact_to_pb(view: ContactView) -> pb::Contact {
    let c = view.contact;
    pb::Contact {
        id: c.id,
        external_id: c.external_id.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
        name: c.name,
        locale: c.locale,
        account_id: c.account_id,
        account_external_id: view.account_external_id,
        opted_out: c.opted_out,
        channel: match c.channel {
            Some(Channel::Email) => pb::Channel::Email,
            Some(Channel::InApp) => pb::Channel::InApp,
            Some(Channel::CsmTask) | None => pb::Channel::Unspecified,
        } as i32,
        placeholder: c.placeholder,
    }
}

/// A feedback draft from the wire; enum numbers and timestamps the wire cannot carry in the
/// domain's terms become violations here, the rest is judged by the domain.
pub fn feedback_draft(
    field: &str,
    input: Option<pb::FeedbackInput>,
) -> Result<FeedbackDraft, Violations> {
    let mut v = Violations::default();
    let Some(input) = input else {
        v.push(field, "is required");
        return Err(v);
    };
    let pb::FeedbackInput {
        source,
        source_ref,
        account_external_id,
        contact,
        title,
        body,
        importance,
        occurred_at,
    } = input;
    let source = source_from_pb(&mut v, &format!("{field}.source"), source);
    let importance = importance_from_pb(&mut v, &format!("{field}.importance"), importance);
    let occurred_at =
        occurred_at.and_then(|t| from_timestamp(&mut v, &format!("{field}.occurred_at"), &t));
    let draft = FeedbackDraft {
        source,
        source_ref,
        account_external_id,
        contact: contact.map(
            |pb::ContactRef {
                 external_id,
                 email,
                 name,
             }| (external_id, email, name),
        ),
        title,
        body,
        importance,
        occurred_at,
    };
    v.into_result(draft)
}

pub fn feedback_to_pb(view: FeedbackView) -> pb::Feedback {
    let f = view.feedback;
    pb::Feedback {
        id: f.id,
        source: source_to_pb(f.source) as i32,
        source_ref: f.source_ref,
        account_id: f.account_id,
        account_external_id: view.account_external_id,
        contact_id: f.contact_id,
        title: f.title,
        body: f.body,
        importance: importance_to_pb(f.importance) as i32,
        occurred_at: Some(timestamp(f.occurred_at)),
        received_at: Some(timestamp(f.received_at)),
        request_id: f.request_id.unwrap_or(0),
        moved_by_pm: f.moved_by_pm,
    }
}

/// (assignment, similarity) of a stored item.
pub fn placement_to_pb(p: Placement) -> (pb::Assignment, f32) {
    match p {
        Placement::Joined { similarity } => (pb::Assignment::Joined, similarity),
        Placement::NewWithSuggestion { similarity, .. } => {
            (pb::Assignment::NewWithSuggestion, similarity)
        }
        Placement::New => (pb::Assignment::New, 0.0),
        Placement::Duplicate => (pb::Assignment::Duplicate, 0.0),
        Placement::Pending => (pb::Assignment::Pending, 0.0),
    }
}

pub fn request_status_to_pb(status: RequestStatus) -> pb::RequestStatus {
    use RequestStatus as S;
    match status {
        S::New => pb::RequestStatus::New,
        S::UnderReview => pb::RequestStatus::UnderReview,
        S::Planned => pb::RequestStatus::Planned,
        S::InProgress => pb::RequestStatus::InProgress,
        S::Shipped => pb::RequestStatus::Shipped,
        S::Declined => pb::RequestStatus::Declined,
        S::Merged => pb::RequestStatus::Merged,
    }
}

/// A request status from the wire; `None` for UNSPECIFIED or a number no status has.
pub fn request_status_from_pb(status: i32) -> Option<RequestStatus> {
    use RequestStatus as S;
    match pb::RequestStatus::try_from(status).ok()? {
        pb::RequestStatus::Unspecified => None,
        pb::RequestStatus::New => Some(S::New),
        pb::RequestStatus::UnderReview => Some(S::UnderReview),
        pb::RequestStatus::Planned => Some(S::Planned),
        pb::RequestStatus::InProgress => Some(S::InProgress),
        pb::RequestStatus::Shipped => Some(S::Shipped),
        pb::RequestStatus::Declined => Some(S::Declined),
        pb::RequestStatus::Merged => Some(S::Merged),
    }
}

pub fn request_to_pb(v: RequestView) -> pb::Request {
    let r = v.request;
    pb::Request {
        id: r.id,
        title: v.title,
        title_set_by_pm: r.pm_title.is_some(),
        status: request_status_to_pb(r.status) as i32,
        merged_into: r.merged_into,
        feedback_count: v.feedback_count,
        account_count: v.account_count,
        created_at: Some(timestamp(r.created_at)),
        updated_at: Some(timestamp(r.updated_at)),
    }
}

fn suggestion_status_to_pb(status: SuggestionStatus) -> pb::SuggestionStatus {
    match status {
        SuggestionStatus::Pending => pb::SuggestionStatus::Pending,
        SuggestionStatus::Accepted => pb::SuggestionStatus::Accepted,
        SuggestionStatus::Rejected => pb::SuggestionStatus::Rejected,
    }
}

/// The queue a list call asks for: PENDING when unspecified.
pub fn suggestion_status_from_pb(status: i32) -> Result<SuggestionStatus, AppError> {
    match pb::SuggestionStatus::try_from(status) {
        Ok(pb::SuggestionStatus::Unspecified | pb::SuggestionStatus::Pending) => {
            Ok(SuggestionStatus::Pending)
        }
        Ok(pb::SuggestionStatus::Accepted) => Ok(SuggestionStatus::Accepted),
        Ok(pb::SuggestionStatus::Rejected) => Ok(SuggestionStatus::Rejected),
        Err(_) => Err(AppError::invalid(
            "status",
            format!("unknown status {status}"),
        )),
    }
}

pub fn move_suggestion_to_pb(v: SuggestionView) -> pb::MoveSuggestion {
    let s = v.suggestion;
    let feedback_id = match s.proposal {
        Proposal::Move { feedback_id, .. } => feedback_id,
        Proposal::Merge { .. } => 0,
    };
    pb::MoveSuggestion {
        id: s.id,
        feedback_id,
        from_request_id: s.proposal.from_request_id(),
        target_request_id: s.proposal.target_request_id(),
        similarity: s.similarity as f32,
        status: suggestion_status_to_pb(s.status) as i32,
        created_at: Some(timestamp(s.created_at)),
        from_title: v.from_title,
        target_title: v.target_title,
    }
}

pub fn suggestion_to_pb(v: SuggestionView) -> pb::MergeSuggestion {
    let s = v.suggestion;
    pb::MergeSuggestion {
        id: s.id,
        request_id: s.proposal.from_request_id(),
        target_request_id: s.proposal.target_request_id(),
        similarity: s.similarity as f32,
        status: suggestion_status_to_pb(s.status) as i32,
        created_at: Some(timestamp(s.created_at)),
        request_title: v.from_title,
        target_title: v.target_title,
    }
}
