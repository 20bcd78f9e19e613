//! Placement: which request a new feedback item goes to. Without the embedding model the
//! lexical engine decides at ingest, inside the ingest writer's transaction (`place_new`); with
//! it, new items are stored unplaced and the model's placer (`model.rs`) decides later.

use crate::domain::cluster::{Outcome, Prepared};
use crate::domain::feedback::NewFeedback;
use crate::domain::roadmap::Request;
use crate::store::requests;

use super::clustering::{Clustering, cluster_text};

#[cfg(feature = "embeddings")]
pub mod model;
#[cfg(feature = "embeddings")]
pub use model::Placer;

/// How an item was placed into a request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    Joined {
        similarity: f32,
    },
    NewWithSuggestion {
        target: i64,
        similarity: f32,
    },
    New,
    /// A duplicate: placed when it was first stored.
    Duplicate,
    /// Queued for the embedding model's placer (`placement::model`); no request yet.
    Pending,
}

/// The lexical engine's decisions for one batch of new items.
pub struct Decisions {
    /// Per item, in the order given: its request and how it got there.
    pub placed: Vec<(i64, Placement)>,
    /// Requests the batch started.
    pub new_requests: Vec<Request>,
    /// Merge suggestions: (new request, likely duplicate, similarity).
    pub suggestions: Vec<(i64, i64, f64)>,
}

/// Places new items (`(feedback id, item, its text prepared with the engine's analyzer)`, ids
/// ascending) with the lexical engine; a new
/// request takes the next id after `last_request`. The engine runs ahead of the database from
/// here until the caller's commit succeeds (`Clustering::committed`).
pub fn place_new(
    clustering: &Clustering,
    items: &[(i64, &NewFeedback, &Prepared)],
    last_request: i64,
    now: i64,
) -> Decisions {
    let mut next_request = last_request;
    let mut placed = Vec::with_capacity(items.len());
    let mut new_requests = Vec::new();
    let mut suggestions = Vec::new();
    let mut state = clustering.write();
    state.dirty = true;
    // Texts were prepared with the configured analyzer; the engine is built from the same
    // configuration, and should it ever not be, the engine analyses the text itself.
    let prepared_fits = state.engine.representation().analyzer() == &clustering.config().analyzer;
    for &(id, f, text) in items {
        let new_request = (next_request + 1) as u64;
        let assignment = if prepared_fits {
            state.engine.assign_prepared(id as u64, text, new_request)
        } else {
            let text = cluster_text(&f.title, &f.body);
            state.engine.assign(id as u64, &text, new_request)
        };
        let request_id = assignment.request_id as i64;
        if request_id == next_request + 1 {
            next_request += 1;
            new_requests.push(requests::new_request(
                request_id,
                auto_title(&f.title, &f.body),
                now,
            ));
        }
        let placement = match assignment.outcome {
            Outcome::Joined { similarity } => Placement::Joined { similarity },
            Outcome::NewWithSuggestion { target, similarity } => {
                suggestions.push((request_id, target as i64, f64::from(similarity)));
                Placement::NewWithSuggestion {
                    target: target as i64,
                    similarity,
                }
            }
            Outcome::New => Placement::New,
        };
        placed.push((request_id, placement));
    }
    Decisions {
        placed,
        new_requests,
        suggestions,
    }
}

/// A request's automatic title: the feedback's title, or the start of its need (its body
/// without the ticket's greeting, signature, disclaimer, footer or quoted reply, and without
/// e-mail addresses, links, phone and ticket numbers), so a title does not carry one
/// customer's contact details to everyone who reads it.
pub fn auto_title(title: &str, body: &str) -> String {
    // Names on lines of their own, introductions and field labels go as from the title a
    // reader sees ([`crate::domain::title::neutral_title`]), uncut: the cut ends at a sentence.
    let names = crate::domain::title::KnownNames::new();
    let source = crate::domain::title::neutral_title(title, body, &names, usize::MAX);
    let line = source.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::domain::title::cut_title(&line, 100)
}
