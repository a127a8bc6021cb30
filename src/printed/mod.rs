//! Figures as reports print them. A line of a report's text is read into
//! the figures it prints, each with its value (exact: `Decimal`), the
//! decimals printed, a bound word before it ("أكثر من", "plus de", "up to"),
//! a per-cent word after it, and where it stands in the line. Digits in any
//! script and grouping (`digits`), Arabic number words and their mixed forms
//! with digits (`arabic`), French and English number words (`latin`). No
//! Polars: the provenance check and `yoy extract` read with it.

mod arabic;
mod compound;
mod decimal;
mod digits;
mod latin;

use compound::{Atom, Reading};
pub use decimal::Decimal;

/// The language a report is written in, which decides how its numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    Fr,
    En,
}

impl Lang {
    /// The report's `language:` (`ar`, `fr`, `en`, or a longer tag).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or("");
        match primary {
            "ar" | "ara" | "arabic" => Some(Lang::Ar),
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// A guess from the text: Arabic letters, else French words, else English.
    pub fn guess(text: &str) -> Lang {
        let arabic = text
            .chars()
            .filter(|c| arabic::is_arabic_letter(*c))
            .count();
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if arabic > latin / 4 {
            return Lang::Ar;
        }
        let lower = text.to_lowercase();
        let french = [
            " le ", " la ", " les ", " des ", " du ", " et ", " est ", "é",
        ]
        .iter()
        .filter(|w| lower.contains(*w))
        .count();
        let english = [" the ", " and ", " of ", " is ", " was "]
            .iter()
            .filter(|w| lower.contains(*w))
            .count();
        if french > english { Lang::Fr } else { Lang::En }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// A word before a figure that makes it a bound or an approximation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    MoreThan,
    LessThan,
    AtLeast,
    AtMost,
    UpTo,
    About,
    Nearly,
}

impl Bound {
    pub fn words(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::MoreThan => "more than",
            Bound::LessThan => "less than",
            Bound::AtLeast => "at least",
            Bound::AtMost => "at most",
            Bound::UpTo => "up to",
            Bound::About => "about",
            Bound::Nearly => "nearly",
        }
    }
}

/// The bound phrases, as normalised words, per language.
const BOUNDS: [(&[&str], Bound); 33] = [
    (&["اكثر", "من"], Bound::MoreThan),
    (&["ازيد", "من"], Bound::MoreThan),
    (&["ما", "يزيد", "عن"], Bound::MoreThan),
    (&["ما", "يزيد", "على"], Bound::MoreThan),
    (&["اقل", "من"], Bound::LessThan),
    (&["على", "الاقل"], Bound::AtLeast),
    (&["على", "الاكثر"], Bound::AtMost),
    (&["في", "حدود"], Bound::UpTo),
    (&["حوالي"], Bound::About),
    (&["نحو"], Bound::About),
    (&["زهاء"], Bound::About),
    (&["قرابة"], Bound::Nearly),
    (&["ما", "يقارب"], Bound::Nearly),
    (&["plus", "de"], Bound::MoreThan),
    (&["moins", "de"], Bound::LessThan),
    (&["au", "moins"], Bound::AtLeast),
    (&["au", "plus"], Bound::AtMost),
    (&["jusqu'à"], Bound::UpTo),
    (&["jusqu’à"], Bound::UpTo),
    (&["environ"], Bound::About),
    (&["près", "de"], Bound::About),
    (&["presque"], Bound::Nearly),
    (&["more", "than"], Bound::MoreThan),
    (&["over"], Bound::MoreThan),
    (&["less", "than"], Bound::LessThan),
    (&["under"], Bound::LessThan),
    (&["at", "least"], Bound::AtLeast),
    (&["at", "most"], Bound::AtMost),
    (&["up", "to"], Bound::UpTo),
    (&["about"], Bound::About),
    (&["around"], Bound::About),
    (&["nearly"], Bound::Nearly),
    (&["almost"], Bound::Nearly),
];

/// One figure a line prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub value: Decimal,
    /// Digits printed after the decimal separator.
    pub decimals: u32,
    pub bound: Bound,
    /// "%", "في المائة", "pour cent" follows it.
    pub percent: bool,
    /// Written, at least in part, in words ("130 ألفا و242", "two million").
    pub words: bool,
    /// A scale word makes it ("25 مليون", "2,5 millions").
    pub scaled: bool,
    /// An ordinal ("الخامسة"): a rank, not a count.
    pub ordinal: bool,
    /// Four digits between 1800 and 2100 alone: a year, very likely.
    pub year_like: bool,
    /// Where it stands in the line, in characters (bound word included).
    pub start: usize,
    pub end: usize,
    /// The text it was read from.
    pub text: String,
}

/// A token of a line: a figure in digits, a word, or another character.
#[derive(Debug, Clone)]
enum Tok {
    Num(digits::Numeral),
    /// The word as written and normalised (lower case, Arabic `normal`).
    Word(String),
    Sym(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

impl Token {
    fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || arabic::is_arabic_letter(c)
}

fn tokens(chars: &[char], lang: Lang) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if digits::is_digit(c)
            && let Some(n) = digits::numeral(chars, i, lang)
        {
            out.push(Token {
                tok: Tok::Num(n),
                start: i,
                end: n.end,
            });
            i = n.end;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            while i < chars.len()
                && (is_word_char(chars[i])
                    // "quatre-vingt", "jusqu'à": inside a word only.
                    || (matches!(chars[i], '-' | '\'' | '’')
                        && i + 1 < chars.len()
                        && is_word_char(chars[i + 1])
                        && i > start))
            {
                i += 1;
            }
            let raw: String = chars[start..i].iter().collect();
            let w = if raw.chars().any(arabic::is_arabic_letter) {
                arabic::normal(&raw)
            } else {
                raw.to_lowercase()
            };
            out.push(Token {
                tok: Tok::Word(w),
                start,
                end: i,
            });
            continue;
        }
        out.push(Token {
            tok: Tok::Sym(c),
            start: i,
            end: i + 1,
        });
        i += 1;
    }
    out
}

/// Whether the words at `k` are `phrase`.
fn phrase_at(toks: &[Token], k: usize, phrase: &[&str]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(j, p)| toks.get(k + j).and_then(Token::word) == Some(*p))
}

/// Whether the words at `k` are the bound phrase `phrase`, its first word
/// perhaps joined to "و" or "ف" ("وأكثر من": and more than).
fn bound_at(toks: &[Token], k: usize, phrase: &[&str]) -> bool {
    let Some((first, rest)) = phrase.split_first() else {
        return false;
    };
    let head = toks.get(k).and_then(Token::word).is_some_and(|w| {
        w == *first
            || w.strip_prefix(['و', 'ف'])
                .is_some_and(|r| r == *first && first.chars().any(arabic::is_arabic_letter))
    });
    head && phrase_at(toks, k + 1, rest)
}

/// A Latin scale word after digits ("2,5 millions").
fn latin_scale(toks: &[Token], k: usize) -> Option<u32> {
    toks.get(k).and_then(Token::word).and_then(latin::scale)
}

/// The number starting at token `k` (its bound word already passed), and the
/// token after it.
fn number(toks: &[Token], k: usize, lang: Lang) -> Option<(Printed, usize)> {
    let start = toks.get(k)?.start;
    // Ordinals stand alone.
    if let Some((arabic::Word::Ordinal(n), _)) = toks[k].word().and_then(arabic::word) {
        return Some((
            Printed {
                value: Decimal::int(i128::from(n)),
                decimals: 0,
                bound: Bound::Exact,
                percent: false,
                words: true,
                scaled: false,
                ordinal: true,
                year_like: false,
                start,
                end: toks[k].end,
                text: String::new(),
            },
            k + 1,
        ));
    }
    // A feminine dual noun and its adjective: two ("فرقتين متنقلتين").
    if let (Some(a), Some(b)) = (toks[k].word(), toks.get(k + 1).and_then(Token::word))
        && arabic::feminine_dual(a)
        && arabic::feminine_dual(b)
    {
        return Some((
            Printed {
                value: Decimal::int(2),
                decimals: 0,
                bound: Bound::Exact,
                percent: false,
                words: true,
                scaled: false,
                ordinal: false,
                year_like: false,
                start,
                end: toks[k + 1].end,
                text: String::new(),
            },
            k + 2,
        ));
    }
    // French and English words: the longest run text2num reads as one number.
    if lang != Lang::Ar
        && let Some(w) = toks[k].word()
        && latin::number_word(w, lang)
        && !latin::joiner(w)
    {
        let mut run = Vec::new();
        let mut j = k;
        while let Some(w) = toks.get(j).and_then(Token::word) {
            if !latin::number_word(w, lang) {
                break;
            }
            run.push(w.to_string());
            j += 1;
        }
        while !run.is_empty() {
            let last = run.last().map(String::as_str).unwrap_or("");
            let lone_article = run.len() == 1 && latin::article(&run[0]);
            if !latin::joiner(last)
                && !lone_article
                && let Some(v) = latin::words_value(&run, lang)
            {
                let next = k + run.len();
                return Some((
                    Printed {
                        value: Decimal::int(v),
                        decimals: 0,
                        bound: Bound::Exact,
                        percent: false,
                        words: true,
                        scaled: run.iter().any(|w| latin::scale(w).is_some()),
                        ordinal: false,
                        year_like: false,
                        start,
                        end: toks[next - 1].end,
                        text: String::new(),
                    },
                    next,
                ));
            }
            run.pop();
        }
        return None;
    }
    let mut r = Reading::default();
    let mut j = k;
    let mut after_and = false;
    let mut end = start;
    while let Some(t) = toks.get(j) {
        let atom = match &t.tok {
            Tok::Num(n) => Some((Atom::Digits(*n), false)),
            Tok::Word(w) if lang == Lang::Ar || w.chars().any(arabic::is_arabic_letter) => {
                let teen_next = toks
                    .get(j + 1)
                    .and_then(Token::word)
                    .is_some_and(|n| n == "عشر" || n == "عشرة");
                match arabic::word(w) {
                    None if arabic::eleven_head(w) && teen_next => {
                        Some((Atom::Ar(arabic::Word::Unit(1)), false))
                    }
                    Some((x, prefixed)) => Some((Atom::Ar(x), prefixed)),
                    // "و" alone, before the next part of the number.
                    None if w == "و" && r.atoms > 0 && !after_and => {
                        after_and = true;
                        j += 1;
                        continue;
                    }
                    None => None,
                }
            }
            _ => None,
        };
        // "و696" is "و" and 696: the conjunction stands as its own word.
        let Some((atom, prefixed)) = atom else { break };
        if matches!(atom, Atom::Ar(arabic::Word::Ordinal(_))) {
            break;
        }
        let joined = after_and || prefixed;
        if r.atoms > 0 && joined && r.last_exp.is_none() && !r.words {
            // "2017 و2018": two figures, not one.
            break;
        }
        if !r.take(atom, joined) {
            break;
        }
        end = t.end;
        after_and = false;
        j += 1;
        // Digits then a Latin scale word: "25 million", "2,5 millions".
        if let (Atom::Digits(_), Some(exp)) = (atom, latin_scale(toks, j)) {
            r.group = r.group.and_then(|g| g.shift(exp));
            r.scaled = true;
            r.words = true;
            end = toks[j].end;
            j += 1;
            break;
        }
    }
    // A lone "و" read ahead belongs to what follows, not to this number.
    if r.atoms == 0 {
        return None;
    }
    let value = r.value()?;
    let mut printed = Printed {
        value,
        decimals: if r.scaled && r.words { 0 } else { r.decimals },
        bound: Bound::Exact,
        percent: false,
        words: r.words,
        scaled: r.scaled,
        ordinal: false,
        year_like: r.year_like && r.atoms == 1,
        start,
        end,
        text: String::new(),
    };
    // The decimals printed stay those of the digits ("2,5 millions": one).
    if r.scaled && r.decimals > 0 {
        printed.decimals = r.decimals;
    }
    // Per cent after it.
    if let Some(Tok::Sym('%' | '٪')) = toks.get(j).map(|t| &t.tok) {
        printed.percent = true;
        printed.end = toks[j].end;
        j += 1;
    } else {
        for phrase in arabic::PERCENT.iter().chain(latin::PERCENT.iter()) {
            if phrase_at(toks, j, phrase) {
                printed.percent = true;
                printed.end = toks[j + phrase.len() - 1].end;
                j += phrase.len();
                break;
            }
        }
    }
    Some((printed, j))
}

/// Every figure printed in `line`, in order.
pub fn scan(line: &str, lang: Lang) -> Vec<Printed> {
    let chars: Vec<char> = line.chars().collect();
    let toks = tokens(&chars, lang);
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        // A bound word, then the figure it bounds.
        let bound = BOUNDS
            .iter()
            .find(|(p, _)| bound_at(&toks, k, p) && k + p.len() < toks.len());
        if let Some((p, b)) = bound
            && let Some((mut n, next)) = number(&toks, k + p.len(), lang)
        {
            n.bound = *b;
            n.start = toks[k].start;
            n.text = chars[n.start..n.end].iter().collect();
            out.push(n);
            k = next;
            continue;
        }
        match number(&toks, k, lang) {
            Some((mut n, next)) => {
                n.text = chars[n.start..n.end].iter().collect();
                out.push(n);
                k = next.max(k + 1);
            }
            None => k += 1,
        }
    }
    out
}

/// Words that say a figure is a fall ("بانخفاض قدره 50 بالمائة": a fall of
/// 50 %), normalised; reports print a fall's size, not its sign.
const FALLS: [&str; 27] = [
    "انخفاض",
    "بانخفاض",
    "انخفض",
    "انخفضت",
    "تراجع",
    "بتراجع",
    "تراجعت",
    "نقص",
    "بنقص",
    "هبوط",
    "بهبوط",
    "تقلص",
    "baisse",
    "recul",
    "diminution",
    "chute",
    "baissé",
    "reculé",
    "down",
    "fall",
    "fell",
    "decrease",
    "decreased",
    "drop",
    "dropped",
    "decline",
    "declined",
];

/// Words that say a figure is a rise.
const RISES: [&str; 20] = [
    "ارتفاع",
    "بارتفاع",
    "ارتفع",
    "ارتفعت",
    "زيادة",
    "بزيادة",
    "نمو",
    "بنمو",
    "hausse",
    "augmentation",
    "progression",
    "croissance",
    "up",
    "rise",
    "rose",
    "increase",
    "increased",
    "grew",
    "growth",
    "higher",
];

fn said_before(line: &str, start: usize, lang: Lang, words: &[&str]) -> bool {
    let chars: Vec<char> = line.chars().take(start).collect();
    let toks = tokens(&chars, lang);
    toks.iter()
        .rev()
        .filter_map(Token::word)
        .take(6)
        .any(|w| words.contains(&w))
}

/// Whether one of the few words before character `start` of `line` says
/// the figure there is a fall.
pub(crate) fn fall_before(line: &str, start: usize, lang: Lang) -> bool {
    said_before(line, start, lang, &FALLS)
}

/// Whether one of the few words before it says the figure is a rise.
pub(crate) fn rise_before(line: &str, start: usize, lang: Lang) -> bool {
    said_before(line, start, lang, &RISES)
}

/// Month names, normalised: a number before one is a day of a date.
const MONTHS: [&str; 55] = [
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "ماي",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليوز",
    "يوليو",
    "غشت",
    "اغسطس",
    "شتنبر",
    "سبتمبر",
    "اكتوبر",
    "نونبر",
    "نوفمبر",
    "دجنبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
    "oct",
];

/// Whether the figure ending at character `end` of `line` is the day of a
/// date ("9 أكتوبر", "14 juillet", "3 March").
pub(crate) fn day_of_date(line: &str, end: usize, lang: Lang) -> bool {
    let rest: Vec<char> = line.chars().skip(end).take(40).collect();
    tokens(&rest, lang)
        .first()
        .and_then(Token::word)
        .is_some_and(|w| MONTHS.contains(&w))
}

/// The figure a phrase prints (the first that is not a year, else the
/// first): what a spec's `as_written` says.
pub fn read(phrase: &str, lang: Lang) -> Option<Printed> {
    let all = scan(phrase, lang);
    all.iter()
        .find(|p| !p.year_like)
        .or_else(|| all.first())
        .cloned()
}

#[cfg(test)]
mod tests;
