//! `yoy check --engine duckdb`: a dataset's SQL (this module's parent) run
//! on DuckDB through its Python package, and what it returns read back as
//! the panel's counts and listed rows, so that every output format is what
//! the local engine gives.

use super::{Dialect, SqlError, dataset};
use crate::findings::{
    Bounds, PanelCheck, PanelChecked, PanelRow, PanelSummary, ShareCounts, ShareOf,
};
use crate::spec::{Dataset, Spec};
use std::collections::BTreeMap;

/// The script that runs the SQL (also `benches/spark.sh`'s and the tests').
const RUNNER: &str = include_str!("run.py");

/// A dataset checked on DuckDB: its counts, and at most `listed` of its
/// inconsistent rows, in series and year order.
pub(crate) fn check(spec: &Spec, ds: &Dataset, listed: usize) -> Result<PanelChecked, SqlError> {
    let sql = dataset(spec, ds, Dialect::DuckDb, None)?;
    let unavailable = |why: String| SqlError::EngineUnavailable {
        engine: "duckdb",
        why,
    };
    let dir = tempfile::tempdir().map_err(|e| unavailable(e.to_string()))?;
    let (script, runner) = (dir.path().join("check.sql"), dir.path().join("run.py"));
    std::fs::write(&script, sql).map_err(|e| unavailable(e.to_string()))?;
    std::fs::write(&runner, RUNNER).map_err(|e| unavailable(e.to_string()))?;
    let out = std::process::Command::new("python3")
        .arg(&runner)
        .arg("duckdb")
        .arg(&script)
        .arg("--inconsistent-rows")
        .output()
        .map_err(|e| unavailable(format!("python3 does not run ({e})")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let why = if err.contains("No module named 'duckdb'") {
            "DuckDB's Python package is not installed (python3 -m pip install duckdb)".to_string()
        } else {
            err.lines().last().unwrap_or("it failed").to_string()
        };
        return Err(unavailable(why));
    }
    read_back(ds, &String::from_utf8_lossy(&out.stdout), listed)
}

fn read_back(ds: &Dataset, text: &str, listed: usize) -> Result<PanelChecked, SqlError> {
    let bad = |what: &str| SqlError::EngineUnavailable {
        engine: "duckdb",
        why: format!("its output is not what yoy wrote the SQL for ({what})"),
    };
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        if let Some(r) = line.strip_prefix("row:\t") {
            rows.push(r.split('\t').collect::<Vec<&str>>());
        } else if let Some((k, v)) = line.split_once(": ") {
            counts.insert(k, v.parse().map_err(|_| bad(k))?);
        }
    }
    let n = |k: &str| counts.get(k).copied().ok_or_else(|| bad(k));
    let change = ds.stated_change.as_ref();
    let share = ds.stated_share.as_ref();
    let summary = PanelSummary {
        dataset: ds.id.clone(),
        path: ds.path_written.clone(),
        rows: n("rows")?,
        series: n("series")?,
        series_with_cagr: n("series_with_cagr")?,
        consistent: n("consistent")?,
        inconsistent: n("inconsistent")?,
        unverifiable: n("unverifiable")?,
        no_previous_year: n("no_previous_year")?,
        zero_base: n("zero_base")?,
        no_stated: n("no_stated")?,
        shares: match share {
            Some(_) => Some(ShareCounts {
                consistent: n("share_consistent")?,
                inconsistent: n("share_inconsistent")?,
                unverifiable: n("share_unverifiable")?,
                no_whole: n("share_no_whole")?,
                zero_whole: n("share_zero_whole")?,
                no_stated: n("share_no_stated")?,
            }),
            None => None,
        },
    };
    // The columns of a row, as `dataset` writes them.
    let keys = ds.series.len();
    let num = |s: &str| s.parse::<f64>().ok();
    let mut listed_rows = Vec::new();
    for r in &rows {
        if r.len() < keys + 2 {
            return Err(bad("a row"));
        }
        let mut i = keys + 2;
        let stated_change = change.map(|_| {
            i += 1;
            r.get(i - 1).copied().and_then(num)
        });
        let (prev, pct, cagr) = (
            r.get(i).copied().and_then(num),
            r.get(i + 2).copied().and_then(num),
            r.get(i + 3).copied().and_then(num),
        );
        i += 4;
        let (stated_share, whole, computed_share) = match share {
            Some(_) => {
                i += 3;
                (
                    r.get(i - 3).copied().and_then(num),
                    r.get(i - 2).copied().and_then(num),
                    r.get(i - 1).copied().and_then(num),
                )
            }
            None => (None, None, None),
        };
        let verdict = r.get(i).copied().unwrap_or("");
        let share_verdict = r.get(i + 2).copied().unwrap_or("");
        let (Some(year), Some(value)) = (
            r.get(keys).and_then(|y| y.parse::<i32>().ok()),
            r.get(keys + 1).copied().and_then(num),
        ) else {
            return Err(bad("a row"));
        };
        let series: Vec<String> = r[..keys].iter().map(|s| s.to_string()).collect();
        let row = |check, stated: f64, decimals, rounding, base: f64, computed: f64| {
            PanelRow {
                check,
                series: series.clone(),
                year,
                value,
                base,
                stated,
                stated_interval: Bounds::default(),
                computed,
                gap: 0.0,
                line: None,
                series_cagr: cagr,
            }
            .settled(decimals, rounding)
        };
        if let (Some(c), "inconsistent", Some(s), Some(p), Some(pc)) =
            (change, verdict, stated_change.flatten(), prev, pct)
        {
            listed_rows.push(row(PanelCheck::Change, s, c.decimals, c.rounding, p, pc));
        }
        if let (Some(sh), "inconsistent", Some(s), Some(w), Some(cs)) =
            (share, share_verdict, stated_share, whole, computed_share)
        {
            listed_rows.push(row(
                PanelCheck::Share,
                s,
                sh.stated.decimals,
                sh.stated.rounding,
                w,
                cs,
            ));
        }
    }
    // In series and year order, a change before a share, as the local
    // engine lists them.
    listed_rows.sort_by(|a, b| {
        (&a.series, a.year, a.check == PanelCheck::Share).cmp(&(
            &b.series,
            b.year,
            b.check == PanelCheck::Share,
        ))
    });
    listed_rows.truncate(listed);
    Ok(PanelChecked {
        summary,
        file: ds.path.display().to_string(),
        series_columns: ds.series.clone(),
        spec_line: ds.spec_line,
        change_decimals: change.map_or(1, |s| s.decimals),
        share_decimals: share.map_or(1, |s| s.stated.decimals),
        share_of: share.map(|s| ShareOf {
            across: s.across.clone(),
            total: s.total.clone(),
        }),
        inconsistent: listed_rows,
    })
}
