//! JSON output: dedicated, versioned wire types (`schema_version`), documented in
//! the README, so that internal changes never change the JSON by accident.
//! Infinite interval ends are `null`; no NaN or infinity is ever written.

use super::{CheckView, SCHEMA_VERSION};
use crate::findings::{self as f, Checked, Compared};
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize, JsonSchema)]
struct CheckOutput<'a> {
    schema_version: u32,
    /// The yoy that wrote it.
    yoy_version: &'static str,
    command: &'static str,
    summary: Summary,
    reports: Vec<Report<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct Summary {
    claims: usize,
    consistent: usize,
    inconsistent: usize,
    unverifiable: usize,
    computed: usize,
    waived: usize,
    questionable: usize,
    /// Figures of the spec its source does not print as recorded.
    misrecorded: usize,
    /// Numbers of the source the spec neither records nor ignores.
    not_encoded: usize,
}

impl From<f::Summary> for Summary {
    fn from(s: f::Summary) -> Summary {
        Summary {
            claims: s.claims,
            consistent: s.consistent,
            inconsistent: s.inconsistent,
            unverifiable: s.unverifiable,
            computed: s.computed,
            waived: s.waived,
            questionable: s.questionable,
            misrecorded: s.misrecorded,
            not_encoded: s.not_encoded,
        }
    }
}

/// The numbers of a spec's source: how many, and what accounts for them.
#[derive(Serialize, JsonSchema)]
struct Coverage {
    numbers: usize,
    recorded: usize,
    ignored: usize,
    not_encoded: usize,
    years: usize,
    dates: usize,
}

/// A spec's figures checked against its source text.
#[derive(Serialize, JsonSchema)]
struct Provenance<'a> {
    source: &'a str,
    /// The file read: the name as given, or beside the spec.
    path: Option<&'a str>,
    /// Whether the source was read (else why not).
    checked: bool,
    unread: Option<&'a str>,
    language: Option<&'a str>,
    figures: usize,
    as_printed: usize,
    counted: usize,
    misrecorded: usize,
    unlocated: usize,
}

impl<'a> From<&'a f::ProvenanceSummary> for Provenance<'a> {
    fn from(p: &'a f::ProvenanceSummary) -> Provenance<'a> {
        Provenance {
            source: &p.source,
            path: p.path.as_deref(),
            checked: p.unread.is_none(),
            unread: p.unread.as_deref(),
            language: p.language.as_deref(),
            figures: p.figures,
            as_printed: p.as_printed,
            counted: p.counted,
            misrecorded: p.misrecorded,
            unlocated: p.unlocated,
        }
    }
}

#[derive(Serialize, JsonSchema)]
struct Meta<'a> {
    id: &'a str,
    title: Option<&'a str>,
    publisher: Option<&'a str>,
    year: Option<i32>,
    source: Option<&'a str>,
}

impl<'a> From<&'a f::ReportMeta> for Meta<'a> {
    fn from(m: &'a f::ReportMeta) -> Meta<'a> {
        Meta {
            id: &m.id,
            title: m.title.as_deref(),
            publisher: m.publisher.as_deref(),
            year: m.year,
            source: m.source.as_deref(),
        }
    }
}

#[derive(Serialize, JsonSchema)]
struct Report<'a> {
    spec: &'a str,
    report: Meta<'a>,
    summary: Summary,
    /// Null when the spec names no source.
    provenance: Option<Provenance<'a>>,
    /// Every number of the source and what accounts for it (null when no
    /// source was read).
    coverage: Option<Coverage>,
    datasets: Vec<Dataset<'a>>,
    claims: Vec<Claim<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct Dataset<'a> {
    id: &'a str,
    path: &'a str,
    rows: u64,
    series: u64,
    series_with_cagr: u64,
    consistent: u64,
    inconsistent: u64,
    unverifiable: u64,
    unverifiable_by_reason: ByReason,
    /// The stated shares, when the dataset has a column of them (else null).
    shares: Option<Shares>,
}

#[derive(Serialize, JsonSchema)]
struct ByReason {
    no_previous_year: u64,
    zero_base: u64,
    no_stated: u64,
}

#[derive(Serialize, JsonSchema)]
struct Shares {
    consistent: u64,
    inconsistent: u64,
    unverifiable: u64,
    unverifiable_by_reason: ShareReasons,
}

#[derive(Serialize, JsonSchema)]
struct ShareReasons {
    no_whole: u64,
    zero_whole: u64,
    no_stated: u64,
}

#[derive(Serialize, JsonSchema)]
struct Claim<'a> {
    id: &'a str,
    dataset: Option<&'a str>,
    kind: &'a str,
    verdict: &'static str,
    says: Option<&'a str>,
    line: Option<u32>,
    spec_line: u64,
    note: Option<&'a str>,
    waiver: Option<Waiver<'a>>,
    checks: Vec<Check<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct Waiver<'a> {
    reason: &'a str,
    until: String,
    expired: bool,
    verdict_without_waiver: &'static str,
}

#[derive(Serialize, JsonSchema)]
struct Interval {
    lo: Option<f64>,
    hi: Option<f64>,
}

fn interval(b: &f::Bounds) -> Interval {
    Interval { lo: b.lo, hi: b.hi }
}

#[derive(Serialize, JsonSchema)]
struct Check<'a> {
    label: &'a str,
    formula: &'a str,
    verdict: &'static str,
    reason: Option<&'static str>,
    unit: &'a str,
    stated: Stated<'a>,
    computed: Option<Interval>,
    off_by: Option<f64>,
    gap: Option<f64>,
    granularity: Option<Granularity>,
    implied: Option<Implied<'a>>,
    remainder: Option<Interval>,
    figures: Vec<Figure<'a>>,
    /// What a provenance check found, in words (null for claims).
    explanation: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
struct Stated<'a> {
    text: &'a str,
    source: &'static str,
    interval: Interval,
}

#[derive(Serialize, JsonSchema)]
struct Granularity {
    /// What the whole numbers count: `cases` of the whole (a share),
    /// `totals` of the answers (a mean), `ones` among them (a proportion).
    of: &'static str,
    whole: f64,
    fitting: Option<[i64; 2]>,
}

#[derive(Serialize, JsonSchema)]
struct Implied<'a> {
    indicator: &'a str,
    year: i32,
    range: Interval,
    integral: bool,
    shared_with: &'a [String],
}

#[derive(Serialize, JsonSchema)]
struct Figure<'a> {
    indicator: &'a str,
    year: Option<i32>,
    value: Option<f64>,
    form: &'a str,
    interval: Option<Interval>,
    line: Option<u32>,
    as_written: Option<&'a str>,
}

fn reason(r: f::Reason) -> &'static str {
    match r {
        f::Reason::MissingFigure => "missing_figure",
        f::Reason::ZeroBase => "zero_base",
        f::Reason::Unbounded => "unbounded",
        f::Reason::NoWholeNumberFits => "no_whole_number_fits",
        f::Reason::NoStated => "no_stated",
        f::Reason::FallBeyondAll => "fall_beyond_all",
        f::Reason::PartBeyondWhole => "part_beyond_whole",
        f::Reason::NoJointValue => "no_joint_value",
        f::Reason::BeyondExact => "beyond_exact",
        f::Reason::NoSuchLine => "no_such_line",
        f::Reason::NotOnLine => "not_on_line",
        f::Reason::ReadsOtherwise => "reads_otherwise",
        f::Reason::NoFigurePrinted => "no_figure_printed",
        f::Reason::BoundDiffers => "bound_differs",
    }
}

fn source(s: f::StatedSource) -> &'static str {
    match s {
        f::StatedSource::Report => "report",
        f::StatedSource::Figure => "figure",
        f::StatedSource::AtMostFigure => "at_most_figure",
    }
}

fn check_wire(c: &f::CheckResult) -> Check<'_> {
    Check {
        label: &c.label,
        formula: &c.formula,
        verdict: c.verdict.name(),
        reason: c.reason.map(reason),
        unit: c.unit.name(),
        stated: Stated {
            text: &c.stated.text,
            source: source(c.stated.source),
            interval: interval(&c.stated.interval),
        },
        computed: c.computed.as_ref().map(interval),
        off_by: c.off_by,
        gap: c.gap,
        granularity: c.granularity.as_ref().map(|g| Granularity {
            of: g.of.name(),
            whole: g.whole,
            fitting: g.fitting.map(|(a, b)| [a, b]),
        }),
        implied: c.implied.as_ref().map(|i| Implied {
            indicator: &i.indicator,
            year: i.year,
            range: interval(&i.range),
            integral: i.integral,
            shared_with: &i.shared_with,
        }),
        remainder: c.remainder.as_ref().map(interval),
        explanation: c.explanation.as_deref(),
        figures: c
            .figures
            .iter()
            .map(|u| Figure {
                indicator: &u.indicator,
                year: u.year,
                value: u.value,
                form: u.form.name(),
                interval: u.interval.as_ref().map(interval),
                line: u.line,
                as_written: u.as_written.as_deref(),
            })
            .collect(),
    }
}

fn claim(c: &f::Finding) -> Claim<'_> {
    Claim {
        id: &c.claim,
        dataset: c.dataset.as_deref(),
        kind: c.kind.name(),
        verdict: c.verdict.name(),
        says: c.says.as_deref(),
        line: c.line,
        spec_line: c.spec_line,
        note: c.note.as_deref(),
        waiver: c.waiver.as_ref().map(|w| Waiver {
            reason: &w.reason,
            until: w.until.to_string(),
            expired: w.expired,
            verdict_without_waiver: w.verdict.name(),
        }),
        checks: c.checks.iter().map(check_wire).collect(),
    }
}

fn report(c: &Checked) -> Report<'_> {
    Report {
        spec: &c.spec,
        report: (&c.report).into(),
        summary: c.summary.into(),
        provenance: c.provenance.as_ref().map(Provenance::from),
        coverage: c.coverage.map(|v| Coverage {
            numbers: v.numbers,
            recorded: v.recorded,
            ignored: v.ignored,
            not_encoded: v.not_encoded,
            years: v.years,
            dates: v.dates,
        }),
        datasets: c
            .panels
            .iter()
            .map(|p| {
                let s = &p.summary;
                Dataset {
                    id: &s.dataset,
                    path: &s.path,
                    rows: s.rows,
                    series: s.series,
                    series_with_cagr: s.series_with_cagr,
                    consistent: s.consistent,
                    inconsistent: s.inconsistent,
                    unverifiable: s.unverifiable,
                    unverifiable_by_reason: ByReason {
                        no_previous_year: s.no_previous_year,
                        zero_base: s.zero_base,
                        no_stated: s.no_stated,
                    },
                    shares: s.shares.map(|sh| Shares {
                        consistent: sh.consistent,
                        inconsistent: sh.inconsistent,
                        unverifiable: sh.unverifiable,
                        unverifiable_by_reason: ShareReasons {
                            no_whole: sh.no_whole,
                            zero_whole: sh.zero_whole,
                            no_stated: sh.no_stated,
                        },
                    }),
                }
            })
            .collect(),
        claims: c.claims.iter().map(claim).collect(),
    }
}

fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

pub(super) fn check(view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    let mut total = f::Summary::default();
    for c in view.checked {
        total.merge(c.summary);
    }
    write(
        &CheckOutput {
            schema_version: SCHEMA_VERSION,
            yoy_version: env!("CARGO_PKG_VERSION"),
            command: "check",
            summary: total.into(),
            reports: view.checked.iter().map(report).collect(),
        },
        out,
    )
}

#[derive(Serialize, JsonSchema)]
struct CompareOutput<'a> {
    schema_version: u32,
    yoy_version: &'static str,
    command: &'static str,
    reports: Vec<SeriesReport<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct SeriesReport<'a> {
    spec: &'a str,
    report: Meta<'a>,
    steps: Vec<Step<'a>>,
    spans: Vec<Span<'a>>,
}

#[derive(Serialize, JsonSchema)]
struct Step<'a> {
    indicator: &'a str,
    from: Option<i32>,
    year: i32,
    value: Interval,
    years: Option<i32>,
    delta: Option<Interval>,
    pct_change: Option<Interval>,
    ratio: Option<Interval>,
    index: Option<Interval>,
}

#[derive(Serialize, JsonSchema)]
struct Span<'a> {
    indicator: &'a str,
    label: Option<&'a str>,
    unit: Option<&'a str>,
    first_year: i32,
    last_year: i32,
    first: Interval,
    last: Interval,
    pct_change: Option<Interval>,
    cagr: Option<Interval>,
}

pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    let reports = compared
        .iter()
        .map(|c| SeriesReport {
            spec: &c.spec,
            report: (&c.report).into(),
            steps: c
                .series
                .steps
                .iter()
                .map(|s| Step {
                    indicator: &s.indicator,
                    from: s.from,
                    year: s.year,
                    value: interval(&s.value),
                    years: s.years,
                    delta: s.delta.as_ref().map(interval),
                    pct_change: s.pct_change.as_ref().map(interval),
                    ratio: s.ratio.as_ref().map(interval),
                    index: s.index.as_ref().map(interval),
                })
                .collect(),
            spans: c
                .series
                .spans
                .iter()
                .map(|s| Span {
                    indicator: &s.indicator,
                    label: s.label.as_deref(),
                    unit: s.unit.as_deref(),
                    first_year: s.first_year,
                    last_year: s.last_year,
                    first: interval(&s.first),
                    last: interval(&s.last),
                    pct_change: s.pct_change.as_ref().map(interval),
                    cagr: s.cagr.as_ref().map(interval),
                })
                .collect(),
        })
        .collect();
    write(
        &CompareOutput {
            schema_version: SCHEMA_VERSION,
            yoy_version: env!("CARGO_PKG_VERSION"),
            command: "compare",
            reports,
        },
        out,
    )
}

/// `yoy explain --format json`: one claim's finding, as `check` writes it.
#[derive(Serialize, JsonSchema)]
struct ExplainOutput<'a> {
    schema_version: u32,
    yoy_version: &'static str,
    command: &'static str,
    spec: &'a str,
    report: Meta<'a>,
    claim: Claim<'a>,
}

pub(crate) fn explain(c: &Checked, finding: &f::Finding, out: &mut dyn Write) -> io::Result<()> {
    write(
        &ExplainOutput {
            schema_version: SCHEMA_VERSION,
            yoy_version: env!("CARGO_PKG_VERSION"),
            command: "explain",
            spec: &c.spec,
            report: (&c.report).into(),
            claim: claim(finding),
        },
        out,
    )
}

/// The JSON Schema of what a command writes (`check`, `compare`, `explain`),
/// made from the wire types themselves: `yoy schema` prints it, and
/// `docs/schema/` holds it.
pub fn schema(command: &str) -> Option<String> {
    let s = match command {
        "check" => schemars::schema_for!(CheckOutput<'static>),
        "compare" => schemars::schema_for!(CompareOutput<'static>),
        "explain" => schemars::schema_for!(ExplainOutput<'static>),
        _ => return None,
    };
    serde_json::to_string_pretty(&s).ok()
}
