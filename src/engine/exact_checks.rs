//! The exact decisions of a report's checks, made in plain Rust before the
//! frame is decided (a report has a few dozen checks): whether a stated figure
//! lies outside what its figures can ever give (no count falls by more than
//! 100 %, no part exceeds its whole), the whole numbers that give a stated share
//! of a count, and the whole numbers a single missing count may be, all by
//! `exact`'s integer arithmetic with the stated figure's open ends. The
//! frame's own floating-point versions stand where these do not apply.

use crate::checks::{Check, Combine, Exactly, Expect, Op, Term};
use crate::exact::{Exact, Ratio, bases};
use crate::findings::Reason;
use crate::scrutiny::{self, Outcome};
use crate::spec::{ClaimKind, Spec};

/// What the exact arithmetic decides of one check (`None`: not decided here).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Decided {
    /// The stated figure lies outside every value the check's figures can
    /// give, and why.
    pub(super) impossible: Option<Reason>,
    /// The whole numbers k with 100·k/N in the stated share (first, last).
    pub(super) fitting: Option<(f64, f64)>,
    /// The whole numbers the one missing count may be (first, last; the last
    /// may be +∞).
    pub(super) implied: Option<(f64, f64)>,
    /// A check decided by whole numbers alone (`Check::exactly`): whether
    /// it holds (`None`: too large to decide).
    pub(super) holds: Option<Option<bool>>,
    /// The figure `implied` is of, when the decision names it itself.
    pub(super) implied_of: Option<(String, i32)>,
}

/// A figure the spec gives as an exact whole number (a count, not a bound).
fn whole_figure(spec: &Spec, t: &Term) -> Option<Ratio> {
    let Term::Figure { indicator, year } = t else {
        return None;
    };
    let ind = spec.indicator(indicator)?;
    let f = ind.figure(*year)?;
    (ind.integral() && f.interval.lo == f.interval.hi && !f.interval.lo_open && !f.interval.hi_open)
        .then(|| Ratio::of_whole(f.value))
        .flatten()
}

/// Figures added up, each an exact whole number.
fn whole_sum(spec: &Spec, terms: &[Term]) -> Option<Ratio> {
    terms
        .iter()
        .try_fold(Ratio::int(0), |acc, t| acc.add(whole_figure(spec, t)?))
}

/// A number of answers: a whole number the claim gives, or an exact figure.
fn size(spec: &Spec, t: &Term) -> Option<u64> {
    let v = match t {
        Term::Constant(i) if i.lo == i.hi => i.lo,
        Term::Constant(_) => return None,
        Term::Figure { .. } => whole_figure(spec, t)?.to_f64(),
    };
    (v >= 0.0 && v.fract() == 0.0).then_some(v as u64)
}

/// A check decided by whole numbers alone.
fn exactly(spec: &Spec, x: &Exactly) -> Decided {
    let outcome = |o: Outcome| -> Decided {
        let (holds, fitting) = match o {
            Outcome::Fits { first, last } => (Some(true), Some((first as f64, last as f64))),
            Outcome::NoneFits => (Some(false), None),
            Outcome::Undecided => (None, None),
        };
        Decided {
            holds: Some(holds),
            fitting,
            ..Decided::default()
        }
    };
    // A number of answers the report does not give leaves it unverifiable.
    let undecided = Decided::default();
    match x {
        Exactly::Grim { mean, n, items } => match (mean.exact(), size(spec, n)) {
            (Some(m), Some(n)) => outcome(scrutiny::grim(m, n, *items)),
            _ => undecided,
        },
        Exactly::Grimmer { mean, sd, n } => match (mean.exact(), sd.exact(), size(spec, n)) {
            (Some(m), Some(s), Some(n)) => outcome(scrutiny::grimmer(m, s, n)),
            _ => undecided,
        },
        Exactly::Debit { mean, sd, n } => match (mean.exact(), sd.exact(), size(spec, n)) {
            (Some(m), Some(s), Some(n)) => outcome(scrutiny::debit(m, s, n)),
            _ => undecided,
        },
        Exactly::Base {
            pct,
            by,
            from,
            to,
            integral,
        } => super::base::decide(spec, pct, by, from, to, *integral),
    }
}

/// A figure declared missing (`~`) of a count.
fn missing_count(spec: &Spec, t: &Term) -> bool {
    match t {
        Term::Figure { indicator, year } => spec
            .indicator(indicator)
            .is_some_and(|i| i.integral() && i.figure(*year).is_none()),
        Term::Constant(_) => false,
    }
}

pub(super) fn decide(spec: &Spec, c: &Check) -> Decided {
    if let Some(x) = &c.exactly {
        return exactly(spec, x);
    }
    let Expect::Stated {
        exact: Some(stated),
        ..
    } = &c.expect
    else {
        return Decided::default();
    };
    let stated = *stated;
    let Some(claim) = spec.claims.get(c.claim) else {
        return Decided::default();
    };
    let share = matches!(
        claim.kind,
        ClaimKind::Share { .. } | ClaimKind::Shares { .. }
    );
    let count_change = match &claim.kind {
        ClaimKind::Change { indicator, .. } => {
            spec.indicator(indicator).is_some_and(|i| i.integral())
        }
        _ => false,
    };
    // What the figures can give at all: a count falls by at most 100 %; a
    // part is between none and all of its whole.
    let impossible = if count_change && below(stated, Ratio::int(-100)) {
        Some(Reason::FallBeyondAll)
    } else if share && (above(stated, Ratio::int(100)) || below(stated, Ratio::int(0))) {
        Some(Reason::PartBeyondWhole)
    } else {
        None
    };
    let Op::Ratio { scale, offset } = c.op else {
        return Decided {
            impossible,
            implied: match c.op {
                Op::Difference => difference_implied(spec, c, stated),
                _ => None,
            },
            ..Decided::default()
        };
    };
    let (Some(s), Some(o)) = (Ratio::of_whole(scale), Ratio::of_whole(offset)) else {
        return Decided {
            impossible,
            ..Decided::default()
        };
    };
    let fitting = c.grain.then_some(()).and_then(|()| {
        let n = whole_sum(spec, &c.den)?;
        let (first, last) = stated
            .affine(n.div(s)?, o.mul(n)?.div(s)?.mul(Ratio::int(-1))?)?
            .integers();
        let n = n.to_f64();
        Some((
            first.map_or(0.0, |f| (f as f64).max(0.0)),
            last.map_or(n, |l| (l as f64).min(n)),
        ))
    });
    Decided {
        impossible,
        fitting,
        implied: implied(spec, c, stated, s, o, share),
        ..Decided::default()
    }
}

/// The one missing count of `num − den` (a trend's step) against the stated
/// interval, the other figure an exact whole number.
fn difference_implied(spec: &Spec, c: &Check, stated: Exact) -> Option<(f64, f64)> {
    let ([num], [den]) = (c.num.as_slice(), c.den.as_slice()) else {
        return None;
    };
    let (first, last) = match (missing_count(spec, num), missing_count(spec, den)) {
        // num ∈ stated + den
        (true, false) => stated
            .affine(Ratio::int(1), whole_figure(spec, den)?)?
            .integers(),
        // den ∈ num − stated
        (false, true) => stated
            .affine(Ratio::int(-1), whole_figure(spec, num)?)?
            .integers(),
        _ => return None,
    };
    let first = first.map_or(0, |f| f.max(0));
    Some((first as f64, last.map_or(f64::INFINITY, |l| l as f64)))
}

/// The stated interval lies wholly below `x` (its top end `x` left open counts).
fn below(e: Exact, x: Ratio) -> bool {
    e.hi.is_some_and(|h| h.at < x || (h.at == x && h.open))
}

/// The stated interval lies wholly above `x`.
fn above(e: Exact, x: Ratio) -> bool {
    e.lo.is_some_and(|l| l.at > x || (l.at == x && l.open))
}

/// The one missing count of `scale·num/den + offset` against the stated
/// interval, when every other figure is an exact whole number.
fn implied(
    spec: &Spec,
    c: &Check,
    stated: Exact,
    s: Ratio,
    o: Ratio,
    share: bool,
) -> Option<(f64, f64)> {
    if c.combine != Combine::Sum || s.signum() <= 0 {
        return None;
    }
    let [den] = c.den.as_slice() else {
        return None;
    };
    let missing_num: Vec<&Term> = c.num.iter().filter(|t| missing_count(spec, t)).collect();
    let den_missing = missing_count(spec, den);
    let known = |terms: Vec<&Term>| -> Option<Ratio> {
        terms
            .into_iter()
            .try_fold(Ratio::int(0), |acc, t| acc.add(whole_figure(spec, t)?))
    };
    // num / den, as the stated interval asks: (stated − offset) / scale.
    let ratio = stated.affine(Ratio::int(1).div(s)?, o.mul(Ratio::int(-1))?.div(s)?)?;
    let (first, last) = match (missing_num.len(), den_missing) {
        (1, false) => {
            let d = whole_figure(spec, den)?;
            if d.signum() <= 0 {
                return None;
            }
            let others = known(c.num.iter().filter(|t| !missing_count(spec, t)).collect())?;
            // x + others ∈ ratio·d.
            let (first, last) = ratio.affine(d, others.mul(Ratio::int(-1))?)?.integers();
            (first.map_or(0, |f| f.max(0)), last)
        }
        (0, true) => {
            let n = known(c.num.iter().collect())?;
            if n.signum() < 0 {
                return None;
            }
            let (first, last) = bases(n, ratio);
            // A whole is at least its part.
            let first = if share {
                first.max(n.to_f64() as i128)
            } else {
                first
            };
            (first, last)
        }
        _ => return None,
    };
    Some((first as f64, last.map_or(f64::INFINITY, |l| l as f64)))
}
