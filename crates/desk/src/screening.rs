//! Screening on intake: every subject of a report is screened against the
//! lists in use, and the hits are stored with the report together with the
//! list versions and algorithm version that produced them, so the result can
//! be replayed.

use std::collections::BTreeMap;

use meldpunt_model::{CountryRole, DateSpec, Entity, Identifier, Name, NameKind, Schema};
use meldpunt_reports::{Issue, Report, Subject, SubjectKind};
use meldpunt_screening::{Hit, ScreenOptions, ALGORITHM_VERSION};
use serde::{Deserialize, Serialize};

use crate::ListsInUse;

/// Hits kept per subject.
pub const HITS_PER_SUBJECT: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectScreening {
    /// JSON Pointer of the subject in the report.
    pub subject: String,
    pub hits: Vec<Hit>,
}

/// What screening found, stored with the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRecord {
    /// `screened`, or `unavailable` when the server had no lists loaded.
    pub status: String,
    pub algorithm_version: String,
    /// Source → list version id.
    pub list_versions: BTreeMap<String, String>,
    pub subjects: Vec<SubjectScreening>,
}

impl ScreeningRecord {
    pub fn unavailable() -> Self {
        ScreeningRecord {
            status: "unavailable".to_string(),
            algorithm_version: ALGORITHM_VERSION.to_string(),
            list_versions: BTreeMap::new(),
            subjects: Vec::new(),
        }
    }
}

fn schema_of(kind: SubjectKind) -> Schema {
    match kind {
        SubjectKind::Person => Schema::Person,
        SubjectKind::Entity => Schema::LegalEntity,
        SubjectKind::Vessel => Schema::Vessel,
        SubjectKind::Aircraft => Schema::Aircraft,
        SubjectKind::CryptoWallet => Schema::CryptoWallet,
    }
}

/// The subject as a screening query.
pub fn query_entity(subject: &Subject, pointer: &str) -> Entity {
    let mut entity = Entity::new(pointer, schema_of(subject.kind));
    for name in &subject.names {
        entity.add_name(Name::new(name.trim(), NameKind::Primary));
    }
    if let Some(date) = subject
        .birth_date
        .as_deref()
        .and_then(|d| DateSpec::parse(d).ok())
    {
        entity.birth_dates.push(date);
    }
    for country in &subject.nationality {
        entity.add_country(CountryRole::Nationality, country);
    }
    for id in &subject.identifiers {
        entity.add_identifier(Identifier::new(id.kind.to_model(), id.value.clone()));
    }
    entity
}

/// Screens every subject. CPU-bound: call it from a blocking task.
pub fn screen_report(report: &Report, lists: &ListsInUse) -> ScreeningRecord {
    let options = ScreenOptions {
        limit: HITS_PER_SUBJECT,
        ..ScreenOptions::default()
    };
    let subjects = report
        .subjects
        .iter()
        .enumerate()
        .map(|(i, subject)| {
            let pointer = format!("/subjects/{i}");
            let hits = lists
                .screener
                .screen(&query_entity(subject, &pointer), &options);
            SubjectScreening {
                subject: pointer,
                hits,
            }
        })
        .collect();
    ScreeningRecord {
        status: "screened".to_string(),
        algorithm_version: ALGORITHM_VERSION.to_string(),
        list_versions: lists.versions.clone(),
        subjects,
    }
}

/// Feedback a reporter gets from screening: a declared list match that
/// screening cannot find, and a strong hit the report does not declare.
pub fn feedback(report: &Report, record: &ScreeningRecord) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (subject, screened) in report.subjects.iter().zip(&record.subjects) {
        match &subject.list_match {
            Some(declared) => {
                let found = screened
                    .hits
                    .iter()
                    .any(|h| h.entity_id == declared.entry_id);
                if !found {
                    issues.push(issue(
                        format!("{}/list_match/entry_id", screened.subject),
                        "list_match_not_screened",
                        format!(
                            "Screening this subject against the lists in use did not return entry '{}' of '{}'; check the entry id and the subject's names.",
                            declared.entry_id, declared.list
                        ),
                    ));
                }
            }
            None => {
                if let Some(hit) = screened.hits.iter().find(|h| h.is_match) {
                    issues.push(issue(
                        format!("{}/list_match", screened.subject),
                        "undeclared_hit",
                        format!(
                            "Screening matched this subject to '{}' ({} {}, score {:.2}) but the report declares no list match.",
                            hit.caption, hit.source, hit.entity_id, hit.score
                        ),
                    ));
                }
            }
        }
    }
    issues
}

fn issue(pointer: String, code: &'static str, message: String) -> Issue {
    Issue {
        pointer,
        code,
        message,
    }
}
