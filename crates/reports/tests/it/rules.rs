//! Business rules: every case of `fixtures/rule_cases.json` raises exactly
//! its issues (pointer and code), plus the rules that need more than one
//! edit to show.

use crate::common;

use common::rule_cases::rule_cases;
use common::{errors, fixture, set, warnings};
use serde_json::json;

fn assert_only(json: &serde_json::Value, pointer: &str, code: &str) {
    assert_eq!(errors(json), vec![(pointer.to_string(), code)]);
}

#[test]
fn every_rule_case_raises_exactly_its_issues() {
    let cases = rule_cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for case in cases {
        let report = case.report();
        let found = |issues: Vec<(String, &'static str)>| -> Vec<(String, String)> {
            issues
                .into_iter()
                .map(|(p, c)| (p, c.to_string()))
                .collect()
        };
        assert_eq!(found(errors(&report)), case.errors, "{}: errors", case.rule);
        assert_eq!(
            found(warnings(&report)),
            case.warnings,
            "{}: warnings",
            case.rule
        );
    }
}

#[test]
fn detected_at_not_in_the_future() {
    let mut report = fixture("potential_hit");
    set(
        &mut report,
        "/envelope/detected_at",
        json!("2026-11-29T12:05:01Z"),
    );
    assert_only(&report, "/envelope/detected_at", "detected_at_future");
    // Within five minutes of skew between the reporter's clock and ours.
    set(
        &mut report,
        "/envelope/detected_at",
        json!("2026-11-29T13:04:00+01:00"),
    );
    assert_eq!(errors(&report), vec![]);
}

#[test]
fn freeze_before_detection_is_a_warning() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/frozen_at", json!("2026-11-01"));
    assert_eq!(errors(&report), vec![]);
    assert_eq!(
        warnings(&report),
        vec![("/assets/0/frozen_at".to_string(), "frozen_before_detection")]
    );
    assert_eq!(
        common::check(&report).status(),
        meldpunt_reports::Status::AcceptedWithWarnings
    );
}

#[test]
fn every_code_has_a_message() {
    let codes: Vec<&str> = meldpunt_reports::messages::MESSAGES
        .iter()
        .map(|(c, _)| *c)
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), codes.len(), "duplicate codes");
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/iban", json!("NL92ABNA0417164300"));
    let issue = &common::check(&report).errors[0];
    assert!(issue.message.ends_with('.') && issue.message.len() > 20);
}

/// Every validation code outside the XML and CSV readers has a case, so the
/// table (and the API test that replays it) covers every rule.
#[test]
fn every_validation_code_has_a_case() {
    let covered: Vec<String> = rule_cases()
        .iter()
        .flat_map(|c| {
            c.errors
                .iter()
                .chain(&c.warnings)
                .map(|(_, code)| code.clone())
        })
        .collect();
    let missing: Vec<&str> = meldpunt_reports::messages::MESSAGES
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| !code.starts_with("xml_") && !code.starts_with("csv_"))
        .filter(|code| *code != "invalid_json")
        .filter(|code| !covered.iter().any(|c| c == code))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
}

#[test]
fn periodic_returns_list_earlier_freezes_without_warning() {
    let mut report = fixture("frozen_assets_periodic");
    set(&mut report, "/assets/0/frozen_at", json!("2022-03-15"));
    assert_eq!(errors(&report), vec![]);
    assert_eq!(warnings(&report), vec![]);
}
