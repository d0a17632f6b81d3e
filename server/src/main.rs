//! `aftersales-api`: the api's command line (see `api::cli`) with the
//! worker's runner wired in for the embedded default. This package is the
//! only one that sees both: the api library takes the runner as a value.

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    let cli = api::cli::Cli::parse();
    let workers: api::cli::EmbeddedWorkers = Box::new(|db, settings, store, shutdown| {
        Box::pin(worker::runner::run(db, settings, store, false, shutdown))
    });
    match api::cli::run(cli, workers).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
