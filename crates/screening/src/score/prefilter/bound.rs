//! The best ratio `Σ num / Σ den` over the choices of each query word:
//! matched through one of its options (effective similarity `v`, own
//! half weight, a partner half weight `s` anywhere in `[0, h]`) or
//! unmatched (its cost). The list name's words cost `m` times their
//! weight when unmatched: `den` starts at `m × W` (`base`) and a partner
//! takes `2s × m` of it back, so `s` adds `s × (1 − 2m)` (`shrink`).

use super::vocab::Entry;

/// A query word as the bound weighs it.
#[derive(Debug, Clone)]
pub(super) struct QueryWord {
    pub entry: Entry,
    pub half: f32,
    pub cost: f32,
    /// A one-letter word (not a numeral): its first byte, and whether it
    /// is an initial (which pairs with any list word of that letter;
    /// another one-letter word only with the list's initials).
    pub initial: Option<(u8, bool)>,
    /// A legal form: pairs with any list legal form.
    pub legal: bool,
}

/// The ways a word may be matched: (effective similarity, largest
/// partner half weight).
pub(super) type Options = [Option<(f32, f32)>; 4];

/// Dinkelbach's iteration: at ratio λ each word takes the choice with
/// the largest `num − λ·den` (a partner weight helps only a value above
/// `λ × shrink`, so it is all or nothing); the ratio of those choices is
/// the next λ, until it no longer rises. 1.0 should it fail to settle.
pub(super) fn best_ratio(words: &[QueryWord], options: &[Options], base: f32, shrink: f32) -> f32 {
    let mut ratio = 0.0f32;
    for _ in 0..32 {
        let (mut num, mut den) = (0.0f32, base);
        for (w, opts) in words.iter().zip(options) {
            let mut gain = -ratio * w.cost;
            let mut choice = (0.0f32, w.cost);
            for &(v, h) in opts.iter().flatten() {
                let s = if v > ratio * shrink { h } else { 0.0 };
                let (n, d) = (v * (w.half + s), w.half + s * shrink);
                let g = n - ratio * d;
                if g >= gain {
                    gain = g;
                    choice = (n, d);
                }
            }
            num += choice.0;
            den += choice.1;
        }
        let next = if den > 0.0 { num / den } else { 0.0 };
        if next <= ratio + 1e-6 {
            return ratio.max(next);
        }
        ratio = next;
    }
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(half: f32, cost: f32) -> QueryWord {
        QueryWord {
            entry: Entry::new("x", "x"),
            half,
            cost,
            initial: None,
            legal: false,
        }
    }

    /// The ratio is the best over every choice, checked by enumeration.
    #[test]
    fn dinkelbach_finds_the_best_choice() {
        let words = [word(0.5, 0.8), word(0.65, 1.04), word(0.25, 0.2)];
        let options: Vec<Options> = vec![
            [Some((1.0, 0.65)), Some((0.3, 0.4)), None, None],
            [Some((0.85, 0.5)), Some((0.3, 0.65)), None, Some((0.9, 0.1))],
            [None, Some((0.3, 0.65)), None, None],
        ];
        let mut best = 0.0f32;
        // Each word: unmatched, or an option with partner weight 0 or h.
        let (base, shrink) = (0.4, 0.6);
        let choices = |w: &QueryWord, o: &Options| {
            let mut c = vec![(0.0, w.cost)];
            for &(v, h) in o.iter().flatten() {
                c.push((v * w.half, w.half));
                c.push((v * (w.half + h), w.half + h * shrink));
            }
            c
        };
        let all: Vec<Vec<(f32, f32)>> = words
            .iter()
            .zip(&options)
            .map(|(w, o)| choices(w, o))
            .collect();
        for a in &all[0] {
            for b in &all[1] {
                for c in &all[2] {
                    let (n, d) = (a.0 + b.0 + c.0, base + a.1 + b.1 + c.1);
                    if d > 0.0 {
                        best = best.max(n / d);
                    }
                }
            }
        }
        let got = best_ratio(&words, &options, base, shrink);
        assert!((got - best).abs() < 1e-4, "{got} vs {best}");
    }
}
