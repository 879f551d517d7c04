//! NOAA MarineCadastre CSVs read into the decoder's message types.

use meldpunt_fleet::ais::marinecadastre::{read_file, Reader};
use meldpunt_fleet::ais::message::Message;
use meldpunt_fleet::DecodeError;

#[test]
fn sample_file_reads_every_row() {
    let Some(path) = meldpunt_testkit::shared_file("ais/noaa_marinecadastre_2023-01-11_sample.csv")
    else {
        return;
    };
    let records = read_file(&path).expect("sample reads");
    assert_eq!(records.len(), 1000);
    let msc = records
        .iter()
        .find(|r| r.position.mmsi() == Some(636_021_061))
        .expect("MSC NAISHA III");
    assert_eq!(msc.received_at, 1_673_395_200);
    let Message::Position(p) = &msc.position else {
        panic!("{:?}", msc.position)
    };
    assert_eq!(
        (p.lat, p.lon, p.sog, p.cog, p.heading, p.status),
        (
            Some(26.09241),
            Some(-80.04806),
            Some(8.8),
            Some(272.7),
            Some(270),
            8
        )
    );
    let s = msc.static_data.as_ref().expect("static columns");
    assert_eq!(
        (s.imo, s.call_sign.as_str(), s.name.as_str(), s.ship_type),
        (Some(9_307_839), "5LCB4", "MSC NAISHA III", 70)
    );
    assert_eq!(
        (s.dimensions.length(), s.dimensions.beam(), s.draught),
        (Some(208), Some(30), Some(8.0))
    );
    let class_b = records
        .iter()
        .filter(|r| matches!(r.position, Message::ClassBPosition(_)))
        .count();
    eprintln!(
        "marinecadastre sample: {} rows, {class_b} class B",
        records.len()
    );
}

#[test]
fn errors_name_file_and_line() {
    let csv = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n\
               367752440,2023-01-11T00:00:00,43.07917,-70.75733,0.0,360.0,511.0,SAN JOSE,,WDI9818,31,0.0,,,,52.0,B\n\
               36775244X,2023-01-11T00:00:00,43.07917,-70.75733,0.0,360.0,95.0,SAN JOSE,,WDI9818,31,0.0,,,,52.0,A\n";
    let rows: Vec<_> = Reader::from_reader(csv.as_bytes(), "day.csv")
        .unwrap()
        .collect();
    let Ok(first) = &rows[0] else {
        panic!("{:?}", rows[0])
    };
    let Message::ClassBPosition(b) = &first.position else {
        panic!("{first:?}")
    };
    assert_eq!((b.cog, b.heading), (None, None));
    let Err(e) = &rows[1] else {
        panic!("{:?}", rows[1])
    };
    assert!(matches!(e, DecodeError::Csv { line: 3, .. }));
    assert_eq!(e.to_string(), "day.csv, line 3: bad MMSI \"36775244X\"");
    let missing = Reader::from_reader("MMSI,LAT\n".as_bytes(), "x.csv")
        .err()
        .expect("missing columns");
    assert_eq!(
        missing.to_string(),
        "x.csv, line 1: missing column BaseDateTime"
    );
}
