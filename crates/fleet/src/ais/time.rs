//! Calendar arithmetic for receiver timestamps, kept here so the crate needs
//! no date library for one conversion.

/// Unix seconds of a UTC civil time, or `None` if a part is out of range.
pub fn unix_time(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Option<i64> {
    let valid = (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    if !valid {
        return None;
    }
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    Some(days * 86_400 + i64::from(hour * 3600 + minute * 60 + second))
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_instants() {
        assert_eq!(super::unix_time(1970, 1, 1, 0, 0, 0), Some(0));
        assert_eq!(
            super::unix_time(2014, 12, 10, 0, 41, 53),
            Some(1_418_172_113)
        );
        assert_eq!(super::unix_time(2008, 5, 9, 0, 0, 0), Some(1_210_291_200));
        assert_eq!(super::unix_time(2008, 13, 9, 0, 0, 0), None);
    }
}
