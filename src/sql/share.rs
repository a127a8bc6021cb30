//! A row's stated share of its group's whole, in SQL: the group is the rows
//! of a year whose keys differ only in `across`; the whole is the total
//! row's value, or the sum of the group's values when none is named (no
//! whole when the total row is missing or a value of the sum is empty).

use super::{Dialect, holds};
use crate::spec::{Dataset, StatedShare};

/// The whole of each row's group, as a window column.
pub(super) fn whole(d: Dialect, ds: &Dataset, s: &StatedShare, y: &str, v: &str) -> String {
    let mut group: Vec<String> = ds.share_group().iter().map(|k| d.ident(k)).collect();
    group.push(y.to_string());
    let g = format!("PARTITION BY {}", group.join(", "));
    let whole = match &s.total {
        Some(t) => format!(
            "MAX(CASE WHEN {} = {} THEN {v} END) OVER ({g})",
            d.ident(&s.across),
            d.string(t)
        ),
        None => format!(
            "CASE WHEN COUNT(*) OVER ({g}) = COUNT({v}) OVER ({g}) THEN SUM({v}) OVER ({g}) END"
        ),
    };
    format!(",\n         {whole} AS {}", d.ident("whole"))
}

/// The computed share, and the verdict and reason of the stated one.
pub(super) fn decided(d: Dialect, s: &StatedShare, v: &str) -> String {
    let whole = d.ident("whole");
    let dbl = d.double();
    let wide = d.wide();
    let k = d.ident("yoy_k_share");
    let x = format!(
        "CAST({v} AS {wide}) * {}",
        100 * 10i64.pow(s.stated.decimals)
    );
    let ok = holds(
        d,
        s.stated.rounding,
        &k,
        &x,
        &format!("CAST({whole} AS {wide})"),
    );
    format!(
        ",\n         CAST({v} AS {dbl}) * 100 / CAST(NULLIF({whole}, 0) AS {dbl}) AS {share},\n         CASE WHEN {whole} IS NULL OR {whole} = 0 OR {k} IS NULL THEN 'unverifiable' WHEN {ok} THEN 'consistent' ELSE 'inconsistent' END AS {sv},\n         CASE WHEN {whole} IS NULL THEN 'no_whole' WHEN {whole} = 0 THEN 'zero_whole' WHEN {k} IS NULL THEN 'no_stated' END AS {sr}",
        share = d.ident("computed_share_pct"),
        sv = d.ident("share_verdict"),
        sr = d.ident("share_reason"),
    )
}
