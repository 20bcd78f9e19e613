//! Unusual but valid text is stored exactly, and bad items in the two client streams are
//! rejected one by one, named by position and field.

use super::*;

#[tokio::test]
async fn hostile_but_valid_text_is_stored_exactly() {
    each_backend(|mut app| async move {
        for (i, (label, text)) in hostile_text().into_iter().enumerate() {
            let mut input = feedback(&format!("H-{i}"), "acme", &text);
            input.title = text.chars().rev().take(300).collect();
            // Text is stored exactly; a name with invisible or bidi controls is refused.
            let name: String = text.chars().take(500).collect();
            let name_refused = matches!(label, "RTL override" | "zero width");
            input.contact = Some(pb::ContactRef {
                external_id: format!("emoji-🎉-{i}"),
                email: String::new(),
                name: name.clone(),
            });
            if name_refused {
                let err = app
                    .feedback
                    .submit_feedback(submit(input.clone()))
                    .await
                    .expect_err(label);
                assert_eq!(violated_fields(&err), ["feedback.contact.name"], "{label}");
                if let Some(c) = input.contact.as_mut() {
                    c.name = "Lee".into();
                }
            }
            let stored = app
                .feedback
                .submit_feedback(submit(input.clone()))
                .await
                .unwrap_or_else(|s| panic!("{label}: {s:?}"))
                .into_inner();
            assert!(!stored.duplicate, "{label}");
            let back = app
                .feedback
                .get_feedback(pb::GetFeedbackRequest { id: stored.id })
                .await
                .expect("get")
                .into_inner();
            assert_eq!(back.body, text, "{label}: body");
            assert_eq!(back.title, input.title, "{label}: title");
            assert_eq!(back.request_id, stored.request_id, "{label}");

            let named = |name: &str| pb::UpsertAccountsRequest {
                accounts: vec![pb::AccountInput {
                    name: Some(name.to_owned()),
                    segment: Some(text.chars().take(200).collect()),
                    ..account(&format!("ünï-{i}-🎉"), 1)
                }],
            };
            if name_refused {
                let err = app
                    .accounts
                    .upsert_accounts(named(&name))
                    .await
                    .expect_err(label);
                assert_eq!(violated_fields(&err), ["accounts[0].name"], "{label}");
            }
            let name = if name_refused {
                "Acme".to_owned()
            } else {
                name
            };
            let account = app
                .accounts
                .upsert_accounts(named(&name))
                .await
                .unwrap_or_else(|s| panic!("{label}: {s:?}"))
                .into_inner()
                .accounts
                .remove(0);
            let got = app
                .accounts
                .get_account(pb::GetAccountRequest {
                    key: Some(pb::get_account_request::Key::ExternalId(
                        account.external_id.clone(),
                    )),
                })
                .await
                .expect("get account")
                .into_inner();
            assert_eq!(
                (got.name.as_str(), got.segment.as_str()),
                (
                    name.as_str(),
                    text.chars().take(200).collect::<String>().as_str()
                ),
                "{label}: account"
            );
        }
        // Rejected-or-not, similarity search over all of it still answers.
        let similar = app
            .requests
            .find_similar(pb::FindSimilarRequest {
                text: "export".into(),
                limit: 100,
            })
            .await
            .expect("find similar")
            .into_inner();
        assert!(!similar.requests.is_empty());
    })
    .await;
}

/// Bad items in the two client streams are rejected one by one, named by position and field;
/// nothing of them is stored and the good items around them are.
#[tokio::test]
async fn bad_items_in_streams_are_rejected_by_position() {
    each_backend(|mut app| async move {
        let seed = seed(&app).await;
        let before = snapshot(&app).await;
        let items = vec![
            pb::FeedbackInput::default(),
            feedback("\0", "acme", "b"),
            pb::FeedbackInput {
                source: 999,
                ..feedback("S-1", "acme", "b")
            },
            feedback("S-2", "acme", &"x".repeat(HUGE)),
            pb::FeedbackInput {
                occurred_at: Some(at(i64::MAX)),
                ..feedback("S-3", "acme", "b")
            },
        ];
        let outcome = app
            .feedback
            .import_feedback(tokio_stream::iter(
                items
                    .into_iter()
                    .map(|f| pb::ImportFeedbackRequest { feedback: Some(f) }),
            ))
            .await
            .expect("import answers")
            .into_inner();
        assert_eq!((outcome.accepted, outcome.rejected), (0, 5), "{outcome:?}");
        let named: Vec<(i64, &str)> = outcome
            .rejections
            .iter()
            .map(|r| (r.position, r.field.as_str()))
            .collect();
        for want in [
            (0, "feedback.source"),
            (1, "feedback.source_ref"),
            (2, "feedback.source"),
            (3, "feedback.body"),
            (4, "feedback.occurred_at"),
        ] {
            assert!(named.contains(&want), "{want:?} not in {named:?}");
        }
        // An empty import is answered with nothing done.
        let empty = app
            .feedback
            .import_feedback(tokio_stream::iter(Vec::<pb::ImportFeedbackRequest>::new()))
            .await
            .expect("empty import")
            .into_inner();
        assert_eq!((empty.accepted, empty.rejected), (0, 0));
        // A message without its feedback is a rejection, not a dropped stream.
        let hollow = app
            .feedback
            .import_feedback(tokio_stream::iter(vec![pb::ImportFeedbackRequest {
                feedback: None,
            }]))
            .await
            .expect("hollow import")
            .into_inner();
        assert_eq!(hollow.rejected, 1, "{hollow:?}");

        let event = |key: &str,
                     account: &str,
                     user: &str,
                     count: i64,
                     t: Option<prost_types::Timestamp>| {
            pb::TelemetryEvent {
                signal_key: key.into(),
                account_external_id: account.into(),
                user_ref: user.into(),
                count,
                occurred_at: t,
                ..Default::default()
            }
        };
        let key = "export.pdf.unsupported";
        let events = vec![
            pb::TelemetryEvent::default(),
            event("no.such.signal", "acme", "u1", 1, Some(now())),
            event(key, "", "u1", 1, Some(now())),
            event(key, "acme\0", "u1", 1, Some(now())),
            event(key, "acme", "u1", -5, Some(now())),
            event(key, "acme", "u1", 1, None),
            event(key, "acme", "u1", 1, Some(at(i64::MAX))),
            event(key, "acme", &"u".repeat(HUGE), 1, Some(now())),
        ];
        let n = events.len() as i64;
        let recorded = app
            .telemetry
            .record_telemetry(tokio_stream::iter(events))
            .await
            .expect("record answers")
            .into_inner();
        assert_eq!(
            (recorded.accepted, recorded.rejected),
            (0, n),
            "{recorded:?}"
        );
        let positions: Vec<i64> = recorded.rejections.iter().map(|r| r.position).collect();
        assert_eq!(positions, (0..n).collect::<Vec<_>>(), "{recorded:?}");
        assert!(recorded.rejections.iter().all(|r| !r.field.is_empty()));
        let explained = app
            .backlog
            .explain_score(pb::ExplainScoreRequest {
                request_id: seed.request_id,
                profile: None,
                ..Default::default()
            })
            .await
            .expect("explain")
            .into_inner();
        assert_eq!(explained.telemetry_users, 0);
        assert_eq!(snapshot(&app).await, before);
    })
    .await;
}
