//! Every page in both languages, the screening results, the file upload,
//! the 404 page and rendered-HTML snapshots.

use crate::common;

use axum::http::{header, StatusCode};
use common::{snapshot_html, Portal};

const PAGES: [&str; 3] = ["/", "/screen", "/screen/upload"];

#[tokio::test]
async fn every_page_in_both_languages() {
    let portal = Portal::new();
    for path in PAGES {
        for (lang, marker) in [
            ("en", "Skip to main content"),
            ("nl", "Naar de hoofdinhoud"),
        ] {
            let page = portal.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path} {lang}");
            assert!(page.body.starts_with("<!DOCTYPE html>"), "{path}");
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{path} {lang}"
            );
            assert!(page.body.contains(marker), "{path} {lang}");
            assert!(page.body.contains("href=\"#main\""), "skip link on {path}");
            assert!(
                page.body.contains("<main id=\"main\""),
                "main landmark on {path}"
            );
        }
    }
}

#[tokio::test]
async fn language_comes_from_query_cookie_then_accept_language() {
    let portal = Portal::new();
    let page = portal.get("/?lang=nl").await;
    let cookie = page
        .cookie("__Host-meldpunt-lang")
        .expect("language cookie");
    assert_eq!(cookie, "nl");
    let remembered = portal
        .get_with(
            "/",
            &[
                ("cookie", "__Host-meldpunt-lang=nl"),
                ("accept-language", "en"),
            ],
        )
        .await;
    assert!(remembered.body.contains("<html lang=\"nl\">"));
    let negotiated = portal
        .get_with("/", &[("accept-language", "nl-NL,nl;q=0.9,en;q=0.8")])
        .await;
    assert!(negotiated.body.contains("<html lang=\"nl\">"));
    let default = portal.get_with("/", &[("accept-language", "fr")]).await;
    assert!(default.body.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn home_shows_the_loaded_list_versions() {
    let page = Portal::new().get("/").await;
    for text in [
        "ofac-sdn",
        "eu-fsf",
        "<code>17</code>",
        "<code>42</code>",
        "2026-01-15",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(page.body.contains("4 list entries are searchable."));
}

#[tokio::test]
async fn screening_shows_explained_hits_from_the_engine() {
    let portal = Portal::new();
    let page = portal
        .screen(
            &[
                ("name", "Ivan Sidorov"),
                ("schema", "Person"),
                ("birth_date", "1961-03-04"),
                ("country", "RU"),
            ],
            "en",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    for text in [
        "Ivan Petrovich SIDOROV", // caption
        "Listed name",            // matched name on the list side
        "RUSSIA-EO14024",         // programme
        "2022-03-11",             // listing date
        "<code>ofac-1001</code>", // list entry
        "<code>17</code>",        // list version
        "Birth date matches",     // a feature, translated
        "<code class=\"feature-name\">dob_match</code>",
    ] {
        assert!(body.contains(text), "{text} missing");
    }
    assert!(body.contains(&meldpunt_screening::algorithm_version()));
    assert!(body.contains(
        "href=\"/reports/new?type=POTENTIAL_HIT&amp;list=ofac-sdn&amp;list_version=17&amp;entry=ofac-1001&amp;score="
    ));
    assert!(body.contains("subject=Ivan+Sidorov"));
    // The form is repeated, filled in.
    assert!(body.contains("value=\"Ivan Sidorov\""));
}

#[tokio::test]
async fn screening_in_dutch() {
    let page = Portal::new()
        .screen(&[("name", "Иван Петрович Сидоров")], "nl")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Treffers voor “Иван Петрович Сидоров”"));
    assert!(page.body.contains("Meld deze treffer"));
    assert!(page.body.contains("Overeenkomst van de naam"));
}

#[tokio::test]
async fn form_problems_are_shown_next_to_the_fields() {
    let page = Portal::new()
        .screen(
            &[
                ("name", " "),
                ("birth_date", "yesterday"),
                ("country", "Atlantis"),
            ],
            "en",
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("role=\"alert\""));
    assert!(page.body.contains("<a href=\"#name\">Enter a name.</a>"));
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert!(page
        .body
        .contains("aria-describedby=\"birth_date-hint birth_date-error\""));
}

#[tokio::test]
async fn no_hits_is_said_plainly() {
    let page = Portal::new()
        .screen(&[("name", "Zzyzx Quibble")], "en")
        .await;
    assert!(page
        .body
        .contains("No list entry scores above the threshold"));
}

const CUSTOMERS: &str = "id,name,birth_date,nationality\n\
                         c1,Ivan Sidorov,1961-03-04,ru\n\
                         c2,Anna de Vries,1980,nl\n\
                         c3,,1990,nl\n";

#[tokio::test]
async fn uploaded_file_gives_a_results_table() {
    let portal = Portal::new();
    let session = portal.session("/screen/upload").await;
    let page = portal
        .upload(Some(&session), "customers.csv", CUSTOMERS, "html")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("customers.csv: 2 records screened, 1 with hits"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Ivan Petrovich SIDOROV"));
    assert!(page.body.contains("Records that could not be read"));
    assert!(page.body.contains("Line 4:"));
}

#[tokio::test]
async fn uploaded_file_as_csv_download() {
    let portal = Portal::new();
    let session = portal.session("/screen/upload").await;
    let page = portal
        .upload(Some(&session), "customers.csv", CUSTOMERS, "csv")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        page.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"customers-hits.csv\""
    );
    let mut lines = page.body.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("line,id,query_name,hit_rank,score"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows
        .iter()
        .any(|r| r.starts_with("2,c1,Ivan Sidorov,1,") && r.contains("ofac-1001")));
    assert!(rows.iter().any(|r| r.starts_with("3,c2,Anna de Vries,,")));
}

#[tokio::test]
async fn unreadable_upload_is_a_readable_error() {
    let portal = Portal::new();
    let session = portal.session("/screen/upload").await;
    let page = portal
        .upload(Some(&session), "x.csv", "who,what\n1,2\n", "html")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("The file cannot be read"));
    assert!(page.body.contains("unknown column"));
}

#[tokio::test]
async fn unknown_paths_get_an_html_404_and_api_clients_keep_json() {
    let portal = Portal::new();
    let page = portal.get("/no/such/page?lang=nl").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Pagina niet gevonden"));
    assert!(page.headers.contains_key(header::CONTENT_SECURITY_POLICY));
    let api = portal
        .get_with("/no/such/page", &[("accept", "application/json")])
        .await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(api.body.starts_with('{'), "{}", api.body);
    let health = portal.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
}

#[tokio::test]
async fn assets_are_embedded_hashed_and_cacheable() {
    let portal = Portal::new();
    let home = portal.get("/").await;
    let start = home.body.find("/assets/app.").unwrap();
    let end = home.body[start..].find(".css").unwrap() + start + 4;
    let url = &home.body[start..end];
    let css = portal.get(url).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(
        css.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let etag = css.headers[header::ETAG].to_str().unwrap().to_string();
    let again = portal.get_with(url, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let plain = portal.get("/assets/app.js").await;
    assert_eq!(plain.headers[header::CACHE_CONTROL], "no-cache");
    assert!(plain.body.contains("data-autofocus"));
    assert_eq!(
        portal.get("/assets/evil.js").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn snapshots_of_the_main_pages() {
    let portal = Portal::new();
    insta::assert_snapshot!(
        "home_en",
        snapshot_html(&portal.get("/?lang=en").await.body)
    );
    insta::assert_snapshot!(
        "screen_form_nl",
        snapshot_html(&portal.get("/screen?lang=nl").await.body)
    );
    let results = portal
        .screen(
            &[
                ("name", "Ivan Sidorov"),
                ("schema", "Person"),
                ("birth_date", "1961"),
            ],
            "en",
        )
        .await;
    insta::assert_snapshot!("screen_results_en", snapshot_html(&results.body));
    let session = portal.session("/screen/upload?lang=nl").await;
    let upload = portal
        .upload(Some(&session), "klanten.csv", CUSTOMERS, "html")
        .await;
    insta::assert_snapshot!("upload_results", snapshot_html(&upload.body));
}
