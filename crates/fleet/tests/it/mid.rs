//! The MID table against libais' copy of the ITU MARS list.

use meldpunt_fleet::ais::mid::{all_mids, country_for_mid};

#[test]
fn every_mid_in_libais_is_in_the_table_and_no_more() {
    let Some(path) = meldpunt_testkit::shared_file("ais/libais/mid.csv") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    let mut theirs: Vec<u16> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next()?.parse().ok())
        .collect();
    theirs.sort_unstable();
    let ours: Vec<u16> = all_mids().map(|(m, _)| m).collect();
    assert_eq!(ours, theirs);
    // Spot checks of names that do not spell their code.
    for line in text.lines().skip(1) {
        let Some((mid, country)) = line.split_once(',') else {
            continue;
        };
        let Ok(mid) = mid.parse::<u16>() else {
            continue;
        };
        let code = country_for_mid(mid).expect("listed");
        let expect = [
            ("Hong Kong", "HK"),
            ("Russian", "RU"),
            ("Liberia", "LR"),
            ("Panama", "PA"),
            ("Marshall", "MH"),
            ("Iran", "IR"),
            ("Korea (Republic", "KR"),
            ("Democratic People", "KP"),
        ];
        for (name, iso) in expect {
            if country.contains(name) {
                assert_eq!(code, iso, "MID {mid} {country}");
            }
        }
    }
}
