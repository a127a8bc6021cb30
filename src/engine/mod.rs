//! The engine boundary: everything Polars does happens behind these two calls.
//! In go a validated `Spec`; out come plain findings and series, so neither the
//! spec nor the report layer ever sees a DataFrame.

mod base;
mod claims;
mod columns;
mod exact_checks;
mod figures;
mod guard;
pub mod panel;
mod rows;
mod series;
mod verdicts;

use crate::checks;
use crate::findings::{Finding, Series};
use crate::spec::Spec;

/// The engine failed in a way no input should cause: a bug to report.
#[derive(Debug, thiserror::Error)]
#[error("internal engine error: {0}")]
pub struct EngineError(#[from] polars::error::PolarsError);

/// Every claim of `spec`, checked.
pub fn check(spec: &Spec) -> Result<Vec<Finding>, EngineError> {
    let plan = checks::lower(spec);
    let figures = figures::frame(spec)?;
    let verdicts = claims::evaluate(spec, &plan, figures)?;
    let claims = verdicts::by_claim(&verdicts)?;
    let mut findings = rows::findings(spec, &plan, &verdicts, &claims)?;
    crate::joint::solve(&mut findings);
    for (finding, claim) in findings.iter_mut().zip(&spec.claims) {
        if claim.severity == crate::spec::Severity::Plausibility {
            finding.as_plausibility();
        }
    }
    Ok(findings)
}

/// The series metrics of every indicator with more than one known year.
pub fn compare(spec: &Spec) -> Result<Series, EngineError> {
    let figures = figures::frame(spec)?;
    Ok(series::compute(spec, figures)?)
}

/// Start Polars' one-time set-up on another thread, so that it overlaps the
/// reading of the specs: the first null array Polars makes zeroes an 8 MiB
/// buffer it keeps (about 2 000 fresh pages), a millisecond or two of a short run.
pub(crate) fn warm_up() {
    std::thread::spawn(|| {
        use polars::prelude::{DataType, Series};
        drop(Series::full_null("".into(), 1, &DataType::Float64));
    });
}
