//! `product`: factors whose product is a stated total (students × amount × years).

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;

pub(super) fn lower(claim: usize, factors: &[String], total: &str, year: i32, unit: Unit) -> Check {
    Check {
        claim,
        label: format!("{} = {total}", factors.join(" × ")),
        op: Op::Identity,
        num: factors.iter().map(|p| Term::figure(p, year)).collect(),
        combine: Combine::Product,
        den: Vec::new(),
        expect: Expect::Figure(Term::figure(total, year)),
        unit,
        grain: false,
        exactly: None,
        formula: format!("{} ({year})", factors.join(" × ")),
    }
}
