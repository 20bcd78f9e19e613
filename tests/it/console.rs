//! The web console: its JSON gateway over plain HTTP (here), the WebDriver client
//! (`webdriver.rs`), and the pages clicked through in headless Chromium (`browser.rs`), each
//! step checked against the gRPC API.
//!
//! The browser test needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).
//! Without them it is skipped, except under CI, where their absence fails the run. It runs on
//! SQLite only: the console is a face over the API, whose storage the other tests cover on both
//! databases. With SIFT_SCREENSHOTS=DIR it also saves a screenshot of each page there.

mod browser;
mod webdriver;

use std::net::SocketAddr;
use std::time::Duration;

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
    sift::demo::load(app.addr, secret, &app.clock)
        .await
        .expect("demo data");
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
