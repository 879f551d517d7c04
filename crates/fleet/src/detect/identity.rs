//! Identity signals from the registry: a transponder claiming another
//! state than the declared flag, rapid flag hopping, renames, and listing
//! by IMO on sanctions or shadow-fleet lists.

use super::{metrics, Event, EventKind, VesselRef};
use crate::registry::{normalize_name, Evidence, ListingKind, Observed, Registry, VesselRecord};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentityConfig {
    /// Window for counting flag changes: 30 days.
    pub flag_change_window_s: i64,
    /// Changes within the window that make an event: 2.
    pub min_flag_changes: usize,
    /// Report listed vessels only once AIS has seen them, so a list of
    /// thousands does not flood the events with ships outside the data.
    pub listed_only_when_seen: bool,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig {
            flag_change_window_s: 30 * 86_400,
            min_flag_changes: 2,
            listed_only_when_seen: true,
        }
    }
}

/// Identity events over every vessel in the registry.
pub fn detect(registry: &Registry, cfg: &IdentityConfig) -> Vec<Event> {
    let mut events = Vec::new();
    for v in registry.iter() {
        events.extend(flag_mismatch(v));
        events.extend(flag_hopping(v, cfg));
        events.extend(name_change(v));
        if v.seen_on_ais() || !cfg.listed_only_when_seen {
            events.extend(listed(v));
        }
    }
    events
}

/// One reference per MMSI the vessel used on AIS (or one without MMSI).
fn refs(v: &VesselRecord) -> Vec<VesselRef> {
    let mut mmsis: Vec<u32> = v
        .mmsis
        .iter()
        .filter(|m| matches!(m.evidence, Evidence::AisStatic { .. }))
        .map(|m| m.value)
        .collect();
    mmsis.sort_unstable();
    mmsis.dedup();
    if mmsis.is_empty() {
        return vec![VesselRef {
            mmsi: None,
            imo: v.imo,
        }];
    }
    mmsis
        .into_iter()
        .map(|m| VesselRef {
            mmsi: Some(m),
            imo: v.imo,
        })
        .collect()
}

/// The span AIS saw the vessel over, else zero.
fn seen_span(v: &VesselRecord) -> (i64, i64) {
    let first = v.mmsis.iter().filter_map(|m| m.first_seen).min();
    let last = v.mmsis.iter().filter_map(|m| m.last_seen).max();
    (first.unwrap_or(0), last.unwrap_or(0))
}

fn event(v: &VesselRecord, kind: EventKind, span: (i64, i64), risk: f64, text: String) -> Event {
    Event {
        kind,
        vessels: refs(v),
        start: span.0,
        end: span.1,
        positions: Vec::new(),
        metrics: Default::default(),
        evidence: Vec::new(),
        risk,
        explanation: text,
    }
}

fn flag_mismatch(v: &VesselRecord) -> Option<Event> {
    let declared: Vec<&str> = v
        .flags
        .iter()
        .filter(|f| f.evidence.is_declaration())
        .map(|f| f.value.as_str())
        .collect();
    if declared.is_empty() {
        return None;
    }
    let claimed: Vec<&Observed<String>> = v
        .flags
        .iter()
        .filter(|f| matches!(f.evidence, Evidence::MmsiMid { .. }))
        .filter(|f| !declared.contains(&f.value.as_str()))
        .collect();
    let first = claimed.first()?;
    let mmsi = match first.evidence {
        Evidence::MmsiMid { mmsi } => mmsi,
        _ => 0,
    };
    let span = (
        claimed
            .iter()
            .filter_map(|f| f.first_seen)
            .min()
            .unwrap_or(0),
        claimed
            .iter()
            .filter_map(|f| f.last_seen)
            .max()
            .unwrap_or(0),
    );
    let mut e = event(
        v,
        EventKind::FlagMismatch,
        span,
        0.6,
        format!(
            "MMSI {mmsi} carries the MID of {} but the declared flag is {}.",
            first.value.to_uppercase(),
            declared.join(", ").to_uppercase()
        ),
    );
    e.metrics = metrics([("mismatched_mmsis", claimed.len() as f64)]);
    Some(e)
}

/// Flag changes: per stream (declarations, transponder MIDs) so that a
/// list and a transponder disagreeing is not counted as a change.
fn flag_hopping(v: &VesselRecord, cfg: &IdentityConfig) -> Option<Event> {
    let streams = [
        changes(&v.flags, |e| e.is_declaration()),
        changes(&v.flags, |e| matches!(e, Evidence::MmsiMid { .. })),
    ];
    let (window, flags) = streams
        .iter()
        .filter_map(|c| busiest_window(c, cfg.flag_change_window_s).map(|w| (w, c)))
        .max_by_key(|(w, _)| w.len())?;
    if window.len() < cfg.min_flag_changes {
        return None;
    }
    let (start, end) = (window.first()?.0, window.last()?.0);
    let path: Vec<String> = flags.iter().map(|(_, f)| f.to_uppercase()).collect();
    let mut e = event(
        v,
        EventKind::FlagHopping,
        (start, end),
        (0.5 + 0.1 * window.len() as f64).min(0.95),
        format!(
            "{} flag changes within {:.0} days ({}).",
            window.len(),
            (end - start) as f64 / 86_400.0,
            path.join(" → ")
        ),
    );
    e.metrics = metrics([
        ("flag_changes", window.len() as f64),
        ("days", (end - start) as f64 / 86_400.0),
    ]);
    Some(e)
}

/// The timed values in order of first sighting, with the first and every
/// change kept: element 0 is the starting value, the rest are changes.
fn changes<T: Clone + PartialEq>(
    list: &[Observed<T>],
    keep: impl Fn(&Evidence) -> bool,
) -> Vec<(i64, T)> {
    let mut timed: Vec<(i64, T)> = list
        .iter()
        .filter(|o| keep(&o.evidence))
        .filter_map(|o| o.first_seen.map(|t| (t, o.value.clone())))
        .collect();
    timed.sort_by_key(|(t, _)| *t);
    timed.dedup_by(|b, a| a.1 == b.1);
    timed
}

/// The most changes (elements after the first) falling in one window.
fn busiest_window<T>(sequence: &[(i64, T)], window_s: i64) -> Option<&[(i64, T)]> {
    let changes = sequence.get(1..)?;
    let mut best: &[(i64, T)] = &[];
    for i in 0..changes.len() {
        let end = changes[i..].partition_point(|(t, _)| *t - changes[i].0 <= window_s);
        if end > best.len() {
            best = &changes[i..i + end];
        }
    }
    (!best.is_empty()).then_some(best)
}

fn name_change(v: &VesselRecord) -> Option<Event> {
    let normalized: Vec<Observed<String>> = v
        .names
        .iter()
        .map(|o| Observed {
            value: normalize_name(&o.value),
            ..o.clone()
        })
        .collect();
    let seq = changes(&normalized, |e| matches!(e, Evidence::AisStatic { .. }));
    if seq.len() < 2 {
        return None;
    }
    let names: Vec<&str> = seq.iter().map(|(_, n)| n.as_str()).collect();
    let (start, end) = (seq[1].0, seq[seq.len() - 1].0);
    let mut e = event(
        v,
        EventKind::NameChange,
        (start, end),
        (0.3 + 0.1 * (seq.len() - 1) as f64).min(0.8),
        format!("Broadcast name changed: {}.", names.join(" → ")),
    );
    e.metrics = metrics([("name_changes", (seq.len() - 1) as f64)]);
    Some(e)
}

fn listed(v: &VesselRecord) -> Vec<Event> {
    let span = seen_span(v);
    let imo = v.imo.map_or_else(String::new, |i| format!("IMO {i} "));
    [
        (
            ListingKind::Sanctions,
            EventKind::SanctionedVessel,
            0.95,
            "sanctions",
        ),
        (
            ListingKind::ShadowFleet,
            EventKind::ShadowFleetVessel,
            0.8,
            "shadow-fleet",
        ),
    ]
    .into_iter()
    .filter_map(|(kind, event_kind, risk, word)| {
        let who: Vec<&str> = v
            .listings
            .iter()
            .filter(|l| l.kind == kind)
            .map(|l| l.authority.as_str())
            .collect();
        (!who.is_empty()).then(|| {
            event(
                v,
                event_kind,
                span,
                risk,
                format!(
                    "{imo}is on {word} lists ({}) and was seen on AIS.",
                    who.join("; ")
                ),
            )
        })
    })
    .collect()
}
