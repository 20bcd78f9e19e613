//! Consolidation: revisiting requests as evidence accumulates.
//!
//! Placement at ingest is online: an item goes where the requests *then* were, so the first
//! item of a need decides where later ones go and a need that started in two places stays
//! split. Consolidation looks again with everything known now:
//!
//! * **Requests that are one need.** Each request is compared as a whole (its centroid) with
//!   the requests nearest to it across the corpus. At or above [`ConsolidationConfig::merge_auto`]
//!   the smaller is merged into the larger; from [`ConsolidationConfig::merge_suggest`] a PM
//!   gets a merge suggestion.
//! * **Items far from their request.** An item whose own request (without itself) fits it
//!   clearly worse than another request moves there when the other request fits it well
//!   ([`ConsolidationConfig::move_fit`]) and the gap is at least
//!   [`ConsolidationConfig::move_margin`]; a smaller gap or a weaker fit is a move suggestion.
//!
//! PM decisions are final: requests and items the caller marks as fixed (merged, unmerged,
//! moved, renamed, planned, shipped by a PM) are never changed automatically, and pairs a PM
//! rejected are never proposed again. Everything here is deterministic (requests and items in
//! id order, ties by id), so the same state gives the same fixes on every instance; the
//! service records the fixes in the clustering log, which is how other instances follow.

use super::cluster::{Clusterer, Lexical, Representation};
use super::semantic::{SemanticConfig, SemanticIndex};

/// When consolidation acts on its own and when it asks a PM, on one similarity scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Similarity of two requests as wholes at which they merge automatically.
    pub merge_auto: f32,
    /// Two requests below `merge_auto` still merge automatically when their members say they
    /// are one need: the smaller request's members fit the larger at least this share as well
    /// as they fit their own request ([`fit_ratio`]), and the larger's members fit the smaller
    /// at least [`Self::merge_fit_back`] as well as their own. 0 turns this off.
    pub merge_fit: f32,
    /// See [`Self::merge_fit`]. Lower than it: a small request's centroid is a rough estimate
    /// of its need, so a big request's members fit it less well even when the need is theirs.
    pub merge_fit_back: f32,
    /// Similarity of two requests at which a PM gets a merge suggestion.
    pub merge_suggest: f32,
    /// An item moves only to a request it fits at least this well...
    pub move_fit: f32,
    /// ...and at least this much better than its own request (without itself).
    pub move_margin: f32,
}

/// Confidence rules of consolidation. One default for every language.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsolidationConfig {
    /// On the terms' similarity (cosine of TF-IDF vectors, 0-1): the embedding model is off.
    pub terms: Thresholds,
    /// On the hybrid similarity placement uses with the embedding model on
    /// ([`SemanticConfig::combine`]: the terms' similarity plus the cosine of centred
    /// sentence vectors, so 0-2).
    pub with_model: Thresholds,
    /// Requests compared with each request.
    pub candidates: usize,
    /// Rounds (a merge pass, then a move pass) at most; a run stops early when a round
    /// changes nothing.
    pub rounds: usize,
}

impl Default for ConsolidationConfig {
    fn default() -> Self {
        ConsolidationConfig {
            terms: Thresholds {
                merge_auto: 0.50,
                merge_fit: 0.60,
                merge_fit_back: 0.35,
                merge_suggest: 0.30,
                move_fit: 0.10,
                move_margin: 0.01,
            },
            with_model: Thresholds {
                merge_auto: 1.00,
                // Measured on the terms' scale only (docs/clustering.md): off with the model.
                merge_fit: 0.0,
                merge_fit_back: 0.0,
                merge_suggest: 0.70,
                move_fit: 0.40,
                move_margin: 0.05,
            },
            candidates: 6,
            rounds: 4,
        }
    }
}

/// How consolidation measures similarity: [`Terms`] alone (the embedding model off), or
/// [`WithModel`], the terms and the model's sentence vectors exactly as placement combines them.
pub trait Judge<R: Representation> {
    /// The thresholds on this judge's scale.
    fn thresholds<'c>(&self, config: &'c ConsolidationConfig) -> &'c Thresholds;
    /// Requests nearest to request `r` as a whole (best first, ties by id), `r` excluded; at
    /// most `limit` (fewer is fine).
    fn near_request(&mut self, engine: &Clusterer<R>, r: u64, limit: usize) -> Vec<(u64, f32)>;
    /// How well `doc`'s own request `from` fits it without it, and the other requests nearest
    /// to it (best first, ties by id); `None` when the doc cannot be judged.
    fn near_doc(
        &mut self,
        engine: &Clusterer<R>,
        doc: u64,
        from: u64,
        limit: usize,
    ) -> Option<(f32, Vec<(u64, f32)>)>;
    /// The membership of `requests` just changed (a merge or a move was applied).
    fn changed(&mut self, _engine: &Clusterer<R>, _requests: &[u64]) {}
}

/// Judges by the terms alone.
pub struct Terms;

impl<R: Representation> Judge<R> for Terms {
    fn thresholds<'c>(&self, config: &'c ConsolidationConfig) -> &'c Thresholds {
        &config.terms
    }

    fn near_request(&mut self, engine: &Clusterer<R>, r: u64, limit: usize) -> Vec<(u64, f32)> {
        engine
            .representation()
            .nearest_requests(r, limit + 1)
            .into_iter()
            .filter(|&(t, _)| t != r)
            .collect()
    }

    fn near_doc(
        &mut self,
        engine: &Clusterer<R>,
        doc: u64,
        from: u64,
        limit: usize,
    ) -> Option<(f32, Vec<(u64, f32)>)> {
        let d = engine.doc(doc)?;
        let rep = engine.representation();
        let own = rep.similarity_without(d, from);
        let near = rep
            .nearest(d, limit + 1)
            .into_iter()
            .filter(|&(t, _)| t != from)
            .collect();
        Some((own, near))
    }
}

/// Judges by the terms and the embedding model's vectors, combined as placement combines them
/// ([`SemanticConfig::combine`]). Candidates come from both sides. A request or an item
/// without a vector counts its cosine at the configured floor, as placement does; an item
/// without a vector is not moved.
pub struct WithModel<'a> {
    pub index: &'a mut SemanticIndex,
    pub config: &'a SemanticConfig,
}

impl WithModel<'_> {
    fn ranked(
        &mut self,
        engine: &Clusterer,
        query: Option<&<Lexical as Representation>::Doc>,
        lexical: Vec<(u64, f32)>,
        vector: Option<&[f32]>,
        exclude: u64,
        limit: usize,
    ) -> Vec<(u64, f32)> {
        let rep = engine.representation();
        let semantic = vector.map_or_else(Vec::new, |v| self.index.nearest(v, limit + 1));
        let mut ids: Vec<u64> = lexical.iter().chain(&semantic).map(|&(r, _)| r).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out: Vec<(u64, f32)> = Vec::with_capacity(ids.len());
        for r in ids {
            if r == exclude || engine.merged_into(r).is_some() || engine.members(r).is_empty() {
                continue;
            }
            self.index.sync(engine, r);
            let lex = lexical
                .iter()
                .find(|&&(id, _)| id == r)
                .map(|&(_, s)| s)
                .or_else(|| query.map(|q| rep.similarity(q, r)))
                .unwrap_or(0.0);
            let cos = vector
                .and_then(|v| self.index.cosine(v, r))
                .unwrap_or(self.config.cosine_floor);
            out.push((r, self.config.combine(lex, cos)));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out
    }
}

impl Judge<Lexical> for WithModel<'_> {
    fn thresholds<'c>(&self, config: &'c ConsolidationConfig) -> &'c Thresholds {
        &config.with_model
    }

    fn near_request(&mut self, engine: &Clusterer, r: u64, limit: usize) -> Vec<(u64, f32)> {
        self.index.sync(engine, r);
        let rep = engine.representation();
        let query = rep.request_doc(r);
        let lexical = rep.nearest_requests(r, limit + 1);
        let vector = self.index.request_mean(r);
        self.ranked(engine, query.as_ref(), lexical, vector.as_deref(), r, limit)
    }

    fn near_doc(
        &mut self,
        engine: &Clusterer,
        doc: u64,
        from: u64,
        limit: usize,
    ) -> Option<(f32, Vec<(u64, f32)>)> {
        let d = engine.doc(doc)?;
        self.index.sync(engine, from);
        let vector: Vec<f32> = self.index.doc_vector(doc)?.to_vec();
        let lex = engine.representation().similarity_without(d, from);
        let cos = self
            .index
            .cosine_without(doc, from)
            .unwrap_or(self.config.cosine_floor);
        let own = self.config.combine(lex, cos);
        let lexical = engine.representation().nearest(d, limit + 1);
        let near = self.ranked(engine, Some(d), lexical, Some(&vector), from, limit);
        Some((own, near))
    }

    fn changed(&mut self, engine: &Clusterer, requests: &[u64]) {
        for &r in requests {
            self.index.sync(engine, r);
        }
    }
}

/// One correction found by consolidation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fix {
    /// `source` was merged into `target` (applied).
    Merge {
        source: u64,
        target: u64,
        similarity: f32,
    },
    /// A PM should decide whether `source` and `target` are one request.
    SuggestMerge {
        source: u64,
        target: u64,
        similarity: f32,
    },
    /// `doc` was moved from `from` to `to` (applied); `own` is how well `from` fitted it.
    Move {
        doc: u64,
        from: u64,
        to: u64,
        similarity: f32,
        own: f32,
    },
    /// A PM should decide whether `doc` belongs in `to` rather than `from`.
    SuggestMove {
        doc: u64,
        from: u64,
        to: u64,
        similarity: f32,
        own: f32,
    },
}

/// What consolidation must leave alone.
pub trait Fixed {
    /// A request a PM decided on (merged, unmerged, renamed, planned, shipped...).
    fn request(&self, id: u64) -> bool;
    /// An item a PM moved.
    fn doc(&self, id: u64) -> bool;
}

/// Nothing fixed (tests, evaluation of the engine alone).
pub struct NothingFixed;

impl Fixed for NothingFixed {
    fn request(&self, _: u64) -> bool {
        false
    }
    fn doc(&self, _: u64) -> bool {
        false
    }
}

/// The merge pass over `requests` (ascending ids; ones that no longer exist are skipped).
/// Automatic merges are applied to `engine` as they are found, so later decisions see them.
pub fn merge_pass<R: Representation>(
    engine: &mut Clusterer<R>,
    judge: &mut impl Judge<R>,
    requests: &[u64],
    fixed: &impl Fixed,
    config: &ConsolidationConfig,
) -> Vec<Fix> {
    let bar = judge.thresholds(config).clone();
    let mut fixes = Vec::new();
    for &r in requests {
        if fixed.request(r) || engine.members(r).is_empty() {
            continue;
        }
        let best = judge
            .near_request(engine, r, config.candidates)
            .into_iter()
            .find(|&(t, _)| !engine.is_forbidden(r, t));
        let Some((t, similarity)) = best else {
            continue;
        };
        // A request a PM decided on is never merged: its members are not even asked.
        let merge = !fixed.request(t)
            && (similarity >= bar.merge_auto || members_say_one_need(engine, r, t, &bar));
        if merge {
            // The smaller joins the larger (ties: the newer into the older), so the request
            // that holds most of the evidence keeps its id, title and history.
            let (nr, nt) = (engine.members(r).len(), engine.members(t).len());
            let (source, target) = if nr < nt || (nr == nt && r > t) {
                (r, t)
            } else {
                (t, r)
            };
            engine.merge(source, target);
            judge.changed(engine, &[source, target]);
            fixes.push(Fix::Merge {
                source,
                target,
                similarity,
            });
        } else if similarity >= bar.merge_suggest {
            fixes.push(Fix::SuggestMerge {
                source: r.max(t),
                target: r.min(t),
                similarity,
            });
        }
    }
    fixes
}

/// [`fit_ratio`] reads every member of a request of up to twice this many, and every k-th
/// (k = size / this) of a bigger one: 64 to 127 members.
const FIT_SAMPLE: usize = 64;

/// How well the members of request `a` fit request `b`, relative to how well they fit `a`
/// itself: the sum of their similarities to `b` over the sum of their similarities to `a`
/// without themselves (a lone member: to `a` as it is). 1 means `b` suits them as well as
/// their own request does. Scale-free: it reads the corpus's own level of similarity, which a
/// fixed bar on the centroids' similarity cannot (a small corpus, or short texts, give
/// requests of one need centroids that look less alike). Deterministic: members in id order.
pub fn fit_ratio<R: Representation>(engine: &Clusterer<R>, a: u64, b: u64) -> f32 {
    let members = engine.members(a);
    let rep = engine.representation();
    let step = (members.len() / FIT_SAMPLE).max(1);
    let (mut other, mut own) = (0.0f32, 0.0f32);
    for doc in members.iter().step_by(step).filter_map(|&d| engine.doc(d)) {
        other += rep.similarity(doc, b);
        own += if members.len() > 1 {
            rep.similarity_without(doc, a)
        } else {
            rep.similarity(doc, a)
        };
    }
    if own > 0.0 { other / own } else { 0.0 }
}

/// Requests `r` and `t` are one need by their members ([`Thresholds::merge_fit`]).
fn members_say_one_need<R: Representation>(
    engine: &Clusterer<R>,
    r: u64,
    t: u64,
    bar: &Thresholds,
) -> bool {
    if bar.merge_fit <= 0.0 {
        return false;
    }
    let (small, large) = if engine.members(r).len() <= engine.members(t).len() {
        (r, t)
    } else {
        (t, r)
    };
    fit_ratio(engine, small, large) >= bar.merge_fit
        && fit_ratio(engine, large, small) >= bar.merge_fit_back
}

/// The move pass over `docs` (ascending ids). Automatic moves are applied as they are found.
pub fn move_pass<R: Representation>(
    engine: &mut Clusterer<R>,
    judge: &mut impl Judge<R>,
    docs: &[u64],
    fixed: &impl Fixed,
    config: &ConsolidationConfig,
) -> Vec<Fix> {
    let bar = judge.thresholds(config).clone();
    let mut fixes = Vec::new();
    for &d in docs {
        let Some(from) = engine.request_of(d) else {
            continue;
        };
        // A lone item is its request: the merge pass judges it as a whole.
        if fixed.doc(d) || fixed.request(from) || engine.members(from).len() < 2 {
            continue;
        }
        let Some((own, near)) = judge.near_doc(engine, d, from, config.candidates) else {
            continue;
        };
        let Some((to, similarity)) = near.first().copied() else {
            continue;
        };
        if similarity < own + bar.move_margin / 2.0 || fixed.request(to) {
            continue;
        }
        if similarity >= bar.move_fit && similarity >= own + bar.move_margin {
            engine.move_doc(d, to);
            judge.changed(engine, &[from, to]);
            fixes.push(Fix::Move {
                doc: d,
                from,
                to,
                similarity,
                own,
            });
        } else {
            fixes.push(Fix::SuggestMove {
                doc: d,
                from,
                to,
                similarity,
                own,
            });
        }
    }
    fixes
}

/// When a burst of new feedback has settled enough to consolidate: at least
/// [`Burst::MIN_NEW`] items and [`Burst::MIN_SHARE`] of the corpus arrived since the last run,
/// and nothing new for [`Burst::QUIET`]. A steady trickle waits for the schedule instead, so a
/// large corpus is not re-read every few seconds.
#[derive(Clone, Debug)]
pub struct Burst<T = std::time::Instant> {
    at_last_run: u64,
    seen: u64,
    changed_at: Option<T>,
}

impl<T: Copy + PartialOrd + std::ops::Sub<Output = std::time::Duration>> Burst<T> {
    pub const MIN_NEW: u64 = 20;
    pub const MIN_SHARE: f64 = 0.01;
    pub const QUIET: std::time::Duration = std::time::Duration::from_secs(2);

    /// Starts counting from a corpus of `docs` items, consolidated as it is.
    pub fn new(docs: u64) -> Self {
        Burst {
            at_last_run: docs,
            seen: docs,
            changed_at: None,
        }
    }

    /// Records the corpus size at `now`; true when a run is due.
    pub fn observe(&mut self, docs: u64, now: T) -> bool {
        if docs != self.seen {
            self.seen = docs;
            self.changed_at = Some(now);
            return false;
        }
        let new = docs.saturating_sub(self.at_last_run);
        let enough =
            new >= Self::MIN_NEW && new as f64 >= Self::MIN_SHARE * self.at_last_run as f64;
        enough && self.changed_at.is_some_and(|t| now - t >= Self::QUIET)
    }

    /// A run finished with the corpus at `docs` items.
    pub fn ran(&mut self, docs: u64) {
        self.at_last_run = docs;
        self.seen = docs;
        self.changed_at = None;
    }
}

/// Sizes consolidation's steps by the time they take, so a step holds the ingest lock about
/// `target` whatever the corpus and the machine: new feedback waits about that long at most
/// for a step, and between steps it goes first. Each step's size follows the rate the last
/// one showed (items, or requests, per second), halfway, within `min..=max`.
#[derive(Clone, Debug)]
pub struct StepPacer {
    size: usize,
    min: usize,
    max: usize,
    target: std::time::Duration,
}

impl StepPacer {
    /// Starts at `min`, the smallest step; never more than `max`.
    pub fn new(min: usize, max: usize, target: std::time::Duration) -> Self {
        let min = min.max(1);
        StepPacer {
            size: min,
            min,
            max: max.max(min),
            target,
        }
    }

    /// The size of the next step.
    pub fn size(&self) -> usize {
        self.size
    }

    /// A step of `n` took `held`: the next step's size.
    pub fn took(&mut self, n: usize, held: std::time::Duration) {
        if n == 0 {
            return;
        }
        let per_item = held.as_secs_f64().max(1e-6) / n as f64;
        let fits = (self.target.as_secs_f64() / per_item).round() as usize;
        self.size = (self.size / 2 + fits / 2).clamp(self.min, self.max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn steps_grow_toward_the_target_time_and_stay_within_bounds() {
        let mut p = StepPacer::new(50, 2_000, Duration::from_millis(20));
        assert_eq!(p.size(), 50);
        // 50 items in 1 ms: 1,000 fit in 20 ms; the size moves halfway, then on.
        p.took(50, Duration::from_millis(1));
        assert_eq!(p.size(), 525);
        for _ in 0..20 {
            let n = p.size();
            p.took(n, Duration::from_micros(20 * n as u64));
        }
        assert!((990..=1_000).contains(&p.size()), "{}", p.size());
        // Much faster items: capped at the most a step may take.
        for _ in 0..20 {
            let n = p.size();
            p.took(n, Duration::from_micros(n as u64));
        }
        assert_eq!(p.size(), 2_000);
    }

    #[test]
    fn a_slow_step_shrinks_the_next_but_not_below_the_least() {
        let mut p = StepPacer::new(50, 2_000, Duration::from_millis(20));
        for _ in 0..10 {
            let n = p.size();
            p.took(n, Duration::from_micros(n as u64));
        }
        assert_eq!(p.size(), 2_000);
        // 2,000 items took 2 s (1 ms each): 20 fit in the target; the size halves at once.
        p.took(2_000, Duration::from_secs(2));
        assert_eq!(p.size(), 1_010);
        for _ in 0..20 {
            let n = p.size();
            p.took(n, Duration::from_millis(10 * n as u64));
        }
        assert_eq!(p.size(), 50);
        // An empty step says nothing.
        p.took(0, Duration::from_secs(9));
        assert_eq!(p.size(), 50);
    }
    use crate::domain::cluster::{ClusterConfig, Clusterer};
    use crate::domain::semantic::{SemanticConfig, SemanticIndex};

    fn ids(c: &Clusterer) -> Vec<u64> {
        c.request_ids()
    }

    #[test]
    fn a_need_split_in_two_places_is_merged() {
        let mut c = Clusterer::new(ClusterConfig {
            join_threshold: 0.9,
            ..ClusterConfig::default()
        });
        c.assign(1, "export the report to pdf", 10);
        c.assign(2, "pdf export of the report", 11);
        c.assign(3, "dark mode for the dashboard", 12);
        let all = ids(&c);
        let fixes = merge_pass(
            &mut c,
            &mut Terms,
            &all,
            &NothingFixed,
            &ConsolidationConfig::default(),
        );
        assert!(
            matches!(
                fixes[0],
                Fix::Merge {
                    source: 11,
                    target: 10,
                    ..
                }
            ),
            "{fixes:?}"
        );
        assert_eq!(c.request_of(2), Some(10));
        assert_eq!(c.request_of(3), Some(12));
    }

    /// Two requests of one need whose members each carry a word of their own (a product code,
    /// a customer's term): those are the requests' rarest words, shared with no other request,
    /// so a search by them finds nothing. Requests are found by their heaviest words.
    #[test]
    fn requests_of_one_need_find_each_other_past_their_members_stray_words() {
        let mut c = Clusterer::new(ClusterConfig::default());
        let stray = [
            "zorblat", "quenfix", "mirtavo", "plosker", "dranvel", "kestrum", "yolvend", "trazzik",
        ];
        for (i, w) in stray.iter().enumerate() {
            let (doc, request) = (i as u64 + 1, 10 + (i as u64 % 2));
            c.add_existing(
                doc,
                request,
                &format!("export the weekly report to pdf {w}"),
            );
        }
        for i in 0..20u64 {
            c.add_existing(
                100 + i,
                20 + i,
                &format!("topic{i} other need entirely w{i}"),
            );
        }
        let near = Terms.near_request(&c, 10, 3);
        assert_eq!(near.first().map(|&(r, _)| r), Some(11), "{near:?}");
        assert!(near[0].1 >= 0.5, "{near:?}");
        let all = ids(&c);
        let fixes = merge_pass(
            &mut c,
            &mut Terms,
            &all,
            &NothingFixed,
            &ConsolidationConfig::default(),
        );
        assert!(
            fixes.iter().any(|f| matches!(
                f,
                Fix::Merge {
                    source: 11,
                    target: 10,
                    ..
                }
            )),
            "{fixes:?}"
        );
    }

    /// A corpus where two requests hold one need (PDF export) in different words, and a big
    /// request holds many needs that share a word with a small one (the dashboard).
    fn split_and_generic() -> Clusterer {
        let mut c = Clusterer::new(ClusterConfig::default());
        let items: &[(u64, &str)] = &[
            (10, "export the report to pdf"),
            (10, "pdf export of the monthly report please"),
            (10, "can we export our reports as pdf files"),
            (11, "report export to pdf format"),
            (11, "we need a pdf export for every report"),
            (12, "dark mode for the dashboard"),
            (12, "a dark theme on the dashboard at night"),
            (13, "dashboard loads slowly in the morning"),
            (13, "add a chart of revenue to the dashboard"),
            (13, "share the dashboard with a customer"),
            (13, "the dashboard forgets my filters"),
            (13, "print the dashboard on one page"),
            (13, "dashboard widgets cannot be resized"),
        ];
        for (i, &(request, text)) in items.iter().enumerate() {
            c.add_existing(i as u64 + 1, request, text);
        }
        for i in 0..30u64 {
            c.add_existing(
                100 + i,
                100 + i,
                &format!("topic{i} another need w{i} v{i}"),
            );
        }
        c
    }

    #[test]
    fn requests_whose_members_fit_each_other_merge_below_the_centroid_bar() {
        let config = ConsolidationConfig::default();
        let c = split_and_generic();
        // The two PDF requests look less alike as wholes than the automatic bar...
        let near = Terms.near_request(&c, 11, 1);
        assert_eq!(near.first().map(|&(r, _)| r), Some(10), "{near:?}");
        assert!(near[0].1 < config.terms.merge_auto, "{near:?}");
        // ...but the smaller one's members fit the larger as well as their own, and back.
        assert!(fit_ratio(&c, 11, 10) >= config.terms.merge_fit);
        assert!(fit_ratio(&c, 10, 11) >= config.terms.merge_fit_back);
        // The dark-mode asks share "dashboard" with the big request but do not fit it.
        assert!(fit_ratio(&c, 12, 13) < config.terms.merge_fit);

        let merged = |config: &ConsolidationConfig| {
            let mut c = split_and_generic();
            let all = ids(&c);
            let fixes = merge_pass(&mut c, &mut Terms, &all, &NothingFixed, config);
            let merges: Vec<(u64, u64)> = fixes
                .iter()
                .filter_map(|f| match *f {
                    Fix::Merge { source, target, .. } => Some((source, target)),
                    _ => None,
                })
                .collect();
            (merges, c.request_of(6), c.request_of(8))
        };
        assert_eq!(merged(&config), (vec![(11, 10)], Some(12), Some(13)));

        type Tweak = fn(&mut Thresholds);
        let without: [(Tweak, &str); 2] = [
            (
                |t| t.merge_fit = 0.0,
                "the centroids alone do not merge them",
            ),
            (
                |t| t.merge_fit_back = 1.5,
                "the larger request's members must fit the smaller too",
            ),
        ];
        for (tweak, why) in without {
            let mut changed = config.clone();
            tweak(&mut changed.terms);
            assert_eq!(merged(&changed).0, vec![], "{why}");
        }
    }

    struct Pm(u64);
    impl Fixed for Pm {
        fn request(&self, id: u64) -> bool {
            id == self.0
        }
        fn doc(&self, _: u64) -> bool {
            false
        }
    }

    #[test]
    fn pm_decisions_are_left_alone() {
        let mut c = Clusterer::new(ClusterConfig {
            join_threshold: 0.9,
            ..ClusterConfig::default()
        });
        c.assign(1, "export the report to pdf", 10);
        c.assign(2, "pdf export of the report", 11);
        let all = ids(&c);
        let fixes = merge_pass(
            &mut c,
            &mut Terms,
            &all,
            &Pm(11),
            &ConsolidationConfig::default(),
        );
        assert!(
            fixes.iter().all(|f| !matches!(f, Fix::Merge { .. })),
            "{fixes:?}"
        );
        assert_eq!(c.request_of(2), Some(11));
        c.forbid_pair(10, 11);
        let all = ids(&c);
        let fixes = merge_pass(
            &mut c,
            &mut Terms,
            &all,
            &NothingFixed,
            &ConsolidationConfig::default(),
        );
        assert!(
            fixes.is_empty(),
            "a rejected pair is never proposed again: {fixes:?}"
        );
    }

    #[test]
    fn a_stray_item_moves_home() {
        let mut c = Clusterer::new(ClusterConfig::default());
        for (i, t) in [
            "export report to pdf",
            "pdf export for reports",
            "report pdf export please",
        ]
        .iter()
        .enumerate()
        {
            c.assign(i as u64 + 1, t, 10);
        }
        for (i, t) in [
            "dark mode theme",
            "a dark theme for the app",
            "dark mode at night",
        ]
        .iter()
        .enumerate()
        {
            c.assign(i as u64 + 4, t, 20);
        }
        // A PDF item that ended up with dark mode (say, placed while dark mode was all there was).
        c.add_existing(7, 20, "exporting the report as pdf");
        let fixes = move_pass(
            &mut c,
            &mut Terms,
            &[7],
            &NothingFixed,
            &ConsolidationConfig::default(),
        );
        assert!(
            matches!(
                fixes[0],
                Fix::Move {
                    doc: 7,
                    from: 20,
                    to: 10,
                    ..
                }
            ),
            "{fixes:?}"
        );
    }

    /// Requests and items with given sentence vectors (raw, uncentred: the test picks them).
    fn with_vectors(items: &[(u64, u64, &str, [f32; 3])]) -> (Clusterer, SemanticIndex) {
        let mut c = Clusterer::new(ClusterConfig {
            join_threshold: 0.9,
            ..ClusterConfig::default()
        });
        let mut index = SemanticIndex::new(3);
        for &(doc, request, text, v) in items {
            c.add_existing(doc, request, text);
            let n = (v.iter().map(|x| x * x).sum::<f32>()).sqrt();
            let unit: Vec<f32> = v.iter().map(|x| x / n).collect();
            index.add(doc, request, &unit, 0, c.members(request).len());
        }
        (c, index)
    }

    #[test]
    fn with_the_model_requests_one_in_meaning_merge_though_their_words_differ() {
        let items = [
            (1, 10, "dark mode for the dashboard", [1.0, 0.05, 0.0]),
            (2, 10, "a dark theme for the dashboard", [1.0, 0.0, 0.05]),
            (
                3,
                11,
                "the dashboard is too bright at night",
                [1.0, 0.08, 0.02],
            ),
            (4, 12, "export the monthly report to pdf", [0.0, 1.0, 0.0]),
        ];
        let config = ConsolidationConfig::default();
        // By the terms alone, request 11 shares one word with 10: not enough to merge.
        let (mut c, _) = with_vectors(&items);
        let all = ids(&c);
        let fixes = merge_pass(&mut c, &mut Terms, &all, &NothingFixed, &config);
        assert!(
            fixes.iter().all(|f| !matches!(f, Fix::Merge { .. })),
            "{fixes:?}"
        );
        // With the vectors, it is the same need, and the PDF request stays apart.
        let (mut c, mut index) = with_vectors(&items);
        let semantic = SemanticConfig::default();
        let mut judge = WithModel {
            index: &mut index,
            config: &semantic,
        };
        let all = ids(&c);
        let fixes = merge_pass(&mut c, &mut judge, &all, &NothingFixed, &config);
        assert!(
            matches!(
                fixes[..],
                [Fix::Merge {
                    source: 11,
                    target: 10,
                    ..
                }]
            ),
            "{fixes:?}"
        );
        assert_eq!(c.request_of(3), Some(10));
        assert_eq!(c.request_of(4), Some(12));
        // The index follows the merge: request 10's vector now counts item 3.
        assert!(index.request_mean(11).is_none());
        assert!(index.cosine_without(3, 10).is_some());
    }

    #[test]
    fn with_the_model_a_stray_item_moves_by_meaning_and_pm_decisions_hold() {
        let items = [
            (1, 10, "export report to pdf", [0.0, 1.0, 0.0]),
            (2, 10, "pdf export for reports", [0.05, 1.0, 0.0]),
            (3, 20, "dark mode theme", [1.0, 0.0, 0.0]),
            (4, 20, "a dark theme for the app", [1.0, 0.05, 0.0]),
            // Placed with dark mode, but by meaning (and by its words) a PDF ask.
            (
                5,
                20,
                "a printable copy of the report please",
                [0.02, 1.0, 0.03],
            ),
        ];
        let config = ConsolidationConfig::default();
        let semantic = SemanticConfig::default();
        let (mut c, mut index) = with_vectors(&items);
        let mut judge = WithModel {
            index: &mut index,
            config: &semantic,
        };
        let fixes = move_pass(&mut c, &mut judge, &[5], &NothingFixed, &config);
        assert!(
            matches!(
                fixes[..],
                [Fix::Move {
                    doc: 5,
                    from: 20,
                    to: 10,
                    ..
                }]
            ),
            "{fixes:?}"
        );
        assert_eq!(c.request_of(5), Some(10));
        // A PM's decision on the request holds, with the model as without.
        let (mut c, mut index) = with_vectors(&items);
        let mut judge = WithModel {
            index: &mut index,
            config: &semantic,
        };
        let fixes = move_pass(&mut c, &mut judge, &[5], &Pm(20), &config);
        assert!(fixes.is_empty(), "{fixes:?}");
        assert_eq!(c.request_of(5), Some(20));
    }

    #[test]
    fn a_burst_is_consolidated_once_it_has_settled_and_a_trickle_waits() {
        use std::time::Duration;
        #[derive(Clone, Copy, PartialEq, PartialOrd)]
        struct At(u64);
        impl std::ops::Sub for At {
            type Output = Duration;
            fn sub(self, o: At) -> Duration {
                Duration::from_secs(self.0 - o.0)
            }
        }
        let mut b = Burst::new(1000);
        assert!(!b.observe(1500, At(0)), "still arriving");
        assert!(!b.observe(1500, At(1)), "quiet for only a second");
        assert!(b.observe(1500, At(2)), "settled");
        b.ran(1500);
        assert!(!b.observe(1500, At(10)), "nothing new since the run");
        // A trickle below 1% of the corpus waits for the schedule, however quiet.
        assert!(!b.observe(1510, At(11)));
        assert!(!b.observe(1510, At(60)));
        // Fewer than MIN_NEW items on a small corpus wait too.
        let mut b = Burst::new(10);
        b.observe(25, At(0));
        assert!(!b.observe(25, At(5)));
        b.observe(30, At(6));
        assert!(b.observe(30, At(8)));
    }
}
