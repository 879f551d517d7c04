//! The case's event log, oldest first, and the analysts' note form.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{CaseEvent, CaseView, DeskError, MAX_NOTE_CHARS};
use serde::Deserialize;
use serde_json::Value;

use super::super::{posted, when};
use super::hits::decision_name;
use super::{render, Kept, Textarea};
use crate::pages::fields::Problem;
use crate::pages::{errors, see_other, Page};
use crate::state::PortalState;

/// The note form's textarea, named in the error summary's link.
const NOTE_FIELD: &str = "note-text";

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
) -> Result<Response, Response> {
    let (by, desk, form) = posted(&state, &page, form)?;
    Ok(match desk.add_note(by, &id, &form.text).await {
        Ok(_) => see_other(&format!("/cases/{id}#events")),
        Err(DeskError::Invalid { message, .. }) => {
            let kept = Kept {
                problems: vec![Problem {
                    field: NOTE_FIELD.to_string(),
                    message,
                }],
                decision: None,
                note: Some(form.text),
            };
            render(&state, &page, &id, &kept).await
        }
        Err(e) => errors::from_desk(page.lang, &e),
    })
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

pub(super) fn events(page: &Page, case: &CaseView, kept: &Kept) -> Markup {
    let note_field = Textarea {
        id: NOTE_FIELD,
        name: "text",
        label: page.t("cases.add_note"),
        value: kept.note.as_deref().unwrap_or(""),
        rows: 3,
        max_chars: MAX_NOTE_CHARS,
        required: true,
    };
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
                    (note_field.render(kept.problem(NOTE_FIELD)))
                    button type="submit" { (page.t("cases.save_note")) }
                }
            }
        }
    }
}
