//! The clustering log's vocabulary: every change to which request holds which feedback is one
//! event, in commit order, which every instance replays (see `service::clustering`).

/// What an event records; `a`, `b` and the payload mean what each variant says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// Feedback ids `a..=b` placed at ingest.
    Ingest,
    /// Request `a` merged into request `b` (payload: what of `a`'s plan `b` took).
    Merge,
    /// Request `a` unmerged from `b` (payload: the restored feedback ids, comma-separated).
    Unmerge,
    /// Feedback `a` moved to request `b`.
    Move,
    /// Never suggest `a` with `b`.
    Forbid,
    /// A telemetry signal's description placed in request `b` (payload: the description).
    Signal,
    /// Feedback placed by the embedding model (payload: the feedback ids, comma-separated;
    /// their vectors are in `feedback_embeddings`). See `service::placement`.
    Place,
    /// Feedback encoded again by consolidation with what the corpus has learned since it was
    /// placed (payload: the feedback ids, comma-separated); it stays in its request.
    Refresh,
    /// A contact's words were erased (payload: their feedback ids, comma-separated): the docs
    /// stay in their requests, without words.
    Erase,
}

impl LogKind {
    pub const ALL: [LogKind; 9] = [
        LogKind::Ingest,
        LogKind::Merge,
        LogKind::Unmerge,
        LogKind::Move,
        LogKind::Forbid,
        LogKind::Signal,
        LogKind::Place,
        LogKind::Refresh,
        LogKind::Erase,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            LogKind::Ingest => "INGEST",
            LogKind::Merge => "MERGE",
            LogKind::Unmerge => "UNMERGE",
            LogKind::Move => "MOVE",
            LogKind::Forbid => "FORBID",
            LogKind::Signal => "SIGNAL",
            LogKind::Place => "PLACE",
            LogKind::Refresh => "REFRESH",
            LogKind::Erase => "ERASE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One event of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEvent {
    /// Ascending in commit order.
    pub id: i64,
    /// `None` for a kind this version does not know (written by a newer one): replay skips it.
    pub kind: Option<LogKind>,
    pub a: i64,
    pub b: i64,
    pub payload: String,
}

/// The feedback ids of a payload that lists them (PLACE, REFRESH, ERASE).
pub fn listed_ids(payload: &str) -> impl Iterator<Item = i64> + '_ {
    payload.split(',').filter_map(|x| x.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_stored_name() {
        for k in LogKind::ALL {
            assert_eq!(LogKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(LogKind::parse("merge"), None);
    }

    #[test]
    fn listed_ids_skip_what_is_not_an_id() {
        assert_eq!(listed_ids("3,x,5,").collect::<Vec<_>>(), [3, 5]);
        assert_eq!(listed_ids("").count(), 0);
    }
}
