//! Statistics over frozen-asset reports (`ASSET_FREEZE` and
//! `FROZEN_ASSETS_PERIODIC`): counts and values of frozen assets by regime,
//! list, sector, asset category and kind, month of the freeze and report
//! type, and the aggregated export the Commission asks for
//! ([`commission`]).
//!
//! Scope is the same as for reading reports: analysts and administrators
//! count every report, authority viewers those routed to their authority,
//! reporters their own organisation's. Every read is audited.
//!
//! Values: Meldpunt holds no exchange rates, so only values reported in
//! euro are summed as euro. Values in any other currency are summed per
//! currency and shown apart, never converted or mixed in; assets without a
//! value, or with a value but no currency, are counted apart too.
//!
//! A periodic return restates assets frozen earlier, so the same asset can
//! be counted in a freeze report and again in a return; break down by
//! `report_type` (or filter one) to keep them apart.

mod cache;
mod commission;
mod facts;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use cache::FactsCache;
pub use commission::{CategoryFigures, CommissionExport, CommissionRow};
pub use facts::{Amount, UNSPECIFIED};

use crate::{Credential, Desk, DeskError, Principal, Role};
use facts::{AssetFact, ReportFacts, Worth};

/// The report types whose assets are frozen assets.
pub const FROZEN_ASSET_REPORT_TYPES: [&str; 2] = ["ASSET_FREEZE", "FROZEN_ASSETS_PERIODIC"];

/// What frozen assets can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The report's sanctions regimes (a report under two counts in both).
    Regime,
    /// The lists its subjects match (declared, else found by screening).
    List,
    /// The reporting organisation's sector.
    Sector,
    /// Reg. 269/2014 art. 1: funds or economic resources.
    Category,
    /// Bank account, real estate, vessel…
    Kind,
    /// `YYYY-MM` of the freeze.
    Month,
    ReportType,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Regime,
        Dimension::List,
        Dimension::Sector,
        Dimension::Category,
        Dimension::Kind,
        Dimension::Month,
        Dimension::ReportType,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Regime => "regime",
            Dimension::List => "list",
            Dimension::Sector => "sector",
            Dimension::Category => "category",
            Dimension::Kind => "kind",
            Dimension::Month => "month",
            Dimension::ReportType => "report_type",
        }
    }

    pub fn parse(text: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// The keys an asset of a report falls under.
    fn keys(self, report: &ReportFacts, asset: &AssetFact) -> Vec<String> {
        match self {
            Dimension::Regime => report.regimes.clone(),
            Dimension::List => report.lists.clone(),
            Dimension::Sector => vec![report.sector.clone()],
            Dimension::Category => vec![asset.category.clone()],
            Dimension::Kind => vec![asset.kind.clone()],
            Dimension::Month => vec![asset.month()],
            Dimension::ReportType => vec![report.report_type.clone()],
        }
    }
}

/// Filters and grouping; the scope is added by the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatisticsQuery {
    /// Only assets frozen on or after this day.
    pub from: Option<NaiveDate>,
    /// Only assets frozen on or before this day.
    pub to: Option<NaiveDate>,
    /// Only reports under this regime (case-insensitive), e.g. `RUS`.
    pub regime: Option<String>,
    /// Breakdowns to compute; empty means all.
    pub group_by: Vec<Dimension>,
}

/// Counts and values of a set of frozen assets.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Reports with at least one of the assets.
    pub reports: u64,
    pub assets: u64,
    /// Sum of the values given in euro.
    pub value_eur: Amount,
    /// Sums of values in other currencies, per ISO 4217 code; not
    /// converted, because no exchange rate is held.
    pub other_currencies: BTreeMap<String, Amount>,
    /// Assets with a value in a currency other than euro.
    pub assets_in_other_currencies: u64,
    /// Assets reported without a value.
    pub unvalued_assets: u64,
    /// Assets with a value but no currency, which cannot be summed.
    pub values_without_currency: u64,
}

/// One key of a breakdown, e.g. regime `RUS`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigures {
    pub key: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    /// By key, ascending (months in time order).
    pub groups: Vec<GroupFigures>,
}

/// What the caller's scope was, in words for people and audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatisticsScope {
    /// Every report (the reporting point).
    All,
    Organisation {
        org_id: String,
    },
    Authority {
        authority: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrozenAssetStatistics {
    pub scope: StatisticsScope,
    pub query: StatisticsQuery,
    pub report_types: Vec<&'static str>,
    pub totals: Figures,
    pub breakdowns: Vec<Breakdown>,
    /// Stored reports whose body no longer reads as a report; left out of
    /// every figure, and counted here so that is visible.
    pub unreadable_reports: u64,
}

/// Adds up assets; reports are counted once however many assets they have.
#[derive(Default)]
struct Tally {
    reports: BTreeSet<usize>,
    figures: Figures,
}

impl Tally {
    fn add(&mut self, report: usize, asset: &AssetFact) {
        self.reports.insert(report);
        let figures = &mut self.figures;
        figures.assets += 1;
        match &asset.worth {
            Worth::Valued { currency, amount } if currency == "EUR" => {
                figures.value_eur = figures.value_eur.plus(*amount);
            }
            Worth::Valued { currency, amount } => {
                figures.assets_in_other_currencies += 1;
                let sum = figures
                    .other_currencies
                    .entry(currency.clone())
                    .or_default();
                *sum = sum.plus(*amount);
            }
            Worth::NoCurrency => figures.values_without_currency += 1,
            Worth::Unvalued => figures.unvalued_assets += 1,
        }
    }

    fn finish(mut self) -> Figures {
        self.figures.reports = self.reports.len() as u64;
        self.figures
    }
}

/// The reports of the scope, read as facts.
pub(crate) struct Selection {
    pub scope: StatisticsScope,
    pub reports: Vec<ReportFacts>,
    pub ids: Vec<String>,
    pub unreadable: u64,
}

impl StatisticsQuery {
    /// A query from its text form, as the API's and portal's query strings
    /// carry it: dates `YYYY-MM-DD`, `group_by` comma-separated dimension
    /// names. Empty texts count as absent.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        regime: Option<&str>,
        group_by: Option<&str>,
    ) -> Result<StatisticsQuery, DeskError> {
        let date = |field: &str, text: Option<&str>| {
            let text = text.map(str::trim).filter(|t| !t.is_empty());
            text.map(|t| {
                NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .map_err(|_| DeskError::invalid(field, "must be a date, YYYY-MM-DD"))
            })
            .transpose()
        };
        let mut dimensions = Vec::new();
        for name in group_by.unwrap_or("").split(',').map(str::trim) {
            if name.is_empty() {
                continue;
            }
            let dimension = Dimension::parse(name).ok_or_else(|| {
                DeskError::invalid(
                    "group_by",
                    "takes regime, list, sector, category, kind, month or report_type",
                )
            })?;
            dimensions.push(dimension);
        }
        let query = StatisticsQuery {
            from: date("from", from)?,
            to: date("to", to)?,
            regime: regime
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_uppercase),
            group_by: dimensions,
        };
        query.check()?;
        Ok(query)
    }

    fn check(&self) -> Result<(), DeskError> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(DeskError::invalid("from", "must not be after `to`"));
            }
        }
        Ok(())
    }

    /// Whether the report passes the regime filter.
    fn admits(&self, report: &ReportFacts) -> bool {
        self.regime.as_ref().is_none_or(|wanted| {
            let wanted = wanted.trim().to_uppercase();
            report.regimes.iter().any(|r| r.to_uppercase() == wanted)
        })
    }

    /// Whether the asset's freeze date is in the period; an asset without a
    /// date is only counted when no period is set.
    fn in_period(&self, asset: &AssetFact) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        asset.date.is_some_and(|date| {
            self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
        })
    }

    /// The (report index, asset) pairs the query counts.
    fn assets<'a>(
        &'a self,
        reports: &'a [ReportFacts],
    ) -> impl Iterator<Item = (usize, &'a ReportFacts, &'a AssetFact)> + 'a {
        reports
            .iter()
            .enumerate()
            .filter(|(_, report)| self.admits(report))
            .flat_map(|(i, report)| report.assets.iter().map(move |a| (i, report, a)))
            .filter(|(_, _, asset)| self.in_period(asset))
    }
}

/// A digest of the report ids a figure was computed from, for the audit
/// entry: it pins down exactly which reports were disclosed in aggregate
/// without writing thousands of ids per page view.
fn ids_digest(ids: &[String]) -> String {
    let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut hasher = Sha256::new();
    for id in sorted {
        hasher.update(id.as_bytes());
        hasher.update(b"\n");
    }
    hex::encode(hasher.finalize())
}

impl Desk {
    /// Who may see which reports' figures: the same scope as reading them.
    fn statistics_scope(by: &Principal) -> Result<StatisticsScope, DeskError> {
        if by.credential == Credential::Anonymous {
            return Err(DeskError::Unauthenticated("sign in to see statistics"));
        }
        Ok(match by.role {
            Role::Analyst | Role::Admin => StatisticsScope::All,
            Role::Reporter | Role::ReporterAdmin => StatisticsScope::Organisation {
                org_id: by.org_id.clone(),
            },
            Role::AuthorityViewer => StatisticsScope::Authority {
                authority: by
                    .authority
                    .clone()
                    .ok_or(DeskError::Forbidden("this account names no authority"))?,
            },
        })
    }

    /// Reads the frozen-asset reports in the caller's scope: the keys from
    /// the store, the facts from the cache, and the bodies of reports not
    /// read before.
    pub(crate) async fn select_frozen_assets(
        &self,
        by: &Principal,
    ) -> Result<Selection, DeskError> {
        let scope = Self::statistics_scope(by)?;
        let (org_id, authority) = match &scope {
            StatisticsScope::All => (None, None),
            StatisticsScope::Organisation { org_id } => (Some(org_id.as_str()), None),
            StatisticsScope::Authority { authority } => (None, Some(authority.as_str())),
        };
        let keys = self
            .store
            .statistics_report_keys(org_id, authority, &FROZEN_ASSET_REPORT_TYPES)
            .await?;
        let ids: Vec<String> = keys.iter().map(|(id, _)| id.clone()).collect();
        let mut cached = self.statistics_cache.get_all(&ids);
        let missing: Vec<String> = ids
            .iter()
            .zip(&cached)
            .filter(|(_, c)| c.is_none())
            .map(|(id, _)| id.clone())
            .collect();
        if !missing.is_empty() {
            let rows = self.store.reports_with_ids(&missing).await?;
            let read: BTreeMap<String, _> = self.statistics_cache.read(&rows).into_iter().collect();
            for (slot, id) in cached.iter_mut().zip(&ids) {
                if slot.is_none() {
                    *slot = read.get(id).cloned();
                }
            }
        }
        let sectors = self.sectors_of(&keys).await?;
        let mut selection = Selection {
            scope,
            reports: Vec::with_capacity(keys.len()),
            ids: Vec::with_capacity(keys.len()),
            unreadable: 0,
        };
        for ((id, org_id), slot) in keys.iter().zip(cached) {
            match slot.as_ref().and_then(|c| c.facts.as_ref()) {
                Some(facts) => {
                    let mut report = facts.clone();
                    if let Some(sector) = sectors.get(org_id) {
                        report.sector = sector.clone();
                    }
                    selection.reports.push(report);
                    selection.ids.push(id.clone());
                }
                None => selection.unreadable += 1,
            }
        }
        Ok(selection)
    }

    /// The registered sector of every organisation with a report in
    /// `keys`; one query for all organisations rather than one per report.
    async fn sectors_of(
        &self,
        keys: &[(String, String)],
    ) -> Result<BTreeMap<String, String>, DeskError> {
        let wanted: BTreeSet<&str> = keys.iter().map(|(_, org)| org.as_str()).collect();
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        let orgs = self.store.orgs().await?;
        Ok(orgs
            .into_iter()
            .filter(|org| wanted.contains(org.id.as_str()))
            .map(|org| (org.id, org.sector))
            .collect())
    }

    /// Records that `by` saw figures computed from `ids`.
    pub(crate) async fn audit_statistics(
        &self,
        by: &Principal,
        action: &str,
        selection: &Selection,
        query: &StatisticsQuery,
    ) -> Result<(), DeskError> {
        let org = match &selection.scope {
            StatisticsScope::Organisation { org_id } => Some(org_id.as_str()),
            _ => None,
        };
        let mut audit = self.audit_entry(by, org, action, "statistics:frozen_assets".into());
        audit.after = Some(serde_json::json!({
            "scope": selection.scope,
            "query": query,
            "reports": selection.ids.len(),
            "report_ids_sha256": ids_digest(&selection.ids),
        }));
        self.store.audit(&audit).await?;
        Ok(())
    }

    /// Frozen assets in the caller's scope: totals and the breakdowns asked
    /// for. The read is audited.
    pub async fn frozen_asset_statistics(
        &self,
        by: &Principal,
        query: &StatisticsQuery,
    ) -> Result<FrozenAssetStatistics, DeskError> {
        query.check()?;
        let selection = self.select_frozen_assets(by).await?;
        self.audit_statistics(by, "statistics.read", &selection, query)
            .await?;
        Ok(compute(&selection, query))
    }
}

fn compute(selection: &Selection, query: &StatisticsQuery) -> FrozenAssetStatistics {
    let dimensions: Vec<Dimension> = if query.group_by.is_empty() {
        Dimension::ALL.to_vec()
    } else {
        let unique: BTreeSet<Dimension> = query.group_by.iter().copied().collect();
        unique.into_iter().collect()
    };
    let mut totals = Tally::default();
    let mut groups: BTreeMap<Dimension, BTreeMap<String, Tally>> = BTreeMap::new();
    for (index, report, asset) in query.assets(&selection.reports) {
        totals.add(index, asset);
        for &dimension in &dimensions {
            let by_key = groups.entry(dimension).or_default();
            for key in dimension.keys(report, asset) {
                by_key.entry(key).or_default().add(index, asset);
            }
        }
    }
    let breakdowns = dimensions
        .iter()
        .map(|&dimension| Breakdown {
            dimension,
            groups: groups
                .remove(&dimension)
                .unwrap_or_default()
                .into_iter()
                .map(|(key, tally)| GroupFigures {
                    key,
                    figures: tally.finish(),
                })
                .collect(),
        })
        .collect();
    FrozenAssetStatistics {
        scope: selection.scope.clone(),
        query: query.clone(),
        report_types: FROZEN_ASSET_REPORT_TYPES.to_vec(),
        totals: totals.finish(),
        breakdowns,
        unreadable_reports: selection.unreadable,
    }
}
