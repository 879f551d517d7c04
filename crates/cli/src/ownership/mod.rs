//! `meldpunt ownership …`: shareholding registers into the store, and the
//! entities the OFAC 50% rule or the EU ownership/control rules catch.

pub(crate) mod exposure;
mod import;

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

use meldpunt_store::Store;

#[derive(Debug, Subcommand)]
pub enum OwnershipCommand {
    /// Import ownership data: a shareholding CSV
    /// (owner_id,owned_id,percentage,start_date,end_date,source[,control])
    /// or FtM JSON lines with Ownership/Directorship relations.
    Import(ImportArgs),
    /// Entities caught through ownership or control by listed persons.
    Exposure(ExposureArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Source name (default: ownership-<file stem>).
    #[arg(long)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesArg {
    Ofac,
    Eu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExposureArgs {
    /// Only the exposure of this entity id.
    #[arg(long)]
    pub entity: Option<String>,
    #[arg(long, value_enum, default_value = "ofac")]
    pub rules: RulesArg,
    /// EU rules: add up the holdings of several listed persons (off by default).
    #[arg(long)]
    pub eu_aggregate: bool,
    /// Evaluation date (default: today); relations not in force then are ignored.
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutputFormat,
}

pub async fn run(db: &str, command: OwnershipCommand) -> anyhow::Result<()> {
    let store = Store::connect(db).await?;
    match command {
        OwnershipCommand::Import(args) => import::run(&store, args).await,
        OwnershipCommand::Exposure(args) => exposure::run(&store, args).await,
    }
}
