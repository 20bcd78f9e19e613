//! `sift.v1.RoadmapService` and `sift.v1.NotificationService`.

use std::pin::Pin;

use tokio_stream::Stream;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};

use super::RpcResult;
use super::convert::{contact_to_pb, request_to_pb, timestamp, timestamp_us};
use crate::domain::Violations;
use crate::domain::notify::{
    Channel, DeliveryStatus, Notification, Outcome, Planned, Trigger, attempt_number,
};
use crate::domain::roadmap::{Lane, Release, ReleaseDraft, ReleaseKind};
use crate::error::AppError;
use crate::pb::{
    self, notification_service_server::NotificationService, roadmap_service_server::RoadmapService,
};
use crate::service::accounts::ContactView;
use crate::service::notifications::{AckInput, Notifications};
use crate::service::outbox::Payload;
use crate::service::requests::Requests;
use crate::service::roadmap::{ItemView, PlanTarget, Roadmap};

pub struct RoadmapApi {
    pub roadmap: Roadmap,
    pub requests: Requests,
}

pub struct NotificationApi {
    pub notifications: Notifications,
}

fn release_to_pb(r: Release) -> pb::Release {
    pb::Release {
        id: r.id,
        version: r.version,
        kind: match r.kind {
            Some(ReleaseKind::Minor) => pb::ReleaseKind::Minor,
            Some(ReleaseKind::Major) => pb::ReleaseKind::Major,
            None => pb::ReleaseKind::Unspecified,
        } as i32,
        planned_date: r.planned_date,
        summary: r.summary,
        shipped: r.shipped_at.is_some(),
        shipped_at: r.shipped_at.map(timestamp),
        shipped_by: r.shipped_by.unwrap_or_default(),
        created_at: Some(timestamp(r.created_at)),
    }
}

fn lane_to_pb(lane: Option<Lane>) -> pb::Lane {
    match lane {
        Some(Lane::Now) => pb::Lane::Now,
        Some(Lane::Next) => pb::Lane::Next,
        Some(Lane::Later) => pb::Lane::Later,
        None => pb::Lane::Unspecified,
    }
}

fn item_to_pb(item: ItemView) -> pb::RoadmapItem {
    let release_id = item.view.request.release_id;
    let lane = item.view.request.lane;
    pb::RoadmapItem {
        request: Some(request_to_pb(item.view)),
        release_id,
        lane: lane_to_pb(lane) as i32,
        release_note: item.note,
        score: item.score,
    }
}

fn channel_to_pb(channel: Channel) -> pb::NotificationChannel {
    match channel {
        Channel::Email => pb::NotificationChannel::Email,
        Channel::InApp => pb::NotificationChannel::InApp,
        Channel::CsmTask => pb::NotificationChannel::CsmTask,
    }
}

fn delivery_status_to_pb(status: DeliveryStatus) -> pb::NotificationStatus {
    match status {
        DeliveryStatus::Pending => pb::NotificationStatus::Pending,
        DeliveryStatus::Failed => pb::NotificationStatus::Failed,
        DeliveryStatus::Delivered => pb::NotificationStatus::Delivered,
        DeliveryStatus::Dead => pb::NotificationStatus::Dead,
        DeliveryStatus::Suppressed => pb::NotificationStatus::Suppressed,
    }
}

/// A notification on the wire; the attempt is the one shown to consumers (see
/// `Delivery::attempt`).
pub fn notification_to_pb(n: Notification) -> pb::Notification {
    let attempt = attempt_number(n.delivery.status, n.delivery.failures) as i32;
    let p = Payload::parse(&n.payload);
    let csm = n.channel == Channel::CsmTask;
    let group_key = match (n.release_id, n.contact_id) {
        (Some(r), _) if csm => format!("release:{r}:account:{}:csm", n.account_id),
        (None, _) if csm => format!(
            "{}:account:{}:csm",
            n.trigger.as_str().to_lowercase(),
            n.account_id
        ),
        (Some(r), Some(c)) => format!("release:{r}:contact:{c}"),
        (Some(r), None) => format!("release:{r}:account:{}", n.account_id),
        (None, Some(c)) => format!("{}:contact:{c}", n.trigger.as_str().to_lowercase()),
        (None, None) => format!(
            "{}:account:{}",
            n.trigger.as_str().to_lowercase(),
            n.account_id
        ),
    };
    pb::Notification {
        id: n.id,
        trigger: match n.trigger {
            Trigger::Shipped => pb::NotificationTrigger::Shipped,
            Trigger::Planned => pb::NotificationTrigger::Planned,
            Trigger::InProgress => pb::NotificationTrigger::InProgress,
            Trigger::AlreadyAvailable => pb::NotificationTrigger::AlreadyAvailable,
        } as i32,
        group_key,
        release_id: n.release_id.unwrap_or_default(),
        release_version: p.release_version,
        release_date: p.release_date,
        request_id: n.request_id,
        request_title: p.request_title,
        release_note: p.release_note,
        account_id: n.account_id,
        account_external_id: p.account_external_id,
        contact_id: n.contact_id.unwrap_or_default(),
        contact_name: p.contact_name,
        locale: p.locale,
        channel: channel_to_pb(n.channel) as i32,
        recipient: n.recipient,
        status: delivery_status_to_pb(n.delivery.status) as i32,
        suppressed_reason: n
            .suppressed
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        attempt,
        last_error: n.delivery.last_error,
        next_attempt_at: Some(timestamp_us(n.delivery.next_attempt_at)),
        quotes: p
            .quotes
            .into_iter()
            .map(|q| pb::RequesterQuote {
                feedback_id: q.feedback_id,
                source: q.source,
                source_ref: q.source_ref,
                occurred_at: Some(timestamp_us(q.occurred_at)),
                excerpt: q.excerpt,
                request_id: q.request_id,
                contact_id: q.contact_id.unwrap_or_default(),
            })
            .collect(),
        created_at: Some(timestamp_us(n.created_at)),
        requests: p
            .requests
            .into_iter()
            .map(|r| pb::TaskRequest {
                request_id: r.request_id,
                request_title: r.title,
                release_note: r.release_note,
            })
            .collect(),
    }
}

fn recipient_to_pb(p: &Planned) -> pb::RecipientPreview {
    pb::RecipientPreview {
        contact_id: p.contact_id.unwrap_or_default(),
        account_id: p.account_id,
        channel: channel_to_pb(p.channel) as i32,
        recipient: p.recipient.clone(),
        suppressed: p.suppressed.is_some(),
        suppressed_reason: p
            .suppressed
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        quotes: p.quotes.len() as i32,
    }
}

/// The domain name of a wire enum value (`LANE_NOW` -> `NOW`), for the domain's `parse`.
fn enum_name<'a>(name: &'a str, prefix: &str) -> &'a str {
    name.strip_prefix(prefix).unwrap_or(name)
}

#[tonic::async_trait]
impl RoadmapService for RoadmapApi {
    async fn create_release(
        &self,
        request: Request<pb::CreateReleaseRequest>,
    ) -> RpcResult<pb::Release> {
        let r = request.into_inner();
        let kind = pb::ReleaseKind::try_from(r.kind)
            .ok()
            .and_then(|k| ReleaseKind::parse(enum_name(k.as_str_name(), "RELEASE_KIND_")));
        let draft = ReleaseDraft {
            version: r.version,
            kind,
            planned_date: r.planned_date,
            summary: r.summary,
        };
        let release = self
            .roadmap
            .create_release(draft.validate().map_err(AppError::from)?)
            .await?;
        Ok(Response::new(release_to_pb(release)))
    }

    async fn plan_request(
        &self,
        request: Request<pb::PlanRequestRequest>,
    ) -> RpcResult<pb::RoadmapItem> {
        use pb::plan_request_request::Target;
        let r = request.into_inner();
        let target = match r.target {
            Some(Target::ReleaseId(id)) if id > 0 => PlanTarget::Release(id),
            Some(Target::ReleaseId(_)) => {
                return Err(AppError::invalid("release_id", "must be a release id").into());
            }
            Some(Target::Lane(l)) => {
                let lane = pb::Lane::try_from(l)
                    .ok()
                    .and_then(|l| Lane::parse(enum_name(l.as_str_name(), "LANE_")))
                    .ok_or_else(|| AppError::invalid("lane", "must be NOW, NEXT or LATER"))?;
                PlanTarget::Lane(lane)
            }
            Some(Target::Unplan(true)) => PlanTarget::Unplanned,
            Some(Target::Unplan(false)) | None => {
                return Err(AppError::invalid(
                    "target",
                    "one of release_id, lane or unplan is required",
                )
                .into());
            }
        };
        let item = self.roadmap.plan(r.request_id, target, &r.actor).await?;
        Ok(Response::new(item_to_pb(item)))
    }

    async fn set_release_note(
        &self,
        request: Request<pb::SetReleaseNoteRequest>,
    ) -> RpcResult<pb::RoadmapItem> {
        let r = request.into_inner();
        let item = self
            .roadmap
            .set_note(r.request_id, r.release_id, &r.text)
            .await?;
        Ok(Response::new(item_to_pb(item)))
    }

    async fn get_roadmap(
        &self,
        request: Request<pb::GetRoadmapRequest>,
    ) -> RpcResult<pb::GetRoadmapResponse> {
        let view = self
            .roadmap
            .roadmap(request.into_inner().include_shipped)
            .await?;
        Ok(Response::new(pb::GetRoadmapResponse {
            releases: view
                .releases
                .into_iter()
                .map(|r| pb::RoadmapRelease {
                    release: Some(release_to_pb(r.release)),
                    items: r.items.into_iter().map(item_to_pb).collect(),
                })
                .collect(),
            lanes: view
                .lanes
                .into_iter()
                .map(|l| pb::RoadmapLane {
                    lane: lane_to_pb(Some(l.lane)) as i32,
                    items: l.items.into_iter().map(item_to_pb).collect(),
                })
                .collect(),
        }))
    }

    async fn update_request_status(
        &self,
        request: Request<pb::UpdateRequestStatusRequest>,
    ) -> RpcResult<pb::Request> {
        super::request::update_request_status(&self.requests, request.into_inner()).await
    }

    async fn preview_release(
        &self,
        request: Request<pb::PreviewReleaseRequest>,
    ) -> RpcResult<pb::PreviewReleaseResponse> {
        let preview = self
            .roadmap
            .preview(request.into_inner().release_id)
            .await?;
        let planned = preview.requests.iter().flat_map(|r| &r.planned);
        let notifications = planned.clone().count() as i64;
        let suppressed = planned.filter(|p| p.suppressed.is_some()).count() as i64;
        let mut untitled_request_ids: Vec<i64> = preview
            .requests
            .iter()
            .filter(|r| r.needs_title)
            .map(|r| r.item.view.request.id)
            .collect();
        untitled_request_ids.sort_unstable();
        Ok(Response::new(pb::PreviewReleaseResponse {
            release: Some(release_to_pb(preview.release)),
            requests: preview
                .requests
                .into_iter()
                .map(|r| pb::RequestPreview {
                    item: Some(item_to_pb(r.item)),
                    recipients: r.planned.iter().map(recipient_to_pb).collect(),
                    needs_title: r.needs_title,
                })
                .collect(),
            notifications,
            suppressed,
            untitled_request_ids,
        }))
    }

    async fn ship_release(
        &self,
        request: Request<pb::ShipReleaseRequest>,
    ) -> RpcResult<pb::ShipReleaseResponse> {
        let r = request.into_inner();
        let s = self
            .roadmap
            .ship(r.release_id, &r.actor, r.accept_generated_titles)
            .await?;
        Ok(Response::new(pb::ShipReleaseResponse {
            release: Some(release_to_pb(s.release)),
            created: s.created as i64,
            notifications: s.notifications,
            suppressed: s.suppressed,
            request_ids: s.request_ids,
            first_cursor: s.first_cursor,
            last_cursor: s.last_cursor,
        }))
    }
}

type NotificationStream = Pin<Box<dyn Stream<Item = Result<pb::Notification, Status>> + Send>>;

#[tonic::async_trait]
impl NotificationService for NotificationApi {
    type StreamNotificationsStream = NotificationStream;

    async fn stream_notifications(
        &self,
        request: Request<pb::StreamNotificationsRequest>,
    ) -> RpcResult<Self::StreamNotificationsStream> {
        use tokio_stream::StreamExt;
        let r = request.into_inner();
        let rx = self
            .notifications
            .stream(r.after_cursor, r.lease_seconds, &r.consumer)
            .await?;
        let stream = ReceiverStream::new(rx)
            .map(|item| item.map(notification_to_pb).map_err(tonic::Status::from));
        Ok(Response::new(Box::pin(stream)))
    }

    async fn list_pending_notifications(
        &self,
        request: Request<pb::ListPendingNotificationsRequest>,
    ) -> RpcResult<pb::ListPendingNotificationsResponse> {
        let r = request.into_inner();
        let rows = self.notifications.claim(r.limit, r.lease_seconds).await?;
        Ok(Response::new(pb::ListPendingNotificationsResponse {
            notifications: rows.into_iter().map(notification_to_pb).collect(),
        }))
    }

    async fn ack_notifications(
        &self,
        request: Request<pb::AckNotificationsRequest>,
    ) -> RpcResult<pb::AckNotificationsResponse> {
        let mut v = Violations::default();
        let acks: Vec<AckInput> = request
            .into_inner()
            .acks
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let outcome = match pb::AckOutcome::try_from(a.outcome) {
                    Ok(pb::AckOutcome::Delivered) => Outcome::Delivered,
                    Ok(pb::AckOutcome::Failed) => Outcome::Failed(a.reason),
                    _ => {
                        v.push(format!("acks[{i}].outcome"), "must be DELIVERED or FAILED");
                        Outcome::Delivered
                    }
                };
                if a.attempt < 0 {
                    v.push(format!("acks[{i}].attempt"), "must not be negative");
                }
                AckInput {
                    id: a.id,
                    outcome,
                    attempt: a.attempt.max(0) as u32,
                }
            })
            .collect();
        v.into_result(()).map_err(AppError::from)?;
        let rows = self.notifications.ack(acks).await?;
        Ok(Response::new(pb::AckNotificationsResponse {
            notifications: rows.into_iter().map(notification_to_pb).collect(),
        }))
    }

    async fn list_notifications(
        &self,
        request: Request<pb::ListNotificationsRequest>,
    ) -> RpcResult<pb::ListNotificationsResponse> {
        let r = request.into_inner();
        let status = match pb::NotificationStatus::try_from(r.status) {
            Ok(pb::NotificationStatus::Unspecified) => None,
            Ok(s) => DeliveryStatus::parse(enum_name(s.as_str_name(), "NOTIFICATION_STATUS_")),
            Err(_) => {
                return Err(
                    AppError::invalid("status", format!("unknown status {}", r.status)).into(),
                );
            }
        };
        let (rows, next) = self
            .notifications
            .list(r.release_id, status, r.page_size, &r.page_token)
            .await?;
        Ok(Response::new(pb::ListNotificationsResponse {
            notifications: rows.into_iter().map(notification_to_pb).collect(),
            next_page_token: next.unwrap_or_default(),
        }))
    }

    async fn set_contact_preferences(
        &self,
        request: Request<pb::SetContactPreferencesRequest>,
    ) -> RpcResult<pb::Contact> {
        let r = request.into_inner();
        let channel = match pb::Channel::try_from(r.channel) {
            Ok(pb::Channel::Unspecified) => None,
            Ok(pb::Channel::Email) => Some(Channel::Email),
            Ok(pb::Channel::InApp) => Some(Channel::InApp),
            Err(_) => {
                return Err(AppError::invalid("channel", "must be EMAIL or IN_APP").into());
            }
        };
        let contact = self
            .notifications
            .set_preferences(r.contact_id, r.opted_out, channel)
            .await?;
        let account_external_id = self
            .notifications
            .account_external_id(contact.account_id)
            .await?;
        Ok(Response::new(contact_to_pb(ContactView {
            contact,
            account_external_id,
        })))
    }

    async fn forget_contact(
        &self,
        request: Request<pb::ForgetContactRequest>,
    ) -> RpcResult<pb::ForgetContactResponse> {
        let contact_id = request.into_inner().contact_id;
        let erased = self.notifications.forget(contact_id).await?;
        Ok(Response::new(pb::ForgetContactResponse {
            contact_id,
            feedback_erased: erased.feedback as i64,
            notifications_erased: erased.notifications as i64,
        }))
    }
}
