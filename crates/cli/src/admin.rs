//! Set-up and oversight at the console: organisations, users, and the
//! audit log's verification. These act as an operator with administrator
//! rights; every change is written to the audit log like any other.

use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use meldpunt_desk::{Desk, NewOrg, NewUser, Principal, Role};
use meldpunt_reports::RuleTable;
use meldpunt_store::Store;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create a reporting or authority organisation; prints its id.
    Create(OrgArgs),
    /// List organisations.
    Ls,
}

#[derive(Debug, Args)]
pub struct OrgArgs {
    #[arg(long)]
    pub name: String,
    /// Sector, e.g. bank, payment_institution, trust_office, notary, exporter.
    #[arg(long)]
    pub sector: String,
    #[arg(long)]
    pub kvk: Option<String>,
    #[arg(long)]
    pub lei: Option<String>,
    /// Makes this an authority organisation, e.g. DNB, AFM, FIOD.
    #[arg(long)]
    pub authority: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an active user; the password is read from standard input.
    Create(UserArgs),
}

#[derive(Debug, Args)]
pub struct UserArgs {
    /// Organisation id (`meldpunt` for the reporting point's own staff).
    #[arg(long)]
    pub org: String,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// reporter, reporter_admin, analyst, authority_viewer or admin.
    #[arg(long)]
    pub role: String,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; exits non-zero when anything was altered.
    Verify,
    /// Print entries as JSON lines.
    Show {
        /// Only entries after this sequence number.
        #[arg(long, default_value_t = 0)]
        after: i64,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

pub fn routing_table(path: Option<&Path>) -> anyhow::Result<RuleTable> {
    match path {
        None => Ok(RuleTable::builtin().clone()),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Ok(RuleTable::from_toml(&text, &path.display().to_string())?)
        }
    }
}

async fn open(db: &str) -> anyhow::Result<Desk> {
    let store = Store::connect(db).await?;
    Ok(Desk::open(store, None, RuleTable::builtin().clone()).await?)
}

fn operator() -> Principal {
    let name = std::env::var("USER").unwrap_or_else(|_| "console".to_string());
    Principal::operator(&name)
}

pub async fn run_org(db: &str, command: OrgCommand) -> anyhow::Result<()> {
    let desk = open(db).await?;
    match command {
        OrgCommand::Create(args) => {
            let org = desk
                .create_org(
                    &operator(),
                    NewOrg {
                        name: args.name,
                        kvk: args.kvk,
                        lei: args.lei,
                        sector: args.sector,
                        kind: if args.authority.is_some() {
                            "authority"
                        } else {
                            "reporter"
                        }
                        .to_string(),
                        authority: args.authority,
                    },
                )
                .await?;
            println!("{}", org.id);
        }
        OrgCommand::Ls => {
            for org in desk.store().orgs().await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    org.id,
                    org.kind,
                    org.sector,
                    org.authority.unwrap_or_default(),
                    org.name
                );
            }
        }
    }
    Ok(())
}

pub async fn run_user(db: &str, command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create(args) = command;
    let role: Role = args.role.parse().map_err(anyhow::Error::msg)?;
    let mut password = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let desk = open(db).await?;
    let user = desk
        .create_user(
            &operator(),
            NewUser {
                org_id: args.org,
                email: args.email,
                display_name: args.name,
                password,
                role,
            },
        )
        .await?;
    println!("{}", user.id);
    Ok(())
}

pub async fn run_audit(db: &str, command: AuditCommand) -> anyhow::Result<()> {
    let desk = open(db).await?;
    let operator = operator();
    match command {
        AuditCommand::Verify => {
            let verification = desk.verify_audit(&operator).await?;
            if verification.problems.is_empty() {
                println!(
                    "audit log intact: {} entries, head hash {}",
                    verification.entries, verification.head_hash
                );
                return Ok(());
            }
            for problem in &verification.problems {
                eprintln!("entry {}: {}", problem.seq, problem.reason);
            }
            bail!(
                "audit log altered: {} problem(s) in {} entries",
                verification.problems.len(),
                verification.entries
            );
        }
        AuditCommand::Show { after, limit } => {
            for row in desk.audit_log(&operator, after, limit).await? {
                println!("{}", serde_json::to_string(&row)?);
            }
        }
    }
    Ok(())
}
