//! `sift serve --demo`: a realistic sample loaded through the public API, so a newcomer sees a
//! meaningful ranked backlog with one command. Accounts of every tier (some renewing soon, some
//! unhealthy); feedback as support tickets, CSM, sales and research notes arrive, in English and
//! Chinese, with their greetings, signatures, disclaimers, help-desk footers and quoted replies
//! ([`TICKETS`]); a telemetry signal; themes. After loading, consolidation runs once, as it would
//! in the background, so the requests are grouped as a PM would group them from the start.

pub mod history;
mod tickets;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use chrono::{DateTime, Datelike, Utc};

use crate::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    notification_service_client::NotificationServiceClient,
    outcome_service_client::OutcomeServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    request_service_client::RequestServiceClient, roadmap_service_client::RoadmapServiceClient,
    telemetry_service_client::TelemetryServiceClient,
};
use crate::server::app::StartError;
use crate::service::clock::Clock;

pub use tickets::TICKETS;

/// A demo account.
pub struct Account {
    pub external_id: &'static str,
    pub name: &'static str,
    /// In cents.
    pub arr: i64,
    pub tier: pb::Tier,
    pub segment: &'static str,
    pub seats: i32,
    pub renewal_in_days: i64,
    pub health: i32,
}

/// One piece of demo feedback, written as its channel delivers it.
pub struct Ticket {
    /// The need it was written for: the request a PM would file it under. Kept here for tests
    /// and themes; never sent to the server.
    pub need: &'static str,
    pub account: &'static str,
    pub source: pb::Source,
    pub importance: pb::Importance,
    /// Who wrote it, or whom a note is about: (name, e-mail).
    pub contact: (&'static str, &'static str),
    pub via: Via,
    /// The subject line ("" when the channel has none).
    pub subject: &'static str,
    /// What the customer or colleague wrote; the channel adds its own furniture ([`Via`]).
    pub body: &'static str,
}

/// How an item reached us, which decides what the channel adds to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// An e-mail to the English help desk, which adds its ticket footer.
    HelpDeskEmail,
    /// The in-app help widget, which adds the page it was sent from.
    Widget(&'static str),
    /// An e-mail to the Chinese help desk (客服中心), which adds its ticket footer.
    KefuEmail,
    /// A note in the CRM (CSM, sales, research): nothing added.
    Note,
}

/// People on the vendor's side who appear in the feedback (agents, CSMs).
pub const STAFF: &[&str] = &[
    "Dana Whitfield",
    "Kevin Liu",
    "刘凯",
    "Priya Natarajan",
    "Tom Becker",
    "李娜",
];

/// A feedback item as it is submitted.
pub struct Delivered {
    pub need: &'static str,
    pub source_ref: String,
    pub input: pb::FeedbackInput,
}

/// The demo's feedback as delivered, in arrival order: [`TICKETS`] spread over the last year,
/// then the year's other feedback ([`history::PAST`], dated as listed); `now` is the load time
/// (seconds).
pub fn delivered(now: i64) -> Vec<Delivered> {
    let n = TICKETS.len() as i64;
    let recent = TICKETS.iter().enumerate().map(|(i, t)| {
        let position = i as i64;
        // Spread over the last 365 days, oldest first, at varied hours of the day.
        let occurred = now - (n - position) * 365 * 86_400 / n - (position * 7_919) % 21_600;
        deliver(t, position, occurred)
    });
    let past = history::PAST.iter().enumerate().map(|(i, d)| {
        let position = n + i as i64;
        let occurred = now - d.days_ago * 86_400 - (position * 7_919) % 21_600;
        deliver(&d.ticket, position, occurred)
    });
    recent.chain(past).collect()
}

/// One item as its channel delivers it: the channel's reference and furniture around the text.
fn deliver(t: &Ticket, position: i64, occurred: i64) -> Delivered {
    let (source_ref, body) = match t.via {
        Via::HelpDeskEmail => {
            let ticket = 48_113 + position * 37;
            let priority = match t.importance {
                pb::Importance::Critical => "Urgent",
                pb::Importance::Important => "High",
                _ => "Normal",
            };
            (
                format!("ZD-{ticket}"),
                format!(
                    "{}\n\n--\nTicket #{ticket} | Tier 1 Support | Priority: {priority}\n\
                     https://help.vendor.example/agent/tickets/{ticket}",
                    t.body
                ),
            )
        }
        Via::Widget(page) => {
            let ticket = 48_113 + position * 37;
            (
                format!("ZD-{ticket}"),
                format!(
                    "{}\n\nSubmitted from: https://app.vendor.example/{page}",
                    t.body
                ),
            )
        }
        Via::KefuEmail => {
            let ticket = 20_907 + position * 13;
            let priority = match t.importance {
                pb::Importance::Critical | pb::Importance::Important => "高",
                _ => "普通",
            };
            (
                format!("KF-{ticket}"),
                format!(
                    "{}\n\n——————————\n工单号：{ticket} ｜ 来源：邮件 ｜ 优先级：{priority}\n\
                     查看工单：https://kefu.vendor.example/t/{ticket}",
                    t.body
                ),
            )
        }
        Via::Note => (format!("CRM-{}", 7_301 + position), t.body.to_owned()),
    };
    Delivered {
        need: t.need,
        source_ref: source_ref.clone(),
        input: pb::FeedbackInput {
            source: t.source as i32,
            source_ref,
            account_external_id: t.account.into(),
            contact: Some(pb::ContactRef {
                external_id: String::new(),
                email: t.contact.1.into(),
                name: t.contact.0.into(),
            }),
            title: t.subject.into(),
            body,
            importance: t.importance as i32,
            occurred_at: Some(prost_types::Timestamp {
                seconds: occurred,
                nanos: 0,
            }),
        },
    }
}

#[allow(clippy::too_many_arguments)]
const fn account(
    external_id: &'static str,
    name: &'static str,
    arr: i64,
    tier: pb::Tier,
    segment: &'static str,
    seats: i32,
    renewal_in_days: i64,
    health: i32,
) -> Account {
    Account {
        external_id,
        name,
        arr,
        tier,
        segment,
        seats,
        renewal_in_days,
        health,
    }
}

pub const ACCOUNTS: &[Account] = &[
    account(
        "globex",
        "Globex Corporation",
        48_000_000,
        pb::Tier::Key,
        "enterprise",
        2_400,
        45,
        62,
    ),
    account(
        "initech",
        "Initech",
        31_000_000,
        pb::Tier::Key,
        "enterprise",
        1_200,
        200,
        81,
    ),
    account(
        "umbrella",
        "Umbrella Health",
        26_500_000,
        pb::Tier::Key,
        "enterprise",
        900,
        30,
        38,
    ),
    account(
        "tsinghua-soft",
        "清华软件 Tsinghua Soft",
        22_000_000,
        pb::Tier::Key,
        "enterprise",
        1_500,
        120,
        74,
    ),
    account(
        "hooli",
        "Hooli",
        15_000_000,
        pb::Tier::Unspecified,
        "enterprise",
        700,
        330,
        90,
    ),
    account(
        "stark",
        "Stark Logistics",
        8_200_000,
        pb::Tier::Important,
        "mid-market",
        320,
        75,
        55,
    ),
    account(
        "wayne",
        "Wayne Analytics",
        6_400_000,
        pb::Tier::Important,
        "mid-market",
        260,
        400,
        70,
    ),
    account(
        "cyberdyne",
        "Cyberdyne Systems",
        5_100_000,
        pb::Tier::Unspecified,
        "mid-market",
        210,
        160,
        44,
    ),
    account(
        "huaxia",
        "华夏物流 Huaxia Logistics",
        4_800_000,
        pb::Tier::Important,
        "mid-market",
        180,
        20,
        66,
    ),
    account(
        "soylent",
        "Soylent Foods",
        3_900_000,
        pb::Tier::Unspecified,
        "mid-market",
        150,
        250,
        77,
    ),
    account(
        "pied-piper",
        "Pied Piper",
        1_900_000,
        pb::Tier::Standard,
        "smb",
        60,
        90,
        85,
    ),
    account(
        "aviato",
        "Aviato",
        1_200_000,
        pb::Tier::Standard,
        "smb",
        35,
        300,
        58,
    ),
    account(
        "nucleus",
        "Nucleus",
        900_000,
        pb::Tier::Standard,
        "smb",
        25,
        50,
        72,
    ),
    account(
        "raviga",
        "Raviga Capital",
        850_000,
        pb::Tier::Standard,
        "smb",
        20,
        180,
        91,
    ),
    account(
        "bachman",
        "Bachmanity",
        400_000,
        pb::Tier::Standard,
        "smb",
        8,
        15,
        30,
    ),
    account(
        "xiaomai",
        "小麦科技 Xiaomai Tech",
        700_000,
        pb::Tier::Standard,
        "smb",
        22,
        210,
        80,
    ),
    account(
        "dumpling",
        "饺子工作室 Dumpling Studio",
        300_000,
        pb::Tier::Standard,
        "smb",
        6,
        60,
        67,
    ),
    account(
        "gavin",
        "Gavin & Co",
        550_000,
        pb::Tier::Standard,
        "smb",
        12,
        365,
        88,
    ),
    // Customers lost or shrunk during the year (see history::RENEWALS): their ARR today.
    account(
        "massive",
        "Massive Dynamic",
        0,
        pb::Tier::Unspecified,
        "enterprise",
        1_800,
        270,
        28,
    ),
    account(
        "vandelay",
        "Vandelay Industries",
        0,
        pb::Tier::Unspecified,
        "mid-market",
        240,
        315,
        35,
    ),
    account(
        "oscorp",
        "Oscorp Labs",
        3_900_000,
        pb::Tier::Important,
        "mid-market",
        300,
        245,
        48,
    ),
    account(
        "nakatomi",
        "Nakatomi Trading",
        0,
        pb::Tier::Unspecified,
        "smb",
        30,
        340,
        42,
    ),
];

/// (name, description, weight, [(need, alignment)])
type Theme = (
    &'static str,
    &'static str,
    f64,
    &'static [(&'static str, f64)],
);

const THEMES: &[Theme] = &[
    (
        "Enterprise readiness",
        "Win and keep large accounts: security, compliance, admin control",
        0.9,
        &[("sso", 1.0), ("audit", 0.9)],
    ),
    (
        "Self-serve growth",
        "Small teams adopt without help",
        0.5,
        &[("csv", 0.8), ("dark", 0.4)],
    ),
    (
        "China expansion",
        "Serve customers in mainland China well",
        0.7,
        &[("excel", 0.9), ("offline", 0.8)],
    ),
];

/// The telemetry signal's key, and the need it measures.
pub const SIGNAL: (&str, &str, &str) = (
    "export.pdf.unsupported",
    "User tried to export the weekly report as PDF",
    "pdf",
);

/// What `--demo` loaded, for the one log line that summarises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub accounts: usize,
    pub feedback: usize,
    pub requests: usize,
    pub telemetry_events: usize,
    pub themes: usize,
    pub releases: usize,
    pub renewals: usize,
}

impl std::fmt::Display for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} accounts, {} feedback items in {} requests, {} telemetry events, {} themes, \
             {} releases over the past year, {} renewals",
            self.accounts,
            self.feedback,
            self.requests,
            self.telemetry_events,
            self.themes,
            self.releases,
            self.renewals
        )
    }
}

/// Loads the sample into the server at `addr` unless it already holds accounts; `token` is a
/// bearer secret with the ingest, read and plan scopes (the server's own internal one). False
/// (nothing loaded) when it has accounts. `clock` must be the server's adjustable clock (see
/// [`load_summarised`]).
pub async fn load(addr: SocketAddr, token: &str, clock: &Clock) -> Result<bool, StartError> {
    Ok(load_summarised(addr, token, clock).await?.is_some())
}

/// Sets the server's clock to `at`.
fn travel(clock: &Clock, at: DateTime<Utc>) -> Result<(), StartError> {
    if clock.set(at) {
        Ok(())
    } else {
        Err("the demo's history needs the server's adjustable clock (Clock::adjustable)".into())
    }
}

fn timestamp(at: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: at.timestamp(),
        nanos: 0,
    }
}

/// Like [`load`], saying what was loaded. Everything goes through the public API, dated
/// relative to `clock.now()`: the CRM's changes and renewals and the feedback carry their own
/// dates; releases ship "now", so the loader sets `clock` (the server's, which the roadmap
/// reads) to each past ship day in turn and back to the present at the end.
pub async fn load_summarised(
    addr: SocketAddr,
    token: &str,
    clock: &Clock,
) -> Result<Option<Loaded>, StartError> {
    let ch = crate::cli::client::connect(&addr.to_string(), token).await?;
    let mut accounts = AccountServiceClient::new(ch.clone());
    let existing = accounts
        .list_accounts(pb::ListAccountsRequest {
            page_size: 1,
            page_token: String::new(),
        })
        .await?
        .into_inner();
    if !existing.accounts.is_empty() {
        return Ok(None);
    }
    let now = clock.now();
    let result = load_year(&ch, clock, now).await;
    // Whatever happened, the server's time is the present again.
    clock.reset();
    result.map(Some)
}

async fn load_year(
    ch: &crate::cli::client::Ch,
    clock: &Clock,
    now: DateTime<Utc>,
) -> Result<Loaded, StartError> {
    let ago = |days: i64| now - chrono::Duration::days(days);
    let today = now.date_naive();
    let mut accounts = AccountServiceClient::new(ch.clone());
    let mut outcomes = OutcomeServiceClient::new(ch.clone());
    let present = |external_id: &str| ACCOUNTS.iter().find(|a| a.external_id == external_id);

    // The CRM a year ago (or when the customer signed): each account as it was then.
    let first_renewal = |external_id: &str| {
        history::RENEWALS
            .iter()
            .filter(|r| r.1 == external_id)
            .map(|r| r.2)
            .max()
    };
    let batch = history::STARTS
        .iter()
        .filter_map(|s| {
            let a = present(s.external_id)?;
            let renews_in =
                first_renewal(s.external_id).map_or(a.renewal_in_days, |days_ago| -days_ago);
            Some(pb::AccountInput {
                external_id: a.external_id.into(),
                name: Some(a.name.into()),
                arr: Some(s.arr),
                tier: Some(a.tier as i32),
                segment: Some(a.segment.into()),
                seats: Some(a.seats),
                renewal_date: Some((today + chrono::Duration::days(renews_in)).to_string()),
                health: Some(s.health),
                csm_email: Some(format!("csm+{}@vendor.example", a.external_id)),
                effective_at: Some(timestamp(ago(s.since_days_ago))),
            })
        })
        .collect();
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
        .await?;

    // The year's CRM changes in date order: health scores, and renewals with their outcome (the
    // CRM syncs the new ARR and the next renewal date beside a renewal it did not lose).
    enum Change<'a> {
        Health(&'a str, i32),
        Renewal(&'a history::PastRenewal),
    }
    let mut changes: Vec<(i64, Change)> = history::HEALTH
        .iter()
        .map(|&(ext, days, health)| (days, Change::Health(ext, health)))
        .chain(history::RENEWALS.iter().map(|r| (r.2, Change::Renewal(r))))
        .collect();
    changes.sort_by_key(|(days, _)| std::cmp::Reverse(*days));
    for (days, change) in &changes {
        let at = ago(*days);
        match change {
            Change::Health(ext, health) => {
                accounts
                    .upsert_accounts(pb::UpsertAccountsRequest {
                        accounts: vec![pb::AccountInput {
                            external_id: (*ext).into(),
                            health: Some(*health),
                            effective_at: Some(timestamp(at)),
                            ..Default::default()
                        }],
                    })
                    .await?;
            }
            Change::Renewal(r) => {
                let &(reference, ext, _, outcome, before, after) = *r;
                outcomes
                    .record_renewal(pb::RecordRenewalRequest {
                        reference: reference.into(),
                        account_external_id: ext.into(),
                        renewed_on: at.date_naive().to_string(),
                        outcome: outcome as i32,
                        arr_before: before,
                        arr_after: after,
                    })
                    .await?;
                if outcome != pb::RenewalOutcome::Churned {
                    accounts
                        .upsert_accounts(pb::UpsertAccountsRequest {
                            accounts: vec![pb::AccountInput {
                                external_id: ext.into(),
                                arr: Some(after),
                                renewal_date: Some(
                                    (at.date_naive() + chrono::Duration::days(365)).to_string(),
                                ),
                                effective_at: Some(timestamp(at)),
                                ..Default::default()
                            }],
                        })
                        .await?;
                }
            }
        }
    }
    // Yesterday's sync: every account as it is today.
    let batch = ACCOUNTS
        .iter()
        .map(|a| pb::AccountInput {
            external_id: a.external_id.into(),
            name: Some(a.name.into()),
            arr: Some(a.arr),
            tier: Some(a.tier as i32),
            segment: Some(a.segment.into()),
            seats: Some(a.seats),
            renewal_date: Some(
                (today + chrono::Duration::days(a.renewal_in_days))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            health: Some(a.health),
            csm_email: Some(format!("csm+{}@vendor.example", a.external_id)),
            effective_at: Some(timestamp(ago(1))),
        })
        .collect();
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
        .await?;

    // The help desk's and the CRM's feedback, imported in one stream, in arrival order.
    let items = delivered(now.timestamp());
    let mut feedback = FeedbackServiceClient::new(ch.clone());
    let imported = feedback
        .import_feedback(tokio_stream::iter(
            items
                .iter()
                .map(|d| pb::ImportFeedbackRequest {
                    feedback: Some(d.input.clone()),
                })
                .collect::<Vec<_>>(),
        ))
        .await?
        .into_inner();
    // The first item of each need stands for it (its request, once consolidated).
    let mut first_of_need: BTreeMap<&str, i64> = BTreeMap::new();
    for outcome in &imported.items {
        if let Some(d) = items.get(outcome.position as usize) {
            first_of_need.entry(d.need).or_insert(outcome.id);
        }
    }

    let mut telemetry = TelemetryServiceClient::new(ch.clone());
    telemetry
        .define_signal(pb::DefineSignalRequest {
            key: SIGNAL.0.into(),
            description: SIGNAL.1.into(),
        })
        .await?;
    let mut events: Vec<pb::TelemetryEvent> = (0..300)
        .map(|i| pb::TelemetryEvent {
            signal_key: SIGNAL.0.into(),
            account_external_id: ACCOUNTS[i % 18].external_id.into(),
            user_ref: format!("u{}", i % 140),
            count: 1,
            occurred_at: Some(timestamp(now - chrono::Duration::hours(i as i64))),
            ..Default::default()
        })
        .collect();

    // What the background consolidation would do within minutes, done now.
    let mut requests = RequestServiceClient::new(ch.clone());
    requests
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await?;
    let mut request_of_need: HashMap<&str, i64> = HashMap::new();
    // With the embedding model on, items are placed in the background: wait for them a little
    // (a need still unplaced after that is left out of the themes and releases).
    for _ in 0..50 {
        for (&need, &id) in &first_of_need {
            if request_of_need.contains_key(need) {
                continue;
            }
            let item = feedback
                .get_feedback(pb::GetFeedbackRequest { id })
                .await?
                .into_inner();
            if item.request_id > 0 {
                request_of_need.insert(need, item.request_id);
            }
        }
        if request_of_need.len() == first_of_need.len() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let mut plan = PrioritizationServiceClient::new(ch.clone());
    for (name, description, weight, aligned) in THEMES {
        let theme = plan
            .create_theme(pb::CreateThemeRequest {
                name: (*name).into(),
                description: (*description).into(),
                weight: *weight,
                active: true,
            })
            .await?
            .into_inner();
        for (need, alignment) in *aligned {
            if let Some(&request_id) = request_of_need.get(need) {
                plan.align_request(pb::AlignRequestRequest {
                    request_id,
                    theme_id: theme.id,
                    alignment: *alignment,
                })
                .await?;
            }
        }
    }
    if let Some(&request_id) = request_of_need.get("offline") {
        plan.set_effort(pb::SetEffortRequest {
            request_id,
            effort: 12.0,
        })
        .await?;
    }

    // Each shipped feature's adoption signal, named before it ships.
    for f in history::FEATURES {
        let Some(&request_id) = request_of_need.get(f.need) else {
            continue;
        };
        telemetry
            .define_signal(pb::DefineSignalRequest {
                key: f.signal.0.into(),
                description: f.signal.1.into(),
            })
            .await?;
        outcomes
            .set_adoption_signals(pb::SetAdoptionSignalsRequest {
                request_id,
                signal_keys: vec![f.signal.0.into()],
            })
            .await?;
        requests
            .rename_request(pb::RenameRequestRequest {
                id: request_id,
                title: f.title.into(),
            })
            .await?;
    }

    // A year of releases: the weekly minor train and a major each quarter, each planned three
    // weeks ahead and shipped on its day, its notifications delivered within the hour (the
    // last release's partly still pending).
    let mut roadmap = RoadmapServiceClient::new(ch.clone());
    let mut notifications = NotificationServiceClient::new(ch.clone());
    let mut shipped_on: HashMap<&str, DateTime<Utc>> = HashMap::new();
    let weeks: i64 = 52;
    let mut releases = 0;
    let mut planned: std::collections::HashSet<i64> = std::collections::HashSet::new();
    for week in 0..weeks {
        let days_ago = 364 - 7 * week;
        let day = ago(days_ago).date_naive();
        let ship_at = day
            .and_hms_opt(14, 0, 0)
            .map_or(ago(days_ago), |t| t.and_utc());
        let major = week % 13 == 12;
        // A feature ships with the first release on or after its day.
        let features: Vec<&history::Feature> = history::FEATURES
            .iter()
            .filter(|f| f.shipped_days_ago >= days_ago && f.shipped_days_ago < days_ago + 7)
            .collect();
        travel(clock, ship_at - chrono::Duration::days(21))?;
        let version = if major {
            format!("{}.0", 3 + week / 13)
        } else {
            format!("{}.{:02}", day.format("%G"), day.iso_week().week())
        };
        let release = roadmap
            .create_release(pb::CreateReleaseRequest {
                version,
                kind: if major {
                    pb::ReleaseKind::Major
                } else {
                    pb::ReleaseKind::Minor
                } as i32,
                planned_date: day.to_string(),
                summary: if major {
                    "Quarterly release".into()
                } else {
                    "Weekly train: fixes and small improvements".into()
                },
            })
            .await?
            .into_inner();
        for f in &features {
            // A need grouped with one shipped before (the demo test says which) ships once.
            let Some(&request_id) = request_of_need.get(f.need) else {
                continue;
            };
            if !planned.insert(request_id) {
                continue;
            }
            roadmap
                .plan_request(pb::PlanRequestRequest {
                    request_id,
                    target: Some(pb::plan_request_request::Target::ReleaseId(release.id)),
                    actor: "pm@vendor.example".into(),
                })
                .await?;
            roadmap
                .set_release_note(pb::SetReleaseNoteRequest {
                    request_id,
                    release_id: release.id,
                    text: f.note.into(),
                })
                .await?;
        }
        travel(clock, ship_at)?;
        roadmap
            .ship_release(pb::ShipReleaseRequest {
                release_id: release.id,
                actor: "release-bot".into(),
                accept_generated_titles: false,
            })
            .await?;
        releases += 1;
        for f in &features {
            shipped_on.insert(f.need, ship_at);
        }
        travel(clock, ship_at + chrono::Duration::hours(1))?;
        let last = week == weeks - 1;
        loop {
            let pending = notifications
                .list_pending_notifications(pb::ListPendingNotificationsRequest {
                    limit: 1000,
                    lease_seconds: 600,
                })
                .await?
                .into_inner()
                .notifications;
            if pending.is_empty() {
                break;
            }
            let acks: Vec<pb::Ack> = pending
                .iter()
                .enumerate()
                .filter(|(i, _)| !last || i % 3 != 0)
                .map(|(_, n)| pb::Ack {
                    id: n.id,
                    outcome: pb::AckOutcome::Delivered as i32,
                    reason: String::new(),
                    attempt: 0,
                })
                .collect();
            if acks.is_empty() {
                break;
            }
            notifications
                .ack_notifications(pb::AckNotificationsRequest { acks })
                .await?;
            if last {
                break;
            }
        }
    }
    clock.reset();

    // Who used the shipped features: each adopting account's users, from its first day on, on
    // a few days a week (seeded, so every load tells the same story), never after today.
    let mut rng = SplitMix(0x5157_u64);
    for f in history::FEATURES {
        let Some(&shipped) = shipped_on.get(f.need) else {
            continue;
        };
        for &(ext, first_day) in f.adopters.iter().chain(f.others) {
            let users = 1 + rng.below(4);
            for day in first_day..=90 {
                let at = shipped + chrono::Duration::days(day - 1) + chrono::Duration::hours(2);
                if at > now {
                    break;
                }
                if day != first_day && rng.below(7) >= 3 {
                    continue;
                }
                for user in 0..users {
                    if day != first_day && rng.below(2) == 0 {
                        continue;
                    }
                    events.push(pb::TelemetryEvent {
                        signal_key: f.signal.0.into(),
                        account_external_id: ext.into(),
                        user_ref: format!("{ext}-u{user}"),
                        count: 1 + rng.below(3) as i64,
                        occurred_at: Some(timestamp(at)),
                        ..Default::default()
                    });
                }
            }
        }
    }
    let telemetry_events = events.len();
    telemetry
        .record_telemetry(tokio_stream::iter(events))
        .await?;

    let mut distinct: Vec<i64> = request_of_need.values().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    Ok(Loaded {
        accounts: ACCOUNTS.len(),
        feedback: items.len(),
        requests: distinct.len(),
        telemetry_events,
        themes: THEMES.len(),
        releases,
        renewals: history::RENEWALS.len(),
    })
}

/// A small seeded generator (SplitMix64), so the demo is the same on every load.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
