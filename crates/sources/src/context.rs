//! The state shared by every reader during one import: the sink entities go
//! to, duplicate-id detection, warnings and the source's own metadata.

use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

use meldpunt_model::Entity;

use crate::{ColumnMapping, Format, Location, SourceError, SourceInput, Warning};

/// One entity and where it was read. In a delta file (OpenSanctions
/// `ADD`/`MOD`/`DEL` lines) `deleted` marks an entity removed since the
/// previous version; only its id is meaningful then.
#[derive(Debug, Clone)]
pub struct Record {
    pub entity: Entity,
    pub location: Location,
    pub deleted: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Column mapping for the tabular reader; without it the reader expects
    /// the default headers (see [`ColumnMapping::default`]).
    pub mapping: Option<ColumnMapping>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileDigest {
    pub path: PathBuf,
    pub sha256: String,
    pub bytes: u64,
}

/// What a finished read reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReadOutcome {
    pub format: Format,
    /// The publication or generation date the source states, as printed
    /// (ISO date or date-time).
    pub published: Option<String>,
    pub files: Vec<FileDigest>,
    pub entities: u64,
    pub warnings: Vec<Warning>,
    /// True for delta files: records change the previous version rather than
    /// replace it.
    pub delta: bool,
}

pub type Sink<'a> = dyn FnMut(Record) -> Result<(), SourceError> + 'a;

/// Handed to each reader; readers call [`ReadContext::emit`] once per entity.
pub struct ReadContext<'a> {
    sink: &'a mut Sink<'a>,
    seen: HashSet<String>,
    pub options: &'a ReadOptions,
    pub(crate) published: Option<String>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) entities: u64,
    pub(crate) delta: bool,
}

const MAX_WARNINGS: usize = 10_000;
/// Longer names or ids are corrupt input, not names: they would also make
/// every screening comparison against them slow.
pub const MAX_NAME_CHARS: usize = 2_000;
pub const MAX_ID_CHARS: usize = 500;
/// Free text (notes, reasons, addresses) may be long, but not unbounded.
pub const MAX_VALUE_BYTES: usize = 256 * 1024;

fn check_sizes(entity: &Entity) -> Result<(), String> {
    if entity.id.chars().count() > MAX_ID_CHARS {
        return Err(format!("entity id longer than {MAX_ID_CHARS} characters"));
    }
    if let Some(name) = entity
        .names
        .iter()
        .find(|n| n.value.chars().count() > MAX_NAME_CHARS)
    {
        return Err(format!(
            "entity {}: name longer than {MAX_NAME_CHARS} characters ({} bytes)",
            entity.id,
            name.value.len()
        ));
    }
    let long_property = entity
        .properties
        .iter()
        .find(|(_, values)| values.iter().any(|v| v.len() > MAX_VALUE_BYTES));
    if let Some((property, _)) = long_property {
        return Err(format!(
            "entity {}: {property} value larger than {} KiB",
            entity.id,
            MAX_VALUE_BYTES / 1024
        ));
    }
    Ok(())
}

impl<'a> ReadContext<'a> {
    pub fn new(options: &'a ReadOptions, sink: &'a mut Sink<'a>) -> Self {
        ReadContext {
            sink,
            seen: HashSet::new(),
            options,
            published: None,
            warnings: Vec::new(),
            entities: 0,
            delta: false,
        }
    }

    /// Passes one entity on. A second entity with an id already emitted is an
    /// error: it means the file is corrupt or two sources were mixed.
    pub fn emit(&mut self, mut entity: Entity, location: Location) -> Result<(), SourceError> {
        if entity.id.trim().is_empty() {
            return Err(SourceError::parse(location, "entity without an id"));
        }
        check_sizes(&entity).map_err(|message| SourceError::parse(location.clone(), message))?;
        if !self.seen.insert(entity.id.clone()) {
            return Err(SourceError::DuplicateId {
                location,
                id: entity.id,
            });
        }
        entity.canonicalize();
        self.entities += 1;
        (self.sink)(Record {
            entity,
            location,
            deleted: false,
        })
    }

    /// Passes on the removal of entity `id` (delta files only). Marks the
    /// outcome as a delta: the store applies it on top of the previous version.
    pub fn emit_deletion(
        &mut self,
        id: &str,
        schema: meldpunt_model::Schema,
        location: Location,
    ) -> Result<(), SourceError> {
        if !self.seen.insert(id.to_string()) {
            return Err(SourceError::DuplicateId {
                location,
                id: id.to_string(),
            });
        }
        self.delta = true;
        self.entities += 1;
        let entity = Entity::new(id, schema);
        (self.sink)(Record {
            entity,
            location,
            deleted: true,
        })
    }

    /// Marks this read as a delta even when it holds no deletions.
    pub fn mark_delta(&mut self) {
        self.delta = true;
    }

    pub fn warn(&mut self, location: Location, message: impl Into<String>) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(Warning {
                location,
                message: message.into(),
            });
        }
    }

    /// Records the source's own publication/generation date.
    pub fn set_published(&mut self, date: impl Into<String>) {
        let date = date.into();
        if !date.trim().is_empty() {
            self.published = Some(date.trim().to_string());
        }
    }

    pub fn entities(&self) -> u64 {
        self.entities
    }
}

/// SHA-256 and size of each file, in order.
pub fn digest_files(files: &[PathBuf]) -> Result<Vec<FileDigest>, SourceError> {
    files.iter().map(digest).collect()
}

fn digest(path: &PathBuf) -> Result<FileDigest, SourceError> {
    let mut file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(|e| SourceError::io(path, e))?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        hasher.update(&buffer[..n]);
    }
    Ok(FileDigest {
        path: path.clone(),
        sha256: hex::encode(hasher.finalize()),
        bytes,
    })
}

/// Reads one source into memory: for tests, tools and small lists. Imports
/// of real lists stream through [`read_input`] instead.
pub fn read_records(
    input: &SourceInput,
    options: &ReadOptions,
) -> Result<(ReadOutcome, Vec<Record>), SourceError> {
    let mut records = Vec::new();
    let outcome = read_input(input, options, &mut |record| {
        records.push(record);
        Ok(())
    })?;
    Ok((outcome, records))
}

/// Reads one source, streaming its entities into `sink`.
pub fn read_input<'a>(
    input: &SourceInput,
    options: &'a ReadOptions,
    sink: &'a mut Sink<'a>,
) -> Result<ReadOutcome, SourceError> {
    let files = input
        .files
        .iter()
        .map(digest)
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(empty) = files.iter().find(|f| f.bytes == 0) {
        return Err(SourceError::Empty {
            path: empty.path.clone(),
        });
    }
    let mut context = ReadContext::new(options, sink);
    match input.format {
        Format::EuFsf => crate::eu_fsf::read(&input.files, &mut context)?,
        Format::Un => crate::un::read(&input.files, &mut context)?,
        Format::OfacCsv => crate::ofac_csv::read(&input.files, &mut context)?,
        Format::OfacXml => crate::ofac_xml::read(&input.files, &mut context)?,
        Format::Uk => crate::uk::read(&input.files, &mut context)?,
        Format::Tabular => crate::tabular::read(&input.files, &mut context)?,
        Format::Ftm => crate::ftm::read(&input.files, &mut context)?,
        Format::EuJournal => crate::eu_journal::read(&input.files, &mut context)?,
    }
    if context.entities == 0 {
        return Err(SourceError::Empty {
            path: input.files.first().cloned().unwrap_or_default(),
        });
    }
    Ok(ReadOutcome {
        format: input.format,
        published: context.published,
        files,
        entities: context.entities,
        warnings: context.warnings,
        delta: context.delta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use meldpunt_model::{Name, NameKind, Schema};

    #[test]
    fn oversized_names_are_rejected_with_their_location() {
        let options = ReadOptions::default();
        let mut sink = |_record: Record| Ok(());
        let mut context = ReadContext::new(&options, &mut sink);
        let mut entity = Entity::new("e1", Schema::Person);
        entity.add_name(Name::new("x".repeat(10 * 1024 * 1024), NameKind::Primary));
        let error = context
            .emit(entity, Location::line("list.csv", 7))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("list.csv:7") && error.contains("name longer than"),
            "{error}"
        );
        let mut fine = Entity::new("e2", Schema::Person);
        fine.add_name(Name::new("Jan Jansen", NameKind::Primary));
        assert!(context.emit(fine, Location::line("list.csv", 8)).is_ok());
    }
}
