//! The best ratio `Σ num / Σ den` over the choices of each query word:
//! matched through one of its options (effective similarity `v`, own
//! half weight, a partner half weight `s` anywhere in `[0, h]`) or
//! unmatched (its cost). The list name's words cost `m` times their
//! weight when unmatched: `den` starts at `m × W` (`base`) and a partner
//! takes `2s × m` of it back, so `s` adds `s × (1 − 2m)` (`shrink`).
//! Copies of a repeated query word cost nothing unmatched once one of
//! them is matched, and their full cost when none is.

use super::vocab::Entry;

/// A query word as the bound weighs it.
#[derive(Debug, Clone)]
pub(super) struct QueryWord {
    pub entry: Entry,
    pub half: f32,
    /// What it costs unmatched when no copy of it is matched.
    pub cost: f32,
    /// The position of its first copy in the rendering (its own when it
    /// is not repeated), and whether it has other copies.
    pub leader: usize,
    pub repeated: bool,
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
        let (num, den) = choose(words, options, base, shrink, ratio);
        let next = if den > 0.0 { num / den } else { 0.0 };
        if next <= ratio + 1e-6 {
            return ratio.max(next);
        }
        ratio = next;
    }
    1.0
}

/// Whether [`best_ratio`] reaches `bar`, in one step: the best ratio
/// is at least `bar` exactly when some choice has `num − bar·den ≥ 0`,
/// and the choices [`choose`] makes at `bar` maximise that.
pub(super) fn reaches(
    words: &[QueryWord],
    options: &[Options],
    base: f32,
    shrink: f32,
    bar: f32,
) -> bool {
    let (num, den) = choose(words, options, base, shrink, bar);
    num - bar * den >= 0.0
}

/// `(num, den)` of the choices that maximise `num − ratio·den`.
fn choose(
    words: &[QueryWord],
    options: &[Options],
    base: f32,
    shrink: f32,
    ratio: f32,
) -> (f32, f32) {
    let (mut num, mut den) = (0.0f32, base);
    for (i, (w, opts)) in words.iter().zip(options).enumerate() {
        let (n, d) = if w.repeated {
            if w.leader != i {
                continue;
            }
            copies(words, options, i, ratio, shrink)
        } else {
            match matched(w, opts, ratio, shrink) {
                Some((n, d)) if n - ratio * d >= -ratio * w.cost => (n, d),
                _ => (0.0, w.cost),
            }
        };
        num += n;
        den += d;
    }
    (num, den)
}

/// The best matched choice of a word at ratio λ, as (num, den): a
/// partner weight helps only a value above `λ × shrink`, so it is all
/// or nothing. `None` without options.
fn matched(w: &QueryWord, opts: &Options, ratio: f32, shrink: f32) -> Option<(f32, f32)> {
    let mut best: Option<(f32, f32)> = None;
    for &(v, h) in opts.iter().flatten() {
        let s = if v > ratio * shrink { h } else { 0.0 };
        let (n, d) = (v * (w.half + s), w.half + s * shrink);
        if best.is_none_or(|(bn, bd)| n - ratio * d >= bn - ratio * bd) {
            best = Some((n, d));
        }
    }
    best
}

/// The best choice at ratio λ for the copies of the word at `leader`:
/// every copy unmatched at its full cost, or some matched (those that
/// gain, at least the best one) and the others free.
fn copies(
    words: &[QueryWord],
    options: &[Options],
    leader: usize,
    ratio: f32,
    shrink: f32,
) -> (f32, f32) {
    let mut unmatched = 0.0f32;
    let (mut gaining, mut any) = ((0.0f32, 0.0f32), false);
    let mut single: Option<(f32, f32)> = None;
    let group = words.iter().zip(options).skip(leader);
    for (w, opts) in group.filter(|(w, _)| w.leader == leader) {
        unmatched += w.cost;
        let Some((n, d)) = matched(w, opts, ratio, shrink) else {
            continue;
        };
        if n - ratio * d > 0.0 {
            gaining = (gaining.0 + n, gaining.1 + d);
            any = true;
        }
        if single.is_none_or(|(bn, bd)| n - ratio * d > bn - ratio * bd) {
            single = Some((n, d));
        }
    }
    let best = if any { Some(gaining) } else { single };
    match best {
        Some((n, d)) if n - ratio * d >= -ratio * unmatched => (n, d),
        _ => (0.0, unmatched),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(half: f32, cost: f32) -> QueryWord {
        QueryWord {
            entry: Entry::new("x", "x"),
            half,
            cost,
            leader: 0,
            repeated: false,
            initial: None,
            legal: false,
        }
    }

    fn words(list: &[(f32, f32)]) -> Vec<QueryWord> {
        let mut out: Vec<QueryWord> = list.iter().map(|&(h, c)| word(h, c)).collect();
        for (i, w) in out.iter_mut().enumerate() {
            w.leader = i;
        }
        out
    }

    /// Every choice of one word: unmatched (its cost), or an option with
    /// partner weight 0 or h; `true` when matched.
    fn choices(w: &QueryWord, o: &Options, shrink: f32) -> Vec<(f32, f32, bool)> {
        let mut c = vec![(0.0, w.cost, false)];
        for &(v, h) in o.iter().flatten() {
            c.push((v * w.half, w.half, true));
            c.push((v * (w.half + h), w.half + h * shrink, true));
        }
        c
    }

    /// The ratio is the best over every choice, checked by enumeration.
    #[test]
    fn dinkelbach_finds_the_best_choice() {
        let words = words(&[(0.5, 0.8), (0.65, 1.04), (0.25, 0.2)]);
        let options: Vec<Options> = vec![
            [Some((1.0, 0.65)), Some((0.3, 0.4)), None, None],
            [Some((0.85, 0.5)), Some((0.3, 0.65)), None, Some((0.9, 0.1))],
            [None, Some((0.3, 0.65)), None, None],
        ];
        let mut best = 0.0f32;
        let (base, shrink) = (0.4, 0.6);
        let all: Vec<Vec<(f32, f32, bool)>> = words
            .iter()
            .zip(&options)
            .map(|(w, o)| choices(w, o, shrink))
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
        for bar in [best - 1e-3, best + 1e-3] {
            assert_eq!(reaches(&words, &options, base, shrink, bar), bar <= best);
        }
    }

    /// Copies of a repeated word: free unmatched once one copy is
    /// matched, their full cost otherwise; checked by enumeration.
    #[test]
    fn copies_cost_nothing_once_one_is_matched() {
        let mut words = words(&[(0.5, 0.8), (0.5, 0.8), (0.05, 0.08), (0.4, 0.64)]);
        words[1].leader = 0;
        words[0].repeated = true;
        words[1].repeated = true;
        let (base, shrink) = (0.1, 0.6);
        for options in [
            vec![
                [None, Some((0.3, 0.65)), None, None],
                [None, Some((0.3, 0.65)), None, None],
                [None, None, None, Some((1.0, 0.05))],
                [Some((0.9, 0.5)), Some((0.3, 0.65)), None, None],
            ],
            vec![
                [Some((1.0, 0.5)), None, None, None],
                [Some((1.0, 0.5)), None, None, None],
                [None, None, None, None],
                [None, Some((0.3, 0.65)), None, None],
            ],
        ] {
            let all: Vec<Vec<(f32, f32, bool)>> = words
                .iter()
                .zip(&options)
                .map(|(w, o)| choices(w, o, shrink))
                .collect();
            let mut best = 0.0f32;
            for a in &all[0] {
                for b in &all[1] {
                    // Both copies unmatched cost in full, else the
                    // unmatched one is free.
                    let free = |c: &(f32, f32, bool)| if c.2 || !(a.2 || b.2) { c.1 } else { 0.0 };
                    for c in &all[2] {
                        for d in &all[3] {
                            let n = a.0 + b.0 + c.0 + d.0;
                            let den = base + free(a) + free(b) + c.1 + d.1;
                            best = best.max(n / den);
                        }
                    }
                }
            }
            let got = best_ratio(&words, &options, base, shrink);
            assert!((got - best).abs() < 1e-4, "{got} vs {best}");
        }
    }
}
