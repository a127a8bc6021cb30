//! `trend`: a direction across a series ("a sharp decline"): every step between
//! consecutive years must go that way.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::Direction;

pub(super) fn lower(
    claim: usize,
    indicator: &str,
    direction: Direction,
    years: &[i32],
    unit: Unit,
) -> Vec<Check> {
    let (interval, text) = match direction {
        Direction::Decreasing => (
            Interval {
                hi_open: true,
                ..Interval::closed(f64::NEG_INFINITY, 0.0)
            },
            "a fall",
        ),
        Direction::Increasing => (
            Interval {
                lo_open: true,
                ..Interval::closed(0.0, f64::INFINITY)
            },
            "a rise",
        ),
        Direction::Flat => (Interval::point(0.0), "no change"),
    };
    years
        .windows(2)
        .map(|w| Check {
            claim,
            label: format!("{} → {}", w[0], w[1]),
            op: Op::Difference,
            num: vec![Term::figure(indicator, w[1])],
            combine: Combine::Sum,
            den: vec![Term::figure(indicator, w[0])],
            expect: Expect::Stated {
                interval,
                text: text.to_string(),
                // A direction's bound is 0, open or closed: exact as it is.
                exact: crate::exact::Exact::of_whole_interval(&interval),
                rounding: None,
                qualified: false,
            },
            unit: unit.clone(),
            grain: false,
            exactly: None,
            formula: format!("{indicator} {} − {indicator} {}", w[1], w[0]),
        })
        .collect()
}
