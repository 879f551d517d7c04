#![no_main]
//! Feeds arbitrary bytes to the XML report reader: it must return JSON or an
//! error, never panic or hang; JSON it returns goes through validation, and a
//! report that validates must survive a round trip through `to_xml`.

use libfuzzer_sys::fuzz_target;
use meldpunt_reports::{validate, xml};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = xml::parse(data, "fuzz.xml") else { return };
    let Some(report) = validate(&json).report else { return };
    let again = xml::parse(xml::to_xml(&report).as_bytes(), "again.xml");
    let report_again = again.ok().and_then(|json| validate(&json).report);
    assert_eq!(report_again.as_ref(), Some(&report), "round trip changed the report");
});
