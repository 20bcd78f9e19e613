//! Fast restarts (issue 19): a start from the clustering snapshot and the log after it answers
//! exactly as a start from the whole log; a snapshot that cannot be trusted (another format or
//! configuration, changed bytes, an erasure since) is passed over for the full replay; and an
//! erasure never comes back through a snapshot.

use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use sift::pb;
use sift::service::snapshot::StartFrom;
use sift::store::Store;

use crate::fixtures::feedback;
use crate::harness::{Backend, Server, TestApp, backends, fresh_database};

const NEEDS: [&str; 8] = [
    "Please let us export the weekly report as PDF for the board",
    "We need single sign-on with Okta for all our staff",
    "Dark mode for the dashboard would help our night shift",
    "The mobile app crashes when uploading photos from the gallery",
    "能否支持将报表导出为PDF格式",
    "Bulk edit tickets in the queue instead of one by one",
    "An audit log of admin actions exported to Splunk",
    "Slack notifications when a ticket is assigned to me",
];

fn ticket(i: usize) -> String {
    format!(
        "Hi team,\n\n{} (case {i}).\n\nLooking forward to hearing from you.\nKind regards,\nSam Lee\nIT manager",
        NEEDS[(i * 7 + i / 3) % NEEDS.len()]
    )
}

const PROBES: [&str; 5] = [
    "export report PDF",
    "Okta single sign-on",
    "dark mode",
    "导出PDF",
    "Zanzibar quokka sanctuary",
];

async fn submit(app: &mut TestApp, from: usize, to: usize) {
    for i in from..to {
        app.feedback
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(feedback(
                    &format!("T-{i}"),
                    ["acme", "globex", "initech"][i % 3],
                    &ticket(i),
                )),
            })
            .await
            .expect("submit");
    }
}

/// Everything a client sees of the clustering: every request (titles are the index's
/// representative items), what FindSimilar finds, and the ranked backlog.
async fn view(app: &mut TestApp) -> String {
    let requests = app
        .requests
        .list_requests(pb::ListRequestsRequest {
            page_size: 1000,
            page_token: String::new(),
            include_merged: true,
            min_feedback: 0,
        })
        .await
        .expect("list")
        .into_inner()
        .requests;
    let mut out = format!("{requests:?}\n");
    for probe in PROBES {
        let similar = app
            .requests
            .find_similar(pb::FindSimilarRequest {
                text: probe.into(),
                limit: 10,
            })
            .await
            .expect("similar")
            .into_inner()
            .requests;
        let similar: Vec<(i64, f32)> = similar
            .iter()
            .map(|s| (s.request.as_ref().map_or(0, |r| r.id), s.similarity))
            .collect();
        out += &format!("{probe}: {similar:?}\n");
    }
    let backlog = app
        .backlog
        .get_ranked_backlog(pb::GetRankedBacklogRequest::default())
        .await
        .expect("backlog")
        .into_inner();
    let rows: Vec<(i64, i64, String, i64)> = backlog
        .rows
        .iter()
        .map(|r| (r.rank, r.request_id, r.title.clone(), r.accounts))
        .collect();
    out += &format!("backlog: {rows:?}\n");
    out
}

async fn start(backend: Backend, url: &str, snapshots: bool) -> (TestApp, Server, StartFrom) {
    TestApp::start_reporting(backend, url, |c| {
        c.load_snapshot = snapshots;
        // Written only where a test says so (at a graceful stop).
        if !snapshots {
            c.snapshot_every = None;
        }
    })
    .await
}

/// Starts from the whole log, looks, and stops without writing a snapshot.
async fn full_replay_view(backend: Backend, url: &str) -> String {
    let (mut app, server, from) = start(backend, url, false).await;
    assert!(matches!(from, StartFrom::FullReplay { .. }), "{from:?}");
    let seen = view(&mut app).await;
    server.stop().await;
    seen
}

async fn snapshot_position(url: &str) -> Option<i64> {
    let store = Store::connect(url, 1).await.expect("store");
    sift::store::snapshot::newest(store.db())
        .await
        .expect("newest")
        .map(|h| h.position)
}

async fn last_event(url: &str) -> i64 {
    let store = Store::connect(url, 1).await.expect("store");
    sift::store::max_id(store.db(), "cluster_events")
        .await
        .expect("max")
}

async fn merge(app: &mut TestApp, source: i64, target: i64) {
    app.requests
        .merge_requests(pb::MergeRequestsRequest {
            source_id: source,
            target_id: target,
        })
        .await
        .expect("merge");
}

#[tokio::test]
async fn a_start_from_the_snapshot_and_the_log_after_it_answers_as_the_whole_log() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server, from) = start(backend, &url, true).await;
        assert_eq!(
            from,
            StartFrom::FullReplay {
                reason: "no snapshot yet".into()
            }
        );
        submit(&mut a, 0, 60).await;
        merge(&mut a, 2, 1).await;
        server.stop().await;
        let written = snapshot_position(&url).await;
        assert_eq!(written, Some(last_event(&url).await), "written at stop");

        let whole_log = full_replay_view(backend, &url).await;
        let (mut b, server, from) = start(backend, &url, true).await;
        assert_eq!(
            from,
            StartFrom::Snapshot {
                position: written.unwrap_or_default()
            }
        );
        assert_eq!(view(&mut b).await, whole_log, "{backend:?}");
        server.stop().await;

        // The log moves on after the snapshot (an instance that writes none): the next start
        // loads the older snapshot and replays the tail.
        let (mut c, server, _) = start(backend, &url, false).await;
        submit(&mut c, 60, 90).await;
        merge(&mut c, 4, 3).await;
        c.requests
            .unmerge_request(pb::UnmergeRequestRequest { id: 4 })
            .await
            .expect("unmerge");
        c.requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: 5,
                destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
            })
            .await
            .expect("move");
        submit(&mut c, 90, 100).await;
        server.stop().await;
        assert_eq!(snapshot_position(&url).await, written);
        assert!(last_event(&url).await > written.unwrap_or_default());

        let whole_log = full_replay_view(backend, &url).await;
        let (mut d, server, from) = start(backend, &url, true).await;
        assert_eq!(
            from,
            StartFrom::Snapshot {
                position: written.unwrap_or_default()
            }
        );
        assert_eq!(
            view(&mut d).await,
            whole_log,
            "{backend:?}: snapshot + tail"
        );
        // New feedback is placed the same way after either start.
        submit(&mut d, 100, 110).await;
        let after_snapshot = view(&mut d).await;
        server.stop().await;
        let newer = snapshot_position(&url).await;
        assert_eq!(
            newer,
            Some(last_event(&url).await),
            "a newer snapshot at stop"
        );
        assert_eq!(full_replay_view(backend, &url).await, after_snapshot);
        cleanup.run().await;
    }
}

async fn execute(url: &str, sql: &str, values: Vec<sea_orm::Value>) {
    let db = Database::connect(url).await.expect("connect");
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            let mut n = 0;
            sql.chars()
                .map(|c| {
                    if c == '?' {
                        n += 1;
                        format!("${n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }
        _ => sql.to_owned(),
    };
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .expect("execute");
}

fn reason(from: &StartFrom) -> String {
    match from {
        StartFrom::FullReplay { reason } => reason.clone(),
        StartFrom::Snapshot { .. } => panic!("started from the snapshot"),
    }
}

#[tokio::test]
async fn a_snapshot_that_cannot_be_trusted_is_passed_over_for_the_whole_log() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server, _) = start(backend, &url, true).await;
        submit(&mut a, 0, 40).await;
        server.stop().await;
        let whole_log = full_replay_view(backend, &url).await;

        // Another clustering configuration.
        let (mut b, server, from) = TestApp::start_reporting(backend, &url, |c| {
            c.clustering.join_threshold += 0.01;
            c.snapshot_every = None;
        })
        .await;
        assert!(reason(&from).contains("configuration"), "{from:?}");
        let _ = view(&mut b).await;
        server.stop().await;

        // Changed bytes in the middle of a chunk.
        let store = Store::connect(&url, 1).await.expect("store");
        let head = sift::store::snapshot::newest(store.db())
            .await
            .expect("newest")
            .expect("a snapshot");
        let mut bytes = sift::store::snapshot::bytes(store.db(), &head)
            .await
            .expect("bytes")
            .expect("complete");
        let at = bytes.len() / 2;
        bytes[at] ^= 0x10;
        execute(
            &url,
            "UPDATE cluster_snapshot_chunks SET data = ? WHERE snapshot_id = ? AND seq = 0",
            vec![bytes.clone().into(), head.id.into()],
        )
        .await;
        let (mut c, server, from) = start(backend, &url, true).await;
        assert!(reason(&from).contains("checksum"), "{from:?}");
        assert_eq!(view(&mut c).await, whole_log);
        server.stop().await;

        // Another format.
        bytes[at] ^= 0x10;
        execute(
            &url,
            "UPDATE cluster_snapshot_chunks SET data = ? WHERE snapshot_id = ? AND seq = 0",
            vec![bytes.into(), head.id.into()],
        )
        .await;
        execute(&url, "UPDATE cluster_snapshots SET format = 999", vec![]).await;
        let (mut d, server, from) = start(backend, &url, true).await;
        assert!(reason(&from).contains("format 999"), "{from:?}");
        assert_eq!(view(&mut d).await, whole_log);
        server.stop().await;

        // Put right, it is used again.
        execute(
            &url,
            "UPDATE cluster_snapshots SET format = ?",
            vec![(sift::domain::cluster::SNAPSHOT_FORMAT as i32).into()],
        )
        .await;
        let (mut e, server, from) = start(backend, &url, true).await;
        assert!(matches!(from, StartFrom::Snapshot { .. }), "{from:?}");
        assert_eq!(view(&mut e).await, whole_log);
        server.stop().await;
        cleanup.run().await;
    }
}

async fn zed(app: &mut TestApp) -> i64 {
    app.accounts
        .upsert_contacts(pb::UpsertContactsRequest {
            contacts: vec![pb::ContactInput {
                external_id: "zed-1".into(),
                email: "zed@acme.example".into(),
                name: "Zed".into(),
                locale: "en".into(),
                account_external_id: "acme".into(),
            }],
        })
        .await
        .expect("contacts")
        .into_inner()
        .contacts[0]
        .id
}

/// Zed's words in a view: a FindSimilar match on them, or in a title.
fn zanzibar_hit(seen: &str) -> bool {
    seen.lines()
        .any(|l| match l.strip_prefix("Zanzibar quokka sanctuary: ") {
            Some(similar) => similar != "[]",
            None => l.contains("Zanzibar") || l.contains("Quokka"),
        })
}

#[tokio::test]
async fn an_erasure_never_comes_back_through_a_snapshot() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server, _) = start(backend, &url, true).await;
        submit(&mut a, 0, 30).await;
        let contact = zed(&mut a).await;
        for (i, body) in [
            "Zanzibar quokka sanctuary tickets in the calendar",
            "Quokka sanctuary visits booked from Zanzibar",
        ]
        .iter()
        .enumerate()
        {
            let mut item = feedback(&format!("Z-{i}"), "acme", body);
            item.contact = Some(pb::ContactRef {
                external_id: "zed-1".into(),
                email: String::new(),
                name: String::new(),
            });
            a.feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(item),
                })
                .await
                .expect("submit");
        }
        assert!(zanzibar_hit(&view(&mut a).await));
        server.stop().await;
        let before_erasure =
            sift::store::snapshot::newest(Store::connect(&url, 1).await.expect("store").db())
                .await
                .expect("newest")
                .expect("written at stop");

        // Erased on an instance started from that snapshot: the snapshot goes at once, and the
        // instance, which held the words, writes none.
        let (mut b, server, from) = start(backend, &url, true).await;
        assert!(matches!(from, StartFrom::Snapshot { .. }), "{from:?}");
        let store = Store::connect(&url, 1).await.expect("store");
        let old_bytes = sift::store::snapshot::bytes(store.db(), &before_erasure)
            .await
            .expect("bytes")
            .expect("complete");
        b.notifications
            .forget_contact(pb::ForgetContactRequest {
                contact_id: contact,
            })
            .await
            .expect("forget");
        assert_eq!(
            snapshot_position(&url).await,
            None,
            "discarded by the erasure"
        );
        let seen = view(&mut b).await;
        assert!(!zanzibar_hit(&seen), "{seen}");
        server.stop().await;
        assert_eq!(
            snapshot_position(&url).await,
            None,
            "none from a live erasure"
        );

        // A snapshot from before the erasure that reappears (a writer that raced it) is
        // passed over: the erasure is in the log after it.
        let now = sift::store::to_micros(chrono::Utc::now());
        sift::store::snapshot::save(
            store.db(),
            before_erasure.position,
            before_erasure.format as u32,
            &before_erasure.fingerprint,
            &old_bytes,
            now,
        )
        .await
        .expect("save");
        let whole_log = full_replay_view(backend, &url).await;
        assert!(!zanzibar_hit(&whole_log), "{whole_log}");
        let (mut c, server, from) = start(backend, &url, true).await;
        assert!(reason(&from).contains("erasure"), "{from:?}");
        assert_eq!(view(&mut c).await, whole_log);
        server.stop().await;

        // A start that replayed the log after the erasure writes a clean snapshot, and a
        // start from it knows nothing of the words either.
        let written = snapshot_position(&url).await;
        assert_eq!(written, Some(last_event(&url).await));
        let (mut d, server, from) = start(backend, &url, true).await;
        assert!(matches!(from, StartFrom::Snapshot { .. }), "{from:?}");
        let seen = view(&mut d).await;
        assert!(!zanzibar_hit(&seen), "{seen}");
        assert_eq!(seen, whole_log);
        server.stop().await;
        cleanup.run().await;
    }
}
