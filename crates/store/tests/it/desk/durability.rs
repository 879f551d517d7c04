//! An `insert_report` that returned `Ok` is on disk: a writer process is
//! killed with SIGKILL mid-stream and every report it had reported as
//! committed must be in the SQLite file afterwards, with the chain intact.

use meldpunt_store::{Insert, Store};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use super::fixtures::{entry, report, seed_orgs};

/// Set in the child: the database it writes to.
const CHILD_DB: &str = "MELDPUNT_DESK_DURABILITY_DB";

/// Reports the parent waits for before killing the child.
const BEFORE_KILL: usize = 25;

pub async fn sqlite_commits_survive_sigkill(test_name: &str) {
    if let Ok(path) = std::env::var(CHILD_DB) {
        return write_until_killed(&path).await;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("desk.db");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", test_name, "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start writer");
    let stdout = child.stdout.take().expect("writer stdout");
    let mut committed = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read writer output");
        if let Some(id) = line.strip_prefix("committed ") {
            committed.push(id.to_string());
            if committed.len() == BEFORE_KILL {
                break;
            }
        }
    }
    // Child::kill sends SIGKILL on Unix: no destructors, no checkpoint.
    child.kill().expect("kill writer");
    child.wait().expect("reap writer");
    assert_eq!(committed.len(), BEFORE_KILL, "writer stopped early");

    let store = Store::connect(path.to_str().expect("UTF-8 path"))
        .await
        .expect("reopen");
    for id in &committed {
        assert!(
            store.report(id).await.expect("read").is_some(),
            "{id} was committed but is lost"
        );
    }
    let verdict = store.verify_audit().await.expect("verify");
    assert!(verdict.is_intact(), "{:?}", verdict.problems);
    assert!(verdict.entries >= 3 + BEFORE_KILL as u64);
    store.close().await;
}

async fn write_until_killed(path: &str) {
    let store = Store::connect(path).await.expect("open");
    seed_orgs(&store).await;
    // Bounded, so a writer orphaned by a failing parent stops by itself.
    for i in 0..2_000 {
        let id = format!("r{i}");
        let outcome = store
            .insert_report(&report(&id, "bank-a", None), &entry("report.create", &id))
            .await
            .expect("insert");
        assert!(matches!(outcome, Insert::Inserted(_)));
        println!("committed {id}");
    }
}
