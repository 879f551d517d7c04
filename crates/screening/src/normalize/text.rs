//! Latin folding: case, diacritics, special letters, punctuation and
//! whitespace. Input here is already NFKC-lowercased and transliterated.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFKC then lowercase: compatibility forms (full-width letters, ligatures,
/// Arabic presentation forms) must collapse before any table lookup.
pub fn nfkc_lower(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// How far to go when a Latin letter carries a diacritic that several
/// conventions spell out differently (č = c or ch, ü = u or ue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Drop the mark: č→c, ü→u. What most lists print.
    Plain,
    /// Spell the sound out: č→ch, š→sh, ž→zh, ü→ue. What English and
    /// German renderings of Slavic, Turkish and German names print.
    Expanded,
}

/// Folds one Latin-ish string to lowercase ASCII letters, digits, spaces
/// and the separators `'` and `-` (kept for the tokenizer to interpret).
pub fn fold_latin(text: &str, fold: Fold) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // ASCII decomposes to itself and has no expansion: most text.
        if c.is_ascii() {
            push_plain(&mut out, c);
            continue;
        }
        if let Some(expanded) = expansion(c, fold) {
            out.push_str(expanded);
            continue;
        }
        if let Some(special) = special_letter(c) {
            out.push_str(special);
            continue;
        }
        for d in std::iter::once(c).nfd() {
            push_plain(&mut out, d);
        }
    }
    out
}

fn push_plain(out: &mut String, c: char) {
    if is_combining_mark(c) {
        return;
    }
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if is_apostrophe(c) {
        out.push('\'');
    } else if is_hyphen(c) {
        out.push('-');
    } else if c == '&' {
        out.push_str(" and ");
    } else if let Some(special) = special_letter(c) {
        out.push_str(special);
    } else if c.is_alphabetic() {
        // A letter of a script no table covers: keep a gap rather than
        // gluing its neighbours together.
        out.push(' ');
    } else {
        out.push(' ');
    }
}

/// Letters that carry no decomposable mark but have a conventional ASCII
/// spelling.
fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŋ' => "ng",
        'ĸ' => "k",
        'ſ' => "s",
        'ŀ' => "l",
        'ə' | 'Ə' => "a",
        'ƒ' => "f",
        'ɨ' => "i",
        'ʒ' => "zh",
        'ŧ' => "t",
        _ => return None,
    })
}

fn expansion(c: char, fold: Fold) -> Option<&'static str> {
    if fold == Fold::Plain {
        return None;
    }
    Some(match c {
        // Acute-accented ć, ś, ź stay plain: lists print Mladic, not Mladich.
        'č' | 'Č' => "ch",
        'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "sh",
        'ž' | 'Ž' => "zh",
        'ä' | 'Ä' => "ae",
        'ö' | 'Ö' => "oe",
        'ü' | 'Ü' => "ue",
        'å' | 'Å' => "aa",
        'ř' | 'Ř' => "rzh",
        'ñ' | 'Ñ' => "ny",
        'ğ' | 'Ğ' => "gh",
        'đ' | 'Đ' => "dj",
        _ => return None,
    })
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʽ' | '`' | '´' | 'ʿ' | 'ʾ' | '′' | 'ˈ'
    )
}

pub fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '_' | '\u{00AD}'
    )
}

/// Joins abbreviations written with dots, slashes or ampersands between
/// short letter groups ("s.p.a." → "spa", "m/t" → "mt", "sp." → "sp",
/// "at&t" → "att") so legal forms and
/// vessel prefixes become single tokens. Only for non-person names: in a
/// person's name "j.r.r." are initials.
pub fn join_abbreviations(text: &str) -> String {
    text.split_whitespace()
        .map(join_chunk)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "at and t", "h and m" (folded from "AT & T", "H and M"): words of one
/// or two letters joined by "and" are the spaced form of one abbreviation
/// ("att", "hm"). For non-person names, on folded words.
pub fn join_letter_pairs(chunks: Vec<String>) -> Vec<String> {
    let short = |c: &str| (1..=2).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase());
    let is_and = |c: &str| c == "and";
    let mut out: Vec<String> = Vec::with_capacity(chunks.len());
    let mut i = 0;
    while i < chunks.len() {
        let mut end = i;
        while end + 2 < chunks.len()
            && short(&chunks[end])
            && is_and(&chunks[end + 1])
            && short(&chunks[end + 2])
        {
            end += 2;
        }
        if end > i {
            out.push((i..=end).step_by(2).map(|k| chunks[k].as_str()).collect());
            i = end + 1;
        } else {
            out.push(chunks[i].clone());
            i += 1;
        }
    }
    out
}

fn join_chunk(chunk: &str) -> String {
    // "at&t", "p&g": letters joined by an ampersand are one abbreviation.
    let groups: Vec<&str> = chunk.split(['.', '/', '&']).collect();
    let is_abbreviation = groups.len() > 1
        && groups.iter().all(|g| g.chars().count() <= 2)
        && groups.iter().filter(|g| !g.is_empty()).count() >= 1;
    if is_abbreviation {
        groups.concat()
    } else {
        chunk.to_string()
    }
}

/// Splits folded text into words. Hyphens separate; apostrophes join
/// (O'Brien → obrien) except after the Romance elided particles d' and l',
/// which stay separate words (d'Estaing → d estaing).
pub fn words(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in folded.split(|c: char| c.is_whitespace() || c == '-') {
        let mut pieces = raw.split('\'').filter(|p| !p.is_empty()).peekable();
        let mut current = String::new();
        while let Some(piece) = pieces.next() {
            current.push_str(piece);
            let elided = matches!(current.as_str(), "d" | "l" | "dell" | "dall" | "nell");
            if elided && pieces.peek().is_some() {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        fold_latin(&nfkc_lower(s), Fold::Plain)
    }

    #[test]
    fn strips_diacritics_and_special_letters() {
        assert_eq!(plain("Crème Brûlée"), "creme brulee");
        assert_eq!(plain("Straße"), "strasse");
        assert_eq!(plain("Łukasz Øster Þór"), "lukasz oster thor");
        assert_eq!(plain("Ｓｃｈｍｉｄｔ"), "schmidt");
        assert_eq!(plain("Iıİ"), "iii");
    }

    #[test]
    fn expanded_fold_spells_out_marks() {
        let s = nfkc_lower("Černyševskij Müller");
        assert_eq!(fold_latin(&s, Fold::Expanded), "chernyshevskij mueller");
    }

    #[test]
    fn apostrophes_and_hyphens() {
        assert_eq!(words(&plain("O'Brien")), ["obrien"]);
        assert_eq!(words(&plain("d’Estaing")), ["d", "estaing"]);
        assert_eq!(words(&plain("al-Qaida")), ["al", "qaida"]);
        assert_eq!(words(&plain("  a \t b\n")), ["a", "b"]);
    }

    #[test]
    fn joins_abbreviations() {
        assert_eq!(
            join_abbreviations("s.p.a. m/t sp. z o.o."),
            "spa mt sp z oo"
        );
        assert_eq!(join_abbreviations("nord 1 a.b.c"), "nord 1 abc");
        assert_eq!(join_abbreviations("romashka."), "romashka.");
        assert_eq!(join_abbreviations("at&t inc."), "att inc.");
        assert_eq!(join_abbreviations("p&g s&p"), "pg sp");
    }

    #[test]
    fn joins_letters_around_and() {
        let join = |s: &str| join_letter_pairs(words(&plain(s))).join(" ");
        assert_eq!(join("L & H Sweden"), "lh sweden");
        assert_eq!(join("H and M Hennes & Mauritz"), "hm hennes and mauritz");
        assert_eq!(join("a & b & c"), "abc");
        assert_eq!(join("Smith and Co"), "smith and co");
        assert_eq!(join_abbreviations("johnson&johnson"), "johnson&johnson");
    }
}
