//! Name normalisation: turns a name as a list prints it, in any script,
//! into lowercase Latin tokens tagged with their role and weight, a
//! phonetic skeleton per token, a few alternative Latin renderings, and
//! the legal form of a company.
//!
//! Pipeline: NFKC and lowercase → romanisation of non-Latin runs (several
//! conventions) → Latin folding (diacritics dropped, or spelled out for
//! a variant) → words → class-specific tagging (person parts, legal forms
//! and stopwords, vessel prefixes) → tokens with skeletons.
//!
//! Everything is deterministic: the same input and [`NORMALIZER_VERSION`]
//! always give the same output.

mod convention;
mod country;
mod given_name;
mod legal_form;
mod nickname;
mod numeral;
mod parts;
mod skeleton;
mod stopword;
mod tagging;
mod text;
mod transliterate;
mod vessel;
mod wade_giles;

use meldpunt_model::{NameParts, Schema};
use serde::{Deserialize, Serialize};

pub use crate::ScreeningError as NormalizeError;
pub use country::is_country_word;
pub(crate) use given_name::{different_names, group_of as given_name_group};
pub use legal_form::LegalFormClass;

use parts::Part;
use tagging::{fused_particles, parenthesised_words, tokens_for};
use text::Fold;

/// Version of the normalisation algorithm; stored with every result that
/// depends on it, so stale keys can be recomputed.
pub const NORMALIZER_VERSION: &str = "norm-3";

/// Longest name [`normalize_name`] accepts, in characters. Longer input
/// is rejected with [`NormalizeError::NameTooLong`]; [`transliterate`] and
/// [`skeleton`] instead ignore characters past this limit.
pub const MAX_NAME_CHARS: usize = 1024;

/// What a name names; decides which tagging rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameClass {
    Person,
    Organization,
    Vessel,
    /// Not known: legal forms are still recognised, person parts are not.
    Unknown,
}

impl NameClass {
    pub fn from_schema(schema: Schema) -> NameClass {
        match schema {
            Schema::Person => NameClass::Person,
            Schema::Organization | Schema::Company => NameClass::Organization,
            Schema::Vessel => NameClass::Vessel,
            _ => NameClass::Unknown,
        }
    }
}

/// The part a token plays in its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartRole {
    Given,
    Middle,
    Family,
    /// Father's name: Russian -ovich/-ovna, the name after bin/ibn,
    /// Icelandic -dottir.
    Patronymic,
    /// al, bin, van, der, de… bound to the word after it.
    Particle,
    Title,
    Initial,
    LegalForm,
    /// Generic organisation word (group, trading, international…).
    Stopword,
    /// A word of an organisation's or vessel's name.
    Core,
    Number,
    /// A person's word whose part cannot be told (a single-word name).
    Unknown,
}

impl PartRole {
    /// Default matching weight: how much agreement on such a token says.
    pub fn weight(self) -> f32 {
        match self {
            PartRole::Family | PartRole::Core | PartRole::Number | PartRole::Unknown => 1.0,
            PartRole::Given => 0.8,
            PartRole::Patronymic => 0.6,
            PartRole::Middle => 0.5,
            PartRole::Initial => 0.3,
            PartRole::Particle => 0.15,
            PartRole::Stopword => stopword::LOW_WEIGHT,
            PartRole::LegalForm => 0.1,
            PartRole::Title => 0.05,
        }
    }

    /// Roles that identify the bearer, as opposed to decorating the name.
    pub fn is_informative(self) -> bool {
        !matches!(
            self,
            PartRole::Particle | PartRole::Title | PartRole::LegalForm | PartRole::Stopword
        )
    }
}

/// One word of a normalised name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Latin, lowercase, no diacritics, no punctuation.
    pub text: String,
    /// Phonetic key shared by romanisation variants; see [`skeleton`].
    pub skeleton: String,
    pub role: PartRole,
    pub weight: f32,
}

impl Token {
    fn new(text: String, role: PartRole) -> Token {
        Token::weighted(text, role, role.weight())
    }

    fn weighted(text: String, role: PartRole, weight: f32) -> Token {
        // Numerals, Roman ones included, must match exactly.
        let skeleton = if role == PartRole::Number {
            text.clone()
        } else {
            skeleton::skeleton_ascii(&text)
        };
        Token {
            text,
            skeleton,
            role,
            weight,
        }
    }
}

/// A name ready for retrieval and scoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormalizedName {
    pub original: String,
    pub schema_class: NameClass,
    /// Tokens of the primary Latin rendering, in written order.
    pub tokens: Vec<Token>,
    /// Other Latin renderings (other romanisation conventions, spelled-out
    /// diacritics, particles fused to their noun), as space-separated
    /// tokens; at most a handful.
    pub variants: Vec<String>,
    pub legal_form: Option<LegalFormClass>,
}

impl NormalizedName {
    /// The primary rendering as space-separated tokens.
    pub fn text(&self) -> String {
        join_texts(&self.tokens)
    }

    /// Summed weight of the tokens that identify the bearer. Zero for a
    /// name made only of legal forms, titles and stopwords ("CORP",
    /// "The Trading Company Ltd"), which must never match strongly.
    pub fn informative_weight(&self) -> f32 {
        self.tokens
            .iter()
            .filter(|t| t.role.is_informative())
            .map(|t| t.weight)
            .sum()
    }

    pub fn is_informative(&self) -> bool {
        self.informative_weight() > 0.0
    }

    /// The name without titles and legal forms, with no spaces: lets
    /// "van der Berg" meet "Vanderberg" and "Al Qaida" meet "Alqaida".
    pub fn compact(&self) -> String {
        self.tokens
            .iter()
            .filter(|t| !matches!(t.role, PartRole::Title | PartRole::LegalForm))
            .map(|t| t.text.as_str())
            .collect()
    }

    /// Skeleton sequences of the primary rendering and of every variant.
    pub fn skeleton_keys(&self) -> Vec<Vec<String>> {
        let mut keys = vec![self.tokens.iter().map(|t| t.skeleton.clone()).collect()];
        for variant in &self.variants {
            let key: Vec<String> = variant.split(' ').map(skeleton::skeleton_ascii).collect();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }
}

fn join_texts(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_length(name: &str) -> Result<(), NormalizeError> {
    if name.chars().nth(MAX_NAME_CHARS).is_some() {
        return Err(NormalizeError::NameTooLong {
            limit: MAX_NAME_CHARS,
        });
    }
    Ok(())
}

fn bounded(text: &str) -> &str {
    match text.char_indices().nth(MAX_NAME_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// Normalises one name. Names of more than [`MAX_NAME_CHARS`] characters
/// are rejected; a name with no letters or digits gives no tokens.
pub fn normalize_name(name: &str, class: NameClass) -> Result<NormalizedName, NormalizeError> {
    check_length(name)?;
    let lowered = text::nfkc_lower(name);
    let (renderings, family_first) = render(&lowered, class);
    let qualifiers = match class {
        NameClass::Organization | NameClass::Unknown => parenthesised_words(&lowered),
        NameClass::Person | NameClass::Vessel => Vec::new(),
    };
    let mut built = renderings
        .into_iter()
        .map(|parts| tokens_for(parts, class, family_first, &qualifiers));
    let (tokens, legal_form) = built.next().unwrap_or_default();
    let primary = join_texts(&tokens);
    let mut variants: Vec<String> = Vec::new();
    let mut push = |v: String| {
        if !v.is_empty() && v != primary && !variants.contains(&v) {
            variants.push(v);
        }
    };
    if let Some(fused) = fused_particles(&tokens) {
        push(fused);
    }
    for (other, _) in built {
        push(join_texts(&other));
    }
    if class == NameClass::Person {
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        for reading in convention::readings(&words) {
            push(reading);
        }
        for reading in wade_giles::readings(&words) {
            push(reading);
        }
        let given_like: Vec<bool> = tokens
            .iter()
            .map(|t| {
                matches!(
                    t.role,
                    PartRole::Given | PartRole::Middle | PartRole::Unknown
                )
            })
            .collect();
        for reading in nickname::readings(&words, &given_like) {
            push(reading);
        }
    }
    variants.truncate(transliterate::MAX_VARIANTS);
    Ok(NormalizedName {
        original: name.to_string(),
        schema_class: class,
        tokens,
        variants,
        legal_form,
    })
}

/// Normalises a person's name the source gave in parts; the source's
/// labels decide given, middle, patronymic and family roles.
pub fn normalize_name_parts(
    parts: &NameParts,
    class: NameClass,
) -> Result<NormalizedName, NormalizeError> {
    let whole = parts.whole();
    let mut name = normalize_name(&whole, class)?;
    let fields = [
        (&parts.title, PartRole::Title),
        (&parts.first, PartRole::Given),
        (&parts.middle, PartRole::Middle),
        (&parts.patronymic, PartRole::Patronymic),
        (&parts.last, PartRole::Family),
    ];
    let mut tokens = Vec::new();
    for (value, role) in fields {
        let Some(value) = value else { continue };
        for token in normalize_name(value, NameClass::Person)?.tokens {
            let keep = matches!(token.role, PartRole::Particle | PartRole::Initial);
            tokens.push(if keep {
                token
            } else {
                Token::new(token.text, role)
            });
        }
    }
    name.tokens = tokens;
    Ok(name)
}

/// Latin renderings of `text` (any script), primary first: romanisation
/// conventions and spelled-out diacritics, each as lowercase
/// space-separated words. Characters past [`MAX_NAME_CHARS`] are ignored.
pub fn transliterate(text: &str) -> Vec<String> {
    let lowered = text::nfkc_lower(bounded(text));
    let mut out: Vec<String> = Vec::new();
    for words in latin_renderings(&lowered, false) {
        let joined = words.join(" ");
        if !out.contains(&joined) {
            out.push(joined);
        }
    }
    out.truncate(transliterate::MAX_VARIANTS);
    out
}

/// The phonetic skeleton of a token in any script (several words give
/// space-separated skeletons). Conventions that spell one name differently
/// share it: "Mokhammed", "Muhammad", "محمد" → "mhmd".
pub fn skeleton(token: &str) -> String {
    // A normalised word (lowercase ASCII letters and digits) needs no
    // romanising or folding, which cost most of a query's preparation.
    if !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return skeleton::skeleton_ascii(token);
    }
    let lowered = text::nfkc_lower(bounded(token));
    latin_renderings(&lowered, false)
        .into_iter()
        .next()
        .unwrap_or_default()
        .iter()
        .map(|w| skeleton::skeleton_ascii(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word lists of every Latin rendering of a lowercased text.
fn latin_renderings(lowered: &str, join_abbreviations: bool) -> Vec<Vec<String>> {
    let romanized = transliterate::romanize(lowered);
    let mut out: Vec<Vec<String>> = Vec::new();
    for variant in &romanized.variants {
        let variant = if join_abbreviations {
            text::join_abbreviations(variant)
        } else {
            variant.clone()
        };
        for fold in [Fold::Plain, Fold::Expanded] {
            let mut words = text::words(&text::fold_latin(&variant, fold));
            if join_abbreviations {
                words = text::join_letter_pairs(words);
            }
            if !out.contains(&words) {
                out.push(words);
            }
        }
    }
    out
}

/// Renderings as parts, and whether the script puts the family name
/// first. For a person written "FAMILY, Given" the words before the comma
/// are flagged.
fn render(lowered: &str, class: NameClass) -> (Vec<Vec<Part>>, bool) {
    let join = class != NameClass::Person;
    let family_first = transliterate::romanize(lowered).family_first;
    let comma = (class == NameClass::Person && lowered.matches(',').count() == 1)
        .then(|| lowered.split_once(','))
        .flatten()
        .filter(|(before, after)| !before.trim().is_empty() && !after.trim().is_empty());
    let segments: Vec<(&str, bool)> = match comma {
        Some((before, after)) => vec![(before, true), (after, false)],
        None => vec![(lowered, false)],
    };
    let rendered: Vec<Vec<Vec<String>>> = segments
        .iter()
        .map(|(segment, _)| latin_renderings(segment, join))
        .collect();
    let count = rendered.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Vec<Part>> = Vec::with_capacity(count);
    for k in 0..count {
        let mut parts = Vec::new();
        for (options, (_, before_comma)) in rendered.iter().zip(&segments) {
            let words = options.get(k).or(options.last());
            for word in words.into_iter().flatten() {
                parts.push(Part::new(word.clone(), *before_comma));
            }
        }
        out.push(parts);
    }
    (out, family_first)
}

#[cfg(test)]
mod tests;
