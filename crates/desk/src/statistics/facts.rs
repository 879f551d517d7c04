//! From stored report rows to the facts statistics count: per report its
//! regimes, lists, sector, legal bases and subjects; per asset its
//! category, kind, freeze date and value. Amounts are kept in exact
//! thousandths of a currency unit, so sums do not drift with the order
//! reports are added in.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use serde::{Serialize, Serializer};
use serde_json::Value;

use meldpunt_reports::{Asset, Report, SubjectKind};
use meldpunt_store::ReportRow;

/// Key of a dimension value that the report does not give (no regime, no
/// list match, no legal basis, no usable date).
pub const UNSPECIFIED: &str = "unspecified";

/// An amount in thousandths of a currency unit (enough for every ISO 4217
/// minor unit in use), summed exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i128);

impl Amount {
    /// A report's value (validated finite and non-negative), rounded to
    /// the nearest thousandth.
    pub fn from_value(value: f64) -> Amount {
        // `as` saturates on out-of-range floats; values that large are
        // not money anyway and still sum without overflow below.
        Amount((value * 1000.0).round() as i128)
    }

    pub fn plus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Exact decimal text with at least two decimals: `1234.50`, `0.125`.
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (units, thousandths) = (abs / 1000, abs % 1000);
        if thousandths % 10 == 0 {
            format!("{sign}{units}.{:02}", thousandths / 10)
        } else {
            format!("{sign}{units}.{thousandths:03}")
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

/// What an asset is worth, as far as it can be summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Worth {
    /// A value in an ISO 4217 currency.
    Valued { currency: String, amount: Amount },
    /// A value without a currency: it cannot be added to anything.
    NoCurrency,
    /// No value given.
    Unvalued,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetFact {
    /// Reg. 269/2014 art. 1: `funds` or `economic_resources`.
    pub category: String,
    pub kind: String,
    /// When it was frozen: its `frozen_at`, else the report's detection
    /// date (a periodic return's reference date).
    pub date: Option<NaiveDate>,
    pub worth: Worth,
}

impl AssetFact {
    /// `YYYY-MM` of the freeze, or [`UNSPECIFIED`].
    pub fn month(&self) -> String {
        self.date.map_or_else(
            || UNSPECIFIED.to_string(),
            |d| d.format("%Y-%m").to_string(),
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportFacts {
    pub report_type: String,
    pub regimes: Vec<String>,
    pub lists: Vec<String>,
    pub sector: String,
    pub legal_bases: Vec<String>,
    /// Each subject's kind and a key that identifies it across reports as
    /// well as a report allows: the list entry it matches, else an
    /// identifier, else its first name.
    pub subjects: Vec<(SubjectKind, String)>,
    pub assets: Vec<AssetFact>,
}

/// The JSON name of a unit enum variant, e.g. `economic_resources`.
pub fn code<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| UNSPECIFIED.to_string())
}

/// Sorted, de-duplicated, and [`UNSPECIFIED`] when empty, so every report
/// appears under at least one key of every dimension.
fn keys(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut keys: Vec<String> = values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        keys.push(UNSPECIFIED.to_string());
    }
    keys
}

/// The facts of one stored report, or `None` when its body no longer reads
/// as a report (counted apart by the caller, never silently dropped).
/// `org_sectors` maps organisation ids to their registered sector, which
/// wins over the sector the report declares.
pub fn facts(row: &ReportRow, org_sectors: &BTreeMap<String, String>) -> Option<ReportFacts> {
    let report: Report = serde_json::from_value(row.body.clone()).ok()?;
    let envelope = &report.envelope;
    let detected = DateTime::parse_from_rfc3339(&envelope.detected_at)
        .ok()
        .map(|d| d.date_naive());
    let sector = org_sectors.get(&row.org_id).cloned().or_else(|| {
        envelope
            .reporter
            .as_ref()
            .map(|reporter| code(&reporter.sector))
    });
    Some(ReportFacts {
        report_type: row.report_type.clone(),
        regimes: keys(envelope.regimes.iter().map(|r| r.to_uppercase())),
        lists: keys(lists(&report, &row.screening)),
        sector: sector.unwrap_or_else(|| UNSPECIFIED.to_string()),
        legal_bases: keys(
            envelope
                .legal_basis
                .iter()
                .map(|basis| match &basis.article {
                    Some(article) => format!("{} art. {article}", basis.instrument.trim()),
                    None => basis.instrument.clone(),
                }),
        ),
        subjects: report
            .subjects
            .iter()
            .map(|s| (s.kind, subject_key(s)))
            .collect(),
        assets: report.assets.iter().map(|a| asset(a, detected)).collect(),
    })
}

/// The lists the report's subjects were declared to match; when it
/// declares none, the lists screening matched them to on intake.
fn lists(report: &Report, screening: &Value) -> Vec<String> {
    let declared: Vec<String> = report
        .subjects
        .iter()
        .filter_map(|s| s.list_match.as_ref().map(|m| m.list.clone()))
        .collect();
    if !declared.is_empty() {
        return declared;
    }
    let subjects = screening.get("subjects").and_then(Value::as_array);
    subjects
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("hits").and_then(Value::as_array))
        .flatten()
        .filter(|hit| hit.get("is_match").and_then(Value::as_bool) == Some(true))
        .filter_map(|hit| hit.get("source").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

fn subject_key(subject: &meldpunt_reports::Subject) -> String {
    if let Some(matched) = &subject.list_match {
        return format!("list:{}:{}", matched.list, matched.entry_id);
    }
    if let Some(id) = subject.identifiers.first() {
        return format!("id:{}:{}", code(&id.kind), id.value.trim().to_lowercase());
    }
    let name = subject.names.first().map(String::as_str).unwrap_or("");
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    format!("name:{}", words.join(" "))
}

fn asset(asset: &Asset, detected: Option<NaiveDate>) -> AssetFact {
    let frozen = asset
        .frozen_at
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let worth = match (asset.value, &asset.currency) {
        (Some(value), Some(currency)) => Worth::Valued {
            currency: currency.clone(),
            amount: Amount::from_value(value),
        },
        (Some(_), None) => Worth::NoCurrency,
        (None, _) => Worth::Unvalued,
    };
    AssetFact {
        category: code(&asset.category),
        kind: code(&asset.kind),
        date: frozen.or(detected),
        worth,
    }
}

#[cfg(test)]
mod tests {
    use super::Amount;

    #[test]
    fn amounts_sum_exactly_and_print_as_decimals() {
        let sum = Amount::from_value(0.1)
            .plus(Amount::from_value(0.2))
            .plus(Amount::from_value(1234.4));
        assert_eq!(sum.decimal(), "1234.70");
        assert_eq!(Amount::from_value(0.125).decimal(), "0.125");
        assert_eq!(Amount::from_value(30000.0).decimal(), "30000.00");
        assert_eq!(Amount::default().decimal(), "0.00");
    }
}
