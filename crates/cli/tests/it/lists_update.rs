//! `lists update` against a local HTTP server that serves list files with
//! ETag and Last-Modified: first run imports, an unchanged publication is
//! answered 304 and imports nothing, a changed one makes a new version and
//! reports the changes.

use crate::common;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use common::{Backend, TestDb};
use std::sync::{Arc, Mutex};

const LIST_V1: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>
<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>JAN</FIRST_NAME><SECOND_NAME>JANSEN</SECOND_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.900</REFERENCE_NUMBER><LISTED_ON>2020-01-01</LISTED_ON></INDIVIDUAL>
<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>PIET</FIRST_NAME><SECOND_NAME>PIETERS</SECOND_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER><LISTED_ON>2020-01-01</LISTED_ON></INDIVIDUAL>
</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"#;

#[derive(Default)]
struct Served {
    body: String,
    etag: String,
    requests: Vec<Option<String>>,
}

async fn serve_list(
    State(served): State<Arc<Mutex<Served>>>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let mut served = match served.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    let condition = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    served.requests.push(condition.clone());
    if condition.as_deref() == Some(served.etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, HeaderMap::new(), String::new());
    }
    let mut out = HeaderMap::new();
    if let Ok(value) = served.etag.parse() {
        out.insert(header::ETAG, value);
    }
    (StatusCode::OK, out, served.body.clone())
}

fn start_server(served: Arc<Mutex<Served>>) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("address");
    listener.set_nonblocking(true).expect("nonblocking");
    let handle = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let app = axum::Router::new()
                .route("/consolidated.xml", get(serve_list))
                .with_state(served);
            let _ = axum::serve(listener, app).await;
        });
    });
    (format!("http://{address}/consolidated.xml"), handle)
}

both_backends!(update_imports_changes_only, |db: &TestDb| {
    let served = Arc::new(Mutex::new(Served {
        body: LIST_V1.to_string(),
        etag: "\"v1\"".into(),
        ..Served::default()
    }));
    let (url, _server) = start_server(served.clone());
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("sources.toml");
    std::fs::write(
        &config,
        format!(
            "[[source]]\nname = \"un-test\"\nurls = [\"{url}\"]\nfiles = [\"consolidated.xml\"]\n"
        ),
    )
    .expect("config");
    let config = common::path_str(&config);

    let first = db.ok(&["lists", "update", "--config", &config]);
    assert!(first.contains("un-test: version 1"), "{first}");
    assert!(first.contains("2 entities"), "{first}");

    let second = db.ok(&["lists", "update", "--config", &config]);
    assert!(second.contains("not modified"), "{second}");

    {
        let mut served = served.lock().expect("lock");
        served.body = LIST_V1.replace("PIETERS", "PIETERSEN").replace(
            "</INDIVIDUALS>",
            "<INDIVIDUAL><DATAID>3</DATAID><FIRST_NAME>KEES</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.902</REFERENCE_NUMBER><LISTED_ON>2026-01-01</LISTED_ON></INDIVIDUAL></INDIVIDUALS>",
        );
        served.etag = "\"v2\"".into();
    }
    let third = db.ok(&["lists", "update", "--config", &config]);
    assert!(third.contains("un-test: version 2"), "{third}");
    assert!(third.contains("added 1, removed 0, changed 1"), "{third}");

    let requests = served.lock().expect("lock").requests.clone();
    assert_eq!(
        requests,
        vec![None, Some("\"v1\"".to_string()), Some("\"v1\"".to_string())]
    );
});

#[test]
fn update_reports_http_errors() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let served = Arc::new(Mutex::new(Served {
        body: String::new(),
        etag: "\"x\"".into(),
        ..Served::default()
    }));
    let (url, _server) = start_server(served);
    let missing = url.replace("consolidated.xml", "missing.xml");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("sources.toml");
    std::fs::write(
        &config,
        format!("[[source]]\nname = \"un-test\"\nurls = [\"{missing}\"]\n"),
    )
    .expect("config");
    let stderr = db.fails(&["lists", "update", "--config", &common::path_str(&config)]);
    assert!(stderr.contains("404"), "{stderr}");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[source]]\nname = \"x\"\nurl = \"typo\"\n").expect("config");
    let stderr = db.fails(&["lists", "update", "--config", &common::path_str(&bad)]);
    assert!(stderr.contains("bad.toml"), "{stderr}");
}
