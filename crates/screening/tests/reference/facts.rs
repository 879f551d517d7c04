//! Evidence beside the name: identifiers, birth dates, countries, gender.

use meldpunt_model::{DateSpec, IdKind, PartialDate};

use meldpunt_screening::explain::Feature;
use meldpunt_screening::prepare::{BirthDate, PreparedEntity};

use super::ScoringConfig;

/// Kinds issued once per entity worldwide: a different value of one of
/// these says the entities differ.
pub fn is_unique_kind(kind: IdKind) -> bool {
    matches!(
        kind,
        IdKind::Imo | IdKind::Lei | IdKind::Inn | IdKind::Ogrn | IdKind::Mmsi
    )
}

/// Identifier agreement or conflict. A shared value of one kind returns
/// `identifier_match` (decisive) with the floor it lifts the score to.
pub fn identifiers(
    q: &PreparedEntity,
    c: &PreparedEntity,
) -> (Option<(IdKind, String)>, Vec<IdKind>) {
    let shared = q
        .identifiers
        .iter()
        .find(|qi| c.identifiers.iter().any(|ci| ci == *qi))
        .cloned();
    let mut conflicts = Vec::new();
    if shared.is_none() {
        for (kind, _) in &q.identifiers {
            if is_unique_kind(*kind)
                && !conflicts.contains(kind)
                && c.identifiers.iter().any(|(k, _)| k == kind)
            {
                conflicts.push(*kind);
            }
        }
    }
    (shared, conflicts)
}

/// How two sets of birth dates relate, best relation first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateRelation {
    Exact,
    /// Year ranges overlap; finer parts unknown on a side.
    Overlap,
    /// One typo away: transposed digits or day and month swapped.
    NearMiss,
    /// Same year, different month or day.
    DayConflict,
    YearConflict,
}

pub fn birth_dates(q: &[BirthDate], c: &[BirthDate]) -> Option<(DateRelation, String)> {
    let mut best: Option<(DateRelation, String)> = None;
    for a in q {
        for b in c {
            let relation = relate(a, b);
            if best.as_ref().is_none_or(|(r, _)| relation < *r) {
                best = Some((relation, format!("{} ~ {}", a.spec, b.spec)));
            }
        }
    }
    best
}

fn relate(a: &BirthDate, b: &BirthDate) -> DateRelation {
    let overlap = a.years.0 <= b.years.1 && b.years.0 <= a.years.1;
    match (a.spec, b.spec) {
        (DateSpec::Exact(x), DateSpec::Exact(y)) if x.is_full() && y.is_full() => {
            if x == y {
                DateRelation::Exact
            } else if near_miss(&x, &y) {
                DateRelation::NearMiss
            } else if x.year == y.year {
                DateRelation::DayConflict
            } else {
                DateRelation::YearConflict
            }
        }
        (DateSpec::Exact(x), DateSpec::Exact(y)) if overlap => match (x.month, y.month) {
            (Some(m), Some(n)) if m != n => DateRelation::DayConflict,
            _ => DateRelation::Overlap,
        },
        _ if overlap => DateRelation::Overlap,
        (DateSpec::Exact(x), DateSpec::Exact(y)) if digits_near(x.year, y.year) => {
            DateRelation::NearMiss
        }
        _ => DateRelation::YearConflict,
    }
}

fn near_miss(x: &PartialDate, y: &PartialDate) -> bool {
    let swapped = x.year == y.year && x.month == y.day && x.day == y.month;
    let one_part_off = |a: Option<u8>, b: Option<u8>| {
        a == b
            || a.zip(b)
                .is_some_and(|(a, b)| digits_near(u16::from(a), u16::from(b)))
    };
    swapped
        || (x.year == y.year && x.month == y.month && one_part_off(x.day, y.day))
        || (x.year == y.year && x.day == y.day && one_part_off(x.month, y.month))
        || (x.month == y.month && x.day == y.day && digits_near(x.year, y.year))
}

/// Two numbers one keying slip apart: adjacent digits transposed or one
/// digit mistyped.
fn digits_near(a: u16, b: u16) -> bool {
    let (sa, sb) = (format!("{a:04}"), format!("{b:04}"));
    let (da, db) = (sa.as_bytes(), sb.as_bytes());
    if da.len() != db.len() {
        return false;
    }
    let diffs: Vec<usize> = (0..da.len()).filter(|&i| da[i] != db[i]).collect();
    match diffs.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && da[*i] == db[*j] && da[*j] == db[*i],
        _ => false,
    }
}

pub fn date_feature(relation: DateRelation, detail: String, cfg: &ScoringConfig) -> Feature {
    let (name, weight) = match relation {
        DateRelation::Exact => ("dob_match", cfg.dob_match_bonus),
        DateRelation::Overlap => ("dob_year_match", 0.0),
        DateRelation::NearMiss => ("dob_near_miss", -cfg.dob_near_miss_penalty),
        DateRelation::DayConflict => ("dob_day_conflict", -cfg.dob_day_penalty),
        DateRelation::YearConflict => ("dob_year_conflict", -cfg.dob_year_penalty),
    };
    Feature::new(name, 1.0, weight, detail)
}

pub fn countries(q: &PreparedEntity, c: &PreparedEntity, cfg: &ScoringConfig) -> Option<Feature> {
    if q.countries.is_empty() || c.countries.is_empty() {
        return None;
    }
    let detail = format!("{} ~ {}", q.countries.join(","), c.countries.join(","));
    let shared = q.countries.iter().any(|x| c.countries.contains(x));
    Some(if shared {
        Feature::new("country_match", 1.0, 0.0, detail)
    } else {
        Feature::new("country_conflict", 1.0, -cfg.country_penalty, detail)
    })
}

pub fn gender(q: &PreparedEntity, c: &PreparedEntity, cfg: &ScoringConfig) -> Option<Feature> {
    let (a, b) = (q.gender?, c.gender?);
    (a != b).then(|| {
        Feature::new(
            "gender_conflict",
            1.0,
            -cfg.gender_penalty,
            format!("{} ~ {}", a.as_str(), b.as_str()),
        )
    })
}
