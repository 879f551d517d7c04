//! IEC 61162-450 tag blocks: `\s:source,c:unix_time,g:1-2-1234*hh\` before a
//! sentence, with their own checksum over the text between `\` and `*`.

use super::sentence::{checksum, parse_hex_checksum};
use crate::DecodeError;

/// The parts of a tag block this crate uses; other keys are skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagBlock {
    /// `s:` the source (receiver or feed) identifier.
    pub source: Option<String>,
    /// `c:` the receiver time in Unix seconds.
    pub unix_time: Option<i64>,
    /// `g:` (or `G:`) which sentence of a group this is.
    pub group: Option<Group>,
    /// `n:` a line counter.
    pub line_count: Option<u64>,
    /// `t:` free text.
    pub text: Option<String>,
}

/// `g:sentence-total-id`: sentences sharing an id belong together; only the
/// first usually carries `s:` and `c:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub sentence: u32,
    pub total: u32,
    pub id: u64,
}

/// Splits a line into its tag block (if any) and the sentence after it.
pub fn split(line: &str) -> Result<(Option<TagBlock>, &str), DecodeError> {
    let (fields, rest) = split_fields(line)?;
    Ok((fields.map(TagFields::to_owned), rest))
}

/// Parses the text between the backslashes.
pub fn parse(block: &str) -> Result<TagBlock, DecodeError> {
    parse_fields(block).map(|f| f.to_owned())
}

/// A tag block's fields borrowed from the line: what [`split`] and
/// [`parse`] read, without allocating, for the decoder's hot path.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TagFields<'a> {
    pub source: Option<&'a str>,
    pub unix_time: Option<i64>,
    pub group: Option<Group>,
    pub line_count: Option<u64>,
    pub text: Option<&'a str>,
}

impl TagFields<'_> {
    fn to_owned(self) -> TagBlock {
        TagBlock {
            source: self.source.map(str::to_string),
            unix_time: self.unix_time,
            group: self.group,
            line_count: self.line_count,
            text: self.text.map(str::to_string),
        }
    }
}

/// [`split`], borrowing.
pub(crate) fn split_fields(line: &str) -> Result<(Option<TagFields<'_>>, &str), DecodeError> {
    let Some(rest) = line.strip_prefix('\\') else {
        return Ok((None, line));
    };
    // Byte searches: `\\`, `*`, `,` and `:` are ASCII, so every cut falls on
    // a character boundary.
    let Some(end) = memchr::memchr(b'\\', rest.as_bytes()) else {
        return Err(bad("no closing '\\'"));
    };
    Ok((Some(parse_fields(&rest[..end])?), &rest[end + 1..]))
}

/// [`parse`], borrowing. Plain byte loops throughout: a tag block is some
/// 25 bytes, where a `memchr` call costs more than the scan it saves.
pub(crate) fn parse_fields(block: &str) -> Result<TagFields<'_>, DecodeError> {
    let bytes = block.as_bytes();
    let Some(star) = bytes.iter().rposition(|&b| b == b'*') else {
        return Err(bad("no '*hh' checksum"));
    };
    // `*`, `,` and `:` are ASCII, so every cut falls on a character boundary.
    let (content, hex) = (&block[..star], &block[star + 1..]);
    let expected = parse_hex_checksum(hex).ok_or_else(|| bad("malformed checksum"))?;
    let computed = checksum(content);
    if expected != computed {
        return Err(DecodeError::BadTagBlockChecksum {
            line: 0,
            expected,
            computed,
        });
    }
    let mut tag = TagFields::default();
    let bytes = content.as_bytes();
    let mut start = 0;
    // Empty fields are skipped, so a trailing one needs no round.
    while start < bytes.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b',' {
            end += 1;
        }
        let field = content.get(start..end).unwrap_or_default();
        start = end + 1;
        if field.is_empty() {
            continue;
        }
        // Keys are one character, rarely two: look there first.
        let colon = match field.as_bytes() {
            [_, b':', ..] => Some(1),
            bytes => bytes.iter().position(|&b| b == b':'),
        };
        let Some(colon) = colon else {
            return Err(bad(&format!("field {field:?} has no ':'")));
        };
        let (key, value) = (&field[..colon], &field[colon + 1..]);
        match key.as_bytes() {
            b"s" => tag.source = Some(value),
            b"c" => tag.unix_time = Some(unix_seconds(value)?),
            b"g" | b"G" => tag.group = Some(group(value)?),
            b"n" => tag.line_count = Some(value.parse().map_err(|_| bad_value(key, value))?),
            b"t" => tag.text = Some(value),
            _ => {}
        }
    }
    Ok(tag)
}

/// `c:` is specified in seconds, but some feeds write milliseconds; a value
/// beyond year 5138 in seconds can only be milliseconds.
fn unix_seconds(value: &str) -> Result<i64, DecodeError> {
    let n = match digits(value) {
        Some(n) => n,
        None => value.parse().map_err(|_| bad_value("c", value))?,
    };
    Ok(if n > 100_000_000_000 { n / 1000 } else { n })
}

/// Up to 18 plain decimal digits, the usual form of `c:`, read without the
/// general integer parser; anything else (signs, longer) goes to it.
fn digits(value: &str) -> Option<i64> {
    if value.is_empty() || value.len() > 18 {
        return None;
    }
    let mut n = 0i64;
    for &b in value.as_bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + i64::from(digit);
    }
    Some(n)
}

fn group(value: &str) -> Result<Group, DecodeError> {
    let mut parts = value.splitn(3, '-');
    let mut next = || parts.next().and_then(|p| p.parse::<u64>().ok());
    match (next(), next(), next()) {
        (Some(sentence), Some(total), Some(id)) if sentence >= 1 && sentence <= total => {
            Ok(Group {
                sentence: u32::try_from(sentence).map_err(|_| bad_value("g", value))?,
                total: u32::try_from(total).map_err(|_| bad_value("g", value))?,
                id,
            })
        }
        _ => Err(bad_value("g", value)),
    }
}

fn bad(reason: &str) -> DecodeError {
    DecodeError::BadTagBlock {
        line: 0,
        reason: reason.chars().take(80).collect(),
    }
}

fn bad_value(key: &str, value: &str) -> DecodeError {
    bad(&format!("bad {key}: value {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_group_source_and_time() {
        let line = r"\g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01*37\!AIVDM";
        let (tag, rest) = split(line).unwrap();
        let tag = tag.unwrap();
        assert_eq!(rest, "!AIVDM");
        assert_eq!(tag.source.as_deref(), Some("rORBCOMM008"));
        assert_eq!(tag.unix_time, Some(1418169601));
        assert_eq!(
            tag.group,
            Some(Group {
                sentence: 1,
                total: 2,
                id: 1604
            })
        );
    }

    #[test]
    fn rejects_bad_checksum() {
        assert!(matches!(
            split(r"\g:1-2-73874*A\!AIVDM"),
            Err(DecodeError::BadTagBlockChecksum {
                expected: 0x0A,
                computed: 0x61,
                ..
            })
        ));
    }
}
