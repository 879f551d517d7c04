//! Pages, one module per page, and the layout they share: skip link,
//! navigation, language switch, `<html lang>`, the portal's own CSS and
//! script and nothing inline.

pub mod account;
pub mod cases;
pub mod errors;
pub mod hits;
pub mod home;
pub mod ownership;
pub mod reports;
pub mod screen;
pub mod statistics;
pub mod upload;

use maud::{html, Markup, DOCTYPE};
use meldpunt_screening::algorithm_version;

use crate::assets;
use crate::csrf::{CsrfToken, FIELD};
use crate::i18n::Lang;

/// What the layout needs to know about the request.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub lang: Lang,
    /// The path of the page, for the current-page marker and the
    /// language switch.
    pub path: &'a str,
}

const NAV: [(&str, &str); 3] = [
    ("/", "nav.home"),
    ("/screen", "nav.screen"),
    ("/screen/upload", "nav.upload"),
];

impl Page<'_> {
    pub fn t(&self, key: &'static str) -> &'static str {
        self.lang.t(key)
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
        html! {
            nav aria-label=(self.t("nav.label")) {
                ul class="nav" {
                    @for (href, key) in NAV {
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

/// Renders markup to the `Html` axum sends.
pub fn to_html(markup: Markup) -> axum::response::Html<String> {
    axum::response::Html(markup.into_string())
}

/// A score in [0, 1] as a percentage with one decimal.
pub fn percent(score: f32) -> String {
    format!("{:.1} %", score * 100.0)
}
