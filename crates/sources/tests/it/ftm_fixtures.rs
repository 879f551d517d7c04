//! The FtM reader on hand-written fixtures: sanction folding in both orders,
//! relations, delta files, the catalogue, and inputs it must reject.

use std::path::{Path, PathBuf};

use meldpunt_sources::ftm::read_catalog;
use meldpunt_sources::{plan_inputs, read_records, ReadOptions, ReadOutcome, Record, SourceError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ftm")
        .join(name)
}

fn read(path: &Path) -> Result<(Vec<Record>, ReadOutcome), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], None)?;
    let (outcome, records) = read_records(&inputs[0], &ReadOptions::default())?;
    Ok((records, outcome))
}

/// Records without the machine-specific file path, for snapshots.
fn snapshot_form(records: &[Record]) -> Vec<serde_json::Value> {
    records
        .iter()
        .map(|r| {
            serde_json::json!({
                "line": r.location.line,
                "deleted": r.deleted,
                "entity": r.entity,
            })
        })
        .collect()
}

fn warnings(outcome: &ReadOutcome) -> Vec<String> {
    outcome
        .warnings
        .iter()
        .map(|w| format!("{:?}: {}", w.location.line, w.message))
        .collect()
}

fn find<'a>(records: &'a [Record], id: &str) -> &'a Record {
    records
        .iter()
        .find(|r| r.entity.id == id)
        .unwrap_or_else(|| panic!("{id} not read"))
}

#[test]
fn ftm_sanctions_fold_onto_targets_in_either_order() {
    let (records, outcome) = read(&fixture("entities.ftm.json")).unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r.entity.id.as_str()).collect();
    assert_eq!(ids, ["nl-person-1", "acme-bv", "own-1"]);

    let person = &find(&records, "nl-person-1").entity;
    assert_eq!(
        person.sanctions.len(),
        1,
        "sanction listed before its target"
    );
    assert_eq!(
        person.sanctions[0].program.as_deref(),
        Some("Nationale sanctielijst terrorisme")
    );
    assert!(person.identifiers.iter().any(|i| i.value == "NX1234567"));
    assert_eq!(person.addresses.len(), 1);
    assert_eq!(person.addresses[0].city.as_deref(), Some("Rotterdam"));

    let company = &find(&records, "acme-bv").entity;
    assert_eq!(
        company.sanctions.len(),
        1,
        "sanction listed after its target"
    );
    assert_eq!(
        company.sanctions[0].source_ref.as_deref(),
        Some("OFAC-9999")
    );

    let ownership = &find(&records, "own-1").entity;
    assert_eq!(ownership.properties["owner"], ["nl-person-1"]);
    assert_eq!(ownership.properties["percentage"], ["51"]);

    assert!(!outcome.delta);
    assert_eq!(outcome.published.as_deref(), Some("2024-05-02T09:30:00"));
    let warnings = warnings(&outcome);
    assert!(warnings.iter().any(|w| w.contains("skipped 2 Position")));
    assert!(warnings.iter().any(|w| w.contains("skipped 1 Note")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("1 Sanction records point at entities not in this file")));
    insta::assert_yaml_snapshot!("ftm_entities", snapshot_form(&records));
    insta::assert_yaml_snapshot!("ftm_entities_warnings", warnings);
}

#[test]
fn ftm_delta_file_adds_modifies_and_deletes() {
    let (records, outcome) = read(&fixture("t3.20240601120000.entities.delta.json")).unwrap();
    assert!(outcome.delta);
    assert_eq!(outcome.published.as_deref(), Some("2024-06-01T12:00:00"));
    let deleted: Vec<&str> = records
        .iter()
        .filter(|r| r.deleted)
        .map(|r| r.entity.id.as_str())
        .collect();
    assert_eq!(deleted, ["p-gone"]);
    let added = find(&records, "p-new");
    assert_eq!(added.entity.sanctions.len(), 1);
    assert!(!find(&records, "org-changed").deleted);
    assert!(warnings(&outcome)
        .iter()
        .any(|w| w.contains("1 deletions of Sanction records not applied")));
    insta::assert_yaml_snapshot!("ftm_delta", snapshot_form(&records));
}

#[test]
fn ftm_bad_json_names_file_and_line() {
    let error = read(&fixture("bad.ftm.json")).unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, SourceError::Parse { ref location, .. } if location.line == Some(2)));
    assert!(text.contains("bad.ftm.json:2"), "{text}");
    assert!(text.contains("invalid JSON"), "{text}");
}

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn ftm_invalid_utf8_names_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = br#"{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}"#.to_vec();
    bytes.extend_from_slice(
        b"\n{\"id\": \"b\", \"schema\": \"Person\", \"properties\": {\"name\": [\"\xff\"]}}\n",
    );
    let path = temp_file(&dir, "utf8.ftm.json", &bytes);
    let error = read(&path).unwrap_err();
    assert!(
        matches!(error, SourceError::Encoding { ref location } if location.line == Some(2)),
        "{error}"
    );
}

#[test]
fn ftm_duplicate_id_names_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}"#;
    let path = temp_file(&dir, "dup.ftm.json", format!("{line}\n{line}\n").as_bytes());
    let error = read(&path).unwrap_err();
    assert!(
        matches!(error, SourceError::DuplicateId { ref location, ref id } if location.line == Some(2) && id == "a"),
        "{error}"
    );
    assert!(error.to_string().contains("dup.ftm.json:2"));
}

#[test]
fn ftm_empty_inputs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = temp_file(&dir, "empty.ftm.json", b"");
    assert!(matches!(read(&empty), Err(SourceError::Empty { .. })));
    let notes = temp_file(
        &dir,
        "notes.ftm.json",
        br#"{"id": "n", "schema": "Note", "properties": {}}"#,
    );
    assert!(matches!(read(&notes), Err(SourceError::Empty { .. })));
}

#[test]
fn ftm_overlong_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes =
        b"{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"".to_vec();
    bytes.resize(meldpunt_sources::ftm::MAX_LINE_BYTES + 10, b'x');
    let path = temp_file(&dir, "long.ftm.json", &bytes);
    let error = read(&path).unwrap_err();
    assert!(error.to_string().contains("long.ftm.json:1"), "{error}");
    assert!(error.to_string().contains("longer than 16 MiB"), "{error}");
}

#[test]
fn ftm_catalog_lists_datasets() {
    let datasets = read_catalog(fixture("index.json")).unwrap();
    insta::assert_yaml_snapshot!("ftm_catalog", datasets);
    assert_eq!(datasets[1].version.as_deref(), Some("20240310"));
}
