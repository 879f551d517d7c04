//! `meldpunt fleet …`: ingest AIS files into the store, run the shadow-fleet
//! detectors over what is stored, show a vessel's profile and plot tracks.

mod detect;
mod ingest;
mod plot;
mod report;
mod vessel;

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

use meldpunt_fleet::ais::message::{Dimensions, Eta, StaticVoyageData};
use meldpunt_fleet::ais::{AisMessage, Message};
use meldpunt_fleet::detect::{DetectConfig, Event};
use meldpunt_fleet::geo::ShoreLayer;
use meldpunt_fleet::registry::Registry;
use meldpunt_fleet::track::{Position, PositionSource, Tracks};
use meldpunt_model::{Entity, Schema};
use meldpunt_store::{IdentityRow, PositionRow, Store, VersionInfo};

#[derive(Debug, Subcommand)]
pub enum FleetCommand {
    /// Ingest AIS files (NMEA in any supported wrapper, or NOAA MarineCadastre CSV).
    Ingest(IngestArgs),
    /// Run the shadow-fleet detectors over the stored positions; events as JSON lines.
    Detect(DetectArgs),
    /// A vessel's profile: identities over time, list hits, events.
    Vessel(VesselArgs),
    /// Plot a vessel's track, or an event's, as SVG.
    TrackPlot(TrackPlotArgs),
    /// Send detected events to the reporting point as VESSEL_EVENT reports.
    Report(report::ReportArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// What detection runs over: shared by `detect`, `vessel` and `track-plot`.
#[derive(Debug, Args, Clone, Default)]
pub struct Scope {
    /// Only positions at or after this time: YYYY-MM-DD, RFC 3339 or Unix seconds.
    #[arg(long)]
    pub since: Option<String>,
    /// Only positions at or before this time (a date means the end of that day).
    #[arg(long)]
    pub until: Option<String>,
    /// Detector thresholds as TOML, mapping onto the detector config (unknown keys are errors).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A shadow-fleet list (tak-shadowfleet-id JSON) to flag listed vessels.
    #[arg(long = "shadow-fleet")]
    pub shadow_fleet: Vec<PathBuf>,
    /// Ports, anchorages and shore points as JSON (`{"places": [{"name", "kind": "port"|"shore",
    /// "point": {"lat", "lon"}}]}`): port calls are then not encounters or loitering, and
    /// gaps and loitering near shore are told apart.
    #[arg(long)]
    pub places: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    #[command(flatten)]
    pub scope: Scope,
    /// Write events here as JSON lines (default: standard output).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct VesselArgs {
    /// A seven-digit IMO number (optionally prefixed IMO) or a nine-digit MMSI.
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    #[command(flatten)]
    pub scope: Scope,
}

#[derive(Debug, Args)]
pub struct TrackPlotArgs {
    /// An event id as `fleet detect` prints it.
    #[arg(long, conflicts_with = "mmsi", required_unless_present = "mmsi")]
    pub event: Option<String>,
    /// Plot this vessel's whole track (within --since/--until).
    #[arg(long)]
    pub mmsi: Option<u32>,
    /// The SVG file to write.
    #[arg(long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub scope: Scope,
}

pub async fn run(db: &str, command: FleetCommand) -> anyhow::Result<()> {
    let store = Store::connect(db).await?;
    match command {
        FleetCommand::Ingest(args) => ingest::run(&store, args).await,
        FleetCommand::Detect(args) => detect::run(&store, args).await,
        FleetCommand::Vessel(args) => vessel::run(&store, args).await,
        FleetCommand::TrackPlot(args) => plot::run(&store, args).await,
        FleetCommand::Report(args) => report::run(&store, args).await,
    }
}

/// Unix seconds from `YYYY-MM-DD`, RFC 3339 or an integer; a bare date
/// is its first second, or its last when `end_of_day`.
pub fn parse_time(text: &str, end_of_day: bool) -> anyhow::Result<i64> {
    let text = text.trim();
    if let Ok(unix) = text.parse::<i64>() {
        return Ok(unix);
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let (h, m, s) = if end_of_day { (23, 59, 59) } else { (0, 0, 0) };
        if let Some(at) = date.and_hms_opt(h, m, s) {
            return Ok(at.and_utc().timestamp());
        }
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(at.timestamp());
    }
    bail!("cannot read time {text:?}: expected YYYY-MM-DD, RFC 3339 or Unix seconds")
}

pub fn format_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%SZ").to_string())
        .unwrap_or_else(|| unix.to_string())
}

impl Scope {
    pub fn window(&self) -> anyhow::Result<(Option<i64>, Option<i64>)> {
        let since = self
            .since
            .as_deref()
            .map(|t| parse_time(t, false))
            .transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|t| parse_time(t, true))
            .transpose()?;
        Ok((since, until))
    }

    pub fn shore_layer(&self) -> anyhow::Result<Option<ShoreLayer>> {
        let Some(path) = &self.places else {
            return Ok(None);
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let layer = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a places file", path.display()))?;
        Ok(Some(layer))
    }

    pub fn detect_config(&self) -> anyhow::Result<DetectConfig> {
        match &self.config {
            None => Ok(DetectConfig::default()),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                parse_detect_config(&text).with_context(|| format!("{}", path.display()))
            }
        }
    }
}

/// The TOML mapped onto [`DetectConfig`]; keys the config does not have
/// are errors naming the key, so a typo cannot silently keep a default.
pub fn parse_detect_config(text: &str) -> anyhow::Result<DetectConfig> {
    let given: toml::Table = toml::from_str(text)?;
    let known = toml::Table::try_from(DetectConfig::default())?;
    check_keys(&given, &known, "")?;
    Ok(toml::Value::Table(given).try_into()?)
}

fn check_keys(given: &toml::Table, known: &toml::Table, prefix: &str) -> anyhow::Result<()> {
    for (key, value) in given {
        let path = format!("{prefix}{key}");
        let Some(default) = known.get(key) else {
            let keys: Vec<&str> = known.keys().map(String::as_str).collect();
            bail!("unknown key {path:?} (known here: {})", keys.join(", "));
        };
        match (value, default) {
            (toml::Value::Table(g), toml::Value::Table(k)) => {
                check_keys(g, k, &format!("{path}."))?
            }
            (toml::Value::Table(_), _) => bail!("{path:?} is a value, not a table"),
            _ => {}
        }
    }
    Ok(())
}

pub fn position_row(p: &Position) -> PositionRow {
    PositionRow {
        mmsi: i64::from(p.mmsi),
        time: p.time,
        lat: p.lat,
        lon: p.lon,
        sog: p.sog_knots.map(f64::from),
        cog: p.cog.map(f64::from),
        heading: p.heading.map(i64::from),
        source: match p.source {
            PositionSource::Ais(t) => format!("ais:{t}"),
            PositionSource::MarineCadastre => "marinecadastre".into(),
            PositionSource::Synthetic => "synthetic".into(),
            PositionSource::Interpolated => "interpolated".into(),
        },
    }
}

pub fn position(row: &PositionRow) -> Option<Position> {
    let source = match row.source.as_str() {
        "marinecadastre" => PositionSource::MarineCadastre,
        "synthetic" => PositionSource::Synthetic,
        "interpolated" => PositionSource::Interpolated,
        other => PositionSource::Ais(
            other
                .strip_prefix("ais:")
                .and_then(|t| t.parse().ok())
                .unwrap_or(1),
        ),
    };
    Some(Position {
        mmsi: u32::try_from(row.mmsi).ok()?,
        time: row.time,
        lat: row.lat,
        lon: row.lon,
        sog_knots: row.sog.map(|v| v as f32),
        cog: row.cog.map(|v| v as f32),
        heading: row.heading.and_then(|h| u16::try_from(h).ok()),
        source,
    })
}

/// The static report an identity row stands for, at `time`.
fn static_message(row: &IdentityRow, time: Option<i64>) -> Option<AisMessage> {
    Some(AisMessage {
        received_at: time,
        source: Some(row.source.as_str().into()),
        channel: None,
        own_ship: false,
        message: Message::StaticVoyage(StaticVoyageData {
            repeat: 0,
            mmsi: u32::try_from(row.mmsi).ok()?,
            ais_version: 0,
            imo: row.imo.and_then(|i| u32::try_from(i).ok()),
            call_sign: row.call_sign.clone(),
            name: row.name.clone(),
            ship_type: row
                .ship_type
                .and_then(|t| u8::try_from(t).ok())
                .unwrap_or(0),
            dimensions: Dimensions::default(),
            epfd: 0,
            eta: Eta::default(),
            draught: None,
            destination: String::new(),
            dte: false,
        }),
    })
}

/// Replays stored identities into the registry in time order: each row as
/// a static report at its first and at its last sighting, which gives the
/// registry the same spans the original reports did.
pub fn observe_identities(registry: &mut Registry, rows: &[IdentityRow]) {
    let mut messages: Vec<AisMessage> = Vec::with_capacity(rows.len() * 2);
    for row in rows {
        let times = match (row.first_seen, row.last_seen) {
            (Some(a), Some(b)) if a != b => vec![Some(a), Some(b)],
            (first, last) => vec![first.or(last)],
        };
        messages.extend(times.into_iter().filter_map(|t| static_message(row, t)));
    }
    messages.sort_by_key(|m| m.received_at);
    for m in &messages {
        registry.observe_ais(m);
    }
}

/// A list entity of schema Vessel with the list version it is from.
pub struct ListedVessel {
    pub entity: Entity,
    pub version: VersionInfo,
}

/// Every Vessel entity in the current version of every source.
pub async fn listed_vessels(store: &Store) -> anyhow::Result<Vec<ListedVessel>> {
    const PAGE: u32 = 5000;
    let mut found = Vec::new();
    for source in store.sources().await? {
        let version = source.latest;
        let mut after: Option<String> = None;
        loop {
            let page = store.entities(version.id, after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            found.extend(
                page.into_iter()
                    .filter(|e| e.schema == Schema::Vessel)
                    .map(|entity| ListedVessel {
                        entity,
                        version: version.clone(),
                    }),
            );
        }
    }
    Ok(found)
}

/// Tracks and registry from the store (positions in `window`, every
/// identity, every listed vessel) plus shadow-fleet list files.
pub async fn load_inputs(
    store: &Store,
    scope: &Scope,
    mmsi: Option<i64>,
) -> anyhow::Result<(Tracks, Registry)> {
    let (since, until) = scope.window()?;
    let rows = store.positions(mmsi, since, until).await?;
    let tracks: Tracks = rows.iter().filter_map(position).collect();
    let mut registry = Registry::new();
    observe_identities(&mut registry, &store.all_vessel_identities().await?);
    for listed in listed_vessels(store).await? {
        registry.add_entity(&listed.entity);
    }
    for path in &scope.shadow_fleet {
        let entries = meldpunt_fleet::shadowfleet::read_file(path)?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "shadow-fleet".into());
        registry.add_shadow_fleet(&entries, &name);
    }
    Ok((tracks, registry))
}

/// A stable id for an event: the same event gets the same id on every run.
pub fn event_id(event: &Event) -> String {
    use sha2::{Digest, Sha256};
    let kind = serde_json::to_string(&event.kind).unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    for v in &event.vessels {
        hasher.update(format!("|{:?}/{:?}", v.mmsi, v.imo).as_bytes());
    }
    hasher.update(format!("|{}|{}", event.start, event.end).as_bytes());
    let digest = hex::encode(hasher.finalize());
    format!("ev-{}", &digest[..12])
}

/// The event as one JSON object with its id first.
pub fn event_json(event: &Event) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), serde_json::Value::String(event_id(event)));
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(event) {
        object.extend(fields);
    }
    serde_json::Value::Object(object)
}

/// The snake_case name of an event kind, as in the JSON.
pub fn kind_name(event: &Event) -> String {
    serde_json::to_value(event.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
