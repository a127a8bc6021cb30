//! The decision, shared by a report's claims (`claims`) and a panel's rows
//! (`panel`): on a frame of checks in the standard shape, the interval
//! arithmetic, verdict, reason, gap, granularity and implied value written as
//! column expressions; and a claim's verdict from its checks'.

use crate::engine::columns::*;
use crate::findings::{Reason, Verdict};
use crate::interval::{ABSOLUTE_SLACK, RELATIVE_SLACK};
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
        .with_columns(verdict_inputs(shape));
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
        c(NUM_LO) / c(DEN_LO),
        c(NUM_LO) / c(DEN_HI),
        c(NUM_HI) / c(DEN_LO),
        c(NUM_HI) / c(DEN_HI),
    ];
    // A change (offset = −scale) is computed as scale·(num − den)/den: the same
    // value without the cancellation of scale·(num/den) − scale, and, for
    // exact figures, bit for bit what (value − prev) / prev × 100 gives.
    let rel = [
        (c(NUM_LO) - c(DEN_LO)) / c(DEN_LO),
        (c(NUM_LO) - c(DEN_HI)) / c(DEN_HI),
        (c(NUM_HI) - c(DEN_LO)) / c(DEN_LO),
        (c(NUM_HI) - c(DEN_HI)) / c(DEN_HI),
    ];
    let change_lo = c(SCALE) * min_of(&rel) + (c(OFFSET) + c(SCALE));
    let change_hi = c(SCALE) * max_of(&rel) + (c(OFFSET) + c(SCALE));
    if shape.only_ratio && shape.points {
        // The same arithmetic as a corner of the interval case, once.
        let change = c(SCALE) * ((c(NUM_LO) - c(DEN_LO)) / c(DEN_LO)) + (c(OFFSET) + c(SCALE));
        return vec![change.clone().alias(COMP_LO), change.alias(COMP_HI)];
    }
    if shape.only_ratio {
        return vec![change_lo.alias(COMP_LO), change_hi.alias(COMP_HI)];
    }
    let is_change = c(OFFSET).eq(-c(SCALE));
    let ratio_lo = when(is_change.clone())
        .then(change_lo)
        .otherwise(c(SCALE) * min_of(&q) + c(OFFSET));
    let ratio_hi = when(is_change)
        .then(change_hi)
        .otherwise(c(SCALE) * max_of(&q) + c(OFFSET));
    // A compound rate: scale·q^exponent + offset, increasing in q (q > 0).
    let power_lo = c(SCALE) * min_of(&q).pow(c(EXPONENT)) + c(OFFSET);
    let power_hi = c(SCALE) * max_of(&q).pow(c(EXPONENT)) + c(OFFSET);
    vec![
        when(is(OP, "identity"))
            .then(c(NUM_LO))
            .when(is(OP, "difference"))
            .then(c(NUM_LO) - c(DEN_HI))
            .when(is(OP, "power"))
            .then(power_lo)
            .otherwise(ratio_lo)
            .alias(COMP_LO),
        when(is(OP, "identity"))
            .then(c(NUM_HI))
            .when(is(OP, "difference"))
            .then(c(NUM_HI) - c(DEN_LO))
            .when(is(OP, "power"))
            .then(power_hi)
            .otherwise(ratio_hi)
            .alias(COMP_HI),
    ]
}

/// Overlap of computed [comp_lo, comp_hi] with stated (st_lo, st_hi), open ends
/// respected, with the contract's slack.
fn verdict_inputs(shape: Shape) -> Vec<Expr> {
    // An end left open on either side makes the comparison at it strict
    // (a report's claims carry the computed interval's open ends; a panel's
    // rows are exact figures).
    let (c_lo_open, c_hi_open) = if shape.integers {
        (
            c(C_LO_OPEN).fill_null(lit(false)),
            c(C_HI_OPEN).fill_null(lit(false)),
        )
    } else {
        (lit(false), lit(false))
    };
    let reaches_lo = when(c(S_LO_OPEN).or(c_hi_open))
        .then(c(COMP_HI).gt(c(ST_LO) + slack(c(ST_LO))))
        .otherwise(c(COMP_HI).gt_eq(c(ST_LO) - slack(c(ST_LO))));
    let reaches_hi = when(c(S_HI_OPEN).or(c_lo_open))
        .then(c(COMP_LO).lt(c(ST_HI) - slack(c(ST_HI))))
        .otherwise(c(COMP_LO).lt_eq(c(ST_HI) + slack(c(ST_HI))));
    // How far apart they are is the findings' business (`findings::gap`,
    // on the printed numbers), for the few rows an output shows.
    vec![
        reaches_lo.and(reaches_hi).alias(OVERLAP),
        c(COMP_LO).is_nan().or(c(COMP_HI).is_nan()).alias(UNBOUNDED),
    ]
}

/// For a share of an exact count N: the whole numbers k with 100·k/N in the
/// stated interval.
fn granularity() -> Vec<Expr> {
    let n = c(DEN_LO);
    let lo = c(ST_LO) * n.clone() / lit(100.0);
    let hi = c(ST_HI) * n.clone() / lit(100.0);
    let k_lo = (lo.clone() - slack(lo.clone())).ceil();
    let k_hi = (hi.clone() + slack(hi.clone())).floor();
    // An open end that falls on a whole number leaves it out.
    let k_lo = when(c(S_LO_OPEN).and((k_lo.clone() - lo.clone()).abs().lt_eq(slack(lo))))
        .then(k_lo.clone() + lit(1.0))
        .otherwise(k_lo);
    let k_hi = when(c(S_HI_OPEN).and((k_hi.clone() - hi.clone()).abs().lt_eq(slack(hi))))
        .then(k_hi.clone() - lit(1.0))
        .otherwise(k_hi);
    // A part lies between none and all of its whole: 102 % of 40 fits no count.
    let k_lo = max_of(&[k_lo, lit(0.0)]);
    let k_hi = min_of(&[k_hi, n]);
    let applies = c("grain")
        .and(c(DEN_MISSING).eq(lit(0)))
        .and(c(DEN_LO).eq(c(DEN_HI)));
    // Where the exact arithmetic applies, its whole numbers stand; a check
    // decided by whole numbers alone has only those.
    let alone = c(X_HOLDS).is_not_null();
    vec![
        when(alone.clone())
            .then(c(X_K_LO))
            .when(applies.clone())
            .then(coalesce(&[c(X_K_LO), k_lo]))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(K_LO),
        when(alone)
            .then(c(X_K_HI))
            .when(applies)
            .then(coalesce(&[c(X_K_HI), k_hi]))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(K_HI),
    ]
}

/// The range of the one missing figure that would make the claim hold.
fn implied() -> Vec<Expr> {
    // The ratio num/den the stated interval asks for (a compound rate's
    // ratio is its base raised to the years).
    let power = is(OP, "power");
    let undo = |st: Expr| {
        let r = (st - c(OFFSET)) / c(SCALE);
        when(power.clone())
            .then(r.clone().pow(lit(1.0) / c(EXPONENT)))
            .otherwise(r)
    };
    let r_lo = undo(c(ST_LO));
    let r_hi = undo(c(ST_HI));
    let ratio_like = is(OP, "ratio").or(power.clone());
    let r = [
        r_lo.clone() * c(DEN_LO),
        r_lo.clone() * c(DEN_HI),
        r_hi.clone() * c(DEN_LO),
        r_hi.clone() * c(DEN_HI),
    ];
    // What the numerator as a whole must be.
    let need_lo = when(ratio_like.clone())
        .then(min_of(&r))
        .when(is(OP, "difference"))
        .then(c(ST_LO) + c(DEN_LO))
        .otherwise(c(ST_LO));
    let need_hi = when(ratio_like.clone())
        .then(max_of(&r))
        .when(is(OP, "difference"))
        .then(c(ST_HI) + c(DEN_HI))
        .otherwise(c(ST_HI));
    // Less what its known terms already give.
    let x_lo = when(c(PRODUCT))
        .then(need_lo.clone() / c(NUM_PROD_HI))
        .otherwise(need_lo - c(NUM_SUM_HI));
    let x_hi = when(c(PRODUCT))
        .then(need_hi.clone() / c(NUM_PROD_LO))
        .otherwise(need_hi - c(NUM_SUM_LO));
    // A missing denominator term: what the denominator as a whole must be,
    // less (or over) what its known terms give (`den_*` holds those).
    let whole_lo = c(NUM_LO) / r_hi.clone();
    let whole_hi = when(r_lo.clone().gt(lit(0.0)))
        .then(c(NUM_HI) / r_lo)
        .otherwise(lit(f64::INFINITY));
    let d_lo = when(ratio_like.clone())
        .then(
            when(c(PRODUCT))
                .then(whole_lo.clone() / c(DEN_HI))
                .otherwise(whole_lo - c(DEN_HI)),
        )
        .otherwise(c(NUM_LO) - c(ST_HI));
    let d_hi = when(ratio_like)
        .then(
            when(c(PRODUCT))
                .then(whole_hi.clone() / c(DEN_LO))
                .otherwise(whole_hi - c(DEN_LO)),
        )
        .otherwise(c(NUM_HI) - c(ST_LO));
    let only = c(MISSING).eq(lit(1));
    let in_num = only.clone().and(c(NUM_MISSING).eq(lit(1)));
    let in_den = only.clone().and(c(DEN_MISSING).eq(lit(1)));
    let in_ref = only.and(c(REF_MISSING).eq(lit(1)));
    vec![
        when(in_num.clone())
            .then(x_lo)
            .when(in_den.clone())
            .then(d_lo)
            .when(in_ref.clone())
            .then(c(COMP_LO))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(IMP_LO),
        when(in_num)
            .then(x_hi)
            .when(in_den.clone())
            .then(d_hi)
            .when(in_ref.clone().and(is(EXPECT, "figure")))
            .then(c(COMP_HI))
            .when(in_ref.clone())
            .then(lit(f64::INFINITY))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(IMP_HI),
        when(c(X_IMP_IND).is_not_null())
            .then(c(X_IMP_IND))
            .when(in_den)
            .then(c("den_miss_ind"))
            .when(in_ref)
            .then(c("ref_miss_ind"))
            .otherwise(c("num_miss_ind"))
            .alias(IMP_IND),
        coalesce(&[
            c(X_IMP_YEAR),
            c("num_miss_year"),
            c("den_miss_year"),
            c("ref_miss_year"),
        ])
        .alias(IMP_YEAR),
        coalesce(&[
            c("num_miss_integral"),
            c("den_miss_integral"),
            c("ref_miss_integral"),
        ])
        .fill_null(lit(false))
        .alias(IMP_INTEGRAL),
    ]
}

/// Counts are whole and not negative: narrow the implied range accordingly.
fn implied_integral() -> Vec<Expr> {
    let lo = max_of(&[c(IMP_LO), lit(0.0)]);
    let lo = when(c(IMP_INTEGRAL))
        .then((lo.clone() - slack(lo.clone())).ceil())
        .otherwise(c(IMP_LO));
    let hi = when(c(IMP_INTEGRAL))
        .then((c(IMP_HI) + slack(c(IMP_HI))).floor())
        .otherwise(c(IMP_HI));
    // Where the exact arithmetic applies, its whole numbers stand.
    let exact = c(X_IMP_LO)
        .is_not_null()
        .and(c(MISSING).eq(lit(1)))
        // A check decided by whole numbers alone implies only what it found.
        .or(c(X_HOLDS).is_not_null());
    vec![
        when(exact.clone())
            .then(c(X_IMP_LO))
            .otherwise(lo)
            .alias(IMP_LO),
        when(exact).then(c(X_IMP_HI)).otherwise(hi).alias(IMP_HI),
    ]
}

fn verdict(shape: Shape) -> Vec<Expr> {
    let (grain_empty, implied_empty) = if shape.integers {
        (
            c(K_LO).gt(c(K_HI)).fill_null(lit(false)),
            c(IMP_INTEGRAL)
                .and(c(IMP_LO).gt(c(IMP_HI)))
                .fill_null(lit(false)),
        )
    } else {
        (lit(false), lit(false))
    };
    let zero_base = if shape.only_ratio {
        c(DEN_HAS_ZERO).fill_null(lit(false))
    } else {
        is(OP, "ratio")
            .or(is(OP, "power"))
            .and(c(DEN_HAS_ZERO))
            .fill_null(lit(false))
    };
    let missing = c(MISSING).gt(lit(0));
    // Nothing stated where something should be (an empty cell of a panel).
    let no_stated = c(ST_LO).is_null().or(c(ST_HI).is_null());
    // Why no figures can give the stated figure (decided before the frame,
    // for a report's claims only).
    let (impossible, impossible_reason) = if shape.integers {
        (c(IMPOSSIBLE).fill_null(lit(0)).gt(lit(0)), c(IMPOSSIBLE))
    } else {
        (lit(false), reason_lit(None))
    };
    // A total the report never states, of figures it does: computed.
    let total_not_stated = if shape.integers {
        c(COMPUTES_TOTAL)
            .fill_null(lit(false))
            .and(c(REF_MISSING).eq(lit(1)))
            .and(c(NUM_MISSING).eq(lit(0)))
            .and(c(DEN_MISSING).eq(lit(0)))
    } else {
        lit(false)
    };
    // A check decided by whole numbers alone: its decision (a number of
    // answers the report does not give leaves the column null, and the
    // check unverifiable as any other).
    let (alone, alone_holds, alone_undecided) = if shape.integers {
        let x = c(X_HOLDS);
        (x.clone().is_not_null(), x.clone().eq(lit(1)), x.eq(lit(-1)))
    } else {
        (lit(false), lit(false), lit(false))
    };
    vec![
        when(alone.clone())
            .then(
                when(alone_holds.clone())
                    .then(verdict_lit(Verdict::Consistent))
                    .when(alone_undecided.clone())
                    .then(verdict_lit(Verdict::Unverifiable))
                    .otherwise(verdict_lit(Verdict::Inconsistent)),
            )
            .when(impossible.clone())
            .then(verdict_lit(Verdict::Inconsistent))
            .when(total_not_stated.clone())
            .then(verdict_lit(Verdict::Computed))
            .when(grain_empty.clone())
            .then(verdict_lit(Verdict::Inconsistent))
            .when(missing.clone().and(implied_empty.clone()))
            .then(verdict_lit(Verdict::Inconsistent))
            .when(missing.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(zero_base.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(no_stated.clone())
            .then(verdict_lit(Verdict::Unverifiable))
            .when(c(UNBOUNDED))
            .then(verdict_lit(Verdict::Unverifiable))
            .when(c(HAS_NUM).not())
            .then(verdict_lit(Verdict::Consistent))
            .when(c(OVERLAP))
            .then(
                when(c(NOTHING_STATED))
                    .then(verdict_lit(Verdict::Computed))
                    .otherwise(verdict_lit(Verdict::Consistent)),
            )
            .otherwise(verdict_lit(Verdict::Inconsistent))
            .alias(VERDICT),
        when(alone)
            .then(
                when(alone_holds)
                    .then(reason_lit(None))
                    .when(alone_undecided)
                    .then(reason_lit(Some(Reason::BeyondExact)))
                    .otherwise(reason_lit(Some(Reason::NoWholeNumberFits))),
            )
            .when(impossible)
            .then(impossible_reason)
            .when(total_not_stated)
            .then(reason_lit(None))
            .when(grain_empty.or(missing.clone().and(implied_empty)))
            .then(reason_lit(Some(Reason::NoWholeNumberFits)))
            .when(missing)
            .then(reason_lit(Some(Reason::MissingFigure)))
            .when(zero_base)
            .then(reason_lit(Some(Reason::ZeroBase)))
            .when(no_stated)
            .then(reason_lit(Some(Reason::NoStated)))
            .when(c(UNBOUNDED))
            .then(reason_lit(Some(Reason::Unbounded)))
            .otherwise(reason_lit(None))
            .alias(REASON),
    ]
}

/// A claim's verdict is the worst of its checks'.
pub(super) fn by_claim(verdicts: &DataFrame) -> PolarsResult<DataFrame> {
    verdicts
        .clone()
        .lazy()
        .group_by([col(CLAIM)])
        .agg([col(VERDICT).max()])
        .sort(["claim"], SortMultipleOptions::default())
        .collect()
}
