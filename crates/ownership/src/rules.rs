//! Which legal regime to apply, and as of when.

use meldpunt_model::PartialDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleKind {
    /// OFAC's 50% rule: blocked persons owning 50% or more in aggregate.
    Ofac,
    /// EU ownership (more than 50%) and control.
    Eu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rules {
    pub kind: RuleKind,
    /// EU only: pool the holdings of different listed persons. Off by
    /// default because EU guidance leaves aggregation to case-by-case
    /// assessment; each result records the setting it was computed with.
    pub eu_aggregate: bool,
    /// The evaluation date: relations not in force on it are ignored.
    pub as_of: PartialDate,
}

impl Rules {
    pub fn ofac(as_of: PartialDate) -> Rules {
        Rules {
            kind: RuleKind::Ofac,
            eu_aggregate: false,
            as_of,
        }
    }

    pub fn eu(as_of: PartialDate) -> Rules {
        Rules {
            kind: RuleKind::Eu,
            eu_aggregate: false,
            as_of,
        }
    }

    pub fn with_eu_aggregate(mut self, aggregate: bool) -> Rules {
        self.eu_aggregate = aggregate;
        self
    }
}

/// Whether a relation with these dates may be in force on `as_of`.
///
/// Dates are often partial ("2019", "2019-05"), so each is read as the span
/// of days it may denote. A relation is ignored only when it certainly
/// ended before the evaluation date or certainly started after it: an
/// ownership that ended "in 2024" may still have held on 2024-06-01, and a
/// sanctions check should rather look at it than miss it.
pub fn in_force(start: Option<PartialDate>, end: Option<PartialDate>, as_of: PartialDate) -> bool {
    let ended = end.is_some_and(|end| last_day(end) < first_day(as_of));
    let not_started = start.is_some_and(|start| first_day(start) > last_day(as_of));
    !ended && !not_started
}

type Day = (u16, u8, u8);

fn first_day(date: PartialDate) -> Day {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

// 31 for every month is safe: no real day of the month compares above it
// and the next month's first day still compares above it.
fn last_day(date: PartialDate) -> Day {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn window_edges() {
        let as_of = d("2024-06-01");
        assert!(in_force(None, None, as_of));
        assert!(in_force(
            Some(d("2024-06-01")),
            Some(d("2024-06-01")),
            as_of
        ));
        assert!(!in_force(None, Some(d("2024-05-31")), as_of));
        assert!(!in_force(Some(d("2024-06-02")), None, as_of));
        // Partial dates: may still be in force.
        assert!(in_force(None, Some(d("2024")), as_of));
        assert!(in_force(Some(d("2024-06")), None, as_of));
        assert!(!in_force(None, Some(d("2024-05")), as_of));
        assert!(!in_force(Some(d("2025")), None, as_of));
    }
}
