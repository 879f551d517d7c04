//! `meldpunt fleet …` through the real binary on both backends: a seeded
//! scenario written as NMEA is ingested (twice), detected, profiled and
//! plotted; a non-AIS file is rejected; real AIS samples are ingested.

use crate::common;

use common::{Backend, TestDb};
use meldpunt_fleet::ais::{AisMessage, Message};
use meldpunt_fleet::detect::{EventKind, VesselRef};
use meldpunt_fleet::scenario::{Planted, Scenario, ScenarioConfig};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn scenario() -> Scenario {
    Scenario::generate(&ScenarioConfig {
        seed: 11,
        background_vessels: 4,
        planted: Planted::each(1),
        ..ScenarioConfig::default()
    })
}

/// Category as in the fleet crate's scenario tests: encounter and STS are
/// one, sanctioned and shadow-fleet listing are one.
fn category(kind: EventKind) -> &'static str {
    match kind {
        EventKind::AisGap => "ais_gap",
        EventKind::AisGapCandidate => "ais_gap_candidate",
        EventKind::Encounter | EventKind::ShipToShipTransfer => "encounter",
        EventKind::Loitering => "loitering",
        EventKind::Spoofing => "spoofing",
        EventKind::FlagMismatch => "flag_mismatch",
        EventKind::FlagHopping => "flag_hopping",
        EventKind::NameChange => "name_change",
        EventKind::SanctionedVessel | EventKind::ShadowFleetVessel => "listed",
    }
}

struct Files {
    _dir: tempfile::TempDir,
    nmea: PathBuf,
    shadow: PathBuf,
    sanctions: PathBuf,
    hand_list: PathBuf,
    listed_imo: u32,
    listed_mmsi: u32,
}

fn path(p: &Path) -> String {
    common::path_str(p)
}

/// The scenario as NMEA, its shadow-fleet list as JSON, its sanctioned
/// vessels as FtM and a hand-written FtM list naming one scenario vessel.
fn write_files(scenario: &Scenario) -> Files {
    let dir = tempfile::tempdir().expect("temp dir");
    let nmea = dir.path().join("scenario.nmea");
    let mut text = Vec::new();
    scenario.write_nmea(&mut text).expect("write NMEA");
    std::fs::write(&nmea, text).expect("write");
    let shadow = dir.path().join("shadow.json");
    std::fs::write(
        &shadow,
        serde_json::to_string(&scenario.listings).expect("JSON"),
    )
    .expect("write");
    let sanctions = dir.path().join("sanctions.ftm.json");
    let mut lines = String::new();
    for entity in &scenario.sanctioned {
        lines.push_str(&serde_json::to_string(&entity.to_ftm()).expect("JSON"));
        lines.push('\n');
        for record in entity.sanction_records() {
            lines.push_str(&serde_json::to_string(&record).expect("JSON"));
            lines.push('\n');
        }
    }
    std::fs::write(&sanctions, lines).expect("write");
    // A background-free pick: a vessel with a valid IMO in a type 5 report.
    let (listed_imo, listed_mmsi) = scenario
        .statics
        .iter()
        .find_map(|m: &AisMessage| match &m.message {
            Message::StaticVoyage(s) => s
                .imo
                .filter(|i| meldpunt_fleet::registry::parse_imo(&format!("{i:07}")).is_some())
                .map(|i| (i, s.mmsi)),
            _ => None,
        })
        .expect("a static report with an IMO");
    let hand_list = dir.path().join("hand.ftm.json");
    std::fs::write(
        &hand_list,
        format!(
            r#"{{"id":"hand-vessel-1","schema":"Vessel","properties":{{"name":["HAND LISTED"],"imoNumber":["IMO{listed_imo:07}"]}}}}
{{"id":"hand-vessel-1-sanction","schema":"Sanction","properties":{{"entity":["hand-vessel-1"],"authority":["Test Authority"],"program":["TEST-PROGRAMME"]}}}}
"#
        ),
    )
    .expect("write");
    Files {
        _dir: dir,
        nmea,
        shadow,
        sanctions,
        hand_list,
        listed_imo,
        listed_mmsi,
    }
}

/// "name: N messages, P positions (K new), …" → (N, P, K).
fn ingest_counts(out: &str) -> (u64, u64, u64) {
    let number = |after: &str| -> u64 {
        let at = out
            .find(after)
            .unwrap_or_else(|| panic!("{after:?} in {out}"));
        let before = out[..at].trim_end();
        let start = before
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        before[start..].parse().expect("count")
    };
    (number(" messages"), number(" positions"), number(" new)"))
}

both_backends!(scenario_end_to_end, |db: &TestDb| {
    let scenario = scenario();
    let files = write_files(&scenario);

    // Ingest, then ingest again: the second adds no position.
    let first = db.ok(&["fleet", "ingest", &path(&files.nmea)]);
    let (messages, positions, new) = ingest_counts(&first);
    assert_eq!(messages as usize, scenario.message_count(), "{first}");
    assert_eq!(positions as usize, scenario.positions.len(), "{first}");
    assert_eq!(new, positions, "{first}");
    assert!(first.contains(" 0 invalid lines"), "{first}");
    let again = db.ok(&["fleet", "ingest", &path(&files.nmea)]);
    let (_, positions_again, new_again) = ingest_counts(&again);
    assert_eq!(positions_again, positions, "{again}");
    assert_eq!(new_again, 0, "{again}");

    // Lists: the scenario's sanctioned vessels and a hand-written one.
    db.ok(&[
        "lists",
        "import",
        &path(&files.sanctions),
        "--source",
        "scenario-sanctions",
    ]);
    db.ok(&[
        "lists",
        "import",
        &path(&files.hand_list),
        "--source",
        "hand-list",
    ]);

    // Detect: every planted event is found, with its vessel.
    let dir = tempfile::tempdir().expect("temp dir");
    let events_path = dir.path().join("events.jsonl");
    let summary = db.ok(&[
        "fleet",
        "detect",
        "--output",
        &path(&events_path),
        "--shadow-fleet",
        &path(&files.shadow),
    ]);
    assert!(summary.contains("events"), "{summary}");
    let text = std::fs::read_to_string(&events_path).expect("events");
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!events.is_empty());

    // Every event becomes a VESSEL_EVENT report the reporting point accepts.
    let reports = db.ok(&[
        "fleet",
        "report",
        &path(&events_path),
        "--min-risk",
        "0",
        "--dry-run",
    ]);
    assert_eq!(reports.lines().count(), events.len(), "{reports}");
    for line in reports.lines() {
        let mut report: serde_json::Value = serde_json::from_str(line).expect("report JSON");
        // The reporting point fills the reporter from the API key's organisation.
        report["envelope"]["reporter"] =
            serde_json::json!({"name": "Rederij Y", "sector": "shipping_company"});
        let validation = meldpunt_reports::validate(&report);
        assert_ne!(
            validation.status(),
            meldpunt_reports::Status::Rejected,
            "{line}: {:?}",
            validation.errors
        );
        assert_eq!(report["envelope"]["report_type"], "VESSEL_EVENT");
    }
    let found: Vec<(String, Vec<VesselRef>, String)> = events
        .iter()
        .map(|e| {
            let kind: EventKind = serde_json::from_value(e["kind"].clone()).expect("kind");
            let vessels: Vec<VesselRef> =
                serde_json::from_value(e["vessels"].clone()).expect("vessels");
            let id = e["id"].as_str().expect("id").to_string();
            (category(kind).to_string(), vessels, id)
        })
        .collect();
    let mut planted_kinds = BTreeSet::new();
    for planted in &scenario.truth {
        planted_kinds.insert(category(planted.kind));
        let hit = found.iter().any(|(kind, vessels, _)| {
            kind == category(planted.kind)
                && vessels.iter().any(|v| {
                    planted.vessels.iter().any(|p| {
                        (p.mmsi.is_some() && p.mmsi == v.mmsi)
                            || (p.imo.is_some() && p.imo == v.imo)
                    })
                })
        });
        assert!(hit, "planted {planted:?} not detected; summary:\n{summary}");
    }
    assert!(planted_kinds.len() >= 8, "{planted_kinds:?}");
    // Every line has a summary row of its kind.
    for (kind, _, _) in &found {
        if kind != "encounter" && kind != "listed" {
            assert!(summary.contains(kind.as_str()), "{kind} in {summary}");
        }
    }
    // A places layer (the scenario's ports) removes port calls.
    let places = dir.path().join("places.json");
    std::fs::write(
        &places,
        serde_json::to_string(&scenario.layer).expect("JSON"),
    )
    .expect("write");
    let with_ports = db.ok(&[
        "fleet",
        "detect",
        "--shadow-fleet",
        &path(&files.shadow),
        "--places",
        &path(&places),
    ]);
    assert!(with_ports.lines().count() <= events.len(), "{with_ports}");
    assert!(with_ports.lines().count() >= scenario.truth.len());

    // Without --output the JSON lines go to standard output.
    let stdout = db.ok(&["fleet", "detect", "--shadow-fleet", &path(&files.shadow)]);
    assert_eq!(stdout.lines().count(), events.len());

    // A TOML config maps onto the thresholds; unknown keys are rejected.
    let config = dir.path().join("detect.toml");
    std::fs::write(&config, "[gap]\nevent_s = 1000000\ncandidate_s = 1000000\n").expect("write");
    let fewer = db.ok(&["fleet", "detect", "--config", &path(&config)]);
    assert!(!fewer.contains("\"ais_gap\""), "gaps with a huge threshold");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[gap]\nevent_seconds = 5\n").expect("write");
    let error = db.fails(&["fleet", "detect", "--config", &path(&bad)]);
    assert!(error.contains("event_seconds"), "{error}");

    // Vessel profile: identities and the hand-written list hit.
    let imo = format!("{:07}", files.listed_imo);
    let profile = db.ok(&["fleet", "vessel", &imo]);
    assert!(
        profile.contains(&files.listed_mmsi.to_string()),
        "{profile}"
    );
    assert!(profile.contains("Identities over time"), "{profile}");
    assert!(profile.contains("hand-list"), "{profile}");
    assert!(profile.contains("TEST-PROGRAMME"), "{profile}");
    let json = db.ok(&["fleet", "vessel", &imo, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("profile JSON");
    assert!(!json["identities"]
        .as_array()
        .expect("identities")
        .is_empty());
    let hits = json["list_hits"].as_array().expect("hits");
    assert!(
        hits.iter().any(|h| h["entity_id"] == "hand-vessel-1"),
        "{hits:?}"
    );
    let by_mmsi = db.ok(&["fleet", "vessel", &files.listed_mmsi.to_string()]);
    assert!(by_mmsi.contains(&imo), "{by_mmsi}");

    // Track plots: one per event, and one per vessel.
    let gap = found
        .iter()
        .find(|(kind, _, _)| kind == "ais_gap")
        .expect("a gap event");
    let svg_path = dir.path().join("gap.svg");
    db.ok(&[
        "fleet",
        "track-plot",
        "--event",
        &gap.2,
        "--output",
        &path(&svg_path),
    ]);
    let svg = std::fs::read_to_string(&svg_path).expect("SVG");
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("<polyline"));
    assert!(svg.contains("stroke-dasharray"), "the gap is dashed");
    assert!(svg.contains("class=\"event\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    let vessel_svg = dir.path().join("vessel.svg");
    db.ok(&[
        "fleet",
        "track-plot",
        "--mmsi",
        &files.listed_mmsi.to_string(),
        "--output",
        &path(&vessel_svg),
    ]);
    let svg = std::fs::read_to_string(&vessel_svg).expect("SVG");
    assert!(svg.starts_with("<svg") && svg.contains("<polyline"));
    let missing = db.fails(&[
        "fleet",
        "track-plot",
        "--event",
        "ev-000000000000",
        "--output",
        &path(&dir.path().join("none.svg")),
    ]);
    assert!(missing.contains("no event ev-000000000000"), "{missing}");
});

both_backends!(non_ais_file_is_rejected, |db: &TestDb| {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("notes-not-ais.txt");
    std::fs::write(&file, "hello\nthis is not AIS\n$GPGGA,1*00\n").expect("write");
    let error = db.fails(&["fleet", "ingest", &path(&file)]);
    assert!(error.contains("notes-not-ais.txt"), "{error}");
    assert!(error.contains("not AIS"), "{error}");
    // Nothing stored: detection sees no events.
    let out = db.ok(&["fleet", "detect"]);
    assert!(out.is_empty(), "{out}");
    let missing = db.fails(&["fleet", "ingest", "/nonexistent/file.nmea"]);
    assert!(missing.contains("/nonexistent/file.nmea"), "{missing}");
});

both_backends!(invalid_lines_are_counted_not_fatal, |db: &TestDb| {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("mixed.nmea");
    std::fs::write(
        &file,
        "\\s:test,c:1709251200*XX\\!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C\n\
         !AIVDM,1,1,,B,,0*25\n\
         garbage line\n\
         !AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C\n",
    )
    .expect("write");
    let out = db.ok(&["fleet", "ingest", &path(&file)]);
    assert!(out.contains("invalid lines"), "{out}");
    assert!(out.contains("line 2"), "{out}");
    assert!(out.contains("line 3"), "{out}");
});

both_backends!(real_samples, |db: &TestDb| {
    let Some(nmea) = meldpunt_testkit::shared_file("ais/pyais/nmea_data_sample.txt") else {
        return;
    };
    let Some(csv) = meldpunt_testkit::shared_file("ais/noaa_marinecadastre_2023-01-11_sample.csv")
    else {
        return;
    };
    let out = db.ok(&["fleet", "ingest", &path(&nmea)]);
    eprintln!("{out}");
    // 897 lines: 778 messages, 100 empty payloads (see the fleet crate's
    // stream tests); no receiver times, so no positions.
    let (messages, positions, _) = ingest_counts(&out);
    assert_eq!(messages, 778, "{out}");
    assert_eq!(positions, 0, "{out}");
    assert!(out.contains("100 invalid lines"), "{out}");
    let out = db.ok(&["fleet", "ingest", &path(&csv)]);
    eprintln!("{out}");
    let (messages, positions, new) = ingest_counts(&out);
    assert_eq!(messages, 1000, "{out}");
    assert!(positions > 990 && new == positions, "{out}");
    let again = db.ok(&["fleet", "ingest", &path(&csv)]);
    assert_eq!(ingest_counts(&again).2, 0, "{again}");
    // MSC NAISHA III, IMO 9307839, is in the CSV.
    let profile = db.ok(&["fleet", "vessel", "9307839"]);
    assert!(profile.contains("MSC NAISHA III"), "{profile}");
    assert!(profile.contains("636021061"), "{profile}");
});
