//! What checking a dataset found: its counts, and its inconsistent rows turned
//! into findings with the claims' own wording.

use super::*;

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
    /// The line of its dataset's file the row starts on, when an output that
    /// points at rows asked for it (`engine::panel::locate`).
    pub line: Option<u64>,
}

impl PanelRow {
    /// The row as findings say it, whichever engine decided it: the stated
    /// figure as the interval its printed precision stands for under its
    /// rounding; the % computed exactly from the decimals the two figures
    /// print as, rounded once (from 10 to 21: 110, where the engine's own
    /// column, the benchmark's (v − p)/p·100, holds 110.00000000000001); and
    /// how far outside the interval it lies.
    pub(crate) fn settled(
        mut self,
        decimals: u32,
        rounding: crate::interval::Rounding,
    ) -> PanelRow {
        let iv = crate::interval::Interval::rounded(self.stated, decimals, rounding);
        self.stated_interval = Bounds::new(iv.lo, iv.hi);
        if let Some(exact) = self.exact_computed() {
            self.computed = exact;
        }
        let c = Bounds::new(self.computed, self.computed);
        self.gap = gap(&c, &self.stated_interval);
        self
    }

    fn exact_computed(&self) -> Option<f64> {
        use crate::exact::Ratio;
        let (v, b) = (Ratio::printed(self.value)?, Ratio::printed(self.base)?);
        let hundred = Ratio::int(100);
        let pct = match self.check {
            PanelCheck::Change => v.add(b.neg()?)?.mul(hundred)?.div(b)?,
            PanelCheck::Share => v.mul(hundred)?.div(b)?,
        };
        Some(pct.to_f64())
    }
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
    /// The dataset's file as read (from the working directory), where a
    /// code-scanning viewer finds its rows.
    pub file: String,
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

/// A series' key as one text, its parts apart with " | " (never "/", which
/// reads as a division in a formula); a part that holds "|", a bracket or a
/// quote, or starts or ends with a space, is quoted, so no two keys read alike.
pub fn series_key(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| {
            let plain =
                !p.is_empty() && !p.contains(['|', '[', ']', '"']) && p.trim() == p.as_str();
            if plain {
                p.clone()
            } else {
                format!("\"{}\"", p.replace('"', "\"\""))
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

impl PanelChecked {
    /// The inconsistent rows as findings, so that every output format shows them.
    pub fn findings(&self) -> Vec<Finding> {
        self.inconsistent
            .iter()
            .map(|r| self.row_finding(r, Verdict::Inconsistent, None))
            .collect()
    }

    /// One row as a finding, with its verdict and reason (`yoy explain` asks
    /// for any row; the listed ones are inconsistent). A figure the row does
    /// not have (no previous year) is NaN in `r` and missing here.
    pub fn row_finding(&self, r: &PanelRow, verdict: Verdict, reason: Option<Reason>) -> Finding {
        let key = series_key(&r.series);
        let decimals = self.decimals(r.check);
        let finite = |x: f64| x.is_finite().then_some(x);
        let figure = |indicator: String, year: i32, value: f64| FigureUse {
            indicator,
            year: Some(year),
            value: finite(value),
            form: if value.is_finite() {
                FigureForm::Exact
            } else {
                FigureForm::Missing
            },
            interval: finite(value).map(|v| Bounds::new(v, v)),
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
        let stated_text = match finite(r.stated) {
            Some(s) => format!("{:.*}%", decimals, s),
            None => "(not stated)".to_string(),
        };
        Finding {
            claim: self.claim_id(r),
            kind: FindingKind::Claim(kind),
            verdict,
            says: None,
            line: None,
            spec_line: self.spec_line,
            note: None,
            waiver: None,
            dataset: Some(self.summary.dataset.clone()),
            checks: vec![CheckResult {
                explanation: None,
                label,
                formula,
                verdict,
                reason,
                unit: Unit::Percent,
                stated: Stated {
                    text: stated_text,
                    source: StatedSource::Report,
                    interval: r.stated_interval,
                    lo_open: false,
                    hi_open: false,
                    rounding: None,
                    unit: None,
                },
                computed: finite(r.computed).map(|c| Bounds::new(c, c)),
                off_by: finite(crate::exact::difference(r.computed, r.stated)),
                gap: finite(r.gap),
                granularity: None,
                implied: None,
                remainder: None,
                figures: vec![figure(key.clone(), r.year, r.value), base],
            }],
        }
    }

    /// A row's claim id: `dataset[key][year]`, `[share]` after a share's.
    fn claim_id(&self, r: &PanelRow) -> String {
        let suffix = match r.check {
            PanelCheck::Change => "",
            PanelCheck::Share => "[share]",
        };
        format!(
            "{}[{}][{}]{suffix}",
            self.summary.dataset,
            series_key(&r.series),
            r.year
        )
    }

    /// The line of its file each located row starts on, by claim id (an
    /// output that points at rows looks each finding up once).
    pub fn row_lines(&self) -> std::collections::HashMap<String, u64> {
        self.inconsistent
            .iter()
            .filter_map(|r| Some((self.claim_id(r), r.line?)))
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
            series_key(&parts)
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
