//! The explanation sentences for the documented examples.

use crate::common;

use common::*;
use meldpunt_ownership::{OwnershipGraph, Rules};

fn explain(title: &str, graph: &OwnershipGraph, listed: &[&str], rules: Rules) -> String {
    let mut lines = vec![format!("## {title}")];
    for e in run(graph, listed, rules) {
        let since = e.since.map(|d| format!(" since {d}")).unwrap_or_default();
        lines.push(format!(
            "{} [{}{since}]: {}",
            e.entity,
            e.rule.as_str(),
            e.explanation
        ));
    }
    lines.join("\n")
}

#[test]
fn explanation_sentences() {
    let example = stakes(&[("X", "A", 50.0), ("X", "B", 10.0), ("A", "B", 40.0)]);
    let two = stakes(&[("X", "A", 30.0), ("Y", "A", 25.0)]);
    let chain = graph(&[
        dated(stake("X", "A", 60.0), Some("2018-05-01"), None),
        dated(stake("A", "B", 60.0), Some("2010"), None),
        dated(stake("B", "A", 30.0), None, None),
    ]);
    let control = graph(&[
        director("X", "A", "General Director"),
        director("X", "B", "Director"),
        director("Y", "B", "Director"),
        director("Z", "B", "Director"),
        stake("A", "C", 60.0),
    ]);
    let text = [
        explain("OFAC example", &example, &["X"], ofac()),
        explain("two listed owners, OFAC", &two, &["X", "Y"], ofac()),
        explain(
            "two listed owners, EU aggregated",
            &two,
            &["X", "Y"],
            eu_aggregate(),
        ),
        explain("chain with cross-holding, OFAC", &chain, &["X"], ofac()),
        explain("chain with cross-holding, EU", &chain, &["X"], eu()),
        explain("control, EU", &control, &["X", "Y"], eu()),
        explain(
            "control, EU aggregated",
            &control,
            &["X", "Y"],
            eu_aggregate(),
        ),
    ]
    .join("\n\n");
    insta::assert_snapshot!(text);
}
