//! The UN consolidated-list reader on hand-written fixtures and broken input.

use std::path::{Path, PathBuf};

use meldpunt_model::Entity;
use meldpunt_sources::{
    plan_inputs, read_input, read_records, Format, ReadOptions, ReadOutcome, SourceError,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/un")
        .join(name)
}

fn read(path: &Path) -> Result<(ReadOutcome, Vec<Entity>), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], None)?;
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].format, Format::Un);
    let (outcome, records) = read_records(&inputs[0], &ReadOptions::default())?;
    Ok((outcome, records.into_iter().map(|r| r.entity).collect()))
}

/// Writes `bytes` to a temporary `.xml` file.
fn temp_xml(bytes: &[u8]) -> tempfile::TempPath {
    let file = tempfile::Builder::new()
        .suffix(".xml")
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), bytes).expect("write");
    file.into_temp_path()
}

fn fixture_bytes() -> Vec<u8> {
    std::fs::read(fixture("consolidated.xml")).expect("fixture")
}

#[test]
fn fixture_entities() {
    let (outcome, entities) = read(&fixture("consolidated.xml")).expect("read");
    assert_eq!(outcome.entities, 3);
    assert_eq!(
        outcome.published.as_deref(),
        Some("2026-01-15T00:00:05.123Z")
    );
    let warnings: Vec<String> = outcome.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        warnings,
        ["un-9000001: unreadable EXACT birth date '24/06/1391 (Hijri Calendar)'"]
    );
    assert!(outcome.warnings[0].location.line.is_some_and(|l| l > 1));
    insta::assert_yaml_snapshot!("un_fixture_entities", entities);
}

#[test]
fn fixture_as_ftm() {
    let (_, entities) = read(&fixture("consolidated.xml")).expect("read");
    let ftm: Vec<_> = entities.iter().map(Entity::to_ftm).collect();
    insta::assert_json_snapshot!("un_fixture_ftm", ftm);
}

fn error_text(error: &SourceError, path: &Path) -> String {
    let text = error.to_string();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    assert!(text.contains(name), "error does not name the file: {text}");
    text
}

#[test]
fn truncated_xml_is_an_error_with_position() {
    let bytes = fixture_bytes();
    let cut = bytes.len() * 2 / 3;
    let path = temp_xml(&bytes[..cut]);
    let error = read(&path).expect_err("truncated");
    let text = error_text(&error, &path);
    assert!(matches!(error, SourceError::Truncated { .. }), "{text}");
    assert!(text.contains("byte"), "{text}");
}

#[test]
fn invalid_utf8_is_an_encoding_error() {
    let text = String::from_utf8(fixture_bytes()).expect("utf-8 fixture");
    let bytes = text
        .replacen("Financier", "Financi\u{1}", 1)
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect::<Vec<u8>>();
    let path = temp_xml(&bytes);
    let error = read(&path).expect_err("invalid UTF-8");
    let text = error_text(&error, &path);
    assert!(matches!(error, SourceError::Encoding { .. }), "{text}");
    assert!(text.contains("byte"), "{text}");
}

#[test]
fn duplicate_dataid_is_an_error_with_line() {
    let text = String::from_utf8(fixture_bytes()).expect("utf-8 fixture");
    let path = temp_xml(text.replace("9000002", "9000001").as_bytes());
    let error = read(&path).expect_err("duplicate");
    let message = error_text(&error, &path);
    match &error {
        SourceError::DuplicateId { location, id } => {
            assert_eq!(id, "un-9000001");
            assert_eq!(location.line, Some(96), "{message}");
        }
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn empty_file_is_an_error() {
    let path = temp_xml(b"");
    let input = meldpunt_sources::SourceInput {
        format: Format::Un,
        files: vec![path.to_path_buf()],
        default_name: "un-sc".into(),
    };
    let options = ReadOptions::default();
    let error = read_input(&input, &options, &mut |_| Ok(())).expect_err("empty");
    error_text(&error, &path);
    assert!(matches!(error, SourceError::Empty { .. }), "{error}");
    // An empty list document holds no entities either.
    let path = temp_xml(b"<CONSOLIDATED_LIST dateGenerated=\"2026-01-01\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>");
    let error = read(&path).expect_err("no entities");
    assert!(matches!(error, SourceError::Empty { .. }), "{error}");
}

#[test]
fn record_without_dataid_is_an_error() {
    let path = temp_xml(
        b"<CONSOLIDATED_LIST dateGenerated=\"2026-01-01\"><INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
    );
    let error = read(&path).expect_err("no DATAID");
    let text = error_text(&error, &path);
    assert!(text.contains(":2 (byte"), "{text}");
    assert!(text.contains("DATAID"), "{text}");
}
