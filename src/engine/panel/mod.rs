//! Panels: every row of a dataset that carries a published % change on the
//! previous year is a `change` check, decided by the same verdict expressions
//! as a report's claims (`verdicts::decide`), all rows at once.
//!
//! A panel is read (`read`), put in series and year order with each row's
//! previous year found (`order`), decided (`part`, by the checks of `checks`),
//! its listed rows handed to the findings (`listed`), and its row files written
//! (`write`). A panel too big for the memory it may use is read in parts, each
//! holding whole series, one after another: the counts add up, the listed rows
//! merge, and the row files grow part by part.

mod all_rows;
mod csv;
mod decide;
mod error;
mod keys;
mod lines;
mod listed;
mod numbering;
mod order;
mod parquet;
mod parts;
mod read;
mod row;
mod row_checks;
mod spans;
mod thrift;
mod values;
mod write;

pub use error::DataError;
pub(crate) use lines::locate;
pub use row::explain_row;
pub use spans::spans;

use crate::engine::columns::*;
use crate::findings::{PanelChecked, PanelSummary, ShareOf};
use crate::output::Input;
use crate::spec::Dataset;
use decide::Wanted;
use keys::KeyTypes;
use numbering::Numbering;
use parts::Parts;
use polars::prelude::*;
use std::path::Path;

/// What a panel check writes and keeps, and the memory it may use.
#[derive(Debug, Clone, Default)]
pub struct PanelOptions<'a> {
    /// Every row with its previous value, change, verdict and reason.
    pub rows: Option<&'a Path>,
    /// The inconsistent rows only, sorted by series and year.
    pub inconsistent: Option<&'a Path>,
    /// Inputs the run must never write over.
    pub inputs: &'a [Input],
    /// How many inconsistent rows to list as findings (the terminal shows a
    /// few; files want them all, up to `MAX_LISTED_ROWS`).
    pub listed: usize,
    /// Bytes the check may hold at once; a panel that needs more is read in
    /// parts. `None`: all at once.
    pub memory: Option<u64>,
    /// Rows a part holds, whatever the memory (for tests of the parts on
    /// small panels: `--part-rows`, hidden).
    pub part_rows: Option<u64>,
}

/// The least `--memory` a check can be given: what it holds whatever the
/// panel's size, and room for some rows. Below it every row would be a part
/// of its own (`--memory 1` made 4 096 parts and took 111 s on 7 357 rows).
pub(crate) const MIN_MEMORY: u64 = FIXED_BYTES + (10 << 20);

/// Most inconsistent rows turned into findings; the rest are counted, and a
/// file of them all is one flag away (`--inconsistent-rows`).
pub(crate) const MAX_LISTED_ROWS: usize = 1_000_000;

/// Memory a row of a panel takes while it is checked, at the peak, measured
/// with `benches/bounded.sh`: about 75 bytes a row when the rows are put in
/// order by counting, 124 when they are sorted; the larger, rounded up.
pub(crate) const BYTES_PER_ROW: u64 = 125;

/// The same with the every-row file asked for (`--rows`): each row is decided
/// again with all its figures, put in key order and written, which more than
/// doubles a row's memory (measured with cgroup limits, see the README).
pub(crate) const BYTES_PER_ROW_ALL_ROWS: u64 = 300;

/// Memory a check holds whatever the panel's size (the process, the streaming
/// reader's buffers, the keys' mappings): about 135 MiB measured, rounded up.
pub(crate) const FIXED_BYTES: u64 = 140 << 20;

/// Most parts a panel is read in (each part reads the file again).
pub(super) const MAX_PARTS: u64 = 4096;

/// How many parts `rows` rows of `per_row` bytes need to stay within `memory`.
fn parts_for(rows: u64, memory: Option<u64>, per_row: u64) -> u64 {
    match memory {
        None => 1,
        Some(m) => {
            // What is left for rows, but never less than a quarter of it all.
            let room = m.saturating_sub(FIXED_BYTES).max(m / 4).max(1);
            rows.saturating_mul(per_row)
                .div_ceil(room)
                .clamp(1, MAX_PARTS)
        }
    }
}

/// How many parts `rows` rows need under `options`.
fn parts_needed(rows: u64, options: &PanelOptions, per_row: u64) -> u64 {
    match options.part_rows {
        Some(n) => rows.div_ceil(n.max(1)).clamp(1, MAX_PARTS),
        None => parts_for(rows, options.memory, per_row),
    }
}

/// Check every row of `ds`; `progress` hears each stage.
///
/// Memory is kept to the rows' own columns plus a few numbers a row: the string
/// keys are read once as codes; what is ordered and decided is numeric, and the
/// details of a row (its change, stated interval, gap) are recomputed only for
/// the rows that are listed or written.
/// Where a panel check is, for a progress display (the caller words it).
#[derive(Debug, Clone, Copy)]
pub enum Stage<'a> {
    Reading(&'a std::path::Path),
    /// A panel too large for memory: its series numbered in a first pass.
    Numbering(&'a std::path::Path),
    ReadingPart {
        part: u64,
        of: u64,
    },
    Deciding {
        part: u64,
        of: u64,
        rows: usize,
    },
    Writing(&'a std::path::Path),
}

pub fn check(
    ds: &Dataset,
    options: &PanelOptions,
    progress: &mut dyn FnMut(Stage),
) -> Result<PanelChecked, DataError> {
    // yoy checks a file before Polars reads it; a panic inside Polars that
    // those checks did not foresee still ends as a message, not a crash.
    crate::engine::guard::guarded(|| check_ordered(ds, options, progress, Order::CountWhenDense))
        .unwrap_or_else(|panic| {
            Err(DataError::Unreadable {
                dataset: ds.id.clone(),
                path: ds.path.clone(),
                reason: format!(
                    "reading it failed inside Polars ({panic}); the file may be corrupt: write it again"
                ),
            })
        })
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
    options: &PanelOptions,
    progress: &mut dyn FnMut(Stage),
    how: Order,
) -> Result<PanelChecked, DataError> {
    let err = |e: PolarsError| error::read_error(ds, e);
    read::regular_file(ds)?;
    refuse_reserved(ds)?;
    let keys = KeyTypes::new(ds);
    let (numbering, all, plan) = plan(ds, options, &keys, progress)?;
    let parts = plan.as_ref().map_or(1, Parts::count);
    let mut files = Files::create(options)?;
    let wanted = Wanted {
        rows_file: files.rows.is_some(),
        inconsistent_file: files.inconsistent.is_some(),
        listed: options.listed.min(MAX_LISTED_ROWS),
    };
    let mut summary = PanelSummary {
        dataset: ds.id.clone(),
        path: ds.path_written.clone(),
        ..PanelSummary::default()
    };
    let mut listed = Vec::new();
    let mut repeated: Option<(u64, String)> = None;
    let mut all = all;
    for index in 0..parts {
        let base = match all.take() {
            Some(base) => base,
            None => {
                progress(Stage::ReadingPart {
                    part: index + 1,
                    of: parts,
                });
                read::read(ds, &keys, plan.as_ref().map(|p| (p, index)))?
            }
        };
        progress(Stage::Deciding {
            part: index + 1,
            of: parts,
            rows: base.height(),
        });
        // Repeated rows in one part do not stop the others: they are counted
        // in every part, then reported at once.
        let decided = match decide::decide(base, ds, &numbering, how, wanted) {
            Err(DataError::Duplicates { count, example, .. }) => {
                repeated.get_or_insert((0, example)).0 += count;
                continue;
            }
            other => other?,
        };
        summary.add(&decided.counts);
        files.write(decided.inconsistent_file, decided.rows)?;
        listed.push(decided.listed.lazy());
    }
    if let Some((count, example)) = repeated {
        return Err(DataError::Duplicates {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            count,
            example,
        });
    }
    files.finish(options, progress)?;
    let listed = merge_listed(ds, listed, wanted.listed).map_err(err)?;
    Ok(PanelChecked {
        summary,
        file: ds.path.display().to_string(),
        series_columns: ds.series.clone(),
        spec_line: ds.spec_line,
        change_decimals: ds.stated_change.as_ref().map_or(1, |s| s.decimals),
        share_decimals: ds.stated_share.as_ref().map_or(1, |s| s.stated.decimals),
        share_of: ds.stated_share.as_ref().map(|s| ShareOf {
            across: s.across.clone(),
            total: s.total.clone(),
        }),
        inconsistent: listed::rows(ds, &listed).map_err(err)?,
    })
}

/// A dataset column with a name yoy gives one of its own working columns
/// would be overwritten: refused.
fn refuse_reserved(ds: &Dataset) -> Result<(), DataError> {
    let working = row_checks::working_names(ds).map_err(|e| error::read_error(ds, e))?;
    let named = ds.series.iter().chain([&ds.year, &ds.value]);
    let stated = ds.stated_columns().map(String::from).collect::<Vec<_>>();
    match named
        .chain(&stated)
        .find(|c| c.starts_with("__") || working.contains(c))
    {
        Some(column) => Err(DataError::ReservedColumn {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            column: column.clone(),
            names: working,
        }),
        None => Ok(()),
    }
}

/// How a panel is read: whole (its rows read already), or first scanned for
/// its numbering (keys and years only), then read in the parts planned.
fn plan(
    ds: &Dataset,
    options: &PanelOptions,
    keys: &KeyTypes,
    progress: &mut dyn FnMut(Stage),
) -> Result<(Numbering, Option<DataFrame>, Option<Parts>), DataError> {
    let per_row = match options.rows {
        Some(_) => BYTES_PER_ROW_ALL_ROWS,
        None => BYTES_PER_ROW,
    };
    let (numbering, all) = if parts_needed(read::estimated_rows(ds)?, options, per_row) == 1 {
        progress(Stage::Reading(&ds.path));
        let base = read::read(ds, keys, None)?;
        let numbering = Numbering::of_rows(&base, ds).map_err(|e| error::read_error(ds, e))?;
        (numbering, Some(base))
    } else {
        progress(Stage::Numbering(&ds.path));
        (Numbering::scan(ds, keys)?, None)
    };
    if numbering.null_years > 0 {
        return Err(DataError::NullYears {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            count: numbering.null_years,
        });
    }
    // Parts hold whole groups of shares; a panel whose only key is `across`
    // is one group a year, and is read whole.
    let plan = match all {
        Some(_) => None,
        None if ds.stated_share.is_some() && ds.share_group().is_empty() => None,
        None => match parts_needed(numbering.rows, options, per_row) {
            1 => None,
            parts => Some(Parts::plan(ds, keys, &numbering, parts)),
        },
    };
    Ok((numbering, all, plan))
}

/// The row files of a check, written part by part.
struct Files {
    rows: Option<write::RowFile>,
    inconsistent: Option<write::RowFile>,
}

impl Files {
    fn create(options: &PanelOptions) -> Result<Self, DataError> {
        let create = |path: Option<&Path>| {
            path.map(|p| write::RowFile::create(p, options.inputs))
                .transpose()
        };
        Ok(Files {
            rows: create(options.rows)?,
            inconsistent: create(options.inconsistent)?,
        })
    }

    /// A part's rows, appended to the files asked for.
    fn write(
        &mut self,
        inconsistent: Option<DataFrame>,
        rows: Option<DataFrame>,
    ) -> Result<(), DataError> {
        if let (Some(file), Some(mut df)) = (&mut self.inconsistent, inconsistent) {
            file.write(&mut df)?;
        }
        if let (Some(file), Some(mut df)) = (&mut self.rows, rows) {
            file.write(&mut df)?;
        }
        Ok(())
    }

    /// Every file put in place.
    fn finish(
        self,
        options: &PanelOptions,
        progress: &mut dyn FnMut(Stage),
    ) -> Result<(), DataError> {
        for (file, path) in [
            (self.inconsistent, options.inconsistent),
            (self.rows, options.rows),
        ] {
            if let (Some(file), Some(path)) = (file, path) {
                progress(Stage::Writing(path));
                file.finish()?;
            }
        }
        Ok(())
    }
}

/// The listed rows of every part, merged in series and year order, at most `limit`.
fn merge_listed(ds: &Dataset, listed: Vec<LazyFrame>, limit: usize) -> PolarsResult<DataFrame> {
    let mut sort_by: Vec<PlSmallStr> = ds.series.iter().map(|k| k.as_str().into()).collect();
    sort_by.extend([ds.year.as_str().into(), CHECK_KIND.into()]);
    concat(listed, UnionArgs::default())
        .map(|lf| {
            lf.sort(sort_by, SortMultipleOptions::default())
                .limit(limit.min(u32::MAX as usize) as IdxSize)
        })
        .and_then(|lf| lf.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_keep_each_within_the_memory_given() {
        assert_eq!(parts_for(10_000_000, None, BYTES_PER_ROW), 1);
        assert_eq!(parts_for(10_000_000, Some(1 << 40), BYTES_PER_ROW), 1);
        // 10M rows at 125 bytes: 1.25 GB, in parts of 256 MiB less 140 MiB.
        assert_eq!(parts_for(10_000_000, Some(256 << 20), BYTES_PER_ROW), 11);
        let fits = 1_250_000_000 + FIXED_BYTES;
        assert_eq!(parts_for(10_000_000, Some(fits), BYTES_PER_ROW), 1);
        assert_eq!(parts_for(10_000_001, Some(fits), BYTES_PER_ROW), 2);
        // Below the fixed part, a quarter of what is given goes to rows.
        assert_eq!(parts_for(1_000, Some(100_000), BYTES_PER_ROW), 5);
        // Never zero parts, never more than the cap.
        assert_eq!(parts_for(0, Some(1), BYTES_PER_ROW), 1);
        assert_eq!(parts_for(u64::MAX, Some(1), BYTES_PER_ROW), MAX_PARTS);
        // With the every-row file: 10M rows at 300 bytes in 256 MiB less 140 MiB.
        assert_eq!(
            parts_for(10_000_000, Some(256 << 20), BYTES_PER_ROW_ALL_ROWS),
            25
        );
    }

    #[test]
    fn counting_and_sorting_check_a_panel_alike() {
        for spec in ["tests/panels/edge.yaml", "specs/panel.yaml"] {
            let spec = crate::spec::load(std::path::Path::new(spec)).expect("spec loads");
            for ds in &spec.datasets {
                let files = PanelOptions {
                    listed: usize::MAX,
                    ..PanelOptions::default()
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
