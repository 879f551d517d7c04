//! `POST /match/{dataset}`: yente's request and response shape.

use crate::common;

use axum::http::StatusCode;
use common::{redacted, result_ids, TestApp, EU, OFAC};
use meldpunt_web::Limits;
use serde_json::{json, Value};

fn person_query(name: &str) -> Value {
    json!({"queries": {"q1": {"schema": "Person", "properties": {"name": [name]}}}})
}

#[tokio::test]
async fn yente_docs_request_works_unchanged() {
    // The example from yente's `/match` documentation, verbatim.
    let body = json!({
        "queries": {
            "entity1": {
                "schema": "Person",
                "properties": {
                    "name": ["John Doe"],
                    "birthDate": ["1975-04-21"],
                    "nationality": ["us"]
                }
            },
            "entity2": {
                "schema": "Company",
                "properties": {
                    "name": ["Brilliant Amazing Limited"],
                    "jurisdiction": ["hk"],
                    "registrationNumber": ["84BA99810"]
                }
            }
        }
    });
    let response = TestApp::new().post_json("/match/default", &body).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["x-batch-size"], "2");
    insta::assert_json_snapshot!(redacted(response.json));
}

#[tokio::test]
async fn match_result_has_yente_fields_and_provenance() {
    let body = json!({
        "queries": {"q1": {"schema": "Person", "properties": {
            "name": ["Ivan Petrovich Sidorov"],
            "birthDate": ["1961-03-04"],
            "nationality": ["ru"]
        }}},
        "weights": {"name_literal_match": 0.8}
    });
    let response = TestApp::new()
        .post_json("/match/ofac-sdn?algorithm=logic-v1", &body)
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let result = &response.json["responses"]["q1"]["results"][0];
    assert_eq!(result["id"], "ofac-1001");
    assert_eq!(result["match"], true);
    assert_eq!(result["meldpunt"]["version_id"], "17");
    assert!(result["features"]["name"].as_f64().is_some());
    assert!(result["explanations"]["name"]["detail"].is_string());
    let meta = &response.json["meldpunt"];
    assert_eq!(meta["requested_algorithm"], "logic-v1");
    assert_eq!(
        meta["algorithm_version"],
        meldpunt_screening::algorithm_version()
    );
    assert_eq!(meta["list_versions"], json!({OFAC: "17"}));
    assert_eq!(meta["ignored"], json!(["weights"]));
    insta::assert_json_snapshot!(redacted(response.json));
}

#[tokio::test]
async fn cyrillic_query_finds_latin_listing() {
    let response = TestApp::new()
        .post_json("/match/default", &person_query("Пётр Волков"))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        result_ids(&response, "q1").first().map(String::as_str),
        Some("eu-fsf-501")
    );
}

#[tokio::test]
async fn latin_query_finds_cyrillic_alias_of_company() {
    let body = json!({"queries": {"c": {"schema": "Company", "properties": {
        "name": ["Nordstroi Holding"]
    }}}});
    let response = TestApp::new().post_json("/match/default", &body).await;
    assert_eq!(
        result_ids(&response, "c").first().map(String::as_str),
        Some("ofac-2001")
    );
}

#[tokio::test]
async fn include_and_exclude_dataset_narrow_the_sources() {
    let app = TestApp::new();
    let all = app
        .post_json("/match/default", &person_query("Ivan Sidorov"))
        .await;
    let ids = result_ids(&all, "q1");
    assert!(ids.contains(&"ofac-1001".to_string()) && ids.contains(&"eu-fsf-502".to_string()));

    let eu_only = app
        .post_json(
            "/match/default?include_dataset=eu-fsf",
            &person_query("Ivan Sidorov"),
        )
        .await;
    assert_eq!(result_ids(&eu_only, "q1"), ["eu-fsf-502"]);
    assert_eq!(eu_only.json["meldpunt"]["list_versions"], json!({EU: "42"}));

    let path_scoped = app
        .post_json("/match/ofac-sdn", &person_query("Ivan Sidorov"))
        .await;
    assert_eq!(result_ids(&path_scoped, "q1"), ["ofac-1001"]);

    let excluded = app
        .post_json(
            "/match/default?exclude_dataset=ofac-sdn",
            &person_query("Ivan Sidorov"),
        )
        .await;
    assert_eq!(result_ids(&excluded, "q1"), ["eu-fsf-502"]);
}

#[tokio::test]
async fn exclude_schema_and_entity_ids_apply() {
    let app = TestApp::new();
    let vessel = json!({"queries": {"v": {"schema": "Vessel", "properties": {
        "name": ["Ocean Pioneer"], "imoNumber": ["9321483"]
    }}}});
    let found = app.post_json("/match/default", &vessel).await;
    assert_eq!(result_ids(&found, "v"), ["ofac-3001"]);
    let without = app
        .post_json(
            "/match/default?exclude_schema=Vessel&exclude_schema=Airplane",
            &vessel,
        )
        .await;
    assert_eq!(without.status, StatusCode::OK);
    assert!(result_ids(&without, "v").is_empty());
    let excluded = app
        .post_json("/match/default?exclude_entity_ids=ofac-3001", &vessel)
        .await;
    assert!(result_ids(&excluded, "v").is_empty());
}

#[tokio::test]
async fn threshold_and_limit_apply() {
    let app = TestApp::new();
    let query = person_query("Ivan Sidorov");
    let limited = app.post_json("/match/default?limit=1", &query).await;
    assert_eq!(result_ids(&limited, "q1").len(), 1);
    assert_eq!(limited.json["limit"], 1);

    let strict = app.post_json("/match/default?threshold=1.0", &query).await;
    for result in strict.json["responses"]["q1"]["results"]
        .as_array()
        .into_iter()
        .flatten()
    {
        assert!(result["score"].as_f64().unwrap_or(0.0) >= 1.0);
    }
    // A low cutoff returns weaker results, flagged as non-matches.
    let loose = app
        .post_json(
            "/match/default?threshold=0.99&cutoff=0.3",
            &person_query("Ivan Volkov"),
        )
        .await;
    let results = loose.json["responses"]["q1"]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["match"] == false));

    let too_many = app.post_json("/match/default?limit=100000", &query).await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    let bad = app.post_json("/match/default?threshold=2", &query).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn config_is_applied_and_unknown_keys_rejected() {
    let app = TestApp::new();
    let mut body = person_query("Ivan Sidorov");
    body["config"] = json!({"nm_number_mismatch": 0.3});
    let response = app.post_json("/match/default", &body).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.error_message().contains("nm_number_mismatch"));

    body["config"] = json!({"threshold": 0.99});
    let response = app.post_json("/match/default", &body).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json["meldpunt"]["threshold"], 0.99);
}

#[tokio::test]
async fn unknown_dataset_is_404() {
    let response = TestApp::new()
        .post_json("/match/nowhere", &person_query("Ivan Sidorov"))
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    insta::assert_json_snapshot!(response.json, @r#"
    {
      "error": {
        "message": "no such dataset: nowhere",
        "status": 404
      }
    }
    "#);
}

#[tokio::test]
async fn a_bad_query_fails_alone() {
    let body = json!({"queries": {
        "good": {"schema": "Person", "properties": {"name": ["Ivan Sidorov"]}},
        "schema": {"schema": "Spaceship", "properties": {"name": ["X"]}},
        "long": {"schema": "Person", "properties": {"name": ["x".repeat(5000)]}},
        "date": {"schema": "Person", "properties": {"name": ["A B"], "birthDate": ["yesterday"]}},
        "shape": {"schema": "Person", "properties": {"name": [{"nested": true}]}},
        "missing": {"properties": {"name": ["A B"]}},
        "skipped": null
    }});
    let response = TestApp::new().post_json("/match/default", &body).await;
    assert_eq!(response.status, StatusCode::OK);
    let responses = &response.json["responses"];
    assert_eq!(responses["good"]["status"], 200);
    for key in ["schema", "long", "date", "shape", "missing"] {
        assert_eq!(responses[key]["status"], 400, "{key}");
        assert!(responses[key]["error"]["message"].is_string(), "{key}");
    }
    assert!(responses.get("skipped").is_none());
    assert_eq!(responses["missing"]["error"]["path"], "queries.missing");
    assert_eq!(
        responses["long"]["error"]["message"],
        "property 'name': name has more than 1024 characters"
    );
}

#[tokio::test]
async fn batch_limits() {
    let app = TestApp::with_limits(Limits {
        max_queries: 2,
        ..Limits::default()
    });
    let queries: serde_json::Map<String, Value> = (0..3)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Person", "properties": {"name": ["A B"]}}),
            )
        })
        .collect();
    let response = app
        .post_json("/match/default", &json!({"queries": queries}))
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        response.error_message(),
        "Too many queries in one batch (limit: 2)"
    );

    let empty = app
        .post_json("/match/default", &json!({"queries": {}}))
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_algorithm_is_400() {
    let response = TestApp::new()
        .post_json(
            "/match/default?algorithm=magic",
            &person_query("Ivan Sidorov"),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn config_overrides_rescore_candidates() {
    let app = TestApp::new();
    let mut body = json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Ivan Petrovich Sidorov"], "birthDate": ["1990-01-01"]
    }}}});
    let default = app.post_json("/match/ofac-sdn", &body).await;
    assert_eq!(result_ids(&default, "q1"), ["ofac-1001"]);
    body["config"] = json!({"dob_year_penalty": 1.0});
    let harsh = app.post_json("/match/ofac-sdn", &body).await;
    assert_eq!(harsh.status, StatusCode::OK);
    assert!(result_ids(&harsh, "q1").is_empty());
}

#[tokio::test]
async fn unapplied_parameters_are_reported() {
    let response = TestApp::new()
        .post_json(
            "/match/default?topics=sanction&changed_since=2024-01-01T00:00:00",
            &person_query("Ivan Sidorov"),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.json["meldpunt"]["ignored"],
        json!(["topics", "changed_since"])
    );
    assert!(!result_ids(&response, "q1").is_empty());
}

#[tokio::test]
async fn hostile_queries_never_fail_the_server() {
    let app = TestApp::new();
    let hostile = [
        json!({"schema": "Person", "properties": {"name": ["!!!"]}}),
        json!({"schema": "Person", "properties": {"name": [""]}}),
        json!({"schema": "Person", "properties": {"name": ["\u{0}\u{202e}\u{fffd}"]}}),
        json!({"schema": "Person", "properties": {"name": ["ﷺ ꧁꧂ 𓀀 💣"]}}),
        json!({"schema": "Person", "properties": {"name": "single string"}}),
        json!({"schema": "Person", "properties": {"name": [1e308, -0, 12]}}),
        json!({"schema": "Person", "properties": {"name": [["nested"]]}}),
        json!({"schema": "", "properties": {}}),
        json!({"schema": "Ownership", "properties": {"owner": ["x"]}}),
        json!({"schema": "Person", "properties": {"": ["x"]}}),
        json!({"schema": "Person", "properties": {"birthDate": ["0000-00-00"]}}),
        json!({"schema": "Vessel", "properties": {"imoNumber": ["IMO 0000000"]}}),
        json!({"id": "", "schema": "Person", "properties": {"name": ["A"]}}),
        json!("not an object"),
        json!([]),
    ];
    for (i, query) in hostile.iter().enumerate() {
        let body = json!({"queries": {"q": query}});
        let response = app.post_json("/match/default", &body).await;
        assert_eq!(response.status, StatusCode::OK, "{i}: {query}");
        let status = response.json["responses"]["q"]["status"].as_u64();
        assert!(matches!(status, Some(200 | 400)), "{i}: {query}");
    }
}
