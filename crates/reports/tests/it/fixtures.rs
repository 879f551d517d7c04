//! Every report type has a hand-written example that is accepted as is.

use crate::common;

use meldpunt_reports::Status;

const FIXTURES: [&str; 12] = [
    "confirmed_hit",
    "potential_hit",
    "asset_freeze",
    "frozen_assets_periodic",
    "attempted_transaction",
    "pre_listing_movement",
    "suspected_circumvention",
    "no_russia_clause_breach",
    "listed_person_self_report",
    "licence_request",
    "vessel_event",
    "whistleblower",
];

#[test]
fn every_fixture_is_accepted() {
    for name in FIXTURES {
        let validation = common::check(&common::fixture(name));
        assert_eq!(
            validation.status(),
            Status::Accepted,
            "{name}: errors {:?} warnings {:?}",
            validation.errors,
            validation.warnings
        );
    }
}

#[test]
fn fixtures_cover_every_report_type() {
    let mut types: Vec<String> = FIXTURES
        .iter()
        .map(|name| common::fixture(name)["envelope"]["report_type"].to_string())
        .collect();
    types.sort();
    types.dedup();
    assert_eq!(types.len(), 12);
}

#[test]
fn accepted_report_round_trips() {
    for name in FIXTURES {
        let validation = common::check(&common::fixture(name));
        let report = validation
            .report
            .unwrap_or_else(|| panic!("{name}: no report"));
        let json = serde_json::to_value(&report).unwrap_or_default();
        assert_eq!(common::check(&json).report, Some(report), "{name}");
    }
}
