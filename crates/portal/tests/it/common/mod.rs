//! The portal in front of the API over a small hand-written list, driven
//! in process with `tower::ServiceExt::oneshot`.
#![allow(dead_code)]

#[path = "../../../../desk/tests/it/common/cast.rs"]
pub mod cast;
#[macro_use]
pub mod desk_portal;
#[path = "../../../../store/tests/it/store/harness.rs"]
pub mod harness;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use meldpunt_model::{
    CountryRole, DateSpec, Entity, IdKind, Identifier, Name, NameKind, PartialDate, Sanction,
    Schema,
};
use meldpunt_portal::{app, PortalState};
use meldpunt_screening::{ListEntry, ScoringConfig};
use meldpunt_web::{router, AppState, DatasetInfo};
use tower::ServiceExt;

pub const CSRF_COOKIE: &str = "__Host-meldpunt-csrf";

pub struct Portal {
    router: Router,
}

#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// The value of a cookie this response sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies().into_iter().find_map(|c| {
            let first = c.split(';').next()?;
            let (k, v) = first.split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }

    /// The CSRF token of the first form on the page.
    pub fn csrf_token(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a CSRF field") + marker.len();
        let end = self.body[start..].find('"').expect("closing quote") + start;
        self.body[start..end].to_string()
    }
}

/// A browser's state between requests: its CSRF cookie and form token.
pub struct Session {
    pub cookie: String,
    pub token: String,
}

impl Portal {
    pub fn new() -> Portal {
        let state = app_state();
        let portal = PortalState::from_app(&state);
        Portal {
            router: app(portal, router(state)),
        }
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.send(
            Request::get(uri)
                .header(header::ACCEPT, "text/html")
                .body(Body::empty()),
        )
        .await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty())).await
    }

    /// Opens a form page as a browser would and keeps cookie and token.
    pub async fn session(&self, uri: &str) -> Session {
        let page = self.get(uri).await;
        Session {
            cookie: page
                .cookie(CSRF_COOKIE)
                .expect("first visit sets the CSRF cookie"),
            token: page.csrf_token(),
        }
    }

    /// POSTs a URL-encoded form with the given cookie (if any).
    pub async fn post_form(
        &self,
        uri: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("encodable");
        let mut request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, format!("{CSRF_COOKIE}={cookie}"));
        }
        self.send(request.body(Body::from(body))).await
    }

    /// Screens a name through the form with a valid session.
    pub async fn screen(&self, fields: &[(&str, &str)], lang: &str) -> Page {
        let session = self.session(&format!("/screen?lang={lang}")).await;
        let mut all = vec![("csrf", session.token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(&format!("/screen?lang={lang}"), Some(&session.cookie), &all)
            .await
    }

    /// POSTs a multipart upload: `csrf` (when given), `format`, `file`.
    pub async fn upload(
        &self,
        session: Option<&Session>,
        file_name: &str,
        content: &str,
        format: &str,
    ) -> Page {
        let boundary = "----meldpunt-test-boundary";
        let mut body = String::new();
        if let Some(session) = session {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
                session.token
            ));
        }
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n{format}\r\n"
        ));
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n"
        ));
        let mut request = Request::post("/screen/upload").header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        if let Some(session) = session {
            request = request.header(header::COOKIE, format!("{CSRF_COOKIE}={}", session.cookie));
        }
        self.send(request.body(Body::from(body))).await
    }

    pub async fn send(&self, request: Result<Request<Body>, axum::http::Error>) -> Page {
        let request = request.expect("valid test request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        read_page(response).await
    }
}

/// A response's status, headers and body as text.
pub async fn read_page(response: axum::response::Response) -> Page {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub fn app_state() -> AppState {
    let datasets = vec![dataset("ofac-sdn", "17", 3), dataset("eu-fsf", "42", 1)];
    AppState::new(entries(), ScoringConfig::default(), datasets)
}

fn dataset(name: &str, version_id: &str, entity_count: u64) -> DatasetInfo {
    DatasetInfo {
        name: name.to_string(),
        version_id: version_id.to_string(),
        published: Some("2026-01-15".to_string()),
        entity_count,
        imported_at: Some("2026-01-16T08:00:00+00:00".to_string()),
    }
}

pub fn entries() -> Vec<ListEntry> {
    let entry = |entity: Entity, source: &str, version: &str| ListEntry {
        entity,
        source: source.to_string(),
        version_id: version.to_string(),
    };
    vec![
        entry(sidorov(), "ofac-sdn", "17"),
        entry(nordstroy(), "ofac-sdn", "17"),
        entry(ocean_pioneer(), "ofac-sdn", "17"),
        entry(volkov(), "eu-fsf", "42"),
    ]
}

fn sanction(authority: &str, program: &str, listed: &str) -> Sanction {
    let mut sanction = Sanction::new(authority);
    sanction.program = Some(program.to_string());
    sanction.listing_date = PartialDate::parse(listed).ok();
    sanction
}

fn person(id: &str, names: &[(&str, NameKind)], born: &str) -> Entity {
    let mut entity = Entity::new(id, Schema::Person);
    for (name, kind) in names {
        entity.add_name(Name::new(*name, *kind));
    }
    entity.birth_dates.extend(DateSpec::parse(born).ok());
    entity.add_country(CountryRole::Nationality, "ru");
    entity
}

fn sidorov() -> Entity {
    let mut entity = person(
        "ofac-1001",
        &[
            ("Ivan Petrovich SIDOROV", NameKind::Primary),
            ("Иван Петрович Сидоров", NameKind::Alias),
        ],
        "1961-03-04",
    );
    entity.add_identifier(Identifier::new(IdKind::Passport, "7201234567"));
    entity
        .sanctions
        .push(sanction("OFAC", "RUSSIA-EO14024", "2022-03-11"));
    entity
}

fn volkov() -> Entity {
    let mut entity = person(
        "eu-fsf-501",
        &[("Pyotr Ivanovich VOLKOV", NameKind::Primary)],
        "1958",
    );
    entity
        .sanctions
        .push(sanction("European Union", "EU-RUS", "2022-02-23"));
    entity
}

fn nordstroy() -> Entity {
    let mut entity = Entity::new("ofac-2001", Schema::Company);
    entity.add_name(Name::new("NORDSTROY HOLDING JSC", NameKind::Primary));
    entity.add_country(CountryRole::Jurisdiction, "ru");
    entity
        .sanctions
        .push(sanction("OFAC", "RUSSIA-EO14024", "2023-05-19"));
    entity
}

fn ocean_pioneer() -> Entity {
    let mut entity = Entity::new("ofac-3001", Schema::Vessel);
    entity.add_name(Name::new("OCEAN PIONEER", NameKind::Primary));
    entity.add_identifier(Identifier::new(IdKind::Imo, "9321483"));
    entity
        .sanctions
        .push(sanction("OFAC", "IRAN", "2024-10-11"));
    entity
}

/// HTML one element per line, with what changes between runs (CSRF
/// tokens, asset hashes) and between scorer versions (scores, feature
/// rows, algorithm version) replaced, so snapshots pin the page's shape.
pub fn snapshot_html(html: &str) -> String {
    let mut out = redact_between(html, "name=\"csrf\" value=\"", "\"", "[csrf]");
    out = redact_between(&out, "/assets/app.", ".", "[hash]");
    out = redact_between(&out, "<table class=\"features\">", "</table>", "[features]");
    out = redact_between(&out, "<strong>", "</strong>", "[score]");
    out = redact_between(&out, "<td class=\"num score\">", "</td>", "[score]");
    out = out.replace(&meldpunt_screening::algorithm_version(), "[algorithm]");
    out = redact_between(&out, "algorithm=", "&amp;", "[algorithm]");
    out = redact_between(&out, "score=", "&amp;", "[score]");
    const BLOCKS: [&str; 30] = [
        "<head", "<body", "<header", "<nav", "<main", "<footer", "<section", "<article", "<h1",
        "<h2", "<h3", "<p", "<ul", "<li", "<table", "<thead", "<tbody", "<tr", "<form", "<div",
        "<dl", "<dt", "<dd", "<input", "<select", "<option", "<button", "<meta", "<link",
        "<script",
    ];
    for tag in BLOCKS {
        out = out.replace(&format!("{tag}>"), &format!("\n{tag}>"));
        out = out.replace(&format!("{tag} "), &format!("\n{tag} "));
    }
    out
}

fn redact_between(text: &str, start: &str, end: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        let after = &rest[i + start.len()..];
        let Some(j) = after.find(end) else { break };
        out.push_str(&rest[..i + start.len()]);
        out.push_str(with);
        rest = &after[j..];
    }
    out.push_str(rest);
    out
}
