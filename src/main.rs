//! The `sift` binary: `serve` and `migrate`.

use clap::{Parser, Subcommand};

use sift::server::config::{DatabaseArgs, ServeArgs};
use sift::server::{app, logging};
use sift::service::access::Tokens;
use sift::store::Store;
use sift::{App, Config};

/// mimalloc rather than glibc's allocator: a big clustering index (many small vectors that
/// grow) made glibc's free lists a quarter of ingest time at a million items.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "sift",
    version,
    about = "Customer feedback to ranked feature requests, over gRPC"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// For the commands that call a running server.
    #[command(flatten)]
    remote: sift::cli::Remote,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gRPC server (applies pending migrations first).
    Serve(Box<ServeArgs>),
    /// Apply pending migrations and exit.
    Migrate(DatabaseArgs),
    /// Measure clustering: ingest a labelled JSONL file ({"text", "label"} per line) through
    /// the API into a fresh database and print pairwise precision/recall/F1, adjusted Rand
    /// index, V-measure, requests against labels, and items per second.
    EvalClustering(EvalArgs),
    /// Access tokens: create (prints the secret once), list, rotate, revoke. They work on an
    /// existing database (the server's), and never create one.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Ask a running server's gRPC health service (--server) whether it serves: prints the
    /// status and exits 0 when SERVING, 1 otherwise. For container and load-balancer checks.
    Health {
        /// A service name (`sift.v1.FeedbackService`); empty asks about the server as a whole.
        #[arg(long, default_value = "")]
        service: String,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3)]
        timeout_secs: u64,
    },
    /// Copy a live SQLite database into one new, self-contained file (VACUUM INTO: a
    /// consistent snapshot including what is still in sift.db-wal), while the server runs.
    /// For PostgreSQL use pg_dump (README, "Backup and restore").
    Backup {
        /// The new file; it must not exist.
        to: std::path::PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// The PM's commands, over a running server (--server, --token).
    #[command(flatten)]
    Pm(sift::cli::Command),
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token and print its secret (shown only here; Sift stores a hash).
    Create {
        /// A unique name: who or what uses it ("crm-sync", "pm-console").
        #[arg(long)]
        name: String,
        /// ingest, read, plan, release, admin; repeat or separate with commas.
        #[arg(long = "scope", required = true, value_delimiter = ',')]
        scopes: Vec<String>,
        /// The token stops working this long from now: 45s, 90m, 12h, 30d, 2w. Default: never.
        #[arg(long, value_parser = sift::domain::access::parse_duration)]
        expires_in: Option<i64>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List tokens (without secrets): name, scopes, state, expiry, last use (recorded at most
    /// once a minute) and, during a rotation's grace period, when the old secret stops working.
    List {
        /// Revoked and expired ones too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Give a token a new secret (printed once); the old one keeps working for --grace, so
    /// its clients move over without downtime.
    Rotate {
        name: String,
        /// How long the old secret keeps working: 0 (stops at once) to 30d.
        #[arg(long, default_value = "1h", value_parser = sift::domain::access::parse_duration)]
        grace: i64,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Revoke a token: refused from the next call on, on every instance.
    Revoke {
        name: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The labelled JSONL file.
    file: std::path::PathBuf,
    /// Database to evaluate on (must be empty); default: a fresh SQLite file in a temp dir.
    #[arg(long)]
    database_url: Option<String>,
    /// Shuffle the lines with this seed first (to see how arrival order matters).
    #[arg(long)]
    shuffle: Option<u64>,
    /// Wrap each text in realistic ticket boilerplate (greeting, signature block, disclaimer,
    /// help-desk footer, quoted reply; English or Chinese), drawn with this seed.
    #[arg(long)]
    noise: Option<u64>,
    /// Join each text's lines into one, as some help desks, CRMs and exports pass tickets on
    /// (with --noise: the boilerplate loses its line breaks too).
    #[arg(long)]
    flatten: bool,
    /// Score where ingest put each item only (by default consolidation runs after ingest and
    /// both are printed).
    #[arg(long)]
    no_consolidate: bool,
    /// Also list the N largest labels with the requests their items are in, and the N largest
    /// requests with the labels they hold: where recall and precision are lost.
    #[arg(long, value_name = "N")]
    spreads: Option<usize>,
    /// Override the join threshold.
    #[arg(long)]
    join: Option<f32>,
    /// Override the suggestion threshold.
    #[arg(long)]
    suggest: Option<f32>,
    /// Place items with the embedding model in this folder (build with `--features embeddings`).
    #[arg(long, env = "SIFT_EMBEDDING_MODEL")]
    embedding_model: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(*args).await,
        Command::Migrate(args) => migrate(args).await,
        Command::EvalClustering(args) => eval_clustering(args).await,
        Command::Token(cmd) => token(cmd).await,
        Command::Health {
            service,
            timeout_secs,
        } => health(&cli.remote.server, service, timeout_secs).await,
        Command::Backup { to, database } => backup(&database, &to).await,
        Command::Pm(cmd) => sift::cli::run(&cli.remote, cmd, &mut std::io::stdout().lock()).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sift: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), app::StartError> {
    logging::init(args.log_format);
    let demo = args.demo;
    let config = Config::try_from(args)?;
    let mut app = App::build(config).await?;
    if demo {
        // The demo replays a year of releases by setting the server's clock to each ship day
        // (and back): only a --demo server runs on an adjustable clock.
        let clock = sift::service::clock::Clock::adjustable();
        app = app.with_clock(clock.clone());
        let addr = app.addr();
        let token = app.internal_token();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            match sift::demo::load_summarised(addr, &token, &clock).await {
                Ok(Some(loaded)) => tracing::info!(
                    ms = sift::server::logging::rounded_ms(started.elapsed()),
                    "demo data loaded: {loaded}; try `sift backlog` or GetRankedBacklog"
                ),
                Ok(None) => tracing::info!("database not empty: demo data not loaded"),
                Err(e) => tracing::error!(error = %e, "demo data failed to load"),
            }
        });
    }
    app.run_until(app::shutdown_signal()).await
}

async fn migrate(args: DatabaseArgs) -> Result<(), app::StartError> {
    logging::init(Default::default());
    // Two connections: on PostgreSQL one holds the migration lock while the other migrates.
    let store = Store::connect(&args.database_url, args.db_max_connections.max(2)).await?;
    store.migrate().await?;
    tracing::info!("migrations applied");
    Ok(())
}

async fn health(server: &str, service: String, timeout_secs: u64) -> Result<(), app::StartError> {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};
    let url = if server.contains("://") {
        server.to_owned()
    } else {
        format!("http://{server}")
    };
    let timeout = std::time::Duration::from_secs(timeout_secs.max(1));
    let channel = tonic::transport::Endpoint::from_shared(url)?
        .connect_timeout(timeout)
        .timeout(timeout)
        .connect()
        .await
        .map_err(|e| format!("cannot reach {server}: {e}"))?;
    let answer = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: service.clone(),
        })
        .await
        .map_err(|s| sift::cli::client::status_line(&s))?
        .into_inner();
    let status = ServingStatus::try_from(answer.status).unwrap_or(ServingStatus::Unknown);
    let name = if service.is_empty() { "sift" } else { &service };
    println!("{name}: {}", status.as_str_name());
    if status == ServingStatus::Serving {
        Ok(())
    } else {
        Err(format!("{name} is {}", status.as_str_name()).into())
    }
}

async fn backup(database: &DatabaseArgs, to: &std::path::Path) -> Result<(), app::StartError> {
    if sift::store::sqlite_file(&database.database_url).is_none() {
        return Err(format!(
            "{} is not a SQLite file: back PostgreSQL up with pg_dump --format=custom \
             (README, \"Backup and restore\")",
            sift::store::describe_database(&database.database_url)
        )
        .into());
    }
    if to.exists() {
        return Err(format!("{} exists: a backup never overwrites a file", to.display()).into());
    }
    let store = Store::connect_existing(&database.database_url).await?;
    let started = std::time::Instant::now();
    store.backup_into(to).await?;
    eprintln!(
        "backed up {} into {} ({} bytes, {:.2} s)",
        sift::store::describe_database(&database.database_url),
        to.display(),
        std::fs::metadata(to).map(|m| m.len()).unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The tokens of an existing Sift database: a token is only useful in the database the server
/// reads, so a missing SQLite file or an empty database is refused, never created.
async fn tokens_at(database: &DatabaseArgs) -> Result<Tokens, app::StartError> {
    let store = Store::connect_existing(&database.database_url).await?;
    store.migrate().await?;
    Ok(Tokens::new(store))
}

fn print_token(t: &sift::service::access::TokenView) {
    use sift::domain::access::TokenState;
    let scopes: Vec<&str> = t.token.scopes.iter().map(|s| s.as_str()).collect();
    let now = chrono::Utc::now().timestamp_micros();
    let state = TokenState::of(t.token.revoked_at, t.token.expires_at, now);
    let at = |us: Option<i64>| match us.map(sift::store::from_micros) {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => "never".to_owned(),
    };
    let mut line = format!(
        "{}\t{}\t{}\texpires {}\tlast used {}",
        t.token.name,
        scopes.join(","),
        state.as_str(),
        at(t.token.expires_at),
        at(t.token.last_used_at)
    );
    if let Some(until) = t.retiring_until {
        line.push_str(&format!("\told secret valid until {}", at(Some(until))));
    }
    println!("{line}");
}

async fn token(cmd: TokenCommand) -> Result<(), app::StartError> {
    match cmd {
        TokenCommand::Create {
            name,
            scopes,
            expires_in,
            database,
        } => {
            let (token, secret) = tokens_at(&database)
                .await?
                .create_expiring(&name, &scopes, expires_in)
                .await?;
            eprintln!(
                "token {:?} created in {}; its secret is shown only now:",
                token.token.name,
                sift::store::describe_database(&database.database_url)
            );
            println!("{secret}");
        }
        TokenCommand::Rotate {
            name,
            grace,
            database,
        } => {
            let (token, secret) = tokens_at(&database).await?.rotate(&name, grace).await?;
            let at = sift::store::describe_database(&database.database_url);
            match token.retiring_until {
                Some(_) => eprintln!(
                    "token {:?} rotated in {at}; the old secret works for {grace} s more. \
                     The new secret is shown only now:",
                    token.token.name
                ),
                None => eprintln!(
                    "token {:?} rotated in {at}; the old secret no longer works. \
                     The new secret is shown only now:",
                    token.token.name
                ),
            }
            println!("{secret}");
        }
        TokenCommand::List { all, database } => {
            for t in tokens_at(&database).await?.list(all).await? {
                print_token(&t);
            }
        }
        TokenCommand::Revoke { name, database } => {
            let t = tokens_at(&database).await?.revoke(&name).await?;
            print_token(&t);
        }
    }
    Ok(())
}

async fn eval_clustering(args: EvalArgs) -> Result<(), app::StartError> {
    let mut lines = sift::eval::read_lines(&args.file, args.noise, args.shuffle)?;
    if args.flatten {
        for (text, _) in &mut lines {
            *text = sift::eval::noise::flatten(text);
        }
    }
    let dir = std::env::temp_dir().join(format!("sift-eval-{}", std::process::id()));
    let url = match args.database_url {
        Some(url) => url,
        None => {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}", dir.join("eval.db").display())
        }
    };
    let mut config = Config::for_database(url);
    if let Some(join) = args.join {
        config.clustering.join_threshold = join;
    }
    if let Some(suggest) = args.suggest {
        config.clustering.suggest_threshold = suggest;
    }
    config.embedding_model = args.embedding_model;
    let result = sift::eval::evaluate_with(config, &lines, !args.no_consolidate).await;
    let _ = std::fs::remove_dir_all(&dir);
    let evaluation = result?;
    evaluation.print(&args.file.display().to_string());
    if let Some(limit) = args.spreads {
        evaluation.print_spreads(&lines, limit);
    }
    Ok(())
}
