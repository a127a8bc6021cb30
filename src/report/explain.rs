//! `yoy explain`: the working of one claim, step by step: the figures it uses
//! (with their source lines), the intervals they stand for, the computation,
//! the stated interval, the comparison, and the verdict.

use super::working::{detail, figure_source, value};
use crate::findings::{Bounds, CheckResult, Finding, Grain, StatedSource, Verdict};
use crate::interval::Rounding;
use std::io::{self, Write};

/// A number with as many decimals as it needs (up to 6), grouped.
fn exact(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let grouped = super::number::number(int.parse::<f64>().unwrap_or(0.0), 0);
    let sign = if x < 0.0 && !grouped.starts_with('-') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn interval(b: &Bounds) -> String {
    let lo = b.lo.map_or("−∞".to_string(), exact);
    let hi = b.hi.map_or("+∞".to_string(), exact);
    format!("[{lo}, {hi}]")
}

fn step(out: &mut dyn Write, n: usize, title: &str, lines: &[String]) -> io::Result<()> {
    writeln!(out, "  {n}. {title}")?;
    for l in lines {
        writeln!(out, "     {l}")?;
    }
    Ok(())
}

fn check(out: &mut dyn Write, ch: &CheckResult, i: usize, of: usize) -> io::Result<()> {
    writeln!(out, "check {i} of {of}: {}", ch.label)?;
    let figures: Vec<String> = ch
        .figures
        .iter()
        .map(|u| {
            let year = u.year.map(|y| format!(" {y}")).unwrap_or_default();
            match (&u.value, &u.interval) {
                (Some(v), Some(b)) => {
                    let src = figure_source(u)
                        .map(|s| format!(", report {s}"))
                        .unwrap_or_default();
                    format!(
                        "{}{year} = {} ({}{src}) stands for {}",
                        u.indicator,
                        exact(*v),
                        u.form.words(),
                        interval(b)
                    )
                }
                _ => format!("{}{year}: not given by the report", u.indicator),
            }
        })
        .collect();
    let figures = if figures.is_empty() {
        vec!["(only the stated figures themselves)".to_string()]
    } else {
        figures
    };
    step(out, 1, "figures", &figures)?;
    let computed = match &ch.computed {
        Some(c) => format!(
            "= {} (as an interval {})",
            super::number::bounds(c, |x| value(ch, x)),
            interval(c)
        ),
        // A share whose part the report does not give is checked on granularity alone.
        None if ch
            .granularity
            .as_ref()
            .is_some_and(|g| g.of != Grain::Cases) =>
        {
            "decided by whole numbers alone (the comparison shows which fit)".into()
        }
        None if ch.granularity.is_some() => "nothing to compute: the part is not given".into(),
        None => match ch.reason {
            Some(r) => format!("cannot be computed: {}", r.describe()),
            None => "nothing to compute".into(),
        },
    };
    step(out, 2, "computation", &[ch.formula.clone(), computed])?;
    let stated = match ch.stated.source {
        // The default rule (either way at a half) goes without saying; any
        // other is named, and an end it leaves out is shown open.
        StatedSource::Report => match ch.stated.rounding {
            Some(r) if r != Rounding::Any => format!(
                "“{}” ({}) stands for {}",
                ch.stated.text,
                r.words(),
                stated_interval(ch)
            ),
            _ => format!(
                "“{}” stands for {}",
                ch.stated.text,
                interval(&ch.stated.interval)
            ),
        },
        StatedSource::Figure => format!("{} = {}", ch.stated.text, interval(&ch.stated.interval)),
        StatedSource::AtMostFigure => format!(
            "{}, so at most {}",
            ch.stated.text,
            interval(&ch.stated.interval)
        ),
    };
    step(out, 3, "stated", &[stated])?;
    let mut comparison = Vec::new();
    if let Some(c) = &ch.computed {
        comparison.push(match ch.gap {
            Some(g) if g > 0.0 => format!(
                "{} and {} do not overlap: {} apart",
                interval(c),
                interval(&ch.stated.interval),
                value(ch, g)
            ),
            // They touch only at an end the stated figure leaves out.
            _ if ch.verdict == Verdict::Inconsistent
                && ch.reason.is_none()
                && (ch.stated.lo_open || ch.stated.hi_open) =>
            {
                format!(
                    "{} and {} meet only at an end the stated figure's rounding leaves out",
                    interval(c),
                    stated_interval(ch)
                )
            }
            _ => format!(
                "{} and {} overlap",
                interval(c),
                interval(&ch.stated.interval)
            ),
        });
        if let Some(off) = ch.off_by {
            comparison.push(format!(
                "computed minus stated, at their centres: {}",
                value(ch, off)
            ));
        }
    }
    if let Some(g) = &ch.granularity {
        let n = exact(g.whole);
        comparison.push(match (g.of, g.fitting) {
            (Grain::Cases, Some((a, b))) => {
                format!("whole numbers k with 100·k/{n} in the stated interval: {a} to {b}")
            }
            (Grain::Cases, None) => {
                format!("no whole number k gives 100·k/{n} in the stated interval")
            }
            (Grain::Totals, Some((a, b))) => {
                format!("whole totals T over {n} answers that give every stated figure: {a} to {b}")
            }
            (Grain::Totals, None) => {
                format!("no whole total T over {n} answers gives every stated figure")
            }
            (Grain::Ones, Some((a, b))) => {
                format!(
                    "whole numbers k of answers of 1 among {n} that give both figures: {a} to {b}"
                )
            }
            (Grain::Ones, None) => {
                format!("no whole number k of answers of 1 among {n} gives both figures")
            }
        });
    }
    if let Some(imp) = &ch.implied {
        comparison.push(format!(
            "for the claim to hold, {} {} would be {}{}",
            imp.indicator,
            imp.year,
            interval(&imp.range),
            if imp.integral { " (whole numbers)" } else { "" }
        ));
    }
    if comparison.is_empty() {
        comparison.push("nothing to compare".into());
    }
    step(out, 4, "comparison", &comparison)?;
    let d = detail(ch);
    step(
        out,
        5,
        "verdict",
        &[format!(
            "{}{}",
            ch.verdict.name(),
            if d.is_empty() {
                String::new()
            } else {
                format!(": {d}")
            }
        )],
    )
}

/// The working of one claim, for a terminal or a CI log: written whole, then
/// made safe in one place (`echo::visible_lines`).
/// `yoy explain SPEC` without a claim: every claim with its kind, verdict
/// and line in the report, to pick one from.
pub fn list(c: &crate::findings::Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut text = format!(
        "{} — {} claims (yoy explain {} CLAIM for one)\n",
        c.report.id,
        c.claims.len(),
        c.spec
    );
    for f in &c.claims {
        text.push_str(&format!(
            "  {} ({}): {}{}\n",
            f.claim,
            f.kind,
            f.verdict.name(),
            f.line
                .map(|l| format!(", report line {l}"))
                .unwrap_or_default()
        ));
    }
    out.write_all(crate::echo::visible_lines(&text).as_bytes())
}

/// The stated interval with its open ends shown: `[49.5, 50.5)`.
fn stated_interval(ch: &CheckResult) -> String {
    let inner = interval(&ch.stated.interval);
    let inner = inner.trim_start_matches('[').trim_end_matches(']');
    format!(
        "{}{inner}{}",
        if ch.stated.lo_open { "(" } else { "[" },
        if ch.stated.hi_open { ")" } else { "]" }
    )
}

pub fn claim(spec: &str, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let mut text = Vec::new();
    claim_lines(spec, f, &mut text)?;
    out.write_all(crate::echo::visible_lines(&String::from_utf8_lossy(&text)).as_bytes())
}

fn claim_lines(spec: &str, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "claim {} ({})", f.claim, f.kind)?;
    writeln!(out, "  spec: {spec}:{}", f.spec_line)?;
    if let Some(l) = f.line {
        writeln!(out, "  report: line {l}")?;
    }
    if let Some(s) = &f.says {
        writeln!(out, "  says: {s}")?;
    }
    if let Some(n) = &f.note {
        writeln!(out, "  note: {n}")?;
    }
    writeln!(out)?;
    for (i, ch) in f.checks.iter().enumerate() {
        check(out, ch, i + 1, f.checks.len())?;
        writeln!(out)?;
    }
    if let Some(w) = &f.waiver {
        writeln!(
            out,
            "waiver: {} (until {}{}); without it the claim is {}",
            w.reason,
            w.until,
            if w.expired {
                ", expired: it counts again"
            } else {
                ""
            },
            w.verdict.name()
        )?;
    }
    let why = match f.verdict {
        Verdict::Consistent => "every check holds",
        Verdict::Inconsistent => "a check fails",
        Verdict::Unverifiable => "a check cannot be decided",
        Verdict::Computed => "nothing was stated; the figure is computed",
        Verdict::Waived => "it fails, but a live waiver accepts it",
        Verdict::Questionable => {
            "a plausibility check fails: a question for the publisher, not an error"
        }
        Verdict::Misrecorded => "the spec does not record what its source prints",
        Verdict::NotEncoded => "a number of the source the spec neither records nor ignores",
    };
    writeln!(out, "verdict: {} ({why})", f.verdict.name())
}
