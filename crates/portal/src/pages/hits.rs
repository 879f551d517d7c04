//! One explained hit as the screening engine produced it: score, the
//! names that matched on both sides, every feature with its weight, and
//! the list, programme and versions behind it. Nothing here is invented:
//! each value comes from [`Hit`].

use maud::{html, Markup};
use meldpunt_screening::{Feature, Hit};

use super::percent;
use crate::i18n::Lang;

/// The potential-hit report form (`/reports/new`) is pre-filled from these
/// parameters: the screened name, the list entry and score, its schema.
pub fn report_link(hit: &Hit, subject: &str) -> String {
    let score = format!("{:.3}", hit.score);
    let params = [
        ("type", "POTENTIAL_HIT"),
        ("list", hit.source.as_str()),
        ("list_version", hit.version_id.as_str()),
        ("entry", hit.entity_id.as_str()),
        ("score", score.as_str()),
        ("algorithm", hit.algorithm_version.as_str()),
        ("subject", subject),
        ("schema", hit.schema.as_str()),
    ];
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    format!("/reports/new?{query}")
}

pub fn render(lang: Lang, hit: &Hit, subject: &str, index: usize) -> Markup {
    let t = |key| lang.t(key);
    let heading = format!("hit-{index}");
    html! {
        article class="hit" aria-labelledby=(heading) {
            header class="hit-header" {
                h3 id=(heading) { (hit.caption) }
                p class="score" {
                    span class="visually-hidden" { (t("hit.score")) ": " }
                    strong { (percent(hit.score)) }
                    @if hit.is_match {
                        " " span class="badge match" { (t("hit.is_match")) }
                    } @else {
                        " " span class="badge" { (t("hit.below_threshold")) }
                    }
                }
            }
            dl class="facts" {
                dt { (t("hit.query_name")) }
                dd { (hit.query_name.as_deref().unwrap_or("–")) }
                dt { (t("hit.matched_name")) }
                dd { (hit.matched_name.as_deref().unwrap_or("–")) }
                dt { (t("hit.schema")) }
                dd { (hit.schema.as_str()) }
                dt { (t("hit.source")) }
                dd { code { (hit.source) } " · " (hit.authority.as_deref().unwrap_or("–")) }
                dt { (t("hit.program")) }
                dd { (hit.program.as_deref().unwrap_or("–")) }
                dt { (t("hit.listing_date")) }
                dd { (hit.listing_date.as_deref().unwrap_or("–")) }
                dt { (t("hit.entry")) }
                dd { code { (hit.entity_id) } }
                dt { (t("hit.list_version")) }
                dd { code { (hit.version_id) } }
                dt { (t("hit.algorithm")) }
                dd { code { (hit.algorithm_version) } }
            }
            (features(lang, &hit.features, index))
            p {
                a class="button report" href=(report_link(hit, subject)) {
                    (t("hit.report")) span class="visually-hidden" { ": " (hit.caption) }
                }
            }
        }
    }
}

fn features(lang: Lang, features: &[Feature], index: usize) -> Markup {
    let t = |key| lang.t(key);
    html! {
        div class="table-wrap" {
            table class="features" {
                caption { (lang.tf("hit.features_caption", &[("n", &(index + 1).to_string())])) }
                thead { tr {
                    th scope="col" { (t("hit.feature")) }
                    th scope="col" { (t("hit.detail")) }
                    th scope="col" class="num" { (t("hit.value")) }
                    th scope="col" class="num" { (t("hit.weight")) }
                    th scope="col" class="num" { (t("hit.contribution")) }
                } }
                tbody {
                    @for f in features {
                        tr {
                            th scope="row" {
                                (feature_label(lang, &f.name))
                                br; code class="feature-name" { (f.name) }
                            }
                            td { (f.detail) }
                            td class="num" { (format!("{:.3}", f.value)) }
                            td class="num" { (format!("{:+.3}", f.weight)) }
                            td class="num" { (format!("{:+.3}", f.contribution())) }
                        }
                    }
                }
            }
        }
    }
}

/// A feature's name in the page language; the engine's own name when the
/// catalogue has no text for it (a new feature must still show).
fn feature_label(lang: Lang, name: &str) -> String {
    lang.lookup(&format!("feature.{name}"))
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use meldpunt_model::Schema;

    #[test]
    fn report_link_carries_everything_and_is_encoded() {
        let hit = Hit {
            entity_id: "ofac-1001".into(),
            caption: "X".into(),
            schema: Schema::Person,
            source: "ofac-sdn".into(),
            version_id: "17".into(),
            score: 0.91234,
            is_match: true,
            query_name: None,
            matched_name: None,
            authority: None,
            program: None,
            listing_date: None,
            features: vec![],
            algorithm_version: "meldpunt-match-1+norm-2".into(),
        };
        assert_eq!(
            report_link(&hit, "Ivan & Co"),
            "/reports/new?type=POTENTIAL_HIT&list=ofac-sdn&list_version=17&entry=ofac-1001\
             &score=0.912&algorithm=meldpunt-match-1%2Bnorm-2&subject=Ivan+%26+Co&schema=Person"
        );
    }
}
