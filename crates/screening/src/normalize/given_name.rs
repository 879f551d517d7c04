//! Common given names in their usual Latin spellings, one group per name
//! with its cognates in other languages. Spelling similarity cannot tell a
//! misspelt name from a different one: "Ahmed" is 0.66 like "Mohamed",
//! "Ramesh" one letter from "Rajesh", "Daniel" and "Donald" share half
//! their letters. Two words that both belong here, to different groups,
//! are two different names and are never aligned as one.
//!
//! A group holds everything that may stand for the same name (spellings,
//! transliterations, cognates: John, Juan, Ivan, Jean), because words of
//! one group are only left to spelling similarity, never pushed apart.
//! Words missing from the table are left to similarity too, so the table
//! only needs to be right where it speaks.

const GROUPS: &[&[&str]] = &[
    // Arabic, Persian, Turkish, Urdu
    &[
        "muhammad", "mohammed", "mohammad", "mohamed", "mohamad", "muhammed", "mohamud",
        "mohammod", "muhamad", "mehmet", "mehmed", "mohd",
    ],
    &["ahmad", "ahmed", "ahmet", "ahmadi"],
    &["mahmoud", "mahmud", "mahmood", "mehmood", "mahmut"],
    &["hamid", "hamed", "hameed"],
    &["hassan", "hasan", "hassane"],
    &[
        "hussein", "husain", "hussain", "husayn", "hosein", "hossein", "husein", "huseyin",
    ],
    &["ali", "aly"],
    &["abdullah", "abdallah", "abdulla", "abdollah", "abdellah"],
    &["omar", "umar", "omer", "umer"],
    &["osman", "uthman", "othman", "usman", "osmane"],
    &[
        "yusuf", "yousef", "youssef", "yusef", "yousif", "yusif", "yousuf", "youcef",
    ],
    &["ibrahim", "ebrahim", "ibraheem", "ibragim"],
    &["ismail", "ismael", "esmail", "ismayil"],
    &["khalid", "khaled", "halid"],
    &["saleh", "salih"],
    &["karim", "kareem", "kerim"],
    &["rahim", "raheem"],
    &["mustafa", "mostafa", "moustafa", "mustapha", "mostapha"],
    &["mansour", "mansur", "mansoor"],
    &["nasser", "nasir", "naser", "nassir", "nasr"],
    &["tariq", "tarek", "tareq", "tarik"],
    &["walid", "waleed"],
    &["yasin", "yassin", "yaseen", "yassine"],
    &["zaid", "zayd", "zeid"],
    &["jamal", "gamal", "cemal"],
    &["kamal", "kemal"],
    &["faisal", "faysal", "feisal"],
    &["fahad", "fahd"],
    &["sultan"],
    &["salman"],
    &[
        "suleiman", "sulaiman", "sulayman", "suleyman", "soliman", "sulejman",
    ],
    &["idris", "idrees"],
    &["yahya", "yahia"],
    &["musa", "moussa", "mousa", "moses", "moshe"],
    &["issa", "isa", "eesa"],
    &["amir", "ameer", "emir"],
    &["anwar", "anouar"],
    &["bashir", "basheer", "beshir"],
    &["nabil", "nabeel"],
    &["majid", "majed", "maged"],
    &["rashid", "rasheed", "rashed"],
    &["adel", "adil"],
    &["aziz"],
    &["habib"],
    &["hamza", "hamzah"],
    &["bilal"],
    &["jafar", "jaafar", "cafer"],
    &["qasim", "kassem", "qassem", "kasim", "qasem", "kasem"],
    &["abbas"],
    &["haidar", "haider", "hyder", "heydar"],
    &["younis", "younes", "yunus", "yunis", "younus", "jonah"],
    &["zakaria", "zakariya", "zakariyya", "zakir", "zachary"],
    &["sharif", "sherif", "shareef"],
    &["farouk", "faruq", "farooq", "faruk"],
    &["fouad", "fuad"],
    &["wali"],
    &["ghani"],
    // Indian
    &["rajesh"],
    &["ramesh"],
    &["suresh"],
    &["mahesh"],
    &["dinesh"],
    &["ganesh"],
    &["sandeep", "sundeep"],
    &["sundar"],
    &["sanjay"],
    &["sunil"],
    &["anil"],
    &["vijay"],
    &["ajay"],
    &["amit"],
    &["sumit"],
    // European, with cognates
    &[
        "john", "jon", "juan", "jean", "johann", "johannes", "ivan", "giovanni", "joao", "jan",
        "hans", "evan", "sean", "ian", "ioan", "ion", "janos", "ivo",
    ],
    // James and Jacob are one name in origin (Iacobus, Iago).
    &[
        "james", "jaime", "giacomo", "jamie", "jim", "jacob", "jakob", "yakov", "jacobo", "iakov",
        "yaakov", "yakub", "yaqub", "jakub", "yaqoub", "iago",
    ],
    &[
        "michael", "michel", "miguel", "michele", "mikhail", "mykhailo", "mikael", "michal",
        "mihail", "mihai", "mike", "mick", "mikhael", "michelle", "michaela", "michela", "mikaela",
    ],
    &["daniel", "danilo", "daniil", "danylo", "danny", "dan"],
    &[
        "david", "davide", "davit", "dawid", "daud", "dawood", "dovid", "davud",
    ],
    &["donald", "donal"],
    &["thomas", "tomas", "tommaso", "tomasz", "tom", "tommy"],
    &["timothy", "tim", "timofey", "timothee"],
    &[
        "peter", "pedro", "pietro", "pierre", "piotr", "petr", "pyotr", "petro", "petar", "pieter",
        "piet", "pete",
    ],
    &[
        "paul", "pablo", "paolo", "pavel", "pawel", "paulo", "pavlo", "pal",
    ],
    &[
        "andrew", "andrei", "andrey", "andre", "andres", "andrea", "andreas", "andrzej", "andrij",
        "andriy", "andrii", "andy", "drew",
    ],
    &[
        "anton", "antonio", "anthony", "antoine", "antoni", "ante", "antonin", "tony",
    ],
    &[
        "alexei", "aleksei", "alexey", "aleksey", "oleksii", "oleksiy", "alexis", "aleksej",
    ],
    &[
        "alexander",
        "aleksandr",
        "alexandre",
        "alejandro",
        "alessandro",
        "oleksandr",
        "aleksander",
        "aleksandar",
        "alexandru",
        "sasha",
        "sandro",
    ],
    &[
        "sergei", "sergey", "sergej", "serhiy", "serhii", "sergio", "serge", "sergiu", "sergejs",
    ],
    &[
        "yevgeny", "evgeny", "evgeni", "yevgeniy", "eugene", "eugen", "eugenio", "evgenii",
        "yevhen", "evgenij",
    ],
    &[
        "vladimir",
        "volodymyr",
        "wladimir",
        "wlodzimierz",
        "vova",
        "volodya",
    ],
    &[
        "nikolai", "nikolay", "nicholas", "nicolas", "nikola", "nicola", "niccolo", "mykola",
        "nicolae", "mikolaj", "klaus", "nikolaus", "niklas", "nick", "nils", "niels",
    ],
    &[
        "dmitry",
        "dmitri",
        "dmitriy",
        "dmytro",
        "dimitri",
        "dimitrios",
        "dimitar",
        "dmitrii",
    ],
    &["igor", "ihor"],
    &["oleg", "oleh"],
    &["yuri", "yury", "yuriy", "yurii", "jurij", "juri"],
    &[
        "george", "jorge", "georg", "giorgio", "georgios", "giorgi", "jerzy", "georgy", "georgiy",
        "jiri", "gheorghe",
    ],
    &[
        "frederick",
        "friedrich",
        "frederik",
        "fredrik",
        "federico",
        "frederic",
        "fryderyk",
        "fritz",
        "fred",
        "freddie",
    ],
    &[
        "frank",
        "franz",
        "francis",
        "francisco",
        "francesco",
        "francois",
        "frantisek",
        "franciszek",
        "franco",
        "ferenc",
    ],
    &[
        "william",
        "wilhelm",
        "guillermo",
        "guillaume",
        "guglielmo",
        "willem",
        "vilhelm",
        "bill",
        "will",
        "willy",
    ],
    &["robert", "roberto", "rob", "bob", "robbie", "bobby"],
    &["richard", "ricardo", "riccardo", "ryszard", "rick", "dick"],
    &[
        "charles", "carlos", "carlo", "karl", "karel", "carl", "charlie", "karol", "chuck",
    ],
    &[
        "henry", "henri", "heinrich", "enrique", "enrico", "hendrik", "henrik", "henryk", "harry",
        "heinz", "henk",
    ],
    &[
        "joseph", "jose", "giuseppe", "josef", "jozef", "yosef", "iosif", "osip", "joe", "pepe",
        "beppe", "yossi",
    ],
    &[
        "stephen", "steven", "stefan", "stephan", "esteban", "stefano", "stepan", "etienne",
        "istvan", "szczepan", "steve",
    ],
    &["martin", "martino", "martim", "marcin"],
    &[
        "mark", "marc", "marco", "marcus", "marek", "markus", "marko",
    ],
    &["luke", "lucas", "luca", "luka", "lukas", "lukasz"],
    &[
        "matthew", "mateo", "matteo", "matthias", "mathias", "mateusz", "matvey", "matvei",
        "matej", "mattia", "mathieu", "matt",
    ],
    &[
        "philip", "philipp", "felipe", "filippo", "philippe", "filip", "phil",
    ],
    &["samuel", "samuele", "shmuel", "samuil", "sam"],
    &["benjamin", "binyamin", "beniamino", "veniamin"],
    &["edward", "eduard", "eduardo", "edouard", "edoardo", "ned"],
    &[
        "theodore", "teodor", "theodor", "fyodor", "fedor", "teodoro", "feodor", "theo",
    ],
    &["patrick", "patricio", "patrizio", "pat"],
    &[
        "gregory", "grigory", "grigoriy", "gregor", "gregorio", "grzegorz", "greg",
    ],
    &["leonid"],
    &["boris"],
    &["roman"],
    &["ruslan"],
    &["arkady", "arkadiy", "arkadii"],
    &["anatoly", "anatoliy", "anatolii"],
    &["viktor", "victor", "vittorio", "wiktor"],
    &["vitaly", "vitaliy", "vitalii"],
    &["valery", "valeriy", "valerii", "valeri"],
    &[
        "konstantin",
        "constantin",
        "costantino",
        "kostiantyn",
        "konstanty",
    ],
    &["maxim", "maksim", "maksym", "maximilian", "massimo"],
    &["kirill", "cyril", "kyrylo", "cirillo"],
    // Women's names
    &[
        "maria", "marie", "mary", "mariya", "maryam", "miriam", "mariam", "marija", "marya",
        "masha", "molly", "polly",
    ],
    &[
        "anna", "ana", "anne", "ann", "hanna", "hannah", "anya", "annette",
    ],
    &[
        "elena", "yelena", "helen", "helena", "olena", "ellen", "helene", "lena",
    ],
    &["olga", "olha", "helga"],
    &[
        "natalia", "natalya", "natalie", "nataliya", "natasha", "natalija",
    ],
    &["tatiana", "tatyana", "tetiana", "tanya"],
    &["irina", "iryna", "irene", "irena", "ira"],
    &["svetlana", "sveta"],
    &[
        "ekaterina",
        "yekaterina",
        "catherine",
        "katherine",
        "kateryna",
        "katarzyna",
        "katharina",
        "caterina",
        "catalina",
        "katerina",
        "kate",
        "katya",
    ],
    &[
        "elizabeth",
        "elisabeth",
        "elisabetta",
        "elzbieta",
        "isabel",
        "isabella",
        "yelizaveta",
        "elizaveta",
        "liz",
        "betty",
    ],
    &["sofia", "sophia", "sophie", "zofia", "sofiya"],
    &["julia", "yulia", "yuliya", "giulia", "julie", "iulia"],
    &["angela", "angelika", "angelica", "angelina"],
];

/// The group of a common given name (1-based), or 0 for any other word.
pub fn group_of(word: &str) -> u16 {
    index().get(word).copied().unwrap_or(0)
}

/// Every spelling → its group (groups never share a spelling: see the
/// tests). A hash lookup: every word of every name asks.
fn index() -> &'static rustc_hash::FxHashMap<&'static str, u16> {
    static INDEX: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u16>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        GROUPS
            .iter()
            .enumerate()
            .flat_map(|(g, names)| {
                let group = u16::try_from(g + 1).unwrap_or(u16::MAX);
                names.iter().map(move |n| (*n, group))
            })
            .collect()
    })
}

/// Two words that are known given names of different groups.
pub fn different_names(a: u16, b: u16) -> bool {
    a != 0 && b != 0 && a != b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_in_one_group() {
        let spellings: usize = GROUPS.iter().map(|g| g.len()).sum();
        assert_eq!(index().len(), spellings, "a name in two groups");
    }

    /// The shared reference of equivalent person names (Wikidata-derived,
    /// `names/person_name_groups.txt`) never holds two words this table
    /// keeps apart: where it speaks, the table agrees with it.
    #[test]
    fn groups_never_split_a_reference_group() {
        let Some(path) = meldpunt_testkit::shared_file("names/person_name_groups.txt") else {
            return;
        };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.is_empty(), "{} is empty", path.display());
        let mut splits = Vec::new();
        for line in text.lines() {
            let members = line.split("=>").next().unwrap_or_default();
            let groups: Vec<(&str, u16)> = members
                .split(',')
                .map(str::trim)
                .map(|m| (m, group_of(m)))
                .filter(|(_, g)| *g != 0)
                .collect();
            if let Some((first, g)) = groups.first() {
                if let Some((other, _)) = groups.iter().find(|(_, h)| h != g) {
                    splits.push(format!("{first} / {other}"));
                }
            }
        }
        assert!(splits.is_empty(), "the reference joins {splits:?}");
    }

    #[test]
    fn spellings_share_a_group_and_names_do_not() {
        assert_eq!(group_of("mohamed"), group_of("muhammad"));
        assert_eq!(group_of("john"), group_of("juan"));
        assert!(different_names(group_of("ahmed"), group_of("mohamed")));
        assert!(different_names(group_of("rajesh"), group_of("ramesh")));
        assert!(!different_names(group_of("sergejs"), group_of("sergey")));
        assert!(!different_names(group_of("ahmed"), group_of("putin")));
        assert_eq!(group_of("putin"), 0);
    }
}
