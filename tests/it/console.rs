//! The web console: its JSON gateway over plain HTTP, and the pages clicked through in headless
//! Chromium over WebDriver, each step checked against the gRPC API.
//!
//! The browser test needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).
//! Without them it is skipped, except under CI, where their absence fails the run. It runs on
//! SQLite only: the console is a face over the API, whose storage the other tests cover on both
//! databases. With SIFT_SCREENSHOTS=DIR it also saves a screenshot of each page there.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use sift::pb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::fixtures::{token, with_token};
use crate::harness::{Backend, TestApp, fresh_database};

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client: one request per connection.

pub(crate) async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        head.push_str(&format!("host: {addr}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    // A server may answer (413) and close before it has read an oversized body: the answer
    // is what the test checks, so a write cut short is not an error here.
    let _ = stream.write_all(body).await;
    // Read the head, then the body by its length (some servers keep the connection open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let read = async {
        loop {
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
                let length = head.lines().find_map(|l| {
                    l.strip_prefix("content-length:")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                });
                let done = match length {
                    Some(n) => raw.len() >= split + 4 + n,
                    None if head.contains("transfer-encoding: chunked") => {
                        raw.ends_with(b"0\r\n\r\n")
                    }
                    None => false,
                };
                if done {
                    return;
                }
            }
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => raw.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .unwrap_or_else(|_| panic!("{method} {path}: no answer in 60 s"));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = unchunk(&body);
    }
    (status, headers, body)
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
}

/// POSTs `body` to the console's gateway as the holder of `secret`.
async fn api(addr: SocketAddr, rpc: &str, secret: &str, body: &str) -> (u16, Value) {
    let auth = format!("Bearer {secret}");
    let mut headers = vec![("content-type", "application/json")];
    if !secret.is_empty() {
        headers.push(("authorization", auth.as_str()));
    }
    let (status, _, body) = http(
        addr,
        "POST",
        &format!("/api/sift.v1.{rpc}"),
        &headers,
        body.as_bytes(),
    )
    .await;
    let value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{rpc}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, value)
}

async fn seed(app: &TestApp, secret: &str) {
    sift::demo::load(app.addr, secret).await.expect("demo data");
}

async fn console_app(backend: Backend, url: &str) -> (TestApp, crate::harness::Server) {
    TestApp::start(backend, url, |c| {
        c.auth = true;
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await
}

/// DNS rebinding: a page on attacker.rebind.example whose name now points at 127.0.0.1 calls
/// the console with its own name in `Host`. It used to create an admin token under --no-auth.
#[tokio::test]
async fn the_console_refuses_other_sites_and_no_auth_cannot_create_tokens() {
    for backend in crate::harness::backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = TestApp::start(backend, &url, |c| {
            c.auth = false;
            c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
            c.console_allowed_hosts = vec!["sift.example.com".into()];
        })
        .await;
        let console = app.console_addr.expect("console is on");
        let create = br#"{"name": "rebound", "scopes": ["admin"]}"#;
        let json = ("content-type", "application/json");
        let post = |headers: Vec<(&'static str, String)>| async move {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .chain([json])
                .collect();
            let (status, _, body) = http(
                console,
                "POST",
                "/api/sift.v1.AdminService/CreateToken",
                &headers,
                create,
            )
            .await;
            let body: Value = serde_json::from_slice(&body).expect("json");
            (status, body)
        };

        // Another site's name in Host: refused before anything is called, pages included.
        let (status, body) = post(vec![("host", "attacker.rebind.example".into())]).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "PERMISSION_DENIED");
        assert!(
            body["message"]
                .as_str()
                .unwrap_or_default()
                .contains("host")
        );
        let foreign = [("host", "attacker.rebind.example:80")];
        assert_eq!(http(console, "GET", "/", &foreign, b"").await.0, 403);
        assert_eq!(
            http(console, "GET", "/api/whoami", &foreign, b"").await.0,
            403
        );

        // Our own names pass the Host check, but another site's Origin does not.
        let port = console.port();
        let (status, _) = post(vec![
            ("host", format!("localhost:{port}")),
            ("origin", "http://attacker.rebind.example".into()),
        ])
        .await;
        assert_eq!(status, 403);
        let (status, _) = post(vec![("origin", "null".into())]).await;
        assert_eq!(status, 403);

        // Even from its own page, --no-auth does not make tokens: they would outlive it.
        for host in [
            console.to_string(),
            format!("localhost:{port}"),
            "sift.example.com".into(),
        ] {
            let (status, body) = post(vec![
                ("host", host.clone()),
                ("origin", format!("http://{host}")),
            ])
            .await;
            assert_eq!(status, 403, "{host}: {body}");
            assert!(
                body["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("--no-auth"),
                "{body}"
            );
        }
        // ...while an ordinary call from its own page is answered.
        assert_eq!(
            http(
                console,
                "GET",
                "/api/whoami",
                &[("origin", &format!("http://{console}"))],
                b""
            )
            .await
            .0,
            200
        );
        // The gRPC port refuses it the same way.
        let mut admin =
            sift::pb::admin_service_client::AdminServiceClient::new(app.channel.clone());
        let refused = admin
            .create_token(pb::CreateTokenRequest {
                name: "rebound".into(),
                scopes: vec!["admin".into()],
                expires_in: None,
            })
            .await
            .expect_err("no tokens without authentication");
        assert_eq!(refused.code(), tonic::Code::PermissionDenied);
        let store = sift::store::Store::connect(&url, 2).await.expect("store");
        let tokens = sift::service::access::Tokens::new(store)
            .list(true)
            .await
            .expect("list");
        assert!(tokens.is_empty(), "no token was created");

        server.stop().await;
        cleanup.run().await;
    }
}

/// With authentication on, an admin's own page creates tokens; a rebound name still cannot.
#[tokio::test]
async fn an_admin_creates_tokens_from_the_console_but_not_through_a_rebound_name() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = console_app(Backend::Sqlite, &url).await;
    let console = app.console_addr.expect("console is on");
    let admin = token(&url, "ops", &["admin"]).await;
    let bearer = format!("Bearer {admin}");
    let create = |name: &str| format!(r#"{{"name": "{name}", "scopes": ["read"]}}"#);
    let own_origin = format!("http://{console}");
    let (status, _, body) = http(
        console,
        "POST",
        "/api/sift.v1.AdminService/CreateToken",
        &[
            ("content-type", "application/json"),
            ("authorization", &bearer),
            ("origin", &own_origin),
        ],
        create("from-the-page").as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let (status, _, _) = http(
        console,
        "POST",
        "/api/sift.v1.AdminService/CreateToken",
        &[
            ("content-type", "application/json"),
            ("authorization", &bearer),
            ("host", "attacker.rebind.example"),
        ],
        create("rebound").as_bytes(),
    )
    .await;
    assert_eq!(status, 403);
    server.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn the_gateway_answers_in_json_with_the_apis_codes_fields_and_scopes() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = console_app(Backend::Sqlite, &url).await;
    let console = app.console_addr.expect("console is on");
    let all = token(&url, "ops", &["ingest", "read", "plan", "release", "admin"]).await;
    let read = token(&url, "viewer", &["read"]).await;
    seed(&app, &all).await;

    // The pages themselves, in UTF-8, with the headers that keep them in their own origin.
    let (status, headers, body) = http(console, "GET", "/", &[], b"").await;
    assert_eq!(status, 200);
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "text/html; charset=utf-8");
    assert!(header("content-security-policy").contains("default-src 'self'"));
    assert_eq!(header("x-frame-options"), "DENY");
    assert!(String::from_utf8_lossy(&body).contains("<script src=\"/app.js\""));
    for asset in ["/app.js", "/style.css"] {
        assert_eq!(
            http(console, "GET", asset, &[], b"").await.0,
            200,
            "{asset}"
        );
    }
    assert_eq!(http(console, "GET", "/nope", &[], b"").await.0, 404);

    // Who am I: refused without a token, the token's name and scopes with one.
    let (status, _, body) = http(console, "GET", "/api/whoami", &[], b"").await;
    assert_eq!(status, 401, "{}", String::from_utf8_lossy(&body));
    let bearer = format!("Bearer {read}");
    let (status, _, body) = http(
        console,
        "GET",
        "/api/whoami",
        &[("authorization", &bearer)],
        b"",
    )
    .await;
    assert_eq!(status, 200);
    let me: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        me,
        json!({"auth": true, "name": "viewer", "scopes": ["read"]})
    );

    // The backlog through the gateway is the API's backlog, field for field.
    let (status, backlog) = api(
        console,
        "PrioritizationService/GetRankedBacklog",
        &read,
        r#"{"page_size": 50}"#,
    )
    .await;
    assert_eq!(status, 200, "{backlog}");
    let expected = app
        .backlog
        .clone()
        .get_ranked_backlog(with_token(
            pb::GetRankedBacklogRequest {
                page_size: 50,
                ..Default::default()
            },
            &read,
        ))
        .await
        .expect("backlog")
        .into_inner();
    let rows = backlog["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), expected.rows.len());
    assert!(!rows.is_empty());
    for (json, row) in rows.iter().zip(&expected.rows) {
        assert_eq!(json["request_id"], row.request_id);
        assert_eq!(json["title"], row.title.as_str());
        assert_eq!(json["status"], "REQUEST_STATUS_NEW");
        assert!((json["score"].as_f64().expect("score") - row.score).abs() < 1e-12);
    }

    // Errors: the gRPC code's name, the message, and the fields named; nothing changes.
    let (status, err) = api(
        console,
        "RoadmapService/CreateRelease",
        &all,
        r#"{"version": "", "kind": "RELEASE_KIND_MINOR", "planned_date": "not a date"}"#,
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["code"], "INVALID_ARGUMENT");
    let fields: Vec<&str> = err["field_violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|v| v["field"].as_str())
        .collect();
    assert!(fields.contains(&"version"), "{err}");
    assert!(fields.contains(&"planned_date"), "{err}");
    let (_, roadmap) = api(console, "RoadmapService/GetRoadmap", &read, "{}").await;
    assert_eq!(
        roadmap["releases"],
        json!([]),
        "a refused call wrote nothing"
    );

    for (rpc, secret, body, code, http_status) in [
        (
            "RequestService/GetRequest",
            "",
            r#"{"id": 1}"#,
            "UNAUTHENTICATED",
            401,
        ),
        (
            "RequestService/GetRequest",
            "sift_wrong",
            r#"{"id": 1}"#,
            "UNAUTHENTICATED",
            401,
        ),
        (
            "RoadmapService/ShipRelease",
            read.as_str(),
            r#"{"release_id": 1}"#,
            "PERMISSION_DENIED",
            403,
        ),
        (
            "RequestService/GetRequest",
            read.as_str(),
            r#"{"id": 999999}"#,
            "NOT_FOUND",
            404,
        ),
        (
            "RequestService/GetRequest",
            read.as_str(),
            r#"{"idd": 1}"#,
            "INVALID_ARGUMENT",
            400,
        ),
        (
            "RequestService/GetRequest",
            read.as_str(),
            r#"{"id": 1"#,
            "INVALID_ARGUMENT",
            400,
        ),
        ("RequestService/Nope", read.as_str(), "{}", "NOT_FOUND", 404),
        (
            "NotificationService/StreamNotifications",
            all.as_str(),
            "{}",
            "UNIMPLEMENTED",
            404,
        ),
    ] {
        let (status, err) = api(console, rpc, secret, body).await;
        assert_eq!(
            (status, err["code"].as_str()),
            (http_status, Some(code)),
            "{rpc} {body}: {err}"
        );
        assert!(!err["message"].as_str().unwrap_or("").is_empty(), "{err}");
    }
    let (status, permission) = api(
        console,
        "RoadmapService/ShipRelease",
        &read,
        r#"{"release_id": 1}"#,
    )
    .await;
    assert_eq!(status, 403);
    assert!(
        permission["message"]
            .as_str()
            .is_some_and(|m| m.contains("`release` scope")),
        "{permission}"
    );

    // Not JSON, or too big: refused before any call.
    let (status, _, _) = http(
        console,
        "POST",
        "/api/sift.v1.RequestService/GetRequest",
        &[("authorization", &bearer), ("content-type", "text/plain")],
        b"{}",
    )
    .await;
    assert_eq!(status, 415);
    let huge = format!(r#"{{"text": "{}"}}"#, "x".repeat(17 << 20));
    let (status, _, _) = http(
        console,
        "POST",
        "/api/sift.v1.RequestService/FindSimilar",
        &[
            ("authorization", &bearer),
            ("content-type", "application/json"),
        ],
        huge.as_bytes(),
    )
    .await;
    assert_eq!(status, 413);

    server.stop().await;
    cleanup.run().await;
}

// ---------------------------------------------------------------------------------------------
// WebDriver, the few commands the test needs (W3C protocol over HTTP).

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    shots: Option<PathBuf>,
}

fn chromium() -> Option<(PathBuf, PathBuf)> {
    let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())?;
    let driver = PathBuf::from("/usr/bin/chromedriver");
    driver.exists().then_some((browser, driver))
}

impl Browser {
    async fn start(browser: &Path, driver: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(addr).await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("sift-chromium-{port}"));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1366,900", format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let mut b = Browser {
            driver: child,
            addr,
            session: String::new(),
            shots: std::env::var_os("SIFT_SCREENSHOTS").map(PathBuf::from),
        };
        let value = b.command("POST", "/session", caps).await;
        b.session = value["sessionId"].as_str().expect("session id").to_owned();
        b
    }

    async fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if method == "GET" || method == "DELETE" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let (status, _, raw) = http(
            self.addr,
            method,
            path,
            &[("content-type", "application/json")],
            &body,
        )
        .await;
        let value: Value = serde_json::from_slice(&raw).expect("webdriver json");
        assert_eq!(status, 200, "webdriver {method} {path}: {value}");
        value["value"].clone()
    }

    async fn try_command(&self, method: &str, path: &str, body: Value) -> Result<Value, Value> {
        let (status, _, raw) = http(
            self.addr,
            method,
            path,
            &[("content-type", "application/json")],
            body.to_string().as_bytes(),
        )
        .await;
        let value: Value = serde_json::from_slice(&raw).expect("webdriver json");
        if status == 200 {
            Ok(value["value"].clone())
        } else {
            Err(value["value"].clone())
        }
    }

    fn at(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    async fn goto(&self, url: &str) {
        self.command("POST", &self.at("/url"), json!({"url": url}))
            .await;
    }

    /// The element matching `css`, waiting up to 15 s for it to appear.
    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(v) = self
                .try_command(
                    "POST",
                    &self.at("/element"),
                    json!({"using": "css selector", "value": css}),
                )
                .await
            {
                return v[ELEMENT].as_str().expect("element id").to_owned();
            }
            assert!(Instant::now() < deadline, "no element {css:?} appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends `command` to the element matching `css`; finds it again if the page redrew it
    /// in between (a stale element).
    async fn on_element(&self, css: &str, command: &str, body: Value) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let id = self.find(css).await;
            match self
                .try_command(
                    "POST",
                    &self.at(&format!("/element/{id}/{command}")),
                    body.clone(),
                )
                .await
            {
                Ok(_) => return,
                Err(e) if e["error"] == "stale element reference" => {
                    assert!(Instant::now() < deadline, "{css:?} kept going stale");
                }
                Err(e) => panic!("{command} on {css:?}: {e}"),
            }
        }
    }

    async fn click(&self, css: &str) {
        self.on_element(css, "click", json!({})).await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, "clear", json!({})).await;
        self.on_element(css, "value", json!({"text": text})).await;
    }

    /// Sets an input's value directly (for widgets such as date pickers that typing cannot
    /// fill the same way in every locale).
    async fn set_value(&self, css: &str, value: &str) {
        let id = self.find(css).await;
        self.run(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
            json!([{ ELEMENT: id }, value]),
        )
        .await;
    }

    async fn run(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            &self.at("/execute/sync"),
            json!({"script": script, "args": args}),
        )
        .await
    }

    async fn run_async(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            &self.at("/execute/async"),
            json!({"script": script, "args": args}),
        )
        .await
    }

    /// Texts of every element matching `css`.
    async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .run(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);",
                json!([css]),
            )
            .await;
        serde_json::from_value(v).expect("strings")
    }

    /// Waits until `check` holds for the texts of `css`; returns them.
    async fn wait_texts(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let texts = self.texts(css).await;
            if check(&texts) {
                return texts;
            }
            assert!(Instant::now() < deadline, "{what}: {css:?} shows {texts:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn accept_alert(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self
            .try_command("POST", &self.at("/alert/accept"), json!({}))
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "no confirmation dialog");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The request ids of the rows matching `css` (each row carries data-request-id).
    async fn row_ids(&self, css: &str) -> Vec<i64> {
        let v = self
            .run(
                "return [...document.querySelectorAll(arguments[0])].map(e => Number(e.dataset.requestId));",
                json!([css]),
            )
            .await;
        serde_json::from_value(v).expect("ids")
    }

    async fn screenshot(&self, name: &str) {
        let Some(dir) = &self.shots else { return };
        // Let fonts and bars settle before the picture.
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The whole page, up to a limit: grow the window to the page's height for the picture.
        let height = self
            .run("return document.documentElement.scrollHeight;", json!([]))
            .await
            .as_i64()
            .unwrap_or(900);
        let rect = |h: i64| json!({"width": 1366, "height": h.clamp(900, 2400)});
        self.command("POST", &self.at("/window/rect"), rect(height + 140))
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let v = self
            .command("GET", &self.at("/screenshot"), json!({}))
            .await;
        self.command("POST", &self.at("/window/rect"), rect(900))
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("base64"))
            .expect("png");
        std::fs::create_dir_all(dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }

    async fn quit(self) {
        let _ = self.try_command("DELETE", &self.at(""), json!({})).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `1234567` as `1,234,567`, as the page writes money.
fn thousands(n: i64) -> String {
    sift::cli::import::thousands(n)
}

fn backlog_ids(rows: &[pb::BacklogRow]) -> Vec<i64> {
    rows.iter().map(|r| r.request_id).collect()
}

/// Runs a browser test with the Chromium and ChromeDriver paths: skipped where they are missing
/// (a failure under CI), on a thread with room for one long future.
fn browser_test<Fut: Future<Output = ()> + 'static>(test: fn(PathBuf, PathBuf) -> Fut) {
    let Some((chromium, chromedriver)) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium and chromedriver (.ci/run installs them)"
        );
        crate::harness::skipped(
            "the browser test",
            "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
        );
        return;
    };
    let run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(Box::pin(test(chromium, chromedriver)))
        })
        .expect("test thread");
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn a_pm_clicks_through_the_console_in_a_real_browser() {
    browser_test(click_through);
}

async fn click_through(chromium: PathBuf, chromedriver: PathBuf) {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = console_app(Backend::Sqlite, &url).await;
    let console = app.console_addr.expect("console is on");
    let all = token(&url, "ops", &["ingest", "read", "plan", "release", "admin"]).await;
    let pm = token(&url, "pm-anna", &["ingest", "read", "plan", "release"]).await;
    let viewer = token(&url, "viewer", &["read"]).await;
    seed(&app, &all).await;
    let mut requests = app.requests.clone();
    let mut roadmap_api = app.roadmap.clone();
    // The API's answers, as the PM's token gets them.
    let backlog = |request: pb::GetRankedBacklogRequest| {
        let mut client = app.backlog.clone();
        let pm = pm.clone();
        async move {
            client
                .get_ranked_backlog(with_token(request, &pm))
                .await
                .expect("backlog")
                .into_inner()
        }
    };
    let page = |page_size: i32, tier: pb::Tier, page_token: String| {
        backlog(pb::GetRankedBacklogRequest {
            page_size,
            tier: tier as i32,
            page_token,
            ..Default::default()
        })
    };
    let get = |id: i64| {
        let mut client = app.requests.clone();
        let pm = pm.clone();
        async move {
            client
                .get_request(with_token(
                    pb::GetRequestRequest {
                        id,
                        evidence_limit: 100,
                    },
                    &pm,
                ))
                .await
                .expect("request")
                .into_inner()
        }
    };
    let base = format!("http://{console}");
    let browser = Browser::start(&chromium, &chromedriver).await;

    // Sign in: a wrong token is refused on the page, the PM's is accepted.
    browser.goto(&format!("{base}/")).await;
    browser.type_into("#token", "sift_not_a_token").await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#sign-in-error", "wrong token refused", |t| {
            t.first().is_some_and(|e| e.starts_with("UNAUTHENTICATED"))
        })
        .await;
    browser.screenshot("signin").await;
    browser.type_into("#token", &pm).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "signed in", |t| t == ["pm-anna"])
        .await;

    // The backlog shows the API's ranking, row for row.
    let api_backlog = page(25, pb::Tier::Unspecified, String::new()).await;
    let expected = backlog_ids(&api_backlog.rows);
    assert!(expected.len() >= 6, "the demo has a backlog");
    browser
        .wait_texts("#backlog tbody tr", "backlog rows", |t| {
            t.len() == expected.len()
        })
        .await;
    assert_eq!(browser.row_ids("#backlog tbody tr").await, expected);
    let titles = browser.texts("#backlog tbody tr td.title").await;
    let api_titles: Vec<String> = api_backlog.rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(
        titles, api_titles,
        "titles, Chinese included, as the API has them"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
        "the demo backlog has Chinese titles: {titles:?}"
    );
    // Score parts in words and numbers (each weight × part, as the API has them); money with
    // its currency and thousands separators.
    let top = &api_backlog.rows[0];
    let weights = api_backlog
        .profile
        .as_ref()
        .and_then(|p| p.params)
        .expect("profile");
    let parts = top.parts.expect("parts");
    let words = browser
        .texts(&format!(
            "#backlog tr[data-request-id='{}'] .part-word",
            top.request_id
        ))
        .await;
    assert_eq!(
        words,
        [
            format!(
                "customer value {:.2}",
                parts.customer_value * weights.w_value
            ),
            format!("reach {:.2}", parts.reach * weights.w_reach),
            format!("strategic fit {:.2}", parts.strategic_fit * weights.w_fit),
            format!("urgency {:.2}", parts.urgency * weights.w_urgency),
        ]
    );
    let arr = browser
        .texts(&format!(
            "#backlog tr[data-request-id='{}'] td.arr",
            top.request_id
        ))
        .await;
    assert_eq!(arr, [format!("{} USD", thousands(top.arr / 100))]);
    assert!(
        top.arr >= 10_000_000,
        "the demo's top request has six-figure ARR"
    );
    assert!(
        browser
            .texts("#backlog th")
            .await
            .contains(&"ARR (USD)".to_owned()),
        "the unit is in the header too"
    );
    browser.screenshot("backlog").await;

    // "How is this computed?" opens the formula, with the active profile's weights.
    browser.click("#how-backlog").await;
    browser
        .wait_texts("#scoring-doc h2", "the scoring document", |t| {
            t.first().is_some_and(|h| h == "How Sift ranks requests")
        })
        .await;
    let active = browser.texts("#active-weights").await;
    assert_eq!(
        active,
        [format!(
            "customer value × {:.2} + reach × {:.2} + strategic fit × {:.2} + urgency × {:.2}",
            weights.w_value, weights.w_reach, weights.w_fit, weights.w_urgency
        )]
    );
    browser.screenshot("scoring").await;

    // Search: every request with the word in its title, in rank order, across all pages.
    browser.goto(&format!("{base}/#/backlog?size=4")).await;
    browser.type_into("#f-search", "pdf").await;
    browser.click("#apply-filters").await;
    let all_rows = page(500, pb::Tier::Unspecified, String::new()).await;
    let want: Vec<i64> = all_rows
        .rows
        .iter()
        .filter(|r| r.title.to_lowercase().contains("pdf"))
        .map(|r| r.request_id)
        .collect();
    assert!(!want.is_empty(), "the demo has PDF requests");
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != want {
        assert!(Instant::now() < deadline, "search never showed {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_texts("#search-summary", "search summary", |t| {
            t.first().is_some_and(|s| {
                s.starts_with(&format!("{} request", want.len())) && s.contains("“pdf”")
            })
        })
        .await;
    browser.goto(&format!("{base}/#/backlog")).await;
    // The unsearched page is back before its filters are used.
    browser
        .wait_texts("#backlog tbody tr", "the whole backlog again", |t| {
            t.len() == expected.len()
        })
        .await;
    assert!(browser.texts("#search-summary").await.is_empty());

    // Filter to key accounts' demand: the page shows what the API answers for that filter.
    browser.click("#f-tier option[value=TIER_KEY]").await;
    browser.click("#apply-filters").await;
    let key_rows = page(25, pb::Tier::Key, String::new()).await;
    assert!(key_rows.rows.len() < expected.len(), "the filter filters");
    let key_ids = backlog_ids(&key_rows.rows);
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != key_ids {
        assert!(
            Instant::now() < deadline,
            "filtered backlog never matched the API"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let range = browser.texts("#backlog-range").await;
    assert_eq!(
        range,
        [format!("1–{} of {}", key_ids.len(), key_rows.total)]
    );
    // The CSV export holds every filtered row.
    let csv = browser
        .run_async(
            "const done = arguments[arguments.length - 1]; window.sift.backlogCsv().then(done, e => done('error ' + e.message));",
            json!([]),
        )
        .await;
    let csv = csv.as_str().expect("csv text");
    assert_eq!(csv.lines().count(), key_ids.len() + 1, "{csv}");
    assert!(csv.starts_with("rank,request_id,title,status,score"));

    // Pages: four rows at a time, forward and back, each page the API's.
    let page1 = page(4, pb::Tier::Unspecified, String::new()).await;
    let page2 = page(4, pb::Tier::Unspecified, page1.next_page_token.clone()).await;
    browser.goto(&format!("{base}/#/backlog?size=4")).await;
    for (click, want) in [
        (None, &page1),
        (Some("#next-page"), &page2),
        (Some("#prev-page"), &page1),
    ] {
        if let Some(button) = click {
            browser.click(button).await;
        }
        let want = backlog_ids(&want.rows);
        let deadline = Instant::now() + Duration::from_secs(15);
        while browser.row_ids("#backlog tbody tr").await != want {
            assert!(Instant::now() < deadline, "page never showed {want:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    browser
        .goto(&format!("{base}/#/backlog?tier=TIER_KEY"))
        .await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != key_ids {
        assert!(Instant::now() < deadline, "back to the filtered backlog");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Sorting by a column reorders the page.
    browser.click("#backlog th[data-sort=accounts]").await;
    let by_accounts = browser.row_ids("#backlog tbody tr").await;
    let accounts_of = |id: i64| {
        key_rows
            .rows
            .iter()
            .find(|r| r.request_id == id)
            .map(|r| r.accounts)
            .unwrap_or(-1)
    };
    let shown: Vec<i64> = by_accounts.iter().map(|id| accounts_of(*id)).collect();
    let mut want: Vec<i64> = shown.clone();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(shown, want, "descending by accounts");

    // Open a request from the backlog: its title, status and evidence are the API's.
    let first = key_ids[0];
    browser
        .click(&format!(
            "#backlog tr[data-request-id='{first}'] a.req-link"
        ))
        .await;
    let got = get(first).await;
    let req = got.request.clone().expect("request");
    browser
        .wait_texts("#request-title", "request page", |t| {
            t == [req.title.clone()]
        })
        .await;
    assert_eq!(browser.texts("#request-status").await, ["new"]);
    let evidence: Vec<String> = browser.texts("#evidence blockquote").await;
    assert_eq!(evidence.len(), got.feedback.len());
    for (shown, f) in evidence.iter().zip(&got.feedback) {
        assert!(shown.contains(&f.body), "{shown:?} quotes {:?}", f.body);
    }
    let parts = browser.texts("#score-chart .chart-row").await;
    assert_eq!(parts.len(), 4, "four weighted parts: {parts:?}");
    let labels = browser.texts("#score-chart .chart-label").await;
    assert_eq!(
        labels,
        ["customer value", "reach", "strategic fit", "urgency"]
    );
    browser.find("#how-request").await;
    // Aligning is a choice: no theme is chosen for the PM, no alignment filled in.
    let chosen = browser
        .run(
            "return [document.querySelector('#align-theme').value, document.querySelector('#align-value').value];",
            json!([]),
        )
        .await;
    assert_eq!(chosen, json!(["", ""]));
    let plan = browser
        .run(
            "return document.querySelector('#plan-target').value;",
            json!([]),
        )
        .await;
    assert_eq!(
        plan,
        json!(""),
        "no release or lane is chosen for the PM either"
    );
    browser.screenshot("request").await;
    browser.click("#align").await;
    browser
        .wait_texts("#notice", "align refused without a theme", |t| {
            t == ["Align failed: choose a theme first"]
        })
        .await;

    // Merge two requests: the second-ranked key request into the first.
    let source = key_ids[1];
    browser.goto(&format!("{base}/#/request/{source}")).await;
    browser
        .find(&format!("div.request[data-request-id='{source}'] #merge"))
        .await;
    browser.type_into("#merge-target", &first.to_string()).await;
    browser.click("#merge").await;
    browser.accept_alert().await;
    browser
        .wait_texts("#notice", "merge notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Merged #{source} into #{first}"))
        })
        .await;
    let merged = get(source).await.request.expect("request");
    assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
    assert_eq!(merged.merged_into, Some(first));
    browser
        .wait_texts("#request-status", "merged status shown", |t| {
            t == ["merged"]
        })
        .await;

    // Undo it, then rename, size and split the source from its page; the API agrees each time.
    browser.click("#unmerge").await;
    browser
        .wait_texts("#notice", "unmerge notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Unmerged #{source}"))
        })
        .await;
    // The page is redrawn (unmerged, status new) before its fields are typed into.
    browser
        .wait_texts("#request-status", "unmerged status shown", |t| t == ["new"])
        .await;
    let unmerged = get(source).await.request.expect("request");
    assert_eq!(unmerged.status, pb::RequestStatus::New as i32);
    assert_eq!(unmerged.merged_into, None);
    browser
        .find(&format!("div.request[data-request-id='{source}'] #rename"))
        .await;
    browser
        .type_into("#rename-title", "账单导出 PDF · billing export")
        .await;
    browser.click("#rename").await;
    browser
        .wait_texts("#request-title", "renamed", |t| {
            t == ["账单导出 PDF · billing export"]
        })
        .await;
    assert_eq!(
        get(source).await.request.expect("request").title,
        "账单导出 PDF · billing export"
    );
    browser.type_into("#effort", "3.5").await;
    browser.click("#set-effort").await;
    browser
        .wait_texts("#notice", "effort notice", |t| t == ["Effort set"])
        .await;
    let explained = app
        .backlog
        .clone()
        .explain_score(with_token(
            pb::ExplainScoreRequest {
                request_id: source,
                profile: None,
            },
            &pm,
        ))
        .await
        .expect("explain")
        .into_inner();
    assert!(
        explained.formula.contains("effort"),
        "{}",
        explained.formula
    );
    let efforts = page(100, pb::Tier::Unspecified, String::new()).await;
    let row = efforts
        .rows
        .iter()
        .find(|r| r.request_id == source)
        .expect("source in the backlog");
    assert_eq!(row.effort, Some(3.5));
    let before = get(source).await;
    assert!(
        before.feedback.len() > 1,
        "the source has feedback to split off"
    );
    {
        let moved = before.feedback[0].id;
        browser
            .click(&format!(
                "#evidence li[data-feedback-id='{moved}'] button.move-new"
            ))
            .await;
        let notice = browser
            .wait_texts("#notice", "move notice", |t| {
                t.first().is_some_and(|n| {
                    n.starts_with(&format!("Moved feedback {moved} to new request #"))
                })
            })
            .await;
        let to: i64 = notice[0]
            .rsplit('#')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("new request id");
        let feedback = app
            .feedback
            .clone()
            .get_feedback(with_token(pb::GetFeedbackRequest { id: moved }, &pm))
            .await
            .expect("feedback")
            .into_inner();
        assert_eq!(feedback.request_id, to);
        assert!(feedback.moved_by_pm);
        assert_ne!(to, source);
    }

    // Create a release on the roadmap page.
    browser.goto(&format!("{base}/#/roadmap")).await;
    browser.type_into("#release-version", "9.9.0").await;
    browser.set_value("#release-date", "2026-12-24").await;
    browser
        .type_into("#release-summary", "年终版本 · year-end")
        .await;
    browser.click("#create-release-button").await;
    browser.find("section.release[data-version='9.9.0']").await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let release = roadmap
        .releases
        .iter()
        .find_map(|r| r.release.clone().filter(|r| r.version == "9.9.0"))
        .expect("release created through the page");
    assert_eq!(release.summary, "年终版本 · year-end");
    assert_eq!(release.planned_date, "2026-12-24");

    // Plan the merged-into request into it from its page.
    browser.goto(&format!("{base}/#/request/{first}")).await;
    browser
        .find(&format!("div.request[data-request-id='{first}'] #plan"))
        .await;
    browser
        .click(&format!(
            "#plan-target option[value='release:{}']",
            release.id
        ))
        .await;
    browser.click("#plan").await;
    browser
        .wait_texts("#notice", "plan notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Planned into release {}", release.id))
        })
        .await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let planned: Vec<i64> = roadmap
        .releases
        .iter()
        .filter(|r| r.release.as_ref().is_some_and(|x| x.id == release.id))
        .flat_map(|r| {
            r.items
                .iter()
                .filter_map(|i| i.request.as_ref().map(|q| q.id))
        })
        .collect();
    assert_eq!(planned, [first]);
    browser
        .wait_texts("#request-status", "planned status", |t| t == ["planned"])
        .await;
    // The history names who planned it (the token's name), never "?".
    browser
        .wait_texts("#history li", "history with the actor", |t| {
            t.last()
                .is_some_and(|l| l.contains("new → planned by pm-anna"))
        })
        .await;
    assert!(
        !browser
            .texts("#history li")
            .await
            .iter()
            .any(|l| l.contains("by ?"))
    );
    // The backlog shows where each request stands on the roadmap.
    browser.goto(&format!("{base}/#/backlog")).await;
    browser
        .wait_texts(
            &format!("#backlog tr[data-request-id='{first}'] td.roadmap"),
            "roadmap column",
            |t| t == ["release 9.9.0"],
        )
        .await;

    // The release note, written on the roadmap: the API quotes it.
    browser.goto(&format!("{base}/#/roadmap")).await;
    let release_css = format!("section.release[data-release-id='{}']", release.id);
    let note_css = format!("{release_css} tr[data-request-id='{first}'] textarea.note-text");
    browser
        .type_into(
            &note_css,
            "账单 > 导出 now offers PDF: the board pack in one click",
        )
        .await;
    browser
        .click(&format!(
            "{release_css} tr[data-request-id='{first}'] button.save-note"
        ))
        .await;
    browser
        .wait_texts("#notice", "note notice", |t| {
            t == [format!("Release note saved for #{first}")]
        })
        .await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let note = roadmap
        .releases
        .iter()
        .filter(|r| r.release.as_ref().is_some_and(|x| x.id == release.id))
        .flat_map(|r| r.items.iter())
        .map(|i| i.release_note.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        note,
        ["账单 > 导出 now offers PDF: the board pack in one click"]
    );

    // Preview: the page's count is the API's.
    browser
        .click(&format!("{release_css} button.preview"))
        .await;
    let preview = roadmap_api
        .preview_release(with_token(
            pb::PreviewReleaseRequest {
                release_id: release.id,
            },
            &pm,
        ))
        .await
        .expect("preview")
        .into_inner();
    assert!(preview.notifications > 0);
    browser
        .wait_texts(&format!("{release_css} .preview-summary"), "preview", |t| {
            t == [format!(
                "{} notifications to write, {} of them suppressed.",
                preview.notifications, preview.suppressed
            )]
        })
        .await;
    browser.screenshot("roadmap").await;

    // Ship, after the confirmation: the API sees it shipped and the page says so.
    browser.click(&format!("{release_css} button.ship")).await;
    // The request has a release note now, so no second question about generated titles.
    browser.accept_alert().await;
    browser
        .wait_texts("#notice", "ship notice", |t| {
            t.first().is_some_and(|n| n.starts_with("Shipped 9.9.0:"))
        })
        .await;
    let shipped = get(first).await.request.expect("request");
    assert_eq!(shipped.status, pb::RequestStatus::Shipped as i32);
    // Shipped releases are listed (no "No releases yet." once all have shipped), with who
    // shipped them.
    browser
        .wait_texts(
            &format!("#shipped-releases {release_css} .release-state"),
            "shipped state",
            |t| {
                t.first()
                    .is_some_and(|s| s.starts_with("shipped") && s.ends_with("by pm-anna"))
            },
        )
        .await;
    assert_eq!(
        browser.texts("#no-planned").await,
        ["No release planned: every release has shipped."]
    );
    browser.screenshot("roadmap-shipped").await;

    // Import a help desk's export from the console: the summary names the refused rows, and
    // a second upload writes nothing new.
    let dir = std::env::temp_dir().join(format!("sift-console-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv_path = dir.join("zendesk-tickets.csv");
    std::fs::write(&csv_path, crate::import::ZENDESK_CSV).expect("csv");
    let before = app
        .feedback
        .clone()
        .list_feedback(with_token(
            pb::ListFeedbackRequest {
                page_size: 1000,
                ..Default::default()
            },
            &pm,
        ))
        .await
        .expect("feedback")
        .into_inner()
        .feedback
        .len();
    for round in 0..2 {
        browser.goto(&format!("{base}/#/import")).await;
        browser
            .on_element(
                "#import-file",
                "value",
                json!({"text": csv_path.display().to_string()}),
            )
            .await;
        browser.click("#import-button").await;
        let want = if round == 0 {
            "6 rows: 3 new feedback items in "
        } else {
            "6 rows: 0 new feedback items in "
        };
        browser
            .wait_texts("#import-summary", "import summary", |t| {
                t.first().is_some_and(|s| s.starts_with(want))
            })
            .await;
        let rows = browser
            .texts("#import-refused tbody tr td:first-child")
            .await;
        assert_eq!(rows, ["4", "5", "6"]);
        if round == 0 {
            browser.screenshot("import").await;
        }
    }
    let after = app
        .feedback
        .clone()
        .list_feedback(with_token(
            pb::ListFeedbackRequest {
                page_size: 1000,
                ..Default::default()
            },
            &pm,
        ))
        .await
        .expect("feedback")
        .into_inner()
        .feedback
        .len();
    assert_eq!(after, before + 3, "the second upload wrote nothing");
    let _ = std::fs::remove_dir_all(&dir);

    // The other pages: suggestions as the API lists them, themes and the what-if comparison.
    browser.goto(&format!("{base}/#/suggestions")).await;
    let pending = requests
        .list_merge_suggestions(with_token(
            pb::ListMergeSuggestionsRequest {
                status: pb::SuggestionStatus::Pending as i32,
                page_size: 200,
                page_token: String::new(),
            },
            &pm,
        ))
        .await
        .expect("suggestions")
        .into_inner();
    if pending.suggestions.is_empty() {
        browser.find("#suggestions-empty").await;
    } else {
        browser
            .wait_texts("#suggestions tbody tr", "suggestions", |t| {
                t.len() == pending.suggestions.len()
            })
            .await;
    }
    browser.screenshot("suggestions").await;
    browser.goto(&format!("{base}/#/themes")).await;
    browser.set_value("[data-param='w_reach']", "0.9").await;
    browser.click("#what-if-button").await;
    browser
        .wait_texts("#what-if-edited tbody tr", "what-if table", |t| {
            !t.is_empty()
        })
        .await;
    browser.screenshot("themes").await;

    // A read-only token sees the pages but not the actions, and the server refuses them too.
    browser.click("#sign-out").await;
    browser.type_into("#token", &viewer).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "viewer signed in", |t| t == ["viewer"])
        .await;
    browser.goto(&format!("{base}/#/request/{first}")).await;
    browser
        .find(&format!("div.request[data-request-id='{first}'] .needs"))
        .await;
    assert!(
        browser.texts("#merge").await.is_empty(),
        "no merge for read"
    );
    assert_eq!(browser.texts(".needs").await.len(), 1);
    let refused = browser
        .run_async(
            "const done = arguments[arguments.length - 1]; window.sift.rpc('RequestService/RenameRequest', {id: arguments[0], title: 'x'}).then(() => done('ok'), e => done(e.message));",
            json!([first]),
        )
        .await;
    assert!(
        refused
            .as_str()
            .is_some_and(|m| m.starts_with("PERMISSION_DENIED")),
        "{refused}"
    );

    browser.quit().await;
    server.stop().await;
    cleanup.run().await;
}

#[test]
fn a_pm_accepts_and_rejects_merge_suggestions_in_the_browser() {
    browser_test(review_suggestions);
}

async fn review_suggestions(chromium: PathBuf, chromedriver: PathBuf) {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    // Thresholds that put every similar phrasing in the middle band: suggestions, no joins.
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.auth = true;
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.clustering.join_threshold = 2.0;
        c.clustering.suggest_threshold = 0.01;
    })
    .await;
    let console = app.console_addr.expect("console is on");
    let pm = token(&url, "pm-li", &["ingest", "read", "plan"]).await;
    let mut ids = Vec::new();
    for (i, text) in [
        "Please let us export the monthly report as a PDF file",
        "We need to export the report to PDF for our auditors",
        "导出报表为PDF export report PDF",
    ]
    .into_iter()
    .enumerate()
    {
        let answer = app
            .feedback
            .clone()
            .submit_feedback(with_token(
                pb::SubmitFeedbackRequest {
                    feedback: Some(crate::fixtures::feedback(&format!("S-{i}"), "acme", text)),
                },
                &pm,
            ))
            .await
            .expect("submit")
            .into_inner();
        ids.push(answer.request_id);
    }
    let mut requests = app.requests.clone();
    let list = |status: pb::SuggestionStatus| {
        let mut requests = requests.clone();
        let pm = pm.clone();
        async move {
            requests
                .list_merge_suggestions(with_token(
                    pb::ListMergeSuggestionsRequest {
                        status: status as i32,
                        page_size: 100,
                        page_token: String::new(),
                    },
                    &pm,
                ))
                .await
                .expect("suggestions")
                .into_inner()
                .suggestions
        }
    };
    let pending = list(pb::SuggestionStatus::Pending).await;
    assert_eq!(pending.len(), 2, "{pending:?}");

    let browser = Browser::start(&chromium, &chromedriver).await;
    browser.goto(&format!("http://{console}/")).await;
    browser.type_into("#token", &pm).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "signed in", |t| t == ["pm-li"])
        .await;
    browser
        .goto(&format!("http://{console}/#/suggestions"))
        .await;
    let rows = browser
        .wait_texts("#suggestions tbody tr", "two suggestions", |t| t.len() == 2)
        .await;
    assert!(rows.iter().any(|r| r.contains("导出报表为PDF")), "{rows:?}");

    let (accept, reject) = (&pending[0], &pending[1]);
    browser
        .click(&format!(
            "#suggestions tr[data-suggestion-id='{}'] button.accept",
            accept.id
        ))
        .await;
    browser
        .wait_texts("#notice", "accept notice", |t| {
            t == [format!(
                "Merged #{} into #{}",
                accept.request_id, accept.target_request_id
            )]
        })
        .await;
    browser
        .wait_texts("#suggestions tbody tr", "one left", |t| t.len() == 1)
        .await;
    browser
        .click(&format!(
            "#suggestions tr[data-suggestion-id='{}'] button.reject",
            reject.id
        ))
        .await;
    browser.find("#suggestions-empty").await;

    let accepted = list(pb::SuggestionStatus::Accepted).await;
    assert_eq!(
        accepted.iter().map(|s| s.id).collect::<Vec<_>>(),
        [accept.id]
    );
    let rejected = list(pb::SuggestionStatus::Rejected).await;
    assert_eq!(
        rejected.iter().map(|s| s.id).collect::<Vec<_>>(),
        [reject.id]
    );
    let merged = requests
        .get_request(with_token(
            pb::GetRequestRequest {
                id: accept.request_id,
                evidence_limit: 1,
            },
            &pm,
        ))
        .await
        .expect("request")
        .into_inner()
        .request
        .expect("request");
    assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
    assert!(ids.contains(&accept.request_id));

    browser.quit().await;
    server.stop().await;
    cleanup.run().await;
}

/// POSTs an import body to the console's `/api/import` as the holder of `secret`.
async fn post_import(addr: SocketAddr, secret: &str, body: &str) -> (u16, Value) {
    let auth = format!("Bearer {secret}");
    let headers = [
        ("content-type", "application/json"),
        ("authorization", auth.as_str()),
    ];
    let (status, _, raw) = http(addr, "POST", "/api/import", &headers, body.as_bytes()).await;
    let value = serde_json::from_slice(&raw)
        .unwrap_or_else(|e| panic!("import: not JSON ({e}): {}", String::from_utf8_lossy(&raw)));
    (status, value)
}

/// The console's upload: the same mapping and batches as `sift import`, through the gateway
/// with the caller's token; its refusals are named by row and column, and uploading the same
/// file again writes nothing.
#[tokio::test]
async fn the_console_imports_a_csv_export_once_with_the_callers_token() {
    for backend in crate::harness::backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = console_app(backend, &url).await;
        let console = app.console_addr.expect("console is on");
        let importer = token(&url, "desk", &["ingest", "read"]).await;
        let reader = token(&url, "viewer", &["read"]).await;
        let body = |preset: &str, map: &str| {
            json!({"csv": crate::import::ZENDESK_CSV, "preset": preset, "map": map}).to_string()
        };

        let (status, first) = post_import(console, &importer, &body("zendesk", "")).await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(
            (first["rows"].as_u64(), first["accepted"].as_i64()),
            (Some(6), Some(3))
        );
        let refused: Vec<(u64, String, String)> = first["refused"]
            .as_array()
            .expect("refused")
            .iter()
            .map(|r| {
                (
                    r["row"].as_u64().unwrap_or(0),
                    r["column"].as_str().unwrap_or("").to_owned(),
                    r["field"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            refused,
            [
                (4, "Created at".into(), "occurred_at".into()),
                (5, "Created at".into(), "occurred_at".into()),
                (6, "Subject".into(), "body".into()),
            ]
        );
        let (status, again) = post_import(console, &importer, &body("zendesk", "")).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(
            (again["accepted"].as_i64(), again["duplicates"].as_i64()),
            (Some(0), Some(3))
        );

        // Refusals that change nothing: a token without `ingest`, an unknown preset, a file
        // whose columns cannot be mapped.
        let (status, err) = post_import(console, &reader, &body("zendesk", "")).await;
        assert_eq!(
            (status, err["code"].as_str()),
            (403, Some("PERMISSION_DENIED")),
            "{err}"
        );
        let (status, err) = post_import(console, &importer, &body("freshdesk", "")).await;
        assert_eq!(
            (status, err["field_violations"][0]["field"].as_str()),
            (400, Some("preset")),
            "{err}"
        );
        let (status, err) = post_import(console, &importer, &body("", "title=Subject")).await;
        assert_eq!(
            (status, err["field_violations"][0]["field"].as_str()),
            (400, Some("source_ref")),
            "{err}"
        );
        let (status, err) =
            post_import(console, &importer, &body("zendesk", "titel=Subject")).await;
        assert_eq!(
            (status, err["field_violations"][0]["field"].as_str()),
            (400, Some("map")),
            "{err}"
        );
        let stored = app
            .feedback
            .clone()
            .list_feedback(with_token(
                pb::ListFeedbackRequest {
                    page_size: 100,
                    ..Default::default()
                },
                &importer,
            ))
            .await
            .expect("feedback")
            .into_inner()
            .feedback;
        assert_eq!(stored.len(), 3, "only the first upload wrote");

        // The formula behind "how is this computed" is served with the pages.
        let (status, headers, doc) = http(console, "GET", "/scoring.md", &[], b"").await;
        assert_eq!(status, 200);
        assert!(
            headers
                .iter()
                .any(|(k, v)| k == "content-type" && v.starts_with("text/markdown"))
        );
        assert!(String::from_utf8_lossy(&doc).starts_with("# How Sift ranks requests"));
        server.stop().await;
        cleanup.run().await;
    }
}
