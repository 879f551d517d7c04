//! The fleet tables (positions, identities, ingests), run once on SQLite
//! and once on PostgreSQL.

#[path = "store/harness.rs"]
mod harness;

use meldpunt_store::{
    IdentityRow, IngestCounts, NewIngest, PositionFilter, PositionRow, Store, VesselKey,
};

macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_sqlite(super::$case).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::harness::on_postgres(super::$case).await;
                }
            )*
        }
    };
}

on_both_backends!(
    positions_idempotent_and_ordered,
    positions_filtered_and_paged,
    ingest_is_one_transaction,
    identities_upsert_widens_span,
);

fn fix(mmsi: i64, time: i64, lat: f64, lon: f64) -> PositionRow {
    PositionRow {
        mmsi,
        time,
        lat,
        lon,
        sog: Some(10.5),
        cog: None,
        heading: Some(90),
        source: "ais:1".into(),
    }
}

fn identity(mmsi: i64, imo: Option<i64>, name: &str, seen: Option<i64>) -> IdentityRow {
    IdentityRow {
        mmsi,
        imo,
        name: name.into(),
        call_sign: "ABCD".into(),
        flag: "pa".into(),
        ship_type: Some(80),
        source: "ais:5".into(),
        first_seen: seen,
        last_seen: seen,
    }
}

fn new_ingest(file: &str) -> NewIngest {
    NewIngest {
        file: file.into(),
        sha256: "00".repeat(32),
        format: "nmea".into(),
    }
}

pub async fn positions_idempotent_and_ordered(store: Store) {
    let rows = vec![
        fix(2, 200, 1.0, 2.0),
        fix(1, 300, 1.0, 2.0),
        fix(1, 100, 1.5, 2.5),
        // Same key twice in one batch.
        fix(1, 100, 1.5, 2.5),
    ];
    assert_eq!(store.insert_positions(&rows).await.expect("insert"), 3);
    assert_eq!(store.insert_positions(&rows).await.expect("again"), 0);
    let all = store.positions(None, None, None).await.expect("read");
    let keys: Vec<(i64, i64)> = all.iter().map(|p| (p.mmsi, p.time)).collect();
    assert_eq!(keys, vec![(1, 100), (1, 300), (2, 200)]);
    assert_eq!(all[0], fix(1, 100, 1.5, 2.5));
}

pub async fn positions_filtered_and_paged(store: Store) {
    let rows: Vec<PositionRow> = (0..2500)
        .map(|i| fix(100 + i % 3, 1000 + i, 50.0 + i as f64 * 1e-4, 4.0))
        .collect();
    assert_eq!(store.insert_positions(&rows).await.expect("insert"), 2500);
    let one = store.positions(Some(101), None, None).await.expect("mmsi");
    assert_eq!(one.len(), 833);
    assert!(one.windows(2).all(|w| w[0].time < w[1].time));
    let window = store
        .positions(None, Some(1000), Some(1099))
        .await
        .expect("window");
    assert_eq!(window.len(), 100);
    // Keyset paging visits every row once, in order.
    let filter = PositionFilter::default();
    let mut seen: Vec<PositionRow> = Vec::new();
    loop {
        let page = store
            .positions_page(filter, seen.last(), 700)
            .await
            .expect("page");
        if page.is_empty() {
            break;
        }
        seen.extend(page);
    }
    assert_eq!(seen.len(), 2500);
    assert!(seen
        .windows(2)
        .all(|w| (w[0].mmsi, w[0].time) < (w[1].mmsi, w[1].time)));
}

pub async fn ingest_is_one_transaction(store: Store) {
    let rows = vec![fix(1, 10, 1.0, 1.0), fix(1, 20, 1.1, 1.0)];
    {
        let mut ingest = store
            .begin_fleet_ingest(new_ingest("dropped.nmea"))
            .await
            .expect("begin");
        ingest.add_positions(&rows).await.expect("add");
        // Dropped without commit: rolled back.
    }
    assert!(store
        .positions(None, None, None)
        .await
        .expect("read")
        .is_empty());
    assert!(store.ingests().await.expect("ingests").is_empty());

    let mut ingest = store
        .begin_fleet_ingest(new_ingest("a.nmea"))
        .await
        .expect("begin");
    assert_eq!(ingest.add_positions(&rows).await.expect("add"), 2);
    ingest
        .upsert_identity(&identity(1, Some(9_074_729), "ALPHA", Some(10)))
        .await
        .expect("identity");
    let counts = IngestCounts {
        messages: 3,
        positions: 2,
        errors: 1,
    };
    let first = ingest.commit(counts).await.expect("commit");
    assert_eq!(first.file, "a.nmea");
    assert_eq!((first.messages, first.positions, first.errors), (3, 2, 1));
    assert_eq!((first.new_positions, first.identities), (2, 1));

    let mut again = store
        .begin_fleet_ingest(new_ingest("a.nmea"))
        .await
        .expect("begin");
    assert_eq!(again.add_positions(&rows).await.expect("add"), 0);
    let second = again.commit(counts).await.expect("commit");
    assert_eq!(second.new_positions, 0);
    let log = store.ingests().await.expect("ingests");
    assert_eq!(log.len(), 2);
    assert_eq!(log[0], first);
    assert_eq!(
        store.positions(None, None, None).await.expect("read").len(),
        2
    );
}

pub async fn identities_upsert_widens_span(store: Store) {
    let imo = 9_074_729;
    for (seen, name) in [
        (Some(500), "ALPHA"),
        (Some(100), "ALPHA"),
        (None, "ALPHA"),
        (Some(900), "BRAVO"),
    ] {
        store
            .upsert_vessel_identity(&identity(211_000_001, Some(imo), name, seen))
            .await
            .expect("upsert");
    }
    // A class B (type 24) row without IMO on the same MMSI, and another vessel.
    let mut part_a = identity(211_000_001, None, "ALPHA B", Some(50));
    part_a.source = "ais:24".into();
    part_a.ship_type = None;
    store.upsert_vessel_identity(&part_a).await.expect("upsert");
    store
        .upsert_vessel_identity(&identity(311_000_002, None, "OTHER", None))
        .await
        .expect("upsert");

    let rows = store
        .vessel_identities(VesselKey::Imo(imo))
        .await
        .expect("by imo");
    let names: Vec<(&str, Option<i64>, Option<i64>)> = rows
        .iter()
        .map(|r| (r.name.as_str(), r.first_seen, r.last_seen))
        .collect();
    assert_eq!(
        names,
        vec![
            ("ALPHA B", Some(50), Some(50)),
            ("ALPHA", Some(100), Some(500)),
            ("BRAVO", Some(900), Some(900)),
        ]
    );
    assert_eq!(rows[0].imo, None);
    assert_eq!(rows[0].ship_type, None);
    assert_eq!(rows[1].imo, Some(imo));
    assert_eq!(rows[1].ship_type, Some(80));
    let by_mmsi = store
        .vessel_identities(VesselKey::Mmsi(311_000_002))
        .await
        .expect("by mmsi");
    assert_eq!(by_mmsi.len(), 1);
    assert_eq!(by_mmsi[0].first_seen, None);
    assert_eq!(store.all_vessel_identities().await.expect("all").len(), 4);
}
