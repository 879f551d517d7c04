//! `meldpunt fleet report` against a running reporting point: detected
//! events are filed as VESSEL_EVENT reports with the organisation's API
//! key, and a second run files nothing new.

use crate::common;

use common::reporting::{client, create_api_key, create_org, create_user, get, import_demo, login};
use common::server::start;
use common::{Backend, TestDb};
use std::collections::BTreeMap;

use meldpunt_fleet::detect::{Event, EventKind, VesselRef};
use meldpunt_fleet::geo::GeoPoint;

fn events() -> Vec<Event> {
    let gap = Event {
        kind: EventKind::AisGap,
        vessels: vec![VesselRef {
            mmsi: Some(613_123_456),
            imo: Some(9_074_729),
        }],
        start: 1_730_000_000,
        end: 1_730_050_000,
        positions: vec![GeoPoint {
            lat: 36.1,
            lon: 22.9,
        }],
        metrics: BTreeMap::from([("gap_hours".to_string(), 13.9)]),
        evidence: Vec::new(),
        risk: 0.8,
        explanation: "AIS silent for 13.9 h off Kythira.".to_string(),
    };
    let transfer = Event {
        kind: EventKind::ShipToShipTransfer,
        vessels: vec![VesselRef::mmsi(613_123_456), VesselRef::mmsi(273_456_789)],
        start: 1_730_100_000,
        end: 1_730_115_000,
        positions: vec![GeoPoint {
            lat: 36.2,
            lon: 23.0,
        }],
        metrics: BTreeMap::from([("min_distance_m".to_string(), 40.0)]),
        evidence: Vec::new(),
        risk: 0.9,
        explanation: "Alongside for 4.2 h at under 1 kn.".to_string(),
    };
    let harmless = Event {
        risk: 0.1,
        ..gap.clone()
    };
    vec![gap, transfer, harmless]
}

both_backends!(
    events_are_filed_once_as_vessel_event_reports,
    |db: &TestDb| {
        import_demo(db);
        let org = create_org(db, "Rederij Y", "shipping_company");
        create_user(db, &org, "ops@rederij.example", "reporter_admin");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("events.jsonl");
        let lines: Vec<String> = events().iter().map(Event::to_json_line).collect();
        std::fs::write(&path, lines.join("\n")).expect("write events");
        let server = start(db, &[]);
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let http = client();
        let key = runtime.block_on(async {
            let token = login(&http, &server.base, "ops@rederij.example").await;
            create_api_key(&http, &server.base, &token).await
        });
        let args = [
            "fleet",
            "report",
            &common::path_str(&path),
            "--server",
            &server.base,
            "--api-key",
            &key,
        ];
        let first = db.ok(&args);
        assert_eq!(first.matches("\tfiled").count(), 2, "{first}");
        // A later run (at least a second later) must send the very same reports.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let again = db.ok(&args);
        assert_eq!(again.matches("already filed").count(), 2, "{again}");

        let (status, listing) = runtime.block_on(get(&http, &server.base, &key, "/api/v1/reports"));
        assert_eq!(status, 200, "{listing}");
        assert_eq!(
            listing["total"], 2,
            "the low-risk event stays out: {listing}"
        );
        let id = listing["reports"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let (_, report) = runtime.block_on(get(
            &http,
            &server.base,
            &key,
            &format!("/api/v1/reports/{id}"),
        ));
        assert_eq!(report["report_type"], "VESSEL_EVENT");
        assert_eq!(
            report["report"]["envelope"]["reporter"]["name"],
            "Rederij Y"
        );

        let refused = db.fails(&["fleet", "report", &common::path_str(&path)]);
        assert!(refused.contains("--server"), "{refused}");
    }
);
