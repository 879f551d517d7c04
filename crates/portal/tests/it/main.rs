//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod account_pages;
mod browser;
mod browser_flows;
mod cases_pages;
mod ownership_pages;
mod pages;
mod reports_pages;
mod security;
mod statistics_pages;
