//! The case's facts (report, reporter, dates, regimes, narrative, who
//! works it, with assign-to-me) and its deadlines.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::CaseView;
use serde::Deserialize;
use serde_json::Value;

use super::super::{posted, status_name, when};
use crate::pages::authority_name;
use crate::pages::reports::duty_name;
use crate::pages::{errors, see_other, Page};
use crate::state::PortalState;

#[derive(Debug, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    back: String,
}

pub async fn assign(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
    form: Result<Form<AssignForm>, FormRejection>,
) -> Result<Response, Response> {
    let (by, desk, form) = posted(&state, &page, form)?;
    let me = by.user_id().ok_or_else(|| errors::not_allowed(page.lang))?;
    Ok(match desk.assign(by, &id, me).await {
        // Only two places to go back to, so no open redirect.
        Ok(_) if form.back == "triage" => see_other("/triage"),
        Ok(_) => see_other(&format!("/cases/{id}")),
        Err(e) => errors::from_desk(page.lang, &e),
    })
}

fn text_of(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

pub(super) fn facts(page: &Page, case: &CaseView) -> Markup {
    let regimes: Vec<&str> = case
        .report
        .pointer("/envelope/regimes")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    html! {
        section aria-labelledby="facts-heading" {
            h2 id="facts-heading" { (page.t("cases.facts")) }
            dl class="facts" {
                dt { (page.t("cases.report_id")) } dd { code { (case.id) } }
                dt { (page.t("cases.reporter")) } dd { (case.org_name.as_deref().unwrap_or(&case.org_id)) }
                dt { (page.t("cases.status")) } dd { (status_name(page, &case.status)) }
                dt { (page.t("cases.received_at")) } dd { (when(&case.received_at)) }
                @if let Some(at) = &case.detected_at { dt { (page.t("cases.detected_at")) } dd { (when(at)) } }
                @if !regimes.is_empty() { dt { (page.t("cases.regimes")) } dd { (regimes.join(", ")) } }
                @if let Some(reason) = text_of(&case.report, "/envelope/narrative/reason") {
                    dt { (page.t("cases.narrative")) } dd { (reason) }
                }
                dt { (page.t("cases.assignee")) }
                dd { (assignee(page, case)) }
            }
            p { a href=(format!("/reports/{}", case.id)) { (page.t("cases.open_report")) } }
        }
    }
}

fn assignee(page: &Page, case: &CaseView) -> Markup {
    html! {
        @match &case.assignee {
            Some(a) => { (a.name.as_deref().unwrap_or(&a.user_id)) }
            None => { (page.t("cases.nobody")) }
        }
        @if case.editable {
            form method="post" action=(format!("/cases/{}/assign", case.id)) class="inline-form" {
                (page.csrf_field())
                input type="hidden" name="back" value="case";
                " " button type="submit" class="secondary" { (page.t("cases.assign_me")) }
            }
        }
    }
}

pub(super) fn deadlines(page: &Page, case: &CaseView) -> Markup {
    html! {
        section aria-labelledby="deadlines-heading" {
            h2 id="deadlines-heading" { (page.t("cases.deadlines")) }
            @if case.deadlines.is_empty() { p { (page.t("cases.no_deadlines")) } } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (page.t("cases.deadlines")) }
                        thead { tr {
                            th scope="col" { (page.t("cases.deadline_kind")) }
                            th scope="col" { (page.t("cases.authority")) }
                            th scope="col" { (page.t("cases.due_at")) }
                            th scope="col" { (page.t("cases.deadline_state")) }
                        } }
                        tbody {
                            @for d in &case.deadlines {
                                tr class=[d.overdue.then_some("overdue")] {
                                    th scope="row" { (duty_name(page, &d.kind)) }
                                    td { (d.authority.as_deref().map_or_else(|| "–".to_string(), |a| authority_name(page.lang, a))) }
                                    td { (when(&d.due_at)) }
                                    td {
                                        @if let Some(met) = &d.met_at { (page.tf("cases.met_at", &[("at", &when(met))])) }
                                        @else if d.overdue { strong class="badge badge-overdue" { (page.t("cases.overdue")) } }
                                        @else { (page.t("cases.open")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
