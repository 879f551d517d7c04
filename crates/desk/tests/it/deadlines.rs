//! Deadline clocks after intake: the Commission clock of a freeze report
//! runs open, shows as overdue once past due — to the reporting point and
//! the reporting organisation, never to another — and is closed when an
//! analyst records the onward report.

use crate::common;

use chrono::Duration;
use common::{fixture, World};
use meldpunt_desk::DeskError;

on_both_backends!(overdue_clocks_are_flagged_in_scope_and_closed_by_analysts);

async fn overdue_clocks_are_flagged_in_scope_and_closed_by_analysts(w: World) {
    let ack = w.file(&w.bank_reporter, &fixture("asset_freeze")).await;
    let id = ack.report_id.clone().unwrap_or_default();
    let commission = ack
        .deadlines
        .iter()
        .find(|d| d.authority.as_deref() == Some("EUROPEAN_COMMISSION"))
        .cloned()
        .expect("a Commission clock");
    assert!(commission.met_at.is_none());
    assert!(
        w.desk
            .overdue(&w.analyst)
            .await
            .expect("overdue")
            .is_empty(),
        "not yet due"
    );

    let later = w
        .desk
        .clone()
        .with_clock(|| common::fixed_now() + Duration::days(15));
    let for_analyst = later.overdue(&w.analyst).await.expect("overdue");
    assert_eq!(for_analyst.len(), 1, "{for_analyst:?}");
    assert_eq!(for_analyst[0].report_id, id);
    assert_eq!(for_analyst[0].deadline.kind, commission.kind);
    assert_eq!(later.overdue(&w.bank_reporter).await.expect("own").len(), 1);
    assert!(later
        .overdue(&w.other_reporter)
        .await
        .expect("other")
        .is_empty());

    let by_reporter = later
        .mark_deadline_met(&w.bank_reporter, &id, &commission.kind)
        .await;
    assert!(
        matches!(by_reporter, Err(DeskError::Forbidden(_))),
        "{by_reporter:?}"
    );
    let met = later
        .mark_deadline_met(&w.analyst, &id, &commission.kind)
        .await
        .expect("met");
    assert!(met.met_at.is_some());
    assert!(later.overdue(&w.analyst).await.expect("overdue").is_empty());
    let again = later
        .mark_deadline_met(&w.analyst, &id, &commission.kind)
        .await;
    assert!(matches!(again, Err(DeskError::NotFound(_))), "{again:?}");
    let entries = w
        .desk
        .store()
        .audit_entries(0, 10_000)
        .await
        .expect("audit");
    assert!(entries.iter().any(|e| e.action == "deadline.met"));
}
