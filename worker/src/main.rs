//! `aftersales-worker`: sweeps and delivers until SIGTERM or Ctrl-C.

use std::process::ExitCode;

use service::config::Settings;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("aftersales-worker: {err}");
            return ExitCode::FAILURE;
        }
    };
    service::telemetry::init(settings.log_format);
    let db = match service::db::connect(&settings).await {
        Ok(db) => db,
        Err(err) => {
            tracing::error!(error = %err, "cannot connect to the database");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = async {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = term.recv() => {},
            _ = tokio::signal::ctrl_c() => {},
        }
    };
    let store = match jobs::JobStore::open(&settings).await {
        Ok(store) => store,
        Err(err) => {
            tracing::error!(error = %err, "cannot open the job queues");
            return ExitCode::FAILURE;
        }
    };
    let outcome = worker::runner::run(db, settings, store, true, shutdown).await;
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "worker failed");
            ExitCode::FAILURE
        }
    }
}
