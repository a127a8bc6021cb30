//! CSV: one row per claim (RFC 4180), safe to open in a spreadsheet. A text cell
//! that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is prefixed with `'`, as OWASP recommends; numbers,
//! negative ones included, are written as numbers and left alone.

use super::working::detail;
use crate::findings::{Bounds, CheckResult, Checked, Compared, Finding, Verdict};
use std::io::{self, Write};

const CHECK_HEADER: [&str; 22] = [
    "spec",
    "report",
    "claim",
    "kind",
    "verdict",
    "reason",
    "check",
    "stated",
    "stated_lo",
    "stated_hi",
    "computed_lo",
    "computed_hi",
    "off_by",
    "gap",
    "fitting_lo",
    "fitting_hi",
    "implied",
    "implied_lo",
    "implied_hi",
    "working",
    "says",
    "line",
];

/// Whether a spreadsheet would run a text cell as a formula (and so it gets a
/// leading `'`, in this report and in the row files of a panel).
pub(crate) fn runs_as_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(s)
}

/// A cell as text, quoted when needed and neutralised when it could run as a formula.
pub(crate) fn text(s: &str) -> String {
    let risky = runs_as_formula(s);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    // A terminal escape or a reordering mark in a cell is shown, not kept:
    // `cat report.csv` must not run it.
    let s = if s.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || crate::echo::is_bidi_control(c)
    }) {
        s.chars()
            .map(|c| {
                if (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                    || crate::echo::is_bidi_control(c)
                {
                    c.escape_default().collect()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `-50`, `+3.5`, `-12.5%`: a plain number, which no spreadsheet runs as a formula.
fn is_number(s: &str) -> bool {
    let body = s.strip_suffix('%').unwrap_or(s);
    let body = body.strip_prefix(['+', '-']).unwrap_or(body);
    !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && !body.starts_with('.')
}

fn num(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "{}", cells.join(","))
}

/// The check that decides a claim's verdict: its worst, first in order.
fn deciding(f: &Finding) -> Option<&CheckResult> {
    let rank = |v: Verdict| match v {
        Verdict::Misrecorded => 6,
        Verdict::NotEncoded => 3,
        Verdict::Inconsistent => 5,
        Verdict::Questionable => 4,
        Verdict::Unverifiable => 3,
        Verdict::Waived => 2,
        Verdict::Computed => 1,
        Verdict::Consistent => 0,
    };
    f.checks.iter().rev().max_by_key(|c| rank(c.verdict))
}

pub(super) fn check(checked: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    row(out, &CHECK_HEADER.map(String::from))?;
    for c in checked {
        for f in &c.claims {
            let Some(ch) = deciding(f) else { continue };
            let b = |x: &Option<Bounds>| (x.and_then(|b| b.lo), x.and_then(|b| b.hi));
            let (clo, chi) = b(&ch.computed);
            let (ilo, ihi) = b(&ch.implied.as_ref().map(|i| i.range));
            let (flo, fhi) = ch
                .granularity
                .as_ref()
                .and_then(|g| g.fitting)
                .map_or((String::new(), String::new()), |(a, b)| {
                    (a.to_string(), b.to_string())
                });
            row(
                out,
                &[
                    text(&c.spec),
                    text(&c.report.id),
                    text(&f.claim),
                    text(f.kind.name()),
                    text(f.verdict.name()),
                    text(ch.reason.map_or("", |r| r.describe())),
                    text(&ch.label),
                    text(&ch.stated.text),
                    num(ch.stated.interval.lo),
                    num(ch.stated.interval.hi),
                    num(clo),
                    num(chi),
                    num(ch.off_by),
                    num(ch.gap),
                    flo,
                    fhi,
                    text(ch.implied.as_ref().map_or("", |i| i.indicator.as_str())),
                    num(ilo),
                    num(ihi),
                    text(&detail(ch)),
                    text(f.says.as_deref().unwrap_or_default()),
                    f.line.map(|l| l.to_string()).unwrap_or_default(),
                ],
            )?;
        }
    }
    Ok(())
}

/// The series as one table: a `step` row per year of an indicator, then a
/// `span` row per indicator (first to last year: the % change and the
/// CAGR), the columns one row kind does not use left empty.
pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    row(
        out,
        &[
            "row",
            "spec",
            "indicator",
            "from",
            "year",
            "years",
            "value_lo",
            "value_hi",
            "delta_lo",
            "delta_hi",
            "pct_change_lo",
            "pct_change_hi",
            "index_lo",
            "index_hi",
            "cagr_lo",
            "cagr_hi",
        ]
        .map(String::from),
    )?;
    for c in compared {
        for s in &c.series.steps {
            let b = |x: &Option<Bounds>| (num(x.and_then(|b| b.lo)), num(x.and_then(|b| b.hi)));
            let (vlo, vhi) = b(&Some(s.value));
            let (dlo, dhi) = b(&s.delta);
            let (plo, phi) = b(&s.pct_change);
            let (ilo, ihi) = b(&s.index);
            row(
                out,
                &[
                    "step".to_string(),
                    text(&c.spec),
                    text(&s.indicator),
                    s.from.map(|y| y.to_string()).unwrap_or_default(),
                    s.year.to_string(),
                    s.years.map(|y| y.to_string()).unwrap_or_default(),
                    vlo,
                    vhi,
                    dlo,
                    dhi,
                    plo,
                    phi,
                    ilo,
                    ihi,
                    String::new(),
                    String::new(),
                ],
            )?;
        }
        for s in &c.series.spans {
            let b = |x: &Option<Bounds>| (num(x.and_then(|b| b.lo)), num(x.and_then(|b| b.hi)));
            let (vlo, vhi) = b(&Some(s.last));
            let (plo, phi) = b(&s.pct_change);
            let (clo, chi) = b(&s.cagr);
            row(
                out,
                &[
                    "span".to_string(),
                    text(&c.spec),
                    text(&s.indicator),
                    s.first_year.to_string(),
                    s.last_year.to_string(),
                    (s.last_year - s.first_year).to_string(),
                    vlo,
                    vhi,
                    String::new(),
                    String::new(),
                    plo,
                    phi,
                    String::new(),
                    String::new(),
                    clo,
                    chi,
                ],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(text("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-2+3"), "'-2+3");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("-50%"), "-50%");
        assert_eq!(text("-15.3"), "-15.3");
        assert_eq!(text("+25%"), "+25%");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("plain"), "plain");
    }
}
