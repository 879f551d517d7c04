//! Type 4 (base station report) and type 11 (UTC/date response), which
//! share one layout.

use super::coordinates;
use crate::ais::bits::BitReader;
use crate::DecodeError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseStationReport {
    pub msg_type: u8,
    pub repeat: u8,
    pub mmsi: u32,
    /// UTC year; 0 is "not available".
    pub year: Option<u16>,
    /// 0 is "not available".
    pub month: Option<u8>,
    /// 0 is "not available".
    pub day: Option<u8>,
    /// 24 is "not available".
    pub hour: Option<u8>,
    /// 60 is "not available".
    pub minute: Option<u8>,
    /// 60 is "not available".
    pub second: Option<u8>,
    pub accuracy: bool,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub epfd: u8,
    pub raim: bool,
    pub radio: u32,
}

impl BaseStationReport {
    pub(super) fn decode(r: &mut BitReader<'_>, msg_type: u8) -> Result<Self, DecodeError> {
        r.require(168)?;
        let repeat = r.u8(2)?;
        let mmsi = r.u(30)?;
        let year = r.u16(14)?;
        let month = r.u8(4)?;
        let day = r.u8(5)?;
        let hour = r.u8(5)?;
        let minute = r.u8(6)?;
        let second = r.u8(6)?;
        let accuracy = r.flag()?;
        let (lon, lat) = coordinates(r, 28, 27, 10_000.0)?;
        let epfd = r.u8(4)?;
        r.skip(10)?;
        Ok(Self {
            msg_type,
            repeat,
            mmsi,
            year: (year != 0).then_some(year),
            month: (month != 0).then_some(month),
            day: (day != 0).then_some(day),
            hour: (hour != 24).then_some(hour),
            minute: (minute != 60).then_some(minute),
            second: (second != 60).then_some(second),
            accuracy,
            lon,
            lat,
            epfd,
            raim: r.flag()?,
            radio: r.u(19)?,
        })
    }
}
