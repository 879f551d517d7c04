//! Test support: a desk on a fresh store (SQLite or PostgreSQL), with a
//! small hand-made list, a fixed clock, and a cast of users in two reporting
//! organisations, the reporting point and two authorities.

#![allow(dead_code)]

#[path = "../../../store/tests/store/harness.rs"]
pub mod harness;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use meldpunt_desk::{
    Channel, Desk, ListsInUse, NewOrg, NewUser, Payload, Principal, Role, Submission,
    REPORTING_POINT_ORG,
};
use meldpunt_model::{Entity, Name, NameKind, Schema};
use meldpunt_reports::RuleTable;
use meldpunt_screening::{ListEntry, ScoringConfig, Screener};
use meldpunt_store::Store;

/// Runs `case` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::common::harness::on_sqlite(|store| async move {
                        $crate::$case($crate::common::World::new(store).await).await
                    }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::common::harness::on_postgres(|store| async move {
                        $crate::$case($crate::common::World::new(store).await).await
                    }).await;
                }
            )*
        }
    };
}

pub const PASSWORD: &str = "correct horse battery staple";

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

fn listed(id: &str, schema: Schema, name: &str) -> ListEntry {
    let mut entity = Entity::new(id, schema);
    entity.add_name(Name::new(name, NameKind::Primary));
    ListEntry {
        entity,
        source: "eu_fsf".to_string(),
        version_id: "42".to_string(),
    }
}

pub fn lists() -> ListsInUse {
    let entries = vec![
        listed("EU.77.1", Schema::Organization, "OOO Primer"),
        listed("EU.12.3", Schema::Person, "Ivan Petrovich Sidorov"),
        listed("EU.99.9", Schema::Vessel, "Polar Dawn"),
    ];
    ListsInUse {
        screener: Arc::new(Screener::new(entries, ScoringConfig::default())),
        versions: BTreeMap::from([("eu_fsf".to_string(), "42".to_string())]),
    }
}

/// Everyone the tests need, signed in.
pub struct World {
    pub desk: Desk,
    pub admin: Principal,
    pub bank_org: String,
    pub bank_admin: Principal,
    pub bank_reporter: Principal,
    pub other_org: String,
    pub other_reporter: Principal,
    pub analyst: Principal,
    pub dnb_viewer: Principal,
    pub fiod_viewer: Principal,
}

impl World {
    pub async fn new(store: Store) -> World {
        let desk = Desk::open(store, Some(lists()), RuleTable::builtin().clone())
            .await
            .expect("open desk")
            .with_clock(fixed_now);
        let admin = Principal::operator("test");
        let bank_org = org(&desk, &admin, "Voorbeeldbank N.V.", "bank", None).await;
        let other_org = org(&desk, &admin, "Andere Trust B.V.", "trust_office", None).await;
        let dnb = org(&desk, &admin, "De Nederlandsche Bank", "other", Some("DNB")).await;
        let fiod = org(&desk, &admin, "FIOD", "other", Some("FIOD")).await;
        World {
            bank_admin: user(
                &desk,
                &admin,
                &bank_org,
                "admin@bank.example",
                Role::ReporterAdmin,
            )
            .await,
            bank_reporter: user(
                &desk,
                &admin,
                &bank_org,
                "reporter@bank.example",
                Role::Reporter,
            )
            .await,
            other_reporter: user(
                &desk,
                &admin,
                &other_org,
                "reporter@trust.example",
                Role::Reporter,
            )
            .await,
            analyst: user(
                &desk,
                &admin,
                REPORTING_POINT_ORG,
                "analyst@meldpunt.example",
                Role::Analyst,
            )
            .await,
            dnb_viewer: user(
                &desk,
                &admin,
                &dnb,
                "viewer@dnb.example",
                Role::AuthorityViewer,
            )
            .await,
            fiod_viewer: user(
                &desk,
                &admin,
                &fiod,
                "viewer@fiod.example",
                Role::AuthorityViewer,
            )
            .await,
            desk,
            admin,
            bank_org,
            other_org,
        }
    }

    /// Files `body` as JSON through the API channel.
    pub async fn file(
        &self,
        by: &Principal,
        body: &serde_json::Value,
    ) -> meldpunt_desk::Acknowledgement {
        self.desk
            .submit(by, json_submission(body, None))
            .await
            .expect("submission answered")
    }
}

pub fn json_submission(body: &serde_json::Value, key: Option<&str>) -> Submission {
    Submission {
        channel: Channel::Api,
        payload: Payload::Json(body.to_string().into_bytes()),
        idempotency_key: key.map(str::to_string),
        origin: "request".to_string(),
    }
}

async fn org(
    desk: &Desk,
    admin: &Principal,
    name: &str,
    sector: &str,
    authority: Option<&str>,
) -> String {
    desk.create_org(
        admin,
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
        },
    )
    .await
    .expect("create organisation")
    .id
}

async fn user(desk: &Desk, admin: &Principal, org_id: &str, email: &str, role: Role) -> Principal {
    desk.create_user(
        admin,
        NewUser {
            org_id: org_id.to_string(),
            email: email.to_string(),
            display_name: email.to_string(),
            password: PASSWORD.to_string(),
            role,
        },
    )
    .await
    .expect("create user");
    desk.login(email, PASSWORD, None)
        .await
        .expect("login")
        .principal
}
