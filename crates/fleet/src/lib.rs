//! Shadow-fleet data for Meldpunt. This first slice decodes AIS: NMEA 0183
//! `!xxVDM`/`!xxVDO` streams (with tag blocks and receiver timestamps) and
//! NOAA MarineCadastre position CSVs into one set of message types, and maps
//! MMSIs to flag states.

pub mod ais;
mod error;

pub use error::DecodeError;
