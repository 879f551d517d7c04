//! The Meldpunt entity model, aligned with FollowTheMoney (FtM): the
//! schemata OpenSanctions uses, with typed names, dates, countries,
//! identifiers, addresses and sanction records, and FtM JSON in and out.

mod country;
mod date;
pub mod diff;
mod entity;
mod error;
mod ftm;
mod identifier;
mod name;
mod sanction;
mod schema;

pub use country::{country_code, CountryClaim, CountryRole};
pub use date::{DateSpec, PartialDate};
pub use entity::{Address, Entity, Gender};
pub use error::ModelError;
pub use ftm::{sanction_from_ftm, FtmEntity};
pub use identifier::{mod97, normalize_identifier, validate_imo, IdKind, Identifier};
pub use name::{collapse_whitespace, dominant_script, Name, NameKind, NameParts};
pub use sanction::Sanction;
pub use schema::Schema;
