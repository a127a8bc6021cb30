//! `ratio`: a per-unit figure (pupils per school). With `stated`, it is checked;
//! without, it is computed and shown, and its verdict says nothing was stated.

use super::{Check, Combine, Expect, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::StatedFigure;

pub(super) fn lower(
    claim: usize,
    numerator: &str,
    per: &str,
    year: i32,
    s: Option<&StatedFigure>,
) -> Check {
    Check {
        claim,
        label: format!("{numerator} per {per}"),
        op: Op::Ratio {
            scale: 1.0,
            offset: 0.0,
        },
        num: vec![Term::figure(numerator, year)],
        combine: Combine::Sum,
        den: Some(Term::figure(per, year)),
        expect: match s {
            Some(s) => stated(s),
            None => Expect::Nothing,
        },
        unit: Unit::Factor,
        grain: None,
        formula: format!("{numerator} {year} / {per} {year}"),
    }
}
