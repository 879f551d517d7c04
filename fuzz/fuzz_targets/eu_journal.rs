#![no_main]
//! Feeds arbitrary bytes to the EuJournal reader: it must return entities or an
//! error, never panic or hang.

use libfuzzer_sys::fuzz_target;
use meldpunt_sources::{read_input, Format, ReadOptions, SourceInput};

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("32014R0833.csv");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let input = SourceInput { format: Format::EuJournal, files: vec![path], default_name: "fuzz".into() };
    let options = ReadOptions::default();
    let _ = read_input(&input, &options, &mut |_record| Ok(()));
});
