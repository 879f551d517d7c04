//! Armenian to Latin: BGN/PCGN-style Eastern Armenian, the form in which
//! Armenian names reach most lists.

/// Latin rendering of one Armenian word (lowercase).
pub fn romanize(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == 'ո' && next == Some('ւ') {
            out.push('u');
            i += 2;
            continue;
        }
        out.push_str(match c {
            // Initial ե and ո carry a glide: Yerevan, Vorotan.
            'ե' if i == 0 => "ye",
            'ո' if i == 0 => "vo",
            c => letter(c),
        });
        i += 1;
    }
    vec![out]
}

fn letter(c: char) -> &'static str {
    match c {
        'ա' => "a",
        'բ' => "b",
        'գ' => "g",
        'դ' => "d",
        'ե' => "e",
        'զ' => "z",
        'է' => "e",
        'ը' => "y",
        'թ' => "t",
        'ժ' => "zh",
        'ի' => "i",
        'լ' => "l",
        'խ' => "kh",
        'ծ' => "ts",
        'կ' => "k",
        'հ' => "h",
        'ձ' => "dz",
        'ղ' => "gh",
        'ճ' => "ch",
        'մ' => "m",
        'յ' => "y",
        'ն' => "n",
        'շ' => "sh",
        'ո' => "o",
        'չ' => "ch",
        'պ' => "p",
        'ջ' => "j",
        'ռ' | 'ր' => "r",
        'ս' => "s",
        'վ' => "v",
        'տ' => "t",
        'ց' => "ts",
        'ւ' => "v",
        'փ' => "p",
        'ք' => "k",
        'և' => "ev",
        'օ' => "o",
        'ֆ' => "f",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn eastern_armenian() {
        assert_eq!(super::romanize("երևան"), ["yerevan"]);
        assert_eq!(super::romanize("փաշինյան"), ["pashinyan"]);
        assert_eq!(super::romanize("նիկոլ"), ["nikol"]);
    }
}
