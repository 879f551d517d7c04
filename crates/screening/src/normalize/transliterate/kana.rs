//! Japanese kana to Hepburn romaji. Katakana shares the hiragana table.
//! Long vowels are written out (ゆうき → yuuki) in the primary rendering
//! and shortened (yuki) in the second, as most passports print them.

/// Romaji for U+3041..=U+3096; an empty string marks the sokuon っ.
const HIRAGANA: [&str; 86] = [
    "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", "ka", "ga", "ki", "gi", "ku", "gu", "ke",
    "ge", "ko", "go", "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", "ta", "da",
    "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", "na", "ni", "nu", "ne", "no", "ha", "ba",
    "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", "ma", "mi", "mu",
    "me", "mo", "ya", "ya", "yu", "yu", "yo", "yo", "ra", "ri", "ru", "re", "ro", "wa", "wa", "i",
    "e", "o", "n", "vu", "ka", "ke",
];

const SMALL_VOWELS: [char; 5] = ['ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ'];
const SMALL_GLIDES: [char; 3] = ['ゃ', 'ゅ', 'ょ'];

pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

fn to_hiragana(c: char) -> char {
    match c as u32 {
        0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Latin renderings of a run of kana, primary first.
pub fn romanize(word: &str) -> Vec<String> {
    let mut out = String::with_capacity(word.len());
    let mut double_next = false;
    for c in word.chars().map(to_hiragana) {
        if c == 'っ' {
            double_next = true;
            continue;
        }
        if SMALL_GLIDES.contains(&c) {
            glide(&mut out, c);
            continue;
        }
        if SMALL_VOWELS.contains(&c) && out.ends_with(['a', 'i', 'u', 'e', 'o']) {
            // Foreign sounds: ファ = fa, ティ = ti.
            out.pop();
        }
        let latin = match c as u32 {
            0x3041..=0x3096 => HIRAGANA[(c as u32 - 0x3041) as usize],
            0x30F7 => "va",
            0x30FA => "vo",
            _ => "",
        };
        if double_next {
            double_next = false;
            if latin.starts_with("ch") {
                out.push('t');
            } else if let Some(first) = latin.chars().next() {
                out.push(first);
            }
        }
        out.push_str(latin);
    }
    let short = out.replace("ou", "o").replace("uu", "u").replace("oo", "o");
    vec![out, short]
}

/// Small ya/yu/yo palatalise the syllable before: き+ゃ = kya, し+ゃ = sha.
fn glide(out: &mut String, c: char) {
    let vowel = match c {
        'ゃ' => 'a',
        'ゅ' => 'u',
        _ => 'o',
    };
    if out.ends_with("shi") || out.ends_with("chi") || out.ends_with("ji") {
        out.pop();
    } else if out.ends_with('i') {
        out.pop();
        out.push('y');
    } else {
        out.push('y');
    }
    out.push(vowel);
}

#[cfg(test)]
mod tests {
    use super::romanize;

    #[test]
    fn hepburn() {
        assert_eq!(romanize("ゆうき"), ["yuuki", "yuki"]);
        assert_eq!(romanize("とうきょう"), ["toukyou", "tokyo"]);
        assert_eq!(romanize("ジャナン")[0], "janan");
        assert_eq!(romanize("まっちゃ")[0], "matcha");
        assert_eq!(romanize("デボレ")[0], "debore");
    }
}
