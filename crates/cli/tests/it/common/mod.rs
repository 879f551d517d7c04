//! Test support: a database per test on either backend, and a way to run the
//! real `meldpunt` binary against it.

#![allow(dead_code)]

pub mod reporting;
pub mod server;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test; PostgreSQL databases are dropped
/// when the test ends.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

fn psql(sql: &str) -> Result<(), String> {
    let admin = meldpunt_testkit::postgres_admin_url();
    let output = std::process::Command::new("psql")
        .args([admin.as_str(), "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

impl TestDb {
    /// `None` when PostgreSQL is unreachable outside CI; under CI that panics.
    pub fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().ok()?;
                let url = dir.path().join("meldpunt.db").display().to_string();
                Some(TestDb {
                    url,
                    _dir: Some(dir),
                    pg_name: None,
                })
            }
            Backend::Postgres => {
                let name = format!("meldpunt_cli_{}_{}", std::process::id(), unique());
                match psql(&format!("CREATE DATABASE {name}")) {
                    Ok(()) => {}
                    Err(error) if meldpunt_testkit::in_ci() => {
                        panic!("PostgreSQL is required under CI: {error}")
                    }
                    Err(error) => {
                        eprintln!("skipping PostgreSQL test: {error}");
                        return None;
                    }
                }
                let admin = meldpunt_testkit::postgres_admin_url();
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                Some(TestDb {
                    url: format!("{base}/{name}"),
                    _dir: None,
                    pg_name: Some(name),
                })
            }
        }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("meldpunt").expect("binary built");
        cmd.env("MELDPUNT_DB", &self.url).env_remove("MELDPUNT_LOG");
        cmd
    }

    /// Runs the binary, asserting success, and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd().args(args).output().expect("run meldpunt");
        assert!(
            output.status.success(),
            "meldpunt {args:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs the binary, asserting failure, and returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.cmd().args(args).output().expect("run meldpunt");
        assert!(
            !output.status.success(),
            "meldpunt {args:?} should fail but printed:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            let _ = psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    nanos * 1000 + COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// Runs a test body once per backend.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                if let Some(db) = TestDb::new(Backend::Sqlite) {
                    ($body)(&db);
                }
            }
            #[test]
            fn postgres() {
                if let Some(db) = TestDb::new(Backend::Postgres) {
                    ($body)(&db);
                }
            }
        }
    };
}

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sources/tests/fixtures")
        .join(relative)
}

pub fn path_str(path: &Path) -> String {
    path.display().to_string()
}
