//! NotificationService (unary calls and the stream's opening): bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    let mut c = Vec::new();
    let n = &app.notifications;

    // --- Notifications
    case!(
        c,
        "empty",
        n,
        stream_notifications,
        pb::StreamNotificationsRequest::default(),
        Expect::Ok
    );
    case!(
        c,
        "after_cursor i64::MAX",
        n,
        stream_notifications,
        pb::StreamNotificationsRequest {
            after_cursor: i64::MAX,
            lease_seconds: 0,
            ..Default::default()
        },
        Expect::Ok
    );
    case!(
        c,
        "after_cursor -1",
        n,
        stream_notifications,
        pb::StreamNotificationsRequest {
            after_cursor: -1,
            lease_seconds: 0,
            ..Default::default()
        },
        Expect::Invalid(&["after_cursor"])
    );
    for (consumer, label) in [("a:b", "consumer with ':'"), ("a\u{7}", "consumer BEL")] {
        case!(
            c,
            label,
            n,
            stream_notifications,
            pb::StreamNotificationsRequest {
                consumer: consumer.into(),
                ..Default::default()
            },
            Expect::Invalid(&["consumer"])
        );
    }
    for lease in [-1, 86_401, i32::MAX] {
        case!(
            c,
            format!("lease_seconds {lease}"),
            n,
            stream_notifications,
            pb::StreamNotificationsRequest {
                after_cursor: 0,
                lease_seconds: lease,
                ..Default::default()
            },
            Expect::Invalid(&["lease_seconds"])
        );
        case!(
            c,
            format!("lease_seconds {lease}"),
            n,
            list_pending_notifications,
            pb::ListPendingNotificationsRequest {
                limit: 10,
                lease_seconds: lease
            },
            Expect::Invalid(&["lease_seconds"])
        );
    }
    case!(
        c,
        "empty",
        n,
        list_pending_notifications,
        pb::ListPendingNotificationsRequest::default(),
        Expect::Ok
    );
    for limit in [-1, 1001, i32::MIN] {
        case!(
            c,
            format!("limit {limit}"),
            n,
            list_pending_notifications,
            pb::ListPendingNotificationsRequest {
                limit,
                lease_seconds: 0
            },
            Expect::Invalid(&["limit"])
        );
    }
    let ack = |id: i64, outcome: i32, reason: &str, attempt: i32| pb::Ack {
        id,
        outcome,
        reason: reason.into(),
        attempt,
    };
    let delivered = pb::AckOutcome::Delivered as i32;
    let failed = pb::AckOutcome::Failed as i32;
    let bad_acks: Vec<(&str, Vec<pb::Ack>, Expect)> = vec![
        ("empty", vec![], Expect::Invalid(&["acks"])),
        (
            "a default ack",
            vec![pb::Ack::default()],
            Expect::Invalid(&["acks[0].outcome"]),
        ),
        (
            "id 0",
            vec![ack(0, delivered, "", 0)],
            Expect::Invalid(&["acks[0].id"]),
        ),
        (
            "1,001 acks",
            (1..=1001).map(|i| ack(i, delivered, "", 0)).collect(),
            Expect::Invalid(&["acks"]),
        ),
        (
            "outcome 999",
            vec![ack(1, 999, "", 0)],
            Expect::Invalid(&["acks[0].outcome"]),
        ),
        (
            "FAILED without reason",
            vec![ack(1, failed, "", 0)],
            Expect::Invalid(&["acks[0].reason"]),
        ),
        (
            "reason huge",
            vec![ack(1, failed, &"r".repeat(HUGE), 0)],
            Expect::Invalid(&["acks[0].reason"]),
        ),
        (
            "attempt -1",
            vec![ack(1, delivered, "", -1)],
            Expect::Invalid(&["acks[0].attempt"]),
        ),
        (
            "id i64::MAX",
            vec![ack(i64::MAX, delivered, "", 0)],
            Expect::Code(Code::NotFound),
        ),
        (
            "id -1",
            vec![ack(-1, delivered, "", 0)],
            Expect::Invalid(&["acks[0].id"]),
        ),
    ];
    for (label, acks, expect) in bad_acks {
        case!(
            c,
            label,
            n,
            ack_notifications,
            pb::AckNotificationsRequest { acks },
            expect
        );
    }
    case!(
        c,
        "empty",
        n,
        list_notifications,
        pb::ListNotificationsRequest::default(),
        Expect::Ok
    );
    case!(
        c,
        "status 999",
        n,
        list_notifications,
        pb::ListNotificationsRequest {
            status: 999,
            ..Default::default()
        },
        Expect::Invalid(&["status"])
    );
    case!(
        c,
        "release_id -1",
        n,
        list_notifications,
        pb::ListNotificationsRequest {
            release_id: -1,
            ..Default::default()
        },
        Expect::Ok
    );
    case!(
        c,
        "empty",
        n,
        set_contact_preferences,
        pb::SetContactPreferencesRequest::default(),
        Expect::Code(Code::NotFound)
    );
    for channel in [999, -1] {
        case!(
            c,
            format!("channel {channel}"),
            n,
            set_contact_preferences,
            pb::SetContactPreferencesRequest {
                contact_id: seed.contact_id,
                opted_out: Some(true),
                channel
            },
            Expect::Invalid(&["channel"])
        );
    }
    case!(
        c,
        "empty",
        n,
        forget_contact,
        pb::ForgetContactRequest::default(),
        Expect::Code(Code::NotFound)
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
