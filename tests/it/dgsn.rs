//! The DGSN 2024 report, fully encoded: its outputs, its key verdicts, and every
//! recorded figure traced back to its line in the article.

use std::path::Path;
use std::process::Command;

const SPEC: &str = "specs/dgsn-2024.yaml";

fn yoy(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .expect("yoy runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/ (its figures are checked against it)"
)]
fn check_table() {
    let (code, out) = yoy(&["check", SPEC]);
    // No relation the article asserts fails: its two oddities are questions.
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 questionable"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/ (its figures are checked against it)"
)]
fn check_json() {
    let (code, out) = yoy(&["check", SPEC, "--format", "json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
    // Questions fail CI only when asked to.
    let (code, _) = yoy(&["check", SPEC, "--fail-on", "questionable"]);
    assert_eq!(code, 1);
}

#[test]
fn compare_table() {
    let (code, out) = yoy(&["compare", SPEC]);
    assert_eq!(code, 0);
    // Every indicator with more than one year has a series line.
    for ind in [
        "fake_news_denials",
        "violent_content",
        "hajj_partial_coverage",
    ] {
        assert!(out.contains(ind), "{ind} missing from the series");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn the_verdicts_an_auditor_needs() {
    let (_, out) = yoy(&["check", SPEC, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let claims = v["reports"][0]["claims"].as_array().expect("claims");
    let verdict = |id: &str| {
        claims
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["verdict"].as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("claim {id}"))
    };
    assert_eq!(verdict("id_cards_by_centre"), "consistent");
    assert_eq!(verdict("id_cards_list_within_total"), "questionable");
    assert_eq!(verdict("recommendations_within_grievances"), "questionable");
    assert_eq!(verdict("sanctions_down_half"), "unverifiable");
    assert_eq!(verdict("media_activities_by_type"), "consistent");
    assert_eq!(verdict("followers_by_platform"), "consistent");
    assert_eq!(verdict("hajj_by_coverage"), "consistent");
    let shares = claims
        .iter()
        .find(|c| c["id"] == "grievance_recommendation_shares")
        .expect("shares");
    assert_eq!(shares["checks"][0]["remainder"]["lo"], 7.0);
    assert_eq!(shares["checks"][0]["remainder"]["hi"], 9.0);
}

/// Every figure of the spec carries its line in the article and the figure as
/// printed; that line must still contain it.
#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn every_figure_is_on_its_recorded_line() {
    let spec = yoy::spec::load(Path::new(SPEC)).unwrap_or_else(|e| panic!("{SPEC} loads: {e:?}"));
    let source = Path::new(
        spec.report
            .source
            .as_deref()
            .expect("the spec names its source"),
    );
    let text = std::fs::read_to_string(source)
        .unwrap_or_else(|e| panic!("the article {}: {e}", source.display()));
    let lines: Vec<&str> = text.split('\n').collect();
    let mut checked = 0;
    for ind in &spec.indicators {
        for f in &ind.figures {
            let line = f
                .line
                .unwrap_or_else(|| panic!("{} {} has no line", ind.id, f.year));
            let written = f
                .as_written
                .as_deref()
                .unwrap_or_else(|| panic!("{} {} has no as_written", ind.id, f.year));
            let src = lines
                .get(line as usize - 1)
                .unwrap_or_else(|| panic!("{} {}: no line {line}", ind.id, f.year));
            assert!(
                src.contains(written),
                "{} {}: line {line} does not contain {written:?}",
                ind.id,
                f.year
            );
            checked += 1;
        }
    }
    assert!(checked >= 85, "only {checked} figures checked");
}

#[test]
fn the_table_fits_a_hundred_columns() {
    let (code, out) = yoy(&["check", SPEC]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    // The title (the spec's own words) and the summary line aside, every
    // line of the table and of the working below it fits 100 columns.
    for line in &lines[1..lines.len().saturating_sub(1)] {
        if line.contains(" claims: ") {
            continue;
        }
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    // The working of what is not consistent is there; of what is, not.
    let unwrapped = out.replace("\n  ", " ");
    assert!(
        unwrapped.contains("35 more recommendations than grievances"),
        "{out}"
    );
    assert!(!out.contains("within rounding"), "{out}");
    let (_, verbose) = yoy(&["check", SPEC, "--verbose"]);
    assert!(verbose.lines().count() > out.lines().count());
}
