//! OFAC readers on hand-written fixtures (snapshots) and on broken input.

use std::path::{Path, PathBuf};

use meldpunt_model::{Entity, IdKind, NameKind};
use meldpunt_sources::{plan_inputs, read_input, ReadOptions, ReadOutcome, SourceError};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

fn read_path(path: &Path) -> Result<(ReadOutcome, Vec<Entity>), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], None)?;
    let mut entities = Vec::new();
    let options = ReadOptions::default();
    let mut sink = |record: meldpunt_sources::Record| {
        entities.push(record.entity);
        Ok(())
    };
    let outcome = read_input(&inputs[0], &options, &mut sink)?;
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((outcome, entities))
}

/// Warnings without the machine-specific directory.
fn warnings(outcome: &ReadOutcome) -> Vec<String> {
    outcome
        .warnings
        .iter()
        .map(|w| {
            let file = w.location.file.file_name().unwrap_or_default();
            format!(
                "{}:{:?}: {}",
                file.to_string_lossy(),
                w.location.line,
                w.message
            )
        })
        .collect()
}

#[test]
fn ofac_csv_fixture_snapshot() {
    let (outcome, entities) = read_path(&fixture("ofac_csv")).unwrap();
    assert_eq!(outcome.entities, 5);
    insta::assert_yaml_snapshot!("ofac_csv_entities", entities);
    insta::assert_yaml_snapshot!("ofac_csv_warnings", warnings(&outcome));
}

#[test]
fn ofac_xml_fixture_snapshot() {
    let (outcome, entities) = read_path(&fixture("ofac_xml/sdn.xml")).unwrap();
    assert_eq!(outcome.published.as_deref(), Some("2021-07-19"));
    assert_eq!(outcome.entities, 4);
    insta::assert_yaml_snapshot!("ofac_xml_entities", entities);
    insta::assert_yaml_snapshot!("ofac_xml_warnings", warnings(&outcome));
}

#[test]
fn ofac_csv_and_xml_agree_on_names_and_identifiers() {
    let (_, csv) = read_path(&fixture("ofac_csv")).unwrap();
    let (_, xml) = read_path(&fixture("ofac_xml/sdn.xml")).unwrap();
    for from_xml in &xml {
        let from_csv = csv.iter().find(|e| e.id == from_xml.id).unwrap();
        assert_eq!(from_csv.schema, from_xml.schema, "{}", from_xml.id);
        assert_eq!(from_csv.sanctions, from_xml.sanctions, "{}", from_xml.id);
        let strong = |e: &Entity| -> Vec<String> {
            e.names
                .iter()
                .filter(|n| n.kind != NameKind::WeakAlias)
                .map(|n| n.value.clone())
                .collect()
        };
        assert_eq!(strong(from_csv), strong(from_xml), "{}", from_xml.id);
        for kind in [
            IdKind::Passport,
            IdKind::Imo,
            IdKind::Bic,
            IdKind::Lei,
            IdKind::Inn,
        ] {
            let values = |e: &Entity| -> Vec<String> {
                e.identifiers_of(kind).map(|i| i.value.clone()).collect()
            };
            assert_eq!(
                values(from_csv),
                values(from_xml),
                "{} {kind:?}",
                from_xml.id
            );
        }
    }
}

/// A temporary OFAC set holding `sdn.csv` with the given bytes.
fn broken_set(sdn: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sdn.csv"), sdn).unwrap();
    dir
}

const GOOD_ROW: &str = "1,\"A\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

#[test]
fn ofac_csv_wrong_column_count_names_file_and_line() {
    let dir = broken_set(format!("{GOOD_ROW}2,\"B\",-0- ,\"SDGT\"\r\n").as_bytes());
    let error = read_path(dir.path()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, SourceError::Parse { .. }), "{message}");
    assert!(message.contains("sdn.csv:2"), "{message}");
    assert!(
        message.contains("expected 12 columns, found 4"),
        "{message}"
    );
}

#[test]
fn ofac_csv_companion_wrong_column_count_is_an_error() {
    let dir = broken_set(GOOD_ROW.as_bytes());
    std::fs::write(dir.path().join("alt.csv"), "1,2,\"aka\"\r\n").unwrap();
    let message = read_path(dir.path()).unwrap_err().to_string();
    assert!(message.contains("alt.csv:1"), "{message}");
}

#[test]
fn ofac_csv_duplicate_ent_num_is_an_error() {
    let dir = broken_set(format!("{GOOD_ROW}{GOOD_ROW}").as_bytes());
    let error = read_path(dir.path()).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, SourceError::DuplicateId { .. }),
        "{message}"
    );
    assert!(message.contains("sdn.csv:2"), "{message}");
}

#[test]
fn ofac_csv_invalid_utf8_names_file_and_line() {
    let mut bytes = GOOD_ROW.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"2,\"CAF\xe9\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
    );
    let dir = broken_set(&bytes);
    let error = read_path(dir.path()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, SourceError::Encoding { .. }), "{message}");
    assert!(message.contains("sdn.csv:2"), "{message}");
}

#[test]
fn ofac_csv_empty_file_is_an_error() {
    let dir = broken_set(b"");
    let error = read_path(dir.path()).unwrap_err();
    assert!(matches!(error, SourceError::Empty { .. }), "{error}");
    let only_terminator = broken_set(b"\x1a");
    let error = read_path(only_terminator.path()).unwrap_err();
    assert!(matches!(error, SourceError::Empty { .. }), "{error}");
}

#[test]
fn ofac_csv_non_numeric_ent_num_is_an_error() {
    let dir = broken_set(GOOD_ROW.replacen('1', "X1", 1).as_bytes());
    let message = read_path(dir.path()).unwrap_err().to_string();
    assert!(
        message.contains("sdn.csv:1") && message.contains("X1"),
        "{message}"
    );
}

#[test]
fn ofac_xml_truncated_names_file_and_byte() {
    let xml = std::fs::read_to_string(fixture("ofac_xml/sdn.xml")).unwrap();
    let cut = xml.find("<uid>103</uid>").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.xml");
    std::fs::write(&path, &xml[..cut]).unwrap();
    let error = read_path(&path).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, SourceError::Truncated { .. }), "{message}");
    assert!(
        message.contains("sdn.xml:") && message.contains("byte"),
        "{message}"
    );
}

#[test]
fn ofac_xml_duplicate_uid_names_line() {
    let xml = std::fs::read_to_string(fixture("ofac_xml/sdn.xml")).unwrap();
    let xml = xml.replace("<uid>105</uid>", "<uid>101</uid>");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.xml");
    std::fs::write(&path, xml).unwrap();
    let error = read_path(&path).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, SourceError::DuplicateId { .. }),
        "{message}"
    );
    assert!(message.contains("sdn.xml:"), "{message}");
}
