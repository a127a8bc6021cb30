//! Every output format on the shipped specs, snapshot-tested, and checked by
//! real parsers where a schema matters (JUnit XML, SARIF, CSV).

use crate::common::*;

use std::path::Path;

const TODAY: &str = "--today=2026-01-01";

#[test]
#[cfg_attr(
    not(shared_material),
    ignore = "SKIPPED: needs the article in ../shared/seed/ (its figures are checked against it)"
)]
fn every_check_format_on_the_shipped_specs() {
    for spec in ["specs/example.yaml", "specs/dgsn-2024.yaml"] {
        for format in ["csv", "markdown", "junit", "github", "sarif"] {
            let r = yoy(&["check", spec, "--format", format, TODAY]);
            assert!(r.code == 0 || r.code == 1, "{spec} {format}: {}", r.stderr);
            let name = format!(
                "check_{}_{format}",
                Path::new(spec)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("spec")
            );
            insta::assert_snapshot!(name, r.stdout);
        }
    }
}

#[test]
fn every_check_format_on_a_panel_of_stated_shares() {
    for format in [
        "table", "json", "csv", "markdown", "junit", "github", "sarif",
    ] {
        let r = yoy(&[
            "check",
            "tests/panels/shares.yaml",
            "--format",
            format,
            TODAY,
        ]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        insta::assert_snapshot!(format!("check_shares_{format}"), r.stdout);
    }
}

#[test]
fn every_compare_format_on_the_shipped_specs() {
    for spec in ["specs/example.yaml", "specs/dgsn-2024.yaml"] {
        for format in ["json", "csv", "markdown"] {
            let r = yoy(&["compare", spec, "--format", format]);
            assert_eq!(r.code, 0, "{spec} {format}: {}", r.stderr);
            let name = format!(
                "compare_{}_{format}",
                Path::new(spec)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("spec")
            );
            insta::assert_snapshot!(name, r.stdout);
        }
    }
    // compare takes only the formats that describe series, and says so.
    let r = yoy(&["compare", "specs/example.yaml", "--format", "junit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("possible values: table, json, csv, markdown"),
        "{}",
        r.stderr
    );
    let help = yoy(&["compare", "--help"]).stdout;
    assert!(!help.contains("junit") && !help.contains("sarif"), "{help}");
}

#[test]
fn junit_follows_junit_10_xsd() {
    // The elements and attributes of junit-10.xsd, the schema Jenkins' xUnit
    // plugin validates JUnit reports against (testsuites > testsuite >
    // properties, testcase > skipped | error | failure, system-out/-err).
    let allowed: &[(&str, &[&str], &[&str])] = &[
        (
            "testsuites",
            &["name", "time", "tests", "failures", "disabled", "errors"],
            &["testsuite"],
        ),
        (
            "testsuite",
            &[
                "name",
                "tests",
                "failures",
                "errors",
                "group",
                "time",
                "disabled",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
                "version",
            ],
            &["properties", "testcase", "system-out", "system-err"],
        ),
        ("properties", &[], &["property"]),
        ("property", &["name", "value"], &[]),
        (
            "testcase",
            &["name", "assertions", "time", "classname", "status"],
            &["skipped", "error", "failure", "system-out", "system-err"],
        ),
        ("skipped", &["message"], &[]),
        ("error", &["message", "type"], &[]),
        ("failure", &["message", "type"], &[]),
    ];
    for spec in [
        "tests/provenance/wrong.yaml",
        "tests/coverage/spec.yaml",
        "tests/panels/shares.yaml",
        "tests/specs/wrong.yaml",
    ] {
        let r = yoy(&[
            "check",
            spec,
            "--format",
            "junit",
            "--fail-on",
            "unverifiable",
        ]);
        let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            let (_, attrs, children) = allowed
                .iter()
                .find(|(n, _, _)| *n == name)
                .unwrap_or_else(|| panic!("{spec}: <{name}> is not in junit-10.xsd"));
            for a in node.attributes() {
                assert!(
                    attrs.contains(&a.name()),
                    "{spec}: <{name} {}> is not in junit-10.xsd",
                    a.name()
                );
            }
            for c in node.children().filter(|c| c.is_element()) {
                assert!(
                    children.contains(&c.tag_name().name()),
                    "{spec}: <{}> inside <{name}>",
                    c.tag_name().name()
                );
            }
        }
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        // Required by the schema: a suite's name and tests, a case's name.
        for s in root.children().filter(|n| n.has_tag_name("testsuite")) {
            assert!(s.attribute("name").is_some() && s.attribute("tests").is_some());
            for c in s.children().filter(|n| n.has_tag_name("testcase")) {
                assert!(c.attribute("name").is_some());
            }
        }
    }
}

#[test]
fn junit_is_what_gitlab_and_jenkins_read() {
    let r = yoy(&[
        "check",
        "specs/dgsn-2024.yaml",
        "specs/example.yaml",
        "--format",
        "junit",
        "--fail-on",
        "unverifiable",
    ]);
    assert_eq!(r.code, 1);
    let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 2);
    let attr = |n: &roxmltree::Node, a: &str| {
        n.attribute(a)
            .unwrap_or_else(|| panic!("{} lacks {a}", n.tag_name().name()))
            .to_string()
    };
    let mut failures = 0;
    let mut errors = 0;
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "testcase")
            .collect();
        assert_eq!(
            attr(suite, "tests").parse::<usize>().ok(),
            Some(cases.len())
        );
        assert!(!attr(suite, "name").is_empty());
        let mut f = 0;
        let mut e = 0;
        for case in &cases {
            assert_eq!(case.tag_name().name(), "testcase");
            assert!(!attr(case, "name").is_empty() && !attr(case, "classname").is_empty());
            let results: Vec<_> = case.children().filter(|n| n.is_element()).collect();
            assert!(results.len() <= 1, "one result element per testcase");
            for res in results {
                let body = res.text().unwrap_or_default();
                assert!(
                    body.contains(&attr(case, "name")),
                    "the message is in the body: {body}"
                );
                match res.tag_name().name() {
                    "failure" => f += 1,
                    "error" => e += 1,
                    "skipped" => {}
                    other => panic!("unexpected element {other}"),
                }
            }
        }
        assert_eq!(attr(suite, "failures").parse::<usize>().ok(), Some(f));
        assert_eq!(attr(suite, "errors").parse::<usize>().ok(), Some(e));
        failures += f;
        errors += e;
    }
    assert_eq!(
        attr(&root, "failures").parse::<usize>().ok(),
        Some(failures)
    );
    assert_eq!(attr(&root, "errors").parse::<usize>().ok(), Some(errors));
    // The DGSN report's two questions are skipped unless they fail the run.
    assert_eq!((failures, errors), (0, 3));
    let r = yoy(&[
        "check",
        "specs/dgsn-2024.yaml",
        "--format",
        "junit",
        "--fail-on",
        "questionable",
    ]);
    assert_eq!(r.code, 1);
    let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
    let failures = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "failure")
        .count();
    assert_eq!(failures, 4);
}

#[test]
fn sarif_has_what_code_scanning_requires() {
    let r = yoy(&["check", "specs/dgsn-2024.yaml", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "yoy");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 6, "4 questionable + 2 unverifiable");
    for res in results {
        assert!(rules.contains(&res["ruleId"].as_str().unwrap_or_default()));
        assert!(
            ["error", "warning", "note", "none"]
                .contains(&res["level"].as_str().unwrap_or_default())
        );
        assert!(
            !res["message"]["text"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "specs/dgsn-2024.yaml");
        assert!(loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1));
        assert!(res["partialFingerprints"]["claimId/v1"].is_string());
    }
}

/// The results are written one by one into the document: with none, with
/// one and with many it is the JSON serde_json prints whole.
#[test]
fn sarif_written_result_by_result_is_the_whole_document() {
    for args in [
        &[
            "check",
            "specs/example.yaml",
            "--select",
            "fake_news_decline",
        ][..],
        &["check", "specs/example.yaml"][..],
        &["check", "tests/panels/lines.yaml", "--sarif-root", "."][..],
    ] {
        let r = yoy(&[args, &["--format", "sarif"]].concat());
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
        let whole = serde_json::to_string_pretty(&v).expect("print") + "\n";
        assert_eq!(r.stdout, whole, "{args:?}");
    }
}

/// Each rule links to its section of docs/rules.md where the docs are
/// published, when that is given; SARIF wants an absolute address, so a
/// relative one is refused (exit 2), and none is made up without one.
#[test]
fn sarif_rules_link_to_their_help_when_told_where_it_is() {
    let rules = |args: &[&str]| -> Vec<serde_json::Value> {
        let r = yoy(args);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let base = ["check", "specs/example.yaml", "--format", "sarif"];
    let without = rules(&base);
    assert_eq!(without.len(), 5);
    assert!(without.iter().all(|r| r.get("helpUri").is_none()));
    let docs = std::fs::read_to_string("docs/rules.md").expect("docs/rules.md");
    let with = rules(&[&base[..], &["--sarif-help-uri", "https://example.org/yoy"]].concat());
    for rule in &with {
        let id = rule["id"].as_str().unwrap_or_default();
        let uri = rule["helpUri"].as_str().unwrap_or_default();
        let anchor = uri
            .strip_prefix("https://example.org/yoy/docs/rules.md#")
            .unwrap_or_else(|| panic!("{id}: {uri}"));
        // GitHub's anchor of the heading `## yoy/inconsistent`.
        assert!(docs.contains(&format!("## {id}\n")), "{id}");
        assert_eq!(anchor, id.replace('/', ""));
    }
    let r = yoy(&[&base[..], &["--sarif-help-uri", "docs/"]].concat());
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not an absolute http(s) address"),
        "{}",
        r.stderr
    );
}

/// Split one CSV line into its cells, honouring quotes.
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(s) = cells.last_mut() {
                    s.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(String::new()),
            c => {
                if let Some(s) = cells.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    cells
}

#[test]
fn csv_neutralises_formulas_but_not_numbers() {
    let r = yoy(&["check", "tests/specs/hostile.yaml", "--format", "csv"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout);
    let mut lines = r.stdout.lines();
    let header = csv_cells(lines.next().expect("header"));
    let mut negatives = 0;
    for line in lines {
        let cells = csv_cells(line);
        assert_eq!(cells.len(), header.len(), "{line}");
        for cell in &cells {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                let plain = cell.trim_end_matches('%');
                assert!(
                    plain.parse::<f64>().is_ok(),
                    "a formula got through: {cell}"
                );
                if cell.starts_with('-') {
                    negatives += 1;
                }
            }
        }
    }
    assert!(negatives > 0, "negative numbers stay numbers");
    assert!(r.stdout.contains("'=HYPERLINK"));
    assert!(r.stdout.contains("'@SUM(A1:A9)"));
    assert!(r.stdout.contains("'+cmd"));
    assert!(r.stdout.contains("'-2+3"));
}

#[test]
fn several_outputs_in_one_run() {
    let d = temp_dir("many");
    let p = |n: &str| d.join(n).to_string_lossy().into_owned();
    let r = yoy(&[
        "check",
        "specs/dgsn-2024.yaml",
        TODAY,
        "--json",
        &p("r.json"),
        "--junit",
        &p("r.xml"),
        "--markdown",
        &p("r.md"),
        "--csv",
        &p("r.csv"),
        "--sarif",
        &p("r.sarif"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (file, format) in [
        ("r.json", "json"),
        ("r.xml", "junit"),
        ("r.md", "markdown"),
        ("r.csv", "csv"),
        ("r.sarif", "sarif"),
    ] {
        let written = std::fs::read_to_string(d.join(file)).expect("file written");
        let stdout = yoy(&["check", "specs/dgsn-2024.yaml", TODAY, "--format", format]).stdout;
        assert_eq!(written, stdout, "{file} matches --format {format}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("yoy-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn never_writes_over_its_input() {
    let d = temp_dir("input");
    let spec = d.join("wrong.yaml");
    std::fs::copy("tests/specs/wrong.yaml", &spec).expect("copy");
    let before = std::fs::read_to_string(&spec).expect("read");
    let s = spec.to_string_lossy().into_owned();
    let r = yoy(&["check", &s, "--json", &s]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("it is an input spec of this run"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&spec).expect("read"), before);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn waivers_hold_until_their_date() {
    let args = |today: &str| {
        vec![
            "check".to_string(),
            "tests/specs/waivers.yaml".into(),
            "--format".into(),
            "json".into(),
            format!("--today={today}"),
        ]
    };
    let run = |today: &str| {
        let a = args(today);
        let r = yoy(&a.iter().map(String::as_str).collect::<Vec<_>>());
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        (r.code, v)
    };
    let (code, v) = run("2026-01-01");
    let claim = |v: &serde_json::Value, id: &str| {
        v["reports"][0]["claims"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["id"] == id).cloned())
            .expect("claim")
    };
    assert_eq!(claim(&v, "waived_until_2030")["verdict"], "waived");
    assert_eq!(
        claim(&v, "waived_until_2030")["waiver"]["verdict_without_waiver"],
        "inconsistent"
    );
    assert_eq!(claim(&v, "waiver_expired")["verdict"], "inconsistent");
    assert_eq!(claim(&v, "waiver_expired")["waiver"]["expired"], true);
    assert_eq!(claim(&v, "waiver_not_needed")["verdict"], "consistent");
    assert_eq!(code, 1, "the expired waiver counts again");
    // On 2024-06-01 both waivers are live: nothing fails.
    let (code, v) = run("2024-06-01");
    assert_eq!(claim(&v, "waiver_expired")["verdict"], "waived");
    assert_eq!(code, 0);
    let table = yoy(&["check", "tests/specs/waivers.yaml", TODAY]);
    insta::assert_snapshot!(table.stdout);
}

#[test]
fn github_annotations_are_capped_and_summarised() {
    let d = temp_dir("github");
    let mut spec = String::from(
        "report: {id: many, year: 2024}\nindicators:\n  x: {values: {2023: 100, 2024: 120}}\nclaims:\n",
    );
    for i in 0..13 {
        spec.push_str(&format!(
            "  - {{id: wrong_{i:02}, change: x, from: 2023, to: 2024, stated: \"+{}%\"}}\n",
            30 + i
        ));
    }
    let path = d.join("many.yaml");
    std::fs::write(&path, spec).expect("write");
    let summary = d.join("summary.md");
    let r = yoy_env(
        &["check", &path.to_string_lossy(), "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", &summary.to_string_lossy())],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        10
    );
    assert!(
        r.stdout
            .contains("::notice title=yoy::3 more failing claims"),
        "{}",
        r.stdout
    );
    let written = std::fs::read_to_string(&summary).expect("job summary written");
    assert_eq!(written.matches("| inconsistent |").count(), 13, "{written}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn explain_shows_the_working() {
    for (spec, claim, code) in [
        ("specs/example.yaml", "sanctions_down_half", 0),
        ("tests/specs/wrong.yaml", "cases_up_a_quarter", 1),
        ("specs/dgsn-2024.yaml", "grievance_recommendation_shares", 0),
        ("tests/specs/granularity.yaml", "thirty_three_of_seven", 1),
    ] {
        let r = yoy(&["explain", spec, claim]);
        assert_eq!(r.code, code, "{claim}: {}", r.stderr);
        insta::assert_snapshot!(format!("explain_{claim}"), r.stdout);
    }
    let r = yoy(&["explain", "specs/example.yaml", "sanction"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `sanctions_down_half`?"));
}

/// A number that lies within binary rounding of a short decimal without
/// being it (3.5000000000000036 for 3.5, 55.00000000000001 for 55): what
/// arithmetic on the binary figures, not on the printed decimals, leaves.
fn binary_noise(x: f64) -> Option<f64> {
    if x == 0.0 || !x.is_finite() {
        return None;
    }
    (1..=8).find_map(|digits| {
        let short: f64 = format!("{:.*e}", (digits - 1) as usize, x).parse().ok()?;
        (short != x && (short - x).abs() <= 1e-13 * x.abs()).then_some(short)
    })
}

fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.extend(n.as_f64()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

#[test]
fn no_binary_noise_in_any_reported_number() {
    assert_eq!(binary_noise(3.5000000000000036), Some(3.5));
    assert_eq!(binary_noise(0.1 + 0.2), Some(0.3));
    assert_eq!(binary_noise(11.764705882352942), None);
    assert_eq!(binary_noise(3.5), None);
    let mut specs: Vec<String> = ["specs", "tests/forms", "tests/specs", "tests/panels"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    specs.sort();
    let mut seen = 0;
    for spec in &specs {
        for command in ["check", "compare"] {
            let r = yoy(&[command, spec, "--format", "json", TODAY]);
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&r.stdout) else {
                continue;
            };
            let mut found = Vec::new();
            numbers(&json, &mut found);
            seen += found.len();
            for x in found {
                assert_eq!(binary_noise(x), None, "{command} {spec}: {x}");
            }
        }
    }
    // The specs give numbers to look at (most are errors only if broken).
    assert!(seen > 10_000, "only {seen} numbers read");
}

/// A failing value that its usual precision would print as the end of the
/// stated interval (-0.749971 % against "-0.8%", which stands for -0.85 to
/// -0.75) is printed with the decimals that show it outside, in the table
/// and in every one-line verdict.
#[test]
fn a_failing_value_is_never_printed_as_one_that_holds() {
    let dir = temp_dir("precision");
    let spec = dir.join("s.yaml");
    std::fs::write(
        &spec,
        "report: {id: p}\nindicators:\n  deaths: {values: {2015: 3394000, 2016: 3368546}}\nclaims:\n  - {id: down, change: deaths, from: 2015, to: 2016, stated: \"-0.8%\"}\n",
    )
    .expect("write");
    let spec = spec.to_string_lossy().into_owned();
    let table = yoy(&["check", &spec]);
    assert_eq!(table.code, 1, "{}", table.stderr);
    assert!(table.stdout.contains("-0.74997"), "{}", table.stdout);
    assert!(!table.stdout.contains("| -0.75 "), "{}", table.stdout);
    let github = yoy(&["check", &spec, "--format", "github"]);
    assert!(
        github.stdout.contains("computed -0.74997"),
        "{}",
        github.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}
