//! The `yoy` binary end to end: exit codes, stdout and stderr, snapshot-tested.

use crate::common::*;

use std::process::Command;

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let r = yoy(args);
    let v = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    (r.code, v)
}

/// The check of `claim` in the JSON output of a one-spec run.
fn claim<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["reports"][0]["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("claim {id} in output"))
}

fn close(v: &serde_json::Value, want: f64, tol: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() <= tol)
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/ (its figures are checked against it)"
)]
fn example_check_table() {
    let r = yoy(&["check", "specs/example.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/ (its figures are checked against it)"
)]
fn example_check_json() {
    let r = yoy(&["check", "specs/example.yaml", "--format", "json"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn example_compare_table() {
    let r = yoy(&["compare", "specs/example.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn fake_news_series_matches_the_brief() {
    let (code, v) = json(&["compare", "specs/example.yaml", "--format", "json"]);
    assert_eq!(code, 0);
    let steps = v["reports"][0]["steps"].as_array().expect("steps");
    let fake: Vec<_> = steps
        .iter()
        .filter(|s| s["indicator"] == "fake_news_denials")
        .collect();
    // 340 (2017) → 288 (2018) → 40 (2024)
    assert!(close(&fake[1]["pct_change"]["lo"], -15.294, 1e-3));
    assert_eq!(fake[1]["years"], 1);
    assert!(close(&fake[2]["pct_change"]["lo"], -86.111, 1e-3));
    assert_eq!(fake[2]["years"], 6);
    let span = v["reports"][0]["spans"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["indicator"] == "fake_news_denials"))
        .expect("span");
    assert!(close(&span["pct_change"]["lo"], -88.235, 1e-3));
    assert!(close(&span["cagr"]["lo"], -26.34, 1e-2));
    let violent = steps
        .iter()
        .find(|s| s["indicator"] == "violent_content" && s["year"] == 2024)
        .expect("step");
    assert!(close(&violent["pct_change"]["lo"], -20.0, 1e-9));
}

#[test]
fn sanctions_are_unverifiable_with_the_implied_2023_range() {
    let (_, v) = json(&["check", "specs/example.yaml", "--format", "json"]);
    let c = claim(&v, "sanctions_down_half");
    assert_eq!(c["verdict"], "unverifiable");
    let check = &c["checks"][0];
    assert_eq!(check["reason"], "missing_figure");
    assert_eq!(check["implied"]["indicator"], "disciplinary_sanctions");
    assert_eq!(check["implied"]["year"], 2023);
    assert_eq!(check["implied"]["range"]["lo"], 2501.0);
    assert_eq!(check["implied"]["range"]["hi"], 2551.0);
}

#[test]
fn unverifiable_fails_only_when_asked() {
    assert_eq!(yoy(&["check", "specs/example.yaml"]).code, 0);
    assert_eq!(
        yoy(&["check", "specs/example.yaml", "--fail-on", "unverifiable"]).code,
        1
    );
}

#[test]
fn a_wrong_change_exits_1_and_says_how_far_off() {
    let r = yoy(&["check", "tests/specs/wrong.yaml"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("off by 5.0 points"), "{}", r.stdout);
    insta::assert_snapshot!(r.stdout);
    let (_, v) = json(&["check", "tests/specs/wrong.yaml", "--format", "json"]);
    let check = &claim(&v, "cases_up_a_quarter")["checks"][0];
    assert!(close(&check["off_by"], -5.0, 1e-9));
    assert!(close(&check["gap"], 4.5, 1e-9));
}

#[test]
fn granularity_of_shares() {
    let r = yoy(&["check", "tests/specs/granularity.yaml"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout);
    let (_, v) = json(&["check", "tests/specs/granularity.yaml", "--format", "json"]);
    let seven = claim(&v, "thirty_three_of_seven");
    assert_eq!(seven["verdict"], "inconsistent");
    assert!(seven["checks"][0]["granularity"]["fitting"].is_null());
    let fits = &claim(&v, "thirty_two_of_363")["checks"][0]["granularity"]["fitting"];
    assert_eq!(fits, &serde_json::json!([115, 117]));
    // 1/8 = 12.5 % exactly: either rounding direction is accepted by default,
    // but not under half-up rounding.
    assert_eq!(
        claim(&v, "one_eighth_rounded_down")["verdict"],
        "consistent"
    );
    assert_eq!(claim(&v, "one_eighth_rounded_up")["verdict"], "consistent");
    assert_eq!(claim(&v, "one_eighth_one_decimal")["verdict"], "consistent");
    assert_eq!(claim(&v, "one_eighth_half_up")["verdict"], "inconsistent");
}

#[test]
fn every_claim_kind() {
    let r = yoy(&["check", "tests/specs/kinds.yaml"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout);
    let (_, v) = json(&["check", "tests/specs/kinds.yaml", "--format", "json"]);
    let verdicts = [
        ("sum_holds", "consistent"),
        ("subset_holds", "consistent"),
        ("subset_fails", "inconsistent"),
        ("shares_leave_room", "consistent"),
        ("shares_exhaustive_fail", "inconsistent"),
        ("equal_holds", "consistent"),
        ("equal_fails", "inconsistent"),
        ("product_holds", "consistent"),
        ("ratio_stated", "consistent"),
        ("ratio_computed", "computed"),
        ("points_hold", "consistent"),
        ("doubled", "consistent"),
        ("tripled_fails", "inconsistent"),
        ("cameras_at_least", "consistent"),
    ];
    for (id, want) in verdicts {
        assert_eq!(claim(&v, id)["verdict"], want, "{id}");
    }
    let rem = &claim(&v, "shares_leave_room")["checks"][0]["remainder"];
    assert!(close(&rem["lo"], 7.0, 1e-9) && close(&rem["hi"], 9.0, 1e-9));
    assert_eq!(v["schema_version"], 6);
}

#[test]
fn spec_mistakes_are_located_and_exit_2() {
    let r = yoy(&["check", "tests/specs/bad_unknown_indicator.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("did you mean `id_cards_total`?"));
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn unreadable_inputs_exit_2() {
    let missing = yoy(&["check", "tests/specs/no_such_spec.yaml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("tests/specs/no_such_spec.yaml"));
    // A folder is every spec in it; one without any is an error.
    let dir = yoy(&["check", "tests"]);
    assert_eq!(dir.code, 2);
    assert!(dir.stderr.contains("tests"), "{}", dir.stderr);
    let forms = yoy(&["check", "tests/forms"]);
    assert_eq!(forms.code, 1, "{}", forms.stderr);
    assert!(forms.stdout.contains("all specs:"));
    // `-` is a spec on standard input.
    let spec = std::fs::read("tests/specs/wrong.yaml").expect("spec");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(["check", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("yoy runs");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&spec)
            .expect("write");
    }
    let out = child.wait_with_output().expect("yoy ends");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"spec\": \"<stdin>\""));
    let flag = yoy(&["check", "--format", "yaml", "specs/example.yaml"]);
    assert_eq!(flag.code, 2);
}

#[test]
fn broken_yaml_exits_2_with_its_line() {
    let dir = std::env::temp_dir().join(format!("yoy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cases = [
        (
            "broken.yaml",
            "report: {id: x\nindicators: [\n",
            "broken.yaml:",
        ),
        ("list.yaml", "- 1\n- 2\n", "a spec is a mapping"),
        ("empty.yaml", "\n\n", "the spec is empty"),
        (
            "typo.yaml",
            "report: {id: x, yeer: 2024}\n",
            "did you mean `year`?",
        ),
        (
            "huge.yaml",
            "report: {id: x, year: 2024}\nindicators:\n  a: {values: {2024: 1e400}}\n",
            "is not a finite number",
        ),
        (
            "big.yaml",
            "report: {id: x, year: 2024}\nindicators:\n  a: {values: {2024: 9007199254740993}}\n",
            "2^53",
        ),
        (
            "neg.yaml",
            "report: {id: x, year: 2024}\nindicators:\n  a: {values: {2024: -3}}\n",
            "cannot be negative",
        ),
        (
            "fraction.yaml",
            "report: {id: x, year: 2024}\nindicators:\n  a: {values: {2024: 10}}\nclaims:\n  - {id: s, share: 0.32, of: a}\n",
            "looks like a fraction",
        ),
    ];
    for (name, text, expect) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write spec");
        let r = yoy(&["check", path.to_str().expect("utf-8 path")]);
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{name}: {}", r.stderr);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    // Not a terminal: no colour by default.
    let plain = yoy(&["check", "tests/specs/wrong.yaml"]);
    assert!(!plain.stdout.contains('\x1b'));
    let forced = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(["--color", "always", "check", "tests/specs/wrong.yaml"])
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b[1;31m1 inconsistent"));
    let vetoed = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args([
            "--color",
            "always",
            "check",
            "tests/specs/bad_unknown_indicator.yaml",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&vetoed.stderr).contains('\x1b'));
}

#[test]
fn a_spec_with_nothing_to_check_is_an_error() {
    let d = temp_dir("nothing");
    let spec = d.join("bare.yaml");
    std::fs::write(
        &spec,
        "report: {id: bare}\nindicators:\n  a: {values: {2020: 1, 2021: 2}}\n",
    )
    .expect("write");
    let path = spec.to_string_lossy().into_owned();
    let r = yoy(&["check", &path]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("nothing to check"), "{}", r.stderr);
    // Its series are still there to compare.
    assert_eq!(yoy(&["compare", &path]).code, 0);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn explain_without_a_claim_lists_them_and_quiet_and_exit_zero_do_what_they_say() {
    let r = yoy(&["explain", "specs/example.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
    // Quiet: nothing on stdout, the exit code says it.
    let r = yoy(&["check", "tests/specs/wrong.yaml", "--quiet"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    // Exit zero: the report, and 0 although a claim fails.
    let r = yoy(&["check", "tests/specs/wrong.yaml", "--exit-zero"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("1 inconsistent"), "{}", r.stdout);
    // Errors still exit 2.
    assert_eq!(
        yoy(&["check", "tests/specs/no_such.yaml", "--exit-zero"]).code,
        2
    );
}

#[test]
fn list_explain_json_completions_man_and_picking_claims() {
    let r = yoy(&["list", "tests/forms/factors.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("list_factors", r.stdout);
    let r = yoy(&[
        "explain",
        "tests/specs/wrong.yaml",
        "cases_up_a_quarter",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["command"], "explain");
    assert_eq!(v["claim"]["verdict"], "inconsistent");
    assert_eq!(v["yoy_version"], env!("CARGO_PKG_VERSION"));
    insta::assert_snapshot!("explain_json", r.stdout);
    for shell in ["bash", "zsh", "fish"] {
        let r = yoy(&["completions", shell]);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains("yoy") && r.stdout.contains("explain"),
            "{shell}"
        );
    }
    let r = yoy(&["man"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains(".TH yoy 1") && r.stdout.contains("check"),
        "{}",
        r.stdout
    );
    // --select and --ignore: ids with wildcards, or kinds.
    let count = |args: &[&str]| -> u64 {
        let mut a = vec!["check", "tests/forms/factors.yaml", "--format", "json"];
        a.extend_from_slice(args);
        let r = yoy(&a);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
        v["summary"]["claims"].as_u64().unwrap_or(0)
    };
    assert_eq!(count(&[]), 7);
    assert_eq!(count(&["--select", "*doubled"]), 3);
    assert_eq!(count(&["--select", "raids_*", "--ignore", "*plus_one"]), 1);
    let r = yoy(&["check", "tests/forms/factors.yaml", "--ignore", "multiple"]);
    assert_eq!(r.code, 2, "nothing left to check");
    // SARIF: every rule has help; paths are relative to %SRCROOT%.
    let r = yoy(&[
        "check",
        "tests/specs/wrong.yaml",
        "--format",
        "sarif",
        "--sarif-root",
        ".",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF");
    for rule in v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
    {
        assert!(
            rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
    }
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    assert!(
        v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/'))
    );
    // A panel's row is located in its dataset's file.
    let r = yoy(&["check", "tests/panels/shares.yaml", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF");
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|x| x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert_eq!(
        uris,
        ["tests/panels/shares.csv", "tests/panels/shares_sum.csv"]
    );
}

#[test]
fn the_table_follows_the_width_it_is_given() {
    let wide = yoy_env(
        &["check", "tests/forms/qualifiers.yaml"],
        &[("COLUMNS", "140")],
    );
    let narrow = yoy_env(
        &["check", "tests/forms/qualifiers.yaml"],
        &[("COLUMNS", "70")],
    );
    let widest = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest(&narrow.stdout) <= 70, "{}", narrow.stdout);
    assert!(widest(&wide.stdout) <= 140, "{}", wide.stdout);
    // Wider, the claim column no longer wraps.
    assert!(wide.stdout.contains("sanctions_more_than_half (change)"));
    assert!(!narrow.stdout.contains("sanctions_more_than_half (change)"));
}
