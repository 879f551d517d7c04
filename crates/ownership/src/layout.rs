//! A layered (Sugiyama-style) drawing of a small directed graph, for the
//! portal's ownership view: owners above, holdings below.
//!
//! The caller gives each node its layer. Edges that skip layers, and edges
//! that point up (cycles), get one dummy slot per layer they cross, so that
//! every segment joins two neighbouring layers and runs through the gap
//! between them or down a slot of its own: no line crosses a box. Edges
//! within one layer bend through the gap below it; a self-holding loops
//! out to the right. Node order within layers comes from barycentre sweeps
//! (fewer crossings), and edges leave and enter a box at spread-out ports
//! ordered like their other ends, so parallel lines stay apart.

use std::collections::BTreeMap;

/// Sizes, in user units of the SVG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    pub node_width: f64,
    pub node_height: f64,
    /// Space between two slots of one layer (wider than a self-loop).
    pub node_gap: f64,
    pub layer_gap: f64,
    /// Width of the slot an edge takes in a layer it crosses.
    pub dummy_width: f64,
    pub margin: f64,
    /// Barycentre sweeps (each one down and one up).
    pub sweeps: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            node_width: 200.0,
            node_height: 64.0,
            node_gap: 40.0,
            layer_gap: 80.0,
            dummy_width: 16.0,
            margin: 24.0,
            sweeps: 6,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn centre_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// One edge's polyline from its source box to its target box, and where
/// its label goes (in the gap just before the target).
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub points: Vec<Point>,
    pub label: Point,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// One box per input node, in input order.
    pub nodes: Vec<Rect>,
    /// One route per input edge, in input order.
    pub edges: Vec<Route>,
}

/// Lays out nodes `0..layers.len()` (node `i` in layer `layers[i]`; any
/// integers, only their order matters) and `edges` (source, target).
/// Edges naming a node that does not exist are skipped (no route).
pub fn layout(layers: &[i32], edges: &[(usize, usize)], options: &LayoutOptions) -> Layout {
    let mut grid = Grid::new(layers);
    let chains: Vec<Option<Vec<usize>>> = edges
        .iter()
        .map(|&(from, to)| (from < layers.len() && to < layers.len()).then(|| grid.chain(from, to)))
        .collect();
    grid.order(options.sweeps);
    let slots = grid.place(options);
    let width = slots.iter().map(|r| r.right()).fold(0.0, f64::max)
        + options.margin
        + options.node_gap / 2.0;
    let height = slots.iter().map(|r| r.bottom()).fold(0.0, f64::max)
        + options.margin
        + options.layer_gap / 2.0;
    let ports = Ports::new(&grid, &slots, &chains);
    let routes = chains
        .iter()
        .enumerate()
        .map(|(i, chain)| match chain {
            Some(chain) => ports.route(i, chain, &slots, options),
            None => Route {
                points: Vec::new(),
                label: Point { x: 0.0, y: 0.0 },
            },
        })
        .collect();
    Layout {
        width,
        height,
        nodes: slots[..layers.len()].to_vec(),
        edges: routes,
    }
}

/// Slots (nodes first, then dummies), their layer and order in it, and
/// the segments between neighbouring layers.
struct Grid {
    real: usize,
    layer: Vec<usize>,
    /// Per layer, the slots left to right.
    rows: Vec<Vec<usize>>,
    /// Segments (upper slot, lower slot) between neighbouring layers.
    segments: Vec<(usize, usize)>,
}

impl Grid {
    fn new(layers: &[i32]) -> Grid {
        let mut distinct: Vec<i32> = layers.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let layer: Vec<usize> = layers
            .iter()
            .map(|l| distinct.binary_search(l).unwrap_or(0))
            .collect();
        let mut rows = vec![Vec::new(); distinct.len()];
        for (slot, &l) in layer.iter().enumerate() {
            rows[l].push(slot);
        }
        Grid {
            real: layers.len(),
            layer,
            rows,
            segments: Vec::new(),
        }
    }

    /// The slots an edge passes, source first: dummies for each layer
    /// strictly between its ends.
    fn chain(&mut self, from: usize, to: usize) -> Vec<usize> {
        let (a, b) = (self.layer[from], self.layer[to]);
        let mut chain = vec![from];
        let between: Vec<usize> = if a < b {
            (a + 1..b).collect()
        } else {
            (b + 1..a).rev().collect()
        };
        for l in between {
            let slot = self.layer.len();
            self.layer.push(l);
            self.rows[l].push(slot);
            chain.push(slot);
        }
        chain.push(to);
        for pair in chain.windows(2) {
            let (x, y) = (pair[0], pair[1]);
            if self.layer[x] != self.layer[y] {
                let (upper, lower) = if self.layer[x] < self.layer[y] {
                    (x, y)
                } else {
                    (y, x)
                };
                self.segments.push((upper, lower));
            }
        }
        chain
    }

    fn position(&self) -> Vec<usize> {
        let mut position = vec![0; self.layer.len()];
        for row in &self.rows {
            for (i, &slot) in row.iter().enumerate() {
                position[slot] = i;
            }
        }
        position
    }

    /// Barycentre sweeps: each slot moves towards the mean position of its
    /// neighbours in the layer just swept; ties keep their order.
    fn order(&mut self, sweeps: usize) {
        for _ in 0..sweeps {
            for l in 1..self.rows.len() {
                self.sweep(l, true);
            }
            for l in (0..self.rows.len().saturating_sub(1)).rev() {
                self.sweep(l, false);
            }
        }
    }

    fn sweep(&mut self, l: usize, from_above: bool) {
        let position = self.position();
        let mut sums = vec![(0.0f64, 0usize); self.layer.len()];
        for &(upper, lower) in &self.segments {
            let (moving, fixed) = if from_above {
                (lower, upper)
            } else {
                (upper, lower)
            };
            if self.layer[moving] == l {
                sums[moving].0 += position[fixed] as f64;
                sums[moving].1 += 1;
            }
        }
        let key = |slot: usize| match sums[slot] {
            (_, 0) => position[slot] as f64,
            (sum, n) => sum / n as f64,
        };
        self.rows[l].sort_by(|&a, &b| key(a).total_cmp(&key(b)));
    }

    /// Boxes for every slot: rows centred on the widest row.
    fn place(&self, o: &LayoutOptions) -> Vec<Rect> {
        let width = |slot: usize| {
            if slot < self.real {
                o.node_width
            } else {
                o.dummy_width
            }
        };
        let row_width = |row: &Vec<usize>| -> f64 {
            row.iter().map(|&s| width(s)).sum::<f64>()
                + o.node_gap * row.len().saturating_sub(1) as f64
        };
        let widest = self.rows.iter().map(row_width).fold(0.0, f64::max);
        let mut slots = vec![
            Rect {
                x: 0.0,
                y: 0.0,
                width: 0.0,
                height: 0.0
            };
            self.layer.len()
        ];
        for (l, row) in self.rows.iter().enumerate() {
            let mut x = o.margin + o.node_gap / 2.0 + (widest - row_width(row)) / 2.0;
            let y = o.margin + o.layer_gap / 2.0 + l as f64 * (o.node_height + o.layer_gap);
            for &slot in row {
                slots[slot] = Rect {
                    x,
                    y,
                    width: width(slot),
                    height: o.node_height,
                };
                x += width(slot) + o.node_gap;
            }
        }
        slots
    }
}

/// A box's side: (slot, bottom side?).
type Side = (usize, bool);
/// An edge at a side: (edge, at its source?, x of the other end).
type PortUse = (usize, bool, f64);

/// Where each edge leaves and enters a box: each side's edges spread over
/// it, ordered by the x of their other end.
struct Ports {
    /// Per edge: x where it leaves its source and where it enters its target.
    ends: Vec<(f64, f64)>,
}

impl Ports {
    fn new(grid: &Grid, slots: &[Rect], chains: &[Option<Vec<usize>>]) -> Ports {
        let mut sides: BTreeMap<Side, Vec<PortUse>> = BTreeMap::new();
        for (edge, chain) in chains.iter().enumerate() {
            let Some(chain) = chain else { continue };
            let (first, last) = (chain[0], chain[chain.len() - 1]);
            if first == last {
                continue;
            }
            let (next, before) = (chain[1], chain[chain.len() - 2]);
            let down = grid.layer[next] >= grid.layer[first];
            sides
                .entry((first, down))
                .or_default()
                .push((edge, true, slots[next].centre_x()));
            let enter_from_below = grid.layer[before] >= grid.layer[last];
            sides.entry((last, enter_from_below)).or_default().push((
                edge,
                false,
                slots[before].centre_x(),
            ));
        }
        let mut ends = vec![(0.0, 0.0); chains.len()];
        for ((node, _), mut list) in sides {
            list.sort_by(|a, b| a.2.total_cmp(&b.2));
            let rect = slots[node];
            let n = list.len() as f64;
            for (k, (edge, source, _)) in list.into_iter().enumerate() {
                let x = rect.x + rect.width * (k as f64 + 1.0) / (n + 1.0);
                if source {
                    ends[edge].0 = x;
                } else {
                    ends[edge].1 = x;
                }
            }
        }
        Ports { ends }
    }

    fn route(&self, edge: usize, chain: &[usize], slots: &[Rect], o: &LayoutOptions) -> Route {
        let (first, last) = (chain[0], chain[chain.len() - 1]);
        let a = slots[first];
        if first == last {
            return self_loop(a, o);
        }
        let b = slots[last];
        if chain.len() == 2 && a.y == b.y {
            return same_layer(self.ends[edge], a, b, o);
        }
        let mut points = Vec::with_capacity(chain.len() * 2);
        let (start_x, end_x) = self.ends[edge];
        let down = slots[chain[1]].y > a.y;
        points.push(Point {
            x: start_x,
            y: if down { a.bottom() } else { a.y },
        });
        // A dummy is passed straight through its own slot, top to bottom
        // or bottom to top.
        for &dummy in &chain[1..chain.len() - 1] {
            let d = slots[dummy];
            let (enter, leave) = if down {
                (d.y, d.bottom())
            } else {
                (d.bottom(), d.y)
            };
            points.push(Point {
                x: d.centre_x(),
                y: enter,
            });
            points.push(Point {
                x: d.centre_x(),
                y: leave,
            });
        }
        let end = Point {
            x: end_x,
            y: if down { b.y } else { b.bottom() },
        };
        let before = points[points.len() - 1];
        points.push(end);
        Route {
            label: Point {
                x: (before.x + end.x) / 2.0,
                y: (before.y + end.y) / 2.0,
            },
            points,
        }
    }
}

fn same_layer(ends: (f64, f64), a: Rect, b: Rect, o: &LayoutOptions) -> Route {
    let dip = a.bottom() + o.layer_gap / 3.0;
    let points = vec![
        Point {
            x: ends.0,
            y: a.bottom(),
        },
        Point { x: ends.0, y: dip },
        Point { x: ends.1, y: dip },
        Point {
            x: ends.1,
            y: b.bottom(),
        },
    ];
    Route {
        label: Point {
            x: (ends.0 + ends.1) / 2.0,
            y: dip,
        },
        points,
    }
}

fn self_loop(a: Rect, o: &LayoutOptions) -> Route {
    let out = a.right() + o.node_gap / 3.0;
    let (top, bottom) = (a.y + a.height / 4.0, a.y + a.height * 3.0 / 4.0);
    Route {
        points: vec![
            Point {
                x: a.right(),
                y: top,
            },
            Point { x: out, y: top },
            Point { x: out, y: bottom },
            Point {
                x: a.right(),
                y: bottom,
            },
        ],
        label: Point {
            x: out,
            y: a.y + a.height / 2.0,
        },
    }
}
