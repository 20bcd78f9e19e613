//! Suggestions Sift makes for a PM to decide: merge one request into another, or move one item
//! to another request. Both kinds share a status and one rule for deciding.

use chrono::{DateTime, Utc};

/// Where a suggestion stands. Stored as its `as_str` string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestionStatus {
    Pending,
    Accepted,
    Rejected,
}

impl SuggestionStatus {
    pub const ALL: [SuggestionStatus; 3] = [
        SuggestionStatus::Pending,
        SuggestionStatus::Accepted,
        SuggestionStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionStatus::Pending => "PENDING",
            SuggestionStatus::Accepted => "ACCEPTED",
            SuggestionStatus::Rejected => "REJECTED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The two queues of suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestionKind {
    /// Merge a request into one it looks like.
    Merge,
    /// Move one item to a request it may belong in.
    Move,
}

impl SuggestionKind {
    /// How messages name one: "merge suggestion 7".
    pub fn noun(self) -> &'static str {
        match self {
            SuggestionKind::Merge => "merge suggestion",
            SuggestionKind::Move => "move suggestion",
        }
    }
}

/// What a suggestion proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// Merge request `request_id` into `target_request_id`.
    Merge {
        request_id: i64,
        target_request_id: i64,
    },
    /// Move item `feedback_id` from `from_request_id` to `target_request_id`.
    Move {
        feedback_id: i64,
        from_request_id: i64,
        target_request_id: i64,
    },
}

impl Proposal {
    pub fn kind(self) -> SuggestionKind {
        match self {
            Proposal::Merge { .. } => SuggestionKind::Merge,
            Proposal::Move { .. } => SuggestionKind::Move,
        }
    }

    /// The request merged away, or the one the item is in.
    pub fn from_request_id(self) -> i64 {
        match self {
            Proposal::Merge { request_id, .. } => request_id,
            Proposal::Move {
                from_request_id, ..
            } => from_request_id,
        }
    }

    pub fn target_request_id(self) -> i64 {
        match self {
            Proposal::Merge {
                target_request_id, ..
            }
            | Proposal::Move {
                target_request_id, ..
            } => target_request_id,
        }
    }
}

/// A suggestion of either kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: i64,
    pub proposal: Proposal,
    pub similarity: f64,
    pub status: SuggestionStatus,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// What accepting (or rejecting) a suggestion in a given status comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Decided this way already: answer with the decision made.
    Repeat,
    /// Pending: decide it, to this status.
    Decide(SuggestionStatus),
}

/// Deciding is once: the same decision again repeats it, the other one is refused (`Err` holds
/// the decision already made).
pub fn decide(current: SuggestionStatus, accept: bool) -> Result<Decision, SuggestionStatus> {
    let wanted = if accept {
        SuggestionStatus::Accepted
    } else {
        SuggestionStatus::Rejected
    };
    match current {
        c if c == wanted => Ok(Decision::Repeat),
        SuggestionStatus::Pending => Ok(Decision::Decide(wanted)),
        c => Err(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back_as_stored() {
        for s in SuggestionStatus::ALL {
            assert_eq!(SuggestionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(SuggestionStatus::parse("pending"), None);
    }

    #[test]
    fn a_suggestion_is_decided_once() {
        use SuggestionStatus::*;
        assert_eq!(decide(Pending, true), Ok(Decision::Decide(Accepted)));
        assert_eq!(decide(Pending, false), Ok(Decision::Decide(Rejected)));
        assert_eq!(decide(Accepted, true), Ok(Decision::Repeat));
        assert_eq!(decide(Rejected, false), Ok(Decision::Repeat));
        assert_eq!(decide(Accepted, false), Err(Accepted));
        assert_eq!(decide(Rejected, true), Err(Rejected));
    }
}
