//! `/cases/{id}`: one case, and its forms (assign to me, confirm or dismiss
//! a hit with a reason, add a note). Authority viewers see the case without
//! forms; callers outside the case's scope get the not-found page.
//!
//! A refused form is shown again on the case page, as typed, with its
//! problem at the field and in the summary (422).

mod events;
mod facts;
mod hits;
mod linked;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{html, Markup};

use super::{answer, ready, type_name};
use crate::pages::fields::{error_summary, Problem};
use crate::pages::{errors, Page};
use crate::state::PortalState;

pub use events::note;
pub use facts::assign;
pub use hits::decide;

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

impl Kept {
    fn problem(&self, field: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.field == field)
    }
}

async fn render(state: &PortalState, page: &Page, id: &str, kept: &Kept) -> Response {
    let (by, desk) = match ready(state, page) {
        Ok(ready) => ready,
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
        (facts::facts(page, &case))
        (hits::hits(page, &case, kept))
        (facts::deadlines(page, &case))
        (linked::linked(page, &case))
        (events::events(page, &case, kept))
    };
    answer(page, &title, main, !kept.problems.is_empty())
}

/// A textarea with its label and its problem tied to it; the shared
/// fields have inputs only.
struct Textarea<'a> {
    id: &'a str,
    name: &'a str,
    label: &'a str,
    value: &'a str,
    rows: u8,
    max_chars: usize,
    required: bool,
}

impl Textarea<'_> {
    fn render(&self, problem: Option<&Problem>) -> Markup {
        let error_id = format!("{}-error", self.id);
        html! {
            div class="field" {
                label for=(self.id) { (self.label) }
                @if let Some(e) = problem { p class="field-error" id=(error_id) { (e.message) } }
                textarea id=(self.id) name=(self.name) required[self.required] rows=(self.rows)
                    maxlength=(self.max_chars)
                    aria-invalid=[problem.map(|_| "true")]
                    aria-describedby=[problem.map(|_| &error_id)] { (self.value) }
            }
        }
    }
}
