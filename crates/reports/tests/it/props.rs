//! Properties: validation never panics, and computed IBANs pass.

use meldpunt_reports::iban::{check_digits, countries, validate_iban};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        // Field names and values the model knows, so the search gets past the top level.
        prop::sample::select(vec![
            "envelope",
            "report_type",
            "CONFIRMED_HIT",
            "WHISTLEBLOWER",
            "detected_at",
            "narrative",
            "reason",
            "subjects",
            "assets",
            "iban",
            "2026-01-01T00:00:00Z",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "envelope",
                    "report_type",
                    "detected_at",
                    "narrative",
                    "reason",
                    "subjects",
                    "assets",
                    "transactions",
                    "goods",
                    "vessel_events",
                    "x",
                ]),
                inner,
                0..6,
            )
            .prop_map(|m| {
                Value::Object(
                    m.into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

proptest! {
    #[test]
    fn validate_never_panics(json in arb_json()) {
        let _ = meldpunt_reports::validate(&json).status();
    }

    #[test]
    fn validate_never_panics_on_mutated_fixture(value in arb_json(), field in 0usize..5) {
        let text = include_str!("../fixtures/confirmed_hit.json");
        let mut report: Value = serde_json::from_str(text).unwrap_or_default();
        let pointer = ["/envelope", "/subjects/0", "/assets/0", "/envelope/reporter", "/subjects/0/list_match"][field];
        if let Some(slot) = report.pointer_mut(pointer) {
            *slot = value;
        }
        let _ = meldpunt_reports::validate(&report).status();
    }

    #[test]
    fn computed_ibans_are_accepted(
        index in 0usize..49,
        digits in prop::collection::vec(0u8..10, 30),
    ) {
        let table: Vec<(&str, usize)> = countries().collect();
        let (country, length) = table[index % table.len()];
        let bban: String = digits[..length - 4].iter().map(|d| char::from(b'0' + d)).collect();
        let check = check_digits(country, &bban).unwrap_or(0);
        let iban = format!("{country}{check:02}{bban}");
        prop_assert_eq!(validate_iban(&iban), Ok(()), "{}", iban);
    }

    #[test]
    fn single_digit_changes_are_caught(digits in prop::collection::vec(0u8..10, 14), pos in 0usize..14, bump in 1u8..10) {
        let bban: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let check = check_digits("NL", &format!("ABNA{}", &bban[..10])).unwrap_or(0);
        let valid = format!("NL{check:02}ABNA{}", &bban[..10]);
        prop_assert_eq!(validate_iban(&valid), Ok(()));
        let mut bytes = valid.into_bytes();
        let i = 8 + pos % 10;
        bytes[i] = b'0' + (bytes[i] - b'0' + bump) % 10;
        let broken = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(validate_iban(&broken).is_err(), "{}", broken);
    }
}
