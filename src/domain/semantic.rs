//! Semantic similarity beside the lexical clustering: sentence vectors (from any embedding
//! model; the service uses multilingual-e5-small) kept per request as a centroid, and the
//! hybrid decision that places a feedback item using both.
//!
//! The [`SemanticIndex`] sits beside [`Clusterer`]: the clusterer stays the one owner of who
//! belongs to which request (merges, moves, forbidden pairs); the index holds each doc's vector
//! and each request's vector sum, and is told to [`SemanticIndex::refresh`] a request whenever
//! the clusterer changes its members. Pure: no model, no I/O.
//!
//! Hybrid similarity of a doc to a request:
//!   `lexical_weight · lexical + (cosine − cosine_floor) / cosine_span`
//! where `cosine` is against the request's normalised mean vector. The model's cosines sit in a
//! narrow band (about 0.80 unrelated to 0.95 paraphrase), so the band is stretched to the
//! lexical scale before the two are added.

use std::collections::BTreeMap;

use super::cluster::{Assignment, Clusterer, FastMap, Outcome, Representation};

/// Knobs of the hybrid decision. One default for every language.
#[derive(Clone, Debug, PartialEq)]
pub struct SemanticConfig {
    pub lexical_weight: f32,
    pub cosine_floor: f32,
    pub cosine_span: f32,
    /// Hybrid similarity at or above which a doc joins the best request.
    pub join_threshold: f32,
    /// Hybrid similarity at or above which a new request gets a merge suggestion.
    pub suggest_threshold: f32,
    /// Candidates taken from each side (lexical and semantic) before re-scoring.
    pub candidates: usize,
}

impl Default for SemanticConfig {
    fn default() -> Self {
        SemanticConfig {
            lexical_weight: 0.75,
            cosine_floor: 0.80,
            cosine_span: 0.20,
            join_threshold: 0.38,
            suggest_threshold: 0.28,
            candidates: 8,
        }
    }
}

impl SemanticConfig {
    /// The hybrid similarity of one (lexical, cosine) pair.
    pub fn combine(&self, lexical: f32, cosine: f32) -> f32 {
        self.lexical_weight * lexical + (cosine - self.cosine_floor) / self.cosine_span
    }
}

#[derive(Clone, Debug, Default)]
struct RequestVector {
    sum: Vec<f32>,
    /// 1 / |sum| (0 when empty).
    inv_norm: f32,
}

/// Doc vectors and per-request vector sums.
#[derive(Clone, Debug, Default)]
pub struct SemanticIndex {
    dim: usize,
    docs: FastMap<u64, Box<[f32]>>,
    requests: BTreeMap<u64, RequestVector>,
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight independent sums: the compiler vectorises this without fast-math.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

impl SemanticIndex {
    pub fn new(dim: usize) -> Self {
        SemanticIndex {
            dim,
            ..Default::default()
        }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Whether the doc has a vector.
    pub fn has_doc(&self, doc: u64) -> bool {
        self.docs.contains_key(&doc)
    }

    /// Number of docs with a vector.
    pub fn num_docs(&self) -> usize {
        self.docs.len()
    }

    /// The doc's vector, if known.
    pub fn vector(&self, doc: u64) -> Option<&[f32]> {
        self.docs.get(&doc).map(|v| &v[..])
    }

    /// Adds a doc's vector to `request` (a vector of the wrong length is ignored).
    pub fn add(&mut self, doc: u64, request: u64, vector: &[f32]) {
        if vector.len() != self.dim {
            return;
        }
        if self.docs.insert(doc, vector.into()).is_some() {
            // Replaced: the caller refreshes the old request.
        }
        let r = self.requests.entry(request).or_default();
        if r.sum.is_empty() {
            r.sum = vec![0.0; self.dim];
        }
        for (s, v) in r.sum.iter_mut().zip(vector) {
            *s += v;
        }
        let n = dot(&r.sum, &r.sum).sqrt();
        r.inv_norm = if n > 0.0 { 1.0 / n } else { 0.0 };
    }

    /// Recomputes a request's sum from its current members (after a merge, unmerge or move);
    /// drops it when no member has a vector.
    pub fn refresh(&mut self, request: u64, members: &[u64]) {
        let mut sum = vec![0f32; self.dim];
        let mut any = false;
        for m in members {
            if let Some(v) = self.docs.get(m) {
                any = true;
                for (s, x) in sum.iter_mut().zip(v.iter()) {
                    *s += x;
                }
            }
        }
        if !any {
            self.requests.remove(&request);
            return;
        }
        let n = dot(&sum, &sum).sqrt();
        let inv_norm = if n > 0.0 { 1.0 / n } else { 0.0 };
        self.requests
            .insert(request, RequestVector { sum, inv_norm });
    }

    /// Cosine of a (normalised) vector to a request's mean vector; `None` when the request
    /// has no vector.
    pub fn cosine(&self, vector: &[f32], request: u64) -> Option<f32> {
        let r = self.requests.get(&request)?;
        Some(dot(vector, &r.sum) * r.inv_norm)
    }

    /// The `limit` requests nearest to `vector` by cosine (desc, ties by id).
    pub fn nearest(&self, vector: &[f32], limit: usize) -> Vec<(u64, f32)> {
        let mut best: Vec<(u64, f32)> = Vec::with_capacity(limit + 1);
        if limit == 0 || vector.len() != self.dim {
            return best;
        }
        for (&id, r) in &self.requests {
            let c = dot(vector, &r.sum) * r.inv_norm;
            if best.len() == limit && best.last().is_some_and(|&(_, w)| c <= w) {
                continue;
            }
            let at = best.partition_point(|&(_, w)| w >= c);
            best.insert(at, (id, c));
            best.truncate(limit);
        }
        best
    }

    /// Approximate heap bytes.
    pub fn heap_bytes(&self) -> usize {
        self.docs.len() * (self.dim * 4 + 40) + self.requests.len() * (self.dim * 4 + 64)
    }
}

/// Places a new doc with both similarities: candidates are the best requests of each side,
/// re-scored with [`SemanticConfig::combine`]; the best joins at the join threshold, otherwise
/// a new request `new_request_id` starts (with a suggestion in the middle band). The decision
/// is recorded in both the clusterer and the index.
pub fn assign(
    engine: &mut Clusterer,
    index: &mut SemanticIndex,
    config: &SemanticConfig,
    doc_id: u64,
    text: &str,
    vector: &[f32],
    new_request_id: u64,
) -> Assignment {
    let ranked = rank(engine, index, config, text, vector);
    let mut request_id = new_request_id;
    let mut outcome = Outcome::New;
    if let Some(&(best, similarity)) = ranked.first() {
        if similarity >= config.join_threshold {
            request_id = best;
            outcome = Outcome::Joined { similarity };
        } else if similarity >= config.suggest_threshold {
            outcome = Outcome::NewWithSuggestion {
                target: best,
                similarity,
            };
        }
    }
    engine.add_existing(doc_id, request_id, text);
    index.add(doc_id, request_id, vector);
    Assignment {
        request_id,
        outcome,
    }
}

/// Requests ranked by hybrid similarity to a text and its vector (desc, ties by id).
pub fn rank(
    engine: &Clusterer,
    index: &SemanticIndex,
    config: &SemanticConfig,
    text: &str,
    vector: &[f32],
) -> Vec<(u64, f32)> {
    let lexical = engine.find_similar(text, config.candidates);
    let semantic = index.nearest(vector, config.candidates);
    let mut ids: Vec<u64> = lexical.iter().chain(&semantic).map(|&(r, _)| r).collect();
    ids.sort_unstable();
    ids.dedup();
    let rep = engine.representation();
    let query = rep.encode_query(text);
    let mut out: Vec<(u64, f32)> = ids
        .into_iter()
        .filter(|&r| engine.merged_into(r).is_none())
        .map(|r| {
            let lex = lexical
                .iter()
                .find(|&&(id, _)| id == r)
                .map(|&(_, s)| s)
                .unwrap_or_else(|| rep.similarity(&query, r));
            let cos = index.cosine(vector, r).unwrap_or(config.cosine_floor);
            (r, config.combine(lex, cos))
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cluster::ClusterConfig;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn nearest_ranks_by_cosine_then_id() {
        let mut index = SemanticIndex::new(2);
        index.add(1, 10, &unit(&[1.0, 0.0]));
        index.add(2, 20, &unit(&[0.0, 1.0]));
        index.add(3, 30, &unit(&[1.0, 0.0]));
        let near = index.nearest(&unit(&[1.0, 0.1]), 2);
        assert_eq!(near.iter().map(|x| x.0).collect::<Vec<_>>(), vec![10, 30]);
    }

    #[test]
    fn refresh_follows_membership() {
        let mut index = SemanticIndex::new(2);
        index.add(1, 10, &unit(&[1.0, 0.0]));
        index.add(2, 20, &unit(&[0.0, 1.0]));
        index.refresh(10, &[1, 2]);
        index.refresh(20, &[]);
        assert!(index.cosine(&[1.0, 0.0], 20).is_none());
        let c = index.cosine(&[1.0, 0.0], 10).unwrap_or_default();
        assert!((c - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }

    #[test]
    fn a_paraphrase_without_shared_words_joins_by_meaning() {
        let mut engine = Clusterer::new(ClusterConfig::default());
        let mut index = SemanticIndex::new(3);
        let config = SemanticConfig::default();
        let a = assign(
            &mut engine,
            &mut index,
            &config,
            1,
            "dark mode please",
            &unit(&[1.0, 0.1, 0.0]),
            100,
        );
        assert_eq!(a.outcome, Outcome::New);
        let b = assign(
            &mut engine,
            &mut index,
            &config,
            2,
            "请增加夜间模式",
            &unit(&[1.0, 0.12, 0.0]),
            101,
        );
        assert_eq!(b.request_id, 100, "{b:?}");
        let c = assign(
            &mut engine,
            &mut index,
            &config,
            3,
            "export to pdf",
            &unit(&[0.0, 0.2, 1.0]),
            102,
        );
        assert_eq!((c.request_id, c.outcome), (102, Outcome::New));
    }
}
