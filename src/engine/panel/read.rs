//! Reading a dataset: the columns the spec names, checked to be there, with
//! series keys interned to integer codes (`keys`); the pass that finds the
//! numbering every part of a panel shares; and, for a panel read in parts,
//! the rows of one part.

use super::DataError;
use super::csv::CsvFile;
use super::error::read_error;
use super::keys::KeyTypes;
use super::numbering::{Numbering, Weights};
use super::parts::Parts;
use crate::diagnostic::nearest;
use crate::engine::columns::*;
use crate::spec::{Dataset, DatasetFormat, IndicatorKind};
use polars::prelude::*;

/// Where a dataset's rows come from: a CSV file read in chunks, or a Parquet
/// file scanned by Polars' streaming engine.
enum Source<'a> {
    Csv(CsvFile<'a>),
    Parquet(Box<LazyFrame>),
}

impl<'a> Source<'a> {
    /// Open a dataset to read the columns the spec names (or, with `only`,
    /// just those), each checked to be there.
    fn open(ds: &'a Dataset, keys: &KeyTypes, only: Option<&[&str]>) -> Result<Self, DataError> {
        regular_file(ds)?;
        let path = PlRefPath::try_from_path(&ds.path).map_err(|e| read_error(ds, e))?;
        let mut lf = match ds.format {
            DatasetFormat::Csv => {
                super::csv::check_header(ds)?;
                let value_type = if ds.kind == IndicatorKind::Count {
                    DataType::Int64
                } else {
                    DataType::Float64
                };
                let mut fields = vec![
                    Field::new(ds.year.as_str().into(), DataType::Int32),
                    Field::new(ds.value.as_str().into(), value_type),
                ];
                // Keys are interned while parsing: a series is then a few integers.
                for (k, t) in ds.series.iter().zip(&keys.types) {
                    fields.push(Field::new(k.as_str().into(), t.clone()));
                }
                for s in ds.stated_columns() {
                    fields.push(Field::new(s.into(), DataType::Float64));
                }
                // Polars reads the header (and infers the other columns' types).
                LazyCsvReader::new(path)
                    .with_has_header(true)
                    .with_separator(ds.csv.separator)
                    .with_decimal_comma(ds.csv.decimal_comma)
                    .with_dtype_overwrite(Some(Arc::new(Schema::from_iter(fields))))
                    .finish()
                    .map_err(|e| read_error(ds, e))?
            }
            DatasetFormat::Parquet => {
                let inspected = super::parquet::inspect(ds)?;
                let lf = LazyFrame::scan_parquet(path, ScanArgsParquet::default())
                    .map_err(|e| read_error(ds, e))?;
                // Integer keys are read as their decimal text (a cast straight
                // to categorical would lose them).
                let as_text: Vec<Expr> = inspected
                    .integer_keys
                    .iter()
                    .map(|k| col(k.as_str()).cast(DataType::String))
                    .collect();
                if as_text.is_empty() {
                    lf
                } else {
                    lf.with_columns(as_text)
                }
            }
        };
        // Every column the spec names must be there.
        let schema = lf.collect_schema().map_err(|e| read_error(ds, e))?;
        let available: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
        for column in ds.named_columns() {
            if !available.iter().any(|a| a == column) {
                return Err(DataError::MissingColumn {
                    dataset: ds.id.clone(),
                    path: ds.path.clone(),
                    column: column.to_string(),
                    suggestion: nearest(column, available.iter().map(String::as_str))
                        .map(str::to_string),
                    available,
                });
            }
        }
        let read: Vec<&str> = match only {
            Some(only) => only.to_vec(),
            None => ds.named_columns().collect(),
        };
        Ok(match ds.format {
            DatasetFormat::Csv => Source::Csv(CsvFile::open(ds, (*schema).clone(), &read)?),
            DatasetFormat::Parquet => Source::Parquet(Box::new(lf)),
        })
    }

    /// The rows read, each turned by `each` (a selection, a filter, a
    /// summary) a chunk at a time, and the results stacked in file order.
    fn read(
        self,
        ds: &Dataset,
        each: impl Fn(LazyFrame) -> LazyFrame + Sync,
    ) -> Result<DataFrame, DataError> {
        let frames = match self {
            Source::Csv(file) => file.each_chunk(|df| each(df.lazy()).collect())?,
            Source::Parquet(lf) => vec![
                each(*lf)
                    .collect_with_engine(Engine::Streaming)
                    .map(|r| r.unwrap_single())
                    .map_err(|e| read_error(ds, e))?,
            ],
        };
        let mut frames = frames.into_iter();
        let mut all = frames.next().unwrap_or_default();
        for df in frames {
            all.vstack_mut_owned(df).map_err(|e| read_error(ds, e))?;
        }
        Ok(all)
    }
}

/// A dataset is a regular file: it is read more than once (its size and
/// first lines, then its rows, perhaps in parts), which a FIFO or a device
/// cannot give, and a CSV file is mapped.
pub(super) fn regular_file(ds: &Dataset) -> Result<(), DataError> {
    let unreadable = |reason: String| DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason,
    };
    let meta = std::fs::metadata(&ds.path).map_err(|e| {
        unreadable(format!(
            "{e} (a dataset path is relative to its spec's folder)"
        ))
    })?;
    if meta.is_dir() {
        return Err(unreadable("it is a directory".into()));
    }
    if !meta.is_file() {
        return Err(unreadable(
            "it is not a regular file (a FIFO, a device or a socket); a dataset is read more than once, so save it to a file first".into(),
        ));
    }
    Ok(())
}

/// The columns a check reads, in the types it works in.
fn selected(ds: &Dataset, keys: &KeyTypes) -> Vec<Expr> {
    let mut select: Vec<Expr> = ds
        .series
        .iter()
        .zip(&keys.types)
        .map(|(k, t)| col(k.as_str()).cast(t.clone()))
        .collect();
    select.push(col(ds.year.as_str()).cast(DataType::Int32));
    select.push(col(ds.value.as_str()));
    for s in ds.stated_columns() {
        select.push(col(s).cast(DataType::Float64));
    }
    select
}

/// The numbering read from a whole dataset: a pass of its own (see `read`).
impl Numbering {
    /// The numbering of a whole dataset, read for it alone: only keys and
    /// years are kept, and only their largest and smallest values, and how
    /// many rows each value of the key parts are cut by has.
    pub(crate) fn scan(ds: &Dataset, keys: &KeyTypes) -> Result<Self, DataError> {
        let err = |e: PolarsError| read_error(ds, e);
        let mut only: Vec<&str> = ds.series.iter().map(String::as_str).collect();
        only.push(ds.year.as_str());
        // `selected` gives the keys, then the year.
        let mut select = selected(ds, keys);
        select.truncate(only.len());
        let group = ds.share_group();
        let part_key = group.first().copied();
        // Rows a value of the key, counted by Polars: a few rows a value.
        let weigh = |lf: LazyFrame, engine: Engine| -> PolarsResult<Weights> {
            match part_key {
                Some(k) => Weights::of_counts(
                    &lf.group_by([col(k).to_physical().cast(DataType::UInt32).alias("code")])
                        .agg([len().cast(DataType::UInt64).alias("rows")])
                        .collect_with_engine(engine)?
                        .unwrap_single(),
                ),
                None => Ok(Weights::default()),
            }
        };
        let (stats, weights) = match Source::open(ds, keys, Some(&only))? {
            Source::Csv(file) => {
                let each = file.each_chunk(|df| {
                    let df = df.lazy().select(select.clone()).collect()?;
                    let weights = weigh(df.clone().lazy(), Engine::InMemory)?;
                    Ok((df.lazy().select(Self::stats(ds)).collect()?, weights))
                })?;
                let mut stats = DataFrame::default();
                let mut weights = Weights::default();
                for (s, w) in each {
                    stats.vstack_mut_owned(s).map_err(err)?;
                    weights.add(&w);
                }
                (stats, weights)
            }
            Source::Parquet(lf) => {
                let lf = lf.select(select);
                let stats = lf
                    .clone()
                    .select(Self::stats(ds))
                    .collect_with_engine(Engine::Streaming)
                    .map_err(err)?
                    .unwrap_single();
                let weights = weigh(lf, Engine::Streaming).map_err(err)?;
                (stats, weights)
            }
        };
        let stats = stats
            .lazy()
            .select(Self::combined(ds))
            .collect()
            .map_err(err)?;
        Ok(Numbering {
            weights: Some(weights),
            ..Self::from_stats(&stats, ds)
        })
    }
}

/// The rows of a dataset, or of one of its `parts` (numbered from 0), with each
/// row's number in what was read (`__row`). A part is filtered as it is read:
/// it never holds more than its own rows.
pub(super) fn read(
    ds: &Dataset,
    keys: &KeyTypes,
    part: Option<(&Parts, u64)>,
) -> Result<DataFrame, DataError> {
    let select = selected(ds, keys);
    let rows = Source::open(ds, keys, None)?.read(ds, |lf| {
        let lf = lf.select(select.clone());
        match part {
            Some((parts, index)) => parts.filter(lf, ds, index),
            None => lf,
        }
    })?;
    super::values::check(ds, &rows)?;
    rows.with_row_index(ROW.into(), None)
        .map_err(|e| read_error(ds, e))
}

/// About how many rows a dataset has, without reading it: a Parquet file says
/// (once checked); for a CSV file, its size over the mean length of its first
/// lines.
pub(super) fn estimated_rows(ds: &Dataset) -> Result<u64, DataError> {
    match ds.format {
        DatasetFormat::Parquet => Ok(super::parquet::inspect(ds)?.rows),
        DatasetFormat::Csv => {
            use std::io::Read;
            let size = std::fs::metadata(&ds.path).map(|m| m.len()).unwrap_or(0);
            let mut head = Vec::with_capacity(1 << 16);
            let _ = std::fs::File::open(&ds.path).map(|f| f.take(1 << 16).read_to_end(&mut head));
            let lines = head.iter().filter(|b| **b == b'\n').count() as u64;
            if lines == 0 {
                return Ok(1);
            }
            Ok(size * lines / head.len() as u64)
        }
    }
}
