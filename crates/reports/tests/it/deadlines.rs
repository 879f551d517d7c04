//! Deadline clocks per the field notes and Reg. 269/2014 art. 8.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use meldpunt_reports::deadline::CLOCKS;
use meldpunt_reports::{deadlines, is_overdue, Authority, Deadline, Report};
use serde_json::json;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn report(name: &str) -> Report {
    common::check(&common::fixture(name))
        .report
        .unwrap_or_else(|| panic!("{name}"))
}

fn find<'a>(list: &'a [Deadline], kind: &str) -> &'a Deadline {
    list.iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} in {list:?}"))
}

#[test]
fn a_freeze_reported_in_time_is_met_and_opens_the_commission_clock() {
    // asset_freeze.json: detected_at 2026-11-04T08:00:00Z.
    let freeze = report("asset_freeze");
    let received = at("2026-11-10T12:00:00Z");
    let list = deadlines(&freeze, received);
    let kinds: Vec<&str> = list.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["freeze_report", "commission_onward"]);

    let own = find(&list, "freeze_report");
    assert_eq!(own.authority, None);
    assert_eq!(own.starts_at, at(&freeze.envelope.detected_at));
    assert_eq!(own.due_at, own.starts_at + Duration::weeks(2));
    assert_eq!(own.met_at, Some(received));
    assert!(!own.late);
    assert!(!own.is_overdue(received + Duration::weeks(10)));

    let onward = find(&list, "commission_onward");
    assert_eq!(onward.authority, Some(Authority::EuropeanCommission));
    assert_eq!(onward.starts_at, received);
    assert_eq!(onward.due_at, received + Duration::weeks(2));
    assert_eq!(onward.met_at, None);
    assert!(!onward.is_overdue(received + Duration::days(14)));
    assert!(onward.is_overdue(received + Duration::days(14) + Duration::seconds(1)));
}

#[test]
fn a_late_freeze_report_is_met_but_marked_late() {
    let freeze = report("asset_freeze");
    let due = at(&freeze.envelope.detected_at) + Duration::weeks(2);
    let on_the_dot = deadlines(&freeze, due);
    assert!(!find(&on_the_dot, "freeze_report").late);
    let received = due + Duration::minutes(1);
    let list = deadlines(&freeze, received);
    let own = find(&list, "freeze_report");
    assert_eq!(own.met_at, Some(received));
    assert!(own.late);
}

#[test]
fn self_reports_have_six_weeks() {
    let own = report("listed_person_self_report");
    let list = deadlines(&own, at("2026-11-29T12:00:00Z"));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, "self_report");
    assert_eq!(list[0].due_at - list[0].starts_at, Duration::weeks(6));
    assert!(!list[0].late);
}

#[test]
fn periodic_returns_are_due_six_weeks_after_the_reference_date() {
    let periodic = report("frozen_assets_periodic");
    // Reference date 2026-09-30T17:00:00Z; received on 20 November, after 11 November.
    let list = deadlines(&periodic, at("2026-11-20T09:00:00Z"));
    let kinds: Vec<&str> = list.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["commission_onward", "periodic_return"]);
    let own = find(&list, "periodic_return");
    assert_eq!(own.due_at, at("2026-11-11T17:00:00Z"));
    assert!(own.late);
}

#[test]
fn licence_requests_start_a_decision_clock() {
    let licence = report("licence_request");
    let received = at("2026-11-09T10:00:00Z");
    let list = deadlines(&licence, received);
    assert_eq!(list.len(), 1);
    let decision = &list[0];
    assert_eq!(decision.kind, "licence_decision");
    assert_eq!(decision.authority, Some(Authority::DouaneCdiu));
    assert_eq!(decision.due_at, received + Duration::weeks(8));
    assert_eq!(decision.met_at, None);
}

#[test]
fn other_types_have_no_clock() {
    for name in [
        "confirmed_hit",
        "potential_hit",
        "vessel_event",
        "whistleblower",
    ] {
        assert!(deadlines(&report(name), common::now()).is_empty(), "{name}");
    }
}

#[test]
fn an_unreadable_detection_time_drops_only_its_own_clocks() {
    let mut json = common::fixture("asset_freeze");
    common::set(&mut json, "/envelope/detected_at", json!("yesterday"));
    let freeze = common::check(&json)
        .report
        .unwrap_or_else(|| panic!("shape is fine"));
    let list = deadlines(&freeze, common::now());
    let kinds: Vec<&str> = list.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["commission_onward"]);
}

#[test]
fn overdue_means_strictly_after_the_due_time() {
    let due = at("2026-12-01T00:00:00Z");
    assert!(!is_overdue(due, due));
    assert!(is_overdue(due, due + Duration::seconds(1)));
    assert!(!is_overdue(due, due - Duration::days(1)));
}

#[test]
fn every_clock_cites_its_basis() {
    for clock in CLOCKS {
        assert!(clock.days > 0, "{}", clock.kind);
        assert!(clock.basis.len() > 20, "{}", clock.kind);
        assert!(!clock.report_types.is_empty(), "{}", clock.kind);
    }
}
