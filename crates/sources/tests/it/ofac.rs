//! OFAC readers against the real lists in the shared data folder. Outside CI
//! a missing folder skips these tests; under CI it fails them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use meldpunt_model::{CountryRole, Entity, IdKind, NameKind, Schema};
use meldpunt_sources::{plan_inputs, read_input, Format, ReadOptions, ReadOutcome};

struct Read {
    outcome: ReadOutcome,
    entities: HashMap<String, Entity>,
}

fn read_dir(relative: &str) -> Option<Read> {
    let dir: PathBuf = meldpunt_testkit::shared_file(relative)?;
    let inputs = plan_inputs(&[dir], None).expect("plan");
    assert_eq!(inputs.len(), 1, "one OFAC set per folder");
    assert_eq!(inputs[0].format, Format::OfacCsv);
    let mut entities = HashMap::new();
    let options = ReadOptions::default();
    let mut sink = |record: meldpunt_sources::Record| {
        entities.insert(record.entity.id.clone(), record.entity);
        Ok(())
    };
    let outcome = read_input(&inputs[0], &options, &mut sink).expect("read");
    Some(Read { outcome, entities })
}

/// Counts per schema and how many remarks fragments no rule understood.
fn report(name: &str, read: &Read) -> BTreeMap<Schema, usize> {
    let mut schemas = BTreeMap::new();
    let mut unparsed = 0;
    for entity in read.entities.values() {
        *schemas.entry(entity.schema).or_insert(0) += 1;
        unparsed += entity.properties.get("notes").map_or(0, Vec::len);
        if std::env::var("OFAC_NOTES").is_ok() {
            for note in entity.properties.get("notes").into_iter().flatten() {
                eprintln!("NOTE\t{:?}\t{note}", entity.schema);
            }
        }
    }
    println!(
        "{name}: {} entities {schemas:?}; {unparsed} unparsed remarks fragments; {} warnings",
        read.outcome.entities,
        read.outcome.warnings.len()
    );
    for warning in read.outcome.warnings.iter().take(10) {
        println!("  warning: {warning}");
    }
    schemas
}

fn entity<'a>(read: &'a Read, id: &str) -> &'a Entity {
    read.entities
        .get(id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn names(entity: &Entity, kind: NameKind) -> Vec<&str> {
    entity
        .names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

fn programs(entity: &Entity) -> Vec<&str> {
    entity
        .sanctions
        .iter()
        .filter_map(|s| s.program.as_deref())
        .collect()
}

#[test]
fn ofac_sdn_2021_07() {
    let Some(read) = read_dir("lists/ofac/sdn-2021-07") else {
        return;
    };
    let schemas = report("sdn-2021-07", &read);
    assert_eq!(read.outcome.entities, 8976);
    assert_eq!(schemas.get(&Schema::Person), Some(&4620));
    assert_eq!(schemas.get(&Schema::Vessel), Some(&406));
    assert_eq!(schemas.get(&Schema::Aircraft), Some(&277));

    // Hasan NASRALLAH: four birth dates, two programmes, his title.
    let nasrallah = entity(&read, "ofac-2686");
    assert_eq!(names(nasrallah, NameKind::Primary), ["NASRALLAH, Hasan"]);
    assert_eq!(nasrallah.names[0].parts.last.as_deref(), Some("NASRALLAH"));
    assert_eq!(nasrallah.birth_dates.len(), 4);
    assert_eq!(programs(nasrallah), ["SDGT", "SYRIA"]);

    // Banco Nacional de Cuba: strong alias from alt.csv, weak from remarks.
    let bnc = entity(&read, "ofac-306");
    assert_eq!(names(bnc, NameKind::Alias), ["NATIONAL BANK OF CUBA"]);
    assert_eq!(names(bnc, NameKind::WeakAlias), ["BNC"]);
    assert_eq!(bnc.addresses.len(), 4);

    // Havin Bank: SWIFT/BIC and websites from remarks.
    let havin = entity(&read, "ofac-906");
    assert_eq!(
        havin
            .identifiers_of(IdKind::Bic)
            .next()
            .map(|i| i.value.as_str()),
        Some("HAVIGB2L")
    );
    assert_eq!(havin.properties["website"].len(), 2);

    // SAND SWAN: a vessel with call sign, flag, tonnage and a former name.
    let swan = entity(&read, "ofac-4243");
    assert_eq!(swan.schema, Schema::Vessel);
    assert_eq!(
        swan.countries_with(CountryRole::Flag).collect::<Vec<_>>(),
        ["cy"]
    );
    assert_eq!(
        swan.identifiers_of(IdKind::CallSign)
            .next()
            .map(|i| i.value.as_str()),
        Some("P3QG3")
    );
    assert_eq!(names(swan, NameKind::Previous), ["ANA I"]);
    assert_eq!(swan.properties["grossRegisteredTonnage"], ["1116"]);

    // Remarks continued in sdn_comments.csv are joined before parsing.
    let continued = entity(&read, "ofac-28264");
    assert!(continued.properties["linkedTo"].contains(&"LAZARUS GROUP".to_string()));

    let with_imo = read
        .entities
        .values()
        .filter(|e| e.identifiers_of(IdKind::Imo).next().is_some())
        .count();
    let with_nationality = read
        .entities
        .values()
        .filter(|e| e.countries_with(CountryRole::Nationality).next().is_some())
        .count();
    let with_birth_date = read
        .entities
        .values()
        .filter(|e| e.schema == Schema::Person && !e.birth_dates.is_empty())
        .count();
    println!("  {with_imo} with IMO, {with_nationality} with nationality, {with_birth_date} people with birth dates");
    assert!(with_imo > 350, "{with_imo}");
    assert!(with_birth_date > 4000, "{with_birth_date}");
}

#[test]
fn ofac_sdn_2019_01() {
    let Some(read) = read_dir("lists/ofac/sdn-2019-01") else {
        return;
    };
    report("sdn-2019-01", &read);
    assert_eq!(read.outcome.entities, 7379);
}

#[test]
fn ofac_consolidated_2025_12() {
    let Some(read) = read_dir("lists/ofac/consolidated-2025-12") else {
        return;
    };
    report("consolidated-2025-12", &read);
    assert_eq!(read.outcome.entities, 442);
    let haniya = entity(&read, "ofac-9639");
    assert_eq!(programs(haniya), ["NS-PLC"]);
    assert_eq!(haniya.birth_places, ["Shati"]);
}
