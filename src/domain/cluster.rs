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

use super::recurring::Recurring;
use super::text::{self, AnalyzerOptions};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

mod snapshot;
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
    /// (see [`super::recurring`]); 0 turns the learning off.
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

/// How documents and requests are represented and compared.
///
/// Implementations must be deterministic: the same sequence of calls gives the
/// same results. `nearest*` results are sorted by similarity (desc) then id (asc).
pub trait Representation {
    /// Stored per-document representation.
    type Doc: PartialEq;
    /// Encodes text for a doc that will be stored (may intern vocabulary, but
    /// must not change similarity results by itself).
    fn encode(&mut self, text: &str) -> Self::Doc;
    /// Encodes a stored doc's text again with what the corpus has learned since it was
    /// encoded (e.g. sentences that turned out to be boilerplate stop counting), without
    /// counting the text as a new observation. Equal to the stored doc when nothing changed.
    fn reencode(&mut self, text: &str) -> Self::Doc;
    /// True when [`Representation::reencode`] may now give a different doc than the stored one.
    fn stale(&self, doc: &Self::Doc) -> bool;
    /// Encodes text read-only (for queries).
    fn encode_query(&self, text: &str) -> Self::Doc;
    /// Adds the doc to corpus statistics (e.g. document frequencies).
    fn observe(&mut self, doc: &Self::Doc);
    /// Removes the doc from corpus statistics.
    fn forget(&mut self, doc: &Self::Doc);
    /// Adds the doc to a request's aggregate (creating the request if needed).
    fn add_to_request(&mut self, request: u64, doc: &Self::Doc);
    /// Removes the doc from a request's aggregate (dropping it when empty).
    fn remove_from_request(&mut self, request: u64, doc: &Self::Doc);
    /// Best matching requests for the doc, at most `limit`.
    fn nearest(&self, doc: &Self::Doc, limit: usize) -> Vec<(u64, f32)>;
    /// Similarity of a doc to a request (0 if unknown).
    fn similarity(&self, doc: &Self::Doc, request: u64) -> f32;
    /// How central a member doc is in its request (used to pick the
    /// representative). Defaults to [`Representation::similarity`].
    fn centrality(&self, doc: &Self::Doc, request: u64) -> f32 {
        self.similarity(doc, request)
    }
    /// A query doc standing for a request as a whole (its centroid's heaviest terms), to
    /// compare requests with each other; `None` for an unknown request.
    fn request_doc(&self, request: u64) -> Option<Self::Doc>;
    /// Similarity of a member doc to its request without the doc itself (leave-one-out), on
    /// the same scale as [`Representation::similarity`] to another request.
    fn similarity_without(&self, doc: &Self::Doc, request: u64) -> f32;
    /// Approximate heap bytes used.
    fn heap_bytes(&self) -> usize;
}

// ---------------------------------------------------------------------------
// Lexical representation

/// Fixed-point scale of term weights (exact add/subtract of aggregates).
const W_SCALE: f32 = 256.0;

/// Sparse doc vector: (term index, fixed-point sublinear tf) sorted by term.
/// Out-of-vocabulary query terms only count towards the norm.
#[derive(Clone, Debug, PartialEq)]
pub struct LexDoc {
    terms: Box<[(u32, u32)]>,
    oov: Box<[u32]>,
    /// Recurrence keys of the sentences that counted when the doc was encoded; when one of
    /// them has since turned out to recur, the doc is stale ([`Representation::stale`]).
    kept: Box<[u64]>,
}

impl LexDoc {
    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len() + self.oov.len()
    }
    /// True when the doc has no terms at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A centroid with more distinct terms than this is stored as a hash map
/// (O(1) update per doc term); smaller ones as a compact sorted vector.
const LARGE_CENTROID: usize = 96;

/// Summed member term weights of a request (term -> fixed-point weight).
///
/// The storage switches between a sorted vector and a hash map by size only;
/// look-ups and updates give identical values either way, so the choice never
/// changes results.
#[derive(Clone, Debug)]
enum Centroid {
    Small(Vec<(u32, u32)>),
    Large(FastMap<u32, u32>),
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid::Small(Vec::new())
    }
}

impl Centroid {
    #[inline]
    fn get(&self, t: u32) -> Option<u32> {
        match self {
            Centroid::Small(v) => v.binary_search_by_key(&t, |x| x.0).ok().map(|i| v[i].1),
            Centroid::Large(m) => m.get(&t).copied(),
        }
    }

    /// Adds `w` to term `t`; returns the previous weight (0 when new).
    fn add(&mut self, t: u32, w: u32) -> u32 {
        match self {
            Centroid::Small(v) => match v.binary_search_by_key(&t, |x| x.0) {
                Ok(i) => {
                    let old = v[i].1;
                    v[i].1 = old + w;
                    old
                }
                Err(i) => {
                    v.insert(i, (t, w));
                    if v.len() > LARGE_CENTROID {
                        let m: FastMap<u32, u32> = v.iter().copied().collect();
                        *self = Centroid::Large(m);
                    }
                    0
                }
            },
            Centroid::Large(m) => {
                let e = m.entry(t).or_insert(0);
                let old = *e;
                *e = old + w;
                old
            }
        }
    }

    /// Subtracts `w` from term `t` (dropping it at zero); returns
    /// `(old, new)`, or `None` when the term is absent.
    fn sub(&mut self, t: u32, w: u32) -> Option<(u32, u32)> {
        let r = match self {
            Centroid::Small(v) => {
                let i = v.binary_search_by_key(&t, |x| x.0).ok()?;
                let old = v[i].1;
                let new = old.saturating_sub(w);
                if new == 0 {
                    v.remove(i);
                } else {
                    v[i].1 = new;
                }
                (old, new)
            }
            Centroid::Large(m) => {
                let e = m.get_mut(&t)?;
                let old = *e;
                let new = old.saturating_sub(w);
                if new == 0 {
                    m.remove(&t);
                } else {
                    *e = new;
                }
                (old, new)
            }
        };
        if let Centroid::Large(m) = self
            && m.len() < LARGE_CENTROID / 2
        {
            let mut v: Vec<(u32, u32)> = m.iter().map(|(&t, &w)| (t, w)).collect();
            v.sort_unstable();
            *self = Centroid::Small(v);
        }
        Some(r)
    }

    /// All (term, weight) pairs, in no particular order.
    fn iter(&self) -> Box<dyn Iterator<Item = (u32, u32)> + '_> {
        match self {
            Centroid::Small(v) => Box::new(v.iter().copied()),
            Centroid::Large(m) => Box::new(m.iter().map(|(&t, &w)| (t, w))),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Centroid::Small(v) => v.capacity() * 8,
            Centroid::Large(m) => m.capacity() * 9,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct ReqSlot {
    id: u64,
    /// Sum of member weights per term.
    terms: Centroid,
    /// Squared L2 norm of the centroid in tf-idf space, fixed point (exact
    /// incremental add/subtract, so merge + unmerge restores it bit for bit).
    norm2: u64,
    ndocs: u32,
}

/// Terms of the query doc that stands for a request ([`Representation::request_doc`]).
const REQUEST_DOC_TERMS: usize = 48;

/// Heaviest requests per term always scanned besides the recent postings.
const HEAVY_PER_TERM: usize = 4;

/// Fixed-point scale of squared norm contributions.
const N2_SCALE: f64 = (1u64 << 24) as f64;

/// Built-in lexical TF-IDF centroid representation with an inverted index.
///
/// Idf values are frozen in epochs: they are recomputed for all terms (and all
/// request norms) whenever the corpus has grown by 5% (every doc while small),
/// which keeps scoring O(query terms) per candidate and makes the state a pure
/// function of the sequence of mutations. Adding or removing a doc costs
/// O(doc terms) whatever the request size.
#[derive(Clone, Debug)]
pub struct Lexical {
    opts: AnalyzerOptions,
    bigram_weight: f32,
    max_query_terms: usize,
    max_postings: usize,
    rerank: usize,
    idf_power: f32,
    centroid_power: f32,
    vocab: FastMap<u64, u32>,
    df: Vec<u32>,
    /// Frozen idf^p per term for the current epoch.
    idf: Vec<f32>,
    /// term -> (slot, centroid weight) for the slots whose centroid contains
    /// it, in append order. The weight is kept current only inside the scanned
    /// window (the last `max_postings` entries), which is all that reads it, so
    /// the candidate pass never touches the slots themselves.
    postings: Vec<Vec<(u32, u32)>>,
    /// term -> up to [`HEAVY_PER_TERM`] (slot, weight) with the largest
    /// weight for the term, kept once its postings outgrow the scanned window
    /// (big, old requests would otherwise fall out of candidate generation).
    heavy: Vec<Vec<(u32, u32)>>,
    n_docs: u32,
    epoch_n: u32,
    slots: Vec<ReqSlot>,
    /// Centroid L2 norm per slot (dense, cache friendly copy of `norm2`).
    slot_norm: Vec<f32>,
    slot_of: FastMap<u64, u32>,
    free: Vec<u32>,
    /// Sentences counted across items: what recurs is boilerplate.
    recurring: Recurring,
}

fn is_bigram(term: &str) -> bool {
    term.starts_with('_') || (term.chars().count() == 2 && !term.is_ascii())
}

impl Lexical {
    /// New empty lexical representation tuned by `config`.
    pub fn new(config: &ClusterConfig) -> Self {
        Lexical {
            opts: config.analyzer.clone(),
            bigram_weight: config.bigram_weight,
            max_query_terms: config.max_query_terms.max(1),
            max_postings: config.max_postings_per_term.max(1),
            rerank: config.rerank.max(1),
            idf_power: config.idf_power,
            centroid_power: config.centroid_power,
            vocab: FastMap::default(),
            df: Vec::new(),
            idf: Vec::new(),
            postings: Vec::new(),
            heavy: Vec::new(),
            n_docs: 0,
            epoch_n: 0,
            slots: Vec::new(),
            slot_norm: Vec::new(),
            slot_of: FastMap::default(),
            free: Vec::new(),
            recurring: Recurring::new(config.recurring_sentences),
        }
    }

    /// The sentences of `text` that may carry its need (ticket furniture stripped by rule),
    /// with their recurrence keys.
    fn sentences_with_keys(&self, text: &str) -> (Vec<String>, Vec<Option<u64>>) {
        let sentences = text::need_sentences(text);
        let keys = sentences
            .iter()
            .map(|s| text::sentence_key(s, &self.opts))
            .collect();
        (sentences, keys)
    }

    /// The terms of a text entering the index: its sentences are counted first, then those
    /// that recur across many items are dropped (see [`Self::terms_without_recurring`]).
    fn need_terms(&mut self, text: &str) -> (Vec<String>, Vec<u64>) {
        let (sentences, keys) = self.sentences_with_keys(text);
        let mut distinct: Vec<u64> = keys.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        for k in distinct {
            self.recurring.observe(k);
        }
        self.terms_without_recurring(&sentences, &keys)
    }

    /// The terms of the sentences that count, and the recurrence keys of those sentences
    /// (none when every sentence recurs: the choice among them does not go stale).
    fn terms_without_recurring(
        &self,
        sentences: &[String],
        keys: &[Option<u64>],
    ) -> (Vec<String>, Vec<u64>) {
        let counts: Vec<Option<u16>> = keys
            .iter()
            .map(|k| k.map(|k| self.recurring.count(k)))
            .collect();
        let threshold = self.recurring.threshold();
        let counts_now = |c: &Option<u16>| c.is_some_and(|c| threshold == 0 || c < threshold);
        let mut kept: Vec<&String> = sentences
            .iter()
            .zip(&counts)
            .filter(|(_, c)| counts_now(c))
            .map(|(s, _)| s)
            .collect();
        let mut kept_keys: Vec<u64> = if threshold == 0 {
            Vec::new()
        } else {
            keys.iter()
                .zip(&counts)
                .filter(|(_, c)| counts_now(c))
                .filter_map(|(k, _)| *k)
                .collect()
        };
        kept_keys.sort_unstable();
        kept_keys.dedup();
        if kept.is_empty() {
            // Every sentence recurs: the need was put in common words ("Can I track my
            // card?" asked often), and it is the sentence that recurs least; the furniture
            // around it recurs far more.
            let least = counts.iter().flatten().copied().min().unwrap_or(0);
            kept = sentences
                .iter()
                .zip(&counts)
                .filter(|(_, c)| c.is_some_and(|c| c <= least.saturating_mul(2)))
                .map(|(s, _)| s)
                .collect();
        }
        (text::analyze_sentences(&kept, &self.opts), kept_keys)
    }

    /// The terms of a query text, read-only.
    fn query_terms(&self, text: &str) -> Vec<String> {
        let (sentences, keys) = self.sentences_with_keys(text);
        self.terms_without_recurring(&sentences, &keys).0
    }

    fn weighted_terms(&self, terms: Vec<String>) -> Vec<(u64, u32)> {
        let mut tf: BTreeMap<u64, (f32, f32)> = BTreeMap::new();
        for t in terms {
            let h = text::fnv1a(t.as_bytes());
            let bw = if is_bigram(&t) {
                self.bigram_weight
            } else {
                1.0
            };
            let e = tf.entry(h).or_insert((0.0, bw));
            e.0 += 1.0;
        }
        tf.into_iter()
            .map(|(h, (n, bw))| {
                let w = (1.0 + n.ln()) * bw * W_SCALE;
                (h, w.round().max(1.0) as u32)
            })
            .collect()
    }

    fn idf_value(&self, df: u32) -> f32 {
        let idf = ((self.epoch_n as f32 + 1.0) / (df as f32 + 0.5))
            .ln()
            .max(0.0);
        if self.idf_power == 1.0 {
            idf
        } else {
            idf.powf(self.idf_power)
        }
    }

    /// Centroid weight of a summed fixed-point term weight.
    #[inline]
    fn cw(&self, w: u32) -> f32 {
        let x = w as f32 / W_SCALE;
        if self.centroid_power == 1.0 {
            x
        } else if self.centroid_power == 0.5 {
            x.sqrt()
        } else {
            x.powf(self.centroid_power)
        }
    }

    #[inline]
    fn contrib(&self, t: u32, w: u32) -> u64 {
        if w == 0 {
            return 0;
        }
        let x = (self.cw(w) * self.idf[t as usize]) as f64;
        (x * x * N2_SCALE).round() as u64
    }

    fn query_norm(&self, doc: &LexDoc) -> f32 {
        let mut s = 0.0f32;
        for &(t, w) in doc.terms.iter() {
            let x = w as f32 * self.idf[t as usize];
            s += x * x;
        }
        let oov_idf = self.idf_value(0);
        for &w in doc.oov.iter() {
            let x = w as f32 * oov_idf;
            s += x * x;
        }
        s.sqrt()
    }

    /// Cosine with the epoch's idf: O(|q|) per request.
    fn score(&self, doc: &LexDoc, qnorm: f32, slot: &ReqSlot) -> f32 {
        if slot.norm2 == 0 || qnorm <= 0.0 {
            return 0.0;
        }
        let mut dot = 0.0f32;
        for &(t, w) in doc.terms.iter() {
            if let Some(cw) = slot.terms.get(t) {
                let idf = self.idf[t as usize];
                dot += w as f32 * idf * idf * self.cw(cw);
            }
        }
        let norm = ((slot.norm2 as f64 / N2_SCALE).sqrt()) as f32;
        (dot / (norm * qnorm)).clamp(0.0, 1.0)
    }

    fn slot_index(&mut self, request: u64) -> u32 {
        if let Some(&s) = self.slot_of.get(&request) {
            return s;
        }
        let fresh = ReqSlot {
            id: request,
            ..Default::default()
        };
        let s = if let Some(s) = self.free.pop() {
            self.slots[s as usize] = fresh;
            self.slot_norm[s as usize] = 0.0;
            s
        } else {
            self.slots.push(fresh);
            self.slot_norm.push(0.0);
            (self.slots.len() - 1) as u32
        };
        self.slot_of.insert(request, s);
        s
    }

    /// Recomputes all idf values and request norms (new epoch).
    fn refresh_epoch(&mut self) {
        self.epoch_n = self.n_docs;
        let idf: Vec<f32> = self.df.iter().map(|&d| self.idf_value(d)).collect();
        self.idf = idf;
        for s in 0..self.slots.len() {
            // Integer sum: independent of the iteration order.
            let n2 = self.slots[s]
                .terms
                .iter()
                .map(|(t, w)| self.contrib(t, w))
                .sum();
            self.set_norm2(s, n2);
        }
    }

    fn set_norm2(&mut self, s: usize, n2: u64) {
        self.slots[s].norm2 = n2;
        self.slot_norm[s] = (n2 as f64 / N2_SCALE).sqrt() as f32;
    }

    /// Updates the posting weight of slot `s` for term `t` if the entry is in
    /// the scanned window (older entries are not read until they re-enter it).
    fn set_posting_weight(&mut self, t: u32, s: u32, w: u32) {
        let p = &mut self.postings[t as usize];
        let start = p.len().saturating_sub(self.max_postings);
        if let Some(e) = p[start..].iter_mut().rev().find(|e| e.0 == s) {
            e.1 = w;
        }
    }

    /// Records that slot `s` now has weight `w` for term `t` (weights only
    /// grow here; decreases are applied in `remove_from_request`).
    fn track_heavy(&mut self, t: u32, s: u32, w: u32) {
        let tu = t as usize;
        if self.postings[tu].len() <= self.max_postings {
            return;
        }
        if self.heavy[tu].is_empty() {
            // The postings just outgrew the window: start from the exact top.
            let mut all: Vec<(u32, u32)> = self.postings[tu]
                .iter()
                .map(|&(x, _)| (x, self.slots[x as usize].terms.get(t).unwrap_or(0)))
                .collect();
            all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(HEAVY_PER_TERM);
            self.heavy[tu] = all;
            return;
        }
        let h = &mut self.heavy[tu];
        if let Some(e) = h.iter_mut().find(|x| x.0 == s) {
            e.1 = w;
        } else if h.len() < HEAVY_PER_TERM {
            h.push((s, w));
        } else {
            // Replace the lightest (ties: highest slot) if `s` is heavier.
            let k = (0..h.len())
                .min_by(|&a, &b| h[a].1.cmp(&h[b].1).then(h[b].0.cmp(&h[a].0)))
                .expect("non-empty");
            if w > h[k].1 {
                h[k] = (s, w);
            }
        }
    }

    fn unpost(&mut self, t: u32, s: u32) {
        let p = &mut self.postings[t as usize];
        if let Some(j) = p.iter().rposition(|x| x.0 == s) {
            p.remove(j);
        }
    }

    /// Interns the weighted terms of a stored doc (new terms get a vocabulary row).
    fn intern(&mut self, (need, kept): (Vec<String>, Vec<u64>)) -> LexDoc {
        let mut terms: Vec<(u32, u32)> = Vec::new();
        for (h, w) in self.weighted_terms(need) {
            let next = self.vocab.len() as u32;
            let id = *self.vocab.entry(h).or_insert(next);
            if id == next {
                self.df.push(0);
                let v = self.idf_value(0);
                self.idf.push(v);
                self.postings.push(Vec::new());
                self.heavy.push(Vec::new());
            }
            terms.push((id, w));
        }
        terms.sort_unstable();
        LexDoc {
            terms: terms.into_boxed_slice(),
            oov: Box::new([]),
            kept: kept.into_boxed_slice(),
        }
    }

    /// Number of distinct terms seen.
    pub fn vocab_size(&self) -> usize {
        self.vocab.len()
    }
}

impl Representation for Lexical {
    type Doc = LexDoc;

    fn encode(&mut self, text: &str) -> LexDoc {
        let need = self.need_terms(text);
        self.intern(need)
    }

    fn reencode(&mut self, text: &str) -> LexDoc {
        let (sentences, keys) = self.sentences_with_keys(text);
        let need = self.terms_without_recurring(&sentences, &keys);
        self.intern(need)
    }

    fn stale(&self, doc: &LexDoc) -> bool {
        doc.kept.iter().any(|&k| self.recurring.is_recurring(k))
    }

    fn encode_query(&self, text: &str) -> LexDoc {
        let mut terms = Vec::new();
        let mut oov = Vec::new();
        for (h, w) in self.weighted_terms(self.query_terms(text)) {
            match self.vocab.get(&h) {
                Some(&id) => terms.push((id, w)),
                None => oov.push(w),
            }
        }
        terms.sort_unstable();
        LexDoc {
            terms: terms.into_boxed_slice(),
            oov: oov.into_boxed_slice(),
            kept: Box::new([]),
        }
    }

    fn observe(&mut self, doc: &LexDoc) {
        self.n_docs += 1;
        for &(t, _) in doc.terms.iter() {
            self.df[t as usize] += 1;
        }
        if self.n_docs - self.epoch_n.min(self.n_docs) >= (self.epoch_n / 20).max(1) {
            self.refresh_epoch();
        }
    }

    fn forget(&mut self, doc: &LexDoc) {
        self.n_docs = self.n_docs.saturating_sub(1);
        for &(t, _) in doc.terms.iter() {
            let d = &mut self.df[t as usize];
            *d = d.saturating_sub(1);
        }
    }

    fn add_to_request(&mut self, request: u64, doc: &LexDoc) {
        let s = self.slot_index(request);
        let su = s as usize;
        self.slots[su].ndocs += 1;
        for &(t, w) in doc.terms.iter() {
            let old = self.slots[su].terms.add(t, w);
            let n2 = self.slots[su].norm2 - self.contrib(t, old) + self.contrib(t, old + w);
            self.set_norm2(su, n2);
            if old == 0 {
                self.postings[t as usize].push((s, w));
            } else {
                self.set_posting_weight(t, s, old + w);
            }
            self.track_heavy(t, s, old + w);
        }
    }

    fn remove_from_request(&mut self, request: u64, doc: &LexDoc) {
        let Some(&s) = self.slot_of.get(&request) else {
            return;
        };
        let su = s as usize;
        self.slots[su].ndocs = self.slots[su].ndocs.saturating_sub(1);
        for &(t, w) in doc.terms.iter() {
            let Some((old, new)) = self.slots[su].terms.sub(t, w) else {
                continue;
            };
            let n2 = self.slots[su].norm2 - self.contrib(t, old) + self.contrib(t, new);
            self.set_norm2(su, n2);
            let h = &mut self.heavy[t as usize];
            if let Some(k) = h.iter().position(|x| x.0 == s) {
                if new == 0 {
                    h.swap_remove(k);
                } else {
                    h[k].1 = new;
                }
            }
            if new == 0 {
                self.unpost(t, s);
            } else {
                self.set_posting_weight(t, s, new);
            }
        }
        if self.slots[su].ndocs == 0 {
            let left: Vec<u32> = self.slots[su].terms.iter().map(|x| x.0).collect();
            for t in left {
                self.unpost(t, s);
            }
            self.slot_of.remove(&request);
            self.slots[su] = ReqSlot::default();
            self.slot_norm[su] = 0.0;
            self.free.push(s);
        }
    }

    fn nearest(&self, doc: &LexDoc, limit: usize) -> Vec<(u64, f32)> {
        if limit == 0 || doc.terms.is_empty() || self.slot_of.is_empty() {
            return Vec::new();
        }
        // 1. Highest-idf query terms present in the index.
        let mut qterms: Vec<(f32, u32, u32)> = doc
            .terms
            .iter()
            .filter(|(t, _)| !self.postings[*t as usize].is_empty())
            .map(|&(t, w)| (self.idf[t as usize], t, w))
            .collect();
        qterms.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        qterms.truncate(self.max_query_terms);
        let qnorm = self.query_norm(doc);
        // 2. Accumulate partial dot products over (capped, most recent) postings: every
        //    (slot, part) in one flat buffer, then summed per slot after a sort. A hash map here
        //    allocated and rehashed per query, and grew with the corpus until postings filled.
        let mut parts: Vec<(u32, f32)> =
            Vec::with_capacity(qterms.len() * (self.max_postings + HEAVY_PER_TERM));
        for &(idf, t, w) in &qterms {
            let p = &self.postings[t as usize];
            let start = p.len().saturating_sub(self.max_postings);
            let qw = w as f32 * idf * idf;
            let recent = &p[start..];
            for &(s, cw) in recent {
                parts.push((s, qw * self.cw(cw)));
            }
            for &(s, cw) in &self.heavy[t as usize] {
                if !recent.iter().any(|e| e.0 == s) {
                    parts.push((s, qw * self.cw(cw)));
                }
            }
        }
        // Stable by slot, so each slot's parts are summed in query-term order (deterministic).
        parts.sort_by_key(|&(s, _)| s);
        let mut approx: Vec<(f32, u32)> = Vec::with_capacity(parts.len());
        for group in parts.chunk_by(|a, b| a.0 == b.0) {
            let s = group[0].0;
            let d: f32 = group.iter().map(|&(_, x)| x).sum();
            approx.push((d / self.slot_norm[s as usize].max(1e-6), s));
        }
        let keep = self.rerank.max(limit);
        if approx.len() > keep {
            // Ties broken by request id (slot indices depend on history).
            let id = |s: u32| self.slots[s as usize].id;
            approx.select_nth_unstable_by(keep, |a, b| {
                b.0.total_cmp(&a.0).then_with(|| id(a.1).cmp(&id(b.1)))
            });
            approx.truncate(keep);
        }
        // 3. Full score over all query terms for the candidates.
        let mut out: Vec<(u64, f32)> = approx
            .into_iter()
            .map(|(_, s)| {
                let slot = &self.slots[s as usize];
                (slot.id, self.score(doc, qnorm, slot))
            })
            .collect();
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }

    fn similarity(&self, doc: &LexDoc, request: u64) -> f32 {
        let Some(&s) = self.slot_of.get(&request) else {
            return 0.0;
        };
        let qnorm = self.query_norm(doc);
        self.score(doc, qnorm, &self.slots[s as usize])
    }

    /// Similarity of a member to the *other* members: dot product with the
    /// linear centroid minus the doc itself, over the doc norm.
    fn centrality(&self, doc: &LexDoc, request: u64) -> f32 {
        let Some(&s) = self.slot_of.get(&request) else {
            return 0.0;
        };
        let slot = &self.slots[s as usize];
        let qnorm = self.query_norm(doc);
        if qnorm <= 0.0 {
            return 0.0;
        }
        let mut dot = 0.0f32;
        for &(t, w) in doc.terms.iter() {
            if let Some(cw) = slot.terms.get(t) {
                let others = cw.saturating_sub(w) as f32 / W_SCALE;
                let idf = self.idf[t as usize];
                dot += w as f32 * idf * idf * others;
            }
        }
        dot / qnorm
    }

    fn request_doc(&self, request: u64) -> Option<LexDoc> {
        let &s = self.slot_of.get(&request)?;
        let slot = &self.slots[s as usize];
        // The heaviest terms in tf-idf space, with their centroid weights (per member, so a
        // big request's query is on the scale of one doc's).
        let n = slot.ndocs.max(1) as f32;
        let mut terms: Vec<(f32, u32, u32)> = slot
            .terms
            .iter()
            .map(|(t, w)| {
                let x = self.cw(w) / n.powf(self.centroid_power);
                (
                    x * self.idf[t as usize],
                    t,
                    (x * W_SCALE).round().max(1.0) as u32,
                )
            })
            .collect();
        terms.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        terms.truncate(REQUEST_DOC_TERMS);
        let mut terms: Vec<(u32, u32)> = terms.into_iter().map(|(_, t, w)| (t, w)).collect();
        terms.sort_unstable();
        Some(LexDoc {
            terms: terms.into_boxed_slice(),
            oov: Box::new([]),
            kept: Box::new([]),
        })
    }

    fn similarity_without(&self, doc: &LexDoc, request: u64) -> f32 {
        let Some(&s) = self.slot_of.get(&request) else {
            return 0.0;
        };
        let slot = &self.slots[s as usize];
        let qnorm = self.query_norm(doc);
        if qnorm <= 0.0 {
            return 0.0;
        }
        let mut dot = 0.0f32;
        let mut n2 = slot.norm2 as i128;
        for &(t, w) in doc.terms.iter() {
            if let Some(cw) = slot.terms.get(t) {
                let rest = cw.saturating_sub(w);
                n2 += self.contrib(t, rest) as i128 - self.contrib(t, cw) as i128;
                let idf = self.idf[t as usize];
                dot += w as f32 * idf * idf * self.cw(rest);
            }
        }
        if n2 <= 0 {
            return 0.0;
        }
        let norm = ((n2 as f64 / N2_SCALE).sqrt()) as f32;
        (dot / (norm * qnorm)).clamp(0.0, 1.0)
    }

    fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.capacity() * 4 + 24)
            .sum::<usize>()
            + self
                .heavy
                .iter()
                .map(|h| h.capacity() * 8 + 24)
                .sum::<usize>();
        let slots: usize = self
            .slots
            .iter()
            .map(|s| s.terms.heap_bytes() + std::mem::size_of::<ReqSlot>())
            .sum();
        self.vocab.capacity() * 13
            + self.df.capacity() * 4
            + self.idf.capacity() * 4
            + postings
            + slots
            + self.slot_of.capacity() * 13
            + self.recurring.heap_bytes()
    }
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
}

impl Clusterer<Lexical> {
    /// Engine with the built-in lexical representation.
    pub fn new(config: ClusterConfig) -> Self {
        let rep = Lexical::new(&config);
        Self::with_representation(config, rep)
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
        if self.docs.contains_key(&doc_id) {
            self.remove_doc(doc_id);
        }
        let vec = self.rep.encode(text);
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
        if let Err(i) = m.binary_search(&doc_id) {
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

/// Heap size of a stored doc representation.
pub trait HeapSize {
    fn heap_size(&self) -> usize;
}

impl HeapSize for LexDoc {
    fn heap_size(&self) -> usize {
        self.terms.len() * 8 + self.oov.len() * 4 + self.kept.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let learned = cfg().recurring_sentences as u64;
        // Docs encoded before the sentence had recurred `learned` times still count it.
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
