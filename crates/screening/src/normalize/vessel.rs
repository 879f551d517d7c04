//! Vessel names: type prefixes (MT, M/V, "Motor Tanker"…) are dropped,
//! numerals are kept ("NORD 1" and "NORD 2" are different ships).

/// Prefixes as folded words, after dotted and slashed letters are joined
/// (M/T → mt, M.V. → mv).
const PREFIXES: &[&str] = &[
    "mt", "mv", "ms", "ss", "fv", "my", "sv", "mts", "mfv", "lng", "lpg", "tb", "rv", "hms", "mys",
];

const PHRASES: &[&[&str]] = &[
    &["motor", "tanker"],
    &["motor", "vessel"],
    &["motor", "ship"],
    &["motor", "yacht"],
    &["steam", "ship"],
    &["fishing", "vessel"],
    &["oil", "tanker"],
    &["crude", "oil", "tanker"],
    &["m", "t"],
    &["m", "v"],
];

/// How many leading words form type prefixes; at least one word is left.
pub fn prefix_len(words: &[String]) -> usize {
    let mut start = 0;
    loop {
        let rest = &words[start..];
        let len = PHRASES
            .iter()
            .find(|p| p.len() < rest.len() && p.iter().zip(rest).all(|(a, b)| a == b))
            .map(|p| p.len())
            .or_else(|| (rest.len() > 1 && PREFIXES.contains(&rest[0].as_str())).then_some(1));
        match len {
            Some(len) => start += len,
            None => return start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_len;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn strips_prefixes_keeps_last_word() {
        assert_eq!(prefix_len(&words("mt nord 1")), 1);
        assert_eq!(prefix_len(&words("motor tanker nord")), 2);
        assert_eq!(prefix_len(&words("mv mt ocean")), 2);
        assert_eq!(prefix_len(&words("mt")), 0);
        assert_eq!(prefix_len(&words("nord mt")), 0);
    }
}
