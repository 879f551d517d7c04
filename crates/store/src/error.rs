use thiserror::Error;

/// Everything that can go wrong in the store. Connection and migration
/// errors name the database by its URL with any password masked.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("unsupported store URL {0}: expected postgres://…, sqlite://…, sqlite::memory: or a file path")]
    UnsupportedUrl(String),
    #[error("cannot open store {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot migrate store {url}: {source}")]
    Migrate {
        url: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("no version {0}")]
    NoVersion(i64),
    #[error("version {version} is of source {actual}, not {expected}")]
    SourceMismatch {
        version: i64,
        actual: String,
        expected: String,
    },
    #[error("entity {0} was added twice in one import")]
    DuplicateEntity(String),
    #[error(
        "this import already copies version {0}; a version can be a delta of one version only"
    )]
    AlreadyCopied(i64),
    #[error("copy_from must come before any add or remove in an import")]
    CopyAfterChanges,
    #[error("corrupt store data: {0}")]
    Corrupt(String),
    /// A write that clashes with what is stored: a key already taken (an
    /// email, an API key prefix, a draft of another organisation) or a
    /// reference to a row that does not exist.
    #[error("conflict: {0}")]
    Conflict(String),
}
