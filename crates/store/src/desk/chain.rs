//! The audit log's hash chain: each entry's hash covers the previous hash
//! and the entry's canonical JSON, so changing, removing or reordering an
//! entry breaks every link after it.
//!
//! Canonical JSON is compact with object keys sorted (by UTF-8 bytes) at
//! every depth. Keys are sorted here rather than trusting `serde_json`'s
//! map order: another crate in a build can switch on its `preserve_order`
//! feature, and the hashes must not depend on that.
//!
//! `before`/`after` are stored as the canonical text that was hashed, and
//! verification hashes that stored text as it is. Parsing it back first
//! would be fragile: serde_json's default float parsing is not guaranteed
//! to round-trip every `f64`, and a changed last digit would look like
//! tampering.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::rows::{AuditProblem, AuditRow, AuditVerification};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// `value` as compact JSON with object keys sorted recursively.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// An `audit_log` row as stored: `before`/`after` as canonical JSON text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct StoredEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub org_id: Option<String>,
    pub action: String,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredEntry {
    /// The entry as written for `row` (its hash field is not read).
    pub(crate) fn of(row: &AuditRow) -> Self {
        StoredEntry {
            seq: row.seq,
            at: row.at.clone(),
            actor: row.actor.clone(),
            org_id: row.org_id.clone(),
            action: row.action.clone(),
            target: row.target.clone(),
            before: row.before.as_ref().map(canonical_json),
            after: row.after.as_ref().map(canonical_json),
            prev_hash: row.prev_hash.clone(),
            hash: row.hash.clone(),
        }
    }

    /// SHA-256 over `prev_hash`, `\n` and the canonical JSON of the other
    /// fields, with the stored before/after text embedded as it is.
    pub(crate) fn content_hash(&self) -> String {
        let text = |value: &str| Value::String(value.to_string()).to_string();
        // Keys in sorted order.
        let canonical = format!(
            "{{\"action\":{},\"actor\":{},\"after\":{},\"at\":{},\"before\":{},\
             \"org_id\":{},\"seq\":{},\"target\":{}}}",
            text(&self.action),
            text(&self.actor),
            self.after.as_deref().unwrap_or("null"),
            text(&self.at),
            self.before.as_deref().unwrap_or("null"),
            self.org_id
                .as_deref()
                .map_or_else(|| "null".to_string(), text),
            self.seq,
            text(&self.target),
        );
        let mut hasher = Sha256::new();
        hasher.update(self.prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(canonical.as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// Checks entries in ascending order, then against the head row.
pub(crate) struct Verifier {
    entries: u64,
    last_seq: i64,
    last_hash: String,
    problems: Vec<AuditProblem>,
}

impl Verifier {
    pub(crate) fn new() -> Self {
        Verifier {
            entries: 0,
            last_seq: 0,
            last_hash: GENESIS_HASH.to_string(),
            problems: Vec::new(),
        }
    }

    /// `row` is the next entry by seq.
    pub(crate) fn push(&mut self, row: &StoredEntry) {
        let seq = row.seq;
        if seq != self.last_seq + 1 {
            self.problem(seq, format!("gap after seq {}", self.last_seq));
        }
        if row.prev_hash != self.last_hash {
            self.problem(
                seq,
                format!(
                    "prev_hash does not match the hash of the entry before (seq {})",
                    self.last_seq
                ),
            );
        }
        if row.content_hash() != row.hash {
            self.problem(seq, "hash does not match contents".to_string());
        }
        // Continue from the stored hash, so one altered entry is reported
        // once rather than at every entry after it.
        self.entries += 1;
        self.last_seq = seq;
        self.last_hash = row.hash.clone();
    }

    /// Compares the log's end with the head row (`head_seq` entries,
    /// last hash `head_hash`).
    pub(crate) fn finish(mut self, head_seq: i64, head_hash: &str) -> AuditVerification {
        if head_seq != self.last_seq {
            let reason = format!(
                "head row says {head_seq} entries but the log ends at {}",
                self.last_seq
            );
            self.problem(self.last_seq, reason);
        } else if head_hash != self.last_hash {
            let reason = "head row's hash does not match the last entry's hash".to_string();
            self.problem(self.last_seq, reason);
        }
        AuditVerification {
            entries: self.entries,
            head_hash: self.last_hash,
            problems: self.problems,
        }
    }

    fn problem(&mut self, seq: i64, reason: String) {
        self.problems.push(AuditProblem { seq, reason });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry_hash(row: &AuditRow) -> String {
        StoredEntry::of(row).content_hash()
    }

    fn entry(seq: i64, prev_hash: &str) -> AuditRow {
        let mut row = AuditRow {
            seq,
            at: "2026-01-01T00:00:00.000Z".into(),
            actor: "user-1".into(),
            org_id: Some("org-1".into()),
            action: "report.create".into(),
            target: format!("report-{seq}"),
            before: None,
            after: Some(json!({"b": 1, "a": [true, null, {"d": "x", "c": 1.5}]})),
            prev_hash: prev_hash.into(),
            hash: String::new(),
        };
        row.hash = entry_hash(&row);
        row
    }

    fn chain(n: i64) -> Vec<AuditRow> {
        let mut rows: Vec<AuditRow> = Vec::new();
        for seq in 1..=n {
            let prev = rows
                .last()
                .map_or(GENESIS_HASH.to_string(), |r| r.hash.clone());
            rows.push(entry(seq, &prev));
        }
        rows
    }

    fn verify(rows: &[AuditRow], head_seq: i64, head_hash: &str) -> AuditVerification {
        let mut verifier = Verifier::new();
        for row in rows {
            verifier.push(&StoredEntry::of(row));
        }
        verifier.finish(head_seq, head_hash)
    }

    #[test]
    fn canonical_sorts_keys_at_every_depth() {
        let value = json!({"z": {"y": 1, "b": [{"k": 2, "a": "é\n"}]}, "a": null, "m": -0.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"m":-0.5,"z":{"b":[{"a":"é\n","k":2}],"y":1}}"#
        );
    }

    #[test]
    fn canonical_does_not_depend_on_insertion_order() {
        let mut forward = serde_json::Map::new();
        let mut backward = serde_json::Map::new();
        for key in ["b", "a", "c", "B", "ä"] {
            forward.insert(key.to_string(), json!(key));
        }
        for key in ["ä", "B", "c", "a", "b"] {
            backward.insert(key.to_string(), json!(key));
        }
        let (forward, backward) = (Value::Object(forward), Value::Object(backward));
        assert_eq!(canonical_json(&forward), canonical_json(&backward));
        assert_eq!(
            canonical_json(&forward),
            r#"{"B":"B","a":"a","b":"b","c":"c","ä":"ä"}"#
        );
    }

    #[test]
    fn serde_json_maps_are_sorted_in_this_build() {
        // Without `preserve_order`, serde_json's own output is canonical
        // too; the canonicaliser does not rely on it, but if this fails
        // some crate switched the feature on.
        let value: Value = serde_json::from_str(r#"{"b":1,"a":{"d":2,"c":3}}"#).unwrap_or_default();
        assert_eq!(value.to_string(), canonical_json(&value));
    }

    #[test]
    fn canonical_text_round_trips() {
        let value = json!({"n": [1, 2.25, 1e300, -7], "s": "\"q\" \u{1}", "t": true});
        let text = canonical_json(&value);
        let parsed: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(parsed, value);
        assert_eq!(canonical_json(&parsed), text);
    }

    #[test]
    fn genesis_hash_is_64_zeros() {
        assert_eq!(GENESIS_HASH.len(), 64);
        assert!(GENESIS_HASH.bytes().all(|b| b == b'0'));
    }

    #[test]
    fn hash_is_pinned() {
        // The formula is part of the log's format: a change here makes
        // every stored chain fail verification.
        let row = entry(1, GENESIS_HASH);
        let canonical = r#"{"action":"report.create","actor":"user-1","after":{"a":[true,null,{"c":1.5,"d":"x"}],"b":1},"at":"2026-01-01T00:00:00.000Z","before":null,"org_id":"org-1","seq":1,"target":"report-1"}"#;
        let expected = hex::encode(Sha256::digest(format!("{GENESIS_HASH}\n{canonical}")));
        assert_eq!(row.hash, expected);
    }

    #[test]
    fn stored_hash_equals_hash_of_the_canonical_object() {
        let mut row = entry(7, GENESIS_HASH);
        row.org_id = None;
        row.actor = "quote \" backslash \\ newline \n tab \t ctrl \u{7} é 😀".into();
        row.before = Some(json!([{"z": 0.1, "a": -1e-7}, "s"]));
        row.after = None;
        let object = json!({
            "seq": row.seq, "at": row.at, "actor": row.actor, "org_id": row.org_id,
            "action": row.action, "target": row.target, "before": row.before, "after": row.after,
        });
        let text = format!("{GENESIS_HASH}\n{}", canonical_json(&object));
        assert_eq!(entry_hash(&row), hex::encode(Sha256::digest(text)));
    }

    #[test]
    fn stored_text_is_hashed_as_stored() {
        let row = entry(1, GENESIS_HASH);
        let mut stored = StoredEntry::of(&row);
        assert_eq!(stored.content_hash(), row.hash);
        // Equal JSON, other text: a change all the same.
        stored.after = Some(r#"{"b":1, "a":[true,null,{"c":1.5,"d":"x"}]}"#.into());
        assert_ne!(stored.content_hash(), row.hash);
    }

    #[test]
    fn intact_chain_verifies() {
        let rows = chain(5);
        let head = rows[4].hash.clone();
        let verdict = verify(&rows, 5, &head);
        assert!(verdict.is_intact(), "{:?}", verdict.problems);
        assert_eq!((verdict.entries, verdict.head_hash), (5, head));
        let empty = verify(&[], 0, GENESIS_HASH);
        assert!(empty.is_intact());
        assert_eq!(empty.head_hash, GENESIS_HASH);
    }

    #[test]
    fn changed_entry_is_reported_once() {
        let mut rows = chain(5);
        rows[2].actor = "someone-else".into();
        let head = rows[4].hash.clone();
        let verdict = verify(&rows, 5, &head);
        assert_eq!(
            verdict.problems,
            vec![AuditProblem {
                seq: 3,
                reason: "hash does not match contents".into()
            }]
        );
    }

    #[test]
    fn removed_entry_is_a_gap() {
        let mut rows = chain(5);
        rows.remove(1);
        let head = rows[3].hash.clone();
        let verdict = verify(&rows, 5, &head);
        let reasons: Vec<&str> = verdict.problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "gap after seq 1",
                "prev_hash does not match the hash of the entry before (seq 1)"
            ]
        );
        assert!(verdict.problems.iter().all(|p| p.seq == 3));
    }

    #[test]
    fn truncated_tail_disagrees_with_head() {
        let rows = chain(5);
        let head = rows[4].hash.clone();
        let verdict = verify(&rows[..3], 5, &head);
        assert_eq!(
            verdict.problems,
            vec![AuditProblem {
                seq: 3,
                reason: "head row says 5 entries but the log ends at 3".into()
            }]
        );
    }

    #[test]
    fn head_hash_must_match_last_entry() {
        let rows = chain(2);
        let verdict = verify(&rows, 2, GENESIS_HASH);
        assert_eq!(verdict.problems.len(), 1);
        assert_eq!(verdict.problems[0].seq, 2);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Arbitrary JSON; numbers are integers or exact binary fractions, so
    /// parsing them back is exact.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-1_000_000i32..1_000_000).prop_map(|n| Value::from(f64::from(n) / 64.0)),
            ".{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((".{0,8}", inner), 0..6)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
            ]
        })
    }

    /// `value` with every object's keys inserted in reverse order.
    fn reinserted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut pairs: Vec<(String, Value)> = map
                    .iter()
                    .map(|(k, v)| (k.clone(), reinserted(v)))
                    .collect();
                pairs.reverse();
                Value::Object(pairs.into_iter().collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(reinserted).collect()),
            scalar => scalar.clone(),
        }
    }

    proptest! {
        #[test]
        fn canonical_text_parses_back_to_the_value(value in json_value()) {
            let text = canonical_json(&value);
            let parsed: Value = serde_json::from_str(&text).map_err(|e| {
                TestCaseError::fail(format!("{text}: {e}"))
            })?;
            prop_assert_eq!(&parsed, &value);
            prop_assert_eq!(canonical_json(&parsed), text);
        }

        #[test]
        fn canonical_text_ignores_key_order(value in json_value()) {
            prop_assert_eq!(canonical_json(&reinserted(&value)), canonical_json(&value));
        }
    }
}
