//! The demo through the real server: its feedback, written as tickets and notes really arrive,
//! ends up grouped as the needs it was written for, and no title carries a customer's details.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sift::pb;

use crate::harness::{TestApp, each_backend};

async fn all_feedback(app: &mut TestApp) -> Vec<pb::Feedback> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = app
            .feedback
            .list_feedback(pb::ListFeedbackRequest {
                page_size: 1000,
                page_token,
                ..Default::default()
            })
            .await
            .expect("list feedback")
            .into_inner();
        out.extend(page.feedback);
        if page.next_page_token.is_empty() {
            return out;
        }
        page_token = page.next_page_token;
    }
}

async fn open_requests(app: &mut TestApp) -> Vec<pb::Request> {
    app.requests
        .list_requests(pb::ListRequestsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list requests")
        .into_inner()
        .requests
}

#[tokio::test]
async fn the_demo_groups_each_need_into_one_request() {
    each_backend(|mut app| async move {
        assert!(
            sift::demo::load(app.addr, "", &app.clock)
                .await
                .expect("demo")
        );
        let need_of: HashMap<String, &str> = sift::demo::delivered(0)
            .into_iter()
            .map(|d| (d.source_ref, d.need))
            .collect();
        let items = all_feedback(&mut app).await;
        assert_eq!(items.len(), need_of.len());

        let mut requests_of_need: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
        let mut needs_of_request: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
        for f in &items {
            let need = need_of[&f.source_ref];
            requests_of_need
                .entry(need)
                .or_default()
                .insert(f.request_id);
            needs_of_request
                .entry(f.request_id)
                .or_default()
                .insert(need);
        }
        let split: Vec<_> = requests_of_need
            .iter()
            .filter(|(_, r)| r.len() > 1)
            .collect();
        let mixed: Vec<_> = needs_of_request
            .iter()
            .filter(|(_, n)| n.len() > 1)
            .collect();
        assert!(
            split.is_empty() && mixed.is_empty(),
            "one request per need: split {split:?}, mixed {mixed:?}"
        );

        // The telemetry signal measures the PDF need: it sits in that request.
        let (key, _, need) = sift::demo::SIGNAL;
        let signal = app
            .telemetry
            .list_signals(pb::ListSignalsRequest {})
            .await
            .expect("signals")
            .into_inner()
            .signals
            .into_iter()
            .find(|s| s.key == key)
            .expect("the demo's signal");
        assert_eq!(
            requests_of_need[need].iter().copied().collect::<Vec<_>>(),
            vec![signal.request_id]
        );

        // Every open request is one of the needs, titled without anyone's details.
        let requests = open_requests(&mut app).await;
        assert_eq!(requests.len(), requests_of_need.len());
        let private = private_details();
        for r in &requests {
            let words: BTreeSet<String> = r
                .title
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            let lower = r.title.to_lowercase();
            let digits: String = r.title.chars().filter(char::is_ascii_digit).collect();
            for p in &private {
                let leaked = match p {
                    Private::Word(w) => words.contains(w),
                    Private::Text(t) => lower.contains(t.as_str()),
                    Private::Digits(d) => digits.contains(d.as_str()),
                };
                assert!(!leaked, "request {} title {:?} holds {p:?}", r.id, r.title);
            }
        }
    })
    .await;
}

/// After the demo loads, each outcome report has something to say and its figures add up: the
/// churn exposure of the year against the renewals the demo recorded, every shipped release's
/// impact (adoption within the requesting accounts, renewal outcomes that add up), an adoption
/// curve with adopters among requesters and others, and a backtest at six months ago that ranks
/// differently from the vote count.
#[tokio::test]
async fn the_demo_carries_a_year_of_outcomes() {
    use sift::demo::history::RENEWALS;
    use sift::pb::outcome_service_client::OutcomeServiceClient;
    each_backend(|mut app| async move {
        assert!(
            sift::demo::load(app.addr, "", &app.clock)
                .await
                .expect("demo")
        );
        let mut outcomes = OutcomeServiceClient::new(app.channel.clone());
        let today = chrono::Utc::now().date_naive();
        let day = |days: u64| (today - chrono::Days::new(days)).to_string();

        // A year of account history, backdated.
        let massive = outcomes
            .get_account_history(pb::GetAccountHistoryRequest {
                key: Some(pb::get_account_history_request::Key::ExternalId(
                    "massive".into(),
                )),
            })
            .await
            .expect("history")
            .into_inner();
        let first = massive.changes.first().expect("changes").clone();
        let first_at = first.effective_at.expect("effective_at").seconds;
        assert!(
            first_at <= (chrono::Utc::now() - chrono::Duration::days(364)).timestamp(),
            "known a year ago: {first:?}"
        );
        assert!(
            massive
                .changes
                .iter()
                .any(|c| c.cause == "RENEWAL" && c.arr_after == Some(0)),
            "{:?}",
            massive.changes
        );

        // Churn exposure over the year: exactly the demo's losing renewals, adding up.
        let churn = outcomes
            .get_churn_exposure(pb::GetChurnExposureRequest {
                from: day(365),
                to: day(0),
                renewal_window_days: 0,
            })
            .await
            .expect("churn")
            .into_inner();
        let lost_by = |o: pb::RenewalOutcome| -> i64 {
            RENEWALS
                .iter()
                .filter(|r| r.3 == o)
                .map(|r| r.4 - r.5)
                .sum()
        };
        assert!(churn.arr_churned > 0);
        assert_eq!(churn.arr_churned, lost_by(pb::RenewalOutcome::Churned));
        assert_eq!(
            churn.arr_contracted,
            lost_by(pb::RenewalOutcome::Contracted)
        );
        assert_eq!(
            churn.losses.iter().map(|l| l.arr_lost).sum::<i64>(),
            churn.arr_churned + churn.arr_contracted
        );
        for l in &churn.losses {
            assert_eq!(l.arr_lost, l.arr_before - l.arr_after, "{l:?}");
        }
        assert!(
            !churn.requests.is_empty(),
            "losses waiting on open requests"
        );
        for r in &churn.requests {
            assert_eq!(
                r.arr_lost,
                r.accounts.iter().map(|a| a.arr_lost).sum::<i64>(),
                "{r:?}"
            );
        }
        let waiting: std::collections::BTreeSet<&str> = churn
            .requests
            .iter()
            .flat_map(|r| r.accounts.iter().map(|a| a.account_external_id.as_str()))
            .collect();
        assert!(waiting.contains("massive"), "{waiting:?}");
        assert!(!churn.at_risk.is_empty(), "ARR at risk now");
        for r in &churn.at_risk {
            assert_eq!(
                r.arr_at_risk,
                r.accounts.iter().map(|a| a.arr).sum::<i64>(),
                "{r:?}"
            );
        }

        // Every shipped release's impact adds up; some requesters adopted, some did not.
        let roadmap = app
            .roadmap
            .get_roadmap(pb::GetRoadmapRequest {
                include_shipped: true,
            })
            .await
            .expect("roadmap")
            .into_inner();
        let shipped: Vec<&pb::RoadmapRelease> = roadmap
            .releases
            .iter()
            .filter(|r| r.release.as_ref().is_some_and(|r| r.shipped))
            .collect();
        assert!(shipped.len() >= 52, "weekly releases: {}", shipped.len());
        let majors = shipped
            .iter()
            .filter(|r| {
                r.release
                    .as_ref()
                    .is_some_and(|r| r.kind == pb::ReleaseKind::Major as i32)
            })
            .count();
        assert_eq!(majors, 4);
        let (mut adopted, mut not_adopted, mut delivered, mut renewed_after) = (0, 0, 0, 0);
        let mut impacts = 0;
        for r in &shipped {
            let release = r.release.as_ref().expect("release");
            let impact = outcomes
                .get_release_impact(pb::GetReleaseImpactRequest {
                    release_id: release.id,
                    renewal_window_days: 0,
                })
                .await
                .expect("impact")
                .into_inner();
            for q in &impact.requests {
                impacts += 1;
                assert_eq!(q.accounts.len() as i64, q.requesting_accounts, "{q:?}");
                assert!(q.contacts_delivered <= q.contacts_notified, "{q:?}");
                delivered += q.contacts_delivered;
                let windows: Vec<i32> = q.adoption.iter().map(|w| w.days).collect();
                assert_eq!(windows, [7, 30, 90], "{}", q.title);
                let mut last = 0;
                for w in &q.adoption {
                    assert!(w.accounts <= q.requesting_accounts, "{q:?}");
                    assert!(w.accounts >= last, "windows grow: {q:?}");
                    last = w.accounts;
                }
                let users = q
                    .accounts
                    .iter()
                    .filter(|a| !a.first_used_on.is_empty())
                    .count();
                adopted += users;
                not_adopted += q.accounts.len() - users;
                let risk = q.at_risk.expect("at risk");
                assert!(risk.accounts <= q.requesting_accounts);
                assert_eq!(
                    risk.renewed
                        + risk.expanded
                        + risk.contracted
                        + risk.churned
                        + risk.no_renewal_yet,
                    risk.accounts,
                    "{risk:?}"
                );
                renewed_after += risk.renewed + risk.expanded + risk.contracted + risk.churned;
            }
            let c = impact.comparison.expect("comparison");
            assert_eq!(c.accounts, impact.comparison_accounts.len() as i64);
        }
        assert_eq!(impacts, sift::demo::history::FEATURES.len());
        assert!(
            adopted > 0 && not_adopted > 0,
            "{adopted} adopted, {not_adopted} not"
        );
        assert!(delivered > 0);
        assert!(renewed_after > 0, "at-risk requesters renewed since");

        // An adoption curve with requesting and other accounts.
        let feature = &sift::demo::history::FEATURES[4];
        let request_id = shipped
            .iter()
            .flat_map(|r| r.items.iter())
            .filter_map(|i| i.request.as_ref())
            .find(|q| q.title == feature.title)
            .map(|q| q.id)
            .expect("the mobile app shipped");
        let adoption = outcomes
            .get_adoption(pb::GetAdoptionRequest {
                request_id,
                days: 90,
            })
            .await
            .expect("adoption")
            .into_inner();
        assert_eq!(adoption.days.len(), 90);
        assert!(adoption.days.iter().any(|d| d.requesting_accounts > 0));
        assert!(adoption.days.iter().any(|d| d.other_accounts > 0));

        // A backtest six months back: both rankings explain their captures, within the loss,
        // and they differ.
        let b = outcomes
            .backtest_profile(pb::BacktestProfileRequest {
                profile: String::new(),
                as_of: day(180),
                horizon_days: 180,
                against_profile: String::new(),
            })
            .await
            .expect("backtest")
            .into_inner();
        assert!(b.arr_lost > 0);
        assert_eq!(
            b.accounts,
            sift::demo::ACCOUNTS.len() as i64,
            "all known then"
        );
        assert!(b.open_requests > 10, "{}", b.open_requests);
        let ranking = b.ranking.expect("ranking");
        let votes = b.against.expect("votes");
        for r in [&ranking, &votes] {
            let mut last = 0;
            for c in &r.captures {
                assert!(c.arr_lost >= last && c.arr_lost <= b.arr_lost, "{c:?}");
                assert_eq!(
                    c.arr_lost,
                    c.accounts.iter().map(|a| a.arr_lost).sum::<i64>()
                );
                last = c.arr_lost;
            }
        }
        let top10 = |r: &pb::BacktestRanking| r.captures[0].arr_lost;
        let order = |r: &pb::BacktestRanking| -> Vec<i64> {
            r.top.iter().take(10).map(|t| t.request_id).collect()
        };
        assert_ne!(order(&ranking), order(&votes), "the two rankings differ");
        assert!(
            top10(&ranking) >= top10(&votes),
            "the default profile sees more of the loss coming than the vote count: {} vs {}",
            top10(&ranking),
            top10(&votes)
        );
    })
    .await;
}

#[derive(Debug)]
enum Private {
    /// A Latin name or name part, matched as a whole word.
    Word(String),
    /// A CJK name, an e-mail address or a URL, matched anywhere.
    Text(String),
    /// A phone number's digits.
    Digits(String),
}

/// Names (customers', companies', the vendor's staff), e-mail addresses, phone numbers and URLs
/// that appear in the demo's feedback.
fn private_details() -> Vec<Private> {
    // Words that are part of a company name without naming it.
    const GENERIC: &[&str] = &[
        "corporation",
        "health",
        "logistics",
        "analytics",
        "systems",
        "foods",
        "capital",
        "tech",
        "studio",
        "soft",
        "co",
    ];
    let mut names: Vec<&str> = sift::demo::STAFF.to_vec();
    names.extend(sift::demo::ACCOUNTS.iter().map(|a| a.name));
    names.extend(sift::demo::TICKETS.iter().map(|t| t.contact.0));
    names.extend(sift::demo::history::PAST.iter().map(|d| d.ticket.contact.0));
    let mut out = Vec::new();
    for name in names {
        for part in name.split(|c: char| c.is_whitespace() || c == '&') {
            let part = part.to_lowercase();
            if part.is_empty() || GENERIC.contains(&part.as_str()) {
                continue;
            }
            if part.chars().any(|c| c.is_ascii_alphabetic()) {
                out.push(Private::Word(part));
            } else {
                out.push(Private::Text(part));
            }
        }
    }
    for d in sift::demo::delivered(0) {
        let text = format!("{}\n{}", d.input.title, d.input.body);
        let contact = d.input.contact.map(|c| c.email).unwrap_or_default();
        // Addresses and links: runs of the characters they are written with.
        let address = |c: char| c.is_ascii_alphanumeric() || "._%+-@:/".contains(c);
        for token in text.split(|c| !address(c)).chain([contact.as_str()]) {
            let token = token.trim_matches(|c: char| ".:".contains(c));
            if token.contains("://") || token.contains('@') || token.starts_with("www.") {
                out.push(Private::Text(token.to_lowercase()));
            }
        }
        for line in text.lines() {
            // A phone number: 7 digits or more with only separators between them.
            let mut run = String::new();
            for c in line.chars().chain([' ', 'x']) {
                if c.is_ascii_digit() {
                    run.push(c);
                } else if !" -.()+/".contains(c) {
                    if run.len() >= 7 {
                        out.push(Private::Digits(run.clone()));
                    }
                    run.clear();
                }
            }
        }
    }
    out
}
