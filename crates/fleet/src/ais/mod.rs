//! AIS decoding: NMEA 0183 `!xxVDM`/`!xxVDO` lines in, [`AisMessage`]s out.
//!
//! Written here rather than taken from crates.io. Both maintained
//! candidates were evaluated: `ais` 0.12 drops tag blocks unparsed and has
//! no receiver timestamps; `nmea-kit` 0.8.9 hands the tag block back as raw
//! text and reassembles with ten slots per channel without any timeout, so
//! a lost fragment leaves stale state that a later message with the same
//! id can join. Neither reads USCG trailers or Gatehouse `$PGHP` times,
//! which the archives this project screens use. With those pieces written
//! anyway, the remaining per-type decoding is small, and is checked field by
//! field against libais/gpsd output in `tests/libais.rs`.
//!
//! A stream line may be: a sentence, optionally preceded by a tag block
//! `\s:…,c:…*hh\`; a USCG line with `,rSTATION,…,unix_time` after the
//! checksum; a Gatehouse `$PGHP,1,…` sentence timing the next sentence;
//! another NMEA sentence (skipped); a blank line or `#` comment (skipped).

pub mod armour;
pub mod bits;
mod fast;
mod gatehouse;
mod line;
pub mod marinecadastre;
pub mod message;
pub mod mid;
mod ordered;
mod reassembly;
mod scan;
pub mod sentence;
mod source;
pub mod stream;
pub mod tagblock;
mod time;

pub use message::Message;
pub use source::Source;

use crate::DecodeError;
use line::Parsed;
use reassembly::{Assembled, Meta, Reassembler};
use serde::Serialize;

/// Longest line accepted; real lines with tag block and trailer stay far
/// below this.
pub const MAX_LINE_BYTES: usize = 4096;

/// One decoded message with what the receiver said about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AisMessage {
    /// Receiver time, Unix seconds (tag block `c:`, USCG trailer, or a
    /// preceding `$PGHP`).
    pub received_at: Option<i64>,
    /// Receiver or feed (tag block `s:`, USCG station).
    pub source: Option<Source>,
    /// Radio channel as sent (`A`, `B`, sometimes `1`, `2`).
    pub channel: Option<char>,
    /// From a `VDO` sentence: the receiver's own vessel.
    pub own_ship: bool,
    pub message: Message,
}

/// Counts over everything a [`Decoder`] has seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub lines: u64,
    pub ais_sentences: u64,
    pub messages: u64,
    pub errors: u64,
    pub other_sentences: u64,
    /// Multi-sentence messages abandoned incomplete.
    pub incomplete_dropped: u64,
}

/// Streaming decoder: feed lines in order; each yields a message, `None`
/// (comment, wrapper or incomplete multi-part message) or an error naming
/// the line.
pub struct Decoder {
    line: usize,
    sentences: u64,
    pending_time: Option<i64>,
    reassembler: Reassembler,
    groups: Vec<(u64, Meta, u64)>,
    timeout: u64,
    stats: Stats,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder holding up to 64 incomplete messages, each for at most 64
    /// sentences.
    pub fn new() -> Self {
        Self::with_limits(64, 64)
    }

    /// `max_pending` incomplete messages are kept at most; one is dropped
    /// when `timeout` AIS sentences have passed since its first fragment.
    pub fn with_limits(max_pending: usize, timeout: u64) -> Self {
        Self {
            line: 0,
            sentences: 0,
            pending_time: None,
            reassembler: Reassembler::new(max_pending, timeout),
            groups: Vec::new(),
            timeout,
            stats: Stats::default(),
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            incomplete_dropped: self.reassembler.dropped(),
            ..self.stats
        }
    }

    /// Ends the stream: incomplete messages still waiting for fragments are
    /// discarded and counted in [`Stats::incomplete_dropped`].
    pub fn finish(&mut self) -> Stats {
        self.reassembler.clear();
        self.pending_time = None;
        self.stats()
    }

    /// Decodes one line given as bytes (without or with its line ending).
    /// A line over [`MAX_LINE_BYTES`] is too long whatever its encoding;
    /// other text that is not UTF-8 is not NMEA.
    pub fn decode_bytes(&mut self, line: &[u8]) -> Result<Option<AisMessage>, DecodeError> {
        self.apply(line::parse_bytes(line))
    }

    /// Decodes one line (without or with its line ending).
    pub fn decode_line(&mut self, line: &str) -> Result<Option<AisMessage>, DecodeError> {
        self.apply(line::parse_line(line))
    }

    /// Decodes every line of `text`, keeping messages and errors.
    pub fn decode_text<'a>(
        &'a mut self,
        text: &'a str,
    ) -> impl Iterator<Item = Result<AisMessage, DecodeError>> + 'a {
        text.lines()
            .filter_map(move |line| self.decode_line(line).transpose())
    }

    /// Applies the stream state to the next line, parsed: numbers it, takes
    /// a waiting `$PGHP` time, joins groups and fragments, and counts.
    pub(crate) fn apply(&mut self, parsed: Parsed) -> Result<Option<AisMessage>, DecodeError> {
        self.line += 1;
        self.stats.lines += 1;
        let n = self.line;
        let result = self.apply_inner(parsed).map_err(|e| e.at_line(n));
        match &result {
            Ok(Some(_)) => self.stats.messages += 1,
            Ok(None) => {}
            Err(_) => self.stats.errors += 1,
        }
        result
    }

    /// [`Self::apply`] handing the result to `sink`. A decoded
    /// single-sentence message (nearly every line) is stamped in place and
    /// moved once, not through the intermediate results of `apply`.
    pub(crate) fn apply_to(
        &mut self,
        parsed: Parsed,
        sink: &mut impl FnMut(Result<AisMessage, DecodeError>),
    ) {
        match parsed {
            Parsed::Single { group, mut message } => {
                self.line += 1;
                self.stats.lines += 1;
                self.stamp(&mut message.received_at, &mut message.source, group);
                self.stats.messages += 1;
                sink(Ok(message));
            }
            other => {
                if let Some(result) = self.apply(other).transpose() {
                    sink(result);
                }
            }
        }
    }

    fn apply_inner(&mut self, parsed: Parsed) -> Result<Option<AisMessage>, DecodeError> {
        match parsed {
            Parsed::Nothing => Ok(None),
            Parsed::Failed(e) => Err(e),
            Parsed::Gatehouse(time) => {
                self.pending_time = Some(time);
                Ok(None)
            }
            Parsed::Other => {
                self.stats.other_sentences += 1;
                Ok(None)
            }
            Parsed::Single { group, mut message } => {
                self.stamp(&mut message.received_at, &mut message.source, group);
                Ok(Some(message))
            }
            Parsed::Undecodable {
                mut meta,
                group,
                error,
            } => {
                self.stamp(&mut meta.received_at, &mut meta.source, group);
                Err(error)
            }
            Parsed::Part {
                mut meta,
                group,
                part,
            } => {
                self.stamp(&mut meta.received_at, &mut meta.source, group);
                let assembled = self.reassembler.push(self.sentences, part, meta)?;
                assembled.map(decode_assembled).transpose()
            }
        }
    }

    /// Counts an AIS sentence and completes its receiver metadata: what the
    /// line carried first, then a preceding `$PGHP`; group members without
    /// their own tag fields inherit those of their group.
    fn stamp(
        &mut self,
        received_at: &mut Option<i64>,
        source: &mut Option<Source>,
        group: Option<u64>,
    ) {
        self.sentences += 1;
        self.stats.ais_sentences += 1;
        let pghp = self.pending_time.take();
        if received_at.is_none() {
            *received_at = pghp;
        }
        if let Some(id) = group {
            let mut meta = Meta {
                received_at: *received_at,
                source: source.take(),
            };
            self.inherit_group(id, &mut meta);
            *received_at = meta.received_at;
            *source = meta.source;
        }
    }

    fn inherit_group(&mut self, id: u64, meta: &mut Meta) {
        let now = self.sentences;
        let timeout = self.timeout;
        self.groups
            .retain(|(_, _, seen)| now.saturating_sub(*seen) <= timeout);
        match self.groups.iter_mut().find(|(gid, _, _)| *gid == id) {
            Some((_, known, _)) => {
                meta.merge(known.clone());
                known.merge(meta.clone());
            }
            None => {
                if self.groups.len() >= 16 {
                    self.groups.remove(0);
                }
                self.groups.push((id, meta.clone(), now));
            }
        }
    }
}

fn decode_assembled(a: Assembled) -> Result<AisMessage, DecodeError> {
    let payload = armour::dearmour_parts([a.payload.as_str()], a.fill_bits)?;
    Ok(AisMessage {
        received_at: a.meta.received_at,
        source: a.meta.source,
        channel: a.channel,
        own_ship: a.own_ship,
        message: Message::decode_payload(&payload)?,
    })
}
