//! The real lists in ../shared/data through the real binary: entity counts,
//! and list diffs checked against counts computed here independently of the
//! readers (raw CSV rows and raw XML text).

use crate::common;

use common::{Backend, TestDb};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type IdSets = [BTreeSet<String>; 3];

/// The (added, removed, changed) entity ids `lists diff` reports.
fn diff_ids(db: &TestDb, source: &str) -> IdSets {
    let json = db.ok(&["lists", "diff", "--source", source, "--format", "json"]);
    let diff: serde_json::Value = serde_json::from_str(&json).expect("diff JSON");
    let ids = |key: &str| -> BTreeSet<String> {
        diff[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["id"].as_str().map(str::to_string))
            .collect()
    };
    [ids("added"), ids("removed"), ids("changed")]
}

/// (added, removed, changed) ids between two keyed content maps.
fn expected(old: &BTreeMap<String, Vec<String>>, new: &BTreeMap<String, Vec<String>>) -> IdSets {
    let added = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .cloned()
        .collect();
    let removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    let changed = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v))
        .map(|(k, _)| k.clone())
        .collect();
    [added, removed, changed]
}

/// Compares counts, naming the ids on which the two computations disagree.
fn assert_same_diff(
    actual: IdSets,
    want: IdSets,
    old: &BTreeMap<String, Vec<String>>,
    new: &BTreeMap<String, Vec<String>>,
) {
    for (label, (a, w)) in ["added", "removed", "changed"]
        .iter()
        .zip(actual.iter().zip(want.iter()))
    {
        let only_ours: Vec<_> = a.difference(w).take(5).collect();
        let only_raw: Vec<_> = w.difference(a).take(5).collect();
        let raw_detail: Vec<_> = only_raw
            .iter()
            .chain(only_ours.iter())
            .map(|id| {
                let before: BTreeSet<_> = old.get(*id).into_iter().flatten().collect();
                let after: BTreeSet<_> = new.get(*id).into_iter().flatten().collect();
                (
                    id,
                    before
                        .symmetric_difference(&after)
                        .cloned()
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(a.len(), w.len(), "{label}: only in lists diff {only_ours:?}, only in raw {only_raw:?}; raw changes {raw_detail:?}");
    }
}

/// Raw OFAC content per ent_num of `sdn.csv`: every non-null cell of the
/// entity's rows in the four files, without the row numbers of addresses and
/// aliases. Names are compared as (kind, name) whichever file prints them,
/// because OFAC moves f.k.a. names between `alt.csv` and the remarks.
fn ofac_raw(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut content: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut primary = BTreeSet::new();
    for (file, skip) in [
        ("sdn.csv", 1),
        ("alt.csv", 2),
        ("add.csv", 2),
        ("sdn_comments.csv", 1),
    ] {
        let data = std::fs::read(dir.join(file)).expect("read OFAC file");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&data[..]);
        for record in reader.records() {
            let record = record.expect("OFAC CSV row");
            let id = record
                .get(0)
                .unwrap_or_default()
                .trim()
                .trim_matches('\u{1a}')
                .to_string();
            if id.is_empty() || id.parse::<u64>().is_err() {
                continue;
            }
            if file == "sdn.csv" {
                primary.insert(id.clone());
            }
            let cells: Vec<String> = record
                .iter()
                .skip(skip)
                .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let entry = content.entry(id).or_default();
            if file == "alt.csv" {
                let kind = if cells.first().is_some_and(|t| t.eq_ignore_ascii_case("fka")) {
                    "previous"
                } else {
                    "alias"
                };
                entry.push(format!(
                    "name:{kind}:{}",
                    cells.get(1).cloned().unwrap_or_default()
                ));
                continue;
            }
            for cell in cells.into_iter().filter(|c| !c.is_empty() && c != "-0-") {
                let (names, rest) = remark_names(&cell);
                entry.extend(names);
                if !rest.is_empty() {
                    entry.push(format!("{file}:{rest}"));
                }
            }
        }
    }
    content.retain(|id, _| primary.contains(id));
    let content = content
        .into_iter()
        .map(|(id, cells)| (format!("ofac-{id}"), cells))
        .collect::<BTreeMap<_, _>>();
    let mut content = content;
    // Content comparison is order-free: rows and cells may be reordered.
    for cells in content.values_mut() {
        cells.sort();
    }
    content
}

/// Pulls `a.k.a. 'X'` (a weak alias in the remarks) and `f.k.a. 'X'` out of a
/// remarks cell; returns them and the remaining text.
fn remark_names(cell: &str) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let mut rest = String::new();
    let mut text = cell;
    while let Some(at) = ["a.k.a. '", "f.k.a. '", "n.k.a. '"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
    {
        let kind = if &text[at..at + 1] == "f" {
            "previous"
        } else {
            "weak"
        };
        let start = at + "a.k.a. '".len();
        let Some(length) = text[start..].find('\'') else {
            break;
        };
        names.push(format!("name:{kind}:{}", &text[start..start + length]));
        rest.push_str(&text[..at]);
        text = &text[start + length + 1..];
    }
    rest.push_str(text);
    let rest: String = rest
        .split(|c: char| c == ';' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (names, rest)
}

/// Raw UN content per DATAID: the text of every element of the record,
/// without the bookkeeping fields VERSIONNUM and LAST_DAY_UPDATED.
fn un_raw(path: &Path) -> BTreeMap<String, Vec<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_file(path).expect("open UN XML");
    let mut buffer = Vec::new();
    let mut content = BTreeMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    loop {
        match reader.read_event_into(&mut buffer).expect("UN XML") {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                if name == "INDIVIDUAL" || name == "ENTITY" {
                    current = Some((String::new(), Vec::new()));
                }
                stack.push(name);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if name == "INDIVIDUAL" || name == "ENTITY" {
                    if let Some((id, mut cells)) = current.take() {
                        cells.sort();
                        content.insert(id, cells);
                    }
                }
            }
            Event::Text(text) => {
                let text = text
                    .unescape()
                    .expect("text")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let field = stack.last().cloned().unwrap_or_default();
                if let Some((id, cells)) = current.as_mut() {
                    if text.is_empty() || field == "VERSIONNUM" {
                        // bookkeeping
                    } else if field == "DATAID" {
                        *id = format!("un-{text}");
                    } else if !stack.iter().any(|s| s == "LAST_DAY_UPDATED") {
                        // Country names compare by ISO code: "Iran" and "Iran
                        // (Islamic Republic of)" are one country.
                        let in_address = stack.iter().any(|s| s.ends_with("_ADDRESS"));
                        let country_field = stack.iter().any(|s| s == "NATIONALITY")
                            || (field.contains("COUNTRY") && !in_address);
                        let value = match meldpunt_model::country_code(&text) {
                            Some(code) if country_field => code,
                            _ => text,
                        };
                        cells.push(format!("{}={value}", stack[2..].join("/")));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    content
}

fn shared(relative: &str) -> Option<std::path::PathBuf> {
    meldpunt_testkit::shared_file(relative)
}

both_backends!(ofac_sdn_counts_and_diff, |db: &TestDb| {
    let (Some(old), Some(new)) = (
        shared("lists/ofac/sdn-2019-01"),
        shared("lists/ofac/sdn-2021-07"),
    ) else {
        return;
    };
    let out = db.ok(&["lists", "import", &common::path_str(&old)]);
    assert!(out.contains("7379 entities"), "{out}");
    let out = db.ok(&["lists", "import", &common::path_str(&new)]);
    assert!(out.contains("8976 entities"), "{out}");
    for expected_count in ["Person 4620", "Vessel 406", "Aircraft 277"] {
        assert!(
            out.contains(expected_count),
            "missing {expected_count} in {out}"
        );
    }
    let (old, new) = (ofac_raw(&old), ofac_raw(&new));
    assert_same_diff(diff_ids(db, "ofac-sdn"), expected(&old, &new), &old, &new);
});

both_backends!(un_counts_and_diff, |db: &TestDb| {
    let (Some(old), Some(new)) = (
        shared("lists/un/consolidated-2020-11-24.xml"),
        shared("lists/un/consolidated-2026-02-27.xml"),
    ) else {
        return;
    };
    let out = db.ok(&["lists", "import", &common::path_str(&old)]);
    assert!(
        out.contains("Person 713") && out.contains("Organization 305"),
        "{out}"
    );
    let out = db.ok(&["lists", "import", &common::path_str(&new)]);
    assert!(
        out.contains("Person 730") && out.contains("Organization 273"),
        "{out}"
    );
    let (old, new) = (un_raw(&old), un_raw(&new));
    assert_same_diff(diff_ids(db, "un-sc"), expected(&old, &new), &old, &new);
});

both_backends!(ofac_consolidated_and_export, |db: &TestDb| {
    let Some(dir) = shared("lists/ofac/consolidated-2025-12") else {
        return;
    };
    let out = db.ok(&["lists", "import", &common::path_str(&dir)]);
    assert!(
        out.contains("ofac-cons") && out.contains("442 entities"),
        "{out}"
    );
    // Re-importing identical files makes no new version.
    let again = db.ok(&["lists", "import", &common::path_str(&dir)]);
    assert!(again.contains("unchanged"), "{again}");
    // Export as FtM, import the export as a new source: same entities.
    let export = tempfile::NamedTempFile::new().expect("temp file");
    let path = common::path_str(export.path());
    db.ok(&[
        "lists",
        "export",
        "--source",
        "ofac-cons",
        "--format",
        "ftm",
        "--output",
        &path,
    ]);
    let out = db.ok(&[
        "lists",
        "import",
        &path,
        "--format",
        "ftm",
        "--source",
        "ofac-cons-roundtrip",
    ]);
    assert!(out.contains("442 entities"), "{out}");
    let listing = db.ok(&["lists", "ls"]);
    assert!(listing.contains("ofac-cons-roundtrip"), "{listing}");
});

#[test]
fn every_real_list_imports_with_counts() {
    let Some(db) = TestDb::new(Backend::Sqlite) else {
        return;
    };
    let Some(data) = meldpunt_testkit::shared_data() else {
        return;
    };
    let lists = data.join("lists");
    let mut sources = BTreeSet::new();
    for relative in [
        "ofac/sdn-2021-07",
        "ofac/consolidated-2025-12",
        "un/consolidated-2026-02-27.xml",
        "eu/data/consolidated",
        "opensanctions/zala.entities.ftm.json",
    ] {
        let out = db.ok(&["lists", "import", &common::path_str(&lists.join(relative))]);
        for line in out.lines().filter(|l| l.contains(": version ")) {
            sources.insert(line.split(':').next().unwrap_or_default().to_string());
        }
    }
    assert!(sources.len() >= 5, "{sources:?}");
}
