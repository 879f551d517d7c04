//! End to end in headless Chromium: the portal served in process on a
//! free port, used with clicks and keys as a person would, screenshots of
//! the main pages saved to `target/screenshots/`. Skipped with a note when
//! Chromium or chromedriver is missing, except under `CI=true`.

use crate::common;

use std::time::Duration;

use meldpunt_portal::{app, PortalState};
use meldpunt_testkit::browser;
use meldpunt_testkit::browser::fantoccini::{self, Client, Locator};
use meldpunt_web::router;

const ENTER: &str = "\u{E007}";

async fn serve() -> String {
    let state = common::app_state();
    let portal = PortalState::from_app(&state);
    let app = app(portal, router(state));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    // `localhost` is a secure context for Chromium, so `__Host-` cookies work over http.
    format!("http://localhost:{port}")
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

async fn active_element_id(client: &Client) -> String {
    let id = client
        .execute(
            "return document.activeElement && document.activeElement.id;",
            vec![],
        )
        .await
        .expect("script runs");
    id.as_str().unwrap_or_default().to_string()
}

async fn shot(client: &Client, name: &str) {
    let path = browser::screenshot(client, name).await.expect("screenshot");
    eprintln!("saved {}", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_a_name_in_both_languages() {
    let Some(browser) = browser::start().await else {
        return;
    };
    let base = serve().await;
    let result = run(&browser.client, &base).await;
    browser.close().await;
    result.expect("browser session");
}

async fn run(client: &Client, base: &str) -> Result<(), fantoccini::error::CmdError> {
    client.goto(&format!("{base}/?lang=en")).await?;
    assert!(text_of(client, "h1").await.contains("Meldpunt"));
    assert!(client.source().await?.contains("ofac-sdn"));
    shot(client, "home-en").await;

    // The first Tab reaches the skip link.
    client
        .find(Locator::Css("body"))
        .await?
        .send_keys("\u{E004}")
        .await?;
    let skip = client.active_element().await?;
    assert_eq!(skip.attr("class").await?.as_deref(), Some("skip-link"));

    // English: navigate by the menu, type a name, press Enter.
    client
        .find(Locator::LinkText("Screen a name"))
        .await?
        .click()
        .await?;
    let name = client.wait().for_element(Locator::Id("name")).await?;
    name.click().await?;
    name.send_keys(&format!("Ivan Sidorov{ENTER}")).await?;
    let heading = text_of(client, "#results-heading").await;
    assert_eq!(heading, "Hits for “Ivan Sidorov”: 1");
    assert_eq!(text_of(client, ".hit h3").await, "Ivan Petrovich SIDOROV");
    assert!(text_of(client, "table.features")
        .await
        .contains("Name similarity"));
    // The page script moved focus to the results (scripts load under the CSP).
    assert_eq!(active_element_id(client).await, "results-heading");
    let report = client.find(Locator::Css("a.report")).await?;
    let href = report.attr("href").await?.unwrap_or_default();
    assert!(
        href.starts_with("/reports/new?type=POTENTIAL_HIT&list=ofac-sdn"),
        "{href}"
    );
    shot(client, "screen-results-en").await;

    // Dutch: switch language, fill the form with the keyboard, click the button.
    client
        .find(Locator::LinkText("Nederlands"))
        .await?
        .click()
        .await?;
    let name = client.wait().for_element(Locator::Id("name")).await?;
    assert_eq!(text_of(client, "h1").await, "Naam screenen");
    shot(client, "screen-form-nl").await;
    name.send_keys("Иван Петрович Сидоров").await?;
    client
        .find(Locator::Id("schema"))
        .await?
        .send_keys("Persoon")
        .await?;
    client
        .find(Locator::Id("birth_date"))
        .await?
        .send_keys("1961-03-04")
        .await?;
    client
        .find(Locator::Css("button[type=submit]"))
        .await?
        .click()
        .await?;
    let heading = text_of(client, "#results-heading").await;
    assert!(heading.starts_with("Treffers voor"), "{heading}");
    assert!(text_of(client, "table.features")
        .await
        .contains("Geboortedatum komt overeen"));
    assert!(text_of(client, "a.report")
        .await
        .contains("Meld deze treffer"));
    shot(client, "screen-results-nl").await;

    upload(client, base).await?;

    client.goto(&format!("{base}/no-such-page")).await?;
    assert_eq!(text_of(client, "h1").await, "Pagina niet gevonden");
    shot(client, "not-found-nl").await;
    Ok(())
}

async fn upload(client: &Client, base: &str) -> Result<(), fantoccini::error::CmdError> {
    // Chromedriver wants an absolute, canonical path for file inputs.
    let dir = std::fs::canonicalize(std::env::temp_dir()).expect("temp dir");
    let file = dir.join(format!("klanten-{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "id,name,birth_date\nc1,Ivan Sidorov,1961\nc2,Anna de Vries,1980\n",
    )
    .expect("write upload file");
    client.goto(&format!("{base}/screen/upload")).await?;
    shot(client, "upload-form-nl").await;
    let input = client.find(Locator::Id("file")).await?;
    input.send_keys(&file.to_string_lossy()).await?;
    client
        .find(Locator::Css("button[value=html]"))
        .await?
        .click()
        .await?;
    let heading = text_of(client, "#results-heading").await;
    let _ = std::fs::remove_file(&file);
    assert!(
        heading.ends_with(".csv: 2 regels gescreend, 1 met treffers"),
        "{heading}"
    );
    shot(client, "upload-results-nl").await;
    Ok(())
}
