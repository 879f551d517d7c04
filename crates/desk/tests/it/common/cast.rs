//! What every reporting-point test shares, here and in the web crate's
//! tests (included there by path): the report fixtures, a fixed clock, list
//! entries, and creating organisations and users as an operator.

use chrono::{DateTime, Utc};
use meldpunt_desk::{Desk, NewOrg, NewUser, Principal, Role};
use meldpunt_model::{Entity, Name, NameKind, Schema};
use meldpunt_screening::ListEntry;

pub const PASSWORD: &str = "correct horse battery staple";

/// A valid report of the reports crate's fixtures.
pub fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../reports/tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// After the fixtures' events, before the freeze report's deadline.
pub fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-12T09:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

/// An entry of the hand-made list `eu_fsf`, version 42.
pub fn listed(id: &str, schema: Schema, name: &str) -> ListEntry {
    let mut entity = Entity::new(id, schema);
    entity.add_name(Name::new(name, NameKind::Primary));
    ListEntry {
        entity,
        source: "eu_fsf".to_string(),
        version_id: "42".to_string(),
    }
}

/// A reporting organisation, or an authority's when `authority` is set.
pub async fn create_org(
    desk: &Desk,
    admin: &Principal,
    name: &str,
    sector: &str,
    authority: Option<&str>,
) -> String {
    let kind = if authority.is_some() {
        "authority"
    } else {
        "reporter"
    };
    let new = NewOrg {
        name: name.to_string(),
        kvk: None,
        lei: None,
        sector: sector.to_string(),
        kind: kind.to_string(),
        authority: authority.map(str::to_string),
    };
    desk.create_org(admin, new)
        .await
        .expect("create organisation")
        .id
}

/// An active user with [`PASSWORD`].
pub async fn create_user(desk: &Desk, admin: &Principal, org_id: &str, email: &str, role: Role) {
    let new = NewUser {
        org_id: org_id.to_string(),
        email: email.to_string(),
        display_name: email.to_string(),
        password: PASSWORD.to_string(),
        role,
    };
    desk.create_user(admin, new).await.expect("create user");
}

/// The cast members' e-mail addresses; every password is [`PASSWORD`].
pub const BANK_ADMIN: &str = "admin@bank.example";
pub const BANK_REPORTER: &str = "reporter@bank.example";
pub const OTHER_ADMIN: &str = "admin@trust.example";
pub const OTHER_REPORTER: &str = "reporter@trust.example";
pub const ANALYST: &str = "analyst@meldpunt.example";
pub const DNB_VIEWER: &str = "viewer@dnb.example";
pub const FIOD_VIEWER: &str = "viewer@fiod.example";
pub const ADMIN: &str = "admin@meldpunt.example";

/// The ids of the standard cast's organisations.
pub struct CastOrgs {
    /// Voorbeeldbank N.V., a bank (supervised by DNB).
    pub bank: String,
    /// Andere Trust B.V., a trust office.
    pub other: String,
    pub dnb: String,
    pub fiod: String,
}

/// The hand-made list the cast screens against.
pub fn cast_list() -> Vec<ListEntry> {
    vec![
        listed("EU.77.1", Schema::Organization, "OOO Primer"),
        listed("EU.12.3", Schema::Person, "Ivan Petrovich Sidorov"),
    ]
}

/// Two reporting organisations, two authorities and one user per role
/// (two per reporting organisation), created by an operator.
pub async fn standard_cast(desk: &Desk) -> CastOrgs {
    let operator = Principal::operator("test");
    let orgs = CastOrgs {
        bank: create_org(desk, &operator, "Voorbeeldbank N.V.", "bank", None).await,
        other: create_org(desk, &operator, "Andere Trust B.V.", "trust_office", None).await,
        dnb: create_org(
            desk,
            &operator,
            "De Nederlandsche Bank",
            "other",
            Some("DNB"),
        )
        .await,
        fiod: create_org(desk, &operator, "FIOD", "other", Some("FIOD")).await,
    };
    let point = meldpunt_desk::REPORTING_POINT_ORG;
    let users = [
        (orgs.bank.as_str(), BANK_ADMIN, Role::ReporterAdmin),
        (orgs.bank.as_str(), BANK_REPORTER, Role::Reporter),
        (orgs.other.as_str(), OTHER_ADMIN, Role::ReporterAdmin),
        (orgs.other.as_str(), OTHER_REPORTER, Role::Reporter),
        (point, ANALYST, Role::Analyst),
        (orgs.dnb.as_str(), DNB_VIEWER, Role::AuthorityViewer),
        (orgs.fiod.as_str(), FIOD_VIEWER, Role::AuthorityViewer),
        (point, ADMIN, Role::Admin),
    ];
    for (org_id, email, role) in users {
        create_user(desk, &operator, org_id, email, role).await;
    }
    orgs
}
