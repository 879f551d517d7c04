//! `/cases/{id}`: one case, and its forms (assign to me, confirm or dismiss
//! a hit with a reason, add a note). Authority viewers see the case without
//! forms; callers outside the case's scope get the not-found page.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{CaseEvent, CaseHit, CaseView, Decision, DeskError};
use serde::Deserialize;
use serde_json::Value;

use super::{score, status_name, type_name, when};
use crate::pages::fields::{error_summary, Problem};
use crate::pages::{errors, see_other, to_html, Page};
use crate::state::PortalState;

pub async fn show(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    render(&state, &page, &id, &Kept::default()).await
}

/// A refused form kept on the page: what was typed and what is wrong.
#[derive(Debug, Default)]
struct Kept {
    problems: Vec<Problem>,
    /// The hit form (its index) and its reason and notes as typed.
    decision: Option<(usize, String, String)>,
    note: Option<String>,
}

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
    let Some(me) = by.user_id() else {
        return errors::not_allowed(page.lang);
    };
    match desk.assign(by, &id, me).await {
        // Only two places to go back to, so no open redirect.
        Ok(_) if form.back == "triage" => see_other("/triage"),
        Ok(_) => see_other(&format!("/cases/{id}")),
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    hit: usize,
    #[serde(default)]
    source: String,
    #[serde(default)]
    entity_id: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    notes: String,
}

pub async fn decide(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
    form: Result<Form<DecisionForm>, FormRejection>,
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
    let decision = match form.decision.as_str() {
        "CONFIRMED" => Decision::Confirmed,
        "DISMISSED" => Decision::Dismissed,
        _ => return errors::bad_request(page.lang, page.t("error.bad_form")),
    };
    let notes = Some(form.notes.as_str()).filter(|n| !n.trim().is_empty());
    let outcome = desk
        .decide_match(
            by,
            &id,
            &form.source,
            &form.entity_id,
            decision,
            &form.reason,
            notes,
        )
        .await;
    match outcome {
        Ok(_) => see_other(&format!("/cases/{id}#hits")),
        Err(DeskError::Invalid { field, message }) => {
            let kept = Kept {
                problems: vec![Problem {
                    field: format!("{field}-{}", form.hit),
                    message,
                }],
                decision: Some((form.hit, form.reason, form.notes)),
                note: None,
            };
            render(&state, &page, &id, &kept).await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    text: String,
}

pub async fn note(
    State(state): State<Arc<PortalState>>,
    page: Page,
    Path(id): Path<String>,
    form: Result<Form<NoteForm>, FormRejection>,
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
    match desk.add_note(by, &id, &form.text).await {
        Ok(_) => see_other(&format!("/cases/{id}#events")),
        Err(DeskError::Invalid { message, .. }) => {
            let kept = Kept {
                problems: vec![Problem {
                    field: "note-text".to_string(),
                    message,
                }],
                decision: None,
                note: Some(form.text),
            };
            render(&state, &page, &id, &kept).await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    }
}

async fn render(state: &PortalState, page: &Page, id: &str, kept: &Kept) -> Response {
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let case = match desk.case(by, id).await {
        Ok(case) => case,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let title = page.tf(
        "cases.title",
        &[("type", &type_name(page, &case.report_type))],
    );
    let main = html! {
        h1 { (title) }
        (error_summary(page.t("form.error_title"), &kept.problems))
        @if !case.editable { p class="notice" { (page.t("cases.read_only")) } }
        (facts(page, &case))
        (hits(page, &case, kept))
        (deadlines(page, &case))
        (linked(page, &case))
        (events(page, &case, kept))
    };
    let status = if kept.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, to_html(page.render(&title, main))).into_response()
}

fn text_of(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn facts(page: &Page, case: &CaseView) -> Markup {
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
                dd {
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
            p { a href=(format!("/reports/{}", case.id)) { (page.t("cases.open_report")) } }
        }
    }
}

fn subject_names(case: &CaseView, pointer: &str) -> String {
    case.report
        .pointer(&format!("{pointer}/names"))
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .unwrap_or_else(|| pointer.to_string())
}

fn hits(page: &Page, case: &CaseView, kept: &Kept) -> Markup {
    html! {
        section id="hits" aria-labelledby="hits-heading" {
            h2 id="hits-heading" { (page.t("cases.hits")) }
            @if case.hits.is_empty() { p { (page.t("cases.no_hits")) } }
            @for (n, hit) in case.hits.iter().enumerate() {
                article class="case-hit" aria-labelledby=(format!("hit-{n}")) {
                    h3 id=(format!("hit-{n}")) {
                        (hit.caption) " " span class="muted" { "(" (hit.source) " " (hit.entity_id) ")" }
                    }
                    p {
                        (page.tf("cases.hit_line", &[
                            ("subject", &subject_names(case, &hit.subject)),
                            ("score", &score(hit.score)),
                        ]))
                        @if let Some(p) = &hit.program { " · " (p) }
                    }
                    (decision_state(page, hit))
                    @if case.editable { (decision_form(page, case, n, hit, kept)) }
                }
            }
        }
    }
}

fn decision_name(page: &Page, decision: &str) -> &'static str {
    match decision {
        "CONFIRMED" => page.t("cases.confirmed"),
        _ => page.t("cases.dismissed"),
    }
}

fn decision_state(page: &Page, hit: &CaseHit) -> Markup {
    html! {
        @match &hit.decision {
            Some(d) => {
                p class=(format!("decision decision-{}", d.decision.to_lowercase())) {
                    strong { (decision_name(page, &d.decision)) } ": " (d.reason)
                    " — " (d.decided_by_name.as_deref().unwrap_or(&d.decided_by)) ", " (when(&d.decided_at))
                }
                @if let Some(notes) = &d.notes { p class="notes" { (notes) } }
            }
            None => { p class="decision decision-open" { strong { (page.t("cases.undecided")) } } }
        }
        @if !hit.history.is_empty() {
            details {
                summary { (page.tf("cases.history", &[("n", &hit.history.len().to_string())])) }
                ul {
                    @for d in hit.history.iter().rev() {
                        li { (decision_name(page, &d.decision)) ": " (d.reason) " — " (when(&d.decided_at)) }
                    }
                }
            }
        }
    }
}

fn decision_form(page: &Page, case: &CaseView, n: usize, hit: &CaseHit, kept: &Kept) -> Markup {
    let (reason, notes) = match &kept.decision {
        Some((k, reason, notes)) if *k == n => (reason.as_str(), notes.as_str()),
        _ => ("", ""),
    };
    let reason_id = format!("reason-{n}");
    let notes_id = format!("notes-{n}");
    let reason_error = kept.problems.iter().find(|p| p.field == reason_id);
    let notes_error = kept.problems.iter().find(|p| p.field == notes_id);
    let describe = |id: &str, error: bool| error.then(|| format!("{id}-error"));
    html! {
        form method="post" action=(format!("/cases/{}/decisions", case.id)) class="decision-form" {
            (page.csrf_field())
            input type="hidden" name="hit" value=(n);
            input type="hidden" name="source" value=(hit.source);
            input type="hidden" name="entity_id" value=(hit.entity_id);
            div class="field" {
                label for=(reason_id) { (page.t("cases.reason")) }
                @if let Some(e) = reason_error { p class="field-error" id=(format!("{reason_id}-error")) { (e.message) } }
                textarea id=(reason_id) name="reason" required rows="2" maxlength="1000"
                    aria-invalid=[reason_error.map(|_| "true")]
                    aria-describedby=[describe(&reason_id, reason_error.is_some())] { (reason) }
            }
            div class="field" {
                label for=(notes_id) { (page.t("cases.notes")) }
                @if let Some(e) = notes_error { p class="field-error" id=(format!("{notes_id}-error")) { (e.message) } }
                textarea id=(notes_id) name="notes" rows="2" maxlength="4000"
                    aria-invalid=[notes_error.map(|_| "true")]
                    aria-describedby=[describe(&notes_id, notes_error.is_some())] { (notes) }
            }
            button type="submit" name="decision" value="CONFIRMED" { (page.t("cases.confirm")) }
            " "
            button type="submit" name="decision" value="DISMISSED" class="secondary" { (page.t("cases.dismiss")) }
        }
    }
}

fn deadlines(page: &Page, case: &CaseView) -> Markup {
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
                                    th scope="row" { (d.kind) }
                                    td { (d.authority.as_deref().unwrap_or("–")) }
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

fn linked(page: &Page, case: &CaseView) -> Markup {
    html! {
        section aria-labelledby="linked-heading" {
            h2 id="linked-heading" { (page.t("cases.linked")) }
            @if case.linked.is_empty() { p { (page.t("cases.no_linked")) } } @else {
                ul class="linked" {
                    @for l in &case.linked {
                        li {
                            a href=(format!("/cases/{}", l.id)) { (type_name(page, &l.report_type)) " " code { (l.id.get(..8).unwrap_or(&l.id)) } }
                            ", " (when(&l.received_at)) " — "
                            @for (i, r) in l.reasons.iter().enumerate() {
                                @if i > 0 { "; " }
                                @if r.kind == "identifier" { (page.tf("cases.same_identifier", &[("key", &r.key)])) }
                                @else { (page.tf("cases.same_entity", &[("key", &r.key)])) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn event_text(page: &Page, e: &CaseEvent) -> String {
    let detail = |key: &str| {
        e.details
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    match e.kind.as_str() {
        "received" => page.tf("cases.event_received", &[("channel", &detail("channel"))]),
        "routed" => page.tf("cases.event_routed", &[("authority", &detail("authority"))]),
        "deadline_met" => page.tf("cases.event_deadline_met", &[("kind", &detail("kind"))]),
        "assigned" => page.tf(
            "cases.event_assigned",
            &[("name", &detail("assignee_name"))],
        ),
        "match_decided" => page.tf(
            "cases.event_decided",
            &[
                ("decision", decision_name(page, &detail("decision"))),
                ("entity", &detail("entity_id")),
                ("reason", &detail("reason")),
            ],
        ),
        "note" => detail("text"),
        other => other.to_string(),
    }
}

fn events(page: &Page, case: &CaseView, kept: &Kept) -> Markup {
    let note_error = kept.problems.iter().find(|p| p.field == "note-text");
    html! {
        section id="events" aria-labelledby="events-heading" {
            h2 id="events-heading" { (page.t("cases.events")) }
            ol class="event-log" {
                @for e in &case.events {
                    li class=(format!("event event-{}", e.kind)) {
                        time datetime=(e.at) { (when(&e.at)) } " · "
                        @if let Some(actor) = e.actor_name.as_deref().or(e.actor.as_deref()) { span class="actor" { (actor) } ": " }
                        (event_text(page, e))
                    }
                }
            }
            @if case.editable {
                form method="post" action=(format!("/cases/{}/notes", case.id)) class="note-form" {
                    (page.csrf_field())
                    div class="field" {
                        label for="note-text" { (page.t("cases.add_note")) }
                        @if let Some(e) = note_error { p class="field-error" id="note-text-error" { (e.message) } }
                        textarea id="note-text" name="text" required rows="3" maxlength="4000"
                            aria-invalid=[note_error.map(|_| "true")]
                            aria-describedby=[note_error.map(|_| "note-text-error")] {
                            (kept.note.as_deref().unwrap_or(""))
                        }
                    }
                    button type="submit" { (page.t("cases.save_note")) }
                }
            }
        }
    }
}
