//! Reading and writing the fixed-width fields of an AIS payload, including
//! the 6-bit text alphabet (`@A–Z[\]^_ !"#…?`).

use super::armour::{Payload, PAYLOAD_WORDS};
use crate::DecodeError;

/// The AIS 6-bit text alphabet, indexed by field value.
const TEXT: &[u8; 64] = b"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

/// Capacity reserved up front for a text field (the longest fixed one is
/// 20 characters; extensions may be longer and grow the string).
const MAX_TEXT_CHARS: usize = 32;

/// Reads big-endian fields from a dearmoured payload. Reading past the end
/// is an error naming the message type, never a panic.
pub struct BitReader<'a> {
    words: &'a [u64; PAYLOAD_WORDS],
    len: usize,
    pos: usize,
    msg_type: u8,
}

impl<'a> BitReader<'a> {
    pub fn new(payload: &'a Payload) -> Self {
        let words = payload.word_array();
        let len = payload.bit_len();
        let msg_type = if len >= 6 {
            (words.first().copied().unwrap_or(0) >> 58) as u8
        } else {
            0
        };
        Self {
            words,
            len,
            pos: 0,
            msg_type,
        }
    }

    pub fn bit_len(&self) -> usize {
        self.len
    }

    pub fn remaining(&self) -> usize {
        self.len.saturating_sub(self.pos)
    }

    /// Fails unless the payload holds at least `needed` bits, so a decoder
    /// can reject a short message once instead of field by field.
    pub fn require(&self, needed: usize) -> Result<(), DecodeError> {
        if self.len < needed {
            return Err(self.too_short(needed));
        }
        Ok(())
    }

    fn too_short(&self, needed: usize) -> DecodeError {
        DecodeError::PayloadTooShort {
            line: 0,
            msg_type: self.msg_type,
            bits: self.len,
            needed,
        }
    }

    /// An unsigned field of up to 32 bits.
    pub fn u(&mut self, width: usize) -> Result<u32, DecodeError> {
        let width = width.min(32);
        let end = self.pos + width;
        if end > self.len {
            return Err(self.too_short(end));
        }
        if width == 0 {
            return Ok(0);
        }
        // A field of at most 32 bits spans at most two words.
        let (word, off) = (self.pos / 64, self.pos % 64);
        let hi = self.words.get(word).copied().unwrap_or(0);
        let lo = self.words.get(word + 1).copied().unwrap_or(0);
        let window = (u128::from(hi) << 64 | u128::from(lo)) << off;
        self.pos = end;
        Ok((window >> (128 - width)) as u32)
    }

    /// The unsigned field of `width` (1..=32) bits at bit `pos`, for
    /// decoders that read a fixed layout after [`Self::require`] has checked
    /// its length: with constant arguments this is a shift and a mask.
    /// Bits past the payload read as zero (never a panic).
    #[inline(always)]
    pub fn at(&self, pos: usize, width: usize) -> u32 {
        let (word, off) = (pos / 64, pos % 64);
        let hi = self.words.get(word).copied().unwrap_or(0);
        let lo = self.words.get(word + 1).copied().unwrap_or(0);
        let window = (u128::from(hi) << 64 | u128::from(lo)) << off;
        (window >> (128 - width.clamp(1, 32))) as u32
    }

    /// [`Self::at`] for a two's-complement field.
    #[inline(always)]
    pub fn at_signed(&self, pos: usize, width: usize) -> i32 {
        let shift = 32 - width.clamp(1, 32) as u32;
        ((self.at(pos, width) << shift) as i32) >> shift
    }

    /// [`Self::at`] for a one-bit flag.
    #[inline(always)]
    pub fn at_flag(&self, pos: usize) -> bool {
        self.at(pos, 1) == 1
    }

    /// Moves the read position, after fixed-layout reads with [`Self::at`].
    pub fn seek(&mut self, pos: usize) -> Result<(), DecodeError> {
        if pos > self.len {
            return Err(self.too_short(pos));
        }
        self.pos = pos;
        Ok(())
    }

    /// A two's-complement field of up to 32 bits.
    pub fn i(&mut self, width: usize) -> Result<i32, DecodeError> {
        let width = width.clamp(1, 32);
        let raw = self.u(width)?;
        let shift = 32 - width as u32;
        Ok(((raw << shift) as i32) >> shift)
    }

    pub fn u8(&mut self, width: usize) -> Result<u8, DecodeError> {
        self.u(width.min(8)).map(|v| v as u8)
    }

    pub fn u16(&mut self, width: usize) -> Result<u16, DecodeError> {
        self.u(width.min(16)).map(|v| v as u16)
    }

    pub fn flag(&mut self) -> Result<bool, DecodeError> {
        self.u(1).map(|v| v == 1)
    }

    pub fn skip(&mut self, width: usize) -> Result<(), DecodeError> {
        let end = self.pos + width;
        if end > self.len {
            return Err(self.too_short(end));
        }
        self.pos = end;
        Ok(())
    }

    /// A text field of `chars` 6-bit characters, with the `@` padding and
    /// trailing blanks senders add removed.
    pub fn text(&mut self, chars: usize) -> Result<String, DecodeError> {
        let mut out = String::with_capacity(chars.min(MAX_TEXT_CHARS));
        for _ in 0..chars {
            out.push(char::from(TEXT[self.u(6)? as usize & 63]));
        }
        // Trim in place: one allocation per field instead of two.
        let kept = trim_text(&out).len();
        out.truncate(kept);
        Ok(out)
    }

    /// Whatever whole characters remain, as text (for optional extensions
    /// such as an aid-to-navigation's name extension).
    pub fn rest_text(&mut self) -> Result<String, DecodeError> {
        self.text(self.remaining() / 6)
    }
}

/// Drops the `@` padding and blanks at the end of an AIS text field.
pub fn trim_text(s: &str) -> &str {
    s.trim_end_matches(['@', ' '])
}

/// Builds payloads field by field: the inverse of [`BitReader`], for tests,
/// fixtures and fuzz seeds.
#[derive(Debug, Default, Clone)]
pub struct BitWriter {
    bits: Vec<bool>,
}

impl BitWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the low `width` bits of `value` (two's complement for
    /// negative values).
    pub fn push(&mut self, value: i64, width: usize) -> &mut Self {
        for shift in (0..width).rev() {
            self.bits.push((value >> shift) & 1 == 1);
        }
        self
    }

    /// Appends `text` as `chars` 6-bit characters, padded with `@`;
    /// characters outside the alphabet are written as `?`.
    pub fn text(&mut self, text: &str, chars: usize) -> &mut Self {
        let mut values = text.chars().map(text_value).chain(std::iter::repeat(0));
        for _ in 0..chars {
            let v = values.next().unwrap_or(0);
            self.push(i64::from(v), 6);
        }
        self
    }

    pub fn bits(&self) -> &[bool] {
        &self.bits
    }

    /// The payload armoured for a sentence, with its fill-bit count.
    pub fn armour(&self) -> (String, u8) {
        super::armour::armour(&self.bits)
    }
}

fn text_value(c: char) -> u8 {
    let upper = c.to_ascii_uppercase();
    TEXT.iter()
        .position(|&t| char::from(t) == upper)
        .map_or(0x3f, |p| p as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_fields_sign_extend() {
        let mut w = BitWriter::new();
        w.push(-5, 8).push(300, 9).text("AB", 3);
        let payload = Payload::from_bits(w.bits()).unwrap();
        let mut r = BitReader::new(&payload);
        assert_eq!(r.i(8).unwrap(), -5);
        assert_eq!(r.u(9).unwrap(), 300);
        assert_eq!(r.text(3).unwrap(), "AB");
        assert!(r.u(1).is_err());
    }
}
