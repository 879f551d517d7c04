//! Every issue code with its English message, in one table so that a Dutch
//! column can be added without touching the rules.

pub const MESSAGES: &[(&str, &str)] = &[
    // Layer 1: shape.
    (
        "invalid_json",
        "The report is not valid JSON for this schema.",
    ),
    (
        "wrong_type",
        "This field has the wrong type or an unexpected value.",
    ),
    (
        "unknown_field",
        "This field is not part of the report schema.",
    ),
    ("missing_field", "This required field is missing."),
    // Layer 2: identifiers and formats.
    (
        "iban_format",
        "The IBAN must be two letters, two check digits and up to 30 letters or digits.",
    ),
    (
        "iban_length",
        "The IBAN has the wrong length for its country.",
    ),
    (
        "iban_checksum",
        "The IBAN check digits do not match (ISO 13616 mod 97).",
    ),
    (
        "bic_format",
        "The BIC must be 8 or 11 characters: bank, country, location and optional branch.",
    ),
    (
        "imo_check_digit",
        "The IMO number must be seven digits with a valid check digit.",
    ),
    ("mmsi_format", "The MMSI must be nine digits."),
    (
        "attachment_too_large",
        "An attachment may be at most 25 MiB; split it or send a summary.",
    ),
    (
        "exposure_explanation",
        "A match through ownership or control must say how: the owners, paths and percentages.",
    ),
    (
        "lei_checksum",
        "The LEI must be 20 letters and digits with valid check digits (ISO 17442).",
    ),
    ("kvk_format", "The KvK number must be exactly eight digits."),
    (
        "identifier_invalid",
        "The identifier does not meet the format rule of its kind.",
    ),
    (
        "currency_unknown",
        "The currency must be an ISO 4217 code of three upper-case letters.",
    ),
    (
        "country_unknown",
        "The country must be an ISO 3166-1 alpha-2 code.",
    ),
    (
        "hs_code_format",
        "The commodity code must be 6 to 10 digits (HS, CN or TARIC).",
    ),
    (
        "sha256_format",
        "The SHA-256 digest must be 64 hexadecimal characters.",
    ),
    ("date_format", "The date must be written as YYYY-MM-DD."),
    (
        "datetime_format",
        "The date and time must follow RFC 3339, e.g. 2026-01-31T14:00:00Z.",
    ),
    (
        "birth_date_format",
        "The birth date must be YYYY-MM-DD, YYYY-MM or YYYY.",
    ),
    (
        "link_report_id",
        "The linked report id must be a UUID issued by the Reporting Point.",
    ),
    ("score_range", "The match score must be between 0 and 1."),
    (
        "position_range",
        "Latitude must be within ±90 and longitude within ±180.",
    ),
    ("name_empty", "A name must not be empty."),
    ("names_missing", "A subject needs at least one name."),
    // Layer 2: values and dates.
    (
        "detected_at_future",
        "The detection time lies in the future.",
    ),
    ("value_negative", "A value or amount must not be negative."),
    (
        "frozen_before_detection",
        "The freeze date lies before the detection date; please check both.",
    ),
    ("event_end_before_start", "The event ends before it starts."),
    // Layer 2: per report type.
    (
        "asset_required",
        "This report type needs at least one asset.",
    ),
    (
        "confirmed_match_required",
        "A confirmed hit needs a subject with a list match marked confirmed.",
    ),
    (
        "list_match_required",
        "A potential hit needs a subject with a list match.",
    ),
    (
        "transaction_required",
        "An attempted-transaction report needs at least one transaction.",
    ),
    (
        "clause_breach_goods_required",
        "A no-Russia-clause breach needs goods without the clause.",
    ),
    (
        "vessel_subject_required",
        "A vessel event needs a vessel subject with an IMO or MMSI number.",
    ),
    (
        "vessel_event_required",
        "A vessel event report needs at least one vessel event.",
    ),
    (
        "reporter_forbidden",
        "A whistleblower report must not identify the reporter.",
    ),
    (
        "reporter_required",
        "This report type must identify the reporting organisation.",
    ),
    (
        "indicator_required",
        "A suspected-circumvention report needs at least one indicator.",
    ),
    // XML intake (`xml::parse`).
    ("xml_too_large", "The XML document is larger than 8 MiB."),
    (
        "xml_not_utf8",
        "The XML document must be UTF-8; this byte is not.",
    ),
    (
        "xml_encoding",
        "The XML declaration names an encoding other than UTF-8.",
    ),
    ("xml_syntax", "The document is not well-formed XML."),
    (
        "xml_doctype",
        "A DOCTYPE is not allowed: reports may not declare entities or a DTD.",
    ),
    (
        "xml_processing_instruction",
        "Processing instructions are not allowed in a report.",
    ),
    (
        "xml_too_deep",
        "Elements are nested deeper than a report can be.",
    ),
    (
        "xml_namespace",
        "The element is not in the report namespace urn:meldpunt:report:1.",
    ),
    (
        "xml_unknown_element",
        "This element is not part of the report schema here.",
    ),
    (
        "xml_duplicate_element",
        "This element may appear only once here.",
    ),
    (
        "xml_unknown_attribute",
        "This attribute is not part of the report schema.",
    ),
    (
        "xml_missing_attribute",
        "This element needs the attribute named in brackets.",
    ),
    (
        "xml_unexpected_text",
        "Text is not allowed here, only child elements.",
    ),
    (
        "xml_truncated",
        "The document ends before its elements are closed; it may be cut off.",
    ),
    ("xml_empty", "The document has no report element."),
    (
        "xml_too_many_elements",
        "The document has more than 100,000 elements, more than any report needs.",
    ),
    // CSV frozen-asset returns (`returns_csv::parse`).
    ("csv_too_large", "The CSV file is larger than 8 MiB."),
    (
        "csv_not_utf8",
        "The CSV file must be UTF-8; this byte is not.",
    ),
    ("csv_empty", "The CSV file has no header or no data rows."),
    ("csv_syntax", "The CSV file cannot be read at this line."),
    (
        "csv_unknown_column",
        "This column is not part of the frozen-asset return format.",
    ),
    (
        "csv_missing_column",
        "The header lacks a column the return format requires.",
    ),
    (
        "csv_duplicate_column",
        "This column appears twice in the header.",
    ),
    (
        "csv_field_count",
        "This line has a different number of fields than the header.",
    ),
    (
        "csv_value_missing",
        "This column needs a value on every line.",
    ),
    (
        "csv_number",
        "This must be a number, e.g. 1250.50 or 1250,50, without thousands separators.",
    ),
    (
        "csv_too_many_rows",
        "The file has more than 1,000 asset lines, the most one report can hold.",
    ),
    (
        "csv_subject_conflict",
        "This subject appeared earlier with a different list entry.",
    ),
    (
        "csv_envelope",
        "The envelope defaults must be a JSON object.",
    ),
    // Size limits.
    ("narrative_too_long", "The text is longer than 64 KiB."),
    ("name_too_long", "The name is longer than 1,000 characters."),
    ("too_many_items", "The list has more than 1,000 items."),
];

/// The English message for a code; unknown codes fall back to the code so a
/// missing table row shows up in review rather than as a panic.
pub fn message(code: &'static str) -> &'static str {
    MESSAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, m)| *m)
}
