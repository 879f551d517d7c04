//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
#[macro_use]
mod desk_app;
mod api_snapshots;
mod cases_api;
mod end_to_end;
mod isolation_api;
mod issue_language;
mod match_yente;
mod messages_api;
mod openapi;
mod reports_api;
mod robustness;
mod rules_api;
mod screen;
mod statistics_api;
