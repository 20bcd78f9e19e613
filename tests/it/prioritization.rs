//! The ranked backlog through the API: value over volume, explanations that add up, profiles,
//! themes, effort, filters and telemetry.

use sift::pb;
use tonic::Code;

use crate::fixtures::{account, violated_fields};
use crate::harness::{TestApp, each_backend};

fn acct(id: &str, arr: i64, tier: pb::Tier, segment: &str) -> pb::AccountInput {
    pb::AccountInput {
        tier: Some(tier as i32),
        segment: Some(segment.into()),
        ..account(id, arr)
    }
}

async fn seed_accounts(app: &mut TestApp) {
    let mut accounts = vec![
        acct("bigco", 150_000_000, pb::Tier::Key, "enterprise"),
        acct("small-1", 500_000, pb::Tier::Standard, "smb"),
        acct("small-2", 500_000, pb::Tier::Standard, "smb"),
        acct("small-3", 500_000, pb::Tier::Standard, "smb"),
        acct("imp-1", 5_000_000, pb::Tier::Important, "mid"),
    ];
    // The rest of the customer base: 60 mid-sized accounts that ask for nothing here.
    for i in 0..60 {
        accounts.push(acct(
            &format!("other-{i}"),
            2_000_000,
            pb::Tier::Standard,
            "mid",
        ));
    }
    app.accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts })
        .await
        .expect("accounts");
}

async fn say(app: &mut TestApp, source_ref: &str, account: &str, body: &str) -> i64 {
    let mut f = crate::fixtures::feedback(source_ref, account, body);
    f.importance = pb::Importance::Important as i32;
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest { feedback: Some(f) })
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

async fn backlog(
    app: &mut TestApp,
    req: pb::GetRankedBacklogRequest,
) -> pb::GetRankedBacklogResponse {
    app.backlog
        .get_ranked_backlog(req)
        .await
        .expect("backlog")
        .into_inner()
}

fn ids(b: &pb::GetRankedBacklogResponse) -> Vec<i64> {
    b.rows.iter().map(|r| r.request_id).collect()
}

#[tokio::test]
async fn a_quiet_key_account_outranks_loud_small_ones_and_explanations_add_up() {
    each_backend(|mut app| async move {
        seed_accounts(&mut app).await;
        let sso = say(
            &mut app,
            "K-1",
            "bigco",
            "Single sign-on with Okta for our staff",
        )
        .await;
        let mut csv = 0;
        for (i, a) in ["small-1", "small-2", "small-3"].iter().enumerate() {
            for t in 0..5 {
                // Loud: five tickets each.
                csv = say(
                    &mut app,
                    &format!("S-{i}-{t}"),
                    a,
                    "Bulk import contacts from a CSV file",
                )
                .await;
            }
        }
        assert_ne!(sso, csv);
        let b = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        assert_eq!(ids(&b), [sso, csv], "{b:?}");
        assert_eq!(b.total, 2);
        assert_eq!(b.currency, "USD");
        let top = &b.rows[0];
        assert_eq!((top.rank, top.accounts, top.arr), (1, 1, 150_000_000));
        assert_eq!(top.demand_profile, pb::DemandProfile::KeyAccount as i32);
        assert_eq!(b.rows[1].accounts, 3);
        assert_eq!(b.rows[1].demand_profile, pb::DemandProfile::LongTail as i32);
        assert!(b.profile.as_ref().expect("profile").active);

        let x = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: csv,
                profile: None,
                ..Default::default()
            })
            .await
            .expect("explain")
            .into_inner();
        assert!(x.parts_sum_to_score);
        let sum: f64 = x.weighted_parts.iter().map(|p| p.weighted).sum();
        assert!((sum / x.effort_divisor - x.score).abs() < 1e-12);
        assert_eq!(
            x.score, b.rows[1].score,
            "the backlog and the explanation agree"
        );
        assert_eq!(x.accounts.len(), 3);
        assert!(x.accounts.iter().all(|a| a.feedback_count == 5));
        assert!(
            x.accounts
                .windows(2)
                .all(|w| w[0].contribution >= w[1].contribution)
        );
        assert!(!x.quotes.is_empty());
        assert!(x.quotes[0].text.contains("CSV"));

        // Fifty tickets from one account are one account's demand: more tickets from the same
        // accounts leave customer value where it was.
        let before = b.rows[1].parts.as_ref().expect("parts").customer_value;
        for t in 5..10 {
            say(
                &mut app,
                &format!("S-0-{t}"),
                "small-1",
                "Bulk import contacts from a CSV file",
            )
            .await;
        }
        let after = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        let row = after
            .rows
            .iter()
            .find(|r| r.request_id == csv)
            .expect("csv");
        assert_eq!(row.parts.as_ref().expect("parts").customer_value, before);
        // And the other request's score did not move.
        let sso_row = after
            .rows
            .iter()
            .find(|r| r.request_id == sso)
            .expect("sso");
        assert_eq!(sso_row.score, b.rows[0].score);

        let err = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: 999,
                profile: None,
                ..Default::default()
            })
            .await
            .expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

#[tokio::test]
async fn many_accounts_outrank_one_and_filters_narrow_the_backlog() {
    each_backend(|mut app| async move {
        seed_accounts(&mut app).await;
        let mut broad = 0;
        for i in 0..8 {
            broad = say(
                &mut app,
                &format!("B-{i}"),
                &format!("other-{i}"),
                "Dark mode for the dashboard",
            )
            .await;
        }
        // Across tiers: a broad demand.
        say(&mut app, "B-imp", "imp-1", "Dark mode for the dashboard").await;
        let lone = say(
            &mut app,
            "L-1",
            "small-1",
            "Custom field for purchase order numbers",
        )
        .await;
        let b = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        assert_eq!(ids(&b), [broad, lone], "{b:?}");
        assert_eq!(
            b.rows[0].demand_profile,
            pb::DemandProfile::Broad as i32,
            "{b:?}"
        );

        let only = |f: pb::GetRankedBacklogRequest| {
            let mut c = app.backlog.clone();
            async move { ids(&c.get_ranked_backlog(f).await.expect("backlog").into_inner()) }
        };
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                segment: "smb".into(),
                ..Default::default()
            })
            .await,
            [lone]
        );
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                min_accounts: 2,
                ..Default::default()
            })
            .await,
            [broad]
        );
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                tier: pb::Tier::Key as i32,
                ..Default::default()
            })
            .await,
            Vec::<i64>::new()
        );
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                demand_profile: pb::DemandProfile::LongTail as i32,
                ..Default::default()
            })
            .await,
            [lone]
        );
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                demand_profile: pb::DemandProfile::Broad as i32,
                ..Default::default()
            })
            .await,
            [broad]
        );
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                tier: pb::Tier::Important as i32,
                ..Default::default()
            })
            .await,
            [broad]
        );
        let future = crate::fixtures::at(chrono::Utc::now().timestamp() + 3_600);
        assert_eq!(
            only(pb::GetRankedBacklogRequest {
                evidence_after: Some(future),
                ..Default::default()
            })
            .await,
            Vec::<i64>::new()
        );
        // Paging through one row at a time gives the same order.
        let first = backlog(
            &mut app,
            pb::GetRankedBacklogRequest {
                page_size: 1,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(ids(&first), [broad]);
        let second = backlog(
            &mut app,
            pb::GetRankedBacklogRequest {
                page_size: 1,
                page_token: first.next_page_token,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(ids(&second), [lone]);
        assert!(second.next_page_token.is_empty());
        let err = app
            .backlog
            .get_ranked_backlog(pb::GetRankedBacklogRequest {
                page_size: 501,
                ..Default::default()
            })
            .await
            .expect_err("page size");
        assert_eq!(violated_fields(&err), ["page_size"]);
    })
    .await;
}

#[tokio::test]
async fn themes_profiles_and_effort_change_the_order_as_asked() {
    each_backend(|mut app| async move {
        seed_accounts(&mut app).await;
        let a = say(&mut app, "A-1", "other-1", "Dark mode for the dashboard").await;
        let b = say(&mut app, "B-1", "other-2", "Audit log export to Splunk").await;
        let theme = app
            .backlog
            .create_theme(pb::CreateThemeRequest {
                name: "Enterprise readiness".into(),
                description: "win and keep large accounts".into(),
                weight: 0.9,
                active: true,
            })
            .await
            .expect("theme")
            .into_inner();
        let err = app
            .backlog
            .create_theme(pb::CreateThemeRequest {
                name: "x".into(),
                weight: 1.5,
                ..Default::default()
            })
            .await
            .expect_err("weight");
        assert_eq!(violated_fields(&err), ["weight"]);
        app.backlog
            .align_request(pb::AlignRequestRequest {
                request_id: b,
                theme_id: theme.id,
                alignment: 1.0,
            })
            .await
            .expect("align");
        let ranked = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        assert_eq!(
            ids(&ranked)[0],
            b,
            "strategic fit lifts the aligned request"
        );
        let fit = ranked.rows[0].parts.as_ref().expect("parts").strategic_fit;
        assert!((fit - 0.9).abs() < 1e-9);
        assert_eq!(
            ids(&backlog(
                &mut app,
                pb::GetRankedBacklogRequest {
                    theme_id: theme.id,
                    ..Default::default()
                }
            )
            .await),
            [b]
        );
        // Deactivating the theme removes its fit.
        app.backlog
            .update_theme(pb::UpdateThemeRequest {
                id: theme.id,
                active: Some(false),
                ..Default::default()
            })
            .await
            .expect("update");
        let ranked = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        assert!(
            ranked
                .rows
                .iter()
                .all(|r| r.parts.as_ref().expect("parts").strategic_fit == 0.0)
        );

        // Profiles: versions, an inline what-if, the active one.
        let profiles = app
            .backlog
            .list_scoring_profiles(pb::ListScoringProfilesRequest {})
            .await
            .expect("profiles")
            .into_inner()
            .profiles;
        assert_eq!(profiles.len(), 1);
        let default = profiles[0].clone();
        assert!(default.active && default.version == 1);
        let mut params = default.params.expect("params");
        params.divide_by_effort = true;
        let v2 = app
            .backlog
            .create_scoring_profile(pb::CreateScoringProfileRequest {
                name: "default".into(),
                params: Some(params),
            })
            .await
            .expect("v2")
            .into_inner();
        assert_eq!((v2.version, v2.active), (2, false));
        app.backlog
            .set_effort(pb::SetEffortRequest {
                request_id: a,
                effort: 20.0,
            })
            .await
            .expect("effort");
        let by_effort = backlog(
            &mut app,
            pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(pb::profile_choice::Choice::ProfileName("default".into())),
                }),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(by_effort.profile.as_ref().expect("profile").version, 2);
        assert_eq!(ids(&by_effort)[0], b, "twenty person-weeks sink request a");
        let row_a = by_effort
            .rows
            .iter()
            .find(|r| r.request_id == a)
            .expect("a");
        assert_eq!(row_a.effort, Some(20.0));

        let mut bad = params;
        bad.half_life_days = 0.0;
        let err = app
            .backlog
            .get_ranked_backlog(pb::GetRankedBacklogRequest {
                profile: Some(pb::ProfileChoice {
                    choice: Some(pb::profile_choice::Choice::Inline(bad)),
                }),
                ..Default::default()
            })
            .await
            .expect_err("invalid inline");
        assert_eq!(violated_fields(&err), ["profile.inline.half_life_days"]);
        let active = app
            .backlog
            .set_active_profile(pb::SetActiveProfileRequest { profile_id: v2.id })
            .await
            .expect("activate")
            .into_inner();
        assert!(active.active);
        assert_eq!(
            backlog(&mut app, pb::GetRankedBacklogRequest::default())
                .await
                .profile
                .expect("p")
                .id,
            v2.id
        );
        let err = app
            .backlog
            .set_active_profile(pb::SetActiveProfileRequest { profile_id: 777 })
            .await
            .expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

#[tokio::test]
async fn telemetry_signals_join_requests_and_add_reach() {
    each_backend(|mut app| async move {
        seed_accounts(&mut app).await;
        let pdf = say(
            &mut app,
            "P-1",
            "other-1",
            "Please add PDF export for the weekly report",
        )
        .await;
        let signal = app
            .telemetry
            .define_signal(pb::DefineSignalRequest {
                key: "export.pdf.unsupported".into(),
                description: "User tried to export the weekly report as PDF".into(),
            })
            .await
            .expect("signal")
            .into_inner();
        assert_eq!(
            signal.request_id, pdf,
            "the signal's description joins the PDF request"
        );
        let err = app
            .telemetry
            .define_signal(pb::DefineSignalRequest {
                key: "bad key!".into(),
                description: String::new(),
            })
            .await
            .expect_err("invalid");
        assert_eq!(violated_fields(&err), ["key", "description"]);

        let before = backlog(&mut app, pb::GetRankedBacklogRequest::default())
            .await
            .rows[0]
            .parts
            .expect("parts")
            .reach;
        let now = crate::fixtures::now();
        let mut events = Vec::new();
        for u in 0..40 {
            for _ in 0..3 {
                events.push(pb::TelemetryEvent {
                    signal_key: "export.pdf.unsupported".into(),
                    account_external_id: format!("other-{}", u % 10),
                    user_ref: format!("user-{u}"),
                    count: 1,
                    occurred_at: Some(now),
                    ..Default::default()
                });
            }
        }
        events.push(pb::TelemetryEvent {
            signal_key: "no.such.signal".into(),
            account_external_id: "other-1".into(),
            user_ref: "u".into(),
            count: 1,
            occurred_at: Some(now),
            ..Default::default()
        });
        let report = app
            .telemetry
            .record_telemetry(tokio_stream::iter(events))
            .await
            .expect("record")
            .into_inner();
        assert_eq!((report.accepted, report.rejected), (120, 1));
        assert_eq!(report.rejections[0].position, 120);
        assert!(report.rejections[0].reason.contains("no.such.signal"));
        let after = backlog(&mut app, pb::GetRankedBacklogRequest::default()).await;
        let reach = after.rows[0].parts.expect("parts").reach;
        assert!(
            reach > before,
            "telemetry users add reach: {before} -> {reach}"
        );
        let x = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: pdf,
                profile: None,
                ..Default::default()
            })
            .await
            .expect("explain")
            .into_inner();
        assert_eq!(x.telemetry_users, 40);
    })
    .await;
}

#[tokio::test]
async fn the_demo_loads_a_meaningful_backlog_once() {
    each_backend(|mut app| async move {
        assert!(
            sift::demo::load(app.addr, "", &app.clock)
                .await
                .expect("demo")
        );
        // A second start does not load it again.
        assert!(
            !sift::demo::load(app.addr, "", &app.clock)
                .await
                .expect("demo again")
        );
        let b = backlog(
            &mut app,
            pb::GetRankedBacklogRequest {
                page_size: 100,
                ..Default::default()
            },
        )
        .await;
        assert!(b.total >= 8, "{}", b.total);
        let demand: std::collections::HashSet<i32> =
            b.rows.iter().map(|r| r.demand_profile).collect();
        assert!(demand.contains(&(pb::DemandProfile::KeyAccount as i32)));
        assert!(demand.contains(&(pb::DemandProfile::LongTail as i32)));
        assert!(
            b.rows.iter().any(|r| r.title.contains("导出")),
            "Chinese titles survive"
        );
        assert!(
            b.rows
                .iter()
                .any(|r| r.parts.expect("parts").strategic_fit > 0.0)
        );
        // Every row explains itself.
        for row in b.rows.iter().take(5) {
            let x = app
                .backlog
                .explain_score(pb::ExplainScoreRequest {
                    request_id: row.request_id,
                    profile: None,
                    ..Default::default()
                })
                .await
                .expect("explain")
                .into_inner();
            assert!(x.parts_sum_to_score);
            assert_eq!(x.score, row.score);
        }
    })
    .await;
}

/// The unfiltered backlog keeps its rank order up to date incrementally as evidence arrives and
/// statuses change; it must always equal a full sort (the filtered path sorts from scratch).
#[tokio::test]
async fn the_incrementally_kept_order_equals_a_full_sort_after_every_change() {
    each_backend(|mut app| async move {
        let tiers = [50_000_000i64, 5_000_000, 100_000];
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: (0..12)
                    .map(|i| crate::fixtures::account(&format!("a{i}"), tiers[i % 3]))
                    .collect(),
            })
            .await
            .expect("accounts");
        let topics = [
            "PDF export of the weekly report",
            "Dark mode for the dashboard",
            "Single sign-on with Okta",
            "Bulk edit tags on tickets",
            "Slack alerts for overdue invoices",
            "Offline mode for the mobile app",
        ];
        let open = [
            pb::RequestStatus::New,
            pb::RequestStatus::UnderReview,
            pb::RequestStatus::Planned,
            pb::RequestStatus::InProgress,
        ];
        let ranked = |statuses: Vec<i32>| pb::GetRankedBacklogRequest {
            statuses,
            page_size: 500,
            ..Default::default()
        };
        for step in 0..30usize {
            let topic = topics[(step * 7 + step / 3) % topics.len()];
            let out = app
                .feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(crate::fixtures::feedback(
                        &format!("S-{step}"),
                        &format!("a{}", (step * 5) % 12),
                        &format!("{topic} please"),
                    )),
                })
                .await
                .expect("submit")
                .into_inner();
            if step % 9 == 8 {
                // (Already declined when the item joined a declined request: that is fine.)
                let _ = app
                    .requests
                    .update_request_status(pb::UpdateRequestStatusRequest {
                        id: out.request_id,
                        status: pb::RequestStatus::Declined as i32,
                        actor: "pm".into(),
                        reason: String::new(),
                    })
                    .await;
            }
            let cached = app
                .backlog
                .get_ranked_backlog(ranked(vec![]))
                .await
                .unwrap()
                .into_inner();
            let full = app
                .backlog
                .get_ranked_backlog(ranked(open.iter().map(|s| *s as i32).collect()))
                .await
                .unwrap()
                .into_inner();
            let ids = |r: &pb::GetRankedBacklogResponse| -> Vec<i64> {
                r.rows.iter().map(|x| x.request_id).collect()
            };
            assert_eq!(ids(&cached), ids(&full), "step {step}");
            assert!(!cached.rows.is_empty());
        }
    })
    .await;
}
