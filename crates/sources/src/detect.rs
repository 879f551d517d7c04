//! Content detection: which reader a file needs, from its first bytes, and
//! how paths group into sources (OFAC's four CSV files are one source).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::SourceError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    EuFsf,
    Un,
    OfacCsv,
    OfacXml,
    Uk,
    Tabular,
    Ftm,
    EuJournal,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::EuFsf,
        Format::Un,
        Format::OfacCsv,
        Format::OfacXml,
        Format::Uk,
        Format::Tabular,
        Format::Ftm,
        Format::EuJournal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::EuFsf => "eu-fsf",
            Format::Un => "un",
            Format::OfacCsv => "ofac-csv",
            Format::OfacXml => "ofac-xml",
            Format::Uk => "uk",
            Format::Tabular => "tabular",
            Format::Ftm => "ftm",
            Format::EuJournal => "eu-journal",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// One source to import: a format and the files that make it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInput {
    pub format: Format,
    pub files: Vec<PathBuf>,
    /// The source name used when the user gives none, e.g. "ofac-sdn".
    pub default_name: String,
}

const SNIFF_BYTES: usize = 4096;

fn sniff(path: &Path) -> Result<String, SourceError> {
    let mut file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut buffer = vec![0u8; SNIFF_BYTES];
    let mut filled = 0;
    while filled < SNIFF_BYTES {
        let n = file
            .read(&mut buffer[filled..])
            .map_err(|e| SourceError::io(path, e))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buffer.truncate(filled);
    Ok(String::from_utf8_lossy(&buffer).into_owned())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Detects the format of one file from its content (and, for headerless OFAC
/// CSV, its name).
pub fn detect_format(path: &Path) -> Result<Format, SourceError> {
    let head = sniff(path)?;
    if head.trim().is_empty() {
        return Err(SourceError::Empty {
            path: path.to_path_buf(),
        });
    }
    let name = file_name(path);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        return detect_xml(&head).ok_or_else(|| SourceError::UnknownFormat {
            path: path.to_path_buf(),
        });
    }
    if trimmed.starts_with('{') {
        return Ok(Format::Ftm);
    }
    if head.as_bytes().starts_with(b"PK\x03\x04") {
        return Ok(Format::Tabular);
    }
    let first_line = trimmed.lines().next().unwrap_or_default();
    if first_line.starts_with("celex,recordId")
        || first_line.starts_with("amendedCelex,amendmentCelex")
    {
        return Ok(Format::EuJournal);
    }
    if is_uk_csv_header(first_line) {
        return Ok(Format::Uk);
    }
    let ofac_names = [
        "sdn.csv",
        "add.csv",
        "alt.csv",
        "sdn_comments.csv",
        "cons_prim.csv",
        "cons_add.csv",
        "cons_alt.csv",
        "cons_comments.csv",
    ];
    if ofac_names.contains(&name.as_str())
        && first_line
            .split(',')
            .next()
            .is_some_and(|c| c.trim().parse::<u64>().is_ok())
    {
        return Ok(Format::OfacCsv);
    }
    if name.ends_with(".csv") || name.ends_with(".tsv") {
        return Ok(Format::Tabular);
    }
    Err(SourceError::UnknownFormat {
        path: path.to_path_buf(),
    })
}

fn is_uk_csv_header(line: &str) -> bool {
    // The FCDO CSV starts with a "Report Date" line or a header with these columns.
    line.starts_with("Report Date") || (line.contains("Unique ID") && line.contains("Name 6"))
}

fn detect_xml(head: &str) -> Option<Format> {
    if head.contains("http://eu.europa.ec/fpi/fsd/export")
        || head.contains("<export") && head.contains("sanctionEntity")
    {
        Some(Format::EuFsf)
    } else if head.contains("<CONSOLIDATED_LIST") {
        Some(Format::Un)
    } else if head.contains("<sdnList") {
        Some(Format::OfacXml)
    } else if head.contains("<Designations") || head.contains("<ArrayOfFinancialSanctionsTarget") {
        Some(Format::Uk)
    } else {
        None
    }
}

fn default_name(format: Format, files: &[PathBuf]) -> String {
    let first = files.first().map(|p| file_name(p)).unwrap_or_default();
    let stem = first
        .rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or(first.clone());
    match format {
        Format::EuFsf => "eu-fsf".into(),
        Format::Un => "un-sc".into(),
        Format::OfacCsv if first.starts_with("cons_") => "ofac-cons".into(),
        Format::OfacCsv | Format::OfacXml => "ofac-sdn".into(),
        Format::Uk => "uk-fcdo".into(),
        Format::EuJournal => "eu-journal".into(),
        Format::Ftm => stem.split('.').next().unwrap_or("ftm").to_string(),
        Format::Tabular => stem,
    }
}

/// Groups paths into sources. A directory holding an OFAC CSV set, or EU
/// journal CSVs, is one source; OFAC's companion files are found beside
/// `sdn.csv`/`cons_prim.csv`; any other file is a source of its own.
pub fn plan_inputs(
    paths: &[PathBuf],
    forced: Option<Format>,
) -> Result<Vec<SourceInput>, SourceError> {
    let mut inputs: Vec<SourceInput> = Vec::new();
    for path in paths {
        if path.is_dir() {
            inputs.extend(plan_directory(path, forced)?);
            continue;
        }
        if !path.exists() {
            return Err(SourceError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        let format = match forced {
            Some(format) => format,
            None => detect_format(path)?,
        };
        let files = if format == Format::OfacCsv {
            ofac_set(path)
        } else {
            vec![path.clone()]
        };
        if inputs
            .iter()
            .any(|i| i.format == format && i.files == files)
        {
            continue;
        }
        let default_name = default_name(format, &files);
        inputs.push(SourceInput {
            format,
            files,
            default_name,
        });
    }
    Ok(inputs)
}

fn plan_directory(dir: &Path, forced: Option<Format>) -> Result<Vec<SourceInput>, SourceError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| SourceError::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let names: Vec<String> = files.iter().map(|p| file_name(p)).collect();
    for primary in ["sdn.csv", "cons_prim.csv"] {
        if names.iter().any(|n| n == primary) && forced.is_none_or(|f| f == Format::OfacCsv) {
            let path = dir.join(primary);
            let set = ofac_set(&path);
            let name = default_name(Format::OfacCsv, &set);
            let mut inputs = vec![SourceInput {
                format: Format::OfacCsv,
                files: set,
                default_name: name,
            }];
            if primary == "sdn.csv" && names.iter().any(|n| n == "cons_prim.csv") {
                let set = ofac_set(&dir.join("cons_prim.csv"));
                inputs.push(SourceInput {
                    format: Format::OfacCsv,
                    default_name: default_name(Format::OfacCsv, &set),
                    files: set,
                });
            }
            return Ok(inputs);
        }
    }
    let mut journal = Vec::new();
    let mut inputs = Vec::new();
    for file in files {
        let format = match forced {
            Some(format) => format,
            None => match detect_format(&file) {
                Ok(format) => format,
                Err(SourceError::UnknownFormat { .. }) => continue,
                Err(other) => return Err(other),
            },
        };
        if format == Format::EuJournal {
            journal.push(file);
        } else {
            inputs.extend(plan_inputs(&[file], Some(format))?);
        }
    }
    if !journal.is_empty() {
        let default_name = default_name(Format::EuJournal, &journal);
        inputs.push(SourceInput {
            format: Format::EuJournal,
            files: journal,
            default_name,
        });
    }
    Ok(inputs)
}

/// The primary OFAC file followed by whichever companions exist beside it.
fn ofac_set(primary: &Path) -> Vec<PathBuf> {
    let name = file_name(primary);
    let dir = primary.parent().unwrap_or(Path::new("."));
    let companions: &[&str] = if name.starts_with("cons_") {
        &[
            "cons_prim.csv",
            "cons_add.csv",
            "cons_alt.csv",
            "cons_comments.csv",
        ]
    } else {
        &["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    };
    let mut set: Vec<PathBuf> = companions
        .iter()
        .map(|companion| dir.join(companion))
        .filter(|path| path.is_file())
        .collect();
    if set.is_empty() || !set.iter().any(|p| p == primary) {
        set.insert(0, primary.to_path_buf());
    }
    set
}

/// Whether an FtM input is an OpenSanctions delta file (`{"op": …}` lines),
/// which changes the previous version instead of replacing it.
pub fn is_delta(input: &SourceInput) -> bool {
    input.format == Format::Ftm
        && input.files.iter().any(|path| {
            sniff(path)
                .map(|head| {
                    let first = head
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or_default();
                    let compact: String = first.chars().filter(|c| !c.is_whitespace()).collect();
                    compact.starts_with("{\"op\":")
                })
                .unwrap_or(false)
        })
}
