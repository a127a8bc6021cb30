//! Why yoy could not run (exit 2), by what the user must fix.

use crate::diagnostic::Diagnostic;
use crate::engine::EngineError;
use crate::engine::panel::DataError;
use crate::output::OutputError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read spec {path}: {reason}")]
    SpecUnreadable { path: PathBuf, reason: String },
    #[error("{path}: {count} problem(s) in the spec", count = diagnostics.len())]
    SpecInvalid {
        path: PathBuf,
        /// The spec's text, for code frames.
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
    #[error(
        "{path} has no claims, no datasets and no source: nothing to check; add `claims:` (specs/README.md) or `report.source`, or run `yoy compare` for its series"
    )]
    NothingToCheck { path: PathBuf },
    #[error(
        "no specs to check: {dir} has no .yaml files; give a spec path, e.g. `yoy check specs/example.yaml`"
    )]
    NoSpecs { dir: PathBuf },
    #[error("{spec} has no claim `{claim}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownClaim {
        spec: PathBuf,
        claim: String,
        suggestion: Option<String>,
    },
    #[error(
        "`--format {format}` describes verdicts; `yoy compare` writes table, json, csv or markdown"
    )]
    FormatNotForCompare { format: &'static str },
    #[error(transparent)]
    Sql(#[from] crate::sql::SqlError),
    #[error("{path}: --select and --ignore leave none of its claims to check")]
    NothingSelected { path: PathBuf },
    #[error("cannot read the report text {path}: {reason}")]
    SourceUnreadable { path: PathBuf, reason: String },
    #[error(
        "{path} prints no figure yoy can read (years and dates aside); give the report's text (UTF-8), and `--lang` if its language is not guessed"
    )]
    NoFigures { path: PathBuf },
    #[error(
        "stdout can carry one format, and this run asks for {first} and {second}; write one of them to a file"
    )]
    TwoFormatsOnStdout {
        first: &'static str,
        second: &'static str,
    },
    #[error(transparent)]
    Baseline(#[from] crate::baseline::BaselineError),
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Data(DataError),
    #[error(transparent)]
    File(#[from] OutputError),
    #[error("cannot write to stdout: {0}")]
    Stdout(#[from] std::io::Error),
}

impl Error {
    /// Stdout's reader went away (`yoy check | head -1`): not a failure of yoy's.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// A row file that cannot be written is an output's error, not the data's.
impl From<DataError> for Error {
    fn from(e: DataError) -> Error {
        match e {
            DataError::Output(o) => Error::File(o),
            other => Error::Data(other),
        }
    }
}
