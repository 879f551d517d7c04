//! `meldpunt serve --demo` as a newcomer runs it: the real binary on a free
//! port with no database given, its printed users signed in through the
//! API; the demo reporter sees only its bank's reports and figures, the
//! demo analyst everything, with a triage queue to work.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// Kills the server when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Demo {
    _server: Running,
    base: String,
    /// role → (e-mail, password)
    users: Vec<(String, String, String)>,
}

const ROLES: [&str; 5] = [
    "reporter",
    "reporter_admin",
    "analyst",
    "authority_viewer",
    "admin",
];

/// Starts the demo and reads its banner up to the line that closes the
/// user list.
fn start(extra: &[&str]) -> Demo {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("meldpunt"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .args(extra)
        .env_remove("MELDPUNT_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start meldpunt serve --demo");
    let stdout = child.stdout.take().expect("stdout");
    let server = Running(child);
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut base = None;
    let mut users = Vec::new();
    loop {
        let line = received
            .recv_timeout(Duration::from_secs(120))
            .expect("the demo's banner within two minutes");
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with("meldpunt serving") {
            base = words
                .iter()
                .find(|w| w.starts_with("http://"))
                .map(|w| w.to_string());
        }
        if let [role, email, password] = words[..] {
            if ROLES.contains(&role) {
                users.push((role.to_string(), email.to_string(), password.to_string()));
            }
        }
        if line.starts_with("These passwords are shown once") {
            break;
        }
    }
    Demo {
        _server: server,
        base: base.expect("address in the banner"),
        users,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn request(method: &str, url: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
    runtime().block_on(async {
        let client = reqwest::Client::new();
        let mut builder = match method {
            "POST" => client.post(url),
            _ => client.get(url),
        };
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        if let Some(body) = body {
            builder = builder.json(body);
        }
        let response = builder.send().await.expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    })
}

impl Demo {
    fn sign_in(&self, role: &str) -> String {
        let (_, email, password) = self
            .users
            .iter()
            .find(|(r, _, _)| r == role)
            .unwrap_or_else(|| panic!("no {role} printed: {:?}", self.users));
        let body = json!({"email": email, "password": password});
        let url = format!("{}/api/v1/session", self.base);
        let (status, reply) = request("POST", &url, None, Some(&body));
        assert_eq!(status, 200, "sign-in as {role}: {reply}");
        reply["token"].as_str().unwrap_or_default().to_string()
    }

    fn get(&self, path: &str, token: &str) -> (u16, Value) {
        request("GET", &format!("{}{path}", self.base), Some(token), None)
    }
}

#[test]
fn the_demo_prints_its_users_and_each_sees_its_own() {
    let demo = start(&[]);
    let printed: Vec<&str> = demo.users.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(printed, ROLES, "one user per role");

    let analyst = demo.sign_in("analyst");
    let (status, all) = demo.get("/api/v1/reports", &analyst);
    assert_eq!(status, 200, "{all}");
    let total = all["total"].as_u64().unwrap_or(0);
    assert!(total >= 4, "the demo files a handful of reports: {all}");
    let (_, statistics) = demo.get("/api/v1/statistics/frozen-assets", &analyst);
    assert!(
        statistics["totals"]["reports"].as_u64().unwrap_or(0) >= 2,
        "{statistics}"
    );
    assert!(
        statistics["totals"]["value_eur"].as_f64().unwrap_or(0.0) > 0.0,
        "{statistics}"
    );

    let (status, triage) = demo.get("/api/v1/triage", &analyst);
    assert_eq!(status, 200, "{triage}");
    assert!(
        triage["total"].as_u64().unwrap_or(0) > 0,
        "a triage queue to work: {triage}"
    );

    let reporter = demo.sign_in("reporter");
    let (status, mine) = demo.get("/api/v1/reports", &reporter);
    assert_eq!(status, 200, "{mine}");
    let own_org = mine["reports"][0]["org_id"].clone();
    let reports = mine["reports"].as_array().cloned().unwrap_or_default();
    assert!(
        !reports.is_empty() && (reports.len() as u64) < total,
        "{mine}"
    );
    assert!(reports.iter().all(|r| r["org_id"] == own_org), "{mine}");
    let foreign: Vec<String> = all["reports"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["org_id"] != own_org)
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect();
    assert!(!foreign.is_empty(), "the demo has a second organisation");
    for id in &foreign {
        let (status, _) = demo.get(&format!("/api/v1/reports/{id}"), &reporter);
        assert_eq!(status, 404, "another organisation's report is not found");
    }
    let (_, own_statistics) = demo.get("/api/v1/statistics/frozen-assets", &reporter);
    assert_eq!(own_statistics["scope"]["org_id"], own_org);
    let own_total = own_statistics["totals"]["reports"].as_u64().unwrap_or(0);
    let all_total = statistics["totals"]["reports"].as_u64().unwrap_or(0);
    assert!(0 < own_total && own_total < all_total, "{own_statistics}");

    let viewer = demo.sign_in("authority_viewer");
    let (status, routed) = demo.get("/api/v1/reports", &viewer);
    assert_eq!(status, 200, "{routed}");
    assert!(
        routed["total"].as_u64().unwrap_or(0) > 0,
        "DNB gets the bank's reports"
    );
}

#[test]
fn a_given_database_is_used_and_not_seeded_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.db");
    let db = path.to_string_lossy().into_owned();
    let demo = start(&["--db", &db]);
    assert_eq!(demo.users.len(), ROLES.len());
    drop(demo);
    assert!(path.exists(), "the demo ran on the given database");
    let output = Command::new(assert_cmd::cargo::cargo_bin("meldpunt"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db", &db])
        .env_remove("MELDPUNT_DB")
        .output()
        .expect("run meldpunt");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("already holds the demo"), "{stderr}");
}
