//! Case management: the triage queue (filters, order, paging, roles),
//! assignment, decisions on screening hits with their history, the case's
//! event log, and linked reports about the same subject, filtered by the
//! caller's scope.

use crate::common;

use chrono::{Duration, NaiveDate};
use common::{fixture, World};
use meldpunt_desk::{
    AssigneeChoice, CaseView, Credential, Decision, Desk, DeskError, Principal, Role, TriageQuery,
    ANONYMOUS_ORG, REPORTING_POINT_ORG,
};
use serde_json::{json, Value};

on_both_backends!(
    triage_orders_filters_and_pages_for_analysts_only,
    assignment_goes_to_active_analysts,
    decisions_supersede_and_keep_their_history,
    case_view_is_scoped_and_links_reports_the_caller_may_read,
    event_log_shows_facts_and_actions_in_order,
);

/// The reports of these tests: a freeze of OOO Primer (regime RUS) from
/// the bank, a potential hit on the vessel Polar Dawn from the bank, a
/// vessel event about the same ship (IMO written differently) from the
/// other organisation, and a second freeze of OOO Primer from the other
/// organisation.
struct Cases {
    freeze: String,
    polar: String,
    vessel_event: String,
    other_freeze: String,
}

fn freeze() -> Value {
    let mut body = fixture("asset_freeze");
    body["envelope"]["regimes"] = json!(["rus"]);
    body
}

fn polar_dawn() -> Value {
    let mut body = fixture("potential_hit");
    body["subjects"] = json!([{
        "kind": "vessel",
        "names": ["Polar Dawn"],
        "identifiers": [{"kind": "imo", "value": "9074729"}],
        "roles": ["counterparty"],
        "list_match": {"list": "eu_fsf", "entry_id": "EU.99.9", "status": "potential"}
    }]);
    body
}

fn sea_star() -> Value {
    let mut body = fixture("vessel_event");
    body["subjects"][0]["identifiers"] = json!([{"kind": "imo", "value": "IMO 907-4729"}]);
    body
}

async fn file_all(w: &World) -> Cases {
    let id = |ack: meldpunt_desk::Acknowledgement| {
        assert!(ack.errors.is_empty(), "{:?}", ack.errors);
        ack.report_id.expect("filed")
    };
    Cases {
        freeze: id(w.file(&w.bank_reporter, &freeze()).await),
        polar: id(w.file(&w.bank_reporter, &polar_dawn()).await),
        vessel_event: id(w.file(&w.other_reporter, &sea_star()).await),
        other_freeze: id(w.file(&w.other_reporter, &fixture("asset_freeze")).await),
    }
}

fn anonymous() -> Principal {
    Principal {
        credential: Credential::Anonymous,
        org_id: ANONYMOUS_ORG.to_string(),
        role: Role::Reporter,
        authority: None,
    }
}

async fn ids(desk: &Desk, by: &Principal, q: TriageQuery) -> Vec<String> {
    let page = desk.triage(by, &q).await.expect("triage");
    page.items.into_iter().map(|i| i.id).collect()
}

async fn user_id(w: &World, email: &str) -> String {
    w.desk
        .store()
        .user_by_email(email)
        .await
        .expect("user lookup")
        .expect("user exists")
        .id
}

async fn triage_orders_filters_and_pages_for_analysts_only(w: World) {
    let c = file_all(&w).await;
    let all = TriageQuery {
        include_closed: true,
        ..TriageQuery::default()
    };
    let page = w.desk.triage(&w.analyst, &all).await.expect("triage");
    assert_eq!(page.total, 4);
    // Open deadlines first, nearest first; then by score.
    let dues: Vec<Option<&str>> = page
        .items
        .iter()
        .map(|i| i.next_deadline.as_deref())
        .collect();
    let firsts = dues.iter().take_while(|d| d.is_some()).count();
    assert!(dues[firsts..].iter().all(Option::is_none), "{dues:?}");
    assert!(dues[..firsts].windows(2).all(|p| p[0] <= p[1]), "{dues:?}");
    let freeze = page
        .items
        .iter()
        .find(|i| i.id == c.freeze)
        .expect("freeze listed");
    assert!(freeze.next_deadline.is_some() && !freeze.overdue);
    assert!(freeze.hits >= 1 && freeze.decided == 0);

    let only = |f: fn(&mut TriageQuery)| {
        let mut q = all.clone();
        f(&mut q);
        q
    };
    let by_type = ids(
        &w.desk,
        &w.analyst,
        only(|q| q.report_type = Some("VESSEL_EVENT".into())),
    )
    .await;
    assert_eq!(by_type, vec![c.vessel_event.clone()]);
    let by_regime = ids(
        &w.desk,
        &w.analyst,
        only(|q| q.regime = Some(" RUS ".into())),
    )
    .await;
    assert_eq!(by_regime, vec![c.freeze.clone()]);

    // Minimum score: everything listed scores at least that, and a report
    // without hits is left out.
    let scored = w
        .desk
        .triage(&w.analyst, &only(|q| q.min_score = Some(0.5)))
        .await
        .expect("triage");
    assert!(!scored.items.is_empty());
    assert!(scored
        .items
        .iter()
        .all(|i| i.max_score.is_some_and(|s| s >= 0.5)));
    assert!(!scored.items.iter().any(|i| i.id == c.vessel_event));
    let bad = w
        .desk
        .triage(&w.analyst, &only(|q| q.min_score = Some(1.5)))
        .await;
    assert!(matches!(bad, Err(DeskError::Invalid { .. })), "{bad:?}");

    // Overdue and due-by, by the desk's clock.
    let overdue = only(|q| q.overdue_only = true);
    assert!(ids(&w.desk, &w.analyst, overdue.clone()).await.is_empty());
    let later = w
        .desk
        .clone()
        .with_clock(|| common::fixed_now() + Duration::days(60));
    let late = later.triage(&w.analyst, &overdue).await.expect("triage");
    assert!(late.items.iter().any(|i| i.id == c.freeze));
    assert!(late
        .items
        .iter()
        .all(|i| i.overdue && i.next_deadline.is_some()));
    let earliest = dues[0].expect("an open deadline");
    let day = NaiveDate::parse_from_str(&earliest[..10], "%Y-%m-%d").expect("a date");
    let mut due = all.clone();
    due.due_by = day.pred_opt();
    let before = ids(&w.desk, &w.analyst, due.clone()).await;
    assert!(before.is_empty(), "nothing due before {day}: {before:?}");
    due.due_by = Some(day);
    let by_day = w.desk.triage(&w.analyst, &due).await.expect("triage");
    assert!(!by_day.items.is_empty());
    assert!(by_day.items.iter().all(|i| i
        .next_deadline
        .as_deref()
        .is_some_and(|d| d[..10] <= earliest[..10])));

    // Paging keeps the order.
    let mut paged = all.clone();
    paged.per_page = Some(3);
    let first = ids(&w.desk, &w.analyst, paged.clone()).await;
    paged.page = Some(2);
    let second = ids(&w.desk, &w.analyst, paged).await;
    let whole = ids(&w.desk, &w.analyst, all.clone()).await;
    assert_eq!([first, second].concat(), whole);

    // Open only (the default) leaves out cases with nothing left to do.
    let open = ids(&w.desk, &w.analyst, TriageQuery::default()).await;
    assert!(open.contains(&c.freeze) && open.contains(&c.polar));
    for item in &page.items {
        let pending = item.next_deadline.is_some() || item.hits > item.decided;
        assert_eq!(open.contains(&item.id), pending, "{item:?}");
    }

    for who in [
        &w.bank_reporter,
        &w.bank_admin,
        &w.dnb_viewer,
        &w.other_reporter,
    ] {
        let denied = w.desk.triage(who, &all).await;
        assert!(matches!(denied, Err(DeskError::Forbidden(_))), "{denied:?}");
    }
    let anon = w.desk.triage(&anonymous(), &all).await;
    assert!(
        matches!(anon, Err(DeskError::Unauthenticated(_))),
        "{anon:?}"
    );
    let _ = c.other_freeze;
}

async fn assignment_goes_to_active_analysts(w: World) {
    let c = file_all(&w).await;
    let analyst_id = w.analyst.user_id().expect("a user").to_string();
    common::create_user(
        &w.desk,
        &w.admin,
        REPORTING_POINT_ORG,
        "second@meldpunt.example",
        Role::Analyst,
    )
    .await;
    let second = user_id(&w, "second@meldpunt.example").await;

    let me = w
        .desk
        .assign(&w.analyst, &c.freeze, &analyst_id)
        .await
        .expect("assign");
    assert_eq!(me.user_id, analyst_id);
    assert_eq!(me.name.as_deref(), Some("analyst@meldpunt.example"));
    let mine = TriageQuery {
        assignee: AssigneeChoice::Me,
        include_closed: true,
        ..TriageQuery::default()
    };
    assert_eq!(
        ids(&w.desk, &w.analyst, mine.clone()).await,
        vec![c.freeze.clone()]
    );
    let unassigned = TriageQuery {
        assignee: AssigneeChoice::Unassigned,
        include_closed: true,
        ..TriageQuery::default()
    };
    let rest = ids(&w.desk, &w.analyst, unassigned.clone()).await;
    assert_eq!(rest.len(), 3);
    assert!(!rest.contains(&c.freeze));

    // Reassigning replaces the assignee.
    w.desk
        .assign(&w.admin, &c.freeze, &second)
        .await
        .expect("reassign");
    assert!(ids(&w.desk, &w.analyst, mine).await.is_empty());
    let theirs = TriageQuery {
        assignee: AssigneeChoice::User(second.clone()),
        include_closed: true,
        ..TriageQuery::default()
    };
    assert_eq!(
        ids(&w.desk, &w.analyst, theirs).await,
        vec![c.freeze.clone()]
    );

    // Only active analysts of the reporting point take cases.
    let reporter_id = w.bank_reporter.user_id().expect("a user").to_string();
    let viewer_id = w.dnb_viewer.user_id().expect("a user").to_string();
    for assignee in [reporter_id.as_str(), viewer_id.as_str(), "no-such-user"] {
        let refused = w.desk.assign(&w.analyst, &c.freeze, assignee).await;
        assert!(
            matches!(refused, Err(DeskError::Invalid { .. })),
            "{refused:?}"
        );
    }
    let missing = w
        .desk
        .assign(&w.analyst, "no-such-report", &analyst_id)
        .await;
    assert!(
        matches!(missing, Err(DeskError::NotFound(_))),
        "{missing:?}"
    );
    for who in [&w.bank_reporter, &w.dnb_viewer, &w.other_reporter] {
        let denied = w.desk.assign(who, &c.polar, &analyst_id).await;
        assert!(matches!(denied, Err(DeskError::Forbidden(_))), "{denied:?}");
    }
    let entries = w
        .desk
        .store()
        .audit_entries(0, 10_000)
        .await
        .expect("audit");
    assert_eq!(
        entries.iter().filter(|e| e.action == "case.assign").count(),
        2
    );
}

async fn decisions_supersede_and_keep_their_history(w: World) {
    let c = file_all(&w).await;
    let case = w.desk.case(&w.analyst, &c.freeze).await.expect("case");
    let hit = case
        .hits
        .iter()
        .find(|h| h.entity_id == "EU.77.1")
        .expect("OOO Primer hit")
        .clone();
    assert!(hit.decision.is_none());

    let confirmed = w
        .desk
        .decide_match(
            &w.analyst,
            &c.freeze,
            &hit.source,
            &hit.entity_id,
            Decision::Confirmed,
            "  Same INN as the listing. ",
            Some(""),
        )
        .await
        .expect("confirm");
    assert_eq!(confirmed.decision, "CONFIRMED");
    assert_eq!(confirmed.reason, "Same INN as the listing.");
    assert_eq!(confirmed.notes, None);
    w.desk
        .decide_match(
            &w.admin,
            &c.freeze,
            &hit.source,
            &hit.entity_id,
            Decision::Dismissed,
            "Registry shows a namesake.",
            Some("Checked with KvK."),
        )
        .await
        .expect("dismiss");
    let case = w.desk.case(&w.analyst, &c.freeze).await.expect("case");
    let hit = case
        .hits
        .iter()
        .find(|h| h.entity_id == "EU.77.1")
        .expect("hit");
    let current = hit.decision.as_ref().expect("decided");
    assert_eq!(current.decision, "DISMISSED");
    assert_eq!(current.notes.as_deref(), Some("Checked with KvK."));
    assert_eq!(hit.history.len(), 1);
    assert_eq!(hit.history[0].decision, "CONFIRMED");
    assert_eq!(
        hit.history[0].decided_by_name.as_deref(),
        Some("analyst@meldpunt.example")
    );

    let decide = |reason: String, entity: &'static str| {
        let desk = w.desk.clone();
        let by = w.analyst.clone();
        let report = c.freeze.clone();
        async move {
            desk.decide_match(
                &by,
                &report,
                "eu_fsf",
                entity,
                Decision::Confirmed,
                &reason,
                None,
            )
            .await
        }
    };
    let empty = decide("   ".to_string(), "EU.77.1").await;
    assert!(
        matches!(&empty, Err(DeskError::Invalid { field, .. }) if field == "reason"),
        "{empty:?}"
    );
    let long = decide("x".repeat(1001), "EU.77.1").await;
    assert!(
        matches!(&long, Err(DeskError::Invalid { field, .. }) if field == "reason"),
        "{long:?}"
    );
    assert!(decide("x".repeat(1000), "EU.77.1").await.is_ok());
    let not_a_hit = decide("reason".to_string(), "EU.12.3").await;
    assert!(
        matches!(not_a_hit, Err(DeskError::NotFound(_))),
        "{not_a_hit:?}"
    );
    for who in [&w.bank_reporter, &w.dnb_viewer] {
        let denied = w
            .desk
            .decide_match(
                who,
                &c.freeze,
                "eu_fsf",
                "EU.77.1",
                Decision::Confirmed,
                "mine",
                None,
            )
            .await;
        assert!(matches!(denied, Err(DeskError::Forbidden(_))), "{denied:?}");
    }
    let unknown = w
        .desk
        .decide_match(
            &w.analyst,
            "no-such-report",
            "eu_fsf",
            "EU.77.1",
            Decision::Confirmed,
            "r",
            None,
        )
        .await;
    assert!(
        matches!(unknown, Err(DeskError::NotFound(_))),
        "{unknown:?}"
    );

    // Decided hits count in triage; the history is append-only.
    let page = w
        .desk
        .triage(
            &w.analyst,
            &TriageQuery {
                include_closed: true,
                ..TriageQuery::default()
            },
        )
        .await
        .expect("triage");
    let row = page
        .items
        .iter()
        .find(|i| i.id == c.freeze)
        .expect("listed");
    assert_eq!(row.decided, 1);
    let tamper = w
        .desk
        .store()
        .execute_raw_for_tests("DELETE FROM match_decisions")
        .await;
    assert!(tamper.is_err(), "decisions are append-only");
    assert!(w
        .desk
        .store()
        .verify_audit()
        .await
        .expect("verify")
        .is_intact());
}

fn linked_ids(case: &CaseView) -> Vec<&str> {
    case.linked.iter().map(|l| l.id.as_str()).collect()
}

async fn case_view_is_scoped_and_links_reports_the_caller_may_read(w: World) {
    let c = file_all(&w).await;

    // The analyst sees both links of the Polar Dawn report: the vessel
    // event shares its IMO number, written differently.
    let polar = w.desk.case(&w.analyst, &c.polar).await.expect("case");
    assert!(polar.editable);
    assert_eq!(linked_ids(&polar), vec![c.vessel_event.as_str()]);
    let reasons = &polar.linked[0].reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r.kind == "identifier" && r.key == "imo:9074729"),
        "{reasons:?}"
    );

    // The two freezes hit the same listed entity.
    let freeze = w.desk.case(&w.analyst, &c.freeze).await.expect("case");
    assert_eq!(linked_ids(&freeze), vec![c.other_freeze.as_str()]);
    assert!(freeze.linked[0]
        .reasons
        .iter()
        .any(|r| r.kind == "entity" && r.key == "eu_fsf:EU.77.1"));
    assert_eq!(freeze.org_name.as_deref(), Some("Voorbeeldbank N.V."));
    assert!(freeze.deadlines.iter().all(|d| !d.overdue));

    // DNB sees the bank's reports routed to it, read-only, and no link to
    // the vessel event, which went elsewhere.
    let routes = w
        .desk
        .report(&w.analyst, &c.vessel_event)
        .await
        .expect("report")
        .routes;
    assert!(routes.iter().all(|r| r.authority != "DNB"), "{routes:?}");
    let for_dnb = w
        .desk
        .case(&w.dnb_viewer, &c.polar)
        .await
        .expect("DNB reads its case");
    assert!(!for_dnb.editable);
    assert!(for_dnb.linked.is_empty(), "{:?}", for_dnb.linked);
    let dnb_freeze = w
        .desk
        .case(&w.dnb_viewer, &c.freeze)
        .await
        .expect("routed to DNB");
    for linked in &dnb_freeze.linked {
        let report = w.desk.report(&w.dnb_viewer, &linked.id).await;
        assert!(
            report.is_ok(),
            "DNB may read every linked report: {report:?}"
        );
    }

    // Everyone else: not found, exactly like a missing report.
    for who in [
        &w.fiod_viewer,
        &w.bank_reporter,
        &w.bank_admin,
        &w.other_reporter,
    ] {
        for id in [c.polar.as_str(), "no-such-report"] {
            let answer = w.desk.case(who, id).await;
            assert!(
                matches!(answer, Err(DeskError::NotFound("report"))),
                "{answer:?}"
            );
        }
    }
    let missing = w.desk.case(&w.analyst, "no-such-report").await;
    assert!(
        matches!(missing, Err(DeskError::NotFound("report"))),
        "{missing:?}"
    );
    let anon = w.desk.case(&anonymous(), &c.polar).await;
    assert!(
        matches!(anon, Err(DeskError::Unauthenticated(_))),
        "{anon:?}"
    );

    let entries = w
        .desk
        .store()
        .audit_entries(0, 10_000)
        .await
        .expect("audit");
    assert!(entries.iter().any(|e| e.action == "case.read"));
    assert!(entries.iter().any(|e| e.action == "case.read_denied"));
}

async fn event_log_shows_facts_and_actions_in_order(w: World) {
    let c = file_all(&w).await;
    let analyst_id = w.analyst.user_id().expect("a user").to_string();
    let at = |hours: i64| {
        w.desk
            .clone()
            .with_clock(move || common::fixed_now() + Duration::hours(hours))
    };
    at(1)
        .assign(&w.analyst, &c.freeze, &analyst_id)
        .await
        .expect("assign");
    at(2)
        .decide_match(
            &w.analyst,
            &c.freeze,
            "eu_fsf",
            "EU.77.1",
            Decision::Confirmed,
            "INN matches.",
            None,
        )
        .await
        .expect("decide");
    let note = at(3)
        .add_note(&w.analyst, &c.freeze, "Called the bank.")
        .await
        .expect("note");
    assert_eq!(note.kind, "note");
    assert_eq!(note.details["text"], "Called the bank.");
    let kind = w
        .desk
        .report(&w.analyst, &c.freeze)
        .await
        .expect("report")
        .deadlines
        .into_iter()
        .find(|d| d.met_at.is_none())
        .expect("an open deadline")
        .kind;
    at(4)
        .mark_deadline_met(&w.analyst, &c.freeze, &kind)
        .await
        .expect("met");

    let case = w.desk.case(&w.analyst, &c.freeze).await.expect("case");
    let kinds: Vec<&str> = case.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds[0], "received");
    assert!(kinds.contains(&"routed"));
    // After filing (routes and clocks met at once are facts of filing):
    let received = case.received_at.as_str();
    let tail: Vec<&str> = case
        .events
        .iter()
        .filter(|e| e.at.as_str() > received)
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(
        tail,
        vec!["assigned", "match_decided", "note", "deadline_met"]
    );
    assert!(case.events.windows(2).all(|p| p[0].at <= p[1].at));
    let assigned = case
        .events
        .iter()
        .find(|e| e.kind == "assigned")
        .expect("assigned");
    assert_eq!(
        assigned.actor_name.as_deref(),
        Some("analyst@meldpunt.example")
    );
    assert_eq!(
        case.assignee.as_ref().map(|a| a.user_id.as_str()),
        Some(analyst_id.as_str())
    );

    for text in ["", &"x".repeat(4001)] {
        let refused = w.desk.add_note(&w.analyst, &c.freeze, text).await;
        assert!(
            matches!(refused, Err(DeskError::Invalid { .. })),
            "{refused:?}"
        );
    }
    for who in [&w.bank_reporter, &w.dnb_viewer] {
        let denied = w.desk.add_note(who, &c.freeze, "hello").await;
        assert!(matches!(denied, Err(DeskError::Forbidden(_))), "{denied:?}");
    }
    let entries = w
        .desk
        .store()
        .audit_entries(0, 10_000)
        .await
        .expect("audit");
    for action in ["case.assign", "case.decide", "case.note"] {
        assert!(entries.iter().any(|e| e.action == action), "{action}");
    }
}
