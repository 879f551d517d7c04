//! The motion of one synthetic vessel: sailing a route at a steady speed,
//! calling at ports, and holding (drifting) at sea when a planted event
//! says so. Motion is a function of time alone, whatever the steps it is
//! advanced by, so a dry run can find where a vessel will be before an
//! event is planted there.

use super::rng::Rng;
use super::routes::Route;
use crate::geo::{bearing_deg, lon_delta, offset, GeoPoint, EARTH_RADIUS_M, METRES_PER_NM};

const KNOT_MPS: f64 = METRES_PER_NM / 3600.0;
/// Sideways speed at which a vessel returns to its lane after drifting.
const LANE_RETURN_MPS: f64 = 0.5;

/// A stop at sea: the vessel is at `anchor` at `t_ref` and drifts with a
/// constant velocity (m/s north, east) until `until`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    pub anchor: GeoPoint,
    pub t_ref: i64,
    pub until: i64,
    pub drift: (f64, f64),
}

impl Hold {
    pub fn at(&self, t: i64) -> GeoPoint {
        let dt = (t - self.t_ref) as f64;
        offset(self.anchor, self.drift.0 * dt, self.drift.1 * dt)
    }

    pub fn speed_knots(&self) -> f64 {
        self.drift.0.hypot(self.drift.1) / KNOT_MPS
    }
}

#[derive(Debug, Clone)]
pub struct Sim {
    route: Route,
    dist: f64,
    dir: f64,
    speed_mps: f64,
    /// Metres north and east of the route line.
    offset: (f64, f64),
    lane: (f64, f64),
    hold: Option<Hold>,
    planned: Vec<Hold>,
    time: i64,
    rng: Rng,
    port_call_chance: f64,
    gone: bool,
}

impl Sim {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        route: Route,
        dist: f64,
        forward: bool,
        speed_knots: f64,
        lane: (f64, f64),
        time: i64,
        rng: Rng,
        port_call_chance: f64,
    ) -> Self {
        Sim {
            route,
            dist,
            dir: if forward { 1.0 } else { -1.0 },
            speed_mps: speed_knots * KNOT_MPS,
            offset: lane,
            lane,
            hold: None,
            planned: Vec::new(),
            time,
            rng,
            port_call_chance,
            gone: false,
        }
    }

    /// Schedules a hold; holds must be added in time order.
    pub fn plan_hold(&mut self, hold: Hold) {
        self.planned.push(hold);
    }

    pub fn gone(&self) -> bool {
        self.gone
    }

    pub fn holding(&self) -> bool {
        self.hold.is_some()
    }

    pub fn position(&self) -> GeoPoint {
        match &self.hold {
            Some(h) => h.at(self.time),
            None => self.on_route(self.dist),
        }
    }

    pub fn speed_knots(&self) -> f64 {
        self.hold
            .as_ref()
            .map_or(self.speed_mps / KNOT_MPS, Hold::speed_knots)
    }

    pub fn course(&self) -> f64 {
        match &self.hold {
            Some(h) => h.drift.1.atan2(h.drift.0).to_degrees().rem_euclid(360.0),
            None => bearing_deg(
                self.route.at(self.dist),
                self.route.at(self.dist + self.dir * 500.0),
            ),
        }
    }

    fn on_route(&self, dist: f64) -> GeoPoint {
        offset(self.route.at(dist), self.offset.0, self.offset.1)
    }

    /// Moves the vessel on to time `t`.
    pub fn advance_to(&mut self, t: i64) {
        while !self.gone && self.time < t {
            if let Some(h) = self.hold {
                if t < h.until {
                    self.time = t;
                    return;
                }
                self.leave_hold(h);
                continue;
            }
            let next_plan = self.planned.first().map(|h| h.t_ref.max(self.time));
            let until = next_plan.map_or(t, |p| p.min(t));
            self.sail(until);
            if next_plan.is_some_and(|p| p <= self.time) && !self.planned.is_empty() {
                let h = self.planned.remove(0);
                self.hold = Some(h);
            }
        }
    }

    fn leave_hold(&mut self, h: Hold) {
        let p = h.at(h.until);
        let r = self.route.at(self.dist);
        let north = (p.lat - r.lat).to_radians() * EARTH_RADIUS_M;
        let east = lon_delta(r.lon, p.lon).to_radians() * EARTH_RADIUS_M * r.lat.to_radians().cos();
        self.offset = (north, east);
        self.time = self.time.max(h.until);
        self.hold = None;
    }

    /// Sails until `t` or the next port call, whichever comes first.
    fn sail(&mut self, t: i64) {
        let dt = (t - self.time) as f64;
        let mut next = self.dist + self.dir * self.speed_mps * dt;
        let crossed = self.route.ports.iter().copied().find(|&i| {
            let c = self.route.cumulative[i];
            let inner = i > 0 && i + 1 < self.route.points.len();
            inner && (self.dist - c) * (next - c) < 0.0
        });
        let end = self.route.length_m();
        let (stop_at, at_end) = match crossed {
            Some(i) => (Some(self.route.cumulative[i]), false),
            None if next >= end => (Some(end), true),
            None if next <= 0.0 => (Some(0.0), true),
            None => (None, false),
        };
        let mut elapsed = dt;
        if let Some(s) = stop_at {
            elapsed = ((s - self.dist) / (self.dir * self.speed_mps)).clamp(0.0, dt);
            next = s;
        }
        self.return_to_lane(elapsed);
        self.dist = next;
        self.time += elapsed.ceil() as i64;
        if stop_at.is_some() {
            self.stop(at_end);
        }
    }

    fn stop(&mut self, at_end: bool) {
        if at_end && !self.route.port_ends {
            self.gone = true;
            return;
        }
        let call = at_end || self.rng.chance(self.port_call_chance);
        if at_end {
            self.dir = -self.dir;
        } else {
            // Step past the waypoint so it is not crossed again.
            self.dist += self.dir;
        }
        if call {
            let hours = if at_end {
                self.rng.range(12.0, 36.0)
            } else {
                self.rng.range(4.0, 12.0)
            };
            self.hold = Some(Hold {
                anchor: self.on_route(self.dist),
                t_ref: self.time,
                until: self.time + (hours * 3600.0) as i64,
                drift: (0.0, 0.0),
            });
        }
    }

    fn return_to_lane(&mut self, dt: f64) {
        let step = LANE_RETURN_MPS * dt;
        let toward = |x: f64, target: f64| x + (target - x).clamp(-step, step);
        self.offset = (
            toward(self.offset.0, self.lane.0),
            toward(self.offset.1, self.lane.1),
        );
    }
}
