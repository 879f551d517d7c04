//! Helpers for tests and benchmarks. Real data lives outside the repository
//! in `../shared/data` (override with `MELDPUNT_SHARED_DATA`); it is never
//! copied into the repo.

use std::path::PathBuf;

/// True when running under CI, where missing prerequisites must fail tests.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The shared data folder, or `None` (with a note on stderr) when it is
/// absent outside CI. Under CI a missing folder panics: such tests must fail,
/// never skip.
pub fn shared_data() -> Option<PathBuf> {
    let dir = match std::env::var_os("MELDPUNT_SHARED_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    if in_ci() {
        panic!(
            "shared data folder {} is missing (set MELDPUNT_SHARED_DATA)",
            dir.display()
        );
    }
    eprintln!("skipping: shared data folder {} not found", dir.display());
    None
}

/// A file under the shared data folder; see [`shared_data`].
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = shared_data()?.join(relative);
    if !path.exists() && in_ci() {
        panic!("shared data file {} is missing", path.display());
    }
    path.exists().then_some(path)
}

/// The PostgreSQL server for tests: `MELDPUNT_TEST_PG`, by default the CI
/// server at 127.0.0.1:5432. `None` outside CI when unset and unreachable
/// is decided by the caller, who tries to connect.
pub fn postgres_admin_url() -> String {
    std::env::var("MELDPUNT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

#[cfg(feature = "browser")]
pub mod browser;
pub mod sample;
