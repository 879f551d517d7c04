//! The list's words and, for a query word, the complete set of them
//! whose word similarity reaches a bar: the word neighbourhood the
//! per-name bound of [`super`] rests on.
//!
//! Completeness follows the parts of [`word_sim_floor`], whose value is
//! their maximum: the same text; a one-letter word against a word with
//! its first letter; one word a prefix of the other; the edit distance
//! of the texts; the skeletons, equal or by edit distance (scaled below
//! `SKELETON_SIM`). Each part is enumerated by an exact filter: text
//! lookup, first letter, sorted prefix range, and length-bucketed scans
//! whose byte-count bound ([`super::counts`]: every byte one side lacks
//! costs an edit) never exceeds the distance. Survivors get their exact
//! similarity with the roles that allow every part, which no pair of
//! real roles exceeds.

use rustc_hash::FxHashMap;

use super::super::token::{
    number_value, osa_bounded, word_sim_floor, Word, PREFIX_SIM, SKELETON_EDIT_SCALE,
};
use super::counts::{Profile, Rows};
use crate::normalize::PartRole;
use crate::score::byte_mask;

/// One distinct word of the list (token or merge span) and its data.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub text: Box<str>,
    pub skeleton: Box<str>,
    pub chars: u32,
    pub text_mask: u64,
    pub skel_mask: u64,
    /// An initial (somewhere, for a list word): only an initial pairs a
    /// one-letter word with another word.
    pub initial: bool,
    /// A given or middle name, or a person's word of unknown part: only
    /// two such words pair as prefix and whole ("Alex", "Alexander").
    pub prefix: bool,
}

impl Entry {
    pub fn new(text: &str, skeleton: &str) -> Entry {
        Entry {
            text: text.into(),
            skeleton: skeleton.into(),
            chars: u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
            text_mask: byte_mask(text),
            skel_mask: byte_mask(skeleton),
            initial: false,
            prefix: true,
        }
    }

    fn word(&self, role: PartRole) -> Word<'_> {
        Word {
            text: &self.text,
            skeleton: &self.skeleton,
            role,
            chars: self.chars as usize,
            text_mask: self.text_mask,
            skel_mask: self.skel_mask,
        }
    }
}

/// A set of list words with the lookups a neighbourhood needs. Ids are
/// `base + position`, so that two vocabularies share one id space.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    base: u32,
    pub entries: Vec<Entry>,
    by_text: FxHashMap<Box<str>, Vec<u32>>,
    /// Positions sorted by text, for prefix ranges.
    sorted: Vec<u32>,
    /// The [`sort_key`] of each text in `sorted`, in the same order.
    sorted_keys: Vec<u64>,
    /// Byte length → the texts of that length (row id: position).
    buckets: Vec<Rows>,
    /// Byte length → the distinct skeletons of that length (row id:
    /// skeleton group).
    skel_buckets: Vec<Rows>,
    skel_groups: Vec<Vec<u32>>,
    by_skeleton: FxHashMap<Box<str>, u32>,
    /// First character of one-letter words.
    initials: FxHashMap<char, Vec<u32>>,
    /// Number value → words that read as it.
    numbers: FxHashMap<u64, Vec<u32>>,
}

impl Vocab {
    pub fn new(base: u32, entries: Vec<Entry>) -> Vocab {
        let mut v = Vocab {
            base,
            ..Vocab::default()
        };
        for (i, e) in entries.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            v.by_text.entry(e.text.clone()).or_default().push(i);
            push_row(&mut v.buckets, i, e.text.as_bytes());
            let group = match v.by_skeleton.get(&e.skeleton) {
                Some(&g) => g,
                None => {
                    let g = u32::try_from(v.skel_groups.len()).unwrap_or(u32::MAX);
                    v.by_skeleton.insert(e.skeleton.clone(), g);
                    v.skel_groups.push(Vec::new());
                    push_row(&mut v.skel_buckets, g, e.skeleton.as_bytes());
                    g
                }
            };
            v.skel_groups[group as usize].push(i);
            if e.chars == 1 {
                if let Some(c) = e.text.chars().next() {
                    v.initials.entry(c).or_default().push(i);
                }
            }
            if let Some(n) = number_value(&e.text) {
                v.numbers.entry(n).or_default().push(i);
            }
        }
        for rows in v.buckets.iter_mut().chain(&mut v.skel_buckets) {
            rows.finish();
        }
        v.sorted = (0..u32::try_from(entries.len()).unwrap_or(u32::MAX)).collect();
        v.sorted
            .sort_by(|&a, &b| entries[a as usize].text.cmp(&entries[b as usize].text));
        v.sorted_keys = v
            .sorted
            .iter()
            .map(|&i| sort_key(&entries[i as usize].text))
            .collect();
        v.entries = entries;
        v
    }

    /// Every word whose similarity to `query` may reach `bar`, with its
    /// similarity (exact from `bar` on), into `out` as (id, similarity);
    /// words below `bar` are left out. `numbers`: words reading as the
    /// query's number value count as 1.0 (numerals compare by value).
    /// `merge`: the pair is a merge span and a word, compared with the
    /// roles of no name part.
    pub fn neighbours(
        &self,
        query: &Entry,
        bar: f32,
        numbers: bool,
        merge: bool,
        out: &mut Vec<(u32, f32)>,
    ) {
        SEEN.with(|cell| match cell.try_borrow_mut() {
            Ok(mut seen) => self.scan(query, bar, numbers, merge, &mut seen, out),
            Err(_) => self.scan(query, bar, numbers, merge, &mut Seen::default(), out),
        });
    }

    /// [`Vocab::neighbours`] with `seen` to tell the words already
    /// considered.
    fn scan(
        &self,
        query: &Entry,
        bar: f32,
        numbers: bool,
        merge: bool,
        seen: &mut Seen,
        out: &mut Vec<(u32, f32)>,
    ) {
        seen.start(self.entries.len());
        // Every word considered, once each, in the order found.
        let mut found: Vec<u32> = Vec::new();
        let mut consider = |i: u32| {
            if (i as usize) < self.entries.len() && seen.first(i) {
                found.push(i);
            }
        };
        let text = &*query.text;
        for &i in self.by_text.get(text).into_iter().flatten() {
            consider(i);
        }
        if let Some(c) = text.chars().next() {
            for &i in self.initials.get(&c).into_iter().flatten() {
                consider(i);
            }
        }
        // Prefixes, both ways: only where the prefix part may reach the
        // bar (the roles allow it; merge pairs compare without roles).
        let prefix = PREFIX_SIM >= bar && (merge || query.prefix);
        if prefix && text.len() >= 3 {
            for &i in &self.sorted[self.first_at_least(text)..] {
                if !self.entries[i as usize].text.starts_with(text) {
                    break;
                }
                consider(i);
            }
            for (k, _) in text.char_indices().filter(|(k, _)| *k >= 3) {
                for &i in self.by_text.get(&text[..k]).into_iter().flatten() {
                    consider(i);
                }
            }
        }
        // Edit distance of the texts: lengths, byte counts (64 rows at
        // a time), then the distance itself.
        let la = text.len();
        let profile = Profile::new(text.as_bytes());
        let pattern = Pattern::new(text.as_bytes());
        let within = |b: &[u8], k: usize| match &pattern {
            Some(p) => p.distance(b) <= k,
            None => osa_within(text.as_bytes(), b, k),
        };
        for (lb, allowed) in reach(bar, 1.0, true, la, self.buckets.len()) {
            let Some(bucket) = self.buckets.get(lb) else {
                continue;
            };
            bucket.candidates(&profile, allowed, |i, other| {
                if within(other, allowed) {
                    consider(i);
                }
            });
        }
        // Skeletons: equal, or within the edit distance at which the
        // skeleton part (`edit_sim` of the skeletons, bytes, times
        // SKELETON_EDIT_SCALE) may reach the bar. A group beyond it is
        // near only through the text or prefix parts, which the lookups
        // above find.
        let sk = &*query.skeleton;
        let sa = sk.len();
        if sa >= 3 {
            let skel_profile = Profile::new(sk.as_bytes());
            let skel_pattern = Pattern::new(sk.as_bytes());
            let skel_within = |other: &[u8], k: usize| match &skel_pattern {
                Some(p) => p.distance(other) <= k,
                None => osa_within(sk.as_bytes(), other, k),
            };
            let lengths = reach(bar, SKELETON_EDIT_SCALE, false, sa, self.skel_buckets.len());
            // An equal skeleton has the length and bytes: it is near.
            for (sb, allowed) in lengths.filter(|&(sb, _)| sb >= 3) {
                let Some(bucket) = self.skel_buckets.get(sb) else {
                    continue;
                };
                if allowed == 0 {
                    // Only the equal skeleton, the one row of its group.
                    if let Some(&g) = self.by_skeleton.get(sk) {
                        for &i in self.skel_groups.get(g as usize).into_iter().flatten() {
                            consider(i);
                        }
                    }
                    continue;
                }
                bucket.candidates(&skel_profile, allowed, |g, other| {
                    if skel_within(other, allowed) {
                        for &i in self.skel_groups.get(g as usize).into_iter().flatten() {
                            consider(i);
                        }
                    }
                });
            }
        }
        let mut sims = self.similarities(query, &found, bar, merge);
        if numbers {
            if let Some(n) = number_value(text) {
                let values = self.numbers.get(&n).map_or(&[][..], |v| v.as_slice());
                for &i in values {
                    if seen.first(i) {
                        sims.push((i, 1.0));
                    }
                }
                for s in sims.iter_mut().filter(|s| values.contains(&s.0)) {
                    s.1 = 1.0;
                }
            }
        }
        out.extend(
            sims.into_iter()
                .filter(|(_, s)| *s >= bar)
                .map(|(i, s)| (self.base + i, s)),
        );
    }
}

impl Vocab {
    /// (Position, similarity to `query`) of each word at `positions`.
    /// Their data lie scattered in memory: a first pass reads a byte of
    /// each text and skeleton, loads that do not wait on each other, so
    /// that the similarities, long computations each, find them cached.
    fn similarities(
        &self,
        query: &Entry,
        positions: &[u32],
        bar: f32,
        merge: bool,
    ) -> Vec<(u32, f32)> {
        let first = |s: &str| s.as_bytes().first().copied().unwrap_or(0);
        let mut touched = 0u8;
        for e in positions
            .iter()
            .filter_map(|&i| self.entries.get(i as usize))
        {
            touched ^= first(&e.text) ^ first(&e.skeleton);
        }
        std::hint::black_box(touched);
        positions
            .iter()
            .filter_map(|&i| {
                let e = self.entries.get(i as usize)?;
                Some((i, similarity(query, e, bar, merge)))
            })
            .collect()
    }

    /// The first position in `sorted` whose text is not below `text`:
    /// found by the keys (a text whose key is below `text`'s is below
    /// it, one whose key is above is above), then among the texts that
    /// share `text`'s key.
    fn first_at_least(&self, text: &str) -> usize {
        let key = sort_key(text);
        let low = self.sorted_keys.partition_point(|&k| k < key);
        let same = self.sorted_keys[low..].partition_point(|&k| k == key);
        let tied = &self.sorted[low..low + same];
        low + tied.partition_point(|&i| {
            self.entries
                .get(i as usize)
                .is_some_and(|e| &*e.text < text)
        })
    }
}

/// The first eight bytes of `text`, big-endian, zero-padded: texts in
/// byte order have keys in order (a byte sorts at or above the padding),
/// so a binary search reads keys instead of chasing each text.
fn sort_key(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, &b) in bytes.iter_mut().zip(text.as_bytes()) {
        *slot = b;
    }
    u64::from_be_bytes(bytes)
}

/// Adds row `id` with `word` to the bucket of its byte length.
fn push_row(buckets: &mut Vec<Rows>, id: u32, word: &[u8]) {
    let len = word.len();
    while buckets.len() <= len {
        buckets.push(Rows::new(buckets.len()));
    }
    buckets[len].push(id, word);
}

/// Which words a scan has considered: a stamp per word, so that a new
/// scan starts without clearing.
#[derive(Debug, Default)]
struct Seen {
    stamp: u32,
    marks: Vec<u32>,
}

impl Seen {
    fn start(&mut self, words: usize) {
        if self.marks.len() < words || self.stamp == u32::MAX {
            self.marks = vec![0; words.max(self.marks.len())];
            self.stamp = 0;
        }
        self.stamp += 1;
    }

    /// Whether word `i` is seen for the first time in this scan.
    fn first(&mut self, i: u32) -> bool {
        match self.marks.get_mut(i as usize) {
            Some(mark) if *mark != self.stamp => {
                *mark = self.stamp;
                true
            }
            _ => false,
        }
    }
}

thread_local! {
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::default();
}

/// The largest edit distance at which `scale × (1 − d / longer)` may
/// still reach `bar` (byte lengths bound character lengths from above),
/// and, with `one_edit`, never below one edit, which the similarity of
/// texts may value on its own.
fn allowed_distance(bar: f32, longer: usize, scale: f32, one_edit: bool) -> usize {
    let share = if scale > 0.0 {
        (1.0 - bar / scale).max(0.0)
    } else {
        0.0
    };
    let d = (share * longer as f32 + 1e-3).floor() as usize;
    if one_edit {
        d.max(1)
    } else {
        d
    }
}

/// The byte lengths below `count` within reach of a word of `len`
/// bytes, each with the distance [`allowed_distance`] allows there.
/// Shorter lengths share the word's own allowance. Past the word's
/// length, `length − allowance` never falls while the share of
/// `allowed_distance` is below one (the allowance then grows by at most
/// one per byte), so the first length out of reach ends them.
fn reach(
    bar: f32,
    scale: f32,
    one_edit: bool,
    len: usize,
    count: usize,
) -> impl Iterator<Item = (usize, usize)> {
    let own = allowed_distance(bar, len, scale, one_edit);
    let steady = scale > 0.0 && bar / scale >= 0.01;
    (len.saturating_sub(own)..count)
        .map(move |lb| (lb, allowed_distance(bar, len.max(lb), scale, one_edit)))
        .take_while(move |&(lb, allowed)| !steady || lb <= len || lb - len <= allowed)
        .filter(move |&(lb, allowed)| lb.abs_diff(len) <= allowed)
}

/// Whether the optimal string alignment distance (Levenshtein with
/// adjacent transpositions, as `osa_distance`) of `a` and `b` is at most
/// `k`; see `token::osa_bounded`.
fn osa_within(a: &[u8], b: &[u8], k: usize) -> bool {
    osa_bounded(a, b, k).is_some()
}

/// A word of 1 to 64 bytes as bit masks of where each byte occurs, for
/// the bit-parallel optimal string alignment distance (Hyyrö 2003, as
/// rapidfuzz computes it): the same distance as `osa_distance`, in a
/// few word operations per byte of the other word.
struct Pattern {
    masks: [u64; 256],
    last: u64,
    len: usize,
}

impl Pattern {
    fn new(word: &[u8]) -> Option<Pattern> {
        if word.is_empty() || word.len() > 64 {
            return None;
        }
        let mut masks = [0u64; 256];
        for (k, &b) in word.iter().enumerate() {
            masks[usize::from(b)] |= 1 << k;
        }
        Some(Pattern {
            masks,
            last: 1 << (word.len() - 1),
            len: word.len(),
        })
    }

    fn distance(&self, text: &[u8]) -> usize {
        let (mut vp, mut vn, mut d0, mut before) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = self.len;
        for &c in text {
            let pm = self.masks[usize::from(c)];
            let tr = (((!d0) & pm) << 1) & before;
            d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            if hp & self.last != 0 {
                dist += 1;
            } else if hn & self.last != 0 {
                dist -= 1;
            }
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            before = pm;
        }
        dist
    }
}

/// The largest word similarity of `query` and `e` over the roles a
/// name's word may take (numerals and legal forms aside): exact when at
/// or above `bar`, some value below it otherwise. A merge compares
/// without roles (and may drop skeletons, which only lowers it).
pub(super) fn similarity(query: &Entry, e: &Entry, bar: f32, merge: bool) -> f32 {
    // Only an initial pairs a one-letter word; a prefix needs the roles
    // of a person's given name on both sides, which `Unknown` allows and
    // `Family` does not (roles decide nothing else of the similarity).
    // A merge pair compares without roles.
    let short = query.chars == 1 || e.chars == 1;
    let role = |w: &Entry| {
        if merge {
            PartRole::Unknown
        } else if w.initial && short {
            PartRole::Initial
        } else if w.prefix {
            PartRole::Unknown
        } else {
            PartRole::Family
        }
    };
    let (ra, rb) = (role(query), role(e));
    word_sim_floor(&query.word(ra), &e.word(rb), bar)
}

#[cfg(test)]
mod tests {
    use super::{number_value, osa_within, similarity, Entry, Vocab};
    use crate::score::osa_distance;
    use meldpunt_testkit::sample::{typo, Rng};

    fn entry(text: &str) -> Entry {
        let mut e = Entry::new(text, &crate::normalize::skeleton(text));
        e.initial = e.chars == 1;
        e
    }

    /// Words of every shape the scan must handle: names and their
    /// typos, random words of a small alphabet, non-ASCII bytes,
    /// digits, spaces, one byte, and 64 bytes or more (beyond the
    /// bit-parallel distance).
    fn odd_words() -> Vec<String> {
        let long = "abcdefghij".repeat(7);
        let mut words: Vec<String> = [
            "omar",
            "oamr",
            "umar",
            "mohammed",
            "muhammad",
            "mohamed",
            "ahmad",
            "ahmed",
            "abdullah",
            "abdallah",
            "müller",
            "muller",
            "mueller",
            "мухаммед",
            "мухамед",
            "محمد",
            "李明",
            "a",
            "m",
            "x",
            "é",
            "1",
            "12",
            "7b",
            "2021",
            "2012",
            "al said",
            "alsaid",
            "abu bakr",
            "abubakr",
            "abu bakar",
            "al",
            "ali",
            "alim",
            "alimov",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for n in [63, 64, 65] {
            words.push(long[..n].to_string());
        }
        words.push(long.clone());
        words.push(format!("{}x{}", &long[..30], &long[31..]));
        words.push(format!("{}{}", &long[..20], &long[22..]));
        words.push(format!("{long}abcd"));
        let mut rng = Rng::new(11);
        for i in 0..words.len() {
            let t = typo(&words[i], &mut rng);
            words.push(t);
        }
        for _ in 0..300 {
            let len = 1 + rng.below(12);
            words.push(
                (0..len)
                    .map(|_| b"aeilmnorst"[rng.below(10)] as char)
                    .collect(),
            );
        }
        words
    }

    /// The scan's neighbourhoods are those of the similarity over all
    /// words: the same words, the same similarities.
    #[test]
    fn scan_agrees_with_brute_force() {
        let words = odd_words();
        let entries: Vec<Entry> = words.iter().map(|w| entry(w)).collect();
        let vocab = Vocab::new(5, entries.clone());
        let mut queries: Vec<Entry> = entries.iter().step_by(3).cloned().collect();
        let mut rng = Rng::new(12);
        for w in words.iter().take(60) {
            queries.push(entry(&typo(&format!("{w}a"), &mut rng)));
        }
        // A one-letter query initial pairs with every list word of its
        // letter: the per-name bound finds those by first letter, not
        // through a neighbourhood.
        for q in &mut queries {
            q.initial = false;
        }
        let mut checked = 0;
        for q in &queries {
            for (bar, merge, numbers) in [
                (0.55, false, true),
                (0.55, false, false),
                (0.7, false, false),
                (0.85, true, false),
            ] {
                let mut got = Vec::new();
                vocab.neighbours(q, bar, numbers, merge, &mut got);
                got.sort_by_key(|h| h.0);
                let value = number_value(&q.text).filter(|_| numbers);
                let expected: Vec<(u32, f32)> = entries
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let sim = if value.is_some() && number_value(&e.text) == value {
                            1.0
                        } else {
                            similarity(q, e, f32::NEG_INFINITY, merge)
                        };
                        (sim >= bar).then_some((5 + i as u32, sim))
                    })
                    .collect();
                checked += expected.len();
                assert_eq!(got, expected, "{:?} at {bar}", q.text);
            }
        }
        assert!(checked > 2 * queries.len(), "{checked} neighbours");
    }

    /// The bit-parallel distance equals the DP one, on random words of
    /// a small alphabet (many transpositions and repeats) and on names.
    #[test]
    fn bit_parallel_distance_agrees() {
        let mut rng = meldpunt_testkit::sample::Rng::new(5);
        let mut words: Vec<Vec<u8>> = [
            "omar", "oamr", "umar", "mohammed", "muhammad", "ab", "ba", "abc", "cab",
        ]
        .iter()
        .map(|w| w.as_bytes().to_vec())
        .collect();
        for _ in 0..600 {
            let len = 1 + rng.below(14);
            words.push((0..len).map(|_| b"abcd"[rng.below(4)]).collect());
        }
        words.push(vec![b'x'; 64]);
        words.push((0..64).map(|k| b"ab"[k % 2]).collect());
        for a in &words {
            let Some(p) = super::Pattern::new(a) else {
                continue;
            };
            for b in words.iter().take(200).chain([&Vec::new()]) {
                assert_eq!(p.distance(b), osa_distance(a, b), "{a:?} {b:?}");
            }
        }
    }

    /// The lengths in reach are those a pass over every length keeps.
    #[test]
    fn reach_keeps_every_length_in_reach() {
        for bar in [-0.5, 0.0, 0.001, 0.2, 0.55, 0.6, 0.85, 0.9, 1.0, 1.5] {
            for (scale, one_edit) in [(1.0, true), (super::SKELETON_EDIT_SCALE, false)] {
                for len in 0..80 {
                    let expected: Vec<(usize, usize)> = (0..150)
                        .map(|lb| {
                            (
                                lb,
                                super::allowed_distance(bar, len.max(lb), scale, one_edit),
                            )
                        })
                        .filter(|&(lb, allowed)| lb.abs_diff(len) <= allowed)
                        .collect();
                    let got: Vec<(usize, usize)> =
                        super::reach(bar, scale, one_edit, len, 150).collect();
                    assert_eq!(got, expected, "{bar} {scale} {len}");
                }
            }
        }
    }

    /// The key search lands where a search over the texts does.
    #[test]
    fn prefix_search_by_keys() {
        let mut words = odd_words();
        words.extend(
            [
                "abcdefgh",
                "abcdefghi",
                "abcdefgha",
                "abcdefg",
                "ab\0",
                "ab",
            ]
            .map(String::from),
        );
        let entries: Vec<Entry> = words.iter().map(|w| entry(w)).collect();
        let vocab = Vocab::new(0, entries);
        for w in words.iter().chain(&[
            "".to_string(),
            "abcdefgh\u{1}".to_string(),
            "zzzzzzzzzz".to_string(),
        ]) {
            for probe in [w.clone(), format!("{w}a"), w.chars().take(2).collect()] {
                let expected = vocab
                    .sorted
                    .partition_point(|&i| *vocab.entries[i as usize].text < *probe);
                assert_eq!(vocab.first_at_least(&probe), expected, "{probe:?}");
            }
        }
    }

    /// The skeleton part alone: words whose texts share nothing with
    /// the query's and whose skeletons (drawn freely) differ from it by
    /// every distance, so that the scan's skeleton distance is checked
    /// at the edge of each bar.
    #[test]
    fn skeleton_scan_agrees_with_brute_force() {
        let mut rng = Rng::new(13);
        let skeleton = |rng: &mut Rng| -> String {
            let len = 3 + rng.below(40);
            (0..len).map(|_| b"bdkm"[rng.below(4)] as char).collect()
        };
        let entries: Vec<Entry> = (0..2000)
            .map(|i| Entry::new(&format!("{}", 10_000_000 + i), &skeleton(&mut rng)))
            .collect();
        let vocab = Vocab::new(0, entries.clone());
        for _ in 0..100 {
            let q = Entry::new("zzzzzzzz", &skeleton(&mut rng));
            for bar in [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85] {
                let mut got = Vec::new();
                vocab.neighbours(&q, bar, false, true, &mut got);
                got.sort_by_key(|h| h.0);
                let expected: Vec<(u32, f32)> = entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (i as u32, similarity(&q, e, f32::NEG_INFINITY, true)))
                    .filter(|(_, sim)| *sim >= bar)
                    .collect();
                assert_eq!(got, expected, "{:?} at {bar}", q.skeleton);
            }
        }
    }

    #[test]
    fn osa_within_agrees_with_the_distance() {
        let words = [
            "omar", "oamr", "umar", "mohammed", "muhammad", "ab", "ba", "", "abc", "cab",
        ];
        for a in words {
            for b in words {
                let d = osa_distance(a.as_bytes(), b.as_bytes());
                for k in 0..6 {
                    assert_eq!(
                        osa_within(a.as_bytes(), b.as_bytes(), k),
                        d <= k,
                        "{a} {b} {k}"
                    );
                }
            }
        }
    }
}
