//! The tabular reader on hand-written fixtures: the Dutch national list's
//! layout, a semicolon watchlist, XLSX and ODS, and inputs it must reject.

use std::path::{Path, PathBuf};

use meldpunt_model::{IdKind, Schema};
use meldpunt_sources::tabular::Field;
use meldpunt_sources::{
    plan_inputs, read_records, ColumnMapping, ReadOptions, ReadOutcome, Record, SourceError,
};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tabular")
        .join(name)
}

fn read(path: &Path, mapping: ColumnMapping) -> Result<(Vec<Record>, ReadOutcome), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], None)?;
    let options = ReadOptions {
        mapping: Some(mapping),
    };
    let (outcome, records) = read_records(&inputs[0], &options)?;
    Ok((records, outcome))
}

fn snapshot_form(records: &[Record]) -> Vec<serde_json::Value> {
    records
        .iter()
        .map(|r| serde_json::json!({"line": r.location.line, "entity": r.entity}))
        .collect()
}

fn warnings(outcome: &ReadOutcome) -> Vec<String> {
    outcome
        .warnings
        .iter()
        .map(|w| format!("{:?}: {}", w.location.line, w.message))
        .collect()
}

fn temp_csv(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn tabular_dutch_national_list() {
    let path = fixture("nationale-terrorismelijst.csv");
    let (records, outcome) = read(&path, ColumnMapping::dutch_terrorism_list()).unwrap();
    assert_eq!(records.len(), 4);
    let first = &records[0].entity;
    assert_eq!(first.id, "nationale-terrorismelijst-row-2");
    assert_eq!(first.caption(), "Johannes Pieter VAN DER TESTEN");
    assert_eq!(first.sanctions[0].authority, "Netherlands");
    assert_eq!(
        first.sanctions[0]
            .listing_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2017-08-03")
    );
    let second = &records[1].entity;
    assert_eq!(second.names.len(), 3, "two aliases split on ';'");
    assert_eq!(second.countries.len(), 2);
    let unknown_date = &records[3].entity;
    assert_eq!(unknown_date.properties["birthDate"], ["onbekend"]);
    let warnings = warnings(&outcome);
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("Some(5)") && w.contains("onbekend")));
    insta::assert_yaml_snapshot!("tabular_dutch_list", snapshot_form(&records));
    insta::assert_yaml_snapshot!("tabular_dutch_list_warnings", warnings);
}

#[test]
fn tabular_default_mapping_warns_about_sanctions_without_authority() {
    let path = fixture("nationale-terrorismelijst.csv");
    let (records, outcome) = read(&path, ColumnMapping::default()).unwrap();
    assert!(records[0].entity.sanctions[0].authority.is_empty());
    assert!(warnings(&outcome)
        .iter()
        .any(|w| w.contains("without an authority")));
}

#[test]
fn tabular_semicolon_watchlist_with_spec() {
    let mapping = ColumnMapping::parse_spec("id=Klantnummer,ignore=Segment,separator=|").unwrap();
    let (records, outcome) = read(&fixture("watchlist.csv"), mapping).unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r.entity.id.as_str()).collect();
    assert_eq!(
        ids,
        ["watchlist-K-001", "watchlist-K-002", "watchlist-K-003"]
    );
    assert_eq!(records[1].entity.schema, Schema::Company);
    assert_eq!(records[2].entity.schema, Schema::Organization);
    assert!(records[1].entity.identifiers_of(IdKind::Kvk).count() == 1);
    assert_eq!(records[0].entity.names.len(), 3);
    assert!(records.iter().all(|r| r.entity.sanctions.is_empty()));
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    insta::assert_yaml_snapshot!("tabular_watchlist_csv", snapshot_form(&records));

    let from_file = ColumnMapping::from_json_file(fixture("watchlist-mapping.json")).unwrap();
    let (again, _) = read(&fixture("watchlist.csv"), from_file).unwrap();
    let entities = |r: &[Record]| r.iter().map(|r| r.entity.clone()).collect::<Vec<_>>();
    assert_eq!(entities(&again), entities(&records));
}

#[test]
fn tabular_xlsx_and_ods_read_alike() {
    let (xlsx, xlsx_outcome) = read(&fixture("watchlist.xlsx"), ColumnMapping::default()).unwrap();
    let (ods, _) = read(&fixture("watchlist.ods"), ColumnMapping::default()).unwrap();
    assert_eq!(xlsx.len(), 4);
    assert_eq!(snapshot_form(&xlsx), snapshot_form(&ods));
    let pieter = &xlsx[0].entity;
    assert_eq!(pieter.birth_dates[0].to_string(), "1980-05-17");
    assert_eq!(xlsx[1].entity.identifiers[0].value, "12345678");
    assert_eq!(xlsx[2].entity.schema, Schema::Vessel);
    assert_eq!(xlsx[3].entity.id, "watchlist-4");
    let warnings = warnings(&xlsx_outcome);
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("Some(5)") && w.contains("31/02/1970")));
    insta::assert_yaml_snapshot!("tabular_watchlist_xlsx", snapshot_form(&xlsx));
}

#[test]
fn tabular_unknown_column_names_file_line_and_fields() {
    let error = read(&fixture("watchlist.csv"), ColumnMapping::default()).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("watchlist.csv:1"), "{text}");
    assert!(text.contains("'Klantnummer'"), "{text}");
    assert!(text.contains("birth_date"), "{text}");
}

#[test]
fn tabular_empty_name_names_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_csv(&dir, "list.csv", b"Naam,Land\nJan,NL\n,BE\n");
    let error = read(&path, ColumnMapping::default()).unwrap_err();
    assert!(error.to_string().contains("list.csv:3"), "{error}");
    assert!(error.to_string().contains("without a name"), "{error}");
}

#[test]
fn tabular_duplicate_id_names_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_csv(&dir, "dup.csv", b"ID;Naam\n1;Jan\n1;Piet\n");
    let error = read(&path, ColumnMapping::default()).unwrap_err();
    assert!(
        matches!(error, SourceError::DuplicateId { ref location, .. } if location.line == Some(3)),
        "{error}"
    );
}

#[test]
fn tabular_empty_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = temp_csv(&dir, "empty.csv", b"");
    assert!(matches!(
        read(&empty, ColumnMapping::default()),
        Err(SourceError::Empty { .. })
    ));
    let header_only = temp_csv(&dir, "header.csv", b"Naam,Geboortedatum\n");
    assert!(matches!(
        read(&header_only, ColumnMapping::default()),
        Err(SourceError::Empty { .. })
    ));
}

#[test]
fn tabular_windows_1252_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_csv(
        &dir,
        "ansi.csv",
        b"Naam;Opmerkingen\nJan;Relatie be\xebindigd\n",
    );
    let (records, outcome) = read(&path, ColumnMapping::default()).unwrap();
    assert_eq!(records[0].entity.properties["notes"], ["Relatie beëindigd"]);
    assert!(warnings(&outcome)[0].contains("Windows-1252"));
}

#[test]
fn tabular_mapping_spec_errors() {
    assert!(ColumnMapping::parse_spec("colour=Kleur").is_err());
    assert!(ColumnMapping::parse_spec("delimiter=;;").is_err());
    let mapping = ColumnMapping::parse_spec("birth_date=Geb. datum").unwrap();
    assert_eq!(mapping.field_for("geb datum"), Some(Field::BirthDate));
}

proptest! {
    #[test]
    fn tabular_parse_spec_never_panics(spec in "\\PC{0,80}") {
        let _ = ColumnMapping::parse_spec(&spec);
    }

    #[test]
    fn tabular_parse_spec_shaped_input_never_panics(
        pairs in proptest::collection::vec(("[a-z_]{0,14}", "[^,]{0,12}"), 0..6)
    ) {
        let spec = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        let _ = ColumnMapping::parse_spec(&spec);
    }
}
