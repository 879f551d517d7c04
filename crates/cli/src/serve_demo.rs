//! `meldpunt serve --demo`: the whole reporting point on one command, for a
//! newcomer. A fresh SQLite file in a temporary folder (or `--db`), the
//! project's own fictional demo list, demo organisations (a bank, an
//! exporter, the authority DNB), one user per role with a generated
//! password printed at start, and a handful of filed reports — freezes with
//! assets that hit the demo list, a potential hit, a periodic return — so
//! the triage queue and the statistics are not empty.

use anyhow::{bail, Context};
use chrono::{Duration, SecondsFormat};
use serde_json::{json, Value};

use meldpunt_desk::secret::random_token;
use meldpunt_desk::{
    Channel, Desk, NewOrg, NewUser, Payload, Principal, Role, Submission, REPORTING_POINT_ORG,
};
use meldpunt_sources::{Format, ReadOptions};
use meldpunt_store::Store;

use crate::lists::{import_paths, print_result};

const SOURCE: &str = "meldpunt-demo";
/// The same files `meldpunt demo` imports.
const VERSIONS: [(&str, &str); 2] = [
    (
        "demo-list-v1.ftm.json",
        include_str!("../demo/demo-list-v1.ftm.json"),
    ),
    (
        "demo-list-v2.ftm.json",
        include_str!("../demo/demo-list-v2.ftm.json"),
    ),
];

/// The database the demo runs on; a temporary one is deleted when this is
/// dropped, i.e. when the server stops.
pub struct DemoDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// Whether the database was chosen by the user (`--db` or `MELDPUNT_DB`)
/// rather than left at its default. The global option has a default value,
/// so clap cannot tell; the command line and environment can.
fn db_chosen() -> bool {
    let flag = std::env::args_os().any(|arg| {
        let arg = arg.to_string_lossy();
        arg == "--db" || arg.starts_with("--db=")
    });
    flag || std::env::var_os("MELDPUNT_DB").is_some()
}

pub fn database(db: &str) -> anyhow::Result<DemoDatabase> {
    if db_chosen() {
        return Ok(DemoDatabase {
            url: db.to_string(),
            _dir: None,
        });
    }
    let dir = tempfile::Builder::new()
        .prefix("meldpunt-demo-")
        .tempdir()
        .context("creating a temporary folder for the demo database")?;
    let path = dir.path().join("meldpunt-demo.db");
    Ok(DemoDatabase {
        url: path.to_string_lossy().into_owned(),
        _dir: Some(dir),
    })
}

/// Imports both versions of the demo list, unless it is there already.
pub async fn import_list(store: &Store) -> anyhow::Result<()> {
    if !store.versions(Some(SOURCE)).await?.is_empty() {
        return Ok(());
    }
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    for (name, content) in VERSIONS {
        let path = dir.path().join(name);
        std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
        let options = ReadOptions::default();
        let results =
            import_paths(store, &[path], Some(Format::Ftm), Some(SOURCE), &options).await?;
        for result in &results {
            print_result(result, false);
        }
    }
    Ok(())
}

/// A demo account, printed at start.
pub struct DemoUser {
    pub role: Role,
    pub email: &'static str,
    pub password: String,
}

struct Orgs {
    bank: String,
    exporter: String,
    dnb: String,
}

/// Creates the organisations, users and reports. Refuses a database that
/// already holds them: their passwords were printed once and are not kept.
pub async fn seed(desk: &Desk) -> anyhow::Result<Vec<DemoUser>> {
    let operator = Principal::operator("demo");
    let orgs = create_orgs(desk, &operator).await?;
    let accounts = [
        (Role::Reporter, "reporter@voorbeeldbank.example", &orgs.bank),
        (
            Role::ReporterAdmin,
            "admin@handelshuis.example",
            &orgs.exporter,
        ),
        (
            Role::Analyst,
            "analyst@meldpunt.example",
            &REPORTING_POINT_ORG.to_string(),
        ),
        (Role::AuthorityViewer, "viewer@dnb.example", &orgs.dnb),
        (
            Role::Admin,
            "admin@meldpunt.example",
            &REPORTING_POINT_ORG.to_string(),
        ),
    ];
    let mut users = Vec::new();
    for (role, email, org_id) in accounts {
        // 128 random bits: strong, and still copyable from a terminal.
        let password = random_token()[..32].to_string();
        let new = NewUser {
            org_id: org_id.clone(),
            email: email.to_string(),
            display_name: format!("Demo {}", role.as_str().replace('_', " ")),
            password: password.clone(),
            role,
        };
        desk.create_user(&operator, new)
            .await
            .with_context(|| format!("creating demo user {email}"))?;
        users.push(DemoUser {
            role,
            email,
            password,
        });
    }
    file_reports(desk, &users).await?;
    Ok(users)
}

async fn create_orgs(desk: &Desk, operator: &Principal) -> anyhow::Result<Orgs> {
    let existing = desk.store().orgs().await?;
    if existing
        .iter()
        .any(|o| o.name == "Voorbeeldbank N.V. (demo)")
    {
        bail!(
            "this database already holds the demo organisations, whose passwords are not kept; \
             run `meldpunt serve --demo` without --db for a fresh one"
        );
    }
    let org = |name: &str, sector: &str, authority: Option<&str>| NewOrg {
        name: name.to_string(),
        kvk: None,
        lei: None,
        sector: sector.to_string(),
        kind: if authority.is_some() {
            "authority"
        } else {
            "reporter"
        }
        .to_string(),
        authority: authority.map(str::to_string),
    };
    let bank = desk
        .create_org(operator, org("Voorbeeldbank N.V. (demo)", "bank", None))
        .await?;
    let exporter = desk
        .create_org(
            operator,
            org("Handelshuis Noord B.V. (demo)", "exporter", None),
        )
        .await?;
    let dnb = desk
        .create_org(
            operator,
            org("De Nederlandsche Bank (demo)", "other", Some("DNB")),
        )
        .await?;
    Ok(Orgs {
        bank: bank.id,
        exporter: exporter.id,
        dnb: dnb.id,
    })
}

/// Signs in as the demo user with `role`, as a person would.
async fn sign_in(desk: &Desk, users: &[DemoUser], role: Role) -> anyhow::Result<Principal> {
    let user = users
        .iter()
        .find(|u| u.role == role)
        .context("demo user missing")?;
    let session = desk.login(user.email, &user.password, None).await?;
    Ok(session.principal)
}

async fn file_reports(desk: &Desk, users: &[DemoUser]) -> anyhow::Result<()> {
    let bank = sign_in(desk, users, Role::Reporter).await?;
    let exporter = sign_in(desk, users, Role::ReporterAdmin).await?;
    let now = desk.now();
    let days_ago = |days: i64| now - Duration::days(days);
    let stamp = |days: i64| days_ago(days).to_rfc3339_opts(SecondsFormat::Secs, true);
    let date = |days: i64| days_ago(days).format("%Y-%m-%d").to_string();
    let reports = [
        (&bank, bank_freeze(&stamp(3), &date(3))),
        (&bank, potential_hit(&stamp(1))),
        (&bank, periodic_return(&stamp(2), &date(40))),
        (&exporter, exporter_freeze(&stamp(5), &date(5))),
    ];
    for (i, (by, report)) in reports.into_iter().enumerate() {
        let submission = Submission {
            channel: Channel::Portal,
            payload: Payload::Value(report),
            idempotency_key: Some(format!("demo-{i}")),
            origin: format!("demo report {i}"),
        };
        let ack = desk.submit(by, submission).await?;
        if ack.report_id.is_none() {
            let errors: Vec<String> = ack.errors.iter().map(|e| e.message.clone()).collect();
            bail!("demo report {i} was rejected: {}", errors.join("; "));
        }
    }
    Ok(())
}

fn envelope(report_type: &str, detected_at: &str, reason: &str) -> Value {
    json!({
        "report_type": report_type,
        "legal_basis": [{"instrument": "Regulation (EU) No 269/2014", "article": "2"}],
        "regimes": ["RUS"],
        "detected_at": detected_at,
        "narrative": {"reason": reason},
    })
}

fn listed(kind: &str, name: &str, entry: &str, status: &str) -> Value {
    json!({"kind": kind, "names": [name], "list_match": {
        "list": SOURCE, "entry_id": entry, "status": status}})
}

/// A freeze of a listed person's accounts and securities, one in dollars.
fn bank_freeze(detected_at: &str, frozen_at: &str) -> Value {
    json!({
        "envelope": envelope("ASSET_FREEZE", detected_at,
            "Accounts and securities of a listed customer frozen (fictional demo report)."),
        "subjects": [listed("person", "Ivan Petrovich SIDOROV", "demo-1", "confirmed")],
        "assets": [
            {"category": "funds", "kind": "bank_account", "currency": "EUR", "value": 125000,
             "valuation_basis": "at_freeze", "frozen_at": frozen_at, "iban": "NL91ABNA0417164300"},
            {"category": "funds", "kind": "securities", "currency": "EUR", "value": 48250.5,
             "valuation_basis": "market", "frozen_at": frozen_at},
            {"category": "funds", "kind": "bank_account", "currency": "USD", "value": 20000,
             "valuation_basis": "at_freeze", "frozen_at": frozen_at},
        ],
    })
}

fn potential_hit(detected_at: &str) -> Value {
    json!({
        "envelope": envelope("POTENTIAL_HIT", detected_at,
            "A new customer's name resembles a listed person's (fictional demo report)."),
        "subjects": [{"kind": "person", "names": ["Olga Morozova-Klein"], "birth_date": "1975",
            "list_match": {"list": SOURCE, "entry_id": "demo-2", "status": "potential",
                           "score": 0.86}}],
    })
}

/// The bank's periodic statement of what it holds frozen.
fn periodic_return(detected_at: &str, frozen_at: &str) -> Value {
    json!({
        "envelope": envelope("FROZEN_ASSETS_PERIODIC", detected_at,
            "Periodic statement of frozen assets (fictional demo report)."),
        "subjects": [listed("entity", "OOO Severny Potok", "demo-5", "confirmed")],
        "assets": [
            {"category": "funds", "kind": "bank_account", "currency": "EUR", "value": 310000,
             "valuation_basis": "reference_date", "frozen_at": frozen_at},
            {"category": "economic_resources", "kind": "real_estate", "currency": "EUR",
             "value": 1200000, "valuation_basis": "estimate", "location": "Amsterdam"},
        ],
    })
}

/// An exporter holding goods of a listed company.
fn exporter_freeze(detected_at: &str, frozen_at: &str) -> Value {
    json!({
        "envelope": envelope("ASSET_FREEZE", detected_at,
            "Machinery ordered by a listed company held back (fictional demo report)."),
        "subjects": [listed("entity", "Baltic Bunkering FZE", "demo-6", "confirmed")],
        "assets": [
            {"category": "economic_resources", "kind": "other", "description": "CNC machinery",
             "currency": "EUR", "value": 75000, "valuation_basis": "book",
             "frozen_at": frozen_at, "location": "Rotterdam"},
        ],
    })
}

/// The demo accounts, for the start-up banner: one line per user,
/// `role  e-mail  password`.
pub fn print_users(users: &[DemoUser], base: &str) -> String {
    let mut text = format!(
        "Demo reporting point (fictional data). Sign in at {base}/login \
         (API: POST {base}/api/v1/session) with:\n"
    );
    for user in users {
        text.push_str(&format!(
            "  {:<17} {:<32} {}\n",
            user.role.as_str(),
            user.email,
            user.password
        ));
    }
    text.push_str("These passwords are shown once; they are stored only as hashes.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn demo_reports_pass_validation() {
        let now = Utc::now();
        let stamp = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let day = now.format("%Y-%m-%d").to_string();
        for report in [
            bank_freeze(&stamp, &day),
            potential_hit(&stamp),
            periodic_return(&stamp, &day),
            exporter_freeze(&stamp, &day),
        ] {
            let mut report = report;
            report["envelope"]["reporter"] = json!({"name": "Demo", "sector": "bank"});
            let validation = meldpunt_reports::validate_at(&report, now);
            assert!(validation.errors.is_empty(), "{:?}", validation.errors);
        }
    }
}
