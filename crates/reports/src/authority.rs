//! The authorities a report can be routed to (field notes §2): supervisors,
//! Customs, investigators, the FIU, the five ministries and the Commission.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A receiving authority. The serde form is the stable code (`"DOUANE_POSS"`),
/// which clients and routing tables use; never renamed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Authority {
    Dnb,
    Afm,
    Dfei,
    Bft,
    /// Customs' Central Import and Export Service: licences.
    DouaneCdiu,
    /// Customs' POSS team: suspected breaches.
    DouanePoss,
    Fiod,
    FiuNl,
    MinBuza,
    MinFin,
    MinEz,
    MinIenw,
    MinJenv,
    EuropeanCommission,
}

/// (authority, code, English name, Dutch name), in declaration order.
const TABLE: &[(Authority, &str, &str, &str)] = &[
    (
        Authority::Dnb,
        "DNB",
        "De Nederlandsche Bank",
        "De Nederlandsche Bank",
    ),
    (
        Authority::Afm,
        "AFM",
        "Dutch Authority for the Financial Markets",
        "Autoriteit Financiële Markten",
    ),
    (
        Authority::Dfei,
        "DFEI",
        "DFEI (supervisor of traders)",
        "DFEI (toezicht op handelaren)",
    ),
    (
        Authority::Bft,
        "BFT",
        "Financial Supervision Office",
        "Bureau Financieel Toezicht",
    ),
    (
        Authority::DouaneCdiu,
        "DOUANE_CDIU",
        "Customs, Central Import and Export Service (licences)",
        "Douane, Centrale Dienst voor In- en Uitvoer (vergunningen)",
    ),
    (
        Authority::DouanePoss,
        "DOUANE_POSS",
        "Customs, POSS team (suspected breaches)",
        "Douane, team POSS (vermoedelijke overtredingen)",
    ),
    (
        Authority::Fiod,
        "FIOD",
        "Fiscal Information and Investigation Service",
        "Fiscale Inlichtingen- en Opsporingsdienst",
    ),
    (
        Authority::FiuNl,
        "FIU_NL",
        "Financial Intelligence Unit Netherlands",
        "FIU-Nederland",
    ),
    (
        Authority::MinBuza,
        "MIN_BUZA",
        "Ministry of Foreign Affairs",
        "Ministerie van Buitenlandse Zaken",
    ),
    (
        Authority::MinFin,
        "MIN_FIN",
        "Ministry of Finance",
        "Ministerie van Financiën",
    ),
    (
        Authority::MinEz,
        "MIN_EZ",
        "Ministry of Economic Affairs",
        "Ministerie van Economische Zaken",
    ),
    (
        Authority::MinIenw,
        "MIN_IENW",
        "Ministry of Infrastructure and Water Management",
        "Ministerie van Infrastructuur en Waterstaat",
    ),
    (
        Authority::MinJenv,
        "MIN_JENV",
        "Ministry of Justice and Security",
        "Ministerie van Justitie en Veiligheid",
    ),
    (
        Authority::EuropeanCommission,
        "EUROPEAN_COMMISSION",
        "European Commission",
        "Europese Commissie",
    ),
];

impl Authority {
    /// Every authority, in declaration order.
    pub fn all() -> impl Iterator<Item = Authority> {
        TABLE.iter().map(|row| row.0)
    }

    fn row(self) -> &'static (Authority, &'static str, &'static str, &'static str) {
        // The table has one row per variant in declaration order (tested).
        &TABLE[self as usize]
    }

    /// The stable code, as in JSON and routing tables.
    pub fn code(self) -> &'static str {
        self.row().1
    }

    /// The English name.
    pub fn name(self) -> &'static str {
        self.row().2
    }

    /// The Dutch name.
    pub fn name_nl(self) -> &'static str {
        self.row().3
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown authority code {0:?}")]
pub struct UnknownAuthority(pub String);

impl FromStr for Authority {
    type Err = UnknownAuthority;

    /// Accepts the code in any case, e.g. "fiu_nl" or "FIU_NL".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TABLE
            .iter()
            .find(|row| row.1.eq_ignore_ascii_case(s.trim()))
            .map(|row| row.0)
            .ok_or_else(|| UnknownAuthority(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_follow_declaration_order() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.0 as usize, i, "{}", row.1);
        }
        assert_eq!(Authority::all().count(), 14);
    }

    #[test]
    fn code_matches_serde_and_parses_back() {
        for authority in Authority::all() {
            let json = serde_json::to_value(authority).unwrap_or_default();
            assert_eq!(json, authority.code());
            assert_eq!(authority.code().parse::<Authority>(), Ok(authority));
            assert_eq!(
                authority.code().to_lowercase().parse::<Authority>(),
                Ok(authority)
            );
        }
        assert!("DOUANE".parse::<Authority>().is_err());
    }
}
