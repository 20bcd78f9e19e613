//! Online clustering of feedback items into requests.
//!
//! The engine ([`Clusterer`]) owns the bookkeeping (which doc belongs to which
//! request, merges, forbidden pairs, confidence bands). Everything about how
//! documents are represented and compared lives behind the [`Representation`]
//! trait; the built-in [`Lexical`] representation keeps sparse TF-IDF request
//! centroids with document frequencies updated live and an inverted index
//! (term -> requests) for candidate search. A semantic embedding can be added
//! later as another `Representation` (or wrapped together with `Lexical`).
//!
//! Determinism: hash maps are only used for point look-ups (with a fixed,
//! seedless hasher); every ranking is sorted with ties broken by id.
//!
//! Files: this one is the engine; `representation.rs` the trait, `lexical.rs` the built-in
//! representation, `snapshot.rs` the engine's binary image.

use super::text::AnalyzerOptions;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

mod lexical;
mod representation;
mod snapshot;
pub use lexical::{LexDoc, Lexical, Prepared};
pub use representation::{HeapSize, Representation};
pub use snapshot::{DecodeError as SnapshotError, FORMAT as SNAPSHOT_FORMAT};

/// Seedless hasher for integer keys (deterministic across runs).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }
}

/// Hash map with a fixed hasher. Never iterated where order matters.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Tuning knobs. One `Default` for all languages.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterConfig {
    /// Similarity at or above which a doc joins the best request automatically.
    pub join_threshold: f32,
    /// Similarity at or above which a new request gets a merge suggestion.
    pub suggest_threshold: f32,
    /// The join threshold is lowered by `size_discount * ln(request size)`,
    /// bounded below by `suggest_threshold`: a big request has a smoother,
    /// better estimated centroid, so a moderate similarity to it is more reliable.
    pub size_discount: f32,
    /// Candidate generation uses only this many highest-idf query terms.
    pub max_query_terms: usize,
    /// At most this many (most recent) postings are scanned per query term.
    pub max_postings_per_term: usize,
    /// Candidates re-scored exactly (current idf) after the inverted-index pass.
    pub rerank: usize,
    /// Term weight multiplier for bigrams (word and CJK character bigrams).
    pub bigram_weight: f32,
    /// Exponent applied to idf (1 = classic tf-idf; higher favours rare terms).
    pub idf_power: f32,
    /// Exponent applied to a request's summed term weights (1 = plain centroid,
    /// 0.5 = square-root damping, which keeps a big request's shared core terms
    /// from dominating its distinguishing terms).
    pub centroid_power: f32,
    /// Analyzer options.
    pub analyzer: AnalyzerOptions,
    /// A sentence seen in this many items is boilerplate and stops counting for similarity
    /// (see [`super::recurring`]; fewer while the corpus is young,
    /// [`super::recurring::threshold_at`]); 0 turns the learning off.
    pub recurring_sentences: u16,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            join_threshold: 0.10,
            suggest_threshold: 0.05,
            size_discount: 0.0,
            max_query_terms: 6,
            max_postings_per_term: 32,
            rerank: 8,
            bigram_weight: 0.85,
            idf_power: 0.5,
            centroid_power: 0.5,
            analyzer: AnalyzerOptions::default(),
            recurring_sentences: 6,
        }
    }
}

/// How a doc was placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// Joined an existing request with this similarity.
    Joined { similarity: f32 },
    /// Started a new request; `target` is a likely duplicate worth reviewing.
    NewWithSuggestion { target: u64, similarity: f32 },
    /// Started a new request; nothing similar.
    New,
}

/// Result of [`Clusterer::assign`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assignment {
    pub request_id: u64,
    pub outcome: Outcome,
}

// ---------------------------------------------------------------------------
// Engine

#[derive(Clone, Debug)]
struct DocEntry<D> {
    request: u64,
    vec: D,
}

/// Online clustering engine.
pub struct Clusterer<R: Representation = Lexical> {
    config: ClusterConfig,
    rep: R,
    docs: FastMap<u64, DocEntry<R::Doc>>,
    /// request -> member doc ids (sorted).
    members: FastMap<u64, Vec<u64>>,
    /// merged-away request -> the request it was merged into.
    merged_into: BTreeMap<u64, u64>,
    forbidden: BTreeSet<(u64, u64)>,
    /// request -> its representative doc and the request's size when it was chosen
    /// ([`Clusterer::title_doc`]). Not part of the state: never snapshotted or cloned, and
    /// decisions never read it.
    central: std::sync::Mutex<FastMap<u64, (u64, usize)>>,
}

impl Clusterer<Lexical> {
    /// Engine with the built-in lexical representation.
    pub fn new(config: ClusterConfig) -> Self {
        let rep = Lexical::new(&config);
        Self::with_representation(config, rep)
    }

    /// [`Self::assign`] of a text [`Lexical::prepare`]d with this engine's analyzer
    /// ([`ClusterConfig::analyzer`]): the same decision and state, with the text's analysis
    /// done beforehand.
    pub fn assign_prepared(
        &mut self,
        doc_id: u64,
        text: &Prepared,
        new_request_id: u64,
    ) -> Assignment {
        self.assign_with(doc_id, new_request_id, |rep| rep.encode_prepared(text))
    }
}

/// Most members scored by [`Clusterer::representative`].
pub const REPRESENTATIVE_SCAN: usize = 256;

fn pair(a: u64, b: u64) -> (u64, u64) {
    if a <= b { (a, b) } else { (b, a) }
}

impl<R: Representation> Clusterer<R> {
    /// Engine with a custom representation.
    pub fn with_representation(config: ClusterConfig, rep: R) -> Self {
        Clusterer {
            config,
            rep,
            docs: FastMap::default(),
            members: FastMap::default(),
            merged_into: BTreeMap::new(),
            forbidden: BTreeSet::new(),
            central: Default::default(),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// The representation (e.g. for statistics).
    pub fn representation(&self) -> &R {
        &self.rep
    }

    fn join_threshold_for(&self, size: usize) -> f32 {
        let c = &self.config;
        let t = c.join_threshold - c.size_discount * (size.max(1) as f32).ln();
        t.max(c.suggest_threshold)
    }

    /// Places a new doc: joins the best request if similar enough, otherwise
    /// creates `new_request_id` (with a merge suggestion in the middle band).
    /// If `doc_id` already exists it is replaced.
    pub fn assign(&mut self, doc_id: u64, text: &str, new_request_id: u64) -> Assignment {
        self.assign_with(doc_id, new_request_id, |rep| rep.encode(text))
    }

    fn assign_with(
        &mut self,
        doc_id: u64,
        new_request_id: u64,
        encode: impl FnOnce(&mut R) -> R::Doc,
    ) -> Assignment {
        if self.docs.contains_key(&doc_id) {
            self.remove_doc(doc_id);
        }
        let vec = encode(&mut self.rep);
        let cands = self.rep.nearest(&vec, 4);
        let mut outcome = Outcome::New;
        let mut request_id = new_request_id;
        if let Some(&(best, sim)) = cands.first() {
            let size = self.members.get(&best).map_or(0, |m| m.len());
            if sim >= self.join_threshold_for(size) {
                request_id = best;
                outcome = Outcome::Joined { similarity: sim };
            } else if let Some(&(target, sim)) = cands.iter().find(|(r, s)| {
                *s >= self.config.suggest_threshold
                    && *r != new_request_id
                    && !self.forbidden.contains(&pair(*r, new_request_id))
            }) {
                outcome = Outcome::NewWithSuggestion {
                    target,
                    similarity: sim,
                };
            }
        }
        self.insert(doc_id, request_id, vec);
        Assignment {
            request_id,
            outcome,
        }
    }

    fn insert(&mut self, doc_id: u64, request_id: u64, vec: R::Doc) {
        self.rep.observe(&vec);
        self.rep.add_to_request(request_id, &vec);
        self.docs.insert(
            doc_id,
            DocEntry {
                request: request_id,
                vec,
            },
        );
        let m = self.members.entry(request_id).or_default();
        // New items arrive with ascending ids: most go at the end.
        if m.last().is_none_or(|&last| last < doc_id) {
            m.push(doc_id);
        } else if let Err(i) = m.binary_search(&doc_id) {
            m.insert(i, doc_id);
        }
        self.merged_into.remove(&request_id);
    }

    /// Rebuilds state from storage / replays another instance's decision:
    /// leaves the engine exactly as if `assign` had chosen `request_id`.
    pub fn add_existing(&mut self, doc_id: u64, request_id: u64, text: &str) {
        if self.docs.contains_key(&doc_id) {
            self.remove_doc(doc_id);
        }
        let vec = self.rep.encode(text);
        self.insert(doc_id, request_id, vec);
    }

    /// Encodes a stored doc again from its text with what the corpus has learned since it was
    /// placed ([`Representation::reencode`]); it stays in its request. Returns true when its
    /// representation changed. Deterministic: instances that replay the same refreshes at the
    /// same point of the clustering log end in the same state.
    pub fn refresh_doc(&mut self, doc_id: u64, text: &str) -> bool {
        let Some(request) = self.docs.get(&doc_id).map(|e| e.request) else {
            return false;
        };
        let new = self.rep.reencode(text);
        if self.docs.get(&doc_id).is_some_and(|e| e.vec == new) {
            return false;
        }
        // Add the new form first so a one-item request keeps its slot.
        self.rep.observe(&new);
        self.rep.add_to_request(request, &new);
        let old = std::mem::replace(&mut self.docs.get_mut(&doc_id).expect("present").vec, new);
        self.rep.remove_from_request(request, &old);
        self.rep.forget(&old);
        true
    }

    /// Stored docs whose encoding may have changed since ([`Representation::stale`]), ascending.
    pub fn stale_docs(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self
            .docs
            .iter()
            .filter(|(_, e)| self.rep.stale(&e.vec))
            .map(|(&id, _)| id)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn detach(&mut self, doc_id: u64) -> Option<u64> {
        let e = self.docs.get(&doc_id)?;
        let from = e.request;
        self.rep.remove_from_request(from, &e.vec);
        if let Some(m) = self.members.get_mut(&from) {
            if let Ok(i) = m.binary_search(&doc_id) {
                m.remove(i);
            }
            if m.is_empty() {
                self.members.remove(&from);
            }
        }
        Some(from)
    }

    /// Moves a doc to another request (created if needed). Returns the previous
    /// request, or `None` if the doc is unknown.
    pub fn move_doc(&mut self, doc_id: u64, to_request_id: u64) -> Option<u64> {
        let from = *self.docs.get(&doc_id).map(|e| &e.request)?;
        if from == to_request_id {
            return Some(from);
        }
        self.detach(doc_id);
        let e = self.docs.get_mut(&doc_id).expect("doc exists");
        e.request = to_request_id;
        self.rep.add_to_request(to_request_id, &e.vec);
        let m = self.members.entry(to_request_id).or_default();
        if let Err(i) = m.binary_search(&doc_id) {
            m.insert(i, doc_id);
        }
        self.merged_into.remove(&to_request_id);
        Some(from)
    }

    /// Moves all docs of `source` into `target`; `source` stops being a
    /// candidate. Returns the moved doc ids (ascending).
    pub fn merge(&mut self, source: u64, target: u64) -> Vec<u64> {
        if source == target {
            return Vec::new();
        }
        let moved = self.members.get(&source).cloned().unwrap_or_default();
        for &d in &moved {
            self.move_doc(d, target);
        }
        self.merged_into.insert(source, target);
        moved
    }

    /// Restores `doc_ids` to `source` (undo of a merge); `source` becomes a
    /// candidate again.
    pub fn unmerge(&mut self, source: u64, doc_ids: &[u64]) {
        for &d in doc_ids {
            self.move_doc(d, source);
        }
        self.merged_into.remove(&source);
    }

    /// Removes a doc entirely (also from document frequencies).
    pub fn remove_doc(&mut self, doc_id: u64) -> bool {
        if self.detach(doc_id).is_none() {
            return false;
        }
        let e = self.docs.remove(&doc_id).expect("doc exists");
        self.rep.forget(&e.vec);
        true
    }

    /// Never suggest merging these two requests again (a PM rejected it).
    pub fn forbid_pair(&mut self, a_request: u64, b_request: u64) {
        self.forbidden.insert(pair(a_request, b_request));
    }

    /// Whether suggestions between the two requests are forbidden.
    pub fn is_forbidden(&self, a_request: u64, b_request: u64) -> bool {
        self.forbidden.contains(&pair(a_request, b_request))
    }

    /// Nearest requests to a text, read-only (does not change statistics).
    pub fn find_similar(&self, text: &str, limit: usize) -> Vec<(u64, f32)> {
        let q = self.rep.encode_query(text);
        self.rep.nearest(&q, limit)
    }

    /// Requests similar to `request_id` as a whole, judged from its
    /// representative doc; excludes itself and forbidden pairs.
    pub fn similar_requests(&self, request_id: u64, limit: usize) -> Vec<(u64, f32)> {
        let Some(rep_doc) = self.representative(request_id) else {
            return Vec::new();
        };
        let vec = &self.docs[&rep_doc].vec;
        let mut out: Vec<(u64, f32)> = self
            .rep
            .nearest(vec, limit + 1 + self.forbidden.len().min(16))
            .into_iter()
            .filter(|&(r, _)| r != request_id && !self.is_forbidden(r, request_id))
            .collect();
        out.truncate(limit);
        out
    }

    /// The member doc most similar to the other members (ties: lowest id).
    ///
    /// Requests with more than [`REPRESENTATIVE_SCAN`] members are judged
    /// from that many evenly spaced members (by doc id), so the cost is bounded
    /// whatever the request size.
    pub fn representative(&self, request_id: u64) -> Option<u64> {
        let m = self.members.get(&request_id)?;
        let step = m.len().div_ceil(REPRESENTATIVE_SCAN).max(1);
        let mut best: Option<(f32, u64)> = None;
        for &d in m.iter().step_by(step) {
            let s = self.rep.centrality(&self.docs[&d].vec, request_id);
            if best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, d));
            }
        }
        best.map(|(_, d)| d)
    }

    /// The doc a request's generated title is read from: [`Self::representative`], kept while
    /// it is still a member and the request has not grown or shrunk by a tenth (at least one
    /// item) since it was chosen. So a title does not change on every join, nor with the
    /// statistics other requests' feedback moves, and reading a page of titles costs almost
    /// nothing while its requests are only joined now and then.
    pub fn title_doc(&self, request_id: u64) -> Option<u64> {
        let members = self.members.get(&request_id)?;
        let n = members.len();
        let mut central = self.central.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&(d, at)) = central.get(&request_id)
            && n.abs_diff(at) < (at / 10).max(1)
            && members.binary_search(&d).is_ok()
        {
            return Some(d);
        }
        let d = self.representative(request_id)?;
        central.insert(request_id, (d, n));
        Some(d)
    }

    /// The stored representation of a doc.
    pub fn doc(&self, doc_id: u64) -> Option<&R::Doc> {
        self.docs.get(&doc_id).map(|e| &e.vec)
    }

    /// Ids of the non-empty requests, ascending.
    pub fn request_ids(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.members.keys().copied().collect();
        v.sort_unstable();
        v
    }

    /// Request of a doc.
    pub fn request_of(&self, doc_id: u64) -> Option<u64> {
        self.docs.get(&doc_id).map(|e| e.request)
    }

    /// Member docs of a request (ascending).
    pub fn members(&self, request_id: u64) -> &[u64] {
        self.members.get(&request_id).map_or(&[], |m| m.as_slice())
    }

    /// Where a merged-away request went, if it is currently merged.
    pub fn merged_into(&self, request_id: u64) -> Option<u64> {
        self.merged_into.get(&request_id).copied()
    }

    /// Number of docs.
    pub fn num_docs(&self) -> usize {
        self.docs.len()
    }

    /// Number of non-empty requests.
    pub fn num_requests(&self) -> usize {
        self.members.len()
    }

    /// All (doc, request) pairs sorted by doc id.
    pub fn assignments(&self) -> Vec<(u64, u64)> {
        let mut v: Vec<(u64, u64)> = self.docs.iter().map(|(&d, e)| (d, e.request)).collect();
        v.sort_unstable();
        v
    }

    /// Approximate heap bytes of the engine (excluding allocator overhead).
    pub fn heap_bytes(&self) -> usize
    where
        R::Doc: HeapSize,
    {
        let docs: usize = self.docs.values().map(|e| e.vec.heap_size()).sum::<usize>()
            + self.docs.capacity() * (9 + std::mem::size_of::<DocEntry<R::Doc>>());
        let members: usize = self.members.values().map(|m| m.capacity() * 8 + 33).sum();
        docs + members + self.rep.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_after_a_greeting_in_its_line_is_learned_as_titles_read_it() {
        // "您好，" opens the line: the title reads the sentence without it, and the analysis
        // must count it without it too, or the title's question never matches what was counted.
        let mut c = Clusterer::new(cfg());
        let needs = [
            "今天的天气怎么样？",
            "取消我的提醒",
            "预订一张桌子在9点",
            "在Itunes上播放音乐",
            "明天会下雨吗",
            "设置一个闹钟",
            "显示所有的提醒",
            "查找附近电影的时间表",
        ];
        let texts: Vec<String> = needs
            .iter()
            .map(|n| format!("您好，祝您一切顺利。\n{n}\n谢谢\n王芳"))
            .collect();
        for (i, t) in texts.iter().enumerate() {
            c.assign(i as u64 + 1, t, 100 + i as u64);
        }
        let lex = c.representation();
        assert!(lex.is_furniture("祝您一切顺利。"));
        let names = crate::domain::title::KnownNames::new();
        let furniture = |s: &str| lex.is_furniture(s);
        assert_eq!(
            crate::domain::title::neutral_title_without("", &texts[7], &names, 100, &furniture),
            "查找附近电影的时间表"
        );
    }

    #[test]
    fn a_sentence_is_said_by_others_when_other_items_of_its_request_hold_its_words() {
        let mut c = Clusterer::new(cfg());
        let texts = [
            "Please add dark mode to the dashboard.",
            "We would love a dark mode for the dashboard.",
            "Dark mode for the dashboard, please. Reply on the original channel.",
        ];
        for (i, t) in texts.iter().enumerate() {
            c.assign(i as u64 + 1, t, 100);
        }
        assert_eq!(c.members(100).len(), 3, "one request");
        let lex = c.representation();
        assert!(lex.said_by_others(100, "Dark mode for the dashboard, please."));
        // Only the third item says it; its words weigh no more in the request than in it.
        assert!(!lex.said_by_others(100, "Reply on the original channel."));
        // Chinese: a shared pair of characters counts, a lone character does not.
        let mut c = Clusterer::new(cfg());
        for (i, t) in [
            "设置闹钟在上午6点",
            "设置一个闹钟",
            "设置闹钟在下午3点。请在原渠道回复客户。",
        ]
        .iter()
        .enumerate()
        {
            c.assign(i as u64 + 1, t, 200);
        }
        assert_eq!(c.members(200).len(), 3, "one request");
        let lex = c.representation();
        assert!(lex.said_by_others(200, "设置闹钟在下午3点。"));
        assert!(!lex.said_by_others(200, "请在原渠道回复客户。"));
        // Unknown request, or nothing to judge by: no reason to leave the sentence out.
        assert!(lex.said_by_others(999, "请在原渠道回复客户。"));
        assert!(lex.said_by_others(200, "。"));
    }

    #[test]
    fn furniture_glued_to_a_need_without_a_mark_is_learned_from_where_it_stood_apart() {
        // A ticket flattened into one line: the closing sentence follows a need that ends in
        // no punctuation, with a space between them, so they read as one sentence.
        let mut c = Clusterer::new(cfg());
        let closing = "祝您生活愉快，万事如意";
        let needs = [
            "今天的天气怎么样？",
            "取消我的提醒。",
            "预订一张桌子在9点。",
            "把音量调大一点。",
            "明天会下雨吗？",
            "设置一个闹钟。",
            "显示所有的提醒。",
        ];
        for (i, n) in needs.iter().enumerate() {
            c.assign(i as u64 + 1, &format!("{n} {closing}"), 100 + i as u64);
        }
        assert!(c.representation().is_furniture(closing));
        // Before the space, a word too short to tell a sentence ended there.
        let glued = ["播放 周杰伦 的 歌", "查找 附近 电影 的 时间表"];
        for (i, n) in glued.iter().enumerate() {
            let a = c.assign(20 + i as u64, &format!("{n} {closing}"), 200 + i as u64);
            assert_eq!(a.request_id, 200 + i as u64, "{n} joined: {a:?}");
        }
        // Their docs hold the need alone.
        for (i, n) in glued.iter().enumerate() {
            let need = c.representation().encode_query(n);
            let doc = c.doc(20 + i as u64).expect("doc");
            assert_eq!(doc.terms, need.terms, "{n}");
        }
        assert_eq!(c.find_similar("附近电影的时间表", 1)[0].0, 201);
    }

    #[test]
    fn furniture_is_learned_from_its_second_repeat_in_a_young_corpus() {
        // A footer nobody wrote a rule for, on tickets of unrelated needs: the second ticket
        // does not join the first on it. A corpus of hundreds sees a template a few times in
        // all, and waiting for six repeats joined unrelated needs on it until then.
        let footer = "Harbourview escalation desk staffed weekdays.";
        let mut c = Clusterer::new(cfg());
        let first = c.assign(
            1,
            &format!("Dark mode for the dashboard and the mobile app.\n{footer}"),
            100,
        );
        let second = c.assign(
            2,
            &format!(
                "Export the monthly invoices to PDF with our logo and page numbers.\n{footer}"
            ),
            101,
        );
        assert_eq!(first.request_id, 100);
        assert_eq!(second.request_id, 101, "{second:?}");
        // The same need in the same words, each beside a line of its own: it stays the need.
        let need = "Export the weekly report to PDF.";
        let a = c.assign(3, &format!("{need} Our Leeds office closes at five."), 102);
        let b = c.assign(4, &format!("{need} Marta is away until Thursday."), 103);
        assert_eq!(b.request_id, a.request_id, "{b:?}");
    }

    #[test]
    fn a_template_sentence_with_a_slot_filled_in_stops_counting_by_its_wording() {
        // A review site's question names each reviewer's product: the sentence never recurs
        // whole, its wording does. Unrelated needs under it do not join on it.
        let products = [
            "Parcelwise",
            "Abacus",
            "Quickstride",
            "Hearthvoice",
            "Solano",
            "Brightwater",
            "Larchmont",
            "Chimehaus",
            "Cargoloop",
            "Prairie",
        ];
        let needs = [
            "Dark mode for the dashboard",
            "Export the monthly invoices to PDF",
            "Single sign-on with Okta",
            "Bulk upload of customers from a spreadsheet",
            "Webhooks when an invoice is paid",
            "Audit log of permission changes",
            "Offline mode for the mobile app",
            "Two-factor login by text message",
            "Custom fields on the contact form",
            "Schedule reports to arrive by email",
        ];
        let question = |p: &str| {
            format!(
                "Please tell other buyers what problems the product solves and what you would change in {p}?"
            )
        };
        let mut c = Clusterer::new(cfg());
        for (i, (p, n)) in products.iter().zip(needs).enumerate() {
            let a = c.assign(
                i as u64 + 1,
                &format!("{}\n{n}.", question(p)),
                100 + i as u64,
            );
            if i >= cfg().recurring_sentences as usize {
                assert_eq!(a.outcome, Outcome::New, "{n}: {a:?}");
            }
        }
        // Items read before the wording recurred are read again.
        for d in c.stale_docs() {
            let (p, n) = (products[d as usize - 1], needs[d as usize - 1]);
            assert!(c.refresh_doc(d, &format!("{}\n{n}.", question(p))));
        }
        // The need under it still counts.
        let again = c.assign(
            21,
            &format!(
                "{}\nDark mode for the dashboard, please.",
                question("Zephyr")
            ),
            201,
        );
        assert_eq!(again.request_id, 100, "{again:?}");
        // Alone in an item, it stays what the item says.
        let alone = c.assign(20, &question("Zephyr"), 200);
        assert_eq!(alone.outcome, Outcome::New);
    }

    #[test]
    fn a_need_under_where_the_rules_stopped_reading_is_read_once_what_is_above_is_furniture() {
        // A survey tool's notification: its heading, a rule, then the customer's answer. The
        // rules stop at the rule; the corpus learns the heading, and the answer is read.
        let ticket = |need: &str| {
            format!(
                "You've received a new response to Customer feedback 2024.\n---\nWhat could \
                 we have done better?\n{need}\n---\nView all responses in the admin console."
            )
        };
        let needs = [
            "Export the monthly invoices to PDF with our logo.",
            "Single sign-on with Okta for every workspace.",
            "Bulk upload of customers from a spreadsheet.",
            "Webhooks when an invoice is paid in full.",
            "Audit log of permission changes by admins.",
            "Offline access to the phone app on flights.",
            "Custom fields on the contact form for leads.",
            "Two-factor login by text message for staff.",
            "Dark mode for the dashboard and the reports.",
            "Dark mode on the dashboard, the reports are too bright.",
        ];
        let mut c = Clusterer::new(cfg());
        let mut placed = Vec::new();
        for (i, n) in needs.iter().enumerate() {
            placed.push(c.assign(i as u64 + 1, &ticket(n), 100 + i as u64));
        }
        // Once the heading and the question are learned, each answer is read alone.
        for (i, a) in placed.iter().enumerate().take(9).skip(6) {
            assert_eq!(a.request_id, 100 + i as u64, "{}: {a:?}", needs[i]);
        }
        assert_eq!(
            placed[9].request_id, placed[8].request_id,
            "{:?}",
            placed[9]
        );
        // Tickets read before then are read again.
        for d in c.stale_docs() {
            assert!(c.refresh_doc(d, &ticket(needs[d as usize - 1])));
        }
        assert_eq!(
            c.find_similar("invoices to PDF with our logo", 1)[0].0,
            placed[0].request_id
        );
    }

    #[test]
    fn a_doc_that_dropped_a_sentence_is_read_again_once_the_corpus_asks_more_repeats() {
        let mut c = Clusterer::new(cfg());
        let shared = "Harbourview escalation desk staffed weekdays.";
        let texts = [
            format!("Dark mode for the dashboard and the mobile app, please.\n{shared}"),
            format!("Export the monthly invoices to PDF with our logo and page numbers.\n{shared}"),
        ];
        c.assign(1, &texts[0], 100);
        c.assign(2, &texts[1], 101);
        // Doc 1 counted the sentence before it recurred; doc 2 dropped it.
        assert_eq!(c.stale_docs(), vec![1]);
        assert!(c.refresh_doc(1, &texts[0]));
        assert!(c.stale_docs().is_empty());
        for i in 0..1000u64 {
            c.assign(
                10 + i,
                &format!("alpha{i} beta{i} gamma{i} delta{i}"),
                10_000 + i,
            );
        }
        // Two repeats in a thousand items is not furniture any more: both count it again.
        assert_eq!(c.stale_docs(), vec![1, 2]);
        assert!(c.refresh_doc(2, &texts[1]));
    }

    #[test]
    fn a_doc_encoded_before_its_furniture_recurred_is_refreshed_once() {
        let mut c = Clusterer::new(cfg());
        let furniture = "The Harbourview escalation desk is open weekdays until nine.";
        let needs = [
            "Dark mode for the dashboard",
            "PDF export for the weekly report",
            "Single sign-on with Okta",
            "Bulk upload of customers from a spreadsheet",
            "Webhooks when an invoice is paid",
            "Audit log of permission changes",
            "Offline mode for the mobile app",
        ];
        let texts: Vec<String> = needs.iter().map(|n| format!("{n}.\n{furniture}")).collect();
        for (i, t) in texts.iter().enumerate() {
            c.assign(i as u64 + 1, t, 100 + i as u64);
        }
        // The furniture says more than each need, so only the most repeats drop it (see
        // `Lexical::terms_without_recurring`): docs encoded before then still count it.
        let learned = cfg().recurring_sentences as u64;
        let stale = c.stale_docs();
        assert_eq!(stale, (1..learned).collect::<Vec<_>>());
        let before = c.find_similar("harbourview escalation desk weekdays", 10);
        assert!(!before.is_empty());
        for &d in &stale {
            assert!(c.refresh_doc(d, &texts[d as usize - 1]));
            assert!(!c.refresh_doc(d, &texts[d as usize - 1]), "refreshed twice");
        }
        assert!(c.stale_docs().is_empty());
        assert!(
            c.find_similar("harbourview escalation desk weekdays", 10)
                .is_empty()
        );
        // Placement is untouched; the doc still matches its need.
        assert_eq!(c.request_of(1), Some(100));
        assert_eq!(c.find_similar("dark mode dashboard", 1)[0].0, 100);
    }

    #[test]
    fn notes_of_different_needs_under_one_label_do_not_join_on_a_young_corpus() {
        // Each note placed in order on a fresh engine: the requests they land in.
        let place = |notes: &[&str]| -> Vec<u64> {
            let mut c = Clusterer::new(cfg());
            (0..notes.len() as u64)
                .map(|i| c.assign(i + 1, notes[i as usize], 100 + i).request_id)
                .collect()
        };
        // Three items: the label and the framing word are rare terms until they recur.
        let notes = [
            "会议纪要 —— 首次拜访（杭州云帆科技有限公司）\n参会人：张伟、李娜\n\
             客户原话：希望支持把周报导出为PDF。\n后续跟进：下周回访",
            "会议纪要 —— 季度回顾（南京华泰贸易有限公司）\n参会人：王芳\n\
             客户原话：希望增加深色模式。\n后续跟进：评估排期",
            "会议纪要 —— 周例会（成都锦程物流有限公司）\n客户原话：希望能导出PDF格式的周报。",
        ];
        assert_eq!(place(&notes), [100, 101, 100]);
        let notes = [
            "Meeting notes - QBR (Initech)\nCustomer's words: We want dark mode in the dashboard.",
            "Meeting notes - kickoff (Globex)\nCustomer's words: We want to export the weekly report as PDF.",
        ];
        assert_eq!(place(&notes), [100, 101]);
    }

    #[test]
    fn courtesies_of_the_exchange_do_not_join_different_needs_on_a_young_corpus() {
        // Four tickets on a fresh engine, two needs; every one says its courtesies in words no
        // corpus of four has seen recur.
        let tickets = [
            "您好，\n希望支持把周报导出为PDF。\n期待您的回复。详情见下文。\n\n辛苦\n许明\n宁波港润进出口有限公司",
            "客服您好：\n希望增加深色模式，晚上用太刺眼了。\n期待您的回复。详情见下文。\n\n辛苦\n王芳\n上海恒通物流有限公司",
            "想请教一下：周报能导出成PDF吗？\n已抄送我的同事，麻烦尽快回复\n\n顺祝商祺\n晨曦",
            "尊敬的客服：能不能加一个深色模式\n如三天内未收到回复，请直接电话联系我。\n\n客户服务部",
        ];
        let mut c = Clusterer::new(cfg());
        let placed: Vec<u64> = (0..tickets.len() as u64)
            .map(|i| c.assign(i + 1, tickets[i as usize], 100 + i).request_id)
            .collect();
        assert_eq!(placed, [100, 101, 100, 101]);
    }

    fn cfg() -> ClusterConfig {
        ClusterConfig::default()
    }

    #[test]
    fn joins_paraphrases_and_separates_topics() {
        let mut c = Clusterer::new(cfg());
        let a = c.assign(1, "My card has not arrived yet", 100);
        assert_eq!(a.outcome, Outcome::New);
        let b = c.assign(2, "card still not arrived", 101);
        assert_eq!(b.request_id, 100, "{b:?}");
        let d = c.assign(3, "How do I change my PIN code?", 102);
        assert_eq!(d.request_id, 102);
        assert_eq!(c.num_requests(), 2);
        assert_eq!(c.members(100), &[1, 2]);
    }

    #[test]
    fn suggestion_band() {
        let mut c = Clusterer::new(ClusterConfig {
            join_threshold: 0.99,
            suggest_threshold: 0.1,
            ..cfg()
        });
        c.assign(1, "export report to pdf", 10);
        let a = c.assign(2, "export report to excel", 11);
        match a.outcome {
            Outcome::NewWithSuggestion { target, similarity } => {
                assert_eq!(target, 10);
                assert!(similarity > 0.1 && similarity < 0.99);
            }
            o => panic!("{o:?}"),
        }
        assert_eq!(a.request_id, 11);
    }

    #[test]
    fn forbidden_pair_suppresses_suggestion() {
        let mut c = Clusterer::new(ClusterConfig {
            join_threshold: 0.99,
            suggest_threshold: 0.1,
            ..cfg()
        });
        c.assign(1, "export report to pdf", 10);
        c.forbid_pair(10, 11);
        let a = c.assign(2, "export report to excel", 11);
        assert_eq!(a.outcome, Outcome::New);
    }

    #[test]
    fn merge_unmerge_move_remove() {
        let mut c = Clusterer::new(cfg());
        c.add_existing(1, 10, "dark mode please");
        c.add_existing(2, 10, "dark theme for the app");
        c.add_existing(3, 20, "export to csv");
        let moved = c.merge(10, 20);
        assert_eq!(moved, vec![1, 2]);
        assert_eq!(c.members(20), &[1, 2, 3]);
        assert_eq!(c.merged_into(10), Some(20));
        assert!(c.find_similar("dark mode", 5).iter().all(|(r, _)| *r != 10));
        c.unmerge(10, &moved);
        assert_eq!(c.members(10), &[1, 2]);
        assert_eq!(c.members(20), &[3]);
        assert_eq!(c.move_doc(3, 10), Some(20));
        assert_eq!(c.num_requests(), 1);
        assert!(c.remove_doc(3));
        assert!(!c.remove_doc(3));
        assert_eq!(c.request_of(3), None);
        assert_eq!(c.members(10), &[1, 2]);
    }

    #[test]
    fn representative_is_central() {
        let mut c = Clusterer::new(cfg());
        c.add_existing(1, 10, "dark theme night colours purple");
        c.add_existing(2, 10, "dark mode");
        c.add_existing(3, 10, "dark mode for mobile");
        c.add_existing(4, 10, "dark mode please");
        for i in 0..30u64 {
            c.add_existing(
                100 + i,
                20 + i,
                &format!("unrelated filler {i} text w{i} about transfers"),
            );
        }
        let r = c.representative(10).unwrap();
        assert_ne!(r, 1, "the outlier is not representative");
        assert_eq!(c.representative(99), None);
    }

    /// The title's doc is the representative, chosen again only when the request has grown or
    /// shrunk by a tenth, or the doc has left it: a few joins or statistics moved by other
    /// requests do not change it.
    #[test]
    fn the_title_doc_is_kept_until_its_request_changes_enough() {
        let mut c = Clusterer::new(cfg());
        for i in 0..20u64 {
            c.add_existing(i + 1, 10, &format!("offline mode for the mobile app {i}"));
        }
        assert_eq!(c.title_doc(10), c.representative(10));
        assert_eq!(c.title_doc(99), None);
        let stale = |c: &Clusterer| c.central.lock().unwrap().insert(10, (7, 20));
        // Doc 7 stands as the kept choice: one join (a twentieth) keeps it, and so does
        // feedback elsewhere.
        stale(&c);
        c.add_existing(21, 10, "offline mode please");
        for i in 0..40u64 {
            c.add_existing(100 + i, 20, &format!("dark mode night theme {i}"));
        }
        assert_eq!(c.title_doc(10), Some(7));
        // A tenth more members: chosen again.
        c.add_existing(22, 10, "offline mode on the train");
        assert_eq!(c.title_doc(10), c.representative(10));
        // The kept doc moved away: chosen again.
        stale(&c);
        c.move_doc(7, 30);
        assert_eq!(c.title_doc(10), c.representative(10));
        assert_ne!(c.title_doc(10), Some(7));
        // A merge doubles the request: chosen again.
        c.central.lock().unwrap().insert(20, (999, 40));
        c.merge(10, 20);
        assert_eq!(c.title_doc(20), c.representative(20));
        assert_eq!(c.title_doc(10), None);
    }

    #[test]
    fn large_requests_merge_unmerge_and_stay_findable() {
        // Enough distinct terms for hash-map centroids and postings longer
        // than the scanned window (heavy-request lists).
        let mut c = Clusterer::new(cfg());
        for i in 0..300u64 {
            c.add_existing(i, 10, &format!("dark mode w{i}x theme"));
            c.add_existing(1000 + i, 20 + i % 50, &format!("dark export q{i}z csv"));
        }
        let before: Vec<_> = ["dark mode theme", "export csv", "w7x q9z"]
            .iter()
            .map(|q| c.find_similar(q, 3))
            .collect();
        assert_eq!(before[0][0].0, 10, "{:?}", before[0]);
        let moved = c.merge(10, 20);
        assert_eq!(moved.len(), 300);
        c.unmerge(10, &moved);
        let after: Vec<_> = ["dark mode theme", "export csv", "w7x q9z"]
            .iter()
            .map(|q| c.find_similar(q, 3))
            .collect();
        assert_eq!(before, after);
        for i in 0..300u64 {
            assert!(c.remove_doc(i));
        }
        assert!(
            c.find_similar("dark mode theme", 5)
                .iter()
                .all(|(r, _)| *r != 10)
        );
        assert!(c.representative(20).is_some());
    }

    #[test]
    fn find_similar_is_read_only() {
        let mut c = Clusterer::new(cfg());
        c.add_existing(1, 10, "refund not received");
        let before = c.representation().vocab_size();
        let r = c.find_similar("refund brand new words here", 3);
        assert_eq!(r[0].0, 10);
        assert_eq!(c.representation().vocab_size(), before);
    }
}
