//! Routing: which authorities receive a report. The rules live in a versioned
//! TOML table (`rules/routing-2026-1.toml` is built in) so that a change in
//! the Dutch landscape is a reviewed data change, not a code change.

mod table;

use serde::Serialize;

use crate::{Authority, Report};

pub use table::{RoutingError, Rule, RuleTable, Section};

/// One receiving authority and the first rule (in table order) that named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub authority: Authority,
    pub rule_id: String,
}

/// The union of the authorities of every matching rule, one route per
/// authority, in [`Authority`] declaration order. Fallback rules apply only
/// when no other rule matched; a loaded table always has one, so the result
/// is never empty.
pub fn route(report: &Report, table: &RuleTable) -> Vec<Route> {
    let matching: Vec<&Rule> = table
        .rules()
        .iter()
        .filter(|r| !r.fallback && r.matches(report))
        .collect();
    let chosen = if matching.is_empty() {
        table.rules().iter().filter(|r| r.fallback).collect()
    } else {
        matching
    };
    let mut routes: Vec<Route> = Vec::new();
    for rule in chosen {
        for &authority in &rule.authorities {
            if !routes.iter().any(|r| r.authority == authority) {
                routes.push(Route {
                    authority,
                    rule_id: rule.id.clone(),
                });
            }
        }
    }
    routes.sort_by_key(|r| r.authority);
    routes
}

impl Rule {
    /// Every non-empty criterion must hold; within a criterion any value will do.
    pub fn matches(&self, report: &Report) -> bool {
        let envelope = &report.envelope;
        let reporter = envelope.reporter.as_ref();
        any_of(&self.report_types, [envelope.report_type])
            && any_of(&self.sectors, reporter.map(|r| r.sector))
            && any_of(&self.supervisors, reporter.and_then(|r| r.supervisor))
            && any_of(&self.subject_kinds, report.subjects.iter().map(|s| s.kind))
            && any_of(
                &self.asset_categories,
                report.assets.iter().map(|a| a.category),
            )
            && any_of(&self.asset_kinds, report.assets.iter().map(|a| a.kind))
            && any_of(&self.carries, Section::carried_by(report))
            && any_of(&self.indicators, envelope.indicators.iter().cloned())
    }
}

/// True when `wanted` is empty (no constraint) or shares a value with `present`.
fn any_of<T: PartialEq>(wanted: &[T], present: impl IntoIterator<Item = T>) -> bool {
    wanted.is_empty() || present.into_iter().any(|p| wanted.contains(&p))
}
