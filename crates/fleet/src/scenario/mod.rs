//! Deterministic synthetic scenarios: vessels sailing the Baltic–Suez and
//! Mediterranean trade routes with planted shadow-fleet behaviour (AIS
//! gaps, ship-to-ship transfers, loitering, spoofing, flag hopping, MID
//! mismatches, renames, listed vessels) among noise (short reception
//! dropouts, port calls), and the ground truth of what was planted.
//!
//! The same seed and config always give the same scenario.

mod build;
pub mod rng;
pub mod routes;
mod vessel;

use crate::ais::AisMessage;
use crate::detect::{EventKind, VesselRef};
use crate::geo::ShoreLayer;
use crate::registry::Registry;
use crate::shadowfleet::ShadowFleetEntry;
use crate::track::{Position, Tracks};
use meldpunt_model::Entity;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// How many vessels get each planted behaviour; each planted vessel gets
/// exactly one, so the truth stays unambiguous. Every ship-to-ship
/// transfer adds a second (partner) vessel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Planted {
    pub gaps: usize,
    pub candidate_gaps: usize,
    pub sts: usize,
    pub loitering: usize,
    pub spoof_jumps: usize,
    pub twins: usize,
    pub flag_hoppers: usize,
    pub mid_mismatches: usize,
    pub renames: usize,
    pub listed: usize,
    pub sanctioned: usize,
}

impl Planted {
    pub fn each(n: usize) -> Self {
        Planted {
            gaps: n,
            candidate_gaps: n,
            sts: n,
            loitering: n,
            spoof_jumps: n,
            twins: n,
            flag_hoppers: n,
            mid_mismatches: n,
            renames: n,
            listed: n,
            sanctioned: n,
        }
    }

    fn total(&self) -> usize {
        self.gaps
            + self.candidate_gaps
            + self.sts
            + self.loitering
            + self.spoof_jumps
            + self.twins
            + self.flag_hoppers
            + self.mid_mismatches
            + self.renames
            + self.listed
            + self.sanctioned
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioConfig {
    pub seed: u64,
    /// Unix seconds.
    pub start: i64,
    pub duration_s: i64,
    /// Vessels with no planted behaviour.
    pub background_vessels: usize,
    /// Seconds between a vessel's fixes, drawn uniformly from this range.
    pub report_interval_s: (i64, i64),
    pub planted: Planted,
    /// Reception dropouts (15 min – 4 h, below the gap threshold) per
    /// vessel and day.
    pub dropouts_per_day: f64,
    /// Chance of calling at a port waypoint passed en route.
    pub port_call_chance: f64,
}

impl Default for ScenarioConfig {
    fn default() -> Self {
        ScenarioConfig {
            seed: 1,
            // 2024-03-01T00:00:00Z
            start: 1_709_251_200,
            duration_s: 10 * 86_400,
            background_vessels: 100,
            report_interval_s: (120, 360),
            planted: Planted::each(20),
            dropouts_per_day: 0.5,
            port_call_chance: 0.3,
        }
    }
}

impl ScenarioConfig {
    /// A config whose scenario has about `messages` AIS messages, with 1 %
    /// of vessels planted per behaviour (at least one each).
    pub fn with_messages(messages: u64, seed: u64) -> Self {
        let base = ScenarioConfig::default();
        let mean_interval = (base.report_interval_s.0 + base.report_interval_s.1) as f64 / 2.0;
        let per_vessel =
            base.duration_s as f64 / mean_interval * 0.97 + base.duration_s as f64 / 21_600.0;
        let vessels = ((messages as f64 / per_vessel).ceil() as usize).max(12);
        let each = (vessels / 100).max(1);
        let planted = Planted::each(each);
        let planted_vessels = planted.total() + planted.sts;
        ScenarioConfig {
            seed,
            background_vessels: vessels.saturating_sub(planted_vessels),
            planted,
            ..base
        }
    }
}

/// A planted behaviour: what a perfect detector would report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedEvent {
    pub kind: EventKind,
    pub vessels: Vec<VesselRef>,
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub config: ScenarioConfig,
    /// Every fix, in time order.
    pub positions: Vec<Position>,
    /// Type 5 static reports, in time order.
    pub statics: Vec<AisMessage>,
    /// The scenario's shadow-fleet list.
    pub listings: Vec<ShadowFleetEntry>,
    /// Sanctions-list vessels (EU Annex XLII style).
    pub sanctioned: Vec<Entity>,
    pub layer: ShoreLayer,
    pub truth: Vec<PlantedEvent>,
}

impl Scenario {
    pub fn generate(config: &ScenarioConfig) -> Scenario {
        build::Builder::new(config).run()
    }

    pub fn message_count(&self) -> usize {
        self.positions.len() + self.statics.len()
    }

    pub fn tracks(&self) -> Tracks {
        self.positions.iter().copied().collect()
    }

    /// The registry as the static reports and lists build it.
    pub fn registry(&self) -> Registry {
        let mut registry = Registry::new();
        for m in &self.statics {
            registry.observe_ais(m);
        }
        self.fill_lists(&mut registry);
        registry
    }

    /// Adds the scenario's lists (shadow-fleet and sanctions) to a registry
    /// built elsewhere, e.g. from decoded NMEA.
    pub fn fill_lists(&self, registry: &mut Registry) {
        registry.add_shadow_fleet(&self.listings, "scenario");
        for e in &self.sanctioned {
            registry.add_entity(e);
        }
    }

    /// Writes every message as NMEA sentences with tag blocks, in time
    /// order; returns the number of messages.
    pub fn write_nmea<W: Write>(&self, out: &mut W) -> std::io::Result<usize> {
        let mut buf = String::with_capacity(1 << 20);
        let mut statics = self.statics.iter().peekable();
        let mut seq = 0u8;
        let mut count = 0;
        for p in &self.positions {
            while let Some(s) = statics.next_if(|s| s.received_at.unwrap_or(0) <= p.time) {
                write_static(&mut buf, s, &mut seq);
                count += 1;
            }
            crate::nmea::write_position(&mut buf, p, "scenario");
            count += 1;
            if buf.len() > (1 << 20) - 512 {
                out.write_all(buf.as_bytes())?;
                buf.clear();
            }
        }
        for s in statics {
            write_static(&mut buf, s, &mut seq);
            count += 1;
        }
        out.write_all(buf.as_bytes())?;
        Ok(count)
    }
}

fn write_static(buf: &mut String, s: &AisMessage, seq: &mut u8) {
    if let crate::ais::Message::StaticVoyage(data) = &s.message {
        crate::nmea::write_static(buf, data, s.received_at.unwrap_or(0), "scenario", *seq);
        *seq = (*seq + 1) % 10;
    }
}
