//! `/reports/new`: pick a report type, then fill in its form. The server
//! builds the report JSON from the inputs and runs the desk's own check
//! (the API's validation) on it; issues are shown at their fields. A clean
//! report is filed with `Desk::submit`, and its acknowledgement shown.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{
    Acknowledgement, Channel, Desk, DeskError, IssueView, Payload, Principal, Submission,
};
use serde::Deserialize;

use super::form_data::{target_of, FormData};
use super::model::{is_report_type, REPORT_TYPES, WHISTLEBLOWER};
use super::render::{form, summary, FormMeta, Problems};
use super::view::{acknowledgement, localised};
use crate::pages::{errors, to_html, Page};
use crate::state::PortalState;

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default, rename = "type")]
    report_type: Option<String>,
    // From a screening hit (`hits::report_link`).
    #[serde(default)]
    list: Option<String>,
    #[serde(default)]
    entry: Option<String>,
    #[serde(default)]
    score: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    schema: Option<String>,
}

/// Who files a report of this type: the signed-in reporter, or nobody for
/// a whistleblower (filed anonymously even by someone signed in).
fn filer(desk: &Desk, page: &Page, report_type: &str) -> Result<Principal, Response> {
    if report_type == WHISTLEBLOWER {
        return Ok(desk.anonymous());
    }
    page.require(|role| role.files_reports()).cloned()
}

pub async fn show(
    State(state): State<Arc<PortalState>>,
    page: Page,
    query: Result<Query<NewQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let query = query.map(|q| q.0).unwrap_or_default();
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let Some(report_type) = query.report_type.clone().filter(|t| is_report_type(t)) else {
        return picker(&page);
    };
    let by = match filer(desk, &page, &report_type) {
        Ok(by) => by,
        Err(response) => return response,
    };
    let mut data = FormData::new(&report_type);
    data.set(
        "/envelope/detected_at",
        &desk.now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    if report_type != WHISTLEBLOWER {
        if let Ok(org) = desk.org(&by, &by.org_id).await {
            data.set("/envelope/reporter/name", &org.name);
            data.set("/envelope/reporter/sector", &org.sector);
            data.set("/envelope/reporter/kvk", org.kvk.as_deref().unwrap_or(""));
            data.set("/envelope/reporter/lei", org.lei.as_deref().unwrap_or(""));
        }
    }
    from_hit(&mut data, &query);
    let meta = FormMeta {
        draft: None,
        token: super::new_token(),
        anonymous: report_type == WHISTLEBLOWER,
    };
    page_with_form(&page, &data, &Problems::new(), &meta, None, StatusCode::OK)
}

/// Pre-fills the first subject from a screening hit: the screened name
/// and the list entry it matched, as a potential match.
fn from_hit(data: &mut FormData, query: &NewQuery) {
    let (Some(list), Some(entry)) = (&query.list, &query.entry) else {
        return;
    };
    if let Some(subject) = &query.subject {
        data.set("/subjects/0/names", subject);
    }
    let kind = match query.schema.as_deref() {
        Some("Person") => "person",
        Some("Vessel") => "vessel",
        Some("Aircraft") => "aircraft",
        Some("Organization" | "Company" | "LegalEntity") => "entity",
        _ => "",
    };
    data.set("/subjects/0/kind", kind);
    data.set("/subjects/0/list_match/list", list);
    data.set("/subjects/0/list_match/entry_id", entry);
    data.set("/subjects/0/list_match/status", "potential");
    let score = query.score.as_deref().and_then(|s| s.parse::<f64>().ok());
    if let Some(score) = score.filter(|s| (0.0..=1.0).contains(s)) {
        data.set("/subjects/0/list_match/score", &score.to_string());
    }
    if data.rows("/subjects") == 0 {
        data.add_row("/subjects");
    }
}

fn picker(page: &Page) -> Response {
    let signed_in = page.viewer.as_ref().is_some_and(|v| v.role.files_reports());
    let main = html! {
        h1 { (page.t("reports.new.title")) }
        form method="get" action="/reports/new" class="stack" {
            fieldset class="choices" {
                legend { (page.t("reports.new.pick")) }
                @for (i, t) in REPORT_TYPES.iter().enumerate() {
                    @if signed_in || *t == WHISTLEBLOWER {
                        div class="choice" {
                            input type="radio" id=(format!("type-{i}")) name="type" value=(t)
                                aria-describedby=(format!("type-{i}-hint")) checked[i == 0 && signed_in];
                            label for=(format!("type-{i}")) { (type_name(page, t)) }
                            p class="hint" id=(format!("type-{i}-hint")) {
                                (page.lang.lookup(&format!("reports.type_hint.{t}")).unwrap_or(""))
                            }
                        }
                    }
                }
            }
            button type="submit" class="primary" { (page.t("reports.new.continue")) }
        }
        @if !signed_in { p { a href="/login?next=%2Freports%2Fnew" { (page.t("reports.new.sign_in")) } } }
    };
    to_html(page.render(page.t("reports.new.title"), main)).into_response()
}

pub fn type_name(page: &Page, report_type: &str) -> String {
    page.lang
        .lookup(&format!("reports.type.{report_type}"))
        .map_or_else(|| report_type.to_string(), str::to_string)
}

/// The form page: the summary of problems, warnings, and the form.
pub fn page_with_form(
    page: &Page,
    data: &FormData,
    problems: &Problems,
    meta: &FormMeta,
    notice: Option<Markup>,
    status: StatusCode,
) -> Response {
    let title = page.tf(
        "reports.form.title",
        &[("type", &type_name(page, &data.report_type))],
    );
    let main = html! {
        h1 { (title) }
        @if meta.anonymous { p class="notice" { (page.t("reports.form.anonymous")) } }
        (summary(page, problems))
        @if let Some(notice) = notice { (notice) }
        (form(page, data, problems, meta))
    };
    (status, to_html(page.render(&title, main))).into_response()
}

/// Issues by the form pointer they belong to, in the order they came.
pub fn problems_of(data: &FormData, issues: &[IssueView]) -> Problems {
    let targets = data.targets();
    let mut problems: Problems = BTreeMap::new();
    for issue in issues {
        let messages = problems
            .entry(target_of(&targets, &issue.pointer))
            .or_default();
        if !messages.contains(&issue.message) {
            messages.push(issue.message.clone());
        }
    }
    problems
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

pub async fn post(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let Ok(Form(pairs)) = form else {
        return errors::bad_request(page.lang, page.t("error.bad_form"));
    };
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let Some(report_type) = field(&pairs, "type").filter(|t| is_report_type(t)) else {
        return errors::bad_request(page.lang, page.t("error.bad_form"));
    };
    let by = match filer(desk, &page, report_type) {
        Ok(by) => by,
        Err(response) => return response,
    };
    let mut data = FormData::from_pairs(report_type, &pairs);
    let token = field(&pairs, "token")
        .filter(|t| t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map_or_else(super::new_token, str::to_string);
    let meta = FormMeta {
        draft: field(&pairs, "draft")
            .filter(|_| report_type != WHISTLEBLOWER)
            .map(str::to_string),
        token,
        anonymous: report_type == WHISTLEBLOWER,
    };
    let action = field(&pairs, "action").unwrap_or("check");
    if let Some(array) = action.strip_prefix("add:") {
        data.add_row(array);
        return page_with_form(&page, &data, &Problems::new(), &meta, None, StatusCode::OK);
    }
    if let Some(row) = action.strip_prefix("remove:") {
        if let Some((array, index)) = row.rsplit_once('/') {
            if let Ok(index) = index.parse::<usize>() {
                data.remove_row(array, index);
            }
        }
        return page_with_form(&page, &data, &Problems::new(), &meta, None, StatusCode::OK);
    }
    let (json, mut issues) = data.to_json();
    if action == "draft" && !meta.anonymous {
        return match desk.save_draft(&by, meta.draft.as_deref(), json).await {
            Ok(draft) => crate::pages::see_other(&format!("/drafts/{}?saved=1", draft.id)),
            Err(e) => errors::from_desk(page.lang, &e),
        };
    }
    let checked = match desk.check(&Payload::Value(json.clone()), "form") {
        Ok(checked) => checked,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let mut all: Vec<IssueView> = issues.drain(..).map(|i| IssueView::from(&i)).collect();
    all.extend(checked.errors);
    let all = localised(&page, all);
    if !all.is_empty() {
        let problems = problems_of(&data, &all);
        return page_with_form(
            &page,
            &data,
            &problems,
            &meta,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    if action != "submit" {
        let notice = checked_notice(&page, &checked.warnings);
        return page_with_form(
            &page,
            &data,
            &Problems::new(),
            &meta,
            Some(notice),
            StatusCode::OK,
        );
    }
    match file(desk, &by, &meta, json).await {
        Ok(ack) if ack.report_id.is_some() => {
            let main = acknowledgement(&page, &ack, !meta.anonymous);
            to_html(page.render(page.t("reports.ack.title"), main)).into_response()
        }
        Ok(ack) => {
            let meta = FormMeta {
                draft: ack.draft_id.clone().or(meta.draft),
                ..meta
            };
            let problems = problems_of(&data, &localised(&page, ack.errors));
            page_with_form(
                &page,
                &data,
                &problems,
                &meta,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

fn checked_notice(page: &Page, warnings: &[IssueView]) -> Markup {
    let warnings = localised(page, warnings.iter().cloned());
    html! {
        div class="notice" role="status" {
            p { (page.t("reports.form.no_problems")) }
            @if !warnings.is_empty() {
                p { (page.t("reports.ack.warnings")) }
                ul { @for w in warnings { li { code { (w.pointer) } " " (w.message) } } }
            }
        }
    }
}

/// Files the report: a resumed draft through the draft (so it is deleted
/// once filed), a whistleblower's anonymously, others as portal reports
/// keyed by the form's token, so a double click files once.
async fn file(
    desk: &Desk,
    by: &Principal,
    meta: &FormMeta,
    json: serde_json::Value,
) -> Result<Acknowledgement, DeskError> {
    if let Some(draft) = &meta.draft {
        desk.save_draft(by, Some(draft), json).await?;
        return desk.submit_draft(by, draft).await;
    }
    let (channel, key) = if meta.anonymous {
        (Channel::Whistleblower, None)
    } else {
        let key = (!meta.token.is_empty()).then(|| format!("portal:{}", meta.token));
        (Channel::Portal, key)
    };
    let submission = Submission {
        channel,
        payload: Payload::Value(json),
        idempotency_key: key,
        origin: "form".to_string(),
    };
    desk.submit(by, submission).await
}
