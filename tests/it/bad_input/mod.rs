//! Bad input on every RPC of every sift.v1 service: empty requests, huge values, unknown enum
//! numbers, hostile text and undecodable bytes on the wire. Each call must get a clear status
//! (never INTERNAL or UNKNOWN, never a dropped connection) and leave the data as it was;
//! hostile but valid text is stored exactly.

use std::future::Future;
use std::pin::Pin;

use prost::Message;
use prost::bytes::{Buf, BufMut};
use sift::pb;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::{Code, Status};

use crate::fixtures::{account, at, feedback, now, violated_fields};
use crate::harness::{TestApp, each_backend};

/// Ids of the seeded data, for cases that need a real id next to a bad field.
#[derive(Debug, Clone)]
struct Seed {
    account_id: i64,
    contact_id: i64,
    feedback_id: i64,
    request_id: i64,
    other_request_id: i64,
    release_id: i64,
    theme_id: i64,
    profile_id: i64,
    default_params: pb::ScoringParams,
}

/// Two accounts, a contact, two feedback items in two requests, a release with one request
/// planned into it, a theme and a signal.
async fn seed(app: &TestApp) -> Seed {
    let mut app = app.clone();
    let accounts = app
        .accounts
        .upsert_accounts(pb::UpsertAccountsRequest {
            accounts: vec![account("acme", 12_000_000), account("beta", 100_000)],
        })
        .await
        .expect("accounts")
        .into_inner()
        .accounts;
    let contact = app
        .accounts
        .upsert_contacts(pb::UpsertContactsRequest {
            contacts: vec![pb::ContactInput {
                external_id: "c-1".into(),
                email: "lee@acme.example".into(),
                name: "Lee".into(),
                locale: "en".into(),
                account_external_id: "acme".into(),
            }],
        })
        .await
        .expect("contacts")
        .into_inner()
        .contacts[0]
        .id;
    let mut first = feedback(
        "T-1",
        "acme",
        "Please add PDF export of the weekly report for our board",
    );
    first.contact = Some(pb::ContactRef {
        external_id: "c-1".into(),
        email: String::new(),
        name: "Lee".into(),
    });
    let first = app
        .feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(first),
        })
        .await
        .expect("feedback")
        .into_inner();
    let second = app
        .feedback
        .submit_feedback(pb::SubmitFeedbackRequest {
            feedback: Some(feedback(
                "T-2",
                "beta",
                "Dark mode for the mobile dashboard at night",
            )),
        })
        .await
        .expect("feedback")
        .into_inner();
    assert_ne!(first.request_id, second.request_id);
    let release_id = app
        .roadmap
        .create_release(pb::CreateReleaseRequest {
            version: "2026.48".into(),
            kind: pb::ReleaseKind::Minor as i32,
            planned_date: "2026-11-30".into(),
            summary: "Weekly train".into(),
        })
        .await
        .expect("release")
        .into_inner()
        .id;
    app.roadmap
        .plan_request(pb::PlanRequestRequest {
            request_id: first.request_id,
            target: Some(pb::plan_request_request::Target::ReleaseId(release_id)),
            actor: "pm".into(),
        })
        .await
        .expect("plan");
    let theme_id = app
        .backlog
        .create_theme(pb::CreateThemeRequest {
            name: "Enterprise".into(),
            description: "Big customers".into(),
            weight: 0.5,
            active: true,
        })
        .await
        .expect("theme")
        .into_inner()
        .id;
    app.telemetry
        .define_signal(pb::DefineSignalRequest {
            key: "export.pdf.unsupported".into(),
            description: "PDF export is not supported".into(),
        })
        .await
        .expect("signal");
    let profile = app
        .backlog
        .list_scoring_profiles(pb::ListScoringProfilesRequest {})
        .await
        .expect("profiles")
        .into_inner()
        .profiles
        .remove(0);
    Seed {
        account_id: accounts[0].id,
        contact_id: contact,
        feedback_id: first.id,
        request_id: first.request_id,
        other_request_id: second.request_id,
        release_id,
        theme_id,
        profile_id: profile.id,
        default_params: profile.params.expect("params"),
    }
}

/// Everything a caller can read back, rendered for comparison: a rejected call must leave it
/// exactly as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    accounts: Vec<String>,
    feedback: Vec<String>,
    requests: Vec<String>,
    roadmap: String,
    themes: Vec<String>,
    profiles: Vec<String>,
    signals: Vec<String>,
    notifications: usize,
    suggestions: usize,
}

impl Snapshot {
    /// The parts that differ, briefly.
    fn diff(&self, other: &Snapshot) -> String {
        let a = format!("{self:#?}");
        let b = format!("{other:#?}");
        let gone = a.lines().filter(|l| !b.contains(l));
        let new = b.lines().filter(|l| !a.contains(l));
        format!(
            "before {:?} after {:?}",
            gone.collect::<Vec<_>>(),
            new.collect::<Vec<_>>()
        )
    }
}

async fn snapshot(app: &TestApp) -> Snapshot {
    let mut app = app.clone();
    let accounts = app
        .accounts
        .list_accounts(pb::ListAccountsRequest {
            page_size: 1000,
            page_token: String::new(),
        })
        .await
        .expect("server answers ListAccounts")
        .into_inner();
    let feedback = app
        .feedback
        .list_feedback(pb::ListFeedbackRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("server answers ListFeedback")
        .into_inner();
    let requests = app
        .requests
        .list_requests(pb::ListRequestsRequest {
            page_size: 1000,
            include_merged: true,
            ..Default::default()
        })
        .await
        .expect("server answers ListRequests")
        .into_inner();
    assert!(
        accounts.next_page_token.is_empty()
            && feedback.next_page_token.is_empty()
            && requests.next_page_token.is_empty()
    );
    let roadmap = app
        .roadmap
        .get_roadmap(pb::GetRoadmapRequest {
            include_shipped: true,
        })
        .await
        .expect("server answers GetRoadmap")
        .into_inner();
    let themes = app
        .backlog
        .list_themes(pb::ListThemesRequest {})
        .await
        .expect("server answers ListThemes")
        .into_inner();
    let profiles = app
        .backlog
        .list_scoring_profiles(pb::ListScoringProfilesRequest {})
        .await
        .expect("server answers ListScoringProfiles")
        .into_inner();
    let signals = app
        .telemetry
        .list_signals(pb::ListSignalsRequest {})
        .await
        .expect("server answers ListSignals")
        .into_inner();
    let notifications = app
        .notifications
        .list_notifications(pb::ListNotificationsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("server answers ListNotifications")
        .into_inner();
    let suggestions = app
        .requests
        .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
        .await
        .expect("server answers ListMergeSuggestions")
        .into_inner();
    Snapshot {
        accounts: accounts
            .accounts
            .iter()
            .map(|a| {
                format!(
                    "{} {} {:?} {:?} {} {} {:?} {:?} {} {} {}",
                    a.id,
                    a.external_id,
                    a.name,
                    a.arr,
                    a.tier,
                    a.segment,
                    a.seats,
                    a.health,
                    a.renewal_date,
                    a.csm_email,
                    a.placeholder
                )
            })
            .collect(),
        feedback: feedback
            .feedback
            .iter()
            .map(|f| {
                format!(
                    "{} {} {:?} {:?} {:?} {} {:?}",
                    f.id, f.source_ref, f.title, f.body, f.contact_id, f.request_id, f.occurred_at
                )
            })
            .collect(),
        requests: requests
            .requests
            .iter()
            .map(|r| {
                format!(
                    "{} {:?} {} {:?} {} {}",
                    r.id, r.title, r.status, r.merged_into, r.feedback_count, r.account_count
                )
            })
            .collect(),
        // Scores move with the clock (age decay); everything else must not.
        roadmap: format!(
            "{:?}",
            roadmap
                .releases
                .iter()
                .map(|r| (
                    r.release.clone(),
                    r.items
                        .iter()
                        .map(|i| (i.request.clone(), i.release_id, i.lane, &i.release_note))
                        .collect::<Vec<_>>()
                ))
                .chain(roadmap.lanes.iter().map(|l| {
                    (
                        None,
                        l.items
                            .iter()
                            .map(|i| (i.request.clone(), i.release_id, i.lane, &i.release_note))
                            .collect(),
                    )
                }))
                .collect::<Vec<_>>()
        ),
        themes: themes.themes.iter().map(|t| format!("{t:?}")).collect(),
        profiles: profiles.profiles.iter().map(|p| format!("{p:?}")).collect(),
        signals: signals.signals.iter().map(|s| format!("{s:?}")).collect(),
        notifications: notifications.notifications.len(),
        suggestions: suggestions.suggestions.len(),
    }
}

/// What a case must get back.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Read-only or harmless: answered normally.
    Ok,
    /// INVALID_ARGUMENT whose BadRequest details name (at least) these fields.
    Invalid(&'static [&'static str]),
    /// Exactly this code (NOT_FOUND, FAILED_PRECONDITION, ...).
    Code(Code),
}

type Call = Pin<Box<dyn Future<Output = Result<(), Status>> + Send>>;

struct Case {
    name: String,
    expect: Expect,
    call: Call,
}

/// `case!(cases, "name", client, method, request, expect)`: one call of a generated client.
macro_rules! case {
    ($cases:ident, $name:expr, $client:expr, $method:ident, $req:expr, $expect:expr) => {{
        let name = format!("{}: {}", stringify!($method), $name);
        let mut client = $client.clone();
        let request = $req;
        $cases.push(Case {
            name,
            expect: $expect,
            call: Box::pin(async move { client.$method(request).await.map(|_| ()) }),
        });
    }};
}

/// Runs every case in turn, checks its status and that the data did not move, and reports
/// every mismatch at once.
async fn run(app: &TestApp, cases: Vec<Case>) {
    let total = cases.len();
    let mut failures = Vec::new();
    let mut failed_cases = 0;
    for case in cases {
        let before = snapshot(app).await;
        let outcome = case.call.await;
        let verdict = match (&case.expect, &outcome) {
            (_, Err(s)) if matches!(s.code(), Code::Internal | Code::Unknown) => {
                Some(format!("got {:?}: {}", s.code(), s.message()))
            }
            (Expect::Ok, Ok(())) => None,
            (Expect::Code(code), Err(s)) if s.code() == *code => None,
            (Expect::Invalid(fields), Err(s)) if s.code() == Code::InvalidArgument => {
                let named = violated_fields(s);
                let missing: Vec<_> = fields
                    .iter()
                    .filter(|f| !named.iter().any(|n| n == *f))
                    .collect();
                (!missing.is_empty()).then(|| format!("fields {named:?} miss {missing:?}"))
            }
            (expect, Err(s)) => Some(format!(
                "expected {expect:?}, got {:?}: {}",
                s.code(),
                s.message()
            )),
            (expect, Ok(())) => Some(format!("expected {expect:?}, got OK")),
        };
        let failed_before = failures.len();
        if let Some(v) = verdict {
            failures.push(format!("{}: {v}", case.name));
        }
        // The server is still up (this reads through the same connection) and nothing moved.
        let after = snapshot(app).await;
        if before != after {
            failures.push(format!(
                "{}: data changed: {}",
                case.name,
                before.diff(&after)
            ));
        }
        failed_cases += usize::from(failures.len() > failed_before);
    }
    assert!(
        failures.is_empty(),
        "{failed_cases} of {total} cases failed on {:?}:\n{}",
        app.backend,
        failures.join("\n")
    );
}

const HUGE: usize = 100_001;

/// Text that must be refused in an identifier: (label, value).
fn hostile_ids() -> Vec<(&'static str, String)> {
    vec![
        ("NUL", "acme\0evil".into()),
        ("control chars", "a\u{1}\u{7}\u{1b}[31mb".into()),
        ("newline", "two\nlines".into()),
        ("huge", "x".repeat(HUGE)),
        ("only spaces", " \t ".into()),
    ]
}

/// Unusual but valid text: (label, value). Each must be stored exactly.
fn hostile_text() -> Vec<(&'static str, String)> {
    vec![
        ("emoji", "Export 📄➡️📊 please 👩‍👩‍👧‍👦🎉".into()),
        (
            "mixed scripts",
            "PDF导出 экспорт تصدير निर्यात エクスポート".into(),
        ),
        (
            "RTL override",
            "invoice \u{202e}fdp.exe\u{202c} export".into(),
        ),
        (
            "lone combining marks",
            "\u{301}\u{302} e\u{301} n\u{303}".into(),
        ),
        ("long word", "w".repeat(19_999)),
        ("zero width", "ex\u{200b}port\u{feff} zw\u{200d}j".into()),
        (
            "control chars inside",
            "tab\there\u{7}bell\u{1b}[31mred".into(),
        ),
        (
            "surrogate-looking escapes",
            "\\ud800 %00 &#0; '; DROP TABLE feedback; --".into(),
        ),
    ]
}

/// Ids that name nothing: the largest, the smallest, a negative one.
fn ids() -> [i64; 3] {
    [i64::MAX, i64::MIN, -1]
}

/// Page sizes refused by a list whose largest page is `max`.
fn bad_page_sizes(max: i32) -> [i32; 4] {
    [-1, max + 1, i32::MAX, i32::MIN]
}

/// Page tokens no list issued: not hex, odd length, not UTF-8 text, hostile text, another
/// list's kind, a position past i64, bytes that are not a token, and one past any size.
fn bad_page_tokens() -> Vec<String> {
    let mut tokens: Vec<String> = [
        "zz",
        "abc",
        "é",
        "../../etc/passwd",
        "\0",
        "\u{202e}zz",
        "junk",
        "ff",
        "00",
        "7a7a",
        "61636374733a31",
        "6163636f756e74733a3939393939393939393939393939393939393939",
    ]
    .map(String::from)
    .to_vec();
    tokens.push("61".repeat(HUGE));
    tokens
}

/// `request` with `set` applied: a valid request with one field made bad.
fn with<R>(mut request: R, set: impl FnOnce(&mut R)) -> R {
    set(&mut request);
    request
}

fn contact_ref(external_id: &str, email: &str) -> pb::ContactRef {
    pb::ContactRef {
        external_id: external_id.into(),
        email: email.into(),
        name: "Lee".into(),
    }
}

fn submit(f: pb::FeedbackInput) -> pb::SubmitFeedbackRequest {
    pb::SubmitFeedbackRequest { feedback: Some(f) }
}

fn contact(external_id: &str, email: &str, account: &str) -> pb::ContactInput {
    pb::ContactInput {
        external_id: external_id.into(),
        email: email.into(),
        name: "Ann".into(),
        locale: "en".into(),
        account_external_id: account.into(),
    }
}

/// `paging!(cases, client, method, valid request, largest page)`: the cases every list RPC
/// shares, each refused naming its field.
macro_rules! paging {
    ($cases:ident, $client:expr, $method:ident, $base:expr, $max:expr) => {{
        for size in bad_page_sizes($max) {
            case!(
                $cases,
                format!("page_size {size}"),
                $client,
                $method,
                with($base, |r| r.page_size = size),
                Expect::Invalid(&["page_size"])
            );
        }
        for token in bad_page_tokens() {
            case!(
                $cases,
                format!(
                    "page_token {:?}",
                    token.chars().take(24).collect::<String>()
                ),
                $client,
                $method,
                with($base, |r| {
                    r.page_size = 10;
                    r.page_token = token;
                }),
                Expect::Invalid(&["page_token"])
            );
        }
    }};
}

/// `unknown_ids!(cases, client, method, "field", |id| request)`: a request naming an id that
/// does not exist (each of `ids()`, or the ids given) gets NOT_FOUND.
macro_rules! unknown_ids {
    ($cases:ident, $client:expr, $method:ident, $field:expr, |$id:ident| $req:expr) => {
        unknown_ids!($cases, $client, $method, $field, ids(), |$id| $req)
    };
    ($cases:ident, $client:expr, $method:ident, $field:expr, $ids:expr, |$id:ident| $req:expr) => {{
        for $id in $ids {
            case!(
                $cases,
                format!("{} {}", $field, $id),
                $client,
                $method,
                $req,
                Expect::Code(Code::NotFound)
            );
        }
    }};
}

/// Every RPC that takes a page token or an id, with the cases they share: the table a new list
/// or lookup RPC joins.
fn paging_and_id_cases(app: &TestApp, seed: &Seed) -> Vec<Case> {
    use pb::get_account_request::Key;
    use pb::move_feedback_request::Destination;
    use pb::plan_request_request::Target;
    let mut c = Vec::new();

    // --- Lists: out-of-range page sizes and tokens the list did not issue.
    paging!(
        c,
        app.accounts,
        list_accounts,
        pb::ListAccountsRequest::default(),
        1000
    );
    paging!(
        c,
        app.feedback,
        list_feedback,
        pb::ListFeedbackRequest::default(),
        1000
    );
    paging!(
        c,
        app.requests,
        list_requests,
        pb::ListRequestsRequest::default(),
        1000
    );
    paging!(
        c,
        app.requests,
        list_merge_suggestions,
        pb::ListMergeSuggestionsRequest::default(),
        1000
    );
    paging!(
        c,
        app.requests,
        list_move_suggestions,
        pb::ListMoveSuggestionsRequest::default(),
        1000
    );
    paging!(
        c,
        app.backlog,
        get_ranked_backlog,
        pb::GetRankedBacklogRequest::default(),
        500
    );
    paging!(
        c,
        app.notifications,
        list_notifications,
        pb::ListNotificationsRequest::default(),
        1000
    );

    // --- Lookups and changes by id: ids that name nothing.
    unknown_ids!(c, app.accounts, get_account, "id", |id| {
        pb::GetAccountRequest {
            key: Some(Key::Id(id)),
        }
    });
    unknown_ids!(c, app.feedback, get_feedback, "id", |id| {
        pb::GetFeedbackRequest { id }
    });
    unknown_ids!(
        c,
        app.notifications,
        set_contact_preferences,
        "contact_id",
        |id| pb::SetContactPreferencesRequest {
            contact_id: id,
            opted_out: Some(true),
            channel: 0
        }
    );
    unknown_ids!(c, app.notifications, forget_contact, "contact_id", |id| {
        pb::ForgetContactRequest { contact_id: id }
    });
    unknown_ids!(c, app.backlog, explain_score, "request_id", |id| {
        pb::ExplainScoreRequest {
            request_id: id,
            profile: None,
            ..Default::default()
        }
    });
    unknown_ids!(c, app.backlog, set_active_profile, "profile_id", |id| {
        pb::SetActiveProfileRequest { profile_id: id }
    });
    unknown_ids!(c, app.backlog, update_theme, "id", |id| {
        pb::UpdateThemeRequest {
            id,
            weight: Some(0.5),
            ..Default::default()
        }
    });
    unknown_ids!(c, app.backlog, align_request, "request_id", |id| {
        pb::AlignRequestRequest {
            request_id: id,
            theme_id: seed.theme_id,
            alignment: 0.5,
        }
    });
    unknown_ids!(c, app.backlog, align_request, "theme_id", |id| {
        pb::AlignRequestRequest {
            request_id: seed.request_id,
            theme_id: id,
            alignment: 0.5,
        }
    });
    unknown_ids!(c, app.backlog, set_effort, "request_id", |id| {
        pb::SetEffortRequest {
            request_id: id,
            effort: 2.0,
        }
    });
    unknown_ids!(c, app.requests, get_request, "id", |id| {
        pb::GetRequestRequest {
            id,
            evidence_limit: 0,
        }
    });
    unknown_ids!(c, app.requests, merge_requests, "source", |id| {
        pb::MergeRequestsRequest {
            source_id: id,
            target_id: seed.request_id,
        }
    });
    unknown_ids!(c, app.requests, merge_requests, "target", |id| {
        pb::MergeRequestsRequest {
            source_id: seed.other_request_id,
            target_id: id,
        }
    });
    unknown_ids!(c, app.requests, unmerge_request, "id", |id| {
        pb::UnmergeRequestRequest { id }
    });
    unknown_ids!(c, app.requests, move_feedback, "feedback_id", |id| {
        pb::MoveFeedbackRequest {
            feedback_id: id,
            destination: Some(Destination::NewRequest(true)),
        }
    });
    unknown_ids!(c, app.requests, move_feedback, "target_request_id", |id| {
        pb::MoveFeedbackRequest {
            feedback_id: seed.feedback_id,
            destination: Some(Destination::TargetRequestId(id)),
        }
    });
    unknown_ids!(c, app.requests, update_request_status, "id", |id| {
        pb::UpdateRequestStatusRequest {
            id,
            status: pb::RequestStatus::Declined as i32,
            ..Default::default()
        }
    });
    unknown_ids!(c, app.requests, list_status_history, "id", |id| {
        pb::ListStatusHistoryRequest { id }
    });
    unknown_ids!(c, app.roadmap, plan_request, "request_id", |id| {
        pb::PlanRequestRequest {
            request_id: id,
            target: Some(Target::Lane(pb::Lane::Now as i32)),
            actor: String::new(),
        }
    });
    unknown_ids!(c, app.roadmap, set_release_note, "release_id", |id| {
        pb::SetReleaseNoteRequest {
            request_id: seed.request_id,
            release_id: id,
            text: "note".into(),
        }
    });
    unknown_ids!(c, app.roadmap, preview_release, "release_id", |id| {
        pb::PreviewReleaseRequest { release_id: id }
    });
    unknown_ids!(c, app.roadmap, ship_release, "release_id", |id| {
        pb::ShipReleaseRequest {
            release_id: id,
            actor: "bot".into(),
            accept_generated_titles: true,
        }
    });
    // Suggestions: 0 too, the id no suggestion has.
    let suggestion_ids = [0, i64::MAX, i64::MIN, -1];
    unknown_ids!(
        c,
        app.requests,
        accept_merge_suggestion,
        "id",
        suggestion_ids,
        |id| pb::DecideMergeSuggestionRequest { id }
    );
    unknown_ids!(
        c,
        app.requests,
        reject_merge_suggestion,
        "id",
        suggestion_ids,
        |id| pb::DecideMergeSuggestionRequest { id }
    );
    unknown_ids!(
        c,
        app.requests,
        accept_move_suggestion,
        "id",
        suggestion_ids,
        |id| pb::DecideMoveSuggestionRequest { id }
    );
    unknown_ids!(
        c,
        app.requests,
        reject_move_suggestion,
        "id",
        suggestion_ids,
        |id| pb::DecideMoveSuggestionRequest { id }
    );
    c
}

#[tokio::test]
async fn paging_and_ids_are_refused_on_every_rpc_that_takes_them() {
    each_backend(|app| async move {
        let seed = seed(&app).await;
        run(&app, paging_and_id_cases(&app, &seed)).await;
    })
    .await;
}

mod accounts;
mod feedback;
mod limits;
mod notifications;
mod nul;
mod prioritization;
mod requests;
mod roadmap;
mod telemetry;
mod text;
mod wire;
