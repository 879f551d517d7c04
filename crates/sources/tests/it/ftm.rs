//! The FtM reader on OpenSanctions' own exports in the shared data folder
//! (skipped when it is absent outside CI).

use std::collections::BTreeMap;
use std::path::Path;

use meldpunt_sources::ftm::read_catalog;
use meldpunt_sources::{plan_inputs, read_input, Format, ReadOptions, ReadOutcome, Record};
use meldpunt_testkit::shared_file;

fn read(path: &Path) -> (Vec<Record>, ReadOutcome) {
    let inputs = plan_inputs(&[path.to_path_buf()], None).unwrap();
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].format, Format::Ftm);
    let options = ReadOptions::default();
    let mut records = Vec::new();
    let outcome = {
        let mut sink = |record: Record| {
            records.push(record);
            Ok(())
        };
        read_input(&inputs[0], &options, &mut sink).unwrap()
    };
    (records, outcome)
}

fn by_schema(records: &[Record]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for record in records {
        *counts.entry(record.entity.schema.to_string()).or_default() += 1;
    }
    counts
}

#[test]
fn ftm_real_zala_export() {
    let Some(path) = shared_file("lists/opensanctions/zala.entities.ftm.json") else {
        return;
    };
    let (records, outcome) = read(&path);
    let counts = by_schema(&records);
    eprintln!("zala: {counts:?}, {} warnings", outcome.warnings.len());
    // 91 lines: 41 Sanction, 11 Address and 1 Passport records fold into
    // the 38 things and relations kept.
    assert_eq!(records.len(), 38);
    assert_eq!(counts.get("Person"), Some(&6));
    assert_eq!(counts.get("Company"), Some(&11));
    assert_eq!(counts.get("Ownership"), Some(&14));
    assert_eq!(counts.get("Family"), Some(&4));
    assert_eq!(counts.get("Directorship"), Some(&3));
    let sanctions: usize = records.iter().map(|r| r.entity.sanctions.len()).sum();
    eprintln!("zala: {sanctions} sanctions attached");
    assert!(sanctions > 0 && sanctions <= 41);
    let ownership = records
        .iter()
        .find(|r| r.entity.schema.as_str() == "Ownership")
        .unwrap();
    assert!(ownership.entity.properties.contains_key("owner"));
    assert!(ownership.entity.properties.contains_key("asset"));
    assert!(outcome.published.is_some());
    assert!(!outcome.delta);
}

#[test]
fn ftm_real_t1_export() {
    let Some(path) = shared_file("lists/opensanctions/t1.entities.ftm.json") else {
        return;
    };
    let (records, _) = read(&path);
    let counts = by_schema(&records);
    assert_eq!(counts.get("Person"), Some(&4));
    assert_eq!(counts.get("Organization"), Some(&2));
}

#[test]
fn ftm_real_delta() {
    let Some(path) = shared_file("lists/opensanctions/t2.20240527194702.entities.delta.json")
    else {
        return;
    };
    let (records, outcome) = read(&path);
    let deleted = records.iter().filter(|r| r.deleted).count();
    eprintln!(
        "delta: {} upserts, {deleted} deletions",
        records.len() - deleted
    );
    assert!(outcome.delta);
    assert_eq!(outcome.published.as_deref(), Some("2024-05-27T19:47:02"));
    assert_eq!(records.len(), 2);
    assert_eq!(deleted, 0);
}

#[test]
fn ftm_real_export_format_example() {
    let Some(path) = shared_file("lists/opensanctions/export-format-example/entities.ftm.json")
    else {
        return;
    };
    let (records, outcome) = read(&path);
    let counts = by_schema(&records);
    eprintln!("export example: {counts:?}");
    assert_eq!(counts.get("Person"), Some(&607));
    assert_eq!(counts.get("Family"), Some(&756));
    let skipped: Vec<&str> = outcome
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.starts_with("skipped"))
        .collect();
    assert!(
        skipped.iter().any(|m| m.contains("100 Position")),
        "{skipped:?}"
    );
    // This example carries single values where FtM has lists.
    assert!(outcome
        .warnings
        .iter()
        .any(|w| w.message.contains("not lists of text")));
    assert!(
        skipped.iter().any(|m| m.contains("102 Occupancy")),
        "{skipped:?}"
    );
}

#[test]
fn ftm_real_catalogs() {
    if let Some(path) = shared_file("lists/opensanctions/export-format-example/index.json") {
        let datasets = read_catalog(&path).unwrap();
        assert_eq!(datasets.len(), 1);
        assert_eq!(datasets[0].name, "wd_persons");
        assert!(datasets[0].entities_url.is_some());
    }
    if let Some(path) = shared_file("lists/opensanctions/opensanctions_catalog_index_20240613.json")
    {
        let datasets = read_catalog(&path).unwrap();
        eprintln!("catalogue: {} datasets", datasets.len());
        assert_eq!(datasets.len(), 193);
        assert!(datasets.iter().all(|d| d.version.is_some()));
    }
}
