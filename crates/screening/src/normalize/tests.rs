//! Cross-script behaviour of the whole pipeline.

use super::*;
use proptest::prelude::*;

fn norm(name: &str, class: NameClass) -> NormalizedName {
    match normalize_name(name, class) {
        Ok(n) => n,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn skeletons(name: &str, class: NameClass) -> Vec<String> {
    norm(name, class)
        .tokens
        .into_iter()
        .map(|t| t.skeleton)
        .collect()
}

fn roles(name: &str, class: NameClass) -> Vec<PartRole> {
    norm(name, class).tokens.iter().map(|t| t.role).collect()
}

fn core_texts(name: &NormalizedName) -> Vec<&str> {
    name.tokens
        .iter()
        .filter(|t| t.role.is_informative())
        .map(|t| t.text.as_str())
        .collect()
}

use NameClass::*;
use PartRole::*;

#[test]
fn russian_name_matches_its_latin_form() {
    let cyr = skeletons("Владимир Владимирович Путин", Person);
    assert_eq!(cyr, skeletons("Vladimir Vladimirovich PUTIN", Person));
    assert_eq!(cyr, skeletons("Wladimir Wladimirowitsch Putin", Person));
    assert_eq!(
        roles("Владимир Владимирович Путин", Person),
        [Given, Patronymic, Family]
    );
    assert_eq!(
        roles("PUTIN, Vladimir Vladimirovich", Person),
        [Family, Given, Patronymic]
    );
}

#[test]
fn muhammad_in_four_spellings_and_two_scripts() {
    let key = skeleton("Muhammad");
    for form in [
        "Мохаммед",
        "Mohamed",
        "Mohammed",
        "محمد",
        "Mukhammad",
        "MOHAMMAD",
    ] {
        assert_eq!(skeleton(form), key, "{form}");
    }
}

#[test]
fn convention_pairs_share_skeletons() {
    let pairs = [
        ("Юрий", "Yury"),
        ("Yuriy", "Iurii"),
        ("Jurij", "Yuri"),
        ("Aleksandr", "Alexander"),
        ("Khaled", "Khalid"),
        ("Sergei", "Сергей"),
        ("Abd al-Rahman", "Abdurrahman"),
        ("Abdul Rahman", "عبد الرحمن"),
        ("Hussein", "Husayn"),
        ("Tchaikovsky", "Чайковский"),
        ("Евгений", "Evgeniy"),
        ("Khrushchev", "Хрущёв"),
    ];
    for (a, b) in pairs {
        let (ka, kb) = (
            norm(a, Person).skeleton_keys(),
            norm(b, Person).skeleton_keys(),
        );
        assert!(
            ka.iter().any(|k| kb.contains(k)),
            "{a} {ka:?} vs {b} {kb:?}"
        );
    }
}

#[test]
fn company_forms_across_scripts() {
    let cyr = norm("ООО «Ромашка»", Organization);
    let lat = norm("Romashka LLC", Organization);
    assert_eq!(core_texts(&cyr), ["romashka"]);
    assert_eq!(core_texts(&cyr), core_texts(&lat));
    assert_eq!(cyr.legal_form, Some(LegalFormClass::LimitedLiability));
    assert_eq!(cyr.legal_form, lat.legal_form);
    let ag = norm("Siemens Aktiengesellschaft", Organization);
    assert_eq!(ag.legal_form, norm("SIEMENS AG", Organization).legal_form);
    assert_eq!(
        norm("Gazprom Neft PJSC", Organization).legal_form,
        norm("ПАО Газпром нефть", Organization).legal_form
    );
    assert_eq!(norm("Acme S.p.A.", Organization).text(), "acme spa");
    assert_eq!(
        norm("Acme Sp. z o.o.", Organization).legal_form,
        Some(LegalFormClass::LimitedLiability)
    );
}

#[test]
fn forms_and_stopwords_alone_are_uninformative() {
    for name in [
        "CORP",
        "The Trading Company Ltd",
        "Group Holdings LLC",
        "Inc.",
    ] {
        let n = norm(name, Organization);
        assert!(!n.is_informative(), "{name}: {n:?}");
    }
    assert!(norm("Romashka Trading LLC", Organization).is_informative());
    let intl = norm("Romashka International", Organization);
    assert!(intl.tokens[1].weight < 0.5);
}

#[test]
fn vessel_prefixes_go_numerals_stay() {
    let nord = norm("M/T NORD 1", Vessel);
    assert_eq!(nord.text(), "nord 1");
    assert_eq!(nord.tokens[1].role, Number);
    assert_ne!(nord.text(), norm("MT NORD 2", Vessel).text());
    assert_eq!(norm("M.V. Ocean Star", Vessel).text(), "ocean star");
    assert_eq!(norm("Motor Tanker Sea Lion", Vessel).text(), "sea lion");
}

#[test]
fn east_asian_names() {
    let xi = norm("习近平", Person);
    assert_eq!(xi.text(), "xi jinping");
    assert_eq!(xi.tokens[0].role, Family);
    assert!(xi.variants.contains(&"xi jin ping".to_string()));
    let kim = norm("김정은", Person);
    assert_eq!(kim.text(), "gim jeong eun");
    assert!(kim.variants.contains(&"kim jong un".to_string()));
    assert_eq!(norm("ジャナン・アガ", Person).text(), "janan aga");
}

#[test]
fn other_alphabets() {
    assert_eq!(norm("Αλέξης Τσίπρας", Person).text(), "alexis tsipras");
    assert_eq!(
        norm("მიხეილ სააკაშვილი", Person).text(),
        "mikheil saakashvili"
    );
    assert_eq!(norm("Նիկոլ Փաշինյան", Person).text(), "nikol pashinyan");
    assert_eq!(
        skeletons("בנימין נתניהו", Person),
        skeletons("Benjamin Netanyahu", Person)
    );
    assert_eq!(
        skeletons("Олександр Зінченко", Person),
        skeletons("Oleksandr Zinchenko", Person)
    );
}

#[test]
fn punctuation_and_particles() {
    assert_eq!(norm("Conor O'Brien", Person).text(), "conor obrien");
    assert_eq!(
        norm("Valéry Giscard d’Estaing", Person).text(),
        "valery giscard d estaing"
    );
    let q = norm("al-Qaida", Organization);
    assert_eq!(q.text(), "al qaida");
    let berg = norm("Jan van der Berg", Person);
    assert!(berg.variants.contains(&"jan vanderberg".to_string()));
    assert_eq!(berg.compact(), "janvanderberg");
    assert_eq!(norm("Dr. Ayman al-Zawahiri", Person).tokens[0].role, Title);
    assert_eq!(norm("Ronald Mc Donald", Person).text(), "ronald mcdonald");
}

#[test]
fn diacritics_give_a_spelled_out_variant() {
    let n = norm("Jürgen Müller", Person);
    assert_eq!(n.text(), "jurgen muller");
    assert!(n.variants.contains(&"juergen mueller".to_string()));
    let c = norm("Černyševskij", Person);
    assert_eq!(c.text(), "cernysevskij");
    assert!(c.variants.contains(&"chernyshevskij".to_string()));
}

#[test]
fn source_parts_decide_roles() {
    let parts = NameParts {
        first: Some("Isa".into()),
        last: Some("Al Bin Ali".into()),
        ..NameParts::default()
    };
    let n = normalize_name_parts(&parts, Person).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(&str, PartRole)> = n.tokens.iter().map(|t| (t.text.as_str(), t.role)).collect();
    assert_eq!(
        got,
        [
            ("isa", Given),
            ("al", Particle),
            ("bin", Particle),
            ("ali", Family)
        ]
    );
}

#[test]
fn long_names_are_rejected_not_truncated() {
    let huge = "a".repeat(10 * 1024 * 1024);
    assert_eq!(
        normalize_name(&huge, Person),
        Err(NormalizeError::NameTooLong {
            limit: MAX_NAME_CHARS
        })
    );
    assert!(normalize_name(&"é".repeat(MAX_NAME_CHARS), Person).is_ok());
    assert_eq!(transliterate(&huge)[0].len(), MAX_NAME_CHARS);
    assert!(normalize_name("", Person).is_ok_and(|n| n.tokens.is_empty()));
}

const SNAPSHOT_NAMES: &[(&str, NameClass)] = &[
    ("Vladimir Vladimirovich PUTIN", Person),
    ("Владимир Владимирович Путин", Person),
    ("PUTIN, Vladimir Vladimirovich", Person),
    ("Абрамович Роман Аркадьевич", Person),
    ("Юрий Борисович Ковальчук", Person),
    ("Олександр Янукович", Person),
    ("Аляксандр Лукашэнка", Person),
    ("Новак Ђоковић", Person),
    ("Христо Стоичков", Person),
    ("Мохаммед бин Салман", Person),
    ("محمد بن سلمان آل سعود", Person),
    ("Shaikh Isa Bin Tarif Al Bin Ali", Person),
    ("Abd al-Rahman al-Qaduli", Person),
    ("علي خامنه‌ای", Person),
    ("Ayman al-Zawahiri", Person),
    ("Dr. Mohammed Hassan Khalid", Person),
    ("Usama bin Laden", Person),
    ("Heydar Alirza oglu Aliyev", Person),
    ("Björk Guðmundsdóttir", Person),
    ("Valéry Giscard d'Estaing", Person),
    ("Ludwig van Beethoven", Person),
    ("J.R.R. Tolkien", Person),
    ("Αλέξης Τσίπρας", Person),
    ("Μπακογιάννη Ντόρα", Person),
    ("მიხეილ სააკაშვილი", Person),
    ("Նիկոլ Փաշինյան", Person),
    ("בנימין נתניהו", Person),
    ("习近平", Person),
    ("김정은", Person),
    ("ジャナン・アガ", Person),
    ("ООО «Ромашка»", Organization),
    ("Romashka LLC", Organization),
    ("ПАО «Газпром нефть»", Organization),
    ("Siemens Aktiengesellschaft", Organization),
    ("Emirates Star Trading FZ-LLC", Organization),
    ("Petrolsoft Sp. z o.o.", Organization),
    ("TOO «Каз Мунай Газ»", Organization),
    ("CORP", Organization),
    ("M/T NORD 1", Vessel),
    ("Motor Tanker Ocean Star II", Vessel),
    ("Sea Lion Shipping Co. Ltd", NameClass::Unknown),
];

#[derive(Serialize)]
struct Snapshot {
    name: &'static str,
    text: String,
    tokens: Vec<String>,
    variants: Vec<String>,
    legal_form: Option<LegalFormClass>,
}

#[test]
fn snapshot_of_representative_names() {
    let snapshots: Vec<Snapshot> = SNAPSHOT_NAMES
        .iter()
        .map(|(name, class)| {
            let n = norm(name, *class);
            Snapshot {
                name,
                text: n.text(),
                tokens: n
                    .tokens
                    .iter()
                    .map(|t| format!("{} [{}] {:?} {}", t.text, t.skeleton, t.role, t.weight))
                    .collect(),
                variants: n.variants,
                legal_form: n.legal_form,
            }
        })
        .collect();
    insta::assert_yaml_snapshot!(snapshots);
}

fn class_strategy() -> impl Strategy<Value = NameClass> {
    prop_oneof![
        Just(Person),
        Just(Organization),
        Just(Vessel),
        Just(NameClass::Unknown)
    ]
}

fn token_texts(n: &NormalizedName) -> Vec<String> {
    n.tokens.iter().map(|t| t.text.clone()).collect()
}

fn assert_idempotent(name: &str, class: NameClass) -> Result<(), TestCaseError> {
    let Ok(first) = normalize_name(name, class) else {
        return Ok(());
    };
    let again = normalize_name(&first.text(), class);
    prop_assert!(again.is_ok());
    if let Ok(again) = again {
        prop_assert_eq!(token_texts(&first), token_texts(&again));
    }
    Ok(())
}

proptest! {
    #[test]
    fn never_panics_and_is_idempotent(name in any::<String>(), class in class_strategy()) {
        assert_idempotent(&name, class)?;
    }

    #[test]
    fn idempotent_on_name_like_text(
        name in "[a-zA-Zа-яА-ЯёЁ\u{0600}-\u{06FF}\u{AC00}-\u{AC40}\u{4E00}-\u{4E40}ßøł'’., /&()-]{0,60}",
        class in class_strategy(),
    ) {
        assert_idempotent(&name, class)?;
    }

    #[test]
    fn control_characters_and_long_input(name in "[\\x00-\\x1F\\x7F-\\x9F a-z\u{0300}-\u{036F}]{0,3000}") {
        let _ = normalize_name(&name, Person);
        let _ = transliterate(&name);
        let _ = skeleton(&name);
    }
}

#[test]
fn ampersand_abbreviations_are_no_legal_form() {
    let att = norm("AT&T Inc.", Organization);
    assert_eq!(core_texts(&att), ["att"]);
    assert_eq!(att.legal_form, Some(LegalFormClass::Corporation));
    assert_eq!(norm("AT and T Inc", Organization).text(), att.text());
    assert_eq!(roles("АТ Укрнафта", Organization)[0], LegalForm);
}

#[test]
fn series_numerals_of_organisations_are_numbers() {
    let fund = norm("KKR Asian Fund IV L.P.", Organization);
    assert_eq!(fund.tokens[3].role, Number);
    let trust = norm("Citigroup Capital Trust I", Organization);
    assert_eq!(trust.tokens[3].role, Number);
    let bowne = norm("Bowne Global Solutions II Denmark A/S", Organization);
    assert_eq!(bowne.tokens[3].role, Number);
    // A single letter inside the name is no numeral; a person's suffix
    // is no number either.
    assert_eq!(roles("Vitamin C Trading", Organization)[1], Core);
    assert_eq!(roles("I Love Rust Ltd", Organization)[0], Core);
    assert_eq!(roles("Henry Ford II", Person), [Given, Family, Title]);
    assert_eq!(roles("Martin Luther King Jr.", Person)[2], Family);
}

#[test]
fn number_words_and_ordinals_are_digits() {
    assert_eq!(
        norm("Brigade Forty-Four", Organization).text(),
        "brigade 44"
    );
    assert_eq!(norm("Brigade 44", Organization).text(), "brigade 44");
    assert_eq!(
        norm("First International Bank", Organization).text(),
        norm("1st International Bank", Organization).text()
    );
    assert_eq!(roles("Three Percenters", Organization)[0], Number);
    assert_eq!(norm("Second Star", Vessel).text(), "2 star");
    // Persons keep their words.
    assert_eq!(norm("Seven Smith", Person).text(), "seven smith");
}

#[test]
fn digits_typed_for_letters_are_read_as_letters() {
    assert_eq!(norm("Ig0r Sechin", Person).text(), "igor sechin");
    assert_eq!(norm("M0hammed Al1", Person).text(), "mohammed ali");
    assert_eq!(
        norm("Trust 2005-AR16", Organization).text(),
        "trust 2005 ar16"
    );
}
