//! `change`: a stated percent change between two years, 100·(to/from − 1).

use super::{Check, Combine, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::StatedFigure;

pub(super) fn lower(claim: usize, indicator: &str, from: i32, to: i32, s: &StatedFigure) -> Check {
    Check {
        claim,
        label: label(from, to),
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
        formula: formula(indicator, from, to),
    }
}

/// The computation in words; a panel's rows say it the same way.
pub(crate) fn formula(indicator: &str, from: i32, to: i32) -> String {
    format!("100 × ({indicator} {to} / {indicator} {from} − 1)")
}

/// What a change check looks at.
pub(crate) fn label(from: i32, to: i32) -> String {
    format!("{from} → {to}")
}
