//! Messages with values in them, in another language. An issue's message is
//! its code's sentence, sometimes followed by a detail in brackets (serde's
//! wording, a limit, a byte count); the desk also words a few notices itself
//! (deadlines, screening feedback). Both are matched against English
//! templates and written out with the Dutch one, keeping the values; what no
//! template matches stays as it was, so nothing is ever lost in translation.

use super::{lookup, Language};

/// Notices the desk words itself: code, English template, Dutch template.
/// The English must stay exactly what the desk writes (crates/desk
/// `intake.rs`, `screening.rs`); crates/web/tests/issue_language.rs checks.
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "whistleblower_channel",
        "Whistleblower reports are filed anonymously through the whistleblower channel, and only they are.",
        "Klokkenluidersmeldingen worden anoniem ingediend via het klokkenluiderskanaal, en alleen die.",
    ),
    (
        "deadline_missed",
        "This report arrives after its deadline ({kind}, due {due}).",
        "Deze melding komt na de termijn binnen ({kind}, uiterlijk {due}).",
    ),
    (
        "list_match_not_screened",
        "Screening this subject against the lists in use did not return entry '{entry}' of '{list}'; check the entry id and the subject's names.",
        "De screening van deze betrokkene tegen de gebruikte lijsten leverde vermelding '{entry}' van '{list}' niet op; controleer het nummer van de vermelding en de namen van de betrokkene.",
    ),
    (
        "undeclared_hit",
        "Screening matched this subject to '{caption}' ({source} {entity}, score {score}) but the report declares no list match.",
        "De screening koppelde deze betrokkene aan '{caption}' ({source} {entity}, score {score}), maar de melding vermeldt geen lijstovereenkomst.",
    ),
];

/// Details in brackets after a code's sentence; the more specific first.
const DETAILS: &[(&str, &str)] = &[
    ("missing field `{field}`", "veld `{field}` ontbreekt"),
    (
        "unknown field `{field}`, there are no fields",
        "onbekend veld `{field}`; hier horen geen velden",
    ),
    (
        "unknown field `{field}`, expected one of {known}",
        "onbekend veld `{field}`, verwacht een van {known}",
    ),
    (
        "unknown field `{field}`, expected {known}",
        "onbekend veld `{field}`, verwacht {known}",
    ),
    (
        "unknown variant `{value}`, expected one of {known}",
        "onbekende waarde `{value}`, verwacht een van {known}",
    ),
    (
        "unknown variant `{value}`, expected {known}",
        "onbekende waarde `{value}`, verwacht {known}",
    ),
    (
        "invalid type: {found}, expected {expected}",
        "ongeldig type: {found}, verwacht {expected}",
    ),
    (
        "invalid value: {found}, expected {expected}",
        "ongeldige waarde: {found}, verwacht {expected}",
    ),
    (
        "invalid length {found}, expected {expected}",
        "ongeldige lengte {found}, verwacht {expected}",
    ),
    ("expected an object", "verwacht een object"),
    (
        "expected an object or a value, not an array",
        "verwacht een object of een waarde, geen lijst",
    ),
    ("expected {what}", "verwacht {what}"),
    (
        "the root must be <{root}>",
        "het hoofdelement moet <{root}> zijn",
    ),
    ("limit {limit}", "ten hoogste {limit}"),
    ("byte {n} of the file", "byte {n} van het bestand"),
    (
        "{n} fields, header has {m}",
        "{n} velden, de kopregel heeft er {m}",
    ),
    ("{n} bytes", "{n} bytes"),
];

/// `english` (an issue's message for `code`) in `language`.
pub fn localise(code: &str, english: &str, language: Language) -> String {
    if language == Language::En {
        return english.to_string();
    }
    if let (Some(en), Some(translated)) = (lookup(code, Language::En), lookup(code, language)) {
        if let Some(rest) = english.strip_prefix(en) {
            return format!("{translated}{}", detail(rest));
        }
    }
    TEMPLATES
        .iter()
        .find(|(c, _, _)| *c == code)
        .and_then(|(_, en, nl)| Some(fill(nl, &unformat(en, english)?)))
        .unwrap_or_else(|| english.to_string())
}

/// " (detail)" after a sentence, translated when a template knows it.
fn detail(rest: &str) -> String {
    let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')) else {
        return rest.to_string();
    };
    let translated = DETAILS
        .iter()
        .find_map(|(en, nl)| Some(fill(nl, &unformat(en, inner)?)))
        .unwrap_or_else(|| inner.to_string());
    format!(" ({translated})")
}

/// A template cut into its literal text and the names between them:
/// `literals.len() == names.len() + 1`.
fn pieces(template: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut literals, mut names) = (Vec::new(), Vec::new());
    let mut rest = template;
    while let Some((open, close)) = rest
        .find('{')
        .and_then(|open| Some((open, open + rest[open..].find('}')?)))
    {
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    literals.push(rest);
    (literals, names)
}

/// The values `text` gives the template's names, if it has the template's
/// shape. Each value is non-empty and ends at the first occurrence of the
/// literal after it (the last one at the template's end).
fn unformat<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let (literals, names) = pieces(template);
    let mut rest = text.strip_prefix(literals[0])?;
    let mut values = Vec::with_capacity(names.len());
    for (i, next) in literals[1..].iter().enumerate() {
        let value = if i + 1 == names.len() {
            let value = rest.strip_suffix(next)?;
            rest = "";
            value
        } else {
            let at = rest.find(next).filter(|_| !next.is_empty())?;
            let value = &rest[..at];
            rest = &rest[at + next.len()..];
            value
        };
        if value.is_empty() {
            return None;
        }
        values.push(value);
    }
    rest.is_empty().then_some(values)
}

/// The template with its names replaced by `values`, in order.
fn fill(template: &str, values: &[&str]) -> String {
    let (literals, _) = pieces(template);
    let mut out = String::from(literals[0]);
    for (value, literal) in values.iter().zip(&literals[1..]) {
        out.push_str(value);
        out.push_str(literal);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cut_at_the_next_literal() {
        assert_eq!(
            unformat("a {x} b {y}.", "a 1 2 b 3."),
            Some(vec!["1 2", "3"])
        );
        assert_eq!(unformat("a {x} b {y}.", "a 1 b 3"), None);
        assert_eq!(unformat("a {x} b {y}.", "a  b 3."), None);
        assert_eq!(unformat("fixed", "fixed"), Some(vec![]));
        assert_eq!(unformat("fixed", "fixed!"), None);
        assert_eq!(fill("x{a}y{b}z", &["1", "2"]), "x1y2z");
    }

    #[test]
    fn details_are_translated_and_values_kept() {
        let english = "This required field is missing. (missing field `names`)";
        assert_eq!(
            localise("missing_field", english, Language::Nl),
            "Dit verplichte veld ontbreekt. (veld `names` ontbreekt)"
        );
        let english = "This field has the wrong type or an unexpected value. \
            (invalid type: string \"x\", expected u32)";
        assert_eq!(
            localise("wrong_type", english, Language::Nl),
            "Dit veld heeft een verkeerd type of een onverwachte waarde. \
            (ongeldig type: string \"x\", verwacht u32)"
        );
        // A detail no template knows is kept as it is.
        let english = "The document is not well-formed XML. (ill-formed document: x)";
        assert_eq!(
            localise("xml_syntax", english, Language::Nl),
            "Het document is geen welgevormde XML. (ill-formed document: x)"
        );
    }

    #[test]
    fn desk_notices_keep_their_values() {
        let english = "Screening matched this subject to 'Ivan (Vanya) Petrov' \
            (eu_fsf EU-123, score 0.97) but the report declares no list match.";
        assert_eq!(
            localise("undeclared_hit", english, Language::Nl),
            "De screening koppelde deze betrokkene aan 'Ivan (Vanya) Petrov' \
            (eu_fsf EU-123, score 0.97), maar de melding vermeldt geen lijstovereenkomst."
        );
        // A reworded notice is left in English rather than mistranslated.
        let reworded = "Screening found 'X' but the report declares no list match.";
        assert_eq!(localise("undeclared_hit", reworded, Language::Nl), reworded);
    }

    #[test]
    fn english_is_left_alone_and_unknown_codes_pass_through() {
        let text = "This required field is missing. (missing field `x`)";
        assert_eq!(localise("missing_field", text, Language::En), text);
        assert_eq!(
            localise("no_such_code", "Some text.", Language::Nl),
            "Some text."
        );
    }
}
