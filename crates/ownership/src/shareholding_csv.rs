//! Shareholding registers as CSV:
//! `owner_id,owned_id,percentage,start_date,end_date,source[,control]`.
//!
//! `percentage` takes the shapes of [`Percentage::parse`] and may be empty
//! (a stake of unknown size, e.g. a row that only records control); dates
//! take the shapes of [`PartialDate::parse`] and may be empty; `control`
//! (true/false, yes/no, 1/0, empty = false) marks the power to direct the
//! owned entity beyond the shares (voting agreements, appointment rights).

use meldpunt_model::{Entity, PartialDate, Schema};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{OwnershipError, OwnershipGraphBuilder, Percentage, RelationInput, RelationKind};

const REQUIRED: [&str; 6] = [
    "owner_id",
    "owned_id",
    "percentage",
    "start_date",
    "end_date",
    "source",
];
const OPTIONAL: [&str; 1] = ["control"];

#[derive(Debug, Clone, PartialEq)]
pub struct Shareholding {
    pub owner_id: String,
    pub owned_id: String,
    pub percentage: Option<Percentage>,
    pub start_date: Option<PartialDate>,
    pub end_date: Option<PartialDate>,
    pub source: Option<String>,
    pub control: bool,
}

impl Shareholding {
    pub fn to_relation(&self) -> RelationInput {
        let mut input = RelationInput::new(&self.owner_id, &self.owned_id, RelationKind::Ownership);
        input.percentage = self.percentage;
        input.start = self.start_date;
        input.end = self.end_date;
        input.source = self.source.clone();
        input.control = self.control;
        input
    }
}

impl Shareholding {
    /// The row as an FtM `Ownership` entity (owner, asset, percentage,
    /// startDate, endDate, and the non-standard `control` flag), so
    /// registry extracts are stored and versioned like any list and read
    /// back by [`OwnershipGraphBuilder::add_entity`].
    pub fn to_entity(&self, id: impl Into<String>) -> Entity {
        let mut entity = Entity::new(id, Schema::Ownership);
        entity.add_property("owner", self.owner_id.as_str());
        entity.add_property("asset", self.owned_id.as_str());
        if let Some(percentage) = self.percentage {
            entity.add_property("percentage", percentage.to_string());
        }
        if let Some(start) = self.start_date {
            entity.add_property("startDate", start.to_string());
        }
        if let Some(end) = self.end_date {
            entity.add_property("endDate", end.to_string());
        }
        if let Some(source) = &self.source {
            entity.add_property("publisher", source.as_str());
        }
        if self.control {
            entity.add_property("control", "true");
        }
        entity
    }
}

impl OwnershipGraphBuilder {
    pub fn add_shareholding(&mut self, holding: &Shareholding) {
        self.add_relation(&holding.to_relation());
    }

    /// Reads a shareholding CSV into the graph; returns the rows added.
    pub fn read_shareholdings(&mut self, path: &Path) -> Result<usize, OwnershipError> {
        let holdings = read_shareholdings(path)?;
        for holding in &holdings {
            self.add_shareholding(holding);
        }
        Ok(holdings.len())
    }
}

pub fn read_shareholdings(path: &Path) -> Result<Vec<Shareholding>, OwnershipError> {
    let file = std::fs::File::open(path).map_err(|source| OwnershipError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    parse_shareholdings(file, path)
}

/// Parses CSV from `reader`; `file` names it in errors.
pub fn parse_shareholdings<R: Read>(
    reader: R,
    file: &Path,
) -> Result<Vec<Shareholding>, OwnershipError> {
    let csv_error = |source| OwnershipError::Csv {
        file: file.to_path_buf(),
        source,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = reader.headers().map_err(csv_error)?.clone();
    let columns = Columns::from_header(&header, file)?;
    let mut holdings = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let row = Row {
            record: &record,
            file,
            line,
        };
        holdings.push(columns.parse(&row)?);
    }
    Ok(holdings)
}

/// Field positions by name.
struct Columns {
    required: [usize; 6],
    control: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord, file: &Path) -> Result<Columns, OwnershipError> {
        let missing = || OwnershipError::MissingHeader {
            file: file.to_path_buf(),
            expected: format!("{} (optional: {})", REQUIRED.join(","), OPTIONAL.join(",")),
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        if !REQUIRED.iter().any(|r| names.iter().any(|n| n == r)) {
            return Err(missing());
        }
        if let Some(unknown) = names
            .iter()
            .find(|n| !REQUIRED.contains(&n.as_str()) && !OPTIONAL.contains(&n.as_str()))
        {
            return Err(OwnershipError::UnknownColumn {
                file: file.to_path_buf(),
                line: 1,
                column: unknown.clone(),
            });
        }
        let position = |name: &str| names.iter().position(|n| n == name);
        let mut required = [0; 6];
        for (slot, name) in required.iter_mut().zip(REQUIRED) {
            *slot = position(name).ok_or_else(missing)?;
        }
        Ok(Columns {
            required,
            control: position("control"),
        })
    }

    fn parse(&self, row: &Row) -> Result<Shareholding, OwnershipError> {
        let [owner, owned, percentage, start, end, source] = self.required;
        let start_date = row.date(start, "start_date")?;
        let end_date = row.date(end, "end_date")?;
        if let (Some(s), Some(e)) = (start_date, end_date) {
            if s > e {
                return Err(row.invalid(end, "end_date", "before start_date".to_string()));
            }
        }
        Ok(Shareholding {
            owner_id: row.id(owner, "owner_id")?,
            owned_id: row.id(owned, "owned_id")?,
            percentage: row.percentage(percentage)?,
            start_date,
            end_date,
            source: Some(row.field(source).to_string()).filter(|s| !s.is_empty()),
            control: self.control.map_or(Ok(false), |c| row.flag(c, "control"))?,
        })
    }
}

struct Row<'a> {
    record: &'a csv::StringRecord,
    file: &'a Path,
    line: u64,
}

impl Row<'_> {
    fn field(&self, index: usize) -> &str {
        self.record.get(index).unwrap_or("")
    }

    fn invalid(&self, index: usize, field: &str, reason: String) -> OwnershipError {
        OwnershipError::InvalidField {
            file: PathBuf::from(self.file),
            line: self.line,
            field: field.to_string(),
            value: self.field(index).to_string(),
            reason,
        }
    }

    fn id(&self, index: usize, field: &str) -> Result<String, OwnershipError> {
        match self.field(index) {
            "" => Err(self.invalid(index, field, "empty".to_string())),
            id => Ok(id.to_string()),
        }
    }

    fn percentage(&self, index: usize) -> Result<Option<Percentage>, OwnershipError> {
        match self.field(index) {
            "" => Ok(None),
            text => Percentage::parse(text).map(Some).map_err(|e| match e {
                OwnershipError::InvalidPercentage { reason, .. } => {
                    self.invalid(index, "percentage", reason.to_string())
                }
                other => self.invalid(index, "percentage", other.to_string()),
            }),
        }
    }

    fn date(&self, index: usize, field: &str) -> Result<Option<PartialDate>, OwnershipError> {
        match self.field(index) {
            "" => Ok(None),
            text => PartialDate::parse(text)
                .map(Some)
                .map_err(|e| self.invalid(index, field, e.to_string())),
        }
    }

    fn flag(&self, index: usize, field: &str) -> Result<bool, OwnershipError> {
        match self.field(index).to_lowercase().as_str() {
            "" | "false" | "no" | "0" | "n" => Ok(false),
            "true" | "yes" | "1" | "y" => Ok(true),
            _ => Err(self.invalid(index, field, "expected true or false".to_string())),
        }
    }
}
