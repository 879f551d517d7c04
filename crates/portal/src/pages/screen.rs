//! `/screen`: screen one name. The form posts back to itself; the results
//! page repeats the form, filled in, above the explained hits.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use maud::{html, Markup};
use meldpunt_model::Entity;
use meldpunt_screening::{Hit, ScreenOptions};

use super::fields::text_field;
use super::{csrf_field, errors, hits, to_html, Page};
use crate::csrf::CsrfToken;
use crate::i18n::Lang;
use crate::query::{FieldError, ScreenForm, SCHEMAS};
use crate::state::PortalState;

pub async fn show(page: Page, Extension(token): Extension<CsrfToken>) -> Response {
    let lang = page.lang;
    let main = html! {
        h1 { (lang.t("screen.title")) }
        p { (lang.t("screen.intro")) }
        (form_fields(lang, &token, &ScreenForm::default(), &[]))
    };
    to_html(page.render(lang.t("screen.title"), main)).into_response()
}

pub async fn submit(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Extension(token): Extension<CsrfToken>,
    form: Result<Form<ScreenForm>, FormRejection>,
) -> Response {
    let lang = page.lang;
    let Ok(Form(form)) = form else {
        return errors::bad_request(lang, lang.t("error.bad_form"));
    };
    let entity = match form.to_entity() {
        Ok(entity) => entity,
        Err(problems) => {
            let title = format!(
                "{} – {}",
                lang.t("form.error_title"),
                lang.t("screen.title")
            );
            let main = html! {
                h1 { (lang.t("screen.title")) }
                (form_view(lang, &token, &form, &problems))
            };
            let mut response = to_html(page.render(&title, main)).into_response();
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return response;
        }
    };
    let Some(found) = screen(&state, entity).await else {
        return errors::internal(lang);
    };
    let title = format!("{} – {}", lang.t("screen.results"), form.name.trim());
    let main = html! {
        h1 { (lang.t("screen.title")) }
        (form_fields(lang, &token, &form, &[]))
        (results(lang, form.name.trim(), &found))
    };
    to_html(page.render(&title, main)).into_response()
}

/// Screening scores hundreds of candidates: off the async threads.
pub async fn screen(state: &Arc<PortalState>, entity: Entity) -> Option<Vec<Hit>> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let options = ScreenOptions {
            limit: state.limits.hits_per_query,
            ..ScreenOptions::default()
        };
        state.screener.screen(&entity, &options)
    })
    .await
    .ok()
}

fn form_view(lang: Lang, token: &CsrfToken, form: &ScreenForm, problems: &[FieldError]) -> Markup {
    html! {
        div class="error-summary" role="alert" tabindex="-1" data-autofocus {
            h2 { (lang.t("form.error_title")) }
            ul {
                @for p in problems {
                    li { a href=(format!("#{}", p.field)) { (lang.t(p.message)) } }
                }
            }
        }
        (form_fields(lang, token, form, problems))
    }
}

fn form_fields(
    lang: Lang,
    token: &CsrfToken,
    form: &ScreenForm,
    problems: &[FieldError],
) -> Markup {
    let t = |key| lang.t(key);
    let problem = |field: &str| {
        problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| t(p.message))
    };
    html! {
        form method="post" action="/screen" class="stack" novalidate {
            (csrf_field(token))
            (text_field("name", t("form.name"), Some(t("form.name_hint")), &form.name, problem("name"), true))
            div class="field" {
                label for="schema" { (t("form.schema")) }
                @if let Some(message) = problem("schema") {
                    p class="field-error" id="schema-error" { (message) }
                }
                select id="schema" name="schema" {
                    @for schema in SCHEMAS {
                        @let value = if schema == SCHEMAS[0] { "" } else { schema.as_str() };
                        option value=(value) selected[form.schema == value] {
                            (lang.lookup(&format!("schema.{}", schema.as_str())).unwrap_or(schema.as_str()))
                        }
                    }
                }
            }
            (text_field("birth_date", t("form.birth_date"), Some(t("form.birth_date_hint")), &form.birth_date, problem("birth_date"), false))
            (text_field("country", t("form.country"), Some(t("form.country_hint")), &form.country, problem("country"), false))
            button type="submit" data-busy-text=(t("form.busy")) { (t("form.submit")) }
        }
    }
}

fn results(lang: Lang, subject: &str, found: &[Hit]) -> Markup {
    html! {
        section class="results" aria-labelledby="results-heading" {
            h2 id="results-heading" tabindex="-1" data-autofocus {
                (lang.tf("screen.hit_count", &[("count", &found.len().to_string()), ("name", subject)]))
            }
            @if found.is_empty() {
                p { (lang.t("screen.no_hits")) }
            }
            @for (i, hit) in found.iter().enumerate() {
                (hits::render(lang, hit, subject, i))
            }
        }
    }
}
