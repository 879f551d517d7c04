//! Message threads on reports: `GET` and `POST /api/v1/reports/{id}/messages`.
//! Only the filing organisation and the reporting point take part (the desk
//! decides); authority viewers are refused, and another organisation's
//! report is answered like a missing one.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use meldpunt_desk::MessageView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

/// Room for the longest message (10,000 characters) even when every
/// character is escaped in JSON.
const MAX_MESSAGE_BODY_BYTES: usize = 128 * 1024;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/reports/{id}/messages", get(list).post(post))
        .layer(DefaultBodyLimit::max(MAX_MESSAGE_BODY_BYTES))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// The text; at most 10,000 characters, no control characters but line
    /// breaks and tabs.
    #[schema(example = "Which account holds the frozen shares?")]
    pub body: String,
}

/// A report's thread, oldest first.
#[derive(Debug, Serialize)]
pub struct Thread {
    pub messages: Vec<MessageView>,
}

/// OpenAPI mirror of the desk's `MessageView` (the desk stays free of
/// utoipa); a test below keeps the two alike.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MessageView)]
pub struct MessageSchema {
    pub id: String,
    pub report_id: String,
    /// `reporter` or `reporting_point`.
    #[schema(example = "reporting_point")]
    pub side: String,
    /// Who wrote it; null for a reporting-point author read by a reporter.
    #[schema(required = true)]
    pub author_name: Option<String>,
    /// Whether the caller wrote it.
    pub mine: bool,
    pub body: String,
    pub created_at: String,
}

/// OpenAPI mirror of [`Thread`].
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MessageThread)]
pub struct ThreadSchema {
    pub messages: Vec<MessageSchema>,
}

#[utoipa::path(get, path = "/api/v1/reports/{id}/messages", operation_id = "list_messages", tag = "Reporting",
    description = "The message thread of a report between the filing organisation and the \
        reporting point, oldest first. Authority viewers take no part in threads. A report \
        outside the caller's organisation is answered exactly like one that does not exist. \
        The read is audited and marks the thread read for a signed-in user.",
    params(("id" = String, Path, description = "The report's id")),
    responses(
        (status = 200, body = ThreadSchema),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Authority viewers take no part in threads", body = ErrorBody),
        (status = 404, description = "No such report in the caller's scope", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<Thread>, ApiError> {
    let messages = state.desk()?.messages(&caller, &id).await?;
    Ok(Json(Thread { messages }))
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/messages", operation_id = "post_message", tag = "Reporting",
    description = "Adds a message to a report's thread: the filing organisation's reporters \
        or the reporting point's analysts. Messages cannot be changed afterwards. The post is \
        audited.",
    params(("id" = String, Path, description = "The report's id")),
    request_body = MessageRequest,
    responses(
        (status = 201, body = MessageSchema),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Authority viewers take no part in threads", body = ErrorBody),
        (status = 404, description = "No such report in the caller's scope", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "Empty, too long or with control characters, or an \
            anonymous report nobody could answer", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn post(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<MessageRequest>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let message = state
        .desk()?
        .post_message(&caller, &id, &request.body)
        .await?;
    Ok((StatusCode::CREATED, Json(message)))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;
    use utoipa::PartialSchema;

    use super::*;

    fn keys(value: &Value) -> BTreeSet<String> {
        value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn described<T: PartialSchema>(list: &str) -> BTreeSet<String> {
        let schema = serde_json::to_value(T::schema()).unwrap_or(Value::Null);
        match &schema[list] {
            Value::Object(o) => o.keys().cloned().collect(),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            _ => BTreeSet::new(),
        }
    }

    #[test]
    fn mirrors_match_the_desk() {
        let view = MessageView {
            id: "m".to_string(),
            report_id: "r".to_string(),
            side: "reporter".to_string(),
            author_name: None,
            mine: true,
            body: "b".to_string(),
            created_at: "t".to_string(),
        };
        let message = serde_json::to_value(&view).unwrap_or(Value::Null);
        assert_eq!(keys(&message), described::<MessageSchema>("properties"));
        assert_eq!(keys(&message), described::<MessageSchema>("required"));
        let thread = serde_json::to_value(Thread {
            messages: vec![view],
        })
        .unwrap_or(Value::Null);
        assert_eq!(keys(&thread), described::<ThreadSchema>("properties"));
        assert_eq!(keys(&thread), described::<ThreadSchema>("required"));
    }
}
