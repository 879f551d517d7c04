//! EU readers: the Financial Sanctions Files XML and the Official Journal
//! annex CSVs, on hand-written fixtures and on the shared real data.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use meldpunt_model::{CountryRole, DateSpec, Entity, IdKind, NameKind, PartialDate, Schema};
use meldpunt_sources::{
    plan_inputs, read_input, Format, ReadOptions, ReadOutcome, SourceError, Warning,
};
use meldpunt_testkit::shared_file;

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

fn read(path: &Path, forced: Option<Format>) -> Result<(ReadOutcome, Vec<Entity>), SourceError> {
    let inputs = plan_inputs(&[path.to_path_buf()], forced)?;
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    let mut entities = Vec::new();
    let options = ReadOptions::default();
    let outcome = read_input(&inputs[0], &options, &mut |record| {
        entities.push(record.entity);
        Ok(())
    })?;
    Ok((outcome, entities))
}

fn by_id(entities: &[Entity]) -> BTreeMap<&str, &Entity> {
    entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

fn names(entity: &Entity, kind: NameKind) -> Vec<&str> {
    entity
        .names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

/// Warnings without the machine-specific directory, for snapshots.
fn portable(warnings: &[Warning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| {
            let file = w.location.file.file_name().unwrap_or_default();
            format!(
                "{}:{:?}:{:?}: {}",
                file.to_string_lossy(),
                w.location.line,
                w.location.byte,
                w.message
            )
        })
        .collect()
}

fn year(y: u16) -> PartialDate {
    PartialDate::year(y).expect("year")
}

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).expect("create");
    file.write_all(bytes).expect("write");
    (dir, path)
}

// ---------------------------------------------------------------- EU FSF

#[test]
fn fsf_sample_maps_every_part() {
    let (outcome, entities) = read(&fixture("eu_fsf/sample.xml"), None).expect("read");
    assert_eq!(outcome.format, Format::EuFsf);
    assert_eq!(
        outcome.published.as_deref(),
        Some("2025-03-14T09:30:00.000+01:00")
    );
    assert_eq!(outcome.entities, 4);
    let entities_by_id = by_id(&entities);

    let person = entities_by_id["eu-fsf-9001"];
    assert_eq!(person.schema, Schema::Person);
    assert_eq!(names(person, NameKind::Primary), ["Ivan Petrovich Testov"]);
    assert_eq!(names(person, NameKind::Alias), ["Иван Петрович Тестов"]);
    assert_eq!(names(person, NameKind::WeakAlias), ["Vanya"]);
    let cyrillic = person.names.iter().find(|n| n.kind == NameKind::Alias);
    assert_eq!(cyrillic.map(|n| n.script.as_str()), Some("Cyrl"));
    assert_eq!(cyrillic.and_then(|n| n.lang.as_deref()), Some("ru"));
    assert!(person.birth_dates.contains(&DateSpec::Exact(year(1961))));
    let may_1963 = PartialDate::new(1963, Some(5), None).expect("date");
    assert!(person.birth_dates.contains(&DateSpec::Circa(may_1963)));
    assert_eq!(person.countries_with(CountryRole::Nationality).count(), 1);
    assert_eq!(person.identifiers_of(IdKind::Passport).count(), 1);
    let sanction = &person.sanctions[0];
    assert_eq!(sanction.authority, "European Union");
    assert_eq!(sanction.program.as_deref(), Some("UKR"));
    assert_eq!(sanction.source_ref.as_deref(), Some("EU.9001.11"));

    assert_eq!(entities_by_id["eu-fsf-9002"].schema, Schema::Organization);
    let vessel = entities_by_id["eu-fsf-9003"];
    assert_eq!(vessel.schema, Schema::Vessel);
    assert_eq!(vessel.identifiers_of(IdKind::Imo).count(), 1);
    let range = entities_by_id["eu-fsf-9004"].birth_dates[0];
    assert_eq!(range, DateSpec::Range(year(1970), year(1972)));

    insta::assert_json_snapshot!("fsf_sample_entities", entities);
    insta::assert_yaml_snapshot!("fsf_sample_warnings", portable(&outcome.warnings));
}

#[test]
fn fsf_truncated_file_names_file_and_offset() {
    let path = fixture("eu_fsf/truncated.xml");
    let err = read(&path, None).expect_err("truncated");
    assert!(matches!(err, SourceError::Truncated { .. }), "{err}");
    assert!(err.to_string().contains("truncated.xml"), "{err}");
    assert!(err.to_string().contains("byte"), "{err}");
}

#[test]
fn fsf_invalid_utf8_is_an_encoding_error() {
    let err = read(&fixture("eu_fsf/latin1.xml"), None).expect_err("latin1");
    assert!(matches!(err, SourceError::Encoding { .. }), "{err}");
    assert!(err.to_string().contains("latin1.xml:5"), "{err}");
}

#[test]
fn fsf_duplicate_logical_id_is_an_error() {
    let err = read(&fixture("eu_fsf/duplicate.xml"), None).expect_err("duplicate");
    match &err {
        SourceError::DuplicateId { location, id } => {
            assert_eq!(id, "eu-fsf-42");
            assert!(location.file.ends_with("duplicate.xml"));
            assert!(location.byte.is_some());
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn fsf_wrong_root_is_rejected() {
    let xml = b"<?xml version='1.0'?><sanctions xmlns='http://eu.europa.ec/fpi/fsd/export'><sanctionEntity logicalId='1'/></sanctions>";
    let (_dir, path) = temp_file("other.xml", xml);
    let err = read(&path, Some(Format::EuFsf)).expect_err("wrong root");
    assert!(err.to_string().contains("expected <export>"), "{err}");
}

// ------------------------------------------------------------ EU journal

#[test]
fn journal_directory_reads_both_kinds() {
    let dir = fixture("eu_journal");
    let inputs = plan_inputs(std::slice::from_ref(&dir), None).expect("plan");
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].format, Format::EuJournal);
    assert_eq!(inputs[0].files.len(), 2);
    let (outcome, entities) = read(&dir, None).expect("read");
    let entities_by_id = by_id(&entities);
    let ids: Vec<&str> = entities_by_id.keys().copied().collect();
    insta::assert_yaml_snapshot!("journal_ids", ids);

    let person = entities_by_id["eu-oj-32099R0001-I.A-1"];
    assert_eq!(
        names(person, NameKind::Alias),
        ["Testovich, Pyotr; the elder", "Пётр Тестович"]
    );
    assert_eq!(person.birth_dates.len(), 2);
    assert_eq!(
        person
            .countries_with(CountryRole::Nationality)
            .collect::<Vec<_>>(),
        ["ir"]
    );

    // One designation on two rows (two annexes, two measures): one entity.
    let merged = entities_by_id["eu-oj-32099R0001-I.B-1"];
    assert_eq!(merged.sanctions.len(), 2);
    assert_eq!(merged.addresses.len(), 2);
    // Namesakes under two record ids stay apart.
    assert!(entities_by_id.contains_key("eu-oj-32099R0001-I.A-3"));
    let unparsed = entities_by_id["eu-oj-32099R0001-I.A-4"];
    assert!(unparsed.birth_dates.is_empty());
    assert_eq!(
        unparsed.properties["birthDate"],
        ["in the spring of the dragon year"]
    );

    let vessel = entities_by_id["eu-oj-32099R0001-XLII-1"];
    assert_eq!(vessel.schema, Schema::Vessel);
    assert_eq!(vessel.identifiers_of(IdKind::Imo).count(), 1);
    assert_eq!(
        vessel.countries_with(CountryRole::Flag).collect::<Vec<_>>(),
        ["cm"]
    );

    let amended = entities_by_id["eu-oj-32099R0105-32099R0001-XLII-5"];
    assert_eq!(amended.sanctions.len(), 2);
    assert!(amended.sanctions[0]
        .source_url
        .as_deref()
        .is_some_and(|u| u.ends_with("CELEX:32099R0105")));
    let asset = entities.iter().find(|e| e.schema == Schema::Asset);
    assert!(asset.is_some_and(|a| a.id.starts_with("eu-oj-32099R0001-Asset-")));

    let warnings = portable(&outcome.warnings);
    assert!(
        warnings.iter().any(|w| w.contains("9305608")),
        "{warnings:?}"
    );
    insta::assert_json_snapshot!("journal_entities", entities);
    insta::assert_yaml_snapshot!("journal_warnings", warnings);
}

const HEADER: &str = "celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias,weakAlias,previousName,country,nationality,jurisdiction,birthDate,birthPlace,position,passportNumber,gender,appearance,ethnicity,fatherName,motherName,incorporationDate,legalForm,sector,registrationNumber,taxNumber,idNumber,innCode,ogrnCode,kppCode,okpoCode,leiCode,swiftBic,ticker,imoNumber,mmsi,flag,address,phone,email,website,notes";

fn journal_row(record: &str, name: &str) -> String {
    format!(
        "32099R0009,{record},EU-TST,I,Asset freeze,,,Person,{name}{}\n",
        ",".repeat(36)
    )
}

#[test]
fn journal_wrong_header_names_file_line_and_column() {
    let header = HEADER.replace(",measure,", ",measures,");
    let text = format!("{header}\n{}", journal_row("1", "A"));
    let (_dir, path) = temp_file("32099R0009.csv", text.as_bytes());
    let err = read(&path, None).expect_err("wrong header");
    let message = err.to_string();
    assert!(message.contains("32099R0009.csv:1"), "{message}");
    assert!(message.contains("'measures'"), "{message}");

    let short = HEADER.trim_end_matches(",notes");
    let text = format!("{short}\n");
    let (_dir, path) = temp_file("32099R0009.csv", text.as_bytes());
    let err = read(&path, Some(Format::EuJournal)).expect_err("missing column");
    assert!(err.to_string().contains("'notes' is missing"), "{err}");
}

#[test]
fn journal_invalid_utf8_names_the_line() {
    let mut bytes = format!("{HEADER}\n{}", journal_row("1", "A")).into_bytes();
    let mut row = journal_row("2", "JosX").into_bytes();
    if let Some(x) = row.iter().position(|b| *b == b'X') {
        row[x] = 0xe9;
    }
    bytes.extend_from_slice(&row);
    let (_dir, path) = temp_file("32099R0009.csv", &bytes);
    let err = read(&path, None).expect_err("invalid utf-8");
    assert!(matches!(err, SourceError::Encoding { .. }), "{err}");
    assert!(err.to_string().contains("32099R0009.csv:3"), "{err}");
}

#[test]
fn journal_crlf_rows_report_their_own_line() {
    let bad = journal_row("2", "B").replace("freeze,,", "freeze,31.2.1970,");
    let text = format!("{HEADER}\n{}{bad}", journal_row("1", "A")).replace('\n', "\r\n");
    let (_dir, path) = temp_file("32099R0009.csv", text.as_bytes());
    let (outcome, _) = read(&path, None).expect("read");
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    assert_eq!(outcome.warnings[0].location.line, Some(3));

    let ragged = format!("{HEADER}\n{}32099R0009,2,EU-TST\n", journal_row("1", "A"));
    let (_dir, path) = temp_file("32099R0009.csv", ragged.replace('\n', "\r\n").as_bytes());
    let err = read(&path, None).expect_err("ragged");
    assert!(err.to_string().contains("32099R0009.csv:3"), "{err}");
}

#[test]
fn journal_ragged_row_names_the_line() {
    let text = format!("{HEADER}\n{}32099R0009,2,EU-TST\n", journal_row("1", "A"));
    let (_dir, path) = temp_file("32099R0009.csv", text.as_bytes());
    let err = read(&path, None).expect_err("ragged");
    assert!(err.to_string().contains("32099R0009.csv:3"), "{err}");
}

#[test]
fn journal_same_act_twice_is_a_duplicate_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{HEADER}\n{}", journal_row("1", "A"));
    for name in ["32099R0009.csv", "32099R0009-copy.csv"] {
        std::fs::write(dir.path().join(name), &text).expect("write");
    }
    let err = read(dir.path(), None).expect_err("duplicate");
    match &err {
        SourceError::DuplicateId { location, id } => {
            assert_eq!(id, "eu-oj-32099R0009-I-1");
            assert_eq!(location.line, Some(2));
            assert!(location.file.ends_with("32099R0009.csv"));
        }
        other => panic!("unexpected {other}"),
    }
}

// -------------------------------------------------------------- real data

#[test]
fn journal_real_consolidated() {
    let Some(dir) = shared_file("lists/eu/data/consolidated") else {
        return;
    };
    let (outcome, entities) = read(&dir, None).expect("read");
    let mut by_schema: BTreeMap<Schema, usize> = BTreeMap::new();
    for entity in &entities {
        *by_schema.entry(entity.schema).or_default() += 1;
    }
    let sanctions: usize = entities.iter().map(|e| e.sanctions.len()).sum();
    eprintln!(
        "{} files, {} entities, {} sanctions (rows), {} warnings; by schema {by_schema:?}",
        outcome.files.len(),
        entities.len(),
        sanctions,
        outcome.warnings.len()
    );
    for warning in outcome.warnings.iter().step_by(8) {
        eprintln!("  {warning}");
    }
    // Each of the 8017 data rows gives one sanction record, except two exact
    // repeats in 32002R0881 that collapse into their first copy.
    assert_eq!(sanctions, 8015);
    assert!(entities.len() > 7_000 && entities.len() < 8_017);

    let annex_xlii: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.id.starts_with("eu-oj-32014R0833-XLII-"))
        .collect();
    assert_eq!(annex_xlii.len(), 633);
    assert!(annex_xlii.iter().all(|e| e.schema == Schema::Vessel));
    let with_imo = annex_xlii
        .iter()
        .filter(|e| e.identifiers_of(IdKind::Imo).count() > 0)
        .count();
    assert_eq!(with_imo, 633);

    let persons: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .collect();
    let share = |f: &dyn Fn(&Entity) -> bool| {
        persons.iter().filter(|e| f(e)).count() as f64 / persons.len() as f64
    };
    let aliases = share(&|e| e.names.iter().any(|n| n.kind == NameKind::Alias));
    let births = share(&|e| !e.birth_dates.is_empty());
    let nationals = share(&|e| e.countries_with(CountryRole::Nationality).count() > 0);
    eprintln!(
        "persons with alias {aliases:.2}, birth date {births:.2}, nationality {nationals:.2}"
    );
    assert!(aliases > 0.5, "{aliases}");
    assert!(births > 0.8, "{births}");
    assert!(nationals > 0.6, "{nationals}");
    assert!(entities.iter().any(|e| e.schema == Schema::Asset));
}
