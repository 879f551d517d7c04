//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod explanations;
mod layout;
mod properties;
mod rules;
mod shareholding_csv;
mod view;
mod zala;
