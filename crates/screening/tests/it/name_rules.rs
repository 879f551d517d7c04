//! The name rules of `meldpunt-match-3`, each with a pair it must decide
//! each way: short forms and other romanisations find the formal name,
//! different names and national subsidiaries do not match.

use meldpunt_model::Schema::{self, Company, Organization, Person, Vessel};
use meldpunt_screening::ScoringConfig;

use crate::common::pair_score;

fn matches(schema: Schema, query: &str, listed: &str) -> bool {
    pair_score(schema, query, listed) >= ScoringConfig::default().threshold
}

#[test]
fn short_forms_find_the_formal_name() {
    assert!(matches(Person, "Ted Doe", "Theodore Doe"));
    assert!(matches(Person, "Bibi Netanyahu", "Benjamin Netanyahu"));
    assert!(matches(Person, "Volodya Putin", "Vladimir Putin"));
    assert!(!matches(Person, "Ted Doe", "Thaddeus Doe"));
}

#[test]
fn wade_giles_finds_pinyin() {
    assert!(matches(Person, "Mao Tse-tung", "Mao Zedong"));
    assert!(matches(Person, "Hsi Chin-ping", "Xi Jinping"));
    assert!(matches(Person, "Chiang Ching-kuo", "Jiang Jingguo"));
    assert!(!matches(Person, "Mao Tse-tung", "Mao Zemin"));
}

#[test]
fn acronyms_find_what_they_stand_for() {
    assert!(matches(Organization, "PLA", "People's Liberation Army"));
    assert!(matches(
        Organization,
        "IRGC",
        "Islamic Revolutionary Guard Corps"
    ));
    assert!(matches(Person, "JC Juncker", "Jean-Claude Juncker"));
    // Two letters stand for too many runs of a company's words.
    assert!(!matches(Company, "DS Trading", "Delta Shipping Trading"));
}

#[test]
fn different_common_given_names_are_different_people() {
    assert!(!matches(
        Person,
        "Habib ben Mohamed al-Loubiri",
        "Habib ben Ahmed al-Loubiri"
    ));
    assert!(!matches(
        Person,
        "Rajesh Kumar Sharma",
        "Ramesh Kumar Sharma"
    ));
    assert!(!matches(Person, "Olga Baranova", "Oleg Baranov"));
    // Spellings and cognates of one name still meet.
    assert!(matches(Person, "Mohamed Ali Hassan", "Muhammad Ali Hasan"));
    assert!(matches(Person, "Michel Obama", "Michelle Obama"));
}

#[test]
fn a_listed_national_subsidiary_does_not_reach_its_group() {
    assert!(!matches(
        Company,
        "Banco Santander S.A.",
        "Banco Santander México S.A."
    ));
    assert!(!matches(Company, "Mendez B.V.", "Mendez Nederland B.V."));
    // A country in the query only costs like any other extra query word:
    // the customer may be a subsidiary of the listed company.
    let country = pair_score(Company, "Rosneft Deutschland GmbH", "Rosneft GmbH");
    let other = pair_score(Company, "Rosneft Kalinka GmbH", "Rosneft GmbH");
    assert!((country - other).abs() < 1e-6, "{country} vs {other}");
    let listed_country = pair_score(Company, "Rosneft GmbH", "Rosneft Deutschland GmbH");
    let listed_other = pair_score(Company, "Rosneft GmbH", "Rosneft Kalinka GmbH");
    assert!(
        listed_country < listed_other,
        "{listed_country} vs {listed_other}"
    );
}

#[test]
fn a_vessel_name_has_no_optional_words() {
    assert!(!matches(Vessel, "Victor", "Victor Konetsky"));
    assert!(matches(Vessel, "Hellenic Spirit", "MV Hellenic Spirit"));
    // A person's list name still spells out what a customer omits.
    assert!(matches(
        Person,
        "Victor Konetsky",
        "Victor Ivanovich Konetsky"
    ));
}

#[test]
fn company_words_and_forms_in_full_or_abbreviated() {
    assert!(matches(
        Company,
        "Deutsche Bank AG",
        "Deutsche Bank (Schweiz) AG"
    ));
    assert!(matches(
        Company,
        "Deutsche Bank (Schweiz) AG",
        "Deutsche Bank AG"
    ));
    assert!(matches(Company, "Faberlic", "Faberlic Europe Sp. z o.o."));
    assert!(matches(
        Company,
        "First Bank Int'l",
        "First International Bank"
    ));
    assert!(matches(
        Company,
        "Societatea cu Răspundere Limitată PRO TRAFFIC",
        "SRL PRO TRAFFIC"
    ));
    assert!(matches(Person, "Nicolás Maduro LLC", "Nicolás Maduro"));
}

#[test]
fn latvian_endings_and_shared_name_elements() {
    assert!(matches(Person, "Sergejs Lavrovs", "Sergey Lavrov"));
    assert!(!matches(
        Person,
        "Zaurbek Magomedovich Guchaev",
        "Zaurbek Salimovich Guchaev"
    ));
    assert!(!matches(Person, "Halla Jónsdóttir", "Halla Tómasdóttir"));
    assert!(matches(
        Person,
        "Zaurbek Salimovich Guchaev",
        "Zaurbek Salimovitch Guchaev"
    ));
}

#[test]
fn initials_and_native_characters() {
    assert!(pair_score(Person, "N.N.", "Nursultan Nazarbayev") <= 0.3);
    assert!(!matches(Person, "김종은", "김정은"));
    assert!(matches(Person, "김정은", "김정은"));
    assert!(!matches(Person, "이재형", "이재명"));
    // A Han character read differently is another name; simplified and
    // traditional writing of one name read alike.
    assert!(!matches(Person, "习近朋", "习近平"));
    assert!(matches(Person, "習近平", "习近平"));
}

/// The new paths (variant readings, acronym spans) reach the prefilter
/// too: screening finds what pair scoring matches, on a list where every
/// other name shares words with the query.
#[test]
fn screening_finds_what_the_rules_match() {
    use meldpunt_screening::{ListEntry, ScreenOptions, Screener};
    let listed = [
        (Organization, "pla", "People's Liberation Army"),
        (Organization, "pla-navy", "People's Liberation Army Navy"),
        (Organization, "irgc", "Islamic Revolutionary Guard Corps"),
        (Person, "mao", "Mao Zedong"),
        (Person, "theodore", "Theodore Doe"),
        (Person, "juncker", "Jean-Claude Juncker"),
        (Company, "santander-mx", "Banco Santander México S.A."),
    ];
    let entries = listed
        .iter()
        .map(|(schema, id, name)| {
            let mut entity = crate::common::named(*schema, &[name]);
            entity.id = (*id).into();
            ListEntry {
                entity,
                source: "test-list".into(),
                version_id: "v1".into(),
            }
        })
        .collect();
    let screener = Screener::new(entries, ScoringConfig::default());
    let found = |schema: Schema, query: &str| -> Vec<String> {
        screener
            .screen(
                &crate::common::named(schema, &[query]),
                &ScreenOptions::default(),
            )
            .into_iter()
            .map(|h| h.entity_id)
            .collect()
    };
    // The navy is the army's too; the exact expansion ranks first.
    assert_eq!(found(Organization, "PLA"), ["pla", "pla-navy"]);
    assert_eq!(found(Organization, "IRGC"), ["irgc"]);
    assert_eq!(found(Person, "Mao Tse-tung"), ["mao"]);
    assert_eq!(found(Person, "Ted Doe"), ["theodore"]);
    assert_eq!(found(Person, "JC Juncker"), ["juncker"]);
    assert!(found(Company, "Banco Santander S.A.").is_empty());
}
