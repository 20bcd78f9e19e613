//! Field-level validation results, shared by every use case.

use std::fmt;

/// One reason one field was refused, e.g. `feedback.source_ref`: "is required".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: String,
    pub reason: String,
}

impl Violation {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// Collects violations so a caller hears about every bad field at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn push(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.0.push(Violation::new(field, reason));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was collected.
    pub fn into_result<T>(self, value: T) -> Result<T, Violations> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    pub fn extend(&mut self, other: Violations) {
        self.0.extend(other.0);
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

/// Limits that input validation applies; from configuration.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Maximum characters of one text field (title, body).
    pub max_text_chars: usize,
    /// Maximum items in one batch call.
    pub max_batch: usize,
    /// How far in the future an `occurred_at` may lie (clock skew between systems).
    pub max_future_skew: chrono::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_text_chars: 20_000,
            max_batch: 1_000,
            max_future_skew: chrono::Duration::days(1),
        }
    }
}

/// Maximum length of identifiers from other systems (external ids, source refs).
pub const MAX_ID_CHARS: usize = 200;

/// Checks a required identifier from another system; returns it trimmed.
pub fn required_id(v: &mut Violations, field: &str, value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        v.push(field, "is required");
    } else if trimmed.chars().count() > MAX_ID_CHARS {
        v.push(field, format!("is longer than {MAX_ID_CHARS} characters"));
    } else if trimmed.chars().any(char::is_control) {
        v.push(field, "contains control characters");
    }
    trimmed.to_owned()
}

/// Checks a free-text field against the configured limit.
pub fn text(v: &mut Violations, field: &str, value: &str, limits: &Limits) {
    if value.chars().count() > limits.max_text_chars {
        v.push(
            field,
            format!("is longer than {} characters", limits.max_text_chars),
        );
    }
    no_nul(v, field, value);
}

/// Refuses NUL, which is not text: PostgreSQL cannot store it in a text column, so accepting it
/// would make a write fail (with every item committed alongside it) on one backend only.
/// Other control characters (tabs, newlines, escapes) are kept as sent.
pub fn no_nul(v: &mut Violations, field: &str, value: &str) {
    if value.contains('\0') {
        v.push(field, "contains a NUL character");
    }
}

/// A calendar date written exactly as `YYYY-MM-DD`, as it is stored and sorted (as text).
/// chrono's `%Y` alone also takes signed and five-digit years ("+10000-01-01", "-0001-12-01").
pub fn date(value: &str) -> Option<chrono::NaiveDate> {
    let s = value.trim();
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Normalises an email address (trimmed, lower case) and checks its shape: one `@`, a non-empty
/// local part, a domain with a dot, no spaces. Deliverability is the sender's business.
pub fn email(v: &mut Violations, field: &str, value: &str) -> String {
    let email = value.trim().to_lowercase();
    let valid = email.len() <= 320
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if !valid {
        v.push(field, "is not a valid email address");
    }
    email
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in ["a@b.co", " Ann.Lee@Example.COM "] {
            let mut v = Violations::default();
            email(&mut v, "e", good);
            assert!(v.is_empty(), "{good}");
        }
        for bad in [
            "", "ab.co", "a@b", "a@@b.co", "a b@c.co", "@b.co", "a@.co", "a@b..co",
        ] {
            let mut v = Violations::default();
            email(&mut v, "e", bad);
            assert_eq!(v.0.len(), 1, "{bad}");
        }
        let mut v = Violations::default();
        assert_eq!(email(&mut v, "e", " Ann@X.org"), "ann@x.org");
    }

    #[test]
    fn dates_are_exactly_yyyy_mm_dd() {
        assert_eq!(
            date(" 2027-03-31 "),
            chrono::NaiveDate::from_ymd_opt(2027, 3, 31)
        );
        for bad in [
            "+10000-01-01",
            "-0001-12-01",
            "2026-1-5",
            "2026-02-30",
            "2026/01/05",
            "",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids() {
        let mut v = Violations::default();
        assert_eq!(required_id(&mut v, "f", "  x-1 "), "x-1");
        required_id(&mut v, "g", "   ");
        required_id(&mut v, "h", &"x".repeat(201));
        required_id(&mut v, "i", "a\u{0}b");
        let fields: Vec<_> = v.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["g", "h", "i"]);
    }
}
