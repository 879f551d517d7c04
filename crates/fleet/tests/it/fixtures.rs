//! Hand-made sentences: known values encoded with this crate's
//! `BitWriter`, wrapped into sentences here, kept in
//! `fixtures/encoded.nmea` (rewrite it with `UPDATE_FIXTURES=1`), and
//! decoded back.

use meldpunt_fleet::ais::bits::BitWriter;
use meldpunt_fleet::ais::message::{Message, RateOfTurn, StaticDataReport};
use meldpunt_fleet::ais::sentence::checksum;
use meldpunt_fleet::ais::{AisMessage, Decoder};
use meldpunt_fleet::DecodeError;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encoded.nmea");

/// Wraps a payload into `!AIVDM` sentences of at most 60 characters.
fn sentences(w: &BitWriter, seq: Option<u8>, channel: char) -> Vec<String> {
    let (payload, fill) = w.armour();
    let chunks: Vec<&str> = payload
        .as_bytes()
        .chunks(60)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let seq = seq.map(|s| s.to_string()).unwrap_or_default();
    let count = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let fill = if i + 1 == count { fill } else { 0 };
            let body = format!("AIVDM,{count},{},{seq},{channel},{chunk},{fill}", i + 1);
            format!("!{body}*{:02X}", checksum(&body))
        })
        .collect()
}

fn tag(content: &str) -> String {
    format!("\\{content}*{:02X}\\", checksum(content))
}

fn type1() -> BitWriter {
    let mut w = BitWriter::new();
    w.push(1, 6)
        .push(0, 2)
        .push(273_501_299, 30)
        .push(0, 4)
        .push(-31, 8)
        .push(123, 10)
        .push(1, 1);
    w.push((4.5 * 600_000.0) as i64, 28)
        .push((-(55.75 * 600_000.0)) as i64, 27);
    w.push(2718, 12)
        .push(272, 9)
        .push(13, 6)
        .push(0, 2)
        .push(0, 3)
        .push(0, 1)
        .push(0, 19);
    w
}

fn type5() -> BitWriter {
    let mut w = BitWriter::new();
    w.push(5, 6)
        .push(0, 2)
        .push(636_021_061, 30)
        .push(0, 2)
        .push(9_307_839, 30);
    w.text("5LCB4", 7).text("MSC NAISHA III", 20).push(70, 8);
    w.push(150, 9)
        .push(58, 9)
        .push(15, 6)
        .push(15, 6)
        .push(1, 4);
    w.push(1, 4)
        .push(12, 5)
        .push(6, 5)
        .push(30, 6)
        .push(80, 8)
        .text("USMIA", 20)
        .push(0, 1)
        .push(0, 1);
    w
}

fn type19() -> BitWriter {
    let mut w = BitWriter::new();
    w.push(19, 6)
        .push(0, 2)
        .push(367_752_440, 30)
        .push(0, 8)
        .push(1023, 10)
        .push(0, 1);
    w.push(108_600_000, 28)
        .push(54_600_000, 27)
        .push(3600, 12)
        .push(511, 9)
        .push(60, 6)
        .push(0, 4);
    w.text("SAN JOSE", 20)
        .push(31, 8)
        .push(10, 9)
        .push(8, 9)
        .push(3, 6)
        .push(3, 6)
        .push(1, 4);
    w.push(1, 1).push(0, 1).push(0, 1).push(0, 4);
    w
}

fn type24b() -> BitWriter {
    let mut w = BitWriter::new();
    w.push(24, 6)
        .push(0, 2)
        .push(982_470_001, 30)
        .push(1, 2)
        .push(37, 8)
        .text("SRT", 3)
        .push(2, 4)
        .push(12345, 20);
    w.text("DA1234", 7).push(247_123_456, 30).push(0, 6);
    w
}

fn type27() -> BitWriter {
    let mut w = BitWriter::new();
    w.push(27, 6)
        .push(0, 2)
        .push(620_999_538, 30)
        .push(0, 1)
        .push(0, 1)
        .push(1, 4);
    w.push(-1234, 18)
        .push(3456, 17)
        .push(63, 6)
        .push(511, 9)
        .push(1, 1)
        .push(0, 1);
    w
}

/// The fixture lines: a type 1, a two-part type 5 with a tag block group
/// whose second line inherits source and time, interleaved with a type 19,
/// a type 24B of an auxiliary craft and a type 27.
fn fixture_lines() -> Vec<String> {
    let mut lines = vec!["# encoded by tests/fixtures.rs".to_string()];
    lines.extend(sentences(&type1(), None, 'A'));
    let five = sentences(&type5(), Some(3), 'B');
    assert_eq!(five.len(), 2);
    lines.push(format!(
        "{}{}",
        tag("g:1-2-42,s:meldpunt-test,c:1673395200"),
        five[0]
    ));
    lines.extend(sentences(&type19(), None, 'A'));
    lines.push(format!("{}{}", tag("g:2-2-42"), five[1]));
    lines.extend(sentences(&type24b(), None, 'B'));
    lines.extend(sentences(&type27(), None, 'B'));
    lines
}

#[test]
fn fixture_file_is_encoder_output() {
    let text = fixture_lines().join("\n") + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(FIXTURE).unwrap(), text);
}

fn decoded() -> Vec<AisMessage> {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    Decoder::new()
        .decode_text(&text)
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn fixtures_decode_to_the_encoded_values() {
    let all = decoded();
    assert_eq!(all.len(), 5);
    let Message::Position(p) = &all[0].message else {
        panic!("{:?}", all[0])
    };
    assert_eq!(
        (p.mmsi, p.sog, p.cog, p.heading, p.second),
        (273_501_299, Some(12.3), Some(271.8), Some(272), 13)
    );
    assert_eq!((p.lon, p.lat), (Some(4.5), Some(-55.75)));
    let RateOfTurn::Rate(rot) = p.rot else {
        panic!("{:?}", p.rot)
    };
    assert!((rot + 42.899).abs() < 1e-3);

    let Message::ClassBExtended(b) = &all[1].message else {
        panic!("{:?}", all[1])
    };
    assert_eq!(
        (
            b.position.lat,
            b.position.lon,
            b.position.sog,
            b.position.cog
        ),
        (None, None, None, None)
    );
    assert_eq!(
        (b.name.as_str(), b.ship_type, b.dimensions.length()),
        ("SAN JOSE", 31, Some(18))
    );

    let five = &all[2];
    assert_eq!(five.source.as_deref(), Some("meldpunt-test"));
    assert_eq!(five.received_at, Some(1_673_395_200));
    assert_eq!(five.channel, Some('B'));
    let Message::StaticVoyage(s) = &five.message else {
        panic!("{five:?}")
    };
    assert_eq!(
        (s.imo, s.call_sign.as_str(), s.name.as_str()),
        (Some(9_307_839), "5LCB4", "MSC NAISHA III")
    );
    assert_eq!(
        (
            s.ship_type,
            s.dimensions.length(),
            s.dimensions.beam(),
            s.draught
        ),
        (70, Some(208), Some(30), Some(8.0))
    );
    assert_eq!(
        (s.eta.month, s.eta.day, s.eta.hour, s.eta.minute),
        (Some(1), Some(12), Some(6), Some(30))
    );
    assert_eq!(s.destination, "USMIA");

    let Message::StaticDataReport(StaticDataReport::B {
        mothership_mmsi,
        vendor_id,
        call_sign,
        ..
    }) = &all[3].message
    else {
        panic!("{:?}", all[3])
    };
    assert_eq!(
        (*mothership_mmsi, vendor_id.as_str(), call_sign.as_str()),
        (Some(247_123_456), "SRT", "DA1234")
    );

    let Message::LongRange(l) = &all[4].message else {
        panic!("{:?}", all[4])
    };
    assert_eq!(
        (l.lon, l.lat, l.sog, l.cog, l.status),
        (Some(-1234.0 / 600.0), Some(3456.0 / 600.0), None, None, 1)
    );
}

#[test]
fn lost_fragments_time_out_and_repeated_ones_restart() {
    let five = sentences(&type5(), Some(1), 'A');
    let one = sentences(&type1(), None, 'A').remove(0);
    let mut d = Decoder::with_limits(4, 3);
    assert!(d.decode_line(&five[0]).unwrap().is_none());
    for _ in 0..4 {
        assert!(d.decode_line(&one).unwrap().is_some());
    }
    assert!(
        d.decode_line(&five[1]).unwrap().is_none(),
        "first part expired"
    );
    assert_eq!(d.stats().incomplete_dropped, 1);
    assert!(
        d.decode_line(&five[0]).unwrap().is_some(),
        "second part waited, first completes it"
    );
    assert!(d.decode_line(&five[0]).unwrap().is_none());
    assert!(d.decode_line(&five[0]).unwrap().is_none());
    assert_eq!(d.stats().incomplete_dropped, 2);
}

#[test]
fn errors_name_the_line() {
    let mut d = Decoder::new();
    let lines = [
        "",
        "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*71",
        "!AIVDM,1,1,,A,1xyz,0*00",
        "!AIVDM,1,1,,A,15B4,0*00",
    ];
    let errors: Vec<DecodeError> = lines
        .iter()
        .filter_map(|l| d.decode_line(l).err())
        .collect();
    assert!(
        matches!(errors[0], DecodeError::BadChecksum { line: 2, .. }),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].to_string(),
        "line 2: bad checksum: sentence says 71, content gives 70"
    );
    let body = "AIVDM,1,1,,A,1xyz,0";
    let bad_armour = format!("!{body}*{:02X}", checksum(body));
    assert!(matches!(
        d.decode_line(&bad_armour),
        Err(DecodeError::BadArmour {
            line: 5,
            character: 'x',
            ..
        })
    ));
    let body = "AIVDM,1,1,,A,15B4,0";
    let short = format!("!{body}*{:02X}", checksum(body));
    assert!(matches!(
        d.decode_line(&short),
        Err(DecodeError::PayloadTooShort {
            line: 6,
            msg_type: 1,
            bits: 24,
            needed: 168
        })
    ));
}
