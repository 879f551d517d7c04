//! Sea routes of the Russian oil trade out of the Baltic, written as
//! waypoints between real port and cape coordinates (rounded, open water
//! between them), and the port/shore layer that goes with them.

use crate::geo::{distance_m, interpolate, GeoPoint, PlaceKind, ShoreLayer};

/// (name, lat, lon, is_port): ports are where vessels may call.
type Waypoint = (&'static str, f64, f64, bool);

const BALTIC_TO_SUEZ: &[Waypoint] = &[
    ("Primorsk", 60.345, 28.700, true),
    ("Gulf of Finland east", 59.950, 26.500, false),
    ("off Tallinn", 59.750, 24.200, false),
    ("off Hanko", 59.300, 22.200, false),
    ("Gotland east", 58.000, 20.000, false),
    ("off Gdansk Bay", 56.000, 18.500, false),
    ("north of Bornholm", 55.450, 15.300, false),
    ("Fehmarn Belt", 54.600, 11.150, false),
    ("Great Belt", 55.350, 10.950, false),
    ("Kattegat", 56.600, 11.400, false),
    ("Skagen anchorage", 57.850, 10.750, true),
    ("Skagerrak", 57.700, 8.500, false),
    ("North Sea", 56.000, 4.500, false),
    ("off Texel", 53.500, 3.000, false),
    ("Dover Strait", 51.050, 1.550, false),
    ("English Channel", 50.300, -0.600, false),
    ("off Start Point", 49.900, -3.000, false),
    ("Ushant TSS", 48.600, -5.800, false),
    ("Bay of Biscay", 46.000, -7.500, false),
    ("Finisterre TSS", 43.200, -9.800, false),
    ("off Portugal", 40.000, -10.000, false),
    ("Cape St Vincent", 36.900, -9.400, false),
    ("Gibraltar approach", 35.950, -6.200, false),
    ("Strait of Gibraltar", 35.950, -5.450, false),
    ("Alboran Sea", 36.100, -3.000, false),
    ("off Algiers", 37.300, 1.500, false),
    ("south of Sardinia", 37.800, 8.000, false),
    ("Strait of Sicily", 37.300, 11.300, false),
    ("east of Malta", 36.000, 15.500, false),
    ("Ionian Sea", 35.000, 20.000, false),
    ("south of Crete", 34.600, 24.500, false),
    ("Nile delta approach", 32.000, 30.500, false),
    ("Port Said", 31.350, 32.350, true),
];

const UST_LUGA_TO_SKAGEN: &[Waypoint] = &[
    ("Ust-Luga", 59.680, 28.390, true),
    ("Gulf of Finland east", 59.950, 26.500, false),
    ("off Tallinn", 59.750, 24.200, false),
    ("off Hanko", 59.300, 22.200, false),
    ("Gotland east", 58.000, 20.000, false),
    ("off Gdansk Bay", 56.000, 18.500, false),
    ("north of Bornholm", 55.450, 15.300, false),
    ("Fehmarn Belt", 54.600, 11.150, false),
    ("Great Belt", 55.350, 10.950, false),
    ("Kattegat", 56.600, 11.400, false),
    ("Skagen anchorage", 57.850, 10.750, true),
];

const GIBRALTAR_TO_LACONIAN_GULF: &[Waypoint] = &[
    ("Gibraltar", 36.130, -5.350, true),
    ("Alboran Sea", 36.100, -3.000, false),
    ("off Algiers", 37.300, 1.500, false),
    ("south of Sardinia", 37.800, 8.000, false),
    ("Strait of Sicily", 37.300, 11.300, false),
    ("east of Malta", 36.000, 15.500, false),
    ("Ionian Sea", 36.000, 20.000, false),
    ("off Cape Matapan", 36.200, 22.400, false),
    ("Laconian Gulf anchorage", 36.550, 22.750, true),
];

/// Extra layer points: coast and ports the routes pass near.
const LAYER_EXTRA: &[(&str, PlaceKind, f64, f64)] = &[
    ("Gytheio", PlaceKind::Port, 36.757, 22.566),
    ("Kalamata", PlaceKind::Port, 37.020, 22.110),
    ("Ceuta", PlaceKind::Port, 35.890, -5.310),
    ("Valletta", PlaceKind::Port, 35.900, 14.520),
    ("Rotterdam", PlaceKind::Port, 51.950, 4.050),
    ("Gdansk", PlaceKind::Port, 54.400, 18.670),
    ("Tallinn", PlaceKind::Port, 59.450, 24.750),
    ("Dover", PlaceKind::Shore, 51.120, 1.320),
    ("Calais", PlaceKind::Shore, 50.970, 1.850),
    ("Cap de la Hague", PlaceKind::Shore, 49.720, -1.940),
    ("Ushant", PlaceKind::Shore, 48.460, -5.100),
    ("Cape Finisterre", PlaceKind::Shore, 42.880, -9.270),
    ("Cabo da Roca", PlaceKind::Shore, 38.780, -9.500),
    ("Cape St Vincent", PlaceKind::Shore, 37.020, -8.990),
    ("Cape Bon", PlaceKind::Shore, 37.080, 11.040),
    ("Capo Passero", PlaceKind::Shore, 36.690, 15.140),
    ("Cape Matapan", PlaceKind::Shore, 36.380, 22.480),
    ("Cape Maleas", PlaceKind::Shore, 36.440, 23.200),
    ("Gavdos", PlaceKind::Shore, 34.840, 24.080),
    ("Bornholm", PlaceKind::Shore, 55.100, 14.900),
    ("Gotland", PlaceKind::Shore, 57.300, 18.700),
    ("Hanko", PlaceKind::Shore, 59.820, 22.970),
    ("Skagen", PlaceKind::Shore, 57.720, 10.590),
];

/// A polyline with cumulative distances, for placing a vessel by the
/// distance it has sailed.
#[derive(Debug, Clone)]
pub struct Route {
    pub points: Vec<GeoPoint>,
    /// Metres from the first point to each point.
    pub cumulative: Vec<f64>,
    /// Indices of the points that are ports.
    pub ports: Vec<usize>,
    /// Whether the ends are ports to call at (else the vessel leaves the
    /// area there and stops transmitting).
    pub port_ends: bool,
}

impl Route {
    pub fn new(points: Vec<GeoPoint>, ports: Vec<usize>, port_ends: bool) -> Self {
        let mut cumulative = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += distance_m(points[i - 1], *p);
            }
            cumulative.push(total);
        }
        Route {
            points,
            cumulative,
            ports,
            port_ends,
        }
    }

    fn from_waypoints(w: &[Waypoint]) -> Self {
        let points = w
            .iter()
            .map(|(_, lat, lon, _)| GeoPoint::new(*lat, *lon))
            .collect();
        let ports = w
            .iter()
            .enumerate()
            .filter(|(_, (.., port))| *port)
            .map(|(i, _)| i)
            .collect();
        Route::new(points, ports, true)
    }

    pub fn length_m(&self) -> f64 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }

    /// The point `s` metres along the route, clamped to its ends.
    pub fn at(&self, s: f64) -> GeoPoint {
        let s = s.clamp(0.0, self.length_m());
        let i = self.cumulative.partition_point(|&c| c <= s);
        let fallback = GeoPoint::new(0.0, 0.0);
        match (self.points.get(i.wrapping_sub(1)), self.points.get(i)) {
            (Some(&a), Some(&b)) => {
                let (c0, c1) = (self.cumulative[i - 1], self.cumulative[i]);
                let f = if c1 > c0 { (s - c0) / (c1 - c0) } else { 0.0 };
                interpolate(a, b, f)
            }
            (Some(&a), None) => a,
            (None, _) => self.points.first().copied().unwrap_or(fallback),
        }
    }
}

/// The trade routes, each usable in both directions.
pub fn trade_routes() -> Vec<Route> {
    [
        BALTIC_TO_SUEZ,
        UST_LUGA_TO_SKAGEN,
        GIBRALTAR_TO_LACONIAN_GULF,
    ]
    .iter()
    .map(|w| Route::from_waypoints(w))
    .collect()
}

/// Every port on the routes plus the extra coast points.
pub fn shore_layer() -> ShoreLayer {
    let mut layer = ShoreLayer::default();
    for w in [
        BALTIC_TO_SUEZ,
        UST_LUGA_TO_SKAGEN,
        GIBRALTAR_TO_LACONIAN_GULF,
    ] {
        for (name, lat, lon, port) in w.iter().filter(|w| w.3) {
            if !layer.places.iter().any(|p| p.name == *name) {
                let kind = if *port {
                    PlaceKind::Port
                } else {
                    PlaceKind::Shore
                };
                layer.add(name, kind, *lat, *lon);
            }
        }
    }
    for (name, kind, lat, lon) in LAYER_EXTRA {
        layer.add(name, *kind, *lat, *lon);
    }
    layer
}
