//! Fuzzing the console's JSON gateway (JSON -> protobuf -> gRPC -> JSON) through its HTTP port,
//! structure-aware: proptest draws a byte string, which chooses an RPC and builds a request from
//! the RPC's descriptor (fields present or not, right and wrong JSON types, extreme numbers,
//! hostile strings, unknown fields), which is then mutated as text (cut, spliced, truncated).
//! Shrinking shortens the byte string, so a failure comes back as a small request.
//!
//! Property: every request gets an answer (no panic, no dropped connection): 200 with JSON, or a
//! 4xx whose JSON names a gRPC code and carries a message. Never a 5xx: an INTERNAL is a bug.
//!
//! The budget: `PROPTEST_CASES` cases (default 256), and at most `SIFT_FUZZ_SECONDS` of wall
//! time when that is set (CI: `.ci/run`). SQLite only: the gateway is the subject here, the
//! storage behind it is covered on both databases by the other tests.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use prost_reflect::{DescriptorPool, Kind, MessageDescriptor, MethodDescriptor};
use serde_json::{Map, Value, json};
use sift::pb;

use crate::console::http;
use crate::harness::{Backend, TestApp, fresh_database};

/// Runs `test` on cases of `strategy` until `PROPTEST_CASES` cases (default 256) have passed or
/// `SIFT_FUZZ_SECONDS` have gone by; panics with the shrunk input of the first failure.
/// Returns how many cases ran.
pub fn fuzz<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) -> u32 {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("PROPTEST_CASES").map_or(256, |n| n.min(u64::from(u32::MAX)) as u32);
    let budget = env("SIFT_FUZZ_SECONDS").map(Duration::from_secs);
    let started = Instant::now();
    let mut done = 0u32;
    // Chunks of cases, each from a fresh random seed, until the cases or the time run out.
    while done < cases && budget.is_none_or(|b| started.elapsed() < b) {
        let chunk = (cases - done).min(64);
        let mut runner = TestRunner::new(Config {
            cases: chunk,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(failure) = runner.run(&strategy, &test) {
            panic!("after {done} passing cases: {failure}");
        }
        done += chunk;
    }
    eprintln!(
        "fuzzed {done} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    done
}

/// Decisions drawn from proptest's bytes; zeros once they run out (the simplest choice).
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Well-typed values only (every JSON value parses as its field's type), so that the
    /// request reaches the service's own validation and storage.
    typed: bool,
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let wide = usize::from(self.byte()) << 8 | usize::from(self.byte());
        wide % n
    }

    /// True `percent`% of the time (and false once the bytes run out).
    fn chance(&mut self, percent: u8) -> bool {
        let b = self.byte();
        b != 0 && u32::from(b) * 100 < u32::from(percent) * 256
    }

    fn pick<'s, T>(&mut self, from: &'s [T]) -> &'s T {
        &from[self.below(from.len())]
    }
}

const TEXT: &[&str] = &[
    "",
    "acme",
    "globex",
    "T-1",
    "ZD-1042",
    "PDF export",
    "export.pdf.unsupported",
    "2027-03-31",
    "2026-02-30",
    "lee@acme.example",
    "en-US",
    "ops",
    "read",
    "admin",
    "feedback:write",
    "request:1",
    "default",
    "REQUEST_STATUS_NEW",
    "4a5a",
    " ",
    "é",
    "设置闹钟",
    "\u{0}",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "👩\u{1f3fd}",
    "\\",
    "\"",
    "\n",
];

fn text(c: &mut Choices) -> String {
    let mut out = String::new();
    for _ in 0..c.below(4) {
        let piece: &&str = c.pick(TEXT);
        out.push_str(piece);
    }
    if c.chance(3) {
        out.push_str(&"x".repeat(c.below(25_000)));
    }
    out
}

fn integer(c: &mut Choices) -> Value {
    if c.typed {
        return json!(c.pick(&[0, 1, 2, 3, 5, 10, 50, 100, 1000, 1001, -1][..]));
    }
    const NUMBERS: &[i128] = &[
        0,
        1,
        2,
        3,
        -1,
        5,
        50,
        100,
        500,
        501,
        1000,
        1001,
        i32::MAX as i128,
        i32::MIN as i128,
        i32::MAX as i128 + 1,
        i64::MAX as i128,
        i64::MIN as i128,
        u64::MAX as i128,
        u64::MAX as i128 + 1,
    ];
    let n = *c.pick(NUMBERS);
    match c.below(6) {
        0..=2 => serde_json::from_str(&n.to_string()).unwrap_or(Value::Null),
        3 => Value::String(n.to_string()),
        4 => json!(n as f64 + 0.5),
        _ => Value::String(
            c.pick(&["1e3", "0x10", " 1", "", "-", "1.0", "NaN"][..])
                .to_string(),
        ),
    }
}

fn float(c: &mut Choices) -> Value {
    if c.typed {
        return json!(c.pick(&[0.0, 0.5, 1.0, 2.0, 0.1, 4.0, -1.0][..]));
    }
    match c.below(4) {
        0 => json!(c.pick(&[0.0, 0.5, 1.0, 2.0, -1.0, 0.1, 100.0, 1e308, -1e-308][..])),
        1 => Value::String(
            c.pick(&["NaN", "Infinity", "-Infinity", "1e400", "0.5", "abc"][..])
                .to_string(),
        ),
        _ => integer(c),
    }
}

fn timestamp(c: &mut Choices) -> Value {
    const TIMES: &[&str] = &[
        "2026-05-01T12:00:00Z",
        "1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2026-05-01T12:00:00.123456789+05:30",
        "2026-13-01T00:00:00Z",
        "2026-05-01",
        "yesterday",
        "",
    ];
    if !c.typed && c.chance(10) {
        integer(c)
    } else {
        // The first five are valid timestamps.
        let times = if c.typed { &TIMES[..5] } else { TIMES };
        Value::String(c.pick(times).to_string())
    }
}

/// Any JSON at all (for fields given the wrong type, and unknown fields).
fn anything(c: &mut Choices, depth: usize) -> Value {
    match c.below(if depth > 3 { 4 } else { 6 }) {
        0 => Value::Null,
        1 => Value::Bool(c.chance(50)),
        2 => integer(c),
        3 => Value::String(text(c)),
        4 => Value::Array((0..c.below(3)).map(|_| anything(c, depth + 1)).collect()),
        _ => {
            let mut object = Map::new();
            for _ in 0..c.below(3) {
                object.insert(text(c), anything(c, depth + 1));
            }
            Value::Object(object)
        }
    }
}

fn value_of(kind: &Kind, c: &mut Choices, depth: usize) -> Value {
    if !c.typed && c.chance(5) {
        return anything(c, depth);
    }
    match kind {
        Kind::String => Value::String(text(c)),
        Kind::Bytes if c.typed => Value::String("AAEC".to_owned()),
        Kind::Bytes => Value::String(c.pick(&["", "AAEC", "not base64!"][..]).to_string()),
        Kind::Bool => Value::Bool(c.chance(50)),
        Kind::Double | Kind::Float => float(c),
        Kind::Enum(e) => {
            let values: Vec<_> = e.values().collect();
            let value = c.pick(&values);
            match if c.typed { 0 } else { c.below(5) } {
                0 | 1 => Value::String(value.name().to_owned()),
                2 => json!(value.number()),
                3 => integer(c),
                _ => Value::String(text(c)),
            }
        }
        Kind::Message(m) if m.full_name() == "google.protobuf.Timestamp" => timestamp(c),
        Kind::Message(m) if depth < 4 => message(m, c, depth + 1),
        Kind::Message(_) => Value::Null,
        _ => integer(c),
    }
}

/// A JSON request for `descriptor`: each field present or not, by its proto or JSON name.
fn message(descriptor: &MessageDescriptor, c: &mut Choices, depth: usize) -> Value {
    let mut object = Map::new();
    let mut oneofs = Vec::new();
    for field in descriptor.fields() {
        if !c.chance(45) {
            continue;
        }
        // Well-typed requests set at most one member of a oneof.
        if let Some(oneof) = field.containing_oneof()
            && c.typed
        {
            if oneofs.contains(&oneof) {
                continue;
            }
            oneofs.push(oneof);
        }
        let name = if c.chance(50) {
            field.json_name().to_owned()
        } else {
            field.name().to_owned()
        };
        let kind = field.kind();
        let value = if field.is_list() {
            Value::Array((0..c.below(4)).map(|_| value_of(&kind, c, depth)).collect())
        } else {
            value_of(&kind, c, depth)
        };
        object.insert(name, value);
    }
    if !c.typed && c.chance(4) {
        object.insert(text(c), anything(c, depth));
    }
    Value::Object(object)
}

/// Text mutations: what a cut-off, spliced or hand-edited body looks like.
const SPLICES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "1e999",
    "-0",
    "99999999999999999999999",
    "true",
    "\u{0}",
    "\u{ff}",
    " ",
];

fn mutate(body: &mut Vec<u8>, mutation: (u8, Index, Index, Index)) {
    let (kind, a, b, splice) = mutation;
    let len = body.len();
    let (i, j) = {
        let (x, y) = (a.index(len + 1), b.index(len + 1));
        (x.min(y), x.max(y))
    };
    let splice = splice.get(SPLICES).as_bytes();
    match kind % 5 {
        0 => {
            body.drain(i..j);
        }
        1 => {
            body.splice(i..i, splice.iter().copied());
        }
        2 => body.truncate(i),
        3 => {
            let copy = body[i..j].to_vec();
            body.splice(j..j, copy);
        }
        _ => {
            if i < len {
                body[i] = splice.first().copied().unwrap_or(b'x');
            }
        }
    }
}

/// The RPCs a console request may name: every `sift.v1` method and a few that do not exist.
fn rpcs(pool: &DescriptorPool) -> Vec<(String, Option<MethodDescriptor>)> {
    let mut out: Vec<_> = pool
        .services()
        .filter(|s| s.package_name() == "sift.v1")
        .flat_map(|s| s.methods().collect::<Vec<_>>())
        .map(|m| {
            (
                format!("{}/{}", m.parent_service().full_name(), m.name()),
                Some(m),
            )
        })
        .collect();
    for bogus in [
        "sift.v1.AdminService/Nope",
        "sift.v1.Nope/ListTokens",
        "grpc.health.v1.Health/Check",
        "sift.v1.AdminService",
    ] {
        out.push((bogus.to_owned(), None));
    }
    out
}

/// Some data for requests to find: accounts, feedback in requests, a release.
async fn seed(app: &TestApp) {
    let mut accounts = app.accounts.clone();
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![crate::fixtures::account("acme", 120_000)],
        })
        .await
        .expect("accounts");
    let mut feedback = app.feedback.clone();
    for (source_ref, text) in [("T-1", "PDF export please"), ("T-2", "dark mode")] {
        feedback
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(crate::fixtures::feedback(source_ref, "acme", text)),
            })
            .await
            .expect("feedback");
    }
}

#[test]
fn fuzz_console_gateway_answers_every_json_with_200_or_a_4xx() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (url, cleanup) = runtime.block_on(fresh_database(Backend::Sqlite));
    let (app, server) = runtime.block_on(TestApp::start(Backend::Sqlite, &url, |c| {
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
    }));
    runtime.block_on(seed(&app));
    let console: SocketAddr = app.console_addr.expect("console");
    let pool = DescriptorPool::decode(pb::FILE_DESCRIPTOR_SET).expect("descriptors");
    let rpcs = rpcs(&pool);

    let strategy = (
        any::<Index>(),
        prop::collection::vec(any::<u8>(), 0..600),
        // Half the requests are sent as built, half cut or spliced as text.
        prop_oneof![
            Just(Vec::new()),
            prop::collection::vec(
                (any::<u8>(), any::<Index>(), any::<Index>(), any::<Index>()),
                1..4,
            ),
        ],
    );
    // What came back, by HTTP status and gRPC code: shows the cases reach past parsing.
    let seen = std::sync::Mutex::new(std::collections::BTreeMap::<String, u32>::new());
    let cases = fuzz(strategy, |(rpc, choices, mutations)| {
        let (rpc, method) = rpc.get(&rpcs);
        let mut c = Choices {
            bytes: &choices,
            at: 0,
            typed: false,
        };
        c.typed = c.chance(50);
        let request = match method {
            Some(m) => message(&m.input(), &mut c, 0),
            None => anything(&mut c, 0),
        };
        let mut body = serde_json::to_vec(&request).expect("json");
        for mutation in mutations {
            mutate(&mut body, mutation);
        }
        let (status, _, answer) = runtime.block_on(http(
            console,
            "POST",
            &format!("/api/{rpc}"),
            &[("content-type", "application/json")],
            &body,
        ));
        let shown = || {
            format!(
                "POST /api/{rpc} {} -> {status} {}",
                String::from_utf8_lossy(&body)
                    .chars()
                    .take(600)
                    .collect::<String>(),
                String::from_utf8_lossy(&answer)
                    .chars()
                    .take(600)
                    .collect::<String>()
            )
        };
        prop_assert!(status == 200 || (400..500).contains(&status), "{}", shown());
        let answer: Value = serde_json::from_slice(&answer)
            .map_err(|e| TestCaseError::fail(format!("not JSON ({e}): {}", shown())))?;
        if let Ok(mut seen) = seen.lock() {
            let code = answer["code"].as_str().unwrap_or("OK");
            let message = answer["message"].as_str().unwrap_or_default();
            let parse = if message.starts_with("request body") {
                " (JSON)"
            } else {
                ""
            };
            *seen.entry(format!("{status} {code}{parse}")).or_default() += 1;
        }
        if status != 200 {
            let code = answer["code"].as_str().unwrap_or_default();
            let message = answer["message"].as_str().unwrap_or_default();
            prop_assert!(
                !code.is_empty() && !message.trim().is_empty(),
                "{}",
                shown()
            );
            prop_assert!(
                !["INTERNAL", "UNKNOWN", "OK"].contains(&code),
                "{}",
                shown()
            );
        }
        Ok(())
    });
    assert!(cases > 0);
    eprintln!(
        "answers: {:?}",
        seen.lock().map(|s| s.clone()).unwrap_or_default()
    );

    // Still serving, the gRPC port included.
    let (status, _, _) = runtime.block_on(http(console, "GET", "/api/whoami", &[], b""));
    assert_eq!(status, 200);
    let mut accounts = app.accounts.clone();
    runtime
        .block_on(accounts.list_accounts(pb::ListAccountsRequest::default()))
        .expect("gRPC still answers");
    runtime.block_on(server.stop());
    runtime.block_on(cleanup.run());
}
