//! Georgian (Mkhedruli) to Latin: the 2002 national system, which drops
//! the ejective apostrophes that older lists print.

/// Latin rendering of one Georgian word.
pub fn romanize(word: &str) -> Vec<String> {
    vec![word.chars().map(letter).collect()]
}

fn letter(c: char) -> &'static str {
    // Mtavruli capitals (U+1C90..) mirror Mkhedruli; map them down first.
    let c = match c as u32 {
        0x1C90..=0x1CBA => char::from_u32(c as u32 - 0x1C90 + 0x10D0).unwrap_or(c),
        _ => c,
    };
    match c {
        'ა' => "a",
        'ბ' => "b",
        'გ' => "g",
        'დ' => "d",
        'ე' => "e",
        'ვ' => "v",
        'ზ' => "z",
        'თ' => "t",
        'ი' => "i",
        'კ' => "k",
        'ლ' => "l",
        'მ' => "m",
        'ნ' => "n",
        'ო' => "o",
        'პ' => "p",
        'ჟ' => "zh",
        'რ' => "r",
        'ს' => "s",
        'ტ' => "t",
        'უ' => "u",
        'ფ' => "p",
        'ქ' => "k",
        'ღ' => "gh",
        'ყ' => "q",
        'შ' => "sh",
        'ჩ' => "ch",
        'ც' => "ts",
        'ძ' => "dz",
        'წ' => "ts",
        'ჭ' => "ch",
        'ხ' => "kh",
        'ჯ' => "j",
        'ჰ' => "h",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn national_system() {
        assert_eq!(super::romanize("მიხეილ"), ["mikheil"]);
        assert_eq!(super::romanize("სააკაშვილი"), ["saakashvili"]);
        assert_eq!(super::romanize("ჯუღაშვილი"), ["jughashvili"]);
    }
}
