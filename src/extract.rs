//! `yoy extract SOURCE`: a draft spec from a report's text. Every figure the
//! text prints (read by `printed`), with its line, its text as printed, its
//! value or bound, a suggested id, kind and year; years and days of dates
//! left out; candidate claims written as commented-out YAML for the author
//! to confirm. The draft loads with `yoy check` as it is: its figures are
//! checked against the source, and every number of the source is recorded.

use crate::printed::{self, Bound, Lang, Printed};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What `extract` was asked for.
pub(crate) struct Request<'a> {
    /// The source as the user named it (written into the draft).
    pub(crate) named: &'a str,
    pub(crate) text: &'a str,
    pub(crate) lang: Lang,
    /// The year the report covers (default: the year its text names most).
    pub(crate) year: Option<i32>,
    pub(crate) id: Option<&'a str>,
}

/// One figure found, with what the draft says of it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) id: String,
    pub(crate) line: u32,
    pub(crate) printed: Printed,
    /// Negative for a fall printed as its size ("بانخفاض قدره 50 بالمائة").
    pub(crate) value: f64,
    pub(crate) year: i32,
    pub(crate) kind: &'static str,
    pub(crate) unit: Option<String>,
    /// The words after it, the report's own label for it.
    pub(crate) label: String,
}

impl Draft {
    /// How many lines hold a figure.
    pub(crate) fn lines(&self) -> usize {
        let mut l: Vec<u32> = self.found.iter().map(|f| f.line).collect();
        l.dedup();
        l.len()
    }
}

/// Everything `extract` found, before it is written out.
pub(crate) struct Draft {
    pub(crate) found: Vec<Found>,
    pub(crate) year: i32,
    pub(crate) years: usize,
    pub(crate) dates: usize,
    /// Figures too large to record exactly (beyond 2^53).
    pub(crate) too_large: usize,
    pub(crate) candidates: Vec<String>,
    /// Numbers written N/M ("2/2", "3/4"): a part or a date, no figure;
    /// listed under the draft's `ignore:` (line, text).
    pub(crate) ignored: Vec<(u32, String)>,
}

const CURRENCIES: [&str; 14] = [
    "درهم",
    "دراهم",
    "الدراهم",
    "dirhams",
    "dirham",
    "dh",
    "mad",
    "euros",
    "euro",
    "€",
    "dollars",
    "dollar",
    "$",
    "usd",
];

/// The words after character `end` of `line`, up to four, to the next stop.
fn words_after(line: &str, end: usize) -> Vec<String> {
    let rest: String = line.chars().skip(end).take(80).collect();
    let stop = rest
        .find(['،', ',', '.', ';', '؛', ':', '(', ')', '«', '»', '"'])
        .unwrap_or(rest.len());
    rest[..stop]
        .split_whitespace()
        .take(4)
        .map(str::to_string)
        .collect()
}

fn letters(k: usize) -> String {
    let mut n = k;
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

/// The largest magnitude a spec holds exactly.
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

pub(crate) fn draft(req: &Request) -> Draft {
    let lines: Vec<&str> = req.text.lines().collect();
    // Every figure of every line, years and dates apart.
    // Each year printed: how often, and where first (a tie goes to the
    // first printed, a title's year before a publication date's).
    let mut years_seen: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    let mut order = 0usize;
    let mut per_line: Vec<(u32, Vec<Printed>)> = Vec::new();
    let (mut years, mut dates) = (0, 0);
    let mut ignored: Vec<(u32, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut figures = Vec::new();
        let chars: Vec<char> = line.chars().collect();
        for p in printed::scan(line, req.lang) {
            // "2/2", "3/4": a part or a date, written N/M.
            let slash_after = chars.get(p.end) == Some(&'/')
                && chars.get(p.end + 1).is_some_and(|c| c.is_ascii_digit());
            let slash_before = p.start >= 2
                && chars.get(p.start - 1) == Some(&'/')
                && chars[p.start - 2].is_ascii_digit();
            if (slash_after || slash_before) && !p.words {
                if slash_after {
                    let end = (p.end + 1..chars.len())
                        .find(|&j| !chars[j].is_ascii_digit())
                        .unwrap_or(chars.len());
                    ignored.push(((i + 1) as u32, chars[p.start..end].iter().collect()));
                }
                continue;
            }
            if p.year_like {
                years += 1;
                if let Ok(y) = p.value.to_string().parse::<i32>() {
                    order += 1;
                    let e = years_seen.entry(y).or_insert((0, order));
                    e.0 += 1;
                }
                continue;
            }
            if printed::day_of_date(line, p.end, req.lang) {
                dates += 1;
                continue;
            }
            figures.push(p);
        }
        if !figures.is_empty() {
            per_line.push(((i + 1) as u32, figures));
        }
    }
    let year = req.year.unwrap_or_else(|| {
        years_seen
            .iter()
            .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
            .map_or(2024, |(y, _)| *y)
    });
    let mut found = Vec::new();
    let mut too_large = 0;
    for (line_no, figures) in &per_line {
        let line = lines[*line_no as usize - 1];
        let all = printed::scan(line, req.lang);
        for (k, p) in figures.iter().enumerate() {
            let v = p.value.to_f64();
            if v.abs() > EXACT_LIMIT {
                too_large += 1;
                continue;
            }
            let after = words_after(line, p.end);
            let currency = after
                .iter()
                .take(2)
                .find(|w| CURRENCIES.contains(&w.to_lowercase().as_str()));
            let (kind, unit) = if p.percent {
                ("rate", Some("%".to_string()))
            } else if let Some(c) = currency {
                ("amount", Some(c.clone()))
            } else if p.value.scale > 0 {
                ("amount", None)
            } else {
                ("count", None)
            };
            let value = if p.percent && printed::fall_before(line, p.start, req.lang) {
                -v
            } else {
                v
            };
            // The year the line ties it to: a year right after it ("340 في
            // 2017", "288 in 2018"), else the report's.
            let tied = all
                .iter()
                .filter(|y| y.year_like && y.start >= p.end && y.start <= p.end + 12)
                .find_map(|y| y.value.to_string().parse::<i32>().ok());
            found.push(Found {
                id: format!("l{line_no:03}_{}", letters(k)),
                line: *line_no,
                printed: p.clone(),
                value,
                year: tied.unwrap_or(year),
                kind,
                unit,
                label: after.join(" "),
            });
        }
    }
    let candidates = candidates(&found, &lines, req.lang);
    Draft {
        found,
        year,
        years,
        dates,
        too_large,
        candidates,
        ignored,
    }
}

/// Words that introduce a part of what precedes ("of which").
const OF_WHICH: [&str; 8] = [
    "من بينها",
    "منها",
    "من بينهم",
    "dont",
    "of which",
    "including",
    "among them",
    "parmi lesquels",
];
/// Words that introduce a total.
const TOTAL: [&str; 7] = [
    "ما مجموعه",
    "بمجموع",
    "au total",
    "in total",
    "a total of",
    "en tout",
    "مجموع",
];

/// Whether `marker` stands in `line` between characters `a` and `b`.
fn between(line: &str, a: usize, b: usize, markers: &[&str]) -> bool {
    let part: String = line
        .chars()
        .skip(a)
        .take(b.saturating_sub(a))
        .collect::<String>()
        .to_lowercase();
    markers.iter().any(|m| part.contains(m))
}

/// Candidate claims, as commented-out YAML.
fn candidates(found: &[Found], lines: &[&str], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let by_line = |l: u32| -> Vec<&Found> { found.iter().filter(|f| f.line == l).collect() };
    let mut lines_seen: Vec<u32> = found.iter().map(|f| f.line).collect();
    lines_seen.dedup();
    for l in lines_seen {
        let here = by_line(l);
        let line = lines[l as usize - 1];
        for (i, f) in here.iter().enumerate() {
            let base = here[..i]
                .iter()
                .rev()
                .find(|b| b.kind == "count" && !b.printed.ordinal);
            let moves = printed::fall_before(line, f.printed.start, lang)
                || printed::rise_before(line, f.printed.start, lang);
            // A stated % with no word of a change after a count: a share of it.
            if f.printed.percent
                && !moves
                && let Some(whole) = base
            {
                out.push(format!(
                    "# line {l}: {} of {}: a share?\n# - {{id: {}_share, share: \"{}%\", of: {}, year: {}, line: {l}}}\n",
                    q(&f.printed.text),
                    q(&whole.printed.text),
                    f.id,
                    trim_number(f.value),
                    whole.id,
                    whole.year
                ));
            }
            // A stated % after a fall or a rise: a change of the count before it.
            if f.printed.percent
                && moves
                && let Some(base) = base
            {
                let from = line.chars().skip(f.printed.end).collect::<String>();
                let from_year = printed::scan(&from, lang)
                    .into_iter()
                    .find(|p| p.year_like)
                    .and_then(|p| p.value.to_string().parse::<i32>().ok())
                    .unwrap_or(base.year - 1);
                let mut c = String::new();
                let _ = writeln!(
                    c,
                    "# line {l}: {} next to {}: a change on {from_year}?",
                    q(&f.printed.text),
                    q(&base.printed.text)
                );
                let _ = writeln!(c, "# - id: {}_change", base.id);
                let _ = writeln!(c, "#   change: {}", base.id);
                let _ = writeln!(
                    c,
                    "#   from: {from_year}   # add `{from_year}: ~` to its values if the report does not give it"
                );
                let _ = writeln!(c, "#   to: {}", base.year);
                let _ = writeln!(c, "#   stated: \"{}%\"", trim_number(f.value));
                let _ = writeln!(c, "#   line: {l}");
                out.push(c);
            }
        }
        // "of which": a figure, the marker, a smaller figure.
        for w in here.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a.kind == "count"
                && b.kind == "count"
                && !a.printed.ordinal
                && !b.printed.ordinal
                && between(line, a.printed.end, b.printed.start, &OF_WHICH)
            {
                out.push(format!(
                    "# line {l}: {}, of which {}\n# - {{id: {}_within_{}, subset: {}, of: {}, line: {l}}}\n",
                    q(&a.printed.text), q(&b.printed.text), b.id, a.id, b.id, a.id
                ));
            }
        }
        // "a total of": the figure after the marker, the others of the line.
        if let Some(t) = here.iter().find(|t| {
            let before: String = line
                .chars()
                .take(t.printed.start)
                .collect::<String>()
                .to_lowercase();
            let tail: String = before
                .chars()
                .rev()
                .take(20)
                .collect::<String>()
                .chars()
                .rev()
                .collect();
            TOTAL.iter().any(|m| tail.contains(m))
        }) {
            let parts: Vec<&str> = here
                .iter()
                .filter(|p| p.id != t.id && p.kind == t.kind && p.year == t.year)
                .map(|p| p.id.as_str())
                .collect();
            if parts.len() >= 2 {
                out.push(format!(
                    "# line {l}: a total of {}\n# - {{id: {}_sum, sum: [{}], equals: {}, line: {l}}}\n",
                    q(&t.printed.text),
                    t.id,
                    parts.join(", "),
                    t.id
                ));
            }
        }
    }
    // A figure printed twice, on two lines, for one year.
    for (i, a) in found.iter().enumerate() {
        if a.value.abs() < 10.0 || a.printed.ordinal {
            continue;
        }
        if let Some(b) = found[i + 1..].iter().find(|b| {
            b.line != a.line && b.value == a.value && b.year == a.year && b.kind == a.kind
        }) {
            out.push(format!(
                "# lines {} and {}: {} printed twice\n# - {{id: {}_{}_equal, equal: [{}, {}], year: {}}}\n",
                a.line, b.line, trim_number(a.value), a.id, b.id, a.id, b.id, a.year
            ));
        }
    }
    out
}

fn trim_number(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The draft as YAML.
pub(crate) fn render(req: &Request, d: &Draft) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Drafted by `yoy extract {}`: {} figures found on {} lines ({} years and {} dates left out{}).",
        req.named,
        d.found.len(),
        d.lines(),
        d.years,
        d.dates,
        if d.too_large > 0 {
            format!("; {} too large to record exactly", d.too_large)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        y,
        "# Every id, kind and year is a suggestion, and the claims at the end are\n# candidates, commented out: confirm each against the text before relying on it.\n# `yoy check` on this file checks every figure against its line of the source."
    );
    let id = req
        .id
        .map(str::to_string)
        .unwrap_or_else(|| slug(req.named));
    let _ = writeln!(
        y,
        "report:\n  id: {}\n  language: {}\n  year: {}\n  source: {}",
        q(&id),
        req.lang.name(),
        d.year,
        q(req.named)
    );
    let _ = writeln!(y, "indicators:");
    for f in &d.found {
        let p = &f.printed;
        let _ = writeln!(y, "  {}:", f.id);
        if !f.label.is_empty() {
            let _ = writeln!(y, "    label_source: {}", q(&f.label));
        }
        let _ = writeln!(y, "    kind: {}", f.kind);
        if let Some(u) = &f.unit {
            let _ = writeln!(y, "    unit: {}", q(u));
        }
        let v = trim_number(f.value);
        let form = match p.bound {
            Bound::MoreThan => format!("more_than: {v}"),
            Bound::AtLeast => format!("at_least: {v}"),
            Bound::UpTo | Bound::AtMost | Bound::LessThan => format!("up_to: {v}"),
            Bound::Exact | Bound::About | Bound::Nearly => format!("value: {v}"),
        };
        let mut note = Vec::new();
        match p.bound {
            Bound::About | Bound::Nearly => note.push(format!(
                "printed as {}: give {{about: {v}, tolerance: …}} if the report means a range",
                p.bound.words()
            )),
            Bound::LessThan => note.push("printed as less than: up_to keeps its end".into()),
            _ => {}
        }
        if p.scaled {
            note.push("printed with a scale word: maybe `rounded_to:`".into());
        }
        if p.ordinal {
            note.push("an ordinal: move it to `ignore:` if it is no statistic".into());
        }
        let comment = if note.is_empty() {
            String::new()
        } else {
            format!("  # {}", note.join("; "))
        };
        let _ = writeln!(
            y,
            "    values:\n      {}: {{{form}, line: {}, as_written: {}}}{comment}",
            f.year,
            f.line,
            q(&p.text)
        );
    }
    if !d.ignored.is_empty() {
        let _ = writeln!(y, "ignore:");
        for (line, text) in &d.ignored {
            let _ = writeln!(
                y,
                "  - {{line: {line}, text: {}, reason: \"written N/M: a part or a date, no figure\"}}",
                q(text)
            );
        }
    }
    if !d.candidates.is_empty() {
        let _ = writeln!(
            y,
            "\n# Candidate claims: uncomment what the report asserts.\n# claims:"
        );
        for c in &d.candidates {
            let _ = write!(y, "{c}");
        }
    }
    y
}

/// A report id from a file name: letters, digits, `-` and `_`.
fn slug(named: &str) -> String {
    let stem = std::path::Path::new(named)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "draft".into() } else { s }
}
