//! Names as lists print them, with their kind (primary, alias, weak alias,
//! previous name), their parts where the source gives them, and their script.

use serde::{Deserialize, Serialize};
use unicode_script::{Script, UnicodeScript};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Primary,
    Alias,
    /// Low-quality a.k.a.: too vague to match on alone (OFAC "weak", UN "Low").
    WeakAlias,
    /// Formerly known as.
    Previous,
}

impl NameKind {
    pub fn ftm_property(self) -> &'static str {
        match self {
            NameKind::Primary => "name",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::Previous => "previousName",
        }
    }

    pub fn from_ftm_property(property: &str) -> Option<NameKind> {
        match property {
            "name" => Some(NameKind::Primary),
            "alias" => Some(NameKind::Alias),
            "weakAlias" => Some(NameKind::WeakAlias),
            "previousName" => Some(NameKind::Previous),
            _ => None,
        }
    }
}

/// Name parts when the source labels them. Screening uses them to weigh the
/// family name; when absent, screening tags parts itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NameParts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

impl NameParts {
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_none())
    }

    /// (FtM property, value) pairs.
    pub fn fields(&self) -> [(&'static str, Option<&String>); 5] {
        [
            ("title", self.title.as_ref()),
            ("firstName", self.first.as_ref()),
            ("middleName", self.middle.as_ref()),
            ("fatherName", self.patronymic.as_ref()),
            ("lastName", self.last.as_ref()),
        ]
    }

    /// Joins the parts in Western order for sources that give only parts.
    pub fn whole(&self) -> String {
        [&self.first, &self.middle, &self.patronymic, &self.last]
            .into_iter()
            .flatten()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Name {
    pub value: String,
    pub kind: NameKind,
    #[serde(default, skip_serializing_if = "NameParts::is_empty")]
    pub parts: NameParts,
    /// ISO 15924 code of the dominant script, e.g. "Latn", "Cyrl", "Arab".
    pub script: String,
    /// Language of the name when the source states it (ISO 639).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Name {
    pub fn new(value: impl Into<String>, kind: NameKind) -> Self {
        let value = collapse_whitespace(&value.into());
        let script = dominant_script(&value);
        Name {
            value,
            kind,
            parts: NameParts::default(),
            script,
            lang: None,
        }
    }

    pub fn with_parts(mut self, parts: NameParts) -> Self {
        self.parts = parts;
        self
    }

    pub fn with_lang(mut self, lang: Option<String>) -> Self {
        self.lang = lang.filter(|l| !l.trim().is_empty());
        self
    }

    pub fn is_latin(&self) -> bool {
        self.script == "Latn" || self.script == "Zyyy"
    }
}

pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The script most letters of `text` are written in ("Zyyy" when none).
pub fn dominant_script(text: &str) -> String {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.short_name().to_string())
        .unwrap_or_else(|| "Zyyy".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(
            Name::new("Владимир Путин", NameKind::Primary).script,
            "Cyrl"
        );
        assert_eq!(Name::new("جانان آغا", NameKind::Alias).script, "Arab");
        assert_eq!(Name::new("ジャナン・アガ", NameKind::Alias).script, "Kana");
        assert_eq!(
            Name::new("  Jan   AGHA ", NameKind::Alias).value,
            "Jan AGHA"
        );
        assert!(Name::new("Jan Agha", NameKind::Alias).is_latin());
    }
}
