//! `yoy extract`: a draft spec from a report's text. On texts whose figures
//! were counted by hand (`tests/extract/*.figures`, one `line<TAB>value` a
//! figure) and on the DGSN article against its spec: how many figures it
//! finds, how many it finds that are none; the draft loads and checks clean.

use crate::common::*;
use std::collections::HashMap;
use std::path::Path;

/// (line, value) of every figure a spec records.
fn figures(spec: &Path, with_counted: bool) -> Vec<(u32, String)> {
    let s = yoy::spec::load(spec).unwrap_or_else(|e| panic!("{}: {e:?}", spec.display()));
    let mut out = Vec::new();
    for ind in &s.indicators {
        for f in &ind.figures {
            if let Some(l) = f.line
                && (with_counted || !f.counted)
            {
                out.push((l, format!("{}", f.value)));
            }
        }
    }
    out
}

/// Figures found of those expected, and figures found that are none.
fn measure(found: &[(u32, String)], expected: &[(u32, String)]) -> (usize, usize) {
    let mut left: HashMap<&(u32, String), usize> = HashMap::new();
    for e in expected {
        *left.entry(e).or_default() += 1;
    }
    let mut hits = 0;
    let mut spurious = 0;
    for f in found {
        match left.get_mut(f) {
            Some(n) if *n > 0 => {
                *n -= 1;
                hits += 1;
            }
            _ => spurious += 1,
        }
    }
    (hits, spurious)
}

fn extract(source: &str, name: &str) -> std::path::PathBuf {
    let d = temp_dir(name);
    let draft = d.join("draft.yaml");
    let r = yoy(&["extract", source, "-o", &draft.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("figures on"),
        "progress on stderr: {}",
        r.stderr
    );
    draft
}

#[test]
fn hand_counted_texts_in_french_and_english() {
    for (text, name, spurious_max) in [
        ("tests/extract/bilan_fr.txt", "extract-fr", 0),
        // "call 112 in an emergency" reads as a figure.
        ("tests/extract/review_en.txt", "extract-en", 1),
    ] {
        let draft = extract(text, name);
        let expected: Vec<(u32, String)> =
            std::fs::read_to_string(text.replace(".txt", ".figures"))
                .expect("figures")
                .lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(l, v)| {
                    (
                        l.parse().expect("line"),
                        format!("{}", v.parse::<f64>().expect("value")),
                    )
                })
                .collect();
        let found = figures(&draft, true);
        let (hits, spurious) = measure(&found, &expected);
        assert_eq!(hits, expected.len(), "{text}: every hand-counted figure");
        assert_eq!(spurious, spurious_max, "{text}: {found:?}");
        // The draft loads and checks clean against its source.
        let r = yoy(&[
            "check",
            &draft.to_string_lossy(),
            "--format",
            "json",
            "--fail-on",
            "not-encoded",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
        assert_eq!(v["summary"]["misrecorded"], 0);
        assert_eq!(v["summary"]["not_encoded"], 0);
    }
}

#[test]
fn the_draft_as_written() {
    let r = yoy(&["extract", "tests/extract/bilan_fr.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("extract_bilan_fr", r.stdout);
    let r = yoy(&[
        "extract",
        "tests/extract/review_en.txt",
        "--lang",
        "en",
        "--year",
        "2024",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("extract_review_en", r.stdout);
}

#[test]
fn a_text_without_figures_or_a_missing_one_exits_2() {
    let d = temp_dir("extract-empty");
    let empty = d.join("empty.txt");
    std::fs::write(
        &empty,
        "Nothing to count here, only words.\nPublished in 2024.\n",
    )
    .expect("write");
    let r = yoy(&["extract", &empty.to_string_lossy()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("prints no figure"), "{}", r.stderr);
    let r = yoy(&["extract", "tests/extract/no_such.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read the report text"),
        "{}",
        r.stderr
    );
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn the_dgsn_article_against_its_spec() {
    let draft = extract("../shared/seed/000_cc7168cccc206e54.txt", "extract-dgsn");
    let found = figures(&draft, true);
    let printed = figures(Path::new("specs/dgsn-2024.yaml"), false);
    let all = figures(Path::new("specs/dgsn-2024.yaml"), true);
    let (hits, _) = measure(&found, &printed);
    // Every figure the article prints (86 of the spec's 91; the other five
    // are counted from lists, not printed).
    assert!(
        hits * 100 >= printed.len() * 98,
        "{hits} of {}",
        printed.len()
    );
    let (_, spurious) = measure(&found, &all);
    assert!(
        spurious * 10 <= found.len(),
        "{spurious} of {} spurious",
        found.len()
    );
    let r = yoy(&["check", &draft.to_string_lossy(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
