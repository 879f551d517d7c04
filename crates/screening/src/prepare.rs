//! Entities pre-processed once for repeated scoring: every name
//! normalised into token renderings with merge spans, identifiers
//! normalised by kind, birth dates, countries and gender.

use meldpunt_model::{CountryRole, DateSpec, Entity, Gender, IdKind, Name, NameKind, Schema};
use serde::Serialize;

use crate::normalize::{
    normalize_name, normalize_name_parts, skeleton, LegalFormClass, NameClass, NormalizedName,
    PartRole, Token,
};

/// Renderings kept per name: the primary one and a few variants. More
/// add cost without adding matches, since skeletons already unify most
/// conventions.
const MAX_RENDERINGS: usize = 4;

/// Longest run of adjacent tokens compared as one word ("Plat Ono Vich").
const MAX_SPAN: usize = 3;

/// Adjacent tokens written as one word: lets "SiemensAG" meet
/// "Siemens AG" and "MOHAMMADHASNI" meet "MOHAMMAD HASNI".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub len: usize,
    pub text: String,
    pub skeleton: String,
    pub meta: WordMeta,
}

/// What word similarity needs of a word, computed once: its length in
/// characters and the bytes of its text and skeleton as bit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordMeta {
    pub chars: u32,
    pub text_mask: u64,
    pub skel_mask: u64,
    /// The common given name the word spells, or 0; see
    /// `normalize::given_name`.
    pub name_group: u16,
}

impl WordMeta {
    pub fn new(text: &str, skeleton: &str) -> WordMeta {
        WordMeta {
            chars: u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
            text_mask: crate::score::byte_mask(text),
            skel_mask: crate::score::byte_mask(skeleton),
            name_group: crate::normalize::given_name_group(text),
        }
    }
}

/// One Latin rendering of a name, as tokens plus merge spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rendering {
    pub tokens: Vec<Token>,
    /// Per token, its [`WordMeta`].
    pub meta: Vec<WordMeta>,
    pub spans: Vec<Span>,
    /// All non-decorative tokens glued together.
    pub compact: String,
}

/// A name of an entity, normalised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedName {
    pub original: String,
    pub kind: NameKind,
    /// Written in Latin (or no) script.
    pub latin: bool,
    pub renderings: Vec<Rendering>,
    pub legal_form: Option<LegalFormClass>,
    /// Weight of tokens that identify the bearer; zero for "CORP", and for
    /// a name written only in initials ("N.N.", the placeholder for an
    /// unknown name, or "J. S."), which cannot identify anyone by itself.
    pub informative_weight: f32,
    /// The name's characters when it is written only in Hangul or only in
    /// Han characters.
    pub native: Option<NativeName>,
    /// The kind of bearer the name was read as.
    pub class: NameClass,
}

impl PreparedName {
    pub fn is_weak(&self) -> bool {
        self.kind == NameKind::WeakAlias
    }

    pub fn primary(&self) -> Option<&Rendering> {
        self.renderings.first()
    }

    /// Normalises one name; `None` when it has no letters or digits.
    pub fn new(name: &Name, class: NameClass) -> Option<PreparedName> {
        let normalized = normalize_with_parts(name, class)?;
        Self::from_normalized(normalized, name.kind, name.is_latin())
    }

    /// Normalises a bare string, as a query or benchmark name.
    pub fn from_text(text: &str, kind: NameKind, class: NameClass) -> Option<PreparedName> {
        Self::new(&Name::new(text, kind), class)
    }

    fn from_normalized(
        mut normalized: NormalizedName,
        kind: NameKind,
        latin: bool,
    ) -> Option<PreparedName> {
        if normalized.tokens.is_empty() {
            return None;
        }
        if normalized.schema_class == NameClass::Person {
            apply_case_cue(&normalized.original, &mut normalized.tokens);
        }
        let mut renderings = vec![Rendering::new(normalized.tokens.clone())];
        for variant in normalized.variants.iter() {
            if renderings.len() >= MAX_RENDERINGS {
                break;
            }
            let tokens = variant_tokens(variant, &normalized.tokens, normalized.schema_class);
            if !tokens.is_empty() {
                renderings.push(Rendering::new(tokens));
            }
        }
        let initials_only = normalized
            .tokens
            .iter()
            .all(|t| t.role == PartRole::Initial);
        let informative_weight = if initials_only {
            0.0
        } else {
            normalized.informative_weight()
        };
        Some(PreparedName {
            native: NativeName::of(&normalized.original),
            class: normalized.schema_class,
            informative_weight,
            original: normalized.original,
            kind,
            latin,
            renderings,
            legal_form: normalized.legal_form,
        })
    }
}

/// A name written in one syllabic or logographic script, where every
/// character is a whole part of the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NativeName {
    pub script: NativeScript,
    /// Its characters, spaces and punctuation left out.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NativeScript {
    Hangul,
    Han,
}

impl NativeName {
    fn of(original: &str) -> Option<NativeName> {
        let text: String = original.chars().filter(|c| c.is_alphanumeric()).collect();
        let all = |range: &[(char, char)]| {
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| range.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)))
        };
        let script = if all(&[('\u{AC00}', '\u{D7A3}')]) {
            NativeScript::Hangul
        } else if all(&[('\u{4E00}', '\u{9FFF}'), ('\u{3400}', '\u{4DBF}')]) {
            NativeScript::Han
        } else {
            return None;
        };
        Some(NativeName { script, text })
    }
}

fn normalize_with_parts(name: &Name, class: NameClass) -> Option<NormalizedName> {
    let structured = class == NameClass::Person && !name.parts.is_empty();
    let result = if structured && !name.parts.whole().is_empty() {
        normalize_name_parts(&name.parts, class)
    } else {
        normalize_name(&name.value, class)
    };
    result.ok()
}

impl Rendering {
    pub fn new(tokens: Vec<Token>) -> Rendering {
        let spans = spans_of(&tokens);
        let compact = tokens
            .iter()
            .filter(|t| !matches!(t.role, PartRole::Title | PartRole::LegalForm))
            .map(|t| t.text.as_str())
            .collect();
        let meta = tokens
            .iter()
            .map(|t| WordMeta::new(&t.text, &t.skeleton))
            .collect();
        Rendering {
            tokens,
            meta,
            spans,
            compact,
        }
    }
}

fn spans_of(tokens: &[Token]) -> Vec<Span> {
    let mut spans = Vec::new();
    for start in 0..tokens.len() {
        for len in 2..=MAX_SPAN {
            let Some(run) = tokens.get(start..start + len) else {
                break;
            };
            if run.iter().any(|t| t.role == PartRole::Number) {
                break;
            }
            let text: String = run.iter().map(|t| t.text.as_str()).collect();
            spans.push(Span::new(start, len, text));
        }
    }
    spans.extend(acronym_spans(tokens));
    spans
}

/// Longest run of words an acronym stands for.
const MAX_ACRONYM: usize = 4;

/// Words an acronym leaves out ("Department of State": DOS or DS).
const ACRONYM_GAPS: [&str; 6] = ["of", "the", "and", "for", "de", "des"];

/// Runs of words as their initials, so an acronym ("PLA", "IRGC") or
/// initialled given names ("JC Juncker") meet the words they stand for.
/// A company's acronym needs three letters (two letters stand for too
/// many runs); a person's only covers given and middle names, where the
/// family name must still agree.
fn acronym_spans(tokens: &[Token]) -> Vec<Span> {
    let mut spans = Vec::new();
    for start in 0..tokens.len() {
        for len in 2..=MAX_ACRONYM {
            let Some(run) = tokens.get(start..start + len) else {
                break;
            };
            let Some(letters) = acronym(run) else {
                break;
            };
            let person = run
                .iter()
                .all(|t| matches!(t.role, PartRole::Given | PartRole::Middle));
            if letters.len() >= 3 || (person && letters.len() == 2) {
                spans.push(Span::new(start, len, letters));
            }
        }
    }
    spans
}

/// The initials of a run of name words, or `None` when a word in it
/// cannot be abbreviated (a number, legal form, particle, family name,
/// initial) or a gap word opens or closes it.
fn acronym(run: &[Token]) -> Option<String> {
    let abbreviable = |t: &Token| {
        matches!(
            t.role,
            PartRole::Core | PartRole::Stopword | PartRole::Given | PartRole::Middle
        ) && t.text.chars().count() > 1
    };
    if !run.iter().all(abbreviable) {
        return None;
    }
    let gap = |t: &Token| ACRONYM_GAPS.contains(&t.text.as_str());
    if run.first().is_some_and(gap) || run.last().is_some_and(gap) {
        return Some(String::new());
    }
    Some(
        run.iter()
            .filter(|t| !gap(t))
            .filter_map(|t| t.text.chars().next())
            .collect(),
    )
}

impl Span {
    fn new(start: usize, len: usize, text: String) -> Span {
        let skeleton = skeleton(&text);
        Span {
            start,
            len,
            meta: WordMeta::new(&text, &skeleton),
            text,
            skeleton,
        }
    }
}

/// Tokens of a variant rendering. Roles follow the primary rendering
/// word for word when the counts agree; otherwise (fused particles) the
/// words are plain name words.
fn variant_tokens(variant: &str, primary: &[Token], class: NameClass) -> Vec<Token> {
    let words: Vec<&str> = variant.split(' ').filter(|w| !w.is_empty()).collect();
    let roles = variant_roles(&words, primary);
    words
        .iter()
        .zip(roles)
        .map(|(word, role)| {
            let (role, weight) = match role {
                Some(p) => p,
                None if class == NameClass::Person => (PartRole::Unknown, 1.0),
                None => (PartRole::Core, 1.0),
            };
            let skeleton = if role == PartRole::Number {
                (*word).to_string()
            } else {
                skeleton(word)
            };
            Token {
                text: (*word).to_string(),
                skeleton,
                role,
                weight,
            }
        })
        .collect()
}

/// The primary rendering's role and weight for each variant word: word
/// for word when the counts agree; otherwise a word that fuses primary
/// words ("al muhammad" → "almuhammad") takes the role of the name word
/// in it, so a fused variant is not a way around the role checks.
fn variant_roles(words: &[&str], primary: &[Token]) -> Vec<Option<(PartRole, f32)>> {
    if words.len() == primary.len() {
        return primary.iter().map(|p| Some((p.role, p.weight))).collect();
    }
    let mut roles = Vec::with_capacity(words.len());
    let mut next = 0;
    for word in words {
        let fused = (1..=3).find(|&k| {
            next + k <= primary.len()
                && primary[next..next + k]
                    .iter()
                    .map(|t| t.text.len())
                    .sum::<usize>()
                    == word.len()
                && primary[next..next + k]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<String>()
                    == *word
        });
        match fused {
            Some(k) => {
                let run = &primary[next..next + k];
                let named = run.iter().rev().find(|t| t.role != PartRole::Particle);
                roles.push(named.or(run.last()).map(|t| (t.role, t.weight)));
                next += k;
            }
            None => {
                roles.push(None);
                next += 1;
            }
        }
    }
    roles
}

/// Lists write the family name in capitals ("Vladimir PUTIN", "PUTIN
/// Vladimir"); where a name mixes capitalised and lower-case words, the
/// all-capital words are the family name whatever their position. A
/// capitalised word without a vowel ("JC Juncker") is initials, not a
/// name.
fn apply_case_cue(original: &str, tokens: &mut [Token]) {
    let words: Vec<&str> = original
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let is_upper = |w: &str| {
        let letters = || w.chars().filter(|c| c.is_alphabetic());
        let vowel = letters().any(|c| !c.is_ascii() || "AEIOUY".contains(c));
        letters().count() >= 2 && vowel && w.chars().all(|c| !c.is_lowercase())
    };
    let upper: Vec<String> = words
        .iter()
        .filter(|w| is_upper(w))
        .map(|w| {
            crate::normalize::transliterate(w)
                .into_iter()
                .next()
                .unwrap_or_default()
        })
        .collect();
    let has_lower = words.iter().any(|w| w.chars().any(char::is_lowercase));
    if upper.is_empty() || !has_lower {
        return;
    }
    let naming = |r: PartRole| matches!(r, PartRole::Given | PartRole::Family | PartRole::Middle);
    let marked: Vec<bool> = tokens
        .iter()
        .map(|t| naming(t.role) && upper.iter().any(|u| u.replace(' ', "") == t.text))
        .collect();
    if !marked.iter().any(|m| *m)
        || marked
            .iter()
            .zip(tokens.iter())
            .all(|(m, t)| *m || !naming(t.role))
    {
        return;
    }
    let mut given_seen = false;
    for (token, is_family) in tokens.iter_mut().zip(marked) {
        if !naming(token.role) {
            continue;
        }
        let role = if is_family {
            PartRole::Family
        } else if given_seen {
            PartRole::Middle
        } else {
            given_seen = true;
            PartRole::Given
        };
        token.role = role;
        token.weight = role.weight();
    }
}

/// Birth date facts used in scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BirthDate {
    pub spec: DateSpec,
    pub years: (u16, u16),
}

/// An entity ready for scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreparedEntity {
    pub id: String,
    pub schema: Schema,
    pub class: NameClass,
    pub names: Vec<PreparedName>,
    /// (kind, normalised value).
    pub identifiers: Vec<(IdKind, String)>,
    pub birth_dates: Vec<BirthDate>,
    /// Lower-case ISO codes of nationality, citizenship, country,
    /// jurisdiction and flag.
    pub countries: Vec<String>,
    pub gender: Option<Gender>,
}

const COUNTRY_ROLES: [CountryRole; 5] = [
    CountryRole::Nationality,
    CountryRole::Citizenship,
    CountryRole::Country,
    CountryRole::Jurisdiction,
    CountryRole::Flag,
];

impl PreparedEntity {
    pub fn new(entity: &Entity) -> PreparedEntity {
        let class = NameClass::from_schema(entity.schema);
        let mut names: Vec<PreparedName> = Vec::with_capacity(entity.names.len());
        for name in &entity.names {
            let Some(prepared) = PreparedName::new(name, class) else {
                continue;
            };
            if !names
                .iter()
                .any(|n| n.renderings == prepared.renderings && n.kind <= prepared.kind)
            {
                names.push(prepared);
            }
        }
        let mut identifiers: Vec<(IdKind, String)> = entity
            .identifiers
            .iter()
            .map(|i| (i.kind, i.normalized()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        identifiers.sort();
        identifiers.dedup();
        let birth_dates = entity
            .birth_dates
            .iter()
            .map(|spec| {
                let years = spec.years();
                BirthDate {
                    spec: *spec,
                    years: (*years.start(), *years.end()),
                }
            })
            .collect();
        let mut countries: Vec<String> = entity
            .countries
            .iter()
            .filter(|c| COUNTRY_ROLES.contains(&c.role))
            .map(|c| c.code.to_lowercase())
            .filter(|c| c.len() == 2)
            .collect();
        countries.sort();
        countries.dedup();
        PreparedEntity {
            id: entity.id.clone(),
            schema: entity.schema,
            class,
            names,
            identifiers,
            birth_dates,
            countries,
            gender: entity.gender,
        }
    }

    /// A bare name of a schema, as the benchmark compares them.
    pub fn from_name(id: &str, schema: Schema, name: &str) -> PreparedEntity {
        let mut entity = Entity::new(id, schema);
        entity.add_name(Name::new(name, NameKind::Primary));
        PreparedEntity::new(&entity)
    }
}
