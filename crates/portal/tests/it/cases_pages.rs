//! The analysts' pages on SQLite and PostgreSQL: the triage queue (roles,
//! filters, assign to me), the case view (hits with confirm/dismiss forms
//! that require a reason, notes, the event log), the authority viewer's
//! read-only view, and reporters and other authorities answered 404; and
//! snapshots of both pages for an analyst in English and Dutch.

use crate::common;

use common::cast::fixture;
use common::desk_portal::*;
use meldpunt_desk::{Channel, Payload, Submission};

portal_on_both_backends!(
    triage_is_for_analysts_and_assigns_to_me,
    case_page_decides_hits_and_keeps_notes,
    case_page_is_read_only_for_authorities_and_hidden_from_others,
    triage_and_case_pages_keep_their_shape_in_english_and_dutch,
);

/// Files the freeze fixture (regime RUS) as the bank's reporter.
async fn freeze(portal: &DeskPortal) -> String {
    let mut body = fixture("asset_freeze");
    body["envelope"]["regimes"] = serde_json::json!(["RUS"]);
    let by = portal.principal(BANK_REPORTER).await;
    let submission = Submission {
        channel: Channel::Api,
        payload: Payload::Json(body.to_string().into_bytes()),
        idempotency_key: None,
        origin: "test".to_string(),
    };
    let ack = portal.desk.submit(&by, submission).await.expect("filed");
    ack.report_id.expect("a report id")
}

async fn triage_is_for_analysts_and_assigns_to_me(portal: DeskPortal) {
    let id = freeze(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let page = analyst.get("/triage").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<caption>"));
    assert!(page.body.contains(&format!("href=\"/cases/{id}\"")));
    assert!(page
        .body
        .contains(&format!("action=\"/cases/{id}/assign\"")));
    assert!(page.body.contains("<label for=\"min_score\""));

    // Filters: another regime leaves the freeze out; a bad score is
    // explained at the top and at the field.
    let other = analyst.get("/triage?regime=BLR").await;
    assert!(!other.body.contains(&format!("href=\"/cases/{id}\"")));
    let bad = analyst.get("/triage?min_score=7").await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("error-summary"));
    assert!(bad.body.contains("href=\"#min_score\""));
    assert!(bad
        .body
        .contains("aria-describedby=\"min_score-hint min_score-error\""));

    // Assign to me, then the "me" filter finds it.
    let assigned = analyst
        .post_form(&format!("/cases/{id}/assign"), &[("back", "triage")])
        .await;
    assert_eq!(assigned.status, 303, "{}", assigned.body);
    assert_eq!(assigned.headers["location"], "/triage");
    let mine = analyst.get("/triage?assignee=me").await;
    assert!(mine.body.contains(&format!("href=\"/cases/{id}\"")));
    assert!(mine.body.contains(ANALYST), "the assignee's name is shown");

    let nl = analyst.get("/triage?lang=nl").await;
    assert!(nl.body.contains("Aan mij toewijzen"));

    for email in [BANK_REPORTER, BANK_ADMIN, DNB_VIEWER] {
        let page = portal.signed_in(email).await.get("/triage").await;
        assert_eq!(page.status, 403, "{email}");
    }
    let anonymous = portal.browser().get("/triage").await;
    assert_eq!(anonymous.status, 303);
    assert!(anonymous.headers["location"]
        .to_str()
        .is_ok_and(|l| l.starts_with("/login")));
}

async fn case_page_decides_hits_and_keeps_notes(portal: DeskPortal) {
    let id = freeze(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let uri = format!("/cases/{id}");
    let page = analyst.get(&uri).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("EU.77.1"));
    assert!(page.body.contains("<label for=\"reason-0\""));
    assert!(page.body.contains("value=\"CONFIRMED\"") && page.body.contains("value=\"DISMISSED\""));
    assert!(!page.body.contains("style="), "no inline style (CSP)");

    let decide = |reason: &'static str| {
        let analyst = analyst.clone();
        let uri = format!("{uri}/decisions");
        async move {
            analyst
                .post_form(
                    &uri,
                    &[
                        ("hit", "0"),
                        ("source", "eu_fsf"),
                        ("entity_id", "EU.77.1"),
                        ("decision", "CONFIRMED"),
                        ("reason", reason),
                        ("notes", ""),
                    ],
                )
                .await
        }
    };
    let refused = decide("  ").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("href=\"#reason-0\""));
    assert!(refused.body.contains("aria-describedby=\"reason-0-error\""));
    let done = decide("The INN matches the listing.").await;
    assert_eq!(done.status, 303, "{}", done.body);
    let noted = analyst
        .post_form(
            &format!("{uri}/notes"),
            &[("text", "Called the bank's compliance desk.")],
        )
        .await;
    assert_eq!(noted.status, 303, "{}", noted.body);
    let empty = analyst
        .post_form(&format!("{uri}/notes"), &[("text", "")])
        .await;
    assert_eq!(empty.status, 422);

    let page = analyst.get(&uri).await;
    assert!(page.body.contains("decision-confirmed"));
    assert!(page.body.contains("The INN matches the listing."));
    assert!(
        page.body.contains("Called the bank&#39;s compliance desk.")
            || page.body.contains("Called the bank's compliance desk.")
    );
    assert!(page.body.contains("event-received") && page.body.contains("event-routed"));
    let forged = analyst
        .post_raw(&format!("{uri}/notes"), &[("text", "no token")])
        .await;
    assert_eq!(forged.status, 403, "CSRF protects the note form");
}

async fn case_page_is_read_only_for_authorities_and_hidden_from_others(portal: DeskPortal) {
    let id = freeze(&portal).await;
    let uri = format!("/cases/{id}");
    let dnb = portal.signed_in(DNB_VIEWER).await.get(&uri).await;
    assert_eq!(dnb.status, 200, "{}", dnb.body);
    assert!(dnb.body.contains("EU.77.1"));
    assert!(!dnb.body.contains(&format!("action=\"{uri}/decisions\"")));
    assert!(!dnb.body.contains(&format!("action=\"{uri}/notes\"")));
    let dnb_post = portal
        .signed_in(DNB_VIEWER)
        .await
        .post_form(&format!("{uri}/notes"), &[("text", "hello")])
        .await;
    assert_eq!(dnb_post.status, 403);

    let missing = "/cases/00000000-0000-4000-8000-000000000000";
    for email in [FIOD_VIEWER, BANK_REPORTER, BANK_ADMIN, OTHER_REPORTER] {
        let browser = portal.signed_in(email).await;
        let foreign = browser.get(&uri).await;
        let absent = browser.get(missing).await;
        assert_eq!(foreign.status, 404, "{email}");
        assert_eq!(absent.status, 404, "{email}");
    }
}

/// `<strong>` while [`common::snapshot_html`] runs.
const STRONG: &str = "<strong data-kept>";

/// The page's `<main>` as [`common::snapshot_html`] lays it out, with what
/// differs between runs and backends (the report's id, the organisation's
/// id) replaced. The header is left out: other areas add to its menu.
fn snapshot_main(portal: &DeskPortal, id: &str, html: &str) -> String {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    let short = id.get(..8).expect("a report id of 8 or more characters");
    // The shared layout hides every <strong> as a score; here <strong>
    // holds decisions and overdue badges, which the snapshot should show.
    let main = html[start..end].replace("<strong>", STRONG);
    common::snapshot_html(&main)
        .replace(STRONG, "<strong>")
        .replace(id, "[report]")
        .replace(short, "[report8]")
        .replace(&portal.bank_org, "[org]")
}

async fn triage_and_case_pages_keep_their_shape_in_english_and_dutch(portal: DeskPortal) {
    let id = freeze(&portal).await;
    let analyst = portal.signed_in(ANALYST).await;
    let uri = format!("/cases/{id}");
    // One of each action, so the snapshots show a current decision with
    // its earlier one, an assignee, a note and the event log around them.
    analyst.get(&uri).await;
    let steps = [
        ("assign", vec![("back", "case")]),
        (
            "decisions",
            vec![
                ("hit", "0"),
                ("source", "eu_fsf"),
                ("entity_id", "EU.77.1"),
                ("decision", "DISMISSED"),
                ("reason", "Different date of birth."),
                ("notes", ""),
            ],
        ),
        (
            "decisions",
            vec![
                ("hit", "0"),
                ("source", "eu_fsf"),
                ("entity_id", "EU.77.1"),
                ("decision", "CONFIRMED"),
                ("reason", "The INN matches the listing."),
                ("notes", "Checked against the register."),
            ],
        ),
        ("notes", vec![("text", "Asked the bank for the contract.")]),
    ];
    for (path, fields) in steps {
        let done = analyst.post_form(&format!("{uri}/{path}"), &fields).await;
        assert_eq!(done.status, 303, "{path}: {}", done.body);
    }
    for lang in ["en", "nl"] {
        let triage = analyst.get(&format!("/triage?lang={lang}")).await;
        assert_eq!(triage.status, 200, "{}", triage.body);
        assert!(triage.body.contains(&format!("href=\"{uri}\"")));
        insta::assert_snapshot!(
            format!("triage_analyst_{lang}"),
            snapshot_main(&portal, &id, &triage.body)
        );
        let case = analyst.get(&format!("{uri}?lang={lang}")).await;
        assert_eq!(case.status, 200, "{}", case.body);
        assert!(case.body.contains("decision-confirmed"));
        insta::assert_snapshot!(
            format!("case_analyst_{lang}"),
            snapshot_main(&portal, &id, &case.body)
        );
    }
}
