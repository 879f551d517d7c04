//! Hebrew to Latin. Like Arabic, the script leaves most vowels unwritten;
//! ו and י are read as vowels between consonants. Two renderings differ
//! in ח (kh / h), in ו as a vowel (o / u) and in soft כ (kh / k).

/// Latin renderings of one Hebrew word, primary first.
pub fn romanize(word: &str) -> Vec<String> {
    let chars: Vec<char> = word
        .chars()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    (0..2)
        .map(|conv| romanize_with(&chars, conv == 1))
        .collect()
}

fn is_vowel_letter(c: Option<char>) -> bool {
    matches!(c, Some('א' | 'ו' | 'י' | 'ע'))
}

fn romanize_with(chars: &[char], alt: bool) -> String {
    let pick = |a: &'static str, b: &'static str| if alt { b } else { a };
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i == 0;
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        // Doubled ו or י spell the consonants v and y.
        if (c == 'ו' || c == 'י') && next == Some(c) {
            out.push_str(if c == 'ו' { "v" } else { "y" });
            i += 2;
            continue;
        }
        let between = !start && !is_vowel_letter(prev);
        let latin = match c {
            'א' | 'ע' if start => "a",
            'א' | 'ע' => "",
            'ב' if start => "b",
            'ב' => pick("v", "b"),
            'ג' => "g",
            'ד' => "d",
            'ה' => "h",
            'ו' if start => "v",
            'ו' if between => pick("o", "u"),
            'ו' => "v",
            'ז' => "z",
            'ח' => pick("kh", "h"),
            'ט' | 'ת' => "t",
            'י' if start => "y",
            'י' if between && next.is_none_or(|n| !is_vowel_letter(Some(n))) => "i",
            'י' => "y",
            'כ' if start => "k",
            'כ' | 'ך' => pick("kh", "k"),
            'ל' => "l",
            'מ' | 'ם' => "m",
            'נ' | 'ן' => "n",
            'ס' => "s",
            'פ' if start => "p",
            'פ' | 'ף' => "f",
            'צ' | 'ץ' => "ts",
            'ק' => "k",
            'ר' => "r",
            'ש' => "sh",
            _ => "",
        };
        out.push_str(latin);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::romanize;

    #[test]
    fn consonantal_renderings() {
        assert_eq!(romanize("נתניהו"), ["ntniho", "ntnihu"]);
        assert_eq!(romanize("בנימין")[0], "bnimin");
        assert_eq!(romanize("אברהם")[0], "avrhm");
    }
}
