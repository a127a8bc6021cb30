//! Boundaries decided exactly: the defects of the issue "Exact at every
//! boundary", each a spec claim with its verdict and message.

use crate::common::*;

#[test]
fn boundaries_are_decided_exactly() {
    let r = yoy(&[
        "check",
        "tests/specs/exact_boundaries.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let claim = |id: &str| {
        v["reports"][0]["claims"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == id))
            .unwrap_or_else(|| panic!("claim {id}"))
            .clone()
    };
    for (id, verdict, reason) in [
        ("mean_half_up", "inconsistent", "no_whole_number_fits"),
        ("mean_truncated", "inconsistent", "no_whole_number_fits"),
        ("down_250_base_missing", "inconsistent", "fall_beyond_all"),
        ("down_250_both_missing", "inconsistent", "fall_beyond_all"),
        (
            "share_120_whole_missing",
            "inconsistent",
            "part_beyond_whole",
        ),
        ("third_eleven_decimals", "consistent", ""),
        ("sanctions_down_half", "unverifiable", "missing_figure"),
        ("amount_more_than_equal", "inconsistent", ""),
        ("amount_more_than_within", "inconsistent", ""),
    ] {
        let c = claim(id);
        assert_eq!(c["verdict"], verdict, "{id}");
        let got = c["checks"][0]["reason"].as_str().unwrap_or("");
        assert_eq!(got, reason, "{id}");
    }
    // 3 of 9 is the one whole number that fits.
    let g = &claim("third_eleven_decimals")["checks"][0]["granularity"]["fitting"];
    assert_eq!(g, &serde_json::json!([3, 3]));
    // 1 263 after a fall of 50 % (any rounding, [49.5, 50.5]): 1 263 / 0.505
    // is 2 500.99, 1 263 / 0.495 is 2 551.5: 2 501 to 2 551.
    let imp = &claim("sanctions_down_half")["checks"][0]["implied"]["range"];
    assert_eq!(
        (imp["lo"].as_f64(), imp["hi"].as_f64()),
        (Some(2501.0), Some(2551.0))
    );
    let table = yoy(&["check", "tests/specs/exact_boundaries.yaml"]);
    insta::assert_snapshot!(table.stdout);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn shared_unknowns_are_solved_jointly() {
    let r = yoy(&["check", "tests/specs/joint.yaml", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let claims = v["reports"][0]["claims"].as_array().expect("claims");
    let get = |id: &str| {
        claims
            .iter()
            .find(|c| c["id"] == id)
            .expect("claim")
            .clone()
    };
    for id in ["down_half", "files_within", "down_60"] {
        let c = get(id);
        assert_eq!(c["verdict"], "inconsistent", "{id}");
        assert_eq!(c["checks"][0]["reason"], "no_joint_value", "{id}");
        assert_eq!(
            c["checks"][0]["implied"]["shared_with"]
                .as_array()
                .map(Vec::len),
            Some(2),
            "{id}"
        );
    }
    // 120 after +20 % (either way at a half: 99.6 to 100.4) and after +20 %
    // truncated (99.2 to 100): both ask for 100; unverifiable, and agreed.
    for id in ["up_20", "up_20_truncated"] {
        let c = get(id);
        assert_eq!(c["verdict"], "unverifiable", "{id}");
        let imp = &c["checks"][0]["implied"];
        assert_eq!(imp["shared_with"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            (imp["range"]["lo"].as_f64(), imp["range"]["hi"].as_f64()),
            (Some(100.0), Some(100.0))
        );
    }
    insta::assert_snapshot!(yoy(&["check", "tests/specs/joint.yaml"]).stdout);
}

#[test]
fn every_rounding_rule_reads_a_half_as_the_contract_says() {
    let r = yoy(&[
        "check",
        "tests/specs/rounding_rules.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let claims = v["reports"][0]["claims"].as_array().expect("claims");
    for (id, want) in [
        ("up_or_down_above", "consistent"),
        ("half_up_above", "inconsistent"),
        ("half_down_above", "consistent"),
        ("half_even_above", "consistent"),
        ("half_even_odd", "inconsistent"),
        ("truncate_above", "consistent"),
        ("floor_below", "inconsistent"),
        ("ceiling_below", "consistent"),
        ("either_below", "consistent"),
        ("exact_above", "inconsistent"),
    ] {
        let c = claims.iter().find(|c| c["id"] == id).expect("claim");
        assert_eq!(c["verdict"], want, "{id}");
    }
    insta::assert_snapshot!(
        yoy(&[
            "explain",
            "tests/specs/rounding_rules.yaml",
            "half_up_above"
        ])
        .stdout
    );
}
