//! The UN consolidated list as published, from the shared data folder.

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

fn year(y: u16) -> PartialDate {
    PartialDate::year(y).expect("year")
}

#[test]
fn un_2026_02_27() {
    let Some((outcome, entities)) = read_real("lists/un/consolidated-2026-02-27.xml") else {
        return;
    };
    for w in &outcome.warnings {
        eprintln!("{w}");
    }
    assert_eq!(count(&entities, Schema::Person), 730);
    assert_eq!(count(&entities, Schema::Organization), 273);
    assert_eq!(outcome.entities, 1003);
    assert_eq!(
        outcome.published.as_deref(),
        Some("2026-02-27T00:00:09.554Z")
    );
}

#[test]
fn un_2020_11_24() {
    let Some((outcome, entities)) = read_real("lists/un/consolidated-2020-11-24.xml") else {
        return;
    };
    for w in &outcome.warnings {
        eprintln!("{w}");
    }
    assert_eq!(count(&entities, Schema::Person), 713);
    assert_eq!(count(&entities, Schema::Organization), 305);
}
