//! FeedbackService: bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, _seed: &Seed) -> Vec<Case> {
    let mut c = Vec::new();
    let f = &app.feedback;

    // --- SubmitFeedback
    case!(
        c,
        "empty",
        f,
        submit_feedback,
        pb::SubmitFeedbackRequest::default(),
        Expect::Invalid(&["feedback"])
    );
    case!(
        c,
        "default feedback",
        f,
        submit_feedback,
        submit(pb::FeedbackInput::default()),
        Expect::Invalid(&[
            "feedback.source",
            "feedback.source_ref",
            "feedback.account_external_id",
            "feedback.body",
            "feedback.occurred_at"
        ])
    );
    for (label, bad) in hostile_ids() {
        case!(
            c,
            format!("source_ref {label}"),
            f,
            submit_feedback,
            submit(feedback(&bad, "acme", "PDF export")),
            Expect::Invalid(&["feedback.source_ref"])
        );
        case!(
            c,
            format!("account_external_id {label}"),
            f,
            submit_feedback,
            submit(feedback("N-1", &bad, "PDF export")),
            Expect::Invalid(&["feedback.account_external_id"])
        );
        case!(
            c,
            format!("contact.external_id {label}"),
            f,
            submit_feedback,
            submit(pb::FeedbackInput {
                contact: Some(contact_ref(&bad, "")),
                ..feedback("N-1", "acme", "PDF export")
            }),
            Expect::Invalid(&["feedback.contact.external_id"])
        );
    }
    let bad_feedback: Vec<(&str, pb::FeedbackInput, &'static [&'static str])> = vec![
        (
            "body huge",
            feedback("N-1", "acme", &"x".repeat(HUGE)),
            &["feedback.body"],
        ),
        (
            "title huge",
            pb::FeedbackInput {
                title: "t".repeat(HUGE),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.title"],
        ),
        (
            "body only whitespace and no title",
            feedback("N-1", "acme", " \n\t\u{3000} "),
            &["feedback.body"],
        ),
        (
            "source 999",
            pb::FeedbackInput {
                source: 999,
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.source"],
        ),
        (
            "source -1",
            pb::FeedbackInput {
                source: -1,
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.source"],
        ),
        (
            "importance 999",
            pb::FeedbackInput {
                importance: 999,
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.importance"],
        ),
        (
            "occurred_at missing",
            pb::FeedbackInput {
                occurred_at: None,
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.occurred_at"],
        ),
        (
            "occurred_at i64::MAX",
            pb::FeedbackInput {
                occurred_at: Some(at(i64::MAX)),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.occurred_at"],
        ),
        (
            "occurred_at i64::MIN",
            pb::FeedbackInput {
                occurred_at: Some(at(i64::MIN)),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.occurred_at"],
        ),
        (
            "occurred_at nanos -1",
            pb::FeedbackInput {
                occurred_at: Some(prost_types::Timestamp {
                    seconds: 0,
                    nanos: -1,
                }),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.occurred_at"],
        ),
        (
            "occurred_at next year",
            pb::FeedbackInput {
                occurred_at: Some(at(now().seconds + 366 * 86_400)),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.occurred_at"],
        ),
        (
            "contact without identity",
            pb::FeedbackInput {
                contact: Some(contact_ref("", "")),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.contact.external_id"],
        ),
        (
            "contact email bad",
            pb::FeedbackInput {
                contact: Some(contact_ref("", "not an email")),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.contact.email"],
        ),
        (
            "contact name huge",
            pb::FeedbackInput {
                contact: Some(pb::ContactRef {
                    name: "n".repeat(HUGE),
                    ..contact_ref("c-9", "")
                }),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.contact.name"],
        ),
    ];
    // NUL is not text: PostgreSQL cannot store it, so no backend may accept it.
    let nul: Vec<(&str, pb::FeedbackInput, &'static [&'static str])> = vec![
        (
            "body NUL",
            feedback("N-1", "acme", "PDF\0export"),
            &["feedback.body"],
        ),
        (
            "title NUL",
            pb::FeedbackInput {
                title: "\0".into(),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.title"],
        ),
        (
            "contact name NUL",
            pb::FeedbackInput {
                contact: Some(pb::ContactRef {
                    name: "L\0e".into(),
                    ..contact_ref("c-9", "")
                }),
                ..feedback("N-1", "acme", "b")
            },
            &["feedback.contact.name"],
        ),
    ];
    for (label, input, fields) in bad_feedback.into_iter().chain(nul) {
        case!(
            c,
            label,
            f,
            submit_feedback,
            submit(input),
            Expect::Invalid(fields)
        );
    }

    // --- GetFeedback
    case!(
        c,
        "empty",
        f,
        get_feedback,
        pb::GetFeedbackRequest::default(),
        Expect::Code(Code::NotFound)
    );

    // --- ListFeedback
    case!(
        c,
        "empty",
        f,
        list_feedback,
        pb::ListFeedbackRequest::default(),
        Expect::Ok
    );
    case!(
        c,
        "source 999",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            source: 999,
            ..Default::default()
        },
        Expect::Invalid(&["source"])
    );
    case!(
        c,
        "occurred_after i64::MAX",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            occurred_after: Some(at(i64::MAX)),
            ..Default::default()
        },
        Expect::Invalid(&["occurred_after"])
    );
    case!(
        c,
        "occurred_before nanos 2e9",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            occurred_before: Some(prost_types::Timestamp {
                seconds: 0,
                nanos: 2_000_000_000
            }),
            ..Default::default()
        },
        Expect::Invalid(&["occurred_before"])
    );
    case!(
        c,
        "window upside down",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            occurred_after: Some(at(2_000_000_000)),
            occurred_before: Some(at(1_000_000_000)),
            ..Default::default()
        },
        Expect::Invalid(&["occurred_before"])
    );
    case!(
        c,
        "account_external_id hostile",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            account_external_id: "x\0\u{202e}".repeat(66),
            ..Default::default()
        },
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "account_external_id huge",
        f,
        list_feedback,
        pb::ListFeedbackRequest {
            account_external_id: "x\0\u{202e}".repeat(HUGE / 3),
            ..Default::default()
        },
        Expect::Invalid(&["account_external_id"])
    );
    c
}

#[tokio::test]
async fn is_refused_and_changes_nothing() {
    each_backend(|app| async move {
        let seed = seed(&app).await;
        run(&app, cases(&app, &seed)).await;
    })
    .await;
}
