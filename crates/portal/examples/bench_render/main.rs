//! Server-side render time of every portal page, measured in process
//! through the full router (layers, session, CSRF, screening, store, HTML)
//! over a synthetic list and a reporting point holding `--reports`
//! reports (10,000 by default) on SQLite, each page as the role that uses
//! it.
//!
//! ```text
//! cargo run --release -p meldpunt-portal --example bench_render -- [--entries N] [--reports N] [--runs R]
//! ```
//!
//! The budget is 100 ms per page; the program exits non-zero when a
//! page's 95th percentile exceeds it.

mod seed;

use std::error::Error;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use http_body_util::BodyExt;
use meldpunt_model::{CountryRole, DateSpec, Entity, Name, NameKind, Sanction, Schema};
use meldpunt_portal::{app, PortalState};
use meldpunt_screening::{ListEntry, ScoringConfig};
use meldpunt_web::{router, AppState};
use tower::ServiceExt;

const BUDGET: Duration = Duration::from_millis(100);
const SYLLABLES: [&str; 24] = [
    "ka", "ro", "vi", "lan", "mor", "pet", "sid", "ov", "an", "dre", "el", "is", "ta", "nu", "bek",
    "ha", "mi", "zo", "ren", "gul", "as", "tor", "ve", "dim",
];

fn word(seed: u64, parts: usize) -> String {
    let mut s = seed;
    let mut out = String::new();
    for _ in 0..parts {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(SYLLABLES[(s >> 33) as usize % SYLLABLES.len()]);
    }
    let mut chars = out.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn entries(n: u64) -> Vec<ListEntry> {
    (0..n)
        .map(|i| {
            let schema = if i % 5 == 0 {
                Schema::Company
            } else {
                Schema::Person
            };
            let mut entity = Entity::new(format!("syn-{i}"), schema);
            let name = format!("{} {}", word(i, 2), word(i ^ 0x5555, 3));
            entity.add_name(Name::new(&name, NameKind::Primary));
            if schema == Schema::Person {
                let born = format!("{}-0{}-1{}", 1940 + i % 60, 1 + i % 9, i % 10);
                entity.birth_dates.extend(DateSpec::parse(&born).ok());
            }
            entity.add_country(CountryRole::Country, "ru");
            let mut sanction = Sanction::new("OFAC");
            sanction.program = Some("RUSSIA-EO14024".into());
            entity.sanctions.push(sanction);
            ListEntry {
                entity,
                source: "synthetic".into(),
                version_id: "1".into(),
            }
        })
        .collect()
}

/// One signed-in (or anonymous) browser: its cookies and form token.
#[derive(Clone, Default)]
struct Client {
    cookies: Vec<String>,
    token: String,
}

impl Client {
    fn cookie_header(&self) -> String {
        self.cookies.join("; ")
    }

    fn absorb(&mut self, response: &axum::response::Response) {
        for set in response.headers().get_all(header::SET_COOKIE) {
            let Some(pair) = set.to_str().ok().and_then(|c| c.split(';').next()) else {
                continue;
            };
            let name = pair.split('=').next().unwrap_or_default();
            self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            self.cookies.push(pair.to_string());
        }
    }
}

struct Bench {
    router: Router,
    anonymous: Client,
    clients: Vec<(&'static str, Client)>,
    report_id: String,
    _dir: tempfile::TempDir,
}

fn token_of(body: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    body.get(start..start + 64).map(str::to_string)
}

impl Bench {
    async fn new(entries_n: u64, reports: usize) -> Result<Bench, Box<dyn Error>> {
        let state = AppState::new(entries(entries_n), ScoringConfig::default(), Vec::new());
        let dir = tempfile::tempdir()?;
        let seeding = Instant::now();
        let (desk, report_id) = seed::seeded(dir.path(), &state, reports).await?;
        println!("{reports} reports filed in {:.1?}", seeding.elapsed());
        let state = state.with_desk(desk);
        let portal = PortalState::from_app(&state);
        let router = app(portal, router(state));
        let mut bench = Bench {
            router,
            anonymous: Client::default(),
            clients: Vec::new(),
            report_id,
            _dir: dir,
        };
        bench.anonymous = bench.visit(Client::default(), "/screen").await?;
        for (role, email) in [
            ("reporter", seed::REPORTER),
            ("org admin", seed::ORG_ADMIN),
            ("analyst", seed::ANALYST),
            ("authority", seed::VIEWER),
        ] {
            let client = bench.login(email).await?;
            bench.clients.push((role, client));
        }
        Ok(bench)
    }

    /// GETs `uri` as `client`, keeping cookies and the form token.
    async fn visit(&self, mut client: Client, uri: &str) -> Result<Client, Box<dyn Error>> {
        let request = Request::get(uri)
            .header(header::COOKIE, client.cookie_header())
            .body(Body::empty())?;
        let response = self.router.clone().oneshot(request).await?;
        client.absorb(&response);
        let body = String::from_utf8(response.into_body().collect().await?.to_bytes().to_vec())?;
        if let Some(token) = token_of(&body) {
            client.token = token;
        }
        Ok(client)
    }

    async fn login(&self, email: &str) -> Result<Client, Box<dyn Error>> {
        let mut client = self.visit(Client::default(), "/login").await?;
        let body = serde_urlencoded::to_string([
            ("csrf", client.token.as_str()),
            ("email", email),
            ("password", seed::PASSWORD),
        ])?;
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, client.cookie_header())
            .body(Body::from(body))?;
        let response = self.router.clone().oneshot(request).await?;
        if response.status().as_u16() != 303 {
            return Err(format!("sign-in of {email}: {}", response.status()).into());
        }
        client.absorb(&response);
        // A page of its own, for a form token bound to the new session.
        self.visit(client, "/").await
    }

    fn client(&self, role: &str) -> &Client {
        self.clients
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c)
            .unwrap_or(&self.anonymous)
    }

    /// The pages, each as the role that uses it.
    fn pages(&self) -> Vec<(String, &'static str, String)> {
        let id = &self.report_id;
        let mut pages: Vec<(String, &'static str, String)> = [
            ("home", "anonymous", "/?lang=nl".to_string()),
            ("screen form", "anonymous", "/screen".to_string()),
            ("upload form", "anonymous", "/screen/upload".to_string()),
            ("404", "anonymous", "/no/such/page".to_string()),
            ("sign-in form", "anonymous", "/login".to_string()),
            ("reports list", "reporter", "/reports".to_string()),
            ("report", "reporter", format!("/reports/{id}")),
            ("new report", "reporter", "/reports/new".to_string()),
            ("drafts", "reporter", "/drafts".to_string()),
            ("organisation", "org admin", "/organisation".to_string()),
            ("triage queue", "analyst", "/triage".to_string()),
            ("case", "analyst", format!("/cases/{id}")),
            ("statistics", "analyst", "/statistics".to_string()),
            ("routed reports", "authority", "/reports".to_string()),
            ("ownership", "anonymous", "/ownership".to_string()),
        ]
        .into_iter()
        .map(|(name, role, uri)| (name.to_string(), role, uri))
        .collect();
        pages.push((
            "screen results".to_string(),
            "anonymous",
            "POST /screen".into(),
        ));
        pages.push((
            "upload 20 rows".to_string(),
            "anonymous",
            "POST /screen/upload".into(),
        ));
        pages
    }

    fn request(&self, role: &str, target: &str) -> Result<Request<Body>, Box<dyn Error>> {
        let client = self.client(role);
        let cookie = client.cookie_header();
        Ok(match target {
            "POST /screen" => {
                let body = format!("csrf={}&name=Kavi+Ropetsid&birth_date=1950", client.token);
                Request::post("/screen")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, cookie)
                    .body(Body::from(body))?
            }
            "POST /screen/upload" => {
                let mut csv = String::from("id,name\n");
                for i in 0..20u64 {
                    csv.push_str(&format!("c{i},{} {}\n", word(i * 7, 2), word(i * 13, 3)));
                }
                let b = "bench-boundary";
                let body = format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
                     --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n{csv}\r\n--{b}--\r\n",
                    client.token
                );
                Request::post("/screen/upload")
                    .header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={b}"),
                    )
                    .header(header::COOKIE, cookie)
                    .body(Body::from(body))?
            }
            uri => Request::get(uri)
                .header(header::ACCEPT, "text/html")
                .header(header::COOKIE, cookie)
                .body(Body::empty())?,
        })
    }

    async fn time(
        &self,
        name: &str,
        role: &str,
        target: &str,
        runs: usize,
    ) -> Result<Vec<Duration>, Box<dyn Error>> {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let request = self.request(role, target)?;
            let start = Instant::now();
            let response = self.router.clone().oneshot(request).await?;
            let status = response.status();
            let _ = response.into_body().collect().await?;
            times.push(start.elapsed());
            let expected = if name == "404" { 404 } else { 200 };
            if status.as_u16() != expected {
                return Err(format!("{name} ({role} {target}): status {status}").into());
            }
        }
        times.sort();
        Ok(times)
    }
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let n = arg("--entries", 20_000);
    let reports = arg("--reports", 10_000) as usize;
    let runs = arg("--runs", 50) as usize;
    let built = Instant::now();
    let bench = Bench::new(n, reports).await?;
    println!(
        "{n} list entries and {reports} reports ready in {:.1?}; {runs} runs per page",
        built.elapsed()
    );
    println!(
        "{:<18} {:<10} {:>9} {:>9} {:>9}",
        "page", "as", "median", "p95", "max"
    );
    let mut over = Vec::new();
    for (name, role, target) in bench.pages() {
        bench.time(&name, role, &target, 3).await?; // warm-up
        let t = bench.time(&name, role, &target, runs).await?;
        let (median, p95, max) = (
            t[t.len() / 2],
            t[(t.len() * 95 / 100).min(t.len() - 1)],
            t[t.len() - 1],
        );
        println!("{name:<18} {role:<10} {median:>9.2?} {p95:>9.2?} {max:>9.2?}");
        if p95 > BUDGET {
            over.push(name);
        }
    }
    if over.is_empty() {
        println!("every page within {BUDGET:?} (p95)");
        Ok(())
    } else {
        Err(format!("over the {BUDGET:?} budget: {}", over.join(", ")).into())
    }
}
