//! The UN consolidated list as published, from the shared data folder
//! (skipped when absent, a failure under CI).

use std::collections::BTreeMap;

use meldpunt_model::{CountryRole, DateSpec, Entity, IdKind, NameKind, PartialDate, Schema};
use meldpunt_sources::{plan_inputs, read_input, Format, ReadOptions, ReadOutcome};
use meldpunt_testkit::shared_file;

fn read_real(relative: &str) -> Option<(ReadOutcome, BTreeMap<String, Entity>)> {
    let path = shared_file(relative)?;
    let inputs = plan_inputs(&[path], None).expect("plan");
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].format, Format::Un);
    let mut entities = BTreeMap::new();
    let options = ReadOptions::default();
    let outcome = read_input(&inputs[0], &options, &mut |record| {
        entities.insert(record.entity.id.clone(), record.entity);
        Ok(())
    })
    .expect("read");
    Some((outcome, entities))
}

fn count(entities: &BTreeMap<String, Entity>, schema: Schema) -> usize {
    entities.values().filter(|e| e.schema == schema).count()
}

fn names(entity: &Entity, kind: NameKind) -> Vec<&str> {
    entity
        .names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

fn date(y: u16, m: u8, d: u8) -> PartialDate {
    PartialDate::new(y, Some(m), Some(d)).expect("date")
}

fn year(y: u16) -> PartialDate {
    PartialDate::year(y).expect("year")
}

#[test]
fn un_2026_02_27() {
    let Some((outcome, entities)) = read_real("lists/un/consolidated-2026-02-27.xml") else {
        return;
    };
    assert_eq!(count(&entities, Schema::Person), 730);
    assert_eq!(count(&entities, Schema::Organization), 273);
    assert_eq!(outcome.entities, 1003);
    assert_eq!(
        outcome.published.as_deref(),
        Some("2026-02-27T00:00:09.554Z")
    );
    // Only the birth-date notes that name no Gregorian date (Hijri, ages…).
    assert_eq!(outcome.warnings.len(), 3, "{:#?}", outcome.warnings);

    let aulaqi = &entities["un-2913655"];
    assert_eq!(aulaqi.caption(), "ANWAR NASSER ABDULLA AL-AULAQI");
    assert_eq!(aulaqi.names[0].parts.first.as_deref(), Some("ANWAR"));
    assert_eq!(aulaqi.names[0].parts.last.as_deref(), Some("AL-AULAQI"));
    assert!(names(aulaqi, NameKind::Alias).contains(&"Anwar al-Awlaki"));
    let arabic = aulaqi.names.iter().find(|n| n.script == "Arab");
    let arabic = arabic.expect("Arabic name");
    assert_eq!(arabic.value, "انور ناصر عبدالله العولقي");
    assert_eq!(arabic.kind, NameKind::Alias);
    let nationalities: Vec<&str> = aulaqi.countries_with(CountryRole::Nationality).collect();
    assert_eq!(nationalities, ["us", "ye"]);
    assert!(aulaqi
        .birth_dates
        .contains(&DateSpec::Exact(date(1971, 4, 21))));
    let sanction = &aulaqi.sanctions[0];
    assert_eq!(sanction.authority, "UN Security Council");
    assert_eq!(sanction.program.as_deref(), Some("Al-Qaida"));
    assert_eq!(sanction.source_ref.as_deref(), Some("QDi.283"));
    assert_eq!(sanction.listing_date, Some(date(2010, 7, 20)));
    let reason = sanction.reason.as_deref().unwrap_or_default();
    assert!(reason.starts_with("Confirmed to have died"), "{reason}");

    let saddam = &entities["un-6908048"];
    assert_eq!(names(saddam, NameKind::WeakAlias), ["Abu Ali"]);
    assert!(names(saddam, NameKind::Alias).contains(&"صدام حسين التكريتي"));
    assert_eq!(saddam.birth_places, ["al-Awja, near Tikrit, Iraq"]);
    assert_eq!(saddam.sanctions[0].program.as_deref(), Some("Iraq"));
    assert_eq!(saddam.sanctions[0].reason, None);

    let between = &entities["un-6908021"];
    assert!(between
        .birth_dates
        .contains(&DateSpec::Range(year(1973), year(1974))));

    let adf = &entities["un-6908402"];
    assert_eq!(adf.schema, Schema::Organization);
    assert_eq!(adf.caption(), "ADF");
    assert_eq!(names(adf, NameKind::Alias), ["Allied Democratic Forces"]);
    assert_eq!(names(adf, NameKind::Previous).len(), 3);
    assert_eq!(adf.sanctions[0].program.as_deref(), Some("DRC"));

    let passports = entities
        .values()
        .flat_map(|e| e.identifiers_of(IdKind::Passport))
        .count();
    assert!(passports > 250, "{passports} passports");
    let circa = entities
        .values()
        .flat_map(|e| &e.birth_dates)
        .filter(|d| matches!(d, DateSpec::Circa(_)))
        .count();
    assert!(circa > 100, "{circa} approximate birth dates");
}

#[test]
fn un_2020_11_24() {
    let Some((outcome, entities)) = read_real("lists/un/consolidated-2020-11-24.xml") else {
        return;
    };
    assert_eq!(count(&entities, Schema::Person), 713);
    assert_eq!(count(&entities, Schema::Organization), 305);
    assert_eq!(
        outcome.published.as_deref(),
        Some("2020-11-24T20:23:07.617-05:00")
    );
    let ri = &entities["un-6908555"];
    assert_eq!(ri.caption(), "RI WON HO");
    assert_eq!(ri.sanctions[0].program.as_deref(), Some("DPRK"));
    let abubakar = &entities["un-6908701"];
    assert!(abubakar
        .birth_dates
        .contains(&DateSpec::Exact(date(1965, 3, 3))));
    let passports: Vec<_> = abubakar.identifiers_of(IdKind::Passport).collect();
    assert_eq!(passports.len(), 2);
    assert!(passports.iter().all(|i| i.country.as_deref() == Some("ph")));
    // This edition writes zone offsets after dates ("2015-04-14-04:00").
    let unlisted = entities
        .values()
        .filter(|e| e.sanctions[0].listing_date.is_none())
        .count();
    assert_eq!(unlisted, 0, "every LISTED_ON parses");
}
