//! Who may call what: scopes, the scope each RPC needs, and token names.

use super::Violations;

/// What a token may do. A token holds one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Accounts, contacts, feedback, telemetry: the CRM sync, support and product pipelines.
    Ingest,
    /// Requests, the backlog, the roadmap.
    Read,
    /// Merges, moves, themes, profiles, statuses, releases.
    Plan,
    /// Shipping, notifications and acks.
    Release,
    /// Tokens, the audit log, erasure.
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Ingest,
        Scope::Read,
        Scope::Plan,
        Scope::Release,
        Scope::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Ingest => "ingest",
            Scope::Read => "read",
            Scope::Plan => "plan",
            Scope::Release => "release",
            Scope::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Parses a list of scopes ("ingest,read" or several values); sorted, without repeats.
pub fn parse_scopes(v: &mut Violations, field: &str, values: &[String]) -> Vec<Scope> {
    let mut out = Vec::new();
    let before = v.0.len();
    for value in values.iter().flat_map(|s| s.split(',')) {
        let value = value.trim();
        match Scope::parse(value) {
            Some(s) => out.push(s),
            None => v.push(
                field,
                format!("unknown scope {value:?}; one of ingest, read, plan, release, admin"),
            ),
        }
    }
    if out.is_empty() && v.0.len() == before {
        v.push(field, "at least one scope is required");
    }
    out.sort_unstable();
    out.dedup();
    out
}

pub fn format_scopes(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A token's name: 1-100 characters of letters, digits, `-`, `_`, `.`, `@`.
pub fn token_name(v: &mut Violations, field: &str, name: &str) -> String {
    let name = name.trim();
    let ok = (1..=100).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if !ok {
        v.push(field, "must be 1-100 letters, digits, '-', '_', '.' or '@'");
    }
    name.to_owned()
}

/// What a call needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Health checks and reflection: open.
    Open,
    Needs(Scope),
    /// Not a known method: refused.
    Unknown,
}

/// The access a gRPC method path (`/sift.v1.FeedbackService/SubmitFeedback`) needs.
pub fn required(path: &str) -> Access {
    use Scope::*;
    let Some((service, method)) = path.trim_start_matches('/').split_once('/') else {
        return Access::Unknown;
    };
    if service.starts_with("grpc.health.") || service.starts_with("grpc.reflection.") {
        return Access::Open;
    }
    let scope = match (service, method) {
        ("sift.v1.AccountService", "UpsertAccounts" | "UpsertContacts") => Ingest,
        ("sift.v1.AccountService", "GetAccount" | "ListAccounts") => Read,
        ("sift.v1.FeedbackService", "SubmitFeedback" | "ImportFeedback") => Ingest,
        ("sift.v1.FeedbackService", "GetFeedback" | "ListFeedback") => Read,
        ("sift.v1.TelemetryService", "DefineSignal" | "RecordTelemetry") => Ingest,
        ("sift.v1.TelemetryService", "ListSignals") => Read,
        (
            "sift.v1.RequestService",
            "GetRequest"
            | "ListRequests"
            | "FindSimilar"
            | "ListStatusHistory"
            | "ListMergeSuggestions",
        ) => Read,
        (
            "sift.v1.RequestService",
            "MergeRequests"
            | "UnmergeRequest"
            | "MoveFeedback"
            | "RenameRequest"
            | "UpdateRequestStatus"
            | "AcceptMergeSuggestion"
            | "RejectMergeSuggestion"
            | "ConsolidateRequests",
        ) => Plan,
        (
            "sift.v1.PrioritizationService",
            "GetRankedBacklog" | "ExplainScore" | "ListScoringProfiles" | "ListThemes",
        ) => Read,
        (
            "sift.v1.PrioritizationService",
            "CreateScoringProfile"
            | "SetActiveProfile"
            | "CreateTheme"
            | "UpdateTheme"
            | "AlignRequest"
            | "SetEffort",
        ) => Plan,
        ("sift.v1.RoadmapService", "GetRoadmap" | "PreviewRelease") => Read,
        (
            "sift.v1.RoadmapService",
            "CreateRelease" | "PlanRequest" | "SetReleaseNote" | "UpdateRequestStatus",
        ) => Plan,
        ("sift.v1.RoadmapService", "ShipRelease") => Release,
        ("sift.v1.NotificationService", "ForgetContact") => Admin,
        (
            "sift.v1.NotificationService",
            "StreamNotifications"
            | "ListPendingNotifications"
            | "AckNotifications"
            | "ListNotifications"
            | "SetContactPreferences",
        ) => Release,
        ("sift.v1.AdminService", _) => Admin,
        _ => return Access::Unknown,
    };
    Access::Needs(scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_map_to_the_scope_the_issue_names() {
        assert_eq!(
            required("/sift.v1.FeedbackService/SubmitFeedback"),
            Access::Needs(Scope::Ingest)
        );
        assert_eq!(
            required("/sift.v1.PrioritizationService/GetRankedBacklog"),
            Access::Needs(Scope::Read)
        );
        assert_eq!(
            required("/sift.v1.RequestService/MergeRequests"),
            Access::Needs(Scope::Plan)
        );
        assert_eq!(
            required("/sift.v1.RoadmapService/ShipRelease"),
            Access::Needs(Scope::Release)
        );
        assert_eq!(
            required("/sift.v1.AdminService/CreateToken"),
            Access::Needs(Scope::Admin)
        );
        assert_eq!(required("/grpc.health.v1.Health/Check"), Access::Open);
        assert_eq!(
            required("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
            Access::Open
        );
        assert_eq!(
            required("/sift.v1.FeedbackService/DropTables"),
            Access::Unknown
        );
        assert_eq!(required("nonsense"), Access::Unknown);
    }

    #[test]
    fn scopes_parse_from_lists_and_name_what_is_wrong() {
        let mut v = Violations::default();
        let s = parse_scopes(&mut v, "scopes", &["read,plan".into(), "read".into()]);
        assert!(v.is_empty());
        assert_eq!(s, vec![Scope::Read, Scope::Plan]);
        assert_eq!(format_scopes(&s), "read,plan");
        let mut v = Violations::default();
        parse_scopes(&mut v, "scopes", &["root".into()]);
        assert_eq!(v.0[0].field, "scopes");
        assert!(v.0[0].reason.contains("root"));
        let mut v = Violations::default();
        parse_scopes(&mut v, "scopes", &[]);
        assert_eq!(v.0.len(), 1);
        let mut v = Violations::default();
        assert_eq!(token_name(&mut v, "name", " crm-sync "), "crm-sync");
        token_name(&mut v, "name", "has space");
        token_name(&mut v, "name", "");
        assert_eq!(v.0.len(), 2);
    }
}
