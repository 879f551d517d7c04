//! The ownership-and-control graph: interned entity ids and one compact
//! record per relation, sorted by holder so that each entity's holdings are
//! one contiguous slice (compressed sparse rows). Sized for a million
//! companies and a few million relations.

use meldpunt_model::PartialDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::{in_force, Percentage};

/// What a relation says about its holder and the held entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    /// Holder owns shares in held (FtM Ownership, shareholding CSV rows).
    Ownership,
    /// Holder sits on held's board or runs it (FtM Directorship).
    Directorship,
    /// Kept for context; no rule derives ownership or control from them.
    Family,
    Associate,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Ownership => "Ownership",
            RelationKind::Directorship => "Directorship",
            RelationKind::Family => "Family",
            RelationKind::Associate => "Associate",
        }
    }
}

/// One relation as stored: endpoints as node indices, labels as indices
/// into the label table (0 = none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Relation {
    pub holder: u32,
    pub held: u32,
    pub kind: RelationKind,
    /// Explicit control (a `control` flag on a shareholding) or, for a
    /// directorship, a role with the power to direct the company.
    pub control: bool,
    pub percentage: Option<Percentage>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub role: u32,
    pub source: u32,
}

impl Relation {
    /// The share this relation proves: the lower bound, nothing if unknown.
    pub fn share(&self) -> u32 {
        self.percentage.map_or(0, |p| p.low.0)
    }
}

/// A relation to add, with string ids.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationInput {
    pub holder: String,
    pub held: String,
    pub kind: RelationKind,
    pub control: bool,
    pub percentage: Option<Percentage>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub role: Option<String>,
    pub source: Option<String>,
}

impl RelationInput {
    pub fn new(holder: impl Into<String>, held: impl Into<String>, kind: RelationKind) -> Self {
        RelationInput {
            holder: holder.into(),
            held: held.into(),
            kind,
            control: false,
            percentage: None,
            start: None,
            end: None,
            role: None,
            source: None,
        }
    }
}

#[derive(Debug, Default)]
struct Interner {
    index: FxHashMap<Arc<str>, u32>,
    values: Vec<Arc<str>>,
}

impl Interner {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        let i = self.values.len() as u32;
        let shared: Arc<str> = Arc::from(value);
        self.values.push(shared.clone());
        self.index.insert(shared, i);
        i
    }
}

/// Collects relations; [`OwnershipGraphBuilder::build`] sorts them into the
/// queryable graph.
#[derive(Debug)]
pub struct OwnershipGraphBuilder {
    nodes: Interner,
    labels: Interner,
    captions: FxHashMap<u32, Arc<str>>,
    relations: Vec<Relation>,
    pub(crate) warnings: Vec<String>,
}

impl Default for OwnershipGraphBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl OwnershipGraphBuilder {
    pub fn new() -> Self {
        let mut labels = Interner::default();
        labels.intern("");
        OwnershipGraphBuilder {
            nodes: Interner::default(),
            labels,
            captions: FxHashMap::default(),
            relations: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn with_capacity(nodes: usize, relations: usize) -> Self {
        let mut builder = Self::new();
        builder.nodes.index.reserve(nodes);
        builder.nodes.values.reserve(nodes);
        builder.relations.reserve(relations);
        builder
    }

    /// The node index of an entity id, adding the entity if new.
    pub fn node(&mut self, id: &str) -> u32 {
        self.nodes.intern(id)
    }

    /// The name shown for an entity in explanations.
    pub fn set_caption(&mut self, id: &str, caption: &str) {
        let node = self.node(id);
        self.captions.insert(node, Arc::from(caption));
    }

    pub fn add_relation(&mut self, input: &RelationInput) {
        let holder = self.nodes.intern(&input.holder);
        let held = self.nodes.intern(&input.held);
        let role = input.role.as_deref().map_or(0, |r| self.labels.intern(r));
        let source = input.source.as_deref().map_or(0, |s| self.labels.intern(s));
        self.relations.push(Relation {
            holder,
            held,
            kind: input.kind,
            control: input.control,
            percentage: input.percentage,
            start: input.start,
            end: input.end,
            role,
            source,
        });
    }

    /// Notes on input that was read but not fully understood.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn build(mut self) -> OwnershipGraph {
        self.relations
            .sort_unstable_by_key(|r| (r.holder, r.held, r.kind, r.start));
        let mut offsets = vec![0u32; self.nodes.values.len() + 1];
        for relation in &self.relations {
            offsets[relation.holder as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        OwnershipGraph {
            ids: self.nodes.index,
            names: self.nodes.values,
            labels: self.labels.values,
            captions: self.captions,
            relations: self.relations,
            offsets,
            warnings: self.warnings,
        }
    }
}

/// The immutable graph the rules run over.
#[derive(Debug)]
pub struct OwnershipGraph {
    ids: FxHashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
    labels: Vec<Arc<str>>,
    captions: FxHashMap<u32, Arc<str>>,
    relations: Vec<Relation>,
    offsets: Vec<u32>,
    warnings: Vec<String>,
}

impl OwnershipGraph {
    pub fn node_count(&self) -> usize {
        self.names.len()
    }

    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn index(&self, id: &str) -> Option<u32> {
        self.ids.get(id).copied()
    }

    pub(crate) fn id(&self, node: u32) -> &Arc<str> {
        &self.names[node as usize]
    }

    /// The caption if one was given, else the id.
    pub fn caption(&self, node: u32) -> &str {
        self.captions
            .get(&node)
            .unwrap_or(&self.names[node as usize])
    }

    pub(crate) fn label(&self, label: u32) -> Option<&str> {
        (label != 0).then(|| &*self.labels[label as usize])
    }

    pub(crate) fn relation(&self, index: u32) -> &Relation {
        &self.relations[index as usize]
    }

    pub(crate) fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Indices of the relations `node` holds, sorted by held node.
    pub(crate) fn holdings(&self, node: u32) -> std::ops::Range<u32> {
        self.offsets[node as usize]..self.offsets[node as usize + 1]
    }

    /// Relations of one kind from `node` in force on `as_of`.
    pub(crate) fn holdings_in_force(
        &self,
        node: u32,
        kind: RelationKind,
        as_of: PartialDate,
    ) -> impl Iterator<Item = u32> + '_ {
        self.holdings(node).filter(move |&i| {
            let r = self.relation(i);
            r.kind == kind && in_force(r.start, r.end, as_of)
        })
    }
}
