//! Arabic number words: units in both genders (ثلاث, ثلاثة), teens (أربعة
//! عشر), tens (عشرون, عشرين), hundreds (مائة, مئتين, ثلاثمائة), and the scale
//! words with their duals and plurals (ألف, ألفا, ألفين, آلاف; مليون,
//! مليونين, ملايين; مليار), as news and official reports print them, with or
//! without diacritics, alone or mixed with digits ("أربعة ملايين و696 ألفا
//! و69"). Ordinals (الخامسة) are read as such. A word may carry a one-letter
//! prefix (و, ب, ل, ف, ك: "وعشرون", "بست").

/// What an Arabic word says as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// 1 to 10.
    Unit(u32),
    /// 20, 30, ... 90.
    Ten(u32),
    /// 100, 200, ... 900.
    Hundred(u32),
    /// A scale word: 10^exp, `count` of them (2 for a dual; 0 for a plural,
    /// which needs a number before it). `construct`: the form ending in
    /// alef ("ألفا", "مليونا"), the accusative after a number ("130 ألفا")
    /// but the dual standing alone ("ألفا درهم": two thousand dirhams).
    Scale {
        exp: u32,
        count: u32,
        construct: bool,
    },
    /// "الخامسة": the fifth.
    Ordinal(u32),
}

/// Diacritics and the tatweel dropped, alef forms and final yeh unified: the
/// form the lexicon is written in.
pub(crate) fn normal(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            c => c,
        })
        .collect()
}

pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{064B}'..='\u{0652}' | '\u{0670}')
}

const UNITS: [(&str, u32); 26] = [
    ("صفر", 0),
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("اثنا", 2),
    ("اثنتا", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("اربع", 4),
    ("اربعة", 4),
    ("خمس", 5),
    ("خمسة", 5),
    ("ست", 6),
    ("ستة", 6),
    ("سبع", 7),
    ("سبعة", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانية", 8),
    ("تسع", 9),
    ("تسعة", 9),
    ("عشر", 10),
    ("عشرة", 10),
];

const TENS: [(&str, u32); 8] = [
    ("عشرون", 20),
    ("ثلاثون", 30),
    ("اربعون", 40),
    ("خمسون", 50),
    ("ستون", 60),
    ("سبعون", 70),
    ("ثمانون", 80),
    ("تسعون", 90),
];

const HUNDREDS: [(&str, u32); 9] = [
    ("مائة", 1),
    ("مائتان", 2),
    ("ثلاثمائة", 3),
    ("اربعمائة", 4),
    ("خمسمائة", 5),
    ("ستمائة", 6),
    ("سبعمائة", 7),
    ("ثمانمائة", 8),
    ("تسعمائة", 9),
];

/// (stem, exponent): a scale word's forms are its stem with these endings.
const SCALES: [(&str, u32); 3] = [("الف", 3), ("مليون", 6), ("مليار", 9)];

const ORDINALS: [(&str, u32); 10] = [
    ("اول", 1),
    ("ثاني", 2),
    ("ثالث", 3),
    ("رابع", 4),
    ("خامس", 5),
    ("سادس", 6),
    ("سابع", 7),
    ("ثامن", 8),
    ("تاسع", 9),
    ("عاشر", 10),
];

/// A scale word in any of its forms.
fn scale(w: &str) -> Option<Word> {
    let plural = [("الاف", 3), ("ملايين", 6), ("مليارات", 9), ("بلايين", 9)];
    if let Some((_, exp)) = plural.iter().find(|(p, _)| *p == w) {
        return Some(Word::Scale {
            exp: *exp,
            count: 0,
            construct: false,
        });
    }
    for (stem, exp) in SCALES {
        let Some(rest) = w.strip_prefix(stem) else {
            continue;
        };
        let (count, construct) = match rest {
            "" => (1, false),
            "ا" => (1, true),
            // Duals: ألفان, ألفين, مليونان, مليونين.
            "ان" | "ين" => (2, false),
            _ => continue,
        };
        return Some(Word::Scale {
            exp,
            count,
            construct,
        });
    }
    None
}

/// "أحد", "إحدى": "one" only before عشر / عشرة (eleven); alone, "one of"
/// or "someone", never a figure.
pub(crate) fn eleven_head(w: &str) -> bool {
    matches!(w, "احد" | "احدي")
}

/// The word (already `normal`) as a number word, without a prefix.
fn bare(w: &str) -> Option<Word> {
    if let Some((_, v)) = UNITS.iter().find(|(u, _)| *u == w) {
        return Some(Word::Unit(*v));
    }
    // Tens in both cases: عشرون (nominative), عشرين (accusative/genitive).
    for (t, v) in TENS {
        let oblique = format!("{}ين", t.trim_end_matches("ون"));
        if w == t || w == oblique {
            return Some(Word::Ten(v));
        }
    }
    // Hundreds with both spellings (مائة, مئة) and the dual's cases.
    let w_hundreds = w.replace("مئة", "مائة").replace("مئت", "مائت");
    let w_hundreds = w_hundreds.as_str();
    if let Some((_, v)) = HUNDREDS.iter().find(|(h, _)| *h == w_hundreds) {
        return Some(Word::Hundred(*v * 100));
    }
    if matches!(w_hundreds, "مائتين" | "مائتا" | "مائتي") {
        return Some(Word::Hundred(200));
    }
    if let Some(s) = scale(w) {
        return Some(s);
    }
    let stem = w.strip_prefix("ال")?;
    // The feminine in ة ("الخامسة"), or in ى for the first ("الأولى"; not
    // "الأولية", primary, an adjective).
    let stem = match stem.strip_suffix('ة') {
        Some(s) => s,
        None if stem == "اولي" => "اول",
        None => stem,
    };
    ORDINALS
        .iter()
        .find(|(o, _)| *o == stem)
        .map(|(_, v)| Word::Ordinal(*v))
}

/// The number word `word` is (in any spelling), and whether it carries a
/// one-letter prefix; `None` when it is no number word.
pub(crate) fn word(word: &str) -> Option<(Word, bool)> {
    let w = normal(word);
    if let Some(x) = bare(&w) {
        return Some((x, false));
    }
    let mut chars = w.chars();
    let first = chars.next()?;
    if matches!(first, 'و' | 'ب' | 'ل' | 'ف' | 'ك') {
        let rest: String = chars.collect();
        // A prefixed word stands for a number only in full ("بست": with
        // six); an ordinal keeps its article, so no prefix before it here.
        if let Some(x) = bare(&rest).filter(|x| !matches!(x, Word::Ordinal(_))) {
            return Some((x, true));
        }
    }
    None
}

/// A feminine dual ("فرقتين": two teams), told by its ending; alone it could
/// be a word that happens to end so, so the reader asks for two in a row (a
/// noun and its adjective agree: "فرقتين متنقلتين").
pub(crate) fn feminine_dual(word: &str) -> bool {
    let w = word.strip_prefix("ال").unwrap_or(word);
    w.chars().count() >= 5
        && (w.ends_with("تين") || w.ends_with("تان"))
        && self::word(word).is_none()
}

/// The words that say "per cent" after a figure, normalised.
pub(crate) const PERCENT: [&[&str]; 5] = [
    &["في", "المائة"],
    &["في", "المئة"],
    &["بالمائة"],
    &["بالمئة"],
    &["بالماية"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_every_spelling() {
        assert_eq!(word("أربعة"), Some((Word::Unit(4), false)));
        assert_eq!(word("أربع"), Some((Word::Unit(4), false)));
        assert_eq!(word("بست"), Some((Word::Unit(6), true)));
        assert_eq!(word("وعشرون"), Some((Word::Ten(20), true)));
        assert_eq!(word("عشرين"), Some((Word::Ten(20), false)));
        assert_eq!(word("ثلاثمئة"), Some((Word::Hundred(300), false)));
        assert_eq!(word("مئتين"), Some((Word::Hundred(200), false)));
        let sc = |exp, count, construct| {
            Some((
                Word::Scale {
                    exp,
                    count,
                    construct,
                },
                false,
            ))
        };
        assert_eq!(word("ألفاً"), sc(3, 1, true));
        assert_eq!(word("ألفين"), sc(3, 2, false));
        assert_eq!(word("آلاف"), sc(3, 0, false));
        assert_eq!(word("مليونين"), sc(6, 2, false));
        assert_eq!(word("ملايين"), sc(6, 0, false));
        assert_eq!(word("مليار"), sc(9, 1, false));
        assert_eq!(word("الخامسة"), Some((Word::Ordinal(5), false)));
        assert_eq!(word("الأولى"), Some((Word::Ordinal(1), false)));
        assert_eq!(word("الأولية"), None);
        assert_eq!(word("مصالح"), None);
        assert_eq!(word("المائة"), None);
        assert_eq!(word("ستقوم"), None);
    }
}
