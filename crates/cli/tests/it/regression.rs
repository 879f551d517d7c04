//! One test per fixed bug, named after what went wrong.

use crate::common;

use common::server::get_json;
use common::{Backend, TestDb};
use std::process::Stdio;

const DEMO_V1: &str = include_str!("../../demo/demo-list-v1.ftm.json");

/// `serve` printed its banner with `println!`; when whoever started it had
/// already closed the pipe, printing panicked and killed the server.
#[test]
fn serve_survives_its_stdout_being_closed() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("demo.ftm.json");
    std::fs::write(&list, DEMO_V1).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&list),
        "--source",
        "demo",
    ]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("meldpunt"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("MELDPUNT_DB", &db.url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start meldpunt serve");
    drop(child.stdout.take());
    let base = format!("http://127.0.0.1:{port}");
    let mut health = None;
    for _ in 0..100 {
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("server exited with {status} after its stdout closed");
        }
        if let Ok(body) = std::panic::catch_unwind(|| get_json(&format!("{base}/healthz"))) {
            health = Some(body);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        health.is_some_and(|h| h.is_object()),
        "server never answered"
    );
}
