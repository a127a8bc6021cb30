//! The decision, shared by a report's claims (`claims`) and a panel's rows
//! (`panel`): on a frame of checks in the standard shape, the interval
//! arithmetic, verdict, reason, gap, granularity and implied value written as
//! column expressions; and a claim's verdict from its checks'.

use crate::interval::{ABSOLUTE_SLACK, RELATIVE_SLACK};
use crate::findings::{Reason, Verdict};
use polars::prelude::*;

/// A verdict as a literal of the `verdict` column: its code, ordered so that
/// a claim's verdict is the maximum of its checks'.
pub(super) fn verdict_lit(v: Verdict) -> Expr {
    lit(v.code())
}

/// A reason (or none) as a literal of the `reason` column.
pub(super) fn reason_lit(r: Option<Reason>) -> Expr {
    lit(Reason::code(r))
}

pub(super) fn c(name: &str) -> Expr {
    col(name)
}

pub(super) fn is(name: &str, value: &str) -> Expr {
    col(name).eq(lit(value))
}

fn slack(x: Expr) -> Expr {
    when(x.clone().is_finite())
        .then(max_of(&[
            lit(RELATIVE_SLACK) * x.abs(),
            lit(ABSOLUTE_SLACK),
        ]))
        .otherwise(lit(0.0))
}

fn min_of(xs: &[Expr]) -> Expr {
    polars::lazy::dsl::min_horizontal(xs).unwrap_or_else(|_| lit(f64::NAN))
}

fn max_of(xs: &[Expr]) -> Expr {
    polars::lazy::dsl::max_horizontal(xs).unwrap_or_else(|_| lit(f64::NAN))
}

/// Which parts of the decision a frame needs. A report's claims mix every op
/// and use granularity and implied values; a panel's rows are all % changes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    /// Every row is a `ratio` check: the op need not be looked up per row.
    pub(crate) only_ratio: bool,
    /// Granularity of shares and implied values of missing figures.
    pub(crate) integers: bool,
    /// Every figure is exact (lo = hi): one quotient instead of four corners.
    pub(crate) points: bool,
}

impl Shape {
    pub(crate) const CLAIMS: Shape = Shape {
        only_ratio: false,
        integers: true,
        points: false,
    };
    pub(crate) const PANEL: Shape = Shape {
        only_ratio: true,
        integers: false,
        points: true,
    };
}

/// The decision, as columns, on a frame of checks in the standard shape:
/// `num_lo/hi`, `den_lo/hi`, `scale`, `offset`, `st_lo/hi`, `s_lo_open`,
/// `s_hi_open`, the missing counts, `den_has_zero`, `has_num`, `nothing_stated`
/// (and for `Shape::CLAIMS` also `op`, `expect`, `product`, `grain`). Adds
/// `comp_lo/hi`, `overlap`, `gap`, `verdict`, `reason` and, with integers,
/// `k_lo/hi` and `imp_*`.
pub(super) fn decide(lf: LazyFrame, shape: Shape) -> LazyFrame {
    let lf = lf
        .with_columns(computed(shape))
        .with_columns(verdict_inputs());
    let lf = if shape.integers {
        lf.with_columns(granularity())
            .with_columns(implied())
            .with_columns(implied_integral())
    } else {
        lf
    };
    lf.with_columns(verdict(shape))
}

/// The computed interval, by op.
fn computed(shape: Shape) -> Vec<Expr> {
    let q = [
        c("num_lo") / c("den_lo"),
        c("num_lo") / c("den_hi"),
        c("num_hi") / c("den_lo"),
        c("num_hi") / c("den_hi"),
    ];
    // A change (offset = −scale) is computed as scale·(num − den)/den: the same
    // value without the cancellation of scale·(num/den) − scale, and, for
    // exact figures, bit for bit what (value − prev) / prev × 100 gives.
    let rel = [
        (c("num_lo") - c("den_lo")) / c("den_lo"),
        (c("num_lo") - c("den_hi")) / c("den_hi"),
        (c("num_hi") - c("den_lo")) / c("den_lo"),
        (c("num_hi") - c("den_hi")) / c("den_hi"),
    ];
    let change_lo = c("scale") * min_of(&rel) + (c("offset") + c("scale"));
    let change_hi = c("scale") * max_of(&rel) + (c("offset") + c("scale"));
    if shape.only_ratio && shape.points {
        // The same arithmetic as a corner of the interval case, once.
        let change =
            c("scale") * ((c("num_lo") - c("den_lo")) / c("den_lo")) + (c("offset") + c("scale"));
        return vec![change.clone().alias("comp_lo"), change.alias("comp_hi")];
    }
    if shape.only_ratio {
        return vec![change_lo.alias("comp_lo"), change_hi.alias("comp_hi")];
    }
    let is_change = c("offset").eq(-c("scale"));
    let ratio_lo = when(is_change.clone())
        .then(change_lo)
        .otherwise(c("scale") * min_of(&q) + c("offset"));
    let ratio_hi = when(is_change)
        .then(change_hi)
        .otherwise(c("scale") * max_of(&q) + c("offset"));
    vec![
        when(is("op", "identity"))
            .then(c("num_lo"))
            .when(is("op", "difference"))
            .then(c("num_lo") - c("den_hi"))
            .otherwise(ratio_lo)
            .alias("comp_lo"),
        when(is("op", "identity"))
            .then(c("num_hi"))
            .when(is("op", "difference"))
            .then(c("num_hi") - c("den_lo"))
            .otherwise(ratio_hi)
            .alias("comp_hi"),
    ]
}

/// Overlap of computed [comp_lo, comp_hi] with stated (st_lo, st_hi), open ends
/// respected, with the contract's slack; and the gap between them.
fn verdict_inputs() -> Vec<Expr> {
    let reaches_lo = when(c("s_lo_open"))
        .then(c("comp_hi").gt(c("st_lo") + slack(c("st_lo"))))
        .otherwise(c("comp_hi").gt_eq(c("st_lo") - slack(c("st_lo"))));
    let reaches_hi = when(c("s_hi_open"))
        .then(c("comp_lo").lt(c("st_hi") - slack(c("st_hi"))))
        .otherwise(c("comp_lo").lt_eq(c("st_hi") + slack(c("st_hi"))));
    let gap = when(c("comp_hi").lt(c("st_lo")))
        .then(c("st_lo") - c("comp_hi"))
        .when(c("comp_lo").gt(c("st_hi")))
        .then(c("comp_lo") - c("st_hi"))
        .otherwise(lit(0.0));
    vec![
        reaches_lo.and(reaches_hi).alias("overlap"),
        gap.alias("gap"),
        c("comp_lo")
            .is_nan()
            .or(c("comp_hi").is_nan())
            .alias("unbounded"),
    ]
}

/// For a share of an exact count N: the whole numbers k with 100·k/N in the
/// stated interval.
fn granularity() -> Vec<Expr> {
    let n = c("den_lo");
    let lo = c("st_lo") * n.clone() / lit(100.0);
    let hi = c("st_hi") * n.clone() / lit(100.0);
    let k_lo = (lo.clone() - slack(lo.clone())).ceil();
    let k_hi = (hi.clone() + slack(hi.clone())).floor();
    // An open end that falls on a whole number leaves it out.
    let k_lo = when(c("s_lo_open").and((k_lo.clone() - lo.clone()).abs().lt_eq(slack(lo))))
        .then(k_lo.clone() + lit(1.0))
        .otherwise(k_lo);
    let k_hi = when(c("s_hi_open").and((k_hi.clone() - hi.clone()).abs().lt_eq(slack(hi))))
        .then(k_hi.clone() - lit(1.0))
        .otherwise(k_hi);
    // A part lies between none and all of its whole: 102 % of 40 fits no count.
    let k_lo = max_of(&[k_lo, lit(0.0)]);
    let k_hi = min_of(&[k_hi, n]);
    let applies = c("grain")
        .and(c("den_missing").eq(lit(0)))
        .and(c("den_lo").eq(c("den_hi")));
    vec![
        when(applies.clone())
            .then(k_lo)
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("k_lo"),
        when(applies)
            .then(k_hi)
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("k_hi"),
    ]
}

/// The range of the one missing figure that would make the claim hold.
fn implied() -> Vec<Expr> {
    // The ratio num/den the stated interval asks for.
    let r_lo = (c("st_lo") - c("offset")) / c("scale");
    let r_hi = (c("st_hi") - c("offset")) / c("scale");
    let r = [
        r_lo.clone() * c("den_lo"),
        r_lo.clone() * c("den_hi"),
        r_hi.clone() * c("den_lo"),
        r_hi.clone() * c("den_hi"),
    ];
    // What the numerator as a whole must be.
    let need_lo = when(is("op", "ratio"))
        .then(min_of(&r))
        .when(is("op", "difference"))
        .then(c("st_lo") + c("den_lo"))
        .otherwise(c("st_lo"));
    let need_hi = when(is("op", "ratio"))
        .then(max_of(&r))
        .when(is("op", "difference"))
        .then(c("st_hi") + c("den_hi"))
        .otherwise(c("st_hi"));
    // Less what its known terms already give.
    let x_lo = when(c("product"))
        .then(need_lo.clone() / c("num_prod_hi"))
        .otherwise(need_lo - c("num_sum_hi"));
    let x_hi = when(c("product"))
        .then(need_hi.clone() / c("num_prod_lo"))
        .otherwise(need_hi - c("num_sum_lo"));
    // A missing denominator.
    let d_lo = when(is("op", "ratio"))
        .then(c("num_lo") / r_hi.clone())
        .otherwise(c("num_lo") - c("st_hi"));
    let d_hi = when(is("op", "ratio"))
        .then(
            when(r_lo.clone().gt(lit(0.0)))
                .then(c("num_hi") / r_lo)
                .otherwise(lit(f64::INFINITY)),
        )
        .otherwise(c("num_hi") - c("st_lo"));
    let only = c("missing").eq(lit(1));
    let in_num = only.clone().and(c("num_missing").eq(lit(1)));
    let in_den = only.clone().and(c("den_missing").eq(lit(1)));
    let in_ref = only.and(c("ref_missing").eq(lit(1)));
    vec![
        when(in_num.clone())
            .then(x_lo)
            .when(in_den.clone())
            .then(d_lo)
            .when(in_ref.clone())
            .then(c("comp_lo"))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("imp_lo"),
        when(in_num)
            .then(x_hi)
            .when(in_den.clone())
            .then(d_hi)
            .when(in_ref.clone().and(is("expect", "figure")))
            .then(c("comp_hi"))
            .when(in_ref.clone())
            .then(lit(f64::INFINITY))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("imp_hi"),
        when(in_den)
            .then(c("den_miss_ind"))
            .when(in_ref)
            .then(c("ref_miss_ind"))
            .otherwise(c("num_miss_ind"))
            .alias("imp_ind"),
        coalesce(&[c("num_miss_year"), c("den_miss_year"), c("ref_miss_year")]).alias("imp_year"),
        coalesce(&[
            c("num_miss_integral"),
            c("den_miss_integral"),
            c("ref_miss_integral"),
        ])
        .fill_null(lit(false))
        .alias("imp_integral"),
    ]
}

/// Counts are whole and not negative: narrow the implied range accordingly.
fn implied_integral() -> Vec<Expr> {
    let lo = max_of(&[c("imp_lo"), lit(0.0)]);
    let lo = when(c("imp_integral"))
        .then((lo.clone() - slack(lo.clone())).ceil())
        .otherwise(c("imp_lo"));
    let hi = when(c("imp_integral"))
        .then((c("imp_hi") + slack(c("imp_hi"))).floor())
        .otherwise(c("imp_hi"));
    vec![lo.alias("imp_lo"), hi.alias("imp_hi")]
}

fn verdict(shape: Shape) -> Vec<Expr> {
    let (grain_empty, implied_empty) = if shape.integers {
        (
            c("k_lo").gt(c("k_hi")).fill_null(lit(false)),
            c("imp_integral")
                .and(c("imp_lo").gt(c("imp_hi")))
                .fill_null(lit(false)),
        )
    } else {
        (lit(false), lit(false))
    };
    let zero_base = if shape.only_ratio {
        c("den_has_zero").fill_null(lit(false))
    } else {
        is("op", "ratio")
            .and(c("den_has_zero"))
            .fill_null(lit(false))
    };
    let missing = c("missing").gt(lit(0));
    // Nothing stated where something should be (an empty cell of a panel).
    let no_stated = c("st_lo").is_null().or(c("st_hi").is_null());
    vec![
        when(grain_empty.clone())
            .then(verdict_lit(Verdict::Inconsistent))
            .when(missing.clone().and(implied_empty.clone()))
            .then(verdict_lit(Verdict::Inconsistent))
            .when(missing.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(zero_base.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(no_stated.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(c("unbounded"))
            .then(verdict_lit(Verdict::Unverifiable))
            .when(c("has_num").not())
            .then(verdict_lit(Verdict::Consistent))
            .when(c("overlap"))
            .then(
                when(c("nothing_stated"))
                    .then(verdict_lit(Verdict::Computed))
                    .otherwise(verdict_lit(Verdict::Consistent)),
            )
            .otherwise(verdict_lit(Verdict::Inconsistent))
            .alias("verdict"),
        when(grain_empty.or(missing.clone().and(implied_empty)))
            .then(reason_lit(Some(Reason::NoWholeNumberFits)))
            .when(missing)
            .then(reason_lit(Some(Reason::MissingFigure)))
            .when(zero_base)
            .then(reason_lit(Some(Reason::ZeroBase)))
            .when(no_stated)
            .then(reason_lit(Some(Reason::NoStated)))
            .when(c("unbounded"))
            .then(reason_lit(Some(Reason::Unbounded)))
            .otherwise(reason_lit(None))
            .alias("reason"),
    ]
}

/// A claim's verdict is the worst of its checks'.
pub(super) fn by_claim(verdicts: &DataFrame) -> PolarsResult<DataFrame> {
    verdicts
        .clone()
        .lazy()
        .group_by([col("claim")])
        .agg([col("verdict").max()])
        .sort(["claim"], SortMultipleOptions::default())
        .collect()
}
