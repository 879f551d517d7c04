//! The report form, rendered from the model's description: one input per
//! field (named by its JSON Pointer), a fieldset per object, and rows with
//! "add" and "remove" buttons (plain submit buttons, no script) for the
//! repeatable parts. Issues are shown next to the input their pointer leads
//! to, and summarised at the top with links.

use std::collections::BTreeMap;

use maud::{html, Markup};

use super::form_data::FormData;
use super::model::{join, label_key, option_key, Input, Node, REPORT, WHISTLEBLOWER};
use crate::i18n::Lang;
use crate::pages::fields::{error_summary, Problem};
use crate::pages::Page;

/// Messages per form pointer (see `form_data::target_of`).
pub type Problems = BTreeMap<String, Vec<String>>;

/// What the form carries besides the report.
#[derive(Debug, Clone, Default)]
pub struct FormMeta {
    /// The draft being edited.
    pub draft: Option<String>,
    /// Makes a double-clicked submit file once (the idempotency key).
    pub token: String,
    /// Filing anonymously (whistleblowers): no drafts.
    pub anonymous: bool,
}

/// The id of the element for a form pointer.
pub fn field_id(pointer: &str) -> String {
    if pointer.is_empty() {
        "report-form".to_string()
    } else {
        format!("f{}", pointer.replace('/', "-"))
    }
}

/// A label from the catalogue; the key's last part when it has none.
fn label(lang: Lang, key: &str) -> String {
    lang.lookup(key)
        .map(str::to_string)
        .unwrap_or_else(|| key.rsplit('.').next().unwrap_or(key).replace('_', " "))
}

/// The label path of a pointer: its keys without row numbers.
fn label_path(pointer: &str) -> String {
    pointer
        .split('/')
        .filter(|t| !t.is_empty() && t.parse::<usize>().is_err())
        .collect::<Vec<_>>()
        .join(".")
}

/// The label of whatever a form pointer names (for the summary).
pub fn pointer_label(lang: Lang, pointer: &str) -> String {
    let path = label_path(pointer);
    if path.is_empty() {
        return lang.t("reports.form.whole_report").to_string();
    }
    let (parent, key) = path.rsplit_once('.').unwrap_or(("", path.as_str()));
    let mut text = label(lang, &label_key(parent, key));
    let rows: Vec<usize> = pointer
        .split('/')
        .filter_map(|t| t.parse::<usize>().ok())
        .collect();
    if !rows.is_empty() {
        let numbers: Vec<String> = rows.iter().map(|r| (r + 1).to_string()).collect();
        text = format!("{text} ({})", numbers.join("."));
    }
    text
}

pub fn summary(page: &Page, problems: &Problems) -> Markup {
    let list: Vec<Problem> = problems
        .iter()
        .flat_map(|(pointer, messages)| {
            let name = pointer_label(page.lang, pointer);
            messages.iter().map(move |m| Problem {
                field: field_id(pointer),
                message: format!("{name}: {m}"),
            })
        })
        .collect();
    error_summary(page.t("form.error_title"), &list)
}

pub fn form(page: &Page, data: &FormData, problems: &Problems, meta: &FormMeta) -> Markup {
    let ctx = Ctx {
        lang: page.lang,
        data,
        problems,
        whistleblower: data.report_type == WHISTLEBLOWER,
    };
    html! {
        form method="post" action="/reports/new" id="report-form" class="stack report-form" novalidate {
            (page.csrf_field())
            // The first submit button is what Enter presses: check, never file.
            button type="submit" name="action" value="check" class="visually-hidden" tabindex="-1" aria-hidden="true" { (page.t("reports.form.check")) }
            input type="hidden" name="type" value=(data.report_type);
            input type="hidden" name="token" value=(meta.token);
            @if let Some(draft) = &meta.draft { input type="hidden" name="draft" value=(draft); }
            @for (array, n) in data.row_counts() {
                input type="hidden" name=(format!("rows:{array}")) value=(n);
            }
            (ctx.nodes(REPORT, "", ""))
            div class="actions" {
                button type="submit" name="action" value="submit" class="primary" { (page.t("reports.form.submit")) }
                button type="submit" name="action" value="check" { (page.t("reports.form.check")) }
                @if !meta.anonymous {
                    button type="submit" name="action" value="draft" { (page.t("reports.form.save_draft")) }
                }
            }
        }
    }
}

struct Ctx<'a> {
    lang: Lang,
    data: &'a FormData,
    problems: &'a Problems,
    whistleblower: bool,
}

impl Ctx<'_> {
    fn nodes(&self, nodes: &[Node], path: &str, pointer: &str) -> Markup {
        html! {
            @for node in nodes { (self.node(node, path, pointer)) }
        }
    }

    fn node(&self, node: &Node, path: &str, pointer: &str) -> Markup {
        match node {
            Node::Field {
                key,
                input,
                required,
            } => self.field(
                *input,
                &label_key(path, key),
                &format!("{pointer}/{key}"),
                *required,
            ),
            Node::Object { key, .. } if *key == "reporter" && self.whistleblower => html! {},
            Node::Object { key, children, .. } => {
                let at = format!("{pointer}/{key}");
                html! {
                    fieldset id=(field_id(&at)) class="group" {
                        legend { (label(self.lang, &label_key(path, key))) }
                        (self.messages(&at))
                        (self.nodes(children, &join(path, key), &at))
                    }
                }
            }
            Node::Rows { key, item } => self.rows(item, path, key, pointer),
        }
    }

    fn rows(&self, item: &[Node], path: &str, key: &str, pointer: &str) -> Markup {
        let at = format!("{pointer}/{key}");
        let name = label(self.lang, &label_key(path, key));
        let row_name = label(self.lang, &format!("{}.row", label_key(path, key)));
        let inner = join(path, key);
        html! {
            fieldset id=(field_id(&at)) class="group rows" {
                legend { (name) }
                (self.messages(&at))
                @for i in 0..self.data.rows(&at) {
                    @let row = format!("{at}/{i}");
                    fieldset id=(field_id(&row)) class="row" {
                        legend { (row_name) " " (i + 1) }
                        (self.messages(&row))
                        (self.nodes(item, &inner, &row))
                        button type="submit" name="action" value=(format!("remove:{row}")) class="secondary" {
                            (self.lang.t("reports.form.remove_row")) span class="visually-hidden" { ": " (row_name) " " (i + 1) }
                        }
                    }
                }
                button type="submit" name="action" value=(format!("add:{at}")) class="secondary" {
                    (self.lang.t("reports.form.add_row")) ": " (row_name)
                }
            }
        }
    }

    fn messages(&self, pointer: &str) -> Markup {
        html! {
            @for m in self.problems.get(pointer).into_iter().flatten() {
                p class="field-error" { (m) }
            }
        }
    }

    fn field(&self, input: Input, key: &str, pointer: &str, required: bool) -> Markup {
        let id = field_id(pointer);
        let problems = self.problems.get(pointer);
        let hint = hint_key(input).map(|k| self.lang.t(k));
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let mut described = Vec::new();
        if hint.is_some() {
            described.push(hint_id.as_str());
        }
        if problems.is_some() {
            described.push(error_id.as_str());
        }
        let described = (!described.is_empty()).then(|| described.join(" "));
        let invalid = problems.map(|_| "true");
        let text = label(self.lang, key);
        let value = self.data.value(pointer);
        if let Input::Several(name, options) = input {
            let chosen = self.data.values(pointer);
            return html! {
                fieldset id=(id) class="field choices" aria-describedby=[described.as_deref()] {
                    legend { (text) }
                    (self.error_block(&error_id, problems))
                    @for (i, option) in options.iter().enumerate() {
                        @let option_id = format!("{id}-{i}");
                        div class="choice" {
                            input type="checkbox" id=(option_id) name=(pointer) value=(option)
                                checked[chosen.iter().any(|c| c == option)];
                            label for=(option_id) { (label(self.lang, &option_key(name, option))) }
                        }
                    }
                }
            };
        }
        html! {
            div class="field" {
                label for=(id) {
                    (text)
                    @if required { " " span class="required" { (self.lang.t("reports.form.required")) } }
                }
                @if let Some(hint) = hint { p class="hint" id=(hint_id) { (hint) } }
                (self.error_block(&error_id, problems))
                @match input {
                    Input::Long | Input::Lines | Input::Metrics => {
                        textarea id=(id) name=(pointer) rows="4" aria-describedby=[described.as_deref()] aria-invalid=[invalid] { (value) }
                    }
                    Input::Choice(name, options) => {
                        select id=(id) name=(pointer) aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                            option value="" { (self.lang.t("reports.form.choose")) }
                            @for option in options {
                                option value=(option) selected[value == *option] { (label(self.lang, &option_key(name, option))) }
                            }
                            @if !value.is_empty() && !options.contains(&value) {
                                option value=(value) selected { (value) }
                            }
                        }
                    }
                    Input::YesNo => {
                        select id=(id) name=(pointer) aria-describedby=[described.as_deref()] aria-invalid=[invalid] {
                            option value="" { (self.lang.t("reports.form.choose")) }
                            option value="true" selected[value == "true"] { (self.lang.t("reports.form.yes")) }
                            option value="false" selected[value == "false"] { (self.lang.t("reports.form.no")) }
                        }
                    }
                    _ => {
                        input type=(if input == Input::Date { "date" } else { "text" }) id=(id) name=(pointer) value=(value)
                            inputmode=[matches!(input, Input::Number | Input::Count).then_some("decimal")]
                            autocomplete="off" aria-describedby=[described.as_deref()] aria-invalid=[invalid];
                    }
                }
            }
        }
    }

    fn error_block(&self, error_id: &str, problems: Option<&Vec<String>>) -> Markup {
        html! {
            @if let Some(messages) = problems {
                div class="field-error" id=(error_id) {
                    @for m in messages { p { (m) } }
                }
            }
        }
    }
}

fn hint_key(input: Input) -> Option<&'static str> {
    match input {
        Input::DateTime => Some("reports.hint.datetime"),
        Input::Date => Some("reports.hint.date"),
        Input::Lines => Some("reports.hint.lines"),
        Input::Metrics => Some("reports.hint.metrics"),
        Input::Number => Some("reports.hint.number"),
        _ => None,
    }
}
