//! The figures frame: every known figure of a spec as an interval row
//! (indicator, year, lo, hi). Spec and dataset figures meet here.

use crate::spec::Spec;
use polars::prelude::*;

pub(super) fn frame(spec: &Spec) -> PolarsResult<DataFrame> {
    let mut indicator = Vec::new();
    let mut year = Vec::new();
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    for ind in &spec.indicators {
        for f in &ind.figures {
            indicator.push(ind.id.as_str());
            year.push(f.year);
            lo.push(f.interval.lo);
            hi.push(f.interval.hi);
        }
    }
    let height = indicator.len();
    DataFrame::new(
        height,
        vec![
            Column::new("indicator".into(), indicator),
            Column::new("year".into(), year),
            Column::new("lo".into(), lo),
            Column::new("hi".into(), hi),
        ],
    )
}
