//! The vessel registry and identity detection, from AIS static reports,
//! sanctions entities and shadow-fleet lists (including the real list in
//! the shared data folder).

use meldpunt_fleet::ais::message::{Dimensions, Eta, StaticDataReport, StaticVoyageData};
use meldpunt_fleet::ais::{AisMessage, Message};
use meldpunt_fleet::detect::identity::{self, IdentityConfig};
use meldpunt_fleet::detect::EventKind;
use meldpunt_fleet::registry::{Evidence, Registry, ShipCategory};
use meldpunt_fleet::shadowfleet::{self, ShadowFleetEntry};
use meldpunt_model::{CountryRole, Entity, IdKind, Identifier, Name, NameKind, Sanction, Schema};

const DAY: i64 = 86_400;

fn static_msg(mmsi: u32, imo: Option<u32>, name: &str, time: i64) -> AisMessage {
    AisMessage {
        received_at: Some(time),
        source: None,
        channel: Some('A'),
        own_ship: false,
        message: Message::StaticVoyage(StaticVoyageData {
            repeat: 0,
            mmsi,
            ais_version: 0,
            imo,
            call_sign: "UBAB1".into(),
            name: name.into(),
            ship_type: 80,
            dimensions: Dimensions {
                to_bow: 200,
                to_stern: 50,
                to_port: 22,
                to_starboard: 22,
            },
            epfd: 1,
            eta: Eta::default(),
            draught: None,
            destination: String::new(),
            dte: false,
        }),
    }
}

fn kinds(registry: &Registry) -> Vec<EventKind> {
    identity::detect(registry, &IdentityConfig::default())
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn entry(imo: &str, mmsi: &str, flag: &str) -> ShadowFleetEntry {
    ShadowFleetEntry {
        imo: imo.into(),
        mmsi: vec![mmsi.into()],
        names: vec!["VOLGA STAR".into()],
        vessel_type: "Crude Oil Tanker".into(),
        flag: flag.into(),
        sanctions_origin: vec!["UK".into()],
        ..ShadowFleetEntry::default()
    }
}

#[test]
fn static_reports_build_an_identity_with_mid_flag() {
    let mut r = Registry::new();
    r.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "VOLGA STAR",
        1000,
    ));
    r.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "VOLGA STAR",
        5000,
    ));
    let v = r.by_imo(9_074_729).unwrap();
    assert_eq!(v.names.len(), 1);
    assert_eq!(
        (v.names[0].first_seen, v.names[0].last_seen),
        (Some(1000), Some(5000))
    );
    assert_eq!(v.flags[0].value, "ru");
    assert_eq!(v.flags[0].evidence, Evidence::MmsiMid { mmsi: 273_100_001 });
    assert_eq!(v.sizes[0].value.length_m, 250);
    assert_eq!(r.category(273_100_001), ShipCategory::Tanker);
    assert!(kinds(&r).is_empty());
}

#[test]
fn invalid_imo_check_digit_is_not_a_key() {
    let mut r = Registry::new();
    r.observe_ais(&static_msg(273_100_001, Some(9_074_728), "X", 1000));
    assert!(r.by_imo(9_074_728).is_none());
    assert!(r.by_mmsi(273_100_001).is_some_and(|v| v.imo.is_none()));
}

#[test]
fn mmsi_only_record_is_folded_into_the_imo_record() {
    let mut r = Registry::new();
    let part_a = AisMessage {
        message: Message::StaticDataReport(StaticDataReport::A {
            repeat: 0,
            mmsi: 273_100_001,
            name: "OLD NAME".into(),
        }),
        ..static_msg(0, None, "", 500)
    };
    r.observe_ais(&part_a);
    r.add_shadow_fleet(&[entry("9074729", "", "Russia")], "list");
    r.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "VOLGA STAR",
        1000,
    ));
    assert_eq!(r.len(), 1);
    let v = r.by_mmsi(273_100_001).unwrap();
    assert_eq!(v.imo, Some(9_074_729));
    assert!(v.names.iter().any(|n| n.value == "OLD NAME"));
}

#[test]
fn mid_against_declared_flag() {
    let mut r = Registry::new();
    r.add_shadow_fleet(&[entry("9074729", "273100001", "Gabon")], "list");
    assert!(kinds(&r).is_empty(), "not seen on AIS: no events");
    r.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "VOLGA STAR",
        1000,
    ));
    let k = kinds(&r);
    assert!(k.contains(&EventKind::FlagMismatch), "{k:?}");
    assert!(k.contains(&EventKind::ShadowFleetVessel));

    let mut ok = Registry::new();
    ok.add_shadow_fleet(&[entry("9074729", "273100001", "pa, ru")], "list");
    ok.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "VOLGA STAR",
        1000,
    ));
    assert!(!kinds(&ok).contains(&EventKind::FlagMismatch));
}

#[test]
fn two_flag_changes_within_thirty_days() {
    let hop = |second_change: i64| {
        let mut r = Registry::new();
        r.observe_ais(&static_msg(273_100_001, Some(9_074_729), "A", 0));
        r.observe_ais(&static_msg(351_100_001, Some(9_074_729), "A", 10 * DAY));
        r.observe_ais(&static_msg(
            613_100_001,
            Some(9_074_729),
            "A",
            second_change,
        ));
        kinds(&r)
    };
    assert!(hop(40 * DAY).contains(&EventKind::FlagHopping));
    assert!(!hop(41 * DAY).contains(&EventKind::FlagHopping));
    // Same flag under another MMSI is not a change.
    let mut r = Registry::new();
    r.observe_ais(&static_msg(273_100_001, Some(9_074_729), "A", 0));
    r.observe_ais(&static_msg(273_100_002, Some(9_074_729), "A", DAY));
    r.observe_ais(&static_msg(351_100_001, Some(9_074_729), "A", 2 * DAY));
    assert!(!kinds(&r).contains(&EventKind::FlagHopping));
}

#[test]
fn renames_ignore_spelling_variants() {
    let mut r = Registry::new();
    r.observe_ais(&static_msg(273_100_001, Some(9_074_729), "JAL_VAHINI", 0));
    r.observe_ais(&static_msg(273_100_001, Some(9_074_729), "Jal Vahini", DAY));
    assert!(kinds(&r).is_empty());
    r.observe_ais(&static_msg(
        273_100_001,
        Some(9_074_729),
        "PETREL 8",
        2 * DAY,
    ));
    let events = identity::detect(&r, &IdentityConfig::default());
    assert_eq!(events[0].kind, EventKind::NameChange);
    assert_eq!(events[0].start, 2 * DAY);
}

#[test]
fn sanctions_entity_of_schema_vessel() {
    let mut e = Entity::new("eu-1", Schema::Vessel);
    e.add_name(Name::new("VOLGA STAR", NameKind::Primary));
    e.add_identifier(Identifier::new(IdKind::Imo, "IMO 9074729"));
    e.add_identifier(Identifier::new(IdKind::Mmsi, "273100001"));
    e.add_country(CountryRole::Flag, "Russia");
    e.sanctions.push(Sanction::new("European Union"));
    let mut r = Registry::new();
    assert!(r.add_entity(&e));
    assert!(!r.add_entity(&Entity::new("p", Schema::Person)));
    r.observe_ais(&static_msg(273_100_001, Some(9_074_729), "VOLGA STAR", 0));
    let k = kinds(&r);
    assert_eq!(k, vec![EventKind::SanctionedVessel], "{k:?}");
}

#[test]
fn real_shadow_fleet_list() {
    let Some(path) = meldpunt_testkit::shared_file("vessels/shadowfleet.json") else {
        return;
    };
    let entries = shadowfleet::read_file(&path).unwrap();
    let mut r = Registry::new();
    let stats = r.add_shadow_fleet(&entries, "tak-shadowfleet-id");
    eprintln!("{stats:?}, {} vessels in registry", r.len());
    assert!(stats.entries > 1500, "{stats:?}");
    assert!(stats.added >= stats.entries * 95 / 100, "{stats:?}");
    assert_eq!(r.len(), stats.added, "IMOs are unique in the list");
    assert!(stats.with_flag * 10 >= stats.added * 9, "{stats:?}");
    let with_mmsi = r.iter().filter(|v| !v.mmsis.is_empty()).count();
    assert!(with_mmsi > 700, "{with_mmsi}");
    let tankers = r
        .iter()
        .filter(|v| v.category() == ShipCategory::Tanker)
        .count();
    eprintln!("{with_mmsi} with MMSI, {tankers} tankers");
    // Listed ships never seen on AIS raise no events.
    assert!(kinds(&r).is_empty());
}
