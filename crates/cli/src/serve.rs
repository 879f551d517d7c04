//! `meldpunt serve`: the HTTP API (yente-compatible `/match/{dataset}`,
//! native `/api/v1/screen`, OpenAPI at `/openapi.json`) over the current
//! version of every list in the store.

use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::net::SocketAddr;

use meldpunt_desk::Desk;
use meldpunt_screening::ScoringConfig;
use meldpunt_store::Store;
use meldpunt_web::{AppState, DatasetInfo};

use crate::screening_lists::{as_of_date, load_lists, OwnershipRules};
use crate::serve_demo;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8000", env = "MELDPUNT_LISTEN")]
    pub listen: SocketAddr,
    /// Only serve these sources (default: all).
    #[arg(long)]
    pub source: Vec<String>,
    /// Ownership rules that make unlisted entities hits (owned or controlled by listed persons).
    #[arg(long, value_enum, default_value = "ofac")]
    pub ownership: OwnershipRules,
    /// A routing table (TOML) to use instead of the built-in one.
    #[arg(long)]
    pub routing: Option<std::path::PathBuf>,
    /// Start a demo reporting point: a fresh SQLite database in a temporary
    /// folder (or --db), the demo list, demo organisations, one user per
    /// role (passwords printed) and a few filed reports.
    #[arg(long)]
    pub demo: bool,
}

pub async fn run(db: &str, args: ServeArgs) -> anyhow::Result<()> {
    // Kept until the server stops: a temporary demo database lives as long.
    let demo_db = args.demo.then(|| serve_demo::database(db)).transpose()?;
    let db = demo_db.as_ref().map_or(db, |d| d.url.as_str());
    let store = Store::connect(db).await?;
    if args.demo {
        serve_demo::import_list(&store).await?;
    }
    let rules = args.ownership.rules(as_of_date(None)?);
    let lists = load_lists(&store, &args.source, rules).await?;
    let (entries, versions) = (lists.entries, lists.versions);
    let entities = entries.len();
    let datasets: Vec<DatasetInfo> = versions.iter().map(DatasetInfo::from).collect();
    let state = tokio::task::spawn_blocking(move || {
        AppState::new(entries, ScoringConfig::default(), datasets)
    })
    .await
    .context("building the screening index")?;
    let routing = crate::admin::routing_table(args.routing.as_deref())?;
    let desk = Desk::open(store.clone(), Some(state.lists_in_use()), routing)
        .await
        .context("opening the reporting point")?;
    let demo_users = match args.demo {
        true => serve_demo::seed(&desk).await?,
        false => Vec::new(),
    };
    let state = state.with_desk(desk);
    let ownership = load_ownership(&store).await?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    let address = listener.local_addr()?;
    let lists: Vec<String> = versions
        .iter()
        .map(|v| format!("{} v{}", v.source, v.id))
        .collect();
    // A server must outlive whoever reads its banner: if stdout is closed
    // (a supervisor that only wanted the address), printing must not panic.
    let mut banner = format!(
        "meldpunt serving {entities} list entities ({}) on http://{address}\n  \
         POST /match/default (yente-compatible), POST /api/v1/screen, \
         POST /api/v1/reports, GET /openapi.json; portal (en/nl) at /\n",
        lists.join(", ")
    );
    if args.demo {
        banner.push_str(&format!("Demo database: {db}\n"));
        banner.push_str(&serve_demo::print_users(
            &demo_users,
            &format!("http://{address}"),
        ));
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    let mut portal = meldpunt_portal::PortalState::from_app(&state);
    if let Some(ownership) = ownership {
        portal = portal.with_ownership(ownership);
    }
    let app = meldpunt_portal::app(portal, meldpunt_web::router(state));
    meldpunt_web::serve_app(listener, app).await?;
    Ok(())
}

/// The portal's ownership view reads the graph `ownership exposure` reads;
/// bad ownership data switches the view off rather than the server.
async fn load_ownership(
    store: &Store,
) -> anyhow::Result<Option<std::sync::Arc<meldpunt_ownership::Explorer>>> {
    let (graph, listed) = match crate::ownership::exposure::load_graph(store).await {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("warning: ownership view off: {error:#}");
            return Ok(None);
        }
    };
    let explorer =
        tokio::task::spawn_blocking(move || meldpunt_ownership::Explorer::new(graph, &listed))
            .await
            .context("indexing the ownership graph")?;
    Ok(Some(std::sync::Arc::new(explorer)))
}
