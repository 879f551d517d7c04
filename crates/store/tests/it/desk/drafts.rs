//! Drafts: upsert by id, other organisations' ids refused, delete.

use meldpunt_store::{DraftRow, Store, StoreError};
use serde_json::json;

use super::fixtures::{actions, at, entry, seed_orgs};

fn draft(id: &str, org_id: &str, updated_day: u32) -> DraftRow {
    DraftRow {
        id: id.into(),
        org_id: org_id.into(),
        created_by: "u1".into(),
        created_at: at(1, 0),
        updated_at: at(updated_day, 0),
        report_type: None,
        body: json!({"subjects": [{"name": "half-typ"}], "incomplete": true}),
    }
}

pub async fn upsert_conflict_delete(store: Store) {
    seed_orgs(&store).await;
    let save = |d: DraftRow| {
        let store = store.clone();
        async move { store.save_draft(&d, &entry("draft.save", &d.id)).await }
    };
    save(draft("d1", "bank-a", 2)).await.expect("save");
    save(draft("d2", "bank-a", 3)).await.expect("save");
    save(draft("d3", "bank-b", 4)).await.expect("save");

    // A second save replaces body, type and update time, not the creator.
    let mut update = draft("d1", "bank-a", 5);
    update.created_by = "u2".into();
    update.created_at = at(5, 0);
    update.report_type = Some("asset_freeze".into());
    update.body = json!(["any", {"json": 1}]);
    save(update.clone()).await.expect("update");
    let stored = store.draft("d1").await.expect("read").expect("exists");
    assert_eq!(stored.body, update.body);
    assert_eq!(stored.report_type, update.report_type);
    assert_eq!(
        (stored.created_by.as_str(), stored.created_at.clone()),
        ("u1", at(1, 0))
    );
    assert_eq!(stored.updated_at, at(5, 0));

    let ids: Vec<String> = store
        .drafts_of_org("bank-a")
        .await
        .expect("drafts")
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, vec!["d1", "d2"]);

    // Another organisation cannot take over a draft id.
    let stolen = save(draft("d1", "bank-b", 6)).await;
    assert!(matches!(stolen, Err(StoreError::Conflict(_))), "{stolen:?}");
    assert_eq!(store.draft("d1").await.expect("read"), Some(stored));

    let delete = entry("draft.delete", "d2");
    assert!(store.delete_draft("d2", &delete).await.expect("delete"));
    assert!(!store.delete_draft("d2", &delete).await.expect("again"));
    assert_eq!(store.draft("d2").await.expect("read"), None);
    let drafts: Vec<String> = actions(&store)
        .await
        .into_iter()
        .filter(|a| a.starts_with("draft."))
        .collect();
    assert_eq!(
        drafts,
        vec!["draft.save"; 4]
            .into_iter()
            .chain(["draft.delete"])
            .collect::<Vec<_>>()
    );
}
