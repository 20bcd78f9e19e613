//! AccountService: upsert, get, list, contacts, validation.

use sift::pb::{self, get_account_request::Key};
use tonic::Code;

use crate::fixtures::{account, violated_fields};
use crate::harness::each_backend;

fn get_by_ext(ext: &str) -> pb::GetAccountRequest {
    pb::GetAccountRequest {
        key: Some(Key::ExternalId(ext.into())),
    }
}

#[tokio::test]
async fn upsert_get_and_derive_tiers() {
    each_backend(|mut app| async move {
        let mut explicit = account("small-but-key", 100);
        explicit.tier = Some(pb::Tier::Key as i32);
        let reply = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![
                    account("big", 20_000_000),
                    account("mid", 3_000_000),
                    account("small", 10_000),
                    explicit,
                ],
            })
            .await
            .expect("upsert")
            .into_inner();
        let tiers: Vec<(i32, bool)> = reply
            .accounts
            .iter()
            .map(|a| (a.tier, a.tier_derived))
            .collect();
        assert_eq!(
            tiers,
            [
                (pb::Tier::Key as i32, true),
                (pb::Tier::Important as i32, true),
                (pb::Tier::Standard as i32, true),
                (pb::Tier::Key as i32, false),
            ]
        );
        let big = app
            .accounts
            .get_account(get_by_ext("big"))
            .await
            .expect("get")
            .into_inner();
        assert_eq!(big.arr, Some(20_000_000));
        assert_eq!(big.currency, "USD");
        assert_eq!(big.renewal_date, "2027-03-31");
        assert_eq!(big.health, Some(80));
        assert!(!big.placeholder);
        let by_id = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(Key::Id(big.id)),
            })
            .await
            .expect("get by id")
            .into_inner();
        assert_eq!(by_id, big);

        // A second upsert updates in place; a field not sent (health) is kept.
        let mut changed = account("big", 5);
        changed.name = Some("Big Renamed".into());
        changed.health = None;
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![changed],
            })
            .await
            .expect("update");
        let big2 = app
            .accounts
            .get_account(get_by_ext("big"))
            .await
            .expect("get")
            .into_inner();
        assert_eq!(big2.id, big.id);
        assert_eq!(big2.name, "Big Renamed");
        assert_eq!(big2.arr, Some(5));
        assert_eq!(big2.tier, pb::Tier::Standard as i32);
        assert_eq!(big2.health, Some(80));
    })
    .await;
}

#[tokio::test]
async fn a_partial_upsert_changes_only_the_fields_sent() {
    each_backend(|mut app| async move {
        let mut key = account("acme", 50_000_000);
        key.tier = Some(pb::Tier::Key as i32);
        key.csm_email = Some("dana@vendor.example".into());
        let before = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![key],
            })
            .await
            .expect("seed")
            .into_inner()
            .accounts
            .remove(0);
        // The CRM sends ARR only (and a second account with nothing but its id).
        let arr_only = pb::AccountInput {
            external_id: "acme".into(),
            arr: Some(60_000_000),
            ..Default::default()
        };
        let bare = pb::AccountInput {
            external_id: "newco".into(),
            ..Default::default()
        };
        let out = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![arr_only, bare],
            })
            .await
            .expect("partial")
            .into_inner()
            .accounts;
        let after = app
            .accounts
            .get_account(get_by_ext("acme"))
            .await
            .expect("get")
            .into_inner();
        assert_eq!(out[0], after);
        assert_eq!(after.arr, Some(60_000_000));
        assert_eq!(
            (
                after.name.as_str(),
                after.tier,
                after.tier_derived,
                after.segment.as_str(),
                after.seats,
                after.renewal_date.as_str(),
                after.health,
                after.csm_email.as_str(),
            ),
            (
                before.name.as_str(),
                pb::Tier::Key as i32,
                false,
                before.segment.as_str(),
                before.seats,
                before.renewal_date.as_str(),
                before.health,
                "dana@vendor.example",
            ),
            "a KEY account's CSM and the rest survive an ARR-only upsert"
        );
        // A new account starts with what was sent: no ARR, so no tier yet.
        assert_eq!((out[1].arr, out[1].name.as_str()), (None, ""));
        // A field sent empty clears it; TIER_UNSPECIFIED derives the tier from ARR again.
        let cleared = pb::AccountInput {
            external_id: "acme".into(),
            csm_email: Some(String::new()),
            renewal_date: Some(String::new()),
            tier: Some(pb::Tier::Unspecified as i32),
            ..Default::default()
        };
        let got = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![cleared],
            })
            .await
            .expect("clear")
            .into_inner()
            .accounts
            .remove(0);
        assert_eq!(
            (
                got.csm_email.as_str(),
                got.renewal_date.as_str(),
                got.tier_derived,
                got.name.as_str(),
                got.arr
            ),
            ("", "", true, before.name.as_str(), Some(60_000_000))
        );
    })
    .await;
}

#[tokio::test]
async fn unknown_accounts_are_not_found() {
    each_backend(|mut app| async move {
        let err = app
            .accounts
            .get_account(get_by_ext("nope"))
            .await
            .expect_err("missing");
        assert_eq!(err.code(), Code::NotFound, "{err:?}");
        let err = app
            .accounts
            .get_account(pb::GetAccountRequest {
                key: Some(Key::Id(999)),
            })
            .await
            .expect_err("missing");
        assert_eq!(err.code(), Code::NotFound);
        let err = app
            .accounts
            .get_account(pb::GetAccountRequest { key: None })
            .await
            .unwrap_err();
        assert_eq!(violated_fields(&err), ["key"]);
    })
    .await;
}

#[tokio::test]
async fn a_bad_account_rejects_the_batch_and_changes_nothing() {
    each_backend(|mut app| async move {
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("keep", 100)],
            })
            .await
            .expect("seed");
        let mut negative = account("keep", -1);
        negative.name = Some("changed".into());
        let mut unhealthy = account("b", 1);
        unhealthy.health = Some(101);
        let mut bad_email = account("c", 1);
        bad_email.csm_email = Some("not an email".into());
        let mut bad_tier = account("d", 1);
        bad_tier.tier = Some(42);
        let mut bad_date = account("e", 1);
        bad_date.renewal_date = Some("31/03/2027".into());
        let err = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![negative, unhealthy, bad_email, bad_tier, bad_date],
            })
            .await
            .expect_err("invalid");
        assert_eq!(violated_fields(&err), ["accounts[3].tier"]);
        let mut negative = account("keep", -1);
        negative.name = Some("changed".into());
        let mut unhealthy = account("b", 1);
        unhealthy.health = Some(-1);
        let err = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![negative, unhealthy, account("b", 2)],
            })
            .await
            .expect_err("invalid");
        assert_eq!(
            violated_fields(&err),
            [
                "accounts[0].arr",
                "accounts[1].health",
                "accounts[2].external_id"
            ]
        );
        assert!(
            err.message()
                .contains("accounts[0].arr: must not be negative"),
            "{}",
            err.message()
        );
        let kept = app
            .accounts
            .get_account(get_by_ext("keep"))
            .await
            .expect("get")
            .into_inner();
        assert_eq!((kept.arr, kept.name.as_str()), (Some(100), "keep Inc."));
        let err = app
            .accounts
            .get_account(get_by_ext("b"))
            .await
            .expect_err("not written");
        assert_eq!(err.code(), Code::NotFound);
    })
    .await;
}

#[tokio::test]
async fn batch_limits() {
    crate::harness::each_backend_with(
        |c| c.limits.max_batch = 3,
        |mut app| async move {
            let four = (0..4).map(|i| account(&format!("a{i}"), 1)).collect();
            let err = app
                .accounts
                .upsert_accounts(pb::UpsertAccountsRequest { accounts: four })
                .await
                .expect_err("over limit");
            assert_eq!(violated_fields(&err), ["accounts"]);
            let err = app
                .accounts
                .upsert_accounts(pb::UpsertAccountsRequest { accounts: vec![] })
                .await
                .expect_err("empty");
            assert_eq!(violated_fields(&err), ["accounts"]);
            let three = (0..3).map(|i| account(&format!("a{i}"), 1)).collect();
            app.accounts
                .upsert_accounts(pb::UpsertAccountsRequest { accounts: three })
                .await
                .expect("at the limit");
        },
    )
    .await;
}

#[tokio::test]
async fn list_pages_through_every_account_once() {
    each_backend(|mut app| async move {
        let batch = (0..25)
            .map(|i| account(&format!("acct-{i:02}"), i))
            .collect();
        app.accounts
            .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
            .await
            .expect("seed");
        let mut seen = Vec::new();
        let mut token = String::new();
        loop {
            let page = app
                .accounts
                .list_accounts(pb::ListAccountsRequest {
                    page_size: 10,
                    page_token: token,
                })
                .await
                .expect("page")
                .into_inner();
            assert!(page.accounts.len() <= 10);
            seen.extend(page.accounts.into_iter().map(|a| a.external_id));
            if page.next_page_token.is_empty() {
                break;
            }
            token = page.next_page_token;
        }
        let expected: Vec<String> = (0..25).map(|i| format!("acct-{i:02}")).collect();
        assert_eq!(seen, expected);

        let err = app
            .accounts
            .list_accounts(pb::ListAccountsRequest {
                page_size: 1001,
                page_token: String::new(),
            })
            .await
            .expect_err("too big");
        assert_eq!(violated_fields(&err), ["page_size"]);
        let err = app
            .accounts
            .list_accounts(pb::ListAccountsRequest {
                page_size: 5,
                page_token: "garbage".into(),
            })
            .await
            .expect_err("bad token");
        assert_eq!(violated_fields(&err), ["page_token"]);
    })
    .await;
}

#[tokio::test]
async fn contacts_match_by_external_id_then_email() {
    each_backend(|mut app| async move {
        let contact = |ext: &str, email: &str, name: &str, acct: &str| pb::ContactInput {
            external_id: ext.into(),
            email: email.into(),
            name: name.into(),
            locale: "zh-CN".into(),
            account_external_id: acct.into(),
        };
        let first = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![contact("", "Ann@Acme.io", "Ann", "acme")],
            })
            .await
            .expect("by email")
            .into_inner()
            .contacts
            .remove(0);
        assert_eq!(first.email, "ann@acme.io");
        // The account did not exist: it is a placeholder now.
        let acme = app
            .accounts
            .get_account(get_by_ext("acme"))
            .await
            .expect("acme")
            .into_inner();
        assert!(acme.placeholder);
        assert_eq!(acme.arr, None);
        assert_eq!(acme.tier, pb::Tier::Unspecified as i32);
        // The CRM later sends the same person with their id: the contact is adopted, not doubled.
        let second = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![contact("crm-1", "ann@acme.io", "Ann Lee", "acme")],
            })
            .await
            .expect("adopt")
            .into_inner()
            .contacts
            .remove(0);
        assert_eq!(second.id, first.id);
        assert_eq!(
            (second.external_id.as_str(), second.name.as_str()),
            ("crm-1", "Ann Lee")
        );
        // Another person may not take Ann's email.
        let err = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![contact("crm-2", "ann@acme.io", "Bob", "acme")],
            })
            .await
            .expect_err("email taken");
        assert_eq!(violated_fields(&err), ["contacts[0].email"]);
        let err = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![
                    contact("", "", "Nobody", "acme"),
                    contact("x", "bad@", "X", ""),
                ],
            })
            .await
            .expect_err("invalid");
        assert_eq!(
            violated_fields(&err),
            [
                "contacts[0].external_id",
                "contacts[1].email",
                "contacts[1].account_external_id"
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn lookalike_identifiers_are_one_and_invisible_characters_are_refused_by_field() {
    each_backend(|mut app| async move {
        let first = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("acme", 100)],
            })
            .await
            .expect("upsert")
            .into_inner()
            .accounts
            .remove(0);
        // Full-width letters are the same identifier (NFKC): an update, not a second account.
        let again = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("ａｃｍｅ", 200)],
            })
            .await
            .expect("upsert")
            .into_inner()
            .accounts
            .remove(0);
        assert_eq!((again.id, again.external_id.as_str()), (first.id, "acme"));
        let got = app
            .accounts
            .get_account(get_by_ext(" ａｃｍｅ "))
            .await
            .expect("found by its look-alike")
            .into_inner();
        assert_eq!((got.id, got.arr), (first.id, Some(200)));
        // Two spellings of one id in one batch are one account named twice.
        let err = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![account("ｂｅｔａ", 1), account("beta", 2)],
            })
            .await
            .unwrap_err();
        assert_eq!(violated_fields(&err), ["accounts[1].external_id"]);

        // Invisible and bidirectional control characters: refused, naming the field.
        for bad in [
            "acme\u{200B}",
            "ac\u{200D}me",
            "\u{FEFF}acme",
            "acme\u{2060}",
            "invoice\u{202E}fdp.exe",
            "a\u{2066}b\u{2069}",
            "a\u{200F}b",
        ] {
            let err = app
                .accounts
                .upsert_accounts(pb::UpsertAccountsRequest {
                    accounts: vec![pb::AccountInput {
                        name: Some("Acme Inc.".into()),
                        ..account(bad, 1)
                    }],
                })
                .await
                .unwrap_err();
            assert_eq!(violated_fields(&err), ["accounts[0].external_id"], "{bad:?}");
            assert!(err.message().contains("invisible"), "{}", err.message());
        }
        let mut named = account("globex", 1);
        named.name = Some("Globex \u{202E}cni".into());
        let err = app
            .accounts
            .upsert_accounts(pb::UpsertAccountsRequest {
                accounts: vec![named],
            })
            .await
            .unwrap_err();
        assert_eq!(violated_fields(&err), ["accounts[0].name"]);
        let contact = |ext: &str, email: &str, name: &str| pb::ContactInput {
            external_id: ext.into(),
            email: email.into(),
            name: name.into(),
            locale: "en".into(),
            account_external_id: "acme".into(),
        };
        let err = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![
                    contact("c-1\u{200B}", "", "Lee"),
                    contact("", "lee\u{200B}@acme.example", "Lee"),
                    contact("c-3", "", "Lee\u{202D}"),
                ],
            })
            .await
            .unwrap_err();
        assert_eq!(
            violated_fields(&err),
            [
                "contacts[0].external_id",
                "contacts[1].email",
                "contacts[2].name"
            ]
        );
        // Written names keep what scripts and emoji need.
        let ok = app
            .accounts
            .upsert_contacts(pb::UpsertContactsRequest {
                contacts: vec![contact(
                    "c-4",
                    "ＬＥＥ@ａｃｍｅ.example",
                    "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645} \u{1F469}\u{200D}\u{1F467}",
                )],
            })
            .await
            .expect("joiners between non-ASCII characters")
            .into_inner();
        assert_eq!(ok.contacts[0].email, "lee@acme.example");

        // Feedback: the source ref, the account and the contact are identifiers too.
        let mut item = crate::fixtures::feedback("ZD-1\u{200B}", "acme\u{200C}", "PDF export");
        item.contact = Some(pb::ContactRef {
            external_id: String::new(),
            email: "ann@acme.example".into(),
            name: "Ann \u{202E}".into(),
        });
        let err = app
            .feedback
            .submit_feedback(pb::SubmitFeedbackRequest {
                feedback: Some(item),
            })
            .await
            .unwrap_err();
        assert_eq!(
            violated_fields(&err),
            [
                "feedback.source_ref",
                "feedback.account_external_id",
                "feedback.contact.name"
            ]
        );
        // The same feedback under a full-width source ref is a duplicate, not a second item.
        let submit = |source_ref: &str| pb::SubmitFeedbackRequest {
            feedback: Some(crate::fixtures::feedback(source_ref, "ａｃｍｅ", "PDF export")),
        };
        let one = app.feedback.submit_feedback(submit("ZD-1")).await.expect("submit");
        let two = app.feedback.submit_feedback(submit("ＺＤ－１")).await.expect("submit");
        assert_eq!(one.get_ref().id, two.get_ref().id);
        assert!(two.get_ref().duplicate);
    })
    .await;
}
