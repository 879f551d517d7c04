//! One test per business rule: the exact pointer and code of the error.

mod common;

use common::{errors, fixture, remove, set, warnings};
use serde_json::json;

fn assert_only(json: &serde_json::Value, pointer: &str, code: &str) {
    assert_eq!(errors(json), vec![(pointer.to_string(), code)]);
}

#[test]
fn iban_checksum() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/iban", json!("NL92ABNA0417164300"));
    assert_only(&report, "/assets/0/iban", "iban_checksum");
}

#[test]
fn iban_length_for_nl() {
    let mut report = fixture("attempted_transaction");
    set(
        &mut report,
        "/transactions/0/from/iban",
        json!("NL91ABNA04171643001"),
    );
    assert_only(&report, "/transactions/0/from/iban", "iban_length");
}

#[test]
fn iban_format() {
    let mut report = fixture("licence_request");
    set(&mut report, "/assets/0/iban", json!("9191ABNA0417164300"));
    assert_only(&report, "/assets/0/iban", "iban_format");
}

#[test]
fn imo_check_digit() {
    let mut report = fixture("vessel_event");
    set(
        &mut report,
        "/subjects/0/identifiers/0/value",
        json!("9074728"),
    );
    assert_only(
        &report,
        "/subjects/0/identifiers/0/value",
        "imo_check_digit",
    );
}

#[test]
fn counterpart_imo_check_digit() {
    let mut report = fixture("vessel_event");
    set(
        &mut report,
        "/vessel_events/0/counterpart/imo",
        json!("1234568"),
    );
    assert_only(
        &report,
        "/vessel_events/0/counterpart/imo",
        "imo_check_digit",
    );
}

#[test]
fn mmsi_format() {
    let mut report = fixture("vessel_event");
    set(
        &mut report,
        "/subjects/0/identifiers/1/value",
        json!("24412345"),
    );
    assert_only(&report, "/subjects/0/identifiers/1/value", "mmsi_format");
}

#[test]
fn lei_checksum() {
    let mut report = fixture("confirmed_hit");
    set(
        &mut report,
        "/envelope/reporter/lei",
        json!("5493001KJTIIGC8Y1R13"),
    );
    assert_only(&report, "/envelope/reporter/lei", "lei_checksum");
}

#[test]
fn kvk_format() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/envelope/reporter/kvk", json!("3319433"));
    assert_only(&report, "/envelope/reporter/kvk", "kvk_format");
}

#[test]
fn bic_format() {
    let mut report = fixture("attempted_transaction");
    set(&mut report, "/transactions/0/to/bic", json!("SABR12MM"));
    assert_only(&report, "/transactions/0/to/bic", "bic_format");
}

#[test]
fn currency_unknown() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/assets/0/currency", json!("eur"));
    assert_only(&report, "/assets/0/currency", "currency_unknown");
    set(&mut report, "/assets/0/currency", json!("EUX"));
    assert_only(&report, "/assets/0/currency", "currency_unknown");
}

#[test]
fn country_unknown() {
    let mut report = fixture("confirmed_hit");
    set(&mut report, "/subjects/0/nationality/0", json!("Russia"));
    assert_only(&report, "/subjects/0/nationality/0", "country_unknown");
}

#[test]
fn asset_freeze_needs_an_asset() {
    let mut report = fixture("asset_freeze");
    set(&mut report, "/assets", json!([]));
    assert_only(&report, "/assets", "asset_required");
}

#[test]
fn periodic_report_needs_an_asset() {
    let mut report = fixture("frozen_assets_periodic");
    remove(&mut report, "/assets");
    assert_only(&report, "/assets", "asset_required");
}

#[test]
fn confirmed_hit_needs_a_confirmed_match() {
    let mut report = fixture("confirmed_hit");
    set(
        &mut report,
        "/subjects/0/list_match/status",
        json!("potential"),
    );
    assert_only(&report, "/subjects", "confirmed_match_required");
}

#[test]
fn potential_hit_needs_a_match() {
    let mut report = fixture("potential_hit");
    remove(&mut report, "/subjects/0/list_match");
    assert_only(&report, "/subjects", "list_match_required");
}

#[test]
fn attempted_transaction_needs_a_transaction() {
    let mut report = fixture("attempted_transaction");
    set(&mut report, "/transactions", json!([]));
    assert_only(&report, "/transactions", "transaction_required");
}

#[test]
fn clause_breach_needs_goods_without_the_clause() {
    let mut report = fixture("no_russia_clause_breach");
    set(
        &mut report,
        "/goods/0/no_russia_clause_present",
        json!(true),
    );
    assert_only(&report, "/goods", "clause_breach_goods_required");
}

#[test]
fn vessel_event_needs_an_identified_vessel() {
    let mut report = fixture("vessel_event");
    set(&mut report, "/subjects/0/identifiers", json!([]));
    assert_only(&report, "/subjects", "vessel_subject_required");
}

#[test]
fn vessel_event_needs_an_event() {
    let mut report = fixture("vessel_event");
    set(&mut report, "/vessel_events", json!([]));
    assert_only(&report, "/vessel_events", "vessel_event_required");
}

#[test]
fn whistleblower_must_not_name_the_reporter() {
    let mut report = fixture("whistleblower");
    let reporter = fixture("confirmed_hit")["envelope"]["reporter"].clone();
    set(&mut report, "/envelope/reporter", reporter);
    assert_only(&report, "/envelope/reporter", "reporter_forbidden");
}

#[test]
fn other_types_must_name_the_reporter() {
    let mut report = fixture("licence_request");
    remove(&mut report, "/envelope/reporter");
    assert_only(&report, "/envelope/reporter", "reporter_required");
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
fn detected_at_is_rfc3339() {
    let mut report = fixture("potential_hit");
    set(
        &mut report,
        "/envelope/detected_at",
        json!("2026-11-03 10:00"),
    );
    assert_only(&report, "/envelope/detected_at", "datetime_format");
}

#[test]
fn asset_value_not_negative() {
    let mut report = fixture("frozen_assets_periodic");
    set(&mut report, "/assets/1/value", json!(-1));
    assert_only(&report, "/assets/1/value", "value_negative");
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
fn circumvention_needs_an_indicator() {
    let mut report = fixture("suspected_circumvention");
    set(&mut report, "/envelope/indicators", json!([]));
    assert_only(&report, "/envelope/indicators", "indicator_required");
}

#[test]
fn link_ids_are_uuids() {
    let mut report = fixture("whistleblower");
    set(
        &mut report,
        "/envelope/links/0/report_id",
        json!("MP-2026-1"),
    );
    assert_only(&report, "/envelope/links/0/report_id", "link_report_id");
}

#[test]
fn hs_code_is_6_to_10_digits() {
    let mut report = fixture("no_russia_clause_breach");
    set(&mut report, "/goods/0/hs_code", json!("8457"));
    assert_only(&report, "/goods/0/hs_code", "hs_code_format");
}

#[test]
fn attachment_digest_is_sha256_hex() {
    let mut report = fixture("whistleblower");
    set(&mut report, "/envelope/attachments/0/sha256", json!("abc"));
    assert_only(&report, "/envelope/attachments/0/sha256", "sha256_format");
}

#[test]
fn vessel_event_end_after_start() {
    let mut report = fixture("vessel_event");
    set(
        &mut report,
        "/vessel_events/0/end",
        json!("2026-11-08T01:00:00Z"),
    );
    assert_only(&report, "/vessel_events/0/end", "event_end_before_start");
}

#[test]
fn narrative_limited_to_64_kib() {
    let mut report = fixture("potential_hit");
    set(
        &mut report,
        "/envelope/narrative/reason",
        json!("x".repeat(64 * 1024 + 1)),
    );
    assert_only(&report, "/envelope/narrative/reason", "narrative_too_long");
}

#[test]
fn names_limited_to_1000_chars() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/names/0", json!("é".repeat(1001)));
    assert_only(&report, "/subjects/0/names/0", "name_too_long");
}

#[test]
fn at_most_1000_subjects() {
    let mut report = fixture("potential_hit");
    let subject = report["subjects"][0].clone();
    set(&mut report, "/subjects", json!(vec![subject; 1001]));
    assert_only(&report, "/subjects", "too_many_items");
}

#[test]
fn at_most_1000_transactions() {
    let mut report = fixture("attempted_transaction");
    let tx = report["transactions"][0].clone();
    set(&mut report, "/transactions", json!(vec![tx; 1001]));
    assert_only(&report, "/transactions", "too_many_items");
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

#[test]
fn at_most_1000_names_per_subject() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/names", json!(vec!["Olga"; 1001]));
    assert_only(&report, "/subjects/0/names", "too_many_items");
}

#[test]
fn at_most_1000_assets() {
    let mut report = fixture("licence_request");
    let asset = report["assets"][0].clone();
    set(&mut report, "/assets", json!(vec![asset; 1001]));
    assert_only(&report, "/assets", "too_many_items");
}

#[test]
fn subject_needs_a_name() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/names", json!([]));
    assert_only(&report, "/subjects/0/names", "names_missing");
}

#[test]
fn birth_date_may_be_partial_but_well_formed() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/birth_date", json!("1971-13"));
    assert_only(&report, "/subjects/0/birth_date", "birth_date_format");
}

#[test]
fn transaction_amount_not_negative() {
    let mut report = fixture("attempted_transaction");
    set(&mut report, "/transactions/0/amount", json!(-0.01));
    assert_only(&report, "/transactions/0/amount", "value_negative");
}

#[test]
fn transaction_date_is_iso() {
    let mut report = fixture("attempted_transaction");
    set(&mut report, "/transactions/0/date", json!("05-11-2026"));
    assert_only(&report, "/transactions/0/date", "date_format");
}

#[test]
fn score_between_0_and_1() {
    let mut report = fixture("potential_hit");
    set(&mut report, "/subjects/0/list_match/score", json!(81));
    assert_only(&report, "/subjects/0/list_match/score", "score_range");
}

#[test]
fn position_in_range() {
    let mut report = fixture("vessel_event");
    set(&mut report, "/vessel_events/0/position/lat", json!(91.0));
    assert_only(&report, "/vessel_events/0/position", "position_range");
}
