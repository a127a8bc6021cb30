//! Output formats, fed by findings only: one file per format. No Polars here.

mod chart;
pub mod color;
pub(crate) mod csv;
pub mod diagnostics;
pub(crate) mod diff;
pub mod explain;
pub(crate) mod github;
pub mod html;
pub mod json;
mod junit;
pub mod list;
mod location;
mod markdown;
mod number;
mod sarif;
mod table;
pub(crate) mod working;
mod xml;

use crate::findings::{Checked, Compared};
use std::io::{self, Write};

/// Inconsistent rows of a panel shown in the terminal table; files list them all.
pub(crate) const PANEL_ROWS_SHOWN: usize = 20;

/// JSON wire format version: bump on any change to the JSON shape.
pub(crate) const SCHEMA_VERSION: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Junit,
    Github,
    Sarif,
    Html,
}

impl Format {
    /// Whether the format locates each finding in a file (a panel's row at
    /// its own line of the dataset).
    pub(crate) fn points_at_rows(self) -> bool {
        matches!(self, Format::Sarif | Format::Github)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Html => "html",
        }
    }

    /// Formats that `yoy compare` can write (the rest describe verdicts).
    pub(crate) fn describes_series(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Json | Format::Csv | Format::Markdown | Format::Html
        )
    }
}

/// What a rendering of `yoy check` needs besides the findings.
#[derive(Debug, Clone, Copy)]
pub struct CheckView<'a> {
    pub checked: &'a [Checked],
    /// Unverifiable claims fail the run (`--fail-on unverifiable`).
    pub unverifiable_fails: bool,
    /// Questionable claims fail the run (`--fail-on questionable`).
    pub questionable_fails: bool,
    /// `--fail-on not-encoded`: a number the spec leaves out fails the run.
    pub not_encoded_fails: bool,
    /// The table shows the working of every check, not only of those that
    /// are not consistent (`--verbose`).
    pub verbose: bool,
    pub color: bool,
    /// The run itself, for the formats that say it (HTML).
    pub run: &'a html::Run,
    /// What SARIF's `%SRCROOT%` stands for (`--sarif-root`, a `file://` URI).
    pub sarif_root: Option<&'a str>,
    /// Where yoy's docs are published (`--sarif-help-uri`), for rules' `helpUri`.
    pub sarif_help: Option<&'a str>,
    /// The table's width in columns (the terminal's, `COLUMNS`, else 100).
    pub width: usize,
}

pub fn render_check(format: Format, view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::check(view.checked, view.color, view.verbose, view.width, out),
        Format::Json => json::check(view, out),
        Format::Csv => csv::check(view.checked, out),
        Format::Markdown => markdown::check(view.checked, out),
        Format::Junit => junit::check(view, out),
        Format::Github => github::check(view, out),
        Format::Sarif => sarif::check(view, out),
        Format::Html => html::check(view.checked, view.run, out),
    }
}

/// Where a panel check is, in words, its numbers grouped ("deciding
/// 10 318 851 rows").
pub(crate) fn progress(stage: crate::engine::panel::Stage) -> String {
    use crate::engine::panel::Stage;
    let n = |x: usize| number::figure(x as f64);
    match stage {
        Stage::Reading(p) => format!("reading {}", p.display()),
        Stage::Numbering(p) => format!("numbering the series of {}", p.display()),
        Stage::ReadingPart { part, of } => format!("reading part {part} of {of}"),
        Stage::Deciding { of: 1, rows, .. } => format!("deciding {} rows", n(rows)),
        Stage::Deciding { part, of, rows } => {
            format!("deciding part {part} of {of}: {} rows", n(rows))
        }
        Stage::Writing(p) => format!("writing {}", p.display()),
    }
}

/// Series output; `format` must be one that `describes_series`.
pub(crate) fn render_compare(
    format: Format,
    compared: &[Compared],
    run: &html::Run,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Html => html::compare(compared, run, out),
        Format::Json => json::compare(compared, out),
        Format::Csv => csv::compare(compared, out),
        Format::Markdown => markdown::compare(compared, out),
        _ => table::compare(compared, out),
    }
}

#[cfg(test)]
mod tests {
    use super::progress;
    use crate::engine::panel::Stage;

    #[test]
    fn progress_groups_its_numbers() {
        let s = progress(Stage::Deciding {
            part: 1,
            of: 1,
            rows: 10_318_851,
        });
        assert_eq!(s, "deciding 10 318 851 rows");
        let s = progress(Stage::Deciding {
            part: 2,
            of: 3,
            rows: 4_000_000,
        });
        assert_eq!(s, "deciding part 2 of 3: 4 000 000 rows");
    }
}
