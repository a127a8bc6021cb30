//! `ratio`: a per-unit figure ("pupils per school", "(dead + injured) per
//! accident", "per week", "per 100 000 inhabitants"). With `stated`, it is
//! checked; without, it is computed and shown, and its verdict says nothing
//! was stated.

use super::share::sum_of;
use super::{Check, Combine, Expect, Op, Term, stated};
use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::{Per, StatedFigure};

pub(super) fn lower(
    claim: usize,
    numerator: &[String],
    per: &Per,
    scale: f64,
    year: i32,
    s: Option<&StatedFigure>,
) -> Check {
    let (den, per_name) = match per {
        Per::Figures(names) => (
            names.iter().map(|p| Term::figure(p, year)).collect(),
            format!("{} {year}", sum_of(names)),
        ),
        Per::Constant(k) => (vec![Term::Constant(Interval::point(*k))], format!("{k}")),
    };
    let scaled = if scale == 1.0 {
        String::new()
    } else {
        format!("{scale} × ")
    };
    Check {
        claim,
        label: format!(
            "{} per {}",
            numerator.join(" + "),
            match per {
                Per::Figures(names) => names.join(" + "),
                Per::Constant(k) => format!("{k}"),
            }
        ),
        op: Op::Ratio { scale, offset: 0.0 },
        num: numerator.iter().map(|n| Term::figure(n, year)).collect(),
        combine: Combine::Sum,
        den,
        expect: match s {
            Some(s) => stated(s),
            None => Expect::Nothing,
        },
        unit: Unit::Factor,
        grain: false,
        exactly: None,
        formula: format!("{scaled}{} {year} / {per_name}", sum_of(numerator)),
    }
}
