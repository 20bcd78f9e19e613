//! `sift import FILE.csv`: help-desk and CRM exports through ImportFeedback, against the real
//! server: presets, a column mapping, refusals by row and column, and a re-import that writes
//! nothing new.

use std::path::{Path, PathBuf};

use sift::pb;

use crate::fixtures::{token, with_token};
use crate::pm_cli::sift;

/// A Zendesk ticket export as Zendesk writes it (a BOM, its column names, quoted fields with
/// commas and line breaks), with rows a PM meets: good ones, a date that is not one, a date in
/// the future, an empty subject.
pub(crate) const ZENDESK_CSV: &str = "\u{feff}Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Organization\n\
1,1001,Lee Chen,11,,lee@acme.example,acme.example,Lee Chen,Sam,Support,\"Export the monthly report as PDF, please\",pdf,open,Urgent,Mail,question,2026-11-02 09:15:00 +0000,2026-11-02 10:00:00 +0000,Acme Corp\n\
2,1002,Ana Li,12,,ana@globex.example,globex.example,Ana Li,Sam,Support,\"导出周报为 PDF\n(multi-line subject)\",pdf,open,normal,Web,question,2026-11-03 10:00:00,2026-11-03 10:00:00,\n\
3,1003,Kim,13,,kim@initech.example,initech.example,Kim,Sam,Support,Dark mode for the dashboard,,open,high,Web,question,soon,2026-11-03 10:00:00,Initech\n\
4,1004,Kim,13,,kim@initech.example,initech.example,Kim,Sam,Support,SAML single sign-on,,open,low,Web,question,2099-01-01 00:00:00,2026-11-03 10:00:00,Initech\n\
5,1005,Kim,13,,kim@initech.example,initech.example,Kim,Sam,Support,,,open,low,Web,question,2026-11-04 08:00:00,2026-11-04 08:00:00,Initech\n\
6,1006,Jo,14,,jo@initech.example,initech.example,Jo,Sam,Support,Audit log export to Splunk,,open,Urgent,Web,incident,2026-11-05 08:00:00,2026-11-05 08:00:00,Initech\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write csv");
    path
}

async fn all_feedback(app: &crate::harness::TestApp, secret: &str) -> Vec<pb::Feedback> {
    app.feedback
        .clone()
        .list_feedback(with_token(
            pb::ListFeedbackRequest {
                page_size: 1000,
                ..Default::default()
            },
            secret,
        ))
        .await
        .expect("list feedback")
        .into_inner()
        .feedback
}

#[tokio::test]
async fn a_zendesk_export_imports_once_with_its_refusals_named_by_row_and_column() {
    crate::harness::each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let secret = token(&app.database_url, "importer", &["ingest", "read"]).await;
            let ingest_only = token(&app.database_url, "desk-sync", &["ingest"]).await;
            // The CRM knows Acme by its id; the export names it as the CRM does.
            let mut crm = crate::fixtures::account("crm-acme", 12_000_000);
            crm.name = Some("Acme Corp".into());
            app.accounts
                .clone()
                .upsert_accounts(with_token(
                    pb::UpsertAccountsRequest {
                        accounts: vec![crm],
                    },
                    &secret,
                ))
                .await
                .expect("accounts");
            let dir = tempdir();
            let file = write(&dir, "tickets.csv", ZENDESK_CSV);
            let path = file.to_str().expect("utf-8 path");
            let addr = app.addr;

            // Batches of two: three ImportFeedback calls.
            let (ok, out, err) =
                sift(addr, &secret, &["import", path, "--preset", "zendesk", "--batch", "2"]).await;
            assert!(!ok, "refused rows make the command fail for scripts: {out}");
            assert!(
                err.trim_end().ends_with(
                    "3 of 6 rows refused (listed above); the others are stored, and a re-import skips them"
                ),
                "{err}"
            );
            assert!(out.contains(": 6 rows\n"), "{out}");
            assert!(out.contains("3 new feedback items in "), "{out}");
            assert!(out.contains(" requests, 0 already imported (skipped), 3 refused"), "{out}");
            // Each refusal: its spreadsheet row (the header is row 1), column and reason.
            let refusals: Vec<&str> = out
                .lines()
                .skip_while(|l| !l.starts_with("refused"))
                .skip(1)
                .collect();
            assert_eq!(refusals.len(), 3, "{out}");
            assert!(refusals[0].starts_with("  row 4      Created at (occurred_at)"), "{out}");
            assert!(refusals[0].contains("\"soon\" is not a date"), "{out}");
            assert!(refusals[1].starts_with("  row 5      Created at (occurred_at)"), "{out}");
            assert!(refusals[1].contains("in the future"), "{out}");
            assert!(refusals[2].starts_with("  row 6      Subject (body)"), "{out}");
            assert!(refusals[2].contains("title and body are both empty"), "{out}");

            let stored = all_feedback(&app, &secret).await;
            assert_eq!(stored.len(), 3);
            let by_ref = |r: &str| {
                stored
                    .iter()
                    .find(|f| f.source_ref == r)
                    .unwrap_or_else(|| panic!("{r} stored"))
            };
            let acme = by_ref("zendesk:1001");
            assert_eq!(acme.account_external_id, "crm-acme", "matched by name");
            assert_eq!(acme.title, "Export the monthly report as PDF, please");
            assert_eq!(acme.importance, pb::Importance::Critical as i32);
            assert!(acme.contact_id.is_some(), "the requester is a contact");
            let globex = by_ref("zendesk:1002");
            assert_eq!(globex.title, "导出周报为 PDF\n(multi-line subject)");
            assert_eq!(globex.account_external_id, "globex.example", "no organization");
            assert_eq!(globex.importance, pb::Importance::Unspecified as i32);
            assert_eq!(by_ref("zendesk:1006").account_external_id, "Initech");

            // Again: nothing new is written, every good row is a duplicate.
            let requests_before = app
                .requests
                .clone()
                .list_requests(with_token(pb::ListRequestsRequest::default(), &secret))
                .await
                .expect("requests")
                .into_inner()
                .requests;
            let (_, out, _) = sift(addr, &secret, &["import", path, "--preset", "zendesk"]).await;
            assert!(out.contains("0 new feedback items in "), "{out}");
            assert!(out.contains(" requests, 3 already imported (skipped), 3 refused"), "{out}");
            let again = all_feedback(&app, &secret).await;
            assert_eq!(
                again.iter().map(|f| (f.id, f.request_id)).collect::<Vec<_>>(),
                stored.iter().map(|f| (f.id, f.request_id)).collect::<Vec<_>>(),
                "a re-import changes nothing"
            );
            let requests_after = app
                .requests
                .clone()
                .list_requests(with_token(pb::ListRequestsRequest::default(), &secret))
                .await
                .expect("requests")
                .into_inner()
                .requests;
            assert_eq!(requests_after, requests_before);

            // --refused writes every refusal as CSV.
            let refused_file = dir.join("refused.csv");
            sift(
                addr,
                &secret,
                &["import", path, "--preset", "zendesk", "--refused", refused_file.to_str().expect("path")],
            )
            .await;
            let listed = std::fs::read_to_string(&refused_file).expect("refused file");
            assert_eq!(listed.lines().count(), 4, "{listed}");
            assert!(listed.starts_with("row,field,column,reason\n4,occurred_at,Created at,"), "{listed}");

            // A token that cannot read accounts still imports; names are then taken as ids.
            let one = write(
                &dir,
                "one.csv",
                "Id,Subject,Organization,Created at\n2001,Kanban board view,Acme Corp,2026-11-06 08:00:00\n",
            );
            let (ok, out, err) = sift(
                addr,
                &ingest_only,
                &["import", one.to_str().expect("path"), "--preset", "zendesk"],
            )
            .await;
            assert!(ok, "{out}{err}");
            assert!(err.contains("cannot read accounts"), "{err}");
            let f = all_feedback(&app, &secret).await;
            let kanban = f.iter().find(|f| f.source_ref == "zendesk:2001").expect("stored");
            assert_eq!(kanban.account_external_id, "Acme Corp");
            let _ = std::fs::remove_dir_all(&dir);
        },
    )
    .await;
}

#[tokio::test]
async fn intercom_and_salesforce_exports_and_a_mapping_of_ones_own() {
    crate::harness::each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let secret = token(&app.database_url, "importer", &["ingest", "read"]).await;
            let dir = tempdir();
            let addr = app.addr;
            let intercom = write(
                &dir,
                "conversations.csv",
                "message_id,message_body,message_type,message_created_at,message_author_type,message_author_name,message_author_email,message_author_companies,conversation_id,conversation_state,conversation_created_at\n\
                 m1,Can we get dark mode?,conversation_message,2026-10-01 10:00:00,user,Kim,kim@initech.example,\"Initech, Initrode\",c-77,open,2026-10-01 10:00:00\n",
            );
            let out = crate::pm_cli::sift(
                addr,
                &secret,
                &["import", intercom.to_str().expect("path"), "--preset", "intercom"],
            )
            .await;
            assert!(out.0, "{out:?}");
            let salesforce = write(
                &dir,
                "cases.csv",
                "Case Number,Subject,Description,Account Name,Contact Name,Contact Email,Date/Time Opened,Priority,Status\n\
                 00001026,SSO,We need SAML single sign-on for 2000 seats,Globex,Ana,ana@globex.example,11/30/2026 9:05 AM,High,New\n",
            );
            let out = crate::pm_cli::sift(
                addr,
                &secret,
                &["import", salesforce.to_str().expect("path"), "--preset", "salesforce", "--source", "sales"],
            )
            .await;
            assert!(out.0, "{out:?}");
            // No preset: the mapping names every column; `|` gives a fallback.
            let own = write(
                &dir,
                "notes.csv",
                "Ref,When,Customer,Domain,Note\nN-1,2026-11-01,,umbrella.example,Bulk edit of tickets\n",
            );
            let (ok, _, err) = crate::pm_cli::sift(
                addr,
                &secret,
                &["import", own.to_str().expect("path"), "--map", "source_ref=Ref,occurred_at=When,account=Customr,body=Note"],
            )
            .await;
            assert!(!ok && err.contains("no column \"Customr\""), "{err}");
            let (ok, out, err) = crate::pm_cli::sift(
                addr,
                &secret,
                &[
                    "import",
                    own.to_str().expect("path"),
                    "--map",
                    "source_ref=Ref,occurred_at=When,account=Customer|Domain,body=Note",
                    "--source",
                    "csm",
                    "--ref-prefix",
                    "notes:",
                ],
            )
            .await;
            assert!(ok, "{out}{err}");
            let (ok, _, err) =
                crate::pm_cli::sift(addr, &secret, &["import", own.to_str().expect("path")]).await;
            assert!(!ok && err.contains("source_ref: no column: choose a --preset or map it"), "{err}");

            let stored = all_feedback(&app, &secret).await;
            let find = |r: &str| stored.iter().find(|f| f.source_ref == r).unwrap_or_else(|| panic!("{r}: {stored:?}"));
            let ic = find("intercom:c-77");
            assert_eq!((ic.account_external_id.as_str(), ic.body.as_str()), ("Initech", "Can we get dark mode?"));
            let sf = find("salesforce:00001026");
            assert_eq!(sf.source, pb::Source::Sales as i32);
            assert_eq!(sf.importance, pb::Importance::Important as i32);
            assert_eq!(sf.occurred_at.map(|t| t.seconds), Some(1_796_029_500));
            let note = find("notes:N-1");
            assert_eq!((note.source, note.account_external_id.as_str()), (pb::Source::Csm as i32, "umbrella.example"));

            // A dry run checks the file and sends nothing.
            let (ok, out, _) = crate::pm_cli::sift(
                addr,
                &secret,
                &["import", salesforce.to_str().expect("path"), "--preset", "salesforce", "--dry-run", "--ref-prefix", "dry:"],
            )
            .await;
            assert!(ok && out.contains("every row maps to a feedback item"), "{out}");
            assert_eq!(all_feedback(&app, &secret).await.len(), stored.len());
            let _ = std::fs::remove_dir_all(&dir);
        },
    )
    .await;
}

/// The progress bar is drawn on a terminal only: under a pseudo-terminal (`script`) stderr
/// shows it; captured (as above) it never does.
#[tokio::test]
async fn a_terminal_sees_a_progress_bar() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs `script` (util-linux)"
        );
        eprintln!("skipped: no `script` to give the command a terminal");
        return;
    }
    crate::harness::each_backend_with(
        |c| c.auth = true,
        |app| async move {
            let secret = token(&app.database_url, "importer", &["ingest", "read"]).await;
            let dir = tempdir();
            let mut csv = String::from("Id,Subject,Organization,Created at\n");
            for i in 0..30 {
                csv.push_str(&format!("{i},Request number {i},Acme,2026-11-01 10:00:00\n"));
            }
            let file = write(&dir, "t.csv", &csv);
            let line = format!(
                "{} import {} --preset zendesk --batch 10 --server http://{} --token {secret}",
                env!("CARGO_BIN_EXE_sift"),
                file.display(),
                app.addr
            );
            let out = tokio::task::spawn_blocking(move || {
                std::process::Command::new("script")
                    .args(["-qec", &line, "/dev/null"])
                    .output()
            })
            .await
            .expect("join")
            .expect("script");
            let screen = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{screen}");
            assert!(
                screen.contains("[########................]  33%  10 rows: 10 new")
                    || screen.contains("  10 rows: 10 new, 0 already imported, 0 refused"),
                "{screen}"
            );
            assert!(
                screen.contains("[########################] 100%  30 rows: 30 new, 0 already imported, 0 refused"),
                "{screen}"
            );
            let _ = std::fs::remove_dir_all(&dir);
        },
    )
    .await;
}

fn tempdir() -> PathBuf {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sift-import-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
