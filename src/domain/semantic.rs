//! Semantic similarity beside the lexical clustering: sentence vectors (from any embedding
//! model; the service uses multilingual-e5-small) kept per request as a centroid, and the
//! hybrid decision that places a feedback item using both.
//!
//! The [`SemanticIndex`] sits beside [`Clusterer`]: the clusterer stays the one owner of who
//! belongs to which request (merges, moves, forbidden pairs); the index holds each doc's vector
//! and each request's vector sum with the member count it was computed for. Whenever a request
//! is about to be scored and the clusterer's count differs (a PM merged, moved or unmerged), its
//! sum is recomputed from the members, so no other code has to keep the index in step.
//! Pure: no model, no I/O.
//!
//! Hybrid similarity of a doc to a request:
//!   `lexical_weight · lexical + (cosine − cosine_floor) / cosine_span`
//! where `cosine` is against the request's mean vector. The model's raw cosines sit in a narrow
//! band (about 0.80 unrelated to 0.95 paraphrase) because all its vectors share a large common
//! part; the service's index subtracts the corpus mean first ([`SemanticIndex::centered`]),
//! which spreads them over roughly 0-1, so the default floor and span are 0 and 1.

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
            // Calibrated once for both labelled files with centred vectors (README).
            lexical_weight: 1.0,
            cosine_floor: 0.0,
            cosine_span: 1.0,
            join_threshold: 0.4,
            suggest_threshold: 0.3,
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
    /// Sum of the members' centred vectors.
    sum: Vec<f32>,
    /// 1 / |sum| (0 when empty).
    inv_norm: f32,
    /// The clusterer's member count when the sum was last brought up to date.
    members: usize,
}

/// What the model reads of a feedback item: its need, without the ticket's furniture (greeting,
/// sign-off and signature, disclaimer, help-desk footer, quoted reply) or contact details
/// ([`super::boilerplate::need_excerpt`]), so that a sentence vector follows the need and not
/// the template around it; the whole text when nothing else is left. The benchmarks embed
/// this; placement and FindSimilar embed [`model_text_without`], which also leaves out what the
/// corpus has learned is furniture.
pub fn model_text(text: &str) -> String {
    model_text_without(text, &|_| false)
}

/// [`model_text`], also without the sentences the corpus taught are `furniture` (they recur
/// across items: a help desk's own footer, a pleasantry no rule knows), unless nothing else
/// is left: the lexical analysis stops counting them, and so should the model.
pub fn model_text_without(text: &str, furniture: &dyn Fn(&str) -> bool) -> String {
    let lines = super::boilerplate::need_excerpt_lines(text);
    let need = super::boilerplate::without_furniture(&lines, furniture);
    if need.trim().is_empty() {
        text.to_owned()
    } else {
        need
    }
}

/// Docs' worth of prior mean each script's mean starts from.
const MEAN_PRIOR: usize = 50;

/// Scripts whose vectors are centred on a mean of their own: the model's vectors carry a
/// large language part, so the same need in Chinese and English only lines up once each is
/// centred on its own language's mean.
pub const SCRIPTS: usize = 2;

/// 1 for text mostly in CJK scripts (Han, kana, Hangul), else 0.
pub fn script_of(text: &str) -> usize {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        let u = c as u32;
        let is_cjk = (0x2E80..=0x9FFF).contains(&u)
            || (0xAC00..=0xD7AF).contains(&u)
            || (0xF900..=0xFAFF).contains(&u)
            || (0x20000..=0x2FA1F).contains(&u);
        if is_cjk {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    // A CJK character carries about as much as a short word.
    usize::from(cjk * 3 > other)
}

#[derive(Clone, Debug, Default)]
struct ScriptMean {
    /// Sum of the script's doc vectors plus the prior times its weight.
    total: Vec<f32>,
    count: usize,
}

/// Doc vectors (centred when added) and per-request sums of them.
#[derive(Clone, Debug, Default)]
pub struct SemanticIndex {
    dim: usize,
    /// Centre vectors on their script's running mean before comparing: the model's vectors
    /// share a large common part, which is what crowds its raw cosines into a narrow band.
    center: bool,
    means: Vec<ScriptMean>,
    /// Each doc's unit vector, centred on its script's mean as it was when the doc was added
    /// (frozen, so a replay in log order rebuilds exactly the same index).
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
    /// An index of raw (uncentred) vectors.
    pub fn new(dim: usize) -> Self {
        SemanticIndex {
            dim,
            means: vec![
                ScriptMean {
                    total: vec![0.0; dim],
                    count: 0
                };
                SCRIPTS
            ],
            ..Default::default()
        }
    }

    /// An index that compares vectors centred on their script's mean.
    pub fn centered(dim: usize) -> Self {
        SemanticIndex {
            center: true,
            ..Self::new(dim)
        }
    }

    /// Starts each script's mean from a prior (the mean vector of a fixed set of varied
    /// sentences in that script), weighted as [`MEAN_PRIOR`] docs: with few docs the data's
    /// own mean is meaningless (with one doc it is that doc, which could never be matched).
    pub fn with_prior_means(mut self, priors: &[Vec<f32>]) -> Self {
        for (m, p) in self.means.iter_mut().zip(priors) {
            if p.len() == self.dim {
                m.total = p.iter().map(|x| x * MEAN_PRIOR as f32).collect();
                m.count = MEAN_PRIOR;
            }
        }
        self
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

    /// `vector` (of text in `script`) centred on the script's current mean, unit length.
    pub fn centre(&self, vector: &[f32], script: usize) -> Vec<f32> {
        let mut out = vector.to_vec();
        if let Some(m) = self
            .means
            .get(script)
            .filter(|m| self.center && m.count > 0)
        {
            let inv = 1.0 / m.count as f32;
            for (o, t) in out.iter_mut().zip(&m.total) {
                *o -= t * inv;
            }
        }
        let n = dot(&out, &out).sqrt();
        if n > 0.0 {
            out.iter_mut().for_each(|x| *x /= n);
        }
        out
    }

    /// Adds a doc's raw vector (of text in `script`) to `request`, which now has `members`
    /// members in the clusterer (a vector of the wrong length is ignored).
    pub fn add(&mut self, doc: u64, request: u64, vector: &[f32], script: usize, members: usize) {
        if vector.len() != self.dim {
            return;
        }
        let centred = self.centre(vector, script);
        if let Some(m) = self.means.get_mut(script) {
            for (t, v) in m.total.iter_mut().zip(vector) {
                *t += v;
            }
            m.count += 1;
        }
        let r = self.requests.entry(request).or_default();
        if r.sum.is_empty() {
            r.sum = vec![0.0; self.dim];
        }
        for (s, v) in r.sum.iter_mut().zip(&centred) {
            *s += v;
        }
        r.members = members;
        let n = dot(&r.sum, &r.sum).sqrt();
        r.inv_norm = if n > 0.0 { 1.0 / n } else { 0.0 };
        self.docs.insert(doc, centred.into());
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
        self.requests.insert(
            request,
            RequestVector {
                sum,
                inv_norm,
                members: members.len(),
            },
        );
    }

    /// Forgets a doc's vector (its text was erased); `request` is recomputed from `members`,
    /// its members with a vector left.
    pub fn erase(&mut self, doc: u64, request: u64, members: &[u64]) {
        if self.docs.remove(&doc).is_some() {
            self.refresh(request, members);
        }
    }

    /// Brings `request` up to date with the clusterer if its membership changed since.
    pub fn sync(&mut self, engine: &Clusterer, request: u64) -> bool {
        let members = engine.members(request);
        let stale = match self.requests.get(&request) {
            Some(r) => r.members != members.len() || engine.merged_into(request).is_some(),
            None => false,
        };
        if stale {
            self.refresh(request, members);
        }
        stale
    }

    /// Cosine of a centred query (see [`SemanticIndex::centre`]) to a request's mean vector;
    /// `None` when the request has no vector.
    pub fn cosine(&self, query: &[f32], request: u64) -> Option<f32> {
        let r = self.requests.get(&request)?;
        Some(dot(query, &r.sum) * r.inv_norm)
    }

    /// A doc's centred unit vector, as it was stored.
    pub fn doc_vector(&self, doc: u64) -> Option<&[f32]> {
        self.docs.get(&doc).map(|v| &v[..])
    }

    /// A request's mean direction (unit length), to compare it as a whole with others.
    pub fn request_mean(&self, request: u64) -> Option<Vec<f32>> {
        let r = self.requests.get(&request)?;
        (r.inv_norm > 0.0).then(|| r.sum.iter().map(|x| x * r.inv_norm).collect())
    }

    /// Cosine of a doc's vector to its request's mean without the doc itself (how well the
    /// rest of the request fits it); `None` when the doc or the rest has no vector.
    pub fn cosine_without(&self, doc: u64, request: u64) -> Option<f32> {
        let v = self.docs.get(&doc)?;
        let r = self.requests.get(&request)?;
        let rest: Vec<f32> = r.sum.iter().zip(v.iter()).map(|(s, x)| s - x).collect();
        let n = dot(&rest, &rest).sqrt();
        (n > 1e-6).then(|| dot(&rest, v) / n)
    }

    /// The `limit` requests nearest to a centred query by cosine (desc, ties by id).
    pub fn nearest(&self, query: &[f32], limit: usize) -> Vec<(u64, f32)> {
        let mut best: Vec<(u64, f32)> = Vec::with_capacity(limit + 1);
        if limit == 0 || query.len() != self.dim {
            return best;
        }
        for (&id, r) in &self.requests {
            let c = dot(query, &r.sum) * r.inv_norm;
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
    // Bring the candidates up to date first (a PM's merge or move since they were scored).
    let script = script_of(text);
    let query = index.centre(vector, script);
    for _ in 0..2 {
        let mut stale = false;
        for (r, _) in index.nearest(&query, config.candidates) {
            stale |= index.sync(engine, r);
        }
        if !stale {
            break;
        }
    }
    for (r, _) in engine.find_similar(text, config.candidates) {
        index.sync(engine, r);
    }
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
    let members = engine.members(request_id).len();
    index.add(doc_id, request_id, vector, script, members);
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
    let vector = index.centre(vector, script_of(text));
    let semantic = index.nearest(&vector, config.candidates);
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
            let cos = index.cosine(&vector, r).unwrap_or(config.cosine_floor);
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
        index.add(1, 10, &unit(&[1.0, 0.0]), 0, 1);
        index.add(2, 20, &unit(&[0.0, 1.0]), 0, 1);
        index.add(3, 30, &unit(&[1.0, 0.0]), 0, 1);
        let near = index.nearest(&unit(&[1.0, 0.1]), 2);
        assert_eq!(near.iter().map(|x| x.0).collect::<Vec<_>>(), vec![10, 30]);
    }

    #[test]
    fn the_model_reads_the_need_not_the_ticket_around_it() {
        let ticket = "Hi team,\nCould the dashboard get a dark mode?\nBest regards,\nJo Bloggs\n\
                      Head of IT | Initech | +1 555 010 2233\nCONFIDENTIAL: this e-mail is meant \
                      for its addressee only.";
        assert_eq!(model_text(ticket), "Could the dashboard get a dark mode?");
        assert_eq!(
            model_text("您好，\n希望能支持导出PDF。\n谢谢！\n王伟"),
            "希望能支持导出PDF。"
        );
        assert_eq!(model_text("https://x.example/a"), "https://x.example/a");
    }

    #[test]
    fn the_model_skips_what_the_corpus_learned_is_furniture() {
        let learned =
            |s: &str| s == "麻烦看一下下面的问题。" || s == "Thanks for the quick turnaround!";
        assert_eq!(
            model_text_without("麻烦看一下下面的问题。希望能支持导出PDF。", &learned),
            "希望能支持导出PDF。"
        );
        assert_eq!(
            model_text_without(
                "Thanks for the quick turnaround! Could the dashboard get a dark mode?",
                &learned
            ),
            "Could the dashboard get a dark mode?"
        );
        // Nothing but furniture: the model still gets the need lines whole.
        assert_eq!(
            model_text_without("麻烦看一下下面的问题。", &learned),
            "麻烦看一下下面的问题。"
        );
        // Nothing learned: what model_text reads.
        let ticket = "您好，\n希望能支持导出PDF。\n谢谢！\n王伟";
        assert_eq!(model_text_without(ticket, &|_| false), model_text(ticket));
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(script_of("Please add a dark mode"), 0);
        assert_eq!(script_of("请增加夜间模式"), 1);
        assert_eq!(script_of("导出PDF"), 1);
        assert_eq!(script_of("ダークモード"), 1);
    }

    #[test]
    fn refresh_follows_membership() {
        let mut index = SemanticIndex::new(2);
        index.add(1, 10, &unit(&[1.0, 0.0]), 0, 1);
        index.add(2, 20, &unit(&[0.0, 1.0]), 0, 1);
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
