//! Real data: the OpenSanctions "zala" extract, its Ownership and
//! Directorship relations and its sanctioned entities.

use meldpunt_model::{Entity, FtmEntity, PartialDate};
use meldpunt_ownership::{OwnershipGraphBuilder, Rules};
use std::collections::HashSet;

#[test]
fn zala_exposures_under_both_rules() {
    let Some(path) = meldpunt_testkit::shared_file("lists/opensanctions/zala.entities.ftm.json")
    else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable shared file");
    let mut builder = OwnershipGraphBuilder::new();
    let mut listed = HashSet::new();
    let mut ownerships = 0;
    for (number, line) in text.lines().enumerate() {
        let ftm: FtmEntity = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), number + 1));
        // Sanction, Address and Passport records are not graph entities.
        let Ok(entity) = Entity::from_ftm(&ftm) else {
            continue;
        };
        if ftm.values("topics").iter().any(|t| t == "sanction") {
            listed.insert(entity.id.clone());
        }
        ownerships += usize::from(ftm.schema == "Ownership");
        builder
            .add_entity(&entity)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), number + 1));
    }
    let graph = builder.build();
    assert_eq!(ownerships, 14);
    assert!(
        graph.relation_count() >= 17,
        "ownerships, directorships, families"
    );
    assert!(!listed.is_empty());
    println!(
        "{} nodes, {} relations, {} listed",
        graph.node_count(),
        graph.relation_count(),
        listed.len()
    );
    for warning in graph.warnings() {
        println!("warning: {warning}");
    }
    for as_of in ["2023-01-01", "2026-05-01"] {
        let as_of = PartialDate::parse(as_of).expect("date");
        for rules in [
            Rules::ofac(as_of),
            Rules::eu(as_of),
            Rules::eu(as_of).with_eu_aggregate(true),
        ] {
            let exposures = graph.exposures(&listed, &rules);
            println!(
                "{:?} aggregate={} as of {as_of}: {} exposures",
                rules.kind,
                rules.eu_aggregate,
                exposures.len()
            );
            for e in &exposures {
                assert!(!e.paths.is_empty());
                println!(
                    "  {} ({}) since {}: {}",
                    e.entity,
                    e.caption,
                    e.since.map(|d| d.to_string()).unwrap_or_default(),
                    e.explanation
                );
            }
        }
    }
}
