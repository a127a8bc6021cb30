//! Deciding one part of a panel (all of it, unless it is read in parts): each
//! row a `change` check decided by `verdicts::decide`, the counts, each
//! series' CAGR, and the details of the rows a file or a listing asks for.

use super::read::read_error;
use super::write::names;
use super::{DataError, Order};
use crate::engine::verdicts::{
    self, INCONSISTENT, R_MISSING, R_NO_STATED, R_ZERO_BASE, Shape, UNVERIFIABLE,
};
use crate::findings::{Bounds, PanelRow};
use crate::interval::Rounding;
use crate::spec::Dataset;
use polars::prelude::*;

/// Counts of one part, summed over parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    pub rows: u64,
    pub series: u64,
    pub series_with_cagr: u64,
    pub consistent: u64,
    pub inconsistent: u64,
    pub unverifiable: u64,
    pub no_previous_year: u64,
    pub zero_base: u64,
    pub no_stated: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.rows += o.rows;
        self.series += o.series;
        self.series_with_cagr += o.series_with_cagr;
        self.consistent += o.consistent;
        self.inconsistent += o.inconsistent;
        self.unverifiable += o.unverifiable;
        self.no_previous_year += o.no_previous_year;
        self.zero_base += o.zero_base;
        self.no_stated += o.no_stated;
    }
}

/// What one part gives.
pub(super) struct Decided {
    pub counts: Counts,
    /// The first inconsistent rows (as many as wanted) with the details a
    /// listing shows, keys as text, in series and year order.
    pub listed: DataFrame,
    /// Every inconsistent row, in the row files' columns, when asked for.
    pub inconsistent_file: Option<DataFrame>,
    /// Every row, in the row files' columns, when asked for.
    pub rows: Option<DataFrame>,
}

/// The stated column as an interval, by the declared precision and rounding.
pub(super) fn stated_bounds(stated: Expr, decimals: u32, rounding: Rounding) -> [Expr; 4] {
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

/// The columns of the row files: the keys, year, value and stated figure as
/// read, then the previous value, the change and the series' CAGR.
fn file_columns(ds: &Dataset, value_type: DataType) -> Vec<Expr> {
    let mut out: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    let value_out = col("__value").cast(value_type);
    out.extend([
        col(ds.year.as_str()),
        value_out.clone().alias(ds.value.as_str()),
    ]);
    if let Some(s) = &ds.stated_change {
        out.push(col(s.column.as_str()));
    }
    out.extend([
        col("prev_value"),
        (value_out - col("prev_value")).alias("delta"),
        // Undefined on a zero base: null, never an infinity.
        when(col("den_has_zero").fill_null(lit(true)))
            .then(lit(NULL).cast(DataType::Float64))
            .otherwise(col("comp_lo"))
            .alias("pct_change"),
        col("series_cagr_pct"),
    ]);
    out
}

/// What a part is asked for besides its counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wanted {
    pub rows_file: bool,
    pub inconsistent_file: bool,
    /// How many inconsistent rows to keep with their details.
    pub listed: usize,
}

/// Decide every row of `base` (one part of a panel, keys as codes).
pub(super) fn decide(
    base: DataFrame,
    ds: &Dataset,
    numbering: &super::read::Numbering,
    how: Order,
    wanted: Wanted,
) -> Result<Decided, DataError> {
    let err = |e: PolarsError| read_error(ds, e);
    let year = ds.year.as_str();
    let value_type = base.column(ds.value.as_str()).map_err(err)?.dtype().clone();
    let sorted = super::order::ordered(&base, ds, numbering, how)?;
    // From here on the rows' numbers live in `sorted`; `base` keeps the keys.
    let base = base
        .select(ds.series.iter().map(|k| k.as_str()))
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
            .ok()
            .and_then(|df| {
                let key: Vec<String> = ds
                    .series
                    .iter()
                    .map(|k| {
                        let c = df.column(k.as_str()).ok()?;
                        Some(c.str().ok()?.get(0).unwrap_or_default().to_string())
                    })
                    .collect::<Option<_>>()?;
                let y = df.column(year).ok()?.i32().ok()?.get(0)?;
                Some(format!("{} in {y}", key.join(" / ")))
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
    let counts = Counts {
        rows: get("rows"),
        series: series.height() as u64,
        series_with_cagr: (cagr.len() - cagr.null_count()) as u64,
        consistent: get("consistent"),
        inconsistent: get("inconsistent"),
        unverifiable: get("unverifiable"),
        no_previous_year: get("no_prev"),
        zero_base: get("zero"),
        no_stated: get("no_stated"),
    };

    // The details of some rows: decided again, with every column kept, keys
    // as text, in series and year order.
    let mut sort_by: Vec<PlSmallStr> = ds.series.iter().map(|k| k.as_str().into()).collect();
    sort_by.push(year.into());
    let detailed = |lf: LazyFrame| -> PolarsResult<LazyFrame> {
        let df = verdicts::decide(standard(lf, ds), Shape::PANEL).collect()?;
        Ok(with_keys(df)?
            .lazy()
            .join(
                series.clone().lazy(),
                [col("sid")],
                [col("sid")],
                JoinArgs::new(JoinType::Left),
            )
            .sort(sort_by.clone(), SortMultipleOptions::default()))
    };
    let inconsistent = detailed(
        decided
            .clone()
            .lazy()
            .filter(col("verdict").eq(lit(INCONSISTENT))),
    )
    .map_err(err)?;
    let mut listing: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    listing.extend(
        [
            year,
            "__value",
            "prev_value",
            "comp_lo",
            "den_has_zero",
            "series_cagr_pct",
            "st_lo",
            "st_hi",
            "gap",
        ]
        .map(col),
    );
    listing.extend(ds.stated_change.as_ref().map(|s| col(s.column.as_str())));
    let listed = inconsistent
        .clone()
        .select(listing)
        .limit(wanted.listed.min(u32::MAX as usize) as IdxSize)
        .collect()
        .map_err(err)?;
    let inconsistent_file = match wanted.inconsistent_file {
        true => Some(
            inconsistent
                .select(file_columns(ds, value_type.clone()))
                .collect()
                .map_err(err)?,
        ),
        false => None,
    };
    let rows = match wanted.rows_file {
        false => None,
        true => {
            let all = decided.clone().lazy().drop(Selector::ByName {
                names: Arc::from([PlSmallStr::from("verdict"), PlSmallStr::from("reason")]),
                strict: true,
            });
            let mut columns = file_columns(ds, value_type);
            columns.extend([
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
            ]);
            Some(
                detailed(all)
                    .map_err(err)?
                    .select(columns)
                    .collect()
                    .map_err(err)?,
            )
        }
    };
    Ok(Decided {
        counts,
        listed,
        inconsistent_file,
        rows,
    })
}

/// Listed rows as findings' material.
pub(super) fn rows(ds: &Dataset, df: &DataFrame) -> PolarsResult<Vec<PanelRow>> {
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
}
