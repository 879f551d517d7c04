//! A real server on a real socket, with a real HTTP client.

use crate::common;

use serde_json::{json, Value};
use tokio::net::TcpListener;

#[tokio::test]
async fn serves_match_over_http_and_shuts_down() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(meldpunt_web::serve_until(
        listener,
        common::state(),
        async {
            let _ = stopped.await;
        },
    ));

    let client = reqwest::Client::new();
    let body = json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Ivan Sidorov"], "nationality": ["ru"]
    }}}});
    let response = client
        .post(format!("http://{addr}/match/default?limit=2"))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    let json: Value = response.json().await.expect("json");
    assert_eq!(json["limit"], 2);
    assert_eq!(json["responses"]["q1"]["status"], 200);
    assert_eq!(json["meldpunt"]["list_versions"]["ofac-sdn"], "17");

    let health: Value = client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(health["status"], "ok");

    let _ = stop.send(());
    server.await.expect("join").expect("server stops cleanly");
}
