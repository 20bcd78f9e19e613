//! Clustering through the API: assignment at ingest, evidence, similarity search, a PM's
//! corrections, suggestions, restarts and several instances.

use sift::pb;
use tonic::Code;

use crate::fixtures::{feedback, violated_fields};
use crate::harness::{Backend, TestApp, backends, each_backend, each_backend_with, fresh_database};

const PDF: [&str; 4] = [
    "Please add PDF export for the weekly report",
    "We need to export the weekly report as PDF",
    "Export weekly report to PDF please",
    "PDF export of the weekly report is missing",
];
const DARK: [&str; 3] = [
    "Dark mode for the dashboard would be great",
    "Please add a dark mode to the dashboard",
    "Dashboard dark mode please, the white hurts",
];

async fn submit(
    app: &mut TestApp,
    source_ref: &str,
    account: &str,
    body: &str,
) -> pb::SubmitFeedbackResponse {
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(source_ref, account, body)),
        })
        .await
        .expect("submit")
        .into_inner()
}

async fn get(app: &mut TestApp, id: i64) -> pb::GetRequestResponse {
    app.requests
        .get_request(pb::GetRequestRequest {
            id,
            evidence_limit: 0,
        })
        .await
        .expect("get request")
        .into_inner()
}

#[tokio::test]
async fn similar_feedback_joins_one_request_and_different_feedback_does_not() {
    each_backend(|mut app| async move {
        let mut pdf = Vec::new();
        for (i, text) in PDF.iter().enumerate() {
            pdf.push(
                submit(
                    &mut app,
                    &format!("P-{i}"),
                    &format!("acct-{}", i % 2),
                    text,
                )
                .await,
            );
        }
        let mut dark = Vec::new();
        for (i, text) in DARK.iter().enumerate() {
            dark.push(submit(&mut app, &format!("D-{i}"), "acct-9", text).await);
        }
        assert_eq!(pdf[0].assignment, pb::Assignment::New as i32);
        for r in &pdf[1..] {
            assert_eq!(r.request_id, pdf[0].request_id, "{r:?}");
            assert_eq!(r.assignment, pb::Assignment::Joined as i32);
            assert!(r.similarity > 0.0);
        }
        for r in &dark[1..] {
            assert_eq!(r.request_id, dark[0].request_id);
        }
        assert_ne!(pdf[0].request_id, dark[0].request_id);

        let detail = get(&mut app, pdf[0].request_id).await;
        let request = detail.request.expect("request");
        assert_eq!((request.feedback_count, request.account_count), (4, 2));
        assert_eq!(request.status, pb::RequestStatus::New as i32);
        assert!(
            PDF.contains(&request.title.as_str()),
            "title {:?}",
            request.title
        );
        assert_eq!(detail.feedback.len(), 4);
        assert!(detail.feedback.iter().all(|f| f.request_id == request.id));
        let accounts: Vec<(&str, i64)> = detail
            .accounts
            .iter()
            .map(|a| (a.external_id.as_str(), a.feedback_count))
            .collect();
        assert_eq!(accounts, [("acct-0", 2), ("acct-1", 2)]);

        // A duplicate answers with the request of the stored item.
        let again = submit(&mut app, "P-0", "acct-0", "whatever").await;
        assert!(again.duplicate);
        assert_eq!(again.request_id, pdf[0].request_id);
        assert_eq!(again.assignment, pb::Assignment::Duplicate as i32);

        let listed = app
            .requests
            .list_requests(pb::ListRequestsRequest {
                page_size: 1,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        assert_eq!(listed.requests.len(), 1);
        assert!(!listed.next_page_token.is_empty());
        let big = app
            .requests
            .list_requests(pb::ListRequestsRequest {
                min_feedback: 4,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        let ids: Vec<i64> = big.requests.iter().map(|r| r.id).collect();
        assert_eq!(ids, [pdf[0].request_id]);
        let err = app
            .requests
            .get_request(pb::GetRequestRequest {
                id: 9_999,
                evidence_limit: 0,
            })
            .await
            .expect_err("missing");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

#[tokio::test]
async fn import_reports_the_request_of_each_item_and_english_and_chinese_cluster() {
    each_backend(|mut app| async move {
        let texts = [
            "导出PDF报告功能",
            "希望可以导出PDF报告",
            "Please add PDF export for the weekly report",
            "我们需要导出PDF报告",
            "Export weekly report to PDF please",
            "设置提醒明天早上八点",
        ];
        let items = texts
            .iter()
            .enumerate()
            .map(|(i, t)| pb::ImportFeedbackRequest {
                feedback: Some(feedback(&format!("I-{i}"), "acme", t)),
            });
        let report = app
            .feedback
            .import_feedback(tokio_stream::iter(items.collect::<Vec<_>>()))
            .await
            .expect("import")
            .into_inner();
        let r: Vec<i64> = report.items.iter().map(|o| o.request_id).collect();
        assert!(r.iter().all(|&id| id > 0));
        assert_eq!(r[0], r[1], "Chinese PDF requests join");
        assert_eq!(r[1], r[3]);
        assert_eq!(r[2], r[4], "English PDF requests join");
        assert_ne!(r[0], r[5], "a reminder is not a PDF export");
        let stored = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest {
                id: report.items[3].id,
            })
            .await
            .expect("get")
            .into_inner();
        assert_eq!(stored.request_id, r[3]);
    })
    .await;
}

#[tokio::test]
async fn find_similar_answers_without_changing_anything() {
    each_backend(|mut app| async move {
        for (i, text) in PDF.iter().enumerate() {
            submit(&mut app, &format!("P-{i}"), "acme", text).await;
        }
        for (i, text) in DARK.iter().enumerate() {
            submit(&mut app, &format!("D-{i}"), "acme", text).await;
        }
        let ask = |app: &mut TestApp, text: &str| {
            let mut client = app.requests.clone();
            let text = text.to_owned();
            async move {
                client
                    .find_similar(pb::FindSimilarRequest { text, limit: 5 })
                    .await
                    .expect("find")
                    .into_inner()
                    .requests
            }
        };
        let hits = ask(&mut app, "is there a way to export the report to PDF?").await;
        let first = hits.first().expect("a hit");
        assert_eq!(first.request.as_ref().expect("request").feedback_count, 4);
        assert!(hits.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        let again = ask(&mut app, "is there a way to export the report to PDF?").await;
        assert_eq!(
            hits.iter().map(|h| h.similarity).collect::<Vec<_>>(),
            again.iter().map(|h| h.similarity).collect::<Vec<_>>()
        );
        let total = app
            .requests
            .list_requests(pb::ListRequestsRequest::default())
            .await
            .expect("list")
            .into_inner()
            .requests
            .iter()
            .map(|r| r.feedback_count)
            .sum::<i64>();
        assert_eq!(total, 7);
        let err = app
            .requests
            .find_similar(pb::FindSimilarRequest {
                text: "  ".into(),
                limit: 5,
            })
            .await
            .expect_err("empty");
        assert_eq!(violated_fields(&err), ["text"]);
        let err = app
            .requests
            .find_similar(pb::FindSimilarRequest {
                text: "x".into(),
                limit: 500,
            })
            .await
            .expect_err("limit");
        assert_eq!(violated_fields(&err), ["limit"]);
    })
    .await;
}

#[tokio::test]
async fn merge_follows_chains_is_idempotent_and_unmerge_is_lossless() {
    each_backend(|mut app| async move {
        let a = submit(&mut app, "A-1", "acme", PDF[0]).await.request_id;
        let b = submit(&mut app, "B-1", "beta", DARK[0]).await.request_id;
        let b2 = submit(&mut app, "B-2", "beta", DARK[1]).await;
        assert_eq!(b2.request_id, b);
        let c = submit(&mut app, "C-1", "gamma", "Single sign-on with Okta")
            .await
            .request_id;
        assert!(a != b && b != c && a != c);

        let merge = |app: &mut TestApp, source_id: i64, target_id: i64| {
            let mut client = app.requests.clone();
            async move {
                client
                    .merge_requests(pb::MergeRequestsRequest {
                        source_id,
                        target_id,
                    })
                    .await
            }
        };
        let merged = merge(&mut app, b, a).await.expect("merge").into_inner();
        assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
        assert_eq!(merged.merged_into, Some(a));
        let target = get(&mut app, a).await.request.expect("a");
        assert_eq!((target.feedback_count, target.account_count), (3, 2));
        // Idempotent: merging again changes nothing.
        merge(&mut app, b, a).await.expect("merge again");
        assert_eq!(get(&mut app, a).await.request.expect("a").feedback_count, 3);
        // Merging into a merged request follows the chain to its end.
        let into_b = merge(&mut app, c, b)
            .await
            .expect("merge into merged")
            .into_inner();
        assert_eq!(into_b.merged_into, Some(a));
        assert_eq!(get(&mut app, a).await.request.expect("a").feedback_count, 4);
        // A merged request cannot be merged elsewhere, nor into itself.
        let d = submit(&mut app, "D-1", "delta", "Audit log export to Splunk")
            .await
            .request_id;
        let err = merge(&mut app, b, d).await.expect_err("already merged");
        assert_eq!(err.code(), Code::FailedPrecondition, "{err:?}");
        let err = merge(&mut app, a, a).await.expect_err("self");
        assert_eq!(violated_fields(&err), ["target_id"]);
        let err = merge(&mut app, 999, a).await.expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);

        // Unmerging b restores exactly b's own feedback; c stays merged into a.
        let restored = app
            .requests
            .unmerge_request(pb::UnmergeRequestRequest { id: b })
            .await
            .expect("unmerge")
            .into_inner();
        assert_eq!(restored.status, pb::RequestStatus::New as i32);
        assert_eq!(restored.merged_into, None);
        let back = get(&mut app, b).await;
        let mut refs: Vec<String> = back.feedback.iter().map(|f| f.source_ref.clone()).collect();
        refs.sort();
        assert_eq!(refs, ["B-1", "B-2"]);
        let a_now = get(&mut app, a).await;
        let mut refs: Vec<String> = a_now
            .feedback
            .iter()
            .map(|f| f.source_ref.clone())
            .collect();
        refs.sort();
        assert_eq!(refs, ["A-1", "C-1"]);
        let err = app
            .requests
            .unmerge_request(pb::UnmergeRequestRequest { id: b })
            .await
            .expect_err("not merged");
        assert_eq!(err.code(), Code::FailedPrecondition);
        // The index followed: new dark-mode feedback joins b again, not a.
        let later = submit(&mut app, "B-3", "delta", DARK[2]).await;
        assert_eq!(later.request_id, b);
    })
    .await;
}

#[tokio::test]
async fn a_pm_move_sticks() {
    each_backend(|mut app| async move {
        let first = submit(&mut app, "P-0", "acme", PDF[0]).await;
        let second = submit(&mut app, "P-1", "acme", PDF[1]).await;
        assert_eq!(first.request_id, second.request_id);
        let moved = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: second.id,
                destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
            })
            .await
            .expect("move")
            .into_inner();
        assert_eq!(moved.from_request_id, first.request_id);
        assert_ne!(moved.to_request_id, first.request_id);
        // More similar feedback arrives; the moved item stays where the PM put it.
        for (i, text) in PDF.iter().enumerate().skip(2) {
            submit(&mut app, &format!("P-{i}"), "acme", text).await;
        }
        let item = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest { id: second.id })
            .await
            .expect("get")
            .into_inner();
        assert_eq!(item.request_id, moved.to_request_id);
        assert!(item.moved_by_pm);
        // Moving into an existing request, and back.
        let back = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: second.id,
                destination: Some(pb::move_feedback_request::Destination::TargetRequestId(
                    first.request_id,
                )),
            })
            .await
            .expect("move back")
            .into_inner();
        assert_eq!(back.to_request_id, first.request_id);
        let err = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: second.id,
                destination: None,
            })
            .await
            .expect_err("no destination");
        assert_eq!(violated_fields(&err), ["destination"]);
        let err = app
            .requests
            .move_feedback(pb::MoveFeedbackRequest {
                feedback_id: 4242,
                destination: Some(pb::move_feedback_request::Destination::NewRequest(true)),
            })
            .await
            .expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

#[tokio::test]
async fn middle_band_suggests_and_a_pm_decides() {
    // Thresholds that put every similar phrasing in the middle band.
    each_backend_with(
        |c| {
            c.clustering.join_threshold = 2.0; // never joins
            c.clustering.suggest_threshold = 0.01;
        },
        |mut app| async move {
            let r0 = submit(&mut app, "P-0", "acme", PDF[0]).await;
            let r1 = submit(&mut app, "P-1", "acme", PDF[1]).await;
            let r2 = submit(&mut app, "P-2", "beta", PDF[2]).await;
            assert_eq!(r1.assignment, pb::Assignment::NewWithSuggestion as i32);
            assert_ne!(r0.request_id, r1.request_id);
            let pending = app
                .requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
                .await
                .expect("suggestions")
                .into_inner()
                .suggestions;
            assert_eq!(pending.len(), 2, "{r0:?} {r1:?} {r2:?} {pending:?}");
            let s1 = pending
                .iter()
                .find(|s| s.request_id == r1.request_id)
                .expect("s1");
            let s2 = pending
                .iter()
                .find(|s| s.request_id == r2.request_id)
                .expect("s2");
            assert!(s1.similarity > 0.0 && !s1.target_title.is_empty());

            let accepted = app
                .requests
                .accept_merge_suggestion(pb::DecideMergeSuggestionRequest { id: s1.id })
                .await
                .expect("accept")
                .into_inner();
            assert_eq!(accepted.status, pb::SuggestionStatus::Accepted as i32);
            let merged = get(&mut app, r1.request_id).await.request.expect("r1");
            assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
            // Deciding twice the same way is idempotent; the other way is refused.
            app.requests
                .accept_merge_suggestion(pb::DecideMergeSuggestionRequest { id: s1.id })
                .await
                .expect("accept again");
            let err = app
                .requests
                .reject_merge_suggestion(pb::DecideMergeSuggestionRequest { id: s1.id })
                .await
                .expect_err("already accepted");
            assert_eq!(err.code(), Code::FailedPrecondition);

            let rejected = app
                .requests
                .reject_merge_suggestion(pb::DecideMergeSuggestionRequest { id: s2.id })
                .await
                .expect("reject")
                .into_inner();
            assert_eq!(rejected.status, pb::SuggestionStatus::Rejected as i32);
            // More of the same arrives: the rejected pair stays apart and is not suggested again.
            submit(&mut app, "P-3", "gamma", PDF[3]).await;
            let still = get(&mut app, r2.request_id).await.request.expect("r2");
            assert_eq!(still.status, pb::RequestStatus::New as i32);
            let pending = app
                .requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
                .await
                .expect("suggestions")
                .into_inner()
                .suggestions;
            assert!(pending.iter().all(|s| s.request_id != r2.request_id));
            let listed = app
                .requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest {
                    status: pb::SuggestionStatus::Rejected as i32,
                    ..Default::default()
                })
                .await
                .expect("rejected")
                .into_inner()
                .suggestions;
            assert_eq!(listed.len(), 1);
        },
    )
    .await;
}

/// Every assignment, in submission order.
async fn assignments(app: &mut TestApp, texts: &[&str]) -> Vec<i64> {
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        out.push(submit(app, &format!("X-{i}"), "acme", t).await.request_id);
    }
    out
}

#[tokio::test]
async fn same_input_same_requests_and_a_restart_keeps_the_index() {
    let texts: Vec<&str> = PDF.iter().chain(DARK.iter()).copied().collect();
    for backend in backends() {
        let (url1, clean1) = fresh_database(backend).await;
        let (url2, clean2) = fresh_database(backend).await;
        let (mut one, s1) = TestApp::start(backend, &url1, |_| {}).await;
        let (mut two, s2) = TestApp::start(backend, &url2, |_| {}).await;
        let first = assignments(&mut one, &texts).await;
        let second = assignments(&mut two, &texts).await;
        assert_eq!(first, second, "deterministic on {backend:?}");
        s2.stop().await;
        clean2.run().await;

        // Restart: the index is rebuilt from the database, so new feedback still joins.
        s1.stop().await;
        let (mut again, s1) = TestApp::start(backend, &url1, |_| {}).await;
        let late = submit(
            &mut again,
            "late",
            "acme",
            "Could we get a PDF export of the weekly report",
        )
        .await;
        assert_eq!(late.request_id, first[0]);
        assert_eq!(late.assignment, pb::Assignment::Joined as i32);
        s1.stop().await;
        clean1.run().await;
    }
}

#[tokio::test]
async fn two_instances_on_one_postgres_agree() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, cleanup) = fresh_database(Backend::Postgres).await;
    // Both start at once on the same empty database.
    let ((one, s1), (two, s2)) = tokio::join!(
        TestApp::start(Backend::Postgres, &url, |_| {}),
        TestApp::start(Backend::Postgres, &url, |_| {})
    );
    let topics = [
        ("pdf", "Please add PDF export for the weekly report"),
        ("dark", "Please add a dark mode to the dashboard"),
        ("sso", "Single sign-on with Okta for our team"),
        ("csv", "Bulk import of contacts from a CSV file"),
        ("api", "Rate limits on the public API are too low"),
    ];
    for (round, (topic, text)) in topics.iter().enumerate() {
        // The same need, phrased almost alike, reaches both instances at the same moment.
        let mut c1 = one.feedback.clone();
        let mut c2 = two.feedback.clone();
        let f1 = feedback(&format!("{topic}-1"), "acme", text);
        let f2 = feedback(&format!("{topic}-2"), "beta", &format!("{text}!"));
        let (a, b) = tokio::join!(
            c1.submit_feedback(pb::SubmitFeedbackRequest { feedback: Some(f1) }),
            c2.submit_feedback(pb::SubmitFeedbackRequest { feedback: Some(f2) }),
        );
        let (a, b) = (a.expect("one").into_inner(), b.expect("two").into_inner());
        assert_eq!(
            a.request_id, b.request_id,
            "round {round}: one request, not two"
        );
    }
    // Each instance sees what the other stored.
    let mut r1 = one.requests.clone();
    let hits = r1
        .find_similar(pb::FindSimilarRequest {
            text: "Okta single sign-on".into(),
            limit: 1,
        })
        .await
        .expect("find")
        .into_inner()
        .requests;
    assert_eq!(hits[0].request.as_ref().expect("request").feedback_count, 2);
    // A PM's merge on one instance is followed by the other.
    let mut rq = one.requests.clone();
    let listed = rq
        .list_requests(pb::ListRequestsRequest::default())
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.requests.len(), 5);
    let (x, y) = (listed.requests[0].id, listed.requests[1].id);
    rq.merge_requests(pb::MergeRequestsRequest {
        source_id: y,
        target_id: x,
    })
    .await
    .expect("merge");
    let mut f2 = two.feedback.clone();
    let after = f2
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(
                "dark-3",
                "gamma",
                "Please add a dark mode to the dashboard",
            )),
        })
        .await
        .expect("submit")
        .into_inner();
    assert_eq!(
        after.request_id, x,
        "instance two follows the merge made on instance one"
    );
    s1.stop().await;
    s2.stop().await;
    cleanup.run().await;
}

#[tokio::test]
async fn the_lifecycle_allows_only_its_transitions_and_keeps_a_history() {
    each_backend(|mut app| async move {
        let id = submit(&mut app, "P-0", "acme", PDF[0]).await.request_id;
        let set = |app: &mut TestApp, status: pb::RequestStatus, reason: &str| {
            let mut client = app.requests.clone();
            let reason = reason.to_owned();
            async move {
                client
                    .update_request_status(pb::UpdateRequestStatusRequest {
                        id,
                        status: status as i32,
                        actor: "pm@vendor.example".into(),
                        reason,
                    })
                    .await
            }
        };
        let err = set(&mut app, pb::RequestStatus::Shipped, "too soon")
            .await
            .expect_err("skip");
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(err.message().contains("is NEW"), "{}", err.message());
        for (status, reason) in [
            (pb::RequestStatus::UnderReview, "looking at it"),
            (pb::RequestStatus::Planned, "fits Q1"),
            (pb::RequestStatus::InProgress, "started"),
        ] {
            let r = set(&mut app, status, reason)
                .await
                .expect("allowed")
                .into_inner();
            assert_eq!(r.status, status as i32);
        }
        // Shipping goes through a release, so the requesters are told: a status change to
        // SHIPPED is refused, naming the release when there is one.
        let err = set(&mut app, pb::RequestStatus::Shipped, "in 2.4")
            .await
            .expect_err("not through a release");
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(err.message().contains("ShipRelease"), "{}", err.message());
        let release = app
            .roadmap
            .create_release(pb::CreateReleaseRequest {
                version: "2.4".into(),
                kind: pb::ReleaseKind::Minor as i32,
                planned_date: "2026-12-01".into(),
                summary: String::new(),
            })
            .await
            .expect("release")
            .into_inner();
        app.roadmap
            .plan_request(pb::PlanRequestRequest {
                request_id: id,
                target: Some(pb::plan_request_request::Target::ReleaseId(release.id)),
                actor: "pm@vendor.example".into(),
            })
            .await
            .expect("plan");
        let err = set(&mut app, pb::RequestStatus::Shipped, "in 2.4")
            .await
            .expect_err("planned into a release");
        assert_eq!(err.code(), Code::FailedPrecondition);
        assert!(err.message().contains("release 2.4"), "{}", err.message());
        app.roadmap
            .ship_release(pb::ShipReleaseRequest {
                release_id: release.id,
                actor: "pm@vendor.example".into(),
                accept_generated_titles: true,
            })
            .await
            .expect("ship");
        let history = app
            .requests
            .list_status_history(pb::ListStatusHistoryRequest { id })
            .await
            .expect("history")
            .into_inner()
            .changes;
        let steps: Vec<(i32, i32, &str)> = history
            .iter()
            .map(|c| (c.from, c.to, c.reason.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                (
                    pb::RequestStatus::New as i32,
                    pb::RequestStatus::UnderReview as i32,
                    "looking at it"
                ),
                (
                    pb::RequestStatus::UnderReview as i32,
                    pb::RequestStatus::Planned as i32,
                    "fits Q1"
                ),
                (
                    pb::RequestStatus::Planned as i32,
                    pb::RequestStatus::InProgress as i32,
                    "started"
                ),
                (
                    pb::RequestStatus::InProgress as i32,
                    pb::RequestStatus::Shipped as i32,
                    "shipped in release 2.4"
                ),
            ]
        );
        assert!(
            history
                .iter()
                .all(|c| c.actor == "pm@vendor.example" && c.at.is_some())
        );

        // Shipped requests leave the default backlog; asking for them brings them back.
        let backlog = app
            .backlog
            .get_ranked_backlog(pb::GetRankedBacklogRequest::default())
            .await
            .expect("backlog")
            .into_inner();
        assert!(backlog.rows.iter().all(|r| r.request_id != id));
        let shipped = app
            .backlog
            .get_ranked_backlog(pb::GetRankedBacklogRequest {
                statuses: vec![pb::RequestStatus::Shipped as i32],
                ..Default::default()
            })
            .await
            .expect("backlog")
            .into_inner();
        assert_eq!(
            shipped
                .rows
                .iter()
                .map(|r| r.request_id)
                .collect::<Vec<_>>(),
            [id]
        );

        let err = set(&mut app, pb::RequestStatus::Merged, "no")
            .await
            .expect_err("merged");
        assert_eq!(violated_fields(&err), ["status"]);
        let err = app
            .requests
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: 9_999,
                status: 2,
                ..Default::default()
            })
            .await
            .expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);

        // Merging is recorded too.
        let other = submit(&mut app, "D-0", "beta", DARK[0]).await.request_id;
        app.requests
            .merge_requests(pb::MergeRequestsRequest {
                source_id: other,
                target_id: id,
            })
            .await
            .expect("merge");
        let h = app
            .requests
            .list_status_history(pb::ListStatusHistoryRequest { id: other })
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(
            h.last().map(|c| c.to),
            Some(pb::RequestStatus::Merged as i32)
        );
    })
    .await;
}
