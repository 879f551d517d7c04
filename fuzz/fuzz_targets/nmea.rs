#![no_main]
//! Feeds arbitrary bytes, split into lines, to the AIS NMEA decoder: every
//! line must yield a message, nothing, or an error, never a panic or hang.

use libfuzzer_sys::fuzz_target;
use meldpunt_fleet::ais::Decoder;

fuzz_target!(|data: &[u8]| {
    let mut decoder = Decoder::with_limits(4, 8);
    for line in data.split(|&b| b == b'\n') {
        let _ = decoder.decode_bytes(line);
    }
    let _ = decoder.finish();
});
