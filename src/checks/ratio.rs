//! `ratio`: a per-unit figure (pupils per school). With `stated`, it is checked;
//! without, it is computed and shown, and its verdict says nothing was stated.

use super::{Check, Combine, Expect, Op, Term, Unit, stated};
use crate::interval::Interval;
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
            // Nothing stated: any value agrees, so the verdict rests on the figures alone.
            None => Expect::Stated {
                interval: Interval::closed(f64::NEG_INFINITY, f64::INFINITY),
                text: "(not stated)".into(),
            },
        },
        unit: Unit::Factor,
        grain: None,
        formula: format!("{numerator} {year} / {per} {year}"),
    }
}
