//! `meldpunt lists …`: import, list, diff, export and update sanctions lists.

mod diff;
mod export;
mod import;
mod ls;
mod update;

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

use meldpunt_sources::Format;
use meldpunt_store::Store;

pub use diff::diff_and_print;
pub use import::{import_entities, import_paths, print_result};

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Import list files; each becomes a new version of its source.
    Import(ImportArgs),
    /// Show the sources and their versions.
    Ls(LsArgs),
    /// Show what changed between two versions of a source.
    Diff(DiffArgs),
    /// Write the current entities as FtM JSON lines.
    Export(ExportArgs),
    /// Download the official lists (conditional requests), import what changed.
    Update(UpdateArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Auto,
    EuFsf,
    Un,
    OfacCsv,
    OfacXml,
    Uk,
    Tabular,
    Ftm,
    EuJournal,
}

impl FormatArg {
    fn forced(self) -> Option<Format> {
        match self {
            FormatArg::Auto => None,
            FormatArg::EuFsf => Some(Format::EuFsf),
            FormatArg::Un => Some(Format::Un),
            FormatArg::OfacCsv => Some(Format::OfacCsv),
            FormatArg::OfacXml => Some(Format::OfacXml),
            FormatArg::Uk => Some(Format::Uk),
            FormatArg::Tabular => Some(Format::Tabular),
            FormatArg::Ftm => Some(Format::Ftm),
            FormatArg::EuJournal => Some(Format::EuJournal),
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories (an OFAC CSV set or EU journal CSVs in one directory form one source).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Source name (default: derived from the format, e.g. ofac-sdn, un-sc).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub format: FormatArg,
    /// Column mapping for tabular files: field=Column,field=Column.
    #[arg(long)]
    pub map: Option<String>,
    /// Column mapping for tabular files, as a JSON file.
    #[arg(long)]
    pub map_file: Option<PathBuf>,
    /// Print every warning instead of the first 20.
    #[arg(long)]
    pub all_warnings: bool,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Show every version of this source instead of the latest of each.
    #[arg(long)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[arg(long)]
    pub source: String,
    /// Older version id (default: the version before --to).
    #[arg(long)]
    pub from: Option<i64>,
    /// Newer version id (default: the latest).
    #[arg(long)]
    pub to: Option<i64>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Ftm,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this source (default: every source).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// TOML file naming the sources and their URLs (default: the official ones).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Only these sources.
    #[arg(long)]
    pub source: Vec<String>,
}

pub async fn run(db: &str, command: ListsCommand) -> anyhow::Result<()> {
    let store = Store::connect(db).await?;
    match command {
        ListsCommand::Import(args) => import::run(&store, args).await,
        ListsCommand::Ls(args) => ls::run(&store, args).await,
        ListsCommand::Diff(args) => diff::run(&store, args).await,
        ListsCommand::Export(args) => export::run(&store, args).await,
        ListsCommand::Update(args) => update::run(&store, args).await,
    }
}
