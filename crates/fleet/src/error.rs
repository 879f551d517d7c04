use std::path::PathBuf;

/// Everything that can go wrong while reading AIS data. Stream errors carry
/// the 1-based line number (0 when a payload was decoded outside a stream);
/// file errors carry the path as well.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("line {line}: line of {len} bytes exceeds the {max}-byte limit")]
    LineTooLong { line: usize, len: usize, max: usize },
    #[error("line {line}: not an NMEA sentence: {excerpt:?}")]
    NotNmea { line: usize, excerpt: String },
    #[error("line {line}: sentence has no '*hh' checksum")]
    MissingChecksum { line: usize },
    #[error(
        "line {line}: bad checksum: sentence says {expected:02X}, content gives {computed:02X}"
    )]
    BadChecksum {
        line: usize,
        expected: u8,
        computed: u8,
    },
    #[error("line {line}: bad tag block: {reason}")]
    BadTagBlock { line: usize, reason: String },
    #[error("line {line}: bad tag block checksum: block says {expected:02X}, content gives {computed:02X}")]
    BadTagBlockChecksum {
        line: usize,
        expected: u8,
        computed: u8,
    },
    #[error("line {line}: bad {field} field {value:?}")]
    BadField {
        line: usize,
        field: &'static str,
        value: String,
    },
    #[error("line {line}: character {character:?} at payload position {position} is not AIS 6-bit armouring")]
    BadArmour {
        line: usize,
        character: char,
        position: usize,
    },
    #[error("line {line}: {fill} fill bits is not in 0..=5 or exceeds the payload")]
    BadFillBits { line: usize, fill: u8 },
    #[error("line {line}: empty payload")]
    EmptyPayload { line: usize },
    #[error("line {line}: payload of {len} characters exceeds the {max}-character limit")]
    PayloadTooLong { line: usize, len: usize, max: usize },
    #[error("line {line}: message type {msg_type} needs {needed} bits, payload has {bits}")]
    PayloadTooShort {
        line: usize,
        msg_type: u8,
        bits: usize,
        needed: usize,
    },
    #[error("line {line}: fragment {number} of {count} is impossible")]
    BadFragment { line: usize, number: u8, count: u8 },
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{}, line {line}: {message}", file.display())]
    Csv {
        file: PathBuf,
        line: u64,
        message: String,
    },
    /// A JSON document that does not parse at all.
    #[error("{}, line {line}, column {column}: {message}", file.display())]
    Json {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A list entry whose field has the wrong shape; `entry` is 0-based.
    #[error("{}, entry {entry}, field {field:?}: {message}", file.display())]
    ListField {
        file: PathBuf,
        entry: usize,
        field: &'static str,
        message: String,
    },
}

impl DecodeError {
    /// Places an error raised while decoding a payload on the stream line the
    /// payload came from, so every stream error names its line.
    pub(crate) fn at_line(mut self, n: usize) -> Self {
        match &mut self {
            Self::LineTooLong { line, .. }
            | Self::NotNmea { line, .. }
            | Self::MissingChecksum { line }
            | Self::BadChecksum { line, .. }
            | Self::BadTagBlock { line, .. }
            | Self::BadTagBlockChecksum { line, .. }
            | Self::BadField { line, .. }
            | Self::BadArmour { line, .. }
            | Self::BadFillBits { line, .. }
            | Self::EmptyPayload { line }
            | Self::PayloadTooLong { line, .. }
            | Self::PayloadTooShort { line, .. }
            | Self::BadFragment { line, .. } => *line = n,
            Self::Io { .. } | Self::Csv { .. } | Self::Json { .. } | Self::ListField { .. } => {}
        }
        self
    }

    /// The stream line the error is about, when it is about one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::LineTooLong { line, .. }
            | Self::NotNmea { line, .. }
            | Self::MissingChecksum { line }
            | Self::BadChecksum { line, .. }
            | Self::BadTagBlock { line, .. }
            | Self::BadTagBlockChecksum { line, .. }
            | Self::BadField { line, .. }
            | Self::BadArmour { line, .. }
            | Self::BadFillBits { line, .. }
            | Self::EmptyPayload { line }
            | Self::PayloadTooLong { line, .. }
            | Self::PayloadTooShort { line, .. }
            | Self::BadFragment { line, .. } => Some(*line),
            Self::Io { .. } | Self::ListField { .. } => None,
            Self::Json { line, .. } => Some(*line),
            Self::Csv { line, .. } => usize::try_from(*line).ok(),
        }
    }
}
