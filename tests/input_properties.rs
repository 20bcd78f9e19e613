//! Property tests of input handling through the public `sift::domain` API: text analysis never
//! panics and yields clean terms on any Unicode, and validation never panics, names the fields
//! it refuses and accepts only values within the documented limits.
//!
//! `PROPTEST_CASES` sets the number of cases (default 256).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use sift::domain::account::{AccountDraft, ContactDraft, Tier};
use sift::domain::feedback::{FeedbackDraft, Importance, Source};
use sift::domain::roadmap::{ReleaseDraft, ReleaseKind};
use sift::domain::text::{
    AnalyzerOptions, analyze, analyze_with, fnv1a, normalize, porter_stem, strip_boilerplate,
    term_ids,
};
use sift::domain::validation::{self, Limits, MAX_ID_CHARS, Violations};

/// Characters that break naive text handling, next to ordinary ones.
const PALETTE: &[char] = &[
    'a',
    'e',
    'z',
    'A',
    'Z',
    '0',
    '7',
    ' ',
    ' ',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{3000}',
    '\u{200b}',
    '\u{200d}',
    '\u{feff}',
    '\u{202e}',
    '\u{202c}',
    '\u{301}',
    '\u{303}',
    '\u{345}',
    'é',
    'ß',
    'İ',
    'ǅ',
    'Ω',
    'ﬁ',
    'Ａ',
    '①',
    '²',
    '设',
    '置',
    '的',
    '闹',
    'の',
    'カ',
    '가',
    'я',
    'ж',
    'ي',
    'ה',
    'न',
    '🎉',
    '👩',
    '\u{1f3fd}',
    '@',
    '.',
    '-',
    '_',
    '\'',
    ',',
    '!',
    ':',
    '/',
    '#',
    '+',
];

fn palette_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PALETTE), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

/// Arbitrary Unicode, hostile mixes, and occasionally one very long word.
fn hostile(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => palette_string(max),
        1 => (prop::sample::select(PALETTE), 1..25_000usize)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        1 => (palette_string(8), 1..3_000usize, palette_string(8))
            .prop_map(|(a, n, b)| format!("{a}{}{b}", "supercalifragilistic".repeat(n))),
    ]
}

fn fields(v: &Violations) -> Vec<&str> {
    v.0.iter().map(|x| x.field.as_str()).collect()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("a time")
}

proptest! {
    #[test]
    fn analysis_never_panics_and_terms_are_clean(text in hostile(200)) {
        for opts in [
            AnalyzerOptions::default(),
            AnalyzerOptions {
                word_bigrams: false,
                cjk_bigrams: false,
                cjk_unigrams: true,
                negations: false,
                question_words: false,
            },
        ] {
            for term in analyze_with(&text, &opts) {
                prop_assert!(!term.is_empty());
                prop_assert!(
                    !term.chars().any(|c| c.is_whitespace() || c.is_control()),
                    "{term:?}"
                );
                // Terms come from normalised text: lower-casing changes nothing. (Not always NFKC: dropping
                // an apostrophe can join a letter and a combining mark, "ω'\u{345}" -> "ω\u{345}".)
                prop_assert_eq!(term.to_lowercase(), term.clone());
                prop_assert!(term.chars().count() <= text.chars().count() * 3 + 4);
            }
        }
        // Ids are the FNV-1a hashes of the terms, one each, in order.
        let terms = analyze(&text);
        let ids: Vec<u64> = terms.iter().map(|t| fnv1a(t.as_bytes())).collect();
        prop_assert_eq!(term_ids(&text), ids);
    }

    #[test]
    fn analysis_ignores_case_and_width(text in hostile(200)) {
        // The analyzer normalises first (NFKC + lower case), so normalising beforehand changes
        // nothing: "ＣＡＲＤ" and "card" are the same terms.
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert_eq!(analyze(&once), analyze(&text));
    }

    #[test]
    fn boilerplate_stripping_keeps_whitespace_joined_tokens(text in hostile(200)) {
        let out = strip_boilerplate(&normalize(&text));
        if !out.is_empty() {
            prop_assert!(out.split(' ').all(|t| !t.is_empty() && !t.chars().any(char::is_whitespace)));
        }
    }

    #[test]
    fn stemming_never_grows_a_word(word in "[a-z]{0,40}", other in hostile(40)) {
        let stem = porter_stem(&word);
        prop_assert!(stem.len() <= word.len());
        prop_assert_eq!(stem.is_empty(), word.is_empty());
        prop_assert!(stem.bytes().all(|b| b.is_ascii_lowercase()));
        // Anything but ASCII lower case is left alone.
        if !other.bytes().all(|b| b.is_ascii_lowercase()) {
            prop_assert_eq!(porter_stem(&other), other.clone());
        }
    }

    #[test]
    fn required_ids_are_nfkc_trimmed_bounded_printable_and_visible(value in hostile(300)) {
        let mut v = Violations::default();
        let id = validation::required_id(&mut v, "x.id", &value);
        prop_assert_eq!(id.clone(), validation::identifier_form(&value));
        if v.is_empty() {
            prop_assert!(!id.is_empty() && id.chars().count() <= MAX_ID_CHARS);
            prop_assert!(!id.chars().any(|c| c.is_control() || validation::invisible(c)));
            // The stored form is its own form: looked up again, it is the same id.
            prop_assert_eq!(validation::identifier_form(&id), id.clone());
            prop_assert_eq!(id.as_str(), id.trim());
        } else {
            prop_assert_eq!(fields(&v), ["x.id"]);
        }
    }

    #[test]
    fn accepted_emails_are_normal_and_stable(value in prop_oneof![
        hostile(60),
        ("[a-zA-Z0-9.+_-]{0,12}", "[a-zA-Z0-9.-]{0,12}").prop_map(|(l, d)| format!(" {l}@{d} ")),
    ]) {
        let mut v = Violations::default();
        let email = validation::email(&mut v, "x.email", &value);
        if v.is_empty() {
            prop_assert_eq!(email.matches('@').count(), 1);
            prop_assert!(email.len() <= 320);
            prop_assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()));
            let (local, domain) = email.split_once('@').expect("an @");
            prop_assert!(!local.is_empty() && domain.contains('.'));
            prop_assert!(!domain.starts_with('.') && !domain.ends_with('.'));
            // Normalising again changes nothing and is accepted again.
            let mut again = Violations::default();
            prop_assert_eq!(validation::email(&mut again, "x.email", &email), email.clone());
            prop_assert!(again.is_empty());
        } else {
            prop_assert_eq!(fields(&v), ["x.email"]);
        }
    }

    #[test]
    fn text_limits_count_characters_and_refuse_nul(value in hostile(300), max in 0usize..400) {
        let limits = Limits { max_text_chars: max, ..Limits::default() };
        let mut v = Violations::default();
        validation::text(&mut v, "x.body", &value, &limits);
        let too_long = value.chars().count() > max;
        let nul = value.contains('\0');
        prop_assert_eq!(v.0.len(), usize::from(too_long) + usize::from(nul));
        prop_assert!(fields(&v).iter().all(|f| *f == "x.body"));
    }

    #[test]
    fn dates_round_trip_exactly(
        value in prop_oneof![
            hostile(14),
            "[+-]?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
            (0i32..12_000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        ]
    ) {
        if let Some(date) = validation::date(&value) {
            // What is accepted is stored as YYYY-MM-DD text and reads back the same.
            prop_assert_eq!(date.format("%Y-%m-%d").to_string(), value.trim());
            prop_assert!((0..=9999).contains(&chrono::Datelike::year(&date)));
        }
    }

    #[test]
    fn feedback_validation_names_fields_and_keeps_limits(
        source in prop::option::of(prop::sample::select(Source::ALL.to_vec())),
        source_ref in hostile(250),
        account in hostile(250),
        contact in prop::option::of((hostile(30), hostile(30), hostile(600))),
        title in hostile(300),
        body in hostile(300),
        importance in prop::option::of(prop::sample::select(vec![
            Importance::NiceToHave, Importance::Important, Importance::Critical,
        ])),
        offset in prop::option::of(-10_000_000i64..10_000_000),
        max_text_chars in 0usize..400,
    ) {
        let limits = Limits { max_text_chars, ..Limits::default() };
        let occurred_at = offset.map(|s| now() + Duration::seconds(s));
        let draft = FeedbackDraft {
            source,
            source_ref: source_ref.clone(),
            account_external_id: account.clone(),
            contact: contact.clone(),
            title: title.clone(),
            body: body.clone(),
            importance,
            occurred_at,
        };
        match draft.validate("feedback", &limits, now()) {
            Ok(f) => {
                prop_assert_eq!(Some(f.source), source);
                for id in [&f.source_ref, &f.account_external_id] {
                    prop_assert!(!id.is_empty() && id.chars().count() <= MAX_ID_CHARS);
                    prop_assert!(!id.chars().any(char::is_control));
                    prop_assert_eq!(id.trim(), id.as_str());
                }
                prop_assert!(title.chars().count() <= max_text_chars && body.chars().count() <= max_text_chars);
                prop_assert!(!(f.title.is_empty() && f.body.is_empty()));
                prop_assert_eq!(f.title.as_str(), title.trim());
                prop_assert_eq!(f.body.as_str(), body.trim());
                prop_assert!(!f.title.contains('\0') && !f.body.contains('\0'));
                prop_assert!(f.occurred_at <= now() + limits.max_future_skew);
                prop_assert_eq!(f.importance, importance);
                if let Some(c) = f.contact {
                    prop_assert!(c.external_id.is_some() || c.email.is_some());
                    prop_assert!(c.name.chars().count() <= 500 && !c.name.contains('\0'));
                }
            }
            Err(v) => {
                prop_assert!(!v.is_empty());
                const KNOWN: &[&str] = &[
                    "feedback.source", "feedback.source_ref", "feedback.account_external_id",
                    "feedback.contact.external_id", "feedback.contact.email", "feedback.contact.name",
                    "feedback.title", "feedback.body", "feedback.occurred_at",
                ];
                for f in fields(&v) {
                    prop_assert!(KNOWN.contains(&f), "unexpected field {f}");
                }
                prop_assert!(v.0.iter().all(|x| !x.reason.is_empty()));
            }
        }
    }

    #[test]
    fn account_validation_names_fields_and_keeps_limits(
        external_id in hostile(250),
        name in hostile(600),
        arr in any::<i64>(),
        tier in prop::option::of(prop::sample::select(vec![Tier::Key, Tier::Important, Tier::Standard])),
        segment in hostile(250),
        seats in prop::option::of(any::<i32>()),
        renewal_date in prop_oneof![hostile(12), Just("2027-03-31".to_string()), Just(String::new())],
        health in prop::option::of(-5i32..110),
        csm_email in prop_oneof![hostile(30), Just("Dana@Vendor.Example".to_string()), Just(String::new())],
    ) {
        let draft = AccountDraft {
            external_id, name: Some(name.clone()), arr: Some(arr), tier: Some(tier),
            segment: Some(segment.clone()), seats, renewal_date: Some(renewal_date.clone()),
            health, csm_email: Some(csm_email), effective_at: None,
        };
        match draft.validate("accounts[3]") {
            Ok(a) => {
                prop_assert!(!a.external_id.is_empty() && a.external_id.chars().count() <= MAX_ID_CHARS);
                prop_assert!(!a.external_id.chars().any(char::is_control));
                prop_assert!(a.arr.is_some_and(|arr| arr >= 0));
                prop_assert!(a.seats.is_none_or(|s| s >= 0));
                prop_assert!(a.health.is_none_or(|h| (0..=100).contains(&h)));
                prop_assert!(name.chars().count() <= 500 && segment.chars().count() <= 200);
                let (a_name, a_segment) = (a.name.clone().unwrap_or_default(), a.segment.clone().unwrap_or_default());
                prop_assert!(!a_name.contains('\0') && !a_segment.contains('\0'));
                match a.renewal_date.flatten() {
                    Some(d) => prop_assert_eq!(d.format("%Y-%m-%d").to_string(), renewal_date.trim()),
                    None => prop_assert!(renewal_date.trim().is_empty()),
                }
                let csm = a.csm_email.clone().unwrap_or_default();
                if !csm.is_empty() {
                    prop_assert_eq!(csm.to_lowercase(), csm.clone());
                    prop_assert!(csm.contains('@'));
                }
            }
            Err(v) => {
                const KNOWN: &[&str] = &[
                    "external_id", "name", "arr", "seats", "health", "renewal_date", "csm_email",
                    "segment",
                ];
                prop_assert!(!v.is_empty());
                for f in fields(&v) {
                    let bare = f.strip_prefix("accounts[3].");
                    prop_assert!(bare.is_some_and(|b| KNOWN.contains(&b)), "unexpected field {f}");
                }
            }
        }
    }

    #[test]
    fn contact_validation_needs_an_identity_and_a_clean_locale(
        external_id in prop_oneof![hostile(30), Just(String::new())],
        email in prop_oneof![hostile(30), Just("lee@acme.example".to_string()), Just(String::new())],
        name in hostile(600),
        locale in prop_oneof![hostile(40), Just("zh-CN".to_string()), Just(String::new())],
        account in hostile(30),
    ) {
        let draft = ContactDraft {
            external_id, email, name: name.clone(), locale: locale.clone(),
            account_external_id: account,
        };
        match draft.validate("contacts[0]") {
            Ok(c) => {
                prop_assert!(c.external_id.is_some() || c.email.is_some());
                prop_assert!(c.locale.len() <= 35);
                prop_assert!(c.locale.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
                prop_assert!(name.chars().count() <= 500 && !c.name.contains('\0'));
                prop_assert!(!c.account_external_id.is_empty());
            }
            Err(v) => {
                prop_assert!(!v.is_empty());
                for f in fields(&v) {
                    prop_assert!(f.starts_with("contacts[0]."), "unexpected field {f}");
                }
            }
        }
    }

    #[test]
    fn release_validation_names_fields_and_keeps_limits(
        version in prop_oneof![hostile(80), "[0-9]{4}\\.[0-9]{1,2}"],
        kind in prop::option::of(prop::sample::select(vec![ReleaseKind::Minor, ReleaseKind::Major])),
        planned_date in prop_oneof![hostile(12), "[+-]?[0-9]{4,5}-[0-9]{2}-[0-9]{2}"],
        summary in prop_oneof![hostile(300), (1usize..3).prop_map(|n| "s".repeat(5_000 * n + 1))],
    ) {
        let draft = ReleaseDraft {
            version: version.clone(), kind, planned_date: planned_date.clone(), summary: summary.clone(),
        };
        match draft.validate() {
            Ok(r) => {
                prop_assert_eq!(r.version.as_str(), version.trim());
                prop_assert!(!r.version.is_empty() && r.version.chars().count() <= 64);
                prop_assert!(!r.version.chars().any(|c| c.is_whitespace() || c.is_control()));
                prop_assert_eq!(Some(r.kind), kind);
                prop_assert_eq!(r.planned_date.format("%Y-%m-%d").to_string(), planned_date.trim());
                prop_assert!(summary.chars().count() <= 10_000 && !r.summary.contains('\0'));
            }
            Err(v) => {
                prop_assert!(!v.is_empty());
                for f in fields(&v) {
                    prop_assert!(["version", "kind", "planned_date", "summary"].contains(&f), "unexpected field {f}");
                }
            }
        }
    }
}

/// Fixed examples of the properties above, so a regression names its input.
#[test]
fn known_hostile_inputs() {
    for text in [
        "\0",
        "\u{301}",
        "\u{202e}abc",
        "ǅ İ ﬁ ①",
        "设置 4点 闹钟",
        "thanks",
        "hi",
    ] {
        let terms = analyze(text);
        assert!(terms.iter().all(|t| !t.is_empty()), "{text:?}: {terms:?}");
    }
    // Found by analysis_ignores_case_and_width: lower-casing after NFKC undid a composition.
    assert_eq!(normalize("Ω\u{345}\u{301}"), "ῴ");
    assert_eq!(analyze("Ώ\u{345}a"), analyze("ῴa"));
    assert_eq!(
        validation::date("2026-11-30"),
        NaiveDate::from_ymd_opt(2026, 11, 30)
    );
    assert_eq!(validation::date("+10000-01-01"), None);
}

// ---------------------------------------------------------------------------------------------
// Fuzzing text analysis (issue 17, item 10): proptest in place of cargo-fuzz, structure-aware.
// Inputs are built like real feedback (greetings, quoted replies, signatures, links, ticket
// references, CJK and mixed scripts), spliced with hostile characters and arbitrary Unicode, and
// mutated (cut, duplicated, characters inserted), so that the boilerplate and tokenising paths
// are reached, not only the first branch. `PROPTEST_CASES` sets the cases (default 256) and
// `SIFT_FUZZ_SECONDS`, when set, bounds the wall time (CI runs this for a fixed time).

/// Runs `test` until `PROPTEST_CASES` cases have passed or `SIFT_FUZZ_SECONDS` have gone by.
fn fuzz<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) -> u32 {
    use proptest::test_runner::{Config, TestRunner};
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("PROPTEST_CASES").map_or(256, |n| n.min(u64::from(u32::MAX)) as u32);
    let budget = env("SIFT_FUZZ_SECONDS").map(std::time::Duration::from_secs);
    let started = std::time::Instant::now();
    let mut done = 0u32;
    // Chunks of cases, each from a fresh random seed, until the cases or the time run out.
    while done < cases && budget.is_none_or(|b| started.elapsed() < b) {
        let chunk = (cases - done).min(64);
        let mut runner = TestRunner::new(Config {
            cases: chunk,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(failure) = runner.run(&strategy, &test) {
            panic!("after {done} passing cases: {failure}");
        }
        done += chunk;
    }
    eprintln!(
        "fuzzed {done} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    done
}

/// Pieces of real feedback, boilerplate included.
const FEEDBACK_PIECES: &[&str] = &[
    "Hi team,\n",
    "Hello Support,\n\n",
    "Dear Sir or Madam, ",
    "您好，",
    "We need to export reports as PDF.",
    "The export button does nothing in Safari",
    "Please add dark mode!!!",
    "设置明天早上7点的闹钟",
    "天气怎么样",
    "It would be great if the CSV had UTF-8 BOM",
    "can't / cannot / won't login after the update",
    "see https://example.com/a?b=c&d=%20e#frag",
    "mail me at lee@acme.example",
    "Ticket ZD-1042, ref #5531",
    "[cid:image001.png@01D9]",
    "\n> On Mon, 3 Jun 2024 at 10:12, Dana <dana@vendor.example> wrote:\n> old text\n",
    "-----Original Message-----\nFrom: x\n",
    "\n\nThanks,\nDana\n",
    "\n\nBest regards,\nLee Chen\nAcme Corp | +1 555 0100\n",
    "\n--\nSent from my iPhone",
    "谢谢！",
    "Thanks for the quick reply. ",
    "Is there a way to ",
    "not working",
    "?",
    "\r\n",
    "\t",
    "   ",
];

fn feedback_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(FEEDBACK_PIECES).prop_map(str::to_owned),
        2 => palette_string(12),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..14).prop_map(|pieces| pieces.concat())
}

/// A text edit: cut a range, duplicate it, or insert a character, at char boundaries.
fn mutated(
    text: String,
    edits: Vec<(u8, prop::sample::Index, prop::sample::Index, char)>,
) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (kind, a, b, c) in edits {
        let (x, y) = (a.index(chars.len() + 1), b.index(chars.len() + 1));
        let (i, j) = (x.min(y), x.max(y));
        match kind % 3 {
            0 => {
                chars.drain(i..j);
            }
            1 => {
                let copy = chars[i..j].to_vec();
                chars.splice(j..j, copy);
            }
            _ => chars.insert(i, c),
        }
    }
    chars.into_iter().collect()
}

fn fuzzed_text() -> impl Strategy<Value = String> {
    let edit = (
        any::<u8>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop_oneof![prop::sample::select(PALETTE), any::<char>()],
    );
    prop_oneof![
        8 => (feedback_text(), prop::collection::vec(edit, 0..6))
            .prop_map(|(text, edits)| mutated(text, edits)),
        1 => prop_oneof![any::<String>(), palette_string(400)],
    ]
}

/// Everything analysis produces for one text.
fn analysis(text: &str) -> (Vec<String>, Vec<String>, Vec<u64>, String, String) {
    let plain = AnalyzerOptions {
        word_bigrams: false,
        cjk_bigrams: false,
        cjk_unigrams: true,
        negations: false,
        question_words: false,
    };
    let normalized = normalize(text);
    (
        analyze(text),
        analyze_with(text, &plain),
        term_ids(text),
        strip_boilerplate(&normalized),
        normalized,
    )
}

#[test]
fn fuzz_text_analysis_never_panics_and_is_deterministic() {
    let cases = fuzz(fuzzed_text(), |text| {
        let started = std::time::Instant::now();
        let first = analysis(&text);
        // Generous: a debug build on a shared machine; catches runaway (quadratic) behaviour.
        prop_assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{} characters took {:?}",
            text.chars().count(),
            started.elapsed()
        );
        // The same answer again, on another thread (no hidden state, no random seeds).
        let elsewhere = std::thread::scope(|s| s.spawn(|| analysis(&text)).join());
        prop_assert!(
            elsewhere.as_ref().is_ok_and(|e| *e == first),
            "another thread differs"
        );
        let (terms, _, ids, _, _) = &first;
        prop_assert!(terms.iter().all(|t| !t.is_empty()));
        prop_assert_eq!(ids.len(), terms.len());
        Ok(())
    });
    assert!(cases > 0);
}
