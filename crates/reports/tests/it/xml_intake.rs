//! XML intake: round trips, hand-written documents, clear errors, no panics,
//! and an XSD that names every element the reader accepts.

use crate::common;

use std::collections::BTreeSet;

use meldpunt_reports::{xml, Report, Status};
use proptest::prelude::*;
use quick_xml::events::Event;
use serde_json::Value;

const FIXTURES: [&str; 12] = [
    "confirmed_hit",
    "potential_hit",
    "asset_freeze",
    "frozen_assets_periodic",
    "attempted_transaction",
    "pre_listing_movement",
    "suspected_circumvention",
    "no_russia_clause_breach",
    "listed_person_self_report",
    "licence_request",
    "vessel_event",
    "whistleblower",
];

/// The report validation reads from `json`, as JSON again: numbers become
/// floats and defaults are filled, so JSON and XML forms compare equal.
fn normalised(json: &Value) -> Value {
    let report: Report = common::check(json)
        .report
        .unwrap_or_else(|| panic!("wrong shape: {json}"));
    serde_json::to_value(report).unwrap_or_default()
}

fn parsed(text: &str) -> Value {
    xml::parse(text.as_bytes(), "test.xml").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn xml_fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/xml/{name}.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_json_fixture_survives_a_round_trip_through_xml() {
    for name in FIXTURES {
        let json = common::fixture(name);
        let report: Report = common::check(&json)
            .report
            .unwrap_or_else(|| panic!("{name}"));
        let text = xml::to_xml(&report);
        let back = parsed(&text);
        assert_eq!(normalised(&back), normalised(&json), "{name}\n{text}");
        assert_eq!(common::check(&back).status(), Status::Accepted, "{name}");
    }
}

#[test]
fn hand_written_xml_reads_as_its_json_fixture() {
    for name in [
        "asset_freeze",
        "whistleblower",
        "vessel_event",
        "no_russia_clause_breach",
    ] {
        let json = parsed(&xml_fixture(name));
        assert_eq!(
            normalised(&json),
            normalised(&common::fixture(name)),
            "{name}"
        );
    }
}

#[test]
fn a_byte_order_mark_and_a_schema_location_are_fine() {
    let text = xml_fixture("whistleblower").replace(
        "<report xmlns=\"urn:meldpunt:report:1\">",
        "<report xmlns=\"urn:meldpunt:report:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:meldpunt:report:1 report.xsd\">",
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let json = xml::parse(&bytes, "bom.xml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        normalised(&json),
        normalised(&common::fixture("whistleblower"))
    );

    let typed = text.replace("<report_type>", "<report_type xsi:type=\"xs:string\">");
    assert_eq!(error(typed.as_bytes()).code, "xml_unknown_attribute");
}

#[test]
fn every_error_code_has_a_sentence() {
    for code in [
        "xml_too_large",
        "xml_not_utf8",
        "xml_encoding",
        "xml_syntax",
        "xml_doctype",
        "xml_processing_instruction",
        "xml_too_deep",
        "xml_namespace",
        "xml_unknown_element",
        "xml_duplicate_element",
        "xml_unknown_attribute",
        "xml_missing_attribute",
        "xml_unexpected_text",
        "xml_truncated",
        "xml_empty",
    ] {
        assert_ne!(meldpunt_reports::messages::message(code), code);
    }
    let src = include_str!("../../src/xml/read.rs");
    for (i, _) in src.match_indices("\"xml_") {
        let code = &src[i + 1..i + 1 + src[i + 1..].find('"').unwrap_or(0)];
        assert_ne!(
            meldpunt_reports::messages::message(code),
            code,
            "no message for {code}"
        );
    }
}

#[test]
fn metrics_need_their_name() {
    let text = xml_fixture("vessel_event").replace("<metric name=\"duration_h\">", "<metric>");
    let e = error(text.as_bytes());
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            "xml_missing_attribute",
            "/report/vessel_events/vessel_event/metrics/metric"
        )
    );
    let twice = xml_fixture("vessel_event").replace("duration_h", "min_distance_m");
    assert_eq!(error(twice.as_bytes()).code, "xml_duplicate_element");
}

#[test]
fn xml_values_reach_the_validator_with_json_pointers() {
    let text = xml_fixture("asset_freeze").replace(
        "<m:value>30000.00</m:value>",
        "<m:value>dertigduizend</m:value>",
    );
    let validation = common::check(&parsed(&text));
    assert_eq!(validation.status(), Status::Rejected);
    assert_eq!(validation.errors[0].pointer, "/assets/0/value");
    assert_eq!(validation.errors[0].code, "wrong_type");

    let text = xml_fixture("vessel_event")
        .replace("<value>IMO 9074729</value>", "<value>IMO 9074728</value>");
    let errors = common::errors(&parsed(&text));
    assert_eq!(
        errors,
        [(
            "/subjects/0/identifiers/0/value".to_string(),
            "imo_check_digit"
        )]
    );

    let text = xml_fixture("whistleblower").replace("<size>20480</size>", "");
    let errors = common::errors(&parsed(&text));
    assert_eq!(
        errors,
        [("/envelope/attachments/0/size".to_string(), "missing_field")]
    );
}

fn error(text: &[u8]) -> xml::XmlError {
    match xml::parse(text, "upload.xml") {
        Ok(json) => panic!("accepted: {json}"),
        Err(e) => e,
    }
}

#[test]
fn validation_issues_map_back_to_lines_and_columns() {
    let text = xml_fixture("vessel_event")
        .replace("<value>IMO 9074729</value>", "<value>IMO 9074728</value>")
        .replace("<lon>22.9</lon>", "<lon>222.9</lon>");
    let parsed = xml::parse_located(text.as_bytes(), "v.xml").unwrap_or_else(|e| panic!("{e}"));
    let located: Vec<_> = common::check(&parsed.json)
        .errors
        .iter()
        .map(|i| (i.code, parsed.locations.get(&i.pointer)))
        .collect();
    assert_eq!(
        located,
        [
            ("imo_check_digit", Some((14, 37))),
            ("position_range", Some((25, 7))),
        ]
    );
    // A missing field is placed at its parent element.
    assert_eq!(parsed.locations.get("/envelope/reporter/kvk"), Some((5, 5)));
    assert_eq!(parsed.locations.get(""), Some((2, 1)));
    assert_eq!(
        parsed.locations.get("/vessel_events/0/metrics/duration_h"),
        Some((29, 9))
    );
    assert_eq!(parsed.locations.get("/nowhere"), Some((2, 1)));
}

#[test]
fn broken_documents_give_clear_errors_with_place_and_path() {
    let good = xml_fixture("whistleblower");

    let cut = &good.as_bytes()[..good.find("</narrative>").unwrap_or(0)];
    let e = error(cut);
    assert_eq!(e.code, "xml_truncated");
    assert_eq!(e.path, "/report/envelope/narrative");

    let e = error(
        good.replace("urn:meldpunt:report:1", "urn:goaml:report")
            .as_bytes(),
    );
    assert_eq!((e.code, e.line, e.column), ("xml_namespace", 2, 1));
    assert_eq!(e.path, "/report");

    let e = error(
        good.replace("<indicators>", "<indicators><flag>x</flag>")
            .as_bytes(),
    );
    assert_eq!((e.code, e.line), ("xml_unknown_element", 9));
    assert_eq!(e.path, "/report/envelope/indicators/flag");
    assert_eq!(
        e.to_string(),
        "upload.xml:9:17: This element is not part of the report schema here. at /report/envelope/indicators/flag"
    );

    let e = error(
        good.replace("<report_type>", "<report_type lang=\"nl\">")
            .as_bytes(),
    );
    assert_eq!(e.code, "xml_unknown_attribute");

    let e = error(
        good.replace(
            "<detected_at>",
            "<detected_at>2026-11-10T21:00:00Z</detected_at><detected_at>",
        )
        .as_bytes(),
    );
    assert_eq!(
        (e.code, e.path.as_str()),
        ("xml_duplicate_element", "/report/envelope/detected_at")
    );

    let e = error(
        good.replace("<narrative>", "<narrative>text here")
            .as_bytes(),
    );
    assert_eq!(
        (e.code, e.path.as_str()),
        ("xml_unexpected_text", "/report/envelope/narrative")
    );

    let e = error(good.replace("</reason>", "</reasons>").as_bytes());
    assert_eq!((e.code, e.line), ("xml_syntax", 7));
}

#[test]
fn doctype_and_entities_are_refused() {
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<report xmlns=\"urn:meldpunt:report:1\">&x;</report>";
    let e = error(xxe.as_bytes());
    assert_eq!((e.code, e.line, e.column), ("xml_doctype", 2, 1));

    // Without a DOCTYPE an entity reference is unknown, not expanded.
    let e = error(b"<report xmlns=\"urn:meldpunt:report:1\"><envelope><report_type>&x;</report_type></envelope></report>");
    assert_eq!(e.code, "xml_syntax");

    let e = error(b"<?xml-stylesheet href=\"x\"?><report xmlns=\"urn:meldpunt:report:1\"/>");
    assert_eq!(e.code, "xml_processing_instruction");
}

#[test]
fn encodings_other_than_utf8_are_refused() {
    let mut latin1 =
        b"<report xmlns=\"urn:meldpunt:report:1\">\n<envelope><narrative><reason>Caf".to_vec();
    latin1.extend_from_slice(b"\xE9</reason></narrative></envelope></report>");
    let e = error(&latin1);
    assert_eq!((e.code, e.line, e.column), ("xml_not_utf8", 2, 33));

    let e = error(
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><report xmlns=\"urn:meldpunt:report:1\"/>",
    );
    assert_eq!(e.code, "xml_encoding");
}

#[test]
fn limits_hold() {
    // Only schema elements open, so runaway nesting stops at the first level
    // the schema does not have; MAX_DEPTH guards the stack behind that.
    let mut deep = String::from("<report xmlns=\"urn:meldpunt:report:1\">");
    deep.push_str(&"<envelope>".repeat(100_000));
    let e = error(deep.as_bytes());
    assert_eq!(e.code, "xml_unknown_element");
    assert_eq!(e.path, "/report/envelope/envelope");

    let mut big = String::from("<report xmlns=\"urn:meldpunt:report:1\"><!--");
    big.push_str(&"x".repeat(xml::MAX_BYTES));
    big.push_str("--></report>");
    assert_eq!(error(big.as_bytes()).code, "xml_too_large");

    let mut many =
        String::from("<report xmlns=\"urn:meldpunt:report:1\"><subjects><subject><names>");
    many.push_str(&"<name/>".repeat(xml::MAX_ELEMENTS));
    let e = error(many.as_bytes());
    assert_eq!(
        (e.code, e.path.as_str()),
        (
            "xml_too_many_elements",
            "/report/subjects/subject/names/name"
        )
    );

    assert_eq!(error(b"").code, "xml_empty");
    assert_eq!(error(b"  <!-- nothing -->  ").code, "xml_empty");
    assert_eq!(
        error(
            b"<report xmlns=\"urn:meldpunt:report:1\"/><report xmlns=\"urn:meldpunt:report:1\"/>"
        )
        .code,
        "xml_syntax"
    );
}

#[test]
fn the_xsd_names_every_element_the_reader_accepts() {
    let mut reader = quick_xml::Reader::from_str(xml::XSD);
    let mut declared = BTreeSet::new();
    let mut target_namespace = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for attribute in e.attributes().flatten() {
                    let value = String::from_utf8_lossy(&attribute.value).into_owned();
                    match (e.local_name().as_ref(), attribute.key.as_ref()) {
                        (b"element", b"name") => {
                            declared.insert(value);
                        }
                        (b"schema", b"targetNamespace") => target_namespace = Some(value),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("XSD: {e}"),
        }
    }
    let accepted: BTreeSet<String> = xml::element_names().iter().map(|s| s.to_string()).collect();
    assert_eq!(declared, accepted);
    assert_eq!(target_namespace.as_deref(), Some(xml::NAMESPACE));
}

fn any_fixture_xml() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(FIXTURES.to_vec()).prop_map(|name| {
        let report: Option<Report> = common::check(&common::fixture(name)).report;
        report
            .map(|r| xml::to_xml(&r))
            .unwrap_or_default()
            .into_bytes()
    })
}

proptest! {
    #[test]
    fn parse_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = xml::parse(&bytes, "fuzz.xml");
    }

    #[test]
    fn parse_never_panics_on_damaged_reports(
        doc in any_fixture_xml(),
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let mut doc = doc;
        for (at, byte) in flips {
            let i = at.index(doc.len());
            doc[i] = byte;
        }
        let end = cut.index(doc.len() + 1);
        let result = xml::parse(&doc[..end], "fuzz.xml");
        if let Err(e) = result {
            prop_assert!(e.line >= 1 && e.column >= 1);
        }
    }
}
