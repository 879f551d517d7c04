#![no_main]
//! The name normaliser and pairwise scoring on arbitrary text: they return
//! tokens, a score in [0, 1] or an error, and never panic.

use libfuzzer_sys::fuzz_target;
use meldpunt_model::Schema;
use meldpunt_screening::{normalize_name, score, skeleton, transliterate, NameClass, PreparedEntity, ScoringConfig};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for class in [NameClass::Person, NameClass::Organization, NameClass::Vessel, NameClass::Unknown] {
        let _ = normalize_name(&text, class);
    }
    let _ = transliterate(&text);
    let _ = skeleton(&text);
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle -= 1;
    }
    let (left, right) = text.split_at(middle);
    let query = PreparedEntity::from_name("q", Schema::Person, left);
    let candidate = PreparedEntity::from_name("c", Schema::Person, right);
    let result = score(&query, &candidate, &ScoringConfig::default());
    assert!((0.0..=1.0).contains(&result.score));
});
