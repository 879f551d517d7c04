//! Pieces of the report pages: the acknowledgement, routes and deadlines
//! tables, a report's status in words.

use maud::{html, Markup};
use meldpunt_desk::{Acknowledgement, IssueView};
use meldpunt_reports::messages::Language;

use crate::i18n::Lang;

use super::new::type_name;

/// The store's route rows (which the portal does not name) as [`Route`]s.
macro_rules! route_parts {
    ($rows:expr) => {
        $rows
            .iter()
            .map(|r| {
                (
                    r.authority.as_str(),
                    r.rule_table.as_str(),
                    r.rule_id.as_str(),
                    r.forwarded_at.as_str(),
                )
            })
            .collect::<Vec<_>>()
    };
}

/// The store's deadline rows as [`Deadline`]s.
macro_rules! deadline_parts {
    ($rows:expr) => {
        $rows
            .iter()
            .map(|d| {
                (
                    d.kind.as_str(),
                    d.authority.as_deref(),
                    d.due_at.as_str(),
                    d.met_at.as_deref(),
                )
            })
            .collect::<Vec<_>>()
    };
}
use crate::pages::{authority_name, when, Page};
pub(crate) use {deadline_parts, route_parts};

/// A deadline duty's name (`freeze_report` → "Report the freeze") in the
/// page's language, or its code when the catalogue lacks it.
pub fn duty_name(page: &Page, kind: &str) -> String {
    page.lang
        .lookup(&format!("reports.duty.{kind}"))
        .map_or_else(|| kind.to_string(), str::to_string)
}

pub fn status_name(page: &Page, status: &str) -> String {
    page.lang
        .lookup(&format!("reports.status.{status}"))
        .map_or_else(|| status.to_string(), str::to_string)
}

/// The acknowledgement of a filed report; `link` when the filer may open
/// the report (not an anonymous whistleblower).
pub fn acknowledgement(page: &Page, ack: &Acknowledgement, link: bool) -> Markup {
    let id = ack.report_id.as_deref().unwrap_or("");
    html! {
        h1 { (page.t("reports.ack.title")) }
        div class="notice success" role="status" {
            p { (page.t("reports.ack.filed")) }
        }
        dl class="facts" {
            dt { (page.t("reports.ack.id")) }
            dd { @if link { a href=(format!("/reports/{id}")) { code { (id) } } } @else { code { (id) } } }
            dt { (page.t("reports.ack.status")) }
            dd { (status_name(page, &ack.status)) }
            dt { (page.t("reports.ack.type")) }
            dd { (type_name(page, ack.report_type.as_deref().unwrap_or(""))) }
            dt { (page.t("reports.ack.received_at")) }
            dd { (when(&ack.received_at)) }
        }
        @if !link { p { (page.t("reports.ack.keep_id")) } }
        (issues(page, "reports.ack.warnings", &ack.warnings))
        (routes(page, &route_parts!(ack.routes)))
        (deadlines(page, &deadline_parts!(ack.deadlines)))
    }
}

/// The page's language as the report library names it.
pub fn language(page: &Page) -> Language {
    match page.lang {
        Lang::En => Language::En,
        Lang::Nl => Language::Nl,
    }
}

/// Issues with their messages in the page's language (the desk words
/// them in English, as they are stored).
pub fn localised(page: &Page, issues: impl IntoIterator<Item = IssueView>) -> Vec<IssueView> {
    let language = language(page);
    issues
        .into_iter()
        .map(|i| i.in_language(language))
        .collect()
}

pub fn issues(page: &Page, title: &'static str, issues: &[IssueView]) -> Markup {
    let issues = localised(page, issues.iter().cloned());
    html! {
        @if !issues.is_empty() {
            section class="warnings" {
                h2 { (page.t(title)) }
                ul {
                    @for issue in &issues {
                        li { code { (issue.pointer) } " " (issue.message) " " span class="code" { "(" (issue.code) ")" } }
                    }
                }
            }
        }
    }
}

/// A route as shown: authority, rule table, rule, forwarded at.
pub type Route<'a> = (&'a str, &'a str, &'a str, &'a str);
/// A deadline as shown: kind, authority, due, met.
pub type Deadline<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>);

/// The routes of a report, as `route_parts!` lists them.
pub fn routes(page: &Page, routes: &[Route<'_>]) -> Markup {
    html! {
        @if !routes.is_empty() {
            div class="table-wrap" {
                table {
                    caption { (page.t("reports.routes.caption")) }
                    thead { tr {
                        th scope="col" { (page.t("reports.routes.authority")) }
                        th scope="col" { (page.t("reports.routes.rule")) }
                        th scope="col" { (page.t("reports.routes.forwarded_at")) }
                    } }
                    tbody {
                        @for r in routes {
                            tr {
                                @let (authority, table, rule, at) = r;
                                th scope="row" { (authority_name(page.lang, authority)) }
                                td { code { (table) " / " (rule) } }
                                td { (when(at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The deadline clocks of a report, as `deadline_parts!` lists them.
pub fn deadlines(page: &Page, deadlines: &[Deadline<'_>]) -> Markup {
    html! {
        @if !deadlines.is_empty() {
            div class="table-wrap" {
                table {
                    caption { (page.t("reports.deadlines.caption")) }
                    thead { tr {
                        th scope="col" { (page.t("reports.deadlines.kind")) }
                        th scope="col" { (page.t("reports.deadlines.authority")) }
                        th scope="col" { (page.t("reports.deadlines.due_at")) }
                        th scope="col" { (page.t("reports.deadlines.met_at")) }
                    } }
                    tbody {
                        @for d in deadlines {
                            tr {
                                @let (kind, authority, due, met) = d;
                                th scope="row" { (duty_name(page, kind)) }
                                td { (authority.map_or_else(|| "–".to_string(), |a| authority_name(page.lang, a))) }
                                td { (when(due)) }
                                td { (met.map_or_else(|| page.t("reports.deadlines.open").to_string(), when)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
