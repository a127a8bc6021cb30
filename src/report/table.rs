//! The terminal view: one row per check, verdicts easy to scan, and a summary
//! line per report and overall.

use super::color::{Paint, paint};
use super::number::{bounds, figure, number};
use super::working::{
    computed, coverage_line, detail, misrecorded_words, not_encoded_words, provenance_line, stated,
    summary_words,
};
use crate::findings::{Bounds, Checked, Compared, PanelSummary, Summary, Verdict};
use std::io::{self, Write};
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Modify, Style, Width};

use super::PANEL_ROWS_SHOWN;

/// `dataset panel (../datasets/panel.csv): 7 357 rows in 300 series; ...`
fn panel_line(p: &PanelSummary) -> String {
    let n = |x: u64| number(x as f64, 0);
    let changes = if p.consistent + p.inconsistent + p.unverifiable == 0 {
        "no stated changes".to_string()
    } else {
        format!(
            "{} consistent, {} inconsistent, {} unverifiable ({} without the previous year, {} on a zero base, {} with nothing stated)",
            n(p.consistent),
            n(p.inconsistent),
            n(p.unverifiable),
            n(p.no_previous_year),
            n(p.zero_base),
            n(p.no_stated)
        )
    };
    let shares = p
        .shares
        .map(|sh| {
            format!(
                "\n  stated shares: {} consistent, {} inconsistent, {} unverifiable ({} without a whole, {} of a zero whole, {} with nothing stated)",
                n(sh.consistent),
                n(sh.inconsistent),
                n(sh.unverifiable),
                n(sh.no_whole),
                n(sh.zero_whole),
                n(sh.no_stated)
            )
        })
        .unwrap_or_default();
    format!(
        "dataset {} ({}): {} rows in {} series ({} with a CAGR); {changes}{shares}",
        p.dataset,
        p.path,
        n(p.rows),
        n(p.series),
        n(p.series_with_cagr),
    )
}

fn summary_line(s: &Summary, color: bool) -> String {
    let words: Vec<String> = summary_words(s)
        .into_iter()
        .map(|(n, word)| {
            let text = format!("{} {word}", number(n as f64, 0));
            let p = match word {
                "consistent" => Paint::Good,
                "inconsistent" => Paint::Error,
                _ => Paint::Warn,
            };
            if n > 0 { paint(color, p, &text) } else { text }
        })
        .collect();
    let misrecorded = misrecorded_words(s);
    let misrecorded = if s.misrecorded > 0 {
        paint(color, Paint::Error, &misrecorded)
    } else {
        misrecorded
    };
    let not_encoded = not_encoded_words(s);
    let misrecorded = if s.not_encoded > 0 {
        format!("{misrecorded}{}", paint(color, Paint::Warn, &not_encoded))
    } else {
        misrecorded
    };
    format!(
        "{} claim{}: {}{misrecorded}",
        number(s.claims as f64, 0),
        if s.claims == 1 { "" } else { "s" },
        words.join(", ")
    )
}

/// A verdict's word, in its colour on a terminal: the word says it either way.
fn word(v: Verdict, color: bool) -> String {
    let p = match v {
        Verdict::Consistent | Verdict::Computed => Paint::Good,
        Verdict::Inconsistent | Verdict::Misrecorded => Paint::Error,
        Verdict::Unverifiable | Verdict::Waived | Verdict::Questionable | Verdict::NotEncoded => {
            Paint::Warn
        }
    };
    paint(color, p, v.name())
}

/// The widths of the wrapped columns and of the working lines for a table
/// `width` columns wide: the verdict, computed and line columns keep theirs,
/// the claim and stated columns share the rest (30 and 26 at 100).
struct Widths {
    claim: usize,
    stated: usize,
    computed: usize,
    line: usize,
}

impl Widths {
    fn of(width: usize) -> Widths {
        let width = width.clamp(60, 400);
        let shared = width - 44;
        Widths {
            claim: shared * 30 / 56,
            stated: shared * 26 / 56,
            computed: 14,
            line: width,
        }
    }
}

pub(super) fn check(
    checked: &[Checked],
    color: bool,
    verbose: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = Widths::of(width);
    let mut total = Summary::default();
    for c in checked {
        total.merge(c.summary);
        let title = c
            .report
            .title
            .as_deref()
            .map(|t| format!(" — {}", crate::echo::visible(t)))
            .unwrap_or_default();
        // Text from a spec or a dataset is made safe for a terminal in one
        // place: here, each cell and line before it is laid out.
        let safe = crate::echo::visible_lines;
        let id = crate::echo::visible(&c.report.id);
        writeln!(out, "{}", safe(&format!("{id}{title} ({})", c.spec)))?;
        let mut b = Builder::default();
        b.push_record(["claim", "verdict", "stated", "computed", "line"]);
        // The working of what is not consistent (of everything, verbose),
        // below the table: the table itself stays within 100 columns.
        let mut working: Vec<String> = Vec::new();
        let mut listed: Vec<(&str, usize)> = Vec::new();
        let mut not_encoded_shown = 0;
        for f in &c.claims {
            // The numbers a spec leaves out are bounded here too.
            if f.verdict == Verdict::NotEncoded {
                if not_encoded_shown >= PANEL_ROWS_SHOWN {
                    continue;
                }
                not_encoded_shown += 1;
            }
            // A panel's rows are bounded here; files list them all.
            if let Some(ds) = &f.dataset {
                match listed.iter_mut().find(|(d, _)| d == ds) {
                    Some((_, n)) if *n >= PANEL_ROWS_SHOWN => continue,
                    Some((_, n)) => *n += 1,
                    None => listed.push((ds, 1)),
                }
            }
            // A claim of several checks gets a row of its own, then a row
            // per check under it; a claim of one check, one row.
            let several = f.checks.len() > 1;
            if several {
                let record = [
                    format!("{} ({})", f.claim, f.kind),
                    String::new(),
                    String::new(),
                    String::new(),
                    f.line.map_or(String::new(), |l| l.to_string()),
                ];
                // Text is made safe first; the verdict's colour comes after.
                let mut cells = record.map(|cell| unbroken_numbers(&crate::echo::visible(&cell)));
                cells[1] = word(f.verdict, color);
                b.push_record(cells);
            }
            for (i, ch) in f.checks.iter().enumerate() {
                let first = i == 0;
                let computed = ch
                    .computed
                    .as_ref()
                    .map_or("—".to_string(), |b: &Bounds| computed(ch, b));
                let (claim, verdict, line) = if several {
                    (
                        format!("  {}", ch.label),
                        format!("  {}", word(ch.verdict, color)),
                        String::new(),
                    )
                } else {
                    (
                        format!("{} ({})", f.claim, f.kind),
                        word(f.verdict, color),
                        f.line.map_or(String::new(), |l| l.to_string()),
                    )
                };
                let record = [claim, String::new(), stated(ch), computed, line];
                // Text is made safe first; the verdict's colour comes after.
                let mut cells = record.map(|cell| unbroken_numbers(&crate::echo::visible(&cell)));
                cells[1] = verdict;
                b.push_record(cells);
                let waiver = match (&f.waiver, first) {
                    (Some(w), true) => {
                        let state = if w.expired {
                            "waiver expired"
                        } else if f.verdict == Verdict::Waived {
                            "waived until"
                        } else {
                            "waiver not needed, until"
                        };
                        Some(format!("{state} {}: {}", w.until, w.reason))
                    }
                    _ => None,
                };
                let d = detail(ch);
                let shown = verbose || ch.verdict != Verdict::Consistent || waiver.is_some();
                if shown && (!d.is_empty() || waiver.is_some()) {
                    let text = [Some(d).filter(|d| !d.is_empty()), waiver]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join("; ");
                    working.push(format!("{}, {}: {text}", f.claim, ch.label));
                }
            }
        }
        let mut t = b.build();
        t.with(Style::psql());
        t.with(Modify::new(Columns::new(0..=0)).with(Width::wrap(w.claim).keep_words(true)));
        for (column, width) in [(2, w.stated), (3, w.computed)] {
            t.with(
                Modify::new(Columns::new(column..=column))
                    .with(Width::wrap(width).keep_words(true)),
            );
        }
        writeln!(out, "{t}")?;
        if !working.is_empty() {
            writeln!(out)?;
            for text in &working {
                writeln!(out, "{}", safe(&wrap(&crate::echo::visible(text), w.line)))?;
            }
        }
        for p in &c.panels {
            writeln!(out, "{}", safe(&panel_line(&p.summary)))?;
            let shown = listed
                .iter()
                .find(|(d, _)| *d == p.summary.dataset)
                .map_or(0, |(_, n)| *n);
            let total = usize::try_from(p.summary.inconsistent).unwrap_or(usize::MAX);
            if total > shown {
                writeln!(
                    out,
                    "  {} of {} inconsistent rows shown; --inconsistent-rows PATH (or --csv, --json) lists them all",
                    shown, total
                )?;
            }
        }
        if let Some(p) = &c.provenance {
            writeln!(out, "{}", safe(&wrap(&provenance_line(p), w.line)))?;
        }
        if let Some(cov) = &c.coverage {
            writeln!(out, "{}", safe(&wrap(&coverage_line(cov), w.line)))?;
            if cov.not_encoded > not_encoded_shown {
                writeln!(
                    out,
                    "  {not_encoded_shown} of {} numbers not encoded shown; --json or --csv lists them all",
                    cov.not_encoded
                )?;
            }
        }
        writeln!(out, "{}", summary_line(&c.summary, color))?;
        writeln!(out)?;
    }
    if checked.len() > 1 {
        writeln!(out, "all specs: {}", summary_line(&total, color))?;
    }
    Ok(())
}

/// A cell's digit groups ("4 696 069") joined by no-break spaces, so that a
/// wrapped column never splits a number.
fn unbroken_numbers(cell: &str) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let mut out = String::with_capacity(cell.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_groups = c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|n| !n.is_ascii_digit());
        out.push(if between_groups { '\u{a0}' } else { c });
    }
    out
}

/// `text` wrapped at `width` characters, at spaces, continuation lines
/// indented by two.
fn wrap(text: &str, width: usize) -> String {
    // Digit groups ("2 501") stay together.
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match words.last_mut() {
            Some(prev)
                if prev.ends_with(|c: char| c.is_ascii_digit())
                    && word.len() == 3
                    && word.chars().all(|c| c.is_ascii_digit()) =>
            {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut out = String::new();
    let mut line = String::new();
    for word in &words {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from("  ");
        } else if len > 0 {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}

pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    let pct = |b: &Option<Bounds>| {
        b.as_ref()
            .map_or("—".to_string(), |b| bounds(b, |x| number(x, 1)))
    };
    for c in compared {
        let safe = crate::echo::visible_lines;
        writeln!(out, "{}", safe(&format!("{} ({})", c.report.id, c.spec)))?;
        if c.series.spans.is_empty() {
            writeln!(out, "no indicator has more than one known year")?;
            continue;
        }
        let mut b = Builder::default();
        b.push_record([
            "indicator",
            "from",
            "to",
            "years",
            "value",
            "delta",
            "% change",
            "index",
        ]);
        for s in &c.series.steps {
            let Some(from) = s.from else { continue };
            let years = s.years.unwrap_or(0);
            b.push_record([
                safe(&s.indicator),
                from.to_string(),
                s.year.to_string(),
                if years == 1 {
                    "1".into()
                } else {
                    format!("{years} (multi-year)")
                },
                bounds(&s.value, figure),
                s.delta.as_ref().map_or("—".into(), |d| bounds(d, figure)),
                pct(&s.pct_change),
                pct(&s.index),
            ]);
        }
        // A panel's series have no steps here (their rows are `check --rows`).
        if c.series.steps.iter().any(|s| s.from.is_some()) {
            let mut t = b.build();
            t.with(Style::psql());
            writeln!(out, "{t}")?;
            writeln!(out)?;
        }
        let mut b = Builder::default();
        b.push_record([
            "indicator",
            "first",
            "last",
            "years",
            "% change",
            "CAGR % a year",
        ]);
        for s in &c.series.spans {
            b.push_record([
                safe(&s.indicator),
                format!("{} ({})", bounds(&s.first, figure), s.first_year),
                format!("{} ({})", bounds(&s.last, figure), s.last_year),
                (s.last_year - s.first_year).to_string(),
                pct(&s.pct_change),
                pct(&s.cagr),
            ]);
        }
        let mut t = b.build();
        t.with(Style::psql());
        writeln!(out, "{t}")?;
        writeln!(out)?;
    }
    Ok(())
}
