//! `points`: a stated percentage-point change between two rates, to − from.

use super::{Check, Combine, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::StatedFigure;

pub(super) fn lower(claim: usize, indicator: &str, from: i32, to: i32, s: &StatedFigure) -> Check {
    Check {
        claim,
        label: format!("{from} → {to}"),
        op: Op::Difference,
        num: vec![Term::figure(indicator, to)],
        combine: Combine::Sum,
        den: vec![Term::figure(indicator, from)],
        expect: stated(s),
        unit: Unit::Points,
        grain: false,
        exactly: None,
        formula: format!("{indicator} {to} − {indicator} {from}"),
    }
}
