//! A newcomer's first hour and an operator's deployment, through the `sift` binary itself:
//! tokens that never create a database, the server's hint for the first token, logs, the
//! read-only look at the outbox, `sift health`, backup and restore on both databases, and two
//! instances on one PostgreSQL (the topology of `compose.yaml`).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sift::pb;
use sift::pb::prioritization_service_client::PrioritizationServiceClient;

use crate::fixtures::{feedback, with_token};
use crate::harness::{Backend, TestApp, backends, fresh_database};
use crate::roadmap::{plan, release, ship, world};

fn sift() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sift"))
}

fn free_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    listener.local_addr().expect("addr")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A `sift serve` child whose log (stdout, a pipe: not a terminal) is collected line by line.
struct Served {
    child: Child,
    addr: SocketAddr,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Served {
    fn start(database_url: &str, extra: &[&str]) -> Served {
        let addr = free_port();
        let mut child = sift()
            .args(["serve", "--database-url", database_url, "--listen"])
            .arg(addr.to_string())
            .args(["--metrics-listen", ""])
            .args(extra)
            .env_remove("RUST_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sift serve");
        let (tx, lines) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        for pipe in [
            Box::new(stdout) as Box<dyn std::io::Read + Send>,
            Box::new(stderr),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Served {
            child,
            addr,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits (up to 60 s) for a log line containing `needle`, and returns it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        if let Some(line) = self.seen.iter().find(|l| l.contains(needle)) {
            return line.clone();
        }
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => break,
            }
        }
        panic!("no log line with {needle:?} in:\n{}", self.seen.join("\n"));
    }

    /// Every line logged so far.
    fn drain(&mut self) -> &[String] {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        &self.seen
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn stop(self) {
        drop(self);
    }
}

impl Drop for Served {
    /// Also when a test fails: no server outlives its test.
    fn drop(&mut self) {
        // SIGTERM: the server finishes and exits by itself.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The ranked backlog: id, title, score (to 6 places: scores age by the second) and accounts.
async fn backlog_of(addr: &str, secret: &str) -> Vec<(i64, String, i64, i64)> {
    let mut client = PrioritizationServiceClient::connect(addr.to_owned())
        .await
        .expect("connect");
    let rows = client
        .get_ranked_backlog(with_token(
            pb::GetRankedBacklogRequest {
                page_size: 500,
                ..Default::default()
            },
            secret,
        ))
        .await
        .expect("backlog")
        .into_inner()
        .rows;
    rows.into_iter()
        .map(|r| {
            (
                r.request_id,
                r.title,
                (r.score * 1e6).round() as i64,
                r.accounts,
            )
        })
        .collect()
}

#[test]
fn token_create_never_creates_a_database_and_names_the_one_it_wrote_to() {
    let dir = std::env::temp_dir().join(format!("sift_tokens_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("elsewhere")).expect("dirs");

    // From a folder without a database, with the default URL: refused, naming the path, and
    // no file appears.
    let out = sift()
        .current_dir(dir.join("elsewhere"))
        .env_remove("SIFT_DATABASE_URL")
        .args(["token", "create", "--name", "pm", "--scope", "read"])
        .output()
        .expect("run sift");
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "refused: {stderr}");
    let missing = dir.join("elsewhere").join("sift.db");
    assert!(
        stderr.contains(&format!("no database at sqlite://{}", missing.display())),
        "{stderr}"
    );
    assert!(stderr.contains("never creates"), "{stderr}");
    assert!(out.stdout.is_empty(), "no secret printed");
    assert!(!missing.exists(), "no database was created");
    for sibling in ["sift.db-wal", "sift.db-shm"] {
        assert!(!dir.join("elsewhere").join(sibling).exists(), "{sibling}");
    }

    // On the server's database: made there, and said so.
    let db = dir.join("sift.db");
    let url = format!("sqlite://{}", db.display());
    let out = sift()
        .args(["migrate", "--database-url", &url])
        .output()
        .expect("migrate");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = sift()
        .current_dir(dir.join("elsewhere"))
        .args(["token", "create", "--name", "pm", "--scope", "read"])
        .args(["--database-url", &url])
        .output()
        .expect("run sift");
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("created in sqlite://{}", db.display())),
        "{stderr}"
    );
    assert!(!text(&out.stdout).trim().is_empty(), "the secret");
    assert!(!missing.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn token_create_refuses_a_database_without_sift_tables() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        if backend == Backend::Sqlite {
            // An empty SQLite file (made by something else) is not Sift's database either.
            let path = sift::store::sqlite_file(&url).expect("a file");
            std::fs::write(&path, b"").expect("empty file");
        }
        let out = sift()
            .args(["token", "create", "--name", "pm", "--scope", "read"])
            .args(["--database-url", &url])
            .output()
            .expect("run sift");
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{backend:?}: {stderr}");
        assert!(
            stderr.contains("has no Sift tables"),
            "{backend:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{backend:?}: no secret");
        cleanup.run().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_authenticated_server_without_tokens_says_how_to_make_the_first() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let mut served = Served::start(&url, &[]);
    let hint = served.wait_for("no access token exists yet");
    let shown = sift::store::describe_database(&url);
    assert!(hint.contains("sift token create"), "{hint}");
    assert!(hint.contains(&shown), "names the database: {hint}");
    served.wait_for("sift serving");
    served.stop();

    // With a token, no hint; with --no-auth, none either.
    let out = sift()
        .args(["token", "create", "--name", "admin", "--scope", "admin"])
        .args(["--database-url", &url])
        .output()
        .expect("token");
    assert!(out.status.success(), "{}", text(&out.stderr));
    for extra in [&[][..], &["--no-auth"]] {
        let mut served = Served::start(&url, extra);
        served.wait_for("sift serving");
        let lines = served.drain().to_vec();
        served.stop();
        assert!(
            !lines.iter().any(|l| l.contains("no access token")),
            "{extra:?}: {lines:?}"
        );
    }
    cleanup.run().await;
}

/// Whether `line` has a milliseconds value (`latency_ms=`, `ms=`) with more than two decimals.
fn unrounded_latency(line: &str) -> bool {
    line.split("ms=").skip(1).any(|rest| {
        let value: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        value.split('.').nth(1).is_some_and(|d| d.len() > 2)
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn logs_are_plain_in_a_pipe_with_rounded_latencies_and_the_demo_in_one_line() {
    assert!(unrounded_latency(
        "rpc code=Ok latency_ms=0.30032000000000003"
    ));
    assert!(!unrounded_latency("rpc code=Ok latency_ms=0.3"));
    assert!(unrounded_latency("demo data loaded ms=1653.8499999999998"));
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let mut served = Served::start(&url, &["--demo", "--no-auth"]);
    let loaded = served.wait_for("demo data loaded");
    assert!(
        loaded.contains("accounts") && loaded.contains("feedback items in"),
        "{loaded}"
    );
    assert!(loaded.contains(" ms="), "how long it took: {loaded}");
    for _ in 0..5 {
        let out = sift()
            .args(["health", "--server", &served.url()])
            .output()
            .expect("health");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    // The five checks' lines (each is logged as its response starts).
    let deadline = Instant::now() + Duration::from_secs(20);
    while served
        .drain()
        .iter()
        .filter(|l| l.contains("grpc.health"))
        .count()
        < 5
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let lines = served.drain().to_vec();
    served.stop();
    let all = lines.join("\n");
    assert!(
        !all.contains('\u{1b}'),
        "no ANSI escape codes in a pipe:\n{all}"
    );
    // The access log's lines (a call's own info lines, such as consolidation's, may sit in its span).
    let rpc: Vec<&String> = lines.iter().filter(|l| l.contains(": rpc code=")).collect();
    assert!(
        rpc.len() >= 5,
        "the health checks are logged (the demo's calls are not):\n{all}"
    );
    assert!(
        rpc.iter().all(|l| l.contains("grpc.health")),
        "the demo's own calls are at debug, not info:\n{all}"
    );
    assert!(!lines.iter().any(|l| unrounded_latency(l)), "{all}");
    let info = lines.iter().filter(|l| l.contains(" INFO ")).count();
    assert!(info <= rpc.len() + 6, "a short start:\n{all}");
    cleanup.run().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn notifications_list_looks_without_leasing_and_tail_says_it_leases() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, |_| {}).await;
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        let shipped = ship(&mut app, r.id).await;
        assert!(shipped.created > 0);
        let server_url = format!("http://{}", app.addr);

        for _ in 0..2 {
            let out = sift()
                .args(["--server", &server_url, "notifications", "list"])
                .output()
                .expect("list");
            let stdout = text(&out.stdout);
            assert!(out.status.success(), "{}", text(&out.stderr));
            assert!(stdout.contains("2026.48"), "{stdout}");
            assert!(stdout.contains("PENDING"), "{stdout}");
            let rows = stdout.lines().filter(|l| l.contains("2026.48")).count();
            assert_eq!(rows as i64, shipped.notifications, "{stdout}");
        }
        // Nothing was leased: a sender claims every pending one right after the look.
        let claimed = app
            .notifications
            .list_pending_notifications(pb::ListPendingNotificationsRequest {
                limit: 1000,
                lease_seconds: 60,
            })
            .await
            .expect("claim")
            .into_inner()
            .notifications;
        let pending = shipped.notifications - shipped.suppressed;
        assert_eq!(claimed.len() as i64, pending, "{backend:?}");

        // `--status` filters; `tail` says on stderr that it leases (it follows until stopped).
        let out = sift()
            .args(["--server", &server_url, "notifications", "list"])
            .args(["--status", "suppressed"])
            .output()
            .expect("list suppressed");
        let stdout = text(&out.stdout);
        assert_eq!(
            stdout.lines().filter(|l| l.contains("SUPPRESSED")).count() as i64,
            shipped.suppressed,
            "{stdout}"
        );
        assert!(!stdout.contains("PENDING"), "{stdout}");
        let mut tail = sift()
            .args(["--server", &server_url, "notifications", "tail"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tail");
        let mut first = String::new();
        BufReader::new(tail.stderr.take().expect("stderr"))
            .read_line(&mut first)
            .expect("notice");
        let _ = tail.kill();
        let _ = tail.wait();
        assert!(first.contains("LEASED"), "{first}");
        assert!(first.contains("sift notifications list"), "{first}");

        server.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn health_exits_zero_when_serving_and_one_when_not() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |_| {}).await;
    let out = sift()
        .args(["health", "--server", &format!("http://{}", app.addr)])
        .output()
        .expect("health");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "sift: SERVING");
    let out = sift()
        .args(["health", "--service", "sift.v1.FeedbackService"])
        .args(["--server", &app.addr.to_string()])
        .output()
        .expect("health of a service");
    assert!(out.status.success(), "{}", text(&out.stderr));
    server.stop().await;
    let out = sift()
        .args(["health", "--timeout-secs", "1", "--server"])
        .arg(format!("http://{}", free_port()))
        .output()
        .expect("health of nothing");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("cannot reach"),
        "{}",
        text(&out.stderr)
    );
    cleanup.run().await;
}

/// Feedback from a few accounts about a few needs, through the API.
async fn some_backlog(app: &mut TestApp) {
    app.accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![
                crate::fixtures::account("acme", 50_000_000),
                crate::fixtures::account("globex", 900_000),
            ],
        })
        .await
        .expect("accounts");
    let texts = [
        "We need to export the weekly report as PDF for the board",
        "Please add PDF export of reports",
        "Single sign-on with Okta (SAML) is required by our security team",
        "Dark mode for the dashboard please, our analysts work at night",
    ];
    for (i, body) in texts.iter().enumerate() {
        for acct in ["acme", "globex"] {
            app.feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(feedback(&format!("B-{acct}-{i}"), acct, body)),
                })
                .await
                .expect("feedback");
        }
    }
}

/// Imports `n` tickets of about 4 KB each.
async fn import_long_tickets(app: &mut TestApp, first: usize, n: usize) {
    let items = (first..first + n).map(|i| {
        let body = format!(
            "Export report {i} as PDF. {}",
            "Quarterly figures. ".repeat(200)
        );
        feedback(&format!("CK-{i}"), "acme", &body)
    });
    crate::fixtures::import(&mut app.feedback, items).await;
}

/// A SQLite file's write-ahead log is copied back into the database in the background, not by
/// the writer's commits (its own checkpoint comes only every 100,000 pages): what the server
/// stored reaches the database file itself within seconds, with no further write.
#[tokio::test(flavor = "multi_thread")]
async fn a_sqlite_file_gets_its_log_copied_back_in_the_background() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (mut app, server) = TestApp::start(Backend::Sqlite, &url, |_| {}).await;
    let db = sift::store::sqlite_file(&url).expect("file");
    let size = || {
        std::fs::metadata(&db)
            .map(|m| m.len())
            .expect("database file")
    };
    // Whatever start-up wrote is copied back first.
    import_long_tickets(&mut app, 0, 1).await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let before = size();
    // About 2 MB of feedback, in one commit.
    import_long_tickets(&mut app, 1, 500).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while size() < before + 1_500_000 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        size() >= before + 1_500_000,
        "the database file grew from {before} to {} bytes only",
        size()
    );
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sqlite_backup_taken_while_serving_restores_the_same_backlog() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (mut app, server) = TestApp::start(Backend::Sqlite, &url, |_| {}).await;
    some_backlog(&mut app).await;
    let before = backlog_of(&format!("http://{}", app.addr), "").await;
    assert!(!before.is_empty());
    let db = sift::store::sqlite_file(&url).expect("file");
    let wal = db.with_extension("db-wal");
    // The recent writes are in the WAL (copied back in the background, a second later at
    // most): a copy of sift.db alone could miss them.
    assert!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0,
        "the WAL holds the recent writes"
    );

    // Backed up while the server runs, into a fresh folder.
    let restore_dir = db.parent().expect("dir").join("restored");
    std::fs::create_dir_all(&restore_dir).expect("dir");
    let copy = restore_dir.join("sift.db");
    let out = sift()
        .args([
            "backup",
            copy.to_str().expect("utf-8"),
            "--database-url",
            &url,
        ])
        .output()
        .expect("backup");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("backed up"),
        "{}",
        text(&out.stderr)
    );
    // Never over an existing file.
    let out = sift()
        .args([
            "backup",
            copy.to_str().expect("utf-8"),
            "--database-url",
            &url,
        ])
        .output()
        .expect("backup again");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("exists"),
        "{}",
        text(&out.stderr)
    );
    server.stop().await;

    // Restored: a server on the copy serves the same backlog.
    let restored = format!("sqlite://{}", copy.display());
    let (app, server) = TestApp::start(Backend::Sqlite, &restored, |_| {}).await;
    let after = backlog_of(&format!("http://{}", app.addr), "").await;
    server.stop().await;
    assert_eq!(after, before);

    // PostgreSQL URLs are pointed to pg_dump.
    let out = sift()
        .args(["backup", "/tmp/never.db", "--database-url"])
        .arg("postgres://postgres@127.0.0.1:1/none")
        .output()
        .expect("backup of postgres");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("pg_dump"),
        "{}",
        text(&out.stderr)
    );
    cleanup.run().await;
}

/// Runs a PostgreSQL client tool (pg_dump, pg_restore), failing the test on an error.
fn pg_tool(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output().expect(program);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        text(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postgres_backup_with_pg_dump_restores_the_same_backlog() {
    if !backends().contains(&Backend::Postgres) {
        return; // recorded by backends()
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    let (mut app, server) = TestApp::start(Backend::Postgres, &url, |_| {}).await;
    some_backlog(&mut app).await;
    let before = backlog_of(&format!("http://{}", app.addr), "").await;
    let dump = std::env::temp_dir().join(format!("sift_pg_{}.dump", std::process::id()));
    // The README's steps: dumped while serving ...
    pg_tool(
        "pg_dump",
        &[
            "--format=custom",
            "--file",
            dump.to_str().expect("utf-8"),
            &url,
        ],
    );
    server.stop().await;
    // ... restored into a new, empty database.
    let (restored, restored_cleanup) = fresh_database(Backend::Postgres).await;
    pg_tool(
        "pg_restore",
        &[
            "--no-owner",
            "--dbname",
            &restored,
            dump.to_str().expect("utf-8"),
        ],
    );
    let (app, server) = TestApp::start(Backend::Postgres, &restored, |_| {}).await;
    let after = backlog_of(&format!("http://{}", app.addr), "").await;
    server.stop().await;
    assert_eq!(after, before);
    let _ = std::fs::remove_file(&dump);
    restored_cleanup.run().await;
    cleanup.run().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_on_one_postgres_serve_the_same_backlog() {
    // compose.yaml's topology from the binary: one PostgreSQL, two `sift serve` started
    // together (migrations under a lock), the first with --demo, authentication on.
    if !backends().contains(&Backend::Postgres) {
        return; // recorded by backends()
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    let mut first = Served::start(&url, &["--demo"]);
    let mut second = Served::start(&url, &[]);
    first.wait_for("sift serving");
    second.wait_for("sift serving");
    let out = sift()
        .args(["token", "create", "--name", "pm", "--scope", "read"])
        .args(["--database-url", &url])
        .output()
        .expect("token");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let secret = text(&out.stdout).trim().to_owned();
    first.wait_for("demo data loaded");
    for served in [&first, &second] {
        let out = sift()
            .args(["health", "--server", &served.url()])
            .output()
            .expect("health");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let a = backlog_of(&first.url(), &secret).await;
    assert!(a.len() >= 5, "the demo backlog: {a:?}");
    // The second instance follows the first's writes (version stamps, the clustering log).
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut b = backlog_of(&second.url(), &secret).await;
    while b != a && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        b = backlog_of(&second.url(), &secret).await;
    }
    assert_eq!(b, a, "both instances serve the same backlog");
    // A call without a token is refused by both.
    for served in [&first, &second] {
        let mut client = PrioritizationServiceClient::connect(served.url())
            .await
            .expect("connect");
        let err = client
            .get_ranked_backlog(pb::GetRankedBacklogRequest::default())
            .await
            .expect_err("no token");
        assert_eq!(err.code(), tonic::Code::Unauthenticated);
    }
    first.stop();
    second.stop();
    cleanup.run().await;
}
