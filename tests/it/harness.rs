//! Spawns the real server in-process on an ephemeral port, on a fresh database per test, and
//! hands out generated tonic clients.
//!
//! Every test runs on SQLite (a fresh file), and also on PostgreSQL when
//! `SIFT_TEST_POSTGRES_URL` names a server (e.g. `postgres://postgres@127.0.0.1:5432`): each run
//! gets a new database there. With `CI` set, a missing PostgreSQL URL fails the suite rather than
//! passing silently.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{ConnectionTrait, Database};
use sift::pb::account_service_client::AccountServiceClient;
use sift::pb::feedback_service_client::FeedbackServiceClient;
use sift::pb::notification_service_client::NotificationServiceClient;
use sift::pb::prioritization_service_client::PrioritizationServiceClient;
use sift::pb::request_service_client::RequestServiceClient;
use sift::pb::roadmap_service_client::RoadmapServiceClient;
use sift::pb::telemetry_service_client::TelemetryServiceClient;
use sift::service::clock::Clock;
use sift::{App, Config};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::Channel;

static COUNTER: AtomicU64 = AtomicU64::new(0);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends this run covers.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    match std::env::var("SIFT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => out.push(Backend::Postgres),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI is set but SIFT_TEST_POSTGRES_URL is not: PostgreSQL would be skipped")
        }
        _ => skipped(
            "PostgreSQL",
            "SIFT_TEST_POSTGRES_URL is not set (ran on SQLite only)",
        ),
    }
    out
}

/// Where skipped parts of tests are recorded: `scripts/test` (the README's test command)
/// prints them at the end, so a skip never hides behind an `ok`.
pub const SKIPS_FILE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/sift-skipped.tsv");

/// Records that the running test skipped `what`, and why (one line per test, what and why).
pub fn skipped(what: &str, why: &str) {
    use std::io::Write as _;
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    eprintln!("skipped {what}: {why}");
    let line = format!("{test}\t{what}\t{why}\n");
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(SKIPS_FILE)
    {
        let _ = file.write_all(line.as_bytes());
    }
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// A fresh, empty database of `backend`; returns its URL and how to clean it up.
pub async fn fresh_database(backend: Backend) -> (String, Cleanup) {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(unique("sift_it"));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}", dir.join("sift.db").display());
            (url, Cleanup::Dir(dir))
        }
        Backend::Postgres => {
            let base = std::env::var("SIFT_TEST_POSTGRES_URL").expect("SIFT_TEST_POSTGRES_URL");
            let base = base.trim_end_matches('/').to_owned();
            let name = unique("sift_it");
            let admin = Database::connect(format!("{base}/postgres"))
                .await
                .expect("postgres");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create database");
            (format!("{base}/{name}"), Cleanup::Postgres { base, name })
        }
    }
}

pub enum Cleanup {
    Dir(PathBuf),
    Postgres { base: String, name: String },
}

impl Cleanup {
    pub async fn run(self) {
        match self {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { base, name } => {
                if let Ok(admin) = Database::connect(format!("{base}/postgres")).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                }
            }
        }
    }
}

/// A running server and its clients.
#[derive(Clone)]
pub struct TestApp {
    pub backend: Backend,
    pub addr: SocketAddr,
    pub metrics_addr: Option<SocketAddr>,
    pub console_addr: Option<SocketAddr>,
    pub database_url: String,
    pub accounts: AccountServiceClient<Channel>,
    pub feedback: FeedbackServiceClient<Channel>,
    pub requests: RequestServiceClient<Channel>,
    pub backlog: PrioritizationServiceClient<Channel>,
    pub telemetry: TelemetryServiceClient<Channel>,
    pub roadmap: RoadmapServiceClient<Channel>,
    pub notifications: NotificationServiceClient<Channel>,
    pub channel: Channel,
    /// The server's clock for leases and retries: `advance` it instead of sleeping.
    pub clock: Clock,
}

/// The server task behind a [`TestApp`]; kept by the harness, outside the test's future, so
/// the server lives exactly as long as the test.
pub struct Server {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Server {
    /// Stops taking calls, waits for calls in flight and queued writes.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.expect("server task");
    }
}

impl TestApp {
    /// Starts a server on `database_url` with `configure` applied to the test configuration.
    pub async fn start(
        backend: Backend,
        database_url: &str,
        configure: impl FnOnce(&mut Config),
    ) -> (TestApp, Server) {
        let (app, server, _) = Self::start_reporting(backend, database_url, configure).await;
        (app, server)
    }

    /// [`TestApp::start`], also saying how the clustering index was built.
    pub async fn start_reporting(
        backend: Backend,
        database_url: &str,
        configure: impl FnOnce(&mut Config),
    ) -> (TestApp, Server, sift::service::snapshot::StartFrom) {
        if std::env::var_os("TEST_LOG").is_some() {
            sift::server::logging::init(sift::server::config::LogFormat::Text);
        }
        let mut config = Config::for_database(database_url);
        configure(&mut config);
        let clock = Clock::adjustable();
        let app = App::build(config).await.expect("app builds");
        let start_from = app.clustering_start().clone();
        let app = app.with_clock(clock.clone());
        let addr = app.addr();
        let metrics_addr = app.metrics_addr();
        let console_addr = app.console_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            app.run_until(async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .expect("endpoint")
            .connect_lazy();
        // The port takes connections before the server serves (it loads the backlog first):
        // a test starts once the server answers, so nothing it does races the start. (A server
        // speaking TLS answers this plaintext call with an error, once it serves.)
        let _ = tonic_health::pb::health_client::HealthClient::new(channel.clone())
            .check(tonic_health::pb::HealthCheckRequest::default())
            .await;
        let app = TestApp {
            backend,
            addr,
            metrics_addr,
            console_addr,
            database_url: database_url.to_owned(),
            accounts: AccountServiceClient::new(channel.clone()),
            feedback: FeedbackServiceClient::new(channel.clone()),
            requests: RequestServiceClient::new(channel.clone()),
            backlog: PrioritizationServiceClient::new(channel.clone()),
            telemetry: TelemetryServiceClient::new(channel.clone()),
            roadmap: RoadmapServiceClient::new(channel.clone()),
            notifications: NotificationServiceClient::new(channel.clone()),
            channel,
            clock,
        };
        (app, Server { stop, task: server }, start_from)
    }
}

/// Runs `test` against a fresh server on every backend of this run.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    each_backend_with(|_| {}, test).await;
}

/// Like [`each_backend`], with a configuration change.
pub async fn each_backend_with<C, F, Fut>(configure: C, test: F)
where
    C: Fn(&mut Config),
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = TestApp::start(backend, &url, &configure).await;
        test(app).await;
        server.stop().await;
        cleanup.run().await;
    }
}
