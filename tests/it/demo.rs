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
        assert!(sift::demo::load(app.addr, "").await.expect("demo"));
        let need_of: HashMap<String, &str> = sift::demo::delivered(0)
            .into_iter()
            .map(|d| (d.source_ref, d.need))
            .collect();
        let items = all_feedback(&mut app).await;
        assert_eq!(items.len(), sift::demo::TICKETS.len());

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
