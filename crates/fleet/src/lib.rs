//! Shadow-fleet data for Meldpunt: AIS decoding (NMEA 0183 `!xxVDM`/`!xxVDO`
//! streams with tag blocks and receiver timestamps, NOAA MarineCadastre
//! CSVs), MMSI flag states, vessel tracks and identities, and detectors for
//! the behaviours published shadow-fleet studies flag: AIS gaps,
//! ship-to-ship encounters, loitering, spoofing and identity changes. A
//! seeded scenario generator plants those behaviours for testing and
//! benchmarking.

pub mod ais;
pub mod detect;
mod error;
pub mod geo;
pub mod nmea;
pub mod registry;
pub mod scenario;
pub mod shadowfleet;
pub mod track;

pub use error::DecodeError;
