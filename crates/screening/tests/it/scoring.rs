//! Behaviour of scoring and screening on the cases the brief names:
//! cross-script matches, swapped names, uninformative names, numerals,
//! identifiers, schema compatibility; property tests; snapshots of
//! full explanations.

use meldpunt_model::{
    CountryRole, DateSpec, Entity, Gender, IdKind, Identifier, Name, NameKind, Sanction, Schema,
};
use meldpunt_screening::{
    explain::replay, score, ListEntry, PreparedEntity, ScoringConfig, ScreenOptions, Screener,
};
use proptest::prelude::*;

use crate::common::{named, pair_score};

fn threshold() -> f32 {
    ScoringConfig::default().threshold
}

fn screener() -> Screener {
    let mut putin = named(Schema::Person, &["Vladimir Vladimirovich PUTIN"]);
    putin.id = "putin".into();
    putin
        .birth_dates
        .push(DateSpec::parse("1952-10-07").unwrap_or(DateSpec::Exact(
            meldpunt_model::PartialDate {
                year: 1952,
                month: Some(10),
                day: Some(7),
            },
        )));
    putin.gender = Some(Gender::Male);
    putin.add_country(CountryRole::Nationality, "Russia");
    let mut sanction = Sanction::new("EU");
    sanction.program = Some("RUSSIA".into());
    sanction.listing_date = meldpunt_model::PartialDate::parse("2022-02-25").ok();
    putin.sanctions.push(sanction);
    let mut nasrallah = named(Schema::Person, &["Hassan NASRALLAH"]);
    nasrallah.id = "nasrallah".into();
    let mut romashka = named(Schema::Company, &["Romashka LLC"]);
    romashka.id = "romashka".into();
    let mut vessel = named(Schema::Vessel, &["NORD 1"]);
    vessel.id = "nord-1".into();
    vessel.add_identifier(Identifier::new(IdKind::Imo, "IMO 9074729"));
    let mut corp = named(Schema::Company, &["ACME CORP"]);
    corp.id = "acme".into();
    let entries = [putin, nasrallah, romashka, vessel, corp]
        .into_iter()
        .map(|entity| ListEntry {
            entity,
            source: "test-list".into(),
            version_id: "v1".into(),
        })
        .collect();
    Screener::new(entries, ScoringConfig::default())
}

#[test]
fn cyrillic_query_finds_latin_entry() {
    let s = screener();
    let hits = s.screen(
        &named(Schema::Person, &["Владимир Владимирович Путин"]),
        &ScreenOptions::default(),
    );
    assert_eq!(hits.first().map(|h| h.entity_id.as_str()), Some("putin"));
    let hit = &hits[0];
    assert!(hit.score >= 0.9, "{}", hit.score);
    assert_eq!(hit.source, "test-list");
    assert_eq!(hit.version_id, "v1");
    assert_eq!(hit.program.as_deref(), Some("RUSSIA"));
    assert_eq!(hit.listing_date.as_deref(), Some("2022-02-25"));
    assert_eq!(hit.authority.as_deref(), Some("EU"));
    assert!(hit.algorithm_version.starts_with("meldpunt-match-3"));
}

#[test]
fn arabic_query_finds_latin_entry() {
    let s = screener();
    let hits = s.screen(
        &named(Schema::Person, &["حسن نصر الله"]),
        &ScreenOptions::default(),
    );
    assert_eq!(
        hits.first().map(|h| h.entity_id.as_str()),
        Some("nasrallah"),
        "{hits:?}"
    );
}

#[test]
fn russian_legal_form_matches_english() {
    assert!(pair_score(Schema::Company, "ООО Ромашка", "Romashka LLC") >= threshold());
}

#[test]
fn swapped_western_names_are_not_identical() {
    let swapped = pair_score(Schema::Person, "Friedrich Hans", "Hans Friedrich");
    assert!(swapped < 1.0);
    assert!(swapped < threshold(), "{swapped}");
    assert!(pair_score(Schema::Person, "Smith, John", "John Smith") >= 0.99);
}

#[test]
fn legal_form_alone_never_matches() {
    assert!(pair_score(Schema::Company, "CORP", "CORP") < threshold());
    assert!(pair_score(Schema::Company, "CORP", "ACME CORP") < threshold());
    let s = screener();
    let hits = s.screen(
        &named(Schema::Company, &["CORP"]),
        &ScreenOptions::default(),
    );
    assert!(hits.is_empty(), "{hits:?}");
}

/// A hull or series number that differs is surfaced for review (renamed
/// vessels, sibling funds of a listed sponsor), capped below a clean
/// match; a conflicting IMO number then rules the pair out.
#[test]
fn vessel_numerals_that_differ_are_surfaced_below_a_clean_match() {
    let cap = ScoringConfig::default().number_conflict_cap;
    let renamed = pair_score(Schema::Vessel, "NORD 1", "NORD 2");
    assert!(renamed >= threshold() && renamed <= cap, "{renamed}");
    assert!(pair_score(Schema::Vessel, "NORD 2", "NORD 2") > cap);
    assert!(pair_score(Schema::Vessel, "MV NORD II", "NORD 2") > cap);
    let mut query = named(Schema::Vessel, &["NORD 1"]);
    query.add_identifier(Identifier::new(IdKind::Imo, "9074729"));
    let mut listed = named(Schema::Vessel, &["NORD 2"]);
    listed.add_identifier(Identifier::new(IdKind::Imo, "9176187"));
    let cfg = ScoringConfig::default();
    let result = score(
        &PreparedEntity::new(&query),
        &PreparedEntity::new(&listed),
        &cfg,
    );
    assert!(result.score < cfg.threshold, "{result:?}");
}

#[test]
fn imo_match_is_decisive() {
    let s = screener();
    let mut query = named(Schema::Vessel, &["SOMETHING ELSE ENTIRELY"]);
    query.add_identifier(Identifier::new(IdKind::Imo, "9074729"));
    let hits = s.screen(&query, &ScreenOptions::default());
    let hit = hits.first().map(|h| (h.entity_id.as_str(), h.score));
    assert_eq!(hit.map(|h| h.0), Some("nord-1"));
    assert!(hit.is_some_and(|h| h.1 >= 0.95));
    assert!(hits[0]
        .features
        .iter()
        .any(|f| f.name == "identifier_match"));
}

#[test]
fn person_never_matches_vessel() {
    let cfg = ScoringConfig::default();
    let q = PreparedEntity::new(&named(Schema::Person, &["NORD"]));
    let c = PreparedEntity::new(&named(Schema::Vessel, &["NORD"]));
    let result = score(&q, &c, &cfg);
    assert_eq!(result.score, 0.0);
    assert_eq!(result.features[0].name, "schema_mismatch");
}

#[test]
fn weak_alias_alone_stays_below_threshold() {
    let cfg = ScoringConfig::default();
    let mut listed = Entity::new("w", Schema::Person);
    listed.add_name(Name::new("Ivan PETROV", NameKind::Primary));
    listed.add_name(Name::new("Abu Bakr", NameKind::WeakAlias));
    let q = PreparedEntity::new(&named(Schema::Person, &["Abu Bakr"]));
    let result = score(&q, &PreparedEntity::new(&listed), &cfg);
    assert!(result.score < cfg.threshold, "{result:?}");
}

#[test]
fn birth_date_conflict_lowers() {
    let cfg = ScoringConfig::default();
    let mut a = named(Schema::Person, &["Ivan Petrov"]);
    let mut b = a.clone();
    a.birth_dates
        .push(DateSpec::Exact(meldpunt_model::PartialDate {
            year: 1970,
            month: None,
            day: None,
        }));
    b.birth_dates
        .push(DateSpec::Exact(meldpunt_model::PartialDate {
            year: 1985,
            month: None,
            day: None,
        }));
    let r = score(&PreparedEntity::new(&a), &PreparedEntity::new(&b), &cfg);
    assert!(r.score < 1.0);
    assert!(r.features.iter().any(|f| f.name == "dob_year_conflict"));
}

#[test]
fn explanations_replay() {
    let s = screener();
    let hits = s.screen(
        &named(Schema::Person, &["Vladimir PUTIN"]),
        &ScreenOptions::default(),
    );
    for hit in &hits {
        assert!((replay(&hit.features) - hit.score).abs() < 1e-3);
    }
}

#[test]
fn snapshot_of_explanations() {
    let s = screener();
    let mut query = named(Schema::Person, &["PUTIN, Wladimir"]);
    query
        .birth_dates
        .push(DateSpec::Exact(meldpunt_model::PartialDate {
            year: 1952,
            month: Some(7),
            day: Some(10),
        }));
    query.gender = Some(Gender::Male);
    let mut vessel = named(Schema::Vessel, &["M/V NORD I"]);
    vessel.add_identifier(Identifier::new(IdKind::Imo, "9074729"));
    let results: Vec<_> = [query, vessel, named(Schema::Company, &["ООО Ромашка"])]
        .iter()
        .map(|q| s.screen(q, &ScreenOptions::default()))
        .collect();
    insta::assert_yaml_snapshot!(results);
}

#[test]
fn screener_is_sync() {
    fn assert_sync<T: Sync + Send>() {}
    assert_sync::<Screener>();
}

proptest! {
    #[test]
    fn score_in_unit_interval_and_never_panics(a in "\\PC{0,40}", b in "\\PC{0,40}", schema_index in 0usize..5) {
        let schema = [Schema::Person, Schema::Company, Schema::Organization, Schema::Vessel, Schema::LegalEntity][schema_index];
        let s = pair_score(schema, &a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn identical_names_score_high(words in proptest::collection::vec("[A-Z][a-z]{3,8}", 1..4)) {
        let name = words.join(" ");
        let s = pair_score(Schema::Person, &name, &name);
        prop_assert!(s >= 0.99, "{name}: {s}");
    }

    #[test]
    fn typo_symmetry(a in "[A-Z][a-z]{4,8} [A-Z][a-z]{4,8}", b in "[A-Z][a-z]{4,8} [A-Z][a-z]{4,8}") {
        // Equal-length names: no unmatched words, so direction is irrelevant.
        let (x, y) = (pair_score(Schema::Company, &a, &b), pair_score(Schema::Company, &b, &a));
        prop_assert!((x - y).abs() < 0.2, "{a} / {b}: {x} vs {y}");
    }
}
