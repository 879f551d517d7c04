//! The OpenAPI 3 description of the API, served at `/openapi.json`.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::Ref;
use utoipa::{Modify, OpenApi};

use crate::api::{accounts, audit, drafts, health, match_yente, reports, screen, statistics};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Meldpunt",
        description = "Sanctions screening. `/match/{dataset}` speaks OpenSanctions \
            yente's matching API; `/api/v1` is Meldpunt's own API with full explanations.",
    ),
    paths(
        match_yente::match_entities,
        screen::screen,
        health::datasets,
        health::healthz,
        reports::submit,
        reports::list,
        reports::validate,
        reports::whistleblow,
        reports::read,
        reports::acknowledgement,
        reports::overdue,
        reports::deadline_met,
        drafts::list,
        drafts::create,
        drafts::read,
        drafts::update,
        drafts::remove,
        drafts::submit,
        crate::api::messages::list,
        crate::api::messages::post,
        accounts::login,
        accounts::logout,
        accounts::me,
        accounts::create_org,
        accounts::org,
        accounts::users,
        accounts::create_user,
        accounts::register,
        accounts::approve,
        accounts::disable,
        accounts::create_api_key,
        accounts::api_keys,
        accounts::revoke_api_key,
        audit::entries,
        audit::verify,
        audit::json_schema,
        audit::xml_schema,
        audit::routing,
        crate::api::cases::triage,
        crate::api::cases::assign,
        crate::api::cases::case,
        crate::api::cases::decide,
        crate::api::cases::note,
        statistics::frozen_assets,
        statistics::commission_export,
    ),
    modifiers(&BearerAuth, &ReportSchemaRef),
    tags(
        (name = "Matching", description = "yente-compatible matching"),
        (name = "Screening", description = "Meldpunt's screening API"),
        (name = "Reporting", description = "The reporting point: filing reports (JSON, XML, \
            CSV), acknowledgements, drafts and deadlines"),
        (name = "Accounts", description = "Sessions, organisations, users and API keys"),
        (name = "Audit", description = "The audit log and the published contracts of intake"),
        (name = "Statistics", description = "Frozen assets by regime, list, sector, category \
            and month, and the aggregated export for the European Commission"),
        (name = "System"),
    )
)]
pub struct ApiDoc;

// The mirrors live beside the handlers they describe; they are declared here
// because they exist only for this description.
#[path = "api/schemas.rs"]
pub mod schemas;

/// `Authorization: Bearer <API key or session token>`, as `security(("bearer"
/// = []))` on the reporting point's operations refers to it.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("API key (mpk_…) or session token")
            .description(Some(
                "An organisation's API key (`mpk_…`, created at `POST /api/v1/api-keys`) \
                 for its systems, or a person's session token from `POST /api/v1/session`.",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Where a report's JSON Schema is published. Intake bodies refer to it
/// rather than copy it, so the description cannot disagree with validation.
pub const REPORT_SCHEMA: &str = "/api/v1/schema/report.json";

/// Points the JSON bodies of report intake at [`REPORT_SCHEMA`]: a relative
/// reference, resolved against the document served at `/openapi.json`.
struct ReportSchemaRef;

impl Modify for ReportSchemaRef {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for path in [
            "/api/v1/reports",
            "/api/v1/reports/validate",
            "/api/v1/whistleblower",
        ] {
            let json = openapi
                .paths
                .paths
                .get_mut(path)
                .and_then(|item| item.post.as_mut())
                .and_then(|operation| operation.request_body.as_mut())
                .and_then(|body| body.content.get_mut("application/json"));
            if let Some(content) = json {
                content.schema = Some(Ref::new(REPORT_SCHEMA).into());
            }
        }
    }
}

pub fn spec() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/openapi.json", get(|| async { Json(spec()) }))
}
