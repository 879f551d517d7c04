//! Layer 1: shape errors point at the exact field, and business rules do not run.

use crate::common;

use common::{errors, fixture, remove, set};
use meldpunt_reports::Status;
use serde_json::json;

#[test]
fn wrong_type_points_at_the_field() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/value", json!("125000"));
    assert_eq!(
        errors(&report),
        vec![("/assets/0/value".to_string(), "wrong_type")]
    );
}

#[test]
fn unknown_enum_value_is_a_wrong_type() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/envelope/report_type", json!("HIT"));
    assert_eq!(
        errors(&report),
        vec![("/envelope/report_type".to_string(), "wrong_type")]
    );
}

#[test]
fn unknown_field_points_at_the_field() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/subjects/0/nickname", json!("Vanya"));
    assert_eq!(
        errors(&report),
        vec![("/subjects/0/nickname".to_string(), "unknown_field")]
    );
}

#[test]
fn missing_field_points_at_the_field() {
    let mut report = fixture("attempted_transaction");
    remove(&mut report, "/transactions/0/to/name");
    assert_eq!(
        errors(&report),
        vec![("/transactions/0/to/name".to_string(), "missing_field")]
    );
}

#[test]
fn missing_envelope_at_top_level() {
    assert_eq!(
        errors(&json!({})),
        vec![("/envelope".to_string(), "missing_field")]
    );
}

#[test]
fn not_an_object_points_at_the_root() {
    let validation = common::check(&json!([1, 2]));
    assert_eq!(validation.status(), Status::Rejected);
    assert_eq!(validation.errors[0].pointer, "");
    assert!(validation.report.is_none());
}

#[test]
fn metric_keys_are_escaped_in_pointers() {
    let mut report = fixture("vessel_event");
    set(&mut report, "/vessel_events/0/metrics/a~b", json!("x"));
    set(&mut report, "/vessel_events/0/metrics/c", json!(1));
    let mut bad = report.clone();
    if let Some(metrics) = bad.pointer_mut("/vessel_events/0/metrics") {
        metrics["a/b"] = json!("x");
        metrics.as_object_mut().map(|m| m.remove("a~b"));
    }
    assert_eq!(
        errors(&bad),
        vec![("/vessel_events/0/metrics/a~1b".to_string(), "wrong_type")]
    );
    assert_eq!(
        errors(&report),
        vec![("/vessel_events/0/metrics/a~0b".to_string(), "wrong_type")]
    );
}

#[test]
fn shape_error_message_carries_serde_detail() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/value", json!("125000"));
    let issue = &common::check(&report).errors[0];
    assert!(issue.message.contains("expected f64"), "{}", issue.message);
}

#[test]
fn positional_array_for_a_struct_is_rejected() {
    let mut report = fixture("potential_hit");
    set(
        &mut report,
        "/envelope/narrative",
        json!(["Partial name match.", null]),
    );
    assert_eq!(
        errors(&report),
        vec![("/envelope/narrative".to_string(), "wrong_type")]
    );
}

#[test]
fn nested_array_in_a_list_is_rejected() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/names/0", json!(["Olga"]));
    assert_eq!(
        errors(&report),
        vec![("/subjects/0/names/0".to_string(), "wrong_type")]
    );
}
