//! Hangul syllables to Latin, computed from the syllable's jamo. Two
//! renderings: Revised Romanization (the South Korean standard: Gim Jeong
//! Eun) and the customary spelling of names (Kim Jong Un: conventional
//! surnames, eo → o, eu → u).

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS_RR: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const VOWELS_CUSTOM: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

const FIRST_SYLLABLE: u32 = 0xAC00;
const LAST_SYLLABLE: u32 = 0xD7A3;

pub fn is_syllable(c: char) -> bool {
    (FIRST_SYLLABLE..=LAST_SYLLABLE).contains(&(c as u32))
}

fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let index = (c as u32).checked_sub(FIRST_SYLLABLE)?;
    if index > LAST_SYLLABLE - FIRST_SYLLABLE {
        return None;
    }
    let index = index as usize;
    Some((index / 588, (index % 588) / 28, index % 28))
}

fn syllable(c: char, vowels: &[&str; 21]) -> String {
    match jamo(c) {
        Some((l, v, t)) => format!("{}{}{}", INITIALS[l], vowels[v], FINALS[t]),
        None => String::new(),
    }
}

/// Customary Latin spellings of common surnames.
fn customary_surname(c: char) -> Option<&'static str> {
    Some(match c {
        '김' => "kim",
        '이' => "lee",
        '박' => "park",
        '최' => "choi",
        '정' => "jung",
        '강' => "kang",
        '조' => "cho",
        '윤' => "yoon",
        '장' => "jang",
        '임' => "lim",
        '한' => "han",
        '오' => "oh",
        '서' => "seo",
        '신' => "shin",
        '권' => "kwon",
        '황' => "hwang",
        '송' => "song",
        '류' | '유' => "yoo",
        '홍' => "hong",
        '문' => "moon",
        '노' => "roh",
        '리' => "ri",
        _ => return None,
    })
}

/// Latin renderings of a run of Hangul syllables, one Latin word per
/// syllable, primary first.
pub fn romanize(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().filter(|c| is_syllable(*c)).collect();
    let rr: Vec<String> = chars.iter().map(|c| syllable(*c, &VOWELS_RR)).collect();
    let mut custom: Vec<String> = chars.iter().map(|c| syllable(*c, &VOWELS_CUSTOM)).collect();
    if let (Some(first), Some(slot)) = (chars.first(), custom.first_mut()) {
        if chars.len() > 1 {
            if let Some(surname) = customary_surname(*first) {
                *slot = surname.to_string();
            }
        }
    }
    vec![rr.join(" "), custom.join(" ")]
}

#[cfg(test)]
mod tests {
    #[test]
    fn revised_and_customary() {
        assert_eq!(super::romanize("김정은"), ["gim jeong eun", "kim jong un"]);
        assert_eq!(super::romanize("문재인"), ["mun jae in", "moon jae in"]);
    }
}
