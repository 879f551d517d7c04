#![no_main]
//! The customer-file reader of `meldpunt screen` (CSV or FtM JSON lines) on
//! arbitrary bytes: rows, row errors or a file error, never a panic.

use libfuzzer_sys::fuzz_target;
use meldpunt_screening::query_file::read_queries_from;

fuzz_target!(|data: &[u8]| {
    let _ = read_queries_from(data, std::path::Path::new("fuzz.csv"));
});
