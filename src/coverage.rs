//! Every number a report's source prints, accounted for: within a figure the
//! spec records (its `as_written` on its `line`), within a claim's wording
//! (`says` on its `line`), listed under `ignore:` with a reason, or a year
//! or the day of a date, told as such. The rest are findings of their own
//! (`not_encoded`): what the spec leaves out. No Polars.

use crate::findings::{
    Bounds, CheckResult, CoverageSummary, Finding, FindingKind, Stated, StatedSource, Unit, Verdict,
};
use crate::printed;
use crate::provenance::position;
use crate::source::Source;
use crate::spec::Spec;

/// Stretches of a line, in characters.
type Spans = Vec<(usize, usize)>;

/// The spans of `line` (1-based) that the spec records, and that it ignores.
fn spans(spec: &Spec, line_no: u32, line: &str) -> (Spans, Spans) {
    let all = |text: &str| -> Spans {
        // Every place the text stands on the line, not only the first.
        let mut out = Vec::new();
        if text.is_empty() {
            return out;
        }
        let mut from = 0;
        while let Some(byte) = line[from..].find(text) {
            let at = from + byte;
            let start = line[..at].chars().count();
            out.push((start, start + text.chars().count()));
            from = at + text.len();
        }
        if out.is_empty()
            && let Some(Some(p)) = position(line, text)
        {
            out.push(p);
        }
        out
    };
    let mut recorded = Vec::new();
    for ind in &spec.indicators {
        for f in &ind.figures {
            if let (Some(l), Some(w)) = (f.line, f.as_written.as_deref())
                && l == line_no
            {
                recorded.extend(all(w));
            }
        }
    }
    for c in &spec.claims {
        if let (Some(l), Some(says)) = (c.line, c.says.as_deref())
            && l == line_no
        {
            recorded.extend(all(says));
        }
    }
    let mut ignored = Vec::new();
    for i in spec
        .ignore
        .iter()
        .filter(|i| (i.line..=i.to_line).contains(&line_no))
    {
        match &i.text {
            Some(t) => ignored.extend(all(t)),
            // No text: every number of the line.
            None => ignored.push((0, usize::MAX)),
        }
    }
    (recorded, ignored)
}

fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|(a, b)| start < *b && end > *a)
}

/// The numbers of `src` that `spec` leaves out, and the count of each kind.
pub(crate) fn check(spec: &Spec, src: &Source) -> (CoverageSummary, Vec<Finding>) {
    let mut summary = CoverageSummary::default();
    let mut left_out = Vec::new();
    for (i, line) in src.lines.iter().enumerate() {
        let line_no = (i + 1) as u32;
        let found = printed::scan(line, src.lang);
        if found.is_empty() {
            continue;
        }
        let (recorded, ignored) = spans(spec, line_no, line);
        for p in found {
            // What the spec records first; then what a number is by itself
            // (a year, a day); then what the spec says to ignore.
            if overlaps(&recorded, p.start, p.end) {
                summary.recorded += 1;
                summary.numbers += 1;
                continue;
            }
            if p.year_like {
                summary.years += 1;
                continue;
            }
            if printed::day_of_date(line, p.end, src.lang) {
                summary.dates += 1;
                continue;
            }
            summary.numbers += 1;
            if overlaps(&ignored, p.start, p.end) {
                summary.ignored += 1;
                continue;
            }
            left_out.push(finding(line_no, &p, &src.named));
        }
    }
    summary.not_encoded = left_out.len();
    (summary, left_out)
}

fn finding(line: u32, p: &printed::Printed, source: &str) -> Finding {
    let v = p.value.to_f64();
    Finding {
        claim: format!("line {line}: {}", p.text),
        kind: FindingKind::NotEncoded,
        verdict: Verdict::NotEncoded,
        says: None,
        line: Some(line),
        // Not in the spec: it is where the spec would record it.
        spec_line: 1,
        note: None,
        checks: vec![CheckResult {
            label: "not encoded".into(),
            formula: format!("“{}” on line {line} of {source}", p.text),
            verdict: Verdict::NotEncoded,
            reason: None,
            unit: Unit::Of(if p.percent { "%".into() } else { String::new() }),
            stated: Stated {
                text: p.text.clone(),
                source: StatedSource::Report,
                interval: Bounds::new(v, v),
                lo_open: false,
                hi_open: false,
                rounding: None,
                unit: None,
            },
            computed: None,
            off_by: None,
            gap: None,
            granularity: None,
            implied: None,
            remainder: None,
            figures: Vec::new(),
            explanation: Some(
                "record it (a figure with this line and its text as `as_written`), or list it under `ignore:` with a reason"
                    .into(),
            ),
        }],
        waiver: None,
        dataset: None,
    }
}
