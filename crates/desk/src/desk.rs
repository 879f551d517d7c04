//! [`Desk`]: the reporting point's service object. It owns the store
//! handle, the screening engine in use and the routing table, and is the
//! only way callers (the HTTP API, the portal, the CLI) touch reports.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use meldpunt_reports::RuleTable;
use meldpunt_screening::Screener;
use meldpunt_store::{AuditEntry, OrgRow, Store};

use crate::limiter::LoginLimiter;
use crate::DeskError;

/// The organisation of analysts and administrators.
pub const REPORTING_POINT_ORG: &str = "meldpunt";
/// Where anonymous whistleblower reports are filed; no user belongs to it.
pub const ANONYMOUS_ORG: &str = "anonymous";

/// The screening engine and the list versions it was built from, so that a
/// screening result stored with a report names what produced it.
#[derive(Clone)]
pub struct ListsInUse {
    pub screener: Arc<Screener>,
    /// Source → version id.
    pub versions: BTreeMap<String, String>,
}

type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct Desk {
    pub(crate) store: Store,
    pub(crate) lists: Option<ListsInUse>,
    pub(crate) routing: Arc<RuleTable>,
    pub(crate) logins: Arc<LoginLimiter>,
    pub(crate) statistics_cache: Arc<crate::statistics::FactsCache>,
    clock: Clock,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("store", &self.store.url())
            .field("lists", &self.lists.as_ref().map(|l| &l.versions))
            .field("routing", &self.routing.version())
            .finish()
    }
}

impl Desk {
    /// Opens the desk on `store`, creating the reporting point's own
    /// organisation and the anonymous one on first use.
    pub async fn open(
        store: Store,
        lists: Option<ListsInUse>,
        routing: RuleTable,
    ) -> Result<Desk, DeskError> {
        let desk = Desk {
            store,
            lists,
            routing: Arc::new(routing),
            logins: Arc::new(LoginLimiter::default()),
            statistics_cache: Arc::default(),
            clock: Arc::new(Utc::now),
        };
        desk.ensure_org(
            REPORTING_POINT_ORG,
            "Centraal Meldpunt Sancties",
            "reporting_point",
        )
        .await?;
        desk.ensure_org(ANONYMOUS_ORG, "Anonymous reporters", "reporter")
            .await?;
        Ok(desk)
    }

    /// Replaces the clock, so deadline tests can move time.
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn lists(&self) -> Option<&ListsInUse> {
        self.lists.as_ref()
    }

    pub fn routing(&self) -> &RuleTable {
        &self.routing
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// The store's timestamp format: RFC 3339 UTC with milliseconds, so
    /// that text order is time order.
    pub(crate) fn stamp(&self, at: DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    async fn ensure_org(&self, id: &str, name: &str, kind: &str) -> Result<(), DeskError> {
        if self.store.org(id).await?.is_some() {
            return Ok(());
        }
        let org = OrgRow {
            id: id.to_string(),
            name: name.to_string(),
            kvk: None,
            lei: None,
            sector: "other".to_string(),
            kind: kind.to_string(),
            authority: None,
            created_at: self.stamp(self.now()),
        };
        let audit = AuditEntry {
            actor: "system".to_string(),
            org_id: Some(id.to_string()),
            action: "org.create".to_string(),
            target: format!("org:{id}"),
            before: None,
            after: serde_json::to_value(&org).ok(),
        };
        match self.store.create_org(&org, &audit).await {
            Ok(()) => Ok(()),
            // Two servers starting at once: the other one created it.
            Err(_) if self.store.org(id).await?.is_some() => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
