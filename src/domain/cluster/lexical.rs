//! The built-in lexical representation ([`Lexical`]): sparse TF-IDF request centroids with
//! document frequencies updated live, idf frozen in epochs, and an inverted index
//! (term -> requests) for candidate search.

use super::representation::{HeapSize, Representation};
use super::{ClusterConfig, FastMap};
use crate::domain::recurring::Recurring;
use crate::domain::text::{self, AnalyzerOptions};

/// Fixed-point scale of term weights (exact add/subtract of aggregates).
const W_SCALE: f32 = 256.0;

/// What [`Lexical::terms_without_recurring`] keeps of a text: its weighted terms, the keys of
/// the sentences they came from, [`LexDoc::dropped_below`] and [`LexDoc::kept_young`].
type NeedTerms = (Vec<(u64, u32)>, Vec<u64>, u16, bool);

/// Sparse doc vector: (term index, fixed-point sublinear tf) sorted by term.
/// Out-of-vocabulary query terms only count towards the norm.
#[derive(Clone, Debug, PartialEq)]
pub struct LexDoc {
    pub(super) terms: Box<[(u32, u32)]>,
    pub(super) oov: Box<[u32]>,
    /// Recurrence keys of the sentences that counted when the doc was encoded; when one of
    /// them has since turned out to recur, the doc is stale ([`Representation::stale`]).
    pub(super) kept: Box<[u64]>,
    /// The repeats that made furniture when the doc was encoded, if it dropped a sentence as
    /// furniture (0: it dropped none). Once the corpus asks more, the doc is stale: what
    /// recurred twice among a young corpus's first items may be a need two customers shared.
    pub(super) dropped_below: u16,
    /// Some of `kept` recurred when the doc was encoded, and counted only because what else
    /// it says is shorter (see `Lexical::terms_without_recurring`): they make it stale once
    /// they recur as often as the most repeats ask.
    pub(super) kept_young: bool,
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

/// A text analysed for the index ahead of time ([`Lexical::prepare`]): the part of encoding
/// that depends on the text and the analyzer options only (normalising, the boilerplate line
/// rules, sentences, their recurrence keys, tokens, stems, term hashes), so it can run on the
/// caller's task while the ingest writer does only what depends on the corpus so far
/// ([`Lexical::encode_prepared`]). Encoding a prepared text gives the doc [`Representation::encode`]
/// gives for the text itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    /// Per need sentence, in order: its recurrence key and where its terms end in `terms`.
    sentences: Vec<(Option<u64>, u32)>,
    /// Sentences from this one on stand under where the line rules stopped reading
    /// ([`text::need_sentence_terms_and_below`]): counted, and read when they say more that
    /// the corpus has not seen than the need sentences above them do.
    below: u32,
    /// The [`shingle_keys`] of every sentence with [`MIN_SHINGLES`] or more, in order, and
    /// per sentence where its shingles end in it.
    shingles: Vec<u64>,
    shingle_ends: Vec<u32>,
    /// The terms of every sentence, in order: (FNV-1a hash, whether it is a bigram).
    terms: Vec<(u64, bool)>,
    /// Per sentence that may end early, (sentence, [`text::Tail`]): the sentence without a
    /// tail that the corpus has learned is furniture is its head.
    tails: Vec<(u32, text::Tail)>,
}

impl Prepared {
    /// The terms of sentence `i`.
    fn sentence_terms(&self, i: usize) -> &[(u64, bool)] {
        let start = if i == 0 { 0 } else { self.sentences[i - 1].1 };
        &self.terms[start as usize..self.sentences[i].1 as usize]
    }

    /// The shingles of sentence `i` (none when it has fewer than [`MIN_SHINGLES`]).
    fn sentence_shingles(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.shingle_ends[i - 1] };
        &self.shingles[start as usize..self.shingle_ends[i] as usize]
    }
}

/// Fewer content words than this, not seen across the corpus, say next to nothing: the
/// sentences under where the line rules stopped reading may then hold the need.
const UNSAID: usize = 3;

/// Content words in a row that make one shingle of a sentence ([`shingle_keys`]).
const SHINGLE: usize = 3;

/// A sentence with fewer shingles than this is too short to tell a template's wording from a
/// need put in common words; only the whole sentence's recurrence judges it.
const MIN_SHINGLES: usize = 3;

/// The keys of a sentence's shingles: each run of [`SHINGLE`] unigrams (Latin stems, CJK
/// characters) in order, hashed. The lowest bit is clear: a shingle is counted like a short
/// sentence, furniture only at the most repeats ([`Recurring::threshold_of`]).
fn shingle_keys(terms: &[(u64, bool)]) -> Vec<u64> {
    let unigrams: Vec<u64> = terms.iter().filter(|t| !t.1).map(|t| t.0).collect();
    unigrams
        .windows(SHINGLE)
        .map(|w| {
            let mut h: u64 = 0x5348_494e_474c_4553;
            for &x in w {
                h = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                h ^= h >> 29;
            }
            h & !1
        })
        .collect()
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
pub(super) enum Centroid {
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
pub(super) struct ReqSlot {
    pub(super) id: u64,
    /// Sum of member weights per term.
    pub(super) terms: Centroid,
    /// Squared L2 norm of the centroid in tf-idf space, fixed point (exact
    /// incremental add/subtract, so merge + unmerge restores it bit for bit).
    pub(super) norm2: u64,
    pub(super) ndocs: u32,
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
    pub(super) opts: AnalyzerOptions,
    pub(super) bigram_weight: f32,
    pub(super) max_query_terms: usize,
    pub(super) max_postings: usize,
    pub(super) rerank: usize,
    pub(super) idf_power: f32,
    pub(super) centroid_power: f32,
    pub(super) vocab: FastMap<u64, u32>,
    pub(super) df: Vec<u32>,
    /// Frozen idf^p per term for the current epoch.
    pub(super) idf: Vec<f32>,
    /// term -> (slot, centroid weight) for the slots whose centroid contains
    /// it, in append order. The weight is kept current only inside the scanned
    /// window (the last `max_postings` entries), which is all that reads it, so
    /// the candidate pass never touches the slots themselves.
    pub(super) postings: Vec<Vec<(u32, u32)>>,
    /// term -> up to [`HEAVY_PER_TERM`] (slot, weight) with the largest
    /// weight for the term, kept once its postings outgrow the scanned window
    /// (big, old requests would otherwise fall out of candidate generation).
    pub(super) heavy: Vec<Vec<(u32, u32)>>,
    pub(super) n_docs: u32,
    pub(super) epoch_n: u32,
    pub(super) slots: Vec<ReqSlot>,
    /// Centroid L2 norm per slot (dense, cache friendly copy of `norm2`).
    pub(super) slot_norm: Vec<f32>,
    pub(super) slot_of: FastMap<u64, u32>,
    pub(super) free: Vec<u32>,
    /// Sentences counted across items: what recurs is boilerplate.
    pub(super) recurring: Recurring,
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

    /// Analyses `text` for [`Self::encode_prepared`]; pure (`opts`: the engine's analyzer).
    pub fn prepare(opts: &AnalyzerOptions, text: &str) -> Prepared {
        let mut p = Prepared::default();
        let (need, below) = text::need_sentence_terms_and_below(text, opts);
        let above = need.len() as u32;
        for s in need.into_iter().chain(below) {
            let i = p.sentences.len() as u32;
            p.tails.extend(s.tails.into_iter().map(|t| (i, t)));
            let shingles = shingle_keys(&s.terms);
            if shingles.len() >= MIN_SHINGLES {
                p.shingles.extend(shingles);
            }
            p.shingle_ends.push(p.shingles.len() as u32);
            p.terms.extend(s.terms);
            p.sentences.push((s.key, p.terms.len() as u32));
        }
        p.below = above;
        p
    }

    /// The terms of a text entering the index: its sentences are counted first, then those
    /// that recur across many items are dropped (see [`Self::terms_without_recurring`]).
    fn need_terms(&mut self, p: &Prepared) -> NeedTerms {
        let mut distinct: Vec<u64> = p.sentences.iter().filter_map(|s| s.0).collect();
        distinct.extend_from_slice(&p.shingles);
        distinct.sort_unstable();
        distinct.dedup();
        self.recurring.observe_item(&distinct);
        self.terms_without_recurring(p)
    }

    /// The weighted terms of the sentences that count, the recurrence keys of those sentences
    /// (none when every sentence recurs: the choice among them does not go stale), the
    /// threshold in force when a sentence was dropped as furniture (0: none was), and whether
    /// sentences that recur were kept because the rest says less.
    fn terms_without_recurring(&self, p: &Prepared) -> NeedTerms {
        // Each sentence's count, read once, and what it makes of the sentence.
        let counts: Vec<Option<u16>> = p
            .sentences
            .iter()
            .map(|(k, _)| k.map(|k| self.recurring.count(k)))
            .collect();
        let recurs = |i: usize| {
            p.sentences[i]
                .0
                .zip(counts[i])
                .is_some_and(|(k, c)| self.recurring.is_recurring_at(k, c))
        };
        let threshold = self.recurring.threshold();
        let above = p.below as usize;
        let mut kept: Vec<usize> = (0..above)
            .filter(|&i| counts[i].is_some() && !recurs(i))
            .collect();
        let mut kept_keys: Vec<u64> = if threshold == 0 {
            Vec::new()
        } else {
            kept.iter().filter_map(|&i| p.sentences[i].0).collect()
        };
        // A kept sentence that ends in learned furniture without a mark between them keeps
        // its head (the first such tail, the longest); while none is learned, the tails are
        // watched as the sentences are.
        let mut heads: Vec<(usize, &[(u64, bool)])> = Vec::new();
        if threshold > 0 {
            for &i in &kept {
                let tails = p.tails.iter().filter(|(s, _)| *s as usize == i);
                match tails
                    .clone()
                    .find(|(_, t)| self.recurring.is_recurring(t.key))
                {
                    Some((_, t)) => heads.push((i, &t.head)),
                    None => kept_keys.extend(tails.map(|(_, t)| t.key)),
                }
            }
        }
        // A sentence a template words with a slot filled in ("What do you like best about
        // Parcelwise Enterprise?") recurs by its wording, not whole: most of its shingles
        // recur as often as the most repeats ask. It goes while another sentence stays.
        // Each sentence's verdict, read once ([`Self::templated`]); one that recurs whole is
        // never asked.
        let templated: Vec<(bool, Option<u64>)> = if threshold > 0 {
            (0..counts.len())
                .map(|i| {
                    if recurs(i) {
                        (false, None)
                    } else {
                        self.templated(p.sentence_shingles(i))
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        if threshold > 0 {
            let (template, open): (Vec<usize>, Vec<usize>) =
                kept.iter().partition(|&&i| templated[i].0);
            if !template.is_empty() && !open.is_empty() {
                kept = open;
            }
            kept_keys.extend(kept.iter().filter_map(|&i| templated[i].1));
        }
        kept_keys.sort_unstable();
        kept_keys.dedup();
        let dropped = kept.len() < counts[..above].iter().flatten().count() || !heads.is_empty();
        // What only a young corpus's fewer repeats drop (see `recurring::threshold_at`) goes
        // only while what is kept says more: two customers who put one need in the same words,
        // each beside a line of their own ("Export the weekly report to PDF. Our Leeds office
        // closes at five."), keep it; a template's line beside a longer need goes.
        let said = |i: usize| p.sentence_terms(i).iter().filter(|t| !t.1).count();
        let young: Vec<usize> = (0..above)
            .filter(|&i| recurs(i) && counts[i].is_some_and(|c| !self.recurring.is_settled_at(c)))
            .collect();
        let kept_young = !young.is_empty()
            && young.iter().map(|&i| said(i)).sum::<usize>()
                >= kept.iter().map(|&i| said(i)).sum::<usize>();
        if kept_young {
            kept_keys.extend(young.iter().filter_map(|&i| p.sentences[i].0));
            kept_keys.sort_unstable();
            kept_keys.dedup();
            kept.extend(young);
            kept.sort_unstable();
        }
        let dropped_below = if dropped { threshold } else { 0 };
        if kept.is_empty() {
            // Every sentence recurs: the need was put in common words ("Can I track my
            // card?" asked often), and it is the sentence that recurs least; the furniture
            // around it recurs far more.
            let least = counts[..above].iter().flatten().copied().min().unwrap_or(0);
            kept = (0..above)
                .filter(|&i| counts[i].is_some_and(|c| c <= least.saturating_mul(2)))
                .collect();
        }
        // Under where the rules stopped reading: read when what stands above says next to
        // nothing the corpus has not seen, and it says more (a survey's answers under a rule,
        // below a notification's furniture); what the corpus has seen in either goes then.
        if threshold > 0 && above < counts.len() {
            let novel = |i: usize| counts[i].is_some() && !recurs(i) && !templated[i].0;
            let below: Vec<usize> = (above..counts.len()).filter(|&i| novel(i)).collect();
            let says = |set: &[usize]| set.iter().map(|&i| said(i)).sum::<usize>();
            let over: Vec<usize> = kept.iter().copied().filter(|&i| novel(i)).collect();
            let (below_says, over_says) = (says(&below), says(&over));
            if over_says < UNSAID && below_says > over_says {
                kept_keys.extend(below.iter().filter_map(|&i| p.sentences[i].0));
                kept_keys.sort_unstable();
                kept_keys.dedup();
                kept = over;
                kept.extend(below);
            }
        }
        let terms = kept.iter().flat_map(|&i| {
            match heads.iter().find(|h| h.0 == i) {
                Some(h) => h.1,
                None => p.sentence_terms(i),
            }
            .iter()
            .copied()
        });
        (
            self.weighted_terms(terms),
            kept_keys,
            dropped_below,
            kept_young,
        )
    }

    /// Whether a sentence with these shingles is a template's wording ([`MIN_SHINGLES`] shingles
    /// or more, three in four of them furniture), and the shingle to watch when it is not:
    /// the one seen most that is not furniture yet (the doc goes stale when it turns).
    fn templated(&self, shingles: &[u64]) -> (bool, Option<u64>) {
        if shingles.len() < MIN_SHINGLES {
            return (false, None);
        }
        let mut recurring = 0;
        let mut watch: Option<(u16, u64)> = None;
        for k in shingles.iter().copied() {
            let c = self.recurring.count(k);
            if self.recurring.is_recurring_at(k, c) {
                recurring += 1;
            } else if watch
                .is_none_or(|w| (c, std::cmp::Reverse(k)) > (w.0, std::cmp::Reverse(w.1)))
            {
                watch = Some((c, k));
            }
        }
        let templated = recurring * 4 >= shingles.len() * 3;
        (templated, watch.filter(|_| !templated).map(|w| w.1))
    }

    /// (term hash, fixed-point sublinear tf) sorted by hash; a bigram weighs `bigram_weight`
    /// (as its first occurrence says, should a hash be both).
    fn weighted_terms(&self, terms: impl Iterator<Item = (u64, bool)>) -> Vec<(u64, u32)> {
        // (hash, position, bigram): sorted, each hash's first occurrence leads its run.
        let mut all: Vec<(u64, u32, bool)> = terms
            .enumerate()
            .map(|(i, (h, bigram))| (h, i as u32, bigram))
            .collect();
        all.sort_unstable_by_key(|&(h, i, _)| (h, i));
        all.chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let (h, _, bigram) = run[0];
                let bw = if bigram { self.bigram_weight } else { 1.0 };
                let n = run.len() as f32;
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
    fn intern(&mut self, (need, kept, dropped_below, kept_young): NeedTerms) -> LexDoc {
        let mut terms: Vec<(u32, u32)> = Vec::with_capacity(need.len());
        for (h, w) in need {
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
            dropped_below,
            kept_young,
        }
    }

    /// [`Representation::encode`] of a text [`Self::prepare`]d with this engine's analyzer.
    pub fn encode_prepared(&mut self, p: &Prepared) -> LexDoc {
        let need = self.need_terms(p);
        self.intern(need)
    }

    /// Whether the corpus has taught that `sentence` is furniture: it recurs across items
    /// (see [`super::super::recurring`]) as often as the most repeats ever asked. A title
    /// waits for that: what a young corpus drops from similarity after fewer repeats may yet
    /// be a need two customers put in the same words.
    pub fn is_furniture(&self, sentence: &str) -> bool {
        self.furniture_count(sentence) > 0
    }

    /// How many items the corpus saw `sentence` in, when it is furniture ([`Self::is_furniture`]:
    /// every sentence of it recurs; of several, the least counted, the one likeliest to be a
    /// need asked often in the same words); 0 when it is not.
    pub fn furniture_count(&self, sentence: &str) -> u16 {
        // Keyed exactly as the analysis keyed what it counted.
        let sentences = text::need_sentence_terms(sentence, &self.opts);
        let counts = sentences.iter().map(|s| {
            s.key
                .filter(|&k| self.recurring.is_settled(k))
                .map(|k| self.recurring.count(k))
        });
        counts
            .collect::<Option<Vec<u16>>>()
            .and_then(|c| c.into_iter().min())
            .unwrap_or(0)
    }

    /// Whether `sentence` says something the other items of `request` say too: one of its
    /// terms weighs more in the request's centroid than in the sentence itself. A title names
    /// what a request's items share, and a sentence only its central item holds does not
    /// ("请在原渠道回复客户。" closing a request about music: furniture the corpus saw too rarely
    /// to learn). A lone CJK character is no evidence ("回" and "时" are in every other need).
    /// True when the request is unknown or the sentence has no terms to judge by.
    pub fn said_by_others(&self, request: u64, sentence: &str) -> bool {
        let Some(&slot) = self.slot_of.get(&request) else {
            return true;
        };
        let centroid = &self.slots[slot as usize].terms;
        let terms: Vec<(u64, bool)> = text::analyze_with(sentence, &self.opts)
            .iter()
            .filter(|t| t.chars().nth(1).is_some())
            .map(|t| (text::fnv1a(t.as_bytes()), text::is_bigram(t)))
            .collect();
        if terms.is_empty() {
            return true;
        }
        self.weighted_terms(terms.into_iter())
            .iter()
            .any(|&(h, w)| {
                self.vocab
                    .get(&h)
                    .and_then(|&id| centroid.get(id))
                    .is_some_and(|c| c > w)
            })
    }

    /// Changes whenever a sentence becomes furniture ([`Self::is_furniture`]).
    pub fn furniture_learned(&self) -> u64 {
        self.recurring.learned()
    }

    /// The analyzer options texts are [`Self::prepare`]d with.
    pub fn analyzer(&self) -> &AnalyzerOptions {
        &self.opts
    }

    /// Number of distinct terms seen.
    pub fn vocab_size(&self) -> usize {
        self.vocab.len()
    }
}

impl Representation for Lexical {
    type Doc = LexDoc;

    fn encode(&mut self, text: &str) -> LexDoc {
        let p = Self::prepare(&self.opts, text);
        self.encode_prepared(&p)
    }

    fn reencode(&mut self, text: &str) -> LexDoc {
        let p = Self::prepare(&self.opts, text);
        let need = self.terms_without_recurring(&p);
        self.intern(need)
    }

    fn stale(&self, doc: &LexDoc) -> bool {
        let now_furniture = |k: u64| {
            if doc.kept_young {
                self.recurring.is_settled(k)
            } else {
                self.recurring.is_recurring(k)
            }
        };
        (doc.dropped_below != 0 && doc.dropped_below < self.recurring.threshold())
            || doc.kept.iter().any(|&k| now_furniture(k))
    }

    fn encode_query(&self, text: &str) -> LexDoc {
        let mut terms = Vec::new();
        let mut oov = Vec::new();
        let p = Self::prepare(&self.opts, text);
        for (h, w) in self.terms_without_recurring(&p).0 {
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
            dropped_below: 0,
            kept_young: false,
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
        self.nearest_by(doc, limit, QueryTerms::Rarest)
    }

    fn nearest_requests(&self, request: u64, limit: usize) -> Vec<(u64, f32)> {
        let Some(query) = self.request_doc(request) else {
            return Vec::new();
        };
        self.nearest_by(&query, limit, QueryTerms::Heaviest)
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
            dropped_below: 0,
            kept_young: false,
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

impl HeapSize for LexDoc {
    fn heap_size(&self) -> usize {
        self.terms.len() * 8 + self.oov.len() * 4 + self.kept.len() * 8
    }
}

/// Which of a query's terms find the candidates in [`Lexical::nearest_by`].
#[derive(Clone, Copy)]
enum QueryTerms {
    /// The rarest (highest idf) [`ClusterConfig::max_query_terms`]: one item's distinguishing
    /// words.
    Rarest,
    /// The heaviest (weight x idf) [`REQUEST_QUERY_TERMS`]: a request's centroid, whose rarest
    /// terms are one member's stray words that no other request shares.
    Heaviest,
}

/// Query terms that find the candidates for a request as a whole.
const REQUEST_QUERY_TERMS: usize = 12;

/// Per-thread buffers of [`Lexical::nearest_by`]: a partial dot product per slot and the
/// slots touched by the current query (only those are reset after it). They grow to the most
/// slots a thread has queried (5 bytes a slot: about 1 MB at 200,000 requests) and stay.
#[derive(Default)]
struct Scratch {
    sums: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Ready for a query over `slots` slots.
    fn clear(&mut self, slots: usize) {
        for &s in &self.touched {
            self.sums[s as usize] = 0.0;
            self.seen[s as usize] = false;
        }
        self.touched.clear();
        if self.sums.len() < slots {
            self.sums.resize(slots, 0.0);
            self.seen.resize(slots, false);
        }
    }

    fn add(&mut self, slot: u32, part: f32) {
        let s = slot as usize;
        if !self.seen[s] {
            self.seen[s] = true;
            self.touched.push(slot);
        }
        self.sums[s] += part;
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Lexical {
    fn nearest_by(&self, doc: &LexDoc, limit: usize, pick: QueryTerms) -> Vec<(u64, f32)> {
        if limit == 0 || doc.terms.is_empty() || self.slot_of.is_empty() {
            return Vec::new();
        }
        // 1. The query terms present in the index that find the candidates.
        let (n, by_weight) = match pick {
            QueryTerms::Rarest => (self.max_query_terms, false),
            QueryTerms::Heaviest => (REQUEST_QUERY_TERMS, true),
        };
        let mut qterms: Vec<(f32, u32, u32)> = doc
            .terms
            .iter()
            .filter(|(t, _)| !self.postings[*t as usize].is_empty())
            .map(|&(t, w)| {
                let idf = self.idf[t as usize];
                (if by_weight { w as f32 * idf } else { idf }, t, w)
            })
            .collect();
        qterms.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        qterms.truncate(n);
        let qnorm = self.query_norm(doc);
        // 2. Accumulate partial dot products over (capped, most recent) postings into a dense
        //    per-slot buffer (this thread's, reused across queries), in query-term order, so
        //    each slot's sum is the same whatever the order slots were touched in. A hash map
        //    here allocated and rehashed per query; a flat list sorted by slot cost a sort.
        let mut approx = SCRATCH.with_borrow_mut(|scratch| {
            scratch.clear(self.slots.len());
            for &(_, t, w) in &qterms {
                let idf = self.idf[t as usize];
                let p = &self.postings[t as usize];
                let start = p.len().saturating_sub(self.max_postings);
                let qw = w as f32 * idf * idf;
                let recent = &p[start..];
                for &(s, cw) in recent {
                    scratch.add(s, qw * self.cw(cw));
                }
                for &(s, cw) in &self.heavy[t as usize] {
                    if !recent.iter().any(|e| e.0 == s) {
                        scratch.add(s, qw * self.cw(cw));
                    }
                }
            }
            scratch
                .touched
                .iter()
                .map(|&s| {
                    let d = scratch.sums[s as usize];
                    (d / self.slot_norm[s as usize].max(1e-6), s)
                })
                .collect::<Vec<(f32, u32)>>()
        });
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
}
