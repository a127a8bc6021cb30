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
    Engine(#[from] EngineError),
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    File(#[from] OutputError),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    /// Several specs can fail at once; each keeps its own error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::SpecInvalid { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }
}
