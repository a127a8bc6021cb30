//! Every figure a spec records against its source text (`tests/provenance/`):
//! sources in Arabic, French and English whose figures are all as printed,
//! one spec that goes wrong in each way there is, in every format, and the
//! DGSN spec against its article.

use crate::common::*;

fn json(spec: &str) -> (i32, serde_json::Value) {
    let r = yoy(&["check", spec, "--format", "json"]);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{spec}: {e}\n{}", r.stderr));
    (r.code, v)
}

#[test]
fn sources_in_three_languages_print_every_figure_as_recorded() {
    for (spec, lang, figures, counted) in [
        ("tests/provenance/ok.yaml", "ar", 9, 1),
        ("tests/provenance/ok_fr.yaml", "fr", 9, 0),
        ("tests/provenance/ok_en.yaml", "en", 9, 0),
    ] {
        let (code, v) = json(spec);
        assert_eq!(code, 0, "{spec}");
        let p = &v["reports"][0]["provenance"];
        assert_eq!(p["checked"], true, "{spec}");
        assert_eq!(p["language"], lang, "{spec}");
        assert_eq!(p["figures"], figures, "{spec}");
        assert_eq!(p["as_printed"], figures - counted, "{spec}");
        assert_eq!(p["counted"], counted, "{spec}");
        assert_eq!(p["misrecorded"], 0, "{spec}");
        assert_eq!(v["summary"]["misrecorded"], 0, "{spec}");
    }
    let r = yoy(&["check", "tests/provenance/ok.yaml"]);
    insta::assert_snapshot!("provenance_ok_table", r.stdout);
}

#[test]
fn each_way_a_figure_is_misrecorded_is_found() {
    let (code, v) = json("tests/provenance/wrong.yaml");
    assert_eq!(code, 1, "a misrecorded figure fails the run");
    let reason = |id: &str| {
        let f = v["reports"][0]["claims"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == id))
            .unwrap_or_else(|| panic!("no finding {id}"));
        assert_eq!(f["kind"], "provenance");
        assert_eq!(f["verdict"], "misrecorded");
        f["checks"][0]["reason"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(reason("cards 2024"), "reads_otherwise");
    assert_eq!(reason("adult_cards 2024"), "not_on_line");
    assert_eq!(reason("sanctions 2024"), "no_such_line");
    assert_eq!(reason("cities 2024"), "no_figure_printed");
    assert_eq!(reason("views 2024"), "bound_differs");
    assert_eq!(reason("sanctions_change 2024"), "reads_otherwise");
    assert_eq!(v["summary"]["misrecorded"], 6);
    // Not claims: the summary's claims are the spec's one claim.
    assert_eq!(v["summary"]["claims"], 1);
    assert_eq!(v["reports"][0]["provenance"]["as_printed"], 1);
}

#[test]
fn misrecorded_figures_in_every_format() {
    for format in [
        "table", "json", "csv", "markdown", "junit", "github", "sarif",
    ] {
        let r = yoy(&[
            "check",
            "tests/provenance/wrong.yaml",
            "--format",
            format,
            "--today=2026-01-01",
        ]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert!(r.stdout.contains("cards 2024"), "{format}");
        insta::assert_snapshot!(format!("provenance_wrong_{format}"), r.stdout);
    }
}

#[test]
fn a_source_that_is_not_there_is_said_not_read() {
    let (code, v) = json("tests/provenance/unread.yaml");
    assert_eq!(code, 0, "the claims hold; the source is context, not input");
    let p = &v["reports"][0]["provenance"];
    assert_eq!(p["checked"], false);
    assert!(
        p["unread"]
            .as_str()
            .is_some_and(|w| w.contains("not found")),
        "{p}"
    );
    let r = yoy(&["check", "tests/provenance/unread.yaml"]);
    assert!(r.stdout.contains("not read"), "{}", r.stdout);
}

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/"
)]
fn the_dgsn_spec_records_every_figure_as_its_article_prints_it() {
    let (code, v) = json("specs/dgsn-2024.yaml");
    assert_eq!(code, 0);
    let p = &v["reports"][0]["provenance"];
    assert_eq!(p["checked"], true, "{p}");
    assert_eq!(p["misrecorded"], 0, "{p}");
    assert_eq!(p["unlocated"], 0, "{p}");
    // Every figure of the spec, 86 of them read from the article as printed
    // and the five it says in words the reader does not take for figures
    // (lists of places, a promotion).
    assert_eq!(p["figures"], 91, "{p}");
    assert_eq!(p["as_printed"], 86, "{p}");
    assert_eq!(p["counted"], 5, "{p}");
}
