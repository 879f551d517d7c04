//! Romanisation of non-Latin scripts. Text is cut into runs of one script;
//! each run yields its renderings under the conventions its table knows,
//! and the runs are recombined position-wise (first with first, second
//! with second…) so a name yields a handful of variants, never a product.

mod arabic;
mod armenian;
mod cyrillic;
mod georgian;
mod greek;
mod han;
mod hangul;
mod hebrew;
mod kana;

use cyrillic::CyrillicLang;
use unicode_normalization::char::is_combining_mark;

/// Most renderings a name may carry, so downstream cost stays bounded.
pub const MAX_VARIANTS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Georgian,
    Armenian,
    Han,
    Hangul,
    Kana,
    /// Letters of scripts without a table of ours (Thai, Devanagari…).
    Other,
}

fn script_of(c: char) -> Option<Script> {
    let script = match c as u32 {
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
        0xAC00..=0xD7A3 => Script::Hangul,
        _ if kana::is_kana(c) => Script::Kana,
        _ if c.is_ascii() => return None,
        _ if is_latin(c) => return None,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    // Punctuation inside script blocks (Arabic comma, Hebrew maqaf, Greek
    // question mark…) separates words like any other punctuation.
    if !c.is_alphanumeric() && !is_combining_mark(c) && !matches!(script, Script::Arabic) {
        return None;
    }
    if matches!(c, '،' | '؛' | '؟' | '٪' | '۔' | '\u{05BE}') {
        return None;
    }
    Some(script)
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF)
        || matches!(c as u32, 0x0250..=0x02AF)
}

/// What romanisation produced for a whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Romanized {
    /// Renderings, primary first; still to be Latin-folded.
    pub variants: Vec<String>,
    /// The text was written in a script whose names put the family name
    /// first (Chinese, Korean, Japanese).
    pub family_first: bool,
}

struct Run {
    script: Option<Script>,
    text: String,
}

fn runs(text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for c in text.chars() {
        let script = match script_of(c) {
            // A combining mark belongs to the run it follows.
            // Combining marks and zero-width joiners (Persian writes ZWNJ
            // inside words) belong to the run they follow.
            None if is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{200D}') => {
                runs.last().and_then(|r| r.script)
            }
            other => other,
        };
        match runs.last_mut() {
            Some(run) if run.script == script => run.text.push(c),
            _ => runs.push(Run {
                script,
                text: c.to_string(),
            }),
        }
    }
    runs
}

/// Romanises `text`, which must already be NFKC-lowercased.
pub fn romanize(text: &str) -> Romanized {
    let lang = CyrillicLang::detect(text);
    let runs = runs(text);
    let family_first = runs
        .iter()
        .any(|r| matches!(r.script, Some(Script::Han | Script::Hangul | Script::Kana)));
    let rendered: Vec<Vec<String>> = runs
        .iter()
        .map(|run| match run.script {
            None => vec![run.text.clone()],
            Some(script) => romanize_run(&run.text, script, lang),
        })
        .collect();
    let count = rendered.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut variants: Vec<String> = Vec::with_capacity(count);
    for k in 0..count {
        let joined: String = rendered
            .iter()
            .map(|options| options.get(k).or(options.last()).map_or("", String::as_str))
            .collect();
        if !variants.contains(&joined) {
            variants.push(joined);
        }
    }
    variants.truncate(MAX_VARIANTS);
    Romanized {
        variants,
        family_first,
    }
}

fn romanize_run(text: &str, script: Script, lang: CyrillicLang) -> Vec<String> {
    match script {
        Script::Cyrillic => cyrillic::romanize(text, lang),
        Script::Greek => greek::romanize(text),
        Script::Arabic => arabic::romanize(text),
        Script::Hebrew => hebrew::romanize(text),
        Script::Georgian => georgian::romanize(text),
        Script::Armenian => armenian::romanize(text),
        // Separate from neighbouring runs: a Han or Hangul run is a word.
        Script::Han => pad(han::romanize(text)),
        Script::Hangul => pad(hangul::romanize(text)),
        Script::Kana => kana::romanize(text),
        Script::Other => vec![any_ascii::any_ascii(text).to_ascii_lowercase()],
    }
}

fn pad(variants: Vec<String>) -> Vec<String> {
    variants.into_iter().map(|v| format!(" {v} ")).collect()
}

#[cfg(test)]
mod tests {
    use super::romanize;

    fn primary(text: &str) -> String {
        romanize(text).variants[0].trim().to_string()
    }

    #[test]
    fn russian_conventions() {
        let r = romanize("юрий");
        assert_eq!(r.variants, ["yuriy", "iurii", "jurij", "yury"]);
        assert_eq!(romanize("сергей").variants, ["sergey", "sergei", "sergej"]);
        assert_eq!(primary("хрущёв"), "khrushchev");
        assert!(romanize("хрущёв")
            .variants
            .contains(&"khrushchyov".to_string()));
        assert_eq!(primary("евгений"), "yevgeniy");
    }

    #[test]
    fn other_cyrillic_languages() {
        assert_eq!(primary("олександр"), "oleksandr");
        assert_eq!(
            romanize("віталій").variants,
            ["vitalii", "vitaliy", "vitalij"]
        );
        assert_eq!(primary("лукашэнка"), "lukashenka");
        assert_eq!(primary("ђоковић"), "đoković");
        assert_eq!(primary("търговски"), "targovski");
    }

    #[test]
    fn scripts_are_dispatched() {
        assert_eq!(primary("ΑΘΗΝΑ".to_lowercase().as_str()), "athina");
        assert_eq!(primary("مُحَمَّد"), "muhammad");
        assert!(primary("राम").bytes().all(|b| b.is_ascii_lowercase()));
        assert!(romanize("金正恩").family_first);
        assert_eq!(primary("abc 1"), "abc 1");
    }
}
