//! FeedbackService: idempotent ingest, placeholders, validation, import, reads.

use sift::pb;
use tonic::Code;

use crate::fixtures::{account, at, feedback, violated_fields};
use crate::harness::{each_backend, each_backend_with};

fn submit(f: pb::FeedbackInput) -> pb::SubmitFeedbackRequest {
    pb::SubmitFeedbackRequest { feedback: Some(f) }
}

#[tokio::test]
async fn submit_is_idempotent_on_source_and_ref() {
    each_backend(|mut app| async move {
        let first = app
            .feedback
            .submit_feedback(submit(feedback("T-1", "acme", "Please add PDF export")))
            .await
            .expect("submit")
            .into_inner();
        assert!(!first.duplicate);
        // A retry with different text changes nothing and answers with the stored id.
        let again = app
            .feedback
            .submit_feedback(submit(feedback("T-1", "acme", "something else entirely")))
            .await
            .expect("retry")
            .into_inner();
        assert_eq!((again.id, again.duplicate), (first.id, true));
        let stored = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest { id: first.id })
            .await
            .expect("get")
            .into_inner();
        assert_eq!(stored.body, "Please add PDF export");
        assert_eq!(stored.importance, pb::Importance::Unspecified as i32);
        // The same ref from another source is another item.
        let mut csm = feedback("T-1", "acme", "CSM note");
        csm.source = pb::Source::Csm as i32;
        let other = app
            .feedback
            .submit_feedback(submit(csm))
            .await
            .expect("csm")
            .into_inner();
        assert!(!other.duplicate);
        assert_ne!(other.id, first.id);
    })
    .await;
}

#[tokio::test]
async fn concurrent_retries_store_one_item() {
    each_backend(|app| async move {
        let mut calls = Vec::new();
        for i in 0..32 {
            let mut client = app.feedback.clone();
            calls.push(tokio::spawn(async move {
                client
                    .submit_feedback(submit(feedback("T-race", "acme", &format!("attempt {i}"))))
                    .await
                    .expect("submit")
                    .into_inner()
            }));
        }
        let mut ids = Vec::new();
        let mut fresh = 0;
        for call in calls {
            let r = call.await.expect("task");
            ids.push(r.id);
            fresh += usize::from(!r.duplicate);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "one id for every retry");
        assert_eq!(fresh, 1, "exactly one call stored it");
        let mut client = app.feedback.clone();
        let page = client
            .list_feedback(pb::ListFeedbackRequest {
                page_size: 100,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        assert_eq!(page.feedback.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn feedback_for_an_unknown_account_creates_a_placeholder_filled_later() {
    each_backend(|mut app| async move {
        let mut f = feedback("T-9", "newco", "dark mode please");
        f.contact = Some(pb::ContactRef {
            external_id: String::new(),
            email: "Lee@NewCo.example".into(),
            name: "Lee".into(),
        });
        f.importance = pb::Importance::Critical as i32;
        let stored = app
            .feedback
            .submit_feedback(submit(f))
            .await
            .expect("submit")
            .into_inner();
        let item = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest { id: stored.id })
            .await
            .expect("get")
            .into_inner();
        assert_eq!(item.account_external_id, "newco");
        assert_eq!(item.importance, pb::Importance::Critical as i32);
        assert!(item.contact_id.is_some());
        let placeholder = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(pb::get_account_request::Key::ExternalId("newco".into())),
            })
            .await
            .expect("placeholder")
            .into_inner();
        assert!(placeholder.placeholder);
        assert_eq!(placeholder.arr, None);
        assert_eq!(placeholder.id, item.account_id);

        // The CRM sync fills it in; the feedback still points at it.
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("newco", 42)],
            })
            .await
            .expect("fill in");
        let filled = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(pb::get_account_request::Key::Id(item.account_id)),
            })
            .await
            .expect("filled")
            .into_inner();
        assert!(!filled.placeholder);
        assert_eq!(filled.arr, Some(42));

        // The contact given by email was kept and is matched again, not doubled.
        let mut g = feedback("T-10", "newco", "and a PDF export");
        g.contact = Some(pb::ContactRef {
            external_id: String::new(),
            email: "lee@newco.example".into(),
            name: String::new(),
        });
        let second = app
            .feedback
            .submit_feedback(submit(g))
            .await
            .expect("second")
            .into_inner();
        let item2 = app
            .feedback
            .get_feedback(pb::GetFeedbackRequest { id: second.id })
            .await
            .expect("get")
            .into_inner();
        assert_eq!(item2.contact_id, item.contact_id);
        let contact = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "crm-lee".into(),
                    email: "lee@newco.example".into(),
                    name: "Lee Chen".into(),
                    locale: "en".into(),
                    account_external_id: "newco".into(),
                }],
            })
            .await
            .expect("adopt")
            .into_inner()
            .contacts
            .remove(0);
        assert_eq!(Some(contact.id), item.contact_id);
    })
    .await;
}

#[tokio::test]
async fn bad_feedback_is_refused_by_field() {
    each_backend_with(
        |c| c.limits.max_text_chars = 50,
        |mut app| async move {
            let err = app
                .feedback
                .submit_feedback(pb::SubmitFeedbackRequest { feedback: None })
                .await
                .expect_err("empty");
            assert_eq!(violated_fields(&err), ["feedback"]);

            let blank = pb::FeedbackInput::default();
            let err = app
                .feedback
                .submit_feedback(submit(blank))
                .await
                .expect_err("blank");
            assert_eq!(
                violated_fields(&err),
                [
                    "feedback.source",
                    "feedback.source_ref",
                    "feedback.account_external_id",
                    "feedback.body",
                    "feedback.occurred_at"
                ]
            );

            // Declared length limits are checked first, before the request is decoded (every
            // over-long field at once); the other rules then name every field they refuse.
            let future = Some(at(chrono::Utc::now().timestamp() + 3 * 86_400));
            let mut long = feedback("T-2", "acme", &"词".repeat(51));
            long.occurred_at = future;
            long.title = "标".repeat(51);
            let err = app
                .feedback
                .submit_feedback(submit(long))
                .await
                .expect_err("long");
            assert_eq!(violated_fields(&err), ["feedback.title", "feedback.body"]);
            let mut late = feedback("T-2", "acme", &"词".repeat(50));
            late.occurred_at = future;
            late.source_ref = String::new();
            let err = app
                .feedback
                .submit_feedback(submit(late))
                .await
                .expect_err("late");
            assert_eq!(
                violated_fields(&err),
                ["feedback.source_ref", "feedback.occurred_at"]
            );

            let mut unknown = feedback("T-3", "acme", "x");
            unknown.source = 99;
            unknown.importance = 7;
            let err = app
                .feedback
                .submit_feedback(submit(unknown))
                .await
                .expect_err("enum");
            assert_eq!(
                violated_fields(&err),
                ["feedback.source", "feedback.importance"]
            );

            let mut email = feedback("T-4", "acme", "x");
            email.contact = Some(pb::ContactRef {
                external_id: String::new(),
                email: "nobody@".into(),
                name: String::new(),
            });
            let err = app
                .feedback
                .submit_feedback(submit(email))
                .await
                .expect_err("email");
            assert_eq!(violated_fields(&err), ["feedback.contact.email"]);

            // Nothing was stored by any of it.
            let page = app
                .feedback
                .list_feedback(pb::ListFeedbackRequest::default())
                .await
                .expect("list")
                .into_inner();
            assert!(page.feedback.is_empty());
            let err = app
                .feedback
                .get_feedback(pb::GetFeedbackRequest { id: 12345 })
                .await
                .expect_err("missing");
            assert_eq!(err.code(), Code::NotFound);
        },
    )
    .await;
}

#[tokio::test]
async fn import_judges_each_item_on_its_own() {
    each_backend(|mut app| async move {
        app.feedback
            .submit_feedback(submit(feedback("old-1", "acme", "already here")))
            .await
            .expect("seed");
        let mut items = Vec::new();
        for i in 0..2_500 {
            items.push(feedback(
                &format!("imp-{i}"),
                &format!("acct-{}", i % 7),
                "bulk text",
            ));
        }
        items[10].source_ref = String::new(); // rejected
        items[20] = feedback("old-1", "acme", "retry of an old one"); // duplicate
        items[30] = feedback("imp-29", "acme", "repeat within the stream"); // duplicate
        items[2_400].source = 77; // rejected
        let stream = tokio_stream::iter(
            items
                .into_iter()
                .map(|f| pb::ImportFeedbackRequest { feedback: Some(f) }),
        );
        let report = app
            .feedback
            .import_feedback(stream)
            .await
            .expect("import")
            .into_inner();
        assert_eq!(
            (report.accepted, report.duplicates, report.rejected),
            (2_496, 2, 2)
        );
        let rejected: Vec<(i64, &str)> = report
            .rejections
            .iter()
            .map(|r| (r.position, r.field.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [(10, "feedback.source_ref"), (2_400, "feedback.source")]
        );
        assert_eq!(report.items.len(), 2_498);
        let dup = report
            .items
            .iter()
            .find(|o| o.position == 30)
            .expect("item 30");
        let orig = report
            .items
            .iter()
            .find(|o| o.position == 29)
            .expect("item 29");
        assert!(dup.duplicate);
        assert_eq!(dup.id, orig.id);
        // Ids follow stream order.
        let fresh: Vec<i64> = report
            .items
            .iter()
            .filter(|o| !o.duplicate)
            .map(|o| o.id)
            .collect();
        assert!(fresh.windows(2).all(|w| w[0] < w[1]));
        let all = count_all(&mut app).await;
        assert_eq!(all, 2_497);
    })
    .await;
}

async fn count_all(app: &mut crate::harness::TestApp) -> usize {
    let mut token = String::new();
    let mut n = 0;
    loop {
        let page = app
            .feedback
            .list_feedback(pb::ListFeedbackRequest {
                page_size: 1000,
                page_token: token,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        n += page.feedback.len();
        if page.next_page_token.is_empty() {
            return n;
        }
        token = page.next_page_token;
    }
}

#[tokio::test]
async fn list_filters_and_pages_in_a_stable_order() {
    each_backend(|mut app| async move {
        let base = 1_750_000_000;
        let mut items = Vec::new();
        for i in 0..30i64 {
            let mut f = feedback(
                &format!("L-{i}"),
                if i % 2 == 0 { "even" } else { "odd" },
                "x",
            );
            // Several items share a timestamp: the id breaks the tie.
            f.occurred_at = Some(at(base + (i / 3) * 60));
            if i % 5 == 0 {
                f.source = pb::Source::Csm as i32;
            }
            items.push(pb::ImportFeedbackRequest { feedback: Some(f) });
        }
        app.feedback
            .import_feedback(tokio_stream::iter(items))
            .await
            .expect("import");

        let list = |req: pb::ListFeedbackRequest| {
            let mut client = app.feedback.clone();
            async move {
                let mut out = Vec::new();
                let mut req = req;
                loop {
                    let page = client
                        .list_feedback(req.clone())
                        .await
                        .expect("page")
                        .into_inner();
                    out.extend(page.feedback.into_iter().map(|f| f.source_ref));
                    if page.next_page_token.is_empty() {
                        return out;
                    }
                    req.page_token = page.next_page_token;
                }
            }
        };
        let everything = list(pb::ListFeedbackRequest {
            page_size: 4,
            ..Default::default()
        })
        .await;
        let expected: Vec<String> = (0..30).map(|i| format!("L-{i}")).collect();
        assert_eq!(everything, expected);

        let odd = list(pb::ListFeedbackRequest {
            account_external_id: "odd".into(),
            page_size: 4,
            ..Default::default()
        })
        .await;
        assert_eq!(
            odd,
            (0..30)
                .filter(|i| i % 2 == 1)
                .map(|i| format!("L-{i}"))
                .collect::<Vec<_>>()
        );

        let csm = list(pb::ListFeedbackRequest {
            source: pb::Source::Csm as i32,
            ..Default::default()
        })
        .await;
        assert_eq!(csm, ["L-0", "L-5", "L-10", "L-15", "L-20", "L-25"]);

        // [base + 60, base + 180): items 3..9.
        let window = list(pb::ListFeedbackRequest {
            occurred_after: Some(at(base + 60)),
            occurred_before: Some(at(base + 180)),
            page_size: 2,
            ..Default::default()
        })
        .await;
        assert_eq!(window, (3..9).map(|i| format!("L-{i}")).collect::<Vec<_>>());

        let err = app
            .feedback
            .list_feedback(pb::ListFeedbackRequest {
                account_external_id: "nobody".into(),
                ..Default::default()
            })
            .await
            .expect_err("unknown account");
        assert_eq!(err.code(), Code::NotFound);
        let err = app
            .feedback
            .list_feedback(pb::ListFeedbackRequest {
                occurred_after: Some(at(base + 60)),
                occurred_before: Some(at(base)),
                ..Default::default()
            })
            .await
            .expect_err("empty window");
        assert_eq!(violated_fields(&err), ["occurred_before"]);
    })
    .await;
}

#[tokio::test]
async fn feedback_naming_another_accounts_contact_is_refused() {
    each_backend(|mut app| async move {
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("acme", 100), account("globex", 100)],
            })
            .await
            .expect("accounts");
        app.accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "alice-1".into(),
                    email: "alice@acme.example".into(),
                    name: "Alice".into(),
                    locale: "en".into(),
                    account_external_id: "acme".into(),
                }],
            })
            .await
            .expect("contact");
        let naming = |source_ref: &str, acct: &str, email: &str, ext: &str| {
            let mut f = feedback(source_ref, acct, "Please add PDF export");
            f.contact = Some(pb::ContactRef {
                email: email.into(),
                external_id: ext.into(),
                ..Default::default()
            });
            f
        };
        // By email and by external id: refused, naming both accounts; nothing stored.
        for (email, ext) in [("alice@acme.example", ""), ("", "alice-1")] {
            let err = app
                .feedback
                .submit_feedback(submit(naming("G-1", "globex", email, ext)))
                .await
                .unwrap_err();
            assert_eq!(violated_fields(&err), ["feedback.contact"]);
            assert!(
                err.message().contains("\"acme\"") && err.message().contains("\"globex\""),
                "{}",
                err.message()
            );
        }
        let globex = app
            .feedback
            .list_feedback(pb::ListFeedbackRequest {
                account_external_id: "globex".into(),
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner()
            .feedback;
        assert!(globex.is_empty(), "nothing stored: {globex:?}");

        // In a bulk import the item is rejected by position; the others are stored. A contact
        // new to Sift belongs to the first account naming it, in the same import too.
        let items = vec![
            naming("I-0", "acme", "alice@acme.example", ""),
            naming("I-1", "globex", "alice@acme.example", ""),
            naming("I-2", "globex", "bob@globex.example", ""),
            naming("I-3", "acme", "bob@globex.example", ""),
        ];
        let report = app
            .feedback
            .import_feedback(tokio_stream::iter(
                items
                    .into_iter()
                    .map(|f| pb::ImportFeedbackRequest { feedback: Some(f) }),
            ))
            .await
            .expect("import")
            .into_inner();
        assert_eq!((report.accepted, report.rejected), (2, 2));
        let refused: Vec<(i64, &str)> = report
            .rejections
            .iter()
            .map(|r| (r.position, r.field.as_str()))
            .collect();
        assert_eq!(refused, [(1, "feedback.contact"), (3, "feedback.contact")]);
        assert!(
            report.rejections[1].reason.contains("\"globex\""),
            "{}",
            report.rejections[1].reason
        );

        // The CRM moves the contact explicitly: from then on it is globex's.
        app.accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![pb::ContactInput {
                    external_id: "alice-1".into(),
                    email: "alice@acme.example".into(),
                    name: "Alice".into(),
                    locale: "en".into(),
                    account_external_id: "globex".into(),
                }],
            })
            .await
            .expect("move contact");
        app.feedback
            .submit_feedback(submit(naming("G-1", "globex", "alice@acme.example", "")))
            .await
            .expect("accepted after the CRM moved the contact");
        let err = app
            .feedback
            .submit_feedback(submit(naming("A-9", "acme", "", "alice-1")))
            .await
            .unwrap_err();
        assert_eq!(violated_fields(&err), ["feedback.contact"]);
    })
    .await;
}

/// Letters standing for `n`, a word no other item holds.
fn unique_word(n: usize) -> String {
    let mut n = n + 26 * 26;
    let mut w = String::new();
    while n > 0 {
        w.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    format!("q{w}")
}

/// The writer places a big batch in chunks while it stores the chunk before (the two
/// overlap), and the chunks' decisions are those of one engine placing every item in order:
/// items join requests that earlier chunks started, and requests started in later chunks take
/// the next ids.
#[tokio::test(flavor = "multi_thread")]
async fn a_big_import_is_placed_as_one_engine_places_its_items_in_order() {
    let config = std::sync::Mutex::new(None);
    let config = &config;
    each_backend_with(
        |c| *config.lock().expect("config") = Some(c.clustering.clone()),
        |mut app| async move {
            let needs = [
                "Export the weekly report as PDF for the board",
                "Single sign-on with Okta through SAML for all staff",
                "Dark mode for the dashboard, our analysts work at night",
                "Bulk upload of customers from a CSV file",
                "希望支持把报表导出为PDF",
                "请为仪表板增加深色模式",
            ];
            let texts: Vec<String> = (0..6_000)
                .map(|i| {
                    if i % 40 == 7 {
                        // Nothing like it before: a new request, in every chunk.
                        format!(
                            "{} {} {}",
                            unique_word(i),
                            unique_word(i + 7_919),
                            unique_word(i + 104_729)
                        )
                    } else {
                        format!(
                            "Hello, {} (ticket {i}). Thanks, Sam",
                            needs[(i * 7 + i / 5) % needs.len()]
                        )
                    }
                })
                .collect();
            let items = texts
                .iter()
                .enumerate()
                .map(|(i, text)| feedback(&format!("BIG-{i}"), ["acme", "globex"][i % 2], text));
            let report = crate::fixtures::import(&mut app.feedback, items).await;
            assert_eq!(report.accepted as usize, texts.len());

            let cluster = config.lock().expect("config").clone().expect("configured");
            let mut engine = sift::domain::cluster::Clusterer::new(cluster);
            let mut last_request = 0u64;
            let mut joined_later = 0;
            for (outcome, text) in report.items.iter().zip(&texts) {
                let expected = engine.assign(outcome.id as u64, text, last_request + 1);
                if expected.request_id == last_request + 1 {
                    last_request += 1;
                } else if outcome.position >= 1_000 && (expected.request_id as i64) < 10 {
                    joined_later += 1;
                }
                assert_eq!(
                    outcome.request_id, expected.request_id as i64,
                    "item {} ({text})",
                    outcome.position
                );
            }
            assert!(joined_later > 1_000, "later items join early requests");
            assert!(last_request > 100, "{last_request} requests");
        },
    )
    .await;
}
