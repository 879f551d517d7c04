//! `meldpunt fleet vessel IMO|MMSI`: identities over time, list hits and
//! events of one vessel.

use anyhow::bail;
use serde::Serialize;
use std::collections::BTreeSet;

use meldpunt_fleet::detect::Event;
use meldpunt_fleet::registry::parse_imo;
use meldpunt_model::IdKind;
use meldpunt_store::{IdentityRow, Store, VesselKey};

use super::{
    event_id, event_json, format_time, kind_name, listed_vessels, OutputFormat, VesselArgs,
};

/// Positions this long before and after the vessel's own track are loaded
/// too, so encounters with other vessels are found.
const MARGIN_S: i64 = 86_400;

#[derive(Debug, Serialize)]
struct ListHit {
    source: String,
    version: i64,
    entity_id: String,
    caption: String,
    /// "authority: programme" per sanction record.
    sanctions: Vec<String>,
    matched_on: String,
}

fn parse_key(text: &str) -> anyhow::Result<VesselKey> {
    let trimmed = text.trim();
    let digits = trimmed
        .strip_prefix("IMO")
        .or_else(|| trimmed.strip_prefix("imo"))
        .unwrap_or(trimmed)
        .trim();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        bail!("{text:?} is neither an IMO number (7 digits) nor an MMSI (9 digits)");
    }
    match digits.len() {
        7 => match digits.parse() {
            Ok(imo) => Ok(VesselKey::Imo(imo)),
            Err(_) => bail!("{text:?} is not an IMO number"),
        },
        9 => match digits.parse() {
            Ok(mmsi) => Ok(VesselKey::Mmsi(mmsi)),
            Err(_) => bail!("{text:?} is not an MMSI"),
        },
        _ => bail!("{text:?} is neither an IMO number (7 digits) nor an MMSI (9 digits)"),
    }
}

pub async fn run(store: &Store, args: VesselArgs) -> anyhow::Result<()> {
    let key = parse_key(&args.id)?;
    if let VesselKey::Imo(imo) = key {
        if parse_imo(&format!("{imo:07}")).is_none() {
            eprintln!("warning: IMO {imo:07} fails the check digit");
        }
    }
    let identities = store.vessel_identities(key).await?;
    let mut mmsis: BTreeSet<i64> = identities.iter().map(|r| r.mmsi).collect();
    let mut imos: BTreeSet<i64> = identities.iter().filter_map(|r| r.imo).collect();
    match key {
        VesselKey::Imo(imo) => {
            imos.insert(imo);
        }
        VesselKey::Mmsi(mmsi) => {
            mmsis.insert(mmsi);
        }
    }

    let mut hits = Vec::new();
    for listed in listed_vessels(store).await? {
        let entity = &listed.entity;
        let imo_hit = entity
            .identifiers_of(IdKind::Imo)
            .filter_map(|i| parse_imo(&i.value))
            .find(|i| imos.contains(&i64::from(*i)));
        let mmsi_hit = entity
            .identifiers_of(IdKind::Mmsi)
            .filter_map(|i| i.normalized().parse::<i64>().ok())
            .find(|m| mmsis.contains(m));
        let matched_on = match (imo_hit, mmsi_hit) {
            (Some(imo), _) => format!("IMO {imo:07}"),
            (None, Some(mmsi)) => format!("MMSI {mmsi}"),
            (None, None) => continue,
        };
        if let Some(i) = imo_hit {
            imos.insert(i64::from(i));
        }
        hits.push(ListHit {
            source: listed.version.source.clone(),
            version: listed.version.id,
            entity_id: entity.id.clone(),
            caption: entity.caption().to_string(),
            sanctions: entity
                .sanctions
                .iter()
                .map(|s| match &s.program {
                    Some(p) => format!("{}: {p}", s.authority),
                    None => s.authority.clone(),
                })
                .collect(),
            matched_on,
        });
    }

    let events = vessel_events(store, &args, &mmsis, &imos).await?;
    match args.format {
        OutputFormat::Json => {
            let value = serde_json::json!({
                "query": args.id,
                "imos": imos,
                "mmsis": mmsis,
                "identities": identities,
                "list_hits": hits,
                "events": events.iter().map(event_json).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
        OutputFormat::Text => print_text(&args.id, &imos, &mmsis, &identities, &hits, &events),
    }
    Ok(())
}

async fn vessel_events(
    store: &Store,
    args: &VesselArgs,
    mmsis: &BTreeSet<i64>,
    imos: &BTreeSet<i64>,
) -> anyhow::Result<Vec<Event>> {
    let (since, until) = args.scope.window()?;
    let mut span: Option<(i64, i64)> = None;
    for mmsi in mmsis {
        let own = store.positions(Some(*mmsi), since, until).await?;
        if let (Some(first), Some(last)) = (own.first(), own.last()) {
            span = Some(span.map_or((first.time, last.time), |(a, b)| {
                (a.min(first.time), b.max(last.time))
            }));
        }
    }
    let mut scope = args.scope.clone();
    if let Some((first, last)) = span {
        scope.since = Some(
            (first - MARGIN_S)
                .max(since.unwrap_or(i64::MIN))
                .to_string(),
        );
        scope.until = Some((last + MARGIN_S).min(until.unwrap_or(i64::MAX)).to_string());
    } else {
        // No track: identity and listing events only.
        scope.since = Some("1".into());
        scope.until = Some("0".into());
    }
    let events = super::detect::events(store, &scope, None).await?;
    Ok(events
        .into_iter()
        .filter(|e| {
            e.vessels.iter().any(|v| {
                v.mmsi.is_some_and(|m| mmsis.contains(&i64::from(m)))
                    || v.imo.is_some_and(|i| imos.contains(&i64::from(i)))
            })
        })
        .collect())
}

fn seen(first: Option<i64>, last: Option<i64>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => format_time(a),
        (Some(a), Some(b)) => format!("{} – {}", format_time(a), format_time(b)),
        _ => "no receiver time".to_string(),
    }
}

fn print_text(
    query: &str,
    imos: &BTreeSet<i64>,
    mmsis: &BTreeSet<i64>,
    identities: &[IdentityRow],
    hits: &[ListHit],
    events: &[Event],
) {
    let list = |set: &BTreeSet<i64>, width: usize| {
        set.iter()
            .map(|v| format!("{v:0width$}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("Vessel {query}");
    println!("  IMO:   {}", list(imos, 7));
    println!("  MMSI:  {}", list(mmsis, 9));
    let names: BTreeSet<&str> = identities
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let flags: BTreeSet<&str> = identities
        .iter()
        .map(|r| r.flag.as_str())
        .filter(|f| !f.is_empty())
        .collect();
    let call_signs: BTreeSet<&str> = identities
        .iter()
        .map(|r| r.call_sign.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    println!(
        "  names: {}",
        names.into_iter().collect::<Vec<_>>().join(", ")
    );
    println!(
        "  flags: {}",
        flags.into_iter().collect::<Vec<_>>().join(", ")
    );
    println!(
        "  call signs: {}",
        call_signs.into_iter().collect::<Vec<_>>().join(", ")
    );
    println!();
    println!("Identities over time ({}):", identities.len());
    for r in identities {
        println!(
            "  {}  MMSI {}  IMO {}  name {:?}  call sign {:?}  flag {}  type {}  [{}]",
            seen(r.first_seen, r.last_seen),
            r.mmsi,
            r.imo.map_or("-".to_string(), |i| format!("{i:07}")),
            r.name,
            r.call_sign,
            if r.flag.is_empty() { "-" } else { &r.flag },
            r.ship_type.map_or("-".to_string(), |t| t.to_string()),
            r.source
        );
    }
    println!();
    println!("List hits ({}):", hits.len());
    for h in hits {
        println!(
            "  {} (version {}): {} {:?} on {}; {}",
            h.source,
            h.version,
            h.entity_id,
            h.caption,
            h.matched_on,
            if h.sanctions.is_empty() {
                "no sanction record".to_string()
            } else {
                h.sanctions.join("; ")
            }
        );
    }
    println!();
    println!("Events ({}):", events.len());
    for e in events {
        println!(
            "  {} {} {} – {} risk {:.2}: {}",
            event_id(e),
            kind_name(e),
            format_time(e.start),
            format_time(e.end),
            e.risk,
            e.explanation
        );
    }
}
