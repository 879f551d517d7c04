//! Decoded AIS messages (ITU-R M.1371-5), one struct per message family.
//! Values are scaled to ordinary units; the "not available" codes become
//! `None`. Other out-of-range values are kept as sent, because a receiver
//! that filters them would hide spoofing evidence.

mod aid_to_navigation;
mod base_station;
mod position;
mod static_data;

pub use aid_to_navigation::AidToNavigation;
pub use base_station::BaseStationReport;
pub use position::{ClassBExtended, ClassBPosition, LongRangePosition, PositionReport, RateOfTurn};
pub use static_data::{Eta, StaticDataReport, StaticVoyageData};

use super::armour::Payload;
use super::bits::BitReader;
use crate::DecodeError;
use serde::Serialize;

/// One decoded AIS message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// Types 1, 2, 3: class A position report.
    Position(PositionReport),
    /// Types 4 and 11: base station report, UTC/date response.
    BaseStation(BaseStationReport),
    /// Type 5: class A static and voyage data.
    StaticVoyage(StaticVoyageData),
    /// Type 18: class B position report.
    ClassBPosition(ClassBPosition),
    /// Type 19: extended class B position report.
    ClassBExtended(ClassBExtended),
    /// Type 21: aid-to-navigation report.
    AidToNavigation(AidToNavigation),
    /// Type 24: class B static data report, part A or B.
    StaticDataReport(StaticDataReport),
    /// Type 27: long-range (satellite) position report.
    LongRange(LongRangePosition),
    /// Any other type: recognised, not decoded.
    Unsupported { msg_type: u8, mmsi: Option<u32> },
}

impl Message {
    /// Decodes a dearmoured payload given one `bool` per bit.
    pub fn decode(bits: &[bool]) -> Result<Message, DecodeError> {
        Self::decode_payload(&Payload::from_bits(bits)?)
    }

    /// Decodes a dearmoured, packed payload.
    pub fn decode_payload(payload: &Payload) -> Result<Message, DecodeError> {
        let mut r = BitReader::new(payload);
        r.require(6)?;
        let msg_type = r.u8(6)?;
        Ok(match msg_type {
            1..=3 => Message::Position(PositionReport::decode(&mut r, msg_type)?),
            4 | 11 => Message::BaseStation(BaseStationReport::decode(&mut r, msg_type)?),
            5 => Message::StaticVoyage(StaticVoyageData::decode(&mut r)?),
            18 => Message::ClassBPosition(ClassBPosition::decode(&mut r)?),
            19 => Message::ClassBExtended(ClassBExtended::decode(&mut r)?),
            21 => Message::AidToNavigation(AidToNavigation::decode(&mut r)?),
            24 => Message::StaticDataReport(StaticDataReport::decode(&mut r)?),
            27 => Message::LongRange(LongRangePosition::decode(&mut r)?),
            _ => {
                let mmsi = (r.bit_len() >= 38)
                    .then(|| r.u(2).and_then(|_| r.u(30)).ok())
                    .flatten();
                Message::Unsupported { msg_type, mmsi }
            }
        })
    }

    pub fn msg_type(&self) -> u8 {
        match self {
            Message::Position(m) => m.msg_type,
            Message::BaseStation(m) => m.msg_type,
            Message::StaticVoyage(_) => 5,
            Message::ClassBPosition(_) => 18,
            Message::ClassBExtended(_) => 19,
            Message::AidToNavigation(_) => 21,
            Message::StaticDataReport(_) => 24,
            Message::LongRange(_) => 27,
            Message::Unsupported { msg_type, .. } => *msg_type,
        }
    }

    /// The sending station's MMSI.
    pub fn mmsi(&self) -> Option<u32> {
        Some(match self {
            Message::Position(m) => m.mmsi,
            Message::BaseStation(m) => m.mmsi,
            Message::StaticVoyage(m) => m.mmsi,
            Message::ClassBPosition(m) => m.mmsi,
            Message::ClassBExtended(m) => m.position.mmsi,
            Message::AidToNavigation(m) => m.mmsi,
            Message::StaticDataReport(m) => m.mmsi(),
            Message::LongRange(m) => m.mmsi,
            Message::Unsupported { mmsi, .. } => return *mmsi,
        })
    }
}

/// Reference-point distances in metres (bow, stern, port, starboard), as
/// type 5, 19, 21 and 24B carry them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Dimensions {
    pub to_bow: u16,
    pub to_stern: u16,
    pub to_port: u8,
    pub to_starboard: u8,
}

impl Dimensions {
    fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        Ok(Self {
            to_bow: r.u16(9)?,
            to_stern: r.u16(9)?,
            to_port: r.u8(6)?,
            to_starboard: r.u8(6)?,
        })
    }

    /// Overall length, if the sender gave both ends.
    pub fn length(&self) -> Option<u16> {
        (self.to_bow > 0 && self.to_stern > 0).then(|| self.to_bow + self.to_stern)
    }

    /// Overall beam, if the sender gave both sides.
    pub fn beam(&self) -> Option<u8> {
        (self.to_port > 0 && self.to_starboard > 0)
            .then(|| self.to_port.saturating_add(self.to_starboard))
    }
}

/// Longitude and latitude fields in `unit`ths of a minute, with the
/// 181°/91° "not available" codes mapped to `None`.
fn coordinates(
    r: &mut BitReader<'_>,
    lon_bits: usize,
    lat_bits: usize,
    unit: f64,
) -> Result<(Option<f64>, Option<f64>), DecodeError> {
    let lon = r.i(lon_bits)?;
    let lat = r.i(lat_bits)?;
    Ok(scale_coordinates(lon, lat, unit))
}

/// [`coordinates`] for raw field values.
#[inline(always)]
fn scale_coordinates(lon: i32, lat: i32, unit: f64) -> (Option<f64>, Option<f64>) {
    let per_degree = 60.0 * unit;
    let na_lon = (181.0 * per_degree) as i32;
    let na_lat = (91.0 * per_degree) as i32;
    let lon = (lon != na_lon).then(|| f64::from(lon) / per_degree);
    let lat = (lat != na_lat).then(|| f64::from(lat) / per_degree);
    (lon, lat)
}

/// Speed over ground in 1/10 knot; 1023 is "not available".
fn speed(r: &mut BitReader<'_>) -> Result<Option<f64>, DecodeError> {
    r.u(10).map(scale_speed)
}

#[inline(always)]
fn scale_speed(raw: u32) -> Option<f64> {
    (raw != 1023).then(|| f64::from(raw) / 10.0)
}

/// Course over ground in 1/10°; 3600 is "not available".
fn course(r: &mut BitReader<'_>) -> Result<Option<f64>, DecodeError> {
    r.u(12).map(scale_course)
}

#[inline(always)]
fn scale_course(raw: u32) -> Option<f64> {
    (raw != 3600).then(|| f64::from(raw) / 10.0)
}

/// True heading in degrees; 511 is "not available".
fn heading(r: &mut BitReader<'_>) -> Result<Option<u16>, DecodeError> {
    r.u(9).map(scale_heading)
}

#[inline(always)]
fn scale_heading(raw: u32) -> Option<u16> {
    (raw != 511).then_some(raw as u16)
}
