//! A filed report shown as definition lists, from the same description as
//! the form: every filled field with its label, parts and rows as
//! headed groups.

use maud::{html, Markup};

use super::form_data::FormData;
use super::model::{join, label_key, option_key, Input, Node, REPORT};
use crate::i18n::Lang;
use crate::pages::Page;

pub fn report_facts(page: &Page, data: &FormData) -> Markup {
    html! {
        section class="report-facts" aria-labelledby="facts-heading" {
            h2 id="facts-heading" { (page.t("reports.detail.contents")) }
            (nodes(page.lang, data, REPORT, "", "", 3))
        }
    }
}

fn label(lang: Lang, key: &str) -> String {
    lang.lookup(key)
        .map(str::to_string)
        .unwrap_or_else(|| key.rsplit('.').next().unwrap_or(key).replace('_', " "))
}

fn has_content(data: &FormData, pointer: &str) -> bool {
    data.targets()
        .iter()
        .any(|t| t.starts_with(pointer) && !data.value(t).is_empty())
}

fn nodes(
    lang: Lang,
    data: &FormData,
    nodes: &[Node],
    path: &str,
    pointer: &str,
    level: u8,
) -> Markup {
    let fields: Vec<(&str, Input)> = nodes
        .iter()
        .filter_map(|n| match n {
            Node::Field { key, input, .. } => Some((*key, *input)),
            _ => None,
        })
        .filter(|(key, _)| !data.values(&format!("{pointer}/{key}")).is_empty())
        .collect();
    html! {
        @if !fields.is_empty() {
            dl class="facts" {
                @for (key, input) in &fields {
                    dt { (label(lang, &label_key(path, key))) }
                    dd class="value" { (shown(lang, *input, data.values(&format!("{pointer}/{key}")))) }
                }
            }
        }
        @for node in nodes {
            @match node {
                Node::Field { .. } => {}
                Node::Object { key, children, .. } => {
                    @let at = format!("{pointer}/{key}");
                    @if has_content(data, &at) {
                        (heading(level, &label(lang, &label_key(path, key))))
                        (self::nodes(lang, data, children, &join(path, key), &at, level.saturating_add(1).min(6)))
                    }
                }
                Node::Rows { key, item } => {
                    @let at = format!("{pointer}/{key}");
                    @let row_name = label(lang, &format!("{}.row", label_key(path, key)));
                    @for i in 0..data.rows(&at) {
                        (heading(level, &format!("{row_name} {}", i + 1)))
                        (self::nodes(lang, data, item, &join(path, key), &format!("{at}/{i}"), level.saturating_add(1).min(6)))
                    }
                }
            }
        }
    }
}

fn heading(level: u8, text: &str) -> Markup {
    match level {
        3 => html! { h3 { (text) } },
        4 => html! { h4 { (text) } },
        5 => html! { h5 { (text) } },
        _ => html! { h6 { (text) } },
    }
}

fn shown(lang: Lang, input: Input, values: &[String]) -> String {
    match input {
        Input::Choice(name, _) | Input::Several(name, _) => values
            .iter()
            .map(|v| label(lang, &option_key(name, v)))
            .collect::<Vec<_>>()
            .join(", "),
        Input::YesNo => values
            .iter()
            .map(|v| match v.as_str() {
                "true" => lang.t("reports.form.yes").to_string(),
                "false" => lang.t("reports.form.no").to_string(),
                other => other.to_string(),
            })
            .collect(),
        _ => values.join(", "),
    }
}
