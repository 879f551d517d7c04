//! Words of one byte length, stored for the neighbourhood scan: their
//! bytes back to back (no pointer to chase before the edit distance)
//! and bit-sliced byte-class counts, so that a count filter decides 64
//! rows per word operation.
//!
//! The filter. Bytes fall into [`CLASSES`] classes (each letter its own,
//! digits, space, other bytes in four). A query word with `q_x` bytes of
//! class `x` and `m` bytes in all; a row with `c_x` and `n` (the bucket's
//! length). Its deficit `D = Σ_x max(0, min(q_x, DEPTH) − c_x)`, the
//! query's bytes the row lacks with counts capped at [`DEPTH`], is
//! `Σ_x Σ_{t=1..min(q_x, DEPTH)} [c_x < t]`: a sum of negated bitsets
//! "row has at least t bytes of class x", one per (x, t), added
//! bit-sliced.
//!
//! Why `D + max(0, n − m) ≤ d`, d the optimal string alignment distance
//! (substitutions, insertions, deletions, adjacent transpositions):
//! walk an optimal edit script from the query to the row, tracking the
//! class counts `v` (from `q` to `c`). A substitution lowers one count
//! by one and raises one by one, a deletion lowers one, an insertion
//! raises one, a transposition changes none. So `Σ_x max(0, q_x − v_x)`
//! rises by at most one per edit and `Σ_x max(0, v_x − q_x)` too: both
//! end at most `d`. Capping lowers the first (`max(0, min(q, T) − c) ≤
//! max(0, q − c)`), so `D ≤ d`. The second equals `Σ_x max(0, q_x −
//! c_x) + n − m ≥ D + n − m`. Merging bytes into classes only lowers
//! both sums (`max(0, a + b − c − e) ≤ max(0, a − c) + max(0, b − e)`).
//! Hence a row within distance `k` has `D ≤ k − max(0, n − m)`.

/// Byte classes: a–z one each, digits, space, other bytes by `b % 4`.
pub(super) const CLASSES: usize = 32;
/// Counts are told apart up to this many bytes of a class.
pub(super) const DEPTH: usize = 4;
const PLANES: usize = CLASSES * DEPTH;

fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26,
        b' ' => 27,
        _ => 28 + usize::from(b % 4),
    }
}

/// How many bytes of each class a word has.
fn class_counts(word: &[u8]) -> [u32; CLASSES] {
    let mut out = [0u32; CLASSES];
    for &b in word {
        out[class(b)] += 1;
    }
    out
}

/// A query word as the planes its deficit adds: for each class `x` it
/// has, the planes (x, 1..=min(q_x, DEPTH)).
#[derive(Debug, Clone)]
pub(super) struct Profile {
    len: usize,
    planes: [u8; PLANES],
    used: usize,
}

impl Profile {
    pub fn new(word: &[u8]) -> Profile {
        let mut p = Profile {
            len: word.len(),
            planes: [0; PLANES],
            used: 0,
        };
        for (x, &q) in class_counts(word).iter().enumerate() {
            for t in 0..(q as usize).min(DEPTH) {
                // x * DEPTH + t < PLANES = 128: fits a byte.
                p.planes[p.used] = (x * DEPTH + t) as u8;
                p.used += 1;
            }
        }
        p
    }

    fn planes(&self) -> &[u8] {
        &self.planes[..self.used]
    }
}

/// Words of one byte length: ids, bytes back to back, and per plane
/// (class x, count t) a bitset over rows of "at least t + 1 bytes of
/// class x", plane-major so that a scan reads each plane in order.
#[derive(Debug, Default)]
pub(super) struct Rows {
    len: usize,
    ids: Vec<u32>,
    bytes: Vec<u8>,
    blocks: usize,
    bits: Vec<u64>,
}

impl Rows {
    /// Rows whose words have `len` bytes each.
    pub fn new(len: usize) -> Rows {
        Rows {
            len,
            ..Rows::default()
        }
    }

    /// Adds a row; a word of another length is ignored (the caller
    /// buckets by length).
    pub fn push(&mut self, id: u32, word: &[u8]) {
        if word.len() == self.len {
            self.ids.push(id);
            self.bytes.extend_from_slice(word);
        }
    }

    /// Builds the planes once every row is in.
    pub fn finish(&mut self) {
        self.blocks = self.ids.len().div_ceil(64);
        self.bits = vec![0; PLANES * self.blocks];
        for r in 0..self.ids.len() {
            let counts = class_counts(self.text(r));
            let (block, bit) = (r / 64, 1u64 << (r % 64));
            for (x, &c) in counts.iter().enumerate() {
                for t in 0..(c as usize).min(DEPTH) {
                    self.bits[(x * DEPTH + t) * self.blocks + block] |= bit;
                }
            }
        }
        self.ids.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn text(&self, r: usize) -> &[u8] {
        self.bytes
            .get(r * self.len..(r + 1) * self.len)
            .unwrap_or(&[])
    }

    /// Calls `found(id, word)` for every row, in row order, that may be
    /// within edit distance `k` of the profiled query: every row that
    /// is, and some that are not (see the module doc).
    pub fn candidates(&self, query: &Profile, k: usize, mut found: impl FnMut(u32, &[u8])) {
        let longer_by = self.len.saturating_sub(query.len);
        if longer_by > k || self.is_empty() {
            return;
        }
        let bound = k - longer_by;
        let planes = query.planes();
        if bound >= planes.len() {
            // The deficit is at most the number of planes added.
            for r in 0..self.ids.len() {
                found(self.ids[r], self.text(r));
            }
            return;
        }
        // bound < planes.len() ≤ 128: the counter needs at most 7 bits.
        match usize::BITS - bound.leading_zeros() {
            0 => self.sliced::<0>(planes, bound, &mut found),
            1 => self.sliced::<1>(planes, bound, &mut found),
            2 => self.sliced::<2>(planes, bound, &mut found),
            3 => self.sliced::<3>(planes, bound, &mut found),
            4 => self.sliced::<4>(planes, bound, &mut found),
            5 => self.sliced::<5>(planes, bound, &mut found),
            6 => self.sliced::<6>(planes, bound, &mut found),
            _ => self.sliced::<7>(planes, bound, &mut found),
        }
    }

    /// The count filter with a `B`-bit counter per row (`bound < 2^B`):
    /// it starts at `2^B − 1 − bound`, so that it overflows exactly
    /// when the deficit exceeds `bound`; the overflow sticks.
    fn sliced<const B: usize>(
        &self,
        planes: &[u8],
        bound: usize,
        found: &mut impl FnMut(u32, &[u8]),
    ) {
        let start = (1usize << B) - 1 - bound;
        let rows = self.ids.len();
        for block in 0..self.blocks {
            let mut sum = [0u64; B];
            for (i, s) in sum.iter_mut().enumerate() {
                if start >> i & 1 == 1 {
                    *s = !0;
                }
            }
            let mut over = 0u64;
            for &p in planes {
                let at = usize::from(p) * self.blocks + block;
                let mut carry = !self.bits.get(at).copied().unwrap_or(0);
                for s in sum.iter_mut() {
                    let next = *s & carry;
                    *s ^= carry;
                    carry = next;
                }
                over |= carry;
            }
            let first = block * 64;
            let valid = if rows - first >= 64 {
                !0
            } else {
                (1u64 << (rows - first)) - 1
            };
            let mut live = !over & valid;
            while live != 0 {
                let r = first + live.trailing_zeros() as usize;
                live &= live - 1;
                found(self.ids[r], self.text(r));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::osa_distance;
    use proptest::prelude::*;

    /// The capped deficit counted directly.
    fn deficit(query: &[u8], row: &[u8]) -> usize {
        let (q, c) = (class_counts(query), class_counts(row));
        q.iter()
            .zip(&c)
            .map(|(&q, &c)| (q as usize).min(DEPTH).saturating_sub(c as usize))
            .sum()
    }

    fn rows_of(words: &[Vec<u8>], len: usize) -> Rows {
        let mut rows = Rows::new(len);
        for (i, w) in words.iter().enumerate() {
            rows.push(i as u32, w);
        }
        rows.finish();
        rows
    }

    fn word(len: usize) -> impl Strategy<Value = Vec<u8>> {
        // A small alphabet (repeats, transpositions), a digit, space and
        // bytes of the merged classes, UTF-8 lead and continuation bytes.
        let bytes = prop::sample::select(vec![
            b'a', b'b', b'c', b'e', b'z', b'7', b' ', b'-', 0xc3, 0xa9, 0xd0, 0xbc,
        ]);
        prop::collection::vec(bytes, len..=len)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The bit-sliced filter passes exactly the rows whose counted
        /// deficit is within the bound, and every row within distance k.
        #[test]
        fn sliced_filter_is_the_counted_deficit(
            (len, qlen) in (1usize..12, 1usize..12),
            seed in any::<u64>(),
            k in 0usize..8,
        ) {
            let mut rng = meldpunt_testkit::sample::Rng::new(seed);
            let alphabet = b"abcez7 -\xc3\xa9\xd0\xbc";
            let mut draw = |n: usize| -> Vec<u8> {
                (0..n).map(|_| alphabet[rng.below(alphabet.len())]).collect()
            };
            let query = draw(qlen);
            let words: Vec<Vec<u8>> = (0..150).map(|_| draw(len)).collect();
            let rows = rows_of(&words, len);
            let mut got = Vec::new();
            rows.candidates(&Profile::new(&query), k, |id, text| {
                got.push(id);
                assert_eq!(text, &words[id as usize][..]);
            });
            let longer_by = len.saturating_sub(qlen);
            let expected: Vec<u32> = (0..words.len() as u32)
                .filter(|&i| {
                    longer_by <= k && deficit(&query, &words[i as usize]) <= k - longer_by
                })
                .collect();
            prop_assert_eq!(&got, &expected);
            for (i, w) in words.iter().enumerate() {
                if osa_distance(&query, w) <= k {
                    prop_assert!(got.contains(&(i as u32)));
                }
            }
        }

        /// The deficit and the length difference bound the distance.
        #[test]
        fn deficit_bounds_the_distance(a in word(7), b in word(5), c in word(9)) {
            for (x, y) in [(&a, &b), (&b, &a), (&a, &c), (&c, &b), (&a, &a)] {
                let d = osa_distance(x, y);
                prop_assert!(deficit(x, y) + y.len().saturating_sub(x.len()) <= d);
            }
        }
    }

    #[test]
    fn long_words_and_empty_buckets() {
        let long: Vec<u8> = (0..200).map(|i| b"abcdefgh"[i % 8]).collect();
        // The deficit of a word of another alphabet is 8 classes × DEPTH.
        let rows = rows_of(&[long.clone(), vec![b'z'; 200]], 200);
        for (k, expected) in [
            (0, vec![0]),
            (31, vec![0]),
            (32, vec![0, 1]),
            (150, vec![0, 1]),
        ] {
            let mut got = Vec::new();
            rows.candidates(&Profile::new(&long), k, |id, _| got.push(id));
            assert_eq!(got, expected, "{k}");
        }
        let empty = rows_of(&[], 3);
        empty.candidates(&Profile::new(b"abc"), 2, |_, _| panic!("no rows"));
    }
}
