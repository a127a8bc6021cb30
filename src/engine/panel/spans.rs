//! A panel's series first to last, for `yoy compare`: each series' first and
//! last year with a value, its % change between them and its CAGR, computed
//! as a report's series are (`engine::series`).

use super::error::{DataError, read_error};
use super::keys::KeyTypes;
use super::read;
use crate::engine::series::{ExactFigures, cagr_pct, change_pct};
use crate::findings::{Bounds, SeriesSpan, series_key};
use crate::spec::Dataset;
use polars::prelude::*;

pub fn spans(ds: &Dataset) -> Result<Vec<SeriesSpan>, DataError> {
    let err = |e: PolarsError| read_error(ds, e);
    let keys = KeyTypes::new(ds);
    let rows = read::read(ds, &keys, None)?;
    let key_cols: Vec<Expr> = ds
        .series
        .iter()
        .map(|k| col(k.as_str()).cast(DataType::String))
        .collect();
    let (year, value) = (ds.year.as_str(), ds.value.as_str());
    let df = rows
        .lazy()
        .select(
            key_cols
                .iter()
                .cloned()
                .chain([col(year), col(value).cast(DataType::Float64).alias("v")])
                .collect::<Vec<_>>(),
        )
        .filter(col("v").is_not_null().and(col(year).is_not_null()))
        .sort_by_exprs(
            key_cols
                .iter()
                .cloned()
                .chain([col(year)])
                .collect::<Vec<_>>(),
            SortMultipleOptions::default(),
        )
        .group_by_stable(
            ds.series
                .iter()
                .map(|k| col(k.as_str()))
                .collect::<Vec<_>>(),
        )
        .agg([
            col(year).first().alias("first_year"),
            col(year).last().alias("last_year"),
            col("v").first().alias("first"),
            col("v").last().alias("last"),
            len().alias("n"),
        ])
        .filter(col("n").gt(lit(1)))
        .with_columns([
            (col("last_year") - col("first_year")).alias("span"),
            when(col("first").neq(lit(0.0)))
                .then(change_pct(col("last"), col("first")))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("pct"),
        ])
        .with_column(
            when(col("first").gt(lit(0.0)).and(col("span").gt(lit(0))))
                .then(cagr_pct(col("last"), col("first"), col("span")))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("cagr"),
        )
        .collect()
        .map_err(err)?;
    let text = |name: &str| -> Result<StringChunked, DataError> {
        df.column(name).and_then(|c| c.str().cloned()).map_err(err)
    };
    let keys: Vec<StringChunked> = ds
        .series
        .iter()
        .map(|k| text(k))
        .collect::<Result<_, _>>()?;
    let int = |name: &str| -> Result<Int32Chunked, DataError> {
        df.column(name)
            .and_then(|c| c.cast(&DataType::Int32))
            .and_then(|c| c.i32().cloned())
            .map_err(err)
    };
    let float = |name: &str| -> Result<Float64Chunked, DataError> {
        df.column(name).and_then(|c| c.f64().cloned()).map_err(err)
    };
    let (fy, ly) = (int("first_year")?, int("last_year")?);
    let (first, last, pct, cagr) = (
        float("first")?,
        float("last")?,
        float("pct")?,
        float("cagr")?,
    );
    let point = |x: Option<f64>| x.map(|v| Bounds::new(v, v));
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let parts: Vec<String> = keys
            .iter()
            .map(|k| k.get(i).unwrap_or_default().to_string())
            .collect();
        let (Some(first_year), Some(last_year), Some(f), Some(l)) =
            (fy.get(i), ly.get(i), first.get(i), last.get(i))
        else {
            continue;
        };
        let (first, last) = (Bounds::new(f, f), Bounds::new(l, l));
        let exact = ExactFigures::span(first, last);
        let years = u32::try_from(last_year - first_year).ok();
        out.push(SeriesSpan {
            indicator: format!("{}[{}]", ds.id, series_key(&parts)),
            label: None,
            unit: None,
            first_year,
            last_year,
            first,
            last,
            pct_change: ExactFigures::settle(point(pct.get(i)), |hi| exact.pct(hi)),
            cagr: ExactFigures::settle(point(cagr.get(i)), |hi| exact.cagr(hi, years?)),
        });
    }
    Ok(out)
}
