//! A report's spec, validated: its indicators (yearly figures) and its claims.
//!
//! `load` reads a YAML file and returns either a `Spec` whose every reference is
//! known to resolve, or every problem found, each located in the file. No Polars
//! here: the engine reads a `Spec`, it never reads YAML.

mod raw;
mod stated;
mod validate;

pub(crate) use stated::{Qualifier, StatedFigure};

use crate::calendar::Date;
use crate::diagnostic::Diagnostic;
use crate::interval::{Interval, Rounding};
use std::path::{Path, PathBuf};

/// Specs larger than this are refused before parsing (a report's spec is a few
/// hundred lines; a huge one is a mistake or an attack).
pub(crate) const MAX_SPEC_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Spec {
    pub path: PathBuf,
    pub report: Report,
    pub indicators: Vec<Indicator>,
    pub claims: Vec<Claim>,
    pub datasets: Vec<Dataset>,
    /// Numbers of the source the spec does not record, with their reasons.
    pub ignore: Vec<Ignored>,
}

/// A number of the source that is no figure of the report.
#[derive(Debug, Clone)]
pub struct Ignored {
    /// Its line in the source (the first of a range).
    pub line: u32,
    /// The last line of a range (`line` itself for one line).
    pub to_line: u32,
    /// The text on that line that holds it ("2/2", "9 أكتوبر"); `None`:
    /// every number of the lines.
    pub text: Option<String>,
    pub reason: String,
    pub spec_line: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetFormat {
    Csv,
    Parquet,
}

/// A panel of yearly figures in a file (long format: one row per series and
/// year), whose rows may carry a published figure to check.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    /// As written in the spec.
    pub path_written: String,
    /// Resolved against the spec's folder.
    pub path: PathBuf,
    pub format: DatasetFormat,
    /// The columns that name a series (e.g. indicator, region).
    pub series: Vec<String>,
    pub year: String,
    pub value: String,
    pub kind: IndicatorKind,
    /// A column of stated % changes on the previous year.
    pub stated_change: Option<StatedColumn>,
    /// A column of stated shares (%) of each row's value in a whole.
    pub stated_share: Option<StatedShare>,
    /// How a CSV file writes its fields and numbers.
    pub csv: CsvDialect,
    pub note: Option<String>,
    pub spec_line: u64,
}

/// How a CSV file writes its fields and numbers: many statistical offices
/// separate fields with `;` and write decimals with a comma (`12,5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    pub separator: u8,
    /// `12,5` is twelve and a half.
    pub decimal_comma: bool,
}

impl Default for CsvDialect {
    fn default() -> Self {
        CsvDialect {
            separator: b',',
            decimal_comma: false,
        }
    }
}

/// Stated shares: each row's value as a % of the whole its group makes, the
/// group being the rows of the same year that differ only in `across`.
#[derive(Debug, Clone)]
pub struct StatedShare {
    pub stated: StatedColumn,
    /// The key column whose rows make up the whole (e.g. region).
    pub across: String,
    /// The `across` value of the row that is the whole (e.g. "Total"); without
    /// it, the whole is the sum of the group's rows.
    pub total: Option<String>,
}

impl Dataset {
    /// The key columns that name a group of shares: every key but `across`.
    pub(crate) fn share_group(&self) -> Vec<&str> {
        let across = self.stated_share.as_ref().map(|s| s.across.as_str());
        self.series
            .iter()
            .map(String::as_str)
            .filter(|k| Some(*k) != across)
            .collect()
    }

    /// The columns the spec names: keys, year, value and stated figures.
    pub(crate) fn named_columns(&self) -> impl Iterator<Item = &str> {
        let keys = self.series.iter().map(String::as_str);
        keys.chain([self.year.as_str(), self.value.as_str()])
            .chain(self.stated_columns())
    }

    /// The columns of stated figures: the change, the share.
    pub(crate) fn stated_columns(&self) -> impl Iterator<Item = &str> {
        let change = self.stated_change.as_ref().map(|s| s.column.as_str());
        let share = self.stated_share.as_ref().map(|s| s.stated.column.as_str());
        change.into_iter().chain(share)
    }
}

#[derive(Debug, Clone)]
pub struct StatedColumn {
    pub column: String,
    pub decimals: u32,
    pub rounding: Rounding,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
    /// The year the report covers; the default year of single-year claims.
    pub year: Option<i32>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub rounding: Rounding,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorKind {
    /// Whole numbers of things: granularity and integer implied values apply.
    Count,
    /// Money and other continuous quantities.
    Amount,
    /// Percentages and other rates.
    Rate,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub label: Option<String>,
    pub label_source: Option<String>,
    pub unit: Option<String>,
    pub kind: IndicatorKind,
    pub note: Option<String>,
    pub figures: Vec<Figure>,
    /// Years the spec declares as not given by the report (`2023: ~`).
    pub unknown_years: Vec<i32>,
    pub spec_line: u64,
}

impl Indicator {
    pub(crate) fn integral(&self) -> bool {
        self.kind == IndicatorKind::Count
    }

    pub(crate) fn figure(&self, year: i32) -> Option<&Figure> {
        self.figures.iter().find(|f| f.year == year)
    }

    /// Is `year` declared at all, known or not?
    pub(crate) fn has_year(&self, year: i32) -> bool {
        self.figure(year).is_some() || self.unknown_years.contains(&year)
    }
}

/// How a figure was printed, which decides the interval it stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Exact,
    Rounded { to: f64 },
    MoreThan,
    AtLeast,
    UpTo,
    About { tolerance: f64 },
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub year: i32,
    pub value: f64,
    pub form: Form,
    pub interval: Interval,
    /// Line in the report's source document.
    pub line: Option<u32>,
    /// The figure exactly as the report printed it.
    pub as_written: Option<String>,
    /// Counted from what `as_written` lists, not printed as a figure.
    pub counted: bool,
    pub note: Option<String>,
    pub spec_line: u64,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub says: Option<String>,
    pub line: Option<u32>,
    pub note: Option<String>,
    pub spec_line: u64,
    pub kind: ClaimKind,
    pub waiver: Option<Waiver>,
    pub severity: Severity,
}

/// What a failing claim means (as dbt tests and Soda checks have it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The report asserts the relation: failing, the figures cannot all be
    /// right (`inconsistent`).
    #[default]
    Error,
    /// The report implies it without asserting it (an "of which" its wording
    /// suggests, more recommendations than grievances): failing, it is a
    /// question for the publisher (`questionable`), never `inconsistent`.
    Plausibility,
}

/// A claim accepted as failing, for a reason, until a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub reason: String,
    pub until: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Decreasing,
    Increasing,
    Flat,
}

/// What a ratio is taken per: figures of the report (added up), or a
/// constant the claim gives (52 weeks).
#[derive(Debug, Clone, PartialEq)]
pub enum Per {
    Figures(Vec<String>),
    Constant(f64),
}

/// How many answers a mean is over: a number the claim gives, or a figure of
/// the report (respondents in a year).
#[derive(Debug, Clone, PartialEq)]
pub enum Size {
    Given(u64),
    Figure(String),
}

/// How "average annual change" over a span is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Average {
    /// Compound (CAGR): 100·((to/from)^(1/years) − 1).
    Compound,
    /// Linear: the total % change divided by the years.
    Linear,
}

#[derive(Debug, Clone)]
pub enum ClaimKind {
    Change {
        indicator: String,
        from: i32,
        to: i32,
        /// The % change (at least one of `stated` and `by`).
        stated: Option<StatedFigure>,
        /// The absolute change, in the indicator's unit ("33 fewer").
        by: Option<StatedFigure>,
        /// A per-capita change: the indicator per this one, in each year.
        per: Option<String>,
    },
    Points {
        indicator: String,
        from: i32,
        to: i32,
        stated: StatedFigure,
    },
    Share {
        stated: StatedFigure,
        /// Added up; empty: only the whole numbers that fit are checked.
        part: Vec<String>,
        /// Added up.
        whole: Vec<String>,
        year: i32,
    },
    Sum {
        parts: Vec<String>,
        total: String,
        year: i32,
    },
    Subset {
        /// Added up: several parts within one whole.
        parts: Vec<String>,
        whole: String,
        year: i32,
    },
    Shares {
        stated: Vec<StatedFigure>,
        whole: Option<String>,
        year: i32,
        exhaustive: bool,
    },
    Equal {
        figures: Vec<String>,
        year: i32,
    },
    Trend {
        indicator: String,
        direction: Direction,
        years: Vec<i32>,
    },
    Multiple {
        indicator: String,
        from: i32,
        to: i32,
        factor: f64,
        /// The report's word ("doubled", "4 times more"), for the working.
        word: Option<String>,
        /// Declared; `None`: the default for counts (semantics, section 7).
        tolerance: Option<f64>,
    },
    Product {
        factors: Vec<String>,
        total: String,
        year: i32,
    },
    Ratio {
        /// Added up.
        numerator: Vec<String>,
        per: Per,
        /// "per 100 000 inhabitants": the ratio times this.
        scale: f64,
        year: i32,
        stated: Option<StatedFigure>,
    },
    Cagr {
        indicator: String,
        from: i32,
        to: i32,
        stated: StatedFigure,
        average: Average,
    },
    Grim {
        mean: StatedFigure,
        n: Size,
        items: u32,
        year: i32,
    },
    Grimmer {
        mean: StatedFigure,
        sd: StatedFigure,
        n: Size,
        year: i32,
    },
    Debit {
        mean: StatedFigure,
        sd: StatedFigure,
        n: Size,
        year: i32,
    },
}

impl ClaimKind {
    /// The kind, without its figures.
    pub(crate) fn kind(&self) -> crate::findings::ClaimKind {
        use crate::findings::ClaimKind as K;
        match self {
            ClaimKind::Change { .. } => K::Change,
            ClaimKind::Points { .. } => K::Points,
            ClaimKind::Share { .. } => K::Share,
            ClaimKind::Sum { .. } => K::Sum,
            ClaimKind::Subset { .. } => K::Subset,
            ClaimKind::Shares { .. } => K::Shares,
            ClaimKind::Equal { .. } => K::Equal,
            ClaimKind::Trend { .. } => K::Trend,
            ClaimKind::Multiple { .. } => K::Multiple,
            ClaimKind::Product { .. } => K::Product,
            ClaimKind::Ratio { .. } => K::Ratio,
            ClaimKind::Cagr { .. } => K::Cagr,
            ClaimKind::Grim { .. } => K::Grim,
            ClaimKind::Grimmer { .. } => K::Grimmer,
            ClaimKind::Debit { .. } => K::Debit,
        }
    }
}

impl Spec {
    pub(crate) fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// Why a spec could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all.
    Unreadable { path: PathBuf, reason: String },
    /// It was read, and these are all the problems in it.
    Invalid {
        source: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Read and validate the spec at `path`.
pub fn load(path: &Path) -> Result<Spec, LoadError> {
    let unreadable = |reason: String| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(unreadable(
            "it is a directory; give a .yaml spec file, or no argument to check every spec under specs/".into(),
        ));
    }
    if meta.len() > MAX_SPEC_BYTES {
        return Err(unreadable(format!(
            "it is {} bytes, more than the {} a spec may have",
            meta.len(),
            MAX_SPEC_BYTES
        )));
    }
    // The size a file reports is not trusted (a device or a pipe reports 0
    // and never ends): the read itself stops one byte past the limit.
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    read(path, file)
}

/// Read and validate a spec from standard input (`-`); its relative paths
/// are from the working directory.
pub fn load_stdin() -> Result<Spec, LoadError> {
    read(Path::new("<stdin>"), std::io::stdin().lock())
}

/// A spec read from `reader` (at most `MAX_SPEC_BYTES`), named `path`.
fn read(path: &Path, reader: impl std::io::Read) -> Result<Spec, LoadError> {
    use std::io::Read;
    let unreadable = |reason: String| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(unreadable(format!(
            "it holds more than the {MAX_SPEC_BYTES} bytes a spec may have"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        // Columns count characters, as an editor does; the prefix is valid UTF-8.
        let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
        unreadable(format!(
            "it is not UTF-8 text (an invalid byte at line {line}, column {column}, byte offset {at}); save the spec as UTF-8"
        ))
    })?;
    parse(path, &text).map_err(|diagnostics| LoadError::Invalid {
        source: text,
        diagnostics,
    })
}

/// Validate spec text as if it were read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Spec, Vec<Diagnostic>> {
    validate::validate(path, text)
}
