//! Tenant isolation at the service layer: another organisation's report or
//! draft is "not found" on every path, exactly like one that does not exist;
//! authority viewers see only what was routed to their authority.

use crate::common;

use common::{fixture, World};
use meldpunt_desk::{DeskError, ReportQuery};

on_both_backends!(
    reports_are_invisible_across_organisations,
    drafts_are_invisible_across_organisations,
    authority_viewers_see_only_routed_reports,
);

fn not_found<T: std::fmt::Debug>(outcome: Result<T, DeskError>) -> String {
    match outcome {
        Err(error @ DeskError::NotFound(_)) => error.to_string(),
        other => panic!("expected not found, got {other:?}"),
    }
}

async fn reports_are_invisible_across_organisations(w: World) {
    let ack = w.file(&w.bank_reporter, &fixture("asset_freeze")).await;
    let id = ack.report_id.unwrap_or_default();
    let missing = "00000000-0000-4000-8000-000000000000";

    let foreign = not_found(w.desk.report(&w.other_reporter, &id).await);
    let absent = not_found(w.desk.report(&w.other_reporter, missing).await);
    assert_eq!(
        foreign, absent,
        "a foreign report must read like a missing one"
    );
    not_found(w.desk.acknowledgement_of(&w.other_reporter, &id).await);
    let (listed, total) = w
        .desk
        .reports(&w.other_reporter, &ReportQuery::default())
        .await
        .expect("list");
    assert!(listed.is_empty());
    assert_eq!(total, 0);

    assert!(
        w.desk.report(&w.bank_admin, &id).await.is_ok(),
        "same organisation"
    );
    assert!(
        w.desk.report(&w.analyst, &id).await.is_ok(),
        "reporting point"
    );
}

async fn drafts_are_invisible_across_organisations(w: World) {
    let draft = w
        .desk
        .save_draft(&w.bank_reporter, None, serde_json::json!({"envelope": {}}))
        .await
        .expect("save");
    not_found(w.desk.draft(&w.other_reporter, &draft.id).await);
    not_found(
        w.desk
            .save_draft(&w.other_reporter, Some(&draft.id), serde_json::json!({}))
            .await,
    );
    not_found(w.desk.delete_draft(&w.other_reporter, &draft.id).await);
    not_found(w.desk.submit_draft(&w.other_reporter, &draft.id).await);
    assert!(w
        .desk
        .drafts(&w.other_reporter)
        .await
        .expect("list")
        .is_empty());
    let mine = w
        .desk
        .draft(&w.bank_admin, &draft.id)
        .await
        .expect("same organisation");
    assert_eq!(mine.body, serde_json::json!({"envelope": {}}));
    let analyst = w.desk.draft(&w.analyst, &draft.id).await;
    assert!(
        matches!(analyst, Err(DeskError::Forbidden(_))),
        "drafts are the reporter's own"
    );
}

async fn authority_viewers_see_only_routed_reports(w: World) {
    let freeze = w.file(&w.bank_reporter, &fixture("asset_freeze")).await;
    let circumvention = w
        .file(&w.bank_reporter, &fixture("suspected_circumvention"))
        .await;
    let freeze_id = freeze.report_id.clone().unwrap_or_default();
    let circumvention_id = circumvention.report_id.clone().unwrap_or_default();
    let routed = |ack: &meldpunt_desk::Acknowledgement, code: &str| {
        ack.routes.iter().any(|r| r.authority == code)
    };
    assert!(routed(&freeze, "DNB"), "{freeze:?}");
    assert!(routed(&circumvention, "FIOD"), "{circumvention:?}");

    for (viewer, code) in [(&w.dnb_viewer, "DNB"), (&w.fiod_viewer, "FIOD")] {
        let (listed, total) = w
            .desk
            .reports(viewer, &ReportQuery::default())
            .await
            .expect("list");
        for (ack, id) in [(&freeze, &freeze_id), (&circumvention, &circumvention_id)] {
            let expected = routed(ack, code);
            assert_eq!(
                listed.iter().any(|r| &r.id == id),
                expected,
                "{code} list {id}"
            );
            assert_eq!(
                w.desk.report(viewer, id).await.is_ok(),
                expected,
                "{code} read {id}"
            );
        }
        assert_eq!(total as usize, listed.len());
    }
}
