//! NMEA 0183 encoding of positions (type 1) and static data (type 5), each
//! sentence behind a tag block with the receiver time: the inverse of
//! [`crate::ais::Decoder`], so generated scenarios can be decoded back and
//! the decoder benchmarked on realistic streams.

use crate::ais::bits::BitWriter;
use crate::ais::message::StaticVoyageData;
use crate::ais::sentence::checksum;
use crate::track::Position;
use std::fmt::Write;

/// Longest payload per sentence, as transmitters split type 5.
const CHARS_PER_SENTENCE: usize = 60;

/// Appends a type 1 position report for `p`, with a tag block naming
/// `source` and the time, and a line feed.
pub fn write_position(out: &mut String, p: &Position, source: &str) {
    let mut w = BitWriter::new();
    let sog = p.sog_knots.map_or(1023, |v| {
        (f64::from(v) * 10.0).round().clamp(0.0, 1022.0) as i64
    });
    let cog = p.cog.map_or(3600, |v| {
        (f64::from(v) * 10.0).round().rem_euclid(3600.0) as i64
    });
    w.push(1, 6).push(0, 2).push(i64::from(p.mmsi), 30);
    w.push(0, 4).push(-128, 8).push(sog, 10).push(1, 1);
    w.push((p.lon * 600_000.0).round() as i64, 28)
        .push((p.lat * 600_000.0).round() as i64, 27);
    w.push(cog, 12)
        .push(p.heading.map_or(511, i64::from), 9)
        .push(p.time.rem_euclid(60), 6)
        .push(0, 2)
        .push(0, 3)
        .push(0, 1)
        .push(0, 19);
    write_sentences(out, &w, p.time, source, None);
}

/// Appends a type 5 static and voyage report (two sentences sharing the
/// sequence id `seq`, 0–9).
pub fn write_static(out: &mut String, s: &StaticVoyageData, time: i64, source: &str, seq: u8) {
    let mut w = BitWriter::new();
    w.push(5, 6)
        .push(0, 2)
        .push(i64::from(s.mmsi), 30)
        .push(i64::from(s.ais_version), 2)
        .push(i64::from(s.imo.unwrap_or(0)), 30);
    w.text(&s.call_sign, 7)
        .text(&s.name, 20)
        .push(i64::from(s.ship_type), 8);
    let d = &s.dimensions;
    w.push(i64::from(d.to_bow), 9)
        .push(i64::from(d.to_stern), 9)
        .push(i64::from(d.to_port), 6)
        .push(i64::from(d.to_starboard), 6)
        .push(i64::from(s.epfd), 4);
    w.push(i64::from(s.eta.month.unwrap_or(0)), 4)
        .push(i64::from(s.eta.day.unwrap_or(0)), 5)
        .push(i64::from(s.eta.hour.unwrap_or(24)), 5)
        .push(i64::from(s.eta.minute.unwrap_or(60)), 6);
    let draught = s
        .draught
        .map_or(0, |d| (d * 10.0).round().clamp(0.0, 255.0) as i64);
    w.push(draught, 8)
        .text(&s.destination, 20)
        .push(i64::from(s.dte), 1)
        .push(0, 1);
    write_sentences(out, &w, time, source, Some(seq % 10));
}

fn write_sentences(out: &mut String, w: &BitWriter, time: i64, source: &str, seq: Option<u8>) {
    let (payload, fill) = w.armour();
    let chunks: Vec<&str> = payload
        .as_bytes()
        .chunks(CHARS_PER_SENTENCE)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let count = chunks.len();
    let seq = seq.map(|s| s.to_string()).unwrap_or_default();
    let tag = format!("s:{source},c:{time}");
    let tag_sum = checksum(&tag);
    for (i, chunk) in chunks.iter().enumerate() {
        let fill = if i + 1 == count { fill } else { 0 };
        let body = format!("AIVDM,{count},{},{seq},A,{chunk},{fill}", i + 1);
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "\\{tag}*{tag_sum:02X}\\!{body}*{:02X}",
            checksum(&body)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ais::message::{Dimensions, Eta, Message};
    use crate::ais::Decoder;
    use crate::track::PositionSource;

    #[test]
    fn position_round_trips_through_the_decoder() {
        let p = Position {
            mmsi: 273_123_456,
            time: 1_700_000_123,
            lat: 59.6789,
            lon: -179.99,
            sog_knots: Some(12.3),
            cog: Some(271.5),
            heading: Some(270),
            source: PositionSource::Synthetic,
        };
        let mut out = String::new();
        write_position(&mut out, &p, "test");
        let mut decoder = Decoder::new();
        let messages: Vec<_> = decoder.decode_text(&out).collect::<Result<_, _>>().unwrap();
        let back = Position::from_ais(&messages[0]).unwrap();
        assert_eq!(back.time, p.time);
        assert_eq!(back.mmsi, p.mmsi);
        assert!((back.lat - p.lat).abs() < 1e-5 && (back.lon - p.lon).abs() < 1e-5);
        assert_eq!(back.sog_knots, Some(12.3));
        assert_eq!(back.heading, Some(270));
    }

    #[test]
    fn static_data_round_trips_in_two_sentences() {
        let s = StaticVoyageData {
            repeat: 0,
            mmsi: 273_123_456,
            ais_version: 0,
            imo: Some(9_074_729),
            call_sign: "UBCD7".to_string(),
            name: "VOLGA STAR".to_string(),
            ship_type: 80,
            dimensions: Dimensions {
                to_bow: 150,
                to_stern: 100,
                to_port: 20,
                to_starboard: 24,
            },
            epfd: 1,
            eta: Eta::default(),
            draught: Some(14.2),
            destination: "PORT SAID".to_string(),
            dte: false,
        };
        let mut out = String::new();
        write_static(&mut out, &s, 1_700_000_000, "test", 3);
        assert_eq!(out.lines().count(), 2);
        let mut decoder = Decoder::new();
        let messages: Vec<_> = decoder.decode_text(&out).collect::<Result<_, _>>().unwrap();
        let Message::StaticVoyage(back) = &messages[0].message else {
            panic!("{messages:?}");
        };
        assert_eq!(back.imo, Some(9_074_729));
        assert_eq!(back.name, "VOLGA STAR");
        assert_eq!(back.destination, "PORT SAID");
        assert_eq!(messages[0].received_at, Some(1_700_000_000));
    }
}
