//! Form fields every area shares: a label, an optional hint, the error
//! tied to the input with `aria-describedby`, and the input itself.

use maud::{html, Markup};

/// A problem with one field, for the error summary and the field itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The id of the input, so the summary can link to it.
    pub field: String,
    pub message: String,
}

/// The message of the problem with `field`, if any.
pub fn problem_for<'a>(problems: &'a [Problem], field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.message.as_str())
}

/// A text input (`type="text"`).
pub fn text_field(
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    problem: Option<&str>,
    required: bool,
) -> Markup {
    input_field("text", id, label, hint, value, problem, required)
}

/// An input of any `type` (text, email, password, date, number…).
pub fn input_field(
    kind: &str,
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    problem: Option<&str>,
    required: bool,
) -> Markup {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(hint_id.as_str());
    }
    if problem.is_some() {
        described.push(error_id.as_str());
    }
    let described = described.join(" ");
    let autocomplete = match kind {
        "email" => "username",
        "password" => "current-password",
        _ => "off",
    };
    html! {
        div class="field" {
            label for=(id) { (label) }
            @if let Some(hint) = hint { p class="hint" id=(hint_id) { (hint) } }
            @if let Some(message) = problem { p class="field-error" id=(error_id) { (message) } }
            input type=(kind) id=(id) name=(id) value=(value) autocomplete=(autocomplete)
                aria-describedby=[(!described.is_empty()).then_some(&described)]
                aria-invalid=[problem.map(|_| "true")]
                required[required];
        }
    }
}

/// The summary above a form that failed: a heading and a link to each
/// field with a problem. It takes focus so screen readers announce it.
pub fn error_summary(title: &str, problems: &[Problem]) -> Markup {
    html! {
        @if !problems.is_empty() {
            div class="error-summary" role="alert" tabindex="-1" data-autofocus {
                h2 { (title) }
                ul {
                    @for p in problems {
                        li { a href=(format!("#{}", p.field)) { (p.message) } }
                    }
                }
            }
        }
    }
}
