//! Every figure a spec records with its `line` and `as_written`, checked
//! against the report's source text: the text is on that line, and the
//! figure the line prints there (read by `printed`, with the bound word
//! before it) is the value and the form the spec records. A figure that
//! fails is a finding of its own (`misrecorded`): the spec's error, never
//! the report's. No Polars.

use crate::findings::{
    Bounds, CheckResult, FigureForm, FigureUse, Finding, FindingKind, ProvenanceSummary, Reason,
    Stated, StatedSource, Unit, Verdict,
};
use crate::printed::{self, Bound, Lang, Printed};
use crate::source::{Source, Unread};
use crate::spec::{Figure, Form, Indicator, Spec};

/// What a named source that could not be read says of the spec's figures.
pub(crate) fn unread(u: &Unread) -> ProvenanceSummary {
    ProvenanceSummary {
        source: u.named.clone(),
        path: u.path.as_ref().map(|p| p.display().to_string()),
        unread: Some(u.why.clone()),
        ..ProvenanceSummary::default()
    }
}

/// Check every located figure of `spec` against its source.
pub(crate) fn check(spec: &Spec, src: &Source) -> (ProvenanceSummary, Vec<Finding>) {
    let mut summary = ProvenanceSummary {
        source: src.named.clone(),
        path: Some(src.path.display().to_string()),
        language: Some(src.lang.name().to_string()),
        ..ProvenanceSummary::default()
    };
    let lines: Vec<&str> = src.lines.iter().map(String::as_str).collect();
    let mut misrecorded = Vec::new();
    for ind in &spec.indicators {
        for f in &ind.figures {
            let (Some(line), Some(written)) = (f.line, f.as_written.as_deref()) else {
                summary.unlocated += 1;
                continue;
            };
            summary.figures += 1;
            match verify(&lines, line, written, f, src.lang) {
                Ok(Verified::AsPrinted) => summary.as_printed += 1,
                Ok(Verified::Counted) => summary.counted += 1,
                Err(m) => misrecorded.push(finding(ind, f, line, written, &src.named, m)),
            }
        }
    }
    summary.misrecorded = misrecorded.len();
    (summary, misrecorded)
}

enum Verified {
    AsPrinted,
    Counted,
}

/// What is wrong with a figure, and what the source prints instead.
struct Mismatch {
    reason: Reason,
    /// In words, for the working.
    detail: String,
    /// The value the source prints, where it prints one.
    read: Option<f64>,
}

/// Where `written` stands in `line`, in characters, whatever its spacing.
fn position(line: &str, written: &str) -> Option<(usize, usize)> {
    crate::source::places(line, written).first().copied()
}

fn verify(
    lines: &[&str],
    line: u32,
    written: &str,
    f: &Figure,
    lang: Lang,
) -> Result<Verified, Mismatch> {
    let Some(src) = (line as usize).checked_sub(1).and_then(|i| lines.get(i)) else {
        return Err(Mismatch {
            reason: Reason::NoSuchLine,
            detail: format!("it has {} lines", lines.len()),
            read: None,
        });
    };
    let Some(at) = position(src, written) else {
        let elsewhere: Vec<String> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains(written))
            .map(|(i, _)| (i + 1).to_string())
            .take(5)
            .collect();
        return Err(Mismatch {
            reason: Reason::NotOnLine,
            detail: if elsewhere.is_empty() {
                "it is on no line of the source".into()
            } else {
                format!("it is on line {}", elsewhere.join(", "))
            },
            read: None,
        });
    };
    if f.counted {
        return Ok(Verified::Counted);
    }
    // The figures the line prints where the text stands (the line's own
    // bound word before it counts), else those of the text alone.
    let (start, end) = at;
    let readings: Vec<Printed> = printed::scan(src, lang)
        .into_iter()
        .filter(|p| p.start < end && p.end > start)
        .collect();
    let candidates: Vec<&Printed> = {
        let figures: Vec<&Printed> = readings.iter().filter(|p| !p.year_like).collect();
        if figures.is_empty() {
            readings.iter().collect()
        } else {
            figures
        }
    };
    // A fall is printed as its size after a word that says so.
    let context = *src;
    // A percentage after a fall word is a fall's size: recorded positive,
    // the spec has the sign wrong.
    if let Some(p) = candidates.iter().find(|p| {
        p.percent
            && f.value > 0.0
            && p.value.equals(f.value)
            && printed::fall_before(context, p.start, lang)
    }) {
        return Err(Mismatch {
            reason: Reason::ReadsOtherwise,
            detail: format!(
                "printed as a fall of {}%, recorded {} (a fall is negative)",
                p.value, f.value
            ),
            read: Some(p.value.to_f64()),
        });
    }
    if candidates
        .iter()
        .any(|p| agrees(p, f) || falls_as_recorded(p, f, context, lang))
    {
        return Ok(Verified::AsPrinted);
    }
    let Some(first) = candidates.first() else {
        return Err(Mismatch {
            reason: Reason::NoFigurePrinted,
            detail: format!("nothing in “{written}” reads as a figure"),
            read: None,
        });
    };
    let same_value = candidates.iter().find(|p| p.value.equals(f.value));
    Err(match same_value {
        Some(p) => Mismatch {
            reason: Reason::BoundDiffers,
            detail: format!(
                "printed as {} {}, recorded as {}",
                p.bound.words(),
                p.value,
                FigureForm::of(&f.form).words()
            ),
            read: Some(p.value.to_f64()),
        },
        None => Mismatch {
            reason: Reason::ReadsOtherwise,
            detail: format!(
                "printed {}{}, recorded {}",
                if first.bound == Bound::Exact {
                    String::new()
                } else {
                    format!("{} ", first.bound.words())
                },
                first.value,
                f.value
            ),
            read: Some(first.value.to_f64()),
        },
    })
}

/// A negative figure recorded from a fall printed as its size ("بانخفاض
/// قدره 50 بالمائة", "down 50 %").
fn falls_as_recorded(p: &Printed, f: &Figure, line: &str, lang: Lang) -> bool {
    f.value < 0.0
        && p.value.equals(-f.value)
        && matches!(f.form, Form::Exact | Form::Rounded { .. })
        && printed::fall_before(line, p.start, lang)
}

/// The figure the source prints is the one recorded: the same value, and a
/// bound word that says what the recorded form says.
fn agrees(p: &Printed, f: &Figure) -> bool {
    if !p.value.equals(f.value) {
        return false;
    }
    match f.form {
        // A figure has no "nearly" form: an approximate figure recorded as its value.
        Form::Exact | Form::Rounded { .. } => {
            matches!(p.bound, Bound::Exact | Bound::About | Bound::Nearly)
        }
        Form::MoreThan => p.bound == Bound::MoreThan,
        Form::AtLeast => p.bound == Bound::AtLeast,
        Form::UpTo => matches!(p.bound, Bound::UpTo | Bound::AtMost),
        Form::About { .. } => matches!(p.bound, Bound::About | Bound::Nearly | Bound::Exact),
    }
}

fn finding(
    ind: &Indicator,
    f: &Figure,
    line: u32,
    written: &str,
    source: &str,
    m: Mismatch,
) -> Finding {
    let read = m.read.map(|v| Bounds::new(v, v));
    let recorded = Bounds::new(f.interval.lo, f.interval.hi);
    let check = CheckResult {
        explanation: Some(m.detail.clone()),
        label: format!("line {line}"),
        formula: format!(
            "“{written}” on line {line} of {source}, read as a figure and compared with the spec's: {}",
            m.detail
        ),
        verdict: Verdict::Misrecorded,
        reason: Some(m.reason),
        unit: Unit::Of(ind.unit.clone().unwrap_or_default()),
        stated: Stated {
            text: written.to_string(),
            source: StatedSource::Report,
            interval: read.unwrap_or(Bounds { lo: None, hi: None }),
            lo_open: false,
            hi_open: false,
            rounding: None,
            unit: None,
        },
        computed: Some(recorded),
        off_by: read
            .and_then(|r| r.lo)
            .filter(|_| m.reason == Reason::ReadsOtherwise)
            .map(|r| f.value - r),
        gap: None,
        granularity: None,
        implied: None,
        remainder: None,
        figures: vec![FigureUse::of(ind, f.year)],
    };
    Finding {
        claim: format!("{} {}", ind.id, f.year),
        kind: FindingKind::Provenance,
        verdict: Verdict::Misrecorded,
        says: Some(m.detail),
        line: Some(line),
        spec_line: f.spec_line,
        note: None,
        checks: vec![check],
        waiver: None,
        dataset: None,
    }
}
