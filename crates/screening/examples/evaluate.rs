//! Scores the shared name benchmark at the default threshold and prints
//! precision, recall and F1 beside OpenSanctions logic-v2.
//! `cargo run --release -p meldpunt-screening --example evaluate [-- misses [aligned]] [sweep]`

use meldpunt_model::Schema;
use meldpunt_screening::score::compare_names;
use meldpunt_screening::{eval, PreparedEntity, ScoringConfig};

/// The best name alignment of a case: word pairs with their similarity,
/// and the words left unmatched on each side.
fn alignment(case: &eval::BenchCase, cfg: &ScoringConfig) -> String {
    let schema: Schema = case.schema.parse().unwrap_or(Schema::LegalEntity);
    let query = PreparedEntity::from_name("query", schema, &case.name1);
    let candidate = PreparedEntity::from_name("candidate", schema, &case.name2);
    let best = query
        .names
        .iter()
        .flat_map(|q| {
            candidate
                .names
                .iter()
                .map(move |c| compare_names(q, c, cfg))
        })
        .max_by(|a, b| a.score.total_cmp(&b.score));
    let Some(best) = best else {
        return "no comparable names".into();
    };
    let pairs: Vec<String> = best
        .pairs
        .iter()
        .map(|(q, c, sim)| format!("{q}~{c}={sim:.2}"))
        .collect();
    format!(
        "pairs [{}] query only [{}] list only [{}]",
        pairs.join(" "),
        best.unmatched_query.join(" "),
        best.unmatched_candidate.join(" ")
    )
}

fn main() {
    let (Some(cases), Some(reference)) = (
        meldpunt_testkit::shared_file("names/name_bench_cases.csv"),
        meldpunt_testkit::shared_file("names/name_bench_logicv2_scores.csv"),
    ) else {
        eprintln!("shared benchmark files not found");
        return;
    };
    let mut cfg = ScoringConfig::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Overrides as field=value, e.g. `threshold=0.8 family_weight=1.5`.
    let mut json = serde_json::to_value(&cfg).unwrap_or_default();
    for (field, value) in args.iter().filter_map(|a| a.split_once('=')) {
        if let (Some(map), Ok(v)) = (json.as_object_mut(), value.parse::<f64>()) {
            map.insert(field.to_string(), serde_json::json!(v));
        }
    }
    match serde_json::from_value(json) {
        Ok(c) => cfg = c,
        Err(e) => eprintln!("ignoring overrides: {e}"),
    }
    match eval::evaluate_files(&cases, &reference, &cfg) {
        Ok(evaluation) => {
            println!("{evaluation}");
            if args.iter().any(|a| a == "misses") {
                let aligned = args.iter().any(|a| a == "aligned");
                for s in evaluation
                    .cases
                    .iter()
                    .filter(|s| s.predicted != s.case.is_match)
                {
                    println!(
                        "{:.3} {} {:<8} {} | {} | {} | {}",
                        s.score,
                        if s.case.is_match { "FN" } else { "FP" },
                        s.case.schema,
                        s.case.name1,
                        s.case.name2,
                        s.case.category,
                        s.case.notes
                    );
                    if aligned {
                        println!("      {}", alignment(&s.case, &cfg));
                    }
                }
            }
            if args.iter().any(|a| a == "sweep") {
                for t in (55..=90).step_by(5) {
                    let t = t as f32 / 100.0;
                    let mut c = eval::Counts::default();
                    for s in &evaluation.cases {
                        c.add(s.case.is_match, s.score >= t);
                    }
                    println!(
                        "t={t:.2} P {:.3} R {:.3} F1 {:.3}",
                        c.precision(),
                        c.recall(),
                        c.f1()
                    );
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
