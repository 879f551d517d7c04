//! CSV frozen-asset returns: one report per file, subjects deduplicated,
//! errors that name the file, line and column.

use crate::common;

use meldpunt_reports::returns_csv::{self, CsvError, COLUMNS, MAX_ROWS};
use meldpunt_reports::Status;
use proptest::prelude::*;
use serde_json::{json, Value};

fn defaults() -> Value {
    json!({
        "reporter": {"name": "Voorbeeldbank N.V.", "kvk": "33194337", "sector": "bank", "supervisor": "dnb"},
        "detected_at": "2026-09-30T17:00:00Z"
    })
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(bytes: &[u8]) -> Value {
    returns_csv::parse(bytes, "return.csv", &defaults()).unwrap_or_else(|e| panic!("{e}"))
}

fn error(bytes: &[u8]) -> CsvError {
    match returns_csv::parse(bytes, "return.csv", &defaults()) {
        Ok(json) => panic!("accepted: {json}"),
        Err(e) => e,
    }
}

#[test]
fn a_bank_return_becomes_one_report_with_shared_subjects() {
    let parsed =
        returns_csv::parse_return(&fixture("bank_return.csv"), "bank_return.csv", &defaults())
            .unwrap_or_else(|e| panic!("{e}"));
    let json = &parsed.report;
    assert_eq!(json["envelope"]["report_type"], "FROZEN_ASSETS_PERIODIC");
    assert_eq!(json["subjects"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["assets"].as_array().map(Vec::len), Some(4));
    assert_eq!(parsed.holders, [0, 0, 1, 1]);
    assert_eq!(
        json["subjects"][0],
        json!({"kind": "entity", "names": ["OOO Primer"],
               "identifiers": [{"kind": "inn", "value": "7707083893"}],
               "list_match": {"list": "eu_fsf", "entry_id": "EU.77.1", "status": "confirmed"}})
    );
    assert_eq!(json["assets"][1]["description"], "Bonds, 5% 2030");
    assert_eq!(json["assets"][3]["value"], json!(12000.5));
    assert_eq!(json["assets"][3]["wallet"], "TXYZabc123");

    let validation = common::check(json);
    // Assets frozen months before the return's reference date are what a
    // periodic return lists, so they draw no warning.
    assert!(validation.errors.is_empty(), "{:?}", validation.errors);
    assert!(validation.warnings.is_empty(), "{:?}", validation.warnings);
}

#[test]
fn dutch_excel_files_read_the_same() {
    // BOM, semicolons, CRLF, decimal comma, header in any case, a trailing empty line of cells.
    let json = parse(&fixture("excel_nl.csv"));
    assert_eq!(json["subjects"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["assets"][0]["value"], json!(2500.75));
    assert_eq!(json["assets"][0]["iban"], "NL91ABNA0417164300");
    assert_eq!(
        json["assets"][1],
        json!({"category": "economic_resources", "kind": "vessel", "value": 4500000, "currency": "EUR"})
    );
    assert_eq!(common::check(&json).status(), Status::Accepted);
}

#[test]
fn the_envelope_comes_from_the_defaults() {
    let json = parse(&fixture("excel_nl.csv"));
    assert_eq!(json["envelope"]["reporter"]["name"], "Voorbeeldbank N.V.");
    assert!(json["envelope"]["narrative"]["reason"].is_string());
    let mut other = defaults();
    other["report_type"] = json!("WHISTLEBLOWER");
    other["narrative"] = json!({"reason": "Q3 return"});
    let json = returns_csv::parse(&fixture("excel_nl.csv"), "x.csv", &other).unwrap_or_default();
    assert_eq!(json["envelope"]["report_type"], "FROZEN_ASSETS_PERIODIC");
    assert_eq!(json["envelope"]["narrative"]["reason"], "Q3 return");
    assert_eq!(
        returns_csv::parse(b"", "x.csv", &json!([])).map_err(|e| e.code),
        Err("csv_envelope")
    );
}

#[test]
fn validator_issues_point_into_the_built_report_and_back_to_the_file() {
    let csv = "subject_name,subject_kind,asset_category,asset_kind,currency,iban,\nA,entity,funds,cash,EUR,,\nA,entity,funds,bank_account,EURO,NL91ABNA0417164301,\nB,Person,funds,cash,,,\n";
    let parsed = returns_csv::parse_return(csv.as_bytes(), "r.csv", &defaults())
        .unwrap_or_else(|e| panic!("{e}"));
    let validation = common::check(&parsed.report);
    // Shape errors stop at the first; fix the kind to see the business rules.
    assert_eq!(validation.errors[0].pointer, "/subjects/1/kind");
    assert_eq!(
        parsed.locate("/subjects/1/kind"),
        Some((4, Some("subject_kind")))
    );

    let fixed = csv.replace("Person", "person");
    let parsed = returns_csv::parse_return(fixed.as_bytes(), "r.csv", &defaults())
        .unwrap_or_else(|e| panic!("{e}"));
    let located: Vec<_> = common::check(&parsed.report)
        .errors
        .iter()
        .map(|i| (i.code, parsed.locate(&i.pointer)))
        .collect();
    assert_eq!(
        located,
        [
            ("currency_unknown", Some((3, Some("currency")))),
            ("iban_checksum", Some((3, Some("iban")))),
        ]
    );
    assert_eq!(parsed.subject_lines, [2, 4]);
    assert_eq!(parsed.asset_lines, [2, 3, 4]);
    assert_eq!(parsed.locate("/assets/2"), Some((4, None)));
    assert_eq!(
        parsed.locate("/subjects/0/identifiers/0/value"),
        Some((2, Some("subject_identifier")))
    );
    assert_eq!(parsed.locate("/envelope/detected_at"), None);
    assert_eq!(parsed.locate("/assets/9/iban"), None);
}

const HEAD: &str = "subject_name,subject_kind,asset_category,asset_kind,value\n";

#[test]
fn errors_name_file_line_and_column() {
    let e = error(b"subject_name,subject_kind,asset_category,asset_kind,colour\n");
    assert_eq!(
        (e.code, e.line, e.column.as_deref()),
        ("csv_unknown_column", 1, Some("colour"))
    );
    assert_eq!(
        e.to_string(),
        "return.csv:1: column colour: This column is not part of the frozen-asset return format."
    );

    let e = error(b"subject_name,subject_kind,asset_category\nA,entity,funds\n");
    assert_eq!(
        (e.code, e.column.as_deref()),
        ("csv_missing_column", Some("asset_kind"))
    );

    let e = error(b"subject_name,subject_kind,asset_category,asset_kind,Subject_Name\n");
    assert_eq!(
        (e.code, e.column.as_deref()),
        ("csv_duplicate_column", Some("subject_name"))
    );

    let e = error(format!("{HEAD}A,entity,funds,cash,1\nB,entity,funds\n").as_bytes());
    assert_eq!((e.code, e.line), ("csv_field_count", 3));

    let e = error(format!("{HEAD}A,entity,funds,cash,\"1.250,50\"\n").as_bytes());
    assert_eq!(
        (e.code, e.line, e.column.as_deref()),
        ("csv_number", 2, Some("value"))
    );
    assert!(e.message.contains("1.250,50"), "{}", e.message);

    let e = error(format!("{HEAD}A,,funds,cash,1\n").as_bytes());
    assert_eq!(
        (e.code, e.column.as_deref()),
        ("csv_value_missing", Some("subject_kind"))
    );

    let e = error(b"subject_name,subject_kind,asset_category,asset_kind,subject_identifier\nA,entity,funds,cash,123\n");
    assert_eq!(
        (e.code, e.column.as_deref()),
        ("csv_value_missing", Some("subject_identifier_kind"))
    );

    let e = error(b"subject_name,subject_kind,asset_category,asset_kind,list,entry_id\nA,entity,funds,cash,eu_fsf,EU.1\nA,entity,funds,cash,eu_fsf,EU.2\n");
    assert_eq!(
        (e.code, e.line, e.column.as_deref()),
        ("csv_subject_conflict", 3, Some("entry_id"))
    );
}

#[test]
fn every_error_code_has_a_sentence() {
    for src in [
        include_str!("../../src/returns_csv.rs"),
        include_str!("../../src/returns_csv/rows.rs"),
        include_str!("../../src/returns_csv/columns.rs"),
    ] {
        for (i, _) in src.match_indices("\"csv_") {
            let code = &src[i + 1..i + 1 + src[i + 1..].find('"').unwrap_or(0)];
            assert_ne!(
                meldpunt_reports::messages::message(code),
                code,
                "no message for {code}"
            );
        }
    }
}

#[test]
fn empty_and_non_utf8_files_are_refused() {
    assert_eq!(error(b"").code, "csv_empty");
    assert_eq!(error(b"\xEF\xBB\xBF").code, "csv_empty");
    let e = error(HEAD.as_bytes());
    assert_eq!((e.code, e.line), ("csv_empty", 2));
    assert_eq!(error(format!("{HEAD},,,,\n").as_bytes()).code, "csv_empty");

    let mut latin1 = format!("{HEAD}A,entity,funds,cash,1\nCaf").into_bytes();
    latin1.extend_from_slice(b"\xE9,entity,funds,cash,1\n");
    let e = error(&latin1);
    assert_eq!((e.code, e.line), ("csv_not_utf8", 3));
}

#[test]
fn row_limit_is_the_models_list_limit() {
    let mut csv = HEAD.to_string();
    for i in 0..MAX_ROWS {
        csv.push_str(&format!("Holder {},entity,funds,cash,{i}\n", i % 7));
    }
    let json = parse(csv.as_bytes());
    assert_eq!(json["assets"].as_array().map(Vec::len), Some(MAX_ROWS));
    assert_eq!(json["subjects"].as_array().map(Vec::len), Some(7));
    csv.push_str("One more,entity,funds,cash,1\n");
    let e = error(csv.as_bytes());
    assert_eq!((e.code, e.line), ("csv_too_many_rows", MAX_ROWS as u64 + 2));
}

#[test]
fn the_documented_header_is_the_column_table() {
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
    let header = String::from_utf8(fixture("bank_return.csv")).unwrap_or_default();
    assert_eq!(header.lines().next(), Some(names.join(",").as_str()));
}

proptest! {
    #[test]
    fn parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = returns_csv::parse(&bytes, "fuzz.csv", &defaults());
    }

    #[test]
    fn parse_never_panics_on_plausible_lines(
        cells in prop::collection::vec(prop::collection::vec("[a-z0-9 ,.;\"-]{0,8}", 0..7), 0..6),
        delimiter in prop::sample::select(vec![",", ";"]),
    ) {
        let mut text = HEAD.replace(',', delimiter);
        for row in cells {
            text.push_str(&row.join(delimiter));
            text.push('\n');
        }
        if let Ok(json) = returns_csv::parse(text.as_bytes(), "fuzz.csv", &defaults()) {
            let _ = common::check(&json).status();
        }
    }
}
