//! Vessel tracks: positions per MMSI in time order, from decoded AIS and
//! MarineCadastre records, with implied speeds and resampling onto a fixed
//! time grid for the detectors that compare vessels slot by slot.

use crate::ais::marinecadastre::Record;
use crate::ais::{AisMessage, Message};
use crate::geo::{self, GeoPoint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a position came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionSource {
    /// A decoded AIS message of this type (1, 2, 3, 18, 19 or 27).
    Ais(u8),
    MarineCadastre,
    /// Produced by [`crate::scenario`].
    Synthetic,
    /// A resampled point between two real fixes.
    Interpolated,
}

/// One fix. Speed and course are `f32`: AIS sends them in tenths, and the
/// smaller type keeps ten million positions in well under a gigabyte.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub mmsi: u32,
    /// Unix seconds.
    pub time: i64,
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sog_knots: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cog: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u16>,
    pub source: PositionSource,
}

impl Position {
    pub fn point(&self) -> GeoPoint {
        GeoPoint::new(self.lat, self.lon)
    }

    /// The position in a decoded AIS message, when it has a receiver time
    /// and valid coordinates; other message types give `None`.
    pub fn from_ais(message: &AisMessage) -> Option<Position> {
        let time = message.received_at?;
        let (mmsi, lat, lon, sog, cog, heading) = match &message.message {
            Message::Position(m) => (m.mmsi, m.lat, m.lon, m.sog, m.cog, m.heading),
            Message::ClassBPosition(m) => (m.mmsi, m.lat, m.lon, m.sog, m.cog, m.heading),
            Message::ClassBExtended(m) => {
                let p = &m.position;
                (p.mmsi, p.lat, p.lon, p.sog, p.cog, p.heading)
            }
            Message::LongRange(m) => (
                m.mmsi,
                m.lat,
                m.lon,
                m.sog.map(f64::from),
                m.cog.map(f64::from),
                None,
            ),
            _ => return None,
        };
        let point = GeoPoint::new(lat?, lon?);
        point.is_valid().then(|| Position {
            mmsi,
            time,
            lat: point.lat,
            lon: point.lon,
            sog_knots: sog.map(|v| v as f32),
            cog: cog.map(|v| v as f32),
            heading,
            source: PositionSource::Ais(message.message.msg_type()),
        })
    }

    /// The position in a MarineCadastre record, if its coordinates are valid.
    pub fn from_record(record: &Record) -> Option<Position> {
        let message = AisMessage {
            received_at: Some(record.received_at),
            source: None,
            channel: None,
            own_ship: false,
            message: record.position.clone(),
        };
        Position::from_ais(&message).map(|p| Position {
            source: PositionSource::MarineCadastre,
            ..p
        })
    }
}

/// Speed in knots needed to go from `a` to `b` in the time between them;
/// `None` when both share a timestamp.
pub fn implied_speed_knots(a: &Position, b: &Position) -> Option<f64> {
    let dt = (b.time - a.time).abs();
    (dt > 0).then(|| geo::distance_nm(a.point(), b.point()) / (dt as f64 / 3600.0))
}

/// Positions per MMSI. Push in any order; [`Tracks::finish`] sorts.
///
/// Every decoded position is looked up by MMSI, so the index is a hash
/// map with foldhash rather than SipHash (about four times cheaper per
/// `u32`). MMSIs come from the feed, which on a live feed an adversary
/// can choose; foldhash's per-process random seed means colliding MMSIs
/// cannot be precomputed, which is enough against a radio feed that
/// cannot observe this process (foldhash claims no resistance against an
/// attacker who can time it interactively). Iteration goes through a
/// separate MMSI-ordered map, updated only when a vessel first appears.
#[derive(Debug, Clone, Default)]
pub struct Tracks {
    index: foldhash::HashMap<u32, usize>,
    tracks: Vec<Vec<Position>>,
    order: BTreeMap<u32, usize>,
    sorted: bool,
}

impl Tracks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, position: Position) {
        self.sorted = false;
        let slot = match self.index.get(&position.mmsi) {
            Some(&slot) => slot,
            None => {
                let slot = self.tracks.len();
                self.tracks.push(Vec::new());
                self.index.insert(position.mmsi, slot);
                self.order.insert(position.mmsi, slot);
                slot
            }
        };
        self.tracks[slot].push(position);
    }

    /// Adds the position in `message`, if it carries one; returns whether it did.
    pub fn push_message(&mut self, message: &AisMessage) -> bool {
        Position::from_ais(message).map(|p| self.push(p)).is_some()
    }

    /// Sorts every track by time; stable, so equal times keep arrival order.
    pub fn finish(&mut self) {
        if !self.sorted {
            for track in &mut self.tracks {
                track.sort_by_key(|p| p.time);
            }
            self.sorted = true;
        }
    }

    /// The positions of one vessel in time order (after [`Tracks::finish`]).
    pub fn get(&self, mmsi: u32) -> Option<&[Position]> {
        let slot = *self.index.get(&mmsi)?;
        self.tracks.get(slot).map(Vec::as_slice)
    }

    /// Every vessel's track, in MMSI order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &[Position])> {
        self.order
            .iter()
            .filter_map(|(&m, &slot)| Some((m, self.tracks.get(slot)?.as_slice())))
    }

    pub fn vessel_count(&self) -> usize {
        self.tracks.len()
    }

    pub fn position_count(&self) -> usize {
        self.tracks.iter().map(Vec::len).sum()
    }
}

impl FromIterator<Position> for Tracks {
    fn from_iter<I: IntoIterator<Item = Position>>(iter: I) -> Self {
        let mut tracks = Tracks::new();
        iter.into_iter().for_each(|p| tracks.push(p));
        tracks.finish();
        tracks
    }
}

/// Resampling grid: points at multiples of `step_s` since the epoch, so
/// every vessel shares the same slots.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Resampling {
    pub step_s: i64,
    /// Longest span between two fixes that is interpolated across.
    pub max_gap_s: i64,
    /// Fixes further apart than a ship could sail at this speed are not
    /// joined: when two transmitters share an MMSI, the points between
    /// them would be a track neither ship sailed.
    pub max_speed_kn: f64,
}

impl Default for Resampling {
    /// 10 min grid, interpolation over gaps of at most 1 h (Global Fishing
    /// Watch encounter method, Miller et al. 2018).
    fn default() -> Self {
        Resampling {
            step_s: 600,
            max_gap_s: 3600,
            max_speed_kn: 50.0,
        }
    }
}

/// Resamples a time-ordered track onto the grid. A slot gets a point when a
/// fix falls on it or when the fixes either side are at most `max_gap_s`
/// apart (and no faster than `max_speed_kn` apart); slots inside longer
/// gaps stay empty. Speeds are the reported SOG
/// interpolated, else the speed implied by the two fixes.
pub fn resample(track: &[Position], grid: Resampling) -> Vec<Position> {
    let step = grid.step_s.max(1);
    let (Some(first), Some(last)) = (track.first(), track.last()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(((last.time - first.time) / step + 1).max(0) as usize);
    let mut t = ceil_to(first.time, step);
    let mut i = 0;
    while t <= last.time {
        while i + 1 < track.len() && track[i + 1].time <= t {
            i += 1;
        }
        let a = &track[i];
        if a.time == t {
            out.push(at_slot(
                a,
                track.get(i + 1).or(i.checked_sub(1).map(|j| &track[j])),
            ));
            t += step;
            continue;
        }
        let Some(b) = track.get(i + 1) else { break };
        let impossible = implied_speed_knots(a, b).is_some_and(|v| v > grid.max_speed_kn);
        if b.time - a.time > grid.max_gap_s || impossible {
            t = ceil_to(b.time, step);
            continue;
        }
        out.push(between(a, b, t));
        t += step;
    }
    out
}

fn ceil_to(time: i64, step: i64) -> i64 {
    time.div_euclid(step) * step + if time.rem_euclid(step) == 0 { 0 } else { step }
}

fn at_slot(fix: &Position, neighbour: Option<&Position>) -> Position {
    let implied = neighbour.and_then(|n| implied_speed_knots(fix, n));
    Position {
        sog_knots: fix.sog_knots.or(implied.map(|v| v as f32)),
        ..*fix
    }
}

fn between(a: &Position, b: &Position, t: i64) -> Position {
    let f = (t - a.time) as f64 / (b.time - a.time) as f64;
    let point = geo::interpolate(a.point(), b.point(), f);
    let sog = match (a.sog_knots, b.sog_knots) {
        (Some(x), Some(y)) => Some(x + (y - x) * f as f32),
        _ => implied_speed_knots(a, b).map(|v| v as f32),
    };
    Position {
        mmsi: a.mmsi,
        time: t,
        lat: point.lat,
        lon: point.lon,
        sog_knots: sog,
        cog: a.cog,
        heading: a.heading,
        source: PositionSource::Interpolated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn fix(time: i64, lat: f64, lon: f64) -> Position {
        Position {
            mmsi: 1,
            time,
            lat,
            lon,
            sog_knots: None,
            cog: None,
            heading: None,
            source: PositionSource::Synthetic,
        }
    }

    #[test]
    fn implied_speed_of_one_degree_per_hour() {
        let v = implied_speed_knots(&fix(0, 0.0, 0.0), &fix(3600, 1.0, 0.0));
        assert!(v.is_some_and(|v| (v - 60.04).abs() < 0.1));
        assert_eq!(
            implied_speed_knots(&fix(5, 0.0, 0.0), &fix(5, 1.0, 0.0)),
            None
        );
    }

    #[test]
    fn resampling_interpolates_short_gaps_only() {
        let track = [
            fix(0, 0.0, 0.0),
            fix(3600, 0.5, 0.0),
            fix(3600 + 3601, 1.0, 0.0),
        ];
        let out = resample(&track, Resampling::default());
        let times: Vec<i64> = out.iter().map(|p| p.time).collect();
        assert_eq!(times, vec![0, 600, 1200, 1800, 2400, 3000, 3600]);
        assert!((out[3].lat - 0.25).abs() < 1e-9);
        assert!(out[3].sog_knots.is_some_and(|v| (v - 30.02).abs() < 0.1));
    }

    #[test]
    fn resampling_does_not_join_impossible_fixes() {
        let track = [fix(0, 0.0, 0.0), fix(1800, 1.0, 0.0)];
        let times: Vec<i64> = resample(&track, Resampling::default())
            .iter()
            .map(|p| p.time)
            .collect();
        assert_eq!(times, vec![0, 1800]);
    }

    #[test]
    fn resampling_aligns_to_the_grid() {
        let track = [fix(250, 0.0, 0.0), fix(1450, 0.0, 0.1)];
        let out = resample(&track, Resampling::default());
        let times: Vec<i64> = out.iter().map(|p| p.time).collect();
        assert_eq!(times, vec![600, 1200]);
        assert!(resample(&[], Resampling::default()).is_empty());
    }
}
