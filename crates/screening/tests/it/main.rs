//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod ceiling;
mod name_groups;
mod name_rules;
mod recall;
mod score_guard;
mod scoring;
mod speed;
