//! Chinese characters to pinyin (through `any_ascii`, without tones).
//! Chinese names put the family name first; lists write the given name as
//! one word (Xi Jinping) or as separate syllables (Xi Jin Ping).

/// Latin renderings of a run of Han characters, primary first.
pub fn romanize(word: &str) -> Vec<String> {
    let syllables: Vec<String> = word
        .chars()
        .map(|c| any_ascii::any_ascii_char(c).to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let family_len = match syllables.len() {
        // Four characters are most often a two-character family name
        // (Ouyang, Sima) followed by a two-character given name.
        4 => 2,
        _ => 1,
    };
    if syllables.len() <= family_len {
        return vec![syllables.concat()];
    }
    let (family, given) = syllables.split_at(family_len);
    vec![
        format!("{} {}", family.concat(), given.concat()),
        syllables.join(" "),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn family_then_given() {
        assert_eq!(super::romanize("习近平"), ["xi jinping", "xi jin ping"]);
        assert_eq!(super::romanize("王毅"), ["wang yi", "wang yi"]);
    }
}
