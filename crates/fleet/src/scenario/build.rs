//! Builds a scenario vessel by vessel: identity, route and motion, the one
//! planted behaviour, noise, and then the emitted fixes and static reports.

use super::rng::Rng;
use super::routes::{shore_layer, trade_routes, Route};
use super::vessel::{Hold, Sim};
use super::{PlantedEvent, Scenario, ScenarioConfig};
use crate::ais::message::{Dimensions, Eta, StaticVoyageData};
use crate::ais::{mid, AisMessage, Message};
use crate::detect::{EventKind, VesselRef};
use crate::geo::{offset, GeoPoint, ShoreLayer, METRES_PER_NM};
use crate::shadowfleet::ShadowFleetEntry;
use crate::track::{Position, PositionSource};
use meldpunt_model::{CountryRole, Entity, IdKind, Identifier, Name, NameKind, Sanction, Schema};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const KNOT_MPS: f64 = METRES_PER_NM / 3600.0;
/// Flag states the synthetic MMSIs use: Russia and the usual shadow-fleet
/// registers, each a different country.
const MIDS: [u32; 12] = [273, 351, 636, 248, 240, 613, 626, 620, 518, 314, 341, 577];
const NAME_A: [&str; 12] = [
    "NORD", "OCEAN", "VOLGA", "BALTIC", "STAR", "SEA", "ARCTIC", "GOLDEN", "PACIFIC", "SILVER",
    "EAGLE", "NEVA",
];
const NAME_B: [&str; 12] = [
    "SPIRIT", "PIONEER", "GLORY", "WAVE", "HORIZON", "TRADER", "VOYAGER", "BREEZE", "LEGEND",
    "DAWN", "PRIDE", "FORTUNE",
];
/// Planted behaviour stays this far from reception dropouts.
const PROTECT_MARGIN: i64 = 3 * HOUR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Background,
    Gap,
    CandidateGap,
    StsHost,
    Loiterer,
    SpoofJump,
    Twin,
    FlagHopper,
    MidMismatch,
    Renamed,
    Listed,
    Sanctioned,
}

struct Identity {
    mmsis: Vec<(i64, u32)>,
    imo: u32,
    names: Vec<(i64, String)>,
    ship_type: u8,
    call_sign: String,
}

impl Identity {
    fn first_mmsi(&self) -> u32 {
        self.mmsis.first().map_or(0, |m| m.1)
    }

    fn refs(&self) -> Vec<VesselRef> {
        self.mmsis
            .iter()
            .map(|(_, m)| VesselRef {
                mmsi: Some(*m),
                imo: Some(self.imo),
            })
            .collect()
    }
}

struct Emission {
    id: Identity,
    dark: Vec<(i64, i64)>,
    spoof: Option<(i64, i64, (f64, f64))>,
    protected: Vec<(i64, i64)>,
    start: i64,
    end: i64,
}

pub(super) struct Builder<'a> {
    cfg: &'a ScenarioConfig,
    rng: Rng,
    routes: Vec<Route>,
    layer: ShoreLayer,
    positions: Vec<Position>,
    statics: Vec<AisMessage>,
    listings: Vec<ShadowFleetEntry>,
    sanctioned: Vec<Entity>,
    truth: Vec<PlantedEvent>,
    next_index: u32,
}

impl<'a> Builder<'a> {
    pub(super) fn new(cfg: &'a ScenarioConfig) -> Self {
        Builder {
            cfg,
            rng: Rng::new(cfg.seed),
            routes: trade_routes(),
            layer: shore_layer(),
            positions: Vec::new(),
            statics: Vec::new(),
            listings: Vec::new(),
            sanctioned: Vec::new(),
            truth: Vec::new(),
            next_index: 0,
        }
    }

    pub(super) fn run(mut self) -> Scenario {
        for role in self.roles() {
            self.vessel(role);
        }
        self.positions.sort_by_key(|p| (p.time, p.mmsi));
        self.statics.sort_by_key(|m| m.received_at);
        Scenario {
            config: self.cfg.clone(),
            positions: self.positions,
            statics: self.statics,
            listings: self.listings,
            sanctioned: self.sanctioned,
            layer: self.layer,
            truth: self.truth,
        }
    }

    fn roles(&self) -> Vec<Role> {
        let p = &self.cfg.planted;
        let counts = [
            (Role::Gap, p.gaps),
            (Role::CandidateGap, p.candidate_gaps),
            (Role::StsHost, p.sts),
            (Role::Loiterer, p.loitering),
            (Role::SpoofJump, p.spoof_jumps),
            (Role::Twin, p.twins),
            (Role::FlagHopper, p.flag_hoppers),
            (Role::MidMismatch, p.mid_mismatches),
            (Role::Renamed, p.renames),
            (Role::Listed, p.listed),
            (Role::Sanctioned, p.sanctioned),
            (Role::Background, self.cfg.background_vessels),
        ];
        counts
            .into_iter()
            .flat_map(|(role, n)| std::iter::repeat_n(role, n))
            .collect()
    }

    fn end(&self) -> i64 {
        self.cfg.start + self.cfg.duration_s
    }

    fn truth(&mut self, kind: EventKind, vessels: Vec<VesselRef>, start: i64, end: i64) {
        self.truth.push(PlantedEvent {
            kind,
            vessels,
            start,
            end,
        });
    }

    fn vessel(&mut self, role: Role) {
        let index = self.next_index;
        self.next_index += 1;
        let mut rng = self.rng.fork(u64::from(index));
        let id = identity(index, &mut rng);
        let route = self.routes[rng.index(self.routes.len())].clone();
        let dist = rng.range(0.0, route.length_m());
        let lane = (rng.range(-800.0, 800.0), rng.range(-800.0, 800.0));
        let speed = rng.range(10.5, 14.0);
        let forward = rng.chance(0.5);
        let motion = rng.fork(1);
        let mut sim = Sim::new(
            route,
            dist,
            forward,
            speed,
            lane,
            self.cfg.start,
            motion,
            self.cfg.port_call_chance,
        );
        let mut em = Emission {
            id,
            dark: Vec::new(),
            spoof: None,
            protected: Vec::new(),
            start: self.cfg.start,
            end: self.end(),
        };
        self.plant(role, &mut sim, &mut em, &mut rng);
        add_dropouts(self.cfg, &mut em, &mut rng);
        self.emit(sim, &em, &mut rng);
    }

    fn plant(&mut self, role: Role, sim: &mut Sim, em: &mut Emission, rng: &mut Rng) {
        let (start, end) = (self.cfg.start, self.end());
        let span = self.cfg.duration_s;
        let refs = vec![VesselRef {
            mmsi: Some(em.id.first_mmsi()),
            imo: Some(em.id.imo),
        }];
        match role {
            Role::Background => {}
            Role::Gap | Role::CandidateGap => {
                let (lo, hi, kind) = if role == Role::Gap {
                    (13 * HOUR, 36 * HOUR, EventKind::AisGap)
                } else {
                    (7 * HOUR, 11 * HOUR, EventKind::AisGapCandidate)
                };
                let dur = rng.int(lo, hi);
                let g0 = rng.int(start + DAY, end - DAY - dur);
                em.dark.push((g0, g0 + dur));
                em.protected.push((g0, g0 + dur));
                self.truth(kind, refs, g0, g0 + dur);
            }
            Role::Loiterer => {
                let dur = rng.int(2 * HOUR, 8 * HOUR);
                let drift = rng.range(0.2, 1.3);
                if let Some(h) = self.spot(sim, dur, drift, rng) {
                    sim.plan_hold(h);
                    em.protected.push((h.t_ref, h.until));
                    self.truth(EventKind::Loitering, refs, h.t_ref, h.until);
                }
            }
            Role::StsHost => {
                let dur = rng.int(4 * HOUR, 8 * HOUR);
                let drift = rng.range(0.1, 0.6);
                if let Some(h) = self.spot(sim, dur, drift, rng) {
                    sim.plan_hold(h);
                    em.protected.push((h.t_ref, h.until));
                    let (partner, tb, tb_end) = self.partner(&h, rng);
                    let both = vec![refs[0], partner];
                    self.truth(EventKind::ShipToShipTransfer, both, tb, tb_end);
                    self.truth(EventKind::Loitering, refs, h.t_ref, h.until);
                    self.truth(EventKind::Loitering, vec![partner], tb, tb_end);
                }
            }
            Role::SpoofJump => {
                let dur = rng.int(HOUR, 3 * HOUR);
                // While sailing: a fake position of a ship lying still would
                // itself be a (fake) loitering event, muddling the truth.
                let Some(s0) = self.sailing_window(sim, dur, rng) else {
                    return;
                };
                let (b, d) = (
                    rng.range(0.0, std::f64::consts::TAU),
                    rng.range(60.0, 150.0) * METRES_PER_NM,
                );
                em.spoof = Some((s0, s0 + dur, (d * b.cos(), d * b.sin())));
                em.protected.push((s0, s0 + dur));
                self.truth(EventKind::Spoofing, refs, s0, s0 + dur);
            }
            Role::Twin => {
                let dur = rng.int(3 * HOUR, 8 * HOUR);
                let w0 = rng.int(start + DAY, end - DAY - dur);
                self.twin(sim, em.id.first_mmsi(), w0, w0 + dur, rng);
                em.protected.push((w0, w0 + dur));
                self.truth(EventKind::Spoofing, refs, w0, w0 + dur);
            }
            Role::FlagHopper => {
                let c1 = start + rng.int(span / 5, span * 3 / 10);
                let c2 = c1 + rng.int(span / 5, span / 2).min(20 * DAY);
                let mids = distinct_mids(rng, 3);
                em.id.mmsis = vec![
                    (start, mmsi_for(mids[0], em.id.imo, 0)),
                    (c1, mmsi_for(mids[1], em.id.imo, 1)),
                    (c2, mmsi_for(mids[2], em.id.imo, 2)),
                ];
                em.protected.extend([(c1, c1), (c2, c2)]);
                self.truth(EventKind::FlagHopping, em.id.refs(), c1, c2);
            }
            Role::Renamed => {
                let r1 = start + rng.int(span * 3 / 10, span * 7 / 10);
                let old = em
                    .id
                    .names
                    .first()
                    .map_or_else(String::new, |n| n.1.clone());
                em.id.names.push((
                    r1,
                    format!("{} {}", NAME_B[rng.index(12)], NAME_A[rng.index(12)]),
                ));
                if em.id.names.last().is_some_and(|n| n.1 == old) {
                    em.id.names.pop();
                    em.id.names.push((r1, format!("{old} II")));
                }
                em.protected.push((r1, r1));
                self.truth(EventKind::NameChange, refs, r1, r1);
            }
            Role::Listed | Role::MidMismatch => {
                let own = mid::flag_state(em.id.first_mmsi())
                    .unwrap_or("RU")
                    .to_lowercase();
                let flag = if role == Role::Listed {
                    own
                } else {
                    let other = distinct_mids(rng, 2)
                        .into_iter()
                        .filter_map(|m| u16::try_from(m).ok().and_then(mid::country_for_mid))
                        .map(str::to_lowercase)
                        .find(|f| *f != own);
                    other.unwrap_or_else(|| "ga".to_string())
                };
                self.listings.push(listing(&em.id, &flag));
                if role == Role::MidMismatch {
                    self.truth(EventKind::FlagMismatch, refs.clone(), start, end);
                }
                self.truth(EventKind::ShadowFleetVessel, refs, start, end);
            }
            Role::Sanctioned => {
                self.sanctioned.push(sanctioned_entity(&em.id));
                self.truth(EventKind::SanctionedVessel, refs, start, end);
            }
        }
    }

    /// A time and place for a hold at sea, well away from the shore layer,
    /// found by a dry run of the vessel's motion.
    fn spot(&self, sim: &Sim, dur: i64, drift_kn: f64, rng: &mut Rng) -> Option<Hold> {
        let mut probe = sim.clone();
        let mut candidates = Vec::new();
        let (mut t, last) = (self.cfg.start + DAY, self.end() - DAY - dur);
        while t <= last {
            probe.advance_to(t);
            if probe.gone() {
                break;
            }
            let far = self
                .layer
                .shore_distance_m(probe.position())
                .is_none_or(|d| d >= 30.0 * METRES_PER_NM);
            if far && !probe.holding() {
                candidates.push(t);
            }
            t += 1800;
        }
        if candidates.is_empty() {
            return None;
        }
        let t0 = candidates[rng.index(candidates.len())];
        let mut at = sim.clone();
        at.advance_to(t0);
        let (b, v) = (rng.range(0.0, std::f64::consts::TAU), drift_kn * KNOT_MPS);
        Some(Hold {
            anchor: at.position(),
            t_ref: t0,
            until: t0 + dur,
            drift: (v * b.cos(), v * b.sin()),
        })
    }

    /// A start time for `dur` seconds during which the vessel sails on.
    fn sailing_window(&self, sim: &Sim, dur: i64, rng: &mut Rng) -> Option<i64> {
        const STEP: i64 = 600;
        let mut probe = sim.clone();
        let first = self.cfg.start + DAY;
        let steps = ((self.end() - DAY - first) / STEP).max(0);
        let sailing: Vec<bool> = (0..=steps)
            .map(|i| {
                probe.advance_to(first + i * STEP);
                !probe.holding() && !probe.gone()
            })
            .collect();
        let need = (dur / STEP + 2) as usize;
        let starts: Vec<usize> = (0..sailing.len().saturating_sub(need))
            .filter(|&i| sailing[i..i + need].iter().all(|&s| s))
            .collect();
        let i = *starts.get(rng.index(starts.len()))?;
        Some(first + i as i64 * STEP)
    }

    /// The second ship of a transfer: sails in from open sea, lies
    /// alongside the host drifting with it, then leaves the area.
    fn partner(&mut self, host: &Hold, rng: &mut Rng) -> (VesselRef, i64, i64) {
        let index = self.next_index;
        self.next_index += 1;
        let mut prng = self.rng.fork(u64::from(index));
        let id = identity(index, &mut prng);
        let tb = host.t_ref + rng.int(20 * 60, 40 * 60);
        let tb_end = host.until - rng.int(20 * 60, 40 * 60);
        let side = (rng.range(-150.0, 150.0), rng.range(100.0, 250.0));
        let alongside = offset(host.at(tb), side.0, side.1);
        let speed = rng.range(10.0, 13.0);
        let approach = speed * KNOT_MPS * rng.range(8.0, 14.0) * 3600.0;
        let (b_in, b_out) = (
            rng.range(0.0, 360.0_f64).to_radians(),
            rng.range(60.0, 300.0_f64).to_radians(),
        );
        let from = offset(alongside, -approach * b_in.cos(), -approach * b_in.sin());
        let away = offset(
            alongside,
            400_000.0 * (b_in + b_out).cos(),
            400_000.0 * (b_in + b_out).sin(),
        );
        let route = Route::new(vec![from, alongside, away], Vec::new(), false);
        let t_start = tb - (route.cumulative[1] / (speed * KNOT_MPS)) as i64;
        let mut sim = Sim::new(
            route,
            0.0,
            true,
            speed,
            (0.0, 0.0),
            t_start,
            prng.fork(1),
            0.0,
        );
        sim.plan_hold(Hold {
            anchor: alongside,
            t_ref: tb,
            until: tb_end,
            drift: host.drift,
        });
        let vref = VesselRef {
            mmsi: Some(id.first_mmsi()),
            imo: Some(id.imo),
        };
        let em = Emission {
            id,
            dark: Vec::new(),
            spoof: None,
            protected: Vec::new(),
            start: t_start,
            end: self.end(),
        };
        self.emit(sim, &em, &mut prng);
        (vref, tb, tb_end)
    }

    /// A second transmitter using `mmsi` far from the real ship.
    fn twin(&mut self, sim: &Sim, mmsi: u32, from: i64, to: i64, rng: &mut Rng) {
        let mut probe = sim.clone();
        probe.advance_to(from);
        let (b, d) = (
            rng.range(0.0, std::f64::consts::TAU),
            rng.range(150.0, 300.0) * METRES_PER_NM,
        );
        let place = offset(probe.position(), d * b.cos(), d * b.sin());
        let mut t = from;
        while t < to {
            let p = offset(place, rng.range(-30.0, 30.0), rng.range(-30.0, 30.0));
            self.positions
                .push(fix(mmsi, t, p, 0.2, rng.range(0.0, 360.0)));
            t += rng.int(180, 420);
        }
    }

    fn emit(&mut self, mut sim: Sim, em: &Emission, rng: &mut Rng) {
        let (lo, hi) = self.cfg.report_interval_s;
        let mut t = em.start + rng.int(0, hi);
        let mut next_static = t;
        let mut last_sent: Option<(u32, &str)> = None;
        while t < em.end {
            sim.advance_to(t);
            if sim.gone() {
                break;
            }
            if !em.dark.iter().any(|&(a, b)| t >= a && t < b) {
                let mmsi = value_at(&em.id.mmsis, t).copied().unwrap_or(0);
                let name = value_at(&em.id.names, t).map_or("", String::as_str);
                let mut p = sim.position();
                if let Some((s0, s1, (north, east))) = em.spoof {
                    if t >= s0 && t < s1 {
                        p = offset(p, north, east);
                    }
                }
                let p = offset(p, rng.range(-8.0, 8.0), rng.range(-8.0, 8.0));
                let sog = (sim.speed_knots() + rng.range(-0.2, 0.2)).max(0.0);
                self.positions.push(fix(mmsi, t, p, sog, sim.course()));
                if t >= next_static || last_sent != Some((mmsi, name)) {
                    self.statics.push(static_report(&em.id, mmsi, name, t));
                    next_static = t + rng.int(5 * HOUR, 7 * HOUR);
                    last_sent = Some((mmsi, name));
                }
            }
            t += rng.int(lo, hi);
        }
    }
}

fn identity(index: u32, rng: &mut Rng) -> Identity {
    let imo = imo_for(index);
    let mid = MIDS[rng.index(MIDS.len())];
    let name = format!("{} {}", NAME_A[rng.index(12)], NAME_B[rng.index(12)]);
    let ship_type = if rng.chance(0.7) { 80 } else { 70 } + rng.int(0, 4) as u8;
    Identity {
        mmsis: vec![(i64::MIN, mmsi_for(mid, imo, 0))],
        imo,
        names: vec![(i64::MIN, name)],
        ship_type,
        call_sign: format!("S{:05}", index % 100_000),
    }
}

/// A unique seven-digit IMO number with a valid check digit.
fn imo_for(index: u32) -> u32 {
    let body = 900_000 + index % 100_000;
    let sum: u32 = body
        .to_string()
        .bytes()
        .zip([7, 6, 5, 4, 3, 2])
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    body * 10 + sum % 10
}

/// MMSI from a MID and the vessel's IMO, so every vessel's are unique.
fn mmsi_for(mid: u32, imo: u32, variant: u32) -> u32 {
    mid * 1_000_000 + (imo / 10 % 100_000) * 4 % 900_000 + 100_000 + variant
}

fn distinct_mids(rng: &mut Rng, n: usize) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(n);
    while out.len() < n.min(MIDS.len()) {
        let m = MIDS[rng.index(MIDS.len())];
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// The entry of `values` (sorted by start time) in force at `t`.
fn value_at<T>(values: &[(i64, T)], t: i64) -> Option<&T> {
    values
        .iter()
        .rev()
        .find(|(from, _)| *from <= t)
        .map(|(_, v)| v)
}

fn fix(mmsi: u32, time: i64, p: GeoPoint, sog: f64, cog: f64) -> Position {
    Position {
        mmsi,
        time,
        lat: p.lat,
        lon: p.lon,
        sog_knots: Some((sog * 10.0).round() as f32 / 10.0),
        cog: Some((cog * 10.0).round() as f32 / 10.0),
        heading: Some(cog.round() as u16 % 360),
        source: PositionSource::Synthetic,
    }
}

fn add_dropouts(cfg: &ScenarioConfig, em: &mut Emission, rng: &mut Rng) {
    let days = (em.end - em.start) as f64 / DAY as f64;
    let n = (days * cfg.dropouts_per_day + rng.unit()).floor() as usize;
    for _ in 0..n {
        let dur = rng.int(15 * 60, 4 * HOUR);
        let s = rng.int(em.start, em.end - dur);
        let clash = |&(a, b): &(i64, i64)| s < b + PROTECT_MARGIN && s + dur + PROTECT_MARGIN > a;
        if em.protected.iter().any(clash) || em.dark.iter().any(clash) {
            continue;
        }
        em.dark.push((s, s + dur));
    }
}

fn static_report(id: &Identity, mmsi: u32, name: &str, t: i64) -> AisMessage {
    AisMessage {
        received_at: Some(t),
        source: Some("scenario".into()),
        channel: Some('A'),
        own_ship: false,
        message: Message::StaticVoyage(StaticVoyageData {
            repeat: 0,
            mmsi,
            ais_version: 0,
            imo: Some(id.imo),
            call_sign: id.call_sign.clone(),
            name: name.to_string(),
            ship_type: id.ship_type,
            dimensions: Dimensions {
                to_bow: 150,
                to_stern: 100,
                to_port: 20,
                to_starboard: 24,
            },
            epfd: 1,
            eta: Eta::default(),
            draught: Some(12.5),
            destination: "PORT SAID".to_string(),
            dte: false,
        }),
    }
}

fn listing(id: &Identity, flag: &str) -> ShadowFleetEntry {
    ShadowFleetEntry {
        imo: id.imo.to_string(),
        mmsi: vec![id.first_mmsi().to_string()],
        names: id.names.iter().map(|n| n.1.clone()).collect(),
        vessel_type: "Crude Oil Tanker".to_string(),
        operator: "Synthetic Shipping".to_string(),
        flag: flag.to_string(),
        cot: "a-s-S-X-M-O".to_string(),
        sanctions_origin: vec!["UK".to_string(), "OpenSanctions".to_string()],
        last_updated: "2024-03-01T00:00:00".to_string(),
    }
}

fn sanctioned_entity(id: &Identity) -> Entity {
    let mut e = Entity::new(format!("eu-annex-xlii-{}", id.imo), Schema::Vessel);
    if let Some((_, name)) = id.names.first() {
        e.add_name(Name::new(name.clone(), NameKind::Primary));
    }
    e.add_identifier(Identifier::new(IdKind::Imo, format!("IMO {}", id.imo)));
    if let Some(flag) = mid::flag_state(id.first_mmsi()) {
        e.add_country(CountryRole::Flag, flag);
    }
    let mut s = Sanction::new("European Union");
    s.program = Some("Regulation (EU) No 833/2014, Annex XLII".to_string());
    e.sanctions.push(s);
    e
}
