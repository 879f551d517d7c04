//! Static and voyage data: type 5 (class A) and type 24 (class B, parts A
//! and B). These carry the identity fields sanctions screening matches on:
//! IMO number, call sign, name, ship type.

use super::Dimensions;
use crate::ais::bits::BitReader;
use crate::DecodeError;
use serde::Serialize;

/// Type 5.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaticVoyageData {
    pub repeat: u8,
    pub mmsi: u32,
    pub ais_version: u8,
    /// 0 is "not available". Not check-digit validated here: a wrong IMO
    /// number is itself a finding.
    pub imo: Option<u32>,
    pub call_sign: String,
    pub name: String,
    /// 0 is "not available"; 70–79 cargo, 80–89 tanker…
    pub ship_type: u8,
    pub dimensions: Dimensions,
    pub epfd: u8,
    pub eta: Eta,
    /// Metres; 0 is "not available".
    pub draught: Option<f64>,
    pub destination: String,
    pub dte: bool,
}

/// Estimated time of arrival, UTC, without a year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Eta {
    /// 0 is "not available".
    pub month: Option<u8>,
    /// 0 is "not available".
    pub day: Option<u8>,
    /// 24 is "not available".
    pub hour: Option<u8>,
    /// 60 is "not available".
    pub minute: Option<u8>,
}

impl StaticVoyageData {
    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(423)?;
        let repeat = r.u8(2)?;
        let mmsi = r.u(30)?;
        let ais_version = r.u8(2)?;
        let imo = r.u(30)?;
        let call_sign = r.text(7)?;
        let name = r.text(20)?;
        let ship_type = r.u8(8)?;
        let dimensions = Dimensions::decode(r)?;
        let epfd = r.u8(4)?;
        let eta = Eta::decode(r)?;
        let draught = r.u8(8)?;
        Ok(Self {
            repeat,
            mmsi,
            ais_version,
            imo: (imo != 0).then_some(imo),
            call_sign,
            name,
            ship_type,
            dimensions,
            epfd,
            eta,
            draught: (draught != 0).then(|| f64::from(draught) / 10.0),
            destination: r.text(20)?,
            dte: r.flag()?,
        })
    }
}

impl Eta {
    fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        let month = r.u8(4)?;
        let day = r.u8(5)?;
        let hour = r.u8(5)?;
        let minute = r.u8(6)?;
        Ok(Self {
            month: (month != 0).then_some(month),
            day: (day != 0).then_some(day),
            hour: (hour != 24).then_some(hour),
            minute: (minute != 60).then_some(minute),
        })
    }
}

/// Type 24: class B units send their static data in two parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "variant", rename_all = "snake_case")]
pub enum StaticDataReport {
    /// Part A: the name.
    A { repeat: u8, mmsi: u32, name: String },
    /// Part B: type, vendor, call sign, dimensions.
    B {
        repeat: u8,
        mmsi: u32,
        ship_type: u8,
        vendor_id: String,
        model: u8,
        serial: u32,
        call_sign: String,
        /// Unset for auxiliary craft, which send their mothership instead.
        dimensions: Dimensions,
        /// For auxiliary craft (MMSI 98xxxxxxx).
        mothership_mmsi: Option<u32>,
    },
    /// Parts 2 and 3 are reserved.
    Reserved { repeat: u8, mmsi: u32, part: u8 },
}

impl StaticDataReport {
    pub fn mmsi(&self) -> u32 {
        match self {
            Self::A { mmsi, .. } | Self::B { mmsi, .. } | Self::Reserved { mmsi, .. } => *mmsi,
        }
    }

    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(40)?;
        let repeat = r.u8(2)?;
        let mmsi = r.u(30)?;
        match r.u8(2)? {
            0 => {
                r.require(160)?;
                Ok(Self::A {
                    repeat,
                    mmsi,
                    name: r.text(20)?,
                })
            }
            1 => Self::decode_part_b(r, repeat, mmsi),
            part => Ok(Self::Reserved { repeat, mmsi, part }),
        }
    }

    fn decode_part_b(r: &mut BitReader<'_>, repeat: u8, mmsi: u32) -> Result<Self, DecodeError> {
        r.require(162)?;
        let ship_type = r.u8(8)?;
        let vendor_id = r.text(3)?;
        let model = r.u8(4)?;
        let serial = r.u(20)?;
        let call_sign = r.text(7)?;
        let auxiliary = mmsi / 10_000_000 == 98;
        let (dimensions, mothership_mmsi) = if auxiliary {
            (Dimensions::default(), Some(r.u(30)?))
        } else {
            (Dimensions::decode(r)?, None)
        };
        Ok(Self::B {
            repeat,
            mmsi,
            ship_type,
            vendor_id,
            model,
            serial,
            call_sign,
            dimensions,
            mothership_mmsi,
        })
    }
}
