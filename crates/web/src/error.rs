//! The crate's one error type and its JSON form,
//! `{"error": {"status", "message", "path"?}}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use thiserror::Error;
use utoipa::ToSchema;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest {
        message: String,
        /// Where in the JSON body the problem is, e.g. `queries.q1.schema`.
        path: Option<String>,
    },
    #[error("no such dataset: {0}")]
    UnknownDataset(String),
    #[error("no route for {method} {path}")]
    NoRoute { method: String, path: String },
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// The content types the endpoint takes, e.g. `application/json`.
    #[error("expected a request with Content-Type: {0}")]
    UnsupportedMediaType(&'static str),
    #[error("the request took longer than {seconds} seconds")]
    Timeout { seconds: u64 },
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{message}")]
    Unprocessable {
        message: String,
        path: Option<String>,
    },
    #[error("{message}")]
    TooManyRequests { message: String, retry_after: u64 },
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            message: message.into(),
            path: None,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::UnknownDataset(_) | ApiError::NoRoute { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Timeout { .. } | ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn detail(&self) -> ErrorDetail {
        let message = match self {
            // Internals stay in the log; callers learn only that it failed.
            ApiError::Internal(_) => "internal error".to_string(),
            other => other.to_string(),
        };
        ErrorDetail {
            status: self.status().as_u16(),
            message,
            path: match self {
                ApiError::BadRequest { path, .. } | ApiError::Unprocessable { path, .. } => {
                    path.clone()
                }
                _ => None,
            },
        }
    }
}

/// Every error response body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let body = ErrorBody {
            error: self.detail(),
        };
        let mut response = (self.status(), Json(body)).into_response();
        let headers = response.headers_mut();
        match &self {
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"meldpunt\""),
                );
            }
            ApiError::TooManyRequests { retry_after, .. } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            _ => {}
        }
        response
    }
}

impl From<meldpunt_desk::DeskError> for ApiError {
    fn from(error: meldpunt_desk::DeskError) -> Self {
        use meldpunt_desk::DeskError;
        let message = error.to_string();
        match error {
            DeskError::Unauthenticated(_) => ApiError::Unauthorized(message),
            DeskError::Forbidden(_) => ApiError::Forbidden(message),
            DeskError::NotFound(_) => ApiError::NotFound(message),
            DeskError::Malformed(_) => ApiError::bad_request(message),
            DeskError::Invalid { field, message } => ApiError::Unprocessable {
                message: format!("{field}: {message}"),
                path: Some(field),
            },
            DeskError::Conflict(_) => ApiError::Conflict(message),
            DeskError::RateLimited { retry_after_secs } => ApiError::TooManyRequests {
                message,
                retry_after: retry_after_secs,
            },
            DeskError::Store(_) | DeskError::Internal(_) => ApiError::Internal(message),
        }
    }
}
