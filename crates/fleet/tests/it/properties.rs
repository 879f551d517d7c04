//! Properties of distances and resampling.

use meldpunt_fleet::geo::{distance_m, GeoPoint};
use meldpunt_fleet::track::{resample, Position, PositionSource, Resampling};
use proptest::prelude::*;

fn point() -> impl Strategy<Value = GeoPoint> {
    (-90.0..=90.0f64, -180.0..=180.0f64).prop_map(|(lat, lon)| GeoPoint::new(lat, lon))
}

/// A track with steps from seconds to several hours, so some gaps exceed
/// the interpolation limit.
fn track() -> impl Strategy<Value = Vec<Position>> {
    prop::collection::vec((1i64..4 * 3600, -0.05..0.05f64, -0.05..0.05f64), 1..60).prop_map(
        |steps| {
            let (mut t, mut lat, mut lon) = (1_700_000_000i64, 10.0, 20.0);
            steps
                .into_iter()
                .map(|(dt, dlat, dlon)| {
                    t += dt;
                    lat += dlat;
                    lon += dlon;
                    Position {
                        mmsi: 1,
                        time: t,
                        lat,
                        lon,
                        sog_knots: None,
                        cog: None,
                        heading: None,
                        source: PositionSource::Synthetic,
                    }
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn distance_is_symmetric_and_non_negative(a in point(), b in point()) {
        let (ab, ba) = (distance_m(a, b), distance_m(b, a));
        prop_assert!(ab >= 0.0);
        prop_assert!((ab - ba).abs() < 1e-6);
        prop_assert!(ab <= std::f64::consts::PI * 6_371_008.8 + 1e-6);
        prop_assert!(distance_m(a, a) < 1e-6);
    }

    #[test]
    fn resampling_never_bridges_long_gaps(track in track()) {
        let grid = Resampling::default();
        for p in resample(&track, grid) {
            prop_assert_eq!(p.time % grid.step_s, 0);
            if track.iter().any(|f| f.time == p.time) {
                continue;
            }
            let before = track.iter().rev().find(|f| f.time < p.time);
            let after = track.iter().find(|f| f.time > p.time);
            match (before, after) {
                (Some(b), Some(a)) => prop_assert!(a.time - b.time <= grid.max_gap_s,
                    "slot {} bridges {} s", p.time, a.time - b.time),
                _ => prop_assert!(false, "slot {} outside the track", p.time),
            }
        }
    }
}
