//! The `sift` binary itself: help, migrate, and serve stopping on SIGTERM.

use std::process::Command;

fn sift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sift"))
}

#[test]
fn help_documents_every_flag_with_its_environment_variable() {
    let out = sift().args(["serve", "--help"]).output().expect("run sift");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for env in [
        "SIFT_LISTEN",
        "SIFT_DATABASE_URL",
        "SIFT_CURRENCY",
        "SIFT_MAX_TEXT_CHARS",
        "SIFT_LOG_FORMAT",
        "SIFT_NOTIFY_ON_STATUS",
        "SIFT_NOTIFY_LEASE_SECS",
    ] {
        assert!(help.contains(env), "{env} in:\n{help}");
    }
}

#[tokio::test]
async fn migrate_applies_the_schema_and_exits() {
    let (url, cleanup) = crate::harness::fresh_database(crate::harness::Backend::Sqlite).await;
    let out = sift()
        .args(["migrate", "--database-url", &url])
        .output()
        .expect("run sift");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Applying again is a no-op, and the server starts on the migrated database.
    let out = sift()
        .args(["migrate"])
        .env("SIFT_DATABASE_URL", &url)
        .output()
        .expect("again");
    assert!(out.status.success());
    let (mut app, server) =
        crate::harness::TestApp::start(crate::harness::Backend::Sqlite, &url, |_| {}).await;
    app.accounts
        .list_accounts(sift::pb::ListAccountsRequest::default())
        .await
        .expect("tables exist");
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn serve_stops_cleanly_on_sigterm() {
    let (url, cleanup) = crate::harness::fresh_database(crate::harness::Backend::Sqlite).await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let mut child = sift()
        .args([
            "serve",
            "--no-auth",
            "--listen",
            &addr.to_string(),
            "--database-url",
            &url,
        ])
        .env("SIFT_METRICS_LISTEN", "")
        .spawn()
        .expect("spawn");
    let channel = {
        let mut attempt = 0;
        loop {
            match tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
                .expect("endpoint")
                .connect()
                .await
            {
                Ok(c) => break c,
                Err(e) if attempt < 100 => {
                    attempt += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => panic!("server did not start: {e}"),
            }
        }
    };
    let mut client = sift::pb::feedback_service_client::FeedbackServiceClient::new(channel);
    let stored = client
        .submit_feedback(sift::pb::SubmitFeedbackRequest {
            feedback: Some(crate::fixtures::feedback("T-1", "acme", "before SIGTERM")),
        })
        .await
        .expect("submit")
        .into_inner();
    assert!(stored.id > 0);
    // A call in flight at SIGTERM: an import stream, half sent before the signal.
    let (tx, rx) = tokio::sync::mpsc::channel::<sift::pb::ImportFeedbackRequest>(16);
    let mut importer = client.clone();
    let import = tokio::spawn(async move {
        importer
            .import_feedback(tokio_stream::wrappers::ReceiverStream::new(rx))
            .await
    });
    let item = |i: usize| sift::pb::ImportFeedbackRequest {
        feedback: Some(crate::fixtures::feedback(
            &format!("I-{i}"),
            "acme",
            "in flight at SIGTERM",
        )),
    };
    for i in 0..5 {
        tx.send(item(i)).await.expect("send");
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let pid = child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    for i in 5..10 {
        tx.send(item(i)).await.expect("send after SIGTERM");
    }
    drop(tx);
    let report = import
        .await
        .expect("join")
        .expect("the call in flight completes")
        .into_inner();
    assert_eq!(report.accepted, 10);
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .expect("join")
        .expect("wait");
    assert!(status.success(), "exit status {status:?}");
    cleanup.run().await;
}

#[tokio::test]
async fn token_commands_create_list_and_revoke_and_no_auth_stays_on_loopback() {
    let (url, cleanup) = crate::harness::fresh_database(crate::harness::Backend::Sqlite).await;
    let out = sift()
        .args([
            "token",
            "create",
            "--name",
            "crm-sync",
            "--scope",
            "ingest,read",
        ])
        .args(["--database-url", &url])
        .output()
        .expect("run sift");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(secret.starts_with("sift_"), "{secret}");
    let out = sift()
        .args(["token", "create", "--name", "bad", "--scope", "root"])
        .args(["--database-url", &url])
        .output()
        .expect("run sift");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("scopes"));
    let list = sift()
        .args(["token", "list", "--database-url", &url])
        .output()
        .expect("run sift");
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).trim(),
        "crm-sync\tingest,read\tactive"
    );
    let revoke = sift()
        .args(["token", "revoke", "crm-sync", "--database-url", &url])
        .output()
        .expect("run sift");
    assert!(String::from_utf8_lossy(&revoke.stdout).contains("revoked"));
    let store = sift::store::Store::connect(&url, 1).await.expect("store");
    let who = sift::service::access::Tokens::new(store)
        .authenticate(&secret)
        .await
        .expect("lookup");
    assert!(who.is_none(), "a revoked secret authenticates no one");

    let out = sift()
        .args([
            "serve",
            "--no-auth",
            "--listen",
            "0.0.0.0:0",
            "--database-url",
            &url,
        ])
        .output()
        .expect("run sift");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--no-auth"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    cleanup.run().await;
}
