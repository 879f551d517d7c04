//! Statistics over frozen-asset reports and the Commission export. The
//! desk computes both within the caller's scope (reporters: their
//! organisation; authority viewers: what was routed to them; the reporting
//! point: everything) and audits the read; handlers only translate HTTP.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use meldpunt_desk::{CommissionExport, FrozenAssetStatistics, StatisticsQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/statistics/frozen-assets", get(frozen_assets))
        .route(
            "/api/v1/statistics/commission-export",
            get(commission_export),
        )
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatisticsParams {
    /// Only assets frozen on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only assets frozen on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only reports under this sanctions regime, e.g. `RUS`.
    pub regime: Option<String>,
    /// Comma-separated breakdowns: `regime`, `list`, `sector`, `category`,
    /// `kind`, `month`, `report_type`; all when absent.
    pub group_by: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>)]
    pub format: Option<ExportFormat>,
    /// Start of the period: assets frozen on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// End of the period: assets frozen on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Only reports under this sanctions regime, e.g. `RUS`.
    pub regime: Option<String>,
}

type QueryResult<T> = Result<Query<T>, axum::extract::rejection::QueryRejection>;

#[utoipa::path(get, path = "/api/v1/statistics/frozen-assets", operation_id = "frozen_asset_statistics",
    tag = "Statistics",
    description = "Frozen assets reported in `ASSET_FREEZE` and `FROZEN_ASSETS_PERIODIC` \
        reports, within the caller's scope: totals and breakdowns by regime, list, sector, \
        asset category (Reg. 269/2014 art. 1) and kind, month of the freeze and report type. \
        Counts are of reports and assets; values in euro are summed, values in other \
        currencies are summed per currency and never converted, and assets without a value \
        or currency are counted apart. A report under several regimes or lists is counted \
        under each. The read is audited.",
    params(StatisticsParams),
    responses(
        (status = 200, body = FrozenAssetStatisticsSchema),
        (status = 400, description = "Unknown or malformed query parameter", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "An authority viewer whose account names no authority",
            body = ErrorBody),
        (status = 422, description = "A date or breakdown that cannot be read, or `from` \
            after `to`", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn frozen_assets(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    params: QueryResult<StatisticsParams>,
) -> Result<Json<FrozenAssetStatistics>, ApiError> {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let query = StatisticsQuery::parse(
        params.from.as_deref(),
        params.to.as_deref(),
        params.regime.as_deref(),
        params.group_by.as_deref(),
    )?;
    let desk = state.desk()?;
    Ok(Json(desk.frozen_asset_statistics(&caller, &query).await?))
}

#[utoipa::path(get, path = "/api/v1/statistics/commission-export", operation_id = "commission_export",
    tag = "Statistics",
    description = "The aggregated report of frozen assets for the European Commission \
        (Reg. (EU) No 269/2014 art. 8(1): information on frozen funds and economic \
        resources goes to the national authority and on to the Commission). One row per \
        regime and legal basis: the number of frozen-asset reports, of distinct persons and \
        entities concerned, and per asset category the assets and their values (euro \
        summed; other currencies per currency, never converted), for assets frozen in the \
        period `from`–`to`. Sorted, so the same data gives the same file. As JSON, or as \
        CSV with one line per regime, legal basis and category. Within the caller's scope; \
        audited.",
    params(ExportParams),
    responses(
        (status = 200, description = "The export", content(
            (CommissionExportSchema = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "Unknown or malformed query parameter", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "An authority viewer whose account names no authority",
            body = ErrorBody),
        (status = 422, description = "A date that cannot be read, or `from` after `to`",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn commission_export(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    params: QueryResult<ExportParams>,
) -> Result<Response, ApiError> {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let query = StatisticsQuery::parse(
        params.from.as_deref(),
        params.to.as_deref(),
        params.regime.as_deref(),
        None,
    )?;
    let desk = state.desk()?;
    let export = desk.commission_export(&caller, &query).await?;
    Ok(match params.format.unwrap_or_default() {
        ExportFormat::Json => Json(export).into_response(),
        ExportFormat::Csv => csv_response(&export),
    })
}

fn csv_response(export: &CommissionExport) -> Response {
    let period = |d: &Option<String>| d.clone().unwrap_or_else(|| "open".to_string());
    let name = format!(
        "commission-export-{}-{}-{}.csv",
        export.member_state,
        period(&export.period_from),
        period(&export.period_to)
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        export.to_csv(),
    )
        .into_response()
}

// OpenAPI mirrors of the desk's statistics types (the desk stays free of
// utoipa); the test below checks that they describe the real values' keys.

/// Counts and values of a set of frozen assets.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FrozenAssetFigures)]
pub struct FiguresSchema {
    /// Reports with at least one of the assets.
    pub reports: u64,
    pub assets: u64,
    /// Sum of the values given in euro.
    pub value_eur: f64,
    /// Sums of values in other currencies by ISO 4217 code; not converted.
    pub other_currencies: BTreeMap<String, f64>,
    pub assets_in_other_currencies: u64,
    /// Assets reported without a value.
    pub unvalued_assets: u64,
    /// Assets with a value but no currency, which cannot be summed.
    pub values_without_currency: u64,
}

/// One key of a breakdown, e.g. regime `RUS`, with its figures.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FrozenAssetGroup)]
pub struct GroupSchema {
    #[schema(example = "RUS")]
    pub key: String,
    pub reports: u64,
    pub assets: u64,
    pub value_eur: f64,
    pub other_currencies: BTreeMap<String, f64>,
    pub assets_in_other_currencies: u64,
    pub unvalued_assets: u64,
    pub values_without_currency: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FrozenAssetBreakdown)]
pub struct BreakdownSchema {
    /// `regime`, `list`, `sector`, `category`, `kind`, `month` or `report_type`.
    pub dimension: String,
    /// By key, ascending.
    pub groups: Vec<GroupSchema>,
}

/// Whose reports the figures cover.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = StatisticsScope)]
pub struct ScopeSchema {
    /// `all`, `organisation` or `authority`.
    pub kind: String,
    pub org_id: Option<String>,
    pub authority: Option<String>,
}

/// The filters as applied.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = StatisticsQuery)]
pub struct QuerySchema {
    #[schema(required = true)]
    pub from: Option<String>,
    #[schema(required = true)]
    pub to: Option<String>,
    #[schema(required = true)]
    pub regime: Option<String>,
    pub group_by: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FrozenAssetStatistics)]
pub struct FrozenAssetStatisticsSchema {
    pub scope: ScopeSchema,
    pub query: QuerySchema,
    pub report_types: Vec<String>,
    pub totals: FiguresSchema,
    pub breakdowns: Vec<BreakdownSchema>,
    /// Stored reports that no longer read as reports, left out of every figure.
    pub unreadable_reports: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionCategoryFigures)]
pub struct CategorySchema {
    /// `funds` or `economic_resources`.
    pub category: String,
    pub assets: u64,
    pub value_eur: f64,
    pub other_currencies: BTreeMap<String, f64>,
    pub unvalued_assets: u64,
    pub values_without_currency: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionRow)]
pub struct CommissionRowSchema {
    pub regime: String,
    pub legal_basis: String,
    pub reports: u64,
    pub persons: u64,
    pub entities: u64,
    pub other_subjects: u64,
    pub categories: Vec<CategorySchema>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionExport)]
pub struct CommissionExportSchema {
    #[schema(example = "NL")]
    pub member_state: String,
    pub scope: ScopeSchema,
    #[schema(required = true)]
    pub period_from: Option<String>,
    #[schema(required = true)]
    pub period_to: Option<String>,
    pub generated_at: String,
    pub rows: Vec<CommissionRowSchema>,
    pub unreadable_reports: u64,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use meldpunt_desk::{
        Amount, Breakdown, CategoryFigures, CommissionExport, CommissionRow, Dimension, Figures,
        FrozenAssetStatistics, GroupFigures, StatisticsQuery, StatisticsScope,
    };
    use serde_json::Value;
    use utoipa::PartialSchema;

    use super::*;

    fn keys(value: impl Serialize) -> BTreeSet<String> {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn properties<T: PartialSchema>() -> BTreeSet<String> {
        let schema = serde_json::to_value(T::schema()).unwrap_or(Value::Null);
        schema["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_mirrors_describe_the_real_keys() {
        let group = GroupFigures {
            key: "RUS".to_string(),
            figures: Figures::default(),
        };
        let stats = FrozenAssetStatistics {
            scope: StatisticsScope::All,
            query: StatisticsQuery::default(),
            report_types: Vec::new(),
            totals: Figures::default(),
            breakdowns: vec![Breakdown {
                dimension: Dimension::Regime,
                groups: vec![group],
            }],
            unreadable_reports: 0,
        };
        assert_eq!(keys(&stats), properties::<FrozenAssetStatisticsSchema>());
        assert_eq!(keys(&stats.totals), properties::<FiguresSchema>());
        assert_eq!(keys(&stats.query), properties::<QuerySchema>());
        assert_eq!(keys(&stats.breakdowns[0]), properties::<BreakdownSchema>());
        assert_eq!(
            keys(&stats.breakdowns[0].groups[0]),
            properties::<GroupSchema>()
        );
        let authority = StatisticsScope::Authority {
            authority: "DNB".to_string(),
        };
        let scope_keys = properties::<ScopeSchema>();
        assert!(keys(&authority).is_subset(&scope_keys));
        let category = CategoryFigures {
            category: "funds".to_string(),
            assets: 1,
            value_eur: Amount::default(),
            other_currencies: BTreeMap::new(),
            unvalued_assets: 0,
            values_without_currency: 0,
        };
        let row = CommissionRow {
            regime: "RUS".to_string(),
            legal_basis: "Regulation (EU) No 269/2014 art. 2".to_string(),
            reports: 1,
            persons: 0,
            entities: 1,
            other_subjects: 0,
            categories: vec![category],
        };
        assert_eq!(keys(&row.categories[0]), properties::<CategorySchema>());
        assert_eq!(keys(&row), properties::<CommissionRowSchema>());
        let export = CommissionExport {
            member_state: "NL",
            scope: StatisticsScope::All,
            period_from: None,
            period_to: None,
            generated_at: "2026-11-12T09:00:00.000Z".to_string(),
            rows: vec![row],
            unreadable_reports: 0,
        };
        assert_eq!(keys(&export), properties::<CommissionExportSchema>());
    }
}
