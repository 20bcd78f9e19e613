//! Property tests for the clustering engine's invariants (pure domain, no server).

use proptest::prelude::*;
use sift::domain::cluster::{ClusterConfig, Clusterer};

const WORDS: &[&str] = &[
    "card", "arrive", "late", "refund", "transfer", "pending", "fee", "exchange", "rate", "pin",
    "blocked", "dark", "mode", "export", "csv", "天气", "闹钟", "提醒", "明天", "设置",
];

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::collection::vec(0..WORDS.len(), 1..6)
            .prop_map(|ix| ix.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ")),
        1..40,
    )
}

/// Texts that make at least two requests: the generated ones, and one sharing no word with them
/// (placed at a random position).
fn two_requests() -> impl Strategy<Value = Vec<String>> {
    (texts(), any::<prop::sample::Index>()).prop_map(|(mut texts, at)| {
        let at = at.index(texts.len() + 1);
        texts.insert(at, "quokka".to_owned());
        texts
    })
}

/// Cases per property: `PROPTEST_CASES` when set (CI runs more), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(texts: &[String]) -> (Clusterer, Vec<u64>) {
    let mut c = Clusterer::new(ClusterConfig::default());
    let ids = texts
        .iter()
        .enumerate()
        .map(|(i, t)| c.assign(i as u64, t, 1000 + i as u64).request_id)
        .collect();
    (c, ids)
}

fn check_consistent(c: &Clusterer) {
    // Every doc belongs to exactly one request, and member lists agree.
    let mut seen = std::collections::BTreeMap::new();
    for (d, r) in c.assignments() {
        assert!(c.members(r).contains(&d));
        assert!(seen.insert(d, r).is_none());
    }
    let total: usize = seen
        .values()
        .collect::<std::collections::BTreeSet<_>>()
        .iter()
        .map(|r| c.members(**r).len())
        .sum();
    assert_eq!(total, c.num_docs());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn deterministic(texts in texts()) {
        let (a, ia) = run(&texts);
        let (b, ib) = run(&texts);
        prop_assert_eq!(ia, ib);
        prop_assert_eq!(a.assignments(), b.assignments());
    }

    #[test]
    fn replay_with_add_existing_gives_same_state(texts in texts(), extra in texts()) {
        let (mut a, ids) = run(&texts);
        let mut b = Clusterer::new(ClusterConfig::default());
        for (i, t) in texts.iter().enumerate() {
            b.add_existing(i as u64, ids[i], t);
        }
        let n = texts.len() as u64;
        for (k, t) in extra.iter().enumerate() {
            let d = n + k as u64;
            prop_assert_eq!(a.assign(d, t, 5000 + d), b.assign(d, t, 5000 + d));
        }
    }

    #[test]
    fn every_doc_in_one_request(texts in texts(), ops in prop::collection::vec((0u8..3, 0u64..40, 0u64..40), 0..20)) {
        let (mut c, ids) = run(&texts);
        check_consistent(&c);
        for (op, x, y) in ops {
            let n = texts.len() as u64;
            match op {
                0 => { c.move_doc(x % n, ids[(y % n) as usize]); }
                1 => { c.merge(ids[(x % n) as usize], ids[(y % n) as usize]); }
                _ => { c.remove_doc(x % n); }
            }
            check_consistent(&c);
        }
    }

    #[test]
    fn merge_then_unmerge_restores(texts in two_requests(), x in 0usize..40, y in 0usize..40, more in texts()) {
        let (mut c, ids) = run(&texts);
        // Two different requests, picked without rejecting inputs: `y` chooses among the others.
        let mut requests = ids.clone();
        requests.sort_unstable();
        requests.dedup();
        prop_assert!(requests.len() >= 2, "a text sharing no word starts its own request");
        let src_at = x % requests.len();
        let dst_at = (src_at + 1 + y % (requests.len() - 1)) % requests.len();
        let (src, dst) = (requests[src_at], requests[dst_at]);
        let before = c.assignments();
        let (mut fresh, _) = run(&texts);
        let moved = c.merge(src, dst);
        prop_assert!(c.members(src).is_empty());
        c.unmerge(src, &moved);
        prop_assert_eq!(c.assignments(), before);
        // Subsequent behaviour is unchanged too.
        let n = texts.len() as u64;
        for (k, t) in more.iter().enumerate() {
            let d = n + k as u64;
            prop_assert_eq!(c.assign(d, t, 9000 + d).request_id, fresh.assign(d, t, 9000 + d).request_id);
        }
    }

    #[test]
    fn find_similar_does_not_mutate(texts in texts(), queries in texts(), more in texts()) {
        let (mut a, _) = run(&texts);
        let (mut b, _) = run(&texts);
        for q in &queries {
            let r1 = a.find_similar(q, 5);
            let r2 = a.find_similar(q, 5);
            prop_assert_eq!(r1, r2);
        }
        let n = texts.len() as u64;
        for (k, t) in more.iter().enumerate() {
            let d = n + k as u64;
            prop_assert_eq!(a.assign(d, t, 7000 + d), b.assign(d, t, 7000 + d));
        }
    }
}

/// Different needs, in English and Chinese, that share no content word.
const NEEDS: &[&str] = &[
    "Please add PDF export for the weekly report",
    "A dark mode for the dashboard would help at night",
    "We need single sign-on with Okta for all staff",
    "Bulk import of contacts from a spreadsheet",
    "The public API rate limit is far too low for our sync",
    "Invoices should show our purchase order number",
    "希望能支持导出PDF格式的报表",
    "手机应用里能不能加一个夜间模式",
    "我们需要用企业微信单点登录",
    "发票上请显示我们的采购订单号",
];

/// What else arrives meanwhile, so the corpus has seen the templates many times.
const OTHER: &[&str] = &[
    "My card has not arrived yet",
    "How do I change my PIN?",
    "The transfer is still pending after two days",
    "Why was I charged an exchange fee?",
    "设置明天早上七点的闹钟",
    "今天北京的天气怎么样",
    "Can I get a refund for a duplicate payment?",
    "提醒我周五下午开会",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(32)))]

    /// Ticket furniture never joins different needs: after the corpus has seen the help desk's
    /// templates (2,000 tickets: enough for a pleasantry with one of 17 company names in it to
    /// recur), two different needs wrapped in any of them (with their own names, companies,
    /// phone numbers, disclaimers and quoted replies) land in two requests.
    #[test]
    fn boilerplate_never_joins_different_needs(
        seed in any::<u64>(),
        a in 0..NEEDS.len(),
        b in 0..NEEDS.len(),
        items in (0u64..1_000_000, 0u64..1_000_000),
    ) {
        prop_assume!(a != b);
        let mut c = Clusterer::new(ClusterConfig::default());
        for i in 0..2_000u64 {
            let text = sift::eval::noise::wrap(OTHER[i as usize % OTHER.len()], seed, 2_000_000 + i);
            c.assign(i, &text, 10_000 + i);
        }
        let ra = c.assign(1_000, &sift::eval::noise::wrap(NEEDS[a], seed, items.0), 20_000).request_id;
        let rb = c.assign(1_001, &sift::eval::noise::wrap(NEEDS[b], seed, items.1), 20_001).request_id;
        prop_assert_ne!(ra, rb, "{:?} and {:?} joined", NEEDS[a], NEEDS[b]);
    }
}
