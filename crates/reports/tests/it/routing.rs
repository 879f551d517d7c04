//! Routing: every fixture reaches the authorities the field notes name, and
//! tables are checked on load with errors that name the line.

use crate::common;

use meldpunt_reports::routing::Section;
use meldpunt_reports::{route, Authority, Report, RuleTable};
use serde_json::{json, Value};

fn report(json: &Value) -> Report {
    common::check(json)
        .report
        .unwrap_or_else(|| panic!("fixture has the wrong shape"))
}

fn codes(json: &Value) -> Vec<&'static str> {
    route(&report(json), RuleTable::builtin())
        .iter()
        .map(|r| r.authority.code())
        .collect()
}

#[test]
fn builtin_table_loads_with_its_version() {
    let table = RuleTable::builtin();
    assert_eq!(table.version(), "routing-2026-1");
    assert!(table.rules().iter().all(|r| !r.note.trim().is_empty()));
    assert!(table.rules().iter().any(|r| r.fallback));
}

#[test]
fn every_fixture_goes_where_the_field_notes_say() {
    let expected: [(&str, &[&str]); 12] = [
        ("confirmed_hit", &["DNB"]),
        ("potential_hit", &["DNB"]),
        ("asset_freeze", &["DNB", "EUROPEAN_COMMISSION"]),
        ("frozen_assets_periodic", &["DNB", "EUROPEAN_COMMISSION"]),
        ("attempted_transaction", &["DNB", "FIU_NL"]),
        ("pre_listing_movement", &["DNB"]),
        ("suspected_circumvention", &["DFEI", "DOUANE_POSS", "FIOD"]),
        ("no_russia_clause_breach", &["DFEI", "DOUANE_POSS", "FIOD"]),
        ("listed_person_self_report", &["MIN_EZ", "MIN_IENW"]),
        ("licence_request", &["DOUANE_CDIU", "MIN_FIN"]),
        ("vessel_event", &["DOUANE_POSS", "MIN_IENW"]),
        ("whistleblower", &["FIOD"]),
    ];
    for (name, authorities) in expected {
        assert_eq!(codes(&common::fixture(name)), authorities, "{name}");
    }
}

#[test]
fn routes_name_the_first_rule_that_named_the_authority() {
    let routes = route(
        &report(&common::fixture("asset_freeze")),
        RuleTable::builtin(),
    );
    let pairs: Vec<(Authority, &str)> = routes
        .iter()
        .map(|r| (r.authority, r.rule_id.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            (Authority::Dnb, "dnb-financial-sector"),
            (Authority::EuropeanCommission, "freeze-onward-commission"),
        ]
    );
}

#[test]
fn sectors_pick_their_supervisor() {
    let mut json = common::fixture("confirmed_hit");
    common::remove(&mut json, "/envelope/reporter/supervisor");
    for (sector, authority) in [
        ("trust_office", "DNB"),
        ("crypto_asset_service_provider", "DNB"),
        ("notary", "BFT"),
        ("accountant", "BFT"),
        ("tax_adviser", "BFT"),
        ("exporter", "DFEI"),
    ] {
        common::set(&mut json, "/envelope/reporter/sector", json!(sector));
        assert_eq!(codes(&json), [authority], "{sector}");
    }
    common::set(&mut json, "/envelope/reporter/sector", json!("other"));
    common::set(&mut json, "/envelope/reporter/supervisor", json!("afm"));
    assert_eq!(codes(&json), ["AFM"]);
}

#[test]
fn unusual_hits_also_go_to_the_fiu() {
    let mut json = common::fixture("potential_hit");
    common::set(
        &mut json,
        "/envelope/indicators",
        json!(["unusual_transaction"]),
    );
    assert_eq!(codes(&json), ["DNB", "FIU_NL"]);
}

#[test]
fn self_reports_split_by_asset_type() {
    let mut json = common::fixture("listed_person_self_report");
    common::set(
        &mut json,
        "/assets",
        json!([{"category": "funds", "kind": "bank_account"}]),
    );
    assert_eq!(codes(&json), ["MIN_FIN"]);
    common::set(&mut json, "/assets", json!([]));
    // No asset names a ministry: the catch-all takes it.
    assert_eq!(codes(&json), ["MIN_BUZA"]);
}

#[test]
fn licences_for_goods_reach_foreign_affairs() {
    let mut json = common::fixture("licence_request");
    common::set(&mut json, "/assets", json!([]));
    common::set(
        &mut json,
        "/goods",
        json!([{"hs_code": "847130", "description": "Laptops", "no_russia_clause_present": true}]),
    );
    assert_eq!(codes(&json), ["DOUANE_CDIU", "MIN_BUZA"]);
}

#[test]
fn an_unclaimed_report_falls_back_and_is_never_unrouted() {
    let mut json = common::fixture("confirmed_hit");
    common::set(&mut json, "/envelope/reporter/sector", json!("lawyer"));
    common::remove(&mut json, "/envelope/reporter/supervisor");
    let routes = route(&report(&json), RuleTable::builtin());
    assert_eq!(routes.len(), 1);
    assert_eq!(routes[0].authority, Authority::MinBuza);
    assert_eq!(routes[0].rule_id, "fallback-foreign-affairs");
}

const MINIMAL: &str = r#"version = "test-1"

[[rule]]
id = "all"
fallback = true
authorities = ["MIN_BUZA"]
note = "catch-all"
"#;

#[test]
fn a_users_table_loads_and_routes() {
    let text = format!(
        "{MINIMAL}\n[[rule]]\nid = \"vessels\"\ncarries = [\"vessel_events\"]\nauthorities = [\"MIN_IENW\", \"MIN_IENW\"]\nnote = \"shipping\"\n"
    );
    let table = RuleTable::from_toml(&text, "mine.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.version(), "test-1");
    assert_eq!(table.rules()[1].carries, [Section::VesselEvents]);
    assert_eq!(table.rules()[1].line, 10);
    assert_eq!(codes_with(&table, "vessel_event"), ["MIN_IENW"]);
    assert_eq!(codes_with(&table, "whistleblower"), ["MIN_BUZA"]);
}

fn codes_with(table: &RuleTable, fixture: &str) -> Vec<&'static str> {
    route(&report(&common::fixture(fixture)), table)
        .iter()
        .map(|r| r.authority.code())
        .collect()
}

fn load_error(text: &str) -> String {
    match RuleTable::from_toml(text, "mine.toml") {
        Ok(_) => panic!("table accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_tables_are_refused_with_the_line() {
    let no_fallback = "version = \"x\"\n\n[[rule]]\nid = \"a\"\nreport_types = [\"WHISTLEBLOWER\"]\nauthorities = [\"FIOD\"]\nnote = \"n\"\n";
    assert!(
        load_error(no_fallback).contains("catch-all"),
        "{}",
        load_error(no_fallback)
    );

    let unknown_authority = MINIMAL.replace("MIN_BUZA", "MIN_DEFENCE");
    let e = load_error(&unknown_authority);
    assert!(e.starts_with("mine.toml:6:"), "{e}");
    assert!(e.contains("MIN_DEFENCE"), "{e}");

    let unknown_type = format!("{MINIMAL}\n[[rule]]\nid = \"b\"\nreport_types = [\"ASSET_FROZE\"]\nauthorities = [\"FIOD\"]\nnote = \"n\"\n");
    assert!(
        load_error(&unknown_type).starts_with("mine.toml:11:"),
        "{}",
        load_error(&unknown_type)
    );

    let duplicate =
        format!("{MINIMAL}\n[[rule]]\nid = \"all\"\nauthorities = [\"FIOD\"]\nnote = \"n\"\n");
    let e = load_error(&duplicate);
    assert!(
        e.starts_with("mine.toml:10:") && e.contains("used twice"),
        "{e}"
    );

    let fallback_with_criteria =
        MINIMAL.replace("fallback = true", "fallback = true\nsectors = [\"bank\"]");
    assert!(load_error(&fallback_with_criteria).contains("no criteria"));

    let no_note = MINIMAL.replace("note = \"catch-all\"", "note = \" \"");
    assert!(load_error(&no_note).contains("needs a note"));

    let no_authority = MINIMAL.replace("[\"MIN_BUZA\"]", "[]");
    assert!(load_error(&no_authority).contains("names no authority"));

    let unknown_key = MINIMAL.replace("fallback = true", "fallback = true\nsector = [\"bank\"]");
    assert!(
        load_error(&unknown_key).starts_with("mine.toml:6:"),
        "{}",
        load_error(&unknown_key)
    );

    let broken = "version = \"x\"\n[[rule]\n";
    assert!(
        load_error(broken).starts_with("mine.toml:2:"),
        "{}",
        load_error(broken)
    );
}

/// What the desk stores per fixture: routes with their rules, and the
/// deadline clocks for a report received at the test clock's now.
#[test]
fn routes_and_deadlines_snapshot() {
    let names = [
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
    let mut all = serde_json::Map::new();
    for name in names {
        let report = report(&common::fixture(name));
        all.insert(
            name.to_string(),
            json!({
                "routes": route(&report, RuleTable::builtin()),
                "deadlines": meldpunt_reports::deadlines(&report, common::now()),
            }),
        );
    }
    insta::assert_json_snapshot!("routes_and_deadlines", Value::Object(all));
}
