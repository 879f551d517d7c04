//! AIS gaps: a vessel silent between two of its own fixes. Only gaps
//! bounded by fixes on both sides are reported; silence before the first
//! or after the last fix says nothing about the vessel.

use super::{metrics, ramp, Event, EventKind, VesselRef};
use crate::geo::{distance_nm, ShoreLayer, METRES_PER_NM};
use crate::track::{implied_speed_knots, Position};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GapConfig {
    /// Gaps at least this long are candidates (GFW: 6 h).
    pub candidate_s: i64,
    /// Gaps at least this long are events (GFW: 12 h).
    pub event_s: i64,
    /// Window before the gap in which fixes are counted (GFW: 12 h).
    pub lookback_s: i64,
    /// Fewer fixes than this in the lookback suggests poor reception rather
    /// than a switch-off (Welch et al. 2022 required 14 in 12 h).
    pub min_positions_before: usize,
    /// Gaps starting nearer the shore than this are common reception holes
    /// and score lower (Welch et al. 2022 kept gaps > 50 nm from shore).
    pub min_shore_distance_nm: f64,
}

impl Default for GapConfig {
    fn default() -> Self {
        GapConfig {
            candidate_s: 6 * 3600,
            event_s: 12 * 3600,
            lookback_s: 12 * 3600,
            min_positions_before: 14,
            min_shore_distance_nm: 50.0,
        }
    }
}

/// Gaps in one time-ordered track.
pub fn detect(track: &[Position], layer: Option<&ShoreLayer>, cfg: &GapConfig) -> Vec<Event> {
    track
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[1].time - w[0].time >= cfg.candidate_s)
        .map(|(i, w)| gap_event(track, i, &w[0], &w[1], layer, cfg))
        .collect()
}

fn gap_event(
    track: &[Position],
    index: usize,
    before: &Position,
    after: &Position,
    layer: Option<&ShoreLayer>,
    cfg: &GapConfig,
) -> Event {
    let duration_s = after.time - before.time;
    let hours = duration_s as f64 / 3600.0;
    let from = before.time - cfg.lookback_s;
    let positions_before = index + 1 - track[..=index].partition_point(|p| p.time < from);
    let distance = distance_nm(before.point(), after.point());
    let speed = implied_speed_knots(before, after).unwrap_or(0.0);
    let shore_nm = layer
        .and_then(|l| l.shore_distance_m(before.point()))
        .map(|m| m / METRES_PER_NM);
    let is_event = duration_s >= cfg.event_s;
    let reception = ramp(
        positions_before as f64,
        cfg.min_positions_before as f64 / 2.0,
        cfg.min_positions_before as f64,
    );
    let offshore = shore_nm.map_or(0.5, |d| {
        if d >= cfg.min_shore_distance_nm {
            1.0
        } else {
            0.0
        }
    });
    let length = ramp(
        hours,
        cfg.candidate_s as f64 / 3600.0,
        4.0 * cfg.event_s as f64 / 3600.0,
    );
    let scale = if is_event { 1.0 } else { 0.6 };
    let risk = (scale * (0.2 + 0.4 * length + 0.25 * reception + 0.15 * offshore)).clamp(0.0, 1.0);
    let explanation = explain(
        hours,
        positions_before,
        cfg,
        distance,
        speed,
        shore_nm,
        is_event,
    );
    Event {
        kind: if is_event {
            EventKind::AisGap
        } else {
            EventKind::AisGapCandidate
        },
        vessels: vec![VesselRef::mmsi(before.mmsi)],
        start: before.time,
        end: after.time,
        positions: vec![before.point(), after.point()],
        metrics: metrics([
            ("duration_h", hours),
            ("distance_nm", distance),
            ("implied_speed_kn", speed),
            ("positions_before", positions_before as f64),
            ("shore_distance_nm", shore_nm.unwrap_or(f64::NAN)),
        ]),
        evidence: vec![*before, *after],
        risk,
        explanation,
    }
}

fn explain(
    hours: f64,
    positions_before: usize,
    cfg: &GapConfig,
    distance: f64,
    speed: f64,
    shore_nm: Option<f64>,
    is_event: bool,
) -> String {
    let what = if is_event {
        "AIS gap"
    } else {
        "Candidate AIS gap"
    };
    let reception = if positions_before >= cfg.min_positions_before {
        "dense reception before it suggests a deliberate switch-off"
    } else {
        "sparse reception before it suggests a coverage hole"
    };
    let shore = match shore_nm {
        Some(d) => format!(", starting {d:.0} nm from shore"),
        None => String::new(),
    };
    format!(
        "{what} of {hours:.1} h{shore}: {positions_before} fixes in the {} h before ({reception}); \
         reappeared {distance:.1} nm away, implying {speed:.1} kn.",
        cfg.lookback_s / 3600
    )
}
