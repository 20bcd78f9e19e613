//! Adoption signals, adoption curves and release impact (OutcomeService), worked by hand with
//! a release that shipped 40 days ago (backdated in the database: ShipRelease ships now).

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, Database};
use sift::pb;
use sift::pb::outcome_service_client::OutcomeServiceClient;
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{account, at, feedback, violated_fields};
use crate::harness::{TestApp, each_backend};

const PDF: &str = "Please add PDF export for the weekly report";
const SSO: &str = "Single sign-on with Okta SAML for our staff";

pub(crate) fn client(app: &TestApp) -> OutcomeServiceClient<Channel> {
    OutcomeServiceClient::new(app.channel.clone())
}

fn days_ago(n: i64) -> chrono::DateTime<Utc> {
    Utc::now() - Duration::days(n)
}

/// A STANDARD account without a CSM (one notification per contact, no CSM task), known since
/// 100 days ago.
fn customer(ext: &str, arr: i64, health: i32, renewal: &str) -> pb::AccountInput {
    let mut a = account(ext, arr);
    a.tier = Some(pb::Tier::Standard as i32);
    a.csm_email = Some(String::new());
    a.health = Some(health);
    a.renewal_date = Some(renewal.into());
    a.effective_at = Some(at(days_ago(100).timestamp()));
    a
}

async fn say(app: &mut TestApp, source_ref: &str, account: &str, email: &str, body: &str) -> i64 {
    let mut input = feedback(source_ref, account, body);
    input.occurred_at = Some(at(days_ago(60).timestamp()));
    if !email.is_empty() {
        input.contact = Some(pb::ContactRef {
            email: email.into(),
            ..Default::default()
        });
    }
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(input),
        })
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

fn event(account: &str, user: &str, days: i64) -> pb::TelemetryEvent {
    pb::TelemetryEvent {
        signal_key: "report.export.pdf".into(),
        account_external_id: account.into(),
        user_ref: user.into(),
        count: 1,
        occurred_at: Some(at(days_ago(days).timestamp())),
        ..Default::default()
    }
}

pub(crate) async fn renewal(
    app: &TestApp,
    reference: &str,
    account: &str,
    days: i64,
    outcome: pb::RenewalOutcome,
    before: i64,
    after: i64,
) {
    client(app)
        .record_renewal(pb::RecordRenewalRequest {
            reference: reference.into(),
            account_external_id: account.into(),
            renewed_on: days_ago(days).date_naive().to_string(),
            outcome: outcome as i32,
            arr_before: before,
            arr_after: after,
        })
        .await
        .expect("renewal");
}

#[tokio::test]
async fn adoption_signals_are_validated_and_replaced() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        let pdf = say(&mut app, "t1", "acme", "", PDF).await;
        app.telemetry
            .define_signal(pb::DefineSignalRequest {
                key: "report.export.pdf".into(),
                description: "Exported the weekly report as PDF".into(),
            })
            .await
            .expect("signal");
        let missing = outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id: 999_999,
                signal_keys: vec!["report.export.pdf".into()],
            })
            .await
            .expect_err("unknown request");
        assert_eq!(missing.code(), Code::NotFound);
        let bad = outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id: pdf,
                signal_keys: vec![
                    "report.export.pdf".into(),
                    "bad key!".into(),
                    "no.such.signal".into(),
                ],
            })
            .await
            .expect_err("bad names");
        assert_eq!(bad.code(), Code::InvalidArgument);
        assert_eq!(violated_fields(&bad), ["signal_keys[1]", "signal_keys[2]"]);
        assert!(
            bad.message().contains("no.such.signal"),
            "{}",
            bad.message()
        );

        let set = outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id: pdf,
                signal_keys: vec!["report.export.pdf".into(), " report.export.pdf".into()],
            })
            .await
            .expect("set")
            .into_inner();
        assert_eq!(set.signal_keys, ["report.export.pdf"]);
        // Not shipped: nothing to count from.
        let early = outcomes
            .get_adoption(pb::GetAdoptionRequest {
                request_id: pdf,
                days: 0,
            })
            .await
            .expect_err("not shipped");
        assert_eq!(early.code(), Code::FailedPrecondition);
        let cleared = outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id: pdf,
                signal_keys: vec![],
            })
            .await
            .expect("clear")
            .into_inner();
        assert!(cleared.signal_keys.is_empty());
    })
    .await;
}

/// Worked by hand. T = today, the release ships on S = T-40; window 90 days, health
/// threshold 50 (the default profile). Amounts in minor units.
///
/// | account | ARR at S | health at S | asked (T-60) | contact | renewal after S | adoption (pdf signal) |
/// | r1 | 1,000,000 | 80 | PDF | ann (acked DELIVERED) | RENEWED T-20 | u1, u2 on S+2; u3 on S+10 |
/// | r2 | 2,000,000 (3,000,000 from T-10) | 30 (90 from T-10) | PDF | bo (pending) | - | u1 on S+20 |
/// | r3 | 500,000 | 80 | PDF | - | - | - |
/// | c1 | 4,000,000 | 80 | SSO (open) | - | CHURNED T-30 | - |
/// | c2 | 800,000 | 80 | SSO (open) | - | - | - |
/// | o1 | 100,000 | 80 | - | - | - | x1 on S+2 (not a requester) |
///
/// PDF: requesting accounts 3; notified 2 contacts, delivered 1. Adopted within 7 days: r1
/// (2 users); 30 days: r1, r2 (4 users); 90 days the same. At risk at S: r1 (renews T-20,
/// within 90 days of S) and r2 (health 30 then, reconstructed from the history) = 3,000,000;
/// their next renewals: r1 RENEWED 1,000,000 -> 1,000,000, r2 none yet. Comparison: c1 (at
/// risk by its T-30 renewal, waiting on SSO, which did not ship) 4,000,000, CHURNED
/// 4,000,000 -> 0; c2 is not at risk (renews far ahead, healthy); r3 is not at risk.
#[tokio::test]
async fn release_impact_worked_by_hand() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        let far = (Utc::now().date_naive() + chrono::Days::new(300)).to_string();
        let near = days_ago(20).date_naive().to_string();
        let c1_renews = days_ago(30).date_naive().to_string();
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![
                    customer("r1", 1_000_000, 80, &near),
                    customer("r2", 2_000_000, 30, &far),
                    customer("r3", 500_000, 80, &far),
                    customer("c1", 4_000_000, 80, &c1_renews),
                    customer("c2", 800_000, 80, &far),
                    customer("o1", 100_000, 80, &far),
                ],
            })
            .await
            .expect("accounts");
        // r2 grows and recovers after the ship day.
        let mut r2 = customer("r2", 3_000_000, 90, &far);
        r2.effective_at = Some(at(days_ago(10).timestamp()));
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts: vec![r2] })
            .await
            .expect("r2 changes");

        let pdf = say(&mut app, "p1", "r1", "ann@r1.example", PDF).await;
        assert_eq!(say(&mut app, "p2", "r2", "bo@r2.example", PDF).await, pdf);
        assert_eq!(say(&mut app, "p3", "r3", "", PDF).await, pdf);
        let sso = say(&mut app, "s1", "c1", "", SSO).await;
        assert_eq!(say(&mut app, "s2", "c2", "", SSO).await, sso);
        assert_ne!(pdf, sso);

        app.telemetry
            .define_signal(pb::DefineSignalRequest {
                key: "report.export.pdf".into(),
                description: "Exported the weekly report as PDF".into(),
            })
            .await
            .expect("signal");
        outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id: pdf,
                signal_keys: vec!["report.export.pdf".into()],
            })
            .await
            .expect("adoption signals");

        let release = crate::roadmap::release(&mut app, "2026.10", "2026-10-01").await;
        crate::roadmap::plan(&mut app, pdf, release.id).await;
        crate::roadmap::ship(&mut app, release.id).await;
        // Backdate the ship to S = T-40.
        let shipped_us = days_ago(40).timestamp_micros();
        let db = Database::connect(app.database_url.as_str())
            .await
            .expect("connect");
        for sql in [
            format!(
                "UPDATE releases SET shipped_at = {shipped_us} WHERE id = {}",
                release.id
            ),
            format!(
                "UPDATE request_status_history SET at = {shipped_us} \
                 WHERE request_id = {pdf} AND to_status = 'SHIPPED'"
            ),
        ] {
            db.execute_unprepared(&sql).await.expect("backdate");
        }
        db.close().await.expect("close");

        // Ann's notification is delivered; Bo's stays pending.
        let pending = app
            .notifications
            .list_pending_notifications(pb::ListPendingNotificationsRequest {
                limit: 100,
                lease_seconds: 0,
            })
            .await
            .expect("pending")
            .into_inner()
            .notifications;
        let ann = pending
            .iter()
            .find(|n| n.recipient.contains("ann@"))
            .expect("ann told");
        app.notifications
            .ack_notifications(pb::AckNotificationsRequest {
                acks: vec![pb::Ack {
                    id: ann.id,
                    outcome: pb::AckOutcome::Delivered as i32,
                    reason: String::new(),
                    attempt: 0,
                }],
            })
            .await
            .expect("ack");

        renewal(
            &app,
            "R-r1",
            "r1",
            20,
            pb::RenewalOutcome::Renewed,
            1_000_000,
            1_000_000,
        )
        .await;
        renewal(
            &app,
            "R-c1",
            "c1",
            30,
            pb::RenewalOutcome::Churned,
            4_000_000,
            0,
        )
        .await;

        let events = vec![
            event("r1", "u1", 38),
            event("r1", "u1", 38),
            event("r1", "u2", 38),
            event("r1", "u3", 30),
            event("r1", "u1", 30),
            event("r2", "u1", 20),
            event("o1", "x1", 38),
            // Before the ship day: not adoption.
            event("r3", "u9", 45),
        ];
        let report = app
            .telemetry
            .record_telemetry(tokio_stream::iter(events))
            .await
            .expect("telemetry")
            .into_inner();
        assert_eq!(report.rejected, 0);

        let adoption = outcomes
            .get_adoption(pb::GetAdoptionRequest {
                request_id: pdf,
                days: 30,
            })
            .await
            .expect("adoption")
            .into_inner();
        assert_eq!(adoption.requesting_accounts, 3);
        assert_eq!(adoption.days.len(), 30);
        let day = |n: usize| {
            let d = &adoption.days[n];
            (
                d.requesting_accounts,
                d.requesting_users,
                d.other_accounts,
                d.other_users,
            )
        };
        assert_eq!(day(0), (0, 0, 0, 0));
        assert_eq!(day(2), (1, 2, 1, 1), "S+2: r1 (u1, u2) and o1");
        assert_eq!(day(10), (1, 2, 0, 0), "S+10: r1 (u1, u3)");
        assert_eq!(day(20), (1, 1, 0, 0), "S+20: r2");
        assert_eq!(adoption.days[2].day, days_ago(38).date_naive().to_string());
        let windows: Vec<_> = adoption
            .windows
            .iter()
            .map(|w| (w.days, w.accounts, w.users))
            .collect();
        assert_eq!(windows, [(7, 1, 2), (30, 2, 4), (90, 2, 4)]);
        let accounts: Vec<_> = adoption
            .accounts
            .iter()
            .map(|a| {
                (
                    a.account_external_id.as_str(),
                    a.users,
                    a.first_used_on.is_empty(),
                )
            })
            .collect();
        assert_eq!(
            accounts,
            [("r1", 3, false), ("r2", 1, false), ("r3", 0, true)]
        );

        let impact = outcomes
            .get_release_impact(pb::GetReleaseImpactRequest {
                release_id: release.id,
                renewal_window_days: 0,
            })
            .await
            .expect("impact")
            .into_inner();
        assert_eq!(impact.version, "2026.10");
        assert_eq!(
            (impact.renewal_window_days, impact.health_threshold),
            (90, 50)
        );
        assert_eq!(impact.requests.len(), 1);
        let r = &impact.requests[0];
        assert_eq!(r.request_id, pdf);
        assert_eq!(r.signal_keys, ["report.export.pdf"]);
        assert_eq!(r.requesting_accounts, 3);
        assert_eq!((r.contacts_notified, r.contacts_delivered), (2, 1));
        let windows: Vec<_> = r
            .adoption
            .iter()
            .map(|w| (w.days, w.accounts, w.users))
            .collect();
        assert_eq!(windows, [(7, 1, 2), (30, 2, 4), (90, 2, 4)]);
        let s = r.at_risk.expect("at risk");
        assert_eq!(
            (
                s.accounts,
                s.arr_at_risk,
                s.renewed,
                s.no_renewal_yet,
                s.churned
            ),
            (2, 3_000_000, 1, 1, 0)
        );
        assert_eq!((s.arr_before, s.arr_after), (1_000_000, 1_000_000));
        let by_account: Vec<_> = r
            .accounts
            .iter()
            .map(|a| {
                (
                    a.account_external_id.as_str(),
                    a.arr_at_ship,
                    a.health_at_ship,
                    a.renewing,
                    a.unhealthy,
                    a.contacts_notified,
                    a.contacts_delivered,
                    a.users_90,
                    a.next_renewal.as_ref().map(|n| n.reference.as_str()),
                )
            })
            .collect();
        assert_eq!(
            by_account,
            [
                (
                    "r1",
                    Some(1_000_000),
                    Some(80),
                    true,
                    false,
                    1,
                    1,
                    3,
                    Some("R-r1")
                ),
                ("r2", Some(2_000_000), Some(30), false, true, 1, 0, 1, None),
                ("r3", Some(500_000), Some(80), false, false, 0, 0, 0, None),
            ]
        );
        let c = impact.comparison.expect("comparison");
        assert_eq!(
            (
                c.accounts,
                c.arr_at_risk,
                c.churned,
                c.arr_before,
                c.arr_after
            ),
            (1, 4_000_000, 1, 4_000_000, 0)
        );
        let names: Vec<_> = impact
            .comparison_accounts
            .iter()
            .map(|a| a.account_external_id.as_str())
            .collect();
        assert_eq!(names, ["c1"]);

        // The same from the command line.
        let id = release.id.to_string();
        let (ok, table, err) =
            crate::cli::pm(app.addr, "", &["outcomes", "impact", "--release", &id]).await;
        assert!(ok, "{err}");
        assert!(table.contains("told 2 contacts, delivered 1"), "{table}");
        assert!(table.contains("7d 1/3 accounts (2 users)"), "{table}");
        assert!(table.contains("Comparison (not an effect"), "{table}");
        let (ok, json, err) = crate::cli::pm(
            app.addr,
            "",
            &["outcomes", "impact", "--release", &id, "--json"],
        )
        .await;
        assert!(ok, "{err}");
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(parsed["requests"][0]["at_risk"]["arr_at_risk"], 3_000_000);
        assert_eq!(parsed["comparison_accounts"][0]["account"], "c1");
        let pdf_id = pdf.to_string();
        let (ok, json, err) = crate::cli::pm(
            app.addr,
            "",
            &[
                "outcomes",
                "adoption",
                "--request",
                &pdf_id,
                "--days",
                "30",
                "--json",
            ],
        )
        .await;
        assert!(ok, "{err}");
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(parsed["windows"][1]["accounts"], 2);
        assert_eq!(parsed["days"][2]["requesting_users"], 2);
        let (ok, said, err) = crate::cli::pm(
            app.addr,
            "",
            &[
                "outcomes",
                "signals",
                "--request",
                &pdf_id,
                "--signal",
                "report.export.pdf",
            ],
        )
        .await;
        assert!(
            ok && said.contains("adoption signals report.export.pdf"),
            "{said}{err}"
        );
        let (ok, _, err) = crate::cli::pm(
            app.addr,
            "",
            &[
                "outcomes",
                "signals",
                "--request",
                &pdf_id,
                "--signal",
                "bad key!",
            ],
        )
        .await;
        assert!(
            !ok && err.contains("INVALID_ARGUMENT") && err.contains("signal_keys[0]"),
            "{err}"
        );

        let unshipped = crate::roadmap::release(&mut app, "2026.11", "2026-11-01").await;
        let err = outcomes
            .get_release_impact(pb::GetReleaseImpactRequest {
                release_id: unshipped.id,
                renewal_window_days: 0,
            })
            .await
            .expect_err("not shipped");
        assert_eq!(err.code(), Code::FailedPrecondition);
        let err = outcomes
            .get_release_impact(pb::GetReleaseImpactRequest {
                release_id: 999_999,
                renewal_window_days: 0,
            })
            .await
            .expect_err("unknown");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

const NOISE: [&str; 12] = [
    "Add a calendar integration with Microsoft Outlook",
    "Allow bulk editing of invoices in the billing page",
    "Support two-factor authentication codes sent by SMS",
    "Export dashboards to Excel spreadsheets",
    "Provide a native mobile app for Android phones",
    "Let us customise the wording of email templates",
    "Post Slack alerts when a ticket is escalated",
    "Show a Gantt chart of project timelines",
    "Raise the API rate limit for integration partners",
    "Translate the interface into German",
    "Keyboard shortcuts for power users in the editor",
    "Import contacts from Salesforce automatically",
];

async fn ask_on(app: &mut TestApp, source_ref: &str, account: &str, body: &str, days: i64) -> i64 {
    let mut input = feedback(source_ref, account, body);
    input.occurred_at = Some(at(days_ago(days).timestamp()));
    app.feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(input),
        })
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

/// Worked by hand, as of A = T-30 with a 30-day horizon:
///
/// | account | ARR at A | asked by A | renewal after A |
/// | big | 5,000,000 | SSO (1 item) | CHURNED T-10 |
/// | mid | 1,000,000 | dark mode (2 items) | CONTRACTED to 600,000 on T-5 |
/// | small | 100,000 | PDF (5 items) | RENEWED T-5 |
/// | n1-n3 | 50,000 each | 12 other needs, 3 items each (one per account) | - |
/// | late | 2,000,000 | audit log, on T-10 (after A: not ranked) | - |
///
/// Lost in the horizon: 5,000,000 + 400,000 = 5,400,000. The default profile ranks SSO first
/// (big's ARR at A, reconstructed: it is 0 now); votes rank PDF first and the 3-item needs next,
/// so SSO (1 vote) and dark mode (2) fall below the top 10: votes capture nothing in the top 10
/// and all 5,400,000 in the top 25.
#[tokio::test]
async fn backtest_against_votes_worked_by_hand() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        let far = (Utc::now().date_naive() + chrono::Days::new(300)).to_string();
        let mut accounts = vec![
            customer("big", 5_000_000, 80, &far),
            customer("mid", 1_000_000, 80, &far),
            customer("small", 100_000, 80, &far),
            customer("late", 2_000_000, 80, &far),
        ];
        for n in 1..=3 {
            accounts.push(customer(&format!("n{n}"), 50_000, 80, &far));
        }
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts })
            .await
            .expect("accounts");
        let sso = ask_on(&mut app, "b1", "big", SSO, 60).await;
        let dark = ask_on(
            &mut app,
            "m1",
            "mid",
            "Please add a dark mode theme to the app",
            60,
        )
        .await;
        assert_eq!(
            ask_on(
                &mut app,
                "m2",
                "mid",
                "A dark mode theme for the app please",
                59
            )
            .await,
            dark
        );
        let pdf = ask_on(&mut app, "s1", "small", PDF, 60).await;
        for i in 2..=5 {
            ask_on(&mut app, &format!("s{i}"), "small", PDF, 60).await;
        }
        for (i, need) in NOISE.iter().enumerate() {
            for n in 1..=3 {
                ask_on(&mut app, &format!("n{i}-{n}"), &format!("n{n}"), need, 50).await;
            }
        }
        let audit = ask_on(&mut app, "l1", "late", "An audit log of admin actions", 10).await;
        renewal(
            &app,
            "R-big",
            "big",
            10,
            pb::RenewalOutcome::Churned,
            5_000_000,
            0,
        )
        .await;
        renewal(
            &app,
            "R-mid",
            "mid",
            5,
            pb::RenewalOutcome::Contracted,
            1_000_000,
            600_000,
        )
        .await;
        renewal(
            &app,
            "R-small",
            "small",
            5,
            pb::RenewalOutcome::Renewed,
            100_000,
            100_000,
        )
        .await;

        let as_of = days_ago(30).date_naive().to_string();
        let b = outcomes
            .backtest_profile(pb::BacktestProfileRequest {
                profile: String::new(),
                as_of: as_of.clone(),
                horizon_days: 30,
                against_profile: String::new(),
            })
            .await
            .expect("backtest")
            .into_inner();
        assert_eq!(b.arr_lost, 5_400_000);
        assert_eq!(b.losses.len(), 2);
        let ranking = b.ranking.expect("ranking");
        let votes = b.against.expect("against");
        assert_eq!(votes.name, "votes");
        let ids = |r: &pb::BacktestRanking| r.top.iter().map(|x| x.request_id).collect::<Vec<_>>();
        assert!(!ids(&ranking).contains(&audit), "asked after as_of");
        assert_eq!(ranking.top[0].request_id, sso, "{:?}", ranking.top);
        assert_eq!(votes.top[0].request_id, pdf);
        assert_eq!(votes.top[0].votes, 5);
        let captured = |r: &pb::BacktestRanking| {
            r.captures
                .iter()
                .map(|c| (c.top, c.arr_lost))
                .collect::<Vec<_>>()
        };
        assert!(b.open_requests >= 12, "{}", b.open_requests);
        assert_eq!(
            captured(&votes),
            [(10, 0), (25, 5_400_000), (50, 5_400_000)]
        );
        let top10 = &ranking.captures[0];
        assert!(top10.arr_lost >= 5_000_000, "{:?}", ranking.captures);
        assert_eq!(top10.accounts[0].account_external_id, "big");
        assert_eq!(
            (top10.accounts[0].request_id, top10.accounts[0].rank),
            (sso, 1)
        );
        assert_eq!(ranking.captures[1].arr_lost, 5_400_000);
        assert!((ranking.captures[1].share - 1.0).abs() < 1e-9);

        // The same from the command line.
        let (ok, table, err) = crate::cli::pm(
            app.addr,
            "",
            &[
                "outcomes",
                "backtest",
                "--as-of",
                &as_of,
                "--horizon-days",
                "30",
            ],
        )
        .await;
        assert!(ok, "{err}");
        assert!(table.contains("votes"), "{table}");
        assert!(table.contains("top 25"), "{table}");

        let err = outcomes
            .backtest_profile(pb::BacktestProfileRequest {
                profile: "no-such-profile".into(),
                as_of: as_of.clone(),
                horizon_days: 30,
                against_profile: String::new(),
            })
            .await
            .expect_err("unknown profile");
        assert_eq!(err.code(), Code::NotFound);
        let err = outcomes
            .backtest_profile(pb::BacktestProfileRequest {
                profile: String::new(),
                as_of: "2999-01-01".into(),
                horizon_days: 9_999,
                against_profile: String::new(),
            })
            .await
            .expect_err("bad input");
        assert_eq!(violated_fields(&err), ["as_of", "horizon_days"]);
    })
    .await;
}

/// The score a request had at a past date, reconstructed through the API and checked against
/// numbers worked by hand (default profile). As of A = end of the day T-30:
///
/// | account | ARR at A (today) | health at A (today) | asked X at A - 10 days |
/// | a | 1,000,000 (3,000,000 since T-10) | 80 | IMPORTANT |
/// | b | 1,000,000 | 80 | - |
/// | c | 2,000,000 | 40 (90 since T-10) | NICE_TO_HAVE |
///
/// Total ARR at A: 4,000,000; decay d = 0.5^(10/180) = 0.962224.
/// value   = 1 - exp(-(0.25 * 1.0 * d + 0.5 * 0.5 * d) / 0.2) = 0.909785
/// reach   = 1 - exp(-(0.6 * 2/3) / 0.1)                       = 0.981684
/// fit     = 0 (no themes)
/// urgency = 1 - exp(-(2,000,000 / 4,000,000) / 0.05)          = 0.999955 (c unhealthy at A)
/// score   = 0.4 * value + 0.2 * reach + 0.2 * urgency          = 0.760242
///
/// Today the same request scores otherwise (a's ARR tripled, c recovered), so the figure can
/// only come from the history.
#[tokio::test]
async fn a_score_at_a_past_date_matches_the_hand_computed_one() {
    each_backend(|mut app| async move {
        let far = (Utc::now().date_naive() + chrono::Days::new(300)).to_string();
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![
                    customer("a", 1_000_000, 80, &far),
                    customer("b", 1_000_000, 80, &far),
                    customer("c", 2_000_000, 40, &far),
                ],
            })
            .await
            .expect("accounts");
        let mut a = customer("a", 3_000_000, 80, &far);
        a.effective_at = Some(at(days_ago(10).timestamp()));
        let mut c = customer("c", 2_000_000, 90, &far);
        c.effective_at = Some(at(days_ago(10).timestamp()));
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![a, c],
            })
            .await
            .expect("changes after A");

        let as_of = days_ago(30).date_naive();
        let end_of_as_of = (as_of + chrono::Days::new(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        let asked = (end_of_as_of - Duration::days(10)).timestamp();
        let mut x = 0;
        for (source_ref, account, importance) in [
            ("x-a", "a", pb::Importance::Important),
            ("x-c", "c", pb::Importance::NiceToHave),
        ] {
            let mut input = feedback(source_ref, account, PDF);
            input.importance = importance as i32;
            input.occurred_at = Some(at(asked));
            x = app
                .feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(input),
                })
                .await
                .expect("submit")
                .into_inner()
                .request_id;
        }

        let b = client(&app)
            .backtest_profile(pb::BacktestProfileRequest {
                profile: String::new(),
                as_of: as_of.to_string(),
                horizon_days: 30,
                against_profile: String::new(),
            })
            .await
            .expect("backtest")
            .into_inner();
        assert_eq!(b.accounts, 3);
        let ranking = b.ranking.expect("ranking");
        let row = ranking
            .top
            .iter()
            .find(|r| r.request_id == x)
            .expect("X ranked");
        assert_eq!((row.votes, row.accounts), (2, 2));
        assert!(
            (row.score - 0.760_242).abs() < 1e-5,
            "score at {as_of}: {} (hand-computed 0.760242)",
            row.score
        );
        let today = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: x,
                profile: None,
                ..Default::default()
            })
            .await
            .expect("explain")
            .into_inner();
        assert!(
            (today.score - row.score).abs() > 0.01,
            "today {} vs then {}",
            today.score,
            row.score
        );

        // The backtest row explained down to its accounts, with their facts at as_of: the
        // same score, a at its old ARR, c counted at risk (unhealthy then), b absent.
        let then = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: x,
                profile: None,
                as_of: as_of.to_string(),
            })
            .await
            .expect("explain at as_of")
            .into_inner();
        assert_eq!(then.score.to_bits(), row.score.to_bits(), "the row's score");
        let by_account: Vec<(String, i64, i64)> = then
            .accounts
            .iter()
            .map(|c| (c.external_id.clone(), c.arr, c.feedback_count))
            .collect();
        assert_eq!(
            by_account,
            [("a".into(), 1_000_000, 1), ("c".into(), 2_000_000, 1)],
            "largest contribution first"
        );
        assert_eq!(then.revenue_at_risk, 2_000_000);
        assert_eq!(then.telemetry_users, 0);
        let value = then.weighted_parts.iter().find(|p| p.name == "value");
        assert!(
            value.is_some_and(|p| (p.value - 0.909_785).abs() < 1e-5),
            "{:?}",
            then.weighted_parts
        );
        assert!(then.parts_sum_to_score);

        // Before anyone asked, the request was not in the backlog; a bad date names the field.
        let before = (as_of - chrono::Days::new(20)).to_string();
        let err = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: x,
                profile: None,
                as_of: before,
            })
            .await
            .expect_err("no feedback by then");
        assert_eq!(err.code(), Code::FailedPrecondition, "{err:?}");
        for bad in ["2999-01-01", "last week"] {
            let err = app
                .backlog
                .explain_score(pb::ExplainScoreRequest {
                    request_id: x,
                    profile: None,
                    as_of: bad.into(),
                })
                .await
                .expect_err("bad as_of");
            assert_eq!(violated_fields(&err), ["as_of"], "{bad}");
        }
    })
    .await;
}
