//! `share`: "32 % of the 363 recommendations": 100·part/whole against the stated
//! percentage, and, for a whole that is a count, the whole numbers that fit.

use super::{Check, Combine, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::StatedFigure;

pub(super) fn lower(
    claim: usize,
    s: &StatedFigure,
    part: Option<&str>,
    whole: &str,
    year: i32,
    integral: bool,
) -> Check {
    Check {
        claim,
        label: format!("{} of {whole}", s.text),
        op: Op::Ratio {
            scale: 100.0,
            offset: 0.0,
        },
        num: part.map(|p| Term::figure(p, year)).into_iter().collect(),
        combine: Combine::Sum,
        den: Some(Term::figure(whole, year)),
        expect: stated(s),
        unit: Unit::Percent,
        grain: integral.then(|| Term::figure(whole, year)),
        formula: match part {
            Some(p) => formula(p, whole, year),
            None => format!("100 × k / {whole} {year}, for whole numbers k of {whole}"),
        },
    }
}

/// The computation in words; a panel's rows say it the same way.
pub(crate) fn formula(part: &str, whole: &str, year: i32) -> String {
    format!("100 × {part} {year} / {whole} {year}")
}
