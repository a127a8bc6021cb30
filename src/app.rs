//! The pipeline: specs → engine → findings → report, and what the exit code says.

use crate::engine;
use crate::error::Error;
use crate::findings::{Checked, Compared, ReportMeta, Summary};
use crate::report::color::ColorChoice;
use crate::report::{self, Format};
use crate::spec::{self, LoadError, Spec};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where `yoy check` with no argument looks for specs.
pub const DEFAULT_SPEC_DIR: &str = "specs";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Inconsistent,
    Unverifiable,
}

#[derive(Debug, Clone)]
pub enum Command {
    Check {
        specs: Vec<PathBuf>,
        fail_on: FailOn,
    },
    Compare {
        spec: PathBuf,
    },
}

#[derive(Debug, Clone)]
pub struct RunConfig {
    pub command: Command,
    pub format: Format,
    pub color: ColorChoice,
}

/// How a run that could run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every claim holds (exit 0).
    Holds,
    /// A claim fails under `--fail-on` (exit 1).
    Fails,
}

pub fn run(config: &RunConfig, out: &mut dyn Write) -> Result<Outcome, Vec<Error>> {
    match &config.command {
        Command::Check { specs, fail_on } => {
            let paths = if specs.is_empty() {
                default_specs(Path::new(DEFAULT_SPEC_DIR)).map_err(|e| vec![e])?
            } else {
                specs.clone()
            };
            let loaded = load_all(&paths)?;
            let mut checked = Vec::new();
            let mut total = Summary::default();
            for spec in &loaded {
                let claims = engine::check(spec).map_err(|e| vec![e.into()])?;
                let summary = Summary::of(&claims);
                total.merge(summary);
                checked.push(Checked {
                    spec: spec.path.display().to_string(),
                    report: meta(spec),
                    summary,
                    claims,
                });
            }
            report::render_check(config.format, &checked, config.color.for_stdout(), out)
                .map_err(|e| vec![e.into()])?;
            let fails = total.inconsistent > 0
                || (*fail_on == FailOn::Unverifiable && total.unverifiable > 0);
            Ok(if fails {
                Outcome::Fails
            } else {
                Outcome::Holds
            })
        }
        Command::Compare { spec } => {
            let loaded = load_all(std::slice::from_ref(spec))?;
            let mut compared = Vec::new();
            for spec in &loaded {
                compared.push(Compared {
                    spec: spec.path.display().to_string(),
                    report: meta(spec),
                    series: engine::compare(spec).map_err(|e| vec![e.into()])?,
                });
            }
            report::render_compare(config.format, &compared, out).map_err(|e| vec![e.into()])?;
            Ok(Outcome::Holds)
        }
    }
}

fn meta(spec: &Spec) -> ReportMeta {
    ReportMeta {
        id: spec.report.id.clone(),
        title: spec.report.title.clone(),
        year: spec.report.year,
        source: spec
            .report
            .source
            .clone()
            .or_else(|| spec.report.url.clone()),
    }
}

/// Load every spec; report the problems of all of them, not only the first.
fn load_all(paths: &[PathBuf]) -> Result<Vec<Spec>, Vec<Error>> {
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match spec::load(p) {
            Ok(s) => specs.push(s),
            Err(LoadError::Unreadable { path, reason }) => {
                errors.push(Error::SpecUnreadable { path, reason })
            }
            Err(LoadError::Invalid {
                source,
                diagnostics,
            }) => errors.push(Error::SpecInvalid {
                path: p.clone(),
                text: source,
                diagnostics,
            }),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(errors)
    }
}

fn default_specs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::SpecUnreadable {
        path: dir.to_path_buf(),
        reason: format!("{e}; run yoy from the project folder, or give a spec path"),
    })?;
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    specs.sort();
    if specs.is_empty() {
        return Err(Error::NoSpecs {
            dir: dir.to_path_buf(),
        });
    }
    Ok(specs)
}
