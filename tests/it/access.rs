//! Access that fails closed: methods without a declared scope are refused.

use sift::pb;
use sift::pb::admin_service_client::AdminServiceClient;
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{token, with_token};
use crate::harness::each_backend_with;

/// Calls `path` with an empty message, as a client built from other protos would.
async fn call_path(channel: &Channel, path: &'static str, secret: &str) -> tonic::Status {
    let mut grpc = tonic::client::Grpc::new(channel.clone());
    grpc.ready().await.expect("channel ready");
    let codec = tonic_prost::ProstCodec::<(), ()>::default();
    grpc.unary(
        with_token((), secret),
        http::uri::PathAndQuery::from_static(path),
        codec,
    )
    .await
    .expect_err("refused")
}

#[tokio::test]
async fn a_method_without_a_declared_scope_is_refused_whatever_the_token() {
    each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let all = token(
                &app.database_url,
                "root-ish",
                &["ingest", "read", "plan", "release", "admin"],
            )
            .await;
            for path in [
                "/sift.v1.FeedbackService/DropTables",
                "/sift.v1.AdminService/GrantEverything",
                "/sift.v2.FeedbackService/SubmitFeedback",
                "/other.Service/Call",
            ] {
                for secret in [all.as_str(), ""] {
                    let status = call_path(&app.channel, path, secret).await;
                    assert_eq!(status.code(), Code::PermissionDenied, "{path}: {status:?}");
                    assert!(
                        status
                            .message()
                            .contains("not a sift.v1 RPC with a declared scope"),
                        "{path}: {}",
                        status.message()
                    );
                }
            }
            // A declared method with the same token still works.
            let mut admin = AdminServiceClient::new(app.channel.clone());
            admin
                .list_tokens(with_token(pb::ListTokensRequest::default(), &all))
                .await
                .expect("a declared method");
        },
    )
    .await;
}

#[tokio::test]
async fn without_authentication_an_undeclared_method_is_still_refused() {
    each_backend_with(
        |c| c.auth = false,
        |app| async move {
            let status = call_path(&app.channel, "/sift.v1.FeedbackService/DropTables", "").await;
            assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
        },
    )
    .await;
}
