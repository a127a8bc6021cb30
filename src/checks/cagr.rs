//! `cagr`: a stated average annual change over a span of years, compound
//! (100·((to/from)^(1/years) − 1)) or, where the report means it, linear
//! (the whole change spread evenly, 100·(to/from − 1)/years).

use super::{Check, Combine, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::{Average, StatedFigure};

pub(super) fn lower(
    claim: usize,
    indicator: &str,
    from: i32,
    to: i32,
    s: &StatedFigure,
    average: Average,
) -> Check {
    let years = f64::from(to - from);
    let (op, formula) = match average {
        Average::Compound => (
            Op::Power {
                scale: 100.0,
                offset: -100.0,
                exponent: 1.0 / years,
            },
            format!(
                "100 × (({indicator} {to} / {indicator} {from})^(1/{}) − 1)",
                to - from
            ),
        ),
        Average::Linear => (
            Op::Ratio {
                scale: 100.0 / years,
                offset: -100.0 / years,
            },
            format!(
                "100 × ({indicator} {to} / {indicator} {from} − 1) / {}",
                to - from
            ),
        ),
    };
    Check {
        claim,
        label: format!("{from} → {to}, a year"),
        op,
        num: vec![Term::figure(indicator, to)],
        combine: Combine::Sum,
        den: vec![Term::figure(indicator, from)],
        expect: stated(s),
        unit: Unit::Percent,
        grain: false,
        exactly: None,
        formula,
    }
}
