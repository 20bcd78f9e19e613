//! `sift serve --demo`: a realistic sample loaded through the public API, so a newcomer sees a
//! meaningful ranked backlog with one command. Accounts of every tier (some renewing soon, some
//! unhealthy), English and Chinese feedback from support, CSMs and telemetry, themes.

use std::net::SocketAddr;

use crate::app::StartError;
use crate::pb::{
    self, account_service_client::AccountServiceClient,
    feedback_service_client::FeedbackServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    telemetry_service_client::TelemetryServiceClient,
};

/// (external id, name, ARR in cents, tier, segment, seats, renewal in days, health)
type DemoAccount = (
    &'static str,
    &'static str,
    i64,
    pb::Tier,
    &'static str,
    i32,
    i64,
    i32,
);
/// (account, source, importance, text)
type DemoFeedback = (&'static str, pb::Source, pb::Importance, &'static str);
/// (name, description, weight, [(topic, alignment)])
type DemoTheme = (
    &'static str,
    &'static str,
    f64,
    &'static [(&'static str, f64)],
);

const ACCOUNTS: &[DemoAccount] = &[
    (
        "globex",
        "Globex Corporation",
        48_000_000,
        pb::Tier::Key,
        "enterprise",
        2_400,
        45,
        62,
    ),
    (
        "initech",
        "Initech",
        31_000_000,
        pb::Tier::Key,
        "enterprise",
        1_200,
        200,
        81,
    ),
    (
        "umbrella",
        "Umbrella Health",
        26_500_000,
        pb::Tier::Key,
        "enterprise",
        900,
        30,
        38,
    ),
    (
        "tsinghua-soft",
        "清华软件 Tsinghua Soft",
        22_000_000,
        pb::Tier::Key,
        "enterprise",
        1_500,
        120,
        74,
    ),
    (
        "hooli",
        "Hooli",
        15_000_000,
        pb::Tier::Unspecified,
        "enterprise",
        700,
        330,
        90,
    ),
    (
        "stark",
        "Stark Logistics",
        8_200_000,
        pb::Tier::Important,
        "mid-market",
        320,
        75,
        55,
    ),
    (
        "wayne",
        "Wayne Analytics",
        6_400_000,
        pb::Tier::Important,
        "mid-market",
        260,
        400,
        70,
    ),
    (
        "cyberdyne",
        "Cyberdyne Systems",
        5_100_000,
        pb::Tier::Unspecified,
        "mid-market",
        210,
        160,
        44,
    ),
    (
        "huaxia",
        "华夏物流 Huaxia Logistics",
        4_800_000,
        pb::Tier::Important,
        "mid-market",
        180,
        20,
        66,
    ),
    (
        "soylent",
        "Soylent Foods",
        3_900_000,
        pb::Tier::Unspecified,
        "mid-market",
        150,
        250,
        77,
    ),
    (
        "pied-piper",
        "Pied Piper",
        1_900_000,
        pb::Tier::Standard,
        "smb",
        60,
        90,
        85,
    ),
    (
        "aviato",
        "Aviato",
        1_200_000,
        pb::Tier::Standard,
        "smb",
        35,
        300,
        58,
    ),
    (
        "nucleus",
        "Nucleus",
        900_000,
        pb::Tier::Standard,
        "smb",
        25,
        50,
        72,
    ),
    (
        "raviga",
        "Raviga Capital",
        850_000,
        pb::Tier::Standard,
        "smb",
        20,
        180,
        91,
    ),
    (
        "bachman",
        "Bachmanity",
        400_000,
        pb::Tier::Standard,
        "smb",
        8,
        15,
        30,
    ),
    (
        "xiaomai",
        "小麦科技 Xiaomai Tech",
        700_000,
        pb::Tier::Standard,
        "smb",
        22,
        210,
        80,
    ),
    (
        "dumpling",
        "饺子工作室 Dumpling Studio",
        300_000,
        pb::Tier::Standard,
        "smb",
        6,
        60,
        67,
    ),
    (
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

/// (topic, [(account, source, importance, text)])
const FEEDBACK: &[(&str, &[DemoFeedback])] = &[
    (
        "sso",
        &[
            (
                "globex",
                pb::Source::Csm,
                pb::Importance::Critical,
                "Globex security team requires SAML single sign-on with Okta before renewal",
            ),
            (
                "initech",
                pb::Source::Csm,
                pb::Importance::Important,
                "Initech wants single sign-on (SAML) through Azure AD for all staff",
            ),
            (
                "umbrella",
                pb::Source::Support,
                pb::Importance::Critical,
                "We need SAML SSO; password logins are not allowed by our compliance policy",
            ),
            (
                "hooli",
                pb::Source::Sales,
                pb::Importance::Important,
                "Hooli procurement asks for single sign-on with SAML as a contract condition",
            ),
            (
                "tsinghua-soft",
                pb::Source::Csm,
                pb::Importance::Important,
                "需要支持SAML单点登录，员工统一用公司账号登录",
            ),
        ],
    ),
    (
        "pdf",
        &[
            (
                "stark",
                pb::Source::Support,
                pb::Importance::Important,
                "Please add PDF export for the weekly report",
            ),
            (
                "wayne",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Can we export the weekly report as a PDF for the board?",
            ),
            (
                "pied-piper",
                pb::Source::Support,
                pb::Importance::Unspecified,
                "PDF export of reports would save us a lot of time",
            ),
            (
                "aviato",
                pb::Source::Support,
                pb::Importance::Unspecified,
                "export the weekly report to PDF please",
            ),
            (
                "globex",
                pb::Source::Csm,
                pb::Importance::Important,
                "Globex finance wants the weekly report exported as PDF",
            ),
            (
                "huaxia",
                pb::Source::Support,
                pb::Importance::Important,
                "希望可以把周报导出为PDF",
            ),
            (
                "xiaomai",
                pb::Source::Support,
                pb::Importance::Unspecified,
                "周报能导出PDF吗？",
            ),
        ],
    ),
    (
        "dark",
        &[
            (
                "pied-piper",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Dark mode for the dashboard would be great",
            ),
            (
                "aviato",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Please add a dark mode to the dashboard",
            ),
            (
                "nucleus",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Dashboard dark mode please, the white screen hurts at night",
            ),
            (
                "raviga",
                pb::Source::Research,
                pb::Importance::NiceToHave,
                "Users asked for a dark mode of the dashboard in interviews",
            ),
            (
                "bachman",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "dark mode dashboard!!",
            ),
            (
                "gavin",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Any plans for a dark mode on the dashboard?",
            ),
        ],
    ),
    (
        "csv",
        &[
            (
                "cyberdyne",
                pb::Source::Support,
                pb::Importance::Important,
                "Bulk import of contacts from a CSV file",
            ),
            (
                "soylent",
                pb::Source::Support,
                pb::Importance::Important,
                "We need to import our contacts in bulk from CSV",
            ),
            (
                "nucleus",
                pb::Source::Support,
                pb::Importance::Unspecified,
                "CSV import for contacts keeps failing on large files",
            ),
            (
                "stark",
                pb::Source::Csm,
                pb::Importance::Important,
                "Stark wants to bulk import contacts from CSV during onboarding",
            ),
        ],
    ),
    (
        "audit",
        &[
            (
                "umbrella",
                pb::Source::Csm,
                pb::Importance::Critical,
                "Umbrella needs an audit log of admin actions for HIPAA",
            ),
            (
                "globex",
                pb::Source::Csm,
                pb::Importance::Important,
                "Audit log of admin actions exported to Splunk",
            ),
            (
                "initech",
                pb::Source::Support,
                pb::Importance::Important,
                "Is there an audit log showing who changed admin settings?",
            ),
        ],
    ),
    (
        "excel",
        &[
            (
                "tsinghua-soft",
                pb::Source::Csm,
                pb::Importance::Important,
                "报表需要导出Excel格式，方便财务处理",
            ),
            (
                "huaxia",
                pb::Source::Support,
                pb::Importance::Important,
                "能不能把报表导出成Excel？",
            ),
            (
                "dumpling",
                pb::Source::Support,
                pb::Importance::Unspecified,
                "希望报表可以导出Excel",
            ),
            (
                "xiaomai",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "报表导出Excel功能什么时候上线",
            ),
        ],
    ),
    (
        "offline",
        &[
            (
                "huaxia",
                pb::Source::Csm,
                pb::Importance::Critical,
                "司机在没有网络的地方也需要使用手机应用，希望支持离线模式",
            ),
            (
                "dumpling",
                pb::Source::Support,
                pb::Importance::Important,
                "手机应用没有网络就不能用，需要离线模式",
            ),
        ],
    ),
    (
        "custom-fields",
        &[(
            "bachman",
            pb::Source::Support,
            pb::Importance::Important,
            "Custom field for purchase order numbers on invoices",
        )],
    ),
    (
        "slack",
        &[
            (
                "wayne",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Send alerts to a Slack channel",
            ),
            (
                "gavin",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Slack notifications for new alerts please",
            ),
            (
                "raviga",
                pb::Source::Support,
                pb::Importance::NiceToHave,
                "Could alerts be posted to our Slack channel?",
            ),
        ],
    ),
];

/// (name, description, weight, [topics aligned, with alignment])
const THEMES: &[DemoTheme] = &[
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

/// Loads the sample into the server at `addr` unless it already holds accounts; `token` is a
/// bearer secret with the ingest, read and plan scopes (the server's own internal one).
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

/// Loads the sample into an empty database; false (nothing loaded) when it has accounts.
pub async fn load(addr: SocketAddr, token: &str) -> Result<bool, StartError> {
    Ok(load_summarised(addr, token).await?.is_some())
}

/// Like [`load`], saying what was loaded.
pub async fn load_summarised(addr: SocketAddr, token: &str) -> Result<Option<Loaded>, StartError> {
    let ch = crate::client::connect(&addr.to_string(), token).await?;
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
        .map(
            |&(id, name, arr, tier, segment, seats, renewal_days, health)| pb::AccountInput {
                external_id: id.into(),
                name: Some(name.into()),
                arr: Some(arr),
                tier: Some(tier as i32),
                segment: Some(segment.into()),
                seats: Some(seats),
                renewal_date: Some(
                    (today + chrono::Duration::days(renewal_days))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                health: Some(health),
                csm_email: Some(format!("csm+{id}@vendor.example")),
                effective_at: None,
            },
        )
        .collect();
    accounts
        .upsert_accounts(pb::UpsertAccountsRequest { accounts: batch })
        .await?;

    let mut feedback = FeedbackServiceClient::new(ch.clone());
    let now = chrono::Utc::now().timestamp();
    let mut n = 0i64;
    let mut request_of_topic = std::collections::HashMap::new();
    let mut requests = std::collections::HashSet::new();
    for (topic, items) in FEEDBACK {
        for (account, source, importance, text) in *items {
            n += 1;
            let reply = feedback
                .submit_feedback(pb::SubmitFeedbackRequest {
                    feedback: Some(pb::FeedbackInput {
                        source: *source as i32,
                        source_ref: format!("demo-{n}"),
                        account_external_id: (*account).into(),
                        contact: Some(pb::ContactRef {
                            external_id: String::new(),
                            email: format!("user{n}@{account}.example"),
                            name: format!("User {n}"),
                        }),
                        title: String::new(),
                        body: (*text).into(),
                        importance: *importance as i32,
                        occurred_at: Some(prost_types::Timestamp {
                            seconds: now - (n * 2 * 86_400) % (120 * 86_400),
                            nanos: 0,
                        }),
                    }),
                })
                .await?
                .into_inner();
            request_of_topic.entry(*topic).or_insert(reply.request_id);
            requests.insert(reply.request_id);
        }
    }

    let mut telemetry = TelemetryServiceClient::new(ch.clone());
    telemetry
        .define_signal(pb::DefineSignalRequest {
            key: "export.pdf.unsupported".into(),
            description: "User tried to export the weekly report as PDF".into(),
        })
        .await?;
    let events: Vec<pb::TelemetryEvent> = (0..300)
        .map(|i| pb::TelemetryEvent {
            signal_key: "export.pdf.unsupported".into(),
            account_external_id: ACCOUNTS[i % ACCOUNTS.len()].0.into(),
            user_ref: format!("u{}", i % 140),
            count: 1,
            occurred_at: Some(prost_types::Timestamp {
                seconds: now - (i as i64) * 3_600,
                nanos: 0,
            }),
        })
        .collect();
    let telemetry_events = events.len();
    telemetry
        .record_telemetry(tokio_stream::iter(events))
        .await?;

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
        for (topic, alignment) in *aligned {
            if let Some(&request_id) = request_of_topic.get(topic) {
                plan.align_request(pb::AlignRequestRequest {
                    request_id,
                    theme_id: theme.id,
                    alignment: *alignment,
                })
                .await?;
            }
        }
    }
    if let Some(&request_id) = request_of_topic.get("offline") {
        plan.set_effort(pb::SetEffortRequest {
            request_id,
            effort: 12.0,
        })
        .await?;
    }
    Ok(Some(Loaded {
        accounts: ACCOUNTS.len(),
        feedback: n as usize,
        requests: requests.len(),
        telemetry_events,
        themes: THEMES.len(),
    }))
}
