//! Shadow-fleet behaviour detectors. Each turns tracks (or the registry)
//! into [`Event`]s carrying the positions and metrics behind them, a risk
//! score in [0, 1] and a sentence saying why.
//!
//! Every threshold lives in a config struct with its published source;
//! [`DetectConfig::default`] reproduces the published methods:
//!
//! - AIS gaps, Global Fishing Watch: Welch et al. (2022), "Hot spots of
//!   unseen fishing vessels", *Science Advances* 8(44) eabq2109 — gaps of
//!   ≥ 12 h are events, ≥ 6 h candidates; positions in the 12 h before a
//!   gap tell reception holes from switch-offs; gaps starting > 50 nm from
//!   shore were kept.
//! - Encounters, Global Fishing Watch: Miller et al. (2018), "Identifying
//!   global patterns of transshipment behavior", *Frontiers in Marine
//!   Science* 5:240 — ≤ 500 m for ≥ 2 h, median speed < 2 kn, ≥ 10 km
//!   from anchorages, tracks resampled to 10 min with interpolation over
//!   gaps ≤ 1 h. Strict ship-to-ship transfers (both < 1 kn) follow the UCL
//!   study of Russian oil STS transfers cited in the project field notes.
//! - Loitering: GFW carrier loitering (Miller et al. 2018): mean speed
//!   < 2 kn for > 1 h, ≥ 20 nm from shore; ≥ 4 h is "strong", as some
//!   commercial trackers require.
//! - Spoofing: Windward's descriptions of impossible tracks and one MMSI
//!   in two places; speed limits are service speeds with a wide margin
//!   (laden tankers and bulkers rarely exceed 16 kn; 30 kn is beyond any of
//!   them, 50 kn beyond nearly any merchant hull).
//! - Identity: the MID (ITU-R M.585) against the declared flag; ≥ 2 flag
//!   changes within 30 days (sanctioned tankers have been seen changing
//!   flag three times in two weeks); name changes; listing by IMO.

pub mod encounter;
pub mod gap;
pub mod identity;
pub mod loitering;
pub mod spoofing;

use crate::geo::{GeoPoint, ShoreLayer};
use crate::registry::Registry;
use crate::track::{resample, Position, Resampling, Tracks};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A gap of at least the event threshold (12 h by default).
    AisGap,
    /// A gap between the candidate and event thresholds (6–12 h).
    AisGapCandidate,
    /// Two vessels close and slow for hours.
    Encounter,
    /// An encounter where both vessels were all but stationary.
    ShipToShipTransfer,
    Loitering,
    /// Impossible movement, or one MMSI in two places.
    Spoofing,
    /// The MMSI's MID names another state than the declared flag.
    FlagMismatch,
    /// Several flag changes within a short window.
    FlagHopping,
    NameChange,
    /// The IMO is on a sanctions list.
    SanctionedVessel,
    /// The IMO is on a shadow-fleet list.
    ShadowFleetVessel,
}

/// A vessel an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VesselRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mmsi: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imo: Option<u32>,
}

impl VesselRef {
    pub fn mmsi(mmsi: u32) -> Self {
        VesselRef {
            mmsi: Some(mmsi),
            imo: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub vessels: Vec<VesselRef>,
    /// Unix seconds.
    pub start: i64,
    pub end: i64,
    /// Where it happened: start and end, or the mean position.
    pub positions: Vec<GeoPoint>,
    pub metrics: BTreeMap<String, f64>,
    /// The fixes the event rests on.
    pub evidence: Vec<Position>,
    /// In [0, 1].
    pub risk: f64,
    pub explanation: String,
}

impl Event {
    /// One line of JSON, for JSON-lines output.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn involves_mmsi(&self, mmsi: u32) -> bool {
        self.vessels.iter().any(|v| v.mmsi == Some(mmsi))
    }
}

/// All detector settings; `Default` gives the published thresholds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetectConfig {
    pub resampling: Resampling,
    pub gap: gap::GapConfig,
    pub encounter: encounter::EncounterConfig,
    pub loitering: loitering::LoiteringConfig,
    pub spoofing: spoofing::SpoofingConfig,
    pub identity: identity::IdentityConfig,
}

/// Runs every detector. `layer` (ports, anchorages, shore points) is
/// optional; without it nothing is excluded as a port call and shore
/// distances are not reported.
pub fn detect_all(
    tracks: &Tracks,
    registry: &Registry,
    layer: Option<&ShoreLayer>,
    config: &DetectConfig,
) -> Vec<Event> {
    let mut events = Vec::new();
    let mut resampled = Vec::with_capacity(tracks.vessel_count());
    for (mmsi, track) in tracks.iter() {
        events.extend(gap::detect(track, layer, &config.gap));
        let category = registry.category(mmsi);
        events.extend(spoofing::detect(track, category, &config.spoofing));
        let grid = resample(track, config.resampling);
        events.extend(loitering::detect(
            &grid,
            layer,
            config.resampling,
            &config.loitering,
        ));
        resampled.push(grid);
    }
    events.extend(encounter::detect(
        &resampled,
        layer,
        config.resampling,
        &config.encounter,
    ));
    events.extend(identity::detect(registry, &config.identity));
    events.sort_by_key(|e| (e.start, e.kind));
    events
}

/// 0 below `lo`, 1 above `hi`, linear between.
pub(crate) fn ramp(x: f64, lo: f64, hi: f64) -> f64 {
    if hi <= lo {
        return if x >= hi { 1.0 } else { 0.0 };
    }
    ((x - lo) / (hi - lo)).clamp(0.0, 1.0)
}

pub(crate) fn metrics<const N: usize>(pairs: [(&str, f64); N]) -> BTreeMap<String, f64> {
    pairs
        .into_iter()
        .filter(|(_, v)| v.is_finite())
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() & 1 == 0 {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Up to `n` fixes spread evenly over `positions`, first and last included.
pub(crate) fn sample(positions: &[Position], n: usize) -> Vec<Position> {
    if positions.len() <= n || n < 2 {
        return positions.to_vec();
    }
    (0..n)
        .map(|i| positions[i * (positions.len() - 1) / (n - 1)])
        .collect()
}
