//! Pages, one module per page, and the layout they share: skip link,
//! navigation, language switch, `<html lang>`, the portal's own CSS and
//! script and nothing inline.

pub mod account;
pub mod cases;
pub mod errors;
pub mod fields;
pub mod hits;
pub mod home;
pub mod ownership;
pub mod reports;
pub mod screen;
pub mod statistics;
pub mod upload;

use std::convert::Infallible;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use meldpunt_desk::{Principal, Role};
use meldpunt_screening::algorithm_version;

use crate::assets;
use crate::csrf::{CsrfToken, FIELD};
use crate::i18n::Lang;
use crate::session::Viewer;

/// What the layout and a handler know about the request: its language,
/// path, signed-in caller and CSRF token. Handlers take it as an extractor.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    /// The path of the page, for the current-page marker, the language
    /// switch and where to come back to after signing in.
    pub path: String,
    pub viewer: Option<Principal>,
    /// The signed-in caller's organisation, by name.
    pub org_name: Option<String>,
    pub csrf: Option<CsrfToken>,
    /// The client's IP address, when the server knows it (for sign-in
    /// rate limits).
    pub client: Option<String>,
}

/// Who sees a navigation entry.
#[derive(Debug, Clone, Copy)]
enum Audience {
    Everyone,
    SignedIn,
    Filers,
    Analysts,
    OrgAdmins,
}

impl Audience {
    fn admits(self, viewer: Option<&Principal>) -> bool {
        match (self, viewer) {
            (Audience::Everyone, _) => true,
            (_, None) => false,
            (Audience::SignedIn, Some(_)) => true,
            (Audience::Filers, Some(p)) => p.role.files_reports(),
            (Audience::Analysts, Some(p)) => matches!(p.role, Role::Analyst | Role::Admin),
            (Audience::OrgAdmins, Some(p)) => p.role == Role::ReporterAdmin,
        }
    }
}

const NAV: [(&str, &str, Audience); 10] = [
    ("/", "nav.home", Audience::Everyone),
    ("/screen", "nav.screen", Audience::Everyone),
    ("/screen/upload", "nav.upload", Audience::Everyone),
    ("/ownership", "nav.ownership", Audience::Everyone),
    ("/reports", "nav.reports", Audience::SignedIn),
    ("/reports/new", "nav.new_report", Audience::Filers),
    ("/drafts", "nav.drafts", Audience::Filers),
    ("/triage", "nav.triage", Audience::Analysts),
    ("/statistics", "nav.statistics", Audience::SignedIn),
    ("/organisation", "nav.organisation", Audience::OrgAdmins),
];

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Page {
            lang: parts.extensions.get::<Lang>().copied().unwrap_or(Lang::En),
            path: parts.uri.path().to_string(),
            viewer: parts
                .extensions
                .get::<Viewer>()
                .map(|v| v.principal.clone()),
            org_name: parts.extensions.get::<Viewer>().map(|v| v.org_name.clone()),
            csrf: parts.extensions.get::<CsrfToken>().cloned(),
            client: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(address)| address.ip().to_string()),
        })
    }
}

impl Page {
    /// A page outside a request's extensions (error pages from layers).
    pub fn bare(lang: Lang, path: &str) -> Page {
        Page {
            lang,
            path: path.to_string(),
            viewer: None,
            org_name: None,
            csrf: None,
            client: None,
        }
    }

    pub fn t(&self, key: &'static str) -> &'static str {
        self.lang.t(key)
    }

    pub fn tf(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        self.lang.tf(key, args)
    }

    /// The hidden CSRF field every POST form starts with.
    pub fn csrf_field(&self) -> Markup {
        match &self.csrf {
            Some(token) => csrf_field(token),
            None => html! {},
        }
    }

    /// The signed-in caller, or a redirect to the sign-in page that comes
    /// back here.
    pub fn signed_in(&self) -> Result<&Principal, Response> {
        self.viewer
            .as_ref()
            .ok_or_else(|| login_redirect(&self.path))
    }

    /// The signed-in caller whose role passes `allowed`; others get 403.
    pub fn require(&self, allowed: impl Fn(Role) -> bool) -> Result<&Principal, Response> {
        let principal = self.signed_in()?;
        if allowed(principal.role) {
            Ok(principal)
        } else {
            Err(errors::not_allowed(self.lang))
        }
    }

    /// The whole document around `main`.
    pub fn render(&self, title: &str, main: Markup) -> Markup {
        let lang = self.lang;
        html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Meldpunt" }
                    link rel="stylesheet" href=(assets::url("app.css"));
                    script src=(assets::url("app.js")) defer {}
                }
                body {
                    a class="skip-link" href="#main" { (self.t("layout.skip")) }
                    header class="site-header" {
                        a class="brand" href="/" { "Meldpunt" }
                        (self.nav())
                        (self.account_box())
                        (self.language_switch())
                    }
                    main id="main" tabindex="-1" {
                        (main)
                    }
                    footer class="site-footer" {
                        p { (self.t("layout.footer")) " · " (self.t("layout.algorithm")) " "
                            code { (algorithm_version()) } }
                    }
                }
            }
        }
    }

    fn nav(&self) -> Markup {
        let viewer = self.viewer.as_ref();
        html! {
            nav aria-label=(self.t("nav.label")) {
                ul class="nav" {
                    @for (href, key, audience) in NAV {
                        @if audience.admits(viewer) {
                            li {
                                @if href == self.path {
                                    a href=(href) aria-current="page" { (self.t(key)) }
                                } @else {
                                    a href=(href) { (self.t(key)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Who is signed in, with a sign-out button; or a sign-in link.
    fn account_box(&self) -> Markup {
        html! {
            div class="account-box" {
                @match &self.viewer {
                    Some(p) => {
                        span class="signed-in-as" {
                            (self.tf("nav.signed_in_as", &[
                                ("role", role_name(self.lang, p.role)),
                                ("org", self.org_name.as_deref().unwrap_or(&p.org_id)),
                            ]))
                        }
                        form method="post" action="/logout" class="inline-form" {
                            (self.csrf_field())
                            button type="submit" class="link-button" { (self.t("nav.logout")) }
                        }
                    }
                    None => {
                        a href=(format!("/login?next={}", encode_next(&self.path))) { (self.t("nav.login")) }
                    }
                }
            }
        }
    }

    fn language_switch(&self) -> Markup {
        html! {
            nav class="lang-switch" aria-label=(self.t("nav.language")) {
                ul {
                    @for lang in Lang::ALL {
                        li {
                            @let href = format!("{}?lang={}", self.path, lang.code());
                            @if lang == self.lang {
                                a href=(href) hreflang=(lang.code()) lang=(lang.code())
                                    aria-current="true" { (lang.endonym()) }
                            } @else {
                                a href=(href) hreflang=(lang.code()) lang=(lang.code()) { (lang.endonym()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The hidden CSRF field every POST form starts with.
pub fn csrf_field(token: &CsrfToken) -> Markup {
    html! { input type="hidden" name=(FIELD) value=(token.as_str()); }
}

/// A role's name in the page's language.
pub fn role_name(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Reporter => lang.t("role.reporter"),
        Role::ReporterAdmin => lang.t("role.reporter_admin"),
        Role::Analyst => lang.t("role.analyst"),
        Role::AuthorityViewer => lang.t("role.authority_viewer"),
        Role::Admin => lang.t("role.admin"),
    }
}

fn encode_next(path: &str) -> String {
    serde_urlencoded::to_string([("", path)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// 303 to the sign-in page, which comes back to `path` afterwards.
pub fn login_redirect(path: &str) -> Response {
    see_other(&format!("/login?next={}", encode_next(path)))
}

/// A 303 See Other to a local path (after a form post, or to sign in).
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

/// A stored RFC 3339 UTC timestamp shown as `YYYY-MM-DD HH:MM UTC`.
pub fn when(stamp: &str) -> String {
    match (stamp.get(..10), stamp.get(11..16), stamp.ends_with('Z')) {
        (Some(day), Some(time), true) => format!("{day} {time} UTC"),
        _ => stamp.to_string(),
    }
}

/// An authority's name in the page's language (`DNB` → "De Nederlandsche
/// Bank"), or the code as given when it names no known authority.
pub fn authority_name(lang: Lang, code: &str) -> String {
    match code.parse::<meldpunt_reports::Authority>() {
        Ok(authority) if lang == Lang::Nl => authority.name_nl().to_string(),
        Ok(authority) => authority.name().to_string(),
        Err(_) => code.to_string(),
    }
}

/// The whole page; 422 when it shows a refused form again.
pub fn answer(page: &Page, title: &str, main: Markup, refused: bool) -> Response {
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, to_html(page.render(title, main))).into_response()
}

/// The form as sent, or the page saying it could not be read.
pub fn read_form<T>(
    page: &Page,
    form: Result<axum::Form<T>, axum::extract::rejection::FormRejection>,
) -> Result<T, Response> {
    form.map(|axum::Form(form)| form)
        .map_err(|_| errors::bad_request(page.lang, page.t("error.bad_form")))
}

/// Renders markup to the `Html` axum sends.
pub fn to_html(markup: Markup) -> axum::response::Html<String> {
    axum::response::Html(markup.into_string())
}

/// A score in [0, 1] as a percentage with one decimal.
pub fn percent(score: f32) -> String {
    format!("{:.1} %", score * 100.0)
}
