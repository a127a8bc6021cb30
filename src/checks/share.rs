//! `share`: "32 % of the 363 recommendations": 100·part/whole against the stated
//! percentage, and, for a whole that is a count, the whole numbers that fit.
//! Part and whole may each be several figures added up ("dead and injured, of
//! all victims").

use super::{Check, Combine, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::StatedFigure;

pub(super) fn lower(
    claim: usize,
    s: &StatedFigure,
    part: &[String],
    whole: &[String],
    year: i32,
    integral: bool,
) -> Check {
    let whole_name = whole.join(" + ");
    Check {
        claim,
        label: format!("{} of {whole_name}", s.display()),
        op: Op::Ratio {
            scale: 100.0,
            offset: 0.0,
        },
        num: part.iter().map(|p| Term::figure(p, year)).collect(),
        combine: Combine::Sum,
        den: whole.iter().map(|w| Term::figure(w, year)).collect(),
        expect: stated(s),
        unit: Unit::Percent,
        grain: integral,
        exactly: None,
        formula: if part.is_empty() {
            format!(
                "100 × k / {} {year}, for whole numbers k of {}",
                sum_of(whole),
                sum_of(whole)
            )
        } else {
            format!("100 × {} {year} / {} {year}", sum_of(part), sum_of(whole))
        },
    }
}

/// Figures added up, in words: `a`, or `(a + b)`.
pub(crate) fn sum_of(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        many => format!("({})", many.join(" + ")),
    }
}

/// The computation in words; a panel's rows say it the same way.
pub(crate) fn formula(part: &str, whole: &str, year: i32) -> String {
    format!("100 × {part} {year} / {whole} {year}")
}
