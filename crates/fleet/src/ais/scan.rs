//! Finding one byte value in short fields eight bytes at a time (SWAR).
//! NMEA fields are a few bytes long: a byte loop costs a branch per byte
//! and `memchr` a call and setup per field, while here a whole line's
//! commas come out of a handful of word operations.

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte of `word` that equals `byte`, exactly (no
/// false positives from borrows).
#[inline(always)]
fn matches(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Positions of `byte` in `bytes`, in order.
#[inline]
pub(crate) fn positions(bytes: &[u8], byte: u8) -> impl Iterator<Item = usize> + '_ {
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    let mut mask = 0u64;
    let mut tail_done = false;
    std::iter::from_fn(move || loop {
        if mask != 0 {
            let at = base - 8 + (mask.trailing_zeros() / 8) as usize;
            mask &= mask - 1;
            return Some(at);
        }
        let word = match words.next() {
            Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
            None if tail_done || words.remainder().is_empty() => return None,
            None => {
                // The padding bytes are zero, and so is their match bit
                // unless `byte` is zero: the mask drops them.
                tail_done = true;
                let tail = words.remainder();
                let mut word = [0u8; 8];
                for (w, &b) in word.iter_mut().zip(tail) {
                    *w = b;
                }
                let found = matches(u64::from_le_bytes(word), byte);
                mask = found & ((1u64 << (tail.len() * 8)) - 1);
                base += 8;
                continue;
            }
        };
        mask = matches(word, byte);
        base += 8;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_match_a_byte_loop() {
        let texts: [&[u8]; 6] = [
            b"",
            b",",
            b"AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0",
            b",,,,,,,,,,,,,,,,,",
            b"abc\0,\xff,\x80,,x",
            b"no commas at all here",
        ];
        for text in texts {
            for byte in [b',', 0, 0xff, 0x80, b'x'] {
                let ours: Vec<usize> = positions(text, byte).collect();
                let slow: Vec<usize> = (0..text.len()).filter(|&i| text[i] == byte).collect();
                assert_eq!(ours, slow, "{text:?} {byte}");
            }
        }
    }
}
