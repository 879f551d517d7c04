//! Error pages: readable, in the request's language, with a way back.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::{to_html, Page};
use crate::i18n::Lang;

/// A page with a status, a title and one paragraph.
pub fn page(lang: Lang, status: StatusCode, title_key: &'static str, body: String) -> Response {
    let page = Page { lang, path: "" };
    let title = lang.t(title_key);
    let markup = page.render(
        title,
        html! {
            h1 { (title) }
            p { (body) }
            p { a href="/" { (lang.t("error.back_home")) } }
        },
    );
    (status, to_html(markup)).into_response()
}

pub fn forbidden(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::FORBIDDEN,
        "error.forbidden_title",
        lang.t("error.forbidden_body").to_string(),
    )
}

pub fn too_large(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::PAYLOAD_TOO_LARGE,
        "error.too_large_title",
        lang.t("error.too_large_body").to_string(),
    )
}

pub fn bad_request(lang: Lang, detail: &str) -> Response {
    page(
        lang,
        StatusCode::BAD_REQUEST,
        "error.bad_request_title",
        detail.to_string(),
    )
}

pub fn internal(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::INTERNAL_SERVER_ERROR,
        "error.internal_title",
        lang.t("error.internal_body").to_string(),
    )
}

pub fn not_found(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::NOT_FOUND,
        "error.not_found_title",
        lang.t("error.not_found_body").to_string(),
    )
}
