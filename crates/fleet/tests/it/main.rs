//! One integration-test binary per crate: each module was a test file
//! of its own, and linking a binary per file filled CI disks.

mod detectors;
mod fixtures;
mod libais;
mod marinecadastre;
mod mid;
mod parallel;
mod properties;
mod registry;
mod robustness;
mod scenario_detection;
mod streams;
