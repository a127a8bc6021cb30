//! The stated change of a row on the previous year, in SQL: the previous
//! value only when its year is exactly the year before (`LAG` gives the
//! previous row, which after a gap is an earlier year), the delta, the %
//! change and the series' CAGR in doubles for the record, and the verdict
//! as `holds` decides it, in whole numbers.

use super::{Dialect, holds};
use crate::spec::Dataset;

/// The window columns: previous value, first and last years and values.
pub(super) fn windows(d: Dialect, keys: &str, y: &str, v: &str) -> String {
    let all = format!(
        "PARTITION BY {keys} ORDER BY {y} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
    );
    format!(
        "  SELECT src.*,\n         CASE WHEN LAG({y}) OVER (PARTITION BY {keys} ORDER BY {y}) = {y} - 1 THEN LAG({v}) OVER (PARTITION BY {keys} ORDER BY {y}) END AS {prev},\n         MIN({y}) OVER (PARTITION BY {keys}) AS {first_year},\n         MAX({y}) OVER (PARTITION BY {keys}) AS {last_year},\n         FIRST_VALUE({v}) OVER ({all}) AS {first_value},\n         LAST_VALUE({v}) OVER ({all}) AS {last_value}",
        prev = d.ident("prev_value"),
        first_year = d.ident("first_year"),
        last_year = d.ident("last_year"),
        first_value = d.ident("first_value"),
        last_value = d.ident("last_value"),
    )
}

/// Delta, % change, CAGR, and the verdict and reason of the stated change.
pub(super) fn decided(d: Dialect, ds: &Dataset, y: &str, v: &str) -> String {
    let prev = d.ident("prev_value");
    let dbl = d.double();
    let wide = d.wide();
    let (fy, ly, fv, lv) = (
        d.ident("first_year"),
        d.ident("last_year"),
        d.ident("first_value"),
        d.ident("last_value"),
    );
    let cagr = format!(
        "CASE WHEN {ly} > {fy} AND {fv} > 0 THEN ({} - 1) * 100 END",
        d.pow(
            &format!("CAST({lv} AS {dbl}) / CAST({fv} AS {dbl})"),
            &format!("1.0 / CAST({ly} - {fy} AS {dbl})")
        )
    );
    let (verdict, reason) = match &ds.stated_change {
        Some(c) => {
            let k = d.ident("yoy_k_change");
            let x = format!(
                "CAST({v} - {prev} AS {wide}) * {}",
                100 * 10i64.pow(c.decimals)
            );
            let ok = holds(d, c.rounding, &k, &x, &format!("CAST({prev} AS {wide})"));
            (
                format!(
                    "CASE WHEN {prev} IS NULL OR {prev} = 0 OR {k} IS NULL THEN 'unverifiable' WHEN {ok} THEN 'consistent' ELSE 'inconsistent' END"
                ),
                format!(
                    "CASE WHEN {prev} IS NULL THEN 'no_previous_year' WHEN {prev} = 0 THEN 'zero_base' WHEN {k} IS NULL THEN 'no_stated' END"
                ),
            )
        }
        None => (
            "'unverifiable'".to_string(),
            format!(
                "CASE WHEN {prev} IS NULL THEN 'no_previous_year' WHEN {prev} = 0 THEN 'zero_base' ELSE 'no_stated' END"
            ),
        ),
    };
    let _ = y;
    format!(
        "  SELECT w.*,\n         {v} - {prev} AS {delta},\n         CAST({v} - {prev} AS {dbl}) / CAST(NULLIF({prev}, 0) AS {dbl}) * 100 AS {pct},\n         {cagr} AS {cagr_name},\n         {verdict} AS {vn},\n         {reason} AS {rn}",
        delta = d.ident("delta"),
        pct = d.ident("pct_change"),
        cagr_name = d.ident("series_cagr_pct"),
        vn = d.ident("verdict"),
        rn = d.ident("reason"),
    )
}
