//! The case's screening hits: each with its current decision, the earlier
//! ones, and (for analysts) the form to confirm or dismiss it with a reason.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use maud::{html, Markup};
use meldpunt_desk::{CaseHit, CaseView, Decision, DeskError, MAX_NOTE_CHARS, MAX_REASON_CHARS};
use serde::Deserialize;
use serde_json::Value;

use super::super::{posted, score, when};
use super::{render, Kept, Textarea};
use crate::pages::fields::Problem;
use crate::pages::{errors, see_other, Page};
use crate::state::PortalState;

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
) -> Result<Response, Response> {
    let (by, desk, form) = posted(&state, &page, form)?;
    let decision = match form.decision.as_str() {
        "CONFIRMED" => Decision::Confirmed,
        "DISMISSED" => Decision::Dismissed,
        _ => return Err(errors::bad_request(page.lang, page.t("error.bad_form"))),
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
    Ok(match outcome {
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
    })
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

pub(super) fn hits(page: &Page, case: &CaseView, kept: &Kept) -> Markup {
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

pub(super) fn decision_name(page: &Page, decision: &str) -> &'static str {
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
    let reason_field = Textarea {
        id: &reason_id,
        name: "reason",
        label: page.t("cases.reason"),
        value: reason,
        rows: 2,
        max_chars: MAX_REASON_CHARS,
        required: true,
    };
    let notes_field = Textarea {
        id: &notes_id,
        name: "notes",
        label: page.t("cases.notes"),
        value: notes,
        rows: 2,
        max_chars: MAX_NOTE_CHARS,
        required: false,
    };
    html! {
        form method="post" action=(format!("/cases/{}/decisions", case.id)) class="decision-form" {
            (page.csrf_field())
            input type="hidden" name="hit" value=(n);
            input type="hidden" name="source" value=(hit.source);
            input type="hidden" name="entity_id" value=(hit.entity_id);
            (reason_field.render(kept.problem(&reason_id)))
            (notes_field.render(kept.problem(&notes_id)))
            button type="submit" name="decision" value="CONFIRMED" { (page.t("cases.confirm")) }
            " "
            button type="submit" name="decision" value="DISMISSED" class="secondary" { (page.t("cases.dismiss")) }
        }
    }
}
