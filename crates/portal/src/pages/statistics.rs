//! `/statistics`: frozen assets by regime, list, sector, asset category and
//! month of the freeze, as server-rendered SVG bar charts (each with a
//! title, a description and a data table beside it, so no figure exists
//! only as a picture), with a filter form and downloads of the Commission
//! export. The desk scopes the figures to the viewer and audits the read.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use meldpunt_desk::{
    Breakdown, DeskError, Dimension, Figures, FrozenAssetStatistics, StatisticsQuery,
};
use serde::Deserialize;

use crate::pages::fields::{error_summary, input_field, problem_for, text_field, Problem};
use crate::pages::{answer, errors, Page};
use crate::state::{PortalLimits, PortalState};

pub fn routes(_limits: PortalLimits) -> Router<Arc<PortalState>> {
    Router::new()
        .route("/statistics", get(show))
        .route("/statistics/commission-export.csv", get(export_csv))
        .route("/statistics/commission-export.json", get(export_json))
}

/// The breakdowns the page charts, in this order.
const CHARTS: [Dimension; 6] = [
    Dimension::Regime,
    Dimension::List,
    Dimension::Sector,
    Dimension::Category,
    Dimension::Month,
    Dimension::ReportType,
];

#[derive(Debug, Default, Deserialize)]
pub struct FilterForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    regime: String,
}

impl FilterForm {
    /// The desk's query, or the form's problems in the page's language:
    /// each date that cannot be read, else a period that ends before it
    /// starts.
    fn query(&self, page: &Page) -> Result<StatisticsQuery, Vec<Problem>> {
        let mut problems = Vec::new();
        for (field, text) in [("from", &self.from), ("to", &self.to)] {
            if !date_ok(text) {
                problems.push(Problem {
                    field: field.to_string(),
                    message: page.t("statistics.error_date").to_string(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let groups = CHARTS.map(Dimension::as_str).join(",");
        StatisticsQuery::parse(
            Some(&self.from),
            Some(&self.to),
            Some(&self.regime),
            Some(&groups),
        )
        .map_err(|_| {
            vec![Problem {
                field: "to".to_string(),
                message: page.t("statistics.error_order").to_string(),
            }]
        })
    }

    /// The filters as a query string for the download links.
    fn query_string(&self) -> String {
        let pairs = [
            ("from", &self.from),
            ("to", &self.to),
            ("regime", &self.regime),
        ];
        let kept: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v.trim())))
            .collect();
        if kept.is_empty() {
            String::new()
        } else {
            format!("?{}", kept.join("&"))
        }
    }
}

fn date_ok(text: &str) -> bool {
    StatisticsQuery::parse(Some(text), None, None, None).is_ok()
}

/// Percent-encodes a query value (regimes are typed by people).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

type FormQuery = Result<Query<FilterForm>, axum::extract::rejection::QueryRejection>;

pub async fn show(State(state): State<Arc<PortalState>>, page: Page, form: FormQuery) -> Response {
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(&page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let form = form.map(|q| q.0).unwrap_or_default();
    let (figures, problems) = match form.query(&page) {
        Ok(query) => match desk.frozen_asset_statistics(by, &query).await {
            Ok(figures) => (Some(figures), Vec::new()),
            Err(e) => return errors::from_desk(page.lang, &e),
        },
        Err(problems) => (None, problems),
    };
    let main = html! {
        h1 { (page.t("statistics.title")) }
        p { (page.t("statistics.intro")) }
        (error_summary(page.t("form.error_title"), &problems))
        (filter_form(&page, &form, &problems))
        @if let Some(figures) = &figures { (results(&page, &form, figures)) }
    };
    answer(
        &page,
        page.t("statistics.title"),
        main,
        !problems.is_empty(),
    )
}

fn filter_form(page: &Page, form: &FilterForm, problems: &[Problem]) -> Markup {
    html! {
        form method="get" action="/statistics" class="filters" {
            fieldset {
                legend { (page.t("statistics.filters")) }
                (input_field("date", "from", page.t("statistics.from"), None, &form.from,
                    problem_for(problems, "from"), false))
                (input_field("date", "to", page.t("statistics.to"), None, &form.to,
                    problem_for(problems, "to"), false))
                (text_field("regime", page.t("statistics.regime"),
                    Some(page.t("statistics.regime_hint")), &form.regime, None, false))
                button type="submit" { (page.t("statistics.apply")) }
            }
        }
    }
}

fn results(page: &Page, form: &FilterForm, stats: &FrozenAssetStatistics) -> Markup {
    let query = form.query_string();
    html! {
        section aria-labelledby="statistics-totals" {
            h2 id="statistics-totals" { (page.t("statistics.totals")) }
            dl class="statistics-totals" {
                dt { (page.t("statistics.reports")) } dd { (stats.totals.reports) }
                dt { (page.t("statistics.assets")) } dd { (stats.totals.assets) }
                dt { (page.t("statistics.value_eur")) } dd { (euro(&stats.totals)) }
                dt { (page.t("statistics.other_currencies")) } dd { (others(page, &stats.totals)) }
                dt { (page.t("statistics.unvalued")) }
                dd { (stats.totals.unvalued_assets + stats.totals.values_without_currency) }
            }
            p class="hint" { (page.t("statistics.currency_note")) }
        }
        section aria-labelledby="statistics-export" {
            h2 id="statistics-export" { (page.t("statistics.export")) }
            p { (page.t("statistics.export_intro")) }
            ul {
                li { a href=(format!("/statistics/commission-export.csv{query}")) download {
                    (page.t("statistics.export_csv")) } }
                li { a href=(format!("/statistics/commission-export.json{query}")) download {
                    (page.t("statistics.export_json")) } }
            }
        }
        @if stats.totals.assets == 0 {
            p { (page.t("statistics.empty")) }
        } @else {
            @for breakdown in &stats.breakdowns { (chart_section(page, breakdown)) }
        }
    }
}

fn euro(figures: &Figures) -> String {
    format!("€ {}", figures.value_eur.decimal())
}

fn others(page: &Page, figures: &Figures) -> String {
    if figures.other_currencies.is_empty() {
        return page.t("statistics.none").to_string();
    }
    let sums: Vec<String> = figures
        .other_currencies
        .iter()
        .map(|(currency, amount)| format!("{currency} {}", amount.decimal()))
        .collect();
    sums.join("; ")
}

fn dimension_title(page: &Page, dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Regime => page.t("statistics.by_regime"),
        Dimension::List => page.t("statistics.by_list"),
        Dimension::Sector => page.t("statistics.by_sector"),
        Dimension::Category => page.t("statistics.by_category"),
        Dimension::Month => page.t("statistics.by_month"),
        Dimension::Kind => page.t("statistics.by_kind"),
        Dimension::ReportType => page.t("statistics.by_report_type"),
    }
}

/// A key as shown: asset categories, sectors, report types and
/// "unspecified" in words; regimes, lists and months as they are, and a
/// code without a label too, rather than hiding it.
fn key_label(page: &Page, dimension: Dimension, key: &str) -> String {
    let table = match (dimension, key) {
        (_, meldpunt_desk::UNSPECIFIED) => return page.t("statistics.unspecified").to_string(),
        (Dimension::Category, "funds") => return page.t("statistics.funds").to_string(),
        (Dimension::Category, "economic_resources") => {
            return page.t("statistics.economic_resources").to_string()
        }
        (Dimension::Sector, _) => "statistics.sector",
        (Dimension::ReportType, _) => "statistics.report_type",
        _ => return key.to_string(),
    };
    page.lang
        .lookup(&format!("{table}.{key}"))
        .map_or_else(|| key.to_string(), str::to_string)
}

fn chart_section(page: &Page, breakdown: &Breakdown) -> Markup {
    let id = breakdown.dimension.as_str();
    let title = dimension_title(page, breakdown.dimension);
    // Value in euro when there is any; else the number of assets, so a
    // breakdown of, say, dollar-only freezes still shows something true.
    let by_value = breakdown
        .groups
        .iter()
        .any(|g| g.figures.value_eur.as_f64() > 0.0);
    let bars: Vec<Bar> = breakdown
        .groups
        .iter()
        .map(|g| Bar {
            label: key_label(page, breakdown.dimension, &g.key),
            amount: if by_value {
                g.figures.value_eur.as_f64()
            } else {
                g.figures.assets as f64
            },
            shown: if by_value {
                euro(&g.figures)
            } else {
                g.figures.assets.to_string()
            },
        })
        .collect();
    let metric = if by_value {
        page.t("statistics.chart_value")
    } else {
        page.t("statistics.chart_assets")
    };
    let description = page.tf(
        "statistics.chart_desc",
        &[("metric", metric), ("by", title)],
    );
    html! {
        section class="statistics-breakdown" aria-labelledby=(format!("h-{id}")) {
            h2 id=(format!("h-{id}")) { (title) }
            (bar_chart(id, &format!("{title}: {metric}"), &description, &bars))
            (data_table(page, title, breakdown))
        }
    }
}

struct Bar {
    label: String,
    amount: f64,
    shown: String,
}

const CHART_WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 170.0;
const VALUE_WIDTH: f64 = 150.0;
const ROW: f64 = 28.0;

/// A horizontal bar chart: presentation attributes and classes only (the
/// CSP allows no inline style), named by its `<title>` and `<desc>`.
fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> Markup {
    let max = bars.iter().map(|b| b.amount).fold(0.0_f64, f64::max);
    let room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let height = ROW * bars.len() as f64 + 8.0;
    let (title_id, desc_id) = (format!("chart-{id}-title"), format!("chart-{id}-desc"));
    html! {
        svg class="statistics-chart" xmlns="http://www.w3.org/2000/svg" role="img"
            width=(CHART_WIDTH) height=(height)
            viewBox=(format!("0 0 {CHART_WIDTH} {height}"))
            aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { (title) }
            desc id=(desc_id) { (description) }
            @for (i, bar) in bars.iter().enumerate() {
                @let y = 4.0 + ROW * i as f64;
                @let width = if max > 0.0 { (bar.amount / max * room).max(1.0) } else { 1.0 };
                text class="chart-label" x=(LABEL_WIDTH - 8.0) y=(y + 18.0) text-anchor="end" {
                    (truncate(&bar.label, 24)) }
                rect class="chart-bar" x=(LABEL_WIDTH) y=(y + 4.0) width=(format!("{width:.1}"))
                    height=(ROW - 8.0) {}
                text class="chart-value" x=(format!("{:.1}", LABEL_WIDTH + width + 6.0)) y=(y + 18.0) {
                    (bar.shown) }
            }
        }
    }
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(chars - 1).collect();
    cut.push('…');
    cut
}

fn data_table(page: &Page, title: &str, breakdown: &Breakdown) -> Markup {
    html! {
        table class="statistics-table" {
            caption { (page.tf("statistics.table_caption", &[("by", title)])) }
            thead { tr {
                th scope="col" { (page.t("statistics.key")) }
                th scope="col" class="number" { (page.t("statistics.reports")) }
                th scope="col" class="number" { (page.t("statistics.assets")) }
                th scope="col" class="number" { (page.t("statistics.value_eur")) }
                th scope="col" { (page.t("statistics.other_currencies")) }
                th scope="col" class="number" { (page.t("statistics.unvalued")) }
            } }
            tbody {
                @for group in &breakdown.groups {
                    tr {
                        th scope="row" { (key_label(page, breakdown.dimension, &group.key)) }
                        td class="number" { (group.figures.reports) }
                        td class="number" { (group.figures.assets) }
                        td class="number" { (euro(&group.figures)) }
                        td { (others(page, &group.figures)) }
                        td class="number" {
                            (group.figures.unvalued_assets + group.figures.values_without_currency) }
                    }
                }
            }
        }
    }
}

/// The Commission export for the signed-in viewer's scope, as a download.
async fn export(state: &PortalState, page: &Page, form: FormQuery, csv: bool) -> Response {
    let by = match page.signed_in() {
        Ok(by) => by,
        Err(response) => return response,
    };
    let desk = match state.desk(page) {
        Ok(desk) => desk,
        Err(response) => return response,
    };
    let form = form.map(|q| q.0).unwrap_or_default();
    let query =
        match StatisticsQuery::parse(Some(&form.from), Some(&form.to), Some(&form.regime), None) {
            Ok(query) => query,
            Err(e) => return errors::from_desk(page.lang, &e),
        };
    let export = match desk.commission_export(by, &query).await {
        Ok(export) => export,
        Err(e) => return errors::from_desk(page.lang, &e),
    };
    let period = |d: &Option<String>| d.clone().unwrap_or_else(|| "open".to_string());
    let stem = format!(
        "commission-export-{}-{}-{}",
        export.member_state,
        period(&export.period_from),
        period(&export.period_to)
    );
    let (body, content_type, extension) = if csv {
        (export.to_csv(), "text/csv; charset=utf-8", "csv")
    } else {
        match serde_json::to_string_pretty(&export) {
            Ok(json) => (json, "application/json", "json"),
            Err(e) => return errors::from_desk(page.lang, &DeskError::Internal(e.to_string())),
        }
    };
    let disposition = format!("attachment; filename=\"{stem}.{extension}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub async fn export_csv(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: FormQuery,
) -> Response {
    export(&state, &page, form, true).await
}

pub async fn export_json(
    State(state): State<Arc<PortalState>>,
    page: Page,
    form: FormQuery,
) -> Response {
    export(&state, &page, form, false).await
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::i18n::Lang;

    /// Every string an enum of the report schema can take (schemars writes
    /// a plain `enum`, or a `oneOf` of them when variants carry docs).
    fn variants(definition: &Value, into: &mut Vec<String>) {
        match definition {
            Value::Object(map) => {
                if let Some(Value::Array(values)) = map.get("enum") {
                    into.extend(values.iter().filter_map(Value::as_str).map(str::to_string));
                }
                map.values().for_each(|v| variants(v, into));
            }
            Value::Array(items) => items.iter().for_each(|v| variants(v, into)),
            _ => {}
        }
    }

    /// Sectors and report types from the library's own enums, so a new
    /// variant without a label fails here rather than showing as a code.
    #[test]
    fn every_sector_and_report_type_has_a_short_label_in_both_languages() {
        let schema = meldpunt_reports::json_schema();
        for (definition, table) in [
            ("Sector", "statistics.sector"),
            ("ReportType", "statistics.report_type"),
        ] {
            let mut codes = Vec::new();
            variants(&schema["definitions"][definition], &mut codes);
            assert!(codes.len() >= 10, "{definition}: {codes:?}");
            for code in codes {
                for lang in Lang::ALL {
                    let label = lang.lookup(&format!("{table}.{code}"));
                    let label = label.unwrap_or_else(|| panic!("{lang:?}: no label for {code}"));
                    assert_ne!(label, code, "{lang:?}: {code} shown raw");
                    assert!(label.chars().count() <= 24, "{lang:?}: {label} is cut off");
                }
            }
        }
    }
}
