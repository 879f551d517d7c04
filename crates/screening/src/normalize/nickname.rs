//! Hypocorisms: the short and pet forms people go by in everyday life
//! ("Ted", "Sasha", "Bibi") and that customer records carry, while lists
//! print the formal name ("Theodore", "Aleksandr", "Binyamin"). Spelling
//! similarity cannot bridge them, so a person's name with such a word gets
//! a variant reading with the formal name in its place.
//!
//! The table is written by hand from common usage in English, German,
//! Dutch, Russian, Spanish, Italian and Hebrew. It lists only forms
//! whose formal names are few and settled; a short form that is mostly a
//! name of its own ("Jan", "Max", "Hans") or also a name particle or
//! title ("Ben", "Al", "Don") is left out.

/// Short form → formal names, most common first. Sorted by short form.
const HYPOCORISMS: &[(&str, &[&str])] = &[
    ("abby", &["abigail"]),
    ("alejo", &["alejandro"]),
    ("alex", &["alexander", "alexandra", "aleksey"]),
    ("alyosha", &["aleksey"]),
    ("andy", &["andrew"]),
    ("arkasha", &["arkady"]),
    ("avi", &["avraham"]),
    ("becky", &["rebecca"]),
    ("beppe", &["giuseppe"]),
    ("bert", &["albert", "herbert"]),
    ("betty", &["elizabeth"]),
    ("bibi", &["benjamin", "binyamin"]),
    ("bill", &["william"]),
    ("billy", &["william"]),
    ("bob", &["robert"]),
    ("bobby", &["robert"]),
    ("borya", &["boris"]),
    ("charlie", &["charles"]),
    ("chema", &["jose"]),
    (
        "chris",
        &["christopher", "christian", "christine", "christina"],
    ),
    ("chuck", &["charles"]),
    ("dan", &["daniel"]),
    ("danny", &["daniel"]),
    ("dave", &["david"]),
    ("debbie", &["deborah"]),
    ("dick", &["richard"]),
    ("dima", &["dmitry"]),
    ("drew", &["andrew"]),
    ("dudu", &["david"]),
    ("ed", &["edward", "edmund"]),
    ("eddie", &["edward", "edmund"]),
    ("fedya", &["fyodor"]),
    ("frank", &["francis"]),
    ("fred", &["frederick", "alfred"]),
    ("freddie", &["frederick", "alfred"]),
    ("fritz", &["friedrich"]),
    ("gabe", &["gabriel"]),
    ("galya", &["galina"]),
    ("gena", &["gennady"]),
    ("gene", &["eugene"]),
    ("gigi", &["luigi"]),
    ("greg", &["gregory"]),
    ("grisha", &["grigory"]),
    ("hal", &["henry"]),
    ("hank", &["henry"]),
    ("harry", &["henry", "harold"]),
    ("heinz", &["heinrich"]),
    ("henk", &["hendrik"]),
    ("ira", &["irina"]),
    ("itzik", &["yitzhak"]),
    ("jack", &["john"]),
    ("jamie", &["james"]),
    ("jeff", &["jeffrey"]),
    ("jenny", &["jennifer"]),
    ("jerry", &["gerald", "jerome"]),
    ("jim", &["james"]),
    ("jimmy", &["james"]),
    ("joe", &["joseph"]),
    ("joey", &["joseph"]),
    ("johnny", &["john"]),
    ("jon", &["jonathan"]),
    ("joop", &["johannes"]),
    ("josh", &["joshua"]),
    ("jupp", &["josef"]),
    ("kate", &["katherine", "catherine"]),
    ("kathy", &["katherine", "catherine"]),
    ("katie", &["katherine", "catherine"]),
    ("katya", &["yekaterina"]),
    ("kees", &["cornelis"]),
    ("ken", &["kenneth"]),
    ("kenny", &["kenneth"]),
    ("kobi", &["yaakov"]),
    ("kolya", &["nikolay"]),
    ("kostya", &["konstantin"]),
    ("lalo", &["eduardo"]),
    ("larry", &["lawrence"]),
    ("len", &["leonard"]),
    ("lena", &["yelena"]),
    ("lenny", &["leonard"]),
    ("liz", &["elizabeth"]),
    ("lyonya", &["leonid"]),
    ("lyosha", &["aleksey"]),
    ("lyuda", &["lyudmila"]),
    ("maggie", &["margaret"]),
    ("manny", &["manuel"]),
    ("masha", &["mariya"]),
    ("matt", &["matthew"]),
    ("mick", &["michael"]),
    ("mickey", &["michael"]),
    ("mike", &["michael"]),
    ("misha", &["mikhail"]),
    ("molly", &["mary"]),
    ("motti", &["mordechai"]),
    ("nacho", &["ignacio"]),
    ("nadya", &["nadezhda"]),
    ("natasha", &["natalya"]),
    ("nate", &["nathan", "nathaniel"]),
    ("ned", &["edward"]),
    ("nick", &["nicholas"]),
    ("ollie", &["oliver"]),
    ("olya", &["olga"]),
    ("paco", &["francisco"]),
    ("pancho", &["francisco"]),
    ("pasha", &["pavel"]),
    ("pat", &["patrick", "patricia"]),
    ("peggy", &["margaret"]),
    ("pepe", &["jose"]),
    ("pete", &["peter"]),
    ("petya", &["pyotr"]),
    ("phil", &["philip"]),
    ("piet", &["pieter"]),
    ("polly", &["mary"]),
    ("ray", &["raymond"]),
    ("rich", &["richard"]),
    ("richie", &["richard"]),
    ("rick", &["richard"]),
    ("rob", &["robert"]),
    ("robbie", &["robert"]),
    ("roma", &["roman"]),
    ("ron", &["ronald"]),
    ("ronnie", &["ronald"]),
    ("russ", &["russell"]),
    ("sally", &["sarah"]),
    ("sam", &["samuel", "samantha"]),
    ("sandy", &["alexander", "sandra"]),
    ("sasha", &["aleksandr", "aleksandra"]),
    ("senya", &["semyon"]),
    ("sepp", &["josef"]),
    ("seryozha", &["sergey"]),
    ("shmulik", &["shmuel"]),
    ("slava", &["vyacheslav", "stanislav", "yaroslav"]),
    ("stan", &["stanley"]),
    ("steve", &["stephen", "steven"]),
    ("styopa", &["stepan"]),
    ("sue", &["susan"]),
    ("susie", &["susan"]),
    ("sveta", &["svetlana"]),
    ("tanya", &["tatyana"]),
    ("ted", &["edward", "theodore"]),
    ("teddy", &["edward", "theodore"]),
    ("theo", &["theodore"]),
    ("tim", &["timothy"]),
    ("tolik", &["anatoly"]),
    ("tolya", &["anatoly"]),
    ("tom", &["thomas"]),
    ("tommy", &["thomas"]),
    ("tony", &["anthony", "antonio"]),
    ("tzipi", &["tzipora"]),
    ("valera", &["valery"]),
    ("vanya", &["ivan"]),
    ("vicky", &["victoria"]),
    ("vince", &["vincent"]),
    ("vitalik", &["vitaly"]),
    ("vitya", &["viktor"]),
    ("volodya", &["vladimir"]),
    ("vova", &["vladimir"]),
    ("walt", &["walter"]),
    ("wes", &["wesley"]),
    ("will", &["william"]),
    ("willy", &["william"]),
    ("wim", &["willem"]),
    ("yossi", &["yosef"]),
    ("yura", &["yury"]),
    ("zach", &["zachary"]),
    ("zhenya", &["yevgeny", "yevgeniya"]),
    ("zhora", &["georgy"]),
];

/// Formal names of a short form, if it is one.
pub fn formal_names(word: &str) -> &'static [&'static str] {
    HYPOCORISMS
        .binary_search_by(|(short, _)| short.cmp(&word))
        .map(|i| HYPOCORISMS[i].1)
        .unwrap_or(&[])
}

/// Readings of a person's name (lowercase ASCII words) with short forms
/// replaced by formal names: one per formal name of each short form,
/// the first short form first. `eligible[i]` says whether word `i` may be
/// a given name (a family name "Bill" is not William).
pub fn readings(words: &[&str], eligible: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !eligible.get(i).copied().unwrap_or(false) {
            continue;
        }
        for formal in formal_names(word) {
            let reading: Vec<&str> = words
                .iter()
                .enumerate()
                .map(|(j, w)| if j == i { *formal } else { *w })
                .collect();
            out.push(reading.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(HYPOCORISMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn formal_names_replace_short_forms() {
        assert_eq!(
            readings(&["ted", "doe"], &[true, false]),
            ["edward doe", "theodore doe"]
        );
        assert_eq!(
            readings(&["vova", "putin"], &[true, false]),
            ["vladimir putin"]
        );
        assert!(readings(&["john", "bill"], &[true, false]).is_empty());
        assert!(readings(&["sergey", "lavrov"], &[true, true]).is_empty());
    }
}
