//! Bad input through the real binary: a non-zero exit, a message naming the
//! file and the line or byte offset, and an unchanged store.

use crate::common;

use common::{Backend, TestDb};
use std::path::{Path, PathBuf};

const UN_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
<INDIVIDUALS>
<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JAN</FIRST_NAME><SECOND_NAME>JANSEN</SECOND_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER><LISTED_ON>2020-01-01</LISTED_ON></INDIVIDUAL>
"#;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// Imports a good version, then asserts `bad` fails naming `needle` and
/// leaves the store exactly as it was.
fn rejects(db: &TestDb, bad: &Path, extra: &[&str], needles: &[&str]) {
    let before = db.ok(&["lists", "ls"]);
    let mut args = vec!["lists", "import"];
    let bad_path = common::path_str(bad);
    args.push(&bad_path);
    args.extend_from_slice(extra);
    let stderr = db.fails(&args);
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "expected {needle:?} in error:\n{stderr}"
        );
    }
    assert_eq!(
        db.ok(&["lists", "ls"]),
        before,
        "store changed after a failed import"
    );
}

both_backends!(bad_input_is_rejected_and_store_unchanged, |db: &TestDb| {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = write(
        dir.path(),
        "good.xml",
        format!("{UN_HEAD}</INDIVIDUALS></CONSOLIDATED_LIST>").as_bytes(),
    );
    db.ok(&["lists", "import", &common::path_str(&good)]);

    let truncated = write(
        dir.path(),
        "truncated.xml",
        &UN_HEAD.as_bytes()[..UN_HEAD.len() - 40],
    );
    rejects(db, &truncated, &[], &["truncated.xml", "byte"]);

    let mut latin1 = format!("{UN_HEAD}</INDIVIDUALS></CONSOLIDATED_LIST>").into_bytes();
    let at = latin1
        .windows(6)
        .position(|w| w == b"JANSEN")
        .expect("name");
    latin1[at + 1] = 0xC9; // a Latin-1 "É" in a file that says UTF-8
    let wrong_encoding = write(dir.path(), "latin1.xml", &latin1);
    rejects(db, &wrong_encoding, &[], &["latin1.xml", "UTF-8"]);

    let unknown = write(dir.path(), "mystery.bin", b"\x00\x01 not a sanctions list");
    rejects(db, &unknown, &[], &["mystery.bin", "unknown list format"]);

    let duplicate_record = UN_HEAD.lines().nth(3).unwrap_or_default();
    let duplicate = write(
        dir.path(),
        "duplicate.xml",
        format!("{UN_HEAD}{duplicate_record}\n</INDIVIDUALS></CONSOLIDATED_LIST>").as_bytes(),
    );
    rejects(
        db,
        &duplicate,
        &[],
        &["duplicate.xml", "duplicate entity id", "un-1"],
    );

    let empty = write(dir.path(), "empty.xml", b"");
    rejects(db, &empty, &["--format", "un"], &["empty.xml"]);

    let missing = dir.path().join("does-not-exist.xml");
    rejects(db, &missing, &[], &["does-not-exist.xml"]);
});

#[test]
fn unknown_format_flag_is_rejected_by_the_cli() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let stderr = db.fails(&["lists", "import", "x.csv", "--format", "pdf"]);
    assert!(stderr.contains("invalid value 'pdf'"), "{stderr}");
}
