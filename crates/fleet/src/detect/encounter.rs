//! Encounters and ship-to-ship transfers: two vessels close together and
//! slow for hours, away from ports. Works on resampled tracks: in each
//! time slot the vessels are bucketed into cells as wide as the distance
//! threshold, so only neighbouring cells are compared and the cost grows
//! with the number of vessels, not its square.

use super::{median, metrics, ramp, sample, Event, EventKind, VesselRef};
use crate::geo::{centroid, distance_m, ecef, ShoreLayer};
use crate::track::{Position, Resampling};
use serde::{Deserialize, Serialize};
// Seeded foldhash instead of SipHash: the grid is probed 27 times per
// resampled position (see `Tracks` for the HashDoS trade-off).
use foldhash::{HashMap, HashMapExt};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EncounterConfig {
    /// GFW: 500 m.
    pub max_distance_m: f64,
    /// GFW: 2 h.
    pub min_duration_s: i64,
    /// Median speed of each vessel must be below this (GFW: 2 kn).
    pub max_median_speed_kn: f64,
    /// Both below this makes a strict ship-to-ship transfer (UCL: 1 kn).
    pub sts_max_speed_kn: f64,
    /// Encounters nearer a port or anchorage are dropped when a layer is
    /// given (GFW: 10 km).
    pub min_port_distance_m: f64,
}

impl Default for EncounterConfig {
    fn default() -> Self {
        EncounterConfig {
            max_distance_m: 500.0,
            min_duration_s: 2 * 3600,
            max_median_speed_kn: 2.0,
            sts_max_speed_kn: 1.0,
            min_port_distance_m: 10_000.0,
        }
    }
}

/// One slot in which a pair was close; `a` has the lower MMSI.
#[derive(Debug, Clone, Copy)]
struct Close {
    a: Position,
    b: Position,
    distance_m: f64,
}

/// Encounters among resampled tracks (one `Vec` per vessel, all on the same
/// grid, as [`crate::track::resample`] gives them).
pub fn detect(
    resampled: &[Vec<Position>],
    layer: Option<&ShoreLayer>,
    grid: Resampling,
    cfg: &EncounterConfig,
) -> Vec<Event> {
    let pairs = close_pairs(resampled, cfg.max_distance_m);
    let mut keys: Vec<&(u32, u32)> = pairs.keys().collect();
    keys.sort();
    let mut events = Vec::new();
    for key in keys {
        let Some(slots) = pairs.get(key) else {
            continue;
        };
        for run in runs(slots, grid.step_s) {
            events.extend(encounter(run, layer, cfg));
        }
    }
    events
}

/// Every pair of vessels within `max_m` of each other, slot by slot.
fn close_pairs(resampled: &[Vec<Position>], max_m: f64) -> HashMap<(u32, u32), Vec<Close>> {
    let mut all: Vec<&Position> = resampled.iter().flatten().collect();
    all.sort_unstable_by_key(|p| (p.time, p.mmsi));
    let cell = max_m.max(1.0);
    let mut pairs: HashMap<(u32, u32), Vec<Close>> = HashMap::new();
    let mut grid: HashMap<[i64; 3], Vec<&Position>> = HashMap::new();
    for slot in all.chunk_by(|a, b| a.time == b.time) {
        grid.clear();
        for p in slot {
            let key = cell_of(p, cell);
            for n in neighbours(key) {
                for q in grid.get(&n).into_iter().flatten() {
                    let d = distance_m(p.point(), q.point());
                    if d <= max_m && p.mmsi != q.mmsi {
                        let (a, b) = if q.mmsi < p.mmsi {
                            (**q, **p)
                        } else {
                            (**p, **q)
                        };
                        pairs.entry((a.mmsi, b.mmsi)).or_default().push(Close {
                            a,
                            b,
                            distance_m: d,
                        });
                    }
                }
            }
            grid.entry(key).or_default().push(p);
        }
    }
    pairs
}

fn cell_of(p: &Position, size: f64) -> [i64; 3] {
    ecef(p.point()).map(|c| (c / size).floor() as i64)
}

fn neighbours(key: [i64; 3]) -> impl Iterator<Item = [i64; 3]> {
    (0..27).map(move |i| {
        [
            key[0] + i % 3 - 1,
            key[1] + i / 3 % 3 - 1,
            key[2] + i / 9 - 1,
        ]
    })
}

/// Splits a pair's close slots into runs of consecutive slots.
fn runs(slots: &[Close], step: i64) -> impl Iterator<Item = &[Close]> {
    slots.chunk_by(move |x, y| y.a.time - x.a.time == step)
}

fn encounter(run: &[Close], layer: Option<&ShoreLayer>, cfg: &EncounterConfig) -> Option<Event> {
    let (first, last) = (run.first()?, run.last()?);
    let duration_s = last.a.time - first.a.time;
    if duration_s < cfg.min_duration_s {
        return None;
    }
    let speeds = |f: fn(&Close) -> &Position| {
        let mut v: Vec<f64> = run
            .iter()
            .filter_map(|c| f(c).sog_knots.map(f64::from))
            .collect();
        median(&mut v)
    };
    let (speed_a, speed_b) = (speeds(|c| &c.a)?, speeds(|c| &c.b)?);
    if speed_a >= cfg.max_median_speed_kn || speed_b >= cfg.max_median_speed_kn {
        return None;
    }
    // Where the two lay together: a run can carry a tail of the pair
    // sailing in company, which would drag the mean away from the port
    // they were both lying at.
    let slow = |c: &&Close| {
        [c.a.sog_knots, c.b.sog_knots]
            .iter()
            .all(|v| v.is_some_and(|v| f64::from(v) < cfg.max_median_speed_kn))
    };
    let centre = centroid(run.iter().filter(slow).map(|c| c.a.point()))?;
    let port_m = layer.and_then(|l| l.port_distance_m(centre));
    if port_m.is_some_and(|d| d < cfg.min_port_distance_m) {
        return None;
    }
    let strict = speed_a < cfg.sts_max_speed_kn && speed_b < cfg.sts_max_speed_kn;
    let hours = duration_s as f64 / 3600.0;
    let mean_distance = run.iter().map(|c| c.distance_m).sum::<f64>() / run.len() as f64;
    let min_h = cfg.min_duration_s as f64 / 3600.0;
    let risk = 0.45
        + if strict { 0.2 } else { 0.0 }
        + 0.25 * ramp(hours, min_h, 4.0 * min_h)
        + if port_m.is_some() { 0.1 } else { 0.0 };
    let mut evidence = sample(&run_positions(run, |c| c.a), 6);
    evidence.extend(sample(&run_positions(run, |c| c.b), 6));
    let (a, b) = (first.a.mmsi, first.b.mmsi);
    let what = if strict {
        "Ship-to-ship transfer"
    } else {
        "Encounter"
    };
    let port = port_m.map_or_else(
        || " (no port layer: port calls not excluded)".to_string(),
        |d| format!(", {:.0} km from the nearest port", d / 1000.0),
    );
    Some(Event {
        kind: if strict {
            EventKind::ShipToShipTransfer
        } else {
            EventKind::Encounter
        },
        vessels: vec![VesselRef::mmsi(a), VesselRef::mmsi(b)],
        start: first.a.time,
        end: last.a.time,
        positions: vec![centre],
        metrics: metrics([
            ("duration_h", hours),
            ("mean_distance_m", mean_distance),
            ("median_speed_a_kn", speed_a),
            ("median_speed_b_kn", speed_b),
            ("port_distance_km", port_m.map_or(f64::NAN, |d| d / 1000.0)),
        ]),
        evidence,
        risk: risk.clamp(0.0, 1.0),
        explanation: format!(
            "{what}: MMSI {a} and {b} within {:.0} m (mean {mean_distance:.0} m) for {hours:.1} h, \
             median speeds {speed_a:.1} and {speed_b:.1} kn{port}.",
            cfg.max_distance_m
        ),
    })
}

fn run_positions(run: &[Close], f: fn(&Close) -> Position) -> Vec<Position> {
    run.iter().map(f).collect()
}
