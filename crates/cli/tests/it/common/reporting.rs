//! Reporting-point helpers for tests that drive the real binary: console
//! set-up (organisations, users), the HTTP calls a reporter's system makes,
//! and direct access to the database to play the part of an intruder.

use super::TestDb;
use serde_json::Value;
use std::process::Output;
use std::time::Duration;

/// Every test user's password (the policy asks for at least 12 characters).
pub const PASSWORD: &str = "correct horse battery staple";

/// Report fixtures that a reporter's API key may file (whistleblower
/// reports go through the anonymous channel instead).
pub const FIXTURES: [&str; 6] = [
    "asset_freeze",
    "attempted_transaction",
    "licence_request",
    "no_russia_clause_breach",
    "pre_listing_movement",
    "vessel_event",
];

/// A valid report body from `crates/reports/tests/fixtures`.
pub fn report_fixture(name: &str) -> String {
    let path = format!(
        "{}/../reports/tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn is_postgres(db: &TestDb) -> bool {
    db.url.starts_with("postgres")
}

/// `meldpunt serve` refuses an empty store, so every server test first
/// imports the demo list.
pub fn import_demo(db: &TestDb) {
    let list = concat!(env!("CARGO_MANIFEST_DIR"), "/demo/demo-list-v1.ftm.json");
    db.ok(&["lists", "import", list, "--source", "demo"]);
}

/// `meldpunt org create`; returns the new organisation's id.
pub fn create_org(db: &TestDb, name: &str, sector: &str) -> String {
    let id = db.ok(&["org", "create", "--name", name, "--sector", sector]);
    id.trim().to_string()
}

/// `meldpunt user create` with `password` on standard input.
pub fn create_user_with(db: &TestDb, org: &str, email: &str, role: &str, password: &str) -> Output {
    db.cmd()
        .args(["user", "create", "--org", org, "--email", email])
        .args(["--name", email, "--role", role])
        .write_stdin(format!("{password}\n"))
        .output()
        .expect("run meldpunt user create")
}

/// Creates a user with [`PASSWORD`], asserting success; returns its id.
pub fn create_user(db: &TestDb, org: &str, email: &str, role: &str) -> String {
    let output = create_user_with(db, org, email, role, PASSWORD);
    assert!(
        output.status.success(),
        "user create {email}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// `meldpunt audit verify`, whatever its outcome.
pub fn audit_verify(db: &TestDb) -> Output {
    db.cmd()
        .args(["audit", "verify"])
        .output()
        .expect("run meldpunt audit verify")
}

/// Every audit entry, read through `meldpunt audit show` page by page.
pub fn audit_entries(db: &TestDb) -> Vec<Value> {
    let mut entries: Vec<Value> = Vec::new();
    loop {
        let after = entries.last().and_then(|e| e["seq"].as_i64()).unwrap_or(0);
        let page = db.ok(&[
            "audit",
            "show",
            "--after",
            &after.to_string(),
            "--limit",
            "500",
        ]);
        let before = entries.len();
        for line in page.lines().filter(|l| !l.trim().is_empty()) {
            entries.push(serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")));
        }
        if entries.len() == before {
            return entries;
        }
    }
}

/// A client with a timeout, so a hung server fails the test instead of
/// blocking it.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// `POST /api/v1/session`; returns the bearer token.
pub async fn login(client: &reqwest::Client, base: &str, email: &str) -> String {
    let body = serde_json::json!({"email": email, "password": PASSWORD});
    let (status, reply) = send(client.post(format!("{base}/api/v1/session")).json(&body)).await;
    assert_eq!(status, 200, "login {email}: {reply}");
    reply["token"].as_str().expect("token").to_string()
}

/// `POST /api/v1/api-keys` as a reporter_admin; returns the `mpk_…` secret.
pub async fn create_api_key(client: &reqwest::Client, base: &str, token: &str) -> String {
    let request = client
        .post(format!("{base}/api/v1/api-keys"))
        .bearer_auth(token)
        .json(&serde_json::json!({"label": "core banking"}));
    let (status, reply) = send(request).await;
    assert_eq!(status, 201, "{reply}");
    reply["secret"].as_str().expect("secret").to_string()
}

/// `POST /api/v1/reports` with JSON and an Idempotency-Key. A transport
/// error (no answer) is returned, not a panic: callers decide what an
/// unanswered request means.
pub async fn submit(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    idempotency_key: &str,
    body: &str,
) -> Result<(u16, Value), reqwest::Error> {
    let response = client
        .post(format!("{base}/api/v1/reports"))
        .bearer_auth(key)
        .header("content-type", "application/json")
        .header("idempotency-key", idempotency_key)
        .body(body.to_string())
        .send()
        .await?;
    let status = response.status().as_u16();
    let json = response.json().await?;
    Ok((status, json))
}

/// `GET` a path with a bearer token: status and JSON body.
pub async fn get(client: &reqwest::Client, base: &str, token: &str, path: &str) -> (u16, Value) {
    send(client.get(format!("{base}{path}")).bearer_auth(token)).await
}

/// Runs SQL on the test database directly, past the application: sqlx on
/// SQLite, psql on PostgreSQL. Returns the database's error text on failure.
pub fn raw_sql(db: &TestDb, sql: &str) -> Result<(), String> {
    if is_postgres(db) {
        let output = std::process::Command::new("psql")
            .args([db.url.as_str(), "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
            .output()
            .map_err(|e| format!("psql: {e}"))?;
        return if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        };
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        use sqlx::Connection;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&db.url);
        let mut connection = sqlx::SqliteConnection::connect_with(&options)
            .await
            .map_err(|e| e.to_string())?;
        let result = sqlx::raw_sql(sql).execute(&mut connection).await;
        let _ = connection.close().await;
        result.map(|_| ()).map_err(|e| e.to_string())
    })
}
