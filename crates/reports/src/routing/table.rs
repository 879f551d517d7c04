//! Loading and checking a routing table.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::{
    AssetCategory, AssetKind, Authority, Report, ReportType, Sector, SubjectKind, Supervisor,
};

/// The built-in table, reviewed with the code.
const BUILTIN: &str = include_str!("../../rules/routing-2026-1.toml");

/// A report section a rule can require (`carries`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Subjects,
    Assets,
    Transactions,
    Goods,
    VesselEvents,
}

impl Section {
    pub(super) fn carried_by(report: &Report) -> Vec<Section> {
        [
            (Section::Subjects, report.subjects.is_empty()),
            (Section::Assets, report.assets.is_empty()),
            (Section::Transactions, report.transactions.is_empty()),
            (Section::Goods, report.goods.is_empty()),
            (Section::VesselEvents, report.vessel_events.is_empty()),
        ]
        .into_iter()
        .filter(|(_, empty)| !empty)
        .map(|(section, _)| section)
        .collect()
    }
}

/// One routing rule. Empty criteria match anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub id: String,
    /// The line of the rule's `id` in its table, for messages and audits.
    pub line: usize,
    /// Applies only when no ordinary rule matched.
    pub fallback: bool,
    pub report_types: Vec<ReportType>,
    pub sectors: Vec<Sector>,
    pub supervisors: Vec<Supervisor>,
    pub subject_kinds: Vec<SubjectKind>,
    pub asset_categories: Vec<AssetCategory>,
    pub asset_kinds: Vec<AssetKind>,
    pub carries: Vec<Section>,
    /// Envelope indicators, e.g. "unusual_transaction".
    pub indicators: Vec<String>,
    pub authorities: Vec<Authority>,
    /// Why the rule exists; required.
    pub note: String,
}

impl Rule {
    fn has_criteria(&self) -> bool {
        !(self.report_types.is_empty()
            && self.sectors.is_empty()
            && self.supervisors.is_empty()
            && self.subject_kinds.is_empty()
            && self.asset_categories.is_empty()
            && self.asset_kinds.is_empty()
            && self.carries.is_empty()
            && self.indicators.is_empty())
    }
}

/// A loaded, checked routing table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleTable {
    version: String,
    origin: String,
    rules: Vec<Rule>,
}

/// The built-in table.
impl Default for RuleTable {
    fn default() -> Self {
        RuleTable::builtin().clone()
    }
}

/// A table that cannot be used, with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct RoutingError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    version: String,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    #[serde(default)]
    fallback: bool,
    #[serde(default)]
    report_types: Vec<ReportType>,
    #[serde(default)]
    sectors: Vec<Sector>,
    #[serde(default)]
    supervisors: Vec<Supervisor>,
    #[serde(default)]
    subject_kinds: Vec<SubjectKind>,
    #[serde(default)]
    asset_categories: Vec<AssetCategory>,
    #[serde(default)]
    asset_kinds: Vec<AssetKind>,
    #[serde(default)]
    carries: Vec<Section>,
    #[serde(default)]
    indicators: Vec<String>,
    authorities: Vec<Authority>,
    note: String,
}

impl RuleTable {
    /// The built-in table (`rules/routing-2026-1.toml`).
    pub fn builtin() -> &'static RuleTable {
        static TABLE: OnceLock<RuleTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // Not input: the embedded table is checked by tests, so failing here is a build defect.
            RuleTable::from_toml(BUILTIN, "rules/routing-2026-1.toml")
                .unwrap_or_else(|e| panic!("built-in routing table: {e}"))
        })
    }

    /// The built-in table's TOML text, for publishing.
    pub fn builtin_toml() -> &'static str {
        BUILTIN
    }

    /// Loads a user's table; `origin` (e.g. a file name) prefixes errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<RuleTable, RoutingError> {
        let raw: RawTable = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(text, origin, offset, e.message().trim())
        })?;
        let version = raw.version.trim().to_string();
        if version.is_empty() {
            return Err(error_at(text, origin, 0, "the table needs a version"));
        }
        let rules = check_rules(text, origin, raw.rules)?;
        Ok(RuleTable {
            version,
            origin: origin.to_string(),
            rules,
        })
    }

    /// E.g. "routing-2026-1"; stored with every routing decision.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

fn check_rules(text: &str, origin: &str, raw: Vec<RawRule>) -> Result<Vec<Rule>, RoutingError> {
    let mut ids = BTreeSet::new();
    let mut rules = Vec::with_capacity(raw.len());
    for r in raw {
        let offset = r.id.span().start;
        let fail = |message: String| error_at(text, origin, offset, &message);
        let id = r.id.into_inner();
        if id.trim().is_empty() {
            return Err(fail("a rule id must not be empty".into()));
        }
        if !ids.insert(id.clone()) {
            return Err(fail(format!("rule id {id:?} is used twice")));
        }
        if r.authorities.is_empty() {
            return Err(fail(format!("rule {id:?} names no authority")));
        }
        if r.note.trim().is_empty() {
            return Err(fail(format!(
                "rule {id:?} needs a note saying why it exists"
            )));
        }
        let rule = Rule {
            line: line_col(text, offset).0,
            id,
            fallback: r.fallback,
            report_types: r.report_types,
            sectors: r.sectors,
            supervisors: r.supervisors,
            subject_kinds: r.subject_kinds,
            asset_categories: r.asset_categories,
            asset_kinds: r.asset_kinds,
            carries: r.carries,
            indicators: r.indicators,
            authorities: r.authorities,
            note: r.note,
        };
        if rule.fallback && rule.has_criteria() {
            return Err(fail(format!(
                "fallback rule {:?} must have no criteria, so that it catches every report",
                rule.id
            )));
        }
        rules.push(rule);
    }
    if !rules.iter().any(|r| r.fallback) {
        let end = text.len();
        return Err(error_at(
            text,
            origin,
            end,
            "the table needs a catch-all rule (fallback = true, no criteria) so that no report goes unrouted",
        ));
    }
    Ok(rules)
}

fn error_at(text: &str, origin: &str, offset: usize, message: &str) -> RoutingError {
    let (line, column) = line_col(text, offset);
    RoutingError {
        origin: origin.to_string(),
        line,
        column,
        message: message.to_string(),
    }
}

/// One-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
