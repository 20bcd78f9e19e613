//! PrioritizationService: bad input to each RPC is refused with a clear status and changes nothing.

use super::*;

fn cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    use pb::profile_choice::Choice;
    let mut c = Vec::new();
    let p = &app.backlog;

    // --- GetRankedBacklog / ExplainScore
    case!(
        c,
        "empty",
        p,
        get_ranked_backlog,
        pb::GetRankedBacklogRequest::default(),
        Expect::Ok
    );
    let bad_backlog: Vec<(&str, pb::GetRankedBacklogRequest, Expect)> = vec![
        (
            "statuses 999",
            pb::GetRankedBacklogRequest {
                statuses: vec![1, 999],
                ..Default::default()
            },
            Expect::Invalid(&["statuses[1]"]),
        ),
        (
            "tier 999",
            pb::GetRankedBacklogRequest {
                tier: 999,
                ..Default::default()
            },
            Expect::Invalid(&["tier"]),
        ),
        (
            "demand_profile 999",
            pb::GetRankedBacklogRequest {
                demand_profile: 999,
                ..Default::default()
            },
            Expect::Invalid(&["demand_profile"]),
        ),
        (
            "evidence window upside down",
            pb::GetRankedBacklogRequest {
                evidence_after: Some(at(2_000_000_000)),
                evidence_before: Some(at(1)),
                ..Default::default()
            },
            Expect::Invalid(&["evidence_before"]),
        ),
        (
            "evidence_after i64::MIN",
            pb::GetRankedBacklogRequest {
                evidence_after: Some(at(i64::MIN)),
                ..Default::default()
            },
            Expect::Invalid(&["evidence_after"]),
        ),
        (
            "profile_id i64::MAX",
            pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(Choice::ProfileId(i64::MAX)),
                }),
                ..Default::default()
            },
            Expect::Code(Code::NotFound),
        ),
        (
            "profile_name hostile",
            pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(Choice::ProfileName("\0\u{202e}".repeat(100))),
                }),
                ..Default::default()
            },
            Expect::Code(Code::NotFound),
        ),
        (
            "profile_name huge",
            pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(Choice::ProfileName("\0\u{202e}".repeat(1000))),
                }),
                ..Default::default()
            },
            Expect::Invalid(&["profile.profile_name"]),
        ),
        (
            "inline default params",
            pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(Choice::Inline(pb::ScoringParams::default())),
                }),
                ..Default::default()
            },
            Expect::Invalid(&["profile.inline.half_life_days"]),
        ),
        (
            "theme_id -1",
            pb::GetRankedBacklogRequest {
                theme_id: -1,
                ..Default::default()
            },
            Expect::Ok,
        ),
        (
            "min_accounts i64::MAX",
            pb::GetRankedBacklogRequest {
                min_accounts: i64::MAX,
                ..Default::default()
            },
            Expect::Ok,
        ),
        (
            "segment hostile",
            pb::GetRankedBacklogRequest {
                segment: "\0".repeat(200),
                ..Default::default()
            },
            Expect::Ok,
        ),
        (
            // Issue 22: a 1 MB filter was answered with OK.
            "segment huge",
            pb::GetRankedBacklogRequest {
                segment: "\0".repeat(HUGE),
                ..Default::default()
            },
            Expect::Invalid(&["segment"]),
        ),
    ];
    for (label, req, expect) in bad_backlog {
        case!(c, label, p, get_ranked_backlog, req, expect);
    }
    case!(
        c,
        "empty",
        p,
        explain_score,
        pb::ExplainScoreRequest::default(),
        Expect::Code(Code::NotFound)
    );

    // --- Scoring profiles
    case!(
        c,
        "empty",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest::default(),
        Expect::Invalid(&["params"])
    );
    case!(
        c,
        "no params",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: "x".into(),
            params: None
        },
        Expect::Invalid(&["params"])
    );
    case!(
        c,
        "default params",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: "x".into(),
            params: Some(pb::ScoringParams::default())
        },
        Expect::Invalid(&["params.half_life_days"])
    );
    let hostile_params = pb::ScoringParams {
        w_value: f64::NAN,
        w_reach: f64::INFINITY,
        w_fit: -1.0,
        half_life_days: f64::NEG_INFINITY,
        renewal_window_days: i64::MAX,
        health_threshold: i32::MIN,
        key_share: f64::NAN,
        broad_min_accounts: i64::MIN,
        ..Default::default()
    };
    case!(
        c,
        "NaN, infinite and negative params",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: "x".into(),
            params: Some(hostile_params)
        },
        Expect::Invalid(&[
            "params.w_value",
            "params.w_reach",
            "params.w_fit",
            "params.half_life_days",
            "params.renewal_window_days",
            "params.health_threshold",
            "params.key_share"
        ])
    );
    case!(
        c,
        "name huge",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: "n".repeat(HUGE),
            params: Some(seed.default_params)
        },
        Expect::Invalid(&["name"])
    );
    case!(
        c,
        "name blank",
        p,
        create_scoring_profile,
        pb::CreateScoringProfileRequest {
            name: "\u{3000}\t".into(),
            params: Some(seed.default_params)
        },
        Expect::Invalid(&["name"])
    );
    case!(
        c,
        "empty",
        p,
        list_scoring_profiles,
        pb::ListScoringProfilesRequest {},
        Expect::Ok
    );
    case!(
        c,
        "empty",
        p,
        set_active_profile,
        pb::SetActiveProfileRequest::default(),
        Expect::Code(Code::NotFound)
    );

    // --- Themes, alignment, effort
    case!(
        c,
        "empty",
        p,
        create_theme,
        pb::CreateThemeRequest::default(),
        Expect::Invalid(&["name"])
    );
    for weight in [f64::NAN, f64::INFINITY, -0.1, 1.1] {
        case!(
            c,
            format!("weight {weight}"),
            p,
            create_theme,
            pb::CreateThemeRequest {
                name: "T".into(),
                weight,
                ..Default::default()
            },
            Expect::Invalid(&["weight"])
        );
    }
    case!(
        c,
        "name and description huge",
        p,
        create_theme,
        pb::CreateThemeRequest {
            name: "n".repeat(HUGE),
            description: "d".repeat(HUGE),
            weight: 0.5,
            active: true
        },
        Expect::Invalid(&["name", "description"])
    );
    case!(
        c,
        "name taken",
        p,
        create_theme,
        pb::CreateThemeRequest {
            name: "Enterprise".into(),
            weight: 0.5,
            ..Default::default()
        },
        Expect::Invalid(&["name"])
    );
    case!(
        c,
        "empty",
        p,
        update_theme,
        pb::UpdateThemeRequest::default(),
        Expect::Code(Code::NotFound)
    );
    case!(
        c,
        "weight NaN",
        p,
        update_theme,
        pb::UpdateThemeRequest {
            id: seed.theme_id,
            weight: Some(f64::NAN),
            ..Default::default()
        },
        Expect::Invalid(&["weight"])
    );
    case!(
        c,
        "name blank",
        p,
        update_theme,
        pb::UpdateThemeRequest {
            id: seed.theme_id,
            name: Some(" \u{3000}".into()),
            ..Default::default()
        },
        Expect::Invalid(&["name"])
    );
    case!(
        c,
        "description huge",
        p,
        update_theme,
        pb::UpdateThemeRequest {
            id: seed.theme_id,
            description: Some("d".repeat(HUGE)),
            ..Default::default()
        },
        Expect::Invalid(&["description"])
    );
    case!(
        c,
        "empty",
        p,
        list_themes,
        pb::ListThemesRequest {},
        Expect::Ok
    );
    case!(
        c,
        "empty",
        p,
        align_request,
        pb::AlignRequestRequest::default(),
        Expect::Code(Code::NotFound)
    );
    for alignment in [f64::NAN, f64::NEG_INFINITY, -0.5, 1.5] {
        case!(
            c,
            format!("alignment {alignment}"),
            p,
            align_request,
            pb::AlignRequestRequest {
                request_id: seed.request_id,
                theme_id: seed.theme_id,
                alignment
            },
            Expect::Invalid(&["alignment"])
        );
    }
    case!(
        c,
        "empty",
        p,
        set_effort,
        pb::SetEffortRequest::default(),
        Expect::Code(Code::NotFound)
    );
    for effort in [f64::NAN, f64::INFINITY, -1.0, 10_000.5, f64::MAX] {
        case!(
            c,
            format!("effort {effort}"),
            p,
            set_effort,
            pb::SetEffortRequest {
                request_id: seed.request_id,
                effort
            },
            Expect::Invalid(&["effort"])
        );
    }
    case!(
        c,
        "the seeded profile",
        p,
        set_active_profile,
        pb::SetActiveProfileRequest {
            profile_id: seed.profile_id
        },
        Expect::Ok
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
