//! `sift serve --demo`: a realistic sample loaded through the public API, so a newcomer sees a
//! meaningful ranked backlog with one command. Accounts of every tier (some renewing soon, some
//! unhealthy); feedback as support tickets, CSM, sales and research notes arrive, in English and
//! Chinese, with their greetings, signatures, disclaimers, help-desk footers and quoted replies
//! ([`TICKETS`]); a telemetry signal; themes. After loading, consolidation runs once, as it would
//! in the background, so the requests are grouped as a PM would group them from the start.

mod tickets;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use crate::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    request_service_client::RequestServiceClient, telemetry_service_client::TelemetryServiceClient,
};
use crate::server::app::StartError;

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

/// The demo's feedback as delivered, in arrival order; `now` is the load time (seconds).
pub fn delivered(now: i64) -> Vec<Delivered> {
    let n = TICKETS.len() as i64;
    TICKETS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let position = i as i64;
            // Spread over the last 120 days, oldest first, at varied hours of the day.
            let occurred = now - (n - position) * 120 * 86_400 / n - (position * 7_919) % 21_600;
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
        })
        .collect()
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
}

impl std::fmt::Display for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} accounts, {} feedback items in {} requests, {} telemetry events, {} themes",
            self.accounts, self.feedback, self.requests, self.telemetry_events, self.themes
        )
    }
}

/// Loads the sample into the server at `addr` unless it already holds accounts; `token` is a
/// bearer secret with the ingest, read and plan scopes (the server's own internal one). False
/// (nothing loaded) when it has accounts.
pub async fn load(addr: SocketAddr, token: &str) -> Result<bool, StartError> {
    Ok(load_summarised(addr, token).await?.is_some())
}

/// Like [`load`], saying what was loaded.
pub async fn load_summarised(addr: SocketAddr, token: &str) -> Result<Option<Loaded>, StartError> {
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
    let today = chrono::Utc::now().date_naive();
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
            effective_at: None,
        })
        .collect();
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
        .await?;

    // The help desk's and the CRM's backlog, imported in one stream, in arrival order.
    let now = chrono::Utc::now().timestamp();
    let items = delivered(now);
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
    let events: Vec<pb::TelemetryEvent> = (0..300)
        .map(|i| pb::TelemetryEvent {
            signal_key: SIGNAL.0.into(),
            account_external_id: ACCOUNTS[i % ACCOUNTS.len()].external_id.into(),
            user_ref: format!("u{}", i % 140),
            count: 1,
            occurred_at: Some(prost_types::Timestamp {
                seconds: now - (i as i64) * 3_600,
                nanos: 0,
            }),
            ..Default::default()
        })
        .collect();
    let telemetry_events = events.len();
    telemetry
        .record_telemetry(tokio_stream::iter(events))
        .await?;

    // What the background consolidation would do within minutes, done now.
    let mut requests = RequestServiceClient::new(ch.clone());
    requests
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await?;
    let mut request_of_need: HashMap<&str, i64> = HashMap::new();
    // With the embedding model on, items are placed in the background: wait for them a little
    // (a need still unplaced after that is left out of the themes).
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
    let mut distinct: Vec<i64> = request_of_need.values().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    Ok(Some(Loaded {
        accounts: ACCOUNTS.len(),
        feedback: items.len(),
        requests: distinct.len(),
        telemetry_events,
        themes: THEMES.len(),
    }))
}
