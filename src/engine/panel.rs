//! Panels: every row of a dataset that carries a published % change on the
//! previous year is a `change` check, decided by the same verdict expressions
//! as a report's claims (`verdicts::decide`), all rows at once.
//!
//! Series keys are interned to integer ids first, so that the ordering the
//! previous-year lookup needs is one sort of one `i64` column
//! (`series id << 32 | year`) instead of a sort on strings; a row's previous
//! year is the row before it only when that row's key is exactly one less.

use super::verdicts::{
    self, INCONSISTENT, R_MISSING, R_NO_STATED, R_ZERO_BASE, Shape, UNVERIFIABLE,
};
use crate::diagnostic::nearest;
use crate::findings::{Bounds, PanelChecked, PanelRow, PanelSummary};
use crate::interval::Rounding;
use crate::output::{self, OutputError};
use crate::spec::{Dataset, DatasetFormat, IndicatorKind};
use polars::prelude::*;
use polars_io::SerWriter;
use std::path::{Path, PathBuf};

/// What can go wrong reading a dataset: the user's data, not the engine.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("cannot read dataset `{dataset}` ({path}): {reason}")]
    Unreadable {
        dataset: String,
        path: PathBuf,
        reason: String,
    },
    #[error("dataset `{dataset}` ({path}) has no column `{column}`{}; its columns are: {}",
        suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default(), available.join(", "))]
    MissingColumn {
        dataset: String,
        path: PathBuf,
        column: String,
        suggestion: Option<String>,
        available: Vec<String>,
    },
    #[error(
        "dataset `{dataset}` ({path}) has {count} row(s) repeating a series and year already given ({example}); keep one row per series and year"
    )]
    Duplicates {
        dataset: String,
        path: PathBuf,
        count: u64,
        example: String,
    },
    #[error("dataset `{dataset}` ({path}) has {count} rows without a year; every row needs one")]
    NullYears {
        dataset: String,
        path: PathBuf,
        count: u64,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Files a panel run writes on request, by Polars, atomically.
#[derive(Debug, Clone, Default)]
pub struct PanelFiles<'a> {
    /// Every row with its previous value, change, verdict and reason.
    pub rows: Option<&'a Path>,
    /// The inconsistent rows only, sorted by series and year.
    pub inconsistent: Option<&'a Path>,
    /// Inputs the run must never write over.
    pub inputs: &'a [PathBuf],
    /// How many inconsistent rows to list as findings (the terminal shows a
    /// few; files want them all, up to `MAX_LISTED_ROWS`).
    pub listed: usize,
}

/// Most inconsistent rows turned into findings; the rest are counted, and a
/// file of them all is one flag away (`--inconsistent-rows`).
pub const MAX_LISTED_ROWS: usize = 1_000_000;

fn read_error(ds: &Dataset, e: PolarsError) -> DataError {
    let reason = match &e {
        PolarsError::IO { error, .. } => error.to_string(),
        other => {
            let text = other.to_string();
            // Polars says which cell failed to parse, then gives advice for its
            // Python API; keep the first and say what to fix here.
            match text.find("could not parse") {
                Some(i) => {
                    let first = text[i..].lines().next().unwrap_or_default().to_string();
                    let offset = text
                        .lines()
                        .find(|l| l.contains("offset in the file"))
                        .map(|l| format!(" ({})", l.trim().trim_end_matches('.').to_lowercase()))
                        .unwrap_or_default();
                    format!(
                        "{first}{offset}; the year column must hold whole years, the value column numbers (whole numbers for a count), the stated column numbers, and an empty cell is a missing figure"
                    )
                }
                None => text,
            }
        }
    };
    DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason,
    }
}

fn scan(ds: &Dataset, key_types: &[DataType]) -> Result<LazyFrame, DataError> {
    let meta = std::fs::metadata(&ds.path).map_err(|e| DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason: format!("{e} (a dataset path is relative to its spec's folder)"),
    })?;
    if meta.is_dir() {
        return Err(DataError::Unreadable {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            reason: "it is a directory".into(),
        });
    }
    let path = PlRefPath::try_from_path(&ds.path).map_err(|e| read_error(ds, e))?;
    let lf = match ds.format {
        DatasetFormat::Csv => {
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
            for (k, t) in ds.series.iter().zip(key_types) {
                fields.push(Field::new(k.as_str().into(), t.clone()));
            }
            if let Some(s) = &ds.stated_change {
                fields.push(Field::new(s.column.as_str().into(), DataType::Float64));
            }
            LazyCsvReader::new(path)
                .with_has_header(true)
                .with_dtype_overwrite(Some(Arc::new(Schema::from_iter(fields))))
                .finish()
                .map_err(|e| read_error(ds, e))?
        }
        DatasetFormat::Parquet => LazyFrame::scan_parquet(path, ScanArgsParquet::default())
            .map_err(|e| read_error(ds, e))?,
    };
    // Every column the spec names must be there.
    let mut lf = lf;
    let schema = lf.collect_schema().map_err(|e| read_error(ds, e))?;
    let available: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
    let stated = ds.stated_change.as_ref().map(|s| &s.column);
    for column in ds.series.iter().chain([&ds.year, &ds.value]).chain(stated) {
        if !available.iter().any(|a| a == column) {
            return Err(DataError::MissingColumn {
                dataset: ds.id.clone(),
                path: ds.path.clone(),
                column: column.clone(),
                suggestion: nearest(column, available.iter().map(String::as_str))
                    .map(str::to_string),
                available,
            });
        }
    }
    Ok(lf)
}

/// Series key columns are categorical: strings interned to integer codes, each
/// column with codes of its own (0, 1, 2, … in order of first sight), so that
/// the codes of a column are dense and a series id from them stays small.
fn key_type() -> DataType {
    DataType::from_categories(Categories::random("yoy".into(), CategoricalPhysical::U32))
}

/// The stated column as an interval, by the declared precision and rounding.
fn stated_bounds(stated: Expr, decimals: u32, rounding: Rounding) -> [Expr; 4] {
    let step = 10f64.powi(-(decimals as i32));
    let half = step / 2.0;
    let pos = stated.clone().gt(lit(0.0));
    let neg = stated.clone().lt(lit(0.0));
    match rounding {
        Rounding::Exact => [stated.clone(), stated, lit(false), lit(false)],
        Rounding::Any => [
            stated.clone() - lit(half),
            stated + lit(half),
            lit(false),
            lit(false),
        ],
        Rounding::HalfUp => [
            stated.clone() - lit(half),
            stated + lit(half),
            pos.clone().not(),
            neg.not(),
        ],
        Rounding::Truncate => [
            when(pos.clone())
                .then(stated.clone())
                .otherwise(stated.clone() - lit(step)),
            when(neg.clone())
                .then(stated.clone())
                .otherwise(stated + lit(step)),
            pos.not(),
            neg.not(),
        ],
    }
}

/// The standard columns of `verdicts::decide` for a frame with `__value` and
/// `prev_value`: each row is a change from the previous year to its year.
fn standard(lf: LazyFrame, ds: &Dataset) -> LazyFrame {
    let (st_lo, st_hi, lo_open, hi_open) = match &ds.stated_change {
        Some(sc) => {
            let [a, b, c, d] = stated_bounds(col(sc.column.as_str()), sc.decimals, sc.rounding);
            (a, b, c, d)
        }
        None => (
            lit(NULL).cast(DataType::Float64),
            lit(NULL).cast(DataType::Float64),
            lit(false),
            lit(false),
        ),
    };
    let prev = col("prev_value").cast(DataType::Float64);
    let missing = |e: Expr| e.is_null().cast(DataType::Int32);
    lf.with_columns([
        col("__value").alias("num_lo"),
        col("__value").alias("num_hi"),
        prev.clone().alias("den_lo"),
        prev.clone().alias("den_hi"),
        missing(col("__value")).alias("num_missing"),
        missing(prev.clone()).alias("den_missing"),
        lit(0i32).alias("ref_missing"),
        (missing(col("__value")) + missing(prev.clone())).alias("missing"),
        lit(100.0).alias("scale"),
        lit(-100.0).alias("offset"),
        st_lo.alias("st_lo"),
        st_hi.alias("st_hi"),
        lo_open.alias("s_lo_open"),
        hi_open.alias("s_hi_open"),
        prev.eq(lit(0.0)).alias("den_has_zero"),
        lit(true).alias("has_num"),
        lit(false).alias("nothing_stated"),
    ])
}

/// Check every row of `ds`; `progress` hears each stage.
///
/// Memory is kept to the rows' own columns plus a few numbers a row: the string
/// keys are read once and stay where they are; what is sorted and decided is
/// numeric, and the details of a row (its change, stated interval, gap) are
/// recomputed only for the rows that are listed or written.
pub fn check(
    ds: &Dataset,
    files: &PanelFiles,
    progress: &mut dyn FnMut(&str),
) -> Result<PanelChecked, DataError> {
    check_ordered(ds, files, progress, Order::CountWhenDense)
}

/// How rows are put in series and year order: both ways give the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// By counting when the slots are dense, else by sorting.
    CountWhenDense,
    /// Always by sorting (for tests: the path sparse panels take).
    #[cfg_attr(not(test), allow(dead_code))]
    Sort,
}

fn check_ordered(
    ds: &Dataset,
    files: &PanelFiles,
    progress: &mut dyn FnMut(&str),
    how: Order,
) -> Result<PanelChecked, DataError> {
    let err = |e: PolarsError| read_error(ds, e);
    progress(&format!("reading {}", ds.path.display()));
    let keys: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    let (year, value) = (ds.year.as_str(), ds.value.as_str());
    let stated_col = ds.stated_change.as_ref().map(|s| s.column.as_str());
    let key_types: Vec<DataType> = ds.series.iter().map(|_| key_type()).collect();
    let mut select: Vec<Expr> = keys
        .iter()
        .zip(&key_types)
        .map(|(k, t)| k.clone().cast(t.clone()))
        .collect();
    select.push(col(year).cast(DataType::Int32));
    select.push(col(value));
    if let Some(s) = stated_col {
        select.push(col(s).cast(DataType::Float64));
    }
    let base = scan(ds, &key_types)?
        .select(select)
        .with_row_index("__row", None)
        .collect_with_engine(Engine::Streaming)
        .map_err(err)?
        .unwrap_single();
    let null_years = base.column(year).map_err(err)?.null_count() as u64;
    if null_years > 0 {
        return Err(DataError::NullYears {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            count: null_years,
        });
    }

    progress(&format!("deciding {} rows", base.height()));
    // One pass for the sizes that number series and years: the largest code of
    // each key column and the first and last year.
    let codes: Vec<Expr> = keys
        .iter()
        .map(|k| k.clone().to_physical().cast(DataType::UInt64))
        .collect();
    let mut stats: Vec<Expr> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| c.clone().max().alias(format!("m{i}")))
        .collect();
    stats.extend([
        col(year).min().cast(DataType::Int64).alias("lo"),
        col(year).max().cast(DataType::Int64).alias("hi"),
    ]);
    let stats = base.clone().lazy().select(stats).collect().map_err(err)?;
    let stat = |name: &str| -> Option<i64> {
        let c = stats.column(name).ok()?.cast(&DataType::Int64).ok()?;
        c.i64().ok()?.get(0)
    };
    let radix: Vec<u64> = (0..codes.len())
        .map(|i| stat(&format!("m{i}")).unwrap_or(0) as u64 + 2)
        .collect();
    let (ymin, ymax) = (stat("lo").unwrap_or(0), stat("hi").unwrap_or(0));
    // A series id from the keys' codes: code₁·(n₂·n₃…) + code₂·(n₃…) + …, when
    // the key space fits 32 bits (else one id per distinct key, by a join).
    let space = radix
        .iter()
        .try_fold(1u64, |acc, r| acc.checked_mul(*r))
        .filter(|s| *s < 1u64 << 32);
    let mut numeric = base.clone().lazy();
    let sid = match space {
        Some(_) => codes.iter().zip(&radix).fold(lit(0u64), |acc, (c, r)| {
            acc * lit(*r) + c.clone().fill_null(lit(r - 1))
        }),
        None => {
            let ids = base
                .clone()
                .lazy()
                .select(keys.clone())
                .unique(None, UniqueKeepStrategy::Any)
                .with_row_index("sid", None);
            let in_order = JoinArgs {
                nulls_equal: true,
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Inner)
            };
            numeric = numeric.join(ids, keys.clone(), keys.clone(), in_order);
            col("sid").cast(DataType::UInt64)
        }
    };
    // A slot per series and year: sid·stride + (year − first year + 1). The slot
    // below a series' earliest possible year stays empty, so "the slot just
    // before" is exactly "the same series, the previous year".
    let stride = (ymax - ymin + 2) as u64;
    let ids = space.unwrap_or(base.height() as u64 + 1);
    let slots = ids
        .checked_mul(stride)
        .filter(|n| *n < 1u64 << 63)
        .ok_or_else(|| DataError::Unreadable {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            reason: format!(
                "its {ids} possible series over years {ymin} to {ymax} are more than yoy can number"
            ),
        })?;
    // Slots fit 32 bits for any realistic panel; a narrower key sorts faster.
    let slot_type = if slots < 1u64 << 32 {
        DataType::UInt32
    } else {
        DataType::UInt64
    };
    let slot = (sid * lit(stride)
        + (col(year).cast(DataType::Int64) - lit(ymin - 1)).cast(DataType::UInt64))
    .cast(slot_type.clone());
    let mut moved = vec![slot.alias("__slot"), col("__row"), col(value)];
    if let Some(s) = stated_col {
        moved.push(col(s));
    }
    let numeric = numeric.select(moved).collect().map_err(err)?;
    // From here on the rows' numbers live in `numeric`; `base` keeps the keys.
    let value_type = base.column(value).map_err(err)?.dtype().clone();
    let base = base
        .select(ds.series.iter().map(|k| k.as_str()).chain(["__row"]))
        .map_err(err)?;
    // Each series' years in order: by counting when the slots are dense, else
    // by one sort of one integer. Only the columns the decision needs move, and
    // the series and year are read back from the slot.
    let counted = match how {
        Order::CountWhenDense => slot_order(numeric.column("__slot").map_err(err)?, slots),
        Order::Sort => None,
    };
    let sorted = match counted {
        Some((order, slots)) => {
            // The row numbers are the order itself and the slots come out of
            // the count in order: only the values and stated figures move.
            let mut moved = numeric.drop_many(["__slot", "__row"]);
            moved.rechunk_mut_par();
            let mut df = moved.take(&order).map_err(err)?;
            df.with_column(order.into_column().with_name("__row".into()))
                .map_err(err)?;
            df.with_column(slots.into_column()).map_err(err)?;
            df.lazy()
        }
        None => numeric.lazy().sort(
            ["__slot"],
            SortMultipleOptions::default().with_multithreaded(true),
        ),
    };
    let sorted = sorted.with_columns([
        col("__slot")
            .floor_div(lit(stride))
            .cast(DataType::UInt32)
            .alias("sid"),
        ((col("__slot") % lit(stride)).cast(DataType::Int64) + lit(ymin - 1))
            .cast(DataType::Int32)
            .alias(year),
        col(value).cast(DataType::Float64).alias("__value"),
        when(
            col("__slot")
                .shift(lit(1))
                .eq(col("__slot") - lit(1u64).cast(slot_type)),
        )
        .then(col(value).shift(lit(1)))
        .otherwise(lit(NULL))
        .alias("prev_value"),
        col("__slot")
            .shift(lit(1))
            .eq(col("__slot"))
            .fill_null(lit(false))
            .alias("__dup"),
    ]);
    let mut kept = vec!["__row", "sid", year, "__value", "prev_value", "__dup"];
    kept.extend(stated_col);
    let sorted = sorted
        .select(kept.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .collect()
        .map_err(err)?;
    // The decision runs on the streaming engine, batch by batch: its many
    // intermediate columns never exist for all rows at once. Rows keep their
    // order, so the verdicts sit beside the rows they decide.
    let verdicts = verdicts::decide(standard(sorted.clone().lazy(), ds), Shape::PANEL)
        .select([col("verdict"), col("reason")])
        .collect_with_engine(Engine::Streaming)
        .map_err(err)?
        .unwrap_single();
    let decided = sorted.hstack(verdicts.columns()).map_err(err)?;
    let count = |e: Expr| e.sum().cast(DataType::UInt64);
    let counts = decided
        .clone()
        .lazy()
        .select([
            len().cast(DataType::UInt64).alias("rows"),
            count(col("verdict").eq(lit(verdicts::CONSISTENT))).alias("consistent"),
            count(col("verdict").eq(lit(INCONSISTENT))).alias("inconsistent"),
            count(col("verdict").eq(lit(UNVERIFIABLE))).alias("unverifiable"),
            count(col("reason").eq(lit(R_MISSING))).alias("no_prev"),
            count(col("reason").eq(lit(R_ZERO_BASE))).alias("zero"),
            count(col("reason").eq(lit(R_NO_STATED))).alias("no_stated"),
            count(col("__dup")).alias("dups"),
        ])
        .collect()
        .map_err(err)?;
    let get = |name: &str| -> u64 {
        counts
            .column(name)
            .ok()
            .and_then(|c| c.u64().ok()?.get(0))
            .unwrap_or(0)
    };
    // The keys of some rows, as text: joined by row number while still codes,
    // so only the rows asked for become strings.
    let with_keys = |df: DataFrame| -> PolarsResult<DataFrame> {
        let rows = df.column("__row")?.idx()?.clone();
        let mut keyed = base.take(&rows)?;
        for k in &ds.series {
            let text = keyed.column(k.as_str())?.cast(&DataType::String)?;
            keyed.with_column(text)?;
        }
        let keyed = keyed.drop("__row")?;
        df.hstack(keyed.columns())
    };
    if get("dups") > 0 {
        let example = decided
            .clone()
            .lazy()
            .filter(col("__dup"))
            .limit(1)
            .collect()
            .and_then(with_keys)
            .and_then(|df| {
                df.lazy()
                    .select(keys.iter().cloned().chain([col(year)]).collect::<Vec<_>>())
                    .collect()
            })
            .ok()
            .and_then(|df| {
                let row = df.get_row(0).ok()?.0;
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| match v {
                        AnyValue::String(s) => s.to_string(),
                        AnyValue::StringOwned(s) => s.to_string(),
                        other => other.to_string(),
                    })
                    .collect();
                let (year, key) = cells.split_last()?;
                Some(format!("{} in {year}", key.join(" / ")))
            })
            .unwrap_or_default();
        return Err(DataError::Duplicates {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            count: get("dups"),
            example,
        });
    }
    // Per series: the first and last year and value, read off the rows at the
    // series' edges (rows are in series and year order), and the CAGR.
    let edge = |shift: i64, names: [&str; 3]| {
        decided
            .clone()
            .lazy()
            .filter(
                col("sid")
                    .neq(col("sid").shift(lit(shift)))
                    .fill_null(lit(true)),
            )
            .select([
                col("sid").alias(names[0]),
                col(year).alias(names[1]),
                col("__value").alias(names[2]),
            ])
            .collect()
    };
    let firsts = edge(1, ["sid", "first_year", "first_value"]).map_err(err)?;
    let lasts = edge(-1, ["last_sid", "last_year", "last_value"]).map_err(err)?;
    let span = col("last_year") - col("first_year");
    let series = firsts
        .hstack(lasts.columns())
        .map_err(err)?
        .lazy()
        .with_column(
            when(span.clone().gt(lit(0)).and(col("first_value").gt(lit(0.0))))
                .then(
                    ((col("last_value") / col("first_value"))
                        .pow(lit(1.0) / span.cast(DataType::Float64))
                        - lit(1.0))
                        * lit(100.0),
                )
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("series_cagr_pct"),
        )
        .select([col("sid"), col("series_cagr_pct")])
        .collect()
        .map_err(err)?;
    let cagr = series.column("series_cagr_pct").map_err(err)?;
    let series_with_cagr = (cagr.len() - cagr.null_count()) as u64;

    // The details of listed rows: decided again, with every column kept.
    let detailed = |lf: LazyFrame| -> PolarsResult<LazyFrame> {
        let df = verdicts::decide(standard(lf, ds), Shape::PANEL).collect()?;
        Ok(with_keys(df)?.lazy().join(
            series.clone().lazy(),
            [col("sid")],
            [col("sid")],
            JoinArgs::new(JoinType::Left),
        ))
    };
    let mut out_cols: Vec<Expr> = keys.clone();
    let value_out = col("__value").cast(value_type);
    out_cols.extend([col(year), value_out.clone().alias(value)]);
    if let Some(s) = stated_col {
        out_cols.push(col(s));
    }
    out_cols.extend([
        col("prev_value"),
        (value_out - col("prev_value")).alias("delta"),
        // Undefined on a zero base: null, never an infinity.
        when(col("den_has_zero").fill_null(lit(true)))
            .then(lit(NULL).cast(DataType::Float64))
            .otherwise(col("comp_lo"))
            .alias("pct_change"),
        col("series_cagr_pct"),
    ]);
    let mut sort_by: Vec<PlSmallStr> = ds.series.iter().map(|k| k.as_str().into()).collect();
    sort_by.push(year.into());
    let inconsistent = detailed(
        decided
            .clone()
            .lazy()
            .filter(col("verdict").eq(lit(INCONSISTENT))),
    )
    .map_err(err)?
    .sort(sort_by.clone(), SortMultipleOptions::default())
    .collect()
    .map_err(err)?;
    if let Some(path) = files.inconsistent {
        progress(&format!("writing {}", path.display()));
        let mut df = inconsistent
            .clone()
            .lazy()
            .select(out_cols.clone())
            .collect()
            .map_err(err)?;
        write(path, files.inputs, &mut df)?;
    }
    if let Some(path) = files.rows {
        progress(&format!("writing {}", path.display()));
        let mut df = detailed(decided.clone().lazy().drop(Selector::ByName {
            names: Arc::from([PlSmallStr::from("verdict"), PlSmallStr::from("reason")]),
            strict: true,
        }))
        .map_err(err)?
        .sort(sort_by.clone(), SortMultipleOptions::default())
        .select(
            out_cols
                .iter()
                .cloned()
                .chain([
                    names(
                        col("verdict"),
                        &[
                            (0, "consistent"),
                            (1, "computed"),
                            (2, "unverifiable"),
                            (3, "inconsistent"),
                        ],
                    )
                    .alias("verdict"),
                    names(
                        col("reason"),
                        &[
                            (R_MISSING, "no_previous_year"),
                            (R_ZERO_BASE, "zero_base"),
                            (R_NO_STATED, "no_stated"),
                        ],
                    )
                    .alias("reason"),
                ])
                .collect::<Vec<_>>(),
        )
        .collect()
        .map_err(err)?;
        write(path, files.inputs, &mut df)?;
    }
    let summary = PanelSummary {
        dataset: ds.id.clone(),
        path: ds.path_written.clone(),
        rows: get("rows"),
        series: series.height() as u64,
        series_with_cagr,
        consistent: get("consistent"),
        inconsistent: get("inconsistent"),
        unverifiable: get("unverifiable"),
        no_previous_year: get("no_prev"),
        zero_base: get("zero"),
        no_stated: get("no_stated"),
    };
    let listed = inconsistent.head(Some(files.listed.min(MAX_LISTED_ROWS)));
    Ok(PanelChecked {
        summary,
        series_columns: ds.series.clone(),
        spec_line: ds.spec_line,
        inconsistent: rows(ds, &listed).map_err(err)?,
    })
}

/// The order that puts `slots` in ascending order, found by counting: one pass
/// puts each row's number at its slot, one pass reads the slots in order. That
/// is linear where a sort is not, and pays when the slots are dense (a panel
/// has most of its series' years). `None` when they are sparse, or when two rows
/// share a slot: the sort then finds the duplicates and they are reported.
fn slot_order(slots: &Column, count: u64) -> Option<(IdxCa, UInt32Chunked)> {
    const EMPTY: IdxSize = IdxSize::MAX;
    let slots = slots.u32().ok()?;
    let rows = slots.len() as u64;
    if slots.null_count() > 0 || count > 4 * rows + (1 << 20) {
        return None;
    }
    let mut at = vec![EMPTY; usize::try_from(count).ok()?];
    let mut row: IdxSize = 0;
    for chunk in slots.downcast_iter() {
        for &slot in chunk.values().iter() {
            let cell = at.get_mut(slot as usize)?;
            if *cell != EMPTY {
                return None;
            }
            *cell = row;
            row += 1;
        }
    }
    let mut order = Vec::with_capacity(slots.len());
    let mut sorted = Vec::with_capacity(slots.len());
    for (slot, &r) in at.iter().enumerate() {
        if r != EMPTY {
            order.push(r);
            sorted.push(slot as u32);
        }
    }
    Some((
        IdxCa::from_vec("order".into(), order),
        UInt32Chunked::from_vec("__slot".into(), sorted),
    ))
}

/// Codes to words, for the rows file.
fn names(code: Expr, table: &[(i32, &str)]) -> Expr {
    table
        .iter()
        .rev()
        .fold(lit(NULL).cast(DataType::String), |otherwise, (k, name)| {
            when(code.clone().eq(lit(*k)))
                .then(lit(*name))
                .otherwise(otherwise)
        })
}

/// Write a frame as CSV or Parquet, by the path's extension.
fn write(path: &Path, inputs: &[PathBuf], df: &mut DataFrame) -> Result<(), DataError> {
    let parquet = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    output::write_file(path, inputs, |w| {
        let result = if parquet {
            ParquetWriter::new(w).finish(df).map(|_| ())
        } else {
            CsvWriter::new(w).include_header(true).finish(df)
        };
        result.map_err(std::io::Error::other)
    })?;
    Ok(())
}

fn rows(ds: &Dataset, df: &DataFrame) -> PolarsResult<Vec<PanelRow>> {
    let keys: Vec<&StringChunked> = ds
        .series
        .iter()
        .map(|k| df.column(k.as_str()).and_then(|c| c.str()))
        .collect::<PolarsResult<_>>()?;
    let year = df.column(ds.year.as_str())?.i32()?;
    let f = |name: &str| -> PolarsResult<Float64Chunked> {
        Ok(df.column(name)?.cast(&DataType::Float64)?.f64()?.clone())
    };
    let (value, prev, pct, cagr, lo, hi, gap) = (
        f("__value")?,
        f("prev_value")?,
        f("comp_lo")?,
        f("series_cagr_pct")?,
        f("st_lo")?,
        f("st_hi")?,
        f("gap")?,
    );
    let stated = match &ds.stated_change {
        Some(s) => Some(f(s.column.as_str())?),
        None => None,
    };
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(y), Some(v), Some(p), Some(c)) =
            (year.get(i), value.get(i), prev.get(i), pct.get(i))
        else {
            continue;
        };
        let st = stated.as_ref().and_then(|s| s.get(i)).unwrap_or(f64::NAN);
        out.push(PanelRow {
            series: keys
                .iter()
                .map(|k| k.get(i).unwrap_or_default().to_string())
                .collect(),
            year: y,
            value: v,
            previous: p,
            stated: st,
            stated_interval: Bounds::new(
                lo.get(i).unwrap_or(f64::NAN),
                hi.get(i).unwrap_or(f64::NAN),
            ),
            pct_change: c,
            gap: gap.get(i).unwrap_or(0.0),
            series_cagr: cagr.get(i),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_bounds_match_the_interval_rules() {
        use crate::interval::Interval;
        // The columnwise rule and the scalar rule agree on a few values.
        for (v, rounding) in [
            (12.3, Rounding::Any),
            (-0.5, Rounding::HalfUp),
            (7.0, Rounding::Truncate),
        ] {
            let scalar = Interval::rounded(v, 1, rounding);
            let df = df!("s" => [v]).expect("frame");
            let [lo, hi, lo_open, hi_open] = stated_bounds(col("s"), 1, rounding);
            let out = df
                .lazy()
                .select([
                    lo.alias("lo"),
                    hi.alias("hi"),
                    lo_open.alias("lo_open"),
                    hi_open.alias("hi_open"),
                ])
                .collect()
                .expect("runs");
            let f = |n: &str| {
                out.column(n)
                    .expect("col")
                    .f64()
                    .expect("f64")
                    .get(0)
                    .expect("value")
            };
            let b = |n: &str| {
                out.column(n)
                    .expect("col")
                    .bool()
                    .expect("bool")
                    .get(0)
                    .expect("value")
            };
            assert!(
                (f("lo") - scalar.lo).abs() < 1e-12 && (f("hi") - scalar.hi).abs() < 1e-12,
                "{v}"
            );
            assert_eq!(
                (b("lo_open"), b("hi_open")),
                (scalar.lo_open, scalar.hi_open),
                "{v} {rounding:?}"
            );
        }
    }

    #[test]
    fn counting_gives_the_order_a_sort_gives() {
        // A shuffled dense panel: slots 0..n with a few left empty.
        let n = 5_000u32;
        let mut slots: Vec<u32> = (0..n).filter(|s| s % 7 != 3).collect();
        let mut seed = 12345u64;
        for i in (1..slots.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            slots.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let column = Column::new("__slot".into(), &slots);
        let (order, sorted) = slot_order(&column, n as u64).expect("dense, no duplicates");
        let by_sort = column
            .as_materialized_series()
            .arg_sort(SortOptions::default());
        assert_eq!(
            order.into_no_null_iter().collect::<Vec<_>>(),
            by_sort.into_no_null_iter().collect::<Vec<_>>()
        );
        let mut expected = slots.clone();
        expected.sort_unstable();
        assert_eq!(sorted.into_no_null_iter().collect::<Vec<_>>(), expected);
        // Two rows in one slot: left to the sort, which reports them.
        let dup = Column::new("__slot".into(), &[4u32, 1, 4]);
        assert!(slot_order(&dup, 8).is_none());
        // Sparse slots: counting would cost more than it saves.
        let sparse = Column::new("__slot".into(), &[0u32, 3_000_000]);
        assert!(slot_order(&sparse, 3_000_001).is_none());
    }

    #[test]
    fn counting_and_sorting_check_a_panel_alike() {
        for spec in ["tests/panels/edge.yaml", "specs/panel.yaml"] {
            let spec = crate::spec::load(std::path::Path::new(spec)).expect("spec loads");
            for ds in &spec.datasets {
                let files = PanelFiles {
                    listed: usize::MAX,
                    ..PanelFiles::default()
                };
                let run = |how| {
                    let checked = check_ordered(ds, &files, &mut |_| {}, how).expect("checks");
                    assert!(!checked.inconsistent.is_empty(), "{}", ds.id);
                    format!("{checked:?}")
                };
                assert_eq!(run(Order::CountWhenDense), run(Order::Sort), "{}", ds.id);
            }
        }
    }
}
