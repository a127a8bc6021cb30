//! `subset`: parts ("of which") that together cannot exceed their whole.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;

pub(super) fn lower(claim: usize, parts: &[String], whole: &str, year: i32, unit: Unit) -> Check {
    let names = parts.join(" + ");
    Check {
        claim,
        label: format!("{names} ≤ {whole}"),
        op: Op::Identity,
        num: parts.iter().map(|p| Term::figure(p, year)).collect(),
        combine: Combine::Sum,
        den: Vec::new(),
        expect: Expect::AtMost(vec![Term::figure(whole, year)]),
        unit,
        grain: false,
        exactly: None,
        formula: if parts.len() == 1 {
            format!("{names} {year}, at most {whole} {year}")
        } else {
            format!("{names} ({year}) added up, at most {whole} {year}")
        },
    }
}
