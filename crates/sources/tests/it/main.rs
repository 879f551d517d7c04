//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

mod eu;
mod ftm;
mod ftm_fixtures;
mod ofac;
mod ofac_fixtures;
mod tabular;
mod uk;
mod un;
mod un_real;
