//! Subjects: the persons, entities, vessels, aircraft and wallets a report is about.

use meldpunt_model::IdKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Person,
    Entity,
    Vessel,
    Aircraft,
    CryptoWallet,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub kind: SubjectKind,
    pub names: Vec<String>,
    #[serde(default)]
    pub identifiers: Vec<SubjectIdentifier>,
    /// Full or partial date: "1970-01-31", "1970-01" or "1970".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default)]
    pub nationality: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_match: Option<ListMatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectIdentifier {
    pub kind: IdentifierKind,
    pub value: String,
    /// ISO 3166-1 alpha-2 of the issuing country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Mirrors `meldpunt_model::IdKind`, which does not derive `JsonSchema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Passport,
    NationalId,
    TaxId,
    Vat,
    Inn,
    Ogrn,
    Kpp,
    Okpo,
    Kvk,
    Registration,
    Lei,
    Bic,
    Duns,
    Imo,
    Mmsi,
    CallSign,
    AircraftRegistration,
    CryptoAddress,
    Other,
}

impl IdentifierKind {
    pub fn to_model(self) -> IdKind {
        match self {
            IdentifierKind::Passport => IdKind::Passport,
            IdentifierKind::NationalId => IdKind::NationalId,
            IdentifierKind::TaxId => IdKind::TaxId,
            IdentifierKind::Vat => IdKind::Vat,
            IdentifierKind::Inn => IdKind::Inn,
            IdentifierKind::Ogrn => IdKind::Ogrn,
            IdentifierKind::Kpp => IdKind::Kpp,
            IdentifierKind::Okpo => IdKind::Okpo,
            IdentifierKind::Kvk => IdKind::Kvk,
            IdentifierKind::Registration => IdKind::Registration,
            IdentifierKind::Lei => IdKind::Lei,
            IdentifierKind::Bic => IdKind::Bic,
            IdentifierKind::Duns => IdKind::Duns,
            IdentifierKind::Imo => IdKind::Imo,
            IdentifierKind::Mmsi => IdKind::Mmsi,
            IdentifierKind::CallSign => IdKind::CallSign,
            IdentifierKind::AircraftRegistration => IdKind::AircraftRegistration,
            IdentifierKind::CryptoAddress => IdKind::CryptoAddress,
            IdentifierKind::Other => IdKind::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Counterparty,
    Ubo,
    Director,
    Shareholder,
    Consignee,
    Consignor,
    EndUser,
    Shipowner,
    ShipManager,
    Operator,
    Beneficiary,
    ListedPerson,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Confirmed,
    Potential,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListMatch {
    /// The list, e.g. "eu_fsf" or "un_sc".
    pub list: String,
    pub entry_id: String,
    pub status: MatchStatus,
    /// The screening score in 0..=1, when the match came from screening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// When the subject is caught not by being listed itself but through
    /// ownership or control by a listed person: the rule and its proof.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure: Option<ExposureCitation>,
}

/// The ownership and control rules under which an unlisted entity is
/// treated as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExposureRule {
    /// OFAC: owned 50% or more, in aggregate, by blocked persons.
    #[serde(rename = "ofac_50")]
    Ofac50,
    /// EU: owned more than 50% by a listed person.
    EuOwnership,
    /// EU: controlled by a listed person (board majority, power to direct).
    EuControl,
}

/// Why a subject counts as listed through ownership or control, as the
/// screening result explained it, e.g. "owned 50% by listed X via A (40%)
/// and directly (10%)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExposureCitation {
    pub rule: ExposureRule,
    pub explanation: String,
    /// The listed owner or controller's list entry ids.
    #[serde(default)]
    pub listed: Vec<String>,
}
