//! The row files of a panel check (every row, or the inconsistent ones), as
//! CSV or Parquet by the path's extension, written by Polars part by part into
//! one file that appears, whole, when the check ends.

use super::DataError;
use super::row_checks::Kind;
use crate::engine::columns::*;
use crate::findings::{Reason, Verdict};
use crate::output::{Input, Pending};
use crate::spec::Dataset;
use polars::prelude::*;
use polars_io::SerWriter;
use polars_io::csv::write::BatchedWriter as CsvBatched;
use polars_io::parquet::write::BatchedWriter as ParquetBatched;
use std::fs::File;
use std::path::Path;

enum Writer {
    Csv(CsvBatched<File>),
    Parquet(Box<ParquetBatched<File>>),
}

/// A row file being written.
pub(super) struct RowFile {
    pending: Pending,
    parquet: bool,
    writer: Option<Writer>,
}

impl RowFile {
    pub(crate) fn create(path: &Path, inputs: &[Input]) -> Result<Self, DataError> {
        Ok(RowFile {
            pending: Pending::create(path, inputs)?,
            parquet: path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("parquet")),
            writer: None,
        })
    }

    fn polars_error(&self, e: PolarsError) -> DataError {
        self.pending.error(std::io::Error::other(e)).into()
    }

    /// Append rows (the first frame sets the columns).
    pub(crate) fn write(&mut self, df: &mut DataFrame) -> Result<(), DataError> {
        if !self.parquet {
            neutralise_formulas(df).map_err(|e| self.polars_error(e))?;
        }
        df.rechunk_mut_par();
        if self.writer.is_none() {
            let file = self.pending.file()?;
            let schema = df.schema().as_ref().clone();
            let writer = if self.parquet {
                ParquetWriter::new(file)
                    .batched(&schema)
                    .map(|w| Writer::Parquet(Box::new(w)))
            } else {
                CsvWriter::new(file)
                    .include_header(true)
                    .batched(&schema)
                    .map(Writer::Csv)
            };
            self.writer = Some(writer.map_err(|e| self.polars_error(e))?);
        }
        let result = match &mut self.writer {
            Some(Writer::Csv(w)) => w.write_batch(df),
            Some(Writer::Parquet(w)) => w.write_batch(df),
            None => Ok(()),
        };
        result.map_err(|e| self.polars_error(e))
    }

    /// Close the file and put it in place.
    pub(crate) fn finish(mut self) -> Result<(), DataError> {
        let result = match &mut self.writer {
            Some(Writer::Csv(w)) => w.finish(),
            Some(Writer::Parquet(w)) => w.finish().map(|_| ()),
            None => Ok(()),
        };
        result.map_err(|e| self.polars_error(e))?;
        self.writer = None;
        Ok(self.pending.commit()?)
    }
}

/// A CSV row file's text cells (the series keys, as the dataset has them) that
/// a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM`)
/// get a leading `'`, as the CSV report's do. Keys are categorical: their
/// distinct values are looked at first, so a panel without such a key pays
/// nothing per row.
fn neutralise_formulas(df: &mut DataFrame) -> PolarsResult<()> {
    use crate::report::csv::runs_as_formula;
    let names: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| match c.dtype() {
            DataType::Categorical(_, mapping) => (0..mapping.num_cats_upper_bound())
                .any(|i| mapping.cat_to_str(i as u32).is_some_and(runs_as_formula)),
            DataType::String => c
                .str()
                .is_ok_and(|ca| ca.iter().flatten().any(runs_as_formula)),
            _ => false,
        })
        .map(|c| c.name().clone())
        .collect();
    for name in names {
        let text = df.column(&name)?.cast(&DataType::String)?;
        let safe: StringChunked = text
            .str()?
            .iter()
            .map(|v| {
                v.map(|v| {
                    if runs_as_formula(v) {
                        format!("'{v}")
                    } else {
                        v.to_string()
                    }
                })
            })
            .collect();
        df.replace(&name, safe.with_name(name.clone()).into_series().into())?;
    }
    Ok(())
}

/// Codes to words, for the rows file.
pub(super) fn names(code: Expr, table: &[(i32, &str)]) -> Expr {
    table
        .iter()
        .rev()
        .fold(lit(NULL).cast(DataType::String), |otherwise, (k, name)| {
            when(code.clone().eq(lit(*k)))
                .then(lit(*name))
                .otherwise(otherwise)
        })
}

/// The columns of the row files: the keys, year, value and stated change as
/// read, the previous value, the change and the series' CAGR; with shares,
/// the stated share, the whole and the share.
pub(super) fn file_columns(ds: &Dataset, value_type: DataType) -> Vec<Expr> {
    let mut out: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    let value_out = col(VALUE).cast(value_type);
    out.extend([
        col(ds.year.as_str()),
        value_out.clone().alias(ds.value.as_str()),
    ]);
    if let Some(s) = &ds.stated_change {
        out.push(col(s.column.as_str()));
    }
    out.extend([
        col(PREV_VALUE),
        (value_out - col(PREV_VALUE)).alias("delta"),
        // Undefined on a zero base: null, never an infinity.
        when(col(DEN_HAS_ZERO).fill_null(lit(true)))
            .then(lit(NULL).cast(DataType::Float64))
            .otherwise(col(COMP_LO))
            .alias("pct_change"),
        col(SERIES_CAGR_PCT),
    ]);
    if let Some(s) = &ds.stated_share {
        out.extend([
            col(s.stated.column.as_str()),
            col(WHOLE).alias("whole"),
            col("__share_pct").alias("computed_share_pct"),
        ]);
    }
    out
}

/// A check's verdict and reason codes as words, for the row files.
pub(super) fn verdict_words(kind: Kind) -> [Expr; 2] {
    let (verdict, reason, no_base, zero_base) = match kind {
        Kind::Change => ("verdict", "reason", "no_previous_year", "zero_base"),
        Kind::Share => ("share_verdict", "share_reason", "no_whole", "zero_whole"),
    };
    [
        names(
            col(verdict),
            &Verdict::DECIDED.map(|v| (v.code(), v.name())),
        )
        .alias(verdict),
        names(
            col(reason),
            &[
                (Reason::code(Some(Reason::MissingFigure)), no_base),
                (Reason::code(Some(Reason::ZeroBase)), zero_base),
                (Reason::code(Some(Reason::NoStated)), "no_stated"),
            ],
        )
        .alias(reason),
    ]
}
