//! The vessel registry: identities keyed by IMO number and MMSI, with every
//! name, flag, call sign, ship type and size ever seen, when it was first
//! and last seen, and which evidence said so — AIS static reports, MID
//! flag states, sanctions lists and shadow-fleet lists.

use crate::ais::bits::trim_text;
use crate::ais::message::{Dimensions, StaticDataReport};
use crate::ais::{mid, AisMessage, Message};
use crate::shadowfleet::ShadowFleetEntry;
use meldpunt_model::{
    country_code, normalize_identifier, validate_imo, CountryRole, Entity, IdKind, Schema,
};
use serde::{Deserialize, Serialize};

/// Which source vouches for an observation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// AIS static data (type 5, 19 or 24) sent by `mmsi`.
    AisStatic { msg_type: u8, mmsi: u32 },
    /// The flag state the MMSI's MID stands for; self-declared by the
    /// transponder, not a registration.
    MmsiMid { mmsi: u32 },
    /// A sanctions list entry (EU Annex XLII, OFAC, UN, UK…).
    SanctionsList {
        authority: String,
        entity_id: String,
    },
    /// A shadow-fleet list entry and the lists it credits.
    ShadowFleetList { list: String, origins: Vec<String> },
    /// A flag registration from a register or port-state record.
    Registration { register: String },
}

impl Evidence {
    /// True when the evidence is an official or list declaration rather
    /// than what the ship's own transponder says.
    pub fn is_declaration(&self) -> bool {
        matches!(
            self,
            Evidence::SanctionsList { .. }
                | Evidence::ShadowFleetList { .. }
                | Evidence::Registration { .. }
        )
    }
}

/// One value of an identity attribute and the span it was seen over; list
/// evidence carries no times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observed<T> {
    pub value: T,
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
    pub evidence: Evidence,
}

/// Coarse ship categories: what spoofing speed limits and risk need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipCategory {
    Tanker,
    Cargo,
    Passenger,
    Fishing,
    HighSpeed,
    Other,
    Unknown,
}

impl ShipCategory {
    /// From the AIS "type of ship and cargo" code (ITU-R M.1371 table 53).
    pub fn from_ais(code: u8) -> Self {
        match code {
            80..=89 => Self::Tanker,
            70..=79 => Self::Cargo,
            60..=69 => Self::Passenger,
            40..=49 => Self::HighSpeed,
            30 => Self::Fishing,
            0 => Self::Unknown,
            _ => Self::Other,
        }
    }

    /// From a list's wording ("Crude Oil Tanker", "Bulk Carrier"…).
    pub fn from_text(text: &str) -> Self {
        let t = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["tanker", "lpg", "lng", "oil", "chemical"]) {
            Self::Tanker
        } else if has(&["cargo", "bulk", "container", "carrier", "ro-ro", "reefer"]) {
            Self::Cargo
        } else if has(&["passenger", "ferry", "cruise"]) {
            Self::Passenger
        } else if has(&["fishing", "trawler"]) {
            Self::Fishing
        } else if t.trim().is_empty() {
            Self::Unknown
        } else {
            Self::Other
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipType {
    pub category: ShipCategory,
    /// `AIS 80` for a transponder code, else the list's wording.
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    pub length_m: u16,
    pub beam_m: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    Sanctions,
    ShadowFleet,
}

/// The vessel appears on a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub kind: ListingKind,
    /// "European Union", "OFAC", or the shadow-fleet list's credited origins.
    pub authority: String,
    /// The list's own reference or entity id.
    pub reference: String,
}

/// Everything known about one vessel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VesselRecord {
    pub imo: Option<u32>,
    pub mmsis: Vec<Observed<u32>>,
    pub names: Vec<Observed<String>>,
    /// Lower-case ISO 3166-1 alpha-2 codes.
    pub flags: Vec<Observed<String>>,
    pub call_signs: Vec<Observed<String>>,
    pub ship_types: Vec<Observed<ShipType>>,
    pub sizes: Vec<Observed<Size>>,
    pub listings: Vec<Listing>,
    /// Set when this record was folded into another one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<usize>,
}

impl VesselRecord {
    /// Whether any AIS transmission vouches for this vessel: listed ships
    /// never seen on AIS are outside what the detectors watch.
    pub fn seen_on_ais(&self) -> bool {
        self.mmsis
            .iter()
            .any(|m| matches!(m.evidence, Evidence::AisStatic { .. }))
    }

    /// The category of the latest typed observation, AIS first.
    pub fn category(&self) -> ShipCategory {
        self.ship_types
            .iter()
            .filter(|t| t.value.category != ShipCategory::Unknown)
            .max_by_key(|t| t.last_seen.unwrap_or(i64::MIN))
            .map_or(ShipCategory::Unknown, |t| t.value.category)
    }
}

/// Counts from reading a list into the registry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ListStats {
    pub entries: usize,
    pub added: usize,
    pub invalid_imo: usize,
    pub with_flag: usize,
}

/// Vessel identities, looked up by IMO or MMSI.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    vessels: Vec<VesselRecord>,
    // Seeded foldhash, not SipHash: MMSIs and IMOs are looked up for every
    // static message; see `Tracks` for the HashDoS trade-off.
    by_imo: foldhash::HashMap<u32, usize>,
    by_mmsi: foldhash::HashMap<u32, usize>,
}

/// Upper-case words of letters and digits, so "Jal_Vahini" and "JAL VAHINI"
/// count as one name rather than a rename.
pub fn normalize_name(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A seven-digit IMO number whose check digit holds.
pub fn parse_imo(text: &str) -> Option<u32> {
    let digits = normalize_identifier(IdKind::Imo, text);
    validate_imo(&digits).ok()?;
    digits.parse().ok()
}

fn observe<T: PartialEq>(
    list: &mut Vec<Observed<T>>,
    value: T,
    time: Option<i64>,
    evidence: Evidence,
) {
    if let Some(o) = list
        .iter_mut()
        .find(|o| o.value == value && o.evidence == evidence)
    {
        if let Some(t) = time {
            o.first_seen = Some(o.first_seen.map_or(t, |f| f.min(t)));
            o.last_seen = Some(o.last_seen.map_or(t, |l| l.max(t)));
        }
        return;
    }
    list.push(Observed {
        value,
        first_seen: time,
        last_seen: time,
        evidence,
    });
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Live (not merged) records.
    pub fn iter(&self) -> impl Iterator<Item = &VesselRecord> {
        self.vessels.iter().filter(|v| v.merged_into.is_none())
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn by_imo(&self, imo: u32) -> Option<&VesselRecord> {
        self.by_imo.get(&imo).and_then(|&i| self.vessels.get(i))
    }

    /// The vessel that last used this MMSI.
    pub fn by_mmsi(&self, mmsi: u32) -> Option<&VesselRecord> {
        self.by_mmsi.get(&mmsi).and_then(|&i| self.vessels.get(i))
    }

    pub fn category(&self, mmsi: u32) -> ShipCategory {
        self.by_mmsi(mmsi)
            .map_or(ShipCategory::Unknown, VesselRecord::category)
    }

    /// Records the static data in an AIS message (types 5, 19, 24); other
    /// messages are ignored. Returns whether anything was recorded.
    pub fn observe_ais(&mut self, message: &AisMessage) -> bool {
        let time = message.received_at;
        match &message.message {
            Message::StaticVoyage(m) => {
                let imo = m.imo.filter(|i| validate_imo(&format!("{i:07}")).is_ok());
                let idx = self.vessel_for_ais(imo, m.mmsi, time, 5);
                let ev = Evidence::AisStatic {
                    msg_type: 5,
                    mmsi: m.mmsi,
                };
                self.name(idx, &m.name, time, &ev);
                self.call_sign(idx, &m.call_sign, time, &ev);
                self.ais_type(idx, m.ship_type, time, &ev);
                self.size(idx, &m.dimensions, time, &ev);
            }
            Message::ClassBExtended(m) => {
                let mmsi = m.position.mmsi;
                let idx = self.vessel_for_ais(None, mmsi, time, 19);
                let ev = Evidence::AisStatic { msg_type: 19, mmsi };
                self.name(idx, &m.name, time, &ev);
                self.ais_type(idx, m.ship_type, time, &ev);
                self.size(idx, &m.dimensions, time, &ev);
            }
            Message::StaticDataReport(StaticDataReport::A { mmsi, name, .. }) => {
                let idx = self.vessel_for_ais(None, *mmsi, time, 24);
                let ev = Evidence::AisStatic {
                    msg_type: 24,
                    mmsi: *mmsi,
                };
                self.name(idx, name, time, &ev);
            }
            Message::StaticDataReport(StaticDataReport::B {
                mmsi,
                ship_type,
                call_sign,
                dimensions,
                ..
            }) => {
                let idx = self.vessel_for_ais(None, *mmsi, time, 24);
                let ev = Evidence::AisStatic {
                    msg_type: 24,
                    mmsi: *mmsi,
                };
                self.call_sign(idx, call_sign, time, &ev);
                self.ais_type(idx, *ship_type, time, &ev);
                self.size(idx, dimensions, time, &ev);
            }
            _ => return false,
        }
        true
    }

    /// Records a flag registration (e.g. from a ship register) for the
    /// vessel with this IMO, creating the record if needed.
    pub fn declare_flag(&mut self, imo: u32, flag: &str, time: Option<i64>, evidence: Evidence) {
        let idx = self.vessel_for_imo(imo);
        if let Some(code) = country_code(flag) {
            observe(&mut self.vessels[idx].flags, code, time, evidence);
        }
    }

    /// Adds a sanctions-list entity of schema Vessel; others are ignored,
    /// as are vessels with neither a valid IMO nor a nine-digit MMSI.
    pub fn add_entity(&mut self, entity: &Entity) -> bool {
        if entity.schema != Schema::Vessel {
            return false;
        }
        let imo = entity
            .identifiers_of(IdKind::Imo)
            .find_map(|i| parse_imo(&i.value));
        let mmsis: Vec<u32> = entity
            .identifiers_of(IdKind::Mmsi)
            .filter(|i| i.validate().is_ok())
            .filter_map(|i| i.normalized().parse().ok())
            .collect();
        let idx = match (imo, mmsis.first()) {
            (Some(imo), _) => self.vessel_for_imo(imo),
            (None, Some(&mmsi)) => self.vessel_for_mmsi(mmsi),
            (None, None) => return false,
        };
        let authority = entity
            .sanctions
            .first()
            .map_or_else(|| "unknown".to_string(), |s| s.authority.clone());
        let ev = Evidence::SanctionsList {
            authority: authority.clone(),
            entity_id: entity.id.clone(),
        };
        for mmsi in mmsis {
            self.link_mmsi(idx, mmsi, None, &ev);
        }
        let v = &mut self.vessels[idx];
        for name in &entity.names {
            observe(&mut v.names, name.value.clone(), None, ev.clone());
        }
        let past_flags = entity.properties.get("pastFlags").into_iter().flatten();
        let flags = entity
            .countries_with(CountryRole::Flag)
            .map(str::to_string)
            .chain(past_flags.filter_map(|f| country_code(f)));
        for flag in flags {
            observe(&mut v.flags, flag, None, ev.clone());
        }
        for cs in entity.identifiers_of(IdKind::CallSign) {
            observe(&mut v.call_signs, cs.normalized(), None, ev.clone());
        }
        for text in entity.properties.get("type").into_iter().flatten() {
            let t = ShipType {
                category: ShipCategory::from_text(text),
                description: text.clone(),
            };
            observe(&mut v.ship_types, t, None, ev.clone());
        }
        let listings = entity.sanctions.iter().map(|s| Listing {
            kind: ListingKind::Sanctions,
            authority: s.authority.clone(),
            reference: s.source_ref.clone().unwrap_or_else(|| entity.id.clone()),
        });
        let listings: Vec<Listing> = if entity.sanctions.is_empty() {
            vec![Listing {
                kind: ListingKind::Sanctions,
                authority,
                reference: entity.id.clone(),
            }]
        } else {
            listings.collect()
        };
        for l in listings {
            if !v.listings.contains(&l) {
                v.listings.push(l);
            }
        }
        true
    }

    /// Adds shadow-fleet list entries; those whose IMO fails the check
    /// digit are counted and skipped, since the IMO is the only stable key.
    pub fn add_shadow_fleet(&mut self, entries: &[ShadowFleetEntry], list: &str) -> ListStats {
        let mut stats = ListStats {
            entries: entries.len(),
            ..ListStats::default()
        };
        for e in entries {
            let Some(imo) = parse_imo(&e.imo) else {
                stats.invalid_imo += 1;
                continue;
            };
            stats.added += 1;
            let idx = self.vessel_for_imo(imo);
            let ev = Evidence::ShadowFleetList {
                list: list.to_string(),
                origins: e.sanctions_origin.clone(),
            };
            for mmsi in e.mmsis() {
                self.link_mmsi(idx, mmsi, None, &ev);
            }
            let flags = e.flags();
            stats.with_flag += usize::from(!flags.is_empty());
            let v = &mut self.vessels[idx];
            for flag in flags {
                observe(&mut v.flags, flag, None, ev.clone());
            }
            for name in e.names.iter().filter(|n| !n.is_empty()) {
                observe(&mut v.names, name.clone(), None, ev.clone());
            }
            if !e.vessel_type.is_empty() {
                let t = ShipType {
                    category: ShipCategory::from_text(&e.vessel_type),
                    description: e.vessel_type.clone(),
                };
                observe(&mut v.ship_types, t, None, ev.clone());
            }
            let listing = Listing {
                kind: ListingKind::ShadowFleet,
                authority: e.sanctions_origin.join(", "),
                reference: list.to_string(),
            };
            if !v.listings.contains(&listing) {
                v.listings.push(listing);
            }
        }
        stats
    }

    fn vessel_for_imo(&mut self, imo: u32) -> usize {
        if let Some(&idx) = self.by_imo.get(&imo) {
            return idx;
        }
        self.vessels.push(VesselRecord {
            imo: Some(imo),
            ..VesselRecord::default()
        });
        let idx = self.vessels.len() - 1;
        self.by_imo.insert(imo, idx);
        idx
    }

    fn vessel_for_mmsi(&mut self, mmsi: u32) -> usize {
        if let Some(&idx) = self.by_mmsi.get(&mmsi) {
            return idx;
        }
        self.vessels.push(VesselRecord::default());
        let idx = self.vessels.len() - 1;
        self.by_mmsi.insert(mmsi, idx);
        idx
    }

    /// The record an AIS static report belongs to. An MMSI-only record that
    /// now reports an IMO is folded into that IMO's record; an MMSI last
    /// used by a different IMO is taken over by the new one, since MMSIs
    /// are reissued and hijacked while IMO numbers stay with the hull.
    fn vessel_for_ais(
        &mut self,
        imo: Option<u32>,
        mmsi: u32,
        time: Option<i64>,
        msg_type: u8,
    ) -> usize {
        let idx = match imo {
            None => self.vessel_for_mmsi(mmsi),
            Some(imo) => {
                let target = self.vessel_for_imo(imo);
                if let Some(&old) = self.by_mmsi.get(&mmsi) {
                    if old != target && self.vessels[old].imo.is_none() {
                        self.merge(old, target);
                    }
                }
                target
            }
        };
        let ev = Evidence::AisStatic { msg_type, mmsi };
        self.link_mmsi(idx, mmsi, time, &ev);
        idx
    }

    fn link_mmsi(&mut self, idx: usize, mmsi: u32, time: Option<i64>, ev: &Evidence) {
        self.by_mmsi.insert(mmsi, idx);
        let v = &mut self.vessels[idx];
        observe(&mut v.mmsis, mmsi, time, ev.clone());
        if time.is_some() {
            if let Some(flag) = mid::flag_state(mmsi) {
                observe(
                    &mut v.flags,
                    flag.to_lowercase(),
                    time,
                    Evidence::MmsiMid { mmsi },
                );
            }
        }
    }

    fn merge(&mut self, from: usize, into: usize) {
        let old = std::mem::take(&mut self.vessels[from]);
        self.vessels[from].merged_into = Some(into);
        for o in old.mmsis {
            self.by_mmsi.insert(o.value, into);
            observe_all(&mut self.vessels[into].mmsis, o);
        }
        let v = &mut self.vessels[into];
        old.names
            .into_iter()
            .for_each(|o| observe_all(&mut v.names, o));
        old.flags
            .into_iter()
            .for_each(|o| observe_all(&mut v.flags, o));
        old.call_signs
            .into_iter()
            .for_each(|o| observe_all(&mut v.call_signs, o));
        old.ship_types
            .into_iter()
            .for_each(|o| observe_all(&mut v.ship_types, o));
        old.sizes
            .into_iter()
            .for_each(|o| observe_all(&mut v.sizes, o));
        v.listings.extend(old.listings);
    }

    fn name(&mut self, idx: usize, name: &str, time: Option<i64>, ev: &Evidence) {
        let name = trim_text(name).trim();
        if !name.is_empty() {
            observe(
                &mut self.vessels[idx].names,
                name.to_string(),
                time,
                ev.clone(),
            );
        }
    }

    fn call_sign(&mut self, idx: usize, cs: &str, time: Option<i64>, ev: &Evidence) {
        let cs = trim_text(cs).trim();
        if !cs.is_empty() {
            observe(
                &mut self.vessels[idx].call_signs,
                cs.to_string(),
                time,
                ev.clone(),
            );
        }
    }

    fn ais_type(&mut self, idx: usize, code: u8, time: Option<i64>, ev: &Evidence) {
        if code != 0 {
            let t = ShipType {
                category: ShipCategory::from_ais(code),
                description: format!("AIS {code}"),
            };
            observe(&mut self.vessels[idx].ship_types, t, time, ev.clone());
        }
    }

    fn size(&mut self, idx: usize, d: &Dimensions, time: Option<i64>, ev: &Evidence) {
        if let (Some(length_m), Some(beam)) = (d.length(), d.beam()) {
            let s = Size {
                length_m,
                beam_m: u16::from(beam),
            };
            observe(&mut self.vessels[idx].sizes, s, time, ev.clone());
        }
    }
}

fn observe_all<T: PartialEq + Clone>(list: &mut Vec<Observed<T>>, o: Observed<T>) {
    for t in [o.first_seen, o.last_seen] {
        observe(list, o.value.clone(), t, o.evidence.clone());
    }
}
