//! Type 21: aid-to-navigation report (buoys, lights, virtual marks).

use super::{coordinates, Dimensions};
use crate::ais::bits::BitReader;
use crate::DecodeError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AidToNavigation {
    pub repeat: u8,
    pub mmsi: u32,
    /// 0 not specified, 1–15 fixed aids, 16–31 floating aids.
    pub aid_type: u8,
    /// The name with its extension (up to 14 more characters) appended.
    pub name: String,
    pub accuracy: bool,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub dimensions: Dimensions,
    pub epfd: u8,
    pub second: u8,
    pub off_position: bool,
    pub regional: u8,
    pub raim: bool,
    /// A virtual aid has no physical mark at the position.
    pub virtual_aid: bool,
    pub assigned: bool,
}

impl AidToNavigation {
    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(271)?;
        let repeat = r.u8(2)?;
        let mmsi = r.u(30)?;
        let aid_type = r.u8(5)?;
        let name = r.text(20)?;
        let accuracy = r.flag()?;
        let (lon, lat) = coordinates(r, 28, 27, 10_000.0)?;
        let dimensions = Dimensions::decode(r)?;
        let epfd = r.u8(4)?;
        let second = r.u8(6)?;
        let off_position = r.flag()?;
        let regional = r.u8(8)?;
        let raim = r.flag()?;
        let virtual_aid = r.flag()?;
        let assigned = r.flag()?;
        if r.remaining() > 0 {
            r.skip(1)?;
        }
        let extension = r.rest_text()?;
        Ok(Self {
            repeat,
            mmsi,
            aid_type,
            name: name + &extension,
            accuracy,
            lon,
            lat,
            dimensions,
            epfd,
            second,
            off_position,
            regional,
            raim,
            virtual_aid,
            assigned,
        })
    }
}
