//! Class-specific tagging of a rendering's words: a person's name parts,
//! an organisation's legal forms, stopwords, numerals and qualifiers, a
//! vessel's prefix, and the fused-particle reading.

use super::parts::{self, Part};
use super::text::{self, Fold};
use super::{legal_form, numeral, stopword, vessel};
use super::{LegalFormClass, NameClass, PartRole, Token};

/// Words a company's name puts in parentheses ("Deutsche Bank (Schweiz)
/// AG"): a qualifier (branch, country, former name) that registries and
/// lists write or leave out, so it counts as an optional part.
pub(super) fn parenthesised_words(lowered: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in lowered.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let folded = text::fold_latin(&std::mem::take(&mut inner), Fold::Plain);
                    words.extend(text::words(&folded));
                }
            }
            _ if depth > 0 => inner.push(c),
            _ => {}
        }
    }
    words
}

pub(super) fn tokens_for(
    parts: Vec<Part>,
    class: NameClass,
    family_first: bool,
    qualifiers: &[String],
) -> (Vec<Token>, Option<LegalFormClass>) {
    let person = class == NameClass::Person;
    let parts: Vec<Part> = parts
        .into_iter()
        .map(|mut p| {
            if let Some(letters) = numeral::unleet(&p.text, person) {
                p.text = letters;
            }
            p
        })
        .collect();
    match class {
        NameClass::Person => (person_tokens(parts, family_first), None),
        NameClass::Organization => org_tokens(parts, true, qualifiers),
        NameClass::Unknown => org_tokens(parts, false, qualifiers),
        NameClass::Vessel => {
            let words: Vec<String> = parts.into_iter().map(|p| p.text).collect();
            let skip = vessel::prefix_len(&words);
            let words = numeral::numbers_as_digits(words.into_iter().skip(skip).collect());
            let tokens = words
                .into_iter()
                .enumerate()
                .map(|(i, w)| {
                    if i > 0 && numeral::is_roman_numeral(&w) {
                        Token::new(w, PartRole::Number)
                    } else {
                        plain_token(w)
                    }
                })
                .collect();
            (tokens, None)
        }
    }
}

fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

fn plain_token(word: String) -> Token {
    let role = if is_number(&word) {
        PartRole::Number
    } else {
        PartRole::Core
    };
    Token::new(word, role)
}

/// A person's name parts. A legal form ending a name of two words or
/// more ("Nicolás Maduro LLC", a person filed as a company's account
/// holder) is a company's suffix, not a family name: it keeps a legal
/// form's role and weight, like in an organisation's name.
fn person_tokens(parts: Vec<Part>, family_first: bool) -> Vec<Token> {
    let mut parts = parts::merge_compounds(parts);
    let words: Vec<String> = parts.iter().map(|p| p.text.clone()).collect();
    let form_len = match legal_form::trailing_len(&words) {
        len if words.len() >= len + 2 => len,
        _ => 0,
    };
    let form = parts.split_off(parts.len() - form_len);
    parts::tag(&mut parts, family_first);
    let form = form
        .into_iter()
        .map(|p| Token::new(p.text, PartRole::LegalForm));
    parts
        .into_iter()
        .map(|p| {
            let role = match p.role {
                _ if is_number(&p.text) => PartRole::Number,
                Some(role) => role,
                None => PartRole::Unknown,
            };
            Token::new(p.text, role)
        })
        .chain(form)
        .collect()
}

/// Organisation words; for an unknown class stopwords are left alone
/// unless a legal form shows the name is a company's. Number words become
/// digits, and a Roman numeral after the first word is a number (Fund IV,
/// Solutions II), the last core word even when a single letter (Trust I).
fn org_tokens(
    parts: Vec<Part>,
    is_org: bool,
    qualifiers: &[String],
) -> (Vec<Token>, Option<LegalFormClass>) {
    let words: Vec<String> = parts
        .into_iter()
        .map(|p| match stopword::expand_abbreviation(&p.text) {
            Some(word) if is_org => word.to_string(),
            _ => p.text,
        })
        .collect();
    let words = numeral::numbers_as_digits(words);
    let (marked, legal_form) = legal_form::find(&words);
    let use_stopwords = is_org || legal_form.is_some();
    let last_core = marked.iter().rposition(|m| !m);
    let tokens = words
        .into_iter()
        .zip(marked)
        .enumerate()
        .map(|(i, (word, is_form))| {
            if is_form {
                return Token::new(word, PartRole::LegalForm);
            }
            let numeral = i > 0
                && numeral::is_roman_numeral(&word)
                && (word.len() > 1 || Some(i) == last_core);
            if numeral {
                return Token::new(word, PartRole::Number);
            }
            match stopword::org_stopword_weight(&word).filter(|_| use_stopwords) {
                Some(weight) => Token::weighted(word, PartRole::Stopword, weight),
                None if qualifiers.contains(&word) => Token::new(word, PartRole::Middle),
                None => plain_token(word),
            }
        })
        .collect();
    (tokens, legal_form)
}

/// The name with nobiliary particles and articles glued to the next word
/// (van der Berg → vanderberg), or `None` when there are none to glue.
pub(super) fn fused_particles(tokens: &[Token]) -> Option<String> {
    let mut words: Vec<String> = Vec::with_capacity(tokens.len());
    let mut pending = String::new();
    let mut fused = false;
    for token in tokens {
        let glue = token.role == PartRole::Particle
            && !matches!(
                token.text.as_str(),
                "bin" | "ibn" | "bint" | "ben" | "binti" | "ould"
            );
        if glue {
            pending.push_str(&token.text);
            continue;
        }
        fused |= !pending.is_empty();
        words.push(format!("{}{}", std::mem::take(&mut pending), token.text));
    }
    if !pending.is_empty() {
        words.push(pending);
    }
    fused.then(|| words.join(" "))
}
