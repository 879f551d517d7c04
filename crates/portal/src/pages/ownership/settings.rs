//! The rule settings of the ownership pages, read from the query string
//! (`rules=ofac|eu`, `aggregate=on`, `as_of=YYYY-MM-DD`), and the GET form
//! that sets them. Every page and link carries them, so what a page shows
//! always says which rules and date produced it.

use maud::{html, Markup};
use meldpunt_model::PartialDate;
use meldpunt_ownership::{RuleKind, Rules};
use serde::Deserialize;

use super::super::fields::{error_summary, input_field, Problem};
use super::super::Page;
use crate::i18n::Lang;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsForm {
    pub q: Option<String>,
    pub rules: Option<String>,
    pub aggregate: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub rules: Rules,
}

impl Settings {
    /// The settings, defaulting to OFAC as of today; or every problem.
    pub fn read(form: &SettingsForm, lang: Lang) -> Result<Settings, Vec<Problem>> {
        let mut problems = Vec::new();
        let kind = match form.rules.as_deref().map(str::trim) {
            None | Some("") | Some("ofac") => Some(RuleKind::Ofac),
            Some("eu") => Some(RuleKind::Eu),
            Some(_) => {
                problems.push(problem("rules-ofac", lang.t("ownership.error_rules")));
                None
            }
        };
        let as_of = match form.as_of.as_deref().map(str::trim) {
            None | Some("") => Some(today()),
            Some(text) => match PartialDate::parse(text) {
                Ok(date) if date.day.is_some() => Some(date),
                _ => {
                    problems.push(problem("as_of", lang.t("ownership.error_as_of")));
                    None
                }
            },
        };
        let aggregate = form.aggregate.as_deref() == Some("on");
        match (kind, as_of) {
            (Some(RuleKind::Ofac), Some(as_of)) => Ok(Settings {
                rules: Rules::ofac(as_of),
            }),
            (Some(RuleKind::Eu), Some(as_of)) => Ok(Settings {
                rules: Rules::eu(as_of).with_eu_aggregate(aggregate),
            }),
            _ => Err(problems),
        }
    }

    /// The form filled in with these settings (and `q`), so the page shows
    /// what it used, today's date included.
    pub fn as_form(&self, q: Option<String>) -> SettingsForm {
        SettingsForm {
            q,
            rules: Some(self.kind_code().to_string()),
            aggregate: (self.rules.kind == RuleKind::Eu && self.rules.eu_aggregate)
                .then(|| "on".to_string()),
            as_of: Some(self.rules.as_of.to_string()),
        }
    }

    /// The settings as a query string for links.
    pub fn query_string(&self) -> String {
        let mut pairs = vec![
            ("rules", self.kind_code().to_string()),
            ("as_of", self.rules.as_of.to_string()),
        ];
        if self.rules.kind == RuleKind::Eu && self.rules.eu_aggregate {
            pairs.push(("aggregate", "on".to_string()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    fn kind_code(&self) -> &'static str {
        match self.rules.kind {
            RuleKind::Ofac => "ofac",
            RuleKind::Eu => "eu",
        }
    }

    /// The rule set's name in the page's language.
    pub fn rules_name(&self, lang: Lang) -> &'static str {
        match self.rules.kind {
            RuleKind::Ofac => lang.t("ownership.rules_ofac"),
            RuleKind::Eu => lang.t("ownership.rules_eu"),
        }
    }

    /// The settings used, said in full.
    pub fn describe(&self, page: &Page) -> Markup {
        let aggregation = match (self.rules.kind, self.rules.eu_aggregate) {
            (RuleKind::Ofac, _) => page.t("ownership.aggregate_ofac"),
            (RuleKind::Eu, true) => page.t("ownership.aggregate_on"),
            (RuleKind::Eu, false) => page.t("ownership.aggregate_off"),
        };
        html! {
            dl class="ownership-settings" {
                dt { (page.t("ownership.rules_label")) }
                dd { (self.rules_name(page.lang)) }
                dt { (page.t("ownership.aggregate_label")) }
                dd { (aggregation) }
                dt { (page.t("ownership.as_of_label")) }
                dd { (self.rules.as_of.to_string()) }
            }
        }
    }
}

fn problem(field: &str, message: &str) -> Problem {
    Problem {
        field: field.to_string(),
        message: message.to_string(),
    }
}

fn today() -> PartialDate {
    let now = chrono::Utc::now().date_naive();
    let text = now.format("%Y-%m-%d").to_string();
    PartialDate::parse(&text).unwrap_or(PartialDate {
        year: 1970,
        month: Some(1),
        day: Some(1),
    })
}

/// The GET form: the search field (on the search page) and the settings.
pub fn form(
    page: &Page,
    action: &str,
    form: &SettingsForm,
    problems: Option<&Vec<Problem>>,
    with_query: bool,
) -> Markup {
    let problems: &[Problem] = problems.map(Vec::as_slice).unwrap_or(&[]);
    let problem = |field: &str| {
        problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    };
    let rules = form.rules.as_deref().unwrap_or("ofac");
    let rules_error = problem("rules-ofac");
    html! {
        (error_summary(page.t("form.error_title"), problems))
        form method="get" action=(action) class="stack ownership-form" novalidate {
            @if with_query {
                (input_field("search", "q", page.t("ownership.query_label"), Some(page.t("ownership.query_hint")),
                    form.q.as_deref().unwrap_or(""), None, false))
            }
            fieldset aria-describedby=[rules_error.map(|_| "rules-error")] {
                legend { (page.t("ownership.rules_label")) }
                @if let Some(message) = rules_error {
                    p class="field-error" id="rules-error" { (message) }
                }
                div class="choice" {
                    input type="radio" id="rules-ofac" name="rules" value="ofac" checked[rules != "eu"];
                    label for="rules-ofac" { (page.t("ownership.rules_ofac")) }
                }
                div class="choice" {
                    input type="radio" id="rules-eu" name="rules" value="eu" checked[rules == "eu"];
                    label for="rules-eu" { (page.t("ownership.rules_eu")) }
                }
                div class="choice" {
                    input type="checkbox" id="aggregate" name="aggregate" value="on"
                        aria-describedby="aggregate-hint"
                        checked[form.aggregate.as_deref() == Some("on")];
                    label for="aggregate" { (page.t("ownership.aggregate_switch")) }
                    p class="hint" id="aggregate-hint" { (page.t("ownership.aggregate_hint")) }
                }
            }
            (input_field("date", "as_of", page.t("ownership.as_of_label"), Some(page.t("ownership.as_of_hint")),
                form.as_of.as_deref().unwrap_or(""), problem("as_of"), false))
            button type="submit" { (page.t(if with_query { "ownership.search" } else { "ownership.apply" })) }
        }
    }
}
