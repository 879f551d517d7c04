//! Geometry on the sphere: great-circle distances, interpolation that
//! survives the antimeridian, and an optional layer of ports and shore
//! points that detectors use to tell port calls from activity at sea.

use serde::{Deserialize, Serialize};

/// Mean Earth radius (IUGG), the usual choice for haversine distances; the
/// error against the ellipsoid stays below 0.5 %, far inside AIS noise.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;
pub const METRES_PER_NM: f64 = 1852.0;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    pub fn new(lat: f64, lon: f64) -> Self {
        GeoPoint { lat, lon }
    }

    /// True for a latitude in [-90, 90] and a longitude in [-180, 180].
    pub fn is_valid(&self) -> bool {
        (-90.0..=90.0).contains(&self.lat) && (-180.0..=180.0).contains(&self.lon)
    }
}

/// Great-circle distance in metres (haversine formula).
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    // Rounding can push h a hair past 1 for antipodal points; asin would give NaN.
    2.0 * EARTH_RADIUS_M * h.clamp(0.0, 1.0).sqrt().asin()
}

/// Great-circle distance in nautical miles.
pub fn distance_nm(a: GeoPoint, b: GeoPoint) -> f64 {
    distance_m(a, b) / METRES_PER_NM
}

/// Initial great-circle bearing from `a` to `b`, degrees clockwise from north.
pub fn bearing_deg(a: GeoPoint, b: GeoPoint) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlambda = lon_delta(a.lon, b.lon).to_radians();
    let y = dlambda.sin() * phi2.cos();
    let x = phi1.cos() * phi2.sin() - phi1.sin() * phi2.cos() * dlambda.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// Longitude difference `to - from` folded into (-180, 180], so that a track
/// crossing the antimeridian is interpolated the short way round.
pub fn lon_delta(from: f64, to: f64) -> f64 {
    let d = (to - from).rem_euclid(360.0);
    if d > 180.0 {
        d - 360.0
    } else {
        d
    }
}

/// Folds a longitude into [-180, 180).
pub fn wrap_lon(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// The point a fraction `f` of the way from `a` to `b`, linear in latitude
/// and longitude; over the ≤ 1 h spans it is used for, the difference from
/// the great circle is metres.
pub fn interpolate(a: GeoPoint, b: GeoPoint, f: f64) -> GeoPoint {
    GeoPoint {
        lat: a.lat + (b.lat - a.lat) * f,
        lon: wrap_lon(a.lon + lon_delta(a.lon, b.lon) * f),
    }
}

/// Mean of the points, averaging longitudes as offsets from the first so
/// that points straddling the antimeridian do not average to the far side.
pub fn centroid(points: impl IntoIterator<Item = GeoPoint>) -> Option<GeoPoint> {
    let mut iter = points.into_iter();
    let first = iter.next()?;
    let (mut lat, mut dlon, mut n) = (first.lat, 0.0, 1.0);
    for p in iter {
        lat += p.lat;
        dlon += lon_delta(first.lon, p.lon);
        n += 1.0;
    }
    Some(GeoPoint::new(lat / n, wrap_lon(first.lon + dlon / n)))
}

/// The point `east_m` metres east and `north_m` metres north of `p`
/// (flat-earth offset, for the sub-kilometre moves of drift and jitter).
pub fn offset(p: GeoPoint, north_m: f64, east_m: f64) -> GeoPoint {
    let dlat = north_m / EARTH_RADIUS_M;
    let dlon = east_m / (EARTH_RADIUS_M * p.lat.to_radians().cos().max(1e-6));
    GeoPoint {
        lat: (p.lat + dlat.to_degrees()).clamp(-90.0, 90.0),
        lon: wrap_lon(p.lon + dlon.to_degrees()),
    }
}

/// Earth-centred coordinates in metres. Bucketing on these gives cells that
/// need no special case at the poles or the antimeridian, and the chord is
/// never longer than the arc, so no close pair falls between cells.
pub fn ecef(p: GeoPoint) -> [f64; 3] {
    let (phi, lambda) = (p.lat.to_radians(), p.lon.to_radians());
    [
        EARTH_RADIUS_M * phi.cos() * lambda.cos(),
        EARTH_RADIUS_M * phi.cos() * lambda.sin(),
        EARTH_RADIUS_M * phi.sin(),
    ]
}

/// What a [`ShoreLayer`] point stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// Port or anchorage: excluded for encounters and loitering.
    Port,
    /// A point on the coastline, for distance from shore.
    Shore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    pub point: GeoPoint,
}

/// Ports, anchorages and coastline points. A plain list is enough for the
/// few hundred points such layers have; each lookup is a linear scan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShoreLayer {
    pub places: Vec<Place>,
}

impl ShoreLayer {
    pub fn new(places: Vec<Place>) -> Self {
        ShoreLayer { places }
    }

    pub fn add(&mut self, name: &str, kind: PlaceKind, lat: f64, lon: f64) {
        self.places.push(Place {
            name: name.to_string(),
            kind,
            point: GeoPoint::new(lat, lon),
        });
    }

    /// Distance in metres to the nearest port or anchorage.
    pub fn port_distance_m(&self, p: GeoPoint) -> Option<f64> {
        self.nearest(p, |k| k == PlaceKind::Port)
    }

    /// Distance in metres to the nearest point of any kind: ports lie on
    /// the shore too.
    pub fn shore_distance_m(&self, p: GeoPoint) -> Option<f64> {
        self.nearest(p, |_| true)
    }

    fn nearest(&self, p: GeoPoint, keep: impl Fn(PlaceKind) -> bool) -> Option<f64> {
        self.places
            .iter()
            .filter(|place| keep(place.kind))
            .map(|place| distance_m(p, place.point))
            .min_by(f64::total_cmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude() {
        let d = distance_m(GeoPoint::new(0.0, 0.0), GeoPoint::new(1.0, 0.0));
        assert!((d - 111_195.0).abs() < 5.0, "{d}");
        assert!(
            (distance_nm(GeoPoint::new(0.0, 0.0), GeoPoint::new(1.0, 0.0)) - 60.04).abs() < 0.1
        );
    }

    #[test]
    fn antimeridian_is_crossed_the_short_way() {
        let a = GeoPoint::new(0.0, 179.9);
        let b = GeoPoint::new(0.0, -179.9);
        let d = distance_m(a, b);
        assert!((d - 22_239.0).abs() < 5.0, "{d}");
        let mid = interpolate(a, b, 0.5);
        assert!(mid.lon.abs() > 179.99, "{mid:?}");
        assert!((lon_delta(179.9, -179.9) - 0.2).abs() < 1e-9);
    }

    #[test]
    fn antipodes_do_not_give_nan() {
        let d = distance_m(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 180.0));
        assert!((d - std::f64::consts::PI * EARTH_RADIUS_M).abs() < 1.0);
    }

    #[test]
    fn layer_distances() {
        let mut layer = ShoreLayer::default();
        layer.add("Skagen", PlaceKind::Port, 57.72, 10.59);
        layer.add("coast", PlaceKind::Shore, 57.0, 8.0);
        let p = GeoPoint::new(57.0, 8.1);
        assert!(layer.shore_distance_m(p).unwrap_or(f64::MAX) < 7_000.0);
        assert!(layer.port_distance_m(p).unwrap_or(0.0) > 100_000.0);
        assert_eq!(ShoreLayer::default().port_distance_m(p), None);
    }
}
