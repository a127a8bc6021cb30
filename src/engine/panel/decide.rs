//! Deciding one part of a panel (all of it, unless it is read in parts): each
//! row's `change` check, and `share` check if the dataset states shares, decided
//! by `verdicts::decide`; the counts; each series' CAGR; and the details of the
//! rows a file or a listing asks for.

use super::error::read_error;
use super::keys::Keys;
use super::row_checks::change_verdict;
use super::row_checks::{Kind, standard, whole};
use super::write::{file_columns, verdict_words};
use super::{DataError, Order};
use crate::engine::columns::*;
use crate::engine::verdicts::{self, Shape};
use crate::findings::{PanelSummary, Reason, ShareCounts, Verdict};
use crate::spec::Dataset;
use polars::prelude::*;

/// What one part gives.
pub(super) struct Decided {
    /// The part's counts (summed over parts with `PanelSummary::add`).
    pub(crate) counts: PanelSummary,
    /// The first inconsistent rows (as many as wanted) with the details a
    /// listing shows, keys as text, in series and year order.
    pub(crate) listed: DataFrame,
    /// Every inconsistent row, in the row files' columns, when asked for.
    pub(crate) inconsistent_file: Option<DataFrame>,
    /// Every row, in the row files' columns, when asked for.
    pub(crate) rows: Option<DataFrame>,
}

/// What a part is asked for besides its counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wanted {
    pub(crate) rows_file: bool,
    pub(crate) inconsistent_file: bool,
    /// How many inconsistent rows to keep with their details.
    pub(crate) listed: usize,
}

/// Verdicts, reasons and computed figures of every row, decided on the
/// streaming engine batch by batch: the many intermediate columns of the
/// decision never exist for all rows at once. Rows keep their order.
fn verdicts_of(sorted: &DataFrame, ds: &Dataset, kind: Kind) -> PolarsResult<DataFrame> {
    let names = match kind {
        Kind::Change => ["verdict", "reason", "__change_pct"],
        Kind::Share => ["share_verdict", "share_reason", "__share_pct"],
    };
    let mut out = vec![col(VERDICT).alias(names[0]), col(REASON).alias(names[1])];
    if kind == Kind::Share {
        out.push(
            when(col(DEN_HAS_ZERO).fill_null(lit(true)))
                .then(lit(NULL).cast(DataType::Float64))
                .otherwise(col(COMP_LO))
                .alias(names[2]),
        );
    }
    Ok(
        verdicts::decide(standard(sorted.clone().lazy(), ds, kind), Shape::PANEL)
            .select(out)
            .collect_with_engine(Engine::Streaming)?
            .unwrap_single(),
    )
}

/// Decide every row of `base` (one part of a panel, keys as codes).
pub(super) fn decide(
    base: DataFrame,
    ds: &Dataset,
    numbering: &super::numbering::Numbering,
    how: Order,
    wanted: Wanted,
) -> Result<Decided, DataError> {
    let err = |e: PolarsError| read_error(ds, e);
    let year = ds.year.as_str();
    let value_type = base.column(ds.value.as_str()).map_err(err)?.dtype().clone();
    let base = match whole(ds).map_err(err)? {
        Some(whole) => base.lazy().with_column(whole).collect().map_err(err)?,
        None => base,
    };
    let sorted = super::order::ordered(&base, ds, numbering, how)?;
    // From here on the rows' numbers live in `sorted`; `base` keeps the keys.
    let base = base
        .select(ds.series.iter().map(|k| k.as_str()))
        .map_err(err)?;
    let mut decided = verdicts_of(&sorted, ds, Kind::Change)
        .and_then(|v| sorted.hstack(v.columns()))
        .map_err(err)?;
    let shares = ds.stated_share.is_some();
    if shares {
        let v = verdicts_of(&decided, ds, Kind::Share).map_err(err)?;
        decided = decided.hstack(v.columns()).map_err(err)?;
    }
    let counts = tally(&decided, shares).map_err(err)?;
    let keys = Keys::new(base, ds);
    let repeated = count_of(&counts, "dups");
    if repeated > 0 {
        let example = keys.first_repeated(&decided);
        return Err(DataError::Duplicates {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            count: repeated,
            example,
        });
    }
    let series = series_cagr(&decided, year).map_err(err)?;
    let counts = summary(ds, &counts, &series);
    let detail = Detail { ds, keys, series };
    // The rows inconsistent in either check, detailed once: the change's
    // listing and the inconsistent-rows file both come from them.
    let inconsistent = detail.inconsistent(&decided).map_err(err)?;
    let listed = detail
        .listed(&decided, &inconsistent, wanted.listed)
        .map_err(err)?;
    let (inconsistent_file, rows) = detail
        .files(&decided, inconsistent, value_type, wanted)
        .map_err(err)?;
    Ok(Decided {
        counts,
        listed,
        inconsistent_file,
        rows,
    })
}

/// The details of some rows of a part: decided again with every column kept,
/// keys as text, the series' CAGR beside them, in series and year order.
struct Detail<'a> {
    ds: &'a Dataset,
    keys: Keys<'a>,
    series: DataFrame,
}

impl Detail<'_> {
    /// `lf`'s rows decided again by `kind`'s check, with all their details.
    fn rows(&self, lf: LazyFrame, kind: Kind) -> PolarsResult<LazyFrame> {
        let mut sort_by: Vec<PlSmallStr> =
            self.ds.series.iter().map(|k| k.as_str().into()).collect();
        sort_by.push(self.ds.year.as_str().into());
        let df = verdicts::decide(standard(lf, self.ds, kind), Shape::PANEL).collect()?;
        Ok(self
            .keys
            .attach(df)?
            .lazy()
            .join(
                self.series.clone().lazy(),
                [col(SID)],
                [col(SID)],
                JoinArgs::new(JoinType::Left),
            )
            .sort(sort_by, SortMultipleOptions::default()))
    }

    /// The rows inconsistent in either check, with the change's details (its
    /// decision, made again with every column, gives its verdict and reason
    /// back).
    fn inconsistent(&self, decided: &DataFrame) -> PolarsResult<DataFrame> {
        let bad = verdicts::verdict_lit(Verdict::Inconsistent);
        let any_inconsistent = match self.ds.stated_share.is_some() {
            true => col(VERDICT).eq(bad.clone()).or(col(SHARE_VERDICT).eq(bad)),
            false => col(VERDICT).eq(bad),
        };
        self.rows(
            decided
                .clone()
                .lazy()
                .filter(any_inconsistent)
                .drop(change_verdict()),
            Kind::Change,
        )?
        .collect()
    }

    /// The listed rows: those of either check found inconsistent, at most
    /// `limit`, each with what a listing shows of it.
    fn listed(
        &self,
        decided: &DataFrame,
        inconsistent: &DataFrame,
        limit: usize,
    ) -> PolarsResult<DataFrame> {
        let limit = limit.min(u32::MAX as usize) as IdxSize;
        let bad = verdicts::verdict_lit(Verdict::Inconsistent);
        let mut listed = Vec::new();
        for kind in [Kind::Change, Kind::Share] {
            let Some(listing) = listing(self.ds, kind) else {
                continue;
            };
            let detail = match kind {
                Kind::Change => inconsistent
                    .clone()
                    .lazy()
                    .filter(col(VERDICT).eq(bad.clone())),
                Kind::Share => self.rows(
                    decided
                        .clone()
                        .lazy()
                        .filter(col(SHARE_VERDICT).eq(bad.clone()))
                        .drop(change_verdict()),
                    Kind::Share,
                )?,
            };
            listed.push(detail.select(listing).limit(limit));
        }
        concat(listed, UnionArgs::default())?.collect()
    }

    /// The row files asked for: every row, or those inconsistent in either
    /// check, with the change's details and, with shares, the share's.
    fn files(
        &self,
        decided: &DataFrame,
        inconsistent: DataFrame,
        value_type: DataType,
        wanted: Wanted,
    ) -> PolarsResult<(Option<DataFrame>, Option<DataFrame>)> {
        let ds = self.ds;
        let mut columns = file_columns(ds, value_type);
        let mut inconsistent_columns = columns.clone();
        columns.extend(verdict_words(Kind::Change));
        if ds.stated_share.is_some() {
            columns.extend(verdict_words(Kind::Share));
            inconsistent_columns = columns.clone();
        }
        let inconsistent_file = match wanted.inconsistent_file {
            true => Some(inconsistent.lazy().select(inconsistent_columns).collect()?),
            false => None,
        };
        let rows = match wanted.rows_file {
            true => Some(super::all_rows::every_row(
                decided,
                ds,
                &self.keys,
                &self.series,
                &columns,
            )?),
            false => None,
        };
        Ok((inconsistent_file, rows))
    }
}

/// What a listing shows of a row found inconsistent by `kind`: keys, year,
/// value, base, computed and stated figures, the series' CAGR (the stated
/// interval and the gap are the findings' own, `PanelRow::settled`); `None` when the
/// dataset states no such figure.
fn listing(ds: &Dataset, kind: Kind) -> Option<Vec<Expr>> {
    let (base, stated, name) = match kind {
        Kind::Change => ("prev_value", ds.stated_change.as_ref(), "change"),
        Kind::Share => ("__whole", Some(&ds.stated_share.as_ref()?.stated), "share"),
    };
    let mut listing: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    listing.extend([
        col(ds.year.as_str()),
        col(VALUE),
        col(base).cast(DataType::Float64).alias("__base"),
        col(COMP_LO),
        col(DEN_HAS_ZERO),
        col(SERIES_CAGR_PCT),
        match stated {
            Some(s) => col(s.column.as_str()),
            None => lit(NULL).cast(DataType::Float64),
        }
        .alias("__stated"),
        lit(name).alias(CHECK_KIND),
    ]);
    Some(listing)
}

/// The part's counts: rows, verdicts and reasons of each check, repeated rows.
fn tally(decided: &DataFrame, shares: bool) -> PolarsResult<DataFrame> {
    let count = |e: Expr| e.sum().cast(DataType::UInt64);
    let mut tally = vec![
        len().cast(DataType::UInt64).alias("rows"),
        count(col(DUP)).alias("dups"),
    ];
    // Each check's verdicts and reasons: the change's, and the share's
    // (named with `s_`).
    let mut checks = vec![("verdict", "reason", "")];
    if shares {
        checks.push(("share_verdict", "share_reason", "s_"));
    }
    for (verdict, reason, prefix) in checks {
        for (column, code, name) in [
            (verdict, Verdict::Consistent.code(), "consistent"),
            (verdict, Verdict::Inconsistent.code(), "inconsistent"),
            (verdict, Verdict::Unverifiable.code(), "unverifiable"),
            (reason, Reason::code(Some(Reason::MissingFigure)), "missing"),
            (reason, Reason::code(Some(Reason::ZeroBase)), "zero"),
            (reason, Reason::code(Some(Reason::NoStated)), "no_stated"),
        ] {
            tally.push(count(col(column).eq(lit(code))).alias(format!("{prefix}{name}")));
        }
    }
    decided.clone().lazy().select(tally).collect()
}

/// One of `tally`'s counts.
fn count_of(counts: &DataFrame, name: &str) -> u64 {
    counts
        .column(name)
        .ok()
        .and_then(|c| c.u64().ok()?.get(0))
        .unwrap_or(0)
}

/// The part's summary: `tally`'s counts and the series'.
fn summary(ds: &Dataset, counts: &DataFrame, series: &DataFrame) -> PanelSummary {
    let get = |name: &str| count_of(counts, name);
    let with_cagr = series
        .column(SERIES_CAGR_PCT)
        .map_or(0, |c| c.len() - c.null_count());
    // Without a stated change column a row claims no change: none is counted.
    let changes = |name: &str| match ds.stated_change {
        Some(_) => get(name),
        None => 0,
    };
    PanelSummary {
        dataset: ds.id.clone(),
        path: ds.path_written.clone(),
        rows: get("rows"),
        series: series.height() as u64,
        series_with_cagr: with_cagr as u64,
        consistent: changes("consistent"),
        inconsistent: changes("inconsistent"),
        unverifiable: changes("unverifiable"),
        no_previous_year: changes("missing"),
        zero_base: changes("zero"),
        no_stated: changes("no_stated"),
        shares: ds.stated_share.as_ref().map(|_| ShareCounts {
            consistent: get("s_consistent"),
            inconsistent: get("s_inconsistent"),
            unverifiable: get("s_unverifiable"),
            no_whole: get("s_missing"),
            zero_whole: get("s_zero"),
            no_stated: get("s_no_stated"),
        }),
    }
}

/// Per series (`sid`): the CAGR from its first to its last year, read off the
/// rows at the series' edges (rows are in series and year order).
fn series_cagr(decided: &DataFrame, year: &str) -> PolarsResult<DataFrame> {
    let edge = |shift: i64, names: [&str; 3]| {
        decided
            .clone()
            .lazy()
            .filter(
                col(SID)
                    .neq(col(SID).shift(lit(shift)))
                    .fill_null(lit(true)),
            )
            .select([
                col(SID).alias(names[0]),
                col(year).alias(names[1]),
                col(VALUE).alias(names[2]),
            ])
            .collect()
    };
    let firsts = edge(1, ["sid", "first_year", "first_value"])?;
    let lasts = edge(-1, ["last_sid", "last_year", "last_value"])?;
    let span = col(LAST_YEAR) - col(FIRST_YEAR);
    firsts
        .hstack(lasts.columns())?
        .lazy()
        .with_column(
            when(span.clone().gt(lit(0)).and(col("first_value").gt(lit(0.0))))
                .then(crate::engine::series::cagr_pct(
                    col("last_value"),
                    col("first_value"),
                    span,
                ))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias(SERIES_CAGR_PCT),
        )
        .select([col(SID), col(SERIES_CAGR_PCT)])
        .collect()
}
