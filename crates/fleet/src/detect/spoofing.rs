//! Spoofing: positions no ship could have reported honestly — jumps faster
//! than the hull can sail, or one MMSI reporting from two places in
//! alternation (a cloned identity or a falsified track next to the real one).

use super::{metrics, ramp, Event, EventKind, VesselRef};
use crate::geo::distance_m;
use crate::registry::ShipCategory;
use crate::track::{implied_speed_knots, Position};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpoofingConfig {
    /// Tankers and cargo ships: 30 kn, about twice a laden tanker's
    /// service speed.
    pub max_speed_tanker_cargo_kn: f64,
    /// Every other or unknown type: 50 kn, beyond nearly any merchant hull.
    pub max_speed_other_kn: f64,
    /// Moves shorter than this are never jumps: GPS noise and receiver
    /// clock jitter on fixes seconds apart give absurd implied speeds over
    /// tens of metres.
    pub min_jump_m: f64,
    /// Jumps closer together than this belong to one event.
    pub merge_gap_s: i64,
    /// This many jumps in one event mean two transmitters alternating: the
    /// same MMSI in two places at once.
    pub two_places_min_jumps: usize,
}

impl Default for SpoofingConfig {
    fn default() -> Self {
        SpoofingConfig {
            max_speed_tanker_cargo_kn: 30.0,
            max_speed_other_kn: 50.0,
            min_jump_m: 1852.0,
            merge_gap_s: 6 * 3600,
            two_places_min_jumps: 4,
        }
    }
}

impl SpoofingConfig {
    pub fn max_speed_kn(&self, category: ShipCategory) -> f64 {
        match category {
            ShipCategory::Tanker | ShipCategory::Cargo => self.max_speed_tanker_cargo_kn,
            _ => self.max_speed_other_kn,
        }
    }
}

/// An impossible move from fix `index` to the next one.
#[derive(Debug, Clone, Copy)]
struct Jump {
    index: usize,
    speed_kn: f64,
    distance_m: f64,
}

/// Spoofing in one time-ordered track.
pub fn detect(track: &[Position], category: ShipCategory, cfg: &SpoofingConfig) -> Vec<Event> {
    let limit = cfg.max_speed_kn(category);
    let jumps: Vec<Jump> = track
        .windows(2)
        .enumerate()
        .filter_map(|(index, w)| {
            let distance_m = distance_m(w[0].point(), w[1].point());
            let speed_kn = implied_speed_knots(&w[0], &w[1]).unwrap_or(f64::INFINITY);
            (distance_m >= cfg.min_jump_m && speed_kn > limit).then_some(Jump {
                index,
                speed_kn,
                distance_m,
            })
        })
        .collect();
    jumps
        .chunk_by(|x, y| track[y.index].time - track[x.index + 1].time <= cfg.merge_gap_s)
        .filter_map(|group| event(track, group, limit, cfg))
        .collect()
}

fn event(track: &[Position], jumps: &[Jump], limit: f64, cfg: &SpoofingConfig) -> Option<Event> {
    let (first, last) = (jumps.first()?, jumps.last()?);
    let (start, end) = (track.get(first.index)?, track.get(last.index + 1)?);
    let max_speed = jumps.iter().map(|j| j.speed_kn).fold(0.0, f64::max);
    let max_jump_nm = jumps.iter().map(|j| j.distance_m).fold(0.0, f64::max) / 1852.0;
    let two_places = jumps.len() >= cfg.two_places_min_jumps;
    let evidence: Vec<Position> = jumps
        .iter()
        .flat_map(|j| [track[j.index], track[j.index + 1]])
        .take(24)
        .collect();
    let shown = if max_speed.is_finite() {
        format!("{max_speed:.0} kn")
    } else {
        "simultaneous fixes".to_string()
    };
    let explanation = if two_places {
        format!(
            "MMSI {} reported from two places in alternation: {} jumps of up to {max_jump_nm:.0} nm \
             ({shown}, limit {limit:.0} kn).",
            start.mmsi,
            jumps.len()
        )
    } else {
        format!(
            "MMSI {} jumped {max_jump_nm:.0} nm at an implied {shown} (limit {limit:.0} kn), {} time(s).",
            start.mmsi,
            jumps.len()
        )
    };
    let speed_for_risk = if max_speed.is_finite() {
        max_speed
    } else {
        10.0 * limit
    };
    Some(Event {
        kind: EventKind::Spoofing,
        vessels: vec![VesselRef::mmsi(start.mmsi)],
        start: start.time,
        end: end.time,
        positions: vec![start.point(), end.point()],
        metrics: metrics([
            ("jumps", jumps.len() as f64),
            ("max_implied_speed_kn", max_speed),
            ("max_jump_nm", max_jump_nm),
            ("speed_limit_kn", limit),
            ("two_places", if two_places { 1.0 } else { 0.0 }),
        ]),
        evidence,
        risk: (0.5
            + 0.25 * ramp(speed_for_risk, limit, 5.0 * limit)
            + 0.25 * ramp(jumps.len() as f64, 1.0, 6.0))
        .clamp(0.0, 1.0),
        explanation,
    })
}
