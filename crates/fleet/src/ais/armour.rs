//! The 6-bit ASCII armouring of AIS payloads (ITU-R M.1371 via IEC 61162-1):
//! each payload character carries six bits; the sentence's fill-bit count
//! says how many bits of the last character are padding.

use crate::DecodeError;

/// Longest reassembled payload accepted, in characters. Five slots carry at
/// most 1 008 data bits (168 characters); the margin admits non-conforming
/// senders while keeping memory per message bounded.
pub const MAX_PAYLOAD_CHARS: usize = 256;

/// The six bits one armour character stands for, if it is one.
pub fn sextet(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'W' => Some(c - b'0'),
        b'`'..=b'w' => Some(c - b'0' - 8),
        _ => None,
    }
}

/// The armour character for the low six bits of `value`.
pub fn armour_char(value: u8) -> char {
    let v = value & 0x3f;
    char::from(if v < 40 { v + b'0' } else { v + b'0' + 8 })
}

/// 64-bit words a payload of [`MAX_PAYLOAD_CHARS`] characters fills.
pub(crate) const PAYLOAD_WORDS: usize = (MAX_PAYLOAD_CHARS * 6).div_ceil(64);

/// A dearmoured payload packed most significant bit first into 64-bit
/// words, on the stack: reading a field is a shift, not a loop over bits.
#[derive(Clone)]
pub struct Payload {
    words: [u64; PAYLOAD_WORDS],
    len: usize,
}

impl Payload {
    /// Packs bits given one `bool` each (most significant first).
    pub fn from_bits(bits: &[bool]) -> Result<Self, DecodeError> {
        if bits.len() > PAYLOAD_WORDS * 64 {
            return Err(DecodeError::PayloadTooLong {
                line: 0,
                len: bits.len().div_ceil(6),
                max: MAX_PAYLOAD_CHARS,
            });
        }
        let mut p = Self::empty();
        for (i, &b) in bits.iter().enumerate() {
            p.words[i / 64] |= u64::from(b) << (63 - i % 64);
        }
        p.len = bits.len();
        Ok(p)
    }

    pub(crate) fn empty() -> Self {
        Self {
            words: [0; PAYLOAD_WORDS],
            len: 0,
        }
    }

    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// The words as a fixed-size array, so reads at constant positions
    /// need no bounds checks.
    pub(crate) fn word_array(&self) -> &[u64; PAYLOAD_WORDS] {
        &self.words
    }

    /// Number of payload bits (fill bits excluded).
    pub fn bit_len(&self) -> usize {
        self.len
    }

    /// Appends one armoured fragment. The caller has checked the total
    /// length fits. Ten sextets are gathered in a register and stored
    /// together; invalid characters are looked for once per ten, since
    /// [`INVALID`] is the only table value with its top bit set.
    fn push_sextets(&mut self, payload: &str) -> Result<(), DecodeError> {
        let bytes = payload.as_bytes();
        let mut chunks = bytes.chunks_exact(10);
        for chunk in &mut chunks {
            let (acc, seen) = gather(chunk);
            if seen & INVALID_BIT != 0 {
                return Err(first_invalid(payload));
            }
            self.put(acc, 60);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let (acc, seen) = gather(rest);
            if seen & INVALID_BIT != 0 {
                return Err(first_invalid(payload));
            }
            self.put(acc, rest.len() * 6);
        }
        Ok(())
    }

    /// Appends the low `n` (1..=60) bits of `v`.
    fn put(&mut self, v: u64, n: usize) {
        let (word, off) = (self.len / 64, self.len % 64);
        let top = v << (64 - n);
        self.words[word] |= top >> off;
        if off + n > 64 {
            self.words[word + 1] |= top << (64 - off);
        }
        self.len += n;
    }
}

const INVALID: u8 = 0xff;
const INVALID_BIT: u8 = 0x80;

/// Up to ten characters' sextets packed into the low bits, and the OR of
/// their table values (to look for [`INVALID`]).
fn gather(chars: &[u8]) -> (u64, u8) {
    let mut acc = 0u64;
    let mut seen = 0u8;
    for &c in chars {
        let value = SEXTETS[usize::from(c)];
        seen |= value;
        acc = acc << 6 | u64::from(value & 0x3f);
    }
    (acc, seen)
}

/// The error for the first character of `payload` that is not armour.
fn first_invalid(payload: &str) -> DecodeError {
    let position = payload
        .bytes()
        .position(|c| SEXTETS[usize::from(c)] == INVALID)
        .unwrap_or(0);
    bad_armour(payload, position)
}

/// [`sextet`] for every byte, [`INVALID`] where it is none.
const SEXTETS: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'0'..=b'W' => c as u8 - b'0',
            b'`'..=b'w' => c as u8 - b'0' - 8,
            _ => INVALID,
        };
        c += 1;
    }
    t
};

fn bad_armour(payload: &str, position: usize) -> DecodeError {
    // The error names the character, so find the whole one at `position`.
    let character = payload
        .get(position..)
        .and_then(|s| s.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    DecodeError::BadArmour {
        line: 0,
        character,
        position,
    }
}

/// Unpacks armoured fragments (in order) into one packed payload, dropping
/// `fill_bits` padding bits at the end.
pub fn dearmour_parts<'a>(
    parts: impl IntoIterator<Item = &'a str> + Clone,
    fill_bits: u8,
) -> Result<Payload, DecodeError> {
    let mut p = Payload::empty();
    dearmour_into(&mut p, parts, fill_bits)?;
    Ok(p)
}

/// [`dearmour_parts`] into an empty payload the caller holds, so the
/// decoder's hot path does not copy the payload out of a `Result`.
pub(crate) fn dearmour_into<'a>(
    p: &mut Payload,
    parts: impl IntoIterator<Item = &'a str> + Clone,
    fill_bits: u8,
) -> Result<(), DecodeError> {
    let chars: usize = parts.clone().into_iter().map(str::len).sum();
    if chars == 0 {
        return Err(DecodeError::EmptyPayload { line: 0 });
    }
    if chars > MAX_PAYLOAD_CHARS {
        return Err(DecodeError::PayloadTooLong {
            line: 0,
            len: chars,
            max: MAX_PAYLOAD_CHARS,
        });
    }
    let total = chars * 6;
    if fill_bits > 5 || usize::from(fill_bits) >= total {
        return Err(DecodeError::BadFillBits {
            line: 0,
            fill: fill_bits,
        });
    }
    for part in parts {
        let start = p.len / 6;
        p.push_sextets(part).map_err(|e| shift_position(e, start))?;
    }
    p.len = total - usize::from(fill_bits);
    // Keep the dropped fill bits out of the words so reads past the end
    // can never see them; they lie in at most two words.
    let keep = p.len % 64;
    if keep != 0 {
        p.words[p.len / 64] &= !(u64::MAX >> keep);
    }
    for w in &mut p.words[p.len.div_ceil(64)..total.div_ceil(64)] {
        *w = 0;
    }
    Ok(())
}

/// [`dearmour_into`] for one fragment given as bytes, reporting only
/// whether it worked: the fast line path falls back to the general one,
/// which names the problem, whenever this fails.
pub(crate) fn dearmour_fast(p: &mut Payload, payload: &[u8], fill_bits: u8) -> bool {
    let total = payload.len() * 6;
    if payload.is_empty() || payload.len() > MAX_PAYLOAD_CHARS || fill_bits > 5 {
        return false;
    }
    if usize::from(fill_bits) >= total {
        return false;
    }
    let mut chunks = payload.chunks_exact(10);
    for chunk in &mut chunks {
        let (acc, seen) = gather(chunk);
        if seen & INVALID_BIT != 0 {
            return false;
        }
        p.put(acc, 60);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let (acc, seen) = gather(rest);
        if seen & INVALID_BIT != 0 {
            return false;
        }
        p.put(acc, rest.len() * 6);
    }
    p.len = total - usize::from(fill_bits);
    let keep = p.len % 64;
    if keep != 0 {
        p.words[p.len / 64] &= !(u64::MAX >> keep);
    }
    for w in &mut p.words[p.len.div_ceil(64)..total.div_ceil(64)] {
        *w = 0;
    }
    true
}

fn shift_position(e: DecodeError, start: usize) -> DecodeError {
    match e {
        DecodeError::BadArmour {
            line,
            character,
            position,
        } => DecodeError::BadArmour {
            line,
            character,
            position: position + start,
        },
        other => other,
    }
}

/// Unpacks an armoured payload into its bits (one `bool` per bit, most
/// significant first), dropping `fill_bits` padding bits at the end.
pub fn dearmour(payload: &str, fill_bits: u8) -> Result<Vec<bool>, DecodeError> {
    let p = dearmour_parts([payload], fill_bits)?;
    Ok((0..p.len)
        .map(|i| (p.words[i / 64] >> (63 - i % 64)) & 1 == 1)
        .collect())
}

/// Packs bits into armour characters, padding the last one with zero bits;
/// returns the payload and its fill-bit count.
pub fn armour(bits: &[bool]) -> (String, u8) {
    let mut out = String::with_capacity(bits.len().div_ceil(6));
    for chunk in bits.chunks(6) {
        let value = chunk
            .iter()
            .chain(std::iter::repeat(&false))
            .take(6)
            .fold(0u8, |acc, &b| (acc << 1) | u8::from(b));
        out.push(armour_char(value));
    }
    let fill = (6 - bits.len() % 6) % 6;
    (out, fill as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sextet_round_trips() {
        for v in 0..64u8 {
            assert_eq!(sextet(armour_char(v) as u8), Some(v));
        }
    }

    #[test]
    fn fill_bits_are_dropped() {
        let bits = dearmour("w", 2).unwrap();
        assert_eq!(bits, vec![true; 4]);
        assert!(dearmour("w", 6).is_err());
        assert!(dearmour("X", 0).is_err());
    }
}
