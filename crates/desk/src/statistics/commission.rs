//! The aggregated export of frozen assets the European Commission asks of
//! the Member States.
//!
//! Legal basis: Council Regulation (EU) No 269/2014, art. 8(1): natural and
//! legal persons supply information on funds and economic resources frozen
//! under art. 2 to the competent authority of their Member State
//! immediately (at most within two weeks), and it is transmitted, directly
//! or through the Member State, to the Commission (field notes §2); art. 1
//! defines the two asset categories, *funds* and *economic resources*. The
//! same information duties run under the other EU regimes' regulations,
//! whose reports name their own legal basis.
//!
//! One row per regime and legal basis as the reports declare them (a report
//! under two regimes or two bases is counted in each row it names), with:
//! the number of frozen-asset reports, the number of distinct persons and
//! entities concerned (a subject is recognised across reports by the list
//! entry it matches, else an identifier, else its name), and per asset
//! category the number of assets and their values — euro summed, other
//! currencies summed per currency and never converted (see the module
//! above). Rows, categories and currencies are sorted, so the same store
//! gives the same export, byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use meldpunt_reports::SubjectKind;

use super::facts::{Amount, ReportFacts};
use super::{Figures, StatisticsQuery, StatisticsScope, Tally};
use crate::{Desk, DeskError, Principal};

/// The Member State whose reporting point this is.
pub const MEMBER_STATE: &str = "NL";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommissionExport {
    /// ISO 3166-1 alpha-2.
    pub member_state: &'static str,
    /// Which reports it covers: all of them when an analyst exports.
    pub scope: StatisticsScope,
    /// Assets frozen on or after this day (`YYYY-MM-DD`); open when absent.
    pub period_from: Option<String>,
    /// Assets frozen on or before this day; open when absent.
    pub period_to: Option<String>,
    pub generated_at: String,
    pub rows: Vec<CommissionRow>,
    /// Stored reports that no longer read as reports and are left out.
    pub unreadable_reports: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommissionRow {
    /// As reported, e.g. `RUS`; `unspecified` when a report names none.
    pub regime: String,
    /// Instrument and article, e.g. `Regulation (EU) No 269/2014 art. 2`.
    pub legal_basis: String,
    pub reports: u64,
    pub persons: u64,
    pub entities: u64,
    /// Vessels, aircraft and wallets named as subjects.
    pub other_subjects: u64,
    pub categories: Vec<CategoryFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryFigures {
    /// `funds` or `economic_resources` (Reg. 269/2014 art. 1).
    pub category: String,
    pub assets: u64,
    pub value_eur: Amount,
    pub other_currencies: BTreeMap<String, Amount>,
    pub unvalued_assets: u64,
    pub values_without_currency: u64,
}

impl CategoryFigures {
    fn new(category: String, figures: Figures) -> Self {
        CategoryFigures {
            category,
            assets: figures.assets,
            value_eur: figures.value_eur,
            other_currencies: figures.other_currencies,
            unvalued_assets: figures.unvalued_assets,
            values_without_currency: figures.values_without_currency,
        }
    }
}

/// One regime and legal basis while adding up.
#[derive(Default)]
struct RowTally {
    reports: BTreeSet<usize>,
    subjects: BTreeSet<(u8, String)>,
    categories: BTreeMap<String, Tally>,
}

fn kind_rank(kind: SubjectKind) -> u8 {
    match kind {
        SubjectKind::Person => 0,
        SubjectKind::Entity => 1,
        _ => 2,
    }
}

impl RowTally {
    fn add_report(&mut self, index: usize, report: &ReportFacts) {
        if self.reports.insert(index) {
            for (kind, key) in &report.subjects {
                let rank = kind_rank(*kind);
                // Vessels and aircraft with the same key are different
                // subjects from each other, but all count as "other".
                let key = format!("{kind:?}:{key}");
                self.subjects.insert((rank, key));
            }
        }
    }

    fn count(&self, rank: u8) -> u64 {
        self.subjects.iter().filter(|(r, _)| *r == rank).count() as u64
    }

    fn finish(self, regime: String, legal_basis: String) -> CommissionRow {
        CommissionRow {
            reports: self.reports.len() as u64,
            persons: self.count(0),
            entities: self.count(1),
            other_subjects: self.count(2),
            categories: self
                .categories
                .into_iter()
                .map(|(category, tally)| CategoryFigures::new(category, tally.finish()))
                .collect(),
            regime,
            legal_basis,
        }
    }
}

fn rows(reports: &[ReportFacts], query: &StatisticsQuery) -> Vec<CommissionRow> {
    let mut tallies: BTreeMap<(String, String), RowTally> = BTreeMap::new();
    for (index, report, asset) in query.assets(reports) {
        for regime in &report.regimes {
            for basis in &report.legal_bases {
                let tally = tallies.entry((regime.clone(), basis.clone())).or_default();
                tally.add_report(index, report);
                tally
                    .categories
                    .entry(asset.category.clone())
                    .or_default()
                    .add(index, asset);
            }
        }
    }
    tallies
        .into_iter()
        .map(|((regime, basis), tally)| tally.finish(regime, basis))
        .collect()
}

/// The export as CSV: a header, then one line per regime, legal basis and
/// asset category. The report and subject counts belong to the regime and
/// legal basis, so they repeat on each of its category lines; other
/// currencies are written `USD 1200.00; GBP 30.00`.
impl CommissionExport {
    /// As CSV: a header, then one line per regime, legal basis and asset
    /// category (see [`to_csv`]).
    pub fn to_csv(&self) -> String {
        to_csv(self)
    }
}

fn to_csv(export: &CommissionExport) -> String {
    let mut out = String::from(
        "member_state,period_from,period_to,regime,legal_basis,reports,persons,entities,\
         other_subjects,asset_category,assets,value_eur,other_currencies,unvalued_assets,\
         values_without_currency\r\n",
    );
    let from = export.period_from.clone().unwrap_or_default();
    let to = export.period_to.clone().unwrap_or_default();
    for row in &export.rows {
        for category in &row.categories {
            let others: Vec<String> = category
                .other_currencies
                .iter()
                .map(|(currency, amount)| format!("{currency} {}", amount.decimal()))
                .collect();
            let cells = [
                export.member_state.to_string(),
                from.clone(),
                to.clone(),
                row.regime.clone(),
                row.legal_basis.clone(),
                row.reports.to_string(),
                row.persons.to_string(),
                row.entities.to_string(),
                row.other_subjects.to_string(),
                category.category.clone(),
                category.assets.to_string(),
                category.value_eur.decimal(),
                others.join("; "),
                category.unvalued_assets.to_string(),
                category.values_without_currency.to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// RFC 4180 quoting; text that a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe,
/// because regimes and legal bases are typed by reporters.
fn cell(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

impl Desk {
    /// The Commission export over the caller's scope, for assets frozen in
    /// the query's period (its regime filter applies; grouping does not).
    /// The read is audited.
    pub async fn commission_export(
        &self,
        by: &Principal,
        query: &StatisticsQuery,
    ) -> Result<CommissionExport, DeskError> {
        query.check()?;
        let selection = self.select_frozen_assets(by).await?;
        self.audit_statistics(by, "statistics.commission_export", &selection, query)
            .await?;
        Ok(CommissionExport {
            member_state: MEMBER_STATE,
            scope: selection.scope.clone(),
            period_from: query.from.map(|d| d.to_string()),
            period_to: query.to.map(|d| d.to_string()),
            generated_at: self.stamp(self.now()),
            rows: rows(&selection.reports, query),
            unreadable_reports: selection.unreadable,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("RUS"), "RUS");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("-1+1"), "'-1+1");
    }
}
