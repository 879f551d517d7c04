//! `meldpunt`: the command-line entry point. One module per subcommand.

mod admin;
mod compare;
mod demo;
mod fleet;
mod lists;
mod ownership;
mod progress;
mod screen;
mod screening_lists;
mod serve;
mod serve_demo;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Meldpunt: sanctions lists, screening and the Central Sanctions Reporting Point.
#[derive(Debug, Parser)]
#[command(name = "meldpunt", version, about)]
struct Cli {
    /// Database URL: a SQLite file path (default meldpunt.db) or postgres://…
    #[arg(
        long,
        global = true,
        env = "MELDPUNT_DB",
        default_value = "meldpunt.db"
    )]
    db: String,

    /// Print elapsed time and peak memory (RSS) when done, for benchmarks.
    #[arg(long, global = true)]
    stats: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import, list, compare, export and update sanctions lists.
    Lists {
        #[command(subcommand)]
        command: lists::ListsCommand,
    },
    /// Ownership and control: the OFAC 50% rule and the EU rules.
    Ownership {
        #[command(subcommand)]
        command: ownership::OwnershipCommand,
    },
    /// Screen a customer file against every list in the store.
    Screen(screen::ScreenArgs),
    /// Score pairs of names or entities.
    Compare(compare::CompareArgs),
    /// Serve the screening API over the lists in the store.
    Serve(serve::ServeArgs),
    /// Run the list workflow on the project's demo list (two versions and their diff).
    Demo,
    /// Organisations of the reporting point (reporters and authorities).
    Org {
        #[command(subcommand)]
        command: admin::OrgCommand,
    },
    /// Users of the reporting point.
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// The append-only, hash-chained audit log.
    Audit {
        #[command(subcommand)]
        command: admin::AuditCommand,
    },
    /// Shadow fleet: ingest AIS, detect dark activity, vessel profiles, track plots.
    Fleet {
        #[command(subcommand)]
        command: fleet::FleetCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MELDPUNT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let stats = cli.stats;
    let result = runtime.block_on(async {
        match cli.command {
            Command::Lists { command } => lists::run(&cli.db, command).await,
            Command::Ownership { command } => ownership::run(&cli.db, command).await,
            Command::Demo => demo::run(&cli.db).await,
            Command::Screen(args) => screen::run(&cli.db, args).await,
            Command::Compare(args) => compare::run(args),
            Command::Serve(args) => serve::run(&cli.db, args).await,
            Command::Fleet { command } => fleet::run(&cli.db, command).await,
            Command::Org { command } => admin::run_org(&cli.db, command).await,
            Command::User { command } => admin::run_user(&cli.db, command).await,
            Command::Audit { command } => admin::run_audit(&cli.db, command).await,
        }
    });
    if stats {
        eprintln!(
            "stats: elapsed {:.3} s, peak RSS {}",
            started.elapsed().as_secs_f64(),
            peak_rss()
                .map(|kib| format!("{:.1} MiB", kib as f64 / 1024.0))
                .unwrap_or_else(|| "unknown".into())
        );
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Peak resident set size in KiB (Linux `VmHWM`).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
