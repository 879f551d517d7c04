//! Exposures: entities caught by a rule, with the paths that prove it and a
//! sentence saying why.

use meldpunt_model::PartialDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::graph::Relation;
use crate::percentage::format_percent;
use crate::propagation::{Cause, NodeState, Outcome};
use crate::{OwnershipGraph, RelationKind, Rules, Share};

/// Paths kept per exposure, largest holdings first; the aggregate always
/// counts every holding.
pub const MAX_PATHS: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExposureRule {
    #[serde(rename = "OFAC 50%")]
    Ofac50,
    #[serde(rename = "EU ownership")]
    EuOwnership,
    #[serde(rename = "EU control")]
    EuControl,
}

impl ExposureRule {
    pub fn as_str(self) -> &'static str {
        match self {
            ExposureRule::Ofac50 => "OFAC 50%",
            ExposureRule::EuOwnership => "EU ownership",
            ExposureRule::EuControl => "EU control",
        }
    }
}

/// One relation on a path: `owner` holds `owned`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub owner: Arc<str>,
    pub owned: Arc<str>,
    /// The proven share (lower bound) in percent; `None` when the relation
    /// states none (a directorship, a control right, an unknown stake).
    pub percentage: Option<f64>,
    pub relation: RelationKind,
    /// The directorship role or ownership role as the data gives it.
    pub role: Option<Arc<str>>,
    /// Where the relation comes from: the FtM relation id or the CSV's
    /// `source` column.
    pub source: Option<Arc<str>>,
}

/// A chain from a listed person to the exposed entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Path {
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exposure {
    pub entity: Arc<str>,
    pub caption: String,
    pub rule: ExposureRule,
    /// Percent held by caught holders (listed or themselves exposed),
    /// counting lower bounds.
    pub aggregate_percentage: f64,
    /// The listed persons the paths start from.
    pub listed: Vec<Arc<str>>,
    pub paths: Vec<Path>,
    /// When the exposure began: the latest start date among the relations
    /// needed; `None` when none of them has a known start.
    pub since: Option<PartialDate>,
    pub explanation: String,
    /// The rules it was computed with, aggregation setting included.
    pub rules: Rules,
}

/// The proof for one caught entity within one run.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub node: u32,
    pub rule: ExposureRule,
    pub total: u64,
    pub since: Option<PartialDate>,
    pub paths: Vec<Path>,
    pub listed: Vec<Arc<str>>,
    pub explanation: String,
}

/// Builds the finding for `node`, caught in `outcome`.
pub(crate) fn finding(
    graph: &OwnershipGraph,
    outcome: &Outcome,
    board: &FxHashMap<u32, u32>,
    node: u32,
    state: &NodeState,
    ofac: bool,
) -> Option<Finding> {
    let caught = state.caught?;
    let rule = match (ofac, caught.cause) {
        (true, _) => ExposureRule::Ofac50,
        (false, Cause::Ownership) => ExposureRule::EuOwnership,
        (false, _) => ExposureRule::EuControl,
    };
    let mut supporting: Vec<(u32, u32)> = match caught.cause {
        Cause::Ownership => state
            .contributions
            .iter()
            .filter(|c| c.share > 0)
            .map(|c| (c.relation, c.share))
            .collect(),
        Cause::ControlRight => vec![(caught.tip, 0)],
        Cause::BoardMajority => state
            .contributions
            .iter()
            .filter(|c| c.seat)
            .map(|c| (c.relation, 0))
            .collect(),
    };
    supporting.sort_by_key(|&(r, share)| {
        (
            std::cmp::Reverse(share),
            graph.id(graph.relation(r).holder).clone(),
        )
    });
    let mut chains = Vec::new();
    let mut circular = 0u64;
    for &(relation, share) in &supporting {
        match chain(graph, outcome, relation, node) {
            Some(c) => chains.push((c, share)),
            None => circular += u64::from(share),
        }
    }
    let omitted = chains.len().saturating_sub(MAX_PATHS);
    chains.truncate(MAX_PATHS);
    let paths: Vec<Path> = chains.iter().map(|(c, _)| path(graph, c)).collect();
    let mut listed: Vec<Arc<str>> = Vec::new();
    for c in &chains {
        let first = graph.id(graph.relation(c.0[0]).holder);
        if !listed.contains(first) {
            listed.push(first.clone());
        }
    }
    let explanation = Sentence {
        graph,
        chains: &chains,
        total: state.total,
        circular,
        omitted,
    }
    .explain(
        rule,
        caught.cause,
        state,
        board.get(&node).copied().unwrap_or(0),
    );
    Some(Finding {
        node,
        rule,
        total: state.total,
        since: caught.since,
        paths,
        listed,
        explanation,
    })
}

/// Relation indices from a listed person to `relation`'s held entity,
/// following each holder's tip. `None` if the chain passes through
/// `target` itself: that holding is circular evidence.
fn chain(
    graph: &OwnershipGraph,
    outcome: &Outcome,
    relation: u32,
    target: u32,
) -> Option<Vec<u32>> {
    let mut relations = vec![relation];
    let mut holder = graph.relation(relation).holder;
    while !outcome.listed.contains(&holder) {
        if holder == target {
            return None;
        }
        let tip = outcome.states.get(&holder)?.caught?.tip;
        relations.push(tip);
        holder = graph.relation(tip).holder;
    }
    relations.reverse();
    Some(relations)
}

fn path(graph: &OwnershipGraph, chain: &[u32]) -> Path {
    Path {
        steps: chain
            .iter()
            .map(|&r| step(graph, graph.relation(r)))
            .collect(),
    }
}

pub(crate) fn step(graph: &OwnershipGraph, r: &Relation) -> Step {
    Step {
        owner: graph.id(r.holder).clone(),
        owned: graph.id(r.held).clone(),
        percentage: r.percentage.map(|p| p.low.percent()),
        relation: r.kind,
        role: graph.label(r.role).map(Arc::from),
        source: graph.label(r.source).map(Arc::from),
    }
}

struct Sentence<'a> {
    graph: &'a OwnershipGraph,
    chains: &'a [(Vec<u32>, u32)],
    total: u64,
    circular: u64,
    omitted: usize,
}

impl Sentence<'_> {
    fn explain(&self, rule: ExposureRule, cause: Cause, state: &NodeState, board: u32) -> String {
        let total = percent(self.total);
        let listed = self.listed_names();
        let head = match (rule, cause) {
            (ExposureRule::Ofac50, _) => {
                format!("blocked under the OFAC 50% rule: owned {total}% by listed {listed}")
            }
            (ExposureRule::EuOwnership, _) => format!(
                "caught under the EU ownership rule: owned {total}% (more than 50%) by listed {listed}"
            ),
            (_, Cause::BoardMajority) => format!(
                "caught under the EU control rule: {} of {board} known directors are listed {listed} or entities they control",
                state.seats
            ),
            _ => format!("caught under the EU control rule: controlled by listed {listed}"),
        };
        let mut text = format!("{head}{}", self.parts());
        if self.omitted > 0 {
            text.push_str(&format!(" and {} smaller holdings", self.omitted));
        }
        if self.circular > 0 {
            text.push_str(&format!(
                "; a further {}% is held through entities it owns itself",
                percent(self.circular)
            ));
        }
        text
    }

    fn listed(&self) -> Vec<u32> {
        let mut nodes: Vec<u32> = Vec::new();
        for (chain, _) in self.chains {
            let node = self.graph.relation(chain[0]).holder;
            if !nodes.contains(&node) {
                nodes.push(node);
            }
        }
        nodes
    }

    fn listed_names(&self) -> String {
        let listed = self.listed();
        let names: Vec<&str> = listed.iter().map(|&n| self.graph.caption(n)).collect();
        join(&names)
    }

    fn parts(&self) -> String {
        let several = self.listed().len() > 1;
        let parts: Vec<String> = self
            .chains
            .iter()
            .map(|(c, _)| self.part(c, several))
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match several {
            true => format!(": {}", join(&parts)),
            false => format!(" {}", join(&parts)),
        }
    }

    fn part(&self, chain: &[u32], several: bool) -> String {
        let graph = self.graph;
        let first = graph.relation(chain[0]);
        let route = if chain.len() == 1 {
            "directly".to_string()
        } else {
            let via: Vec<&str> = chain[1..]
                .iter()
                .map(|&r| graph.caption(graph.relation(r).holder))
                .collect();
            format!("via {}", via.join(" → "))
        };
        let last = graph.relation(chain[chain.len() - 1]);
        let who = if several {
            format!("{} ", graph.caption(first.holder))
        } else {
            String::new()
        };
        format!("{who}{route} ({})", holding(graph, last))
    }
}

fn holding(graph: &OwnershipGraph, r: &Relation) -> String {
    let role = graph.label(r.role);
    match r.kind {
        RelationKind::Directorship => format!("as {}", role.unwrap_or("director")),
        _ if r.share() > 0 && r.control => format!("{}%, with control", Share(r.share())),
        _ if r.share() > 0 => format!("{}%", Share(r.share())),
        _ if r.control => "control right".to_string(),
        _ => "stake of unknown size".to_string(),
    }
}

fn percent(total: u64) -> String {
    format_percent(total as f64 / 10_000.0)
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One exposure from the findings for one entity: a single finding under
/// OFAC or aggregated EU rules; under non-aggregated EU rules one per
/// listed person who catches it on their own. Ownership outranks control;
/// the exposure began with the earliest of them.
pub(crate) fn exposure(
    graph: &OwnershipGraph,
    mut findings: Vec<Finding>,
    rules: Rules,
) -> Option<Exposure> {
    findings.sort_by_key(|f| {
        (
            f.rule != ExposureRule::EuOwnership && f.rule != ExposureRule::Ofac50,
            std::cmp::Reverse(f.total),
        )
    });
    let primary = findings.first()?;
    let node = primary.node;
    let mut paths: Vec<Path> = Vec::new();
    let mut listed: Vec<Arc<str>> = Vec::new();
    for f in &findings {
        for p in &f.paths {
            if !paths.contains(p) {
                paths.push(p.clone());
            }
        }
        for l in &f.listed {
            if !listed.contains(l) {
                listed.push(l.clone());
            }
        }
    }
    let mut explanation = findings
        .iter()
        .map(|f| f.explanation.as_str())
        .collect::<Vec<_>>()
        .join("; also ");
    if rules.kind == crate::RuleKind::Eu {
        explanation.push_str(match rules.eu_aggregate {
            true => "; holdings of different listed persons aggregated",
            false => "; holdings of different listed persons not aggregated",
        });
    }
    Some(Exposure {
        entity: graph.id(node).clone(),
        caption: graph.caption(node).to_string(),
        rule: primary.rule,
        aggregate_percentage: primary.total as f64 / 10_000.0,
        listed,
        paths,
        since: findings.iter().map(|f| f.since).min().flatten(),
        explanation,
        rules,
    })
}
