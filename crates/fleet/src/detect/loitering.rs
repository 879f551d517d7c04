//! Loitering: a vessel slow at sea for hours, the pattern of a ship waiting
//! for a transfer partner or holding off a coast it should not enter.

use super::{metrics, ramp, sample, Event, EventKind, VesselRef};
use crate::geo::{centroid, ShoreLayer, METRES_PER_NM};
use crate::track::{Position, Resampling};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoiteringConfig {
    /// Every slot of a run stays below this speed, so its mean does too
    /// (GFW: mean < 2 kn).
    pub max_speed_kn: f64,
    /// GFW: 1 h.
    pub min_duration_s: i64,
    /// "Strong" loitering, as some trackers require: 4 h.
    pub strong_duration_s: i64,
    /// Runs nearer the shore (or a port) are dropped when a layer is given,
    /// as port stays and anchoring (GFW: 20 nm).
    pub min_shore_distance_nm: f64,
}

impl Default for LoiteringConfig {
    fn default() -> Self {
        LoiteringConfig {
            max_speed_kn: 2.0,
            min_duration_s: 3600,
            strong_duration_s: 4 * 3600,
            min_shore_distance_nm: 20.0,
        }
    }
}

/// Loitering in one resampled track.
pub fn detect(
    resampled: &[Position],
    layer: Option<&ShoreLayer>,
    grid: Resampling,
    cfg: &LoiteringConfig,
) -> Vec<Event> {
    let slow = |p: &Position| p.sog_knots.is_some_and(|v| f64::from(v) < cfg.max_speed_kn);
    resampled
        .chunk_by(|x, y| y.time - x.time == grid.step_s && slow(x) == slow(y))
        .filter(|run| run.first().is_some_and(slow))
        .filter_map(|run| loitering(run, layer, cfg))
        .collect()
}

fn loitering(run: &[Position], layer: Option<&ShoreLayer>, cfg: &LoiteringConfig) -> Option<Event> {
    let (first, last) = (run.first()?, run.last()?);
    let duration_s = last.time - first.time;
    if duration_s < cfg.min_duration_s {
        return None;
    }
    let centre = centroid(run.iter().map(Position::point))?;
    let shore_nm = layer
        .and_then(|l| l.shore_distance_m(centre))
        .map(|m| m / METRES_PER_NM);
    if shore_nm.is_some_and(|d| d < cfg.min_shore_distance_nm) {
        return None;
    }
    let hours = duration_s as f64 / 3600.0;
    let mean_speed = run
        .iter()
        .filter_map(|p| p.sog_knots)
        .map(f64::from)
        .sum::<f64>()
        / run.len() as f64;
    let strong = duration_s >= cfg.strong_duration_s;
    let (min_h, strong_h) = (
        cfg.min_duration_s as f64 / 3600.0,
        cfg.strong_duration_s as f64 / 3600.0,
    );
    let risk = 0.25
        + 0.3 * ramp(hours, min_h, strong_h)
        + 0.25 * ramp(hours, strong_h, 6.0 * strong_h)
        + if shore_nm.is_some() { 0.2 } else { 0.0 };
    let shore = shore_nm.map_or_else(
        || " (no shore layer: port stays not excluded)".to_string(),
        |d| format!(", {d:.0} nm from shore"),
    );
    Some(Event {
        kind: EventKind::Loitering,
        vessels: vec![VesselRef::mmsi(first.mmsi)],
        start: first.time,
        end: last.time,
        positions: vec![centre],
        metrics: metrics([
            ("duration_h", hours),
            ("mean_speed_kn", mean_speed),
            ("strong", if strong { 1.0 } else { 0.0 }),
            ("shore_distance_nm", shore_nm.unwrap_or(f64::NAN)),
        ]),
        evidence: sample(run, 8),
        risk: risk.clamp(0.0, 1.0),
        explanation: format!(
            "{} loitering: MMSI {} at a mean {mean_speed:.1} kn for {hours:.1} h{shore}.",
            if strong { "Strong" } else { "Brief" },
            first.mmsi
        ),
    })
}
