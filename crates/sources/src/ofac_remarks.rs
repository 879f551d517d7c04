//! The OFAC remarks language, shared by the CSV and XML readers. The legacy
//! CSV packs most of an entry (birth dates, identity documents, weak aliases,
//! vessel details…) into one `;`-separated remarks field; the XML carries the
//! same statements as `idType`/`idNumber` pairs. Both are parsed here into
//! [`Fact`]s so that the two formats yield the same entities.

use meldpunt_model::{
    country_code, CountryRole, DateSpec, Gender, IdKind, Identifier, Name, NameKind, NameParts,
    Schema,
};

/// One statement read from the remarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fact {
    BirthDate(DateSpec),
    BirthPlace(String),
    Country(CountryRole, String),
    Gender(Gender),
    Name(Name),
    Identifier(Identifier),
    Property(&'static str, String),
    /// Sanction-specific wording (directives, secondary sanctions risk…).
    Provision(String),
    /// A fragment no rule understood; kept verbatim as a note.
    Unparsed(String),
}

/// What parsing one remarks text gives: facts and readable oddities.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub facts: Vec<Fact>,
    pub warnings: Vec<String>,
}

/// Splits remarks on `;`, except inside parentheses or a quoted name such as
/// `a.k.a. 'X; Y'`. An apostrophe only opens a quote after a space or `(`,
/// so "Venezuela's" does not. When quotes or parentheses never close, the
/// plain split is safer than one giant fragment.
pub(crate) fn split_remarks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    let (mut depth, mut quoted) = (0usize, false);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        match c {
            '\'' if !quoted && before.is_none_or(|b| b.is_whitespace() || b == '(') => {
                quoted = true
            }
            '\'' if quoted && after.is_none_or(|a| !a.is_alphanumeric()) => quoted = false,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ';' if !quoted && depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    if quoted || depth > 0 {
        parts = text.split(';').map(str::to_string).collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Parses a whole remarks field. The field ends with a full stop that
/// belongs to no fragment.
pub(crate) fn parse_remarks(text: &str, schema: Schema) -> Parsed {
    let body = text.trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    let mut parsed = Parsed::default();
    for fragment in split_remarks(body) {
        parse_fragment(&fragment, schema, &mut parsed);
    }
    parsed
}

const PROVISION_PREFIXES: [&str; 16] = [
    "Additional Sanctions Information -",
    "Secondary sanctions risk:",
    "Transactions Prohibited For Persons Owned or Controlled By",
    "Executive Order",
    "CAATSA Section",
    "IFCA Determination -",
    "PEESA Information:",
    "Listing Date (",
    "Effective Date (",
    "Purchase/Sales For Divestment Date",
    "Sanctions Information",
    // Scope of the designation rather than an address.
    "all offices worldwide",
    "All Offices Worldwide",
    "All offices worldwide",
    "All Branches Worldwide",
    "and all other offices worldwide",
];

/// Labelled statements that become plain FtM properties.
const PROPERTY_LABELS: [(&str, &str); 25] = [
    ("Linked To:", "linkedTo"),
    ("Website", "website"),
    ("Email Address", "email"),
    ("Email", "email"),
    ("Phone Number", "phone"),
    ("Telephone", "phone"),
    ("Phone", "phone"),
    ("ethnicity", "ethnicity"),
    ("Fax", "phone"),
    ("Organization Type:", "sector"),
    ("Target Type", "legalForm"),
    ("Equity Ticker", "ticker"),
    ("ISIN", "isinCode"),
    ("Issuer Name", "issuer"),
    ("Aircraft Model", "model"),
    ("Aircraft Manufacture Date", "buildDate"),
    ("Aircraft Operator", "operator"),
    ("Aircraft Mode S Transponder Code", "modeSCode"),
    ("Vessel Year of Build", "buildDate"),
    ("Other Vessel Type", "type"),
    ("Former Vessel Flag", "pastFlags"),
    ("Other Vessel Flag", "flag"),
    ("Vessel Type", "type"),
    ("Vessel Flag", "flag"),
    ("For more information", "sourceUrl"),
];

/// Words that open a person's function ("Minister of…", "Head of…"); such
/// fragments repeat or extend the Title column.
const POSITION_WORDS: [&str; 38] = [
    "President",
    "Vice",
    "Vice-President",
    "Vice-Chairperson",
    "Minister",
    "Deputy",
    "Director",
    "Chairman",
    "Chairperson",
    "Head",
    "Chief",
    "Commander",
    "Member",
    "Former",
    "Secretary",
    "Governor",
    "Managing",
    "General",
    "Major",
    "Brigadier",
    "Colonel",
    "Lieutenant",
    "Ambassador",
    "Advisor",
    "Adviser",
    "Magistrate",
    "Judge",
    "Leader",
    "Founder",
    "Official",
    "First",
    "Second",
    "Prime",
    "Union",
    "State",
    "Aide",
    "Rector",
    "Supervisory",
];

/// Ranks and roles that end a function ("… Research Center Brigadier General").
const POSITION_ENDINGS: [&str; 10] = [
    "Employee",
    "representative",
    "Representative",
    "official",
    "Official",
    "General",
    "Colonel",
    "Officer",
    "Director",
    "Commander",
];

/// Honorifics OFAC prints as a remark of their own.
const HONORIFICS: [&str; 12] = [
    "Haji",
    "Hajji",
    "Doctor",
    "Dr.",
    "Maulawi",
    "Maulana",
    "Mullah",
    "Hojjatoleslam",
    "Sheikh",
    "Shaykh",
    "Ustad",
    "Lt. Col",
];

fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let rest = text.get(..label.len())?;
    if !rest.eq_ignore_ascii_case(label) {
        return None;
    }
    let rest = &text[label.len()..];
    // A label must end at a word boundary: "SSN" is not "SSNX 1".
    if label.ends_with(|c: char| c.is_alphanumeric())
        && rest.starts_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    Some(rest.trim_start_matches([' ', ':', '-']).trim())
}

fn parse_fragment(fragment: &str, schema: Schema, parsed: &mut Parsed) {
    let text = fragment.trim();
    let text = text.strip_prefix("alt.").map(str::trim).unwrap_or(text);
    if let Some(fact) = known_fact(text, schema, &mut parsed.warnings) {
        parsed.facts.push(fact);
    } else if let Some(identifier) = identifier_fragment(text, &mut parsed.warnings) {
        parsed.facts.push(Fact::Identifier(identifier));
    } else if schema == Schema::Person && HONORIFICS.contains(&text) {
        parsed.facts.push(Fact::Property("title", text.to_string()));
    } else if schema == Schema::Person && is_position(text) {
        parsed
            .facts
            .push(Fact::Property("position", text.to_string()));
    } else {
        parsed
            .facts
            .push(Fact::Unparsed(fragment.trim().to_string()));
    }
}

fn is_position(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    let last = text.split_whitespace().last().unwrap_or_default();
    POSITION_WORDS.contains(&first.trim_end_matches([',', '.']))
        || POSITION_ENDINGS.contains(&last.trim_end_matches('.'))
}

/// Statements with a fixed label other than identity documents.
fn known_fact(text: &str, schema: Schema, warnings: &mut Vec<String>) -> Option<Fact> {
    for (label, kind) in [
        ("a.k.a.", NameKind::WeakAlias),
        ("f.k.a.", NameKind::Previous),
        ("n.k.a.", NameKind::Alias),
    ] {
        if let Some(rest) = strip_label(text, label) {
            let value = unquote(rest);
            return Some(Fact::Name(listed_name(value, kind, schema)));
        }
    }
    if let Some(rest) = strip_label(text, "DOB") {
        return Some(date_fact(rest, warnings));
    }
    if let Some(rest) = strip_label(text, "Organization Established Date") {
        return Some(date_fact(rest, warnings));
    }
    if let Some(rest) = strip_label(text, "POB") {
        return Some(Fact::BirthPlace(rest.to_string()));
    }
    if let Some(rest) = strip_label(text, "Nationality of Registration") {
        return Some(Fact::Country(CountryRole::Jurisdiction, rest.to_string()));
    }
    // Case matters: "nationality Iran" is a claim, "Nationality …" would be
    // wording of another statement.
    if let Some(rest) = text.strip_prefix("nationality ") {
        return Some(Fact::Country(CountryRole::Nationality, rest.trim().into()));
    }
    if let Some(rest) = text.strip_prefix("citizen ") {
        return Some(Fact::Country(CountryRole::Citizenship, rest.trim().into()));
    }
    if let Some(rest) = strip_label(text, "Gender") {
        return match Gender::parse(rest) {
            Some(gender) => Some(Fact::Gender(gender)),
            None => {
                warnings.push(format!("unknown gender '{rest}'"));
                None
            }
        };
    }
    if let Some(rest) = strip_label(text, "Digital Currency Address") {
        let (currency, address) = rest.split_once(' ').unwrap_or(("", rest));
        let mut identifier = Identifier::new(IdKind::CryptoAddress, address);
        identifier.note = Some(currency.to_string()).filter(|c| !c.is_empty());
        return Some(Fact::Identifier(identifier));
    }
    for (label, property) in PROPERTY_LABELS {
        if let Some(rest) = strip_label(text, label) {
            return Some(property_fact(property, rest));
        }
    }
    PROVISION_PREFIXES
        .iter()
        .any(|p| text.starts_with(p))
        .then(|| Fact::Provision(text.to_string()))
}

fn property_fact(property: &'static str, value: &str) -> Fact {
    match property {
        "flag" => Fact::Country(CountryRole::Flag, value.to_string()),
        "sourceUrl" => {
            let url = value
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .unwrap_or(value)
                .trim_end_matches('.');
            Fact::Property(property, url.to_string())
        }
        _ => Fact::Property(property, value.to_string()),
    }
}

fn date_fact(text: &str, warnings: &mut Vec<String>) -> Fact {
    // "circa 1979-1982": an approximate range reads as the range.
    let approximate = text.strip_prefix("circa ").map(DateSpec::parse);
    match DateSpec::parse(text).or_else(|e| approximate.unwrap_or(Err(e))) {
        Ok(date) => Fact::BirthDate(date),
        Err(_) => {
            warnings.push(format!("unreadable date '{text}'"));
            Fact::Unparsed(format!("DOB {text}"))
        }
    }
}

fn unquote(text: &str) -> &str {
    let text = text.trim();
    let text = text.strip_prefix('\'').unwrap_or(text);
    text.strip_suffix('\'').unwrap_or(text).trim()
}

/// A name as OFAC prints it; for people "LAST, First Middle" also gives
/// the family name as a part, which screening weighs.
pub(crate) fn listed_name(value: &str, kind: NameKind, schema: Schema) -> Name {
    let name = Name::new(value, kind);
    if schema != Schema::Person {
        return name;
    }
    match value.split_once(',') {
        Some((last, first)) if !last.trim().is_empty() && !first.trim().is_empty() => {
            let parts = NameParts {
                last: Some(last.trim().to_string()),
                first: Some(first.trim().to_string()),
                ..NameParts::default()
            };
            name.with_parts(parts)
        }
        _ => name,
    }
}

/// OFAC identity-document labels and the kind each maps to. Longer labels
/// come before the shorter labels they start with.
const ID_LABELS: [(&str, IdKind); 63] = [
    ("Diplomatic Passport", IdKind::Passport),
    ("British National Overseas Passport", IdKind::Passport),
    ("Stateless Person Passport", IdKind::Passport),
    ("Passport", IdKind::Passport),
    ("National ID No.", IdKind::NationalId),
    ("National Foreign ID Number", IdKind::NationalId),
    ("Personal ID Card", IdKind::NationalId),
    ("Cedula No.", IdKind::NationalId),
    ("D.N.I.", IdKind::NationalId),
    ("Identification Number", IdKind::NationalId),
    ("Numero de Identidad", IdKind::NationalId),
    ("Turkish Identification Number", IdKind::NationalId),
    ("Citizen's Card Number", IdKind::NationalId),
    ("Kenyan ID No.", IdKind::NationalId),
    ("Tazkira National ID Card", IdKind::NationalId),
    ("Bosnian Personal ID No.", IdKind::NationalId),
    ("Moroccan Personal ID No.", IdKind::NationalId),
    ("C.U.R.P.", IdKind::NationalId),
    ("UAE Identification", IdKind::NationalId),
    ("SSN", IdKind::NationalId),
    ("Tax ID No.", IdKind::TaxId),
    ("NIT #", IdKind::TaxId),
    ("R.F.C.", IdKind::TaxId),
    ("RFC", IdKind::TaxId),
    ("RUC #", IdKind::TaxId),
    ("RIF #", IdKind::TaxId),
    ("C.U.I.T.", IdKind::TaxId),
    ("C.U.I.", IdKind::TaxId),
    ("Italian Fiscal Code", IdKind::TaxId),
    ("Fiscal Code", IdKind::TaxId),
    ("US FEIN", IdKind::TaxId),
    ("C.I.F.", IdKind::TaxId),
    ("N.I.F.", IdKind::TaxId),
    ("RTN", IdKind::TaxId),
    ("Romanian Tax Registration", IdKind::TaxId),
    ("V.A.T. Number", IdKind::Vat),
    (
        "Russian State Individual Business Registration Number Pattern (OGRNIP)",
        IdKind::Ogrn,
    ),
    ("Registration Number", IdKind::Registration),
    ("Registration ID", IdKind::Registration),
    ("Business Registration Number", IdKind::Registration),
    ("Business Registration Document #", IdKind::Registration),
    ("UK Company Number", IdKind::Registration),
    ("Company Number", IdKind::Registration),
    ("Commercial Registry Number", IdKind::Registration),
    ("Folio Mercantil No.", IdKind::Registration),
    ("Matricula Mercantil No", IdKind::Registration),
    ("C.R. No.", IdKind::Registration),
    ("Chamber of Commerce Number", IdKind::Registration),
    ("Certificate of Incorporation Number", IdKind::Registration),
    ("Government Gazette Number", IdKind::Registration),
    ("Public Registration Number", IdKind::Registration),
    ("Unified Social Credit Code (USCC)", IdKind::Registration),
    ("Legal Entity Number", IdKind::Registration),
    (
        "United Social Credit Code Certificate (USCCC)",
        IdKind::Registration,
    ),
    ("LEI", IdKind::Lei),
    ("D-U-N-S Number", IdKind::Duns),
    ("SWIFT/BIC", IdKind::Bic),
    ("Vessel Registration Identification", IdKind::Imo),
    ("IMO", IdKind::Imo),
    ("MMSI", IdKind::Mmsi),
    ("Other Vessel Call Sign", IdKind::CallSign),
    (
        "Previous Aircraft Tail Number",
        IdKind::AircraftRegistration,
    ),
    ("Aircraft Tail Number", IdKind::AircraftRegistration),
];

/// Other labels OFAC uses for identity documents (see
/// `ofac_id_types.csv`); their values are kept as [`IdKind::Other`].
const OTHER_ID_LABELS: [&str; 41] = [
    "Aircraft Serial Identification",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Electoral Registry No.",
    "Credencial electoral",
    "I.F.E.",
    "Cartilla de Servicio Militar Nacional",
    "Driver's License No.",
    "Trade License No.",
    "Tourism License No.",
    "License",
    "Permit Number",
    "Residency Number",
    "Travel Document Number",
    "Refugee ID Card",
    "Stateless Person ID Card",
    "Seafarer's Identification Document",
    "Immigration No.",
    "Public Security and Immigration No.",
    "SRE Permit No.",
    "VisaNumberID",
    "File Number",
    "Birth Certificate Number",
    "Chinese Commercial Code",
    "BIK (RU)",
    "Enterprise Number",
    "Business Number",
    "Branch Unit Number",
    "Central Registration System Number",
    "Economic Register Number (CBLS)",
    "Registered Charity No.",
    "LE Number",
    "Istanbul Chamber of Comm. No.",
    "Dubai Chamber of Commerce Membership No.",
    "Registration Certificate Number (Dubai)",
    "MSB Registration Number",
    "Pilot License Number",
    "Military Registration Number",
    "Romanian C.R.",
    "Romanian Permanent Resident",
    "Numero Unico de Identificacao Tributaria (NUIT)",
];

/// The identifier kind for an OFAC id label, refined by the value where the
/// label is ambiguous (OFAC "Legal Entity Number" is sometimes an LEI, and
/// Russian registration and tax numbers are OGRN and INN).
pub(crate) fn id_kind(label: &str, value: &str, country: Option<&str>) -> IdKind {
    let kind = ID_LABELS
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(label.trim()))
        .map(|(_, kind)| *kind)
        .unwrap_or(IdKind::Other);
    let digits: String = value.chars().filter(|c| c.is_alphanumeric()).collect();
    let valid = |kind: IdKind| Identifier::new(kind, value).validate().is_ok();
    let russian = country == Some("ru");
    match kind {
        IdKind::Registration if valid(IdKind::Lei) => IdKind::Lei,
        IdKind::Registration if russian && valid(IdKind::Ogrn) => IdKind::Ogrn,
        IdKind::TaxId if russian && valid(IdKind::Inn) => IdKind::Inn,
        IdKind::Imo if label.starts_with("Vessel") && !digits.to_uppercase().starts_with("IMO") => {
            IdKind::Registration
        }
        other => other,
    }
}

/// Whether the label says more than its kind does, so it is worth keeping
/// as the identifier's note ("Cedula No." says more than "national id").
fn label_is_informative(label: &str, kind: IdKind) -> bool {
    !matches!(
        (kind, label),
        (IdKind::Passport, "Passport")
            | (IdKind::Lei, "LEI")
            | (IdKind::Bic, "SWIFT/BIC")
            | (IdKind::Imo, _)
            | (IdKind::Mmsi, "MMSI")
            | (IdKind::Duns, _)
            | (IdKind::Vat, _)
    )
}

fn identifier_fragment(text: &str, warnings: &mut Vec<String>) -> Option<Identifier> {
    let labels = ID_LABELS.iter().map(|(l, _)| *l).chain(OTHER_ID_LABELS);
    let (label, rest) = labels
        .filter_map(|label| strip_label(text, label).map(|rest| (label, rest)))
        .max_by_key(|(label, _)| label.len())?;
    (!rest.is_empty()).then(|| identifier(label, rest, None, warnings))
}

/// Builds an identifier from a label and "VALUE (Country) issued … expires …".
pub(crate) fn identifier(
    label: &str,
    text: &str,
    country: Option<&str>,
    warnings: &mut Vec<String>,
) -> Identifier {
    let (value, found_country, rest) = split_country(text);
    let country = country.and_then(country_code).or(found_country);
    let kind = id_kind(label, value, country.as_deref());
    let mut identifier = Identifier::new(kind, value);
    identifier.country = country;
    let note: Vec<&str> = [label_is_informative(label, kind).then_some(label), rest]
        .into_iter()
        .flatten()
        .filter(|n| !n.is_empty())
        .collect();
    identifier.note = (!note.is_empty()).then(|| note.join("; "));
    if let Err(error) = identifier.validate() {
        warnings.push(error.to_string());
    }
    identifier
}

/// Finds a parenthesised country after the value: "1084010 (Egypt) issued
/// 2001" gives ("1084010", Some("eg"), Some("issued 2001")).
fn split_country(text: &str) -> (&str, Option<String>, Option<&str>) {
    let mut search = 0;
    while let Some(open) = text.get(search..).and_then(|t| t.find('(')) {
        let open = search + open;
        let Some(close) = text[open..].find(')').map(|c| open + c) else {
            break;
        };
        if let Some(code) = country_code(&text[open + 1..close]) {
            let rest = text[close + 1..].trim().trim_start_matches(',').trim();
            return (text[..open].trim(), Some(code), Some(rest));
        }
        search = close + 1;
    }
    for marker in [" issued ", " expires "] {
        if let Some(at) = text.find(marker) {
            return (text[..at].trim(), None, Some(text[at..].trim()));
        }
    }
    (text.trim(), None, None)
}

/// Parses one labelled statement, as the XML gives them (`idType` and
/// `idNumber`): the same statements as in remarks, or else an identifier.
pub(crate) fn parse_labelled(
    label: &str,
    value: &str,
    country: Option<&str>,
    schema: Schema,
) -> Parsed {
    let mut parsed = Parsed::default();
    let text = format!("{} {}", label.trim(), value.trim());
    let fact = match known_fact(&text, schema, &mut parsed.warnings) {
        Some(fact) => fact,
        None => Fact::Identifier(identifier(label, value, country, &mut parsed.warnings)),
    };
    parsed.facts.push(fact);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn facts(text: &str, schema: Schema) -> Vec<Fact> {
        parse_remarks(text, schema).facts
    }

    fn date(text: &str) -> Fact {
        Fact::BirthDate(DateSpec::parse(text).unwrap())
    }

    #[test]
    fn ofac_split_respects_quotes_and_parentheses() {
        assert_eq!(
            split_remarks(
                "a.k.a. 'X; Y'; Passport 1 (Iran; old); President of Venezuela's Court; z"
            ),
            [
                "a.k.a. 'X; Y'",
                "Passport 1 (Iran; old)",
                "President of Venezuela's Court",
                "z"
            ]
        );
        assert_eq!(
            split_remarks("a.k.a. 'O'NEIL; Jack'; b"),
            ["a.k.a. 'O'NEIL; Jack'", "b"]
        );
        // An unclosed quote falls back to the plain split.
        assert_eq!(split_remarks("a.k.a. 'X; b"), ["a.k.a. 'X", "b"]);
    }

    #[test]
    fn ofac_birth_dates_in_all_shapes() {
        let parsed = facts(
            "DOB 12 Jan 1960; alt. DOB circa 1960; DOB 1960 to 1962; DOB Feb 1955; DOB circa 1979-1982.",
            Schema::Person,
        );
        assert_eq!(
            parsed,
            [
                date("1960-01-12"),
                date("circa 1960"),
                date("1960 to 1962"),
                date("1955-02"),
                date("1979 to 1982")
            ]
        );
        let unreadable = parse_remarks("DOB sometime", Schema::Person);
        assert_eq!(unreadable.facts, [Fact::Unparsed("DOB sometime".into())]);
        assert_eq!(unreadable.warnings.len(), 1);
    }

    #[test]
    fn ofac_people_facts() {
        let parsed = facts(
            "POB Tehran, Iran; nationality Korea, North; alt. citizen Syria; Gender Female; \
             a.k.a. 'AL SUDANI, Abu Seif'; f.k.a. 'OLD NAME'; Linked To: HIZBALLAH; \
             Minister of Interior; Haji; ICTY indictee.",
            Schema::Person,
        );
        let weak = listed_name("AL SUDANI, Abu Seif", NameKind::WeakAlias, Schema::Person);
        assert_eq!(weak.parts.last.as_deref(), Some("AL SUDANI"));
        assert_eq!(
            parsed,
            [
                Fact::BirthPlace("Tehran, Iran".into()),
                Fact::Country(CountryRole::Nationality, "Korea, North".into()),
                Fact::Country(CountryRole::Citizenship, "Syria".into()),
                Fact::Gender(Gender::Female),
                Fact::Name(weak),
                Fact::Name(Name::new("OLD NAME", NameKind::Previous)),
                Fact::Property("linkedTo", "HIZBALLAH".into()),
                Fact::Property("position", "Minister of Interior".into()),
                Fact::Property("title", "Haji".into()),
                Fact::Unparsed("ICTY indictee".into()),
            ]
        );
    }

    fn only_identifier(text: &str) -> (Identifier, Vec<String>) {
        let parsed = parse_remarks(text, Schema::Organization);
        match parsed.facts.as_slice() {
            [Fact::Identifier(identifier)] => (identifier.clone(), parsed.warnings),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn ofac_identity_documents() {
        let (passport, _) = only_identifier("Passport A123 (Iran) issued 01 Feb 2010 expires 2020");
        assert_eq!(
            (
                passport.kind,
                passport.value.as_str(),
                passport.country.as_deref()
            ),
            (IdKind::Passport, "A123", Some("ir"))
        );
        assert_eq!(
            passport.note.as_deref(),
            Some("issued 01 Feb 2010 expires 2020")
        );
        let (cedula, _) = only_identifier("Cedula No. 16247821 (Colombia)");
        assert_eq!(
            (cedula.kind, cedula.note.as_deref()),
            (IdKind::NationalId, Some("Cedula No."))
        );
        let cases = [
            ("National ID No. 660000 73767 (Belgium)", IdKind::NationalId),
            ("Tax ID No. 7707083893 (Russia)", IdKind::Inn),
            ("Registration Number 1027700132195 (Russia)", IdKind::Ogrn),
            ("Registration ID 14063277", IdKind::Registration),
            ("Legal Entity Number 5493001KJTIIGC8Y1R12", IdKind::Lei),
            ("LEI 5493001KJTIIGC8Y1R12", IdKind::Lei),
            ("SWIFT/BIC HAVIGB2L", IdKind::Bic),
            (
                "Vessel Registration Identification IMO 9074729",
                IdKind::Imo,
            ),
            ("IMO 9074729", IdKind::Imo),
            ("MMSI 248123456", IdKind::Mmsi),
            (
                "Diplomatic Passport 008827 (Iran) issued 1999",
                IdKind::Passport,
            ),
            ("Driver's License No. 180839 (Mexico)", IdKind::Other),
            (
                "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo",
                IdKind::CryptoAddress,
            ),
        ];
        for (text, kind) in cases {
            let (identifier, warnings) = only_identifier(text);
            assert_eq!(identifier.kind, kind, "{text}");
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
        }
        let (_, warnings) = only_identifier("IMO 9074728");
        assert_eq!(warnings.len(), 1, "a wrong IMO check digit is reported");
    }

    #[test]
    fn ofac_properties_and_provisions() {
        let parsed = facts(
            "Website www.x.com; alt. Email Address a@x.com; Former Vessel Flag Malta; \
             Other Vessel Flag Panama; Additional Sanctions Information - Subject to Secondary Sanctions; \
             Organization Established Date 2001; all offices worldwide.",
            Schema::Organization,
        );
        assert_eq!(
            parsed,
            [
                Fact::Property("website", "www.x.com".into()),
                Fact::Property("email", "a@x.com".into()),
                Fact::Property("pastFlags", "Malta".into()),
                Fact::Country(CountryRole::Flag, "Panama".into()),
                Fact::Provision(
                    "Additional Sanctions Information - Subject to Secondary Sanctions".into()
                ),
                date("2001"),
                Fact::Provision("all offices worldwide".into()),
            ]
        );
    }

    #[test]
    fn ofac_labelled_statements_from_xml() {
        let parsed = parse_labelled("Passport", "A1 issued 2010", Some("Iran"), Schema::Person);
        let mut passport = Identifier::new(IdKind::Passport, "A1");
        passport.country = Some("ir".into());
        passport.note = Some("issued 2010".into());
        assert_eq!(parsed.facts, [Fact::Identifier(passport)]);
        let gender = parse_labelled("Gender", "Male", None, Schema::Person);
        assert_eq!(gender.facts, [Fact::Gender(Gender::Male)]);
        let unknown = parse_labelled("Some New Number", "42", None, Schema::Person);
        assert!(matches!(&unknown.facts[..], [Fact::Identifier(i)] if i.kind == IdKind::Other));
    }

    proptest! {
        #[test]
        fn ofac_remarks_parser_never_panics(text in "\\PC{0,200}") {
            let _ = parse_remarks(&text, Schema::Person);
            let _ = parse_remarks(&text, Schema::Vessel);
        }

        #[test]
        fn ofac_remarks_parser_never_panics_on_remark_like_text(
            parts in proptest::collection::vec(
                "(alt\\. )?(DOB|POB|a\\.k\\.a\\.|Passport|IMO|nationality|Linked To:|Gender)? ?['();,.a-zA-Z0-9 ]{0,20}",
                0..8,
            )
        ) {
            let _ = parse_remarks(&parts.join("; "), Schema::Person);
        }
    }
}
