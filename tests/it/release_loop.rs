//! Closing the loop without holes (issue 16, issue 15 item 3): shipping only through a
//! release, plans that follow merges, "already available" for feedback that reaches a shipped
//! request, notifications with only the requester's own words, titles a PM chose, requests
//! emptied by moves, and the demand profile through the API.

use std::collections::{BTreeSet, HashMap};

use sift::pb;
use tonic::Code;

use crate::fixtures::{account, feedback};
use crate::harness::{TestApp, each_backend, each_backend_with};

const PDF: [&str; 3] = [
    "Please add PDF export for the weekly report",
    "We need to export the weekly report as PDF",
    "Export weekly report to PDF please",
];
const DARK: &str = "Dark mode for the dashboard would be great";
const SSO: &str = "Single sign-on with Okta SAML for our staff";

/// Accounts `acme` (mid-sized, with a CSM) and `beta`, `gamma` (small, no CSM), and one
/// contact each: ann@acme, bo@beta, cy@gamma. Returns contact ids by name.
async fn people(app: &mut TestApp) -> HashMap<&'static str, i64> {
    let mut beta = account("beta", 100_000);
    beta.csm_email = Some(String::new());
    let mut gamma = account("gamma", 120_000);
    gamma.csm_email = Some(String::new());
    app.accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![account("acme", 2_000_000), beta, gamma],
        })
        .await
        .expect("accounts");
    let who = [
        ("ann", "acme", "Ann Zebedee"),
        ("bo", "beta", "Bo Quillfeather"),
        ("cy", "gamma", "Cy Marrowbone"),
    ];
    let made = app
        .accounts
        .upsert_contacts(pb::UpsertContactsRequest {
            contacts: who
                .iter()
                .map(|(n, a, full)| pb::ContactInput {
                    external_id: format!("{n}-1"),
                    email: format!("{n}@{a}.example"),
                    name: full.to_string(),
                    locale: "en".into(),
                    account_external_id: a.to_string(),
                })
                .collect(),
        })
        .await
        .expect("contacts")
        .into_inner()
        .contacts;
    who.iter()
        .zip(made)
        .map(|((n, ..), c)| (*n, c.id))
        .collect()
}

/// Submits one item from `email` (none for ""); returns (feedback id, request id).
async fn say(
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

async fn merge(app: &mut TestApp, source: i64, target: i64) -> Result<pb::Request, tonic::Status> {
    app.requests
        .merge_requests(pb::MergeRequestsRequest {
            source_id: source,
            target_id: target,
        })
        .await
        .map(|r| r.into_inner())
}

async fn unmerge(app: &mut TestApp, id: i64) -> pb::Request {
    app.requests
        .unmerge_request(pb::UnmergeRequestRequest { id })
        .await
        .expect("unmerge")
        .into_inner()
}

async fn move_to(app: &mut TestApp, feedback_id: i64, to: i64) {
    app.requests
        .move_feedback(pb::MoveFeedbackRequest {
            feedback_id,
            destination: Some(pb::move_feedback_request::Destination::TargetRequestId(to)),
        })
        .await
        .expect("move");
}

async fn move_out(app: &mut TestApp, feedback_id: i64) -> i64 {
    app.requests
        .move_feedback(pb::MoveFeedbackRequest {
            feedback_id,
            destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
        })
        .await
        .expect("move")
        .into_inner()
        .to_request_id
}

async fn release(app: &mut TestApp, version: &str) -> pb::Release {
    crate::roadmap::release(app, version, "2026-12-07").await
}

async fn plan(app: &mut TestApp, request_id: i64, release_id: i64) {
    crate::roadmap::plan(app, request_id, release_id).await;
}

async fn note(app: &mut TestApp, request_id: i64, release_id: i64, text: &str) {
    app.roadmap
        .set_release_note(pb::SetReleaseNoteRequest {
            request_id,
            release_id,
            text: text.into(),
        })
        .await
        .expect("note");
}

async fn rename(app: &mut TestApp, id: i64, title: &str) {
    app.requests
        .rename_request(pb::RenameRequestRequest {
            id,
            title: title.into(),
        })
        .await
        .expect("rename");
}

async fn get(app: &mut TestApp, id: i64) -> pb::Request {
    app.requests
        .get_request(pb::GetRequestRequest {
            id,
            evidence_limit: 0,
        })
        .await
        .expect("get")
        .into_inner()
        .request
        .expect("request")
}

async fn ship(
    app: &mut TestApp,
    release_id: i64,
    accept_generated_titles: bool,
) -> Result<pb::ShipReleaseResponse, tonic::Status> {
    app.roadmap
        .ship_release(pb::ShipReleaseRequest {
            release_id,
            actor: "release-bot".into(),
            accept_generated_titles,
        })
        .await
        .map(|r| r.into_inner())
}

async fn preview(app: &mut TestApp, release_id: i64) -> pb::PreviewReleaseResponse {
    app.roadmap
        .preview_release(pb::PreviewReleaseRequest { release_id })
        .await
        .expect("preview")
        .into_inner()
}

async fn roadmap_item(app: &mut TestApp, request_id: i64) -> Option<(i64, String)> {
    let map = app
        .roadmap
        .get_roadmap(pb::GetRoadmapRequest {
            include_shipped: true,
        })
        .await
        .expect("roadmap")
        .into_inner();
    map.releases.iter().find_map(|r| {
        r.items
            .iter()
            .find(|i| i.request.as_ref().is_some_and(|q| q.id == request_id))
            .map(|i| {
                (
                    r.release.as_ref().map_or(0, |x| x.id),
                    i.release_note.clone(),
                )
            })
    })
}

/// (contact, request, channel, suppressed, quotes) of what a preview lists.
type Line = (i64, i64, i32, bool, usize);

fn previewed(p: &pb::PreviewReleaseResponse) -> BTreeSet<Line> {
    p.requests
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
        .collect()
}

fn written(all: &[pb::Notification]) -> BTreeSet<Line> {
    all.iter()
        .map(|n| {
            (
                n.contact_id,
                n.request_id,
                n.channel,
                n.status == pb::NotificationStatus::Suppressed as i32,
                n.quotes.len(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_status_change_to_shipped_is_refused_and_the_release_tells_the_requesters() {
    each_backend(|mut app| async move {
        let c = people(&mut app).await;
        let (_, pdf) = say(&mut app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
        let r = release(&mut app, "2026.49").await;
        plan(&mut app, pdf, r.id).await;
        rename(&mut app, pdf, "PDF export of reports").await;
        let err = app
            .requests
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: pdf,
                status: pb::RequestStatus::Shipped as i32,
                actor: "pm".into(),
                reason: "done".into(),
            })
            .await
            .expect_err("shipping goes through the release");
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(
            err.message().contains("release 2026.49"),
            "{}",
            err.message()
        );
        assert_eq!(
            get(&mut app, pdf).await.status,
            pb::RequestStatus::Planned as i32
        );
        assert!(
            crate::roadmap::all_notifications(&mut app, 0)
                .await
                .is_empty()
        );
        // The release ships it, and its requester is told.
        let shipped = ship(&mut app, r.id, false).await.expect("ship");
        assert_eq!(shipped.request_ids, [pdf]);
        let all = crate::roadmap::all_notifications(&mut app, r.id).await;
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].contact_id, c["bo"]);
        assert_eq!(all[0].request_title, "PDF export of reports");
    })
    .await;
}

#[tokio::test]
async fn a_merge_carries_the_plan_status_and_note_to_an_unplanned_target_and_unmerge_gives_them_back()
 {
    each_backend(|mut app| async move {
        people(&mut app).await;
        let (_, planned) = say(&mut app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
        let (_, target) = say(&mut app, "S-1", "gamma", "cy@gamma.example", SSO).await;
        assert_ne!(planned, target);
        let r = release(&mut app, "2026.49").await;
        plan(&mut app, planned, r.id).await;
        note(&mut app, planned, r.id, "Reports > Export offers PDF now.").await;

        merge(&mut app, planned, target).await.expect("merge");
        let t = get(&mut app, target).await;
        assert_eq!(
            t.status,
            pb::RequestStatus::Planned as i32,
            "status followed"
        );
        assert_eq!(
            roadmap_item(&mut app, target).await,
            Some((r.id, "Reports > Export offers PDF now.".to_owned())),
            "plan and note followed"
        );
        // The preview lists both requesters under the target; nobody is dropped.
        let p = preview(&mut app, r.id).await;
        let ids: Vec<i64> = p
            .requests
            .iter()
            .filter_map(|x| x.item.as_ref()?.request.as_ref().map(|q| q.id))
            .collect();
        assert_eq!(ids, [target]);
        assert_eq!(p.notifications, 2, "{p:?}");

        // Unmerge: the source is planned again, the target as before.
        let s = unmerge(&mut app, planned).await;
        assert_eq!(s.status, pb::RequestStatus::Planned as i32);
        assert_eq!(
            roadmap_item(&mut app, planned).await,
            Some((r.id, "Reports > Export offers PDF now.".to_owned()))
        );
        assert_eq!(
            get(&mut app, target).await.status,
            pb::RequestStatus::New as i32
        );
        assert_eq!(roadmap_item(&mut app, target).await, None);
    })
    .await;
}

#[tokio::test]
async fn merging_requests_planned_into_different_releases_keeps_the_targets_plan() {
    each_backend(|mut app| async move {
        people(&mut app).await;
        let (_, a) = say(&mut app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
        let (_, b) = say(&mut app, "S-1", "gamma", "cy@gamma.example", SSO).await;
        let early = release(&mut app, "2026.49").await;
        let late = release(&mut app, "2027.1").await;
        plan(&mut app, a, early.id).await;
        plan(&mut app, b, late.id).await;
        note(&mut app, a, early.id, "PDF in 2026.49").await;
        merge(&mut app, a, b).await.expect("merge");
        assert_eq!(
            roadmap_item(&mut app, b).await,
            Some((late.id, String::new())),
            "the target's plan wins; the other release's note stays with its request"
        );
        let history = app
            .requests
            .list_status_history(pb::ListStatusHistoryRequest { id: a })
            .await
            .expect("history")
            .into_inner()
            .changes;
        let last = history.last().expect("merge recorded");
        assert!(
            last.reason.contains("release 2027.1") && last.reason.contains("wins"),
            "the merge says which plan won: {}",
            last.reason
        );
        let p = preview(&mut app, early.id).await;
        assert!(p.requests.is_empty(), "{p:?}");
        let p = preview(&mut app, late.id).await;
        assert_eq!(p.notifications, 2);
        unmerge(&mut app, a).await;
        assert_eq!(
            roadmap_item(&mut app, a).await,
            Some((early.id, "PDF in 2026.49".to_owned()))
        );
    })
    .await;
}

/// Ships a release with the PDF request (bo's ask, a note); returns (release, request).
async fn shipped_pdf(app: &mut TestApp) -> (pb::Release, i64) {
    let (_, pdf) = say(app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
    let r = release(app, "2026.49").await;
    plan(app, pdf, r.id).await;
    note(app, pdf, r.id, "Reports > Export offers PDF now.").await;
    ship(app, r.id, false).await.expect("ship");
    (r, pdf)
}

fn available(all: &[pb::Notification]) -> Vec<&pb::Notification> {
    all.iter()
        .filter(|n| n.trigger == pb::NotificationTrigger::AlreadyAvailable as i32)
        .collect()
}

#[tokio::test]
async fn feedback_reaching_a_shipped_request_is_told_once_that_it_is_already_available() {
    each_backend(|mut app| async move {
        let c = people(&mut app).await;
        let (r, pdf) = shipped_pdf(&mut app).await;
        let before = crate::roadmap::all_notifications(&mut app, r.id).await;
        assert_eq!(before.len(), 1);

        // By join at ingest: cy's item joins the shipped request.
        let (cy_item, joined) = say(&mut app, "P-2", "gamma", "cy@gamma.example", PDF[1]).await;
        assert_eq!(joined, pdf, "the item joins the shipped request");
        // A retry of the same item changes nothing.
        say(&mut app, "P-2", "gamma", "cy@gamma.example", PDF[1]).await;
        let all = crate::roadmap::all_notifications(&mut app, r.id).await;
        let told = available(&all);
        assert_eq!(told.len(), 1, "{all:?}");
        let n = told[0];
        assert_eq!((n.contact_id, n.request_id), (c["cy"], pdf));
        assert_eq!(n.release_note, "Reports > Export offers PDF now.");
        assert_eq!(n.release_version, "2026.49");
        assert_eq!(n.quotes.len(), 1);
        assert_eq!(n.quotes[0].source_ref, "P-2");
        assert_eq!(n.recipient, "cy@gamma.example");

        // Moved out and back: still told once.
        let elsewhere = move_out(&mut app, cy_item).await;
        move_to(&mut app, cy_item, pdf).await;
        assert_eq!(
            available(&crate::roadmap::all_notifications(&mut app, r.id).await).len(),
            1
        );
        let _ = elsewhere;

        // By move: ann's dark-mode item moved in by a PM.
        let (ann_item, _) = say(&mut app, "D-1", "acme", "ann@acme.example", DARK).await;
        move_to(&mut app, ann_item, pdf).await;
        // By merge: a request of its own, merged into the shipped one (contact-less: the
        // account's CSM hears).
        let (_, sso) = say(&mut app, "S-1", "acme", "", SSO).await;
        merge(&mut app, sso, pdf).await.expect("merge into shipped");
        let all = crate::roadmap::all_notifications(&mut app, r.id).await;
        let got: BTreeSet<(i64, i32)> = available(&all)
            .iter()
            .map(|n| (n.contact_id, n.channel))
            .collect();
        let email = pb::NotificationChannel::Email as i32;
        let csm = pb::NotificationChannel::CsmTask as i32;
        assert_eq!(
            got,
            BTreeSet::from([(c["cy"], email), (c["ann"], email), (0, csm)]),
            "{all:?}"
        );
        // Bo, told when it shipped, is not told again.
        assert_eq!(all.iter().filter(|n| n.contact_id == c["bo"]).count(), 1);

        // The shipped release's preview is what the outbox holds, and ShipRelease agrees.
        let p = preview(&mut app, r.id).await;
        assert_eq!(previewed(&p), written(&all));
        let again = ship(&mut app, r.id, false).await.expect("ship again");
        assert_eq!((again.created, again.notifications), (0, all.len() as i64));
        assert_eq!(p.notifications, again.notifications);
    })
    .await;
}

#[tokio::test]
async fn already_available_can_be_turned_off() {
    each_backend_with(
        |c| c.notify.already_available = false,
        |mut app| async move {
            people(&mut app).await;
            let (r, pdf) = shipped_pdf(&mut app).await;
            let (_, joined) = say(&mut app, "P-2", "gamma", "cy@gamma.example", PDF[1]).await;
            assert_eq!(joined, pdf);
            let (_, sso) = say(&mut app, "S-1", "acme", "ann@acme.example", SSO).await;
            merge(&mut app, sso, pdf).await.expect("merge");
            let all = crate::roadmap::all_notifications(&mut app, r.id).await;
            assert_eq!(all.len(), 1, "only the release's own: {all:?}");
        },
    )
    .await;
}

#[tokio::test]
async fn each_notification_holds_only_its_own_requesters_words() {
    each_backend(|mut app| async move {
        let c = people(&mut app).await;
        let bo_words = "We need to export the weekly report as PDF, Bo from Quillfeather Logistics";
        let cy_words = "Export weekly report to PDF please, signed Cy at Marrowbone Farms";
        let (_, pdf) = say(&mut app, "P-1", "beta", "bo@beta.example", bo_words).await;
        let (_, other) = say(&mut app, "P-2", "gamma", "cy@gamma.example", cy_words).await;
        if other != pdf {
            merge(&mut app, other, pdf).await.expect("merge");
        }
        let r = release(&mut app, "2026.49").await;
        plan(&mut app, pdf, r.id).await;
        note(&mut app, pdf, r.id, "Reports > Export offers PDF now.").await;
        ship(&mut app, r.id, false).await.expect("ship");
        let all = crate::roadmap::all_notifications(&mut app, r.id).await;
        assert_eq!(all.len(), 2, "{all:?}");
        for (me, mine, theirs, their_name) in [
            ("bo", bo_words, cy_words, "Marrowbone"),
            ("cy", cy_words, bo_words, "Quillfeather"),
        ] {
            let n = all.iter().find(|n| n.contact_id == c[me]).expect("told");
            assert_eq!(n.quotes.len(), 1);
            assert_eq!(n.quotes[0].excerpt, mine);
            let text = format!(
                "{} {} {} {:?}",
                n.request_title, n.release_note, n.contact_name, n.quotes
            );
            assert!(!text.contains(theirs), "{me} sees another's words: {text}");
            assert!(
                !text.contains(their_name),
                "{me} sees another's name: {text}"
            );
            assert!(
                n.request_title.is_empty(),
                "no PM title: the note speaks, not a generated title: {:?}",
                n.request_title
            );
            assert_eq!(n.release_note, "Reports > Export offers PDF now.");
        }
    })
    .await;
}

#[tokio::test]
async fn shipping_refuses_requests_without_a_pm_title_or_note_unless_the_caller_accepts() {
    each_backend(|mut app| async move {
        people(&mut app).await;
        let (_, pdf) = say(&mut app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
        let (_, sso) = say(&mut app, "S-1", "gamma", "cy@gamma.example", SSO).await;
        let (_, dark) = say(&mut app, "D-1", "acme", "ann@acme.example", DARK).await;
        let r = release(&mut app, "2026.49").await;
        for id in [pdf, sso, dark] {
            plan(&mut app, id, r.id).await;
        }
        rename(&mut app, pdf, "PDF export").await;
        note(&mut app, sso, r.id, "Sign in with Okta now.").await;

        let p = preview(&mut app, r.id).await;
        assert_eq!(p.untitled_request_ids, [dark]);
        let flagged: Vec<(i64, bool)> = p
            .requests
            .iter()
            .map(|x| {
                (
                    x.item.as_ref().unwrap().request.as_ref().unwrap().id,
                    x.needs_title,
                )
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut want = vec![(pdf, false), (sso, false), (dark, true)];
        want.sort();
        assert_eq!(flagged, want);

        let err = ship(&mut app, r.id, false).await.expect_err("untitled");
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(
            err.message().contains(&dark.to_string())
                && err.message().contains("accept_generated_titles"),
            "{}",
            err.message()
        );
        assert!(!preview(&mut app, r.id).await.release.unwrap().shipped);
        assert!(
            crate::roadmap::all_notifications(&mut app, 0)
                .await
                .is_empty()
        );

        let shipped = ship(&mut app, r.id, true).await.expect("accepted");
        assert_eq!(shipped.created, 3);
        let all = crate::roadmap::all_notifications(&mut app, r.id).await;
        let title = |id: i64| {
            all.iter()
                .find(|n| n.request_id == id)
                .map(|n| n.request_title.clone())
                .unwrap()
        };
        assert_eq!(title(pdf), "PDF export");
        assert_eq!(title(sso), "", "the note speaks");
        assert!(!title(dark).is_empty(), "the accepted generated title");
    })
    .await;
}

#[tokio::test]
async fn requests_emptied_by_moves_leave_the_open_backlog_and_come_back() {
    each_backend(|mut app| async move {
        people(&mut app).await;
        let (item, pdf) = say(&mut app, "P-1", "beta", "bo@beta.example", PDF[0]).await;
        let (_, sso) = say(&mut app, "S-1", "gamma", "cy@gamma.example", SSO).await;
        let listed = |app: &mut TestApp| {
            let mut b = app.backlog.clone();
            async move {
                let page = b
                    .get_ranked_backlog(pb::GetRankedBacklogRequest::default())
                    .await
                    .expect("backlog")
                    .into_inner();
                let filtered = b
                    .get_ranked_backlog(pb::GetRankedBacklogRequest {
                        min_accounts: 0,
                        segment: "enterprise".into(),
                        ..Default::default()
                    })
                    .await
                    .expect("backlog")
                    .into_inner();
                let ids: BTreeSet<i64> = page.rows.iter().map(|r| r.request_id).collect();
                (ids, page.total, filtered.rows.len())
            }
        };
        let (ids, total, _) = listed(&mut app).await;
        assert_eq!(ids, BTreeSet::from([pdf, sso]));
        assert_eq!(total, 2);
        // The only item moves away: the emptied request leaves the backlog.
        move_to(&mut app, item, sso).await;
        let (ids, total, filtered) = listed(&mut app).await;
        assert_eq!(ids, BTreeSet::from([sso]));
        assert_eq!((total, filtered), (1, 1));
        // It comes back when feedback returns.
        move_to(&mut app, item, pdf).await;
        let (ids, total, _) = listed(&mut app).await;
        assert_eq!(ids, BTreeSet::from([pdf, sso]));
        assert_eq!(total, 2);
    })
    .await;
}

#[tokio::test]
async fn thirty_standard_accounts_of_ninety_are_broad_demand_whatever_their_tiers() {
    each_backend(|mut app| async move {
        let accounts: Vec<pb::AccountInput> = (0..90)
            .map(|i| pb::AccountInput {
                tier: Some(pb::Tier::Standard as i32),
                ..account(&format!("std-{i}"), 50_000)
            })
            .collect();
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts })
            .await
            .expect("accounts");
        let (_, wide) = say(&mut app, "W-0", "std-0", "", DARK).await;
        for i in 1..30 {
            let (_, r) = say(&mut app, &format!("W-{i}"), &format!("std-{i}"), "", DARK).await;
            if r != wide {
                merge(&mut app, r, wide).await.expect("merge");
            }
        }
        let (_, niche) = say(&mut app, "N-0", "std-40", "", SSO).await;
        for i in 41..43 {
            let (_, r) = say(&mut app, &format!("N-{i}"), &format!("std-{i}"), "", SSO).await;
            if r != niche {
                merge(&mut app, r, niche).await.expect("merge");
            }
        }
        let demand = |app: &mut TestApp| {
            let mut b = app.backlog.clone();
            async move {
                b.get_ranked_backlog(pb::GetRankedBacklogRequest::default())
                    .await
                    .expect("backlog")
                    .into_inner()
                    .rows
                    .iter()
                    .map(|r| (r.request_id, r.demand_profile))
                    .collect::<HashMap<i64, i32>>()
            }
        };
        let d = demand(&mut app).await;
        assert_eq!(d[&wide], pb::DemandProfile::Broad as i32);
        assert_eq!(
            d[&niche],
            pb::DemandProfile::LongTail as i32,
            "three small customers"
        );
        // One of them becomes IMPORTANT: still broad, for the same reason.
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![pb::AccountInput {
                    tier: Some(pb::Tier::Important as i32),
                    ..account("std-3", 50_000)
                }],
            })
            .await
            .expect("account");
        assert_eq!(
            demand(&mut app).await[&wide],
            pb::DemandProfile::Broad as i32
        );
    })
    .await;
}
