//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod admin;
mod demo;
mod durability;
mod fleet;
mod fleet_report;
mod lists_errors;
mod lists_real;
mod lists_update;
mod ownership;
mod regression;
mod screening;
mod serve;
mod serve_demo;
