//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

#[macro_use]
mod common;
mod accounts;
mod cases;
mod deadlines;
mod drafts;
mod intake;
mod isolation;
mod messages;
