//! `change`: a stated percent change between two years, 100·(to/from − 1).

use super::{Check, Combine, Op, Term, Unit, stated};
use crate::spec::StatedFigure;

pub(super) fn lower(claim: usize, indicator: &str, from: i32, to: i32, s: &StatedFigure) -> Check {
    Check {
        claim,
        label: format!("{from} → {to}"),
        op: Op::Ratio {
            scale: 100.0,
            offset: -100.0,
        },
        num: vec![Term::figure(indicator, to)],
        combine: Combine::Sum,
        den: Some(Term::figure(indicator, from)),
        expect: stated(s),
        unit: Unit::Percent,
        grain: None,
        formula: format!("100 × ({indicator} {to} / {indicator} {from} − 1)"),
    }
}
