//! Snapshots of what reporters see: the published schema and a rejection.

use crate::common;

use common::{fixture, set};
use serde_json::json;

#[test]
fn json_schema_snapshot() {
    insta::assert_json_snapshot!("json_schema", meldpunt_reports::json_schema());
}

#[test]
fn rejected_report_issues_snapshot() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/iban", json!("NL92ABNA0417164300"));
    set(&mut report, "/assets/0/currency", json!("EURO"));
    set(&mut report, "/assets/0/value", json!(-5));
    set(&mut report, "/assets/0/frozen_at", json!("2026-10-01"));
    set(&mut report, "/envelope/reporter/kvk", json!("123"));
    set(
        &mut report,
        "/subjects/0/list_match/status",
        json!("potential"),
    );
    let validation = common::check(&report);
    assert_eq!(validation.status(), meldpunt_reports::Status::Rejected);
    insta::assert_json_snapshot!(
        "rejected_issues",
        json!({ "errors": validation.errors, "warnings": validation.warnings })
    );
}
