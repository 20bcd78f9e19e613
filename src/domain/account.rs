//! Accounts (customer companies) and contacts (people at them).

use chrono::NaiveDate;

use super::validation::{self, Violations, required_id};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    Key,
    Important,
    Standard,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Key => "KEY",
            Tier::Important => "IMPORTANT",
            Tier::Standard => "STANDARD",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "KEY" => Some(Tier::Key),
            "IMPORTANT" => Some(Tier::Important),
            "STANDARD" => Some(Tier::Standard),
            _ => None,
        }
    }
}

/// ARR thresholds (minor units) from which an unset tier is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierThresholds {
    /// ARR at or above this is KEY.
    pub key_arr: i64,
    /// ARR at or above this (and below `key_arr`) is IMPORTANT.
    pub important_arr: i64,
}

impl Default for TierThresholds {
    fn default() -> Self {
        // 100,000.00 and 25,000.00 in minor units.
        Self {
            key_arr: 10_000_000,
            important_arr: 2_500_000,
        }
    }
}

/// The tier an account counts as: the explicit one if set, else derived from ARR. `None` for a
/// placeholder with neither (nothing is known about it yet).
pub fn effective_tier(
    explicit: Option<Tier>,
    arr: Option<i64>,
    thresholds: TierThresholds,
) -> Option<(Tier, bool)> {
    if let Some(tier) = explicit {
        return Some((tier, false));
    }
    let arr = arr?;
    let tier = if arr >= thresholds.key_arr {
        Tier::Key
    } else if arr >= thresholds.important_arr {
        Tier::Important
    } else {
        Tier::Standard
    };
    Some((tier, true))
}

/// A stored account: as the CRM sync last described it, or a placeholder until it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub external_id: String,
    pub name: String,
    /// Minor units; `None` on a placeholder.
    pub arr: Option<i64>,
    /// The explicit tier; `None` derives it from ARR (see [`Account::tier`]).
    pub explicit_tier: Option<Tier>,
    pub segment: String,
    pub seats: Option<i32>,
    /// `YYYY-MM-DD`.
    pub renewal_date: Option<String>,
    pub health: Option<i32>,
    pub csm_email: String,
    pub placeholder: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Account {
    /// The tier it counts as, and whether it was derived from ARR (see [`effective_tier`]).
    pub fn tier(&self, thresholds: TierThresholds) -> Option<(Tier, bool)> {
        effective_tier(self.explicit_tier, self.arr, thresholds)
    }
}

/// An account as the CRM sync describes it, before validation. `None`: the field was not sent,
/// and an update keeps what is stored (a partial update).
#[derive(Debug, Clone, Default)]
pub struct AccountDraft {
    pub external_id: String,
    pub name: Option<String>,
    pub arr: Option<i64>,
    /// `Some(None)`: sent as unspecified, derive the tier from ARR.
    pub tier: Option<Option<Tier>>,
    pub segment: Option<String>,
    pub seats: Option<i32>,
    pub renewal_date: Option<String>,
    pub health: Option<i32>,
    pub csm_email: Option<String>,
    /// When the change of ARR, tier or health took effect in the CRM; `None` is now.
    pub effective_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A validated account; `None` fields were not sent and are kept on update (empty on insert).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewAccount {
    pub external_id: String,
    pub name: Option<String>,
    pub arr: Option<i64>,
    pub tier: Option<Option<Tier>>,
    pub segment: Option<String>,
    pub seats: Option<i32>,
    /// `Some(None)`: sent empty, clears the date.
    pub renewal_date: Option<Option<NaiveDate>>,
    pub health: Option<i32>,
    pub csm_email: Option<String>,
    pub effective_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl NewAccount {
    /// Which fields were sent, as a key: accounts with the same key are written by one
    /// statement that sets exactly those columns.
    pub fn sent(&self) -> [bool; 8] {
        [
            self.name.is_some(),
            self.arr.is_some(),
            self.tier.is_some(),
            self.segment.is_some(),
            self.seats.is_some(),
            self.renewal_date.is_some(),
            self.health.is_some(),
            self.csm_email.is_some(),
        ]
    }
}

impl AccountDraft {
    /// Validates; field names are prefixed with `prefix` (e.g. `accounts[3]`).
    pub fn validate(self, prefix: &str) -> Result<NewAccount, Violations> {
        let mut v = Violations::default();
        let f = |name: &str| format!("{prefix}.{name}");
        let external_id = required_id(&mut v, &f("external_id"), &self.external_id);
        if let Some(name) = &self.name {
            if name.chars().count() > 500 {
                v.push(f("name"), "is longer than 500 characters");
            }
            validation::no_nul(&mut v, &f("name"), name);
            validation::no_invisible_in_name(&mut v, &f("name"), name);
        }
        if let Some(arr) = self.arr
            && arr < 0
        {
            v.push(f("arr"), "must not be negative");
        }
        if let Some(seats) = self.seats
            && seats < 0
        {
            v.push(f("seats"), "must not be negative");
        }
        if let Some(health) = self.health
            && !(0..=100).contains(&health)
        {
            v.push(f("health"), "must be between 0 and 100");
        }
        let renewal_date = self.renewal_date.map(|d| match d.trim() {
            "" => None,
            s => match validation::date(s) {
                Some(d) => Some(d),
                None => {
                    v.push(f("renewal_date"), "must be a date as YYYY-MM-DD");
                    None
                }
            },
        });
        let csm_email = self.csm_email.map(|e| match e.trim() {
            "" => String::new(),
            s => validation::email(&mut v, &f("csm_email"), s),
        });
        if let Some(segment) = &self.segment {
            if segment.chars().count() > 200 {
                v.push(f("segment"), "is longer than 200 characters");
            }
            validation::no_nul(&mut v, &f("segment"), segment);
        }
        v.into_result(NewAccount {
            external_id,
            name: self.name.map(|n| n.trim().to_owned()),
            arr: self.arr,
            tier: self.tier,
            segment: self.segment.map(|s| s.trim().to_owned()),
            seats: self.seats,
            renewal_date,
            health: self.health,
            csm_email,
            effective_at: self.effective_at,
        })
    }
}

/// A stored contact of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub account_id: i64,
    pub external_id: Option<String>,
    /// Lower case.
    pub email: Option<String>,
    pub name: String,
    pub locale: String,
    pub opted_out: bool,
    /// The channel they asked for, if they did.
    pub channel: Option<super::notify::Channel>,
    /// Created by feedback before the CRM sent it.
    pub placeholder: bool,
    /// Personal data erased (ForgetContact); the row stays for anonymous counts.
    pub forgotten: bool,
}

/// A contact as the CRM sync describes it, before validation.
#[derive(Debug, Clone, Default)]
pub struct ContactDraft {
    pub external_id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub account_external_id: String,
}

/// A validated contact: at least one of `external_id` and `email` is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub external_id: Option<String>,
    pub email: Option<String>,
    pub name: String,
    pub locale: String,
    pub account_external_id: String,
}

/// Validates the identity part shared by contacts in the CRM sync and in feedback.
pub fn contact_identity(
    v: &mut Violations,
    prefix: &str,
    external_id: &str,
    email: &str,
) -> (Option<String>, Option<String>) {
    let f = |name: &str| format!("{prefix}.{name}");
    let external_id = match external_id.trim() {
        "" => None,
        s => Some(required_id(v, &f("external_id"), s)),
    };
    let email = match email.trim() {
        "" => None,
        s => Some(validation::email(v, &f("email"), s)),
    };
    if external_id.is_none() && email.is_none() {
        v.push(f("external_id"), "external_id or email is required");
    }
    (external_id, email)
}

impl ContactDraft {
    pub fn validate(self, prefix: &str) -> Result<NewContact, Violations> {
        let mut v = Violations::default();
        let (external_id, email) = contact_identity(&mut v, prefix, &self.external_id, &self.email);
        let account_external_id = required_id(
            &mut v,
            &format!("{prefix}.account_external_id"),
            &self.account_external_id,
        );
        if self.name.chars().count() > 500 {
            v.push(format!("{prefix}.name"), "is longer than 500 characters");
        }
        validation::no_nul(&mut v, &format!("{prefix}.name"), &self.name);
        validation::no_invisible_in_name(&mut v, &format!("{prefix}.name"), &self.name);
        let locale = self.locale.trim();
        if locale.len() > 35
            || !locale
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            v.push(
                format!("{prefix}.locale"),
                "must be a language tag such as en or zh-CN",
            );
        }
        v.into_result(NewContact {
            external_id,
            email,
            name: self.name.trim().to_owned(),
            locale: locale.to_owned(),
            account_external_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> AccountDraft {
        AccountDraft {
            external_id: "acme".into(),
            name: Some("Acme".into()),
            arr: Some(100),
            ..Default::default()
        }
    }

    #[test]
    fn derives_tier_from_arr_unless_set() {
        let t = TierThresholds {
            key_arr: 1000,
            important_arr: 100,
        };
        assert_eq!(effective_tier(None, Some(1000), t), Some((Tier::Key, true)));
        assert_eq!(
            effective_tier(None, Some(999), t),
            Some((Tier::Important, true))
        );
        assert_eq!(
            effective_tier(None, Some(99), t),
            Some((Tier::Standard, true))
        );
        assert_eq!(
            effective_tier(Some(Tier::Standard), Some(5000), t),
            Some((Tier::Standard, false))
        );
        assert_eq!(effective_tier(None, None, t), None);
    }

    #[test]
    fn rejects_bad_fields_by_name() {
        let bad = AccountDraft {
            external_id: " ".into(),
            arr: Some(-1),
            health: Some(101),
            seats: Some(-3),
            renewal_date: Some("2026-13-01".into()),
            csm_email: Some("nobody".into()),
            ..Default::default()
        };
        let err = bad.validate("accounts[0]").unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "accounts[0].external_id",
                "accounts[0].arr",
                "accounts[0].seats",
                "accounts[0].health",
                "accounts[0].renewal_date",
                "accounts[0].csm_email"
            ]
        );
    }

    #[test]
    fn accepts_a_good_account() {
        let ok = AccountDraft {
            renewal_date: Some("2027-01-31".into()),
            health: Some(0),
            ..draft()
        };
        let a = ok.validate("a").unwrap();
        assert_eq!(a.renewal_date, Some(NaiveDate::from_ymd_opt(2027, 1, 31)));
        // Fields not sent stay unset (kept on update); a date sent empty clears it.
        assert_eq!(
            a.sent(),
            [true, true, false, false, false, true, true, false]
        );
        let cleared = AccountDraft {
            renewal_date: Some(" ".into()),
            ..draft()
        };
        assert_eq!(cleared.validate("a").unwrap().renewal_date, Some(None));
    }

    #[test]
    fn contact_needs_an_identity() {
        let c = ContactDraft {
            account_external_id: "acme".into(),
            ..Default::default()
        };
        let err = c.validate("contacts[0]").unwrap_err();
        assert_eq!(err.0[0].field, "contacts[0].external_id");
        let c = ContactDraft {
            email: "Ann@Acme.io".into(),
            account_external_id: "acme".into(),
            locale: "zh-CN".into(),
            ..Default::default()
        };
        assert_eq!(
            c.validate("c").unwrap().email.as_deref(),
            Some("ann@acme.io")
        );
    }
}
