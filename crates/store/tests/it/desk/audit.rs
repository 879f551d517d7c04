//! The audit log: chained, listed in order, append-only, and tampering
//! (by someone who can drop the triggers) is found by verification.

use meldpunt_store::{AuditEntry, Store, GENESIS_HASH};
use serde_json::json;

use super::fixtures::{all_entries, entry, report, seed_orgs};

/// Five entries: three organisations, a report and a read.
async fn five_entries(store: &Store) {
    seed_orgs(store).await;
    store
        .insert_report(&report("r1", "bank-a", None), &entry("report.create", "r1"))
        .await
        .expect("insert");
    let read = AuditEntry {
        actor: "analyst-1".into(),
        org_id: None,
        action: "report.read".into(),
        target: "r1".into(),
        before: Some(json!({"b": 2, "a": {"y": null, "x": [1.5, "é"]}})),
        after: None,
    };
    let row = store.audit(&read).await.expect("audit");
    assert_eq!(row.seq, 5);
    assert_eq!(
        (row.actor.as_str(), row.before.clone()),
        ("analyst-1", read.before)
    );
}

pub async fn chain_verifies_and_lists(store: Store) {
    let empty = store.verify_audit().await.expect("verify empty");
    assert!(empty.is_intact());
    assert_eq!((empty.entries, empty.head_hash.as_str()), (0, GENESIS_HASH));

    five_entries(&store).await;
    let entries = all_entries(&store).await;
    let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    assert_eq!(entries[0].prev_hash, GENESIS_HASH);
    assert!(entries.windows(2).all(|w| w[1].prev_hash == w[0].hash));
    assert!(entries.windows(2).all(|w| w[0].at <= w[1].at));
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "org.create",
            "org.create",
            "org.create",
            "report.create",
            "report.read"
        ]
    );
    assert_eq!(entries[0].after, entry("org.create", "rp").after);

    let page = store.audit_entries(2, 2).await.expect("page");
    assert_eq!(page.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![3, 4]);
    assert!(store
        .audit_entries(5, 10)
        .await
        .expect("after end")
        .is_empty());

    let verdict = store.verify_audit().await.expect("verify");
    assert!(verdict.is_intact(), "{:?}", verdict.problems);
    assert_eq!(verdict.entries, 5);
    assert_eq!(verdict.head_hash, entries[4].hash);
}

pub async fn log_rejects_update_and_delete(store: Store) {
    five_entries(&store).await;
    let update = store
        .execute_raw_for_tests("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
        .await;
    assert!(update.is_err(), "UPDATE must be refused");
    let delete = store
        .execute_raw_for_tests("DELETE FROM audit_log WHERE seq = 5")
        .await;
    assert!(delete.is_err(), "DELETE must be refused");
    if store.backend() == "postgres" {
        let truncate = store.execute_raw_for_tests("TRUNCATE audit_log").await;
        assert!(truncate.is_err(), "TRUNCATE must be refused");
    }
    assert_eq!(all_entries(&store).await.len(), 5);
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

/// What an attacker with database access does first.
async fn drop_triggers(store: &Store) {
    let sql = match store.backend() {
        "sqlite" => "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
        _ => {
            "DROP TRIGGER audit_log_no_change ON audit_log; \
              DROP TRIGGER audit_log_no_truncate ON audit_log;"
        }
    };
    store
        .execute_raw_for_tests(sql)
        .await
        .expect("drop triggers");
}

fn reasons(problems: &[meldpunt_store::AuditProblem]) -> Vec<(i64, String)> {
    problems.iter().map(|p| (p.seq, p.reason.clone())).collect()
}

pub async fn changed_entry_detected(store: Store) {
    five_entries(&store).await;
    drop_triggers(&store).await;
    store
        .execute_raw_for_tests("UPDATE audit_log SET target = 'other' WHERE seq = 2")
        .await
        .expect("tamper");
    let verdict = store.verify_audit().await.expect("verify");
    assert_eq!(
        reasons(&verdict.problems),
        vec![(2, "hash does not match contents".to_string())]
    );
    assert_eq!(verdict.entries, 5);

    // The stored JSON text is hashed as it is: even an equal value written
    // differently is a change.
    let reordered = r#"{ "b": 2, "a": {"y": null, "x": [1.5, "é"]} }"#;
    store
        .execute_raw_for_tests(&format!(
            "UPDATE audit_log SET before = '{reordered}' WHERE seq = 5"
        ))
        .await
        .expect("re-serialise");
    let verdict = store.verify_audit().await.expect("verify");
    assert_eq!(
        reasons(&verdict.problems),
        vec![
            (2, "hash does not match contents".to_string()),
            (5, "hash does not match contents".to_string())
        ]
    );
    // The re-written entry still reads as the same JSON.
    let read = store.audit_entries(4, 1).await.expect("entry");
    assert_eq!(
        read[0].before,
        Some(json!({"b": 2, "a": {"y": null, "x": [1.5, "é"]}}))
    );
}

pub async fn deleted_entry_detected(store: Store) {
    five_entries(&store).await;
    drop_triggers(&store).await;
    store
        .execute_raw_for_tests("DELETE FROM audit_log WHERE seq = 3")
        .await
        .expect("tamper");
    let verdict = store.verify_audit().await.expect("verify");
    assert_eq!(verdict.entries, 4);
    let found = reasons(&verdict.problems);
    assert!(
        found.contains(&(4, "gap after seq 2".to_string())),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(seq, r)| *seq == 4 && r.starts_with("prev_hash does not match")),
        "{found:?}"
    );
}

pub async fn truncated_tail_detected(store: Store) {
    five_entries(&store).await;
    drop_triggers(&store).await;
    store
        .execute_raw_for_tests("DELETE FROM audit_log WHERE seq >= 4")
        .await
        .expect("tamper");
    let verdict = store.verify_audit().await.expect("verify");
    assert_eq!(
        reasons(&verdict.problems),
        vec![(
            3,
            "head row says 5 entries but the log ends at 3".to_string()
        )]
    );
    // Appending after the cut does not hide it: the new entry is seq 6.
    store
        .audit(&entry("report.read", "r1"))
        .await
        .expect("append");
    let verdict = store.verify_audit().await.expect("verify");
    assert!(!verdict.is_intact());
    assert_eq!(verdict.problems[0].reason, "gap after seq 3");
}

/// Verification reads one snapshot, so appends committed meanwhile never
/// look like a head that disagrees with the log.
pub async fn verify_while_appending(store: Store) {
    let writers: Vec<_> = (0..30)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let target = format!("r{i}");
                store.audit(&entry("report.read", &target)).await
            })
        })
        .collect();
    for _ in 0..10 {
        let verdict = store.verify_audit().await.expect("verify");
        assert!(verdict.is_intact(), "{:?}", verdict.problems);
    }
    for writer in writers {
        writer.await.expect("task").expect("append");
    }
    let verdict = store.verify_audit().await.expect("verify");
    assert!(verdict.is_intact(), "{:?}", verdict.problems);
    assert_eq!(verdict.entries, 30);
}
