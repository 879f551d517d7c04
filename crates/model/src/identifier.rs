//! Identifiers: passports, registry numbers, LEI, BIC, IMO, MMSI…, with the
//! check-digit rules that let screening treat an exact match as decisive.

use serde::{Deserialize, Serialize};

use crate::ModelError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    Passport,
    NationalId,
    TaxId,
    Vat,
    Inn,
    Ogrn,
    Kpp,
    Okpo,
    Kvk,
    Registration,
    Lei,
    Bic,
    Duns,
    Imo,
    Mmsi,
    CallSign,
    AircraftRegistration,
    CryptoAddress,
    Other,
}

/// FtM property for each kind. Several kinds share `registrationNumber`
/// because FtM has no KvK-specific property; reading FtM, the first kind
/// listed for a property wins, so `registrationNumber` reads as Registration.
const FTM_PROPERTIES: [(IdKind, &str); 19] = [
    (IdKind::Passport, "passportNumber"),
    (IdKind::NationalId, "idNumber"),
    (IdKind::TaxId, "taxNumber"),
    (IdKind::Vat, "vatCode"),
    (IdKind::Inn, "innCode"),
    (IdKind::Ogrn, "ogrnCode"),
    (IdKind::Kpp, "kppCode"),
    (IdKind::Okpo, "okpoCode"),
    (IdKind::Registration, "registrationNumber"),
    (IdKind::Kvk, "registrationNumber"),
    (IdKind::Lei, "leiCode"),
    (IdKind::Bic, "swiftBic"),
    (IdKind::Duns, "dunsCode"),
    (IdKind::Imo, "imoNumber"),
    (IdKind::Mmsi, "mmsi"),
    (IdKind::CallSign, "callSign"),
    (IdKind::AircraftRegistration, "registrationNumber"),
    (IdKind::CryptoAddress, "publicKey"),
    (IdKind::Other, "idNumber"),
];

impl IdKind {
    pub fn ftm_property(self) -> &'static str {
        FTM_PROPERTIES
            .iter()
            .find(|(kind, _)| *kind == self)
            .map(|(_, prop)| *prop)
            .unwrap_or("idNumber")
    }

    /// The kind an FtM property holds, if it is an identifier property.
    pub fn from_ftm_property(property: &str) -> Option<IdKind> {
        FTM_PROPERTIES
            .iter()
            .find(|(_, prop)| *prop == property)
            .map(|(kind, _)| *kind)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Passport => "passport",
            IdKind::NationalId => "national_id",
            IdKind::TaxId => "tax_id",
            IdKind::Vat => "vat",
            IdKind::Inn => "inn",
            IdKind::Ogrn => "ogrn",
            IdKind::Kpp => "kpp",
            IdKind::Okpo => "okpo",
            IdKind::Kvk => "kvk",
            IdKind::Registration => "registration",
            IdKind::Lei => "lei",
            IdKind::Bic => "bic",
            IdKind::Duns => "duns",
            IdKind::Imo => "imo",
            IdKind::Mmsi => "mmsi",
            IdKind::CallSign => "call_sign",
            IdKind::AircraftRegistration => "aircraft_registration",
            IdKind::CryptoAddress => "crypto_address",
            IdKind::Other => "other",
        }
    }
}

/// One identifier claimed for an entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdKind,
    /// As printed by the source.
    pub value: String,
    /// ISO 3166-1 alpha-2 of the issuing country, lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text such as "issued 2010, expired".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    pub fn new(kind: IdKind, value: impl Into<String>) -> Self {
        Identifier {
            kind,
            value: value.into().trim().to_string(),
            country: None,
            note: None,
        }
    }

    /// Canonical form used for exact matching: upper case, alphanumerics only,
    /// without a leading "IMO" on IMO numbers.
    pub fn normalized(&self) -> String {
        normalize_identifier(self.kind, &self.value)
    }

    /// Checks the value against the check-digit or format rule of its kind.
    /// Kinds without a rule are valid when non-empty.
    pub fn validate(&self) -> Result<(), ModelError> {
        let value = self.normalized();
        let fail = |reason: &'static str| ModelError::InvalidIdentifier {
            kind: self.kind.as_str(),
            value: self.value.clone(),
            reason,
        };
        if value.is_empty() {
            return Err(fail("empty"));
        }
        match self.kind {
            IdKind::Imo => validate_imo(&value).map_err(fail),
            IdKind::Lei => validate_lei(&value).map_err(fail),
            IdKind::Bic => validate_bic(&value).map_err(fail),
            IdKind::Mmsi => digits_of_len(&value, &[9]).map_err(fail),
            IdKind::Kvk => digits_of_len(&value, &[8]).map_err(fail),
            IdKind::Inn => validate_inn(&value).map_err(fail),
            IdKind::Ogrn => validate_ogrn(&value).map_err(fail),
            _ => Ok(()),
        }
    }
}

pub fn normalize_identifier(kind: IdKind, value: &str) -> String {
    let upper: String = value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    match kind {
        IdKind::Imo => upper.strip_prefix("IMO").unwrap_or(&upper).to_string(),
        IdKind::Mmsi => upper.strip_prefix("MMSI").unwrap_or(&upper).to_string(),
        _ => upper,
    }
}

fn digits_of_len(value: &str, lengths: &[usize]) -> Result<(), &'static str> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must contain only digits");
    }
    if !lengths.contains(&value.len()) {
        return Err("wrong number of digits");
    }
    Ok(())
}

/// IMO numbers: seven digits; the first six weighted 7..2 and summed give the
/// seventh as the last digit of the sum.
pub fn validate_imo(value: &str) -> Result<(), &'static str> {
    let digits = value.strip_prefix("IMO").unwrap_or(value);
    digits_of_len(digits, &[7])?;
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d[..6]
        .iter()
        .zip([7, 6, 5, 4, 3, 2])
        .map(|(a, w)| a * w)
        .sum();
    if sum % 10 == d[6] {
        Ok(())
    } else {
        Err("check digit does not match")
    }
}

/// ISO 17442: 20 alphanumerics, ISO 7064 MOD 97-10 over the whole code gives 1.
pub fn validate_lei(value: &str) -> Result<(), &'static str> {
    if value.len() != 20 || !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("must be 20 letters and digits");
    }
    if mod97(value) == Some(1) {
        Ok(())
    } else {
        Err("check digits do not match")
    }
}

/// ISO 7064 MOD 97-10 with letters as 10..35, shared with IBAN checks.
pub fn mod97(value: &str) -> Option<u32> {
    let mut remainder: u32 = 0;
    for c in value.chars() {
        let n = c.to_digit(36)?;
        remainder = if n < 10 {
            (remainder * 10 + n) % 97
        } else {
            (remainder * 100 + n) % 97
        };
    }
    Some(remainder)
}

/// ISO 9362: bank (4 letters), country (2 letters), location (2), branch (3, optional).
pub fn validate_bic(value: &str) -> Result<(), &'static str> {
    if value.len() != 8 && value.len() != 11 {
        return Err("must be 8 or 11 characters");
    }
    let bytes = value.as_bytes();
    if !bytes[..6].iter().all(u8::is_ascii_alphabetic) {
        return Err("bank and country code must be letters");
    }
    if !bytes[6..].iter().all(u8::is_ascii_alphanumeric) {
        return Err("location and branch must be letters or digits");
    }
    Ok(())
}

/// Russian taxpayer number: 10 digits (organisations) or 12 (individuals), with check digits.
pub fn validate_inn(value: &str) -> Result<(), &'static str> {
    digits_of_len(value, &[10, 12])?;
    let d: Vec<u32> = value.bytes().map(|b| u32::from(b - b'0')).collect();
    let check = |weights: &[u32]| -> u32 {
        weights.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() % 11 % 10
    };
    let ok = if d.len() == 10 {
        check(&[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9]
    } else {
        check(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
            && check(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
    };
    if ok {
        Ok(())
    } else {
        Err("check digit does not match")
    }
}

/// Russian state registration number: 13 digits (mod 11) or 15 (OGRNIP, mod 13).
pub fn validate_ogrn(value: &str) -> Result<(), &'static str> {
    digits_of_len(value, &[13, 15])?;
    let (body, check) = value.split_at(value.len() - 1);
    let body: u64 = body.parse().map_err(|_| "must contain only digits")?;
    let modulus = if value.len() == 13 { 11 } else { 13 };
    let expected = (body % modulus) % 10;
    if check.parse::<u64>().ok() == Some(expected) {
        Ok(())
    } else {
        Err("check digit does not match")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn imo_check_digit() {
        assert!(validate_imo("9074729").is_ok());
        assert!(validate_imo("9074728").is_err());
        assert!(validate_imo("907472").is_err());
        assert!(Identifier::new(IdKind::Imo, "IMO 9074729")
            .validate()
            .is_ok());
    }

    #[test]
    fn lei_bic_inn_ogrn() {
        assert!(validate_lei("5493001KJTIIGC8Y1R12").is_ok());
        assert!(validate_lei("5493001KJTIIGC8Y1R13").is_err());
        assert!(validate_bic("DEUTDEFF").is_ok());
        assert!(validate_bic("DEUTDEFF500").is_ok());
        assert!(validate_bic("DEU1DEFF").is_err());
        assert!(validate_inn("7707083893").is_ok());
        assert!(validate_inn("7707083894").is_err());
        assert!(validate_inn("183116181362").is_ok());
        assert!(validate_ogrn("1027700132195").is_ok());
        assert!(validate_ogrn("1027700132196").is_err());
    }

    #[test]
    fn registration_number_reads_as_generic_registration() {
        assert_eq!(
            IdKind::from_ftm_property("registrationNumber"),
            Some(IdKind::Registration)
        );
        assert_eq!(
            IdKind::from_ftm_property("idNumber"),
            Some(IdKind::NationalId)
        );
    }

    #[test]
    fn ftm_property_mapping_round_trips() {
        for (kind, prop) in FTM_PROPERTIES {
            let back = IdKind::from_ftm_property(prop).unwrap();
            assert_eq!(back.ftm_property(), kind.ftm_property());
        }
    }

    proptest! {
        #[test]
        fn imo_with_computed_check_digit_validates(body in 100000u32..999999) {
            let digits: Vec<u32> = body.to_string().bytes().map(|b| u32::from(b - b'0')).collect();
            let sum: u32 = digits.iter().zip([7, 6, 5, 4, 3, 2]).map(|(a, w)| a * w).sum();
            let imo = format!("{body}{}", sum % 10);
            prop_assert!(validate_imo(&imo).is_ok());
            let wrong = format!("{body}{}", (sum + 1) % 10);
            prop_assert!(validate_imo(&wrong).is_err());
        }

        #[test]
        fn validation_never_panics(kind_index in 0usize..19, value in "\\PC{0,30}") {
            let kind = FTM_PROPERTIES[kind_index].0;
            let _ = Identifier::new(kind, value).validate();
        }
    }
}
