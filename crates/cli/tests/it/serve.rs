//! `meldpunt serve` as a real process: it loads the store's lists, answers
//! a yente-shaped match request unchanged, and serves its OpenAPI spec.

use crate::common;

use common::server::{get_json, post_json, start};
use common::{Backend, TestDb};

const DEMO_V1: &str = include_str!("../../demo/demo-list-v1.ftm.json");

both_backends!(serve_answers_yente_match_requests, |db: &TestDb| {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("demo.ftm.json");
    std::fs::write(&list, DEMO_V1).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&list),
        "--source",
        "demo",
    ]);
    let server = start(db, &[]);

    let request = serde_json::json!({
        "queries": {
            "q1": {"schema": "Person", "properties": {"name": ["Иван Петрович Сидоров"], "birthDate": ["1961-03-14"]}},
            "q2": {"schema": "Vessel", "properties": {"name": ["Polar Dawn"], "imoNumber": ["9074729"]}}
        }
    });
    let (status, body) = post_json(&format!("{}/match/default", server.base), &request);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["responses"]["q1"]["results"][0]["id"], "demo-1",
        "{body}"
    );
    assert_eq!(
        body["responses"]["q1"]["results"][0]["match"], true,
        "{body}"
    );
    assert_eq!(
        body["responses"]["q2"]["results"][0]["id"], "demo-7",
        "{body}"
    );
    assert!(
        body["meldpunt"]["list_versions"]["demo"].is_string(),
        "{body}"
    );

    let (status, body) = post_json(
        &format!("{}/match/default", server.base),
        &serde_json::json!({"queries": {}, "config": {"no_such_key": 1}}),
    );
    assert_eq!(status, 400, "{body}");
    let (status, _) = post_json(&format!("{}/match/no-such-list", server.base), &request);
    assert_eq!(status, 404);

    let spec = get_json(&format!("{}/openapi.json", server.base));
    assert!(spec["paths"]["/match/{dataset}"].is_object(), "{spec}");
});

#[test]
fn serve_refuses_an_empty_store() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let stderr = db.fails(&["serve", "--listen", "127.0.0.1:0"]);
    assert!(stderr.contains("no lists"), "{stderr}");
}
