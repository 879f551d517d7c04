//! A filed report survives a crash. Reporters' systems submit concurrently
//! to a real `meldpunt serve`, which is killed with SIGKILL mid-burst and
//! restarted on the same database. Every acknowledged report must still be
//! there, nothing may be filed twice, a request that got no answer can be
//! retried safely with its Idempotency-Key, and the audit chain is intact.

use crate::common;

use std::collections::HashSet;
use std::os::unix::process::ExitStatusExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::reporting::{
    audit_entries, audit_verify, client, create_api_key, create_org, create_user, get, import_demo,
    login, report_fixture, submit, FIXTURES,
};
use common::server::start;
use common::{Backend, TestDb};
use serde_json::Value;

/// Concurrent reporters in the burst.
const TASKS: usize = 16;
/// The server is killed once this many reports were acknowledged…
const ACKED_BEFORE_KILL: usize = 24;
/// …and not before the burst has run this long.
const BURST_BEFORE_KILL: Duration = Duration::from_millis(1200);
/// A server that acknowledges nothing in this time fails the test.
const STALL: Duration = Duration::from_secs(60);
const ADMIN: &str = "admin@bank.example";

/// One request of the burst: its Idempotency-Key and body.
#[derive(Debug, Clone)]
struct Request {
    key: String,
    body: String,
}

/// What one reporter saw.
#[derive(Debug, Default)]
struct Outcome {
    /// Answered 2xx: the request and its report id.
    acked: Vec<(Request, String)>,
    /// Answered, but not 2xx: the request, status and body.
    refused: Vec<(Request, u16, Value)>,
    /// No answer (the server died): may or may not have been filed.
    unanswered: Vec<Request>,
}

/// Submits reports one after another until the server stops answering.
async fn reporter(
    client: reqwest::Client,
    base: String,
    api_key: String,
    task: usize,
    acked: Arc<AtomicUsize>,
) -> Outcome {
    let mut outcome = Outcome::default();
    for n in 0.. {
        let request = Request {
            key: format!("burst-{task}-{n}"),
            body: report_fixture(FIXTURES[(task + n) % FIXTURES.len()]),
        };
        match submit(&client, &base, &api_key, &request.key, &request.body).await {
            Ok((status, reply)) if (200..300).contains(&status) => {
                let id = reply["report_id"].as_str().unwrap_or_default().to_string();
                assert!(!id.is_empty(), "2xx without a report id: {reply}");
                outcome.acked.push((request, id));
                acked.fetch_add(1, Ordering::SeqCst);
            }
            Ok((status, reply)) => outcome.refused.push((request, status, reply)),
            Err(_) => {
                outcome.unanswered.push(request);
                break;
            }
        }
    }
    outcome
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Runs the burst and SIGKILLs the server in the middle of it.
fn burst_and_kill(
    runtime: &tokio::runtime::Runtime,
    server: &mut common::server::Server,
    api_key: &str,
) -> Outcome {
    let acked = Arc::new(AtomicUsize::new(0));
    let http = client();
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let reporter = reporter(
                http.clone(),
                server.base.clone(),
                api_key.to_string(),
                task,
                acked.clone(),
            );
            runtime.spawn(reporter)
        })
        .collect();
    let started = Instant::now();
    while acked.load(Ordering::SeqCst) < ACKED_BEFORE_KILL || started.elapsed() < BURST_BEFORE_KILL
    {
        assert!(
            started.elapsed() < STALL,
            "the burst stalled: {acked:?} acknowledged"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.child.kill().expect("SIGKILL the server");
    let status = server.child.wait().expect("reap the server");
    assert_eq!(
        status.signal(),
        Some(9),
        "the server was not killed: {status}"
    );
    let mut all = Outcome::default();
    for task in tasks {
        let outcome = runtime.block_on(task).expect("reporter task");
        all.acked.extend(outcome.acked);
        all.refused.extend(outcome.refused);
        all.unanswered.extend(outcome.unanswered);
    }
    all
}

/// The reports in the caller's scope, over all pages.
async fn total(http: &reqwest::Client, base: &str, key: &str) -> u64 {
    let (status, list) = get(http, base, key, "/api/v1/reports?limit=1").await;
    assert_eq!(status, 200, "{list}");
    list["total"].as_u64().expect("total")
}

/// After the restart: what was acknowledged is there, and retries of
/// what was not are filed at most once. Returns the number of reports.
async fn check_after_restart(base: &str, api_key: &str, outcome: &Outcome) -> u64 {
    let http = client();
    let acked: HashSet<&str> = outcome.acked.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(
        acked.len(),
        outcome.acked.len(),
        "two requests got the same report id"
    );
    for id in &acked {
        let (status, report) = get(&http, base, api_key, &format!("/api/v1/reports/{id}")).await;
        assert_eq!(
            status, 200,
            "acknowledged report {id} lost in the crash: {report}"
        );
    }
    let before_retries = total(&http, base, api_key).await;
    let mut filed_before_crash = 0;
    for request in &outcome.unanswered {
        let (status, reply) = submit(&http, base, api_key, &request.key, &request.body)
            .await
            .expect("retry after restart");
        let id = reply["report_id"].as_str().unwrap_or_default();
        assert!(
            status == 200 || status == 201,
            "retry {}: {status} {reply}",
            request.key
        );
        assert_eq!(reply["replayed"], status == 200, "{reply}");
        assert!(
            !acked.contains(id),
            "retry {} answered another request's id",
            request.key
        );
        filed_before_crash += usize::from(status == 200);
    }
    assert_eq!(
        before_retries,
        (acked.len() + filed_before_crash) as u64,
        "reports on file after the crash are not the acknowledged ones plus the unanswered \
         ones that retries found"
    );
    for (request, id) in outcome.acked.iter().take(TASKS * 2) {
        let (status, reply) = submit(&http, base, api_key, &request.key, &request.body)
            .await
            .expect("replay");
        assert_eq!(status, 200, "replay {}: {reply}", request.key);
        assert_eq!(
            reply["report_id"],
            id.as_str(),
            "replay {} got a new id",
            request.key
        );
    }
    eprintln!(
        "after restart: {filed_before_crash} of {} unanswered requests had been filed",
        outcome.unanswered.len()
    );
    let after = total(&http, base, api_key).await;
    assert_eq!(after, (acked.len() + outcome.unanswered.len()) as u64);
    after
}

both_backends!(acknowledged_reports_survive_sigkill, |db: &TestDb| {
    import_demo(db);
    let org = create_org(db, "Voorbeeldbank N.V.", "bank");
    create_user(db, &org, ADMIN, "reporter_admin");
    let runtime = runtime();
    let mut server = start(db, &[]);
    let api_key = runtime.block_on(async {
        let http = client();
        let token = login(&http, &server.base, ADMIN).await;
        create_api_key(&http, &server.base, &token).await
    });

    let outcome = burst_and_kill(&runtime, &mut server, &api_key);
    drop(server);
    assert!(
        outcome.refused.is_empty(),
        "the server refused submissions under load: {:?}",
        outcome
            .refused
            .iter()
            .map(|(r, s, b)| (&r.key, s, b))
            .collect::<Vec<_>>()
    );
    eprintln!(
        "burst: {} acknowledged, {} unanswered when the server was killed",
        outcome.acked.len(),
        outcome.unanswered.len()
    );

    let server = start(db, &[]);
    let reports = runtime.block_on(check_after_restart(&server.base, &api_key, &outcome));
    drop(server);

    let verify = audit_verify(db);
    let stdout = String::from_utf8_lossy(&verify.stdout);
    assert!(
        verify.status.success(),
        "audit verify after the crash: {stdout}{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(stdout.starts_with("audit log intact:"), "{stdout}");
    let created = audit_entries(db)
        .iter()
        .filter(|e| e["action"] == "report.create")
        .count() as u64;
    assert_eq!(
        created, reports,
        "each filed report has exactly one audit entry"
    );
});
