//! `subset`: a part ("of which") that cannot exceed its whole.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;

pub(super) fn lower(claim: usize, part: &str, whole: &str, year: i32, unit: Unit) -> Check {
    Check {
        claim,
        label: format!("{part} ≤ {whole}"),
        op: Op::Identity,
        num: vec![Term::figure(part, year)],
        combine: Combine::Sum,
        den: None,
        expect: Expect::AtMost(Term::figure(whole, year)),
        unit,
        grain: None,
        formula: format!("{part} {year}, at most {whole} {year}"),
    }
}
