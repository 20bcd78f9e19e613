//! Field-level validation results, shared by every use case.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

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

/// The form an identifier from another system is stored and looked up in: NFKC, trimmed. So
/// `ａｃｍｅ` (full-width) and `acme` name one account, as do a precomposed `é` and `e` with a
/// combining accent.
pub fn identifier_form(value: &str) -> String {
    // NFKC leaves ASCII as it is; most identifiers are ASCII.
    if value.is_ascii() {
        return value.trim().to_owned();
    }
    let normal: String = value.nfkc().collect();
    normal.trim().to_owned()
}

/// Characters that show nothing, or only change the order in which the text around them is
/// shown: two strings that differ only in them look the same (`acme` and `acme` + a zero-width
/// space), and a right-to-left override makes `exe.pdf` look like `fdp.exe`. Zero-width and
/// joiner characters, bidirectional marks, embeddings, overrides and isolates, invisible
/// operators, fillers, variation selectors and tags.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' // soft hyphen
        | '\u{034F}' // combining grapheme joiner
        | '\u{061C}' // Arabic letter mark
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{17B4}' | '\u{17B5}' // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}' // Mongolian variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, bidi isolates
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}' // zero-width no-break space (byte order mark)
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}' // musical format controls
        | '\u{E0000}'..='\u{E0FFF}' // tags, variation selectors supplement
    )
}

fn refuse_invisible(v: &mut Violations, field: &str, c: char) {
    v.push(
        field,
        format!(
            "contains an invisible or bidirectional control character (U+{:04X})",
            u32::from(c)
        ),
    );
}

/// Refuses invisible characters (see [`invisible`]) in an identifier or an email address.
pub fn no_invisible(v: &mut Violations, field: &str, value: &str) {
    if let Some(c) = value.chars().find(|&c| invisible(c)) {
        refuse_invisible(v, field, c);
    }
}

/// Refuses invisible characters in a person's or company's name, except what writing needs: a
/// zero-width (non-)joiner or a variation selector right after a non-ASCII character (Persian
/// and Indic words, emoji such as 👩‍👧 or ➡️). `acme` + a zero-width joiner is still refused.
/// Names are otherwise kept as sent.
pub fn no_invisible_in_name(v: &mut Violations, field: &str, value: &str) {
    let mut previous: Option<char> = None;
    for c in value.chars() {
        let writing = matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
            && previous.is_some_and(|p| !p.is_ascii() && !invisible(p));
        if invisible(c) && !writing {
            refuse_invisible(v, field, c);
            return;
        }
        previous = Some(c);
    }
}

/// Checks a required identifier from another system; returns it in [`identifier_form`].
pub fn required_id(v: &mut Violations, field: &str, value: &str) -> String {
    let normal = identifier_form(value);
    let trimmed = normal.as_str();
    if trimmed.is_empty() {
        v.push(field, "is required");
    } else if trimmed.chars().count() > MAX_ID_CHARS {
        v.push(field, format!("is longer than {MAX_ID_CHARS} characters"));
    } else if trimmed.chars().any(char::is_control) {
        v.push(field, "contains control characters");
    } else {
        no_invisible(v, field, trimmed);
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

/// A required date field written as `YYYY-MM-DD`; a violation names `field` otherwise.
pub fn required_date(v: &mut Violations, field: &str, value: &str) -> Option<chrono::NaiveDate> {
    if value.trim().is_empty() {
        v.push(field, "is required");
        return None;
    }
    let d = date(value);
    if d.is_none() {
        v.push(field, "must be a date as YYYY-MM-DD");
    }
    d
}

/// A required date field (see [`required_date`]) that may not lie after `today`.
pub fn past_date(
    v: &mut Violations,
    field: &str,
    value: &str,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    let d = required_date(v, field, value)?;
    if d > today {
        v.push(field, "is in the future");
        return None;
    }
    Some(d)
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

/// Normalises an email address (NFKC, trimmed, lower case) and checks its shape: one `@`, a
/// non-empty local part, a domain with a dot, no spaces, nothing invisible. Deliverability is
/// the sender's business.
pub fn email(v: &mut Violations, field: &str, value: &str) -> String {
    let email = identifier_form(value).to_lowercase();
    if email.chars().any(invisible) {
        no_invisible(v, field, &email);
        return email;
    }
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
    fn identifiers_are_nfkc_and_refuse_what_cannot_be_seen() {
        let mut v = Violations::default();
        // Full-width letters, a ligature, a decomposed accent, a no-break space: one form.
        assert_eq!(required_id(&mut v, "f", "ａｃｍｅ"), "acme");
        assert_eq!(required_id(&mut v, "f", "\u{FB01}rm"), "firm");
        assert_eq!(required_id(&mut v, "f", "cafe\u{301}"), "caf\u{E9}");
        assert_eq!(required_id(&mut v, "f", "\u{A0}acme\u{3000}"), "acme");
        assert!(v.is_empty(), "{v}");
        for (i, bad) in [
            "acme\u{200B}",
            "ac\u{200D}me",
            "\u{FEFF}acme",
            "acme\u{2060}",
            "acme\u{AD}",
            "invoice\u{202E}fdp.exe",
            "a\u{2066}b\u{2069}",
            "a\u{200E}b",
            "a\u{200F}b",
            "a\u{061C}b",
            "a\u{E0041}b",
        ]
        .iter()
        .enumerate()
        {
            let mut v = Violations::default();
            required_id(&mut v, &format!("id{i}"), bad);
            assert_eq!(v.0.len(), 1, "{bad:?}");
            assert_eq!(v.0[0].field, format!("id{i}"));
            assert!(v.0[0].reason.contains("invisible"), "{}", v.0[0].reason);
        }
    }

    #[test]
    fn emails_are_nfkc_and_refuse_invisible_characters() {
        let mut v = Violations::default();
        assert_eq!(
            email(&mut v, "e", "ＬＥＥ@ａｃｍｅ.example"),
            "lee@acme.example"
        );
        assert!(v.is_empty());
        for bad in ["lee\u{200B}@acme.example", "lee@acme\u{202E}.example"] {
            let mut v = Violations::default();
            email(&mut v, "e", bad);
            assert_eq!(v.0.len(), 1, "{bad:?}");
            assert!(v.0[0].reason.contains("invisible"));
        }
    }

    #[test]
    fn names_refuse_invisible_characters_but_keep_what_scripts_and_emoji_need() {
        for ok in [
            "Acme Inc.",
            "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}", // Persian, with ZWNJ
            "Family \u{1F469}\u{200D}\u{1F467}",                         // emoji ZWJ sequence
            "Export \u{27A1}\u{FE0F}",                                   // emoji presentation
            "e\u{301}",                                                  // names are kept as sent
        ] {
            let mut v = Violations::default();
            no_invisible_in_name(&mut v, "name", ok);
            assert!(v.is_empty(), "{ok:?}: {v}");
        }
        for bad in [
            "acme\u{200B}",
            "acme\u{200D}",
            "\u{200C}acme",
            "invoice \u{202E}fdp.exe\u{202C}",
            "a\u{2067}b",
            "\u{1F469}\u{200B}\u{1F467}",
        ] {
            let mut v = Violations::default();
            no_invisible_in_name(&mut v, "name", bad);
            assert_eq!(v.0.len(), 1, "{bad:?}");
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
