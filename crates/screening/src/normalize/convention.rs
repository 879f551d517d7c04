//! Latin spellings of one name under other languages' conventions. A
//! Russian name reaches Latin through German (Tschechow), Dutch
//! (Tsjechov), French (Tchekhov), Hungarian (Csehov) or Polish (Czechow)
//! spelling as often as through English (Chekhov). The skeleton folds most
//! of these, but not the letters the conventions read differently: German
//! and Dutch "ch" is the English "kh", French "ch" is "sh" and its "j" is
//! "zh", Hungarian "s" is "sh" and "cs" is "ch". A name showing a
//! convention's tell-tale letters gets that convention read into English
//! spelling as a variant.

/// One convention: tell-tale letter groups and rewrite rules, longest
/// pattern first at each position.
struct Convention {
    telltales: &'static [&'static str],
    /// Word endings that also give the convention away.
    endings: &'static [&'static str],
    rules: &'static [(&'static str, &'static str)],
}

const GERMAN: Convention = Convention {
    telltales: &["sch", "tz"],
    endings: &["ow", "ew", "owa", "ewa", "itsch", "ij"],
    rules: &[
        ("tsch", "ch"),
        ("dsch", "j"),
        ("sch", "sh"),
        ("ch", "kh"),
        ("ck", "k"),
        ("w", "v"),
        ("j", "y"),
        ("z", "ts"),
    ],
};

const DUTCH: Convention = Convention {
    telltales: &["tsj", "sj", "zj", "oe"],
    endings: &[],
    rules: &[
        ("tsj", "ch"),
        ("sj", "sh"),
        ("zj", "zh"),
        ("ch", "kh"),
        ("oe", "u"),
        ("j", "y"),
        ("w", "v"),
    ],
};

const FRENCH: Convention = Convention {
    telltales: &["tch", "ou", "dj"],
    endings: &["ff", "itch"],
    rules: &[
        ("tch", "ch"),
        ("dj", "j"),
        ("ch", "sh"),
        ("ou", "u"),
        ("j", "zh"),
    ],
};

const HUNGARIAN: Convention = Convention {
    telltales: &["cs", "sz", "zs", "gy"],
    endings: &[],
    rules: &[
        ("cs", "ch"),
        ("sz", "s"),
        ("zs", "zh"),
        ("gy", "d"),
        ("ny", "n"),
        ("ly", "y"),
        ("s", "sh"),
        ("c", "ts"),
        ("j", "y"),
    ],
};

const POLISH: Convention = Convention {
    telltales: &["cz", "sz"],
    endings: &["ski", "cki", "ska", "cka"],
    rules: &[
        ("szcz", "shch"),
        ("cz", "ch"),
        ("sz", "sh"),
        ("rz", "zh"),
        ("ch", "kh"),
        ("w", "v"),
        ("c", "ts"),
        ("j", "y"),
    ],
};

const CONVENTIONS: [&Convention; 5] = [&GERMAN, &DUTCH, &FRENCH, &HUNGARIAN, &POLISH];

impl Convention {
    fn applies(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            self.telltales.iter().any(|t| w.contains(t))
                || self
                    .endings
                    .iter()
                    .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
        })
    }

    fn rewrite(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len() + 4);
        let mut rest = word;
        while !rest.is_empty() {
            match self.rules.iter().find(|(from, _)| rest.starts_with(from)) {
                Some((from, to)) => {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                }
                None => {
                    let mut chars = rest.chars();
                    if let Some(c) = chars.next() {
                        out.push(c);
                    }
                    rest = chars.as_str();
                }
            }
        }
        out
    }
}

/// Latvian gives every man's name a nominative -s, foreign ones too:
/// Sergejs Lavrovs, Vladimirs Putins. A name whose every word ends in it,
/// one at least after a consonant, is read without it ("-js" is "-y").
/// Lithuanian -as/-is is not read off: Greek names end alike (Tsipras).
fn latvian_reading(words: &[&str]) -> Option<String> {
    let long: Vec<&str> = words.iter().copied().filter(|w| w.len() >= 3).collect();
    let consonant_s = |w: &str| {
        let b = w.as_bytes();
        b.len() >= 2 && b[b.len() - 1] == b's' && !b"aeiou".contains(&b[b.len() - 2])
    };
    let latvian = long.len() >= 2
        && long.iter().all(|w| w.ends_with('s'))
        && long.iter().any(|w| consonant_s(w));
    if !latvian {
        return None;
    }
    let reading = words.iter().map(|w| match w.strip_suffix("js") {
        _ if w.len() < 3 => (*w).to_string(),
        Some(stem) => format!("{stem}y"),
        None => w.strip_suffix('s').unwrap_or(w).to_string(),
    });
    Some(reading.collect::<Vec<_>>().join(" "))
}

/// English-convention readings of a Latin name (lowercase ASCII words),
/// one per convention whose tell-tales the name shows, each different
/// from the input.
pub fn readings(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let joined = words.join(" ");
    if let Some(reading) = latvian_reading(words) {
        out.push(reading);
    }
    for convention in CONVENTIONS {
        if !convention.applies(words) {
            continue;
        }
        let reading = words
            .iter()
            .map(|w| convention.rewrite(w))
            .collect::<Vec<_>>()
            .join(" ");
        if reading != joined && !out.contains(&reading) {
            out.push(reading);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::readings;
    use crate::normalize::skeleton::skeleton_ascii;

    fn keys(word: &str) -> Vec<String> {
        let mut keys = vec![skeleton_ascii(word)];
        keys.extend(readings(&[word]).iter().map(|r| skeleton_ascii(r)));
        keys
    }

    #[test]
    fn conventions_read_into_english() {
        let english = skeleton_ascii("chekhov");
        for spelling in ["tschechow", "tsjechov", "csehov", "czechow", "tchekhov"] {
            assert!(keys(spelling).contains(&english), "{spelling}");
        }
        assert!(keys("chostakovitch").contains(&skeleton_ascii("shostakovich")));
        assert!(keys("joukov").contains(&skeleton_ascii("zhukov")));
        assert!(keys("szolzsenyicin").contains(&skeleton_ascii("solzhenitsin")));
        assert!(keys("sacharow").contains(&skeleton_ascii("zakharov")));
    }

    #[test]
    fn latvian_endings_come_off() {
        assert!(readings(&["sergejs", "lavrovs"]).contains(&"sergey lavrov".to_string()));
        assert!(readings(&["vladimirs", "putins"]).contains(&"vladimir putin".to_string()));
        assert!(readings(&["alexis", "tsipras"]).is_empty());
        assert!(readings(&["carlos", "rojas"]).is_empty());
    }

    #[test]
    fn no_telltale_no_reading() {
        assert!(readings(&["john", "smith"]).is_empty());
        assert!(readings(&["ivan", "petrov"]).is_empty());
    }
}
