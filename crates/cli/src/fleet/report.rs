//! `meldpunt fleet report`: sends detected events to the reporting point as
//! VESSEL_EVENT reports over its API, one report per event, each with an
//! idempotency key derived from the event so that a re-run files nothing
//! twice.

use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::Args;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use meldpunt_fleet::detect::{Event, EventKind, VesselRef};
use meldpunt_store::{Store, VesselKey};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Events as JSON lines, as `meldpunt fleet detect` writes them.
    pub events: PathBuf,
    /// The reporting point, e.g. https://meldpunt.example.nl
    #[arg(long, env = "MELDPUNT_SERVER")]
    pub server: Option<String>,
    /// The organisation's API key (`mpk_…`).
    #[arg(long, env = "MELDPUNT_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Only events with at least this risk score.
    #[arg(long, default_value_t = 0.5)]
    pub min_risk: f64,
    /// Print the reports as JSON lines instead of sending them.
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(store: &Store, args: ReportArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.events)
        .with_context(|| format!("reading {}", args.events.display()))?;
    let now = Utc::now();
    let mut reports = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let event: Event = serde_json::from_str(line).with_context(|| {
            format!(
                "{}: line {}: not an event",
                args.events.display(),
                index + 1
            )
        })?;
        if event.risk < args.min_risk {
            continue;
        }
        reports.push((
            idempotency_key(line),
            vessel_report(store, &event, now).await?,
        ));
    }
    if args.dry_run {
        for (_, report) in &reports {
            println!("{report}");
        }
        return Ok(());
    }
    let (Some(server), Some(key)) = (args.server.as_deref(), args.api_key.as_deref()) else {
        bail!("--server and --api-key (or MELDPUNT_SERVER and MELDPUNT_API_KEY) are needed to send reports; use --dry-run to print them");
    };
    send(server, key, &reports).await
}

async fn send(server: &str, key: &str, reports: &[(String, Value)]) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()?;
    let url = format!("{}/api/v1/reports", server.trim_end_matches('/'));
    let mut rejected = 0;
    for (idempotency, report) in reports {
        let response = client
            .post(&url)
            .bearer_auth(key)
            .header("Idempotency-Key", idempotency)
            .json(report)
            .send()
            .await
            .with_context(|| format!("sending to {url}"))?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            println!(
                "{}\t{}\t{}",
                body["report_id"].as_str().unwrap_or(""),
                body["status"].as_str().unwrap_or(""),
                if body["replayed"] == true {
                    "already filed"
                } else {
                    "filed"
                }
            );
        } else {
            rejected += 1;
            eprintln!("rejected ({status}): {body}");
        }
    }
    if rejected > 0 {
        bail!("{rejected} of {} reports were not filed", reports.len());
    }
    Ok(())
}

fn idempotency_key(line: &str) -> String {
    let digest = hex::encode(Sha256::digest(line.trim().as_bytes()));
    format!("fleet-event-{}", &digest[..32])
}

fn stamp(unix: i64) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn event_type(kind: EventKind) -> &'static str {
    match kind {
        EventKind::AisGap | EventKind::AisGapCandidate => "ais_gap",
        EventKind::Encounter => "encounter",
        EventKind::ShipToShipTransfer => "ship_to_ship_transfer",
        EventKind::Loitering => "loitering",
        EventKind::Spoofing => "spoofing",
        EventKind::FlagMismatch | EventKind::FlagHopping => "flag_change",
        EventKind::NameChange | EventKind::SanctionedVessel | EventKind::ShadowFleetVessel => {
            "other"
        }
    }
}

/// The vessel's latest declared name, or its MMSI/IMO when none was seen.
async fn vessel_name(store: &Store, vessel: &VesselRef) -> anyhow::Result<String> {
    let key = match (vessel.imo, vessel.mmsi) {
        (Some(imo), _) => VesselKey::Imo(i64::from(imo)),
        (None, Some(mmsi)) => VesselKey::Mmsi(i64::from(mmsi)),
        (None, None) => return Ok("unidentified vessel".to_string()),
    };
    let identities = store.vessel_identities(key).await?;
    let named = identities
        .iter()
        .filter(|i| !i.name.trim().is_empty())
        .max_by_key(|i| i.last_seen.unwrap_or(i64::MIN));
    Ok(match (named, vessel.imo, vessel.mmsi) {
        (Some(identity), _, _) => identity.name.trim().to_string(),
        (None, Some(imo), _) => format!("IMO {imo}"),
        (None, None, Some(mmsi)) => format!("MMSI {mmsi}"),
        (None, None, None) => "unidentified vessel".to_string(),
    })
}

fn identifiers(vessel: &VesselRef) -> Vec<Value> {
    let mut ids = Vec::new();
    if let Some(imo) = vessel.imo {
        ids.push(json!({"kind": "imo", "value": format!("IMO {imo}")}));
    }
    if let Some(mmsi) = vessel.mmsi {
        ids.push(json!({"kind": "mmsi", "value": format!("{mmsi:09}")}));
    }
    ids
}

/// One VESSEL_EVENT report for `event`: the first vessel is the subject,
/// a second one the counterpart; metrics and the risk score go along.
pub async fn vessel_report(
    store: &Store,
    event: &Event,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let Some(subject) = event.vessels.first() else {
        bail!("an event without a vessel cannot be reported");
    };
    let mut metrics = event.metrics.clone();
    metrics.insert("risk".to_string(), event.risk);
    let mut vessel_event = json!({
        "event_type": event_type(event.kind),
        "start": stamp(event.start),
        "metrics": metrics,
    });
    if event.end > event.start {
        vessel_event["end"] = stamp(event.end).into();
    }
    if let Some(point) = event.positions.first() {
        vessel_event["position"] = json!({"lat": point.lat, "lon": point.lon});
    }
    if let Some(other) = event.vessels.get(1) {
        let mut counterpart = json!({"name": vessel_name(store, other).await?});
        if let Some(imo) = other.imo {
            counterpart["imo"] = imo.to_string().into();
        }
        if let Some(mmsi) = other.mmsi {
            counterpart["mmsi"] = format!("{mmsi:09}").into();
        }
        vessel_event["counterpart"] = counterpart;
    }
    let kind = serde_json::to_value(event.kind)?;
    Ok(json!({
        "envelope": {
            "report_type": "VESSEL_EVENT",
            // The end of the event, not the time of this run: a re-run must
            // send the same report so its idempotency key replays it.
            "detected_at": stamp(event.end.max(event.start).min(now.timestamp())),
            "narrative": {"reason": event.explanation},
            "indicators": [kind],
        },
        "subjects": [{
            "kind": "vessel",
            "names": [vessel_name(store, subject).await?],
            "identifiers": identifiers(subject),
        }],
        "vessel_events": [vessel_event],
    }))
}
