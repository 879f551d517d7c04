//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod deadlines;
mod fixtures;
mod props;
mod returns_csv;
mod routing;
mod rules;
mod shape;
mod snapshots;
mod xml_intake;
