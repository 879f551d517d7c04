//! Each detector on hand-built tracks, at and around its thresholds.

use meldpunt_fleet::detect::encounter::{self, EncounterConfig};
use meldpunt_fleet::detect::gap::{self, GapConfig};
use meldpunt_fleet::detect::loitering::{self, LoiteringConfig};
use meldpunt_fleet::detect::spoofing::{self, SpoofingConfig};
use meldpunt_fleet::detect::{Event, EventKind};
use meldpunt_fleet::geo::{offset, GeoPoint, PlaceKind, ShoreLayer};
use meldpunt_fleet::registry::ShipCategory;
use meldpunt_fleet::track::{resample, Position, PositionSource, Resampling};

const H: i64 = 3600;

fn fix(mmsi: u32, time: i64, p: GeoPoint, sog: f32) -> Position {
    Position {
        mmsi,
        time,
        lat: p.lat,
        lon: p.lon,
        sog_knots: Some(sog),
        cog: None,
        heading: None,
        source: PositionSource::Synthetic,
    }
}

/// Fixes every `step` seconds from `from` to `to` inclusive, drifting north
/// at `knots` from `start`.
fn drift(mmsi: u32, start: GeoPoint, from: i64, to: i64, step: i64, knots: f32) -> Vec<Position> {
    (0..=(to - from) / step)
        .map(|i| {
            let t = from + i * step;
            let north = f64::from(knots) * 1852.0 / 3600.0 * (t - from) as f64;
            fix(mmsi, t, offset(start, north, 0.0), knots)
        })
        .collect()
}

fn open_sea() -> GeoPoint {
    GeoPoint::new(36.0, 20.0)
}

// ---- gaps ----

#[test]
fn gap_thresholds_are_inclusive() {
    let cfg = GapConfig::default();
    let p = open_sea();
    let track = |gap: i64| vec![fix(1, 0, p, 10.0), fix(1, gap, p, 10.0)];
    assert!(gap::detect(&track(6 * H - 1), None, &cfg).is_empty());
    let candidate = gap::detect(&track(6 * H), None, &cfg);
    assert_eq!(candidate[0].kind, EventKind::AisGapCandidate);
    assert_eq!(
        gap::detect(&track(12 * H - 1), None, &cfg)[0].kind,
        EventKind::AisGapCandidate
    );
    assert_eq!(
        gap::detect(&track(12 * H), None, &cfg)[0].kind,
        EventKind::AisGap
    );
}

#[test]
fn gap_counts_fixes_before_and_reports_implied_speed() {
    let mut track = drift(7, open_sea(), 0, 12 * H, 1800, 10.0);
    let last = track[track.len() - 1];
    let after = offset(last.point(), 130.0 * 1852.0, 0.0);
    track.push(fix(7, last.time + 13 * H, after, 10.0));
    let mut layer = ShoreLayer::default();
    layer.add("coast", PlaceKind::Shore, 36.0, 19.0);
    let events = gap::detect(&track, Some(&layer), &GapConfig::default());
    let e = &events[0];
    assert_eq!(e.kind, EventKind::AisGap);
    // 25 fixes in [0, 12 h], the window ending at the gap's start.
    assert_eq!(e.metrics["positions_before"], 25.0);
    assert!((e.metrics["implied_speed_kn"] - 10.0).abs() < 0.05);
    assert!(e.metrics.contains_key("shore_distance_nm"));
    assert!((0.0..=1.0).contains(&e.risk));
    assert_eq!(e.evidence.len(), 2);
}

#[test]
fn silence_at_track_ends_is_not_a_gap() {
    let cfg = GapConfig::default();
    assert!(gap::detect(&[], None, &cfg).is_empty());
    assert!(gap::detect(&[fix(1, 0, open_sea(), 1.0)], None, &cfg).is_empty());
    // A track starting late and ending early: only the bounded gap counts.
    let mut track = drift(1, open_sea(), 50 * H, 52 * H, 600, 10.0);
    track.push(fix(1, 70 * H, open_sea(), 10.0));
    let events = gap::detect(&track, None, &cfg);
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].start, events[0].end), (52 * H, 70 * H));
}

// ---- encounters ----

fn pair(separation_m: f64, knots: f32, hours: i64, at: GeoPoint) -> Vec<Vec<Position>> {
    let grid = Resampling::default();
    let a = drift(1, at, 0, hours, 120, knots);
    let b = drift(2, offset(at, 0.0, separation_m), 0, hours, 120, knots);
    vec![resample(&a, grid), resample(&b, grid)]
}

fn encounters(tracks: &[Vec<Position>], layer: Option<&ShoreLayer>) -> Vec<Event> {
    encounter::detect(
        tracks,
        layer,
        Resampling::default(),
        &EncounterConfig::default(),
    )
}

#[test]
fn encounter_needs_two_hours_within_500_m() {
    let e = encounters(&pair(300.0, 0.5, 2 * H, open_sea()), None);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, EventKind::ShipToShipTransfer);
    assert_eq!(e[0].end - e[0].start, 2 * H);
    assert!(encounters(&pair(300.0, 0.5, 2 * H - 600, open_sea()), None).is_empty());
    assert_eq!(
        encounters(&pair(499.0, 0.5, 2 * H, open_sea()), None).len(),
        1
    );
    assert!(encounters(&pair(510.0, 0.5, 3 * H, open_sea()), None).is_empty());
}

#[test]
fn encounter_speed_rules() {
    let slow = encounters(&pair(200.0, 1.5, 3 * H, open_sea()), None);
    assert_eq!(slow[0].kind, EventKind::Encounter);
    assert!(encounters(&pair(200.0, 2.0, 3 * H, open_sea()), None).is_empty());
}

#[test]
fn encounter_near_port_is_dropped_only_with_a_layer() {
    let at = open_sea();
    let mut layer = ShoreLayer::default();
    let port = offset(at, 5_000.0, 0.0);
    layer.add("port", PlaceKind::Port, port.lat, port.lon);
    let tracks = pair(200.0, 0.3, 3 * H, at);
    assert!(encounters(&tracks, Some(&layer)).is_empty());
    assert_eq!(encounters(&tracks, None).len(), 1);
    let far = ShoreLayer::new(vec![meldpunt_fleet::geo::Place {
        name: "far".into(),
        kind: PlaceKind::Port,
        point: offset(at, 20_000.0, 0.0),
    }]);
    assert_eq!(encounters(&tracks, Some(&far)).len(), 1);
}

#[test]
fn encounter_across_the_antimeridian() {
    let tracks = pair(300.0, 0.3, 3 * H, GeoPoint::new(-16.0, 179.9985));
    assert!(tracks[1][0].lon < 0.0, "second ship sits east of 180°");
    assert_eq!(encounters(&tracks, None).len(), 1);
}

// ---- loitering ----

fn loiter(track: &[Position], layer: Option<&ShoreLayer>) -> Vec<Event> {
    let grid = Resampling::default();
    loitering::detect(
        &resample(track, grid),
        layer,
        grid,
        &LoiteringConfig::default(),
    )
}

#[test]
fn loitering_from_one_hour_strong_from_four() {
    let brief = loiter(&drift(3, open_sea(), 0, H, 60, 0.8), None);
    assert_eq!(brief.len(), 1);
    assert_eq!(brief[0].metrics["strong"], 0.0);
    assert!(loiter(&drift(3, open_sea(), 0, H - 600, 60, 0.8), None).is_empty());
    let strong = loiter(&drift(3, open_sea(), 0, 4 * H, 60, 0.8), None);
    assert_eq!(strong[0].metrics["strong"], 1.0);
    assert!(strong[0].risk > brief[0].risk);
    assert!(loiter(&drift(3, open_sea(), 0, 4 * H, 60, 2.0), None).is_empty());
}

#[test]
fn loitering_near_shore_is_a_port_stay() {
    let mut layer = ShoreLayer::default();
    let near = offset(open_sea(), 19.0 * 1852.0, 0.0);
    layer.add("coast", PlaceKind::Shore, near.lat, near.lon);
    assert!(loiter(&drift(3, open_sea(), 0, 3 * H, 60, 0.0), Some(&layer)).is_empty());
    let mut far = ShoreLayer::default();
    let p = offset(open_sea(), -25.0 * 1852.0, 0.0);
    far.add("coast", PlaceKind::Shore, p.lat, p.lon);
    assert_eq!(
        loiter(&drift(3, open_sea(), 0, 3 * H, 60, 0.0), Some(&far)).len(),
        1
    );
}

// ---- spoofing ----

#[test]
fn spoofing_speed_limit_depends_on_ship_type() {
    let cfg = SpoofingConfig::default();
    let a = open_sea();
    // 40 nm in one hour: too fast for a tanker, not for a fast ferry.
    let track = [
        fix(4, 0, a, 12.0),
        fix(4, H, offset(a, 40.0 * 1852.0, 0.0), 12.0),
    ];
    assert_eq!(
        spoofing::detect(&track, ShipCategory::Tanker, &cfg).len(),
        1
    );
    assert!(spoofing::detect(&track, ShipCategory::Passenger, &cfg).is_empty());
    let e = &spoofing::detect(&track, ShipCategory::Cargo, &cfg)[0];
    assert!((e.metrics["max_implied_speed_kn"] - 40.0).abs() < 0.5);
    assert_eq!(e.metrics["two_places"], 0.0);
}

#[test]
fn spoofing_at_the_limit_is_not_flagged() {
    let cfg = SpoofingConfig::default();
    let a = open_sea();
    let just_under = [
        fix(4, 0, a, 12.0),
        fix(4, H, offset(a, 29.9 * 1852.0, 0.0), 12.0),
    ];
    assert!(spoofing::detect(&just_under, ShipCategory::Tanker, &cfg).is_empty());
    let just_over = [
        fix(4, 0, a, 12.0),
        fix(4, H, offset(a, 30.1 * 1852.0, 0.0), 12.0),
    ];
    assert_eq!(
        spoofing::detect(&just_over, ShipCategory::Tanker, &cfg).len(),
        1
    );
}

#[test]
fn gps_noise_on_close_fixes_is_not_a_jump() {
    let a = open_sea();
    let track = [fix(4, 0, a, 0.0), fix(4, 1, offset(a, 100.0, 0.0), 0.0)];
    assert!(spoofing::detect(&track, ShipCategory::Tanker, &SpoofingConfig::default()).is_empty());
}

#[test]
fn one_mmsi_in_two_places() {
    let (a, b) = (open_sea(), offset(open_sea(), 150.0 * 1852.0, 0.0));
    let track: Vec<Position> = (0..20)
        .map(|i| fix(5, i * 60, if i % 2 == 0 { a } else { b }, 0.1))
        .collect();
    let events = spoofing::detect(&track, ShipCategory::Tanker, &SpoofingConfig::default());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].metrics["two_places"], 1.0);
    assert_eq!(events[0].metrics["jumps"], 19.0);
    // Two fixes with the same timestamp far apart also count.
    let same_time = [fix(5, 0, a, 0.1), fix(5, 0, b, 0.1)];
    assert_eq!(
        spoofing::detect(&same_time, ShipCategory::Tanker, &SpoofingConfig::default()).len(),
        1
    );
}

#[test]
fn events_serialise_as_json_lines() {
    let track = [
        fix(4, 0, open_sea(), 12.0),
        fix(4, 13 * H, open_sea(), 12.0),
    ];
    let e = &gap::detect(&track, None, &GapConfig::default())[0];
    let line = e.to_json_line();
    assert!(!line.contains('\n'));
    let back: Event = serde_json::from_str(&line).unwrap();
    assert_eq!(&back, e);
    assert!(line.contains("\"kind\":\"ais_gap\""), "{line}");
}

#[test]
fn port_call_followed_by_sailing_in_company_is_not_an_encounter() {
    let port = open_sea();
    let mut layer = ShoreLayer::default();
    layer.add("port", PlaceKind::Port, port.lat, port.lon);
    let grid = Resampling::default();
    let ship = |mmsi: u32, east: f64| {
        let start = offset(port, 0.0, east);
        let mut t = drift(mmsi, start, 0, 4 * H, 120, 0.0);
        t.extend(
            drift(mmsi, start, 4 * H + 120, 7 * H, 120, 11.0)
                .into_iter()
                .map(|p| {
                    let north = 11.0 * 1852.0 / 3600.0 * 120.0;
                    Position {
                        lat: offset(p.point(), north, 0.0).lat,
                        ..p
                    }
                }),
        );
        resample(&t, grid)
    };
    let tracks = vec![ship(1, 0.0), ship(2, 200.0)];
    assert!(encounters(&tracks, Some(&layer)).is_empty());
}
