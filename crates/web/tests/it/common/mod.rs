//! `TestApp`: the router over a small hand-written list, driven in
//! process with `tower::ServiceExt::oneshot`.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use meldpunt_model::{
    CountryRole, DateSpec, Entity, IdKind, Identifier, Name, NameKind, PartialDate, Sanction,
    Schema,
};
use meldpunt_screening::{ListEntry, ScoringConfig};
use meldpunt_web::{router, AppState, DatasetInfo, Limits};
use serde_json::Value;
use tower::ServiceExt;

pub const OFAC: &str = "ofac-sdn";
pub const EU: &str = "eu-fsf";

pub struct TestApp {
    router: Router,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

impl TestApp {
    pub fn new() -> TestApp {
        TestApp::with_limits(Limits::default())
    }

    pub fn with_limits(limits: Limits) -> TestApp {
        TestApp {
            router: router(state().with_limits(limits)),
        }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty())).await
    }

    pub async fn post_json(&self, uri: &str, body: &Value) -> TestResponse {
        self.post_raw(uri, Some("application/json"), body.to_string())
            .await
    }

    pub async fn post_raw(
        &self,
        uri: &str,
        content_type: Option<&str>,
        body: impl Into<Body>,
    ) -> TestResponse {
        let mut request = Request::post(uri);
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        self.send(request.body(body.into())).await
    }

    async fn send(&self, request: Result<Request<Body>, axum::http::Error>) -> TestResponse {
        let request = request.expect("valid test request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            panic!(
                "response is not JSON ({status}): {}",
                String::from_utf8_lossy(&bytes)
            )
        });
        TestResponse {
            status,
            headers,
            json,
        }
    }
}

impl TestResponse {
    pub fn error_message(&self) -> &str {
        self.json["error"]["message"].as_str().unwrap_or_default()
    }
}

pub fn state() -> AppState {
    let datasets = vec![dataset(OFAC, "17", 4), dataset(EU, "42", 2)];
    AppState::new(entries(), ScoringConfig::default(), datasets)
}

fn dataset(name: &str, version_id: &str, entity_count: u64) -> DatasetInfo {
    DatasetInfo {
        name: name.to_string(),
        version_id: version_id.to_string(),
        published: Some("2026-01-15".to_string()),
        entity_count,
        imported_at: Some("2026-01-16T08:00:00+00:00".to_string()),
    }
}

fn entries() -> Vec<ListEntry> {
    let ofac = [sidorov(), nordstroy(), ocean_pioneer(), gonzalez()];
    let eu = [volkov(), sidorov_eu()];
    let entry = |entity: Entity, source: &str, version: &str| ListEntry {
        entity,
        source: source.to_string(),
        version_id: version.to_string(),
    };
    ofac.into_iter()
        .map(|e| entry(e, OFAC, "17"))
        .chain(eu.into_iter().map(|e| entry(e, EU, "42")))
        .collect()
}

fn sanction(authority: &str, program: &str, listed: &str) -> Sanction {
    let mut sanction = Sanction::new(authority);
    sanction.program = Some(program.to_string());
    sanction.listing_date = PartialDate::parse(listed).ok();
    sanction
}

fn person(id: &str, names: &[(&str, NameKind)], born: &str, nationality: &str) -> Entity {
    let mut entity = Entity::new(id, Schema::Person);
    for (name, kind) in names {
        entity.add_name(Name::new(*name, *kind));
    }
    entity.birth_dates.extend(DateSpec::parse(born).ok());
    entity.add_country(CountryRole::Nationality, nationality);
    entity
}

fn sidorov() -> Entity {
    let mut entity = person(
        "ofac-1001",
        &[
            ("Ivan Petrovich SIDOROV", NameKind::Primary),
            ("Иван Петрович Сидоров", NameKind::Alias),
            ("Ivan SIDOROFF", NameKind::Alias),
        ],
        "1961-03-04",
        "ru",
    );
    entity.add_identifier(Identifier::new(IdKind::Passport, "7201234567"));
    entity
        .sanctions
        .push(sanction("OFAC", "RUSSIA-EO14024", "2022-03-11"));
    entity
}

fn gonzalez() -> Entity {
    let mut entity = person(
        "ofac-1002",
        &[("Maria GONZALEZ LOPEZ", NameKind::Primary)],
        "1975-04-21",
        "ve",
    );
    entity
        .sanctions
        .push(sanction("OFAC", "VENEZUELA", "2019-01-28"));
    entity
}

fn nordstroy() -> Entity {
    let mut entity = Entity::new("ofac-2001", Schema::Company);
    entity.add_name(Name::new("NORDSTROY HOLDING JSC", NameKind::Primary));
    entity.add_name(Name::new("АО Нордстрой Холдинг", NameKind::Alias));
    entity.add_country(CountryRole::Jurisdiction, "ru");
    entity.add_identifier(Identifier::new(IdKind::Inn, "7707083893"));
    entity
        .sanctions
        .push(sanction("OFAC", "RUSSIA-EO14024", "2023-05-19"));
    entity
}

fn ocean_pioneer() -> Entity {
    let mut entity = Entity::new("ofac-3001", Schema::Vessel);
    entity.add_name(Name::new("OCEAN PIONEER", NameKind::Primary));
    entity.add_name(Name::new("PIONEER STAR", NameKind::Previous));
    entity.add_identifier(Identifier::new(IdKind::Imo, "9321483"));
    entity.add_country(CountryRole::Flag, "pa");
    entity.add_property("type", "Crude Oil Tanker");
    entity
        .sanctions
        .push(sanction("OFAC", "IRAN", "2024-10-11"));
    entity
}

fn volkov() -> Entity {
    let mut entity = person(
        "eu-fsf-501",
        &[
            ("Pyotr Ivanovich VOLKOV", NameKind::Primary),
            ("Пётр Иванович Волков", NameKind::Alias),
        ],
        "1958",
        "ru",
    );
    entity
        .sanctions
        .push(sanction("European Union", "EU-RUS", "2022-02-23"));
    entity
}

fn sidorov_eu() -> Entity {
    let mut entity = person(
        "eu-fsf-502",
        &[
            ("Ivan SIDOROV", NameKind::Primary),
            ("Иван Сидоров", NameKind::Alias),
        ],
        "1961-03-04",
        "ru",
    );
    entity
        .sanctions
        .push(sanction("European Union", "EU-RUS", "2022-04-08"));
    entity
}

/// Replaces values that move whenever the scorer is tuned, so snapshots
/// pin the API shape and provenance rather than the scoring.
pub fn redacted(mut value: Value) -> Value {
    redact(&mut value);
    value
}

fn redact(value: &mut Value) {
    const VOLATILE: [&str; 4] = ["score", "features", "explanations", "algorithm_version"];
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if VOLATILE.contains(&key.as_str()) {
                    *child = Value::String(format!("[{key}]"));
                } else {
                    redact(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Ids of the results of one `/match` query.
pub fn result_ids(response: &TestResponse, query: &str) -> Vec<String> {
    response.json["responses"][query]["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
