//! What the case index holds for a report, derived from its JSON. Reports
//! are validated before filing, but the index reads leniently: a missing
//! or odd field contributes no key rather than failing triage.

use std::collections::BTreeSet;

use meldpunt_model::normalize_identifier;
use meldpunt_reports::IdentifierKind;
use meldpunt_store::{CaseIndexRow, IndexSource};
use serde_json::Value;

use crate::{Desk, DeskError};

/// Reports indexed per batch when the case index catches up.
const INDEX_BATCH: u32 = 500;

impl Desk {
    /// Brings the case index up to date with the reports filed since; run
    /// before every read of it, so triage and links see every filed report.
    pub(super) async fn refresh_case_index(&self) -> Result<(), DeskError> {
        loop {
            let batch = self.store.unindexed_reports(INDEX_BATCH).await?;
            if batch.is_empty() {
                return Ok(());
            }
            let rows: Vec<_> = batch.iter().map(index_row).collect();
            self.store.index_cases(&rows).await?;
            if batch.len() < INDEX_BATCH as usize {
                return Ok(());
            }
        }
    }
}

/// A screening hit as stored with the report.
pub(super) struct StoredHit {
    pub subject: String,
    pub source: String,
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub program: Option<String>,
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_string)
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Regime and programme codes compare upper-case and trimmed.
pub(super) fn norm_code(code: &str) -> String {
    code.trim().to_uppercase()
}

pub(super) fn hits(screening: &Value) -> Vec<StoredHit> {
    let mut hits = Vec::new();
    for subject in array(screening, "subjects") {
        let pointer = text(subject, "subject").unwrap_or_default();
        for hit in array(subject, "hits") {
            let (Some(source), Some(entity_id)) = (text(hit, "source"), text(hit, "entity_id"))
            else {
                continue;
            };
            hits.push(StoredHit {
                subject: pointer.clone(),
                caption: text(hit, "caption").unwrap_or_else(|| entity_id.clone()),
                score: hit.get("score").and_then(Value::as_f64).unwrap_or(0.0),
                program: text(hit, "program"),
                source,
                entity_id,
            });
        }
    }
    hits
}

/// `kind:value` of a subject identifier, normalised like list
/// identifiers are (upper case, alphanumerics, no `IMO` prefix).
fn identifier_key(identifier: &Value) -> Option<String> {
    let kind: IdentifierKind = serde_json::from_value(identifier.get("kind")?.clone()).ok()?;
    if kind == IdentifierKind::Other {
        // Free-form identifiers say too little to tie two reports together.
        return None;
    }
    let model = kind.to_model();
    let value = normalize_identifier(model, identifier.get("value")?.as_str()?);
    (!value.is_empty()).then(|| format!("{}:{value}", model.as_str()))
}

fn index_row(source: &IndexSource) -> CaseIndexRow {
    let mut keys: BTreeSet<(String, String)> = BTreeSet::new();
    let mut add = |kind: &str, key: String| {
        if !key.is_empty() {
            keys.insert((kind.to_string(), key));
        }
    };
    let envelope = source.body.get("envelope").unwrap_or(&Value::Null);
    for regime in array(envelope, "regimes").iter().filter_map(Value::as_str) {
        add("regime", norm_code(regime));
    }
    for subject in array(&source.body, "subjects") {
        for identifier in array(subject, "identifiers") {
            if let Some(key) = identifier_key(identifier) {
                add("identifier", key);
            }
        }
        if let Some(declared) = subject.get("list_match") {
            if let (Some(list), Some(entry)) = (text(declared, "list"), text(declared, "entry_id"))
            {
                add("entity", format!("{list}:{entry}"));
            }
        }
    }
    let hits = hits(&source.screening);
    let mut distinct = BTreeSet::new();
    for hit in &hits {
        distinct.insert((hit.source.clone(), hit.entity_id.clone()));
        add("entity", format!("{}:{}", hit.source, hit.entity_id));
        if let Some(program) = &hit.program {
            add("programme", norm_code(program));
        }
    }
    CaseIndexRow {
        report_id: source.report_id.clone(),
        seq: source.seq,
        max_score: hits.iter().map(|h| h.score).reduce(f64::max),
        hit_count: i64::try_from(distinct.len()).unwrap_or(i64::MAX),
        keys: keys.into_iter().collect(),
    }
}
