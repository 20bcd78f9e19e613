//! The request lifecycle: which status may follow which.
//!
//! NEW -> UNDER_REVIEW -> PLANNED -> IN_PROGRESS -> SHIPPED, with DECLINED reachable from any
//! open status and a way back from DECLINED (a PM reconsiders) and from SHIPPED to IN_PROGRESS
//! (a release was rolled back). MERGED is entered and left only by merging and unmerging.
//! SHIPPED is entered only by shipping a release (the service refuses it as a status change),
//! so that every requester is told.

use super::Violations;

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

    pub const fn as_str(self) -> &'static str {
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

/// A release train: the weekly MINOR one or the quarterly MAJOR one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReleaseKind {
    Minor,
    Major,
}

impl ReleaseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseKind::Minor => "MINOR",
            ReleaseKind::Major => "MAJOR",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ReleaseKind::Minor, ReleaseKind::Major]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where an unscheduled request sits on the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    Now,
    Next,
    Later,
}

impl Lane {
    pub const ALL: [Lane; 3] = [Lane::Now, Lane::Next, Lane::Later];

    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Now => "NOW",
            Lane::Next => "NEXT",
            Lane::Later => "LATER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A feature request as the roadmap and backlog see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub id: i64,
    /// The automatic title, from the feedback that started it.
    pub title: String,
    pub pm_title: Option<String>,
    pub status: RequestStatus,
    /// While MERGED: the status it had before, which an unmerge gives back.
    pub status_before_merge: Option<RequestStatus>,
    pub merged_into: Option<i64>,
    /// The release it is planned into, if scheduled.
    pub release_id: Option<i64>,
    /// Its lane while unscheduled.
    pub lane: Option<Lane>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One change of a request's status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub from: RequestStatus,
    pub to: RequestStatus,
    pub actor: String,
    pub reason: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// A stored release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub id: i64,
    pub version: String,
    /// `None` only for a kind this version does not know.
    pub kind: Option<ReleaseKind>,
    /// `YYYY-MM-DD`.
    pub planned_date: String,
    pub summary: String,
    pub shipped_at: Option<chrono::DateTime<chrono::Utc>>,
    pub shipped_by: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A release as a PM describes it, before validation.
#[derive(Debug, Clone, Default)]
pub struct ReleaseDraft {
    pub version: String,
    pub kind: Option<ReleaseKind>,
    /// `YYYY-MM-DD`.
    pub planned_date: String,
    pub summary: String,
}

/// A valid release description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRelease {
    pub version: String,
    pub kind: ReleaseKind,
    pub planned_date: chrono::NaiveDate,
    pub summary: String,
}

impl ReleaseDraft {
    pub fn validate(self) -> Result<NewRelease, Violations> {
        let mut v = Violations::default();
        let version = self.version.trim().to_owned();
        if version.is_empty() {
            v.push("version", "is required");
        } else if version.chars().count() > 64
            || version.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            v.push(
                "version",
                "must be at most 64 characters without spaces or control characters",
            );
        }
        if self.kind.is_none() {
            v.push("kind", "must be MINOR or MAJOR");
        }
        let date = super::validation::date(&self.planned_date);
        if date.is_none() {
            v.push("planned_date", "must be a date as YYYY-MM-DD");
        }
        if self.summary.chars().count() > 10_000 {
            v.push("summary", "is longer than 10000 characters");
        }
        super::validation::no_nul(&mut v, "summary", &self.summary);
        match (self.kind, date) {
            (Some(kind), Some(planned_date)) if v.is_empty() => Ok(NewRelease {
                version,
                kind,
                planned_date,
                summary: self.summary.trim().to_owned(),
            }),
            _ => Err(v),
        }
    }
}

/// Whether a request in `status` may be planned (into a release or a lane).
pub fn can_plan(status: RequestStatus) -> bool {
    status.is_open()
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
    #[test]
    fn a_release_needs_a_version_a_kind_and_a_date() {
        let err = ReleaseDraft {
            version: "1.2 beta".into(),
            kind: None,
            planned_date: "2026-13-01".into(),
            summary: String::new(),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["version", "kind", "planned_date"]);
        let ok = ReleaseDraft {
            version: " 2026.48 ".into(),
            kind: Some(ReleaseKind::Minor),
            planned_date: "2026-11-30".into(),
            summary: "Weekly".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.version, "2026.48");
        assert_eq!(ok.planned_date.to_string(), "2026-11-30");
        assert!(can_plan(New) && can_plan(InProgress) && !can_plan(Shipped) && !can_plan(Merged));
        for l in Lane::ALL {
            assert_eq!(Lane::parse(l.as_str()), Some(l));
        }
    }
}
