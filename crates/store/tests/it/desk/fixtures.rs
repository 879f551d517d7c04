//! Rows for the desk tests.

use meldpunt_store::{
    AuditEntry, AuditRow, DeadlineRow, NewReport, OrgRow, RouteRow, Store, UserRow,
};
use serde_json::json;

/// Day `day` of January 2026 at `hour`, in the store's timestamp format.
pub fn at(day: u32, hour: u32) -> String {
    format!("2026-01-{day:02}T{hour:02}:00:00.000Z")
}

pub fn org(id: &str, name: &str, kind: &str) -> OrgRow {
    OrgRow {
        id: id.into(),
        name: name.into(),
        kvk: Some("12345678".into()),
        lei: None,
        sector: "bank".into(),
        kind: kind.into(),
        authority: (kind == "authority").then(|| name.to_uppercase()),
        created_at: at(1, 0),
    }
}

pub fn user(id: &str, org_id: &str, email: &str) -> UserRow {
    UserRow {
        id: id.into(),
        org_id: org_id.into(),
        email: email.into(),
        display_name: format!("User {id}"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role: "reporter".into(),
        status: "pending".into(),
        created_at: at(1, 1),
    }
}

pub fn entry(action: &str, target: &str) -> AuditEntry {
    AuditEntry {
        actor: "admin-1".into(),
        org_id: Some("rp".into()),
        action: action.into(),
        target: target.into(),
        before: None,
        after: Some(json!({"target": target, "nested": {"z": 1, "a": [1, "two"]}})),
    }
}

pub fn route(authority: &str) -> RouteRow {
    RouteRow {
        authority: authority.into(),
        rule_table: "routing-2026-1".into(),
        rule_id: format!("to-{}", authority.to_lowercase()),
        forwarded_at: at(2, 10),
    }
}

pub fn deadline(kind: &str, authority: Option<&str>, due_day: u32) -> DeadlineRow {
    DeadlineRow {
        kind: kind.into(),
        authority: authority.map(String::from),
        starts_at: at(2, 10),
        due_at: at(due_day, 10),
        met_at: None,
    }
}

pub fn report(id: &str, org_id: &str, key: Option<&str>) -> NewReport {
    NewReport {
        id: id.into(),
        org_id: org_id.into(),
        submitted_by: "user-1".into(),
        channel: "api".into(),
        report_type: "asset_freeze".into(),
        status: "ACCEPTED".into(),
        received_at: at(2, 10),
        detected_at: Some(at(2, 9)),
        body: json!({"zeta": 1, "alpha": {"y": [3, 2, 1], "b": null}, "name": "Ærø \u{1F600}"}),
        validation: json!({"issues": []}),
        screening: json!({"hits": [{"score": 0.93, "entity": "NK-1"}]}),
        idempotency_key: key.map(String::from),
        request_sha256: "ab".repeat(32),
        routes: vec![route("DNB")],
        deadlines: vec![deadline("report_freeze", Some("DNB"), 5)],
    }
}

/// The reporting point and two reporters, audited as three entries.
pub async fn seed_orgs(store: &Store) {
    for o in [
        org("rp", "Meldpunt", "reporting_point"),
        org("bank-a", "Bank A", "reporter"),
        org("bank-b", "Bank B", "reporter"),
    ] {
        store
            .create_org(&o, &entry("org.create", &o.id))
            .await
            .expect("create org");
    }
}

pub async fn all_entries(store: &Store) -> Vec<AuditRow> {
    store.audit_entries(0, 10_000).await.expect("audit entries")
}

pub async fn actions(store: &Store) -> Vec<String> {
    all_entries(store)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect()
}
