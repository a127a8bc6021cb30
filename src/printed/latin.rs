//! French and English number words ("quatre-vingt-seize", "two million
//! three hundred"), read by the text2num crate, and the scale words that
//! follow digits ("2,5 millions", "1.2 billion").

use super::Lang;
use text2num::{Language, text2digits};

/// Words that can be part of a number in words, per language: a run of them
/// is handed to text2num, which says whether it is one number.
const FR: [&str; 37] = [
    "zéro",
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "septante",
    "huitante",
    "octante",
    "nonante",
    "cent",
    "cents",
    "mille",
    "million",
    "millions",
    "milliard",
    "milliards",
    "et",
    "zero",
];
const EN: [&str; 35] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "and",
    "a",
    "trillion",
];

/// Whether `word` (lower case) may be part of a number in words.
pub(crate) fn number_word(word: &str, lang: Lang) -> bool {
    let list: &[&str] = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
        Lang::Ar => return false,
    };
    word.split('-').all(|part| list.contains(&part))
}

/// Words that only join others: a run may not start or end with them.
pub(crate) fn joiner(word: &str) -> bool {
    matches!(word, "et" | "and" | "a")
}

/// Words that are numbers but far more often articles ("un rapport",
/// "one of"): read only before a scale word ("un million").
pub(crate) fn article(word: &str) -> bool {
    matches!(word, "un" | "une" | "one" | "a")
}

/// The value of a run of number words, if text2num reads it as one number.
pub(crate) fn words_value(words: &[String], lang: Lang) -> Option<i128> {
    let language = match lang {
        Lang::Fr => Language::french(),
        Lang::En => Language::english(),
        Lang::Ar => return None,
    };
    let text = words.join(" ");
    text2digits(&text, &language).ok()?.parse().ok()
}

/// A scale word after digits: its power of ten.
pub(crate) fn scale(word: &str) -> Option<u32> {
    match word {
        "mille" | "thousand" => Some(3),
        "million" | "millions" => Some(6),
        "milliard" | "milliards" | "billion" | "billions" => Some(9),
        _ => None,
    }
}

/// The words that say "per cent" after a figure.
pub(crate) const PERCENT: [&[&str]; 4] = [
    &["pour", "cent"],
    &["per", "cent"],
    &["percent"],
    &["pourcent"],
];

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str, lang: Lang) -> Option<i128> {
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        words_value(&words, lang)
    }

    #[test]
    fn words_read_by_text2num() {
        assert_eq!(v("quatre-vingt-seize", Lang::Fr), Some(96));
        assert_eq!(v("deux mille trois cent quarante", Lang::Fr), Some(2340));
        assert_eq!(v("two million", Lang::En), Some(2_000_000));
        assert_eq!(v("one hundred fifty-seven", Lang::En), Some(157));
        assert!(number_word("quatre-vingt-seize", Lang::Fr));
        assert!(!number_word("rapport", Lang::Fr));
    }
}
