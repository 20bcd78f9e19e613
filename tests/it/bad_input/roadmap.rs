//! RoadmapService: bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    use pb::plan_request_request::Target;
    let mut c = Vec::new();
    let m = &app.roadmap;

    // --- CreateRelease
    case!(
        c,
        "empty",
        m,
        create_release,
        pb::CreateReleaseRequest::default(),
        Expect::Invalid(&["version", "kind", "planned_date"])
    );
    let release =
        |version: &str, kind: i32, date: &str, summary: String| pb::CreateReleaseRequest {
            version: version.into(),
            kind,
            planned_date: date.into(),
            summary,
        };
    let minor = pb::ReleaseKind::Minor as i32;
    let bad_releases: Vec<(&str, pb::CreateReleaseRequest, Expect)> = vec![
        (
            "kind 999",
            release("9.9", 999, "2026-12-01", String::new()),
            Expect::Invalid(&["kind"]),
        ),
        (
            "kind -1",
            release("9.9", -1, "2026-12-01", String::new()),
            Expect::Invalid(&["kind"]),
        ),
        (
            "version with a space",
            release("9 9", minor, "2026-12-01", String::new()),
            Expect::Invalid(&["version"]),
        ),
        (
            "version huge",
            release(&"9".repeat(HUGE), minor, "2026-12-01", String::new()),
            Expect::Invalid(&["version"]),
        ),
        (
            "version NUL",
            release("9.9\0", minor, "2026-12-01", String::new()),
            Expect::Invalid(&["version"]),
        ),
        (
            "planned_date +10000",
            release("9.9", minor, "+10000-01-01", String::new()),
            Expect::Invalid(&["planned_date"]),
        ),
        (
            "planned_date -0001",
            release("9.9", minor, "-0001-12-01", String::new()),
            Expect::Invalid(&["planned_date"]),
        ),
        (
            "planned_date 2026-02-30",
            release("9.9", minor, "2026-02-30", String::new()),
            Expect::Invalid(&["planned_date"]),
        ),
        (
            "summary huge",
            release("9.9", minor, "2026-12-01", "s".repeat(HUGE)),
            Expect::Invalid(&["summary"]),
        ),
        (
            "version taken",
            release("2026.48", minor, "2026-12-01", String::new()),
            Expect::Code(Code::AlreadyExists),
        ),
    ];
    for (label, req, expect) in bad_releases {
        case!(c, label, m, create_release, req, expect);
    }

    // --- PlanRequest / SetReleaseNote
    case!(
        c,
        "empty",
        m,
        plan_request,
        pb::PlanRequestRequest::default(),
        Expect::Invalid(&["target"])
    );
    for lane in [0, 999, -1] {
        case!(
            c,
            format!("lane {lane}"),
            m,
            plan_request,
            pb::PlanRequestRequest {
                request_id: seed.other_request_id,
                target: Some(Target::Lane(lane)),
                actor: String::new()
            },
            Expect::Invalid(&["lane"])
        );
    }
    case!(
        c,
        "unplan false",
        m,
        plan_request,
        pb::PlanRequestRequest {
            request_id: seed.other_request_id,
            target: Some(Target::Unplan(false)),
            actor: String::new()
        },
        Expect::Invalid(&["target"])
    );
    case!(
        c,
        "release_id i64::MAX",
        m,
        plan_request,
        pb::PlanRequestRequest {
            request_id: seed.other_request_id,
            target: Some(Target::ReleaseId(i64::MAX)),
            actor: String::new()
        },
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "release_id -1",
        m,
        plan_request,
        pb::PlanRequestRequest {
            request_id: seed.other_request_id,
            target: Some(Target::ReleaseId(-1)),
            actor: String::new()
        },
        Expect::Invalid(&["release_id"])
    );
    case!(
        c,
        "actor huge",
        m,
        plan_request,
        pb::PlanRequestRequest {
            request_id: seed.other_request_id,
            target: Some(Target::Lane(pb::Lane::Now as i32)),
            actor: "a".repeat(HUGE)
        },
        Expect::Invalid(&["actor"])
    );
    case!(
        c,
        "empty",
        m,
        set_release_note,
        pb::SetReleaseNoteRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "text huge",
        m,
        set_release_note,
        pb::SetReleaseNoteRequest {
            request_id: seed.request_id,
            release_id: seed.release_id,
            text: "t".repeat(HUGE)
        },
        Expect::Invalid(&["text"])
    );
    case!(
        c,
        "request not in the release",
        m,
        set_release_note,
        pb::SetReleaseNoteRequest {
            request_id: seed.other_request_id,
            release_id: seed.release_id,
            text: "note".into()
        },
        Expect::Code(Code::FailedPrecondition)
    );

    // --- GetRoadmap / UpdateRequestStatus / PreviewRelease / ShipRelease
    case!(
        c,
        "empty",
        m,
        get_roadmap,
        pb::GetRoadmapRequest::default(),
        Expect::Ok
    );
    case!(
        c,
        "empty",
        m,
        update_request_status,
        pb::UpdateRequestStatusRequest::default(),
        Expect::Invalid(&["status"])
    );
    case!(
        c,
        "status 999",
        m,
        update_request_status,
        pb::UpdateRequestStatusRequest {
            id: seed.request_id,
            status: 999,
            ..Default::default()
        },
        Expect::Invalid(&["status"])
    );
    case!(
        c,
        "id i64::MAX",
        m,
        update_request_status,
        pb::UpdateRequestStatusRequest {
            id: i64::MAX,
            status: pb::RequestStatus::Declined as i32,
            ..Default::default()
        },
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "empty",
        m,
        preview_release,
        pb::PreviewReleaseRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "empty",
        m,
        ship_release,
        pb::ShipReleaseRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "actor huge",
        m,
        ship_release,
        pb::ShipReleaseRequest {
            release_id: seed.release_id,
            actor: "a".repeat(HUGE),
            accept_generated_titles: true,
        },
        Expect::Invalid(&["actor"])
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
