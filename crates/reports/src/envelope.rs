//! The envelope: what kind of report this is, on what legal basis, from whom,
//! and how it relates to earlier reports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportType {
    ConfirmedHit,
    PotentialHit,
    AssetFreeze,
    FrozenAssetsPeriodic,
    AttemptedTransaction,
    PreListingMovement,
    SuspectedCircumvention,
    NoRussiaClauseBreach,
    ListedPersonSelfReport,
    LicenceRequest,
    VesselEvent,
    /// Anonymous: carries no reporter identity.
    Whistleblower,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub report_type: ReportType,
    #[serde(default)]
    pub legal_basis: Vec<LegalBasis>,
    /// Sanctions regimes, e.g. "RUS" or "BLR".
    #[serde(default)]
    pub regimes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<Reporter>,
    /// RFC 3339 date-time at which the reporter detected the matter.
    pub detected_at: String,
    pub narrative: Narrative,
    #[serde(default)]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub links: Vec<ReportLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// E.g. "Regulation (EU) No 269/2014".
    pub instrument: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporter {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kvk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lei: Option<String>,
    pub sector: Sector,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<Supervisor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Bank,
    PaymentInstitution,
    CryptoAssetServiceProvider,
    TrustOffice,
    Notary,
    Accountant,
    TaxAdviser,
    Lawyer,
    Insurer,
    Exporter,
    ShippingCompany,
    Other,
}

/// The supervisors that receive sanctions reports today (field notes §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Supervisor {
    Dnb,
    Afm,
    Bft,
    Dfei,
    Douane,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_taken: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    /// Lower- or upper-case hex, 64 characters.
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkRelation {
    Supplements,
    Supersedes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportLink {
    pub relation: LinkRelation,
    /// The id the Reporting Point issued for the earlier report (a UUID).
    pub report_id: String,
}
