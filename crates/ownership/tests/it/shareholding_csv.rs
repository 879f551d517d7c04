//! Shareholding CSV: good rows and errors that name file, line and field.

use crate::common;

use common::*;
use meldpunt_ownership::{parse_shareholdings, OwnershipGraphBuilder, Shareholding};
use std::path::Path;

fn parse(text: &str) -> Result<Vec<Shareholding>, String> {
    parse_shareholdings(text.as_bytes(), Path::new("holdings.csv")).map_err(|e| e.to_string())
}

#[test]
fn reads_rows_with_and_without_control() {
    let rows = parse(
        "owner_id,owned_id,percentage,start_date,end_date,source,control\n\
         X,A,50,2019-01-01,,registry,\n\
         X,B,25-50%,2019,2030-12,registry,true\n\
         Y,B,,,,,no\n",
    )
    .expect("valid csv");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].percentage.map(|p| p.low.percent()), Some(25.0));
    assert!(rows[1].control);
    assert_eq!(rows[2].percentage, None);

    let mut builder = OwnershipGraphBuilder::new();
    for row in &rows {
        builder.add_shareholding(row);
    }
    let graph = builder.build();
    assert_eq!(caught(&graph, &["X"], ofac()), ["A:50"]);
    assert_eq!(caught(&graph, &["X"], eu()), ["B:25"]);
}

#[test]
fn control_column_is_optional_and_columns_may_be_reordered() {
    let rows = parse("source,owned_id,owner_id,percentage,start_date,end_date\nreg,A,X,60,,\n")
        .expect("valid csv");
    assert_eq!(
        (rows[0].owner_id.as_str(), rows[0].owned_id.as_str()),
        ("X", "A")
    );
    assert!(!rows[0].control);
}

#[test]
fn errors_name_file_line_and_field() {
    let header = "owner_id,owned_id,percentage,start_date,end_date,source\n";
    let cases = [
        (
            format!("{header}X,A,50,,,r\nX,B,150,,,r\n"),
            "holdings.csv:3: field 'percentage' = '150': not a number in 0..=100",
        ),
        (
            format!("{header}X,A,50,2019-02-30,,r\n"),
            "holdings.csv:2: field 'start_date' = '2019-02-30': invalid date '2019-02-30'",
        ),
        (
            format!("{header}X,A,50,2020,2019,r\n"),
            "holdings.csv:2: field 'end_date' = '2019': before start_date",
        ),
        (
            format!("{header},A,50,,,r\n"),
            "holdings.csv:2: field 'owner_id' = '': empty",
        ),
        (
            "owner_id,owned_id,percentage,start_date,end_date,source,control\nX,A,5,,,r,maybe\n"
                .to_string(),
            "holdings.csv:2: field 'control' = 'maybe': expected true or false",
        ),
        (
            "owner_id,owned_id,percentage,start_date,end_date,source,votes\n".to_string(),
            "holdings.csv:1: unknown column 'votes'",
        ),
        (
            "X,A,50,,,r\n".to_string(),
            "holdings.csv: missing header: expected columns owner_id,owned_id,percentage,start_date,end_date,source (optional: control)",
        ),
        (
            "owner_id,owned_id,percentage\nX,A,50\n".to_string(),
            "holdings.csv: missing header: expected columns owner_id,owned_id,percentage,start_date,end_date,source (optional: control)",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(&text).err().as_deref(), Some(expected), "{text}");
    }
    let empty = parse("").err().unwrap_or_default();
    assert!(empty.starts_with("holdings.csv: missing header"), "{empty}");
}

#[test]
fn reads_from_a_file() {
    let dir = std::env::temp_dir().join(format!("meldpunt-ownership-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("h.csv");
    std::fs::write(
        &path,
        "owner_id,owned_id,percentage,start_date,end_date,source\nX,A,60,,,r\n",
    )
    .expect("write");
    let mut builder = OwnershipGraphBuilder::new();
    assert_eq!(builder.read_shareholdings(&path).ok(), Some(1));
    let missing = builder.read_shareholdings(&dir.join("none.csv"));
    assert!(missing
        .err()
        .is_some_and(|e| e.to_string().contains("none.csv")));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(caught(&builder.build(), &["X"], eu()), ["A:60"]);
}

#[test]
fn a_row_stored_as_ftm_reads_back_as_the_same_relation() {
    let csv = "owner_id,owned_id,percentage,start_date,end_date,source,control\n\
               x,a,25-50%,2019-01,2024-06-30,registry,true\n\
               x,b,10,,,,\n";
    let rows =
        meldpunt_ownership::parse_shareholdings(csv.as_bytes(), std::path::Path::new("mem.csv"))
            .unwrap();
    for (index, row) in rows.iter().enumerate() {
        let entity = row.to_entity(format!("row-{index}"));
        let mut from_csv = meldpunt_ownership::OwnershipGraphBuilder::new();
        from_csv.add_shareholding(row);
        let mut from_ftm = meldpunt_ownership::OwnershipGraphBuilder::new();
        assert!(from_ftm.add_entity(&entity).unwrap());
        let (a, b) = (from_csv.build(), from_ftm.build());
        let as_of = meldpunt_model::PartialDate::parse("2020-01-01").unwrap();
        let listed: std::collections::HashSet<String> = ["x".to_string()].into();
        for rules in [
            meldpunt_ownership::Rules::ofac(as_of),
            meldpunt_ownership::Rules::eu(as_of),
        ] {
            let summary =
                |graph: &meldpunt_ownership::OwnershipGraph| -> Vec<(String, String, f64)> {
                    graph
                        .exposures(&listed, &rules)
                        .into_iter()
                        .map(|e| {
                            (
                                e.entity.to_string(),
                                e.rule.as_str().to_string(),
                                e.aggregate_percentage,
                            )
                        })
                        .collect()
                };
            assert_eq!(summary(&a), summary(&b));
        }
        if row.control {
            let eu = b.exposures(&listed, &meldpunt_ownership::Rules::eu(as_of));
            assert_eq!(eu.len(), 1, "control survives the FtM round trip");
        }
    }
}
