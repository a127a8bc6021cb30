//! The working of a check in words: its values at the right precision, how far
//! off it is, which whole numbers fit, what a missing figure would have to be.
//! Shared by every text format so they all say the same thing.

use super::number::{bounds, figure, number};
use crate::findings::{
    Bounds, CheckResult, CoverageSummary, FigureUse, Grain, ProvenanceSummary, Reason,
    StatedSource, Summary, Verdict,
};

/// Decimals to show a computed value with: one more than the stated figure has.
fn decimals(check: &CheckResult) -> usize {
    let text = check.stated.text.trim_end_matches('%').trim();
    let written = text.split_once('.').map_or(0, |(_, d)| d.len());
    match check.unit.name() {
        "%" | "points" => written + 1,
        "×" => 2,
        _ => 0,
    }
}

pub(crate) fn value(check: &CheckResult, x: f64) -> String {
    match check.unit.name() {
        "%" | "points" | "×" => {
            let d = decimals(check);
            // A difference too small for the usual decimals (a value just off a
            // rounding half) is shown as it is, not as a misleading 0.00.
            if x != 0.0 && x.abs() < 0.5 * 10f64.powi(-(d as i32)) {
                format!("{x:.1e}")
            } else {
                number(x, d)
            }
        }
        _ => figure(x),
    }
}

/// A check's computed value as the outputs print it: `value`'s precision,
/// or more decimals (up to six more) when that precision would print a
/// failing value as one the stated interval holds (-0.749971 % against
/// "-0.8%" printed -0.75, the interval's own end).
pub(crate) fn computed(check: &CheckResult, b: &Bounds) -> String {
    let plain = bounds(b, |x| value(check, x));
    let (Some(x), true, Some(lo), Some(hi)) = (
        b.lo.filter(|_| b.is_point()),
        check.verdict == Verdict::Inconsistent,
        check.stated.interval.lo,
        check.stated.interval.hi,
    ) else {
        return plain;
    };
    let d = decimals(check);
    if !matches!(check.unit.name(), "%" | "points" | "×") {
        return plain;
    }
    let looks_inside = |text: &str| {
        text.replace(' ', "")
            .parse::<f64>()
            .is_ok_and(|shown| (lo..=hi).contains(&shown))
    };
    if !looks_inside(&plain) {
        return plain;
    }
    (d + 1..=d + 6)
        .map(|more| number(x, more))
        .find(|t| !looks_inside(t))
        .unwrap_or(plain)
}

fn gap_unit(check: &CheckResult) -> String {
    match check.unit.name() {
        "%" | "points" => "points".into(),
        "" | "×" => "".into(),
        u => u.into(),
    }
}

/// The working in a few words: how far off, which whole numbers fit, what a
/// missing figure would have to be.
pub(crate) fn detail(check: &CheckResult) -> String {
    let mut parts = Vec::new();
    let unit = gap_unit(check);
    let unit_sp = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    if let (Verdict::NotEncoded, Some(e)) = (check.verdict, &check.explanation) {
        return e.clone();
    }
    // A figure against its source: what was found, in words.
    if let (Verdict::Misrecorded, Some(e)) = (check.verdict, &check.explanation) {
        let why = check.reason.map(|r| r.describe()).unwrap_or("misrecorded");
        return format!("{why}: {e}");
    }
    match check.verdict {
        Verdict::Inconsistent | Verdict::Questionable => {
            let summed = check.figures.len().saturating_sub(1);
            if let (Some(off), StatedSource::Figure, true) =
                (check.off_by, check.stated.source, summed > 1)
            {
                // A sum's gap names what was summed: "the 6 figures summed
                // come to 539 540 cards more than id_cards_total (2024)".
                parts.push(format!(
                    "the {summed} figures summed come to {}{unit_sp} {} than {}",
                    value(check, off.abs()),
                    if off > 0.0 { "more" } else { "less" },
                    check.stated.text
                ));
            } else if let Some(off) = check.off_by {
                let beyond = check
                    .gap
                    .filter(|g| *g > 0.0 && (g - off.abs()).abs() > 1e-9);
                let mut s = format!("off by {}{unit_sp}", value(check, off.abs()));
                if let Some(g) = beyond {
                    s.push_str(&format!(" ({} beyond rounding)", value(check, g)));
                }
                parts.push(s);
            } else if let (Some(g), StatedSource::AtMostFigure) =
                (check.gap.filter(|g| *g > 0.0), check.stated.source)
            {
                // A part over its whole, in their own units: "35 more
                // recommendations than grievances".
                let whole = check.stated.unit.as_deref().unwrap_or("the whole");
                let part = match check.unit.name() {
                    "" => String::new(),
                    u => format!(" {u}"),
                };
                parts.push(format!("{} more{part} than {whole}", value(check, g)));
            } else if let Some(g) = check.gap.filter(|g| *g > 0.0) {
                parts.push(format!("{}{unit_sp} apart", value(check, g)));
            } else if check.reason.is_none() && check.granularity.is_none() {
                // Disjoint, yet no distance apart: they meet at an end one of
                // them leaves out ("more than 50" against 50).
                parts.push("they meet only at an end one of them leaves out".into());
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
    // A joint failure is said by the implied range (which claims share it).
    if let Some(r) = check
        .reason
        .filter(|r| check.granularity.is_none() && *r != Reason::NoJointValue)
    {
        parts.push(r.describe().to_string());
    }
    if let Some(rem) = &check.remainder {
        parts.push(format!(
            "leaves {} % unaccounted for",
            bounds(rem, |x| value(check, x))
        ));
    }
    if let Some(g) = &check.granularity {
        parts.push(match (g.of, g.fitting) {
            (Grain::Cases, Some((a, b))) if a == b => {
                format!("only {} of {} fits", figure(a as f64), figure(g.whole))
            }
            (Grain::Cases, Some((a, b))) => format!(
                "{} to {} of {} fit",
                figure(a as f64),
                figure(b as f64),
                figure(g.whole)
            ),
            (Grain::Cases, None) => format!(
                "no whole number of {} gives {}",
                figure(g.whole),
                check.stated.text
            ),
            (Grain::Totals, Some((a, b))) if a == b => format!(
                "only a total of {} over {} answers fits",
                figure(a as f64),
                figure(g.whole)
            ),
            (Grain::Totals, Some((a, b))) => format!(
                "totals of {} to {} over {} answers fit",
                figure(a as f64),
                figure(b as f64),
                figure(g.whole)
            ),
            (Grain::Totals, None) => format!(
                "no whole total over {} answers gives {}",
                figure(g.whole),
                check.stated.text
            ),
            (Grain::Ones, Some((a, b))) if a == b => format!(
                "only {} answers of 1 among {} fit",
                figure(a as f64),
                figure(g.whole)
            ),
            (Grain::Ones, Some((a, b))) => format!(
                "{} to {} answers of 1 among {} fit",
                figure(a as f64),
                figure(b as f64),
                figure(g.whole)
            ),
            (Grain::Ones, None) => format!(
                "no number of answers of 1 among {} gives {}",
                figure(g.whole),
                check.stated.text
            ),
        });
    }
    if let Some(imp) = &check.implied {
        let with = if imp.shared_with.is_empty() {
            String::new()
        } else {
            format!(" (with {})", imp.shared_with.join(", "))
        };
        let empty = matches!((imp.range.lo, imp.range.hi), (Some(lo), Some(hi)) if lo > hi);
        parts.push(if empty {
            format!("no value of {} in {} fits{with}", imp.indicator, imp.year)
        } else {
            format!(
                "implies {} = {} in {}{with}",
                imp.indicator,
                bounds(&imp.range, figure),
                imp.year
            )
        });
    }
    parts.join("; ")
}

/// The stated side: the report's words, or the figure it must agree with and its value.
pub(crate) fn stated(check: &CheckResult) -> String {
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

/// `12 claims: 8 consistent, 2 inconsistent, 1 unverifiable` (and the rest when non-zero).
/// What became of a spec's figures against its source, in one line.
pub(crate) fn provenance_line(p: &ProvenanceSummary) -> String {
    if let Some(why) = &p.unread {
        return format!(
            "source {}: not read ({why}); the spec's figures are not checked against it",
            p.source
        );
    }
    let n = |x: usize| figure(x as f64);
    let mut s = format!(
        "source {}{}: {} figure{} checked, {} as printed, {} counted from the text, {} misrecorded",
        p.source,
        p.language
            .as_deref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default(),
        n(p.figures),
        if p.figures == 1 { "" } else { "s" },
        n(p.as_printed),
        n(p.counted),
        n(p.misrecorded)
    );
    if p.unlocated > 0 {
        s.push_str(&format!(
            "; {} without `line` and `as_written`",
            n(p.unlocated)
        ));
    }
    s
}

/// Every number of a spec's source and what accounts for it, in one line.
pub(crate) fn coverage_line(c: &CoverageSummary) -> String {
    let n = |x: usize| figure(x as f64);
    let s = |x: usize| if x == 1 { "" } else { "s" };
    format!(
        "numbers in the source: {} ({} recorded, {} ignored with a reason, {} not encoded); {} year{} and {} date{} apart",
        n(c.numbers),
        n(c.recorded),
        n(c.ignored),
        n(c.not_encoded),
        n(c.years),
        s(c.years),
        n(c.dates),
        s(c.dates)
    )
}

/// The numbers a spec leaves out, after its claims ("; 3 numbers of the
/// source not encoded"), or nothing.
pub(crate) fn not_encoded_words(s: &Summary) -> String {
    match s.not_encoded {
        0 => String::new(),
        1 => "; 1 number of the source not encoded".into(),
        n => format!("; {} numbers of the source not encoded", figure(n as f64)),
    }
}

/// The misrecorded figures of a summary, after its claims ("; 2 figures
/// misrecorded"), or nothing.
pub(crate) fn misrecorded_words(s: &Summary) -> String {
    match s.misrecorded {
        0 => String::new(),
        1 => "; 1 figure misrecorded".into(),
        n => format!("; {} figures misrecorded", figure(n as f64)),
    }
}

pub(crate) fn summary_words(s: &Summary) -> Vec<(usize, &'static str)> {
    let mut parts = vec![
        (s.consistent, "consistent"),
        (s.inconsistent, "inconsistent"),
        (s.unverifiable, "unverifiable"),
    ];
    if s.computed > 0 {
        parts.push((s.computed, "computed (nothing stated)"));
    }
    if s.waived > 0 {
        parts.push((s.waived, "waived"));
    }
    if s.questionable > 0 {
        parts.push((s.questionable, "questionable"));
    }
    parts
}

/// One line for a check that does not hold or cannot be checked:
/// `inconsistent — 2023 → 2024: stated +25%, computed 20.0; off by 5.0 points`.
pub(crate) fn verdict_line(verdict: Verdict, check: &CheckResult) -> String {
    // A figure against its source: the text printed, the figure recorded.
    if verdict == Verdict::Misrecorded {
        let recorded = check
            .computed
            .as_ref()
            .map(|b| format!(", recorded {}", bounds(b, |x| value(check, x))))
            .unwrap_or_default();
        return format!(
            "{} — {}: printed “{}”{recorded}; {}",
            verdict.name(),
            check.label,
            check.stated.text,
            detail(check)
        );
    }
    let computed = check
        .computed
        .as_ref()
        .map(|b| format!(", computed {}", computed(check, b)))
        .unwrap_or_default();
    let detail = detail(check);
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!("; {detail}")
    };
    format!(
        "{} — {}: stated {}{computed}{detail}",
        verdict.name(),
        check.label,
        stated(check)
    )
}

/// Where a figure came from: `line 103: “1263”`, `line 103`, or nothing.
pub(crate) fn figure_source(u: &FigureUse) -> Option<String> {
    match (&u.line, &u.as_written) {
        (Some(l), Some(w)) => Some(format!("line {l}: “{w}”")),
        (Some(l), None) => Some(format!("line {l}")),
        _ => None,
    }
}
