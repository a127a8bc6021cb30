//! Claims lowered to checks: each claim kind says which figures it combines, how,
//! and what the result must agree with. Plain Rust, no Polars: the engine turns
//! every check into a row and decides all of them with the same expressions.
//!
//! A check computes `op(combine(num), den)` and compares it with `expect`:
//! a change is `ratio(to / from)·100 − 100` against the stated percentage, a sum is
//! `identity(sum(parts))` against the total, a subset is `identity(part)` against
//! "at most the whole", and so on. One file per claim kind.

pub(crate) mod change;
mod equal;
mod multiple;
mod points;
mod product;
mod ratio;
pub(crate) mod share;
mod shares;
mod subset;
mod sum;
mod trend;

pub(crate) use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::{ClaimKind, Spec};

/// One operand of a check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    /// The figure of `indicator` in `year` (possibly declared missing).
    Figure { indicator: String, year: i32 },
    /// A number given by the claim itself (a stated share added up).
    Constant(Interval),
}

impl Term {
    pub(crate) fn figure(indicator: &str, year: i32) -> Term {
        Term::Figure {
            indicator: indicator.to_string(),
            year,
        }
    }
}

/// How the combined operands become the computed value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Op {
    /// `scale · num / den + offset` (a % change is scale 100, offset −100).
    Ratio { scale: f64, offset: f64 },
    /// `num − den`.
    Difference,
    /// `num` itself.
    Identity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combine {
    Sum,
    Product,
}

/// What the computed value must agree with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expect {
    /// A figure the report states (its interval from how it is written, and
    /// that interval exactly when the figure is a decimal the report printed).
    Stated {
        interval: Interval,
        text: String,
        exact: Option<crate::exact::Exact>,
        /// How the report rounded it (`None`: a bound of the claim's own).
        rounding: Option<crate::interval::Rounding>,
    },
    /// Nothing stated (a `ratio` computed for the record): any value agrees,
    /// so the verdict rests on the figures alone.
    Nothing,
    /// Another figure of the report: the two intervals must overlap.
    Figure(Term),
    /// At most another figure (a part within its whole).
    AtMost(Term),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Check {
    /// Index of the claim in the spec.
    pub(crate) claim: usize,
    /// What this check of the claim looks at ("2017 → 2018", "sum of the shares").
    pub(crate) label: String,
    pub(crate) op: Op,
    pub(crate) num: Vec<Term>,
    pub(crate) combine: Combine,
    pub(crate) den: Option<Term>,
    pub(crate) expect: Expect,
    pub(crate) unit: Unit,
    /// For a share of a count: the whole, whose integer parts must fit the stated share.
    pub(crate) grain: Option<Term>,
    /// The computation in words, for the working shown to an auditor.
    pub(crate) formula: String,
}

impl Check {
    /// Every operand, in order: numerator terms, denominator, expected figure, whole.
    pub(crate) fn terms(&self) -> impl Iterator<Item = &Term> {
        let expect = match &self.expect {
            Expect::Figure(t) | Expect::AtMost(t) => Some(t),
            Expect::Stated { .. } | Expect::Nothing => None,
        };
        self.num
            .iter()
            .chain(self.den.iter())
            .chain(expect)
            .chain(self.grain.iter())
    }
}

/// Every check of every claim of `spec`, in claim order.
pub(crate) fn lower(spec: &Spec) -> Vec<Check> {
    let mut out = Vec::new();
    for (i, claim) in spec.claims.iter().enumerate() {
        let unit_of = |id: &str| {
            Unit::Of(
                spec.indicator(id)
                    .and_then(|x| x.unit.clone())
                    .unwrap_or_default(),
            )
        };
        let integral = |id: &str| spec.indicator(id).is_some_and(|x| x.integral());
        match &claim.kind {
            ClaimKind::Change {
                indicator,
                from,
                to,
                stated,
            } => out.push(change::lower(i, indicator, *from, *to, stated)),
            ClaimKind::Points {
                indicator,
                from,
                to,
                stated,
            } => out.push(points::lower(i, indicator, *from, *to, stated)),
            ClaimKind::Multiple {
                indicator,
                from,
                to,
                factor,
                tolerance,
            } => out.push(multiple::lower(
                i, indicator, *from, *to, *factor, *tolerance,
            )),
            ClaimKind::Share {
                stated,
                part,
                whole,
                year,
            } => out.push(share::lower(
                i,
                stated,
                part.as_deref(),
                whole,
                *year,
                integral(whole),
            )),
            ClaimKind::Shares {
                stated,
                whole,
                year,
                exhaustive,
            } => {
                let whole_integral = whole.as_deref().is_some_and(integral);
                out.extend(shares::lower(
                    i,
                    stated,
                    whole.as_deref(),
                    *year,
                    *exhaustive,
                    whole_integral,
                ))
            }
            ClaimKind::Sum { parts, total, year } => {
                out.push(sum::lower(i, parts, total, *year, unit_of(total)))
            }
            ClaimKind::Product {
                factors,
                total,
                year,
            } => out.push(product::lower(i, factors, total, *year, unit_of(total))),
            // The computed value is the part: its unit (the whole's is the
            // stated side's, read from the spec when the working is worded).
            ClaimKind::Subset { part, whole, year } => {
                out.push(subset::lower(i, part, whole, *year, unit_of(part)))
            }
            ClaimKind::Equal { figures, year } => {
                out.extend(equal::lower(i, figures, *year, unit_of(&figures[0])))
            }
            ClaimKind::Trend {
                indicator,
                direction,
                years,
            } => out.extend(trend::lower(
                i,
                indicator,
                *direction,
                years,
                unit_of(indicator),
            )),
            ClaimKind::Ratio {
                numerator,
                per,
                year,
                stated,
            } => out.push(ratio::lower(i, numerator, per, *year, stated.as_ref())),
        }
    }
    out
}

fn stated(s: &crate::spec::StatedFigure) -> Expect {
    Expect::Stated {
        interval: s.interval,
        text: s.text.clone(),
        exact: crate::exact::Exact::stated(&s.text, s.decimals, s.rounding),
        rounding: Some(s.rounding),
    }
}
