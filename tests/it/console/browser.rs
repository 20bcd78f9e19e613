//! The pages clicked through in headless Chromium, each step checked against the gRPC API.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;
use sift::pb;

use super::webdriver::{Browser, chromium};
use super::{console_app, seed};
use crate::fixtures::{token, with_token};
use crate::harness::{Backend, TestApp, fresh_database};

/// `1234567` as `1,234,567`, as the page writes money.
fn thousands(n: i64) -> String {
    sift::cli::import::thousands(n)
}

/// Submits one feedback item with `token`, as an internal tool would.
async fn submit(
    app: &TestApp,
    token: &str,
    input: pb::FeedbackInput,
) -> pb::SubmitFeedbackResponse {
    app.feedback
        .clone()
        .submit_feedback(with_token(
            pb::SubmitFeedbackRequest {
                feedback: Some(input),
            },
            token,
        ))
        .await
        .expect("submit")
        .into_inner()
}

fn backlog_ids(rows: &[pb::BacklogRow]) -> Vec<i64> {
    rows.iter().map(|r| r.request_id).collect()
}

/// Runs a browser test with the Chromium and ChromeDriver paths: skipped where they are missing
/// (a failure under CI), on a thread with room for one long future.
fn browser_test<Fut: Future<Output = ()> + 'static>(test: fn(PathBuf, PathBuf) -> Fut) {
    let Some((chromium, chromedriver)) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium and chromedriver (.ci/run installs them)"
        );
        crate::harness::skipped(
            "the browser test",
            "no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
        );
        return;
    };
    let run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(Box::pin(test(chromium, chromedriver)))
        })
        .expect("test thread");
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn a_pm_clicks_through_the_console_in_a_real_browser() {
    browser_test(click_through);
}

async fn click_through(chromium: PathBuf, chromedriver: PathBuf) {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = console_app(Backend::Sqlite, &url).await;
    let console = app.console_addr.expect("console is on");
    let all = token(&url, "ops", &["ingest", "read", "plan", "release", "admin"]).await;
    let pm = token(&url, "pm-anna", &["ingest", "read", "plan", "release"]).await;
    let viewer = token(&url, "viewer", &["read"]).await;
    seed(&app, &all).await;
    let mut requests = app.requests.clone();
    let mut roadmap_api = app.roadmap.clone();
    // The API's answers, as the PM's token gets them.
    let backlog = |request: pb::GetRankedBacklogRequest| {
        let mut client = app.backlog.clone();
        let pm = pm.clone();
        async move {
            client
                .get_ranked_backlog(with_token(request, &pm))
                .await
                .expect("backlog")
                .into_inner()
        }
    };
    let page = |page_size: i32, tier: pb::Tier, page_token: String| {
        backlog(pb::GetRankedBacklogRequest {
            page_size,
            tier: tier as i32,
            page_token,
            ..Default::default()
        })
    };
    let get = |id: i64| {
        let mut client = app.requests.clone();
        let pm = pm.clone();
        async move {
            client
                .get_request(with_token(
                    pb::GetRequestRequest {
                        id,
                        evidence_limit: 100,
                    },
                    &pm,
                ))
                .await
                .expect("request")
                .into_inner()
        }
    };
    let base = format!("http://{console}");
    let browser = Browser::start(&chromium, &chromedriver).await;

    // Sign in: a wrong token is refused on the page, the PM's is accepted.
    browser.goto(&format!("{base}/")).await;
    browser.type_into("#token", "sift_not_a_token").await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#sign-in-error", "wrong token refused", |t| {
            t.first().is_some_and(|e| e.starts_with("UNAUTHENTICATED"))
        })
        .await;
    browser.screenshot("signin").await;
    browser.type_into("#token", &pm).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "signed in", |t| t == ["pm-anna"])
        .await;

    // The backlog shows the API's ranking, row for row.
    let api_backlog = page(25, pb::Tier::Unspecified, String::new()).await;
    let expected = backlog_ids(&api_backlog.rows);
    assert!(expected.len() >= 6, "the demo has a backlog");
    browser
        .wait_texts("#backlog tbody tr", "backlog rows", |t| {
            t.len() == expected.len()
        })
        .await;
    assert_eq!(browser.row_ids("#backlog tbody tr").await, expected);
    let titles = browser.texts("#backlog tbody tr td.title").await;
    let api_titles: Vec<String> = api_backlog.rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(
        titles, api_titles,
        "titles, Chinese included, as the API has them"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
        "the demo backlog has Chinese titles: {titles:?}"
    );
    // Score parts in words and numbers (each weight × part, as the API has them); money with
    // its currency and thousands separators.
    let top = &api_backlog.rows[0];
    let weights = api_backlog
        .profile
        .as_ref()
        .and_then(|p| p.params)
        .expect("profile");
    let parts = top.parts.expect("parts");
    let words = browser
        .texts(&format!(
            "#backlog tr[data-request-id='{}'] .part-word",
            top.request_id
        ))
        .await;
    assert_eq!(
        words,
        [
            format!(
                "customer value {:.2}",
                parts.customer_value * weights.w_value
            ),
            format!("reach {:.2}", parts.reach * weights.w_reach),
            format!("strategic fit {:.2}", parts.strategic_fit * weights.w_fit),
            format!("urgency {:.2}", parts.urgency * weights.w_urgency),
        ]
    );
    let arr = browser
        .texts(&format!(
            "#backlog tr[data-request-id='{}'] td.arr",
            top.request_id
        ))
        .await;
    assert_eq!(arr, [format!("{} USD", thousands(top.arr / 100))]);
    assert!(
        top.arr >= 10_000_000,
        "the demo's top request has six-figure ARR"
    );
    assert!(
        browser
            .texts("#backlog th")
            .await
            .contains(&"ARR (USD)".to_owned()),
        "the unit is in the header too"
    );
    browser.screenshot("backlog").await;

    // "How is this computed?" opens the formula, with the active profile's weights.
    browser.click("#how-backlog").await;
    browser
        .wait_texts("#scoring-doc h2", "the scoring document", |t| {
            t.first().is_some_and(|h| h == "How Sift ranks requests")
        })
        .await;
    let active = browser.texts("#active-weights").await;
    assert_eq!(
        active,
        [format!(
            "customer value × {:.2} + reach × {:.2} + strategic fit × {:.2} + urgency × {:.2}",
            weights.w_value, weights.w_reach, weights.w_fit, weights.w_urgency
        )]
    );
    browser.screenshot("scoring").await;

    // Search: every request with the word in its title, in rank order, across all pages.
    browser.goto(&format!("{base}/#/backlog?size=4")).await;
    browser.type_into("#f-search", "pdf").await;
    browser.click("#apply-filters").await;
    let all_rows = page(500, pb::Tier::Unspecified, String::new()).await;
    let want: Vec<i64> = all_rows
        .rows
        .iter()
        .filter(|r| r.title.to_lowercase().contains("pdf"))
        .map(|r| r.request_id)
        .collect();
    assert!(!want.is_empty(), "the demo has PDF requests");
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != want {
        assert!(Instant::now() < deadline, "search never showed {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser
        .wait_texts("#search-summary", "search summary", |t| {
            t.first().is_some_and(|s| {
                s.starts_with(&format!("{} request", want.len())) && s.contains("“pdf”")
            })
        })
        .await;
    browser.goto(&format!("{base}/#/backlog")).await;
    // The unsearched page is back before its filters are used.
    browser
        .wait_texts("#backlog tbody tr", "the whole backlog again", |t| {
            t.len() == expected.len()
        })
        .await;
    assert!(browser.texts("#search-summary").await.is_empty());

    // Filter to key accounts' demand: the page shows what the API answers for that filter.
    browser.click("#f-tier option[value=TIER_KEY]").await;
    browser.click("#apply-filters").await;
    let key_rows = page(25, pb::Tier::Key, String::new()).await;
    assert!(key_rows.rows.len() < expected.len(), "the filter filters");
    let key_ids = backlog_ids(&key_rows.rows);
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != key_ids {
        assert!(
            Instant::now() < deadline,
            "filtered backlog never matched the API"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let range = browser.texts("#backlog-range").await;
    assert_eq!(
        range,
        [format!("1–{} of {}", key_ids.len(), key_rows.total)]
    );
    // The CSV export holds every filtered row.
    let csv = browser
        .run_async(
            "const done = arguments[arguments.length - 1]; window.sift.backlogCsv().then(done, e => done('error ' + e.message));",
            json!([]),
        )
        .await;
    let csv = csv.as_str().expect("csv text");
    assert_eq!(csv.lines().count(), key_ids.len() + 1, "{csv}");
    assert!(csv.starts_with("rank,request_id,title,status,score"));

    // Pages: four rows at a time, forward and back, each page the API's.
    let page1 = page(4, pb::Tier::Unspecified, String::new()).await;
    let page2 = page(4, pb::Tier::Unspecified, page1.next_page_token.clone()).await;
    browser.goto(&format!("{base}/#/backlog?size=4")).await;
    for (click, want) in [
        (None, &page1),
        (Some("#next-page"), &page2),
        (Some("#prev-page"), &page1),
    ] {
        if let Some(button) = click {
            browser.click(button).await;
        }
        let want = backlog_ids(&want.rows);
        let deadline = Instant::now() + Duration::from_secs(15);
        while browser.row_ids("#backlog tbody tr").await != want {
            assert!(Instant::now() < deadline, "page never showed {want:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    browser
        .goto(&format!("{base}/#/backlog?tier=TIER_KEY"))
        .await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.row_ids("#backlog tbody tr").await != key_ids {
        assert!(Instant::now() < deadline, "back to the filtered backlog");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Sorting by a column reorders the page.
    browser.click("#backlog th[data-sort=accounts]").await;
    let by_accounts = browser.row_ids("#backlog tbody tr").await;
    let accounts_of = |id: i64| {
        key_rows
            .rows
            .iter()
            .find(|r| r.request_id == id)
            .map(|r| r.accounts)
            .unwrap_or(-1)
    };
    let shown: Vec<i64> = by_accounts.iter().map(|id| accounts_of(*id)).collect();
    let mut want: Vec<i64> = shown.clone();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(shown, want, "descending by accounts");

    // Open a request from the backlog: its title, status and evidence are the API's.
    let first = key_ids[0];
    browser
        .click(&format!(
            "#backlog tr[data-request-id='{first}'] a.req-link"
        ))
        .await;
    let got = get(first).await;
    let req = got.request.clone().expect("request");
    browser
        .wait_texts("#request-title", "request page", |t| {
            t == [req.title.clone()]
        })
        .await;
    assert_eq!(browser.texts("#request-status").await, ["new"]);
    let evidence: Vec<String> = browser.texts("#evidence blockquote").await;
    assert_eq!(evidence.len(), got.feedback.len());
    for (shown, f) in evidence.iter().zip(&got.feedback) {
        assert!(shown.contains(&f.body), "{shown:?} quotes {:?}", f.body);
    }
    let parts = browser.texts("#score-chart .chart-row").await;
    assert_eq!(parts.len(), 4, "four weighted parts: {parts:?}");
    let labels = browser.texts("#score-chart .chart-label").await;
    assert_eq!(
        labels,
        ["customer value", "reach", "strategic fit", "urgency"]
    );
    browser.find("#how-request").await;
    // Aligning is a choice: no theme is chosen for the PM, no alignment filled in.
    let chosen = browser
        .run(
            "return [document.querySelector('#align-theme').value, document.querySelector('#align-value').value];",
            json!([]),
        )
        .await;
    assert_eq!(chosen, json!(["", ""]));
    let plan = browser
        .run(
            "return document.querySelector('#plan-target').value;",
            json!([]),
        )
        .await;
    assert_eq!(
        plan,
        json!(""),
        "no release or lane is chosen for the PM either"
    );
    browser.screenshot("request").await;
    browser.click("#align").await;
    browser
        .wait_texts("#notice", "align refused without a theme", |t| {
            t == ["Align failed: choose a theme first"]
        })
        .await;

    // Merge two requests: the second-ranked key request into the first.
    let source = key_ids[1];
    browser.goto(&format!("{base}/#/request/{source}")).await;
    browser
        .find(&format!("div.request[data-request-id='{source}'] #merge"))
        .await;
    browser.type_into("#merge-target", &first.to_string()).await;
    browser.click("#merge").await;
    browser.accept_alert().await;
    browser
        .wait_texts("#notice", "merge notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Merged #{source} into #{first}"))
        })
        .await;
    let merged = get(source).await.request.expect("request");
    assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
    assert_eq!(merged.merged_into, Some(first));
    browser
        .wait_texts("#request-status", "merged status shown", |t| {
            t == ["merged"]
        })
        .await;

    // Undo it, then rename, size and split the source from its page; the API agrees each time.
    browser.click("#unmerge").await;
    browser
        .wait_texts("#notice", "unmerge notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Unmerged #{source}"))
        })
        .await;
    // The page is redrawn (unmerged, status new) before its fields are typed into.
    browser
        .wait_texts("#request-status", "unmerged status shown", |t| t == ["new"])
        .await;
    let unmerged = get(source).await.request.expect("request");
    assert_eq!(unmerged.status, pb::RequestStatus::New as i32);
    assert_eq!(unmerged.merged_into, None);
    browser
        .find(&format!("div.request[data-request-id='{source}'] #rename"))
        .await;
    browser
        .type_into("#rename-title", "账单导出 PDF · billing export")
        .await;
    browser.click("#rename").await;
    browser
        .wait_texts("#request-title", "renamed", |t| {
            t == ["账单导出 PDF · billing export"]
        })
        .await;
    assert_eq!(
        get(source).await.request.expect("request").title,
        "账单导出 PDF · billing export"
    );
    browser.type_into("#effort", "3.5").await;
    browser.click("#set-effort").await;
    browser
        .wait_texts("#notice", "effort notice", |t| t == ["Effort set"])
        .await;
    let explained = app
        .backlog
        .clone()
        .explain_score(with_token(
            pb::ExplainScoreRequest {
                request_id: source,
                profile: None,
                ..Default::default()
            },
            &pm,
        ))
        .await
        .expect("explain")
        .into_inner();
    assert!(
        explained.formula.contains("effort"),
        "{}",
        explained.formula
    );
    let efforts = page(100, pb::Tier::Unspecified, String::new()).await;
    let row = efforts
        .rows
        .iter()
        .find(|r| r.request_id == source)
        .expect("source in the backlog");
    assert_eq!(row.effort, Some(3.5));
    let before = get(source).await;
    assert!(
        before.feedback.len() > 1,
        "the source has feedback to split off"
    );
    {
        let moved = before.feedback[0].id;
        browser
            .click(&format!(
                "#evidence li[data-feedback-id='{moved}'] button.move-new"
            ))
            .await;
        let notice = browser
            .wait_texts("#notice", "move notice", |t| {
                t.first().is_some_and(|n| {
                    n.starts_with(&format!("Moved feedback {moved} to new request #"))
                })
            })
            .await;
        let to: i64 = notice[0]
            .rsplit('#')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("new request id");
        let feedback = app
            .feedback
            .clone()
            .get_feedback(with_token(pb::GetFeedbackRequest { id: moved }, &pm))
            .await
            .expect("feedback")
            .into_inner();
        assert_eq!(feedback.request_id, to);
        assert!(feedback.moved_by_pm);
        assert_ne!(to, source);
    }

    // Create a release on the roadmap page.
    browser.goto(&format!("{base}/#/roadmap")).await;
    browser.type_into("#release-version", "9.9.0").await;
    browser.set_value("#release-date", "2026-12-24").await;
    browser
        .type_into("#release-summary", "年终版本 · year-end")
        .await;
    browser.click("#create-release-button").await;
    browser.find("section.release[data-version='9.9.0']").await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let release = roadmap
        .releases
        .iter()
        .find_map(|r| r.release.clone().filter(|r| r.version == "9.9.0"))
        .expect("release created through the page");
    assert_eq!(release.summary, "年终版本 · year-end");
    assert_eq!(release.planned_date, "2026-12-24");

    // Plan the merged-into request into it from its page.
    browser.goto(&format!("{base}/#/request/{first}")).await;
    browser
        .find(&format!("div.request[data-request-id='{first}'] #plan"))
        .await;
    browser
        .click(&format!(
            "#plan-target option[value='release:{}']",
            release.id
        ))
        .await;
    browser.click("#plan").await;
    browser
        .wait_texts("#notice", "plan notice", |t| {
            t.first()
                .is_some_and(|n| n == &format!("Planned into release {}", release.id))
        })
        .await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let planned: Vec<i64> = roadmap
        .releases
        .iter()
        .filter(|r| r.release.as_ref().is_some_and(|x| x.id == release.id))
        .flat_map(|r| {
            r.items
                .iter()
                .filter_map(|i| i.request.as_ref().map(|q| q.id))
        })
        .collect();
    assert_eq!(planned, [first]);
    browser
        .wait_texts("#request-status", "planned status", |t| t == ["planned"])
        .await;
    // The history names who planned it (the token's name), never "?".
    browser
        .wait_texts("#history li", "history with the actor", |t| {
            t.last()
                .is_some_and(|l| l.contains("new → planned by pm-anna"))
        })
        .await;
    assert!(
        !browser
            .texts("#history li")
            .await
            .iter()
            .any(|l| l.contains("by ?"))
    );
    // The backlog shows where each request stands on the roadmap.
    browser.goto(&format!("{base}/#/backlog")).await;
    browser
        .wait_texts(
            &format!("#backlog tr[data-request-id='{first}'] td.roadmap"),
            "roadmap column",
            |t| t == ["release 9.9.0"],
        )
        .await;

    // The release note, written on the roadmap: the API quotes it.
    browser.goto(&format!("{base}/#/roadmap")).await;
    let release_css = format!("section.release[data-release-id='{}']", release.id);
    let note_css = format!("{release_css} tr[data-request-id='{first}'] textarea.note-text");
    browser
        .type_into(
            &note_css,
            "账单 > 导出 now offers PDF: the board pack in one click",
        )
        .await;
    browser
        .click(&format!(
            "{release_css} tr[data-request-id='{first}'] button.save-note"
        ))
        .await;
    browser
        .wait_texts("#notice", "note notice", |t| {
            t == [format!("Release note saved for #{first}")]
        })
        .await;
    let roadmap = roadmap_api
        .get_roadmap(with_token(pb::GetRoadmapRequest::default(), &pm))
        .await
        .expect("roadmap")
        .into_inner();
    let note = roadmap
        .releases
        .iter()
        .filter(|r| r.release.as_ref().is_some_and(|x| x.id == release.id))
        .flat_map(|r| r.items.iter())
        .map(|i| i.release_note.clone())
        .collect::<Vec<_>>();
    assert_eq!(
        note,
        ["账单 > 导出 now offers PDF: the board pack in one click"]
    );

    // Preview: the page's count is the API's.
    browser
        .click(&format!("{release_css} button.preview"))
        .await;
    let preview = roadmap_api
        .preview_release(with_token(
            pb::PreviewReleaseRequest {
                release_id: release.id,
            },
            &pm,
        ))
        .await
        .expect("preview")
        .into_inner();
    assert!(preview.notifications > 0);
    browser
        .wait_texts(&format!("{release_css} .preview-summary"), "preview", |t| {
            t == [format!(
                "{} notifications to write, {} of them suppressed.",
                preview.notifications, preview.suppressed
            )]
        })
        .await;
    browser.screenshot("roadmap").await;

    // Ship, after the confirmation: the API sees it shipped and the page says so.
    browser.click(&format!("{release_css} button.ship")).await;
    // The request has a release note now, so no second question about generated titles.
    browser.accept_alert().await;
    browser
        .wait_texts("#notice", "ship notice", |t| {
            t.first().is_some_and(|n| n.starts_with("Shipped 9.9.0:"))
        })
        .await;
    let shipped = get(first).await.request.expect("request");
    assert_eq!(shipped.status, pb::RequestStatus::Shipped as i32);
    // Shipped releases are listed (no "No releases yet." once all have shipped), with who
    // shipped them.
    browser
        .wait_texts(
            &format!("#shipped-releases {release_css} .release-state"),
            "shipped state",
            |t| {
                t.first()
                    .is_some_and(|s| s.starts_with("shipped") && s.ends_with("by pm-anna"))
            },
        )
        .await;
    assert_eq!(
        browser.texts("#no-planned").await,
        ["No release planned: every release has shipped."]
    );
    browser.screenshot("roadmap-shipped").await;

    // Import a help desk's export from the console: the summary names the refused rows, and
    // a second upload writes nothing new.
    let dir = std::env::temp_dir().join(format!("sift-console-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv_path = dir.join("zendesk-tickets.csv");
    std::fs::write(&csv_path, crate::import::ZENDESK_CSV).expect("csv");
    let before = app
        .feedback
        .clone()
        .list_feedback(with_token(
            pb::ListFeedbackRequest {
                page_size: 1000,
                ..Default::default()
            },
            &pm,
        ))
        .await
        .expect("feedback")
        .into_inner()
        .feedback
        .len();
    for round in 0..2 {
        browser.goto(&format!("{base}/#/import")).await;
        browser
            .on_element(
                "#import-file",
                "value",
                json!({"text": csv_path.display().to_string()}),
            )
            .await;
        browser.click("#import-button").await;
        let want = if round == 0 {
            "6 rows: 3 new feedback items in "
        } else {
            "6 rows: 0 new feedback items in "
        };
        browser
            .wait_texts("#import-summary", "import summary", |t| {
                t.first().is_some_and(|s| s.starts_with(want))
            })
            .await;
        let rows = browser
            .texts("#import-refused tbody tr td:first-child")
            .await;
        assert_eq!(rows, ["4", "5", "6"]);
        if round == 0 {
            browser.screenshot("import").await;
        }
    }
    let after = app
        .feedback
        .clone()
        .list_feedback(with_token(
            pb::ListFeedbackRequest {
                page_size: 1000,
                ..Default::default()
            },
            &pm,
        ))
        .await
        .expect("feedback")
        .into_inner()
        .feedback
        .len();
    assert_eq!(after, before + 3, "the second upload wrote nothing");
    let _ = std::fs::remove_dir_all(&dir);

    // The other pages: suggestions as the API lists them, themes and the what-if comparison.
    browser.goto(&format!("{base}/#/suggestions")).await;
    let pending = requests
        .list_merge_suggestions(with_token(
            pb::ListMergeSuggestionsRequest {
                status: pb::SuggestionStatus::Pending as i32,
                page_size: 200,
                page_token: String::new(),
            },
            &pm,
        ))
        .await
        .expect("suggestions")
        .into_inner();
    if pending.suggestions.is_empty() {
        browser.find("#suggestions-empty").await;
    } else {
        browser
            .wait_texts("#suggestions tbody tr", "suggestions", |t| {
                t.len() == pending.suggestions.len()
            })
            .await;
    }
    browser.screenshot("suggestions").await;
    browser.goto(&format!("{base}/#/themes")).await;
    browser.set_value("[data-param='w_reach']", "0.9").await;
    browser.click("#what-if-button").await;
    browser
        .wait_texts("#what-if-edited tbody tr", "what-if table", |t| {
            !t.is_empty()
        })
        .await;
    browser.screenshot("themes").await;

    // A read-only token sees the pages but not the actions, and the server refuses them too.
    browser.click("#sign-out").await;
    browser.type_into("#token", &viewer).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "viewer signed in", |t| t == ["viewer"])
        .await;
    browser.goto(&format!("{base}/#/request/{first}")).await;
    browser
        .find(&format!("div.request[data-request-id='{first}'] .needs"))
        .await;
    assert!(
        browser.texts("#merge").await.is_empty(),
        "no merge for read"
    );
    assert_eq!(browser.texts(".needs").await.len(), 1);
    let refused = browser
        .run_async(
            "const done = arguments[arguments.length - 1]; window.sift.rpc('RequestService/RenameRequest', {id: arguments[0], title: 'x'}).then(() => done('ok'), e => done(e.message));",
            json!([first]),
        )
        .await;
    assert!(
        refused
            .as_str()
            .is_some_and(|m| m.starts_with("PERMISSION_DENIED")),
        "{refused}"
    );

    browser.quit().await;
    server.stop().await;
    cleanup.run().await;
}

#[test]
fn a_pm_accepts_and_rejects_merge_suggestions_in_the_browser() {
    browser_test(review_suggestions);
}

async fn review_suggestions(chromium: PathBuf, chromedriver: PathBuf) {
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    // Thresholds that put every similar phrasing in the middle band: suggestions, no joins.
    let (app, server) = TestApp::start(Backend::Sqlite, &url, |c| {
        c.auth = true;
        c.console_listen = Some("127.0.0.1:0".parse().expect("addr"));
        c.clustering.join_threshold = 2.0;
        c.clustering.suggest_threshold = 0.01;
    })
    .await;
    let console = app.console_addr.expect("console is on");
    let pm = token(&url, "pm-li", &["ingest", "read", "plan"]).await;
    let mut ids = Vec::new();
    for (i, text) in [
        "Please let us export the monthly report as a PDF file",
        "We need to export the report to PDF for our auditors",
        "导出报表为PDF export report PDF",
    ]
    .into_iter()
    .enumerate()
    {
        let input = crate::fixtures::feedback(&format!("S-{i}"), "acme", text);
        ids.push(submit(&app, &pm, input).await.request_id);
    }
    let mut requests = app.requests.clone();
    let list = |status: pb::SuggestionStatus| {
        let mut requests = requests.clone();
        let pm = pm.clone();
        async move {
            requests
                .list_merge_suggestions(with_token(
                    pb::ListMergeSuggestionsRequest {
                        status: status as i32,
                        page_size: 100,
                        page_token: String::new(),
                    },
                    &pm,
                ))
                .await
                .expect("suggestions")
                .into_inner()
                .suggestions
        }
    };
    let pending = list(pb::SuggestionStatus::Pending).await;
    assert_eq!(pending.len(), 2, "{pending:?}");

    let browser = Browser::start(&chromium, &chromedriver).await;
    browser.goto(&format!("http://{console}/")).await;
    browser.type_into("#token", &pm).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "signed in", |t| t == ["pm-li"])
        .await;
    browser
        .goto(&format!("http://{console}/#/suggestions"))
        .await;
    let rows = browser
        .wait_texts("#suggestions tbody tr", "two suggestions", |t| t.len() == 2)
        .await;
    assert!(rows.iter().any(|r| r.contains("导出报表为PDF")), "{rows:?}");

    let (accept, reject) = (&pending[0], &pending[1]);
    browser
        .click(&format!(
            "#suggestions tr[data-suggestion-id='{}'] button.accept",
            accept.id
        ))
        .await;
    browser
        .wait_texts("#notice", "accept notice", |t| {
            t == [format!(
                "Merged #{} into #{}",
                accept.request_id, accept.target_request_id
            )]
        })
        .await;
    browser
        .wait_texts("#suggestions tbody tr", "one left", |t| t.len() == 1)
        .await;
    browser
        .click(&format!(
            "#suggestions tr[data-suggestion-id='{}'] button.reject",
            reject.id
        ))
        .await;
    browser.find("#suggestions-empty").await;

    let accepted = list(pb::SuggestionStatus::Accepted).await;
    assert_eq!(
        accepted.iter().map(|s| s.id).collect::<Vec<_>>(),
        [accept.id]
    );
    let rejected = list(pb::SuggestionStatus::Rejected).await;
    assert_eq!(
        rejected.iter().map(|s| s.id).collect::<Vec<_>>(),
        [reject.id]
    );
    let merged = requests
        .get_request(with_token(
            pb::GetRequestRequest {
                id: accept.request_id,
                evidence_limit: 1,
            },
            &pm,
        ))
        .await
        .expect("request")
        .into_inner()
        .request
        .expect("request");
    assert_eq!(merged.status, pb::RequestStatus::Merged as i32);
    assert!(ids.contains(&accept.request_id));

    // A move suggestion (as consolidation writes them) for a dark-mode item filed apart.
    let mut placed = Vec::new();
    for (i, text) in [
        "Dark mode for the dashboard",
        "A dark theme for night shifts",
    ]
    .into_iter()
    .enumerate()
    {
        let input = crate::fixtures::feedback(&format!("M-{i}"), "acme", text);
        placed.push(submit(&app, &pm, input).await);
    }
    let (home, stray) = (&placed[0], &placed[1]);
    let db = sea_orm::Database::connect(url.as_str())
        .await
        .expect("connect");
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!(
            "INSERT INTO move_suggestions (feedback_id, from_request_id, target_request_id, \
             similarity, status, created_at) VALUES ({}, {}, {}, 0.2, 'PENDING', {})",
            stray.id,
            stray.request_id,
            home.request_id,
            chrono::Utc::now().timestamp_micros()
        ),
    )
    .await
    .expect("move suggestion");
    db.close().await.expect("close");
    browser.goto(&format!("http://{console}/#/backlog")).await;
    browser
        .goto(&format!("http://{console}/#/suggestions"))
        .await;
    let rows = browser
        .wait_texts("#move-suggestions tbody tr", "one move suggestion", |t| {
            t.len() == 1
        })
        .await;
    assert!(rows[0].contains("dark"), "{rows:?}");
    browser.screenshot("move-suggestions").await;
    browser
        .click("#move-suggestions tbody tr button.accept")
        .await;
    browser
        .wait_texts("#notice", "move notice", |t| {
            t == [format!(
                "Moved feedback {} to #{}",
                stray.id, home.request_id
            )]
        })
        .await;
    browser.find("#move-suggestions-empty").await;
    let now_in = app
        .feedback
        .clone()
        .get_feedback(with_token(pb::GetFeedbackRequest { id: stray.id }, &pm))
        .await
        .expect("feedback")
        .into_inner()
        .request_id;
    assert_eq!(now_in, home.request_id, "the accepted move moved the item");

    browser.quit().await;
    server.stop().await;
    cleanup.run().await;
}

#[test]
fn a_pm_reads_churn_exposure_and_release_impact_on_the_outcomes_page() {
    browser_test(outcomes_page);
}

/// globex (40,000 a year) asked for SSO 60 days ago and churned 10 days ago; umbrella asked for
/// SSO too and renews within the window (at risk now); initech asked for PDF export, which
/// shipped in release 2026.12.
async fn outcomes_page(chromium: PathBuf, chromedriver: PathBuf) {
    use chrono::{Duration as Days, Utc};
    let (url, cleanup) = fresh_database(Backend::Sqlite).await;
    let (app, server) = console_app(Backend::Sqlite, &url).await;
    let console = app.console_addr.expect("console is on");
    let pm = token(&url, "pm-outcomes", &["ingest", "read", "plan", "release"]).await;
    let ago = |n: i64| Utc::now() - Days::days(n);

    // Before anything is recorded, each panel says what to do.
    let browser = Browser::start(&chromium, &chromedriver).await;
    browser.goto(&format!("http://{console}/")).await;
    browser.type_into("#token", &pm).await;
    browser.click("#sign-in").await;
    browser
        .wait_texts("#who-name", "signed in", |t| t == ["pm-outcomes"])
        .await;
    browser.click("#nav a[data-page='outcomes']").await;
    let empty = browser
        .wait_texts("#churn-empty", "no renewals yet", |t| t.len() == 1)
        .await;
    assert!(
        empty[0].ends_with(
            "If no renewals are recorded yet: record them with sift renewal record or RecordRenewal."
        ),
        "{empty:?}"
    );
    let nothing_shipped = browser.texts("#impact-empty").await;
    assert!(
        nothing_shipped[0].starts_with("Nothing shipped yet"),
        "{nothing_shipped:?}"
    );
    browser.screenshot("outcomes-empty").await;

    let customer = |ext: &str, arr: i64, renews: chrono::DateTime<Utc>| {
        let mut a = crate::fixtures::account(ext, arr);
        a.renewal_date = Some(renews.date_naive().to_string());
        a.effective_at = Some(crate::fixtures::at(ago(100).timestamp()));
        a
    };
    app.accounts
        .clone()
        .upsert_accounts(with_token(
            pb::UpsertAccountsRequest {
                accounts: vec![
                    customer("globex", 4_000_000, ago(10)),
                    customer("umbrella", 2_500_000, ago(-30)),
                    customer("initech", 1_000_000, ago(-300)),
                ],
            },
            &pm,
        ))
        .await
        .expect("accounts");
    let ask = async |source_ref: &str, account: &str, body: &str| {
        let mut input = crate::fixtures::feedback(source_ref, account, body);
        input.occurred_at = Some(crate::fixtures::at(ago(60).timestamp()));
        submit(&app, &pm, input).await.request_id
    };
    let sso = ask(
        "o-1",
        "globex",
        "Single sign-on with Okta SAML for our staff",
    )
    .await;
    assert_eq!(
        ask(
            "o-2",
            "umbrella",
            "Single sign-on with Okta SAML for our staff please"
        )
        .await,
        sso
    );
    let pdf = ask(
        "o-3",
        "initech",
        "Please add PDF export for the weekly report",
    )
    .await;
    assert_ne!(sso, pdf);
    let mut roadmap = app.roadmap.clone();
    let release = roadmap
        .create_release(with_token(
            pb::CreateReleaseRequest {
                version: "2026.12".into(),
                kind: pb::ReleaseKind::Minor as i32,
                planned_date: Utc::now().date_naive().to_string(),
                summary: "Weekly train".into(),
            },
            &pm,
        ))
        .await
        .expect("release")
        .into_inner();
    roadmap
        .plan_request(with_token(
            pb::PlanRequestRequest {
                request_id: pdf,
                target: Some(pb::plan_request_request::Target::ReleaseId(release.id)),
                actor: "pm".into(),
            },
            &pm,
        ))
        .await
        .expect("plan");
    roadmap
        .ship_release(with_token(
            pb::ShipReleaseRequest {
                release_id: release.id,
                actor: "pm".into(),
                accept_generated_titles: true,
            },
            &pm,
        ))
        .await
        .expect("ship");
    let mut outcomes = pb::outcome_service_client::OutcomeServiceClient::new(app.channel.clone());
    // PDF export's adoption: a signal, and the ship backdated 20 days (ShipRelease ships now)
    // so that the curve has days; initech's users and another account's use it since.
    let mut telemetry = app.telemetry.clone();
    telemetry
        .define_signal(with_token(
            pb::DefineSignalRequest {
                key: "report.export.pdf".into(),
                description: "Exported the weekly report as PDF".into(),
            },
            &pm,
        ))
        .await
        .expect("signal");
    outcomes
        .set_adoption_signals(with_token(
            pb::SetAdoptionSignalsRequest {
                request_id: pdf,
                signal_keys: vec!["report.export.pdf".into()],
            },
            &pm,
        ))
        .await
        .expect("adoption signals");
    let shipped_us = ago(20).timestamp_micros();
    let db = sea_orm::Database::connect(url.as_str())
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
        sea_orm::ConnectionTrait::execute_unprepared(&db, &sql)
            .await
            .expect("backdate");
    }
    db.close().await.expect("close");
    let used = |account: &str, user: &str, days: i64| pb::TelemetryEvent {
        signal_key: "report.export.pdf".into(),
        account_external_id: account.into(),
        user_ref: user.into(),
        count: 1,
        occurred_at: Some(crate::fixtures::at(ago(days).timestamp())),
        ..Default::default()
    };
    let events = vec![
        used("initech", "u1", 18),
        used("initech", "u1", 15),
        used("initech", "u2", 12),
        used("initech", "u1", 5),
        used("umbrella", "x1", 10),
        used("globex", "y1", 12),
        used("umbrella", "x2", 4),
    ];
    telemetry
        .record_telemetry(with_token(tokio_stream::iter(events), &pm))
        .await
        .expect("telemetry");
    outcomes
        .record_renewal(with_token(
            pb::RecordRenewalRequest {
                reference: "R-globex".into(),
                account_external_id: "globex".into(),
                renewed_on: ago(10).date_naive().to_string(),
                outcome: pb::RenewalOutcome::Churned as i32,
                arr_before: 4_000_000,
                arr_after: 0,
            },
            &pm,
        ))
        .await
        .expect("renewal");
    let sso_title = app
        .requests
        .clone()
        .get_request(with_token(
            pb::GetRequestRequest {
                id: sso,
                evidence_limit: 1,
            },
            &pm,
        ))
        .await
        .expect("request")
        .into_inner()
        .request
        .expect("request")
        .title;

    browser.goto(&format!("http://{console}/#/backlog")).await;
    browser.click("#nav a[data-page='outcomes']").await;
    let lost = thousands(40_000);
    let rows = browser
        .wait_texts("#churn > tbody > tr[data-request-id]", "churn rows", |t| {
            t.len() == 1
        })
        .await;
    assert!(rows[0].contains(&sso_title), "{rows:?} names {sso_title}");
    assert!(rows[0].contains(&lost), "{rows:?} shows {lost}");
    assert_eq!(
        browser
            .row_ids("#churn > tbody > tr[data-request-id]")
            .await,
        [sso]
    );
    // Down to the account: the row opens to globex and its renewal.
    browser
        .click(&format!("#churn tr[data-request-id='{sso}'] button.expand"))
        .await;
    let accounts = browser
        .wait_texts(
            "#churn tr.accounts-row:not([hidden]) tbody tr",
            "accounts",
            |t| t.len() == 1,
        )
        .await;
    assert!(
        accounts[0].contains("globex") && accounts[0].contains("R-globex"),
        "{accounts:?}"
    );
    let at_risk = browser
        .wait_texts(
            "#at-risk > tbody > tr[data-request-id]",
            "at risk now",
            |t| t.len() == 1,
        )
        .await;
    assert!(at_risk[0].contains(&thousands(25_000)), "{at_risk:?}");
    // The release impact of 2026.12: initech was told, and it says what it is not.
    let impact = browser
        .wait_texts(
            "#impact > tbody > tr[data-request-id]",
            "impact rows",
            |t| t.len() == 1,
        )
        .await;
    assert!(impact[0].contains("Please add PDF export"), "{impact:?}");
    browser
        .find(&format!(
            ".adoption-chart[data-request-id='{pdf}'] svg polyline.requesters"
        ))
        .await;
    browser
        .click(&format!(
            "#impact tr[data-request-id='{pdf}'] button.expand"
        ))
        .await;
    let requesters = browser
        .wait_texts(
            "#impact tr.accounts-row:not([hidden]) tbody tr",
            "requesting accounts",
            |t| t.len() == 1,
        )
        .await;
    assert!(requesters[0].contains("initech"), "{requesters:?}");
    browser.click("#comparison-accounts summary").await;
    let comparison = browser
        .wait_texts(
            "#comparison-accounts tbody tr",
            "comparison accounts",
            |t| t.len() == 2,
        )
        .await;
    assert!(
        comparison
            .iter()
            .any(|r| r.contains("globex") && r.contains("churned")),
        "{comparison:?}"
    );
    let caution = browser.texts("#impact-out .caution").await;
    assert!(
        caution[0].starts_with("Comparison, not cause"),
        "{caution:?}"
    );
    // A backtest against the vote count, ranked 30 days back: both had SSO in their top 10.
    browser
        .set_value("#backtest-as-of", &ago(30).date_naive().to_string())
        .await;
    browser.click("#backtest-run").await;
    browser
        .wait_texts("#backtest tbody tr", "two rankings", |t| {
            t.len() == 2 && t.iter().all(|r| r.contains(&lost))
        })
        .await;
    browser.screenshot("outcomes").await;

    browser.quit().await;
    server.stop().await;
    cleanup.run().await;
}
