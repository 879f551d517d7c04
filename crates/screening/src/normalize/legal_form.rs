//! Company legal forms and their equivalents across languages and
//! scripts, mapped to a few classes. "OOO Romashka" and "Romashka LLC"
//! share the class; the form itself counts little in matching.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::skeleton::skeleton_ascii;

/// What kind of legal person a legal form denotes, across jurisdictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalFormClass {
    /// Private company with limited liability: LLC, Ltd, GmbH, OOO, B.V.,
    /// Sp. z o.o., d.o.o., s.r.o., Kft, OÜ, TOO, Pte Ltd, Sdn Bhd…
    LimitedLiability,
    /// Company with shares: JSC, AO/ZAO/OAO/PAO, AG, S.A., N.V., S.p.A.,
    /// PLC, A.Ş., AB…
    JointStock,
    /// Inc, Corp, Co.
    Corporation,
    /// LP, LLP, KG, OHG, SNC…
    Partnership,
    /// Individual entrepreneur: IP/ИП, ChP/ЧП, FOP/ФОП, e.K.
    SoleProprietorship,
    /// State or municipal enterprise: GUP, FGUP, MUP, DP.
    StateEnterprise,
    Cooperative,
    /// Non-commercial organisation: ANO, NKO, e.V.
    NonProfit,
    /// UAE and similar free-zone entities: FZE, FZCO, FZ-LLC, DMCC.
    FreeZone,
}

use LegalFormClass::*;

/// Legal forms as folded words. Abbreviations appear as the tokenizer
/// produces them after joining dotted letters (S.p.A. → spa).
const FORMS: &[(&str, LegalFormClass)] = &[
    ("llc", LimitedLiability),
    ("limited liability company", LimitedLiability),
    ("limited liability co", LimitedLiability),
    ("ltd", LimitedLiability),
    ("limited", LimitedLiability),
    ("co ltd", LimitedLiability),
    ("company limited", LimitedLiability),
    ("pte ltd", LimitedLiability),
    ("pte", LimitedLiability),
    ("pvt ltd", LimitedLiability),
    ("private limited", LimitedLiability),
    ("private limited company", LimitedLiability),
    ("sdn bhd", LimitedLiability),
    ("sendirian berhad", LimitedLiability),
    ("gmbh", LimitedLiability),
    ("gesellschaft mit beschrankter haftung", LimitedLiability),
    ("ug", LimitedLiability),
    ("bv", LimitedLiability),
    ("besloten vennootschap", LimitedLiability),
    ("bvba", LimitedLiability),
    ("sprl", LimitedLiability),
    ("srl", LimitedLiability),
    ("sarl", LimitedLiability),
    ("sl", LimitedLiability),
    ("ltda", LimitedLiability),
    ("societate cu raspundere limitata", LimitedLiability),
    ("societatea cu raspundere limitata", LimitedLiability),
    ("societa a responsabilita limitata", LimitedLiability),
    ("societe a responsabilite limitee", LimitedLiability),
    ("sociedad limitada", LimitedLiability),
    ("sociedad de responsabilidad limitada", LimitedLiability),
    ("sociedade limitada", LimitedLiability),
    ("spolecnost s rucenim omezenym", LimitedLiability),
    ("korlatolt felelossegu tarsasag", LimitedLiability),
    ("anpartsselskab", LimitedLiability),
    ("osakeyhtio", LimitedLiability),
    ("limited sirketi", LimitedLiability),
    ("yugen kaisha", LimitedLiability),
    ("godo kaisha", LimitedLiability),
    ("youxian gongsi", LimitedLiability),
    ("youxian zeren gongsi", LimitedLiability),
    ("limitada", LimitedLiability),
    ("ooo", LimitedLiability),
    (
        "obshchestvo s ogranichennoy otvetstvennostyu",
        LimitedLiability,
    ),
    ("tov", LimitedLiability),
    (
        "tovarystvo z obmezhenoyu vidpovidalnistyu",
        LimitedLiability,
    ),
    ("too", LimitedLiability),
    ("mchj", LimitedLiability),
    ("sp z oo", LimitedLiability),
    ("spolka z ograniczona odpowiedzialnoscia", LimitedLiability),
    ("doo", LimitedLiability),
    ("dooel", LimitedLiability),
    ("sro", LimitedLiability),
    ("spol s ro", LimitedLiability),
    ("kft", LimitedLiability),
    ("ou", LimitedLiability),
    ("oy", LimitedLiability),
    ("aps", LimitedLiability),
    ("pt", LimitedLiability),
    ("yk", LimitedLiability),
    ("eood", LimitedLiability),
    ("ood", LimitedLiability),
    ("ao", JointStock),
    ("zao", JointStock),
    ("oao", JointStock),
    ("pao", JointStock),
    ("nao", JointStock),
    ("jsc", JointStock),
    ("ojsc", JointStock),
    ("cjsc", JointStock),
    ("pjsc", JointStock),
    ("jsco", JointStock),
    ("joint stock company", JointStock),
    ("public joint stock company", JointStock),
    ("closed joint stock company", JointStock),
    ("open joint stock company", JointStock),
    ("aktsionernoye obshchestvo", JointStock),
    ("publichnoye aktsionernoye obshchestvo", JointStock),
    ("zakrytoye aktsionernoye obshchestvo", JointStock),
    ("otkrytoye aktsionernoye obshchestvo", JointStock),
    ("at", JointStock),
    ("pat", JointStock),
    ("prat", JointStock),
    ("vat", JointStock),
    ("zat", JointStock),
    ("ag", JointStock),
    ("aktiengesellschaft", JointStock),
    ("sa", JointStock),
    ("societe anonyme", JointStock),
    ("sociedad anonima", JointStock),
    ("sociedade anonima", JointStock),
    ("societate pe actiuni", JointStock),
    ("societe par actions simplifiee", JointStock),
    ("spolka akcyjna", JointStock),
    ("akciova spolecnost", JointStock),
    ("aktiebolag", JointStock),
    ("aktieselskab", JointStock),
    ("aksjeselskap", JointStock),
    ("anonim sirketi", JointStock),
    ("gufen youxian gongsi", JointStock),
    ("sas", JointStock),
    ("sasu", JointStock),
    ("nv", JointStock),
    ("naamloze vennootschap", JointStock),
    ("spa", JointStock),
    ("societa per azioni", JointStock),
    ("plc", JointStock),
    ("public limited company", JointStock),
    ("as", JointStock),
    ("asa", JointStock),
    ("ab", JointStock),
    ("oyj", JointStock),
    ("bhd", JointStock),
    ("berhad", JointStock),
    ("tbk", JointStock),
    ("kk", JointStock),
    ("kabushiki kaisha", JointStock),
    ("psc", JointStock),
    ("ad", JointStock),
    ("ead", JointStock),
    ("dd", JointStock),
    ("se", JointStock),
    ("inc", Corporation),
    ("incorporated", Corporation),
    ("corp", Corporation),
    ("corporation", Corporation),
    ("co", Corporation),
    ("company", Corporation),
    ("cie", Corporation),
    ("lp", Partnership),
    ("llp", Partnership),
    ("lllp", Partnership),
    ("kg", Partnership),
    ("kommanditgesellschaft", Partnership),
    ("offene handelsgesellschaft", Partnership),
    ("ohg", Partnership),
    ("gbr", Partnership),
    ("snc", Partnership),
    ("vof", Partnership),
    ("limited partnership", Partnership),
    ("limited liability partnership", Partnership),
    ("gmbh and co kg", Partnership),
    ("gmbh co kg", Partnership),
    ("ip", SoleProprietorship),
    ("chp", SoleProprietorship),
    ("fop", SoleProprietorship),
    ("spd", SoleProprietorship),
    ("ek", SoleProprietorship),
    ("individualnyy predprinimatel", SoleProprietorship),
    ("chastnoye predpriyatiye", SoleProprietorship),
    ("sole proprietorship", SoleProprietorship),
    ("gup", StateEnterprise),
    ("fgup", StateEnterprise),
    ("mup", StateEnterprise),
    ("dp", StateEnterprise),
    ("state unitary enterprise", StateEnterprise),
    ("federal state unitary enterprise", StateEnterprise),
    ("gosudarstvennoye unitarnoye predpriyatiye", StateEnterprise),
    ("state owned enterprise", StateEnterprise),
    ("coop", Cooperative),
    ("cooperative", Cooperative),
    ("eg", Cooperative),
    ("ano", NonProfit),
    ("nko", NonProfit),
    ("ev", NonProfit),
    ("ggmbh", NonProfit),
    ("fze", FreeZone),
    ("fzco", FreeZone),
    ("fzc", FreeZone),
    ("fz llc", FreeZone),
    ("fzllc", FreeZone),
    ("llc fz", FreeZone),
    ("dmcc", FreeZone),
];

/// Words shorter than this must match a form exactly; longer ones may
/// match on the skeleton, so every romanisation of "obshchestvo" counts.
const SKELETON_MIN_LEN: usize = 6;
const LONGEST_FORM: usize = 5;

struct Form {
    words: Vec<(&'static str, String)>,
    class: LegalFormClass,
}

/// The forms, and which of them may start at a word: by its text, and by
/// its skeleton where a form's first word is long enough to match on it.
struct Forms {
    forms: Vec<Form>,
    by_text: HashMap<&'static str, Vec<usize>>,
    by_skeleton: HashMap<String, Vec<usize>>,
}

fn forms() -> &'static Forms {
    static FORMS_CELL: OnceLock<Forms> = OnceLock::new();
    FORMS_CELL.get_or_init(|| {
        let forms: Vec<Form> = FORMS
            .iter()
            .map(|(text, class)| Form {
                words: text.split(' ').map(|w| (w, skeleton_ascii(w))).collect(),
                class: *class,
            })
            .collect();
        let mut by_text: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_skeleton: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, form) in forms.iter().enumerate() {
            let Some((text, skeleton)) = form.words.first() else {
                continue;
            };
            by_text.entry(text).or_default().push(i);
            if text.len() >= SKELETON_MIN_LEN {
                by_skeleton.entry(skeleton.clone()).or_default().push(i);
            }
        }
        Forms {
            forms,
            by_text,
            by_skeleton,
        }
    })
}

/// A name's words with their skeletons, computed once per name.
struct Words<'a> {
    texts: &'a [String],
    skeletons: Vec<String>,
}

impl<'a> Words<'a> {
    fn new(texts: &'a [String]) -> Words<'a> {
        let skeletons = texts.iter().map(|t| skeleton_ascii(t)).collect();
        Words { texts, skeletons }
    }

    fn range(&self, from: usize, to: usize) -> (&[String], &[String]) {
        (&self.texts[from..to], &self.skeletons[from..to])
    }
}

fn word_matches(form_word: &(&str, String), token: &str, skeleton: &str) -> bool {
    form_word.0 == token || (form_word.0.len() >= SKELETON_MIN_LEN && form_word.1 == skeleton)
}

/// The longest form at the start of `tokens` (the first in the table
/// among equally long ones).
fn match_at(tokens: &[String], skeletons: &[String]) -> Option<(usize, LegalFormClass)> {
    let index = forms();
    let (first, first_skeleton) = (tokens.first()?, skeletons.first()?);
    let mut candidates: Vec<usize> = index
        .by_text
        .get(first.as_str())
        .into_iter()
        .chain(index.by_skeleton.get(first_skeleton))
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .map(|i| &index.forms[i])
        .filter(|f| f.words.len() <= tokens.len())
        .filter(|f| {
            f.words
                .iter()
                .zip(tokens.iter().zip(skeletons))
                .all(|(w, (t, s))| word_matches(w, t, s))
        })
        .map(|f| (f.words.len(), f.class))
        .max_by_key(|(len, _)| *len)
}

fn match_suffix(words: &Words, end: usize) -> Option<(usize, LegalFormClass)> {
    (1..=LONGEST_FORM.min(end)).rev().find_map(|len| {
        let (tail, skeletons) = words.range(end - len, end);
        match_at(tail, skeletons).filter(|(l, _)| *l == len)
    })
}

/// Words of the legal form ending a name ("Nicolás Maduro LLC": 1), or 0.
pub fn trailing_len(tokens: &[String]) -> usize {
    match_suffix(&Words::new(tokens), tokens.len()).map_or(0, |(len, _)| len)
}

/// Marks legal forms at the start and end of an organisation's name.
/// Returns, per token, whether it belongs to a legal form, and the class
/// of the form nearest the end (where most names carry it).
pub fn find(tokens: &[String]) -> (Vec<bool>, Option<LegalFormClass>) {
    let words = Words::new(tokens);
    let mut marked = vec![false; tokens.len()];
    let mut class = None;
    let mut end = tokens.len();
    while end > 0 {
        let Some((len, found)) = match_suffix(&words, end) else {
            break;
        };
        marked[end - len..end].iter_mut().for_each(|m| *m = true);
        class.get_or_insert(found);
        end -= len;
    }
    let mut start = 0;
    while start < end {
        let (texts, skeletons) = words.range(start, end);
        let Some((len, found)) = match_at(texts, skeletons) else {
            break;
        };
        // A word joined to the next by "and" is part of the name
        // (AT & T), not a legal form before it.
        if tokens.get(start + len).is_some_and(|t| t == "and") {
            break;
        }
        marked[start..start + len]
            .iter_mut()
            .for_each(|m| *m = true);
        class.get_or_insert(found);
        start += len;
    }
    (marked, class)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &str) -> (Vec<bool>, Option<LegalFormClass>) {
        let tokens: Vec<String> = words.split(' ').map(String::from).collect();
        find(&tokens)
    }

    #[test]
    fn prefix_and_suffix_forms() {
        assert_eq!(
            run("ooo romashka"),
            (vec![true, false], Some(LimitedLiability))
        );
        assert_eq!(
            run("romashka llc"),
            (vec![false, true], Some(LimitedLiability))
        );
        assert_eq!(run("gazprom neft pao").1, Some(JointStock));
        assert_eq!(run("acme sp z oo").0, [false, true, true, true]);
        assert_eq!(run("acme gmbh and co kg").1, Some(Partnership));
        assert_eq!(run("emirates star fz llc").1, Some(FreeZone));
    }

    #[test]
    fn spelled_out_forms_match_on_skeleton() {
        let (marked, class) = run("obshchestvo s ogranichennoi otvetstvennostiu romashka");
        assert_eq!(marked, [true, true, true, true, false]);
        assert_eq!(class, Some(LimitedLiability));
    }

    #[test]
    fn only_a_form_is_all_form() {
        assert_eq!(run("corp"), (vec![true], Some(Corporation)));
        assert_eq!(run("romashka").1, None);
        assert_eq!(run("bank as trading").0, [false, false, false]);
    }

    #[test]
    fn a_form_joined_by_and_is_a_name_word() {
        assert_eq!(run("at and t inc").0, [false, false, false, true]);
        assert_eq!(run("att inc"), (vec![false, true], Some(Corporation)));
        assert_eq!(run("at romashka").0, [true, false]);
    }
}
