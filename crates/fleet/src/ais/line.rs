//! The stateless half of decoding a stream line: everything that depends on
//! the line alone (tag block, sentence, checksum, and for single-sentence
//! messages the whole payload). What depends on earlier lines (a `$PGHP`
//! time waiting for its sentence, tag-block groups, multi-sentence
//! reassembly, line numbers and counts) is applied afterwards, in stream
//! order, by [`super::Decoder`]. The split lets [`super::stream`] parse
//! chunks of a file on several threads and still give exactly the results
//! of a single sequential decoder.

use super::armour::{self, Payload};
use super::fast;
use super::message::Message;
use super::reassembly::{Meta, Part};
use super::sentence::{self, Fragment, Sentence};
use super::tagblock::{self, TagFields};
use super::{AisMessage, Source, MAX_LINE_BYTES};
use crate::DecodeError;

/// What one line holds, before stream state is applied.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// Blank line, `#` comment, or a tag block with no sentence after it.
    Nothing,
    /// The line is invalid; the error's line number is filled in later.
    Failed(DecodeError),
    /// A Gatehouse `$PGHP` time for the next AIS sentence.
    Gatehouse(i64),
    /// A well-formed non-AIS sentence.
    Other,
    /// A single-sentence AIS message, decoded, with the receiver metadata
    /// the line itself carries.
    Single {
        group: Option<u64>,
        message: AisMessage,
    },
    /// A single-sentence AIS message whose payload does not decode (it
    /// still counts, takes a `$PGHP` time and joins its tag-block group).
    Undecodable {
        meta: Meta,
        group: Option<u64>,
        error: DecodeError,
    },
    /// One fragment of a multi-sentence message.
    Part {
        meta: Meta,
        group: Option<u64>,
        part: Part,
    },
}

/// Parses a line given as bytes. An over-long line is reported as such
/// before its encoding is looked at; other text that is not UTF-8 is
/// not NMEA.
pub(crate) fn parse_bytes(line: &[u8]) -> Parsed {
    if let Some(parsed) = fast::parse(line) {
        return parsed;
    }
    if line.len() > MAX_LINE_BYTES {
        return too_long(line.len());
    }
    match std::str::from_utf8(line) {
        Ok(text) => general(text),
        Err(_) => Parsed::Failed(DecodeError::NotNmea {
            line: 0,
            excerpt: String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned(),
        }),
    }
}

pub(crate) fn too_long(len: usize) -> Parsed {
    Parsed::Failed(DecodeError::LineTooLong {
        line: 0,
        len,
        max: MAX_LINE_BYTES,
    })
}

/// Parses one line (without or with its line ending).
pub(crate) fn parse_line(line: &str) -> Parsed {
    fast::parse(line.as_bytes()).unwrap_or_else(|| general(line))
}

/// Any line, by the general path.
pub(crate) fn general(line: &str) -> Parsed {
    match parse_inner(line) {
        Ok(parsed) => parsed,
        Err(e) => Parsed::Failed(e),
    }
}

fn parse_inner(line: &str) -> Result<Parsed, DecodeError> {
    if line.len() > MAX_LINE_BYTES {
        return Ok(too_long(line.len()));
    }
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(Parsed::Nothing);
    }
    let (tag, rest) = tagblock::split_fields(line)?;
    if rest.is_empty() && tag.is_some() {
        return Ok(Parsed::Nothing);
    }
    Ok(match sentence::parse(rest)? {
        Sentence::Gatehouse(time) => Parsed::Gatehouse(time),
        Sentence::Other => Parsed::Other,
        Sentence::Ais(fragment) => ais(&fragment, tag),
    })
}

/// Receiver metadata the line itself carries: its tag block first, then
/// the USCG trailer. (A preceding `$PGHP` and the tag-block group are
/// stream state, added by the decoder.)
fn ais(fragment: &Fragment<'_>, tag: Option<TagFields<'_>>) -> Parsed {
    let (tag_time, tag_source, group) = match tag {
        Some(t) => (t.unix_time, t.source, t.group.map(|g| g.id)),
        None => (None, None, None),
    };
    let received_at = tag_time.or(fragment.received_at);
    // The line is a `&str`, so the tag's source bytes are UTF-8.
    let source = match tag_source {
        Some(bytes) => Source::from_bytes(bytes),
        None => fragment.station.map(Source::new),
    };
    if fragment.count != 1 {
        return Parsed::Part {
            meta: Meta {
                received_at,
                source,
            },
            group,
            part: Part::from_fragment(fragment),
        };
    }
    // Single-sentence messages (nearly all) skip the reassembler and are
    // dearmoured straight from the line, without a copy.
    let mut payload = Payload::empty();
    let message = armour::dearmour_into(&mut payload, [fragment.payload], fragment.fill_bits)
        .and_then(|()| Message::decode_payload(&payload));
    match message {
        Ok(message) => Parsed::Single {
            group,
            message: AisMessage {
                received_at,
                source,
                channel: fragment.channel,
                own_ship: fragment.own_ship,
                message,
            },
        },
        Err(error) => Parsed::Undecodable {
            meta: Meta {
                received_at,
                source,
            },
            group,
            error,
        },
    }
}
