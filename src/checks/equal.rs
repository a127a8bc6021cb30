//! `equal`: a figure the report prints more than once; every copy must agree
//! with the first.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;

pub(super) fn lower(claim: usize, figures: &[String], year: i32, unit: Unit) -> Vec<Check> {
    figures[1..]
        .iter()
        .map(|other| Check {
            claim,
            label: format!("{other} = {}", figures[0]),
            op: Op::Identity,
            num: vec![Term::figure(other, year)],
            combine: Combine::Sum,
            den: Vec::new(),
            expect: Expect::Figure(Term::figure(&figures[0], year)),
            unit: unit.clone(),
            grain: false,
            exactly: None,
            formula: format!("{other} {year}"),
        })
        .collect()
}
