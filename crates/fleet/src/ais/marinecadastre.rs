//! Decoded AIS positions in the NOAA MarineCadastre CSV layout
//! (`MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,
//! VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass`), read into
//! the same message types the NMEA decoder produces, so later stages need
//! not care where a track came from.

use super::message::{
    ClassBPosition, Dimensions, Eta, Message, PositionReport, RateOfTurn, StaticVoyageData,
};
use super::time::unix_time;
use crate::DecodeError;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One CSV row.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `BaseDateTime`, Unix seconds (UTC).
    pub received_at: i64,
    /// `Message::Position` (class A, status and all) or
    /// `Message::ClassBPosition` (`TransceiverClass` B).
    pub position: Message,
    /// The static columns, when any is filled. `Length`/`Width` become
    /// dimensions split evenly about the reference point, which keeps
    /// `Dimensions::length`/`beam` exact; the real offsets are not in the
    /// file.
    pub static_data: Option<StaticVoyageData>,
}

const COLUMNS: [&str; 17] = [
    "MMSI",
    "BaseDateTime",
    "LAT",
    "LON",
    "SOG",
    "COG",
    "Heading",
    "VesselName",
    "IMO",
    "CallSign",
    "VesselType",
    "Status",
    "Length",
    "Width",
    "Draft",
    "Cargo",
    "TransceiverClass",
];

/// Streams [`Record`]s; every error names the file and line.
pub struct Reader<R> {
    inner: csv::Reader<R>,
    file: PathBuf,
    index: [usize; 17],
    row: csv::StringRecord,
}

impl Reader<File> {
    pub fn open(path: &Path) -> Result<Self, DecodeError> {
        let file = File::open(path).map_err(|source| DecodeError::Io {
            file: path.to_path_buf(),
            source,
        })?;
        Self::from_reader(file, path)
    }
}

impl<R: Read> Reader<R> {
    /// Reads from `input`; `file` is the name errors give.
    pub fn from_reader(input: R, file: impl Into<PathBuf>) -> Result<Self, DecodeError> {
        let file = file.into();
        let mut inner = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let headers = inner.headers().map_err(|e| csv_error(&file, &e))?.clone();
        let mut index = [0; 17];
        for (slot, name) in index.iter_mut().zip(COLUMNS) {
            *slot = headers
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| DecodeError::Csv {
                    file: file.clone(),
                    line: 1,
                    message: format!("missing column {name}"),
                })?;
        }
        Ok(Self {
            inner,
            file,
            index,
            row: csv::StringRecord::new(),
        })
    }

    fn field(&self, column: usize) -> &str {
        self.row.get(self.index[column]).unwrap_or("").trim()
    }

    fn record(&self) -> Result<Record, String> {
        let mmsi: u32 = parse(self.field(0), "MMSI")?;
        let (received_at, second) = date_time(self.field(1))?;
        let lat = optional::<f64>(self.field(2), "LAT")?.filter(|v| *v != 91.0);
        let lon = optional::<f64>(self.field(3), "LON")?.filter(|v| *v != 181.0);
        let sog = optional::<f64>(self.field(4), "SOG")?.filter(|v| *v < 102.3);
        let cog = optional::<f64>(self.field(5), "COG")?.filter(|v| *v < 360.0);
        let heading = optional::<f64>(self.field(6), "Heading")?
            .map(|v| v as u16)
            .filter(|v| *v < 360);
        let class_b = self.field(16).eq_ignore_ascii_case("B");
        let position = if class_b {
            Message::ClassBPosition(class_b_position(mmsi, sog, lon, lat, cog, heading, second))
        } else {
            let status = optional::<f64>(self.field(11), "Status")?.map_or(15, |v| v as u8);
            Message::Position(PositionReport {
                msg_type: 1,
                repeat: 0,
                mmsi,
                status,
                rot: RateOfTurn::NotAvailable,
                sog,
                accuracy: false,
                lon,
                lat,
                cog,
                heading,
                second,
                maneuver: 0,
                raim: false,
                radio: 0,
            })
        };
        Ok(Record {
            received_at,
            position,
            static_data: self.static_data(mmsi)?,
        })
    }

    fn static_data(&self, mmsi: u32) -> Result<Option<StaticVoyageData>, String> {
        let (name, imo, call_sign) = (self.field(7), self.field(8), self.field(9));
        let ship_type = optional::<f64>(self.field(10), "VesselType")?;
        let length = optional::<f64>(self.field(12), "Length")?;
        let width = optional::<f64>(self.field(13), "Width")?;
        let draught = optional::<f64>(self.field(14), "Draft")?;
        if [name, imo, call_sign].iter().all(|s| s.is_empty())
            && ship_type.is_none()
            && length.is_none()
            && width.is_none()
            && draught.is_none()
        {
            return Ok(None);
        }
        let imo_digits = imo.strip_prefix("IMO").unwrap_or(imo);
        Ok(Some(StaticVoyageData {
            repeat: 0,
            mmsi,
            ais_version: 0,
            imo: optional::<u32>(imo_digits, "IMO")?.filter(|v| *v != 0),
            call_sign: call_sign.to_string(),
            name: name.to_string(),
            ship_type: ship_type.map_or(0, |v| v as u8),
            dimensions: dimensions(length, width),
            epfd: 0,
            eta: Eta::default(),
            draught: draught.filter(|v| *v > 0.0),
            destination: String::new(),
            dte: false,
        }))
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Record, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.inner.read_record(&mut self.row) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(&self.file, &e))),
            Ok(true) => {
                let line = self.row.position().map_or(0, csv::Position::line);
                Some(self.record().map_err(|message| DecodeError::Csv {
                    file: self.file.clone(),
                    line,
                    message,
                }))
            }
        }
    }
}

/// Reads a whole file.
pub fn read_file(path: &Path) -> Result<Vec<Record>, DecodeError> {
    Reader::open(path)?.collect()
}

fn class_b_position(
    mmsi: u32,
    sog: Option<f64>,
    lon: Option<f64>,
    lat: Option<f64>,
    cog: Option<f64>,
    heading: Option<u16>,
    second: u8,
) -> ClassBPosition {
    ClassBPosition {
        repeat: 0,
        mmsi,
        sog,
        accuracy: false,
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
        assigned: false,
        raim: false,
        radio: 0,
    }
}

fn dimensions(length: Option<f64>, width: Option<f64>) -> Dimensions {
    let length = length.map_or(0, |v| v.clamp(0.0, 1022.0) as u16);
    let width = width.map_or(0, |v| v.clamp(0.0, 126.0) as u8);
    Dimensions {
        to_bow: length - length / 2,
        to_stern: length / 2,
        to_port: width / 2,
        to_starboard: width - width / 2,
    }
}

/// `2023-01-11T00:00:00` → (Unix seconds, second of the minute).
fn date_time(s: &str) -> Result<(i64, u8), String> {
    let bad = || format!("bad BaseDateTime {s:?}");
    let n = |from: usize, to: usize| {
        s.get(from..to)
            .and_then(|p| p.parse::<u32>().ok())
            .ok_or_else(bad)
    };
    if s.len() != 19
        || s.as_bytes()
            .get(10)
            .is_none_or(|b| !matches!(b, b'T' | b' '))
    {
        return Err(bad());
    }
    let second = n(17, 19)?;
    let time = unix_time(
        n(0, 4)?,
        n(5, 7)?,
        n(8, 10)?,
        n(11, 13)?,
        n(14, 16)?,
        second,
    )
    .ok_or_else(bad)?;
    Ok((time, second as u8))
}

fn parse<T: std::str::FromStr>(s: &str, column: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("bad {column} {s:?}"))
}

fn optional<T: std::str::FromStr>(s: &str, column: &str) -> Result<Option<T>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    parse(s, column).map(Some)
}

fn csv_error(file: &Path, e: &csv::Error) -> DecodeError {
    let line = e.position().map_or(0, csv::Position::line);
    DecodeError::Csv {
        file: file.to_path_buf(),
        line,
        message: e.to_string(),
    }
}
