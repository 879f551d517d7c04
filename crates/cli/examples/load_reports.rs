//! Load benchmark for the reporting point (not a test; `benches/load_reports.sh`
//! runs it). Against a running `meldpunt serve`, it signs in as an
//! administrator, sets up one reporter organisation per reporter (with a
//! reporter_admin and an API key each), then has every reporter submit valid
//! reports back to back with fresh Idempotency-Keys for a fixed time. It
//! prints throughput, latency percentiles, errors (any non-2xx or transport
//! error) and the server's peak RSS, and exits non-zero on any error.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Parser;
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Valid report bodies an API key may file (not the whistleblower one).
const FIXTURES: [&str; 8] = [
    include_str!("../../reports/tests/fixtures/asset_freeze.json"),
    include_str!("../../reports/tests/fixtures/attempted_transaction.json"),
    include_str!("../../reports/tests/fixtures/confirmed_hit.json"),
    include_str!("../../reports/tests/fixtures/licence_request.json"),
    include_str!("../../reports/tests/fixtures/no_russia_clause_breach.json"),
    include_str!("../../reports/tests/fixtures/potential_hit.json"),
    include_str!("../../reports/tests/fixtures/suspected_circumvention.json"),
    include_str!("../../reports/tests/fixtures/vessel_event.json"),
];
/// Password of the reporter_admins this tool creates.
const REPORTER_PASSWORD: &str = "load test password 2026";

#[derive(Debug, Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:8000.
    #[arg(long)]
    base: String,
    /// An administrator (role admin) of the reporting point.
    #[arg(long)]
    admin_email: String,
    #[arg(long, env = "LOAD_ADMIN_PASSWORD", hide_env_values = true)]
    admin_password: String,
    /// Concurrent reporters, each with its own API key.
    #[arg(long, default_value_t = 200)]
    reporters: usize,
    /// Reporter organisations; reporters are spread over them.
    #[arg(long, default_value_t = 200)]
    orgs: usize,
    /// How long the reporters submit.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// The server's process id, to read its peak RSS and CPU time.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Set-up requests in flight at once (sign-ins cost an argon2 hash).
    #[arg(long, default_value_t = 8)]
    setup_concurrency: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.orgs == 0 || args.reporters == 0 {
        bail!("--orgs and --reporters must be at least 1");
    }
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(args.reporters)
        .build()?;
    let started = Instant::now();
    let keys = setup(&http, &args).await?;
    println!(
        "set-up: {} organisations, {} API keys in {:.1} s",
        args.orgs,
        keys.len(),
        started.elapsed().as_secs_f64()
    );
    let cpu_before = args.server_pid.and_then(cpu_seconds);
    let client_before = cpu_seconds(std::process::id());
    let run = load(&http, &args, keys).await;
    let client_cpu = cpu_seconds(std::process::id())
        .zip(client_before)
        .map(|(after, before)| after - before);
    let cpu = args
        .server_pid
        .and_then(cpu_seconds)
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    print_results(&run, cpu, args.server_pid);
    if let Some(cpu) = client_cpu {
        // The client shares the machine's cores with the server.
        let share = 100.0 * cpu / run.elapsed.as_secs_f64();
        println!("client CPU: {cpu:.1} s ({share:.0}% of one core)");
    }
    if run.errors > 0 {
        bail!("{} request(s) failed", run.errors);
    }
    Ok(())
}

async fn call(request: reqwest::RequestBuilder, expected: u16) -> anyhow::Result<Value> {
    let response = request.send().await?;
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if status != expected {
        bail!("HTTP {status}: {body}");
    }
    Ok(body)
}

fn text(value: &Value, field: &str) -> anyhow::Result<String> {
    value[field]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no {field} in {value}"))
}

async fn login(
    http: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<String> {
    let body = json!({"email": email, "password": password});
    let reply = call(http.post(format!("{base}/api/v1/session")).json(&body), 200).await?;
    text(&reply, "token")
}

/// One organisation with a reporter_admin, and `keys` API keys.
async fn reporter_org(
    http: reqwest::Client,
    base: String,
    admin: String,
    index: usize,
    keys: usize,
) -> anyhow::Result<Vec<String>> {
    let org = json!({"name": format!("Loadbank {index} N.V."), "sector": "bank"});
    let org = call(
        http.post(format!("{base}/api/v1/orgs"))
            .bearer_auth(&admin)
            .json(&org),
        201,
    )
    .await?;
    let email = format!("admin{index}@loadbank.example");
    let user = json!({
        "org_id": text(&org, "id")?,
        "email": email,
        "display_name": format!("Loadbank {index} admin"),
        "password": REPORTER_PASSWORD,
        "role": "reporter_admin",
    });
    call(
        http.post(format!("{base}/api/v1/users"))
            .bearer_auth(&admin)
            .json(&user),
        201,
    )
    .await?;
    let token = login(&http, &base, &email, REPORTER_PASSWORD).await?;
    let mut secrets = Vec::with_capacity(keys);
    for n in 0..keys {
        let label = json!({"label": format!("load client {n}")});
        let request = http
            .post(format!("{base}/api/v1/api-keys"))
            .bearer_auth(&token)
            .json(&label);
        secrets.push(text(&call(request, 201).await?, "secret")?);
    }
    Ok(secrets)
}

/// API keys for every reporter, spread evenly over the organisations.
async fn setup(http: &reqwest::Client, args: &Args) -> anyhow::Result<Vec<String>> {
    let admin = login(http, &args.base, &args.admin_email, &args.admin_password)
        .await
        .context("signing in as the administrator")?;
    let permits = Arc::new(Semaphore::new(args.setup_concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for index in 0..args.orgs {
        let keys = args.reporters / args.orgs + usize::from(index < args.reporters % args.orgs);
        let (http, base, admin, permits) = (
            http.clone(),
            args.base.clone(),
            admin.clone(),
            permits.clone(),
        );
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await?;
            reporter_org(http, base, admin, index, keys).await
        });
    }
    let mut keys = Vec::with_capacity(args.reporters);
    while let Some(result) = tasks.join_next().await {
        keys.extend(result.context("set-up task")??);
    }
    Ok(keys)
}

/// What the reporters measured.
#[derive(Debug, Default)]
struct Run {
    /// Latency of every request, in microseconds.
    latencies: Vec<u64>,
    ok: u64,
    replayed: u64,
    errors: u64,
    /// The first few errors, to show.
    samples: Vec<String>,
    elapsed: Duration,
}

impl Run {
    fn merge(&mut self, other: Run) {
        self.latencies.extend(other.latencies);
        self.ok += other.ok;
        self.replayed += other.replayed;
        self.errors += other.errors;
        self.samples.extend(other.samples.into_iter().take(5));
    }
}

/// One reporter: submits until `until`, one request at a time.
async fn reporter(
    http: reqwest::Client,
    base: String,
    key: String,
    who: usize,
    until: Instant,
) -> Run {
    let mut run = Run::default();
    let url = format!("{base}/api/v1/reports");
    let mut n = 0usize;
    while Instant::now() < until {
        let body = FIXTURES[(who + n) % FIXTURES.len()];
        let request = http
            .post(&url)
            .bearer_auth(&key)
            .header("content-type", "application/json")
            .header("idempotency-key", format!("load-{who}-{n}"))
            .body(body);
        n += 1;
        let sent = Instant::now();
        let outcome = call(request, 201).await;
        run.latencies.push(sent.elapsed().as_micros() as u64);
        match outcome {
            Ok(reply) => {
                run.ok += 1;
                run.replayed += u64::from(reply["replayed"] == true);
            }
            Err(error) => {
                run.errors += 1;
                if run.samples.len() < 5 {
                    run.samples.push(format!("reporter {who}: {error:#}"));
                }
            }
        }
    }
    run
}

async fn load(http: &reqwest::Client, args: &Args, keys: Vec<String>) -> Run {
    let started = Instant::now();
    let until = started + Duration::from_secs(args.seconds);
    let mut tasks = JoinSet::new();
    for (who, key) in keys.into_iter().enumerate() {
        tasks.spawn(reporter(http.clone(), args.base.clone(), key, who, until));
    }
    let mut run = Run::default();
    while let Some(result) = tasks.join_next().await {
        match result {
            Ok(one) => run.merge(one),
            Err(error) => {
                run.errors += 1;
                run.samples.push(format!("reporter task: {error}"));
            }
        }
    }
    run.elapsed = started.elapsed();
    run
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn print_results(run: &Run, server_cpu: Option<f64>, server_pid: Option<u32>) {
    let mut sorted = run.latencies.clone();
    sorted.sort_unstable();
    let seconds = run.elapsed.as_secs_f64();
    println!(
        "reports: {} filed in {:.1} s = {:.1} reports/s ({} replayed)",
        run.ok,
        seconds,
        run.ok as f64 / seconds,
        run.replayed
    );
    println!(
        "latency ms: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        percentile(&sorted, 50.0),
        percentile(&sorted, 90.0),
        percentile(&sorted, 99.0),
        percentile(&sorted, 100.0)
    );
    println!("errors: {}", run.errors);
    for sample in &run.samples {
        println!("  {sample}");
    }
    if let Some(cpu) = server_cpu {
        println!(
            "server CPU: {cpu:.1} s ({:.0}% of one core)",
            100.0 * cpu / seconds
        );
    }
    let rss = server_pid.and_then(|pid| status_field(pid, "VmHWM:"));
    let rss = rss.map_or("unknown".to_string(), |kib| {
        format!("{:.1} MiB", kib as f64 / 1024.0)
    });
    println!("server peak RSS: {rss}");
}

/// A `kB` field of `/proc/<pid>/status`.
fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User plus system CPU time of a process, from `/proc/<pid>/stat`.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may
    // contain spaces; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Clock ticks are 1/100 s on Linux (USER_HZ).
    Some(ticks / 100.0)
}
