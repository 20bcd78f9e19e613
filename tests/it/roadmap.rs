//! The roadmap and closing the loop through the API: releases, plans, notes, preview, shipping
//! with its outbox, delivery (stream, claims, acks, retries), preferences and erasure.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::Duration;

use sift::pb;
use sift::pb::notification_service_client::NotificationServiceClient;
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{account, feedback, violated_fields};
use crate::harness::{TestApp, each_backend, each_backend_with, fresh_database};

const PDF: [&str; 5] = [
    "Please add PDF export for the weekly report",
    "We need to export the weekly report as PDF",
    "Export weekly report to PDF please",
    "PDF export of the weekly report is missing",
    "Our managers want the weekly report exported to PDF",
];
const DARK: [&str; 3] = [
    "Dark mode for the dashboard would be great",
    "Please add a dark mode to the dashboard",
    "Dashboard dark mode please, the white hurts",
];

/// What a scenario built: request ids and contact ids by name.
pub struct World {
    pub pdf: i64,
    pub dark: i64,
    /// Alice's first item.
    pub first_feedback: i64,
    pub contacts: HashMap<&'static str, i64>,
    /// Account ids by external id.
    pub accounts: HashMap<&'static str, i64>,
}

/// Submits one item; returns (feedback id, request id).
async fn submit_item(
    app: &mut TestApp,
    source_ref: &str,
    account: &str,
    email: &str,
    body: &str,
) -> (i64, i64) {
    let mut input = feedback(source_ref, account, body);
    if !email.is_empty() {
        input.contact = Some(pb::ContactRef {
            email: email.into(),
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
    (out.id, out.request_id)
}

async fn submit(
    app: &mut TestApp,
    source_ref: &str,
    account: &str,
    email: &str,
    body: &str,
) -> i64 {
    submit_item(app, source_ref, account, email, body).await.1
}

/// Makes `source`'s feedback part of `target` (a merge, unless clustering already joined them).
async fn join(app: &mut TestApp, source: i64, target: i64) {
    if source != target {
        app.requests
            .merge_requests(pb::MergeRequestsRequest {
                source_id: source,
                target_id: target,
            })
            .await
            .expect("merge");
    }
}

/// A KEY account (acme: alice), a small one without a CSM (bob, carol), a mid one (dave, who
/// prefers in-app). PDF export: alice three times, bob once (through a merge), and the mid
/// account once without a contact. Dark mode: alice, carol (opted out), dave.
pub async fn world(app: &mut TestApp) -> World {
    let mut small = account("small", 100_000);
    small.csm_email = Some(String::new());
    let stored = app
        .accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![
                account("acme", 50_000_000),
                small,
                account("mid", 5_000_000),
            ],
        })
        .await
        .expect("accounts")
        .into_inner()
        .accounts;
    let accounts: HashMap<&'static str, i64> = ["acme", "small", "mid"]
        .into_iter()
        .zip(stored.iter().map(|a| a.id))
        .collect();
    let people = [
        ("alice", "acme"),
        ("bob", "small"),
        ("carol", "small"),
        ("dave", "mid"),
    ];
    let made = app
        .accounts
        .upsert_contacts(pb::UpsertContactsRequest {
            contacts: people
                .iter()
                .map(|(name, acct)| pb::ContactInput {
                    external_id: format!("{name}-1"),
                    email: format!("{name}@{acct}.example"),
                    name: name.to_string(),
                    locale: "en".into(),
                    account_external_id: acct.to_string(),
                })
                .collect(),
        })
        .await
        .expect("contacts")
        .into_inner()
        .contacts;
    let contacts: HashMap<&'static str, i64> = people
        .iter()
        .zip(&made)
        .map(|((name, _), c)| (*name, c.id))
        .collect();

    let (first_feedback, pdf) = submit_item(app, "P-1", "acme", "alice@acme.example", PDF[0]).await;
    for (i, text) in PDF[1..3].iter().enumerate() {
        let r = submit(app, &format!("P-a{i}"), "acme", "alice@acme.example", text).await;
        join(app, r, pdf).await;
    }
    let (bob_item, bob) = submit_item(app, "P-b", "small", "bob@small.example", PDF[3]).await;
    // Bob's item reaches the request through a merge of its own request.
    let own = if bob == pdf {
        let moved = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: bob_item,
                destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
            })
            .await
            .expect("move")
            .into_inner();
        moved.to_request_id
    } else {
        bob
    };
    join(app, own, pdf).await;
    let anon = submit(app, "P-m", "mid", "", PDF[4]).await;
    join(app, anon, pdf).await;

    let dark = submit(app, "D-a", "acme", "alice@acme.example", DARK[0]).await;
    let r = submit(app, "D-c", "small", "carol@small.example", DARK[1]).await;
    join(app, r, dark).await;
    let r = submit(app, "D-d", "mid", "dave@mid.example", DARK[2]).await;
    join(app, r, dark).await;

    prefs(app, contacts["dave"], None, pb::Channel::InApp).await;
    prefs(app, contacts["carol"], Some(true), pb::Channel::Unspecified).await;
    World {
        pdf,
        dark,
        first_feedback,
        contacts,
        accounts,
    }
}

async fn prefs(app: &mut TestApp, contact_id: i64, opted_out: Option<bool>, channel: pb::Channel) {
    app.notifications
        .set_contact_preferences(pb::SetContactPreferencesRequest {
            contact_id,
            opted_out,
            channel: channel as i32,
        })
        .await
        .expect("preferences");
}

pub async fn release(app: &mut TestApp, version: &str, date: &str) -> pb::Release {
    app.roadmap
        .create_release(pb::CreateReleaseRequest {
            version: version.into(),
            kind: pb::ReleaseKind::Minor as i32,
            planned_date: date.into(),
            summary: "Weekly train".into(),
        })
        .await
        .expect("create release")
        .into_inner()
}

pub async fn plan(app: &mut TestApp, request_id: i64, release_id: i64) -> pb::RoadmapItem {
    app.roadmap
        .plan_request(pb::PlanRequestRequest {
            request_id,
            target: Some(pb::plan_request_request::Target::ReleaseId(release_id)),
            actor: "pm@vendor.example".into(),
        })
        .await
        .expect("plan")
        .into_inner()
}

pub async fn ship(app: &mut TestApp, release_id: i64) -> pb::ShipReleaseResponse {
    app.roadmap
        .ship_release(pb::ShipReleaseRequest {
            release_id,
            actor: "release-bot".into(),
            // These tests are about who is told; titles have their own test (release_loop).
            accept_generated_titles: true,
        })
        .await
        .expect("ship")
        .into_inner()
}

pub async fn all_notifications(app: &mut TestApp, release_id: i64) -> Vec<pb::Notification> {
    list_all(&mut app.notifications, release_id, 3).await
}

/// Every notification of a release (0: all), following page tokens.
pub async fn list_all(
    client: &mut NotificationServiceClient<Channel>,
    release_id: i64,
    page_size: i32,
) -> Vec<pb::Notification> {
    let mut out = Vec::new();
    let mut token = String::new();
    loop {
        let page = client
            .list_notifications(pb::ListNotificationsRequest {
                release_id,
                status: 0,
                page_size,
                page_token: token,
            })
            .await
            .expect("list notifications")
            .into_inner();
        out.extend(page.notifications);
        if page.next_page_token.is_empty() {
            return out;
        }
        token = page.next_page_token;
    }
}

/// (contact, request, channel); a CSM's task, which is the account's, by minus its account id.
type Key = (i64, i64, i32);

fn key(n: &pb::Notification) -> Key {
    who(n.contact_id, n.account_id, n.channel, n.request_id)
}

fn who(contact_id: i64, account_id: i64, channel: i32, request_id: i64) -> Key {
    if channel == CSM {
        (-account_id, request_id, channel)
    } else {
        (contact_id, request_id, channel)
    }
}

const EMAIL: i32 = pb::NotificationChannel::Email as i32;
const IN_APP: i32 = pb::NotificationChannel::InApp as i32;
const CSM: i32 = pb::NotificationChannel::CsmTask as i32;

/// The (contact, request, channel) set shipping both requests of [`world`] in one release
/// must produce.
pub fn expected(w: &World) -> BTreeSet<Key> {
    expected_for(w, &[w.pdf, w.dark])
}

/// The notifications planning `requests` together (one release, or one status change) makes:
/// one per contact and request, and one CSM task per account (acme is KEY; mid's feedback
/// without a contact goes to its CSM), with the lowest of its requests.
pub fn expected_for(w: &World, requests: &[i64]) -> BTreeSet<Key> {
    let c = &w.contacts;
    let mut out = BTreeSet::new();
    if requests.contains(&w.pdf) {
        out.extend([
            (c["alice"], w.pdf, EMAIL),
            (c["bob"], w.pdf, EMAIL),
            (-w.accounts["mid"], w.pdf, CSM),
        ]);
    }
    if requests.contains(&w.dark) {
        out.extend([
            (c["alice"], w.dark, EMAIL),
            (c["carol"], w.dark, EMAIL),
            (c["dave"], w.dark, IN_APP),
        ]);
    }
    if let Some(first) = requests.iter().min() {
        out.insert((-w.accounts["acme"], *first, CSM));
    }
    out
}

#[tokio::test]
async fn shipping_a_release_tells_every_requester_once_through_the_right_channel() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        let item = plan(&mut app, w.pdf, r.id).await;
        assert_eq!(item.release_id, Some(r.id));
        assert_eq!(
            item.request.unwrap().status,
            pb::RequestStatus::Planned as i32,
            "planning into a release makes a NEW request PLANNED"
        );
        plan(&mut app, w.dark, r.id).await;
        let note = "Reports > Export now offers PDF, with your logo and page numbers.";
        let item = app
            .roadmap
            .set_release_note(pb::SetReleaseNoteRequest {
                request_id: w.pdf,
                release_id: r.id,
                text: note.into(),
            })
            .await
            .expect("note")
            .into_inner();
        assert_eq!(item.release_note, note);

        // The preview names every recipient and who is suppressed, and writes nothing.
        let preview = app
            .roadmap
            .preview_release(pb::PreviewReleaseRequest { release_id: r.id })
            .await
            .expect("preview")
            .into_inner();
        assert_eq!((preview.notifications, preview.suppressed), (7, 1));
        let previewed: BTreeSet<Key> = preview
            .requests
            .iter()
            .flat_map(|p| {
                let id = p.item.as_ref().unwrap().request.as_ref().unwrap().id;
                p.recipients
                    .iter()
                    .map(move |x| who(x.contact_id, x.account_id, x.channel, id))
            })
            .collect();
        assert_eq!(previewed, expected(&w));
        let carol = preview
            .requests
            .iter()
            .flat_map(|p| &p.recipients)
            .find(|x| x.contact_id == w.contacts["carol"])
            .unwrap();
        assert_eq!(
            (carol.suppressed, carol.suppressed_reason.as_str()),
            (true, "OPTED_OUT")
        );
        assert!(all_notifications(&mut app, 0).await.is_empty());

        let shipped = ship(&mut app, r.id).await;
        assert_eq!(
            (shipped.created, shipped.notifications, shipped.suppressed),
            (7, 7, 1)
        );
        assert!(shipped.release.as_ref().unwrap().shipped);
        let mut ids = shipped.request_ids.clone();
        ids.sort();
        let mut want = vec![w.pdf, w.dark];
        want.sort();
        assert_eq!(ids, want);

        let all = all_notifications(&mut app, r.id).await;
        let got: Vec<Key> = all.iter().map(key).collect();
        let unique: BTreeSet<Key> = got.iter().copied().collect();
        assert_eq!(got.len(), unique.len(), "no doubles: {got:?}");
        assert_eq!(unique, expected(&w));
        assert_eq!(
            (shipped.first_cursor, shipped.last_cursor),
            (all[0].id, all[all.len() - 1].id)
        );

        let alice_pdf = all
            .iter()
            .find(|n| key(n) == (w.contacts["alice"], w.pdf, EMAIL))
            .unwrap();
        assert_eq!(
            alice_pdf.quotes.len(),
            3,
            "one notification quoting all three asks"
        );
        assert_eq!(alice_pdf.recipient, "alice@acme.example");
        assert_eq!(alice_pdf.release_version, "2026.48");
        assert_eq!(alice_pdf.release_date, "2026-11-30");
        assert_eq!(alice_pdf.release_note, note);
        // No PM title: the note speaks, not a title made of some customer's words.
        assert_eq!(alice_pdf.request_title, "");
        assert_eq!(alice_pdf.contact_name, "alice");
        assert_eq!(alice_pdf.account_external_id, "acme");
        assert_eq!(alice_pdf.trigger, pb::NotificationTrigger::Shipped as i32);
        let quoted: HashSet<&str> = alice_pdf
            .quotes
            .iter()
            .map(|q| q.excerpt.as_str())
            .collect();
        assert_eq!(quoted, PDF[..3].iter().copied().collect());
        assert!(alice_pdf.quotes.iter().all(|q| q.source == "SUPPORT"));
        // Alice's two requests are grouped under the release for one message.
        let alice_dark = all
            .iter()
            .find(|n| key(n) == (w.contacts["alice"], w.dark, EMAIL))
            .unwrap();
        assert_eq!(alice_pdf.group_key, alice_dark.group_key);
        // The KEY account's CSM gets one task for the release: both requests, every word.
        let first = w.pdf.min(w.dark);
        let csm = all
            .iter()
            .find(|n| key(n) == (-w.accounts["acme"], first, CSM))
            .unwrap();
        assert_eq!(csm.recipient, "csm@vendor.example");
        assert_eq!(csm.contact_id, 0);
        assert_eq!(
            csm.group_key,
            format!("release:{}:account:{}:csm", r.id, w.accounts["acme"])
        );
        assert_ne!(csm.group_key, alice_pdf.group_key, "its own group key");
        let mut listed: Vec<i64> = csm.requests.iter().map(|x| x.request_id).collect();
        listed.sort_unstable();
        let mut both = vec![w.pdf, w.dark];
        both.sort_unstable();
        assert_eq!(listed, both);
        let pdf_line = csm.requests.iter().find(|x| x.request_id == w.pdf).unwrap();
        assert_eq!(pdf_line.release_note, note);
        // No PM title: the task names the request by id and note, never by a customer's words.
        assert_eq!(pdf_line.request_title, "");
        let words: BTreeSet<(i64, i64, &str)> = csm
            .quotes
            .iter()
            .map(|q| (q.request_id, q.contact_id, q.excerpt.as_str()))
            .collect();
        let alice = w.contacts["alice"];
        let want: BTreeSet<(i64, i64, &str)> = PDF[..3]
            .iter()
            .map(|t| (w.pdf, alice, *t))
            .chain([(w.dark, alice, DARK[0])])
            .collect();
        assert_eq!(words, want);
        let anon = all
            .iter()
            .find(|n| key(n) == (-w.accounts["mid"], w.pdf, CSM))
            .unwrap();
        assert_eq!(anon.quotes.len(), 1);
        assert_eq!(anon.quotes[0].source_ref, "P-m");
        assert_eq!(anon.quotes[0].contact_id, 0);
        let bob = all
            .iter()
            .find(|n| key(n) == (w.contacts["bob"], w.pdf, EMAIL))
            .unwrap();
        assert_eq!(
            bob.quotes[0].source_ref, "P-b",
            "merged feedback is told too"
        );
        let dave = all
            .iter()
            .find(|n| n.contact_id == w.contacts["dave"])
            .unwrap();
        assert_eq!((dave.channel, dave.recipient.as_str()), (IN_APP, "dave-1"));
        let carol = all
            .iter()
            .find(|n| n.contact_id == w.contacts["carol"])
            .unwrap();
        assert_eq!(carol.status, pb::NotificationStatus::Suppressed as i32);

        // Requests are SHIPPED, with the release in their history.
        let history = app
            .requests
            .list_status_history(pb::ListStatusHistoryRequest { id: w.pdf })
            .await
            .unwrap()
            .into_inner()
            .changes;
        let last = history.last().unwrap();
        assert_eq!(last.to, pb::RequestStatus::Shipped as i32);
        assert_eq!(last.actor, "release-bot");
        assert!(last.reason.contains("2026.48"), "{}", last.reason);

        // Shipping again creates nothing and answers with what exists.
        let again = ship(&mut app, r.id).await;
        assert_eq!(
            (again.created, again.notifications, again.suppressed),
            (0, 7, 1)
        );
        assert_eq!(all_notifications(&mut app, 0).await.len(), 7);
    })
    .await;
}

async fn stream_take(app: &mut TestApp, after: i64, n: usize) -> Vec<pb::Notification> {
    let mut stream = app
        .notifications
        .stream_notifications(pb::StreamNotificationsRequest {
            after_cursor: after,
            lease_seconds: 0,
            consumer: String::new(),
        })
        .await
        .expect("stream")
        .into_inner();
    let mut out = Vec::new();
    while out.len() < n {
        let next = tokio::time::timeout(Duration::from_secs(10), stream.message())
            .await
            .expect("a notification within 10 s")
            .expect("stream item")
            .expect("stream open");
        out.push(next);
    }
    out
}

#[tokio::test]
async fn the_stream_delivers_in_commit_order_resumes_from_a_cursor_and_follows_new_commits() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        // The first release has 4 deliverable notifications: a named sender takes 2, acks
        // them, hangs up, and resumes from its cursor.
        let mut sender = open_stream(&mut app, 0, "sender").await;
        let first = take(&mut sender, 2).await;
        drop(sender);
        ack(&mut app, first.iter().map(|n| delivered(n.id)).collect())
            .await
            .unwrap();
        let mut sender = open_stream(&mut app, first[1].id, "sender").await;
        let rest = take(&mut sender, 2).await;
        drop(sender);
        let ids: Vec<i64> = first.iter().chain(&rest).map(|n| n.id).collect();
        assert!(ids.windows(2).all(|p| p[0] < p[1]), "commit order: {ids:?}");
        let got: BTreeSet<Key> = first.iter().chain(&rest).map(key).collect();
        let want: BTreeSet<Key> = expected_for(&w, &[w.pdf]);
        assert_eq!(got, want);

        // A consumer waiting at the end receives the next release as it ships.
        let cursor = *ids.last().unwrap();
        let mut follower = app.clone();
        let waiting = tokio::spawn(async move { stream_take(&mut follower, cursor, 3).await });
        tokio::time::sleep(Duration::from_millis(300)).await;
        let r2 = release(&mut app, "2026.49", "2026-12-07").await;
        plan(&mut app, w.dark, r2.id).await;
        ship(&mut app, r2.id).await;
        let live = waiting.await.unwrap();
        let got: BTreeSet<Key> = live.iter().map(key).collect();
        let want: BTreeSet<Key> = expected_for(&w, &[w.dark])
            .into_iter()
            .filter(|k| k.0 != w.contacts["carol"])
            .collect();
        assert_eq!(got, want, "suppressed ones are not streamed");
        assert!(live[0].id > cursor);
    })
    .await;
}

async fn claim(app: &mut TestApp, limit: i32, lease_seconds: i32) -> Vec<pb::Notification> {
    app.notifications
        .list_pending_notifications(pb::ListPendingNotificationsRequest {
            limit,
            lease_seconds,
        })
        .await
        .expect("claim")
        .into_inner()
        .notifications
}

async fn ack(
    app: &mut TestApp,
    acks: Vec<pb::Ack>,
) -> Result<Vec<pb::Notification>, tonic::Status> {
    app.notifications
        .ack_notifications(pb::AckNotificationsRequest { acks })
        .await
        .map(|r| r.into_inner().notifications)
}

fn failed(id: i64, attempt: i32) -> pb::Ack {
    pb::Ack {
        id,
        outcome: pb::AckOutcome::Failed as i32,
        reason: "mailbox full".into(),
        attempt,
    }
}

fn delivered(id: i64) -> pb::Ack {
    pb::Ack {
        id,
        outcome: pb::AckOutcome::Delivered as i32,
        reason: String::new(),
        attempt: 0,
    }
}

#[tokio::test]
async fn claims_lease_acks_are_idempotent_and_failures_retry_until_dead() {
    each_backend_with(
        |c| {
            c.notify.retry.max_attempts = 2;
            c.notify.retry.base = Duration::ZERO;
        },
        |mut app| async move {
            let w = world(&mut app).await;
            let r = release(&mut app, "2026.48", "2026-11-30").await;
            plan(&mut app, w.pdf, r.id).await;
            ship(&mut app, r.id).await;

            // Leased notifications go to one consumer at a time.
            let a = claim(&mut app, 3, 60).await;
            let b = claim(&mut app, 3, 60).await;
            assert_eq!((a.len(), b.len()), (3, 1));
            assert!(claim(&mut app, 10, 60).await.is_empty());
            let ids: HashSet<i64> = a.iter().chain(&b).map(|n| n.id).collect();
            assert_eq!(ids.len(), 4);

            // Unknown id: NOT_FOUND, and nothing changed.
            let err = ack(&mut app, vec![delivered(a[0].id), delivered(999_999)])
                .await
                .unwrap_err();
            assert_eq!(err.code(), Code::NotFound);
            assert!(err.message().contains("999999"), "{}", err.message());
            let status = |n: &pb::Notification| n.status;
            let now = all_notifications(&mut app, r.id).await;
            assert!(
                now.iter()
                    .all(|n| status(n) == pb::NotificationStatus::Pending as i32)
            );
            // Bad input names the field.
            let err = ack(
                &mut app,
                vec![pb::Ack {
                    reason: String::new(),
                    ..failed(a[0].id, 1)
                }],
            )
            .await
            .unwrap_err();
            assert_eq!(violated_fields(&err), vec!["acks[0].reason"]);

            // Delivered, twice: the same.
            let once = ack(&mut app, vec![delivered(a[0].id)]).await.unwrap();
            let twice = ack(&mut app, vec![delivered(a[0].id)]).await.unwrap();
            assert_eq!(once[0].status, pb::NotificationStatus::Delivered as i32);
            assert_eq!(once, twice);

            // Failed: retried (due at once here), the same ack again changes nothing.
            let f = ack(&mut app, vec![failed(a[1].id, 1)]).await.unwrap();
            assert_eq!(f[0].status, pb::NotificationStatus::Failed as i32);
            assert_eq!(
                (f[0].attempt, f[0].last_error.as_str()),
                (2, "mailbox full")
            );
            let f2 = ack(&mut app, vec![failed(a[1].id, 1)]).await.unwrap();
            assert_eq!(f2[0].attempt, 2, "a repeated ack is not a second failure");
            let retry = claim(&mut app, 10, 60).await;
            assert_eq!(
                retry.iter().map(|n| n.id).collect::<Vec<_>>(),
                vec![a[1].id]
            );
            // The second failure is the last allowed attempt: DEAD, and visible.
            let dead = ack(&mut app, vec![failed(a[1].id, 2)]).await.unwrap();
            assert_eq!(dead[0].status, pb::NotificationStatus::Dead as i32);
            assert!(claim(&mut app, 10, 60).await.is_empty());
            let listed = app
                .notifications
                .list_notifications(pb::ListNotificationsRequest {
                    release_id: 0,
                    status: pb::NotificationStatus::Dead as i32,
                    page_size: 0,
                    page_token: String::new(),
                })
                .await
                .unwrap()
                .into_inner()
                .notifications;
            assert_eq!(
                listed.iter().map(|n| n.id).collect::<Vec<_>>(),
                vec![a[1].id]
            );

            // An expired lease hands the notification out again.
            let short = claim(&mut app, 10, 60).await;
            assert!(short.is_empty());
        },
    )
    .await;
}

#[tokio::test]
async fn a_repeated_failed_ack_counts_once_and_attempts_never_pass_the_maximum() {
    each_backend_with(
        |c| {
            c.notify.retry.max_attempts = 3;
            c.notify.retry.base = Duration::ZERO;
        },
        |mut app| async move {
            let w = world(&mut app).await;
            let r = release(&mut app, "2026.48", "2026-11-30").await;
            plan(&mut app, w.pdf, r.id).await;
            ship(&mut app, r.id).await;
            let first = claim(&mut app, 10, 60).await;
            let id = first[0].id;
            assert_eq!(first[0].attempt, 1);
            let others = first[1..].iter().map(|n| delivered(n.id)).collect();
            ack(&mut app, others).await.unwrap();
            // A sender retrying its own ack (attempt 0: "the current one") reports one failure.
            for _ in 0..4 {
                let n = ack(&mut app, vec![failed(id, 0)]).await.unwrap();
                assert_eq!(
                    (n[0].status, n[0].attempt),
                    (pb::NotificationStatus::Failed as i32, 2),
                    "one failure, however often it is acked"
                );
            }
            for (round, want_status, want_attempt) in [
                (2, pb::NotificationStatus::Failed, 3),
                (3, pb::NotificationStatus::Dead, 3),
            ] {
                let again = claim(&mut app, 10, 60).await;
                assert_eq!(again.iter().map(|n| n.id).collect::<Vec<_>>(), vec![id]);
                assert_eq!(again[0].attempt, round);
                for _ in 0..3 {
                    let n = ack(&mut app, vec![failed(id, 0)]).await.unwrap();
                    assert_eq!(
                        (n[0].status, n[0].attempt),
                        (want_status as i32, want_attempt),
                        "round {round}"
                    );
                }
            }
            // DEAD at the third attempt of three, and a numbered ack beyond it changes nothing.
            let n = ack(&mut app, vec![failed(id, 4)]).await.unwrap();
            assert_eq!(
                (n[0].status, n[0].attempt),
                (pb::NotificationStatus::Dead as i32, 3)
            );
            assert!(claim(&mut app, 10, 60).await.iter().all(|n| n.id != id));
        },
    )
    .await;
}

#[tokio::test]
async fn a_delivered_ack_after_an_opt_out_records_the_delivery() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        let handed_out = claim(&mut app, 10, 60).await;
        let sent = handed_out
            .iter()
            .find(|n| n.contact_id != 0)
            .expect("a contact's notification")
            .clone();
        // The contact opts out while the sender holds the message.
        prefs(
            &mut app,
            sent.contact_id,
            Some(true),
            pb::Channel::Unspecified,
        )
        .await;
        let now = all_notifications(&mut app, r.id).await;
        let held = now.iter().find(|n| n.id == sent.id).unwrap();
        assert_eq!(held.status, pb::NotificationStatus::Suppressed as i32);
        // The sender had already sent it: the record says it was delivered, repeatably.
        for _ in 0..2 {
            let n = ack(&mut app, vec![delivered(sent.id)]).await.unwrap();
            assert_eq!(n[0].status, pb::NotificationStatus::Delivered as i32);
        }
        let listed = all_notifications(&mut app, r.id).await;
        let after = listed.iter().find(|n| n.id == sent.id).unwrap();
        assert_eq!(after.status, pb::NotificationStatus::Delivered as i32);
        // A failure reported after the opt-out leaves nothing to retry.
        let other = handed_out
            .iter()
            .find(|n| n.id != sent.id && n.contact_id != 0)
            .expect("another contact's notification")
            .clone();
        prefs(
            &mut app,
            other.contact_id,
            Some(true),
            pb::Channel::Unspecified,
        )
        .await;
        let n = ack(&mut app, vec![failed(other.id, 0)]).await.unwrap();
        assert_eq!(n[0].status, pb::NotificationStatus::Suppressed as i32);
    })
    .await;
}

#[tokio::test]
async fn an_unacknowledged_lease_expires_and_the_notification_is_handed_out_again() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        let first = claim(&mut app, 10, 1).await;
        assert_eq!(first.len(), 4);
        assert!(claim(&mut app, 10, 1).await.is_empty());
        // Past the one-second lease, on the server's clock.
        app.clock.advance(Duration::from_millis(1_200));
        let again = claim(&mut app, 10, 60).await;
        assert_eq!(
            again.iter().map(|n| n.id).collect::<Vec<_>>(),
            first.iter().map(|n| n.id).collect::<Vec<_>>()
        );
        // A failure waits for its backoff (30 s by default) before it is handed out again.
        let failed_one = ack(&mut app, vec![failed(again[0].id, 1)]).await.unwrap();
        let wait =
            failed_one[0].next_attempt_at.as_ref().unwrap().seconds - app.clock.now().timestamp();
        assert!((25..=31).contains(&wait), "retry in {wait} s");
        assert!(claim(&mut app, 10, 60).await.is_empty(), "not due yet");
        // Once its backoff has passed on the server's clock, it is handed out again (the
        // others are still under their 60 s lease).
        app.clock.advance(Duration::from_secs(40));
        let retried = claim(&mut app, 10, 60).await;
        assert_eq!(
            retried.iter().map(|n| n.id).collect::<Vec<_>>(),
            vec![again[0].id]
        );
    })
    .await;
}

#[tokio::test]
async fn two_instances_never_hand_one_notification_to_two_consumers() {
    for backend in crate::harness::backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server_a) = TestApp::start(backend, &url, |_| {}).await;
        let (mut b, server_b) = TestApp::start(backend, &url, |_| {}).await;
        let w = world(&mut a).await;
        let r = release(&mut a, "2026.48", "2026-11-30").await;
        plan(&mut a, w.pdf, r.id).await;
        plan(&mut a, w.dark, r.id).await;
        ship(&mut a, r.id).await;
        let mut seen: Vec<i64> = Vec::new();
        // Consumers on both instances claim one at a time, concurrently.
        loop {
            let (x, y) = tokio::join!(claim(&mut a, 1, 60), claim(&mut b, 1, 60));
            if x.is_empty() && y.is_empty() {
                break;
            }
            seen.extend(x.iter().chain(&y).map(|n| n.id));
        }
        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(
            seen.len(),
            unique.len(),
            "{backend:?}: handed out twice: {seen:?}"
        );
        assert_eq!(unique.len(), 6, "{backend:?}: every deliverable one");
        server_a.stop().await;
        server_b.stop().await;
        cleanup.run().await;
    }
}

async fn open_stream(
    app: &mut TestApp,
    after: i64,
    consumer: &str,
) -> tonic::Streaming<pb::Notification> {
    app.notifications
        .stream_notifications(pb::StreamNotificationsRequest {
            after_cursor: after,
            lease_seconds: 60,
            consumer: consumer.into(),
        })
        .await
        .expect("stream")
        .into_inner()
}

async fn take(stream: &mut tonic::Streaming<pb::Notification>, n: usize) -> Vec<pb::Notification> {
    let mut out = Vec::new();
    while out.len() < n {
        let next = tokio::time::timeout(Duration::from_secs(10), stream.message())
            .await
            .expect("a notification within 10 s")
            .expect("stream item")
            .expect("stream open");
        out.push(next);
    }
    out
}

/// What a stream sends within `ms` (it stays open).
async fn sent_within(stream: &mut tonic::Streaming<pb::Notification>, ms: u64) -> Vec<i64> {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
    while let Ok(next) = tokio::time::timeout_at(deadline, stream.message()).await {
        out.push(next.expect("stream item").expect("stream open").id);
    }
    out
}

#[tokio::test]
async fn a_lease_is_exclusive_across_claims_streams_and_instances() {
    for backend in crate::harness::backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server_a) = TestApp::start(backend, &url, |_| {}).await;
        let (mut b, server_b) = TestApp::start(backend, &url, |_| {}).await;
        let w = world(&mut a).await;
        let r = release(&mut a, "2026.48", "2026-11-30").await;
        plan(&mut a, w.pdf, r.id).await;
        plan(&mut a, w.dark, r.id).await;
        ship(&mut a, r.id).await;
        // 6 deliverable: a sender pool claims 3 on instance A.
        let claimed: Vec<i64> = claim(&mut a, 3, 60).await.iter().map(|n| n.id).collect();
        assert_eq!(claimed.len(), 3);
        // A stream on instance B from cursor 0 gets the other 3 and nothing claimed.
        let mut first = open_stream(&mut b, 0, "").await;
        let streamed: Vec<i64> = take(&mut first, 3).await.iter().map(|n| n.id).collect();
        assert!(
            sent_within(&mut first, 500).await.is_empty(),
            "{backend:?}: nothing more"
        );
        assert!(
            streamed.iter().all(|id| !claimed.contains(id)),
            "{backend:?}: claimed {claimed:?}, streamed {streamed:?}"
        );
        // A second stream from cursor 0 (on A, and on B) gets nothing another stream holds.
        let mut second = open_stream(&mut a, 0, "").await;
        let mut third = open_stream(&mut b, 0, "other").await;
        let (x, y) = tokio::join!(sent_within(&mut second, 700), sent_within(&mut third, 700));
        assert!(
            x.is_empty() && y.is_empty(),
            "{backend:?}: handed out twice: {x:?} {y:?}"
        );
        // Nor does a claim on either instance.
        let (x, y) = tokio::join!(claim(&mut a, 10, 60), claim(&mut b, 10, 60));
        assert!(x.is_empty() && y.is_empty(), "{backend:?}");
        let all: HashSet<i64> = claimed.iter().chain(&streamed).copied().collect();
        assert_eq!(all.len(), 6, "{backend:?}: every deliverable one, once");
        // A new release after the fact goes to exactly one of the open streams.
        let r2 = release(&mut a, "2026.49", "2026-12-07").await;
        let solo = submit(
            &mut a,
            "N-1",
            "acme",
            "alice@acme.example",
            "Audit log export to Splunk",
        )
        .await;
        plan(&mut a, solo, r2.id).await;
        ship(&mut a, r2.id).await;
        let (x, y, z) = tokio::join!(
            sent_within(&mut first, 1_500),
            sent_within(&mut second, 1_500),
            sent_within(&mut third, 1_500)
        );
        let mut got: Vec<i64> = x.iter().chain(&y).chain(&z).copied().collect();
        let n = got.len();
        got.sort_unstable();
        got.dedup();
        assert_eq!((n, got.len()), (2, 2), "{backend:?}: {x:?} {y:?} {z:?}");
        drop((first, second, third));
        server_a.stop().await;
        server_b.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn a_named_stream_reconnecting_resumes_what_it_had_not_acked() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        // The mailer reads 2 of 4, acks the first, and loses its connection.
        let mut mailer = open_stream(&mut app, 0, "mailer").await;
        let got = take(&mut mailer, 2).await;
        ack(&mut app, vec![delivered(got[0].id)]).await.unwrap();
        drop(mailer);
        // Meanwhile the rest is the mailer's: neither another stream nor a claim gets it.
        let mut other = open_stream(&mut app, 0, "").await;
        assert!(sent_within(&mut other, 500).await.is_empty());
        assert!(claim(&mut app, 10, 60).await.is_empty());
        // Reconnecting from its cursor, it gets what it had not acked: the second one again,
        // and the two it never read.
        let mut again = open_stream(&mut app, got[1].id, "mailer").await;
        let resumed: Vec<i64> = take(&mut again, 3).await.iter().map(|n| n.id).collect();
        assert!(sent_within(&mut again, 500).await.is_empty());
        let all: Vec<i64> = all_notifications(&mut app, r.id)
            .await
            .into_iter()
            .filter(|n| n.status == pb::NotificationStatus::Pending as i32)
            .map(|n| n.id)
            .collect();
        assert_eq!(resumed, all, "every unacked one, in id order");
        assert!(resumed.contains(&got[1].id) && !resumed.contains(&got[0].id));
    })
    .await;
}

#[tokio::test]
async fn an_opt_out_takes_the_contact_out_of_the_csms_task() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        // Another acme contact joins the PDF request.
        let made = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "erin-1".into(),
                    email: "erin@acme.example".into(),
                    name: "erin".into(),
                    locale: "en".into(),
                    account_external_id: "acme".into(),
                }],
            })
            .await
            .expect("contact")
            .into_inner()
            .contacts;
        let erin = made[0].id;
        let own = submit(
            &mut app,
            "E-1",
            "acme",
            "erin@acme.example",
            "Board pack as PDF please",
        )
        .await;
        join(&mut app, own, w.pdf).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        let acme_task = |all: &[pb::Notification]| {
            all.iter()
                .find(|n| n.channel == CSM && n.account_external_id == "acme")
                .cloned()
                .expect("acme's task")
        };
        let before = acme_task(&all_notifications(&mut app, r.id).await);
        let people: BTreeSet<i64> = before.quotes.iter().map(|q| q.contact_id).collect();
        assert_eq!(people, BTreeSet::from([w.contacts["alice"], erin]));
        // Alice opts out: the CSM no longer approaches her; Erin's words stay.
        prefs(
            &mut app,
            w.contacts["alice"],
            Some(true),
            pb::Channel::Unspecified,
        )
        .await;
        let task = acme_task(&all_notifications(&mut app, r.id).await);
        assert_eq!(task.status, pb::NotificationStatus::Pending as i32);
        assert!(!task.quotes.is_empty());
        assert!(task.quotes.iter().all(|q| q.contact_id == erin), "{task:?}");
        // Erin opts out too: nobody is left, the task is suppressed.
        prefs(&mut app, erin, Some(true), pb::Channel::Unspecified).await;
        let task = acme_task(&all_notifications(&mut app, r.id).await);
        assert_eq!(
            (task.status, task.suppressed_reason.as_str()),
            (pb::NotificationStatus::Suppressed as i32, "OPTED_OUT")
        );
    })
    .await;
}

#[tokio::test]
async fn forgetting_a_contact_erases_their_words_and_keeps_the_scores() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        plan(&mut app, w.pdf, r.id).await;
        ship(&mut app, r.id).await;
        let explain = |app: &mut TestApp| {
            let mut client = app.backlog.clone();
            let id = w.pdf;
            async move {
                client
                    .explain_score(pb::ExplainScoreRequest {
                        request_id: id,
                        profile: None,
                        ..Default::default()
                    })
                    .await
                    .expect("explain")
                    .into_inner()
            }
        };
        let before = explain(&mut app).await;
        let alice = w.contacts["alice"];
        let out = app
            .notifications
            .forget_contact(pb::ForgetContactRequest { contact_id: alice })
            .await
            .expect("forget")
            .into_inner();
        assert_eq!((out.feedback_erased, out.notifications_erased), (4, 1));
        let after = explain(&mut app).await;
        assert_eq!(before.score, after.score, "scores do not move");

        let item = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest {
                id: w.first_feedback,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!((item.title.as_str(), item.body.as_str()), ("", ""));
        let contact = app
            .notifications
            .set_contact_preferences(pb::SetContactPreferencesRequest {
                contact_id: alice,
                opted_out: None,
                channel: 0,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!((contact.email.as_str(), contact.name.as_str()), ("", ""));
        assert!(contact.opted_out);
        for n in all_notifications(&mut app, r.id).await {
            if n.contact_id == alice {
                assert_eq!(n.status, pb::NotificationStatus::Suppressed as i32);
                assert_eq!(n.suppressed_reason, "FORGOTTEN");
                assert!(n.quotes.iter().all(|q| q.excerpt.is_empty()));
                assert_eq!(n.contact_name, "");
                assert!(!n.recipient.contains("alice"), "{}", n.recipient);
            } else if n.channel == CSM && n.account_external_id == "acme" {
                // Acme's CSM task quoted only Alice: nobody is left to approach.
                assert_eq!(
                    (n.status, n.suppressed_reason.as_str(), n.quotes.len()),
                    (pb::NotificationStatus::Suppressed as i32, "FORGOTTEN", 0)
                );
            } else {
                assert_eq!(n.status, pb::NotificationStatus::Pending as i32);
            }
        }
        let err = app
            .notifications
            .forget_contact(pb::ForgetContactRequest {
                contact_id: 424_242,
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

async fn similar_to(app: &mut TestApp, text: &str) -> Vec<(i64, f32)> {
    app.requests
        .find_similar(pb::FindSimilarRequest {
            text: text.into(),
            limit: 10,
        })
        .await
        .expect("find similar")
        .into_inner()
        .requests
        .into_iter()
        .map(|r| (r.request.expect("a request").id, r.similarity))
        .collect()
}

#[tokio::test]
async fn forgetting_a_contact_erases_their_words_everywhere_at_once_on_every_instance() {
    for backend in crate::harness::backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut a, server_a) = TestApp::start(backend, &url, |_| {}).await;
        let (mut b, server_b) = TestApp::start(backend, &url, |_| {}).await;
        let w = world(&mut a).await;
        // Zed (at KEY account acme) starts a request in words only Zed used; Yan's item on
        // the same need joins it by a PM's merge.
        a.accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: ["zed", "yan"]
                    .iter()
                    .map(|name| pb::ContactInput {
                        external_id: format!("{name}-1"),
                        email: format!("{name}@acme.example"),
                        name: name.to_string(),
                        locale: "en".into(),
                        account_external_id: "acme".into(),
                    })
                    .collect(),
            })
            .await
            .expect("contacts");
        let zanzibar = "Zanzibar quokka sanctuary tickets in the calendar";
        let (_, zed_request) =
            submit_item(&mut a, "Z-1", "acme", "zed@acme.example", zanzibar).await;
        let yan = submit(
            &mut a,
            "Y-1",
            "acme",
            "yan@acme.example",
            "Show booked visits on the shared calendar",
        )
        .await;
        join(&mut a, yan, zed_request).await;
        let r = release(&mut a, "2026.48", "2026-11-30").await;
        plan(&mut a, zed_request, r.id).await;
        plan(&mut a, w.pdf, r.id).await;
        ship(&mut a, r.id).await;
        // Instance B knows Zed's words before the erasure (its index caught up).
        let hit = |hits: &[(i64, f32)]| {
            hits.iter()
                .any(|(id, sim)| *id == zed_request && *sim > 0.05)
        };
        assert!(hit(&similar_to(&mut b, "Zanzibar quokka sanctuary").await));
        let detail = |app: &mut TestApp| {
            let mut client = app.requests.clone();
            async move {
                client
                    .get_request(pb::GetRequestRequest {
                        id: zed_request,
                        evidence_limit: 0,
                    })
                    .await
                    .expect("get request")
                    .into_inner()
            }
        };
        let before = detail(&mut b).await.request.unwrap();
        assert!(before.title.contains("Zanzibar"), "{}", before.title);
        let zed = a
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "zed-1".into(),
                    email: "zed@acme.example".into(),
                    name: "zed".into(),
                    locale: "en".into(),
                    account_external_id: "acme".into(),
                }],
            })
            .await
            .unwrap()
            .into_inner()
            .contacts[0]
            .id;

        a.notifications
            .forget_contact(pb::ForgetContactRequest { contact_id: zed })
            .await
            .expect("forget");

        // At once, on both instances: no FindSimilar match on their words.
        for app in [&mut b, &mut a] {
            let hits = similar_to(app, "Zanzibar quokka sanctuary").await;
            assert!(!hit(&hits), "{backend:?}: still matched: {hits:?}");
        }
        // The title is made again from the words left; the counts stay.
        let after = detail(&mut b).await.request.unwrap();
        assert!(
            !after.title.contains("Zanzibar") && !after.title.is_empty(),
            "{backend:?}: {}",
            after.title
        );
        assert!(after.title.contains("calendar"), "{}", after.title);
        assert_eq!(
            (after.feedback_count, after.account_count),
            (before.feedback_count, before.account_count)
        );
        // No written notification carries their words: not Yan's, not the CSM's task.
        let all = list_all(&mut b.notifications, r.id, 100).await;
        for n in &all {
            assert!(
                !format!("{n:?}").contains("Zanzibar"),
                "{backend:?}: notification {} still has Zed's words: {n:?}",
                n.id
            );
        }
        let csm = all
            .iter()
            .find(|n| n.channel == CSM && n.account_external_id == "acme")
            .unwrap();
        assert!(
            csm.quotes
                .iter()
                .any(|q| q.excerpt.contains("booked visits")),
            "others' words stay: {csm:?}"
        );
        assert!(
            csm.quotes.iter().all(|q| q.contact_id != zed),
            "Zed is out of the CSM's task: {csm:?}"
        );
        let yan_told = all
            .iter()
            .find(|n| n.recipient == "yan@acme.example")
            .unwrap();
        assert!(!yan_told.request_title.is_empty());
        // The clustering still places new feedback on both instances afterwards.
        submit(
            &mut b,
            "Y-2",
            "acme",
            "yan@acme.example",
            "Calendar of booked visits please",
        )
        .await;
        server_a.stop().await;
        server_b.stop().await;
        cleanup.run().await;
    }
}

#[tokio::test]
async fn status_changes_notify_only_when_configured_and_only_once() {
    for notify in [false, true] {
        each_backend_with(
            move |c| c.notify.on_status = notify,
            |mut app| async move {
                let w = world(&mut app).await;
                let status = |to: pb::RequestStatus| pb::UpdateRequestStatusRequest {
                    id: w.dark,
                    status: to as i32,
                    actor: "pm".into(),
                    reason: String::new(),
                };
                for to in [
                    pb::RequestStatus::Planned,
                    pb::RequestStatus::UnderReview,
                    pb::RequestStatus::Planned,
                    pb::RequestStatus::InProgress,
                ] {
                    app.roadmap
                        .update_request_status(status(to))
                        .await
                        .expect("status");
                }
                let all = all_notifications(&mut app, 0).await;
                if !notify {
                    assert!(all.is_empty());
                    return;
                }
                let planned = pb::NotificationTrigger::Planned as i32;
                let started = pb::NotificationTrigger::InProgress as i32;
                let dark: BTreeSet<Key> = expected_for(&w, &[w.dark]);
                for trigger in [planned, started] {
                    let got: Vec<Key> = all
                        .iter()
                        .filter(|n| n.trigger == trigger)
                        .map(key)
                        .collect();
                    assert_eq!(got.len(), dark.len(), "once per trigger: {got:?}");
                    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), dark);
                }
            },
        )
        .await;
    }
}

#[tokio::test]
async fn the_roadmap_lists_releases_by_date_then_lanes_and_refuses_what_does_not_fit() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let later = release(&mut app, "2027.1", "2027-01-04").await;
        let sooner = release(&mut app, "2026.49", "2026-12-07").await;
        plan(&mut app, w.pdf, later.id).await;
        app.roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: w.dark,
                target: Some(pb::plan_request_request::Target::Lane(
                    pb::Lane::Next as i32,
                )),
                actor: String::new(),
            })
            .await
            .expect("lane");
        let map = app
            .roadmap
            .get_roadmap(pb::GetRoadmapRequest::default())
            .await
            .unwrap()
            .into_inner();
        let versions: Vec<&str> = map
            .releases
            .iter()
            .map(|r| r.release.as_ref().unwrap().version.as_str())
            .collect();
        assert_eq!(versions, vec!["2026.49", "2027.1"]);
        let planned = &map.releases[1].items;
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].request.as_ref().unwrap().id, w.pdf);
        assert!(planned[0].score > 0.0, "with its score");
        let lanes: Vec<(i32, Vec<i64>)> = map
            .lanes
            .iter()
            .map(|l| {
                (
                    l.lane,
                    l.items
                        .iter()
                        .map(|i| i.request.as_ref().unwrap().id)
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            lanes,
            vec![
                (pb::Lane::Now as i32, vec![]),
                (pb::Lane::Next as i32, vec![w.dark]),
                (pb::Lane::Later as i32, vec![]),
            ]
        );

        // Bad input names the fields; a taken version already exists.
        let err = app
            .roadmap
            .create_release(pb::CreateReleaseRequest {
                version: String::new(),
                kind: 0,
                planned_date: "next week".into(),
                summary: String::new(),
            })
            .await
            .unwrap_err();
        assert_eq!(
            violated_fields(&err),
            vec!["version", "kind", "planned_date"]
        );
        let err = app
            .roadmap
            .create_release(pb::CreateReleaseRequest {
                version: "2027.1".into(),
                kind: pb::ReleaseKind::Major as i32,
                planned_date: "2027-03-01".into(),
                summary: String::new(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::AlreadyExists);
        let err = app
            .roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: w.dark,
                target: None,
                actor: String::new(),
            })
            .await
            .unwrap_err();
        assert_eq!(violated_fields(&err), vec!["target"]);
        // A note needs the request in that release.
        let err = app
            .roadmap
            .set_release_note(pb::SetReleaseNoteRequest {
                request_id: w.dark,
                release_id: sooner.id,
                text: "x".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(err.message().contains("2026.49"), "{}", err.message());

        // Shipped releases take no more requests; declined requests are not planned.
        ship(&mut app, later.id).await;
        let err = app
            .roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: w.dark,
                target: Some(pb::plan_request_request::Target::ReleaseId(later.id)),
                actor: String::new(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::FailedPrecondition);
        app.roadmap
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: w.dark,
                status: pb::RequestStatus::Declined as i32,
                actor: "pm".into(),
                reason: "out of scope".into(),
            })
            .await
            .expect("decline");
        let err = app
            .roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: w.dark,
                target: Some(pb::plan_request_request::Target::ReleaseId(sooner.id)),
                actor: String::new(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(err.message().contains("DECLINED"), "{}", err.message());
        let map = app
            .roadmap
            .get_roadmap(pb::GetRoadmapRequest {
                include_shipped: true,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(map.releases.len(), 2);
        assert!(
            map.lanes.iter().all(|l| l.items.is_empty()),
            "a declined request leaves its lane"
        );
    })
    .await;
}

async fn unplan(app: &mut TestApp, request_id: i64) -> pb::RoadmapItem {
    app.roadmap
        .plan_request(pb::PlanRequestRequest {
            request_id,
            target: Some(pb::plan_request_request::Target::Unplan(true)),
            actor: "pm@vendor.example".into(),
        })
        .await
        .expect("unplan")
        .into_inner()
}

async fn history(app: &mut TestApp, id: i64) -> Vec<pb::StatusChange> {
    app.requests
        .list_status_history(pb::ListStatusHistoryRequest { id })
        .await
        .expect("history")
        .into_inner()
        .changes
}

#[tokio::test]
async fn unplanning_returns_a_request_to_its_status_before_planning() {
    each_backend(|mut app| async move {
        let w = world(&mut app).await;
        let r = release(&mut app, "2026.48", "2026-11-30").await;
        let status = |item: &pb::RoadmapItem| item.request.as_ref().unwrap().status;

        // NEW -> PLANNED -> off the roadmap: NEW again, and the history says why.
        let planned = plan(&mut app, w.pdf, r.id).await;
        assert_eq!(status(&planned), pb::RequestStatus::Planned as i32);
        let off = unplan(&mut app, w.pdf).await;
        assert_eq!(status(&off), pb::RequestStatus::New as i32);
        assert_eq!(off.release_id, None);
        let last = history(&mut app, w.pdf).await.pop().unwrap();
        assert_eq!(
            (last.from, last.to, last.actor.as_str()),
            (
                pb::RequestStatus::Planned as i32,
                pb::RequestStatus::New as i32,
                "pm@vendor.example"
            )
        );
        assert!(last.reason.contains("2026.48"), "{}", last.reason);
        // Nothing ships for it any more.
        let shipped = ship(&mut app, r.id).await;
        assert_eq!(shipped.created, 0);

        // UNDER_REVIEW -> PLANNED -> off the roadmap: UNDER_REVIEW again.
        let r2 = release(&mut app, "2026.49", "2026-12-07").await;
        app.roadmap
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: w.dark,
                status: pb::RequestStatus::UnderReview as i32,
                actor: "pm".into(),
                reason: "looking".into(),
            })
            .await
            .expect("review");
        plan(&mut app, w.dark, r2.id).await;
        let off = unplan(&mut app, w.dark).await;
        assert_eq!(status(&off), pb::RequestStatus::UnderReview as i32);
        // Unplanning what is not planned changes no status.
        let before = history(&mut app, w.dark).await.len();
        let again = unplan(&mut app, w.dark).await;
        assert_eq!(status(&again), pb::RequestStatus::UnderReview as i32);
        assert_eq!(history(&mut app, w.dark).await.len(), before);
    })
    .await;
}
