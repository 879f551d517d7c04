//! The console commands of the reporting point end to end: `org`, `user`
//! and `audit`, including `audit verify` catching an audit log that was
//! altered behind the application's back (triggers dropped first, as an
//! intruder with database access would).

use crate::common;

use common::reporting::{
    audit_entries, audit_verify, create_org, create_user, create_user_with, is_postgres, raw_sql,
};
use common::{Backend, TestDb};

/// Organisations every store has: the reporting point and the anonymous
/// reporters of the whistleblower channel.
const BUILT_IN_ORGS: usize = 2;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_refused(output: &std::process::Output, expected: &str) {
    assert!(!output.status.success(), "should fail: {output:?}");
    let stderr = stderr_of(output);
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in {stderr}"
    );
}

/// A bank with its reporter_admin, and an authority with a viewer.
fn populate(db: &TestDb) -> String {
    let bank = create_org(db, "Voorbeeldbank N.V.", "bank");
    create_user(db, &bank, "admin@bank.example", "reporter_admin");
    let dnb = db.ok(&[
        "org",
        "create",
        "--name",
        "De Nederlandsche Bank",
        "--sector",
        "other",
        "--authority",
        "DNB",
    ]);
    create_user(db, dnb.trim(), "viewer@dnb.example", "authority_viewer");
    create_user(db, "meldpunt", "analyst@meldpunt.example", "analyst");
    bank
}

both_backends!(org_and_user_commands, |db: &TestDb| {
    let bank = populate(db);
    assert_eq!(bank.len(), 36, "org id is a UUID: {bank}");

    let listing = db.ok(&["org", "ls"]);
    let rows: Vec<Vec<&str>> = listing.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), BUILT_IN_ORGS + 2, "{listing}");
    assert!(rows.contains(&vec![
        bank.as_str(),
        "reporter",
        "bank",
        "",
        "Voorbeeldbank N.V."
    ]));
    assert!(
        rows.iter()
            .any(|r| r[1..] == ["authority", "other", "DNB", "De Nederlandsche Bank"]),
        "{listing}"
    );
    assert!(rows.iter().any(|r| r[0] == "meldpunt"), "{listing}");

    let entries = audit_entries(db).len();
    let short = create_user_with(db, &bank, "new@bank.example", "reporter", "too short");
    assert_refused(&short, "at least 12 characters");
    let taken = create_user_with(
        db,
        &bank,
        "admin@bank.example",
        "reporter",
        "another long password",
    );
    assert_refused(&taken, "exists");
    let role = create_user_with(
        db,
        &bank,
        "new@bank.example",
        "wizard",
        "another long password",
    );
    assert_refused(&role, "unknown role");
    let org = create_user_with(
        db,
        "no-such-org",
        "new@bank.example",
        "reporter",
        "another long password",
    );
    assert_refused(&org, "no such organisation");
    let staff = create_user_with(
        db,
        "meldpunt",
        "new@bank.example",
        "reporter",
        "another long password",
    );
    assert_refused(&staff, "reporter organisation");
    assert_refused(
        &db.cmd()
            .args([
                "org",
                "create",
                "--name",
                "X",
                "--sector",
                "other",
                "--authority",
                "NOPE",
            ])
            .output()
            .expect("run"),
        "unknown authority",
    );
    assert_eq!(
        audit_entries(db).len(),
        entries,
        "a refused command left an audit entry"
    );
});

both_backends!(audit_show_and_verify, |db: &TestDb| {
    populate(db);
    let entries = audit_entries(db);
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "org.create",
            "org.create",
            "org.create",
            "user.create",
            "org.create",
            "user.create",
            "user.create"
        ],
    );
    for (i, entry) in entries.iter().enumerate() {
        assert_eq!(entry["seq"], i as i64 + 1, "{entry}");
        let previous = i.checked_sub(1).map(|p| entries[p]["hash"].clone());
        if let Some(previous) = previous {
            assert_eq!(entry["prev_hash"], previous, "chain broken at {entry}");
        }
    }
    assert!(entries[2]["actor"]
        .as_str()
        .is_some_and(|a| a.starts_with("operator:")));
    let user = &entries[3];
    assert!(
        !user.to_string().contains("correct horse"),
        "password in the log: {user}"
    );

    let page = db.ok(&["audit", "show", "--after", "2", "--limit", "1"]);
    assert_eq!(page.lines().count(), 1, "{page}");
    assert!(page.contains("\"seq\":3"), "{page}");

    let verify = audit_verify(db);
    let stdout = String::from_utf8_lossy(&verify.stdout).into_owned();
    assert!(verify.status.success(), "{stdout}{}", stderr_of(&verify));
    let head = entries
        .last()
        .and_then(|e| e["hash"].as_str())
        .expect("head");
    assert_eq!(
        stdout.trim(),
        format!(
            "audit log intact: {} entries, head hash {head}",
            entries.len()
        )
    );
});

/// Drops the append-only triggers, as only someone with direct database
/// access could.
fn drop_triggers(db: &TestDb) {
    let sql = if is_postgres(db) {
        "DROP TRIGGER audit_log_no_change ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
    };
    raw_sql(db, sql).expect("drop the append-only triggers");
}

/// `audit verify` fails and names exactly the `expected` problems.
fn assert_verify_names(db: &TestDb, expected: &[&str]) {
    let verify = audit_verify(db);
    let stderr = stderr_of(&verify);
    assert!(!verify.status.success(), "tampering not detected: {stderr}");
    let problems: Vec<&str> = stderr.lines().filter(|l| l.starts_with("entry ")).collect();
    assert_eq!(problems, expected, "{stderr}");
    assert!(stderr.contains("audit log altered"), "{stderr}");
}

both_backends!(audit_log_is_append_only, |db: &TestDb| {
    populate(db);
    let update = raw_sql(
        db,
        "UPDATE audit_log SET target = 'org:forged' WHERE seq = 3",
    );
    assert!(
        update.is_err_and(|e| e.contains("append-only")),
        "UPDATE went through"
    );
    let delete = raw_sql(db, "DELETE FROM audit_log WHERE seq = 7");
    assert!(
        delete.is_err_and(|e| e.contains("append-only")),
        "DELETE went through"
    );
    assert!(audit_verify(db).status.success());
});

both_backends!(verify_detects_an_altered_entry, |db: &TestDb| {
    populate(db);
    drop_triggers(db);
    raw_sql(
        db,
        "UPDATE audit_log SET after = replace(after, 'Voorbeeldbank', 'Andere Bank') WHERE seq = 3",
    )
    .expect("alter entry 3");
    assert_verify_names(db, &["entry 3: hash does not match contents"]);
});

both_backends!(verify_detects_a_removed_entry, |db: &TestDb| {
    populate(db);
    drop_triggers(db);
    raw_sql(db, "DELETE FROM audit_log WHERE seq = 4").expect("remove entry 4");
    assert_verify_names(
        db,
        &[
            "entry 5: gap after seq 3",
            "entry 5: prev_hash does not match the hash of the entry before (seq 3)",
        ],
    );
});

both_backends!(verify_detects_a_truncated_tail, |db: &TestDb| {
    populate(db);
    drop_triggers(db);
    raw_sql(db, "DELETE FROM audit_log WHERE seq = 7").expect("remove the last entry");
    assert_verify_names(
        db,
        &["entry 6: head row says 7 entries but the log ends at 6"],
    );
});

both_backends!(verify_detects_a_replaced_hash, |db: &TestDb| {
    populate(db);
    drop_triggers(db);
    // The last entry has no successor whose prev_hash would disagree; the
    // head row is what catches it.
    raw_sql(db, "UPDATE audit_log SET hash = prev_hash WHERE seq = 7")
        .expect("rewrite the last hash");
    assert_verify_names(
        db,
        &[
            "entry 7: hash does not match contents",
            "entry 7: head row's hash does not match the last entry's hash",
        ],
    );
});
