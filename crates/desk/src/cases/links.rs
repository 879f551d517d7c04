//! Linked reports: other reports sharing an identifier or a listed entity
//! hit with a case, filtered by the caller's scope so a link never reveals
//! a report they may not read.

use std::collections::BTreeMap;

use serde::Serialize;

use meldpunt_store::LinkRow;

use crate::{Desk, DeskError, Principal};

/// Most linked reports shown in a case.
pub const MAX_LINKED: usize = 50;
/// Most shared keys read per case, before the scope filter.
const MAX_LINK_ROWS: u32 = 1000;

/// Why two reports are linked: a shared key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkReason {
    /// `identifier` (e.g. `imo:9074729`) or `entity` (a listed entity
    /// hit, `source:entity id`).
    pub kind: String,
    pub key: String,
}

/// Another report about the same subject that the caller may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedReport {
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub reasons: Vec<LinkReason>,
}

impl Desk {
    /// Reports sharing an identifier or a listed entity hit with this one,
    /// newest first, only those `by` may read.
    pub(super) async fn linked(
        &self,
        by: &Principal,
        report_id: &str,
    ) -> Result<Vec<LinkedReport>, DeskError> {
        let links = self.store.linked_reports(report_id, MAX_LINK_ROWS).await?;
        let (order, mut reasons) = group_links(links);
        let mut linked = Vec::new();
        for id in order {
            if linked.len() == MAX_LINKED {
                break;
            }
            let Some(row) = self.store.report(&id).await? else {
                continue;
            };
            if !self.sees(by, &row).await? {
                continue;
            }
            linked.push(LinkedReport {
                reasons: reasons.remove(&id).unwrap_or_default(),
                id: row.id,
                org_id: row.org_id,
                report_type: row.report_type,
                status: row.status,
                received_at: row.received_at,
            });
        }
        Ok(linked)
    }
}

/// The linked report ids in the store's order (newest first), each with
/// every key it shares.
fn group_links(links: Vec<LinkRow>) -> (Vec<String>, BTreeMap<String, Vec<LinkReason>>) {
    let mut order: Vec<String> = Vec::new();
    let mut reasons: BTreeMap<String, Vec<LinkReason>> = BTreeMap::new();
    for link in links {
        if !reasons.contains_key(&link.report_id) {
            order.push(link.report_id.clone());
        }
        reasons.entry(link.report_id).or_default().push(LinkReason {
            kind: link.kind,
            key: link.key,
        });
    }
    (order, reasons)
}
