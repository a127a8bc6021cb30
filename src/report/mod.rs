//! Output formats, fed by findings only: one file per format. No Polars here.

pub mod color;
pub mod diagnostics;
mod json;
mod number;
mod table;

use crate::findings::{Checked, Compared};
use std::io::{self, Write};

/// JSON wire format version: bump on any change to the JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

pub fn render_check(
    format: Format,
    checked: &[Checked],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::check(checked, color, out),
        Format::Json => json::check(checked, out),
    }
}

pub fn render_compare(
    format: Format,
    compared: &[Compared],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::compare(compared, out),
        Format::Json => json::compare(compared, out),
    }
}
