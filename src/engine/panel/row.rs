//! One row of a panel, whatever its verdict, for `yoy explain`: the panel is
//! checked with every row written to a temporary file, and the row read back
//! from it as a finding (the listed ones are only the inconsistent rows).

use super::error::{DataError, read_error};
use super::{PanelOptions, check};
use crate::findings::{Finding, PanelCheck, PanelRow, Reason, Verdict, series_key};
use crate::spec::Dataset;
use polars::prelude::*;

/// The row of `ds` whose series key reads `key` (as findings write it) in
/// `year`, its stated change or (`share`) its stated share.
pub fn explain_row(
    ds: &Dataset,
    key: &str,
    year: i32,
    share: bool,
) -> Result<Option<Finding>, DataError> {
    let dir = tempfile::tempdir().map_err(|e| DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason: format!("no temporary folder for its rows: {e}"),
    })?;
    let rows_path = dir.path().join("rows.csv");
    let options = PanelOptions {
        rows: Some(&rows_path),
        inconsistent: None,
        inputs: &[],
        listed: 0,
        memory: None,
        part_rows: None,
    };
    let checked = check(ds, &options, &mut |_| {})?;
    let err = |e: PolarsError| read_error(ds, e);
    // Every column as text: the row is read as the file writes it.
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(rows_path.clone()))
        .and_then(|r| r.finish())
        // Only the year's rows reach the loop below, which matches keys as
        // findings write them.
        .and_then(|df| {
            df.lazy()
                .filter(col(ds.year.as_str()).eq(lit(year.to_string())))
                .collect()
        })
        .map_err(err)?;
    let text = |name: &str| -> Option<StringChunked> { df.column(name).ok()?.str().ok().cloned() };
    let keys: Vec<StringChunked> = ds.series.iter().filter_map(|k| text(k)).collect();
    let Some(years) = text(&ds.year) else {
        return Ok(None);
    };
    let num = |c: &Option<StringChunked>, i: usize| -> f64 {
        c.as_ref()
            .and_then(|c| c.get(i))
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let word = |c: &Option<StringChunked>, i: usize| -> String {
        c.as_ref()
            .and_then(|c| c.get(i))
            .unwrap_or_default()
            .to_string()
    };
    let (stated_col, decimals, rounding) = match (share, &ds.stated_change, &ds.stated_share) {
        (false, Some(c), _) => (text(&c.column), c.decimals, c.rounding),
        (true, _, Some(s)) => (text(&s.stated.column), s.stated.decimals, s.stated.rounding),
        _ => return Ok(None),
    };
    let (base, computed, verdict, reason) = if share {
        (
            text("whole"),
            text("computed_share_pct"),
            text("share_verdict"),
            text("share_reason"),
        )
    } else {
        (
            text("prev_value"),
            text("pct_change"),
            text("verdict"),
            text("reason"),
        )
    };
    let value = text(&ds.value);
    let cagr = text("series_cagr_pct");
    for i in 0..df.height() {
        let parts: Vec<String> = keys
            .iter()
            .map(|k| k.get(i).unwrap_or_default().to_string())
            .collect();
        if years.get(i).and_then(|y| y.parse::<i32>().ok()) != Some(year)
            || series_key(&parts) != key
        {
            continue;
        }
        let stated = num(&stated_col, i);
        let c = num(&computed, i);
        let row = PanelRow {
            check: if share {
                PanelCheck::Share
            } else {
                PanelCheck::Change
            },
            series: parts,
            year,
            value: num(&value, i),
            base: num(&base, i),
            stated,
            stated_interval: Default::default(),
            computed: c,
            gap: 0.0,
            line: None,
            series_cagr: Some(num(&cagr, i)).filter(|x| x.is_finite()),
        }
        .settled(decimals, rounding);
        let verdict = match word(&verdict, i).as_str() {
            "consistent" => Verdict::Consistent,
            "inconsistent" => Verdict::Inconsistent,
            _ => Verdict::Unverifiable,
        };
        let reason = match word(&reason, i).as_str() {
            "no_previous_year" | "no_whole" => Some(Reason::MissingFigure),
            "zero_base" | "zero_whole" => Some(Reason::ZeroBase),
            "no_stated" => Some(Reason::NoStated),
            _ => None,
        };
        return Ok(Some(checked.row_finding(&row, verdict, reason)));
    }
    Ok(None)
}
