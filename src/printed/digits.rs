//! Figures printed in digits: Arabic-Indic and Persian digits read as their
//! values; digit groups separated by spaces (plain, no-break, thin), commas,
//! dots or apostrophes; a decimal point or comma told apart by the groups'
//! lengths and, where one separator of three digits could be either, by the
//! report's language ("15.452" is 15 452 in an Arabic or French report,
//! 15.452 in an English one; "1,246" is 1 246 in an Arabic or English one).

use super::Lang;
use super::decimal::Decimal;

/// The digit a character stands for: ASCII, Arabic-Indic (U+0660..) or
/// Persian (U+06F0..).
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

pub(crate) fn is_digit(c: char) -> bool {
    digit(c).is_some()
}

/// Spaces that group digits: plain, no-break, narrow no-break, thin.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// A separator inside a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Space,
    Comma,
    Dot,
    Apostrophe,
    /// U+066C, the Arabic thousands separator.
    ArabicThousands,
    /// U+066B, the Arabic decimal separator.
    ArabicDecimal,
}

fn sep(c: char) -> Option<Sep> {
    match c {
        ',' => Some(Sep::Comma),
        '.' => Some(Sep::Dot),
        '\'' | '\u{2019}' => Some(Sep::Apostrophe),
        '\u{066C}' => Some(Sep::ArabicThousands),
        '\u{066B}' => Some(Sep::ArabicDecimal),
        c if is_group_space(c) => Some(Sep::Space),
        _ => None,
    }
}

/// A figure in digits read from `chars[start..]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Numeral {
    pub(crate) value: Decimal,
    /// Digits printed after the decimal separator.
    pub(crate) decimals: u32,
    /// Four digits, no separator, 1800 to 2100: a year more likely than a figure.
    pub(crate) year_like: bool,
    /// One past its last character.
    pub(crate) end: usize,
}

fn run(chars: &[char], from: usize) -> (String, usize) {
    let mut s = String::new();
    let mut i = from;
    while let Some(d) = chars.get(i).copied().and_then(digit) {
        s.push(char::from_digit(d, 10).unwrap_or('0'));
        i += 1;
    }
    (s, i)
}

/// Whether a separator of three digits groups thousands in `lang`.
fn groups(s: Sep, lang: Lang) -> bool {
    match s {
        Sep::Space | Sep::Apostrophe | Sep::ArabicThousands => true,
        Sep::ArabicDecimal => false,
        Sep::Comma => lang != Lang::Fr,
        Sep::Dot => lang != Lang::En,
    }
}

/// The figure starting at `start` (a digit).
pub(crate) fn numeral(chars: &[char], start: usize, lang: Lang) -> Option<Numeral> {
    let (first, mut i) = run(chars, start);
    if first.is_empty() {
        return None;
    }
    // Every separator followed by digits, as far as they go.
    let mut parts: Vec<(Sep, String, usize)> = Vec::new();
    while let Some(s) = chars.get(i).copied().and_then(sep) {
        let (digits, next) = run(chars, i + 1);
        if digits.is_empty() {
            break;
        }
        // A space groups only three digits, after a first group of at most
        // three: "2017 2018" is two years, "4 696 069" one figure.
        if s == Sep::Space
            && (digits.len() != 3
                || parts.iter().any(|p| p.0 != Sep::Space)
                || (parts.is_empty() && first.len() > 3))
        {
            break;
        }
        parts.push((s, digits, next));
        i = next;
    }
    // Which separators group and which one is the decimal point.
    let mut int = first.clone();
    let mut frac = String::new();
    let mut end = start + first.chars().count();
    let distinct: Vec<Sep> = {
        let mut v: Vec<Sep> = parts.iter().map(|p| p.0).collect();
        v.dedup();
        v
    };
    for (k, (s, digits, next)) in parts.iter().enumerate() {
        let last = k + 1 == parts.len();
        let three = digits.len() == 3;
        let decimal = match *s {
            Sep::ArabicDecimal => true,
            Sep::Space | Sep::Apostrophe | Sep::ArabicThousands => false,
            // Two kinds of separator: the last one is the decimal point.
            _ if distinct.len() > 1 => last && distinct.last() == Some(s),
            // One kind, repeated: groups (each of three digits).
            _ if parts.len() > 1 => false,
            // Once: groups if three digits and the language groups with it.
            _ => !(three && groups(*s, lang)),
        };
        if decimal {
            frac = digits.clone();
            end = *next;
            break;
        }
        if !three {
            // Not a group of thousands: the figure ends before it.
            break;
        }
        int.push_str(digits);
        end = *next;
    }
    let value = Decimal::parse(&int, &frac)?;
    let year_like = parts.is_empty()
        && first.len() == 4
        && first
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y));
    Some(Numeral {
        value,
        decimals: frac.len() as u32,
        year_like,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, lang: Lang) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        numeral(&chars, 0, lang).map(|n| n.value.to_string())
    }

    #[test]
    fn groupings_and_decimal_points() {
        use Lang::*;
        let cases: &[(&str, Lang, &str)] = &[
            ("15.452", Ar, "15452"),
            ("15.452", Fr, "15452"),
            ("15.452", En, "15.452"),
            ("1,246,391", Ar, "1246391"),
            ("1,246,391", En, "1246391"),
            ("1,246", Fr, "1.246"),
            ("4 696 069", Ar, "4696069"),
            ("4\u{00A0}696\u{00A0}069", Fr, "4696069"),
            ("4\u{202F}696\u{202F}069", Fr, "4696069"),
            ("4\u{2009}696", En, "4696"),
            ("1'000", Fr, "1000"),
            ("1’000’000", Fr, "1000000"),
            ("2,5", Fr, "2.5"),
            ("2,5", Ar, "2.5"),
            ("31.7", Ar, "31.7"),
            ("1.234,5", Fr, "1234.5"),
            ("1,234.5", En, "1234.5"),
            ("١٢٣٤", Ar, "1234"),
            ("۱۲۳", Ar, "123"),
            ("٣٫٥", Ar, "3.5"),
            ("١٬٢٤٦٬٣٩١", Ar, "1246391"),
            ("10.000", Ar, "10000"),
            ("2017 2018", Ar, "2017"),
            ("12 50", Fr, "12"),
            ("3310", Ar, "3310"),
        ];
        for (text, lang, want) in cases {
            assert_eq!(read(text, *lang).as_deref(), Some(*want), "{text} {lang:?}");
        }
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_figure() {
        let chars: Vec<char> = "288، و40.".chars().collect();
        let n = numeral(&chars, 0, Lang::Ar).expect("figure");
        assert_eq!((n.value, n.end), (Decimal::int(288), 3));
        let chars: Vec<char> = "1,246,391.".chars().collect();
        assert_eq!(numeral(&chars, 0, Lang::En).map(|n| n.end), Some(9));
    }

    #[test]
    fn years_are_told_apart() {
        let chars: Vec<char> = "2017".chars().collect();
        assert!(numeral(&chars, 0, Lang::Ar).is_some_and(|n| n.year_like));
        let chars: Vec<char> = "3310".chars().collect();
        assert!(numeral(&chars, 0, Lang::Ar).is_some_and(|n| !n.year_like));
    }
}
