//! The PM's command line at parity with the API: every PM action run through the `sift`
//! binary against the real server, each checked against what the API answers afterwards.

use std::net::SocketAddr;
use std::process::Command;

use sift::pb;

use crate::fixtures::{token, with_token};
use crate::harness::TestApp;

/// `sift ARGS --server ADDR --token SECRET`, off the runtime's thread (which serves the
/// server); (success, stdout, stderr).
pub(crate) async fn sift(addr: SocketAddr, secret: &str, args: &[&str]) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .args(args)
        .args(["--server", &format!("http://{addr}"), "--token", secret]);
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run sift");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Like [`sift`], failing the test when the command fails; its stdout.
async fn ok(addr: SocketAddr, secret: &str, args: &[&str]) -> String {
    let (ok, out, err) = sift(addr, secret, args).await;
    assert!(ok, "sift {}: {err}{out}", args.join(" "));
    out
}

async fn request(app: &TestApp, secret: &str, id: i64) -> pb::Request {
    app.requests
        .clone()
        .get_request(with_token(
            pb::GetRequestRequest {
                id,
                evidence_limit: 1,
            },
            secret,
        ))
        .await
        .expect("request")
        .into_inner()
        .request
        .expect("request")
}

async fn submit(app: &TestApp, secret: &str, source_ref: &str, account: &str, text: &str) -> i64 {
    app.feedback
        .clone()
        .submit_feedback(with_token(
            pb::SubmitFeedbackRequest {
                feedback: Some(crate::fixtures::feedback(source_ref, account, text)),
            },
            secret,
        ))
        .await
        .expect("submit")
        .into_inner()
        .request_id
}

#[tokio::test]
async fn every_pm_action_of_the_api_has_a_command() {
    crate::harness::each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let pm = token(
                &app.database_url,
                "pm-dana",
                &["ingest", "read", "plan", "release"],
            )
            .await;
            let reader = token(&app.database_url, "viewer", &["read"]).await;
            let addr = app.addr;
            let pdf = submit(&app, &pm, "C-1", "acme", "Export the monthly report as PDF").await;
            let dark = submit(&app, &pm, "C-2", "acme", "Dark mode for the dashboard").await;
            let sso = submit(&app, &pm, "C-3", "globex", "SAML single sign-on with Okta").await;
            assert!(pdf != dark && dark != sso && pdf != sso, "three requests");
            let (pdf_s, dark_s, sso_s) = (pdf.to_string(), dark.to_string(), sso.to_string());

            // Rename, and back to the automatic title.
            let out = ok(addr, &pm, &["request", "rename", &pdf_s, "Reports as PDF"]).await;
            assert!(out.contains("\"Reports as PDF\" (PM's title)"), "{out}");
            let r = request(&app, &pm, pdf).await;
            assert_eq!(
                (r.title.as_str(), r.title_set_by_pm),
                ("Reports as PDF", true)
            );
            ok(addr, &pm, &["request", "rename", &pdf_s, "--auto"]).await;
            assert!(!request(&app, &pm, pdf).await.title_set_by_pm);
            ok(addr, &pm, &["request", "rename", &pdf_s, "Reports as PDF"]).await;
            // A reader may not; the refusal is one line with its code.
            let (done, _, err) = sift(addr, &reader, &["request", "rename", &pdf_s, "x"]).await;
            assert!(!done && err.contains("PERMISSION_DENIED"), "{err}");

            // Status, with who and why in the history: the token's name, not "?".
            let out = ok(
                addr,
                &pm,
                &[
                    "request",
                    "status",
                    &sso_s,
                    "under-review",
                    "--reason",
                    "triage",
                ],
            )
            .await;
            assert!(out.contains("is UNDER_REVIEW"), "{out}");
            assert_eq!(
                request(&app, &pm, sso).await.status,
                pb::RequestStatus::UnderReview as i32
            );
            let history = ok(addr, &pm, &["request", "history", &sso_s]).await;
            assert!(
                history.contains("NEW -> UNDER_REVIEW  by pm-dana  (triage)"),
                "{history}"
            );
            let changes = app
                .requests
                .clone()
                .list_status_history(with_token(pb::ListStatusHistoryRequest { id: sso }, &pm))
                .await
                .expect("history")
                .into_inner()
                .changes;
            assert_eq!(changes.last().map(|c| c.actor.as_str()), Some("pm-dana"));
            let (done, _, err) = sift(addr, &pm, &["request", "status", &sso_s, "merged"]).await;
            assert!(!done && err.contains("invalid value 'merged'"), "{err}");

            // Merge, then unmerge: the dark-mode request is itself again.
            ok(addr, &pm, &["request", "merge", &dark_s, &pdf_s]).await;
            assert_eq!(
                request(&app, &pm, dark).await.status,
                pb::RequestStatus::Merged as i32
            );
            let out = ok(addr, &pm, &["request", "unmerge", &dark_s]).await;
            assert!(out.contains(&format!("#{dark} unmerged")), "{out}");
            let back = request(&app, &pm, dark).await;
            assert_eq!(
                (back.status, back.merged_into),
                (pb::RequestStatus::New as i32, None)
            );

            // List and "is this already requested?"
            let list = ok(addr, &pm, &["request", "list"]).await;
            assert!(list.contains("3 requests"), "{list}");
            let similar = ok(addr, &pm, &["request", "similar", "single sign-on SAML"]).await;
            let first = similar.lines().next().unwrap_or_default().trim().to_owned();
            assert!(first.starts_with(&sso_s), "{similar}");

            // Themes: create, align, update; effort; profiles.
            let out = ok(
                addr,
                &pm,
                &[
                    "theme",
                    "create",
                    "--name",
                    "Enterprise readiness",
                    "--weight",
                    "0.8",
                ],
            )
            .await;
            let theme: String = out
                .trim_start_matches("theme ")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let out = ok(
                addr,
                &pm,
                &[
                    "request",
                    "align",
                    &sso_s,
                    "--theme",
                    &theme,
                    "--alignment",
                    "0.5",
                ],
            )
            .await;
            assert!(out.contains("aligned with theme"), "{out}");
            let explained = app
                .backlog
                .clone()
                .explain_score(with_token(
                    pb::ExplainScoreRequest {
                        request_id: sso,
                        profile: None,
                        ..Default::default()
                    },
                    &pm,
                ))
                .await
                .expect("explain")
                .into_inner();
            let fit = explained.parts.expect("parts").strategic_fit;
            assert!((fit - 0.4).abs() < 1e-9, "0.8 x 0.5 = {fit}");
            ok(addr, &pm, &["request", "effort", &sso_s, "3"]).await;
            let backlog = app
                .backlog
                .clone()
                .get_ranked_backlog(with_token(pb::GetRankedBacklogRequest::default(), &pm))
                .await
                .expect("backlog")
                .into_inner();
            let row = backlog
                .rows
                .iter()
                .find(|r| r.request_id == sso)
                .expect("row");
            assert_eq!(row.effort, Some(3.0));
            let out = ok(addr, &pm, &["theme", "update", &theme, "--inactive"]).await;
            assert!(out.contains("inactive"), "{out}");
            let themes = app
                .backlog
                .clone()
                .list_themes(with_token(pb::ListThemesRequest {}, &pm))
                .await
                .expect("themes")
                .into_inner()
                .themes;
            assert!(!themes[0].active);

            let out = ok(
                addr,
                &pm,
                &[
                    "profile",
                    "create",
                    "--name",
                    "fit-first",
                    "--set",
                    "w_fit=0.5,w_value=0.2",
                ],
            )
            .await;
            let profile: String = out
                .trim_start_matches("profile ")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let (done, _, err) = sift(
                addr,
                &pm,
                &["profile", "create", "--name", "x", "--set", "w_fitt=1"],
            )
            .await;
            assert!(
                !done && err.contains("--set w_fitt: not a parameter"),
                "{err}"
            );
            ok(addr, &pm, &["profile", "activate", &profile]).await;
            let listed = ok(addr, &pm, &["profile", "list"]).await;
            assert!(
                listed.lines().any(|l| l.contains("fit-first")
                    && l.contains("fit 0.50")
                    && l.ends_with("(active)")),
                "{listed}"
            );

            // A release, a request planned into it with its note, the roadmap view.
            ok(
                addr,
                &pm,
                &[
                    "release",
                    "create",
                    "--version",
                    "2026.48",
                    "--kind",
                    "minor",
                    "--date",
                    "2026-11-30",
                ],
            )
            .await;
            ok(addr, &pm, &["release", "plan", &pdf_s, "--release", "1"]).await;
            ok(addr, &pm, &["release", "plan", &dark_s, "--lane", "next"]).await;
            let out = ok(
                addr,
                &pm,
                &[
                    "release",
                    "note",
                    &pdf_s,
                    "--release",
                    "1",
                    "Reports > Export now offers PDF",
                ],
            )
            .await;
            assert!(
                out.contains("note \"Reports > Export now offers PDF\""),
                "{out}"
            );
            let (done, _, err) = sift(
                addr,
                &pm,
                &["release", "note", &sso_s, "--release", "1", "x"],
            )
            .await;
            assert!(
                !done && err.starts_with("sift: "),
                "not planned there: {err}"
            );
            let map = app
                .roadmap
                .clone()
                .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
                .await
                .expect("roadmap")
                .into_inner();
            assert_eq!(
                map.releases[0].items[0].release_note,
                "Reports > Export now offers PDF"
            );
            let view = ok(addr, &pm, &["roadmap"]).await;
            assert!(
                view.starts_with("release 2026.48 [id 1]: minor, 2026-11-30, planned"),
                "{view}"
            );
            assert!(
                view.contains("note: Reports > Export now offers PDF"),
                "{view}"
            );
            let next = view.split("lane NEXT:").nth(1).unwrap_or_default();
            assert!(next.contains(&format!("#{dark}")), "{view}");
            let json: serde_json::Value =
                serde_json::from_str(&ok(addr, &pm, &["roadmap", "--json"]).await).expect("json");
            assert_eq!(json["releases"][0]["items"][0]["request_id"], pdf);
            // Unplanned: off the lane.
            ok(addr, &pm, &["release", "plan", &dark_s, "--unplan"]).await;
            let view = ok(addr, &pm, &["roadmap"]).await;
            assert!(!view.contains(&format!("#{dark} ")), "{view}");
            ok(
                addr,
                &pm,
                &["release", "note", &pdf_s, "--release", "1", "--clear"],
            )
            .await;
            ok(addr, &pm, &["release", "ship", "1", "--yes"]).await;
            let view = ok(addr, &pm, &["roadmap"]).await;
            assert!(view.starts_with("no unshipped releases"), "{view}");
            let view = ok(addr, &pm, &["roadmap", "--shipped"]).await;
            assert!(
                view.contains("shipped") && view.contains("by pm-dana"),
                "{view}"
            );
        },
    )
    .await;
}

#[test]
fn every_command_and_argument_has_help() {
    // `release create` was the one without; each must say what it does and what it takes.
    let out = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(["release", "create", "--help"])
        .output()
        .expect("run sift");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.starts_with("A new release"), "{help}");
    for said in ["YYYY-MM-DD", "minor (the weekly train)", "\"2026.48\""] {
        assert!(help.contains(said), "{said} in {help}");
    }
}
