//! The pyais sample streams decode; their deliberately invalid lines are
//! reported as errors (listed in the test output), never panicked on.

use meldpunt_fleet::ais::Decoder;
use meldpunt_fleet::DecodeError;

/// Decodes a shared pyais file; returns (messages, errors, stats line).
fn decode(name: &str) -> Option<(usize, Vec<DecodeError>, Decoder)> {
    let path = meldpunt_testkit::shared_file(&format!("ais/pyais/{name}"))?;
    let text = std::fs::read_to_string(path).expect("readable shared file");
    let mut decoder = Decoder::new();
    let (mut messages, mut errors) = (0, Vec::new());
    for line in text.lines() {
        match decoder.decode_line(line) {
            Ok(Some(_)) => messages += 1,
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    eprintln!(
        "{name}: {messages} messages, {} invalid lines, {:?}",
        errors.len(),
        decoder.stats()
    );
    for e in &errors {
        eprintln!("  invalid: {e}");
    }
    Some((messages, errors, decoder))
}

/// (file, messages, invalid lines), checked by hand against the files.
/// The invalid lines: nmea_data_sample.txt has 100 `!AIVDM,1,1,,X,,0*hh`
/// sentences with an empty payload; mixed.txt and sample.ais have `foobar`
/// / `IamNotAnAisMessage1111`, tag blocks whose checksum is the single
/// digit `*A` (or `*5A` for content that sums to 38), and a `$PGHP` for
/// 2009 that kept the checksum of the 2008 one (also in timestamped.ais and
/// gatehouse.nmea).
const EXPECTED: &[(&str, usize, usize)] = &[
    ("nmea_data_sample.txt", 778, 100),
    ("messages.ais", 6, 0),
    ("mixed.txt", 10, 6),
    ("sample.ais", 9, 6),
    ("timestamped.ais", 4, 1),
    ("gatehouse.nmea", 4, 1),
    ("ais_test_messages", 7, 0),
];

#[test]
fn pyais_streams_decode_and_report_invalid_lines() {
    let mut mismatches = Vec::new();
    for &(name, messages, invalid) in EXPECTED {
        let Some((got, errors, _)) = decode(name) else {
            return;
        };
        if (got, errors.len()) != (messages, invalid) {
            mismatches.push(format!(
                "{name}: got {got} messages, {} invalid",
                errors.len()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn nmea_data_sample_invalid_lines_are_empty_payloads_and_orphans_are_counted() {
    let Some((_, errors, mut decoder)) = decode("nmea_data_sample.txt") else {
        return;
    };
    assert!(errors
        .iter()
        .all(|e| matches!(e, DecodeError::EmptyPayload { .. })));
    decoder.finish();
    // 20 first fragments of type 5 messages whose second sentence is not in
    // the file.
    assert_eq!(decoder.stats().incomplete_dropped, 20);
}

fn messages(name: &str) -> Option<Vec<meldpunt_fleet::ais::AisMessage>> {
    let path = meldpunt_testkit::shared_file(&format!("ais/pyais/{name}"))?;
    let text = std::fs::read_to_string(path).expect("readable shared file");
    Some(
        Decoder::new()
            .decode_text(&text)
            .filter_map(Result::ok)
            .collect(),
    )
}

#[test]
fn gatehouse_time_applies_to_the_next_sentence_only() {
    let Some(all) = messages("timestamped.ais") else {
        return;
    };
    // $PGHP,1,2008,5,9,0,0,0,10,… = 2008-05-09T00:00:00.010Z
    assert_eq!(all[0].received_at, Some(1_210_291_200));
    assert_eq!(all[1].received_at, None);
}

#[test]
fn tag_block_group_members_share_source_and_time() {
    let Some(all) = messages("mixed.txt") else {
        return;
    };
    let five = all
        .iter()
        .find(|m| m.message.msg_type() == 5 && m.source.is_some())
        .expect("grouped type 5");
    assert_eq!(five.source.as_deref(), Some("b003669710"));
    assert_eq!(five.received_at, Some(1_428_621_738));
}
