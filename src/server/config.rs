//! Runtime configuration. Every setting is a flag with an environment variable (`sift --help`).

use std::net::SocketAddr;

use clap::{Args, ValueEnum};

use crate::domain::account::TierThresholds;
use crate::domain::cluster::ClusterConfig;
use crate::domain::consolidate::ConsolidationConfig;
use crate::domain::notify::RetryPolicy;
use crate::domain::validation::Limits;
use crate::server::connections::{Limits as ConnectionLimits, Listener};
use crate::server::prometheus::Secret;

/// A similarity threshold: a finite number from 0 to 1 (NaN, infinities and 2 are refused, so
/// a typo cannot silently turn clustering off or make every item its own request).
fn similarity(value: &str) -> Result<f32, String> {
    let x: f32 = value
        .trim()
        .parse()
        .map_err(|_| "not a number; expected a similarity from 0 to 1".to_owned())?;
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err("expected a similarity from 0 to 1".to_owned())
    }
}

/// Where Sift stores its data.
#[derive(Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://PATH` (created if missing) or `postgres://USER@HOST/DB`.
    #[arg(long, env = "SIFT_DATABASE_URL", default_value = "sqlite://sift.db")]
    pub database_url: String,

    /// Maximum pooled database connections (SQLite in-memory databases always use one; a SQLite
    /// file has one more, for write transactions, and a second pool of up to as many for a
    /// start's whole-table reads, closed after 30 s idle; on PostgreSQL the ingest writer has
    /// one more of its own).
    #[arg(long, env = "SIFT_DB_MAX_CONNECTIONS", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub db_max_connections: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Settings of `sift serve`.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address the gRPC server listens on (port 0 picks a free port).
    #[arg(long, env = "SIFT_LISTEN", default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// ISO 4217 code of the one currency all money (ARR) is in, as integer minor units.
    #[arg(long, env = "SIFT_CURRENCY", default_value = "USD")]
    pub currency: String,

    /// ARR (minor units) at or above which an account without an explicit tier is KEY.
    #[arg(long, env = "SIFT_TIER_KEY_ARR", default_value_t = TierThresholds::default().key_arr)]
    pub tier_key_arr: i64,

    /// ARR (minor units) at or above which an account without an explicit tier is IMPORTANT.
    #[arg(long, env = "SIFT_TIER_IMPORTANT_ARR", default_value_t = TierThresholds::default().important_arr)]
    pub tier_important_arr: i64,

    /// Maximum characters in one text field (feedback title or body).
    #[arg(long, env = "SIFT_MAX_TEXT_CHARS", default_value_t = Limits::default().max_text_chars)]
    pub max_text_chars: usize,

    /// Maximum items in one batch call (UpsertAccounts, UpsertContacts).
    #[arg(long, env = "SIFT_MAX_BATCH", default_value_t = Limits::default().max_batch)]
    pub max_batch: usize,

    /// How far in the future (seconds) a feedback's occurred_at may lie.
    #[arg(long, env = "SIFT_MAX_FUTURE_SKEW_SECS", default_value_t = 86_400)]
    pub max_future_skew_secs: i64,

    /// Similarity at or above which feedback joins an existing request automatically.
    #[arg(long, env = "SIFT_CLUSTER_JOIN", default_value_t = ClusterConfig::default().join_threshold,
          value_parser = similarity)]
    pub cluster_join: f32,

    /// Similarity at or above which a new request gets a merge suggestion for a PM.
    #[arg(long, env = "SIFT_CLUSTER_SUGGEST", default_value_t = ClusterConfig::default().suggest_threshold,
          value_parser = similarity)]
    pub cluster_suggest: f32,

    /// Seconds between background consolidation runs (merging requests that are one need,
    /// moving items that sit far from their request); a burst of new feedback (an import) is
    /// also consolidated 2 s after it settles. 0 turns background runs off (`sift consolidate`
    /// and the ConsolidateRequests RPC still run it on demand).
    #[arg(long, env = "SIFT_CONSOLIDATE_EVERY", default_value_t = 300)]
    pub consolidate_every: u64,

    /// Seconds between snapshots of the clustering index in the database (written only when
    /// the clustering log moved on, and once more on a graceful stop), so a start replays only
    /// the log after the newest one; 0 writes none.
    #[arg(long, env = "SIFT_SNAPSHOT_EVERY", default_value_t = 300)]
    pub snapshot_every: u64,

    /// Build the clustering index from the whole clustering log at start, ignoring snapshots.
    #[arg(long, env = "SIFT_FULL_REPLAY")]
    pub full_replay: bool,

    /// Also notify requesters ("we heard you") when a request becomes PLANNED or IN_PROGRESS.
    #[arg(long, env = "SIFT_NOTIFY_ON_STATUS")]
    pub notify_on_status: bool,

    /// Tell a requester whose feedback reaches a request that has already shipped (joined,
    /// moved or merged in) that it is already available, once ("false" turns it off).
    #[arg(long, env = "SIFT_NOTIFY_ALREADY_AVAILABLE", default_value_t = true,
          action = clap::ArgAction::Set, value_name = "BOOL")]
    pub notify_already_available: bool,

    /// Delivery attempts of a notification, the first included, before it is DEAD.
    #[arg(long, env = "SIFT_NOTIFY_MAX_ATTEMPTS", default_value_t = RetryPolicy::default().max_attempts)]
    pub notify_max_attempts: u32,

    /// Seconds before the first retry of a failed notification; doubles after each failure.
    #[arg(long, env = "SIFT_NOTIFY_RETRY_SECS", default_value_t = RetryPolicy::default().base.as_secs())]
    pub notify_retry_secs: u64,

    /// The longest wait (seconds) between retries.
    #[arg(long, env = "SIFT_NOTIFY_RETRY_CAP_SECS", default_value_t = RetryPolicy::default().cap.as_secs())]
    pub notify_retry_cap_secs: u64,

    /// Seconds a notification handed to a consumer stays leased to it, unless its call says.
    #[arg(long, env = "SIFT_NOTIFY_LEASE_SECS", default_value_t = NotifyConfig::default().lease_secs)]
    pub notify_lease_secs: u32,

    /// Load a realistic sample (accounts, English and Chinese tickets and CSM notes, telemetry,
    /// themes) into an empty database at start, to see a meaningful backlog at once.
    #[arg(long, env = "SIFT_DEMO")]
    pub demo: bool,

    /// Serve without authentication (local trials only): refused unless --listen is loopback.
    #[arg(long, env = "SIFT_NO_AUTH")]
    pub no_auth: bool,

    /// PEM certificate chain: serve TLS (with --tls-key).
    #[arg(long, env = "SIFT_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<std::path::PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(long, env = "SIFT_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<std::path::PathBuf>,

    /// PEM CA certificate(s): require client certificates signed by them (mutual TLS).
    #[arg(long, env = "SIFT_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<std::path::PathBuf>,

    /// Largest request message, in bytes.
    #[arg(long, env = "SIFT_MAX_MESSAGE_BYTES", default_value_t = ServerLimits::default().max_message_bytes)]
    pub max_message_bytes: usize,

    /// Longest a call may take until its response starts, in seconds (DEADLINE_EXCEEDED).
    #[arg(long, env = "SIFT_CALL_TIMEOUT_SECS", default_value_t = ServerLimits::default().call_timeout.as_secs())]
    pub call_timeout_secs: u64,

    /// Calls served at once; more are shed with RESOURCE_EXHAUSTED rather than queued.
    #[arg(long, env = "SIFT_MAX_CONCURRENT_CALLS", default_value_t = ServerLimits::default().max_concurrent_calls)]
    pub max_concurrent_calls: usize,

    /// How often an open stream (StreamNotifications, imports) checks its token again, in
    /// seconds: a revoked or expired token ends the stream with UNAUTHENTICATED within this.
    #[arg(long, env = "SIFT_STREAM_TOKEN_RECHECK_SECS", default_value_t = 5)]
    pub stream_token_recheck_secs: u64,

    /// Connections the gRPC port holds open at once; more are refused (and counted).
    #[arg(long, env = "SIFT_MAX_CONNECTIONS", default_value_t = ServerLimits::default().grpc_connections,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Connections the web console holds open at once.
    #[arg(long, env = "SIFT_CONSOLE_MAX_CONNECTIONS", default_value_t = ServerLimits::default().console_connections,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub console_max_connections: u32,

    /// Connections the metrics endpoint holds open at once.
    #[arg(long, env = "SIFT_METRICS_MAX_CONNECTIONS", default_value_t = ServerLimits::default().metrics_connections,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub metrics_max_connections: u32,

    /// Seconds a new connection has to send its first request (TLS handshake included) before
    /// it is closed; also the most an HTTP/1.1 request's headers may take.
    #[arg(long, env = "SIFT_HEADER_TIMEOUT_SECS", default_value_t = ServerLimits::default().header_timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout_secs: u64,

    /// Seconds a connection may stay open without a call before it is closed.
    #[arg(long, env = "SIFT_IDLE_TIMEOUT_SECS", default_value_t = ServerLimits::default().idle_timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_secs: u64,

    /// Seconds between checks that the database answers; health reports NOT_SERVING while it
    /// does not.
    #[arg(long, env = "SIFT_HEALTH_PROBE_SECS", default_value_t = ServerLimits::default().health_probe.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub health_probe_secs: u64,

    /// Address of the Prometheus metrics endpoint (`GET /metrics`); empty turns it off. Only
    /// loopback unless --metrics-token is set.
    #[arg(long, env = "SIFT_METRICS_LISTEN", default_value = "127.0.0.1:9464")]
    pub metrics_listen: String,

    /// A secret Prometheus must send (`authorization: Bearer <token>`) to read the metrics;
    /// required to serve them on a non-loopback address. Prefer the environment variable.
    #[arg(long, env = "SIFT_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Address of the web console for product managers (`http://ADDR/`); off unless set.
    #[arg(long, env = "SIFT_CONSOLE_LISTEN", default_value = "")]
    pub console_listen: String,

    /// DNS names the web console is reached by (comma-separated), besides its address and
    /// localhost: requests naming any other host are refused (DNS rebinding).
    #[arg(long, env = "SIFT_CONSOLE_ALLOWED_HOSTS", value_delimiter = ',')]
    pub console_allowed_hosts: Vec<String>,

    /// Folder of the multilingual-e5-small model (scripts/fetch-model.sh): turns on semantic
    /// similarity. Needs a build with `--features embeddings`. A missing or broken model stops
    /// the start with an error.
    #[arg(long, env = "SIFT_EMBEDDING_MODEL")]
    pub embedding_model: Option<std::path::PathBuf>,

    /// Log format: text or json.
    #[arg(long, env = "SIFT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Days a telemetry event id is remembered: an event sent again with the same id within
    /// them (a retry, a NATS redelivery) counts once.
    #[arg(long, env = "SIFT_TELEMETRY_EVENT_ID_DAYS", default_value_t = TelemetryConfig::default().event_id_days(),
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub telemetry_event_id_days: u32,

    /// NATS server URL (`nats://HOST:4222`): consume telemetry events (JSON) from JetStream
    /// too, with --telemetry-subject. The stream covering the subject must exist.
    #[arg(long, env = "SIFT_TELEMETRY_NATS", requires = "telemetry_subject")]
    pub telemetry_nats: Option<String>,

    /// The subject telemetry events are published on (wildcards allowed: `telemetry.>`).
    #[arg(long, env = "SIFT_TELEMETRY_SUBJECT", requires = "telemetry_nats")]
    pub telemetry_subject: Option<String>,

    /// Name of the JetStream durable consumer; Sift instances that share it (and a database)
    /// share the work, each message going to one of them.
    #[arg(long, env = "SIFT_TELEMETRY_DURABLE", default_value = "sift-telemetry")]
    pub telemetry_durable: String,
}

/// Everything the application needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    pub db_max_connections: u32,
    pub currency: String,
    pub tiers: TierThresholds,
    pub limits: Limits,
    pub clustering: ClusterConfig,
    /// Confidence rules of consolidation, and how often it runs in the background.
    pub consolidation: ConsolidationConfig,
    pub consolidate_every: Option<std::time::Duration>,
    /// How often the clustering index is snapshotted (and on a graceful stop); none writes none.
    pub snapshot_every: Option<std::time::Duration>,
    /// Whether a start may load a snapshot rather than replay the whole clustering log.
    pub load_snapshot: bool,
    pub notify: NotifyConfig,
    /// Require a bearer token on every call (off only with --no-auth on loopback).
    pub auth: bool,
    /// How often an open stream checks its token again.
    pub stream_token_recheck: std::time::Duration,
    pub tls: Option<TlsFiles>,
    pub server: ServerLimits,
    pub metrics_listen: Option<SocketAddr>,
    /// What Prometheus must send to read the metrics; none means the listen address must be
    /// loopback.
    pub metrics_token: Option<Secret>,
    /// Where the web console is served; off when unset.
    pub console_listen: Option<SocketAddr>,
    /// DNS names the console answers to besides its address and localhost.
    pub console_allowed_hosts: Vec<String>,
    /// The embedding model's folder: semantic similarity is on when set.
    pub embedding_model: Option<std::path::PathBuf>,
    /// Event-id dedupe and the NATS consumer.
    pub telemetry: TelemetryConfig,
}

/// Telemetry events: how long their ids are remembered, and where else they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelemetryConfig {
    pub event_id_retention: std::time::Duration,
    /// Consume events from NATS JetStream too.
    pub nats: Option<NatsTelemetry>,
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        Self {
            event_id_retention: std::time::Duration::from_secs(7 * 86_400),
            nats: None,
        }
    }
}

impl TelemetryConfig {
    fn event_id_days(&self) -> u32 {
        (self.event_id_retention.as_secs() / 86_400) as u32
    }
}

/// A JetStream durable pull consumer of telemetry events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatsTelemetry {
    pub url: String,
    pub subject: String,
    pub durable: String,
}

/// TLS certificate, key and optional client CA, as PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: std::path::PathBuf,
    pub key: std::path::PathBuf,
    pub client_ca: Option<std::path::PathBuf>,
}

/// Transport limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerLimits {
    pub max_message_bytes: usize,
    pub call_timeout: std::time::Duration,
    pub max_concurrent_calls: usize,
    /// Connections held open at once, per listener. The defaults together, with the database
    /// pool and a reserve, fit the common limit of 1,024 open files.
    pub grpc_connections: u32,
    pub console_connections: u32,
    pub metrics_connections: u32,
    /// From accept to the first request's headers.
    pub header_timeout: std::time::Duration,
    /// With no call in flight.
    pub idle_timeout: std::time::Duration,
    /// Between database probes of the health service.
    pub health_probe: std::time::Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            max_message_bytes: 16 << 20,
            call_timeout: std::time::Duration::from_secs(120),
            max_concurrent_calls: 512,
            grpc_connections: 512,
            console_connections: 128,
            metrics_connections: 16,
            header_timeout: std::time::Duration::from_secs(10),
            idle_timeout: std::time::Duration::from_secs(300),
            health_probe: std::time::Duration::from_secs(5),
        }
    }
}

impl ServerLimits {
    /// The connection limits of one listener.
    pub fn connections(&self, listener: Listener) -> ConnectionLimits {
        let max = match listener {
            Listener::Grpc => self.grpc_connections,
            Listener::Console => self.console_connections,
            Listener::Metrics => self.metrics_connections,
        };
        ConnectionLimits {
            max_connections: max as usize,
            header_timeout: self.header_timeout,
            idle_timeout: self.idle_timeout,
        }
    }
}

/// Closing the loop: when to notify and how deliveries are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    /// Status changes to PLANNED and IN_PROGRESS notify too.
    pub on_status: bool,
    /// Feedback reaching a SHIPPED request tells its requester "already available".
    pub already_available: bool,
    pub retry: RetryPolicy,
    /// Default lease of a notification handed to a consumer.
    pub lease_secs: u32,
    /// Characters of each quoted feedback item.
    pub excerpt_chars: usize,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        Self {
            on_status: false,
            already_available: true,
            retry: RetryPolicy::default(),
            lease_secs: 60,
            excerpt_chars: 280,
        }
    }
}

impl Config {
    /// A configuration for tests and embedding: the given database, port 0, defaults elsewhere.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            db_max_connections: 8,
            currency: "USD".into(),
            tiers: TierThresholds::default(),
            limits: Limits::default(),
            clustering: ClusterConfig::default(),
            consolidation: ConsolidationConfig::default(),
            consolidate_every: None,
            snapshot_every: Some(std::time::Duration::from_secs(300)),
            load_snapshot: true,
            notify: NotifyConfig::default(),
            auth: false,
            stream_token_recheck: std::time::Duration::from_secs(5),
            tls: None,
            server: ServerLimits::default(),
            metrics_listen: None,
            metrics_token: None,
            console_listen: None,
            console_allowed_hosts: Vec::new(),
            embedding_model: None,
            telemetry: TelemetryConfig::default(),
        }
    }
}

impl TryFrom<ServeArgs> for Config {
    type Error = String;

    fn try_from(a: ServeArgs) -> Result<Self, String> {
        if a.currency.len() != 3 || !a.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "--currency {:?}: must be an ISO 4217 code such as USD",
                a.currency
            ));
        }
        if a.tier_important_arr < 0 || a.tier_key_arr < a.tier_important_arr {
            return Err("--tier-key-arr must be >= --tier-important-arr >= 0".into());
        }
        if a.max_text_chars == 0 || a.max_batch == 0 || a.max_future_skew_secs < 0 {
            return Err("limits must be positive".into());
        }
        if a.cluster_suggest > a.cluster_join {
            return Err(format!(
                "--cluster-suggest {} must not be above --cluster-join {}",
                a.cluster_suggest, a.cluster_join
            ));
        }
        if a.notify_max_attempts == 0 || a.notify_lease_secs == 0 {
            return Err("--notify-max-attempts and --notify-lease-secs must be positive".into());
        }
        let notify = NotifyConfig {
            on_status: a.notify_on_status,
            already_available: a.notify_already_available,
            retry: RetryPolicy {
                max_attempts: a.notify_max_attempts,
                base: std::time::Duration::from_secs(a.notify_retry_secs),
                cap: std::time::Duration::from_secs(
                    a.notify_retry_cap_secs.max(a.notify_retry_secs),
                ),
            },
            lease_secs: a.notify_lease_secs,
            ..NotifyConfig::default()
        };
        if a.no_auth && !a.listen.ip().is_loopback() {
            return Err(format!(
                "--no-auth is for local trials: refused on {} (not a loopback address)",
                a.listen
            ));
        }
        if a.max_message_bytes < 1024 || a.call_timeout_secs == 0 || a.max_concurrent_calls == 0 {
            return Err(
                "--max-message-bytes (>= 1024), --call-timeout-secs and --max-concurrent-calls \
                 must be positive"
                    .into(),
            );
        }
        if !(1..=3_600).contains(&a.stream_token_recheck_secs) {
            return Err("--stream-token-recheck-secs must be between 1 and 3600".into());
        }
        let metrics_listen: Option<SocketAddr> = match a.metrics_listen.trim() {
            "" => None,
            addr => Some(
                addr.parse()
                    .map_err(|_| format!("--metrics-listen {addr:?}: not an address"))?,
            ),
        };
        let metrics_token = match a.metrics_token.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(token) if token.len() < 16 => {
                return Err("--metrics-token: at least 16 characters".into());
            }
            Some(token) => Some(Secret::new(token)),
        };
        if let Some(addr) = metrics_listen
            && !addr.ip().is_loopback()
            && metrics_token.is_none()
        {
            return Err(format!(
                "--metrics-listen {addr}: not a loopback address, and the metrics have no \
                 --metrics-token (SIFT_METRICS_TOKEN); set one for Prometheus to send, or listen \
                 on 127.0.0.1"
            ));
        }
        let console_listen: Option<SocketAddr> = match a.console_listen.trim() {
            "" => None,
            addr => Some(
                addr.parse()
                    .map_err(|_| format!("--console-listen {addr:?}: not an address"))?,
            ),
        };
        if let Some(addr) = console_listen
            && a.no_auth
            && !addr.ip().is_loopback()
        {
            return Err(format!(
                "--no-auth is for local trials: the console is refused on {addr} (not a loopback address)"
            ));
        }
        let mut console_allowed_hosts = Vec::new();
        for name in a.console_allowed_hosts.iter().map(|n| n.trim()) {
            let valid = !name.is_empty()
                && name.len() <= 253
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
            if !valid {
                return Err(format!(
                    "--console-allowed-hosts {name:?}: expected a DNS name such as sift.example.com \
                     (no scheme, port or path)"
                ));
            }
            console_allowed_hosts.push(name.to_ascii_lowercase());
        }
        let tls = match (a.tls_cert, a.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles {
                cert,
                key,
                client_ca: a.tls_client_ca,
            }),
            _ => None,
        };
        let server = ServerLimits {
            max_message_bytes: a.max_message_bytes,
            call_timeout: std::time::Duration::from_secs(a.call_timeout_secs),
            max_concurrent_calls: a.max_concurrent_calls,
            grpc_connections: a.max_connections,
            console_connections: a.console_max_connections,
            metrics_connections: a.metrics_max_connections,
            header_timeout: std::time::Duration::from_secs(a.header_timeout_secs),
            idle_timeout: std::time::Duration::from_secs(a.idle_timeout_secs),
            health_probe: std::time::Duration::from_secs(a.health_probe_secs),
        };
        let nats = match (a.telemetry_nats, a.telemetry_subject) {
            (Some(url), Some(subject)) => {
                let (url, subject) = (url.trim().to_owned(), subject.trim().to_owned());
                if url.is_empty() {
                    return Err(
                        "--telemetry-nats: expected a URL such as nats://127.0.0.1:4222".into(),
                    );
                }
                if subject.is_empty()
                    || subject.split('.').any(str::is_empty)
                    || subject.chars().any(|c| c.is_whitespace() || c.is_control())
                {
                    return Err(format!(
                        "--telemetry-subject {subject:?}: expected a NATS subject such as \
                         telemetry.events or telemetry.>"
                    ));
                }
                let durable = a.telemetry_durable.trim().to_owned();
                if durable.is_empty()
                    || !durable
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                {
                    return Err(format!(
                        "--telemetry-durable {durable:?}: letters, digits, '-' and '_' only"
                    ));
                }
                Some(NatsTelemetry {
                    url,
                    subject,
                    durable,
                })
            }
            _ => None,
        };
        let telemetry = TelemetryConfig {
            event_id_retention: std::time::Duration::from_secs(
                u64::from(a.telemetry_event_id_days) * 86_400,
            ),
            nats,
        };
        let clustering = ClusterConfig {
            join_threshold: a.cluster_join,
            suggest_threshold: a.cluster_suggest,
            ..ClusterConfig::default()
        };
        Ok(Self {
            clustering,
            consolidation: ConsolidationConfig::default(),
            consolidate_every: (a.consolidate_every > 0)
                .then(|| std::time::Duration::from_secs(a.consolidate_every)),
            snapshot_every: (a.snapshot_every > 0)
                .then(|| std::time::Duration::from_secs(a.snapshot_every)),
            load_snapshot: !a.full_replay,
            notify,
            auth: !a.no_auth,
            stream_token_recheck: std::time::Duration::from_secs(a.stream_token_recheck_secs),
            tls,
            server,
            metrics_listen,
            metrics_token,
            console_listen,
            console_allowed_hosts,
            embedding_model: a.embedding_model,
            telemetry,
            listen: a.listen,
            database_url: a.database.database_url,
            db_max_connections: a.database.db_max_connections,
            currency: a.currency,
            tiers: TierThresholds {
                key_arr: a.tier_key_arr,
                important_arr: a.tier_important_arr,
            },
            limits: Limits {
                max_text_chars: a.max_text_chars,
                max_batch: a.max_batch,
                max_future_skew: chrono::Duration::seconds(a.max_future_skew_secs),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser, Debug)]
    struct Serve {
        #[command(flatten)]
        args: ServeArgs,
    }

    fn parse(args: &[&str]) -> Result<Config, String> {
        let serve = Serve::try_parse_from(std::iter::once("serve").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        Config::try_from(serve.args)
    }

    /// The README's configuration table, made from the clap definitions: one row per flag of
    /// `sift serve` with its environment variable, default and help text.
    fn configuration_table() -> String {
        let command = <Serve as clap::CommandFactory>::command();
        let mut out =
            String::from("| flag | environment | default | meaning |\n| --- | --- | --- | --- |\n");
        for arg in command.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if long == "help" {
                continue;
            }
            let env = arg
                .get_env()
                .map(|e| format!("`{}`", e.to_string_lossy()))
                .unwrap_or_default();
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let default = match defaults.join(",").as_str() {
                _ if !arg.get_action().takes_values() => "off".to_owned(),
                "" if defaults.is_empty() => "none".to_owned(),
                "" | "false" => "off".to_owned(),
                value => format!("`{value}`"),
            };
            let help = arg
                .get_help()
                .map(|h| h.to_string())
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace('|', "\\|");
            out.push_str(&format!("| `--{long}` | {env} | {default} | {help} |\n"));
        }
        out
    }

    /// The README's table is the one the flags make (defaults included); with
    /// SIFT_WRITE_README=1 this test writes it there instead of failing.
    #[test]
    fn the_readme_configuration_table_is_the_flags() {
        const BEGIN: &str = "<!-- configuration:begin";
        const END: &str = "<!-- configuration:end -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let begin = readme
            .find(BEGIN)
            .expect("the README marks its configuration table");
        let table_at = begin + readme[begin..].find("-->\n").expect("marker ends") + 4;
        let end = table_at
            + readme[table_at..]
                .find(END)
                .expect("the table's end marker");
        let table = configuration_table();
        if std::env::var_os("SIFT_WRITE_README").is_some() {
            let updated = format!("{}{table}{}", &readme[..table_at], &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
            return;
        }
        assert!(
            readme[table_at..end] == table,
            "README.md's configuration table differs from the flags of `sift serve`; \
             SIFT_WRITE_README=1 cargo test --lib config:: rewrites it. Expected:\n{table}"
        );
        assert!(
            table.contains("| `--cluster-join` | `SIFT_CLUSTER_JOIN` | `0.1` |"),
            "{table}"
        );
    }

    #[test]
    fn flags_that_make_no_sense_are_refused_with_the_flag_named() {
        for (args, flag) in [
            (&["--cluster-join", "NaN"][..], "--cluster-join"),
            (&["--cluster-join", "2"], "--cluster-join"),
            (&["--cluster-join=-0.1"], "--cluster-join"),
            (&["--cluster-join", "inf"], "--cluster-join"),
            (&["--cluster-suggest", "NaN"], "--cluster-suggest"),
            (
                &["--cluster-join", "0.3", "--cluster-suggest", "0.5"],
                "--cluster-suggest",
            ),
            (&["--db-max-connections", "0"], "--db-max-connections"),
        ] {
            let err = parse(args).expect_err(&format!("{args:?} refused"));
            assert!(err.contains(flag), "{args:?}: {err}");
        }
    }

    #[test]
    fn metrics_leave_loopback_only_with_a_token() {
        for args in [
            &["--metrics-listen", "0.0.0.0:9464"][..],
            &["--metrics-listen", "10.1.2.3:9464", "--no-auth"],
            &["--metrics-listen", "[::]:9464", "--metrics-token", ""],
        ] {
            let err = parse(args).expect_err(&format!("{args:?} refused"));
            assert!(err.contains("--metrics-listen"), "{args:?}: {err}");
            assert!(err.contains("--metrics-token"), "{args:?}: {err}");
        }
        let err = parse(&["--metrics-token", "short"]).expect_err("short token");
        assert!(err.contains("--metrics-token"), "{err}");
        let config = parse(&[
            "--metrics-listen",
            "0.0.0.0:9464",
            "--metrics-token",
            "a-long-enough-metrics-token",
        ])
        .expect("with a token");
        assert!(config.metrics_token.is_some());
        assert!(
            !format!("{config:?}").contains("a-long-enough"),
            "never printed"
        );
        assert!(parse(&["--metrics-listen", "127.0.0.1:9464"]).is_ok());
        assert!(parse(&["--metrics-listen", "[::1]:9464", "--no-auth"]).is_ok());
    }

    #[test]
    fn connection_bounds_and_timeouts_must_be_positive() {
        for flag in [
            "--max-connections",
            "--console-max-connections",
            "--metrics-max-connections",
            "--header-timeout-secs",
            "--idle-timeout-secs",
            "--health-probe-secs",
        ] {
            let err = parse(&[flag, "0"]).expect_err(flag);
            assert!(err.contains(flag), "{flag}: {err}");
        }
        let config = parse(&["--max-connections", "7", "--header-timeout-secs", "2"]).expect("ok");
        let grpc = config.server.connections(Listener::Grpc);
        assert_eq!(grpc.max_connections, 7);
        assert_eq!(grpc.header_timeout, std::time::Duration::from_secs(2));
    }

    #[test]
    fn the_nats_consumer_needs_a_url_a_subject_and_a_sound_durable_name() {
        let err = parse(&["--telemetry-nats", "nats://127.0.0.1:4222"]).expect_err("no subject");
        assert!(err.contains("--telemetry-subject"), "{err}");
        let err = parse(&["--telemetry-subject", "telemetry.>"]).expect_err("no url");
        assert!(err.contains("--telemetry-nats"), "{err}");
        for (args, flag) in [
            (&["--telemetry-subject", "a..b"][..], "--telemetry-subject"),
            (&["--telemetry-subject", "has space"], "--telemetry-subject"),
            (&["--telemetry-durable", "a.b"], "--telemetry-durable"),
            (&["--telemetry-durable", ""], "--telemetry-durable"),
        ] {
            let mut all = vec!["--telemetry-nats", "nats://127.0.0.1:4222"];
            if flag != "--telemetry-subject" {
                all.extend(["--telemetry-subject", "telemetry.>"]);
            }
            all.extend_from_slice(args);
            let err = parse(&all).expect_err(&format!("{args:?} refused"));
            assert!(err.contains(flag), "{args:?}: {err}");
        }
        let config = parse(&[
            "--telemetry-nats",
            "nats://127.0.0.1:4222",
            "--telemetry-subject",
            "telemetry.>",
            "--telemetry-event-id-days",
            "3",
        ])
        .expect("valid");
        assert_eq!(
            config.telemetry.nats,
            Some(NatsTelemetry {
                url: "nats://127.0.0.1:4222".into(),
                subject: "telemetry.>".into(),
                durable: "sift-telemetry".into(),
            })
        );
        assert_eq!(
            config.telemetry.event_id_retention,
            std::time::Duration::from_secs(3 * 86_400)
        );
        assert!(parse(&["--telemetry-event-id-days", "0"]).is_err());
        assert_eq!(
            parse(&[]).expect("defaults").telemetry,
            TelemetryConfig::default()
        );
    }

    #[test]
    fn sensible_thresholds_and_pool_sizes_are_taken_as_given() {
        let config = parse(&[
            "--cluster-join",
            "0.6",
            "--cluster-suggest",
            "0.4",
            "--db-max-connections",
            "1",
        ])
        .expect("valid");
        assert_eq!(config.clustering.join_threshold, 0.6);
        assert_eq!(config.clustering.suggest_threshold, 0.4);
        assert_eq!(config.db_max_connections, 1);
    }
}
