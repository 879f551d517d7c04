//! Field-level checks shared by the rules; each pushes at most one issue.

use chrono::{DateTime, FixedOffset, NaiveDate};
use meldpunt_model::{validate_imo, IdKind, Identifier};

use crate::currency::is_known_currency;
use crate::iban::validate_iban;
use crate::issue::Sink;

pub const MAX_TEXT_BYTES: usize = 64 * 1024;
pub const MAX_NAME_CHARS: usize = 1_000;
pub const MAX_ITEMS: usize = 1_000;
/// Largest attachment a report may announce (25 MiB): documents, not data
/// dumps; bulk data goes through the CSV channel.
pub const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;

pub fn iban(sink: &mut Sink, pointer: &str, value: &str) {
    if let Err(err) = validate_iban(value) {
        sink.error(pointer, err.code());
    }
}

pub fn currency(sink: &mut Sink, pointer: &str, value: &str) {
    if !is_known_currency(value) {
        sink.error(pointer, "currency_unknown");
    }
}

/// ISO alpha-2 only: names ("Netherlands") are ambiguous across languages.
pub fn country(sink: &mut Sink, pointer: &str, value: &str) {
    let alpha2 = value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic());
    let known = alpha2
        && meldpunt_model::country_code(value).is_some_and(|c| c == value.to_ascii_lowercase());
    if !known {
        sink.error(pointer, "country_unknown");
    }
}

pub fn date(sink: &mut Sink, pointer: &str, value: &str) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    if parsed.is_none() {
        sink.error(pointer, "date_format");
    }
    parsed
}

pub fn datetime(sink: &mut Sink, pointer: &str, value: &str) -> Option<DateTime<FixedOffset>> {
    let parsed = DateTime::parse_from_rfc3339(value).ok();
    if parsed.is_none() {
        sink.error(pointer, "datetime_format");
    }
    parsed
}

pub fn non_negative(sink: &mut Sink, pointer: &str, value: f64) {
    // NaN cannot arrive through JSON, but `!(x >= 0)` would also catch it.
    if value < 0.0 {
        sink.error(pointer, "value_negative");
    }
}

pub fn name(sink: &mut Sink, pointer: &str, value: &str) {
    if value.trim().is_empty() {
        sink.error(pointer, "name_empty");
    } else if value.chars().count() > MAX_NAME_CHARS {
        sink.error(pointer, "name_too_long");
    }
}

pub fn text(sink: &mut Sink, pointer: &str, value: &str) {
    if value.len() > MAX_TEXT_BYTES {
        sink.error(pointer, "narrative_too_long");
    }
}

/// Returns false when the list is over the limit, so callers can skip
/// checking its items.
pub fn count<T>(sink: &mut Sink, pointer: &str, items: &[T]) -> bool {
    let ok = items.len() <= MAX_ITEMS;
    if !ok {
        sink.error(pointer, "too_many_items");
    }
    ok
}

/// Identifier rules from the model, with a code per kind so clients can tell
/// an IMO typo from an LEI typo.
pub fn identifier(sink: &mut Sink, pointer: &str, kind: IdKind, value: &str) {
    if Identifier::new(kind, value).validate().is_ok() {
        return;
    }
    let code = match kind {
        IdKind::Imo => "imo_check_digit",
        IdKind::Mmsi => "mmsi_format",
        IdKind::Lei => "lei_checksum",
        IdKind::Kvk => "kvk_format",
        IdKind::Bic => "bic_format",
        _ => "identifier_invalid",
    };
    sink.error(pointer, code);
}

pub fn imo(sink: &mut Sink, pointer: &str, value: &str) {
    let normalized = meldpunt_model::normalize_identifier(IdKind::Imo, value);
    if validate_imo(&normalized).is_err() {
        sink.error(pointer, "imo_check_digit");
    }
}

pub fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == lengths.len()
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}
