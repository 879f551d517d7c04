//! `meldpunt screen` and `meldpunt compare` through the real binary, on the
//! project's demo list.

use crate::common;

use common::{Backend, TestDb};

const DEMO_V1: &str = include_str!("../../demo/demo-list-v1.ftm.json");

fn with_demo_list(db: &TestDb) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("demo.ftm.json");
    std::fs::write(&list, DEMO_V1).expect("write");
    db.ok(&[
        "lists",
        "import",
        &common::path_str(&list),
        "--source",
        "demo",
    ]);
    dir
}

fn screen(
    db: &TestDb,
    dir: &tempfile::TempDir,
    input: &str,
    extra: &[&str],
) -> (bool, String, String) {
    let input_path = dir.path().join("customers.csv");
    std::fs::write(&input_path, input).expect("write");
    let output_path = dir.path().join("hits.out");
    let (input_arg, output_arg) = (
        common::path_str(&input_path),
        common::path_str(&output_path),
    );
    let mut args = vec!["screen", "--input", &input_arg, "--output", &output_arg];
    args.extend_from_slice(extra);
    let run = db.cmd().args(&args).output().expect("run meldpunt");
    let output = std::fs::read_to_string(&output_path).unwrap_or_default();
    (
        run.status.success(),
        output,
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

both_backends!(
    screen_finds_cross_script_and_identifier_hits,
    |db: &TestDb| {
        let dir = with_demo_list(db);
        let customers = "id,name,schema,birth_date,nationality,imo\n\
                     k1,Иван Петрович Сидоров,Person,1961-03-14,ru,\n\
                     k2,Olga Morozova,Person,,,\n\
                     k3,Totally Unrelated Person,Person,,,\n\
                     k4,POLAR DAWN,Vessel,,,9074729\n";
        let (ok, output, stderr) = screen(db, &dir, customers, &[]);
        assert!(ok, "{stderr}");
        let mut lines = output.lines();
        assert_eq!(
            lines.next(),
            Some("query_id,entity_id,score,query_name,matched_name,source,program")
        );
        let hits: Vec<(String, String)> = lines
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[0].to_string(), cells[1].to_string())
            })
            .collect();
        assert!(hits.contains(&("k1".into(), "demo-1".into())), "{output}");
        assert!(hits.contains(&("k2".into(), "demo-2".into())), "{output}");
        assert!(hits.contains(&("k4".into(), "demo-7".into())), "{output}");
        assert!(!hits.iter().any(|(q, _)| q == "k3"), "{output}");
        assert!(stderr.contains("screened 4 records"), "{stderr}");

        // JSON lines carry explanations, the list version and the algorithm version.
        let (ok, output, stderr) = screen(db, &dir, customers, &["--format", "jsonl"]);
        assert!(ok, "{stderr}");
        let first: serde_json::Value =
            serde_json::from_str(output.lines().next().unwrap_or_default()).expect("JSON line");
        let hit = &first["hits"][0];
        assert_eq!(hit["entity_id"], "demo-1");
        assert!(
            hit["version_id"].as_str().is_some_and(|v| !v.is_empty()),
            "{hit}"
        );
        assert!(
            hit["algorithm_version"]
                .as_str()
                .is_some_and(|v| v.contains("norm")),
            "{hit}"
        );
        assert!(
            hit["features"].as_array().is_some_and(|f| !f.is_empty()),
            "{hit}"
        );
    }
);

#[test]
fn screen_reports_bad_rows_by_line_and_fails() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let dir = with_demo_list(&db);
    let long_name = "A".repeat(10 * 1024 * 1024);
    let customers = format!(
        "id,name,birth_date\nk1,Olga Morozova,\nk2,,\nk3,{long_name},\nk4,Jan,31/02/1975\n"
    );
    let (ok, output, stderr) = screen(&db, &dir, &customers, &[]);
    assert!(!ok, "rejected rows must fail the run");
    for needle in [
        "customers.csv:3: empty name",
        "customers.csv:4: name of",
        "customers.csv:5: birth_date",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in {stderr}");
    }
    assert!(stderr.contains("3 rows rejected"), "{stderr}");
    assert!(
        output.contains("k1,demo-2"),
        "good rows are still screened: {output}"
    );

    let (ok, _, stderr) = screen(&db, &dir, "id,name,shoe_size\nk1,Jan,44\n", &[]);
    assert!(
        !ok && stderr.contains("unknown column 'shoe_size'"),
        "{stderr}"
    );
    let (ok, _, stderr) = screen(&db, &dir, "id,name\nk1,Jan\n", &["--threshold", "1.5"]);
    assert!(!ok && stderr.contains("--threshold"), "{stderr}");
}

#[test]
fn screen_without_lists_says_so() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, _, stderr) = screen(&db, &dir, "id,name\nk1,Jan\n", &[]);
    assert!(!ok && stderr.contains("no lists"), "{stderr}");
}

#[test]
fn compare_scores_csv_and_json_pairs() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, "pair,name1,name2,schema\np1,Olaf Scholz,Olaf Scholz,Person\np2,Angela Merkel,Usama bin Laden,Person\np3,,x,Person\n").expect("write");
    let out = dir.path().join("scored.csv");
    let run = db
        .cmd()
        .args([
            "compare",
            "--input",
            &common::path_str(&pairs),
            "--output",
            &common::path_str(&out),
        ])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        !run.status.success() && stderr.contains("pairs.csv:4: empty name1"),
        "{stderr}"
    );
    let scored = std::fs::read_to_string(&out).expect("output");
    let mut lines = scored.lines();
    assert_eq!(lines.next(), Some("pair,name1,name2,schema,score,match"));
    assert_eq!(
        lines.next(),
        Some("p1,Olaf Scholz,Olaf Scholz,Person,1.0000,true")
    );
    assert!(
        lines.next().is_some_and(|l| l.ends_with(",false")),
        "{scored}"
    );

    let json = dir.path().join("pairs.jsonl");
    std::fs::write(&json, r#"{"query": {"id": "q", "schema": "Person", "properties": {"name": ["Владимир Путин"]}}, "candidate": {"id": "c", "schema": "Person", "properties": {"name": ["Vladimir PUTIN"]}}}
"#).expect("write");
    let out = dir.path().join("scored.jsonl");
    db.ok(&[
        "compare",
        "--input",
        &common::path_str(&json),
        "--output",
        &common::path_str(&out),
    ]);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).expect("output").trim()).expect("JSON");
    assert_eq!(line["match"], true, "{line}");
    assert!(
        line["explanation"]["features"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{line}"
    );
}
