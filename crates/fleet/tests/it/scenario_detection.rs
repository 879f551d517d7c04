//! Detectors against planted scenarios with fixed seeds.
//!
//! Matching rule: a detected event matches a planted one when
//! - both fall in the same category (encounter and ship-to-ship transfer
//!   are one category; sanctioned and shadow-fleet listing are one),
//! - they share a vessel (same MMSI, or same IMO where both carry one), and
//! - their time spans overlap, with ten minutes of slack for the report
//!   interval (identity events span the whole scenario).
//!
//! Precision = matched detections / detections, recall = matched plants /
//! plants, per category; both must reach 0.95.

use meldpunt_fleet::ais::Decoder;
use meldpunt_fleet::detect::{detect_all, DetectConfig, Event, EventKind, VesselRef};
use meldpunt_fleet::nmea;
use meldpunt_fleet::registry::Registry;
use meldpunt_fleet::scenario::{PlantedEvent, Scenario, ScenarioConfig};
use meldpunt_fleet::track::Tracks;
use std::collections::BTreeMap;

const SLACK_S: i64 = 600;

fn category(kind: EventKind) -> &'static str {
    match kind {
        EventKind::AisGap => "gap",
        EventKind::AisGapCandidate => "gap candidate",
        EventKind::Encounter | EventKind::ShipToShipTransfer => "encounter",
        EventKind::Loitering => "loitering",
        EventKind::Spoofing => "spoofing",
        EventKind::FlagMismatch => "flag mismatch",
        EventKind::FlagHopping => "flag hopping",
        EventKind::NameChange => "name change",
        EventKind::SanctionedVessel | EventKind::ShadowFleetVessel => "listed",
    }
}

fn same_vessel(a: &[VesselRef], b: &[VesselRef]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| (x.mmsi.is_some() && x.mmsi == y.mmsi) || (x.imo.is_some() && x.imo == y.imo))
    })
}

fn matches(e: &Event, p: &PlantedEvent) -> bool {
    category(e.kind) == category(p.kind)
        && same_vessel(&e.vessels, &p.vessels)
        && e.start <= p.end + SLACK_S
        && p.start <= e.end + SLACK_S
}

#[derive(Debug, Default)]
struct Score {
    detected: usize,
    true_positives: usize,
    planted: usize,
    found: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.detected == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.detected as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.planted == 0 {
            1.0
        } else {
            self.found as f64 / self.planted as f64
        }
    }
}

fn score(events: &[Event], truth: &[PlantedEvent]) -> BTreeMap<&'static str, Score> {
    let mut scores: BTreeMap<&'static str, Score> = BTreeMap::new();
    for e in events {
        let s = scores.entry(category(e.kind)).or_default();
        s.detected += 1;
        if truth.iter().any(|p| matches(e, p)) {
            s.true_positives += 1;
        } else {
            eprintln!("unmatched detection: {}", e.explanation);
        }
    }
    for p in truth {
        let s = scores.entry(category(p.kind)).or_default();
        s.planted += 1;
        if events.iter().any(|e| matches(e, p)) {
            s.found += 1;
        } else {
            eprintln!("missed plant: {p:?}");
        }
    }
    scores
}

fn check(scenario: &Scenario, events: &[Event]) {
    let scores = score(events, &scenario.truth);
    for (cat, s) in &scores {
        eprintln!(
            "seed {} {cat:>14}: planted {:3} detected {:3} precision {:.3} recall {:.3}",
            scenario.config.seed,
            s.planted,
            s.detected,
            s.precision(),
            s.recall()
        );
    }
    for (cat, s) in &scores {
        assert!(s.planted > 0, "{cat}: nothing planted");
        assert!(
            s.precision() >= 0.95,
            "{cat}: precision {:.3}",
            s.precision()
        );
        assert!(s.recall() >= 0.95, "{cat}: recall {:.3}", s.recall());
    }
}

fn run_seed(seed: u64) {
    let config = ScenarioConfig {
        seed,
        ..ScenarioConfig::default()
    };
    let scenario = Scenario::generate(&config);
    let events = detect_all(
        &scenario.tracks(),
        &scenario.registry(),
        Some(&scenario.layer),
        &DetectConfig::default(),
    );
    check(&scenario, &events);
}

#[test]
fn seed_1() {
    run_seed(1);
}

#[test]
fn seed_2024() {
    run_seed(2024);
}

#[test]
fn seed_77() {
    run_seed(77);
}

#[test]
fn scenario_is_deterministic() {
    let config = ScenarioConfig {
        background_vessels: 5,
        planted: meldpunt_fleet::scenario::Planted::each(1),
        ..ScenarioConfig::default()
    };
    let a = Scenario::generate(&config);
    let b = Scenario::generate(&config);
    assert_eq!(a.positions, b.positions);
    assert_eq!(a.truth, b.truth);
}

/// The same detections whether the scenario is fed directly or encoded to
/// NMEA and decoded back.
#[test]
fn nmea_round_trip_gives_the_same_scores() {
    let config = ScenarioConfig {
        seed: 5,
        background_vessels: 10,
        planted: meldpunt_fleet::scenario::Planted::each(3),
        ..ScenarioConfig::default()
    };
    let scenario = Scenario::generate(&config);
    let mut text = Vec::new();
    let written = scenario.write_nmea(&mut text).unwrap();
    assert_eq!(written, scenario.message_count());
    let text = String::from_utf8(text).unwrap();
    let mut decoder = Decoder::new();
    let mut tracks = Tracks::new();
    let mut registry = Registry::new();
    for message in decoder.decode_text(&text) {
        let message = message.unwrap();
        if !tracks.push_message(&message) {
            registry.observe_ais(&message);
        }
    }
    tracks.finish();
    assert_eq!(tracks.position_count(), scenario.positions.len());
    scenario.fill_lists(&mut registry);
    let events = detect_all(
        &tracks,
        &registry,
        Some(&scenario.layer),
        &DetectConfig::default(),
    );
    check(&scenario, &events);
    let _ = nmea::write_position;
}
