//! `multiple`: "doubled", "halved", "five times": to/from against a stated factor
//! with the tolerance the spec declares (never assumed).

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;
use crate::interval::Interval;

pub(super) fn lower(
    claim: usize,
    indicator: &str,
    from: i32,
    to: i32,
    factor: f64,
    tolerance: f64,
) -> Check {
    Check {
        claim,
        label: format!("{from} → {to}"),
        op: Op::Ratio {
            scale: 1.0,
            offset: 0.0,
        },
        num: vec![Term::figure(indicator, to)],
        combine: Combine::Sum,
        den: Some(Term::figure(indicator, from)),
        expect: Expect::Stated {
            interval: Interval::closed(factor - tolerance, factor + tolerance),
            text: format!("×{factor} ± {tolerance}"),
            exact: None,
            rounding: None,
        },
        unit: Unit::Factor,
        grain: None,
        formula: format!("{indicator} {to} / {indicator} {from}"),
    }
}
