//! The common stream line, `\s:…,c:…*hh\!AIVDM,1,1,,A,<payload>,0*hh`
//! (tag block optional), parsed in one pass over fixed positions. Anything
//! else, and any line that fails a check, is left to the general path in
//! [`super::line`] (`None`), which then gives the exact result or error.
//! So this path only has to agree with the general one on the lines it
//! accepts; the tests below check that on valid and mutated lines.
//!
//! What it accepts: an ASCII line of at most [`MAX_LINE_BYTES`] without
//! surrounding white space (a final `\r` aside), an optional tag block, a
//! single-sentence `VDM`/`VDO` whose talker and channel are alphanumeric,
//! nothing after the checksum, and a payload that dearmours and decodes.
//! These conditions make every cut the general path makes fall at the same
//! place: no `*`, `,` or `\` can hide in a field the general path would
//! split on, since none of them is alphanumeric or an armour character.

use super::armour::{self, Payload};
use super::line::Parsed;
use super::message::Message;
use super::sentence::{checksum_bytes, hex_digit};
use super::tagblock::{self, TagFields};
use super::{AisMessage, Source, MAX_LINE_BYTES};

/// The parsed line, or `None` to use the general path.
pub(crate) fn parse(line: &[u8]) -> Option<Parsed> {
    if line.len() > MAX_LINE_BYTES || !line.is_ascii() {
        return None;
    }
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let (tag, sentence) = match line {
        [b'\\', rest @ ..] => {
            let end = memchr::memchr(b'\\', rest)?;
            (
                Some(tagblock::parse_bytes(&rest[..end]).ok()?),
                &rest[end + 1..],
            )
        }
        _ => (None, line),
    };
    let [b'!', .., b'*', hi, lo] = *sentence else {
        return None;
    };
    let expected = hex_digit(hi)? << 4 | hex_digit(lo)?;
    let body = &sentence[1..sentence.len() - 3];
    if checksum_bytes(body) != expected {
        return None;
    }
    ais(body, tag)
}

/// The body between `!` and `*`: `AIVDM,1,1,,A,<payload>,0`.
fn ais(body: &[u8], tag: Option<TagFields<'_>>) -> Option<Parsed> {
    let [t1, t2, b'V', b'D', kind, b',', b'1', b',', b'1', b',', ref rest @ ..] = *body else {
        return None;
    };
    if !(t1.is_ascii_alphanumeric() && t2.is_ascii_alphanumeric()) {
        return None;
    }
    let own_ship = match kind {
        b'M' => false,
        b'O' => true,
        _ => return None,
    };
    // Sequential message id: empty or one digit.
    let rest = match *rest {
        [b',', ref rest @ ..] => rest,
        [d, b',', ref rest @ ..] if d.is_ascii_digit() => rest,
        _ => return None,
    };
    let (channel, rest) = match *rest {
        [b',', ref rest @ ..] => (None, rest),
        [c, b',', ref rest @ ..] if c.is_ascii_alphanumeric() => (Some(char::from(c)), rest),
        _ => return None,
    };
    let [ref payload @ .., b',', fill] = *rest else {
        return None;
    };
    let fill = fill.checked_sub(b'0').filter(|f| *f <= 5)?;
    let mut bits = Payload::empty();
    if !armour::dearmour_fast(&mut bits, payload, fill) {
        return None;
    }
    let message = Message::decode_payload(&bits).ok()?;
    let (received_at, source, group) = match tag {
        Some(t) => {
            // The line is ASCII, so the source converts.
            let source = match t.source {
                Some(bytes) => Some(Source::from_bytes(bytes)?),
                None => None,
            };
            (t.unix_time, source, t.group.map(|g| g.id))
        }
        None => (None, None, None),
    };
    Some(Parsed::Single {
        group,
        message: AisMessage {
            received_at,
            source,
            channel,
            own_ship,
            message,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::line;
    use super::super::sentence::checksum_bytes;

    /// (tag-block content, sentence body, text after the checksum).
    const PARTS: [(&str, &str, &str); 9] = [
        (
            "s:scenario,c:1709337393",
            "AIVDM,1,1,,A,19?Gs20P01R1twDR9jV000120000,0",
            "",
        ),
        ("", "AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0", ""),
        ("", "AIVDO,1,1,,B,15B4FT5000JRP>PE6E68Nbkl0PS5,0", ""),
        (
            "c:1418169601",
            "BSVDM,1,1,3,2,15B4FT5000JRP>PE6E68Nbkl0PS5,0",
            "",
        ),
        (
            "",
            "AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0",
            ",b003669794,1272412827",
        ),
        (
            "g:1-2-1604,s:rORBCOMM008,c:1418169601,T:2014-12-10 00.00.01",
            "AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0",
            "",
        ),
        (
            "s:scenario,c:1709251204",
            "AIVDM,2,1,0,A,57f6DE029E<A?3337<0pEH610TtpDE800000001DBiTDH40HtOD3lU84hBA0,0",
            "",
        ),
        (
            "n:12,t:text",
            "AIVDM,1,1,,B,B52K>;h00Fc>jpUlNV@ikwpUoP06,0",
            "",
        ),
        ("s:é", "AIVDM,1,1,,A,KC5E2b@U19PFdLbMuc5=ROv62<7m,0", ""),
    ];

    /// A line with correct checksums, so that mutations reach the checks
    /// after them.
    fn line(tag: &[u8], body: &[u8], trailer: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        if !tag.is_empty() {
            out.push(b'\\');
            out.extend_from_slice(tag);
            out.extend_from_slice(format!("*{:02X}\\", checksum_bytes(tag)).as_bytes());
        }
        out.push(b'!');
        out.extend_from_slice(body);
        out.extend_from_slice(format!("*{:02X}", checksum_bytes(body)).as_bytes());
        out.extend_from_slice(trailer);
        out
    }

    /// Whenever the fast path takes a line, it must say exactly what the
    /// general path says.
    fn agrees(text: &[u8]) -> bool {
        let Some(fast) = super::parse(text) else {
            return false;
        };
        let general = match std::str::from_utf8(text) {
            Ok(t) => line::general(t),
            Err(_) => panic!("fast path took non-UTF-8 {text:?}"),
        };
        assert_eq!(
            format!("{fast:?}"),
            format!("{general:?}"),
            "{:?}",
            String::from_utf8_lossy(text)
        );
        true
    }

    #[test]
    fn takes_the_common_line() {
        for (tag, body, trailer) in &PARTS[..4] {
            let l = line(tag.as_bytes(), body.as_bytes(), trailer.as_bytes());
            assert!(agrees(&l), "{:?}", String::from_utf8_lossy(&l));
            let mut crlf = l.clone();
            crlf.push(b'\r');
            assert!(agrees(&crlf));
        }
    }

    #[test]
    fn agrees_with_the_general_path_on_mutated_lines() {
        let replacements: &[u8] = b",*\\!$ \r\t0159AVMO:-@`wx\x80\xc3";
        let mut taken = 0;
        for (tag, body, trailer) in PARTS {
            let (tag, body, trailer) = (tag.as_bytes(), body.as_bytes(), trailer.as_bytes());
            agrees(&line(tag, body, trailer));
            let mut variants = Vec::new();
            for (which, text) in [(0, tag), (1, body)] {
                for i in 0..text.len() {
                    for &r in replacements {
                        let mut m = text.to_vec();
                        m[i] = r;
                        variants.push((which, m));
                        let mut ins = text.to_vec();
                        ins.insert(i, r);
                        variants.push((which, ins));
                    }
                    let mut del = text.to_vec();
                    del.remove(i);
                    variants.push((which, del));
                }
            }
            for (which, m) in variants {
                let l = match which {
                    0 => line(&m, body, trailer),
                    _ => line(tag, &m, trailer),
                };
                taken += usize::from(agrees(&l));
                // Raw, without fixed checksums, too.
                let mut raw = l.clone();
                raw.push(b' ');
                agrees(&raw);
            }
        }
        assert!(
            taken > 1000,
            "only {taken} mutated lines took the fast path"
        );
    }
}
