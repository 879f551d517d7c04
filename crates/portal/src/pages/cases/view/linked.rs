//! Reports linked to the case by a shared identifier or listed entity,
//! each with why; the desk has already left out those the caller may not
//! read.

use maud::{html, Markup};
use meldpunt_desk::CaseView;

use super::super::{short_id, type_name, when};
use crate::pages::Page;

pub(super) fn linked(page: &Page, case: &CaseView) -> Markup {
    html! {
        section aria-labelledby="linked-heading" {
            h2 id="linked-heading" { (page.t("cases.linked")) }
            @if case.linked.is_empty() { p { (page.t("cases.no_linked")) } } @else {
                ul class="linked" {
                    @for l in &case.linked {
                        li {
                            a href=(format!("/cases/{}", l.id)) { (type_name(page, &l.report_type)) " " code { (short_id(&l.id)) } }
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
