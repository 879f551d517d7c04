//! Similarity of two words of a name: exact, transliteration variant
//! (shared skeleton), typo (edit distance), initial or short form.

use meldpunt_screening::normalize::{PartRole, Token};

/// Similarity given to two spellings with one phonetic skeleton: high,
/// but below an exact match so that the literal form still wins.
const SKELETON_SIM: f32 = 0.92;
/// Two legal forms.
const LEGAL_FORM_SIM: f32 = 0.9;
/// One edit in a word of four or more letters.
const ONE_EDIT_SIM: f32 = 0.85;
/// "J" for "John": agrees, but says little.
const INITIAL_SIM: f32 = 0.85;
/// "Ben" for "Benjamin", "Alex" for "Alexander".
const PREFIX_SIM: f32 = 0.72;

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

/// Similarity of two words given by text and skeleton.
pub fn word_sim(a: &str, a_skel: &str, b: &str, b_skel: &str, ra: PartRole, rb: PartRole) -> f32 {
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la == 1 || lb == 1 {
        let is_initial = matches!(ra, PartRole::Initial) || matches!(rb, PartRole::Initial);
        // An article ("al", "de") is no name an initial abbreviates.
        let particle = matches!(ra, PartRole::Particle) || matches!(rb, PartRole::Particle);
        let is_initial = is_initial && !particle;
        return if is_initial && a.chars().next() == b.chars().next() {
            INITIAL_SIM
        } else {
            0.0
        };
    }
    let distance = osa_distance(a.as_bytes(), b.as_bytes());
    let mut best = 1.0 - distance as f32 / la.max(lb) as f32;
    // One slip of the keyboard in a word of four or more letters is a
    // typo whatever the word's length.
    if distance == 1 && la.min(lb) >= 4 {
        best = best.max(ONE_EDIT_SIM);
    }
    // Short skeletons ("alm") are shared by too many unrelated words.
    if a_skel == b_skel && a_skel.len() >= 3 {
        best = best.max(SKELETON_SIM);
    } else if a_skel.len() >= 3 && b_skel.len() >= 3 {
        best = best.max(edit_sim(a_skel, b_skel) * SKELETON_SIM * 0.95);
    }
    let (short, long) = if la < lb { (a, b) } else { (b, a) };
    let person = |r: PartRole| matches!(r, PartRole::Given | PartRole::Middle | PartRole::Unknown);
    if short.len() >= 3 && long.starts_with(short) && person(ra) && person(rb) {
        best = best.max(PREFIX_SIM);
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
    let m = b.len();
    let mut prev2: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}
