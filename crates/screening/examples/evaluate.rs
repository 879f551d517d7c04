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
    if let Some(t) = args.iter().find_map(|a| a.strip_prefix("t=")).and_then(|t| t.parse().ok()) {
        cfg.threshold = t;
    }
    match eval::evaluate_files(&cases, &reference, &cfg) {
        Ok(evaluation) => {
            println!("{evaluation}");
            if args.iter().any(|a| a == "misses") {
                for s in evaluation.cases.iter().filter(|s| s.predicted != s.case.is_match) {
                    println!("{:.3} {} {:<8} {} | {} | {} | {}", s.score, if s.case.is_match { "FN" } else { "FP" }, s.case.schema, s.case.name1, s.case.name2, s.case.category, s.case.notes);
                }
            }
            if args.iter().any(|a| a == "sweep") {
                for t in (55..=90).step_by(5) {
                    let t = t as f32 / 100.0;
                    let mut c = eval::Counts::default();
                    for s in &evaluation.cases { c.add(s.case.is_match, s.score >= t); }
                    println!("t={t:.2} P {:.3} R {:.3} F1 {:.3}", c.precision(), c.recall(), c.f1());
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
