//! Ground truth: libais' `typeexamples` and `tagblock` samples, decoded by
//! gpsd into JSON, compared field by field with this crate's decoding.
//! gpsd writes "not available" as its raw sentinel (lat 91, lon 181, speed
//! 102.3, course 360, heading 511, turn null); the mapping below turns our
//! `None` back into those sentinels before comparing.

use meldpunt_fleet::ais::message::{Message, RateOfTurn, StaticDataReport};
use meldpunt_fleet::ais::{AisMessage, Decoder};
use serde_json::{json, Value};

fn opt_f(v: Option<f64>, sentinel: f64) -> Value {
    json!(v.unwrap_or(sentinel))
}

/// The gpsd JSON fields this crate decodes for `m`, with their expected
/// value in gpsd's conventions.
fn expected_fields(m: &Message) -> Vec<(&'static str, Value)> {
    let mut f: Vec<(&'static str, Value)> =
        vec![("type", json!(m.msg_type())), ("mmsi", json!(m.mmsi()))];
    match m {
        Message::Position(p) => {
            let turn = match p.rot {
                RateOfTurn::NotAvailable => Value::Null,
                RateOfTurn::RightFast => json!("fastright"),
                RateOfTurn::LeftFast => json!("fastleft"),
                RateOfTurn::Rate(r) => json!(r),
            };
            f.extend([
                ("repeat", json!(p.repeat)),
                ("status", json!(p.status)),
                ("turn", turn),
                ("speed", opt_f(p.sog, 102.3)),
                ("accuracy", json!(p.accuracy)),
                ("lon", opt_f(p.lon, 181.0)),
                ("lat", opt_f(p.lat, 91.0)),
                ("course", opt_f(p.cog, 360.0)),
                ("heading", json!(p.heading.unwrap_or(511))),
                ("second", json!(p.second)),
                ("maneuver", json!(p.maneuver)),
                ("raim", json!(p.raim)),
            ]);
        }
        Message::BaseStation(b) => {
            let ts = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                b.year.unwrap_or(0),
                b.month.unwrap_or(0),
                b.day.unwrap_or(0),
                b.hour.unwrap_or(24),
                b.minute.unwrap_or(60),
                b.second.unwrap_or(60)
            );
            f.extend([
                ("repeat", json!(b.repeat)),
                ("timestamp", json!(ts)),
                ("accuracy", json!(b.accuracy)),
                ("lon", opt_f(b.lon, 181.0)),
                ("lat", opt_f(b.lat, 91.0)),
                ("epfd", json!(b.epfd)),
                ("raim", json!(b.raim)),
            ]);
        }
        Message::StaticVoyage(s) => f.extend([
            ("repeat", json!(s.repeat)),
            ("ais_version", json!(s.ais_version)),
            ("imo", json!(s.imo.unwrap_or(0).to_string())),
            ("callsign", json!(s.call_sign)),
            ("shipname", json!(s.name)),
            ("shiptype", json!(s.ship_type)),
            ("to_bow", json!(s.dimensions.to_bow)),
            ("to_stern", json!(s.dimensions.to_stern)),
            ("to_port", json!(s.dimensions.to_port)),
            ("to_starboard", json!(s.dimensions.to_starboard)),
            ("epfd", json!(s.epfd)),
            ("draught", json!(s.draught.unwrap_or(0.0))),
            ("destination", json!(s.destination)),
            ("dte", json!(u8::from(s.dte))),
        ]),
        Message::ClassBPosition(b) => f.extend([
            ("repeat", json!(b.repeat)),
            ("speed", opt_f(b.sog, 102.3)),
            ("accuracy", json!(b.accuracy)),
            ("lon", opt_f(b.lon, 181.0)),
            ("lat", opt_f(b.lat, 91.0)),
            ("course", opt_f(b.cog, 360.0)),
            ("heading", json!(b.heading.unwrap_or(511))),
            ("second", json!(b.second)),
            ("cs", json!(b.cs_unit)),
            ("display", json!(b.display)),
            ("dsc", json!(b.dsc)),
            ("band", json!(b.band)),
            ("msg22", json!(b.msg22)),
            ("mode", json!(b.assigned)),
            ("raim", json!(b.raim)),
        ]),
        Message::StaticDataReport(StaticDataReport::A { repeat, name, .. }) => {
            f.extend([
                ("repeat", json!(repeat)),
                ("part_num", json!(0)),
                ("shipname", json!(name)),
            ]);
        }
        Message::AidToNavigation(a) => f.extend([
            ("repeat", json!(a.repeat)),
            ("aid_type", json!(a.aid_type)),
            ("name", json!(gpsd_text(&a.name))),
            ("accuracy", json!(a.accuracy)),
            ("lon", opt_f(a.lon, 181.0)),
            ("lat", opt_f(a.lat, 91.0)),
            ("to_bow", json!(a.dimensions.to_bow)),
            ("to_stern", json!(a.dimensions.to_stern)),
            ("to_port", json!(a.dimensions.to_port)),
            ("to_starboard", json!(a.dimensions.to_starboard)),
            ("epfd", json!(a.epfd)),
            ("second", json!(a.second)),
            ("off_position", json!(a.off_position)),
            ("regional", json!(a.regional)),
            ("raim", json!(a.raim)),
            ("virtual_aid", json!(a.virtual_aid)),
            ("assigned", json!(a.assigned)),
        ]),
        Message::LongRange(l) => f.extend([
            ("repeat", json!(l.repeat)),
            ("accuracy", json!(l.accuracy)),
            ("raim", json!(l.raim)),
            ("status", json!(l.status)),
            ("lon", opt_f(l.lon, 181.0)),
            ("lat", opt_f(l.lat, 91.0)),
            ("speed", json!(l.sog.unwrap_or(63))),
            ("course", json!(l.cog.unwrap_or(511))),
            ("gnss", json!(!l.position_latency)),
        ]),
        Message::Unsupported { .. } => {}
        other => panic!("no gpsd mapping for {other:?}"),
    }
    f
}

/// gpsd's JSON writer replaces `_` with `-` and `'` with a backtick in AIS
/// text (a backtick is not even in the 6-bit alphabet); the raw sextets in
/// the one affected record are 31 (`_`) and 39 (`'`), as ITU-R M.1371
/// table 47 decodes them.
fn gpsd_text(s: &str) -> String {
    s.replace('_', "-").replace('\'', "`")
}

fn same(expected: &Value, actual: &Value) -> bool {
    match (expected.as_f64(), actual.as_f64()) {
        (Some(e), Some(a)) => (e - a).abs() <= 1e-4 * e.abs().max(1.0),
        _ => expected == actual,
    }
}

/// Compares one decoded message with one gpsd JSON record; returns the
/// number of fields compared and the mismatches.
fn compare(index: usize, ours: &AisMessage, json: &Value) -> (usize, Vec<String>) {
    let mut bad = Vec::new();
    let fields = expected_fields(&ours.message);
    for (key, mine) in &fields {
        let theirs = json.get(*key).unwrap_or(&Value::Null);
        if !same(theirs, mine) {
            bad.push(format!(
                "record {index} type {}: {key}: gpsd {theirs}, ours {mine}",
                ours.message.msg_type()
            ));
        }
    }
    (fields.len(), bad)
}

fn read(name: &str) -> Option<String> {
    let path = meldpunt_testkit::shared_file(&format!("ais/libais/{name}"))?;
    Some(std::fs::read_to_string(path).expect("readable shared file"))
}

fn decode_all(text: &str) -> Vec<AisMessage> {
    let mut decoder = Decoder::new();
    let out: Vec<AisMessage> = decoder
        .decode_text(text)
        .collect::<Result<_, _>>()
        .expect("no decode errors");
    assert_eq!(decoder.stats().incomplete_dropped, 0);
    out
}

fn check(nmea: &str, json: &str) -> (usize, usize, usize) {
    let ours = decode_all(nmea);
    let records: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(ours.len(), records.len(), "message count");
    let (mut fields, mut decoded, mut bad) = (0, 0, Vec::new());
    for (i, (m, j)) in ours.iter().zip(&records).enumerate() {
        let (n, mismatches) = compare(i, m, j);
        fields += n;
        decoded += usize::from(!matches!(m.message, Message::Unsupported { .. }));
        bad.extend(mismatches);
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
    (ours.len(), decoded, fields)
}

#[test]
fn typeexamples_match_gpsd_field_by_field() {
    let (Some(nmea), Some(json)) = (read("typeexamples.nmea"), read("typeexamples.json")) else {
        return;
    };
    let (messages, decoded, fields) = check(&nmea, &json);
    eprintln!(
        "typeexamples: {messages} messages, {decoded} decoded in full, {fields} fields equal"
    );
    assert_eq!(messages, 26);
}

#[test]
fn typeexamples_carry_uscg_receiver_time() {
    let Some(nmea) = read("typeexamples.nmea") else {
        return;
    };
    let first = &decode_all(&nmea)[0];
    assert_eq!(first.received_at, Some(1_325_394_060));
    assert_eq!(first.source.as_deref(), Some("r003669946"));
}

#[test]
fn tagblock_samples_match_gpsd() {
    let (Some(nmea), Some(json)) = (read("tagblock.nmea"), read("tagblock.json")) else {
        return;
    };
    let (messages, _, fields) = check(&nmea, &json);
    let ours = decode_all(&nmea);
    for (m, line) in ours.iter().zip(json.lines()) {
        let j: Value = serde_json::from_str(line).expect("json");
        assert_eq!(m.source.as_deref(), j["tagblock_station"].as_str());
        assert_eq!(
            m.received_at,
            j["tagblock_timestamp"].as_str().map(iso_to_unix)
        );
    }
    eprintln!("tagblock: {messages} messages, {fields} fields plus station and time equal");
}

/// `2014-12-10T00:41:53.000000Z` → Unix seconds, for the comparison only.
fn iso_to_unix(s: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().expect("digits");
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}
