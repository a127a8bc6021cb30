//! What the engine found, as plain Rust: verdicts with their numbers, series
//! metrics, and the summary. The last stop before any output format; no Polars.
//! Its words (`vocabulary`) and what a panel found (`panel`) are modules of
//! their own.

mod panel;
mod vocabulary;

pub use panel::*;
pub use vocabulary::*;

use crate::calendar::Date;
use crate::spec::Waiver;

/// An interval for output; an infinite end is `None` (JSON `null`), never ∞ or NaN.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bounds {
    pub lo: Option<f64>,
    pub hi: Option<f64>,
}

impl Bounds {
    pub fn new(lo: f64, hi: f64) -> Bounds {
        let finite = |x: f64| x.is_finite().then_some(x);
        Bounds {
            lo: finite(lo),
            hi: finite(hi),
        }
    }

    /// Exact ends in place of computed ends that are them up to binary
    /// rounding (3.5 for 3.5000000000000036); any other end as it is.
    pub(crate) fn settled(
        self,
        lo: Option<crate::exact::Ratio>,
        hi: Option<crate::exact::Ratio>,
    ) -> Bounds {
        let end = |found: Option<f64>, exact: Option<crate::exact::Ratio>| match (
            found,
            exact.map(crate::exact::Ratio::to_f64),
        ) {
            (Some(f), Some(x)) if (x - f).abs() <= 1e-9 * x.abs().max(1.0) => Some(x),
            _ => found,
        };
        Bounds {
            lo: end(self.lo, lo),
            hi: end(self.hi, hi),
        }
    }

    pub fn is_point(&self) -> bool {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) => approx::abs_diff_eq!(a, b, epsilon = 1e-9 * a.abs().max(1.0)),
            _ => false,
        }
    }
}

/// How far a computed interval lies outside a stated one (0 when they meet),
/// on the printed numbers (`exact::difference`); a missing end is infinite.
pub(crate) fn gap(computed: &Bounds, stated: &Bounds) -> f64 {
    match (computed.lo, computed.hi, stated.lo, stated.hi) {
        (_, Some(c), Some(s), _) if c < s => crate::exact::difference(s, c),
        (Some(c), _, _, Some(s)) if c > s => crate::exact::difference(c, s),
        _ => 0.0,
    }
}

/// A figure a check used, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureUse {
    pub indicator: String,
    pub year: Option<i32>,
    /// `None` when the report does not give it.
    pub value: Option<f64>,
    /// How it was written.
    pub form: FigureForm,
    pub interval: Option<Bounds>,
    pub line: Option<u32>,
    pub as_written: Option<String>,
}

impl FigureForm {
    /// How a spec's figure is written, in the findings' words.
    pub(crate) fn of(form: &crate::spec::Form) -> FigureForm {
        use crate::spec::Form;
        match form {
            Form::Exact => FigureForm::Exact,
            Form::Rounded { .. } => FigureForm::Rounded,
            Form::MoreThan => FigureForm::MoreThan,
            Form::AtLeast => FigureForm::AtLeast,
            Form::UpTo => FigureForm::UpTo,
            Form::About { .. } => FigureForm::About,
        }
    }
}

impl FigureUse {
    /// The figure of `ind` in `year` as the spec records it (or missing).
    pub(crate) fn of(ind: &crate::spec::Indicator, year: i32) -> FigureUse {
        let fig = ind.figure(year);
        FigureUse {
            indicator: ind.id.clone(),
            year: Some(year),
            value: fig.map(|f| f.value),
            form: fig.map_or(FigureForm::Missing, |f| FigureForm::of(&f.form)),
            interval: fig.map(|f| Bounds::new(f.interval.lo, f.interval.hi)),
            line: fig.and_then(|f| f.line),
            as_written: fig.and_then(|f| f.as_written.clone()),
        }
    }
}

/// The value of a missing figure that would make the claim hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Implied {
    pub indicator: String,
    pub year: i32,
    pub range: Bounds,
    /// Whole numbers only (the indicator is a count).
    pub integral: bool,
    /// The other claims that imply a range for the same missing figure: the
    /// range is what all of them allow together (`joint`).
    pub shared_with: Vec<String>,
}

/// The whole numbers of cases that give a stated share of a count.
#[derive(Debug, Clone, PartialEq)]
pub struct Granularity {
    /// What the whole numbers are of.
    pub of: Grain,
    pub whole: f64,
    /// Inclusive range of fitting parts; `None` when no whole number fits.
    pub fitting: Option<(i64, i64)>,
}

/// Where the stated side of a check comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatedSource {
    /// A figure the report states about its figures ("-50%").
    Report,
    /// Another figure of the report (a total, a copy).
    Figure,
    /// At most another figure (the whole of an "of which").
    AtMostFigure,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub text: String,
    pub source: StatedSource,
    pub interval: Bounds,
    /// Whether the interval's ends are left out (a half that rounds away).
    pub lo_open: bool,
    pub hi_open: bool,
    /// How the report rounded the stated figure, when it states one.
    pub rounding: Option<crate::interval::Rounding>,
    /// The unit of the figure the stated side is, when it is another figure
    /// ("grievances" for "at most the grievances").
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    pub label: String,
    /// The computation in words.
    pub formula: String,
    pub verdict: Verdict,
    pub reason: Option<Reason>,
    pub unit: Unit,
    pub stated: Stated,
    pub computed: Option<Bounds>,
    /// Computed minus stated, at their centres, when both are points or narrow.
    pub off_by: Option<f64>,
    /// Distance between the stated and computed intervals (0 when they overlap).
    pub gap: Option<f64>,
    pub granularity: Option<Granularity>,
    pub implied: Option<Implied>,
    /// For stated shares of one whole: what they leave of 100 %.
    pub remainder: Option<Bounds>,
    pub figures: Vec<FigureUse>,
    /// What the check found, in words, where its numbers do not say it (a
    /// figure's provenance: "the source prints 4696069; the spec records
    /// 4696096").
    pub explanation: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub claim: String,
    pub kind: FindingKind,
    pub verdict: Verdict,
    pub says: Option<String>,
    /// Line of the claim's wording in the report's source.
    pub line: Option<u32>,
    /// Line of the claim in the spec.
    pub spec_line: u64,
    pub note: Option<String>,
    pub checks: Vec<CheckResult>,
    pub waiver: Option<WaiverState>,
    /// The dataset a row-claim comes from; `None` for a claim written in the spec.
    pub dataset: Option<String>,
}

/// A claim's waiver and whether it applies today.
#[derive(Debug, Clone, PartialEq)]
pub struct WaiverState {
    pub reason: String,
    pub until: Date,
    /// Past its date: the claim counts again.
    pub expired: bool,
    /// The verdict the claim would have without the waiver.
    pub verdict: Verdict,
}

impl Finding {
    /// Apply a waiver as of `today`: a failing claim under a live waiver is
    /// `waived`; an expired waiver is recorded and changes nothing.
    /// A plausibility claim that fails is questionable, not inconsistent:
    /// the claim and each of its failing checks.
    pub fn as_plausibility(&mut self) {
        if self.verdict == Verdict::Inconsistent {
            self.verdict = Verdict::Questionable;
        }
        for c in &mut self.checks {
            if c.verdict == Verdict::Inconsistent {
                c.verdict = Verdict::Questionable;
            }
        }
    }

    pub fn waive(&mut self, waiver: &Waiver, today: Date) {
        let expired = waiver.until < today;
        let failing = matches!(self.verdict, Verdict::Inconsistent | Verdict::Unverifiable);
        self.waiver = Some(WaiverState {
            reason: waiver.reason.clone(),
            until: waiver.until,
            expired,
            verdict: self.verdict,
        });
        if failing && !expired {
            self.verdict = Verdict::Waived;
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub claims: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    pub unverifiable: usize,
    pub computed: usize,
    pub waived: usize,
    pub questionable: usize,
    /// Figures of the spec its source does not print as recorded (not claims:
    /// not in `claims`).
    pub misrecorded: usize,
    /// Numbers its source prints that the spec neither records nor ignores.
    pub not_encoded: usize,
}

impl Summary {
    /// Add a panel's rows, which are counted in Polars, not listed.
    pub fn add_panel(&mut self, p: &PanelSummary) {
        let n = |x: u64| usize::try_from(x).unwrap_or(usize::MAX);
        self.claims += n(p.consistent + p.inconsistent + p.unverifiable);
        self.consistent += n(p.consistent);
        self.inconsistent += n(p.inconsistent);
        self.unverifiable += n(p.unverifiable);
        if let Some(sh) = &p.shares {
            self.claims += n(sh.consistent + sh.inconsistent + sh.unverifiable);
            self.consistent += n(sh.consistent);
            self.inconsistent += n(sh.inconsistent);
            self.unverifiable += n(sh.unverifiable);
        }
    }

    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            s.add(f.verdict);
        }
        s
    }

    pub fn add(&mut self, v: Verdict) {
        if v == Verdict::Misrecorded {
            self.misrecorded += 1;
            return;
        }
        if v == Verdict::NotEncoded {
            self.not_encoded += 1;
            return;
        }
        self.claims += 1;
        match v {
            Verdict::Consistent => self.consistent += 1,
            Verdict::Inconsistent => self.inconsistent += 1,
            Verdict::Unverifiable => self.unverifiable += 1,
            Verdict::Computed => self.computed += 1,
            Verdict::Waived => self.waived += 1,
            Verdict::Questionable => self.questionable += 1,
            Verdict::Misrecorded | Verdict::NotEncoded => {}
        }
    }

    pub fn merge(&mut self, o: Summary) {
        self.claims += o.claims;
        self.consistent += o.consistent;
        self.inconsistent += o.inconsistent;
        self.unverifiable += o.unverifiable;
        self.computed += o.computed;
        self.waived += o.waived;
        self.questionable += o.questionable;
        self.misrecorded += o.misrecorded;
        self.not_encoded += o.not_encoded;
    }
}

/// One step of a series between two consecutive known years.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesStep {
    pub indicator: String,
    pub from: Option<i32>,
    pub year: i32,
    pub value: Bounds,
    /// Years since the previous known year (1 for a year-on-year step).
    pub years: Option<i32>,
    pub delta: Option<Bounds>,
    pub pct_change: Option<Bounds>,
    pub ratio: Option<Bounds>,
    /// 100 × value / the first year's value.
    pub index: Option<Bounds>,
}

/// First-to-last movement of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSpan {
    pub indicator: String,
    pub label: Option<String>,
    pub unit: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub first: Bounds,
    pub last: Bounds,
    pub pct_change: Option<Bounds>,
    /// Compound annual growth rate, in percent a year.
    pub cagr: Option<Bounds>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub steps: Vec<SeriesStep>,
    pub spans: Vec<SeriesSpan>,
}

/// What identifies the report a set of findings is about.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    pub id: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    pub source: Option<String>,
    pub publisher: Option<String>,
}

/// The findings of one spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub spec: String,
    pub report: ReportMeta,
    pub summary: Summary,
    pub claims: Vec<Finding>,
    /// The series of the same spec, for change summaries.
    pub series: Series,
    /// Its datasets, checked row by row.
    pub panels: Vec<PanelChecked>,
    /// Its figures checked against the report's source text (`None`: the
    /// spec names no source).
    pub provenance: Option<ProvenanceSummary>,
    /// The numbers its source prints, accounted for or not (`None`: no
    /// source was read).
    pub coverage: Option<CoverageSummary>,
}

/// Every number a spec's source prints, and what accounts for it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CoverageSummary {
    /// Numbers printed, years and dates apart.
    pub numbers: usize,
    /// Within a figure the spec records, or a claim's wording.
    pub recorded: usize,
    /// Listed under `ignore:`, with a reason.
    pub ignored: usize,
    /// Years ("في 2018") and dates ("9 أكتوبر"), told as such.
    pub years: usize,
    pub dates: usize,
    pub not_encoded: usize,
}

/// A spec's figures checked against its source text: how many were, and
/// what became of them. The misrecorded ones are findings of their own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProvenanceSummary {
    /// The source as the spec names it.
    pub source: String,
    /// The file read (the name as given, or beside the spec).
    pub path: Option<String>,
    /// Why it could not be read (`None`: it was).
    pub unread: Option<String>,
    /// The language its figures were read in (`ar`, `fr`, `en`).
    pub language: Option<String>,
    /// Figures that give both `line` and `as_written`.
    pub figures: usize,
    /// Found on their line and read as the value recorded.
    pub as_printed: usize,
    /// Found on their line; their value counted from what it lists.
    pub counted: usize,
    pub misrecorded: usize,
    /// Figures without `line` or `as_written`: nothing to check them against.
    pub unlocated: usize,
}

impl Checked {
    /// A spec's claims checked, with their summary; datasets come with `add_panel`.
    pub fn new(spec: String, report: ReportMeta, claims: Vec<Finding>, series: Series) -> Checked {
        Checked {
            spec,
            report,
            summary: Summary::of(&claims),
            claims,
            series,
            panels: Vec::new(),
            provenance: None,
            coverage: None,
        }
    }

    /// The numbers of the spec's source, the ones it leaves out listed as
    /// findings and counted apart from the claims.
    pub fn add_coverage(&mut self, summary: CoverageSummary, not_encoded: Vec<Finding>) {
        self.summary.not_encoded += not_encoded.len();
        self.claims.extend(not_encoded);
        self.coverage = Some(summary);
    }

    /// The spec's figures checked against its source: the misrecorded ones
    /// listed as findings and counted apart from the claims.
    pub fn add_provenance(&mut self, summary: ProvenanceSummary, misrecorded: Vec<Finding>) {
        self.summary.misrecorded += misrecorded.len();
        self.claims.extend(misrecorded);
        self.provenance = Some(summary);
    }

    /// A dataset checked: its rows counted in the summary, its listed rows as claims.
    pub fn add_panel(&mut self, panel: PanelChecked) {
        self.summary.add_panel(&panel.summary);
        self.claims.extend(panel.findings());
        self.panels.push(panel);
    }
}

/// The series of one spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub spec: String,
    pub report: ReportMeta,
    pub series: Series,
}
