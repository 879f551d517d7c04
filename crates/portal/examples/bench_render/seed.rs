//! A reporting point with many reports for the render benchmark: a SQLite
//! store in a temporary folder, three reporting organisations, an
//! authority, one user per role, and N reports filed through the desk
//! (the fixtures of the reports crate with varied subjects and dates), so
//! every page reads from a store of realistic size.

use std::error::Error;
use std::path::Path;

use meldpunt_desk::{Channel, Desk, NewOrg, NewUser, Payload, Principal, Role, Submission};
use meldpunt_reports::RuleTable;
use meldpunt_store::Store;
use meldpunt_web::AppState;
use serde_json::Value;

pub const PASSWORD: &str = "bench password for the render benchmark";
pub const REPORTER: &str = "reporter@bench-bank.example";
pub const ORG_ADMIN: &str = "admin@bench-bank.example";
pub const ANALYST: &str = "analyst@meldpunt.example";
pub const VIEWER: &str = "viewer@dnb.example";

const FIXTURES: [&str; 6] = [
    include_str!("../../../reports/tests/fixtures/asset_freeze.json"),
    include_str!("../../../reports/tests/fixtures/potential_hit.json"),
    include_str!("../../../reports/tests/fixtures/confirmed_hit.json"),
    include_str!("../../../reports/tests/fixtures/attempted_transaction.json"),
    include_str!("../../../reports/tests/fixtures/suspected_circumvention.json"),
    include_str!("../../../reports/tests/fixtures/no_russia_clause_breach.json"),
];

/// Opens a desk on a new SQLite file under `dir` and files `reports`
/// reports; returns the desk and the id of one report of the bench bank.
pub async fn seeded(
    dir: &Path,
    state: &AppState,
    reports: usize,
) -> Result<(Desk, String), Box<dyn Error>> {
    let path = dir.join("bench.db");
    let store = Store::connect(path.to_str().ok_or("temp path is not UTF-8")?).await?;
    let desk = Desk::open(
        store,
        Some(state.lists_in_use()),
        RuleTable::builtin().clone(),
    )
    .await?;
    let operator = Principal::operator("bench");
    let mut filers = Vec::new();
    for (i, (name, sector)) in [
        ("Benchbank N.V.", "bank"),
        ("Benchtrust B.V.", "trust_office"),
        ("Benchpay B.V.", "payment_institution"),
    ]
    .into_iter()
    .enumerate()
    {
        let org = desk.create_org(&operator, org(name, sector, None)).await?;
        let email = if i == 0 {
            REPORTER.to_string()
        } else {
            format!("reporter{i}@bench.example")
        };
        desk.create_user(&operator, user(&org.id, &email, Role::Reporter))
            .await?;
        if i == 0 {
            desk.create_user(&operator, user(&org.id, ORG_ADMIN, Role::ReporterAdmin))
                .await?;
        }
        filers.push(desk.login(&email, PASSWORD, None).await?.principal);
    }
    let dnb = desk
        .create_org(
            &operator,
            org("De Nederlandsche Bank", "other", Some("DNB")),
        )
        .await?;
    desk.create_user(&operator, user(&dnb.id, VIEWER, Role::AuthorityViewer))
        .await?;
    desk.create_user(
        &operator,
        user(meldpunt_desk::REPORTING_POINT_ORG, ANALYST, Role::Analyst),
    )
    .await?;
    let templates: Vec<Value> = FIXTURES
        .iter()
        .map(|text| serde_json::from_str(text))
        .collect::<Result<_, _>>()?;
    let mut sample = None;
    for i in 0..reports {
        let by = &filers[i % filers.len()];
        let report = varied(&templates[i % templates.len()], i);
        let submission = Submission {
            channel: Channel::Api,
            payload: Payload::Value(report),
            idempotency_key: None,
            origin: format!("bench report {i}"),
        };
        let ack = desk.submit(by, submission).await?;
        if i.is_multiple_of(filers.len()) && sample.is_none() {
            sample = ack.report_id;
        }
    }
    Ok((desk, sample.ok_or("no report was filed")?))
}

fn org(name: &str, sector: &str, authority: Option<&str>) -> NewOrg {
    NewOrg {
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
    }
}

fn user(org_id: &str, email: &str, role: Role) -> NewUser {
    NewUser {
        org_id: org_id.to_string(),
        email: email.to_string(),
        display_name: email.to_string(),
        password: PASSWORD.to_string(),
        role,
    }
}

/// A fixture with the subject's name varied, so that reports do not all
/// look alike to screening and case linking.
fn varied(template: &Value, i: usize) -> Value {
    let mut report = template.clone();
    if let Some(Value::String(name)) = report.pointer_mut("/subjects/0/names/0") {
        if !i.is_multiple_of(3) {
            name.push_str(&format!(" {}", i % 997));
        }
    }
    report
}
