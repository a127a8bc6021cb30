//! The inconsistent rows an output lists, from Polars to findings' material:
//! only these rows leave the frames, and only when an output shows them.

use crate::engine::columns::*;
use crate::findings::{Bounds, PanelCheck, PanelRow};
use crate::spec::Dataset;
use polars::prelude::*;

/// Listed rows as findings' material.
pub(super) fn rows(ds: &Dataset, df: &DataFrame) -> PolarsResult<Vec<PanelRow>> {
    let keys: Vec<&StringChunked> = ds
        .series
        .iter()
        .map(|k| df.column(k.as_str()).and_then(|c| c.str()))
        .collect::<PolarsResult<_>>()?;
    let year = df.column(ds.year.as_str())?.i32()?;
    let check = df.column(CHECK_KIND)?.str()?;
    let f = |name: &str| -> PolarsResult<Float64Chunked> {
        Ok(df.column(name)?.cast(&DataType::Float64)?.f64()?.clone())
    };
    let (value, base, computed, cagr, stated) = (
        f("__value")?,
        f("__base")?,
        f("comp_lo")?,
        f("series_cagr_pct")?,
        f("__stated")?,
    );
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(y), Some(v), Some(b), Some(c)) =
            (year.get(i), value.get(i), base.get(i), computed.get(i))
        else {
            continue;
        };
        let (check, stated_as) = match check.get(i) {
            Some("share") => (
                PanelCheck::Share,
                ds.stated_share.as_ref().map(|s| &s.stated),
            ),
            _ => (PanelCheck::Change, ds.stated_change.as_ref()),
        };
        let Some(stated_as) = stated_as else {
            continue;
        };
        out.push(
            PanelRow {
                check,
                series: keys
                    .iter()
                    .map(|k| k.get(i).unwrap_or_default().to_string())
                    .collect(),
                year: y,
                value: v,
                base: b,
                stated: stated.get(i).unwrap_or(f64::NAN),
                stated_interval: Bounds::default(),
                computed: c,
                gap: 0.0,
                line: None,
                series_cagr: cagr.get(i),
            }
            .settled(stated_as.decimals, stated_as.rounding),
        );
    }
    Ok(out)
}
