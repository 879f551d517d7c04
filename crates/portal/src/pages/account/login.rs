//! `/login` and `/logout`. Sign-in failures read the same whatever was
//! wrong, and are rate-limited by the desk per account and per address.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::html;
use meldpunt_desk::{DeskError, Principal, Role};
use serde::Deserialize;

use crate::pages::fields::{error_summary, input_field, Problem};
use crate::pages::{errors, see_other, to_html, Page};
use crate::session;
use crate::state::PortalState;

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn show(page: Page, Query(query): Query<NextQuery>) -> Response {
    let form = LoginForm {
        next: query.next,
        ..LoginForm::default()
    };
    render(&page, StatusCode::OK, &form, &[])
}

pub async fn submit(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let lang = page.lang;
    let Ok(Form(form)) = form else {
        return errors::bad_request(lang, lang.t("error.bad_form"));
    };
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    match desk
        .login(&form.email, &form.password, page.client.as_deref())
        .await
    {
        Ok(signed_in) => {
            let target = safe_next(&form.next).unwrap_or_else(|| landing(&signed_in.principal));
            let mut response = see_other(target);
            if let Ok(cookie) = HeaderValue::from_str(&session::start_cookie(&signed_in.token)) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(DeskError::Unauthenticated(reason)) => {
            let key = if reason.contains("not active") {
                "login.inactive"
            } else {
                "login.failed"
            };
            let problem = Problem {
                field: "email".to_string(),
                message: lang.t(key).to_string(),
            };
            render(&page, StatusCode::UNAUTHORIZED, &form, &[problem])
        }
        Err(e) => errors::from_desk(lang, &e),
    }
}

pub async fn logout(
    State(state): State<Arc<PortalState>>,
    page: Page,
    headers: HeaderMap,
) -> Response {
    if let (Some(desk), Some(token)) = (&state.desk, session::token(&headers)) {
        if let Err(e) = desk.logout(token).await {
            return errors::from_desk(page.lang, &e);
        }
    }
    let mut response = see_other("/");
    if let Ok(cookie) = HeaderValue::from_str(&session::end_cookie()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn render(page: &Page, status: StatusCode, form: &LoginForm, problems: &[Problem]) -> Response {
    let problem = problems.first().map(|p| p.message.as_str());
    let main = html! {
        h1 { (page.t("login.title")) }
        @if let Some(p) = &page.viewer {
            p class="notice" { (page.tf("login.already", &[("org", page.org_name.as_deref().unwrap_or(&p.org_id))])) }
        }
        (error_summary(page.t("form.error_title"), problems))
        form method="post" action="/login" class="stack" novalidate {
            (page.csrf_field())
            input type="hidden" name="next" value=(form.next);
            (input_field("email", "email", page.t("login.email"), None, &form.email, problem, true))
            (input_field("password", "password", page.t("login.password"), None, "", None, true))
            button type="submit" { (page.t("login.submit")) }
        }
    };
    (status, to_html(page.render(page.t("login.title"), main))).into_response()
}

/// Where to go after signing in: only a path on this site, never a
/// protocol-relative or absolute URL (an open redirect).
fn safe_next(next: &str) -> Option<&str> {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\");
    let clean = !next.chars().any(|c| c.is_control());
    (local && clean && next != "/login").then_some(next)
}

/// Each role's first page.
fn landing(principal: &Principal) -> &'static str {
    match principal.role {
        Role::Reporter | Role::ReporterAdmin | Role::AuthorityViewer => "/reports",
        Role::Analyst | Role::Admin => "/triage",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/reports?x=1"), Some("/reports?x=1"));
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "",
            "reports",
            "/a\nb",
            "/login",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
