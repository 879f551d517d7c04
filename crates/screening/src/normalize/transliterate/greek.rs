//! Greek to Latin: ELOT 743 (the passport convention) and a phonetic
//! rendering (η, ει, οι, υ → i; ου → u; χ → h; μπ → b) that many lists use.

use unicode_normalization::UnicodeNormalization;

/// Latin renderings of one Greek word (lowercase), primary first.
pub fn romanize(word: &str) -> Vec<String> {
    // Tonos and dialytika carry no consonant or vowel identity.
    let chars: Vec<char> = word
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect();
    (0..2)
        .map(|conv| {
            let mut out = String::with_capacity(chars.len() * 2);
            let mut i = 0;
            while i < chars.len() {
                let (latin, used) = letter(&chars, i, conv == 1);
                out.push_str(latin);
                i += used;
            }
            out
        })
        .collect()
}

const VOICELESS: &str = "θκξπσςτφχψ";

fn letter(chars: &[char], i: usize, phonetic: bool) -> (&'static str, usize) {
    let c = chars[i];
    let next = chars.get(i + 1).copied();
    let start = i == 0;
    let pick = |elot: &'static str, phon: &'static str| if phonetic { phon } else { elot };
    if let Some(n) = next {
        let before_voiceless = chars.get(i + 2).is_none_or(|a| VOICELESS.contains(*a));
        let pair = match (c, n) {
            ('ο', 'υ') => Some(pick("ou", "u")),
            ('α', 'ι') => Some(pick("ai", "e")),
            ('ε', 'ι') | ('ο', 'ι') | ('υ', 'ι') => Some(pick(pair_plain(c), "i")),
            ('α', 'υ') => Some(if before_voiceless { "af" } else { "av" }),
            ('ε', 'υ') => Some(if before_voiceless { "ef" } else { "ev" }),
            ('η', 'υ') => Some(if before_voiceless { "if" } else { "iv" }),
            ('μ', 'π') if start => Some("b"),
            ('μ', 'π') => Some(pick("mp", "mb")),
            ('ν', 'τ') if start => Some("d"),
            ('ν', 'τ') => Some(pick("nt", "nd")),
            ('γ', 'κ') if start => Some("g"),
            ('γ', 'κ') => Some(pick("gk", "ng")),
            ('γ', 'γ') => Some("ng"),
            ('γ', 'χ') => Some(pick("nch", "nh")),
            ('γ', 'ξ') => Some("nx"),
            _ => None,
        };
        if let Some(latin) = pair {
            return (latin, 2);
        }
    }
    let latin = match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' => "s",
        'τ' => "t",
        'υ' => pick("y", "i"),
        'φ' => "f",
        'χ' => pick("ch", "h"),
        'ψ' => "ps",
        _ => "",
    };
    (latin, 1)
}

fn pair_plain(first: char) -> &'static str {
    match first {
        'ε' => "ei",
        'ο' => "oi",
        _ => "yi",
    }
}

#[cfg(test)]
mod tests {
    use super::romanize;

    #[test]
    fn elot_and_phonetic() {
        assert_eq!(romanize("γεώργιος"), ["georgios", "georgios"]);
        assert_eq!(romanize("παπανδρέου"), ["papandreou", "papandreu"]);
        assert_eq!(romanize("μπακογιάννη"), ["bakogianni", "bakogianni"]);
        assert_eq!(romanize("χριστόδουλος")[1], "hristodulos");
        assert_eq!(romanize("ευάγγελος")[0], "evangelos");
    }
}
