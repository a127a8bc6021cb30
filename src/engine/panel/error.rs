//! What can go wrong reading a dataset, told so that the user can fix it:
//! the errors, and the reading of Polars' messages into them.

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
