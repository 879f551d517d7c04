//! The legal rules on hand-built graphs with known answers, under OFAC and
//! EU rules.

use crate::common;

use common::*;
use meldpunt_ownership::{ExposureRule, RelationInput, RelationKind};

#[test]
fn ofac_example_blocked_entity_counts_in_full() {
    let g = stakes(&[("X", "A", 50.0), ("X", "B", 10.0), ("A", "B", 40.0)]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:50", "B:50"]);
    let b = &run(&g, &["X"], ofac())[1];
    assert_eq!(b.rule, ExposureRule::Ofac50);
    let routes: Vec<Vec<(&str, &str, Option<f64>)>> = b
        .paths
        .iter()
        .map(|p| {
            p.steps
                .iter()
                .map(|s| (&*s.owner, &*s.owned, s.percentage))
                .collect()
        })
        .collect();
    assert_eq!(
        routes,
        [
            vec![("X", "A", Some(50.0)), ("A", "B", Some(40.0))],
            vec![("X", "B", Some(10.0))],
        ]
    );
    // EU: 50% is not more than 50%.
    assert!(caught(&g, &["X"], eu()).is_empty());
}

#[test]
fn ofac_example_minority_does_not_pass_through() {
    let g = stakes(&[("X", "A", 40.0), ("A", "B", 100.0)]);
    assert!(caught(&g, &["X"], ofac()).is_empty());
    assert!(caught(&g, &["X"], eu()).is_empty());
    assert!(caught(&g, &["X"], eu_aggregate()).is_empty());
}

#[test]
fn chains() {
    let g = stakes(&[
        ("X", "A", 60.0),
        ("A", "B", 60.0),
        ("B", "C", 60.0),
        ("C", "D", 40.0),
    ]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:60", "B:60", "C:60"]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:60", "B:60", "C:60"]);
    let g = stakes(&[("X", "A", 50.0), ("A", "B", 50.0)]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:50", "B:50"]);
    assert!(caught(&g, &["X"], eu()).is_empty());
}

#[test]
fn diamonds() {
    // Two blocked subsidiaries with 30% each.
    let g = stakes(&[
        ("X", "A", 60.0),
        ("X", "B", 60.0),
        ("A", "C", 30.0),
        ("B", "C", 30.0),
    ]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:60", "B:60", "C:60"]);
    // One listed person holding through two entities it owns: no
    // aggregation across listed persons is needed.
    assert_eq!(caught(&g, &["X"], eu()), ["A:60", "B:60", "C:60"]);
    let g = stakes(&[
        ("X", "A", 60.0),
        ("X", "B", 60.0),
        ("A", "C", 25.0),
        ("B", "C", 25.0),
    ]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:60", "B:60", "C:50"]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:60", "B:60"]);
}

#[test]
fn cycles_without_a_listed_owner_catch_nothing() {
    let g = stakes(&[("A", "B", 60.0), ("B", "A", 60.0), ("Y", "A", 40.0)]);
    for rules in [ofac(), eu(), eu_aggregate()] {
        assert!(caught(&g, &["X"], rules).is_empty());
        assert!(caught(&g, &["Y"], rules).is_empty());
    }
}

#[test]
fn cycles_with_a_listed_owner_terminate() {
    let g = stakes(&[("X", "A", 60.0), ("A", "B", 60.0), ("B", "A", 30.0)]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:90", "B:60"]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:90", "B:60"]);
    let a = &run(&g, &["X"], ofac())[0];
    assert_eq!(a.paths.len(), 1, "B's stake in A is circular evidence");
    assert!(a
        .explanation
        .contains("a further 30% is held through entities it owns itself"));
}

#[test]
fn two_listed_owners_aggregate_only_where_the_rule_says() {
    let g = stakes(&[("X", "A", 30.0), ("Y", "A", 25.0)]);
    assert_eq!(caught(&g, &["X", "Y"], ofac()), ["A:55"]);
    assert!(caught(&g, &["X", "Y"], eu()).is_empty());
    let exposures = run(&g, &["X", "Y"], eu_aggregate());
    assert_eq!(exposures.len(), 1);
    assert_eq!(exposures[0].rule, ExposureRule::EuOwnership);
    assert!(exposures[0].rules.eu_aggregate);
    assert!(exposures[0]
        .explanation
        .ends_with("; holdings of different listed persons aggregated"));
}

#[test]
fn exactly_fifty_percent() {
    let g = stakes(&[("X", "A", 50.0)]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:50"]);
    assert!(caught(&g, &["X"], eu()).is_empty());
    assert!(caught(&g, &["X"], eu_aggregate()).is_empty());
    let g = stakes(&[("X", "A", 50.0001)]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:50.0001"]);
}

#[test]
fn control_without_ownership() {
    let g = graph(&[
        director("X", "A", "General Director"),
        stake("X", "A", 10.0),
    ]);
    assert!(caught(&g, &["X"], ofac()).is_empty());
    let a = run(&g, &["X"], eu());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].rule, ExposureRule::EuControl);
    assert_eq!(a[0].paths[0].steps[0].relation, RelationKind::Directorship);

    let mut flagged = stake("X", "B", 10.0);
    flagged.control = true;
    let g = graph(&[flagged]);
    assert!(caught(&g, &["X"], ofac()).is_empty());
    assert_eq!(run(&g, &["X"], eu())[0].rule, ExposureRule::EuControl);
}

#[test]
fn control_extends_to_what_the_controlled_entity_owns() {
    let g = graph(&[
        director("X", "A", "General Director"),
        stake("A", "B", 60.0),
    ]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:0", "B:60"]);
    assert!(caught(&g, &["X"], ofac()).is_empty());
}

#[test]
fn board_majority() {
    let g = graph(&[
        director("X", "A", "Director"),
        director("Y", "A", "Director"),
        director("Z", "A", "Director"),
    ]);
    // One seat of three is no majority; two listed seats are only a
    // majority when listed persons are pooled.
    assert!(caught(&g, &["X", "Y"], eu()).is_empty());
    let a = run(&g, &["X", "Y"], eu_aggregate());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].rule, ExposureRule::EuControl);
    assert!(
        a[0].explanation.contains("2 of 3 known directors"),
        "{}",
        a[0].explanation
    );
    assert!(caught(&g, &["X", "Y"], ofac()).is_empty());
}

#[test]
fn ended_and_future_relations_are_ignored() {
    let ended = dated(
        stake("X", "A", 60.0),
        Some("2010-01-01"),
        Some("2020-12-31"),
    );
    let future = dated(stake("X", "B", 60.0), Some("2025-01-01"), None);
    let current = dated(stake("X", "C", 60.0), Some("2020-01-01"), Some("2030"));
    let g = graph(&[ended, future, current]);
    assert_eq!(caught(&g, &["X"], ofac()), ["C:60"]);
    assert_eq!(caught(&g, &["X"], eu()), ["C:60"]);
    let later = meldpunt_ownership::Rules::ofac(date("2026-01-01"));
    assert_eq!(caught(&g, &["X"], later), ["B:60", "C:60"]);
    let earlier = meldpunt_ownership::Rules::eu(date("2015"));
    assert_eq!(caught(&g, &["X"], earlier), ["A:60"]);
}

#[test]
fn since_is_when_the_threshold_was_reached() {
    let g = graph(&[
        dated(stake("X", "A", 30.0), Some("2015-01-01"), None),
        dated(stake("Y", "A", 25.0), Some("2019-03-01"), None),
        dated(stake("Z", "A", 10.0), Some("2021-01-01"), None),
        dated(stake("X", "M", 60.0), Some("2018-05-01"), None),
        dated(stake("M", "N", 60.0), Some("2010-01-01"), None),
    ]);
    let exposures = run(&g, &["X", "Y", "Z"], ofac());
    let since: Vec<(String, String)> = exposures
        .iter()
        .map(|e| {
            (
                e.entity.to_string(),
                e.since.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let expected = [
        ("A", "2019-03-01"),
        ("M", "2018-05-01"),
        ("N", "2018-05-01"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(since, expected);
    // EU without aggregation: only M and N, by X alone.
    let eu_since: Vec<String> = run(&g, &["X", "Y", "Z"], eu())
        .iter()
        .map(|e| {
            format!(
                "{}@{}",
                e.entity,
                e.since.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(eu_since, ["M@2018-05-01", "N@2018-05-01"]);
}

#[test]
fn versions_of_one_stake_are_not_added() {
    let g = graph(&[
        dated(
            stake("X", "A", 48.0),
            Some("2015-11-25"),
            Some("2023-12-21"),
        ),
        dated(stake("X", "A", 51.0), Some("2015-11-25"), None),
    ]);
    let rules = meldpunt_ownership::Rules::ofac(date("2022-01-01"));
    assert_eq!(caught(&g, &["X"], rules), ["A:51"]);
}

#[test]
fn ranges_count_at_their_lower_bound() {
    let mut over = RelationInput::new("X", "A", RelationKind::Ownership);
    over.percentage = meldpunt_ownership::Percentage::parse(">50").ok();
    let mut range = RelationInput::new("X", "B", RelationKind::Ownership);
    range.percentage = meldpunt_ownership::Percentage::parse("25-75%").ok();
    let g = graph(&[over, range]);
    assert_eq!(caught(&g, &["X"], ofac()), ["A:50.0001"]);
    assert_eq!(caught(&g, &["X"], eu()), ["A:50.0001"]);
}

#[test]
fn listed_entities_are_not_reported_and_unknown_ids_are_ignored() {
    let g = stakes(&[("X", "A", 60.0)]);
    assert!(caught(&g, &["A"], ofac()).is_empty());
    assert_eq!(caught(&g, &["X", "nobody"], ofac()), ["A:60"]);
    // Under separate EU runs, X's run catches the listed A: still not
    // reported as exposed.
    assert!(caught(&g, &["X", "A"], eu()).is_empty());
}

#[test]
fn effective_ownership_multiplies_and_adds() {
    let g = stakes(&[("X", "A", 50.0), ("X", "B", 10.0), ("A", "B", 40.0)]);
    let e = g.effective_ownership("X", "B", as_of()).expect("known ids");
    assert!((e.percentage - 30.0).abs() < 1e-9, "{}", e.percentage);
    assert_eq!(e.paths.len(), 2);
    assert!(!e.truncated);
    // Cycles: only simple paths.
    let g = stakes(&[
        ("X", "A", 50.0),
        ("A", "B", 50.0),
        ("B", "A", 50.0),
        ("B", "C", 100.0),
    ]);
    let e = g.effective_ownership("X", "C", as_of()).expect("known ids");
    assert!((e.percentage - 25.0).abs() < 1e-9, "{}", e.percentage);
    assert!(g.effective_ownership("X", "nobody", as_of()).is_err());
}
