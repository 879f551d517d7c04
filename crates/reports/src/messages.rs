//! Every issue code with its English message, in one table, and its Dutch
//! one in [`DUTCH`] (same codes, same order), so rules only ever name codes.
//! Messages built with values (an issue's detail, the desk's screening and
//! deadline notices) are translated by [`localise`].

mod localise;
mod nl;

pub use localise::{localise, TEMPLATES};
pub use nl::DUTCH;

/// The languages messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    /// The language an `Accept-Language` header (RFC 9110 §12.5.4) prefers
    /// among ours: highest weight wins, the earlier one on a tie, `q=0`
    /// refuses; English when the header names neither.
    pub fn from_accept_language(header: &str) -> Language {
        let mut best: Option<(Language, u16)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let primary = tag.split('-').next().unwrap_or_default();
            let Some(language) = Language::ALL
                .into_iter()
                .find(|l| l.code().eq_ignore_ascii_case(primary))
            else {
                continue;
            };
            let weight = parts.find_map(weight_of).unwrap_or(1000);
            if weight > 0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((language, weight));
            }
        }
        best.map_or(Language::En, |(language, _)| language)
    }
}

/// `q=0.8` as thousandths; None for a parameter that is not a weight.
fn weight_of(parameter: &str) -> Option<u16> {
    let (key, value) = parameter.trim().split_once('=')?;
    if !key.trim().eq_ignore_ascii_case("q") {
        return None;
    }
    let value: f32 = value.trim().parse().ok()?;
    // Clamped to 0..=1 first, so the cast cannot truncate.
    Some((value.clamp(0.0, 1.0) * 1000.0).round() as u16)
}

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
    message_in(code, Language::En)
}

/// The message for a code in `language`; the code itself when unknown.
pub fn message_in(code: &'static str, language: Language) -> &'static str {
    lookup(code, language).unwrap_or(code)
}

/// The message for a code known only at run time (e.g. read back from a
/// stored acknowledgement).
pub fn lookup(code: &str, language: Language) -> Option<&'static str> {
    let table = match language {
        Language::En => MESSAGES,
        Language::Nl => DUTCH,
    };
    table.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that show an English sentence left in the Dutch column.
    const ENGLISH_WORDS: &[&str] = &[
        "the", "must", "this", "field", "not", "and", "with", "should", "needs", "report", "a",
        "an", "than", "be", "only", "at",
    ];

    /// The words of a sentence, leaving out codes such as `urn:meldpunt:report:1`.
    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split_whitespace()
            .filter(|token| !token.contains(':'))
            .flat_map(|token| token.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    }

    #[test]
    fn every_code_has_both_texts_in_the_same_order() {
        assert_eq!(MESSAGES.len(), DUTCH.len());
        for ((code, english), (nl_code, dutch)) in MESSAGES.iter().zip(DUTCH) {
            assert_eq!(code, nl_code, "the Dutch table is out of step");
            assert!(
                !english.trim().is_empty() && !dutch.trim().is_empty(),
                "{code}"
            );
            assert_eq!(message_in(code, Language::En), *english);
            assert_eq!(message_in(code, Language::Nl), *dutch);
        }
    }

    #[test]
    fn no_english_is_left_in_the_dutch_column() {
        let templates = TEMPLATES.iter().map(|(c, en, nl)| (*c, *en, *nl));
        let table = MESSAGES
            .iter()
            .zip(DUTCH)
            .map(|((c, en), (_, nl))| (*c, *en, *nl));
        for (code, english, dutch) in table.chain(templates) {
            assert_ne!(english, dutch, "{code}: Dutch identical to English");
            let leftover: Vec<String> = words(dutch)
                .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
                .collect();
            assert!(
                leftover.is_empty(),
                "{code}: English words {leftover:?} in {dutch:?}"
            );
            assert!(
                dutch.ends_with('.'),
                "{code}: a Dutch sentence ends with a full stop"
            );
        }
    }

    /// Legal and technical references (ISO numbers, RFCs, limits, formats)
    /// must read the same in both languages.
    #[test]
    fn references_and_numbers_are_kept_exactly() {
        for ((code, english), (_, dutch)) in MESSAGES.iter().zip(DUTCH) {
            let tokens = |text: &'static str| -> Vec<String> {
                text.split(|c: char| c.is_whitespace() || "(),;:".contains(c))
                    .map(|t| t.trim_end_matches('.'))
                    .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
                    // Dutch groups thousands with a point.
                    .map(|t| t.replace([',', '.'], ""))
                    .collect()
            };
            let english_refs = tokens(english);
            let dutch_refs = tokens(dutch);
            for reference in &english_refs {
                assert!(
                    dutch_refs.iter().any(|d| d.contains(reference.as_str())),
                    "{code}: {reference} missing from {dutch:?}"
                );
            }
        }
    }

    #[test]
    fn accept_language_picks_the_preferred_of_ours() {
        let cases = [
            ("nl", Language::Nl),
            ("nl-NL,nl;q=0.9,en;q=0.8", Language::Nl),
            ("NL-be", Language::Nl),
            ("en-GB,en;q=0.9,nl;q=0.8", Language::En),
            ("de-DE, nl;q=0.5", Language::Nl),
            ("en;q=0.4, nl;q=0.6", Language::Nl),
            ("nl;q=0, en", Language::En),
            ("nl;q=0", Language::En),
            ("fr, de", Language::En),
            ("", Language::En),
            ("nl;q=abc", Language::Nl),
            ("*", Language::En),
        ];
        for (header, expected) in cases {
            assert_eq!(
                Language::from_accept_language(header),
                expected,
                "{header:?}"
            );
        }
    }
}
