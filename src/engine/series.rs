//! Series metrics: per consecutive pair of known years, delta, % change, ratio
//! and the years between; per indicator, first-to-last change, CAGR and an index
//! on the first year. Interval arithmetic throughout (exact figures collapse to
//! points); a base that is not positive gives no percentage, never ∞ or NaN.

use crate::engine::columns::*;
use crate::exact::Ratio;
use crate::findings::{Bounds, Series, SeriesSpan, SeriesStep};
use crate::spec::Spec;
use polars::prelude::*;

fn null() -> Expr {
    lit(NULL).cast(DataType::Float64)
}

/// `[a_lo, a_hi] / [b_lo, b_hi]` for a positive divisor and non-negative dividend.
fn div(a_lo: Expr, a_hi: Expr, b_lo: Expr, b_hi: Expr) -> (Expr, Expr) {
    let ok = b_lo.clone().gt(lit(0.0)).and(a_lo.clone().gt_eq(lit(0.0)));
    (
        when(ok.clone()).then(a_lo / b_hi).otherwise(null()),
        when(ok).then(a_hi / b_lo).otherwise(null()),
    )
}

pub(super) fn compute(spec: &Spec, figures: DataFrame) -> PolarsResult<Series> {
    let by = [col(INDICATOR)];
    let sorted = figures
        .lazy()
        .sort(["indicator", "year"], SortMultipleOptions::default())
        .with_column(len().over(by.clone())?.alias("n"))
        .filter(col("n").gt(lit(1)));
    let (r_lo, r_hi) = div(col(LO), col(HI), col("prev_lo"), col("prev_hi"));
    let (i_lo, i_hi) = div(col(LO), col(HI), col("first_lo"), col("first_hi"));
    let steps = sorted
        .clone()
        .with_columns([
            col(YEAR).shift(lit(1)).over(by.clone())?.alias("prev_year"),
            col(LO).shift(lit(1)).over(by.clone())?.alias("prev_lo"),
            col(HI).shift(lit(1)).over(by.clone())?.alias("prev_hi"),
            col(LO).first().over(by.clone())?.alias("first_lo"),
            col(HI).first().over(by.clone())?.alias("first_hi"),
        ])
        .with_columns([
            (col(YEAR) - col("prev_year")).alias("years"),
            (col(LO) - col("prev_hi")).alias("d_lo"),
            (col(HI) - col("prev_lo")).alias("d_hi"),
            r_lo.alias("r_lo"),
            r_hi.alias("r_hi"),
            (lit(100.0) * i_lo).alias("i_lo"),
            (lit(100.0) * i_hi).alias("i_hi"),
        ])
        .with_columns(pct_ends(col(LO), col(HI), col("prev_lo"), col("prev_hi")))
        .collect()?;

    let spans = sorted
        .group_by([col(INDICATOR)])
        .agg([
            col(YEAR).first().alias(FIRST_YEAR),
            col(YEAR).last().alias(LAST_YEAR),
            col(LO).first().alias("first_lo"),
            col(HI).first().alias("first_hi"),
            col(LO).last().alias("last_lo"),
            col(HI).last().alias("last_hi"),
        ])
        .with_column(
            (col(LAST_YEAR) - col(FIRST_YEAR))
                .cast(DataType::Float64)
                .alias("span"),
        );
    let (r_lo, r_hi) = div(
        col("last_lo"),
        col("last_hi"),
        col("first_lo"),
        col("first_hi"),
    );
    let spans = spans
        .with_columns([r_lo.alias("r_lo"), r_hi.alias("r_hi")])
        .with_columns(pct_ends(
            col("last_lo"),
            col("last_hi"),
            col("first_lo"),
            col("first_hi"),
        ))
        .with_columns([
            // CAGR is monotone in the ratio, so its ends come from the ratio's
            // ends (positive figures: the lowest last over the highest first).
            cagr_pct(col("last_lo"), col("first_hi"), col("span")).alias(C_LO),
            cagr_pct(col("last_hi"), col("first_lo"), col("span")).alias(C_HI),
        ])
        .sort(["indicator"], SortMultipleOptions::default())
        .collect()?;
    Ok(Series {
        steps: read_steps(&steps)?,
        spans: read_spans(spec, &spans)?,
    })
}

/// The % change's ends: from exact figures, 100·(to − from)/from (correctly
/// rounded); from intervals, from the ratio's ends.
fn pct_ends(to_lo: Expr, to_hi: Expr, from_lo: Expr, from_hi: Expr) -> [Expr; 2] {
    let points = to_lo
        .clone()
        .eq(to_hi.clone())
        .and(from_lo.clone().eq(from_hi.clone()));
    [
        when(points.clone())
            .then(change_pct(to_lo.clone(), from_lo.clone()))
            .otherwise(lit(100.0) * (col("r_lo") - lit(1.0)))
            .alias("p_lo"),
        when(points)
            .then(change_pct(to_hi, from_hi))
            .otherwise(lit(100.0) * (col("r_hi") - lit(1.0)))
            .alias("p_hi"),
    ]
}

/// The compound annual growth rate, in %, of a ratio of last to first value
/// over `years` years: 100·(ratio^(1/years) − 1). A report's series and a
/// panel's series both use it.
pub(crate) fn cagr_pct(last: Expr, first: Expr, years: Expr) -> Expr {
    // Over one year the CAGR is the change: 100·(last − first)/first in
    // that order is correctly rounded for whole figures (−5 200 / 260 is
    // −20, where 100·(208/260 − 1) is −19.999999999999996).
    when(years.clone().eq(lit(1)))
        .then(change_pct(last.clone(), first.clone()))
        .otherwise(
            lit(100.0) * ((last / first).pow(lit(1.0) / years.cast(DataType::Float64)) - lit(1.0)),
        )
}

/// 100·(to − from)/from, the multiplication first: correctly rounded when
/// the figures are whole.
pub(crate) fn change_pct(to: Expr, from: Expr) -> Expr {
    (lit(100.0) * (to - from.clone())) / from
}

fn pair(df: &DataFrame, lo: &str, hi: &str, i: usize) -> PolarsResult<Option<Bounds>> {
    let lo = df.column(lo)?.f64()?.get(i);
    let hi = df.column(hi)?.f64()?.get(i);
    Ok(match (lo, hi) {
        (Some(a), Some(b)) if !a.is_nan() && !b.is_nan() => Some(Bounds::new(a, b)),
        _ => None,
    })
}

/// The decimals an interval's ends print as (a point's twice).
fn ends(b: Option<Bounds>) -> (Option<Ratio>, Option<Ratio>) {
    match b {
        Some(b) => (b.lo.and_then(Ratio::printed), b.hi.and_then(Ratio::printed)),
        None => (None, None),
    }
}

/// A step's figures as the decimals they print as: the value, the one
/// before, the series' first; what they give, end by end, computed on them
/// and rounded once, so that a series of decimals shows 3.5 where binary
/// arithmetic has 3.5000000000000036. The engine's ends for positive
/// figures: the low end of a change pairs the low value with the high base.
pub(crate) struct ExactFigures {
    v: (Option<Ratio>, Option<Ratio>),
    p: (Option<Ratio>, Option<Ratio>),
    f: (Option<Ratio>, Option<Ratio>),
}

impl ExactFigures {
    /// A series first to last.
    pub(crate) fn span(first: Bounds, last: Bounds) -> ExactFigures {
        ExactFigures {
            v: ends(Some(last)),
            p: ends(Some(first)),
            f: ends(Some(first)),
        }
    }
    pub(crate) fn settle(
        b: Option<Bounds>,
        rule: impl Fn(bool) -> Option<Ratio>,
    ) -> Option<Bounds> {
        b.map(|b| b.settled(rule(false), rule(true)))
    }
    /// Low end (`hi` false) or high end of each metric.
    fn pick(pair: (Option<Ratio>, Option<Ratio>), hi: bool) -> Option<Ratio> {
        if hi { pair.1 } else { pair.0 }
    }
    fn delta(&self, hi: bool) -> Option<Ratio> {
        Self::pick(self.v, hi)?.add(Self::pick(self.p, !hi)?.neg()?)
    }
    fn ratio(&self, hi: bool) -> Option<Ratio> {
        Self::pick(self.v, hi)?.div(Self::pick(self.p, !hi)?)
    }
    pub(crate) fn pct(&self, hi: bool) -> Option<Ratio> {
        let p = Self::pick(self.p, !hi)?;
        Self::pick(self.v, hi)?
            .add(p.neg()?)?
            .mul(Ratio::int(100))?
            .div(p)
    }
    /// 100·((v/p)^(1/years) − 1), when the root is a rational (a growth of
    /// 10 % a year over two years: 121/100, root 11/10, 10 %).
    pub(crate) fn cagr(&self, hi: bool, years: u32) -> Option<Ratio> {
        self.ratio(hi)?
            .root(years)?
            .add(Ratio::int(-1))?
            .mul(Ratio::int(100))
    }
    fn index(&self, hi: bool) -> Option<Ratio> {
        Self::pick(self.v, hi)?
            .mul(Ratio::int(100))?
            .div(Self::pick(self.f, !hi)?)
    }
}

fn read_steps(df: &DataFrame) -> PolarsResult<Vec<SeriesStep>> {
    let ind = df.column(INDICATOR)?.str()?;
    let year = df.column(YEAR)?.i32()?;
    let prev = df.column("prev_year")?.i32()?;
    let years = df.column("years")?.i32()?;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(indicator), Some(y)) = (ind.get(i), year.get(i)) else {
            continue;
        };
        let value = pair(df, "lo", "hi", i)?.unwrap_or(Bounds { lo: None, hi: None });
        let exact = ExactFigures {
            v: ends(Some(value)),
            p: ends(pair(df, "prev_lo", "prev_hi", i)?),
            f: ends(pair(df, "first_lo", "first_hi", i)?),
        };
        out.push(SeriesStep {
            indicator: indicator.to_string(),
            from: prev.get(i),
            year: y,
            value,
            years: years.get(i),
            delta: ExactFigures::settle(pair(df, "d_lo", "d_hi", i)?, |hi| exact.delta(hi)),
            pct_change: ExactFigures::settle(pair(df, "p_lo", "p_hi", i)?, |hi| exact.pct(hi)),
            ratio: ExactFigures::settle(pair(df, "r_lo", "r_hi", i)?, |hi| exact.ratio(hi)),
            index: ExactFigures::settle(pair(df, "i_lo", "i_hi", i)?, |hi| exact.index(hi)),
        });
    }
    Ok(out)
}

fn read_spans(spec: &Spec, df: &DataFrame) -> PolarsResult<Vec<SeriesSpan>> {
    let ind = df.column(INDICATOR)?.str()?;
    let fy = df.column(FIRST_YEAR)?.i32()?;
    let ly = df.column(LAST_YEAR)?.i32()?;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(indicator), Some(first_year), Some(last_year)) =
            (ind.get(i), fy.get(i), ly.get(i))
        else {
            continue;
        };
        let meta = spec.indicator(indicator);
        let (first, last) = (
            pair(df, "first_lo", "first_hi", i)?.unwrap_or(Bounds { lo: None, hi: None }),
            pair(df, "last_lo", "last_hi", i)?.unwrap_or(Bounds { lo: None, hi: None }),
        );
        let exact = ExactFigures::span(first, last);
        out.push(SeriesSpan {
            indicator: indicator.to_string(),
            label: meta.and_then(|m| m.label.clone()),
            unit: meta.and_then(|m| m.unit.clone()),
            first_year,
            last_year,
            first,
            last,
            pct_change: ExactFigures::settle(pair(df, "p_lo", "p_hi", i)?, |hi| exact.pct(hi)),
            // Over one year the CAGR is the change.
            cagr: ExactFigures::settle(pair(df, "c_lo", "c_hi", i)?, |hi| {
                exact.cagr(hi, (last_year - first_year).try_into().ok()?)
            }),
        });
    }
    Ok(out)
}
