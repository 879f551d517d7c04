//! The parallel decode path gives exactly the messages, errors (with their
//! line numbers) and counts of the sequential one, whatever the chunk size:
//! also when the fragments of a multi-sentence message, a `$PGHP` and its
//! sentence, or the members of a tag-block group fall in different chunks.

use meldpunt_fleet::ais::message::{Eta, StaticVoyageData};
use meldpunt_fleet::ais::sentence::checksum;
use meldpunt_fleet::ais::stream::{self, Mode};
use meldpunt_fleet::ais::{AisMessage, Decoder, Stats};
use meldpunt_fleet::nmea::{write_position, write_static};
use meldpunt_fleet::track::{Position, PositionSource};
use proptest::prelude::*;
use std::io::Read;

/// Messages, and errors as their text (which names the line).
type Outcome = (Vec<Result<AisMessage, String>>, Stats);

fn position(mmsi: u32, time: i64) -> Position {
    Position {
        mmsi,
        time,
        lat: 52.0 + f64::from(mmsi % 100) / 100.0,
        lon: 4.0,
        sog_knots: Some(11.5),
        cog: Some(90.0),
        heading: Some(91),
        source: PositionSource::Synthetic,
    }
}

fn static_data(mmsi: u32) -> StaticVoyageData {
    StaticVoyageData {
        repeat: 0,
        mmsi,
        ais_version: 0,
        imo: Some(9_074_729),
        call_sign: "PDAB".to_string(),
        name: format!("SHIP {mmsi}"),
        ship_type: 80,
        dimensions: Default::default(),
        epfd: 1,
        eta: Eta::default(),
        draught: Some(9.1),
        destination: "ROTTERDAM".to_string(),
        dte: false,
    }
}

fn sentence(body: &str) -> String {
    format!("!{body}*{:02X}", checksum(body))
}

fn tag(content: &str) -> String {
    format!("\\{content}*{:02X}\\", checksum(content))
}

/// One piece of a stream; `n` varies MMSIs, times and sequence ids.
fn piece(kind: u8, n: u32) -> Vec<u8> {
    let mut out = String::new();
    let time = 1_700_000_000 + i64::from(n);
    match kind {
        0 => write_position(&mut out, &position(244_000_000 + n, time), "rx"),
        1 => write_static(&mut out, &static_data(244_000_000 + n), time, "rx", n as u8),
        // The first fragment only: the second arrives later or never.
        2 | 3 => {
            write_static(&mut out, &static_data(245_000_000 + n), time, "rx", n as u8);
            let keep = if kind == 2 { 0 } else { 1 };
            out = out.lines().nth(keep).unwrap_or_default().to_string() + "\n";
        }
        // A group whose second member inherits source and time.
        4 => {
            write_static(&mut out, &static_data(246_000_000 + n), time, "rx", n as u8);
            let sentences: Vec<String> = out
                .lines()
                .filter_map(|l| l.rsplit_once('\\').map(|(_, s)| s.to_string()))
                .collect();
            let g = 1000 + n;
            out = format!(
                "{}{}\n{}{}\n",
                tag(&format!("g:1-2-{g},s:grp,c:{time}")),
                sentences[0],
                tag(&format!("g:2-2-{g}")),
                sentences[1],
            );
        }
        // A Gatehouse time for the sentence that follows it.
        5 => {
            let body = format!("PGHP,1,2024,3,1,0,{},{},0,244,0,,1,", n % 60, n % 60);
            out += &format!("${body}*{:02X}\n", checksum(&body));
            out += &sentence("AIVDM,1,1,,A,144m<LhpAsPDVG1P6Gt:W`PJ0000,0");
            out += "\r\n";
        }
        6 => out += "!AIVDM,1,1,,A,144m<LhpAsPDVG1P6Gt:W`PJ0000,0*57\n",
        7 => out += "# comment\n\n",
        8 => out += "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D\n",
        9 => return [b"!AIVDM,\xff\xfe,1\n".as_slice()].concat(),
        _ => out += &format!("{}\n", "x".repeat(4097 + n as usize % 3)),
    }
    out.into_bytes()
}

fn stream_of(pieces: &[(u8, u32)]) -> Vec<u8> {
    pieces.iter().flat_map(|&(k, n)| piece(k, n)).collect()
}

fn keep(
    outcome: &mut Vec<Result<AisMessage, String>>,
) -> impl FnMut(Result<AisMessage, meldpunt_fleet::DecodeError>) + '_ {
    |r| outcome.push(r.map_err(|e| e.to_string()))
}

/// The reference: one `decode_bytes` per line.
fn sequential(input: &[u8]) -> Outcome {
    let mut d = Decoder::new();
    let mut out = Vec::new();
    for line in stream::lines(input) {
        if let Some(r) = d.decode_bytes(line).transpose() {
            out.push(r.map_err(|e| e.to_string()));
        }
    }
    (out, d.finish())
}

fn buffer(input: &[u8], mode: Mode) -> Outcome {
    let mut d = Decoder::new();
    let mut out = Vec::new();
    stream::decode_buffer(&mut d, input, mode, keep(&mut out));
    (out, d.finish())
}

/// A reader that hands out at most `step` bytes per call, to cut lines
/// across reads as pipes do.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn reader(input: &[u8], mode: Mode, step: usize) -> Outcome {
    let mut d = Decoder::new();
    let mut out = Vec::new();
    let trickle = Trickle { data: input, step };
    stream::decode_reader(&mut d, trickle, mode, keep(&mut out)).unwrap();
    (out, d.finish())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parallel_equals_sequential(
        pieces in proptest::collection::vec((0u8..=10, 0u32..50), 1..60),
        chunk in 1usize..400,
        step in 1usize..300,
    ) {
        let input = stream_of(&pieces);
        let expected = sequential(&input);
        let parallel = Mode::Parallel { chunk_bytes: chunk };
        prop_assert_eq!(&buffer(&input, parallel), &expected);
        prop_assert_eq!(&buffer(&input, Mode::Sequential), &expected);
        prop_assert_eq!(&reader(&input, parallel, step), &expected);
        prop_assert_eq!(&reader(&input, Mode::Sequential, step), &expected);
    }
}

#[test]
fn fragments_split_across_a_chunk_border_are_joined() {
    let input = stream_of(&[(0, 1), (1, 2), (0, 3)]);
    let text = std::str::from_utf8(&input).unwrap();
    // Cut right after the first fragment of the type 5 message.
    let first_fragment_end = text.lines().take(2).map(|l| l.len() + 1).sum::<usize>();
    let chunks = stream::chunks(&input, first_fragment_end);
    assert_eq!(chunks[0].len(), first_fragment_end);
    assert!(std::str::from_utf8(chunks[1])
        .unwrap()
        .contains("AIVDM,2,2,"));

    let (messages, stats) = buffer(
        &input,
        Mode::Parallel {
            chunk_bytes: first_fragment_end,
        },
    );
    assert_eq!((messages.clone(), stats), sequential(&input));
    let kinds: Vec<u8> = messages
        .iter()
        .map(|m| m.as_ref().unwrap().message.msg_type())
        .collect();
    assert_eq!(kinds, [1, 5, 1]);
    assert_eq!(stats.incomplete_dropped, 0);
}

#[test]
fn errors_keep_their_line_numbers_in_parallel() {
    let input = stream_of(&[(0, 1), (6, 0), (9, 0), (0, 2), (10, 0), (0, 3)]);
    let (messages, stats) = reader(&input, Mode::Parallel { chunk_bytes: 50 }, 64);
    let errors: Vec<&String> = messages.iter().filter_map(|m| m.as_ref().err()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("line 2: bad checksum"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("line 3: not an NMEA"),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with("line 5: line of 4097 bytes"),
        "{}",
        errors[2]
    );
    assert_eq!((stats.lines, stats.messages, stats.errors), (6, 3, 3));
}

/// The generated pieces really depend on stream state, so the comparison
/// above is not between two streams of independent lines.
#[test]
fn pieces_carry_state_across_lines() {
    let input = stream_of(&[(4, 7), (5, 30)]);
    let (messages, stats) = buffer(&input, Mode::Parallel { chunk_bytes: 1 });
    let messages: Vec<AisMessage> = messages.into_iter().map(Result::unwrap).collect();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].message.msg_type(), 5);
    assert_eq!(messages[0].source.as_deref(), Some("grp"));
    assert_eq!(messages[0].received_at, Some(1_700_000_007));
    // 2024-03-01 00:30:30 UTC, from the $PGHP line.
    assert_eq!(messages[1].received_at, Some(1_709_253_030));
    assert_eq!(stats.ais_sentences, 3);
}
