//! What the engine found, as plain Rust: verdicts with their numbers, series
//! metrics, and the summary. The last stop before any output format; no Polars.

use crate::calendar::Date;
use crate::spec::Waiver;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(i32)]
pub enum Verdict {
    /// The stated and computed intervals share a value.
    Consistent = 0,
    /// Nothing was stated; the figure is computed for the record (a per-unit ratio).
    Computed = 1,
    /// A figure the claim needs is missing, or its base is zero.
    Unverifiable = 2,
    /// The stated and computed intervals are disjoint, or no whole number fits.
    Inconsistent = 3,
    /// It fails, but a waiver in the spec accepts that until its date.
    Waived = 4,
    /// A plausibility check (a relation the report implies but does not
    /// state) fails: a question for the publisher, never `inconsistent`.
    Questionable = 5,
}

impl Verdict {
    /// The verdicts the engine decides, in the order of their codes: a
    /// claim's verdict is the largest code of its checks'.
    pub const DECIDED: [Verdict; 4] = [
        Verdict::Consistent,
        Verdict::Computed,
        Verdict::Unverifiable,
        Verdict::Inconsistent,
    ];

    /// The code the engine's columns hold.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The verdict a code stands for (an unknown code is a failure, never a pass).
    pub fn from_code(code: i32) -> Verdict {
        Verdict::DECIDED
            .into_iter()
            .find(|v| v.code() == code)
            .unwrap_or(Verdict::Inconsistent)
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Computed => "computed",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Inconsistent => "inconsistent",
            Verdict::Waived => "waived",
            Verdict::Questionable => "questionable",
        }
    }
}

/// Why a check is unverifiable or, for integer reasons, inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum Reason {
    MissingFigure = 1,
    ZeroBase = 2,
    Unbounded = 3,
    /// No whole number of cases gives the stated share (the GRIM test).
    NoWholeNumberFits = 4,
    /// Nothing is stated (an empty cell in a panel's stated column).
    NoStated = 5,
    /// A count stated to fall by more than 100 %: no figures can give it.
    FallBeyondAll = 6,
    /// A part stated as more than its whole (a share above 100 %, or below 0).
    PartBeyondWhole = 7,
    /// A missing figure that several claims imply a range for: no value
    /// satisfies them all together.
    NoJointValue = 8,
}

impl Reason {
    pub const ALL: [Reason; 8] = [
        Reason::MissingFigure,
        Reason::ZeroBase,
        Reason::Unbounded,
        Reason::NoWholeNumberFits,
        Reason::NoStated,
        Reason::FallBeyondAll,
        Reason::PartBeyondWhole,
        Reason::NoJointValue,
    ];

    /// The code the engine's columns hold; no reason is 0.
    pub fn code(reason: Option<Reason>) -> i32 {
        reason.map_or(0, |r| r as i32)
    }

    /// The reason a code stands for (0: none).
    pub fn from_code(code: i32) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| *r as i32 == code)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Reason::MissingFigure => "a figure it needs is not given",
            Reason::ZeroBase => "its base is zero (or may be)",
            Reason::Unbounded => "its figures are unbounded, so the result is too",
            Reason::NoWholeNumberFits => "no whole number fits",
            Reason::NoStated => "nothing is stated",
            Reason::FallBeyondAll => "a count cannot fall by more than 100 %",
            Reason::PartBeyondWhole => {
                "a part cannot be more than its whole, nor less than none of it"
            }
            Reason::NoJointValue => {
                "no value of the missing figure satisfies it and the claims that share it"
            }
        }
    }
}

/// An interval for output; an infinite end is `None` (JSON `null`), never ∞ or NaN.
#[derive(Debug, Clone, Copy, PartialEq)]
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

    pub fn is_point(&self) -> bool {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) => approx::abs_diff_eq!(a, b, epsilon = 1e-9 * a.abs().max(1.0)),
            _ => false,
        }
    }
}

/// The unit a check's computed value and gap are expressed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    Percent,
    Points,
    Factor,
    /// The figures' own unit (cases, MAD, …).
    Of(String),
}

impl Unit {
    pub fn name(&self) -> &str {
        match self {
            Unit::Percent => "%",
            Unit::Points => "points",
            Unit::Factor => "×",
            Unit::Of(u) => u,
        }
    }
}

/// How a figure was written, in the report's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureForm {
    Exact,
    Rounded,
    MoreThan,
    AtLeast,
    UpTo,
    About,
    /// Not given by the report (`2023: ~`).
    Missing,
}

impl FigureForm {
    pub fn name(self) -> &'static str {
        match self {
            FigureForm::Exact => "exact",
            FigureForm::Rounded => "rounded",
            FigureForm::MoreThan => "more_than",
            FigureForm::AtLeast => "at_least",
            FigureForm::UpTo => "up_to",
            FigureForm::About => "about",
            FigureForm::Missing => "missing",
        }
    }

    /// The form in words ("more than", "at least").
    pub fn words(self) -> String {
        self.name().replace('_', " ")
    }
}

/// What a claim asserts, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    Change,
    Points,
    Share,
    Sum,
    Subset,
    Shares,
    Equal,
    Trend,
    Multiple,
    Product,
    Ratio,
}

impl ClaimKind {
    /// Every kind, in the order the spec's documentation lists them.
    pub const ALL: [ClaimKind; 11] = [
        ClaimKind::Change,
        ClaimKind::Points,
        ClaimKind::Share,
        ClaimKind::Sum,
        ClaimKind::Subset,
        ClaimKind::Shares,
        ClaimKind::Equal,
        ClaimKind::Trend,
        ClaimKind::Multiple,
        ClaimKind::Product,
        ClaimKind::Ratio,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Change => "change",
            ClaimKind::Points => "points",
            ClaimKind::Share => "share",
            ClaimKind::Sum => "sum",
            ClaimKind::Subset => "subset",
            ClaimKind::Shares => "shares",
            ClaimKind::Equal => "equal",
            ClaimKind::Trend => "trend",
            ClaimKind::Multiple => "multiple",
            ClaimKind::Product => "product",
            ClaimKind::Ratio => "ratio",
        }
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub claim: String,
    pub kind: ClaimKind,
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
        self.claims += 1;
        match v {
            Verdict::Consistent => self.consistent += 1,
            Verdict::Inconsistent => self.inconsistent += 1,
            Verdict::Unverifiable => self.unverifiable += 1,
            Verdict::Computed => self.computed += 1,
            Verdict::Waived => self.waived += 1,
            Verdict::Questionable => self.questionable += 1,
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
        }
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

/// What checking a dataset found, counted; the rows themselves stay in Polars.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelSummary {
    pub dataset: String,
    pub path: String,
    pub rows: u64,
    pub series: u64,
    /// Series with a CAGR (more than one year, a positive first value).
    pub series_with_cagr: u64,
    pub consistent: u64,
    pub inconsistent: u64,
    pub unverifiable: u64,
    /// No figure for exactly the previous year (a series' first row, or a gap).
    pub no_previous_year: u64,
    /// The previous year's figure is zero.
    pub zero_base: u64,
    /// The stated cell is empty.
    pub no_stated: u64,
    /// The stated shares, when the dataset has a column of them.
    pub shares: Option<ShareCounts>,
}

impl PanelSummary {
    /// Add the counts of another part of the same dataset.
    pub fn add(&mut self, o: &PanelSummary) {
        self.rows += o.rows;
        self.series += o.series;
        self.series_with_cagr += o.series_with_cagr;
        self.consistent += o.consistent;
        self.inconsistent += o.inconsistent;
        self.unverifiable += o.unverifiable;
        self.no_previous_year += o.no_previous_year;
        self.zero_base += o.zero_base;
        self.no_stated += o.no_stated;
        self.shares = match (self.shares, o.shares) {
            (Some(mut a), Some(b)) => {
                a += b;
                Some(a)
            }
            (a, b) => a.or(b),
        };
    }
}

/// What checking a dataset's stated shares found, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareCounts {
    pub consistent: u64,
    pub inconsistent: u64,
    pub unverifiable: u64,
    /// The value or its whole is missing (no total row, or an empty cell in the group).
    pub no_whole: u64,
    /// The whole is zero.
    pub zero_whole: u64,
    /// The stated cell is empty.
    pub no_stated: u64,
}

impl std::ops::AddAssign for ShareCounts {
    fn add_assign(&mut self, o: ShareCounts) {
        self.consistent += o.consistent;
        self.inconsistent += o.inconsistent;
        self.unverifiable += o.unverifiable;
        self.no_whole += o.no_whole;
        self.zero_whole += o.zero_whole;
        self.no_stated += o.no_stated;
    }
}

/// Which of a panel row's stated figures a listed row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelCheck {
    /// The % change on the previous year.
    Change,
    /// The share (%) of the row's value in its whole.
    Share,
}

/// One row of a panel whose stated change or share the figures contradict.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRow {
    pub check: PanelCheck,
    /// The series key, one value per key column.
    pub series: Vec<String>,
    pub year: i32,
    pub value: f64,
    /// What the value is compared with: the previous year's value (a change)
    /// or the whole (a share).
    pub base: f64,
    /// The stated figure and the interval its printed precision stands for.
    pub stated: f64,
    pub stated_interval: Bounds,
    /// The % change or the share computed from the figures.
    pub computed: f64,
    pub gap: f64,
    pub series_cagr: Option<f64>,
}

/// What a dataset's shares are shares of, for labels.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareOf {
    /// The key column whose rows make up the whole.
    pub across: String,
    /// The `across` value of the row that is the whole, if one is.
    pub total: Option<String>,
}

/// A dataset checked: its counts and every inconsistent row.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelChecked {
    pub summary: PanelSummary,
    /// Key column names, for labels.
    pub series_columns: Vec<String>,
    pub spec_line: u64,
    /// What the stated shares are shares of, when there are some.
    pub share_of: Option<ShareOf>,
    /// Decimals the dataset prints its stated changes and shares with (the spec says).
    pub change_decimals: u32,
    pub share_decimals: u32,
    pub inconsistent: Vec<PanelRow>,
}

impl PanelChecked {
    /// The inconsistent rows as findings, so that every output format shows them.
    pub fn findings(&self) -> Vec<Finding> {
        self.inconsistent
            .iter()
            .map(|r| {
                let key = r.series.join(" / ");
                let decimals = self.decimals(r.check);
                let figure = |indicator: String, year: i32, value: f64| FigureUse {
                    indicator,
                    year: Some(year),
                    value: Some(value),
                    form: FigureForm::Exact,
                    interval: Some(Bounds::new(value, value)),
                    line: None,
                    as_written: None,
                };
                let (kind, label, formula, base) = match r.check {
                    PanelCheck::Change => (
                        ClaimKind::Change,
                        format!(
                            "{key}: {}",
                            crate::checks::change::label(r.year - 1, r.year)
                        ),
                        crate::checks::change::formula(&key, r.year - 1, r.year),
                        figure(key.clone(), r.year - 1, r.base),
                    ),
                    PanelCheck::Share => {
                        let whole = self.whole_of(&r.series);
                        (
                            ClaimKind::Share,
                            format!("{key}: share of {whole} in {}", r.year),
                            crate::checks::share::formula(&key, &whole, r.year),
                            figure(whole, r.year, r.base),
                        )
                    }
                };
                let suffix = match r.check {
                    PanelCheck::Change => "",
                    PanelCheck::Share => "[share]",
                };
                Finding {
                    claim: format!("{}[{key}][{}]{suffix}", self.summary.dataset, r.year),
                    kind,
                    verdict: Verdict::Inconsistent,
                    says: None,
                    line: None,
                    spec_line: self.spec_line,
                    note: None,
                    waiver: None,
                    dataset: Some(self.summary.dataset.clone()),
                    checks: vec![CheckResult {
                        label,
                        formula,
                        verdict: Verdict::Inconsistent,
                        reason: None,
                        unit: Unit::Percent,
                        stated: Stated {
                            text: format!("{:.*}%", decimals, r.stated),
                            source: StatedSource::Report,
                            interval: r.stated_interval,
                            lo_open: false,
                            hi_open: false,
                            rounding: None,
                            unit: None,
                        },
                        computed: Some(Bounds::new(r.computed, r.computed)),
                        off_by: Some(r.computed - r.stated),
                        gap: Some(r.gap),
                        granularity: None,
                        implied: None,
                        remainder: None,
                        figures: vec![figure(key.clone(), r.year, r.value), base],
                    }],
                }
            })
            .collect()
    }

    /// The name of the whole a row's share is of: its group's total row, or
    /// the sum over the `across` column.
    fn whole_of(&self, series: &[String]) -> String {
        let Some(of) = &self.share_of else {
            return "the whole".into();
        };
        let label = |last: String| {
            let mut parts: Vec<String> = self
                .series_columns
                .iter()
                .zip(series)
                .map(|(c, v)| {
                    if *c == of.across {
                        last.clone()
                    } else {
                        v.clone()
                    }
                })
                .collect();
            parts.dedup();
            parts.join(" / ")
        };
        match &of.total {
            Some(total) => label(total.clone()),
            None => label(format!("sum over {}", of.across)),
        }
    }

    /// Decimals the stated figures of one check are printed with.
    fn decimals(&self, check: PanelCheck) -> usize {
        match check {
            PanelCheck::Change => self.change_decimals as usize,
            PanelCheck::Share => self.share_decimals as usize,
        }
    }
}
