//! Reading a dataset: the columns the spec names, checked to be there, with
//! series keys interned to integer codes; the numbering every part of a panel
//! shares; and, for a panel read in parts, the rows of one part.

use super::DataError;
use super::csv::CsvFile;
use super::parts::{Parts, Weights};
use crate::diagnostic::nearest;
use crate::engine::columns::*;
use crate::spec::{Dataset, DatasetFormat, IndicatorKind};
use polars::prelude::*;

pub(super) fn read_error(ds: &Dataset, e: PolarsError) -> DataError {
    let reason = match &e {
        PolarsError::IO { error, .. } => error.to_string(),
        other => {
            let text = other.to_string();
            if text.contains("could not parse") {
                return unparsable(ds, &text, "");
            }
            text
        }
    };
    DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason: crate::echo::echo_at_most(&reason, 300),
    }
}

/// A cell that does not parse: Polars says which, then gives advice for its
/// Python API; keep the first, say where (`place`), and what to fix here.
pub(super) fn unparsable(ds: &Dataset, text: &str, place: &str) -> DataError {
    let first = text
        .find("could not parse")
        .and_then(|i| text[i..].lines().next())
        .unwrap_or(text);
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" {place}")
    };
    // A key cell fails only when it is not UTF-8 text.
    let key = ds
        .series
        .iter()
        .any(|k| first.contains(&format!("at column '{k}'")));
    let advice = if key {
        "a key cell is not UTF-8 text: save the file as UTF-8"
    } else {
        "the year column must hold whole years, the value column numbers (whole numbers for a count), the stated column numbers, and an empty cell is a missing figure"
    };
    DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        // Polars quotes the cell whole: a cell may be megabytes long.
        reason: format!("{}{place}; {advice}", crate::echo::echo_at_most(first, 300)),
    }
}

/// The series key columns' types: categorical, each column with codes of its
/// own (0, 1, 2, … in order of first sight), so that a column's codes are
/// dense and a series id made of them stays small. The mappings are held for
/// the whole check: a panel read in parts then gives a key the same code in
/// every part.
pub(super) struct KeyTypes {
    pub(crate) types: Vec<DataType>,
    mappings: Vec<Arc<CategoricalMapping>>,
}

impl KeyTypes {
    pub(crate) fn new(ds: &Dataset) -> Self {
        let cats: Vec<Arc<Categories>> = ds
            .series
            .iter()
            .map(|_| Categories::random("yoy".into(), CategoricalPhysical::U32))
            .collect();
        KeyTypes {
            types: cats
                .iter()
                .map(|c| DataType::from_categories(c.clone()))
                .collect(),
            mappings: cats.iter().map(|c| c.mapping()).collect(),
        }
    }

    /// Key column `i`'s codes and their text.
    pub(crate) fn mapping(&self, i: usize) -> Option<&CategoricalMapping> {
        self.mappings.get(i).map(|m| m.as_ref())
    }
}

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
                for s in stated_columns(ds) {
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
        for column in named(ds) {
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
            None => named(ds).collect(),
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

/// The columns the spec names: keys, year, value and stated figures.
fn named(ds: &Dataset) -> impl Iterator<Item = &str> {
    let keys = ds.series.iter().map(String::as_str);
    keys.chain([ds.year.as_str(), ds.value.as_str()])
        .chain(stated_columns(ds))
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
    for s in stated_columns(ds) {
        select.push(col(s).cast(DataType::Float64));
    }
    select
}

/// The columns of stated figures: the change, the share.
pub(super) fn stated_columns(ds: &Dataset) -> impl Iterator<Item = &str> {
    let change = ds.stated_change.as_ref().map(|s| s.column.as_str());
    let share = ds.stated_share.as_ref().map(|s| s.stated.column.as_str());
    change.into_iter().chain(share)
}

/// A key column's codes as numbers.
pub(super) fn codes(ds: &Dataset) -> Vec<Expr> {
    code_of(ds.series.iter().map(String::as_str))
}

pub(super) fn code_of<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<Expr> {
    keys.map(|k| col(k).to_physical().cast(DataType::UInt64))
        .collect()
}

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
    fn stats(ds: &Dataset) -> Vec<Expr> {
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
    fn combined(ds: &Dataset) -> Vec<Expr> {
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

    fn from_stats(stats: &DataFrame, ds: &Dataset) -> Self {
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
