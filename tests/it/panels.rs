//! Datasets: every row with a published change is a claim. The shipped sample
//! reproduces its generator's exact counts; small panels cover the edges.

use crate::common::*;

use std::collections::BTreeMap;

fn dataset_counts(args: &[&str]) -> (i32, serde_json::Value) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let r = yoy(&a);
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
    (r.code, v["reports"][0]["datasets"][0].clone())
}

/// The generator's exact-arithmetic counts, shipped beside the sample.
fn truth() -> BTreeMap<String, u64> {
    std::fs::read_to_string("datasets/panel.truth.txt")
        .expect("truth file")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_string(), v.trim().parse().ok()?))
        })
        .collect()
}

fn assert_matches_truth(d: &serde_json::Value) {
    let t = truth();
    let get = |k: &str| d[k].as_u64().unwrap_or(u64::MAX);
    assert_eq!(get("rows"), t["rows"]);
    assert_eq!(get("series"), t["series"]);
    assert_eq!(get("series_with_cagr"), t["series_with_cagr"]);
    assert_eq!(get("consistent"), t["consistent"]);
    assert_eq!(get("inconsistent"), t["inconsistent"]);
    assert_eq!(get("unverifiable"), t["unverifiable"]);
    let r = &d["unverifiable_by_reason"];
    assert_eq!(
        r["no_previous_year"].as_u64(),
        Some(t["unverifiable_no_prev"])
    );
    assert_eq!(r["zero_base"].as_u64(), Some(t["unverifiable_zero_prev"]));
    assert_eq!(r["no_stated"].as_u64(), Some(t["unverifiable_no_stated"]));
}

#[test]
fn the_shipped_sample_reproduces_its_exact_counts() {
    let (code, d) = dataset_counts(&["check", "specs/panel.yaml"]);
    assert_eq!(code, 1, "the sample has deliberate errors");
    assert_matches_truth(&d);
}

#[test]
fn parquet_gives_the_same_counts() {
    let (_, d) = dataset_counts(&["check", "tests/panels/parquet.yaml"]);
    assert_matches_truth(&d);
}

#[test]
fn the_terminal_table_is_bounded_and_files_are_complete() {
    let r = yoy(&["check", "specs/panel.yaml"]);
    assert!(
        r.stdout.contains("20 of 143 inconsistent rows shown"),
        "{}",
        r.stdout
    );
    let d = temp_dir("files");
    let rows = d.join("inconsistent.csv");
    let csv = d.join("claims.csv");
    let r = yoy(&[
        "check",
        "specs/panel.yaml",
        "--inconsistent-rows",
        &rows.to_string_lossy(),
        "--csv",
        &csv.to_string_lossy(),
    ]);
    assert_eq!(r.code, 1);
    let written = std::fs::read_to_string(&rows).expect("rows file");
    assert_eq!(written.lines().count(), 1 + 143);
    assert_eq!(
        written.lines().next(),
        Some("indicator,region,year,value,stated_pct,prev_value,delta,pct_change,series_cagr_pct")
    );
    assert_eq!(
        std::fs::read_to_string(&csv).expect("csv").lines().count(),
        1 + 143
    );
    insta::assert_snapshot!(written);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn every_row_on_request_as_csv_or_parquet() {
    let d = temp_dir("rows");
    for name in ["rows.csv", "rows.parquet"] {
        let path = d.join(name);
        let r = yoy(&[
            "check",
            "specs/panel.yaml",
            "--rows",
            &path.to_string_lossy(),
        ]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let bytes = std::fs::read(&path).expect("written");
        if name.ends_with(".csv") {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert_eq!(text.lines().count(), 1 + 7357);
            assert!(
                text.lines()
                    .next()
                    .is_some_and(|h| h.ends_with("series_cagr_pct,verdict,reason")),
                "{}",
                text.lines().next().unwrap_or_default()
            );
            assert_eq!(text.matches(",inconsistent,").count(), 143);
            assert_eq!(text.matches(",unverifiable,no_previous_year").count(), 493);
        } else {
            assert_eq!(&bytes[..4], b"PAR1", "a Parquet file");
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn gaps_zero_bases_empty_cells_halves_and_awkward_keys() {
    let (code, d) = dataset_counts(&["check", "tests/panels/edge.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(d["rows"], 12);
    assert_eq!(d["series"], 3);
    assert_eq!(
        d["series_with_cagr"], 2,
        "a series starting at 0 has no CAGR"
    );
    assert_eq!(
        d["consistent"], 5,
        "0.15 % stated as 0.1 and as 0.2, -0.0 for no change"
    );
    assert_eq!(d["inconsistent"], 1);
    assert_eq!(
        d["unverifiable_by_reason"]["no_previous_year"], 4,
        "first rows, and the row after a gap"
    );
    assert_eq!(d["unverifiable_by_reason"]["zero_base"], 1);
    assert_eq!(d["unverifiable_by_reason"]["no_stated"], 1);
    let r = yoy(&["check", "tests/panels/edge.yaml", "--format", "csv"]);
    insta::assert_snapshot!(r.stdout);
    let dir = temp_dir("edge");
    let rows = dir.join("rows.csv");
    yoy(&[
        "check",
        "tests/panels/edge.yaml",
        "--rows",
        &rows.to_string_lossy(),
    ]);
    let text = std::fs::read_to_string(&rows).expect("rows");
    // Keys with commas are quoted; accents survive.
    assert!(
        text.contains("\"Bonaire, Sint Eustatius and Saba\",2004,2100,5.0,,,,"),
        "{text}"
    );
    assert!(text.contains("Côte d'Ivoire,2001,10,5.0,0,10,,"), "{text}");
    insta::assert_snapshot!(text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn semicolons_and_decimal_commas_read_as_commas_and_points() {
    // The edge panel again, written the way many statistical offices write
    // CSV: `;` between fields, `0,1` for decimals, a key holding `;`.
    let (code, semicolon) = dataset_counts(&["check", "tests/panels/semicolon.yaml"]);
    let (_, comma) = dataset_counts(&["check", "tests/panels/edge.yaml"]);
    assert_eq!(code, 1);
    let counts = |d: &serde_json::Value| {
        let mut d = d.clone();
        d["path"] = serde_json::Value::Null;
        d
    };
    assert_eq!(counts(&semicolon), counts(&comma));
    let r = yoy(&["check", "tests/panels/semicolon.yaml", "--format", "csv"]);
    assert!(r.stdout.contains("edge[c | Åland][2002]"), "{}", r.stdout);
    let dir = temp_dir("semicolon");
    let rows = dir.join("rows.csv");
    yoy(&[
        "check",
        "tests/panels/semicolon.yaml",
        "--rows",
        &rows.to_string_lossy(),
    ]);
    let text = std::fs::read_to_string(&rows).expect("rows");
    // Read with `;` and decimal commas; written as standard CSV.
    assert!(
        text.contains("b,Côte d'Ivoire; CI,2001,10,5.0,0,10,,"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_datasets_are_clear_errors() {
    for (spec, expect) in [
        (
            "duplicates",
            "2 row(s) repeating a series and year already given (a | x in 2001)",
        ),
        (
            "unparsable",
            "could not parse `eleven` as dtype `i64` at column 'value'",
        ),
        (
            "missing_column",
            "has no column `values` (did you mean `value`?)",
        ),
        ("missing_file", "no_such_file.csv"),
        (
            "open_quote",
            "a quote opened on line 3 of the file is never closed",
        ),
        (
            "ragged",
            "line 4 of the file has 6 fields where the header has 5",
        ),
        (
            "latin1",
            "on line 2 of the file (byte 41); a key cell is not UTF-8 text: save the file as UTF-8",
        ),
        (
            "reserved",
            "its column `offset` has a name yoy gives one of its own working columns",
        ),
    ] {
        let r = yoy(&["check", &format!("tests/panels/{spec}.yaml")]);
        assert_eq!(r.code, 2, "{spec}");
        assert!(r.stderr.contains(expect), "{spec}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        insta::assert_snapshot!(format!("bad_dataset_{spec}"), r.stderr);
    }
}

#[test]
fn repeated_rows_are_counted_over_every_part() {
    // Whole, and in parts of 2 rows: the same two rows.
    for memory in [&[][..], &["--part-rows", "2"][..]] {
        let mut args = vec!["check", "tests/panels/duplicates.yaml"];
        args.extend(memory);
        let r = yoy(&args);
        assert_eq!(r.code, 2, "{memory:?}");
        assert!(
            r.stderr.contains("has 2 row(s) repeating"),
            "{memory:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_panel_read_in_parts_gives_what_it_gives_whole() {
    let d = temp_dir("parts");
    let run = |name: &str, memory: &[&str]| {
        let rows = d.join(format!("{name}-rows.csv"));
        let inconsistent = d.join(format!("{name}-inconsistent.csv"));
        let mut args = vec![
            "check",
            "specs/panel.yaml",
            "--format",
            "json",
            "--rows",
            rows.to_str().expect("utf-8 path"),
            "--inconsistent-rows",
            inconsistent.to_str().expect("utf-8 path"),
        ];
        args.extend(memory);
        let r = yoy(&args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let text = |p: &std::path::Path| std::fs::read_to_string(p).expect("written");
        (r.stdout, text(&rows), text(&inconsistent))
    };
    let as_set = |text: &str| {
        let mut lines: Vec<&str> = text.lines().collect();
        let header = lines.remove(0);
        lines.sort();
        (header.to_string(), lines.join("\n"))
    };
    let whole = run("whole", &[]);
    // 7 357 rows in parts of at most 83 rows, fewer than one indicator has
    // (about 736): hash parts, each written in order.
    let hashed = run("hashed", &["--part-rows", "83"]);
    assert_eq!(whole.0, hashed.0, "the same report, listed rows and all");
    assert_eq!(
        as_set(&whole.1),
        as_set(&hashed.1),
        "the same rows, up to order"
    );
    assert_eq!(as_set(&whole.2), as_set(&hashed.2));
    assert_ne!(
        whole.1, hashed.1,
        "hash parts are in order within each part"
    );
    // Parts of at most 818 rows, an indicator each: ranges of the
    // indicators' names, and files in order as a whole.
    let ranged = run("ranged", &["--part-rows", "818"]);
    assert_eq!(
        whole, ranged,
        "the same report and the same files, byte for byte"
    );
    assert_eq!(ranged.1.lines().count(), 1 + 7357);
    assert_eq!(ranged.2.lines().count(), 1 + 143);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_memory_size_must_be_a_size() {
    for bad in ["lots", "0", "5XB", "12 parsecs"] {
        let r = yoy(&["check", "specs/panel.yaml", "--memory", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("is not a size"), "{bad}: {}", r.stderr);
    }
    let r = yoy(&["check", "specs/panel.yaml", "--memory", "1.5GiB"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // Less than a check holds whatever the panel's size: refused, with the least.
    for small in ["1", "1KB", "100MiB"] {
        let r = yoy(&["check", "specs/panel.yaml", "--memory", small]);
        assert_eq!(r.code, 2, "{small}: {}", r.stderr);
        assert!(
            r.stderr.contains("give at least 150 MiB"),
            "{small}: {}",
            r.stderr
        );
    }
}

#[test]
fn stated_shares_of_a_total_row_or_of_a_sum() {
    let r = yoy(&["check", "tests/panels/shares.yaml", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let datasets = &v["reports"][0]["datasets"];
    let shares = |i: usize| &datasets[i]["shares"];
    // Of a total row: 41.0 % stated for 417 of 1 000; a group without its total
    // row (2); a zero total (2); one share not stated.
    assert_eq!(shares(0)["consistent"], 6);
    assert_eq!(shares(0)["inconsistent"], 1);
    assert_eq!(shares(0)["unverifiable_by_reason"]["no_whole"], 2);
    assert_eq!(shares(0)["unverifiable_by_reason"]["zero_whole"], 2);
    assert_eq!(shares(0)["unverifiable_by_reason"]["no_stated"], 1);
    // Of a sum: 62.0 % stated for 60 of 96 (62.5 %); 12.5 % exactly holds; a
    // group with an empty value has no whole.
    assert_eq!(shares(1)["consistent"], 5);
    assert_eq!(shares(1)["inconsistent"], 1);
    assert_eq!(shares(1)["unverifiable_by_reason"]["no_whole"], 2);
    // No stated change column: no change is claimed.
    assert_eq!(datasets[1]["consistent"], 0);
    assert_eq!(datasets[1]["unverifiable"], 0);
    let claims: Vec<&str> = v["reports"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        claims,
        [
            "regions[jobs | Île-de-France][2020][share]",
            "sectors[DE | services][2020][share]"
        ]
    );
    assert_eq!(v["summary"]["claims"], 12 + 12 + 8);
}

#[test]
fn every_row_of_a_shares_panel_on_request() {
    let dir = temp_dir("shares-rows");
    let rows = dir.join("rows.csv");
    let r = yoy(&[
        "check",
        "tests/panels/shares.yaml",
        "--rows",
        &rows.to_string_lossy(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // One file a dataset, each with the change's and the share's columns.
    for id in ["regions", "sectors"] {
        let text = std::fs::read_to_string(dir.join(format!("rows.{id}.csv"))).expect("written");
        assert!(
            text.lines()
                .next()
                .unwrap_or_default()
                .ends_with("whole,computed_share_pct,verdict,reason,share_verdict,share_reason")
        );
        insta::assert_snapshot!(format!("shares_rows_{id}"), text);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shares_read_in_parts_keep_their_groups_whole() {
    let run = |memory: &[&str]| {
        let mut args = vec!["check", "tests/panels/shares.yaml", "--format", "json"];
        args.extend(memory);
        let r = yoy(&args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        r.stdout
    };
    // 12 and 8 rows in parts of one row: 12 and 8 parts.
    assert_eq!(run(&[]), run(&["--part-rows", "1"]));
}

#[test]
fn a_parquet_panel_read_in_parts_gives_what_it_gives_whole() {
    let run = |memory: &[&str]| {
        let mut args = vec!["check", "tests/panels/parquet.yaml", "--format", "json"];
        args.extend(memory);
        let r = yoy(&args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        r.stdout
    };
    let whole = run(&[]);
    assert!(whole.contains("\"inconsistent\": 143"), "{whole}");
    // Hash parts (37 of at most 199 rows), and ranges of the indicators
    // (parts of at most 1 840 rows).
    assert_eq!(whole, run(&["--part-rows", "199"]));
    assert_eq!(whole, run(&["--part-rows", "1840"]));
    // The every-row file of the ranges, byte for byte the whole run's.
    let d = temp_dir("parquet-parts");
    let rows = |name: &str, memory: &[&str]| {
        let path = d.join(format!("{name}.csv"));
        let mut args = vec!["check", "tests/panels/parquet.yaml", "--rows"];
        args.push(path.to_str().expect("utf-8 path"));
        args.extend(memory);
        assert_eq!(yoy(&args).code, 1);
        std::fs::read_to_string(&path).expect("written")
    };
    assert_eq!(rows("whole", &[]), rows("ranged", &["--part-rows", "833"]));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn typed_columns_are_read_as_stated_or_refused_with_the_row() {
    // tests/panels/typed/make.py wrote these: a Parquet column of a type yoy
    // must not take silently, or a cell no figure can be.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    insta::glob!("..", "panels/typed/*.yaml", |path| {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let r = yoy(&["check", &rel]);
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        // Read as documented: integer keys as their text, a float amount as is.
        let readable = matches!(name.as_deref(), Some("integer_keys" | "float_amount"));
        if readable {
            assert!(r.code == 0 || r.code == 1, "{rel}: {}", r.stderr);
        } else {
            assert_eq!(r.code, 2, "{rel}: {}", r.stdout);
            assert!(
                r.stderr.contains("cannot read dataset `typed`"),
                "{rel}: {}",
                r.stderr
            );
            assert!(r.stdout.is_empty());
        }
        insta::assert_snapshot!(format!("exit: {}\n{}{}", r.code, r.stdout, r.stderr));
        count += 1;
    });
    assert!(count >= 15, "only {count} typed datasets");
}

#[test]
fn integer_keys_keep_their_text() {
    let r = yoy(&[
        "check",
        "tests/panels/typed/integer_keys.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = temp_dir("intkeys");
    let rows = dir.join("rows.csv");
    let r = yoy(&[
        "check",
        "tests/panels/typed/integer_keys.yaml",
        "--rows",
        rows.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&rows).expect("rows file");
    assert!(text.contains("\n7,2020,100,"), "{text}");
    assert!(text.contains("\n12,2021,40,"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn line_ends_of_cr_alone_are_refused_at_once() {
    let dir = temp_dir("cr");
    let data = dir.join("cr.csv");
    let mut body = String::from("indicator,year,value,stated_pct");
    for i in 0..200_000 {
        body.push_str(&format!("\ri{i},2020,{i},"));
    }
    std::fs::write(&data, body).expect("write");
    let spec = dir.join("cr.yaml");
    std::fs::write(
        &spec,
        "report: {id: cr}\ndatasets:\n  cr: {path: cr.csv, series: [indicator], year: year, value: value, stated_change: {column: stated_pct, decimals: 1}}\n",
    )
    .expect("write");
    let r = yoy(&["check", spec.to_str().expect("utf-8")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("its lines end with CR alone"),
        "{}",
        r.stderr
    );
    // The message is a line, not the file.
    assert!(r.stderr.len() < 500, "{} bytes", r.stderr.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_gives_a_panels_series() {
    let r = yoy(&["compare", "tests/panels/shares.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("compare_shares_panel", r.stdout);
    let r = yoy(&["compare", "specs/panel.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let spans = v["reports"][0]["spans"].as_array().expect("spans");
    // Every series with two years or more (the 300 series, less those of one row).
    let c = yoy(&["check", "specs/panel.yaml", "--format", "json"]);
    let cv: serde_json::Value = serde_json::from_str(&c.stdout).expect("JSON");
    let with_cagr = cv["reports"][0]["datasets"][0]["series_with_cagr"]
        .as_u64()
        .unwrap_or(0) as usize;
    assert!(
        spans.len() >= with_cagr && spans.len() <= 300,
        "{} spans",
        spans.len()
    );
    assert!(spans.iter().all(|s| {
        s["indicator"]
            .as_str()
            .is_some_and(|i| i.starts_with("panel["))
    }));
    let with = spans.iter().filter(|s| !s["cagr"].is_null()).count();
    assert_eq!(with, with_cagr, "a CAGR where check counts one");
}

#[test]
fn explain_any_row_of_a_panel() {
    // A consistent row and a share, by the ids findings give rows.
    let r = yoy(&[
        "explain",
        "specs/panel.yaml",
        "panel[births_0001 | GR-00012][2000]",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("verdict: consistent"), "{}", r.stdout);
    insta::assert_snapshot!("explain_panel_row", r.stdout);
    let r = yoy(&[
        "explain",
        "tests/panels/shares.yaml",
        "regions[jobs | North][2020][share]",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("100 × jobs | North 2020 / jobs | Total 2020"),
        "{}",
        r.stdout
    );
    // An inconsistent one exits 1, as check would.
    let r = yoy(&[
        "explain",
        "tests/panels/shares.yaml",
        "regions[jobs | Île-de-France][2020][share]",
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    // A first year has nothing to compare with.
    let r = yoy(&[
        "explain",
        "specs/panel.yaml",
        "panel[births_0001 | GR-00012][1999]",
    ]);
    assert!(r.stdout.contains("unverifiable"), "{}", r.stdout);
    // No such row: the usual error, with exit 2.
    let r = yoy(&["explain", "specs/panel.yaml", "panel[no | such][2000]"]);
    assert_eq!(r.code, 2);
}

/// SARIF and GitHub annotations point at a panel's row where an editor shows
/// it: line ends inside quotes, blank lines and CRLF all counted. A Parquet
/// file has no lines: its rows stand at the dataset's line of the spec.
#[test]
fn sarif_and_github_point_at_each_rows_own_line() {
    let r = yoy(&["check", "tests/panels/lines.yaml", "--format", "sarif"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).expect("sarif");
    let mut at: Vec<(String, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|res| {
            let loc = &res["locations"][0]["physicalLocation"];
            (
                res["partialFingerprints"]["claimId/v1"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                loc["region"]["startLine"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    at.sort();
    assert_eq!(
        at,
        vec![
            (
                "lines-panel/sales[sales | \"the \"\"far\"\"\r\nsouth\"][2022]".to_string(),
                9
            ),
            ("lines-panel/sales[sales | north][2022]".to_string(), 8),
        ]
    );
    let r = yoy(&["check", "tests/panels/lines.yaml", "--format", "github"]);
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("::error file=tests/panels/lines.csv,line="))
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(lines, vec!["8", "9"]);
    let r = yoy(&["check", "tests/panels/parquet.yaml", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for res in results {
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "tests/panels/parquet.yaml");
        assert_eq!(
            loc["region"]["startLine"], 4,
            "the dataset's line of the spec"
        );
    }
}
