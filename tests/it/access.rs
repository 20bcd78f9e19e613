//! Access that fails closed and ends: methods without a declared scope are refused, open
//! streams end when their token is revoked (on any instance) or expires, tokens expire, record
//! their last use and rotate with a grace period.

use std::time::{Duration, Instant};

use sift::pb;
use sift::pb::admin_service_client::AdminServiceClient;
use sift::pb::notification_service_client::NotificationServiceClient;
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{token, with_token};
use crate::harness::{TestApp, backends, each_backend_with, fresh_database};

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

fn admin(app: &TestApp) -> AdminServiceClient<Channel> {
    AdminServiceClient::new(app.channel.clone())
}

/// Opens StreamNotifications with `secret` and checks it stays open (nothing to send yet).
async fn open_stream(app: &TestApp, secret: &str) -> tonic::Streaming<pb::Notification> {
    let mut stream = NotificationServiceClient::new(app.channel.clone())
        .stream_notifications(with_token(
            pb::StreamNotificationsRequest {
                after_cursor: 0,
                lease_seconds: 0,
                consumer: String::new(),
            },
            secret,
        ))
        .await
        .expect("stream opens")
        .into_inner();
    let waited = tokio::time::timeout(Duration::from_millis(700), stream.message()).await;
    assert!(waited.is_err(), "the stream is open and idle: {waited:?}");
    stream
}

/// Waits for the stream to end; its status and how long that took from `since`.
async fn stream_end(
    stream: &mut tonic::Streaming<pb::Notification>,
    since: Instant,
) -> (tonic::Status, Duration) {
    loop {
        let next = tokio::time::timeout(Duration::from_secs(20), stream.message())
            .await
            .expect("the stream ends within 20 s");
        match next {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the stream ended without a status"),
            Err(status) => return (status, since.elapsed()),
        }
    }
}

const RECHECK: Duration = Duration::from_millis(250);

#[tokio::test]
async fn an_open_stream_ends_when_its_token_is_revoked_on_another_instance() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let configure = |c: &mut sift::Config| {
            c.auth = true;
            c.stream_token_recheck = RECHECK;
        };
        let (first, first_server) = TestApp::start(backend, &url, configure).await;
        let (second, second_server) = TestApp::start(backend, &url, configure).await;
        let sender = token(&url, "release-tool", &["release"]).await;
        let ops = token(&url, "ops", &["admin"]).await;

        // Open on the second instance, revoke on the first.
        let mut stream = open_stream(&second, &sender).await;
        admin(&first)
            .revoke_token(with_token(
                pb::RevokeTokenRequest {
                    name: "release-tool".into(),
                },
                &ops,
            ))
            .await
            .expect("revoke");
        let revoked = Instant::now();
        let (status, took) = stream_end(&mut stream, revoked).await;
        assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
        assert!(status.message().contains("revoked"), "{}", status.message());
        println!(
            "{backend:?}: revocation on another instance to the stream's end: {} ms \
             (re-check every {} ms)",
            took.as_millis(),
            RECHECK.as_millis()
        );
        assert!(took < RECHECK * 4 + Duration::from_secs(1), "{took:?}");
        // And a new stream with it is refused at once.
        let err = NotificationServiceClient::new(second.channel.clone())
            .stream_notifications(with_token(
                pb::StreamNotificationsRequest::default(),
                &sender,
            ))
            .await
            .expect_err("revoked");
        assert_eq!(err.code(), Code::Unauthenticated);

        second_server.stop().await;
        first_server.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn an_open_stream_ends_when_its_token_expires_and_so_do_calls() {
    each_backend_with(
        |c| {
            c.auth = true;
            // Longer than the token's life: the stream must end at the expiry itself.
            c.stream_token_recheck = Duration::from_secs(30);
        },
        |app| async move {
            let ops = token(&app.database_url, "ops", &["admin"]).await;
            let created = Instant::now();
            let made = admin(&app)
                .create_token(with_token(
                    pb::CreateTokenRequest {
                        name: "short-lived".into(),
                        scopes: vec!["release".into()],
                        expires_in: Some(prost_types::Duration {
                            seconds: 2,
                            nanos: 0,
                        }),
                    },
                    &ops,
                ))
                .await
                .expect("create")
                .into_inner();
            let t = made.token.expect("token");
            let expires = t.expires_at.expect("expires_at");
            let lifetime = expires.seconds - t.created_at.expect("created_at").seconds;
            assert!((1..=3).contains(&lifetime), "{lifetime}");
            assert!(!t.expired);

            let mut stream = open_stream(&app, &made.secret).await;
            let (status, took) = stream_end(&mut stream, created).await;
            assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
            println!(
                "{:?}: a token with 2 s to live ended its stream {} ms after its creation",
                app.backend,
                took.as_millis()
            );
            assert!(
                took >= Duration::from_millis(1_500) && took < Duration::from_secs(5),
                "{took:?}"
            );

            let err = NotificationServiceClient::new(app.channel.clone())
                .list_notifications(with_token(
                    pb::ListNotificationsRequest::default(),
                    &made.secret,
                ))
                .await
                .expect_err("expired");
            assert_eq!(err.code(), Code::Unauthenticated);
            // Listed as expired only when asked for everything.
            let live = admin(&app)
                .list_tokens(with_token(pb::ListTokensRequest::default(), &ops))
                .await
                .expect("list")
                .into_inner()
                .tokens;
            assert!(live.iter().all(|t| t.name != "short-lived"));
            let all = admin(&app)
                .list_tokens(with_token(
                    pb::ListTokensRequest {
                        include_revoked: true,
                    },
                    &ops,
                ))
                .await
                .expect("list")
                .into_inner()
                .tokens;
            let short = all
                .iter()
                .find(|t| t.name == "short-lived")
                .expect("listed");
            assert!(short.expired && !short.revoked, "{short:?}");
        },
    )
    .await;
}

#[tokio::test]
async fn token_lifetimes_out_of_range_are_refused_by_name() {
    each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let ops = token(&app.database_url, "ops", &["admin"]).await;
            for (seconds, nanos) in [(0, 0), (-5, 0), (0, -1), (400 * 86_400 * 10, 0)] {
                let err = admin(&app)
                    .create_token(with_token(
                        pb::CreateTokenRequest {
                            name: "x".into(),
                            scopes: vec!["read".into()],
                            expires_in: Some(prost_types::Duration { seconds, nanos }),
                        },
                        &ops,
                    ))
                    .await
                    .expect_err("refused");
                assert_eq!(
                    crate::fixtures::violated_fields(&err),
                    ["expires_in"],
                    "{seconds}"
                );
            }
            let err = admin(&app)
                .rotate_token(with_token(
                    pb::RotateTokenRequest {
                        name: "ops".into(),
                        grace: Some(prost_types::Duration {
                            seconds: 31 * 86_400,
                            nanos: 0,
                        }),
                    },
                    &ops,
                ))
                .await
                .expect_err("refused");
            assert_eq!(crate::fixtures::violated_fields(&err), ["grace"]);
        },
    )
    .await;
}

#[tokio::test]
async fn a_rotated_token_keeps_its_old_secret_for_the_grace_period_only() {
    each_backend_with(
        |c| {
            c.auth = true;
            c.stream_token_recheck = RECHECK;
        },
        |app| async move {
            let ops = token(&app.database_url, "ops", &["admin"]).await;
            let old = token(&app.database_url, "release-tool", &["release"]).await;
            let works = |secret: String| {
                let channel = app.channel.clone();
                async move {
                    NotificationServiceClient::new(channel)
                        .list_notifications(with_token(
                            pb::ListNotificationsRequest::default(),
                            &secret,
                        ))
                        .await
                        .map(|_| ())
                        .map_err(|s| s.code())
                }
            };
            let mut stream = open_stream(&app, &old).await;
            let rotated_at = Instant::now();
            let rotated = admin(&app)
                .rotate_token(with_token(
                    pb::RotateTokenRequest {
                        name: "release-tool".into(),
                        grace: Some(prost_types::Duration {
                            seconds: 2,
                            nanos: 0,
                        }),
                    },
                    &ops,
                ))
                .await
                .expect("rotate")
                .into_inner();
            let new = rotated.secret;
            assert_ne!(new, old);
            let t = rotated.token.expect("token");
            assert!(t.old_secret_valid_until.is_some(), "{t:?}");
            assert_eq!(t.scopes, ["release"]);
            // Both work during the grace period, on a stream too.
            works(old.clone()).await.expect("old secret in its grace");
            works(new.clone()).await.expect("new secret");
            let listed = admin(&app)
                .list_tokens(with_token(pb::ListTokensRequest::default(), &ops))
                .await
                .expect("list")
                .into_inner()
                .tokens;
            let listed = listed
                .iter()
                .find(|t| t.name == "release-tool")
                .expect("listed");
            assert!(listed.old_secret_valid_until.is_some());
            // The stream made with the old secret ends when its grace does.
            let (status, took) = stream_end(&mut stream, rotated_at).await;
            assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
            assert!(
                took >= Duration::from_millis(1_500) && took < Duration::from_secs(5),
                "{took:?}"
            );
            assert_eq!(works(old.clone()).await, Err(Code::Unauthenticated));
            works(new.clone())
                .await
                .expect("new secret after the grace");

            // Without a grace period the old secret stops at once.
            let again = admin(&app)
                .rotate_token(with_token(
                    pb::RotateTokenRequest {
                        name: "release-tool".into(),
                        grace: None,
                    },
                    &ops,
                ))
                .await
                .expect("rotate")
                .into_inner();
            assert_eq!(works(new.clone()).await, Err(Code::Unauthenticated));
            works(again.secret.clone()).await.expect("newest secret");

            // A revoked token is not brought back by a rotation.
            admin(&app)
                .revoke_token(with_token(
                    pb::RevokeTokenRequest {
                        name: "release-tool".into(),
                    },
                    &ops,
                ))
                .await
                .expect("revoke");
            let err = admin(&app)
                .rotate_token(with_token(
                    pb::RotateTokenRequest {
                        name: "release-tool".into(),
                        grace: None,
                    },
                    &ops,
                ))
                .await
                .expect_err("revoked");
            assert_eq!(err.code(), Code::FailedPrecondition, "{err:?}");
            let err = admin(&app)
                .rotate_token(with_token(
                    pb::RotateTokenRequest {
                        name: "nobody".into(),
                        grace: None,
                    },
                    &ops,
                ))
                .await
                .expect_err("unknown");
            assert_eq!(err.code(), Code::NotFound);
        },
    )
    .await;
}

#[tokio::test]
async fn a_tokens_last_use_is_recorded_at_most_once_a_minute() {
    each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let ops = token(&app.database_url, "ops", &["admin"]).await;
            let reader = token(&app.database_url, "reader", &["read"]).await;
            let last_use = || {
                let mut client = admin(&app);
                let ops = ops.clone();
                async move {
                    client
                        .list_tokens(with_token(pb::ListTokensRequest::default(), &ops))
                        .await
                        .expect("list")
                        .into_inner()
                        .tokens
                        .into_iter()
                        .find(|t| t.name == "reader")
                        .expect("listed")
                        .last_used_at
                }
            };
            assert_eq!(last_use().await, None, "never used");
            let mut feedback = app.feedback.clone();
            let read = || pb::ListFeedbackRequest::default();
            feedback
                .list_feedback(with_token(read(), &reader))
                .await
                .expect("read");
            // Written in the background, after the call.
            let mut first = None;
            for _ in 0..50 {
                first = last_use().await;
                if first.is_some() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let first = first.expect("the use was recorded");
            for _ in 0..5 {
                tokio::time::sleep(Duration::from_millis(250)).await;
                feedback
                    .list_feedback(with_token(read(), &reader))
                    .await
                    .expect("read");
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert_eq!(
                last_use().await,
                Some(first),
                "not rewritten within a minute"
            );
        },
    )
    .await;
}

/// Calls that arrive together share one read of their tokens, and each still gets its own
/// answer: a current secret, a rotated-out secret in its grace period, a revoked token's
/// secret and an unknown one, all in one batch. A revocation made before the next call holds
/// for it.
#[tokio::test]
async fn concurrent_calls_share_one_token_read_and_each_gets_its_own_answer() {
    for backend in backends() {
        let (url, _cleanup) = fresh_database(backend).await;
        {
            let store = sift::store::Store::connect(&url, 4).await.expect("store");
            store.migrate().await.expect("migrate");
        }
        let recorded: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
        let mut store = sift::store::Store::connect(&url, 4).await.expect("store");
        let sink = recorded.clone();
        store.observe_statements(move |stmt| {
            if stmt.sql.contains("matched_hash") {
                sink.lock().expect("recorder").push(stmt.sql.clone());
            }
        });
        let tokens = sift::service::access::Tokens::new(store);
        let (_, kept) = tokens
            .create("kept", &["read".into()])
            .await
            .expect("token");
        let (_, old) = tokens
            .create("rotated", &["ingest".into()])
            .await
            .expect("token");
        let (_, new) = tokens.rotate("rotated", 3600).await.expect("rotate");
        let (_, gone) = tokens
            .create("gone", &["read".into()])
            .await
            .expect("token");
        tokens.revoke("gone").await.expect("revoke");
        recorded.lock().expect("recorder").clear();

        let secrets: Vec<(String, Option<&str>)> = (0..40)
            .map(|i| match i % 5 {
                0 => (kept.clone(), Some("kept")),
                1 => (old.clone(), Some("rotated")),
                2 => (new.clone(), Some("rotated")),
                3 => (gone.clone(), None),
                _ => (format!("sift_{i:064}"), None),
            })
            .collect();
        let mut calls = tokio::task::JoinSet::new();
        for (i, (secret, _)) in secrets.iter().enumerate() {
            let (tokens, secret) = (tokens.clone(), secret.clone());
            calls.spawn(async move { (i, tokens.authenticate(&secret).await) });
        }
        for (i, answer) in calls.join_all().await {
            let who = answer.expect("lookup").map(|c| c.name);
            assert_eq!(who.as_deref(), secrets[i].1, "{backend:?}: call {i}");
        }
        let reads = recorded.lock().expect("recorder").len();
        assert!(
            (1..=2).contains(&reads),
            "{backend:?}: 40 concurrent calls read their tokens in {reads} statements"
        );

        tokens.revoke("kept").await.expect("revoke");
        assert!(tokens.authenticate(&kept).await.expect("lookup").is_none());
    }
}
