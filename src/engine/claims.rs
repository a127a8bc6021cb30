//! A report's checks as one frame in the standard shape `verdicts::decide`
//! takes: one row per check, its operands joined to the figures frame and
//! summed (or multiplied) per role, its stated interval as written or as
//! another figure.

use super::verdicts::{Shape, c, decide, is};
use crate::checks::{Check, Combine, Expect, Op, Term};
use crate::engine::columns::*;
use crate::findings::Reason;
use crate::spec::Spec;
use polars::prelude::*;

/// The checks frame: one row per check with its op and its stated interval.
fn checks_frame(spec: &Spec, checks: &[Check]) -> PolarsResult<DataFrame> {
    let n = checks.len();
    let mut claim = Vec::with_capacity(n);
    let mut op = Vec::with_capacity(n);
    let mut scale = Vec::with_capacity(n);
    let mut offset = Vec::with_capacity(n);
    let mut exponent = Vec::with_capacity(n);
    let mut product = Vec::with_capacity(n);
    let mut expect = Vec::with_capacity(n);
    let (mut s_lo, mut s_hi, mut s_lo_open, mut s_hi_open) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut grain = Vec::with_capacity(n);
    let mut has_num = Vec::with_capacity(n);
    let mut nothing_stated = Vec::with_capacity(n);
    for c in checks {
        claim.push(c.claim as u32);
        let (o, sc, of, ex) = match c.op {
            Op::Ratio { scale, offset } => ("ratio", scale, offset, 1.0),
            Op::Power {
                scale,
                offset,
                exponent,
            } => ("power", scale, offset, exponent),
            Op::Difference => ("difference", 1.0, 0.0, 1.0),
            Op::Identity => ("identity", 1.0, 0.0, 1.0),
        };
        op.push(o);
        exponent.push(ex);
        scale.push(sc);
        offset.push(of);
        product.push(c.combine == Combine::Product);
        match &c.expect {
            Expect::Stated { interval, .. } => {
                expect.push("stated");
                s_lo.push(Some(interval.lo));
                s_hi.push(Some(interval.hi));
                s_lo_open.push(interval.lo_open);
                s_hi_open.push(interval.hi_open);
                nothing_stated.push(false);
            }
            // Any value agrees: the verdict rests on the figures alone.
            Expect::Nothing => {
                expect.push("stated");
                s_lo.push(Some(f64::NEG_INFINITY));
                s_hi.push(Some(f64::INFINITY));
                s_lo_open.push(false);
                s_hi_open.push(false);
                nothing_stated.push(true);
            }
            Expect::Figure(_) | Expect::AtMost(_) => {
                expect.push(if matches!(c.expect, Expect::Figure(_)) {
                    "figure"
                } else {
                    "at_most"
                });
                s_lo.push(None);
                s_hi.push(None);
                s_lo_open.push(false);
                s_hi_open.push(false);
                nothing_stated.push(false);
            }
        }
        grain.push(c.grain);
        has_num.push(!c.num.is_empty());
    }
    let check: Vec<u32> = (0..n as u32).collect();
    let exact: Vec<super::exact_checks::Decided> = checks
        .iter()
        .map(|c| super::exact_checks::decide(spec, c))
        .collect();
    // Why no figures can give the stated figure, as a reason code (0: they can).
    let impossible: Vec<i32> = exact.iter().map(|e| Reason::code(e.impossible)).collect();
    let computes_total: Vec<bool> = checks
        .iter()
        .map(|c| {
            matches!(
                spec.claims.get(c.claim).map(|cl| &cl.kind),
                Some(crate::spec::ClaimKind::Sum { .. } | crate::spec::ClaimKind::Product { .. })
            )
        })
        .collect();
    let end = |f: &dyn Fn(&super::exact_checks::Decided) -> Option<f64>| -> Vec<Option<f64>> {
        exact.iter().map(f).collect()
    };
    DataFrame::new(
        n,
        vec![
            Column::new(CHECK.into(), check),
            Column::new(CLAIM.into(), claim),
            Column::new(OP.into(), op),
            Column::new(SCALE.into(), scale),
            Column::new(OFFSET.into(), offset),
            Column::new(EXPONENT.into(), exponent),
            Column::new(PRODUCT.into(), product),
            Column::new(EXPECT.into(), expect),
            Column::new("s_lo".into(), s_lo),
            Column::new("s_hi".into(), s_hi),
            Column::new(S_LO_OPEN.into(), s_lo_open),
            Column::new(S_HI_OPEN.into(), s_hi_open),
            Column::new("grain".into(), grain),
            Column::new(HAS_NUM.into(), has_num),
            Column::new(NOTHING_STATED.into(), nothing_stated),
            Column::new(IMPOSSIBLE.into(), impossible),
            Column::new(COMPUTES_TOTAL.into(), computes_total),
            Column::new(X_K_LO.into(), end(&|e| e.fitting.map(|f| f.0))),
            Column::new(X_K_HI.into(), end(&|e| e.fitting.map(|f| f.1))),
            Column::new(X_IMP_LO.into(), end(&|e| e.implied.map(|f| f.0))),
            Column::new(X_IMP_HI.into(), end(&|e| e.implied.map(|f| f.1))),
            Column::new(
                X_IMP_IND.into(),
                exact
                    .iter()
                    .map(|e| e.implied_of.as_ref().map(|(i, _)| i.clone()))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                X_IMP_YEAR.into(),
                exact
                    .iter()
                    .map(|e| e.implied_of.as_ref().map(|(_, y)| *y))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                X_HOLDS.into(),
                exact
                    .iter()
                    .map(|e| {
                        e.holds.map(|h| match h {
                            Some(true) => 1,
                            Some(false) => 0,
                            None => -1,
                        })
                    })
                    .collect::<Vec<Option<i32>>>(),
            ),
        ],
    )
}

/// The terms frame: one row per operand, tagged with its role in its check.
fn terms_frame(spec: &Spec, checks: &[Check]) -> PolarsResult<DataFrame> {
    let (mut check, mut role, mut indicator, mut year) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut c_lo, mut c_hi, mut integral) = (Vec::new(), Vec::new(), Vec::new());
    let mut push = |i: usize, r: &'static str, t: &Term| {
        check.push(i as u32);
        role.push(r);
        match t {
            Term::Figure {
                indicator: ind,
                year: y,
            } => {
                indicator.push(Some(ind.clone()));
                year.push(Some(*y));
                c_lo.push(None);
                c_hi.push(None);
                integral.push(spec.indicator(ind).is_some_and(|x| x.integral()));
            }
            Term::Constant(iv) => {
                indicator.push(None);
                year.push(None);
                c_lo.push(Some(iv.lo));
                c_hi.push(Some(iv.hi));
                integral.push(false);
            }
        }
    };
    for (i, c) in checks.iter().enumerate() {
        for t in &c.num {
            push(i, "num", t);
        }
        for t in &c.den {
            push(i, "den", t);
        }
        match &c.expect {
            Expect::Figure(t) => push(i, "ref", t),
            Expect::AtMost(ts) => {
                for t in ts {
                    push(i, "ref", t);
                }
            }
            Expect::Stated { .. } | Expect::Nothing => {}
        }
    }
    let n = check.len();
    DataFrame::new(
        n,
        vec![
            Column::new(CHECK.into(), check),
            Column::new("role".into(), role),
            Column::new(INDICATOR.into(), indicator),
            Column::new(YEAR.into(), year),
            Column::new(C_LO.into(), c_lo),
            Column::new(C_HI.into(), c_hi),
            Column::new("integral".into(), integral),
        ],
    )
}

/// The operands of one role, aggregated per check and prefixed (`num_lo`, ...).
fn role(terms: &LazyFrame, name: &str) -> LazyFrame {
    let missing = col(LO).is_null();
    let p = |s: &str| format!("{name}_{s}");
    terms
        .clone()
        .filter(col("role").eq(lit(name)))
        .group_by([col(CHECK)])
        .agg([
            missing
                .clone()
                .sum()
                .cast(DataType::Int32)
                .alias(p("missing")),
            col(LO).sum().alias(p("sum_lo")),
            col(HI).sum().alias(p("sum_hi")),
            col(LO).fill_null(lit(1.0)).product().alias(p("prod_lo")),
            col(HI).fill_null(lit(1.0)).product().alias(p("prod_hi")),
            col(LO_OPEN)
                .fill_null(lit(false))
                .any(true)
                .alias(p("lo_open")),
            col(HI_OPEN)
                .fill_null(lit(false))
                .any(true)
                .alias(p("hi_open")),
            col(INDICATOR)
                .filter(missing.clone())
                .first()
                .alias(p("miss_ind")),
            col(YEAR)
                .filter(missing.clone())
                .first()
                .alias(p("miss_year")),
            col("integral")
                .filter(missing)
                .first()
                .alias(p("miss_integral")),
        ])
}

/// Decide every check. One row per check, in check order.
pub(super) fn evaluate(
    spec: &Spec,
    checks: &[Check],
    figures: DataFrame,
) -> PolarsResult<DataFrame> {
    let checks_df = checks_frame(spec, checks)?;
    let terms = terms_frame(spec, checks)?
        .lazy()
        .join(
            figures.lazy(),
            [col(INDICATOR), col(YEAR)],
            [col(INDICATOR), col(YEAR)],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            when(col(C_LO).is_not_null())
                .then(col(C_LO))
                .otherwise(col(LO))
                .alias(LO),
            when(col(C_HI).is_not_null())
                .then(col(C_HI))
                .otherwise(col(HI))
                .alias(HI),
        ]);
    let args = || JoinArgs::new(JoinType::Left);
    let mut lf = checks_df.lazy();
    for r in ["num", "den", "ref"] {
        lf = lf.join(role(&terms, r), [col(CHECK)], [col(CHECK)], args());
    }
    let lf = lf
        .with_columns([
            c(NUM_MISSING).fill_null(lit(0)),
            c(DEN_MISSING).fill_null(lit(0)),
            c(REF_MISSING).fill_null(lit(0)),
        ])
        .with_columns([
            when(c(PRODUCT))
                .then(c(NUM_PROD_LO))
                .otherwise(c(NUM_SUM_LO))
                .alias(NUM_LO),
            when(c(PRODUCT))
                .then(c(NUM_PROD_HI))
                .otherwise(c(NUM_SUM_HI))
                .alias(NUM_HI),
            when(c(PRODUCT))
                .then(c("den_prod_lo"))
                .otherwise(c("den_sum_lo"))
                .alias(DEN_LO),
            when(c(PRODUCT))
                .then(c("den_prod_hi"))
                .otherwise(c("den_sum_hi"))
                .alias(DEN_HI),
            (c(NUM_MISSING) + c(DEN_MISSING) + c(REF_MISSING)).alias(MISSING),
        ])
        // The stated interval: as written, another figure, or "at most" another figure.
        .with_columns([
            when(is(EXPECT, "stated"))
                .then(c("s_lo"))
                // A missing reference figure states nothing (its sum over no rows is 0).
                .when(c(REF_MISSING).gt(lit(0)))
                .then(lit(NULL).cast(DataType::Float64))
                .when(is(EXPECT, "figure"))
                .then(c("ref_sum_lo"))
                .otherwise(lit(f64::NEG_INFINITY))
                .alias(ST_LO),
            when(is(EXPECT, "stated"))
                .then(c("s_hi"))
                .when(c(REF_MISSING).gt(lit(0)))
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(c("ref_sum_hi"))
                .alias(ST_HI),
            when(c(PRODUCT))
                .then(
                    c("den_prod_lo")
                        .lt_eq(lit(0.0))
                        .and(c("den_prod_hi").gt_eq(lit(0.0))),
                )
                .otherwise(
                    c("den_sum_lo")
                        .lt_eq(lit(0.0))
                        .and(c("den_sum_hi").gt_eq(lit(0.0))),
                )
                .alias(DEN_HAS_ZERO),
            // Another figure's open ends are the stated interval's.
            when(is(EXPECT, "figure"))
                .then(c("ref_lo_open").fill_null(lit(false)))
                .otherwise(c(S_LO_OPEN))
                .alias(S_LO_OPEN),
            when(is(EXPECT, "stated"))
                .then(c(S_HI_OPEN))
                .otherwise(c("ref_hi_open").fill_null(lit(false)))
                .alias(S_HI_OPEN),
            // An operand's open end carried through a sum (identity) or a
            // difference; a product or a ratio is kept closed.
            when(is(OP, "identity").and(c(PRODUCT).not()))
                .then(c("num_lo_open").fill_null(lit(false)))
                .when(is(OP, "difference"))
                .then(
                    c("num_lo_open")
                        .fill_null(lit(false))
                        .or(c("den_hi_open").fill_null(lit(false))),
                )
                .otherwise(lit(false))
                .alias(C_LO_OPEN),
            when(is(OP, "identity").and(c(PRODUCT).not()))
                .then(c("num_hi_open").fill_null(lit(false)))
                .when(is(OP, "difference"))
                .then(
                    c("num_hi_open")
                        .fill_null(lit(false))
                        .or(c("den_lo_open").fill_null(lit(false))),
                )
                .otherwise(lit(false))
                .alias(C_HI_OPEN),
        ]);
    // A report's claims are a few dozen rows: Polars' plan optimisations
    // (simplifying, pushing projections and filters down) cost more than they
    // save here (the DGSN spec's decision, ten runs each: 6.4 to 7.3 ms without
    // them, 7.1 to 11 ms with).
    decide(lf, Shape::CLAIMS)
        .sort(["check"], SortMultipleOptions::default())
        .with_optimizations(OptFlags::TYPE_COERCION | OptFlags::TYPE_CHECK)
        .collect()
}
