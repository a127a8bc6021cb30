//! Every number of a report's source accounted for (`tests/coverage/`): what
//! a spec records, what it ignores with a reason, years and dates told as
//! such, and the rest found as `not_encoded`, in every format; failing a run
//! only with `--fail-on not-encoded`. The DGSN spec accounts for every number
//! of its article.

use crate::common::*;

const SPEC: &str = "tests/coverage/spec.yaml";

#[test]
fn the_numbers_a_spec_leaves_out_are_found() {
    let r = yoy(&["check", SPEC, "--format", "json"]);
    assert_eq!(r.code, 0, "not encoded fails only when asked: {}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let cov = &v["reports"][0]["coverage"];
    assert_eq!(cov["recorded"], 2, "{cov}");
    // "part 2/2" holds two numbers; "Call 19 or 112", two more.
    assert_eq!(cov["ignored"], 4, "{cov}");
    assert_eq!(cov["not_encoded"], 3, "{cov}");
    // 2024 (twice: the title and "fell ... on 2023" aside), 2023, 2025.
    assert_eq!(cov["years"], 4, "{cov}");
    assert_eq!(cov["dates"], 1, "{cov}");
    assert_eq!(v["summary"]["not_encoded"], 3);
    let left: Vec<&str> = v["reports"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["kind"] == "not_encoded")
        .filter_map(|c| c["checks"][0]["stated"]["text"].as_str())
        .collect();
    assert_eq!(left, ["4,100", "12%", "2.5 million"]);
    let r = yoy(&["check", SPEC, "--fail-on", "not-encoded"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn not_encoded_numbers_in_every_format() {
    for format in [
        "table", "json", "csv", "markdown", "junit", "github", "sarif",
    ] {
        let r = yoy(&["check", SPEC, "--format", format, "--today=2026-01-01"]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(r.stdout.contains("4,100"), "{format}");
        insta::assert_snapshot!(format!("coverage_{format}"), r.stdout);
    }
}

#[test]
fn a_spec_with_a_source_and_no_claims_is_checked() {
    let d = temp_dir("coverage-no-claims");
    let spec = d.join("draft.yaml");
    let source = std::fs::canonicalize("tests/coverage/report.txt").expect("source");
    std::fs::write(
        &spec,
        format!(
            "report: {{id: draft, language: en, source: {}}}\nindicators:\n  calls: {{values: {{2024: {{value: 15210, line: 2, as_written: \"15,210\"}}}}}}\n",
            source.display()
        ),
    )
    .expect("write");
    let r = yoy(&["check", &spec.to_string_lossy(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["reports"][0]["provenance"]["as_printed"], 1);
    assert_eq!(v["reports"][0]["coverage"]["recorded"], 1);
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn the_dgsn_spec_accounts_for_every_number_of_its_article() {
    let r = yoy(&[
        "check",
        "specs/dgsn-2024.yaml",
        "--format",
        "json",
        "--fail-on",
        "not-encoded",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let cov = &v["reports"][0]["coverage"];
    assert_eq!(cov["not_encoded"], 0, "{cov}");
    assert!(cov["recorded"].as_u64().is_some_and(|n| n >= 85), "{cov}");
}

/// A figure recorded with one plain space is found where the source spaces
/// it otherwise (a narrow no-break space, a no-break space): provenance and
/// coverage find it alike, so none of its digits is left out.
#[test]
fn a_figure_spaced_otherwise_in_the_source_is_recorded() {
    let r = yoy(&["check", "tests/coverage/spaced.yaml", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let report = &v["reports"][0];
    assert_eq!(
        report["provenance"]["as_printed"], 2,
        "{}",
        report["provenance"]
    );
    assert_eq!(report["coverage"]["recorded"], 2, "{}", report["coverage"]);
    assert_eq!(
        report["coverage"]["not_encoded"], 0,
        "{}",
        report["coverage"]
    );
}
