//! IBAN checks per ISO 13616.

use meldpunt_model::mod97;

/// Lengths for the countries Dutch reporters meet most; others get the
/// generic 15..=34 bound.
#[rustfmt::skip]
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24), ("AE", 23), ("AT", 20), ("AZ", 28), ("BE", 16), ("BG", 22),
    ("BH", 22), ("CH", 21), ("CY", 28), ("CZ", 24), ("DE", 22), ("DK", 18),
    ("EE", 20), ("ES", 24), ("FI", 18), ("FR", 27), ("GB", 22), ("GE", 22),
    ("GI", 23), ("GR", 27), ("HR", 21), ("HU", 28), ("IE", 22), ("IL", 23),
    ("IS", 26), ("IT", 27), ("KZ", 20), ("LI", 21), ("LT", 20), ("LU", 20),
    ("LV", 21), ("MC", 27), ("MT", 31), ("NL", 18), ("NO", 15), ("PL", 28),
    ("PT", 25), ("QA", 29), ("RO", 24), ("RS", 22), ("RU", 33), ("SA", 24),
    ("SE", 24), ("SI", 19), ("SK", 24), ("SM", 27), ("TR", 26), ("UA", 29),
    ("VA", 22),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("not two letters, two digits and letters or digits")]
    Format,
    #[error("wrong length for the country")]
    Length,
    #[error("check digits do not match")]
    Checksum,
}

impl IbanError {
    pub fn code(self) -> &'static str {
        match self {
            IbanError::Format => "iban_format",
            IbanError::Length => "iban_length",
            IbanError::Checksum => "iban_checksum",
        }
    }
}

pub fn expected_length(country: &str) -> Option<usize> {
    LENGTHS.iter().find(|(c, _)| *c == country).map(|(_, n)| *n)
}

pub fn countries() -> impl Iterator<Item = (&'static str, usize)> {
    LENGTHS.iter().copied()
}

/// Spaces are allowed (the paper form groups by four); case is not significant.
pub fn validate_iban(text: &str) -> Result<(), IbanError> {
    let iban: String = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = iban.as_bytes();
    let well_formed = bytes.len() >= 5
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
    if !well_formed {
        return Err(IbanError::Format);
    }
    let length_ok = match expected_length(&iban[..2]) {
        Some(n) => iban.len() == n,
        None => (15..=34).contains(&iban.len()),
    };
    if !length_ok {
        return Err(IbanError::Length);
    }
    let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
    if mod97(&rearranged) == Some(1) {
        Ok(())
    } else {
        Err(IbanError::Checksum)
    }
}

/// Check digits that make `country` + digits + `bban` valid; used by tests
/// and by tools that generate sample data.
pub fn check_digits(country: &str, bban: &str) -> Option<u32> {
    mod97(&format!("{bban}{country}00")).map(|r| 98 - r)
}
