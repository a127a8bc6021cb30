//! The README (and the pages it links to) shows real output: these
//! tests fail when it drifts from what yoy prints.

use std::process::Command;

fn stdout(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("yoy runs");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

// The example's figures are checked against the DGSN article, which the
// output then names: the shown output is the one with the article beside.
#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn the_example_output_is_current() {
    let shown = stdout(&["check", "specs/example.yaml"]);
    assert!(
        readme().contains(&shown),
        "README's example differs from:\n{shown}"
    );
}

#[test]
fn the_explain_example_is_current() {
    let shown = stdout(&["explain", "tests/specs/wrong.yaml", "cases_up_a_quarter"]);
    assert!(
        readme().contains(&shown),
        "README's explain example differs from:\n{shown}"
    );
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn the_dgsn_markdown_summary_is_current() {
    let shown = stdout(&["check", "specs/dgsn-2024.yaml", "--format", "markdown"]);
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/markdown-summary.md"
    ))
    .expect("docs/markdown-summary.md");
    assert!(
        page.contains(&shown),
        "docs/markdown-summary.md differs from:\n{shown}"
    );
}

#[test]
fn the_first_lines_are_the_two_commands() {
    let text = readme();
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("```sh"))
        .skip(1)
        .take(2)
        .collect();
    assert!(
        block[0].starts_with("cargo run -- check specs/example.yaml"),
        "{block:?}"
    );
    assert!(block[1].starts_with("cargo test"), "{block:?}");
}

/// The sample of a bad spec's messages in docs/reliability.md is what yoy
/// prints for it.
#[test]
fn the_bad_spec_sample_is_current() {
    let out = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["check", "tests/bad_specs/claim_unknown_indicator_typo.yaml"])
        .env("NO_COLOR", "1")
        .output()
        .expect("yoy runs");
    let shown = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reliability.md"))
        .expect("docs/reliability.md");
    assert!(
        page.contains(&shown),
        "docs/reliability.md's sample differs from:\n{shown}"
    );
}
