//! Words in organisation names that describe rather than identify. They
//! stay in the token list (a name may consist of nothing else) but carry a
//! low weight, so "Global Trading Group" never matches strongly on its own.

/// Function words and generic business nouns.
const LOW: &[&str] = &[
    "the",
    "and",
    "of",
    "for",
    "in",
    "on",
    "und",
    "et",
    "y",
    "e",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "el",
    "los",
    "las",
    "del",
    "der",
    "die",
    "das",
    "van",
    "von",
    "company",
    "companies",
    "group",
    "grupo",
    "gruppe",
    "groupe",
    "holding",
    "holdings",
    "trading",
    "trade",
    "traders",
    "enterprise",
    "enterprises",
    "services",
    "service",
    "industries",
    "industry",
    "import",
    "export",
    "impex",
    "firm",
    "firma",
    "agency",
    "establishment",
    "est",
    "organisation",
    "organization",
];

/// Words that narrow a name down a little: weak, not worthless.
const WEAK: &[&str] = &[
    "international",
    "intl",
    "global",
    "general",
    "national",
    "worldwide",
    "investment",
    "investments",
    "management",
    "development",
    "partners",
    "associates",
    "solutions",
    "technologies",
    "technology",
    "systems",
    "capital",
    "resources",
    "logistics",
    "shipping",
    "energy",
    "bank",
    "commercial",
    "consulting",
    "marine",
    "maritime",
    "petroleum",
    "oil",
    "gas",
    "finance",
    "financial",
    "center",
    "centre",
    "foundation",
    "association",
    "institute",
    "ministry",
    "state",
    "federal",
    "republic",
    "united",
    // Regions name a market, not a legal seat (countries do; see
    // `country`): "Faberlic Europe" is Faberlic's.
    "europe",
    "european",
    "asia",
    "asian",
    "africa",
    "african",
    "eurasia",
    "pacific",
    "nordic",
    "scandinavia",
    "americas",
    "emea",
    "apac",
    "mena",
];

pub const LOW_WEIGHT: f32 = 0.15;
pub const WEAK_WEIGHT: f32 = 0.4;

/// Abbreviated business words and what they stand for, so that "First
/// Bank Int'l" and "First International Bank" share their words. Legal
/// forms (Corp, Inc, Co) are the legal-form table's business.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("assn", "association"),
    ("assoc", "association"),
    ("bros", "brothers"),
    ("ctr", "center"),
    ("dept", "department"),
    ("dev", "development"),
    ("devt", "development"),
    ("eng", "engineering"),
    ("engg", "engineering"),
    ("fdn", "foundation"),
    ("govt", "government"),
    ("grp", "group"),
    ("hldgs", "holdings"),
    ("inst", "institute"),
    ("intl", "international"),
    ("invt", "investment"),
    ("mfg", "manufacturing"),
    ("mgmt", "management"),
    ("mktg", "marketing"),
    ("natl", "national"),
    ("svcs", "services"),
    ("tech", "technology"),
    ("univ", "university"),
];

/// The word an abbreviated business word stands for, if it is one.
pub fn expand_abbreviation(word: &str) -> Option<&'static str> {
    ABBREVIATIONS
        .binary_search_by(|(short, _)| short.cmp(&word))
        .ok()
        .map(|i| ABBREVIATIONS[i].1)
}

/// The weight of a stopword, or `None` for a word that identifies.
pub fn org_stopword_weight(word: &str) -> Option<f32> {
    if LOW.contains(&word) {
        Some(LOW_WEIGHT)
    } else if WEAK.contains(&word) {
        Some(WEAK_WEIGHT)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(org_stopword_weight("the"), Some(LOW_WEIGHT));
        assert_eq!(org_stopword_weight("international"), Some(WEAK_WEIGHT));
        assert_eq!(org_stopword_weight("romashka"), None);
    }

    #[test]
    fn abbreviations() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(expand_abbreviation("intl"), Some("international"));
        assert_eq!(expand_abbreviation("romashka"), None);
    }
}
