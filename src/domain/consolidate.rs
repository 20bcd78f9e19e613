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

use super::cluster::{Clusterer, Representation};

/// Confidence rules of consolidation. One default for every language.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsolidationConfig {
    /// Similarity of two requests as wholes at which they merge automatically.
    pub merge_auto: f32,
    /// Similarity of two requests at which a PM gets a merge suggestion.
    pub merge_suggest: f32,
    /// An item moves only to a request it fits at least this well...
    pub move_fit: f32,
    /// ...and at least this much better than its own request (without itself).
    pub move_margin: f32,
    /// Requests compared with each request.
    pub candidates: usize,
    /// Rounds (a merge pass, then a move pass) at most; a run stops early when a round
    /// changes nothing.
    pub rounds: usize,
}

impl Default for ConsolidationConfig {
    fn default() -> Self {
        ConsolidationConfig {
            merge_auto: 0.50,
            merge_suggest: 0.30,
            move_fit: 0.10,
            move_margin: 0.01,
            candidates: 6,
            rounds: 4,
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
    requests: &[u64],
    fixed: &impl Fixed,
    config: &ConsolidationConfig,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    for &r in requests {
        if fixed.request(r) || engine.members(r).is_empty() {
            continue;
        }
        let Some(query) = engine.representation().request_doc(r) else {
            continue;
        };
        let best = engine
            .representation()
            .nearest(&query, config.candidates + 1)
            .into_iter()
            .find(|&(t, _)| t != r && !engine.is_forbidden(r, t));
        let Some((t, similarity)) = best else {
            continue;
        };
        if similarity >= config.merge_auto && !fixed.request(t) {
            // The smaller joins the larger (ties: the newer into the older), so the request
            // that holds most of the evidence keeps its id, title and history.
            let (nr, nt) = (engine.members(r).len(), engine.members(t).len());
            let (source, target) = if nr < nt || (nr == nt && r > t) {
                (r, t)
            } else {
                (t, r)
            };
            engine.merge(source, target);
            fixes.push(Fix::Merge {
                source,
                target,
                similarity,
            });
        } else if similarity >= config.merge_suggest {
            fixes.push(Fix::SuggestMerge {
                source: r.max(t),
                target: r.min(t),
                similarity,
            });
        }
    }
    fixes
}

/// The move pass over `docs` (ascending ids). Automatic moves are applied as they are found.
pub fn move_pass<R: Representation>(
    engine: &mut Clusterer<R>,
    docs: &[u64],
    fixed: &impl Fixed,
    config: &ConsolidationConfig,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    for &d in docs {
        let Some(from) = engine.request_of(d) else {
            continue;
        };
        // A lone item is its request: the merge pass judges it as a whole.
        if fixed.doc(d) || fixed.request(from) || engine.members(from).len() < 2 {
            continue;
        }
        let Some(doc) = engine.doc(d) else {
            continue;
        };
        let rep = engine.representation();
        let own = rep.similarity_without(doc, from);
        let best = rep
            .nearest(doc, config.candidates + 1)
            .into_iter()
            .find(|&(t, _)| t != from);
        let Some((to, similarity)) = best else {
            continue;
        };
        if similarity < own + config.move_margin / 2.0 || fixed.request(to) {
            continue;
        }
        if similarity >= config.move_fit && similarity >= own + config.move_margin {
            engine.move_doc(d, to);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cluster::{ClusterConfig, Clusterer};

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
        let fixes = merge_pass(&mut c, &all, &NothingFixed, &ConsolidationConfig::default());
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
        let fixes = merge_pass(&mut c, &all, &Pm(11), &ConsolidationConfig::default());
        assert!(
            fixes.iter().all(|f| !matches!(f, Fix::Merge { .. })),
            "{fixes:?}"
        );
        assert_eq!(c.request_of(2), Some(11));
        c.forbid_pair(10, 11);
        let all = ids(&c);
        let fixes = merge_pass(&mut c, &all, &NothingFixed, &ConsolidationConfig::default());
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
        let fixes = move_pass(&mut c, &[7], &NothingFixed, &ConsolidationConfig::default());
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
