//! IEC 61162-450 tag blocks: `\s:source,c:unix_time,g:1-2-1234*hh\` before a
//! sentence, with their own checksum over the text between `\` and `*`.

use super::sentence::{checksum_bytes, hex_digit};
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
    /// As bytes: UTF-8 whenever the block was (see [`Source::from_bytes`]).
    pub source: Option<&'a [u8]>,
    pub unix_time: Option<i64>,
    pub group: Option<Group>,
    pub line_count: Option<u64>,
    pub text: Option<&'a [u8]>,
}

impl TagFields<'_> {
    fn to_owned(self) -> TagBlock {
        TagBlock {
            source: self.source.map(|s| String::from_utf8_lossy(s).into_owned()),
            unix_time: self.unix_time,
            group: self.group,
            line_count: self.line_count,
            text: self.text.map(|t| String::from_utf8_lossy(t).into_owned()),
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

/// [`parse`], borrowing.
pub(crate) fn parse_fields(block: &str) -> Result<TagFields<'_>, DecodeError> {
    parse_bytes(block.as_bytes())
}

/// [`parse`] over bytes, borrowing: the fast line path hands the block
/// over without checking it as UTF-8 first. Plain byte loops throughout: a
/// tag block is some 25 bytes, where a `memchr` call costs more than the
/// scan it saves.
pub(crate) fn parse_bytes(block: &[u8]) -> Result<TagFields<'_>, DecodeError> {
    let Some(star) = block.iter().rposition(|&b| b == b'*') else {
        return Err(bad("no '*hh' checksum"));
    };
    let (content, hex) = (&block[..star], &block[star + 1..]);
    let expected = match *hex {
        [a] => hex_digit(a),
        [a, b] => hex_digit(a).zip(hex_digit(b)).map(|(a, b)| a << 4 | b),
        _ => None,
    }
    .ok_or_else(|| bad("malformed checksum"))?;
    let computed = checksum_bytes(content);
    if expected != computed {
        return Err(DecodeError::BadTagBlockChecksum {
            line: 0,
            expected,
            computed,
        });
    }
    let mut tag = TagFields::default();
    let mut start = 0;
    // Empty fields are skipped, so a trailing one needs no round.
    while start < content.len() {
        let mut end = start;
        while end < content.len() && content[end] != b',' {
            end += 1;
        }
        let field = &content[start..end];
        start = end + 1;
        if field.is_empty() {
            continue;
        }
        // Keys are one character, rarely two: look there first.
        let colon = match field {
            [_, b':', ..] => Some(1),
            bytes => bytes.iter().position(|&b| b == b':'),
        };
        let Some(colon) = colon else {
            return Err(bad(&format!("field {:?} has no ':'", text(field)?)));
        };
        let (key, value) = (&field[..colon], &field[colon + 1..]);
        match key {
            b"s" => tag.source = Some(value),
            b"c" => tag.unix_time = Some(unix_seconds(value)?),
            b"g" | b"G" => tag.group = Some(group(text(value)?)?),
            b"n" => {
                let value = text(value)?;
                tag.line_count = Some(value.parse().map_err(|_| bad_value("n", value))?);
            }
            b"t" => tag.text = Some(value),
            _ => {}
        }
    }
    Ok(tag)
}

/// A field as text. Fields are cut at ASCII bytes, so one taken from a
/// `&str` is always UTF-8; the fast path passes ASCII lines only.
fn text(field: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(field).map_err(|_| bad("not UTF-8"))
}

/// `c:` is specified in seconds, but some feeds write milliseconds; a value
/// beyond year 5138 in seconds can only be milliseconds.
fn unix_seconds(value: &[u8]) -> Result<i64, DecodeError> {
    let n = match digits(value) {
        Some(n) => n,
        None => {
            let value = text(value)?;
            value.parse().map_err(|_| bad_value("c", value))?
        }
    };
    Ok(if n > 100_000_000_000 { n / 1000 } else { n })
}

/// Up to 18 plain decimal digits, the usual form of `c:`, read without the
/// general integer parser; anything else (signs, longer) goes to it. The
/// last eight digits are read together (SWAR): a Unix time has ten.
fn digits(value: &[u8]) -> Option<i64> {
    if value.is_empty() || value.len() > 18 {
        return None;
    }
    let split = value.len().saturating_sub(8);
    let (head, tail) = value.split_at(split);
    let mut n = 0i64;
    for &b in head {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + i64::from(digit);
    }
    if tail.len() < 8 {
        for &b in tail {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            n = n * 10 + i64::from(digit);
        }
        return Some(n);
    }
    let word = u64::from_le_bytes(tail.try_into().ok()?);
    Some(n * 100_000_000 + i64::from(eight_digits(word)?))
}

/// Eight ASCII digits (first digit in the low byte) as a number, or `None`
/// if any byte is not a digit.
fn eight_digits(word: u64) -> Option<u32> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    // A byte is a digit iff it is at least '0' and adding 0x46 does not
    // carry into the high bit (it is at most '9').
    let below = word.wrapping_sub(ZEROS);
    let above = word.wrapping_add(0x4646_4646_4646_4646);
    if (below | above | word) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let v = below;
    let v = (v.wrapping_mul(10) + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    let v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_ffff_0000_ffff;
    let v = (v.wrapping_mul(10_000) + (v >> 32)) & 0xffff_ffff;
    Some(v as u32)
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
    fn digits_read_like_the_integer_parser() {
        for text in [
            "0",
            "7",
            "12345678",
            "123456789",
            "1709337393",
            "001709337393",
            "999999999999999999",
            "12a45678",
            "1234567/",
            "12345:78",
            "1",
            "",
            "1234567\u{80}",
            "+1234567",
            "1234 5678",
        ] {
            let expected =
                (text.bytes().all(|b| b.is_ascii_digit()) && !text.is_empty() && text.len() <= 18)
                    .then(|| text.parse::<i64>().ok())
                    .flatten();
            assert_eq!(digits(text.as_bytes()), expected, "{text:?}");
        }
        for b in 0..=255u8 {
            let mut word = *b"12345678";
            word[3] = b;
            let expected = b
                .is_ascii_digit()
                .then(|| std::str::from_utf8(&word).ok()?.parse::<u32>().ok())
                .flatten();
            assert_eq!(eight_digits(u64::from_le_bytes(word)), expected, "{b}");
        }
    }

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
