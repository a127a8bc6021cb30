//! `shares`: several stated shares of one whole ("32 % revised, 60 % upheld").
//! They add up to at most 100 % (exactly 100 % when declared exhaustive), with
//! the rounding slack of each; each share must also fit a whole count.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::StatedFigure;

pub(super) fn lower(
    claim: usize,
    stated: &[StatedFigure],
    whole: Option<&str>,
    year: i32,
    exhaustive: bool,
    whole_integral: bool,
) -> Vec<Check> {
    let texts: Vec<&str> = stated.iter().map(|s| s.text.as_str()).collect();
    let mut checks = vec![Check {
        claim,
        label: format!(
            "{} add up to {}",
            texts.join(" + "),
            if exhaustive { "100%" } else { "at most 100%" }
        ),
        op: Op::Identity,
        num: stated.iter().map(|s| Term::Constant(s.interval)).collect(),
        combine: Combine::Sum,
        den: Vec::new(),
        expect: Expect::Stated {
            interval: if exhaustive {
                Interval::point(100.0)
            } else {
                Interval::closed(0.0, 100.0)
            },
            text: if exhaustive {
                "100%".into()
            } else {
                "≤ 100%".into()
            },
            exact: None,
            rounding: None,
            qualified: false,
        },
        unit: Unit::Percent,
        grain: false,
        exactly: None,
        formula: texts.join(" + "),
    }];
    if let (Some(whole), true) = (whole, whole_integral) {
        for s in stated {
            checks.push(super::share::lower(
                claim,
                s,
                &[],
                &[whole.to_string()],
                year,
                true,
            ));
        }
    }
    checks
}
