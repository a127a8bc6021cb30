//! `yoy sql`: a spec's datasets checked where they live. For each dataset,
//! SQL that computes what `yoy check --rows` computes (the previous value of
//! exactly the previous year, the delta, the % change, the series' CAGR, each
//! stated change's and stated share's verdict and reason) as a relation, and
//! a summary query of the counts `yoy check` prints. The verdicts are
//! integer cross-multiplications, never a division or a float comparison, so
//! every engine decides every row as yoy does. No Polars.

mod change;
mod dialect;
pub(crate) mod engine;
mod share;

pub use dialect::Dialect;

use crate::interval::{Rounding, Sign};
use crate::spec::{Dataset, IndicatorKind, Spec};

/// Why a dataset's SQL cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum SqlError {
    #[error(
        "dataset `{dataset}` is of kind {kind}: `yoy sql` writes exact SQL for counts (whole numbers) only; check it with `yoy check`"
    )]
    NotCounts { dataset: String, kind: &'static str },
    #[error(
        "{dialect} reads no file by path: give the table that holds dataset `{dataset}` with `--table`"
    )]
    NeedsTable {
        dialect: &'static str,
        dataset: String,
    },
    #[error(
        "{path} has no datasets: `yoy sql` writes SQL for datasets (panels in files or tables)"
    )]
    NoDatasets { path: String },
    #[error("--engine {engine}: {why}")]
    EngineUnavailable { engine: &'static str, why: String },
}

/// The names one dataset's SQL gives its relations.
pub(crate) struct Names {
    pub(crate) source: String,
    pub(crate) rows: String,
}

/// Whether `x/p`, in units of the stated figure's last digit (`x` already
/// times 100·10^d), lies in the interval the stated units `k` stand for
/// under `rounding`: `(2k + A)·p ≤ 2x ≤ (2k + B)·p`, strict at an open end,
/// `A`, `B` the interval's ends in half units (`p > 0`: a count's base).
pub(crate) fn holds(d: Dialect, rounding: Rounding, k: &str, x: &str, p: &str) -> String {
    let wide = d.wide();
    let cond = |sign: Sign, odd: bool| {
        let e = rounding.ends(sign, odd);
        let (a, b) = ((e.lo * 2.0) as i64, (e.hi * 2.0) as i64);
        let lo_cmp = if e.lo_open { "<" } else { "<=" };
        let hi_cmp = if e.hi_open { "<" } else { "<=" };
        format!(
            "(CAST(2 * {k} + ({a}) AS {wide}) * {p} {lo_cmp} CAST(2 AS {wide}) * {x} AND CAST(2 AS {wide}) * {x} {hi_cmp} CAST(2 * {k} + ({b}) AS {wide}) * {p})"
        )
    };
    let cases = [
        (Sign::Positive, false),
        (Sign::Positive, true),
        (Sign::Negative, false),
        (Sign::Negative, true),
        (Sign::Zero, false),
    ];
    let first = cond(Sign::Positive, false);
    if cases.iter().all(|(s, o)| cond(*s, *o) == first) {
        return first;
    }
    let odd = format!("{} = 1", d.modulo(&format!("ABS({k})"), "2"));
    format!(
        "CASE WHEN {k} > 0 AND {odd} THEN {} WHEN {k} > 0 THEN {} WHEN {k} < 0 AND {odd} THEN {} WHEN {k} < 0 THEN {} ELSE {} END",
        cond(Sign::Positive, true),
        cond(Sign::Positive, false),
        cond(Sign::Negative, true),
        cond(Sign::Negative, false),
        cond(Sign::Zero, false)
    )
}

/// A cell as text, empty as null: how every column is read, whatever the
/// file's types, so that CSV and Parquet give the same.
pub(crate) fn cell(d: Dialect, column: &str) -> String {
    format!(
        "NULLIF(TRIM(CAST({} AS {})), '')",
        d.ident(column),
        d.text()
    )
}

/// A stated figure's units: its digits as a whole number (12.3 with one
/// decimal: 123), read exactly as a decimal, never through a double.
pub(crate) fn units(d: Dialect, ds: &Dataset, column: &str, decimals: u32) -> String {
    let text = if ds.csv.decimal_comma {
        format!("REPLACE({}, ',', '.')", cell(d, column))
    } else {
        cell(d, column)
    };
    format!(
        "CAST(CAST({text} AS {}) * {} AS {})",
        d.decimal(decimals),
        10i64.pow(decimals),
        d.wide()
    )
}

/// The SQL of every dataset of `spec`, for `dialect`; `table` names the
/// table that holds the (only) dataset instead of its file.
pub fn script(spec: &Spec, dialect: Dialect, table: Option<&str>) -> Result<String, SqlError> {
    if spec.datasets.is_empty() {
        return Err(SqlError::NoDatasets {
            path: spec.path.display().to_string(),
        });
    }
    let mut out = String::new();
    for ds in &spec.datasets {
        out.push_str(&dataset(spec, ds, dialect, table)?);
        out.push('\n');
    }
    Ok(out)
}

/// A dataset's relation name: letters, digits and `_`.
fn relation(prefix: &str, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("yoy_{clean}_{prefix}")
}

pub(crate) fn dataset(
    spec: &Spec,
    ds: &Dataset,
    d: Dialect,
    table: Option<&str>,
) -> Result<String, SqlError> {
    if ds.kind != IndicatorKind::Count {
        return Err(SqlError::NotCounts {
            dataset: ds.id.clone(),
            kind: match ds.kind {
                IndicatorKind::Amount => "amount",
                _ => "rate",
            },
        });
    }
    let names = Names {
        source: relation("source", &ds.id),
        rows: relation("rows", &ds.id),
    };
    let Some((setup, from)) = d.source(ds, table, &names.source) else {
        return Err(SqlError::NeedsTable {
            dialect: d.name(),
            dataset: ds.id.clone(),
        });
    };
    let keys: Vec<String> = ds.series.iter().map(|k| d.ident(k)).collect();
    let keys_list = keys.join(", ");
    let y = d.ident("year");
    let v = d.ident("value");
    // The source, its cells typed.
    let mut src_cols: Vec<String> = keys.clone();
    src_cols.push(format!(
        "CAST({} AS {}) AS {y}",
        cell(d, &ds.year),
        d.year()
    ));
    src_cols.push(format!(
        "CAST({} AS {}) AS {v}",
        cell(d, &ds.value),
        d.int()
    ));
    let change = ds.stated_change.as_ref();
    let share = ds.stated_share.as_ref();
    if let Some(c) = change {
        src_cols.push(format!("{} AS {}", cell(d, &c.column), d.ident(&c.column)));
        src_cols.push(format!(
            "{} AS {}",
            units(d, ds, &c.column, c.decimals),
            d.ident("yoy_k_change")
        ));
    }
    if let Some(s) = share {
        if change.map(|c| &c.column) != Some(&s.stated.column) {
            src_cols.push(format!(
                "{} AS {}",
                cell(d, &s.stated.column),
                d.ident(&s.stated.column)
            ));
        }
        src_cols.push(format!(
            "{} AS {}",
            units(d, ds, &s.stated.column, s.stated.decimals),
            d.ident("yoy_k_share")
        ));
    }
    let src = format!("  SELECT {}\n  FROM {from}", src_cols.join(",\n         "));
    // The series: the previous year's value, the first and last years.
    let windows = change::windows(d, &keys_list, &y, &v);
    let shares = share
        .map(|s| share::whole(d, ds, s, &y, &v))
        .unwrap_or_default();
    let decided = change::decided(d, ds, &y, &v);
    let share_decided = share.map(|s| share::decided(d, s, &v)).unwrap_or_default();
    let mut columns: Vec<String> = keys.clone();
    columns.extend([y.clone(), v.clone()]);
    if let Some(c) = change {
        columns.push(d.ident(&c.column));
    }
    columns.extend(
        ["prev_value", "delta", "pct_change", "series_cagr_pct"]
            .iter()
            .map(|c| d.ident(c)),
    );
    if let Some(s) = share {
        columns.push(d.ident(&s.stated.column));
        columns.extend(["whole", "computed_share_pct"].iter().map(|c| d.ident(c)));
    }
    columns.extend(["verdict", "reason"].iter().map(|c| d.ident(c)));
    if share.is_some() {
        columns.extend(["share_verdict", "share_reason"].iter().map(|c| d.ident(c)));
    }
    columns.push(d.ident("first_year"));
    let query = format!(
        "WITH src AS (\n{src}\n),\nw AS (\n{windows}{shares}\n  FROM src\n),\nc AS (\n{decided}{share_decided}\n  FROM w\n)\nSELECT {}\nFROM c",
        columns.join(", ")
    );
    let mut out = format!(
        "-- yoy sql ({}): dataset `{}` of {}\n-- {}: one row per series and year, as `yoy check --rows` writes it\n",
        d.name(),
        ds.id,
        spec.path.display(),
        names.rows
    );
    for s in setup {
        out.push_str(&s);
        out.push_str(";\n");
    }
    out.push_str(&d.temp_view(&names.rows, &query));
    out.push_str(";\n");
    out.push_str(&format!(
        "-- the counts `yoy check` prints for `{}`\n",
        ds.id
    ));
    out.push_str(&summary(d, &names.rows, change.is_some(), share.is_some()));
    out.push_str(";\n");
    Ok(out)
}

/// The counts; a dataset that states no change counts none of its rows'
/// change verdicts (as `yoy check` does), though its rows say why.
fn summary(d: Dialect, rows: &str, changes: bool, shares: bool) -> String {
    let count = |cond: &str| format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)");
    let stated = |cond: &str| {
        if changes {
            count(cond)
        } else {
            "0".to_string()
        }
    };
    let verdict = d.ident("verdict");
    let reason = d.ident("reason");
    let mut cols = vec![
        format!("COUNT(*) AS {}", d.ident("rows")),
        format!(
            "{} AS {}",
            count(&format!("{} = {}", d.ident("year"), d.ident("first_year"))),
            d.ident("series")
        ),
        format!(
            "{} AS {}",
            count(&format!(
                "{} = {} AND {} IS NOT NULL",
                d.ident("year"),
                d.ident("first_year"),
                d.ident("series_cagr_pct")
            )),
            d.ident("series_with_cagr")
        ),
    ];
    for (name, v) in [
        ("consistent", "consistent"),
        ("inconsistent", "inconsistent"),
        ("unverifiable", "unverifiable"),
    ] {
        cols.push(format!(
            "{} AS {}",
            stated(&format!("{verdict} = '{v}'")),
            d.ident(name)
        ));
    }
    for r in ["no_previous_year", "zero_base", "no_stated"] {
        cols.push(format!(
            "{} AS {}",
            stated(&format!("{reason} = '{r}'")),
            d.ident(r)
        ));
    }
    if shares {
        let sv = d.ident("share_verdict");
        let sr = d.ident("share_reason");
        for v in ["consistent", "inconsistent", "unverifiable"] {
            cols.push(format!(
                "{} AS {}",
                count(&format!("{sv} = '{v}'")),
                d.ident(&format!("share_{v}"))
            ));
        }
        for r in ["no_whole", "zero_whole", "no_stated"] {
            cols.push(format!(
                "{} AS {}",
                count(&format!("{sr} = '{r}'")),
                d.ident(&format!("share_{r}"))
            ));
        }
    }
    format!("SELECT {}\nFROM {rows}", cols.join(",\n       "))
}
