#![no_main]
//! Date and identifier parsing on arbitrary text: never panics.

use libfuzzer_sys::fuzz_target;
use meldpunt_model::{country_code, DateSpec, IdKind, Identifier};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = DateSpec::parse(&text);
    let _ = country_code(&text);
    for kind in [IdKind::Imo, IdKind::Lei, IdKind::Bic, IdKind::Inn, IdKind::Ogrn, IdKind::Mmsi] {
        let _ = Identifier::new(kind, text.as_ref()).validate();
    }
});
