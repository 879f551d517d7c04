//! Test support: a desk on a fresh store (SQLite or PostgreSQL), with a
//! small hand-made list, a fixed clock, and a cast of users in two reporting
//! organisations, the reporting point and two authorities.

#![allow(dead_code)]

pub mod cast;
#[path = "../../../../store/tests/it/store/harness.rs"]
pub mod harness;

#[allow(unused_imports)]
pub use cast::{create_user, fixed_now, fixture, listed, PASSWORD};

use std::collections::BTreeMap;
use std::sync::Arc;

use meldpunt_desk::{
    Channel, Desk, ListsInUse, Payload, Principal, Role, Submission, REPORTING_POINT_ORG,
};
use meldpunt_model::Schema;
use meldpunt_reports::RuleTable;
use meldpunt_screening::{ScoringConfig, Screener};
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
                        super::$case($crate::common::World::new(store).await).await
                    }).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    $crate::common::harness::on_postgres(|store| async move {
                        super::$case($crate::common::World::new(store).await).await
                    }).await;
                }
            )*
        }
    };
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
        let bank_org = cast::create_org(&desk, &admin, "Voorbeeldbank N.V.", "bank", None).await;
        let other_org =
            cast::create_org(&desk, &admin, "Andere Trust B.V.", "trust_office", None).await;
        let dnb =
            cast::create_org(&desk, &admin, "De Nederlandsche Bank", "other", Some("DNB")).await;
        let fiod = cast::create_org(&desk, &admin, "FIOD", "other", Some("FIOD")).await;
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

async fn user(desk: &Desk, admin: &Principal, org_id: &str, email: &str, role: Role) -> Principal {
    create_user(desk, admin, org_id, email, role).await;
    desk.login(email, PASSWORD, None)
        .await
        .expect("login")
        .principal
}
