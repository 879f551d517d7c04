//! The reporter's pages on SQLite and PostgreSQL: every report type filed
//! through the form (the fixtures typed in field by field), the API's
//! message beside a wrong field, drafts, XML and CSV uploads, the report
//! page with its thread, a screening hit pre-filling the form, and another
//! organisation's report, draft and thread answering 404 like missing ones.

use crate::common;

use common::cast::fixture;
use common::desk_portal::*;
use common::Page;
use meldpunt_desk::{Payload, ReportQuery};
use meldpunt_reports::messages::{message_in, Language};
use serde_json::Value;

const MISSING: &str = "00000000-0000-4000-8000-000000000000";

const FIXTURES: [&str; 12] = [
    "asset_freeze",
    "attempted_transaction",
    "confirmed_hit",
    "frozen_assets_periodic",
    "licence_request",
    "listed_person_self_report",
    "no_russia_clause_breach",
    "potential_hit",
    "pre_listing_movement",
    "suspected_circumvention",
    "vessel_event",
    "whistleblower",
];

/// What a person types for a report: one input per value, named by its
/// JSON Pointer; a list of texts one per line, roles ticked one by one,
/// measurements as `name = value` lines. Written here independently of
/// the portal's own model.
fn typed_in(json: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    flatten(json, "", &mut pairs);
    pairs.retain(|(k, _)| k != "/envelope/report_type");
    pairs
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn flatten(value: &Value, pointer: &str, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) if pointer.ends_with("/metrics") => {
            let lines: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k} = {}", scalar(v)))
                .collect();
            pairs.push((pointer.to_string(), lines.join("\n")));
        }
        Value::Object(map) => {
            for (key, inner) in map {
                flatten(inner, &format!("{pointer}/{key}"), pairs);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object()) => {
            if pointer.ends_with("/roles") {
                pairs.extend(items.iter().map(|i| (pointer.to_string(), scalar(i))));
            } else {
                let lines: Vec<String> = items.iter().map(scalar).collect();
                pairs.push((pointer.to_string(), lines.join("\n")));
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                flatten(inner, &format!("{pointer}/{i}"), pairs);
            }
        }
        other => pairs.push((pointer.to_string(), scalar(other))),
    }
}

async fn post_report(
    browser: &Browser,
    report_type: &str,
    action: &str,
    pairs: &[(String, String)],
) -> Page {
    let mut fields: Vec<(&str, &str)> = vec![("type", report_type), ("action", action)];
    fields.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    browser.post_form("/reports/new", &fields).await
}

/// The report id an acknowledgement page shows.
fn filed_id(page: &Page) -> String {
    let marker = "<code>";
    let start = page
        .body
        .find("Report number")
        .and_then(|at| page.body[at..].find(marker).map(|i| at + i + marker.len()));
    let start = start.unwrap_or_else(|| panic!("no report number in {}", page.body));
    let end = page.body[start..].find('<').map_or(start, |i| start + i);
    page.body[start..end].to_string()
}

async fn every_report_type_is_filed_through_its_form(portal: DeskPortal) {
    let reporter = portal.signed_in(BANK_REPORTER).await;
    let by = portal.principal(BANK_REPORTER).await;
    for name in FIXTURES {
        let json = fixture(name);
        let report_type = json["envelope"]["report_type"].as_str().unwrap_or_default();
        let browser = if report_type == "WHISTLEBLOWER" {
            let anonymous = portal.browser();
            let form = anonymous.get("/reports/new?type=WHISTLEBLOWER").await;
            assert_eq!(form.status, 200, "{}", form.body);
            anonymous
        } else {
            let form = reporter
                .get(&format!("/reports/new?type={report_type}"))
                .await;
            assert_eq!(form.status, 200, "{name}: {}", form.body);
            reporter.clone()
        };
        let page = post_report(&browser, report_type, "submit", &typed_in(&json)).await;
        assert_eq!(page.status, 200, "{name}: {}", page.body);
        assert!(
            page.body.contains("Report received"),
            "{name}: {}",
            page.body
        );
        let id = filed_id(&page);
        if report_type == "WHISTLEBLOWER" {
            continue;
        }
        let stored = portal.desk.report(&by, &id).await.expect("filed report");
        let expected = meldpunt_reports::validate_at(&json, fixed_now_for_tests())
            .report
            .map(|r| serde_json::to_value(r).unwrap_or_default());
        assert_eq!(
            Some(stored.report),
            expected,
            "{name}: the form built the fixture"
        );
        assert_eq!(stored.channel, "portal");
    }
    let (_, total) = portal
        .desk
        .reports(&by, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 11, "eleven by the bank, one anonymous");
}

fn fixed_now_for_tests() -> chrono::DateTime<chrono::Utc> {
    common::cast::fixed_now()
}

async fn a_wrong_field_shows_the_apis_message_beside_it(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    browser.get("/reports/new?type=ASSET_FREEZE").await;
    let mut json = fixture("asset_freeze");
    json["assets"][0]["iban"] = "NL00ABNA0417164300".into();
    let mut pairs = typed_in(&json);
    pairs.retain(|(k, _)| k != "/envelope/narrative/reason");
    // First the missing reason (the shape layer), then with it the IBAN.
    let page = post_report(&browser, "ASSET_FREEZE", "submit", &pairs).await;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(page
        .body
        .contains("id=\"f-envelope-narrative-reason-error\""));
    assert!(page
        .body
        .contains("This required field is missing. (missing field `reason`)"));
    assert!(page.body.contains("href=\"#f-envelope-narrative-reason\""));

    let page = post_report(&browser, "ASSET_FREEZE", "submit", &typed_in(&json)).await;
    assert_eq!(page.status, 422, "{}", page.body);
    let api = portal
        .desk
        .check(&Payload::Value(json.clone()), "request")
        .expect("checked");
    let issue = api
        .errors
        .iter()
        .find(|i| i.pointer == "/assets/0/iban")
        .expect("the API finds the IBAN");
    let error_at = page
        .body
        .find("id=\"f-assets-0-iban-error\"")
        .expect("error beside the IBAN input");
    let input_at = page
        .body
        .find("id=\"f-assets-0-iban\"")
        .expect("IBAN input");
    assert!(
        page.body[error_at..input_at].contains(&issue.message),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("aria-describedby=\"f-assets-0-iban-error\""));
    assert!(
        page.body.contains("href=\"#f-assets-0-iban\""),
        "summary links the field"
    );
    assert!(
        page.body.contains("value=\"NL00ABNA0417164300\""),
        "what was typed stays"
    );
    let by = portal.principal(BANK_REPORTER).await;
    let (_, total) = portal
        .desk
        .reports(&by, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 0, "nothing was filed");
    assert!(
        portal.desk.drafts(&by).await.expect("drafts").is_empty(),
        "checking keeps no draft"
    );
}

async fn rows_are_added_and_removed_without_script(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    let form = browser.get("/reports/new?type=ATTEMPTED_TRANSACTION").await;
    assert!(form
        .body
        .contains("name=\"rows:/transactions\" value=\"1\""));
    assert!(form.body.contains("value=\"add:/subjects\""));
    let page = post_report(
        &browser,
        "ATTEMPTED_TRANSACTION",
        "add:/transactions",
        &[
            ("rows:/transactions".to_string(), "1".to_string()),
            ("/transactions/0/currency".to_string(), "EUR".to_string()),
        ],
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"f-transactions-1-amount\""));
    assert!(page.body.contains("value=\"EUR\""), "typed values stay");
    let page = post_report(
        &browser,
        "ATTEMPTED_TRANSACTION",
        "remove:/transactions/0",
        &[
            ("rows:/transactions".to_string(), "2".to_string()),
            ("/transactions/1/currency".to_string(), "USD".to_string()),
        ],
    )
    .await;
    assert!(page
        .body
        .contains("name=\"rows:/transactions\" value=\"1\""));
    assert!(
        page.body.contains(
            "id=\"f-transactions-0-currency\" name=\"/transactions/0/currency\" value=\"USD\""
        ),
        "{}",
        page.body
    );
}

fn draft_id_of(page: &Page) -> String {
    let location = page
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    location
        .strip_prefix("/drafts/")
        .and_then(|rest| rest.split('?').next())
        .unwrap_or_else(|| panic!("not a draft redirect: {location}"))
        .to_string()
}

async fn drafts_round_trip_and_stay_in_their_organisation(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    browser.get("/reports/new?type=ASSET_FREEZE").await;
    let mut pairs = typed_in(&fixture("asset_freeze"));
    pairs.retain(|(k, _)| !k.starts_with("/assets/0/valuation"));
    pairs.retain(|(k, _)| k != "/assets/0/kind");
    let saved = post_report(&browser, "ASSET_FREEZE", "draft", &pairs).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let id = draft_id_of(&saved);
    let resumed = browser.get(&format!("/drafts/{id}?saved=1")).await;
    assert_eq!(resumed.status, 200);
    assert!(resumed.body.contains("Draft saved."));
    assert!(
        resumed.body.contains("value=\"SEC-00123\""),
        "values come back"
    );
    assert!(resumed
        .body
        .contains(&format!("name=\"draft\" value=\"{id}\"")));
    assert!(
        resumed.body.contains("id=\"f-assets-0-kind-error\""),
        "what is left is shown"
    );
    let list = browser.get("/drafts").await;
    assert!(list.body.contains(&format!("href=\"/drafts/{id}\"")));

    let other = portal.signed_in(OTHER_REPORTER).await;
    let foreign = other.get(&format!("/drafts/{id}")).await;
    let missing = other.get(&format!("/drafts/{MISSING}")).await;
    assert_eq!(foreign.status, 404);
    assert_eq!(foreign.body, missing.body);
    other.get("/drafts").await;
    let delete = other.post_form(&format!("/drafts/{id}/delete"), &[]).await;
    assert_eq!(delete.status, 404);
    assert!(!other.get("/drafts").await.body.contains(&id));

    // Finish it: filed through the draft, which then disappears.
    let mut all = typed_in(&fixture("asset_freeze"));
    all.push(("draft".to_string(), id.clone()));
    let filed = post_report(&browser, "ASSET_FREEZE", "submit", &all).await;
    assert!(filed.body.contains("Report received"), "{}", filed.body);
    assert!(!browser.get("/drafts").await.body.contains(&id));

    // And one deleted.
    browser.get("/reports/new?type=POTENTIAL_HIT").await;
    let saved = post_report(&browser, "POTENTIAL_HIT", "draft", &[]).await;
    let second = draft_id_of(&saved);
    browser.get("/drafts").await;
    let deleted = browser
        .post_form(&format!("/drafts/{second}/delete"), &[])
        .await;
    assert_eq!(deleted.status, 303);
    assert_eq!(browser.get(&format!("/drafts/{second}")).await.status, 404);
}

fn xml_fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../reports/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn xml_and_csv_files_are_filed_or_told_by_line(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    browser.get("/reports/upload").await;
    let xml = xml_fixture("xml/asset_freeze.xml");
    let page = browser
        .post_multipart(
            "/reports/upload",
            &[],
            ("file", "freeze.xml", "application/xml", &xml),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Report received"));

    let wrong = String::from_utf8_lossy(&xml).replace(
        "<m:currency>EUR</m:currency>",
        "<m:currency>EURO</m:currency>",
    );
    let page = browser
        .post_multipart(
            "/reports/upload",
            &[],
            ("file", "wrong.xml", "application/xml", wrong.as_bytes()),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("wrong.xml:41:"), "{}", page.body);
    assert!(page.body.contains("ISO 4217"));
    let broken = &xml[..xml.len() / 2];
    let page = browser
        .post_multipart(
            "/reports/upload",
            &[],
            ("file", "broken.xml", "application/xml", broken),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("broken.xml:"), "{}", page.body);

    let csv = xml_fixture("csv/bank_return.csv");
    let fields = [("detected_at", "2026-10-01T09:00:00Z"), ("regimes", "RUS")];
    let page = browser
        .post_multipart(
            "/reports/upload",
            &fields,
            ("file", "return.csv", "text/csv", &csv),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Report received"));
    let wrong =
        String::from_utf8_lossy(&csv).replace("DE89370400440532013000", "DE00370400440532013000");
    let page = browser
        .post_multipart(
            "/reports/upload",
            &fields,
            ("file", "wrong.csv", "text/csv", wrong.as_bytes()),
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("wrong.csv:2: column iban:"),
        "{}",
        page.body
    );
}

async fn a_report_page_keeps_the_thread_between_the_two_parties(portal: DeskPortal) {
    let by = portal.principal(BANK_REPORTER).await;
    let ack = portal
        .desk
        .submit(
            &by,
            meldpunt_desk::Submission {
                channel: meldpunt_desk::Channel::Api,
                payload: Payload::Value(fixture("asset_freeze")),
                idempotency_key: None,
                origin: "test".to_string(),
            },
        )
        .await
        .expect("filed");
    let id = ack.report_id.expect("report id");

    let analyst = portal.signed_in(ANALYST).await;
    analyst.get(&format!("/reports/{id}")).await;
    let sent = analyst
        .post_form(
            &format!("/reports/{id}/messages"),
            &[("body", "Which custodian holds the bonds?")],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);

    let reporter = portal.signed_in(BANK_REPORTER).await;
    let list = reporter.get("/reports").await;
    assert!(list.body.contains(&format!("href=\"/reports/{id}\"")));
    assert!(list.body.contains("1 unread"), "{}", list.body);
    let page = reporter.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Which custodian holds the bonds?"));
    assert!(
        !page.body.contains("analyst@meldpunt.example"),
        "analysts stay anonymous"
    );
    assert!(page.body.contains("SEC-00123"), "the report's contents");
    let empty = reporter
        .post_form(&format!("/reports/{id}/messages"), &[("body", "  ")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("id=\"message-body-error\""));
    let replied = reporter
        .post_form(
            &format!("/reports/{id}/messages"),
            &[("body", "Custodian: Voorbeeld Custody B.V.")],
        )
        .await;
    assert_eq!(replied.status, 303);
    let seen = analyst.get(&format!("/reports/{id}")).await;
    assert!(seen.body.contains("Custodian: Voorbeeld Custody B.V."));

    // Another organisation: the report, its thread and a reply are not found.
    let other = portal.signed_in(OTHER_REPORTER).await;
    let foreign = other.get(&format!("/reports/{id}")).await;
    let missing = other.get(&format!("/reports/{MISSING}")).await;
    assert_eq!(foreign.status, 404);
    assert_eq!(foreign.body, missing.body);
    other.get("/reports").await;
    let post = other
        .post_form(&format!("/reports/{id}/messages"), &[("body", "hello")])
        .await;
    let post_missing = other
        .post_form(
            &format!("/reports/{MISSING}/messages"),
            &[("body", "hello")],
        )
        .await;
    assert_eq!(post.status, 404);
    assert_eq!(post.body, post_missing.body);
    assert!(!other.get("/reports").await.body.contains(&id));
    // The authority it was routed to reads the report, not the thread.
    let dnb = portal.signed_in(DNB_VIEWER).await;
    let routed = dnb.get(&format!("/reports/{id}")).await;
    assert_eq!(routed.status, 200);
    assert!(!routed.body.contains("Which custodian"));
    let thread = portal.desk.messages(&by, &id).await.expect("thread");
    assert_eq!(thread.len(), 2, "nobody else added to it");
}

async fn a_screening_hit_opens_a_prefilled_potential_hit(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    let page = browser
        .get("/reports/new?type=POTENTIAL_HIT&list=eu_fsf&list_version=42&entry=EU.12.3&score=0.912&subject=Ivan+Sidorov&schema=Person")
        .await;
    assert_eq!(page.status, 200);
    for expected in [
        "name=\"/subjects/0/names\" rows=\"4\" aria-describedby=\"f-subjects-0-names-hint\">Ivan Sidorov</textarea>",
        "name=\"/subjects/0/list_match/list\" value=\"eu_fsf\"",
        "name=\"/subjects/0/list_match/entry_id\" value=\"EU.12.3\"",
        "name=\"/subjects/0/list_match/score\" value=\"0.912\"",
        "<option value=\"potential\" selected>",
        "<option value=\"person\" selected>",
        "value=\"Voorbeeldbank N.V.\"",
    ] {
        assert!(page.body.contains(expected), "{expected} missing in {}", page.body);
    }
    let screened = browser
        .post_form("/screen", &[("name", "Ivan Petrovich Sidorov")])
        .await;
    assert!(
        screened.body.contains(
            "/reports/new?type=POTENTIAL_HIT&amp;list=eu_fsf&amp;list_version=42&amp;entry=EU.12.3"
        ),
        "{}",
        screened.body
    );
    assert!(
        screened.body.contains("&amp;schema=Person"),
        "the subject's kind goes along"
    );
}

async fn signed_out_visitors_may_only_blow_the_whistle(portal: DeskPortal) {
    let anonymous = portal.browser();
    let page = anonymous.get("/reports/new?type=ASSET_FREEZE").await;
    assert_eq!(page.status, 303);
    let picker = anonymous.get("/reports/new").await;
    assert!(picker.body.contains("value=\"WHISTLEBLOWER\""));
    assert!(!picker.body.contains("value=\"ASSET_FREEZE\""));
    assert_eq!(anonymous.get("/reports").await.status, 303);
    assert_eq!(anonymous.get("/drafts").await.status, 303);
    let analyst = portal.signed_in(ANALYST).await;
    assert_eq!(
        analyst.get("/reports/new?type=ASSET_FREEZE").await.status,
        403
    );
    assert_eq!(analyst.get("/drafts").await.status, 403);
}

portal_on_both_backends!(
    every_report_type_is_filed_through_its_form,
    a_wrong_field_shows_the_apis_message_beside_it,
    rows_are_added_and_removed_without_script,
    drafts_round_trip_and_stay_in_their_organisation,
    xml_and_csv_files_are_filed_or_told_by_line,
    a_report_page_keeps_the_thread_between_the_two_parties,
    a_screening_hit_opens_a_prefilled_potential_hit,
    signed_out_visitors_may_only_blow_the_whistle,
    dutch_form_pages_tell_the_issues_in_dutch,
    dutch_uploads_are_told_in_dutch,
    dutch_report_pages_show_warnings_in_dutch,
);

/// The form on a Dutch page: the message beside the field and in the
/// summary are the Dutch ones, with serde's detail translated too.
async fn dutch_form_pages_tell_the_issues_in_dutch(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    browser.get("/reports/new?type=ASSET_FREEZE&lang=nl").await;
    let mut json = fixture("asset_freeze");
    json["assets"][0]["iban"] = "NL00ABNA0417164300".into();
    let mut pairs = typed_in(&json);
    pairs.retain(|(k, _)| k != "/envelope/narrative/reason");
    let mut fields: Vec<(&str, &str)> = vec![("type", "ASSET_FREEZE"), ("action", "submit")];
    fields.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let page = browser.post_form("/reports/new?lang=nl", &fields).await;
    assert_eq!(page.status, 422, "{}", page.body);
    let missing = "Dit verplichte veld ontbreekt. (veld `reason` ontbreekt)";
    assert_eq!(
        page.body.matches(missing).count(),
        2,
        "beside the field and in the summary: {}",
        page.body
    );
    assert!(!page.body.contains("This required field is missing"));

    let all: Vec<(String, String)> = typed_in(&json);
    let mut fields: Vec<(&str, &str)> = vec![("type", "ASSET_FREEZE"), ("action", "check")];
    fields.extend(all.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let page = browser.post_form("/reports/new?lang=nl", &fields).await;
    assert_eq!(page.status, 422, "{}", page.body);
    let dutch = message_in("iban_checksum", Language::Nl);
    let error_at = page
        .body
        .find("id=\"f-assets-0-iban-error\"")
        .expect("error beside the IBAN");
    let input_at = page
        .body
        .find("id=\"f-assets-0-iban\"")
        .expect("IBAN input");
    assert!(
        page.body[error_at..input_at].contains(dutch),
        "{}",
        page.body
    );
    assert!(!page
        .body
        .contains(message_in("iban_checksum", Language::En)));
    // The same form in English keeps the English message.
    let page = browser.post_form("/reports/new?lang=en", &fields).await;
    assert!(page
        .body
        .contains(message_in("iban_checksum", Language::En)));
}

async fn dutch_uploads_are_told_in_dutch(portal: DeskPortal) {
    let browser = portal.signed_in(BANK_REPORTER).await;
    browser.get("/reports/upload?lang=nl").await;
    let xml = xml_fixture("xml/asset_freeze.xml");
    let upload = |name: &'static str, kind: &'static str, bytes: Vec<u8>| {
        let browser = &browser;
        async move {
            let fields = [("detected_at", "2026-10-01T09:00:00Z"), ("regimes", "RUS")];
            browser
                .post_multipart(
                    "/reports/upload?lang=nl",
                    &fields,
                    ("file", name, kind, &bytes),
                )
                .await
        }
    };
    let wrong = String::from_utf8_lossy(&xml).replace(
        "<m:currency>EUR</m:currency>",
        "<m:currency>EURO</m:currency>",
    );
    let page = upload("wrong.xml", "application/xml", wrong.into_bytes()).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("wrong.xml:41:"), "{}", page.body);
    assert!(
        page.body
            .contains(message_in("currency_unknown", Language::Nl)),
        "{}",
        page.body
    );

    let page = upload(
        "broken.xml",
        "application/xml",
        xml[..xml.len() / 2].to_vec(),
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains(message_in("xml_truncated", Language::Nl)),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("(in /report/"),
        "the element path in Dutch: {}",
        page.body
    );

    let csv = xml_fixture("csv/bank_return.csv");
    let wrong =
        String::from_utf8_lossy(&csv).replace("DE89370400440532013000", "DE00370400440532013000");
    let page = upload("wrong.csv", "text/csv", wrong.into_bytes()).await;
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("wrong.csv:2: kolom iban: "),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains(message_in("iban_checksum", Language::Nl)));

    let mut text = String::from_utf8_lossy(&csv).into_owned();
    text = text.replacen('\n', ",extra\n", 1);
    let page = upload("columns.csv", "text/csv", text.into_bytes()).await;
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("columns.csv:1: kolom extra: "),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(message_in("csv_unknown_column", Language::Nl)),
        "{}",
        page.body
    );
}

/// A filed report's warnings (a rule's and screening's) on its Dutch page;
/// the stored acknowledgement stays English.
async fn dutch_report_pages_show_warnings_in_dutch(portal: DeskPortal) {
    let mut json = fixture("asset_freeze");
    json["assets"][0]["frozen_at"] = "2026-11-03".into();
    if let Some(subjects) = json["subjects"].as_array_mut() {
        subjects.push(serde_json::json!({"kind": "person", "names": ["Ivan Petrovich Sidorov"]}));
    }
    let by = portal.principal(BANK_REPORTER).await;
    let submission = meldpunt_desk::Submission {
        channel: meldpunt_desk::Channel::Api,
        payload: Payload::Value(json),
        idempotency_key: None,
        origin: "test".to_string(),
    };
    let ack = portal.desk.submit(&by, submission).await.expect("filed");
    let id = ack.report_id.expect("report id");
    let codes: Vec<&str> = ack.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(
        codes.contains(&"frozen_before_detection") && codes.contains(&"undeclared_hit"),
        "{codes:?}"
    );

    let browser = portal.signed_in(BANK_REPORTER).await;
    let page = browser.get(&format!("/reports/{id}?lang=nl")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(message_in("frozen_before_detection", Language::Nl)),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("De screening koppelde deze betrokkene aan"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Screening matched this subject"));
    let english = browser.get(&format!("/reports/{id}?lang=en")).await;
    assert!(english.body.contains("Screening matched this subject"));
    let stored = portal
        .desk
        .acknowledgement_of(&by, &id)
        .await
        .expect("stored");
    assert!(stored
        .warnings
        .iter()
        .any(|w| w.message.starts_with("Screening matched")));
}
