//! Cyrillic to Latin. Russian in four conventions (BGN/PCGN, ICAO 9303,
//! scholarly with j, popular English), Ukrainian (national 2010 system,
//! BGN, scholarly, and a Russian-style reading), Belarusian, Serbian and
//! Macedonian (their Latin alphabets), Bulgarian (the 2009 system).

/// Which language's rules to apply, guessed from letters only some
/// alphabets have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CyrillicLang {
    Russian,
    Ukrainian,
    Belarusian,
    Serbian,
    Bulgarian,
}

impl CyrillicLang {
    /// The language a Cyrillic text is most likely in, from the letters
    /// only some alphabets have; in one pass over the text (every
    /// Cyrillic name asks).
    pub fn detect(text: &str) -> CyrillicLang {
        let (mut serbian, mut short_u, mut ukrainian, mut dotted_i, mut russian_vowel) =
            (false, false, false, false, false);
        let mut bulgarian = false;
        let mut previous = None;
        for c in text.chars() {
            match c {
                'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' => serbian = true,
                'ў' => short_u = true,
                'ґ' | 'є' | 'ї' => ukrainian = true,
                'і' => dotted_i = true,
                'ы' | 'э' => russian_vowel = true,
                _ => {}
            }
            // Russian writes ъ only before е, ё, ю, я; Bulgarian writes it
            // as a vowel before consonants (Търговски, Българ).
            bulgarian |= previous == Some('ъ') && is_consonant(c);
            previous = Some(c);
        }
        if serbian {
            CyrillicLang::Serbian
        } else if short_u {
            CyrillicLang::Belarusian
        } else if ukrainian || (dotted_i && !russian_vowel) {
            CyrillicLang::Ukrainian
        } else if dotted_i {
            CyrillicLang::Belarusian
        } else if bulgarian {
            CyrillicLang::Bulgarian
        } else {
            CyrillicLang::Russian
        }
    }
}

fn is_consonant(c: char) -> bool {
    "бвгґджзйклмнпрстфхцчшщ".contains(c)
}

fn is_vowel(c: char) -> bool {
    "аеёиіїоуыэюяєў".contains(c)
}

/// Latin renderings of one Cyrillic word (lowercase), primary first.
pub fn romanize(word: &str, lang: CyrillicLang) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let conventions = match lang {
        CyrillicLang::Russian => 4,
        CyrillicLang::Ukrainian => 4,
        CyrillicLang::Belarusian => 2,
        CyrillicLang::Serbian | CyrillicLang::Bulgarian => 1,
    };
    (0..conventions)
        .map(|conv| {
            let mut out = String::with_capacity(chars.len() * 2);
            let mut i = 0;
            while i < chars.len() {
                let ctx = Context::at(&chars, i);
                let (latin, used) = match lang {
                    CyrillicLang::Russian => russian(ctx, conv),
                    CyrillicLang::Ukrainian => ukrainian(ctx, conv),
                    CyrillicLang::Belarusian => belarusian(ctx, conv),
                    CyrillicLang::Serbian => (serbian(ctx.c), 1),
                    CyrillicLang::Bulgarian => bulgarian(ctx),
                };
                out.push_str(latin);
                i += used;
            }
            out
        })
        .collect()
}

#[derive(Clone, Copy)]
struct Context {
    c: char,
    next: Option<char>,
    start: bool,
    /// Word start, or after a vowel or sign: where е, ю, я carry a y-glide.
    glide: bool,
    /// This letter and the next end the word (-ий, -ый, -ия).
    pair_ends_word: bool,
}

impl Context {
    fn at(chars: &[char], i: usize) -> Context {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        Context {
            c: chars[i],
            next: chars.get(i + 1).copied(),
            start: i == 0,
            glide: prev.is_none_or(|p| is_vowel(p) || p == 'ъ' || p == 'ь'),
            pair_ends_word: i + 2 == chars.len(),
        }
    }

    fn pick(self, options: [&'static str; 4], conv: usize) -> &'static str {
        options[conv.min(3)]
    }
}

/// Conventions: 0 BGN/PCGN, 1 ICAO 9303, 2 scholarly (j), 3 popular.
fn russian(ctx: Context, conv: usize) -> (&'static str, usize) {
    if ctx.next == Some('й') && ctx.pair_ends_word {
        match ctx.c {
            'и' => return (ctx.pick(["iy", "ii", "ij", "y"], conv), 2),
            'ы' => return (ctx.pick(["yy", "y", "yj", "y"], conv), 2),
            'е' if !ctx.glide => return (ctx.pick(["ey", "ei", "ej", "ei"], conv), 2),
            _ => {}
        }
    }
    let latin = match ctx.c {
        'е' if ctx.glide => ctx.pick(["ye", "e", "je", "e"], conv),
        'ё' if ctx.glide => ctx.pick(["yo", "e", "jo", "yo"], conv),
        'ё' => ctx.pick(["e", "e", "jo", "yo"], conv),
        'й' => ctx.pick(["y", "i", "j", "y"], conv),
        'х' => ctx.pick(["kh", "kh", "h", "kh"], conv),
        'ц' => "ts",
        'ъ' => ctx.pick(["", "ie", "", ""], conv),
        'ю' => ctx.pick(["yu", "iu", "ju", "yu"], conv),
        'я' => ctx.pick(["ya", "ia", "ja", "ya"], conv),
        c => common(c),
    };
    (latin, 1)
}

/// Conventions: 0 national 2010, 1 BGN, 2 scholarly, 3 Russian-style.
fn ukrainian(ctx: Context, conv: usize) -> (&'static str, usize) {
    // The national system spells the glide only word-initially.
    let start_or = |initial: &'static str, other: &'static str| {
        if ctx.start {
            initial
        } else {
            other
        }
    };
    let latin = match ctx.c {
        'г' => ctx.pick(["h", "h", "h", "g"], conv),
        'ґ' => "g",
        'е' => "e",
        'є' => ctx.pick([start_or("ye", "ie"), "ye", "je", "ye"], conv),
        'и' => ctx.pick(["y", "y", "y", "i"], conv),
        'і' => "i",
        'ї' => ctx.pick([start_or("yi", "i"), "yi", "ji", "i"], conv),
        'й' => ctx.pick([start_or("y", "i"), "y", "j", "y"], conv),
        'х' => ctx.pick(["kh", "kh", "ch", "kh"], conv),
        'ю' => ctx.pick([start_or("yu", "iu"), "yu", "ju", "yu"], conv),
        'я' => ctx.pick([start_or("ya", "ia"), "ya", "ja", "ya"], conv),
        c => common(c),
    };
    (latin, 1)
}

/// Conventions: 0 BGN/PCGN, 1 the official Latin alphabet (diacritics are
/// folded later).
fn belarusian(ctx: Context, conv: usize) -> (&'static str, usize) {
    let two = |bgn: &'static str, official: &'static str| if conv == 0 { bgn } else { official };
    let latin = match ctx.c {
        'г' => "h",
        'е' if ctx.glide => two("ye", "je"),
        'е' => two("e", "ie"),
        'ё' if ctx.glide => two("yo", "jo"),
        'ё' => two("yo", "io"),
        'й' => two("y", "j"),
        'ў' => two("w", "u"),
        'х' => two("kh", "ch"),
        'ц' => two("ts", "c"),
        'ч' => two("ch", "č"),
        'ш' => two("sh", "š"),
        'ж' => two("zh", "ž"),
        'ю' if ctx.glide => two("yu", "ju"),
        'ю' => two("yu", "iu"),
        'я' if ctx.glide => two("ya", "ja"),
        'я' => two("ya", "ia"),
        c => common(c),
    };
    (latin, 1)
}

/// Serbian and Macedonian Cyrillic map one-to-one onto their Latin
/// alphabets; the Latin folding step adds the č→ch style variants.
fn serbian(c: char) -> &'static str {
    match c {
        'ђ' => "đ",
        'ж' => "ž",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "ć",
        'х' => "h",
        'ц' => "c",
        'ч' => "č",
        'џ' => "dž",
        'ш' => "š",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        c => common(c),
    }
}

fn bulgarian(ctx: Context) -> (&'static str, usize) {
    if ctx.c == 'и' && ctx.next == Some('я') && ctx.pair_ends_word {
        return ("ia", 2);
    }
    let latin = match ctx.c {
        'й' => "y",
        'х' => "h",
        'щ' => "sht",
        'ъ' => "a",
        'ь' => "y",
        'ю' => "yu",
        'я' => "ya",
        c => common(c),
    };
    (latin, 1)
}

/// Letters every convention above spells the same way.
fn common(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' | 'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'є' => "ye",
        'ґ' => "g",
        'ј' => "j",
        _ => "",
    }
}
