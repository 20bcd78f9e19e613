//! Access tokens and scopes, the audit log, limits and shedding, metrics, request ids, TLS.

use std::time::Duration;

use sift::pb;
use sift::pb::admin_service_client::AdminServiceClient;
use sift::pb::feedback_service_client::FeedbackServiceClient;
use sift::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{feedback, token, with_token};
use crate::harness::{TestApp, backends, each_backend_with, fresh_database};

fn submit(source_ref: &str) -> pb::SubmitFeedbackRequest {
    pb::SubmitFeedbackRequest {
        feedback: Some(feedback(source_ref, "acme", "Please add PDF export")),
    }
}

async fn submit_as(app: &mut TestApp, secret: &str, source_ref: &str) -> Result<(), tonic::Status> {
    app.feedback
        .submit_feedback(with_token(submit(source_ref), secret))
        .await
        .map(|_| ())
}

#[tokio::test]
async fn every_call_needs_a_token_with_its_scope_and_revocation_holds_at_once() {
    each_backend_with(
        |c| c.auth = true,
        |mut app| async move {
            let ingest = token(&app.database_url, "crm-sync", &["ingest"]).await;
            let read = token(&app.database_url, "pm-console", &["read"]).await;
            let admin = token(&app.database_url, "ops", &["admin"]).await;

            let err = submit_as(&mut app, "", "T-1").await.unwrap_err();
            assert_eq!(err.code(), Code::Unauthenticated, "{err:?}");
            let err = submit_as(&mut app, "sift_not_a_token", "T-1")
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::Unauthenticated);
            let err = submit_as(&mut app, &read, "T-1").await.unwrap_err();
            assert_eq!(err.code(), Code::PermissionDenied);
            assert!(err.message().contains("`ingest`"), "{}", err.message());
            submit_as(&mut app, &ingest, "T-1")
                .await
                .expect("ingest may submit");
            // Reading needs `read`; the ingest token cannot list the backlog.
            let backlog = || pb::GetRankedBacklogRequest::default();
            let err = app
                .backlog
                .get_ranked_backlog(with_token(backlog(), &ingest))
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::PermissionDenied);
            assert!(err.message().contains("`read`"));
            app.backlog
                .get_ranked_backlog(with_token(backlog(), &read))
                .await
                .expect("read may read");
            let err = app
                .roadmap
                .ship_release(with_token(
                    pb::ShipReleaseRequest {
                        release_id: 1,
                        actor: String::new(),
                        accept_generated_titles: false,
                    },
                    &read,
                ))
                .await
                .unwrap_err();
            assert!(err.message().contains("`release`"), "{}", err.message());
            // Health checks stay open.
            let mut health =
                tonic_health::pb::health_client::HealthClient::new(app.channel.clone());
            health
                .check(tonic_health::pb::HealthCheckRequest::default())
                .await
                .expect("health without a token");

            // Revoked through the API on this instance: refused on a second one at once.
            let (second, server) = TestApp::start(app.backend, &app.database_url, |c| {
                c.auth = true;
            })
            .await;
            let mut second = second;
            submit_as(&mut second, &ingest, "T-2")
                .await
                .expect("before revoking");
            let mut admin_client = AdminServiceClient::new(app.channel.clone());
            let revoked = admin_client
                .revoke_token(with_token(
                    pb::RevokeTokenRequest {
                        name: "crm-sync".into(),
                    },
                    &admin,
                ))
                .await
                .expect("revoke")
                .into_inner();
            assert!(revoked.revoked);
            let err = submit_as(&mut second, &ingest, "T-3").await.unwrap_err();
            assert_eq!(err.code(), Code::Unauthenticated);
            server.stop().await;

            let listed = admin_client
                .list_tokens(with_token(
                    pb::ListTokensRequest {
                        include_revoked: false,
                    },
                    &admin,
                ))
                .await
                .unwrap()
                .into_inner()
                .tokens;
            let names: Vec<&str> = listed.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(names, vec!["pm-console", "ops"]);
        },
    )
    .await;
}

#[tokio::test]
async fn tokens_are_validated_and_created_once_with_a_secret_shown_only_then() {
    each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let admin = token(&app.database_url, "ops", &["admin"]).await;
            let mut client = AdminServiceClient::new(app.channel.clone());
            let made = client
                .create_token(with_token(
                    pb::CreateTokenRequest {
                        name: "release-bot".into(),
                        scopes: vec!["release".into(), "read".into()],
                        expires_in: None,
                    },
                    &admin,
                ))
                .await
                .expect("create")
                .into_inner();
            assert!(made.secret.starts_with("sift_") && made.secret.len() > 40);
            assert_eq!(made.token.unwrap().scopes, vec!["read", "release"]);
            let err = client
                .create_token(with_token(
                    pb::CreateTokenRequest {
                        name: "release-bot".into(),
                        scopes: vec!["read".into()],
                        expires_in: None,
                    },
                    &admin,
                ))
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::AlreadyExists);
            let err = client
                .create_token(with_token(
                    pb::CreateTokenRequest {
                        name: "has space".into(),
                        scopes: vec!["root".into()],
                        expires_in: None,
                    },
                    &admin,
                ))
                .await
                .unwrap_err();
            assert_eq!(
                crate::fixtures::violated_fields(&err),
                vec!["name", "scopes"]
            );
            // The store holds a hash, never the secret.
            let store = Store::connect(&app.database_url, 1).await.unwrap();
            use sea_orm::ConnectionTrait;
            let rows = store
                .db()
                .query_all_raw(sea_orm::Statement::from_string(
                    store.backend(),
                    "SELECT secret_hash FROM tokens",
                ))
                .await
                .unwrap();
            for row in rows {
                let hash: String = row.try_get_by_index(0).unwrap();
                assert_eq!(hash.len(), 64);
                assert!(!hash.contains(&made.secret[5..]));
            }
        },
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_records_pm_actions_with_the_token_name_before_and_after() {
    each_backend_with(
        |c| c.auth = true,
        |mut app| async move {
            let ingest = token(&app.database_url, "crm-sync", &["ingest"]).await;
            let pm = token(&app.database_url, "pm-alice", &["plan", "read"]).await;
            let admin = token(&app.database_url, "ops", &["admin"]).await;
            let mut ids = Vec::new();
            for (i, text) in ["Dark mode please", "Export to PDF please"]
                .iter()
                .enumerate()
            {
                let out = app
                    .feedback
                    .submit_feedback(with_token(
                        pb::SubmitFeedbackRequest {
                            feedback: Some(feedback(&format!("A-{i}"), "acme", text)),
                        },
                        &ingest,
                    ))
                    .await
                    .unwrap()
                    .into_inner();
                ids.push(out.request_id);
            }
            assert_ne!(ids[0], ids[1]);
            app.requests
                .update_request_status(with_token(
                    pb::UpdateRequestStatusRequest {
                        id: ids[0],
                        status: pb::RequestStatus::UnderReview as i32,
                        actor: "spoofed".into(),
                        reason: "triage".into(),
                    },
                    &pm,
                ))
                .await
                .expect("status");
            app.requests
                .merge_requests(with_token(
                    pb::MergeRequestsRequest {
                        source_id: ids[1],
                        target_id: ids[0],
                    },
                    &pm,
                ))
                .await
                .expect("merge");
            let events = AdminServiceClient::new(app.channel.clone())
                .list_audit_events(with_token(pb::ListAuditEventsRequest::default(), &admin))
                .await
                .unwrap()
                .into_inner()
                .events;
            let got: Vec<(&str, &str, &str)> = events
                .iter()
                .map(|e| (e.action.as_str(), e.actor.as_str(), e.target.as_str()))
                .collect();
            let merged = format!("request:{}", ids[1]);
            let changed = format!("request:{}", ids[0]);
            assert_eq!(
                got[..2],
                [
                    ("request.merge", "pm-alice", merged.as_str()),
                    (
                        "request.status",
                        "pm-alice (on behalf of spoofed)",
                        changed.as_str()
                    ),
                ],
                "newest first, the token's name, the claimed actor only beside it"
            );
            assert!(events[1].before.contains("NEW"), "{}", events[1].before);
            assert!(
                events[1].after.contains("UNDER_REVIEW"),
                "{}",
                events[1].after
            );
            assert!(events[0].after.contains("MERGED"));
            // The audit log itself needs admin.
            let err = AdminServiceClient::new(app.channel.clone())
                .list_audit_events(with_token(pb::ListAuditEventsRequest::default(), &pm))
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::PermissionDenied);
        },
    )
    .await;
}

#[tokio::test]
async fn calls_beyond_the_concurrency_limit_are_shed_and_slow_calls_hit_the_deadline() {
    each_backend_with(
        |c| {
            c.server.max_concurrent_calls = 1;
            c.server.call_timeout = Duration::from_secs(3);
        },
        |mut app| async move {
            // An import stream held open keeps its call in flight.
            let (tx, rx) = tokio::sync::mpsc::channel::<pb::ImportFeedbackRequest>(4);
            let mut importer = FeedbackServiceClient::new(app.channel.clone());
            let import = tokio::spawn(async move {
                importer
                    .import_feedback(tokio_stream::wrappers::ReceiverStream::new(rx))
                    .await
            });
            // Nothing else competes for the one slot until the import has it; should the
            // import be slow to arrive, a submit may still get through meanwhile.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let mut stored = 0;
            let mut shed = None;
            for i in 0..40 {
                match submit_as(&mut app, "", &format!("T-{i}")).await {
                    Ok(()) => stored += 1,
                    Err(e) => {
                        shed = Some(e);
                        break;
                    }
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            let err = shed.expect("a call beyond the limit is shed");
            assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");
            // The held call runs past its deadline.
            let result = import.await.unwrap();
            drop(tx);
            assert_eq!(result.unwrap_err().code(), Code::DeadlineExceeded);
            submit_as(&mut app, "", "T-last").await.expect("room again");
            let listed = app
                .feedback
                .list_feedback(pb::ListFeedbackRequest::default())
                .await
                .unwrap()
                .into_inner();
            assert_eq!(
                listed.feedback.len(),
                stored + 1,
                "the shed call stored nothing"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn oversized_messages_are_refused_and_change_nothing() {
    each_backend_with(
        |c| c.server.max_message_bytes = 64 << 10,
        |mut app| async move {
            let mut big = submit("T-big");
            big.feedback.as_mut().unwrap().body = "x".repeat(100_000);
            let err = app.feedback.submit_feedback(big).await.unwrap_err();
            assert_eq!(err.code(), Code::OutOfRange, "{err:?}");
            let listed = app
                .feedback
                .list_feedback(pb::ListFeedbackRequest::default())
                .await
                .unwrap()
                .into_inner();
            assert!(listed.feedback.is_empty());
            submit_as(&mut app, "", "T-small")
                .await
                .expect("small is fine");
        },
    )
    .await;
}

async fn scrape(addr: std::net::SocketAddr) -> String {
    let mut socket = tokio::net::TcpStream::connect(addr)
        .await
        .expect("metrics port");
    socket
        .write_all(b"GET /metrics HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .expect("request");
    let mut out = String::new();
    socket.read_to_string(&mut out).await.expect("response");
    out
}

#[tokio::test]
async fn metrics_count_calls_ingest_assignments_and_the_outbox_and_calls_carry_request_ids() {
    each_backend_with(
        |c| c.metrics_listen = Some("127.0.0.1:0".parse().unwrap()),
        |mut app| async move {
            submit_as(&mut app, "", "T-1").await.unwrap();
            submit_as(&mut app, "", "T-1").await.unwrap();
            let _ = app.requests.get_request(pb::GetRequestRequest { id: 999, evidence_limit: 0 }).await;
            let mut r = tonic::Request::new(submit("T-2"));
            r.metadata_mut()
                .insert("x-request-id", "trace-42".parse().unwrap());
            let response = app.feedback.submit_feedback(r).await.unwrap();
            assert_eq!(
                response.metadata().get("x-request-id").unwrap().to_str().unwrap(),
                "trace-42"
            );
            let other = app.feedback.submit_feedback(submit("T-3")).await.unwrap();
            assert!(other.metadata().get("x-request-id").is_some(), "one is made up");

            let text = scrape(app.metrics_addr.unwrap()).await;
            assert!(text.starts_with("HTTP/1.1 200"), "{text}");
            for line in [
                "sift_rpc_calls_total{method=\"/sift.v1.FeedbackService/SubmitFeedback\",code=\"Ok\"} 4",
                "sift_rpc_calls_total{method=\"/sift.v1.RequestService/GetRequest\",code=\"NotFound\"} 1",
                "sift_rpc_latency_seconds_count{method=\"/sift.v1.FeedbackService/SubmitFeedback\"} 4",
                "sift_feedback_ingested_total{source=\"SUPPORT\"} 3",
                "sift_outbox_depth 0",
                "sift_calls_shed_total 0",
            ] {
                assert!(text.contains(line), "missing {line} in\n{text}");
            }
            assert!(text.contains("sift_assignments_total{outcome=\"NEW\"} 1"), "{text}");
        },
    )
    .await;
}

#[tokio::test]
async fn tls_serves_encrypted_and_client_certificates_are_verified_when_configured() {
    use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tls");
    let read = |f: &str| std::fs::read(data.join(f)).expect("test certificate");
    let backend = backends()[0];
    let (url, cleanup) = fresh_database(backend).await;
    let (app, server) = TestApp::start(backend, &url, |c| {
        c.tls = Some(sift::server::config::TlsFiles {
            cert: data.join("server.pem"),
            key: data.join("server.key"),
            client_ca: Some(data.join("ca.pem")),
        });
    })
    .await;
    let endpoint = |tls: ClientTlsConfig| {
        Endpoint::from_shared(format!("https://localhost:{}", app.addr.port()))
            .unwrap()
            .tls_config(tls)
            .unwrap()
    };
    let ca = Certificate::from_pem(read("ca.pem"));
    let with_cert = ClientTlsConfig::new()
        .ca_certificate(ca.clone())
        .domain_name("localhost")
        .identity(Identity::from_pem(read("client.pem"), read("client.key")));
    let channel: Channel = endpoint(with_cert).connect().await.expect("mutual TLS");
    FeedbackServiceClient::new(channel)
        .submit_feedback(submit("T-tls"))
        .await
        .expect("a call over TLS");
    // Without a client certificate the handshake (or the first call) fails.
    let without = ClientTlsConfig::new()
        .ca_certificate(ca)
        .domain_name("localhost");
    let refused = match endpoint(without).connect().await {
        Err(_) => true,
        Ok(ch) => FeedbackServiceClient::new(ch)
            .submit_feedback(submit("T-anon"))
            .await
            .is_err(),
    };
    assert!(refused, "a client without a certificate is refused");
    // Plain text to a TLS port fails too.
    let plain = Endpoint::from_shared(format!("http://127.0.0.1:{}", app.addr.port()))
        .unwrap()
        .connect()
        .await;
    if let Ok(ch) = plain {
        assert!(
            FeedbackServiceClient::new(ch)
                .submit_feedback(submit("T-plain"))
                .await
                .is_err()
        );
    }
    drop(app);
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn admin_calls_refuse_bad_input_by_name() {
    each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let admin = token(&app.database_url, "ops", &["admin"]).await;
            let mut client = AdminServiceClient::new(app.channel.clone());
            let err = client
                .create_token(with_token(pb::CreateTokenRequest::default(), &admin))
                .await
                .unwrap_err();
            assert_eq!(
                crate::fixtures::violated_fields(&err),
                vec!["name", "scopes"]
            );
            let err = client
                .revoke_token(with_token(
                    pb::RevokeTokenRequest {
                        name: "nobody".into(),
                    },
                    &admin,
                ))
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::NotFound);
            for (size, token_text, field) in
                [(5_000, "", "page_size"), (0, "garbage!", "page_token")]
            {
                let err = client
                    .list_audit_events(with_token(
                        pb::ListAuditEventsRequest {
                            target: String::new(),
                            page_size: size,
                            page_token: token_text.into(),
                        },
                        &admin,
                    ))
                    .await
                    .unwrap_err();
                assert_eq!(crate::fixtures::violated_fields(&err), vec![field]);
            }
            let tokens = client
                .list_tokens(with_token(pb::ListTokensRequest::default(), &admin))
                .await
                .unwrap()
                .into_inner()
                .tokens;
            assert_eq!(tokens.len(), 1, "nothing was created");
        },
    )
    .await;
}

/// With a metrics token (required off loopback), `GET /metrics` answers only to it. The
/// endpoint reads nothing from the database but the outbox depth: SQLite suffices.
#[tokio::test]
async fn metrics_answer_only_to_their_token_when_one_is_set() {
    let backend = crate::harness::Backend::Sqlite;
    let (url, cleanup) = fresh_database(backend).await;
    let (app, server) = TestApp::start(backend, &url, |c| {
        c.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
        c.metrics_token = Some(sift::server::prometheus::Secret::new(
            "prometheus-scrape-secret",
        ));
    })
    .await;
    let addr = app.metrics_addr.unwrap();
    let get = |authorization: &'static str| async move {
        let mut socket = tokio::net::TcpStream::connect(addr)
            .await
            .expect("metrics port");
        let request = format!("GET /metrics HTTP/1.1\r\nhost: x\r\n{authorization}\r\n");
        socket.write_all(request.as_bytes()).await.expect("request");
        let mut out = String::new();
        socket.read_to_string(&mut out).await.expect("response");
        out
    };
    for refused in ["", "authorization: Bearer wrong-secret\r\n"] {
        let text = get(refused).await;
        assert!(text.starts_with("HTTP/1.1 401"), "{refused:?}: {text}");
        assert!(!text.contains("sift_rpc_calls_total"), "nothing leaks");
    }
    let text = get("authorization: Bearer prometheus-scrape-secret\r\n").await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("sift_calls_shed_total 0"), "{text}");
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn with_auth_the_recorded_actor_is_the_token_and_a_supplied_name_is_on_behalf_of() {
    each_backend_with(
        |c| c.auth = true,
        |mut app| async move {
            let ingest = token(&app.database_url, "crm-sync", &["ingest"]).await;
            let pm = token(&app.database_url, "pm-alice", &["plan", "read"]).await;
            let bot = token(&app.database_url, "release-bot", &["release", "read"]).await;
            let mut ids = Vec::new();
            for (i, text) in ["Dark mode please", "Export to PDF please"]
                .iter()
                .enumerate()
            {
                let out = app
                    .feedback
                    .submit_feedback(with_token(
                        pb::SubmitFeedbackRequest {
                            feedback: Some(feedback(&format!("A-{i}"), "acme", text)),
                        },
                        &ingest,
                    ))
                    .await
                    .unwrap()
                    .into_inner();
                ids.push(out.request_id);
            }
            let release = app
                .roadmap
                .create_release(with_token(
                    pb::CreateReleaseRequest {
                        version: "2026.49".into(),
                        kind: pb::ReleaseKind::Minor as i32,
                        planned_date: "2026-12-07".into(),
                        summary: String::new(),
                    },
                    &pm,
                ))
                .await
                .expect("release")
                .into_inner();
            // A planner names someone else; another names nobody.
            for (id, actor) in [(ids[0], "ceo@vendor.example"), (ids[1], "")] {
                app.roadmap
                    .plan_request(with_token(
                        pb::PlanRequestRequest {
                            request_id: id,
                            target: Some(pb::plan_request_request::Target::ReleaseId(release.id)),
                            actor: actor.into(),
                        },
                        &pm,
                    ))
                    .await
                    .expect("plan");
            }
            let shipped = app
                .roadmap
                .ship_release(with_token(
                    pb::ShipReleaseRequest {
                        release_id: release.id,
                        actor: "ceo@vendor.example".into(),
                        accept_generated_titles: true,
                    },
                    &bot,
                ))
                .await
                .expect("ship")
                .into_inner();
            assert_eq!(
                shipped.release.unwrap().shipped_by,
                "release-bot (on behalf of ceo@vendor.example)"
            );
            let history = |id: i64| {
                let mut client = app.requests.clone();
                let pm = pm.clone();
                async move {
                    client
                        .list_status_history(with_token(pb::ListStatusHistoryRequest { id }, &pm))
                        .await
                        .expect("history")
                        .into_inner()
                        .changes
                        .into_iter()
                        .map(|c| c.actor)
                        .collect::<Vec<_>>()
                }
            };
            assert_eq!(
                history(ids[0]).await,
                [
                    "pm-alice (on behalf of ceo@vendor.example)",
                    "release-bot (on behalf of ceo@vendor.example)"
                ]
            );
            assert_eq!(
                history(ids[1]).await,
                ["pm-alice", "release-bot (on behalf of ceo@vendor.example)"]
            );
        },
    )
    .await;
}
