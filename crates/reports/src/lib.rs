//! Report intake for the Central Sanctions Reporting Point: the report model,
//! its JSON Schema, and validation in two layers (shape, then business rules)
//! whose issues point at the exact field with a JSON Pointer.

mod arrays;
mod asset;
mod authority;
mod checks;
mod currency;
pub mod deadline;
mod envelope;
mod goods;
pub mod iban;
mod issue;
pub mod messages;
mod report;
pub mod returns_csv;
pub mod routing;
mod rules;
mod shape;
mod subject;
mod transaction;
mod validate;
mod vessel;
pub mod xml;

pub use asset::{Asset, AssetCategory, AssetKind, ValuationBasis};
pub use authority::{Authority, UnknownAuthority};
pub use currency::is_known_currency;
pub use deadline::{deadlines, is_overdue, Deadline};
pub use envelope::{
    Attachment, Envelope, LegalBasis, LinkRelation, Narrative, ReportLink, ReportType, Reporter,
    Sector, Supervisor,
};
pub use goods::Goods;
pub use issue::{Issue, Status, Validation};
pub use report::{json_schema, Report};
pub use routing::{route, Route, RuleTable};
pub use shape::escape as escape_pointer_token;
pub use subject::{
    ExposureCitation, ExposureRule, IdentifierKind, ListMatch, MatchStatus, Role, Subject,
    SubjectIdentifier, SubjectKind,
};
pub use transaction::{Outcome, Party, Transaction};
pub use validate::{validate, validate_at};
pub use vessel::{Position, VesselEvent, VesselEventType, VesselRef};
