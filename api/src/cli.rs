//! The `aftersales-api` command line: serve (default), migrate, user add,
//! seed, import.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use futures::future::BoxFuture;
use sea_orm::DatabaseConnection;

use entity::enums::{FaultCategory, Role};
use service::config::Settings;
use service::usecase::identity::{self, NewUser};

use crate::startup::{Application, prepare_database};

/// After-sales service platform: GraphQL API server and admin commands.
#[derive(Debug, Parser)]
#[command(name = "aftersales-api", version)]
pub struct Cli {
    /// Configuration file (default: $AFTERSALES_CONFIG or ./aftersales.toml when present).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// Load the demo data set (once; a second run adds nothing) before serving.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve GraphQL (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Generate a realistic data set (on top of the demo data) for load
    /// tests and benchmarks; the same seed gives the same data.
    Seed(SeedArgs),
    /// Import (or with --dry-run check) a spreadsheet, XLSX or CSV, of
    /// customers, dealers, units, parts or stock; prints the counts and
    /// every problem. Exits with 1 when rows have problems and nothing was
    /// imported.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// customers, dealers, units, parts or stock.
    pub kind: String,
    /// The XLSX or CSV file.
    pub file: PathBuf,
    /// Check the file and count what it would do, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows of a file with problems, skipping the bad ones.
    #[arg(long)]
    pub skip_invalid: bool,
    /// The administrator the import is recorded for in the audit log.
    #[arg(long, default_value = "admin")]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Tickets to generate, with their events, repairs, old parts, visits
    /// and complaints.
    #[arg(long, default_value_t = 10_000)]
    pub tickets: usize,
    /// Units (default: a quarter of the tickets).
    #[arg(long)]
    pub units: Option<usize>,
    /// Customers (default: a fifth of the units).
    #[arg(long)]
    pub customers: Option<usize>,
    /// Engineers (default: one per 5 000 tickets, 20–500).
    #[arg(long)]
    pub engineers: Option<usize>,
    /// The random seed; a second run with another seed adds another set.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user, e.g. the first admin of a fresh install.
    Add(UserAdd),
}

#[derive(Debug, Args)]
pub struct UserAdd {
    #[arg(long)]
    pub username: String,
    /// Role, repeatable: AGENT, ENGINEER, WAREHOUSE, SERVICE_MANAGER, FINANCE,
    /// QUALITY, GENERAL_MANAGER, ADMIN, DEALER.
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// Dealer code, for DEALER users.
    #[arg(long)]
    pub dealer: Option<String>,
    /// Home region (province), for engineers.
    #[arg(long)]
    pub region: Option<String>,
    /// Engineer skill, repeatable: ELECTRICAL, HYDRAULIC, ENGINE, CHASSIS,
    /// STRUCTURAL, CONTROL_SYSTEM, OTHER.
    #[arg(long = "skill")]
    pub skills: Vec<String>,
    #[arg(long)]
    pub display_name: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Read the password from standard input (first line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

/// Runs the job workers inside this process (the embedded default) on
/// `store` until the shutdown future resolves, letting running jobs
/// finish. The api library knows only this signature: the binary that
/// composes the parts passes the worker's runner (see the `server`
/// package), so the api and the worker meet only in the queue.
pub type EmbeddedWorkers = Box<
    dyn FnOnce(
            DatabaseConnection,
            Settings,
            jobs::JobStore,
            BoxFuture<'static, ()>,
        ) -> BoxFuture<'static, anyhow::Result<()>>
        + Send,
>;

/// Runs the command line; `workers` serve the embedded default.
pub async fn run(cli: Cli, workers: EmbeddedWorkers) -> anyhow::Result<()> {
    let settings = Settings::load_with(cli.config.as_deref())?;
    service::telemetry::init(settings.log_format);
    match cli.command {
        None | Some(Command::Serve) => serve(settings, cli.demo, workers).await,
        Some(Command::Migrate) => {
            prepare_database(&settings).await?;
            println!("migrations applied");
            Ok(())
        }
        Some(Command::User(UserCommand::Add(add))) => add_user(settings, add).await,
        Some(Command::Seed(args)) => seed(settings, args).await,
        Some(Command::Import(args)) => import_file(settings, args).await,
    }
}

async fn import_file(settings: Settings, args: ImportArgs) -> anyhow::Result<()> {
    use service::usecase::import::{self, ImportOptions};
    let kind: import::ImportKind =
        args.kind.parse().map_err(|e: service::ServiceError| anyhow::anyhow!("{e}"))?;
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let db = prepare_database(&settings).await?;
    let actor = identity::load_actor_named(&db, &args.user)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    let started = std::time::Instant::now();
    let options = ImportOptions { commit: !args.dry_run, skip_invalid: args.skip_invalid };
    let report = import::import(&db, &actor, kind, bytes, options, settings.import_limits())
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    for problem in &report.problems {
        println!("row {}, {}: {} ({:?})", problem.row, problem.column, problem.message, problem.code);
    }
    println!(
        "{} {}: {} rows, {} created, {} updated, {} unchanged, {} with problems, {} skipped{} in {:.2} s",
        kind,
        if args.dry_run { "preview" } else { "import" },
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.invalid,
        report.skipped,
        if report.committed { ", written" } else { ", nothing written" },
        started.elapsed().as_secs_f64()
    );
    if !args.dry_run && !report.committed && report.invalid > 0 {
        anyhow::bail!(
            "{} rows have problems: nothing was imported (fix them or pass --skip-invalid)",
            report.invalid
        );
    }
    Ok(())
}

async fn seed(settings: Settings, args: SeedArgs) -> anyhow::Result<()> {
    let db = prepare_database(&settings).await?;
    let mut plan = service::seed::SeedPlan::for_tickets(args.tickets);
    plan.seed = args.seed;
    if let Some(units) = args.units {
        plan.units = units.max(1);
        plan.customers = (plan.units / 5).max(1);
    }
    if let Some(customers) = args.customers {
        plan.customers = customers.max(1);
    }
    if let Some(engineers) = args.engineers {
        plan.engineers = engineers.max(1);
    }
    let report = service::seed::run(&db, &plan).await.context("generating the data set failed")?;
    let secs = report.elapsed.as_secs_f64();
    println!(
        "seed {}: {} tickets, {} events, {} repair records, {} parts used, {} old parts, {} visits, {} complaints, \
         {} units, {} customers, {} dealers, {} engineers",
        plan.seed,
        report.tickets,
        report.events,
        report.repair_records,
        report.repair_parts,
        report.old_parts,
        report.visits,
        report.complaints,
        report.units,
        report.customers,
        report.dealers,
        report.engineers
    );
    println!("{} rows in {secs:.1} s ({:.0} rows/s)", report.rows(), report.rows() as f64 / secs.max(0.001));
    Ok(())
}

async fn serve(settings: Settings, demo: bool, workers: EmbeddedWorkers) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let db = prepare_database(&settings).await?;
    if demo {
        let report = service::demo::load(&db).await.context("loading the demo data failed")?;
        println!("{report}");
    }
    let graphiql = settings.graphiql_enabled();
    let embedded_worker = settings.runs_embedded_worker().then(|| (db.clone(), settings.clone()));
    let app = Application::build_with_db(settings, db)?;
    // The embedded default runs the workers here, on the SQLite job store
    // the job dashboard reads too.
    let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = match embedded_worker {
        Some((db, settings)) => {
            let store = app.state().jobs().await.map_err(|e| anyhow::anyhow!("{e}"))?.clone();
            // They stop with the server, finishing running jobs while the
            // last requests finish.
            let stopping = app.stopping();
            let shutdown = Box::pin(async move {
                tokio::select! {
                    () = stopping.cancelled_owned() => {}
                    _ = worker_stopped => {}
                }
            });
            Some(actix_web::rt::spawn(workers(db, settings, store, shutdown)))
        }
        None => None,
    };
    if worker.is_none() {
        // Workers run elsewhere: say now if none does (/readyz says it too).
        let state = app.state().clone();
        actix_web::rt::spawn(async move {
            if crate::routes::health::live_workers(&state).await == Some(0) {
                tracing::warn!("{}", crate::routes::health::NO_WORKER);
            }
        });
    }
    tracing::info!(
        port = app.port(),
        startup_ms = started.elapsed().as_millis() as u64,
        "aftersales-api listening"
    );
    if graphiql {
        println!("GraphiQL: http://127.0.0.1:{}/graphql", app.port());
    }
    app.run_until_stopped().await?;
    let _ = stop_worker.send(());
    if let Some(worker) = worker {
        match worker.await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::error!(error = %err, "the embedded worker failed"),
            Err(err) => tracing::error!(error = %err, "the embedded worker panicked"),
        }
    }
    tracing::info!("stopped");
    Ok(())
}

async fn add_user(settings: Settings, add: UserAdd) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password).context("reading the password from standard input")?;
    let password = password.lines().next().unwrap_or_default().to_owned();
    let roles = add
        .roles
        .iter()
        .map(|r| r.trim().to_uppercase().parse::<Role>().map_err(|_| anyhow::anyhow!("unknown role `{r}`")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let skills = add
        .skills
        .iter()
        .map(|s| {
            s.trim()
                .to_uppercase()
                .parse::<FaultCategory>()
                .map_err(|_| anyhow::anyhow!("unknown skill `{s}`"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let db = prepare_database(&settings).await?;
    let account = identity::create_user(
        &db,
        None,
        NewUser {
            username: add.username,
            display_name: add.display_name,
            password,
            roles,
            dealer_code: add.dealer,
            email: add.email,
            phone: None,
            region: add.region,
            skills,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    println!("created user {} (id {})", account.username, account.id);
    Ok(())
}
