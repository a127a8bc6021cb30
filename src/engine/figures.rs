//! The figures frame: every known figure of a spec as an interval row
//! (indicator, year, lo, hi, and whether each end is open: "more than 50"
//! for an amount is (50, ∞)). Spec and dataset figures meet here.

use crate::engine::columns::*;
use crate::spec::Spec;
use polars::prelude::*;

pub(super) fn frame(spec: &Spec) -> PolarsResult<DataFrame> {
    let mut indicator = Vec::new();
    let mut year = Vec::new();
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    let (mut lo_open, mut hi_open) = (Vec::new(), Vec::new());
    for ind in &spec.indicators {
        for f in &ind.figures {
            indicator.push(ind.id.as_str());
            year.push(f.year);
            lo.push(f.interval.lo);
            hi.push(f.interval.hi);
            lo_open.push(f.interval.lo_open);
            hi_open.push(f.interval.hi_open);
        }
    }
    let height = indicator.len();
    DataFrame::new(
        height,
        vec![
            Column::new(INDICATOR.into(), indicator),
            Column::new(YEAR.into(), year),
            Column::new(LO.into(), lo),
            Column::new(HI.into(), hi),
            Column::new(LO_OPEN.into(), lo_open),
            Column::new(HI_OPEN.into(), hi_open),
        ],
    )
}
