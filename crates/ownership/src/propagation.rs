//! The fixpoint both regimes share: starting from listed persons, holdings
//! of caught entities flow to what they hold until nothing changes.
//!
//! It is a worklist in which every item is one caught holder's stake in one
//! entity, processed in order of the date from which the stake counted (the
//! later of the holder's own `since` and the relation's start). Processing
//! in date order makes an entity's `since` the earliest date on which the
//! stakes then in place reached the threshold, i.e. the latest start date
//! among the relations needed. Each relation is queued at most once (when
//! its holder is caught) and each entity is caught at most once, so the work
//! is O(E log E) and cycles terminate; an entity is only ever caught by
//! stakes of entities caught before it, so a cycle without a listed member
//! never catches itself (least fixpoint).

use meldpunt_model::PartialDate;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::{OwnershipGraph, RelationKind, Share};

/// What makes an entity caught.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Regime {
    pub threshold: Share,
    /// EU: "more than"; OFAC: "or more".
    pub strict: bool,
    /// EU: control (directorships, control flags) catches too.
    pub control: bool,
}

impl Regime {
    fn reached(&self, total: u64) -> bool {
        let threshold = u64::from(self.threshold.0);
        if self.strict {
            total > threshold
        } else {
            total >= threshold
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    Ownership,
    /// A control flag or a directing role.
    ControlRight,
    /// More than half of the known directors.
    BoardMajority,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Caught {
    pub since: Option<PartialDate>,
    pub cause: Cause,
    /// The relation that tipped it; its holder was caught earlier, so
    /// following tips leads back to a listed person without cycles.
    pub tip: u32,
}

/// One caught holder's input into an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Contribution {
    pub relation: u32,
    pub share: u32,
    pub seat: bool,
}

#[derive(Debug, Default)]
pub(crate) struct NodeState {
    pub total: u64,
    pub seats: u32,
    pub contributions: Vec<Contribution>,
    pub caught: Option<Caught>,
}

/// The result of one run from one set of listed persons.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub listed: FxHashSet<u32>,
    pub states: FxHashMap<u32, NodeState>,
}

impl Outcome {
    pub fn caught(&self) -> impl Iterator<Item = (u32, &NodeState, Caught)> + '_ {
        self.states
            .iter()
            .filter_map(|(&n, s)| s.caught.map(|c| (n, s, c)))
    }
}

type Event = Reverse<(Option<PartialDate>, u64, u32, Contribution)>;

pub(crate) struct Propagation<'a> {
    pub graph: &'a OwnershipGraph,
    pub as_of: PartialDate,
    pub regime: Regime,
    /// Known directors per entity (EU), for board majorities.
    pub board: &'a FxHashMap<u32, u32>,
}

impl Propagation<'_> {
    pub fn run(&self, listed: &[u32]) -> Outcome {
        let mut outcome = Outcome {
            listed: listed.iter().copied().collect(),
            states: FxHashMap::default(),
        };
        let mut queue: BinaryHeap<Event> = BinaryHeap::new();
        let mut seq = 0u64;
        for &node in listed {
            self.queue_holdings(node, None, &mut queue, &mut seq);
        }
        while let Some(Reverse((time, _, held, contribution))) = queue.pop() {
            if outcome.listed.contains(&held) {
                continue;
            }
            let state = outcome.states.entry(held).or_default();
            state.total += u64::from(contribution.share);
            state.seats += u32::from(contribution.seat);
            state.contributions.push(contribution);
            if state.caught.is_none() {
                if let Some(cause) = self.cause(held, state, contribution) {
                    state.caught = Some(Caught {
                        since: time,
                        cause,
                        tip: contribution.relation,
                    });
                    self.queue_holdings(held, time, &mut queue, &mut seq);
                }
            }
        }
        outcome
    }

    fn cause(&self, held: u32, state: &NodeState, last: Contribution) -> Option<Cause> {
        let relation = self.graph.relation(last.relation);
        if self.regime.reached(state.total) && last.share > 0 {
            return Some(Cause::Ownership);
        }
        if !self.regime.control {
            return None;
        }
        if relation.control {
            return Some(Cause::ControlRight);
        }
        let board = self.board.get(&held).copied().unwrap_or(0);
        (last.seat && u64::from(state.seats) * 2 > u64::from(board)).then_some(Cause::BoardMajority)
    }

    /// Queues a newly caught node's stakes. Several records of the same
    /// holder-held pair are versions of one stake, not extra shares: the
    /// largest in force counts once; a control flag or a directorship
    /// counts once more, as control or as one board seat.
    fn queue_holdings(
        &self,
        node: u32,
        since: Option<PartialDate>,
        queue: &mut BinaryHeap<Event>,
        seq: &mut u64,
    ) {
        let graph = self.graph;
        let mut push = |relation: u32, contribution: Contribution| {
            let r = graph.relation(relation);
            *seq += 1;
            queue.push(Reverse((since.max(r.start), *seq, r.held, contribution)));
        };
        let mut current: Option<Stake> = None;
        for i in graph.holdings_in_force(node, RelationKind::Ownership, self.as_of) {
            let r = graph.relation(i);
            if let Some(done) = current.take_if(|s| s.held != r.held) {
                done.queue(graph, self.regime.control, &mut push);
            }
            let stake = current.get_or_insert(Stake {
                held: r.held,
                best: None,
                control: None,
            });
            if r.share() > 0
                && stake
                    .best
                    .is_none_or(|b| r.share() > graph.relation(b).share())
            {
                stake.best = Some(i);
            }
            if r.control && stake.control.is_none() {
                stake.control = Some(i);
            }
        }
        if let Some(done) = current {
            done.queue(graph, self.regime.control, &mut push);
        }
        if self.regime.control {
            self.queue_seats(node, &mut push);
        }
    }

    fn queue_seats(&self, node: u32, push: &mut impl FnMut(u32, Contribution)) {
        let graph = self.graph;
        let mut last_held = None;
        let mut pending: Option<u32> = None;
        for i in graph.holdings_in_force(node, RelationKind::Directorship, self.as_of) {
            let r = graph.relation(i);
            if last_held != Some(r.held) {
                if let Some(p) = pending.take() {
                    push(p, seat(p));
                }
                last_held = Some(r.held);
                pending = Some(i);
            } else if r.control && pending.is_some_and(|p| !graph.relation(p).control) {
                pending = Some(i);
            }
        }
        if let Some(p) = pending {
            push(p, seat(p));
        }
    }
}

fn seat(relation: u32) -> Contribution {
    Contribution {
        relation,
        share: 0,
        seat: true,
    }
}

/// One holder's stake in one entity, merged over its records.
struct Stake {
    held: u32,
    best: Option<u32>,
    control: Option<u32>,
}

impl Stake {
    fn queue(
        self,
        graph: &OwnershipGraph,
        with_control: bool,
        push: &mut impl FnMut(u32, Contribution),
    ) {
        if let Some(b) = self.best {
            let share = graph.relation(b).share();
            push(
                b,
                Contribution {
                    relation: b,
                    share,
                    seat: false,
                },
            );
        }
        let control = self
            .control
            .filter(|&c| with_control && Some(c) != self.best);
        if let Some(c) = control {
            push(
                c,
                Contribution {
                    relation: c,
                    share: 0,
                    seat: false,
                },
            );
        }
    }
}
/// Known directors per entity on `as_of`: distinct director-entity pairs.
pub(crate) fn board_sizes(graph: &OwnershipGraph, as_of: PartialDate) -> FxHashMap<u32, u32> {
    let mut sizes: FxHashMap<u32, u32> = FxHashMap::default();
    let mut last = None;
    for r in graph.relations() {
        if r.kind != RelationKind::Directorship || !crate::in_force(r.start, r.end, as_of) {
            continue;
        }
        if last != Some((r.holder, r.held)) {
            *sizes.entry(r.held).or_default() += 1;
            last = Some((r.holder, r.held));
        }
    }
    sizes
}
