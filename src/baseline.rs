//! Runs compared with earlier runs, by their JSON reports: a baseline makes
//! a check fail only on findings that are new or changed since it (as ruff and
//! many linters do), and `yoy diff` lists what changed between two runs.
//! A finding is known by its spec, report and claim; it has changed when its
//! verdict, or a figure of its working (stated text, computed interval), did.

use crate::findings::{Checked, Verdict};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The JSON schema versions a baseline may come from (the ones whose claims
/// carry what is compared here).
const READABLE: std::ops::RangeInclusive<u64> = 4..=6;

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "{path} is not a yoy JSON report{why}; give the output of `yoy check --format json` (or `--json PATH`)"
    )]
    NotAReport { path: PathBuf, why: String },
}

/// What identifies a finding across runs, and what it said.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) verdict: String,
    /// The working's figures: each check's stated text and computed interval.
    pub(crate) figures: Vec<(String, Option<f64>, Option<f64>)>,
}

/// Findings of a run, keyed by (spec, report id, claim id).
pub(crate) type Run = BTreeMap<(String, String, String), Entry>;

/// A run read back from its JSON report.
pub(crate) fn read(path: &Path) -> Result<Run, BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let not = |why: &str| BaselineError::NotAReport {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| not(&format!(" (not JSON: {e})")))?;
    let version = v["schema_version"]
        .as_u64()
        .ok_or_else(|| not(" (no schema_version)"))?;
    if !READABLE.contains(&version) || v["command"] != "check" {
        return Err(not(&format!(
            " (schema_version {version} of `{}`; yoy reads versions {} to {} of `check`)",
            v["command"].as_str().unwrap_or("?"),
            READABLE.start(),
            READABLE.end()
        )));
    }
    let mut run = Run::new();
    for report in v["reports"].as_array().into_iter().flatten() {
        let spec = report["spec"].as_str().unwrap_or_default().to_string();
        let id = report["report"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        for claim in report["claims"].as_array().into_iter().flatten() {
            let figures = claim["checks"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    (
                        c["stated"]["text"].as_str().unwrap_or_default().to_string(),
                        c["computed"]["lo"].as_f64(),
                        c["computed"]["hi"].as_f64(),
                    )
                })
                .collect();
            run.insert(
                (
                    spec.clone(),
                    id.clone(),
                    claim["id"].as_str().unwrap_or_default().to_string(),
                ),
                Entry {
                    verdict: claim["verdict"].as_str().unwrap_or_default().to_string(),
                    figures,
                },
            );
        }
    }
    Ok(run)
}

/// This run's findings, keyed and said as their JSON report says them.
pub(crate) fn of_checked(checked: &[Checked]) -> Run {
    let mut run = Run::new();
    for c in checked {
        for f in &c.claims {
            let figures = f
                .checks
                .iter()
                .map(|ch| {
                    (
                        ch.stated.text.clone(),
                        ch.computed.and_then(|b| b.lo),
                        ch.computed.and_then(|b| b.hi),
                    )
                })
                .collect();
            run.insert(
                (c.spec.clone(), c.report.id.clone(), f.claim.clone()),
                Entry {
                    verdict: f.verdict.name().to_string(),
                    figures,
                },
            );
        }
    }
    run
}

/// How a finding moved between two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// Failing now, and not in the older run.
    New,
    /// Failing before; holds now, or is gone.
    Resolved,
    /// Its verdict changed.
    Verdict,
    /// Same verdict, other figures (a stated text or a computed interval).
    Figures,
}

impl Change {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Resolved => "resolved",
            Change::Verdict => "changed verdict",
            Change::Figures => "moved figures",
        }
    }
}

/// Whether a verdict is a failure worth a line (not one that holds).
fn failing(verdict: &str) -> bool {
    matches!(verdict, "inconsistent" | "unverifiable" | "questionable")
}

/// Every finding that moved from `old` to `new`, in key order.
pub(crate) fn diff(old: &Run, new: &Run) -> Vec<(Change, (String, String, String), String)> {
    let mut out = Vec::new();
    for (key, n) in new {
        match old.get(key) {
            None if failing(&n.verdict) => out.push((Change::New, key.clone(), n.verdict.clone())),
            None => {}
            Some(o) if o.verdict != n.verdict => out.push((
                if failing(&o.verdict) && !failing(&n.verdict) {
                    Change::Resolved
                } else {
                    Change::Verdict
                },
                key.clone(),
                format!("{} → {}", o.verdict, n.verdict),
            )),
            Some(o) if o.figures != n.figures => {
                out.push((Change::Figures, key.clone(), n.verdict.clone()))
            }
            Some(_) => {}
        }
    }
    for (key, o) in old {
        if !new.contains_key(key) && failing(&o.verdict) {
            out.push((
                Change::Resolved,
                key.clone(),
                format!("{} → gone", o.verdict),
            ));
        }
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out
}

/// Of this run's failing findings (by `fails`), those the baseline does not
/// already have exactly: only these make the run fail.
pub(crate) fn unknown_failures(
    baseline: &Run,
    now: &Run,
    fails: impl Fn(Verdict) -> bool,
) -> usize {
    now.iter()
        .filter(|(_, e)| {
            [
                Verdict::Inconsistent,
                Verdict::Unverifiable,
                Verdict::Questionable,
            ]
            .into_iter()
            .any(|v| v.name() == e.verdict && fails(v))
        })
        .filter(|(k, e)| baseline.get(*k) != Some(*e))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(verdict: &str, lo: f64) -> Entry {
        Entry {
            verdict: verdict.into(),
            figures: vec![("+25%".into(), Some(lo), Some(lo))],
        }
    }

    fn key(c: &str) -> (String, String, String) {
        ("s.yaml".into(), "r".into(), c.into())
    }

    #[test]
    fn a_diff_says_what_moved() {
        let old: Run = [
            (key("a"), entry("inconsistent", 1.0)),
            (key("b"), entry("consistent", 2.0)),
            (key("c"), entry("unverifiable", 3.0)),
            (key("d"), entry("inconsistent", 4.0)),
        ]
        .into();
        let new: Run = [
            (key("a"), entry("consistent", 1.0)),
            (key("b"), entry("inconsistent", 2.0)),
            (key("c"), entry("unverifiable", 3.5)),
            (key("e"), entry("questionable", 5.0)),
        ]
        .into();
        let d: Vec<(Change, String)> = diff(&old, &new)
            .into_iter()
            .map(|(c, k, _)| (c, k.2))
            .collect();
        assert_eq!(
            d,
            vec![
                (Change::New, "e".into()),
                (Change::Resolved, "a".into()),
                (Change::Resolved, "d".into()),
                (Change::Verdict, "b".into()),
                (Change::Figures, "c".into()),
            ]
        );
        // Against the old run as a baseline, b (changed) and e (new) are
        // failures the baseline does not know; c moved too.
        assert_eq!(unknown_failures(&old, &new, |_| true), 3);
        assert_eq!(unknown_failures(&new, &new, |_| true), 0);
    }
}
