//! The every-row file (`--rows`): every row of a part with all its figures,
//! decided again batch by batch on the streaming engine, then put in the order
//! of the series' keys as text and of years. The rows are already in series
//! (by key code) and year order, so a series is a block of rows: the blocks
//! are reordered by sorting the series, one row each, by their keys, where
//! sorting every row by text took most of the time of writing a big file
//! (10M rows: 4.9 s of sorting and joining).

use super::keys::Keys;
use super::order::gathered;
use super::row_checks::change_verdict;
use super::row_checks::{Kind, standard};
use crate::engine::columns::*;
use crate::engine::verdicts::{self, Shape};
use crate::spec::Dataset;
use polars::prelude::*;

/// Every row of `decided` (one part, in series and year order) in the row
/// files' `columns` (the keys first), with the series' CAGR from `series`
/// (one row per series, in the same order).
pub(super) fn every_row(
    decided: &DataFrame,
    ds: &Dataset,
    keys: &Keys,
    series: &DataFrame,
    columns: &[Expr],
) -> PolarsResult<DataFrame> {
    let blocks = Blocks::of(decided)?;
    let mut rows = decided.clone();
    rows.with_column(blocks.spread(series.column(SERIES_CAGR_PCT)?)?)?;
    // Every column but the keys, which become text only once in order.
    let mut select = vec![col(ROW)];
    select.extend(columns.iter().skip(ds.series.len()).cloned());
    let lf = rows.lazy().drop(change_verdict());
    let order = blocks.by_keys(decided, keys)?;
    let out = {
        let decided_again = verdicts::decide(standard(lf, ds, Kind::Change), Shape::PANEL)
            .select(select)
            .collect_with_engine(Engine::Streaming)?
            .unwrap_single();
        gathered(decided_again, &order)?
    };
    drop(order);
    let out = keys.attach(out)?;
    let mut names: Vec<PlSmallStr> = ds.series.iter().map(|k| k.as_str().into()).collect();
    names.extend(
        out.get_column_names()
            .into_iter()
            .filter(|n| *n != "__row" && !ds.series.iter().any(|k| k == n.as_str()))
            .cloned(),
    );
    out.select(names)
}

/// Where each series' rows start in a frame in series order.
struct Blocks {
    starts: Vec<usize>,
    height: usize,
}

impl Blocks {
    fn of(decided: &DataFrame) -> PolarsResult<Self> {
        let sid = decided.column(SID)?.as_materialized_series().rechunk();
        let sid = sid.u32()?;
        let mut starts = Vec::new();
        let mut last = None;
        let cells = sid
            .downcast_iter()
            .flat_map(|a| a.iter().map(|s| s.copied()));
        for (at, s) in cells.enumerate() {
            if at == 0 || s != last {
                starts.push(at);
            }
            last = s;
        }
        Ok(Blocks {
            starts,
            height: decided.height(),
        })
    }

    /// The rows of block `b`.
    fn rows(&self, b: usize) -> std::ops::Range<usize> {
        self.starts[b]..self.starts.get(b + 1).copied().unwrap_or(self.height)
    }

    /// A value per series (in block order) repeated over its rows.
    fn spread(&self, per_series: &Column) -> PolarsResult<Column> {
        polars_ensure!(
            per_series.len() == self.starts.len(),
            ComputeError: "{} series for {} blocks of rows", per_series.len(), self.starts.len()
        );
        let per_series = per_series.as_materialized_series().rechunk();
        let values = per_series.f64()?;
        let mut out: Vec<Option<f64>> = Vec::with_capacity(self.height);
        let cells = values
            .downcast_iter()
            .flat_map(|a| a.iter().map(|v| v.copied()));
        for (b, v) in cells.enumerate() {
            out.extend(std::iter::repeat_n(v, self.rows(b).len()));
        }
        Ok(
            Float64Chunked::from_iter_options(per_series.name().clone(), out.into_iter())
                .into_column(),
        )
    }

    /// The rows in the order of their series' keys as text (missing keys
    /// first, as a sort puts them), each series' rows kept in year order.
    fn by_keys(&self, decided: &DataFrame, keys: &Keys) -> PolarsResult<Vec<IdxSize>> {
        let rows = decided.column(ROW)?.idx()?;
        let first: Vec<IdxSize> = self
            .starts
            .iter()
            .map(|&at| rows.get(at).unwrap_or_default())
            .collect();
        let n = self.starts.len() as IdxSize;
        let series = DataFrame::new(
            first.len(),
            vec![
                IdxCa::from_vec("__block".into(), (0..n).collect()).into_column(),
                IdxCa::from_vec(ROW.into(), first).into_column(),
            ],
        )?;
        let by: Vec<PlSmallStr> = keys.names().map(PlSmallStr::from).collect();
        let sorted = keys
            .attach(series)?
            .sort(by, SortMultipleOptions::default())?;
        let mut order: Vec<IdxSize> = Vec::with_capacity(self.height);
        for b in sorted.column("__block")?.idx()?.into_no_null_iter() {
            let range = self.rows(b as usize);
            order.extend(range.start as IdxSize..range.end as IdxSize);
        }
        Ok(order)
    }
}
