//! Dates as sanctions lists print them: full, year-month, year only, circa,
//! and ranges ("1960 to 1962").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

use crate::ModelError;

/// A calendar date of which the month and day may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// A birth (or listing) date claim: one date, an approximate date, or a range
/// of years or dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateSpec {
    Exact(PartialDate),
    Circa(PartialDate),
    Range(PartialDate, PartialDate),
}

const MONTHS: [(&str, u8); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
    ("sept", 9),
    ("janvier", 1),
    ("février", 2),
    ("décembre", 12),
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

impl PartialDate {
    /// Builds a date, treating 0 month/day as unknown (UK and UN lists print
    /// "00/00/1975") and rejecting impossible calendar dates.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, ModelError> {
        let month = month.filter(|m| *m != 0);
        let day = day.filter(|d| *d != 0).filter(|_| month.is_some());
        let invalid = || ModelError::InvalidDate(format!("{year}-{month:?}-{day:?}"));
        if !(1000..=2999).contains(&year) {
            return Err(invalid());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(invalid());
            }
            if let Some(d) = day {
                if d > days_in_month(year, m) {
                    return Err(invalid());
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn year(year: u16) -> Result<Self, ModelError> {
        Self::new(year, None, None)
    }

    /// Parses one date in any of the shapes lists use.
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let invalid = || ModelError::InvalidDate(text.to_string());
        let cleaned = text.trim().trim_end_matches('.').trim();
        if cleaned.is_empty() {
            return Err(invalid());
        }
        // ISO, possibly with a time part.
        let iso = match cleaned.split_once(['T', ' ']) {
            Some((date, time)) if time.contains(':') => date,
            _ => cleaned,
        };
        if iso.len() >= 4 && iso.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            let parts: Vec<&str> = iso.split('-').collect();
            let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
            let widths_ok =
                parts[0].len() == 4 && parts.iter().skip(1).all(|p| p.len() <= 2 && !p.is_empty());
            if parts.len() <= 3 && all_digits && widths_ok {
                let year = num(parts[0]).ok_or_else(invalid)?;
                let month = parts.get(1).and_then(|p| num(p)).map(|m| m as u8);
                let day = parts.get(2).and_then(|p| num(p)).map(|d| d as u8);
                return Self::new(year, month, day).map_err(|_| invalid());
            }
        }
        // Numeric day-first: 21/04/1975, 21.4.1975, 21-04-1975.
        let numeric: Vec<&str> = cleaned.split(['/', '.', '-']).map(str::trim).collect();
        if numeric.len() == 3
            && numeric
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            if numeric[2].len() == 4 {
                let (d, m, y) = (num(numeric[0]), num(numeric[1]), num(numeric[2]));
                if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                    return Self::new(y, Some(m as u8), Some(d as u8)).map_err(|_| invalid());
                }
            }
            return Err(invalid());
        }
        if numeric.len() == 2
            && numeric[1].len() == 4
            && numeric
                .iter()
                .all(|p| p.chars().all(|c| c.is_ascii_digit()))
        {
            if let (Some(m), Some(y)) = (num(numeric[0]), num(numeric[1])) {
                return Self::new(y, Some(m as u8), None).map_err(|_| invalid());
            }
        }
        Self::parse_worded(cleaned).ok_or_else(invalid)
    }

    /// "21 Apr 1975", "Apr. 21, 1975", "April 1975", "26 Feb. 2011".
    fn parse_worded(text: &str) -> Option<Self> {
        let lower = text.to_lowercase();
        let tokens: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '-' || c == '/')
            .filter(|t| !t.is_empty())
            .collect();
        let mut year = None;
        let mut month = None;
        let mut day = None;
        for token in tokens {
            if token.chars().all(|c| c.is_ascii_digit()) {
                let value = num(token)?;
                match token.len() {
                    4 if year.is_none() => year = Some(value),
                    1 | 2 if day.is_none() => day = Some(value as u8),
                    _ => return None,
                }
            } else if month.is_none() {
                month = month_number(token);
                month?;
            } else {
                return None;
            }
        }
        let date = Self::new(year?, month, day.filter(|_| month.is_some())).ok()?;
        Some(date)
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }
}

fn num(text: &str) -> Option<u16> {
    if text.is_empty() || text.len() > 4 {
        return None;
    }
    text.parse().ok()
}

fn month_number(token: &str) -> Option<u8> {
    let token = token.trim_end_matches('.');
    if token.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| {
            name.starts_with(token) || (token.len() > name.len() && token.starts_with(name))
        })
        .map(|(_, n)| *n)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

const CIRCA_PREFIXES: [&str; 7] = [
    "circa",
    "approximately",
    "approx.",
    "approx",
    "about",
    "ca.",
    "c.",
];

impl DateSpec {
    /// Parses a date claim: "1975-04-21", "circa 1975", "1960 to 1962",
    /// "between 1960 and 1962", "1960-1962", "1960..1962".
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        if let Some(rest) = lower.strip_prefix('~') {
            return PartialDate::parse(rest).map(DateSpec::Circa);
        }
        for prefix in CIRCA_PREFIXES {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return PartialDate::parse(rest).map(DateSpec::Circa);
            }
        }
        if let Ok(date) = PartialDate::parse(trimmed) {
            return Ok(DateSpec::Exact(date));
        }
        let body = lower.strip_prefix("between ").unwrap_or(&lower);
        for separator in ["..", " to ", " and ", " - ", "-", "/"] {
            if let Some((from, to)) = body.split_once(separator) {
                if let (Ok(from), Ok(to)) = (PartialDate::parse(from), PartialDate::parse(to)) {
                    if from <= to {
                        return Ok(DateSpec::Range(from, to));
                    }
                }
            }
        }
        Err(ModelError::InvalidDate(text.to_string()))
    }

    /// The earliest date the claim allows.
    pub fn start(&self) -> PartialDate {
        match self {
            DateSpec::Exact(d) | DateSpec::Circa(d) | DateSpec::Range(d, _) => *d,
        }
    }

    /// The years the claim covers (circa widens by one year each way).
    pub fn years(&self) -> std::ops::RangeInclusive<u16> {
        match self {
            DateSpec::Exact(d) => d.year..=d.year,
            DateSpec::Circa(d) => d.year.saturating_sub(1)..=d.year.saturating_add(1),
            DateSpec::Range(a, b) => a.year..=b.year,
        }
    }

    /// FtM has no ranges: a range is written as the dates of its years
    /// (endpoints only beyond ten years), as OpenSanctions does.
    pub fn to_ftm_values(&self) -> Vec<String> {
        match self {
            DateSpec::Exact(d) | DateSpec::Circa(d) => vec![d.to_string()],
            DateSpec::Range(a, b)
                if b.year - a.year <= 10 && a.month.is_none() && b.month.is_none() =>
            {
                (a.year..=b.year).map(|y| format!("{y:04}")).collect()
            }
            DateSpec::Range(a, b) => vec![a.to_string(), b.to_string()],
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Exact(d) => write!(f, "{d}"),
            DateSpec::Circa(d) => write!(f, "~{d}"),
            DateSpec::Range(a, b) => write!(f, "{a}..{b}"),
        }
    }
}

impl FromStr for DateSpec {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateSpec::parse(s)
    }
}

impl FromStr for PartialDate {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartialDate::parse(s)
    }
}

macro_rules! serde_as_string {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_as_string!(DateSpec);
serde_as_string!(PartialDate);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spec(text: &str) -> String {
        DateSpec::parse(text)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn parses_list_shapes() {
        assert_eq!(spec("1975-04-21"), "1975-04-21");
        assert_eq!(spec("1975"), "1975");
        assert_eq!(spec("1975-04"), "1975-04");
        assert_eq!(spec("21/04/1975"), "1975-04-21");
        assert_eq!(spec("00/00/1975"), "1975");
        assert_eq!(spec("00/04/1975"), "1975-04");
        assert_eq!(spec("21.4.1975"), "1975-04-21");
        assert_eq!(spec("21 Apr 1975"), "1975-04-21");
        assert_eq!(spec("26 Feb. 2011"), "2011-02-26");
        assert_eq!(spec("Apr 1975"), "1975-04");
        assert_eq!(spec("April 21, 1975"), "1975-04-21");
        assert_eq!(spec("Approximately 1952"), "~1952");
        assert_eq!(spec("circa 1952"), "~1952");
        assert_eq!(spec("1960 to 1962"), "1960..1962");
        assert_eq!(spec("Between 1960 and 1962"), "1960..1962");
        assert_eq!(spec("1960 - 1962"), "1960..1962");
        assert_eq!(spec("2021-02-24T10:00:00"), "2021-02-24");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(DateSpec::parse("31/02/1975").is_err());
        assert!(DateSpec::parse("1975-13-01").is_err());
        assert!(DateSpec::parse("").is_err());
        assert!(DateSpec::parse("unknown").is_err());
        assert!(DateSpec::parse("1962 to 1960").is_err());
        assert_eq!(spec("29/02/2000"), "2000-02-29");
        assert!(DateSpec::parse("29/02/1900").is_err());
    }

    #[test]
    fn range_exports_years() {
        let range = DateSpec::parse("1960 to 1962").unwrap();
        assert_eq!(range.to_ftm_values(), vec!["1960", "1961", "1962"]);
        assert_eq!(range.years(), 1960..=1962);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = DateSpec::parse(&text);
        }

        #[test]
        fn display_round_trips(year in 1000u16..2999, month in 0u8..=12, day in 0u8..=31) {
            if let Ok(date) = PartialDate::new(year, Some(month), Some(day)) {
                for spec in [DateSpec::Exact(date), DateSpec::Circa(date)] {
                    prop_assert_eq!(DateSpec::parse(&spec.to_string()), Ok(spec));
                }
                let text = format!("{:02}/{:02}/{:04}", day, month, year);
                if day != 0 && month != 0 {
                    prop_assert_eq!(PartialDate::parse(&text), Ok(date));
                }
            }
        }
    }
}
