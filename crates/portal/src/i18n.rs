//! Languages and the message catalogue. Pages are in English and Dutch;
//! the language comes from `?lang=`, then the language cookie, then
//! `Accept-Language`, then English. Messages live in TOML files, one per
//! area of the portal and language, so translators edit text, not code.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::cookies;

/// The cookie remembering a language chosen with `?lang=`.
pub const LANG_COOKIE: &str = "__Host-meldpunt-lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The language's own name, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The message for `key`; the key itself when missing, so a gap shows
    /// on the page instead of failing it (a test keeps the files complete).
    pub fn t(self, key: &'static str) -> &'static str {
        self.lookup(key).unwrap_or_else(|| {
            tracing::warn!(key, "missing message");
            key
        })
    }

    /// The message for a key built at run time (e.g. from a feature name).
    pub fn lookup(self, key: &str) -> Option<&'static str> {
        CATALOGUE
            .get(&self)
            .and_then(|messages| messages.get(key))
            .map(String::as_str)
    }

    /// `t(key)` with each `{name}` replaced by its value.
    pub fn tf(self, key: &'static str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// The catalogue, one pair of files per area of the portal so that each
/// area's texts are edited (and reviewed) on their own. Keys of different
/// areas must not collide (a test checks).
macro_rules! area {
    ($name:literal) => {
        [
            (
                $name,
                Lang::En,
                include_str!(concat!("../messages/", $name, ".en.toml")),
            ),
            (
                $name,
                Lang::Nl,
                include_str!(concat!("../messages/", $name, ".nl.toml")),
            ),
        ]
    };
}

const AREAS: [[(&str, Lang, &str); 2]; 6] = [
    area!("core"),
    area!("account"),
    area!("reports"),
    area!("cases"),
    area!("statistics"),
    area!("ownership"),
];

static CATALOGUE: LazyLock<HashMap<Lang, HashMap<String, String>>> = LazyLock::new(|| {
    let mut catalogue: HashMap<Lang, HashMap<String, String>> = HashMap::new();
    for (_, lang, text) in sources() {
        match parse_catalogue(text) {
            Ok(messages) => catalogue.entry(lang).or_default().extend(messages),
            Err(e) => tracing::error!(error = %e, "message catalogue does not parse"),
        }
    }
    catalogue
});

/// Flattens nested tables into dotted keys (`[screen] title` → `screen.title`).
pub fn parse_catalogue(text: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let table: toml::Table = toml::from_str(text)?;
    let mut out = HashMap::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner) => flatten(&full, inner, out),
            toml::Value::String(text) => {
                out.insert(full, text.clone());
            }
            other => {
                out.insert(full, other.to_string());
            }
        }
    }
}

/// The raw catalogue texts (area, language, TOML), for the completeness
/// tests.
pub fn sources() -> impl Iterator<Item = (&'static str, Lang, &'static str)> {
    AREAS.iter().flatten().copied()
}

/// Picks the language of a request.
pub fn negotiate(query_lang: Option<&str>, headers: &HeaderMap) -> Lang {
    query_lang
        .and_then(Lang::parse)
        .or_else(|| cookies::get(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| from_accept_language(headers))
        .unwrap_or(Lang::En)
}

/// The supported language with the highest q-value.
fn from_accept_language(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(f32, usize, Lang)> = None;
    for (position, item) in value.split(',').enumerate() {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(Lang::parse) else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        // Equal q-values: the earlier one wins, as the client listed it first.
        let better = best.is_none_or(|(bq, _, _)| q > bq);
        if q > 0.0 && better {
            best = Some((q, position, lang));
        }
    }
    best.map(|(_, _, lang)| lang)
}

fn query_lang(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v)
}

/// Puts the request's [`Lang`] in its extensions; remembers a language
/// chosen with `?lang=` in a cookie.
pub async fn layer(mut request: Request, next: Next) -> Response {
    let chosen = query_lang(&request).as_deref().and_then(Lang::parse);
    let lang = chosen.unwrap_or_else(|| negotiate(None, request.headers()));
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        let cookie = cookies::set_cookie(LANG_COOKIE, lang.code(), cookies::YEAR, false);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    fn area(name: &str, lang: Lang) -> HashMap<String, String> {
        let (_, _, text) = sources()
            .find(|(a, l, _)| *a == name && *l == lang)
            .expect("area exists");
        parse_catalogue(text).unwrap_or_else(|e| panic!("{name}.{}.toml: {e}", lang.code()))
    }

    fn area_names() -> Vec<&'static str> {
        AREAS.iter().map(|pair| pair[0].0).collect()
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        for name in area_names() {
            let (en, nl) = (area(name, Lang::En), area(name, Lang::Nl));
            let mut only_en: Vec<_> = en.keys().filter(|k| !nl.contains_key(*k)).collect();
            let mut only_nl: Vec<_> = nl.keys().filter(|k| !en.contains_key(*k)).collect();
            only_en.sort();
            only_nl.sort();
            assert!(only_en.is_empty(), "{name}: missing in nl: {only_en:?}");
            assert!(only_nl.is_empty(), "{name}: missing in en: {only_nl:?}");
            for (key, text) in en.iter().chain(&nl) {
                assert!(!text.trim().is_empty(), "{name}: {key} is empty");
            }
        }
    }

    #[test]
    fn areas_do_not_share_keys() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for name in area_names() {
            for key in area(name, Lang::En).into_keys() {
                if let Some(other) = seen.insert(key.clone(), name) {
                    panic!("{key} is in both {other} and {name}");
                }
            }
        }
    }

    #[test]
    fn placeholders_agree_between_languages() {
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        };
        for name in area_names() {
            let (en, nl) = (area(name, Lang::En), area(name, Lang::Nl));
            for (key, text) in &en {
                assert_eq!(holes(text), holes(&nl[key]), "placeholders of {key}");
            }
        }
    }

    #[test]
    fn query_beats_cookie_beats_accept_language() {
        let mut headers = accept("nl-NL,nl;q=0.9,en;q=0.5");
        assert_eq!(negotiate(None, &headers), Lang::Nl);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-meldpunt-lang=en"),
        );
        assert_eq!(negotiate(None, &headers), Lang::En);
        assert_eq!(negotiate(Some("nl"), &headers), Lang::Nl);
        assert_eq!(negotiate(Some("xx"), &headers), Lang::En);
    }

    #[test]
    fn accept_language_by_q_value() {
        assert_eq!(negotiate(None, &accept("de, en;q=0.4, nl;q=0.8")), Lang::Nl);
        assert_eq!(negotiate(None, &accept("fr, de")), Lang::En);
        assert_eq!(negotiate(None, &accept("nl;q=0, en;q=0.1")), Lang::En);
        assert_eq!(negotiate(None, &accept("nl-BE")), Lang::Nl);
        assert_eq!(negotiate(None, &HeaderMap::new()), Lang::En);
    }

    #[test]
    fn placeholders_are_filled() {
        assert!(Lang::En
            .tf("screen.hit_count", &[("count", "3")])
            .contains('3'));
    }
}
