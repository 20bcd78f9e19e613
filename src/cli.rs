//! The PM's command line over a running server: `sift backlog`, `sift request ...`,
//! `sift suggestions ...`, `sift theme ...`, `sift release ...`, `sift notifications tail`.
//! Output is a table for people, or `--json` / `--csv` for scripts; a refusal is one line with
//! its gRPC code.

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};

use crate::client::{Ch, connect, status_line};
use crate::pb::{
    self, notification_service_client::NotificationServiceClient,
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
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Merge SOURCE into TARGET.
    Merge { source: i64, target: i64 },
    /// Move one feedback item to another request (`--to`) or a new one (`--new`).
    Move {
        feedback_id: i64,
        #[arg(long, conflicts_with = "new", required_unless_present = "new")]
        to: Option<i64>,
        #[arg(long)]
        new: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SuggestionCommand {
    /// Pending merge suggestions.
    List,
    Accept {
        id: i64,
    },
    Reject {
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
    Accept { id: i64 },
    /// Never suggest this item for that request again.
    Reject { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum ThemeCommand {
    List,
    Create {
        #[arg(long)]
        name: String,
        /// 0-1.
        #[arg(long)]
        weight: f64,
        #[arg(long, default_value = "")]
        description: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Minor,
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
    Create {
        #[arg(long)]
        version: String,
        #[arg(long, value_enum)]
        kind: Kind,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Put a request into a release or a lane.
    Plan {
        request_id: i64,
        #[arg(long, conflicts_with = "lane", required_unless_present = "lane")]
        release: Option<i64>,
        #[arg(long, value_enum)]
        lane: Option<LaneArg>,
    },
    /// Who will be told what.
    Preview { release_id: i64 },
    /// Ship: the requests become SHIPPED and their requesters are notified.
    Ship {
        release_id: i64,
        /// Required: shipping notifies customers.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum NotificationCommand {
    /// Follow the outbox, one line per notification, until interrupted.
    Tail {
        #[arg(long, default_value_t = 0)]
        after: i64,
    },
}

/// One command of the PM's command line.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// The ranked backlog.
    Backlog {
        #[arg(long, default_value_t = 20)]
        limit: i32,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// A request: show (with its score and evidence), merge, move feedback.
    #[command(subcommand)]
    Request(RequestCommand),
    /// The merge-suggestion queue: list, accept, reject; `moves` for move suggestions.
    #[command(subcommand)]
    Suggestions(SuggestionCommand),
    /// Strategic themes: list, create.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Releases: create, plan a request, preview who is told what, ship.
    #[command(subcommand)]
    Release(ReleaseCommand),
    /// The notification outbox: tail.
    #[command(subcommand)]
    Notifications(NotificationCommand),
    /// Revisit every request now: merge requests that are one need, move items that sit
    /// clearly closer to another request, suggest merges below the automatic bar. PM decisions
    /// are never undone. (The server also does this every --consolidate-every seconds.)
    Consolidate,
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

/// Runs one command; what it prints goes to `out`.
pub async fn run(
    remote: &Remote,
    command: Command,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let ch: Ch = connect(&remote.server, &remote.token).await?;
    let out = &mut TerminalSafe(out);
    match command {
        Command::Backlog { limit, format } => backlog(ch, limit, format, out).await,
        Command::Request(c) => request(ch, c, out).await,
        Command::Suggestions(c) => suggestions(ch, c, out).await,
        Command::Theme(c) => theme(ch, c, out).await,
        Command::Release(c) => release(ch, c, out).await,
        Command::Notifications(NotificationCommand::Tail { after }) => tail(ch, after, out).await,
        Command::Consolidate => consolidate(ch, out).await,
    }
}

async fn consolidate(ch: Ch, out: &mut impl std::io::Write) -> Result<(), Error> {
    let r = RequestServiceClient::new(ch)
        .consolidate_requests(pb::ConsolidateRequestsRequest {})
        .await
        .map_err(refused)?
        .into_inner();
    writeln!(
        out,
        "{} requests merged, {} feedback moved, {} merge suggestions for review \
         ({} requests and {} feedback examined in {:.2} s)",
        r.requests_merged,
        r.feedback_moved,
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
        RequestCommand::Show { id, json: as_json } => {
            let detail = requests
                .get_request(pb::GetRequestRequest {
                    id,
                    evidence_limit: 20,
                })
                .await
                .map_err(refused)?
                .into_inner();
            let r = detail.request.unwrap_or_default();
            let explained = PrioritizationServiceClient::new(ch)
                .explain_score(pb::ExplainScoreRequest {
                    request_id: id,
                    profile: None,
                })
                .await
                .ok()
                .map(|e| e.into_inner());
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
                writeln!(out, "score {:.3}", e.score)?;
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
    }
    Ok(())
}

async fn suggestions(
    ch: Ch,
    c: SuggestionCommand,
    out: &mut impl std::io::Write,
) -> Result<(), Error> {
    let mut requests = RequestServiceClient::new(ch);
    let show = |s: &pb::MergeSuggestion| {
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
    match c {
        SuggestionCommand::List => {
            let list = requests
                .list_merge_suggestions(pb::ListMergeSuggestionsRequest::default())
                .await
                .map_err(refused)?
                .into_inner();
            for s in &list.suggestions {
                writeln!(out, "{}", show(s))?;
            }
            writeln!(out, "{} pending", list.suggestions.len())?;
        }
        SuggestionCommand::Accept { id } => {
            let s = requests
                .accept_merge_suggestion(pb::DecideMergeSuggestionRequest { id })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(out, "accepted: {}", show(&s))?;
        }
        SuggestionCommand::Reject { id } => {
            let s = requests
                .reject_merge_suggestion(pb::DecideMergeSuggestionRequest { id })
                .await
                .map_err(refused)?
                .into_inner();
            writeln!(out, "rejected: {}", show(&s))?;
        }
        SuggestionCommand::Moves { action } => {
            let show = |s: &pb::MoveSuggestion| {
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
            match action.unwrap_or(MoveSuggestionCommand::List) {
                MoveSuggestionCommand::List => {
                    let list = requests
                        .list_move_suggestions(pb::ListMoveSuggestionsRequest::default())
                        .await
                        .map_err(refused)?
                        .into_inner();
                    for s in &list.suggestions {
                        writeln!(out, "{}", show(s))?;
                    }
                    writeln!(out, "{} pending", list.suggestions.len())?;
                }
                MoveSuggestionCommand::Accept { id } => {
                    let s = requests
                        .accept_move_suggestion(pb::DecideMoveSuggestionRequest { id })
                        .await
                        .map_err(refused)?
                        .into_inner();
                    writeln!(out, "accepted: {}", show(&s))?;
                }
                MoveSuggestionCommand::Reject { id } => {
                    let s = requests
                        .reject_move_suggestion(pb::DecideMoveSuggestionRequest { id })
                        .await
                        .map_err(refused)?
                        .into_inner();
                    writeln!(out, "rejected: {}", show(&s))?;
                }
            }
        }
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
        } => {
            use pb::plan_request_request::Target;
            let target = match (release, lane) {
                (Some(r), _) => Target::ReleaseId(r),
                (None, Some(LaneArg::Now)) => Target::Lane(pb::Lane::Now as i32),
                (None, Some(LaneArg::Next)) => Target::Lane(pb::Lane::Next as i32),
                (None, Some(LaneArg::Later)) => Target::Lane(pb::Lane::Later as i32),
                (None, None) => Target::Unplan(true),
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
                None => format!(
                    "lane {}",
                    pb::Lane::try_from(item.lane)
                        .map(|l| l.as_str_name().trim_start_matches("LANE_").to_owned())
                        .unwrap_or_default()
                ),
            };
            writeln!(
                out,
                "#{} {} is in {place} ({})",
                r.id,
                r.title,
                status_name(r.status)
            )?;
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
                writeln!(out, "#{} {}", r.id, r.title)?;
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
        ReleaseCommand::Ship { release_id, yes } => {
            if !yes {
                return Err("shipping notifies every requester: run `sift release preview` first, then add --yes".into());
            }
            let s = roadmap
                .ship_release(pb::ShipReleaseRequest {
                    release_id,
                    actor: String::new(),
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

async fn tail(ch: Ch, after: i64, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut stream = NotificationServiceClient::new(ch)
        .stream_notifications(pb::StreamNotificationsRequest {
            after_cursor: after,
            lease_seconds: 0,
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
