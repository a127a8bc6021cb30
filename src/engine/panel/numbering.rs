//! What numbers series and years alike in every part of a panel: the largest
//! code of each key column, the first and last year, the rows; found over
//! rows already read (`of_rows`) or by a pass of its own (`read`).

use super::keys::codes;
use crate::spec::Dataset;
use polars::prelude::*;

/// What numbers series and years alike in every part: the largest code of each
/// key column and the first and last year; and what is checked before any
/// part is decided.
#[derive(Debug, Clone)]
pub(super) struct Numbering {
    /// Per key column, one more than its largest code, plus one for a missing key.
    pub(crate) radix: Vec<u64>,
    pub(crate) first_year: i64,
    pub(crate) last_year: i64,
    pub(crate) rows: u64,
    pub(crate) null_years: u64,
    /// The rows of each value of the key parts are cut by (see `parts`), when
    /// the dataset was read for its numbering alone.
    pub(crate) weights: Option<Weights>,
}

impl Numbering {
    /// The numbering's figures over some rows; over a whole file they are
    /// found a chunk at a time, then `combined`.
    pub(super) fn stats(ds: &Dataset) -> Vec<Expr> {
        let year = col(ds.year.as_str());
        let mut stats: Vec<Expr> = codes(ds)
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.max().cast(DataType::Int64).alias(format!("m{i}")))
            .collect();
        stats.extend([
            year.clone().min().cast(DataType::Int64).alias("lo"),
            year.clone().max().cast(DataType::Int64).alias("hi"),
            year.null_count().cast(DataType::Int64).alias("nulls"),
            len().cast(DataType::Int64).alias("rows"),
        ]);
        stats
    }

    /// The chunks' figures as one.
    pub(super) fn combined(ds: &Dataset) -> Vec<Expr> {
        let mut all: Vec<Expr> = (0..ds.series.len())
            .map(|i| col(format!("m{i}")).max())
            .collect();
        all.extend([
            col("lo").min(),
            col("hi").max(),
            col("nulls").sum(),
            col("rows").sum(),
        ]);
        all
    }

    pub(super) fn from_stats(stats: &DataFrame, ds: &Dataset) -> Self {
        let stat = |name: &str| -> Option<i64> { stats.column(name).ok()?.i64().ok()?.get(0) };
        Numbering {
            radix: (0..ds.series.len())
                .map(|i| stat(&format!("m{i}")).unwrap_or(0) as u64 + 2)
                .collect(),
            first_year: stat("lo").unwrap_or(0),
            last_year: stat("hi").unwrap_or(0),
            rows: stat("rows").unwrap_or(0) as u64,
            null_years: stat("nulls").unwrap_or(0) as u64,
            weights: None,
        }
    }

    /// The numbering of rows already read.
    pub(crate) fn of_rows(base: &DataFrame, ds: &Dataset) -> PolarsResult<Self> {
        let stats = base.clone().lazy().select(Self::stats(ds)).collect()?;
        Ok(Self::from_stats(&stats, ds))
    }
}

/// How many rows each value of a key has, by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Weights {
    pub(crate) by_code: Vec<u64>,
    pub(crate) missing: u64,
}

impl Weights {
    /// From a frame of key codes (`code`, missing for a missing key) and
    /// their row counts (`rows`).
    pub(crate) fn of_counts(counts: &DataFrame) -> PolarsResult<Self> {
        let codes = counts.column("code")?.as_materialized_series().rechunk();
        let rows = counts.column("rows")?.as_materialized_series().rechunk();
        let mut weights = Weights::default();
        for (code, rows) in codes.u32()?.iter().zip(rows.u64()?.iter()) {
            let rows = rows.unwrap_or(0);
            match code {
                Some(c) => {
                    let c = c as usize;
                    if weights.by_code.len() <= c {
                        weights.by_code.resize(c + 1, 0);
                    }
                    weights.by_code[c] += rows;
                }
                None => weights.missing += rows,
            }
        }
        Ok(weights)
    }

    /// These rows and `other`'s.
    pub(crate) fn add(&mut self, other: &Weights) {
        if self.by_code.len() < other.by_code.len() {
            self.by_code.resize(other.by_code.len(), 0);
        }
        for (a, b) in self.by_code.iter_mut().zip(&other.by_code) {
            *a += b;
        }
        self.missing += other.missing;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_count_codes_and_missing_keys() {
        let counts = DataFrame::new(
            3,
            vec![
                Column::new("code".into(), [Some(2u32), None, Some(0)]),
                Column::new("rows".into(), [2u64, 1, 1]),
            ],
        )
        .expect("a frame");
        let w = Weights::of_counts(&counts).expect("codes");
        assert_eq!(w.by_code, vec![1, 0, 2]);
        assert_eq!(w.missing, 1);
        let mut sum = w.clone();
        sum.add(&Weights {
            by_code: vec![1, 1, 1, 5],
            missing: 0,
        });
        assert_eq!(sum.by_code, vec![2, 1, 3, 5]);
        assert_eq!(sum.missing, 1);
    }
}
