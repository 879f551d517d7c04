//! Analysts' decisions on screening hits: confirm or dismiss with a reason.
//! Decisions are append-only; the latest on a hit is the current one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use meldpunt_store::{DecisionRow, NewDecision};

use super::events::MAX_NOTE_CHARS;
use super::{bounded, check_case_worker, index, Names};
use crate::{Desk, DeskError, Principal};

/// Longest decision reason, in characters (the tables check it too).
pub const MAX_REASON_CHARS: usize = 1000;

/// An analyst's verdict on a screening hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Decision {
    Confirmed,
    Dismissed,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirmed => "CONFIRMED",
            Decision::Dismissed => "DISMISSED",
        }
    }
}

/// A recorded decision on a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionView {
    pub decision: String,
    pub reason: String,
    pub notes: Option<String>,
    pub decided_by: String,
    pub decided_by_name: Option<String>,
    pub decided_at: String,
}

impl Desk {
    /// Confirms or dismisses one screening hit of a report. A later
    /// decision on the same hit supersedes this one; both are kept.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_match(
        &self,
        by: &Principal,
        report_id: &str,
        source: &str,
        entity_id: &str,
        decision: Decision,
        reason: &str,
        notes: Option<&str>,
    ) -> Result<DecisionView, DeskError> {
        check_case_worker(by)?;
        let reason = bounded("reason", reason, MAX_REASON_CHARS, true)?.unwrap_or_default();
        let notes = bounded("notes", notes.unwrap_or(""), MAX_NOTE_CHARS, false)?;
        let row = self.case_report(report_id).await?;
        let hit = index::hits(&row.screening)
            .into_iter()
            .any(|h| h.source == source && h.entity_id == entity_id);
        if !hit {
            return Err(DeskError::NotFound("screening hit"));
        }
        let new = NewDecision {
            report_id: row.id.clone(),
            source: source.to_string(),
            entity_id: entity_id.to_string(),
            decision: decision.as_str().to_string(),
            reason,
            notes,
            decided_by: by.actor(),
            decided_at: self.stamp(self.now()),
        };
        let details = json!({
            "source": new.source, "entity_id": new.entity_id, "decision": new.decision,
            "reason": new.reason, "notes": new.notes,
        });
        let event = self.case_event(by, "match_decided", details.clone());
        let audit = self.case_audit(by, &row, "case.decide", details);
        let stored = self.store.decide_match(&new, &event, &audit).await?;
        let names = self
            .actor_names(std::iter::once(stored.decided_by.as_str()))
            .await?;
        Ok(decision_view(stored, &names))
    }
}

pub(super) fn decision_view(d: DecisionRow, names: &Names) -> DecisionView {
    DecisionView {
        decided_by_name: names.get(&d.decided_by).cloned(),
        decision: d.decision,
        reason: d.reason,
        notes: d.notes,
        decided_by: d.decided_by,
        decided_at: d.decided_at,
    }
}

/// Each hit's decisions, oldest first, keyed by (source, entity id).
pub(super) fn by_hit(
    decisions: Vec<DecisionRow>,
    names: &Names,
) -> BTreeMap<(String, String), Vec<DecisionView>> {
    let mut by_hit: BTreeMap<(String, String), Vec<DecisionView>> = BTreeMap::new();
    for d in decisions {
        by_hit
            .entry((d.source.clone(), d.entity_id.clone()))
            .or_default()
            .push(decision_view(d, names));
    }
    by_hit
}
