//! The form model against the report model: every fixture survives the
//! trip into form values and back, rows are added and removed, and every
//! label the form shows has a text in both languages.

use serde_json::Value;

use super::form_data::{target_of, FormData};
use super::model::{label_keys, REPORT_TYPES};
use crate::i18n::Lang;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../reports/tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const FIXTURES: [&str; 12] = [
    "asset_freeze",
    "attempted_transaction",
    "confirmed_hit",
    "frozen_assets_periodic",
    "licence_request",
    "listed_person_self_report",
    "no_russia_clause_breach",
    "potential_hit",
    "pre_listing_movement",
    "suspected_circumvention",
    "vessel_event",
    "whistleblower",
];

#[test]
fn every_fixture_goes_into_the_form_and_comes_back_unchanged() {
    let mut types = Vec::new();
    for name in FIXTURES {
        let json = fixture(name);
        let report_type = json["envelope"]["report_type"].as_str().unwrap_or_default();
        types.push(report_type.to_string());
        let data = FormData::from_json(report_type, &json);
        let (back, issues) = data.to_json();
        assert!(issues.is_empty(), "{name}: {issues:?}");
        assert_eq!(back, json, "{name}");
    }
    types.sort();
    let mut all: Vec<String> = REPORT_TYPES.iter().map(|t| t.to_string()).collect();
    all.sort();
    assert_eq!(types, all, "one fixture per report type");
}

#[test]
fn empty_required_inputs_and_bad_numbers_are_reported_at_their_pointers() {
    let mut data = FormData::new("ATTEMPTED_TRANSACTION");
    data.set("/transactions/0/amount", "12,5");
    data.set("/transactions/0/from/name", "A");
    data.set("/subjects/0/list_match/score", "high");
    let (json, issues) = data.to_json();
    assert_eq!(
        json["transactions"][0]["amount"], 12.5,
        "a comma is a decimal sign"
    );
    let found: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.pointer.as_str(), i.code))
        .collect();
    for expected in [
        ("/envelope/detected_at", "missing_field"),
        ("/envelope/narrative/reason", "missing_field"),
        ("/transactions/0/date", "missing_field"),
        ("/transactions/0/to/name", "missing_field"),
        ("/subjects/0/kind", "missing_field"),
        ("/subjects/0/list_match/score", "wrong_type"),
        ("/subjects/0/list_match/list", "missing_field"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|(p, _)| p.starts_with("/subjects/0/list_match/exposure")),
        "an empty optional part is left out, not reported field by field: {found:?}"
    );
    let message = &issues
        .iter()
        .find(|i| i.pointer == "/envelope/narrative/reason")
        .map(|i| i.message.clone())
        .unwrap_or_default();
    assert_eq!(
        message,
        "This required field is missing. (missing field `reason`)"
    );
}

#[test]
fn rows_are_added_and_removed_with_their_values() {
    let json = fixture("asset_freeze");
    let mut data = FormData::from_json("ASSET_FREEZE", &json);
    data.add_row("/assets");
    data.set("/assets/1/account", "SECOND");
    data.add_row("/assets");
    data.set("/assets/2/account", "THIRD");
    assert_eq!(data.rows("/assets"), 3);
    data.remove_row("/assets", 1);
    assert_eq!(data.rows("/assets"), 2);
    assert_eq!(data.value("/assets/0/account"), "SEC-00123");
    assert_eq!(data.value("/assets/1/account"), "THIRD");
    assert_eq!(data.value("/assets/2/account"), "");
}

#[test]
fn posted_values_open_the_rows_they_need() {
    let pairs = vec![
        ("/subjects/2/names".to_string(), "X".to_string()),
        ("rows:/assets".to_string(), "100000".to_string()),
        ("/subjects/0/roles".to_string(), "customer".to_string()),
        ("/subjects/0/roles".to_string(), "ubo".to_string()),
    ];
    let data = FormData::from_pairs("POTENTIAL_HIT", &pairs);
    assert_eq!(data.rows("/subjects"), 3);
    assert_eq!(data.rows("/assets"), super::form_data::MAX_ROWS);
    assert_eq!(data.values("/subjects/0/roles"), ["customer", "ubo"]);
}

#[test]
fn issue_pointers_lead_to_the_nearest_input() {
    let data = FormData::from_json("ASSET_FREEZE", &fixture("asset_freeze"));
    let targets = data.targets();
    assert_eq!(
        target_of(&targets, "/subjects/0/names/3"),
        "/subjects/0/names"
    );
    assert_eq!(target_of(&targets, "/assets/0/iban"), "/assets/0/iban");
    assert_eq!(target_of(&targets, "/assets"), "/assets");
    assert_eq!(target_of(&targets, "/goods"), "/goods");
    assert_eq!(target_of(&targets, "/nonsense/1"), "");
}

#[test]
fn every_label_has_a_text_in_both_languages() {
    for key in label_keys() {
        for lang in [Lang::En, Lang::Nl] {
            assert!(lang.lookup(&key).is_some(), "{key} has no {lang:?} text");
        }
    }
}

#[test]
fn every_deadline_duty_has_a_name_in_both_languages() {
    for clock in meldpunt_reports::deadline::CLOCKS {
        for lang in Lang::ALL {
            let key = format!("reports.duty.{}", clock.kind);
            assert!(lang.lookup(&key).is_some(), "{key} in {}", lang.code());
        }
    }
}
