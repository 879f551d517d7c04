//! Evaluation on the labelled name-pair benchmark (name_bench_cases.csv):
//! precision, recall and F1 overall, per case group, category, schema and
//! quality, beside a reference matcher's verdicts on the same pairs.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use meldpunt_model::Schema;
use serde::Deserialize;

use crate::prepare::PreparedEntity;
use crate::score::{score, ScoringConfig};
use crate::ScreeningError;

/// One labelled pair: `name1` is the query, `name2` the list entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BenchCase {
    pub case_group: String,
    pub schema: String,
    pub name1: String,
    pub name2: String,
    #[serde(deserialize_with = "flag")]
    pub is_match: bool,
    #[serde(default)]
    pub quality: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Deserialize)]
struct ReferenceRow {
    case_group: String,
    schema: String,
    name1: String,
    name2: String,
    #[serde(deserialize_with = "flag")]
    predicted_match: bool,
}

fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let text = String::deserialize(d)?;
    Ok(matches!(
        text.trim().to_lowercase().as_str(),
        "true" | "1" | "yes"
    ))
}

type CaseKey = (String, String, String, String);

fn key(group: &str, schema: &str, a: &str, b: &str) -> CaseKey {
    (
        group.to_string(),
        schema.to_string(),
        a.to_string(),
        b.to_string(),
    )
}

fn read_rows<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, ScreeningError> {
    let fail = |message: String| ScreeningError::Data {
        path: path.display().to_string(),
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| fail(e.to_string()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| fail(format!("row {}: {e}", i + 2))))
        .collect()
}

pub fn load_cases(path: &Path) -> Result<Vec<BenchCase>, ScreeningError> {
    read_rows(path)
}

/// A reference matcher's verdicts (e.g. logic-v2's `predicted_match`).
pub fn load_reference(path: &Path) -> Result<HashMap<CaseKey, bool>, ScreeningError> {
    let rows: Vec<ReferenceRow> = read_rows(path)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                key(&r.case_group, &r.schema, &r.name1, &r.name2),
                r.predicted_match,
            )
        })
        .collect())
}

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.total())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Our counts beside the reference's, over the cases the reference scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slice {
    pub ours: Counts,
    pub reference: Counts,
}

/// One scored case.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub case: BenchCase,
    pub score: f32,
    pub predicted: bool,
    pub reference: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub threshold: f32,
    /// Every case, ours only.
    pub all: Counts,
    /// Cases the reference scored, ours and the reference's.
    pub overall: Slice,
    pub by_group: BTreeMap<String, Slice>,
    pub by_category: BTreeMap<String, Slice>,
    pub by_schema: BTreeMap<String, Slice>,
    pub by_quality: BTreeMap<String, Slice>,
    pub cases: Vec<Scored>,
}

/// Scores every case as a query entity of the case's schema (name1)
/// against a list entity (name2).
pub fn score_case(case: &BenchCase, cfg: &ScoringConfig) -> f32 {
    let schema: Schema = case.schema.parse().unwrap_or(Schema::LegalEntity);
    let query = PreparedEntity::from_name("query", schema, &case.name1);
    let candidate = PreparedEntity::from_name("candidate", schema, &case.name2);
    score(&query, &candidate, cfg).score
}

pub fn evaluate(
    cases: &[BenchCase],
    reference: &HashMap<CaseKey, bool>,
    cfg: &ScoringConfig,
) -> Evaluation {
    let mut eval = Evaluation {
        threshold: cfg.threshold,
        ..Evaluation::default()
    };
    for case in cases {
        let s = score_case(case, cfg);
        let predicted = s >= cfg.threshold;
        eval.all.add(case.is_match, predicted);
        let reference = reference
            .get(&key(
                &case.case_group,
                &case.schema,
                &case.name1,
                &case.name2,
            ))
            .copied();
        if let Some(theirs) = reference {
            let category = if case.category.is_empty() {
                "(none)"
            } else {
                &case.category
            };
            let quality = if case.quality.is_empty() {
                "MEDIUM"
            } else {
                &case.quality
            };
            for slice in [
                &mut eval.overall,
                eval.by_group.entry(case.case_group.clone()).or_default(),
                eval.by_category.entry(category.to_string()).or_default(),
                eval.by_schema.entry(case.schema.clone()).or_default(),
                eval.by_quality.entry(quality.to_string()).or_default(),
            ] {
                slice.ours.add(case.is_match, predicted);
                slice.reference.add(case.is_match, theirs);
            }
        }
        eval.cases.push(Scored {
            case: case.clone(),
            score: s,
            predicted,
            reference,
        });
    }
    eval
}

/// Convenience: loads both files and evaluates at `cfg.threshold`.
pub fn evaluate_files(
    cases: &Path,
    reference: &Path,
    cfg: &ScoringConfig,
) -> Result<Evaluation, ScreeningError> {
    let cases = load_cases(cases)?;
    let reference = load_reference(reference)?;
    Ok(evaluate(&cases, &reference, cfg))
}

fn write_table(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    rows: &BTreeMap<String, Slice>,
) -> fmt::Result {
    writeln!(f, "\n{title}")?;
    writeln!(
        f,
        "  {:<32} {:>5}  {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "", "n", "P", "R", "F1", "ref P", "ref R", "ref F1"
    )?;
    for (name, s) in rows {
        let short: String = name.chars().take(32).collect();
        writeln!(
            f,
            "  {:<32} {:>5}  {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            short,
            s.ours.total(),
            s.ours.precision(),
            s.ours.recall(),
            s.ours.f1(),
            s.reference.precision(),
            s.reference.recall(),
            s.reference.f1()
        )?;
    }
    Ok(())
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (o, r) = (self.overall.ours, self.overall.reference);
        writeln!(
            f,
            "threshold {:.2}; {} cases, {} with a reference verdict",
            self.threshold,
            self.all.total(),
            o.total()
        )?;
        writeln!(
            f,
            "all cases:   P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {} tn {})",
            self.all.precision(),
            self.all.recall(),
            self.all.f1(),
            self.all.tp,
            self.all.fp,
            self.all.fn_,
            self.all.tn
        )?;
        writeln!(
            f,
            "ours:        P {:.3} R {:.3} F1 {:.3} acc {:.3}",
            o.precision(),
            o.recall(),
            o.f1(),
            o.accuracy()
        )?;
        writeln!(
            f,
            "reference:   P {:.3} R {:.3} F1 {:.3} acc {:.3}",
            r.precision(),
            r.recall(),
            r.f1(),
            r.accuracy()
        )?;
        write_table(f, "by case group", &self.by_group)?;
        write_table(f, "by schema", &self.by_schema)?;
        write_table(f, "by quality", &self.by_quality)?;
        write_table(f, "by category", &self.by_category)
    }
}
