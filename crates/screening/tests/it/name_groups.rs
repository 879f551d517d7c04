//! Measures how often the members of a group of equivalent person names
//! (the shared reference list person_name_groups.txt) reach one common
//! skeleton key. The share is printed, not tuned to: it tracks the
//! skeleton's recall across romanisation conventions.

use meldpunt_screening::{normalize_name, NameClass};
use std::collections::BTreeMap;

/// Letters of the scripts the measure covers: Latin, Cyrillic, Arabic.
fn covered(member: &str) -> bool {
    member.chars().filter(|c| c.is_alphabetic()).all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x0400..=0x052F | 0x0600..=0x06FF)
    })
}

fn script_of(member: &str) -> &'static str {
    let any = |lo: u32, hi: u32| member.chars().any(|c| (lo..=hi).contains(&(c as u32)));
    if any(0x0400, 0x052F) {
        "cyrillic"
    } else if any(0x0600, 0x06FF) {
        "arabic"
    } else {
        "latin"
    }
}

fn keys(member: &str) -> Vec<Vec<String>> {
    normalize_name(member, NameClass::Person)
        .map(|n| n.skeleton_keys())
        .unwrap_or_default()
}

#[test]
fn skeleton_agreement_on_name_groups() {
    let Some(path) = meldpunt_testkit::shared_file("names/person_name_groups.txt") else {
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    // Every group of the list.
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut pairs, mut agreeing_pairs) = (0usize, 0usize);
    for line in text.lines().step_by(1) {
        let Some((members, _)) = line.split_once("=>") else {
            continue;
        };
        let members: Vec<&str> = members
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty() && covered(m))
            .collect();
        if members.len() < 2 {
            continue;
        }
        let member_keys: Vec<Vec<Vec<String>>> = members.iter().map(|m| keys(m)).collect();
        for (i, a) in member_keys.iter().enumerate() {
            for b in &member_keys[i + 1..] {
                pairs += 1;
                agreeing_pairs += usize::from(a.iter().any(|k| b.contains(k)));
            }
        }
        let agree = member_keys[0]
            .iter()
            .any(|k| member_keys[1..].iter().all(|other| other.contains(k)));
        let mut scripts: Vec<&str> = members.iter().map(|m| script_of(m)).collect();
        scripts.sort();
        scripts.dedup();
        for label in ["all".to_string(), scripts.join("+")] {
            let entry = totals.entry(label).or_default();
            entry.0 += 1;
            entry.1 += usize::from(agree);
        }
    }
    for (label, (groups, agreeing)) in &totals {
        let share = *agreeing as f64 / (*groups).max(1) as f64;
        println!("skeleton agreement [{label}]: {agreeing}/{groups} = {share:.3}");
    }
    println!(
        "skeleton agreement [member pairs]: {agreeing_pairs}/{pairs} = {:.3}",
        agreeing_pairs as f64 / pairs.max(1) as f64
    );
    let (groups, agreeing) = totals.get("all").copied().unwrap_or((0, 0));
    assert!(groups > 0);
    assert!(agreeing as f64 / groups as f64 > 0.4);
}

#[test]
#[ignore = "diagnostic: prints disagreeing groups"]
fn print_disagreements() {
    let Some(path) = meldpunt_testkit::shared_file("names/person_name_groups.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for line in text.lines().step_by(13).take(3000) {
        let Some((members, _)) = line.split_once("=>") else {
            continue;
        };
        let members: Vec<&str> = members
            .split(',')
            .map(str::trim)
            .filter(|m| covered(m))
            .collect();
        let member_keys: Vec<Vec<Vec<String>>> = members.iter().map(|m| keys(m)).collect();
        let agree = member_keys.first().is_some_and(|first| {
            first
                .iter()
                .any(|k| member_keys[1..].iter().all(|other| other.contains(k)))
        });
        if members.len() < 2 || agree {
            continue;
        }
        let rendered: Vec<String> = members
            .iter()
            .map(|m| {
                format!(
                    "{m}={:?}",
                    keys(m).iter().map(|k| k.join(" ")).collect::<Vec<_>>()
                )
            })
            .collect();
        println!("{}", rendered.join(" | "));
    }
}
