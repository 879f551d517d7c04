//! Person name parts: titles, particles, patronymics, initials, and which
//! word is the given and which the family name.

use super::PartRole;

/// Honorifics and ranks that precede a name; they say nothing about who
/// the person is.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "madam",
    "madame",
    "mme",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "senora",
    "sr",
    "sra",
    "dr",
    "doctor",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "father",
    "bishop",
    "archbishop",
    "imam",
    "mullah",
    "mulla",
    "maulana",
    "mawlana",
    "maulvi",
    "mufti",
    "sheikh",
    "shaikh",
    "sheik",
    "shaykh",
    "cheikh",
    "hajji",
    "haji",
    "hadji",
    "hajj",
    "alhaji",
    "general",
    "gen",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "brigadier",
    "admiral",
    "marshal",
    "commander",
    "cmdr",
    "sergeant",
    "sgt",
    "president",
    "minister",
    "ambassador",
    "amb",
    "senator",
    "judge",
    "justice",
    "prince",
    "princess",
    "king",
    "queen",
    "emir",
    "hon",
    "honorable",
    "honourable",
    "excellency",
    "his",
    "her",
    "ayatollah",
    "hojatoleslam",
    "mohtaram",
    "ustad",
    "ustaz",
    "engineer",
    "eng",
];

/// Words that bind to the name after them: Arabic articles and filiation,
/// Dutch, German and Romance nobiliary and place particles.
const PARTICLES: &[&str] = &[
    "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "ben",
    "binti", "ould", "abu", "abou", "umm", "van", "von", "der", "den", "de", "da", "di", "du",
    "la", "le", "del", "della", "dos", "das", "do", "des", "ter", "ten", "zu", "vom", "zum", "y",
    "d", "l", "dell", "dall", "nell", "st", "san", "santa",
];

/// After these the next word is a father's name.
const FILIATION: &[&str] = &["bin", "ibn", "bint", "ben", "binti", "ould"];

/// Turkic filiation follows the father's name: Aliyev Heydar Alirza oglu.
const TURKIC_FILIATION: &[&str] = &["ogly", "oglu", "ogli", "kyzy", "kizi", "qizi", "gyzy"];

const PATRONYMIC_SUFFIXES: &[&str] = &[
    "ovich", "evich", "ovych", "evych", "avich", "ovna", "evna", "ichna", "ovitch", "owitsch",
    "ewitsch", "ievna", "yevna", "dottir", "dottier",
];

/// Forms of "servant of" that fuse with the divine name after them.
const ABD_FORMS: &[&str] = &["abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdoul"];
const ARTICLES: &[&str] = &[
    "al", "el", "ul", "ol", "ar", "ur", "as", "us", "ad", "an", "at", "az",
];

pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// One word of a person's name on its way to a token.
#[derive(Debug, Clone)]
pub struct Part {
    pub text: String,
    pub role: Option<PartRole>,
    /// Written before the comma of "FAMILY, Given".
    pub before_comma: bool,
}

impl Part {
    pub fn new(text: String, before_comma: bool) -> Part {
        Part {
            text,
            role: None,
            before_comma,
        }
    }
}

/// Joins words that lists write apart or together at will: "Mc Donald",
/// "Abd al Rahman", "Abdul Rahman".
pub fn merge_compounds(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    let mut iter = parts.into_iter().peekable();
    while let Some(mut part) = iter.next() {
        if part.text == "mc" || ABD_FORMS.contains(&part.text.as_str()) {
            let abd = part.text.starts_with("abd");
            if abd
                && iter
                    .peek()
                    .is_some_and(|n| ARTICLES.contains(&n.text.as_str()))
            {
                if let Some(article) = iter.next() {
                    part.text.push_str(&article.text);
                }
            }
            if let Some(next) = iter.next() {
                part.text.push_str(&next.text);
            }
        }
        out.push(part);
    }
    out
}

/// Assigns a role to every part. `family_first` is set for scripts whose
/// names start with the family name.
pub fn tag(parts: &mut [Part], family_first: bool) {
    tag_titles(parts);
    tag_particles_and_filiation(parts);
    tag_initials(parts);
    tag_generational_suffix(parts);
    let names: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].role.is_none())
        .collect();
    tag_order(parts, &names, family_first);
}

fn tag_titles(parts: &mut [Part]) {
    let total = parts.len();
    for (i, part) in parts.iter_mut().enumerate() {
        if i + 1 < total && TITLES.contains(&part.text.as_str()) {
            part.role = Some(PartRole::Title);
        } else {
            break;
        }
    }
}

fn tag_particles_and_filiation(parts: &mut [Part]) {
    for i in 0..parts.len() {
        if parts[i].role.is_some() {
            continue;
        }
        let text = parts[i].text.as_str();
        let has_next = i + 1 < parts.len();
        // "Ben" opening a name is the given name Ben, not "son of".
        let first_name_word = parts[..i].iter().all(|p| p.role == Some(PartRole::Title));
        if TURKIC_FILIATION.contains(&text) && i > 0 {
            parts[i].role = Some(PartRole::Particle);
            if parts[i - 1].role.is_none() {
                parts[i - 1].role = Some(PartRole::Patronymic);
            }
        } else if FILIATION.contains(&text) && has_next && !(text == "ben" && first_name_word) {
            parts[i].role = Some(PartRole::Particle);
            mark_father(parts, i + 1);
        } else if is_particle(text) && has_next && !first_name_word_is_given(text, first_name_word)
        {
            parts[i].role = Some(PartRole::Particle);
        }
    }
}

/// "Abu" and "de" may open a name; single-letter "d"/"l" and Arabic
/// articles always bind.
fn first_name_word_is_given(text: &str, first: bool) -> bool {
    first && matches!(text, "ben" | "san" | "santa" | "st" | "y" | "do" | "la")
}

/// The name after bin/ibn, skipping articles (bin al Sheikh).
fn mark_father(parts: &mut [Part], from: usize) {
    for part in parts.iter_mut().skip(from) {
        if is_particle(&part.text) && part.role.is_none() {
            part.role = Some(PartRole::Particle);
            continue;
        }
        if part.role.is_none() {
            part.role = Some(PartRole::Patronymic);
        }
        break;
    }
}

/// "Jr", "Sr", "II" closing a name of two or more other words tell
/// father from son; they are no family name. They weigh as little as a
/// title.
fn tag_generational_suffix(parts: &mut [Part]) {
    let untagged = parts.iter().filter(|p| p.role.is_none()).count();
    if untagged < 3 {
        return;
    }
    if let Some(last) = parts.last_mut() {
        if last.role.is_none() && super::numeral::is_generational_suffix(&last.text) {
            last.role = Some(PartRole::Title);
        }
    }
}

fn tag_initials(parts: &mut [Part]) {
    for part in parts.iter_mut().filter(|p| p.role.is_none()) {
        if part.text.len() == 1 && part.text.bytes().all(|b| b.is_ascii_alphabetic()) {
            part.role = Some(PartRole::Initial);
        }
    }
}

pub fn is_patronymic_shaped(word: &str) -> bool {
    PATRONYMIC_SUFFIXES
        .iter()
        .any(|s| word.len() >= s.len() + 2 && word.ends_with(s))
        || (word.len() >= 7 && word.ends_with("sson"))
}

/// Given / middle / family / patronymic for the words left untagged.
fn tag_order(parts: &mut [Part], names: &[usize], family_first: bool) {
    let n = names.len();
    let set = |parts: &mut [Part], k: usize, role: PartRole| parts[names[k]].role = Some(role);
    if n == 0 {
        return;
    }
    if n == 1 {
        let has = |role: PartRole| parts.iter().any(|p| p.role == Some(role));
        // A lone name beside initials is the family name (J. R. Tolkien);
        // beside a father's name it is the given name (Isa bin Tarif).
        let role = if parts[names[0]].before_comma || has(PartRole::Initial) {
            PartRole::Family
        } else if has(PartRole::Patronymic) {
            PartRole::Given
        } else {
            PartRole::Unknown
        };
        return set(parts, 0, role);
    }
    if parts[names[0]].before_comma {
        let mut seen_given = false;
        for k in 0..n {
            let role = if parts[names[k]].before_comma {
                PartRole::Family
            } else if seen_given && is_patronymic_shaped(&parts[names[k]].text) {
                PartRole::Patronymic
            } else if seen_given {
                PartRole::Middle
            } else {
                seen_given = true;
                PartRole::Given
            };
            set(parts, k, role);
        }
        return;
    }
    if family_first {
        set(parts, 0, PartRole::Family);
        (1..n).for_each(|k| set(parts, k, PartRole::Given));
        return;
    }
    let shaped = |parts: &[Part], k: usize| is_patronymic_shaped(&parts[names[k]].text);
    if n >= 3 && !shaped(parts, 1) && shaped(parts, n - 1) {
        // Russian official order: Family Given Patronymic.
        set(parts, 0, PartRole::Family);
        set(parts, 1, PartRole::Given);
        (2..n - 1).for_each(|k| set(parts, k, PartRole::Middle));
        return set(parts, n - 1, PartRole::Patronymic);
    }
    set(parts, 0, PartRole::Given);
    for k in 1..n - 1 {
        let role = if shaped(parts, k) {
            PartRole::Patronymic
        } else {
            PartRole::Middle
        };
        set(parts, k, role);
    }
    let last_role =
        if shaped(parts, n - 1) && n == 2 && parts[names[n - 1]].text.ends_with("dottir") {
            PartRole::Patronymic
        } else {
            PartRole::Family
        };
    set(parts, n - 1, last_role);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(words: &[&str], family_first: bool) -> Vec<(String, PartRole)> {
        let parts: Vec<Part> = words
            .iter()
            .map(|w| Part::new(w.to_string(), false))
            .collect();
        let mut parts = merge_compounds(parts);
        tag(&mut parts, family_first);
        parts
            .into_iter()
            .map(|p| (p.text, p.role.unwrap_or(PartRole::Unknown)))
            .collect()
    }

    fn role_list(words: &[&str]) -> Vec<PartRole> {
        roles(words, false).into_iter().map(|(_, r)| r).collect()
    }

    use PartRole::*;

    #[test]
    fn russian_orders() {
        assert_eq!(
            role_list(&["vladimir", "vladimirovich", "putin"]),
            [Given, Patronymic, Family]
        );
        assert_eq!(
            role_list(&["putin", "vladimir", "vladimirovich"]),
            [Family, Given, Patronymic]
        );
        assert_eq!(
            role_list(&["roman", "arkadyevich", "abramovich"]),
            [Given, Patronymic, Family]
        );
        assert_eq!(
            role_list(&["abramovich", "roman", "arkadyevich"]),
            [Family, Given, Patronymic]
        );
    }

    #[test]
    fn arabic_filiation_and_titles() {
        assert_eq!(
            role_list(&["sheikh", "isa", "bin", "tarif", "al", "bin", "ali"]),
            [Title, Given, Particle, Patronymic, Particle, Particle, Patronymic]
        );
        let merged = roles(&["abd", "al", "rahman", "ali"], false);
        assert_eq!(merged[0].0, "abdalrahman");
        assert_eq!(roles(&["abdul", "aziz"], false)[0].0, "abdulaziz");
    }

    #[test]
    fn european_particles_and_initials() {
        assert_eq!(
            role_list(&["ludwig", "van", "der", "berg"]),
            [Given, Particle, Particle, Family]
        );
        assert_eq!(
            role_list(&["j", "r", "tolkien"]),
            [Initial, Initial, Family]
        );
        assert_eq!(roles(&["mc", "donald"], false)[0].0, "mcdonald");
        assert_eq!(role_list(&["bjork", "gudmundsdottir"]), [Given, Patronymic]);
    }

    #[test]
    fn generational_suffixes() {
        assert_eq!(role_list(&["john", "smith", "jr"]), [Given, Family, Title]);
        assert_eq!(role_list(&["henry", "ford", "ii"]), [Given, Family, Title]);
        assert_eq!(role_list(&["john", "jr"]), [Given, Family]);
    }

    #[test]
    fn east_asian_order() {
        assert_eq!(
            roles(&["kim", "jong", "un"], true)
                .into_iter()
                .map(|(_, r)| r)
                .collect::<Vec<_>>(),
            [Family, Given, Given]
        );
    }
}
