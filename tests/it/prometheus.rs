//! GET /metrics on the real server: every metric the dashboards read is there under its name,
//! with its label names, in a format Prometheus takes.

use std::collections::{BTreeMap, BTreeSet};

use sift::pb;

use crate::console::http;
use crate::fixtures::{account, feedback};
use crate::harness::{Backend, TestApp, fresh_database};

/// Each series name the server may write, with its label names (dashboards and alerts query
/// these: renaming one breaks them).
fn series() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("sift_rpc_calls_total", &["method", "code"][..]),
        ("sift_rpc_latency_seconds_bucket", &["method", "le"][..]),
        ("sift_rpc_latency_seconds_sum", &["method"][..]),
        ("sift_rpc_latency_seconds_count", &["method"][..]),
        ("sift_feedback_ingested_total", &["source"][..]),
        ("sift_assignments_total", &["outcome"][..]),
        ("sift_calls_shed_total", &[][..]),
        ("sift_connections_open", &["listener"][..]),
        ("sift_connections_refused_total", &["listener"][..]),
        ("sift_connections_evicted_total", &["listener"][..]),
        ("sift_accept_errors_total", &["listener"][..]),
        (
            "sift_connections_timed_out_total",
            &["listener", "reason"][..],
        ),
        (
            "sift_connections_closed_by_server_total",
            &["listener", "reason"][..],
        ),
        ("sift_outbox_depth", &[][..]),
        ("sift_outbox_oldest_age_seconds", &[][..]),
        ("sift_ingest_commit_seconds_bucket", &["le"][..]),
        ("sift_ingest_commit_seconds_sum", &[][..]),
        ("sift_ingest_commit_seconds_count", &[][..]),
        ("sift_ingest_commit_items_bucket", &["le"][..]),
        ("sift_ingest_commit_items_sum", &[][..]),
        ("sift_ingest_commit_items_count", &[][..]),
    ])
}

/// A sample line's series name and label names.
fn parse(line: &str) -> (&str, BTreeSet<&str>) {
    let (head, _value) = line.rsplit_once(' ').expect("a value");
    match head.split_once('{') {
        None => (head, BTreeSet::new()),
        Some((name, labels)) => {
            let names = labels
                .trim_end_matches('}')
                .split("\",")
                .filter_map(|pair| pair.split_once('=').map(|(k, _)| k))
                .collect();
            (name, names)
        }
    }
}

#[tokio::test]
async fn metrics_keep_their_names_and_labels() {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"));
    })
    .await;
    // Something to count: an account, a feedback item, a refused call. (The families of
    // closed and refused connections show once they count one: tests/it/connections.rs.)
    app.accounts
        .clone()
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![account("acme", 1_000_000)],
        })
        .await
        .expect("account");
    app.feedback
        .clone()
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback("T-1", "acme", "Please add PDF export")),
        })
        .await
        .expect("feedback");
    let refused = app
        .feedback
        .clone()
        .get_feedback(pb::GetFeedbackRequest { id: -1 })
        .await;
    assert!(refused.is_err());

    let addr = app.metrics_addr.expect("metrics");
    let (status, headers, body) = http(addr, "GET", "/metrics", &[], b"").await;
    let text = String::from_utf8(body).expect("utf-8");
    assert_eq!(status, 200, "{text}");
    let content_type = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str());
    assert_eq!(
        content_type,
        Some("application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    assert!(text.ends_with("# EOF\n"), "{text}");

    let expected = series();
    let mut seen = BTreeSet::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (name, labels) = parse(line);
        let want = expected
            .get(name)
            .unwrap_or_else(|| panic!("unexpected series {name} in {line}"));
        let want: BTreeSet<&str> = want.iter().copied().collect();
        assert_eq!(labels, want, "labels of {line}");
        seen.insert(name);
    }
    // Every series the calls above make is there, with the values they make.
    for name in [
        "sift_rpc_calls_total",
        "sift_rpc_latency_seconds_bucket",
        "sift_rpc_latency_seconds_sum",
        "sift_rpc_latency_seconds_count",
        "sift_feedback_ingested_total",
        "sift_assignments_total",
        "sift_calls_shed_total",
        "sift_connections_open",
        "sift_outbox_depth",
        "sift_outbox_oldest_age_seconds",
        "sift_ingest_commit_seconds_bucket",
        "sift_ingest_commit_items_bucket",
    ] {
        assert!(seen.contains(name), "no {name} in\n{text}");
    }
    // The one item was committed in one ingest transaction, which took some time.
    let value = |series: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
            .unwrap_or_else(|| panic!("no {series} in\n{text}"))
            .parse()
            .expect("a number")
    };
    assert_eq!(value("sift_ingest_commit_items_count"), 1.0);
    assert_eq!(value("sift_ingest_commit_items_sum"), 1.0);
    assert_eq!(value("sift_ingest_commit_items_bucket{le=\"1.0\"}"), 1.0);
    assert_eq!(value("sift_ingest_commit_seconds_count"), 1.0);
    assert!(value("sift_ingest_commit_seconds_sum") > 0.0, "{text}");
    for line in [
        "sift_rpc_calls_total{method=\"/sift.v1.FeedbackService/SubmitFeedback\",code=\"Ok\"} 1",
        "sift_rpc_calls_total{method=\"/sift.v1.FeedbackService/GetFeedback\",code=\"NotFound\"} 1",
        "sift_feedback_ingested_total{source=\"SUPPORT\"} 1",
        "sift_calls_shed_total 0",
        "sift_outbox_depth 0",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
    server.stop().await;
    cleanup.run().await;
}

/// Two instances on one host, the second with the default metrics port: its start must say
/// which of its addresses is taken and what to do, not a bare "Address already in use".
#[tokio::test]
async fn a_taken_port_is_named_with_its_option() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = taken.local_addr().expect("addr");
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    for flag in ["--metrics-listen", "--listen", "--console-listen"] {
        let mut config = sift::Config::for_database(url.clone());
        match flag {
            "--metrics-listen" => config.metrics_listen = Some(addr),
            "--listen" => config.listen = addr,
            _ => config.console_listen = Some(addr),
        }
        let Err(err) = sift::App::build(config).await else {
            panic!("{flag}: started on a port another process holds");
        };
        let err = err.to_string();
        assert!(
            err.starts_with(&format!("{flag} {addr}: cannot listen")),
            "{flag}: {err}"
        );
        assert!(err.contains("--metrics-listen \"\""), "{flag}: {err}");
    }
    drop(taken);
    cleanup.run().await;
}
