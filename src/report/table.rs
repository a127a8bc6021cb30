//! The terminal view: one row per check, verdicts easy to scan, and a summary
//! line per report and overall.

use super::color::{Paint, paint};
use super::number::{bounds, figure, number};
use crate::findings::{Bounds, CheckResult, Checked, Compared, StatedSource, Summary, Verdict};
use std::io::{self, Write};
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Modify, Style, Width};

/// Widest a wrapped text column gets, so a table fits a wide terminal.
const TEXT_WIDTH: usize = 44;

/// Decimals to show a computed value with: one more than the stated figure has.
fn decimals(check: &CheckResult) -> usize {
    let text = check.stated.text.trim_end_matches('%').trim();
    let written = text.split_once('.').map_or(0, |(_, d)| d.len());
    match check.unit.as_str() {
        "%" | "points" => written + 1,
        "×" => 2,
        _ => 0,
    }
}

fn value(check: &CheckResult, x: f64) -> String {
    match check.unit.as_str() {
        "%" | "points" | "×" => number(x, decimals(check)),
        _ => figure(x),
    }
}

fn gap_unit(check: &CheckResult) -> String {
    match check.unit.as_str() {
        "%" | "points" => "points".into(),
        "" | "×" => "".into(),
        u => u.into(),
    }
}

/// The working in a few words: how far off, which whole numbers fit, what a
/// missing figure would have to be.
pub(super) fn detail(check: &CheckResult) -> String {
    let mut parts = Vec::new();
    let unit = gap_unit(check);
    let unit_sp = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match check.verdict {
        Verdict::Inconsistent => {
            if let Some(off) = check.off_by {
                let beyond = check
                    .gap
                    .filter(|g| *g > 0.0 && (g - off.abs()).abs() > 1e-9);
                let mut s = format!("off by {}{unit_sp}", value(check, off.abs()));
                if let Some(g) = beyond {
                    s.push_str(&format!(" ({} beyond rounding)", value(check, g)));
                }
                parts.push(s);
            } else if let Some(g) = check.gap.filter(|g| *g > 0.0) {
                parts.push(format!("{}{unit_sp} apart", value(check, g)));
            }
        }
        Verdict::Consistent => {
            if let Some(off) = check.off_by.filter(|o| o.abs() > 1e-9) {
                parts.push(format!(
                    "within rounding ({}{unit_sp} from the stated value)",
                    value(check, off.abs())
                ));
            }
        }
        _ => {}
    }
    if let Some(r) = check.reason.filter(|_| check.granularity.is_none()) {
        parts.push(r.describe().to_string());
    }
    if let Some(rem) = &check.remainder {
        parts.push(format!(
            "leaves {} % unaccounted for",
            bounds(rem, |x| value(check, x))
        ));
    }
    if let Some(g) = &check.granularity {
        parts.push(match g.fitting {
            Some((a, b)) if a == b => {
                format!("only {} of {} fits", figure(a as f64), figure(g.whole))
            }
            Some((a, b)) => format!(
                "{} to {} of {} fit",
                figure(a as f64),
                figure(b as f64),
                figure(g.whole)
            ),
            None => format!(
                "no whole number of {} gives {}",
                figure(g.whole),
                check.stated.text
            ),
        });
    }
    if let Some(imp) = &check.implied {
        parts.push(format!(
            "implies {} = {} in {}",
            imp.indicator,
            bounds(&imp.range, figure),
            imp.year
        ));
    }
    parts.join("; ")
}

/// The stated side: the report's words, or the figure it must agree with and its value.
fn stated(check: &CheckResult) -> String {
    match check.stated.source {
        StatedSource::Report => check.stated.text.clone(),
        StatedSource::Figure | StatedSource::AtMostFigure => {
            let b = &check.stated.interval;
            let v = match b.lo.or(b.hi) {
                Some(_) if check.stated.source == StatedSource::AtMostFigure => {
                    b.hi.map_or("unbounded".to_string(), figure)
                }
                Some(_) => bounds(b, figure),
                None => "not given".into(),
            };
            format!("{} = {v}", check.stated.text)
        }
    }
}

fn summary_line(s: &Summary, color: bool) -> String {
    let count = |n: usize, word: &str, p: Paint| {
        let text = format!("{n} {word}");
        if n > 0 { paint(color, p, &text) } else { text }
    };
    let mut line = format!(
        "{} claim{}: {}, {}, {}",
        s.claims,
        if s.claims == 1 { "" } else { "s" },
        count(s.consistent, "consistent", Paint::Good),
        count(s.inconsistent, "inconsistent", Paint::Error),
        count(s.unverifiable, "unverifiable", Paint::Warn),
    );
    if s.computed > 0 {
        line.push_str(&format!(", {} computed (nothing stated)", s.computed));
    }
    line
}

pub(super) fn check(checked: &[Checked], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut total = Summary::default();
    for c in checked {
        total.merge(c.summary);
        let title = c
            .report
            .title
            .as_deref()
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        writeln!(out, "{}{} ({})", c.report.id, title, c.spec)?;
        let mut b = Builder::default();
        b.push_record([
            "claim", "verdict", "check", "stated", "computed", "working", "line",
        ]);
        for f in &c.claims {
            for (i, ch) in f.checks.iter().enumerate() {
                let first = i == 0;
                let computed = ch
                    .computed
                    .as_ref()
                    .map_or("—".to_string(), |b: &Bounds| bounds(b, |x| value(ch, x)));
                let verdict = if f.checks.len() > 1 && ch.verdict != f.verdict {
                    format!("  {}", ch.verdict.name())
                } else if first {
                    f.verdict.name().to_string()
                } else {
                    format!("  {}", ch.verdict.name())
                };
                b.push_record([
                    if first {
                        format!("{} ({})", f.claim, f.kind)
                    } else {
                        String::new()
                    },
                    verdict,
                    ch.label.clone(),
                    stated(ch),
                    computed,
                    detail(ch),
                    if first {
                        f.line.map_or(String::new(), |l| l.to_string())
                    } else {
                        String::new()
                    },
                ]);
            }
        }
        let mut t = b.build();
        t.with(Style::psql());
        for column in [0, 2, 3, 5] {
            t.with(
                Modify::new(Columns::new(column..=column))
                    .with(Width::wrap(TEXT_WIDTH).keep_words(true)),
            );
        }
        writeln!(out, "{t}")?;
        writeln!(out, "{}", summary_line(&c.summary, color))?;
        writeln!(out)?;
    }
    if checked.len() > 1 {
        writeln!(out, "all specs: {}", summary_line(&total, color))?;
    }
    Ok(())
}

pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    let pct = |b: &Option<Bounds>| {
        b.as_ref()
            .map_or("—".to_string(), |b| bounds(b, |x| number(x, 1)))
    };
    for c in compared {
        writeln!(out, "{} ({})", c.report.id, c.spec)?;
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
                s.indicator.clone(),
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
        let mut t = b.build();
        t.with(Style::psql());
        writeln!(out, "{t}")?;
        writeln!(out)?;
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
                s.indicator.clone(),
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
