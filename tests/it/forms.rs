//! The claim forms real reports use (`tests/forms/`): each spec's table and
//! JSON snapshot-tested, each claim's verdict and working asserted, and the
//! working of one claim of each form shown by `yoy explain`.

use crate::common::*;

const TODAY: &str = "--today=2026-01-01";

const FORMS: [&str; 6] = [
    "change_by",
    "qualifiers",
    "expressions",
    "factors",
    "cagr",
    "scrutiny",
];

fn run_json(form: &str) -> serde_json::Value {
    let spec = format!("tests/forms/{form}.yaml");
    let r = yoy(&["check", &spec, "--format", "json", TODAY]);
    assert!(r.code == 0 || r.code == 1, "{form}: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON")
}

fn claim<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["reports"][0]["claims"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("no claim {id}"))
}

#[test]
fn every_form_in_table_and_json() {
    for form in FORMS {
        let spec = format!("tests/forms/{form}.yaml");
        let table = yoy(&["check", &spec, "-v", TODAY]);
        assert!(
            table.code == 0 || table.code == 1,
            "{form}: {}",
            table.stderr
        );
        insta::assert_snapshot!(format!("forms_{form}_table"), table.stdout);
        let json = yoy(&["check", &spec, "--format", "json", TODAY]);
        insta::assert_snapshot!(format!("forms_{form}_json"), json.stdout);
    }
}

#[test]
fn every_form_decides_as_the_arithmetic_says() {
    let want: &[(&str, &[(&str, &str)])] = &[
        (
            "change_by",
            &[
                ("thefts_33_fewer", "consistent"),
                ("burglaries_33_fewer", "consistent"),
                ("frauds_both_given", "consistent"),
                ("assaults_no_base", "inconsistent"),
                ("budget_by_and_pct", "consistent"),
                ("frauds_by_only", "consistent"),
            ],
        ),
        (
            "qualifiers",
            &[
                ("sanctions_nearly_half", "consistent"),
                ("sanctions_more_than_half", "inconsistent"),
                ("arrests_just_over_half", "inconsistent"),
                ("arrests_at_least", "consistent"),
                ("upheld_less_than_half", "consistent"),
                ("upheld_nearly_half_strict", "inconsistent"),
                ("upheld_about", "consistent"),
                ("visits_at_most", "unverifiable"),
            ],
        ),
        (
            "expressions",
            &[
                ("casualties_per_accident", "consistent"),
                ("accidents_per_week", "consistent"),
                ("burglary_rate", "consistent"),
                ("burglary_rate_change", "consistent"),
                ("dead_share_of_casualties", "consistent"),
                ("cities_within_total", "inconsistent"),
                ("upheld_share_of_two_cities", "unverifiable"),
            ],
        ),
        (
            "factors",
            &[
                ("cybercrime_doubled", "consistent"),
                ("seizures_tripled", "inconsistent"),
                ("road_deaths_halved", "consistent"),
                ("raids_four_times_more", "inconsistent"),
                ("raids_four_times_more_plus_one", "consistent"),
                ("clearance_doubled", "consistent"),
                ("patrols_doubled", "unverifiable"),
            ],
        ),
        (
            "cagr",
            &[
                ("passports_cagr", "consistent"),
                ("passports_cagr_wrong", "inconsistent"),
                ("passports_linear", "consistent"),
                ("staff_cagr", "unverifiable"),
                // No rate of growth from nothing: a zero base.
                ("drones_cagr", "unverifiable"),
            ],
        ),
        (
            "scrutiny",
            &[
                ("trust_mean", "inconsistent"),
                ("trust_mean_ok", "consistent"),
                ("scale_mean_three_items", "consistent"),
                ("trust_mean_2023", "unverifiable"),
                ("satisfaction_mean_sd", "consistent"),
                ("satisfaction_mean_sd_wrong", "inconsistent"),
                ("victims_female", "consistent"),
                ("victims_female_wrong", "inconsistent"),
            ],
        ),
    ];
    for (form, claims) in want {
        let v = run_json(form);
        for (id, verdict) in *claims {
            assert_eq!(claim(&v, id)["verdict"], *verdict, "{form} {id}");
        }
    }
}

#[test]
fn missing_figures_imply_their_ranges() {
    let range = |form: &str, id: &str| {
        let v = run_json(form);
        let imp = claim(&v, id)["checks"][0]["implied"].clone();
        (
            imp["indicator"].as_str().unwrap_or("").to_string(),
            imp["range"]["lo"].as_f64(),
            imp["range"]["hi"].as_f64(),
        )
    };
    // 33 fewer, down 5 %: 33 / 0.055 = 600 to 33 / 0.045 = 733.3.
    assert_eq!(
        range("change_by", "thefts_33_fewer"),
        ("thefts".into(), Some(600.0), Some(733.0))
    );
    // 627 now, 33 fewer: 660 before, and 33 / 660 = 5 %.
    assert_eq!(
        range("change_by", "burglaries_33_fewer"),
        ("burglaries".into(), Some(660.0), Some(660.0))
    );
    // At most +10 % on 800: 800 to 880.
    assert_eq!(
        range("qualifiers", "visits_at_most"),
        ("visits".into(), Some(800.0), Some(880.0))
    );
    // Doubled from 400, the default band: 800 ± 40.
    assert_eq!(
        range("factors", "patrols_doubled"),
        ("patrols".into(), Some(760.0), Some(840.0))
    );
    // 22 % of 790 complaints: 170 to 177.
    assert_eq!(
        range("expressions", "upheld_share_of_two_cities"),
        ("complaints_upheld".into(), Some(170.0), Some(177.0))
    );
    // 3 % a year for five years from 70 000: 70 000·1.025^5 to 70 000·1.035^5.
    assert_eq!(
        range("cagr", "staff_cagr"),
        ("staff".into(), Some(79_199.0), Some(83_138.0))
    );
    // A mean whose number of answers is missing implies nothing.
    let v = run_json("scrutiny");
    assert!(claim(&v, "trust_mean_2023")["checks"][0]["implied"].is_null());
}

#[test]
fn explain_shows_the_working_of_every_form() {
    for (form, id) in [
        ("change_by", "thefts_33_fewer"),
        ("qualifiers", "sanctions_nearly_half"),
        ("expressions", "burglary_rate_change"),
        ("factors", "raids_four_times_more_plus_one"),
        ("cagr", "passports_cagr_wrong"),
        ("scrutiny", "trust_mean"),
        ("scrutiny", "satisfaction_mean_sd_wrong"),
        ("scrutiny", "victims_female"),
    ] {
        let spec = format!("tests/forms/{form}.yaml");
        let r = yoy(&["explain", &spec, id, TODAY]);
        assert!(r.code == 0 || r.code == 1, "{form} {id}: {}", r.stderr);
        assert!(r.stdout.contains("4. comparison"), "{}", r.stdout);
        insta::assert_snapshot!(format!("forms_explain_{id}"), r.stdout);
    }
}
