//! Error pages: readable, in the request's language, with a way back.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use meldpunt_desk::DeskError;

use super::{to_html, Page};
use crate::i18n::Lang;

/// A page with a status, a title and one paragraph.
pub fn page(lang: Lang, status: StatusCode, title_key: &'static str, body: String) -> Response {
    let page = Page::bare(lang, "");
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

/// Signed in, but the role may not open this page.
pub fn not_allowed(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::FORBIDDEN,
        "error.not_allowed_title",
        lang.t("error.not_allowed_body").to_string(),
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

pub fn unavailable(lang: Lang) -> Response {
    page(
        lang,
        StatusCode::SERVICE_UNAVAILABLE,
        "error.unavailable_title",
        lang.t("error.unavailable_body").to_string(),
    )
}

/// The page for a reporting-point error. Whether something is missing or
/// belongs to another organisation reads the same (404), as in the API.
pub fn from_desk(lang: Lang, error: &DeskError) -> Response {
    match error {
        DeskError::Unauthenticated(_) => super::see_other("/login"),
        DeskError::Forbidden(_) => not_allowed(lang),
        DeskError::NotFound(_) => not_found(lang),
        DeskError::Malformed(detail) => bad_request(lang, detail),
        DeskError::Invalid { field, message } => page(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error.invalid_title",
            format!("{field}: {message}"),
        ),
        DeskError::Conflict(detail) => page(
            lang,
            StatusCode::CONFLICT,
            "error.conflict_title",
            detail.clone(),
        ),
        DeskError::RateLimited { retry_after_secs } => {
            let mut response = page(
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                "error.too_many_title",
                lang.tf(
                    "error.too_many_body",
                    &[("minutes", &retry_after_secs.div_ceil(60).to_string())],
                ),
            );
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        DeskError::Store(_) | DeskError::Internal(_) => {
            tracing::error!(error = %error, "reporting point");
            internal(lang)
        }
    }
}
