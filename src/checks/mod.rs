//! Claims lowered to checks: each claim kind says which figures it combines, how,
//! and what the result must agree with. Plain Rust, no Polars: the engine turns
//! every check into a row and decides all of them with the same expressions.
//!
//! A check computes `op(combine(num), den)` and compares it with `expect`:
//! a change is `ratio(to / from)·100 − 100` against the stated percentage, a sum is
//! `identity(sum(parts))` against the total, a subset is `identity(part)` against
//! "at most the whole", and so on. One file per claim kind.

mod cagr;
pub(crate) mod change;
mod equal;
mod multiple;
mod points;
mod product;
mod ratio;
mod scrutiny;
pub(crate) mod share;
mod shares;
mod subset;
mod sum;
mod trend;

pub(crate) use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::{ClaimKind, Spec, StatedFigure};

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
    /// `scale · (num / den)^exponent + offset` (a compound annual rate:
    /// exponent 1/years, scale 100, offset −100).
    Power {
        scale: f64,
        offset: f64,
        exponent: f64,
    },
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
        /// A word moves the band ("nearly 50 %"): how far the computed value
        /// is from the printed figure says nothing then; the gap does.
        qualified: bool,
    },
    /// Nothing stated (a `ratio` computed for the record): any value agrees,
    /// so the verdict rests on the figures alone.
    Nothing,
    /// Another figure of the report: the two intervals must overlap.
    Figure(Term),
    /// At most other figures added up (parts within their whole).
    AtMost(Vec<Term>),
}

/// A check whose verdict is a question of whole numbers that no interval
/// comparison answers: decided by `exact`'s integer arithmetic alone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Exactly {
    /// A change stated both as an absolute change and as a % ("33 fewer,
    /// down 5 %") whose figures the report does not both give: is there a
    /// base (whole, for counts) that gives both?
    Base {
        pct: StatedFigure,
        by: StatedFigure,
        from: Term,
        to: Term,
        integral: bool,
    },
    /// GRIM: a mean of `n` answers, `items` whole numbers each.
    Grim {
        mean: StatedFigure,
        n: Term,
        items: u32,
    },
    /// GRIMMER: a mean and a sample SD of `n` whole numbers.
    Grimmer {
        mean: StatedFigure,
        sd: StatedFigure,
        n: Term,
    },
    /// DEBIT: a mean and a sample SD of `n` answers of 0 or 1.
    Debit {
        mean: StatedFigure,
        sd: StatedFigure,
        n: Term,
    },
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
    /// Combined as `num` is.
    pub(crate) den: Vec<Term>,
    pub(crate) expect: Expect,
    pub(crate) unit: Unit,
    /// A share of a count: the whole (`den`), whose whole parts must fit the
    /// stated share.
    pub(crate) grain: bool,
    /// Decided by whole numbers alone (GRIM, a change stated both ways).
    pub(crate) exactly: Option<Exactly>,
    /// The computation in words, for the working shown to an auditor.
    pub(crate) formula: String,
}

impl Check {
    /// Every operand, in order: numerator terms, denominator, expected figures.
    pub(crate) fn terms(&self) -> impl Iterator<Item = &Term> {
        let expect: &[Term] = match &self.expect {
            Expect::Figure(t) => std::slice::from_ref(t),
            Expect::AtMost(ts) => ts,
            Expect::Stated { .. } | Expect::Nothing => &[],
        };
        self.num.iter().chain(self.den.iter()).chain(expect)
    }
}

impl Check {
    /// What the check computes when every operand is an exact figure, on the
    /// decimals they print as and rounded once (the engine computes in binary
    /// floating point: 3.5000000000000036 for 12.3 − 8.8); `None` for a
    /// root or a figure that is a range.
    pub(crate) fn exact_value(
        &self,
        figure: impl Fn(&Term) -> Option<f64>,
    ) -> Option<crate::exact::Ratio> {
        use crate::exact::Ratio;
        let operand = |t: &Term| match t {
            Term::Constant(iv) if iv.lo == iv.hi => Ratio::printed(iv.lo),
            Term::Constant(_) => None,
            Term::Figure { .. } => Ratio::printed(figure(t)?),
        };
        let combined = |terms: &[Term]| -> Option<Ratio> {
            let mut acc: Option<Ratio> = None;
            for t in terms {
                let x = operand(t)?;
                acc = Some(match (acc, self.combine) {
                    (None, _) => x,
                    (Some(a), Combine::Sum) => a.add(x)?,
                    (Some(a), Combine::Product) => a.mul(x)?,
                });
            }
            acc
        };
        let num = combined(&self.num)?;
        let den = || combined(&self.den);
        match self.op {
            Op::Identity if self.den.is_empty() => Some(num),
            Op::Difference => num.add(den()?.neg()?),
            Op::Ratio { scale, offset } => Ratio::printed(scale)?
                .mul(num.div(den()?)?)?
                .add(Ratio::printed(offset)?),
            // A CAGR: the root over whole years, when it is a rational.
            Op::Power {
                scale,
                offset,
                exponent,
            } => {
                let years = (1.0 / exponent).round();
                if !(1.0..=1000.0).contains(&years) || 1.0 / years != exponent {
                    return None;
                }
                Ratio::printed(scale)?
                    .mul(num.div(den()?)?.root(years as u32)?)?
                    .add(Ratio::printed(offset)?)
            }
            _ => None,
        }
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
                by,
                per,
            } => out.extend(change::lower(
                spec,
                i,
                change::Change {
                    indicator,
                    from: *from,
                    to: *to,
                    pct: stated.as_ref(),
                    by: by.as_ref(),
                    per: per.as_deref(),
                    unit: unit_of(indicator),
                    integral: integral(indicator),
                },
            )),
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
                word,
                tolerance,
            } => out.push(multiple::lower(
                spec,
                i,
                multiple::Multiple {
                    indicator,
                    from: *from,
                    to: *to,
                    factor: *factor,
                    word: word.as_deref(),
                    tolerance: *tolerance,
                },
            )),
            ClaimKind::Share {
                stated,
                part,
                whole,
                year,
            } => out.push(share::lower(
                i,
                stated,
                part,
                whole,
                *year,
                whole.iter().all(|w| integral(w)),
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
            // The computed value is the parts': their unit (the whole's is the
            // stated side's, read from the spec when the working is worded).
            ClaimKind::Subset { parts, whole, year } => {
                out.push(subset::lower(i, parts, whole, *year, unit_of(&parts[0])))
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
                scale,
                year,
                stated,
            } => out.push(ratio::lower(
                i,
                numerator,
                per,
                *scale,
                *year,
                stated.as_ref(),
            )),
            ClaimKind::Cagr {
                indicator,
                from,
                to,
                stated,
                average,
            } => out.push(cagr::lower(i, indicator, *from, *to, stated, *average)),
            ClaimKind::Grim {
                mean,
                n,
                items,
                year,
            } => out.push(scrutiny::grim(i, mean, n, *items, *year)),
            ClaimKind::Grimmer { mean, sd, n, year } => {
                out.push(scrutiny::grimmer(i, mean, sd, n, *year))
            }
            ClaimKind::Debit { mean, sd, n, year } => {
                out.push(scrutiny::debit(i, mean, sd, n, *year))
            }
        }
    }
    out
}

fn stated(s: &StatedFigure) -> Expect {
    Expect::Stated {
        interval: s.interval,
        text: s.display(),
        exact: s.exact(),
        rounding: Some(s.rounding),
        qualified: s.qualifier.is_some(),
    }
}
