//! Reader: to be written.

use std::path::PathBuf;

use crate::{ReadContext, SourceError};

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let _ = (files, context);
    Err(SourceError::Sink("reader not implemented yet".into()))
}
