//! NUL in every free-text field a PM or a tool writes: no backend may store it.

use super::*;

fn nul_cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    let mut c = Vec::new();
    let (r, p, t, m, n) = (
        &app.requests,
        &app.backlog,
        &app.telemetry,
        &app.roadmap,
        &app.notifications,
    );
    let nul = "a\0b".to_string();
    case!(
        c,
        "title NUL",
        r,
        rename_request,
        pb::RenameRequestRequest {
            id: seed.request_id,
            title: nul.clone()
        },
        Expect::Invalid(&["title"])
    );
    case!(
        c,
        "actor and reason NUL",
        r,
        update_request_status,
        pb::UpdateRequestStatusRequest {
            id: seed.other_request_id,
            status: pb::RequestStatus::UnderReview as i32,
            actor: nul.clone(),
            reason: nul.clone()
        },
        Expect::Invalid(&["actor", "reason"])
    );
    case!(
        c,
        "name NUL",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: nul.clone(),
            params: Some(seed.default_params)
        },
        Expect::Invalid(&["name"])
    );
    case!(
        c,
        "name and description NUL",
        p,
        create_theme,
        pb::CreateThemeRequest {
            name: nul.clone(),
            description: nul.clone(),
            weight: 0.5,
            active: true
        },
        Expect::Invalid(&["name", "description"])
    );
    case!(
        c,
        "description NUL",
        p,
        update_theme,
        pb::UpdateThemeRequest {
            id: seed.theme_id,
            description: Some(nul.clone()),
            ..Default::default()
        },
        Expect::Invalid(&["description"])
    );
    case!(
        c,
        "description NUL",
        t,
        define_signal,
        pb::DefineSignalRequest {
            key: "new.signal".into(),
            description: nul.clone()
        },
        Expect::Invalid(&["description"])
    );
    case!(
        c,
        "summary NUL",
        m,
        create_release,
        pb::CreateReleaseRequest {
            version: "9.9".into(),
            kind: pb::ReleaseKind::Minor as i32,
            planned_date: "2026-12-01".into(),
            summary: nul.clone()
        },
        Expect::Invalid(&["summary"])
    );
    case!(
        c,
        "actor NUL",
        m,
        plan_request,
        pb::PlanRequestRequest {
            request_id: seed.other_request_id,
            target: Some(pb::plan_request_request::Target::Lane(pb::Lane::Now as i32)),
            actor: nul.clone()
        },
        Expect::Invalid(&["actor"])
    );
    case!(
        c,
        "text NUL",
        m,
        set_release_note,
        pb::SetReleaseNoteRequest {
            request_id: seed.request_id,
            release_id: seed.release_id,
            text: nul.clone()
        },
        Expect::Invalid(&["text"])
    );
    case!(
        c,
        "actor NUL",
        m,
        ship_release,
        pb::ShipReleaseRequest {
            release_id: seed.release_id,
            actor: nul.clone(),
            accept_generated_titles: true,
        },
        Expect::Invalid(&["actor"])
    );
    case!(
        c,
        "reason NUL",
        n,
        ack_notifications,
        pb::AckNotificationsRequest {
            acks: vec![pb::Ack {
                id: 1,
                outcome: pb::AckOutcome::Failed as i32,
                reason: nul.clone(),
                attempt: 0
            }]
        },
        Expect::Invalid(&["acks[0].reason"])
    );
    c
}

#[tokio::test]
async fn nul_in_free_text_is_refused_on_every_backend() {
    each_backend(|app| async move {
        let seed = seed(&app).await;
        run(&app, nul_cases(&app, &seed)).await;
    })
    .await;
}
