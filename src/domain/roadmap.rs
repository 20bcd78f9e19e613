//! The request lifecycle: which status may follow which.
//!
//! NEW -> UNDER_REVIEW -> PLANNED -> IN_PROGRESS -> SHIPPED, with DECLINED reachable from any
//! open status and a way back from DECLINED (a PM reconsiders) and from SHIPPED to IN_PROGRESS
//! (a release was rolled back). MERGED is entered and left only by merging and unmerging.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequestStatus {
    New,
    UnderReview,
    Planned,
    InProgress,
    Shipped,
    Declined,
    Merged,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::New,
        RequestStatus::UnderReview,
        RequestStatus::Planned,
        RequestStatus::InProgress,
        RequestStatus::Shipped,
        RequestStatus::Declined,
        RequestStatus::Merged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::New => "NEW",
            RequestStatus::UnderReview => "UNDER_REVIEW",
            RequestStatus::Planned => "PLANNED",
            RequestStatus::InProgress => "IN_PROGRESS",
            RequestStatus::Shipped => "SHIPPED",
            RequestStatus::Declined => "DECLINED",
            RequestStatus::Merged => "MERGED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still asked for: shown in the ranked backlog by default.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::New
                | RequestStatus::UnderReview
                | RequestStatus::Planned
                | RequestStatus::InProgress
        )
    }
}

/// Whether a PM may move a request from `from` to `to` with a status change.
pub fn can_transition(from: RequestStatus, to: RequestStatus) -> bool {
    use RequestStatus::*;
    match (from, to) {
        (Merged, _) | (_, Merged) => false,
        (a, b) if a == b => false,
        (New, UnderReview | Planned | InProgress | Declined) => true,
        (UnderReview, New | Planned | InProgress | Declined) => true,
        (Planned, UnderReview | InProgress | Shipped | Declined) => true,
        (InProgress, Planned | Shipped | Declined) => true,
        (Shipped, InProgress) => true,
        (Declined, New | UnderReview) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::RequestStatus::*;
    use super::*;

    #[test]
    fn the_forward_path_is_allowed() {
        for w in [New, UnderReview, Planned, InProgress, Shipped].windows(2) {
            assert!(can_transition(w[0], w[1]), "{:?} -> {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn merged_is_only_reached_by_merging_and_nothing_stays_put() {
        for s in RequestStatus::ALL {
            assert!(!can_transition(s, Merged));
            assert!(!can_transition(Merged, s));
            assert!(!can_transition(s, s));
        }
    }

    #[test]
    fn shipped_and_declined_are_closed_with_narrow_ways_back() {
        assert!(!can_transition(Shipped, New));
        assert!(!can_transition(Shipped, Declined));
        assert!(can_transition(Shipped, InProgress));
        assert!(can_transition(Declined, UnderReview));
        assert!(!can_transition(Declined, Shipped));
        assert!(!can_transition(New, Shipped));
        assert!(Planned.is_open() && !Shipped.is_open() && !Declined.is_open());
    }

    #[test]
    fn names_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(RequestStatus::parse("DONE"), None);
    }
}
