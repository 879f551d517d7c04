//! `meldpunt fleet detect`: the shadow-fleet detectors over the store.

use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Write;

use meldpunt_fleet::detect::{detect_all, Event};
use meldpunt_store::Store;

use super::{event_json, kind_name, load_inputs, DetectArgs, Scope};

/// Loads the store's positions, identities and lists and runs every
/// detector; `mmsi` restricts the positions to one vessel.
pub async fn events(store: &Store, scope: &Scope, mmsi: Option<i64>) -> anyhow::Result<Vec<Event>> {
    let config = scope.detect_config()?;
    let layer = scope.shore_layer()?;
    let (tracks, registry) = load_inputs(store, scope, mmsi).await?;
    Ok(detect_all(&tracks, &registry, layer.as_ref(), &config))
}

pub async fn run(store: &Store, args: DetectArgs) -> anyhow::Result<()> {
    let events = events(store, &args.scope, None).await?;
    let mut text = String::new();
    for event in &events {
        text.push_str(&event_json(event).to_string());
        text.push('\n');
    }
    match &args.output {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    let mut by_kind: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for event in &events {
        let entry = by_kind.entry(kind_name(event)).or_insert((0, 0.0));
        entry.0 += 1;
        entry.1 = entry.1.max(event.risk);
    }
    let mut summary = format!("{} events\n", events.len());
    for (kind, (count, risk)) in &by_kind {
        summary.push_str(&format!("  {kind:<22} {count:>6}  max risk {risk:.2}\n"));
    }
    // The summary goes beside the events, never into the JSON lines.
    match &args.output {
        Some(path) => println!("{summary}events written to {}", path.display()),
        None => eprint!("{summary}"),
    }
    Ok(())
}
