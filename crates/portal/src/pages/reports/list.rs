//! `/reports`: the reports the caller may see (their organisation's, or
//! for analysts and authority viewers their scope), newest first and
//! paged; `/reports/{id}`: one report with its acknowledgement, routes,
//! deadlines and the message thread with a reply form.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{DeskError, IssueView, MessageView, Principal, ReportQuery, ReportView, Role};
use serde::Deserialize;

use super::form_data::FormData;
use super::new::type_name;
use super::readonly::report_facts;
use super::view::{deadline_parts, deadlines, issues, route_parts, routes, status_name};
use crate::pages::{errors, see_other, to_html, Page};
use crate::state::PortalState;

/// Reports per page.
const PAGE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    before: Option<i64>,
}

fn takes_part_in_threads(by: &Principal) -> bool {
    by.role != Role::AuthorityViewer
}

pub async fn list(
    State(state): State<Arc<PortalState>>,
    page: Page,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let query = query.map(|q| q.0).unwrap_or_default();
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let wanted = ReportQuery {
        before_seq: query.before,
        limit: Some(PAGE),
        ..ReportQuery::default()
    };
    let (reports, total) = match desk.reports(by, &wanted).await {
        Ok(found) => found,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let unread = if takes_part_in_threads(by) {
        let ids: Vec<String> = reports.iter().map(|r| r.id.clone()).collect();
        match desk.unread_messages(by, &ids).await {
            Ok(counts) => counts,
            Err(e) => return errors::from_desk(page.lang, &e),
        }
    } else {
        BTreeMap::new()
    };
    let older = (reports.len() == PAGE as usize)
        .then(|| reports.last().map(|r| r.seq))
        .flatten();
    let main = html! {
        h1 { (page.t("reports.list.title")) }
        p { (page.tf("reports.list.total", &[("n", &total.to_string())])) }
        @if by.role.files_reports() {
            p class="actions" {
                a class="button" href="/reports/new" { (page.t("reports.list.new")) }
                " "
                a class="button secondary" href="/reports/upload" { (page.t("reports.list.upload")) }
            }
        }
        @if reports.is_empty() {
            p { (page.t("reports.list.empty")) }
        } @else {
            div class="table-wrap" {
                table class="reports" {
                    caption { (page.t("reports.list.caption")) }
                    thead { tr {
                        th scope="col" { (page.t("reports.list.received_at")) }
                        th scope="col" { (page.t("reports.list.type")) }
                        th scope="col" { (page.t("reports.list.status")) }
                        th scope="col" { (page.t("reports.list.report")) }
                        th scope="col" { (page.t("reports.list.messages")) }
                    } }
                    tbody {
                        @for r in &reports {
                            tr {
                                td { (r.received_at) }
                                td { (type_name(&page, &r.report_type)) }
                                td { (status_name(&page, &r.status)) }
                                th scope="row" { a href=(format!("/reports/{}", r.id)) { code { (r.id) } } }
                                td {
                                    @if let Some(n) = unread.get(&r.id) {
                                        span class="badge" { (page.tf("reports.list.unread", &[("n", &n.to_string())])) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(seq) = older {
            p { a href=(format!("/reports?before={seq}")) { (page.t("reports.list.older")) } }
        }
    };
    to_html(page.render(page.t("reports.list.title"), main)).into_response()
}

pub async fn show(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    detail(&state, &page, &id, None, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
}

pub async fn reply(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
    form: Result<Form<ReplyForm>, FormRejection>,
) -> Response {
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let Ok(Form(form)) = form else {
        return errors::bad_request(page.lang, page.t("error.bad_form"));
    };
    match desk.post_message(by, &id, &form.body).await {
        Ok(_) => see_other(&format!("/reports/{id}#thread")),
        Err(DeskError::Invalid { field, message }) if field == "body" => {
            let problem = (form.body, message);
            detail(
                &state,
                &page,
                &id,
                Some(problem),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

/// The report page; `problem` is a refused reply (its text and why).
async fn detail(
    state: &PortalState,
    page: &Page,
    id: &str,
    problem: Option<(String, String)>,
    status: StatusCode,
) -> Response {
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let report = match desk.report(by, id).await {
        Ok(report) => report,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let thread = if takes_part_in_threads(by) {
        match desk.messages(by, id).await {
            Ok(messages) => Some(messages),
            Err(e) => return errors::from_desk(page.lang, &e),
        }
    } else {
        None
    };
    let title = page.tf(
        "reports.detail.title",
        &[("type", &type_name(page, &report.report_type))],
    );
    let main = html! {
        h1 { (title) }
        (summary(page, by, &report))
        (report_facts(page, &FormData::from_json(&report.report_type, &report.report)))
        @if let Some(messages) = &thread { (thread_section(page, id, messages, problem.as_ref())) }
    };
    (status, to_html(page.render(&title, main))).into_response()
}

fn summary(page: &Page, by: &Principal, report: &ReportView) -> Markup {
    let warnings: Vec<IssueView> = report
        .validation
        .get("warnings")
        .cloned()
        .and_then(|w| serde_json::from_value(w).ok())
        .unwrap_or_default();
    html! {
        section id="acknowledgement" aria-labelledby="ack-heading" {
            h2 id="ack-heading" { (page.t("reports.detail.acknowledgement")) }
            dl class="facts" {
                dt { (page.t("reports.ack.id")) }
                dd { code { (report.id) } }
                dt { (page.t("reports.ack.status")) }
                dd { (status_name(page, &report.status)) " " code { (report.status) } }
                dt { (page.t("reports.ack.received_at")) }
                dd { (report.received_at) }
                dt { (page.t("reports.detail.channel")) }
                dd { code { (report.channel) } }
                @if !by.role.files_reports() {
                    dt { (page.t("reports.detail.organisation")) }
                    dd { code { (report.org_id) } }
                }
            }
            (issues(page, "reports.ack.warnings", &warnings))
            (routes(page, &route_parts!(report.routes)))
            (deadlines(page, &deadline_parts!(report.deadlines)))
        }
    }
}

fn thread_section(
    page: &Page,
    id: &str,
    messages: &[MessageView],
    problem: Option<&(String, String)>,
) -> Markup {
    let typed = problem.map_or("", |(text, _)| text.as_str());
    html! {
        section id="thread" aria-labelledby="thread-heading" class="thread" {
            h2 id="thread-heading" { (page.t("messages.title")) }
            @if messages.is_empty() { p { (page.t("messages.empty")) } }
            ol class="messages" {
                @for m in messages {
                    li class=(format!("message {}", m.side)) {
                        p class="meta" {
                            strong { (author(page, m)) }
                            " · " (m.created_at)
                        }
                        p class="body" { (m.body) }
                    }
                }
            }
            form method="post" action=(format!("/reports/{id}/messages")) class="stack" {
                (page.csrf_field())
                div class="field" {
                    label for="message-body" { (page.t("messages.reply")) }
                    p class="hint" id="message-body-hint" { (page.t("messages.reply_hint")) }
                    @if let Some((_, why)) = problem {
                        p class="field-error" id="message-body-error" { (why) }
                    }
                    textarea id="message-body" name="body" rows="5"
                        aria-describedby=(if problem.is_some() { "message-body-hint message-body-error" } else { "message-body-hint" })
                        aria-invalid=[problem.map(|_| "true")] { (typed) }
                }
                button type="submit" class="primary" { (page.t("messages.send")) }
            }
        }
    }
}

fn author(page: &Page, message: &MessageView) -> String {
    let party = if message.side == "reporting_point" {
        page.t("messages.reporting_point")
    } else {
        page.t("messages.reporter")
    };
    match (&message.author_name, message.mine) {
        (_, true) => page.t("messages.you").to_string(),
        (Some(name), false) => format!("{name} ({party})"),
        (None, false) => party.to_string(),
    }
}
