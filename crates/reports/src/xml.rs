//! XML intake: a report written in XML (schema `schema/report.xsd`, namespace
//! [`NAMESPACE`]) becomes the same JSON value a JSON report is, so both layers
//! of validation apply unchanged and their JSON Pointers read the same.
//!
//! The reader streams with quick-xml and is strict on purpose: no DOCTYPE
//! (so no entity expansion, internal or external), no processing
//! instructions, UTF-8 only, at most [`MAX_BYTES`] and [`MAX_DEPTH`] levels,
//! and every element must be one the schema names, in the namespace.

mod locate;
mod read;
mod spec;
mod write;

use crate::messages::message;

/// The report namespace; every element must be in it.
pub const NAMESPACE: &str = "urn:meldpunt:report:1";

/// The XML Schema, for the server to publish.
pub const XSD: &str = include_str!("../schema/report.xsd");

/// Largest accepted document: a report is text; attachments travel separately.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Deepest accepted nesting; the schema itself needs six levels. Unknown
/// elements are refused first, so this only guards the reader's stack.
pub const MAX_DEPTH: usize = 12;

/// Most elements in one document: a full report (1,000 assets of 15 fields,
/// 1,000 subjects…) stays well below it, and it bounds the memory an 8 MiB
/// document of tiny elements could take.
pub const MAX_ELEMENTS: usize = 100_000;

pub use locate::Locations;
pub use write::to_xml;

/// Why a document was not read, with where to look.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}{}", shown_path(path))]
pub struct XmlError {
    pub origin: String,
    /// One-based line and column (in characters) in the document.
    pub line: usize,
    pub column: usize,
    /// The element path, e.g. "/report/envelope/reporter"; empty before the root.
    pub path: String,
    /// Stable code with its sentence in [`crate::messages`].
    pub code: &'static str,
    pub message: String,
}

fn shown_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at {path}")
    }
}

impl XmlError {
    fn new(
        origin: &str,
        input: &[u8],
        offset: usize,
        code: &'static str,
        path: String,
        detail: String,
    ) -> Self {
        let (line, column) = line_col(input, offset);
        let mut text = message(code).to_string();
        if !detail.is_empty() {
            text = format!("{text} ({detail})");
        }
        XmlError {
            origin: origin.to_string(),
            line,
            column,
            path,
            code,
            message: text,
        }
    }
}

/// Reads an XML report into the JSON value [`crate::validate`] takes.
/// `origin` (e.g. an upload's file name) prefixes errors.
pub fn parse(bytes: &[u8], origin: &str) -> Result<serde_json::Value, XmlError> {
    parse_located(bytes, origin).map(|r| r.json)
}

/// An XML report read into JSON, with where each value stood.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlReport {
    pub json: serde_json::Value,
    /// [`Locations::get`] turns a validation issue's JSON Pointer into the
    /// line and column of its element (or, for a missing field, its parent).
    pub locations: Locations,
}

/// As [`parse`], keeping element positions for validation issues.
pub fn parse_located(bytes: &[u8], origin: &str) -> Result<XmlReport, XmlError> {
    let (json, locations) = read::Reader::new(bytes, origin).run()?;
    Ok(XmlReport { json, locations })
}

/// Every element name the reader accepts, for checking the XSD.
pub fn element_names() -> std::collections::BTreeSet<&'static str> {
    spec::element_names()
}

fn line_col(input: &[u8], offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
