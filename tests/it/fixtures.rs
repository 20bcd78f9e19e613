//! Builders of valid requests, so each test states only what it is about.

use sift::pb;
use sift::service::access::Tokens;
use sift::store::Store;
use tonic::Status;
use tonic::metadata::MetadataValue;
use tonic_types::StatusExt;

/// A token straight in the store, as `sift token create` makes it.
pub async fn token(url: &str, name: &str, scopes: &[&str]) -> String {
    let store = Store::connect(url, 2).await.expect("store");
    let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
    Tokens::new(store)
        .create(name, &scopes)
        .await
        .expect("token")
        .1
}

/// The message with `authorization: Bearer <secret>` (none for an empty secret).
pub fn with_token<T>(message: T, secret: &str) -> tonic::Request<T> {
    let mut r = tonic::Request::new(message);
    if !secret.is_empty() {
        let value: MetadataValue<_> = format!("Bearer {secret}").parse().expect("ascii");
        r.metadata_mut().insert("authorization", value);
    }
    r
}

pub fn account(external_id: &str, arr: i64) -> pb::AccountInput {
    pb::AccountInput {
        external_id: external_id.into(),
        name: Some(format!("{external_id} Inc.")),
        arr: Some(arr),
        tier: Some(pb::Tier::Unspecified as i32),
        segment: Some("enterprise".into()),
        seats: Some(50),
        renewal_date: Some("2027-03-31".into()),
        health: Some(80),
        csm_email: Some("csm@vendor.example".into()),
        effective_at: None,
    }
}

pub fn now() -> prost_types::Timestamp {
    let t = chrono::Utc::now();
    prost_types::Timestamp {
        seconds: t.timestamp(),
        nanos: 0,
    }
}

pub fn at(seconds: i64) -> prost_types::Timestamp {
    prost_types::Timestamp { seconds, nanos: 0 }
}

pub fn feedback(source_ref: &str, account: &str, body: &str) -> pb::FeedbackInput {
    pb::FeedbackInput {
        source: pb::Source::Support as i32,
        source_ref: source_ref.into(),
        account_external_id: account.into(),
        contact: None,
        title: String::new(),
        body: body.into(),
        importance: pb::Importance::Unspecified as i32,
        occurred_at: Some(now()),
    }
}

/// Streams `items` through ImportFeedback in one call and returns its report.
pub async fn import(
    client: &mut pb::feedback_service_client::FeedbackServiceClient<tonic::transport::Channel>,
    items: impl IntoIterator<Item = pb::FeedbackInput>,
) -> pb::ImportFeedbackResponse {
    let messages: Vec<pb::ImportFeedbackRequest> = items
        .into_iter()
        .map(|f| pb::ImportFeedbackRequest { feedback: Some(f) })
        .collect();
    client
        .import_feedback(tokio_stream::iter(messages))
        .await
        .expect("import")
        .into_inner()
}

/// The fields named by an INVALID_ARGUMENT status's `google.rpc.BadRequest` details.
pub fn violated_fields(status: &Status) -> Vec<String> {
    assert_eq!(status.code(), tonic::Code::InvalidArgument, "{status:?}");
    status
        .get_details_bad_request()
        .expect("BadRequest details")
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect()
}
