//! Every number a report's source prints, accounted for: within a figure the
//! spec records (its `as_written` on its `line`), within a claim's wording
//! (`says` on its `line`), listed under `ignore:` with a reason, or a year
//! or the day of a date, told as such. The rest are findings of their own
//! (`not_encoded`): what the spec leaves out. No Polars.

use crate::findings::{
    Bounds, CheckResult, CoverageSummary, Finding, FindingKind, Stated, StatedSource, Unit, Verdict,
};
use crate::printed;
use crate::source::{Source, places};
use crate::spec::Spec;
use std::collections::BTreeMap;

/// Stretches of a line, in characters.
type Spans = Vec<(usize, usize)>;

/// The texts the spec records on each line of its source: its figures'
/// `as_written` and its claims' `says`.
fn recorded_texts(spec: &Spec) -> BTreeMap<u32, Vec<&str>> {
    let mut by_line: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let figures = spec
        .indicators
        .iter()
        .flat_map(|i| &i.figures)
        .filter_map(|f| Some((f.line?, f.as_written.as_deref()?)));
    let claims = spec
        .claims
        .iter()
        .filter_map(|c| Some((c.line?, c.says.as_deref()?)));
    for (line, text) in figures.chain(claims) {
        by_line.entry(line).or_default().push(text);
    }
    by_line
}

/// The spans of line `line_no` that the spec ignores (every number of it,
/// for an entry without `text`).
fn ignored(spec: &Spec, line_no: u32, line: &str) -> Spans {
    let mut out = Vec::new();
    for i in spec
        .ignore
        .iter()
        .filter(|i| (i.line..=i.to_line).contains(&line_no))
    {
        match &i.text {
            Some(t) => out.extend(places(line, t)),
            None => out.push((0, usize::MAX)),
        }
    }
    out
}

fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|(a, b)| start < *b && end > *a)
}

/// The numbers of `src` that `spec` leaves out, and the count of each kind.
pub(crate) fn check(spec: &Spec, src: &Source) -> (CoverageSummary, Vec<Finding>) {
    let mut summary = CoverageSummary::default();
    let mut left_out = Vec::new();
    let texts = recorded_texts(spec);
    for (i, line) in src.lines.iter().enumerate() {
        let line_no = (i + 1) as u32;
        let found = printed::scan(line, src.lang);
        if found.is_empty() {
            continue;
        }
        let recorded: Spans = texts
            .get(&line_no)
            .into_iter()
            .flatten()
            .flat_map(|t| places(line, t))
            .collect();
        let ignored = ignored(spec, line_no, line);
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
