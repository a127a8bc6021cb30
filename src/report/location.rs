//! Where a finding stands, for the outputs that point at a file and a line
//! (SARIF, GitHub annotations): a claim at its line of the spec; a number
//! the spec leaves out where the source prints it; a panel's row at its own
//! line of its dataset's file, else (a Parquet file has no lines) at the
//! dataset's line of the spec.

use crate::findings::{Checked, Finding, FindingKind};
use std::collections::HashMap;

/// The locations of one checked spec's findings.
pub(super) struct Locations<'a> {
    checked: &'a Checked,
    /// Per dataset: its file and its located rows' lines by claim id.
    rows: HashMap<&'a str, (&'a str, HashMap<String, u64>)>,
}

impl<'a> Locations<'a> {
    pub(super) fn of(checked: &'a Checked) -> Locations<'a> {
        let rows = checked
            .panels
            .iter()
            .map(|p| (p.summary.dataset.as_str(), (p.file.as_str(), p.row_lines())))
            .collect();
        Locations { checked, rows }
    }

    /// The file (as given, relative to the working directory) and line.
    pub(super) fn of_finding(&self, f: &Finding) -> (String, u64) {
        if let Some((file, lines)) = f.dataset.as_deref().and_then(|d| self.rows.get(d))
            && let Some(line) = lines.get(&f.claim)
        {
            return (file.to_string(), *line);
        }
        match (f.kind, &self.checked.provenance, f.line) {
            (FindingKind::NotEncoded, Some(p), Some(l)) => (
                p.path.clone().unwrap_or_else(|| p.source.clone()),
                u64::from(l),
            ),
            _ => (self.checked.spec.clone(), f.spec_line),
        }
    }
}
