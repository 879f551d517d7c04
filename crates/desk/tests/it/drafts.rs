//! Drafts are saved incomplete, show what is left, and file once.

use crate::common;

use common::{fixture, World};
use meldpunt_desk::ReportQuery;

on_both_backends!(drafts_save_update_and_submit_once);

async fn drafts_save_update_and_submit_once(w: World) {
    let mut body = fixture("asset_freeze");
    let complete = body.clone();
    body["assets"] = serde_json::json!([]);
    let draft = w
        .desk
        .save_draft(&w.bank_reporter, None, body)
        .await
        .expect("save");
    assert!(
        !draft.errors.is_empty(),
        "an incomplete draft lists what is left"
    );
    let rejected = w
        .desk
        .submit_draft(&w.bank_reporter, &draft.id)
        .await
        .expect("answered");
    assert_eq!(rejected.status, "REJECTED");
    assert_eq!(rejected.draft_id.as_deref(), Some(draft.id.as_str()));
    assert_eq!(
        w.desk.drafts(&w.bank_reporter).await.expect("list").len(),
        1
    );

    let updated = w
        .desk
        .save_draft(&w.bank_admin, Some(&draft.id), complete)
        .await
        .expect("update");
    assert!(updated.errors.is_empty(), "{:?}", updated.errors);
    assert_eq!(updated.created_at, draft.created_at);
    let filed = w
        .desk
        .submit_draft(&w.bank_reporter, &draft.id)
        .await
        .expect("submit");
    assert!(filed.report_id.is_some(), "{filed:?}");
    assert!(w
        .desk
        .drafts(&w.bank_reporter)
        .await
        .expect("list")
        .is_empty());
    let (_, total) = w
        .desk
        .reports(&w.bank_reporter, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 1);
}
