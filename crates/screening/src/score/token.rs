//! Similarity of two words of a name: exact, transliteration variant
//! (shared skeleton), typo (edit distance), initial or short form.

use crate::normalize::{PartRole, Token};

/// Similarity given to two spellings with one phonetic skeleton: high,
/// but below an exact match so that the literal form still wins.
pub(crate) const SKELETON_SIM: f32 = 0.92;
/// Scale of the edit similarity of two differing skeletons: below
/// [`SKELETON_SIM`], so that equal skeletons still win.
pub(crate) const SKELETON_EDIT_SCALE: f32 = SKELETON_SIM * 0.95;
/// Two legal forms.
const LEGAL_FORM_SIM: f32 = 0.9;
/// One edit in a word of four or more letters.
const ONE_EDIT_SIM: f32 = 0.85;
/// "J" for "John": agrees, but says little.
const INITIAL_SIM: f32 = 0.85;
/// "Ben" for "Benjamin", "Alex" for "Alexander".
pub(crate) const PREFIX_SIM: f32 = 0.72;

/// Similarity in [0, 1] of two words.
pub fn token_sim(a: &Token, b: &Token) -> f32 {
    if a.role == PartRole::Number || b.role == PartRole::Number {
        return number_sim(&a.text, &b.text);
    }
    if a.role == PartRole::LegalForm && b.role == PartRole::LegalForm && a.text != b.text {
        // "OOO" and "LLC" are one form in two languages; a different
        // class of form is weighed at name level.
        return LEGAL_FORM_SIM;
    }
    word_sim(&a.text, &a.skeleton, &b.text, &b.skeleton, a.role, b.role)
}

/// [`token_sim`] on precomputed words; see [`word_sim_floor`].
pub(crate) fn token_sim_floor(a: &Word, b: &Word, floor: f32) -> f32 {
    if a.role == PartRole::Number || b.role == PartRole::Number {
        return number_sim(a.text, b.text);
    }
    if a.role == PartRole::LegalForm && b.role == PartRole::LegalForm && !same(a.text, b.text) {
        return LEGAL_FORM_SIM;
    }
    word_sim_floor(a, b, floor)
}

/// Similarity of two words given by text and skeleton.
pub fn word_sim(a: &str, a_skel: &str, b: &str, b_skel: &str, ra: PartRole, rb: PartRole) -> f32 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    word_sim_floor(
        &Word::new(a, a_skel, ra, la),
        &Word::new(b, b_skel, rb, lb),
        f32::NEG_INFINITY,
    )
}

/// A word with what similarity needs of it precomputed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub skeleton: &'a str,
    pub role: PartRole,
    /// Characters of `text`.
    pub chars: usize,
    /// Bytes present in `text` and `skeleton`, as bits (byte % 64).
    pub text_mask: u64,
    pub skel_mask: u64,
}

impl<'a> Word<'a> {
    pub fn new(text: &'a str, skeleton: &'a str, role: PartRole, chars: usize) -> Word<'a> {
        Word {
            text,
            skeleton,
            role,
            chars,
            text_mask: byte_mask(text),
            skel_mask: byte_mask(skeleton),
        }
    }
}

/// String equality without a library call: the words compared are short.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

pub(crate) fn byte_mask(text: &str) -> u64 {
    text.bytes().fold(0u64, |m, b| m | 1u64 << (b % 64))
}

/// A lower bound of the OSA distance of two byte strings from their
/// lengths and byte sets: every byte one side lacks costs an edit.
fn distance_floor(a: &str, am: u64, b: &str, bm: u64) -> usize {
    let length = a.len().abs_diff(b.len());
    let missing = (am & !bm).count_ones().max((bm & !am).count_ones()) as usize;
    length.max(missing)
}

/// [`word_sim`] where only values at or above `floor` matter: parts of
/// the similarity that cannot reach `floor` (or the best part already
/// found) are not computed, and a result below `floor` may be returned
/// as any value below it. At or above `floor` the result is exact.
pub(crate) fn word_sim_floor(a: &Word, b: &Word, floor: f32) -> f32 {
    if same(a.text, b.text) {
        return 1.0;
    }
    let (la, lb) = (a.chars, b.chars);
    if la == 1 || lb == 1 {
        let is_initial = matches!(a.role, PartRole::Initial) || matches!(b.role, PartRole::Initial);
        // An article ("al", "de") is no name an initial abbreviates.
        let particle = matches!(a.role, PartRole::Particle) || matches!(b.role, PartRole::Particle);
        let is_initial = is_initial && !particle;
        return if is_initial && a.text.chars().next() == b.text.chars().next() {
            INITIAL_SIM
        } else {
            0.0
        };
    }
    // The parts are combined by max, so their order does not matter.
    let mut best = f32::NEG_INFINITY;
    let (short, long) = if la < lb {
        (a.text, b.text)
    } else {
        (b.text, a.text)
    };
    let person = |r: PartRole| matches!(r, PartRole::Given | PartRole::Middle | PartRole::Unknown);
    if short.len() >= 3
        && person(a.role)
        && person(b.role)
        && long.len() >= short.len()
        && same_bytes(&long.as_bytes()[..short.len()], short.as_bytes())
    {
        best = PREFIX_SIM;
    }
    let longer = la.max(lb) as f32;
    let edit_bound = |d: usize| {
        let mut s = 1.0 - d as f32 / longer;
        if d <= 1 && la.min(lb) >= 4 {
            s = s.max(ONE_EDIT_SIM);
        }
        s
    };
    let needed = floor.max(best);
    let d_floor = distance_floor(a.text, a.text_mask, b.text, b.text_mask);
    if edit_bound(d_floor) >= needed {
        let distance = osa_distance(a.text.as_bytes(), b.text.as_bytes());
        let mut edit = 1.0 - distance as f32 / longer;
        // One slip of the keyboard in a word of four or more letters is a
        // typo whatever the word's length.
        if distance == 1 && la.min(lb) >= 4 {
            edit = edit.max(ONE_EDIT_SIM);
        }
        best = best.max(edit);
    }
    // Short skeletons ("alm") are shared by too many unrelated words.
    let (sa, sb) = (a.skeleton, b.skeleton);
    if sa.len() >= 3 && same(sa, sb) {
        best = best.max(SKELETON_SIM);
    } else if sa.len() >= 3 && sb.len() >= 3 {
        let needed = floor.max(best);
        let skel_longer = sa.len().max(sb.len()) as f32;
        let d_floor = distance_floor(sa, a.skel_mask, sb, b.skel_mask);
        let bound = (1.0 - d_floor as f32 / skel_longer) * SKELETON_EDIT_SCALE;
        if bound >= needed {
            best = best.max(edit_sim(sa, sb) * SKELETON_EDIT_SCALE);
        }
    }
    if best == f32::NEG_INFINITY {
        // Every part was below `floor`.
        return (floor - 1.0).min(0.0);
    }
    best
}

/// An upper bound of [`word_sim_floor`] for any roles of the two words
/// other than numeral and legal form: the cheap parts of the similarity
/// exactly, the edit distances by their lower bounds.
pub(crate) fn word_sim_ceiling(a: &Word, b: &Word) -> f32 {
    if same(a.text, b.text) {
        return 1.0;
    }
    let (la, lb) = (a.chars, b.chars);
    if la == 1 || lb == 1 {
        return if a.text.chars().next() == b.text.chars().next() {
            INITIAL_SIM
        } else {
            0.0
        };
    }
    let (short, long) = if la < lb {
        (a.text, b.text)
    } else {
        (b.text, a.text)
    };
    let mut best = 0.0f32;
    if short.len() >= 3
        && long.len() >= short.len()
        && same_bytes(&long.as_bytes()[..short.len()], short.as_bytes())
    {
        best = PREFIX_SIM;
    }
    let d = distance_floor(a.text, a.text_mask, b.text, b.text_mask);
    let mut edit = 1.0 - d as f32 / la.max(lb) as f32;
    if d <= 1 && la.min(lb) >= 4 {
        edit = edit.max(ONE_EDIT_SIM);
    }
    best = best.max(edit);
    let (sa, sb) = (a.skeleton, b.skeleton);
    if sa.len() >= 3 && same(sa, sb) {
        best = best.max(SKELETON_SIM);
    } else if sa.len() >= 3 && sb.len() >= 3 {
        let d = distance_floor(sa, a.skel_mask, sb, b.skel_mask);
        let longer = sa.len().max(sb.len()) as f32;
        best = best.max((1.0 - d as f32 / longer) * SKELETON_EDIT_SCALE);
    }
    best
}

/// Numerals agree only exactly; Roman and Arabic forms are one number.
fn number_sim(a: &str, b: &str) -> f32 {
    match (number_value(a), number_value(b)) {
        (Some(x), Some(y)) if x == y => 1.0,
        _ if a == b => 1.0,
        _ => 0.0,
    }
}

pub fn number_value(text: &str) -> Option<u64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.trim_start_matches('0').parse().ok().or(Some(0));
    }
    roman_value(text)
}

fn roman_value(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 8 {
        return None;
    }
    let value = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let digits: Vec<i64> = text.bytes().map(value).collect::<Option<_>>()?;
    let mut sum = 0i64;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => sum -= d,
            _ => sum += d,
        }
    }
    u64::try_from(sum).ok().filter(|v| *v > 0)
}

/// 1 − (optimal string alignment distance / longer length).
pub fn edit_sim(a: &str, b: &str) -> f32 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    let distance = osa_distance(a, b);
    1.0 - distance as f32 / longer as f32
}

/// Levenshtein distance with adjacent transpositions, over bytes.
pub fn osa_distance(a: &[u8], b: &[u8]) -> usize {
    osa_bounded(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// Longest word whose DP rows live on the stack: nearly every name word,
/// so that distances allocate nothing.
const STACK_ROW: usize = 64;

/// [`osa_distance`] when it is at most `k`, else `None`: the DP stops as
/// soon as a whole row exceeds `k`, since later rows never fall below it.
pub(crate) fn osa_bounded(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if b.len() < STACK_ROW {
        let mut rows = [[0u32; STACK_ROW]; 3];
        osa_rows(a, b, k, &mut rows)
    } else {
        let mut rows = [0, 1, 2].map(|_| vec![0u32; b.len() + 1]);
        osa_rows(a, b, k, &mut rows)
    }
}

/// [`osa_bounded`] over three DP rows of at least `b.len() + 1` cells:
/// two back, one back, current.
fn osa_rows<R: AsMut<[u32]>>(a: &[u8], b: &[u8], k: usize, rows: &mut [R; 3]) -> Option<usize> {
    let m = b.len();
    let bound = u32::try_from(k).unwrap_or(u32::MAX);
    let [r0, r1, r2] = rows;
    let (mut prev2, mut prev, mut cur) = (r0.as_mut(), r1.as_mut(), r2.as_mut());
    for (j, cell) in prev.iter_mut().enumerate().take(m + 1) {
        *cell = u32::try_from(j).unwrap_or(u32::MAX);
    }
    for i in 1..=a.len() {
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        cur[0] = row;
        let mut least = row;
        let ai = a[i - 1];
        for j in 1..=m {
            let bj = b[j - 1];
            let cost = u32::from(ai != bj);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == bj {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            least = least.min(v);
        }
        if least > bound {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let distance = prev[m] as usize;
    (distance <= k).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_romans() {
        assert_eq!(number_sim("2", "ii"), 1.0);
        assert_eq!(number_sim("1", "2"), 0.0);
        assert_eq!(number_sim("iv", "4"), 1.0);
        assert_eq!(number_sim("007", "7"), 1.0);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(osa_distance(b"scholz", b"scholze"), 1);
        assert_eq!(osa_distance(b"ab", b"ba"), 1);
        assert_eq!(osa_distance(b"", b"abc"), 3);
    }
}
