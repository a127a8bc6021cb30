//! The HTML report: it parses, every claim has its section, every chart is
//! valid SVG, nothing in it runs or loads (no script, no link out), hostile
//! text is shown as text; snapshot-tested; and in a headless Chromium, where
//! there is one, it renders every claim with no console error.

use crate::common::*;

const TODAY: &str = "--today=2026-01-01";

fn html(args: &[&str]) -> String {
    let r = yoy(args);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r.stdout
}

/// The claims a spec's JSON report lists (not a panel's rows, not the
/// numbers a spec leaves out).
fn claim_ids(spec: &str) -> Vec<String> {
    let r = yoy(&["check", spec, "--format", "json", TODAY]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    v["reports"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["dataset"].is_null() && c["kind"] != "not_encoded")
        .filter_map(|c| c["id"].as_str().map(str::to_string))
        .collect()
}

fn structure(page: &str, ids: &[String]) {
    let dom = tl::parse(page, tl::ParserOptions::default()).expect("the page parses");
    let parser = dom.parser();
    let sections: Vec<String> = dom
        .query_selector("section.claim")
        .expect("selector")
        .filter_map(|h| {
            h.get(parser)?
                .as_tag()?
                .attributes()
                .id()
                .map(|i| i.as_utf8_str().into_owned())
        })
        .collect();
    for id in ids {
        // The id as the page writes it (maud escapes it; tl reads it back).
        assert!(
            sections
                .iter()
                .any(|s| s == &format!("claim-{}", crate::html::visible(id))),
            "no section for {id}: {sections:?}"
        );
    }
    assert_eq!(sections.len(), ids.len(), "one section a claim");
    // Nothing runs and nothing is loaded from elsewhere.
    assert!(
        dom.query_selector("script")
            .expect("selector")
            .next()
            .is_none()
    );
    assert!(
        dom.query_selector("link")
            .expect("selector")
            .next()
            .is_none()
    );
    assert!(
        dom.query_selector("img")
            .expect("selector")
            .next()
            .is_none()
    );
    assert!(page.contains("<meta charset=\"utf-8\">"));
    // Every chart is valid SVG.
    let mut rest = page;
    let mut charts = 0;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("a closed svg") + start + "</svg>".len();
        let doc = roxmltree::Document::parse(&rest[start..end])
            .unwrap_or_else(|e| panic!("invalid SVG: {e}\n{}", &rest[start..end]));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        charts += 1;
        rest = &rest[end..];
    }
    assert!(charts > 0, "no chart");
}

/// An id as the page shows it: control characters made visible.
pub(crate) fn visible(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[test]
fn every_claim_has_its_section_and_every_chart_is_svg() {
    for spec in [
        "tests/specs/wrong.yaml",
        "tests/forms/change_by.yaml",
        "tests/forms/scrutiny.yaml",
        "tests/forms/factors.yaml",
        "tests/panels/shares.yaml",
        "tests/provenance/wrong.yaml",
    ] {
        let page = html(&["check", spec, "--format", "html", TODAY]);
        structure(&page, &claim_ids(spec));
    }
    // A failing claim has its chart: stated against computed.
    let page = html(&["check", "tests/specs/wrong.yaml", "--format", "html", TODAY]);
    assert!(page.contains("the stated interval against the computed one"));
    // compare's page has a series chart a indicator of several years.
    let page = html(&["compare", "tests/specs/wrong.yaml", "--format", "html"]);
    assert!(page.contains("by year"), "{page}");
}

#[test]
fn hostile_text_is_text() {
    let page = html(&[
        "check",
        "tests/hostile/text.yaml",
        "--format",
        "html",
        TODAY,
    ]);
    assert!(
        !page.contains("<img src=x"),
        "markup from a spec is escaped"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("<script>alert"), "no script from a spec");
    assert!(
        !page.contains('\u{202E}'),
        "a direction override is shown, not obeyed"
    );
    assert!(!page.contains('\u{1b}'), "no terminal escape");
}

#[test]
fn arabic_is_right_to_left_and_the_run_is_said() {
    let page = html(&[
        "check",
        "tests/provenance/ok.yaml",
        "--format",
        "html",
        TODAY,
    ]);
    assert!(page.contains("Made by yoy"), "version");
    assert!(page.contains("on 2026-01-01"), "date");
    assert!(
        page.contains("yoy check tests/provenance/ok.yaml --format html"),
        "command"
    );
    let page = html(&[
        "check",
        "tests/forms/qualifiers.yaml",
        "--format",
        "html",
        TODAY,
    ]);
    assert!(
        page.contains("<blockquote dir=\"auto\">"),
        "English words, direction from the text"
    );
    let d = temp_dir("html-rtl");
    let spec = d.join("ar.yaml");
    std::fs::write(
        &spec,
        "report: {id: ar, year: 2024}\nindicators:\n  a: {values: {2023: 100, 2024: 50}}\nclaims:\n  - {id: down_half, change: a, from: 2023, to: 2024, stated: \"-50%\", says: \"بانخفاض قدره 50 بالمائة\"}\n",
    )
    .expect("write");
    let page = html(&["check", &spec.to_string_lossy(), "--format", "html", TODAY]);
    assert!(
        page.contains("<blockquote dir=\"rtl\" lang=\"ar\">بانخفاض قدره 50 بالمائة</blockquote>"),
        "{page}"
    );
}

#[test]
fn the_page_as_written() {
    insta::assert_snapshot!(
        "html_wrong",
        html(&["check", "tests/specs/wrong.yaml", "--format", "html", TODAY])
    );
    insta::assert_snapshot!(
        "html_shares_panel",
        html(&[
            "check",
            "tests/panels/shares.yaml",
            "--format",
            "html",
            TODAY
        ])
    );
}

/// A page opened in headless Chromium: its DOM and a screenshot.
#[cfg(chromium)]
fn browse(page: &std::path::Path, png: &std::path::Path) -> (String, String) {
    let url = format!(
        "file://{}",
        std::fs::canonicalize(page).expect("page").display()
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ];
        args.extend_from_slice(extra);
        args.push(&url);
        std::process::Command::new("chromium")
            .args(&args)
            .output()
            .expect("chromium runs")
    };
    let shot = format!("--screenshot={}", png.display());
    let out = run(&[&shot, "--window-size=1100,1600"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = run(&["--dump-dom"]);
    (
        String::from_utf8_lossy(&dom.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&dom.stderr),
    )
}

#[test]
#[cfg_attr(
    not(chromium),
    ignore = "SKIPPED: needs Chromium (Debian's chromium package)"
)]
fn chromium_renders_every_claim() {
    #[cfg(chromium)]
    {
        let dir = std::path::Path::new("target/screenshots");
        std::fs::create_dir_all(dir).expect("dir");
        let mut pages = vec![("shares", "tests/panels/shares.yaml")];
        if std::path::Path::new("../shared/seed/000_cc7168cccc206e54.txt").exists() {
            pages.push(("dgsn", "specs/dgsn-2024.yaml"));
        }
        for (name, spec) in pages {
            let page = dir.join(format!("{name}.html"));
            let png = dir.join(format!("{name}.png"));
            std::fs::write(&page, html(&["check", spec, "--format", "html", TODAY]))
                .expect("write");
            let (dom, log) = browse(&page, &png);
            for id in claim_ids(spec) {
                assert!(
                    dom.contains(&format!("id=\"claim-{id}\"")),
                    "{name}: {id} not rendered"
                );
            }
            assert!(!log.contains("Uncaught"), "{name}: a console error:\n{log}");
            assert!(
                !log.contains(":CONSOLE("),
                "{name}: a console message:\n{log}"
            );
            let bytes = std::fs::read(&png).expect("a screenshot");
            assert!(
                bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
                "{name}: {} bytes",
                bytes.len()
            );
            if name == "dgsn" {
                // The Arabic words are in the page, right to left.
                assert!(dom.contains("dir=\"rtl\" lang=\"ar\""), "no Arabic");
            }
        }
    }
}
