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
mod markdown;
mod number;
mod sarif;
mod table;
pub(crate) mod working;

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
}

pub fn render_check(format: Format, view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::check(view.checked, view.color, view.verbose, out),
        Format::Json => json::check(view, out),
        Format::Csv => csv::check(view.checked, out),
        Format::Markdown => markdown::check(view.checked, out),
        Format::Junit => junit::check(view, out),
        Format::Github => github::check(view, out),
        Format::Sarif => sarif::check(view, out),
        Format::Html => html::check(view.checked, view.run, out),
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
