//! Shared unknowns solved jointly. When a figure the report does not give
//! (`2023: ~`) is what several claims each imply a range for, the figure must
//! lie in all of those ranges at once: each claim's implied range becomes the
//! intersection, naming the other claims; an empty intersection makes every
//! one of them inconsistent together (`Reason::NoJointValue`).

use crate::findings::{Bounds, Finding, Reason, Verdict};
use std::collections::BTreeMap;

/// Solve every shared unknown of one report's findings in place.
pub(crate) fn solve(findings: &mut [Finding]) {
    // (indicator, year) → every (finding, check) that implies a range for it.
    let mut by_figure: BTreeMap<(String, i32), Vec<(usize, usize)>> = BTreeMap::new();
    for (fi, f) in findings.iter().enumerate() {
        for (ci, c) in f.checks.iter().enumerate() {
            if let Some(imp) = &c.implied {
                by_figure
                    .entry((imp.indicator.clone(), imp.year))
                    .or_default()
                    .push((fi, ci));
            }
        }
    }
    for uses in by_figure.values() {
        let claims: Vec<usize> = {
            let mut c: Vec<usize> = uses.iter().map(|(f, _)| *f).collect();
            c.dedup();
            c
        };
        if claims.len() < 2 {
            continue;
        }
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for &(f, c) in uses {
            if let Some(imp) = &findings[f].checks[c].implied {
                lo = lo.max(imp.range.lo.unwrap_or(f64::NEG_INFINITY));
                hi = hi.min(imp.range.hi.unwrap_or(f64::INFINITY));
            }
        }
        let names: Vec<String> = claims.iter().map(|&f| findings[f].claim.clone()).collect();
        for &(f, c) in uses {
            let others: Vec<String> = names
                .iter()
                .filter(|n| **n != findings[f].claim)
                .cloned()
                .collect();
            let check = &mut findings[f].checks[c];
            if let Some(imp) = &mut check.implied {
                imp.shared_with = others;
                imp.range = Bounds {
                    lo: lo.is_finite().then_some(lo),
                    hi: hi.is_finite().then_some(hi),
                };
            }
            if lo > hi {
                check.verdict = Verdict::Inconsistent;
                check.reason = Some(Reason::NoJointValue);
            }
        }
    }
    // A claim's verdict is the worst of its checks'.
    for f in findings.iter_mut() {
        if f.checks
            .iter()
            .any(|c| c.reason == Some(Reason::NoJointValue))
        {
            f.verdict = Verdict::Inconsistent;
        }
    }
}
