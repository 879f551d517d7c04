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

/// Unpacks an armoured payload into its bits (one `bool` per bit, most
/// significant first), dropping `fill_bits` padding bits at the end.
pub fn dearmour(payload: &str, fill_bits: u8) -> Result<Vec<bool>, DecodeError> {
    if payload.is_empty() {
        return Err(DecodeError::EmptyPayload { line: 0 });
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(DecodeError::PayloadTooLong {
            line: 0,
            len: payload.len(),
            max: MAX_PAYLOAD_CHARS,
        });
    }
    let total = payload.len() * 6;
    if fill_bits > 5 || usize::from(fill_bits) >= total {
        return Err(DecodeError::BadFillBits {
            line: 0,
            fill: fill_bits,
        });
    }
    let mut bits = Vec::with_capacity(total);
    for (position, c) in payload.char_indices() {
        let byte = u8::try_from(c).ok().and_then(sextet);
        let Some(value) = byte else {
            return Err(DecodeError::BadArmour {
                line: 0,
                character: c,
                position,
            });
        };
        bits.extend((0..6).rev().map(|shift| (value >> shift) & 1 == 1));
    }
    bits.truncate(total - usize::from(fill_bits));
    Ok(bits)
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
