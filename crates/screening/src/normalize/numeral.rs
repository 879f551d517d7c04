//! Numbers in names: Roman numerals, number words and ordinals written
//! as digits ("Forty-Four" = "44", "First" = "1st" = "1"), and digits
//! typed for look-alike letters inside words ("Ig0r", "M0hammed").

/// A Roman numeral from 1 to 39 (i, ii, iv, ix, xiv, xxxix…): the range
/// series markers of funds, trusts, ships and monarchs use.
pub fn is_roman_numeral(word: &str) -> bool {
    if word.is_empty() || word.len() > 6 {
        return false;
    }
    let rest = word.trim_start_matches('x');
    if word.len() - rest.len() > 3 {
        return false;
    }
    matches!(
        rest,
        "" | "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix"
    )
}

/// Generational suffixes of a person's name (John Smith Jr, Henry Ford
/// II): they tell father from son but are no part of the family name.
pub fn is_generational_suffix(word: &str) -> bool {
    matches!(word, "jr" | "jnr" | "junior" | "sr" | "snr" | "senior")
        || matches!(word, "ii" | "iii" | "iv")
}

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const ORDINAL_UNITS: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Tens from twenty; "fourty" is a spelling common enough to count.
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
];

/// The value of a number word, an ordinal word or a digit ordinal
/// ("21st", "2nd", "3rd", "4th").
fn word_value(word: &str) -> Option<u32> {
    if let Some(i) = UNITS.iter().position(|w| *w == word) {
        return u32::try_from(i).ok();
    }
    if let Some(i) = ORDINAL_UNITS.iter().position(|w| *w == word) {
        return u32::try_from(i).ok();
    }
    if let Some((_, v)) = TENS.iter().find(|(w, _)| *w == word) {
        return Some(*v);
    }
    digit_ordinal(word)
}

fn digit_ordinal(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = digits.parse().ok()?;
    let expected = match (value % 100, value % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    (suffix == expected).then_some(value)
}

fn is_tens(word: &str) -> bool {
    TENS.iter().any(|(w, _)| *w == word)
}

fn unit_value(word: &str) -> Option<u32> {
    match word.parse::<u32>() {
        Ok(v) if (1..=9).contains(&v) && word.len() == 1 => Some(v),
        _ => word_value(word).filter(|v| (1..=9).contains(v)),
    }
}

/// Rewrites number words and ordinals of an organisation's or vessel's
/// name as digits, a tens word and a unit becoming one number ("forty
/// four", "forty 4" → "44").
pub fn numbers_as_digits(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let Some(value) = word_value(word) else {
            out.push(word.clone());
            i += 1;
            continue;
        };
        let unit = is_tens(word)
            .then(|| words.get(i + 1).and_then(|next| unit_value(next)))
            .flatten();
        match unit {
            Some(u) => {
                out.push((value + u).to_string());
                i += 2;
            }
            None => {
                out.push(value.to_string());
                i += 1;
            }
        }
    }
    out
}

/// A letter a digit stands for inside a word: 0 = o, 3 = e, 4 = a,
/// 5 = s, 7 = t; 1 = i between consonants, l elsewhere.
fn look_alike(digit: u8, before: Option<u8>, after: Option<u8>) -> Option<u8> {
    let vowel = |c: Option<u8>| c.is_some_and(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'));
    Some(match digit {
        b'0' => b'o',
        b'3' => b'e',
        b'4' => b'a',
        b'5' => b's',
        b'7' => b't',
        b'1' if !vowel(before) && !vowel(after) => b'i',
        b'1' => b'l',
        _ => return None,
    })
}

/// A word with digits typed for letters ("ig0r", "m0hammed", "vlad1mir")
/// spelled with the letters. A digit is read as a letter only between
/// two letters, and only when the word has more letters than digits, so
/// codes ("ar16", "4x4", "2004") stay as they are. For persons, whose
/// names hold no digits, a look-alike digit at either end of a word of
/// two or more letters is read too ("0lga").
pub fn unleet(word: &str, person: bool) -> Option<String> {
    let b = word.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 || letters <= digits || letters + digits != b.len() {
        return None;
    }
    if person && letters < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        if !c.is_ascii_digit() {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).map(|k| b[k]);
        let after = b.get(i + 1).copied();
        let letter = |x: Option<u8>| x.is_some_and(|x| x.is_ascii_alphabetic());
        let inside = letter(before) && letter(after);
        let at_edge = person && (letter(before) || letter(after));
        if !(inside || at_edge) {
            return None;
        }
        out.push(look_alike(c, before, after)?);
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn roman_numerals() {
        for w in ["i", "ii", "iii", "iv", "v", "ix", "xiv", "xx", "xxxix"] {
            assert!(is_roman_numeral(w), "{w}");
        }
        for w in ["", "iiii", "vv", "xxxx", "ivan", "vix", "ic", "xvx"] {
            assert!(!is_roman_numeral(w), "{w}");
        }
    }

    #[test]
    fn number_words_become_digits() {
        assert_eq!(
            numbers_as_digits(words("brigade forty four")),
            ["brigade", "44"]
        );
        assert_eq!(
            numbers_as_digits(words("brigade forty 4")),
            ["brigade", "44"]
        );
        assert_eq!(
            numbers_as_digits(words("three percenters")),
            ["3", "percenters"]
        );
        assert_eq!(numbers_as_digits(words("first bank")), ["1", "bank"]);
        assert_eq!(numbers_as_digits(words("1st bank")), ["1", "bank"]);
        assert_eq!(numbers_as_digits(words("22nd fleet")), ["22", "fleet"]);
        assert_eq!(
            numbers_as_digits(words("twentieth century fox")),
            ["20", "century", "fox"]
        );
        assert_eq!(numbers_as_digits(words("twenty 44")), ["20", "44"]);
        assert_eq!(numbers_as_digits(words("1nd bank")), ["1nd", "bank"]);
        assert_eq!(numbers_as_digits(words("ones tone")), ["ones", "tone"]);
    }

    #[test]
    fn look_alike_digits() {
        assert_eq!(unleet("ig0r", true).as_deref(), Some("igor"));
        assert_eq!(unleet("m0hammed", false).as_deref(), Some("mohammed"));
        assert_eq!(unleet("vlad1mir", true).as_deref(), Some("vladimir"));
        assert_eq!(unleet("a1i", true).as_deref(), Some("ali"));
        assert_eq!(unleet("0lga", true).as_deref(), Some("olga"));
        assert_eq!(unleet("0lga", false), None);
        assert_eq!(unleet("ar16", false), None);
        assert_eq!(unleet("4x4", false), None);
        assert_eq!(unleet("2004", false), None);
        assert_eq!(unleet("b2b", false), None);
        assert_eq!(unleet("igor", true), None);
    }
}
