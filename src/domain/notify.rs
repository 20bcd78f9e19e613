//! Closing the loop: who is told what when a request ships (or is planned), through which
//! channel, and when a failed delivery is tried again. Pure: the caller gathers the facts.
//!
//! One notification per (contact, request, channel): a contact who asked five times gets one,
//! quoting all five. Feedback without a contact becomes one task for the account's CSM. A KEY
//! account's contact also gets a CSM task, since the CSM tells the customer in person.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// How a notification reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Email,
    InApp,
    /// A task for the account's CSM, who tells the customer in person.
    CsmTask,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "EMAIL",
            Channel::InApp => "IN_APP",
            Channel::CsmTask => "CSM_TASK",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Email, Channel::InApp, Channel::CsmTask]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Why a notification is recorded but never delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suppression {
    /// The contact opted out of product messages.
    OptedOut,
    /// The contact's personal data was erased.
    Forgotten,
    /// A CSM task for an account without a CSM.
    NoCsm,
}

impl Suppression {
    pub fn as_str(self) -> &'static str {
        match self {
            Suppression::OptedOut => "OPTED_OUT",
            Suppression::Forgotten => "FORGOTTEN",
            Suppression::NoCsm => "NO_CSM",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Suppression::OptedOut,
            Suppression::Forgotten,
            Suppression::NoCsm,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// What a notification announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// The request shipped in a release.
    Shipped,
    /// "We heard you": the request was planned.
    Planned,
    /// "We heard you": work on the request started.
    InProgress,
    /// The requester's feedback reached a request that had already shipped.
    AlreadyAvailable,
}

impl Trigger {
    /// The stored name (at most 16 characters).
    pub const fn as_str(self) -> &'static str {
        match self {
            Trigger::Shipped => "SHIPPED",
            Trigger::Planned => "PLANNED",
            Trigger::InProgress => "IN_PROGRESS",
            Trigger::AlreadyAvailable => "AVAILABLE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Trigger::Shipped,
            Trigger::Planned,
            Trigger::InProgress,
            Trigger::AlreadyAvailable,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// What the sender needs to know about a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFacts {
    pub account_id: i64,
    pub email: Option<String>,
    /// The contact's external id (the address of an in-app message), if any.
    pub external_id: Option<String>,
    pub opted_out: bool,
    pub forgotten: bool,
    pub channel: Option<Channel>,
}

/// What the sender needs to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    pub key: bool,
    pub csm_email: String,
}

/// One feedback item behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub feedback_id: i64,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub source: String,
    pub source_ref: String,
    pub occurred_at: i64,
    pub title: String,
    pub body: String,
}

/// The requester's own words, as quoted back to them (and to their CSM).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    pub feedback_id: i64,
    pub source: String,
    pub source_ref: String,
    /// Microseconds since the epoch.
    pub occurred_at: i64,
    pub excerpt: String,
    /// The request the words are evidence of (a CSM's task spans a release's requests).
    #[serde(default)]
    pub request_id: i64,
    /// Who said them; `None` for feedback without a contact.
    #[serde(default)]
    pub contact_id: Option<i64>,
}

/// One notification to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub request_id: i64,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub channel: Channel,
    /// The address: an email, a contact's external id (in-app), or the CSM's email.
    pub recipient: String,
    pub suppressed: Option<Suppression>,
    /// Oldest first.
    pub quotes: Vec<Quote>,
}

impl Planned {
    /// Unique per trigger and scope (a release, or a status change): writing the same plan
    /// twice finds the first.
    pub fn dedupe_key(&self, trigger: Trigger, scope: i64) -> String {
        let who = match self.contact_id {
            Some(c) => format!("c{c}"),
            None => format!("a{}", self.account_id),
        };
        format!(
            "{}:{scope}:{}:{who}:{}",
            trigger.as_str(),
            self.request_id,
            self.channel.as_str()
        )
    }
}

/// The title a notification carries: the PM's, else the generated one only when the caller
/// accepted generated titles, else none (the release note and the requester's own quotes
/// speak). A generated title is made from some customer's words, so by default it never goes
/// to another customer.
pub fn notification_title(
    pm_title: Option<&str>,
    generated: &str,
    accept_generated: bool,
) -> String {
    match pm_title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_owned(),
        None if accept_generated => generated.to_owned(),
        None => String::new(),
    }
}

/// Whether a request may ship without the caller accepting generated titles: it has a PM
/// title or a release note.
pub fn has_shippable_words(pm_title: Option<&str>, note: &str) -> bool {
    pm_title.is_some_and(|t| !t.trim().is_empty()) || !note.trim().is_empty()
}

/// Which planned notifications of an "already available" announcement are new: those whose
/// recipient (contact, or account for contact-less feedback) was not told about the request
/// already, whatever the channel. `told` holds (contact id, account id) pairs with
/// contact id 0 for an account's contact-less task.
pub fn not_yet_told(
    planned: Vec<Planned>,
    told: &std::collections::HashSet<(i64, i64)>,
) -> Vec<Planned> {
    planned
        .into_iter()
        .filter(|p| !told.contains(&(p.contact_id.unwrap_or(0), p.account_id)))
        .collect()
}

/// The first `max_chars` characters of a feedback's words (title, then body), on a word
/// boundary where one is near, with an ellipsis when cut.
pub fn excerpt(title: &str, body: &str, max_chars: usize) -> String {
    let text = match (title.trim(), body.trim()) {
        ("", b) => b.to_owned(),
        (t, "") => t.to_owned(),
        (t, b) if b.starts_with(t) => b.to_owned(),
        (t, b) => format!("{t}: {b}"),
    };
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let trimmed = match cut.rfind(' ') {
        Some(i) if i * 2 >= cut.len() => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", trimmed.trim_end())
}

/// Every notification for one request: one per contact (and channel), one CSM task per
/// account for feedback without a contact. In a stable order (contacts, then accounts).
pub fn plan_request(
    request_id: i64,
    evidence: &[Evidence],
    contacts: &HashMap<i64, ContactFacts>,
    accounts: &HashMap<i64, AccountFacts>,
    excerpt_chars: usize,
) -> Vec<Planned> {
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Who {
        Contact(i64),
        Account(i64),
    }
    let mut groups: BTreeMap<Who, Vec<&Evidence>> = BTreeMap::new();
    for e in evidence {
        // A contact the store no longer knows counts as contact-less: the CSM still hears.
        let who = match e.contact_id {
            Some(c) if contacts.contains_key(&c) => Who::Contact(c),
            _ => Who::Account(e.account_id),
        };
        groups.entry(who).or_default().push(e);
    }
    let mut out = Vec::new();
    for (who, mut items) in groups {
        items.sort_by_key(|e| (e.occurred_at, e.feedback_id));
        let quotes: Vec<Quote> = items
            .iter()
            .map(|e| Quote {
                feedback_id: e.feedback_id,
                source: e.source.clone(),
                source_ref: e.source_ref.clone(),
                occurred_at: e.occurred_at,
                excerpt: excerpt(&e.title, &e.body, excerpt_chars),
                request_id,
                contact_id: e.contact_id,
            })
            .collect();
        let csm_task =
            |account_id: i64, contact_id: Option<i64>, suppressed: Option<Suppression>| {
                let csm = accounts
                    .get(&account_id)
                    .map(|a| a.csm_email.clone())
                    .unwrap_or_default();
                let suppressed = suppressed.or(csm.is_empty().then_some(Suppression::NoCsm));
                Planned {
                    request_id,
                    account_id,
                    contact_id,
                    channel: Channel::CsmTask,
                    recipient: csm,
                    suppressed,
                    quotes: quotes.clone(),
                }
            };
        match who {
            Who::Account(account_id) => out.push(csm_task(account_id, None, None)),
            Who::Contact(contact_id) => {
                let c = &contacts[&contact_id];
                let suppressed = if c.forgotten {
                    Some(Suppression::Forgotten)
                } else if c.opted_out {
                    Some(Suppression::OptedOut)
                } else {
                    None
                };
                let (channel, recipient) = match (c.channel, &c.email) {
                    (Some(Channel::Email) | None, Some(email)) => (Channel::Email, email.clone()),
                    _ => (
                        Channel::InApp,
                        c.external_id
                            .clone()
                            .unwrap_or_else(|| format!("contact:{contact_id}")),
                    ),
                };
                let key = accounts.get(&c.account_id).is_some_and(|a| a.key);
                out.push(Planned {
                    request_id,
                    account_id: c.account_id,
                    contact_id: Some(contact_id),
                    channel,
                    recipient,
                    suppressed,
                    quotes: quotes.clone(),
                });
                if key {
                    out.push(csm_task(c.account_id, Some(contact_id), suppressed));
                }
            }
        }
    }
    out
}

/// One CSM task per account: the CSM tasks [`plan_request`] makes per request (and contact)
/// become one per account, listing every request and every contact's words (a CSM of a KEY
/// account with fifty requesters gets one task per release, not fifty). Words of contacts who
/// opted out or were forgotten are left out; a task left with no words keeps the first
/// suppression. The task sits with its lowest request; every other notification keeps its
/// place. Planning a whole release at once makes it one task per (account, release).
pub fn one_csm_task_per_account(planned: Vec<Planned>) -> Vec<Planned> {
    let mut tasks: BTreeMap<i64, Vec<Planned>> = BTreeMap::new();
    let mut out = Vec::with_capacity(planned.len());
    for p in planned {
        if p.channel == Channel::CsmTask {
            tasks.entry(p.account_id).or_default().push(p);
        } else {
            out.push(p);
        }
    }
    for (account_id, parts) in tasks {
        let request_id = parts.iter().map(|p| p.request_id).min().unwrap_or_default();
        let recipient = parts[0].recipient.clone();
        let no_csm = parts
            .iter()
            .any(|p| p.suppressed == Some(Suppression::NoCsm));
        let told: Vec<&Planned> = parts
            .iter()
            .filter(|p| {
                !matches!(
                    p.suppressed,
                    Some(Suppression::OptedOut | Suppression::Forgotten)
                )
            })
            .collect();
        let mut quotes: Vec<Quote> = told.iter().flat_map(|p| p.quotes.clone()).collect();
        quotes.sort_by_key(|q| (q.request_id, q.occurred_at, q.feedback_id));
        quotes.dedup_by_key(|q| q.feedback_id);
        let suppressed = if no_csm {
            Some(Suppression::NoCsm)
        } else if told.is_empty() {
            parts[0].suppressed
        } else {
            None
        };
        out.push(Planned {
            request_id,
            account_id,
            contact_id: None,
            channel: Channel::CsmTask,
            recipient,
            suppressed,
            quotes,
        });
    }
    out
}

/// Retry policy for failed deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; after the last failure a notification is DEAD.
    pub max_attempts: u32,
    /// Delay after the first failure; doubles after each further one.
    pub base: Duration,
    /// The longest delay.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base: Duration::from_secs(30),
            cap: Duration::from_secs(3600),
        }
    }
}

/// What follows the `failures`-th failed attempt (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryIn(Duration),
    Dead,
}

impl RetryPolicy {
    pub fn after_failure(&self, failures: u32) -> AfterFailure {
        if failures >= self.max_attempts {
            return AfterFailure::Dead;
        }
        let doublings = failures.saturating_sub(1).min(30);
        let delay = self.base.saturating_mul(1u32 << doublings).min(self.cap);
        AfterFailure::RetryIn(delay)
    }
}

/// Where a notification is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryStatus {
    Pending,
    /// Failed at least once; due again at `next_attempt_at`.
    Failed,
    Delivered,
    Dead,
    Suppressed,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 5] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Failed,
        DeliveryStatus::Delivered,
        DeliveryStatus::Dead,
        DeliveryStatus::Suppressed,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "PENDING",
            DeliveryStatus::Failed => "FAILED",
            DeliveryStatus::Delivered => "DELIVERED",
            DeliveryStatus::Dead => "DEAD",
            DeliveryStatus::Suppressed => "SUPPRESSED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The delivery state of one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub status: DeliveryStatus,
    /// Failed attempts so far; the current attempt is `failures + 1`.
    pub failures: u32,
    pub last_error: String,
    /// Microseconds since the epoch.
    pub next_attempt_at: i64,
    pub lease_until: i64,
}

/// A stored notification: what it announces, to whom and through which channel, and where
/// its delivery is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Ascending in commit order: a stream's cursor.
    pub id: i64,
    /// One notification per (trigger, scope, request, recipient, channel).
    pub dedupe_key: String,
    pub trigger: Trigger,
    pub release_id: Option<i64>,
    pub request_id: i64,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub channel: Channel,
    pub recipient: String,
    /// Why it was suppressed, when it was.
    pub suppressed: Option<Suppression>,
    pub delivery: Delivery,
    /// Who holds (or last held) the lease.
    pub lease_owner: String,
    /// JSON: release, request title, note, the requester's quotes.
    pub payload: String,
    /// Microseconds since the epoch.
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a consumer reports for one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    Failed(String),
}

/// The attempt a notification in `status` after `failures` failures is at (1-based).
pub fn attempt_number(status: DeliveryStatus, failures: u32) -> u32 {
    match status {
        DeliveryStatus::Dead => failures.max(1),
        _ => failures + 1,
    }
}

impl Delivery {
    /// The attempt a consumer holds or last held (1-based): a DEAD notification's last attempt
    /// is its last failure, so the number never exceeds the policy's maximum.
    pub fn attempt(&self) -> u32 {
        attempt_number(self.status, self.failures)
    }

    /// Whether the notification was handed out (claimed or streamed) since its last failure
    /// was recorded: recording a failure clears the lease, handing out sets it.
    fn handed_out_since_last_failure(&self) -> bool {
        self.failures == 0 || self.lease_until != 0
    }
}

/// The state after an ack, or `None` when the ack changes nothing: a repeated ack, an ack for
/// an attempt already recorded (`attempt` 0 means the latest one handed out), or a suppressed
/// notification. Acks are idempotent per (notification, attempt): a failure counts only for
/// an attempt handed out after the previous failure, so repeating a FAILED ack (with or
/// without its attempt number) never counts twice and the count never passes the maximum.
/// A late DELIVERED wins over FAILED and DEAD, and over a suppression that came after the
/// notification was handed out: the message did arrive.
pub fn apply_ack(
    d: &Delivery,
    outcome: &Outcome,
    attempt: u32,
    policy: &RetryPolicy,
    now_us: i64,
) -> Option<Delivery> {
    use DeliveryStatus::*;
    if d.status == Delivered {
        return None;
    }
    // Suppression (an opt-out, an erasure) stops what was not sent; a notification already
    // handed out may have arrived, and a DELIVERED ack for it says so.
    let handed_out = d.lease_until != 0 || d.failures > 0;
    if d.status == Suppressed && !(handed_out && *outcome == Outcome::Delivered) {
        return None;
    }
    let fresh = d.status != Dead && d.handed_out_since_last_failure();
    // The attempt the ack is about: the one handed out since the last failure, or else the
    // one whose failure was last recorded.
    let latest = if fresh { d.failures + 1 } else { d.failures };
    if attempt != 0 && attempt != latest {
        return None;
    }
    match outcome {
        Outcome::Delivered => Some(Delivery {
            status: Delivered,
            // A late DELIVERED for the attempt recorded as failed: that attempt did arrive.
            failures: latest.saturating_sub(1),
            lease_until: 0,
            ..d.clone()
        }),
        Outcome::Failed(_) if !fresh => None,
        Outcome::Failed(reason) => {
            let failures = (d.failures + 1).min(policy.max_attempts.max(1));
            let (status, next) = match policy.after_failure(failures) {
                AfterFailure::RetryIn(delay) => {
                    (Failed, now_us.saturating_add(delay.as_micros() as i64))
                }
                AfterFailure::Dead => (Dead, d.next_attempt_at),
            };
            Some(Delivery {
                status,
                failures,
                last_error: reason.clone(),
                next_attempt_at: next,
                lease_until: 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: i64, account: i64, contact: Option<i64>, at: i64, text: &str) -> Evidence {
        Evidence {
            feedback_id: id,
            account_id: account,
            contact_id: contact,
            source: "SUPPORT".into(),
            source_ref: format!("T-{id}"),
            occurred_at: at,
            title: text.into(),
            body: String::new(),
        }
    }

    fn contact(account: i64, email: Option<&str>) -> ContactFacts {
        ContactFacts {
            account_id: account,
            email: email.map(str::to_owned),
            external_id: None,
            opted_out: false,
            forgotten: false,
            channel: None,
        }
    }

    fn accounts(key: &[i64], csm: &str) -> HashMap<i64, AccountFacts> {
        (1..=5)
            .map(|a| {
                (
                    a,
                    AccountFacts {
                        key: key.contains(&a),
                        csm_email: csm.into(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_contact_who_asked_five_times_gets_one_notification_quoting_all_five() {
        let evidence: Vec<Evidence> = (1..=5)
            .map(|i| ev(i, 1, Some(10), 100 - i, &format!("ask {i}")))
            .collect();
        let contacts = HashMap::from([(10, contact(1, Some("a@x.io")))]);
        let out = plan_request(7, &evidence, &contacts, &accounts(&[], "csm@x.io"), 200);
        assert_eq!(out.len(), 1);
        let n = &out[0];
        assert_eq!(
            (n.channel, n.recipient.as_str()),
            (Channel::Email, "a@x.io")
        );
        assert_eq!(n.quotes.len(), 5);
        assert_eq!(n.quotes[0].excerpt, "ask 5", "oldest first");
        assert_eq!(n.suppressed, None);
    }

    #[test]
    fn key_accounts_also_get_a_csm_task_and_contactless_feedback_goes_to_the_csm() {
        let evidence = vec![
            ev(1, 1, Some(10), 1, "a"),
            ev(2, 2, Some(20), 2, "b"),
            ev(3, 3, None, 3, "c"),
            ev(4, 3, None, 4, "d"),
        ];
        let contacts = HashMap::from([
            (10, contact(1, Some("k@key.io"))),
            (20, contact(2, Some("s@small.io"))),
        ]);
        let out = plan_request(7, &evidence, &contacts, &accounts(&[1], "csm@x.io"), 200);
        let got: Vec<(Option<i64>, i64, Channel)> = out
            .iter()
            .map(|n| (n.contact_id, n.account_id, n.channel))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(10), 1, Channel::Email),
                (Some(10), 1, Channel::CsmTask),
                (Some(20), 2, Channel::Email),
                (None, 3, Channel::CsmTask),
            ]
        );
        assert_eq!(out[1].recipient, "csm@x.io");
        assert_eq!(
            out[3].quotes.len(),
            2,
            "one task for the account, both items"
        );
    }

    #[test]
    fn a_key_accounts_csm_gets_one_task_listing_every_request_and_contact() {
        // Two contacts of KEY account 1 on two requests, and feedback without a contact;
        // contact 12 opted out; account 2 is small.
        let mut contacts = HashMap::from([
            (10, contact(1, Some("a@key.io"))),
            (11, contact(1, Some("b@key.io"))),
            (12, contact(1, Some("c@key.io"))),
            (20, contact(2, Some("s@small.io"))),
        ]);
        contacts.get_mut(&12).unwrap().opted_out = true;
        let key = accounts(&[1], "csm@x.io");
        let mut planned = plan_request(
            7,
            &[
                ev(1, 1, Some(10), 1, "a7"),
                ev(2, 1, Some(11), 2, "b7"),
                ev(3, 1, None, 3, "n7"),
                ev(4, 1, Some(12), 4, "c7"),
            ],
            &contacts,
            &key,
            200,
        );
        planned.extend(plan_request(
            9,
            &[ev(5, 1, Some(10), 5, "a9"), ev(6, 2, Some(20), 6, "s9")],
            &contacts,
            &key,
            200,
        ));
        let out = one_csm_task_per_account(planned);
        let tasks: Vec<&Planned> = out
            .iter()
            .filter(|p| p.channel == Channel::CsmTask)
            .collect();
        assert_eq!(tasks.len(), 1, "{out:?}");
        let task = tasks[0];
        assert_eq!(
            (
                task.request_id,
                task.account_id,
                task.contact_id,
                task.recipient.as_str()
            ),
            (7, 1, None, "csm@x.io")
        );
        assert_eq!(task.suppressed, None);
        let words: Vec<(i64, Option<i64>, &str)> = task
            .quotes
            .iter()
            .map(|q| (q.request_id, q.contact_id, q.excerpt.as_str()))
            .collect();
        assert_eq!(
            words,
            vec![
                (7, Some(10), "a7"),
                (7, Some(11), "b7"),
                (7, None, "n7"),
                (9, Some(10), "a9"),
            ],
            "every request and contact, not the one who opted out"
        );
        // The contacts' own notifications are untouched.
        let emails = out.iter().filter(|p| p.channel == Channel::Email).count();
        assert_eq!(emails, 5);
        // No CSM: one task, suppressed.
        let no_csm = one_csm_task_per_account(plan_request(
            7,
            &[ev(1, 1, Some(10), 1, "a"), ev(2, 1, None, 2, "b")],
            &contacts,
            &accounts(&[1], ""),
            200,
        ));
        let t: Vec<&Planned> = no_csm
            .iter()
            .filter(|p| p.channel == Channel::CsmTask)
            .collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].suppressed, Some(Suppression::NoCsm));
    }

    #[test]
    fn preferences_and_erasure_pick_the_channel_or_suppress() {
        let mut in_app = contact(1, Some("p@x.io"));
        in_app.channel = Some(Channel::InApp);
        in_app.external_id = Some("u-1".into());
        let no_email = contact(1, None);
        let mut opted = contact(1, Some("o@x.io"));
        opted.opted_out = true;
        let mut gone = contact(2, None);
        gone.forgotten = true;
        gone.opted_out = true;
        let contacts = HashMap::from([(1, in_app), (2, no_email), (3, opted), (4, gone)]);
        let evidence: Vec<Evidence> = (1..=4).map(|c| ev(c, 1, Some(c), c, "x")).collect();
        let out = plan_request(7, &evidence, &contacts, &accounts(&[2], ""), 200);
        let got: Vec<(Channel, &str, Option<Suppression>)> = out
            .iter()
            .map(|n| (n.channel, n.recipient.as_str(), n.suppressed))
            .collect();
        assert_eq!(
            got,
            vec![
                (Channel::InApp, "u-1", None),
                (Channel::InApp, "contact:2", None),
                (Channel::Email, "o@x.io", Some(Suppression::OptedOut)),
                (Channel::InApp, "contact:4", Some(Suppression::Forgotten)),
                (Channel::CsmTask, "", Some(Suppression::Forgotten)),
            ]
        );
        let csm_less = plan_request(
            7,
            &[ev(9, 2, None, 1, "y")],
            &contacts,
            &accounts(&[], ""),
            9,
        );
        assert_eq!(csm_less[0].suppressed, Some(Suppression::NoCsm));
    }

    #[test]
    fn dedupe_keys_differ_by_everything_that_makes_a_notification_distinct() {
        let evidence = vec![ev(1, 1, Some(10), 1, "a"), ev(2, 1, None, 2, "b")];
        let contacts = HashMap::from([(10, contact(1, Some("a@x.io")))]);
        let out = plan_request(7, &evidence, &contacts, &accounts(&[1], "c@x.io"), 9);
        let mut keys: Vec<String> = out
            .iter()
            .map(|n| n.dedupe_key(Trigger::Shipped, 3))
            .collect();
        keys.push(out[0].dedupe_key(Trigger::Planned, 0));
        keys.push(out[0].dedupe_key(Trigger::Shipped, 4));
        let unique: std::collections::HashSet<&String> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        assert_eq!(
            out[0].dedupe_key(Trigger::Shipped, 3),
            "SHIPPED:3:7:c10:EMAIL"
        );
    }

    #[test]
    fn excerpts_are_cut_on_a_word_near_the_limit() {
        assert_eq!(
            excerpt("Export", "Export to CSV please", 100),
            "Export to CSV please"
        );
        assert_eq!(excerpt("Dark mode", "at night", 100), "Dark mode: at night");
        assert_eq!(excerpt("one two three four five", "", 12), "one two…");
        assert_eq!(excerpt("", "希望支持导出报表功能", 5), "希望支持…");
        assert!(excerpt("a  b\n\nc", "", 50) == "a b c");
    }

    #[test]
    fn retries_back_off_exponentially_up_to_a_cap_then_die() {
        let p = RetryPolicy {
            max_attempts: 4,
            base: Duration::from_secs(10),
            cap: Duration::from_secs(25),
        };
        assert_eq!(
            p.after_failure(1),
            AfterFailure::RetryIn(Duration::from_secs(10))
        );
        assert_eq!(
            p.after_failure(2),
            AfterFailure::RetryIn(Duration::from_secs(20))
        );
        assert_eq!(
            p.after_failure(3),
            AfterFailure::RetryIn(Duration::from_secs(25))
        );
        assert_eq!(p.after_failure(4), AfterFailure::Dead);
        let one = RetryPolicy {
            max_attempts: 1,
            ..p
        };
        assert_eq!(one.after_failure(1), AfterFailure::Dead);
    }

    #[test]
    fn names_round_trip() {
        for c in [Channel::Email, Channel::InApp, Channel::CsmTask] {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for t in [
            Trigger::Shipped,
            Trigger::Planned,
            Trigger::InProgress,
            Trigger::AlreadyAvailable,
        ] {
            assert_eq!(Trigger::parse(t.as_str()), Some(t));
        }
        for s in [
            Suppression::OptedOut,
            Suppression::Forgotten,
            Suppression::NoCsm,
        ] {
            assert_eq!(Suppression::parse(s.as_str()), Some(s));
        }
    }
    #[test]
    fn acks_are_idempotent_and_failures_retry_then_die() {
        let policy = RetryPolicy {
            max_attempts: 2,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(10),
        };
        let fresh = Delivery {
            status: DeliveryStatus::Pending,
            failures: 0,
            last_error: String::new(),
            next_attempt_at: 0,
            lease_until: 99,
        };
        let failed = apply_ack(&fresh, &Outcome::Failed("bounce".into()), 1, &policy, 5).unwrap();
        assert_eq!(failed.status, DeliveryStatus::Failed);
        assert_eq!(
            (failed.failures, failed.next_attempt_at, failed.lease_until),
            (1, 1_000_005, 0)
        );
        assert_eq!(failed.last_error, "bounce");
        // The same ack again (attempt 1) is already recorded.
        assert_eq!(
            apply_ack(&failed, &Outcome::Failed("bounce".into()), 1, &policy, 6),
            None
        );
        // Not handed out again: a FAILED ack, numbered or not, is the one already recorded.
        for attempt in [0, 1, 2] {
            assert_eq!(
                apply_ack(
                    &failed,
                    &Outcome::Failed("again".into()),
                    attempt,
                    &policy,
                    6
                ),
                None,
                "attempt {attempt}"
            );
        }
        let handed_out = Delivery {
            lease_until: 50,
            ..failed.clone()
        };
        assert_eq!(handed_out.attempt(), 2);
        let dead = apply_ack(&handed_out, &Outcome::Failed("again".into()), 2, &policy, 7).unwrap();
        assert_eq!((dead.status, dead.failures), (DeliveryStatus::Dead, 2));
        assert_eq!(dead.attempt(), 2, "never beyond the maximum");
        assert_eq!(
            apply_ack(&dead, &Outcome::Failed("x".into()), 0, &policy, 8),
            None
        );
        let late = apply_ack(&dead, &Outcome::Delivered, 0, &policy, 9).unwrap();
        assert_eq!(late.status, DeliveryStatus::Delivered);
        assert_eq!(late.attempt(), 2, "the last attempt did arrive");
        assert_eq!(apply_ack(&late, &Outcome::Delivered, 0, &policy, 9), None);
        assert_eq!(
            apply_ack(&late, &Outcome::Failed("x".into()), 0, &policy, 9),
            None
        );
        // Suppressed before it was ever handed out: nothing was sent.
        let suppressed = Delivery {
            status: DeliveryStatus::Suppressed,
            lease_until: 0,
            ..fresh.clone()
        };
        assert_eq!(
            apply_ack(&suppressed, &Outcome::Delivered, 0, &policy, 1),
            None
        );
        // Suppressed after it was handed out: a DELIVERED ack wins, a FAILED one changes nothing.
        let suppressed_in_flight = Delivery {
            status: DeliveryStatus::Suppressed,
            lease_until: 99,
            ..fresh.clone()
        };
        let arrived = apply_ack(&suppressed_in_flight, &Outcome::Delivered, 0, &policy, 2).unwrap();
        assert_eq!(
            (arrived.status, arrived.attempt(), arrived.lease_until),
            (DeliveryStatus::Delivered, 1, 0)
        );
        assert_eq!(
            apply_ack(
                &suppressed_in_flight,
                &Outcome::Failed("x".into()),
                0,
                &policy,
                2
            ),
            None
        );
        for s in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(s.as_str()), Some(s));
        }
    }
}
