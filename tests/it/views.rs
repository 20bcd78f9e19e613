//! Backlog pages and similarity answers read the rows they show from memory while nothing they
//! hold has changed (`service::requests::ViewRows`). Every write to those rows must reach the
//! next page and answer at once, on every instance: each step below warms the second
//! instance's memory first, then changes a row through the first.

use sift::pb;

use crate::fixtures::{account, feedback};
use crate::harness::{TestApp, backends, fresh_database};

const NEED: &str = "export every invoice as a PDF file from the billing page";

/// Submits `item`; returns the request it is in.
async fn submit(app: &mut TestApp, item: pb::FeedbackInput) -> i64 {
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(item),
        })
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

/// What the second instance shows of `request`: its backlog row (title, status) and its
/// similarity answer's title, with the backlog's profile name.
async fn shown(app: &mut TestApp, request: i64) -> (String, i32, String, String) {
    let (title, status, profile) = backlog_row(app, request).await;
    let hit = similar_hit(app, request)
        .await
        .unwrap_or_else(|| panic!("request {request} among the similar"));
    (title, status, hit.title, profile)
}

/// `request` as FindSimilar answers it for [`NEED`], if among the hits.
async fn similar_hit(app: &mut TestApp, request: i64) -> Option<pb::Request> {
    app.requests
        .find_similar(pb::FindSimilarRequest {
            text: NEED.into(),
            limit: 5,
        })
        .await
        .expect("similar")
        .into_inner()
        .requests
        .into_iter()
        .filter_map(|s| s.request)
        .find(|r| r.id == request)
}

/// `request`'s row on a backlog page of new and planned requests: title, status, and the
/// page's profile name.
async fn backlog_row(app: &mut TestApp, request: i64) -> (String, i32, String) {
    let page = app
        .backlog
        .get_ranked_backlog(pb::GetRankedBacklogRequest {
            page_size: 50,
            statuses: vec![
                pb::RequestStatus::New as i32,
                pb::RequestStatus::Planned as i32,
            ],
            ..Default::default()
        })
        .await
        .expect("backlog")
        .into_inner();
    let row = page
        .rows
        .iter()
        .find(|r| r.request_id == request)
        .unwrap_or_else(|| panic!("request {request} on the page: {:?}", page.rows));
    (
        row.title.clone(),
        row.status,
        page.profile.map(|p| p.name).unwrap_or_default(),
    )
}

/// The unfiltered page too (it ranks from the model's cached order): the request's title.
async fn unfiltered_title(app: &mut TestApp, request: i64) -> String {
    let page = app
        .backlog
        .get_ranked_backlog(pb::GetRankedBacklogRequest {
            page_size: 50,
            ..Default::default()
        })
        .await
        .expect("backlog")
        .into_inner();
    page.rows
        .into_iter()
        .find(|r| r.request_id == request)
        .map(|r| r.title)
        .unwrap_or_else(|| panic!("request {request} on the unfiltered page"))
}

#[tokio::test]
async fn every_change_to_what_a_view_shows_reaches_the_next_page_on_every_instance() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut first, first_server) = TestApp::start(backend, &url, |_| {}).await;
        let (mut second, second_server) = TestApp::start(backend, &url, |_| {}).await;

        // An account the CRM has not named yet; its company name is in the ticket.
        let item = feedback(
            "views-1",
            "acct-zeph",
            &format!("Zephyrine Logistics needs to {NEED}."),
        );
        let request = submit(&mut first, item).await;
        let (title, status, similar_title, profile) = shown(&mut second, request).await;
        assert_eq!(profile, "default");
        assert!(title.contains("PDF"), "{title}");
        assert_eq!(similar_title, title);
        assert_eq!(status, pb::RequestStatus::New as i32);
        assert!(title.contains("Zephyrine"), "not yet a known name: {title}");

        // The same account asks again on the first instance, and another account too: the
        // second's similarity answer counts them (its counts come from the backlog's score
        // inputs).
        assert_eq!(
            similar_hit(&mut second, request)
                .await
                .map(|r| (r.feedback_count, r.account_count)),
            Some((1, 1))
        );
        for (source_ref, account) in [("views-2", "acct-zeph"), ("views-3", "acct-other")] {
            let joined = submit(
                &mut first,
                feedback(
                    source_ref,
                    account,
                    &format!("Zephyrine Logistics needs to {NEED}."),
                ),
            )
            .await;
            assert_eq!(joined, request, "the same need joins");
        }
        assert_eq!(
            similar_hit(&mut second, request)
                .await
                .map(|r| (r.feedback_count, r.account_count)),
            Some((3, 2)),
            "{backend:?}"
        );

        // A PM's title.
        first
            .requests
            .rename_request(pb::RenameRequestRequest {
                id: request,
                title: "PDF export of invoices".into(),
            })
            .await
            .expect("rename");
        let (title, _, similar_title, _) = shown(&mut second, request).await;
        assert_eq!(title, "PDF export of invoices", "{backend:?}");
        assert_eq!(similar_title, title);
        assert_eq!(unfiltered_title(&mut second, request).await, title);
        // ... and the generated one back.
        first
            .requests
            .rename_request(pb::RenameRequestRequest {
                id: request,
                title: String::new(),
            })
            .await
            .expect("rename back");
        let (title, _, similar_title, _) = shown(&mut second, request).await;
        assert!(
            title.contains("PDF") && title != "PDF export of invoices",
            "{title}"
        );
        assert_eq!(similar_title, title);

        // The CRM names the account: the name leaves the title.
        let mut named = account("acct-zeph", 12_000_000);
        named.name = Some("Zephyrine Logistics".into());
        first
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![named],
            })
            .await
            .expect("upsert");
        let (title, _, similar_title, _) = shown(&mut second, request).await;
        assert!(!title.contains("Zephyrine"), "{backend:?}: {title}");
        assert_eq!(similar_title, title);

        // A status.
        first
            .requests
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: request,
                status: pb::RequestStatus::Planned as i32,
                actor: "pm".into(),
                reason: "next release".into(),
            })
            .await
            .expect("status");
        let (_, status, _, _) = shown(&mut second, request).await;
        assert_eq!(status, pb::RequestStatus::Planned as i32, "{backend:?}");

        // Another active scoring profile.
        let params = first
            .backlog
            .list_scoring_profiles(pb::ListScoringProfilesRequest {})
            .await
            .expect("profiles")
            .into_inner()
            .profiles[0]
            .params;
        let created = first
            .backlog
            .create_scoring_profile(pb::CreateScoringProfileRequest {
                name: "renewals first".into(),
                params,
            })
            .await
            .expect("profile")
            .into_inner();
        let (_, _, _, profile) = shown(&mut second, request).await;
        assert_eq!(profile, "default", "created, not active yet");
        first
            .backlog
            .set_active_profile(pb::SetActiveProfileRequest {
                profile_id: created.id,
            })
            .await
            .expect("activate");
        let (_, _, _, profile) = shown(&mut second, request).await;
        assert_eq!(profile, "renewals first", "{backend:?}");

        // A contact's own request; the contact is forgotten: their words leave its title at
        // once.
        let mut theirs = feedback(
            "views-4",
            "acct-zeph",
            "Our night shift wants a dark colour theme for the reporting dashboards.",
        );
        theirs.contact = Some(pb::ContactRef {
            external_id: "contact-quill".into(),
            email: String::new(),
            name: "Marguerite Quillfeather".into(),
        });
        let dark = submit(&mut first, theirs).await;
        assert_ne!(dark, request);
        let contact = first
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "contact-quill".into(),
                    name: "Marguerite Quillfeather".into(),
                    account_external_id: "acct-zeph".into(),
                    ..Default::default()
                }],
            })
            .await
            .expect("contact")
            .into_inner()
            .contacts[0]
            .id;
        let (title, _, _) = backlog_row(&mut second, dark).await;
        assert!(title.contains("dark"), "{title}");
        first
            .notifications
            .forget_contact(pb::ForgetContactRequest {
                contact_id: contact,
            })
            .await
            .expect("forget");
        // (Nothing is similar to erased words: the backlog alone.)
        let (title, _, _) = backlog_row(&mut second, dark).await;
        assert!(
            !title.contains("dark"),
            "{backend:?}: erased words in {title:?}"
        );

        first_server.stop().await;
        second_server.stop().await;
        cleanup.run().await;
    }
}

/// A request's stored title is its first ticket's; when the first ticket's account is named
/// only later and the request's centre is another customer's ticket, the name still leaves the
/// title.
#[tokio::test]
async fn a_name_learned_later_leaves_a_title_its_first_ticket_gave() {
    crate::harness::each_backend(|mut app| async move {
        let first = submit(
            &mut app,
            feedback(
                "first",
                "acct-zeph",
                &format!("Zephyrine Logistics needs to {NEED}."),
            ),
        )
        .await;
        for i in 0..6 {
            let joined = submit(
                &mut app,
                feedback(
                    &format!("other-{i}"),
                    &format!("acct-{i}"),
                    &format!("We need to {NEED}, please."),
                ),
            )
            .await;
            assert_eq!(joined, first);
        }
        let mut named = account("acct-zeph", 12_000_000);
        named.name = Some("Zephyrine Logistics".into());
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![named],
            })
            .await
            .expect("upsert");
        let title = unfiltered_title(&mut app, first).await;
        assert!(title.contains("PDF"), "{title}");
        assert!(!title.contains("Zephyrine"), "{:?}: {title}", app.backend);
    })
    .await;
}
