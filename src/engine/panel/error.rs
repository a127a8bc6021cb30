//! What can go wrong reading a dataset, told so that the user can fix it:
//! the errors, and the reading of Polars' messages into them.

use super::csv::BadCell;
use crate::output::OutputError;
use crate::spec::Dataset;
use polars::prelude::*;
use std::path::PathBuf;

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
        suggestion.as_ref().map(|s| format!(" (did you mean `{}`?)", crate::echo::echo(s))).unwrap_or_default(), listed(available))]
    MissingColumn {
        dataset: String,
        path: PathBuf,
        column: String,
        suggestion: Option<String>,
        available: Vec<String>,
    },
    #[error(
        "dataset `{dataset}` ({path}): its column `{column}` has a name yoy gives one of its own working columns, which would overwrite it; rename the column in the file (names yoy uses: {})",
        names.join(", ")
    )]
    ReservedColumn {
        dataset: String,
        path: PathBuf,
        column: String,
        names: Vec<String>,
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

/// Column names as a message lists them: each clipped, at most 20.
fn listed(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(20)
        .map(|n| crate::echo::echo(n))
        .collect();
    if names.len() > 20 {
        shown.push(format!("and {} more", names.len() - 20));
    }
    shown.join(", ")
}

/// A Polars error while reading `ds`, in its own words (its I/O errors by
/// their cause).
pub(super) fn read_error(ds: &Dataset, e: PolarsError) -> DataError {
    let reason = match &e {
        PolarsError::IO { error, .. } => error.to_string(),
        other => other.to_string(),
    };
    DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason: crate::echo::echo_at_most(&reason, 300),
    }
}

/// A cell that does not parse as its column's type, on `line`: where it is,
/// and what to fix.
pub(super) fn unparsable(ds: &Dataset, cell: &BadCell, line: usize) -> DataError {
    let advice = if cell.key {
        "a key cell is not UTF-8 text: save the file as UTF-8"
    } else {
        "the year column must hold whole years, the value column numbers (whole numbers for a count), the stated column numbers, and an empty cell is a missing figure"
    };
    DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason: format!(
            "could not parse `{}` as dtype `{}` at column '{}' (column number {}) on line {line} of the file (byte {}); {advice}",
            crate::echo::echo(&cell.text),
            cell.dtype,
            crate::echo::echo(&cell.column),
            cell.number,
            cell.offset
        ),
    }
}
