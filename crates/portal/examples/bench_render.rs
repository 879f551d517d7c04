//! Server-side render time of every portal page, measured in process
//! through the full router (layers, CSRF, screening, HTML) over a
//! synthetic list of list entries.
//!
//! ```text
//! cargo run --release -p meldpunt-portal --example bench_render -- [--entries N] [--runs R]
//! ```
//!
//! The budget is 100 ms per page; the program exits non-zero when a
//! page's 95th percentile exceeds it. Pages that read reports (and the
//! "10,000 reports in the store" condition) join when report intake does.

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

struct Bench {
    router: Router,
    cookie: String,
    token: String,
}

impl Bench {
    async fn new(n: u64) -> Result<Bench, Box<dyn Error>> {
        let state = AppState::new(entries(n), ScoringConfig::default(), Vec::new());
        let portal = PortalState::from_app(&state);
        let router = app(portal, router(state));
        let first = router
            .clone()
            .oneshot(Request::get("/screen").body(Body::empty())?)
            .await?;
        let cookie = first
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("__Host-meldpunt-csrf="))
            .and_then(|c| c.split(';').next())
            .ok_or("no CSRF cookie")?
            .to_string();
        let body = String::from_utf8(first.into_body().collect().await?.to_bytes().to_vec())?;
        let marker = "name=\"csrf\" value=\"";
        let start = body.find(marker).ok_or("no token")? + marker.len();
        let token = body[start..start + 64].to_string();
        Ok(Bench {
            router,
            cookie,
            token,
        })
    }

    fn request(&self, page: &str) -> Result<Request<Body>, Box<dyn Error>> {
        let get = |uri: &str| {
            Request::get(uri)
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
        };
        Ok(match page {
            "home" => get("/?lang=nl")?,
            "screen form" => get("/screen")?,
            "upload form" => get("/screen/upload")?,
            "404" => get("/no/such/page")?,
            "screen results" => {
                let body = format!("csrf={}&name=Kavi+Ropetsid&birth_date=1950", self.token);
                Request::post("/screen")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, &self.cookie)
                    .body(Body::from(body))?
            }
            _ => {
                let mut csv = String::from("id,name\n");
                for i in 0..20u64 {
                    csv.push_str(&format!("c{i},{} {}\n", word(i * 7, 2), word(i * 13, 3)));
                }
                let b = "bench-boundary";
                let body = format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
                     --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n{csv}\r\n--{b}--\r\n",
                    self.token
                );
                Request::post("/screen/upload")
                    .header(
                        header::CONTENT_TYPE,
                        format!("multipart/form-data; boundary={b}"),
                    )
                    .header(header::COOKIE, &self.cookie)
                    .body(Body::from(body))?
            }
        })
    }

    async fn time(&self, page: &str, runs: usize) -> Result<Vec<Duration>, Box<dyn Error>> {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let request = self.request(page)?;
            let start = Instant::now();
            let response = self.router.clone().oneshot(request).await?;
            let status = response.status();
            let _ = response.into_body().collect().await?;
            times.push(start.elapsed());
            if !(status.is_success() || status.as_u16() == 404) {
                return Err(format!("{page}: status {status}").into());
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
    let (n, runs) = (arg("--entries", 20_000), arg("--runs", 50) as usize);
    let built = Instant::now();
    let bench = Bench::new(n).await?;
    println!(
        "{n} list entries indexed in {:.1?}; {runs} runs per page",
        built.elapsed()
    );
    println!("{:<22} {:>9} {:>9} {:>9}", "page", "median", "p95", "max");
    let mut over = Vec::new();
    for page in [
        "home",
        "screen form",
        "screen results",
        "upload form",
        "upload 20 rows",
        "404",
    ] {
        bench.time(page, 3).await?; // warm-up
        let t = bench.time(page, runs).await?;
        let (median, p95, max) = (
            t[t.len() / 2],
            t[(t.len() * 95 / 100).min(t.len() - 1)],
            t[t.len() - 1],
        );
        println!("{page:<22} {median:>9.2?} {p95:>9.2?} {max:>9.2?}");
        if p95 > BUDGET {
            over.push(page);
        }
    }
    if over.is_empty() {
        println!("every page within {BUDGET:?} (p95)");
        Ok(())
    } else {
        Err(format!("over the {BUDGET:?} budget: {}", over.join(", ")).into())
    }
}
