//! `yoy sql`: the SQL it writes parses in each engine's dialect, and run on
//! DuckDB it decides every row of a panel as `yoy check --rows` does, with
//! the same counts.

use crate::common::*;
use sqlparser::dialect::{BigQueryDialect, DuckDbDialect, GenericDialect, HiveDialect};
use sqlparser::parser::Parser;
use std::collections::BTreeMap;

const PANELS: [&str; 4] = [
    "specs/panel.yaml",
    "tests/panels/shares.yaml",
    "tests/panels/parquet.yaml",
    "tests/panels/edge.yaml",
];

fn sql(spec: &str, dialect: &str, table: Option<&str>) -> String {
    let mut args = vec!["sql", spec, "--dialect", dialect];
    if let Some(t) = table {
        args.extend(["--table", t]);
    }
    let r = yoy(&args);
    assert_eq!(r.code, 0, "{spec} {dialect}: {}", r.stderr);
    r.stdout
}

/// The statements of a script, comments dropped.
fn statements(script: &str) -> Vec<String> {
    script
        .split(";\n")
        .map(|s| {
            s.lines()
                .filter(|l| !l.starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

#[test]
fn the_sql_parses_in_every_dialect() {
    for spec in PANELS {
        for (dialect, table) in [
            ("duckdb", None),
            ("spark", None),
            ("trino", Some("stats.panel")),
            ("bigquery", Some("stats.panel")),
        ] {
            let script = sql(spec, dialect, table);
            for s in statements(&script) {
                // Spark's CREATE ... USING csv OPTIONS is Hive's DDL; its
                // queries, Hive's dialect.
                let parsed = match dialect {
                    "duckdb" => Parser::parse_sql(&DuckDbDialect {}, &s),
                    "spark" if s.contains(" USING ") => Ok(Vec::new()),
                    "spark" => Parser::parse_sql(&HiveDialect {}, &s),
                    "bigquery" => Parser::parse_sql(&BigQueryDialect {}, &s),
                    _ => Parser::parse_sql(&GenericDialect {}, &s),
                };
                assert!(parsed.is_ok(), "{spec} {dialect}: {parsed:?}\n{s}");
            }
        }
    }
    insta::assert_snapshot!(
        "sql_shares_duckdb",
        sql("tests/panels/shares.yaml", "duckdb", None)
    );
    insta::assert_snapshot!("sql_panel_spark", sql("specs/panel.yaml", "spark", None));
    insta::assert_snapshot!(
        "sql_panel_bigquery",
        sql("specs/panel.yaml", "bigquery", Some("stats.panel"))
    );
}

#[test]
fn trino_and_bigquery_need_a_table_and_amounts_are_refused() {
    let r = yoy(&["sql", "specs/panel.yaml", "--dialect", "trino"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--table"), "{}", r.stderr);
    let r = yoy(&["sql", "specs/example.yaml", "--dialect", "duckdb"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no datasets"), "{}", r.stderr);
}

/// A CSV line's fields (RFC 4180 quoting).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Every row's (keys and year) → verdicts, from `yoy check --rows`.
fn yoy_rows(path: &std::path::Path, keys: usize) -> BTreeMap<Vec<String>, Vec<String>> {
    let text = std::fs::read_to_string(path).expect("rows file");
    let mut lines = text.lines();
    let header = fields(lines.next().expect("header"));
    let at = |name: &str| header.iter().position(|h| h == name);
    let mut out = BTreeMap::new();
    for l in lines {
        let f = fields(l);
        let mut key: Vec<String> = f[..keys].to_vec();
        key.push(f[keys].clone());
        let verdicts: Vec<String> = ["verdict", "reason", "share_verdict", "share_reason"]
            .iter()
            .filter_map(|n| at(n).map(|i| f[i].clone()))
            .collect();
        out.insert(key, verdicts);
    }
    out
}

#[test]
#[cfg_attr(
    not(duckdb_python),
    ignore = "SKIPPED: needs DuckDB's Python package (python3 -m pip install duckdb)"
)]
fn on_duckdb_every_row_is_decided_as_yoy_decides_it() {
    let d = temp_dir("sql-duckdb");
    for spec in PANELS {
        let script = d.join("run.sql");
        std::fs::write(&script, sql(spec, "duckdb", None)).expect("write");
        let out = std::process::Command::new("python3")
            .args(["src/sql/run.py", "duckdb", &script.to_string_lossy()])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let rows = d.join("rows.csv");
        let r = yoy(&[
            "check",
            spec,
            "--rows",
            &rows.to_string_lossy(),
            "--format",
            "json",
        ]);
        assert!(r.code == 0 || r.code == 1, "{spec}: {}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
        let loaded = yoy::spec::load(std::path::Path::new(spec)).expect("spec");
        // The SQL's output, one dataset after another, in the spec's order.
        let mut blocks = text.split("rows: ").skip(1);
        for (i, ds) in loaded.datasets.iter().enumerate() {
            let block = blocks.next().expect("a block per dataset");
            let count = |name: &str| -> u64 {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{spec}: no {name}"))
            };
            let want = &v["reports"][0]["datasets"][i];
            for name in ["consistent", "inconsistent", "unverifiable"] {
                assert_eq!(
                    count(name),
                    want[name].as_u64().unwrap_or(0),
                    "{spec} {name}"
                );
            }
            for name in ["no_previous_year", "zero_base", "no_stated"] {
                assert_eq!(
                    count(name),
                    want["unverifiable_by_reason"][name].as_u64().unwrap_or(0),
                    "{spec} {name}"
                );
            }
            assert_eq!(Some(count("series")), want["series"].as_u64(), "{spec}");
            if !want["shares"].is_null() {
                for name in ["consistent", "inconsistent", "unverifiable"] {
                    assert_eq!(
                        count(&format!("share_{name}")),
                        want["shares"][name].as_u64().unwrap_or(0),
                        "{spec} share {name}"
                    );
                }
            }
            // Every row's verdicts.
            let path = if loaded.datasets.len() > 1 {
                d.join(format!("rows.{}.csv", ds.id))
            } else {
                rows.clone()
            };
            let mine = yoy_rows(&path, ds.series.len());
            let keys = ds.series.len();
            let mut seen = 0;
            for l in block.lines().filter_map(|l| l.strip_prefix("row:\t")) {
                let f: Vec<&str> = l.split('\t').collect();
                let mut key: Vec<String> = f[..=keys].iter().map(|s| s.to_string()).collect();
                key[keys] = f[keys].to_string();
                let want = mine
                    .get(&key)
                    .unwrap_or_else(|| panic!("{spec}: no row {key:?} in yoy's"));
                let n = want.len();
                let got: Vec<String> = f[f.len() - n..].iter().map(|s| s.to_string()).collect();
                assert_eq!(&got, want, "{spec} {key:?}");
                seen += 1;
            }
            assert_eq!(seen, mine.len(), "{spec}: every row");
        }
    }
}

#[test]
#[cfg_attr(
    not(duckdb_python),
    ignore = "SKIPPED: needs DuckDB's Python package (python3 -m pip install duckdb)"
)]
fn engine_duckdb_reports_what_the_local_engine_does() {
    for spec in PANELS {
        for format in ["json", "table", "markdown"] {
            let local = yoy(&["check", spec, "--format", format, "--today=2026-01-01"]);
            let duck = yoy(&[
                "check",
                spec,
                "--format",
                format,
                "--today=2026-01-01",
                "--engine",
                "duckdb",
            ]);
            assert_eq!(duck.code, local.code, "{spec} {format}: {}", duck.stderr);
            assert_eq!(duck.stdout, local.stdout, "{spec} {format}");
        }
    }
    let d = temp_dir("sql-engine-rows");
    let rows = d.join("rows.csv");
    let r = yoy(&[
        "check",
        "specs/panel.yaml",
        "--engine",
        "duckdb",
        "--rows",
        &rows.to_string_lossy(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("writes no row files"), "{}", r.stderr);
}
