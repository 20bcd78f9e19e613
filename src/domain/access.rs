//! Who may call what: scopes, the scope each RPC declares, and token names.

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

/// A token's use is recorded at most this often (seconds): a write per token per minute, not
/// per call.
pub const LAST_USE_EVERY_SECS: i64 = 60;
/// The longest lifetime a token may be given (about ten years).
pub const MAX_LIFETIME_SECS: i64 = 3_660 * 86_400;
/// The longest a rotated-out secret may stay valid.
pub const MAX_GRACE_SECS: i64 = 30 * 86_400;

/// A stored API token (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: i64,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// Microseconds since the epoch, as every time here.
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    /// When the token stops working; `None`: never.
    pub expires_at: Option<i64>,
    /// Its last authenticated call (recorded at most once a minute).
    pub last_used_at: Option<i64>,
}

/// One entry of the audit log: who changed what, with the state before and after (JSON, or
/// empty when there was none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Assigned by the database; 0 for an entry not yet written.
    pub id: i64,
    /// Microseconds since the epoch.
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub before: String,
    pub after: String,
}

/// Whether a token works at `now` (microseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn of(revoked_at: Option<i64>, expires_at: Option<i64>, now: i64) -> Self {
        if revoked_at.is_some() {
            TokenState::Revoked
        } else if expires_at.is_some_and(|t| t <= now) {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Expired => "expired",
            TokenState::Revoked => "revoked",
        }
    }
}

/// Parses a duration as the command line takes it: a whole number and a unit, `45s`, `90m`,
/// `12h`, `30d` or `2w` (`0` alone is zero). Seconds.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if t == "0" {
        return Ok(0);
    }
    let unit_at = t
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&i| i > 0 && i + 1 == t.len());
    let Some(i) = unit_at else {
        return Err(format!(
            "{text:?}: a whole number and a unit: s, m, h, d or w (e.g. 30d)"
        ));
    };
    let unit = match &t[i..] {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => {
            return Err(format!(
                "{text:?}: unknown unit {other:?}; one of s, m, h, d, w"
            ));
        }
    };
    t[..i]
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("{text:?}: too large"))
}

/// Checks a lifetime in seconds: `1..=max`, or also 0 when `zero_ok`.
pub fn lifetime(v: &mut Violations, field: &str, secs: i64, max: i64, zero_ok: bool) {
    let min = if zero_ok { 0 } else { 1 };
    if !(min..=max).contains(&secs) {
        v.push(
            field,
            format!(
                "must be between {min} and {max} seconds ({} days)",
                max / 86_400
            ),
        );
    }
}

/// How a method is called, as its descriptor says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    pub scope: Scope,
    /// The server sends a stream (its token is re-checked while the stream is open).
    pub server_streaming: bool,
    /// The client sends a stream.
    pub client_streaming: bool,
}

/// What a call needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Health checks and reflection: open.
    Open,
    Needs(Method),
    /// Not a method with a declared scope: refused, whatever the token.
    Unknown,
}

/// One RPC as the descriptor set declares it, before its scope is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredMethod {
    /// `sift.v1.FeedbackService`.
    pub service: String,
    /// `SubmitFeedback`.
    pub method: String,
    /// The `(sift.v1.scope)` option; `None` when the RPC has none.
    pub scope: Option<String>,
    pub server_streaming: bool,
    pub client_streaming: bool,
}

/// The scope of every RPC, declared next to it in the `.proto` files (`option (sift.v1.scope)`)
/// and read from the descriptor set: the one source of truth for access.
#[derive(Debug, Clone, Default)]
pub struct MethodScopes {
    /// By gRPC path, `/sift.v1.FeedbackService/SubmitFeedback`.
    by_path: std::collections::HashMap<String, Method>,
}

impl MethodScopes {
    /// The table of `methods`; every problem (an RPC without a scope, an unknown scope) at once,
    /// so a server with any of them refuses to start.
    pub fn new(methods: impl IntoIterator<Item = DeclaredMethod>) -> Result<Self, Vec<String>> {
        let mut by_path = std::collections::HashMap::new();
        let mut problems = Vec::new();
        for m in methods {
            let path = format!("/{}/{}", m.service, m.method);
            match m.scope.as_deref().map(|s| (s, Scope::parse(s))) {
                Some((_, Some(scope))) => {
                    by_path.insert(
                        path,
                        Method {
                            scope,
                            server_streaming: m.server_streaming,
                            client_streaming: m.client_streaming,
                        },
                    );
                }
                Some((other, None)) => problems.push(format!(
                    "{path}: unknown scope {other:?} (one of ingest, read, plan, release, admin)"
                )),
                None => problems.push(format!(
                    "{path}: no `option (sift.v1.scope) = \"...\";` declared"
                )),
            }
        }
        if problems.is_empty() {
            Ok(Self { by_path })
        } else {
            Err(problems)
        }
    }

    /// The access a gRPC method path (`/sift.v1.FeedbackService/SubmitFeedback`) needs.
    pub fn required(&self, path: &str) -> Access {
        let Some((service, _method)) = path.trim_start_matches('/').split_once('/') else {
            return Access::Unknown;
        };
        if service.starts_with("grpc.health.") || service.starts_with("grpc.reflection.") {
            return Access::Open;
        }
        match self.by_path.get(path) {
            Some(&m) => Access::Needs(m),
            None => Access::Unknown,
        }
    }

    /// Every method path with its scope, sorted by path.
    pub fn methods(&self) -> Vec<(&str, Scope)> {
        let mut out: Vec<(&str, Scope)> = self
            .by_path
            .iter()
            .map(|(p, m)| (p.as_str(), m.scope))
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(service: &str, method: &str, scope: Option<&str>) -> DeclaredMethod {
        DeclaredMethod {
            service: service.into(),
            method: method.into(),
            scope: scope.map(Into::into),
            server_streaming: false,
            client_streaming: false,
        }
    }

    #[test]
    fn methods_need_their_declared_scope_and_anything_else_is_refused() {
        let table = MethodScopes::new([
            declared("sift.v1.FeedbackService", "SubmitFeedback", Some("ingest")),
            declared("sift.v1.AdminService", "CreateToken", Some("admin")),
        ])
        .expect("all declared");
        let needs = |path: &str| match table.required(path) {
            Access::Needs(m) => Some(m.scope),
            _ => None,
        };
        assert_eq!(
            needs("/sift.v1.FeedbackService/SubmitFeedback"),
            Some(Scope::Ingest)
        );
        assert_eq!(
            needs("/sift.v1.AdminService/CreateToken"),
            Some(Scope::Admin)
        );
        assert_eq!(table.required("/grpc.health.v1.Health/Check"), Access::Open);
        assert_eq!(
            table.required("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
            Access::Open
        );
        // A method of a known service that declares nothing, an unknown service, nonsense.
        for path in [
            "/sift.v1.FeedbackService/DropTables",
            "/sift.v1.AdminService/CreateToken/x",
            "/other.Service/Call",
            "nonsense",
            "",
        ] {
            assert_eq!(table.required(path), Access::Unknown, "{path}");
        }
    }

    #[test]
    fn a_method_without_a_scope_or_with_an_unknown_one_is_named() {
        let err = MethodScopes::new([
            declared("sift.v1.FeedbackService", "SubmitFeedback", Some("ingest")),
            declared("sift.v1.FeedbackService", "DropTables", None),
            declared("sift.v1.AdminService", "Root", Some("root")),
        ])
        .unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(
            err[0].contains("/sift.v1.FeedbackService/DropTables"),
            "{err:?}"
        );
        assert!(err[1].contains("\"root\""), "{err:?}");
    }

    #[test]
    fn durations_parse_with_a_unit_and_lifetimes_stay_in_range() {
        assert_eq!(parse_duration("30d"), Ok(30 * 86_400));
        assert_eq!(parse_duration(" 1h "), Ok(3_600));
        assert_eq!(parse_duration("90m"), Ok(5_400));
        assert_eq!(parse_duration("45s"), Ok(45));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert_eq!(parse_duration("0"), Ok(0));
        for bad in [
            "",
            "30",
            "d",
            "1.5h",
            "-1h",
            "1y",
            "1hh",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        let mut v = Violations::default();
        lifetime(&mut v, "expires_in", 1, MAX_LIFETIME_SECS, false);
        lifetime(&mut v, "grace", 0, MAX_GRACE_SECS, true);
        assert!(v.is_empty());
        lifetime(&mut v, "expires_in", 0, MAX_LIFETIME_SECS, false);
        lifetime(&mut v, "grace", -1, MAX_GRACE_SECS, true);
        lifetime(&mut v, "grace", MAX_GRACE_SECS + 1, MAX_GRACE_SECS, true);
        let fields: Vec<&str> = v.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["expires_in", "grace", "grace"]);
    }

    #[test]
    fn a_token_is_revoked_expired_or_active_at_a_moment() {
        assert_eq!(TokenState::of(None, None, 5), TokenState::Active);
        assert_eq!(TokenState::of(None, Some(6), 5), TokenState::Active);
        assert_eq!(TokenState::of(None, Some(5), 5), TokenState::Expired);
        assert_eq!(TokenState::of(Some(1), Some(5), 9), TokenState::Revoked);
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
