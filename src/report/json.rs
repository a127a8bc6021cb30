//! JSON output: versioned (`schema_version`), documented in the README. Infinite
//! interval ends are `null`; no NaN or infinity is ever written.

use super::SCHEMA_VERSION;
use crate::findings::{Checked, Compared, Summary};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct CheckOutput<'a> {
    schema_version: u32,
    command: &'static str,
    summary: Summary,
    reports: &'a [Checked],
}

#[derive(Serialize)]
struct CompareOutput<'a> {
    schema_version: u32,
    command: &'static str,
    reports: &'a [Compared],
}

fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

pub(super) fn check(checked: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    let mut summary = Summary::default();
    for c in checked {
        summary.merge(c.summary);
    }
    write(
        &CheckOutput {
            schema_version: SCHEMA_VERSION,
            command: "check",
            summary,
            reports: checked,
        },
        out,
    )
}

pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    write(
        &CompareOutput {
            schema_version: SCHEMA_VERSION,
            command: "compare",
            reports: compared,
        },
        out,
    )
}
