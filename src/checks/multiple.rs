//! `multiple`: "doubled", "halved", "four times more": to/from against a
//! factor m. The tolerance is the spec's; for counts without one, the
//! default of `../shared/design/semantics.md` (section 7):
//! |to − m·from| ≤ max(0.5, 0.05·m·from), i.e. to/from within
//! m ± max(0.5/from, 0.05·m), taken at the smallest `from` the report allows.

use super::{Check, Combine, Expect, Op, Term};
use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::Spec;

/// A multiple claim's parts, as the spec gives them.
pub(super) struct Multiple<'a> {
    pub(super) indicator: &'a str,
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) factor: f64,
    pub(super) word: Option<&'a str>,
    pub(super) tolerance: Option<f64>,
}

pub(super) fn lower(spec: &Spec, claim: usize, m: Multiple) -> Check {
    let (indicator, from, to, factor) = (m.indicator, m.from, m.to, m.factor);
    // The smallest base the report allows gives the widest default band
    // (0.5/from shrinks as from grows); a base it does not give, the
    // relative part alone.
    let base = spec
        .indicator(indicator)
        .and_then(|i| i.figure(from))
        .map(|f| f.interval.lo)
        .filter(|lo| *lo > 0.0);
    let (tolerance, how) = match m.tolerance {
        Some(t) => (t, format!("a declared tolerance of ± {t}")),
        None => {
            let t = base.map_or(0.05 * factor, |b| (0.5 / b).max(0.05 * factor));
            (
                t,
                format!(
                    "the default for counts, |{indicator} {to} − {factor} × {indicator} {from}| ≤ max(0.5, 5 % of {factor} × {indicator} {from})"
                ),
            )
        }
    };
    let said = match (m.word, m.tolerance) {
        (Some(w), _) => format!("{w} (×{factor})"),
        (None, Some(t)) => format!("×{factor} ± {t}"),
        (None, None) => format!("×{factor}"),
    };
    Check {
        claim,
        label: format!("{from} → {to}"),
        op: Op::Ratio {
            scale: 1.0,
            offset: 0.0,
        },
        num: vec![Term::figure(indicator, to)],
        combine: Combine::Sum,
        den: vec![Term::figure(indicator, from)],
        expect: Expect::Stated {
            interval: Interval::closed(factor - tolerance, factor + tolerance),
            text: said,
            exact: None,
            rounding: None,
            qualified: false,
        },
        unit: Unit::Factor,
        grain: false,
        exactly: None,
        formula: format!("{indicator} {to} / {indicator} {from}, within {how}"),
    }
}
