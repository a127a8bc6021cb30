//! `change`: a change between two years, stated as a % (100·(to/from − 1)),
//! as an absolute change (to − from, "33 fewer"), or both; and a per-capita
//! change (the indicator per another, in each year). A change stated both
//! ways whose figures the report does not both give is one question of whole
//! numbers: is there a base that gives both?

use super::{Check, Combine, Exactly, Op, Term, stated};
use crate::findings::Unit;
use crate::spec::{Spec, StatedFigure};

/// A change claim's parts, as the spec gives them.
pub(super) struct Change<'a> {
    pub(super) indicator: &'a str,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) pct: Option<&'a StatedFigure>,
    pub(super) by: Option<&'a StatedFigure>,
    pub(super) per: Option<&'a str>,
    pub(super) unit: Unit,
    pub(super) integral: bool,
}

pub(super) fn lower(spec: &Spec, claim: usize, c: Change) -> Vec<Check> {
    let (ind, from, to) = (c.indicator, c.from, c.to);
    let given = |year| {
        spec.indicator(ind)
            .is_some_and(|i| i.figure(year).is_some())
    };
    let pct_check = |s: &StatedFigure| match c.per {
        None => Check {
            claim,
            label: label(from, to),
            op: Op::Ratio {
                scale: 100.0,
                offset: -100.0,
            },
            num: vec![Term::figure(ind, to)],
            combine: Combine::Sum,
            den: vec![Term::figure(ind, from)],
            expect: stated(s),
            unit: Unit::Percent,
            grain: false,
            exactly: None,
            formula: formula(ind, from, to),
        },
        // (a_to / p_to) / (a_from / p_from) = (a_to · p_from) / (a_from · p_to).
        Some(per) => Check {
            claim,
            label: format!("{} per {per}", label(from, to)),
            op: Op::Ratio {
                scale: 100.0,
                offset: -100.0,
            },
            num: vec![Term::figure(ind, to), Term::figure(per, from)],
            combine: Combine::Product,
            den: vec![Term::figure(ind, from), Term::figure(per, to)],
            expect: stated(s),
            unit: Unit::Percent,
            grain: false,
            exactly: None,
            formula: format!(
                "100 × (({ind} {to} / {per} {to}) / ({ind} {from} / {per} {from}) − 1)"
            ),
        },
    };
    let by_check = |s: &StatedFigure| Check {
        claim,
        label: format!("{} by", label(from, to)),
        op: Op::Difference,
        num: vec![Term::figure(ind, to)],
        combine: Combine::Sum,
        den: vec![Term::figure(ind, from)],
        expect: stated(s),
        unit: c.unit.clone(),
        grain: false,
        exactly: None,
        formula: format!("{ind} {to} − {ind} {from}"),
    };
    match (c.pct, c.by) {
        (Some(pct), Some(by)) if !(given(from) && given(to)) => {
            let mut check = pct_check(pct);
            check.label = format!("{}, by {}", label(from, to), by.display());
            check.op = Op::Identity;
            check.num = Vec::new();
            check.den = vec![Term::figure(ind, from), Term::figure(ind, to)];
            check.formula = format!(
                "{}: a base {ind} {from}{} with {ind} {to} − {ind} {from} in {} (“{}”) and 100 × ({ind} {to} − {ind} {from}) / {ind} {from} in the stated %",
                if c.integral {
                    "whole numbers"
                } else {
                    "any values"
                },
                if c.integral { " ≥ 1" } else { " > 0" },
                by.band(),
                by.display(),
            );
            check.exactly = Some(Exactly::Base {
                pct: pct.clone(),
                by: by.clone(),
                from: Term::figure(ind, from),
                to: Term::figure(ind, to),
                integral: c.integral,
            });
            vec![check]
        }
        (pct, by) => pct
            .map(pct_check)
            .into_iter()
            .chain(by.map(by_check))
            .collect(),
    }
}

/// The computation in words; a panel's rows say it the same way.
pub(crate) fn formula(indicator: &str, from: i32, to: i32) -> String {
    format!("100 × ({indicator} {to} / {indicator} {from} − 1)")
}

/// What a change check looks at.
pub(crate) fn label(from: i32, to: i32) -> String {
    format!("{from} → {to}")
}
