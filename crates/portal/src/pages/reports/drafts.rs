//! `/drafts`: the organisation's unfinished reports; `/drafts/{id}` opens
//! one in its form (with what is left to fix), and a draft can be deleted.
//! Another organisation's draft is "not found", like a missing one.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use meldpunt_desk::{Desk, IssueView, Principal};
use serde::Deserialize;

use super::form_data::FormData;
use super::model::{is_report_type, REPORT_TYPES, WHISTLEBLOWER};
use super::new::{page_with_form, problems_of, type_name};
use super::render::FormMeta;
use super::view::localised;
use crate::pages::{errors, see_other, to_html, Page};
use crate::state::PortalState;

fn guard<'a>(
    state: &'a PortalState,
    page: &'a Page,
) -> Result<(&'a Desk, &'a Principal), Response> {
    let by = page.require(|role| role.files_reports())?;
    Ok((state.desk(page)?, by))
}

pub async fn list(State(state): State<Arc<PortalState>>, page: Page) -> Response {
    let (desk, by) = match guard(&state, &page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    let drafts = match desk.drafts(by).await {
        Ok(drafts) => drafts,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let main = html! {
        h1 { (page.t("drafts.title")) }
        @if drafts.is_empty() {
            p { (page.t("drafts.empty")) }
        } @else {
            div class="table-wrap" {
                table class="drafts" {
                    caption { (page.t("drafts.caption")) }
                    thead { tr {
                        th scope="col" { (page.t("drafts.updated_at")) }
                        th scope="col" { (page.t("drafts.type")) }
                        th scope="col" { (page.t("drafts.left")) }
                        th scope="col" { (page.t("drafts.actions")) }
                    } }
                    tbody {
                        @for d in &drafts {
                            @let name = type_name(&page, d.report_type.as_deref().unwrap_or("–"));
                            tr {
                                td { (d.updated_at) }
                                th scope="row" { (name) }
                                td { (page.tf("drafts.errors", &[("n", &d.errors.len().to_string())])) }
                                td class="actions" {
                                    a href=(format!("/drafts/{}", d.id)) {
                                        (page.t("drafts.resume")) span class="visually-hidden" { ": " (name) ", " (d.updated_at) }
                                    }
                                    form method="post" action=(format!("/drafts/{}/delete", d.id)) class="inline-form" {
                                        (page.csrf_field())
                                        button type="submit" class="secondary" {
                                            (page.t("drafts.delete")) span class="visually-hidden" { ": " (name) ", " (d.updated_at) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a class="button" href="/reports/new" { (page.t("reports.list.new")) } }
    };
    to_html(page.render(page.t("drafts.title"), main)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct ResumeQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default, rename = "type")]
    report_type: Option<String>,
}

pub async fn resume(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
    query: Result<Query<ResumeQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let query = query.map(|q| q.0).unwrap_or_default();
    let (desk, by) = match guard(&state, &page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    let draft = match desk.draft(by, &id).await {
        Ok(draft) => draft,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    // A draft saved over the API may name no type (or one the portal cannot
    // file for a signed-in reporter): ask for it.
    let chosen = query
        .report_type
        .or(draft.report_type.clone())
        .filter(|t| is_report_type(t) && t != WHISTLEBLOWER);
    let Some(report_type) = chosen else {
        let main = html! {
            h1 { (page.t("drafts.pick_type")) }
            ul {
                @for t in REPORT_TYPES.iter().filter(|t| **t != WHISTLEBLOWER) {
                    li { a href=(format!("/drafts/{id}?type={t}")) { (type_name(&page, t)) } }
                }
            }
        };
        return to_html(page.render(page.t("drafts.pick_type"), main)).into_response();
    };
    let data = FormData::from_json(&report_type, &draft.body);
    let (_, form_issues) = data.to_json();
    let mut issues: Vec<IssueView> = form_issues.iter().map(IssueView::from).collect();
    issues.extend(draft.errors);
    let problems = problems_of(&data, &localised(&page, issues));
    let meta = FormMeta {
        draft: Some(draft.id),
        token: super::new_token(),
        anonymous: false,
    };
    let notice = query.saved.map(|_| {
        html! { div class="notice success" role="status" { p { (page.t("drafts.saved")) } } }
    });
    page_with_form(&page, &data, &problems, &meta, notice, StatusCode::OK)
}

pub async fn delete(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let (desk, by) = match guard(&state, &page) {
        Ok(pair) => pair,
        Err(response) => return response,
    };
    match desk.delete_draft(by, &id).await {
        Ok(()) => see_other("/drafts"),
        Err(e) => errors::from_desk(page.lang, &e),
    }
}
