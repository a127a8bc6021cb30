//! Reading the verdicts frame back into findings. Bounded by the number of
//! claims a spec holds; the figures each check used come from the spec itself.

use crate::checks::{Check, Exactly, Expect, Term};
use crate::engine::columns::*;
use crate::findings::*;
use crate::spec::Spec;
use polars::prelude::*;

struct Cols<'a> {
    df: &'a DataFrame,
}

impl Cols<'_> {
    fn f64(&self, name: &str, i: usize) -> PolarsResult<Option<f64>> {
        Ok(self.df.column(name)?.f64()?.get(i))
    }
    fn i32(&self, name: &str, i: usize) -> PolarsResult<Option<i32>> {
        Ok(self.df.column(name)?.i32()?.get(i))
    }
    fn str(&self, name: &str, i: usize) -> PolarsResult<Option<String>> {
        Ok(self.df.column(name)?.str()?.get(i).map(str::to_string))
    }
    fn bool(&self, name: &str, i: usize) -> PolarsResult<Option<bool>> {
        Ok(self.df.column(name)?.bool()?.get(i))
    }
}

pub(super) fn findings(
    spec: &Spec,
    plan: &[Check],
    verdicts: &DataFrame,
    claims: &DataFrame,
) -> PolarsResult<Vec<Finding>> {
    let v = Cols { df: verdicts };
    let mut results: Vec<Vec<CheckResult>> = vec![Vec::new(); spec.claims.len()];
    for (i, check) in plan.iter().enumerate() {
        results[check.claim].push(check_result(spec, check, &v, i)?);
    }
    let claim_idx = claims.column(CLAIM)?.u32()?;
    let claim_verdict = claims.column(VERDICT)?.i32()?;
    let mut out = Vec::with_capacity(spec.claims.len());
    for row in 0..claims.height() {
        let (Some(idx), Some(code)) = (claim_idx.get(row), claim_verdict.get(row)) else {
            continue;
        };
        let claim = &spec.claims[idx as usize];
        out.push(Finding {
            claim: claim.id.clone(),
            kind: FindingKind::Claim(claim.kind.kind()),
            verdict: Verdict::from_code(code),
            says: claim.says.clone(),
            line: claim.line,
            spec_line: claim.spec_line,
            note: claim.note.clone(),
            checks: std::mem::take(&mut results[idx as usize]),
            waiver: None,
            dataset: None,
        });
    }
    Ok(out)
}

fn bounds(lo: Option<f64>, hi: Option<f64>) -> Option<Bounds> {
    match (lo, hi) {
        (Some(lo), Some(hi)) if !lo.is_nan() && !hi.is_nan() => Some(Bounds::new(lo, hi)),
        _ => None,
    }
}

fn check_result(spec: &Spec, check: &Check, v: &Cols, i: usize) -> PolarsResult<CheckResult> {
    let verdict = Verdict::from_code(v.i32(VERDICT, i)?.unwrap_or(Verdict::Inconsistent.code()));
    let reason = Reason::from_code(v.i32(REASON, i)?.unwrap_or(0));
    // A total the report does not state is computed from the figures it does.
    let computed_total = verdict == Verdict::Computed && v.i32(REF_MISSING, i)?.unwrap_or(0) == 1;
    let computed_ok =
        (v.i32(MISSING, i)?.unwrap_or(1) == 0 || computed_total) && !check.num.is_empty();
    let computed = if computed_ok
        && (computed_total || reason.is_none_or(|r| r == Reason::NoWholeNumberFits))
    {
        bounds(v.f64(COMP_LO, i)?, v.f64(COMP_HI, i)?).map(|b| settled(spec, check, b))
    } else {
        None
    };
    let st = bounds(v.f64(ST_LO, i)?, v.f64(ST_HI, i)?);
    let stated = Stated {
        text: match &check.expect {
            Expect::Stated { text, .. } => text.clone(),
            Expect::Nothing => "(not stated)".into(),
            Expect::Figure(t) => term_name(t),
            Expect::AtMost(ts) => format!(
                "≤ {}",
                ts.iter().map(term_name).collect::<Vec<_>>().join(" + ")
            ),
        },
        source: match &check.expect {
            Expect::Stated { .. } | Expect::Nothing => StatedSource::Report,
            Expect::Figure(_) => StatedSource::Figure,
            Expect::AtMost(_) => StatedSource::AtMostFigure,
        },
        interval: st.unwrap_or(Bounds { lo: None, hi: None }),
        lo_open: matches!(&check.expect, Expect::Stated { interval, .. } if interval.lo_open),
        hi_open: matches!(&check.expect, Expect::Stated { interval, .. } if interval.hi_open),
        rounding: match &check.expect {
            Expect::Stated { rounding, .. } => *rounding,
            _ => None,
        },
        unit: match &check.expect {
            Expect::Figure(Term::Figure { indicator, .. }) => {
                spec.indicator(indicator).and_then(|i| i.unit.clone())
            }
            Expect::AtMost(ts) => match ts.first() {
                Some(Term::Figure { indicator, .. }) => {
                    spec.indicator(indicator).and_then(|i| i.unit.clone())
                }
                _ => None,
            },
            _ => None,
        },
    };
    let centre = |b: &Bounds| match (b.lo, b.hi) {
        (Some(a), Some(b)) => Some(crate::exact::midpoint(a, b)),
        _ => None,
    };
    let stated_centre = match &check.expect {
        Expect::Nothing => None,
        _ => centre(&stated.interval),
    };
    let off_by = match (&computed, stated_centre) {
        (Some(c), Some(s))
            if c.is_point()
                && matches!(
                    check.expect,
                    Expect::Stated {
                        qualified: false,
                        ..
                    } | Expect::Figure(_)
                ) =>
        {
            centre(c).map(|c| crate::exact::difference(c, s))
        }
        _ => None,
    };
    // How far outside the stated interval, on the numbers as printed.
    let gap = computed.as_ref().map(|c| gap(c, &stated.interval));
    // What the whole numbers count, and over how many.
    let n = v.f64(DEN_LO, i)?.unwrap_or(0.0);
    let (of, whole) = match &check.exactly {
        Some(Exactly::Grim { items, .. }) => (Grain::Totals, n * f64::from(*items)),
        Some(Exactly::Grimmer { .. }) => (Grain::Totals, n),
        Some(Exactly::Debit { .. }) => (Grain::Ones, n),
        _ => (Grain::Cases, n),
    };
    let decided_alone = v.i32(X_HOLDS, i)?.is_some();
    let granularity = match (v.f64(K_LO, i)?, v.f64(K_HI, i)?) {
        (Some(lo), Some(hi)) => Some(Granularity {
            of,
            whole,
            fitting: (lo <= hi).then_some((lo as i64, hi as i64)),
        }),
        // Decided by whole numbers, none fits: said as such.
        _ if decided_alone && of != Grain::Cases && reason == Some(Reason::NoWholeNumberFits) => {
            Some(Granularity {
                of,
                whole,
                fitting: None,
            })
        }
        _ => None,
    };
    let implied = match (v.str(IMP_IND, i)?, v.i32(IMP_YEAR, i)?) {
        // An empty range is said by the reason (no whole number fits), and a
        // stated figure no figures can give implies nothing; nor does a mean
        // whose number of answers is missing (any number might do).
        _ if reason == Some(Reason::FallBeyondAll)
            || matches!(
                check.exactly,
                Some(Exactly::Grim { .. } | Exactly::Grimmer { .. } | Exactly::Debit { .. })
            )
            || reason == Some(Reason::PartBeyondWhole)
            || computed_total =>
        {
            None
        }
        (Some(indicator), Some(year))
            if v.f64(IMP_LO, i)?.is_some()
                && !v
                    .f64(IMP_LO, i)?
                    .zip(v.f64(IMP_HI, i)?)
                    .is_some_and(|(lo, hi)| lo > hi) =>
        {
            Some(Implied {
                indicator,
                year,
                range: bounds(v.f64(IMP_LO, i)?, v.f64(IMP_HI, i)?)
                    .unwrap_or(Bounds { lo: None, hi: None }),
                integral: v.bool(IMP_INTEGRAL, i)?.unwrap_or(false),
                shared_with: Vec::new(),
            })
        }
        _ => None,
    };
    // Shares added up (constants only): what they leave of the whole.
    let shares_sum =
        !check.num.is_empty() && check.num.iter().all(|t| matches!(t, Term::Constant(_)));
    let remainder = match &computed {
        Some(Bounds {
            lo: Some(lo),
            hi: Some(hi),
        }) if shares_sum => Some(Bounds::new(
            crate::exact::difference(100.0, *hi),
            crate::exact::difference(100.0, *lo),
        )),
        _ => None,
    };
    Ok(CheckResult {
        explanation: None,
        label: check.label.clone(),
        formula: check.formula.clone(),
        remainder,
        verdict,
        reason,
        unit: check.unit.clone(),
        stated,
        computed,
        off_by,
        gap,
        granularity,
        implied,
        figures: check.terms().filter_map(|t| figure_use(spec, t)).fold(
            Vec::new(),
            |mut acc, f| {
                if !acc.contains(&f) {
                    acc.push(f);
                }
                acc
            },
        ),
    })
}

fn term_name(t: &Term) -> String {
    match t {
        Term::Figure { indicator, year } => format!("{indicator} ({year})"),
        Term::Constant(i) => format!("{}..{}", i.lo, i.hi),
    }
}

/// A computed point as the figures give it exactly (`Check::exact_value`).
fn settled(spec: &Spec, check: &Check, b: Bounds) -> Bounds {
    if !b.is_point() {
        return b;
    }
    let exact = check.exact_value(|t| {
        let f = figure_use(spec, t)?;
        let iv = f.interval?;
        (f.form == FigureForm::Exact && iv.is_point()).then_some(iv.lo?)
    });
    b.settled(exact, exact)
}

fn figure_use(spec: &Spec, t: &Term) -> Option<FigureUse> {
    let Term::Figure { indicator, year } = t else {
        return None;
    };
    Some(FigureUse::of(spec.indicator(indicator)?, *year))
}
