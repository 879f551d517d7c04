//! Name elements many names share: patronymic endings (-ovich, -dottir,
//! -oglu), the Arabic servant-of prefix (Abdul-, Abdur-) and theophoric
//! endings (-ullah, -uddin). Two words sharing one agree on it whatever
//! their bearers, so their likeness is that of what is left: Magomedovich
//! and Salimovich are the sons of Magomed and Salim, not one patronymic
//! misspelt.

/// Shared endings, longest first where one ends another.
const SUFFIXES: &[&str] = &[
    "ovich", "evich", "ovna", "evna", "ichna", "dottir", "sson", "oglu", "ogly", "zadeh", "zade",
    "ullah", "uddin", "eddine", "eddin", "shvili", "adze", "idze",
];

/// Shared beginnings, each with its other spellings, longest first.
const PREFIXES: &[&[&str]] = &[
    &["abdul", "abdel", "abdal", "abdol"],
    &["abdur", "abdor", "abdar"],
    &["abd"],
    &["abou", "abu"],
];

/// What is left of two different words once an element both carry is
/// taken off, when something is left of each and neither rest holds the
/// other (Abdul-Saifullah is Saifullah with a further element, not
/// another name).
pub(crate) fn stems<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let keep = |x: &'a str, y: &'a str| {
        let nested = x.starts_with(y) || x.ends_with(y) || y.starts_with(x) || y.ends_with(x);
        (x.len() >= 2 && y.len() >= 2 && !nested).then_some((x, y))
    };
    let by_suffix = SUFFIXES.iter().find_map(|s| {
        let (x, y) = (a.strip_suffix(s)?, b.strip_suffix(s)?);
        keep(x, y)
    });
    let strip = |w: &'a str, spellings: &[&str]| spellings.iter().find_map(|p| w.strip_prefix(p));
    by_suffix.or_else(|| {
        PREFIXES.iter().find_map(|spellings| {
            let (x, y) = (strip(a, spellings)?, strip(b, spellings)?);
            keep(x, y)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::stems;

    #[test]
    fn shared_elements_come_off() {
        assert_eq!(
            stems("magomedovich", "salimovich"),
            Some(("magomed", "salim"))
        );
        assert_eq!(stems("jonsdottir", "tomasdottir"), Some(("jons", "tomas")));
        assert_eq!(stems("abdulhasib", "abdulahmad"), Some(("hasib", "ahmad")));
        assert_eq!(stems("hamidullah", "waliullah"), Some(("hamid", "wali")));
        assert_eq!(stems("ivanov", "ivanova"), None);
        assert_eq!(stems("abdullah", "abdallah"), Some(("ullah", "allah")));
        assert_eq!(stems("abdulsaifullah", "saifullah"), None);
        assert_eq!(
            stems("abuelhassan", "abouelyazid"),
            Some(("elhassan", "elyazid"))
        );
    }
}
