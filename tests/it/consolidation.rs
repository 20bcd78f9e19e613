//! Consolidation through the API: requests that are one need are merged and stray items
//! moved, PM decisions are never undone, and every instance agrees afterwards.

use sift::pb;

use crate::fixtures::feedback;
use crate::harness::{Backend, TestApp, backends, each_backend_with, fresh_database};

/// Near-identical asks that a strict join threshold keeps apart at ingest.
const PDF: [&str; 4] = [
    "PDF export for the weekly report",
    "PDF export for the weekly sales report",
    "PDF export of the weekly finance report",
    "PDF export for weekly reports by team",
];
const DARK: [&str; 2] = [
    "Dark mode for the dashboard",
    "Dark mode for the analytics dashboard",
];

/// Ingest keeps every item apart (join only at 0.99); consolidation then sees them together.
/// In a corpus of six items the shared words weigh little (they are in most of it), so the
/// automatic merge bar is lowered to what a real corpus gives such asks.
fn strict(c: &mut sift::Config) {
    c.clustering.join_threshold = 0.99;
    c.clustering.suggest_threshold = 0.99;
    c.consolidation.terms.merge_auto = 0.3;
    c.consolidation.terms.merge_suggest = 0.2;
}

async fn submit(app: &mut TestApp, source_ref: &str, body: &str) -> pb::SubmitFeedbackResponse {
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(source_ref, "acme", body)),
        })
        .await
        .expect("submit")
        .into_inner()
}

async fn consolidate(app: &mut TestApp) -> pb::ConsolidateRequestsResponse {
    app.requests
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await
        .expect("consolidate")
        .into_inner()
}

async fn request_of(app: &mut TestApp, feedback_id: i64) -> i64 {
    app.feedback
        .get_feedback(pb::GetFeedbackRequest { id: feedback_id })
        .await
        .expect("get feedback")
        .into_inner()
        .request_id
}

#[tokio::test]
async fn a_need_split_at_ingest_becomes_one_request() {
    each_backend_with(strict, |mut app| async move {
        let mut pdf = Vec::new();
        for (i, t) in PDF.iter().enumerate() {
            pdf.push(submit(&mut app, &format!("P-{i}"), t).await);
        }
        let mut dark = Vec::new();
        for (i, t) in DARK.iter().enumerate() {
            dark.push(submit(&mut app, &format!("D-{i}"), t).await);
        }
        let before: std::collections::BTreeSet<i64> = pdf.iter().map(|r| r.request_id).collect();
        assert_eq!(before.len(), PDF.len(), "ingest kept them apart");

        let report = consolidate(&mut app).await;
        assert!(report.requests_merged >= 3, "{report:?}");
        let mut after = std::collections::BTreeSet::new();
        for r in &pdf {
            after.insert(request_of(&mut app, r.id).await);
        }
        assert_eq!(after.len(), 1, "one PDF request: {after:?}");
        let d0 = request_of(&mut app, dark[0].id).await;
        let d1 = request_of(&mut app, dark[1].id).await;
        assert_eq!(d0, d1);
        assert!(!after.contains(&d0), "dark mode stays its own need");
        // The merged-away requests say where they went, recorded as consolidation's.
        let gone = *before
            .iter()
            .find(|r| !after.contains(r))
            .expect("one merged");
        let history = app
            .requests
            .list_status_history(pb::ListStatusHistoryRequest { id: gone })
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert!(
            history.iter().any(|h| h.actor == "consolidation"),
            "{history:?}"
        );
        // Nothing left to do: a second run changes nothing.
        let again = consolidate(&mut app).await;
        assert_eq!(
            (again.requests_merged, again.feedback_moved),
            (0, 0),
            "{again:?}"
        );
    })
    .await;
}

/// No call to ConsolidateRequests: the background task consolidates a burst (an import) a
/// couple of seconds after it settles, long before the hourly schedule.
#[tokio::test]
async fn a_burst_of_feedback_is_consolidated_soon_after_it_settles() {
    let setup = |c: &mut sift::Config| {
        strict(c);
        c.consolidate_every = Some(std::time::Duration::from_secs(3600));
    };
    each_backend_with(setup, |mut app| async move {
        let mut pdf = Vec::new();
        for (i, t) in PDF.iter().enumerate() {
            pdf.push(submit(&mut app, &format!("P-{i}"), t).await);
        }
        // A burst is at least 20 items.
        for (i, need) in [
            "audit log",
            "saml login",
            "bulk delete",
            "webhooks",
            "gantt chart",
            "csv import",
            "mobile app",
            "custom fields",
            "slack alerts",
            "two factor",
            "api limits",
            "time zones",
            "spell check",
            "undo button",
            "print view",
            "data retention",
        ]
        .iter()
        .enumerate()
        {
            submit(
                &mut app,
                &format!("F-{i}"),
                &format!("{need} {need} please"),
            )
            .await;
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut requests = std::collections::BTreeSet::new();
            for r in &pdf {
                requests.insert(request_of(&mut app, r.id).await);
            }
            if requests.len() == 1 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the burst was not consolidated within 30 s: {requests:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
    })
    .await;
}

#[tokio::test]
async fn consolidation_never_undoes_a_pm_decision() {
    each_backend_with(strict, |mut app| async move {
        let mut pdf = Vec::new();
        for (i, t) in PDF.iter().enumerate() {
            pdf.push(submit(&mut app, &format!("P-{i}"), t).await);
        }
        let d0 = submit(&mut app, "D-0", DARK[0]).await;
        let d1 = submit(&mut app, "D-1", DARK[1]).await;
        // A PM renamed the first PDF request: it is theirs now.
        app.requests
            .rename_request(pb::RenameRequestRequest {
                id: pdf[0].request_id,
                title: "PDF export (board pack)".into(),
            })
            .await
            .expect("rename");
        // A PM moved the second dark-mode item out on its own.
        let moved = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: d1.id,
                destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
            })
            .await
            .expect("move")
            .into_inner();
        // A PM merged the third PDF request into the fourth.
        app.requests
            .merge_requests(pb::MergeRequestsRequest {
                source_id: pdf[2].request_id,
                target_id: pdf[3].request_id,
            })
            .await
            .expect("merge");

        consolidate(&mut app).await;

        assert_eq!(
            request_of(&mut app, pdf[0].id).await,
            pdf[0].request_id,
            "renamed stays"
        );
        assert_eq!(
            request_of(&mut app, d1.id).await,
            moved.to_request_id,
            "moved stays"
        );
        assert_ne!(request_of(&mut app, d0.id).await, moved.to_request_id);
        assert_eq!(
            request_of(&mut app, pdf[2].id).await,
            pdf[3].request_id,
            "the PM's merge stands"
        );
        // The merge target is the PM's too: nothing was merged into it or out of it.
        assert_eq!(request_of(&mut app, pdf[3].id).await, pdf[3].request_id);
        let renamed = app
            .requests
            .get_request(pb::GetRequestRequest {
                id: pdf[0].request_id,
                evidence_limit: 0,
            })
            .await
            .expect("get")
            .into_inner();
        let r = renamed.request.expect("request");
        assert_eq!(r.title, "PDF export (board pack)");
        assert_eq!(r.feedback_count, 1, "nothing merged into or out of it");
    })
    .await;
}

#[tokio::test]
async fn a_rejected_pair_is_never_merged() {
    each_backend_with(
        |c| {
            c.clustering.join_threshold = 0.99;
            c.clustering.suggest_threshold = 0.05;
        },
        |mut app| async move {
            let a = submit(&mut app, "P-0", PDF[0]).await;
            let b = submit(&mut app, "P-1", PDF[1]).await;
            assert_ne!(a.request_id, b.request_id);
            let suggestions = app
                .requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
                .await
                .expect("suggestions")
                .into_inner()
                .suggestions;
            let s = suggestions
                .iter()
                .find(|s| s.request_id == b.request_id && s.target_request_id == a.request_id)
                .expect("a suggestion for the pair");
            app.requests
                .reject_merge_suggestion(pb::DecideMergeSuggestionRequest { id: s.id })
                .await
                .expect("reject");
            let report = consolidate(&mut app).await;
            assert_eq!(report.requests_merged, 0, "{report:?}");
            assert_ne!(
                request_of(&mut app, a.id).await,
                request_of(&mut app, b.id).await
            );
        },
    )
    .await;
}

#[tokio::test]
async fn two_instances_agree_after_consolidation() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    let (mut one, s1) = TestApp::start(Backend::Postgres, &url, strict).await;
    let (mut two, s2) = TestApp::start(Backend::Postgres, &url, strict).await;
    for (i, t) in PDF.iter().enumerate() {
        submit(&mut one, &format!("P-{i}"), t).await;
    }
    for (i, t) in DARK.iter().enumerate() {
        submit(&mut two, &format!("D-{i}"), t).await;
    }
    let report = consolidate(&mut one).await;
    assert!(report.requests_merged >= 3, "{report:?}");
    // The other instance replays the same corrections: it finds nothing left to do, and
    // answers the same.
    let again = consolidate(&mut two).await;
    assert_eq!(
        (again.requests_merged, again.feedback_moved),
        (0, 0),
        "{again:?}"
    );
    let ask = || pb::FindSimilarRequest {
        text: "export the weekly report to PDF".into(),
        limit: 3,
    };
    let hits = |r: pb::FindSimilarResponse| -> Vec<(i64, String)> {
        r.requests
            .iter()
            .map(|h| {
                (
                    h.request.as_ref().map_or(0, |r| r.id),
                    format!("{:.4}", h.similarity),
                )
            })
            .collect()
    };
    let a = hits(
        one.requests
            .find_similar(ask())
            .await
            .expect("one")
            .into_inner(),
    );
    let b = hits(
        two.requests
            .find_similar(ask())
            .await
            .expect("two")
            .into_inner(),
    );
    assert_eq!(a, b);
    s1.stop().await;
    s2.stop().await;
    cleanup.run().await;
}

/// Two items about dark mode that ingest filed under the PDF request (joins were loose when
/// they arrived), then a dark-mode request of its own: consolidation finds them closer to it,
/// but (the automatic bar set out of reach) only suggests the moves.
async fn strays(backend: Backend, url: &str) -> (i64, i64, i64, i64) {
    let (mut app, server) = TestApp::start(backend, url, |c| {
        c.clustering.join_threshold = 0.05;
        c.clustering.suggest_threshold = 0.05;
    })
    .await;
    let a = submit(&mut app, "A-1", "PDF export for the weekly report").await;
    submit(&mut app, "A-2", "PDF export for the weekly sales report").await;
    submit(&mut app, "A-3", "Export the weekly report to PDF").await;
    let x = submit(
        &mut app,
        "X",
        "Dark mode for the dashboard please, the weekly report is too bright",
    )
    .await;
    let y = submit(
        &mut app,
        "Y",
        "Dark mode on the dashboard at night, weekly report too",
    )
    .await;
    assert_eq!((x.request_id, y.request_id), (a.request_id, a.request_id));
    server.stop().await;
    let (mut app, server) = TestApp::start(backend, url, suggest_only).await;
    let b = submit(&mut app, "B-1", "Dark mode for the dashboard").await;
    assert_ne!(b.request_id, a.request_id);
    server.stop().await;
    (a.request_id, b.request_id, x.id, y.id)
}

fn suggest_only(c: &mut sift::Config) {
    c.clustering.join_threshold = 0.99;
    c.clustering.suggest_threshold = 0.99;
    c.consolidation.terms.merge_auto = 0.99;
    c.consolidation.terms.merge_fit = 0.0;
    c.consolidation.terms.merge_suggest = 0.99;
    c.consolidation.terms.move_fit = 2.0;
}

async fn move_suggestions(
    app: &mut TestApp,
    status: pb::SuggestionStatus,
) -> Vec<pb::MoveSuggestion> {
    app.requests
        .list_move_suggestions(pb::ListMoveSuggestionsRequest {
            status: status as i32,
            ..Default::default()
        })
        .await
        .expect("list move suggestions")
        .into_inner()
        .suggestions
}

#[tokio::test]
async fn stray_items_get_move_suggestions_that_a_pm_decides_once() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (pdf, dark, x, y) = strays(backend, &url).await;
        let (mut app, server) = TestApp::start(backend, &url, suggest_only).await;

        let report = consolidate(&mut app).await;
        assert!(report.move_candidates >= 2, "{report:?}");
        let pending = move_suggestions(&mut app, pb::SuggestionStatus::Pending).await;
        let pairs: Vec<(i64, i64, i64)> = pending
            .iter()
            .map(|s| (s.feedback_id, s.from_request_id, s.target_request_id))
            .collect();
        assert_eq!(pairs, [(x, pdf, dark), (y, pdf, dark)], "{pending:?}");
        assert!(pending.iter().all(|s| !s.target_title.is_empty()));
        assert_eq!(request_of(&mut app, x).await, pdf, "only suggested");
        // Found again, suggested once.
        consolidate(&mut app).await;
        assert_eq!(
            move_suggestions(&mut app, pb::SuggestionStatus::Pending)
                .await
                .len(),
            2
        );

        // Rejected: never proposed again.
        let rejected = app
            .requests
            .reject_move_suggestion(pb::DecideMoveSuggestionRequest { id: pending[0].id })
            .await
            .expect("reject")
            .into_inner();
        assert_eq!(rejected.status, pb::SuggestionStatus::Rejected as i32);
        // Accepted: the item moves, as a PM's move.
        let accepted = app
            .requests
            .accept_move_suggestion(pb::DecideMoveSuggestionRequest { id: pending[1].id })
            .await
            .expect("accept")
            .into_inner();
        assert_eq!(accepted.status, pb::SuggestionStatus::Accepted as i32);
        assert_eq!(request_of(&mut app, y).await, dark);
        assert_eq!(request_of(&mut app, x).await, pdf);
        // Deciding again the same way answers the same; the other way is refused.
        let again = app
            .requests
            .accept_move_suggestion(pb::DecideMoveSuggestionRequest { id: pending[1].id })
            .await
            .expect("accept again")
            .into_inner();
        assert_eq!(again.status, pb::SuggestionStatus::Accepted as i32);
        let err = app
            .requests
            .accept_move_suggestion(pb::DecideMoveSuggestionRequest { id: pending[0].id })
            .await
            .expect_err("a rejected suggestion is final");
        assert_eq!(err.code(), tonic::Code::FailedPrecondition, "{err:?}");
        assert_eq!(request_of(&mut app, x).await, pdf, "data untouched");

        let report = consolidate(&mut app).await;
        assert_eq!(report.feedback_moved, 0, "the PM's move stands: {report:?}");
        assert_eq!(request_of(&mut app, y).await, dark);
        assert!(
            move_suggestions(&mut app, pb::SuggestionStatus::Pending)
                .await
                .is_empty(),
            "neither the rejected pair nor the moved item is proposed again"
        );
        let decided = move_suggestions(&mut app, pb::SuggestionStatus::Rejected).await;
        assert_eq!(decided.len(), 1);
        server.stop().await;
        cleanup.run().await;
    }
}

/// A rejected move says the item belongs where it is: consolidation that would move such an
/// item on its own (any better fit moves automatically) leaves it, and moves the other.
#[tokio::test]
async fn a_rejected_move_pins_the_item_where_it_is() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (pdf, dark, x, y) = strays(backend, &url).await;
        let (mut app, server) = TestApp::start(backend, &url, suggest_only).await;
        consolidate(&mut app).await;
        let pending = move_suggestions(&mut app, pb::SuggestionStatus::Pending).await;
        let for_x = pending
            .iter()
            .find(|s| s.feedback_id == x)
            .expect("a move suggestion for x");
        app.requests
            .reject_move_suggestion(pb::DecideMoveSuggestionRequest { id: for_x.id })
            .await
            .expect("reject");
        server.stop().await;

        let (mut app, server) = TestApp::start(backend, &url, |c| {
            c.consolidation.terms.move_fit = 0.0;
            c.consolidation.terms.move_margin = 0.0;
        })
        .await;
        let report = consolidate(&mut app).await;
        assert_eq!(request_of(&mut app, y).await, dark, "y moves: {report:?}");
        assert_eq!(request_of(&mut app, x).await, pdf, "x stays: {report:?}");
        server.stop().await;
        cleanup.run().await;
    }
}

/// A line that these tickets share (no rule knows it); the corpus learns it is furniture only once it
/// has recurred in [`sift::domain::cluster::ClusterConfig::recurring_sentences`] items.
const FURNITURE: &str =
    "The Harbourview escalation desk is open weekdays until nine and on holidays";

/// Needs with nothing in common, each wrapped in the same furniture.
const NEEDS: [&str; 8] = [
    "Dark mode for the dashboard",
    "PDF export for the weekly report",
    "Single sign-on with Okta",
    "Bulk upload of customers from a spreadsheet",
    "Webhooks when an invoice is paid",
    "Audit log of permission changes",
    "Offline mode for the mobile app",
    "Custom fields on contacts",
];

async fn furniture_hits(app: &mut TestApp) -> Vec<(i64, String)> {
    // The furniture's words in a sentence of their own (not the recurring sentence itself).
    app.requests
        .find_similar(pb::FindSimilarRequest {
            text: "harbourview escalation desk weekdays".into(),
            limit: 10,
        })
        .await
        .expect("find similar")
        .into_inner()
        .requests
        .iter()
        .map(|h| {
            (
                h.request.as_ref().map_or(0, |r| r.id),
                format!("{:.4}", h.similarity),
            )
        })
        .collect()
}

#[tokio::test]
async fn feedback_placed_before_its_furniture_was_learned_is_read_again() {
    for backend in backends() {
        let (url, cleanup) = fresh_database(backend).await;
        let (mut one, s1) = TestApp::start(backend, &url, |_| {}).await;
        for (i, need) in NEEDS.iter().enumerate() {
            submit(
                &mut one,
                &format!("F-{i}"),
                &format!("{need}.\n{FURNITURE}."),
            )
            .await;
        }
        // The first items were placed while the sign-off still looked like content: their
        // requests match its words.
        let before = furniture_hits(&mut one).await;
        assert!(!before.is_empty(), "{backend:?}: nothing matched before");
        let report = consolidate(&mut one).await;
        let learned_after = sift::domain::cluster::ClusterConfig::default().recurring_sentences;
        assert_eq!(
            report.feedback_refreshed,
            i64::from(learned_after) - 1,
            "{backend:?}: {report:?}"
        );
        assert_eq!(
            furniture_hits(&mut one).await,
            Vec::new(),
            "{backend:?}: the furniture still counts after consolidation"
        );
        // Nothing is stale any more; another instance replays the same refresh.
        assert_eq!(consolidate(&mut one).await.feedback_refreshed, 0);
        if backend == Backend::Postgres {
            let (mut two, s2) = TestApp::start(backend, &url, |_| {}).await;
            assert_eq!(furniture_hits(&mut two).await, Vec::new());
            let ask = pb::FindSimilarRequest {
                text: "dark mode please".into(),
                limit: 3,
            };
            let a = one.requests.find_similar(ask.clone()).await.expect("one");
            let b = two.requests.find_similar(ask).await.expect("two");
            assert_eq!(a.into_inner(), b.into_inner());
            s2.stop().await;
        }
        s1.stop().await;
        cleanup.run().await;
    }
}
