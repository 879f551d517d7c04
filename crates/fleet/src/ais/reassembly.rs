//! Joining multi-sentence AIS messages. Fragments are matched on sequential
//! message id, channel and fragment count; they may arrive interleaved with
//! other messages and in any order. The buffer is bounded in entries and in
//! age (counted in sentences, since streams carry no reliable clock), so a
//! lost fragment costs one message, never memory.

use super::armour::MAX_PAYLOAD_CHARS;
use super::sentence::Fragment;
use super::Source;
use crate::DecodeError;

/// One fragment of a multi-sentence message, owning its payload so it can
/// be parsed on one thread and joined on another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub sequence_id: Option<u8>,
    pub channel: Option<char>,
    pub count: u8,
    /// 1-based, at most `count`.
    pub number: u8,
    pub own_ship: bool,
    pub payload: String,
    pub fill_bits: u8,
}

impl Part {
    pub fn from_fragment(fragment: &Fragment<'_>) -> Self {
        Self {
            sequence_id: fragment.sequence_id,
            channel: fragment.channel,
            count: fragment.count,
            number: fragment.number,
            own_ship: fragment.own_ship,
            payload: fragment.payload.to_string(),
            fill_bits: fragment.fill_bits,
        }
    }
}

/// Receiver metadata collected from the fragments of one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub received_at: Option<i64>,
    pub source: Option<Source>,
}

impl Meta {
    /// Keeps what is already known and fills gaps from `other`: the first
    /// fragment usually carries the tag block, later ones may not.
    pub fn merge(&mut self, other: Meta) {
        self.received_at = self.received_at.or(other.received_at);
        if self.source.is_none() {
            self.source = other.source;
        }
    }
}

/// A complete payload ready for dearmouring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembled {
    pub payload: String,
    pub fill_bits: u8,
    pub channel: Option<char>,
    pub own_ship: bool,
    pub meta: Meta,
}

type Key = (Option<u8>, Option<char>, u8);

struct Pending {
    key: Key,
    parts: Vec<Option<String>>,
    fill_bits: u8,
    own_ship: bool,
    meta: Meta,
    started: u64,
}

pub struct Reassembler {
    pending: Vec<Pending>,
    max_pending: usize,
    timeout: u64,
    dropped: u64,
}

impl Reassembler {
    pub fn new(max_pending: usize, timeout: u64) -> Self {
        Self {
            pending: Vec::new(),
            max_pending: max_pending.max(1),
            timeout,
            dropped: 0,
        }
    }

    /// Incomplete messages discarded so far (timed out, evicted, or
    /// superseded by a repeated fragment).
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Discards every incomplete message, counting them as dropped.
    pub fn clear(&mut self) {
        self.dropped += self.pending.len() as u64;
        self.pending.clear();
    }

    /// Adds the fragment seen as sentence number `now`; returns the whole
    /// payload once every fragment is in.
    pub fn push(
        &mut self,
        now: u64,
        fragment: Part,
        meta: Meta,
    ) -> Result<Option<Assembled>, DecodeError> {
        self.expire(now);
        let key = (fragment.sequence_id, fragment.channel, fragment.count);
        let index = usize::from(fragment.number.saturating_sub(1));
        let slot = self.pending.iter().position(|p| p.key == key);
        let slot = match slot {
            Some(i)
                if self.pending[i]
                    .parts
                    .get(index)
                    .is_some_and(Option::is_some) =>
            {
                self.pending.remove(i);
                self.dropped += 1;
                None
            }
            other => other,
        };
        let i = match slot {
            Some(i) => i,
            None => self.start(now, key, fragment.own_ship),
        };
        let entry = &mut self.pending[i];
        if let Some(part) = entry.parts.get_mut(index) {
            *part = Some(fragment.payload);
        }
        if fragment.number == fragment.count {
            entry.fill_bits = fragment.fill_bits;
        }
        entry.meta.merge(meta);
        let len: usize = entry.parts.iter().flatten().map(String::len).sum();
        if len > MAX_PAYLOAD_CHARS {
            self.pending.remove(i);
            self.dropped += 1;
            return Err(DecodeError::PayloadTooLong {
                line: 0,
                len,
                max: MAX_PAYLOAD_CHARS,
            });
        }
        if entry.parts.iter().any(Option::is_none) {
            return Ok(None);
        }
        let done = self.pending.remove(i);
        Ok(Some(Assembled {
            payload: done.parts.into_iter().flatten().collect(),
            fill_bits: done.fill_bits,
            channel: done.key.1,
            own_ship: done.own_ship,
            meta: done.meta,
        }))
    }

    fn start(&mut self, now: u64, key: Key, own_ship: bool) -> usize {
        if self.pending.len() >= self.max_pending {
            self.pending.remove(0);
            self.dropped += 1;
        }
        self.pending.push(Pending {
            key,
            parts: vec![None; usize::from(key.2)],
            fill_bits: 0,
            own_ship,
            meta: Meta::default(),
            started: now,
        });
        self.pending.len() - 1
    }

    fn expire(&mut self, now: u64) {
        let before = self.pending.len();
        let timeout = self.timeout;
        self.pending
            .retain(|p| now.saturating_sub(p.started) <= timeout);
        self.dropped += (before - self.pending.len()) as u64;
    }
}
