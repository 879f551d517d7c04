#![allow(dead_code)]

use meldpunt_model::PartialDate;
use meldpunt_ownership::{
    Exposure, OwnershipGraph, OwnershipGraphBuilder, Percentage, RelationInput, RelationKind,
    Rules, Share,
};
use std::collections::HashSet;

pub fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).expect("test date")
}

pub fn as_of() -> PartialDate {
    date("2024-06-01")
}

pub fn stake(owner: &str, owned: &str, percent: f64) -> RelationInput {
    let mut input = RelationInput::new(owner, owned, RelationKind::Ownership);
    input.percentage = Share::from_percent(percent).map(Percentage::exact);
    input
}

pub fn dated(mut input: RelationInput, start: Option<&str>, end: Option<&str>) -> RelationInput {
    input.start = start.map(date);
    input.end = end.map(date);
    input
}

pub fn director(person: &str, company: &str, role: &str) -> RelationInput {
    let mut input = RelationInput::new(person, company, RelationKind::Directorship);
    input.role = Some(role.to_string());
    input.control = role.to_lowercase().contains("general director");
    input
}

pub fn graph(relations: &[RelationInput]) -> OwnershipGraph {
    let mut builder = OwnershipGraphBuilder::new();
    for r in relations {
        builder.add_relation(r);
    }
    builder.build()
}

pub fn stakes(edges: &[(&str, &str, f64)]) -> OwnershipGraph {
    let relations: Vec<RelationInput> = edges.iter().map(|&(a, b, p)| stake(a, b, p)).collect();
    graph(&relations)
}

pub fn listed(ids: &[&str]) -> HashSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

pub fn run(graph: &OwnershipGraph, ids: &[&str], rules: Rules) -> Vec<Exposure> {
    graph.exposures(&listed(ids), &rules)
}

/// "A:50" for each exposure, sorted by id.
pub fn caught(graph: &OwnershipGraph, ids: &[&str], rules: Rules) -> Vec<String> {
    run(graph, ids, rules)
        .iter()
        .map(|e| format!("{}:{}", e.entity, e.aggregate_percentage))
        .collect()
}

pub fn ofac() -> Rules {
    Rules::ofac(as_of())
}

pub fn eu() -> Rules {
    Rules::eu(as_of())
}

pub fn eu_aggregate() -> Rules {
    Rules::eu(as_of()).with_eu_aggregate(true)
}
