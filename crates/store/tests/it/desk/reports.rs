//! Filing reports: idempotency (also under concurrency), filters, paging
//! and deadlines.

use meldpunt_store::{Insert, ReportFilter, ReportRow, Store, StoreError};
use std::collections::BTreeSet;

use super::fixtures::{all_entries, at, deadline, entry, report, route, seed_orgs};

fn inserted(outcome: Insert) -> ReportRow {
    match outcome {
        Insert::Inserted(row) => row,
        Insert::Existing(row) => panic!("expected a new report, found {}", row.id),
    }
}

pub async fn insert_and_read_back(store: Store) {
    seed_orgs(&store).await;
    let mut new = report("r1", "bank-a", Some("key-1"));
    new.routes.push(route("AFM"));
    new.deadlines.push(deadline("acknowledge", None, 3));
    let row = inserted(
        store
            .insert_report(&new, &entry("report.create", "r1"))
            .await
            .expect("insert"),
    );
    assert_eq!(row.id, "r1");
    assert!(row.seq > 0);
    // JSON comes back equal (JSONB reorders keys; Value compares maps).
    assert_eq!(store.report("r1").await.expect("read"), Some(row.clone()));
    assert_eq!(row.body, new.body);
    assert_eq!(store.report("r9").await.expect("read"), None);
    assert_eq!(store.routes_of("r1").await.expect("routes"), new.routes);
    assert_eq!(
        store.deadlines_of("r1").await.expect("deadlines"),
        new.deadlines
    );
    assert!(store.routes_of("r9").await.expect("routes").is_empty());

    let last = all_entries(&store).await.pop().expect("an entry");
    assert_eq!(
        (last.action.as_str(), last.target.as_str()),
        ("report.create", "r1")
    );

    // A report id is unique; the failed insert writes nothing.
    let clash = store
        .insert_report(&report("r1", "bank-b", None), &entry("report.create", "r1"))
        .await;
    assert!(matches!(clash, Err(StoreError::Conflict(_))), "{clash:?}");
    let unknown_org = store
        .insert_report(&report("r2", "nobody", None), &entry("report.create", "r2"))
        .await;
    assert!(
        matches!(unknown_org, Err(StoreError::Conflict(_))),
        "{unknown_org:?}"
    );
    assert_eq!(all_entries(&store).await.len(), 4);
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

pub async fn idempotency_per_org(store: Store) {
    seed_orgs(&store).await;
    let first = inserted(
        store
            .insert_report(
                &report("r1", "bank-a", Some("k")),
                &entry("report.create", "r1"),
            )
            .await
            .expect("insert"),
    );
    let entries = all_entries(&store).await.len();
    // Same org, same key, another id and body: the first report answers.
    let mut retry = report("r2", "bank-a", Some("k"));
    retry.body = serde_json::json!({"different": true});
    let again = store
        .insert_report(&retry, &entry("report.create", "r2"))
        .await
        .expect("retry");
    assert_eq!(again, Insert::Existing(first.clone()));
    assert_eq!(store.report("r2").await.expect("read"), None);
    assert_eq!(all_entries(&store).await.len(), entries, "no audit entry");

    // Another org's key space is its own; reports without a key never clash.
    let other = store
        .insert_report(
            &report("r3", "bank-b", Some("k")),
            &entry("report.create", "r3"),
        )
        .await
        .expect("other org");
    assert!(matches!(other, Insert::Inserted(_)));
    for id in ["r4", "r5"] {
        let keyless = store
            .insert_report(&report(id, "bank-a", None), &entry("report.create", id))
            .await
            .expect("keyless");
        assert!(matches!(keyless, Insert::Inserted(_)));
    }
    let all = ReportFilter::default();
    assert_eq!(store.count_reports(&all).await.expect("count"), 4);
}

pub async fn concurrent_same_key_inserts_once(store: Store) {
    seed_orgs(&store).await;
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let id = format!("r{i}");
                store
                    .insert_report(
                        &report(&id, "bank-a", Some("same")),
                        &entry("report.create", &id),
                    )
                    .await
            })
        })
        .collect();
    let mut new = Vec::new();
    let mut existing = Vec::new();
    for task in tasks {
        match task.await.expect("task").expect("insert") {
            Insert::Inserted(row) => new.push(row),
            Insert::Existing(row) => existing.push(row),
        }
    }
    assert_eq!(new.len(), 1, "exactly one insert wins");
    assert_eq!(existing.len(), 11);
    assert!(existing.iter().all(|row| *row == new[0]));
    assert_eq!(
        store
            .count_reports(&ReportFilter::default())
            .await
            .expect("count"),
        1
    );
    assert_eq!(all_entries(&store).await.len(), 4);
    assert!(store.verify_audit().await.expect("verify").is_intact());
}

pub async fn concurrent_inserts_keep_the_chain(store: Store) {
    seed_orgs(&store).await;
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let id = format!("r{i:02}");
                let org = if i % 2 == 0 { "bank-a" } else { "bank-b" };
                let key = format!("key-{i}");
                store
                    .insert_report(&report(&id, org, Some(&key)), &entry("report.create", &id))
                    .await
            })
        })
        .collect();
    let mut seqs = BTreeSet::new();
    for task in tasks {
        let row = inserted(task.await.expect("task").expect("insert"));
        seqs.insert(row.seq);
    }
    eprintln!(
        "{}: 50 concurrent insert_report in {:?}",
        store.backend(),
        started.elapsed()
    );
    assert_eq!(seqs.len(), 50);
    let entries = all_entries(&store).await;
    let audit_seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(audit_seqs, (1..=53).collect::<Vec<i64>>());
    let verdict = store.verify_audit().await.expect("verify");
    assert!(verdict.is_intact(), "{:?}", verdict.problems);
    assert_eq!(verdict.entries, 53);
    assert_eq!(Some(&verdict.head_hash), entries.last().map(|e| &e.hash));
    // Writers are serialised, so report order is audit order.
    let report_order: Vec<String> = store
        .reports(&ReportFilter {
            limit: 100,
            ..ReportFilter::default()
        })
        .await
        .expect("reports")
        .into_iter()
        .rev()
        .map(|r| r.id)
        .collect();
    let audit_order: Vec<String> = entries[3..].iter().map(|e| e.target.clone()).collect();
    assert_eq!(report_order, audit_order);
}

/// Files `id` for `org` with the given type, status and routes.
async fn file(store: &Store, id: &str, org: &str, kind: &str, status: &str, to: &[&str]) -> i64 {
    let mut new = report(id, org, None);
    new.report_type = kind.into();
    new.status = status.into();
    new.routes = to.iter().map(|a| route(a)).collect();
    inserted(
        store
            .insert_report(&new, &entry("report.create", id))
            .await
            .expect("insert"),
    )
    .seq
}

async fn ids(store: &Store, filter: &ReportFilter) -> Vec<String> {
    let rows = store.reports(filter).await.expect("reports");
    rows.into_iter().map(|r| r.id).collect()
}

pub async fn filters_counts_and_paging(store: Store) {
    seed_orgs(&store).await;
    file(&store, "r1", "bank-a", "asset_freeze", "ACCEPTED", &["DNB"]).await;
    file(&store, "r2", "bank-b", "asset_freeze", "REJECTED", &[]).await;
    file(&store, "r3", "bank-a", "hit", "ACCEPTED", &["DNB", "AFM"]).await;
    let r4 = file(
        &store,
        "r4",
        "bank-b",
        "hit",
        "ACCEPTED_WITH_WARNINGS",
        &["AFM"],
    )
    .await;
    file(&store, "r5", "bank-a", "asset_freeze", "ACCEPTED", &["AFM"]).await;

    let all = ReportFilter::default();
    assert_eq!(ids(&store, &all).await, vec!["r5", "r4", "r3", "r2", "r1"]);
    assert_eq!(store.count_reports(&all).await.expect("count"), 5);
    let cases = [
        (
            ReportFilter {
                org_id: Some("bank-a".into()),
                ..all.clone()
            },
            vec!["r5", "r3", "r1"],
        ),
        (
            ReportFilter {
                authority: Some("DNB".into()),
                ..all.clone()
            },
            vec!["r3", "r1"],
        ),
        (
            ReportFilter {
                authority: Some("AFM".into()),
                ..all.clone()
            },
            vec!["r5", "r4", "r3"],
        ),
        (
            ReportFilter {
                report_type: Some("hit".into()),
                ..all.clone()
            },
            vec!["r4", "r3"],
        ),
        (
            ReportFilter {
                status: Some("REJECTED".into()),
                ..all.clone()
            },
            vec!["r2"],
        ),
        (
            ReportFilter {
                org_id: Some("bank-a".into()),
                authority: Some("AFM".into()),
                status: Some("ACCEPTED".into()),
                ..all.clone()
            },
            vec!["r5", "r3"],
        ),
        (
            ReportFilter {
                org_id: Some("rp".into()),
                ..all.clone()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(ids(&store, &filter).await, expected, "{filter:?}");
        let count = store.count_reports(&filter).await.expect("count");
        assert_eq!(count, expected.len() as u64, "{filter:?}");
    }

    // Paging newest first by before_seq; counts ignore paging.
    let mut page = ReportFilter {
        limit: 2,
        ..all.clone()
    };
    let mut seen = Vec::new();
    loop {
        let rows = store.reports(&page).await.expect("page");
        let Some(last) = rows.last() else { break };
        page.before_seq = Some(last.seq);
        seen.extend(rows.into_iter().map(|r| r.id));
    }
    assert_eq!(seen, vec!["r5", "r4", "r3", "r2", "r1"]);
    let below_r4 = ReportFilter {
        before_seq: Some(r4),
        limit: 10,
        ..all.clone()
    };
    assert_eq!(ids(&store, &below_r4).await, vec!["r3", "r2", "r1"]);
    assert_eq!(store.count_reports(&below_r4).await.expect("count"), 5);
}

pub async fn deadlines_overdue_and_met(store: Store) {
    seed_orgs(&store).await;
    let mut first = report("r1", "bank-a", None);
    first.deadlines = vec![
        deadline("report_freeze", Some("DNB"), 5),
        deadline("acknowledge", None, 3),
    ];
    let mut second = report("r2", "bank-b", None);
    second.deadlines = vec![deadline("report_freeze", Some("AFM"), 4)];
    for new in [&first, &second] {
        store
            .insert_report(new, &entry("report.create", &new.id))
            .await
            .expect("insert");
    }
    let overdue = |now: String| {
        let store = store.clone();
        async move {
            let rows = store.overdue_deadlines(&now).await.expect("overdue");
            rows.into_iter()
                .map(|(id, d)| format!("{id}:{}", d.kind))
                .collect::<Vec<_>>()
        }
    };
    assert!(
        overdue(at(3, 10)).await.is_empty(),
        "due exactly now is not overdue"
    );
    assert_eq!(
        overdue(at(4, 12)).await,
        vec!["r1:acknowledge", "r2:report_freeze"]
    );
    assert_eq!(
        overdue(at(9, 0)).await,
        vec!["r1:acknowledge", "r2:report_freeze", "r1:report_freeze"]
    );

    let met = entry("deadline.met", "r1");
    assert!(store
        .set_deadline_met("r1", "acknowledge", &at(4, 0), &met)
        .await
        .expect("met"));
    assert!(!store
        .set_deadline_met("r1", "acknowledge", &at(5, 0), &met)
        .await
        .expect("twice"));
    assert!(!store
        .set_deadline_met("r9", "acknowledge", &at(5, 0), &met)
        .await
        .expect("none"));
    assert_eq!(
        overdue(at(9, 0)).await,
        vec!["r2:report_freeze", "r1:report_freeze"]
    );
    let deadlines = store.deadlines_of("r1").await.expect("deadlines");
    assert_eq!(deadlines[1].met_at, Some(at(4, 0)));
    assert_eq!(deadlines[0].met_at, None);
    let met_entries = all_entries(&store)
        .await
        .into_iter()
        .filter(|e| e.action == "deadline.met");
    assert_eq!(met_entries.count(), 1);
}
