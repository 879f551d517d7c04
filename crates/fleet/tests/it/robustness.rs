//! The decoder must return a value or an error for any input, never panic;
//! armouring round-trips.

use meldpunt_fleet::ais::armour::{armour, dearmour};
use meldpunt_fleet::ais::Decoder;
use proptest::prelude::*;

proptest! {
    #[test]
    fn arbitrary_lines_never_panic(lines in proptest::collection::vec(".{0,200}", 1..20)) {
        let mut d = Decoder::with_limits(4, 8);
        for line in &lines {
            let _ = d.decode_line(line);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut d = Decoder::new();
        for line in bytes.split(|&b| b == b'\n') {
            let _ = d.decode_bytes(line);
        }
    }

    #[test]
    fn sentence_shaped_lines_never_panic(
        count in 0u8..10, number in 0u8..10, payload in "[0-W`-w]{0,90}", fill in 0u8..8,
        tag in "(\\\\[a-z]:[0-9a-z-]{0,12}\\*[0-9A-F]{1,2}\\\\)?",
    ) {
        let body = format!("AIVDM,{count},{number},1,A,{payload},{fill}");
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        let mut d = Decoder::with_limits(2, 4);
        let _ = d.decode_line(&format!("{tag}!{body}*{sum:02X}"));
    }

    #[test]
    fn armour_round_trips(bits in proptest::collection::vec(any::<bool>(), 1..1000)) {
        let (payload, fill) = armour(&bits);
        prop_assert_eq!(dearmour(&payload, fill).unwrap(), bits);
    }
}
