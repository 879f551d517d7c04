//! Streaming readers for sanctions lists. Each format lives in its own module
//! and pushes entities one at a time into a sink, so memory stays bounded by
//! one entity (plus small per-format lookup tables) whatever the file size.
//!
//! ```no_run
//! use meldpunt_sources::{plan_inputs, read_input, ReadOptions};
//! let inputs = plan_inputs(&["sdn.csv".into()], None).unwrap();
//! for input in &inputs {
//!     let outcome = read_input(input, &ReadOptions::default(), &mut |record| {
//!         println!("{}", record.entity.caption());
//!         Ok(())
//!     }).unwrap();
//!     println!("{} entities", outcome.entities);
//! }
//! ```

mod context;
mod detect;
mod error;
pub mod eu_fsf;
pub mod eu_journal;
pub mod ftm;
pub mod ofac_csv;
mod ofac_remarks;
pub mod ofac_xml;
pub mod tabular;
pub mod uk;
pub mod un;
mod xml;

pub use context::{
    digest_files, read_input, read_records, FileDigest, ReadContext, ReadOptions, ReadOutcome,
    Record,
};
pub use detect::{detect_format, is_delta, plan_inputs, Format, SourceInput};
pub use error::{Location, SourceError, Warning};
pub use tabular::ColumnMapping;
