//! The server itself: health, reflection, graceful stop, storage outages.

use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use crate::harness::{Backend, each_backend};

/// Every `sift.v1` service in the descriptor set, as health checks name them.
fn sift_services() -> Vec<String> {
    let pool = prost_reflect::DescriptorPool::decode(sift::pb::FILE_DESCRIPTOR_SET).expect("pool");
    let names: Vec<String> = pool
        .services()
        .map(|s| s.full_name().to_owned())
        .filter(|n| n.starts_with("sift.v1."))
        .collect();
    assert_eq!(names.len(), 9, "{names:?}");
    names
}

async fn statuses(app: &crate::harness::TestApp) -> Vec<(String, ServingStatus)> {
    let mut health = HealthClient::new(app.channel.clone());
    let mut out = Vec::new();
    for service in std::iter::once(String::new()).chain(sift_services()) {
        let reply = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: service.clone(),
            })
            .await
            .unwrap_or_else(|e| panic!("health of {service:?}: {e:?}"))
            .into_inner();
        out.push((service, reply.status()));
    }
    out
}

#[tokio::test]
async fn health_reports_serving_for_every_service() {
    each_backend(|app| async move {
        for (service, status) in statuses(&app).await {
            assert_eq!(status, ServingStatus::Serving, "{service:?}");
        }
    })
    .await;
}

/// Waits until every service reports `want` (the probe runs every 100 ms here).
async fn wait_for(app: &crate::harness::TestApp, want: ServingStatus) {
    let started = std::time::Instant::now();
    loop {
        let now = statuses(app).await;
        if now.iter().all(|(_, status)| *status == want) {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "still {now:?}, want {want:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Health follows the database: NOT_SERVING while it cannot be reached (PostgreSQL refusing
/// connections; SQLite's file gone, as when its volume is unmounted), SERVING once it is back.
#[tokio::test]
async fn health_is_not_serving_while_the_database_is_unreachable() {
    use sea_orm::{ConnectionTrait, Database};
    crate::harness::each_backend_with(
        |c| c.server.health_probe = std::time::Duration::from_millis(100),
        |app| async move {
            wait_for(&app, ServingStatus::Serving).await;
            match app.backend {
                Backend::Postgres => {
                    let name = app.database_url.rsplit('/').next().expect("db name");
                    let base = std::env::var("SIFT_TEST_POSTGRES_URL").expect("url");
                    let admin =
                        Database::connect(format!("{}/postgres", base.trim_end_matches('/')))
                            .await
                            .expect("admin");
                    let allow =
                        |on: bool| format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {on}");
                    admin
                        .execute_unprepared(&allow(false))
                        .await
                        .expect("cut off");
                    wait_for(&app, ServingStatus::NotServing).await;
                    admin
                        .execute_unprepared(&allow(true))
                        .await
                        .expect("restore");
                }
                Backend::Sqlite => {
                    let file = app.database_url.trim_start_matches("sqlite://");
                    let dir = std::path::Path::new(file).parent().expect("dir").to_owned();
                    let away = dir.with_extension("away");
                    std::fs::rename(&dir, &away).expect("unmount");
                    wait_for(&app, ServingStatus::NotServing).await;
                    std::fs::rename(&away, &dir).expect("mount again");
                }
            }
            wait_for(&app, ServingStatus::Serving).await;
        },
    )
    .await;
}

#[tokio::test]
async fn reflection_lists_the_services() {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    each_backend(|app| async move {
        let mut client = ServerReflectionClient::new(app.channel.clone());
        let request = ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        };
        let mut responses = client
            .server_reflection_info(tokio_stream::iter([request]))
            .await
            .expect("reflection")
            .into_inner();
        let response = responses
            .message()
            .await
            .expect("message")
            .expect("one response");
        let Some(MessageResponse::ListServicesResponse(list)) = response.message_response else {
            panic!("unexpected reflection response");
        };
        let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
        for expected in [
            "sift.v1.AccountService",
            "sift.v1.FeedbackService",
            "grpc.health.v1.Health",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_database_outage_is_unavailable_then_recovers() {
    // PostgreSQL only: stop the database from taking connections, kill the server's ones.
    each_backend(|mut app| async move {
        if app.backend != Backend::Postgres {
            return;
        }
        use sea_orm::{ConnectionTrait, Database};
        let name = app
            .database_url
            .rsplit('/')
            .next()
            .expect("db name")
            .to_owned();
        let base = std::env::var("SIFT_TEST_POSTGRES_URL").expect("url");
        let admin = Database::connect(format!("{}/postgres", base.trim_end_matches('/')))
            .await
            .expect("admin");
        admin
            .execute_unprepared(&format!(
                "ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; \
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            ))
            .await
            .expect("cut off");
        let f = crate::fixtures::feedback("O-1", "acme", "during the outage");
        let err = app
            .feedback
            .submit_feedback(sift::pb::SubmitFeedbackRequest {
                feedback: Some(f.clone()),
            })
            .await
            .expect_err("outage");
        assert_eq!(err.code(), tonic::Code::Unavailable, "{err:?}");
        admin
            .execute_unprepared(&format!("ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"))
            .await
            .expect("restore");
        // The same server recovers without a restart.
        let mut ok = None;
        for _ in 0..50 {
            match app
                .feedback
                .submit_feedback(sift::pb::SubmitFeedbackRequest {
                    feedback: Some(f.clone()),
                })
                .await
            {
                Ok(r) => {
                    ok = Some(r.into_inner());
                    break;
                }
                Err(e) => {
                    assert_eq!(e.code(), tonic::Code::Unavailable, "{e:?}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        }
        assert!(ok.is_some(), "recovered");
    })
    .await;
}

#[tokio::test]
async fn shutdown_lets_calls_in_flight_finish() {
    use crate::harness::{TestApp, backends, fresh_database};
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, |_| {}).await;
        let (tx, rx) = tokio::sync::mpsc::channel::<sift::pb::ImportFeedbackRequest>(16);
        let mut client = app.feedback.clone();
        let call = tokio::spawn(async move {
            client
                .import_feedback(tokio_stream::wrappers::ReceiverStream::new(rx))
                .await
        });
        let item = |i: usize| sift::pb::ImportFeedbackRequest {
            feedback: Some(crate::fixtures::feedback(
                &format!("S-{i}"),
                "acme",
                "in flight",
            )),
        };
        for i in 0..10 {
            tx.send(item(i)).await.expect("send");
        }
        // Let the call reach the server before shutdown begins.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        // Shutdown begins while the import stream is open...
        let stopping = tokio::spawn(server.stop());
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(
            !stopping.is_finished(),
            "the server waits for the call in flight"
        );
        // ...and the call still completes with every item stored.
        for i in 10..20 {
            tx.send(item(i)).await.expect("send");
        }
        drop(tx);
        let report = call
            .await
            .expect("task")
            .expect("import completes")
            .into_inner();
        assert_eq!(report.accepted, 20);
        stopping.await.expect("stopped");
        // Stopped: new calls are refused; the data is all there after a restart.
        let refused = app
            .feedback
            .get_feedback(sift::pb::GetFeedbackRequest { id: 1 })
            .await
            .expect_err("stopped");
        assert_eq!(refused.code(), tonic::Code::Unavailable);
        let (mut again, server) = TestApp::start(backend, &url, |_| {}).await;
        let page = again
            .feedback
            .list_feedback(sift::pb::ListFeedbackRequest {
                page_size: 100,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        assert_eq!(page.feedback.len(), 20);
        server.stop().await;
        cleanup.run().await;
    }
}
