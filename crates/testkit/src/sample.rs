//! Deterministic samples for tests and benchmarks: a small xorshift
//! generator (the same sequence on every run and machine) and a typo
//! maker for perturbing names.

/// xorshift64: fixed, dependency-free, and good enough to pick samples.
pub struct Rng(u64);

impl Rng {
    /// A zero seed would stay zero for ever, so it counts as one.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// One of `items` ("" when there are none).
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// `name` with one typo: a letter dropped, changed, swapped with the
/// next letter or, at a word's end, doubled. Names of fewer than four letters are left alone.
pub fn typo(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 4 {
        return name.to_string();
    }
    let i = letters[rng.below(letters.len())];
    match rng.below(3) {
        0 => {
            chars.remove(i);
        }
        1 => chars[i] = if chars[i] == 'e' { 'a' } else { 'e' },
        _ => {
            if i + 1 < chars.len() && chars[i + 1].is_alphabetic() {
                chars.swap(i, i + 1);
            } else {
                chars.insert(i, chars[i]);
            }
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_zero_seed_moves() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(
            (0..5).map(|_| a.next_u64()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next_u64()).collect::<Vec<_>>()
        );
        assert_ne!(Rng::new(0).next_u64(), 0);
        assert_eq!(Rng::new(3).below(0), 0);
    }

    #[test]
    fn a_typo_changes_a_long_name_by_one_edit_and_spares_short_ones() {
        let mut rng = Rng::new(42);
        for _ in 0..100 {
            let t = typo("Petrovich", &mut rng);
            let diff = t.chars().count().abs_diff(9);
            assert!(diff <= 1, "{t}");
        }
        assert_eq!(typo("Ali", &mut rng), "Ali");
    }
}
