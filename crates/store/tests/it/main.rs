//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

mod desk;
mod fleet;
mod store;
