//! OutcomeService: account history kept by the upsert, renewals idempotent by the CRM's
//! reference, churn exposure by request worked by hand.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use sift::pb;
use sift::pb::outcome_service_client::OutcomeServiceClient;
use tonic::Code;
use tonic::transport::Channel;

use crate::fixtures::{account, at, feedback, violated_fields};
use crate::harness::{TestApp, each_backend};

fn client(app: &TestApp) -> OutcomeServiceClient<Channel> {
    OutcomeServiceClient::new(app.channel.clone())
}

fn history_of(ext: &str) -> pb::GetAccountHistoryRequest {
    pb::GetAccountHistoryRequest {
        key: Some(pb::get_account_history_request::Key::ExternalId(ext.into())),
    }
}

fn seconds(y: i32, m: u32, d: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .expect("date")
        .timestamp()
}

async fn upsert(app: &mut TestApp, accounts: Vec<pb::AccountInput>) -> Vec<pb::Account> {
    app.accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts })
        .await
        .expect("upsert")
        .into_inner()
        .accounts
}

#[tokio::test]
async fn the_upsert_keeps_arr_tier_and_health_changes_with_their_dates() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        // Created on 10 Jan.
        let mut acme = account("acme", 60_000);
        acme.effective_at = Some(at(seconds(2026, 1, 10)));
        upsert(&mut app, vec![acme.clone()]).await;
        // A rename and a new CSM are not changes of ARR, tier or health: nothing recorded.
        let mut renamed = acme.clone();
        renamed.name = Some("Acme Renamed".into());
        renamed.csm_email = Some("other@vendor.example".into());
        renamed.effective_at = Some(at(seconds(2026, 1, 20)));
        upsert(&mut app, vec![renamed.clone()]).await;
        // 20 Feb: ARR up and an explicit tier.
        let mut grown = renamed.clone();
        grown.arr = Some(120_000);
        grown.tier = Some(pb::Tier::Key as i32);
        grown.effective_at = Some(at(seconds(2026, 2, 20)));
        upsert(&mut app, vec![grown.clone()]).await;
        // Health drops, dated now (no effective_at).
        let mut sick = grown.clone();
        sick.health = Some(30);
        sick.effective_at = None;
        let before_call = Utc::now().timestamp();
        upsert(&mut app, vec![sick.clone()]).await;
        // The same again: nothing moves.
        upsert(&mut app, vec![sick]).await;

        let history = outcomes
            .get_account_history(history_of("acme"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        let summary: Vec<_> = history
            .iter()
            .map(|c| {
                (
                    c.arr_before,
                    c.arr_after,
                    c.tier_before,
                    c.tier_after,
                    c.health_before,
                    c.health_after,
                    c.cause.as_str(),
                )
            })
            .collect();
        let key = pb::Tier::Key as i32;
        let unset = pb::Tier::Unspecified as i32;
        assert_eq!(
            summary,
            [
                (None, Some(60_000), unset, unset, None, Some(80), "UPSERT"),
                (
                    Some(60_000),
                    Some(120_000),
                    unset,
                    key,
                    Some(80),
                    Some(80),
                    "UPSERT"
                ),
                (
                    Some(120_000),
                    Some(120_000),
                    key,
                    key,
                    Some(80),
                    Some(30),
                    "UPSERT"
                ),
            ]
        );
        let dates: Vec<i64> = history
            .iter()
            .map(|c| c.effective_at.expect("effective_at").seconds)
            .collect();
        assert_eq!(dates[..2], [seconds(2026, 1, 10), seconds(2026, 2, 20)]);
        assert!(
            dates[2] >= before_call && dates[2] <= Utc::now().timestamp(),
            "no effective_at is now: {}",
            dates[2]
        );

        // A placeholder made by feedback, then described by the CRM: a change from nothing.
        app.feedback
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(feedback("T-1", "newco", "Please add SSO")),
            })
            .await
            .expect("feedback");
        upsert(&mut app, vec![account("newco", 5_000)]).await;
        let newco = outcomes
            .get_account_history(history_of("newco"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(newco.len(), 1);
        assert_eq!(
            (newco[0].arr_before, newco[0].arr_after),
            (None, Some(5_000))
        );

        // A change dated in the future is refused, naming the field, and writes nothing.
        let mut future = account("acme", 1);
        future.effective_at = Some(at(Utc::now().timestamp() + 10 * 86_400));
        let err = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("other", 9), future],
            })
            .await
            .expect_err("future");
        assert_eq!(violated_fields(&err), ["accounts[1].effective_at"]);
        let again = outcomes
            .get_account_history(history_of("acme"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(again.len(), 3);
        let err = outcomes
            .get_account_history(history_of("other"))
            .await
            .expect_err("not created");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

fn renewal(
    reference: &str,
    account: &str,
    on: NaiveDate,
    outcome: pb::RenewalOutcome,
    before: i64,
    after: i64,
) -> pb::RecordRenewalRequest {
    pb::RecordRenewalRequest {
        reference: reference.into(),
        account_external_id: account.into(),
        renewed_on: on.to_string(),
        outcome: outcome as i32,
        arr_before: before,
        arr_after: after,
    }
}

#[tokio::test]
async fn a_renewal_is_recorded_once_per_reference_and_a_churn_enters_the_history() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        // Known since 1 Jan: the churn on 10 Mar is the newest fact about its ARR.
        let mut acme = account("acme", 8_400_000);
        acme.effective_at = Some(at(seconds(2026, 1, 1)));
        upsert(&mut app, vec![acme, account("beta", 100)]).await;
        let day = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
        let churn = renewal(
            "OPP-1",
            "acme",
            day,
            pb::RenewalOutcome::Churned,
            8_400_000,
            0,
        );
        let first = outcomes
            .record_renewal(churn.clone())
            .await
            .expect("record")
            .into_inner();
        assert!(first.created);
        let stored = first.renewal.expect("renewal");
        assert_eq!(
            (
                stored.renewed_on.as_str(),
                stored.arr_before,
                stored.arr_after
            ),
            ("2026-03-10", 8_400_000, 0)
        );

        // The same again: nothing new.
        let again = outcomes
            .record_renewal(churn.clone())
            .await
            .expect("retry")
            .into_inner();
        assert!(!again.created);
        assert_eq!(again.renewal.expect("renewal").id, stored.id);

        // Same reference, different content: ALREADY_EXISTS naming the field.
        let mut other = churn.clone();
        other.outcome = pb::RenewalOutcome::Contracted as i32;
        other.arr_after = 4_000_000;
        let err = outcomes.record_renewal(other).await.expect_err("conflict");
        assert_eq!(err.code(), Code::AlreadyExists, "{err:?}");
        assert!(
            err.message().contains("OPP-1") && err.message().contains("outcome"),
            "{}",
            err.message()
        );

        // The churn is in acme's history, dated on the renewal day, and its ARR is now 0.
        let history = outcomes
            .get_account_history(history_of("acme"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(history.len(), 2, "{history:?}");
        let last = &history[1];
        assert_eq!(last.cause, "RENEWAL");
        assert_eq!(
            (last.arr_before, last.arr_after),
            (Some(8_400_000), Some(0))
        );
        assert_eq!(
            last.effective_at.expect("effective_at").seconds,
            seconds(2026, 3, 10)
        );
        let acme = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(pb::get_account_request::Key::ExternalId("acme".into())),
            })
            .await
            .expect("acme")
            .into_inner();
        assert_eq!(acme.arr, Some(0));

        // A churn older than the account's latest change goes into the history but does not
        // overwrite the newer ARR.
        let mut beta = account("beta", 200);
        beta.effective_at = Some(at(seconds(2026, 5, 1)));
        upsert(&mut app, vec![beta]).await;
        let old = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
        outcomes
            .record_renewal(renewal(
                "OPP-2",
                "beta",
                old,
                pb::RenewalOutcome::Churned,
                100,
                0,
            ))
            .await
            .expect("backfill");
        let beta = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(pb::get_account_request::Key::ExternalId("beta".into())),
            })
            .await
            .expect("beta")
            .into_inner();
        assert_eq!(beta.arr, Some(200));

        // Other outcomes do not touch the history.
        outcomes
            .record_renewal(renewal(
                "OPP-3",
                "beta",
                old,
                pb::RenewalOutcome::Renewed,
                200,
                200,
            ))
            .await
            .expect("renewed");
        let beta_history = outcomes
            .get_account_history(history_of("beta"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(
            beta_history.len(),
            3,
            "created, grown, the churn: {beta_history:?}"
        );

        // Bad input: every field named, nothing written.
        let bad = pb::RecordRenewalRequest {
            reference: " ".into(),
            account_external_id: String::new(),
            renewed_on: "2026-02-30".into(),
            outcome: 0,
            arr_before: -1,
            arr_after: 0,
        };
        let err = outcomes.record_renewal(bad).await.expect_err("bad");
        assert_eq!(
            violated_fields(&err),
            [
                "reference",
                "account_external_id",
                "renewed_on",
                "arr_before",
                "outcome"
            ]
        );
        let inconsistent = renewal("OPP-4", "beta", old, pb::RenewalOutcome::Churned, 200, 50);
        let err = outcomes
            .record_renewal(inconsistent)
            .await
            .expect_err("bad");
        assert_eq!(violated_fields(&err), ["arr_after"]);
        assert!(
            err.message().contains("must be 0 for CHURNED"),
            "{}",
            err.message()
        );
        let mut unknown_outcome = renewal("OPP-4", "beta", old, pb::RenewalOutcome::Renewed, 1, 1);
        unknown_outcome.outcome = 99;
        let err = outcomes
            .record_renewal(unknown_outcome)
            .await
            .expect_err("bad");
        assert_eq!(violated_fields(&err), ["outcome"]);
        let tomorrow = Utc::now().date_naive() + Days::new(2);
        let err = outcomes
            .record_renewal(renewal(
                "OPP-4",
                "beta",
                tomorrow,
                pb::RenewalOutcome::Renewed,
                1,
                1,
            ))
            .await
            .expect_err("future");
        assert_eq!(violated_fields(&err), ["renewed_on"]);
        let err = outcomes
            .record_renewal(renewal(
                "OPP-4",
                "nobody",
                old,
                pb::RenewalOutcome::Renewed,
                1,
                1,
            ))
            .await
            .expect_err("unknown account");
        assert_eq!(err.code(), Code::NotFound);
        assert!(err.message().contains("nobody"), "{}", err.message());
        // None of those was stored: OPP-4 is still free.
        let ok = outcomes
            .record_renewal(renewal(
                "OPP-4",
                "beta",
                old,
                pb::RenewalOutcome::Expanded,
                200,
                300,
            ))
            .await
            .expect("free")
            .into_inner();
        assert!(ok.created);
    })
    .await;
}

/// Submits one item dated `days_ago`; returns its request id, merged into `into` when
/// clustering put it elsewhere.
async fn ask(
    app: &mut TestApp,
    source_ref: &str,
    account: &str,
    body: &str,
    days_ago: u64,
    into: Option<i64>,
) -> i64 {
    let mut item = feedback(source_ref, account, body);
    let when = Utc::now() - chrono::Duration::days(days_ago as i64);
    item.occurred_at = Some(at(when.timestamp()));
    let request = app
        .feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(item),
        })
        .await
        .expect("submit")
        .into_inner()
        .request_id;
    match into {
        Some(target) if target != request => {
            app.requests
                .merge_requests(pb::MergeRequestsRequest {
                    source_id: request,
                    target_id: target,
                })
                .await
                .expect("merge");
            target
        }
        _ => request,
    }
}

/// Worked by hand (today = T, amounts in minor units):
///
/// | account | ARR now | renewal / health | asked (days before T) | renewal in the period |
/// | a1 | 8,400,000 | far / 80 | SSO (60), audit log (5) | CHURNED on T-20 |
/// | a2 | 5,000,000 | far / 80 | SSO (60), PDF (60) | CONTRACTED to 3,000,000 on T-15 |
/// | a3 | 2,000,000 | far / 80 | SSO (60) | RENEWED on T-10 |
/// | a4 | 1,000,000 | far / 80 | PDF (60) | CHURNED on T (PDF declined just before) |
/// | a5 | 3,000,000 | T+30 / 80 | SSO (10) | - |
/// | a6 | 700,000 | far / 30 | SSO (10) | - |
/// | a7 | 900,000 | far / 80 | SSO (60) | CHURNED on T-40 (before the period) |
///
/// Period T-30 .. T. Churned 8,400,000 + 1,000,000 = 9,400,000; contracted 2,000,000.
/// SSO: a1 8,400,000 + a2 2,000,000 = 10,400,000. PDF: a2 2,000,000 (open on T-15; a4 churned
/// after it was declined, so a4 waited on nothing: 1,000,000). Audit log: a1 asked after
/// churning, nothing. At risk now (default profile: renewal within 90 days or health below
/// 50): SSO a5 (renewing) 3,000,000 + a6 (unhealthy) 700,000 = 3,700,000; the audit log's a1
/// is not at risk; PDF is declined.
#[tokio::test]
async fn churn_exposure_by_request_worked_by_hand() {
    each_backend(|mut app| async move {
        let mut outcomes = client(&app);
        let today = Utc::now().date_naive();
        let far = (today + Days::new(300)).to_string();
        let mut accounts = vec![
            account("a1", 8_400_000),
            account("a2", 5_000_000),
            account("a3", 2_000_000),
            account("a4", 1_000_000),
            account("a5", 3_000_000),
            account("a6", 700_000),
            account("a7", 900_000),
        ];
        for a in &mut accounts {
            a.renewal_date = Some(far.clone());
        }
        accounts[4].renewal_date = Some((today + Days::new(30)).to_string());
        accounts[5].health = Some(30);
        let stored = upsert(&mut app, accounts).await;
        let id = |ext: &str| stored.iter().find(|a| a.external_id == ext).expect(ext).id;

        let sso = ask(
            &mut app,
            "S-1",
            "a1",
            "Please add single sign-on with Okta SAML",
            60,
            None,
        )
        .await;
        for (r, acct, days) in [
            ("S-2", "a2", 60),
            ("S-3", "a3", 60),
            ("S-5", "a5", 10),
            ("S-6", "a6", 10),
            ("S-7", "a7", 60),
        ] {
            ask(
                &mut app,
                r,
                acct,
                "We need single sign-on with Okta SAML please",
                days,
                Some(sso),
            )
            .await;
        }
        let pdf = ask(
            &mut app,
            "P-2",
            "a2",
            "Export the weekly report to PDF for our board",
            60,
            None,
        )
        .await;
        ask(
            &mut app,
            "P-4",
            "a4",
            "PDF export of the weekly report is missing",
            60,
            Some(pdf),
        )
        .await;
        let audit = ask(
            &mut app,
            "A-1",
            "a1",
            "An audit log of admin changes with timestamps",
            5,
            None,
        )
        .await;
        assert!(sso != pdf && pdf != audit && sso != audit);
        app.requests
            .update_request_status(pb::UpdateRequestStatusRequest {
                id: pdf,
                status: pb::RequestStatus::Declined as i32,
                actor: "pm".into(),
                reason: "out of scope".into(),
            })
            .await
            .expect("decline");

        let days_ago = |n: u64| today - Days::new(n);
        use pb::RenewalOutcome::*;
        for r in [
            renewal("R-1", "a1", days_ago(20), Churned, 8_400_000, 0),
            renewal("R-2", "a2", days_ago(15), Contracted, 5_000_000, 3_000_000),
            renewal("R-3", "a3", days_ago(10), Renewed, 2_000_000, 2_000_000),
            renewal("R-4", "a4", today, Churned, 1_000_000, 0),
            renewal("R-7", "a7", days_ago(40), Churned, 900_000, 0),
        ] {
            outcomes.record_renewal(r).await.expect("renewal");
        }

        let e = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: days_ago(30).to_string(),
                to: today.to_string(),
                renewal_window_days: 0,
            })
            .await
            .expect("exposure")
            .into_inner();
        assert_eq!((e.arr_churned, e.arr_contracted), (9_400_000, 2_000_000));
        assert_eq!(e.arr_lost_waiting_on_nothing, 1_000_000);
        let losses: Vec<(&str, &str, i64)> = e
            .losses
            .iter()
            .map(|l| {
                (
                    l.renewal_reference.as_str(),
                    l.account_external_id.as_str(),
                    l.arr_lost,
                )
            })
            .collect();
        assert_eq!(
            losses,
            [
                ("R-1", "a1", 8_400_000),
                ("R-2", "a2", 2_000_000),
                ("R-4", "a4", 1_000_000)
            ]
        );
        type LossRow = (i64, i64, Vec<(i64, i64)>);
        let by_request: Vec<LossRow> = e
            .requests
            .iter()
            .map(|r| {
                (
                    r.request_id,
                    r.arr_lost,
                    r.accounts
                        .iter()
                        .map(|a| (a.account_id, a.arr_lost))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            by_request,
            [
                (
                    sso,
                    10_400_000,
                    vec![(id("a1"), 8_400_000), (id("a2"), 2_000_000)]
                ),
                (pdf, 2_000_000, vec![(id("a2"), 2_000_000)]),
            ]
        );
        assert!(!e.requests[0].title.is_empty());
        assert_eq!(e.requests[1].status, "DECLINED");

        assert_eq!((e.renewal_window_days, e.health_threshold), (90, 50));
        type RiskRow = (i64, i64, Vec<(String, bool, bool)>);
        let risk: Vec<RiskRow> = e
            .at_risk
            .iter()
            .map(|r| {
                (
                    r.request_id,
                    r.arr_at_risk,
                    r.accounts
                        .iter()
                        .map(|a| (a.account_external_id.clone(), a.renewing, a.unhealthy))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            risk,
            [(
                sso,
                3_700_000,
                vec![("a5".into(), true, false), ("a6".into(), false, true)]
            )]
        );

        // A narrower renewal window leaves a5 (renewing in 30 days) out.
        let narrow = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: days_ago(30).to_string(),
                to: today.to_string(),
                renewal_window_days: 7,
            })
            .await
            .expect("exposure")
            .into_inner();
        assert_eq!(narrow.at_risk[0].arr_at_risk, 700_000);

        // A period with nothing lost; bad periods named.
        let empty = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: "2020-01-01".into(),
                to: "2020-12-31".into(),
                renewal_window_days: 0,
            })
            .await
            .expect("exposure")
            .into_inner();
        assert!(empty.losses.is_empty() && empty.requests.is_empty());
        let err = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: "2026-03-01".into(),
                to: "2026-02-01".into(),
                renewal_window_days: -1,
            })
            .await
            .expect_err("bad");
        assert_eq!(violated_fields(&err), ["to", "renewal_window_days"]);
        let err = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest::default())
            .await
            .expect_err("bad");
        assert_eq!(violated_fields(&err), ["from", "to"]);
    })
    .await;
}

/// A CRM sync that retries before its first call answered: eight calls with one reference at
/// once store one renewal and one history change, and every call answers with it.
#[tokio::test]
async fn concurrent_retries_of_one_renewal_store_it_once() {
    each_backend(|mut app| async move {
        let mut acme = account("acme", 500);
        acme.effective_at = Some(at(seconds(2026, 1, 1)));
        upsert(&mut app, vec![acme]).await;
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let mut outcomes = client(&app);
            let call = renewal("OPP-9", "acme", day, pb::RenewalOutcome::Churned, 500, 0);
            calls.spawn(async move { outcomes.record_renewal(call).await.map(|r| r.into_inner()) });
        }
        let answers = calls.join_all().await;
        let mut created = 0;
        let mut ids = std::collections::BTreeSet::new();
        for a in answers {
            let a = a.expect("every retry answers");
            created += usize::from(a.created);
            ids.insert(a.renewal.expect("renewal").id);
        }
        assert_eq!((created, ids.len()), (1, 1), "{:?}", app.backend);
        let history = client(&app)
            .get_account_history(history_of("acme"))
            .await
            .expect("history")
            .into_inner()
            .changes;
        assert_eq!(history.len(), 2, "creation and one churn: {history:?}");
    })
    .await;
}
