//! Feedback: one piece of evidence from a source system.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::account::contact_identity;
use super::validation::{Limits, Violation, Violations, no_nul, required_id, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Support,
    Csm,
    Telemetry,
    Sales,
    Research,
}

impl Source {
    pub const ALL: [Source; 5] = [
        Source::Support,
        Source::Csm,
        Source::Telemetry,
        Source::Sales,
        Source::Research,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Support => "SUPPORT",
            Source::Csm => "CSM",
            Source::Telemetry => "TELEMETRY",
            Source::Sales => "SALES",
            Source::Research => "RESEARCH",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Importance {
    NiceToHave,
    Important,
    Critical,
}

impl Importance {
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::NiceToHave => "NICE_TO_HAVE",
            Importance::Important => "IMPORTANT",
            Importance::Critical => "CRITICAL",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "NICE_TO_HAVE" => Some(Importance::NiceToHave),
            "IMPORTANT" => Some(Importance::Important),
            "CRITICAL" => Some(Importance::Critical),
            _ => None,
        }
    }
}

/// Who gave the feedback, as the source system knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactRef {
    pub external_id: Option<String>,
    pub email: Option<String>,
    pub name: String,
}

/// Feedback as it arrives, before validation. Enumerations the caller left unset (or sent with
/// an unknown number) are `None`; the edge records which.
#[derive(Debug, Clone, Default)]
pub struct FeedbackDraft {
    pub source: Option<Source>,
    pub source_ref: String,
    pub account_external_id: String,
    /// (external_id, email, name) when a contact was given.
    pub contact: Option<(String, String, String)>,
    pub title: String,
    pub body: String,
    pub importance: Option<Importance>,
    pub occurred_at: Option<DateTime<Utc>>,
}

/// A stored feedback item and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// Ascending in commit order.
    pub id: i64,
    pub source: Source,
    pub source_ref: String,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub importance: Option<Importance>,
    pub occurred_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    /// The request it is in now (after merges); `None` while the model's placer has not
    /// placed it.
    pub request_id: Option<i64>,
    /// The request it was assigned to, or a PM moved it to (merges do not change it).
    pub home_request_id: Option<i64>,
    /// The request chosen when it was placed (replayed by other instances).
    pub assigned_request_id: Option<i64>,
    pub moved_by_pm: bool,
}

/// A product telemetry signal (an event key) and the request whose demand it is evidence of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub id: i64,
    pub key: String,
    pub description: String,
    pub request_id: Option<i64>,
}

/// Validated feedback, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    pub source: Source,
    pub source_ref: String,
    pub account_external_id: String,
    pub contact: Option<ContactRef>,
    pub title: String,
    pub body: String,
    /// `None`: the source did not say (stored as unspecified, never defaulted).
    pub importance: Option<Importance>,
    pub occurred_at: DateTime<Utc>,
}

impl FeedbackDraft {
    /// Validates against `limits` at time `now`; fields are named under `prefix` (`feedback`).
    pub fn validate(
        self,
        prefix: &str,
        limits: &Limits,
        now: DateTime<Utc>,
    ) -> Result<NewFeedback, Violations> {
        let mut v = Violations::default();
        let f = |name: &str| format!("{prefix}.{name}");
        if self.source.is_none() {
            v.push(
                f("source"),
                "is required (SUPPORT, CSM, TELEMETRY, SALES or RESEARCH)",
            );
        }
        let source_ref = required_id(&mut v, &f("source_ref"), &self.source_ref);
        let account_external_id =
            required_id(&mut v, &f("account_external_id"), &self.account_external_id);
        let contact = self.contact.map(|(external_id, email, name)| {
            let (external_id, email) =
                contact_identity(&mut v, &f("contact"), &external_id, &email);
            if name.chars().count() > 500 {
                v.push(f("contact.name"), "is longer than 500 characters");
            }
            no_nul(&mut v, &f("contact.name"), &name);
            super::validation::no_invisible_in_name(&mut v, &f("contact.name"), &name);
            ContactRef {
                external_id,
                email,
                name: name.trim().to_owned(),
            }
        });
        text(&mut v, &f("title"), &self.title, limits);
        text(&mut v, &f("body"), &self.body, limits);
        if self.title.trim().is_empty() && self.body.trim().is_empty() {
            v.push(f("body"), "title and body are both empty");
        }
        match self.occurred_at {
            None => v.push(f("occurred_at"), "is required"),
            Some(t) if t > now + limits.max_future_skew => v.push(
                f("occurred_at"),
                format!(
                    "is more than {} seconds in the future",
                    limits.max_future_skew.num_seconds()
                ),
            ),
            Some(_) => {}
        }
        match (v.is_empty(), self.source, self.occurred_at) {
            (true, Some(source), Some(occurred_at)) => Ok(NewFeedback {
                source,
                source_ref,
                account_external_id,
                contact,
                title: self.title.trim().to_owned(),
                body: self.body.trim().to_owned(),
                importance: self.importance,
                occurred_at,
            }),
            _ => Err(v),
        }
    }
}

/// A stored contact as the ingest writer finds it: its id and its account's external id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactOwner {
    pub contact_id: i64,
    pub account_external_id: String,
}

/// What `r` names among things keyed by contact external id and by e-mail: by external id
/// first, then by e-mail (how every contact reference is matched).
pub fn by_contact_keys<'m, K, V>(
    by_ext: &'m HashMap<K, V>,
    by_email: &'m HashMap<K, V>,
    r: &ContactRef,
) -> Option<&'m V>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    r.external_id
        .as_deref()
        .and_then(|e| by_ext.get(e))
        .or_else(|| r.email.as_deref().and_then(|e| by_email.get(e)))
}

/// The items (index, account external id, contact) that name a contact belonging to another
/// account, each with why. A contact belongs to one account; it moves only when the CRM sync
/// says so (`UpsertContacts`), never because feedback named it under another account.
/// `stored` finds a contact already stored (matched by external id first, then by e-mail);
/// a contact first named in this batch belongs to the account of the first item naming it,
/// so a later item of the batch naming it under another account is refused as well.
pub fn foreign_contacts<'a>(
    items: impl IntoIterator<Item = (usize, &'a str, &'a ContactRef)>,
    stored: impl Fn(&ContactRef) -> Option<&'a ContactOwner>,
) -> HashMap<usize, Violation> {
    let mut by_ext: HashMap<&str, &str> = HashMap::new();
    let mut by_email: HashMap<&str, &str> = HashMap::new();
    let mut out = HashMap::new();
    for (i, account, contact) in items {
        let known = stored(contact);
        let owner = match known {
            Some(o) => Some(o.account_external_id.as_str()),
            None => by_contact_keys(&by_ext, &by_email, contact).copied(),
        };
        match owner {
            Some(owner) if owner != account => {
                let who = contact
                    .email
                    .as_deref()
                    .or(contact.external_id.as_deref())
                    .unwrap_or_default();
                let id = known
                    .map(|o| format!(" (id {})", o.contact_id))
                    .unwrap_or_default();
                out.insert(
                    i,
                    Violation::new(
                        "feedback.contact",
                        format!(
                            "contact {who:?}{id} belongs to account {owner:?}, not to account \
                             {account:?}; a contact moves to another account only through \
                             UpsertContacts"
                        ),
                    ),
                );
            }
            Some(_) => {}
            None => {
                if let Some(e) = contact.external_id.as_deref() {
                    by_ext.insert(e, account);
                }
                if let Some(e) = contact.email.as_deref() {
                    by_email.insert(e, account);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn draft() -> FeedbackDraft {
        FeedbackDraft {
            source: Some(Source::Support),
            source_ref: "T-1".into(),
            account_external_id: "acme".into(),
            contact: None,
            title: "Export to PDF".into(),
            body: "We need PDF exports".into(),
            importance: None,
            occurred_at: Some(now()),
        }
    }

    fn by_email(email: &str) -> ContactRef {
        ContactRef {
            email: Some(email.into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_contact_belongs_to_the_account_that_holds_it_or_first_named_it() {
        let alice = ContactOwner {
            contact_id: 7,
            account_external_id: "acme".into(),
        };
        let (a, b, c) = (
            by_email("alice@acme.example"),
            by_email("bob@globex.example"),
            ContactRef {
                external_id: Some("bob-1".into()),
                email: Some("bob@globex.example".into()),
                name: String::new(),
            },
        );
        let items = [
            (0, "acme", &a),   // stored, its own account
            (1, "globex", &a), // stored under acme: refused
            (2, "globex", &b), // new: globex's from here
            (3, "acme", &b),   // named by globex first in this batch: refused
            (4, "acme", &c),   // unknown external id, matched by its e-mail: refused
            (5, "globex", &c), // the same, its own account
        ];
        let refused = foreign_contacts(items, |r| {
            (r.email.as_deref() == Some("alice@acme.example")).then_some(&alice)
        });
        let mut which: Vec<usize> = refused.keys().copied().collect();
        which.sort_unstable();
        assert_eq!(which, [1, 3, 4]);
        assert_eq!(refused[&1].field, "feedback.contact");
        assert!(
            refused[&1]
                .reason
                .contains("(id 7) belongs to account \"acme\"")
        );
        assert!(refused[&3].reason.contains("belongs to account \"globex\""));
    }

    fn fields(err: Violations) -> Vec<String> {
        err.0.into_iter().map(|v| v.field).collect()
    }

    #[test]
    fn accepts_good_feedback_and_keeps_importance_unspecified() {
        let f = draft()
            .validate("feedback", &Limits::default(), now())
            .unwrap();
        assert_eq!(f.importance, None);
        assert_eq!(f.source_ref, "T-1");
    }

    #[test]
    fn names_each_missing_field() {
        let bad = FeedbackDraft::default();
        let err = bad
            .validate("feedback", &Limits::default(), now())
            .unwrap_err();
        assert_eq!(
            fields(err),
            [
                "feedback.source",
                "feedback.source_ref",
                "feedback.account_external_id",
                "feedback.body",
                "feedback.occurred_at"
            ]
        );
    }

    #[test]
    fn rejects_text_over_the_limit_and_future_times() {
        let limits = Limits {
            max_text_chars: 10,
            ..Limits::default()
        };
        let bad = FeedbackDraft {
            body: "é".repeat(11),
            occurred_at: Some(now() + chrono::Duration::days(2)),
            ..draft()
        };
        let err = bad.validate("feedback", &limits, now()).unwrap_err();
        assert_eq!(
            fields(err),
            ["feedback.title", "feedback.body", "feedback.occurred_at"]
        );
        // Exactly at the limit (in characters, not bytes) passes.
        let ok = FeedbackDraft {
            title: "t".into(),
            body: "é".repeat(10),
            ..draft()
        };
        assert!(ok.validate("feedback", &limits, now()).is_ok());
    }

    #[test]
    fn checks_the_contact() {
        let bad = FeedbackDraft {
            contact: Some((String::new(), "not-an-email".into(), "Ann".into())),
            ..draft()
        };
        let err = bad
            .validate("feedback", &Limits::default(), now())
            .unwrap_err();
        assert_eq!(fields(err), ["feedback.contact.email"]);
    }
}
