//! Scores the shared name benchmark at the default threshold and prints
//! precision, recall and F1 beside OpenSanctions logic-v2.
//! `cargo run --release -p meldpunt-screening --example evaluate [-- misses]`

use meldpunt_screening::{eval, ScoringConfig};

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
