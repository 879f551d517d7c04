//! `ownership import` and `ownership exposure` through the real binary, on
//! the rule examples with known answers.

use crate::common;

use common::{Backend, TestDb};

const LISTED: &str = r#"{"id":"x","schema":"Person","properties":{"name":["Listed Person X"]}}
{"id":"x-sanction","schema":"Sanction","properties":{"entity":["x"],"authority":["OFAC"],"program":["TEST"]}}
"#;

/// X owns 50% of A and 10% of B; A owns 40% of B (the OFAC guidance example);
/// X owns 60% of C until 2020 only; Y owns 30% of D with X at 25%.
const HOLDINGS: &str = "owner_id,owned_id,percentage,start_date,end_date,source\n\
x,a,50,2015-01-01,,registry\n\
x,b,10,2015-01-01,,registry\n\
a,b,40,2018-03-01,,registry\n\
x,c,60,2010-01-01,2020-01-01,registry\n\
x,d,25,2015-01-01,,registry\n\
y,d,30,2015-01-01,,registry\n";

fn setup(db: &TestDb) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed = dir.path().join("listed.ftm.json");
    std::fs::write(&listed, LISTED).expect("write");
    let holdings = dir.path().join("register.csv");
    std::fs::write(&holdings, HOLDINGS).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&listed),
        "--source",
        "test-list",
    ]);
    let out = db.ok(&["ownership", "import", &common::path_str(&holdings)]);
    assert!(out.contains("ownership-register: version"), "{out}");
    assert!(out.contains("Ownership 6"), "{out}");
    dir
}

fn exposures(db: &TestDb, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["ownership", "exposure", "--as-of", "2024-06-01"];
    all.extend_from_slice(args);
    let json = db.ok(&all);
    serde_json::from_str::<Vec<serde_json::Value>>(&json).expect("exposure JSON")
}

fn entities(found: &[serde_json::Value]) -> Vec<String> {
    found
        .iter()
        .filter_map(|e| e["entity"].as_str().map(str::to_string))
        .collect()
}

both_backends!(ofac_and_eu_rules_through_the_cli, |db: &TestDb| {
    let _dir = setup(db);
    let ofac = exposures(db, &["--rules", "ofac"]);
    assert_eq!(entities(&ofac), ["a", "b"]);
    let b = &ofac[1];
    assert_eq!(b["aggregate_percentage"].as_f64(), Some(50.0));
    assert_eq!(b["since"].as_str(), Some("2018-03-01"));
    let explanation = b["explanation"].as_str().unwrap_or_default();
    assert!(explanation.contains("OFAC 50% rule"), "{explanation}");

    // EU: more than 50% is needed, so 50% of A catches nothing.
    assert!(exposures(db, &["--rules", "eu"]).is_empty());
    // Before 2020, X's 60% of C was in force.
    let earlier = db.ok(&[
        "ownership",
        "exposure",
        "--rules",
        "eu",
        "--as-of",
        "2019-06-01",
    ]);
    assert!(earlier.contains("\"c\""), "{earlier}");

    let only_b = exposures(db, &["--rules", "ofac", "--entity", "b"]);
    assert_eq!(entities(&only_b), ["b"]);
    let csv = db.ok(&[
        "ownership",
        "exposure",
        "--as-of",
        "2024-06-01",
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("entity,caption,rule,aggregate_percentage,listed,since,explanation"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3, "{csv}");
});

#[test]
fn bad_register_names_file_and_line() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "owner_id,owned_id,percentage,start_date,end_date,source\nx,a,150,,,\n",
    )
    .expect("write");
    let stderr = db.fails(&["ownership", "import", &common::path_str(&bad)]);
    assert!(
        stderr.contains("bad.csv") && stderr.contains('2'),
        "{stderr}"
    );
    assert!(
        db.ok(&["lists", "ls"]).contains("no lists imported"),
        "store must stay empty"
    );
}

// A company on no list, owned 60% by a listed person through a register,
// is a screening hit under the OFAC rule, with the exposure explained; with
// ownership analysis off it is a plain registry entity without a programme.
both_backends!(screening_reports_indirect_exposure, |db: &TestDb| {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed = dir.path().join("listed.ftm.json");
    std::fs::write(&listed, LISTED).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&listed),
        "--source",
        "test-list",
    ]);
    let registry = dir.path().join("companies.ftm.json");
    std::fs::write(&registry, r#"{"id":"a","schema":"Company","properties":{"name":["Alpha Maritime Trading LLC"],"jurisdiction":["ae"]}}
"#).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&registry),
        "--source",
        "company-register",
    ]);
    let holdings = dir.path().join("register.csv");
    std::fs::write(
        &holdings,
        "owner_id,owned_id,percentage,start_date,end_date,source\nx,a,60,2020-01-01,,registry\n",
    )
    .expect("write");
    db.ok(&["ownership", "import", &common::path_str(&holdings)]);

    let customers = dir.path().join("customers.csv");
    std::fs::write(
        &customers,
        "id,name,schema\nk1,Alpha Maritime Trading,Company\n",
    )
    .expect("write");
    let hits = dir.path().join("hits.jsonl");
    let (input, output) = (common::path_str(&customers), common::path_str(&hits));
    db.ok(&[
        "screen",
        "--input",
        &input,
        "--output",
        &output,
        "--format",
        "jsonl",
        "--as-of",
        "2024-01-01",
    ]);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&hits).expect("hits").trim()).expect("JSON");
    let hit = &line["hits"][0];
    assert_eq!(hit["entity_id"], "a", "{line}");
    assert_eq!(hit["program"], "OFAC 50%", "{line}");
    let explanation = hit["exposure"]["explanation"].as_str().unwrap_or_default();
    assert!(
        explanation.contains("owned 60% by listed Listed Person X"),
        "{explanation}"
    );

    let csv = dir.path().join("hits.csv");
    let csv_path = common::path_str(&csv);
    db.ok(&[
        "screen",
        "--input",
        &input,
        "--output",
        &csv_path,
        "--ownership",
        "off",
    ]);
    let rows = std::fs::read_to_string(&csv).expect("hits");
    assert!(
        rows.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("k1,a,") && l.ends_with(",company-register,")),
        "{rows}"
    );
    // Before the stake was acquired there is no exposure.
    db.ok(&[
        "screen",
        "--input",
        &input,
        "--output",
        &output,
        "--format",
        "jsonl",
        "--as-of",
        "2019-01-01",
    ]);
    let early: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&hits).expect("hits").trim()).expect("JSON");
    assert!(early["hits"][0]["exposure"].is_null(), "{early}");
});
