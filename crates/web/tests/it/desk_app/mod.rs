//! `DeskApp`: the full router with a reporting point on a fresh store
//! (SQLite or PostgreSQL), a fixed clock, a small hand-made list, and one
//! signed-in caller per role in two reporting organisations.

#![allow(dead_code)]

#[path = "../../../../desk/tests/it/common/cast.rs"]
pub mod cast;
#[path = "../../../../store/tests/it/store/harness.rs"]
pub mod harness;

#[allow(unused_imports)]
pub use cast::{
    cast_list, create_org, create_user, fixed_now, fixture, listed, standard_cast, PASSWORD,
};

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use meldpunt_desk::Desk;
use meldpunt_reports::RuleTable;
use meldpunt_screening::ScoringConfig;
use meldpunt_store::Store;
use meldpunt_web::{router, AppState, DatasetInfo};
use serde_json::Value;
use tower::ServiceExt;

/// Runs each case once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::desk_app::harness::on_sqlite(|store| async move {
                        super::$case($crate::desk_app::DeskApp::new(store).await).await
                    }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::desk_app::harness::on_postgres(|store| async move {
                        super::$case($crate::desk_app::DeskApp::new(store).await).await
                    }).await;
                }
            )*
        }
    };
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
}

/// Bearer tokens of every caller.
pub struct DeskApp {
    router: Router,
    pub desk: Desk,
    pub bank_org: String,
    pub other_org: String,
    pub bank_key: String,
    pub other_key: String,
    pub bank_admin: String,
    pub bank_reporter: String,
    pub other_admin: String,
    pub other_reporter: String,
    pub analyst: String,
    pub dnb_viewer: String,
    pub fiod_viewer: String,
    pub admin: String,
}

impl DeskApp {
    pub async fn new(store: Store) -> DeskApp {
        let entries = cast_list();
        let dataset = DatasetInfo {
            name: "eu_fsf".to_string(),
            version_id: "42".to_string(),
            published: None,
            entity_count: 2,
            imported_at: None,
        };
        let state = AppState::new(entries, ScoringConfig::default(), vec![dataset]);
        let desk = Desk::open(
            store,
            Some(state.lists_in_use()),
            RuleTable::builtin().clone(),
        )
        .await
        .expect("open desk")
        .with_clock(fixed_now);
        let orgs = standard_cast(&desk).await;
        let (bank_org, other_org) = (orgs.bank, orgs.other);
        let mut app = DeskApp {
            router: router(state.with_desk(desk.clone())),
            desk,
            bank_org,
            other_org,
            bank_key: String::new(),
            other_key: String::new(),
            bank_admin: String::new(),
            bank_reporter: String::new(),
            other_admin: String::new(),
            other_reporter: String::new(),
            analyst: String::new(),
            dnb_viewer: String::new(),
            fiod_viewer: String::new(),
            admin: String::new(),
        };
        app.bank_admin = app.login("admin@bank.example").await;
        app.bank_reporter = app.login("reporter@bank.example").await;
        app.other_admin = app.login("admin@trust.example").await;
        app.other_reporter = app.login("reporter@trust.example").await;
        app.analyst = app.login("analyst@meldpunt.example").await;
        app.dnb_viewer = app.login("viewer@dnb.example").await;
        app.fiod_viewer = app.login("viewer@fiod.example").await;
        app.admin = app.login("admin@meldpunt.example").await;
        app.bank_key = app.api_key(&app.bank_admin.clone()).await;
        app.other_key = app.api_key(&app.other_admin.clone()).await;
        app
    }

    async fn login(&self, email: &str) -> String {
        let body = serde_json::json!({"email": email, "password": PASSWORD});
        let reply = self
            .json(Method::POST, "/api/v1/session", None, &body)
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "login {email}: {}",
            reply.text
        );
        reply.json["token"].as_str().unwrap_or_default().to_string()
    }

    async fn api_key(&self, admin_token: &str) -> String {
        let body = serde_json::json!({"label": "core banking"});
        let reply = self
            .json(Method::POST, "/api/v1/api-keys", Some(admin_token), &body)
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json["secret"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.into()).expect("request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).to_string();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
            text,
        }
    }

    pub async fn json(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: &Value,
    ) -> Reply {
        self.send(
            method,
            uri,
            token,
            Some("application/json"),
            &[],
            body.to_string(),
        )
        .await
    }

    pub async fn get(&self, uri: &str, token: &str) -> Reply {
        self.send(Method::GET, uri, Some(token), None, &[], Body::empty())
            .await
    }

    /// Files `body` as JSON and returns the new report's id.
    pub async fn file(&self, token: &str, body: &Value) -> String {
        let reply = self
            .json(Method::POST, "/api/v1/reports", Some(token), body)
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json["report_id"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Reports in the whole store, as the reporting point sees them.
    pub async fn total_reports(&self) -> u64 {
        let reply = self.get("/api/v1/reports", &self.analyst).await;
        reply.json["total"].as_u64().unwrap_or(u64::MAX)
    }

    pub fn versions() -> BTreeMap<String, String> {
        BTreeMap::from([("eu_fsf".to_string(), "42".to_string())])
    }
}
