//! The reporting point end to end in headless Chromium, served in process
//! on a free port over a fresh SQLite store with the desk tests' cast:
//! a bank reporter files a freeze report with an asset through the form,
//! an analyst finds it in the triage queue and confirms the list match,
//! the DNB viewer (the authority it was routed to) sees it, and a reporter
//! of another organisation does not. Screenshots of the pages on the way
//! are saved to `target/screenshots/`. Skipped with a note when Chromium
//! or chromedriver is missing, except under `CI=true`.

use crate::common;

use std::time::Duration;

use common::cast::{fixture, PASSWORD};
use common::desk_portal::*;
use meldpunt_testkit::browser;
use meldpunt_testkit::browser::fantoccini::{error::CmdError, Client, Locator};
use serde_json::Value;

async fn serve(portal: &DeskPortal) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let app = portal.router();
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    // `localhost` is a secure context for Chromium, so `__Host-` cookies work over http.
    format!("http://localhost:{port}")
}

async fn shot(client: &Client, name: &str) {
    let path = browser::screenshot(client, name).await.expect("screenshot");
    eprintln!("saved {}", path.display());
}

async fn text_of(client: &Client, css: &str) -> String {
    let element = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} not found: {e}"));
    element.text().await.expect("text")
}

async fn sign_in(client: &Client, base: &str, email: &str) -> Result<(), CmdError> {
    client.goto(&format!("{base}/login")).await?;
    client
        .wait()
        .for_element(Locator::Id("email"))
        .await?
        .send_keys(email)
        .await?;
    client
        .find(Locator::Id("password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    client
        .find(Locator::Css("main button[type=submit]"))
        .await?
        .click()
        .await?;
    client
        .wait()
        .for_element(Locator::Css("form[action='/logout']"))
        .await?;
    Ok(())
}

async fn sign_out(client: &Client) -> Result<(), CmdError> {
    click(client, "form[action='/logout'] button").await?;
    client
        .wait()
        .for_element(Locator::Css(".account-box a[href^='/login']"))
        .await?;
    Ok(())
}

/// The fixture's values as a person would enter them, one per input
/// named by its JSON Pointer; lists of texts one per line.
fn typed_in(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                typed_in(inner, &format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object()) => {
            let lines: Vec<String> = items.iter().map(text).collect();
            out.push((pointer.to_string(), lines.join("\n")));
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                typed_in(inner, &format!("{pointer}/{i}"), out);
            }
        }
        other => out.push((pointer.to_string(), text(other))),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Clicks an element after scrolling it into view. A long form's buttons
/// are far below the fold, where WebDriver's own click reports the point
/// as covered; the DOM click submits the form with the button's name and
/// value just the same.
async fn click(client: &Client, css: &str) -> Result<(), CmdError> {
    let element = client.find(Locator::Css(css)).await?;
    let reference = serde_json::to_value(&element).map_err(|e| CmdError::NotJson(e.to_string()))?;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'}); arguments[0].click();",
            vec![reference],
        )
        .await?;
    Ok(())
}

/// The repeatable group a missing input belongs to: for
/// `/subjects/0/identifiers/0/kind`, `/subjects/0/identifiers`.
fn group_of(pointer: &str) -> Option<&str> {
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for part in pointer.split('/').skip(1) {
        at += 1 + part.len();
        parts.push((at, part));
    }
    let index = parts
        .iter()
        .rposition(|(_, p)| p.parse::<usize>().is_ok())?;
    let end = parts.get(index.checked_sub(1)?)?.0;
    Some(&pointer[..end])
}

/// Fills the report form: text fields by typing, dates and choices by
/// setting the control's value (WebDriver typing into a date control
/// depends on the browser's locale). A value whose row is not on the form
/// yet gets its row first, with the group's "Add" button, as a person
/// would do.
async fn fill(client: &Client, pairs: &[(String, String)]) -> Result<usize, CmdError> {
    let mut added = std::collections::BTreeSet::new();
    loop {
        let mut filled = 0;
        let mut missing_group = None;
        for (pointer, value) in pairs {
            let css = format!("[name=\"{pointer}\"]");
            let Ok(element) = client.find(Locator::Css(&css)).await else {
                if let Some(group) = group_of(pointer) {
                    let button = format!("button[name=action][value=\"add:{group}\"]");
                    if !added.contains(group) && client.find(Locator::Css(&button)).await.is_ok() {
                        missing_group.get_or_insert((group.to_string(), button));
                    }
                }
                continue;
            };
            let tag = element.tag_name().await?;
            let kind = element.attr("type").await?.unwrap_or_default();
            if tag == "input" && kind == "text" || tag == "textarea" {
                let reference =
                    serde_json::to_value(&element).map_err(|e| CmdError::NotJson(e.to_string()))?;
                client
                    .execute(
                        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'}); arguments[0].value = '';",
                        vec![reference],
                    )
                    .await?;
                element.send_keys(value).await.map_err(|e| {
                    eprintln!("typing into {pointer}: {e}");
                    e
                })?;
            } else {
                client
                    .execute(
                        "document.querySelector(arguments[0]).value = arguments[1];",
                        vec![Value::from(css.clone()), Value::from(value.clone())],
                    )
                    .await?;
            }
            filled += 1;
        }
        let Some((group, button)) = missing_group else {
            return Ok(filled);
        };
        click(client, &button).await?;
        client
            .wait()
            .for_element(Locator::Id("report-form"))
            .await?;
        added.insert(group);
    }
}

async fn file_freeze_report(client: &Client, base: &str) -> Result<String, CmdError> {
    sign_in(client, base, BANK_REPORTER).await?;
    client
        .goto(&format!("{base}/reports/new?type=ASSET_FREEZE"))
        .await?;
    client
        .wait()
        .for_element(Locator::Id("report-form"))
        .await?;
    let mut pairs = Vec::new();
    let mut report = fixture("asset_freeze");
    if let Some(map) = report.get_mut("envelope").and_then(Value::as_object_mut) {
        map.remove("report_type");
    }
    typed_in(&report, "", &mut pairs);
    let filled = fill(client, &pairs).await?;
    assert!(filled >= 10, "only {filled} fields found on the form");
    shot(client, "flow-1-freeze-form").await;
    click(client, "#report-form button[name=action][value=submit]").await?;
    let code = text_of(client, "main code").await;
    let source = client.source().await?;
    assert!(
        source.contains("Report number"),
        "no acknowledgement: {source}"
    );
    shot(client, "flow-2-acknowledgement").await;

    client.goto(&format!("{base}/reports")).await?;
    assert!(client.source().await?.contains(&code));
    shot(client, "flow-3-reports-of-the-bank").await;
    sign_out(client).await?;
    Ok(code)
}

async fn analyst_confirms(client: &Client, base: &str, id: &str) -> Result<(), CmdError> {
    sign_in(client, base, ANALYST).await?;
    // The analyst lands on the triage queue, where the new report waits.
    let queue = client.source().await?;
    assert!(queue.contains(id), "report {id} not in the queue");
    shot(client, "flow-4-triage").await;
    client
        .find(Locator::Css(&format!("a[href='/cases/{id}']")))
        .await?
        .click()
        .await?;
    let reason = client
        .wait()
        .for_element(Locator::Css("textarea[name=reason]"))
        .await?;
    shot(client, "flow-5-case").await;
    reason
        .send_keys("Name, INN and the bank's own check agree with EU.77.1.")
        .await?;
    click(client, "button[name=decision][value=CONFIRMED]").await?;
    client
        .wait()
        .for_element(Locator::Css("textarea[name=reason]"))
        .await?;
    let case = client.source().await?;
    assert!(
        case.contains("Name, INN and the bank's own check agree with EU.77.1."),
        "the decision's reason is not on the case page"
    );
    shot(client, "flow-6-confirmed").await;
    sign_out(client).await
}

async fn authority_sees_it(client: &Client, base: &str, id: &str) -> Result<(), CmdError> {
    sign_in(client, base, DNB_VIEWER).await?;
    client.goto(&format!("{base}/reports")).await?;
    assert!(client.source().await?.contains(id), "DNB does not see {id}");
    shot(client, "flow-7-authority-reports").await;
    client.goto(&format!("{base}/reports/{id}")).await?;
    assert!(client.source().await?.contains(id));
    shot(client, "flow-8-authority-report").await;
    sign_out(client).await
}

async fn other_organisation_does_not(
    client: &Client,
    base: &str,
    id: &str,
) -> Result<(), CmdError> {
    sign_in(client, base, OTHER_REPORTER).await?;
    client.goto(&format!("{base}/reports")).await?;
    assert!(
        !client.source().await?.contains(id),
        "another organisation sees {id}"
    );
    client.goto(&format!("{base}/reports/{id}")).await?;
    assert_eq!(text_of(client, "h1").await, "Page not found");
    shot(client, "flow-9-other-organisation").await;
    client.goto(&format!("{base}/reports")).await?;
    sign_out(client).await
}

async fn flow(client: &Client, base: &str) -> Result<(), CmdError> {
    let id = file_freeze_report(client, base).await?;
    analyst_confirms(client, base, &id).await?;
    authority_sees_it(client, base, &id).await?;
    other_organisation_does_not(client, base, &id).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn freeze_report_from_filing_to_confirmation() {
    let Some(browser) = browser::start().await else {
        return;
    };
    let client = browser.client.clone();
    let outcome = tokio::spawn(async move {
        common::harness::on_sqlite(|store| async move {
            let portal = DeskPortal::new(store).await;
            let base = serve(&portal).await;
            if let Err(e) = flow(&client, &base).await {
                panic!("browser session: {e}");
            }
        })
        .await;
    })
    .await;
    browser.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}
