//! Wade-Giles readings of Chinese names. Older lists, Taiwanese passports
//! and most twentieth-century sources romanise Mandarin in Wade-Giles
//! ("Mao Tse-tung", "Hsi Chin-p'ing", "Tsai Ing-wen") while current lists
//! use pinyin ("Mao Zedong", "Xi Jinping", "Cai Yingwen"). The two differ
//! in whole letter groups (hs/x, ts/z, ung/ong), which spelling similarity
//! cannot bridge, so a name written in Wade-Giles gets its pinyin reading
//! as a variant.
//!
//! Wade-Giles marks aspiration with an apostrophe (p'ing = ping, ping =
//! bing) that names usually lose, so both readings are given: one with
//! every stop unaspirated (p→b, t→d, k→g, ch→j/zh, ts→z) and one with
//! every stop aspirated (p, t, k, ch→q/ch, ts→c).

/// Initials, longest first so that "hs" is not read as "h".
const INITIALS: &[&str] = &[
    "ch", "hs", "sh", "ss", "sz", "ts", "tz", "f", "h", "j", "k", "l", "m", "n", "p", "s", "t",
    "w", "y", "",
];

/// Finals after diacritics are folded (ü → u, ê → e, ŭ → u).
const FINALS: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "e", "eh", "ei", "en", "eng", "erh", "i", "ia", "iang", "iao",
    "ieh", "ien", "ih", "in", "ing", "iu", "iung", "o", "ou", "u", "ua", "uai", "uan", "uang",
    "ueh", "uei", "ui", "un", "ung", "uo",
];

#[derive(Clone, Copy, PartialEq)]
enum Aspiration {
    Unaspirated,
    Aspirated,
}

/// Letters in the longest syllable ("hsiung", "chuang").
const LONGEST_SYLLABLE: usize = 6;

/// A word split into a Wade-Giles initial and final, if it is one syllable.
fn syllable(word: &str) -> Option<(&'static str, &'static str)> {
    if word.len() > LONGEST_SYLLABLE {
        return None;
    }
    syllables().get(word).copied()
}

/// Every initial + final, split at the first initial (in the order of
/// [`INITIALS`]) that leaves a final: one hash lookup per word instead
/// of trying each initial.
fn syllables() -> &'static rustc_hash::FxHashMap<String, (&'static str, &'static str)> {
    static SYLLABLES: std::sync::OnceLock<
        rustc_hash::FxHashMap<String, (&'static str, &'static str)>,
    > = std::sync::OnceLock::new();
    SYLLABLES.get_or_init(|| {
        let mut map = rustc_hash::FxHashMap::default();
        for initial in INITIALS {
            for fin in FINALS {
                map.entry(format!("{initial}{fin}"))
                    .or_insert((*initial, *fin));
            }
        }
        map
    })
}

/// Letter groups pinyin never writes: a syllable showing one is
/// Wade-Giles, not pinyin.
fn is_telltale(initial: &str, fin: &str) -> bool {
    matches!(initial, "hs" | "ts" | "tz" | "ss" | "sz")
        || matches!(
            fin,
            "ung" | "iung" | "ih" | "ieh" | "eh" | "ien" | "ueh" | "uei" | "erh"
        )
        || (initial == "ch" && fin.starts_with('i') && fin != "i")
        || (initial == "k" && fin.starts_with('i'))
}

fn pinyin_initial(initial: &str, fin: &str, aspiration: Aspiration) -> &'static str {
    let aspirated = aspiration == Aspiration::Aspirated;
    let palatal = fin.starts_with('i');
    match initial {
        "p" if !aspirated => "b",
        "t" if !aspirated => "d",
        "k" if !aspirated => "g",
        "ch" if palatal => {
            if aspirated {
                "q"
            } else {
                "j"
            }
        }
        "ch" if !aspirated => "zh",
        "ts" | "tz" => {
            if aspirated {
                "c"
            } else {
                "z"
            }
        }
        "hs" => "x",
        "j" => "r",
        "ss" | "sz" => "s",
        "ch" => "ch",
        "p" => "p",
        "t" => "t",
        "k" => "k",
        "sh" => "sh",
        "f" => "f",
        "h" => "h",
        "l" => "l",
        "m" => "m",
        "n" => "n",
        "s" => "s",
        "w" => "w",
        "y" => "y",
        _ => "",
    }
}

fn pinyin_final(initial: &str, fin: &str) -> &'static str {
    match fin {
        "ung" => "ong",
        "iung" => "iong",
        "ih" => "i",
        "ieh" => "ie",
        "eh" => "e",
        "ien" => "ian",
        "ueh" => "ue",
        "uei" => "ui",
        "erh" => "er",
        // tzŭ, ssŭ: the apical vowel pinyin writes i.
        "u" if matches!(initial, "tz" | "ss" | "sz") => "i",
        "o" if matches!(initial, "k" | "h") => "e",
        _ => FINALS.binary_search(&fin).map_or("", |i| FINALS[i]),
    }
}

fn to_pinyin(word: &str, aspiration: Aspiration) -> String {
    match syllable(word) {
        Some((initial, fin)) => {
            let mut out = String::from(pinyin_initial(initial, fin, aspiration));
            out.push_str(pinyin_final(initial, fin));
            out
        }
        None => word.to_string(),
    }
}

/// Pinyin readings of a name (lowercase ASCII words, one syllable each
/// where the name is Chinese) when at least two of its words are
/// Wade-Giles syllables and one shows a Wade-Giles tell-tale; words that
/// are no syllable stay as they are ("Lee Hsiu-lien" → "lee xiu lian").
pub fn readings(words: &[&str]) -> Vec<String> {
    let parsed: Vec<Option<(&str, &str)>> = words.iter().map(|w| syllable(w)).collect();
    let syllables = parsed.iter().flatten().count();
    let telltale = parsed.iter().flatten().any(|(i, f)| is_telltale(i, f));
    if syllables < 2 || !telltale {
        return Vec::new();
    }
    let joined = words.join(" ");
    let mut out: Vec<String> = Vec::new();
    for aspiration in [Aspiration::Unaspirated, Aspiration::Aspirated] {
        let reading: Vec<String> = words.iter().map(|w| to_pinyin(w, aspiration)).collect();
        let reading = reading.join(" ");
        if reading != joined && !out.contains(&reading) {
            out.push(reading);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::readings;

    /// The lookup splits a syllable as trying each initial in order
    /// would, for every word of up to six letters built from the
    /// initials and finals (and a few that are none).
    #[test]
    fn syllables_split_at_the_first_initial_that_leaves_a_final() {
        fn by_search(word: &str) -> Option<(&str, &str)> {
            super::INITIALS.iter().find_map(|initial| {
                let fin = word.strip_prefix(initial)?;
                let fin = super::FINALS.iter().find(|f| **f == fin)?;
                Some((*initial, *fin))
            })
        }
        let mut words: Vec<String> = vec!["x".into(), "hsx".into(), "".into()];
        for a in super::INITIALS {
            for b in super::INITIALS.iter().chain(super::FINALS) {
                for c in super::FINALS.iter().chain([&""]) {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        for w in words.iter().filter(|w| w.len() <= super::LONGEST_SYLLABLE) {
            assert_eq!(super::syllable(w), by_search(w), "{w}");
        }
    }

    #[test]
    fn wade_giles_names_read_as_pinyin() {
        assert!(readings(&["mao", "tse", "tung"]).contains(&"mao ze dong".to_string()));
        assert!(readings(&["hsi", "chin", "ping"]).contains(&"xi qin ping".to_string()));
        assert!(readings(&["hsi", "chin", "ping"]).contains(&"xi jin bing".to_string()));
        assert!(readings(&["chou", "en", "lai"]).is_empty());
        assert!(readings(&["teng", "hsiao", "ping"]).contains(&"deng xiao bing".to_string()));
        assert!(readings(&["lee", "hsiu", "lien"]).contains(&"lee xiu lian".to_string()));
        assert!(readings(&["lee", "teng", "hui"]).is_empty());
        assert!(readings(&["tsai", "ing", "wen"]).contains(&"cai ing wen".to_string()));
        assert!(readings(&["chiang", "ching", "kuo"]).contains(&"jiang jing guo".to_string()));
    }

    #[test]
    fn finals_are_sorted() {
        assert!(super::FINALS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn other_names_have_no_reading() {
        assert!(readings(&["xi", "jinping"]).is_empty());
        assert!(readings(&["hans", "schultz"]).is_empty());
        assert!(readings(&["vladimir", "putin"]).is_empty());
        assert!(readings(&["anna", "li"]).is_empty());
    }
}
