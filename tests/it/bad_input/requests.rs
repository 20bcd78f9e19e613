//! RequestService: bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    use pb::move_feedback_request::Destination;
    let mut c = Vec::new();
    let r = &app.requests;

    // --- GetRequest
    case!(
        c,
        "empty",
        r,
        get_request,
        pb::GetRequestRequest::default(),
        Expect::Code(Code::NotFound)
    );
    for limit in [-1, 1001, i32::MIN] {
        case!(
            c,
            format!("evidence_limit {limit}"),
            r,
            get_request,
            pb::GetRequestRequest {
                id: seed.request_id,
                evidence_limit: limit
            },
            Expect::Invalid(&["evidence_limit"])
        );
    }

    // --- ListRequests
    case!(
        c,
        "empty",
        r,
        list_requests,
        pb::ListRequestsRequest::default(),
        Expect::Ok
    );
    for min in [i64::MIN, i64::MAX] {
        case!(
            c,
            format!("min_feedback {min}"),
            r,
            list_requests,
            pb::ListRequestsRequest {
                min_feedback: min,
                ..Default::default()
            },
            Expect::Ok
        );
    }

    // --- FindSimilar
    case!(
        c,
        "empty",
        r,
        find_similar,
        pb::FindSimilarRequest::default(),
        Expect::Invalid(&["text"])
    );
    case!(
        c,
        "text huge",
        r,
        find_similar,
        pb::FindSimilarRequest {
            text: "x".repeat(HUGE),
            limit: 5
        },
        Expect::Invalid(&["text"])
    );
    for limit in [-1, 101, i32::MAX] {
        case!(
            c,
            format!("limit {limit}"),
            r,
            find_similar,
            pb::FindSimilarRequest {
                text: "pdf export".into(),
                limit
            },
            Expect::Invalid(&["limit"])
        );
    }
    // Hostile text that is only a query: answered, nothing stored.
    for text in hostile_text()
        .into_iter()
        .map(|(_, t)| t)
        .chain(["\0\u{1}\u{7f}".into(), "\u{301}\u{302}\u{303}".repeat(1000)])
    {
        case!(
            c,
            format!("text {:?}", text.chars().take(12).collect::<String>()),
            r,
            find_similar,
            pb::FindSimilarRequest { text, limit: 5 },
            Expect::Ok
        );
    }

    // --- MergeRequests / UnmergeRequest / MoveFeedback / RenameRequest
    case!(
        c,
        "empty",
        r,
        merge_requests,
        pb::MergeRequestsRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "into itself",
        r,
        merge_requests,
        pb::MergeRequestsRequest {
            source_id: seed.request_id,
            target_id: seed.request_id
        },
        Expect::Invalid(&["target_id"])
    );
    case!(
        c,
        "empty",
        r,
        unmerge_request,
        pb::UnmergeRequestRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "not merged",
        r,
        unmerge_request,
        pb::UnmergeRequestRequest {
            id: seed.request_id
        },
        Expect::Code(Code::FailedPrecondition)
    );
    case!(
        c,
        "empty",
        r,
        move_feedback,
        pb::MoveFeedbackRequest::default(),
        Expect::Invalid(&["destination"])
    );
    case!(
        c,
        "new_request false",
        r,
        move_feedback,
        pb::MoveFeedbackRequest {
            feedback_id: seed.feedback_id,
            destination: Some(Destination::NewRequest(false))
        },
        Expect::Invalid(&["destination"])
    );
    case!(
        c,
        "empty",
        r,
        rename_request,
        pb::RenameRequestRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "title huge",
        r,
        rename_request,
        pb::RenameRequestRequest {
            id: seed.request_id,
            title: "t".repeat(HUGE)
        },
        Expect::Invalid(&["title"])
    );
    case!(
        c,
        "id i64::MIN",
        r,
        rename_request,
        pb::RenameRequestRequest {
            id: i64::MIN,
            title: "t".into()
        },
        Expect::Code(Code::NotFound)
    );

    // --- UpdateRequestStatus / ListStatusHistory
    case!(
        c,
        "empty",
        r,
        update_request_status,
        pb::UpdateRequestStatusRequest::default(),
        Expect::Invalid(&["status"])
    );
    for status in [
        999,
        -1,
        pb::RequestStatus::Merged as i32,
        pb::RequestStatus::Unspecified as i32,
    ] {
        case!(
            c,
            format!("status {status}"),
            r,
            update_request_status,
            pb::UpdateRequestStatusRequest {
                id: seed.request_id,
                status,
                ..Default::default()
            },
            Expect::Invalid(&["status"])
        );
    }
    case!(
        c,
        "PLANNED to NEW",
        r,
        update_request_status,
        pb::UpdateRequestStatusRequest {
            id: seed.request_id,
            status: pb::RequestStatus::New as i32,
            ..Default::default()
        },
        Expect::Code(Code::FailedPrecondition)
    );
    case!(
        c,
        "actor and reason huge",
        r,
        update_request_status,
        pb::UpdateRequestStatusRequest {
            id: seed.other_request_id,
            status: pb::RequestStatus::UnderReview as i32,
            actor: "a".repeat(HUGE),
            reason: "r".repeat(HUGE)
        },
        Expect::Invalid(&["actor", "reason"])
    );
    case!(
        c,
        "empty",
        r,
        list_status_history,
        pb::ListStatusHistoryRequest::default(),
        Expect::Code(Code::NotFound)
    );

    // --- Merge suggestions
    case!(
        c,
        "empty",
        r,
        list_merge_suggestions,
        pb::ListMergeSuggestionsRequest::default(),
        Expect::Ok
    );
    case!(
        c,
        "status 999",
        r,
        list_merge_suggestions,
        pb::ListMergeSuggestionsRequest {
            status: 999,
            ..Default::default()
        },
        Expect::Invalid(&["status"])
    );
    case!(
        c,
        "unknown status",
        r,
        list_move_suggestions,
        pb::ListMoveSuggestionsRequest {
            status: 99,
            ..Default::default()
        },
        Expect::Invalid(&["status"])
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
