//! The PM's command line over a running server: `sift backlog`, `sift request ...`,
//! `sift suggestions ...`, `sift theme ...`, `sift profile ...`, `sift release ...`,
//! `sift roadmap`, `sift import`, `sift notifications tail`. Every PM action of the API has a
//! command here.
//! Output is a table for people, or `--json` / `--csv` for scripts; a refusal is one line with
//! its gRPC code.

pub mod client;
pub mod import;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};

use self::client::{Ch, connect, status_line};
use crate::pb::{
    self, notification_service_client::NotificationServiceClient,
    outcome_service_client::OutcomeServiceClient,
    prioritization_service_client::PrioritizationServiceClient,
    request_service_client::RequestServiceClient, roadmap_service_client::RoadmapServiceClient,
};

/// Where the server is and who is calling.
#[derive(Args, Debug, Clone)]
pub struct Remote {
    /// The server's gRPC address.
    #[arg(
        long,
        env = "SIFT_SERVER",
        default_value = "http://127.0.0.1:50051",
        global = true
    )]
    pub server: String,
    /// A bearer token (`sift token create`); empty for a server run with --no-auth.
    #[arg(
        long,
        env = "SIFT_TOKEN",
        default_value = "",
        hide_env_values = true,
        global = true
    )]
    pub token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum RequestCommand {
    /// A request with its score explanation and evidence.
    Show {
        /// The request's id.
        id: i64,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
        /// Explain the score at the end of this past day (YYYY-MM-DD), with the inputs as
        /// `sift outcomes backtest` reconstructs them.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Requests in id order (the backlog ranks them: `sift backlog`).
    List {
        /// Merged requests too.
        #[arg(long)]
        merged: bool,
        /// Only requests with at least this many feedback items.
        #[arg(long, default_value_t = 0)]
        min_feedback: i64,
        /// At most this many (1-1000).
        #[arg(long, default_value_t = 100)]
        limit: i32,
    },
    /// The requests nearest to a text: "is this already requested?"
    Similar {
        /// What a customer asked, in their words.
        text: String,
        /// At most this many (1-100).
        #[arg(long, default_value_t = 10)]
        limit: i32,
    },
    /// Merge SOURCE into TARGET: the source's feedback joins the target.
    Merge {
        /// The request that goes away (becomes MERGED).
        source: i64,
        /// The request that keeps both.
        target: i64,
    },
    /// Undo a merge: the request gets back exactly the feedback that came from it.
    Unmerge {
        /// The merged request.
        id: i64,
    },
    /// Move one feedback item to another request (`--to`) or a new one (`--new`).
    Move {
        /// The feedback item's id (`sift request show` lists them in brackets).
        feedback_id: i64,
        /// The request it moves to.
        #[arg(long, conflicts_with = "new", required_unless_present = "new")]
        to: Option<i64>,
        /// Start a new request with it.
        #[arg(long)]
        new: bool,
    },
    /// Give a request a PM's title (`--auto` returns to the automatic one).
    Rename {
        /// The request's id.
        id: i64,
        /// The new title.
        #[arg(required_unless_present = "auto", conflicts_with = "auto")]
        title: Option<String>,
        /// Drop the PM's title: the most representative feedback's title again.
        #[arg(long)]
        auto: bool,
    },
    /// Move a request along its lifecycle (kept in its history with who and why).
    Status {
        /// The request's id.
        id: i64,
        /// The new status.
        #[arg(value_enum)]
        status: StatusArg,
        /// Why, for the history.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// A request's status changes, oldest first, with who made them and why.
    History {
        /// The request's id.
        id: i64,
    },
    /// Align a request with a strategic theme (alignment 0 removes the link).
    Align {
        /// The request's id.
        id: i64,
        /// The theme's id (`sift theme list`).
        #[arg(long)]
        theme: i64,
        /// How well it serves the theme, 0-1.
        #[arg(long)]
        alignment: f64,
    },
    /// Estimate a request's effort in person-weeks (0 clears the estimate).
    Effort {
        /// The request's id.
        id: i64,
        /// Person-weeks.
        weeks: f64,
    },
}

/// A request's status, as the PM sets it (MERGED is set by merging).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    New,
    UnderReview,
    Planned,
    InProgress,
    Shipped,
    Declined,
}

impl StatusArg {
    fn to_pb(self) -> pb::RequestStatus {
        match self {
            StatusArg::New => pb::RequestStatus::New,
            StatusArg::UnderReview => pb::RequestStatus::UnderReview,
            StatusArg::Planned => pb::RequestStatus::Planned,
            StatusArg::InProgress => pb::RequestStatus::InProgress,
            StatusArg::Shipped => pb::RequestStatus::Shipped,
            StatusArg::Declined => pb::RequestStatus::Declined,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum SuggestionCommand {
    /// Pending merge suggestions.
    List,
    /// Accept: merge the new request into the one it looks like.
    Accept {
        /// The suggestion's id (first column of `sift suggestions list`).
        id: i64,
    },
    /// Reject: the two are never suggested again.
    Reject {
        /// The suggestion's id (first column of `sift suggestions list`).
        id: i64,
    },
    /// Move suggestions (items that may belong in another request): list pending ones, or
    /// accept (move the item) or reject one.
    Moves {
        #[command(subcommand)]
        action: Option<MoveSuggestionCommand>,
    },
}

#[derive(Subcommand, Debug)]
pub enum MoveSuggestionCommand {
    /// Pending move suggestions (the default).
    List,
    /// Move the item to the suggested request (a PM's move).
    Accept {
        /// The move suggestion's id (from `sift suggestions moves`).
        id: i64,
    },
    /// Never suggest this item for that request again.
    Reject {
        /// The move suggestion's id (from `sift suggestions moves`).
        id: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum ThemeCommand {
    /// Strategic themes with their weights.
    List,
    /// A new strategic theme (active).
    Create {
        /// A unique name: "Enterprise readiness".
        #[arg(long)]
        name: String,
        /// How much the theme matters, 0-1.
        #[arg(long)]
        weight: f64,
        /// What the theme is about.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Change a theme: only what is given changes.
    Update {
        /// The theme's id.
        id: i64,
        /// A new name.
        #[arg(long)]
        name: Option<String>,
        /// A new description.
        #[arg(long)]
        description: Option<String>,
        /// A new weight, 0-1.
        #[arg(long)]
        weight: Option<f64>,
        /// Count it again in strategic fit.
        #[arg(long, conflicts_with = "inactive")]
        active: bool,
        /// Stop counting it in strategic fit (alignments are kept).
        #[arg(long)]
        inactive: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ProfileCommand {
    /// Scoring profiles (every version), the active one marked.
    List,
    /// Save a new version of a profile: a profile's parameters with some changed.
    Create {
        /// The profile's name (an existing name makes its next version).
        #[arg(long)]
        name: String,
        /// Start from this profile id (default: the active profile).
        #[arg(long)]
        from: Option<i64>,
        /// Parameters to change: `w_fit=0.4,divide_by_effort=true` (names as in docs/scoring.md).
        #[arg(long = "set", value_delimiter = ',')]
        set: Vec<String>,
    },
    /// Rank with this profile from now on.
    Activate {
        /// The profile's id (`sift profile list`).
        id: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// The weekly train.
    Minor,
    /// The quarterly release.
    Major,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LaneArg {
    Now,
    Next,
    Later,
}

#[derive(Subcommand, Debug)]
pub enum ReleaseCommand {
    /// A new release (not shipped): a version on the weekly (minor) or quarterly (major) train.
    Create {
        /// Unique, no spaces, at most 64 characters: "2026.48", "v3.0".
        #[arg(long)]
        version: String,
        /// minor (the weekly train) or major (the quarterly one).
        #[arg(long, value_enum)]
        kind: Kind,
        /// The planned date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// What the release is about, for the people who plan it.
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Put a request into a release or a lane, or take it off the roadmap.
    Plan {
        /// The request's id.
        request_id: i64,
        /// The release's id (`sift roadmap` shows them).
        #[arg(long, conflicts_with_all = ["lane", "unplan"], required_unless_present_any = ["lane", "unplan"])]
        release: Option<i64>,
        /// An unscheduled lane.
        #[arg(long, value_enum, conflicts_with = "unplan")]
        lane: Option<LaneArg>,
        /// Off the roadmap: neither a release nor a lane.
        #[arg(long)]
        unplan: bool,
    },
    /// Set the release note of a planned request: how the change solves the customer's
    /// problem, in their words. Quoted in every notification.
    Note {
        /// The request's id (planned into the release).
        request_id: i64,
        /// The release's id.
        #[arg(long)]
        release: i64,
        /// The note.
        #[arg(required_unless_present = "clear", conflicts_with = "clear")]
        text: Option<String>,
        /// Remove the note.
        #[arg(long)]
        clear: bool,
    },
    /// Who will be told what, through which channel; who is suppressed and why.
    Preview {
        /// The release's id.
        release_id: i64,
    },
    /// Ship: the requests become SHIPPED and their requesters are notified.
    Ship {
        /// The release's id.
        release_id: i64,
        /// Required: shipping notifies customers.
        #[arg(long)]
        yes: bool,
        /// Ship requests that have neither a PM title nor a release note under their
        /// generated titles (made from a customer's words); without it they are refused.
        #[arg(long)]
        accept_generated_titles: bool,
    },
}

/// Help-desk and CRM exports in: `sift import tickets.csv --preset zendesk`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The CSV file (header row first).
    pub file: std::path::PathBuf,
    /// The export's columns: zendesk, intercom or salesforce.
    #[arg(long)]
    pub preset: Option<String>,
    /// Columns for fields, on top of the preset: `title=Subject,body=Description,
    /// account=Organization|Requester domain` (`|` gives fallbacks). Fields: source_ref, title,
    /// body, account, contact_email, contact_name, contact_id, occurred_at, importance.
    #[arg(long, default_value = "")]
    pub map: String,
    /// The feedback's source (default: the preset's, else support).
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,
    /// Put before each row's id (default: the preset's, e.g. "zendesk:"): ids of different
    /// systems cannot collide, and a re-import finds the same ones.
    #[arg(long)]
    pub ref_prefix: Option<String>,
    /// A chrono format for dates the usual forms do not cover: "%d/%m/%Y %H:%M".
    #[arg(long)]
    pub date_format: Option<String>,
    /// Rows per ImportFeedback call.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub batch: u32,
    /// Map and check every row, send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write every refused row (row, field, column, reason) to this CSV file.
    #[arg(long)]
    pub refused: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceArg {
    Support,
    Csm,
    Sales,
    Research,
}

impl SourceArg {
    fn to_pb(self) -> pb::Source {
        match self {
            SourceArg::Support => pb::Source::Support,
            SourceArg::Csm => pb::Source::Csm,
            SourceArg::Sales => pb::Source::Sales,
            SourceArg::Research => pb::Source::Research,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum NotificationCommand {
    /// Look at the outbox without touching it: notifications with their status, attempt and
    /// recipient (ListNotifications; nothing is leased, senders are not held back).
    /// `--follow` then follows new ones, and says that it leases what it shows.
    List {
        /// Only this release's notifications (0: every release).
        #[arg(long, default_value_t = 0)]
        release: i64,
        /// Only this status: pending, delivered, failed, suppressed, dead.
        #[arg(long, value_enum)]
        status: Option<NotificationStatusArg>,
        /// At most this many (newest last).
        #[arg(long, default_value_t = 100)]
        limit: i32,
        /// After the list, follow the outbox (StreamNotifications). A stream LEASES every
        /// notification it shows for the server's --notify-lease-secs: senders calling
        /// ListPendingNotifications do not get them until the lease runs out.
        #[arg(long)]
        follow: bool,
    },
    /// Follow the outbox, one line per notification, until interrupted. Like `list --follow`,
    /// it LEASES what it shows to this consumer (no one else gets it until acked or the lease
    /// ends).
    Tail {
        /// Start after this cursor (0: from the beginning).
        #[arg(long, default_value_t = 0)]
        after: i64,
        /// Stream as this named consumer: run again with the same name, it first shows again
        /// what it holds and has not acked.
        #[arg(long, default_value = "")]
        consumer: String,
    },
}

/// A notification status, as `sift notifications list --status` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotificationStatusArg {
    Pending,
    Delivered,
    Failed,
    Suppressed,
    Dead,
}

impl NotificationStatusArg {
    fn to_pb(self) -> pb::NotificationStatus {
        match self {
            Self::Pending => pb::NotificationStatus::Pending,
            Self::Delivered => pb::NotificationStatus::Delivered,
            Self::Failed => pb::NotificationStatus::Failed,
            Self::Suppressed => pb::NotificationStatus::Suppressed,
            Self::Dead => pb::NotificationStatus::Dead,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    Renewed,
    Expanded,
    Contracted,
    Churned,
}

#[derive(Subcommand, Debug)]
pub enum RenewalCommand {
    /// Record a renewal outcome from the CRM (idempotent by --reference).
    Record {
        /// The CRM's id of this renewal.
        #[arg(long)]
        reference: String,
        /// The account's external id.
        #[arg(long)]
        account: String,
        /// The renewal date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// What the renewal did: renewed, expanded, contracted or churned.
        #[arg(long, value_enum)]
        outcome: OutcomeArg,
        /// ARR before, in minor units.
        #[arg(long)]
        arr_before: i64,
        /// ARR after, in minor units.
        #[arg(long)]
        arr_after: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum OutcomesCommand {
    /// ARR that churned or contracted in a period, by the open requests those accounts had
    /// asked for; and the ARR at risk now by request. Correlation, not cause.
    Churn {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day (included), YYYY-MM-DD.
        #[arg(long)]
        to: String,
        /// Renewal window of "at risk now" in days; 0 uses the active scoring profile's.
        #[arg(long, default_value_t = 0)]
        renewal_window_days: i32,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Name the telemetry signals that show a request's feature in use (replaces its list;
    /// none clears it).
    Signals {
        /// The request id.
        #[arg(long)]
        request: i64,
        /// A defined signal key, e.g. report.export.pdf; repeat for several.
        #[arg(long = "signal")]
        signals: Vec<String>,
    },
    /// Per day since a request shipped: distinct accounts and users using its adoption
    /// signals, among the accounts that asked for it and among the rest.
    Adoption {
        /// The request id.
        #[arg(long)]
        request: i64,
        /// Days from the ship day (1-366).
        #[arg(long, default_value_t = 90)]
        days: i32,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The backlog a profile would have ranked at a past date, and how much of the ARR lost in
    /// the horizon after it had asked for its top 10 / 25 / 50; beside another profile or the
    /// vote count. Correlation, not cause.
    Backtest {
        /// A profile name; empty: the active profile.
        #[arg(long, default_value = "")]
        profile: String,
        /// The past date, YYYY-MM-DD.
        #[arg(long)]
        as_of: String,
        /// Days after it in which losses count (1-730).
        #[arg(long, default_value_t = 180)]
        horizon_days: i32,
        /// Compare with this profile; empty: ranking by vote count.
        #[arg(long, default_value = "")]
        against: String,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// What followed a shipped release, per request: told, adopted, at-risk ARR and its next
    /// renewals, beside accounts at risk whose requests did not ship. Correlation, not cause.
    Impact {
        /// The release id.
        #[arg(long)]
        release: i64,
        /// Renewal window of "at risk at ship time" in days; 0 uses the active profile's.
        #[arg(long, default_value_t = 0)]
        renewal_window_days: i32,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}

/// One command of the PM's command line.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// The ranked backlog.
    Backlog {
        /// Rows shown (1-500).
        #[arg(long, default_value_t = 20)]
        limit: i32,
        /// table for people; json or csv for scripts.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// A request: show, list, similar, merge, unmerge, move feedback, rename, status, history,
    /// align with a theme, effort.
    #[command(subcommand)]
    Request(RequestCommand),
    /// The merge-suggestion queue: list, accept, reject; `moves` for move suggestions.
    #[command(subcommand)]
    Suggestions(SuggestionCommand),
    /// Strategic themes: list, create, update.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Scoring profiles: list, create a version, activate.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Releases: create, plan a request, set its release note, preview who is told what, ship.
    #[command(subcommand)]
    Release(ReleaseCommand),
    /// The roadmap: releases in date order with their requests and notes, then the NOW /
    /// NEXT / LATER lanes.
    Roadmap {
        /// Shipped releases too.
        #[arg(long)]
        shipped: bool,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Feedback from a help desk's or CRM's CSV export, streamed through ImportFeedback.
    /// Idempotent: rows already imported (same source reference) are skipped.
    Import(ImportArgs),
    /// The notification outbox: list (a read-only look), tail (follows, and leases).
    #[command(subcommand)]
    Notifications(NotificationCommand),
    /// Revisit every request now: merge requests that are one need, move items that sit
    /// clearly closer to another request, suggest merges below the automatic bar. PM decisions
    /// are never undone. (The server also does this every --consolidate-every seconds.)
    Consolidate,
    /// Renewal outcomes from the CRM: record.
    #[command(subcommand)]
    Renewal(RenewalCommand),
    /// Outcome reports: churn (ARR lost by the requests it was waiting on).
    #[command(subcommand)]
    Outcomes(OutcomesCommand),
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// A server refusal as one line.
fn refused(status: tonic::Status) -> Error {
    status_line(&status).into()
}

/// `text` cut to `n` characters.
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(n - 1).collect::<String>())
    }
}

fn csv_field(s: &str) -> String {
    crate::domain::neutralise::csv_cell(s)
}

/// Everything the CLI prints passes through here: customer text reaches a terminal without
/// the control characters (escape sequences) that would let it act on the terminal.
struct TerminalSafe<'a, W: std::io::Write>(&'a mut W);

impl<W: std::io::Write> std::io::Write for TerminalSafe<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // `write!` hands over whole `str` pieces; anything else is passed on as it came.
        match std::str::from_utf8(buf) {
            Ok(text) => {
                self.0
                    .write_all(crate::domain::neutralise::terminal_text(text).as_bytes())?;
                Ok(buf.len())
            }
            Err(_) => self.0.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn status_name(status: i32) -> String {
    pb::RequestStatus::try_from(status)
        .map(|s| {
            s.as_str_name()
                .trim_start_matches("REQUEST_STATUS_")
                .to_owned()
        })
        .unwrap_or_default()
}

fn channel_name(channel: i32) -> String {
    pb::NotificationChannel::try_from(channel)
        .map(|c| {
            c.as_str_name()
                .trim_start_matches("NOTIFICATION_CHANNEL_")
                .to_owned()
        })
        .unwrap_or_default()
}

fn money(minor: i64) -> String {
    format!("{:.0}", minor as f64 / 100.0)
}

fn lane_name(lane: i32) -> String {
    pb::Lane::try_from(lane)
        .map(|l| l.as_str_name().trim_start_matches("LANE_").to_owned())
        .unwrap_or_default()
}

fn kind_name(kind: i32) -> String {
    pb::ReleaseKind::try_from(kind)
        .map(|k| {
            k.as_str_name()
                .trim_start_matches("RELEASE_KIND_")
                .to_lowercase()
        })
        .unwrap_or_default()
}

/// Runs one command; what it prints goes to `out`.
pub async fn run(
    remote: &Remote,
    command: Command,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let out = &mut TerminalSafe(out);
    if let Command::Import(args) = &command
        && args.dry_run
    {
        return import_dry_run(args, out);
    }
    let ch: Ch = connect(&remote.server, &remote.token).await?;
    match command {
        Command::Backlog { limit, format } => backlog(ch, limit, format, out).await,
        Command::Request(c) => request(ch, c, out).await,
        Command::Suggestions(c) => suggestions(ch, c, out).await,
        Command::Theme(c) => theme(ch, c, out).await,
        Command::Release(c) => release(ch, c, out).await,
        Command::Profile(c) => profile(ch, c, out).await,
        Command::Roadmap { shipped, json } => roadmap(ch, shipped, json, out).await,
        Command::Import(args) => import(ch, args, out).await,
        Command::Notifications(NotificationCommand::List {
            release,
            status,
            limit,
            follow,
        }) => {
            let last = list_notifications(ch.clone(), release, status, limit, out).await?;
            if follow {
                tail(ch, last, "", out).await
            } else {
                Ok(())
            }
        }
        Command::Notifications(NotificationCommand::Tail { after, consumer }) => {
            tail(ch, after, &consumer, out).await
        }
        Command::Consolidate => consolidate(ch, out).await,
        Command::Renewal(c) => renewal(ch, c, out).await,
        Command::Outcomes(c) => outcomes(ch, c, out).await,
    }
}

async fn renewal(ch: Ch, c: RenewalCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let RenewalCommand::Record {
        reference,
        account,
        date,
        outcome,
        arr_before,
        arr_after,
    } = c;
    let outcome = match outcome {
        OutcomeArg::Renewed => pb::RenewalOutcome::Renewed,
        OutcomeArg::Expanded => pb::RenewalOutcome::Expanded,
        OutcomeArg::Contracted => pb::RenewalOutcome::Contracted,
        OutcomeArg::Churned => pb::RenewalOutcome::Churned,
    };
    let r = OutcomeServiceClient::new(ch)
        .record_renewal(pb::RecordRenewalRequest {
            reference,
            account_external_id: account,
            renewed_on: date,
            outcome: outcome as i32,
            arr_before,
            arr_after,
        })
        .await
        .map_err(refused)?
        .into_inner();
    let n = r.renewal.unwrap_or_default();
    writeln!(
        out,
        "renewal {} {}: {} {} on {}, ARR {} -> {}",
        n.id,
        if r.created {
            "recorded"
        } else {
            "was already recorded"
        },
        n.account_external_id,
        outcome_name(n.outcome),
        n.renewed_on,
        money(n.arr_before),
        money(n.arr_after)
    )?;
    Ok(())
}

fn outcome_name(outcome: i32) -> String {
    pb::RenewalOutcome::try_from(outcome)
        .map(|o| {
            o.as_str_name()
                .trim_start_matches("RENEWAL_OUTCOME_")
                .to_owned()
        })
        .unwrap_or_default()
}

async fn outcomes(ch: Ch, c: OutcomesCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let (from, to, renewal_window_days, json) = match c {
        OutcomesCommand::Churn {
            from,
            to,
            renewal_window_days,
            json,
        } => (from, to, renewal_window_days, json),
        OutcomesCommand::Signals { request, signals } => {
            return adoption_signals(ch, request, signals, out).await;
        }
        OutcomesCommand::Adoption {
            request,
            days,
            json,
        } => return adoption(ch, request, days, json, out).await,
        OutcomesCommand::Impact {
            release,
            renewal_window_days,
            json,
        } => return release_impact(ch, release, renewal_window_days, json, out).await,
        OutcomesCommand::Backtest {
            profile,
            as_of,
            horizon_days,
            against,
            json,
        } => {
            let request = pb::BacktestProfileRequest {
                profile,
                as_of,
                horizon_days,
                against_profile: against,
            };
            return backtest(ch, request, json, out).await;
        }
    };
    let e = OutcomeServiceClient::new(ch)
        .get_churn_exposure(pb::GetChurnExposureRequest {
            from: from.clone(),
            to: to.clone(),
            renewal_window_days,
        })
        .await
        .map_err(refused)?
        .into_inner();
    let loss = |l: &pb::AccountLoss| {
        json!({
            "account_id": l.account_id, "account": l.account_external_id, "name": l.account_name,
            "reference": l.renewal_reference, "renewed_on": l.renewed_on,
            "outcome": outcome_name(l.outcome), "arr_before": l.arr_before,
            "arr_after": l.arr_after, "arr_lost": l.arr_lost,
        })
    };
    if json {
        let requests: Vec<Value> = e
            .requests
            .iter()
            .map(|r| {
                json!({
                    "request_id": r.request_id, "title": r.title, "status": r.status,
                    "arr_lost": r.arr_lost, "accounts": r.accounts.iter().map(loss).collect::<Vec<_>>(),
                })
            })
            .collect();
        let at_risk: Vec<Value> = e
            .at_risk
            .iter()
            .map(|r| {
                let accounts: Vec<Value> = r
                    .accounts
                    .iter()
                    .map(|a| {
                        json!({
                            "account_id": a.account_id, "account": a.account_external_id,
                            "name": a.account_name, "arr": a.arr,
                            "renewal_date": a.renewal_date, "health": a.health,
                            "renewing": a.renewing, "unhealthy": a.unhealthy,
                        })
                    })
                    .collect();
                json!({
                    "request_id": r.request_id, "title": r.title, "status": r.status,
                    "arr_at_risk": r.arr_at_risk, "accounts": accounts,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            json!({
                "from": from, "to": to, "currency": e.currency,
                "arr_churned": e.arr_churned, "arr_contracted": e.arr_contracted,
                "arr_lost_waiting_on_nothing": e.arr_lost_waiting_on_nothing,
                "losses": e.losses.iter().map(loss).collect::<Vec<_>>(),
                "requests": requests, "at_risk": at_risk,
                "renewal_window_days": e.renewal_window_days,
                "health_threshold": e.health_threshold, "profile": e.profile,
            })
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{from} .. {to}: {} {} churned, {} {} contracted ({} renewals); {} lost by accounts \
         waiting on no open request",
        money(e.arr_churned),
        e.currency,
        money(e.arr_contracted),
        e.currency,
        e.losses.len(),
        money(e.arr_lost_waiting_on_nothing)
    )?;
    writeln!(
        out,
        "\nLost while waiting on (an account counts under each request it asked for):"
    )?;
    for r in &e.requests {
        writeln!(
            out,
            "{:>12}  #{:<6} {:<12} {}",
            money(r.arr_lost),
            r.request_id,
            r.status,
            cut(&r.title, 60)
        )?;
        for a in &r.accounts {
            writeln!(
                out,
                "{:>12}    {} ({}) {} on {}: {} -> {}",
                money(a.arr_lost),
                a.account_external_id,
                cut(&a.account_name, 30),
                outcome_name(a.outcome),
                a.renewed_on,
                money(a.arr_before),
                money(a.arr_after)
            )?;
        }
    }
    writeln!(
        out,
        "\nAt risk now (renewal within {} days or health below {}, profile {}):",
        e.renewal_window_days, e.health_threshold, e.profile
    )?;
    for r in &e.at_risk {
        writeln!(
            out,
            "{:>12}  #{:<6} {:<12} {}",
            money(r.arr_at_risk),
            r.request_id,
            r.status,
            cut(&r.title, 60)
        )?;
        for a in &r.accounts {
            let why = match (a.renewing, a.unhealthy) {
                (true, true) => format!(
                    "renews {}, health {}",
                    a.renewal_date,
                    a.health.unwrap_or_default()
                ),
                (true, false) => format!("renews {}", a.renewal_date),
                _ => format!("health {}", a.health.unwrap_or_default()),
            };
            writeln!(
                out,
                "{:>12}    {} ({}): {why}",
                money(a.arr),
                a.account_external_id,
                cut(&a.account_name, 30)
            )?;
        }
    }
    Ok(())
}

async fn consolidate(ch: Ch, out: &mut impl std::io::Write) -> Result<(), Error> {
    let r = RequestServiceClient::new(ch)
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await
        .map_err(refused)?
        .into_inner();
    writeln!(
        out,
        "{} requests merged, {} feedback moved, {} feedback re-read without furniture, \
         {} merge suggestions for review ({} requests and {} feedback examined in {:.2} s)",
        r.requests_merged,
        r.feedback_moved,
        r.feedback_refreshed,
        r.merge_suggestions,
        r.requests_examined,
        r.feedback_examined,
        r.seconds
    )?;
    Ok(())
}

async fn backlog(
    ch: Ch,
    limit: i32,
    format: Format,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let page = PrioritizationServiceClient::new(ch)
        .get_ranked_backlog(pb::GetRankedBacklogRequest {
            page_size: limit,
            ..Default::default()
        })
        .await
        .map_err(refused)?
        .into_inner();
    match format {
        Format::Json => {
            let rows: Vec<Value> = page
                .rows
                .iter()
                .map(|r| {
                    let p = r.parts.unwrap_or_default();
                    json!({
                        "rank": r.rank, "request_id": r.request_id, "title": r.title,
                        "status": status_name(r.status), "score": r.score, "accounts": r.accounts,
                        "arr": r.arr, "revenue_at_risk": r.revenue_at_risk,
                        "parts": { "customer_value": p.customer_value, "reach": p.reach,
                                   "strategic_fit": p.strategic_fit, "urgency": p.urgency },
                    })
                })
                .collect();
            writeln!(
                out,
                "{}",
                json!({ "total": page.total, "currency": page.currency, "rows": rows })
            )?;
        }
        Format::Csv => {
            writeln!(out, "rank,request_id,score,accounts,arr,status,title")?;
            for r in &page.rows {
                writeln!(
                    out,
                    "{},{},{:.4},{},{},{},{}",
                    r.rank,
                    r.request_id,
                    r.score,
                    r.accounts,
                    r.arr,
                    status_name(r.status),
                    csv_field(&r.title)
                )?;
            }
        }
        Format::Table => {
            writeln!(
                out,
                "{:>4} {:>6} {:>7} {:>8} {:>12} {:<12} title",
                "rank",
                "id",
                "score",
                "accounts",
                format!("ARR {}", page.currency),
                "status"
            )?;
            for r in &page.rows {
                writeln!(
                    out,
                    "{:>4} {:>6} {:>7.3} {:>8} {:>12} {:<12} {}",
                    r.rank,
                    r.request_id,
                    r.score,
                    r.accounts,
                    money(r.arr),
                    status_name(r.status),
                    cut(&r.title, 70)
                )?;
            }
            writeln!(out, "{} of {} open requests", page.rows.len(), page.total)?;
        }
    }
    Ok(())
}

async fn request(ch: Ch, c: RequestCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut requests = RequestServiceClient::new(ch.clone());
    match c {
        RequestCommand::Show {
            id,
            json: as_json,
            as_of,
        } => {
            let detail = requests
                .get_request(pb::GetRequestRequest {
                    id,
                    evidence_limit: 20,
                })
                .await
                .map_err(refused)?
                .into_inner();
            let r = detail.request.unwrap_or_default();
            let explain = PrioritizationServiceClient::new(ch)
                .explain_score(pb::ExplainScoreRequest {
                    request_id: id,
                    profile: None,
                    as_of: as_of.clone().unwrap_or_default(),
                })
                .await;
            // A request without evidence has no score now; a past date asked for must explain.
            let explained = match (explain, &as_of) {
                (Ok(e), _) => Some(e.into_inner()),
                (Err(status), Some(_)) => return Err(refused(status)),
                (Err(_), None) => None,
            };
            if as_json {
                let feedback: Vec<Value> = detail
                    .feedback
                    .iter()
                    .map(|f| json!({ "id": f.id, "source_ref": f.source_ref, "account": f.account_external_id,
                                      "title": f.title, "body": f.body }))
                    .collect();
                let parts: Vec<Value> = explained
                    .iter()
                    .flat_map(|e| &e.weighted_parts)
                    .map(|p| json!({ "name": p.name, "weight": p.weight, "value": p.value, "weighted": p.weighted }))
                    .collect();
                writeln!(
                    out,
                    "{}",
                    json!({
                        "id": r.id, "title": r.title, "status": status_name(r.status),
                        "feedback_count": r.feedback_count, "account_count": r.account_count,
                        "score": explained.as_ref().map(|e| e.score), "parts": parts, "feedback": feedback,
                    })
                )?;
                return Ok(());
            }
            writeln!(out, "#{} {}", r.id, r.title)?;
            writeln!(
                out,
                "status {}; {} feedback items from {} accounts",
                status_name(r.status),
                r.feedback_count,
                r.account_count
            )?;
            if let Some(e) = &explained {
                match &as_of {
                    Some(day) => writeln!(out, "score {:.3} at the end of {day}", e.score)?,
                    None => writeln!(out, "score {:.3}", e.score)?,
                }
                for p in &e.weighted_parts {
                    writeln!(
                        out,
                        "  {:<16} {:.3} x {:.2} = {:.3}",
                        p.name, p.value, p.weight, p.weighted
                    )?;
                }
                for a in e.accounts.iter().take(5) {
                    writeln!(
                        out,
                        "  account {:<20} ARR {:>10}  {} items  contributes {:.3}",
                        a.external_id,
                        money(a.arr),
                        a.feedback_count,
                        a.contribution
                    )?;
                }
            }
            writeln!(out, "evidence:")?;
            for f in &detail.feedback {
                let text = if f.title.is_empty() {
                    &f.body
                } else {
                    &f.title
                };
                writeln!(
                    out,
                    "  [{}] {} {}: {}",
                    f.id,
                    f.source_ref,
                    f.account_external_id,
                    cut(text, 90)
                )?;
            }
        }
        RequestCommand::Merge { source, target } => {
            let r = requests
                .merge_requests(pb::MergeRequestsRequest {
                    source_id: source,
                    target_id: target,
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "#{source} merged into #{}: {}",
                r.merged_into.unwrap_or(target),
                r.title
            )?;
        }
        RequestCommand::Move {
            feedback_id,
            to,
            new,
        } => {
            use pb::move_feedback_request::Destination;
            let destination = match (to, new) {
                (Some(t), _) => Destination::TargetRequestId(t),
                (None, _) => Destination::NewRequest(true),
            };
            let m = requests
                .move_feedback(pb::MoveFeedbackRequest {
                    feedback_id,
                    destination: Some(destination),
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "feedback {} moved from #{} to #{}",
                m.feedback_id, m.from_request_id, m.to_request_id
            )?;
        }
        RequestCommand::List {
            merged,
            min_feedback,
            limit,
        } => {
            let list = requests
                .list_requests(pb::ListRequestsRequest {
                    page_size: limit,
                    page_token: String::new(),
                    include_merged: merged,
                    min_feedback,
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "{:>6} {:<12} {:>8} {:>8}  title",
                "id", "status", "feedback", "accounts"
            )?;
            for r in &list.requests {
                writeln!(
                    out,
                    "{:>6} {:<12} {:>8} {:>8}  {}",
                    r.id,
                    status_name(r.status),
                    r.feedback_count,
                    r.account_count,
                    cut(&r.title, 70)
                )?;
            }
            writeln!(out, "{} requests", list.requests.len())?;
        }
        RequestCommand::Similar { text, limit } => {
            let found = requests
                .find_similar(pb::FindSimilarRequest { text, limit })
                .await
                .map_err(refused)?
                .into_inner();
            for s in &found.requests {
                let r = s.request.clone().unwrap_or_default();
                writeln!(
                    out,
                    "{:>6}  {:.2}  {:<12} {}",
                    r.id,
                    s.similarity,
                    status_name(r.status),
                    cut(&r.title, 70)
                )?;
            }
            if found.requests.is_empty() {
                writeln!(out, "nothing similar")?;
            }
        }
        RequestCommand::Unmerge { id } => {
            let r = requests
                .unmerge_request(pb::UnmergeRequestRequest { id })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "#{} unmerged: {} ({}, {} feedback items)",
                r.id,
                r.title,
                status_name(r.status),
                r.feedback_count
            )?;
        }
        RequestCommand::Rename { id, title, auto } => {
            let title = if auto {
                String::new()
            } else {
                title.unwrap_or_default()
            };
            let r = requests
                .rename_request(pb::RenameRequestRequest { id, title })
                .await
                .map_err(refused)?
                .into_inner();
            let whose = if r.title_set_by_pm {
                "PM's title"
            } else {
                "automatic title"
            };
            writeln!(out, "#{} is now titled \"{}\" ({whose})", r.id, r.title)?;
        }
        RequestCommand::Status { id, status, reason } => {
            let r = requests
                .update_request_status(pb::UpdateRequestStatusRequest {
                    id,
                    status: status.to_pb() as i32,
                    actor: String::new(),
                    reason,
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(out, "#{} {} is {}", r.id, r.title, status_name(r.status))?;
        }
        RequestCommand::History { id } => {
            let h = requests
                .list_status_history(pb::ListStatusHistoryRequest { id })
                .await
                .map_err(refused)?
                .into_inner();
            for c in &h.changes {
                let at =
                    c.at.and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default();
                let who = if c.actor.is_empty() {
                    "unknown"
                } else {
                    &c.actor
                };
                let why = if c.reason.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", c.reason)
                };
                writeln!(
                    out,
                    "{at}  {} -> {}  by {who}{why}",
                    status_name(c.from),
                    status_name(c.to)
                )?;
            }
            if h.changes.is_empty() {
                writeln!(out, "no status changes since it was opened")?;
            }
        }
        RequestCommand::Align {
            id,
            theme,
            alignment,
        } => {
            let a = PrioritizationServiceClient::new(ch)
                .align_request(pb::AlignRequestRequest {
                    request_id: id,
                    theme_id: theme,
                    alignment,
                })
                .await
                .map_err(refused)?
                .into_inner();
            if a.alignment == 0.0 {
                writeln!(
                    out,
                    "#{} no longer aligned with theme {}",
                    a.request_id, a.theme_id
                )?;
            } else {
                writeln!(
                    out,
                    "#{} aligned with theme {} at {:.2}",
                    a.request_id, a.theme_id, a.alignment
                )?;
            }
        }
        RequestCommand::Effort { id, weeks } => {
            let e = PrioritizationServiceClient::new(ch)
                .set_effort(pb::SetEffortRequest {
                    request_id: id,
                    effort: weeks,
                })
                .await
                .map_err(refused)?
                .into_inner();
            match e.effort {
                Some(w) => writeln!(out, "#{} effort {w} person-weeks", e.request_id)?,
                None => writeln!(out, "#{} effort cleared", e.request_id)?,
            }
        }
    }
    Ok(())
}

async fn suggestions(
    ch: Ch,
    c: SuggestionCommand,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let mut requests = RequestServiceClient::new(ch);
    let merge = |s: &pb::MergeSuggestion| {
        format!(
            "{:>5}  #{} \"{}\" looks like #{} \"{}\" ({:.2})",
            s.id,
            s.request_id,
            cut(&s.request_title, 40),
            s.target_request_id,
            cut(&s.target_title, 40),
            s.similarity
        )
    };
    let moved = |s: &pb::MoveSuggestion| {
        format!(
            "{:>5}  feedback {} in #{} \"{}\" may belong in #{} \"{}\" ({:.2})",
            s.id,
            s.feedback_id,
            s.from_request_id,
            cut(&s.from_title, 40),
            s.target_request_id,
            cut(&s.target_title, 40),
            s.similarity
        )
    };
    // Merge and move suggestions are listed and decided alike: each arm makes one call and
    // says what to print.
    enum Said {
        Pending(Vec<String>),
        Decided(&'static str, String),
    }
    let said = match c {
        SuggestionCommand::List => Said::Pending(
            requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
                .await
                .map_err(refused)?
                .into_inner()
                .suggestions
                .iter()
                .map(merge)
                .collect(),
        ),
        SuggestionCommand::Accept { id } => Said::Decided(
            "accepted",
            merge(
                &requests
                    .accept_merge_suggestion(pb::DecideMergeSuggestionRequest { id })
                    .await
                    .map_err(refused)?
                    .into_inner(),
            ),
        ),
        SuggestionCommand::Reject { id } => Said::Decided(
            "rejected",
            merge(
                &requests
                    .reject_merge_suggestion(pb::DecideMergeSuggestionRequest { id })
                    .await
                    .map_err(refused)?
                    .into_inner(),
            ),
        ),
        SuggestionCommand::Moves { action } => {
            match action.unwrap_or(MoveSuggestionCommand::List) {
                MoveSuggestionCommand::List => Said::Pending(
                    requests
                        .list_move_suggestions(pb::ListMoveSuggestionsRequest::default())
                        .await
                        .map_err(refused)?
                        .into_inner()
                        .suggestions
                        .iter()
                        .map(moved)
                        .collect(),
                ),
                MoveSuggestionCommand::Accept { id } => Said::Decided(
                    "accepted",
                    moved(
                        &requests
                            .accept_move_suggestion(pb::DecideMoveSuggestionRequest { id })
                            .await
                            .map_err(refused)?
                            .into_inner(),
                    ),
                ),
                MoveSuggestionCommand::Reject { id } => Said::Decided(
                    "rejected",
                    moved(
                        &requests
                            .reject_move_suggestion(pb::DecideMoveSuggestionRequest { id })
                            .await
                            .map_err(refused)?
                            .into_inner(),
                    ),
                ),
            }
        }
    };
    match said {
        Said::Pending(lines) => {
            for line in &lines {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "{} pending", lines.len())?;
        }
        Said::Decided(verb, line) => writeln!(out, "{verb}: {line}")?,
    }
    Ok(())
}

async fn theme(ch: Ch, c: ThemeCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut client = PrioritizationServiceClient::new(ch);
    match c {
        ThemeCommand::List => {
            for t in client
                .list_themes(pb::ListThemesRequest {})
                .await
                .map_err(refused)?
                .into_inner()
                .themes
            {
                writeln!(
                    out,
                    "{:>4}  {:<30} weight {:.2}{}",
                    t.id,
                    t.name,
                    t.weight,
                    if t.active { "" } else { " (inactive)" }
                )?;
            }
        }
        ThemeCommand::Create {
            name,
            weight,
            description,
        } => {
            let t = client
                .create_theme(pb::CreateThemeRequest {
                    name,
                    description,
                    weight,
                    active: true,
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "theme {} created: {} (weight {:.2})",
                t.id, t.name, t.weight
            )?;
        }
        ThemeCommand::Update {
            id,
            name,
            description,
            weight,
            active,
            inactive,
        } => {
            let t = client
                .update_theme(pb::UpdateThemeRequest {
                    id,
                    name,
                    description,
                    weight,
                    active: (active || inactive).then_some(active),
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "theme {}: {} (weight {:.2}{})",
                t.id,
                t.name,
                t.weight,
                if t.active { "" } else { ", inactive" }
            )?;
        }
    }
    Ok(())
}

async fn release(ch: Ch, c: ReleaseCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut roadmap = RoadmapServiceClient::new(ch);
    match c {
        ReleaseCommand::Create {
            version,
            kind,
            date,
            summary,
        } => {
            let kind = match kind {
                Kind::Minor => pb::ReleaseKind::Minor,
                Kind::Major => pb::ReleaseKind::Major,
            };
            let r = roadmap
                .create_release(pb::CreateReleaseRequest {
                    version,
                    kind: kind as i32,
                    planned_date: date,
                    summary,
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "release {} created: {} on {}",
                r.id, r.version, r.planned_date
            )?;
        }
        ReleaseCommand::Plan {
            request_id,
            release,
            lane,
            unplan,
        } => {
            use pb::plan_request_request::Target;
            let target = match (release, lane) {
                (Some(r), _) => Target::ReleaseId(r),
                (None, Some(LaneArg::Now)) => Target::Lane(pb::Lane::Now as i32),
                (None, Some(LaneArg::Next)) => Target::Lane(pb::Lane::Next as i32),
                (None, Some(LaneArg::Later)) => Target::Lane(pb::Lane::Later as i32),
                (None, None) => Target::Unplan(unplan),
            };
            let item = roadmap
                .plan_request(pb::PlanRequestRequest {
                    request_id,
                    target: Some(target),
                    actor: String::new(),
                })
                .await
                .map_err(refused)?
                .into_inner();
            let r = item.request.unwrap_or_default();
            let place = match item.release_id {
                Some(id) => format!("release {id}"),
                None if item.lane == pb::Lane::Unspecified as i32 => "no release or lane".into(),
                None => format!("lane {}", lane_name(item.lane)),
            };
            writeln!(
                out,
                "#{} {} is in {place} ({})",
                r.id,
                r.title,
                status_name(r.status)
            )?;
        }
        ReleaseCommand::Note {
            request_id,
            release,
            text,
            clear,
        } => {
            let text = if clear {
                String::new()
            } else {
                text.unwrap_or_default()
            };
            let item = roadmap
                .set_release_note(pb::SetReleaseNoteRequest {
                    request_id,
                    release_id: release,
                    text,
                })
                .await
                .map_err(refused)?
                .into_inner();
            let r = item.request.unwrap_or_default();
            if item.release_note.is_empty() {
                writeln!(out, "#{} {}: no release note", r.id, r.title)?;
            } else {
                writeln!(out, "#{} {}: note \"{}\"", r.id, r.title, item.release_note)?;
            }
        }
        ReleaseCommand::Preview { release_id } => {
            let p = roadmap
                .preview_release(pb::PreviewReleaseRequest { release_id })
                .await
                .map_err(refused)?
                .into_inner();
            let version = p.release.map(|r| r.version).unwrap_or_default();
            writeln!(
                out,
                "release {version}: {} notifications, {} suppressed",
                p.notifications, p.suppressed
            )?;
            for rp in &p.requests {
                let r = rp
                    .item
                    .as_ref()
                    .and_then(|i| i.request.as_ref())
                    .cloned()
                    .unwrap_or_default();
                let flag = if rp.needs_title {
                    "  [needs a title or release note]"
                } else {
                    ""
                };
                writeln!(out, "#{} {}{flag}", r.id, r.title)?;
                for x in &rp.recipients {
                    let channel = channel_name(x.channel);
                    let note = if x.suppressed {
                        format!("  suppressed: {}", x.suppressed_reason)
                    } else {
                        String::new()
                    };
                    writeln!(out, "  {:<9} {}{}", channel, x.recipient, note)?;
                }
            }
        }
        ReleaseCommand::Ship {
            release_id,
            yes,
            accept_generated_titles,
        } => {
            if !yes {
                return Err("shipping notifies every requester: run `sift release preview` first, then add --yes".into());
            }
            let s = roadmap
                .ship_release(pb::ShipReleaseRequest {
                    release_id,
                    actor: String::new(),
                    accept_generated_titles,
                })
                .await
                .map_err(refused)?
                .into_inner();
            let version = s.release.map(|r| r.version).unwrap_or_default();
            writeln!(
                out,
                "release {version} shipped: {} requests, {} notifications written ({} in all, {} suppressed)",
                s.request_ids.len(),
                s.created,
                s.notifications,
                s.suppressed
            )?;
        }
    }
    Ok(())
}

fn notification_status_name(status: i32) -> String {
    pb::NotificationStatus::try_from(status)
        .map(|s| {
            s.as_str_name()
                .trim_start_matches("NOTIFICATION_STATUS_")
                .to_owned()
        })
        .unwrap_or_default()
}

/// The outbox as it is, read-only (ListNotifications leases nothing). Returns the highest id
/// shown, where `--follow` goes on from.
async fn list_notifications(
    ch: Ch,
    release: i64,
    status: Option<NotificationStatusArg>,
    limit: i32,
    out: &mut impl std::io::Write,
) -> Result<i64, Error> {
    let mut client = NotificationServiceClient::new(ch);
    let mut all = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = client
            .list_notifications(pb::ListNotificationsRequest {
                release_id: release,
                status: status.map_or(0, |s| s.to_pb() as i32),
                page_size: 500,
                page_token,
            })
            .await
            .map_err(refused)?
            .into_inner();
        all.extend(page.notifications);
        if page.next_page_token.is_empty() {
            break;
        }
        page_token = page.next_page_token;
    }
    all.sort_by_key(|n| n.id);
    let last = all.last().map_or(0, |n| n.id);
    let skip = all.len().saturating_sub(limit.max(0) as usize);
    writeln!(
        out,
        "id\tstatus\tattempt\trelease\tchannel\trecipient\trequest"
    )?;
    for n in &all[skip..] {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t#{} {}",
            n.id,
            notification_status_name(n.status),
            n.attempt,
            n.release_version,
            channel_name(n.channel),
            n.recipient,
            n.request_id,
            n.request_title
        )?;
    }
    if skip > 0 {
        writeln!(out, "({skip} older not shown; --limit to see more)")?;
    }
    Ok(last)
}

async fn tail(
    ch: Ch,
    after: i64,
    consumer: &str,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    // Said on stderr so that scripts reading stdout get only notifications.
    eprintln!(
        "sift: following the outbox after #{after}; every notification shown is LEASED to this \
         stream for the server's --notify-lease-secs, so senders (ListPendingNotifications) get \
         it only after that. For a look that leases nothing: sift notifications list. Ctrl-C stops."
    );
    let mut stream = NotificationServiceClient::new(ch)
        .stream_notifications(pb::StreamNotificationsRequest {
            after_cursor: after,
            lease_seconds: 0,
            consumer: consumer.to_owned(),
        })
        .await
        .map_err(refused)?
        .into_inner();
    while let Some(n) = stream.message().await.map_err(refused)? {
        let channel = channel_name(n.channel);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t#{} {}",
            n.id, n.release_version, channel, n.recipient, n.request_id, n.request_title
        )?;
        out.flush()?;
    }
    Ok(())
}

/// `base` with the `name=value` pairs of `--set` applied, by the field names of the proto
/// (`w_fit=0.4`, `divide_by_effort=true`).
fn apply_params(base: pb::ScoringParams, set: &[String]) -> Result<pb::ScoringParams, Error> {
    use prost::Message;
    use prost_reflect::{DescriptorPool, DynamicMessage, Kind as K, Value as V};
    let pool = DescriptorPool::decode(crate::pb::FILE_DESCRIPTOR_SET)?;
    let desc = pool
        .get_message_by_name("sift.v1.ScoringParams")
        .ok_or("the descriptor set has no sift.v1.ScoringParams")?;
    let mut message = DynamicMessage::decode(desc.clone(), base.encode_to_vec().as_slice())?;
    for pair in set.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("--set {pair:?}: expected NAME=VALUE"))?;
        let (name, value) = (name.trim(), value.trim());
        let field = desc.get_field_by_name(name).ok_or_else(|| {
            let names: Vec<String> = desc.fields().map(|f| f.name().to_owned()).collect();
            format!(
                "--set {name}: not a parameter (parameters: {})",
                names.join(", ")
            )
        })?;
        let bad = |what: &str| format!("--set {name}={value}: must be {what}");
        let parsed = match field.kind() {
            K::Double => V::F64(value.parse().map_err(|_| bad("a number"))?),
            K::Int64 => V::I64(value.parse().map_err(|_| bad("a whole number"))?),
            K::Int32 => V::I32(value.parse().map_err(|_| bad("a whole number"))?),
            K::Bool => V::Bool(value.parse().map_err(|_| bad("true or false"))?),
            _ => return Err(format!("--set {name}: cannot be set here").into()),
        };
        message.set_field(&field, parsed);
    }
    Ok(pb::ScoringParams::decode(
        message.encode_to_vec().as_slice(),
    )?)
}

async fn profile(ch: Ch, c: ProfileCommand, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut client = PrioritizationServiceClient::new(ch);
    match c {
        ProfileCommand::List => {
            let list = client
                .list_scoring_profiles(pb::ListScoringProfilesRequest {})
                .await
                .map_err(refused)?
                .into_inner();
            for p in &list.profiles {
                let w = p.params.unwrap_or_default();
                writeln!(
                    out,
                    "{:>4}  {:<20} v{:<3} value {:.2} reach {:.2} fit {:.2} urgency {:.2}{}{}",
                    p.id,
                    cut(&p.name, 20),
                    p.version,
                    w.w_value,
                    w.w_reach,
                    w.w_fit,
                    w.w_urgency,
                    if w.divide_by_effort { " ÷ effort" } else { "" },
                    if p.active { "  (active)" } else { "" }
                )?;
            }
        }
        ProfileCommand::Create { name, from, set } => {
            let list = client
                .list_scoring_profiles(pb::ListScoringProfilesRequest {})
                .await
                .map_err(refused)?
                .into_inner();
            let base =
                match from {
                    Some(id) => list.profiles.iter().find(|p| p.id == id).ok_or_else(|| {
                        format!("--from {id}: no such profile (`sift profile list`)")
                    })?,
                    None => list
                        .profiles
                        .iter()
                        .find(|p| p.active)
                        .ok_or("no active profile to start from: give --from")?,
                };
            let params = apply_params(base.params.unwrap_or_default(), &set)?;
            let p = client
                .create_scoring_profile(pb::CreateScoringProfileRequest {
                    name,
                    params: Some(params),
                })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(
                out,
                "profile {} saved: {} v{} (not active until `sift profile activate {}`)",
                p.id, p.name, p.version, p.id
            )?;
        }
        ProfileCommand::Activate { id } => {
            let p = client
                .set_active_profile(pb::SetActiveProfileRequest { profile_id: id })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(out, "profile {} v{} is active", p.name, p.version)?;
        }
    }
    Ok(())
}

async fn roadmap(
    ch: Ch,
    shipped: bool,
    as_json: bool,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let map = RoadmapServiceClient::new(ch)
        .get_roadmap(pb::GetRoadmapRequest {
            include_shipped: shipped,
        })
        .await
        .map_err(refused)?
        .into_inner();
    let item_json = |i: &pb::RoadmapItem| {
        let r = i.request.clone().unwrap_or_default();
        json!({ "request_id": r.id, "title": r.title, "status": status_name(r.status),
                "score": i.score, "release_note": i.release_note })
    };
    if as_json {
        let releases: Vec<Value> = map
            .releases
            .iter()
            .map(|rr| {
                let r = rr.release.clone().unwrap_or_default();
                json!({ "id": r.id, "version": r.version, "kind": kind_name(r.kind),
                        "planned_date": r.planned_date, "shipped": r.shipped,
                        "summary": r.summary, "items": rr.items.iter().map(item_json).collect::<Vec<_>>() })
            })
            .collect();
        let lanes: Vec<Value> = map
            .lanes
            .iter()
            .map(|l| json!({ "lane": lane_name(l.lane), "items": l.items.iter().map(item_json).collect::<Vec<_>>() }))
            .collect();
        writeln!(out, "{}", json!({ "releases": releases, "lanes": lanes }))?;
        return Ok(());
    }
    let item_line = |i: &pb::RoadmapItem| {
        let r = i.request.clone().unwrap_or_default();
        let note = if i.release_note.is_empty() {
            String::new()
        } else {
            format!("\n{:>30}note: {}", "", cut(&i.release_note, 90))
        };
        format!(
            "  #{:<6} {:>6.3}  {:<12} {}{note}",
            r.id,
            i.score,
            status_name(r.status),
            cut(&r.title, 60)
        )
    };
    if map.releases.is_empty() {
        writeln!(
            out,
            "no {}releases (sift release create ...)",
            if shipped { "" } else { "unshipped " }
        )?;
    }
    for rr in &map.releases {
        let r = rr.release.clone().unwrap_or_default();
        let state = if r.shipped {
            let by = if r.shipped_by.is_empty() {
                String::new()
            } else {
                format!(" by {}", r.shipped_by)
            };
            let at = r
                .shipped_at
                .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
                .map(|t| t.format(" %Y-%m-%d").to_string())
                .unwrap_or_default();
            format!("shipped{at}{by}")
        } else {
            "planned".to_owned()
        };
        writeln!(
            out,
            "release {} [id {}]: {}, {}, {state}",
            r.version,
            r.id,
            kind_name(r.kind),
            r.planned_date
        )?;
        if rr.items.is_empty() {
            writeln!(out, "  (no requests)")?;
        }
        for i in &rr.items {
            writeln!(out, "{}", item_line(i))?;
        }
    }
    for l in &map.lanes {
        writeln!(out, "lane {}:", lane_name(l.lane))?;
        if l.items.is_empty() {
            writeln!(out, "  (empty)")?;
        }
        for i in &l.items {
            writeln!(out, "{}", item_line(i))?;
        }
    }
    Ok(())
}

fn import_options(args: &ImportArgs) -> Result<import::Options, Error> {
    let preset = match &args.preset {
        None => None,
        Some(name) => Some(import::preset(name).ok_or_else(|| {
            let names: Vec<&str> = import::PRESETS.iter().map(|p| p.name).collect();
            format!("--preset {name:?}: not a preset ({})", names.join(", "))
        })?),
    };
    Ok(import::Options {
        preset,
        map: import::parse_map(&args.map).map_err(|e| format!("--{e}"))?,
        source: args.source.map(SourceArg::to_pb),
        ref_prefix: args.ref_prefix.clone(),
        date_format: args.date_format.clone(),
    })
}

fn open_csv(
    args: &ImportArgs,
) -> Result<(csv::Reader<std::fs::File>, import::Mapping, u64), Error> {
    let options = import_options(args)?;
    let file =
        std::fs::File::open(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = import::reader(file);
    let headers =
        import::headers(&mut reader).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let mapping = import::Mapping::new(&headers, &options).map_err(|e| {
        format!(
            "{}: cannot map the file: {}{e}",
            args.file.display(),
            if e.field == "map" { "--" } else { "" }
        )
    })?;
    Ok((reader, mapping, size))
}

/// Prints what an import did; an error when rows were refused, so scripts notice.
fn import_report(
    file: &std::path::Path,
    summary: &import::Summary,
    refused_file: Option<&std::path::Path>,
    dry_run: bool,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    use import::thousands;
    writeln!(
        out,
        "{}: {} rows{}",
        file.display(),
        thousands(summary.rows),
        if dry_run {
            " checked, nothing sent (--dry-run)"
        } else {
            ""
        }
    )?;
    writeln!(out, "columns: {}", summary.mapping)?;
    if !dry_run {
        writeln!(
            out,
            "{} new feedback items in {} requests, {} already imported (skipped), {} refused",
            thousands(summary.accepted),
            thousands(summary.requests as u64),
            thousands(summary.duplicates),
            thousands(summary.refused.len() as u64)
        )?;
    }
    if summary.latin1_rows > 0 {
        writeln!(
            out,
            "{} rows were not UTF-8 and were read as Latin-1",
            thousands(summary.latin1_rows)
        )?;
    }
    if summary.refused.is_empty() {
        if dry_run {
            writeln!(out, "every row maps to a feedback item")?;
        }
        return Ok(());
    }
    const SHOWN: usize = 20;
    writeln!(out, "refused (row, column, reason):")?;
    for r in summary.refused.iter().take(SHOWN) {
        let column = if r.column.is_empty() {
            r.field.clone()
        } else {
            format!("{} ({})", r.column, r.field)
        };
        writeln!(out, "  row {:<6} {:<28} {}", r.row, column, r.reason)?;
    }
    if summary.refused.len() > SHOWN {
        writeln!(
            out,
            "  ... and {} more{}",
            summary.refused.len() - SHOWN,
            if refused_file.is_some() {
                ""
            } else {
                " (--refused FILE lists them all)"
            }
        )?;
    }
    if let Some(path) = refused_file {
        let mut lines = vec!["row,field,column,reason".to_owned()];
        for r in &summary.refused {
            lines.push(format!(
                "{},{},{},{}",
                r.row,
                csv_field(&r.field),
                csv_field(&r.column),
                csv_field(&r.reason)
            ));
        }
        std::fs::write(path, lines.join("\n") + "\n")
            .map_err(|e| format!("{}: {e}", path.display()))?;
        writeln!(out, "every refused row: {}", path.display())?;
    }
    Err(format!(
        "{} of {} rows refused (listed above){}",
        thousands(summary.refused.len() as u64),
        thousands(summary.rows),
        if dry_run {
            ""
        } else {
            "; the others are stored, and a re-import skips them"
        }
    )
    .into())
}

fn import_dry_run(args: &ImportArgs, out: &mut impl std::io::Write) -> Result<(), Error> {
    let (mut reader, mapping, _) = open_csv(args)?;
    let names = import::AccountNames::default();
    let mut summary = import::Summary {
        mapping: mapping.describe(),
        ..Default::default()
    };
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| format!("{}: csv: {e}", args.file.display()))?;
        let cells: Vec<String> = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        summary.rows += 1;
        if let Err(r) = mapping.feedback(&cells, i as u64 + 2, &names) {
            summary.refused.push(r);
        }
    }
    import_report(&args.file, &summary, args.refused.as_deref(), true, out)
}

async fn import(ch: Ch, args: ImportArgs, out: &mut impl std::io::Write) -> Result<(), Error> {
    use std::io::IsTerminal;
    let (mut reader, mapping, size) = open_csv(&args)?;
    let names = match import::AccountNames::fetch(
        pb::account_service_client::AccountServiceClient::new(ch.clone()),
        None,
    )
    .await
    .map_err(refused)?
    {
        Some(names) => names,
        None => {
            eprintln!(
                "note: the token cannot read accounts (`read` scope): account columns are \
                 used as CRM ids as they are, not matched by name"
            );
            import::AccountNames::default()
        }
    };
    let terminal = std::io::stderr().is_terminal();
    let summary = import::run(
        pb::feedback_service_client::FeedbackServiceClient::new(ch),
        None,
        &mut reader,
        &mapping,
        &names,
        args.batch as usize,
        |p| {
            if terminal {
                eprint!("\r{}", import::progress_line(&p, size));
            }
        },
    )
    .await;
    if terminal {
        eprintln!();
    }
    let summary = summary.map_err(|e| format!("{}: {e}", args.file.display()))?;
    import_report(&args.file, &summary, args.refused.as_deref(), false, out)
}

async fn adoption_signals(
    ch: Ch,
    request_id: i64,
    signal_keys: Vec<String>,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let set = OutcomeServiceClient::new(ch)
        .set_adoption_signals(pb::SetAdoptionSignalsRequest {
            request_id,
            signal_keys,
        })
        .await
        .map_err(refused)?
        .into_inner();
    if set.signal_keys.is_empty() {
        writeln!(out, "#{}: no adoption signals", set.request_id)?;
    } else {
        writeln!(
            out,
            "#{}: adoption signals {}",
            set.request_id,
            set.signal_keys.join(", ")
        )?;
    }
    Ok(())
}

fn windows_json(windows: &[pb::AdoptionWindow]) -> Value {
    windows
        .iter()
        .map(|w| json!({"days": w.days, "accounts": w.accounts, "users": w.users}))
        .collect()
}

fn windows_line(windows: &[pb::AdoptionWindow], of: i64) -> String {
    if windows.is_empty() {
        return "no adoption signals".into();
    }
    windows
        .iter()
        .map(|w| {
            format!(
                "{}d {}/{of} accounts ({} users)",
                w.days, w.accounts, w.users
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn adoption(
    ch: Ch,
    request_id: i64,
    days: i32,
    json: bool,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let a = OutcomeServiceClient::new(ch)
        .get_adoption(pb::GetAdoptionRequest { request_id, days })
        .await
        .map_err(refused)?
        .into_inner();
    let shipped = a
        .shipped_at
        .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default();
    if json {
        let days: Vec<Value> = a
            .days
            .iter()
            .map(|d| {
                json!({
                    "day": d.day, "requesting_accounts": d.requesting_accounts,
                    "requesting_users": d.requesting_users, "other_accounts": d.other_accounts,
                    "other_users": d.other_users,
                })
            })
            .collect();
        let accounts: Vec<Value> = a
            .accounts
            .iter()
            .map(|x| {
                json!({
                    "account_id": x.account_id, "account": x.account_external_id,
                    "name": x.account_name, "first_used_on": x.first_used_on, "users": x.users,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            json!({
                "request_id": a.request_id, "title": a.title, "signal_keys": a.signal_keys,
                "shipped_on": shipped, "requesting_accounts": a.requesting_accounts,
                "windows": windows_json(&a.windows), "days": days, "accounts": accounts,
            })
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "#{} {} shipped {shipped}; signals {}",
        a.request_id,
        cut(&a.title, 60),
        a.signal_keys.join(", ")
    )?;
    writeln!(
        out,
        "Adopted: {}",
        windows_line(&a.windows, a.requesting_accounts)
    )?;
    writeln!(
        out,
        "\n{:<10}  {:>10} {:>8}  {:>10} {:>8}",
        "day", "requesting", "users", "others", "users"
    )?;
    for d in &a.days {
        writeln!(
            out,
            "{:<10}  {:>10} {:>8}  {:>10} {:>8}",
            d.day, d.requesting_accounts, d.requesting_users, d.other_accounts, d.other_users
        )?;
    }
    writeln!(out, "\nRequesting accounts:")?;
    for x in &a.accounts {
        let when = if x.first_used_on.is_empty() {
            "not yet".to_owned()
        } else {
            format!("first used {}", x.first_used_on)
        };
        writeln!(
            out,
            "  {} ({}): {when}, {} users",
            x.account_external_id,
            cut(&x.account_name, 30),
            x.users
        )?;
    }
    Ok(())
}

fn summary_json(s: &pb::RenewalSummary) -> Value {
    json!({
        "accounts": s.accounts, "arr_at_risk": s.arr_at_risk, "renewed": s.renewed,
        "expanded": s.expanded, "contracted": s.contracted, "churned": s.churned,
        "no_renewal_yet": s.no_renewal_yet, "arr_before": s.arr_before, "arr_after": s.arr_after,
    })
}

fn summary_line(s: &pb::RenewalSummary, currency: &str) -> String {
    format!(
        "{} accounts, {} {currency} at risk; next renewal: {} renewed, {} expanded, {} \
         contracted, {} churned, {} not yet ({} -> {} {currency})",
        s.accounts,
        money(s.arr_at_risk),
        s.renewed,
        s.expanded,
        s.contracted,
        s.churned,
        s.no_renewal_yet,
        money(s.arr_before),
        money(s.arr_after)
    )
}

fn impact_account_json(a: &pb::ImpactAccount) -> Value {
    let next = a.next_renewal.as_ref().map(|r| {
        json!({
            "reference": r.reference, "renewed_on": r.renewed_on,
            "outcome": outcome_name(r.outcome), "arr_before": r.arr_before,
            "arr_after": r.arr_after,
        })
    });
    json!({
        "account_id": a.account_id, "account": a.account_external_id, "name": a.account_name,
        "arr_at_ship": a.arr_at_ship, "health_at_ship": a.health_at_ship,
        "renewing": a.renewing, "unhealthy": a.unhealthy,
        "contacts_notified": a.contacts_notified, "contacts_delivered": a.contacts_delivered,
        "first_used_on": a.first_used_on, "users_90": a.users_90, "next_renewal": next,
    })
}

fn impact_account_line(a: &pb::ImpactAccount) -> String {
    let risk = match (a.renewing, a.unhealthy) {
        (true, true) => "renewing, unhealthy",
        (true, false) => "renewing",
        (false, true) => "unhealthy",
        (false, false) => "not at risk",
    };
    let next = a
        .next_renewal
        .as_ref()
        .map_or("no renewal since".to_owned(), |r| {
            format!(
                "{} on {}: {} -> {}",
                outcome_name(r.outcome),
                r.renewed_on,
                money(r.arr_before),
                money(r.arr_after)
            )
        });
    let used = if a.first_used_on.is_empty() {
        "not used".to_owned()
    } else {
        format!("used from {} ({} users)", a.first_used_on, a.users_90)
    };
    format!(
        "{} ({}) ARR {} at ship, {risk}; told {}, delivered {}; {used}; {next}",
        a.account_external_id,
        cut(&a.account_name, 30),
        a.arr_at_ship.map(money).unwrap_or_else(|| "?".into()),
        a.contacts_notified,
        a.contacts_delivered
    )
}

async fn release_impact(
    ch: Ch,
    release_id: i64,
    renewal_window_days: i32,
    json: bool,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let i = OutcomeServiceClient::new(ch)
        .get_release_impact(pb::GetReleaseImpactRequest {
            release_id,
            renewal_window_days,
        })
        .await
        .map_err(refused)?
        .into_inner();
    let shipped = i
        .shipped_at
        .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default();
    let empty = pb::RenewalSummary::default();
    if json {
        let requests: Vec<Value> = i
            .requests
            .iter()
            .map(|r| {
                json!({
                    "request_id": r.request_id, "title": r.title, "signal_keys": r.signal_keys,
                    "requesting_accounts": r.requesting_accounts,
                    "notifications": r.notifications, "suppressed": r.suppressed,
                    "contacts_notified": r.contacts_notified,
                    "contacts_delivered": r.contacts_delivered,
                    "adoption": windows_json(&r.adoption),
                    "at_risk": summary_json(r.at_risk.as_ref().unwrap_or(&empty)),
                    "accounts": r.accounts.iter().map(impact_account_json).collect::<Vec<_>>(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            json!({
                "release_id": i.release_id, "version": i.version, "shipped_on": shipped,
                "currency": i.currency, "requests": requests,
                "comparison": summary_json(i.comparison.as_ref().unwrap_or(&empty)),
                "comparison_accounts":
                    i.comparison_accounts.iter().map(impact_account_json).collect::<Vec<_>>(),
                "renewal_window_days": i.renewal_window_days,
                "health_threshold": i.health_threshold, "profile": i.profile,
            })
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Release {} shipped {shipped} (at risk: renewal within {} days or health below {}, \
         profile {})",
        i.version, i.renewal_window_days, i.health_threshold, i.profile
    )?;
    for r in &i.requests {
        writeln!(out, "\n#{} {}", r.request_id, cut(&r.title, 70))?;
        writeln!(
            out,
            "  told {} contacts, delivered {} ({} notifications, {} suppressed)",
            r.contacts_notified, r.contacts_delivered, r.notifications, r.suppressed
        )?;
        writeln!(
            out,
            "  adopted: {}",
            windows_line(&r.adoption, r.requesting_accounts)
        )?;
        writeln!(
            out,
            "  requesters at risk: {}",
            summary_line(r.at_risk.as_ref().unwrap_or(&empty), &i.currency)
        )?;
        for a in &r.accounts {
            writeln!(out, "    {}", impact_account_line(a))?;
        }
    }
    writeln!(
        out,
        "\nComparison (not an effect of the release): accounts at risk then whose requests did \
         not ship:\n  {}",
        summary_line(i.comparison.as_ref().unwrap_or(&empty), &i.currency)
    )?;
    for a in &i.comparison_accounts {
        writeln!(out, "    {}", impact_account_line(a))?;
    }
    Ok(())
}

fn ranking_json(r: &pb::BacktestRanking) -> Value {
    let top: Vec<Value> = r
        .top
        .iter()
        .map(|x| {
            json!({
                "rank": x.rank, "request_id": x.request_id, "title": x.title, "score": x.score,
                "votes": x.votes, "accounts": x.accounts,
            })
        })
        .collect();
    let captures: Vec<Value> = r
        .captures
        .iter()
        .map(|c| {
            let accounts: Vec<Value> = c
                .accounts
                .iter()
                .map(|a| {
                    json!({
                        "account_id": a.account_id, "account": a.account_external_id,
                        "name": a.account_name, "arr_lost": a.arr_lost,
                        "request_id": a.request_id, "rank": a.rank,
                    })
                })
                .collect();
            json!({"top": c.top, "arr_lost": c.arr_lost, "share": c.share, "accounts": accounts})
        })
        .collect();
    json!({"name": r.name, "top": top, "captures": captures})
}

async fn backtest(
    ch: Ch,
    request: pb::BacktestProfileRequest,
    json: bool,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let b = OutcomeServiceClient::new(ch)
        .backtest_profile(request)
        .await
        .map_err(refused)?
        .into_inner();
    let empty = pb::BacktestRanking::default();
    let ranking = b.ranking.as_ref().unwrap_or(&empty);
    let against = b.against.as_ref().unwrap_or(&empty);
    if json {
        writeln!(
            out,
            "{}",
            json!({
                "as_of": b.as_of, "horizon_days": b.horizon_days, "currency": b.currency,
                "open_requests": b.open_requests, "accounts": b.accounts,
                "arr_lost": b.arr_lost, "ranking": ranking_json(ranking),
                "against": ranking_json(against),
            })
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "As of {}: {} open requests, {} accounts; {} {} lost in the {} days after",
        b.as_of,
        b.open_requests,
        b.accounts,
        money(b.arr_lost),
        b.currency,
        b.horizon_days
    )?;
    writeln!(
        out,
        "Lost ARR whose accounts had asked for the top requests (correlation, not cause):"
    )?;
    writeln!(
        out,
        "{:<10} {:>24} {:>24}",
        "",
        cut(&ranking.name, 24),
        cut(&against.name, 24)
    )?;
    for (a, o) in ranking.captures.iter().zip(&against.captures) {
        writeln!(
            out,
            "{:<10} {:>16} ({:>4.0}%) {:>16} ({:>4.0}%)",
            format!("top {}", a.top),
            money(a.arr_lost),
            a.share * 100.0,
            money(o.arr_lost),
            o.share * 100.0
        )?;
    }
    for r in [ranking, against] {
        writeln!(out, "\n{}: top 10", r.name)?;
        for x in r.top.iter().take(10) {
            writeln!(
                out,
                "{:>4}. #{:<6} {:>10.3} {:>4} votes  {}",
                x.rank,
                x.request_id,
                x.score,
                x.votes,
                cut(&x.title, 50)
            )?;
        }
        if let Some(c) = r.captures.last() {
            for a in &c.accounts {
                writeln!(
                    out,
                    "      lost {} by {} ({}), asked for #{} ranked {}",
                    money(a.arr_lost),
                    a.account_external_id,
                    cut(&a.account_name, 30),
                    a.request_id,
                    a.rank
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    struct Probe {
        #[command(subcommand)]
        command: Command,
    }

    /// Every subcommand says what it does and every argument what it takes, as `--help`
    /// shows them.
    fn missing_help(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let here = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                out.push(here.clone());
            }
            for arg in sub.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() {
                    out.push(format!("{here} <{}>", arg.get_id()));
                }
            }
            missing_help(sub, &here, out);
        }
    }

    #[test]
    fn every_pm_command_and_argument_has_help_text() {
        let mut missing = Vec::new();
        missing_help(&Probe::command(), "sift", &mut missing);
        assert!(missing.is_empty(), "without help: {missing:?}");
    }

    #[test]
    fn profile_parameters_are_set_by_name_and_refused_by_name() {
        let base = pb::ScoringParams {
            w_fit: 0.2,
            ..Default::default()
        };
        let p = apply_params(
            base,
            &[
                "w_fit=0.5".into(),
                "divide_by_effort=true".into(),
                "renewal_window_days=30".into(),
            ],
        )
        .expect("applies");
        assert_eq!(
            (p.w_fit, p.divide_by_effort, p.renewal_window_days),
            (0.5, true, 30)
        );
        let e = apply_params(base, &["w_fit=lots".into()]).expect_err("not a number");
        assert_eq!(e.to_string(), "--set w_fit=lots: must be a number");
        let e = apply_params(base, &["nope=1".into()]).expect_err("not a parameter");
        assert!(
            e.to_string()
                .starts_with("--set nope: not a parameter (parameters: w_value")
        );
    }
}
