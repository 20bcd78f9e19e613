//! The `sift` binary: `serve` and `migrate`.

use clap::{Parser, Subcommand};
use sift::config::{DatabaseArgs, ServeArgs};
use sift::store::Store;
use sift::{App, Config, app, telemetry};

#[derive(Parser)]
#[command(
    name = "sift",
    version,
    about = "Customer feedback to ranked feature requests, over gRPC"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gRPC server (applies pending migrations first).
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate(DatabaseArgs),
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(args) => migrate(args).await,
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
    telemetry::init(args.log_format);
    let config = Config::try_from(args)?;
    let app = App::build(config).await?;
    app.run_until(app::shutdown_signal()).await
}

async fn migrate(args: DatabaseArgs) -> Result<(), app::StartError> {
    telemetry::init(Default::default());
    let store = Store::connect(&args.database_url, 1).await?;
    store.migrate().await?;
    tracing::info!("migrations applied");
    Ok(())
}
