//! `/triage`: the queue of open cases for the reporting point's analysts,
//! with a filter form (GET, so a filtered queue can be bookmarked), overdue
//! rows marked in text and by class, and an assign-to-me button per row.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use maud::{html, Markup};
use meldpunt_desk::{AssigneeChoice, DeskError, Role, TriageItem, TriagePage, TriageQuery};
use serde::Deserialize;

use super::{answer, score, short_id, status_name, type_name, when};
use crate::pages::fields::{error_summary, input_field, text_field, Problem};
use crate::pages::reports::model::REPORT_TYPES;
use crate::pages::{errors, Page};
use crate::state::PortalState;

/// The filter form as typed: everything text, checked here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TriageForm {
    report_type: String,
    regime: String,
    due_by: String,
    overdue: Option<String>,
    min_score: String,
    assignee: String,
    include_closed: Option<String>,
    page: Option<u32>,
}

impl TriageForm {
    fn query(&self) -> Result<TriageQuery, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                field: field.to_string(),
                message,
            })
        };
        let due_by = match self.due_by.trim() {
            "" => None,
            text => TriageQuery::parse_date("due_by", text)
                .map_err(|e| problem("due_by", invalid_message(&e)))
                .ok(),
        };
        let min_score = match self.min_score.trim().replace(',', ".").as_str() {
            "" => None,
            text => match text.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
                _ => {
                    problem("min_score", String::new());
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TriageQuery {
            report_type: Some(self.report_type.clone())
                .filter(|t| REPORT_TYPES.contains(&t.as_str())),
            status: None,
            regime: Some(self.regime.trim().to_string()).filter(|r| !r.is_empty()),
            due_by,
            overdue_only: self.overdue.is_some(),
            min_score,
            assignee: match self.assignee.as_str() {
                "me" => AssigneeChoice::Me,
                "unassigned" => AssigneeChoice::Unassigned,
                _ => AssigneeChoice::Anyone,
            },
            include_closed: self.include_closed.is_some(),
            page: self.page,
            per_page: Some(50),
        })
    }

    /// The query string of this filter on another page.
    fn on_page(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("report_type", self.report_type.clone()),
            ("regime", self.regime.clone()),
            ("due_by", self.due_by.clone()),
            ("min_score", self.min_score.clone()),
            ("assignee", self.assignee.clone()),
        ];
        pairs.retain(|(_, v)| !v.is_empty());
        if self.overdue.is_some() {
            pairs.push(("overdue", "on".to_string()));
        }
        if self.include_closed.is_some() {
            pairs.push(("include_closed", "on".to_string()));
        }
        pairs.push(("page", page.to_string()));
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

fn invalid_message(error: &DeskError) -> String {
    match error {
        DeskError::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

fn is_analyst(role: Role) -> bool {
    role.sees_all_reports()
}

pub async fn show(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: Result<Query<TriageForm>, QueryRejection>,
) -> Result<Response, Response> {
    let by = page.require(is_analyst)?;
    let desk = state.desk(&page)?;
    // An unreadable query string is shown as the unfiltered queue.
    let form = form.map(|q| q.0).unwrap_or_default();
    let (found, problems) = match form.query() {
        Ok(query) => match desk.triage(by, &query).await {
            Ok(found) => (Some(found), Vec::new()),
            Err(e) => return Err(errors::from_desk(page.lang, &e)),
        },
        Err(problems) => (None, localised(&page, problems)),
    };
    let main = html! {
        h1 { (page.t("triage.title")) }
        (error_summary(page.t("form.error_title"), &problems))
        (filter_form(&page, &form, &problems))
        @if let Some(found) = &found { (queue(&page, &form, found)) }
    };
    Ok(answer(
        &page,
        page.t("triage.title"),
        main,
        !problems.is_empty(),
    ))
}

/// The form's problems in the page's language.
fn localised(page: &Page, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|p| Problem {
            message: match p.field.as_str() {
                "due_by" => page.t("triage.error_due_by").to_string(),
                _ => page.t("triage.error_min_score").to_string(),
            },
            field: p.field,
        })
        .collect()
}

fn problem_for<'a>(problems: &'a [Problem], field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.message.as_str())
}

fn filter_form(page: &Page, form: &TriageForm, problems: &[Problem]) -> Markup {
    html! {
        form method="get" action="/triage" class="filters" {
            fieldset {
                legend { (page.t("triage.filters")) }
                div class="field" {
                    label for="report_type" { (page.t("triage.type")) }
                    select id="report_type" name="report_type" {
                        option value="" { (page.t("triage.any_type")) }
                        @for code in REPORT_TYPES {
                            option value=(code) selected[form.report_type == code] { (type_name(page, code)) }
                        }
                    }
                }
                (text_field("regime", page.t("triage.regime"), Some(page.t("triage.regime_hint")),
                    &form.regime, None, false))
                (input_field("date", "due_by", page.t("triage.due_by"), None, &form.due_by,
                    problem_for(problems, "due_by"), false))
                (text_field("min_score", page.t("triage.min_score"),
                    Some(page.t("triage.min_score_hint")), &form.min_score,
                    problem_for(problems, "min_score"), false))
                div class="field" {
                    label for="assignee" { (page.t("triage.assignee")) }
                    select id="assignee" name="assignee" {
                        option value="" { (page.t("triage.anyone")) }
                        option value="me" selected[form.assignee == "me"] { (page.t("triage.me")) }
                        option value="unassigned" selected[form.assignee == "unassigned"] { (page.t("triage.unassigned")) }
                    }
                }
                div class="field checkbox" {
                    input type="checkbox" id="overdue" name="overdue" checked[form.overdue.is_some()];
                    label for="overdue" { (page.t("triage.overdue_only")) }
                }
                div class="field checkbox" {
                    input type="checkbox" id="include_closed" name="include_closed"
                        checked[form.include_closed.is_some()];
                    label for="include_closed" { (page.t("triage.include_closed")) }
                }
                button type="submit" { (page.t("triage.apply")) }
            }
        }
    }
}

fn queue(page: &Page, form: &TriageForm, found: &TriagePage) -> Markup {
    let pages = found.total.div_ceil(u64::from(found.per_page.max(1)));
    html! {
        p { (page.tf("triage.total", &[("n", &found.total.to_string())])) }
        @if found.items.is_empty() {
            p { (page.t("triage.empty")) }
        } @else {
            div class="table-wrap" {
                table class="triage" {
                    caption { (page.t("triage.caption")) }
                    thead { tr {
                        th scope="col" { (page.t("triage.deadline")) }
                        th scope="col" { (page.t("triage.report")) }
                        th scope="col" { (page.t("triage.type")) }
                        th scope="col" { (page.t("triage.status")) }
                        th scope="col" { (page.t("triage.score")) }
                        th scope="col" { (page.t("triage.hits")) }
                        th scope="col" { (page.t("triage.assignee")) }
                        th scope="col" { (page.t("triage.action")) }
                    } }
                    tbody {
                        @for item in &found.items { (row(page, item)) }
                    }
                }
            }
        }
        @if pages > 1 {
            nav class="pager" aria-label=(page.t("triage.pages")) {
                @if found.page > 1 {
                    a href=(format!("/triage?{}", form.on_page(found.page - 1))) rel="prev" { (page.t("triage.previous")) }
                    " "
                }
                span { (page.tf("triage.page_of", &[("page", &found.page.to_string()), ("pages", &pages.to_string())])) }
                @if u64::from(found.page) < pages {
                    " "
                    a href=(format!("/triage?{}", form.on_page(found.page + 1))) rel="next" { (page.t("triage.next")) }
                }
            }
        }
    }
}

fn row(page: &Page, item: &TriageItem) -> Markup {
    html! {
        tr class=[item.overdue.then_some("overdue")] {
            td {
                @match &item.next_deadline {
                    Some(due) => {
                        (when(due))
                        @if item.overdue { " " strong class="badge badge-overdue" { (page.t("triage.overdue")) } }
                    }
                    None => { (page.t("triage.no_deadline")) }
                }
            }
            th scope="row" { a href=(format!("/cases/{}", item.id)) { code { (short_id(&item.id)) } } }
            td { (type_name(page, &item.report_type)) }
            td { (status_name(page, &item.status)) }
            td { @if let Some(s) = item.max_score { (score(s)) } @else { "–" } }
            td { (page.tf("triage.decided_of", &[("decided", &item.decided.to_string()), ("hits", &item.hits.to_string())])) }
            td {
                @match &item.assignee {
                    Some(a) => { (a.name.as_deref().unwrap_or(&a.user_id)) }
                    None => { (page.t("triage.nobody")) }
                }
            }
            td {
                form method="post" action=(format!("/cases/{}/assign", item.id)) class="inline-form" {
                    (page.csrf_field())
                    input type="hidden" name="back" value="triage";
                    button type="submit" class="secondary" {
                        (page.t("triage.assign_me"))
                        span class="visually-hidden" { " " (item.id) }
                    }
                }
            }
        }
    }
}
