//! Property: PreviewRelease says exactly what ShipRelease writes, whatever merges, moves,
//! unmerges, opt-outs and erasures come between them; and after shipping, the shipped
//! release's preview is what the outbox holds (the release's notifications and the "already
//! available" ones that later corrections wrote), with no recipient told twice.

use std::collections::{BTreeSet, HashMap};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sift::pb;

use crate::fixtures::{account, feedback};
use crate::harness::{TestApp, each_backend};

/// (contact, request, channel, suppressed, quotes).
type Line = (i64, i64, i32, bool, usize);

const CONTACTS: [(&str, &str); 4] = [
    ("ann", "acme"),
    ("dee", "acme"),
    ("bo", "beta"),
    ("cy", "gamma"),
];

/// (contact index or none, account, text).
const ITEMS: [(Option<usize>, &str, &str); 6] = [
    (
        Some(2),
        "beta",
        "Please add PDF export for the weekly report",
    ),
    (
        Some(3),
        "gamma",
        "We need to export the weekly report as PDF",
    ),
    (
        Some(0),
        "acme",
        "Single sign-on with Okta SAML for our staff",
    ),
    (
        Some(1),
        "acme",
        "Dark mode for the dashboard would be great",
    ),
    (Some(2), "beta", "Please add a dark mode to the dashboard"),
    (None, "acme", "Bulk upload of customers from a CSV file"),
];

#[derive(Debug, Clone)]
enum Op {
    Merge(usize, usize),
    Move(usize, usize),
    Unmerge(usize),
    OptOut(usize, bool),
    Forget(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..6usize, 0..6usize).prop_map(|(a, b)| Op::Merge(a, b)),
        3 => (0..6usize, 0..6usize).prop_map(|(a, b)| Op::Move(a, b)),
        2 => (0..6usize).prop_map(Op::Unmerge),
        1 => (0..4usize, any::<bool>()).prop_map(|(c, o)| Op::OptOut(c, o)),
        1 => (0..4usize).prop_map(Op::Forget),
    ]
}

struct Scene {
    contacts: Vec<i64>,
    items: Vec<i64>,
    /// Every request an item started in (distinct, in item order).
    requests: Vec<i64>,
}

async fn scene(app: &mut TestApp) -> Scene {
    let mut beta = account("beta", 100_000);
    beta.csm_email = Some(String::new());
    app.accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![account("acme", 50_000_000), beta, account("gamma", 300_000)],
        })
        .await
        .expect("accounts");
    let made = app
        .accounts
        .upsert_contacts(pb::UpsertContactsRequest {
            contacts: CONTACTS
                .iter()
                .map(|(n, a)| pb::ContactInput {
                    external_id: format!("{n}-1"),
                    email: format!("{n}@{a}.example"),
                    name: n.to_string(),
                    locale: "en".into(),
                    account_external_id: a.to_string(),
                })
                .collect(),
        })
        .await
        .expect("contacts")
        .into_inner()
        .contacts;
    let contacts: Vec<i64> = made.iter().map(|c| c.id).collect();
    let mut items = Vec::new();
    let mut requests = Vec::new();
    for (i, (who, acct, text)) in ITEMS.iter().enumerate() {
        let mut input = feedback(&format!("T-{i}"), acct, text);
        if let Some(c) = who {
            let (n, a) = CONTACTS[*c];
            input.contact = Some(pb::ContactRef {
                email: format!("{n}@{a}.example"),
                ..Default::default()
            });
        }
        let out = app
            .feedback
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(input),
            })
            .await
            .expect("submit")
            .into_inner();
        items.push(out.id);
        if !requests.contains(&out.request_id) {
            requests.push(out.request_id);
        }
    }
    Scene {
        contacts,
        items,
        requests,
    }
}

/// Applies one correction; refusals (merging a request into itself, unmerging what is not
/// merged) are part of the game and change nothing.
async fn apply(app: &mut TestApp, s: &Scene, op: &Op) {
    let req = |i: usize| s.requests[i % s.requests.len()];
    match *op {
        Op::Merge(a, b) => {
            let _ = app
                .requests
                .merge_requests(pb::MergeRequestsRequest {
                    source_id: req(a),
                    target_id: req(b),
                })
                .await;
        }
        Op::Move(item, b) => {
            let _ = app
                .requests
                .move_feedback(pb::MoveFeedbackRequest {
                    feedback_id: s.items[item % s.items.len()],
                    destination: Some(pb::move_feedback_request::Destination::TargetRequestId(
                        req(b),
                    )),
                })
                .await;
        }
        Op::Unmerge(a) => {
            let _ = app
                .requests
                .unmerge_request(pb::UnmergeRequestRequest { id: req(a) })
                .await;
        }
        Op::OptOut(c, out) => {
            let answer = app
                .notifications
                .set_contact_preferences(pb::SetContactPreferencesRequest {
                    contact_id: s.contacts[c],
                    opted_out: Some(out),
                    channel: 0,
                })
                .await;
            // A forgotten contact cannot opt in again; that refusal is the only one expected.
            if let Err(e) = answer {
                assert_eq!(e.code(), tonic::Code::FailedPrecondition, "{e:?}");
            }
        }
        Op::Forget(c) => {
            app.notifications
                .forget_contact(pb::ForgetContactRequest {
                    contact_id: s.contacts[c],
                })
                .await
                .expect("forget");
        }
    }
}

fn previewed(p: &pb::PreviewReleaseResponse) -> Vec<Line> {
    let mut out: Vec<Line> = p
        .requests
        .iter()
        .flat_map(|r| {
            let id = r
                .item
                .as_ref()
                .and_then(|i| i.request.as_ref())
                .map_or(0, |q| q.id);
            r.recipients
                .iter()
                .map(move |x| (x.contact_id, id, x.channel, x.suppressed, x.quotes as usize))
        })
        .collect();
    out.sort();
    out
}

fn written(all: &[pb::Notification]) -> Vec<Line> {
    let mut out: Vec<Line> = all
        .iter()
        .map(|n| {
            (
                n.contact_id,
                n.request_id,
                n.channel,
                n.status == pb::NotificationStatus::Suppressed as i32,
                n.quotes.len(),
            )
        })
        .collect();
    out.sort();
    out
}

async fn preview(app: &mut TestApp, release_id: i64) -> pb::PreviewReleaseResponse {
    app.roadmap
        .preview_release(pb::PreviewReleaseRequest { release_id })
        .await
        .expect("preview")
        .into_inner()
}

async fn ship(app: &mut TestApp, release_id: i64) -> pb::ShipReleaseResponse {
    app.roadmap
        .ship_release(pb::ShipReleaseRequest {
            release_id,
            actor: "bot".into(),
            accept_generated_titles: true,
        })
        .await
        .expect("ship")
        .into_inner()
}

async fn run_case(app: &mut TestApp, planned: usize, before: &[Op], after: &[Op]) {
    let s = scene(app).await;
    let r = crate::roadmap::release(app, "1.0", "2026-12-07").await;
    for &id in s.requests.iter().take(planned.max(1)) {
        crate::roadmap::plan(app, id, r.id).await;
    }
    for op in before {
        apply(app, &s, op).await;
    }
    let p = preview(app, r.id).await;
    let shipped = ship(app, r.id).await;
    let all = crate::roadmap::all_notifications(app, r.id).await;
    assert_eq!(previewed(&p), written(&all), "after {before:?}");
    assert_eq!(
        (p.notifications, p.suppressed),
        (shipped.created as i64, shipped.suppressed),
        "after {before:?}"
    );

    for op in after {
        apply(app, &s, op).await;
    }
    let p = preview(app, r.id).await;
    let again = ship(app, r.id).await;
    let all = crate::roadmap::all_notifications(app, r.id).await;
    assert_eq!(
        previewed(&p),
        written(&all),
        "after {before:?} then {after:?}"
    );
    assert_eq!(again.created, 0);
    assert_eq!(
        (p.notifications, p.suppressed),
        (again.notifications, again.suppressed)
    );
    // Nobody is told twice about one request.
    let mut seen: HashMap<(i64, i64, i32), usize> = HashMap::new();
    for n in &all {
        let who = if n.contact_id == 0 {
            -n.account_id
        } else {
            n.contact_id
        };
        *seen.entry((who, n.request_id, n.channel)).or_default() += 1;
    }
    let doubles: BTreeSet<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubles.is_empty(), "told twice: {doubles:?} ({all:?})");
}

#[test]
fn preview_equals_what_ship_writes_whatever_comes_between() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    // Each case starts a server on a fresh database per backend: a few cases keep this well
    // under a minute in a debug build; PROPTEST_CASES raises it.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(6);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 20,
        ..Config::default()
    });
    let strategy = (
        1..4usize,
        proptest::collection::vec(op(), 0..8),
        proptest::collection::vec(op(), 0..6),
    );
    runner
        .run(&strategy, |(planned, before, after)| {
            rt.block_on(each_backend(|mut app| {
                let (before, after) = (before.clone(), after.clone());
                async move { run_case(&mut app, planned, &before, &after).await }
            }));
            Ok(())
        })
        .expect("preview and ship agree");
}
