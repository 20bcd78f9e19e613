//! The edges of the server: bulk imports from real clients that send one small message per
//! HTTP/2 frame, floods of idle connections, half-sent requests, and connections the server
//! closes (with its reason counted).
//!
//! The grpcio test needs Python 3 with `grpcio` and `grpcio-tools` (`.ci/run` installs them).
//! Without them it is skipped, except under CI, where their absence fails the run.

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use bytes::{BufMut, Bytes, BytesMut};
use prost::Message;
use sift::pb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use crate::fixtures::{feedback, token, with_token};
use crate::harness::{Backend, TestApp, backends, fresh_database};

/// Items in the bulk imports below, as in the issue that found the flood guard tripping.
const IMPORT_ITEMS: usize = 50_000;

/// How long the ingest writer is kept from committing while an import streams in: long enough
/// for the handler to stop reading (16 chunks of 1,000 items wait for their commit) and the
/// client to fill the flow-control window behind it; short of SQLite's 5 s busy timeout.
const WRITER_STALL: Duration = Duration::from_millis(2500);

/// Keeps the ingest writer from committing for `WRITER_STALL`, the way another process's long
/// write transaction (SQLite) or another instance's ingest (PostgreSQL) would.
async fn stall_the_writer(backend: Backend, url: &str) -> tokio::task::JoinHandle<()> {
    use sea_orm::sqlx::Connection as _;
    let (ready, is_ready) = tokio::sync::oneshot::channel();
    let url = url.to_owned();
    let task = tokio::spawn(async move {
        match backend {
            Backend::Sqlite => {
                let mut conn = sea_orm::sqlx::sqlite::SqliteConnection::connect(&url)
                    .await
                    .expect("sqlite");
                sea_orm::sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut conn)
                    .await
                    .expect("write lock");
                let _ = ready.send(());
                tokio::time::sleep(WRITER_STALL).await;
                sea_orm::sqlx::query("ROLLBACK")
                    .execute(&mut conn)
                    .await
                    .expect("release");
            }
            Backend::Postgres => {
                let mut conn = sea_orm::sqlx::postgres::PgConnection::connect(&url)
                    .await
                    .expect("postgres");
                // The ingest advisory lock the writer takes in each transaction.
                sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(sift::store::GlobalLock::Ingest as i64)
                    .execute(&mut conn)
                    .await
                    .expect("ingest lock");
                let _ = ready.send(());
                tokio::time::sleep(WRITER_STALL).await;
                let _ = conn.close().await;
            }
        }
    });
    is_ready.await.expect("writer stalled");
    task
}

/// Python 3 with grpcio and grpcio-tools, or `None` (a skip) outside CI.
fn grpcio() -> Option<()> {
    let found = Command::new("python3")
        .args(["-c", "import grpc, grpc_tools"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Python's grpcio/grpcio-tools are missing (pip install grpcio grpcio-tools)"
        );
        crate::harness::skipped(
            "the grpcio client",
            "python3 with grpcio and grpcio-tools not found (pip install grpcio grpcio-tools)",
        );
        return None;
    }
    Some(())
}

/// Runs tests/python/grpcio_import.py against `addr` and returns its JSON line.
async fn grpcio_import(addr: SocketAddr, secret: &str, items: usize) -> serde_json::Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new("python3");
    command
        .arg(root.join("tests/python/grpcio_import.py"))
        .args(["--addr", &addr.to_string(), "--token", secret])
        .args(["--items", &items.to_string()])
        .arg("--proto")
        .arg(root.join("proto"));
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("task")
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "grpcio_import.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The import: 50,000 items of about 60 bytes from Python grpcio, one DATA frame each,
/// while the writer cannot commit. It used to end with GOAWAY ENHANCE_YOUR_CALM
/// (`too_many_data_frames`) after some 2,900 unread frames, killing every call on the
/// connection; now flow control holds the client back and the import completes.
#[tokio::test]
async fn a_grpcio_import_of_50000_small_items_completes_while_the_writer_stalls() {
    if grpcio().is_none() {
        return;
    }
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = TestApp::start(backend, &url, |c| c.auth = true).await;
        let secret = token(&url, "bulk-loader", &["ingest", "read"]).await;
        let stall = stall_the_writer(backend, &url).await;
        let report = grpcio_import(app.addr, &secret, IMPORT_ITEMS).await;
        stall.await.expect("stall ends");
        eprintln!("{backend:?}: grpcio import {report}");
        assert_eq!(report["ok"], true, "{backend:?}: {report}");
        assert_eq!(report["accepted"], IMPORT_ITEMS, "{backend:?}: {report}");
        assert_eq!(report["rejected"], 0, "{backend:?}: {report}");
        assert_eq!(report["health"], "SERVING", "the channel still works");
        server.stop().await;
        cleanup.run().await;
    }
}

// ---------------------------------------------------------------------------------------------
// A raw HTTP/2 client (h2): exactly one gRPC message per DATA frame, as grpcio sends them.

struct RawCall {
    status: String,
    message: String,
    body: Bytes,
}

/// A gRPC message: compression flag 0, big-endian length, the bytes.
fn grpc_frame(message: &impl Message) -> Bytes {
    let bytes = message.encode_to_vec();
    let mut frame = BytesMut::with_capacity(5 + bytes.len());
    frame.put_u8(0);
    frame.put_u32(u32::try_from(bytes.len()).expect("small"));
    frame.put_slice(&bytes);
    frame.freeze()
}

/// Sends each of `frames` in a DATA frame of its own (waiting for flow-control capacity like a
/// well-behaved client), then END_STREAM, and reads the answer.
async fn raw_call(
    client: &mut h2::client::SendRequest<Bytes>,
    addr: SocketAddr,
    path: &str,
    secret: &str,
    frames: impl Iterator<Item = Bytes>,
) -> Result<RawCall, h2::Error> {
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("http://{addr}{path}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("authorization", format!("Bearer {secret}"))
        .body(())
        .expect("request");
    let ready = client.clone().ready().await?;
    *client = ready;
    let (response, mut stream) = client.send_request(request, false)?;
    for frame in frames {
        stream.reserve_capacity(frame.len());
        while stream.capacity() < frame.len() {
            match std::future::poll_fn(|cx| stream.poll_capacity(cx)).await {
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => break,
            }
        }
        stream.send_data(frame, false)?;
    }
    stream.send_data(Bytes::new(), true)?;
    let response = response.await?;
    let status_of = |headers: &http::HeaderMap, name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (parts, mut body) = response.into_parts();
    let mut data = BytesMut::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk?;
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    let trailers = body.trailers().await?.unwrap_or_default();
    let headers = if trailers.contains_key("grpc-status") {
        &trailers
    } else {
        &parts.headers
    };
    let skip = data.len().min(5);
    Ok(RawCall {
        status: status_of(headers, "grpc-status"),
        message: status_of(headers, "grpc-message"),
        body: data.freeze().slice(skip..),
    })
}

/// A raw HTTP/2 connection and a way to learn how it ended.
async fn raw_connection(
    addr: SocketAddr,
) -> (
    h2::client::SendRequest<Bytes>,
    tokio::task::JoinHandle<Result<(), h2::Error>>,
) {
    let tcp = TcpStream::connect(addr).await.expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    (client, tokio::spawn(connection))
}

fn import_item(i: usize) -> pb::ImportFeedbackRequest {
    pb::ImportFeedbackRequest {
        feedback: Some(feedback(
            &format!("H2-{i}"),
            &format!("acct-{}", i % 50),
            &format!("export to csv {}", i % 97),
        )),
    }
}

/// Our own client, one message per DATA frame, 50,000 items, the writer stalled: the server
/// pushes back with flow control, the import completes, and the connection serves the next
/// call.
#[tokio::test]
async fn one_message_per_frame_is_held_back_by_flow_control_not_cut_off() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (app, server) = TestApp::start(backend, &url, |c| c.auth = true).await;
        let secret = token(&url, "bulk-loader", &["ingest", "read"]).await;
        let (mut client, connection) = raw_connection(app.addr).await;
        let frames: Vec<Bytes> = (0..IMPORT_ITEMS)
            .map(|i| grpc_frame(&import_item(i)))
            .collect();
        let sizes = frames.iter().map(Bytes::len);
        assert!(sizes.clone().max().unwrap_or(0) < 100, "small frames");
        let stall = stall_the_writer(backend, &url).await;
        let started = Instant::now();
        let call = raw_call(
            &mut client,
            app.addr,
            "/sift.v1.FeedbackService/ImportFeedback",
            &secret,
            frames.into_iter(),
        )
        .await
        .unwrap_or_else(|e| panic!("{backend:?}: the connection was cut: {e:?}"));
        stall.await.expect("stall ends");
        assert_eq!(call.status, "0", "{backend:?}: {}", call.message);
        let report = pb::ImportFeedbackResponse::decode(call.body).expect("response");
        eprintln!(
            "{backend:?}: {IMPORT_ITEMS} items, one per frame, in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        assert_eq!(report.accepted, IMPORT_ITEMS as i64);

        // The same connection serves the next call.
        let list = pb::ListFeedbackRequest {
            page_size: 1,
            ..Default::default()
        };
        let next = raw_call(
            &mut client,
            app.addr,
            "/sift.v1.FeedbackService/ListFeedback",
            &secret,
            std::iter::once(grpc_frame(&list)),
        )
        .await
        .expect("the connection is still open");
        assert_eq!(next.status, "0", "{}", next.message);
        assert!(!connection.is_finished());
        drop(client);
        server.stop().await;
        cleanup.run().await;
    }
}

/// When the server does close a connection for a protocol reason, it says which: here a
/// client sends more empty DATA frames than h2 allows (GOAWAY ENHANCE_YOUR_CALM), and the
/// metrics count the close by reason (the same branch logs it as a warning).
#[tokio::test]
async fn a_connection_the_server_closes_is_counted_with_its_reason() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await;
    let (client, connection) = raw_connection(app.addr).await;
    let mut client = client.ready().await.expect("ready");
    let request = http::Request::builder()
        .method("POST")
        .uri(format!(
            "http://{}/sift.v1.FeedbackService/ImportFeedback",
            app.addr
        ))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .expect("request");
    let (_response, mut stream) = client.send_request(request, false).expect("send");
    for _ in 0..200 {
        if stream.send_data(Bytes::new(), false).is_err() {
            break;
        }
        tokio::task::yield_now().await;
    }
    let ended = tokio::time::timeout(Duration::from_secs(10), connection)
        .await
        .expect("the server closes the connection")
        .expect("task");
    let error = ended.expect_err("closed with an error");
    assert!(error.is_go_away(), "{error:?}");
    assert_eq!(error.reason(), Some(h2::Reason::ENHANCE_YOUR_CALM));

    let text = scrape(app.metrics_addr.expect("metrics")).await;
    let line =
        "sift_connections_closed_by_server_total{listener=\"grpc\",reason=\"ENHANCE_YOUR_CALM\"} 1";
    assert!(text.contains(line), "missing {line} in\n{text}");
    server.stop().await;
    cleanup.run().await;
}

// ---------------------------------------------------------------------------------------------
// Floods and timeouts.

async fn scrape(addr: SocketAddr) -> String {
    let mut socket = TcpStream::connect(addr).await.expect("metrics port");
    socket
        .write_all(b"GET /metrics HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .expect("request");
    let mut out = String::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_string(&mut out))
        .await
        .expect("metrics answer")
        .expect("read");
    out
}

/// Opens `n` connections that send nothing.
async fn flood(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for _ in 0..n {
        held.push(TcpStream::connect(addr).await.expect("connect"));
    }
    // Let the server accept them all before the next one arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
    held
}

/// What the server does with one more connection: the bytes it sends before closing, or
/// `None` when it keeps the connection open.
async fn one_more(addr: SocketAddr) -> Option<String> {
    let mut socket = TcpStream::connect(addr).await.expect("connect");
    let mut out = Vec::new();
    match tokio::time::timeout(Duration::from_secs(2), socket.read_to_end(&mut out)).await {
        Ok(_) => Some(String::from_utf8_lossy(&out).into_owned()),
        Err(_) => None,
    }
}

async fn health(addr: SocketAddr, service: &str) -> Result<ServingStatus, tonic::Status> {
    // A new channel: a new connection, as a load balancer's health check makes.
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .expect("endpoint")
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(5))
        .connect()
        .await
        .map_err(|e| tonic::Status::unavailable(e.to_string()))?;
    let reply = HealthClient::new(channel)
        .check(tonic_health::pb::HealthCheckRequest {
            service: service.into(),
        })
        .await?;
    Ok(reply.into_inner().status())
}

/// Idle connections fill every listener to its bound (the 20,100 idle connections
/// took every file descriptor): health checks and authenticated calls on new connections are
/// still answered, the client already connected keeps being served, and the console and the
/// metrics still answer, each newcomer taking the place of a connection that sent nothing.
#[tokio::test]
async fn a_flood_of_idle_connections_keeps_no_one_out() {
    const CONSOLE: usize = 6;
    const METRICS: usize = 3;
    const GRPC: usize = 8;
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut app, server) = TestApp::start(backend, &url, |c| {
            c.auth = true;
            c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
            c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
            c.server.console_connections = CONSOLE as u32;
            c.server.metrics_connections = METRICS as u32;
            c.server.grpc_connections = GRPC as u32;
            // The flood stays for the whole test.
            c.server.header_timeout = Duration::from_secs(60);
        })
        .await;
        let secret = token(&url, "crm-sync", &["ingest", "read"]).await;
        let (console, metrics) = (
            app.console_addr.expect("console"),
            app.metrics_addr.expect("metrics"),
        );
        let submit = |n: usize| {
            with_token(
                pb::SubmitFeedbackRequest {
                    feedback: Some(feedback(&format!("F-{n}"), "acme", "flooded")),
                },
                &secret,
            )
        };
        // The test's own client connects before the flood.
        app.feedback.submit_feedback(submit(0)).await.expect("call");

        let _console_flood = flood(console, CONSOLE).await;
        let _metrics_flood = flood(metrics, METRICS).await;
        let _grpc_flood = flood(app.addr, GRPC).await;

        for round in 1..=3 {
            assert_eq!(
                health(app.addr, "sift.v1.FeedbackService")
                    .await
                    .expect("health"),
                ServingStatus::Serving
            );
            let mut fresh = tonic::transport::Endpoint::from_shared(format!("http://{}", app.addr))
                .expect("endpoint")
                .connect()
                .await
                .map(pb::feedback_service_client::FeedbackServiceClient::new)
                .expect("a new gRPC connection");
            fresh
                .submit_feedback(submit(round))
                .await
                .expect("authenticated call");
            app.feedback
                .submit_feedback(submit(10 + round))
                .await
                .expect("the connected client is served");
            assert_eq!(
                http_status(
                    console,
                    "GET / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n"
                )
                .await,
                "HTTP/1.1 200 OK"
            );
        }
        let text = scrape(metrics).await;
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        for listener in ["console", "metrics", "grpc"] {
            let evicted = counter(
                &text,
                &format!("sift_connections_evicted_total{{listener=\"{listener}\"}}"),
            );
            assert!(evicted >= 1, "{listener}: {text}");
            let refused = counter(
                &text,
                &format!("sift_connections_refused_total{{listener=\"{listener}\"}}"),
            );
            assert_eq!(refused, 0, "{listener}: nobody was refused");
        }
        server.stop().await;
        cleanup.run().await;
    }
}

/// A counter's value in a metrics page (0 when absent).
fn counter(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Only when every connection has a call in flight is a newcomer refused (a 503 on the
/// console), and counted.
#[tokio::test]
async fn a_listener_full_of_calls_in_flight_refuses_and_counts_newcomers() {
    const LIMIT: usize = 3;
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.server.console_connections = LIMIT as u32;
        c.server.grpc_connections = LIMIT as u32;
    })
    .await;
    let console = app.console_addr.expect("console");

    // Console: requests whose bodies have not arrived yet are calls in flight.
    let mut busy = Vec::new();
    for _ in 0..LIMIT {
        let mut socket = TcpStream::connect(console).await.expect("connect");
        socket
            .write_all(
                b"POST /api/sift.v1.FeedbackService/ListFeedback HTTP/1.1\r\nhost: localhost\r\n\
                  content-type: application/json\r\ncontent-length: 10\r\n\r\n",
            )
            .await
            .expect("headers");
        busy.push(socket);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = one_more(console).await.expect("closed at once");
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused:?}");

    // gRPC: open notification streams, one connection each.
    let mut streams = Vec::new();
    for _ in 0..LIMIT {
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{}", app.addr))
            .expect("endpoint")
            .connect()
            .await
            .expect("connect");
        let stream = pb::notification_service_client::NotificationServiceClient::new(channel)
            .stream_notifications(pb::StreamNotificationsRequest::default())
            .await
            .expect("stream opens");
        streams.push(stream);
    }
    assert!(one_more(app.addr).await.is_some(), "refused at once");

    let text = scrape(app.metrics_addr.expect("metrics")).await;
    for line in [
        "sift_connections_refused_total{listener=\"console\"} 1",
        "sift_connections_refused_total{listener=\"grpc\"} 1",
    ] {
        assert!(text.contains(line), "missing {line} in\n{text}");
    }
    drop((busy, streams));
    server.stop().await;
    cleanup.run().await;
}

/// The status line of one HTTP/1.1 exchange.
async fn http_status(addr: SocketAddr, request: &str) -> String {
    let mut socket = TcpStream::connect(addr).await.expect("connect");
    socket.write_all(request.as_bytes()).await.expect("write");
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Waits for the server to close `socket`; returns how long that took.
async fn closed_within(mut socket: TcpStream, limit: Duration) -> Duration {
    let started = Instant::now();
    let mut sink = Vec::new();
    tokio::time::timeout(limit, socket.read_to_end(&mut sink))
        .await
        .unwrap_or_else(|_| panic!("still open after {limit:?}"))
        .ok();
    started.elapsed()
}

/// A half-sent HTTP/1.1 request, a connection that says nothing, and an HTTP/2 connection that
/// sends its preface but no request are all closed once the header timeout has passed, on the
/// console and the gRPC port; a gRPC connection left idle after its calls is closed with GOAWAY
/// after the idle timeout, and the client's next call simply opens a new one.
#[tokio::test]
async fn half_sent_requests_silent_and_idle_connections_are_closed() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (mut app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.server.header_timeout = Duration::from_secs(1);
        c.server.idle_timeout = Duration::from_secs(2);
    })
    .await;
    let console = app.console_addr.expect("console");
    let limit = Duration::from_secs(8);

    let mut half = TcpStream::connect(console).await.expect("connect");
    half.write_all(
        b"POST /api/sift.v1.FeedbackService/ListFeedback HTTP/1.1\r\nhost: localhost\r\n",
    )
    .await
    .expect("half a request");
    let silent_console = TcpStream::connect(console).await.expect("connect");
    let silent_grpc = TcpStream::connect(app.addr).await.expect("connect");
    let mut preface_only = TcpStream::connect(app.addr).await.expect("connect");
    // The HTTP/2 client preface and an empty SETTINGS frame, then nothing.
    preface_only
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00")
        .await
        .expect("preface");

    let (a, b, c, d) = tokio::join!(
        closed_within(half, limit),
        closed_within(silent_console, limit),
        closed_within(silent_grpc, limit),
        closed_within(preface_only, limit),
    );
    for (what, took) in [
        ("half-sent HTTP/1.1 request", a),
        ("silent console connection", b),
        ("silent gRPC connection", c),
        ("HTTP/2 preface without a request", d),
    ] {
        assert!(
            took >= Duration::from_millis(900),
            "{what}: closed after {took:?}, before the timeout"
        );
        eprintln!("{what}: closed after {took:?}");
    }

    // Idle after a call: GOAWAY after the idle timeout; the next call opens a new connection.
    app.feedback
        .list_feedback(pb::ListFeedbackRequest::default())
        .await
        .expect("first call");
    tokio::time::sleep(Duration::from_secs(4)).await;
    app.feedback
        .list_feedback(pb::ListFeedbackRequest::default())
        .await
        .expect("the next call reconnects");

    let text = scrape(app.metrics_addr.expect("metrics")).await;
    for line in [
        "sift_connections_timed_out_total{listener=\"console\",reason=\"header\"} 2",
        "sift_connections_timed_out_total{listener=\"grpc\",reason=\"header\"} 2",
        "sift_connections_timed_out_total{listener=\"grpc\",reason=\"idle\"} 1",
    ] {
        assert!(text.contains(line), "missing {line} in\n{text}");
    }
    server.stop().await;
    cleanup.run().await;
}
