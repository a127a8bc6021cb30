//! `sum`: parts that add up to a stated total.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;

pub(super) fn lower(claim: usize, parts: &[String], total: &str, year: i32, unit: Unit) -> Check {
    Check {
        claim,
        label: format!("{} = {total}", parts.join(" + ")),
        op: Op::Identity,
        num: parts.iter().map(|p| Term::figure(p, year)).collect(),
        combine: Combine::Sum,
        den: Vec::new(),
        expect: Expect::Figure(Term::figure(total, year)),
        unit,
        grain: false,
        exactly: None,
        formula: format!("{} ({year})", parts.join(" + ")),
    }
}
