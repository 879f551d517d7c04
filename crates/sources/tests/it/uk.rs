//! The UK Sanctions List reader (FCDO XML and CSV) on hand-written fixtures
//! and broken input.

use std::path::{Path, PathBuf};

use meldpunt_model::{CountryRole, DateSpec, Entity, IdKind, NameKind, PartialDate, Schema};
use meldpunt_sources::{plan_inputs, read_records, Format, ReadOptions, ReadOutcome, SourceError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/uk")
        .join(name)
}

fn read(path: &Path) -> Result<(ReadOutcome, Vec<Entity>), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], None)?;
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].format, Format::Uk);
    let (outcome, records) = read_records(&inputs[0], &ReadOptions::default())?;
    Ok((outcome, records.into_iter().map(|r| r.entity).collect()))
}

fn temp_file(suffix: &str, bytes: &[u8]) -> tempfile::TempPath {
    let file = tempfile::Builder::new()
        .suffix(suffix)
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), bytes).expect("write");
    file.into_temp_path()
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

fn messages(outcome: &ReadOutcome) -> Vec<&str> {
    outcome
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect()
}

const IMO_WARNING: &str =
    "uk-RUS9904: IMO number '9074728': invalid imo '9074728': check digit does not match";

#[test]
fn xml_fixture_entities() {
    let (outcome, entities) = read(&fixture("UK_Sanctions_List.xml")).expect("read");
    assert_eq!(outcome.entities, 4);
    assert_eq!(outcome.published.as_deref(), Some("2026-02-12"));
    assert_eq!(messages(&outcome), [IMO_WARNING]);
    insta::assert_yaml_snapshot!("uk_xml_entities", entities);
}

#[test]
fn csv_fixture_entities() {
    let (outcome, entities) = read(&fixture("UK-Sanctions-List.csv")).expect("read");
    assert_eq!(outcome.entities, 4);
    assert_eq!(outcome.published.as_deref(), Some("2026-02-12"));
    assert_eq!(messages(&outcome), [IMO_WARNING]);
    insta::assert_yaml_snapshot!("uk_csv_entities", entities);
}

#[test]
fn xml_and_csv_agree() {
    let (_, xml) = read(&fixture("UK_Sanctions_List.xml")).expect("xml");
    let (_, csv) = read(&fixture("UK-Sanctions-List.csv")).expect("csv");
    assert_eq!(xml, csv);
}

#[test]
fn fields_map_to_the_model() {
    let (_, entities) = read(&fixture("UK_Sanctions_List.xml")).expect("read");
    let person = &entities[0];
    assert_eq!(person.id, "uk-RUS9901");
    assert_eq!(person.schema, Schema::Person);
    assert_eq!(person.caption(), "Ivan Petrovich SIDOROV");
    let primary = &person.names[0];
    assert_eq!(primary.parts.first.as_deref(), Some("Ivan"));
    assert_eq!(primary.parts.last.as_deref(), Some("SIDOROV"));
    let cyrillic = person
        .names
        .iter()
        .find(|n| n.script == "Cyrl")
        .expect("Cyrillic");
    assert_eq!(cyrillic.kind, NameKind::Alias);
    assert_eq!(cyrillic.lang.as_deref(), Some("rus"));
    let kinds: Vec<_> = person
        .names
        .iter()
        .map(|n| (n.kind, n.value.as_str()))
        .collect();
    assert!(kinds.contains(&(NameKind::Alias, "Ivan SIDOROFF")));
    assert!(kinds.contains(&(NameKind::WeakAlias, "Vanya the Fox")));
    let year = PartialDate::year(1975).expect("year");
    let may = PartialDate::new(1976, Some(5), None).expect("month");
    assert!(person.birth_dates.contains(&DateSpec::Exact(year)));
    assert!(person.birth_dates.contains(&DateSpec::Exact(may)));
    let sanction = &person.sanctions[0];
    assert_eq!(sanction.authority, "FCDO");
    assert_eq!(sanction.source_ref.as_deref(), Some("RUS9901"));
    assert_eq!(
        sanction.program.as_deref(),
        Some("The Russia (Sanctions) (EU Exit) Regulations 2019")
    );
    assert_eq!(
        sanction.listing_date.map(|d| d.to_string()).as_deref(),
        Some("2022-03-15")
    );

    let ship = &entities[2];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(
        ship.countries_with(CountryRole::Flag).collect::<Vec<_>>(),
        ["ga"]
    );
    let imo: Vec<_> = ship.identifiers_of(IdKind::Imo).collect();
    assert_eq!(imo.len(), 1);
    assert!(imo[0].validate().is_ok());
    // "Unknown" is the list's placeholder, not a flag.
    assert_eq!(entities[3].countries_with(CountryRole::Flag).count(), 0);
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
    let text = fixture_text("UK_Sanctions_List.xml");
    let path = temp_file(".xml", &text.as_bytes()[..text.len() / 2]);
    let error = read(&path).expect_err("truncated");
    let message = error_text(&error, &path);
    assert!(matches!(error, SourceError::Truncated { .. }), "{message}");
    assert!(message.contains("byte"), "{message}");
}

#[test]
fn invalid_utf8_in_csv_names_the_line() {
    let mut bytes = fixture_text("UK-Sanctions-List.csv").into_bytes();
    let at = bytes
        .windows(8)
        .position(|w| w == b"SIDOROFF")
        .expect("name");
    bytes[at + 1] = 0xFF;
    let path = temp_file(".csv", &bytes);
    let error = read(&path).expect_err("invalid UTF-8");
    let message = error_text(&error, &path);
    match error {
        SourceError::Encoding { location } => assert_eq!(location.line, Some(4), "{message}"),
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn invalid_utf8_in_xml_is_an_encoding_error() {
    let mut bytes = fixture_text("UK_Sanctions_List.xml").into_bytes();
    let at = bytes
        .windows(8)
        .position(|w| w == b"SIDOROFF")
        .expect("name");
    bytes[at + 1] = 0xFF;
    let path = temp_file(".xml", &bytes);
    let error = read(&path).expect_err("invalid UTF-8");
    let message = error_text(&error, &path);
    assert!(matches!(error, SourceError::Encoding { .. }), "{message}");
}

#[test]
fn separated_rows_of_one_designation_are_a_duplicate() {
    let text = fixture_text("UK-Sanctions-List.csv");
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    // Move the entity's alias row after the ship's rows.
    let alias = lines.remove(6);
    lines.push(alias);
    let path = temp_file(".csv", lines.concat().as_bytes());
    let error = read(&path).expect_err("duplicate");
    let message = error_text(&error, &path);
    match error {
        SourceError::DuplicateId { location, id } => {
            assert_eq!(id, "uk-RUS9902");
            assert_eq!(location.line, Some(10), "{message}");
        }
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn duplicate_unique_id_in_xml_is_an_error() {
    let text = fixture_text("UK_Sanctions_List.xml").replace("RUS9904", "RUS9903");
    let path = temp_file(".xml", text.as_bytes());
    let error = read(&path).expect_err("duplicate");
    let message = error_text(&error, &path);
    assert!(
        matches!(error, SourceError::DuplicateId { .. }),
        "{message}"
    );
    assert!(message.contains(":176 (byte"), "{message}");
}

#[test]
fn empty_and_headerless_files_are_errors() {
    let path = temp_file(".csv", b"");
    let error = read(&path).expect_err("empty");
    error_text(&error, &path);
    assert!(matches!(error, SourceError::Empty { .. }), "{error}");

    let path = temp_file(".csv", b"Report Date: 12-Feb-2026\n");
    let error = read(&path).expect_err("no header");
    let message = error_text(&error, &path);
    assert!(message.contains("header"), "{message}");

    let path = temp_file(
        ".csv",
        b"Report Date: 12-Feb-2026\nUnique ID,Name 6,Name type\n,X,Primary Name\n",
    );
    let error = read(&path).expect_err("no id");
    let message = error_text(&error, &path);
    assert!(message.contains(":3"), "{message}");
}
