//! Security headers on every response, no inline script, labelled
//! controls, CSRF rejections, cookie attributes and form size limits.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Page, Portal, CSRF_COOKIE};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

fn assert_security_headers(page: &Page, what: &str) {
    let h = &page.headers;
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert_eq!(csp, CSP, "{what}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}"
    );
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
    assert_eq!(h[header::REFERRER_POLICY], "same-origin", "{what}");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{what}");
    assert!(h.contains_key("permissions-policy"), "{what}");
}

/// No `<script>` with a body, no `on…=` handlers, no `style=`, no
/// `javascript:` URLs: everything the CSP would block anyway.
fn assert_no_inline_code(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    for (i, _) in lower.match_indices("<script") {
        let tag_end = lower[i..].find('>').unwrap() + i;
        assert!(lower[i..tag_end].contains(" src="), "{what}: inline script");
        assert!(
            lower[tag_end + 1..].starts_with("</script>"),
            "{what}: script body"
        );
    }
    for bad in [" style=", "<style", "javascript:"] {
        assert!(!lower.contains(bad), "{what}: {bad}");
    }
    for (i, _) in lower.match_indices(" on") {
        let rest = &lower[i + 3..];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let handler = !word.is_empty() && rest[word.len()..].starts_with('=');
        assert!(!handler, "{what}: inline handler on{word}");
    }
}

/// Every visible input and select has a `<label for>`.
fn assert_controls_labelled(html: &str, what: &str) {
    for tag in ["<input ", "<select "] {
        for (i, _) in html.match_indices(tag) {
            let end = html[i..].find('>').unwrap() + i;
            let element = &html[i..end];
            if element.contains("type=\"hidden\"") {
                continue;
            }
            let id_start = element.find(" id=\"").expect("control has an id") + 5;
            let id = &element[id_start..id_start + element[id_start..].find('"').unwrap()];
            assert!(
                html.contains(&format!("<label for=\"{id}\">")),
                "{what}: {id} unlabelled"
            );
        }
    }
}

async fn all_kinds_of_response(portal: &Portal) -> Vec<(String, Page)> {
    let mut pages = Vec::new();
    for path in [
        "/",
        "/screen",
        "/screen/upload",
        "/nothing-here",
        "/assets/app.css",
    ] {
        for lang in ["en", "nl"] {
            pages.push((
                format!("{path} {lang}"),
                portal.get(&format!("{path}?lang={lang}")).await,
            ));
        }
    }
    pages.push((
        "results".into(),
        portal.screen(&[("name", "Ivan Sidorov")], "nl").await,
    ));
    pages.push((
        "invalid form".into(),
        portal.screen(&[("name", "")], "en").await,
    ));
    pages.push((
        "403".into(),
        portal.post_form("/screen", None, &[("name", "x")]).await,
    ));
    pages
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let portal = Portal::new();
    for (what, page) in all_kinds_of_response(&portal).await {
        assert_security_headers(&page, &what);
        if page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
        {
            assert_no_inline_code(&page.body, &what);
            assert_controls_labelled(&page.body, &what);
            assert_eq!(page.headers[header::CACHE_CONTROL], "no-store", "{what}");
        }
    }
}

#[tokio::test]
async fn csrf_cookie_attributes() {
    let page = Portal::new().get("/screen").await;
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with(CSRF_COOKIE))
        .expect("CSRF cookie")
        .to_string();
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
    for wanted in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(attributes.contains(&wanted), "{wanted} missing in {cookie}");
    }
    assert!(
        !cookie.to_ascii_lowercase().contains("domain="),
        "__Host- cookies have no Domain"
    );
    let lang = Portal::new().get("/?lang=nl").await;
    let lang_cookie = lang
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-meldpunt-lang="))
        .unwrap()
        .to_string();
    assert!(lang_cookie.contains("; Secure") && lang_cookie.contains("Path=/"));
}

#[tokio::test]
async fn a_returning_browser_keeps_its_cookie() {
    let portal = Portal::new();
    let session = portal.session("/screen").await;
    let again = portal
        .get_with(
            "/screen",
            &[("cookie", &format!("{CSRF_COOKIE}={}", session.cookie))],
        )
        .await;
    assert!(
        again.cookie(CSRF_COOKIE).is_none(),
        "no new cookie for a valid one"
    );
    assert_eq!(again.csrf_token(), session.token);
}

#[tokio::test]
async fn csrf_rejects_missing_wrong_and_foreign_tokens() {
    let portal = Portal::new();
    let a = portal.session("/screen").await;
    let b = portal.session("/screen").await;
    assert_ne!(a.cookie, b.cookie);
    let name = ("name", "Ivan Sidorov");
    type Case<'a> = (&'a str, Option<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: [Case; 5] = [
        ("no cookie, no token", None, vec![name]),
        ("no token", Some(&a.cookie), vec![name]),
        (
            "wrong token",
            Some(&a.cookie),
            vec![("csrf", "0123abcd"), name],
        ),
        (
            "token of another cookie",
            Some(&a.cookie),
            vec![("csrf", &b.token), name],
        ),
        (
            "token without its cookie",
            None,
            vec![("csrf", &a.token), name],
        ),
    ];
    for (what, cookie, fields) in cases {
        let page = portal.post_form("/screen", cookie, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{what}");
        assert!(
            page.body.contains("Request refused"),
            "{what}: readable page"
        );
    }
    let ok = portal
        .post_form("/screen", Some(&a.cookie), &[("csrf", &a.token), name])
        .await;
    assert_eq!(ok.status, StatusCode::OK);
}

#[tokio::test]
async fn csrf_rejections_are_in_the_page_language() {
    let portal = Portal::new();
    let page = portal
        .post_form("/screen?lang=nl", None, &[("name", "x")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Verzoek geweigerd"));
}

#[tokio::test]
async fn csrf_protects_uploads_and_refuses_cross_site_posts() {
    let portal = Portal::new();
    let session = portal.session("/screen/upload").await;
    let foreign = portal.session("/screen/upload").await;
    let no_token = portal.upload(None, "a.csv", "id,name\n1,x\n", "html").await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let mut mixed = foreign;
    mixed.cookie = session.cookie.clone();
    let wrong = portal
        .upload(Some(&mixed), "a.csv", "id,name\n1,x\n", "html")
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let body =
        serde_urlencoded::to_string([("csrf", session.token.as_str()), ("name", "x")]).unwrap();
    let cross_site = portal
        .send(
            Request::post("/screen")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("{CSRF_COOKIE}={}", session.cookie))
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(body)),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn json_posts_to_pages_are_refused_but_the_api_still_works() {
    let portal = Portal::new();
    let session = portal.session("/screen").await;
    let page = portal
        .send(
            Request::post("/screen")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, format!("{CSRF_COOKIE}={}", session.cookie))
                .body(Body::from("{\"name\":\"x\"}")),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let api = portal
        .send(
            Request::post("/api/v1/screen")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"entity\":{\"name\":\"Ivan Sidorov\"}}")),
        )
        .await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    assert!(api.body.contains("ofac-1001"));
}

#[tokio::test]
async fn oversized_forms_are_refused() {
    let portal = Portal::new();
    let session = portal.session("/screen").await;
    let huge = "x".repeat(100 * 1024);
    let page = portal
        .post_form(
            "/screen",
            Some(&session.cookie),
            &[("csrf", &session.token), ("name", &huge)],
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("Too much data"));
}

#[tokio::test]
async fn tokens_bound_to_a_session_do_not_cross_sessions() {
    use axum::middleware::{from_fn, Next};
    use meldpunt_portal::csrf::CsrfBinding;
    use tower::ServiceExt;

    let state = common::app_state();
    let routes = meldpunt_portal::routes(meldpunt_portal::PortalState::from_app(&state));
    // Stands in for the session layer to come: the session id from a header.
    let bound = routes.layer(from_fn(
        |mut request: axum::extract::Request, next: Next| async move {
            let session = request
                .headers()
                .get("x-test-session")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            request.extensions_mut().insert(CsrfBinding(session));
            next.run(request).await
        },
    ));
    let portal = Portal::new();
    let s = portal.session("/screen").await;
    let post = |session: &'static str, token: String| {
        let body = serde_urlencoded::to_string([("csrf", token.as_str()), ("name", "x")]).unwrap();
        Request::post("/screen")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("{CSRF_COOKIE}={}", s.cookie))
            .header("x-test-session", session)
            .body(Body::from(body))
            .unwrap()
    };
    let page = Request::get("/screen")
        .header(header::COOKIE, format!("{CSRF_COOKIE}={}", s.cookie))
        .header("x-test-session", "session-1")
        .body(Body::empty())
        .unwrap();
    let html = bound.clone().oneshot(page).await.unwrap();
    let html = axum::body::to_bytes(html.into_body(), 1 << 20)
        .await
        .unwrap();
    let token = common::Page {
        status: StatusCode::OK,
        headers: Default::default(),
        body: String::from_utf8_lossy(&html).into_owned(),
    }
    .csrf_token();
    assert_ne!(token, s.token, "the binding changes the token");
    let same = bound
        .clone()
        .oneshot(post("session-1", token.clone()))
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    let other = bound
        .clone()
        .oneshot(post("session-2", token))
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    let unbound = bound
        .oneshot(post("session-1", s.token.clone()))
        .await
        .unwrap();
    assert_eq!(unbound.status(), StatusCode::FORBIDDEN);
}
