//! Gatehouse `$PGHP,1,…` wrapper sentences: the receiver time of the AIS
//! sentence that follows (`$PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,country,region,…`).

use super::time::unix_time;
use crate::DecodeError;

/// The receiver time (Unix seconds) a `PGHP` type-1 sentence carries;
/// `fields[0]` is the address. Other PGHP types carry no time: `None`.
pub fn parse(fields: &[&str]) -> Result<Option<i64>, DecodeError> {
    if fields.get(1) != Some(&"1") {
        return Ok(None);
    }
    if fields.len() < 9 {
        return Err(bad(&fields.join(",")));
    }
    let mut parts = [0u32; 6];
    for (slot, field) in parts.iter_mut().zip(&fields[2..8]) {
        *slot = field.parse().map_err(|_| bad(field))?;
    }
    let [year, month, day, hour, minute, second] = parts;
    unix_time(year, month, day, hour, minute, second)
        .map(Some)
        .ok_or_else(|| bad(&fields[2..8].join(",")))
}

fn bad(value: &str) -> DecodeError {
    DecodeError::BadField {
        line: 0,
        field: "PGHP timestamp",
        value: value.chars().take(40).collect(),
    }
}
