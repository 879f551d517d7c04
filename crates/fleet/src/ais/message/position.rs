//! Position reports: class A (types 1–3), class B (18, 19) and long-range
//! satellite reports (27).

use super::{
    coordinates, course, heading, scale_coordinates, scale_course, scale_heading, scale_speed,
    speed, Dimensions,
};
use crate::ais::bits::BitReader;
use crate::DecodeError;
use serde::Serialize;

/// Types 1, 2 and 3 (SOTDMA, SOTDMA, ITDMA); the layout is the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionReport {
    pub msg_type: u8,
    pub repeat: u8,
    pub mmsi: u32,
    /// Navigational status, 0–15 (0 under way using engine, 1 at anchor,
    /// 5 moored, 7 engaged in fishing, 15 not defined).
    pub status: u8,
    pub rot: RateOfTurn,
    /// Knots; 102.2 means 102.2 knots or more.
    pub sog: Option<f64>,
    /// True: position accurate to better than 10 m (DGNSS).
    pub accuracy: bool,
    /// Degrees east.
    pub lon: Option<f64>,
    /// Degrees north.
    pub lat: Option<f64>,
    /// Degrees.
    pub cog: Option<f64>,
    /// Degrees.
    pub heading: Option<u16>,
    /// UTC second of the fix; 60 = not available, 61–63 = no fix.
    pub second: u8,
    pub maneuver: u8,
    pub raim: bool,
    /// The raw communication state (sync state, slot timeout, sub-message).
    pub radio: u32,
}

/// Rate of turn as ITU-R M.1371 encodes it: `ROT_AIS = 4.733·√ROT`, signed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    content = "degrees_per_minute",
    rename_all = "snake_case"
)]
pub enum RateOfTurn {
    NotAvailable,
    /// +127: turning right at more than 5° per 30 s, no turn indicator.
    RightFast,
    /// −127: turning left at more than 5° per 30 s, no turn indicator.
    LeftFast,
    /// Degrees per minute, negative to port.
    Rate(f64),
}

impl RateOfTurn {
    pub fn from_raw(raw: i8) -> Self {
        match raw {
            -128 => Self::NotAvailable,
            127 => Self::RightFast,
            -127 => Self::LeftFast,
            r => {
                let magnitude = (f64::from(r) / 4.733).powi(2);
                Self::Rate(if r < 0 { -magnitude } else { magnitude })
            }
        }
    }
}

impl PositionReport {
    /// Reads the fixed layout at constant bit positions: these reports are
    /// nearly every message of a feed.
    pub(super) fn decode(r: &mut BitReader<'_>, msg_type: u8) -> Result<Self, DecodeError> {
        r.require(168)?;
        let (lon, lat) = scale_coordinates(r.at_signed(61, 28), r.at_signed(89, 27), 10_000.0);
        let report = Self {
            msg_type,
            repeat: r.at(6, 2) as u8,
            mmsi: r.at(8, 30),
            status: r.at(38, 4) as u8,
            rot: RateOfTurn::from_raw(r.at_signed(42, 8) as i8),
            sog: scale_speed(r.at(50, 10)),
            accuracy: r.at_flag(60),
            lon,
            lat,
            cog: scale_course(r.at(116, 12)),
            heading: scale_heading(r.at(128, 9)),
            second: r.at(137, 6) as u8,
            maneuver: r.at(143, 2) as u8,
            // 145..148 spare.
            raim: r.at_flag(148),
            radio: r.at(149, 19),
        };
        r.seek(168)?;
        Ok(report)
    }
}

/// Type 18, and the position part of type 19.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassBPosition {
    pub repeat: u8,
    pub mmsi: u32,
    /// Knots.
    pub sog: Option<f64>,
    pub accuracy: bool,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub cog: Option<f64>,
    pub heading: Option<u16>,
    pub second: u8,
    /// Carrier-sense (CS) unit rather than SOTDMA.
    pub cs_unit: bool,
    pub display: bool,
    pub dsc: bool,
    pub band: bool,
    /// Accepts channel management by message 22.
    pub msg22: bool,
    pub assigned: bool,
    pub raim: bool,
    pub radio: u32,
}

impl ClassBPosition {
    /// Fixed layout, read as [`PositionReport::decode`] does.
    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(168)?;
        let (lon, lat) = scale_coordinates(r.at_signed(57, 28), r.at_signed(85, 27), 10_000.0);
        let report = Self {
            repeat: r.at(6, 2) as u8,
            mmsi: r.at(8, 30),
            // 38..46 regional reserved.
            sog: scale_speed(r.at(46, 10)),
            accuracy: r.at_flag(56),
            lon,
            lat,
            cog: scale_course(r.at(112, 12)),
            heading: scale_heading(r.at(124, 9)),
            second: r.at(133, 6) as u8,
            // 139..141 regional reserved.
            cs_unit: r.at_flag(141),
            display: r.at_flag(142),
            dsc: r.at_flag(143),
            band: r.at_flag(144),
            msg22: r.at_flag(145),
            assigned: r.at_flag(146),
            raim: r.at_flag(147),
            radio: r.at(148, 20),
        };
        r.seek(168)?;
        Ok(report)
    }
}

type ClassBHead = (
    u8,
    u32,
    Option<f64>,
    bool,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<u16>,
    u8,
);

/// The fields types 18 and 19 share, up to the time stamp.
fn class_b_head(r: &mut BitReader<'_>) -> Result<ClassBHead, DecodeError> {
    let repeat = r.u8(2)?;
    let mmsi = r.u(30)?;
    r.skip(8)?;
    let sog = speed(r)?;
    let accuracy = r.flag()?;
    let (lon, lat) = coordinates(r, 28, 27, 10_000.0)?;
    Ok((
        repeat,
        mmsi,
        sog,
        accuracy,
        lon,
        lat,
        course(r)?,
        heading(r)?,
        r.u8(6)?,
    ))
}

/// Type 19: a class B position with the vessel's static data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassBExtended {
    /// The position; type 19 has no CS/display/DSC/band/msg22 flags (false)
    /// and no radio state (0).
    pub position: ClassBPosition,
    pub name: String,
    pub ship_type: u8,
    pub dimensions: Dimensions,
    /// Position fixing device (1 GPS, 2 GLONASS…; 0 undefined).
    pub epfd: u8,
    /// Data terminal not ready.
    pub dte: bool,
}

impl ClassBExtended {
    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(308)?;
        let (repeat, mmsi, sog, accuracy, lon, lat, cog, heading, second) = class_b_head(r)?;
        r.skip(4)?;
        let name = r.text(20)?;
        let ship_type = r.u8(8)?;
        let dimensions = Dimensions::decode(r)?;
        let epfd = r.u8(4)?;
        let raim = r.flag()?;
        let dte = r.flag()?;
        let assigned = r.flag()?;
        let position = ClassBPosition {
            repeat,
            mmsi,
            sog,
            accuracy,
            lon,
            lat,
            cog,
            heading,
            second,
            cs_unit: false,
            display: false,
            dsc: false,
            band: false,
            msg22: false,
            assigned,
            raim,
            radio: 0,
        };
        Ok(Self {
            position,
            name,
            ship_type,
            dimensions,
            epfd,
            dte,
        })
    }
}

/// Type 27: coarse position for satellite reception, in 1/10 minute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongRangePosition {
    pub repeat: u8,
    pub mmsi: u32,
    pub accuracy: bool,
    pub raim: bool,
    pub status: u8,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    /// Whole knots; 63 is "not available".
    pub sog: Option<u8>,
    /// Whole degrees; 511 is "not available".
    pub cog: Option<u16>,
    /// True: the position is older than 5 seconds.
    pub position_latency: bool,
}

impl LongRangePosition {
    pub(super) fn decode(r: &mut BitReader<'_>) -> Result<Self, DecodeError> {
        r.require(95)?;
        let repeat = r.u8(2)?;
        let mmsi = r.u(30)?;
        let accuracy = r.flag()?;
        let raim = r.flag()?;
        let status = r.u8(4)?;
        let (lon, lat) = coordinates(r, 18, 17, 10.0)?;
        let sog = r.u8(6)?;
        let cog = r.u16(9)?;
        Ok(Self {
            repeat,
            mmsi,
            accuracy,
            raim,
            status,
            lon,
            lat,
            sog: (sog != 63).then_some(sog),
            cog: (cog != 511).then_some(cog),
            position_latency: r.flag()?,
        })
    }
}
